//! Overdubs → lipsyncs: the overdub API (`/v3/overdubs`, `overdub_id`) of April 2026 is
//! `/v3/lipsyncs` (`lipsync_id`) in the API description, with the same request fields and
//! statuses.
//!
//! - [`Client::overdubs`](crate::Client::overdubs) (deprecated) has `create`, `get`, `list`,
//!   `update` and `delete`, each calling the same method of
//!   [`Client::lipsyncs`](crate::Client::lipsyncs).
//! - The old request bodies deserialise as they are into [`CreateLipsyncRequest`] and
//!   [`UpdateLipsyncRequest`] (the fields did not change).
//! - Old response and webhook payloads that say `overdub_id` deserialise into
//!   [`LegacyOverdubCreated`], [`LegacyOverdub`] and [`OverdubWebhookEvent`], which accept
//!   `overdub_id` wherever `lipsync_id` is expected and convert into the lipsync types.

use heygen_sys::types::{
    CreateLipsyncRequest, LipsyncCreateResponse, LipsyncDeleteResponse, LipsyncDetail,
    UpdateLipsyncRequest, VideoTranslationStatus,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The request body of the old `POST /v3/overdubs`: the same fields as the lipsync request.
#[deprecated(
    since = "0.1.0",
    note = "overdubs are lipsyncs now: use heygen_sdk::types::CreateLipsyncRequest"
)]
pub type OverdubCreateRequest = CreateLipsyncRequest;

/// The request body of the old `PATCH /v3/overdubs/{overdub_id}`: the lipsync update.
#[deprecated(
    since = "0.1.0",
    note = "overdubs are lipsyncs now: use heygen_sdk::types::UpdateLipsyncRequest"
)]
pub type OverdubUpdateRequest = UpdateLipsyncRequest;

/// The old overdub resource (`/v3/overdubs`), now lipsyncs (`/v3/lipsyncs`): every method
/// calls the same method of [`Lipsyncs`](crate::resources::lipsyncs::Lipsyncs) and returns
/// its types.
#[deprecated(
    since = "0.1.0",
    note = "overdubs are lipsyncs now: use client.lipsyncs(); see MIGRATING.md"
)]
#[derive(Debug, Clone)]
pub struct Overdubs {
    pub(crate) client: crate::Client,
}

#[allow(deprecated)]
impl Overdubs {
    /// Start an overdub: [`Lipsyncs::create`](crate::resources::lipsyncs::Lipsyncs::create)
    /// (`POST /v3/lipsyncs`). The id it returns is the `overdub_id` of the old API.
    #[deprecated(since = "0.1.0", note = "use client.lipsyncs().create")]
    pub async fn create(
        &self,
        request: CreateLipsyncRequest,
    ) -> crate::Result<LipsyncCreateResponse> {
        self.client.lipsyncs().create(request).await
    }

    /// An overdub's details: [`Lipsyncs::get`](crate::resources::lipsyncs::Lipsyncs::get)
    /// (`GET /v3/lipsyncs/{lipsync_id}`); an old `overdub_id` is a `lipsync_id`.
    #[deprecated(since = "0.1.0", note = "use client.lipsyncs().get")]
    pub async fn get(&self, overdub_id: &str) -> crate::Result<LipsyncDetail> {
        self.client.lipsyncs().get(overdub_id).await
    }

    /// Every overdub: [`Lipsyncs::list`](crate::resources::lipsyncs::Lipsyncs::list)
    /// (`GET /v3/lipsyncs`).
    #[deprecated(since = "0.1.0", note = "use client.lipsyncs().list")]
    pub fn list(&self) -> crate::Paginator<LipsyncDetail> {
        self.client.lipsyncs().list()
    }

    /// Rename an overdub: [`Lipsyncs::update`](crate::resources::lipsyncs::Lipsyncs::update)
    /// (`PATCH /v3/lipsyncs/{lipsync_id}`).
    #[deprecated(since = "0.1.0", note = "use client.lipsyncs().update")]
    pub async fn update(
        &self,
        overdub_id: &str,
        request: UpdateLipsyncRequest,
    ) -> crate::Result<LipsyncDetail> {
        self.client.lipsyncs().update(overdub_id, request).await
    }

    /// Delete an overdub: [`Lipsyncs::delete`](crate::resources::lipsyncs::Lipsyncs::delete)
    /// (`DELETE /v3/lipsyncs/{lipsync_id}`).
    #[deprecated(since = "0.1.0", note = "use client.lipsyncs().delete")]
    pub async fn delete(&self, overdub_id: &str) -> crate::Result<LipsyncDeleteResponse> {
        self.client.lipsyncs().delete(overdub_id).await
    }
}

/// The `data` of the old `POST /v3/overdubs` response (`{"overdub_id": …}`); also reads the
/// new `{"lipsync_id": …}`.
///
/// ```
/// use heygen_sdk::migrate::LegacyOverdubCreated;
/// use heygen_sdk::types::LipsyncCreateResponse;
///
/// let old: LegacyOverdubCreated = serde_json::from_str(r#"{"overdub_id": "od_1"}"#)?;
/// let new = LipsyncCreateResponse::from(old);
/// assert_eq!(new.lipsync_id, "od_1");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyOverdubCreated {
    /// The lipsync id (the old `overdub_id`).
    #[serde(alias = "overdub_id")]
    pub lipsync_id: String,
}

impl From<LegacyOverdubCreated> for LipsyncCreateResponse {
    fn from(created: LegacyOverdubCreated) -> Self {
        // Response types are `#[non_exhaustive]`: built through their builder, which fails
        // only for a required field left unset, and this sets the only one.
        LipsyncCreateResponse::try_from(
            LipsyncCreateResponse::builder().lipsync_id(created.lipsync_id),
        )
        .expect("lipsync_id is set")
    }
}

/// An overdub as the old API (or a stored copy) described it, with its id under `id`,
/// `overdub_id` or `lipsync_id`; converts into [`LipsyncDetail`].
///
/// ```
/// use heygen_sdk::migrate::LegacyOverdub;
/// use heygen_sdk::types::LipsyncDetail;
///
/// let old: LegacyOverdub = serde_json::from_str(r#"{"overdub_id": "od_1", "status": "running"}"#)?;
/// let detail = LipsyncDetail::from(old);
/// assert_eq!(detail.id, "od_1");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LegacyOverdub {
    /// Unique id (the old `overdub_id`, the new `lipsync_id`).
    #[serde(alias = "overdub_id", alias = "lipsync_id")]
    pub id: String,
    /// `pending`, `running`, `completed` or `failed` (a later value is kept verbatim).
    pub status: VideoTranslationStatus,
    /// Title of the job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Video duration in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<f64>,
    /// Presigned download URL of the output; only when `completed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_url: Option<String>,
    /// Client-provided callback ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_id: Option<String>,
    /// Unix timestamp of creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<i64>,
    /// Error description; only when `failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_message: Option<String>,
}

impl From<LegacyOverdub> for LipsyncDetail {
    fn from(old: LegacyOverdub) -> Self {
        // Response types are `#[non_exhaustive]`: built through their builder, which fails
        // only for a required field left unset, and this sets every field.
        let builder = LipsyncDetail::builder()
            .callback_id(old.callback_id)
            .created_at(old.created_at)
            .duration(old.duration)
            .failure_message(old.failure_message)
            .id(old.id)
            .status(old.status)
            .title(old.title)
            .video_url(old.video_url);
        LipsyncDetail::try_from(builder).expect("every field of LipsyncDetail is set")
    }
}

/// The `event_data` of a lipsync (overdub) webhook delivery: the id under `lipsync_id`,
/// `overdub_id` or `id`, the common fields typed, and every other field kept in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverdubEventData {
    /// The lipsync id (the old `overdub_id`).
    #[serde(alias = "overdub_id", alias = "id")]
    pub lipsync_id: String,
    /// The job's status, when the event carries it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Download URL of the output, on success.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_url: Option<String>,
    /// The `callback_id` given at creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_id: Option<String>,
    /// Error description, on failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_message: Option<String>,
    /// Every other field of the payload, verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A webhook body about a lipsync (overdub): `{"event_type": …, "event_data": {…}}`, where the
/// data may still say `overdub_id`.
///
/// ```
/// use heygen_sdk::migrate::OverdubWebhookEvent;
///
/// let body = r#"{"event_type": "overdub.success",
///                "event_data": {"overdub_id": "od_1", "video_url": "https://example.com/out.mp4", "callback_id": "c1"}}"#;
/// let event: OverdubWebhookEvent = serde_json::from_str(body)?;
/// assert_eq!(event.event_data.lipsync_id, "od_1");
/// assert_eq!(event.event_data.callback_id.as_deref(), Some("c1"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverdubWebhookEvent {
    /// The event type (`overdub.success`, `lipsync.success`, …; HeyGen's names).
    pub event_type: String,
    /// The delivery's id, when the body has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    /// The payload.
    pub event_data: OverdubEventData,
}
