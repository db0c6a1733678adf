//! Waiting on many jobs at once: [`WaitMany`], the stream behind `videos().wait_many`,
//! `video_translations().wait_many` and `lipsyncs().wait_many`.
//!
//! Instead of one GET per job per interval, each interval sends one bulk statuses GET
//! (`GET /v3/{videos|video-translations|lipsyncs}/statuses`) per [`MAX_IDS_PER_REQUEST`] ids
//! still running, and fetches the full resource (`GET /v3/…/{id}`) only of the jobs the
//! statuses report finished (`completed`, `failed`, or `not_found`, whose GET then says what
//! happened): 1,000 running videos cost 10 GETs an interval, and each video one GET more at the
//! end. The ids of one request are also bounded by their length ([`MAX_IDS_QUERY_BYTES`]), so
//! the URL stays under 8 KiB whatever the ids. A status this SDK does not know counts as still
//! running, and so does an id the answer leaves out.
//!
//! The timing is [`WaitOptions`]'s, for the set: the first round after `initial_delay`, then
//! intervals growing from `min_delay`, jittered, one last round at the deadline; the deadline
//! (`timeout`) applies to the whole set, from the start of the wait. The detail GETs run at
//! most [`DETAIL_CONCURRENCY`] at a time, and each request follows the client's retries and
//! shared 429 pause.
//!
//! The stream yields exactly one item per distinct id, as the jobs finish:
//! - `Ok(resource)` for a completed job;
//! - [`Error::JobFailed`] for a failed one (an item like any other: the stream goes on);
//! - [`Error::WaitTimeout`] for each job still running at the deadline, with its last status;
//! - [`Error::Wait`] naming the job when its GET fails for good (a 404 for an id that does not
//!   exist, say).
//!
//! When the statuses endpoint itself fails for good (a 401, or a gateway without the route), the
//! wait goes on polling each job's own GET, as `wait` does, rather than giving up.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures::future::BoxFuture;
use futures::stream::FuturesUnordered;
use futures::{FutureExt as _, Stream, StreamExt as _};
use heygen_sys::types::StatusEntry;
use tokio::time::{Instant, Sleep};

use super::{DEADLINE_GRACE, JobState, MIN_POLL_INTERVAL, Progress, WaitOptions, Waitable};
use crate::error::{Error, Result};

/// The most ids one statuses request carries: the API's documented limit ("up to 100").
pub const MAX_IDS_PER_REQUEST: usize = 100;

/// The longest the ids of one statuses request may be, percent-encoded and comma-joined, in
/// bytes: with the base URL, the path and the parameter name (under 2 KiB together) the URL
/// stays under 8 KiB, the limit many proxies and servers enforce. HeyGen's ids (32 hex digits)
/// reach [`MAX_IDS_PER_REQUEST`] first, at about 3.5 KiB.
pub const MAX_IDS_QUERY_BYTES: usize = 6 * 1024;

/// The longest id a wait on many jobs accepts, in bytes.
pub const MAX_ID_BYTES: usize = 256;

/// Detail GETs of finished jobs in flight at once.
pub const DETAIL_CONCURRENCY: usize = 8;

/// Statuses GETs of one round in flight at once (a round of 10,000 ids sends 100).
const STATUS_CONCURRENCY: usize = 4;

/// The statuses the bulk endpoints are known to answer (the detail GETs' own included).
const KNOWN_STATUSES: &[&str] = &[
    "queued",
    "waiting",
    "pending",
    "processing",
    "running",
    "completed",
    "failed",
    "not_found",
];

/// A kind of job whose statuses one GET reads many at a time.
pub(crate) trait BulkStatus: Clone + Send + Sync + 'static {
    /// The job's full resource.
    type Detail: Waitable + Send + 'static;

    /// `GET /v3/…/statuses` for these ids (at most [`MAX_IDS_PER_REQUEST`], already checked).
    fn fetch_statuses(
        &self,
        ids: Vec<String>,
    ) -> impl Future<Output = Result<Vec<StatusEntry>>> + Send + 'static;

    /// `GET /v3/…/{id}`.
    fn fetch_detail(
        &self,
        id: String,
    ) -> impl Future<Output = Result<Self::Detail>> + Send + 'static;
}

/// What a bulk status says of a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BulkState {
    /// Still working, or a status this SDK does not know.
    Running,
    /// Done one way or another (or unknown to the account): its own GET says how.
    Finished,
}

/// Reads a bulk status: `completed`, `failed` and `not_found` end the polling of the job.
pub(crate) fn bulk_state(status: &str) -> BulkState {
    match status {
        "completed" | "failed" | "not_found" => BulkState::Finished,
        _ => BulkState::Running,
    }
}

/// Bytes `value` takes in a query string (`application/x-www-form-urlencoded`, as reqwest
/// writes it: alphanumerics and `*-._` as they are, a space as `+`, other bytes as `%XX`).
fn encoded_len(value: &str) -> usize {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"*-._ ".contains(&b) {
                1
            } else {
                3
            }
        })
        .sum()
}

/// Splits `ids` into consecutive runs of at most `max_ids` ids whose comma-joined, encoded
/// value is at most `max_bytes` long (an id longer than that alone gets a run of its own).
pub(crate) fn chunk_ids(ids: &[String], max_ids: usize, max_bytes: usize) -> Vec<Range<usize>> {
    let comma = encoded_len(",");
    let mut chunks = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (index, id) in ids.iter().enumerate() {
        let len = encoded_len(id);
        let count = index - start;
        if count > 0 && (count >= max_ids.max(1) || bytes + comma + len > max_bytes) {
            chunks.push(start..index);
            (start, bytes) = (index, 0);
        }
        bytes += if index == start { len } else { comma + len };
    }
    if start < ids.len() {
        chunks.push(start..ids.len());
    }
    chunks
}

/// `ids` deduplicated in order; a blank id, one with a comma, or one over [`MAX_ID_BYTES`] is
/// refused.
pub(crate) fn distinct_ids<I, S>(field: &str, ids: I) -> Result<Vec<String>>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for id in ids {
        let id = id.as_ref();
        if id.trim().is_empty() || id.contains(',') || id.len() > MAX_ID_BYTES {
            return Err(Error::invalid(
                field,
                format!(
                    "`{}` is not an id: an id is not blank, holds no comma and has at most {MAX_ID_BYTES} bytes",
                    crate::error::excerpt(id.as_bytes(), 64)
                ),
            ));
        }
        if seen.insert(id.to_string()) {
            out.push(id.to_string());
        }
    }
    Ok(out)
}

/// What a polled resource means for its wait: `None` while it runs.
pub(crate) fn outcome<T: Waitable>(id: &str, resource: T) -> Option<Result<T>> {
    match resource.state() {
        JobState::Running => None,
        JobState::Completed => Some(Ok(resource)),
        JobState::Failed { code, message } => Some(Err(Error::JobFailed {
            kind: T::KIND,
            id: id.to_string(),
            code,
            message,
        })),
        JobState::ConsentRequired => Some(Err(Error::ConsentRequired { id: id.to_string() })),
        JobState::InputRequired { question } => Some(Err(Error::InputRequired {
            id: id.to_string(),
            question,
        })),
    }
}

type StatusesFn =
    Arc<dyn Fn(Vec<String>) -> BoxFuture<'static, Result<Vec<StatusEntry>>> + Send + Sync>;
type DetailFn<T> = Arc<dyn Fn(String) -> BoxFuture<'static, Result<T>> + Send + Sync>;
/// The chunks of a round and what each statuses GET answered; `Err` when the round was cut
/// short at a deadline.
type RoundResult = std::result::Result<Vec<(Vec<String>, Result<Vec<StatusEntry>>)>, ()>;

/// Where a job of the set stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Polled through the statuses rounds.
    Running,
    /// Its GET is queued or in flight.
    Fetching,
    /// Its GET failed and may succeed: sent again at the next round.
    Refetch,
}

#[derive(Debug)]
struct Job {
    seq: u64,
    added: Instant,
    deadline: Option<Instant>,
    polls: u32,
    stage: Stage,
    /// The last status seen and the entry or resource that said it.
    last: Option<(String, serde_json::Value)>,
}

/// The jobs of a wait on many, as a `Stream` of their outcomes in the order they finish: one
/// item per distinct id (see the [module docs](self)). Dropping it stops the wait.
///
/// ```no_run
/// # async fn run(client: heygen::Client, ids: Vec<String>) -> heygen::Result<()> {
/// use futures::StreamExt;
/// use heygen::wait::WaitOptions;
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
    statuses: StatusesFn,
    detail: DetailFn<T>,
    options: WaitOptions,
    jobs: HashMap<String, Job>,
    seq: u64,
    /// `false` once the statuses endpoint failed for good: each job's own GET is polled.
    bulk: bool,
    round: Option<BoxFuture<'static, RoundResult>>,
    /// When the next round starts, and its timer (made when first polled, inside a runtime).
    next_round: Option<Instant>,
    timer: Option<Pin<Box<Sleep>>>,
    queue: VecDeque<String>,
    details: FuturesUnordered<BoxFuture<'static, (String, Option<Result<T>>)>>,
    ready: VecDeque<(String, Result<T>)>,
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

    fn arm(&mut self, at: Instant) {
        (self.next_round, self.timer) = (Some(at), None);
    }

    /// Plans the next round from `now`: after the interval the youngest running job is at
    /// (jittered, at least [`MIN_POLL_INTERVAL`]), or at the earliest deadline if sooner.
    fn schedule(&mut self, now: Instant) {
        if self.round.is_some() || self.next_round.is_some() {
            return;
        }
        let waiting = self
            .jobs
            .values()
            .filter(|job| matches!(job.stage, Stage::Running | Stage::Refetch));
        let (mut fewest, mut deadline) = (None::<u32>, None::<Instant>);
        for job in waiting {
            fewest = Some(fewest.map_or(job.polls, |p| p.min(job.polls)));
            if let Some(at) = job.deadline {
                deadline = Some(deadline.map_or(at, |d| d.min(at)));
            }
        }
        let Some(polls) = fewest else {
            return;
        };
        let interval = self
            .options
            .jittered(self.options.base_interval(polls))
            .max(MIN_POLL_INTERVAL);
        let at = now.checked_add(interval).unwrap_or(now);
        self.arm(deadline.map_or(at, |d| at.min(d.max(now))));
    }

    /// A round: one statuses GET per chunk of running ids (or, without the bulk endpoint,
    /// each running job's own GET), and the GETs of jobs whose last one failed.
    fn start_round(&mut self) {
        let mut running: Vec<(&String, &mut Job)> = self
            .jobs
            .iter_mut()
            .filter(|(_, job)| job.stage != Stage::Fetching)
            .collect();
        running.sort_by_key(|(_, job)| job.seq);
        let mut ids = Vec::new();
        let mut cutoff: Option<Instant> = None;
        for (id, job) in running {
            if job.stage == Stage::Refetch || !self.bulk {
                job.stage = Stage::Fetching;
                self.queue.push_back(id.clone());
                continue;
            }
            if let Some(at) = job.deadline.and_then(|d| d.checked_add(DEADLINE_GRACE)) {
                cutoff = Some(cutoff.map_or(at, |c| c.min(at)));
            }
            ids.push(id.clone());
        }
        if ids.is_empty() {
            return;
        }
        let chunks: Vec<Vec<String>> = chunk_ids(&ids, MAX_IDS_PER_REQUEST, MAX_IDS_QUERY_BYTES)
            .into_iter()
            .map(|range| ids[range].to_vec())
            .collect();
        let statuses = self.statuses.clone();
        let answers = futures::stream::iter(chunks)
            .map(move |chunk| {
                let sent = statuses(chunk.clone());
                async move { (chunk, sent.await) }
            })
            .buffered(STATUS_CONCURRENCY)
            .collect::<Vec<_>>();
        self.round = Some(
            async move {
                match cutoff {
                    Some(cutoff) => tokio::time::timeout_at(cutoff, answers)
                        .await
                        .map_err(|_| ()),
                    None => Ok(answers.await),
                }
            }
            .boxed(),
        );
    }

    fn on_round(&mut self, answered: RoundResult) {
        let now = Instant::now();
        let was_bulk = self.bulk;
        for (chunk, answer) in answered.unwrap_or_default() {
            let entries = match answer {
                Ok(entries) => entries,
                Err(error) => {
                    for id in &chunk {
                        if let Some(job) = self.jobs.get_mut(id) {
                            job.polls = job.polls.saturating_add(1);
                        }
                    }
                    if !error.is_retryable() && self.bulk {
                        tracing::warn!(kind = T::KIND, %error, "the bulk statuses endpoint failed; polling each job instead");
                        self.bulk = false;
                    } else {
                        tracing::debug!(kind = T::KIND, %error, "a statuses poll failed; polling on");
                    }
                    continue;
                }
            };
            let mut by_id: HashMap<String, StatusEntry> = entries
                .into_iter()
                .filter_map(|entry| Some((entry.video_id.clone()?, entry)))
                .collect();
            for id in chunk {
                let Some(job) = self.jobs.get_mut(&id) else {
                    continue;
                };
                if job.stage != Stage::Running {
                    continue;
                }
                job.polls = job.polls.saturating_add(1);
                let Some(entry) = by_id.remove(&id) else {
                    continue;
                };
                let status = entry.status.clone();
                report(&self.options, T::KIND, &id, job, &status, now);
                job.last = Some((
                    status.clone(),
                    serde_json::to_value(&entry).unwrap_or_default(),
                ));
                if bulk_state(&status) == BulkState::Finished {
                    job.stage = Stage::Fetching;
                    self.queue.push_back(id);
                }
            }
        }
        self.expire(now);
        if was_bulk && !self.bulk {
            // Straight to each job's own GET.
            self.arm(now);
        } else {
            self.schedule(now);
        }
    }

    fn fetch(&mut self, id: String) {
        let cutoff = self
            .jobs
            .get(&id)
            .and_then(|job| job.deadline)
            .and_then(|d| d.checked_add(DEADLINE_GRACE));
        let fetched = (self.detail)(id.clone());
        self.details.push(
            async move {
                let fetched = match cutoff {
                    Some(cutoff) => tokio::time::timeout_at(cutoff, fetched).await.ok(),
                    None => Some(fetched.await),
                };
                (id, fetched)
            }
            .boxed(),
        );
    }

    fn on_detail(&mut self, id: String, fetched: Option<Result<T>>) {
        let now = Instant::now();
        let Some(job) = self.jobs.get_mut(&id) else {
            return;
        };
        match fetched {
            // Cut short at the deadline.
            None => {
                self.time_out(id, now);
                return;
            }
            Some(Ok(resource)) => {
                let status = resource.status().to_string();
                if !self.bulk {
                    job.polls = job.polls.saturating_add(1);
                    report(&self.options, T::KIND, &id, job, &status, now);
                }
                let json = serde_json::to_value(&resource).unwrap_or_default();
                match outcome(&id, resource) {
                    Some(result) => {
                        self.jobs.remove(&id);
                        self.ready.push_back((id, result));
                        return;
                    }
                    // The statuses and the resource disagree (or, without statuses, it runs):
                    // poll on.
                    None => {
                        job.stage = Stage::Running;
                        job.last = Some((status, json));
                    }
                }
            }
            Some(Err(error)) if error.is_retryable() => {
                tracing::debug!(kind = T::KIND, id, %error, "a GET failed; trying again next round");
                job.stage = Stage::Refetch;
            }
            Some(Err(error)) => {
                self.jobs.remove(&id);
                let error = Error::Wait {
                    kind: T::KIND,
                    ids: vec![id.clone()],
                    source: Box::new(error),
                };
                self.ready.push_back((id, Err(error)));
                return;
            }
        }
        if job.deadline.is_some_and(|d| now >= d) {
            self.time_out(id, now);
        }
        self.schedule(now);
    }

    /// Ends, with [`Error::WaitTimeout`], the running jobs whose deadline passed.
    fn expire(&mut self, now: Instant) {
        let mut expired: Vec<(u64, String)> = self
            .jobs
            .iter()
            .filter(|(_, job)| {
                job.stage == Stage::Running && job.deadline.is_some_and(|d| now >= d)
            })
            .map(|(id, job)| (job.seq, id.clone()))
            .collect();
        expired.sort();
        for (_, id) in expired {
            self.time_out(id, now);
        }
    }

    fn time_out(&mut self, id: String, now: Instant) {
        let Some(job) = self.jobs.remove(&id) else {
            return;
        };
        let (last_status, last) = job
            .last
            .unwrap_or_else(|| ("unknown".to_string(), serde_json::Value::Null));
        let error = Error::WaitTimeout {
            kind: T::KIND,
            id: id.clone(),
            last_status,
            last: Box::new(last),
            elapsed: now.saturating_duration_since(job.added),
            polls: job.polls,
        };
        self.ready.push_back((id, Err(error)));
    }
}

/// Tells the progress callback what a poll saw of one job.
fn report(
    options: &WaitOptions,
    kind: &'static str,
    id: &str,
    job: &Job,
    status: &str,
    now: Instant,
) {
    if let Some(callback) = &options.progress {
        callback(&Progress {
            kind,
            id: id.to_string(),
            status: status.to_string(),
            recognized: KNOWN_STATUSES.contains(&status),
            changed: job.last.as_ref().map(|(s, _)| s.as_str()) != Some(status),
            elapsed: now.saturating_duration_since(job.added),
            polls: job.polls,
            progress: None,
        });
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize, len: usize) -> Vec<String> {
        (0..n).map(|i| format!("{i:0len$}")).collect()
    }

    #[test]
    fn chunks_hold_at_most_the_limit_of_ids() {
        let all = ids(1000, 32);
        let chunks = chunk_ids(&all, 100, MAX_IDS_QUERY_BYTES);
        assert_eq!(chunks.len(), 10);
        assert!(chunks.iter().all(|c| c.len() == 100));
        assert_eq!(chunks.first().map(|c| c.start), Some(0));
        assert!(chunks.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(chunk_ids(&all[..250], 100, MAX_IDS_QUERY_BYTES).len(), 3);
        assert!(chunk_ids(&[], 100, MAX_IDS_QUERY_BYTES).is_empty());
    }

    #[test]
    fn chunks_keep_the_encoded_query_under_its_bound() {
        // 200-byte ids with bytes that encode as %XX: 600 bytes each, 10 to a 6 KiB chunk.
        let long: Vec<String> = (0..95)
            .map(|i| format!("{i:03}{}", "é".repeat(98)))
            .collect();
        let chunks = chunk_ids(&long, 100, MAX_IDS_QUERY_BYTES);
        for chunk in &chunks {
            let joined = long[chunk.clone()].join(",");
            assert!(encoded_len(&joined) <= MAX_IDS_QUERY_BYTES, "{chunk:?}");
            let encoded: String = url_encode(&joined);
            assert_eq!(encoded.len(), encoded_len(&joined));
        }
        assert_eq!(chunks.iter().map(|c| c.len()).sum::<usize>(), 95);
        assert!(chunks.len() >= 10);
        // One id over the bound still goes, alone.
        let huge = vec!["a".repeat(7000), "b".to_string()];
        assert_eq!(chunk_ids(&huge, 100, MAX_IDS_QUERY_BYTES), vec![0..1, 1..2]);
    }

    fn url_encode(value: &str) -> String {
        let url = reqwest::Url::parse_with_params("http://x/", [("ids", value)]).unwrap();
        url.query().unwrap().trim_start_matches("ids=").to_string()
    }

    #[test]
    fn finished_unknown_and_running_statuses() {
        for status in ["completed", "failed", "not_found"] {
            assert_eq!(bulk_state(status), BulkState::Finished, "{status}");
        }
        for status in [
            "queued",
            "processing",
            "pending",
            "waiting",
            "rendering",
            "",
        ] {
            assert_eq!(bulk_state(status), BulkState::Running, "{status}");
        }
    }

    #[test]
    fn ids_are_deduplicated_and_bad_ones_refused() {
        assert_eq!(
            distinct_ids("video_ids", ["a", "b", "a", "c", "b"]).unwrap(),
            ["a", "b", "c"]
        );
        for bad in ["", "  ", "a,b"] {
            assert!(distinct_ids("video_ids", [bad]).is_err(), "{bad:?}");
        }
        assert!(distinct_ids("video_ids", ["x".repeat(MAX_ID_BYTES + 1)]).is_err());
        assert!(
            distinct_ids("video_ids", Vec::<String>::new())
                .unwrap()
                .is_empty()
        );
    }
}
