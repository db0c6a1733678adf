//! Webhook endpoints: CRUD, secret rotation, events.

use heygen_sdk::testing::{Simulator, Timeline};
use heygen_sdk::types::{CreateWebhookEndpointRequest, UpdateWebhookEndpointRequest};
use serde_json::json;

use crate::support::{api, avatar_video, from_json};

#[tokio::test(start_paused = true)]
async fn webhook_endpoints_crud_and_events() {
    let sim = Simulator::builder()
        .timeline(Timeline::instant())
        .start()
        .await;
    let client = sim.client();
    let webhooks = client.webhooks();
    let types = webhooks.event_types().await.unwrap();
    assert!(types.iter().any(|t| t.event_type == "avatar_video.success"));

    let insecure = webhooks
        .create_endpoint(from_json::<CreateWebhookEndpointRequest>(
            json!({"url": "http://example.com/hook"}),
        ))
        .await;
    assert_eq!(api(&insecure.unwrap_err()).param.as_deref(), Some("url"));
    let request: CreateWebhookEndpointRequest =
        from_json(json!({"url": "https://example.com/hook", "events": ["avatar_video.success"]}));
    let endpoint = webhooks.create_endpoint(request).await.unwrap();
    let secret = endpoint
        .secret
        .clone()
        .expect("a new endpoint shows its secret");
    assert_eq!(
        endpoint.events.as_deref(),
        Some(&["avatar_video.success".to_string()][..])
    );
    let listed = webhooks.list_endpoints().collect().await.unwrap();
    assert_eq!((listed.len(), listed[0].secret.as_ref()), (1, None));
    let update: UpdateWebhookEndpointRequest =
        from_json(json!({"url": "https://example.com/other"}));
    assert_eq!(
        webhooks
            .update_endpoint(&endpoint.endpoint_id, update)
            .await
            .unwrap()
            .url,
        "https://example.com/other"
    );
    let rotated = webhooks.rotate_secret(&endpoint.endpoint_id).await.unwrap();
    assert_ne!(rotated.secret, secret);
    webhooks
        .delete_endpoint(&endpoint.endpoint_id)
        .await
        .unwrap();
    assert!(
        webhooks
            .list_endpoints()
            .collect()
            .await
            .unwrap()
            .is_empty()
    );
    let missing = webhooks
        .rotate_secret(&endpoint.endpoint_id)
        .await
        .unwrap_err();
    assert_eq!(api(&missing).status, 404);

    let video = client
        .videos()
        .create(avatar_video(&sim, "Notify me."))
        .await
        .unwrap();
    let events = webhooks.list_events().collect().await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event_type, "avatar_video.success");
    assert_eq!(events[0].event_data["video_id"], video.video_id.as_str());
}
