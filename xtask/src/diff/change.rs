//! One classified line of a diff: what changed, where, whether it breaks code written against
//! the SDK generated from the old document, and why.

use std::fmt;

use serde::Serialize;

/// What kind of change a line reports (stable names for `--format json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    OperationRemoved,
    OperationMoved,
    OperationRenamed,
    OperationAdded,
    ParameterAdded,
    ParameterRemoved,
    BodyAdded,
    BodyRemoved,
    SchemaAdded,
    SchemaRemoved,
    FieldAdded,
    FieldRemoved,
    RequiredChanged,
    NullableChanged,
    TypeChanged,
    EnumValueAdded,
    EnumValueRemoved,
    UnionMemberAdded,
    UnionMemberRemoved,
}

/// What a line is about: an operation (a generated method) or a component schema (a
/// generated type).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Operation(String),
    Schema(String),
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::Operation(id) => write!(f, "operation `{id}`"),
            Scope::Schema(name) => write!(f, "schema `{name}`"),
        }
    }
}

/// Who writes the values of a schema: the caller (request), the server (response), or both
/// (a component used on both sides, or on none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Request,
    Response,
    Both,
}

impl Side {
    pub fn union(self, other: Side) -> Side {
        if self == other { self } else { Side::Both }
    }

    /// The verdict for this side: on `Both`, a change breaks if it breaks either side.
    pub fn judge(self, request: Verdict, response: Verdict) -> Verdict {
        match self {
            Side::Request => request,
            Side::Response => response,
            Side::Both if response.breaking => response,
            Side::Both => request,
        }
    }
}

/// Whether a change breaks, and the reason given to the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub breaking: bool,
    pub reason: String,
}

pub fn breaking(reason: impl Into<String>) -> Verdict {
    Verdict {
        breaking: true,
        reason: reason.into(),
    }
}

pub fn compatible(reason: impl Into<String>) -> Verdict {
    Verdict {
        breaking: false,
        reason: reason.into(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub breaking: bool,
    pub kind: Kind,
    pub scope: Scope,
    /// Where inside the operation or schema (`response \`data.status\``), or empty.
    pub at: String,
    /// What changed (`enum value "thinking" added`).
    pub change: String,
    pub reason: String,
}

impl Change {
    pub fn new(kind: Kind, scope: Scope, at: String, change: String, verdict: Verdict) -> Self {
        Change {
            breaking: verdict.breaking,
            kind,
            scope,
            at,
            change,
            reason: verdict.reason,
        }
    }

    /// The operation or schema, and the place inside it.
    pub fn subject(&self) -> String {
        if self.at.is_empty() {
            self.scope.to_string()
        } else {
            format!("{} {}", self.scope, self.at)
        }
    }
}

/// `BREAKING schema \`X\` at \`a.b\`: removed — code reading it no longer compiles.`
impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = if self.breaking {
            "BREAKING"
        } else {
            "non-breaking"
        };
        write!(f, "{verdict} {}", self.line())
    }
}

impl Change {
    /// The line without its verdict, as the Markdown report lists it under a verdict heading.
    pub fn line(&self) -> String {
        format!("{}: {} — {}.", self.subject(), self.change, self.reason)
    }
}
