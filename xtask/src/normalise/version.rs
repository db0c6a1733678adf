//! Declare the document OpenAPI 3.0.3 once the 3.1 constructs are gone, dropping the 3.1-only
//! top-level keys (`jsonSchemaDialect`, `webhooks`) that 3.0 readers reject.

use serde_json::Value;

pub fn apply(doc: &mut Value) -> usize {
    let map = doc
        .as_object_mut()
        .expect("an OpenAPI document is an object");
    let dropped = ["jsonSchemaDialect", "webhooks"]
        .iter()
        .filter(|k| map.remove(**k).is_some())
        .count();
    map.insert("openapi".into(), Value::String("3.0.3".into()));
    1 + dropped
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn version_is_3_0_3_and_3_1_keys_go() {
        let mut doc = json!({"openapi": "3.1.0", "jsonSchemaDialect": "x", "info": {}});
        assert_eq!(apply(&mut doc), 2);
        assert_eq!(doc, json!({"openapi": "3.0.3", "info": {}}));
    }
}
