//! Cursor listings as traits, so the SDK pages through any of them with one blanket impl.
//!
//! progenitor gives list operations no common shape. The document does: a list operation takes
//! a `token` query parameter (the cursor) and answers a page, an object with `data` (the items),
//! `has_more` and `next_token`. This pass finds both in the generated code — request builders
//! with a `token` setter whose `send()` answers a page type, and the page types themselves — and
//! implements `paging::Cursor` (any builder with a `token`), `paging::CursorRequest` and
//! `paging::CursorPage` for them. A listing the next
//! document adds is paginated with no hand-written line.

use std::collections::BTreeMap;

use quote::{format_ident, quote};
use syn::{GenericArgument, ImplItem, Item, PathArguments, ReturnType, Type};

/// The `paging` module: the two traits and their impls for every cursor listing of `file`.
pub fn items(file: &syn::File) -> Vec<Item> {
    let pages = page_types(file);
    let mut impls = Vec::new();
    for (name, item) in &pages {
        let name = format_ident!("{name}");
        impls.push(quote! {
            impl CursorPage for types::#name {
                type Item = #item;

                fn into_parts(self) -> (::std::vec::Vec<#item>, ::std::option::Option<bool>, ::std::option::Option<::std::string::String>) {
                    (self.data, self.has_more, self.next_token)
                }
            }
        });
    }
    let (cursors, requests) = cursor_requests(file, &pages);
    for builder in cursors {
        let builder = format_ident!("{builder}");
        impls.push(quote! {
            impl Cursor for builder::#builder<'_> {
                fn at(self, token: ::std::option::Option<::std::string::String>) -> Self {
                    match token {
                        Some(token) => self.token(token),
                        None => self,
                    }
                }
            }
        });
    }
    for (builder, page, error) in requests {
        let builder = format_ident!("{builder}");
        let page = format_ident!("{page}");
        impls.push(quote! {
            impl<'a> CursorRequest<'a> for builder::#builder<'a> {
                type Page = types::#page;
                type ErrorBody = #error;

                fn send(self) -> impl ::std::future::Future<Output = Result<ResponseValue<types::#page>, Error<#error>>> + Send + 'a {
                    builder::#builder::send(self)
                }
            }
        });
    }
    let code = quote! {
        /// Cursor listings: every list operation that takes a `token` cursor, and every page it
        /// answers (`data`, `has_more`, `next_token`), as the document describes them.
        pub mod paging {
            use super::{builder, types, Error, ResponseValue};

            /// A request builder that takes the cursor of the page it asks for (a `token`).
            pub trait Cursor: Sized {
                /// The request for the page at `token` (`None`: the first page).
                fn at(self, token: ::std::option::Option<::std::string::String>) -> Self;
            }

            /// A request builder of a list operation: it takes a cursor and answers a page.
            pub trait CursorRequest<'a>: Cursor {
                /// The page the operation answers.
                type Page: CursorPage;
                /// The body of the operation's error answers.
                type ErrorBody;

                /// Sends the request.
                fn send(self) -> impl ::std::future::Future<Output = Result<ResponseValue<Self::Page>, Error<Self::ErrorBody>>> + Send + 'a;
            }

            /// A response that is one page of a cursor listing.
            pub trait CursorPage {
                /// What the page lists.
                type Item;

                /// The items, `has_more` and `next_token`, as the server sent them.
                fn into_parts(self) -> (::std::vec::Vec<Self::Item>, ::std::option::Option<bool>, ::std::option::Option<::std::string::String>);
            }

            #(#impls)*
        }
    };
    syn::parse2::<syn::File>(code).expect("valid items").items
}

/// Page types by name, with the type of their items: structs of `types` with the fields `data`
/// (a `Vec`), `has_more` and `next_token`.
fn page_types(file: &syn::File) -> BTreeMap<String, Type> {
    let mut pages = BTreeMap::new();
    for item in module(&file.items, "types") {
        let Item::Struct(s) = item else { continue };
        let field = |name: &str| {
            s.fields
                .iter()
                .find(|f| f.ident.as_ref().is_some_and(|i| i == name))
        };
        let (Some(data), Some(_), Some(_)) =
            (field("data"), field("has_more"), field("next_token"))
        else {
            continue;
        };
        if let Some(item) = generic_arg(&data.ty, "Vec") {
            pages.insert(s.ident.to_string(), qualify(item));
        }
    }
    pages
}

/// The operation builders with a `token` setter; and (builder, page type, error body type) for
/// those whose `send()` answers one of `pages`.
type Requests = (Vec<String>, Vec<(String, String, Type)>);

fn cursor_requests(file: &syn::File, pages: &BTreeMap<String, Type>) -> Requests {
    let (mut cursors, mut found) = (Vec::new(), Vec::new());
    for item in module(&file.items, "builder") {
        let Item::Impl(imp) = item else { continue };
        if imp.trait_.is_some() {
            continue;
        }
        let Type::Path(self_ty) = &*imp.self_ty else {
            continue;
        };
        let Some(builder) = self_ty.path.segments.last() else {
            continue;
        };
        let method = |name: &str| {
            imp.items.iter().find_map(|i| match i {
                ImplItem::Fn(f) if f.sig.ident == name => Some(f),
                _ => None,
            })
        };
        let (Some(_), Some(send)) = (method("token"), method("send")) else {
            continue;
        };
        cursors.push(builder.ident.to_string());
        let ReturnType::Type(_, result) = &send.sig.output else {
            continue;
        };
        let (Some(ok), Some(err)) = (generic_arg(result, "Result"), nth_arg(result, "Result", 1))
        else {
            continue;
        };
        let (Some(page), Some(error)) = (
            generic_arg(&ok, "ResponseValue"),
            generic_arg(&err, "Error"),
        ) else {
            continue;
        };
        let Type::Path(page) = page else { continue };
        let Some(page) = page.path.segments.last().map(|s| s.ident.to_string()) else {
            continue;
        };
        if pages.contains_key(&page) {
            found.push((builder.ident.to_string(), page, qualify(error)));
        }
    }
    (cursors, found)
}

/// The items of `pub mod name { … }` among `items`.
fn module<'f>(items: &'f [Item], name: &str) -> &'f [Item] {
    items
        .iter()
        .find_map(|item| match item {
            Item::Mod(m) if m.ident == name => {
                m.content.as_ref().map(|(_, items)| items.as_slice())
            }
            _ => None,
        })
        .unwrap_or(&[])
}

/// The first generic argument of `ty` when its last path segment is `outer`.
fn generic_arg(ty: &Type, outer: &str) -> Option<Type> {
    nth_arg(ty, outer, 0)
}

fn nth_arg(ty: &Type, outer: &str, n: usize) -> Option<Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != outer {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    args.args
        .iter()
        .filter_map(|a| match a {
            GenericArgument::Type(t) => Some(t.clone()),
            _ => None,
        })
        .nth(n)
}

/// A type named inside `types` (`AiClipping`, `types::AiClipping`, `::std::string::String`) as
/// the `paging` module names it: bare single-segment names are `types::` names.
fn qualify(ty: Type) -> Type {
    match &ty {
        Type::Path(p)
            if p.qself.is_none()
                && p.path.leading_colon.is_none()
                && p.path.segments.len() == 1 =>
        {
            let name = &p.path.segments[0];
            syn::parse_quote!(types::#name)
        }
        _ => ty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up listing, shaped as progenitor emits one: the pass finds its builder and page
    /// by their shape alone, and leaves a builder without a cursor, or answering no page, out.
    #[test]
    fn a_new_listing_is_found_by_its_shape() {
        let file: syn::File = syn::parse_quote! {
            pub mod types {
                pub struct WidgetPage {
                    pub data: ::std::vec::Vec<Widget>,
                    pub has_more: ::std::option::Option<bool>,
                    pub next_token: ::std::option::Option<::std::string::String>,
                }
                pub struct WidgetEnvelope { pub data: ::std::option::Option<Widget> }
            }
            pub mod builder {
                impl<'a> ListWidgets<'a> {
                    pub fn token<V>(mut self, value: V) -> Self { self }
                    pub async fn send(self) -> Result<ResponseValue<types::WidgetPage>, Error<types::ApiError>> { todo!() }
                }
                impl<'a> GetWidgetBatch<'a> {
                    pub fn token<V>(mut self, value: V) -> Self { self }
                    pub async fn send(self) -> Result<ResponseValue<types::WidgetEnvelope>, Error<types::ApiError>> { todo!() }
                }
                impl<'a> GetWidget<'a> {
                    pub async fn send(self) -> Result<ResponseValue<types::WidgetEnvelope>, Error<types::ApiError>> { todo!() }
                }
            }
        };
        let generated = items(&file);
        let out = quote!(#(#generated)*).to_string();
        assert!(
            out.contains("impl CursorPage for types :: WidgetPage"),
            "{out}"
        );
        assert!(out.contains("type Item = types :: Widget ;"), "{out}");
        assert!(
            out.contains("impl < 'a > CursorRequest < 'a > for builder :: ListWidgets"),
            "{out}"
        );
        assert!(
            out.contains("impl Cursor for builder :: GetWidgetBatch"),
            "{out}"
        );
        assert!(
            !out.contains("CursorRequest < 'a > for builder :: GetWidgetBatch"),
            "{out}"
        );
        assert!(!out.contains("builder :: GetWidget <"), "{out}");
        assert!(!out.contains("types :: WidgetEnvelope {"), "{out}");
    }
}
