//! Synthesising example values from schemas of the original OpenAPI 3.1 document.
//!
//! Deterministic: the same schema always yields the same value.
//!
//! Precedence for one schema: `const`, the schema's own `example`, the first of its
//! `examples` (3.1 array), a non-null `default`, the first (non-null) `enum` value; otherwise
//! the value is built from the structure: `$ref` (followed, with a depth limit against cycles),
//! `allOf` (objects merged), `anyOf`/`oneOf` (first non-null member, discriminator tag set),
//! and `type`: object (every property, required or not), array (one item, or `minItems`),
//! string (by `format`, within `minLength`/`maxLength`), integer/number (within
//! `minimum`/`maximum`), boolean (`true`), null.

use serde_json::{Map, Value, json};

use crate::spec::{Operation, Parameter, Spec};

/// The `date-time` value used for string schemas with that format.
pub const DATE_TIME: &str = "2026-04-08T12:00:00Z";
/// The value used for `uri`/`url` string schemas.
pub const URI: &str = "https://example.com/file";
/// The value used for `email` string schemas.
pub const EMAIL: &str = "user@example.com";
/// The value used for `uuid` string schemas.
pub const UUID: &str = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
/// The value used for string schemas without a known format.
pub const STRING: &str = "example";

/// Keywords that give a schema structure of its own (besides `$ref` and the combinators).
const STRUCTURAL: [&str; 6] = [
    "type",
    "properties",
    "items",
    "prefixItems",
    "additionalProperties",
    "required",
];

/// An example synthesiser over one [`Spec`].
#[derive(Debug, Clone, Copy)]
pub struct Synth<'a> {
    spec: &'a Spec,
    max_depth: usize,
}

impl<'a> Synth<'a> {
    /// A synthesiser resolving `$ref`s in `spec`, with the default depth limit (8 nested
    /// `$ref`s on one path; beyond it only required properties and `null` for nullable schemas,
    /// and nothing at all beyond twice that).
    pub fn new(spec: &'a Spec) -> Synth<'a> {
        Synth { spec, max_depth: 8 }
    }

    /// The same synthesiser with another limit of nested `$ref`s.
    pub fn with_max_depth(mut self, max_depth: usize) -> Synth<'a> {
        self.max_depth = max_depth;
        self
    }

    /// An example value for `schema` (a fragment of the document).
    pub fn example_for(&self, schema: &Value) -> Value {
        self.generate(schema, 0)
    }

    /// One value per member of every union reachable without crossing another value: the
    /// members of `schema` itself if it is (a `$ref` to) a `oneOf`/`anyOf`, and, for objects,
    /// one value per member of each union-typed property (other properties as in
    /// [`Synth::example_for`]); recursively, so nested unions are covered too. `null` members of
    /// nullable unions are skipped. The first value is [`Synth::example_for`]'s; duplicates are
    /// removed.
    pub fn variants_for(&self, schema: &Value) -> Vec<Value> {
        let mut out = vec![self.example_for(schema)];
        out.extend(self.variants(schema, 0));
        dedup(out)
    }

    /// The example of an operation's JSON response: the media type's `example`/`examples` when
    /// the document records one, else synthesised from the response schema; `None` when the
    /// operation has no JSON response with that status.
    pub fn response_example(&self, op: &Operation<'_>, status: u16) -> Option<Value> {
        let (schema, example) = op.json_response(status)?;
        Some(example.unwrap_or_else(|| self.example_for(&schema)))
    }

    /// The response synthesised from the schema alone (ignoring any recorded example).
    pub fn response_synthesised(&self, op: &Operation<'_>, status: u16) -> Option<Value> {
        let (schema, _) = op.json_response(status)?;
        Some(self.example_for(&schema))
    }

    /// The example request body: the media type's example if any, else synthesised.
    pub fn request_example(&self, op: &Operation<'_>) -> Option<Value> {
        let body = op.request_body()?;
        Some(
            body.example
                .unwrap_or_else(|| self.example_for(&body.schema)),
        )
    }

    /// Request bodies covering every union member (see [`Synth::variants_for`]), preceded by
    /// the media type's recorded example if any; empty when the operation takes no body.
    pub fn request_variants(&self, op: &Operation<'_>) -> Vec<Value> {
        let Some(body) = op.request_body() else {
            return Vec::new();
        };
        let mut out: Vec<Value> = body.example.into_iter().collect();
        out.extend(self.variants_for(&body.schema));
        dedup(out)
    }

    /// A value for a parameter: its own `example`/first of `examples`, else synthesised from
    /// its schema.
    pub fn parameter_value(&self, parameter: &Parameter) -> Value {
        if let Some(example) = parameter.value.get("example") {
            return example.clone();
        }
        if let Some(example) = parameter
            .value
            .get("examples")
            .and_then(Value::as_object)
            .and_then(|m| {
                m.values()
                    .find_map(|e| self.spec.resolve(e).get("value").cloned())
            })
        {
            return example;
        }
        self.example_for(&parameter.schema)
    }

    // ---------------------------------------------------------------------------------------
    // example_for

    fn generate(&self, schema: &Value, depth: usize) -> Value {
        let obj = match schema {
            Value::Object(obj) => obj,
            Value::Bool(true) => return json!({}),
            _ => return Value::Null,
        };
        if depth > self.max_depth * 2 {
            return Value::Null;
        }
        if let Some(value) = annotated(obj) {
            return self.spelled_for(obj, value);
        }
        let minimal = depth >= self.max_depth;
        if minimal && self.is_nullable(schema, 0) {
            return Value::Null;
        }
        // Parts from least to most specific; objects merge (later keys win), otherwise the
        // last non-null part is the value.
        let mut parts: Vec<Value> = Vec::new();
        if has_structure(obj) {
            parts.push(self.generate_typed(obj, depth, minimal));
        }
        if let Some(target) = self.ref_target(obj) {
            parts.push(self.generate(target, depth + 1));
        }
        for member in obj
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            parts.push(self.generate(member, depth));
        }
        if let Some(members) = union_members(obj) {
            parts.push(self.generate_union(obj, members, depth));
        }
        if parts.is_empty() {
            // No structure at all: a null default, or any value.
            return match obj.get("default") {
                Some(default) => default.clone(),
                None => json!({}),
            };
        }
        combine(parts)
    }

    /// An annotated whole number (`default: 1`) of a `number` schema written as the float it is
    /// (`1.0`), as a Rust `f64` serialises it, so a value sent through the SDK reads back equal.
    fn spelled_for(&self, obj: &Map<String, Value>, value: Value) -> Value {
        let number = |o: &Map<String, Value>| schema_type(o) == Some("number");
        let is_number = number(obj)
            || union_members(obj)
                .is_some_and(|members| members.iter().filter_map(Value::as_object).any(number));
        match value.as_i64() {
            Some(whole) if is_number && !value.is_f64() => json!(whole as f64),
            _ => value,
        }
    }

    /// The first non-null member, tagged with its discriminator value.
    fn generate_union(&self, union: &Map<String, Value>, members: &[Value], depth: usize) -> Value {
        let Some(member) = members.iter().find(|m| !self.is_null_only(m)) else {
            return Value::Null;
        };
        let mut value = self.generate(member, depth);
        self.tag(union, member, &mut value);
        value
    }

    fn generate_typed(&self, obj: &Map<String, Value>, depth: usize, minimal: bool) -> Value {
        match schema_type(obj) {
            Some("object") => self.generate_object(obj, depth, minimal),
            Some("array") => self.generate_array(obj, depth, minimal),
            Some("string") => generate_string(obj),
            Some("integer") => generate_number(obj, true),
            Some("number") => generate_number(obj, false),
            Some("boolean") => Value::Bool(true),
            Some("null") => Value::Null,
            _ => json!({}),
        }
    }

    fn generate_object(&self, obj: &Map<String, Value>, depth: usize, minimal: bool) -> Value {
        let required: Vec<&str> = obj
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut out = Map::new();
        let properties = obj.get("properties").and_then(Value::as_object);
        for (name, schema) in properties.into_iter().flatten() {
            if minimal && !required.contains(&name.as_str()) {
                continue;
            }
            out.insert(name.clone(), self.generate(schema, depth));
        }
        if !minimal
            && out.is_empty()
            && let Some(extra) = obj
                .get("additionalProperties")
                .filter(|s| s.as_object().is_some_and(|m| !m.is_empty()))
        {
            out.insert("key".to_owned(), self.generate(extra, depth));
        }
        Value::Object(out)
    }

    fn generate_array(&self, obj: &Map<String, Value>, depth: usize, minimal: bool) -> Value {
        let mut out: Vec<Value> = obj
            .get("prefixItems")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|s| self.generate(s, depth))
            .collect();
        let (count, max) = item_counts(obj, minimal);
        if let Some(items) = obj
            .get("items")
            .filter(|i| !matches!(i, Value::Bool(false)))
        {
            while out.len() < count {
                out.push(self.generate(items, depth));
            }
        }
        out.truncate(max);
        Value::Array(out)
    }

    // ---------------------------------------------------------------------------------------
    // variants_for

    /// The union-member values below `schema` (without [`Synth::generate`]'s base value).
    fn variants(&self, schema: &Value, depth: usize) -> Vec<Value> {
        let Some(obj) = schema.as_object() else {
            return Vec::new();
        };
        if depth >= self.max_depth || obj.contains_key("const") {
            return Vec::new();
        }
        let own = has_structure(obj).then(|| self.generate_typed(obj, depth, false));
        let splice = |v: Value| match &own {
            Some(base) => combine(vec![base.clone(), v]),
            None => v,
        };
        let mut out = Vec::new();
        if let Some(members) = union_members(obj) {
            for member in members.iter().filter(|m| !self.is_null_only(m)) {
                let mut values = vec![self.generate(member, depth)];
                values.extend(self.variants(member, depth));
                for mut value in values {
                    self.tag(obj, member, &mut value);
                    out.push(splice(value));
                }
            }
        }
        if let Some(target) = self.ref_target(obj) {
            out.extend(self.variants(target, depth + 1).into_iter().map(splice));
        }
        if let Some(all) = obj.get("allOf").and_then(Value::as_array) {
            let base = self.generate(schema, depth);
            for member in all {
                for value in self.variants(member, depth) {
                    out.push(combine_shallow(base.clone(), value));
                }
            }
        }
        match schema_type(obj) {
            Some("object") => {
                let base = self.generate(schema, depth);
                let properties = obj.get("properties").and_then(Value::as_object);
                for (name, property) in properties.into_iter().flatten() {
                    for value in self.variants(property, depth) {
                        let mut with = base.clone();
                        if let Value::Object(map) = &mut with {
                            map.insert(name.clone(), value);
                        }
                        out.push(with);
                    }
                }
            }
            Some("array") => {
                if let Some(items) = obj.get("items") {
                    let (count, max) = item_counts(obj, false);
                    for value in self.variants(items, depth) {
                        let mut array = vec![value; count.max(1)];
                        array.truncate(max);
                        out.push(Value::Array(array));
                    }
                }
            }
            _ => {}
        }
        dedup(out)
    }

    // ---------------------------------------------------------------------------------------
    // helpers

    /// The target of a local `$ref` of this schema object.
    fn ref_target(&self, obj: &Map<String, Value>) -> Option<&'a Value> {
        self.spec.pointer(obj.get("$ref")?.as_str()?)
    }

    /// Sets the discriminator property of a union member's value to the member's tag (from the
    /// `mapping`, else the referenced schema's name), unless the member fixes it itself.
    fn tag(&self, union: &Map<String, Value>, member: &Value, value: &mut Value) {
        let Some(discriminator) = union.get("discriminator") else {
            return;
        };
        let (Some(property), Some(reference), Value::Object(map)) = (
            discriminator.get("propertyName").and_then(Value::as_str),
            member.get("$ref").and_then(Value::as_str),
            value,
        ) else {
            return;
        };
        let tag = discriminator
            .get("mapping")
            .and_then(Value::as_object)
            .and_then(|m| m.iter().find(|(_, r)| r.as_str() == Some(reference)))
            .map(|(k, _)| k.clone())
            .or_else(|| reference.rsplit('/').next().map(str::to_owned));
        let Some(tag) = tag else {
            return;
        };
        let fixed = self
            .spec
            .resolve(member)
            .get("properties")
            .and_then(|p| p.get(property))
            .map(|p| self.spec.resolve(p))
            .is_some_and(|p| p.get("const").is_some() || p.get("enum").is_some());
        if !fixed || !map.contains_key(property) {
            map.insert(property.to_owned(), Value::String(tag));
        }
    }

    /// Whether the schema admits only `null`.
    fn is_null_only(&self, schema: &Value) -> bool {
        let schema = self.spec.resolve(schema);
        match schema.get("type") {
            Some(Value::String(t)) => t == "null",
            Some(Value::Array(ts)) => ts.iter().all(|t| t == "null"),
            _ => {
                schema.get("const").is_some_and(Value::is_null)
                    || schema
                        .get("enum")
                        .and_then(Value::as_array)
                        .is_some_and(|e| !e.is_empty() && e.iter().all(Value::is_null))
            }
        }
    }

    /// Whether the schema admits `null` (`type` null, a null member, a null `enum` value, or
    /// OpenAPI 3.0's `nullable`).
    fn is_nullable(&self, schema: &Value, hops: usize) -> bool {
        if hops > 32 {
            return false;
        }
        let schema = self.spec.resolve(schema);
        let Some(obj) = schema.as_object() else {
            return false;
        };
        match obj.get("type") {
            Some(Value::String(t)) if t == "null" => return true,
            Some(Value::Array(ts)) if ts.iter().any(|t| t == "null") => return true,
            _ => {}
        }
        obj.get("nullable") == Some(&Value::Bool(true))
            || obj
                .get("enum")
                .and_then(Value::as_array)
                .is_some_and(|e| e.iter().any(Value::is_null))
            || union_members(obj).is_some_and(|ms| ms.iter().any(|m| self.is_nullable(m, hops + 1)))
    }
}

/// The value a schema's annotations dictate: `const`, `example`, first of `examples`, non-null
/// `default`, first non-null `enum` value.
fn annotated(obj: &Map<String, Value>) -> Option<Value> {
    if let Some(value) = obj.get("const") {
        return Some(value.clone());
    }
    if let Some(value) = obj.get("example") {
        return Some(value.clone());
    }
    if let Some(value) = obj
        .get("examples")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return Some(value.clone());
    }
    if let Some(value) = obj.get("default").filter(|d| !d.is_null()) {
        return Some(value.clone());
    }
    let values = obj.get("enum").and_then(Value::as_array)?;
    values
        .iter()
        .find(|v| !v.is_null())
        .or_else(|| values.first())
        .cloned()
}

/// `oneOf`, else `anyOf`.
fn union_members(obj: &Map<String, Value>) -> Option<&[Value]> {
    obj.get("oneOf")
        .or_else(|| obj.get("anyOf"))
        .and_then(Value::as_array)
        .map(Vec::as_slice)
}

fn has_structure(obj: &Map<String, Value>) -> bool {
    STRUCTURAL.iter().any(|k| obj.contains_key(*k))
}

/// The schema's type: the first non-null of `type`, else `"null"` for a null-only `type`,
/// else inferred from object/array keywords.
fn schema_type(obj: &Map<String, Value>) -> Option<&str> {
    match obj.get("type") {
        Some(Value::String(t)) => Some(t),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .or_else(|| ts.iter().filter_map(Value::as_str).next()),
        _ if obj.contains_key("properties")
            || obj.contains_key("additionalProperties")
            || obj.contains_key("required") =>
        {
            Some("object")
        }
        _ if obj.contains_key("items") || obj.contains_key("prefixItems") => Some("array"),
        _ => None,
    }
}

/// How many items to generate (`minItems`, at least one unless minimal) and the most allowed.
fn item_counts(obj: &Map<String, Value>, minimal: bool) -> (usize, usize) {
    let min = obj.get("minItems").and_then(Value::as_u64).unwrap_or(0) as usize;
    let max = obj
        .get("maxItems")
        .and_then(Value::as_u64)
        .map_or(usize::MAX, |m| m as usize);
    let count = if minimal { min } else { min.max(1) };
    (count.min(max), max)
}

fn generate_string(obj: &Map<String, Value>) -> Value {
    let base = match obj.get("format").and_then(Value::as_str).unwrap_or("") {
        "date-time" => DATE_TIME,
        "date" => "2026-04-08",
        "time" => "12:00:00Z",
        "duration" => "PT1M",
        "uri" | "url" | "uri-reference" | "iri" | "iri-reference" => URI,
        "email" | "idn-email" => EMAIL,
        "uuid" => UUID,
        "hostname" | "idn-hostname" => "example.com",
        "ipv4" => "192.0.2.1",
        "ipv6" => "2001:db8::1",
        "byte" => "ZXhhbXBsZQ==",
        _ => STRING,
    };
    let min = obj.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
    let max = obj
        .get("maxLength")
        .and_then(Value::as_u64)
        .map_or(usize::MAX, |m| m as usize);
    let mut s: String = base.chars().take(max).collect();
    let len = s.chars().count();
    if len < min {
        s.extend(std::iter::repeat_n('x', min - len));
    }
    Value::String(s)
}

fn generate_number(obj: &Map<String, Value>, integer: bool) -> Value {
    let get = |k: &str| obj.get(k).and_then(Value::as_f64);
    // 3.1 numeric exclusive bounds (a boolean `exclusiveMinimum` is OpenAPI 3.0's flag).
    let step = if integer { 1.0 } else { 0.5 };
    let exclusive = |k: &str, bound: Option<f64>| match obj.get(k) {
        Some(Value::Bool(true)) => bound,
        Some(Value::Number(n)) => n.as_f64(),
        _ => None,
    };
    let low = exclusive("exclusiveMinimum", get("minimum"))
        .map(|x| x + step)
        .or(get("minimum"));
    let high = exclusive("exclusiveMaximum", get("maximum"))
        .map(|x| x - step)
        .or(get("maximum"));
    let mut x = low.unwrap_or(1.0);
    if let Some(high) = high
        && x > high
    {
        x = if low.is_some() {
            (low.unwrap_or(high) + high) / 2.0
        } else {
            high
        };
    }
    if integer {
        let mut n = x.ceil() as i64;
        if let Some(m) = obj
            .get("multipleOf")
            .and_then(Value::as_i64)
            .filter(|m| *m > 0)
            && n % m != 0
        {
            n += m - n.rem_euclid(m);
        }
        json!(n)
    } else {
        json!(x)
    }
}

/// Combines parts from least to most specific: objects merge deeply (later keys win),
/// otherwise the last non-null part wins.
fn combine(parts: Vec<Value>) -> Value {
    let mut parts = parts.into_iter();
    let Some(mut acc) = parts.next() else {
        return Value::Null;
    };
    for part in parts {
        match (&mut acc, part) {
            (Value::Object(a), Value::Object(b)) => merge_deep(a, b),
            (_, Value::Null) => {}
            (_, b) => acc = b,
        }
    }
    acc
}

fn merge_deep(a: &mut Map<String, Value>, b: Map<String, Value>) {
    for (k, v) in b {
        match (a.get_mut(&k), v) {
            (Some(Value::Object(x)), Value::Object(y)) => merge_deep(x, y),
            (_, v) => {
                a.insert(k, v);
            }
        }
    }
}

/// Top-level merge of two objects (the second's keys replace the first's); else the second.
fn combine_shallow(base: Value, value: Value) -> Value {
    match (base, value) {
        (Value::Object(mut a), Value::Object(b)) => {
            a.extend(b);
            Value::Object(a)
        }
        (_, v) => v,
    }
}

/// Removes later duplicates, keeping order.
fn dedup(values: Vec<Value>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::with_capacity(values.len());
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}
