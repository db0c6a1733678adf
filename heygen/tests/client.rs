//! Client core against a mock server: auth, retries, idempotency, errors. Paused clock: the
//! retry waits are virtual, measured with tokio's clock.

use std::time::Duration;

use heygen_sdk::{Client, Error, RequestOptions};
use serde_json::json;
use tokio::time::Instant;
use wiremock::matchers::{header, header_exists, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn video_json(id: &str) -> serde_json::Value {
    json!({"data": {"id": id, "status": "completed", "video_url": "https://files.example/v.mp4"}})
}

/// A client on the mock with no reqwest timers, so only the retry waits move the paused clock.
fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key("sk_test_secret")
        .base_url(server.uri())
        .http_client(
            heygen_sdk::http_client_builder()
                .unwrap()
                .pool_idle_timeout(None)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap()
}

fn create_body() -> heygen_sdk::types::CreateVideoV3RequestBody {
    let avatar: heygen_sdk::types::CreateVideoFromAvatar =
        heygen_sdk::types::CreateVideoFromAvatar::builder()
            .avatar_id("avatar_1".to_string())
            .script(Some("Hello".parse().unwrap()))
            .voice_id("voice_1".to_string())
            .try_into()
            .unwrap();
    avatar.into()
}

#[tokio::test]
async fn api_key_and_bearer_token_are_sent_in_their_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v3/videos/v1"))
        .and(header("x-api-key", "sk_test_secret"))
        .respond_with(ResponseTemplate::new(200).set_body_json(video_json("v1")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/videos/v2"))
        .and(header("authorization", "Bearer oauth_token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(video_json("v2")))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(client(&server).videos().get("v1").await.unwrap().id, "v1");
    let bearer = Client::builder()
        .bearer_token("oauth_token")
        .base_url(server.uri())
        .build()
        .unwrap();
    assert_eq!(bearer.videos().get("v2").await.unwrap().id, "v2");
    let requests = server.received_requests().await.unwrap();
    assert!(requests[1].headers.get("x-api-key").is_none());
    assert!(
        requests
            .iter()
            .all(|r| r.headers.get("api-version").is_none()),
        "progenitor's api-version header is stripped"
    );
    assert!(
        requests[0].headers["user-agent"]
            .to_str()
            .unwrap()
            .starts_with("heygen-rs/")
    );
}

#[test]
fn missing_or_empty_key_is_a_typed_error_and_debug_redacts_the_key() {
    assert!(
        matches!(Client::builder().build(), Err(Error::Config(m)) if m.contains("HEYGEN_API_KEY"))
    );
    assert!(matches!(
        Client::builder().api_key("  ").build(),
        Err(Error::Config(_))
    ));
    let client = Client::builder()
        .api_key("sk_live_very_secret")
        .build()
        .unwrap();
    let debug = format!(
        "{client:?} {:?}",
        Client::builder().api_key("sk_live_very_secret")
    );
    assert!(!debug.contains("sk_live_very_secret"), "{debug}");
    assert!(debug.contains("redacted"));
}

#[tokio::test(start_paused = true)]
async fn rate_limit_waits_for_retry_after_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v3/videos/v1"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "2")
                .set_body_json(
                    json!({"error": {"code": "rate_limit_exceeded", "message": "slow down"}}),
                ),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/videos/v1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(video_json("v1")))
        .mount(&server)
        .await;
    let started = Instant::now();
    let video = client(&server).videos().get("v1").await.unwrap();
    assert_eq!(video.id, "v1");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(2) && waited < Duration::from_secs(3),
        "{waited:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_beyond_the_cap_fails_at_once_with_rate_limited() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "3600"))
        .mount(&server)
        .await;
    let err = client(&server).videos().get("v1").await.unwrap_err();
    let Error::RateLimited(api) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        (api.status, api.retry_after, api.attempts),
        (429, Some(Duration::from_secs(3600)), 1)
    );
}

#[tokio::test(start_paused = true)]
async fn get_503_three_times_exhausts_two_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_body_string("upstream down"))
        .expect(3)
        .mount(&server)
        .await;
    let err = client(&server).videos().get("v1").await.unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!(
        (api.status, api.attempts, api.operation),
        (503, 3, "getVideoV3")
    );
    assert_eq!(api.message, "upstream down");
    assert!(err.is_retryable());
}

#[tokio::test(start_paused = true)]
async fn max_retries_zero_means_one_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .with_options(RequestOptions::new().max_retries(0))
        .videos()
        .get("v1")
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
}

#[tokio::test(start_paused = true)]
async fn post_503_is_not_retried_without_an_idempotency_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/videos"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .videos()
        .create(create_body())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert!(
        server.received_requests().await.unwrap()[0]
            .headers
            .get("idempotency-key")
            .is_none()
    );
}

#[tokio::test(start_paused = true)]
async fn post_503_with_a_key_is_retried_with_the_same_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/videos"))
        .and(header_exists("idempotency-key"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v3/videos"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": {"video_id": "v9", "status": "waiting"}})),
        )
        .mount(&server)
        .await;
    let created = client(&server)
        .with_options(RequestOptions::new().idempotency_key("order-42"))
        .videos()
        .create(create_body())
        .await
        .unwrap();
    assert_eq!(created.video_id, "v9");
    let keys: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r: &Request| r.headers["idempotency-key"].to_str().unwrap().to_string())
        .collect();
    assert_eq!(keys, ["order-42", "order-42", "order-42"]);
}

#[tokio::test(start_paused = true)]
async fn auto_idempotency_generates_one_key_reused_by_retries() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": {"video_id": "v", "status": "waiting"}})),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .http_client(
            heygen_sdk::http_client_builder()
                .unwrap()
                .pool_idle_timeout(None)
                .build()
                .unwrap(),
        )
        .auto_idempotency(true)
        .build()
        .unwrap();
    client.videos().create(create_body()).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let keys: Vec<&str> = requests
        .iter()
        .map(|r| r.headers["idempotency-key"].to_str().unwrap())
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1]);
    assert_eq!(keys[0].len(), 36, "a UUID");
}

#[tokio::test]
async fn an_invalid_idempotency_key_is_refused_before_sending() {
    let server = MockServer::start().await;
    for key in ["", "has space", &"x".repeat(256)] {
        let err = client(&server)
            .with_options(RequestOptions::new().idempotency_key(key))
            .videos()
            .create(create_body())
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::InvalidRequest { field: Some(f), .. } if f == "Idempotency-Key"),
            "{err:?}"
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn standard_api_error_surfaces_code_message_param_and_request_id() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(400).insert_header("x-request-id", "req_123").set_body_json(json!({
        "error": {"code": "invalid_parameter", "message": "Exactly one visual source required.", "param": "avatar_id", "doc_url": null}
    }))).mount(&server).await;
    let err = client(&server)
        .videos()
        .create(create_body())
        .await
        .unwrap_err();
    let api = err.api().unwrap();
    assert_eq!(api.status, 400);
    assert_eq!(err.code(), Some("invalid_parameter"));
    assert_eq!(api.message, "Exactly one visual source required.");
    assert_eq!(api.param.as_deref(), Some("avatar_id"));
    assert_eq!(err.request_id(), Some("req_123"));
    assert!(!err.is_retryable());
    assert!(
        err.to_string()
            .contains("createVideo failed with HTTP 400 invalid_parameter"),
        "{err}"
    );
}

#[tokio::test(start_paused = true)]
async fn html_502_and_empty_500_still_yield_api_errors_with_status() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v3/videos/a"))
        .respond_with(
            ResponseTemplate::new(502)
                .set_body_raw("<html><body>Bad Gateway</body></html>", "text/html"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/videos/b"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let client = client(&server).with_options(RequestOptions::new().max_retries(0));
    let err = client.videos().get("a").await.unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert!(err.api().unwrap().message.contains("Bad Gateway"));
    let err = client.videos().get("b").await.unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(err.api().unwrap().message, "Internal Server Error");
}

#[tokio::test]
async fn a_success_body_that_does_not_decode_is_a_decode_error_with_an_excerpt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw("{\"data\": {\"id\": 5", "application/json"),
        )
        .mount(&server)
        .await;
    let err = client(&server).videos().get("v").await.unwrap_err();
    let Error::Decode {
        operation,
        status,
        body_excerpt,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!((*operation, *status), ("getVideoV3", 200));
    assert!(body_excerpt.starts_with("{\"data\""));
}

#[tokio::test]
async fn an_unknown_status_value_decodes_and_keeps_the_raw_string() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": {"id": "v", "status": "queued"}})),
        )
        .mount(&server)
        .await;
    let video = client(&server).videos().get("v").await.unwrap();
    assert_eq!(
        video.status,
        heygen_sdk::types::VideoStatus::Unknown("queued".into())
    );
    assert_eq!(video.status.as_str(), "queued");
}

#[tokio::test]
async fn connection_refused_is_a_connection_error() {
    let client = Client::builder()
        .api_key("k")
        .base_url("http://127.0.0.1:1")
        .max_retries(0)
        .build()
        .unwrap();
    let err = client.videos().get("v").await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Connection {
                operation: "getVideoV3",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(!format!("{err:?}").contains("\"k\""));
}

// ---- issue 12: what the SDK refuses, what errors carry, what it retries ----

#[tokio::test]
async fn a_redirect_to_another_port_is_not_followed_with_the_key() {
    let origin = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(header_exists("x-api-key"))
        .respond_with(ResponseTemplate::new(200).set_body_json(video_json("stolen")))
        .expect(0)
        .named("a request carrying the API key")
        .mount(&elsewhere)
        .await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(video_json("v1")))
        .mount(&elsewhere)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/videos/v1"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("location", format!("{}/v3/videos/v1", elsewhere.uri())),
        )
        .mount(&origin)
        .await;
    // The client as `build()` makes it: its own reqwest client and redirect policy.
    let client = Client::builder()
        .api_key("sk_test_secret")
        .base_url(origin.uri())
        .build()
        .unwrap();
    let err = client.videos().get("v1").await.unwrap_err();
    assert_eq!(err.status(), Some(302), "{err:?}");
    assert!(!err.is_retryable());
    let followed = elsewhere.received_requests().await.unwrap();
    assert!(
        followed
            .iter()
            .all(|r| r.headers.get("x-api-key").is_none()),
        "the key went to the other origin"
    );
    assert!(
        followed.is_empty(),
        "a cross-origin redirect is not followed"
    );
}

#[tokio::test]
async fn a_redirect_within_the_origin_is_followed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v3/videos/old"))
        .respond_with(
            ResponseTemplate::new(301)
                .insert_header("location", format!("{}/v3/videos/v1", server.uri())),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/videos/v1"))
        .and(header("x-api-key", "sk_test_secret"))
        .respond_with(ResponseTemplate::new(200).set_body_json(video_json("v1")))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key("sk_test_secret")
        .base_url(server.uri())
        .build()
        .unwrap();
    assert_eq!(client.videos().get("old").await.unwrap().id, "v1");
}

#[test]
fn https_is_required_except_for_loopback_or_an_explicit_opt_in() {
    let build = |url: &str| Client::builder().api_key("k").base_url(url).build();
    for refused in [
        "http://api.heygen.com",
        "http://192.168.1.10:8080",
        "https://user:pa55word@api.heygen.com",
        "https://api.heygen.com?x=1",
        "https://api.heygen.com#top",
        "file:///etc/passwd",
    ] {
        let err = build(refused).unwrap_err();
        assert!(matches!(err, Error::Config(_)), "{refused}: {err:?}");
        assert!(!err.to_string().contains("pa55word"), "{err}");
    }
    for accepted in [
        "https://api.heygen.com",
        "https://gw.example/heygen",
        "http://127.0.0.1:4010",
        "http://localhost:4010",
    ] {
        build(accepted).unwrap_or_else(|e| panic!("{accepted}: {e}"));
    }
    Client::builder()
        .api_key("k")
        .base_url("http://gateway.internal")
        .allow_http(true)
        .build()
        .unwrap();
}

#[tokio::test]
async fn empty_dot_and_dot_dot_ids_are_refused_before_any_request() {
    let server = MockServer::start().await;
    let client = client(&server);
    for id in ["", ".", ".."] {
        let refusals = [
            client.videos().get(id).await.map(|_| ()),
            client.videos().delete(id).await.map(|_| ()),
            client.lipsyncs().get(id).await.map(|_| ()),
            client.webhooks().delete_endpoint(id).await.map(|_| ()),
            client.webhooks().rotate_secret(id).await.map(|_| ()),
            client
                .avatars()
                .create_consent(id, heygen_sdk::types::CreateAvatarConsentRequest::builder())
                .await
                .map(|_| ()),
            client.video_agents().get_session(id).await.map(|_| ()),
            client
                .video_agents()
                .session_resource("s1", id)
                .await
                .map(|_| ()),
        ];
        for refusal in refusals {
            let err = refusal.unwrap_err();
            assert!(
                matches!(&err, Error::InvalidRequest { field: Some(f), .. } if f.ends_with("_id")),
                "{id:?}: {err:?}"
            );
        }
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn raw_calls_with_a_collapsed_path_are_refused_too() {
    let server = MockServer::start().await;
    let client = client(&server);
    for id in ["", ".", ".."] {
        let err = client
            .run(client.raw().delete_video_v3().video_id(id).send())
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::InvalidRequest { field: Some(f), .. } if f == "video_id"),
            "{id:?}: {err:?}"
        );
        // Without `run`, the generated code's own refusal, naming the parameter.
        let raw = client
            .raw()
            .get_video_v3()
            .video_id(id)
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(&raw, heygen_sys::Error::InvalidRequest(m) if m.contains("video_id")),
            "{id:?}: {raw:?}"
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());
    // A missing path parameter is the builder's error, naming the field.
    let err = client
        .run(client.raw().get_video_v3().send())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidRequest { field: Some(f), .. } if f == "video_id"),
        "{err:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn raw_calls_honour_the_handle_options() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": {"video_id": "v", "status": "waiting"}})),
        )
        .mount(&server)
        .await;
    let once = client(&server).with_options(RequestOptions::new().max_retries(0));
    let err = once
        .run(once.raw().get_video_v3().video_id("v1").send())
        .await
        .unwrap_err();
    assert_eq!((err.status(), err.api().unwrap().attempts), (Some(503), 1));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    // Straight through the generated client, without `run`: still one attempt.
    once.raw()
        .get_video_v3()
        .video_id("v1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    let keyed = client(&server).with_options(RequestOptions::new().idempotency_key("raw-key-1"));
    keyed
        .raw()
        .create_video()
        .body(create_body())
        .send()
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[2].headers["idempotency-key"], "raw-key-1");

    let bad = client(&server).with_options(RequestOptions::new().idempotency_key("bad key"));
    let refused = bad.raw().create_video().body(create_body()).send().await;
    assert!(refused.is_err(), "an invalid key is refused on raw() too");
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test(start_paused = true)]
async fn a_gateway_path_prefix_keeps_the_idempotency_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/heygen/v3/videos"))
        .and(header("idempotency-key", "gw-1"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/heygen/v3/videos"))
        .and(header("idempotency-key", "gw-1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": {"video_id": "v1", "status": "waiting"}})),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key("k")
        .base_url(format!("{}/heygen/", server.uri()))
        .http_client(
            heygen_sdk::http_client_builder()
                .expect("http client builder")
                .pool_idle_timeout(None)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let created = client
        .with_options(RequestOptions::new().idempotency_key("gw-1"))
        .videos()
        .create(create_body())
        .await
        .unwrap();
    assert_eq!(created.video_id, "v1");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test(start_paused = true)]
async fn errors_carry_the_key_and_are_retryable_only_when_resending_cannot_duplicate() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let err = client(&server)
        .videos()
        .create(create_body())
        .await
        .unwrap_err();
    assert_eq!(err.idempotency_key(), None);
    assert!(
        !err.is_retryable(),
        "a create without a key may be done twice"
    );

    let auto = Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .http_client(
            heygen_sdk::http_client_builder()
                .expect("http client builder")
                .pool_idle_timeout(None)
                .build()
                .unwrap(),
        )
        .auto_idempotency(true)
        .build()
        .unwrap();
    let err = auto.videos().create(create_body()).await.unwrap_err();
    let sent = server.received_requests().await.unwrap();
    let last = sent.last().unwrap().headers["idempotency-key"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(err.idempotency_key(), Some(last.as_str()));
    assert!(err.is_retryable());
    assert!(err.to_string().contains(&last), "{err}");
    assert_eq!(sent.len(), 4, "1 unkeyed attempt, then 3 keyed ones");
}

#[tokio::test(start_paused = true)]
async fn a_409_is_retried_only_when_the_first_request_is_in_progress() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("idempotency-key", "slow-create"))
        .respond_with(ResponseTemplate::new(409).set_body_json(json!({"error": {
            "code": "request_in_progress", "message": "A request with this Idempotency-Key is still in progress."}})))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(header("idempotency-key", "slow-create"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": {"video_id": "v1", "status": "waiting"}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(header("idempotency-key", "conflicting"))
        .respond_with(ResponseTemplate::new(409).set_body_json(
            json!({"error": {"code": "conflict", "message": "The avatar is being trained."}}),
        ))
        .mount(&server)
        .await;
    let started = Instant::now();
    let created = client(&server)
        .with_options(RequestOptions::new().idempotency_key("slow-create"))
        .videos()
        .create(create_body())
        .await
        .unwrap();
    assert_eq!(created.video_id, "v1");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(3750) && waited <= Duration::from_secs(5),
        "a wait fit for a create still running: {waited:?}"
    );
    let err = client(&server)
        .with_options(RequestOptions::new().idempotency_key("conflicting"))
        .videos()
        .create(create_body())
        .await
        .unwrap_err();
    assert_eq!((err.status(), err.code()), (Some(409), Some("conflict")));
    assert!(!err.is_retryable());
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test(start_paused = true)]
async fn a_huge_retry_after_fails_at_once_without_panicking() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1e20"))
        .mount(&server)
        .await;
    let err = client(&server).videos().get("v1").await.unwrap_err();
    let api = err.api().unwrap();
    assert_eq!(
        (api.status, api.retry_after, api.attempts),
        (429, Some(Duration::MAX), 1)
    );
}

#[tokio::test]
async fn bodies_are_read_under_a_cap() {
    let server = MockServer::start().await;
    let big = "x".repeat(4096);
    Mock::given(method("GET"))
        .and(path("/v3/videos/big"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": {"id": "big", "status": "completed", "title": big}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/videos/broken"))
        .respond_with(ResponseTemplate::new(400).set_body_string("e".repeat(1 << 20)))
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .max_response_bytes(1024)
        .build()
        .unwrap();
    let err = client.videos().get("big").await.unwrap_err();
    assert!(
        matches!(
            &err,
            Error::ResponseTooLarge {
                limit: 1024,
                status: 200,
                operation: "getVideoV3",
                ..
            }
        ),
        "{err:?}"
    );
    let raw = client.raw().get_video_v3().video_id("big").send().await;
    assert!(raw.is_err(), "raw() sees the cap as a body error");
    let err = client.videos().get("broken").await.unwrap_err();
    let message = &err.api().unwrap().message;
    assert!(
        message.len() <= 600 && message.ends_with('…'),
        "{} bytes",
        message.len()
    );
}
