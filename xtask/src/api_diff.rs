//! What changed in the generated Rust API, computed from the generated code itself (old vs new
//! `heygen-sys/src/generated.rs`, parsed with `syn`): types, fields, variants and methods added,
//! removed, renamed or retyped, and the required parameters of the request builders. The spec
//! diff says what the document changed; this says what that did to the Rust names users write,
//! including what no spec line explains (a name moved because two schemas share it).

use std::collections::BTreeMap;
use std::fmt;

use quote::ToTokens;
use serde::Serialize;

/// One member of the generated API and its signature.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Member {
    /// A struct or enum; the signature is its kind.
    Type(&'static str),
    /// A public field, or an enum variant's payload: its type.
    Field(String),
    /// A request builder's parameter: its type and whether `send()` requires it.
    Param { ty: String, required: bool },
    /// A public function or method: its signature.
    Fn(String),
}

/// The public surface of a generated file: `types::VideoDetail` (a type),
/// `types::VideoDetail.gif_url` (a field), `types::VideoStatus::Completed` (a variant),
/// `builder::ListVideos.project_id` (a parameter), `Client::list_videos` (a method).
#[derive(Debug, Default)]
pub struct Surface(BTreeMap<String, Member>);

/// One change of the generated API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiChange {
    pub breaking: bool,
    /// The Rust path (`types::VideoDetail.gif_url`).
    pub item: String,
    /// What happened (`removed`, `type \`String\` → \`i64\``).
    pub change: String,
    pub reason: String,
}

impl ApiChange {
    /// The type's name without its module (`VideoDetail`).
    pub fn type_name(&self) -> &str {
        let head = self.item.split('.').next().unwrap_or(&self.item);
        let mut parts = head.rsplit("::");
        let last = parts.next().unwrap_or(head);
        if self.is_variant_or_method() {
            parts.next().unwrap_or(last)
        } else {
            last
        }
    }

    /// The field, variant or method the change is about, if it is not about a whole type.
    pub fn member(&self) -> Option<&str> {
        if let Some((_, field)) = self.item.split_once('.') {
            return Some(field);
        }
        self.is_variant_or_method()
            .then(|| self.item.rsplit("::").next().unwrap_or(&self.item))
    }

    fn is_variant_or_method(&self) -> bool {
        // `types::X::Y`, `builder::X::y`, `Client::x`: the last segment is a member when the one
        // before it is a type (capitalised).
        let mut parts = self.item.rsplit("::");
        parts.next();
        parts
            .next()
            .is_some_and(|p| p.chars().next().is_some_and(char::is_uppercase))
    }
}

impl fmt::Display for ApiChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = if self.breaking {
            "BREAKING"
        } else {
            "non-breaking"
        };
        write!(
            f,
            "{verdict} `{}`: {} — {}.",
            self.item, self.change, self.reason
        )
    }
}

impl Surface {
    pub fn of(code: &str) -> anyhow::Result<Surface> {
        let file = syn::parse_file(code)?;
        let mut surface = Surface::default();
        surface.items("", &file.items);
        Ok(surface)
    }

    fn items(&mut self, path: &str, items: &[syn::Item]) {
        let join = |name: &dyn fmt::Display| {
            if path.is_empty() {
                name.to_string()
            } else {
                format!("{path}::{name}")
            }
        };
        for item in items {
            match item {
                syn::Item::Mod(m) if public(&m.vis) => {
                    if let Some((_, inner)) = &m.content {
                        self.items(&join(&m.ident), inner);
                    }
                }
                syn::Item::Struct(s) if public(&s.vis) => {
                    let name = join(&s.ident);
                    // A request builder (`builder::X`, fields `Result<T, String>`): its private
                    // fields are the parameters, required unless `T` is an `Option`.
                    let is_builder = path.ends_with("builder");
                    for field in &s.fields {
                        let Some(ident) = &field.ident else { continue };
                        let ty = tokens(&field.ty);
                        let key = format!("{name}.{ident}");
                        if public(&field.vis) {
                            self.0.insert(key, Member::Field(ty));
                        } else if is_builder && let Some(inner) = result_ok(&field.ty) {
                            let required = !tokens(inner).starts_with(":: std :: option :: Option")
                                && !tokens(inner).starts_with("Option");
                            let ty = tokens(inner);
                            self.0.insert(key, Member::Param { ty, required });
                        }
                    }
                    if let syn::Fields::Unnamed(fields) = &s.fields {
                        let ty = fields
                            .unnamed
                            .iter()
                            .filter(|f| public(&f.vis))
                            .map(|f| tokens(&f.ty))
                            .collect::<Vec<_>>()
                            .join(", ");
                        self.0.insert(format!("{name}.0"), Member::Field(ty));
                    }
                    self.0.insert(name, Member::Type("struct"));
                }
                syn::Item::Enum(e) if public(&e.vis) => {
                    let name = join(&e.ident);
                    for v in &e.variants {
                        self.0.insert(
                            format!("{name}::{}", v.ident),
                            Member::Field(v.fields.to_token_stream().to_string()),
                        );
                    }
                    self.0.insert(name, Member::Type("enum"));
                }
                syn::Item::Type(t) if public(&t.vis) => {
                    self.0.insert(join(&t.ident), Member::Field(tokens(&t.ty)));
                }
                syn::Item::Fn(f) if public(&f.vis) => {
                    self.0
                        .insert(join(&f.sig.ident), Member::Fn(signature(&f.sig)));
                }
                syn::Item::Impl(i) if i.trait_.is_none() => {
                    let ty = tokens(&i.self_ty);
                    let ty = ty.split([' ', '<']).next().unwrap_or(&ty);
                    let owner = join(&ty);
                    for item in &i.items {
                        if let syn::ImplItem::Fn(f) = item
                            && public(&f.vis)
                        {
                            self.0.insert(
                                format!("{owner}::{}", f.sig.ident),
                                Member::Fn(signature(&f.sig)),
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

fn public(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

fn tokens(t: &impl ToTokens) -> String {
    t.to_token_stream().to_string()
}

fn signature(sig: &syn::Signature) -> String {
    let mut sig = sig.clone();
    // Parameter names are not part of the API.
    for input in sig.inputs.iter_mut() {
        if let syn::FnArg::Typed(t) = input {
            *t.pat = syn::parse_quote!(_);
        }
    }
    tokens(&sig)
}

/// `T` of `Result<T, String>`.
pub(crate) fn result_ok(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

/// Shortens `:: std :: string :: String` to `String` for the reader.
fn short(ty: &str) -> String {
    let mut out = ty.replace(' ', "");
    for prefix in [
        "::std::string::",
        "::std::vec::",
        "::std::option::",
        "::std::num::",
        "::std::collections::",
        "::serde_json::",
        "::chrono::",
        "super::types::",
        "types::",
        "super::",
        "crate::",
    ] {
        out = out.replace(prefix, "");
    }
    out
}

/// Every change from `old` to `new`, types first, then their members; renamed types (one
/// removed, one added with the same members) are reported once as renamed.
pub fn compare(old: &Surface, new: &Surface) -> Vec<ApiChange> {
    let mut out = Vec::new();
    let removed_types: Vec<&String> = old
        .0
        .iter()
        .filter(|(k, m)| matches!(m, Member::Type(_)) && !new.0.contains_key(*k))
        .map(|(k, _)| k)
        .collect();
    let added_types: Vec<&String> = new
        .0
        .iter()
        .filter(|(k, m)| matches!(m, Member::Type(_)) && !old.0.contains_key(*k))
        .map(|(k, _)| k)
        .collect();
    let members = |s: &Surface, ty: &str| -> Vec<(String, Member)> {
        s.0.iter()
            .filter_map(|(k, m)| {
                let rest = k.strip_prefix(ty)?;
                (rest.starts_with('.') || rest.starts_with("::"))
                    .then(|| (rest.to_string(), m.clone()))
            })
            .collect()
    };
    let mut renamed: BTreeMap<&str, &str> = BTreeMap::new();
    for old_ty in &removed_types {
        let old_members = members(old, old_ty);
        if let Some(new_ty) = added_types.iter().find(|n| {
            !renamed.values().any(|v| v == &n.as_str())
                && old.0[*old_ty] == new.0[**n]
                && members(new, n) == old_members
        }) {
            renamed.insert(old_ty, new_ty);
        }
    }
    let under = |key: &str, types: &[&String]| {
        types.iter().any(|t| {
            key.strip_prefix(t.as_str())
                .is_some_and(|r| r.starts_with('.') || r.starts_with("::"))
        })
    };
    for (key, member) in &old.0 {
        if let Some(new_name) = renamed.get(key.as_str()) {
            out.push(ApiChange {
                breaking: true,
                item: key.clone(),
                change: format!("renamed `{new_name}`"),
                reason: "code naming the old type no longer compiles".into(),
            });
            continue;
        }
        if under(key, &removed_types) {
            continue;
        }
        match (member, new.0.get(key)) {
            (_, None) => out.push(ApiChange {
                breaking: true,
                item: key.clone(),
                change: "removed".into(),
                reason: "code using it no longer compiles".into(),
            }),
            (
                Member::Param { ty, required },
                Some(Member::Param {
                    ty: t2,
                    required: r2,
                }),
            ) => {
                if ty != t2 {
                    out.push(retyped(key, ty, t2));
                }
                if !required && *r2 {
                    out.push(ApiChange {
                        breaking: true,
                        item: key.clone(),
                        change: "made required".into(),
                        reason: "still compiles, but `send()` fails until it is set".into(),
                    });
                } else if *required && !r2 {
                    out.push(ApiChange {
                        breaking: false,
                        item: key.clone(),
                        change: "made optional".into(),
                        reason: "callers that set it are unaffected".into(),
                    });
                }
            }
            (Member::Field(a), Some(Member::Field(b))) | (Member::Fn(a), Some(Member::Fn(b)))
                if a != b =>
            {
                out.push(retyped(key, a, b));
            }
            (a, Some(b)) if std::mem::discriminant(a) != std::mem::discriminant(b) => {
                out.push(ApiChange {
                    breaking: true,
                    item: key.clone(),
                    change: "changed kind".into(),
                    reason: "code using it no longer compiles".into(),
                });
            }
            _ => {}
        }
    }
    let renamed_to: Vec<&String> = added_types
        .iter()
        .copied()
        .filter(|t| renamed.values().any(|v| v == &t.as_str()))
        .collect();
    for (key, member) in &new.0 {
        if old.0.contains_key(key) || renamed_to.contains(&key) || under(key, &renamed_to) {
            continue;
        }
        if under(key, &added_types) {
            continue;
        }
        let change = match member {
            Member::Type(kind) => ApiChange {
                breaking: false,
                item: key.clone(),
                change: format!("{kind} added"),
                reason: "a new name".into(),
            },
            Member::Param { required: true, .. } => ApiChange {
                breaking: true,
                item: key.clone(),
                change: "required parameter added".into(),
                reason: "still compiles, but `send()` fails until it is set".into(),
            },
            Member::Param { .. } => ApiChange {
                breaking: false,
                item: key.clone(),
                change: "optional parameter added".into(),
                reason: "a new setter; requests without it are unchanged".into(),
            },
            Member::Field(_) if key.contains('.') => ApiChange {
                breaking: false,
                item: key.clone(),
                change: "field added".into(),
                reason: "read it when you need it; build values through the builders".into(),
            },
            Member::Field(_) => ApiChange {
                breaking: false,
                item: key.clone(),
                change: "variant added".into(),
                reason: "matches over the enum keep a `_` arm (open enums carry `Unknown`)".into(),
            },
            Member::Fn(_) => ApiChange {
                breaking: false,
                item: key.clone(),
                change: "method added".into(),
                reason: "a new method".into(),
            },
        };
        out.push(change);
    }
    out
}

fn retyped(key: &str, a: &str, b: &str) -> ApiChange {
    ApiChange {
        breaking: true,
        item: key.to_string(),
        change: format!("type `{}` → `{}`", short(a), short(b)),
        reason: "code reading or setting it no longer compiles, or sends another type".into(),
    }
}

/// The changes between two generated files.
pub fn between(old_code: &str, new_code: &str) -> anyhow::Result<Vec<ApiChange>> {
    Ok(compare(&Surface::of(old_code)?, &Surface::of(new_code)?))
}

/// The Markdown section listing `changes`, breaking first.
pub fn markdown(changes: &[ApiChange]) -> String {
    let breaking = changes.iter().filter(|c| c.breaking).count();
    let mut out = format!(
        "\n## Generated Rust API ({} changes: {breaking} breaking, {} non-breaking)\n\n",
        changes.len(),
        changes.len() - breaking
    );
    for want in [true, false] {
        for c in changes.iter().filter(|c| c.breaking == want) {
            out.push_str(&format!("- {c}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = r#"
        pub mod types {
            pub struct VideoDetail { pub id: String, pub gif_url: Option<String>, pub size: String }
            pub enum Status { Done, Unknown(String) }
            pub struct Batch { pub videos: Vec<BatchVideo> }
            pub struct BatchVideo { pub title: String }
        }
        pub mod builder {
            pub struct ListVideos<'a> { client: &'a super::Client, limit: Result<Option<u64>, String> }
            impl<'a> ListVideos<'a> { pub fn limit<V>(mut self, value: V) -> Self { self } }
        }
        pub struct Client;
        impl Client { pub fn list_videos(&self) -> builder::ListVideos<'_> { todo!() } }
    "#;

    const NEW: &str = r#"
        pub mod types {
            pub struct VideoDetail { pub id: String, pub size: i64, pub thumb: Option<String> }
            pub enum Status { Done, Queued, Unknown(String) }
            pub struct Batch { pub videos: Vec<BatchItem> }
            pub struct BatchItem { pub title: String }
            pub struct Fresh { pub a: String }
        }
        pub mod builder {
            pub struct ListVideos<'a> { client: &'a super::Client, limit: Result<Option<u64>, String>,
                project_id: Result<String, String> }
            impl<'a> ListVideos<'a> { pub fn limit<V>(mut self, v: V) -> Self { self }
                pub fn project_id<V>(mut self, value: V) -> Self { self } }
        }
        pub struct Client;
        impl Client { pub fn list_videos(&self) -> builder::ListVideos<'_> { todo!() } }
    "#;

    #[test]
    fn every_kind_of_change_is_found_and_classified() {
        let changes = between(OLD, NEW).unwrap();
        let lines: Vec<String> = changes
            .iter()
            .map(|c| format!("{} {} {}", c.breaking, c.item, c.change))
            .collect();
        let expected = [
            "true types::BatchVideo renamed `types::BatchItem`",
            "true types::Batch.videos type `Vec<BatchVideo>` → `Vec<BatchItem>`",
            "true types::VideoDetail.gif_url removed",
            "true types::VideoDetail.size type `String` → `i64`",
            "true builder::ListVideos.project_id required parameter added",
            "false builder::ListVideos::project_id method added",
            "false types::Fresh struct added",
            "false types::Status::Queued variant added",
            "false types::VideoDetail.thumb field added",
        ];
        let mut got = lines.clone();
        got.sort();
        let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "{lines:#?}");
        // Parameter names are not the API: `limit`'s renamed argument is no change.
        assert!(!lines.iter().any(|l| l.contains("ListVideos::limit")));
    }

    #[test]
    fn names_split_into_type_and_member() {
        let c = |item: &str| ApiChange {
            breaking: true,
            item: item.into(),
            change: String::new(),
            reason: String::new(),
        };
        assert_eq!(c("types::VideoDetail.gif_url").type_name(), "VideoDetail");
        assert_eq!(c("types::VideoDetail.gif_url").member(), Some("gif_url"));
        assert_eq!(c("types::Status::Queued").type_name(), "Status");
        assert_eq!(c("types::Status::Queued").member(), Some("Queued"));
        assert_eq!(c("types::Fresh").type_name(), "Fresh");
        assert_eq!(c("types::Fresh").member(), None);
        assert_eq!(c("Client::list_videos").type_name(), "Client");
    }

    #[test]
    fn the_same_code_has_no_changes() {
        assert!(between(NEW, NEW).unwrap().is_empty());
    }
}
