//! `/v3/videos`: create (avatar, image, cinematic avatar or studio scenes), get, list, delete.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::routing::get;
use heygen_sys::types::{
    CreateAvatarVideoResponse, CreateVideoV3RequestBody, DeleteVideoResponse, OutputFormat,
    VideoDetail, VideoStatus,
};
use serde_json::Value;
use serde_json::json;
use tokio::time::Instant;

use super::{
    check_asset_id, check_input, check_look, check_url, check_voice, failure_message, given,
    speech_seconds,
};
use crate::testing::lookup::{find, newest_first, take};
use crate::testing::reply::{ApiErr, Query, Reply, cursor, data, page, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{ResourceKind, State as SimState, Video};

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/videos", get(list).post(create))
        .route("/v3/videos/{video_id}", get(show).delete(remove))
}

/// The checks HeyGen makes before the body's type: the `type` tag, and script xor audio.
fn check_shape(value: &Value) -> Result<(), ApiErr> {
    let object = value
        .as_object()
        .ok_or_else(|| ApiErr::invalid(None, "The request body must be a JSON object."))?;
    match object.get("type") {
        None | Some(Value::Null) => {
            return Err(ApiErr::invalid(
                Some("type"),
                "'type' is required: 'avatar' (an avatar look), 'image' (an image to animate), \
                 'cinematic_avatar' or 'studio' (scenes).",
            ));
        }
        // Cinematic and studio videos carry their words in `prompt` and in scenes.
        Some(Value::String(tag)) if tag == "cinematic_avatar" || tag == "studio" => return Ok(()),
        Some(Value::String(tag)) if CreateVideoV3RequestBody::TAGS.contains(&tag.as_str()) => {}
        Some(other) => {
            return Err(ApiErr::invalid(
                Some("type"),
                format!(
                    "'type' must be one of {}, not {other}.",
                    CreateVideoV3RequestBody::TAGS.join(", ")
                ),
            ));
        }
    }
    let present = |key: &str| object.get(key).is_some_and(|v| !v.is_null());
    if present("audio_url") && present("audio_asset_id") {
        return Err(ApiErr::invalid(
            Some("audio_url"),
            "Give one audio source: 'audio_url' or 'audio_asset_id', not both.",
        ));
    }
    let audio = present("audio_url") || present("audio_asset_id");
    match (present("script"), audio) {
        (true, true) => Err(ApiErr::invalid(
            Some("script"),
            "Give either 'script' (with 'voice_id') or an audio source, not both.",
        )),
        (false, false) => Err(ApiErr::invalid(
            Some("script"),
            "One of 'script' (with 'voice_id') or an audio source ('audio_url' or 'audio_asset_id') is required.",
        )),
        (true, false) if !present("voice_id") => Err(ApiErr::invalid(
            Some("voice_id"),
            "'voice_id' is required with 'script'.",
        )),
        _ => Ok(()),
    }
}

/// What both kinds of video request share.
struct Common<'a> {
    script: Option<&'a str>,
    voice_id: Option<&'a str>,
    audio_url: Option<&'a str>,
    audio_asset_id: Option<&'a str>,
    title: Option<&'a str>,
    callback_url: Option<&'a str>,
    callback_id: Option<&'a str>,
}

/// The [`Common`] of a request that speaks a top-level script or audio: the same fields, on
/// the two generated types that have them (avatar and image videos).
macro_rules! spoken {
    ($video:expr) => {
        Common {
            script: $video.script.as_deref().map(String::as_str),
            voice_id: $video.voice_id.as_deref(),
            audio_url: $video.audio_url.as_deref(),
            audio_asset_id: $video.audio_asset_id.as_deref(),
            title: $video.title.as_deref(),
            callback_url: $video.callback_url.as_deref(),
            callback_id: $video.callback_id.as_deref(),
        }
    };
}

impl<'a> Common<'a> {
    /// A request whose words are not a top-level script (cinematic, studio).
    fn untold(
        title: Option<&'a str>,
        callback_url: Option<&'a str>,
        callback_id: Option<&'a str>,
    ) -> Self {
        Common {
            script: None,
            voice_id: None,
            audio_url: None,
            audio_asset_id: None,
            title,
            callback_url,
            callback_id,
        }
    }
}

pub(super) async fn create(State(sim): State<Sim>, body: Bytes) -> Reply {
    check_shape(&parse::<Value>(&body)?)?;
    let request: CreateVideoV3RequestBody = parse(&body)?;
    let now = Instant::now();
    let mut state = sim.state();
    let mut output_format = OutputFormat::Mp4;
    let mut seconds = None;
    let common = match &request {
        CreateVideoV3RequestBody::Avatar(video) => {
            check_look(&state, &video.avatar_id, "avatar_id", now)?;
            output_format = video.output_format.clone();
            spoken!(video)
        }
        CreateVideoV3RequestBody::Image(video) => {
            check_input(&state, &video.image, "image")?;
            output_format = video.output_format.clone();
            spoken!(video)
        }
        CreateVideoV3RequestBody::CinematicAvatar(video) => {
            if video.prompt.trim().is_empty() {
                return Err(ApiErr::invalid(
                    Some("prompt"),
                    "'prompt' must not be blank.",
                ));
            }
            for (index, avatar_id) in video.avatar_id.iter().enumerate() {
                check_look(&state, avatar_id, &format!("avatar_id[{index}]"), now)?;
            }
            for (index, reference) in video.references.iter().flatten().enumerate() {
                check_input(&state, reference, &format!("references[{index}]"))?;
            }
            seconds = video.duration.map(|d| d as f64);
            Common::untold(video.title.as_deref(), None, None)
        }
        CreateVideoV3RequestBody::Studio(video) => {
            if video.scenes.is_empty() {
                return Err(ApiErr::invalid(
                    Some("scenes"),
                    "'scenes' must not be empty.",
                ));
            }
            Common::untold(
                video.title.as_deref(),
                video.callback_url.as_deref(),
                video.callback_id.as_deref(),
            )
        }
    };
    if common.script.is_some_and(|s| s.trim().is_empty()) {
        return Err(ApiErr::invalid(
            Some("script"),
            "'script' must not be blank.",
        ));
    }
    if let Some(voice_id) = common.voice_id {
        check_voice(&state, voice_id, "voice_id")?;
    }
    if let Some(url) = common.audio_url {
        check_url(url, "audio_url")?;
    }
    if let Some(asset_id) = common.audio_asset_id {
        check_asset_id(&state, asset_id, "audio_asset_id")?;
    }
    if let Some(url) = common.callback_url {
        check_url(url, "callback_url")?;
    }
    state.gauge.admit(now, 1)?;
    let title = given(common.title).map(str::to_string);
    let callback_id = common.callback_id.map(str::to_string);
    let record = state.new_record(ResourceKind::Video, now, title, callback_id);
    let id = record.id.clone();
    state.videos.push(Video {
        record,
        folder_id: None,
        duration: seconds.or(common.script.map(speech_seconds)).unwrap_or(8.0),
    });
    data(typed::<CreateAvatarVideoResponse>(
        json!({"output_format": output_format, "status": "waiting", "video_id": id}),
    ))
}

/// A video as `GET /v3/videos/{id}` shows it at `now`.
pub(super) fn detail(state: &SimState, video: &Video, now: Instant) -> VideoDetail {
    let record = &video.record;
    let phase = record.job.phase(now);
    let done = phase.completed();
    let url = |extension: &str| {
        done.then(|| state.file_url("videos", &format!("{}.{extension}", record.id)))
    };
    typed::<VideoDetail>(
        json!({"captioned_video_url": url("captioned.mp4"), "completed_at": (phase
            .done_at()
            .filter(|_| done)
            .map(|at| state.clock.unix(at))), "created_at": Some(state.clock.unix(record.job.start)), "duration": done.then_some(video.duration), "failure_code": (phase.failed().then(|| "simulated_failure".to_string())), "failure_message": failure_message(&phase, record.job.stopped.is_some()), "folder_id": video.folder_id.clone(), "gif_url": url("gif"), "id": record.id.clone(), "output_language": null, "status": VideoStatus::from(phase.status()), "subtitle_url": url("srt"), "thumbnail_url": url("jpg"), "title": record.title.clone(), "video_page_url": null, "video_url": url("mp4")}),
    )
}

async fn show(State(sim): State<Sim>, Path(video_id): Path<String>) -> Reply {
    let state = sim.state();
    let video = find(&state.videos, &video_id)?;
    data(detail(&state, video, Instant::now()))
}

async fn list(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    let query = Query::parse(query.as_deref());
    let cursor = cursor(&query, "videos", 10, 100)?;
    let title = query.get("title").map(str::to_lowercase);
    let folder_id = query.get("folder_id");
    let now = Instant::now();
    let state = sim.state();
    let matching = state
        .videos
        .iter()
        .filter(|v| {
            title.as_deref().is_none_or(|t| {
                v.record
                    .title
                    .as_deref()
                    .is_some_and(|own| own.to_lowercase().contains(t))
            })
        })
        .filter(|v| folder_id.is_none_or(|f| v.folder_id.as_deref() == Some(f)));
    let (data, has_more, next_token) = newest_first(matching, cursor, |v| detail(&state, v, now));
    page(data, has_more, next_token)
}

async fn remove(State(sim): State<Sim>, Path(video_id): Path<String>) -> Reply {
    let mut state = sim.state();
    take(&mut state.videos, &video_id)?;
    data(typed::<DeleteVideoResponse>(
        json!({"deleted": true, "id": video_id}),
    ))
}
