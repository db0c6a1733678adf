//! A union member's builder converts to the union.
//!
//! A create call takes the request union (`CreateVideoV3RequestBody`), but users build one of
//! its members (`CreateVideoFromAvatar::builder()…`). For every `impl From<Member> for Union`
//! in `types` whose member has a builder, this adds `TryFrom<builder::Member> for Union`
//! (failing with the member's `ConversionError`), so a method taking
//! `impl TryInto<Union>` accepts the member's builder directly, and lets an optional field
//! holding the union take the member or its builder. Driven by the generated code's shape.

use std::collections::BTreeSet;

use anyhow::Result;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{GenericArgument, Item, PathArguments, Type};

use super::optional_setters::TRAIT;
use super::{builder_module, types_module};

/// Adds the conversions (`optional`: the types some optional field holds); returns the
/// (member, union) pairs it covered.
pub fn add(file: &mut syn::File, optional: &BTreeSet<String>) -> Result<Vec<(String, String)>> {
    let types = types_module(file)?;
    let enums: BTreeSet<String> = types
        .iter()
        .filter_map(|item| match item {
            Item::Enum(e) => Some(e.ident.to_string()),
            _ => None,
        })
        .collect();
    let builders: BTreeSet<String> = builder_module(types)?
        .iter()
        .filter_map(|item| match item {
            Item::Struct(s) => Some(s.ident.to_string()),
            _ => None,
        })
        .collect();
    let pairs: Vec<(String, String)> = types
        .iter()
        .filter_map(from_impl)
        .filter(|(member, union)| builders.contains(member) && enums.contains(union))
        .collect();
    for (member, union) in &pairs {
        let (to_union, into_optional) = code(member, union);
        types.push(syn::parse2(to_union)?);
        if optional.contains(union) {
            for code in into_optional {
                builder_module(types)?.push(syn::parse2(code)?);
            }
        }
    }
    Ok(pairs)
}

/// `(A, B)` for `impl From<A> for B` with plain type names.
fn from_impl(item: &Item) -> Option<(String, String)> {
    let Item::Impl(imp) = item else { return None };
    let (_, path, _) = imp.trait_.as_ref()?;
    let last = path.segments.last()?;
    if last.ident != "From" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let [GenericArgument::Type(Type::Path(source))] = args.args.iter().collect::<Vec<_>>()[..]
    else {
        return None;
    };
    let Type::Path(target) = &*imp.self_ty else {
        return None;
    };
    let source = source.path.get_ident()?.to_string();
    let target = target.path.get_ident()?.to_string();
    Some((source, target))
}

fn code(member: &str, union: &str) -> (TokenStream, [TokenStream; 2]) {
    let member = format_ident!("{member}");
    let union = format_ident!("{union}");
    let tr = format_ident!("{TRAIT}");
    let result = quote!(::std::result::Result<::std::option::Option<super::#union>, super::error::ConversionError>);
    (
        quote! {
            impl ::std::convert::TryFrom<builder::#member> for #union {
                type Error = self::error::ConversionError;
                fn try_from(value: builder::#member) -> ::std::result::Result<Self, self::error::ConversionError> {
                    #member::try_from(value).map(Self::from)
                }
            }
        },
        [
            quote! {
                impl #tr<super::#union> for #member {
                    fn into_optional(self) -> #result {
                        super::#member::try_from(self).map(|member| Some(member.into()))
                    }
                }
            },
            quote! {
                impl #tr<super::#union> for super::#member {
                    fn into_optional(self) -> #result {
                        Ok(Some(self.into()))
                    }
                }
            },
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_builders_convert_to_their_union() {
        let mut file: syn::File = syn::parse_quote! {
            pub mod types {
                pub struct FromAvatar { pub avatar_id: String }
                pub struct NoBuilder { pub x: String }
                pub enum Body { Avatar(FromAvatar), Other(NoBuilder) }
                pub struct Wrapper(String);
                impl ::std::convert::From<FromAvatar> for Body { fn from(value: FromAvatar) -> Self { Self::Avatar(value) } }
                impl ::std::convert::From<NoBuilder> for Body { fn from(value: NoBuilder) -> Self { Self::Other(value) } }
                impl ::std::convert::From<Wrapper> for ::std::string::String { fn from(value: Wrapper) -> Self { value.0 } }
                pub mod builder { pub struct FromAvatar { avatar_id: Result<String, String> } }
            }
        };
        let pairs = add(&mut file, &BTreeSet::from(["Body".to_string()])).unwrap();
        assert_eq!(pairs, [("FromAvatar".to_string(), "Body".to_string())]);
        let code = quote!(#file).to_string();
        assert!(code.contains(
            "impl :: std :: convert :: TryFrom < builder :: FromAvatar > for Body { type Error = self :: error :: ConversionError ;"
        ));
        assert!(code.contains("FromAvatar :: try_from (value) . map (Self :: from)"));
        assert!(code.contains("impl IntoOptional < super :: Body > for FromAvatar"));
        assert!(code.contains("impl IntoOptional < super :: Body > for super :: FromAvatar"));
        assert!(!code.contains("builder :: NoBuilder"));
    }

    #[test]
    fn optional_conversions_only_where_an_optional_field_holds_the_union() {
        let mut file: syn::File = syn::parse_quote! {
            pub mod types {
                pub struct FromAvatar { pub avatar_id: String }
                pub enum Body { Avatar(FromAvatar) }
                impl ::std::convert::From<FromAvatar> for Body { fn from(value: FromAvatar) -> Self { Self::Avatar(value) } }
                pub mod builder { pub struct FromAvatar { avatar_id: Result<String, String> } }
            }
        };
        add(&mut file, &BTreeSet::new()).unwrap();
        let code = quote!(#file).to_string();
        assert!(code.contains("TryFrom < builder :: FromAvatar > for Body"));
        assert!(!code.contains("IntoOptional"));
    }
}
