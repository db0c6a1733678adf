//! The target of a direct upload's PUT, checked from `createAssetUpload`'s answer before any
//! byte is sent: a URL that is https (or http behind a plain-http API: a simulator, a trusted
//! gateway), a size the URL takes, and headers that are header names and text, sent exactly
//! as given but for the length and the host, which the HTTP layer sets. The URL's query is its
//! signature, a credential: the target keeps a copy of the URL without it for errors, its host
//! for spans, and its values to scrub from whatever the storage service answers.

use heygen_sys::types::CreateAssetUploadResponse;
use reqwest::Url;
use reqwest::header::{CONTENT_LENGTH, HOST, HeaderMap, HeaderName, HeaderValue};
use serde_json::Value;

use crate::error::{Error, Result};

/// Where the bytes go: the presigned URL and the headers to send with it.
pub(in crate::resources::assets) struct Target {
    pub(super) asset_id: String,
    pub(super) url: Url,
    pub(super) headers: HeaderMap,
    /// The URL's host, for spans.
    pub(super) host: String,
    /// The URL without its query (the signature) or fragment, for errors.
    pub(super) shown: Url,
    /// The query and its values: scrubbed from anything the storage service answers.
    pub(super) secrets: Vec<String>,
}

impl Target {
    /// Checks an upload slot `operation` answered (`createAssetUpload`, or one item of
    /// `createAssetUploadBatch`): a URL (https, or http when the API itself is plain http: a
    /// simulator or a trusted gateway), and headers that are header names and text.
    pub(in crate::resources::assets) fn new(
        operation: &'static str,
        slot: &CreateAssetUploadResponse,
        size: u64,
        base_url: &str,
    ) -> Result<Self> {
        let bad = |message: String| Error::Decode {
            operation,
            status: 200,
            message,
            body_excerpt: String::new(),
            truncated: false,
            idempotency_key: None,
            repeatable: false,
        };
        // The parse error never quotes the URL.
        let url = Url::parse(&slot.upload_url)
            .map_err(|e| bad(format!("`upload_url` is not a URL: {e}")))?;
        let mut shown = url.clone();
        shown.set_query(None);
        shown.set_fragment(None);
        let _ = shown.set_username("");
        let _ = shown.set_password(None);
        let plain_api = base_url.starts_with("http://");
        match url.scheme() {
            "https" => {}
            "http" if plain_api => {}
            other => {
                return Err(bad(format!(
                    "`upload_url` ({shown}) is {other}, not https: the file is not sent"
                )));
            }
        }
        if u64::try_from(slot.max_bytes).is_ok_and(|max| max < size) {
            return Err(bad(format!(
                "the upload URL takes at most {} bytes; the file has {size}",
                slot.max_bytes
            )));
        }
        let host = url.host_str().unwrap_or_default().to_string();
        let mut secrets: Vec<String> = url
            .query_pairs()
            .map(|(_, value)| value.into_owned())
            .filter(|value| value.len() >= 8)
            .collect();
        secrets.extend(url.query().map(str::to_string));
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let mut headers = HeaderMap::new();
        for (name, value) in &slot.upload_headers {
            let header = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| bad(format!("`upload_headers` has `{name}`, not a header name")))?;
            let text = match value {
                Value::String(text) => text.clone(),
                Value::Number(number) => number.to_string(),
                Value::Bool(flag) => flag.to_string(),
                _ => return Err(bad(format!("`upload_headers.{name}` is not text"))),
            };
            // Set by the HTTP layer: the length is the file's (a different one could never
            // match the body), the host the URL's.
            if header == CONTENT_LENGTH {
                if text.trim() != size.to_string() {
                    return Err(bad(format!(
                        "`upload_headers` says {text} bytes; the file has {size}"
                    )));
                }
                continue;
            }
            if header == HOST {
                continue;
            }
            let mut value = HeaderValue::from_str(&text)
                .map_err(|_| bad(format!("`upload_headers.{name}` is not a header value")))?;
            value.set_sensitive(true);
            headers.append(header, value);
        }
        Ok(Self {
            asset_id: slot.asset_id.clone(),
            url,
            headers,
            host,
            shown,
            secrets,
        })
    }

    /// `text` without any part of the URL's query.
    pub(super) fn scrub(&self, mut text: String) -> String {
        for secret in &self.secrets {
            if text.contains(secret.as_str()) {
                text = text.replace(secret.as_str(), "<redacted>");
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(url: &str, headers: Value) -> CreateAssetUploadResponse {
        serde_json::from_value(serde_json::json!({
            "asset_id": "a1", "upload_url": url, "upload_headers": headers,
            "expires_in_seconds": 900, "max_bytes": 10, "status": "pending_upload"
        }))
        .unwrap()
    }

    #[test]
    fn the_target_hides_the_signature_and_keeps_the_headers_as_given() {
        let url =
            "https://bucket.s3.example.com/a1?X-Amz-Signature=0123456789abcdef&X-Amz-Expires=900";
        let target = Target::new(
            "createAssetUpload",
            &slot(
                url,
                serde_json::json!({"Content-Type": "video/mp4", "x-amz-meta-n": 3, "content-length": "10"}),
            ),
            10,
            "https://api.heygen.com",
        )
        .unwrap();
        assert_eq!(target.host, "bucket.s3.example.com");
        assert_eq!(target.shown.as_str(), "https://bucket.s3.example.com/a1");
        assert_eq!(target.headers.len(), 2, "{:?}", target.headers);
        assert_eq!(target.headers["content-type"], "video/mp4");
        assert_eq!(target.headers["x-amz-meta-n"], "3");
        let scrubbed = target.scrub(format!(
            "canonical request: PUT /a1?{}",
            url.split_once('?').unwrap().1
        ));
        assert!(!scrubbed.contains("0123456789abcdef"), "{scrubbed}");
    }

    #[test]
    fn bad_targets_are_refused_without_quoting_the_url() {
        let secret = "sig_0123456789";
        for (url, headers, size) in [
            (
                format!("http://bucket.example.com/a1?s={secret}"),
                serde_json::json!({}),
                10,
            ),
            (
                format!("ftp://bucket.example.com/a1?s={secret}"),
                serde_json::json!({}),
                10,
            ),
            (
                format!("https://bucket.example.com/a1?s={secret}"),
                serde_json::json!({"content-length": "11"}),
                10,
            ),
            (
                format!("https://bucket.example.com/a1?s={secret}"),
                serde_json::json!({"x": {"nested": 1}}),
                10,
            ),
            (
                format!("https://bucket.example.com/a1?s={secret}"),
                serde_json::json!({"bad name": "v"}),
                10,
            ),
            (
                format!("https://bucket.example.com/a1?s={secret}"),
                serde_json::json!({}),
                11, // over max_bytes
            ),
        ] {
            let error = match Target::new(
                "createAssetUpload",
                &slot(&url, headers),
                size,
                "https://api.heygen.com",
            ) {
                Err(error) => error,
                Ok(_) => panic!("{url} accepted"),
            };
            assert!(!format!("{error} {error:?}").contains(secret), "{error:?}");
        }
        let plain = format!("http://127.0.0.1:9/upload/a1?s={secret}");
        Target::new(
            "createAssetUpload",
            &slot(&plain, serde_json::json!({})),
            10,
            "http://127.0.0.1:8",
        )
        .unwrap();
    }
}
