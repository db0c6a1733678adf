//! The simulator refuses what the document forbids, at any depth, and accepts what it allows
//! (issue 20). For every v3 operation with a JSON request body, valid bodies are taken from the
//! document (its recorded example and one body per union member, `Synth::request_variants`),
//! made to name things the simulator holds (its avatar, voice, assets; http(s) URLs) and checked
//! valid against the document with `jsonschema`; from each, invalid variants are derived from
//! the document itself (`variants::invalid_variants`: each enum or `const` value unknown, each
//! required member dropped, each length, range and item count crossed by one, a member added
//! where the document forbids others — inside unions, batch items and studio scenes). Each
//! variant must be answered 400 `invalid_parameter` naming the variant's JSON path, and leave
//! every listing of the API as it was; then the valid body itself must succeed (2xx).
//! Separately: every enum value of every query parameter is accepted, and an integer written
//! `1.0` is an integer.

use std::collections::BTreeMap;
use std::time::Duration;

use heygen_contract_tests::variants::{Variant, invalid_variants};
use heygen_contract_tests::{Location, Operation, Spec, Synth, validate};
use heygen_sdk::testing::{Simulator, Timeline};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

fn spec() -> &'static Spec {
    Spec::shared().expect("the pinned OpenAPI document loads")
}

/// Raw HTTP to one simulator.
struct Api {
    http: reqwest::Client,
    base: String,
    key: String,
}

impl Api {
    fn new(sim: &Simulator) -> Self {
        Self {
            http: heygen_sdk::http_client_builder()
                .expect("a client builder")
                .build()
                .expect("an HTTP client"),
            base: sim.base_url(),
            key: sim.api_key().to_string(),
        }
    }

    async fn send(&self, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
        let mut request = self
            .http
            .request(method.parse().unwrap(), format!("{}{path}", self.base))
            .header("x-api-key", &self.key);
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.expect("the simulator answers");
        let status = response.status().as_u16();
        let bytes = response.bytes().await.unwrap_or_default();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    async fn data(&self, method: &str, path: &str, body: Value) -> Value {
        let (status, answer) = self.send(method, path, Some(&body)).await;
        assert!(
            (200..300).contains(&status),
            "fixture {method} {path}: {status} {answer}"
        );
        answer["data"].clone()
    }
}

/// What the simulator holds, to name in valid bodies.
struct Held {
    avatar: String,
    voice: String,
    image: String,
    audio: String,
    style: Option<String>,
}

impl Held {
    async fn new(sim: &Simulator) -> Self {
        let client = sim.client();
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
        let image = client.assets().upload_bytes("face.png", None, png).await;
        let mp3 = b"ID3\x04\x00\x00\x00\x00\x00\x00".to_vec();
        let audio = client.assets().upload_bytes("voice.mp3", None, mp3).await;
        let styles = client.video_agents().list_styles().first_page().await;
        Self {
            avatar: sim.avatar_id().expect("a seeded avatar"),
            voice: sim.voice_id().expect("a seeded voice"),
            image: image.expect("an image upload").asset_id,
            audio: audio.expect("an audio upload").asset_id,
            style: styles
                .ok()
                .and_then(|page| page.items.first().map(|s| s.style_id.clone())),
        }
    }
}

const URL: &str = "https://example.com/media.mp4";

/// The operation's path with each parameter naming something the simulator holds, created for
/// it (and the body's fields that must agree with it); `None` for a parameter no fixture makes.
async fn path_for(api: &Api, op: &Operation<'_>, body: &mut Value) -> Option<String> {
    let total = Timeline::default().total();
    let reference = json!({"type": "url", "url": URL});
    let mut path = op.path.clone();
    for parameter in op.parameters() {
        if parameter.location != Location::Path {
            continue;
        }
        let value = match parameter.name.as_str() {
            "look_id" => {
                let avatar = json!({"type": "photo", "name": "Me", "file": {"type": "url", "url": "https://example.com/face.png"}});
                let created = api.data("POST", "/v3/avatars", avatar).await;
                created["avatar_item"]["id"].as_str()?.to_string()
            }
            "group_id" => {
                let twin =
                    json!({"type": "video", "name": "Twin", "file": {"type": "url", "url": URL}});
                let created = api.data("POST", "/v3/avatars", twin).await;
                tokio::time::advance(Duration::from_secs(600)).await;
                created["avatar_group"]["id"].as_str()?.to_string()
            }
            "session_id" => {
                let chat = json!({"prompt": "A teaser", "mode": "chat"});
                let created = api.data("POST", "/v3/video-agents", chat).await;
                tokio::time::advance(total).await;
                created["session_id"].as_str()?.to_string()
            }
            "proofread_id" => {
                let proofread =
                    json!({"video": reference, "output_languages": ["French"], "title": "Proof"});
                let created = api
                    .data("POST", "/v3/video-translations/proofreads", proofread)
                    .await;
                tokio::time::advance(total).await;
                created["proofread_ids"][0].as_str()?.to_string()
            }
            "lipsync_id" => {
                let lipsync = json!({"video": reference, "audio": reference});
                let created = api.data("POST", "/v3/lipsyncs", lipsync).await;
                created["lipsync_id"].as_str()?.to_string()
            }
            "video_translation_id" => {
                let translation = json!({"video": reference, "output_languages": ["Spanish"]});
                let created = api
                    .data("POST", "/v3/video-translations", translation)
                    .await;
                created["video_translation_ids"][0].as_str()?.to_string()
            }
            "endpoint_id" => {
                let endpoint =
                    json!({"url": "https://example.com/hook", "events": ["avatar_video.success"]});
                let created = api.data("POST", "/v3/webhooks/endpoints", endpoint).await;
                created["endpoint_id"].as_str()?.to_string()
            }
            "template_id" => {
                let (_, listed) = api.send("GET", "/v3/templates", None).await;
                listed["data"][0]["id"].as_str()?.to_string()
            }
            "asset_id" => {
                // A direct upload, its bytes sent to the presigned URL; the body's checksum
                // names those bytes.
                let bytes = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
                let sum = hex(&Sha256::digest(&bytes));
                let slot = api
                    .data(
                        "POST",
                        "/v3/assets/direct-uploads",
                        json!({"filename": "a.png", "content_type": "image/png", "size_bytes": bytes.len(), "checksum_sha256": sum}),
                    )
                    .await;
                let url = slot["upload_url"].as_str()?;
                let mut put = api.http.put(url).body(bytes);
                for (name, value) in slot["upload_headers"].as_object().into_iter().flatten() {
                    put = put.header(name.as_str(), value.as_str().unwrap_or_default());
                }
                let status = put.send().await.ok()?.status();
                assert!(status.is_success(), "the presigned upload: {status}");
                if let Some(map) = body.as_object_mut()
                    && map.contains_key("checksum_sha256")
                {
                    map.insert("checksum_sha256".into(), Value::from(sum));
                }
                slot["asset_id"].as_str()?.to_string()
            }
            _ => return None,
        };
        path = path.replace(&format!("{{{}}}", parameter.name), &value);
    }
    // A batch the body names: an upload batch of one file.
    if body.get("batch_id").and_then(Value::as_str) == Some(heygen_contract_tests::synth::STRING) {
        let files = json!({"files": [{"filename": "a.png", "content_type": "image/png", "size_bytes": 16}]});
        let created = api
            .data("POST", "/v3/assets/direct-uploads/batches", files)
            .await;
        body["batch_id"] = created["batch_id"].clone();
    }
    Some(path)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The synthesised body made to name what the simulator holds: ids, URLs, languages, media.
/// Optional ids of things the simulator does not hold (folders, brand kits…) are dropped when
/// the body stays valid without them.
fn fill(value: &mut Value, held: &Held, key: &str) {
    match value {
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            for k in keys {
                if let Some(v) = map.get_mut(&k) {
                    fill(v, held, &k);
                }
            }
            // One source of speech: the script, when there is one.
            if map.contains_key("script") {
                map.remove("audio_url");
                map.remove("audio_asset_id");
            }
            // A consent video stands alone (the simulator's rule, from HeyGen's docs).
            if map.contains_key("consent_video") {
                map.remove("reroute_url");
                map.remove("consent_text");
            }
            // A window ends after it starts.
            if let (Some(start), Some(end)) = (
                map.get("start_time").and_then(Value::as_f64),
                map.get("end_time").and_then(Value::as_f64),
            ) && end <= start
            {
                map.insert("end_time".into(), json!(start + 1.0));
            }
            if map.get("type").and_then(Value::as_str) == Some("base64") {
                map.insert("data".into(), Value::from("iVBORw0KGgo="));
                map.insert("media_type".into(), Value::from("image/png"));
            }
        }
        Value::Array(items) => {
            for item in items {
                fill(item, held, key);
            }
        }
        // A frame in pixels (the simulator's rule: even sides from 128 to 4096).
        Value::Number(n) if matches!(key, "width" | "height") && n.as_f64() == Some(1.0) => {
            *value = json!(if key == "width" { 1280 } else { 720 });
        }
        Value::String(s)
            if s.as_str() == heygen_contract_tests::synth::STRING
                || s.as_str() == heygen_contract_tests::synth::URI =>
        {
            let audio = key.contains("audio");
            let filled = match key {
                k if k.ends_with("url") => URL.to_string(),
                "avatar_id" => held.avatar.clone(),
                "voice_id" | "brand_voice_id" => held.voice.clone(),
                "asset_id" if audio => held.audio.clone(),
                "asset_id" | "audio_asset_id" => {
                    if audio {
                        held.audio.clone()
                    } else {
                        held.image.clone()
                    }
                }
                "style_id" => held.style.clone().unwrap_or_else(|| s.clone()),
                "input_language" => "en".to_string(),
                "output_languages" | "output_language" | "language" => "Spanish".to_string(),
                "locale" => "en-US".to_string(),
                "checksum_sha256" => "0".repeat(64),
                "content_type" => "image/png".to_string(),
                "filename" => "a.png".to_string(),
                "gender" => "female".to_string(),
                "layers" => "foreground".to_string(),
                _ => return,
            };
            *s = filled;
        }
        _ => {}
    }
}

/// Drops optional members whose value still names nothing the simulator holds (`…_id` still
/// the synthesised text), keeping those the document requires.
fn drop_unheld(body: &mut Value, schema: &Value) {
    let spec = spec();
    let mut places = Vec::new();
    collect_unheld(body, String::new(), &mut places);
    for pointer in places {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let key = key.replace("~1", "/").replace("~0", "~");
        let Some(Value::Object(map)) = body.pointer_mut(parent) else {
            continue;
        };
        let Some(removed) = map.remove(&key) else {
            continue;
        };
        if validate(spec.document(), schema, body).is_err()
            && let Some(Value::Object(map)) = body.pointer_mut(parent)
        {
            map.insert(key, removed);
        }
    }
}

fn collect_unheld(value: &Value, pointer: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let child = format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1"));
                let unheld = |v: &Value| v.as_str() == Some(heygen_contract_tests::synth::STRING);
                let named = match v {
                    Value::Array(items) => k.ends_with("_ids") && items.iter().all(unheld),
                    v => k.ends_with("_id") && k != "callback_id" && unheld(v),
                };
                if named {
                    out.push(child);
                } else {
                    collect_unheld(v, child, out);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_unheld(v, format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// What the API lists: the ids in the answer of every v3 listing of the document (a `GET`
/// without path or required query parameters), by operation.
async fn listings(api: &Api) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for op in spec().operations() {
        if op.method != "GET"
            || !op.path.starts_with("/v3/")
            || op.path.contains('{')
            || op.parameters().iter().any(|p| p.required)
        {
            continue;
        }
        let (_, answer) = api.send("GET", &op.path, None).await;
        let mut ids = Vec::new();
        collect_ids(&answer, &mut ids);
        ids.sort();
        out.insert(op.operation_id.clone(), ids);
    }
    out
}

fn collect_ids(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match v {
                    Value::String(s) if k == "id" || k.ends_with("_id") => out.push(s.clone()),
                    _ => collect_ids(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_ids(v, out)),
        _ => {}
    }
}

/// Per operation: valid bodies sent, variants refused, and what went wrong.
#[derive(Default)]
struct Tally {
    bases: usize,
    accepted: usize,
    /// Valid bodies of a union member the simulator does not simulate (a newer document's).
    not_simulated: usize,
    variants: usize,
    by_rule: BTreeMap<&'static str, usize>,
}

#[tokio::test(start_paused = true)]
async fn every_invalid_variant_is_refused_naming_its_param_and_every_valid_body_accepted() {
    let spec = spec();
    let synth = Synth::new(spec);
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures: Vec<String> = Vec::new();
    let mut deepest = (0, String::new());
    for op in spec.operations() {
        let Some(body) = op.request_body() else {
            continue;
        };
        if !op.path.starts_with("/v3/")
            || !heygen_contract_tests::spec::is_json_media_type(&body.content_type)
        {
            continue;
        }
        let tally = tallies.entry(op.operation_id.clone()).or_default();
        // One simulator per operation: every path parameter is made afresh for each body.
        let sim = Simulator::start().await;
        let api = Api::new(&sim);
        let held = Held::new(&sim).await;
        // Each valid body with its path (its parameters made for it), first all of them, so
        // that the listings are compared once around every refused variant of the operation.
        let mut prepared: Vec<(String, Value)> = Vec::new();
        for synthesised in synth.request_variants(&op) {
            let mut base = synthesised;
            fill(&mut base, &held, "");
            drop_unheld(&mut base, &body.schema);
            let Some(path) = path_for(&api, &op, &mut base).await else {
                failures.push(format!(
                    "{}: no fixture for its path parameters",
                    op.operation_id
                ));
                continue;
            };
            match validate(spec.document(), &body.schema, &base) {
                Ok(()) => prepared.push((path, base)),
                Err(errors) => failures.push(format!(
                    "{}: the valid body is not valid: {errors:?}",
                    op.operation_id
                )),
            }
        }
        let before = listings(&api).await;
        for (path, base) in &prepared {
            tally.bases += 1;
            let variants: Vec<Variant> = invalid_variants(spec, &body.schema, base);
            for variant in &variants {
                if validate(spec.document(), &body.schema, &variant.body).is_ok() {
                    failures.push(format!(
                        "{} {} {:?}: the variant is valid by jsonschema",
                        op.operation_id, variant.rule, variant.param
                    ));
                    continue;
                }
                tally.variants += 1;
                let depth = variant
                    .param
                    .as_deref()
                    .map_or(0, |p| p.matches(['.', '[']).count());
                if depth > deepest.0 {
                    deepest = (
                        depth,
                        format!("{} {} {:?}", op.operation_id, variant.rule, variant.param),
                    );
                }
                *tally.by_rule.entry(variant.rule).or_default() += 1;
                let (status, answer) = api.send(&op.method, path, Some(&variant.body)).await;
                let error = &answer["error"];
                let param = error["param"].as_str().map(str::to_string);
                if status != 400 || error["code"] != "invalid_parameter" || param != variant.param {
                    failures.push(format!(
                        "{} {} at {:?}: answered {status} {answer}",
                        op.operation_id, variant.rule, variant.param
                    ));
                }
            }
        }
        if listings(&api).await != before {
            failures.push(format!(
                "{}: refused variants changed what the API lists",
                op.operation_id
            ));
        }
        for (path, base) in &prepared {
            let (status, answer) = api.send(&op.method, path, Some(base)).await;
            // A union member newer than the simulator is valid but not simulated: it answers
            // the typed `not_simulated` refusal (the simulator's documented fallback).
            let not_simulated = status == 400 && answer["error"]["code"] == "not_simulated";
            if (200..300).contains(&status) {
                tally.accepted += 1;
            } else if not_simulated {
                tally.not_simulated += 1;
            } else {
                failures.push(format!(
                    "{}: the valid body {base} answered {status} {answer}",
                    op.operation_id
                ));
            }
        }
    }
    let mut total = 0;
    println!(
        "operation                           valid bodies (accepted)  invalid variants  by rule"
    );
    for (id, tally) in &tallies {
        total += tally.variants;
        let rules: Vec<String> = tally
            .by_rule
            .iter()
            .map(|(r, n)| format!("{r} {n}"))
            .collect();
        println!(
            "  {id:<34} {:>3} ({:>3})  {:>6}  {}{}",
            tally.bases,
            tally.accepted,
            tally.variants,
            rules.join(", "),
            match tally.not_simulated {
                0 => String::new(),
                n => format!("; {n} valid bodies of members not simulated"),
            }
        );
    }
    println!(
        "invalid variants in total: {total}, over {} operations",
        tallies.len()
    );
    println!("deepest param refused: {}", deepest.1);
    for failure in &failures {
        println!("FAILED: {failure}");
    }
    assert!(
        failures.is_empty(),
        "{} failures (listed above)",
        failures.len()
    );
    // A body may state no rule a variant can break (nothing required, no enum or bound); every
    // operation's valid bodies are accepted, and the document's rules give variants.
    assert!(
        tallies
            .values()
            .all(|t| t.accepted + t.not_simulated == t.bases && t.accepted > 0)
    );
    assert!(total > 0);
}

/// Every value of every query-parameter enum of the document is accepted where it is
/// documented (each with the operation's required parameters synthesised).
#[tokio::test(start_paused = true)]
async fn every_query_enum_value_is_accepted() {
    let spec = spec();
    let synth = Synth::new(spec);
    let sim = Simulator::start().await;
    let api = Api::new(&sim);
    let mut failures = Vec::new();
    let mut sent = 0;
    for op in spec.operations() {
        if op.method != "GET" || !op.path.starts_with("/v3/") || op.path.contains('{') {
            continue;
        }
        let parameters = op.parameters();
        let required: Vec<(String, String)> = parameters
            .iter()
            .filter(|p| p.required && p.location == Location::Query)
            .map(|p| (p.name.clone(), scalar(&synth.parameter_value(p))))
            .collect();
        for parameter in parameters.iter().filter(|p| p.location == Location::Query) {
            let schema = spec.resolve(&parameter.schema);
            for value in schema["enum"].as_array().into_iter().flatten() {
                let mut pairs: Vec<(String, String)> = required
                    .iter()
                    .filter(|(name, _)| *name != parameter.name)
                    .cloned()
                    .collect();
                pairs.push((parameter.name.clone(), scalar(value)));
                let query: Vec<String> = pairs
                    .iter()
                    .map(|(k, v)| format!("{k}={}", v.replace(' ', "%20")))
                    .collect();
                let path = format!("{}?{}", op.path, query.join("&"));
                sent += 1;
                let (status, answer) = api.send("GET", &path, None).await;
                if !(200..300).contains(&status) {
                    failures.push(format!("{} {path}: {status} {answer}", op.operation_id));
                }
            }
        }
    }
    println!("query enum values sent: {sent}");
    for failure in &failures {
        println!("FAILED: {failure}");
    }
    assert!(sent > 0);
    assert!(
        failures.is_empty(),
        "{} refused (listed above)",
        failures.len()
    );
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Whole numbers written as floats are integers (JSON Schema): `"seed": 1.0` where the document
/// says integer is accepted, and a fraction is refused naming the member.
#[tokio::test(start_paused = true)]
async fn an_integer_written_as_a_whole_float_is_an_integer() {
    let spec = spec();
    let synth = Synth::new(spec);
    let sim = Simulator::start().await;
    let api = Api::new(&sim);
    let mut checked = 0;
    for op in spec.operations() {
        let Some(body) = op.request_body() else {
            continue;
        };
        if op.method != "POST" || op.path.contains('{') || !op.path.starts_with("/v3/") {
            continue;
        }
        let held = Held::new(&sim).await;
        let mut base = synth.request_example(&op).unwrap_or_else(|| json!({}));
        fill(&mut base, &held, "");
        drop_unheld(&mut base, &body.schema);
        // A body the simulator's own rules (beyond the document) refuse says nothing here.
        let (status, _) = api.send("POST", &op.path, Some(&base)).await;
        let Value::Object(map) = &base else { continue };
        if !(200..300).contains(&status) {
            continue;
        }
        let schema = spec.resolve(&body.schema);
        let properties = schema["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        for (name, property) in &properties {
            let property = spec.resolve(property);
            let integer = integer_schema(spec, property);
            if !integer || !map.contains_key(name) || !map[name].is_i64() {
                continue;
            }
            let whole = map[name].as_i64().unwrap() as f64;
            let mut as_float: Map<String, Value> = map.clone();
            as_float.insert(name.clone(), json!(whole));
            let (status, answer) = api
                .send("POST", &op.path, Some(&Value::Object(as_float.clone())))
                .await;
            assert!(
                (200..300).contains(&status),
                "{} {name}: {whole:?}: {status} {answer}",
                op.operation_id
            );
            as_float.insert(name.clone(), json!(whole + 0.5));
            let (status, answer) = api
                .send("POST", &op.path, Some(&Value::Object(as_float)))
                .await;
            assert_eq!(
                status, 400,
                "{} {name}: a fraction: {answer}",
                op.operation_id
            );
            assert_eq!(answer["error"]["param"], name.as_str());
            println!("  {} {name}: {whole:?} accepted", op.operation_id);
            checked += 1;
        }
    }
    println!("top-level integer members sent as whole floats: {checked}");
    assert!(checked > 0);
}

/// Whether a schema is an integer (or a nullable one).
fn integer_schema(spec: &Spec, schema: &Value) -> bool {
    let schema = spec.resolve(schema);
    match &schema["type"] {
        Value::String(t) => t == "integer",
        Value::Array(ts) => ts.iter().any(|t| t == "integer"),
        _ => schema["anyOf"]
            .as_array()
            .is_some_and(|m| m.iter().any(|m| integer_schema(spec, m))),
    }
}
