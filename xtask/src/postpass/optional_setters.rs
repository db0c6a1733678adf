//! Setters of optional fields take what a user has in hand.
//!
//! typify's setter for an optional field takes `TryInto<Option<T>>`: `.title("x")` fails to
//! compile (a `&str` is no `Option<String>`) and a constrained text newtype (a script, a
//! prompt) needs `Some("…".parse()?)`. Each such setter is rewritten to take
//! `IntoOptional<T>`, a trait emitted into `types::builder` that accepts the field's type, an
//! `Option` of it (`None` still clears the field), a `&str` or `String` for text and
//! constrained text (the constraint is checked in the setter; a violation fails the builder's
//! `TryFrom` with today's `ConversionError`), and the builder of a struct type. Required
//! fields keep typify's `TryInto<T>`, which already accepts `&str` for text and constrained
//! text and a builder for a struct type. Driven by the generated code's shape, not names.

use std::collections::BTreeSet;

use anyhow::{Result, bail};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::visit_mut::VisitMut;
use syn::{
    Fields, GenericArgument, ImplItem, Item, PathArguments, Type, TypeParamBound, WherePredicate,
};

use super::{builder_module, types_module};

/// The trait optional setters take.
pub const TRAIT: &str = "IntoOptional";

/// Rewrites the setters; returns the types some optional field holds (by name).
pub fn rewrite(file: &mut syn::File) -> Result<BTreeSet<String>> {
    let types = types_module(file)?;
    let newtypes = string_newtypes(types);
    let builder = builder_module(types)?;
    if builder
        .iter()
        .any(|item| item_ident(item).is_some_and(|i| i == TRAIT))
    {
        bail!("types::builder already has an item named `{TRAIT}`");
    }
    let builders: Vec<String> = builder
        .iter()
        .filter_map(|item| match item {
            Item::Struct(s) => Some(s.ident.to_string()),
            _ => None,
        })
        .collect();
    let mut held = BTreeSet::new();
    for item in builder.iter_mut() {
        if let Item::Impl(imp) = item
            && imp.trait_.is_none()
        {
            for member in &mut imp.items {
                if let ImplItem::Fn(setter) = member
                    && let Some(inner) = rewrite_setter(setter)
                {
                    held.insert(inner);
                }
            }
        }
    }
    if held.is_empty() {
        bail!("types::builder has no optional-field setter of the expected shape");
    }
    // Conversions only into types an optional field holds.
    let newtypes: Vec<String> = newtypes.into_iter().filter(|t| held.contains(t)).collect();
    let builders: Vec<String> = builders.into_iter().filter(|t| held.contains(t)).collect();
    for code in items(&newtypes, &builders) {
        builder.push(syn::parse2(code)?);
    }
    Ok(held)
}

fn item_ident(item: &Item) -> Option<&syn::Ident> {
    match item {
        Item::Struct(s) => Some(&s.ident),
        Item::Enum(e) => Some(&e.ident),
        Item::Trait(t) => Some(&t.ident),
        Item::Type(t) => Some(&t.ident),
        _ => None,
    }
}

/// typify's constrained text types: `struct X(String)` parsed through `FromStr`.
fn string_newtypes(types: &[Item]) -> Vec<String> {
    let parsed: BTreeSet<String> = types
        .iter()
        .filter_map(|item| match item {
            Item::Impl(imp)
                if imp.trait_.as_ref().is_some_and(|(_, path, _)| {
                    path.segments.last().is_some_and(|s| s.ident == "FromStr")
                }) =>
            {
                match &*imp.self_ty {
                    Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
                    _ => None,
                }
            }
            _ => None,
        })
        .collect();
    types
        .iter()
        .filter_map(|item| match item {
            Item::Struct(s)
                if parsed.contains(&s.ident.to_string())
                    && matches!(&s.fields, Fields::Unnamed(f)
                        if f.unnamed.len() == 1 && last_ident(&f.unnamed[0].ty) == Some("String".into())) =>
            {
                Some(s.ident.to_string())
            }
            _ => None,
        })
        .collect()
}

fn last_ident(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// `fn f<T>(mut self, value: T) -> Self where T: TryInto<Option<X>>, T::Error: Display`
/// becomes `fn f<T>(mut self, value: T) -> Self where T: IntoOptional<X>`; returns `X`'s name.
fn rewrite_setter(setter: &mut syn::ImplItemFn) -> Option<String> {
    let inner = optional_target(setter)?;
    let name = last_ident(&inner)?;
    let tr = format_ident!("{TRAIT}");
    setter.sig.generics.where_clause = Some(syn::parse_quote!(where T: #tr<#inner>));
    struct Calls(usize);
    impl VisitMut for Calls {
        fn visit_expr_method_call_mut(&mut self, call: &mut syn::ExprMethodCall) {
            syn::visit_mut::visit_expr_method_call_mut(self, call);
            if call.method == "try_into" && call.args.is_empty() {
                call.method = format_ident!("into_optional");
                self.0 += 1;
            }
        }
    }
    let mut calls = Calls(0);
    calls.visit_block_mut(&mut setter.block);
    (calls.0 == 1).then_some(name)
}

/// `X` when the setter's only type parameter is bounded by `TryInto<Option<X>>`.
fn optional_target(setter: &syn::ImplItemFn) -> Option<Type> {
    let params: Vec<_> = setter.sig.generics.type_params().collect();
    if params.len() != 1 || params[0].ident != "T" {
        return None;
    }
    let clause = setter.sig.generics.where_clause.as_ref()?;
    for predicate in &clause.predicates {
        let WherePredicate::Type(pt) = predicate else {
            continue;
        };
        if !matches!(&pt.bounded_ty, Type::Path(p) if p.path.is_ident("T")) {
            continue;
        }
        for bound in &pt.bounds {
            let TypeParamBound::Trait(tb) = bound else {
                continue;
            };
            let Some(last) = tb.path.segments.last() else {
                continue;
            };
            if last.ident != "TryInto" {
                continue;
            }
            let Some(Type::Path(target)) = single_type_arg(&last.arguments) else {
                continue;
            };
            let segment = target.path.segments.last()?;
            if segment.ident == "Option" {
                return single_type_arg(&segment.arguments).cloned();
            }
        }
    }
    None
}

fn single_type_arg(args: &PathArguments) -> Option<&Type> {
    let PathArguments::AngleBracketed(args) = args else {
        return None;
    };
    match args.args.iter().collect::<Vec<_>>().as_slice() {
        [GenericArgument::Type(ty)] => Some(ty),
        _ => None,
    }
}

/// The trait, its impls for text, and one per constrained text type and per builder.
fn items(newtypes: &[String], builders: &[String]) -> Vec<TokenStream> {
    let tr = format_ident!("{TRAIT}");
    let result =
        quote!(::std::result::Result<::std::option::Option<T>, super::error::ConversionError>);
    let mut out = vec![
        quote! {
            /// What the setter of an optional field accepts: the field's type `T`, an
            /// `Option<T>` (`None` leaves the field unset), text as `&str` or `String` for a
            /// text field or a constrained text type (the constraint is checked when the setter
            /// runs, and a violation fails the builder's conversion), or `T`'s builder.
            pub trait #tr<T> {
                /// The field's value, or why this value cannot be one.
                fn into_optional(self) -> #result;
            }
        },
        quote! {
            impl<T> #tr<T> for T {
                fn into_optional(self) -> #result {
                    Ok(Some(self))
                }
            }
        },
        quote! {
            impl<T> #tr<T> for ::std::option::Option<T> {
                fn into_optional(self) -> #result {
                    Ok(self)
                }
            }
        },
    ];
    let string = quote!(::std::string::String);
    let text_result = quote!(::std::result::Result<::std::option::Option<#string>, super::error::ConversionError>);
    for source in [quote!(&str), quote!(&#string)] {
        out.push(quote! {
            impl #tr<#string> for #source {
                fn into_optional(self) -> #text_result {
                    Ok(Some(self.to_string()))
                }
            }
        });
    }
    for newtype in newtypes {
        let ty = format_ident!("{newtype}");
        for source in [quote!(&str), quote!(#string)] {
            out.push(quote! {
                impl #tr<super::#ty> for #source {
                    fn into_optional(self) -> ::std::result::Result<::std::option::Option<super::#ty>, super::error::ConversionError> {
                        self.parse().map(Some)
                    }
                }
            });
        }
    }
    for builder in builders {
        let ty = format_ident!("{builder}");
        out.push(quote! {
            impl #tr<super::#ty> for #ty {
                fn into_optional(self) -> ::std::result::Result<::std::option::Option<super::#ty>, super::error::ConversionError> {
                    super::#ty::try_from(self).map(Some)
                }
            }
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> syn::File {
        syn::parse_quote! {
            pub mod types {
                pub struct Video { pub title: Option<String>, pub script: Option<VideoScript> }
                pub struct Clip { pub video: Option<Video> }
                pub struct VideoScript(::std::string::String);
                impl ::std::str::FromStr for VideoScript {
                    type Err = self::error::ConversionError;
                    fn from_str(value: &str) -> Result<Self, self::error::ConversionError> { todo!() }
                }
                pub struct Plain(::std::string::String);
                pub mod builder {
                    pub struct Video {
                        title: Result<Option<String>, String>,
                        script: Result<Option<super::VideoScript>, String>,
                        id: Result<String, String>,
                    }
                    impl Video {
                        pub fn title<T>(mut self, value: T) -> Self
                        where
                            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                            T::Error: ::std::fmt::Display,
                        {
                            self.title = value.try_into().map_err(|e| format!("error converting supplied value for title: {e}"));
                            self
                        }
                        pub fn script<T>(mut self, value: T) -> Self
                        where
                            T: ::std::convert::TryInto<::std::option::Option<super::VideoScript>>,
                            T::Error: ::std::fmt::Display,
                        {
                            self.script = value.try_into().map_err(|e| format!("error converting supplied value for script: {e}"));
                            self
                        }
                        pub fn id<T>(mut self, value: T) -> Self
                        where
                            T: ::std::convert::TryInto<::std::string::String>,
                            T::Error: ::std::fmt::Display,
                        {
                            self.id = value.try_into().map_err(|e| format!("error converting supplied value for id: {e}"));
                            self
                        }
                    }
                    pub struct Clip { video: Result<Option<super::Video>, String> }
                    impl Clip {
                        pub fn video<T>(mut self, value: T) -> Self
                        where
                            T: ::std::convert::TryInto<::std::option::Option<super::Video>>,
                            T::Error: ::std::fmt::Display,
                        {
                            self.video = value.try_into().map_err(|e| format!("error converting supplied value for video: {e}"));
                            self
                        }
                    }
                    impl ::std::convert::TryFrom<Video> for super::Video {
                        type Error = super::error::ConversionError;
                        fn try_from(value: Video) -> Result<Self, super::error::ConversionError> { todo!() }
                    }
                }
            }
        }
    }

    fn code(file: &syn::File) -> String {
        quote!(#file).to_string()
    }

    #[test]
    fn optional_setters_take_into_optional_and_required_ones_stay() {
        let mut file = file();
        rewrite(&mut file).unwrap();
        let code = code(&file);
        assert!(code.contains(
            "pub fn title < T > (mut self , value : T) -> Self where T : IntoOptional < :: std :: string :: String >"
        ));
        assert!(code.contains("self . title = value . into_optional () . map_err"));
        assert!(code.contains("where T : :: std :: convert :: TryInto < :: std :: string :: String > , T :: Error : :: std :: fmt :: Display"));
        assert!(code.contains("self . id = value . try_into ()"));
    }

    #[test]
    fn text_newtypes_and_builders_convert() {
        let mut file = file();
        let held = rewrite(&mut file).unwrap();
        assert_eq!(
            held.into_iter().collect::<Vec<_>>(),
            ["String", "Video", "VideoScript"]
        );
        let code = code(&file);
        assert!(code.contains("pub trait IntoOptional < T >"));
        assert!(code.contains("impl IntoOptional < :: std :: string :: String > for & str"));
        assert!(code.contains("impl IntoOptional < super :: VideoScript > for & str"));
        assert!(
            code.contains(
                "impl IntoOptional < super :: VideoScript > for :: std :: string :: String"
            )
        );
        // Only types parsed through FromStr are constrained text.
        assert!(!code.contains("super :: Plain"));
        // A builder converts where an optional field holds its type, and only there.
        assert!(code.contains("impl IntoOptional < super :: Video > for Video"));
        assert!(code.contains("super :: Video :: try_from (self) . map (Some)"));
        assert!(!code.contains("impl IntoOptional < super :: Clip >"));
    }

    #[test]
    fn a_builder_without_optional_setters_is_a_shape_change() {
        let mut file: syn::File = syn::parse_quote! {
            pub mod types { pub mod builder { pub struct A { x: Result<i64, String> } } }
        };
        assert!(
            rewrite(&mut file)
                .unwrap_err()
                .to_string()
                .contains("no optional-field setter")
        );
    }
}
