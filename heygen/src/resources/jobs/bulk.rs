//! Many jobs at once, generic over the kind of job: `wait_many` (a stream of the jobs as they
//! finish, polled through the bulk statuses endpoint: see [`crate::wait::WaitMany`]),
//! `create_many` and `create_many_and_wait` (every request created within a concurrent-job
//! limit, each with its own `Idempotency-Key`, the results in the order of the requests: see
//! [`crate::wait::create_many`]).

use heygen_sys::types::StatusEntry;

use super::batches::statuses_of;
use super::{JobKind, StatusesOf};
use crate::error::{Error, Result};
use crate::wait::WaitOptions;
use crate::wait::create_many::BulkCreate;
use crate::wait::many::{BulkStatus, WaitMany, distinct_ids};

/// Each request converted, a conversion failure kept as that request's result.
pub(crate) fn converted<I, R, T>(requests: I) -> Vec<Result<T>>
where
    I: IntoIterator<Item = R>,
    R: TryInto<T>,
    R::Error: Into<Error>,
{
    requests
        .into_iter()
        .map(|request| request.try_into().map_err(Into::into))
        .collect()
}

/// A wait on `ids` of `kind`, every id added now (one deadline for the set).
pub(crate) fn wait_on<K, I, Id>(
    kind: &K,
    ids: I,
    options: &WaitOptions,
) -> Result<WaitMany<K::Detail>>
where
    K: JobKind,
    I: IntoIterator<Item = Id>,
    Id: AsRef<str>,
{
    let ids = distinct_ids(K::IDS, ids)?;
    let mut waits = WaitMany::new(kind.clone(), options);
    for id in ids {
        waits.add(id);
    }
    Ok(waits)
}

/// Every kind of job polls its statuses through its statuses GET, its finished jobs through
/// its `get`.
impl<K: JobKind> BulkStatus for K {
    type Detail = K::Detail;

    fn fetch_statuses(
        &self,
        ids: Vec<String>,
    ) -> impl Future<Output = Result<Vec<StatusEntry>>> + Send + 'static {
        let kind = self.clone();
        async move { Ok(statuses_of(&kind, StatusesOf::Jobs, &ids).await?.data) }
    }

    fn fetch_detail(&self, id: String) -> impl Future<Output = Result<K::Detail>> + Send + 'static {
        let kind = self.clone();
        async move { kind.get_job(&id).await }
    }
}

/// Every kind of job is created many at a time through its `create`, each on a handle with
/// the item's own `Idempotency-Key`.
impl<K: JobKind> BulkCreate for K {
    type Request = K::Request;
    type Created = K::Created;

    fn create_keyed(
        &self,
        request: K::Request,
        idempotency_key: String,
    ) -> impl Future<Output = Result<K::Created>> + Send + 'static {
        let kind = K::on(self.client().with_idempotency_key(idempotency_key));
        async move { kind.create_job(request).await }
    }

    fn job_ids(created: &K::Created) -> Vec<String> {
        K::created_ids(created)
    }

    fn jobs_in(request: &K::Request) -> usize {
        K::jobs_requested(request)
    }
}
