//! Documentation on the generated builders.
//!
//! typify leaves `X::builder()`, the builder types and their setters undocumented, so rustdoc
//! shows `.script()` without a word on what a script is. Each setter gets the doc comment of the
//! field it sets, each builder says how to finish it, and `builder()` points at its builder.

use std::collections::HashMap;

use anyhow::Result;
use syn::{Attribute, Fields, ImplItem, Item, Type};

use super::{builder_module, types_module};

pub fn add(file: &mut syn::File) -> Result<()> {
    let types = types_module(file)?;
    let mut field_docs: HashMap<String, HashMap<String, Vec<Attribute>>> = HashMap::new();
    for item in types.iter() {
        if let Item::Struct(s) = item
            && let Fields::Named(fields) = &s.fields
        {
            let docs = fields
                .named
                .iter()
                .filter_map(|f| Some((f.ident.as_ref()?.to_string(), doc_attrs(&f.attrs))))
                .collect();
            field_docs.insert(s.ident.to_string(), docs);
        }
    }
    for item in types.iter_mut() {
        if let Item::Impl(imp) = item
            && imp.trait_.is_none()
            && let Some(ty) = self_ident(&imp.self_ty)
        {
            for member in &mut imp.items {
                if let ImplItem::Fn(f) = member
                    && f.sig.ident == "builder"
                    && doc_attrs(&f.attrs).is_empty()
                {
                    let doc = format!("A builder for this type: [`builder::{ty}`].");
                    f.attrs.push(syn::parse_quote!(#[doc = #doc]));
                }
            }
        }
    }
    for item in builder_module(types)?.iter_mut() {
        match item {
            Item::Struct(s) if doc_attrs(&s.attrs).is_empty() => {
                let ty = s.ident.to_string();
                let doc = format!(
                    "Builds a [`{ty}`](super::{ty}): one setter per field, then \
                     `{ty}::try_from(builder)`. A required field left unset or a value that breaks \
                     the API description's constraints fails that conversion with a \
                     [`ConversionError`](super::error::ConversionError) naming the field."
                );
                s.attrs.push(syn::parse_quote!(#[doc = #doc]));
            }
            Item::Impl(imp) if imp.trait_.is_none() => {
                let Some(ty) = self_ident(&imp.self_ty) else {
                    continue;
                };
                let docs = field_docs.get(&ty);
                for member in &mut imp.items {
                    let ImplItem::Fn(setter) = member else {
                        continue;
                    };
                    if !doc_attrs(&setter.attrs).is_empty() {
                        continue;
                    }
                    let field = setter.sig.ident.to_string();
                    match docs.and_then(|d| d.get(&field)).filter(|d| !d.is_empty()) {
                        Some(field_docs) => setter.attrs.extend(field_docs.iter().cloned()),
                        None => {
                            let doc = format!("Sets `{field}`.");
                            setter.attrs.push(syn::parse_quote!(#[doc = #doc]));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn doc_attrs(attrs: &[Attribute]) -> Vec<Attribute> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .cloned()
        .collect()
}

fn self_ident(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.get_ident().map(ToString::to_string),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setters_carry_their_fields_docs_and_builders_say_how_to_finish() {
        let mut file: syn::File = syn::parse_quote! {
            pub mod types {
                pub struct Video {
                    /// Text the avatar speaks.
                    pub script: Option<String>,
                    pub title: Option<String>,
                }
                impl Video {
                    pub fn builder() -> builder::Video { Default::default() }
                }
                pub mod builder {
                    pub struct Video { script: Result<Option<String>, String> }
                    impl Video {
                        pub fn script<T>(mut self, value: T) -> Self { self }
                        pub fn title<T>(mut self, value: T) -> Self { self }
                    }
                }
            }
        };
        add(&mut file).unwrap();
        let code = quote::quote!(#file).to_string();
        assert!(code.contains(
            "# [doc = r\" Text the avatar speaks.\"] pub fn script < T > (mut self , value : T)"
        ));
        assert!(code.contains("# [doc = \"Sets `title`.\"] pub fn title"));
        assert!(code.contains(
            "# [doc = \"A builder for this type: [`builder::Video`].\"] pub fn builder ()"
        ));
        assert!(code.contains("# [doc = \"Builds a [`Video`](super::Video): one setter per field"));
    }
}
