//! [`WaitMany`] itself: the set of jobs and the `Stream` of their outcomes. Its poll is the
//! one loop that drives everything: it hands out the outcomes queued, keeps at most
//! [`DETAIL_CONCURRENCY`] detail GETs in flight, and starts each statuses round when its timer
//! fires. What a round sends and what its answers do is in `rounds`, the detail GETs and how
//! a job ends in `details`.

use std::collections::{HashMap, VecDeque};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures::future::BoxFuture;
use futures::stream::FuturesUnordered;
use futures::{FutureExt as _, Stream, StreamExt as _};
use heygen_sys::types::StatusEntry;
use tokio::time::{Instant, Sleep};

use super::bulk_status::BulkStatus;
use super::job::{Job, Stage};
use super::limits::DETAIL_CONCURRENCY;
use crate::error::Result;
use crate::wait::job_state::Waitable;
use crate::wait::options::WaitOptions;

pub(super) type StatusesFn =
    Arc<dyn Fn(Vec<String>) -> BoxFuture<'static, Result<Vec<StatusEntry>>> + Send + Sync>;
pub(super) type DetailFn<T> = Arc<dyn Fn(String) -> BoxFuture<'static, Result<T>> + Send + Sync>;
/// The chunks of a round and what each statuses GET answered; `Err` when the round was cut
/// short at a deadline.
pub(super) type RoundResult = std::result::Result<Vec<(Vec<String>, Result<Vec<StatusEntry>>)>, ()>;

/// The jobs of a wait on many, as a `Stream` of their outcomes in the order they finish: one
/// item per distinct id (see the [module docs](super)). Dropping it stops the wait.
///
/// ```no_run
/// # async fn run(client: heygen_sdk::Client, ids: Vec<String>) -> heygen_sdk::Result<()> {
/// use futures::StreamExt;
/// use heygen_sdk::wait::WaitOptions;
///
/// let mut finished = client.videos().wait_many(&ids, &WaitOptions::new())?;
/// while let Some(video) = finished.next().await {
///     match video {
///         Ok(video) => println!("{} {:?}", video.id, video.video_url),
///         Err(error) => eprintln!("{:?}: {error}", error.job_ids()),
///     }
/// }
/// # Ok(()) }
/// ```
pub struct WaitMany<T> {
    pub(super) statuses: StatusesFn,
    pub(super) detail: DetailFn<T>,
    pub(super) options: WaitOptions,
    pub(super) jobs: HashMap<String, Job>,
    pub(super) seq: u64,
    /// `false` once the statuses endpoint failed for good: each job's own GET is polled.
    pub(super) bulk: bool,
    pub(super) round: Option<BoxFuture<'static, RoundResult>>,
    /// When the next round starts, and its timer (made when first polled, inside a runtime).
    pub(super) next_round: Option<Instant>,
    pub(super) timer: Option<Pin<Box<Sleep>>>,
    pub(super) queue: VecDeque<String>,
    pub(super) details: FuturesUnordered<BoxFuture<'static, (String, Option<Result<T>>)>>,
    pub(super) ready: VecDeque<(String, Result<T>)>,
}

// Nothing of `T` is ever pinned: the futures are boxed.
impl<T> Unpin for WaitMany<T> {}

impl<T> std::fmt::Debug for WaitMany<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WaitMany")
            .field("remaining", &(self.jobs.len() + self.ready.len()))
            .field("bulk", &self.bulk)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<T: Waitable + Send + 'static> WaitMany<T> {
    /// An empty set polled through `source`; [`WaitMany::add`] puts jobs in it.
    pub(crate) fn new<S: BulkStatus<Detail = T>>(source: S, options: &WaitOptions) -> Self {
        let for_statuses = source.clone();
        Self {
            statuses: Arc::new(move |ids| for_statuses.fetch_statuses(ids).boxed()),
            detail: Arc::new(move |id| source.fetch_detail(id).boxed()),
            options: options.clone(),
            jobs: HashMap::new(),
            seq: 0,
            bulk: true,
            round: None,
            next_round: None,
            timer: None,
            queue: VecDeque::new(),
            details: FuturesUnordered::new(),
            ready: VecDeque::new(),
        }
    }

    /// Starts waiting on `id` (nothing when it is already waited on): its deadline is
    /// `options.timeout` from now, and it joins the next round (the first one comes after
    /// `initial_delay` when none is planned).
    pub(crate) fn add(&mut self, id: String) {
        if self.jobs.contains_key(&id) {
            return;
        }
        let now = Instant::now();
        self.seq += 1;
        self.jobs.insert(
            id,
            Job {
                seq: self.seq,
                added: now,
                deadline: self.options.timeout.and_then(|t| now.checked_add(t)),
                polls: 0,
                stage: Stage::Running,
                last: None,
            },
        );
        if self.round.is_none() && self.next_round.is_none() {
            let delay = self.options.jittered(self.options.initial_delay);
            self.arm(now.checked_add(delay).unwrap_or(now));
        }
    }

    /// Jobs not yet reported.
    pub fn remaining(&self) -> usize {
        self.jobs.len() + self.ready.len()
    }

    /// The next job to finish and its outcome; `None` once every job was reported.
    pub(crate) fn poll_finished(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<(String, Result<T>)>> {
        loop {
            if let Some(done) = self.ready.pop_front() {
                return Poll::Ready(Some(done));
            }
            if self.jobs.is_empty() {
                return Poll::Ready(None);
            }
            while self.details.len() < DETAIL_CONCURRENCY {
                let Some(id) = self.queue.pop_front() else {
                    break;
                };
                self.fetch(id);
            }
            if let Poll::Ready(Some((id, fetched))) = self.details.poll_next_unpin(cx) {
                self.on_detail(id, fetched);
                continue;
            }
            if let Some(round) = self.round.as_mut() {
                if let Poll::Ready(answered) = round.poll_unpin(cx) {
                    self.round = None;
                    self.on_round(answered);
                    continue;
                }
            } else if let Some(at) = self.next_round {
                let timer = self
                    .timer
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(at)));
                if timer.as_mut().poll(cx).is_ready() {
                    (self.next_round, self.timer) = (None, None);
                    self.start_round();
                    continue;
                }
            } else if self.details.is_empty() && self.queue.is_empty() {
                // Jobs left, none in flight and nothing planned: plan the next round.
                self.schedule(Instant::now());
                if self.next_round.is_some() {
                    continue;
                }
            }
            return Poll::Pending;
        }
    }
}

impl<T: Waitable + Send + 'static> Stream for WaitMany<T> {
    type Item = Result<T>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut()
            .poll_finished(cx)
            .map(|done| done.map(|(_, result)| result))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining(), Some(self.remaining()))
    }
}
