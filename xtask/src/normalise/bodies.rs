//! Name every inline request and response body.
//!
//! progenitor names an inline body after the operation and status, which gave the prototype
//! mis-typed envelopes. Every body becomes a component with a name that says what it is:
//! `{data: X}` → `XEnvelope`, a cursor page of `X` → `XPage`, `{error: E}` → `EEnvelope`,
//! anything else → `<OperationId>Envelope`. Equal bodies share one component.

use anyhow::Result;
use serde_json::Value;

use super::hoist::Hoister;
use super::walk;

pub fn apply(doc: &mut Value, hoister: &mut Hoister) -> Result<usize> {
    let mut sites = Vec::new();
    for (path, method, op) in walk::operations_mut(doc) {
        let op_name = walk::pascal(
            op.get("operationId")
                .and_then(Value::as_str)
                .unwrap_or(&path),
        );
        let base = format!(
            "/paths/{}/{method}",
            path.replace('~', "~0").replace('/', "~1")
        );
        if let Some(content) = op
            .pointer("/requestBody/content")
            .and_then(Value::as_object)
        {
            for media in content.keys() {
                let pointer = format!(
                    "{base}/requestBody/content/{}/schema",
                    media.replace('/', "~1")
                );
                sites.push((pointer, format!("{op_name}Request")));
            }
        }
        for (status, response) in op
            .get("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            for media in response
                .get("content")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|c| c.0)
            {
                let pointer = format!(
                    "{base}/responses/{status}/content/{}/schema",
                    media.replace('/', "~1")
                );
                let error = !status.starts_with('2');
                sites.push((
                    pointer,
                    format!("{op_name}{}", if error { "Error" } else { "Envelope" }),
                ));
            }
        }
    }
    let mut count = 0;
    for (pointer, op_name) in sites {
        let Some(schema) = doc.pointer(&pointer) else {
            continue;
        };
        if schema.get("$ref").is_some() {
            continue;
        }
        let schema = schema.clone();
        let error = op_name.ends_with("Error");
        let name = shape_name(&schema, error).unwrap_or(op_name.clone());
        let reference = match hoister.hoist(doc, &name, schema.clone()) {
            Ok(r) => r,
            // The same shape-name for a different body: fall back to the operation's name.
            Err(_) if name != op_name => hoister.hoist(doc, &op_name, schema)?,
            Err(e) => return Err(e),
        };
        *doc.pointer_mut(&pointer).expect("site") = reference;
        count += 1;
    }
    Ok(count)
}

/// `XEnvelope`, `XPage` or `EEnvelope` for the three shapes the API uses everywhere.
fn shape_name(schema: &Value, error: bool) -> Option<String> {
    let props = schema.get("properties")?.as_object()?;
    let keys: Vec<&str> = props.keys().map(String::as_str).collect();
    match keys.as_slice() {
        _ if error => walk::ref_name(props.get("error")?).map(|x| format!("{x}Envelope")),
        ["data"] => walk::ref_name(&props["data"]).map(|x| format!("{x}Envelope")),
        _ if props.contains_key("has_more") => {
            walk::ref_name(props.get("data")?.get("items")?).map(|x| format!("{x}Page"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn op(id: &str, body: Value) -> Value {
        json!({"operationId": id, "responses": {
            "200": {"content": {"application/json": {"schema": body}}},
            "400": {"content": {"application/json": {"schema": {"type": "object", "properties": {
                "error": {"$ref": "#/components/schemas/StandardAPIError"}}}}}}}})
    }

    #[test]
    fn bodies_are_named_by_shape_and_shared() {
        let data = |x: &str| json!({"type": "object", "properties": {"data": {"$ref": format!("#/components/schemas/{x}")}}});
        let page = json!({"type": "object", "properties": {
            "data": {"type": "array", "items": {"$ref": "#/components/schemas/VideoDetail"}},
            "has_more": {"type": "boolean"}, "next_token": {"type": "string", "nullable": true}}});
        let mut doc = json!({
            "paths": {
                "/v3/videos/{id}": {"get": op("getVideoV3", data("VideoDetail")), "delete": op("deleteVideoV3", json!({"type": "object", "properties": {"data": {"type": "object"}}}))},
                "/v3/videos": {"get": op("listVideosV3", page.clone())},
                "/v2/videos": {"get": op("listVideos", page)}},
            "components": {"schemas": {"VideoDetail": {"type": "object"}, "StandardAPIError": {"type": "object"}}}});
        let mut hoister = Hoister::default();
        assert_eq!(apply(&mut doc, &mut hoister).unwrap(), 8);
        assert_eq!(
            hoister.added,
            [
                "VideoDetailEnvelope",
                "StandardAPIErrorEnvelope",
                "DeleteVideoV3Envelope",
                "VideoDetailPage"
            ]
        );
        let get = &doc["paths"]["/v3/videos/{id}"]["get"]["responses"];
        assert_eq!(
            get["200"]["content"]["application/json"]["schema"],
            json!({"$ref": "#/components/schemas/VideoDetailEnvelope"})
        );
        assert_eq!(
            get["400"]["content"]["application/json"]["schema"],
            json!({"$ref": "#/components/schemas/StandardAPIErrorEnvelope"})
        );
    }
}
