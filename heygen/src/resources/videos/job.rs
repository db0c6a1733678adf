//! Videos as a kind of job: what the shared job machinery (`resources/jobs/`) needs to batch,
//! poll and create them many at a time ([`JobKind`]), how one says where it stands
//! ([`Waitable`]), and its timestamps ([`Timestamps`]).

use chrono::{DateTime, Utc};
use heygen_sys::types::{
    BatchCreateResponseEnvelope, BatchEnvelope, CreateAvatarVideoResponse, CreateVideoBatchRequest,
    CreateVideoV3RequestBody, StatusEntryPage, VideoDetail, VideoStatus,
};

use super::Videos;
use crate::resources::Cursor as _;
use crate::resources::jobs::{JobKind, StatusesOf};
use crate::resources::listing::Sent;
use crate::time::{Timestamps, instant};
use crate::wait::{JobState, Waitable};
use crate::{Client, Result};

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

impl Waitable for VideoDetail {
    const KIND: &'static str = "video";

    fn status(&self) -> &str {
        self.status.as_str()
    }

    fn recognized(&self) -> bool {
        !self.status.is_unknown()
    }

    fn state(&self) -> JobState {
        match self.status {
            VideoStatus::Completed => JobState::Completed,
            VideoStatus::Failed => {
                JobState::failed(self.failure_code.as_ref(), self.failure_message.as_ref())
            }
            _ => JobState::Running,
        }
    }
}

impl Timestamps for VideoDetail {
    fn created(&self) -> Option<DateTime<Utc>> {
        instant(self.created_at)
    }

    fn completed(&self) -> Option<DateTime<Utc>> {
        instant(self.completed_at)
    }
}
