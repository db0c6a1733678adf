//! Checks that fail the run loudly when the normalised document would make progenitor or
//! typify produce a wrong type, instead of code that compiles and is silently wrong.

use std::collections::{BTreeSet, HashSet};

use serde_json::Value;

use super::{enums, walk};

/// Every problem found, one line each; empty when the document is safe to generate from.
pub fn check(doc: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    leftovers(doc, &mut problems);
    operations(doc, &mut problems);
    unions(doc, &mut problems);
    problems
}

fn leftovers(doc: &Value, problems: &mut Vec<String>) {
    let schemas = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object);
    for (name, schema) in schemas.into_iter().flatten() {
        if let Some(title) = schema
            .get("title")
            .and_then(Value::as_str)
            .filter(|t| t != name)
        {
            problems.push(format!(
                "component {name} has the title `{title}`: typify would name it after the title"
            ));
        }
    }
    for pointer in walk::inline_sites(doc) {
        let schema = doc.pointer(&pointer).expect("site");
        if schema.get("title").is_some() {
            problems.push(format!(
                "{pointer}: inline title left (typify names and merges types by title)"
            ));
        }
        if schema.get("discriminator").is_some() {
            problems.push(format!(
                "{pointer}: inline discriminated union left (would be an unnamed untagged enum)"
            ));
        }
        if enums::string_enum(schema).is_some() {
            problems.push(format!(
                "{pointer}: inline enum left (would be a closed enum)"
            ));
        }
        if schema
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty())
        {
            problems.push(format!(
                "{pointer}: inline object left (typify would name it, unreported and unshared)"
            ));
        }
    }
    let mut copy = doc.clone();
    walk::schemas_mut(&mut copy, &mut |schema| {
        let found: Vec<&str> = [
            ("const", schema.get("const").is_some()),
            (
                "a type list",
                schema.get("type").is_some_and(Value::is_array),
            ),
            (
                "a schema `examples` array",
                schema.get("examples").is_some_and(Value::is_array),
            ),
            (
                "a numeric exclusiveMinimum/Maximum",
                ["exclusiveMinimum", "exclusiveMaximum"]
                    .iter()
                    .any(|k| schema.get(*k).is_some_and(Value::is_number)),
            ),
            (
                "a {type: null} member",
                ["anyOf", "oneOf"].iter().any(|k| {
                    schema.get(*k).and_then(Value::as_array).is_some_and(|m| {
                        m.iter()
                            .any(|m| m.get("type") == Some(&Value::from("null")))
                    })
                }),
            ),
        ]
        .into_iter()
        .filter_map(|(what, present)| present.then_some(what))
        .collect();
        for what in found {
            problems.push(format!("3.1 construct left: {what} in {}", short(schema)));
        }
    });
}

fn operations(doc: &Value, problems: &mut Vec<String>) {
    let mut ids = HashSet::new();
    let mut copy = doc.clone();
    for (path, method, op) in walk::operations_mut(&mut copy) {
        let Some(id) = op.get("operationId").and_then(Value::as_str) else {
            problems.push(format!("{method} {path} has no operationId"));
            continue;
        };
        if !ids.insert(id.to_string()) {
            problems.push(format!("operationId {id} is used twice"));
        }
        let mut errors = BTreeSet::new();
        let mut successes = BTreeSet::new();
        let bodies = op
            .pointer("/requestBody/content")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(_, m)| ("request", m));
        let responses = op
            .get("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .flat_map(|(status, r)| {
                r.get("content")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .map(move |(_, m)| (status.as_str(), m))
            });
        for (status, media) in bodies.chain(responses) {
            let schema = media.get("schema").unwrap_or(&Value::Null);
            let Some(name) = walk::ref_name(schema) else {
                problems.push(format!(
                    "{id} {status}: inline body (progenitor would invent its name)"
                ));
                continue;
            };
            match status.as_bytes().first() {
                Some(b'2') => successes.insert(name.to_string()),
                Some(b'4' | b'5') | Some(b'd') => errors.insert(name.to_string()),
                _ => false,
            };
        }
        if errors.len() > 1 {
            problems.push(format!(
                "{id}: {} different error bodies {errors:?} (progenitor takes one)",
                errors.len()
            ));
        }
        if successes.len() > 1 {
            problems.push(format!(
                "{id}: {} different success bodies {successes:?}",
                successes.len()
            ));
        }
    }
}

fn unions(doc: &Value, problems: &mut Vec<String>) {
    let schemas = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object);
    for (name, schema) in schemas.into_iter().flatten() {
        let Some(disc) = schema.get("discriminator") else {
            continue;
        };
        let tag = disc
            .get("propertyName")
            .and_then(Value::as_str)
            .unwrap_or("");
        let mapping = disc.get("mapping").and_then(Value::as_object);
        if mapping.is_none_or(|m| {
            m.len()
                != schema
                    .get("oneOf")
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len)
        }) {
            problems.push(format!(
                "union {name}: every oneOf member needs a discriminator mapping"
            ));
            continue;
        }
        for (value, target) in mapping.into_iter().flatten() {
            let member = target
                .as_str()
                .and_then(|t| t.strip_prefix("#/components/schemas/"))
                .and_then(|t| schemas?.get(t));
            let Some(member) = member else {
                problems.push(format!(
                    "union {name}: mapping `{value}` points at no component"
                ));
                continue;
            };
            // The tag is fixed, and either required or defaulted to itself (see the consts rule).
            let required = member
                .get("required")
                .and_then(Value::as_array)
                .is_some_and(|r| r.iter().any(|r| r == tag));
            let property = member
                .pointer(&format!("/properties/{tag}"))
                .unwrap_or(&Value::Null);
            let fixed = property.get("enum") == Some(&Value::from(vec![value.clone()]));
            if !fixed || !(required || property.get("default") == Some(&Value::from(value.clone())))
            {
                problems.push(format!("union {name}: member for `{value}` must fix `{tag}` to \"{value}\" (required or by default)"));
            }
        }
    }
}

fn short(schema: &Value) -> String {
    let text = schema.to_string();
    text.chars().take(120).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc_with(schema: Value) -> Value {
        json!({"paths": {}, "components": {"schemas": {"S": schema, "Url": {
            "type": "object", "required": ["type"], "properties": {"type": {"enum": ["url"]}}}}}})
    }

    #[test]
    fn clean_document_passes() {
        let doc = doc_with(json!({"oneOf": [{"$ref": "#/components/schemas/Url"}],
            "discriminator": {"propertyName": "type", "mapping": {"url": "#/components/schemas/Url"}}}));
        assert_eq!(check(&doc), Vec::<String>::new());
    }

    #[test]
    fn leftovers_are_reported() {
        let doc = doc_with(json!({"type": "object", "properties": {
            "a": {"title": "Type", "type": "string"},
            "b": {"type": ["string", "null"]},
            "c": {"type": "string", "enum": ["x", "y"]},
            "d": {"type": "array", "items": {"type": "object", "properties": {"e": {"type": "integer"}}}}}}));
        let problems = check(&doc);
        assert_eq!(problems.len(), 4, "{problems:#?}");
        assert!(problems[0].contains("inline title"));
        assert!(problems[1].contains("inline enum"));
        assert!(problems[2].contains("/properties/d/items: inline object left"));
        assert!(problems[3].contains("type list"));
    }

    #[test]
    fn an_inline_enum_in_a_parameter_is_reported() {
        let doc = json!({"paths": {"/a": {"get": {"operationId": "a", "parameters": [
            {"name": "order", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"]}}],
            "responses": {}}}}, "components": {"schemas": {}}});
        assert_eq!(
            check(&doc),
            ["/paths/~1a/get/parameters/0/schema: inline enum left (would be a closed enum)"]
        );
    }

    #[test]
    fn two_error_bodies_and_inline_bodies_are_reported() {
        let media = |s: Value| json!({"content": {"application/json": {"schema": s}}});
        let doc = json!({"paths": {"/a": {"get": {"operationId": "a", "responses": {
            "200": media(json!({"type": "object"})),
            "400": media(json!({"$ref": "#/components/schemas/E1"})),
            "401": media(json!({"$ref": "#/components/schemas/E2"}))}}}}, "components": {"schemas": {}}});
        let problems = check(&doc);
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(problems[0].contains("inline body"));
        assert!(problems[1].contains("2 different error bodies"));
    }

    #[test]
    fn union_member_without_required_fixed_tag_is_reported() {
        let doc = json!({"paths": {}, "components": {"schemas": {
            "U": {"oneOf": [{"$ref": "#/components/schemas/M"}],
                  "discriminator": {"propertyName": "type", "mapping": {"m": "#/components/schemas/M"}}},
            "M": {"type": "object", "properties": {"type": {"enum": ["m"]}}}}}});
        assert!(check(&doc)[0].contains("must fix `type`"));
    }
}
