//! The detail GET of each job (`GET /v3/…/{id}`), and how a job leaves the set: the GET of a
//! job the statuses say finished (or of every job, once the statuses endpoint failed for good)
//! is cut short at the job's deadline; its resource decides the outcome ([`outcome`]), a
//! retryable failure sends it again next round, another failure ends the job with
//! [`Error::Wait`] naming it, and a job still running at its deadline ends with
//! [`Error::WaitTimeout`] and its last status.

use futures::FutureExt as _;
use tokio::time::Instant;

use super::job::{Stage, report};
use super::stream::WaitMany;
use crate::error::{Error, Result};
use crate::wait::job_state::{JobState, Waitable};
use crate::wait::poll::DEADLINE_GRACE;

/// What a polled resource means for its wait: `None` while it runs.
fn outcome<T: Waitable>(id: &str, resource: T) -> Option<Result<T>> {
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

impl<T: Waitable + Send + 'static> WaitMany<T> {
    /// Sends the GET of `id`, cut short a little after the job's deadline (`None` then).
    pub(super) fn fetch(&mut self, id: String) {
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

    /// What the GET of `id` answered does to its job: an outcome, another round, or the end.
    pub(super) fn on_detail(&mut self, id: String, fetched: Option<Result<T>>) {
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
    pub(super) fn expire(&mut self, now: Instant) {
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

    /// Ends `id` with [`Error::WaitTimeout`], its last status and its polls.
    pub(super) fn time_out(&mut self, id: String, now: Instant) {
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
