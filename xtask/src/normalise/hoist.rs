//! Moving an inline schema into `components/schemas` under a chosen name.
//!
//! Shared by the union, enum and body rules: a name is reused only for a structurally equal
//! schema, and an invented name never shadows one of the document's own components.

use anyhow::{Result, bail};
use serde_json::{Map, Value};

use super::walk;

/// Components invented by the normaliser so far, to reuse and to guard against collisions.
#[derive(Default)]
pub struct Hoister {
    pub added: Vec<String>,
}

impl Hoister {
    /// Puts `schema` in components under `name` (reusing an equal one) and returns the `$ref`.
    pub fn hoist(&mut self, doc: &mut Value, name: &str, schema: Value) -> Result<Value> {
        let schemas = doc
            .pointer_mut("/components/schemas")
            .and_then(Value::as_object_mut)
            .expect("the document has components/schemas");
        match schemas.get(name) {
            Some(existing) if *existing == schema && self.added.iter().any(|n| n == name) => {}
            Some(_) if self.added.iter().any(|n| n == name) => {
                bail!(
                    "two different inline schemas want the invented name `{name}`; name one in openapi/overlay.toml"
                )
            }
            Some(_) => {
                bail!("the invented name `{name}` collides with the document's component `{name}`")
            }
            None => {
                schemas.insert(name.to_string(), schema);
                self.added.push(name.to_string());
            }
        }
        Ok(walk::ref_to(name))
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

/// Puts `reference` where the moved keys were: bare when nothing else is left, else in `allOf`.
pub fn put_ref(schema: &mut Value, reference: Value) {
    let map = schema.as_object_mut().expect("an object schema");
    if map.is_empty() {
        *schema = reference;
    } else {
        map.insert("allOf".into(), Value::Array(vec![reference]));
    }
}
