//! The simulator's wall clock: tokio instants (which a paused test clock moves) turned into the
//! Unix timestamps and RFC 3339 strings the API writes, from one origin taken at start.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::time::Instant;

/// Converts between tokio instants and the Unix timestamps the API writes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock {
    origin: Instant,
    unix_origin: Duration,
}

impl Clock {
    pub(crate) fn new() -> Self {
        Self {
            origin: Instant::now(),
            unix_origin: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default(),
        }
    }

    /// Unix seconds at `at`.
    pub(crate) fn unix(&self, at: Instant) -> i64 {
        (self.unix_origin + at.saturating_duration_since(self.origin)).as_secs() as i64
    }

    /// Unix seconds when the simulator started.
    pub(crate) fn unix_origin(&self) -> i64 {
        self.unix_origin.as_secs() as i64
    }
}

/// RFC 3339 (`2026-04-08T12:00:00Z`) for Unix seconds.
pub(crate) fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
