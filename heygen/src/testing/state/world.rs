//! [`State`]: everything the simulator knows, and the rules every resource shares: a fresh
//! listing key and id, a job on the clock counted by the concurrency gauge, stand-in file URLs,
//! and whether what a request names exists on the account as HeyGen checks it (assets; voices
//! seeded, designed, or cloned and completed; completed avatar looks; asset inputs and
//! references, where a union member a newer API description adds is refused as not
//! simulated).

use std::collections::HashMap;

use base64::Engine as _;
use heygen_sys::types::{
    AssetInput, AssetReference, AudioVoiceItem, SessionMessage, SessionMessageType,
};
use serde_json::json;
use tokio::time::Instant;

use super::asset_batches::AssetBatch;
use super::assets::{Asset, Upload};
use super::avatars::{Group, Look};
use super::batches::SimBatch;
use super::catalog::Catalog;
use super::clock::Clock;
use super::jobs::Gauge;
use super::jobs::Job;
use super::records::{Clipping, Lipsync, Proofread, Record, Removal, Session, Translation, Video};
use super::seed;
use super::timeline::{ResourceKind, Timeline};
use super::voices::VoiceClone;
use super::webhooks::Endpoint;
use crate::testing::house_rules::check_url;
use crate::testing::reply::{ApiErr, typed};

/// Settings fixed when the simulator starts.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub timeline: Timeline,
    pub fail_jobs: bool,
    pub avatars: usize,
    pub voices: usize,
    pub max_concurrent_jobs: Option<usize>,
}

/// Everything the simulator knows.
#[derive(Debug)]
pub(crate) struct State {
    pub base_url: String,
    pub clock: Clock,
    pub timeline: Timeline,
    pub fail_jobs: bool,
    pub injected: HashMap<ResourceKind, String>,
    seq: u64,
    pub videos: Vec<Video>,
    pub translations: Vec<Translation>,
    pub proofreads: Vec<Proofread>,
    pub lipsyncs: Vec<Lipsync>,
    pub sessions: Vec<Session>,
    pub groups: Vec<Group>,
    pub looks: Vec<Look>,
    pub voices: Vec<AudioVoiceItem>,
    pub endpoints: Vec<Endpoint>,
    pub assets: Vec<Asset>,
    pub uploads: Vec<Upload>,
    pub asset_batches: Vec<AssetBatch>,
    pub gauge: Gauge,
    pub batches: Vec<SimBatch>,
    /// Templates, brand kits and glossaries, audio sounds.
    pub catalog: Catalog,
    pub clippings: Vec<Clipping>,
    pub removals: Vec<Removal>,
    pub voice_clones: Vec<VoiceClone>,
}

impl State {
    pub(crate) fn new(config: &Config, base_url: String) -> Self {
        let mut state = Self {
            base_url,
            clock: Clock::new(),
            timeline: config.timeline,
            fail_jobs: config.fail_jobs,
            injected: HashMap::new(),
            seq: 0,
            videos: Vec::new(),
            translations: Vec::new(),
            proofreads: Vec::new(),
            lipsyncs: Vec::new(),
            sessions: Vec::new(),
            groups: Vec::new(),
            looks: Vec::new(),
            voices: Vec::new(),
            endpoints: Vec::new(),
            assets: Vec::new(),
            uploads: Vec::new(),
            asset_batches: Vec::new(),
            gauge: Gauge::new(config.max_concurrent_jobs),
            batches: Vec::new(),
            catalog: Catalog::default(),
            clippings: Vec::new(),
            removals: Vec::new(),
            voice_clones: Vec::new(),
        };
        state.voices = seed::voices(&state.base_url, config.voices);
        let (groups, looks) = {
            let mut seq = 0;
            let seeded = seed::avatars(
                config.avatars,
                &state.voices,
                state.clock.unix_origin(),
                || {
                    seq += 1;
                    seq
                },
            );
            state.seq = seq;
            seeded
        };
        (state.groups, state.looks) = (groups, looks);
        state.catalog = Catalog::seed(
            &state.base_url,
            state.clock.unix_origin(),
            state.looks.first().map(|look| look.id.as_str()),
            state.voices.first().map(|voice| voice.voice_id.as_str()),
        );
        state
    }

    /// A fresh sequence number: later resources have larger ones.
    pub(crate) fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// The job of a resource created now (counted by the [`Gauge`] for videos, translations
    /// and lipsyncs).
    pub(crate) fn new_job(&mut self, kind: ResourceKind, now: Instant, gated: bool) -> Job {
        let job = Job::new(
            kind,
            now,
            &self.timeline,
            self.injected.get(&kind).map(String::as_str),
            self.fail_jobs,
            gated,
        );
        if let Some(end) = job.ends_at().filter(|_| Gauge::counts(kind)) {
            self.gauge.record(now, end);
        }
        job
    }

    /// The record of a job resource of `kind` created now: a fresh listing key and id, and
    /// its job (never gated).
    pub(crate) fn new_record(
        &mut self,
        kind: ResourceKind,
        now: Instant,
        title: Option<String>,
        callback_id: Option<String>,
    ) -> Record {
        Record {
            seq: self.next_seq(),
            id: new_id(),
            title,
            callback_id,
            job: self.new_job(kind, now, false),
        }
    }

    /// A URL on the simulator that serves a stand-in file.
    pub(crate) fn file_url(&self, kind: &str, name: &str) -> String {
        format!("{}/files/{kind}/{name}", self.base_url)
    }

    /// A message of a video agent session.
    pub(crate) fn message(
        &self,
        role: &str,
        content: &str,
        at: Instant,
        resource: Option<&str>,
    ) -> SessionMessage {
        typed::<SessionMessage>(json!({
            "content": content.to_string(),
            "created_at": self.clock.unix(at),
            "resource_ids": resource.map(|id| vec![id.to_string()]),
            "role": role.to_string(),
            "type": if resource.is_some() { SessionMessageType::Resource } else { SessionMessageType::Text },
        }))
    }
}

/// A new random id: 32 hex digits, like HeyGen's.
pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

impl State {
    /// Checks an uploaded asset's id.
    pub(crate) fn check_asset_id(&self, asset_id: &str, param: &str) -> Result<(), ApiErr> {
        if self.assets.iter().any(|asset| asset.id == asset_id) {
            Ok(())
        } else {
            Err(ApiErr::invalid(
                Some(param),
                format!("Asset '{asset_id}' not found; upload files with POST /v3/assets."),
            ))
        }
    }

    /// Checks a `{type: url | asset_id | base64}` input.
    pub(crate) fn check_input(&self, input: &AssetInput, param: &str) -> Result<(), ApiErr> {
        match input {
            AssetInput::Url(url) => check_url(&url.url, &format!("{param}.url")),
            AssetInput::AssetId(id) => {
                self.check_asset_id(&id.asset_id, &format!("{param}.asset_id"))
            }
            AssetInput::Base64(inline) => {
                let decoded =
                    base64::engine::general_purpose::STANDARD.decode(inline.data.as_bytes());
                match decoded {
                    Ok(bytes) if !bytes.is_empty() => Ok(()),
                    _ => Err(ApiErr::invalid(
                        Some(&format!("{param}.data")),
                        "'data' must be non-empty base64.",
                    )),
                }
            }
            #[allow(unreachable_patterns)] // a member a newer API description adds
            other => Err(ApiErr::not_simulated(param, other)),
        }
    }

    /// Checks a `{type: url | asset_id}` reference.
    pub(crate) fn check_reference(
        &self,
        reference: &AssetReference,
        param: &str,
    ) -> Result<(), ApiErr> {
        match reference {
            AssetReference::Url(url) => check_url(&url.url, &format!("{param}.url")),
            AssetReference::AssetId(id) => {
                self.check_asset_id(&id.asset_id, &format!("{param}.asset_id"))
            }
            #[allow(unreachable_patterns)] // a member a newer API description adds
            other => Err(ApiErr::not_simulated(param, other)),
        }
    }

    /// Checks a voice id.
    pub(crate) fn check_voice(&self, voice_id: &str, param: &str) -> Result<(), ApiErr> {
        let now = Instant::now();
        let cloned = |id: &str| {
            let mut clones = self.voice_clones.iter();
            clones.any(|c| c.id == id && c.job.phase(now).completed())
        };
        if self.voices.iter().any(|voice| voice.voice_id == voice_id) || cloned(voice_id) {
            Ok(())
        } else {
            Err(ApiErr::invalid(
                Some(param),
                format!("Voice '{voice_id}' not found; list voices with GET /v3/voices."),
            ))
        }
    }

    /// Checks an avatar look id: it must exist and be completed.
    pub(crate) fn check_look(
        &self,
        look_id: &str,
        param: &str,
        now: Instant,
    ) -> Result<(), ApiErr> {
        let Some(look) = self.looks.iter().find(|look| look.id == look_id) else {
            return Err(ApiErr::invalid(
                Some(param),
                format!(
                    "Avatar look '{look_id}' not found; list looks with GET /v3/avatars/looks."
                ),
            ));
        };
        match look.job.as_ref().map(|job| job.phase(now)) {
            None => Ok(()),
            Some(phase) if phase.completed() => Ok(()),
            Some(phase) => Err(ApiErr::invalid(
                Some(param),
                format!(
                    "Avatar look '{look_id}' is not ready (status '{}').",
                    phase.status()
                ),
            )),
        }
    }
}
