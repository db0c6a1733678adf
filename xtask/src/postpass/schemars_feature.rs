//! `schemars::JsonSchema` only with heygen-sys's `schemars` feature: nothing in the SDK uses
//! the schemas, and deriving them for every type is a large share of heygen-sys's compile time
//! (BENCHMARKS.md). typify emits the derive in its lists; the post-pass's own impls (open
//! enums, tagged unions) are gated the same way.

use syn::punctuated::Punctuated;
use syn::{Attribute, Item, Path, Token, parse_quote};

pub fn rewrite(items: &mut [Item]) -> anyhow::Result<()> {
    for item in items {
        match item {
            Item::Struct(s) => gate_derive(&mut s.attrs)?,
            Item::Enum(e) => gate_derive(&mut e.attrs)?,
            Item::Impl(i)
                if i.trait_
                    .as_ref()
                    .is_some_and(|(_, path, _)| is_json_schema(path)) =>
            {
                i.attrs.push(parse_quote!(#[cfg(feature = "schemars")]));
            }
            _ => {}
        }
    }
    Ok(())
}

fn is_json_schema(path: &Path) -> bool {
    path.segments
        .last()
        .is_some_and(|s| s.ident == "JsonSchema")
}

fn gate_derive(attrs: &mut Vec<Attribute>) -> anyhow::Result<()> {
    let mut gated = false;
    for attr in attrs.iter_mut().filter(|a| a.path().is_ident("derive")) {
        let paths = attr.parse_args_with(Punctuated::<Path, Token![,]>::parse_terminated)?;
        if paths.iter().any(is_json_schema) {
            let kept: Punctuated<Path, Token![,]> =
                paths.into_iter().filter(|p| !is_json_schema(p)).collect();
            *attr = parse_quote!(#[derive(#kept)]);
            gated = true;
        }
    }
    if gated {
        attrs.push(parse_quote!(#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]));
    }
    Ok(())
}
