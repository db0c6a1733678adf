//! How the jobs of the resources HeyGen added in July 2026 say where they stand: AI clippings,
//! background removals and voice clones. (A template's video is a video: its state is
//! `VideoDetail`'s.)

use heygen_sys::types::{AiClipping, AiClippingStatus, BackgroundRemoval, GetVoiceResponse};

use super::{JobState, Waitable};

/// `pending` and `running` are running; `cancelled` ends the job without clips, so it is a
/// failure (code `cancelled`) rather than a wait that never ends.
impl Waitable for AiClipping {
    const KIND: &'static str = "ai_clipping";

    fn status(&self) -> &str {
        self.status.as_str()
    }

    fn recognized(&self) -> bool {
        !self.status.is_unknown()
    }

    fn state(&self) -> JobState {
        match self.status {
            AiClippingStatus::Completed => JobState::Completed,
            AiClippingStatus::Failed => JobState::Failed {
                code: None,
                message: self.failure_message.clone(),
            },
            AiClippingStatus::Cancelled => JobState::Failed {
                code: Some("cancelled".into()),
                message: Some(
                    self.failure_message
                        .clone()
                        .unwrap_or_else(|| "the AI clipping job was cancelled".into()),
                ),
            },
            _ => JobState::Running,
        }
    }

    fn progress(&self) -> Option<f64> {
        Some(self.progress as f64)
    }
}

/// Background-removal statuses, as the document lists them (its `status` is a plain string).
const BACKGROUND_REMOVAL_STATUSES: &[&str] =
    &["pending", "processing", "completed", "failed", "deleted"];

/// `pending` and `processing` are running; `deleted` never completes, so it is a failure (code
/// `deleted`).
impl Waitable for BackgroundRemoval {
    const KIND: &'static str = "background_removal";

    fn status(&self) -> &str {
        &self.status
    }

    fn recognized(&self) -> bool {
        BACKGROUND_REMOVAL_STATUSES.contains(&self.status.as_str())
    }

    fn state(&self) -> JobState {
        match self.status.as_str() {
            "completed" => JobState::Completed,
            "failed" => JobState::Failed {
                code: None,
                message: self.error.clone(),
            },
            "deleted" => JobState::Failed {
                code: Some("deleted".into()),
                message: Some("the background removal was deleted".into()),
            },
            _ => JobState::Running,
        }
    }
}

/// A voice clone is `processing` until `complete` (sic) or `failed`; a voice without a clone
/// status (a stock or designed voice) is ready.
impl Waitable for GetVoiceResponse {
    const KIND: &'static str = "voice_clone";

    fn status(&self) -> &str {
        self.status.as_ref().map_or("complete", |s| s.as_str())
    }

    fn recognized(&self) -> bool {
        !self.status.as_ref().is_some_and(|s| s.is_unknown())
    }

    fn state(&self) -> JobState {
        use heygen_sys::types::GetVoiceResponseStatus as Status;
        match &self.status {
            None | Some(Status::Complete) => JobState::Completed,
            Some(Status::Failed) => JobState::Failed {
                code: None,
                message: self.failure_message.clone(),
            },
            Some(_) => JobState::Running,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn decode<T: serde::de::DeserializeOwned>(value: Value) -> T {
        serde_json::from_value(value).expect("a valid resource")
    }

    #[test]
    fn clipping_states() {
        let clip = |status: &str| -> AiClipping {
            decode(
                json!({"id": "c1", "status": status, "clips": [], "progress": 40,
                          "failure_message": "no speech found"}),
            )
        };
        assert_eq!(clip("running").state(), JobState::Running);
        assert_eq!(clip("completed").state(), JobState::Completed);
        assert_eq!(
            clip("failed").state(),
            JobState::Failed {
                code: None,
                message: Some("no speech found".into())
            }
        );
        assert!(matches!(
            clip("cancelled").state(),
            JobState::Failed { code: Some(code), .. } if code == "cancelled"
        ));
        let unknown = clip("rendering_clips");
        assert_eq!(unknown.state(), JobState::Running);
        assert!(!unknown.recognized());
        assert_eq!(unknown.status(), "rendering_clips");
        assert_eq!(unknown.progress(), Some(40.0));
    }

    #[test]
    fn background_removal_states() {
        let removal = |status: &str| -> BackgroundRemoval {
            decode(json!({"id": "b1", "status": status, "layers": {}, "error": "bad input"}))
        };
        assert_eq!(removal("processing").state(), JobState::Running);
        assert!(removal("processing").recognized());
        assert_eq!(removal("completed").state(), JobState::Completed);
        assert_eq!(
            removal("failed").state(),
            JobState::Failed {
                code: None,
                message: Some("bad input".into())
            }
        );
        assert!(
            matches!(removal("deleted").state(), JobState::Failed { code: Some(c), .. } if c == "deleted")
        );
        assert_eq!(removal("queued_again").state(), JobState::Running);
        assert!(!removal("queued_again").recognized());
    }

    #[test]
    fn voice_clone_states() {
        let voice = |status: Value| -> GetVoiceResponse {
            decode(
                json!({"voice_id": "v1", "support_pause": true, "status": status,
                          "failure_message": "too noisy"}),
            )
        };
        assert_eq!(voice(Value::Null).state(), JobState::Completed);
        assert_eq!(voice(Value::Null).status(), "complete");
        assert_eq!(voice(json!("processing")).state(), JobState::Running);
        assert_eq!(voice(json!("complete")).state(), JobState::Completed);
        assert_eq!(
            voice(json!("failed")).state(),
            JobState::Failed {
                code: None,
                message: Some("too noisy".into())
            }
        );
        let unknown = voice(json!("training"));
        assert_eq!(unknown.state(), JobState::Running);
        assert!(!unknown.recognized());
    }
}
