//! Name every inline discriminated union.
//!
//! The document writes the asset-input union (`url | asset_id | base64`) inline seven times and
//! `url | asset_id` nine times; progenitor would emit one type per place (or collide them by
//! title). Each distinct union becomes one component, named in `openapi/overlay.toml` by its tags
//! (or `<Parent><Property>` when the overlay has none), so every place shares one type.

use anyhow::Result;
use serde_json::Value;

use super::hoist::{self, Hoister};
use super::overlay::Overlay;
use super::walk;

pub fn apply(doc: &mut Value, overlay: &Overlay, hoister: &mut Hoister) -> Result<usize> {
    let mut count = 0;
    for site in walk::inline_sites(doc) {
        let schema = doc.pointer_mut(&site.pointer).expect("site found above");
        let Some(map) = schema.as_object_mut() else {
            continue;
        };
        if !(map.contains_key("discriminator") && map.contains_key("oneOf")) {
            continue;
        }
        let union = hoist::split_off(map, &["oneOf", "discriminator"]);
        let name = overlay
            .unions
            .get(&tag_key(&union))
            .cloned()
            .unwrap_or(site.fallback_name);
        let reference = hoister.hoist(doc, &name, union)?;
        hoist::put_ref(doc.pointer_mut(&site.pointer).expect("site"), reference);
        count += 1;
    }
    Ok(count)
}

/// The overlay's key for a union: its tags, sorted, joined by `|`.
pub fn tag_key(union: &Value) -> String {
    let mut tags: Vec<&str> = union
        .pointer("/discriminator/mapping")
        .and_then(Value::as_object)
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    tags.sort_unstable();
    tags.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn union(tags: &[&str]) -> Value {
        let mapping: serde_json::Map<String, Value> = tags
            .iter()
            .map(|t| (t.to_string(), json!(format!("#/components/schemas/{t}"))))
            .collect();
        let one_of: Vec<Value> = tags
            .iter()
            .map(|t| json!({"$ref": format!("#/components/schemas/{t}")}))
            .collect();
        json!({"oneOf": one_of, "discriminator": {"propertyName": "type", "mapping": mapping}})
    }

    #[test]
    fn equal_inline_unions_become_one_named_component() {
        let mut nullable = union(&["url", "asset_id"]);
        nullable["nullable"] = json!(true);
        nullable["description"] = json!("d");
        let mut doc = json!({"components": {"schemas": {
            "A": {"type": "object", "properties": {"file": union(&["url", "asset_id"])}},
            "B": {"type": "object", "properties": {
                "files": {"type": "array", "items": union(&["url", "asset_id"])},
                "srt": nullable}}}}});
        let overlay = Overlay {
            unions: [("asset_id|url".to_string(), "AssetRef".to_string())].into(),
            ..Default::default()
        };
        let mut hoister = Hoister::default();
        assert_eq!(apply(&mut doc, &overlay, &mut hoister).unwrap(), 3);
        let s = &doc["components"]["schemas"];
        assert_eq!(
            s["A"]["properties"]["file"],
            json!({"$ref": "#/components/schemas/AssetRef"})
        );
        assert_eq!(
            s["B"]["properties"]["files"]["items"],
            json!({"$ref": "#/components/schemas/AssetRef"})
        );
        assert_eq!(
            s["B"]["properties"]["srt"],
            json!({"nullable": true, "description": "d", "allOf": [{"$ref": "#/components/schemas/AssetRef"}]})
        );
        assert_eq!(s["AssetRef"]["discriminator"]["propertyName"], "type");
        assert_eq!(hoister.added, ["AssetRef"]);
    }

    #[test]
    fn unnamed_union_takes_parent_and_property_name() {
        let mut doc = json!({"components": {"schemas": {
            "CreateVideoFromImage": {"type": "object", "properties": {"image": union(&["url", "base64"])}}}}});
        apply(&mut doc, &Overlay::default(), &mut Hoister::default()).unwrap();
        assert!(doc["components"]["schemas"]["CreateVideoFromImageImage"]["oneOf"].is_array());
    }

    #[test]
    fn invented_name_colliding_with_a_component_fails() {
        let mut doc = json!({"components": {"schemas": {
            "AImage": {"type": "string"},
            "A": {"type": "object", "properties": {"image": union(&["url"])}}}}});
        let err = apply(&mut doc, &Overlay::default(), &mut Hoister::default()).unwrap_err();
        assert!(err.to_string().contains("collides"), "{err}");
    }
}
