//! Rewrites of progenitor's output that no setting gives, driven by the normalised document:
//! open enums, tagged unions, builders that take plain values (and a union member's builder
//! for the union) and say what each setter sets, `#[non_exhaustive]` response-only types, the document's operation ids, no `api-version` header, leaner `send()`s,
//! `JsonSchema` behind heygen-sys's `schemars` feature, the `Exec` hook every request runs through, and
//! cursor listings as `paging` traits.

mod api_version;
mod builder_docs;
mod cursor_lists;
mod exec;
mod member_builders;
mod open_enums;
pub(crate) mod operation_ids;
mod optional_setters;
mod response_only;
mod schemars_feature;
mod send_path;
mod tagged_unions;

use anyhow::{Context, Result, bail};
use serde_json::Value;
use syn::{Item, ItemImpl, Type};

use crate::normalise::walk;

pub fn apply(file: &mut syn::File, doc: &Value) -> Result<()> {
    let types = types_module(file)?;
    let schemas = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .context("components")?;
    for (name, schema) in schemas {
        let ident = type_ident(name);
        if let Some(values) = crate::normalise::string_enum(schema) {
            open_enums::rewrite(types, &ident, &values)?;
        } else if schema.get("discriminator").is_some() {
            tagged_unions::rewrite(types, &ident, schema)?;
        }
    }
    let optional = optional_setters::rewrite(file)?;
    member_builders::add(file, &optional)?;
    builder_docs::add(file)?;
    response_only::mark(file, doc)?;
    schemars_feature::rewrite(types_module(file)?)?;
    operation_ids::rewrite(file, doc)?;
    api_version::rewrite(file);
    send_path::rewrite(file);
    file.items.extend(exec::items());
    file.items.extend(send_path::items());
    let paging = cursor_lists::items(file);
    file.items.extend(paging);
    Ok(())
}

/// The `pub mod types { … }` progenitor emits.
fn types_module(file: &mut syn::File) -> Result<&mut Vec<Item>> {
    for item in &mut file.items {
        if let Item::Mod(m) = item
            && m.ident == "types"
        {
            return Ok(&mut m.content.as_mut().context("types module has a body")?.1);
        }
    }
    bail!("progenitor's output has no `types` module")
}

/// The `pub mod builder { … }` typify emits inside `types`.
fn builder_module(types: &mut [Item]) -> Result<&mut Vec<Item>> {
    for item in types {
        if let Item::Mod(m) = item
            && m.ident == "builder"
        {
            return Ok(&mut m.content.as_mut().context("builder module has a body")?.1);
        }
    }
    bail!("typify's output has no `types::builder` module")
}

/// typify's Rust name for a component (`StandardAPIError` → `StandardApiError`).
pub(crate) fn type_ident(component: &str) -> String {
    // typify re-cases acronyms: upper-case runs keep only their first letter upper-case.
    let pascal = walk::pascal(component);
    let chars: Vec<char> = pascal.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        let prev_upper = i > 0 && chars[i - 1].is_ascii_uppercase();
        let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
        if c.is_ascii_uppercase() && prev_upper && !next_lower {
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(*c);
        }
    }
    out
}

/// Removes the item named `ident`, every `impl … for ident` except those `keep` accepts, and
/// every `impl From<ident> for …` (typify's unwrapping of a one-member newtype); returns the
/// removed item.
fn take_type(items: &mut Vec<Item>, ident: &str, keep: impl Fn(&ItemImpl) -> bool) -> Result<Item> {
    let position = items.iter().position(|item| match item {
        Item::Enum(e) => e.ident == ident,
        Item::Struct(s) => s.ident == ident,
        _ => false,
    });
    let item =
        items.remove(position.with_context(|| format!("progenitor emitted no type `{ident}`"))?);
    items.retain(|item| match item {
        Item::Impl(i) => (!is_for(i, ident) || keep(i)) && !is_from(i, ident),
        _ => true,
    });
    Ok(item)
}

fn is_from(item: &ItemImpl, ident: &str) -> bool {
    let Some((_, path, _)) = &item.trait_ else {
        return false;
    };
    let Some(last) = path.segments.last().filter(|s| s.ident == "From") else {
        return false;
    };
    matches!(&last.arguments, syn::PathArguments::AngleBracketed(a)
        if a.args.iter().any(|arg| matches!(arg, syn::GenericArgument::Type(Type::Path(p))
            if p.path.segments.last().is_some_and(|s| s.ident == ident))))
}

fn is_for(item: &ItemImpl, ident: &str) -> bool {
    matches!(&*item.self_ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == ident))
}

/// The `#[doc]` attributes of an item.
fn docs(item: &Item) -> Vec<syn::Attribute> {
    let attrs = match item {
        Item::Enum(e) => &e.attrs,
        Item::Struct(s) => &s.attrs,
        _ => return Vec::new(),
    };
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_idents_follow_typify() {
        assert_eq!(type_ident("StandardAPIError"), "StandardApiError");
        assert_eq!(
            type_ident("StandardAPIErrorEnvelope"),
            "StandardApiErrorEnvelope"
        );
        assert_eq!(type_ident("DownloadSRTResponse"), "DownloadSrtResponse");
        assert_eq!(type_ident("VideoStatus"), "VideoStatus");
        assert_eq!(
            type_ident("MCPVideoTranslateCreateRequest"),
            "McpVideoTranslateCreateRequest"
        );
    }
}
