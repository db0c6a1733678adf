//! Avatars: seeded groups and looks, photo avatars, digital twins waiting for consent.

use std::time::Duration;

use heygen_sdk::Error;
use heygen_sdk::testing::{ResourceKind, Simulator, Timeline};
use heygen_sdk::types::{
    AvatarStatus, CreateAvatarConsentRequest, CreateAvatarRequestBody, UpdateAvatarLookRequest,
};
use serde_json::json;
use tokio::time::advance;

use crate::support::{api, avatar_video, from_json, sim_group};

#[tokio::test(start_paused = true)]
async fn seeded_avatars_list_and_read() {
    let sim = Simulator::builder().avatars(3).start().await;
    let client = sim.client();
    let groups = client.avatars().list().collect().await.unwrap();
    assert_eq!(groups.len(), 3);
    assert!(
        groups
            .iter()
            .all(|g| g.status == Some(AvatarStatus::Completed) && g.looks_count == 2)
    );
    let group = client.avatars().get(&groups[1].id).await.unwrap();
    assert_eq!(group.name, groups[1].name);

    let looks = client.avatars().list_looks_with({
        let id = group.id.clone();
        move |r| r.group_id(id.clone())
    });
    let looks = looks.collect().await.unwrap();
    assert_eq!(looks.len(), 2);
    assert!(
        looks
            .iter()
            .all(|l| l.group_id.as_deref() == Some(group.id.as_str()))
    );
    assert_eq!(
        client.avatars().get_look(&looks[0].id).await.unwrap().id,
        looks[0].id
    );
    assert_eq!(
        client.avatars().list_looks().collect().await.unwrap().len(),
        6
    );
    let private = client
        .avatars()
        .list_with(|r| r.ownership(heygen_sdk::types::AvatarOwnership::Private))
        .collect()
        .await
        .unwrap();
    assert!(private.is_empty());

    let rename = UpdateAvatarLookRequest {
        name: Some("Renamed".parse().unwrap()),
    };
    let error = client
        .avatars()
        .update_look(&looks[0].id, rename)
        .await
        .unwrap_err();
    assert_eq!(api(&error).status, 400);
}

#[tokio::test(start_paused = true)]
async fn a_photo_avatar_processes_then_completes() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let request: CreateAvatarRequestBody = from_json(
        json!({"type": "photo", "name": "Me", "file": {"type": "url", "url": "https://example.com/me.png"}}),
    );
    let created = client.avatars().create(request).await.unwrap();
    let look = created.avatar_item.unwrap();
    let group = created.avatar_group.unwrap();
    assert_eq!(look.status, Some(AvatarStatus::Processing));
    advance(Timeline::default().total()).await;
    assert_eq!(
        client.avatars().get_look(&look.id).await.unwrap().status,
        Some(AvatarStatus::Completed)
    );
    assert_eq!(
        client.avatars().get(&group.id).await.unwrap().status,
        Some(AvatarStatus::Completed)
    );
    let renamed = client
        .avatars()
        .update_look(
            &look.id,
            UpdateAvatarLookRequest {
                name: Some("Me again".parse().unwrap()),
            },
        )
        .await
        .unwrap();
    assert_eq!(renamed.name, "Me again");
    assert_eq!(sim.count(ResourceKind::Avatar), 1);

    // Its look now makes videos.
    let mut video = avatar_video(&sim, "It's me.");
    video.avatar_id = look.id;
    client.videos().create(video).await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn a_digital_twin_waits_for_consent() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let request: CreateAvatarRequestBody = from_json(
        json!({"type": "video", "name": "Twin", "file": {"type": "url", "url": "https://example.com/me.mp4"}}),
    );
    let created = client.avatars().create(request).await.unwrap();
    let (group, look) = (created.avatar_group.unwrap(), created.avatar_item.unwrap());
    assert_eq!(group.status, Some(AvatarStatus::Processing));
    assert_eq!(group.consent_status.as_deref(), Some("pending"));
    advance(Duration::from_secs(600)).await;
    assert_eq!(
        client.avatars().get(&group.id).await.unwrap().status,
        Some(AvatarStatus::PendingConsent)
    );

    // The lead's waiter stops at pending_consent.
    let options = heygen_sdk::wait::WaitOptions::new().initial_delay(Duration::ZERO);
    let waited = client
        .avatars()
        .wait_with(&group.id, &options)
        .await
        .unwrap_err();
    assert!(
        matches!(waited, Error::ConsentRequired { .. }),
        "{waited:?}"
    );

    // A look still in training cannot make videos.
    let mut video = avatar_video(&sim, "Too early.");
    video.avatar_id = look.id.clone();
    let error = client.videos().create(video.clone()).await.unwrap_err();
    assert_eq!(api(&error).param.as_deref(), Some("avatar_id"));

    let consent = client
        .avatars()
        .create_consent(&group.id, CreateAvatarConsentRequest::default())
        .await
        .unwrap();
    assert!(consent.url.unwrap().contains(&group.id));
    assert_eq!(
        consent.avatar_group.consent_status.as_deref(),
        Some("approved")
    );
    assert_eq!(
        client.avatars().get(&group.id).await.unwrap().status,
        Some(AvatarStatus::Processing)
    );
    advance(Timeline::default().processing).await;
    assert_eq!(
        client.avatars().get_look(&look.id).await.unwrap().status,
        Some(AvatarStatus::Completed)
    );
    client.videos().create(video).await.unwrap();

    let public = sim.requests().len();
    let error = client
        .avatars()
        .create_consent(
            &sim_group(&client).await,
            CreateAvatarConsentRequest::default(),
        )
        .await;
    assert_eq!(api(&error.unwrap_err()).status, 400);
    assert!(sim.requests().len() > public);
}

#[tokio::test]
async fn looks_filter_by_every_avatar_type_the_listing_takes() {
    let sim = Simulator::start().await;
    let http = crate::support::http();
    for (avatar_type, seeded) in [
        ("studio_avatar", true),
        ("video_avatar", false),
        ("photo_avatar", false),
    ] {
        let response = http
            .get(format!(
                "{}/v3/avatars/looks?avatar_type={avatar_type}",
                sim.base_url()
            ))
            .header("x-api-key", sim.api_key())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{avatar_type}");
        let page: serde_json::Value = response.json().await.unwrap();
        let found = page["data"]
            .as_array()
            .is_some_and(|looks| !looks.is_empty());
        assert_eq!(found, seeded, "{avatar_type}: {page}");
    }
}
