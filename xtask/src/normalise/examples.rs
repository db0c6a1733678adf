//! 3.1 schema `examples: [..]` → 3.0 `example`.
//!
//! Only schema objects are touched; a media type's `examples` map is valid 3.0 and stays.

use serde_json::Value;

use super::walk;

pub fn apply(doc: &mut Value) -> usize {
    let mut count = 0;
    walk::schemas_mut(doc, &mut |schema| {
        let Some(map) = schema.as_object_mut() else {
            return;
        };
        if let Some(Value::Array(mut examples)) = map.remove("examples") {
            if !examples.is_empty() && !map.contains_key("example") {
                map.insert("example".into(), examples.remove(0));
            }
            count += 1;
        }
    });
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn first_schema_example_is_kept_media_type_examples_untouched() {
        let mut doc = json!({"paths": {"/a": {"get": {"responses": {"200": {"content": {
        "application/json": {
            "schema": {"type": "string", "examples": ["x", "y"]},
            "examples": {"one": {"value": "x"}}
        }}}}}}}});
        assert_eq!(apply(&mut doc), 1);
        let media = &doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"];
        assert_eq!(media["schema"], json!({"type": "string", "example": "x"}));
        assert_eq!(media["examples"], json!({"one": {"value": "x"}}));
    }
}
