//! 3.1 nullability → 3.0 `nullable: true`.
//!
//! FastAPI writes optional fields as `anyOf: [X, {type: null}]` and 3.1 allows `type: [X, "null"]`;
//! OpenAPI 3.0 (and so progenitor) only knows `nullable`. A lone `$ref` left after removing the
//! null member is wrapped in `allOf` because 3.0 ignores every sibling of `$ref`.

use serde_json::{Map, Value};

use super::walk;

pub fn apply(doc: &mut Value) -> usize {
    let mut count = 0;
    walk::schemas_mut(doc, &mut |schema| {
        if let Some(map) = schema.as_object_mut() {
            count += usize::from(type_list(map)) + usize::from(null_member(map));
        }
    });
    count
}

fn is_null(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("null")
}

/// `type: [X, "null"]` → `type: X, nullable: true`.
fn type_list(map: &mut Map<String, Value>) -> bool {
    let Some(types) = map.get("type").and_then(Value::as_array) else {
        return false;
    };
    let mut rest: Vec<Value> = types
        .iter()
        .filter(|t| t.as_str() != Some("null"))
        .cloned()
        .collect();
    let had_null = rest.len() < types.len();
    match rest.len() {
        // Several non-null types have no 3.0 form; the guards report it.
        0 | 2.. if !had_null => return false,
        1 => {
            map.insert("type".into(), rest.remove(0));
        }
        _ => {
            map.insert("type".into(), Value::Array(rest));
        }
    }
    if had_null {
        map.insert("nullable".into(), Value::Bool(true));
    }
    had_null
}

/// `anyOf`/`oneOf` with a `{type: null}` member → the other member(s) plus `nullable: true`.
fn null_member(map: &mut Map<String, Value>) -> bool {
    for key in ["anyOf", "oneOf"] {
        let Some(members) = map.get(key).and_then(Value::as_array) else {
            continue;
        };
        if !members.iter().any(is_null) {
            continue;
        }
        let mut rest: Vec<Value> = members.iter().filter(|m| !is_null(m)).cloned().collect();
        map.insert("nullable".into(), Value::Bool(true));
        if rest.len() != 1 {
            map.insert(key.into(), Value::Array(rest));
            return true;
        }
        map.remove(key);
        let only = rest.remove(0);
        if only.get("$ref").is_some() {
            map.insert("allOf".into(), Value::Array(vec![only]));
        } else if let Value::Object(member) = only {
            for (k, v) in member {
                // The outer schema's own description/default win over the member's.
                map.entry(k).or_insert(v);
            }
        }
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(schema: Value) -> (Value, usize) {
        let mut doc = json!({"components": {"schemas": {"S": schema}}});
        let n = apply(&mut doc);
        (doc["components"]["schemas"]["S"].take(), n)
    }

    #[test]
    fn any_of_scalar_and_null_becomes_nullable_scalar() {
        let (s, n) = run(
            json!({"anyOf": [{"type": "string", "minLength": 1}, {"type": "null"}], "default": null}),
        );
        assert_eq!(
            s,
            json!({"default": null, "nullable": true, "type": "string", "minLength": 1})
        );
        assert_eq!(n, 1);
    }

    #[test]
    fn any_of_ref_and_null_wraps_the_ref_in_all_of() {
        let (s, _) = run(
            json!({"anyOf": [{"$ref": "#/components/schemas/X"}, {"type": "null"}], "description": "d"}),
        );
        assert_eq!(
            s,
            json!({"description": "d", "nullable": true, "allOf": [{"$ref": "#/components/schemas/X"}]})
        );
    }

    #[test]
    fn type_list_with_null_becomes_nullable() {
        let (s, n) = run(json!({"type": ["string", "null"]}));
        assert_eq!(s, json!({"type": "string", "nullable": true}));
        assert_eq!(n, 1);
    }

    #[test]
    fn nested_property_is_rewritten_and_plain_schemas_are_untouched() {
        let (s, n) = run(json!({"type": "object", "properties": {
            "a": {"anyOf": [{"type": "array", "items": {"type": "integer"}}, {"type": "null"}]},
            "b": {"type": "integer"}}}));
        assert_eq!(
            s["properties"]["a"],
            json!({"nullable": true, "type": "array", "items": {"type": "integer"}})
        );
        assert_eq!(s["properties"]["b"], json!({"type": "integer"}));
        assert_eq!(n, 1);
    }
}
