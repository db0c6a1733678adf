//! The contract suite's raw way for every operation, generated: `tests/src/calls/generated.rs`
//! calls each operation of the pinned document through `client.raw()` (its generated builder:
//! every path and query parameter from the call's input, the body deserialised into the
//! generated request type) and `client.run`, so a new operation is exercised the day it
//! appears, with no hand-written entry. Hand-written ways remain for the resource methods.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::{Context, Result};
use quote::ToTokens;
use serde_json::Value;

use crate::normalise::walk;

/// Where the generated ways go.
pub const OUTPUT: &str = "tests/src/calls/generated.rs";

/// A builder's parameter: setter name, type, required.
struct Param {
    setter: String,
    ty: String,
    required: bool,
}

fn norm(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn tokens(t: &impl ToTokens) -> String {
    let s = t.to_token_stream().to_string();
    // Readable spacing for the generated file (prettyplease is not run on it).
    s.replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" < ", "<")
        .replace(" >", ">")
        .replace("< ", "<")
}

/// `T` of `Result<T, String>`, and whether `T` is an `Option` (then its inner type).
fn parameter(ty: &syn::Type) -> Option<(String, bool)> {
    let inner = crate::api_diff::result_ok(ty)?;
    if let syn::Type::Path(ip) = inner
        && let Some(seg) = ip.path.segments.last()
        && seg.ident == "Option"
        && let syn::PathArguments::AngleBracketed(a) = &seg.arguments
        && let Some(syn::GenericArgument::Type(t)) = a.args.first()
    {
        return Some((tokens(t), false));
    }
    Some((tokens(inner), true))
}

/// The Rust source of the generated ways, from the generated client and the normalised
/// document (parameter names and places).
pub fn render(code: &str, doc: &Value, source: &str) -> Result<String> {
    let file = syn::parse_file(code).context("parsing the generated code")?;
    // Client method → builder struct; builder struct → parameters; builders whose `send`
    // answers a JSON value.
    let mut methods: BTreeMap<String, String> = BTreeMap::new();
    let mut builders: BTreeMap<String, Vec<Param>> = BTreeMap::new();
    let mut json: Vec<String> = Vec::new();
    for item in &file.items {
        match item {
            syn::Item::Impl(i) if i.trait_.is_none() && tokens(&i.self_ty) == "Client" => {
                for f in &i.items {
                    if let syn::ImplItem::Fn(f) = f
                        && let syn::ReturnType::Type(_, ty) = &f.sig.output
                    {
                        let ty = tokens(ty);
                        if let Some(b) = ty.strip_prefix("builder::") {
                            let b = b.split('<').next().unwrap_or(b).trim().to_string();
                            methods.insert(f.sig.ident.to_string(), b);
                        }
                    }
                }
            }
            syn::Item::Mod(m) if m.ident == "builder" => {
                for item in m.content.iter().flat_map(|c| &c.1) {
                    match item {
                        syn::Item::Struct(s) => {
                            let params = s
                                .fields
                                .iter()
                                .filter_map(|f| {
                                    let (ty, required) = parameter(&f.ty)?;
                                    Some(Param {
                                        setter: f.ident.as_ref()?.to_string(),
                                        ty,
                                        required,
                                    })
                                })
                                .collect();
                            builders.insert(s.ident.to_string(), params);
                        }
                        syn::Item::Impl(i) => {
                            let name = tokens(&i.self_ty);
                            let name = name.split('<').next().unwrap_or(&name).trim();
                            for f in &i.items {
                                if let syn::ImplItem::Fn(f) = f
                                    && f.sig.ident == "send"
                                    && tokens(&f.sig.output).contains("ResponseValue<types::")
                                {
                                    json.push(name.to_string());
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    let mut ops: Vec<(String, Value)> = Vec::new();
    let mut copy = doc.clone();
    for (path, _, op) in walk::operations_mut(&mut copy) {
        if let Some(id) = op.get("operationId").and_then(Value::as_str) {
            // The path item's parameters apply to each of its operations.
            let mut op = op.clone();
            let shared = doc["paths"][&path]["parameters"].as_array().cloned();
            if let Some(shared) = shared {
                let own = op["parameters"].as_array().cloned().unwrap_or_default();
                op["parameters"] = Value::Array(shared.into_iter().chain(own).collect());
            }
            ops.push((id.to_string(), op));
        }
    }
    ops.sort_by(|a, b| a.0.cmp(&b.0));

    let mut out = format!(
        "// @generated by `cargo xtask generate` from {source}.\n\
         // DO NOT EDIT: one raw way per operation of the pinned document; see xtask/src/contract_ways.rs.\n\n\
         //! The raw way of every operation: its generated builder through `client.raw()`, run by\n\
         //! `client.run` (the SDK's auth, retries and errors), every parameter from the input.\n\n\
         #![allow(unused_mut, clippy::all)]\n\n\
         use heygen_sdk::types;\n\n\
         use super::{{Way, whole}};\n\n\
         /// One raw way per operation of the pinned document.\n\
         pub(super) fn ways() -> Vec<Way> {{\n    vec![\n"
    );
    for (id, op) in &ops {
        let Some((method, builder)) = methods
            .iter()
            .find(|(m, _)| norm(m) == norm(id))
            .map(|(m, b)| (m.clone(), b.clone()))
        else {
            // Set aside by the normaliser (multipart): a hand-written way covers it.
            continue;
        };
        if !json.contains(&builder) {
            continue;
        }
        let params = builders.get(&builder).map(Vec::as_slice).unwrap_or(&[]);
        let places: BTreeMap<String, (String, String)> = op["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| {
                let p = match p["$ref"].as_str() {
                    Some(r) => doc.pointer(r.trim_start_matches('#'))?,
                    None => p,
                };
                let name = p["name"].as_str()?;
                Some((
                    norm(name),
                    (name.to_string(), p["in"].as_str()?.to_string()),
                ))
            })
            .collect();
        let mut lines = Vec::new();
        for p in params {
            let (ty, setter) = (&p.ty, &p.setter);
            if setter == "body" {
                // The builder's field holds the body's builder (`types::builder::XBuilder`, as
                // the post-pass names them); the call deserialises the body type itself.
                let ty = match ty.strip_prefix("types::builder::") {
                    Some(name) => {
                        format!("types::{}", name.strip_suffix("Builder").unwrap_or(name))
                    }
                    None => ty.clone(),
                };
                lines.push(format!("b = b.body(i.body::<{ty}>()?);"));
                continue;
            }
            let Some((name, place)) = places.get(&norm(setter)) else {
                continue;
            };
            let line = match (place.as_str(), p.required) {
                ("path", _) => format!("b = b.{setter}(i.path_as::<{ty}>(\"{name}\")?);"),
                (_, true) => format!("b = b.{setter}(i.required::<{ty}>(\"{name}\")?);"),
                (_, false) => format!(
                    "if let Some(v) = i.query::<{ty}>(\"{name}\")? {{\n                b = b.{setter}(v);\n            }}"
                ),
            };
            lines.push(line);
        }
        let input = if lines.is_empty() { "_i" } else { "i" };
        let _ = writeln!(
            out,
            "        way!(\"{id}\", \"raw().{method}\", raw, |c, {input}| {{\n            let mut b = c.raw().{method}();"
        );
        for line in lines {
            let _ = writeln!(out, "            {line}");
        }
        out.push_str("            whole(c.run(b.send()).await)\n        }),\n");
    }
    out.push_str("    ]\n}\n");
    Ok(out)
}
