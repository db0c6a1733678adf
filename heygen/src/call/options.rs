//! Per-handle options ([`RequestOptions`]): [`Client::with_options`](crate::Client::with_options)
//! gives the handle its own generated client whose `Exec` captures them, so `raw()` calls
//! honour them too; and HeyGen's rule for an `Idempotency-Key`, checked before sending.

use std::time::Duration;

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
