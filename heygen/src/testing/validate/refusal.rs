//! A request the document forbids: the parameter at fault and why.

use super::param::Param;

/// What the simulator answers with 400 `invalid_parameter`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    /// The JSON path of the offending value (`scenes[0].input.expressiveness`), the parameter's
    /// name, or `None` for the body as a whole.
    pub param: Option<String>,
    pub message: String,
    /// How deep `param` goes: of the members of a union that all fail, the one that got
    /// furthest names the fault.
    pub(super) depth: usize,
}

impl Refusal {
    /// `predicate` says what is wrong ("must be one of: …"); the message names the place.
    pub(super) fn at(at: &Param, predicate: impl Into<String>) -> Self {
        let param = at.to_param();
        let predicate = predicate.into();
        let message = match &param {
            Some(name) => format!("'{name}' {predicate}"),
            None => format!("The request body {predicate}"),
        };
        Self {
            param,
            message,
            depth: at.depth(),
        }
    }
}
