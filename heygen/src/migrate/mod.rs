//! Shims for code written against HeyGen's v3 API as it was before April 2026: they keep it
//! compiling, warn (`#[deprecated]`), and send what the API takes now. `MIGRATING.md` at the
//! repository root shows each change before and after.
//!
//! | before | now | shim |
//! |---|---|---|
//! | `createAvatarVideoV3`: flat body of `POST /v3/videos` | `createVideo`: `type`-discriminated [`CreateVideoV3RequestBody`](crate::types::CreateVideoV3RequestBody) | [`LegacyCreateVideoRequest`] (+ `TryFrom`), deprecated [`Videos::create_avatar_video_v3`](crate::resources::videos::Videos::create_avatar_video_v3) |
//! | `/v3/overdubs`, `overdub_id` | `/v3/lipsyncs`, `lipsync_id` | deprecated [`Client::overdubs`](crate::Client::overdubs); [`LegacyOverdubCreated`], [`LegacyOverdub`], [`OverdubWebhookEvent`] read `overdub_id` |
//! | `GET /v3/user/me` (changelog) | `GET /v3/users/me` | deprecated [`Users::user_me`](crate::resources::users::Users::user_me) |
//! | `createVideoAgentSession`: `POST /v3/video-agents/sessions` | `createVideoAgentV3` with `mode: chat` | deprecated [`VideoAgents::create_session`](crate::resources::video_agents::VideoAgents::create_session) |
//! | `getVideoAgentSessionResources`: list a session's resources | one at a time: `getVideoAgentSessionResource` | deprecated [`VideoAgents::session_resources`](crate::resources::video_agents::VideoAgents::session_resources): [`Error::OperationRemoved`](crate::Error::OperationRemoved) |
//! | `getVideoTranslationCaptionV3` | `srt_caption_url` / `vtt_caption_url` of the translation | deprecated [`VideoTranslations::caption`](crate::resources::video_translations::VideoTranslations::caption) |
//!
//! Every shim is `#[deprecated]`, so using one warns; with `#![deny(deprecated)]` it does not
//! compile:
//!
//! ```compile_fail
//! #![deny(deprecated)]
//! async fn old(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
//!     let legacy = heygen_sdk::migrate::LegacyCreateVideoRequest::default();
//!     client.videos().create_avatar_video_v3(legacy).await?;
//!     Ok(())
//! }
//! ```
//!
//! ```compile_fail
//! #![deny(deprecated)]
//! async fn old(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
//!     client.overdubs().get("od_1").await?;
//!     Ok(())
//! }
//! ```
//!
//! ```compile_fail
//! #![deny(deprecated)]
//! async fn old(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
//!     client.users().user_me().await?;
//!     Ok(())
//! }
//! ```
//!
//! ```compile_fail
//! #![deny(deprecated)]
//! fn old(body: &str) -> heygen_sdk::migrate::OverdubCreateRequest {
//!     serde_json::from_str(body).unwrap()
//! }
//! ```
//!
//! ```compile_fail
//! #![deny(deprecated)]
//! async fn old(client: heygen_sdk::Client, request: heygen_sdk::types::CreateSessionRequest) -> heygen_sdk::Result<()> {
//!     client.video_agents().create_session(request).await?;
//!     Ok(())
//! }
//! ```
//!
//! ```compile_fail
//! #![deny(deprecated)]
//! async fn old(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
//!     client.video_translations().caption("vt_1", heygen_sdk::types::CaptionFormat::Srt).await?;
//!     Ok(())
//! }
//! ```
//!
//! The same code compiles once the lint is allowed, so the examples above fail for the
//! deprecation alone:
//!
//! ```no_run
//! #![deny(deprecated)]
//! #[allow(deprecated)]
//! async fn old(client: heygen_sdk::Client, request: heygen_sdk::types::CreateSessionRequest) -> heygen_sdk::Result<()> {
//!     let legacy = heygen_sdk::migrate::LegacyCreateVideoRequest::default();
//!     client.videos().create_avatar_video_v3(legacy).await?;
//!     client.overdubs().get("od_1").await?;
//!     client.users().user_me().await?;
//!     client.video_agents().create_session(request).await?;
//!     client.video_translations().caption("vt_1", heygen_sdk::types::CaptionFormat::Srt).await?;
//!     Ok(())
//! }
//! #[allow(deprecated)]
//! fn old_body(body: &str) -> heygen_sdk::migrate::OverdubCreateRequest {
//!     serde_json::from_str(body).unwrap()
//! }
//! ```
//!
//! and the replacements compile with the lint denied:
//!
//! ```no_run
//! #![deny(deprecated)]
//! use heygen_sdk::migrate::LegacyCreateVideoRequest;
//! use heygen_sdk::types::CreateLipsyncRequest;
//!
//! async fn new(client: heygen_sdk::Client, legacy: LegacyCreateVideoRequest) -> heygen_sdk::Result<()> {
//!     client.videos().create(legacy).await?;
//!     client.lipsyncs().get("od_1").await?;
//!     client.users().me().await?;
//!     Ok(())
//! }
//! fn new_body(body: &str) -> CreateLipsyncRequest {
//!     serde_json::from_str(body).unwrap()
//! }
//! ```

pub mod captions;
pub mod legacy_video;
pub mod overdubs;
pub mod users;
pub mod video_agent_sessions;

pub use legacy_video::{AUDIO_SOURCE_MESSAGE, LegacyCreateVideoRequest, VISUAL_SOURCE_MESSAGE};
#[allow(deprecated)]
pub use overdubs::{
    LegacyOverdub, LegacyOverdubCreated, OverdubCreateRequest, OverdubEventData,
    OverdubUpdateRequest, OverdubWebhookEvent, Overdubs,
};
pub use video_agent_sessions::SESSION_RESOURCES_REMOVED;
