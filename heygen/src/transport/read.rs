//! Reading a response under a cap: the bytes read (without a copy when they come in one chunk),
//! a body refused past the limit, and the one code a 409 body is read for.

use bytes::{Bytes, BytesMut};
use reqwest::Response;
use serde::Deserialize;

/// The most memory reserved up front for a body, whatever its `Content-Length` claims.
const INITIAL_CAPACITY: usize = 256 * 1024;

/// Reads `response`'s body, up to `room` bytes: the bytes, and whether there was more. A body
/// that comes in one chunk (a small JSON answer) is kept as it came, without a copy.
pub(super) async fn read_capped(
    response: &mut Response,
    room: usize,
) -> reqwest::Result<(Bytes, bool)> {
    let mut first: Option<Bytes> = None;
    let mut more: Option<BytesMut> = None;
    let mut len = 0;
    while let Some(chunk) = response.chunk().await? {
        let left = room - len;
        let (chunk, over) = if chunk.len() > left {
            (chunk.slice(..left), true)
        } else {
            (chunk, false)
        };
        len += chunk.len();
        match (&mut first, &mut more) {
            (None, None) => first = Some(chunk),
            (Some(head), None) => {
                let reserve = response
                    .content_length()
                    .and_then(|n| usize::try_from(n).ok())
                    .unwrap_or(0)
                    .min(room)
                    .min(INITIAL_CAPACITY)
                    .max(len);
                let mut joined = BytesMut::with_capacity(reserve);
                joined.extend_from_slice(head);
                joined.extend_from_slice(&chunk);
                first = None;
                more = Some(joined);
            }
            (_, Some(joined)) => joined.extend_from_slice(&chunk),
        }
        if over {
            return Ok((
                first.or(more.map(BytesMut::freeze)).unwrap_or_default(),
                true,
            ));
        }
    }
    Ok((
        first.or(more.map(BytesMut::freeze)).unwrap_or_default(),
        false,
    ))
}

/// `response` with a body that fails when read: a success body over the client's limit is
/// never decoded from a part.
pub(super) fn refuse_body(response: Response, limit: u64) -> Response {
    let body = reqwest::Body::wrap_stream(futures::stream::once(async move {
        Err::<Bytes, _>(std::io::Error::other(format!(
            "the response body is larger than the {limit}-byte limit"
        )))
    }));
    heygen_sys::with_body(response, body)
}

/// Whether a 409 body's code is `request_in_progress`.
pub(super) fn in_progress(body: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Envelope {
        error: Option<Code>,
    }
    #[derive(Deserialize)]
    struct Code {
        code: Option<String>,
    }
    serde_json::from_slice::<Envelope>(body)
        .ok()
        .and_then(|envelope| envelope.error?.code)
        .is_some_and(|code| code == "request_in_progress")
}

#[cfg(test)]
mod tests {
    use super::in_progress;

    #[test]
    fn only_request_in_progress_is_in_progress() {
        assert!(in_progress(
            br#"{"error": {"code": "request_in_progress", "message": "wait"}}"#
        ));
        for body in [
            &br#"{"error": {"code": "conflict"}}"#[..],
            br#"{"error": "request_in_progress"}"#,
            b"<html>",
            b"",
        ] {
            assert!(!in_progress(body));
        }
    }
}
