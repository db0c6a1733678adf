//! Fault injection and the request journal.

use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

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
    /// Handle the request (its effects happen), then close the connection without answering.
    DropConnection,
    /// Handle the request, send the headers (with the full `Content-Length`) and half the body,
    /// then close the connection.
    DropMidBody,
    /// Handle the request and answer its status with the first half of its JSON body (a
    /// consistent `Content-Length`, so the client sees a complete but undecodable body).
    Truncate,
}

/// A [`Fault`] for the next requests that match: `times` requests (default 1), optionally
/// only those with this method and whose path starts with a prefix.
///
/// ```
/// use heygen::testing::{Fault, FaultRule};
/// let rule = FaultRule::new(Fault::Status(503)).times(2).method("POST").path("/v3/videos");
/// # let _ = rule;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRule {
    pub(crate) fault: Fault,
    pub(crate) times: usize,
    pub(crate) method: Option<String>,
    pub(crate) path_prefix: Option<String>,
}

impl FaultRule {
    /// The fault, for the next request.
    pub fn new(fault: Fault) -> Self {
        Self {
            fault,
            times: 1,
            method: None,
            path_prefix: None,
        }
    }

    /// For the next `n` matching requests.
    pub fn times(mut self, n: usize) -> Self {
        self.times = n;
        self
    }

    /// Only requests with this method (`GET`, `POST` …, any case).
    pub fn method(mut self, method: &str) -> Self {
        self.method = Some(method.to_ascii_uppercase());
        self
    }

    /// Only requests whose path starts with `prefix` (`/v3/videos` matches `/v3/videos/abc`).
    pub fn path(mut self, prefix: impl Into<String>) -> Self {
        self.path_prefix = Some(prefix.into());
        self
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.method.as_deref().is_none_or(|m| m == method)
            && self
                .path_prefix
                .as_deref()
                .is_none_or(|p| path.starts_with(p))
    }
}

/// The queued faults and the added latency.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    rules: VecDeque<FaultRule>,
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
    }

    /// The fault for a request, if a queued rule matches it (first queued, first used).
    pub(crate) fn take(&mut self, method: &str, path: &str) -> Option<Fault> {
        let index = self
            .rules
            .iter()
            .position(|rule| rule.matches(method, path))?;
        let rule = &mut self.rules[index];
        rule.times -= 1;
        let fault = rule.fault.clone();
        if rule.times == 0 {
            self.rules.remove(index);
        }
        Some(fault)
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
        super::reply::query_pairs(self.query.as_deref())
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }
}
