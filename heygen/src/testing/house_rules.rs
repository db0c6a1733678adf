//! The checks the simulator makes beyond the API description that several routes share. Every
//! rule beyond the description, with its source, is listed in `house_rules.md` (shown in the
//! `testing` module's docs); a rule that only one route makes is written in that route.

use crate::testing::reply::ApiErr;

/// `Some(value)` unless the value is absent or blank.
pub(crate) fn given(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.trim().is_empty())
}

/// A text that must not be blank.
pub(crate) fn not_blank(value: &str, param: &str) -> Result<(), ApiErr> {
    match given(Some(value)) {
        Some(_) => Ok(()),
        None => Err(ApiErr::invalid(
            Some(param),
            format!("'{param}' must not be blank."),
        )),
    }
}

/// A text of at most `max` characters, when given.
pub(crate) fn at_most(value: Option<&str>, max: usize, param: &str) -> Result<(), ApiErr> {
    match value {
        Some(text) if text.chars().count() > max => Err(ApiErr::invalid(
            Some(param),
            format!("'{param}' must be at most {max} characters."),
        )),
        _ => Ok(()),
    }
}

/// An absolute `http(s)` URL.
pub(crate) fn check_url(url: &str, param: &str) -> Result<(), ApiErr> {
    match reqwest::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => Ok(()),
        _ => Err(ApiErr::invalid(
            Some(param),
            format!("'{param}' must be an http(s) URL."),
        )),
    }
}

/// The most items of a batch, and ids of one kind in a statuses request.
pub(crate) const MAX_ITEMS: usize = 100;

/// A batch of 1 to [`MAX_ITEMS`] items at `param`.
pub(crate) fn batch_size(items: usize, param: &str) -> Result<(), ApiErr> {
    if (1..=MAX_ITEMS).contains(&items) {
        return Ok(());
    }
    Err(ApiErr::invalid(
        Some(param),
        format!("A batch holds 1 to {MAX_ITEMS} items, not {items}."),
    ))
}

/// The ids of a statuses request, each `(parameter, ids)`: at least one in all, at most
/// [`MAX_ITEMS`] of each.
pub(crate) fn ids_to_read(lists: &[(&str, &Vec<String>)]) -> Result<(), ApiErr> {
    if lists.iter().all(|(_, ids)| ids.is_empty()) {
        let names: Vec<String> = lists.iter().map(|(name, _)| format!("'{name}'")).collect();
        let message = format!("Pass {}.", names.join(" or "));
        return Err(ApiErr::invalid(
            lists.first().map(|(name, _)| *name),
            message,
        ));
    }
    match lists.iter().find(|(_, ids)| ids.len() > MAX_ITEMS) {
        Some((name, _)) => Err(ApiErr::invalid(
            Some(name),
            format!("'{name}' takes at most {MAX_ITEMS} ids."),
        )),
        None => Ok(()),
    }
}

/// `end_time` after `start_time`, when both are given.
pub(crate) fn end_after_start(start: Option<f64>, end: Option<f64>) -> Result<(), ApiErr> {
    match (start, end) {
        (Some(start), Some(end)) if start >= end => Err(ApiErr::invalid(
            Some("end_time"),
            "'end_time' must be after 'start_time'.",
        )),
        _ => Ok(()),
    }
}

/// Languages the simulated video translation accepts, as `GET /v3/video-translations/languages`
/// lists them.
pub(crate) const TRANSLATION_LANGUAGES: [&str; 10] = [
    "English",
    "Spanish",
    "French",
    "German",
    "Italian",
    "Japanese",
    "Korean",
    "Portuguese",
    "Hindi",
    "Chinese",
];

/// The listed spelling of each requested output language; at least one.
pub(crate) fn output_languages(requested: &[String]) -> Result<Vec<String>, ApiErr> {
    let param = Some("output_languages");
    if requested.is_empty() {
        let message = "'output_languages' needs at least one language.";
        return Err(ApiErr::invalid(param, message));
    }
    let known = |language: &String| {
        (TRANSLATION_LANGUAGES.iter())
            .find(|known| known.eq_ignore_ascii_case(language))
            .map(|known| known.to_string())
            .ok_or_else(|| {
                let message = format!(
                    "Unsupported language '{language}'; see GET /v3/video-translations/languages."
                );
                ApiErr::invalid(param, message)
            })
    };
    requested.iter().map(known).collect()
}

/// Exactly one audio source: `script` (with `voice_id`), `audio_url` or `audio_asset_id`.
pub(crate) fn one_audio_source(
    script: Option<&str>,
    voice_id: Option<&str>,
    audio_url: Option<&str>,
    audio_asset_id: Option<&str>,
) -> Result<(), ApiErr> {
    let invalid = |param, message| Err(ApiErr::invalid(Some(param), message));
    match (script, voice_id, audio_url, audio_asset_id) {
        (_, _, Some(_), Some(_)) => invalid(
            "audio_url",
            "Give one audio source: 'audio_url' or 'audio_asset_id', not both.",
        ),
        (Some(_), _, Some(_), _) | (Some(_), _, _, Some(_)) => invalid(
            "script",
            "Give either 'script' (with 'voice_id') or an audio source, not both.",
        ),
        (None, _, None, None) => invalid(
            "script",
            "One of 'script' (with 'voice_id') or an audio source ('audio_url' or 'audio_asset_id') is required.",
        ),
        (Some(_), None, _, _) => invalid("voice_id", "'voice_id' is required with 'script'."),
        (Some(script), Some(_), _, _) => not_blank(script, "script"),
        _ => Ok(()),
    }
}
