//! `/v3/avatars`: seeded groups and looks, creation (digital twin, photo, prompt), consent,
//! and renaming looks.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::routing::{get, post};
use heygen_sys::types::{
    AvatarError, AvatarGroupItem, AvatarLookItem, AvatarLookType, AvatarStatus,
    CreateAvatarConsentRequest, CreateAvatarConsentResponse, CreateAvatarRequestBody,
    CreateAvatarResponse, PreferredOrientation, UpdateAvatarLookRequest,
};
use serde_json::json;
use tokio::time::Instant;

use crate::testing::house_rules::{check_url, not_blank};
use crate::testing::reply::{ApiErr, Query, Reply, cursor, data, page, paginate, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{
    Group, Look, Phase, ResourceKind, State as SimState, find, find_mut, new_id,
};

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/avatars", get(list_groups).post(create))
        .route("/v3/avatars/looks", get(list_looks))
        .route(
            "/v3/avatars/looks/{look_id}",
            get(show_look).patch(update_look),
        )
        .route("/v3/avatars/{group_id}", get(show_group))
        .route("/v3/avatars/{group_id}/consent", post(consent))
}

fn error(phase: &Phase) -> Option<AvatarError> {
    phase.failed().then(|| {
        typed::<AvatarError>(json!({
            "code": "simulated_failure",
            "message": "The simulator was told to fail this avatar (fail_jobs).",
        }))
    })
}

fn group_item(state: &SimState, group: &Group, now: Instant) -> AvatarGroupItem {
    let looks: Vec<&Look> = state
        .looks
        .iter()
        .filter(|look| look.group_id == group.id)
        .collect();
    let phase = looks
        .iter()
        .rev()
        .find_map(|look| look.job.as_ref())
        .map(|job| job.phase(now));
    typed::<AvatarGroupItem>(json!({
        "consent_status": group.consent.map(|given| if given { "approved" } else { "pending" }.to_string()),
        "created_at": group.created_at,
        "default_voice_id": group.default_voice_id,
        "error": phase.as_ref().and_then(error),
        "gender": group.gender,
        "id": group.id,
        "looks_count": looks.len() as i64,
        "name": group.name,
        "preview_image_url": state.file_url("avatars", &format!("{}.jpg", group.id)),
        "preview_video_url": null,
        "status": Some(phase.map_or(AvatarStatus::Completed, |p| AvatarStatus::from(p.status()))),
    }))
}

fn look_item(state: &SimState, look: &Look, now: Instant) -> AvatarLookItem {
    let phase = look.job.as_ref().map(|job| job.phase(now));
    let (width, height) = match look.orientation {
        PreferredOrientation::Portrait => (1080, 1920),
        _ => (1920, 1080),
    };
    typed::<AvatarLookItem>(json!({
        "avatar_type": look.avatar_type,
        "default_voice_id": look.default_voice_id,
        "error": phase.as_ref().and_then(error),
        "gender": look.gender,
        "group_id": look.group_id,
        "id": look.id,
        "image_height": height,
        "image_width": width,
        "name": look.name,
        "preferred_orientation": look.orientation,
        "preview_image_url": state.file_url("avatars", &format!("{}.jpg", look.id)),
        "preview_video_url": null,
        "status": Some(phase.map_or(AvatarStatus::Completed, |p| AvatarStatus::from(p.status()))),
        "supported_api_engines": vec!["avatar_iv".to_string()],
        "tags": look.tags,
    }))
}

/// Whether a look is of the listing's `avatar_type`: a video avatar is a digital twin (the API's
/// newer name for it).
fn is_of_type(look: &Look, avatar_type: &str) -> bool {
    match avatar_type {
        "video_avatar" => look.avatar_type == AvatarLookType::DigitalTwin,
        other => look.avatar_type.as_str() == other,
    }
}

fn ownership(query: &Query) -> Result<Option<bool>, ApiErr> {
    Ok(query
        .one_of("ownership", &["public", "private"])?
        .map(|o| o == "public"))
}

async fn list_groups(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    let query = Query::parse(query.as_deref());
    let cursor = cursor(&query, "/v3/avatars")?;
    let public = ownership(&query)?;
    let now = Instant::now();
    let state = sim.state();
    let items = state
        .groups
        .iter()
        .filter(|g| public.is_none_or(|p| g.public == p))
        .map(|g| (g.seq, group_item(&state, g, now)))
        .collect();
    let (data, has_more, next_token) = paginate(items, cursor, false);
    page(data, has_more, next_token)
}

async fn list_looks(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    let query = Query::parse(query.as_deref());
    let cursor = cursor(&query, "/v3/avatars/looks")?;
    let public = ownership(&query)?;
    // Any value of the parameter's enum (checked before the route, testing/validate).
    let avatar_type = query.get("avatar_type");
    let group_id = query.get("group_id");
    let now = Instant::now();
    let state = sim.state();
    let items = state
        .looks
        .iter()
        .filter(|l| public.is_none_or(|p| l.public == p))
        .filter(|l| avatar_type.is_none_or(|t| is_of_type(l, t)))
        .filter(|l| group_id.is_none_or(|g| l.group_id == g))
        .map(|l| (l.seq, look_item(&state, l, now)))
        .collect();
    let (data, has_more, next_token) = paginate(items, cursor, false);
    page(data, has_more, next_token)
}

async fn show_group(State(sim): State<Sim>, Path(group_id): Path<String>) -> Reply {
    let state = sim.state();
    let group = find(&state.groups, &group_id)?;
    data(group_item(&state, group, Instant::now()))
}

async fn show_look(State(sim): State<Sim>, Path(look_id): Path<String>) -> Reply {
    let state = sim.state();
    let look = find(&state.looks, &look_id)?;
    data(look_item(&state, look, Instant::now()))
}

async fn update_look(State(sim): State<Sim>, Path(look_id): Path<String>, body: Bytes) -> Reply {
    let request: UpdateAvatarLookRequest = parse(&body)?;
    let now = Instant::now();
    let mut state = sim.state();
    let look = find_mut(&mut state.looks, &look_id)?;
    if look.avatar_type == AvatarLookType::StudioAvatar {
        return Err(ApiErr::invalid(
            None,
            "Only photo and video avatar looks can be renamed.",
        ));
    }
    let name = request
        .name
        .map(String::from)
        .filter(|n| !n.trim().is_empty());
    look.name = name.ok_or_else(|| ApiErr::invalid(Some("name"), "'name' is required."))?;
    let look = look.clone();
    data(look_item(&state, &look, now))
}

async fn create(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CreateAvatarRequestBody = parse(&body)?;
    let now = Instant::now();
    let mut state = sim.state();
    let (name, group_id, avatar_type, gated) = match &request {
        CreateAvatarRequestBody::Video(video) => {
            state.check_input(&video.file, "file")?;
            (
                video.name.clone(),
                video.avatar_group_id.clone(),
                AvatarLookType::DigitalTwin,
                true,
            )
        }
        // A video avatar is a digital twin (the API's newer name for it): consent-gated.
        CreateAvatarRequestBody::DigitalTwin(twin) => {
            state.check_input(&twin.file, "file")?;
            (
                twin.name.clone(),
                twin.avatar_group_id.clone(),
                AvatarLookType::DigitalTwin,
                true,
            )
        }
        CreateAvatarRequestBody::Photo(photo) => {
            state.check_input(&photo.file, "file")?;
            (
                photo.name.clone(),
                photo.avatar_group_id.clone(),
                AvatarLookType::PhotoAvatar,
                false,
            )
        }
        CreateAvatarRequestBody::Prompt(prompt) => {
            not_blank(&prompt.prompt, "prompt")?;
            for (index, image) in prompt.reference_images.iter().flatten().enumerate() {
                state.check_input(image, &format!("reference_images[{index}]"))?;
            }
            (
                prompt.name.clone(),
                prompt.avatar_group_id.clone(),
                AvatarLookType::PhotoAvatar,
                false,
            )
        }
        #[allow(unreachable_patterns)] // a member a newer API description adds
        other => return Err(ApiErr::not_simulated("", other)),
    };
    not_blank(&name, "name")?;
    let group_id = match group_id {
        Some(id) => match state.groups.iter().find(|g| g.id == id) {
            Some(group) if !group.public => id,
            Some(_) => {
                return Err(ApiErr::invalid(
                    Some("avatar_group_id"),
                    "Looks can only be added to your own avatar groups.",
                ));
            }
            None => {
                return Err(ApiErr::invalid(
                    Some("avatar_group_id"),
                    format!("Avatar group '{id}' not found."),
                ));
            }
        },
        None => {
            let id = new_id();
            let seq = state.next_seq();
            let created_at = state.clock.unix(now);
            state.groups.push(Group {
                seq,
                id: id.clone(),
                name: name.clone(),
                created_at,
                gender: None,
                default_voice_id: None,
                public: false,
                consent: None,
            });
            id
        }
    };
    if gated && let Some(group) = state.groups.iter_mut().find(|g| g.id == group_id) {
        group.consent.get_or_insert(false);
    }
    let job = state.new_job(ResourceKind::Avatar, now, gated);
    let look = Look {
        seq: state.next_seq(),
        id: new_id(),
        group_id: group_id.clone(),
        name,
        avatar_type,
        gender: None,
        default_voice_id: None,
        public: false,
        orientation: PreferredOrientation::Portrait,
        tags: Vec::new(),
        job: Some(job),
    };
    state.looks.push(look.clone());
    let group = find(&state.groups, &group_id)?.clone();
    data(typed::<CreateAvatarResponse>(json!({
        "avatar_group": group_item(&state, &group, now),
        "avatar_item": look_item(&state, &look, now),
    })))
}

/// Records consent at once: the simulator's subject always agrees. Digital twins waiting in
/// `pending_consent` go on processing from now.
async fn consent(State(sim): State<Sim>, Path(group_id): Path<String>, body: Bytes) -> Reply {
    let request: CreateAvatarConsentRequest = if body.iter().all(u8::is_ascii_whitespace) {
        typed(json!({}))
    } else {
        parse(&body)?
    };
    if let Some(url) = request.reroute_url.as_deref() {
        check_url(url, "reroute_url")?;
    }
    if let Some(text) = request.consent_text.as_deref()
        && text.contains(['<', '>'])
    {
        return Err(ApiErr::invalid(
            Some("consent_text"),
            "'consent_text' is plain text: '<' and '>' are not allowed.",
        ));
    }
    let now = Instant::now();
    let mut state = sim.state();
    // A pre-recorded consent video is submitted at once: no consent page to visit.
    let page = match &request.consent_video {
        Some(video) => {
            if request.reroute_url.is_some() || request.consent_text.is_some() {
                return Err(ApiErr::invalid(
                    Some("consent_video"),
                    "'consent_video' cannot be combined with 'reroute_url' or 'consent_text'.",
                ));
            }
            state.check_input(video, "consent_video")?;
            false
        }
        None => true,
    };
    let group = find_mut(&mut state.groups, &group_id)?;
    if group.public {
        return Err(ApiErr::invalid(None, "Public avatars need no consent."));
    }
    group.consent = Some(true);
    for look in state.looks.iter_mut().filter(|l| l.group_id == group_id) {
        if let Some(job) = look.job.as_mut()
            && job.release.is_none()
        {
            job.release = Some(now);
        }
    }
    let group = find(&state.groups, &group_id)?.clone();
    let url = page.then(|| format!("{}/consent/{group_id}", state.base_url));
    data(typed::<CreateAvatarConsentResponse>(json!({
        "avatar_group": group_item(&state, &group, now),
        "url": url,
    })))
}
