//! `cargo xtask diff --from NEW`: what moving to a new upstream document would change.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;

use crate::fetch::load_cached;
use crate::normalise::walk::METHODS;

pub fn run(root: &Path, from: &str) -> Result<()> {
    let (_, old) = load_cached(root)?;
    let new: Value =
        serde_json::from_slice(&std::fs::read(from).with_context(|| format!("reading {from}"))?)?;
    for line in changes(&old, &new) {
        println!("{line}");
    }
    Ok(())
}

/// One line per added/removed operation or schema, changed schema, and added/removed enum value.
pub fn changes(old: &Value, new: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let (old_ops, new_ops) = (operations(old), operations(new));
    out.extend(
        new_ops
            .difference(&old_ops)
            .map(|o| format!("+ operation {o}")),
    );
    out.extend(
        old_ops
            .difference(&new_ops)
            .map(|o| format!("- operation {o}")),
    );
    let empty = serde_json::Map::new();
    let schemas = |d: &Value| {
        d.pointer("/components/schemas")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_else(|| empty.clone())
    };
    let (old_s, new_s) = (schemas(old), schemas(new));
    for (name, schema) in &new_s {
        match old_s.get(name) {
            None => out.push(format!("+ schema {name}")),
            Some(prev) if prev != schema => {
                out.push(format!("~ schema {name}"));
                let values = |s: &Value| -> BTreeSet<String> {
                    s.get("enum")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .map(|v| v.to_string())
                        .collect()
                };
                let (a, b) = (values(prev), values(schema));
                out.extend(b.difference(&a).map(|v| format!("    + enum value {v}")));
                out.extend(a.difference(&b).map(|v| format!("    - enum value {v}")));
            }
            _ => {}
        }
    }
    out.extend(
        old_s
            .keys()
            .filter(|k| !new_s.contains_key(*k))
            .map(|k| format!("- schema {k}")),
    );
    out
}

fn operations(doc: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            if METHODS.contains(&method.as_str()) {
                out.insert(format!(
                    "{} {path} ({})",
                    method.to_uppercase(),
                    op["operationId"].as_str().unwrap_or("?")
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reports_operations_schemas_and_enum_values() {
        let old = json!({"paths": {"/a": {"get": {"operationId": "a"}}}, "components": {"schemas": {
            "S": {"enum": ["x"]}, "Gone": {}}}});
        let new = json!({"paths": {"/b": {"post": {"operationId": "b"}}}, "components": {"schemas": {
            "S": {"enum": ["x", "y"]}, "New": {}}}});
        assert_eq!(
            changes(&old, &new),
            [
                "+ operation POST /b (b)",
                "- operation GET /a (a)",
                "~ schema S",
                "    + enum value \"y\"",
                "+ schema New",
                "- schema Gone",
            ]
        );
    }
}
