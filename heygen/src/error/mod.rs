//! One error type for every call. Each error says whether sending the same request again is
//! safe ([`Error::is_retryable`]), carries the `Idempotency-Key` the call used (so the caller can
//! retry with it), and, once a job exists, names the job.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::Value;

mod redact;

pub(crate) use redact::{excerpt, redact, redact_value};

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// At most this much of an error body is read, and kept for its excerpt.
pub(crate) const ERROR_BODY_LIMIT: u64 = 64 * 1024;
/// At most this many bytes of a body go into an error's message or excerpt.
pub(crate) const EXCERPT_LIMIT: usize = 512;

/// An error HeyGen answered with: status, the API's code/message/param, and the request id.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// Machine-readable code (`invalid_parameter`, `not_found`, …) when the body had one.
    pub code: Option<String>,
    /// Human-readable message; for a body that is not the API's JSON, a bounded excerpt of it.
    pub message: String,
    /// The request field the error is about, when the API says.
    pub param: Option<String>,
    /// Link to the error's documentation, when the API gives one.
    pub doc_url: Option<String>,
    /// `x-request-id` of the response, to quote to HeyGen support.
    pub request_id: Option<String>,
    /// `Retry-After`, when the response carried one.
    pub retry_after: Option<Duration>,
    /// The operation id (`createVideo`, …).
    pub operation: &'static str,
    /// How many attempts were made, retries included.
    pub attempts: u32,
    /// The `Idempotency-Key` the call sent (the caller's, or the one `auto_idempotency` made).
    pub idempotency_key: Option<String>,
    /// Whether sending the same request again cannot duplicate its effect: a GET, PUT or
    /// DELETE, or a write that carried an `Idempotency-Key` (resend it with the same key).
    pub repeatable: bool,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} failed with HTTP {}", self.operation, self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(param) = &self.param {
            write!(f, " (param `{param}`)")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        if let Some(key) = &self.idempotency_key {
            write!(f, " [idempotency key {key}]")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in a call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// HeyGen answered with an error status (other than 429).
    #[error("{0}")]
    Api(Box<ApiError>),
    /// HeyGen answered 429 and retries did not help (or `Retry-After` exceeded the cap).
    #[error("rate limited: {0}")]
    RateLimited(Box<ApiError>),
    /// The request timed out.
    #[error("{operation} timed out{}", key_note(idempotency_key))]
    Timeout {
        /// The operation id.
        operation: &'static str,
        /// The underlying error.
        #[source]
        source: Option<reqwest::Error>,
        /// The `Idempotency-Key` the call sent.
        idempotency_key: Option<String>,
        /// Whether sending the same request again cannot duplicate its effect (see
        /// [`ApiError::repeatable`]).
        repeatable: bool,
    },
    /// The connection failed (DNS, refused, reset, TLS, or cut in the middle of the answer).
    #[error(
        "{operation}: connection failed: {source}{}",
        key_note(idempotency_key)
    )]
    Connection {
        /// The operation id.
        operation: &'static str,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
        /// The `Idempotency-Key` the call sent.
        idempotency_key: Option<String>,
        /// Whether sending the same request again cannot duplicate its effect (see
        /// [`ApiError::repeatable`]).
        repeatable: bool,
    },
    /// A successful response whose body is not what the API description says.
    #[error(
        "{operation}: could not decode the HTTP {status} response: {message}; body starts: {body_excerpt}{}",
        key_note(idempotency_key)
    )]
    Decode {
        /// The operation id.
        operation: &'static str,
        /// HTTP status.
        status: u16,
        /// What did not fit.
        message: String,
        /// At most 512 bytes of the body.
        body_excerpt: String,
        /// The body ended before its JSON did (a connection or proxy cut it short): sending the
        /// request again may succeed.
        truncated: bool,
        /// The `Idempotency-Key` the call sent: the work it asked for may have been done, and
        /// resending with this key returns its result.
        idempotency_key: Option<String>,
        /// Whether sending the same request again cannot duplicate its effect (see
        /// [`ApiError::repeatable`]).
        repeatable: bool,
    },
    /// A successful response larger than [`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes);
    /// it was not read past the limit.
    #[error(
        "{operation}: the HTTP {status} response is larger than the {limit}-byte limit{}",
        key_note(idempotency_key)
    )]
    ResponseTooLarge {
        /// The operation id.
        operation: &'static str,
        /// HTTP status.
        status: u16,
        /// The limit, in bytes.
        limit: u64,
        /// The `Idempotency-Key` the call sent.
        idempotency_key: Option<String>,
    },
    /// The request was refused before it was sent: a missing or invalid value.
    #[error("invalid request{}: {message}", field.as_ref().map(|f| format!(" (`{f}`)")).unwrap_or_default())]
    InvalidRequest {
        /// The offending field, when there is one.
        field: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// The client could not be built (no API key, bad base URL …).
    #[error("client configuration: {0}")]
    Config(String),
    /// A local file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A video's file could not be downloaded
    /// ([`Videos::download`](crate::resources::videos::Videos::download)): the video has no such
    /// file (yet), the file host refused it (a 403 even with a fresh URL), or the transfer
    /// broke. Never carries the file's URL, which is a credential.
    #[error("downloading the {file} of video {video_id}: {message}")]
    Download {
        /// The video.
        video_id: String,
        /// The [`VideoDetail`](crate::types::VideoDetail) field of the file: `video_url`, …
        file: &'static str,
        /// The file host's HTTP status, when it answered with an error.
        status: Option<u16>,
        /// What went wrong.
        message: String,
        /// The transport error (its URL removed), when the connection failed.
        #[source]
        source: Option<reqwest::Error>,
        /// Whether trying again may succeed: a broken or stalled transfer, or a 408, 429 or
        /// 5xx from the file host.
        retryable: bool,
    },
    /// A listing returned a cursor it had already returned; stopped instead of looping.
    #[error("{operation}: the server repeated the cursor `{cursor}`; stopping the listing")]
    RepeatedCursor {
        /// The operation id.
        operation: &'static str,
        /// The repeated cursor.
        cursor: String,
    },
    /// A page said `has_more: true` without a `next_token` to fetch the rest with.
    #[error("{operation}: the page says there is more but gives no `next_token`")]
    MissingCursor {
        /// The operation id.
        operation: &'static str,
    },
    /// A listing returned this many empty pages in a row, each with a new cursor; stopped
    /// instead of following it forever.
    #[error("{operation}: {pages} empty pages in a row; stopping the listing")]
    EmptyPages {
        /// The operation id.
        operation: &'static str,
        /// Empty pages seen in a row.
        pages: u32,
    },
    /// A waited-on job ended in a failed state.
    #[error("{kind} {id} failed{}: {}", code.as_ref().map(|c| format!(" ({c})")).unwrap_or_default(), message.as_deref().unwrap_or("no message"))]
    JobFailed {
        /// What was waited on (`video`, `lipsync` …).
        kind: &'static str,
        /// Its id.
        id: String,
        /// The resource's failure code.
        code: Option<String>,
        /// The resource's failure message.
        message: Option<String>,
    },
    /// A wait reached its deadline; the last seen resource is kept as JSON, the query strings
    /// of its URLs masked (presigned URLs are credentials: get the resource again for them).
    #[error(
        "waiting for {kind} {id} timed out after {elapsed:?} and {polls} polls (last status `{last_status}`)"
    )]
    WaitTimeout {
        /// What was waited on.
        kind: &'static str,
        /// Its id.
        id: String,
        /// The last status seen (`unknown` when no poll answered).
        last_status: String,
        /// The last resource seen (`null` when no poll answered).
        last: Box<Value>,
        /// Time spent.
        elapsed: Duration,
        /// Polls made.
        polls: u32,
    },
    /// An avatar is waiting for its subject's consent; the wait cannot finish by itself.
    #[error(
        "avatar {id} needs consent before it can finish (status pending_consent); see avatars().create_consent"
    )]
    ConsentRequired {
        /// The avatar group or look id.
        id: String,
    },
    /// A wait (or the wait of a `create_and_wait`) ended without the job's result: `source`
    /// says why (a poll that failed and cannot be retried, or, waiting on several jobs, the
    /// first of them that failed); `ids` names every job waited on, to wait again or inspect.
    #[error("waiting for {kind} {}: {source}", ids.join(", "))]
    Wait {
        /// What was waited on (`video`, `video_translation` …).
        kind: &'static str,
        /// Every job waited on.
        ids: Vec<String>,
        /// Why the wait ended.
        #[source]
        source: Box<Error>,
    },
    /// A video-agent session is waiting for the caller's reply (`waiting_for_input`); a wait
    /// for its video cannot finish by itself.
    #[error(
        "video-agent session {id} is waiting for input{}; reply with video_agents().send_message, then wait again",
        question.as_ref().map(|q| format!(" (the agent asks: {q})")).unwrap_or_default()
    )]
    InputRequired {
        /// The session id.
        id: String,
        /// The agent's last message, when it wrote one.
        question: Option<String>,
    },
    /// A direct upload ([`Assets::upload_direct`](crate::resources::assets::Assets::upload_direct))
    /// failed after HeyGen created its asset: the bytes did not reach the presigned upload URL
    /// (`source` names the last attempt's failure; the URL itself is never shown), or completing
    /// the upload failed. `asset_id` names the asset, which stays unusable until completed.
    #[error("direct upload of asset {asset_id} failed: {source}")]
    Upload {
        /// The asset `createAssetUpload` created.
        asset_id: String,
        /// Why the upload failed.
        #[source]
        source: Box<Error>,
    },
    /// The operation is gone from HeyGen's API and its replacement cannot serve this call;
    /// refused before any request.
    #[error("{operation} is no longer part of HeyGen's API: {instead}")]
    OperationRemoved {
        /// The removed operation id.
        operation: &'static str,
        /// What to use instead.
        instead: String,
    },
}

fn key_note(key: &Option<String>) -> String {
    key.as_ref()
        .map(|key| format!(" [idempotency key {key}]"))
        .unwrap_or_default()
}

impl Error {
    /// Whether sending the same call again may succeed **without duplicating anything**: a
    /// 429; a 408, 5xx, timeout or broken connection of a request that is safe to repeat (a
    /// GET/PUT/DELETE, or a write carrying an `Idempotency-Key`: resend it with
    /// [`Error::idempotency_key`]); a 409 `request_in_progress`; a success body cut short.
    /// A create without a key that timed out is *not* retryable: it may have been done.
    ///
    /// ```
    /// # async fn run(client: heygen_sdk::Client, request: heygen_sdk::types::CreateVideoV3RequestBody) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::RequestOptions;
    /// let key = "order-42-video";
    /// let videos = client.with_options(RequestOptions::new().idempotency_key(key)).videos();
    /// let created = match videos.create(request.clone()).await {
    ///     Err(e) if e.is_retryable() => videos.create(request).await?, // same key: no duplicate
    ///     other => other?,
    /// };
    /// # let _ = created; Ok(()) }
    /// ```
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::RateLimited(_) => true,
            Error::Api(e) => match e.status {
                409 => e.code.as_deref() == Some("request_in_progress") && e.repeatable,
                408 | 500..=599 => e.repeatable,
                _ => false,
            },
            Error::Timeout { repeatable, .. } | Error::Connection { repeatable, .. } => *repeatable,
            Error::Decode {
                truncated,
                repeatable,
                ..
            } => *truncated && *repeatable,
            Error::Wait { source, .. } | Error::Upload { source, .. } => source.is_retryable(),
            Error::Download { retryable, .. } => *retryable,
            _ => false,
        }
    }

    /// The `Idempotency-Key` the failed call sent, the one `auto_idempotency` generated
    /// included: retry with it and HeyGen replays the first result instead of doing the work
    /// twice.
    pub fn idempotency_key(&self) -> Option<&str> {
        match self {
            Error::Api(e) | Error::RateLimited(e) => e.idempotency_key.as_deref(),
            Error::Timeout {
                idempotency_key, ..
            }
            | Error::Connection {
                idempotency_key, ..
            }
            | Error::Decode {
                idempotency_key, ..
            }
            | Error::ResponseTooLarge {
                idempotency_key, ..
            } => idempotency_key.as_deref(),
            _ => None,
        }
    }

    /// The jobs a wait error is about: the failed, timed-out or consent-blocked job, or every
    /// job of an [`Error::Wait`]. Empty for errors that are not about a job.
    pub fn job_ids(&self) -> Vec<&str> {
        match self {
            Error::JobFailed { id, .. }
            | Error::WaitTimeout { id, .. }
            | Error::ConsentRequired { id } => vec![id.as_str()],
            Error::Wait { ids, .. } => ids.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// The operation id of the call that failed, when the error comes from one.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Error::Api(e) | Error::RateLimited(e) => Some(e.operation),
            Error::Timeout { operation, .. }
            | Error::Connection { operation, .. }
            | Error::Decode { operation, .. }
            | Error::ResponseTooLarge { operation, .. }
            | Error::RepeatedCursor { operation, .. }
            | Error::MissingCursor { operation }
            | Error::EmptyPages { operation, .. } => Some(operation),
            Error::Wait { source, .. } | Error::Upload { source, .. } => source.operation(),
            _ => None,
        }
    }

    /// The HTTP status, when HeyGen answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) | Error::RateLimited(e) => Some(e.status),
            Error::Decode { status, .. } | Error::ResponseTooLarge { status, .. } => Some(*status),
            Error::Wait { source, .. } | Error::Upload { source, .. } => source.status(),
            _ => None,
        }
    }

    /// The API's error code (`invalid_parameter`, `not_found`, …).
    pub fn code(&self) -> Option<&str> {
        self.api().and_then(|e| e.code.as_deref())
    }

    /// The API error, for `Api` and `RateLimited` (and an [`Error::Wait`] caused by one).
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) | Error::RateLimited(e) => Some(e),
            Error::Wait { source, .. } | Error::Upload { source, .. } => source.api(),
            _ => None,
        }
    }

    /// `x-request-id` of the failed response.
    pub fn request_id(&self) -> Option<&str> {
        self.api().and_then(|e| e.request_id.as_deref())
    }

    /// A wait that reached its deadline, keeping the last resource seen with the query strings
    /// of its URLs masked ([`redact`]: a presigned `thumbnail_url` must not print with it).
    pub(crate) fn wait_timeout(
        kind: &'static str,
        id: String,
        last: Option<(String, Value)>,
        elapsed: Duration,
        polls: u32,
    ) -> Self {
        let (last_status, mut last) = last.unwrap_or_else(|| ("unknown".to_string(), Value::Null));
        redact_value(&mut last);
        Error::WaitTimeout {
            kind,
            id,
            last_status,
            last: Box::new(last),
            elapsed,
            polls,
        }
    }

    /// A job that ended failed, its message [`redact`]ed.
    pub(crate) fn job_failed(
        kind: &'static str,
        id: String,
        code: Option<String>,
        message: Option<String>,
    ) -> Self {
        Error::JobFailed {
            kind,
            id,
            code,
            message: message.map(|m| redact(&m).into_owned()),
        }
    }

    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidRequest {
            field: Some(field.into()),
            message: message.into(),
        }
    }

    /// An `InvalidRequest` from a generated builder's message, naming the field when the
    /// message does (`no value supplied for avatar_id`, `error converting supplied value for
    /// script: …`, `conversion to … for video_id failed`, `video_id was not initialized`).
    pub(crate) fn from_builder_message(message: String) -> Self {
        Error::InvalidRequest {
            field: field_named_in(&message),
            message,
        }
    }
}

fn field_named_in(message: &str) -> Option<String> {
    let word = |s: &str| {
        let field: String = s
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        (!field.is_empty()).then_some(field)
    };
    if let Some(rest) = message
        .strip_prefix("no value supplied for ")
        .or_else(|| message.strip_prefix("error converting supplied value for "))
    {
        return word(rest);
    }
    if let Some(at) = message.rfind(" for ")
        && message.ends_with(" failed")
        && message.starts_with("conversion to ")
    {
        return word(&message[at + 5..]);
    }
    message.strip_suffix(" was not initialized").and_then(word)
}

impl From<heygen_sys::types::error::ConversionError> for Error {
    /// A request value the generated builders refused (a missing required field, a string too
    /// long …) becomes [`Error::InvalidRequest`], naming the field when the message does.
    fn from(error: heygen_sys::types::error::ConversionError) -> Self {
        Error::from_builder_message(error.to_string())
    }
}

impl From<std::convert::Infallible> for Error {
    /// A conversion that cannot fail (a request given as its own type, `R: TryInto<R>`).
    fn from(never: std::convert::Infallible) -> Self {
        match never {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_messages_name_their_field() {
        for (message, field) in [
            ("no value supplied for avatar_id", Some("avatar_id")),
            (
                "error converting supplied value for script: longer than 5000 characters",
                Some("script"),
            ),
            (
                "conversion to `:: std :: string :: String` for video_id failed",
                Some("video_id"),
            ),
            ("video_id was not initialized", Some("video_id")),
            ("longer than 5000 characters", None),
        ] {
            assert_eq!(field_named_in(message).as_deref(), field, "{message}");
        }
        let error = Error::from(heygen_sys::types::error::ConversionError::from(
            "no value supplied for voice_id",
        ));
        assert!(
            matches!(&error, Error::InvalidRequest { field: Some(f), .. } if f == "voice_id"),
            "{error:?}"
        );
    }
}
