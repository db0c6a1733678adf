//! The document's unix-second timestamps as `chrono::DateTime<Utc>`.
//!
//! The generated types keep the wire's integers (`created_at: Option<i64>`); this trait reads
//! them as instants without changing what is (de)serialised.
//!
//! ```
//! use heygen_sdk::Timestamps;
//! let video: heygen_sdk::types::VideoDetail =
//!     serde_json::from_value(serde_json::json!({"id": "v", "status": "completed", "created_at": 1711929600})).unwrap();
//! assert_eq!(video.created().unwrap().to_rfc3339(), "2024-04-01T00:00:00+00:00");
//! assert_eq!(video.completed(), None);
//! ```

use chrono::{DateTime, Utc};
use heygen_sys::types;

/// Creation and completion instants of a resource.
pub trait Timestamps {
    /// When the resource was created, if the API said.
    fn created(&self) -> Option<DateTime<Utc>>;

    /// When the job finished, for resources that report it.
    fn completed(&self) -> Option<DateTime<Utc>> {
        None
    }
}

fn instant(seconds: impl Into<Option<i64>>) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(seconds.into()?, 0)
}

macro_rules! created_at {
    ($($ty:ident),* $(,)?) => {$(
        impl Timestamps for types::$ty {
            fn created(&self) -> Option<DateTime<Utc>> {
                instant(self.created_at)
            }
        }
    )*};
}

created_at!(
    AvatarGroupItem,
    CreateSessionResponse,
    CreateVideoAgentResponse,
    GetSessionResponse,
    LipsyncDetail,
    ProofreadDetail,
    SessionMessage,
    SessionResource,
    VideoTranslationDetail,
);

impl Timestamps for types::VideoDetail {
    fn created(&self) -> Option<DateTime<Utc>> {
        instant(self.created_at)
    }

    fn completed(&self) -> Option<DateTime<Utc>> {
        instant(self.completed_at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_become_utc_instants_and_out_of_range_is_none() {
        assert_eq!(
            instant(0).unwrap().to_rfc3339(),
            "1970-01-01T00:00:00+00:00"
        );
        assert_eq!(instant(None), None);
        assert_eq!(instant(i64::MAX), None);
        let group: types::AvatarGroupItem = serde_json::from_value(serde_json::json!({
            "id": "g", "name": "n", "created_at": 1711929600, "looks_count": 1
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(group.created().unwrap().timestamp(), 1711929600);
    }
}
