//! Video translations as a kind of job: what the shared job machinery (`resources/jobs/`) needs
//! to batch, poll and create them many at a time ([`JobKind`]); how a translation and a
//! proofread say where they stand ([`Waitable`]), and their timestamps ([`Timestamps`]).

use chrono::{DateTime, Utc};
use heygen_sys::types::{
    BatchCreateResponseEnvelope, BatchEnvelope, CreateVideoTranslationBatchRequest,
    CreateVideoTranslationRequest, ProofreadDetail, ProofreadStatus, StatusEntryPage,
    VideoTranslationCreateResponse, VideoTranslationDetail, VideoTranslationStatus,
};

use super::VideoTranslations;
use crate::resources::Cursor as _;
use crate::resources::jobs::{JobKind, StatusesOf};
use crate::resources::listing::Sent;
use crate::time::{Timestamps, instant};
use crate::wait::{JobState, Waitable};
use crate::{Client, Result};

impl JobKind for VideoTranslations {
    type Request = CreateVideoTranslationRequest;
    type Created = VideoTranslationCreateResponse;
    type Detail = VideoTranslationDetail;
    type BatchRequest = CreateVideoTranslationBatchRequest;

    const IDS: &'static str = "video_translation_ids";
    const BATCH_FIELD: &'static str = "video_translations";

    fn client(&self) -> &Client {
        &self.client
    }

    fn on(client: Client) -> Self {
        client.video_translations()
    }

    fn create_job(
        &self,
        request: CreateVideoTranslationRequest,
    ) -> impl Future<Output = Result<VideoTranslationCreateResponse>> + Send {
        self.create(request)
    }

    fn get_job(&self, id: &str) -> impl Future<Output = Result<VideoTranslationDetail>> + Send {
        self.get(id)
    }

    fn created_ids(created: &VideoTranslationCreateResponse) -> Vec<String> {
        created.video_translation_ids.clone()
    }

    fn jobs_requested(request: &CreateVideoTranslationRequest) -> usize {
        request.output_languages.len()
    }

    /// One item per output language (a request naming none still makes one).
    fn items_in_batch(request: &CreateVideoTranslationBatchRequest) -> usize {
        request
            .video_translations
            .iter()
            .map(|t| t.output_languages.len().max(1))
            .sum()
    }

    fn send_batch(
        raw: &heygen_sys::Client,
        request: CreateVideoTranslationBatchRequest,
    ) -> impl Future<Output = Sent<BatchCreateResponseEnvelope>> + Send {
        raw.create_video_translation_batch().body(request).send()
    }

    fn send_get_batch(
        raw: &heygen_sys::Client,
        batch_id: &str,
        token: Option<String>,
    ) -> impl Future<Output = Sent<BatchEnvelope>> + Send {
        let request = raw.get_video_translation_batch().batch_id(batch_id);
        request.at(token).send()
    }

    fn send_statuses(
        raw: &heygen_sys::Client,
        of: StatusesOf,
        ids: String,
    ) -> impl Future<Output = Sent<StatusEntryPage>> + Send {
        let request = raw.list_video_translation_statuses();
        match of {
            StatusesOf::Jobs => request.video_translation_ids(ids),
            StatusesOf::Batches => request.batch_ids(ids),
        }
        .send()
    }
}

impl Waitable for VideoTranslationDetail {
    const KIND: &'static str = "video_translation";

    fn status(&self) -> &str {
        self.status.as_str()
    }

    fn recognized(&self) -> bool {
        !self.status.is_unknown()
    }

    fn state(&self) -> JobState {
        match self.status {
            VideoTranslationStatus::Completed => JobState::Completed,
            VideoTranslationStatus::Failed => JobState::failed(None, self.failure_message.as_ref()),
            _ => JobState::Running,
        }
    }
}

impl Timestamps for VideoTranslationDetail {
    fn created(&self) -> Option<DateTime<Utc>> {
        instant(self.created_at)
    }
}

impl Waitable for ProofreadDetail {
    const KIND: &'static str = "proofread";

    fn status(&self) -> &str {
        self.status.as_str()
    }

    fn recognized(&self) -> bool {
        !self.status.is_unknown()
    }

    fn state(&self) -> JobState {
        match self.status {
            ProofreadStatus::Completed => JobState::Completed,
            ProofreadStatus::Failed => JobState::failed(None, self.failure_message.as_ref()),
            _ => JobState::Running,
        }
    }
}

impl Timestamps for ProofreadDetail {
    fn created(&self) -> Option<DateTime<Utc>> {
        instant(self.created_at)
    }
}
