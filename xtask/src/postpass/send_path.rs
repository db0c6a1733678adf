//! Per-call costs of progenitor's `send()` that no setting removes, rewritten away:
//! - a `String` path parameter is copied before it is percent-encoded
//!   (`encode_path(&video_id.to_string())`): it is encoded where it is;
//! - every decoded answer clones the response's header map (`ResponseValue::from_response`)
//!   and drops the original: the answer takes the headers;
//! - the body is read from the connection again, although the `heygen-sdk` transport has already
//!   read it (under its size limit, retrying a body cut short): an `Exec` may hand the bytes
//!   over in the response's extensions as [`ReadBody`], and the decoder takes them from there.
//!   An answer handed out undecoded (`Error::UnexpectedResponse`) gets its body back in place.
//!
//! Together ≈ 4,000 instructions of a ≈ 110,000-instruction call (BENCHMARKS.md).

use std::collections::{HashMap, HashSet};

use quote::{ToTokens, quote};
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Item, ItemImpl, Token, Type, parse_quote};

/// Rewrites the `send()` of every operation builder in `pub mod builder`; returns how many
/// path parameters and answers it rewrote.
pub fn rewrite(file: &mut syn::File) -> (usize, usize) {
    let mut counts = (0, 0);
    for item in &mut file.items {
        let Item::Mod(module) = item else { continue };
        if module.ident != "builder" {
            continue;
        }
        let Some((_, items)) = &mut module.content else {
            continue;
        };
        let strings = string_fields(items);
        for item in items.iter_mut() {
            let Item::Impl(block) = item else { continue };
            let fields = self_ident(block)
                .and_then(|ident| strings.get(&ident))
                .cloned()
                .unwrap_or_default();
            let mut send = Send {
                fields,
                counts: (0, 0),
                info: false,
                once: HashSet::new(),
            };
            send.visit_item_impl_mut(block);
            counts.0 += send.counts.0;
            counts.1 += send.counts.1;
        }
    }
    (counts.0, counts.1)
}

/// The helpers the rewritten answers call, at the root of the generated module.
pub fn items() -> Vec<Item> {
    let code = quote! {
        /// A response body an [`Exec`] has already read into memory, carried in the response's
        /// extensions: the generated decoders take it from there instead of reading the body
        /// (which the `Exec` has consumed).
        #[derive(Clone, Debug)]
        pub struct ReadBody(pub ::bytes::Bytes);

        /// `response` with `body` in place of its own, its status, version, URL, headers and
        /// extensions kept.
        pub fn with_body(mut response: reqwest::Response, body: reqwest::Body) -> reqwest::Response {
            use reqwest::ResponseBuilderExt as _;
            let Ok(rebuilt) = ::http::Response::builder()
                .status(response.status())
                .version(response.version())
                .url(response.url().clone())
                .body(body)
            else {
                return response;
            };
            let (mut parts, body) = rebuilt.into_parts();
            parts.headers = ::std::mem::take(response.headers_mut());
            parts.extensions.extend(::std::mem::take(response.extensions_mut()));
            reqwest::Response::from(::http::Response::from_parts(parts, body))
        }

        /// `response` with its [`ReadBody`] (if any) back in place as its body: for an answer
        /// handed out undecoded, so that reading it gives the bytes the `Exec` read.
        pub fn restore_body(mut response: reqwest::Response) -> reqwest::Response {
            match response.extensions_mut().remove::<ReadBody>() {
                Some(ReadBody(body)) => with_body(response, reqwest::Body::from(body)),
                None => response,
            }
        }

        /// `response`'s body: the [`ReadBody`] an `Exec` read, or else read now.
        pub async fn read_body(mut response: reqwest::Response) -> reqwest::Result<::bytes::Bytes> {
            match response.extensions_mut().remove::<ReadBody>() {
                Some(ReadBody(body)) => Ok(body),
                None => response.bytes().await,
            }
        }

        /// A response's JSON body as `T`, with its status and headers: progenitor's
        /// `ResponseValue::from_response`, taking the headers instead of cloning them, and the
        /// body from [`ReadBody`] when the `Exec` has read it. [`read_body`] inline, with the
        /// read boxed: the common case skips it, and the future of every `send()` would
        /// otherwise hold its state (past the allocator's fast path, 1,032 bytes).
        async fn read_response<T: ::serde::de::DeserializeOwned, E>(
            mut response: reqwest::Response,
        ) -> Result<ResponseValue<T>, Error<E>> {
            let status = response.status();
            let headers = ::std::mem::take(response.headers_mut());
            let full = match response.extensions_mut().remove::<ReadBody>() {
                Some(ReadBody(full)) => full,
                None => Box::pin(response.bytes()).await.map_err(Error::ResponseBodyError)?,
            };
            let inner = ::serde_json::from_slice(&full)
                .map_err(|e| Error::InvalidResponsePayload(full, e))?;
            Ok(ResponseValue::new(inner, status, headers))
        }
    };
    syn::parse2::<syn::File>(code)
        .expect("the helpers parse")
        .items
}

/// For each builder struct, its fields holding a `String` (a path or query parameter).
fn string_fields(items: &[Item]) -> HashMap<String, HashSet<String>> {
    let string: Type = parse_quote!(Result<::std::string::String, String>);
    let string = string.to_token_stream().to_string();
    let mut out = HashMap::new();
    for item in items {
        let Item::Struct(s) = item else { continue };
        let fields = s
            .fields
            .iter()
            .filter(|f| f.ty.to_token_stream().to_string() == string)
            .filter_map(|f| f.ident.as_ref().map(ToString::to_string))
            .collect::<HashSet<_>>();
        out.insert(s.ident.to_string(), fields);
    }
    out
}

fn self_ident(block: &ItemImpl) -> Option<String> {
    match &*block.self_ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

struct Send {
    /// The builder's `String` fields (by then `send()`'s locals of the same names).
    fields: HashSet<String>,
    counts: (usize, usize),
    /// `info` is a reference from here on.
    info: bool,
    /// The parameters the `format!` being rewritten uses once.
    once: HashSet<String>,
}

impl VisitMut for Send {
    fn visit_impl_item_fn_mut(&mut self, f: &mut syn::ImplItemFn) {
        if f.sig.ident == "send" {
            visit_mut::visit_impl_item_fn_mut(self, f);
        }
    }

    /// `let info = OperationInfo { … };` becomes a `&'static` (a constant struct literal is
    /// promoted), so `send()`'s future holds a pointer, not the struct, across its awaits.
    fn visit_local_mut(&mut self, local: &mut syn::Local) {
        visit_mut::visit_local_mut(self, local);
        let is_info = matches!(&local.pat, syn::Pat::Ident(p) if p.ident == "info");
        if let (true, Some(init)) = (is_info, &mut local.init)
            && let Expr::Struct(info) = &*init.expr
            && info.path.is_ident("OperationInfo")
        {
            init.expr = parse_quote!(&#info);
            self.info = true;
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
        // A parameter used once in the URL is moved (see `visit_expr_mut`); twice, borrowed.
        let mut uses = HashMap::<String, usize>::new();
        for arg in &args {
            if let Expr::Call(call) = arg
                && call.args.len() == 1
                && let Some(local) = string_to_string(&call.args[0], &self.fields)
            {
                *uses.entry(local.to_string()).or_default() += 1;
            }
        }
        self.once = uses
            .into_iter()
            .filter(|(_, n)| *n == 1)
            .map(|(f, _)| f)
            .collect();
        for arg in &mut args {
            self.visit_expr_mut(arg);
        }
        self.once.clear();
        mac.tokens = args.to_token_stream();
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        visit_mut::visit_expr_mut(self, expr);
        if self.info
            && let Expr::Reference(reference) = expr
            && matches!(&*reference.expr, Expr::Path(p) if p.path.is_ident("info"))
        {
            *expr = parse_quote!(info);
            return;
        }
        let Expr::Call(call) = expr else { return };
        let Expr::Path(func) = &*call.func else {
            return;
        };
        let func = func.path.to_token_stream().to_string();
        if func == "encode_path" && call.args.len() == 1 {
            if let Some(local) = string_to_string(&call.args[0], &self.fields) {
                // Moved into a temporary, dropped with the statement: `send()`'s future then
                // keeps no slot for the parameter across its awaits.
                call.args[0] = if self.once.contains(&local.to_string()) {
                    parse_quote!(&{ #local })
                } else {
                    parse_quote!(&#local)
                };
                self.counts.0 += 1;
            }
        } else if func == "ResponseValue :: from_response" {
            call.func = parse_quote!(super::read_response);
            self.counts.1 += 1;
        } else if func == "Error :: UnexpectedResponse" && call.args.len() == 1 {
            let response = &call.args[0];
            call.args[0] = parse_quote!(super::restore_body(#response));
        }
    }
}

/// `&local.to_string()` where `local` is one of `fields`: the local's ident.
fn string_to_string(arg: &Expr, fields: &HashSet<String>) -> Option<syn::Ident> {
    let Expr::Reference(reference) = arg else {
        return None;
    };
    let Expr::MethodCall(call) = &*reference.expr else {
        return None;
    };
    if call.method != "to_string" || !call.args.is_empty() {
        return None;
    }
    let Expr::Path(path) = &*call.receiver else {
        return None;
    };
    let ident = path.path.get_ident()?;
    fields.contains(&ident.to_string()).then(|| ident.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated() -> syn::File {
        parse_quote! {
            pub mod builder {
                pub struct GetVideo<'a> {
                    client: &'a super::Client,
                    video_id: Result<::std::string::String, String>,
                    page: Result<u64, String>,
                }
                impl<'a> GetVideo<'a> {
                    pub async fn send(self) -> Result<(), ()> {
                        let info = OperationInfo { operation_id: "getVideo" };
                        client.pre(&mut request, &info).await?;
                        let url = format!("{}/v3/videos/{}/{}", client.baseurl,
                            encode_path(&video_id.to_string()), encode_path(&page.to_string()));
                        let again = format!("{}/{}", encode_path(&video_id.to_string()),
                            encode_path(&video_id.to_string()));
                        match response.status().as_u16() {
                            200u16 => ResponseValue::from_response(response).await,
                            400u16 => Err(Error::ErrorResponse(ResponseValue::from_response(response).await?)),
                            _ => Err(Error::UnexpectedResponse(response)),
                        }
                    }
                    pub fn video_id(self) -> String { encode_path(&video_id.to_string()) }
                }
            }
        }
    }

    #[test]
    fn string_parameters_are_encoded_in_place_and_answers_take_their_headers() {
        let mut file = generated();
        assert_eq!(rewrite(&mut file), (3, 2));
        let text = file.to_token_stream().to_string();
        assert!(text.contains("encode_path (& { video_id })"), "{text}");
        // Used twice in one URL: borrowed both times.
        assert!(
            text.contains(
                "format ! (\"{}/{}\" , encode_path (& video_id) , encode_path (& video_id))"
            ),
            "{text}"
        );
        // A non-string parameter still needs its text; setters are left alone.
        assert!(
            text.contains("encode_path (& page . to_string ())"),
            "{text}"
        );
        assert!(
            text.contains(
                "pub fn video_id (self) -> String { encode_path (& video_id . to_string ()) }"
            ),
            "{text}"
        );
        assert!(!text.contains("from_response"), "{text}");
        assert!(
            text.contains("let info = & OperationInfo { operation_id : \"getVideo\" } ;"),
            "{text}"
        );
        assert!(
            text.contains("client . pre (& mut request , info)"),
            "{text}"
        );
        assert_eq!(text.matches("super :: read_response (response)").count(), 2);
        assert!(
            text.contains("Error :: UnexpectedResponse (super :: restore_body (response))"),
            "{text}"
        );
    }
}
