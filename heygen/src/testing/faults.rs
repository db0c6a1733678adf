//! Fault injection (queued rules, and faults drawn at random from a seeded generator) and the
//! request journal.

use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// A failure the simulator can answer a request with instead of (or on top of) its normal
/// response. Queue faults with [`FaultRule`] and
/// [`Simulator::inject`](super::Simulator::inject), or with the shortcuts
/// ([`fail_next`](super::Simulator::fail_next), [`rate_limit`](super::Simulator::rate_limit), …).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Answer this HTTP status with a `StandardAPIError` body; the request is not handled.
    Status(u16),
    /// Answer 429 `rate_limit_exceeded` with `Retry-After: retry_after_secs`; the request is
    /// not handled.
    RateLimited {
        /// The `Retry-After` value, in seconds.
        retry_after_secs: u64,
    },
    /// Answer 429 `rate_limit_exceeded` without a `Retry-After`; the request is not handled.
    RateLimitedWithoutRetryAfter,
    /// Close the connection without handling the request or answering (a reset before the
    /// server acted).
    Reset,
    /// Handle the request (its effects happen), then close the connection without answering.
    DropConnection,
    /// Handle the request, send the headers (with the full `Content-Length`) and half the body,
    /// then close the connection.
    DropMidBody,
    /// Handle the request and answer its status with the first half of its JSON body (a
    /// consistent `Content-Length`, so the client sees a complete but undecodable body).
    Truncate,
    /// Handle the request only after this delay, its `Idempotency-Key` in flight meanwhile (a
    /// slow create: a request with the same key gets 409 `request_in_progress` until it ends).
    /// A client that gives up closes the connection, which cancels the handling.
    Slow(Duration),
}

impl Fault {
    /// One of each kind (a 500 and a 503, a 429 with and one without `Retry-After`, a slow
    /// answer of `slow`): the default mix of [`RandomFaults`].
    pub fn every_kind(slow: Duration) -> Vec<Fault> {
        vec![
            Fault::Status(500),
            Fault::Status(503),
            Fault::RateLimited {
                retry_after_secs: 1,
            },
            Fault::RateLimitedWithoutRetryAfter,
            Fault::Reset,
            Fault::DropConnection,
            Fault::DropMidBody,
            Fault::Truncate,
            Fault::Slow(slow),
        ]
    }
}

/// Faults drawn at random: each matching request gets, with probability `rate`, one of the
/// faults (uniformly), from a generator seeded with `seed`. Queued [`FaultRule`]s come first.
///
/// ```
/// use std::time::Duration;
/// use heygen_sdk::testing::{Fault, RandomFaults};
/// let chaos = RandomFaults::new(42, 0.3).faults(Fault::every_kind(Duration::from_secs(5))).method("POST");
/// # let _ = chaos;
/// ```
#[derive(Debug, Clone)]
pub struct RandomFaults {
    pub(crate) seed: u64,
    pub(crate) rate: f64,
    pub(crate) faults: Vec<Fault>,
    pub(crate) only: Requests,
}

impl RandomFaults {
    /// Faults for a fraction `rate` (clamped to `0..=1`) of requests, drawn from a generator
    /// seeded with `seed`, out of [`Fault::every_kind`] (slow: 5 s) unless
    /// [`RandomFaults::faults`] says otherwise.
    pub fn new(seed: u64, rate: f64) -> Self {
        Self {
            seed,
            rate: if rate.is_finite() {
                rate.clamp(0.0, 1.0)
            } else {
                0.0
            },
            faults: Fault::every_kind(Duration::from_secs(5)),
            only: Requests::default(),
        }
    }

    /// The faults to draw from (none: no fault).
    pub fn faults(mut self, faults: impl IntoIterator<Item = Fault>) -> Self {
        self.faults = faults.into_iter().collect();
        self
    }

    /// Only requests with this method.
    pub fn method(mut self, method: &str) -> Self {
        self.only = self.only.method(method);
        self
    }

    /// Only requests whose path starts with `prefix`.
    pub fn path(mut self, prefix: impl Into<String>) -> Self {
        self.only = self.only.path(prefix.into());
        self
    }
}

/// A [`Fault`] for the next requests that match: `times` requests (default 1), optionally
/// only those with this method and whose path starts with a prefix.
///
/// ```
/// use heygen_sdk::testing::{Fault, FaultRule};
/// let rule = FaultRule::new(Fault::Status(503)).times(2).method("POST").path("/v3/videos");
/// # let _ = rule;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRule {
    pub(crate) fault: Fault,
    pub(crate) times: usize,
    pub(crate) only: Requests,
}

impl FaultRule {
    /// The fault, for the next request.
    pub fn new(fault: Fault) -> Self {
        Self {
            fault,
            times: 1,
            only: Requests::default(),
        }
    }

    /// For the next `n` matching requests.
    pub fn times(mut self, n: usize) -> Self {
        self.times = n;
        self
    }

    /// Only requests with this method (`GET`, `POST` …, any case).
    pub fn method(mut self, method: &str) -> Self {
        self.only = self.only.method(method);
        self
    }

    /// Only requests whose path starts with `prefix` (`/v3/videos` matches `/v3/videos/abc`).
    pub fn path(mut self, prefix: impl Into<String>) -> Self {
        self.only = self.only.path(prefix.into());
        self
    }
}

/// The requests a [`FaultRule`] or [`RandomFaults`] applies to: those with a method, and those
/// whose path starts with a prefix (each, when given).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Requests {
    method: Option<String>,
    path_prefix: Option<String>,
}

impl Requests {
    /// Only those with this method, in any case.
    fn method(self, method: &str) -> Self {
        Self {
            method: Some(method.to_ascii_uppercase()),
            ..self
        }
    }

    /// Only those whose path starts with `prefix`.
    fn path(self, prefix: String) -> Self {
        Self {
            path_prefix: Some(prefix),
            ..self
        }
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.method.as_deref().is_none_or(|m| m == method)
            && self
                .path_prefix
                .as_deref()
                .is_none_or(|p| path.starts_with(p))
    }
}

/// The queued faults, the random ones, and the added latency.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    rules: VecDeque<FaultRule>,
    random: Option<(RandomFaults, StdRng)>,
    pub latency: Duration,
}

impl Faults {
    pub(crate) fn push(&mut self, rule: FaultRule) {
        if rule.times > 0 {
            self.rules.push_back(rule);
        }
    }

    pub(crate) fn clear(&mut self) {
        self.rules.clear();
        self.random = None;
    }

    pub(crate) fn set_random(&mut self, random: RandomFaults) {
        let rng = StdRng::seed_from_u64(random.seed);
        self.random = Some((random, rng));
    }

    /// The fault for a request: the first queued rule that matches it, else a random draw.
    pub(crate) fn take(&mut self, method: &str, path: &str) -> Option<Fault> {
        let Some(index) = self
            .rules
            .iter()
            .position(|rule| rule.only.matches(method, path))
        else {
            return self.draw(method, path);
        };
        let rule = &mut self.rules[index];
        rule.times -= 1;
        let fault = rule.fault.clone();
        if rule.times == 0 {
            self.rules.remove(index);
        }
        Some(fault)
    }

    fn draw(&mut self, method: &str, path: &str) -> Option<Fault> {
        let (random, rng) = self.random.as_mut()?;
        let applies = random.only.matches(method, path);
        if !applies || random.faults.is_empty() || !rng.random_bool(random.rate) {
            return None;
        }
        let pick = rng.random_range(0..random.faults.len());
        Some(random.faults[pick].clone())
    }
}

/// A request the simulator received, as [`Simulator::requests`](super::Simulator::requests)
/// lists it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// `GET`, `POST` …
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// Headers by lower-case name (repeated headers joined with `, `). The values of
    /// `x-api-key` and `authorization` are replaced by `<redacted>`.
    pub headers: BTreeMap<String, String>,
    /// The body, when it was JSON.
    pub body: Option<serde_json::Value>,
    /// The status answered; `None` when the connection was closed without an answer.
    pub status: Option<u16>,
    /// The `x-request-id` the simulator gave the request.
    pub request_id: String,
    /// The fault injected into this request, if any.
    pub fault: Option<Fault>,
}

impl RecordedRequest {
    /// A header's value, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// A query parameter's (first) decoded value.
    pub fn query_param(&self, name: &str) -> Option<String> {
        super::validate::query_pairs(self.query.as_deref())
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_match_by_method_in_any_case_and_by_path_prefix() {
        let all = Requests::default();
        assert!(all.matches("GET", "/v3/users/me"));
        let posts = Requests::default().method("post").path("/v3/videos".into());
        assert!(posts.matches("POST", "/v3/videos/abc"));
        assert!(!posts.matches("GET", "/v3/videos"));
        assert!(!posts.matches("POST", "/v3/lipsyncs"));
    }
}
