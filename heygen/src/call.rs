//! Per-handle options, checks made before a request is built, and what the transport learnt
//! about a call.
//!
//! Options belong to a handle: [`Client::with_options`](crate::Client::with_options) gives the
//! handle its own generated client whose `Exec` captures them, so `raw()` calls honour them too.
//! What the transport learns about one call (the operation id, attempts, the key it sent …)
//! travels back to `Client::run` in a task-local slot scoped around that call, delivered once
//! when the call ends (nothing at all for `raw()` calls, which run outside one). The slot is
//! one pointer, since a task-local is swapped in and out on every poll of the call.

use std::cell::Cell;
use std::pin::Pin;
use std::time::Duration;

use tokio::task::futures::TaskLocalFuture;

use crate::error::{Error, Result};

/// Options for the calls made through one handle: `client.with_options(opts).videos()…`, and
/// `client.with_options(opts).raw()…` alike.
///
/// ```
/// use heygen_sdk::RequestOptions;
/// let opts = RequestOptions::new().max_retries(0).idempotency_key("order-42-video");
/// # let _ = opts;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestOptions {
    pub(crate) max_retries: Option<u32>,
    pub(crate) idempotency_key: Option<String>,
    pub(crate) timeout: Option<Duration>,
}

impl RequestOptions {
    /// No overrides: the client's settings apply.
    pub fn new() -> Self {
        Self::default()
    }

    /// Retries for these calls; `0` means exactly one attempt.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// `Idempotency-Key` for a v3 POST/PATCH (the calls HeyGen honours it on; other calls do
    /// not send it): HeyGen replays the first response for 24 h, so a retried create is never
    /// duplicated. 1–255 characters of `[A-Za-z0-9_:.-]`; checked before sending.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Overall timeout of each attempt of these calls.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    pub(crate) fn validate(&self) -> Result<()> {
        if let Some(key) = &self.idempotency_key {
            validate_idempotency_key(key)?;
        }
        Ok(())
    }
}

/// HeyGen's rule for `Idempotency-Key`: 1–255 characters of `[A-Za-z0-9_:.-]`.
pub fn validate_idempotency_key(key: &str) -> Result<()> {
    let ok_chars = key
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"_:.-".contains(&b));
    if key.is_empty() || key.len() > 255 || !ok_chars {
        return Err(Error::invalid(
            "Idempotency-Key",
            format!(
                "must be 1-255 characters of [A-Za-z0-9_:.-], got {} characters",
                key.len()
            ),
        ));
    }
    Ok(())
}

/// Refuses an id that cannot be a path segment: empty, `.` or `..` (URL parsing would drop or
/// climb the segment, so `videos().delete("..")` would send `DELETE /v3/`).
pub(crate) fn path_id(name: &str, value: &str) -> Result<()> {
    if matches!(value, "" | "." | "..") {
        return Err(Error::invalid(
            name,
            format!("`{value}` is not an id: an id cannot be empty, `.` or `..`"),
        ));
    }
    Ok(())
}

/// What the transport saw of a call (its last attempt for the status).
#[derive(Debug, Default)]
pub(crate) struct CallRecord {
    pub operation: &'static str,
    pub attempts: u32,
    pub status: Option<u16>,
    pub request_id: Option<String>,
    pub retry_after: Option<Duration>,
    pub idempotency_key: Option<String>,
    pub repeatable: bool,
    /// The request was not sent: why.
    pub refused: Option<Box<Error>>,
    /// The success body was over this limit, and not read past it.
    pub too_large: Option<u64>,
}

tokio::task_local! {
    static RECORD: Cell<Option<Box<CallRecord>>>;
    static LAST_OPERATION: Cell<Option<&'static str>>;
}

/// `call` with an empty slot for the transport to deliver its record to (read it with
/// [`take`] once `call` is done).
pub(crate) fn scope<F: Future>(call: F) -> TaskLocalFuture<Cell<Option<Box<CallRecord>>>, F> {
    RECORD.scope(Cell::new(None), call)
}

/// The record the transport delivered in `scope` (a default one when the call sent nothing).
pub(crate) fn take<F: Future>(
    scope: Pin<&mut TaskLocalFuture<Cell<Option<Box<CallRecord>>>, F>>,
) -> CallRecord {
    scope
        .take_value()
        .and_then(Cell::into_inner)
        .map_or_else(CallRecord::default, |record| *record)
}

/// Runs `call` in a [`scope`] and returns its output with the record.
#[cfg(test)]
async fn recorded<F: Future>(call: F) -> (F::Output, CallRecord) {
    let mut scoped = std::pin::pin!(scope(call));
    let output = scoped.as_mut().await;
    (output, take(scoped))
}

/// Hands a finished call's record to the [`scope`] around it, if any.
pub(crate) fn deliver(record: CallRecord) {
    let _ = RECORD.try_with(|slot| slot.set(Some(Box::new(record))));
}

/// Runs `work` and returns the operation id of the last request it sent, if any (for the
/// errors of a paginator, whose fetch is a closure).
pub(crate) async fn with_operation<F: Future>(work: F) -> (F::Output, Option<&'static str>) {
    let mut scoped = std::pin::pin!(LAST_OPERATION.scope(Cell::new(None), work));
    let output = scoped.as_mut().await;
    let operation = scoped.as_mut().take_value().and_then(Cell::into_inner);
    (output, operation)
}

/// Notes the operation a request is sent for, inside [`with_operation`].
pub(crate) fn note_operation(operation: &'static str) {
    let _ = LAST_OPERATION.try_with(|last| last.set(Some(operation)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_are_not_path_segments_are_refused() {
        for id in ["", ".", ".."] {
            let error = path_id("video_id", id).unwrap_err();
            assert!(
                matches!(&error, Error::InvalidRequest { field: Some(f), .. } if f == "video_id"),
                "{error:?}"
            );
        }
        for id in ["v1", "...", ".v", "a/b", "%2e"] {
            path_id("video_id", id).unwrap();
        }
    }

    #[tokio::test]
    async fn the_record_comes_back_from_its_scope() {
        let (value, seen) = recorded(async {
            deliver(CallRecord {
                attempts: 3,
                ..CallRecord::default()
            });
            7
        })
        .await;
        assert_eq!((value, seen.attempts), (7, 3));
        let ((), nothing) = recorded(async {}).await;
        assert_eq!(nothing.attempts, 0);
        deliver(CallRecord::default()); // outside any call: dropped
        let ((), operation) = with_operation(async { note_operation("listVideosV3") }).await;
        assert_eq!(operation, Some("listVideosV3"));
    }
}
