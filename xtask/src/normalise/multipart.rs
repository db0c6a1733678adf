//! Set aside the operations progenitor cannot generate.
//!
//! progenitor has no multipart support; `POST /v3/assets` (uploadAsset) is written by hand in
//! `heygen_sdk::resources::assets`. Its response schema stays so the hand-written code returns the
//! generated `UploadAssetV3Response`.

use serde_json::Value;

use super::walk;

/// Removes every operation whose only request body is `multipart/form-data`; returns their ids.
pub fn apply(doc: &mut Value) -> Vec<String> {
    let mut removed = Vec::new();
    let mut targets = Vec::new();
    for (path, method, op) in walk::operations_mut(doc) {
        let content = op
            .pointer("/requestBody/content")
            .and_then(Value::as_object);
        if content.is_some_and(|c| c.keys().all(|k| k.starts_with("multipart/"))) {
            removed.push(
                op.get("operationId")
                    .and_then(Value::as_str)
                    .unwrap_or(&path)
                    .to_string(),
            );
            targets.push((path, method));
        }
    }
    let paths = doc["paths"].as_object_mut().expect("paths");
    for (path, method) in targets {
        let item = paths[&path].as_object_mut().expect("path item");
        item.remove(&method);
        if !item.keys().any(|k| walk::METHODS.contains(&k.as_str())) {
            paths.remove(&path);
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn multipart_only_operations_are_removed_and_reported() {
        let mut doc = json!({"paths": {
            "/v3/assets": {"post": {"operationId": "uploadAsset", "requestBody": {"content": {"multipart/form-data": {}}}}},
            "/v3/videos": {"post": {"operationId": "createVideo", "requestBody": {"content": {"application/json": {}}}},
                           "get": {"operationId": "listVideosV3"}}}});
        assert_eq!(apply(&mut doc), ["uploadAsset"]);
        assert!(doc["paths"].get("/v3/assets").is_none());
        assert!(doc["paths"]["/v3/videos"].get("post").is_some());
    }
}
