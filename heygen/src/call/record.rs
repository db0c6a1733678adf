//! What the transport learnt about a call ([`CallRecord`]: the operation id, attempts, the key
//! it sent …), travelling back to `Client::run` in a task-local slot scoped around that call,
//! delivered once when the call ends (nothing at all for `raw()` calls, which run outside
//! one). The slot is one pointer, since a task-local is swapped in and out on every poll of
//! the call.

use std::cell::Cell;
use std::pin::Pin;
use std::time::Duration;

use tokio::task::futures::TaskLocalFuture;

use crate::error::Error;

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

impl CallRecord {
    /// The call answered `status` with a body that is not what was expected: `message` says
    /// why (no excerpt: the body was already decoded).
    pub(crate) fn decode_error(self, status: u16, message: String) -> Error {
        Error::Decode {
            operation: self.operation,
            status,
            message,
            body_excerpt: String::new(),
            truncated: false,
            idempotency_key: self.idempotency_key,
            repeatable: self.repeatable,
        }
    }
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
