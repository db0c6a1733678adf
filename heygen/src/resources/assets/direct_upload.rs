//! The direct upload, for files past multipart's 32 MiB: `createAssetUpload` answers an asset
//! id, a presigned `upload_url` and the `upload_headers` to send with it; the file goes in one
//! PUT straight to storage; `completeAssetUpload` makes the bytes a usable asset.
//!
//! The PUT is not an API call: it goes to another host, authorised by the URL's signature. So
//! it is sent outside the transport (which adds the API key), with the same `reqwest` client
//! (whose redirect policy never leaves the origin) and the client's retry policy deciding
//! after each attempt; a retry opens the file again and sends it from the first byte. Answers
//! are read under the 64 KiB error-body cap. The presigned URL is a credential: spans name its
//! host only, and errors show it without its query, which is also scrubbed from any message
//! the storage service sends back.

use std::path::Path;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use heygen_sys::types::{
    CompleteAssetUploadRequest, CompleteAssetUploadResponse, CreateAssetUploadRequest,
    CreateAssetUploadResponse,
};
use reqwest::header::{CONTENT_LENGTH, HOST, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode, Url};
use serde_json::Value;
use tracing::Instrument as _;

use super::upload::{self, UploadMethod, UploadOptions};
use super::{Assets, file_name};
use crate::error::{ApiError, ERROR_BODY_LIMIT, Error, Result};
use crate::retry::{Answer, Decision, parse_retry_after};

/// What errors of the PUT give as their operation: it is no operation of the API.
pub(crate) const PUT_OPERATION: &str = "PUT upload_url";

impl Assets {
    /// Begin a direct upload (`createAssetUpload`, `POST /v3/assets/direct-uploads`): an
    /// asset id, the presigned `upload_url` to PUT the bytes to, with `upload_headers` exactly
    /// as given and no API key. Most callers want [`Assets::upload_direct`] or
    /// [`Assets::upload_file`], which do all three steps.
    ///
    /// The answer holds a credential: do not log `upload_url`.
    pub async fn create_upload<R>(&self, request: R) -> Result<CreateAssetUploadResponse>
    where
        R: TryInto<CreateAssetUploadRequest>,
        R::Error: Into<Error>,
    {
        let request = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        self.client
            .data(raw.create_asset_upload().body(request).send(), |e| e.data)
            .await
    }

    /// Finish a direct upload once its PUT succeeded (`completeAssetUpload`, `POST
    /// /v3/assets/{asset_id}/complete`). Idempotent by the API's contract, so it is sent with
    /// an `Idempotency-Key` of its own and retried on 5xx and broken connections.
    pub async fn complete_upload<R>(
        &self,
        asset_id: &str,
        request: R,
    ) -> Result<CompleteAssetUploadResponse>
    where
        R: TryInto<CompleteAssetUploadRequest>,
        R::Error: Into<Error>,
    {
        crate::call::path_id("asset_id", asset_id)?;
        let request = request.try_into().map_err(Into::into)?;
        let client = self
            .client
            .with_idempotency_key(uuid::Uuid::new_v4().to_string());
        let raw = client.raw();
        let call = raw.complete_asset_upload().asset_id(asset_id).body(request);
        client.data(call.send(), |e| e.data).await
    }

    /// Upload a file of any size through the direct upload: `createAssetUpload`, one PUT of
    /// the file (streamed from disk) to the presigned URL with its `upload_headers` and
    /// nothing else, then `completeAssetUpload`. A PUT that fails with a 5xx, 408 or 429, a
    /// broken connection or a timeout is sent again from the first byte, after the client's
    /// backoff, up to [`UploadOptions::put_retries`] times.
    ///
    /// Fails before any request with [`Error::Io`] when the file cannot be read; once the
    /// asset exists, with [`Error::Upload`] naming it.
    ///
    /// ```no_run
    /// # async fn run(client: heygen::Client) -> heygen::Result<()> {
    /// use heygen::resources::assets::UploadOptions;
    /// let done = client.assets().upload_direct("webinar.mp4", &UploadOptions::new()).await?;
    /// println!("{} is {} ({} bytes)", done.asset_id, done.status, done.size_bytes);
    /// # Ok(()) }
    /// ```
    pub async fn upload_direct(
        &self,
        path: impl AsRef<Path>,
        options: &UploadOptions,
    ) -> Result<CompleteAssetUploadResponse> {
        let path = path.as_ref();
        let (_, size) = upload::open(path).await?;
        let size_bytes = i64::try_from(size)
            .map_err(|_| Error::invalid("file", format!("{size} bytes is too large")))?;
        let slot = self
            .create_upload(CreateAssetUploadRequest {
                checksum_sha256: options.checksum_sha256.clone(),
                content_type: options.content_type_of(path),
                filename: file_name(path),
                size_bytes,
            })
            .await?;
        let asset_id = slot.asset_id.clone();
        let failed = |source| Error::Upload {
            asset_id: asset_id.clone(),
            source: Box::new(source),
        };
        let target = Target::new(&slot, size, self.client.base_url()).map_err(failed)?;
        self.put(&target, path, size, options)
            .await
            .map_err(failed)?;
        let complete = CompleteAssetUploadRequest {
            checksum_sha256: options.checksum_sha256.clone(),
        };
        self.complete_upload(&asset_id, complete)
            .await
            .map_err(failed)
    }

    /// PUTs the file to the target, retrying from the first byte as the retry policy says.
    async fn put(
        &self,
        target: &Target,
        path: &Path,
        size: u64,
        options: &UploadOptions,
    ) -> Result<()> {
        let (policy, retries) = self.client.retries();
        let max_retries = options.put_retries.unwrap_or(retries);
        let http = self.client.http();
        let span = tracing::info_span!(
            "heygen.upload",
            asset_id = %target.asset_id,
            host = %target.host,
            size,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
        );
        async move {
            let mut retry = 0;
            loop {
                let span = tracing::Span::current();
                span.record("attempt", retry + 1);
                let sent = put_once(http, target, path, size, options, retry + 1).await?;
                let decision = match &sent {
                    Sent::Answered(answer) => {
                        span.record("status", answer.status.as_u16());
                        if answer.status.is_success() {
                            tracing::debug!("upload stored");
                            return Ok(());
                        }
                        let answer = Answer {
                            status: answer.status,
                            retry_after: answer.retry_after,
                            in_progress: false,
                        };
                        // A PUT of the same bytes to the same key is repeatable.
                        policy.after_status(answer, retry, max_retries, true)
                    }
                    Sent::Failed(error) => policy.after_error(error, retry, max_retries, true),
                };
                match decision {
                    Decision::RetryAfter(wait) => {
                        tracing::debug!(?wait, "retrying the upload from its first byte");
                        tokio::time::sleep(wait).await;
                        retry += 1;
                    }
                    Decision::Stop => {
                        let error = target.error(sent, retry + 1);
                        tracing::debug!(%error, "upload failed");
                        return Err(error);
                    }
                }
            }
        }
        .instrument(span)
        .await
    }
}

/// Where the bytes go: the presigned URL and the headers to send with it.
struct Target {
    asset_id: String,
    url: Url,
    headers: HeaderMap,
    /// The URL's host, for spans.
    host: String,
    /// The URL without its query (the signature) or fragment, for errors.
    shown: Url,
    /// The query and its values: scrubbed from anything the storage service answers.
    secrets: Vec<String>,
}

impl Target {
    /// Checks `createAssetUpload`'s answer: a URL (https, or http when the API itself is plain
    /// http: a simulator or a trusted gateway), and headers that are header names and text.
    fn new(slot: &CreateAssetUploadResponse, size: u64, base_url: &str) -> Result<Self> {
        let bad = |message: String| Error::Decode {
            operation: "createAssetUpload",
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

    /// The error of the last attempt.
    fn error(&self, sent: Sent, attempts: u32) -> Error {
        match sent {
            Sent::Failed(source) if source.is_timeout() => Error::Timeout {
                operation: PUT_OPERATION,
                source: Some(source),
                idempotency_key: None,
                repeatable: true,
            },
            Sent::Failed(source) => Error::Connection {
                operation: PUT_OPERATION,
                source,
                idempotency_key: None,
                repeatable: true,
            },
            Sent::Answered(answer) => {
                let (code, message) = storage_error(&answer.body);
                let message = message.unwrap_or_else(|| {
                    answer
                        .status
                        .canonical_reason()
                        .unwrap_or("error")
                        .to_string()
                });
                let api = Box::new(ApiError {
                    status: answer.status.as_u16(),
                    code: code.map(|code| self.scrub(code)),
                    message: self.scrub(message),
                    param: None,
                    doc_url: None,
                    request_id: answer.request_id,
                    retry_after: answer.retry_after,
                    operation: PUT_OPERATION,
                    attempts,
                    idempotency_key: None,
                    repeatable: true,
                });
                if answer.status == StatusCode::TOO_MANY_REQUESTS {
                    Error::RateLimited(api)
                } else {
                    Error::Api(api)
                }
            }
        }
    }

    /// `text` without any part of the URL's query.
    fn scrub(&self, mut text: String) -> String {
        for secret in &self.secrets {
            if text.contains(secret.as_str()) {
                text = text.replace(secret.as_str(), "<redacted>");
            }
        }
        text
    }
}

/// What one PUT attempt came to.
enum Sent {
    Answered(Answered),
    /// No answer: the connection failed, was cut, or timed out (the error shows the URL
    /// without its query).
    Failed(reqwest::Error),
}

/// A storage service's answer, its body read up to the error-body cap.
struct Answered {
    status: StatusCode,
    retry_after: Option<Duration>,
    request_id: Option<String>,
    body: Bytes,
}

/// One attempt: open the file again and stream it whole.
async fn put_once(
    http: &reqwest::Client,
    target: &Target,
    path: &Path,
    size: u64,
    options: &UploadOptions,
    attempt: u32,
) -> Result<Sent> {
    let (file, length) = upload::open(path).await?;
    if length != size {
        return Err(Error::invalid(
            "file",
            format!(
                "{} changed during the upload: {size} bytes were announced, it has {length}",
                path.display()
            ),
        ));
    }
    let mut request = reqwest::Request::new(Method::PUT, target.url.clone());
    *request.headers_mut() = target.headers.clone();
    request
        .headers_mut()
        .insert(CONTENT_LENGTH, HeaderValue::from(size));
    *request.timeout_mut() = Some(options.put_timeout_for(size));
    let progress = options
        .progress
        .clone()
        .map(|report| (report, UploadMethod::Direct, attempt));
    *request.body_mut() = Some(upload::file_body(file, size, progress));
    let response = match http.execute(request).await {
        Ok(response) => response,
        Err(error) => return Ok(Sent::Failed(error.with_url(target.shown.clone()))),
    };
    match read_answer(response).await {
        Ok(answered) => Ok(Sent::Answered(answered)),
        Err(error) => Ok(Sent::Failed(error.with_url(target.shown.clone()))),
    }
}

/// Reads the answer's body under the error-body cap (a success has an empty one).
async fn read_answer(mut response: reqwest::Response) -> reqwest::Result<Answered> {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let status = response.status();
    let retry_after = header("retry-after").as_deref().and_then(parse_retry_after);
    let request_id = header("x-amz-request-id").or_else(|| header("x-request-id"));
    let room = ERROR_BODY_LIMIT as usize;
    let mut body = BytesMut::new();
    while let Some(chunk) = response.chunk().await? {
        let left = room - body.len();
        body.extend_from_slice(&chunk[..chunk.len().min(left)]);
        if chunk.len() >= left {
            break;
        }
    }
    Ok(Answered {
        status,
        retry_after,
        request_id,
        body: body.freeze(),
    })
}

/// The `Code` and `Message` of a storage error body (S3 and GCS answer XML:
/// `<Error><Code>…</Code><Message>…</Message>…</Error>`). Nothing else of the body is kept:
/// S3 echoes the canonical request, query included, in some of its errors.
fn storage_error(body: &[u8]) -> (Option<String>, Option<String>) {
    let text = String::from_utf8_lossy(body);
    let element = |name: &str| {
        let open = format!("<{name}>");
        let start = text.find(&open)? + open.len();
        let end = start + text[start..].find(&format!("</{name}>"))?;
        let value = text[start..end].trim();
        (!value.is_empty()).then(|| value.chars().take(512).collect::<String>())
    };
    (element("Code"), element("Message"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use heygen_sys::types::CreateAssetUploadResponse;

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
            let error = match Target::new(&slot(&url, headers), size, "https://api.heygen.com") {
                Err(error) => error,
                Ok(_) => panic!("{url} accepted"),
            };
            assert!(!format!("{error} {error:?}").contains(secret), "{error:?}");
        }
        let plain = format!("http://127.0.0.1:9/upload/a1?s={secret}");
        Target::new(
            &slot(&plain, serde_json::json!({})),
            10,
            "http://127.0.0.1:8",
        )
        .unwrap();
    }

    #[test]
    fn storage_errors_give_their_code_and_message_only() {
        let body = b"<?xml version=\"1.0\"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match.</Message><CanonicalRequest>PUT /a1 X-Amz-Credential=AKIA</CanonicalRequest></Error>";
        let (code, message) = storage_error(body);
        assert_eq!(code.as_deref(), Some("SignatureDoesNotMatch"));
        assert_eq!(
            message.as_deref(),
            Some("The request signature we calculated does not match.")
        );
        assert_eq!(storage_error(b"<html>busy</html>"), (None, None));
        assert_eq!(storage_error(b"<Code>"), (None, None));
    }
}
