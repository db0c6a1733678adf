//! Discriminated unions: the overlay's key for one.
//!
//! The document writes the asset-input union (`url | asset_id | base64`) inline seven times and
//! `url | asset_id` nine times; the inline rule (`inline.rs`) makes each distinct union one
//! component, named in `openapi/overlay.toml` `[unions]` by its sorted tags.

use serde_json::Value;

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

    #[test]
    fn the_key_is_the_sorted_tags() {
        let union = json!({"discriminator": {"propertyName": "type", "mapping": {
            "url": "#/components/schemas/U", "base64": "#/components/schemas/B", "asset_id": "#/components/schemas/A"}}});
        assert_eq!(tag_key(&union), "asset_id|base64|url");
    }
}
