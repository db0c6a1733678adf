//! Reliability: keyed creates through faults drawn at random from a seed (429 with and without
//! `Retry-After`, 5xx, resets, connections dropped after the work or mid-body, truncated JSON,
//! slow answers past the client's timeout) end in exactly one video each; a keyed request
//! cancelled mid-handler does not leave its key in flight; and fuzzed `Retry-After` values,
//! error bodies and pagination envelopes never panic the client.
//!
//! Paused clock: every wait (retry backoffs, `Retry-After`, slow answers, timeouts) is virtual.
#![cfg(feature = "testing")]

mod support;

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt;
use heygen_sdk::testing::{Fault, FaultRule, RandomFaults, ResourceKind, Simulator, Timeline};
use heygen_sdk::types::{CreateVideoFromAvatar, CreateVideoFromAvatarScript};
use heygen_sdk::{Client, Error, RequestOptions};
use proptest::prelude::*;
use serde_json::{Value, json};
use support::{LocalServer, Path, Reply};

const CREATES: usize = 1000;
const SEED: u64 = 0x5EED_0012;
/// Share of create requests (first attempts and retries alike) that get a fault.
const FAULT_RATE: f64 = 0.3;
/// The client's per-attempt timeout; a slow answer takes 3 times as long.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);
const CONCURRENCY: usize = 100;
/// Calls one create may take (each with the SDK's own retries inside) before the test gives up.
const MAX_CALLS: u32 = 20;

fn avatar_video(sim: &Simulator, n: usize) -> CreateVideoFromAvatar {
    CreateVideoFromAvatar::try_from(
        CreateVideoFromAvatar::builder()
            .avatar_id(sim.avatar_id().expect("seeded avatars"))
            .script(CreateVideoFromAvatarScript::try_from(format!("Video number {n}.")).unwrap())
            .voice_id(sim.voice_id().expect("seeded voices")),
    )
    .expect("a complete request")
}

/// What one create went through.
struct Outcome {
    key: String,
    video_id: String,
    /// Each failed call, as `variant: detail`.
    failures: Vec<String>,
}

/// Creates with `key` until it succeeds, retrying each failure with the same key; fails the
/// test on an error that is untyped, says it cannot be retried, or does not carry the key.
async fn create_until_done(client: Client, sim: Arc<Simulator>, n: usize) -> Outcome {
    let key = format!("reliability-{n:04}");
    let videos = client
        .with_options(RequestOptions::new().idempotency_key(&key))
        .videos();
    let mut failures = Vec::new();
    for _ in 0..MAX_CALLS {
        match videos.create(avatar_video(&sim, n)).await {
            Ok(created) => {
                return Outcome {
                    key,
                    video_id: created.video_id,
                    failures,
                };
            }
            Err(error) => {
                assert_eq!(
                    error.idempotency_key(),
                    Some(key.as_str()),
                    "every failure carries its key: {error:?}"
                );
                assert_eq!(error.operation(), Some("createVideo"), "{error:?}");
                assert!(
                    error.is_retryable(),
                    "every injected fault is transient: {error:?}"
                );
                failures.push(variant(&error));
            }
        }
    }
    panic!("{key}: no success in {MAX_CALLS} calls: {failures:?}");
}

fn variant(error: &Error) -> String {
    match error {
        Error::Api(api) => format!("Api {} {}", api.status, api.code.as_deref().unwrap_or("")),
        Error::RateLimited(_) => "RateLimited".into(),
        Error::Timeout { .. } => "Timeout".into(),
        Error::Connection { .. } => "Connection".into(),
        Error::Decode { truncated, .. } => format!("Decode (truncated: {truncated})"),
        other => format!("{other:?}"),
    }
}

#[tokio::test(start_paused = true)]
async fn a_thousand_keyed_creates_under_random_faults_make_exactly_a_thousand_videos() {
    let sim = Arc::new(
        Simulator::builder()
            .timeline(Timeline::instant())
            .start()
            .await,
    );
    sim.inject_random(
        RandomFaults::new(SEED, FAULT_RATE)
            .faults(Fault::every_kind(ATTEMPT_TIMEOUT * 3))
            .method("POST")
            .path("/v3/videos"),
    );
    let client = sim
        .client_builder()
        .timeout(ATTEMPT_TIMEOUT)
        .build()
        .unwrap();
    let started = tokio::time::Instant::now();
    let limit = Arc::new(tokio::sync::Semaphore::new(CONCURRENCY));
    let tasks: Vec<_> = (0..CREATES)
        .map(|n| {
            let (client, sim, limit) = (client.clone(), sim.clone(), limit.clone());
            tokio::spawn(async move {
                let _permit = limit.acquire_owned().await.unwrap();
                create_until_done(client, sim, n).await
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    let mut panics = 0;
    for task in futures::future::join_all(tasks).await {
        match task {
            Ok(outcome) => outcomes.push(outcome),
            Err(error) if error.is_panic() => {
                panics += 1;
                eprintln!("{error}");
            }
            Err(error) => panic!("{error}"),
        }
    }
    let virtual_time = started.elapsed();
    sim.clear_faults();

    assert_eq!(panics, 0, "panics");
    assert_eq!(outcomes.len(), CREATES);
    let ids: HashSet<&str> = outcomes.iter().map(|o| o.video_id.as_str()).collect();
    assert_eq!(ids.len(), CREATES, "one video per key, none shared");
    assert_eq!(
        sim.count(ResourceKind::Video),
        CREATES,
        "exactly one video per create: no duplicate, none lost"
    );
    let keys: HashSet<&str> = outcomes.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(keys.len(), CREATES);
    for outcome in &outcomes {
        client.videos().get(&outcome.video_id).await.unwrap();
    }

    // The figures (README "Reliability"): printed with `--nocapture`.
    let journal = sim.requests();
    let creates: Vec<_> = journal
        .iter()
        .filter(|r| r.method == "POST" && r.path == "/v3/videos")
        .collect();
    let mut faults: BTreeMap<String, usize> = BTreeMap::new();
    for request in &creates {
        if let Some(fault) = &request.fault {
            let name = match fault {
                Fault::RateLimited { .. } => "RateLimited".to_string(),
                Fault::Slow(_) => "Slow".to_string(),
                other => format!("{other:?}"),
            };
            *faults.entry(name).or_default() += 1;
        }
    }
    let mut failures: BTreeMap<String, usize> = BTreeMap::new();
    for failure in outcomes.iter().flat_map(|o| &o.failures) {
        *failures.entry(failure.clone()).or_default() += 1;
    }
    let retried_by_caller = outcomes.iter().filter(|o| !o.failures.is_empty()).count();
    println!(
        "{CREATES} keyed creates, seed {SEED:#x}, fault rate {FAULT_RATE}: {} create requests, \
         {} faults injected {faults:?}; {} SDK errors surfaced {failures:?} on {retried_by_caller} \
         creates, each retried by the caller with its key; {} videos, {} duplicates, {panics} \
         panics; {virtual_time:?} of virtual time",
        creates.len(),
        faults.values().sum::<usize>(),
        failures.values().sum::<usize>(),
        sim.count(ResourceKind::Video),
        CREATES - ids.len(),
    );
    assert!(
        faults.len() >= 9,
        "every kind of fault was drawn: {faults:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_keyed_request_cancelled_mid_handler_does_not_leave_its_key_in_flight() {
    let sim = Simulator::builder()
        .timeline(Timeline::instant())
        .start()
        .await;
    // The first create is handled only after a minute; the client gives up after a second and
    // closes the connection, which cancels the handler before it did anything.
    sim.inject(FaultRule::new(Fault::Slow(Duration::from_secs(60))).method("POST"));
    let impatient = sim
        .client_builder()
        .timeout(Duration::from_secs(1))
        .max_retries(0)
        .build()
        .unwrap()
        .with_options(RequestOptions::new().idempotency_key("cancelled-once"));
    let err = impatient
        .videos()
        .create(avatar_video(&sim, 1))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(err.idempotency_key(), Some("cancelled-once"));
    tokio::time::sleep(Duration::from_millis(10)).await; // let the server see the close
    // Same key, at once: not `409 request_in_progress` (for good), but the create.
    let created = impatient
        .videos()
        .create(avatar_video(&sim, 1))
        .await
        .unwrap();
    assert_eq!(sim.count(ResourceKind::Video), 1);
    let statuses: Vec<_> = sim.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses.last(), Some(&Some(200)), "{statuses:?}");
    // And replays from then on.
    let again = impatient
        .videos()
        .create(avatar_video(&sim, 1))
        .await
        .unwrap();
    assert_eq!(again.video_id, created.video_id);
    assert_eq!(sim.count(ResourceKind::Video), 1);
}

// ---- fuzzing: no input from the server panics the client ----

/// One runtime, one in-runtime server and one client for every case: the server answers from
/// a script the case sets.
struct Harness {
    runtime: tokio::runtime::Runtime,
    client: Client,
    script: Arc<Mutex<Vec<Reply>>>,
}

impl Harness {
    fn new() -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap();
        let script: Arc<Mutex<Vec<Reply>>> = Arc::default();
        let (client, _) = runtime.block_on(async {
            let server = LocalServer::start().await;
            let replies = script.clone();
            server.route(None, Path::Any, move |_| {
                let mut replies = replies.lock().unwrap();
                if replies.is_empty() {
                    Reply::json(200, &json!({"data": [], "has_more": false}))
                } else {
                    replies.remove(0)
                }
            });
            let client = Client::builder()
                .api_key("k")
                .base_url(server.uri())
                .max_response_bytes(256 * 1024)
                .http_client(
                    heygen_sdk::http_client_builder()
                        .expect("http client builder")
                        .pool_idle_timeout(None)
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap();
            (client, server)
        });
        Self {
            runtime,
            client,
            script,
        }
    }

    fn serve(&self, replies: Vec<Reply>) {
        *self.script.lock().unwrap() = replies;
    }
}

fn harness() -> &'static Harness {
    static HARNESS: std::sync::OnceLock<Harness> = std::sync::OnceLock::new();
    HARNESS.get_or_init(Harness::new)
}

/// Text that may or may not be a number of seconds or a date.
fn retry_after_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,40}",
        "-?[0-9]{0,30}\\.?[0-9]{0,30}([eE][-+]?[0-9]{1,4})?",
        "(inf|-inf|NaN|infinity|1e308|1e309|18446744073709551616)",
        "[A-Za-z]{3}, [0-9]{2} [A-Za-z]{3} [0-9]{4,6} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT",
        "[ -~]{0,40}",
    ]
}

/// Any JSON value, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        "[ -~]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// An error body: the API's shape with odd members, another JSON value, or bytes.
fn error_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        (json_value(), json_value(), json_value()).prop_map(|(code, message, param)| {
            json!({"error": {"code": code, "message": message, "param": param}})
                .to_string()
                .into_bytes()
        }),
        json_value().prop_map(|v| v.to_string().into_bytes()),
        prop::collection::vec(any::<u8>(), 0..2048),
        (1usize..200_000).prop_map(|n| vec![b'{'; n]),
    ]
}

/// A cursor envelope with any `has_more`, `next_token` and `data`, each possibly missing.
fn envelope() -> impl Strategy<Value = Value> {
    let item = (0u8..4).prop_map(|n| json!({"id": format!("v{n}"), "status": "completed"}));
    let data = prop_oneof![
        4 => prop::collection::vec(item, 0..4).prop_map(Value::Array),
        1 => json_value(),
    ];
    let has_more = prop_oneof![
        Just(None),
        any::<bool>().prop_map(|b| Some(json!(b))),
        json_value().prop_map(Some)
    ];
    let token = prop_oneof![
        Just(None),
        Just(Some(Value::Null)),
        Just(Some(json!(""))),
        (0u8..6).prop_map(|n| Some(json!(format!("t{n}")))),
        json_value().prop_map(Some),
    ];
    (data, has_more, token).prop_map(|(data, has_more, token)| {
        let mut envelope = serde_json::Map::new();
        envelope.insert("data".into(), data);
        if let Some(has_more) = has_more {
            envelope.insert("has_more".into(), has_more);
        }
        if let Some(token) = token {
            envelope.insert("next_token".into(), token);
        }
        Value::Object(envelope)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn retry_after_never_panics(text in retry_after_text()) {
        let _ = heygen_sdk::retry::parse_retry_after(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_429_with_any_retry_after_ends_in_a_typed_outcome(text in retry_after_text()) {
        let h = harness();
        h.serve(vec![
            Reply::json(429, &json!({"error": {"code": "rate_limit_exceeded", "message": "slow"}}))
                .header("retry-after", &text),
            Reply::json(200, &json!({"data": {"id": "v1", "status": "completed"}})),
        ]);
        match h.runtime.block_on(h.client.videos().get("v1")) {
            Ok(video) => prop_assert_eq!(video.id, "v1"),
            Err(Error::RateLimited(api)) => prop_assert_eq!(api.status, 429),
            Err(other) => prop_assert!(false, "{other:?}"),
        }
    }

    #[test]
    fn any_error_body_is_a_bounded_api_error(status in 400u16..600, body in error_body()) {
        let h = harness();
        h.serve(vec![Reply::raw(status, body.clone()); 3]);
        let client = h.client.with_options(RequestOptions::new().max_retries(0));
        let error = h.runtime.block_on(client.videos().get("v1")).unwrap_err();
        let api = error.api().expect("an API error");
        prop_assert_eq!(api.status, status);
        prop_assert!(api.message.len() <= 64 * 1024, "{} bytes", api.message.len());
    }

    #[test]
    fn any_pagination_envelopes_end_without_panic(pages in prop::collection::vec(envelope(), 1..8)) {
        let h = harness();
        h.serve(pages.iter().map(|page| Reply::json(200, page)).collect());
        let results: Vec<_> = h.runtime.block_on(
            h.client.videos().list().items().take(200).collect::<Vec<_>>(),
        );
        // The script holds at most 7 pages, then empty last pages: the listing always ends,
        // with at most one error, last.
        prop_assert!(results.len() < 200);
        let errors = results.iter().filter(|r| r.is_err()).count();
        prop_assert!(errors <= 1);
        if errors == 1 {
            prop_assert!(results.last().unwrap().is_err());
        }
    }
}

#[tokio::test(start_paused = true)]
async fn an_upload_rides_the_same_retry_loop_with_its_key() {
    let sim = Simulator::start().await;
    // The first upload is stored, then its answer lost: the retry must not store it again.
    sim.inject(
        FaultRule::new(Fault::DropConnection)
            .method("POST")
            .path("/v3/assets"),
    );
    let client = sim
        .client()
        .with_options(RequestOptions::new().idempotency_key("upload-1"));
    let first = client
        .assets()
        .upload_bytes("logo.png", None, vec![0x89, b'P', b'N', b'G'])
        .await
        .unwrap();
    let uploads: Vec<_> = sim
        .requests()
        .into_iter()
        .filter(|r| r.path == "/v3/assets")
        .collect();
    assert_eq!(uploads.len(), 2, "sent again after the lost answer");
    assert!(
        uploads
            .iter()
            .all(|r| r.header("idempotency-key") == Some("upload-1"))
    );
    assert_eq!(uploads[1].status, Some(200));
    let again = client
        .assets()
        .upload_bytes("logo.png", None, vec![0x89, b'P', b'N', b'G'])
        .await
        .unwrap();
    assert_eq!(again.asset_id, first.asset_id, "replayed, not stored twice");
}
