//! Name every inline request and response body.
//!
//! progenitor names an inline body after the operation and status, which gave the prototype
//! mis-typed envelopes. Every body becomes a component with a name that says what it is:
//! `{data: X}` → `XEnvelope`, a cursor page of `X` → `XPage`, `{error: E}` → `EEnvelope`,
//! anything else → `<OperationId>Request` / `<OperationId>Envelope` / `<OperationId>Error`.
//! An inline `data` is named first: `<OperationId>Response` (so its envelope is
//! `<OperationId>ResponseEnvelope`), or `<OperationId>Item` for the items of a list.
//! Equal bodies share one component; the inline rule then names what is inside them.

use anyhow::Result;
use serde_json::Value;

use super::hoist;
use super::inline::Namer;
use super::walk;

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Request,
    Success,
    Error,
}

pub fn apply(doc: &mut Value, namer: &mut Namer) -> Result<usize> {
    let mut sites = Vec::new();
    for (path, method, op) in walk::operations_mut(doc) {
        let op_name = walk::pascal(
            op.get("operationId")
                .and_then(Value::as_str)
                .unwrap_or(&path),
        );
        let base = format!("/paths/{}/{method}", walk::escape(&path));
        if let Some(content) = op
            .pointer("/requestBody/content")
            .and_then(Value::as_object)
        {
            for media in content.keys() {
                let pointer = format!("{base}/requestBody/content/{}/schema", walk::escape(media));
                sites.push((pointer, op_name.clone(), Role::Request));
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
                    "{base}/responses/{}/content/{}/schema",
                    walk::escape(status),
                    walk::escape(media)
                );
                let role = if status.starts_with('2') {
                    Role::Success
                } else {
                    Role::Error
                };
                sites.push((pointer, op_name.clone(), role));
            }
        }
    }
    let mut count = 0;
    for (pointer, op_name, role) in sites {
        let Some(mut schema) = doc.pointer(&pointer).cloned() else {
            continue;
        };
        if schema.get("$ref").is_some() {
            continue;
        }
        if role == Role::Success
            && let Some(data) = schema.pointer_mut("/properties/data")
        {
            let at = format!("{pointer}/properties/data");
            let named = namer.hoist_site(doc, data, &format!("{op_name}Response"), &at)?;
            if let (false, Some(items)) = (named, data.get_mut("items")) {
                namer.hoist_items(
                    doc,
                    items,
                    &format!("{op_name}Item"),
                    &format!("{at}/items"),
                )?;
            }
        }
        let position = format!(
            "{op_name}{}",
            match role {
                Role::Request => "Request",
                Role::Success => "Envelope",
                Role::Error => "Error",
            }
        );
        let chosen = namer.by_position(&position).cloned();
        let name = shape_name(&schema, role == Role::Error).unwrap_or(position.clone());
        let hoister = &mut namer.hoister;
        let reference = match hoister.hoist(doc, chosen.as_deref(), &name, schema.clone(), &pointer)
        {
            Ok(r) => r,
            // The same shape-name for a different body: fall back to the operation's name.
            Err(_) if name != position => hoister.hoist(doc, None, &position, schema, &pointer)?,
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
        _ if error => hoist::target(props.get("error")?).map(|x| format!("{x}Envelope")),
        ["data"] => hoist::target(&props["data"]).map(|x| format!("{x}Envelope")),
        _ if props.contains_key("has_more") => {
            hoist::target(props.get("data")?.get("items")?).map(|x| format!("{x}Page"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::hoist::Hoister;
    use crate::normalise::overlay::Overlay;
    use serde_json::json;

    fn op(id: &str, body: Value) -> Value {
        json!({"operationId": id, "responses": {
            "200": {"content": {"application/json": {"schema": body}}},
            "400": {"content": {"application/json": {"schema": {"type": "object", "properties": {
                "error": {"$ref": "#/components/schemas/StandardAPIError"}}}}}}}})
    }

    fn invented(namer: &Namer) -> Vec<String> {
        namer.hoister.added.iter().map(|i| i.name.clone()).collect()
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
        let overlay = Overlay::default();
        let mut namer = Namer::new(&overlay, Hoister::new(&doc));
        assert_eq!(apply(&mut doc, &mut namer).unwrap(), 8);
        assert_eq!(
            invented(&namer),
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
        assert_eq!(
            namer.hoister.added[1].origins[0],
            "/paths/~1v3~1videos~1{id}/get/responses/400/content/application~1json/schema"
        );
    }

    #[test]
    fn inline_data_is_named_after_the_operation_first() {
        let batch = json!({"type": "object", "properties": {"data": {"type": "object", "properties": {
            "batch_id": {"type": "string"}}}}});
        let list = json!({"type": "object", "properties": {
            "data": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}}}},
            "has_more": {"type": "boolean"}}});
        let request = json!({"type": "object", "properties": {"title": {"type": "string"}}});
        let mut doc = json!({"paths": {
            "/v3/videos/batches/{id}": {"get": op("getVideoBatch", batch)},
            "/v3/assets": {"get": op("listAssets", list), "post": {"operationId": "createAsset",
                "requestBody": {"content": {"application/json": {"schema": request}}}}}},
            "components": {"schemas": {"StandardAPIError": {"type": "object"}}}});
        let overlay = Overlay {
            names: [("CreateAssetRequest".into(), "NewAsset".into())].into(),
            ..Default::default()
        };
        let mut namer = Namer::new(&overlay, Hoister::new(&doc));
        apply(&mut doc, &mut namer).unwrap();
        assert_eq!(
            invented(&namer),
            [
                "GetVideoBatchResponse",
                "GetVideoBatchResponseEnvelope",
                "StandardAPIErrorEnvelope",
                "ListAssetsItem",
                "ListAssetsItemPage",
                "NewAsset"
            ]
        );
    }
}
