//! Webhook endpoints, as registered through `/v3/webhooks/endpoints`: the only webhook state
//! the simulator keeps, since it delivers nothing and derives the events it lists from the jobs
//! that have finished (`actions/webhooks.rs`).

use heygen_sys::types::WebhookEventType;

/// A webhook endpoint.
#[derive(Debug, Clone)]
pub(crate) struct Endpoint {
    pub seq: u64,
    pub id: String,
    pub url: String,
    pub events: Option<Vec<WebhookEventType>>,
    pub secret: String,
    pub created_at: i64,
}
