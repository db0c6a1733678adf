//! Answers: `{"data": …}` envelopes, `StandardAPIError` bodies, request-body parsing with the
//! offending `param`, query strings, and cursor pagination.

use axum::extract::{FromRequestParts, MatchedPath};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::validate;

/// Largest request body the simulator reads (the asset limit is 32 MB).
pub(crate) const MAX_BODY: usize = 40 * 1024 * 1024;

/// What a handler returns.
pub(crate) type Reply = Result<Response, ApiErr>;

/// An error answer in the v3 `StandardAPIError` shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiErr {
    pub status: StatusCode,
    pub code: String,
    pub message: String,
    pub param: Option<String>,
    pub retry_after: Option<u64>,
}

impl ApiErr {
    pub(crate) fn new(status: u16, code: &str, message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            code: code.to_string(),
            message: message.into(),
            param: None,
            retry_after: None,
        }
    }

    /// 400 `invalid_parameter`.
    pub(crate) fn invalid(param: Option<&str>, message: impl Into<String>) -> Self {
        Self {
            param: param.map(str::to_string),
            ..Self::new(400, "invalid_parameter", message)
        }
    }

    /// 400 `not_simulated`: `value`, a member of a union at `param`, is one the simulator
    /// does not know (a newer API description added it), named by its `type` tag.
    pub(crate) fn not_simulated(param: &str, value: &impl Serialize) -> Self {
        let value = serde_json::to_value(value).unwrap_or_default();
        let tag = value.get("type").and_then(Value::as_str).unwrap_or("?");
        let param = if param.is_empty() {
            "type".to_string()
        } else {
            format!("{param}.type")
        };
        Self {
            param: Some(param),
            ..Self::new(
                400,
                "not_simulated",
                format!("The HeyGen simulator does not simulate a '{tag}' here yet."),
            )
        }
    }

    /// 404 `not_found`: "`what` not found."
    pub(crate) fn not_found(what: &str) -> Self {
        Self::new(404, "not_found", format!("{what} not found."))
    }

    /// 401 `authentication_failed`.
    pub(crate) fn unauthenticated() -> Self {
        Self::new(
            401,
            "authentication_failed",
            "Invalid or expired API key. Verify your x-api-key header.",
        )
    }

    /// 429 `rate_limit_exceeded` with `Retry-After`.
    pub(crate) fn rate_limited(retry_after_secs: u64) -> Self {
        Self {
            retry_after: Some(retry_after_secs),
            ..Self::new(
                429,
                "rate_limit_exceeded",
                "Too many requests: wait for the number of seconds in the Retry-After header.",
            )
        }
    }

    /// An injected failure with this status.
    pub(crate) fn for_status(status: u16) -> Self {
        if status == 429 {
            return Self::rate_limited(1);
        }
        if status == 401 {
            return Self::unauthenticated();
        }
        let (code, what) = match status {
            400 => ("invalid_parameter", "The request is invalid"),
            403 => ("forbidden", "This account may not do that"),
            404 => ("not_found", "Not found"),
            408 => ("request_timeout", "The request took too long"),
            409 => (
                "request_in_progress",
                "A request with this Idempotency-Key is in progress",
            ),
            502 => ("bad_gateway", "Bad gateway"),
            503 => ("service_unavailable", "The service is unavailable"),
            504 => ("gateway_timeout", "Gateway timeout"),
            500..=599 => ("internal_error", "Internal server error"),
            _ => ("error", "Error"),
        };
        Self::new(status, code, format!("{what} (injected by the simulator)."))
    }
}

impl IntoResponse for ApiErr {
    fn into_response(self) -> Response {
        // HeyGen's `StandardAPIError` writes absent `param` / `doc_url` as `null`.
        let body = json!({
            "error": {
                "code": self.code,
                "message": self.message,
                "param": self.param,
                "doc_url": null,
            },
        });
        let mut response = (self.status, axum::Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// A generated type from the JSON the simulator writes for it (wire names, `null` for an absent
/// option). Going through serde rather than a struct literal or a builder keeps the simulator
/// compiling when the next document adds an optional field or drops one it writes (it is then
/// left out of the answer). A value the type refuses is a bug of the simulator: it panics naming
/// the type, failing the test that hit it.
pub(crate) fn typed<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).unwrap_or_else(|e| {
        panic!(
            "simulator bug: building {}: {e}",
            std::any::type_name::<T>()
        )
    })
}

/// A 200 answer `{"data": value}`, the envelope of every v3 answer.
pub(crate) fn data<T: Serialize>(value: T) -> Reply {
    data_with(StatusCode::OK, value)
}

/// An answer `{"data": value}` with this status (202 for the creates HeyGen accepts).
pub(crate) fn data_with<T: Serialize>(status: StatusCode, value: T) -> Reply {
    Ok((status, axum::Json(json!({ "data": value }))).into_response())
}

/// A 200 answer with one page of a cursor listing: `{"data": [...], "has_more", "next_token"}`.
pub(crate) fn page<T: Serialize>(
    items: Vec<T>,
    has_more: bool,
    next_token: Option<String>,
) -> Reply {
    let mut page = json!({ "data": items, "has_more": has_more });
    if let Some(token) = next_token {
        page["next_token"] = Value::String(token);
    }
    ok(page)
}

/// A 200 answer with this envelope (a generated `…Envelope` or `…Page` value).
pub(crate) fn ok<T: Serialize>(envelope: T) -> Reply {
    Ok(axum::Json(envelope).into_response())
}

/// Parses a JSON body into a generated request type; a failure names the offending field. A
/// number written with a zero fraction (`1.0`) is the integer it equals, as JSON Schema (and
/// HeyGen's server) read it.
pub(crate) fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiErr> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiErr::invalid(None, "A JSON request body is required."));
    }
    let value: Value = serde_json::from_slice(body).map_err(|error| {
        let message = format!("The request body is not valid JSON: {error}.");
        ApiErr::invalid(None, message)
    })?;
    decode(value)
}

/// A JSON value (a request body, or an item of a batch's) as a generated request type, like
/// [`parse`].
pub(crate) fn decode<T: DeserializeOwned>(mut value: Value) -> Result<T, ApiErr> {
    integral(&mut value);
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        let message = inner.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        let field = backticked(&message, "missing field `")
            .or_else(|| backticked(&message, "unknown field `"));
        let path = if path == "." || path.is_empty() {
            None
        } else {
            Some(path)
        };
        let param = match (path, field) {
            (None, field) => field,
            (Some(path), Some(field)) => Some(format!("{path}.{field}")),
            (Some(path), None) => Some(path),
        };
        ApiErr::invalid(
            param.as_deref(),
            format!("Invalid request body: {message}."),
        )
    })
}

/// Numbers with a zero fraction, at any depth, as integers.
fn integral(value: &mut Value) {
    match value {
        Value::Number(number) => {
            let whole = number
                .as_f64()
                .filter(|f| number.is_f64() && f.fract() == 0.0);
            if let Some(whole) = whole.filter(|f| f.abs() < 9.0e15) {
                *value = Value::from(whole as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral),
        Value::Object(fields) => fields.values_mut().for_each(integral),
        _ => {}
    }
}

fn backticked(message: &str, prefix: &str) -> Option<String> {
    let rest = &message[message.find(prefix)? + prefix.len()..];
    Some(rest[..rest.find('`')?].to_string())
}

/// A request's query parameters.
#[derive(Debug, Clone, Default)]
pub(crate) struct Query(Vec<(String, String)>);

impl Query {
    pub(crate) fn parse(raw: Option<&str>) -> Self {
        Self(validate::query_pairs(raw))
    }

    /// A parameter's value; an empty value counts as absent.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| k == name && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// The comma-separated ids of a parameter (none when it is absent).
    pub(crate) fn ids(&self, name: &str) -> Vec<String> {
        self.get(name)
            .map(|ids| {
                ids.split(',')
                    .map(str::trim)
                    .filter(|id| !id.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// One page of the listing named `listing`: `limit` items after the cursor.
#[derive(Debug, Clone)]
pub(crate) struct Cursor {
    listing: String,
    limit: usize,
    after: Option<u64>,
}

/// A listing request: its query, and the cursor of the page it asks for, read for the path
/// the router matched ([`cursor`]), so a listing names its path once, in its route.
#[derive(Debug)]
pub(crate) struct Listing {
    pub query: Query,
    pub cursor: Cursor,
}

impl<S: Send + Sync> FromRequestParts<S> for Listing {
    type Rejection = ApiErr;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiErr> {
        let query = Query::parse(parts.uri.query());
        let matched = parts.extensions.get::<MatchedPath>();
        let cursor = cursor(
            &query,
            matched.map_or(parts.uri.path(), MatchedPath::as_str),
        )?;
        Ok(Self { query, cursor })
    }
}

/// The page size of a listing whose document states none.
const PAGE_SIZE: (usize, usize) = (10, 100);

/// Reads `limit` and `token` for the listing `GET path` (its path template, which also names
/// the listing a `token` belongs to). `limit`'s default and maximum are the document's
/// ([`validate::page_size`]); the request was checked against its range before any route.
pub(crate) fn cursor(query: &Query, path: &str) -> Result<Cursor, ApiErr> {
    let (default, max) = validate::page_size(path);
    let (default, max) = (default.unwrap_or(PAGE_SIZE.0), max.unwrap_or(PAGE_SIZE.1));
    let limit = match query.get("limit").map(str::parse::<usize>) {
        None => default,
        Some(Ok(limit)) if (1..=max).contains(&limit) => limit,
        Some(_) => {
            let message = format!("'limit' must be between 1 and {max}.");
            return Err(ApiErr::invalid(Some("limit"), message));
        }
    };
    let after = match query.get("token") {
        None => None,
        Some(token) => Some(decode_token(token, path).ok_or_else(|| {
            ApiErr::invalid(Some("token"), "'token' is not a cursor of this listing; pass the next_token of the previous page.")
        })?),
    };
    Ok(Cursor {
        listing: path.to_string(),
        limit,
        after,
    })
}

fn encode_token(listing: &str, key: u64) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{listing}:{key}"))
}

fn decode_token(token: &str, listing: &str) -> Option<u64> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token)
        .ok()?;
    let raw = String::from_utf8(raw).ok()?;
    raw.strip_prefix(listing)?.strip_prefix(':')?.parse().ok()
}

/// A page of `items` (in listing order, keyed by a sequence number that grows, or shrinks
/// when `descending`, along the listing): `(items, has_more, next_token)`. The cursor is the
/// key of the last item returned, so items created meanwhile do not shift later pages.
pub(crate) fn paginate<T>(
    items: Vec<(u64, T)>,
    cursor: Cursor,
    descending: bool,
) -> (Vec<T>, bool, Option<String>) {
    let past = |key: u64| match cursor.after {
        None => true,
        Some(after) if descending => key < after,
        Some(after) => key > after,
    };
    let mut rest: Vec<(u64, T)> = items.into_iter().filter(|(key, _)| past(*key)).collect();
    let has_more = rest.len() > cursor.limit;
    rest.truncate(cursor.limit);
    let next = if has_more {
        rest.last()
            .map(|(key, _)| encode_token(&cursor.listing, *key))
    } else {
        None
    };
    (
        rest.into_iter().map(|(_, item)| item).collect(),
        has_more,
        next,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_names_the_field() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Inner {
            url: String,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Outer {
            title: String,
            video: Inner,
        }
        let missing = parse::<Outer>(br#"{"video": {"url": "x"}}"#).unwrap_err();
        assert_eq!(missing.param.as_deref(), Some("title"));
        let nested = parse::<Outer>(br#"{"title": "t", "video": {}}"#).unwrap_err();
        assert_eq!(nested.param.as_deref(), Some("video.url"));
        let wrong = parse::<Outer>(br#"{"title": 3, "video": {"url": "x"}}"#).unwrap_err();
        assert_eq!(wrong.param.as_deref(), Some("title"));
        let syntax = parse::<Outer>(b"{").unwrap_err();
        assert_eq!(syntax.param, None);
    }

    #[test]
    fn an_unknown_union_member_is_a_400_not_simulated_naming_its_tag() {
        let refused = ApiErr::not_simulated("image", &json!({"type": "hologram", "x": 1}));
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert_eq!(refused.code, "not_simulated");
        assert_eq!(refused.param.as_deref(), Some("image.type"));
        assert!(
            refused.message.contains("'hologram'"),
            "{}",
            refused.message
        );
        let top = ApiErr::not_simulated("", &json!({"type": "hologram"}));
        assert_eq!(top.param.as_deref(), Some("type"));
    }

    #[test]
    fn a_whole_float_is_the_integer_it_equals() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Seeded {
            seed: u64,
            speed: f64,
        }
        let parsed = parse::<Seeded>(br#"{"seed": 2.0, "speed": 1.0}"#).unwrap();
        assert_eq!(
            parsed,
            Seeded {
                seed: 2,
                speed: 1.0
            }
        );
        let fraction = parse::<Seeded>(br#"{"seed": 2.5, "speed": 1.0}"#).unwrap_err();
        assert_eq!(fraction.param.as_deref(), Some("seed"));
    }

    #[test]
    fn pages_follow_the_cursor() {
        let items: Vec<(u64, u64)> = (1..=25).rev().map(|k| (k, k)).collect();
        let query = Query::parse(Some("limit=10"));
        let first = cursor(&query, "/v3/videos").unwrap();
        let (page, more, next) = paginate(items.clone(), first, true);
        assert_eq!((page.len(), more, page[0]), (10, true, 25));
        let query = Query::parse(Some(&format!("limit=10&token={}", next.unwrap())));
        let second = cursor(&query, "/v3/videos").unwrap();
        let (page, _, _) = paginate(items, second, true);
        assert_eq!(page[0], 15);
        assert!(cursor(&Query::parse(Some("token=abc")), "/v3/videos").is_err());
        assert!(cursor(&Query::parse(Some("limit=0")), "/v3/videos").is_err());
    }
}
