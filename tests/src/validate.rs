//! Validating JSON instances against schema fragments of the original OpenAPI 3.1 document
//! with the `jsonschema` crate (draft 2020-12).
//!
//! A fragment is compiled inside a small root schema, `{"allOf": [<fragment>]}`, into which
//! every document location that the fragment reaches through local `$ref`s (transitively) is
//! copied at its original JSON pointer, so that `#/components/schemas/...` references resolve
//! exactly as in the document. OpenAPI-only keywords (`discriminator`, `example`, `x-*`) are
//! unknown to JSON Schema and ignored. Compiled validators are cached per fragment (keyed by
//! the fragment and everything it references), so repeated calls are cheap.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use jsonschema::{Draft, Validator};
use serde_json::{Value, json};

use crate::spec::{Spec, escape_token, insert_at_pointer, percent_decode};

/// Compiled validators, keyed by the fragment and its `$ref` closure.
fn cache() -> &'static Mutex<HashMap<String, Arc<Validator>>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Validator>>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Validates `instance` against the schema fragment `schema` of the document `schema_root`
/// (the whole OpenAPI document); `Err` lists every violation as
/// `"<instance path>: <message> (schema path <path>)"`, or a single entry explaining why the
/// fragment could not be compiled.
pub fn validate(schema_root: &Value, schema: &Value, instance: &Value) -> Result<(), Vec<String>> {
    let validator = compiled(schema_root, schema).map_err(|e| vec![e])?;
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| {
            let at = e.instance_path.as_str();
            let at = if at.is_empty() { "(root)" } else { at };
            format!("{at}: {e} (schema path {})", e.schema_path.as_str())
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Whether `instance` is valid for the schema fragment `schema` of `schema_root`; a fragment
/// that cannot be compiled counts as invalid.
pub fn is_valid(schema_root: &Value, schema: &Value, instance: &Value) -> bool {
    compiled(schema_root, schema).is_ok_and(|v| v.is_valid(instance))
}

/// Validates `instance` against the component schema `#/components/schemas/<name>`.
pub fn validate_component(spec: &Spec, name: &str, instance: &Value) -> Result<(), Vec<String>> {
    if spec.schema(name).is_none() {
        return Err(vec![format!("no component schema named {name:?}")]);
    }
    let schema = json!({ "$ref": format!("#/components/schemas/{}", escape_token(name)) });
    validate(spec.document(), &schema, instance)
}

/// Compiles (or fetches from the cache) the validator of a fragment, checking on the way that
/// the fragment is itself a valid draft 2020-12 schema.
pub fn compiled(schema_root: &Value, schema: &Value) -> Result<Arc<Validator>, String> {
    let closure = ref_closure(schema_root, schema)?;
    let mut key = serde_json::to_string(schema).map_err(|e| e.to_string())?;
    for (pointer, target) in &closure {
        key.push('\n');
        key.push_str(pointer);
        key.push('=');
        key.push_str(&serde_json::to_string(target).map_err(|e| e.to_string())?);
    }
    if let Some(v) = lock_cache().get(&key) {
        return Ok(Arc::clone(v));
    }
    let mut root = json!({ "allOf": [schema] });
    // Shorter pointers first, so that a location nested in another copied one lands inside it.
    let mut pointers: Vec<_> = closure.into_iter().collect();
    pointers.sort_by_key(|(p, _)| p.len());
    for (pointer, target) in pointers {
        insert_at_pointer(&mut root, &pointer, target.clone());
    }
    let validator = jsonschema::options()
        .with_draft(Draft::Draft202012)
        .build(&root)
        .map_err(|e| format!("cannot compile schema {}: {e}", short(schema)))?;
    let validator = Arc::new(validator);
    lock_cache().insert(key, Arc::clone(&validator));
    Ok(validator)
}

/// Number of validators compiled and cached so far (process-wide).
pub fn cached_validators() -> usize {
    lock_cache().len()
}

fn lock_cache() -> std::sync::MutexGuard<'static, HashMap<String, Arc<Validator>>> {
    cache()
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Every document location reachable from `schema` through local `$ref`s, by JSON pointer.
fn ref_closure<'a>(
    root: &'a Value,
    schema: &'a Value,
) -> Result<BTreeMap<String, &'a Value>, String> {
    let mut found: BTreeMap<String, &Value> = BTreeMap::new();
    let mut stack: Vec<&Value> = vec![schema];
    while let Some(value) = stack.pop() {
        let mut refs = Vec::new();
        collect_refs(value, &mut refs);
        for reference in refs {
            let Some(pointer) = reference.strip_prefix('#') else {
                return Err(format!("non-local $ref {reference:?} is not supported"));
            };
            let pointer = percent_decode(pointer);
            if found.contains_key(&pointer) {
                continue;
            }
            let target = root
                .pointer(&pointer)
                .ok_or_else(|| format!("unresolvable $ref {reference:?}"))?;
            found.insert(pointer, target);
            stack.push(target);
        }
    }
    Ok(found)
}

/// The `$ref` (and `$dynamicRef`) strings anywhere inside the schema `value` (not inside
/// example data).
fn collect_refs<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    collect_refs_in(value, false, out);
}

/// `schema_map`: `value` is a map whose every value is a schema (`properties`, `$defs`, ...),
/// so its keys are names, not keywords.
fn collect_refs_in<'a>(value: &'a Value, schema_map: bool, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) if schema_map => {
            map.values().for_each(|v| collect_refs_in(v, false, out));
        }
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref" | "$dynamicRef", Value::String(r)) => out.push(r),
                    // Examples and enum/const/default values are data, not schemas.
                    ("example" | "examples" | "default" | "const" | "enum", _) => {}
                    (
                        "properties" | "patternProperties" | "$defs" | "definitions"
                        | "dependentSchemas",
                        _,
                    ) => collect_refs_in(v, true, out),
                    _ => collect_refs_in(v, false, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs_in(v, false, out)),
        _ => {}
    }
}

fn short(schema: &Value) -> String {
    let mut s = schema.to_string();
    if s.len() > 200 {
        let mut end = 200;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
        s.push('…');
    }
    s
}

/// A place where the document's own example data does not validate against its own schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KnownInvalidExample {
    /// The operation whose example it is.
    pub operation_id: &'static str,
    /// `"response <status>"`, or `"request"` for request bodies.
    pub subject: &'static str,
    /// What is wrong.
    pub reason: &'static str,
}

/// The document's examples that are invalid for their own schemas (the tests assert this
/// exact set). The examples are still used as they are: they are what the upstream documents.
///
/// Empty for the 2026-04-08 pin: all 186 recorded response examples and all 409 schema-level
/// `example`/`examples`/`default` values validate. Add an entry here (rather than changing the
/// example) when a new pin brings an invalid one.
pub fn known_invalid_examples() -> Vec<KnownInvalidExample> {
    vec![]
}

/// Checks what JSON Schema cannot, for the response envelopes of this document (which declare
/// their members but neither require them nor forbid others, so that `{}` or a wrong envelope
/// would validate): every top-level member of `body` is one the response schema declares, and
/// the member the status calls for is present and not `null` — `data` for a success, `error`
/// for an error — when the schema declares it.
pub fn validate_envelope(
    spec: &Spec,
    schema: &Value,
    status: u16,
    body: &Value,
) -> Result<(), Vec<String>> {
    let schema = spec.resolve(schema);
    let Some(declared) = schema.get("properties").and_then(Value::as_object) else {
        return Ok(());
    };
    let Some(members) = body.as_object() else {
        return Err(vec![format!("the body is not an object: {body}")]);
    };
    let mut errors: Vec<String> = members
        .keys()
        .filter(|key| !declared.contains_key(*key))
        .map(|key| format!("/{key}: not a member the response schema declares"))
        .collect();
    let expected = if (200..300).contains(&status) {
        "data"
    } else {
        "error"
    };
    if declared.contains_key(expected) && members.get(expected).is_none_or(Value::is_null) {
        errors.push(format!("/{expected}: missing for HTTP {status}"));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
