//! How each waitable resource says where its job stands.

use heygen_sys::types::{
    AvatarGroupItem, AvatarLookItem, AvatarStatus, GetSessionResponse, LipsyncDetail,
    ProofreadDetail, ProofreadStatus, SessionMessage, SessionMessageType, VideoAgentSessionStatus,
    VideoDetail, VideoStatus, VideoTranslationDetail, VideoTranslationStatus,
    WorkflowExecutionDetailResponse,
};

use super::{JobState, Waitable};

/// A job whose failure carries a message but no code.
macro_rules! message_only_job {
    ($ty:ident, $kind:literal, $status:ident) => {
        impl Waitable for $ty {
            const KIND: &'static str = $kind;

            open_status!();

            fn state(&self) -> JobState {
                match self.status {
                    $status::Completed => JobState::Completed,
                    $status::Failed => failed(None, self.failure_message.as_ref()),
                    _ => JobState::Running,
                }
            }
        }
    };
}

/// `status()` and `recognized()` for a resource whose `status` field is an open enum.
macro_rules! open_status {
    () => {
        fn status(&self) -> &str {
            self.status.as_str()
        }

        fn recognized(&self) -> bool {
            !self.status.is_unknown()
        }
    };
}

fn failed(code: Option<&String>, message: Option<&String>) -> JobState {
    JobState::Failed {
        code: code.cloned(),
        message: message.cloned(),
    }
}

impl Waitable for VideoDetail {
    const KIND: &'static str = "video";

    open_status!();

    fn state(&self) -> JobState {
        match self.status {
            VideoStatus::Completed => JobState::Completed,
            VideoStatus::Failed => {
                failed(self.failure_code.as_ref(), self.failure_message.as_ref())
            }
            _ => JobState::Running,
        }
    }
}

message_only_job!(
    VideoTranslationDetail,
    "video_translation",
    VideoTranslationStatus
);

message_only_job!(LipsyncDetail, "lipsync", VideoTranslationStatus);

message_only_job!(ProofreadDetail, "proofread", ProofreadStatus);

/// An avatar without a status is a ready (stock) avatar.
fn avatar_state(
    status: Option<&AvatarStatus>,
    error: Option<&heygen_sys::types::AvatarError>,
) -> JobState {
    match status {
        None | Some(AvatarStatus::Completed) => JobState::Completed,
        Some(AvatarStatus::PendingConsent) => JobState::ConsentRequired,
        Some(AvatarStatus::Failed) => failed(error.map(|e| &e.code), error.map(|e| &e.message)),
        Some(_) => JobState::Running,
    }
}

/// An avatar group or look: the same status, the same error, the same states.
macro_rules! avatar_job {
    ($ty:ident, $kind:literal) => {
        impl Waitable for $ty {
            const KIND: &'static str = $kind;

            fn status(&self) -> &str {
                self.status
                    .as_ref()
                    .map_or("completed", AvatarStatus::as_str)
            }

            fn recognized(&self) -> bool {
                !self.status.as_ref().is_some_and(AvatarStatus::is_unknown)
            }

            fn state(&self) -> JobState {
                avatar_state(self.status.as_ref(), self.error.as_ref())
            }
        }
    };
}

avatar_job!(AvatarGroupItem, "avatar_group");

avatar_job!(AvatarLookItem, "avatar_look");

/// A session thinks, reviews and generates (running); in chat mode it may stop at
/// `waiting_for_input`, which no amount of polling ends: the caller must answer.
impl Waitable for GetSessionResponse {
    const KIND: &'static str = "video_agent_session";

    open_status!();

    fn state(&self) -> JobState {
        let last = |wanted: fn(&SessionMessage) -> bool| {
            self.messages
                .iter()
                .rev()
                .find(|m| wanted(m))
                .map(|m| m.content.clone())
        };
        match self.status {
            VideoAgentSessionStatus::Completed => JobState::Completed,
            VideoAgentSessionStatus::Failed => JobState::Failed {
                code: None,
                message: last(|m| m.type_ == SessionMessageType::Error),
            },
            VideoAgentSessionStatus::WaitingForInput => JobState::InputRequired {
                question: last(|m| m.role != "user"),
            },
            _ => JobState::Running,
        }
    }

    fn progress(&self) -> Option<f64> {
        Some(self.progress as f64)
    }
}

/// Workflow statuses: `submitted, running, completed, failed, not_found`.
const WORKFLOW_STATUSES: &[&str] = &["submitted", "running", "completed", "failed", "not_found"];

impl Waitable for WorkflowExecutionDetailResponse {
    const KIND: &'static str = "workflow_execution";

    fn status(&self) -> &str {
        &self.status
    }

    fn recognized(&self) -> bool {
        WORKFLOW_STATUSES.contains(&self.status.as_str())
    }

    fn state(&self) -> JobState {
        match self.status.as_str() {
            "completed" => JobState::Completed,
            "failed" => failed(
                self.error.as_ref().map(|e| &e.code),
                self.error.as_ref().map(|e| &e.message),
            ),
            "not_found" => JobState::Failed {
                code: Some("not_found".into()),
                message: Some(format!("no workflow execution {}", self.execution_id)),
            },
            _ => JobState::Running,
        }
    }
}
