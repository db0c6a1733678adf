//! What sets videos, video translations and lipsyncs apart where the API treats them alike
//! (batches, statuses by the hundred, creating and waiting on many at once): [`JobKind`], a
//! small description of one kind of job — its request, answer and detail types, the names of
//! its ids, its own `create` and `get`, and the generated operations of its batches and
//! statuses. The logic over it is written once: batch create, get, items and statuses in
//! `batches.rs`, `wait_many` and `create_many` in `bulk.rs`.

use heygen_sys::types::{
    BatchCreateResponseEnvelope, BatchEnvelope, CreateAvatarVideoResponse,
    CreateLipsyncBatchRequest, CreateLipsyncRequest, CreateVideoBatchRequest,
    CreateVideoTranslationBatchRequest, CreateVideoTranslationRequest, CreateVideoV3RequestBody,
    LipsyncCreateResponse, LipsyncDetail, StatusEntryPage, VideoDetail,
    VideoTranslationCreateResponse, VideoTranslationDetail,
};

use super::Cursor as _;
use super::lipsyncs::Lipsyncs;
use super::listing::Sent;
use super::video_translations::VideoTranslations;
use super::videos::Videos;
use crate::wait::Waitable;
use crate::{Client, Result};

/// Which ids a statuses GET names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StatusesOf {
    /// Jobs, by their ids (the kind's [`JobKind::IDS`]).
    Jobs,
    /// Every job of these batches (`batch_ids`).
    Batches,
}

/// One kind of job that has batches, bulk statuses and bulk waits.
pub(crate) trait JobKind: Clone + Send + Sync + 'static {
    /// What `create` takes.
    type Request: Send + 'static;
    /// What `create` answers.
    type Created: Send + 'static;
    /// The job, as `get` reads it.
    type Detail: Waitable + Send + 'static;
    /// What `create_batch` takes.
    type BatchRequest: Send;

    /// The query parameter naming jobs in a statuses GET (`video_ids`, …): what a bad id list
    /// is reported as.
    const IDS: &'static str;
    /// The field of a batch request that holds its jobs (`videos`, …): what a batch of a bad
    /// size is reported as.
    const BATCH_FIELD: &'static str;

    /// The client the resource sends with.
    fn client(&self) -> &Client;

    /// The resource on another handle (one with its own `Idempotency-Key`).
    fn on(client: Client) -> Self;

    /// The resource's `create`.
    fn create_job(
        &self,
        request: Self::Request,
    ) -> impl Future<Output = Result<Self::Created>> + Send;

    /// The resource's `get`.
    fn get_job(&self, id: &str) -> impl Future<Output = Result<Self::Detail>> + Send;

    /// The ids of the jobs a create made.
    fn created_ids(created: &Self::Created) -> Vec<String>;

    /// How many jobs a request makes (a translation: one per output language).
    fn jobs_requested(_request: &Self::Request) -> usize {
        1
    }

    /// How many items a batch request makes.
    fn items_in_batch(request: &Self::BatchRequest) -> usize;

    /// The generated batch create.
    fn send_batch(
        raw: &heygen_sys::Client,
        request: Self::BatchRequest,
    ) -> impl Future<Output = Sent<BatchCreateResponseEnvelope>> + Send;

    /// The generated batch GET, at a page of its items.
    fn send_get_batch(
        raw: &heygen_sys::Client,
        batch_id: &str,
        token: Option<String>,
    ) -> impl Future<Output = Sent<BatchEnvelope>> + Send;

    /// The generated statuses GET (`ids` already joined and checked).
    fn send_statuses(
        raw: &heygen_sys::Client,
        of: StatusesOf,
        ids: String,
    ) -> impl Future<Output = Sent<StatusEntryPage>> + Send;
}

impl JobKind for Videos {
    type Request = CreateVideoV3RequestBody;
    type Created = CreateAvatarVideoResponse;
    type Detail = VideoDetail;
    type BatchRequest = CreateVideoBatchRequest;

    const IDS: &'static str = "video_ids";
    const BATCH_FIELD: &'static str = "videos";

    fn client(&self) -> &Client {
        &self.client
    }

    fn on(client: Client) -> Self {
        client.videos()
    }

    fn create_job(
        &self,
        request: CreateVideoV3RequestBody,
    ) -> impl Future<Output = Result<CreateAvatarVideoResponse>> + Send {
        self.create(request)
    }

    fn get_job(&self, id: &str) -> impl Future<Output = Result<VideoDetail>> + Send {
        self.get(id)
    }

    fn created_ids(created: &CreateAvatarVideoResponse) -> Vec<String> {
        vec![created.video_id.clone()]
    }

    fn items_in_batch(request: &CreateVideoBatchRequest) -> usize {
        request.videos.len()
    }

    fn send_batch(
        raw: &heygen_sys::Client,
        request: CreateVideoBatchRequest,
    ) -> impl Future<Output = Sent<BatchCreateResponseEnvelope>> + Send {
        raw.create_video_batch().body(request).send()
    }

    fn send_get_batch(
        raw: &heygen_sys::Client,
        batch_id: &str,
        token: Option<String>,
    ) -> impl Future<Output = Sent<BatchEnvelope>> + Send {
        raw.get_video_batch().batch_id(batch_id).at(token).send()
    }

    fn send_statuses(
        raw: &heygen_sys::Client,
        of: StatusesOf,
        ids: String,
    ) -> impl Future<Output = Sent<StatusEntryPage>> + Send {
        let request = raw.list_video_statuses();
        match of {
            StatusesOf::Jobs => request.video_ids(ids),
            StatusesOf::Batches => request.batch_ids(ids),
        }
        .send()
    }
}

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

impl JobKind for Lipsyncs {
    type Request = CreateLipsyncRequest;
    type Created = LipsyncCreateResponse;
    type Detail = LipsyncDetail;
    type BatchRequest = CreateLipsyncBatchRequest;

    const IDS: &'static str = "lipsync_ids";
    const BATCH_FIELD: &'static str = "lipsyncs";

    fn client(&self) -> &Client {
        &self.client
    }

    fn on(client: Client) -> Self {
        client.lipsyncs()
    }

    fn create_job(
        &self,
        request: CreateLipsyncRequest,
    ) -> impl Future<Output = Result<LipsyncCreateResponse>> + Send {
        self.create(request)
    }

    fn get_job(&self, id: &str) -> impl Future<Output = Result<LipsyncDetail>> + Send {
        self.get(id)
    }

    fn created_ids(created: &LipsyncCreateResponse) -> Vec<String> {
        vec![created.lipsync_id.clone()]
    }

    fn items_in_batch(request: &CreateLipsyncBatchRequest) -> usize {
        request.lipsyncs.len()
    }

    fn send_batch(
        raw: &heygen_sys::Client,
        request: CreateLipsyncBatchRequest,
    ) -> impl Future<Output = Sent<BatchCreateResponseEnvelope>> + Send {
        raw.create_lipsync_batch().body(request).send()
    }

    fn send_get_batch(
        raw: &heygen_sys::Client,
        batch_id: &str,
        token: Option<String>,
    ) -> impl Future<Output = Sent<BatchEnvelope>> + Send {
        raw.get_lipsync_batch().batch_id(batch_id).at(token).send()
    }

    fn send_statuses(
        raw: &heygen_sys::Client,
        of: StatusesOf,
        ids: String,
    ) -> impl Future<Output = Sent<StatusEntryPage>> + Send {
        let request = raw.list_lipsync_statuses();
        match of {
            StatusesOf::Jobs => request.lipsync_ids(ids),
            StatusesOf::Batches => request.batch_ids(ids),
        }
        .send()
    }
}
