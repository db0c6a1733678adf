//! Lipsyncs as a kind of job: what the shared job machinery (`resources/jobs/`) needs to batch,
//! poll and create them many at a time ([`JobKind`]), how one says where it stands
//! ([`Waitable`]), and its timestamps ([`Timestamps`]).

use chrono::{DateTime, Utc};
use heygen_sys::types::{
    BatchCreateResponseEnvelope, BatchEnvelope, CreateLipsyncBatchRequest, CreateLipsyncRequest,
    LipsyncCreateResponse, LipsyncDetail, StatusEntryPage, VideoTranslationStatus,
};

use super::Lipsyncs;
use crate::resources::Cursor as _;
use crate::resources::jobs::{JobKind, StatusesOf};
use crate::resources::listing::Sent;
use crate::time::{Timestamps, instant};
use crate::wait::{JobState, Waitable};
use crate::{Client, Result};

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

impl Waitable for LipsyncDetail {
    const KIND: &'static str = "lipsync";

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

impl Timestamps for LipsyncDetail {
    fn created(&self) -> Option<DateTime<Utc>> {
        instant(self.created_at)
    }
}
