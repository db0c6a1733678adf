//! Cursor pagination: every item once, stable pages, bad limits and tokens.

use std::collections::HashSet;

use heygen_sdk::testing::{Simulator, Timeline};

use crate::support::{api, avatar_video};

#[tokio::test]
async fn listing_25_videos_by_10_gives_3_pages_with_every_video_once() {
    let sim = Simulator::builder()
        .timeline(Timeline::instant())
        .start()
        .await;
    let client = sim.client();
    let mut created = HashSet::new();
    for n in 0..25 {
        created.insert(
            client
                .videos()
                .create(avatar_video(&sim, &format!("Video {n}")))
                .await
                .unwrap()
                .video_id,
        );
    }

    // By hand, following next_token.
    let mut token: Option<String> = None;
    let mut sizes = Vec::new();
    let mut seen = Vec::new();
    loop {
        let mut request = client.raw().list_videos_v3().limit(10u64);
        if let Some(token) = token.take() {
            request = request.token(token);
        }
        let page = client.run(request.send()).await.unwrap().into_inner();
        sizes.push(page.data.len());
        seen.extend(page.data.into_iter().map(|v| v.id));
        match (page.has_more, page.next_token) {
            (Some(true), Some(next)) => token = Some(next),
            (has_more, next) => {
                assert_eq!((has_more, next), (Some(false), None));
                break;
            }
        }
    }
    assert_eq!(sizes, [10, 10, 5]);
    assert_eq!(seen.len(), 25);
    assert_eq!(seen.iter().cloned().collect::<HashSet<_>>(), created);

    // Through the SDK's paginator: the same pages, newest first.
    let pages: Vec<_> = client
        .videos()
        .list_with(|r| r.limit(10u64))
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        pages.iter().map(|p| p.items.len()).collect::<Vec<_>>(),
        [10, 10, 5]
    );
    let ids: Vec<String> = pages
        .into_iter()
        .flat_map(|p| p.items)
        .map(|v| v.id)
        .collect();
    assert_eq!(ids, seen);

    let lists: Vec<_> = sim
        .requests()
        .into_iter()
        .filter(|r| r.method == "GET" && r.path == "/v3/videos")
        .collect();
    assert_eq!(lists.len(), 6);
    assert!(
        lists
            .iter()
            .all(|r| r.query_param("limit").as_deref() == Some("10"))
    );
    assert_eq!(
        lists
            .iter()
            .filter(|r| r.query_param("token").is_some())
            .count(),
        4
    );
}

#[tokio::test]
async fn a_new_video_does_not_shift_later_pages() {
    let sim = Simulator::builder()
        .timeline(Timeline::instant())
        .start()
        .await;
    let client = sim.client();
    for n in 0..4 {
        client
            .videos()
            .create(avatar_video(&sim, &format!("Video {n}")))
            .await
            .unwrap();
    }
    let first = client
        .run(client.raw().list_videos_v3().limit(2u64).send())
        .await
        .unwrap()
        .into_inner();
    client
        .videos()
        .create(avatar_video(&sim, "Newcomer"))
        .await
        .unwrap();
    let request = client
        .raw()
        .list_videos_v3()
        .limit(2u64)
        .token(first.next_token.clone().unwrap());
    let second = client.run(request.send()).await.unwrap().into_inner();
    let titles = |page: &heygen_sdk::types::VideoDetailPage| {
        page.data.iter().map(|v| v.id.clone()).collect::<Vec<_>>()
    };
    assert!(
        titles(&first)
            .iter()
            .all(|id| !titles(&second).contains(id))
    );
    assert_eq!(second.data.len(), 2);
}

#[tokio::test]
async fn bad_limits_and_tokens_are_invalid_parameters() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let error = client
        .run(client.raw().list_videos_v3().limit(500u64).send())
        .await
        .unwrap_err();
    assert_eq!(
        (api(&error).status, api(&error).param.as_deref()),
        (400, Some("limit"))
    );
    let error = client
        .run(client.raw().list_videos_v3().token("not-a-cursor").send())
        .await
        .unwrap_err();
    assert_eq!(
        (api(&error).code.as_deref(), api(&error).param.as_deref()),
        (Some("invalid_parameter"), Some("token"))
    );
}

/// The page size of a listing with no `limit` is the document's: the listing of agent
/// sessions pages by its `limit` default, whatever number that is.
#[tokio::test(start_paused = true)]
async fn a_listing_without_limit_pages_by_the_documents_default() {
    let limit = heygen_sys::request_rules::OPERATIONS
        .iter()
        .find(|op| op.method == "GET" && op.path == "/v3/video-agents")
        .and_then(|op| op.parameters.iter().find(|p| p.name == "limit"))
        .and_then(|limit| limit.default)
        .and_then(|default| default.parse::<usize>().ok())
        .expect("the document gives the sessions listing a default limit");
    let sim = Simulator::start().await;
    let client = sim.client();
    for n in 0..=limit {
        let prompt = format!("Session {n}");
        let request = heygen_sdk::types::CreateVideoAgentRequest::builder().prompt(prompt);
        client
            .run(client.raw().create_video_agent_v3().body(request).send())
            .await
            .unwrap();
    }
    let page = client
        .run(client.raw().list_video_agent_sessions().send())
        .await
        .unwrap();
    let page = page.into_inner();
    assert_eq!(page.data.len(), limit);
    assert_eq!(page.has_more, Some(true));
}
