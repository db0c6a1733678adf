//! Comparing what the SDK decoded (re-serialised) with what was served, or what went on the
//! wire with what the SDK was given: equal JSON, except for an enumerated set of differences
//! that carry no information ([`Allowed`]), each of which is reported with its location.

use std::collections::BTreeMap;

use serde_json::Value;

/// The differences [`compare`] tolerates. Nothing else is tolerated: a dropped member, a
/// changed string, an added non-null member, a different array length all fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Allowed {
    /// The expected side has a member whose value is `null`; the other side omits it (an
    /// `Option` field that is `None` and skipped when serialising).
    NullOmitted,
    /// The expected side omits a member; the other side has it as `null` (an `Option` field
    /// that is `None` and serialised as `null`).
    NullFilled,
    /// The expected side has a member whose value is an empty object or array; the other
    /// side omits it (typify's `Map`/`Vec` fields with `default` and
    /// `skip_serializing_if = "…::is_empty"`, for optional members: absent and empty are the
    /// same value to them).
    EmptyOmitted,
    /// The same number spelled differently (`1` and `1.0`: a float field).
    NumberSpelling,
}

/// The result of [`compare`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comparison {
    /// Tolerated differences by kind, with the JSON pointers where they occurred.
    pub allowed: BTreeMap<Allowed, Vec<String>>,
    /// Differences that are not tolerated, as `"<pointer>: <what>"`.
    pub mismatches: Vec<String>,
}

impl Comparison {
    /// Whether there is no mismatch.
    pub fn ok(&self) -> bool {
        self.mismatches.is_empty()
    }

    /// Adds another comparison's findings.
    pub fn merge(&mut self, other: Comparison) {
        for (kind, at) in other.allowed {
            self.allowed.entry(kind).or_default().extend(at);
        }
        self.mismatches.extend(other.mismatches);
    }
}

/// Compares `actual` with `expected` (see [`Allowed`]).
pub fn compare(expected: &Value, actual: &Value) -> Comparison {
    let mut out = Comparison::default();
    walk(expected, actual, String::new(), &mut out);
    out
}

fn walk(expected: &Value, actual: &Value, at: String, out: &mut Comparison) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                let child = format!("{at}/{key}");
                match a.get(key) {
                    Some(av) => walk(ev, av, child, out),
                    None if ev.is_null() => out
                        .allowed
                        .entry(Allowed::NullOmitted)
                        .or_default()
                        .push(child),
                    None if ev.as_object().is_some_and(|m| m.is_empty())
                        || ev.as_array().is_some_and(|a| a.is_empty()) =>
                    {
                        out.allowed
                            .entry(Allowed::EmptyOmitted)
                            .or_default()
                            .push(child)
                    }
                    None => out
                        .mismatches
                        .push(format!("{child}: missing (expected {ev})")),
                }
            }
            for (key, av) in a {
                if e.contains_key(key) {
                    continue;
                }
                let child = format!("{at}/{key}");
                if av.is_null() {
                    out.allowed
                        .entry(Allowed::NullFilled)
                        .or_default()
                        .push(child);
                } else {
                    out.mismatches
                        .push(format!("{child}: unexpected member with value {av}"));
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                out.mismatches
                    .push(format!("{at}: {} items instead of {}", a.len(), e.len()));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                walk(ev, av, format!("{at}/{i}"), out);
            }
        }
        (Value::Number(e), Value::Number(a)) if e != a => {
            if e.as_f64().is_some() && e.as_f64() == a.as_f64() {
                out.allowed
                    .entry(Allowed::NumberSpelling)
                    .or_default()
                    .push(at);
            } else {
                out.mismatches.push(format!("{at}: {a} instead of {e}"));
            }
        }
        (e, a) if e == a => {}
        (e, a) => out.mismatches.push(format!("{at}: {a} instead of {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_the_enumerated_differences_are_tolerated() {
        let c = compare(
            &json!({"a": null, "n": 1, "s": "x", "l": [1], "e": {}, "f": []}),
            &json!({"b": null, "n": 1.0, "s": "x", "l": [1]}),
        );
        assert!(c.ok(), "{c:?}");
        assert_eq!(c.allowed[&Allowed::EmptyOmitted], ["/e", "/f"]);
        assert_eq!(c.allowed[&Allowed::NullOmitted], ["/a"]);
        assert_eq!(c.allowed[&Allowed::NullFilled], ["/b"]);
        assert_eq!(c.allowed[&Allowed::NumberSpelling], ["/n"]);

        let bad = compare(
            &json!({"a": 1, "s": "x", "l": [1, 2], "o": {"k": true}}),
            &json!({"s": "y", "l": [1], "o": {"k": false}, "extra": 0}),
        );
        let mut mismatches = bad.mismatches.clone();
        mismatches.sort();
        assert_eq!(
            mismatches,
            [
                "/a: missing (expected 1)",
                "/extra: unexpected member with value 0",
                "/l: 1 items instead of 2",
                "/o/k: false instead of true",
                "/s: \"y\" instead of \"x\"",
            ]
        );
        assert!(!compare(&json!(1), &json!(2)).ok());
        assert!(!compare(&json!(null), &json!(0)).ok());
        // Empty is only tolerated when omitted, not when replaced or added.
        assert!(!compare(&json!({"e": {}}), &json!({"e": []})).ok());
        assert!(!compare(&json!({}), &json!({"e": []})).ok());
    }
}
