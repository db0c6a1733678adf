//! What the server, the routes and the [`Simulator`](super::Simulator) handle share: the
//! simulator's data, faults, journal and `Idempotency-Key`s behind one `Arc`. Its own file so
//! that the routes depend on it and the server depends on the routes, with no import circle.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use super::faults::{Faults, RecordedRequest};
use super::server::idempotency::IdempotencyKeys;
use super::state::State;

/// What the server and the [`Simulator`](super::Simulator) handle share.
#[derive(Debug)]
pub(crate) struct Shared {
    pub api_key: String,
    state: Mutex<State>,
    faults: Mutex<Faults>,
    journal: Mutex<Vec<RecordedRequest>>,
    requests: AtomicU64,
    pub idempotency: IdempotencyKeys,
}

/// The router's state.
pub(crate) type Sim = Arc<Shared>;

impl Shared {
    /// A simulator's shared half, with an empty journal.
    pub(crate) fn new(api_key: String, state: State, faults: Faults) -> Sim {
        Arc::new(Shared {
            api_key,
            state: Mutex::new(state),
            faults: Mutex::new(faults),
            journal: Mutex::new(Vec::new()),
            requests: AtomicU64::new(0),
            idempotency: IdempotencyKeys::default(),
        })
    }

    /// The simulator's data; never held across an `.await`.
    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The queued and random faults, and the latency.
    pub(crate) fn faults(&self) -> MutexGuard<'_, Faults> {
        self.faults
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Every request received, oldest first.
    pub(crate) fn journal(&self) -> MutexGuard<'_, Vec<RecordedRequest>> {
        self.journal
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The number of the request just received: 1, 2, 3…
    pub(crate) fn next_request_number(&self) -> u64 {
        self.requests.fetch_add(1, Ordering::Relaxed) + 1
    }
}
