//! What a waitable resource tells the wait engine: [`Waitable`], implemented by each resource
//! next to its calls, and the [`JobState`] it reports.

use serde::Serialize;

/// Where a polled job stands, as its resource says.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JobState {
    /// Still working; also every status this SDK does not know.
    Running,
    /// Finished successfully: the wait returns the resource.
    Completed,
    /// Finished with a failure: the wait returns [`Error::JobFailed`](crate::Error::JobFailed).
    Failed {
        /// The resource's failure code, when it has one.
        code: Option<String>,
        /// The resource's failure message, when it has one.
        message: Option<String>,
    },
    /// Cannot finish until someone acts (an avatar's `pending_consent`): the wait returns
    /// [`Error::ConsentRequired`](crate::Error::ConsentRequired).
    ConsentRequired,
    /// Cannot go on until the caller answers (a video-agent session's `waiting_for_input`):
    /// the wait returns [`Error::InputRequired`](crate::Error::InputRequired) with the agent's last message.
    InputRequired {
        /// What the agent asked, when it wrote something.
        question: Option<String>,
    },
}

impl JobState {
    /// A failure with the resource's code and message, when it has them.
    pub(crate) fn failed(code: Option<&String>, message: Option<&String>) -> Self {
        JobState::Failed {
            code: code.cloned(),
            message: message.cloned(),
        }
    }
}

/// A resource with a status to wait on.
pub trait Waitable: Serialize {
    /// What it is, for errors and progress: `video`, `lipsync`, …
    const KIND: &'static str;

    /// The status as the API writes it.
    fn status(&self) -> &str;

    /// Whether the status is one this SDK knows (an unknown one counts as running).
    fn recognized(&self) -> bool;

    /// Where the job stands.
    fn state(&self) -> JobState;

    /// The resource's own progress figure (0–100), when it has one.
    fn progress(&self) -> Option<f64> {
        None
    }
}
