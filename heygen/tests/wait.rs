//! Waiters against a scripted server on a paused clock: the poll intervals are virtual,
//! measured with tokio's clock through the progress callback. The server runs on the test's
//! runtime (see `support`), since a wait arms a timer at its deadline.
#![cfg(feature = "testing")]

mod support;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use heygen_sdk::resources::video_agents::SessionOutcome;
use heygen_sdk::types::{CreateVideoFromAvatar, CreateVideoV3RequestBody, VideoDetail};
use heygen_sdk::wait::{DEADLINE_GRACE, MIN_POLL_INTERVAL, Progress, WaitOptions, last_seen};
use heygen_sdk::{Client, Error};
use serde_json::{Value, json};
use support::{LocalServer, Path, Reply, always, sequence};

/// A client on the server with no reqwest timers (no request timeout, no idle-pool reaper), so
/// only the waits move the paused clock.
fn client(server: &LocalServer) -> Client {
    let http = heygen_sdk::http_client_builder()
        .unwrap()
        .pool_idle_timeout(None)
        .build()
        .unwrap();
    Client::builder()
        .api_key("sk_test")
        .base_url(server.uri())
        .http_client(http)
        .build()
        .unwrap()
}

fn video(id: &str, status: &str) -> Value {
    json!({"data": {"id": id, "status": status}})
}

fn exact(path: &str) -> Path {
    Path::Exact(path.to_string())
}

fn create_request() -> CreateVideoV3RequestBody {
    let request: CreateVideoFromAvatar = CreateVideoFromAvatar::builder()
        .avatar_id("a".to_string())
        .script(Some("Hi".parse().unwrap()))
        .voice_id("v".to_string())
        .try_into()
        .unwrap();
    CreateVideoV3RequestBody::Avatar(request)
}

/// Options that record every progress report.
fn recording(options: WaitOptions) -> (WaitOptions, Arc<Mutex<Vec<Progress>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    (
        options.on_progress(move |p| sink.lock().unwrap().push(p.clone())),
        seen,
    )
}

fn gaps(reports: &[Progress]) -> Vec<f64> {
    reports
        .windows(2)
        .map(|w| (w[1].elapsed - w[0].elapsed).as_secs_f64())
        .collect()
}

#[tokio::test(start_paused = true)]
async fn pending_processing_completed_takes_three_polls_with_intervals_within_bounds() {
    let server = LocalServer::start().await;
    let mut body = video("v1", "completed");
    body["data"]["video_url"] = json!("https://files.example/v1.mp4");
    server.route(
        Some("GET"),
        exact("/v3/videos/v1"),
        sequence(vec![
            video("v1", "pending"),
            video("v1", "processing"),
            body,
        ]),
    );
    let (options, seen) = recording(WaitOptions::new()); // 0 s, then 2 s ×1.5, 20 % jitter
    let done = client(&server)
        .videos()
        .wait_with("v1", &options)
        .await
        .unwrap();
    assert_eq!(
        done.video_url.as_deref(),
        Some("https://files.example/v1.mp4")
    );
    assert_eq!(server.requests().len(), 3);
    let reports = seen.lock().unwrap().clone();
    let statuses: Vec<&str> = reports.iter().map(|p| p.status.as_str()).collect();
    assert_eq!(statuses, ["pending", "processing", "completed"]);
    assert_eq!(
        reports.iter().map(|p| p.polls).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert!(
        reports
            .iter()
            .all(|p| p.changed && p.recognized && p.kind == "video" && p.id == "v1")
    );
    assert!(
        reports[0].elapsed < Duration::from_millis(50),
        "first poll at once: {:?}",
        reports[0].elapsed
    );
    let gaps = gaps(&reports);
    assert!(
        (1.6..=2.05).contains(&gaps[0]),
        "first interval 2 s minus ≤20 %: {gaps:?}"
    );
    assert!(
        (2.4..=3.05).contains(&gaps[1]),
        "second interval 3 s minus ≤20 %: {gaps:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn backoff_grows_to_the_cap_and_stays_within_bounds() {
    let options = WaitOptions::new()
        .min_delay(Duration::from_secs(1))
        .max_delay(Duration::from_secs(10))
        .multiplier(2.0);
    let bases: Vec<u64> = (1..=7)
        .map(|n| options.base_interval(n).as_secs())
        .collect();
    assert_eq!(bases, [1, 2, 4, 8, 10, 10, 10]);

    let server = LocalServer::start().await;
    let mut bodies = vec![video("v1", "processing"); 7];
    bodies.push(video("v1", "completed"));
    server.route(Some("GET"), Path::Any, sequence(bodies));
    let (options, seen) = recording(options.jitter(0.5));
    client(&server)
        .videos()
        .wait_with("v1", &options)
        .await
        .unwrap();
    let reports = seen.lock().unwrap().clone();
    assert_eq!(reports.len(), 8);
    for (n, gap) in gaps(&reports).into_iter().enumerate() {
        let base = bases[n] as f64;
        assert!(
            gap >= base * 0.5 && gap <= base + 0.05,
            "interval {n}: {gap} not in [{}, {base}]",
            base * 0.5
        );
    }
    assert!(!reports[1].changed && reports[7].changed);
}

#[tokio::test(start_paused = true)]
async fn no_settings_poll_faster_than_the_floor_and_none_panic() {
    let server = LocalServer::start().await;
    let mut bodies = vec![video("v1", "processing"); 4];
    bodies.push(video("v1", "completed"));
    server.route(Some("GET"), Path::Any, sequence(bodies));
    let (options, seen) = recording(
        WaitOptions::new()
            .min_delay(Duration::ZERO)
            .jitter(1.0)
            .multiplier(f64::NAN)
            .timeout(Duration::MAX),
    );
    client(&server)
        .videos()
        .wait_with("v1", &options)
        .await
        .unwrap();
    let reports = seen.lock().unwrap().clone();
    assert_eq!(reports.len(), 5);
    for gap in gaps(&reports) {
        assert!(
            gap >= MIN_POLL_INTERVAL.as_secs_f64(),
            "{gap} s between polls"
        );
    }
    let extreme = WaitOptions::new()
        .min_delay(Duration::from_secs(u64::MAX / 2))
        .max_delay(Duration::MAX)
        .multiplier(1e300);
    for poll in [1, 2, 10, 1000, u32::MAX] {
        assert!(extreme.base_interval(poll) >= Duration::from_secs(u64::MAX / 2));
    }
}

#[tokio::test(start_paused = true)]
async fn initial_delay_comes_before_the_first_poll() {
    let server = LocalServer::start().await;
    server.route(Some("GET"), Path::Any, always(video("v1", "completed")));
    let (options, seen) = recording(
        WaitOptions::new()
            .initial_delay(Duration::from_secs(5))
            .jitter(0.0),
    );
    client(&server)
        .videos()
        .wait_with("v1", &options)
        .await
        .unwrap();
    let first = seen.lock().unwrap()[0].elapsed;
    assert!(
        first >= Duration::from_secs(5) && first < Duration::from_millis(5050),
        "{first:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn failed_is_a_typed_failure_with_code_and_message() {
    let server = LocalServer::start().await;
    let mut failed = video("v1", "failed");
    failed["data"]["failure_code"] = json!("AVATAR_NOT_FOUND");
    failed["data"]["failure_message"] = json!("The avatar does not exist.");
    server.route(
        Some("GET"),
        Path::Any,
        sequence(vec![video("v1", "processing"), failed]),
    );
    let err = client(&server)
        .videos()
        .wait_with("v1", &WaitOptions::new())
        .await
        .unwrap_err();
    assert_eq!(server.requests().len(), 2);
    let Error::JobFailed {
        kind,
        id,
        code,
        message,
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(
        (*kind, id.as_str(), code.as_deref(), message.as_deref()),
        (
            "video",
            "v1",
            Some("AVATAR_NOT_FOUND"),
            Some("The avatar does not exist.")
        )
    );
    assert!(err.to_string().contains("AVATAR_NOT_FOUND"), "{err}");
    assert_eq!(err.job_ids(), ["v1"]);
}

#[tokio::test(start_paused = true)]
async fn the_deadline_is_a_typed_timeout_with_the_last_status_after_a_final_poll_at_the_deadline() {
    let server = LocalServer::start().await;
    let mut body = video("v1", "processing");
    body["data"]["title"] = json!("Quarterly update");
    server.route(Some("GET"), Path::Any, always(body));
    let (options, seen) = recording(WaitOptions::new().timeout(Duration::from_secs(10)));
    let started = tokio::time::Instant::now();
    let err = client(&server)
        .videos()
        .wait_with("v1", &options)
        .await
        .unwrap_err();
    let waited = started.elapsed();
    let Error::WaitTimeout {
        kind,
        id,
        last_status,
        elapsed,
        polls,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(
        (*kind, id.as_str(), last_status.as_str()),
        ("video", "v1", "processing")
    );
    assert!(
        *elapsed >= Duration::from_secs(10) && *elapsed < Duration::from_millis(10_050),
        "{elapsed:?}"
    );
    assert!(
        waited < Duration::from_millis(10_050),
        "no sleep past the deadline: {waited:?}"
    );
    let reports = seen.lock().unwrap().clone();
    assert_eq!(*polls as usize, reports.len());
    assert!(
        (4..=5).contains(polls),
        "polls at ~0, 2, 5, 9.5 (jittered) and 10: {polls}"
    );
    let last = reports.last().unwrap().elapsed;
    assert!(
        last >= Duration::from_secs(10),
        "the final poll happens at the deadline: {last:?}"
    );
    let video: VideoDetail = last_seen(&err).expect("the last resource");
    assert_eq!(video.title.as_deref(), Some("Quarterly update"));
    assert_eq!(server.requests().len(), *polls as usize);
}

#[tokio::test(start_paused = true)]
async fn the_deadline_also_cuts_short_a_poll_in_flight() {
    // The simulator answers after an hour: the poll is still in flight at the deadline.
    let sim = heygen_sdk::testing::Simulator::start().await;
    let client = sim.client();
    sim.latency(Duration::from_secs(3600));
    let started = tokio::time::Instant::now();
    let err = client
        .videos()
        .wait_with("v1", &WaitOptions::new().timeout(Duration::from_secs(10)))
        .await
        .unwrap_err();
    let waited = started.elapsed();
    assert!(
        matches!(&err, Error::WaitTimeout { id, polls: 0, last_status, .. } if id == "v1" && last_status == "unknown"),
        "{err:?}"
    );
    let bound = Duration::from_secs(10) + DEADLINE_GRACE;
    assert!(
        waited >= bound && waited < bound + Duration::from_millis(50),
        "ended {waited:?} after the start, not when the answer came"
    );
}

#[tokio::test(start_paused = true)]
async fn an_unknown_status_keeps_waiting_and_is_reported() {
    let server = LocalServer::start().await;
    server.route(
        Some("GET"),
        Path::Any,
        sequence(vec![
            video("v1", "pending"),
            video("v1", "thinking"),
            video("v1", "thinking"),
            video("v1", "completed"),
        ]),
    );
    let (options, seen) = recording(WaitOptions::new());
    let done = client(&server)
        .videos()
        .wait_with("v1", &options)
        .await
        .unwrap();
    assert_eq!(done.status.as_str(), "completed");
    assert_eq!(server.requests().len(), 4);
    let reports = seen.lock().unwrap().clone();
    let thinking: Vec<(bool, bool)> = reports
        .iter()
        .filter(|p| p.status == "thinking")
        .map(|p| (p.recognized, p.changed))
        .collect();
    assert_eq!(thinking, [(false, true), (false, false)]);
}

#[tokio::test(start_paused = true)]
async fn pending_consent_ends_the_wait_with_consent_required() {
    let server = LocalServer::start().await;
    let group = |status: &str| json!({"data": {"id": "g1", "name": "Me", "created_at": 1, "looks_count": 1, "status": status}});
    server.route(
        Some("GET"),
        exact("/v3/avatars/g1"),
        sequence(vec![group("processing"), group("pending_consent")]),
    );
    let err = client(&server)
        .avatars()
        .wait_with("g1", &WaitOptions::new())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::ConsentRequired { id } if id == "g1"),
        "{err:?}"
    );
    assert_eq!(server.requests().len(), 2);

    let look = json!({"data": {"id": "l1", "name": "Look", "avatar_type": "digital_twin", "status": "pending_consent",
        "supported_api_engines": [], "tags": []}});
    server.route(Some("GET"), exact("/v3/avatars/looks/l1"), always(look));
    let err = client(&server)
        .avatars()
        .wait_look_with("l1", &WaitOptions::new())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::ConsentRequired { id } if id == "l1"),
        "{err:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_failed_avatar_carries_its_error() {
    let server = LocalServer::start().await;
    let body = json!({"data": {"id": "g1", "name": "Me", "created_at": 1, "looks_count": 0, "status": "failed",
        "error": {"code": "face_not_detected", "message": "No face in the footage."}}});
    server.route(Some("GET"), Path::Any, always(body));
    let err = client(&server).avatars().wait("g1").await.unwrap_err();
    assert!(
        matches!(&err, Error::JobFailed { kind: "avatar_group", code: Some(c), .. } if c == "face_not_detected"),
        "{err:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_404_on_the_polled_id_is_a_wait_error_naming_it_not_an_endless_wait() {
    let server = LocalServer::start().await;
    server.route(Some("GET"), Path::Any, |_| {
        Reply::json(
            404,
            &json!({"error": {"code": "not_found", "message": "Video not found"}}),
        )
    });
    let err = client(&server).videos().wait("nope").await.unwrap_err();
    assert_eq!(server.requests().len(), 1);
    assert_eq!((err.status(), err.code()), (Some(404), Some("not_found")));
    assert!(
        matches!(&err, Error::Wait { kind: "video", ids, source } if ids == &["nope"] && matches!(**source, Error::Api(_))),
        "{err:?}"
    );
    assert_eq!(err.job_ids(), ["nope"]);
    assert!(err.to_string().contains("nope"), "{err}");
}

#[tokio::test(start_paused = true)]
async fn transient_errors_while_polling_do_not_end_the_wait() {
    let server = LocalServer::start().await;
    // Seven 503s: more than one GET's retries (2), so two polls fail outright, and the wait
    // goes on polling until the job answers.
    server.route_times(Some("GET"), Path::Any, 7, |_| Reply::raw(503, "busy"));
    server.route(Some("GET"), Path::Any, always(video("v1", "completed")));
    let (options, seen) = recording(WaitOptions::new());
    let done = client(&server)
        .videos()
        .wait_with("v1", &options)
        .await
        .unwrap();
    assert_eq!(done.id, "v1");
    assert_eq!(server.requests().len(), 8);
    let reports = seen.lock().unwrap().clone();
    assert_eq!(reports.len(), 1, "only answered polls are reported");
    assert_eq!(reports[0].polls, 3, "two failed polls, then the answer");
}

#[tokio::test(start_paused = true)]
async fn retryable_errors_until_the_deadline_end_in_a_wait_timeout() {
    let server = LocalServer::start().await;
    server.route(Some("GET"), Path::Any, |_| {
        Reply::raw(502, "<html>bad gateway</html>")
    });
    let err = client(&server)
        .videos()
        .wait_with("v1", &WaitOptions::new().timeout(Duration::from_secs(30)))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::WaitTimeout { id, last_status, .. } if id == "v1" && last_status == "unknown"),
        "{err:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn dropping_the_wait_cancels_it() {
    let server = LocalServer::start().await;
    server.route(Some("GET"), Path::Any, always(video("v1", "processing")));
    let client = client(&server);
    let options = WaitOptions::new();
    let outcome = tokio::time::timeout(
        Duration::from_secs(5),
        client.videos().wait_with("v1", &options),
    )
    .await;
    assert!(outcome.is_err(), "still waiting after 5 s");
    let sent = server.requests().len();
    tokio::time::sleep(Duration::from_secs(120)).await;
    assert_eq!(server.requests().len(), sent, "no poll after the drop");
}

#[tokio::test(start_paused = true)]
async fn create_and_wait_creates_then_polls() {
    let server = LocalServer::start().await;
    server.route(
        Some("POST"),
        exact("/v3/videos"),
        always(json!({"data": {"video_id": "v7", "status": "waiting"}})),
    );
    server.route(
        Some("GET"),
        exact("/v3/videos/v7"),
        sequence(vec![video("v7", "waiting"), video("v7", "completed")]),
    );
    let video = client(&server)
        .videos()
        .create_and_wait_with(create_request(), &WaitOptions::new())
        .await
        .unwrap();
    assert_eq!(video.id, "v7");
    let methods: Vec<String> = server.requests().into_iter().map(|r| r.method).collect();
    assert_eq!(methods, ["POST", "GET", "GET"]);
}

#[tokio::test(start_paused = true)]
async fn create_and_wait_errors_after_the_create_name_the_new_job() {
    let server = LocalServer::start().await;
    server.route(
        Some("POST"),
        exact("/v3/videos"),
        always(json!({"data": {"video_id": "v8", "status": "waiting"}})),
    );
    server.route(Some("GET"), Path::Any, |_| {
        Reply::json(
            401,
            &json!({"error": {"code": "authentication_failed", "message": "revoked"}}),
        )
    });
    let err = client(&server)
        .videos()
        .create_and_wait_with(create_request(), &WaitOptions::new())
        .await
        .unwrap_err();
    assert_eq!(err.job_ids(), ["v8"], "{err:?}");
    assert_eq!(err.code(), Some("authentication_failed"));
    assert!(!err.is_retryable());
    assert!(err.to_string().contains("v8"), "{err}");
}

#[tokio::test(start_paused = true)]
async fn video_agent_waits_for_the_session_then_its_video_with_progress() {
    let server = LocalServer::start().await;
    let session = |status: &str, progress: i64, video_id: Value| json!({"data": {"session_id": "s1", "status": status, "progress": progress, "created_at": 1, "messages": [], "video_id": video_id}});
    server.route(
        Some("GET"),
        exact("/v3/video-agents/s1"),
        sequence(vec![
            session("thinking", 10, Value::Null),
            session("generating", 60, Value::Null),
            session("completed", 100, json!("v9")),
        ]),
    );
    server.route(
        Some("GET"),
        exact("/v3/videos/v9"),
        sequence(vec![video("v9", "processing"), video("v9", "completed")]),
    );
    let (options, seen) = recording(WaitOptions::new());
    let video = client(&server)
        .video_agents()
        .wait_video("s1", &options)
        .await
        .unwrap();
    assert_eq!(video.id, "v9");
    let reports = seen.lock().unwrap().clone();
    let trail: Vec<(&str, &str, Option<f64>)> = reports
        .iter()
        .map(|p| (p.kind, p.status.as_str(), p.progress))
        .collect();
    assert_eq!(
        trail,
        [
            ("video_agent_session", "thinking", Some(10.0)),
            ("video_agent_session", "generating", Some(60.0)),
            ("video_agent_session", "completed", Some(100.0)),
            ("video", "processing", None),
            ("video", "completed", None),
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn a_session_waiting_for_input_ends_the_wait_with_a_typed_outcome_never_spinning() {
    let server = LocalServer::start().await;
    let session = |id: &str, status: &str| {
        json!({"data": {"session_id": id, "status": status, "progress": 20, "created_at": 1, "video_id": null, "messages": [
        {"role": "user", "content": "A teaser", "type": "text"},
        {"role": "assistant", "content": "Shall I go ahead with this plan?", "type": "text"}]}})
    };
    for id in ["s1", "s2"] {
        server.route(
            Some("GET"),
            exact(&format!("/v3/video-agents/{id}")),
            sequence(vec![
                session(id, "thinking"),
                session(id, "waiting_for_input"),
            ]),
        );
    }
    let agents = client(&server).video_agents();
    let long = WaitOptions::new().no_timeout();
    match agents.wait_session("s1", &long).await.unwrap() {
        SessionOutcome::WaitingForInput(session) => assert_eq!(
            session.messages.last().map(|m| m.content.as_str()),
            Some("Shall I go ahead with this plan?")
        ),
        other => panic!("{other:?}"),
    }
    let err = agents.wait_video("s2", &long).await.unwrap_err();
    assert!(
        matches!(&err, Error::InputRequired { id, question: Some(q) } if id == "s2" && q.starts_with("Shall I")),
        "{err:?}"
    );
    assert!(err.to_string().contains("send_message"), "{err}");
    // Two polls each: `thinking`, then `waiting_for_input` ends the wait.
    assert_eq!(server.requests().len(), 4);
}

#[tokio::test(start_paused = true)]
async fn a_completed_session_is_the_completed_outcome() {
    let server = LocalServer::start().await;
    server.route(
        Some("GET"),
        exact("/v3/video-agents/s1"),
        always(json!({"data": {"session_id": "s1", "status": "completed", "progress": 100, "created_at": 1, "video_id": "v1", "messages": []}})),
    );
    let outcome = client(&server)
        .video_agents()
        .wait_session("s1", &WaitOptions::new())
        .await
        .unwrap();
    assert!(
        matches!(&outcome, SessionOutcome::Completed(_)),
        "{outcome:?}"
    );
    assert_eq!(outcome.into_session().video_id.as_deref(), Some("v1"));
}

#[tokio::test(start_paused = true)]
async fn translations_lipsyncs_proofreads_and_workflows_wait_too() {
    let server = LocalServer::start().await;
    server.route(
        Some("POST"),
        exact("/v3/video-translations"),
        always(json!({"data": {"video_translation_ids": ["t1", "t2"]}})),
    );
    for id in ["t1", "t2"] {
        server.route(
            Some("GET"),
            exact(&format!("/v3/video-translations/{id}")),
            sequence(vec![
                json!({"data": {"id": id, "status": "running"}}),
                json!({"data": {"id": id, "status": "completed"}}),
            ]),
        );
    }
    let request = || {
        heygen_sdk::types::CreateVideoTranslationRequest::builder()
            .video(heygen_sdk::types::AssetReference::url(
                "https://example.com/v.mp4",
            ))
            .output_languages(vec!["fr".to_string(), "de".to_string()])
    };
    let done = client(&server)
        .video_translations()
        .create_and_wait_with(request(), &WaitOptions::new())
        .await
        .unwrap();
    assert_eq!(
        done.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        ["t1", "t2"]
    );

    server.route(
        Some("GET"),
        exact("/v3/lipsyncs/l1"),
        always(json!({"data": {"id": "l1", "status": "failed", "failure_message": "bad audio"}})),
    );
    let err = client(&server).lipsyncs().wait("l1").await.unwrap_err();
    assert!(
        matches!(&err, Error::JobFailed { kind: "lipsync", message: Some(m), .. } if m == "bad audio"),
        "{err:?}"
    );

    server.route(
        Some("GET"),
        exact("/v3/video-translations/proofreads/p1"),
        always(json!({"data": {"id": "p1", "status": "completed"}})),
    );
    assert_eq!(
        client(&server)
            .video_translations()
            .wait_proofread("p1")
            .await
            .unwrap()
            .id,
        "p1"
    );

    server.route(
        Some("GET"),
        exact("/v1/workflows/executions/e1"),
        sequence(vec![
            json!({"data": {"execution_id": "e1", "status": "submitted"}}),
            json!({"data": {"execution_id": "e1", "status": "completed", "output": {"url": "https://files.example/o.mp4"}}}),
        ]),
    );
    let done = client(&server)
        .wait_for_workflow_execution("e1", &WaitOptions::new())
        .await
        .unwrap();
    assert_eq!(done.output.unwrap()["url"], "https://files.example/o.mp4");

    server.route(
        Some("GET"),
        exact("/v1/workflows/executions/e404"),
        always(json!({"data": {"execution_id": "e404", "status": "not_found"}})),
    );
    let err = client(&server)
        .wait_for_workflow_execution("e404", &WaitOptions::new())
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "workflow_execution e404 failed (not_found): no workflow execution e404"
    );
    let before = server.requests().len();
    let err = client(&server)
        .wait_for_workflow_execution("..", &WaitOptions::new())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Wait { source, .. } if matches!(**source, Error::InvalidRequest { .. })),
        "{err:?}"
    );
    assert_eq!(server.requests().len(), before, "nothing sent for `..`");
}

#[tokio::test(start_paused = true)]
async fn one_failed_translation_ends_the_wait_naming_every_translation_created() {
    let server = LocalServer::start().await;
    server.route(
        Some("POST"),
        exact("/v3/video-translations"),
        always(json!({"data": {"video_translation_ids": ["t1", "t2"]}})),
    );
    server.route(
        Some("GET"),
        exact("/v3/video-translations/t1"),
        always(json!({"data": {"id": "t1", "status": "running"}})),
    );
    server.route(
        Some("GET"),
        exact("/v3/video-translations/t2"),
        always(json!({"data": {"id": "t2", "status": "failed", "failure_message": "no speech"}})),
    );
    let request = heygen_sdk::types::CreateVideoTranslationRequest::builder()
        .video(heygen_sdk::types::AssetReference::url(
            "https://example.com/v.mp4",
        ))
        .output_languages(vec!["fr".to_string(), "de".to_string()]);
    let err = client(&server)
        .video_translations()
        .create_and_wait_with(request, &WaitOptions::new())
        .await
        .unwrap_err();
    assert_eq!(err.job_ids(), ["t1", "t2"], "{err:?}");
    assert!(
        matches!(&err, Error::Wait { source, .. } if matches!(&**source, Error::JobFailed { id, .. } if id == "t2")),
        "{err:?}"
    );
}

/// Per-job scripts: each id answers pending, processing, completed; the very first request of
/// all is a 429 with `Retry-After: 1`.
fn jobs() -> impl Fn(&support::Seen) -> Reply + Send + Sync + 'static {
    let polls: Mutex<HashMap<String, usize>> = Mutex::default();
    let total = AtomicUsize::new(0);
    move |request| {
        if total.fetch_add(1, Ordering::SeqCst) == 0 {
            return Reply::json(
                429,
                &json!({"error": {"code": "rate_limit_exceeded", "message": "slow down"}}),
            )
            .header("retry-after", "1");
        }
        let id = request.path.rsplit('/').next().unwrap().to_string();
        let mut polls = polls.lock().unwrap();
        let n = polls.entry(id.clone()).or_default();
        *n += 1;
        let status = ["pending", "processing", "completed"][(*n - 1).min(2)];
        Reply::json(200, &video(&id, status))
    }
}

#[tokio::test(start_paused = true)]
async fn a_thousand_concurrent_waits_send_at_most_one_get_per_job_per_interval() {
    const JOBS: usize = 1000;
    const POLLS_NEEDED: usize = 3;
    let server = LocalServer::start().await;
    server.route(Some("GET"), Path::Prefix("/v3/videos/".into()), jobs());
    let client = client(&server);
    let (options, seen) = recording(WaitOptions::new().initial_delay(Duration::from_secs(2)));
    let ids: Vec<String> = (0..JOBS).map(|n| format!("video_{n}")).collect();
    let videos = client.videos();
    let waits = ids.iter().map(|id| videos.wait_with(id, &options));
    let done = futures::future::try_join_all(waits).await.unwrap();
    assert_eq!(done.len(), JOBS);
    assert!(done.iter().all(|v| v.status.as_str() == "completed"));

    let requests = server.requests();
    assert!(
        requests.len() <= JOBS * (POLLS_NEEDED + 1),
        "{} requests for {JOBS} jobs",
        requests.len()
    );
    assert_eq!(
        requests.len(),
        JOBS * POLLS_NEEDED + 1,
        "three polls per job plus the one 429"
    );

    // Per job: polls spaced by at least the jittered interval, never two in one interval.
    let reports = seen.lock().unwrap().clone();
    let mut by_job: HashMap<&str, Vec<Progress>> = HashMap::new();
    for report in &reports {
        by_job
            .entry(report.id.as_str())
            .or_default()
            .push(report.clone());
    }
    assert_eq!(by_job.len(), JOBS);
    for (id, job) in &by_job {
        assert_eq!(job.len(), POLLS_NEEDED, "{id}");
        for (n, gap) in gaps(job).into_iter().enumerate() {
            let floor = options.base_interval(n as u32 + 1).as_secs_f64() * 0.8;
            assert!(
                gap >= floor,
                "{id}: interval {n} of {gap} s is under {floor} s"
            );
        }
    }
    // The 429's Retry-After paused every job: the first polls all land when the pause ends.
    // Jitter then spreads the next round over 80–100 % of the 2 s interval, not one instant.
    let mut seconds: Vec<Duration> = by_job.values().map(|job| job[1].elapsed).collect();
    seconds.sort();
    assert!(
        seconds[JOBS - 1] - seconds[0] >= Duration::from_millis(200),
        "{:?}..{:?}",
        seconds[0],
        seconds[JOBS - 1]
    );
    let mut firsts: Vec<Duration> = by_job.values().map(|job| job[0].elapsed).collect();
    firsts.sort();
    assert!(
        firsts[0] >= Duration::from_millis(1600),
        "nothing before the jittered initial delay: {:?}",
        firsts[0]
    );
}
