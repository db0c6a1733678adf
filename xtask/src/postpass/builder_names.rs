//! Builders are named `…Builder`.
//!
//! typify names each builder after its type, in `types::builder`: a mistake reads "expected
//! `types::CreateVideoFromAvatar`, found `CreateVideoFromAvatar`". Every struct of
//! `types::builder` is renamed `<Type>Builder` (as the AWS SDKs name theirs), with every
//! reference to it: inside `types::builder` (plain names; `super::X` is the type), in `types`
//! (`builder::X`), elsewhere (`types::builder::X`; progenitor's own top-level `builder` module
//! of operation builders is a different one and keeps its names), and in doc comments. Runs after
//! every pass that pairs a builder with its type by name.

use std::collections::BTreeSet;

use anyhow::{Result, bail};
use quote::format_ident;
use syn::visit_mut::{self, VisitMut};
use syn::{Item, Path};

use super::{builder_module, types_module};

/// The suffix builders get.
const SUFFIX: &str = "Builder";

/// Renames the builders; returns how many.
pub fn rewrite(file: &mut syn::File) -> Result<usize> {
    let types = types_module(file)?;
    let builder = builder_module(types)?;
    let names: BTreeSet<String> = builder
        .iter()
        .filter_map(|item| match item {
            Item::Struct(s) => Some(s.ident.to_string()),
            _ => None,
        })
        .collect();
    let taken: BTreeSet<String> = builder
        .iter()
        .filter_map(|item| match item {
            Item::Struct(s) => Some(s.ident.to_string()),
            Item::Trait(t) => Some(t.ident.to_string()),
            Item::Enum(e) => Some(e.ident.to_string()),
            Item::Type(t) => Some(t.ident.to_string()),
            _ => None,
        })
        .collect();
    if let Some(clash) = names
        .iter()
        .find(|n| taken.contains(&format!("{n}{SUFFIX}")))
    {
        bail!("types::builder has both `{clash}` and `{clash}{SUFFIX}`");
    }
    // Inside `types::builder`: plain names.
    let mut inside = Rename {
        names: &names,
        scope: Scope::Builder,
    };
    for item in builder.iter_mut() {
        inside.visit_item_mut(item);
    }
    // Inside `types` (but not `builder`): `builder::X`.
    let mut in_types = Rename {
        names: &names,
        scope: Scope::Types,
    };
    for item in types.iter_mut() {
        if !matches!(item, Item::Mod(m) if m.ident == "builder") {
            in_types.visit_item_mut(item);
        }
    }
    // Everywhere else: `types::builder::X`.
    let mut outside = Rename {
        names: &names,
        scope: Scope::Outside,
    };
    for item in file.items.iter_mut() {
        if !matches!(item, Item::Mod(m) if m.ident == "types") {
            outside.visit_item_mut(item);
        }
    }
    Ok(names.len())
}

#[derive(Clone, Copy)]
enum Scope {
    Builder,
    Types,
    Outside,
}

struct Rename<'a> {
    names: &'a BTreeSet<String>,
    scope: Scope,
}

impl Rename<'_> {
    fn renamed(&self, name: &str) -> Option<String> {
        self.names.contains(name).then(|| format!("{name}{SUFFIX}"))
    }

    /// The index of the segment naming a builder, if this path names one: in `types::builder`
    /// a path starting with its name (`X`, `X::default`); in `types` one starting with
    /// `builder::X` (or `self::builder::X`); elsewhere any `…types::builder::X`.
    fn builder_segment(&self, path: &Path) -> Option<usize> {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let named = |i: usize| segments.get(i).is_some_and(|s| self.names.contains(s));
        match self.scope {
            Scope::Builder => (path.leading_colon.is_none() && named(0)).then_some(0),
            Scope::Types => {
                let start = usize::from(segments.first().is_some_and(|s| s == "self"));
                (path.leading_colon.is_none()
                    && segments.get(start).is_some_and(|s| s == "builder")
                    && named(start + 1))
                .then_some(start + 1)
            }
            Scope::Outside => (1..segments.len())
                .find(|&j| segments[j - 1] == "types" && segments[j] == "builder" && named(j + 1))
                .map(|j| j + 1),
        }
    }

    fn fix_doc(&self, text: &str) -> String {
        let prefix = match self.scope {
            Scope::Builder => return text.to_string(),
            Scope::Types => "builder::",
            Scope::Outside => "types::builder::",
        };
        rename_in_text(text, prefix, self.names)
    }
}

/// `prefix` + a builder's name (whole identifier) in `text` gets the suffix.
fn rename_in_text(text: &str, prefix: &str, names: &BTreeSet<String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(prefix) {
        let (before, after) = rest.split_at(at + prefix.len());
        out.push_str(before);
        let end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..end];
        out.push_str(name);
        if names.contains(name) {
            out.push_str(SUFFIX);
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

impl VisitMut for Rename<'_> {
    fn visit_path_mut(&mut self, path: &mut Path) {
        visit_mut::visit_path_mut(self, path);
        if let Some(i) = self.builder_segment(path) {
            let segment = &mut path.segments[i];
            if let Some(name) = self.renamed(&segment.ident.to_string()) {
                segment.ident = format_ident!("{name}");
            }
        }
    }

    fn visit_item_struct_mut(&mut self, item: &mut syn::ItemStruct) {
        visit_mut::visit_item_struct_mut(self, item);
        if matches!(self.scope, Scope::Builder)
            && let Some(name) = self.renamed(&item.ident.to_string())
        {
            item.ident = format_ident!("{name}");
        }
    }

    fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
        if let syn::Meta::NameValue(nv) = &mut attr.meta
            && nv.path.is_ident("doc")
            && let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) = &mut nv.value
        {
            let fixed = self.fix_doc(&text.value());
            if fixed != text.value() {
                *text = syn::LitStr::new(&fixed, text.span());
            }
            return;
        }
        visit_mut::visit_attribute_mut(self, attr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn builders_and_every_reference_get_the_suffix() {
        let mut file: syn::File = syn::parse_quote! {
            pub mod types {
                pub struct Video { pub title: String }
                impl Video {
                    ///A builder for this type: [`builder::Video`].
                    pub fn builder() -> builder::Video { Default::default() }
                }
                impl ::std::convert::TryFrom<builder::Video> for Body {
                    type Error = self::error::ConversionError;
                    fn try_from(value: builder::Video) -> Result<Self, Self::Error> { Video::try_from(value).map(Self::from) }
                }
                pub mod builder {
                    ///Builds a [`Video`](super::Video).
                    pub struct Video { title: Result<String, String> }
                    impl ::std::default::Default for Video { fn default() -> Self { Self { title: Err(String::new()) } } }
                    impl Video { pub fn title(mut self, value: String) -> Self { self } }
                    impl ::std::convert::TryFrom<Video> for super::Video {
                        type Error = super::error::ConversionError;
                        fn try_from(value: Video) -> Result<Self, super::error::ConversionError> { todo!() }
                    }
                    impl ::std::convert::From<super::Video> for Video {
                        fn from(value: super::Video) -> Self { todo!() }
                    }
                    impl IntoOptional<super::Video> for Video {
                        fn into_optional(self) -> R { super::Video::try_from(self).map(Some) }
                    }
                    pub trait IntoOptional<T> {}
                }
            }
            pub mod builder {
                pub struct Video { body: Result<types::builder::Video, String> }
                impl Video { pub fn body_map(self, f: impl FnOnce(types::builder::Video) -> types::builder::Video) -> Self { self } }
            }
        };
        assert_eq!(rewrite(&mut file).unwrap(), 1);
        let code = quote!(#file).to_string();
        for expected in [
            "[`builder::VideoBuilder`]",
            "pub fn builder () -> builder :: VideoBuilder",
            "TryFrom < builder :: VideoBuilder > for Body",
            "fn try_from (value : builder :: VideoBuilder)",
            "Video :: try_from (value) . map (Self :: from)",
            "pub struct VideoBuilder { title",
            "for VideoBuilder { fn default",
            "impl VideoBuilder { pub fn title",
            "TryFrom < VideoBuilder > for super :: Video",
            "fn try_from (value : VideoBuilder) -> Result < Self , super :: error :: ConversionError >",
            "From < super :: Video > for VideoBuilder",
            "impl IntoOptional < super :: Video > for VideoBuilder",
            "super :: Video :: try_from (self)",
            "pub trait IntoOptional",
            // progenitor's operation builders keep their names.
            "pub struct Video { body : Result < types :: builder :: VideoBuilder , String > }",
            "impl Video { pub fn body_map",
            "FnOnce (types :: builder :: VideoBuilder) -> types :: builder :: VideoBuilder",
        ] {
            assert!(code.contains(expected), "{expected}\n{code}");
        }
    }

    #[test]
    fn a_name_taken_by_the_suffix_is_refused() {
        let mut file: syn::File = syn::parse_quote! {
            pub mod types { pub mod builder { pub struct A {} pub struct ABuilder {} } }
        };
        assert!(rewrite(&mut file).is_err());
    }

    #[test]
    fn docs_rename_whole_names_only() {
        let names = BTreeSet::from(["Video".to_string()]);
        assert_eq!(
            rename_in_text(
                "see [`builder::Video`] and builder::VideoScript",
                "builder::",
                &names
            ),
            "see [`builder::VideoBuilder`] and builder::VideoScript"
        );
    }
}
