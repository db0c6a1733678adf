//! What a direct upload's PUT ends with when it fails for good: a timeout, a connection error,
//! or the storage service's answer as an [`ApiError`] (a 429 as [`Error::RateLimited`]), all
//! repeatable and named after the PUT, not an API operation. Of a storage error body only the
//! `Code` and `Message` are kept, scrubbed of the URL's query: S3 echoes the canonical
//! request, signature included, in some of its errors.

use reqwest::StatusCode;

use super::Target;
use super::put::Sent;
use crate::error::{ApiError, Error};

/// What errors of the PUT give as their operation: it is no operation of the API.
pub(crate) const PUT_OPERATION: &str = "PUT upload_url";

impl Target {
    /// The error of the last attempt.
    pub(super) fn error(&self, sent: Sent, attempts: u32) -> Error {
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
