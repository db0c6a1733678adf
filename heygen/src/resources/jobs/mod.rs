//! The machinery shared by the kinds of job that have batches, bulk statuses and bulk waits
//! (videos, video translations, lipsyncs): [`JobKind`], a small description of one kind of
//! job — its request, answer and detail types, the names of its ids, its own `create` and
//! `get`, and the generated operations of its batches and statuses. The logic over it is
//! written once, generic over the kind: batch create, get, items and statuses in
//! [`batches`], `wait_many` and `create_many` in `bulk`. Each kind implements [`JobKind`] in
//! its own resource folder (`videos/job.rs`, …) and writes out its public methods there.

use heygen_sys::types::{BatchCreateResponseEnvelope, BatchEnvelope, StatusEntryPage};

use super::listing::Sent;
use crate::wait::Waitable;
use crate::{Client, Result};

pub mod batches;
pub(crate) mod bulk;

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
