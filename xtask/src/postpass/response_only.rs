//! Response-only types are `#[non_exhaustive]`.
//!
//! A type the SDK only ever reads (reachable from a response body, from no request body or
//! parameter) gains fields and enum values as the API grows; marked `#[non_exhaustive]`, such an
//! addition is not a breaking change for users, who read these types but never build them with
//! a struct literal or match them exhaustively. Types a request can carry keep struct literals
//! and exhaustive matches. Which types are which comes from the normalised document's `$ref`
//! graph, then follows the generated code's own field types to reach the inline types typify
//! names after their parents.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use serde_json::Value;
use syn::{Fields, Item};

use super::{type_ident, types_module};

/// Marks the response-only types of the `types` module; returns their names.
pub fn mark(file: &mut syn::File, doc: &Value) -> Result<BTreeSet<String>> {
    let (request, response) = reachable_components(doc);
    let items = types_module(file)?;
    let graph = type_graph(items);
    let to_idents =
        |names: &BTreeSet<String>| -> Vec<String> { names.iter().map(|n| type_ident(n)).collect() };
    let request = closure(&graph, to_idents(&request));
    let response = closure(&graph, to_idents(&response));
    let only: BTreeSet<String> = response.difference(&request).cloned().collect();
    for item in items.iter_mut() {
        let (ident, attrs) = match item {
            Item::Struct(s) if matches!(s.fields, Fields::Named(_)) => (&s.ident, &mut s.attrs),
            Item::Enum(e) => (&e.ident, &mut e.attrs),
            _ => continue,
        };
        if only.contains(&ident.to_string())
            && !attrs.iter().any(|a| a.path().is_ident("non_exhaustive"))
        {
            attrs.push(syn::parse_quote!(#[non_exhaustive]));
        }
    }
    Ok(only)
}

/// The component schemas reachable from request bodies and parameters, and from responses.
fn reachable_components(doc: &Value) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut request = Vec::new();
    let mut response = Vec::new();
    for item in doc
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|paths| paths.values())
        .filter_map(Value::as_object)
    {
        for (key, value) in item {
            if key == "parameters" {
                refs_in(value, &mut request);
                continue;
            }
            let Some(op) = value.as_object() else {
                continue;
            };
            for (part, value) in op {
                match part.as_str() {
                    "parameters" | "requestBody" => refs_in(value, &mut request),
                    "responses" => refs_in(value, &mut response),
                    _ => {}
                }
            }
        }
    }
    (components(doc, request), components(doc, response))
}

/// Every `$ref` below `value`.
fn refs_in(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match (key.as_str(), child) {
                    ("$ref", Value::String(target)) => out.push(target.clone()),
                    _ => refs_in(child, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|child| refs_in(child, out)),
        _ => {}
    }
}

/// The component schemas the references reach, following references inside whatever they point
/// at (schemas, but also shared parameters, bodies and responses).
fn components(doc: &Value, mut pending: Vec<String>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut schemas = BTreeSet::new();
    while let Some(target) = pending.pop() {
        if !seen.insert(target.clone()) {
            continue;
        }
        let Some(pointer) = target.strip_prefix('#') else {
            continue;
        };
        if let Some(name) = pointer.strip_prefix("/components/schemas/") {
            schemas.insert(name.replace("~1", "/").replace("~0", "~"));
        }
        if let Some(value) = doc.pointer(pointer) {
            refs_in(value, &mut pending);
        }
    }
    schemas
}

/// For each struct and enum of the module, the module's types its fields and variants name.
fn type_graph(items: &[Item]) -> BTreeMap<String, BTreeSet<String>> {
    let known: BTreeSet<String> = items
        .iter()
        .filter_map(|item| match item {
            Item::Struct(s) => Some(s.ident.to_string()),
            Item::Enum(e) => Some(e.ident.to_string()),
            _ => None,
        })
        .collect();
    let mut graph = BTreeMap::new();
    for item in items {
        let (ident, tokens) = match item {
            Item::Struct(s) => (&s.ident, s.fields.to_token_stream()),
            Item::Enum(e) => (&e.ident, e.variants.to_token_stream()),
            _ => continue,
        };
        let mut named = BTreeSet::new();
        idents(tokens, &mut |name| {
            if known.contains(&name) {
                named.insert(name);
            }
        });
        graph.insert(ident.to_string(), named);
    }
    graph
}

fn idents(tokens: TokenStream, f: &mut dyn FnMut(String)) {
    for token in tokens {
        match token {
            TokenTree::Ident(ident) => f(ident.to_string()),
            TokenTree::Group(group) => idents(group.stream(), f),
            _ => {}
        }
    }
}

/// The types reachable from `roots` (the roots included).
fn closure(graph: &BTreeMap<String, BTreeSet<String>>, roots: Vec<String>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut pending = roots;
    while let Some(ident) = pending.pop() {
        if seen.insert(ident.clone()) {
            pending.extend(graph.get(&ident).into_iter().flatten().cloned());
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({
            "paths": {"/v": {
                "parameters": [{"$ref": "#/components/parameters/Order"}],
                "post": {
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Create"}}}},
                    "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Detail"}}}}}
                }
            }},
            "components": {
                "parameters": {"Order": {"name": "order", "in": "query", "schema": {"$ref": "#/components/schemas/SortOrder"}}},
                "schemas": {
                    "Create": {"type": "object", "properties": {"ratio": {"$ref": "#/components/schemas/Ratio"}}},
                    "Detail": {"type": "object", "properties": {
                        "ratio": {"$ref": "#/components/schemas/Ratio"},
                        "status": {"$ref": "#/components/schemas/Status"},
                        "order": {"$ref": "#/components/schemas/SortOrder"}
                    }},
                    "Ratio": {"type": "string", "enum": ["16:9"]},
                    "Status": {"type": "string", "enum": ["done"]},
                    "SortOrder": {"type": "string", "enum": ["asc"]}
                }
            }
        })
    }

    #[test]
    fn components_split_by_where_they_are_reached() {
        let (request, response) = reachable_components(&doc());
        assert_eq!(
            request.into_iter().collect::<Vec<_>>(),
            ["Create", "Ratio", "SortOrder"]
        );
        assert_eq!(
            response.into_iter().collect::<Vec<_>>(),
            ["Detail", "Ratio", "SortOrder", "Status"]
        );
    }

    #[test]
    fn only_response_types_and_their_inline_children_are_marked() {
        let mut file: syn::File = syn::parse_quote! {
            pub mod types {
                pub struct Create { pub ratio: Option<Ratio> }
                pub struct Detail {
                    pub ratio: Ratio,
                    pub status: ::std::option::Option<Status>,
                    pub order: SortOrder,
                    pub inner: ::std::vec::Vec<DetailInner>,
                }
                pub struct DetailInner { pub name: ::std::string::String }
                pub enum Ratio { A }
                pub enum Status { Done, Unknown(::std::string::String) }
                pub enum SortOrder { Asc }
                pub struct Scalar(::std::string::String);
            }
        };
        let marked = mark(&mut file, &doc()).unwrap();
        assert_eq!(
            marked.into_iter().collect::<Vec<_>>(),
            ["Detail", "DetailInner", "Status"]
        );
        let code = quote::quote!(#file).to_string();
        assert!(code.contains("# [non_exhaustive] pub struct Detail {"));
        assert!(code.contains("# [non_exhaustive] pub struct DetailInner"));
        assert!(code.contains("# [non_exhaustive] pub enum Status"));
        assert!(!code.contains("# [non_exhaustive] pub struct Create"));
        assert!(!code.contains("# [non_exhaustive] pub enum Ratio"));
        assert!(!code.contains("# [non_exhaustive] pub enum SortOrder"));
    }
}
