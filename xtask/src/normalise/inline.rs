//! Name every inline schema that would become a Rust type, wherever it sits.
//!
//! typify names an inline type itself (after its position, or a `title`), makes its enums
//! closed and its unions untagged. So every inline discriminated union, string enum and object
//! with properties, at any depth of any component (bodies are components by now), parameter or
//! union member, moves into `components/schemas`, outermost first, so that a child is named after
//! its already-named parent:
//!
//! - property `p` of `Parent` → `<Parent><P>`; the items of an array property → `<Parent>` + the
//!   singular of `P` (`videos` → `Video`), or `<Parent><P>Item` when there is no plain singular;
//!   other array items → `<Parent>Item`; map values → `<Parent>Value`;
//! - parameter `p` of operation `op` → `<Op><P>`;
//! - a union member → `<Union><Tag>` (and it joins the discriminator's mapping).
//!
//! A structurally equal schema already named (the document's own component or an invented one)
//! is reused instead. `openapi/overlay.toml` overrides names: unions by their tags, enums by their
//! values, anything by its position-derived name (`[names]`). Component roots stay as they are.

use std::collections::BTreeSet;

use anyhow::Result;
use serde_json::Value;

use super::hoist::{self, Hoister};
use super::names::singular_item;
use super::overlay::Overlay;
use super::{enums, unions, walk};

/// The inline schemas that become a named type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// `oneOf` + `discriminator`.
    Union,
    /// A string enum of two or more values (one-value enums are union tags and stay inline).
    Enum,
    /// An object with properties.
    Object,
}

impl Kind {
    pub fn of(schema: &Value) -> Option<Kind> {
        if schema.get("oneOf").is_some() && schema.get("discriminator").is_some() {
            Some(Kind::Union)
        } else if enums::string_enum(schema).is_some() {
            Some(Kind::Enum)
        } else if schema
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty())
        {
            Some(Kind::Object)
        } else {
            None
        }
    }

    /// Takes the part of the schema that becomes the component.
    fn split(self, map: &mut serde_json::Map<String, Value>) -> Value {
        match self {
            Kind::Union => hoist::split_off(map, &["oneOf", "discriminator"]),
            Kind::Enum => hoist::split_off(map, &["type", "enum"]),
            Kind::Object => hoist::split_off_all(map),
        }
    }

    /// The overlay's name for this kind of schema, by its content.
    fn overlay_name<'o>(self, overlay: &'o Overlay, moved: &Value) -> Option<&'o String> {
        match self {
            Kind::Union => overlay.unions.get(&unions::tag_key(moved)),
            Kind::Enum => overlay.enums.get(&enums::string_enum(moved)?.join("|")),
            Kind::Object => None,
        }
    }
}

/// Names inline schemas for one document: the overlay, the hoister, and what was done.
pub struct Namer<'a> {
    overlay: &'a Overlay,
    pub hoister: Hoister,
    /// Inline schemas moved into components.
    pub count: usize,
    /// `[names]` entries of the overlay that matched a position.
    pub used_names: BTreeSet<String>,
}

impl<'a> Namer<'a> {
    pub fn new(overlay: &'a Overlay, hoister: Hoister) -> Self {
        Namer {
            overlay,
            hoister,
            count: 0,
            used_names: BTreeSet::new(),
        }
    }

    /// The overlay's `[names]` entry for a position-derived name, noted as used.
    pub fn by_position(&mut self, position: &str) -> Option<&'a String> {
        let name = self.overlay.names.get(position);
        if name.is_some() {
            self.used_names.insert(position.to_string());
        }
        name
    }

    /// Moves `schema` (found at `origin`, which would be called `position`) into components when
    /// it is a [`Kind`]; returns whether it did.
    pub fn hoist_site(
        &mut self,
        doc: &mut Value,
        schema: &mut Value,
        position: &str,
        origin: &str,
    ) -> Result<bool> {
        let Some(kind) = Kind::of(schema) else {
            return Ok(false);
        };
        let map = schema.as_object_mut().expect("a kind is an object");
        let moved = kind.split(map);
        // A position is more specific than a content key (and survives new enum values).
        let chosen = self
            .by_position(position)
            .or_else(|| kind.overlay_name(self.overlay, &moved))
            .map(String::as_str);
        let reference = self.hoister.hoist(doc, chosen, position, moved, origin)?;
        hoist::put_ref(schema, reference);
        self.count += 1;
        Ok(true)
    }

    /// [`Self::hoist_site`] for the items of an array: their description documents the type
    /// (which keeps it), not a field, so a bare `$ref` is left.
    pub fn hoist_items(
        &mut self,
        doc: &mut Value,
        items: &mut Value,
        position: &str,
        origin: &str,
    ) -> Result<bool> {
        if !self.hoist_site(doc, items, position, origin)? {
            return Ok(false);
        }
        if let Some(map) = items.as_object_mut() {
            map.retain(|k, _| k != "description" && k != "example");
        }
        if let Some(name) = hoist::target(items).map(str::to_string)
            && items.as_object().is_some_and(|m| m.len() == 1)
        {
            *items = walk::ref_to(&name);
        }
        Ok(true)
    }

    /// Names every inline schema of every parameter and component, including the components
    /// invented on the way.
    pub fn apply(&mut self, doc: &mut Value) -> Result<()> {
        self.parameters(doc)?;
        let mut index = 0;
        loop {
            let Some((name, mut schema)) = doc
                .pointer("/components/schemas")
                .and_then(Value::as_object)
                .and_then(|s| s.iter().nth(index))
                .map(|(n, s)| (n.clone(), s.clone()))
            else {
                return Ok(());
            };
            let origin = match self.hoister.origin_of(&name) {
                Some(origin) => origin.to_string(),
                None => format!("/components/schemas/{}", walk::escape(&name)),
            };
            self.children(doc, &mut schema, &name, None, &origin)?;
            doc["components"]["schemas"][&name] = schema;
            index += 1;
        }
    }

    fn parameters(&mut self, doc: &mut Value) -> Result<()> {
        let mut sites = Vec::new();
        for (path, method, op) in walk::operations_mut(doc) {
            let op_name = walk::pascal(
                op.get("operationId")
                    .and_then(Value::as_str)
                    .unwrap_or(&path),
            );
            let base = format!("/paths/{}/{method}", walk::escape(&path));
            for (i, param) in op
                .get("parameters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                let name = param.get("name").and_then(Value::as_str).unwrap_or("");
                sites.push((
                    format!("{base}/parameters/{i}/schema"),
                    format!("{op_name}{}", walk::pascal(name)),
                    singular_item(&op_name, name, &[]),
                ));
            }
        }
        let paths: Vec<String> = doc["paths"]
            .as_object()
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        for path in paths {
            let params = doc["paths"][&path]["parameters"].as_array();
            for (i, param) in params.into_iter().flatten().enumerate() {
                let name = param.get("name").and_then(Value::as_str).unwrap_or("");
                let owner = walk::pascal(&path.replace(['{', '}'], ""));
                sites.push((
                    format!("/paths/{}/parameters/{i}/schema", walk::escape(&path)),
                    format!("{owner}{}", walk::pascal(name)),
                    singular_item(&owner, name, &[]),
                ));
            }
        }
        for (pointer, position, item) in sites {
            let Some(mut schema) = doc.pointer(&pointer).cloned() else {
                continue;
            };
            if !self.hoist_site(doc, &mut schema, &position, &pointer)? {
                self.children(doc, &mut schema, &position, Some(&item), &pointer)?;
            }
            *doc.pointer_mut(&pointer).expect("found above") = schema;
        }
        Ok(())
    }

    /// Visits the sub-schemas of `schema` (named `name`, at `origin`): each is hoisted when it is
    /// a [`Kind`], else visited in turn. `item` names the items when `schema` is an array property.
    fn children(
        &mut self,
        doc: &mut Value,
        schema: &mut Value,
        name: &str,
        item: Option<&str>,
        origin: &str,
    ) -> Result<()> {
        let Some(map) = schema.as_object_mut() else {
            return Ok(());
        };
        if let Some(props) = map.get_mut("properties").and_then(Value::as_object_mut) {
            let keys: Vec<String> = props.keys().cloned().collect();
            for key in &keys {
                let child = props.get_mut(key).expect("listed above");
                let position = format!("{name}{}", walk::pascal(key));
                let child_item = singular_item(name, key, &keys);
                let at = format!("{origin}/properties/{}", walk::escape(key));
                self.site(doc, child, &position, Some(&child_item), &at)?;
            }
        }
        if let Some(items) = map.get_mut("items").filter(|i| i.is_object()) {
            let position = item.map_or_else(|| format!("{name}Item"), str::to_string);
            let at = format!("{origin}/items");
            if !self.hoist_items(doc, items, &position, &at)? {
                self.children(doc, items, &position, None, &at)?;
            }
        }
        if let Some(values) = map
            .get_mut("additionalProperties")
            .filter(|v| v.is_object())
        {
            let position = format!("{name}Value");
            let at = format!("{origin}/additionalProperties");
            self.site(doc, values, &position, None, &at)?;
        }
        if let Some(members) = map.get_mut("allOf").and_then(Value::as_array_mut) {
            // allOf members merge into one type: their own parts are visited, never hoisted.
            for (i, member) in members.iter_mut().enumerate() {
                let at = format!("{origin}/allOf/{i}");
                self.children(doc, member, name, None, &at)?;
            }
        }
        let tag = map
            .get("discriminator")
            .and_then(|d| d.get("propertyName"))
            .and_then(Value::as_str)
            .map(str::to_string);
        for key in ["oneOf", "anyOf"] {
            let Some(members) = map.get_mut(key).and_then(Value::as_array_mut) else {
                continue;
            };
            let mut mapped = Vec::new();
            for (i, member) in members.iter_mut().enumerate() {
                let value = tag.as_deref().and_then(|t| tag_value(member, t));
                let position = match &value {
                    Some(v) => format!("{name}{}", walk::pascal(v)),
                    None => format!("{name}Variant{}", i + 1),
                };
                let at = format!("{origin}/{key}/{i}");
                if self.site(doc, member, &position, None, &at)?
                    && let (Some(v), Some(target)) = (value, member.get("$ref"))
                {
                    mapped.push((v, target.clone()));
                }
            }
            // A member named here joins the discriminator's mapping, as the guards require.
            if let Some(mapping) = map
                .get_mut("discriminator")
                .and_then(|d| d.as_object_mut())
                .filter(|_| !mapped.is_empty())
            {
                let mapping = mapping
                    .entry("mapping")
                    .or_insert_with(|| Value::Object(Default::default()));
                for (v, target) in mapped {
                    mapping[&v] = target;
                }
            }
        }
        Ok(())
    }

    /// Hoists one sub-schema or visits inside it; returns whether it was hoisted.
    fn site(
        &mut self,
        doc: &mut Value,
        schema: &mut Value,
        position: &str,
        item: Option<&str>,
        origin: &str,
    ) -> Result<bool> {
        if self.hoist_site(doc, schema, position, origin)? {
            return Ok(true);
        }
        self.children(doc, schema, position, item, origin)?;
        Ok(false)
    }
}

/// The fixed value of a union member's tag property (`type: {enum: ["avatar"]}`).
fn tag_value(member: &Value, tag: &str) -> Option<String> {
    let values = member
        .pointer(&format!("/properties/{tag}/enum"))?
        .as_array()?;
    match values.as_slice() {
        [Value::String(v)] => Some(v.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(mut doc: Value, overlay: &Overlay) -> Result<(Value, Namer<'_>)> {
        let hoister = Hoister::new(&doc);
        let mut namer = Namer::new(overlay, hoister);
        namer.apply(&mut doc)?;
        Ok((doc, namer))
    }

    fn union(tags: &[&str]) -> Value {
        let mapping: serde_json::Map<String, Value> = tags
            .iter()
            .map(|t| (t.to_string(), json!(format!("#/components/schemas/{t}"))))
            .collect();
        let one_of: Vec<Value> = tags
            .iter()
            .map(|t| json!({"$ref": format!("#/components/schemas/{t}")}))
            .collect();
        json!({"oneOf": one_of, "discriminator": {"propertyName": "type", "mapping": mapping}})
    }

    fn names(namer: &Namer) -> Vec<(String, Vec<String>)> {
        namer
            .hoister
            .added
            .iter()
            .map(|i| (i.name.clone(), i.origins.clone()))
            .collect()
    }

    #[test]
    fn deep_inline_schemas_are_named_outermost_first() {
        // An envelope's data, its array of items, an enum inside each item, a union in an array.
        let doc = json!({"paths": {}, "components": {"schemas": {
            "GetBatchResponse": {"type": "object", "properties": {
                "status": {"type": "string", "enum": ["processing", "completed"]},
                "items": {"type": "array", "items": {"type": "object", "properties": {
                    "status": {"type": "string", "enum": ["queued", "done"], "description": "d"},
                    "error": {"type": "object", "nullable": true, "properties": {"code": {"type": "string"}}}}}},
                "videos": {"type": "array", "items": union(&["a", "b"])}}},
            "a": {"type": "object"}, "b": {"type": "object"}}}});
        let overlay = Overlay::default();
        let (doc, namer) = run(doc, &overlay).unwrap();
        let s = &doc["components"]["schemas"];
        let root = "/components/schemas/GetBatchResponse";
        assert_eq!(
            names(&namer),
            [
                (
                    "GetBatchResponseStatus".into(),
                    vec![format!("{root}/properties/status")]
                ),
                (
                    "GetBatchResponseItem".into(),
                    vec![format!("{root}/properties/items/items")]
                ),
                (
                    "GetBatchResponseVideo".into(),
                    vec![format!("{root}/properties/videos/items")]
                ),
                (
                    "GetBatchResponseItemStatus".into(),
                    vec![format!("{root}/properties/items/items/properties/status")]
                ),
                (
                    "GetBatchResponseItemError".into(),
                    vec![format!("{root}/properties/items/items/properties/error")]
                ),
            ]
        );
        assert_eq!(
            s["GetBatchResponse"]["properties"]["items"]["items"],
            walk::ref_to("GetBatchResponseItem")
        );
        assert_eq!(
            s["GetBatchResponseItem"]["properties"]["status"],
            json!({"description": "d", "allOf": [walk::ref_to("GetBatchResponseItemStatus")]})
        );
        assert_eq!(
            s["GetBatchResponseItem"]["properties"]["error"],
            json!({"nullable": true, "allOf": [walk::ref_to("GetBatchResponseItemError")]})
        );
        assert_eq!(
            s["GetBatchResponseVideo"]["discriminator"]["propertyName"],
            "type"
        );
        assert_eq!(namer.count, 5);
    }

    #[test]
    fn equal_schemas_reuse_the_documents_component_or_the_first_name() {
        let item = json!({"type": "object", "properties": {"id": {"type": "string"}}});
        let doc = json!({"paths": {}, "components": {"schemas": {
            "VideoStatus": {"type": "string", "enum": ["pending", "done"], "description": "own"},
            "CreateVideo": union(&["a", "b"]),
            "A": {"type": "object", "properties": {
                "status": {"type": "string", "enum": ["pending", "done"]},
                "videos": {"type": "array", "items": union(&["a", "b"])},
                "first": item.clone()}},
            "B": {"type": "object", "properties": {"second": item}},
            "a": {"type": "object"}, "b": {"type": "object"}}}});
        let overlay = Overlay::default();
        let (doc, namer) = run(doc, &overlay).unwrap();
        let s = &doc["components"]["schemas"];
        assert_eq!(s["A"]["properties"]["status"], walk::ref_to("VideoStatus"));
        assert_eq!(
            s["A"]["properties"]["videos"]["items"],
            walk::ref_to("CreateVideo")
        );
        assert_eq!(s["B"]["properties"]["second"], walk::ref_to("AFirst"));
        assert_eq!(
            names(&namer),
            [(
                "AFirst".into(),
                vec![
                    "/components/schemas/A/properties/first".into(),
                    "/components/schemas/B/properties/second".into()
                ]
            )]
        );
        assert_eq!(namer.hoister.reused.len(), 2);
    }

    #[test]
    fn the_overlay_overrides_names_by_content_and_by_position() {
        let doc = json!({"paths": {}, "components": {"schemas": {
            "A": {"type": "object", "properties": {
                "file": union(&["url", "asset_id"]),
                "mode": {"type": "string", "enum": ["x", "y"]},
                "extra": {"type": "object", "properties": {"k": {"type": "integer"}}}}},
            "url": {"type": "object"}, "asset_id": {"type": "object"}}}});
        let overlay = Overlay {
            unions: [("asset_id|url".into(), "AssetRef".into())].into(),
            enums: [("x|y".into(), "Mode".into())].into(),
            names: [
                ("AExtra".into(), "Extra".into()),
                ("Unused".into(), "U".into()),
            ]
            .into(),
            ..Default::default()
        };
        let (_, namer) = run(doc, &overlay).unwrap();
        let invented: Vec<String> = names(&namer).into_iter().map(|(n, _)| n).collect();
        assert_eq!(invented, ["AssetRef", "Mode", "Extra"]);
        assert_eq!(namer.used_names, BTreeSet::from(["AExtra".to_string()]));
    }

    #[test]
    fn parameters_are_named_after_their_operation() {
        let doc = json!({"paths": {"/v3/looks": {"get": {"operationId": "listLooks", "parameters": [
            {"name": "avatar_type", "in": "query", "schema": {"type": "string", "enum": ["studio", "photo"]}},
            {"name": "statuses", "in": "query", "schema": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}}},
            {"name": "limit", "in": "query", "schema": {"type": "integer"}}]}}},
            "components": {"schemas": {}}});
        let overlay = Overlay::default();
        let (doc, namer) = run(doc, &overlay).unwrap();
        let params = &doc["paths"]["/v3/looks"]["get"]["parameters"];
        assert_eq!(params[0]["schema"], walk::ref_to("ListLooksAvatarType"));
        assert_eq!(
            params[1]["schema"]["items"],
            walk::ref_to("ListLooksStatus")
        );
        assert_eq!(params[2]["schema"], json!({"type": "integer"}));
        assert_eq!(
            names(&namer)[0].1,
            ["/paths/~1v3~1looks/get/parameters/0/schema"]
        );
    }

    #[test]
    fn inline_union_members_are_named_by_tag_and_mapped() {
        let doc = json!({"paths": {}, "components": {"schemas": {
            "Source": {"oneOf": [
                {"$ref": "#/components/schemas/Url"},
                {"type": "object", "properties": {"type": {"enum": ["file"], "default": "file"}, "path": {"type": "string"}}}],
                "discriminator": {"propertyName": "type", "mapping": {"url": "#/components/schemas/Url"}}},
            "Url": {"type": "object", "properties": {"type": {"enum": ["url"]}}}}}});
        let (doc, _) = run(doc, &Overlay::default()).unwrap();
        let s = &doc["components"]["schemas"];
        assert_eq!(s["Source"]["oneOf"][1], walk::ref_to("SourceFile"));
        assert_eq!(
            s["Source"]["discriminator"]["mapping"]["file"],
            "#/components/schemas/SourceFile"
        );
    }

    #[test]
    fn a_position_name_taken_by_a_different_component_fails() {
        let doc = json!({"paths": {}, "components": {"schemas": {
            "AImage": {"type": "string"},
            "A": {"type": "object", "properties": {"image": union(&["url"])}},
            "url": {"type": "object"}}}});
        let err = run(doc, &Overlay::default()).err().unwrap();
        assert!(err.to_string().contains("collides"), "{err}");
    }
}
