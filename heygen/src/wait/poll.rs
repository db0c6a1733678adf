//! The poller: [`poll`] waits on any [`Waitable`] until it ends or its deadline passes; and
//! the errors of waits ([`naming_all`], [`last_seen`]).

use std::time::Duration;

use serde::de::DeserializeOwned;
use tokio::time::Instant;

use super::job_state::{JobState, Waitable};
use super::options::{MIN_POLL_INTERVAL, Progress, WaitOptions};
use crate::error::{Error, Result};

/// How long a poll still in flight at the deadline (the last one, made at the deadline,
/// included) may take before the wait ends with [`Error::WaitTimeout`] without it.
pub const DEADLINE_GRACE: Duration = Duration::from_secs(5);

/// Polls `fetch` until the resource it returns completes, fails, needs consent, or the
/// deadline passes; see [`WaitOptions`] for the timing and the module docs for the outcomes.
/// `id` names the job in errors and progress reports. A poll that fails with a retryable error
/// ([`Error::is_retryable`]) is followed by the next one; any other failure ends the wait with
/// [`Error::Wait`] naming `id`.
///
/// Use it to wait on anything with a status:
///
/// ```no_run
/// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
/// use heygen_sdk::wait::{WaitOptions, poll};
/// let lipsyncs = client.lipsyncs();
/// let lipsync = poll("lipsync_id", &WaitOptions::new(), || lipsyncs.get("lipsync_id")).await?;
/// # let _ = lipsync; Ok(()) }
/// ```
pub async fn poll<T, F, Fut>(id: &str, options: &WaitOptions, mut fetch: F) -> Result<T>
where
    T: Waitable,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let started = Instant::now();
    // A deadline past what an `Instant` can hold is no deadline.
    let deadline = options
        .timeout
        .and_then(|timeout| started.checked_add(timeout));
    let mut polls = 0u32;
    let mut last: Option<(String, serde_json::Value)> = None;
    let timed_out = |last: Option<(String, serde_json::Value)>, polls| {
        let (last_status, last) =
            last.unwrap_or_else(|| ("unknown".to_string(), serde_json::Value::Null));
        Error::WaitTimeout {
            kind: T::KIND,
            id: id.to_string(),
            last_status,
            last: Box::new(last),
            elapsed: started.elapsed(),
            polls,
        }
    };
    sleep_before(started, options.jittered(options.initial_delay), deadline).await;
    // A poll in flight is cut short a little after the deadline.
    let cutoff = deadline.and_then(|deadline| deadline.checked_add(DEADLINE_GRACE));
    loop {
        let fetched = match cutoff {
            Some(cutoff) => match tokio::time::timeout_at(cutoff, fetch()).await {
                Ok(fetched) => fetched,
                Err(_) => return Err(timed_out(last, polls)),
            },
            None => fetch().await,
        };
        polls = polls.saturating_add(1);
        let now = Instant::now();
        match fetched {
            Ok(resource) => {
                let status = resource.status().to_string();
                if let Some(callback) = &options.progress {
                    callback(&Progress {
                        kind: T::KIND,
                        id: id.to_string(),
                        status: status.clone(),
                        recognized: resource.recognized(),
                        changed: last.as_ref().map(|(s, _)| s.as_str()) != Some(status.as_str()),
                        elapsed: started.elapsed(),
                        polls,
                        progress: resource.progress(),
                    });
                }
                match resource.state() {
                    JobState::Completed => return Ok(resource),
                    JobState::Failed { code, message } => {
                        return Err(Error::JobFailed {
                            kind: T::KIND,
                            id: id.to_string(),
                            code,
                            message,
                        });
                    }
                    JobState::ConsentRequired => {
                        return Err(Error::ConsentRequired { id: id.to_string() });
                    }
                    JobState::InputRequired { question } => {
                        return Err(Error::InputRequired {
                            id: id.to_string(),
                            question,
                        });
                    }
                    JobState::Running => {}
                }
                tracing::debug!(
                    kind = T::KIND,
                    id,
                    status = status.as_str(),
                    polls,
                    "still running"
                );
                let json = serde_json::to_value(&resource).unwrap_or(serde_json::Value::Null);
                last = Some((status, json));
            }
            Err(error) if error.is_retryable() => {
                tracing::debug!(kind = T::KIND, id, polls, %error, "poll failed; polling on");
            }
            Err(error) => {
                return Err(Error::Wait {
                    kind: T::KIND,
                    ids: vec![id.to_string()],
                    source: Box::new(error),
                });
            }
        }
        if deadline.is_some_and(|deadline| now >= deadline) {
            return Err(timed_out(last, polls));
        }
        let interval = options
            .jittered(options.base_interval(polls))
            .max(MIN_POLL_INTERVAL);
        sleep_before(now, interval, deadline).await;
    }
}

/// Sleeps until `delay` after `from`, or until `deadline` when that comes first.
async fn sleep_before(from: Instant, delay: Duration, deadline: Option<Instant>) {
    match (from.checked_add(delay), deadline) {
        (Some(at), deadline) => {
            let at = deadline.map_or(at, |deadline| at.min(deadline));
            if at > Instant::now() {
                tokio::time::sleep_until(at).await;
            }
        }
        (None, Some(deadline)) => tokio::time::sleep_until(deadline).await,
        // Too far to hold in an `Instant`: tokio sleeps "forever" on such a duration.
        (None, None) => tokio::time::sleep(delay).await,
    }
}

/// The error of one of several jobs waited on together, naming all of them (so that none is
/// created again by a caller who only learnt of the failed one).
pub(crate) fn naming_all(kind: &'static str, ids: &[String], error: Error) -> Error {
    let source = match error {
        Error::Wait { source, .. } => source,
        other => Box::new(other),
    };
    Error::Wait {
        kind,
        ids: ids.to_vec(),
        source,
    }
}

/// The last resource seen by a wait that reached its deadline ([`Error::WaitTimeout`]),
/// decoded as `T`.
///
/// ```no_run
/// # async fn run(client: heygen_sdk::Client) {
/// use heygen_sdk::types::VideoDetail;
/// if let Err(error) = client.videos().wait("video_id").await {
///     if let Some(video) = heygen_sdk::wait::last_seen::<VideoDetail>(&error) {
///         println!("still {} when the wait gave up", video.status);
///     }
/// }
/// # }
/// ```
pub fn last_seen<T: DeserializeOwned>(error: &Error) -> Option<T> {
    match error {
        Error::WaitTimeout { last, .. } => serde_json::from_value(last.as_ref().clone()).ok(),
        _ => None,
    }
}
