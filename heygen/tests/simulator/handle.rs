//! The `Simulator` handle: the request journal (without the key), and dropping it stops the
//! server.

use heygen_sdk::Error;
use heygen_sdk::testing::Simulator;

use crate::support::avatar_video;

#[tokio::test]
async fn the_journal_records_requests_without_the_key() {
    let sim = Simulator::start().await;
    let client = sim.client();
    client
        .videos()
        .create(avatar_video(&sim, "Journaled."))
        .await
        .unwrap();
    client
        .run(client.raw().list_videos_v3().limit(5u64).send())
        .await
        .unwrap();
    let requests = sim.requests();
    assert_eq!(requests.len(), 2);
    let post = &requests[0];
    assert_eq!(
        (post.method.as_str(), post.path.as_str(), post.status),
        ("POST", "/v3/videos", Some(200))
    );
    assert_eq!(post.header("x-api-key"), Some("<redacted>"));
    assert!(
        post.header("user-agent")
            .is_some_and(|ua| ua.starts_with("heygen-rs/"))
    );
    let body = post.body.as_ref().expect("a JSON body");
    assert_eq!(
        (body["type"].as_str(), body["script"].as_str()),
        (Some("avatar"), Some("Journaled."))
    );
    assert!(!format!("{requests:?}").contains(sim.api_key()));
    assert_eq!(
        (requests[1].query.as_deref(), requests[1].body.as_ref()),
        (Some("limit=5"), None)
    );
    sim.clear_requests();
    assert!(sim.requests().is_empty());
}

#[tokio::test]
async fn dropping_the_simulator_stops_the_server() {
    let sim = Simulator::start().await;
    let client = sim.client_builder().max_retries(0).build().unwrap();
    client.users().me().await.unwrap();
    drop(sim);
    tokio::task::yield_now().await;
    let error = client.users().me().await.unwrap_err();
    assert!(matches!(error, Error::Connection { .. }), "{error:?}");
}
