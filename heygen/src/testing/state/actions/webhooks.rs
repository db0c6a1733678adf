//! Webhook endpoints through the API (create, change, rotate the secret, delete; an endpoint's
//! `url` is `https` with a host), and the events of the jobs that have finished, which the
//! simulator lists (it delivers nothing).

use heygen_sys::types::{
    CreateWebhookEndpointRequest, UpdateWebhookEndpointRequest, WebhookEventType,
};
use serde_json::{Map, Value, json};
use tokio::time::Instant;

use crate::testing::reply::ApiErr;
use crate::testing::state::jobs::Phase;
use crate::testing::state::records::Record;
use crate::testing::state::store::{find_mut, take};
use crate::testing::state::webhooks::Endpoint;
use crate::testing::state::world::{State, new_id};

/// What a finished job would have been delivered as: when it finished, its event type as the
/// API writes it, the job's id, and the payload.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub at: Instant,
    pub event_type: &'static str,
    pub entity: String,
    pub data: Map<String, Value>,
}

/// A fresh signing secret.
fn secret() -> String {
    format!("whsec_{}", new_id())
}

/// An endpoint's `url`: `https`, with a host.
fn check_endpoint_url(url: &str) -> Result<(), ApiErr> {
    match reqwest::Url::parse(url) {
        Ok(parsed) if parsed.scheme() == "https" && parsed.host().is_some() => Ok(()),
        _ => Err(ApiErr::invalid(Some("url"), "'url' must be an HTTPS URL.")),
    }
}

impl State {
    /// Registers the endpoint `request` asks for at `now`, or says why not.
    pub(crate) fn create_endpoint(
        &mut self,
        request: CreateWebhookEndpointRequest,
        now: Instant,
    ) -> Result<&Endpoint, ApiErr> {
        check_endpoint_url(&request.url)?;
        let endpoint = Endpoint {
            seq: self.next_seq(),
            id: format!("ep_{}", new_id()),
            events: request.events,
            url: request.url,
            secret: secret(),
            created_at: self.clock.unix(now),
        };
        self.endpoints.push(endpoint);
        Ok(&self.endpoints[self.endpoints.len() - 1])
    }

    /// Changes an endpoint's `url`, `events` or both, or says why not (nothing changed).
    pub(crate) fn update_endpoint(
        &mut self,
        endpoint_id: &str,
        request: UpdateWebhookEndpointRequest,
    ) -> Result<&Endpoint, ApiErr> {
        if request.url.is_none() && request.events.is_none() {
            return Err(ApiErr::invalid(None, "Give 'url', 'events' or both."));
        }
        if let Some(url) = request.url.as_deref() {
            check_endpoint_url(url)?;
        }
        let endpoint = find_mut(&mut self.endpoints, endpoint_id)?;
        if let Some(url) = request.url {
            endpoint.url = url;
        }
        endpoint.events = request.events.or(endpoint.events.take());
        Ok(endpoint)
    }

    /// Deletes an endpoint, or 404.
    pub(crate) fn delete_endpoint(&mut self, endpoint_id: &str) -> Result<(), ApiErr> {
        take(&mut self.endpoints, endpoint_id).map(drop)
    }

    /// Gives an endpoint a new secret, or 404.
    pub(crate) fn rotate_secret(&mut self, endpoint_id: &str) -> Result<&Endpoint, ApiErr> {
        let endpoint = find_mut(&mut self.endpoints, endpoint_id)?;
        endpoint.secret = secret();
        Ok(endpoint)
    }

    /// The events of every job finished by `now`, newest first, with the payloads of HeyGen's
    /// guide "Using HeyGen's Webhook Events".
    pub(crate) fn finished_events(&self, now: Instant) -> Vec<Event> {
        // How a video or translation ended: its file, or (under `failed`) why it failed.
        let ending = |record: &Record, phase: &Phase, folder: &str, failed: &'static str| {
            let file = || self.file_url(folder, &format!("{}.mp4", record.id));
            match phase.completed() {
                true => ("url", json!(file())),
                false => (
                    failed,
                    json!(phase.failure_message(record.job.stopped.is_some())),
                ),
            }
        };
        // Each job: its phase, its events' prefix, its id and its payload.
        let mut jobs: Vec<(Phase, &str, &str, Value)> = Vec::new();
        for video in self.videos.iter().map(|v| &v.record) {
            let phase = video.job.phase(now);
            let (key, value) = ending(video, &phase, "videos", "msg");
            let data = json!({"video_id": video.id, key: value, "callback_id": video.callback_id});
            jobs.push((phase, "avatar_video", &video.id, data));
        }
        for translation in &self.translations {
            let (record, phase) = (&translation.record, translation.record.job.phase(now));
            let (key, value) = ending(record, &phase, "translations", "message");
            let data = json!({
                "video_translate_id": record.id,
                "callback_id": record.callback_id,
                "output_language": translation.output_language,
                key: value,
            });
            jobs.push((phase, "video_translate", &record.id, data));
        }
        for proofread in &self.proofreads {
            let phase = proofread.job.phase(now);
            let data = json!({"proofread_id": proofread.id});
            jobs.push((phase, "proofread_creation", &proofread.id, data));
        }
        for session in &self.sessions {
            let data = json!({"session_id": session.id, "video_id": session.video_id()});
            jobs.push((session.job.phase(now), "video_agent", &session.id, data));
        }
        let mut events: Vec<Event> = (jobs.into_iter())
            .filter_map(|(phase, prefix, id, data)| {
                let outcome = if phase.completed() { "success" } else { "fail" };
                let event_type = (WebhookEventType::KNOWN.iter())
                    .find(|t| **t == format!("{prefix}.{outcome}"))
                    .copied()
                    .unwrap_or(prefix);
                Some(Event {
                    at: phase.done_at()?,
                    event_type,
                    entity: id.to_string(),
                    data: data.as_object().cloned().unwrap_or_default(),
                })
            })
            .collect();
        events.sort_by_key(|event| std::cmp::Reverse(event.at));
        events
    }
}
