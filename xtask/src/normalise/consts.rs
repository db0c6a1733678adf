//! 3.1 `const` → 3.0 single-value `enum`.
//!
//! A `const` string property is how the document marks a union member's tag (`type: "avatar"`).
//! It becomes a one-value enum with that value as its default, and leaves `required`: typify
//! then gives the field a serde default and the builder fills it in, so no caller ever writes
//! the tag, while serialisation still always writes it (the field is not an `Option`).

use serde_json::{Value, json};

use super::walk;

pub fn apply(doc: &mut Value) -> usize {
    let mut count = 0;
    walk::schemas_mut(doc, &mut |schema| {
        let Some(map) = schema.as_object_mut() else {
            return;
        };
        if let Some(value) = map.remove("const") {
            map.insert("enum".into(), json!([value.clone()]));
            map.insert("default".into(), value);
            count += 1;
        }
        // Children are visited first, so the fixed properties of this object are rewritten.
        let fixed: Vec<String> = map
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .filter(|(_, p)| {
                p.get("enum")
                    .and_then(Value::as_array)
                    .is_some_and(|e| e.len() == 1)
                    && p.get("default").is_some()
            })
            .map(|(name, _)| name.clone())
            .collect();
        if let Some(required) = map.get_mut("required").and_then(Value::as_array_mut) {
            required.retain(|r| !fixed.iter().any(|f| r == f));
        }
    });
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn const_becomes_single_value_enum_with_default() {
        let mut doc = json!({"components": {"schemas": {"S": {"type": "object", "required": ["type", "image"], "properties": {
            "type": {"const": "image", "type": "string"}, "image": {"type": "string"}}}}}});
        assert_eq!(apply(&mut doc), 1);
        assert_eq!(
            doc["components"]["schemas"]["S"]["required"],
            json!(["image"])
        );
        assert_eq!(
            doc["components"]["schemas"]["S"]["properties"]["type"],
            json!({"type": "string", "enum": ["image"], "default": "image"})
        );
    }
}
