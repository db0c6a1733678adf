//! The fixed response bodies of the loopback server and the decode benchmarks, shaped like
//! HeyGen's: a completed video with every field set and presigned URLs of realistic length
//! (the API's own examples are one-line stubs), the create answer, and `listVideosV3` pages.
//! Hand-written, so no copy of the API description is kept here.

use serde_json::{Value, json};

use heygen_sdk::types::{CreateVideoFromAvatar, CreateVideoV3RequestBody};

/// A presigned-URL-like string of the length HeyGen's CDN links have (≈ 330 bytes).
fn presigned(kind: &str, i: usize, ext: &str) -> String {
    format!(
        "https://files2.heygen.ai/aws_pacific/avatar_tmp/{i:032x}/{kind}_{i:016x}.{ext}\
         ?Expires=1775692800&Signature={}&Key-Pair-Id=K38HBHX5LX3X2H",
        "Qx7Zp0aL4wBv9kNcR2sTfYhU6mJdE8gHiK1oVpS3lQrXtWnM5yAbCeDfGhIjKlMn".repeat(3)
    )
}

/// Video number `i`, completed, every field of `VideoDetail` set (≈ 2 KB of JSON).
pub fn video(i: usize) -> Value {
    json!({
        "id": format!("v_{i:024x}"),
        "title": format!("Quarterly update {i}: product launch walkthrough for the sales team"),
        "status": "completed",
        "created_at": 1_711_929_600 + i as i64,
        "completed_at": 1_711_930_200 + i as i64,
        "duration": 93.48,
        "video_url": presigned("video", i, "mp4"),
        "captioned_video_url": presigned("captioned", i, "mp4"),
        "thumbnail_url": presigned("thumbnail", i, "jpg"),
        "gif_url": presigned("gif", i, "gif"),
        "subtitle_url": presigned("subtitle", i, "srt"),
        "video_page_url": format!("https://app.heygen.com/videos/{i:032x}"),
        "folder_id": "f_3e1c9a7b5d2f4e6a8c0b1d3f",
        "output_language": "de-DE",
        "failure_code": null,
        "failure_message": null,
    })
}

/// `GET /v3/videos/{id}`: the large `VideoDetail` in its envelope.
pub fn video_envelope() -> Vec<u8> {
    serde_json::to_vec(&json!({ "data": video(0) })).expect("json")
}

/// `POST /v3/videos`.
pub fn create_response() -> Vec<u8> {
    serde_json::to_vec(
        &json!({ "data": { "video_id": "v_3f9a1c7e5b2d4f6a8c0e1b3d", "status": "waiting" } }),
    )
    .expect("json")
}

/// The start of a `listVideosV3` page of `items` videos, up to and including the comma after
/// the array: `{"data":[…],`. [`page_end`] completes it.
pub fn page_start(items: usize) -> Vec<u8> {
    let data: Vec<Value> = (0..items).map(video).collect();
    let mut body = br#"{"data":"#.to_vec();
    serde_json::to_writer(&mut body, &data).expect("json");
    body.push(b',');
    body
}

/// The end of a page: whether there is more, and the cursor of the next one.
pub fn page_end(next_token: Option<&str>) -> Vec<u8> {
    match next_token {
        Some(token) => format!(r#""has_more":true,"next_token":"{token}"}}"#).into_bytes(),
        None => br#""has_more":false,"next_token":null}"#.to_vec(),
    }
}

/// A whole page of `items` videos (for the decode benchmarks).
pub fn page(items: usize, next_token: Option<&str>) -> Vec<u8> {
    let mut body = page_start(items);
    body.extend(page_end(next_token));
    body
}

/// The request of the create benchmarks (built anew for each call on both sides).
pub fn create_request() -> CreateVideoV3RequestBody {
    CreateVideoV3RequestBody::try_from(
        CreateVideoFromAvatar::builder()
            .avatar_id("Angela-inblackskirt-20220820")
            .voice_id("1bd001e7e50f421d891986aad5158bc8")
            .script("Welcome to the quarterly update. Today we walk through the launch plan.")
            .title("Quarterly update"),
    )
    .expect("a valid request")
}
