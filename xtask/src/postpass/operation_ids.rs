//! The document's operation ids in `OperationInfo`.
//!
//! progenitor hands hooks a snake_case `operation_id` (`get_video_v3`); errors, traces and
//! HeyGen's documentation use the document's own (`getVideoV3`). Each literal is replaced by
//! the id it came from, so the `Exec` hook reports the name users can look up.

use std::collections::HashMap;

use anyhow::{Result, bail};
use serde_json::Value;
use syn::visit_mut::VisitMut;
use syn::{Expr, ExprLit, ExprStruct, Lit, LitStr};

use crate::normalise::walk;

pub fn rewrite(file: &mut syn::File, doc: &Value) -> Result<()> {
    let mut ids = HashMap::new();
    let mut copy = doc.clone();
    for (_, _, op) in walk::operations_mut(&mut copy) {
        if let Some(id) = op.get("operationId").and_then(Value::as_str) {
            ids.insert(snake(id), id.to_string());
        }
    }
    let mut visitor = Rewriter {
        ids,
        unknown: Vec::new(),
        count: 0,
    };
    visitor.visit_file_mut(file);
    if !visitor.unknown.is_empty() {
        bail!(
            "OperationInfo names no operation of the document: {:?}",
            visitor.unknown
        );
    }
    if visitor.count == 0 {
        bail!("progenitor's output has no OperationInfo to rewrite");
    }
    Ok(())
}

/// progenitor's snake_case of an operation id.
pub(crate) fn snake(id: &str) -> String {
    let mut out = String::new();
    for (i, c) in id.char_indices() {
        if c.is_ascii_uppercase() {
            let prev_lower = id[..i]
                .chars()
                .last()
                .is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit());
            if i > 0 && prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

struct Rewriter {
    ids: HashMap<String, String>,
    unknown: Vec<String>,
    count: usize,
}

impl VisitMut for Rewriter {
    fn visit_expr_struct_mut(&mut self, node: &mut ExprStruct) {
        if node.path.is_ident("OperationInfo") {
            for field in &mut node.fields {
                if let Expr::Lit(ExprLit {
                    lit: Lit::Str(lit), ..
                }) = &mut field.expr
                {
                    match self.ids.get(&lit.value()) {
                        Some(id) => {
                            *lit = LitStr::new(id, lit.span());
                            self.count += 1;
                        }
                        None => self.unknown.push(lit.value()),
                    }
                }
            }
        }
        syn::visit_mut::visit_expr_struct_mut(self, node);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_matches_progenitor() {
        assert_eq!(snake("getVideoV3"), "get_video_v3");
        assert_eq!(snake("createAvatarVideo"), "create_avatar_video");
        assert_eq!(snake("downloadProofreadSrtV3"), "download_proofread_srt_v3");
    }

    #[test]
    fn literals_become_document_ids() {
        let mut file: syn::File = syn::parse_quote! {
            fn f() { let info = OperationInfo { operation_id: "get_video_v3" }; }
        };
        let doc = serde_json::json!({"paths": {"/v3/videos/{id}": {"get": {"operationId": "getVideoV3"}}}});
        rewrite(&mut file, &doc).unwrap();
        assert!(quote::quote!(#file).to_string().contains("\"getVideoV3\""));
        let mut unknown: syn::File =
            syn::parse_quote! { fn f() { OperationInfo { operation_id: "nope" }; } };
        assert!(
            rewrite(&mut unknown, &doc)
                .unwrap_err()
                .to_string()
                .contains("nope")
        );
    }
}
