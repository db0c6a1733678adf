//! `wait_many` on the simulator, on tokio's paused clock: one bulk statuses GET per interval for
//! every 100 running ids, one GET per finished job, failed jobs as items, unknown statuses as
//! running, one deadline for the set, and per-job polling when the statuses endpoint fails.
#![cfg(feature = "testing")]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt as _;
use heygen_sdk::testing::{Fault, FaultRule, RecordedRequest, ResourceKind, Simulator, Timeline};
use heygen_sdk::types::{
    CreateVideoBatchRequest, CreateVideoFromAvatar, CreateVideoV3RequestBody, VideoDetail,
};
use heygen_sdk::wait::many::MAX_IDS_PER_REQUEST;
use heygen_sdk::wait::{Progress, WaitOptions};
use heygen_sdk::{Client, Error};

fn video(sim: &Simulator, title: &str) -> CreateVideoV3RequestBody {
    CreateVideoV3RequestBody::try_from(
        CreateVideoFromAvatar::builder()
            .avatar_id(sim.avatar_id().expect("seeded avatars"))
            .voice_id(sim.voice_id().expect("seeded voices"))
            .script("Hello from a batch.")
            .title(title),
    )
    .expect("a complete request")
}

/// `n` videos created through batches of 100, one batch every `every` (so they finish at
/// different times); their ids in order.
async fn videos(sim: &Simulator, client: &Client, n: usize, every: Duration) -> Vec<String> {
    let mut ids = Vec::new();
    for start in (0..n).step_by(100) {
        let requests: Vec<_> = (start..n.min(start + 100))
            .map(|i| video(sim, &format!("video {i}")))
            .collect();
        let batch = client
            .videos()
            .create_batch(CreateVideoBatchRequest::builder().videos(requests))
            .await
            .expect("a batch");
        let items = client
            .videos()
            .batch_items(&batch.batch_id)
            .collect()
            .await
            .expect("its items");
        ids.extend(
            items
                .into_iter()
                .map(|item| item.video_id.expect("created")),
        );
        tokio::time::sleep(every).await;
    }
    ids
}

fn is_status_get(r: &RecordedRequest) -> bool {
    r.method == "GET" && r.path == "/v3/videos/statuses"
}

/// The ids a statuses GET asked for.
fn asked(r: &RecordedRequest) -> Vec<String> {
    r.query_param("video_ids")
        .unwrap_or_default()
        .split(',')
        .map(str::to_string)
        .collect()
}

/// The statuses GETs split into rounds: a round ends where an id is asked for again.
fn rounds(journal: &[RecordedRequest]) -> Vec<Vec<&RecordedRequest>> {
    let mut rounds: Vec<Vec<&RecordedRequest>> = vec![Vec::new()];
    let mut seen = HashSet::new();
    for request in journal.iter().filter(|r| is_status_get(r)) {
        let ids = asked(request);
        if ids.iter().any(|id| seen.contains(id)) {
            rounds.push(Vec::new());
            seen.clear();
        }
        seen.extend(ids);
        rounds.last_mut().unwrap().push(request);
    }
    rounds
}

#[tokio::test(start_paused = true)]
async fn a_thousand_running_videos_cost_ten_status_gets_an_interval_and_one_get_each() {
    let sim = Simulator::builder()
        .timeline(Timeline::new(
            Duration::from_secs(10),
            Duration::from_secs(20),
        ))
        .start()
        .await;
    let client = sim.client();
    let ids = videos(&sim, &client, 1000, Duration::from_secs(3)).await;
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 1000);
    sim.clear_requests();

    let reports = Arc::new(Mutex::new(Vec::<Progress>::new()));
    let sink = reports.clone();
    let options = WaitOptions::new().on_progress(move |p| sink.lock().unwrap().push(p.clone()));
    let finished: Vec<heygen_sdk::Result<VideoDetail>> = client
        .videos()
        .wait_many(&ids, &options)
        .unwrap()
        .collect()
        .await;
    assert_eq!(finished.len(), 1000);
    let done: HashSet<String> = finished
        .into_iter()
        .map(|video| {
            let video = video.expect("completed");
            assert!(video.video_url.is_some());
            video.id
        })
        .collect();
    assert_eq!(done, ids.iter().cloned().collect());

    let journal = sim.requests();
    let rounds = rounds(&journal);
    let per_round: Vec<usize> = rounds.iter().map(Vec::len).collect();
    let bound = 1000usize.div_ceil(MAX_IDS_PER_REQUEST);
    assert!(per_round.iter().all(|&n| n <= bound), "{per_round:?}");
    assert_eq!(per_round[0], bound, "the first round asks for all 1,000");
    for round in &rounds {
        for request in round {
            assert!(asked(request).len() <= MAX_IDS_PER_REQUEST);
            assert!(request.query.as_deref().unwrap_or_default().len() < 8 * 1024);
        }
    }
    // The rounds are the wait's polls: every report of a round carries its number.
    let polls = reports.lock().unwrap().iter().map(|p| p.polls).max();
    assert_eq!(polls, Some(rounds.len() as u32));

    let mut details: HashMap<&str, usize> = HashMap::new();
    for request in &journal {
        if let Some(id) = request.path.strip_prefix("/v3/videos/")
            && request.method == "GET"
            && id != "statuses"
        {
            *details.entry(id).or_default() += 1;
        }
    }
    assert_eq!(details.len(), 1000);
    assert!(details.values().all(|&n| n == 1), "one GET per video");
    assert_eq!(
        journal.len(),
        per_round.iter().sum::<usize>() + 1000,
        "nothing but statuses and one GET per video"
    );
    println!(
        "wait_many over 1,000 videos: {} rounds, status GETs per round {per_round:?}, 1,000 detail GETs",
        rounds.len()
    );
}

#[tokio::test(start_paused = true)]
async fn failures_are_items_unknown_statuses_run_and_the_deadline_names_who_was_left() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let videos = client.videos();
    let create = |title: &str| videos.create(video(&sim, title));
    let ok = create("fine").await.unwrap().video_id;
    sim.fail_jobs(true);
    let failed = create("failing").await.unwrap().video_id;
    sim.fail_jobs(false);
    // Passes through a status this SDK does not know, then completes.
    sim.inject_status(ResourceKind::Video, "rendering");
    sim.set_timeline(Timeline {
        injected: Duration::from_secs(10),
        ..Timeline::default()
    });
    let unknown = create("unknown status").await.unwrap().video_id;
    sim.clear_injected_statuses();
    sim.set_timeline(Timeline::new(
        Duration::from_secs(600),
        Duration::from_secs(600),
    ));
    let slow = create("slow").await.unwrap().video_id;
    let missing = "no_such_video".to_string();

    let reports = Arc::new(Mutex::new(Vec::<Progress>::new()));
    let sink = reports.clone();
    let options = WaitOptions::new()
        .timeout(Duration::from_secs(60))
        .on_progress(move |p| sink.lock().unwrap().push(p.clone()));
    let ids = [&ok, &failed, &unknown, &slow, &missing, &ok];
    let mut stream = client.videos().wait_many(ids, &options).unwrap();
    assert_eq!(stream.remaining(), 5, "duplicates are waited on once");
    let mut outcomes = BTreeMap::new();
    let mut order = Vec::new();
    while let Some(item) = stream.next().await {
        let (id, outcome) = match item {
            Ok(video) => (video.id.clone(), "completed".to_string()),
            Err(error) => {
                let ids = error.job_ids();
                assert_eq!(ids.len(), 1, "each item names one job: {error}");
                let kind = match &error {
                    Error::JobFailed { .. } => "failed".to_string(),
                    Error::WaitTimeout {
                        last_status,
                        elapsed,
                        ..
                    } => {
                        assert!(*elapsed >= Duration::from_secs(60));
                        format!("timed out ({last_status})")
                    }
                    Error::Wait { source, .. } => format!("wait error {:?}", source.status()),
                    other => panic!("{other:?}"),
                };
                (ids[0].to_string(), kind)
            }
        };
        order.push(id.clone());
        outcomes.insert(id, outcome);
    }
    assert_eq!(outcomes.len(), 5);
    assert_eq!(outcomes[&ok], "completed");
    assert_eq!(outcomes[&failed], "failed");
    assert_eq!(outcomes[&unknown], "completed");
    assert_eq!(outcomes[&slow], "timed out (queued)");
    assert_eq!(outcomes[&missing], "wait error Some(404)");
    assert_eq!(order.last(), Some(&slow), "the deadline comes last");
    let reports = reports.lock().unwrap();
    assert!(
        reports
            .iter()
            .any(|p| p.id == unknown && p.status == "rendering" && !p.recognized),
        "the unknown status was reported, as unknown"
    );
}

#[tokio::test(start_paused = true)]
async fn without_the_statuses_endpoint_each_job_is_polled_on_its_own() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let mut ids = Vec::new();
    for n in 0..3 {
        ids.push(
            client
                .videos()
                .create(video(&sim, &format!("v{n}")))
                .await
                .unwrap()
                .video_id,
        );
    }
    sim.clear_requests();
    // A gateway that does not route the endpoint: 404, for good.
    sim.inject(
        FaultRule::new(Fault::Status(404))
            .path("/v3/videos/statuses")
            .times(1000),
    );
    let done: Vec<_> = client
        .videos()
        .wait_many(&ids, &WaitOptions::new())
        .unwrap()
        .collect()
        .await;
    assert!(done.iter().all(Result::is_ok), "{done:?}");
    let journal = sim.requests();
    let statuses = journal.iter().filter(|r| is_status_get(r)).count();
    assert_eq!(statuses, 1, "given up after its first failure");
    assert!(journal.iter().filter(|r| !is_status_get(r)).count() >= 3);
}

#[tokio::test(start_paused = true)]
async fn a_status_get_that_fails_for_a_while_is_polled_again() {
    let sim = Simulator::start().await;
    let client = sim.client_builder().max_retries(0).build().unwrap();
    let id = client
        .videos()
        .create(video(&sim, "v"))
        .await
        .unwrap()
        .video_id;
    sim.inject(
        FaultRule::new(Fault::Status(503))
            .path("/v3/videos/statuses")
            .times(2),
    );
    let done: Vec<_> = client
        .videos()
        .wait_many([&id], &WaitOptions::new())
        .unwrap()
        .collect()
        .await;
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].as_ref().unwrap().id, id);
    let statuses = sim.requests().into_iter().filter(is_status_get).count();
    assert!(statuses >= 3, "two failures, then answers: {statuses}");
}

#[tokio::test(start_paused = true)]
async fn bad_ids_are_refused_before_any_request() {
    let sim = Simulator::start().await;
    let client = sim.client();
    for bad in [vec!["a", ""], vec!["a,b"], vec!["  "]] {
        let error = client
            .videos()
            .wait_many(bad, &WaitOptions::new())
            .unwrap_err();
        assert!(
            matches!(&error, Error::InvalidRequest { field: Some(f), .. } if f == "video_ids"),
            "{error:?}"
        );
    }
    let none: Vec<_> = client
        .videos()
        .wait_many(Vec::<String>::new(), &WaitOptions::new())
        .unwrap()
        .collect()
        .await;
    assert!(none.is_empty());
    assert!(sim.requests().is_empty());
}

#[tokio::test(start_paused = true)]
async fn translations_and_lipsyncs_wait_through_their_own_statuses() {
    use heygen_sdk::types::{CreateLipsyncRequest, CreateVideoTranslationRequest};
    let sim = Simulator::start().await;
    let client = sim.client();
    let reference = serde_json::json!({"type": "url", "url": "https://example.com/v.mp4"});
    let translation: CreateVideoTranslationRequest = serde_json::from_value(serde_json::json!({
        "video": reference, "output_languages": ["Spanish", "German"]
    }))
    .unwrap();
    let translations = client
        .video_translations()
        .create(translation)
        .await
        .unwrap()
        .video_translation_ids;
    let lipsync: CreateLipsyncRequest = serde_json::from_value(serde_json::json!({
        "video": reference, "audio": {"type": "url", "url": "https://example.com/a.mp3"}
    }))
    .unwrap();
    let lipsync = client.lipsyncs().create(lipsync).await.unwrap().lipsync_id;
    let done: Vec<_> = client
        .video_translations()
        .wait_many(&translations, &WaitOptions::new())
        .unwrap()
        .collect()
        .await;
    assert_eq!(done.len(), 2);
    assert!(done.iter().all(Result::is_ok));
    let done: Vec<_> = client
        .lipsyncs()
        .wait_many([&lipsync], &WaitOptions::new())
        .unwrap()
        .collect()
        .await;
    assert_eq!(done[0].as_ref().unwrap().id, lipsync);
    let journal = sim.requests();
    assert!(
        journal
            .iter()
            .any(|r| r.path == "/v3/video-translations/statuses"
                && r.query_param("video_translation_ids").is_some())
    );
    assert!(journal.iter().any(|r| r.path == "/v3/lipsyncs/statuses"
        && r.query_param("lipsync_ids").as_deref() == Some(lipsync.as_str())));
}
