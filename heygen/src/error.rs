//! One error type for every call.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::Value;

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

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
    #[error("{operation} timed out")]
    Timeout {
        /// The operation id.
        operation: &'static str,
        /// The underlying error.
        #[source]
        source: Option<reqwest::Error>,
    },
    /// The connection failed (DNS, refused, reset, TLS).
    #[error("{operation}: connection failed: {source}")]
    Connection {
        /// The operation id.
        operation: &'static str,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },
    /// A successful response whose body is not what the API description says.
    #[error(
        "{operation}: could not decode the HTTP {status} response: {message}; body starts: {body_excerpt}"
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
    /// A listing returned a cursor it had already returned; stopped instead of looping.
    #[error("{operation}: the server repeated the cursor `{cursor}`; stopping the listing")]
    RepeatedCursor {
        /// The operation id.
        operation: &'static str,
        /// The repeated cursor.
        cursor: String,
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
    /// A wait reached its deadline; the last seen resource is kept as JSON.
    #[error(
        "waiting for {kind} {id} timed out after {elapsed:?} and {polls} polls (last status `{last_status}`)"
    )]
    WaitTimeout {
        /// What was waited on.
        kind: &'static str,
        /// Its id.
        id: String,
        /// The last status seen.
        last_status: String,
        /// The last resource seen.
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

impl Error {
    /// Whether trying the same call again may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::RateLimited(_) | Error::Timeout { .. } | Error::Connection { .. } => true,
            Error::Api(e) => matches!(e.status, 408 | 409 | 500..=599),
            _ => false,
        }
    }

    /// The HTTP status, when HeyGen answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) | Error::RateLimited(e) => Some(e.status),
            Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The API's error code (`invalid_parameter`, `not_found`, …).
    pub fn code(&self) -> Option<&str> {
        self.api().and_then(|e| e.code.as_deref())
    }

    /// The API error, for `Api` and `RateLimited`.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) | Error::RateLimited(e) => Some(e),
            _ => None,
        }
    }

    /// `x-request-id` of the failed response.
    pub fn request_id(&self) -> Option<&str> {
        self.api().and_then(|e| e.request_id.as_deref())
    }

    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidRequest {
            field: Some(field.into()),
            message: message.into(),
        }
    }
}

/// At most `max` bytes of a body, cut on a character boundary.
pub(crate) fn excerpt(body: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(max)]);
    let mut text = text.trim_end_matches('\u{fffd}').to_string();
    if body.len() > max {
        text.push('…');
    }
    text
}
