//! `/v3/video-translations`: translations (one per output language; caption URLs once done
//! when asked for), languages,
//! and proofreads (review the translated subtitles, then generate the translation).

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use heygen_sys::types::{
    CreateProofreadRequest, CreateProofreadResponse, CreateVideoTranslationRequest,
    DownloadSrtResponse, GenerateVideoRequest, GenerateVideoResponse, ProofreadDetail,
    ProofreadStatus, UpdateVideoTranslationRequest, UploadSrtRequest,
    VideoTranslationCreateResponse, VideoTranslationDeleteResponse, VideoTranslationDetail,
    VideoTranslationLanguagesResponse, VideoTranslationStatus,
};
use serde_json::json;
use tokio::time::Instant;

use crate::testing::house_rules::TRANSLATION_LANGUAGES;
use crate::testing::reply::{Listing, Reply, data, page, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{Proofread, State as SimState, Translation, find, newest_first, take};

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/video-translations", get(list).post(create))
        .route("/v3/video-translations/languages", get(languages))
        .route("/v3/video-translations/proofreads", post(create_proofread))
        .route(
            "/v3/video-translations/proofreads/{proofread_id}",
            get(show_proofread),
        )
        .route(
            "/v3/video-translations/proofreads/{proofread_id}/srt",
            get(download_srt).put(upload_srt),
        )
        .route(
            "/v3/video-translations/proofreads/{proofread_id}/generate",
            post(generate),
        )
        .route(
            "/v3/video-translations/{translation_id}",
            get(show).patch(update).delete(remove),
        )
}

fn detail(state: &SimState, translation: &Translation, now: Instant) -> VideoTranslationDetail {
    let record = &translation.record;
    let phase = record.job.phase(now);
    let done = phase.completed();
    let file =
        |extension: &str| state.file_url("translations", &format!("{}.{extension}", record.id));
    typed::<VideoTranslationDetail>(json!({
        "audio_url": (done && translation.translate_audio_only).then(|| file("mp3")),
        "callback_id": record.callback_id,
        "created_at": state.clock.unix(record.job.start),
        "duration": done.then_some(translation.duration),
        "failure_message": phase.failure_message(false),
        "id": record.id,
        "input_language": translation.input_language,
        "output_language": translation.output_language,
        "srt_caption_url": (done && translation.captions).then(|| file("srt")),
        "status": VideoTranslationStatus::from(phase.status()),
        "title": record.title,
        "translate_audio_only": translation.translate_audio_only,
        "video_url": (done && !translation.translate_audio_only).then(|| file("mp4")),
        "vtt_caption_url": (done && translation.captions).then(|| file("vtt")),
    }))
}

async fn create(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CreateVideoTranslationRequest = parse(&body)?;
    let ids = sim.state().create_translations(&request, Instant::now())?;
    data(typed::<VideoTranslationCreateResponse>(
        json!({"video_translation_ids": ids}),
    ))
}

async fn list(State(sim): State<Sim>, Listing { query: _, cursor }: Listing) -> Reply {
    let now = Instant::now();
    let state = sim.state();
    let (data, has_more, next_token) = newest_first(state.translations.iter(), cursor, |t| {
        detail(&state, t, now)
    });
    page(data, has_more, next_token)
}

async fn show(State(sim): State<Sim>, Path(translation_id): Path<String>) -> Reply {
    let state = sim.state();
    let translation = find(&state.translations, &translation_id)?;
    data(detail(&state, translation, Instant::now()))
}

async fn update(State(sim): State<Sim>, Path(translation_id): Path<String>, body: Bytes) -> Reply {
    let request: UpdateVideoTranslationRequest = parse(&body)?;
    let mut state = sim.state();
    let translation = state.rename_translation(&translation_id, request.title)?;
    data(detail(&state, &translation, Instant::now()))
}

async fn remove(State(sim): State<Sim>, Path(translation_id): Path<String>) -> Reply {
    let mut state = sim.state();
    take(&mut state.translations, &translation_id)?;
    data(typed::<VideoTranslationDeleteResponse>(
        json!({"id": translation_id}),
    ))
}

async fn languages() -> Reply {
    let languages: Vec<String> = TRANSLATION_LANGUAGES
        .iter()
        .map(|l| l.to_string())
        .collect();
    data(typed::<VideoTranslationLanguagesResponse>(
        json!({"languages": languages}),
    ))
}

fn proofread_detail(state: &SimState, proofread: &Proofread, now: Instant) -> ProofreadDetail {
    let phase = proofread.job.phase(now);
    typed::<ProofreadDetail>(json!({
        "created_at": state.clock.unix(proofread.job.start),
        "failure_message": phase.failure_message(false),
        "id": proofread.id,
        "input_language": proofread.input_language,
        "output_language": proofread.output_language,
        "status": ProofreadStatus::from(phase.status()),
        "submitted_for_review": proofread.submitted,
        "title": proofread.title,
    }))
}

async fn create_proofread(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CreateProofreadRequest = parse(&body)?;
    let ids = sim.state().create_proofreads(&request, Instant::now())?;
    data(typed::<CreateProofreadResponse>(json!({
        "proofread_ids": ids,
        "status": ProofreadStatus::Processing,
    })))
}

async fn show_proofread(State(sim): State<Sim>, Path(proofread_id): Path<String>) -> Reply {
    let state = sim.state();
    let proofread = find(&state.proofreads, &proofread_id)?;
    data(proofread_detail(&state, proofread, Instant::now()))
}

async fn download_srt(State(sim): State<Sim>, Path(proofread_id): Path<String>) -> Reply {
    let state = sim.state();
    state.completed_proofread(&proofread_id, "download its subtitles")?;
    let srt = |suffix: &str| state.file_url("proofreads", &format!("{proofread_id}{suffix}.srt"));
    data(typed::<DownloadSrtResponse>(json!({
        "original_srt_url": srt("-original"),
        "srt_url": srt(""),
    })))
}

async fn upload_srt(
    State(sim): State<Sim>,
    Path(proofread_id): Path<String>,
    body: Bytes,
) -> Reply {
    let request: UploadSrtRequest = parse(&body)?;
    let state = sim.state();
    let proofread = state.replace_proofread_srt(&proofread_id, &request)?;
    data(proofread_detail(&state, proofread, Instant::now()))
}

async fn generate(State(sim): State<Sim>, Path(proofread_id): Path<String>, body: Bytes) -> Reply {
    let request: GenerateVideoRequest = parse(&body)?;
    let id = (sim.state()).generate_from_proofread(&proofread_id, &request, Instant::now())?;
    data(typed::<GenerateVideoResponse>(json!({
        "status": ProofreadStatus::Processing,
        "video_translation_id": id,
    })))
}
