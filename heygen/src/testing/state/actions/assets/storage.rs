//! The presigned PUT of a direct upload, to a URL on this server under [`UPLOAD_PATH`] (outside
//! `/v3`, like a storage bucket), checked as a storage service would (the signature, the expiry,
//! the signed headers, the exact length, the checksum) and more strictly: it must carry no
//! `x-api-key` or `Authorization`, since the API key must never leave the API. Only the bytes'
//! count, SHA-256 and first bytes are kept.

use axum::http::{HeaderMap, header};
use sha2::Digest as _;
use tokio::time::Instant;

use crate::testing::reply::Query;
use crate::testing::state::assets::{Upload, hex};
use crate::testing::state::store::{find, find_mut};
use crate::testing::state::world::State;

/// Where presigned uploads go.
pub(crate) const UPLOAD_PATH: &str = "/upload/";

/// A storage service's refusal of a PUT: its status, S3's error code, and a message.
#[derive(Debug)]
pub(crate) struct StorageErr(pub u16, pub &'static str, pub String);

/// Refuses a PUT.
fn refuse<T>(status: u16, code: &'static str, message: impl Into<String>) -> Result<T, StorageErr> {
    Err(StorageErr(status, code, message.into()))
}

/// A PUT's bytes as they stream in: only their count, their SHA-256 and the first 16 (to
/// sniff) are kept.
pub(crate) struct Incoming {
    asset_id: String,
    size: u64,
    checksum: Option<String>,
    received: u64,
    hasher: sha2::Sha256,
    head: Vec<u8>,
}

impl Incoming {
    /// Takes the next chunk; more bytes than were signed are refused.
    pub(crate) fn take(&mut self, chunk: &[u8]) -> Result<(), StorageErr> {
        self.received += chunk.len() as u64;
        if self.received > self.size {
            return refuse(400, "EntityTooLarge", "More bytes than were signed.");
        }
        let room = 16usize.saturating_sub(self.head.len()).min(chunk.len());
        self.head.extend_from_slice(&chunk[..room]);
        self.hasher.update(chunk);
        Ok(())
    }
}

impl State {
    /// The presigned URL of an upload.
    pub(crate) fn upload_url(&self, upload: &Upload) -> String {
        format!(
            "{}{UPLOAD_PATH}{}?signature={}&expires={}",
            self.base_url,
            upload.asset_id,
            upload.signature,
            self.clock.unix(upload.expires_at)
        )
    }

    /// Admits a PUT to the presigned URL of `asset_id` before any byte is read: no API
    /// credentials, a known upload, its signature, not expired, the signed headers as handed
    /// out, the exact length (no chunked upload).
    pub(crate) fn admit_put(
        &self,
        asset_id: &str,
        query: Option<&str>,
        headers: &HeaderMap,
    ) -> Result<Incoming, StorageErr> {
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        if let Some(credential) = ["x-api-key", "authorization"]
            .into_iter()
            .find(|credential| headers.contains_key(*credential))
        {
            return refuse(
                400,
                "InvalidArgument",
                format!(
                    "Only one auth mechanism allowed: the presigned URL authorises this request, so it must carry no {credential} header (the API key never leaves the API)."
                ),
            );
        }
        let upload = find(&self.uploads, asset_id)
            .or_else(|_| refuse(404, "NoSuchUpload", "No such upload."))?;
        if Query::parse(query).get("signature") != Some(upload.signature.as_str()) {
            return refuse(
                403,
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided.",
            );
        }
        if Instant::now() > upload.expires_at {
            return refuse(403, "AccessDenied", "Request has expired.");
        }
        for (name, value) in upload.signed_headers() {
            if header(name) != Some(value.as_str()) {
                return refuse(
                    403,
                    "SignatureDoesNotMatch",
                    format!(
                        "The signed header '{name}' is missing or differs from the one handed out."
                    ),
                );
            }
        }
        let chunked = headers.contains_key(header::TRANSFER_ENCODING);
        match header("content-length").map(str::parse::<u64>) {
            _ if chunked => refuse(
                411,
                "MissingContentLength",
                "You must provide the Content-Length HTTP header (no chunked uploads).",
            ),
            Some(Ok(length)) if length != upload.size => refuse(
                403,
                "SignatureDoesNotMatch",
                format!("Content-Length {length} is not the signed {}.", upload.size),
            ),
            Some(Ok(_)) => Ok(Incoming {
                asset_id: asset_id.to_string(),
                size: upload.size,
                checksum: upload.checksum_sha256.clone(),
                received: 0,
                hasher: sha2::Sha256::new(),
                head: Vec::with_capacity(16),
            }),
            _ => refuse(
                411,
                "MissingContentLength",
                "You must provide the Content-Length HTTP header.",
            ),
        }
    }

    /// Stores what a PUT streamed, once all of it came and it matches the signed checksum;
    /// answers its ETag.
    pub(crate) fn store_put(&mut self, incoming: Incoming) -> Result<String, StorageErr> {
        if incoming.received != incoming.size {
            let message = format!(
                "{} bytes received, {} signed.",
                incoming.received, incoming.size
            );
            return refuse(400, "IncompleteBody", message);
        }
        let digest = hex(&incoming.hasher.finalize());
        if incoming.checksum.is_some_and(|sum| sum != digest) {
            return refuse(
                400,
                "BadDigest",
                "The SHA-256 you specified did not match the calculated checksum.",
            );
        }
        let etag = format!("\"{}\"", &digest[..32]);
        let upload = find_mut(&mut self.uploads, &incoming.asset_id)
            .or_else(|_| refuse(404, "NoSuchUpload", "The upload was deleted meanwhile."))?;
        upload.stored = Some((digest, incoming.head));
        Ok(etag)
    }
}
