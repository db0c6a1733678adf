//! Video agents: chat sessions on the `/v3/video-agents/{id}` paths, the deprecated shims,
//! one-shot agents.

use std::collections::HashSet;
use std::time::Duration;

use heygen_sdk::Error;
use heygen_sdk::testing::{Simulator, Timeline};
use heygen_sdk::types::{
    CreateSessionRequest, CreateVideoAgentRequest, GeneratedVideoStatus, SendMessageRequest,
    StopSessionRequest, VideoAgentSessionStatus, VideoAgentStatus, VideoStatus,
};
use serde_json::json;
use tokio::time::advance;

use crate::support::{api, from_json, http};

#[tokio::test(start_paused = true)]
async fn a_chat_session_thinks_waits_for_input_then_generates_on_the_new_paths() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let agents = client.video_agents();
    let request: CreateVideoAgentRequest =
        from_json(json!({"prompt": "A 30 second product teaser", "mode": "chat"}));
    let created = agents.create(request).await.unwrap();
    assert_eq!(
        (created.status, created.video_id),
        (VideoAgentStatus::Thinking, None)
    );
    let session_id = created.session_id;
    let session = agents.get_session(&session_id).await.unwrap();
    assert_eq!(
        (session.status, session.video_id.as_deref()),
        (VideoAgentSessionStatus::Thinking, None)
    );
    // However long the caller waits, the session waits for its answer.
    advance(Duration::from_secs(600)).await;
    let session = agents.get_session(&session_id).await.unwrap();
    assert_eq!(session.status, VideoAgentSessionStatus::WaitingForInput);
    let question = session.messages.last().expect("the agent asks");
    assert_eq!(question.role, "assistant");
    assert!(question.content.contains("plan"), "{}", question.content);

    agents
        .send_message(
            &session_id,
            from_json::<SendMessageRequest>(json!({"message": "Go ahead"})),
        )
        .await
        .unwrap();
    let session = agents.get_session(&session_id).await.unwrap();
    assert_eq!(session.status, VideoAgentSessionStatus::Generating);
    let video_id = session.video_id.expect("generating has a video id");
    let roles: Vec<&str> = session.messages.iter().map(|m| m.role.as_str()).collect();
    assert_eq!(roles, ["user", "assistant", "user"]);
    advance(Duration::from_secs(3)).await;
    let session = agents.get_session(&session_id).await.unwrap();
    assert_eq!(
        (session.status, session.progress),
        (VideoAgentSessionStatus::Completed, 100)
    );
    assert_eq!(
        client.videos().get(&video_id).await.unwrap().status,
        VideoStatus::Completed
    );
    let ready = session.messages.last().unwrap();
    assert_eq!(ready.resource_ids.as_deref(), Some(&[video_id.clone()][..]));
    let resource = agents
        .session_resource(&session_id, &video_id)
        .await
        .unwrap();
    assert_eq!(
        (
            resource.resource_type.as_str(),
            resource.source_type.as_deref()
        ),
        ("video", Some("generated"))
    );
    let missing = agents.session_resource(&session_id, "nope").await;
    assert_eq!(api(&missing.unwrap_err()).status, 404);

    // Another message starts another run with another video; stopping it fails the run.
    let next = agents
        .send_message(
            &session_id,
            from_json::<SendMessageRequest>(json!({"message": "Make it shorter"})),
        )
        .await
        .unwrap();
    assert_eq!(next.session_id, session_id);
    let rerun = agents.get_session(&session_id).await.unwrap();
    assert_eq!(rerun.status, VideoAgentSessionStatus::Thinking);
    let busy = agents
        .send_message(
            &session_id,
            from_json::<SendMessageRequest>(json!({"message": "Wait"})),
        )
        .await
        .unwrap_err();
    assert_eq!(api(&busy).status, 400);
    agents
        .stop_session(&session_id, StopSessionRequest {})
        .await
        .unwrap();
    advance(Duration::from_secs(10)).await;
    assert_eq!(
        agents.get_session(&session_id).await.unwrap().status,
        VideoAgentSessionStatus::Failed
    );
    let videos = agents.session_videos(&session_id).await.unwrap();
    assert_eq!(
        videos
            .data
            .iter()
            .map(|v| (v.id == video_id, v.status.clone()))
            .collect::<Vec<_>>(),
        [
            (true, GeneratedVideoStatus::Completed),
            (false, GeneratedVideoStatus::Failed)
        ]
    );
    assert_eq!(videos.has_more, Some(false));

    // Every request went to the paths HeyGen moved the sessions to.
    let paths: HashSet<String> = sim
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .filter(|p| p.contains("video-agents"))
        .collect();
    let base = format!("/v3/video-agents/{session_id}");
    let expected: HashSet<String> = [
        "POST /v3/video-agents".to_string(),
        format!("GET {base}"),
        format!("POST {base}"),
        format!("POST {base}/stop"),
        format!("GET {base}/resources/{video_id}"),
        format!("GET {base}/resources/nope"),
        format!("GET {base}/videos"),
    ]
    .into();
    assert_eq!(paths, expected);
}

#[tokio::test(start_paused = true)]
async fn sessions_are_listed_newest_first_and_the_old_paths_are_gone() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let agents = client.video_agents();
    let mut ids = Vec::new();
    for prompt in ["first", "second", "third"] {
        let request: CreateVideoAgentRequest = from_json(json!({"prompt": prompt}));
        ids.push(agents.create(request).await.unwrap().session_id);
    }
    let listed: Vec<String> = agents
        .list_sessions_with(|r| r.limit(std::num::NonZeroU64::new(2).unwrap()))
        .collect()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.session_id)
        .collect();
    ids.reverse();
    assert_eq!(listed, ids);
    // The old create's path is now `POST /v3/video-agents/{session_id}` (a message to a
    // session named "sessions"): the document requires `message` there and forbids `prompt`,
    // so the old create body is refused before any session is looked up.
    for (method, path, status) in [
        ("POST", "/v3/video-agents/sessions".to_string(), 400),
        ("GET", format!("/v3/video-agents/sessions/{}", ids[0]), 404),
        (
            "GET",
            format!("/v3/video-agents/sessions/{}/resources", ids[0]),
            404,
        ),
    ] {
        let response = http()
            .request(method.parse().unwrap(), format!("{}{path}", sim.base_url()))
            .header("x-api-key", sim.api_key())
            .json(&json!({"prompt": "x"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), status, "{method} {path}");
    }
    assert_eq!(agents.list_sessions().collect().await.unwrap().len(), 3);
}

#[tokio::test(start_paused = true)]
#[allow(deprecated)]
async fn the_session_shims_send_the_new_calls_or_refuse_before_sending() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let agents = client.video_agents();
    let request: CreateSessionRequest = from_json(json!({"prompt": "A teaser"}));
    let created = agents.create_session(request).await.unwrap();
    let session = agents.get_session(&created.session_id).await.unwrap();
    assert_eq!(session.messages[0].content, "A teaser");
    let journal = sim.requests();
    let sent = journal
        .iter()
        .find(|r| r.method == "POST")
        .expect("the create");
    assert_eq!(sent.path, "/v3/video-agents");
    assert_eq!(sent.body.as_ref().unwrap()["mode"], "chat");
    advance(Duration::from_secs(5)).await;
    assert_eq!(
        agents
            .get_session(&created.session_id)
            .await
            .unwrap()
            .status,
        VideoAgentSessionStatus::WaitingForInput
    );

    let before = sim.requests().len();
    let error = agents
        .session_resources(&created.session_id)
        .collect()
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::OperationRemoved { operation: "getVideoAgentSessionResources", instead } if instead.contains("session_resource")),
        "{error:?}"
    );
    assert_eq!(sim.requests().len(), before, "nothing was sent");
}

#[tokio::test(start_paused = true)]
async fn a_one_shot_video_agent_returns_a_video_to_poll() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let styles = client.video_agents().list_styles().collect().await.unwrap();
    let request: CreateVideoAgentRequest =
        from_json(json!({"prompt": "Explain rust ownership", "style_id": styles[0].style_id}));
    let created = client.video_agents().create(request).await.unwrap();
    let video_id = created.video_id.expect("a video id");
    advance(Timeline::default().total()).await;
    assert_eq!(
        client.videos().get(&video_id).await.unwrap().status,
        VideoStatus::Completed
    );
    let bad: CreateVideoAgentRequest = from_json(json!({"prompt": "x", "style_id": "nope"}));
    assert_eq!(
        api(&client.video_agents().create(bad).await.unwrap_err())
            .param
            .as_deref(),
        Some("style_id")
    );
}
