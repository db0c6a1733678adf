//! Setters of text-list fields take any iterator of text.
//!
//! typify's setter for a `Vec<String>` field takes `TryInto<Vec<String>>`, which refuses
//! `vec!["French", "German"]` (there is no `From<Vec<&str>> for Vec<String>`). Each such setter
//! of a required (or defaulted) field is rewritten to take `impl IntoIterator<Item: Into<String>>`:
//! a `Vec<String>` as before, and arrays, `Vec`s and iterators of `&str`, `&String` or `String`.
//! An optional field's setter (`IntoOptional<Vec<String>>`, from `optional_setters`) keeps
//! taking an `Option` (`None` clears it), and `IntoOptional` gains the lists of `&str` (`Vec`,
//! array, slice): a blanket impl over iterators would overlap with the one for `Option`. Driven by the generated code's shape.

use anyhow::Result;
use quote::{format_ident, quote};
use syn::{
    Expr, GenericArgument, ImplItem, Item, PathArguments, Stmt, Type, TypeParamBound,
    WherePredicate,
};

use super::optional_setters::TRAIT;
use super::{builder_module, types_module};

/// Rewrites the setters of required text lists and lets optional ones take lists of `&str`;
/// returns how many setters it rewrote.
pub fn rewrite(file: &mut syn::File) -> Result<usize> {
    let builder = builder_module(types_module(file)?)?;
    let mut rewritten = 0;
    let mut optional = false;
    for item in builder.iter_mut() {
        let Item::Impl(imp) = item else { continue };
        if imp.trait_.is_some() {
            continue;
        }
        for member in &mut imp.items {
            if let ImplItem::Fn(setter) = member {
                match text_list_bound(setter) {
                    Some(false) if rewrite_setter(setter) => rewritten += 1,
                    Some(true) => optional = true,
                    _ => {}
                }
            }
        }
    }
    if optional {
        for code in text_list_conversions() {
            builder.push(syn::parse2(code)?);
        }
    }
    Ok(rewritten)
}

/// `IntoOptional<Vec<String>>` for lists of `&str` (not their `Option`s: `None` would no longer
/// know its type).
fn text_list_conversions() -> Vec<proc_macro2::TokenStream> {
    let tr = format_ident!("{TRAIT}");
    let list = quote!(::std::vec::Vec<::std::string::String>);
    let result =
        quote!(::std::result::Result<::std::option::Option<#list>, super::error::ConversionError>);
    let sources = [
        (quote!(<'a>), quote!(::std::vec::Vec<&'a str>)),
        (quote!(<'a, const N: usize>), quote!([&'a str; N])),
        (quote!(<'a, 'b>), quote!(&'b [&'a str])),
    ];
    let mut out = Vec::new();
    for (generics, source) in sources {
        out.push(quote! {
            impl #generics #tr<#list> for #source {
                fn into_optional(self) -> #result {
                    Ok(Some(self.iter().map(|text| text.to_string()).collect()))
                }
            }
        });
    }
    out
}

/// Rewrites a setter of a required `Vec<String>` (`TryInto<Vec<String>>`); whether it could.
fn rewrite_setter(setter: &mut syn::ImplItemFn) -> bool {
    let Some(field) = assigned_field(setter) else {
        return false;
    };
    setter.sig.generics.where_clause = Some(syn::parse_quote!(
        where
            T: ::std::iter::IntoIterator,
            T::Item: ::std::convert::Into<::std::string::String>
    ));
    let value: Expr = syn::parse_quote!(
        value
            .into_iter()
            .map(::std::convert::Into::into)
            .collect::<::std::vec::Vec<::std::string::String>>()
    );
    setter.block = syn::parse_quote!({
        self.#field = ::std::result::Result::Ok(#value);
        self
    });
    true
}

/// `Some(false)` for `T: TryInto<Vec<String>>`, `Some(true)` for `T: IntoOptional<Vec<String>>`,
/// when `T` is the setter's only type parameter.
fn text_list_bound(setter: &syn::ImplItemFn) -> Option<bool> {
    let params: Vec<_> = setter.sig.generics.type_params().collect();
    if params.len() != 1 || params[0].ident != "T" {
        return None;
    }
    let tr = format_ident!("{TRAIT}");
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
            let optional = if last.ident == "TryInto" {
                false
            } else if last.ident == tr {
                true
            } else {
                continue;
            };
            if single_type_arg(&last.arguments).is_some_and(is_text_list) {
                return Some(optional);
            }
        }
    }
    None
}

/// `Vec<String>`, however the path is spelled.
fn is_text_list(ty: &Type) -> bool {
    let Type::Path(p) = ty else { return false };
    let Some(last) = p.path.segments.last() else {
        return false;
    };
    last.ident == "Vec"
        && matches!(single_type_arg(&last.arguments), Some(Type::Path(item))
            if item.path.segments.last().is_some_and(|s| s.ident == "String"))
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

/// The field of `self.field = …;`, the setter's first statement.
fn assigned_field(setter: &syn::ImplItemFn) -> Option<syn::Member> {
    let Some(Stmt::Expr(Expr::Assign(assign), _)) = setter.block.stmts.first() else {
        return None;
    };
    let Expr::Field(field) = &*assign.left else {
        return None;
    };
    matches!(&*field.base, Expr::Path(p) if p.path.is_ident("self")).then(|| field.member.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn text_list_setters_take_iterators_of_text() {
        let mut file: syn::File = syn::parse_quote! {
            pub mod types {
                pub mod builder {
                    pub struct Translate {
                        output_languages: Result<::std::vec::Vec<::std::string::String>, String>,
                        tags: Result<Option<::std::vec::Vec<::std::string::String>>, String>,
                        ids: Result<::std::vec::Vec<i64>, String>,
                        title: Result<::std::string::String, String>,
                    }
                    impl Translate {
                        pub fn output_languages<T>(mut self, value: T) -> Self
                        where
                            T: ::std::convert::TryInto<::std::vec::Vec<::std::string::String>>,
                            T::Error: ::std::fmt::Display,
                        {
                            self.output_languages = value.try_into().map_err(|e| format!("error converting supplied value for output_languages: {e}"));
                            self
                        }
                        pub fn tags<T>(mut self, value: T) -> Self
                        where
                            T: IntoOptional<::std::vec::Vec<::std::string::String>>,
                        {
                            self.tags = value.into_optional().map_err(|e| format!("{e}"));
                            self
                        }
                        pub fn ids<T>(mut self, value: T) -> Self
                        where
                            T: ::std::convert::TryInto<::std::vec::Vec<i64>>,
                            T::Error: ::std::fmt::Display,
                        {
                            self.ids = value.try_into().map_err(|e| format!("{e}"));
                            self
                        }
                        pub fn title<T>(mut self, value: T) -> Self
                        where
                            T: ::std::convert::TryInto<::std::string::String>,
                            T::Error: ::std::fmt::Display,
                        {
                            self.title = value.try_into().map_err(|e| format!("{e}"));
                            self
                        }
                    }
                }
            }
        };
        assert_eq!(rewrite(&mut file).unwrap(), 1);
        let code = quote!(#file).to_string();
        let bound = "where T : :: std :: iter :: IntoIterator , T :: Item : :: std :: convert :: Into < :: std :: string :: String >";
        assert!(code.contains(&format!(
            "pub fn output_languages < T > (mut self , value : T) -> Self {bound} {{ self . output_languages = :: std :: result :: Result :: Ok (value . into_iter ()"
        )), "{code}");
        // An optional list keeps `IntoOptional`, which now takes lists of `&str` too.
        assert!(code.contains("self . tags = value . into_optional ()"));
        assert!(code.contains(
            "impl < 'a > IntoOptional < :: std :: vec :: Vec < :: std :: string :: String > > for :: std :: vec :: Vec < & 'a str >"
        ), "{code}");
        assert!(code.contains(
            "impl < 'a , const N : usize > IntoOptional < :: std :: vec :: Vec < :: std :: string :: String > > for [& 'a str ; N]"
        ), "{code}");
        assert!(
            !code.contains("for :: std :: option :: Option < :: std :: vec :: Vec < & 'a str > >")
        );
        // Lists of other items and plain text keep their setters.
        assert!(code.contains("T : :: std :: convert :: TryInto < :: std :: vec :: Vec < i64 > >"));
        assert!(code.contains("self . title = value . try_into ()"));
    }
}
