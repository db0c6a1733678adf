//! 3.1 `$ref` with siblings → `allOf: [$ref]` carrying them.
//!
//! OpenAPI 3.0 ignores everything beside a `$ref`, which would drop the field's description
//! (its doc comment) and `default`. A one-member `allOf` keeps them and still names the same type.

use serde_json::{Map, Value};

use super::walk;

pub fn apply(doc: &mut Value) -> usize {
    let mut count = 0;
    walk::schemas_mut(doc, &mut |schema| {
        let Some(map) = schema.as_object_mut() else {
            return;
        };
        if map.len() < 2 || !map.contains_key("$ref") {
            return;
        }
        let reference = map.remove("$ref").expect("checked above");
        let mut wrapped = Map::new();
        wrapped.insert("$ref".into(), reference);
        map.insert("allOf".into(), Value::Array(vec![Value::Object(wrapped)]));
        count += 1;
    });
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ref_with_description_is_wrapped_bare_ref_is_not() {
        let mut doc = json!({"components": {"schemas": {"S": {"type": "object", "properties": {
            "a": {"$ref": "#/components/schemas/X", "description": "d"},
            "b": {"$ref": "#/components/schemas/X"}}}}}});
        assert_eq!(apply(&mut doc), 1);
        let props = &doc["components"]["schemas"]["S"]["properties"];
        assert_eq!(
            props["a"],
            json!({"description": "d", "allOf": [{"$ref": "#/components/schemas/X"}]})
        );
        assert_eq!(props["b"], json!({"$ref": "#/components/schemas/X"}));
    }
}
