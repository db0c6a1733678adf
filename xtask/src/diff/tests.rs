//! Diff tests: synthetic pairs built here from the pinned document (each one change → the
//! exact classified lines), and the real April → July report. Documents come from the cache
//! (`cargo xtask fetch --from ../shared/heygen-openapi`); a missing one fails the test.

use serde_json::{Value, json};

use super::{Document, Kind, Report, compare};
use crate::fetch::{load_cached, load_cached_file};
use crate::lock::SpecLock;

fn pinned() -> Value {
    load_cached(&crate::workspace_root())
        .unwrap_or_else(|e| panic!("{e:#}"))
        .1
}

/// The lines `change` makes to the pinned document.
fn lines(change: impl FnOnce(&mut Value)) -> Vec<String> {
    let old = pinned();
    let mut new = old.clone();
    change(&mut new);
    compare(&old, &new)
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn schema<'a>(doc: &'a mut Value, name: &str) -> &'a mut Value {
    doc.pointer_mut(&format!("/components/schemas/{name}"))
        .unwrap_or_else(|| panic!("the pinned document has no schema {name}"))
}

fn paths(doc: &mut Value) -> &mut serde_json::Map<String, Value> {
    doc["paths"].as_object_mut().unwrap()
}

#[test]
fn the_pinned_document_against_itself_changes_nothing() {
    let doc = pinned();
    assert_eq!(compare(&doc, &doc), []);
}

#[test]
fn an_added_operation() {
    assert_eq!(
        lines(|doc| {
            let mut op = doc["paths"]["/v3/users/me"]["get"].clone();
            op["operationId"] = "getQuotaV3".into();
            paths(doc).insert("/v3/users/me/quota".into(), json!({ "get": op }));
        }),
        [
            "non-breaking operation `getQuotaV3`: added (GET /v3/users/me/quota) — a new method `get_quota_v3`."
        ]
    );
}

#[test]
fn a_removed_response_field_in_a_component_and_inline() {
    assert_eq!(
        lines(|doc| {
            schema(doc, "GetSessionResponse")["properties"]
                .as_object_mut()
                .unwrap()
                .remove("title");
        }),
        [
            "BREAKING schema `GetSessionResponse` at `title`: removed — code reading it no longer compiles."
        ]
    );
    assert_eq!(
        lines(|doc| {
            let envelope = doc
                .pointer_mut("/paths/~1v3~1video-agents~1{session_id}/get/responses/200/content/application~1json/schema/properties")
                .unwrap();
            envelope.as_object_mut().unwrap().remove("data");
        }),
        [
            "BREAKING operation `getVideoAgentSession` response `data`: removed — code reading it no longer compiles."
        ]
    );
}

#[test]
fn an_added_enum_value_of_a_response_enum() {
    assert_eq!(
        lines(|doc| {
            schema(doc, "GetSessionResponse")["properties"]["status"]["enum"]
                .as_array_mut()
                .unwrap()
                .push("paused".into());
        }),
        [
            "non-breaking schema `GetSessionResponse` at `status`: enum value \"paused\" added — response enums are open: earlier versions read it as `Unknown`."
        ]
    );
}

#[test]
fn an_optional_request_field_made_required() {
    assert_eq!(
        lines(|doc| {
            schema(doc, "SendMessageRequest")["required"]
                .as_array_mut()
                .unwrap()
                .push("voice_id".into());
        }),
        [
            "BREAKING schema `SendMessageRequest` at `voice_id`: now required — requests without it are refused: the builder fails without it."
        ]
    );
}

#[test]
fn new_request_fields_break_only_when_required() {
    assert_eq!(
        lines(|doc| {
            let request = schema(doc, "SendMessageRequest");
            request["properties"]["tone"] = json!({"type": "string"});
            request["properties"]["language"] = json!({"type": "string"});
            request["required"]
                .as_array_mut()
                .unwrap()
                .push("language".into());
        }),
        [
            // Fields in name order.
            "BREAKING schema `SendMessageRequest` at `language`: added, required — a new required request field: the builder fails without it.",
            "non-breaking schema `SendMessageRequest` at `tone`: added — optional: the builder leaves it unset.",
        ]
    );
}

#[test]
fn an_optional_response_field_made_required_changes_its_rust_type() {
    assert_eq!(
        lines(|doc| {
            schema(doc, "GetSessionResponse")["required"]
                .as_array_mut()
                .unwrap()
                .push("progress".into());
        }),
        [
            "BREAKING schema `GetSessionResponse` at `progress`: now required — its Rust type loses its `Option`."
        ]
    );
}

#[test]
fn a_moved_path_keeping_its_parameters_and_one_changing_them() {
    let route = "/v3/video-agents/{session_id}/stop";
    assert_eq!(
        lines(|doc| {
            let item = paths(doc).remove(route).unwrap();
            paths(doc).insert("/v3/video-agents/{session_id}/halt".into(), item);
        }),
        [
            "non-breaking operation `stopVideoAgentSession`: moved from POST /v3/video-agents/{session_id}/stop to POST /v3/video-agents/{session_id}/halt — `stop_video_agent_session` keeps its name and parameters and calls the new path; earlier versions call the old one."
        ]
    );
    assert_eq!(
        lines(|doc| {
            let mut item = paths(doc).remove(route).unwrap();
            item["post"]["parameters"][0]["name"] = "agent_id".into();
            paths(doc).insert("/v3/agents/{agent_id}/stop".into(), item);
        }),
        [
            "BREAKING operation `stopVideoAgentSession`: moved from POST /v3/video-agents/{session_id}/stop to POST /v3/agents/{agent_id}/stop — `stop_video_agent_session`'s path parameters change from (session_id) to (agent_id).",
            "BREAKING operation `stopVideoAgentSession` path parameter `agent_id`: added — a new required parameter: the builder fails without it.",
            "BREAKING operation `stopVideoAgentSession` path parameter `session_id`: removed — its builder setter is gone.",
        ]
    );
}

#[test]
fn a_renamed_operation_id() {
    assert_eq!(
        lines(|doc| {
            doc["paths"]["/v3/video-agents/{session_id}"]["get"]["operationId"] =
                "getSessionV3".into();
        }),
        [
            "BREAKING operation `getSessionV3`: renamed from `getVideoAgentSession` (GET /v3/video-agents/{session_id}) — the method `get_video_agent_session` is now `get_session_v3`: code calling the old name no longer compiles."
        ]
    );
}

#[test]
fn an_added_union_member() {
    assert_eq!(
        lines(|doc| {
            let mut member = schema(doc, "CreateVideoFromImage").clone();
            member["properties"]["type"] = json!({"const": "slides", "type": "string"});
            doc["components"]["schemas"]["CreateVideoFromSlides"] = member;
            let union = schema(doc, "CreateVideoV3RequestBody");
            let reference = "#/components/schemas/CreateVideoFromSlides";
            union["oneOf"]
                .as_array_mut()
                .unwrap()
                .push(json!({ "$ref": reference }));
            union["discriminator"]["mapping"]["slides"] = reference.into();
        }),
        [
            "non-breaking schema `CreateVideoFromSlides`: added — a new type.",
            "non-breaking schema `CreateVideoV3RequestBody`: union member `slides` added — a new variant to send.",
        ]
    );
}

#[test]
fn the_3_1_spellings_of_nullable_are_one_type_and_a_new_null_breaks_readers() {
    // `anyOf [string, null]` → `type: [string, null]`: the same Rust type, no line.
    assert_eq!(
        lines(|doc| {
            schema(doc, "GetSessionResponse")["properties"]["title"] =
                json!({"type": ["string", "null"], "default": null});
        }),
        Vec::<String>::new()
    );
    assert_eq!(
        lines(|doc| {
            schema(doc, "GetSessionResponse")["properties"]["session_id"] =
                json!({"anyOf": [{"type": "string"}, {"type": "null"}]});
        }),
        [
            "BREAKING schema `GetSessionResponse` at `session_id`: now nullable — its Rust type becomes `Option<T>`: the server may leave it out."
        ]
    );
}

#[test]
fn a_removed_request_enum_value_and_a_changed_field_type() {
    assert_eq!(
        lines(|doc| {
            let status = &mut schema(doc, "GetSessionResponse")["properties"]["created_at"];
            status["type"] = "string".into();
            status["format"] = "date-time".into();
            let values = schema(doc, "WebhookEventType")["enum"]
                .as_array_mut()
                .unwrap();
            values.retain(|v| v != "batch.finished");
        }),
        [
            // Component schemas come in document order.
            "BREAKING schema `WebhookEventType`: enum value \"batch.finished\" removed — the variant is gone and the server refuses the value.",
            "BREAKING schema `GetSessionResponse` at `created_at`: type integer → string(date-time) — its Rust type changes.",
        ]
    );
}

/// April → July, as HeyGen moved it: the sessions moved, three operations went away.
#[test]
fn april_to_july_reports_the_sessions_as_moved_and_breaks() {
    let root = crate::workspace_root();
    let lock = SpecLock::load(&root).unwrap();
    // By date, in the pin or the history: still found after later re-pins.
    let document = |date: &str| {
        let locked = lock
            .documents()
            .find(|d| d.date == date)
            .unwrap_or_else(|| panic!("openapi/spec.lock names no document of {date}"));
        Document {
            name: locked.file.to_string(),
            date: Some(date.to_string()),
            value: load_cached_file(&root, locked.file).unwrap_or_else(|e| panic!("{e:#}")),
        }
    };
    let report = Report::new(&document("2026-04-08"), &document("2026-07-22"));
    let of = |kind: Kind| -> Vec<String> {
        report
            .changes
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| c.to_string())
            .collect()
    };
    assert_eq!(
        of(Kind::OperationMoved),
        [
            "non-breaking operation `continueVideoAgentSession`: moved from POST /v3/video-agents/sessions/{session_id}/messages to POST /v3/video-agents/{session_id} — `continue_video_agent_session` keeps its name and parameters and calls the new path; earlier versions call the old one.",
            "non-breaking operation `getVideoAgentSession`: moved from GET /v3/video-agents/sessions/{session_id} to GET /v3/video-agents/{session_id} — `get_video_agent_session` keeps its name and parameters and calls the new path; earlier versions call the old one.",
            "non-breaking operation `stopVideoAgentSession`: moved from POST /v3/video-agents/sessions/{session_id}/stop to POST /v3/video-agents/{session_id}/stop — `stop_video_agent_session` keeps its name and parameters and calls the new path; earlier versions call the old one.",
        ]
    );
    let sessions = [
        "getVideoAgentSession",
        "continueVideoAgentSession",
        "stopVideoAgentSession",
    ];
    for kind in [Kind::OperationAdded, Kind::OperationRemoved] {
        for line in of(kind) {
            assert!(
                !sessions.iter().any(|s| line.contains(&format!("`{s}`"))),
                "{line}"
            );
        }
    }
    assert_eq!(
        of(Kind::OperationRemoved),
        [
            "BREAKING operation `createVideoAgentSession`: removed (POST /v3/video-agents/sessions) — code calling `create_video_agent_session` no longer compiles.",
            "BREAKING operation `getVideoAgentSessionResources`: removed (GET /v3/video-agents/sessions/{session_id}/resources) — code calling `get_video_agent_session_resources` no longer compiles.",
            "BREAKING operation `getVideoTranslationCaptionV3`: removed (GET /v3/video-translations/{video_translation_id}/caption) — code calling `get_video_translation_caption_v3` no longer compiles.",
        ]
    );
    // 100 operations = 62 − 3 removed + 41 new ids; with the 3 moved, the 44 new routes.
    assert_eq!(report.operations, (62, 100));
    assert_eq!(of(Kind::OperationAdded).len(), 41);
    assert_eq!(of(Kind::OperationRenamed).len(), 0);
    let breaking: Vec<String> = report
        .changes
        .iter()
        .filter(|c| c.breaking && c.kind != Kind::OperationRemoved)
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        breaking,
        [
            "BREAKING schema `AvatarLookType`: enum value \"video_avatar\" removed — the variant is gone: code naming it no longer compiles.",
            "BREAKING schema `CreateVideoTranslationRequest` at `fps_mode`: type string → string enum — its Rust type changes.",
            "BREAKING schema `CreateAvatarConsentResponse` at `url`: now optional — its Rust type becomes `Option<T>`: the server may leave it out.",
            "BREAKING schema `GetSessionResponse` at `status`: enum value \"processing\" removed — the variant is gone: code naming it no longer compiles.",
            "BREAKING schema `SendMessageRequest` at `auto_proceed`: removed — its builder setter is gone.",
        ]
    );
    assert!(report.breaking() > 0, "the report breaks: exit status 1");
    let markdown = report.markdown();
    assert!(markdown.contains("## Breaking (8)"), "{markdown}");
    let json = report.json();
    assert_eq!(json["breaking"], 8);
    assert_eq!(json["changes"][3]["kind"], "operation_moved");
}
