//! `/v3/templates`: the seeded templates, listed and read, and rendered into videos. A
//! rendered video is an ordinary video of `/v3/videos`, progressing on the clock.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::routing::get;
use heygen_sys::types::{GenerateTemplateVideoRequest, GeneratedVideo, Template, TemplateSummary};
use serde_json::Value;
use serde_json::json;
use tokio::time::Instant;

use crate::testing::house_rules::{check_url, given};
use crate::testing::reply::{ApiErr, Query, Reply, cursor, data, page, paginate, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{ResourceKind, State as SimState, Video};

/// Seconds of video per rendered scene.
const SCENE_SECONDS: f64 = 6.0;

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/templates", get(list))
        .route("/v3/templates/{template_id}", get(show).post(generate))
}

fn find<'a>(state: &'a SimState, template_id: &str) -> Result<&'a Template, ApiErr> {
    state
        .catalog
        .templates
        .iter()
        .find(|t| t.id == template_id)
        .ok_or_else(|| ApiErr::not_found("Template"))
}

async fn list(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    let query = Query::parse(query.as_deref());
    let cursor = cursor(&query, "/v3/templates")?;
    let state = sim.state();
    let items = state
        .catalog
        .templates
        .iter()
        .enumerate()
        .map(|(index, t)| {
            let summary = typed::<TemplateSummary>(json!({
                "aspect_ratio": t.aspect_ratio,
                "created_at": t.created_at,
                "id": t.id,
                "name": t.name,
                "thumbnail_url": t.thumbnail_url,
                "updated_at": t.updated_at,
            }));
            (index as u64, summary)
        })
        .collect();
    let (data, has_more, next_token) = paginate(items, cursor, false);
    page(data, has_more, next_token)
}

async fn show(State(sim): State<Sim>, Path(template_id): Path<String>) -> Reply {
    let state = sim.state();
    let template = find(&state, &template_id)?.clone();
    data(template)
}

/// Checks one variable replacement against the template's variable of that name.
fn check_variable(
    state: &SimState,
    template: &Template,
    name: &str,
    value: &Value,
    now: Instant,
) -> Result<(), ApiErr> {
    let param = format!("variables.{name}");
    let Some(kind) = template
        .variables
        .get(name)
        .and_then(|default| default.get("type"))
        .and_then(Value::as_str)
    else {
        return Err(ApiErr::invalid(
            Some(&param),
            format!(
                "Template '{}' has no variable '{name}'; GET /v3/templates/{} lists them.",
                template.id, template.id
            ),
        ));
    };
    let given_kind = value.get("type").and_then(Value::as_str);
    if given_kind.is_some_and(|given| given != kind) {
        return Err(ApiErr::invalid(
            Some(&format!("{param}.type")),
            format!("Variable '{name}' is of type '{kind}'."),
        ));
    }
    let properties = value.get("properties").and_then(Value::as_object);
    let Some(properties) = properties else {
        return Err(ApiErr::invalid(
            Some(&format!("{param}.properties")),
            format!("Variable '{name}' needs 'properties'."),
        ));
    };
    let field = |key: &str| properties.get(key).and_then(Value::as_str);
    let param = |key: &str| format!("{param}.properties.{key}");
    match kind {
        "text" => match field("content") {
            Some(_) => Ok(()),
            None => Err(ApiErr::invalid(
                Some(&param("content")),
                "A text variable needs a string 'content'.",
            )),
        },
        "character" => match field("character_id") {
            Some(look) => state.check_look(look, &param("character_id"), now),
            None => Err(ApiErr::invalid(
                Some(&param("character_id")),
                "A character variable needs 'character_id' (an avatar look id).",
            )),
        },
        "voice" => match field("voice_id") {
            Some(voice) => state.check_voice(voice, &param("voice_id")),
            None => Err(ApiErr::invalid(
                Some(&param("voice_id")),
                "A voice variable needs 'voice_id'.",
            )),
        },
        _ => match (field("url"), field("asset_id")) {
            (Some(url), None) => check_url(url, &param("url")),
            (None, Some(asset)) => state.check_asset_id(asset, &param("asset_id")),
            _ => Err(ApiErr::invalid(
                Some(&param("url")),
                format!("A {kind} variable needs one of 'url' or 'asset_id'."),
            )),
        },
    }
}

async fn generate(State(sim): State<Sim>, Path(template_id): Path<String>, body: Bytes) -> Reply {
    let request: GenerateTemplateVideoRequest = parse(&body)?;
    let now = Instant::now();
    let mut state = sim.state();
    let template = find(&state, &template_id)?.clone();
    for (name, value) in &request.variables {
        check_variable(&state, &template, name, value, now)?;
    }
    let scenes = match &request.scene_ids {
        None => template.scene_ids.len(),
        Some(ids) if ids.is_empty() => {
            return Err(ApiErr::invalid(
                Some("scene_ids"),
                "'scene_ids' must name at least one scene; omit it to render them all.",
            ));
        }
        Some(ids) => {
            for (index, id) in ids.iter().enumerate() {
                if !template.scene_ids.contains(id) {
                    return Err(ApiErr::invalid(
                        Some(&format!("scene_ids[{index}]")),
                        format!("Template '{template_id}' has no scene '{id}'."),
                    ));
                }
            }
            ids.len()
        }
    };
    if ![25.0, 30.0, 60.0].contains(&request.fps) {
        return Err(ApiErr::invalid(Some("fps"), "'fps' must be 25, 30 or 60."));
    }
    if let Some(dimension) = &request.dimension {
        let (width, height) = (dimension.width, dimension.height);
        let valid = |side: i64| (128..=4096).contains(&side) && side % 2 == 0;
        if !valid(width) || !valid(height) {
            return Err(ApiErr::invalid(
                Some("dimension"),
                "'dimension' sides must be even numbers of pixels from 128 to 4096.",
            ));
        }
        let portrait = template.aspect_ratio.as_deref() == Some("9:16");
        if portrait != (height > width) {
            return Err(ApiErr::invalid(
                Some("dimension"),
                format!(
                    "'dimension' must match the template's aspect ratio ({}).",
                    template.aspect_ratio.as_deref().unwrap_or("unknown")
                ),
            ));
        }
    }
    if let Some(url) = request.callback_url.as_deref() {
        check_url(url, "callback_url")?;
    }
    let title = given(request.title.as_deref())
        .map(str::to_string)
        .or_else(|| Some(template.name.clone()));
    let callback_id = request.callback_id.clone();
    let record = state.new_record(ResourceKind::Video, now, title, callback_id);
    let video = Video {
        record,
        folder_id: given(request.folder_id.as_deref()).map(str::to_string),
        duration: scenes as f64 * SCENE_SECONDS,
    };
    // Answered as `GET /v3/videos/{id}` would show it now.
    let shown = super::videos::detail(&state, &video, now);
    state.videos.push(video);
    data(typed::<GeneratedVideo>(json!(shown)))
}
