//! The account's assets through the SDK against the simulator: listing by owner in pages,
//! get and delete, bulk statuses (in requests of at most 100 ids), and the search of images
//! and icons; bad input refused before any request.
#![cfg(feature = "testing")]

use heygen_sdk::resources::assets::MAX_STATUS_IDS;
use heygen_sdk::testing::Simulator;
use heygen_sdk::types::{AssetSearchResult, SearchAssetsScope, SearchAssetsType};
use heygen_sdk::{Client, Error};

fn client(sim: &Simulator) -> Client {
    sim.client_builder().max_retries(0).build().unwrap()
}

/// Uploads `n` small PNGs; their ids, oldest first.
async fn upload_pngs(client: &Client, names: &[&str]) -> Vec<String> {
    let mut ids = Vec::new();
    for name in names {
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
        let asset = client.assets().upload_bytes(name, None, png).await.unwrap();
        ids.push(asset.asset_id);
    }
    ids
}

#[tokio::test(start_paused = true)]
async fn assets_are_listed_newest_first_in_pages_got_and_deleted() {
    let sim = Simulator::start().await;
    let client = client(&sim);
    let names = ["a.png", "b.png", "c.png", "d.png", "e.png"];
    let ids = upload_pngs(&client, &names).await;
    let username = client.users().me().await.unwrap().username;

    let assets = client.assets();
    let listed = assets
        .list_with(&username, |r| r.limit(2u64))
        .collect()
        .await
        .unwrap();
    let listed_ids: Vec<&str> = listed.iter().map(|a| a.id.as_str()).collect();
    let newest_first: Vec<&str> = ids.iter().rev().map(String::as_str).collect();
    assert_eq!(listed_ids, newest_first);
    assert_eq!(
        sim.requests()
            .iter()
            .filter(|r| r.method == "GET" && r.path == "/v3/assets")
            .count(),
        3,
        "5 assets by 2: 3 pages"
    );
    assert!(
        listed
            .iter()
            .all(|a| a.owner == username && a.type_ == "image")
    );
    assert!(
        assets
            .list("someone_else")
            .collect()
            .await
            .unwrap()
            .is_empty(),
        "another member's assets"
    );
    let in_folder = assets
        .list_with(&username, |r| r.folder_id("folder_1"))
        .collect()
        .await
        .unwrap();
    assert!(in_folder.is_empty(), "every asset is at the root");

    let one = assets.get(&ids[2]).await.unwrap();
    assert_eq!((one.name.as_str(), one.url.is_some()), ("c.png", true));
    let deleted = assets.delete(&ids[2]).await.unwrap();
    assert_eq!(deleted.id, ids[2]);
    let err = assets.get(&ids[2]).await.unwrap_err();
    assert_eq!(err.status(), Some(404), "{err:?}");
    let err = assets.delete(&ids[2]).await.unwrap_err();
    assert_eq!(err.status(), Some(404), "{err:?}");
    assert_eq!(assets.list(&username).collect().await.unwrap().len(), 4);
}

#[tokio::test(start_paused = true)]
async fn statuses_of_more_than_100_ids_are_asked_in_requests_of_100() {
    let sim = Simulator::start().await;
    let client = client(&sim);
    let known = upload_pngs(&client, &["x.png", "y.png"]).await;
    let mut ids: Vec<String> = (0..230).map(|n| format!("unknown_{n}")).collect();
    ids[5] = known[0].clone();
    ids[150] = known[1].clone();
    sim.clear_requests();

    let entries = client.assets().statuses(&ids).await.unwrap();
    assert_eq!(entries.len(), 230);
    let requests = sim.requests();
    assert_eq!(requests.len(), 3, "230 ids: 100 + 100 + 30");
    let sizes: Vec<usize> = requests
        .iter()
        .map(|r| r.query_param("asset_ids").unwrap().split(',').count())
        .collect();
    assert_eq!(sizes, [MAX_STATUS_IDS, MAX_STATUS_IDS, 30]);
    for (entry, id) in entries.iter().zip(&ids) {
        assert_eq!(entry.video_id.as_deref(), Some(id.as_str()));
        let expected = if known.contains(id) {
            "completed"
        } else {
            "not_found"
        };
        assert_eq!(entry.status, expected, "{id}");
    }
    let batches = client.assets().batch_statuses(["batch_1"]).await.unwrap();
    assert_eq!(
        (batches[0].batch_id.as_deref(), batches[0].status.as_str()),
        (Some("batch_1"), "not_found")
    );
}

#[tokio::test(start_paused = true)]
async fn search_ranks_the_catalog_by_the_words_of_the_query() {
    let sim = Simulator::start().await;
    let client = client(&sim);
    let hits = client
        .assets()
        .search("a pizza on a wooden table", SearchAssetsType::Image)
        .collect()
        .await
        .unwrap();
    let ids: Vec<&str> = hits
        .iter()
        .map(|hit| match hit {
            AssetSearchResult::Image(image) => image.id.as_str(),
            other => panic!("an image search found {other:?}"),
        })
        .collect();
    // "pizza", "wooden", "table" for the pizza; "wooden" for the desk.
    assert_eq!(ids, ["sim_img_pizza", "sim_img_desk"]);

    let icons = client
        .assets()
        .search_with("rocket", SearchAssetsType::Icon, |r| r.limit(1u64))
        .collect()
        .await
        .unwrap();
    assert!(
        matches!(&icons[..], [AssetSearchResult::Icon(icon)] if icon.id == "sim_icon_rocket"),
        "{icons:?}"
    );

    upload_pngs(&client, &["rocket-diagram.png"]).await;
    let mine = client
        .assets()
        .search_with("rocket", SearchAssetsType::Image, |r| {
            r.scope(SearchAssetsScope::Personal)
        })
        .collect()
        .await
        .unwrap();
    assert_eq!(mine.len(), 1, "only the account's own image: {mine:?}");
}

#[tokio::test(start_paused = true)]
async fn bad_input_is_refused_before_any_request() {
    let sim = Simulator::start().await;
    let assets = client(&sim).assets();
    let field = |err: Error| match err {
        Error::InvalidRequest { field, .. } => field,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        field(assets.statuses(Vec::<String>::new()).await.unwrap_err()).as_deref(),
        Some("asset_ids")
    );
    assert_eq!(
        field(assets.statuses(["a", "b,c"]).await.unwrap_err()).as_deref(),
        Some("asset_ids")
    );
    assert_eq!(
        field(assets.batch_statuses([""]).await.unwrap_err()).as_deref(),
        Some("batch_ids")
    );
    let err = assets
        .search("  ", SearchAssetsType::Image)
        .first_page()
        .await
        .unwrap_err();
    assert_eq!(field(err).as_deref(), Some("query"));
    let err = assets.list("").first_page().await.unwrap_err();
    assert_eq!(field(err).as_deref(), Some("username"));
    for id in ["", ".", ".."] {
        assert_eq!(
            field(assets.get(id).await.unwrap_err()).as_deref(),
            Some("asset_id")
        );
        assert_eq!(
            field(assets.delete(id).await.unwrap_err()).as_deref(),
            Some("asset_id")
        );
    }
    assert!(sim.requests().is_empty());
}
