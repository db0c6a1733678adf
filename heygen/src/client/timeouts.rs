//! How long one attempt of a call may take, by kind of call, as HeyGen's own CLI sizes them
//! from its production latencies: a read (GET, HEAD) answers within 2 s at p99, so 30 s; a
//! write (POST, PUT, PATCH, DELETE) does synchronous work or enqueues a job (`POST /v3/videos`
//! runs to ~31 s at p99), so 120 s; an upload is bounded by its size and the bandwidth, so the
//! write's 120 s plus 4 s per MiB (256 KiB/s at the least). A single timeout would make a stuck
//! GET take two minutes to fail, or cut a large upload short.
//!
//! Set per client ([`ClientBuilder::read_timeout`](crate::ClientBuilder::read_timeout),
//! [`write_timeout`](crate::ClientBuilder::write_timeout), or
//! [`timeout`](crate::ClientBuilder::timeout) for every kind), and per call
//! ([`RequestOptions::timeout`](crate::RequestOptions::timeout), which wins over the kind's).

use std::time::Duration;

use reqwest::Method;

/// Default timeout of one attempt of a read (GET, HEAD): 30 s.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// Default timeout of one attempt of a write (POST, PUT, PATCH, DELETE): 120 s.
pub const DEFAULT_WRITE_TIMEOUT: Duration = Duration::from_secs(120);
/// Time an upload's attempt gets per MiB on top of the write timeout: 4 s (256 KiB/s).
pub const UPLOAD_TIME_PER_MIB: Duration = Duration::from_secs(4);

/// A client's timeouts by kind of call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Timeouts {
    pub read: Duration,
    pub write: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            read: DEFAULT_READ_TIMEOUT,
            write: DEFAULT_WRITE_TIMEOUT,
        }
    }
}

impl Timeouts {
    /// The timeout of one attempt of a request with this method.
    pub fn for_method(&self, method: &Method) -> Duration {
        if matches!(*method, Method::GET | Method::HEAD) {
            self.read
        } else {
            self.write
        }
    }

    /// The timeout of one attempt of an upload of `size` bytes: the write timeout, plus
    /// [`UPLOAD_TIME_PER_MIB`] per MiB begun.
    pub fn for_upload(&self, size: u64) -> Duration {
        let mib = size.div_ceil(1024 * 1024);
        let extra = Duration::from_secs(mib.saturating_mul(UPLOAD_TIME_PER_MIB.as_secs()));
        self.write.saturating_add(extra)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_writes_and_uploads_have_their_own_timeouts() {
        let timeouts = Timeouts::default();
        assert_eq!(timeouts.for_method(&Method::GET), Duration::from_secs(30));
        assert_eq!(timeouts.for_method(&Method::HEAD), Duration::from_secs(30));
        for write in [Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
            assert_eq!(timeouts.for_method(&write), Duration::from_secs(120));
        }
        assert_eq!(timeouts.for_upload(0), Duration::from_secs(120));
        assert_eq!(timeouts.for_upload(1), Duration::from_secs(124));
        assert_eq!(
            timeouts.for_upload(32 * 1024 * 1024),
            Duration::from_secs(248)
        );
        // A 1 GiB file: over an hour.
        assert_eq!(
            timeouts.for_upload(1 << 30),
            Duration::from_secs(120 + 4 * 1024)
        );
        assert!(timeouts.for_upload(u64::MAX) > Duration::from_secs(1 << 40));
        let one = Timeouts {
            read: Duration::from_secs(9),
            write: Duration::from_secs(9),
        };
        assert_eq!(
            (one.for_method(&Method::GET), one.for_method(&Method::POST)),
            (Duration::from_secs(9), Duration::from_secs(9))
        );
    }
}
