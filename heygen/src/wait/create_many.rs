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
//!
//! **Crash-safe batches.** The `_keyed` and `_stream` forms take the caller's key for each
//! request (its own row id, say) instead of a fresh one, and the stream yields each request as
//! its jobs finish ([`Finished`]). An application that records each result as it comes can run
//! the requests without a result again after a crash, with the same keys and bodies: HeyGen
//! replays a key's first answer for 24 h, so a request created before the crash makes no new
//! job — its key answers with the job made then, which the batch waits on. After 24 h the keys
//! are forgotten, and a rerun makes new jobs.

use std::collections::{HashMap, HashSet, VecDeque};
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
    /// Done and handed out.
    Delivered,
}

/// One request of a batch, as it finishes: its `Idempotency-Key`, its place among the
/// requests, and its result (see [`Videos::create_many_and_wait_stream`](crate::resources::videos::Videos::create_many_and_wait_stream)).
#[derive(Debug)]
#[non_exhaustive]
pub struct Finished<T> {
    /// The request's `Idempotency-Key`: the caller's, or the one made for it.
    pub key: String,
    /// The request's place among the requests, from 0.
    pub index: usize,
    /// Its job, or why it has none: the error names the job once one exists
    /// ([`Error::job_ids`]) and otherwise carries the key ([`Error::idempotency_key`]).
    pub result: Result<T>,
}

/// The requests of a batch as they finish, each once ([`Finished`]).
pub type FinishedStream<T> = futures::stream::BoxStream<'static, Finished<T>>;

/// The batch behind `create_many_and_wait` and its stream: the requests not yet created, the
/// creates in flight, the jobs being waited on, and the requests done but not yet handed out.
struct Batch<S: BulkCreate> {
    source: S,
    kind: &'static str,
    concurrency: usize,
    keys: Vec<String>,
    items: Vec<Item<S::Detail>>,
    /// The requests not yet sent, the next one last.
    queue: Vec<(usize, S::Request)>,
    /// Done, to hand out, in the order they finished.
    ready: VecDeque<usize>,
    creates: FuturesUnordered<Creating<S::Created>>,
    waits: WaitMany<S::Detail>,
    /// Which request (and which of its jobs) a job id is.
    owner: HashMap<String, (usize, usize)>,
    /// Jobs created (or being created) and not finished.
    in_flight: usize,
}

impl<S: BulkCreate> Batch<S> {
    /// A batch of `requests`, each with its key; a key that is not a valid `Idempotency-Key`,
    /// or that an earlier request of the batch has, fails its request before anything is sent.
    fn new(
        source: &S,
        requests: Vec<(String, Result<S::Request>)>,
        concurrency: usize,
        options: &WaitOptions,
    ) -> Self {
        let mut batch = Batch {
            source: source.clone(),
            kind: <S::Detail as super::job_state::Waitable>::KIND,
            concurrency: concurrency.max(1),
            keys: Vec::with_capacity(requests.len()),
            items: Vec::with_capacity(requests.len()),
            queue: Vec::new(),
            ready: VecDeque::new(),
            creates: FuturesUnordered::new(),
            waits: WaitMany::new(source.clone(), options),
            owner: HashMap::new(),
            in_flight: 0,
        };
        let mut seen = HashSet::new();
        for (index, (key, request)) in requests.into_iter().enumerate() {
            let checked = crate::call::validate_idempotency_key(&key).and_then(|()| {
                if seen.insert(key.clone()) {
                    request
                } else {
                    Err(Error::invalid(
                        "Idempotency-Key",
                        format!("`{key}` is the key of an earlier request of this batch"),
                    ))
                }
            });
            match checked {
                Ok(request) => {
                    batch.items.push(Item::Pending);
                    batch.queue.push((index, request));
                }
                Err(error) => {
                    batch.items.push(Item::Done(Err(error)));
                    batch.ready.push_back(index);
                }
            }
            batch.keys.push(key);
        }
        batch.queue.reverse();
        batch
    }

    /// The next request to finish; `None` once every one has.
    async fn next(&mut self) -> Option<Finished<Vec<S::Detail>>> {
        loop {
            if let Some(index) = self.ready.pop_front() {
                let item = std::mem::replace(&mut self.items[index], Item::Delivered);
                let Item::Done(result) = item else {
                    continue;
                };
                return Some(Finished {
                    key: self.keys[index].clone(),
                    index,
                    result,
                });
            }
            self.start_creates();
            if self.creates.is_empty() && self.waits.remaining() == 0 {
                if self.queue.is_empty() {
                    return None;
                }
                // Nothing runs: whatever the count says (a create that repeated an id), start more.
                self.in_flight = 0;
                continue;
            }
            let (creates, waits) = (&mut self.creates, &mut self.waits);
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
                Ok((index, expected, created)) => self.created(index, expected, created),
                Err((id, result)) => self.finished(id, result),
            }
        }
    }

    /// Sends creates while the concurrent-job limit allows.
    fn start_creates(&mut self) {
        while let Some((_, request)) = self.queue.last() {
            let jobs = S::jobs_in(request).max(1);
            if self.in_flight > 0 && self.in_flight + jobs > self.concurrency {
                break;
            }
            let Some((index, request)) = self.queue.pop() else {
                break;
            };
            self.in_flight += jobs;
            let sent = self.source.create_keyed(request, self.keys[index].clone());
            self.creates
                .push(Box::pin(async move { (index, jobs, sent.await) }));
        }
    }

    fn created(&mut self, index: usize, expected: usize, created: Result<S::Created>) {
        self.in_flight -= expected;
        match created {
            Ok(created) => {
                let mut ids = S::job_ids(&created);
                let mut seen = HashSet::new();
                ids.retain(|id| !self.owner.contains_key(id) && seen.insert(id.clone()));
                self.in_flight += ids.len();
                if ids.is_empty() {
                    self.done(index, Ok(Vec::new()));
                    return;
                }
                for (n, id) in ids.iter().enumerate() {
                    self.owner.insert(id.clone(), (index, n));
                    self.waits.add(id.clone());
                }
                let outcomes = ids.iter().map(|_| None).collect();
                self.items[index] = Item::Running { ids, outcomes };
            }
            Err(error) => self.done(index, Err(error)),
        }
    }

    fn finished(&mut self, id: String, result: Result<S::Detail>) {
        self.in_flight = self.in_flight.saturating_sub(1);
        let Some((index, n)) = self.owner.remove(&id) else {
            return;
        };
        if let Item::Running { outcomes, .. } = &mut self.items[index] {
            outcomes[n] = Some(result);
            if outcomes.iter().all(Option::is_some) {
                let Item::Running { ids, outcomes } =
                    std::mem::replace(&mut self.items[index], Item::Pending)
                else {
                    return;
                };
                let settled = settle(self.kind, ids, outcomes);
                self.done(index, settled);
            }
        }
    }

    fn done(&mut self, index: usize, result: Result<Vec<S::Detail>>) {
        self.items[index] = Item::Done(result);
        self.ready.push_back(index);
    }
}

/// Creates every request and waits for its jobs, at most `concurrency` (at least 1) jobs
/// created and unfinished at a time, each request with its key; yields each request as its jobs
/// finish (the jobs it made, in the order of their ids, or the first error). A request with
/// several jobs whose wait fails ends with [`Error::Wait`] naming all of them.
pub(crate) fn create_many_and_wait_stream<S>(
    source: &S,
    requests: Vec<(String, Result<S::Request>)>,
    concurrency: usize,
    options: &WaitOptions,
) -> FinishedStream<Vec<S::Detail>>
where
    S: BulkCreate + Send + Sync + 'static,
{
    let batch = Batch::new(source, requests, concurrency, options);
    Box::pin(futures::stream::unfold(batch, |mut batch| async move {
        let finished = batch.next().await?;
        Some((finished, batch))
    }))
}

/// [`create_many_and_wait_stream`], the results in the order of the requests.
pub(crate) async fn create_many_and_wait<S>(
    source: &S,
    requests: Vec<(String, Result<S::Request>)>,
    concurrency: usize,
    options: &WaitOptions,
) -> Vec<Result<Vec<S::Detail>>>
where
    S: BulkCreate + Send + Sync + 'static,
{
    let mut batch = Batch::new(source, requests, concurrency, options);
    let mut results: Vec<Option<Result<Vec<S::Detail>>>> =
        batch.items.iter().map(|_| None).collect();
    while let Some(finished) = batch.next().await {
        results[finished.index] = Some(finished.result);
    }
    results
        .into_iter()
        .map(|result| {
            // Unreachable: the batch ends once every request is done.
            result.unwrap_or_else(|| {
                Err(Error::invalid(
                    "requests",
                    "the request was not created (internal error)",
                ))
            })
        })
        .collect()
}

/// Every request with a fresh key.
pub(crate) fn with_new_keys<R>(requests: Vec<R>) -> Vec<(String, R)> {
    requests.into_iter().map(|r| (new_key(), r)).collect()
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
