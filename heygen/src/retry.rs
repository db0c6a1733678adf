//! When to try a request again, and how long to wait first.

use std::time::{Duration, SystemTime};

use rand::Rng;
use reqwest::{Method, StatusCode};

/// Retry settings of a client.
///
/// 429 is retried for every method, after `Retry-After` when the response has one. 408, 409
/// (`request_in_progress`), 5xx and connection errors are retried only when repeating the request
/// cannot duplicate work: GET, DELETE, PUT, or a POST/PATCH that carries an `Idempotency-Key`.
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
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

/// What to do after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Return this outcome to the caller.
    Stop,
    /// Wait this long, then try again.
    RetryAfter(Duration),
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

    /// The decision after a response with `status` on attempt `retry` (0 for the first).
    pub(crate) fn after_status(
        &self,
        status: StatusCode,
        retry_after: Option<Duration>,
        retry: u32,
        max_retries: u32,
        repeatable: bool,
    ) -> Decision {
        let retryable = match status.as_u16() {
            429 => true,
            408 | 409 | 500..=599 => repeatable,
            _ => false,
        };
        if !retryable || retry >= max_retries {
            return Decision::Stop;
        }
        match retry_after {
            Some(wait) if wait > self.max_retry_after => Decision::Stop,
            Some(wait) => Decision::RetryAfter(wait),
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
        let transient =
            error.is_connect() || error.is_timeout() || error.is_request() || error.is_body();
        if transient && repeatable && retry < max_retries {
            Decision::RetryAfter(self.backoff(retry))
        } else {
            Decision::Stop
        }
    }
}

/// `Retry-After` as seconds or an HTTP date.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds));
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

    #[test]
    fn backoff_doubles_to_the_cap_with_bounded_jitter() {
        let policy = RetryPolicy::default();
        for (retry, base) in [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (9, 8.0)] {
            let d = policy.backoff(retry).as_secs_f64();
            assert!(d <= base && d >= base * 0.75, "retry {retry}: {d}");
        }
    }

    #[test]
    fn retry_after_parses_seconds_and_dates() {
        assert_eq!(parse_retry_after("2"), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after("abc"), None);
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
        let s = |code| StatusCode::from_u16(code).unwrap();
        assert_eq!(
            p.after_status(s(429), Some(Duration::from_secs(2)), 0, 2, false),
            Decision::RetryAfter(Duration::from_secs(2))
        );
        assert_eq!(
            p.after_status(s(429), Some(Duration::from_secs(600)), 0, 2, true),
            Decision::Stop
        );
        assert_eq!(p.after_status(s(503), None, 0, 2, false), Decision::Stop);
        assert!(matches!(
            p.after_status(s(503), None, 1, 2, true),
            Decision::RetryAfter(_)
        ));
        assert_eq!(p.after_status(s(503), None, 2, 2, true), Decision::Stop);
        assert_eq!(p.after_status(s(400), None, 0, 2, true), Decision::Stop);
        assert!(RetryPolicy::repeatable(&Method::GET, false));
        assert!(!RetryPolicy::repeatable(&Method::POST, false));
        assert!(RetryPolicy::repeatable(&Method::POST, true));
    }
}
