//! Discriminated unions as tagged enums.
//!
//! progenitor ignores `discriminator` and typify emits `#[serde(untagged)]`: a body that
//! matches no member fails with "data did not match any variant", and a member that happens to
//! fit first wins. Each union is rewritten to dispatch on its tag: one variant per member
//! (named after the tag), serialised as the member (which carries its own tag field), and
//! deserialised by reading the tag first, so an unknown tag is an error that names it.

use anyhow::{Context, Result};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::{docs, take_type, type_ident};
use crate::normalise::walk;

pub fn rewrite(items: &mut Vec<syn::Item>, ident: &str, schema: &Value) -> Result<()> {
    let old = take_type(items, ident, |_| false)?;
    let tag = schema
        .pointer("/discriminator/propertyName")
        .and_then(Value::as_str)
        .context("propertyName")?;
    let mapping = schema
        .pointer("/discriminator/mapping")
        .and_then(Value::as_object)
        .context("mapping")?;
    let members: Vec<(String, String)> = mapping
        .iter()
        .map(|(value, target)| {
            let component = target
                .as_str()
                .and_then(|t| t.rsplit('/').next())
                .unwrap_or_default();
            (value.clone(), type_ident(component))
        })
        .collect();
    for item in code(ident, tag, &docs(&old), &members) {
        items.push(syn::parse2(item)?);
    }
    Ok(())
}

fn code(
    name: &str,
    tag: &str,
    docs: &[syn::Attribute],
    members: &[(String, String)],
) -> Vec<TokenStream> {
    let ident = format_ident!("{name}");
    let values: Vec<&String> = members.iter().map(|(v, _)| v).collect();
    let variants: Vec<_> = members
        .iter()
        .map(|(v, _)| format_ident!("{}", walk::pascal(v)))
        .collect();
    let types: Vec<_> = members.iter().map(|(_, t)| format_ident!("{t}")).collect();
    let variant_docs: Vec<String> = members
        .iter()
        .map(|(v, t)| format!("`{tag}: \"{v}\"`: a [`{t}`]."))
        .collect();
    let expected = values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = vec![
        quote! {
            #(#docs)*
            ///
            #[doc = concat!("Tagged by `", #tag, "`: each variant holds the member type, which writes its own tag.")]
            #[derive(Clone, Debug, PartialEq)]
            pub enum #ident {
                #( #[doc = #variant_docs] #variants(#types), )*
            }
        },
        quote! {
            impl #ident {
                /// The tag values, one per variant.
                pub const TAGS: &'static [&'static str] = &[#(#values),*];
                /// This value's tag.
                pub fn tag(&self) -> &'static str {
                    match self {
                        #( Self::#variants(_) => #values, )*
                    }
                }
            }
        },
        quote! {
            impl ::serde::Serialize for #ident {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    match self {
                        #( Self::#variants(member) => member.serialize(serializer), )*
                    }
                }
            }
        },
        quote! {
            impl<'de> ::serde::Deserialize<'de> for #ident {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    use ::serde::de::Error as _;
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    let tag = match value.get(#tag) {
                        Some(::serde_json::Value::String(tag)) => tag.clone(),
                        Some(other) => return Err(D::Error::custom(format_args!(
                            "{}: `{}` must be a string, found {}", #name, #tag, other))),
                        None => return Err(D::Error::custom(format_args!(
                            "{}: missing field `{}` (expected one of {})", #name, #tag, #expected))),
                    };
                    match tag.as_str() {
                        #( #values => ::serde_json::from_value(value).map(Self::#variants).map_err(|e| {
                            D::Error::custom(format_args!("{} with {} `{}`: {}", #name, #tag, tag, e))
                        }), )*
                        other => Err(D::Error::custom(format_args!(
                            "{}: unknown {} `{}` (expected one of {})", #name, #tag, other, #expected))),
                    }
                }
            }
        },
        quote! {
            impl schemars::JsonSchema for #ident {
                fn schema_name() -> ::std::string::String {
                    #name.to_string()
                }
                fn json_schema(generator: &mut schemars::r#gen::SchemaGenerator) -> schemars::schema::Schema {
                    schemars::schema::SchemaObject {
                        subschemas: Some(Box::new(schemars::schema::SubschemaValidation {
                            one_of: Some(vec![#( generator.subschema_for::<#types>() ),*]),
                            ..Default::default()
                        })),
                        ..Default::default()
                    }
                    .into()
                }
            }
        },
    ];
    for (variant, ty) in variants.iter().zip(&types) {
        out.push(quote! {
            impl ::std::convert::From<#ty> for #ident {
                fn from(value: #ty) -> Self {
                    Self::#variant(value)
                }
            }
        });
    }
    out
}
