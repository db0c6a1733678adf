//! Avatars: groups (characters) and their looks, seeded public ones and private ones created
//! through the API (a digital twin's group waits for consent). Looks created through the API
//! carry a job; seeded looks are always completed. What requests may do to them is in
//! `actions/avatars.rs`.

use heygen_sys::types::{AvatarLookType, PreferredOrientation};

use super::jobs::Job;

/// An avatar group (a character).
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub seq: u64,
    pub id: String,
    pub name: String,
    pub created_at: i64,
    pub gender: Option<String>,
    pub default_voice_id: Option<String>,
    /// Seeded (public) or created through the API (private).
    pub public: bool,
    /// `None` when no consent is needed; `Some(false)` until consent is given.
    pub consent: Option<bool>,
}

/// An avatar look (the id to pass as `avatar_id`).
#[derive(Debug, Clone)]
pub(crate) struct Look {
    pub seq: u64,
    pub id: String,
    pub group_id: String,
    pub name: String,
    pub avatar_type: AvatarLookType,
    pub gender: Option<String>,
    pub default_voice_id: Option<String>,
    pub public: bool,
    pub orientation: PreferredOrientation,
    pub tags: Vec<String>,
    /// `None` for seeded looks (always completed).
    pub job: Option<Job>,
}

impl Look {
    /// Whether the look is of a listing's `avatar_type`: a video avatar is a digital twin (the
    /// API's newer name for it).
    pub(crate) fn is_of_type(&self, avatar_type: &str) -> bool {
        match avatar_type {
            "video_avatar" => self.avatar_type == AvatarLookType::DigitalTwin,
            other => self.avatar_type.as_str() == other,
        }
    }
}
