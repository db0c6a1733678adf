//! Checking a request as it went on the wire against the operation in the original 3.1
//! document: method, path (and its parameters), query, headers and body, each value validated
//! with [`crate::validate()`] against the parameter's or body's schema.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use crate::calls::Input;
use crate::compare::{Comparison, compare};
use crate::spec::{Location, Operation, Parameter, Spec, percent_decode};
use crate::validate::validate;

/// A request as captured on the wire.
#[derive(Debug, Clone, PartialEq)]
pub struct WireRequest {
    /// Upper-case method.
    pub method: String,
    /// The URL path, percent-encoded as sent.
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// Headers by lower-case name (repeated headers joined with `, `).
    pub headers: BTreeMap<String, String>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl WireRequest {
    /// A captured request; header names are lower-cased.
    pub fn new<'h>(
        method: &str,
        path: &str,
        query: Option<&str>,
        headers: impl IntoIterator<Item = (&'h str, String)>,
        body: Vec<u8>,
    ) -> WireRequest {
        let mut map: BTreeMap<String, String> = BTreeMap::new();
        for (name, value) in headers {
            map.entry(name.to_ascii_lowercase())
                .and_modify(|v| {
                    v.push_str(", ");
                    v.push_str(&value);
                })
                .or_insert(value);
        }
        WireRequest {
            method: method.to_ascii_uppercase(),
            path: path.to_owned(),
            query: query.filter(|q| !q.is_empty()).map(str::to_owned),
            headers: map,
            body,
        }
    }

    /// The decoded query pairs, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        let Some(query) = &self.query else {
            return Vec::new();
        };
        reqwest::Url::parse(&format!("http://query.invalid/?{query}"))
            .map(|url| url.query_pairs().into_owned().collect())
            .unwrap_or_default()
    }
}

/// The operation of `spec` that `method` and the (percent-encoded) `path` address, with its
/// decoded path parameters. Where several templates match, the one with the most literal
/// segments wins (`/v3/avatars/looks` over `/v3/avatars/{group_id}`).
pub fn route<'a>(
    spec: &'a Spec,
    method: &str,
    path: &str,
) -> Option<(Operation<'a>, BTreeMap<String, String>)> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let mut best: Option<(usize, Operation<'a>, BTreeMap<String, String>)> = None;
    for op in spec.operations() {
        if !op.method.eq_ignore_ascii_case(method) {
            continue;
        }
        let template: Vec<&str> = op.path.trim_start_matches('/').split('/').collect();
        if template.len() != segments.len() {
            continue;
        }
        let mut params = BTreeMap::new();
        let mut literals = 0;
        let matched = template.iter().zip(&segments).all(|(t, s)| {
            match t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                Some(name) if !s.is_empty() => {
                    params.insert(name.to_owned(), percent_decode(s));
                    true
                }
                Some(_) => false,
                None => {
                    literals += 1;
                    t == s
                }
            }
        });
        if matched && best.as_ref().is_none_or(|(l, _, _)| literals > *l) {
            best = Some((literals, op, params));
        }
    }
    best.map(|(_, op, params)| (op, params))
}

/// A query or path value (always a string on the wire) as the JSON value its schema types it
/// as: integers, numbers and booleans are parsed; anything unparsable stays a string (and then
/// fails validation).
pub fn typed_parameter(spec: &Spec, parameter: &Parameter, raw: &str) -> Value {
    let schema = spec.resolve(&parameter.schema);
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if types.contains(&"integer")
        && let Ok(n) = raw.parse::<i64>()
    {
        return json!(n);
    }
    if types.contains(&"number")
        && let Ok(n) = raw.parse::<f64>()
    {
        return json!(n);
    }
    if types.contains(&"boolean")
        && let Ok(b) = raw.parse::<bool>()
    {
        return json!(b);
    }
    json!(raw)
}

/// What [`check`] found.
#[derive(Debug, Clone, Default)]
pub struct WireCheck {
    /// Contract violations, as sentences.
    pub problems: Vec<String>,
    /// The comparison of the wire body with the input body (tolerated differences).
    pub body: Comparison,
    /// Query parameter names sent.
    pub query_sent: BTreeSet<String>,
}

/// Checks `wire` against `op`: the method; the path (matching the template, each path
/// parameter valid for its schema and equal to the input's); the query (only declared
/// parameters, no repeats, required ones present, each valid for its schema and equal to the
/// input's; the input's optional ones all sent);
/// credentials; the body (JSON: `application/json`, valid for the body schema, and equal to the
/// input's body up to [`crate::compare::Allowed`]; multipart: the schema's parts, `file` with a
/// file name and the input's bytes; no body: empty).
pub fn check(
    spec: &Spec,
    op: &Operation<'_>,
    wire: &WireRequest,
    input: Option<&Input>,
) -> WireCheck {
    let mut out = WireCheck::default();
    let problems = &mut out.problems;
    if wire.method != op.method {
        problems.push(format!("method {} instead of {}", wire.method, op.method));
    }
    let parameters = op.parameters();
    let doc = spec.document();

    // Path.
    match route(spec, &wire.method, &wire.path) {
        Some((routed, values)) if routed.operation_id == op.operation_id => {
            for (name, raw) in &values {
                let Some(p) = parameters
                    .iter()
                    .find(|p| p.location == Location::Path && &p.name == name)
                else {
                    problems.push(format!("path parameter `{name}` is not declared"));
                    continue;
                };
                let value = typed_parameter(spec, p, raw);
                if let Err(errors) = validate(doc, &p.schema, &value) {
                    problems.push(format!("path parameter `{name}` = {value}: {errors:?}"));
                }
                if let Some(expected) = input.and_then(|i| i.path.get(name)) {
                    let expected_raw = match expected {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    if &expected_raw != raw {
                        problems.push(format!(
                            "path parameter `{name}` is {raw:?} instead of {expected_raw:?}"
                        ));
                    }
                }
            }
        }
        Some((routed, _)) => problems.push(format!(
            "path {} addresses {} instead of {}",
            wire.path, routed.operation_id, op.operation_id
        )),
        None => problems.push(format!(
            "path {} matches no operation of the document",
            wire.path
        )),
    }

    // Query.
    let mut seen: BTreeMap<String, Value> = BTreeMap::new();
    for (name, raw) in wire.query_pairs() {
        let Some(p) = parameters
            .iter()
            .find(|p| p.location == Location::Query && p.name == name)
        else {
            problems.push(format!("query parameter `{name}` is not declared"));
            continue;
        };
        let value = typed_parameter(spec, p, &raw);
        if let Err(errors) = validate(doc, &p.schema, &value) {
            problems.push(format!("query parameter `{name}` = {value}: {errors:?}"));
        }
        if seen.insert(name.clone(), value).is_some() {
            problems.push(format!("query parameter `{name}` is repeated"));
        }
    }
    for p in parameters.iter().filter(|p| p.location == Location::Query) {
        let sent = seen.get(&p.name);
        if p.required && sent.is_none() {
            problems.push(format!("required query parameter `{}` is missing", p.name));
        }
        let Some(input) = input else { continue };
        let expected = input.query.get(&p.name);
        match (expected, sent) {
            (Some(e), Some(s)) if !compare(e, s).ok() => problems.push(format!(
                "query parameter `{}` is {s} instead of {e}",
                p.name
            )),
            (Some(e), None) => problems.push(format!(
                "query parameter `{}` = {e} was given but not sent",
                p.name
            )),
            (None, Some(s)) => problems.push(format!(
                "query parameter `{}` = {s} was sent but not given",
                p.name
            )),
            _ => {}
        }
    }
    out.query_sent = seen.into_keys().collect();

    // Credentials (the document's security: `x-api-key` or a bearer token).
    if !wire.headers.contains_key("x-api-key") && !wire.headers.contains_key("authorization") {
        problems.push("no credentials (x-api-key / authorization)".into());
    }

    // Body.
    let content_type = wire
        .headers
        .get("content-type")
        .map(|c| c.to_ascii_lowercase())
        .unwrap_or_default();
    match op.request_body() {
        None => {
            if !wire.body.is_empty() {
                problems.push(format!(
                    "{} bytes of body for an operation without a request body",
                    wire.body.len()
                ));
            }
        }
        Some(body) if body.content_type == "multipart/form-data" => {
            if !content_type.starts_with("multipart/form-data") {
                problems.push(format!(
                    "content type {content_type:?} for a multipart body"
                ));
            }
            let parts = multipart_parts(&content_type, &wire.body);
            match parts {
                Err(e) => problems.push(format!("unreadable multipart body: {e}")),
                Ok(parts) => {
                    let schema = spec.resolve(&body.schema);
                    let declared: BTreeSet<&str> = schema
                        .get("properties")
                        .and_then(Value::as_object)
                        .map(|m| m.keys().map(String::as_str).collect())
                        .unwrap_or_default();
                    let mut instance = serde_json::Map::new();
                    for part in &parts {
                        if !declared.contains(part.name.as_str()) {
                            problems
                                .push(format!("multipart part `{}` is not declared", part.name));
                        }
                        instance.insert(
                            part.name.clone(),
                            json!(String::from_utf8_lossy(&part.data)),
                        );
                    }
                    if let Err(errors) = validate(doc, &body.schema, &Value::Object(instance)) {
                        problems.push(format!("multipart body: {errors:?}"));
                    }
                    match parts.iter().find(|p| p.name == "file") {
                        None => problems.push("no multipart part named `file`".into()),
                        Some(file) => {
                            if file.filename.as_deref().is_none_or(str::is_empty) {
                                problems.push("the `file` part has no file name".into());
                            }
                            if file.content_type.is_none() {
                                problems.push("the `file` part has no content type".into());
                            }
                            let expected = input
                                .and_then(|i| i.body.as_ref())
                                .and_then(|b| b.get("file"))
                                .and_then(Value::as_str);
                            if let Some(expected) = expected
                                && expected.as_bytes() != file.data.as_slice()
                            {
                                problems.push(format!(
                                    "the `file` part holds {} bytes, not the {} given",
                                    file.data.len(),
                                    expected.len()
                                ));
                            }
                        }
                    }
                }
            }
        }
        Some(body) => {
            if content_type.split(';').next().map(str::trim) != Some("application/json") {
                problems.push(format!("content type {content_type:?} for a JSON body"));
            }
            match serde_json::from_slice::<Value>(&wire.body) {
                Err(e) => problems.push(format!("the body is not JSON: {e}")),
                Ok(sent) => {
                    if let Err(errors) = validate(doc, &body.schema, &sent) {
                        problems.push(format!("body {sent}: {errors:?}"));
                    }
                    if let Some(given) = input.and_then(|i| i.body.as_ref()) {
                        let comparison = compare(given, &sent);
                        for m in &comparison.mismatches {
                            problems.push(format!("body differs from the input at {m}"));
                        }
                        out.body = comparison;
                    }
                }
            }
        }
    }
    out
}

/// One part of a `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The form field name.
    pub name: String,
    /// The file name, if the part is a file.
    pub filename: Option<String>,
    /// The part's content type.
    pub content_type: Option<String>,
    /// The part's bytes.
    pub data: Vec<u8>,
}

/// Splits a `multipart/form-data` body (RFC 7578) into its parts.
pub fn multipart_parts(content_type: &str, body: &[u8]) -> Result<Vec<Part>, String> {
    let boundary = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("boundary="))
        .next()
        .map(|b| b.trim_matches('"').to_owned())
        .ok_or("no boundary")?;
    let delimiter = format!("--{boundary}").into_bytes();
    let mut parts = Vec::new();
    let mut chunks = split(body, &delimiter).into_iter();
    chunks.next(); // preamble
    for chunk in chunks {
        if chunk.starts_with(b"--") {
            return Ok(parts); // the closing delimiter
        }
        let chunk = chunk
            .strip_prefix(b"\r\n")
            .ok_or("no CRLF after a delimiter")?;
        let chunk = chunk
            .strip_suffix(b"\r\n")
            .ok_or("no CRLF before a delimiter")?;
        let split_at = find(chunk, b"\r\n\r\n").ok_or("a part without a header end")?;
        let head = String::from_utf8_lossy(&chunk[..split_at]).into_owned();
        let data = chunk[split_at + 4..].to_vec();
        let (mut name, mut filename, mut content_type) = (None, None, None);
        for line in head.split("\r\n") {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            match key.trim().to_ascii_lowercase().as_str() {
                "content-disposition" => {
                    for attr in value.split(';').map(str::trim) {
                        if let Some(v) = attr.strip_prefix("name=") {
                            name = Some(v.trim_matches('"').to_owned());
                        } else if let Some(v) = attr.strip_prefix("filename=") {
                            filename = Some(v.trim_matches('"').to_owned());
                        }
                    }
                }
                "content-type" => content_type = Some(value.trim().to_owned()),
                _ => {}
            }
        }
        parts.push(Part {
            name: name.ok_or("a part without a name")?,
            filename,
            content_type,
            data,
        });
    }
    Err("no closing delimiter".into())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn split<'a>(mut body: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    while let Some(i) = find(body, delimiter) {
        out.push(&body[..i]);
        body = &body[i + delimiter.len()..];
    }
    out.push(body);
    out
}
