//! A path parameter is one path segment, whatever it holds.
//!
//! progenitor-client's `encode_path` percent-encodes `/`, `%`, `?`, `#` and control characters
//! but leaves `\`, which URL parsing turns into `/` (`"..\\avatars\\x"` would climb out of its
//! segment), and it cannot help `""`, `.` or `..`, which URL parsing drops or climbs whatever
//! their encoding (`%2e` is a dot to it). Every `encode_path(…)` of a builder's `send()` becomes
//! `path_segment(…, "name")?`: `\` encoded as well, and those three refused with
//! `Error::InvalidRequest` before any request is built — for the SDK's calls and `raw()`'s alike.
//!
//! Runs after `send_path` (which rewrites the argument of the same calls).

use quote::{ToTokens, quote};
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Item, Token, parse_quote};

/// Rewrites every `encode_path(…)` in the `send()`s of `pub mod builder`; returns how many.
pub fn rewrite(file: &mut syn::File) -> usize {
    let mut segments = Segments { count: 0 };
    for item in &mut file.items {
        if let Item::Mod(module) = item
            && module.ident == "builder"
        {
            segments.visit_item_mod_mut(module);
        }
    }
    segments.count
}

/// The function the rewritten calls use, at the root of the generated module.
pub fn items() -> Vec<Item> {
    let code = quote! {
        /// `value` as one path segment: percent-encoded like progenitor's `encode_path`, and `\`
        /// too (URL parsing reads it as `/`). `""`, `.` and `..` cannot be one segment (URL
        /// parsing drops or climbs them, encoded or not): refused, naming the parameter.
        pub fn path_segment(value: &str, name: &str) -> ::std::result::Result<String, String> {
            if matches!(value, "" | "." | "..") {
                return Err(format!(
                    "error converting supplied value for {name}: `{value}` is not an id (an id cannot be empty, `.` or `..`)"
                ));
            }
            let encoded = progenitor_client::encode_path(value);
            // `encode_path` leaves `\` and turns every `%` of `value` into `%25`: any `\` left is one
            // of `value`'s.
            Ok(if encoded.contains('\\') {
                encoded.replace('\\', "%5C")
            } else {
                encoded
            })
        }
    };
    syn::parse2::<syn::File>(code)
        .expect("the helper parses")
        .items
}

struct Segments {
    count: usize,
}

impl VisitMut for Segments {
    fn visit_impl_item_fn_mut(&mut self, f: &mut syn::ImplItemFn) {
        if f.sig.ident == "send" {
            visit_mut::visit_impl_item_fn_mut(self, f);
        }
    }

    /// The URL is built in a `format!`, whose arguments syn keeps as tokens.
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        if !mac.path.is_ident("format") {
            return;
        }
        let parser = Punctuated::<Expr, Token![,]>::parse_terminated;
        let Ok(mut args) = mac.parse_body_with(parser) else {
            return;
        };
        for arg in &mut args {
            self.visit_expr_mut(arg);
        }
        mac.tokens = args.to_token_stream();
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        visit_mut::visit_expr_mut(self, expr);
        let Expr::Call(call) = expr else { return };
        let Expr::Path(func) = &*call.func else {
            return;
        };
        if !func.path.is_ident("encode_path") || call.args.len() != 1 {
            return;
        }
        let arg = &call.args[0];
        let name = parameter(arg).unwrap_or_else(|| "path".to_string());
        *expr = parse_quote!(super::path_segment(#arg, #name).map_err(Error::InvalidRequest)?);
        self.count += 1;
    }
}

/// The parameter an `encode_path` argument encodes: `&{ video_id }`, `&video_id`,
/// `&page.to_string()`.
fn parameter(arg: &Expr) -> Option<String> {
    let mut expr = arg;
    loop {
        expr = match expr {
            Expr::Reference(r) => &r.expr,
            Expr::Paren(p) => &p.expr,
            Expr::Block(b) => match b.block.stmts.as_slice() {
                [syn::Stmt::Expr(inner, None)] => inner,
                _ => return None,
            },
            Expr::MethodCall(m) if m.args.is_empty() => &m.receiver,
            Expr::Path(p) => return p.path.get_ident().map(ToString::to_string),
            _ => return None,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_parameter_goes_through_path_segment() {
        let mut file: syn::File = parse_quote! {
            pub mod builder {
                impl<'a> GetVideo<'a> {
                    pub async fn send(self) -> Result<(), ()> {
                        let url = format!("{}/v3/videos/{}/{}/{}", client.baseurl,
                            encode_path(&{ video_id }), encode_path(&page.to_string()),
                            encode_path(&look_id));
                        Ok(())
                    }
                    pub fn video_id(self) -> String { encode_path(&video_id.to_string()) }
                }
            }
        };
        assert_eq!(rewrite(&mut file), 3);
        let text = file.to_token_stream().to_string();
        for (arg, name) in [
            ("& { video_id }", "video_id"),
            ("& page . to_string ()", "page"),
            ("& look_id", "look_id"),
        ] {
            let call = format!(
                "super :: path_segment ({arg} , \"{name}\") . map_err (Error :: InvalidRequest) ?"
            );
            assert!(text.contains(&call), "{call} in {text}");
        }
        // Outside `send()`: left alone.
        assert!(
            text.contains("{ encode_path (& video_id . to_string ()) }"),
            "{text}"
        );
    }

    #[test]
    fn the_helper_parses_and_names_its_function() {
        let items = items();
        assert!(
            matches!(&items[..], [Item::Fn(f)] if f.sig.ident == "path_segment"),
            "{}",
            quote!(#(#items)*)
        );
    }
}
