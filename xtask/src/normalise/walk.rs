//! Visiting every schema object of an OpenAPI document, wherever it sits.

use serde_json::Value;

/// Calls `f` on every schema in the document, children before parents, so a rule sees the
/// already-rewritten children of the schema it rewrites.
pub fn schemas_mut(doc: &mut Value, f: &mut dyn FnMut(&mut Value)) {
    for_each_root(doc, &mut |root| visit(root, f));
}

/// Calls `f` on every top-level schema: components, parameters, bodies and headers.
pub fn for_each_root(doc: &mut Value, f: &mut dyn FnMut(&mut Value)) {
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for schema in schemas.values_mut() {
            f(schema);
        }
    }
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for item in paths.values_mut().filter_map(Value::as_object_mut) {
        for (key, op) in item.iter_mut() {
            if key == "parameters" {
                parameter_schemas(op, f);
                continue;
            }
            parameter_schemas(op.get_mut("parameters").unwrap_or(&mut Value::Null), f);
            if let Some(content) = op
                .pointer_mut("/requestBody/content")
                .and_then(Value::as_object_mut)
            {
                content
                    .values_mut()
                    .filter_map(|m| m.get_mut("schema"))
                    .for_each(&mut *f);
            }
            let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
                continue;
            };
            for response in responses.values_mut() {
                if let Some(content) = response.get_mut("content").and_then(Value::as_object_mut) {
                    content
                        .values_mut()
                        .filter_map(|m| m.get_mut("schema"))
                        .for_each(&mut *f);
                }
                if let Some(headers) = response.get_mut("headers").and_then(Value::as_object_mut) {
                    headers
                        .values_mut()
                        .filter_map(|h| h.get_mut("schema"))
                        .for_each(&mut *f);
                }
            }
        }
    }
}

fn parameter_schemas(params: &mut Value, f: &mut dyn FnMut(&mut Value)) {
    if let Some(params) = params.as_array_mut() {
        params
            .iter_mut()
            .filter_map(|p| p.get_mut("schema"))
            .for_each(f);
    }
}

/// The sub-schemas of one schema (properties, items, combinators …).
pub fn children_mut(schema: &mut Value) -> Vec<&mut Value> {
    let Some(map) = schema.as_object_mut() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in map.iter_mut() {
        match key.as_str() {
            "properties" | "patternProperties" => {
                if let Some(props) = value.as_object_mut() {
                    out.extend(props.values_mut());
                }
            }
            "items" | "not" | "additionalProperties" | "contains" if value.is_object() => {
                out.push(value)
            }
            "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
                if let Some(members) = value.as_array_mut() {
                    out.extend(members.iter_mut());
                }
            }
            _ => {}
        }
    }
    out
}

fn visit(schema: &mut Value, f: &mut dyn FnMut(&mut Value)) {
    for child in children_mut(schema) {
        visit(child, f);
    }
    f(schema);
}

/// The component name a `#/components/schemas/…` reference points at.
pub fn ref_name(schema: &Value) -> Option<&str> {
    schema
        .get("$ref")?
        .as_str()?
        .strip_prefix("#/components/schemas/")
}

/// A reference to a component schema.
pub fn ref_to(name: &str) -> Value {
    serde_json::json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// `snake_case`, `kebab-case` or `Title Case` → `PascalCase`.
pub fn pascal(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars).collect::<String>()
        })
        .collect()
}

/// Every operation as (path, method, operation object).
pub fn operations_mut(doc: &mut Value) -> Vec<(String, String, &mut Value)> {
    let mut out = Vec::new();
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            if let Some(item) = item.as_object_mut() {
                for (method, op) in item.iter_mut() {
                    if METHODS.contains(&method.as_str()) {
                        out.push((path.clone(), method.clone(), op));
                    }
                }
            }
        }
    }
    out
}

/// The HTTP methods an OpenAPI path item can hold.
pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The JSON pointer of every inline schema: every schema below a component's root, and every
/// parameter schema and below, innermost first.
pub fn inline_sites(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(schemas) = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    {
        for (name, schema) in schemas {
            sites_below(
                schema,
                &format!("/components/schemas/{}", escape(name)),
                &mut out,
            );
        }
    }
    for (path, item) in doc
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let path = format!("/paths/{}", escape(path));
        let mut lists = vec![(path.clone(), item.get("parameters"))];
        for method in METHODS {
            let op = item.get(method);
            lists.push((
                format!("{path}/{method}"),
                op.and_then(|o| o.get("parameters")),
            ));
        }
        for (base, params) in lists {
            for (i, param) in params
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                if let Some(schema) = param.get("schema") {
                    let pointer = format!("{base}/parameters/{i}/schema");
                    sites_below(schema, &pointer, &mut out);
                    out.push(pointer);
                }
            }
        }
    }
    out
}

fn sites_below(schema: &Value, pointer: &str, out: &mut Vec<String>) {
    let Some(map) = schema.as_object() else {
        return;
    };
    for (key, value) in map {
        let mut children: Vec<(String, &Value)> = Vec::new();
        match key.as_str() {
            "properties" => {
                for (prop, child) in value.as_object().into_iter().flatten() {
                    children.push((format!("{pointer}/properties/{}", escape(prop)), child));
                }
            }
            "items" | "additionalProperties" | "not" if value.is_object() => {
                children.push((format!("{pointer}/{key}"), value));
            }
            "allOf" | "anyOf" | "oneOf" => {
                for (i, child) in value.as_array().into_iter().flatten().enumerate() {
                    children.push((format!("{pointer}/{key}/{i}"), child));
                }
            }
            _ => {}
        }
        for (child_pointer, child) in children {
            sites_below(child, &child_pointer, out);
            out.push(child_pointer);
        }
    }
}

/// A JSON-pointer token for a key (`/` → `~1`, `~` → `~0`).
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn visits_children_before_parents_in_every_root() {
        let mut doc = json!({
            "paths": {"/a": {"get": {
                "parameters": [{"name": "p", "schema": {"type": "string"}}],
                "responses": {"200": {"content": {"application/json": {"schema": {
                    "type": "object", "properties": {"x": {"type": "integer"}}}}}}}
            }}},
            "components": {"schemas": {"S": {"anyOf": [{"type": "boolean"}]}}}
        });
        let mut seen = Vec::new();
        schemas_mut(&mut doc, &mut |s| {
            seen.push(s["type"].as_str().unwrap_or("-").to_string())
        });
        assert_eq!(seen, ["boolean", "-", "string", "integer", "object"]);
    }

    #[test]
    fn inline_sites_cover_components_and_parameters_innermost_first() {
        let doc = serde_json::json!({
            "paths": {"/a/{id}": {"parameters": [{"name": "id", "schema": {"type": "string"}}],
                "get": {"parameters": [{"name": "q", "schema": {"type": "array", "items": {"type": "string"}}}]}}},
            "components": {"schemas": {"S": {"type": "object", "properties": {
                "x": {"type": "array", "items": {"oneOf": [{"type": "string"}]}}}}}}
        });
        assert_eq!(
            inline_sites(&doc),
            [
                "/components/schemas/S/properties/x/items/oneOf/0",
                "/components/schemas/S/properties/x/items",
                "/components/schemas/S/properties/x",
                "/paths/~1a~1{id}/parameters/0/schema",
                "/paths/~1a~1{id}/get/parameters/0/schema/items",
                "/paths/~1a~1{id}/get/parameters/0/schema",
            ]
        );
    }

    #[test]
    fn pascal_cases_names() {
        assert_eq!(pascal("create_video-agent V3"), "CreateVideoAgentV3");
        assert_eq!(pascal("listVideosV3"), "ListVideosV3");
    }
}
