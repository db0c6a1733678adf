//! A request the document forbids: the parameter at fault and why.

use std::fmt;

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
    pub(super) fn at(param: &Param, message: impl Into<String>) -> Self {
        Self {
            param: param.to_param(),
            message: message.into(),
            depth: param.depth(),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.param {
            Some(param) => write!(f, "{param}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}
