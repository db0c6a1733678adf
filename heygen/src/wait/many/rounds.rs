//! The statuses rounds of a wait on many: when the next one starts (after the interval of the
//! job polled least, jittered, never past the earliest deadline), what it sends (one statuses
//! GET per chunk of running ids, [`STATUS_CONCURRENCY`] at a time, cut short at the deadline),
//! and what its answers do to each job (a finished one goes to its detail GET; a statuses
//! endpoint that fails for good switches the set to each job's own GET).

use std::collections::HashMap;

use futures::{FutureExt as _, StreamExt as _};
use heygen_sys::types::StatusEntry;
use tokio::time::Instant;

use super::bulk_status::{BulkState, bulk_state};
use super::chunks::chunk_ids;
use super::job::{Job, Stage, report};
use super::limits::{MAX_IDS_PER_REQUEST, MAX_IDS_QUERY_BYTES};
use super::stream::{RoundResult, WaitMany};
use crate::wait::job_state::Waitable;
use crate::wait::options::MIN_POLL_INTERVAL;
use crate::wait::poll::DEADLINE_GRACE;

/// Statuses GETs of one round in flight at once (a round of 10,000 ids sends 100).
const STATUS_CONCURRENCY: usize = 4;

impl<T: Waitable + Send + 'static> WaitMany<T> {
    /// Plans the next round at `at` (its timer is made when the stream is next polled).
    pub(super) fn arm(&mut self, at: Instant) {
        (self.next_round, self.timer) = (Some(at), None);
    }

    /// Plans the next round from `now`: after the interval the youngest running job is at
    /// (jittered, at least [`MIN_POLL_INTERVAL`]), or at the earliest deadline if sooner.
    pub(super) fn schedule(&mut self, now: Instant) {
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
    pub(super) fn start_round(&mut self) {
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

    pub(super) fn on_round(&mut self, answered: RoundResult) {
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
}
