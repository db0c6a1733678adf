//! Moving an inline schema into `components/schemas` under a chosen name.
//!
//! Shared by the body rule and the inline-schema rule. Structurally equal schemas share one
//! component (the document's own when it has one), so the same shape written in seven places is
//! one Rust type; an invented name never shadows a different schema, and every invented name is
//! recorded with the places it stands for, for the generate report.

use std::collections::BTreeMap;

use anyhow::{Result, bail};
use serde_json::{Map, Value};

use super::{enums, walk};

/// One component the normaliser invented.
#[derive(Debug, Clone, PartialEq)]
pub struct Invented {
    pub name: String,
    /// JSON pointers (in the normalised document, rooted where the upstream document has the
    /// schema: a path's body or parameter, or one of its own components) of every place the
    /// component stands for, in document order.
    pub origins: Vec<String>,
}

/// Components invented so far, and the shapes already named, to reuse and to refuse collisions.
#[derive(Default)]
pub struct Hoister {
    pub added: Vec<Invented>,
    /// Inline schemas replaced by an equal component of the document's own: (component, origin).
    pub reused: Vec<(String, String)>,
    /// Structural form → component name: the document's own components, then invented ones.
    known: BTreeMap<String, String>,
    /// Origin → the name the previous generation gave it (`invented-types.txt`).
    remembered: BTreeMap<String, String>,
}

impl Hoister {
    /// A hoister that reuses the document's own components for inline schemas equal to them.
    pub fn new(doc: &Value) -> Self {
        let mut known = BTreeMap::new();
        let schemas = doc
            .pointer("/components/schemas")
            .and_then(Value::as_object);
        for (name, schema) in schemas.into_iter().flatten() {
            let mut moved = schema.clone();
            if let Some(map) = moved.as_object_mut() {
                map.retain(|k, _| !KEPT.contains(&k.as_str()));
            }
            known.entry(form(&moved)).or_insert_with(|| name.clone());
        }
        Hoister {
            added: Vec::new(),
            reused: Vec::new(),
            known,
            remembered: BTreeMap::new(),
        }
    }

    /// Names remembered from the previous generation (origin → name): a place whose schema
    /// still fits its old name keeps it, whatever changed elsewhere (a structurally equal
    /// schema named first no longer takes it over).
    pub fn remembering(mut self, remembered: BTreeMap<String, String>) -> Self {
        self.remembered = remembered;
        self
    }

    /// Puts `schema` (found at `origin`) in components and returns the `$ref` to use instead.
    ///
    /// The name is `chosen` (the overlay's) when given; else an equal schema's existing name;
    /// else `position` (derived from where the schema sits).
    pub fn hoist(
        &mut self,
        doc: &mut Value,
        chosen: Option<&str>,
        position: &str,
        schema: Value,
        origin: &str,
    ) -> Result<Value> {
        let shape = form(&schema);
        let schemas = doc
            .pointer_mut("/components/schemas")
            .and_then(Value::as_object_mut)
            .expect("the document has components/schemas");
        // The remembered name, while it is free or holds this very shape, and is not a name
        // the document itself now uses for something else.
        let remembered = self
            .remembered
            .get(origin)
            .filter(|n| match schemas.get(*n) {
                None => true,
                Some(existing) => {
                    form(existing) == shape && self.added.iter().any(|i| &i.name == *n)
                }
            });
        let name = match (chosen, remembered, self.known.get(&shape)) {
            (Some(name), _, _) => name.to_string(),
            (None, Some(name), _) => name.clone(),
            (None, None, Some(existing)) => existing.clone(),
            (None, None, None) => position.to_string(),
        };
        let invented = self.added.iter().position(|i| i.name == name);
        match schemas.get(&name) {
            Some(existing) if form(existing) == shape || self.known.get(&shape) == Some(&name) => {}
            Some(_) if invented.is_some() => bail!(
                "two different inline schemas want the invented name `{name}` (the second at {origin}); \
                 name one in openapi/overlay.toml [names]"
            ),
            Some(_) => bail!(
                "the invented name `{name}` (for {origin}) collides with the document's component `{name}`; \
                 name it in openapi/overlay.toml [names]"
            ),
            None => {
                schemas.insert(name.clone(), schema);
                self.known.entry(shape).or_insert_with(|| name.clone());
                self.added.push(Invented {
                    name: name.clone(),
                    origins: Vec::new(),
                });
            }
        }
        match self.added.iter_mut().find(|i| i.name == name) {
            Some(entry) => entry.origins.push(origin.to_string()),
            None => self.reused.push((name.clone(), origin.to_string())),
        }
        Ok(walk::ref_to(&name))
    }

    /// Where an invented component came from (its first origin).
    pub fn origin_of(&self, name: &str) -> Option<&str> {
        self.added
            .iter()
            .find(|i| i.name == name)
            .and_then(|i| i.origins.first())
            .map(String::as_str)
    }
}

/// Keys that describe the place rather than the type: they stay beside the `$ref`.
pub const KEPT: [&str; 7] = [
    "description",
    "nullable",
    "default",
    "example",
    "deprecated",
    "readOnly",
    "writeOnly",
];

/// What makes two schemas the same Rust type: a string enum is its values; anything else its
/// JSON without documentation, keys sorted.
pub fn form(schema: &Value) -> String {
    if let Some(values) = enums::string_enum(schema) {
        return format!("enum:{}", values.join("|"));
    }
    let mut text = String::new();
    canonical(schema, &mut text);
    text
}

fn canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            // Docs do not make a type, nor what JSON Schema assumes anyway: an empty `required`
            // or `properties`, `additionalProperties: true` (FastAPI writes them or not).
            let empty = |k: &str| match k {
                "required" => map[k].as_array().is_some_and(Vec::is_empty),
                "properties" => map[k].as_object().is_some_and(|p| p.is_empty()),
                "additionalProperties" => map[k] == Value::Bool(true),
                _ => false,
            };
            let mut keys: Vec<&String> = map
                .keys()
                .filter(|k| !matches!(k.as_str(), "description" | "example" | "title") && !empty(k))
                .collect();
            keys.sort();
            out.push('{');
            for key in keys {
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                canonical(&map[key], out);
                out.push(',');
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for item in items {
                canonical(item, out);
                out.push(',');
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Replaces the keys `moved` of an inline schema by a reference, keeping its other keys
/// (description, default, nullable) beside it in a one-member `allOf`.
pub fn split_off(map: &mut Map<String, Value>, moved: &[&str]) -> Value {
    let mut taken = Map::new();
    for key in moved {
        if let Some(v) = map.remove(*key) {
            taken.insert((*key).to_string(), v);
        }
    }
    Value::Object(taken)
}

/// Moves every key but the [`KEPT`] ones (the description is copied: it documents the type too).
pub fn split_off_all(map: &mut Map<String, Value>) -> Value {
    let keys: Vec<String> = map
        .keys()
        .filter(|k| !KEPT.contains(&k.as_str()))
        .cloned()
        .collect();
    let mut taken = Map::new();
    if let Some(description) = map.get("description") {
        taken.insert("description".into(), description.clone());
    }
    for key in keys {
        let v = map.remove(&key).expect("listed above");
        taken.insert(key, v);
    }
    Value::Object(taken)
}

/// The component a schema names: a bare `$ref`, or one wrapped in a one-member `allOf` beside
/// documentation and nullability.
pub fn target(schema: &Value) -> Option<&str> {
    walk::ref_name(schema).or_else(|| match schema.get("allOf")?.as_array()?.as_slice() {
        [only] => walk::ref_name(only),
        _ => None,
    })
}

/// Puts `reference` where the moved keys were: bare when nothing else is left, else in `allOf`.
pub fn put_ref(schema: &mut Value, reference: Value) {
    let map = schema.as_object_mut().expect("an object schema");
    if map.is_empty() {
        *schema = reference;
    } else {
        map.insert("allOf".into(), Value::Array(vec![reference]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn equal_shapes_share_a_name_and_docs_do_not_count() {
        let mut doc = json!({"components": {"schemas": {
            "Own": {"type": "object", "description": "mine", "properties": {"a": {"type": "string"}}}}}});
        let mut hoister = Hoister::new(&doc);
        let same =
            json!({"type": "object", "properties": {"a": {"type": "string", "description": "x"}}});
        let r = hoister.hoist(&mut doc, None, "P", same, "/p").unwrap();
        assert_eq!(r, walk::ref_to("Own"));
        assert!(hoister.added.is_empty(), "the document's own is reused");
        let other = json!({"type": "object", "properties": {"b": {"type": "string"}}});
        let r1 = hoister
            .hoist(&mut doc, None, "P", other.clone(), "/one")
            .unwrap();
        let r2 = hoister.hoist(&mut doc, None, "Q", other, "/two").unwrap();
        assert_eq!((r1, r2), (walk::ref_to("P"), walk::ref_to("P")));
        assert_eq!(
            hoister.added,
            [Invented {
                name: "P".into(),
                origins: vec!["/one".into(), "/two".into()]
            }]
        );
    }

    /// The next version of a document: a new place with `/two`'s shape comes first. Without
    /// memory `/two` would now share the new place's name; with it, `/two` keeps `Two`, and a
    /// place whose own schema changed gets a new name.
    #[test]
    fn a_place_whose_schema_did_not_change_keeps_its_remembered_name() {
        let mut doc = json!({"components": {"schemas": {}}});
        let remembered: BTreeMap<String, String> = [
            ("/two".to_string(), "Two".to_string()),
            ("/changed".to_string(), "Changed".to_string()),
        ]
        .into();
        let mut hoister = Hoister::new(&doc).remembering(remembered);
        let shape = json!({"type": "object", "properties": {"b": {"type": "string"}}});
        let r0 = hoister
            .hoist(&mut doc, None, "NewPlace", shape.clone(), "/new")
            .unwrap();
        let r1 = hoister
            .hoist(&mut doc, None, "Position", shape.clone(), "/two")
            .unwrap();
        let r2 = hoister
            .hoist(&mut doc, None, "Other", shape, "/three")
            .unwrap();
        assert_eq!(r0, walk::ref_to("NewPlace"));
        assert_eq!(
            r1,
            walk::ref_to("Two"),
            "the remembered name wins over sharing"
        );
        assert_eq!(r2, walk::ref_to("NewPlace"), "an unremembered place shares");
        // `Changed` is taken by a shape remembered elsewhere: the changed place is renamed.
        let mut doc = json!({"components": {"schemas": {}}});
        let remembered: BTreeMap<String, String> = [
            ("/a".to_string(), "Changed".to_string()),
            ("/b".to_string(), "Changed".to_string()),
        ]
        .into();
        let mut hoister = Hoister::new(&doc).remembering(remembered);
        let a = json!({"type": "object", "properties": {"a": {"type": "string"}}});
        let b = json!({"type": "object", "properties": {"a": {"type": "integer"}}});
        hoister.hoist(&mut doc, None, "PosA", a, "/a").unwrap();
        let r = hoister.hoist(&mut doc, None, "PosB", b, "/b").unwrap();
        assert_eq!(r, walk::ref_to("PosB"));
    }

    #[test]
    fn different_shapes_wanting_one_name_fail() {
        let mut doc = json!({"components": {"schemas": {"Own": {"type": "string"}}}});
        let mut hoister = Hoister::new(&doc);
        let a = json!({"type": "object", "properties": {"a": {"type": "string"}}});
        let b = json!({"type": "object", "properties": {"b": {"type": "string"}}});
        hoister.hoist(&mut doc, None, "P", a, "/a").unwrap();
        let err = hoister.hoist(&mut doc, None, "P", b.clone(), "/b");
        assert!(err.unwrap_err().to_string().contains("two different"));
        let err = hoister.hoist(&mut doc, None, "Own", b, "/b");
        assert!(err.unwrap_err().to_string().contains("collides"));
    }

    #[test]
    fn a_string_enum_is_its_values() {
        assert_eq!(
            form(&json!({"type": "string", "enum": ["a", "b"], "default": "a"})),
            form(&json!({"enum": ["a", "b"]}))
        );
        assert_eq!(
            form(&json!({"type": "object", "required": [], "properties": {"a": {}}})),
            form(&json!({"type": "object", "properties": {"a": {}}}))
        );
        assert_eq!(
            form(&json!({"type": "object", "properties": {}, "required": []})),
            form(&json!({"type": "object", "additionalProperties": true}))
        );
        assert_ne!(
            form(&json!({"type": "object", "additionalProperties": false})),
            form(&json!({"type": "object"}))
        );
        assert_ne!(
            form(&json!({"enum": ["a", "b"]})),
            form(&json!({"enum": ["b", "a"]}))
        );
    }
}
