//! Which side writes each component: reached from a request (parameters, bodies), from a
//! response (any status, headers included), or both. A component reached from neither is
//! judged for both.

use std::collections::BTreeMap;

use serde_json::Value;

use super::change::Side;
use super::shape::Doc;
use crate::normalise::walk::METHODS;

/// Sides per component name, over both documents.
pub fn sides<'a>(old: Doc<'a>, new: Doc<'a>) -> BTreeMap<&'a str, Side> {
    let mut out = BTreeMap::new();
    for doc in [old, new] {
        for (name, side) in of(doc) {
            let merged = out.get(name).map_or(side, |s: &Side| s.union(side));
            out.insert(name, merged);
        }
    }
    out
}

fn of(doc: Doc<'_>) -> BTreeMap<&str, Side> {
    let mut out = BTreeMap::new();
    for item in doc.0["paths"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(_, i)| i)
    {
        mark(doc, &item["parameters"], Side::Request, &mut out);
        for (method, op) in item.as_object().into_iter().flatten() {
            if METHODS.contains(&method.as_str()) {
                mark(doc, &op["parameters"], Side::Request, &mut out);
                mark(doc, &op["requestBody"], Side::Request, &mut out);
                mark(doc, &op["responses"], Side::Response, &mut out);
            }
        }
    }
    out
}

/// Marks every component `value` references, transitively.
fn mark<'a>(doc: Doc<'a>, value: &'a Value, side: Side, out: &mut BTreeMap<&'a str, Side>) {
    match value {
        Value::Object(map) => {
            if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
                if let Some(name) = reference.strip_prefix("#/components/schemas/") {
                    let before = out.get(name).copied();
                    let after = before.map_or(side, |s| s.union(side));
                    if before == Some(after) {
                        return;
                    }
                    out.insert(name, after);
                }
                if let Some(target) = doc.lookup(reference) {
                    mark(doc, target, side, out);
                }
            }
            for (key, child) in map {
                if key != "example" && key != "examples" {
                    mark(doc, child, side, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| mark(doc, v, side, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn components_take_the_sides_that_reach_them_transitively() {
        let doc = json!({
            "paths": {"/a": {"post": {
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/In"}}}},
                "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Out"}}}}}
            }}},
            "components": {"schemas": {
                "In": {"properties": {"x": {"$ref": "#/components/schemas/Shared"}}},
                "Out": {"properties": {"x": {"$ref": "#/components/schemas/Shared"}, "o": {"$ref": "#/components/schemas/Out"}}},
                "Shared": {"type": "string"},
                "Unused": {"type": "string"}
            }}
        });
        let sides = sides(Doc(&doc), Doc(&doc));
        assert_eq!(sides.get("In"), Some(&Side::Request));
        assert_eq!(sides.get("Out"), Some(&Side::Response));
        assert_eq!(sides.get("Shared"), Some(&Side::Both));
        assert_eq!(sides.get("Unused"), None);
    }
}
