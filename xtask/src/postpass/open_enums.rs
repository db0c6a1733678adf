//! Open enums: every component string enum keeps values it does not know.
//!
//! typify's enums are closed, so one status the server adds fails the whole response. Each is
//! rewritten with the same variants plus `Unknown(String)`; requests serialise the known values
//! as before, responses never fail on a new value, and the raw string is kept.

use anyhow::{Result, bail};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Item, LitStr};

use super::{docs, take_type};

pub fn rewrite(items: &mut Vec<syn::Item>, ident: &str, values: &[String]) -> Result<()> {
    // Keep typify's Default impl (it names a variant we keep); replace everything else.
    let old = take_type(items, ident, |i| {
        i.trait_
            .as_ref()
            .is_some_and(|(_, p, _)| p.segments.last().is_some_and(|s| s.ident == "Default"))
    })?;
    let Item::Enum(old_enum) = &old else {
        bail!("`{ident}` is not an enum")
    };
    let mut variants = Vec::new();
    for variant in &old_enum.variants {
        let mut raw = None;
        for attr in variant.attrs.iter().filter(|a| a.path().is_ident("serde")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    raw = Some(meta.value()?.parse::<LitStr>()?.value());
                }
                Ok(())
            })?;
        }
        variants.push((
            variant.ident.clone(),
            raw.unwrap_or_else(|| variant.ident.to_string()),
        ));
    }
    let raws: Vec<&String> = variants.iter().map(|(_, raw)| raw).collect();
    if raws
        .iter()
        .map(|r| r.as_str())
        .ne(values.iter().map(String::as_str))
    {
        bail!("`{ident}`: typify's variants {raws:?} differ from the document's {values:?}");
    }
    for item in code(ident, &docs(&old), &variants) {
        items.push(syn::parse2(item)?);
    }
    Ok(())
}

fn code(
    name: &str,
    docs: &[syn::Attribute],
    variants: &[(syn::Ident, String)],
) -> Vec<TokenStream> {
    let ident = format_ident!("{name}");
    let idents: Vec<_> = variants.iter().map(|(i, _)| i).collect();
    let raws: Vec<_> = variants.iter().map(|(_, r)| r).collect();
    let variant_docs: Vec<String> = raws.iter().map(|r| format!("`{r}`")).collect();
    vec![
        quote! {
            #(#docs)*
            ///
            /// Open: a value the server adds later deserialises to `Unknown` with the raw string.
            #[derive(Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
            pub enum #ident {
                #( #[doc = #variant_docs] #idents, )*
                /// A value this version of the SDK does not know; kept verbatim.
                Unknown(::std::string::String),
            }
        },
        quote! {
            impl #ident {
                /// Every value the API description lists, in its order.
                pub const KNOWN: &'static [&'static str] = &[#(#raws),*];
                /// The value as the API writes it.
                pub fn as_str(&self) -> &str {
                    match self {
                        #( Self::#idents => #raws, )*
                        Self::Unknown(raw) => raw.as_str(),
                    }
                }
                /// Whether this is a value the API description did not list.
                pub fn is_unknown(&self) -> bool {
                    matches!(self, Self::Unknown(_))
                }
            }
        },
        quote! {
            impl ::std::fmt::Display for #ident {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }
        },
        quote! {
            impl ::std::convert::From<&str> for #ident {
                fn from(value: &str) -> Self {
                    match value {
                        #( #raws => Self::#idents, )*
                        other => Self::Unknown(other.to_string()),
                    }
                }
            }
        },
        quote! {
            impl ::std::convert::From<::std::string::String> for #ident {
                fn from(value: ::std::string::String) -> Self {
                    Self::from(value.as_str())
                }
            }
        },
        quote! {
            impl ::std::convert::From<&#ident> for #ident {
                fn from(value: &#ident) -> Self {
                    value.clone()
                }
            }
        },
        quote! {
            impl ::std::str::FromStr for #ident {
                type Err = ::std::convert::Infallible;
                fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                    Ok(Self::from(value))
                }
            }
        },
        quote! {
            impl ::serde::Serialize for #ident {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }
        },
        quote! {
            impl<'de> ::serde::Deserialize<'de> for #ident {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    let raw = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                    Ok(Self::from(raw.as_ref()))
                }
            }
        },
        quote! {
            impl schemars::JsonSchema for #ident {
                fn schema_name() -> ::std::string::String {
                    #name.to_string()
                }
                fn json_schema(_: &mut schemars::r#gen::SchemaGenerator) -> schemars::schema::Schema {
                    schemars::schema::SchemaObject {
                        instance_type: Some(schemars::schema::InstanceType::String.into()),
                        enum_values: Some(vec![#( #raws.into() ),*]),
                        ..Default::default()
                    }
                    .into()
                }
            }
        },
    ]
}
