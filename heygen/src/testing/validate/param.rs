//! The path to a value inside a request, written as HeyGen writes `param`: members joined by
//! `.`, array items by `[i]` (`scenes[0].input.expressiveness`).

use std::fmt::Write as _;

/// One step into a value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Member(String),
    Item(usize),
}

/// Where the walker is; pushed and popped as it descends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Param(Vec<Step>);

impl Param {
    /// The path of a named parameter (a query or path parameter, or a top-level member).
    pub(super) fn named(name: &str) -> Self {
        Self(vec![Step::Member(name.to_string())])
    }

    pub(super) fn member(&self, name: &str) -> Self {
        let mut out = self.clone();
        out.0.push(Step::Member(name.to_string()));
        out
    }

    pub(super) fn item(&self, index: usize) -> Self {
        let mut out = self.clone();
        out.0.push(Step::Item(index));
        out
    }

    /// How deep the path goes (a failed union member that got further is the likelier intent).
    pub(super) fn depth(&self) -> usize {
        self.0.len()
    }

    /// `None` at the root (the body as a whole).
    pub(super) fn to_param(&self) -> Option<String> {
        if self.0.is_empty() {
            return None;
        }
        let mut out = String::new();
        for step in &self.0 {
            match step {
                Step::Member(name) if out.is_empty() => out.push_str(name),
                Step::Member(name) => {
                    out.push('.');
                    out.push_str(name);
                }
                Step::Item(index) => {
                    let _ = write!(out, "[{index}]");
                }
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_are_dotted_and_items_bracketed() {
        let param = Param::default()
            .member("scenes")
            .item(0)
            .member("input")
            .member("expressiveness");
        assert_eq!(
            param.to_param().as_deref(),
            Some("scenes[0].input.expressiveness")
        );
        assert_eq!(Param::default().item(2).to_param().as_deref(), Some("[2]"));
        assert_eq!(Param::default().to_param(), None);
        assert_eq!(param.depth(), 4);
    }
}
