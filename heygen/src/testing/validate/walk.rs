//! A JSON value against a generated [`Schema`], at any depth: the first fault found, named by
//! its path. Integers written as whole floats (`1.0`) are integers, as JSON Schema reads them,
//! and are rewritten as integers so the routes' decoding takes them.

use heygen_sys::request_rules::{Additional, Array, Kind, Number, Object, Schema, Union};
use serde_json::Value;

use super::param::Param;
use super::refusal::Refusal;
use super::text;

/// One walk over a value; `changed` when an integer was rewritten.
#[derive(Debug, Default)]
pub(super) struct Walk {
    pub changed: bool,
}

impl Walk {
    pub(super) fn check(
        &mut self,
        schema: &Schema,
        value: &mut Value,
        at: &Param,
    ) -> Result<(), Refusal> {
        if value.is_null() && schema.nullable {
            return Ok(());
        }
        match &schema.kind {
            Kind::Any => Ok(()),
            Kind::Ref(target) => self.check(target, value, at),
            Kind::Null => expect(value.is_null(), "null", value, at),
            Kind::Boolean => expect(value.is_boolean(), "a boolean", value, at),
            Kind::Object(object) => self.object(object, value, at),
            Kind::Array(array) => self.array(array, value, at),
            Kind::String(rule) => match value {
                Value::String(s) => text::check(rule, s, at),
                other => expect(false, "a string", other, at),
            },
            Kind::Integer(number) => self.integer(number, value, at),
            Kind::Number(number) => match value.as_f64() {
                Some(x) => bounds(number, x, at),
                None => expect(false, "a number", value, at),
            },
            Kind::Literals(literals) => literal(literals, value, at),
            Kind::OneOf(union) | Kind::AnyOf(union) => self.union(union, value, at),
            Kind::AllOf(parts) => parts
                .iter()
                .try_for_each(|part| self.check(part, value, at)),
        }
    }

    fn object(&mut self, object: &Object, value: &mut Value, at: &Param) -> Result<(), Refusal> {
        let Value::Object(map) = value else {
            return expect(false, "an object", value, at);
        };
        if let Some(missing) = object
            .required
            .iter()
            .find(|name| !map.contains_key(**name))
        {
            return Err(Refusal::at(&at.member(missing), "is required."));
        }
        for property in object.properties {
            if let Some(member) = map.get_mut(property.name) {
                self.check(&property.schema, member, &at.member(property.name))?;
            }
        }
        let known = |key: &str| object.properties.iter().any(|p| p.name == key);
        match &object.additional {
            Additional::Any => Ok(()),
            Additional::Forbidden => match map.keys().find(|key| !known(key)) {
                Some(key) => Err(Refusal::at(
                    &at.member(key),
                    "is not a field of this object.",
                )),
                None => Ok(()),
            },
            Additional::Schema(schema) => map
                .iter_mut()
                .filter(|(key, _)| !known(key))
                .try_for_each(|(key, member)| self.check(schema, member, &at.member(key))),
        }
    }

    fn array(&mut self, array: &Array, value: &mut Value, at: &Param) -> Result<(), Refusal> {
        let Value::Array(items) = value else {
            return expect(false, "an array", value, at);
        };
        let len = items.len() as u64;
        if let Some(min) = array.min_items.filter(|min| len < *min) {
            return Err(Refusal::at(
                at,
                format!("must have at least {min} item(s), not {len}."),
            ));
        }
        if let Some(max) = array.max_items.filter(|max| len > *max) {
            return Err(Refusal::at(
                at,
                format!("must have at most {max} item(s), not {len}."),
            ));
        }
        if let Some(schema) = array.items {
            for (i, item) in items.iter_mut().enumerate() {
                self.check(schema, item, &at.item(i))?;
            }
        }
        if array.unique_items {
            for (i, item) in items.iter().enumerate() {
                if items[..i].iter().any(|earlier| same(earlier, item)) {
                    return Err(Refusal::at(
                        &at.item(i),
                        "repeats an earlier item; items must be unique.",
                    ));
                }
            }
        }
        Ok(())
    }

    fn integer(&mut self, number: &Number, value: &mut Value, at: &Param) -> Result<(), Refusal> {
        let Some(x) = value.as_f64() else {
            return expect(false, "an integer", value, at);
        };
        if value.is_f64() {
            if !x.is_finite() || x.fract() != 0.0 {
                return Err(Refusal::at(at, format!("must be an integer, not {x}.")));
            }
            // `1.0` is the integer 1: rewritten, so a route decoding an integer takes it.
            if x.abs() < 9.0e15 {
                *value = Value::from(x as i64);
                self.changed = true;
            }
        }
        bounds(number, x, at)
    }

    /// A tagged union picks its member by tag; an untagged one takes the first member the value
    /// satisfies, else names the fault of the member that got furthest.
    fn union(&mut self, union: &Union, value: &mut Value, at: &Param) -> Result<(), Refusal> {
        if let Some(discriminator) = union
            .discriminator
            .as_ref()
            .filter(|d| !d.mapping.is_empty())
        {
            let Value::Object(map) = &*value else {
                return expect(false, "an object", value, at);
            };
            let tag_at = at.member(discriminator.property);
            let tags = || {
                discriminator
                    .mapping
                    .iter()
                    .map(|(tag, _)| *tag)
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let chosen = match map.get(discriminator.property) {
                None => {
                    return Err(Refusal::at(
                        &tag_at,
                        format!("is required (one of: {}).", tags()),
                    ));
                }
                Some(tag) => discriminator
                    .mapping
                    .iter()
                    .find(|(t, _)| tag.as_str() == Some(*t)),
            };
            return match chosen.and_then(|(_, i)| union.members.get(*i)) {
                Some(member) => self.check(member, value, at),
                None => Err(Refusal::at(&tag_at, format!("must be one of: {}.", tags()))),
            };
        }
        let mut furthest: Option<Refusal> = None;
        for member in union.members {
            let mut trial = value.clone();
            let mut walk = Walk::default();
            match walk.check(member, &mut trial, at) {
                Ok(()) => {
                    *value = trial;
                    self.changed |= walk.changed;
                    return Ok(());
                }
                Err(refusal) if furthest.as_ref().is_none_or(|f| refusal.depth > f.depth) => {
                    furthest = Some(refusal);
                }
                Err(_) => {}
            }
        }
        Err(furthest.unwrap_or_else(|| Refusal::at(at, "matches no allowed form.")))
    }
}

fn expect(ok: bool, expected: &str, value: &Value, at: &Param) -> Result<(), Refusal> {
    match ok {
        true => Ok(()),
        false => Err(Refusal::at(
            at,
            format!("must be {expected}, not {}.", describe(value)),
        )),
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn bounds(number: &Number, x: f64, at: &Param) -> Result<(), Refusal> {
    let fail = |message: String| Err(Refusal::at(at, message));
    if let Some(values) = number.values
        && !values.contains(&x)
    {
        let list: Vec<String> = values.iter().map(f64::to_string).collect();
        return fail(format!("must be one of: {}.", list.join(", ")));
    }
    if let Some(min) = number.minimum.filter(|min| x < *min) {
        return fail(format!("must be at least {min}, not {x}."));
    }
    if let Some(max) = number.maximum.filter(|max| x > *max) {
        return fail(format!("must be at most {max}, not {x}."));
    }
    if let Some(min) = number.exclusive_minimum.filter(|min| x <= *min) {
        return fail(format!("must be greater than {min}, not {x}."));
    }
    if let Some(max) = number.exclusive_maximum.filter(|max| x >= *max) {
        return fail(format!("must be less than {max}, not {x}."));
    }
    if let Some(step) = number.multiple_of.filter(|step| *step > 0.0) {
        let ratio = x / step;
        if (ratio - ratio.round()).abs() > 1e-9 {
            return fail(format!("must be a multiple of {step}, not {x}."));
        }
    }
    Ok(())
}

/// One of the JSON values of an `enum`/`const` that is not a string enum.
fn literal(literals: &[&str], value: &Value, at: &Param) -> Result<(), Refusal> {
    let allowed = literals
        .iter()
        .filter_map(|text| serde_json::from_str::<Value>(text).ok())
        .any(|allowed| same(&allowed, value));
    match allowed {
        true => Ok(()),
        false => Err(Refusal::at(
            at,
            format!("must be one of: {}.", literals.join(", ")),
        )),
    }
}

/// JSON equality with numbers compared by value (`1` and `1.0` are the same).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}
