//! The simulator's judgement of a request against what the API description states: every path
//! and query parameter and every member of a JSON body, at any depth (inside unions, arrays,
//! batch items and studio scenes) — types, enum values, required members, unknown members
//! where the document forbids them, lengths, ranges, patterns, formats, item counts and union
//! tags. The rules are generated from the document into `heygen_sys::request_rules` by
//! `cargo xtask generate`, so a new document brings its own.
//!
//! It runs before any route: a request the document forbids is answered 400
//! `invalid_parameter` with `param` naming the value's JSON path
//! (`scenes[0].input.expressiveness`) and changes nothing. What the document allows passes —
//! an integer written `1.0` too, rewritten as `1` for the route that decodes it. The SDK's own
//! request types are lenient (open enums), so a user's bug shows here rather than in
//! production.
//!
//! Not judged here: a multipart body (`POST /v3/assets`, parsed by its route), headers, a body
//! that is not JSON (the route's parser answers), and what the document does not state (the
//! routes' own rules).

mod operation;
mod param;
mod parameters;
mod refusal;
mod text;
mod walk;

#[cfg(test)]
mod tests;

use bytes::Bytes;
use serde_json::Value;

pub(crate) use operation::{find as operation, page_size};
pub(crate) use parameters::query_pairs;
pub(crate) use refusal::Refusal;

use param::Param;
use walk::Walk;

/// Checks one request; `Ok` with the body to hand to the route (rewritten when an integer was
/// written as a float), or the refusal. A path that is no operation of the document passes
/// untouched, for the router to answer.
pub(crate) fn request(
    method: &str,
    path: &str,
    query: Option<&str>,
    body: Bytes,
) -> Result<Bytes, Refusal> {
    let Some((operation, path_values)) = operation::find(method, path) else {
        return Ok(body);
    };
    parameters::check(operation, &path_values, query)?;
    let Some(rule) = &operation.body else {
        return Ok(body);
    };
    let Some(schema) = &rule.json else {
        return Ok(body);
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return match rule.required {
            true => Err(Refusal::at(&Param::default(), "is required (JSON).")),
            false => Ok(body),
        };
    }
    let Ok(mut value) = serde_json::from_slice::<Value>(&body) else {
        return Ok(body);
    };
    let mut walk = Walk::default();
    walk.check(schema, &mut value, &Param::default())?;
    match walk.changed {
        true => Ok(serde_json::to_vec(&value).map_or(body, Bytes::from)),
        false => Ok(body),
    }
}
