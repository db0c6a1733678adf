//! Every tagged union gets an inherent constructor per member, named after the member's tag.
//!
//! Without them a user writes `AssetReference::Url(AssetUrl { type_: AssetUrlType::Url, url })`
//! or imports a hand-written extension trait. For each member of each union (a schema with a
//! `discriminator`), `impl Union` gets `fn <tag>(…) -> Self`, taking what the member needs:
//! - nothing, when every field but the tag has a default (`AvatarEngine::avatar_iv()`);
//! - the one field without a default, as `impl Into<its type>`, when there is exactly one
//!   (`AssetReference::url("https://…")`, `AssetInput::asset_id(id)`);
//! - the member itself otherwise (`CreateVideoV3RequestBody::avatar(member)`; its builder also
//!   converts with `try_from`).
//!
//! The member is built with a struct literal from the generated struct's shape: the tag and
//! other fields from their serde default, `Option`s as `None`. A name already taken in the
//! union's `impl` blocks (`tag`, `TAGS`) gets no constructor. Driven by the document's
//! discriminators and the generated code's shape, never by type names.

use std::collections::BTreeSet;

use anyhow::{Context, Result};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;
use syn::{Fields, ImplItem, Item, ItemStruct, Type};

use super::{type_ident, types_module};
use crate::normalise::walk;

/// Adds the constructors; returns how many it added.
pub fn add(file: &mut syn::File, doc: &Value) -> Result<usize> {
    let schemas = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .context("components")?;
    let types = types_module(file)?;
    let mut added = 0;
    for (name, schema) in schemas {
        let Some(mapping) = schema
            .pointer("/discriminator/mapping")
            .and_then(Value::as_object)
        else {
            continue;
        };
        let union = type_ident(name);
        let mut taken = impl_names(types, &union);
        let mut constructors = Vec::new();
        for (tag, target) in mapping {
            let Some(component) = target.as_str().and_then(|t| t.rsplit('/').next()) else {
                continue;
            };
            let member = type_ident(component);
            let variant = walk::pascal(tag);
            let name = snake(&variant);
            if name.is_empty() || !taken.insert(name.clone()) {
                continue;
            }
            let Some(item) = find_struct(types, &member) else {
                continue;
            };
            if let Some(code) = constructor(&name, tag, &variant, &member, item) {
                constructors.push(code);
            }
        }
        if constructors.is_empty() {
            continue;
        }
        added += constructors.len();
        let union = format_ident!("{union}");
        types.push(syn::parse2(quote! {
            impl #union {
                #(#constructors)*
            }
        })?);
    }
    Ok(added)
}

/// The names of the items of `ident`'s inherent `impl` blocks.
fn impl_names(types: &[Item], ident: &str) -> BTreeSet<String> {
    types
        .iter()
        .filter_map(|item| match item {
            Item::Impl(imp)
                if imp.trait_.is_none()
                    && matches!(&*imp.self_ty, Type::Path(p) if p.path.is_ident(ident)) =>
            {
                Some(imp.items.iter().filter_map(|item| match item {
                    ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                    ImplItem::Const(c) => Some(c.ident.to_string()),
                    _ => None,
                }))
            }
            _ => None,
        })
        .flatten()
        .collect()
}

fn find_struct<'a>(types: &'a [Item], ident: &str) -> Option<&'a ItemStruct> {
    types.iter().find_map(|item| match item {
        Item::Struct(s) if s.ident == ident => Some(s),
        _ => None,
    })
}

/// How a field is filled when the constructor does not take it.
enum Fill {
    /// `#[serde(default = "path")]`: `path()`.
    DefaultFn(syn::Path),
    /// `#[serde(default)]` or an `Option`: `Default::default()`.
    Default,
    /// Nothing to fill it with: the constructor takes it.
    Required,
}

fn fill(field: &syn::Field) -> Fill {
    let mut fill = Fill::Required;
    for attr in field.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("default") {
                fill = match meta.value() {
                    Ok(value) => {
                        let path: syn::LitStr = value.parse()?;
                        Fill::DefaultFn(path.parse()?)
                    }
                    Err(_) => Fill::Default,
                };
            } else if meta.input.peek(syn::Token![=]) {
                // Skip `rename = "…"` and the like.
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    let optional = matches!(&field.ty, Type::Path(p)
        if p.path.segments.last().is_some_and(|s| s.ident == "Option"));
    match fill {
        Fill::Required if optional => Fill::Default,
        fill => fill,
    }
}

fn constructor(
    name: &str,
    tag: &str,
    variant: &str,
    member: &str,
    item: &ItemStruct,
) -> Option<TokenStream> {
    let Fields::Named(fields) = &item.fields else {
        return None;
    };
    let fn_ident = ident(name);
    let variant = format_ident!("{variant}");
    let member_ident = format_ident!("{member}");
    let required: Vec<&syn::Field> = fields
        .named
        .iter()
        .filter(|f| matches!(fill(f), Fill::Required))
        .collect();
    if required.len() > 1 {
        let doc = format!(
            "The `{tag}` member: a [`{member}`] (build one with `{member}::builder()`; the builder \
             also converts to this union with `try_from`)."
        );
        return Some(quote! {
            #[doc = #doc]
            pub fn #fn_ident(member: #member_ident) -> Self {
                Self::#variant(member)
            }
        });
    }
    let inits = fields.named.iter().map(|f| {
        let ident = f.ident.as_ref().expect("named field");
        match fill(f) {
            Fill::DefaultFn(path) => quote!(#ident: #path()),
            Fill::Default => quote!(#ident: ::std::default::Default::default()),
            Fill::Required => quote!(#ident: #ident.into()),
        }
    });
    let inits: Vec<TokenStream> = inits.collect();
    match required.first() {
        None => {
            let doc = format!(
                "The `{tag}` member: a [`{member}`] with every field at its default (set fields \
                 with `{member}::builder()`)."
            );
            Some(quote! {
                #[doc = #doc]
                pub fn #fn_ident() -> Self {
                    Self::#variant(#member_ident { #(#inits),* })
                }
            })
        }
        Some(field) => {
            let param = field.ident.as_ref()?;
            let ty = &field.ty;
            let doc = format!(
                "The `{tag}` member: a [`{member}`] with this `{}` (other fields at their \
                 defaults).",
                param.to_string().trim_start_matches("r#")
            );
            Some(quote! {
                #[doc = #doc]
                pub fn #fn_ident(#param: impl ::std::convert::Into<#ty>) -> Self {
                    Self::#variant(#member_ident { #(#inits),* })
                }
            })
        }
    }
}

/// `AvatarIv` → `avatar_iv`, `DigitalTwin` → `digital_twin`.
fn snake(pascal: &str) -> String {
    let mut out = String::new();
    for (i, c) in pascal.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// An identifier, raw when `name` is a keyword (`type` → `r#type`).
fn ident(name: &str) -> Ident {
    if syn::parse_str::<Ident>(name).is_ok() {
        Ident::new(name, Span::call_site())
    } else {
        Ident::new_raw(name, Span::call_site())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> syn::File {
        syn::parse_quote! {
            pub mod types {
                pub struct AssetUrl {
                    #[serde(rename = "type", default = "defaults::asset_url_type")]
                    pub type_: AssetUrlType,
                    pub url: ::std::string::String,
                }
                pub struct AssetId {
                    pub asset_id: ::std::string::String,
                    #[serde(rename = "type", default = "defaults::asset_id_type")]
                    pub type_: AssetIdType,
                    #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
                    pub tags: ::std::vec::Vec<::std::string::String>,
                    pub note: ::std::option::Option<::std::string::String>,
                }
                pub struct AssetBase64 {
                    pub data: ::std::string::String,
                    pub media_type: ::std::string::String,
                    #[serde(rename = "type", default = "defaults::asset_base64_type")]
                    pub type_: AssetBase64Type,
                }
                pub struct Engine {
                    #[serde(rename = "type", default = "defaults::engine_type")]
                    pub type_: EngineType,
                    pub speed: ::std::option::Option<f64>,
                }
                pub enum Input { AssetId(AssetId), Base64(AssetBase64), Url(AssetUrl), Tag(Engine), AvatarIv(Engine) }
                impl Input {
                    pub const TAGS: &'static [&'static str] = &[];
                    pub fn tag(&self) -> &'static str { "" }
                }
            }
        }
    }

    fn doc() -> Value {
        serde_json::json!({"components": {"schemas": {
            "Input": {"discriminator": {"propertyName": "type", "mapping": {
                "asset_id": "#/components/schemas/AssetId",
                "base64": "#/components/schemas/AssetBase64",
                "url": "#/components/schemas/AssetUrl",
                "tag": "#/components/schemas/Engine",
                "avatar_iv": "#/components/schemas/Engine"
            }}},
            "AssetUrl": {"type": "object"}
        }}})
    }

    #[test]
    fn each_member_gets_a_constructor_named_after_its_tag() {
        let mut file = file();
        assert_eq!(add(&mut file, &doc()).unwrap(), 4);
        let code = quote!(#file).to_string();
        assert!(code.contains(
            "pub fn url (url : impl :: std :: convert :: Into < :: std :: string :: String >) -> Self { Self :: Url (AssetUrl { type_ : defaults :: asset_url_type () , url : url . into () }) }"
        ), "{code}");
        assert!(code.contains(
            "pub fn asset_id (asset_id : impl :: std :: convert :: Into < :: std :: string :: String >) -> Self { Self :: AssetId (AssetId { asset_id : asset_id . into () , type_ : defaults :: asset_id_type () , tags : :: std :: default :: Default :: default () , note : :: std :: default :: Default :: default () }) }"
        ), "{code}");
        assert!(
            code.contains(
                "pub fn base64 (member : AssetBase64) -> Self { Self :: Base64 (member) }"
            )
        );
        assert!(code.contains(
            "pub fn avatar_iv () -> Self { Self :: AvatarIv (Engine { type_ : defaults :: engine_type () , speed : :: std :: default :: Default :: default () }) }"
        ));
        // `tag` is the union's own method: no constructor takes its name.
        assert_eq!(code.matches("pub fn tag").count(), 1);
    }

    #[test]
    fn unions_without_members_in_the_code_are_left_alone() {
        let mut file: syn::File = syn::parse_quote!(
            pub mod types {}
        );
        assert_eq!(add(&mut file, &doc()).unwrap(), 0);
    }

    #[test]
    fn names_are_snake_case_identifiers() {
        assert_eq!(snake("AvatarIv"), "avatar_iv");
        assert_eq!(snake("DigitalTwin"), "digital_twin");
        assert_eq!(snake("Url"), "url");
        assert_eq!(snake("3d"), "_3d");
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("url").to_string(), "url");
    }
}
