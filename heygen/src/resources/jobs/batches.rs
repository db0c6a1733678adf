//! Batches and bulk statuses, generic over the kind of job: up to 100 jobs created in one
//! request (`POST /v3/{…}/batches`), read back with their per-item ids and statuses
//! (`GET /v3/{…}/batches/{batch_id}`, its items paginated), and the statuses of up to 100
//! jobs, or of whole batches, in one GET (`GET /v3/{…}/statuses`).
//!
//! The kinds share the shapes: [`Batch`] (its items carry the job's id as `video_id`,
//! translations and lipsyncs included) and [`StatusEntry`](crate::types::StatusEntry). A
//! statuses entry's `status` is `queued`, `processing`, `completed`, `failed`, or `not_found`
//! for an id the account does not own, and the API adds values: it is a string.
//!
//! To wait on many jobs, use `wait_many` (one statuses GET per interval for 100 ids) rather than
//! calling these in a loop; to create many within the account's concurrent-job limit,
//! `create_many_and_wait`.

use std::sync::Arc;

use heygen_sys::types::{Batch, BatchCreateResponse, BatchItem, StatusEntryPage};

use super::{JobKind, StatusesOf};
use crate::call::path_id;
use crate::error::{Error, Result};
use crate::paginate::{Page, Paginator};

/// The most items one batch may hold (translations: after one item per output language), and
/// the most ids one statuses request may name: the API's documented limit.
pub const MAX_BATCH_ITEMS: usize = 100;

/// The most ids (job ids or batch ids) one statuses request names: the API's documented limit.
pub const MAX_STATUS_IDS: usize = 100;

/// `ids` as the comma-separated value of the query parameter `name`: at least one, at most
/// `max`, none empty and none containing a comma (which would split it in two).
pub(crate) fn id_list<I, S>(name: &str, ids: I, max: usize) -> Result<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut joined = String::new();
    let mut count = 0;
    for id in ids {
        let id = id.as_ref();
        if id.trim().is_empty() || id.contains(',') {
            return Err(Error::invalid(
                name,
                format!("`{id}` is not an id: an id is not blank and holds no comma"),
            ));
        }
        count += 1;
        if count > max {
            return Err(Error::invalid(
                name,
                format!("at most {max} ids per request (the API's limit)"),
            ));
        }
        if !joined.is_empty() {
            joined.push(',');
        }
        joined.push_str(id);
    }
    if count == 0 {
        return Err(Error::invalid(name, "at least one id is needed"));
    }
    Ok(joined)
}

/// Refuses a batch of `items` items (`what`: the request field) outside `1..=100`.
pub(crate) fn check_batch_size(what: &str, items: usize) -> Result<()> {
    if items == 0 || items > MAX_BATCH_ITEMS {
        return Err(Error::invalid(
            what,
            format!("a batch holds 1 to {MAX_BATCH_ITEMS} items, not {items}"),
        ));
    }
    Ok(())
}

/// Creates a batch of `kind`, refusing one of a bad size before sending.
pub(crate) async fn new_batch<K: JobKind>(
    kind: &K,
    request: K::BatchRequest,
) -> Result<BatchCreateResponse> {
    check_batch_size(K::BATCH_FIELD, K::items_in_batch(&request))?;
    let client = kind.client();
    client
        .data(K::send_batch(client.raw(), request), |e| e.data)
        .await
}

/// A batch of `kind` with the page of its items at `token` (`None`: the first).
pub(crate) async fn batch_page<K: JobKind>(
    kind: &K,
    batch_id: &str,
    token: Option<String>,
) -> Result<Batch> {
    path_id("batch_id", batch_id)?;
    let client = kind.client();
    client
        .data(K::send_get_batch(client.raw(), batch_id, token), |e| e.data)
        .await
}

/// Every item of a batch of `kind`, page by page.
pub(crate) fn items_of<K: JobKind>(kind: &K, batch_id: &str) -> Paginator<BatchItem> {
    let (kind, batch_id) = (kind.clone(), Arc::<str>::from(batch_id));
    batch_items(move |token| {
        let (kind, batch_id) = (kind.clone(), batch_id.clone());
        async move { batch_page(&kind, &batch_id, token).await }
    })
}

/// Every item of a batch, page by page, `page` reading the batch at a cursor (`None`: the
/// first page): the one paginator of the batch shape, asset upload batches included.
pub(crate) fn batch_items<F, Fut>(page: F) -> Paginator<BatchItem>
where
    F: Fn(Option<String>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Batch>> + Send + 'static,
{
    Paginator::new(move |token| {
        let batch = page(token);
        async move {
            let batch = batch.await?;
            Ok(Page::from_envelope(
                batch.items,
                Some(batch.has_more),
                batch.next_token,
            ))
        }
    })
}

/// The statuses of up to [`MAX_STATUS_IDS`] jobs of `kind`, or of the jobs of as many batches;
/// the ids checked before sending.
pub(crate) async fn statuses_of<K, I, S>(
    kind: &K,
    of: StatusesOf,
    ids: I,
) -> Result<StatusEntryPage>
where
    K: JobKind,
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let field = match of {
        StatusesOf::Jobs => K::IDS,
        StatusesOf::Batches => "batch_ids",
    };
    let ids = id_list(field, ids, MAX_STATUS_IDS)?;
    let client = kind.client();
    let response = client.run(K::send_statuses(client.raw(), of, ids)).await?;
    Ok(response.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_lists_are_joined_and_bad_ones_refused() {
        assert_eq!(id_list("video_ids", ["a", "b"], 100).unwrap(), "a,b");
        for bad in [vec![], vec!["a", ""], vec!["a,b"], vec![" "]] {
            let error = id_list("video_ids", bad.clone(), 100).unwrap_err();
            assert!(
                matches!(&error, Error::InvalidRequest { field: Some(f), .. } if f == "video_ids"),
                "{bad:?}: {error:?}"
            );
        }
        let many: Vec<String> = (0..101).map(|i| format!("v{i}")).collect();
        assert!(id_list("video_ids", &many, 100).is_err());
        assert!(id_list("video_ids", &many[..100], 100).is_ok());
    }

    #[test]
    fn batch_sizes_outside_one_to_a_hundred_are_refused() {
        assert!(check_batch_size("videos", 0).is_err());
        assert!(check_batch_size("videos", 1).is_ok());
        assert!(check_batch_size("videos", 100).is_ok());
        assert!(check_batch_size("videos", 101).is_err());
    }
}
