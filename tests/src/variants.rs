//! Invalid variants of a valid request body, derived from the document itself: walking the
//! body beside its schema (through `$ref`s, nullable wrappers, `allOf`, and the union member
//! the value is — by its discriminator tag, else the member it satisfies), each place gives
//! one variant per rule it has: an enum (or `const`) value replaced by an unknown one, a
//! required member dropped, a length, range or item count crossed by one. Each variant breaks
//! exactly one rule at one place, named by its JSON path as HeyGen writes `param`
//! (`scenes[0].input.expressiveness`).

use serde_json::{Map, Value};

use crate::spec::Spec;
use crate::validate::is_valid;

/// A value no enum of any document lists.
pub const UNKNOWN: &str = "not_a_documented_value";

/// Nested `$ref`s followed on one path before the walk stops (cycles).
const MAX_DEPTH: usize = 24;

/// One invalid body: the rule broken, where, and the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// `enum`, `const`, `required`, `minLength`, `maxLength`, `minimum`, `maximum`,
    /// `exclusiveMinimum`, `exclusiveMaximum`, `minItems`, `maxItems`, or
    /// `additionalProperties` (a member added where the document forbids others).
    pub rule: &'static str,
    /// The JSON path of the value at fault (`None`: the body itself).
    pub param: Option<String>,
    /// The whole invalid body.
    pub body: Value,
}

/// Every single-rule violation of `base` (a value valid against `schema`).
pub fn invalid_variants(spec: &Spec, schema: &Value, base: &Value) -> Vec<Variant> {
    let mut out = Vec::new();
    let mut walker = Walker {
        spec,
        base,
        out: &mut out,
    };
    walker.walk(schema, base, &mut Vec::new(), 0);
    let mut unique: Vec<Variant> = Vec::with_capacity(out.len());
    for variant in out {
        if !unique
            .iter()
            .any(|u| u.param == variant.param && u.rule == variant.rule)
        {
            unique.push(variant);
        }
    }
    unique
}

/// A step into a JSON value.
#[derive(Debug, Clone)]
enum Step {
    Member(String),
    Item(usize),
}

/// `a.b[0].c` (`None` at the root).
fn param_of(steps: &[Step]) -> Option<String> {
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Member(name) if out.is_empty() => out.push_str(name),
            Step::Member(name) => {
                out.push('.');
                out.push_str(name);
            }
            Step::Item(i) => out.push_str(&format!("[{i}]")),
        }
    }
    (!out.is_empty()).then_some(out)
}

struct Walker<'a, 'o> {
    spec: &'a Spec,
    base: &'a Value,
    out: &'o mut Vec<Variant>,
}

impl Walker<'_, '_> {
    /// Records the body with the value at `at` replaced (`None`: removed).
    fn push(
        &mut self,
        rule: &'static str,
        at: &[Step],
        param: Option<String>,
        value: Option<Value>,
    ) {
        let mut body = self.base.clone();
        if replace(&mut body, at, value) {
            self.out.push(Variant { rule, param, body });
        }
    }

    fn walk(&mut self, schema: &Value, value: &Value, at: &mut Vec<Step>, depth: usize) {
        if depth > MAX_DEPTH || value.is_null() {
            return;
        }
        let Some(obj) = schema.as_object() else {
            return;
        };
        if let Some(target) = obj
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| self.spec.pointer(r))
        {
            self.walk(target, value, at, depth + 1);
        }
        for member in obj
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.walk(member, value, at, depth + 1);
        }
        if let Some(member) = self.member_of(obj, value) {
            self.walk(member, value, at, depth + 1);
        }
        self.rules(obj, value, at);
        match value {
            Value::Object(map) => {
                let properties = obj.get("properties").and_then(Value::as_object);
                let required = obj.get("required").and_then(Value::as_array);
                // A `readOnly` member is required of responses only.
                let read_only = |name: &str| {
                    properties
                        .and_then(|p| p.get(name))
                        .is_some_and(|p| p.get("readOnly") == Some(&Value::Bool(true)))
                };
                for name in required.into_iter().flatten().filter_map(Value::as_str) {
                    if map.contains_key(name) && !read_only(name) {
                        at.push(Step::Member(name.to_string()));
                        let param = param_of(at);
                        self.push("required", at, param, None);
                        at.pop();
                    }
                }
                if obj.get("additionalProperties") == Some(&Value::Bool(false)) {
                    at.push(Step::Member(UNKNOWN.to_string()));
                    let param = param_of(at);
                    let mut with = map.clone();
                    with.insert(UNKNOWN.to_string(), Value::Bool(true));
                    at.pop();
                    self.push("additionalProperties", at, param, Some(Value::Object(with)));
                }
                for (name, property) in properties.into_iter().flatten() {
                    if let Some(member) = map.get(name) {
                        at.push(Step::Member(name.clone()));
                        self.walk(property, member, at, depth + 1);
                        at.pop();
                    }
                }
            }
            Value::Array(items) => {
                if let Some(item_schema) = obj.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        at.push(Step::Item(i));
                        self.walk(item_schema, item, at, depth + 1);
                        at.pop();
                    }
                }
            }
            _ => {}
        }
    }

    /// The variants of the rules stated on this schema object itself.
    fn rules(&mut self, obj: &Map<String, Value>, value: &Value, at: &[Step]) {
        let param = param_of(at);
        let number = |k: &str| obj.get(k).and_then(Value::as_f64);
        let enumerated = obj.contains_key("enum") || obj.contains_key("const");
        match value {
            Value::String(s) => {
                if obj.contains_key("enum") {
                    self.push("enum", at, param.clone(), Some(Value::from(UNKNOWN)));
                } else if obj.contains_key("const") {
                    self.push("const", at, param.clone(), Some(Value::from(UNKNOWN)));
                }
                if !enumerated {
                    let len = s.chars().count() as f64;
                    if let Some(min) = number("minLength").filter(|m| *m >= 1.0 && len >= *m) {
                        let short: String = s.chars().take(min as usize - 1).collect();
                        self.push("minLength", at, param.clone(), Some(Value::from(short)));
                    }
                    if let Some(max) = number("maxLength") {
                        let long = "x".repeat(max as usize + 1);
                        self.push("maxLength", at, param.clone(), Some(Value::from(long)));
                    }
                }
            }
            Value::Number(_) if !enumerated => {
                let integer = is_type(obj, "integer");
                let as_number = |x: f64| match integer {
                    true => Value::from(x as i64),
                    false => Value::from(x),
                };
                if let Some(min) = number("minimum") {
                    self.push("minimum", at, param.clone(), Some(as_number(min - 1.0)));
                }
                if let Some(max) = number("maximum") {
                    self.push("maximum", at, param.clone(), Some(as_number(max + 1.0)));
                }
                if let Some(min) = number("exclusiveMinimum") {
                    self.push("exclusiveMinimum", at, param.clone(), Some(as_number(min)));
                }
                if let Some(max) = number("exclusiveMaximum") {
                    self.push("exclusiveMaximum", at, param.clone(), Some(as_number(max)));
                }
            }
            Value::Array(items) => {
                if let Some(min) = number("minItems").filter(|m| *m >= 1.0) {
                    let fewer = items.iter().take(min as usize - 1).cloned().collect();
                    self.push("minItems", at, param.clone(), Some(Value::Array(fewer)));
                }
                if let (Some(max), Some(first)) = (number("maxItems"), items.first()) {
                    let more = vec![first.clone(); max as usize + 1];
                    self.push("maxItems", at, param, Some(Value::Array(more)));
                }
            }
            _ => {}
        }
    }

    /// The member of a `oneOf`/`anyOf` the value is: by its discriminator tag when the union
    /// has one, else the first (non-null) member it satisfies.
    fn member_of<'s>(&self, obj: &'s Map<String, Value>, value: &Value) -> Option<&'s Value> {
        let members = obj
            .get("oneOf")
            .or_else(|| obj.get("anyOf"))
            .and_then(Value::as_array)?;
        if let Some(discriminator) = obj.get("discriminator") {
            let property = discriminator.get("propertyName").and_then(Value::as_str)?;
            let tag = value.get(property).and_then(Value::as_str)?;
            let target = discriminator
                .get("mapping")
                .and_then(|m| m.get(tag))
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| format!("#/components/schemas/{tag}"));
            return members
                .iter()
                .find(|m| m.get("$ref").and_then(Value::as_str) == Some(target.as_str()));
        }
        members
            .iter()
            .filter(|m| !is_type(m.as_object().unwrap_or(&Map::new()), "null"))
            .find(|m| is_valid(self.spec.document(), m, value))
    }
}

/// Whether the schema's `type` is (or lists) `ty`.
fn is_type(obj: &Map<String, Value>, ty: &str) -> bool {
    match obj.get("type") {
        Some(Value::String(t)) => t == ty,
        Some(Value::Array(ts)) => ts.iter().any(|t| t == ty),
        _ => false,
    }
}

/// Replaces (or with `None` removes) the value at `at`; false when there is none.
fn replace(root: &mut Value, at: &[Step], value: Option<Value>) -> bool {
    let Some((last, parents)) = at.split_last() else {
        return match value {
            Some(v) => {
                *root = v;
                true
            }
            None => false,
        };
    };
    let mut current = root;
    for step in parents {
        current = match (step, current) {
            (Step::Member(name), Value::Object(map)) => match map.get_mut(name) {
                Some(v) => v,
                None => return false,
            },
            (Step::Item(i), Value::Array(items)) => match items.get_mut(*i) {
                Some(v) => v,
                None => return false,
            },
            _ => return false,
        };
    }
    match (last, current, value) {
        (Step::Member(name), Value::Object(map), Some(v)) => map.insert(name.clone(), v).is_some(),
        (Step::Member(name), Value::Object(map), None) => map.remove(name).is_some(),
        (Step::Item(i), Value::Array(items), Some(v)) if *i < items.len() => {
            items[*i] = v;
            true
        }
        (Step::Item(i), Value::Array(items), None) if *i < items.len() => {
            items.remove(*i);
            true
        }
        _ => false,
    }
}
