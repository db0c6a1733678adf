//! Drop FastAPI's per-property `title`s.
//!
//! typify names an inline type after its `title` and silently reuses the first type of a name:
//! every `"title": "Type"` became one enum, so `createVideo` sent `"type":"base64"`. Without
//! titles typify names inline types after their parent and property, which cannot collide
//! (the guards check). A component keeps its own title only when it equals its name.

use serde_json::Value;

use super::walk;

pub fn apply(doc: &mut Value) -> usize {
    let own: Vec<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|schemas| {
            let titled =
                |(name, s): (&String, &Value)| s.get("title").and_then(Value::as_str) == Some(name);
            schemas
                .iter()
                .filter(|e| titled(*e))
                .map(|(name, _)| name.clone())
                .collect()
        })
        .unwrap_or_default();
    let mut count = 0;
    walk::schemas_mut(doc, &mut |schema| {
        if let Some(map) = schema.as_object_mut() {
            count += usize::from(map.remove("title").is_some());
        }
    });
    for name in own {
        doc["components"]["schemas"][&name]["title"] = Value::String(name.clone());
        count -= 1;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn inline_titles_go_component_names_stay() {
        let mut doc = json!({
            "paths": {"/a": {"get": {"parameters": [{"name": "p", "schema": {"title": "P", "type": "string"}}]}}},
            "components": {"schemas": {"AssetUrl": {"title": "AssetUrl", "type": "object", "properties": {
                "type": {"title": "Type", "enum": ["url"]},
                "url": {"title": "Url", "type": "string"}}}}}
        });
        assert_eq!(apply(&mut doc), 3);
        assert_eq!(
            doc["components"]["schemas"]["AssetUrl"]["title"],
            "AssetUrl"
        );
        assert_eq!(
            doc["components"]["schemas"]["AssetUrl"]["properties"]["type"],
            json!({"enum": ["url"]})
        );
        assert_eq!(
            doc["paths"]["/a"]["get"]["parameters"][0]["schema"],
            json!({"type": "string"})
        );
    }
}
