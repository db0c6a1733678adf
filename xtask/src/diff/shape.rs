//! Reading an OpenAPI 3.1 schema the way the generated Rust types see it: `$ref`s followed,
//! `type: [X, "null"]`, `anyOf [X, {type: null}]` and `nullable: true` read as one nullable X,
//! `allOf` merged, `const` read as a one-value enum, and union members keyed by their tag.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// Longest `$ref` chain followed (guards against reference loops).
const MAX_REF_CHAIN: usize = 32;

/// A document whose `#/components/schemas/…` references can be followed.
#[derive(Clone, Copy)]
pub struct Doc<'a>(pub &'a Value);

impl<'a> Doc<'a> {
    pub fn components(self) -> impl Iterator<Item = (&'a String, &'a Value)> {
        self.0
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
    }

    /// Any local JSON pointer reference (`#/components/parameters/…` too).
    pub fn lookup(self, reference: &str) -> Option<&'a Value> {
        let pointer = reference.strip_prefix('#')?;
        self.0.pointer(pointer)
    }

    /// Follows a chain of `$ref`s; returns the first component name met and the target.
    pub fn resolve(self, mut schema: &'a Value) -> (Option<&'a str>, &'a Value) {
        let mut name = None;
        for _ in 0..MAX_REF_CHAIN {
            let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let Some(target) = self.lookup(reference) else {
                break;
            };
            name = name.or_else(|| reference.rsplit('/').next());
            schema = target;
        }
        (name, schema)
    }

    /// Reads a schema (see the module comment).
    pub fn shape(self, schema: &'a Value) -> Shape<'a> {
        let (name, resolved) = self.resolve(schema);
        let mut nullable = resolved.get("nullable") == Some(&Value::Bool(true));
        for key in ["anyOf", "oneOf"] {
            let Some(members) = resolved.get(key).and_then(Value::as_array) else {
                continue;
            };
            let rest: Vec<&Value> = members.iter().filter(|m| !self.is_null(m)).collect();
            if rest.len() == members.len() {
                continue;
            }
            nullable = true;
            if let [only] = rest[..] {
                let mut inner = self.shape(only);
                inner.nullable = true;
                inner.name = inner.name.or(name);
                return inner;
            }
        }
        let types = type_names(resolved);
        nullable |= types.contains(&"null");
        let mut values = enum_values(resolved);
        if let Some(v) = &mut values {
            nullable |= v.iter().any(Value::is_null);
            v.retain(|x| !x.is_null());
        }
        let kind = self.kind(resolved, &types);
        Shape {
            name,
            schema: resolved,
            nullable,
            kind,
            values,
        }
    }

    fn is_null(self, schema: &Value) -> bool {
        let (_, s) = self.resolve(schema);
        type_names(s) == ["null"]
            || s.get("const") == Some(&Value::Null)
            || s.get("enum") == Some(&Value::Array(vec![Value::Null]))
    }

    fn kind(self, s: &'a Value, types: &[&'a str]) -> Kind<'a> {
        if let Some(members) = self.union_members(s) {
            return Kind::Union(members);
        }
        let ty = types.iter().copied().find(|t| *t != "null").or_else(|| {
            if s.get("properties").is_some() || s.get("allOf").is_some() {
                Some("object")
            } else if s.get("items").is_some() {
                Some("array")
            } else {
                s.get("const")
                    .or_else(|| s.pointer("/enum/0"))
                    .map(json_type)
            }
        });
        match ty {
            Some("object") => {
                let (properties, required) = self.object(s);
                match s.get("additionalProperties") {
                    Some(values) if properties.is_empty() && values.is_object() => {
                        Kind::Map(values)
                    }
                    _ => Kind::Object {
                        properties,
                        required,
                    },
                }
            }
            Some("array") => match s.get("items") {
                Some(items) => Kind::Array(items),
                None => Kind::Scalar("array".into()),
            },
            Some(ty) => Kind::Scalar(scalar_label(ty, s)),
            None => Kind::Any,
        }
    }

    /// Properties and required names, with `allOf` members merged in.
    fn object(self, s: &'a Value) -> (BTreeMap<&'a str, &'a Value>, BTreeSet<&'a str>) {
        let mut properties = BTreeMap::new();
        let mut required = BTreeSet::new();
        let mut parts = vec![s];
        parts.extend(
            s.get("allOf")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|m| self.resolve(m).1),
        );
        for part in parts {
            for (k, v) in part
                .get("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                properties.insert(k.as_str(), v);
            }
            required.extend(
                part.get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str),
            );
        }
        (properties, required)
    }

    /// A union's members (null left out) keyed by tag value, component name or kind.
    fn union_members(self, s: &'a Value) -> Option<BTreeMap<String, &'a Value>> {
        let members: Vec<&Value> = ["oneOf", "anyOf"]
            .iter()
            .filter_map(|k| s.get(*k).and_then(Value::as_array))
            .flatten()
            .filter(|m| !self.is_null(m))
            .collect();
        let mapping = s
            .pointer("/discriminator/mapping")
            .and_then(Value::as_object);
        if members.len() < 2 && mapping.is_none_or(|m| m.len() < 2) {
            return None;
        }
        let tag = s
            .pointer("/discriminator/propertyName")
            .and_then(Value::as_str);
        let mut out = BTreeMap::new();
        let mut mapped = BTreeSet::new();
        for (value, target) in mapping.into_iter().flatten() {
            let Some(reference) = target.as_str() else {
                continue;
            };
            // The member itself (a `$ref`, so its component is compared once, by name).
            let member = members
                .iter()
                .copied()
                .find(|m| m.get("$ref").and_then(Value::as_str) == Some(reference))
                .or_else(|| self.lookup(reference));
            if let Some(member) = member {
                out.insert(value.clone(), member);
                mapped.insert(reference);
            }
        }
        for member in members {
            if let Some(reference) = member.get("$ref").and_then(Value::as_str)
                && mapped.contains(reference)
            {
                continue;
            }
            let (name, resolved) = self.resolve(member);
            let tag_value = tag.and_then(|t| {
                let values = enum_values(resolved.pointer(&format!("/properties/{t}"))?)?;
                match &values[..] {
                    [Value::String(v)] => Some(v.clone()),
                    _ => None,
                }
            });
            let mut key = tag_value
                .or_else(|| name.map(str::to_string))
                .unwrap_or_else(|| self.shape(member).label());
            while out.contains_key(&key) {
                key.push('\'');
            }
            out.insert(key, member);
        }
        Some(out)
    }
}

/// A schema as the generated types see it.
pub struct Shape<'a> {
    /// The component it references, if any.
    pub name: Option<&'a str>,
    pub schema: &'a Value,
    pub nullable: bool,
    pub kind: Kind<'a>,
    /// `enum` (or `const`) values, null left out.
    pub values: Option<Vec<Value>>,
}

pub enum Kind<'a> {
    Object {
        properties: BTreeMap<&'a str, &'a Value>,
        required: BTreeSet<&'a str>,
    },
    /// An object with only `additionalProperties`: a map to these values.
    Map(&'a Value),
    Array(&'a Value),
    /// `string`, `integer(int64)`, `string(date-time)` …
    Scalar(String),
    Union(BTreeMap<String, &'a Value>),
    Any,
}

impl Shape<'_> {
    /// How a reader would name the type: the component, else the kind.
    pub fn label(&self) -> String {
        if let Some(name) = self.name {
            return format!("`{name}`");
        }
        self.kind_label()
    }

    /// The kind alone, for deciding whether the Rust type changed.
    pub fn kind_label(&self) -> String {
        let base = match &self.kind {
            Kind::Object { .. } => "object".to_string(),
            Kind::Map(_) => "map".to_string(),
            Kind::Array(_) => "array".to_string(),
            Kind::Scalar(s) => s.clone(),
            Kind::Union(_) => "union".to_string(),
            Kind::Any => "any value".to_string(),
        };
        if self.values.is_some() && matches!(self.kind, Kind::Scalar(_)) {
            format!("{base} enum")
        } else {
            base
        }
    }
}

fn type_names(s: &Value) -> Vec<&str> {
    match s.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn enum_values(s: &Value) -> Option<Vec<Value>> {
    if let Some(values) = s.get("enum").and_then(Value::as_array) {
        return Some(values.clone());
    }
    s.get("const").map(|c| vec![c.clone()])
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "string",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::Bool(_) => "boolean",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
        Value::Null => "null",
    }
}

/// The type plus the formats that change the Rust type (`String` vs `DateTime`, `i32` vs `i64`).
fn scalar_label(ty: &str, s: &Value) -> String {
    const TYPED: [&str; 13] = [
        "date-time",
        "date",
        "uuid",
        "int8",
        "int16",
        "int32",
        "int64",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
        "float",
        "double",
    ];
    match s.get("format").and_then(Value::as_str) {
        Some(format) if TYPED.contains(&format) => format!("{ty}({format})"),
        _ => ty.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(schema: Value) -> (bool, String, Option<Vec<Value>>) {
        let doc = json!({"components": {"schemas": {"Name": {"type": "string"}}}});
        let shape = Doc(&doc).shape(&schema);
        (shape.nullable, shape.label(), shape.values)
    }

    #[test]
    fn every_3_1_spelling_of_nullable_reads_as_one_nullable_type() {
        let name = "`Name`".to_string();
        let string = "string".to_string();
        assert_eq!(
            read(json!({"type": ["string", "null"]})),
            (true, string.clone(), None)
        );
        assert_eq!(
            read(json!({"anyOf": [{"type": "string"}, {"type": "null"}]})),
            (true, string.clone(), None)
        );
        assert_eq!(
            read(json!({"oneOf": [{"$ref": "#/components/schemas/Name"}, {"type": "null"}]})),
            (true, name.clone(), None)
        );
        assert_eq!(
            read(json!({"type": "string", "nullable": true})),
            (true, string.clone(), None)
        );
        assert_eq!(
            read(json!({"$ref": "#/components/schemas/Name"})),
            (false, name, None)
        );
        assert_eq!(
            read(json!({"enum": ["a", null]})),
            (true, "string enum".into(), Some(vec![json!("a")]))
        );
        assert_eq!(
            read(json!({"type": "string", "format": "date-time"})),
            (false, "string(date-time)".into(), None)
        );
        assert_eq!(
            read(json!({"type": "string", "format": "uri"})),
            (false, string, None)
        );
    }

    #[test]
    fn union_members_are_keyed_by_tag_then_component_then_kind() {
        let doc = json!({"components": {"schemas": {
            "A": {"properties": {"type": {"const": "a"}}},
            "B": {"properties": {"type": {"enum": ["b"]}}},
            "C": {"type": "object"}
        }}});
        let union = json!({
            "oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}],
            "discriminator": {"propertyName": "type", "mapping": {"first": "#/components/schemas/A"}}
        });
        let Kind::Union(members) = Doc(&doc).shape(&union).kind else {
            panic!("a union")
        };
        assert_eq!(members.keys().collect::<Vec<_>>(), ["b", "first"]);
        let untagged = json!({"anyOf": [{"$ref": "#/components/schemas/C"}, {"type": "string"}, {"type": "null"}]});
        let shape = Doc(&doc).shape(&untagged);
        let Kind::Union(members) = shape.kind else {
            panic!("a union")
        };
        assert!(shape.nullable);
        assert_eq!(members.keys().collect::<Vec<_>>(), ["C", "string"]);
    }
}
