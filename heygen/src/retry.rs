//! When to try a request again, and how long to wait first. Pure decisions: the one retry
//! loop that applies them is the transport's.

use std::time::{Duration, SystemTime};

use rand::Rng;
use reqwest::{Method, StatusCode};

/// Retry settings of a client.
///
/// 429 is retried for every method (the request was not processed), after `Retry-After` (with
/// a little jitter) when the response has one. 408, 5xx and connection errors are retried only
/// when repeating the request cannot duplicate work: GET, DELETE, PUT, or a POST/PATCH that
/// carries an `Idempotency-Key`. A 409 is retried only with the code `request_in_progress` (the
/// first request with the same key is still running), after [`RetryPolicy::in_progress_backoff`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 2).
    pub max_retries: u32,
    /// Backoff before the first retry (default 0.5 s); doubles each retry.
    pub initial_backoff: Duration,
    /// Backoff cap (default 8 s).
    pub max_backoff: Duration,
    /// A `Retry-After` longer than this is not waited for: the call fails with
    /// [`Error::RateLimited`](crate::Error::RateLimited) at once (default 60 s).
    pub max_retry_after: Duration,
    /// Wait before resending after a 409 `request_in_progress` (default 5 s, doubling up to
    /// 30 s): the first request with the key is still running, and a create can take ~30 s.
    pub in_progress_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            in_progress_backoff: Duration::from_secs(5),
        }
    }
}

/// The longest wait after a 409 `request_in_progress`.
const MAX_IN_PROGRESS_BACKOFF: Duration = Duration::from_secs(30);

/// What to do after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Return this outcome to the caller.
    Stop,
    /// Wait this long, then try again.
    RetryAfter(Duration),
}

/// What an attempt's response says, for [`RetryPolicy::after_status`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Answer {
    pub status: StatusCode,
    pub retry_after: Option<Duration>,
    /// A 409 whose code is `request_in_progress`.
    pub in_progress: bool,
}

impl RetryPolicy {
    /// The backoff before retry number `retry` (0-based): exponential, capped, with up to 25 %
    /// jitter taken off so that many clients do not retry in step.
    pub fn backoff(&self, retry: u32) -> Duration {
        let base = self
            .initial_backoff
            .saturating_mul(1 << retry.min(16))
            .min(self.max_backoff);
        let jitter = rand::rng().random_range(0.0..0.25);
        base.mul_f64(1.0 - jitter)
    }

    /// Whether a request with this method may be repeated after a failure that may have
    /// reached the server.
    pub fn repeatable(method: &Method, has_idempotency_key: bool) -> bool {
        matches!(
            *method,
            Method::GET | Method::HEAD | Method::OPTIONS | Method::DELETE | Method::PUT
        ) || has_idempotency_key
    }

    /// The decision after a response on attempt `retry` (0 for the first).
    pub(crate) fn after_status(
        &self,
        answer: Answer,
        retry: u32,
        max_retries: u32,
        repeatable: bool,
    ) -> Decision {
        let retryable = match answer.status.as_u16() {
            429 => true,
            409 => answer.in_progress && repeatable,
            408 | 500..=599 => repeatable,
            _ => false,
        };
        if !retryable || retry >= max_retries {
            return Decision::Stop;
        }
        match answer.retry_after {
            Some(wait) if wait > self.max_retry_after => Decision::Stop,
            Some(wait) => Decision::RetryAfter(spread(wait)),
            None if answer.in_progress => Decision::RetryAfter(self.in_progress_wait(retry)),
            None => Decision::RetryAfter(self.backoff(retry)),
        }
    }

    /// The decision after a transport error on attempt `retry`.
    pub(crate) fn after_error(
        &self,
        error: &reqwest::Error,
        retry: u32,
        max_retries: u32,
        repeatable: bool,
    ) -> Decision {
        let transient = error.is_connect()
            || error.is_timeout()
            || error.is_request()
            || error.is_body()
            || error.is_decode();
        if transient && repeatable && retry < max_retries {
            Decision::RetryAfter(self.backoff(retry))
        } else {
            Decision::Stop
        }
    }

    fn in_progress_wait(&self, retry: u32) -> Duration {
        let base = self
            .in_progress_backoff
            .saturating_mul(1 << retry.min(16))
            .min(MAX_IN_PROGRESS_BACKOFF.max(self.in_progress_backoff));
        base.mul_f64(1.0 - rand::rng().random_range(0.0..0.25))
    }
}

/// `wait` plus up to 10 % (at most 1 s), so that the calls a 429 stopped do not all resend at
/// the instant its `Retry-After` ends.
pub(crate) fn spread(wait: Duration) -> Duration {
    let extra = wait
        .mul_f64(rand::rng().random_range(0.0..0.1))
        .min(Duration::from_secs(1));
    wait.saturating_add(extra)
}

/// `Retry-After` as seconds or an HTTP date. Never panics: a value too large for a `Duration`
/// is `Duration::MAX` (longer than any cap, so the call fails with the 429 instead of waiting),
/// a negative or unreadable one is `None`.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        if seconds.is_nan() || seconds < 0.0 {
            return None;
        }
        return Some(Duration::try_from_secs_f64(seconds).unwrap_or(Duration::MAX));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(
        date.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(code: u16, retry_after: Option<Duration>) -> Answer {
        Answer {
            status: StatusCode::from_u16(code).unwrap(),
            retry_after,
            in_progress: false,
        }
    }

    #[test]
    fn backoff_doubles_to_the_cap_with_bounded_jitter() {
        let policy = RetryPolicy::default();
        for (retry, base) in [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (9, 8.0)] {
            let d = policy.backoff(retry).as_secs_f64();
            assert!(d <= base && d >= base * 0.75, "retry {retry}: {d}");
        }
    }

    #[test]
    fn retry_after_parses_seconds_and_dates_and_saturates() {
        assert_eq!(parse_retry_after("2"), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after("abc"), None);
        assert_eq!(parse_retry_after("-1"), None);
        assert_eq!(parse_retry_after("NaN"), None);
        assert_eq!(parse_retry_after("1e20"), Some(Duration::MAX));
        assert_eq!(
            parse_retry_after("99999999999999999999"),
            Some(Duration::MAX)
        );
        assert_eq!(parse_retry_after("inf"), Some(Duration::MAX));
        let future = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(30));
        let parsed = parse_retry_after(&future).unwrap();
        assert!(
            parsed <= Duration::from_secs(30) && parsed >= Duration::from_secs(28),
            "{parsed:?}"
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn decisions_follow_method_and_status() {
        let p = RetryPolicy::default();
        let two = Duration::from_secs(2);
        match p.after_status(answer(429, Some(two)), 0, 2, false) {
            Decision::RetryAfter(wait) => assert!(
                wait >= two && wait <= two.mul_f64(1.1),
                "Retry-After plus ≤10 %: {wait:?}"
            ),
            Decision::Stop => panic!("429 is retried"),
        }
        assert_eq!(
            p.after_status(answer(429, Some(Duration::from_secs(600))), 0, 2, true),
            Decision::Stop
        );
        assert_eq!(
            p.after_status(answer(429, Some(Duration::MAX)), 0, 2, true),
            Decision::Stop
        );
        assert_eq!(
            p.after_status(answer(503, None), 0, 2, false),
            Decision::Stop
        );
        assert!(matches!(
            p.after_status(answer(503, None), 1, 2, true),
            Decision::RetryAfter(_)
        ));
        assert_eq!(
            p.after_status(answer(503, None), 2, 2, true),
            Decision::Stop
        );
        assert_eq!(
            p.after_status(answer(400, None), 0, 2, true),
            Decision::Stop
        );
        assert!(RetryPolicy::repeatable(&Method::GET, false));
        assert!(!RetryPolicy::repeatable(&Method::POST, false));
        assert!(RetryPolicy::repeatable(&Method::POST, true));
    }

    #[test]
    fn a_409_is_retried_only_when_in_progress_and_after_a_create_sized_wait() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.after_status(answer(409, None), 0, 2, true),
            Decision::Stop
        );
        let in_progress = Answer {
            in_progress: true,
            ..answer(409, None)
        };
        assert_eq!(p.after_status(in_progress, 0, 2, false), Decision::Stop);
        for (retry, base) in [(0, 5.0), (1, 10.0), (2, 20.0), (3, 30.0), (8, 30.0)] {
            let Decision::RetryAfter(wait) = p.after_status(in_progress, retry, 10, true) else {
                panic!("request_in_progress is retried")
            };
            let wait = wait.as_secs_f64();
            assert!(wait <= base && wait >= base * 0.75, "retry {retry}: {wait}");
        }
    }
}
