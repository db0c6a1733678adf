//! An id is one path segment whatever it holds: `\`, `/`, `%`, `?`, `#` and control characters
//! arrive percent-encoded inside their segment, and `""`, `.` and `..` (which URL parsing drops
//! or climbs, encoded or not) are refused before sending — through the SDK's resources and
//! `raw()` alike, whose path encoding is the generated code's.
#![cfg(feature = "testing")]

mod support;

use heygen_sdk::{Client, Error};
use proptest::prelude::*;
use serde_json::json;
use support::{LocalServer, Path, Reply};

/// Ids the API never hands out, each tried as a video id.
const HOSTILE: [&str; 12] = [
    "..\\avatars\\x",
    "..\\..\\v1\\user\\me",
    "x\\..\\..\\assets\\a1",
    "a/../b",
    "%2e%2e",
    ".%2E",
    "v1?x=1",
    "v1#frag",
    "v1\n\r\t",
    "\\",
    "...",
    "v 1",
];

async fn server() -> (LocalServer, Client) {
    let server = LocalServer::start().await;
    server.route(None, Path::Any, |_| {
        Reply::json(200, &json!({"data": {"id": "x", "deleted": true}}))
    });
    let client = Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap();
    (server, client)
}

/// The path's segments below the host, decoded.
fn segments(path: &str) -> Vec<String> {
    path.trim_start_matches('/')
        .split('/')
        .map(|s| {
            percent_decode(s).unwrap_or_else(|| panic!("`{s}` of `{path}` is not percent-encoded"))
        })
        .collect()
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[tokio::test]
async fn hostile_ids_stay_in_their_segment_through_the_sdk_and_raw() {
    let (server, client) = server().await;
    for id in HOSTILE {
        // Whatever the answer decodes to: what matters is the request sent.
        let _ = client.videos().delete(id).await;
        let _ = client.raw().delete_video_v3().video_id(id).send().await;
    }
    let seen = server.requests();
    assert_eq!(seen.len(), 2 * HOSTILE.len());
    for (request, id) in seen.iter().zip(HOSTILE.iter().flat_map(|id| [id, id])) {
        assert_eq!(request.method, "DELETE");
        assert_eq!(request.query, None, "{id:?} made a query");
        assert_eq!(
            segments(&request.path),
            ["v3", "videos", id],
            "{id:?} sent as {}",
            request.path
        );
    }
}

#[tokio::test]
async fn ids_that_cannot_be_a_segment_are_refused_before_sending() {
    let (server, client) = server().await;
    for id in ["", ".", ".."] {
        let error = client.videos().delete(id).await.unwrap_err();
        assert!(
            matches!(&error, Error::InvalidRequest { field: Some(f), .. } if f == "video_id"),
            "{id:?}: {error:?}"
        );
        let error = client.videos().get(id).await.unwrap_err();
        assert!(matches!(&error, Error::InvalidRequest { .. }), "{error:?}");
        // `raw()` refuses them too: the generated code encodes, and checks.
        let error = client
            .raw()
            .delete_video_v3()
            .video_id(id)
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(&error, heygen_sys::Error::InvalidRequest(m) if m.contains("video_id")),
            "{id:?}: {error:?}"
        );
    }
    assert!(server.requests().is_empty(), "{:?}", server.requests());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Any id: refused before sending, or sent as exactly one segment holding it.
    #[test]
    fn any_id_is_one_segment_or_refused(id in "[a-z./\\\\%?#\\x00-\\x1f ~]{0,12}") {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let (server, client) = server().await;
            let sent = client.raw().get_asset().asset_id(id.as_str()).send().await;
            let seen = server.requests();
            if matches!(id.as_str(), "" | "." | "..") {
                prop_assert!(sent.is_err() && seen.is_empty());
            } else {
                prop_assert_eq!(seen.len(), 1);
                prop_assert_eq!(seen[0].query.clone(), None);
                prop_assert_eq!(segments(&seen[0].path), ["v3", "assets", id.as_str()]);
            }
            Ok(())
        })?;
    }
}
