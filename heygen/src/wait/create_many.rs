//! Creating many jobs within the account's concurrent-job limit: `create_many` and
//! `create_many_and_wait` of videos, video translations and lipsyncs.
//!
//! HeyGen runs a limited number of jobs of an account at once (10 on pay-as-you-go,
//! [`DEFAULT_CONCURRENT_JOBS`]) and answers 429 to a create past it. `create_many_and_wait`
//! keeps at most `concurrency` jobs created and not yet finished: it starts the next create
//! only when a job ends, waiting on the running ones together through [`WaitMany`] (one
//! statuses GET per interval for all of them). Each create carries an `Idempotency-Key` of its
//! own, generated for the item and kept across the client's retries, so that a retried create
//! (a 429, a 5xx, a dropped connection) cannot make a second job; a 429 pauses every call of the
//! client (the transport's shared pause). A create that still fails is reported, never dropped:
//! the results come back one per request, in the order of the requests — the job, or the
//! error, which names the job once one exists ([`Error::job_ids`]) and otherwise carries the
//! key to retry the create with ([`Error::idempotency_key`]).

use std::collections::HashMap;
use std::task::Poll;

use futures::StreamExt as _;
use futures::future::BoxFuture;
use futures::stream::FuturesUnordered;

use super::many::{BulkStatus, WaitMany};
use super::options::WaitOptions;
use crate::error::{Error, Result};

/// HeyGen's concurrent-job limit on pay-as-you-go plans: the `concurrency` to pass unless the
/// plan allows more.
pub const DEFAULT_CONCURRENT_JOBS: usize = 10;

/// A kind of job created one request at a time, each request making one job or more.
pub(crate) trait BulkCreate: BulkStatus {
    /// What `create` takes.
    type Request: Send + 'static;
    /// What `create` answers.
    type Created: Send + 'static;

    /// Sends one create with this `Idempotency-Key`.
    fn create_keyed(
        &self,
        request: Self::Request,
        idempotency_key: String,
    ) -> impl Future<Output = Result<Self::Created>> + Send + 'static;

    /// The ids of the jobs a create made.
    fn job_ids(created: &Self::Created) -> Vec<String>;

    /// How many jobs a request makes (a translation: one per output language).
    fn jobs_in(_request: &Self::Request) -> usize {
        1
    }
}

/// A fresh `Idempotency-Key` for one item.
fn new_key() -> String {
    format!("heygen-rs-{}", uuid::Uuid::new_v4().simple())
}

/// Creates every request, at most `concurrency` (at least 1) at a time, each with its own
/// `Idempotency-Key`; the answers in the order of the requests.
pub(crate) async fn create_many<S: BulkCreate>(
    source: &S,
    requests: Vec<Result<S::Request>>,
    concurrency: usize,
) -> Vec<Result<S::Created>> {
    let mut answers: Vec<(usize, Result<S::Created>)> =
        futures::stream::iter(requests.into_iter().enumerate())
            .map(|(index, request)| {
                let sent = request.map(|request| source.create_keyed(request, new_key()));
                async move {
                    match sent {
                        Ok(sent) => (index, sent.await),
                        Err(error) => (index, Err(error)),
                    }
                }
            })
            .buffer_unordered(concurrency.max(1))
            .collect()
            .await;
    answers.sort_by_key(|(index, _)| *index);
    answers.into_iter().map(|(_, answer)| answer).collect()
}

/// A create in flight: the request's index, the jobs it counts for, and the answer.
type Creating<C> = BoxFuture<'static, (usize, usize, Result<C>)>;

/// One request's progress.
enum Item<T> {
    /// Not created yet, or creating.
    Pending,
    /// Created: its jobs' outcomes as they come (in the order of its ids).
    Running {
        ids: Vec<String>,
        outcomes: Vec<Option<Result<T>>>,
    },
    /// Done: what the caller gets.
    Done(Result<Vec<T>>),
}

/// Creates every request and waits for its jobs, at most `concurrency` (at least 1) jobs
/// created and unfinished at a time; per request, the jobs it made (in the order of their ids)
/// or the first error, in the order of the requests. A request with several jobs whose wait
/// fails ends with [`Error::Wait`] naming all of them.
pub(crate) async fn create_many_and_wait<S: BulkCreate>(
    source: &S,
    requests: Vec<Result<S::Request>>,
    concurrency: usize,
    options: &WaitOptions,
) -> Vec<Result<Vec<S::Detail>>> {
    let concurrency = concurrency.max(1);
    let kind = <S::Detail as super::job_state::Waitable>::KIND;
    let mut items: Vec<Item<S::Detail>> = Vec::with_capacity(requests.len());
    let mut queue = Vec::new();
    for (index, request) in requests.into_iter().enumerate() {
        match request {
            Ok(request) => {
                items.push(Item::Pending);
                queue.push((index, request));
            }
            Err(error) => items.push(Item::Done(Err(error))),
        }
    }
    queue.reverse();
    let mut creates: FuturesUnordered<Creating<S::Created>> = FuturesUnordered::new();
    let mut waits = WaitMany::new(source.clone(), options);
    let mut owner: HashMap<String, (usize, usize)> = HashMap::new();
    // Jobs created (or being created) and not finished.
    let mut in_flight = 0usize;
    loop {
        while let Some((_, request)) = queue.last() {
            let jobs = S::jobs_in(request).max(1);
            if in_flight > 0 && in_flight + jobs > concurrency {
                break;
            }
            let Some((index, request)) = queue.pop() else {
                break;
            };
            in_flight += jobs;
            let sent = source.create_keyed(request, new_key());
            creates.push(Box::pin(async move { (index, jobs, sent.await) }));
        }
        if creates.is_empty() && waits.remaining() == 0 {
            if queue.is_empty() {
                break;
            }
            // Nothing runs: whatever the count says (a create that repeated an id), start more.
            in_flight = 0;
            continue;
        }
        let next = futures::future::poll_fn(|cx| {
            if let Poll::Ready(Some(created)) = creates.poll_next_unpin(cx) {
                return Poll::Ready(Ok(created));
            }
            if waits.remaining() > 0
                && let Poll::Ready(Some(finished)) = waits.poll_finished(cx)
            {
                return Poll::Ready(Err(finished));
            }
            Poll::Pending
        })
        .await;
        match next {
            Ok((index, expected, created)) => {
                in_flight -= expected;
                match created {
                    Ok(created) => {
                        let mut ids = S::job_ids(&created);
                        let mut seen = std::collections::HashSet::new();
                        ids.retain(|id| !owner.contains_key(id) && seen.insert(id.clone()));
                        in_flight += ids.len();
                        if ids.is_empty() {
                            items[index] = Item::Done(Ok(Vec::new()));
                            continue;
                        }
                        for (n, id) in ids.iter().enumerate() {
                            owner.insert(id.clone(), (index, n));
                            waits.add(id.clone());
                        }
                        let outcomes = ids.iter().map(|_| None).collect();
                        items[index] = Item::Running { ids, outcomes };
                    }
                    Err(error) => items[index] = Item::Done(Err(error)),
                }
            }
            Err((id, result)) => {
                in_flight = in_flight.saturating_sub(1);
                let Some((index, n)) = owner.remove(&id) else {
                    continue;
                };
                if let Item::Running { outcomes, .. } = &mut items[index] {
                    outcomes[n] = Some(result);
                    if outcomes.iter().all(Option::is_some) {
                        let Item::Running { ids, outcomes } =
                            std::mem::replace(&mut items[index], Item::Pending)
                        else {
                            continue;
                        };
                        items[index] = Item::Done(settle(kind, ids, outcomes));
                    }
                }
            }
        }
    }
    items
        .into_iter()
        .map(|item| match item {
            Item::Done(result) => result,
            // Unreachable: the loop ends once every item is done.
            Item::Pending | Item::Running { .. } => Err(Error::invalid(
                "requests",
                "the request was not created (internal error)",
            )),
        })
        .collect()
}

/// A request's result from its jobs' outcomes: every job, or the first error (naming every job
/// of the request when it made several).
fn settle<T>(
    kind: &'static str,
    ids: Vec<String>,
    outcomes: Vec<Option<Result<T>>>,
) -> Result<Vec<T>> {
    let mut done = Vec::with_capacity(outcomes.len());
    for outcome in outcomes.into_iter().flatten() {
        match outcome {
            Ok(job) => done.push(job),
            Err(error) if ids.len() == 1 => return Err(error),
            Err(error) => {
                let source = match error {
                    Error::Wait { source, .. } => source,
                    other => Box::new(other),
                };
                return Err(Error::Wait { kind, ids, source });
            }
        }
    }
    Ok(done)
}

/// The one job of a request that makes one.
pub(crate) fn single<T>(result: Result<Vec<T>>) -> Result<T> {
    result.and_then(|jobs| {
        jobs.into_iter().next().ok_or_else(|| Error::Decode {
            operation: "create",
            status: 200,
            message: "the create answered no job id".into(),
            body_excerpt: String::new(),
            truncated: false,
            idempotency_key: None,
            repeatable: false,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_of_several_jobs_fails_naming_them_all() {
        let failed = || Error::JobFailed {
            kind: "video_translation",
            id: "t2".into(),
            code: None,
            message: Some("bad audio".into()),
        };
        let ids = vec!["t1".to_string(), "t2".to_string()];
        let error = settle(
            "video_translation",
            ids,
            vec![Some(Ok(1)), Some(Err(failed()))],
        )
        .unwrap_err();
        assert_eq!(error.job_ids(), ["t1", "t2"]);
        assert!(
            matches!(&error, Error::Wait { source, .. } if matches!(**source, Error::JobFailed { .. }))
        );
        let one = settle::<u8>("video", vec!["v1".into()], vec![Some(Err(failed()))]).unwrap_err();
        assert!(matches!(one, Error::JobFailed { .. }));
        assert_eq!(
            settle(
                "video",
                vec!["a".into(), "b".into()],
                vec![Some(Ok(1)), Some(Ok(2))]
            )
            .unwrap(),
            [1, 2]
        );
    }

    #[test]
    fn keys_are_fresh_and_valid() {
        let (a, b) = (new_key(), new_key());
        assert_ne!(a, b);
        crate::validate_idempotency_key(&a).unwrap();
    }
}
