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

/// Creation and completion instants of a resource.
pub trait Timestamps {
    /// When the resource was created, if the API said.
    fn created(&self) -> Option<DateTime<Utc>>;

    /// When the job finished, for resources that report it.
    fn completed(&self) -> Option<DateTime<Utc>> {
        None
    }
}

/// Unix seconds as an instant; `None` when absent or out of range. Each resource implements
/// [`Timestamps`] next to its calls, reading its fields with this.
pub(crate) fn instant(seconds: impl Into<Option<i64>>) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(seconds.into()?, 0)
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
        let group: heygen_sys::types::AvatarGroupItem = serde_json::from_value(serde_json::json!({
            "id": "g", "name": "n", "created_at": 1711929600, "looks_count": 1
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(group.created().unwrap().timestamp(), 1711929600);
    }
}
