//! Name every inline string enum inside a component.
//!
//! Every enum that can appear in a response must accept values the server adds later; the
//! generator makes component enums open. Hoisting the inline ones (a session's `status`, an
//! `orientation`) makes them components, named in `openapi/overlay.toml` or `<Parent><Property>`.
//! An inline enum with exactly a component's values becomes a reference to that component.
//! One-value enums are union tags and stay inline.

use anyhow::Result;
use serde_json::Value;

use super::hoist::{self, Hoister};
use super::overlay::Overlay;
use super::walk;

pub fn apply(doc: &mut Value, overlay: &Overlay, hoister: &mut Hoister) -> Result<usize> {
    let mut count = 0;
    for site in walk::inline_sites(doc) {
        let schema = doc.pointer_mut(&site.pointer).expect("site found above");
        let Some(values) = string_enum(schema) else {
            continue;
        };
        let key = values.join("|");
        let name = match (overlay.enums.get(&key), existing_with_values(doc, &values)) {
            (Some(name), _) => name.clone(),
            (None, Some(existing)) => existing,
            (None, None) => site.fallback_name,
        };
        let map = doc
            .pointer_mut(&site.pointer)
            .and_then(Value::as_object_mut)
            .expect("site");
        let moved = hoist::split_off(map, &["type", "enum"]);
        let reference = match existing_with_values(doc, &values) {
            Some(existing) if existing == name => walk::ref_to(&name),
            _ => hoister.hoist(doc, &name, moved)?,
        };
        hoist::put_ref(doc.pointer_mut(&site.pointer).expect("site"), reference);
        count += 1;
    }
    Ok(count)
}

/// The values of a string enum of two or more values.
pub fn string_enum(schema: &Value) -> Option<Vec<String>> {
    let values = schema.get("enum")?.as_array()?;
    let strings: Vec<String> = values
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    (strings.len() >= 2 && strings.len() == values.len()).then_some(strings)
}

fn existing_with_values(doc: &Value, values: &[String]) -> Option<String> {
    let schemas = doc.pointer("/components/schemas")?.as_object()?;
    schemas
        .iter()
        .find(|(_, s)| string_enum(s).as_deref() == Some(values))
        .map(|(n, _)| n.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn inline_enums_are_hoisted_named_and_shared() {
        let mut doc = json!({"components": {"schemas": {
            "Mode": {"type": "string", "enum": ["speed", "precision"]},
            "Session": {"type": "object", "properties": {
                "status": {"type": "string", "enum": ["processing", "completed"], "description": "d"},
                "mode": {"type": "string", "enum": ["speed", "precision"]},
                "kind": {"type": "string", "enum": ["only"]},
                "orientation": {"type": "string", "enum": ["landscape", "portrait"], "nullable": true}}},
            "Agent": {"type": "object", "properties": {
                "orientation": {"type": "string", "enum": ["landscape", "portrait"]}}}}}});
        let overlay = Overlay {
            enums: [("landscape|portrait".to_string(), "Orientation".to_string())].into(),
            ..Default::default()
        };
        let mut hoister = Hoister::default();
        assert_eq!(apply(&mut doc, &overlay, &mut hoister).unwrap(), 4);
        let s = &doc["components"]["schemas"];
        assert_eq!(
            s["Session"]["properties"]["status"],
            json!({"description": "d", "allOf": [{"$ref": "#/components/schemas/SessionStatus"}]})
        );
        assert_eq!(
            s["Session"]["properties"]["mode"],
            json!({"$ref": "#/components/schemas/Mode"})
        );
        assert_eq!(
            s["Session"]["properties"]["kind"],
            json!({"type": "string", "enum": ["only"]})
        );
        assert_eq!(
            s["Agent"]["properties"]["orientation"],
            json!({"$ref": "#/components/schemas/Orientation"})
        );
        assert_eq!(
            s["SessionStatus"],
            json!({"type": "string", "enum": ["processing", "completed"]})
        );
        assert_eq!(hoister.added, ["SessionStatus", "Orientation"]);
    }
}
