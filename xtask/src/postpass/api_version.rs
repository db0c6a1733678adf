//! No `api-version` header: progenitor gives every request one carrying the document's
//! `info.version`, which HeyGen neither has nor reads. Dropping it from the generated code,
//! instead of removing it from each request at run time, saves a header map allocated, merged
//! and searched by name on every call (≈ 1,900 instructions per call; BENCHMARKS.md).

use quote::ToTokens;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Stmt};

pub fn rewrite(file: &mut syn::File) {
    ApiVersion.visit_file_mut(file);
}

struct ApiVersion;

fn text(stmt: &Stmt) -> String {
    stmt.to_token_stream().to_string()
}

impl VisitMut for ApiVersion {
    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        visit_mut::visit_block_mut(self, block);
        let before = block.stmts.len();
        block.stmts.retain(|stmt| {
            let text = text(stmt);
            !(text.starts_with("header_map . append") && text.contains("\"api-version\""))
        });
        if block.stmts.len() == before {
            return;
        }
        // The map held only `api-version` (no header parameters): drop it and its use.
        if !block
            .stmts
            .iter()
            .any(|stmt| text(stmt).starts_with("header_map ."))
        {
            block
                .stmts
                .retain(|stmt| !text(stmt).starts_with("let mut header_map ="));
            DropHeaderMap.visit_block_mut(block);
        }
    }
}

/// `….headers(header_map)` → `…`.
struct DropHeaderMap;

impl VisitMut for DropHeaderMap {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        visit_mut::visit_expr_mut(self, expr);
        if let Expr::MethodCall(call) = expr
            && call.method == "headers"
            && call.args.len() == 1
            && call.args[0].to_token_stream().to_string() == "header_map"
        {
            *expr = (*call.receiver).clone();
        }
    }
}
