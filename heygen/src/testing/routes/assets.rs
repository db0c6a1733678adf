//! `POST /v3/assets`: multipart upload of one `file` (at most 32 MB); the asset is kept and
//! served back at its `url`.

use axum::Router;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::routing::post;
use heygen_sys::types::UploadAssetV3Response;
use serde_json::json;

use crate::testing::reply::{ApiErr, Reply, data, typed};
use crate::testing::shared::Sim;

pub(super) fn routes() -> Router<Sim> {
    Router::new().route("/v3/assets", post(upload))
}

async fn upload(State(sim): State<Sim>, multipart: Result<Multipart, MultipartRejection>) -> Reply {
    let refuse = |message: String| ApiErr::invalid(Some("file"), message);
    let required = || refuse("A 'file' part is required: upload it as multipart/form-data.".into());
    let mut multipart = multipart.map_err(|_| required())?;
    let field = loop {
        let next = multipart.next_field().await;
        let field = next.map_err(|e| refuse(format!("Unreadable multipart body: {e}.")))?;
        match field.ok_or_else(required)? {
            field if field.name() == Some("file") => break field,
            _ => continue,
        }
    };
    let declared = field.content_type().map(str::to_string);
    let name = field.file_name().unwrap_or("upload").to_string();
    let bytes = (field.bytes().await).map_err(|e| refuse(format!("Unreadable file part: {e}.")))?;
    let mut state = sim.state();
    let asset = state.upload_asset(name, declared.as_deref(), bytes)?;
    data(typed::<UploadAssetV3Response>(json!({
        "asset_id": asset.id,
        "mime_type": asset.mime_type,
        "size_bytes": asset.size,
        "url": state.file_url("assets", &asset.id),
    })))
}
