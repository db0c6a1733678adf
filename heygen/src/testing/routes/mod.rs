//! The simulated endpoints, one module per area.
//!
//! How a request is served, `POST /v3/videos` for example:
//! 1. `server/pipeline.rs`: journal, injected fault, latency, authentication;
//! 2. `validate/`: everything the API description states, from the generated rules (a
//!    violation is a 400 naming its JSON path);
//! 3. `server/idempotency.rs`: an `Idempotency-Key` seen before is replayed;
//! 4. the route (`routes/videos.rs`, `create`): decodes the body into the generated request
//!    type, calls one state method, and encodes the answer through serde;
//! 5. the state method (`state/actions/videos.rs`, `State::create_video`): the domain rules,
//!    with the account checks and job records of `state/world.rs` and `state/jobs.rs` and the
//!    rules beyond the description of `house_rules.rs`; it changes nothing when it refuses.
//!
//! A route never changes the state itself: what a request may do to it is written once, in
//! `state/actions/`.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{Method, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::reply::ApiErr;
use super::shared::Sim;
use super::state::Asset;

mod account;
mod agents;
mod ai_clipping;
mod asset_batches;
mod asset_library;
mod assets;
mod audio;
mod avatar_deletes;
mod avatars;
mod background_removals;
mod batches;
mod brand;
mod bulk;
pub(crate) mod direct_uploads;
mod lipsyncs;
mod templates;
mod translations;
mod videos;
mod voice_clones;
mod voices;
mod webhooks;

/// Every route, with the simulator's state.
pub(crate) fn router(sim: Sim) -> Router {
    Router::new()
        .merge(videos::routes())
        .merge(avatars::routes())
        .merge(voices::routes())
        .merge(translations::routes())
        .merge(lipsyncs::routes())
        .merge(agents::routes())
        .merge(account::routes())
        .merge(webhooks::routes())
        .merge(assets::routes())
        .merge(templates::routes())
        .merge(brand::routes())
        .merge(audio::routes())
        .merge(ai_clipping::routes())
        .merge(background_removals::routes())
        .merge(voice_clones::routes())
        .merge(avatar_deletes::routes())
        .merge(batches::routes())
        .merge(asset_library::routes())
        .merge(direct_uploads::routes())
        .merge(asset_batches::routes())
        .route("/files/{kind}/{name}", get(file))
        .route("/consent/{group_id}", get(consent_page))
        .fallback(|method: Method, uri: Uri| async move {
            unrouted(&method, &uri).unwrap_or_else(|| {
                ApiErr::new(
                    404,
                    "not_found",
                    "The HeyGen simulator has no such endpoint.",
                )
                .into_response()
            })
        })
        .method_not_allowed_fallback(|method: Method, uri: Uri| async move {
            unrouted(&method, &uri).unwrap_or_else(|| {
                ApiErr::new(
                    405,
                    "method_not_allowed",
                    "This endpoint does not take that method.",
                )
                .into_response()
            })
        })
        .with_state(sim)
}

/// Marks the answer of an operation the simulator does not serve.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NotSimulated;

/// The answer to an operation of the API description that no route serves: 501
/// `not_simulated`, naming it. Derived from the generated operation list, so an operation a
/// newer document adds answers this too, with no edit here. `None` when the document has no
/// such operation.
fn unrouted(method: &Method, uri: &Uri) -> Option<Response> {
    let (operation, _) = crate::testing::validate::operation(method.as_str(), uri.path())?;
    let message = format!(
        "{} ({} {}) is not simulated by the HeyGen simulator; \
         Simulator::not_simulated_operations lists every such operation.",
        operation.id, operation.method, operation.path
    );
    let mut answer = ApiErr::new(501, "not_simulated", message).into_response();
    answer.extensions_mut().insert(NotSimulated);
    Some(answer)
}

/// `GET /files/{kind}/{name}`: stand-in media behind the URLs the simulator hands out (no auth,
/// like a signed CDN link); uploaded assets are served back as uploaded.
async fn file(State(sim): State<Sim>, Path((kind, name)): Path<(String, String)>) -> Response {
    if kind == "assets" {
        let state = sim.state();
        return match state.assets.iter().find(|asset| asset.id == name) {
            Some(Asset {
                mime_type,
                bytes: Some(bytes),
                ..
            }) => ([(header::CONTENT_TYPE, mime_type.clone())], bytes.clone()).into_response(),
            // A direct upload keeps only its size and hash.
            Some(_) => ApiErr::new(
                404,
                "not_found",
                "The simulator keeps only the size and SHA-256 of a direct upload.",
            )
            .into_response(),
            None => ApiErr::not_found("Asset").into_response(),
        };
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext)
        .unwrap_or_default();
    let (content_type, body): (&str, Vec<u8>) = match extension {
        "mp4" => (
            "video/mp4",
            b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom".to_vec(),
        ),
        "jpg" => (
            "image/jpeg",
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\xff\xd9".to_vec(),
        ),
        "gif" => ("image/gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec()),
        "png" => ("image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec()),
        "mp3" => ("audio/mpeg", b"ID3\x04\x00\x00\x00\x00\x00\x00".to_vec()),
        "srt" => (
            "application/x-subrip",
            b"1\n00:00:00,000 --> 00:00:02,000\nHello from the HeyGen simulator.\n".to_vec(),
        ),
        "vtt" => (
            "text/vtt",
            b"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHello from the HeyGen simulator.\n".to_vec(),
        ),
        _ => return ApiErr::not_found("File").into_response(),
    };
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// `GET /consent/{group_id}`: the page a consent URL points to.
async fn consent_page(Path(group_id): Path<String>) -> Response {
    let page = format!(
        "<!doctype html><title>Consent</title><p>HeyGen simulator: consent for avatar group {group_id} is recorded.</p>"
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}
