//! The PUT of a direct upload: one attempt opens the file again and streams it whole to the
//! presigned URL, outside the transport (no API key, no API retries), its answer read under
//! the error-body cap; the client's retry policy decides after each attempt, and a retry sends
//! the file again from its first byte. A file that changed size since it was announced is an
//! error, not a short or long upload.

use std::path::Path;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use reqwest::header::{CONTENT_LENGTH, HeaderValue};
use reqwest::{Method, StatusCode};
use tracing::Instrument as _;

use super::Target;
use crate::error::{ERROR_BODY_LIMIT, Error, Result};
use crate::resources::assets::handle::Assets;
use crate::resources::assets::upload::{self, UploadMethod, UploadOptions};
use crate::retry::{Answer, Decision, parse_retry_after};

impl Assets {
    /// PUTs the file to the target, retrying from the first byte as the retry policy says.
    pub(in crate::resources::assets) async fn put(
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

/// What one PUT attempt came to.
pub(super) enum Sent {
    Answered(Answered),
    /// No answer: the connection failed, was cut, or timed out (the error shows the URL
    /// without its query).
    Failed(reqwest::Error),
}

/// A storage service's answer, its body read up to the error-body cap.
pub(super) struct Answered {
    pub(super) status: StatusCode,
    pub(super) retry_after: Option<Duration>,
    pub(super) request_id: Option<String>,
    pub(super) body: Bytes,
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
