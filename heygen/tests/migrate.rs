//! The migration shims (`heygen_sdk::migrate`): legacy `createAvatarVideoV3` bodies become the exact
//! `createVideo` JSON (validated against the pinned 3.1 document), every legacy field is
//! accounted for, and the deprecated calls send the new requests.
//!
//! Reads the pinned document and the legacy shapes (`legacy-operations-2026-04-06.json`, a
//! `[[reference]]` of `openapi/spec.lock`) from this workspace's `openapi/cache/`, which
//! `cargo xtask fetch` fills and verifies (or the tests themselves, from `../shared`).
#![allow(deprecated)]

mod spec_cache;

use std::path::PathBuf;
use std::sync::OnceLock;

use heygen_sdk::migrate::{
    AUDIO_SOURCE_MESSAGE, LegacyCreateVideoRequest, LegacyOverdub, LegacyOverdubCreated,
    OverdubWebhookEvent, VISUAL_SOURCE_MESSAGE,
};
use heygen_sdk::types::{
    CreateLipsyncRequest, CreateVideoV3RequestBody, LipsyncCreateResponse, LipsyncDetail,
    UpdateLipsyncRequest,
};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, method, path, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

const LEGACY: &str = "legacy-operations-2026-04-06.json";

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn read_json(path: Result<PathBuf, String>) -> Value {
    let path = path.unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The pinned 3.1 document (the `file` of `openapi/spec.lock`).
fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let lock = std::fs::read_to_string(workspace().join("openapi/spec.lock")).unwrap();
        let file = lock
            .lines()
            .find_map(|l| l.strip_prefix("file = "))
            .expect("the lock names its file")
            .trim_matches('"')
            .to_string();
        read_json(spec_cache::cached(&workspace(), &file))
    })
}

/// The per-operation legacy shapes of 2026-04-06, from the cache (a `[[reference]]` of the lock).
fn legacy_operations() -> &'static Value {
    static LEGACY_OPS: OnceLock<Value> = OnceLock::new();
    LEGACY_OPS.get_or_init(|| {
        let lock = std::fs::read_to_string(workspace().join("openapi/spec.lock")).unwrap();
        assert!(
            lock.contains(&format!("[[reference]]\nfile = \"{LEGACY}\"")),
            "openapi/spec.lock names no [[reference]] {LEGACY}"
        );
        read_json(spec_cache::cached(&workspace(), LEGACY))
    })
}

/// A draft 2020-12 validator for `#/components/schemas/<name>` of the 3.1 document.
fn validator(name: &str) -> jsonschema::Validator {
    let root = json!({
        "$ref": format!("#/components/schemas/{name}"),
        "components": document()["components"].clone(),
    });
    jsonschema::draft202012::new(&root).unwrap_or_else(|e| panic!("schema {name}: {e}"))
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: {instance} is not valid: {errors:#?}"
    );
}

/// OpenAPI 3.0 `nullable` → JSON Schema `type: [T, "null"]`, so the legacy shapes validate too.
fn nullable_to_2020(schema: &Value) -> Value {
    match schema {
        Value::Object(map) => {
            let mut out: serde_json::Map<String, Value> = map
                .iter()
                .filter(|(k, _)| *k != "nullable")
                .map(|(k, v)| (k.clone(), nullable_to_2020(v)))
                .collect();
            if map.get("nullable") == Some(&Value::Bool(true)) {
                if let Some(Value::String(t)) = map.get("type") {
                    out.insert("type".into(), json!([t, "null"]));
                }
                if let Some(Value::Array(values)) = map.get("enum") {
                    let mut values = values.clone();
                    values.push(Value::Null);
                    out.insert("enum".into(), Value::Array(values));
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(nullable_to_2020).collect()),
        other => other.clone(),
    }
}

fn legacy_video_schema() -> &'static Value {
    &legacy_operations()["VideoCreate"]["RequestSchema"]
}

fn legacy_validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::new(&nullable_to_2020(schema)).expect("legacy schema")
}

/// What the SDK writes besides the legacy fields: the fields the API added after the flat body,
/// with their documented defaults (`output_format: "mp4"`, `voice_settings.volume: 1`), since
/// the generated types always serialise a defaulted field.
fn with_new_defaults(mut body: Value) -> Value {
    body["output_format"] = json!("mp4");
    if let Some(settings) = body.get_mut("voice_settings").filter(|v| v.is_object()) {
        *settings = voice_with_defaults(settings.clone());
    }
    body
}

/// `voice_settings` as the SDK writes it: the new `volume` at its default when absent.
fn voice_with_defaults(mut settings: Value) -> Value {
    if settings.get("volume").is_none() {
        settings["volume"] = json!(1.0);
    }
    settings
}

fn convert(legacy: &Value) -> heygen_sdk::Result<Value> {
    let legacy: LegacyCreateVideoRequest =
        serde_json::from_value(legacy.clone()).expect("legacy body deserialises");
    let body = CreateVideoV3RequestBody::try_from(legacy)?;
    Ok(serde_json::to_value(&body).unwrap())
}

enum Expect {
    /// The exact JSON of the new body.
    Body(Value),
    /// `Error::InvalidRequest` with this field and message.
    Invalid(&'static str, &'static str),
}

fn cases() -> Vec<(&'static str, Value, Expect)> {
    use Expect::{Body, Invalid};
    vec![
        (
            "avatar × script",
            json!({"avatar_id": "Angela-inblackskirt-20220820", "script": "Hello!", "voice_id": "v1"}),
            Body(
                json!({"type": "avatar", "avatar_id": "Angela-inblackskirt-20220820", "script": "Hello!", "voice_id": "v1"}),
            ),
        ),
        (
            "avatar × audio_url",
            json!({"avatar_id": "a1", "audio_url": "https://example.com/a.mp3"}),
            Body(
                json!({"type": "avatar", "avatar_id": "a1", "audio_url": "https://example.com/a.mp3"}),
            ),
        ),
        (
            "avatar × audio_asset_id, with voice_id (speech-to-speech)",
            json!({"avatar_id": "a1", "audio_asset_id": "aud_1", "voice_id": "v2"}),
            Body(
                json!({"type": "avatar", "avatar_id": "a1", "audio_asset_id": "aud_1", "voice_id": "v2"}),
            ),
        ),
        (
            "image_url × script",
            json!({"image_url": "https://example.com/me.png", "script": "Hi", "voice_id": "v1"}),
            Body(
                json!({"type": "image", "image": {"type": "url", "url": "https://example.com/me.png"}, "script": "Hi", "voice_id": "v1"}),
            ),
        ),
        (
            "image_url × audio_url",
            json!({"image_url": "https://example.com/me.png", "audio_url": "https://example.com/a.mp3"}),
            Body(
                json!({"type": "image", "image": {"type": "url", "url": "https://example.com/me.png"}, "audio_url": "https://example.com/a.mp3"}),
            ),
        ),
        (
            "image_url × audio_asset_id",
            json!({"image_url": "https://example.com/me.png", "audio_asset_id": "aud_1"}),
            Body(
                json!({"type": "image", "image": {"type": "url", "url": "https://example.com/me.png"}, "audio_asset_id": "aud_1"}),
            ),
        ),
        (
            "image_asset_id × script",
            json!({"image_asset_id": "img_1", "script": "Hi", "voice_id": "v1"}),
            Body(
                json!({"type": "image", "image": {"type": "asset_id", "asset_id": "img_1"}, "script": "Hi", "voice_id": "v1"}),
            ),
        ),
        (
            "image_asset_id × audio_url",
            json!({"image_asset_id": "img_1", "audio_url": "https://example.com/a.mp3"}),
            Body(
                json!({"type": "image", "image": {"type": "asset_id", "asset_id": "img_1"}, "audio_url": "https://example.com/a.mp3"}),
            ),
        ),
        (
            "image_asset_id × audio_asset_id",
            json!({"image_asset_id": "img_1", "audio_asset_id": "aud_1"}),
            Body(
                json!({"type": "image", "image": {"type": "asset_id", "asset_id": "img_1"}, "audio_asset_id": "aud_1"}),
            ),
        ),
        (
            "avatar × script, color background, voice settings, 9:16, every option",
            json!({
                "avatar_id": "a1", "script": "Hello!", "voice_id": "v1", "title": "Q3 update",
                "resolution": "1080p", "aspect_ratio": "9:16",
                "background": {"type": "color", "value": "#ff0000"},
                "remove_background": true, "expressiveness": "high", "motion_prompt": "wave",
                "voice_settings": {"speed": 1.2, "pitch": -3.5, "locale": "en-US"},
                "callback_url": "https://example.com/hook", "callback_id": "cb_1"
            }),
            Body(json!({
                "type": "avatar", "avatar_id": "a1", "script": "Hello!", "voice_id": "v1", "title": "Q3 update",
                "resolution": "1080p", "aspect_ratio": "9:16",
                "background": {"type": "color", "value": "#ff0000"},
                "remove_background": true, "expressiveness": "high", "motion_prompt": "wave",
                "voice_settings": {"speed": 1.2, "pitch": -3.5, "locale": "en-US"},
                "callback_url": "https://example.com/hook", "callback_id": "cb_1"
            })),
        ),
        (
            "image_url × script, image background by url, partial voice settings get the defaults",
            json!({
                "image_url": "https://example.com/me.png", "script": "Hi", "voice_id": "v1",
                "aspect_ratio": "16:9", "resolution": "720p",
                "background": {"type": "image", "url": "https://example.com/bg.jpg"},
                "voice_settings": {"speed": 0.8}
            }),
            Body(json!({
                "type": "image", "image": {"type": "url", "url": "https://example.com/me.png"}, "script": "Hi", "voice_id": "v1",
                "aspect_ratio": "16:9", "resolution": "720p",
                "background": {"type": "image", "url": "https://example.com/bg.jpg"},
                "voice_settings": {"speed": 0.8, "pitch": 0.0}
            })),
        ),
        (
            "image_asset_id × audio_url, image background by asset, photo-avatar options",
            json!({
                "image_asset_id": "img_1", "audio_url": "https://example.com/a.mp3",
                "background": {"type": "image", "asset_id": "bg_1"},
                "expressiveness": "medium", "motion_prompt": "nod slowly", "remove_background": false,
                "voice_settings": {"locale": "de-DE"}, "aspect_ratio": "9:16"
            }),
            Body(json!({
                "type": "image", "image": {"type": "asset_id", "asset_id": "img_1"}, "audio_url": "https://example.com/a.mp3",
                "background": {"type": "image", "asset_id": "bg_1"},
                "expressiveness": "medium", "motion_prompt": "nod slowly", "remove_background": false,
                "voice_settings": {"locale": "de-DE", "speed": 1.0, "pitch": 0.0}, "aspect_ratio": "9:16"
            })),
        ),
        (
            "stored body with explicit nulls",
            json!({
                "avatar_id": "a1", "image_url": null, "image_asset_id": null, "script": null, "voice_id": null,
                "audio_url": "https://example.com/a.mp3", "audio_asset_id": null, "title": null, "resolution": null,
                "aspect_ratio": null, "background": null, "remove_background": null, "expressiveness": null,
                "motion_prompt": null, "voice_settings": null, "callback_url": null, "callback_id": null
            }),
            Body(
                json!({"type": "avatar", "avatar_id": "a1", "audio_url": "https://example.com/a.mp3"}),
            ),
        ),
        (
            "voice settings at the bounds",
            json!({"avatar_id": "a1", "script": "x", "voice_id": "v1", "voice_settings": {"speed": 1.5, "pitch": -50}}),
            Body(
                json!({"type": "avatar", "avatar_id": "a1", "script": "x", "voice_id": "v1", "voice_settings": {"speed": 1.5, "pitch": -50.0}}),
            ),
        ),
        (
            "no visual source",
            json!({"script": "Hi", "voice_id": "v1"}),
            Invalid("avatar_id", VISUAL_SOURCE_MESSAGE),
        ),
        (
            "avatar_id and image_url",
            json!({"avatar_id": "a1", "image_url": "https://example.com/me.png", "script": "Hi", "voice_id": "v1"}),
            Invalid("avatar_id, image_url", VISUAL_SOURCE_MESSAGE),
        ),
        (
            "image_url and image_asset_id",
            json!({"image_url": "https://example.com/me.png", "image_asset_id": "img_1", "audio_asset_id": "aud_1"}),
            Invalid("image_url, image_asset_id", VISUAL_SOURCE_MESSAGE),
        ),
        (
            "all three visual sources",
            json!({"avatar_id": "a1", "image_url": "u", "image_asset_id": "i", "audio_asset_id": "aud_1"}),
            Invalid(
                "avatar_id, image_url, image_asset_id",
                VISUAL_SOURCE_MESSAGE,
            ),
        ),
        (
            "no speech source",
            json!({"avatar_id": "a1", "voice_id": "v1"}),
            Invalid("script", AUDIO_SOURCE_MESSAGE),
        ),
        (
            "script and audio_url",
            json!({"avatar_id": "a1", "script": "Hi", "voice_id": "v1", "audio_url": "https://example.com/a.mp3"}),
            Invalid("script, audio_url", AUDIO_SOURCE_MESSAGE),
        ),
        (
            "audio_url and audio_asset_id",
            json!({"image_asset_id": "img_1", "audio_url": "https://example.com/a.mp3", "audio_asset_id": "aud_1"}),
            Invalid("audio_url, audio_asset_id", AUDIO_SOURCE_MESSAGE),
        ),
        (
            "script without voice_id",
            json!({"avatar_id": "a1", "script": "Hi"}),
            Invalid("voice_id", "voice_id is required when script is provided."),
        ),
        (
            "empty script",
            json!({"avatar_id": "a1", "script": "", "voice_id": "v1"}),
            Invalid("script", "script must not be empty."),
        ),
        (
            "speed out of range",
            json!({"avatar_id": "a1", "script": "Hi", "voice_id": "v1", "voice_settings": {"speed": 2.0}}),
            Invalid(
                "voice_settings.speed",
                "Playback speed multiplier must be 0.5 (half speed) to 1.5 (1.5x speed); got 2.",
            ),
        ),
        (
            "pitch out of range",
            json!({"avatar_id": "a1", "script": "Hi", "voice_id": "v1", "voice_settings": {"pitch": -60}}),
            Invalid(
                "voice_settings.pitch",
                "Pitch adjustment in semitones must be -50 to +50; got -60.",
            ),
        ),
    ]
}

#[test]
fn legacy_bodies_become_the_exact_new_json_and_validate_against_the_document() {
    let new_schema = validator("CreateVideoV3RequestBody");
    let old_schema = legacy_validator(legacy_video_schema());
    let cases = cases();
    let converted = cases
        .iter()
        .filter(|(_, _, e)| matches!(e, Expect::Body(_)))
        .count();
    assert!(
        converted >= 12 && cases.len() - converted >= 8,
        "{converted} conversions, {} refusals",
        cases.len() - converted
    );
    for (name, legacy, expect) in &cases {
        // Every case is a body the old schema accepted (its cross-field rules are prose only).
        assert_valid(&old_schema, legacy, &format!("{name} (legacy schema)"));
        // The flat body itself is not a valid new body: the schema check has teeth.
        assert!(
            !new_schema.is_valid(legacy),
            "{name}: the legacy body passes the new schema"
        );
        match (convert(legacy), expect) {
            (Ok(body), Expect::Body(expected)) => {
                assert_eq!(body, with_new_defaults(expected.clone()), "{name}");
                assert_valid(&new_schema, &body, name);
                // And it reads back as the SDK's request type, same JSON.
                let typed: CreateVideoV3RequestBody = serde_json::from_value(body.clone()).unwrap();
                assert_eq!(
                    serde_json::to_value(&typed).unwrap(),
                    body,
                    "{name}: round trip"
                );
            }
            (
                Err(heygen_sdk::Error::InvalidRequest { field, message }),
                Expect::Invalid(want_field, want_message),
            ) => {
                assert_eq!(field.as_deref(), Some(*want_field), "{name}");
                assert_eq!(&message, want_message, "{name}");
            }
            (got, _) => panic!("{name}: unexpected {got:?}"),
        }
    }
}

#[test]
fn the_api_message_is_the_documents_own() {
    let text = document().to_string();
    assert!(
        text.contains(VISUAL_SOURCE_MESSAGE),
        "the 400 example of createVideo says {VISUAL_SOURCE_MESSAGE:?}"
    );
}

#[test]
fn fields_the_legacy_body_never_had_are_refused_not_dropped() {
    for extra in [
        json!({"type": "avatar"}),
        json!({"avatar": "a1"}),
        json!({"voice": {"voice_id": "v1"}}),
    ] {
        let mut body = json!({"avatar_id": "a1", "script": "Hi", "voice_id": "v1"});
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let error = serde_json::from_value::<LegacyCreateVideoRequest>(body.clone()).unwrap_err();
        assert!(
            error.to_string().contains("unknown field"),
            "{body}: {error}"
        );
    }
}

/// A value of the legacy property's schema (enum → first value, nested objects → every field).
fn sample(name: &str, schema: &Value) -> Value {
    if let Some(values) = schema["enum"].as_array() {
        return values[0].clone();
    }
    match schema["type"].as_str() {
        Some("string") => json!(format!("sample-{name}")),
        Some("boolean") => json!(true),
        Some("number") => json!(1.25),
        Some("object") => {
            let properties = schema["properties"]
                .as_object()
                .expect("object with properties");
            Value::Object(
                properties
                    .iter()
                    .map(|(key, sub)| (key.clone(), sample(key, sub)))
                    .collect(),
            )
        }
        other => panic!("legacy property {name}: no sample for type {other:?}"),
    }
}

/// Where a legacy top-level property lands in the new body (a JSON pointer), and what else the
/// conversion must have set. Every legacy property must be listed: the fallback panics.
fn mapping(name: &str) -> (String, Vec<(&'static str, Value)>) {
    match name {
        "avatar_id" => ("/avatar_id".into(), vec![("/type", json!("avatar"))]),
        "image_url" => (
            "/image/url".into(),
            vec![("/type", json!("image")), ("/image/type", json!("url"))],
        ),
        "image_asset_id" => (
            "/image/asset_id".into(),
            vec![
                ("/type", json!("image")),
                ("/image/type", json!("asset_id")),
            ],
        ),
        "voice_id" | "script" | "audio_url" | "audio_asset_id" | "title" | "resolution"
        | "aspect_ratio" | "background" | "remove_background" | "expressiveness"
        | "motion_prompt" | "voice_settings" | "callback_url" | "callback_id" => {
            (format!("/{name}"), vec![])
        }
        other => panic!("legacy field `{other}` is neither mapped nor explicitly rejected"),
    }
}

#[test]
fn every_legacy_property_is_mapped() {
    let schema = legacy_video_schema();
    let properties = schema["properties"]
        .as_object()
        .expect("VideoCreate.RequestSchema.properties");
    assert_eq!(
        properties.len(),
        17,
        "the legacy body has 17 fields: {:?}",
        properties.keys().collect::<Vec<_>>()
    );
    let new_schema = validator("CreateVideoV3RequestBody");
    let old_schema = legacy_validator(schema);
    for (name, property) in properties {
        let value = sample(name, property);
        let visual = if matches!(name.as_str(), "image_url" | "image_asset_id") {
            name.as_str()
        } else {
            "avatar_id"
        };
        let speech = if matches!(name.as_str(), "audio_url" | "audio_asset_id") {
            name.as_str()
        } else {
            "script"
        };
        let mut body = json!({"voice_id": "sample-voice_id"});
        body[visual] = json!(format!("sample-{visual}"));
        body[speech] = json!(format!("sample-{speech}"));
        body[name.as_str()] = value.clone();
        assert_valid(&old_schema, &body, &format!("legacy body for {name}"));

        let new = convert(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_valid(&new_schema, &new, &format!("new body for {name}"));
        let (pointer, implied) = mapping(name);
        let written = |field: &str, value: &Value| match field {
            "voice_settings" if value.is_object() => voice_with_defaults(value.clone()),
            _ => value.clone(),
        };
        assert_eq!(
            new.pointer(&pointer),
            Some(&written(name, &value)),
            "{name} → {pointer} in {new}"
        );
        for (pointer, want) in implied {
            assert_eq!(
                new.pointer(pointer),
                Some(&want),
                "{name} implies {pointer} = {want}"
            );
        }
        // Nested fields (background.*, voice_settings.*) land under the same names.
        if let Some(nested) = property["properties"].as_object() {
            for key in nested.keys() {
                let inner = format!("{pointer}/{key}");
                assert_eq!(
                    new.pointer(&inner),
                    value.get(key),
                    "{name}.{key} → {inner}"
                );
            }
        }
        // Nothing is lost: every legacy field of the body is found in the new one.
        for (field, field_value) in body.as_object().unwrap() {
            let (pointer, _) = mapping(field);
            assert_eq!(
                new.pointer(&pointer),
                Some(&written(field, field_value)),
                "{field} in the body for {name}"
            );
        }
    }
}

#[test]
fn legacy_overdub_payloads_deserialise_into_the_lipsync_types() {
    let ops = legacy_operations();

    // The old create body: every field of the schema deserialises, is kept under its name, and
    // the result validates as the new request.
    let schema = &ops["OverdubCreate"]["RequestSchema"];
    let mut body = serde_json::Map::new();
    for (name, property) in schema["properties"].as_object().unwrap() {
        let value = match name.as_str() {
            "video" => json!({"type": "url", "url": "https://example.com/in.mp4"}),
            "audio" => json!({"type": "asset_id", "asset_id": "aud_1"}),
            "mode" => json!("precision"),
            "start_time" | "end_time" => json!(2.5),
            _ => sample(name, property),
        };
        body.insert(name.clone(), value);
    }
    let body = Value::Object(body);
    assert_valid(&legacy_validator(schema), &body, "legacy overdub body");
    let request: CreateLipsyncRequest =
        serde_json::from_value(body.clone()).expect("old overdub body");
    let new = serde_json::to_value(&request).unwrap();
    assert_eq!(new, body, "every overdub field kept as is");
    assert_valid(&validator("CreateLipsyncRequest"), &new, "lipsync body");
    let _: UpdateLipsyncRequest = serde_json::from_value(json!({"title": "renamed"})).unwrap();

    // The old create response says `overdub_id`.
    let created: LegacyOverdubCreated =
        serde_json::from_value(json!({"overdub_id": "od_1"})).unwrap();
    assert_eq!(LipsyncCreateResponse::from(created).lipsync_id, "od_1");
    let created: LegacyOverdubCreated =
        serde_json::from_value(json!({"lipsync_id": "ls_1"})).unwrap();
    assert_eq!(created.lipsync_id, "ls_1");

    // The old detail (every property of OverdubGet's data), also with `overdub_id` as the key.
    let detail_schema = &ops["OverdubGet"]["ResponseSchema"]["properties"]["data"];
    let mut detail = serde_json::Map::new();
    for (name, property) in detail_schema["properties"].as_object().unwrap() {
        let value = match name.as_str() {
            "created_at" => json!(1_775_000_000),
            "duration" => json!(12.5),
            _ => sample(name, property),
        };
        detail.insert(name.clone(), value);
    }
    let detail = Value::Object(detail);
    let old: LegacyOverdub = serde_json::from_value(detail.clone()).unwrap();
    let new = serde_json::to_value(LipsyncDetail::from(old)).unwrap();
    assert_eq!(new, detail, "every overdub detail field kept");
    assert_valid(&validator("LipsyncDetail"), &new, "lipsync detail");
    let mut renamed = detail.clone();
    let id = renamed.as_object_mut().unwrap().remove("id").unwrap();
    renamed["overdub_id"] = id.clone();
    let old: LegacyOverdub = serde_json::from_value(renamed).unwrap();
    assert_eq!(json!(old.id), id);

    // A webhook body that still says `overdub_id`; unknown fields are kept.
    let event: OverdubWebhookEvent = serde_json::from_value(json!({
        "event_type": "overdub.success",
        "event_data": {"overdub_id": "od_1", "status": "completed", "video_url": "https://example.com/out.mp4", "callback_id": "cb", "duration": 3.5}
    }))
    .unwrap();
    assert_eq!(event.event_data.lipsync_id, "od_1");
    assert_eq!(event.event_data.status.as_deref(), Some("completed"));
    assert_eq!(event.event_data.extra.get("duration"), Some(&json!(3.5)));
    let event: OverdubWebhookEvent =
        serde_json::from_value(json!({"event_type": "lipsync.fail", "event_data": {"lipsync_id": "ls_1", "failure_message": "bad audio"}})).unwrap();
    assert_eq!(event.event_data.lipsync_id, "ls_1");
}

fn client(server: &MockServer) -> heygen_sdk::Client {
    heygen_sdk::Client::builder()
        .api_key("hg_test")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap()
}

/// Any request to the old paths fails the test (`expect(0)`).
async fn forbid_old_paths(server: &MockServer) {
    Mock::given(path_regex("^/v3/(overdubs|user/)"))
        .respond_with(ResponseTemplate::new(410))
        .expect(0)
        .mount(server)
        .await;
}

#[tokio::test]
async fn create_avatar_video_v3_posts_the_new_body_once() {
    let server = MockServer::start().await;
    let legacy = json!({
        "image_asset_id": "img_1", "script": "Hello!", "voice_id": "v1",
        "background": {"type": "color", "value": "#000000"}, "voice_settings": {"speed": 1.1}, "aspect_ratio": "9:16"
    });
    let expected = json!({
        "type": "image", "image": {"type": "asset_id", "asset_id": "img_1"}, "script": "Hello!", "voice_id": "v1",
        "background": {"type": "color", "value": "#000000"}, "voice_settings": {"speed": 1.1, "pitch": 0.0, "volume": 1.0},
        "aspect_ratio": "9:16", "output_format": "mp4"
    });
    assert_valid(
        &validator("CreateVideoV3RequestBody"),
        &expected,
        "expected body",
    );
    Mock::given(method("POST"))
        .and(path("/v3/videos"))
        .and(body_json(&expected))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": {"video_id": "vid_1", "status": "waiting"}})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let legacy: LegacyCreateVideoRequest = serde_json::from_value(legacy).unwrap();
    let created = client(&server)
        .videos()
        .create_avatar_video_v3(legacy)
        .await
        .unwrap();
    assert_eq!(
        (created.video_id.as_str(), created.status.as_str()),
        ("vid_1", "waiting")
    );
    server.verify().await;
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn create_avatar_video_v3_refuses_an_invalid_body_without_sending() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let legacy = LegacyCreateVideoRequest {
        script: Some("Hi".into()),
        voice_id: Some("v1".into()),
        ..Default::default()
    };
    let error = client(&server)
        .videos()
        .create_avatar_video_v3(legacy)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, heygen_sdk::Error::InvalidRequest { field: Some(f), message } if f == "avatar_id" && message == VISUAL_SOURCE_MESSAGE),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        format!("invalid request (`avatar_id`): {VISUAL_SOURCE_MESSAGE}")
    );
}

#[tokio::test]
async fn overdubs_call_the_lipsync_endpoints() {
    let server = MockServer::start().await;
    forbid_old_paths(&server).await;
    let detail = json!({"id": "od_1", "status": "completed", "title": "dub", "video_url": "https://example.com/out.mp4"});
    let stored = json!({"video": {"type": "url", "url": "https://example.com/in.mp4"}, "audio": {"type": "asset_id", "asset_id": "aud_1"}, "title": "dub"});
    let request: CreateLipsyncRequest = serde_json::from_value(stored).unwrap();
    Mock::given(method("POST"))
        .and(path("/v3/lipsyncs"))
        .and(body_json(serde_json::to_value(&request).unwrap()))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": {"lipsync_id": "od_1"}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/lipsyncs/od_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": detail})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v3/lipsyncs"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": [detail], "has_more": false, "next_token": null})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path("/v3/lipsyncs/od_1"))
        .and(body_json(json!({"title": "renamed"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": detail})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/v3/lipsyncs/od_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {"id": "od_1"}})))
        .expect(1)
        .mount(&server)
        .await;

    let overdubs = client(&server).overdubs();
    assert_eq!(overdubs.create(request).await.unwrap().lipsync_id, "od_1");
    assert_eq!(overdubs.get("od_1").await.unwrap().id, "od_1");
    let all: Vec<LipsyncDetail> = overdubs.list().items().try_collect().await.unwrap();
    assert_eq!(all.len(), 1);
    let update: UpdateLipsyncRequest = serde_json::from_value(json!({"title": "renamed"})).unwrap();
    assert_eq!(overdubs.update("od_1", update).await.unwrap().id, "od_1");
    assert_eq!(overdubs.delete("od_1").await.unwrap().id, "od_1");
    server.verify().await;
}

#[tokio::test]
async fn user_me_calls_users_me() {
    let server = MockServer::start().await;
    forbid_old_paths(&server).await;
    Mock::given(method("GET"))
        .and(path("/v3/users/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"data": {"username": "user_abc123", "email": "user@example.com", "first_name": "Jane", "last_name": "Doe"}}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let me = client(&server).users().user_me().await.unwrap();
    assert_eq!(me.username, "user_abc123");
    server.verify().await;
}
