//! What `Idempotency-Key` remembers per key. The handling lives in `testing/idempotency.rs`;
//! the records live here, in the simulator's state, so that the state depends on nothing that
//! depends on it (the handling reaches the state through `Shared`).

use axum::body::Bytes;

/// What `Idempotency-Key` remembers.
#[derive(Debug, Clone)]
pub(crate) enum Remembered {
    /// The first request with the key is still being handled.
    InFlight,
    /// The first request's response.
    Done {
        fingerprint: Fingerprint,
        status: u16,
        content_type: Option<String>,
        body: Bytes,
        /// When it was answered: replayed for [`REPLAY_WINDOW`] from then, then forgotten.
        at: tokio::time::Instant,
    },
}

/// How long HeyGen replays a key's first answer: 24 h.
pub(crate) const REPLAY_WINDOW: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// What makes two requests "the same" for idempotency.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fingerprint {
    pub method: String,
    pub path: String,
    pub body: Result<serde_json::Value, Bytes>,
}
