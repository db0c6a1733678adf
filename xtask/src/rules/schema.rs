//! One JSON Schema of the document (OpenAPI 3.1 dialect, 3.0's `nullable` too) → the Rust
//! expression of its rule. Every `$ref` target becomes a `static` of its own, emitted once, so
//! a cycle of references is a cycle of statics rather than an endless expansion.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context, Result, bail};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;
use serde_json::{Map, Value};

/// Keywords that constrain a value (as opposed to annotations such as `description`): a `$ref`
/// with one of these beside it is the intersection of both.
const CONSTRAINTS: [&str; 22] = [
    "type",
    "enum",
    "const",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "oneOf",
    "anyOf",
    "allOf",
];

/// The statics of one document's rules, discovered while converting.
pub struct Statics<'a> {
    doc: &'a Value,
    /// `$ref` → the static's name.
    names: BTreeMap<String, Ident>,
    taken: BTreeSet<String>,
    /// `$ref`s named but not yet emitted, in discovery order.
    pending: Vec<String>,
    /// The emitted statics, in discovery order.
    pub items: Vec<TokenStream>,
}

impl<'a> Statics<'a> {
    pub fn new(doc: &'a Value) -> Self {
        Self {
            doc,
            names: BTreeMap::new(),
            taken: BTreeSet::new(),
            pending: Vec::new(),
            items: Vec::new(),
        }
    }

    /// Emits every static named so far (and those they name in turn).
    pub fn flush(&mut self) -> Result<()> {
        while !self.pending.is_empty() {
            let reference = self.pending.remove(0);
            let target = self.target(&reference)?;
            let expr = self.schema(target)?;
            let name = &self.names[&reference];
            let doc = format!(" `{reference}`");
            self.items
                .push(quote!(#[doc = #doc] static #name: Schema = #expr;));
        }
        Ok(())
    }

    fn target(&self, reference: &str) -> Result<&'a Value> {
        let pointer = reference
            .strip_prefix('#')
            .with_context(|| format!("only local references are supported: {reference}"))?;
        self.doc
            .pointer(pointer)
            .with_context(|| format!("{reference} is not in the document"))
    }

    /// The static standing for `reference`, named on first sight.
    fn static_for(&mut self, reference: &str) -> Result<Ident> {
        if let Some(name) = self.names.get(reference) {
            return Ok(name.clone());
        }
        self.target(reference)?;
        let base = match reference.strip_prefix("#/components/schemas/") {
            Some(name) => screaming(name),
            None => format!("AT_{}", screaming(reference)),
        };
        let mut name = base.clone();
        let mut n = 2;
        while !self.taken.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        let ident = Ident::new(&name, Span::call_site());
        self.names.insert(reference.to_string(), ident.clone());
        self.pending.push(reference.to_string());
        Ok(ident)
    }

    /// `Schema { nullable, kind }` for a schema of the document.
    pub fn schema(&mut self, schema: &Value) -> Result<TokenStream> {
        let (nullable, kind) = self.kind(schema)?;
        Ok(quote!(Schema { nullable: #nullable, kind: #kind }))
    }

    fn kind(&mut self, schema: &Value) -> Result<(bool, TokenStream)> {
        let obj = match schema {
            Value::Object(obj) => obj,
            Value::Bool(true) => return Ok((false, quote!(Kind::Any))),
            // `false`: no value at all.
            Value::Bool(false) => return Ok((false, quote!(Kind::Literals(&[])))),
            other => bail!("not a schema: {other}"),
        };
        let nullable = obj.get("nullable") == Some(&Value::Bool(true));
        if let Some(reference) = obj.get("$ref").and_then(Value::as_str) {
            let name = self.static_for(reference)?;
            let siblings: Map<String, Value> = obj
                .iter()
                .filter(|(k, _)| *k != "$ref" && CONSTRAINTS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if siblings.is_empty() {
                return Ok((nullable, quote!(Kind::Ref(&#name))));
            }
            let rest = self.schema(&Value::Object(siblings))?;
            let whole = quote!(Schema { nullable: false, kind: Kind::Ref(&#name) });
            return Ok((nullable, quote!(Kind::AllOf(&[#whole, #rest]))));
        }
        if let Some((members, one)) = union_members(obj) {
            return self.union(obj, members, one, nullable);
        }
        if let Some(all) = obj.get("allOf").and_then(Value::as_array) {
            let mut rest = obj.clone();
            rest.remove("allOf");
            let mut parts = Vec::new();
            for member in all {
                parts.push(self.schema(member)?);
            }
            if rest.keys().any(|k| CONSTRAINTS.contains(&k.as_str())) {
                parts.push(self.schema(&Value::Object(rest))?);
            }
            return Ok((nullable, quote!(Kind::AllOf(&[#(#parts),*]))));
        }
        self.typed(obj, nullable)
    }

    /// `oneOf`/`anyOf`: `null` members make it nullable; one member left is that member.
    fn union(
        &mut self,
        obj: &Map<String, Value>,
        members: &[Value],
        one: bool,
        mut nullable: bool,
    ) -> Result<(bool, TokenStream)> {
        let (nulls, rest): (Vec<&Value>, Vec<&Value>) =
            members.iter().partition(|m| self.null_only(m));
        nullable |= !nulls.is_empty();
        let discriminator = obj.get("discriminator");
        if rest.len() == 1 && discriminator.is_none() {
            let (inner, kind) = self.kind(rest[0])?;
            return Ok((nullable || inner, kind));
        }
        let mut schemas = Vec::new();
        for member in &rest {
            schemas.push(self.schema(member)?);
        }
        let discriminator = match discriminator {
            Some(d) => {
                let property = d
                    .get("propertyName")
                    .and_then(Value::as_str)
                    .context("a discriminator without propertyName")?;
                let mut mapping: Vec<(String, usize)> = Vec::new();
                let refs: Vec<Option<&str>> = rest
                    .iter()
                    .map(|m| m.get("$ref").and_then(Value::as_str))
                    .collect();
                match d.get("mapping").and_then(Value::as_object) {
                    Some(map) => {
                        for (tag, target) in map {
                            if let Some(i) = refs.iter().position(|r| *r == target.as_str()) {
                                mapping.push((tag.clone(), i));
                            }
                        }
                    }
                    None => {
                        for (i, r) in refs.iter().enumerate() {
                            if let Some(name) = r.and_then(|r| r.rsplit('/').next()) {
                                mapping.push((name.to_string(), i));
                            }
                        }
                    }
                }
                let pairs = mapping.iter().map(|(tag, i)| quote!((#tag, #i)));
                quote!(Some(Discriminator { property: #property, mapping: &[#(#pairs),*] }))
            }
            None => quote!(None),
        };
        let union = quote!(Union { members: &[#(#schemas),*], discriminator: #discriminator });
        Ok(match one {
            true => (nullable, quote!(Kind::OneOf(#union))),
            false => (nullable, quote!(Kind::AnyOf(#union))),
        })
    }

    /// Whether a member admits only `null`.
    fn null_only(&self, member: &Value) -> bool {
        let member = match member.get("$ref").and_then(Value::as_str) {
            Some(r) => self.target(r).unwrap_or(member),
            None => member,
        };
        match member.get("type") {
            Some(Value::String(t)) => t == "null",
            Some(Value::Array(ts)) => !ts.is_empty() && ts.iter().all(|t| t == "null"),
            _ => {
                member.get("const").is_some_and(Value::is_null)
                    || member
                        .get("enum")
                        .and_then(Value::as_array)
                        .is_some_and(|e| !e.is_empty() && e.iter().all(Value::is_null))
            }
        }
    }

    /// A schema by its `type` (a list of types is the union of each).
    fn typed(
        &mut self,
        obj: &Map<String, Value>,
        mut nullable: bool,
    ) -> Result<(bool, TokenStream)> {
        let mut types: Vec<String> = match obj.get("type") {
            Some(Value::String(t)) => vec![t.clone()],
            Some(Value::Array(ts)) => ts
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
            _ => inferred(obj).into_iter().map(str::to_string).collect(),
        };
        let values = enum_values(obj);
        if values
            .as_ref()
            .is_some_and(|v| v.iter().any(Value::is_null))
        {
            nullable = true;
        }
        if types.len() > 1 && types.iter().any(|t| t == "null") {
            nullable = true;
            types.retain(|t| t != "null");
        }
        match types.as_slice() {
            [] => match values {
                Some(values) => Ok((nullable, literals(&values))),
                None => Ok((nullable, quote!(Kind::Any))),
            },
            [one] => Ok((nullable, self.of_type(obj, one, values.as_deref())?)),
            many => {
                let mut members = Vec::new();
                for t in many {
                    let kind = self.of_type(obj, t, values.as_deref())?;
                    members.push(quote!(Schema { nullable: false, kind: #kind }));
                }
                Ok((
                    nullable,
                    quote!(Kind::AnyOf(Union { members: &[#(#members),*], discriminator: None })),
                ))
            }
        }
    }

    fn of_type(
        &mut self,
        obj: &Map<String, Value>,
        ty: &str,
        values: Option<&[Value]>,
    ) -> Result<TokenStream> {
        let values: Option<Vec<&Value>> =
            values.map(|v| v.iter().filter(|v| !v.is_null()).collect());
        Ok(match ty {
            "null" => quote!(Kind::Null),
            "boolean" => match values {
                Some(v) => literals(&v.into_iter().cloned().collect::<Vec<_>>()),
                None => quote!(Kind::Boolean),
            },
            "string" => {
                let mut fields = Vec::new();
                if let Some(v) = values {
                    let strings: Vec<&str> = v.iter().filter_map(|v| v.as_str()).collect();
                    fields.push(quote!(values: Some(&[#(#strings),*])));
                }
                fields.extend(count(obj, "minLength", quote!(min_length)));
                fields.extend(count(obj, "maxLength", quote!(max_length)));
                if let Some(p) = obj.get("pattern").and_then(Value::as_str) {
                    fields.push(quote!(pattern: Some(#p)));
                }
                if let Some(f) = obj.get("format").and_then(Value::as_str) {
                    fields.push(quote!(format: Some(#f)));
                }
                quote!(Kind::String(Text { #(#fields,)* ..Text::ANY }))
            }
            "integer" | "number" => {
                let mut fields = Vec::new();
                if let Some(v) = values {
                    let numbers = v
                        .iter()
                        .filter_map(|v| v.as_f64())
                        .map(Literal::f64_suffixed);
                    fields.push(quote!(values: Some(&[#(#numbers),*])));
                }
                let bound = |key: &str| obj.get(key).and_then(Value::as_f64);
                // OpenAPI 3.0 writes an exclusive bound as a boolean beside the bound.
                let (mut minimum, mut maximum) = (bound("minimum"), bound("maximum"));
                let exclusive = |key: &str, inclusive: &mut Option<f64>| match obj.get(key) {
                    Some(Value::Bool(true)) => inclusive.take(),
                    Some(v) => v.as_f64(),
                    None => None,
                };
                let exclusive_minimum = exclusive("exclusiveMinimum", &mut minimum);
                let exclusive_maximum = exclusive("exclusiveMaximum", &mut maximum);
                for (field, b) in [
                    (quote!(minimum), minimum),
                    (quote!(maximum), maximum),
                    (quote!(exclusive_minimum), exclusive_minimum),
                    (quote!(exclusive_maximum), exclusive_maximum),
                    (quote!(multiple_of), bound("multipleOf")),
                ] {
                    if let Some(b) = b.map(Literal::f64_suffixed) {
                        fields.push(quote!(#field: Some(#b)));
                    }
                }
                let number = quote!(Number { #(#fields,)* ..Number::ANY });
                match ty {
                    "integer" => quote!(Kind::Integer(#number)),
                    _ => quote!(Kind::Number(#number)),
                }
            }
            "array" => {
                let mut fields = Vec::new();
                if let Some(items) = obj.get("items") {
                    let items = self.schema(items)?;
                    fields.push(quote!(items: Some(&#items)));
                }
                fields.extend(count(obj, "minItems", quote!(min_items)));
                fields.extend(count(obj, "maxItems", quote!(max_items)));
                if obj.get("uniqueItems") == Some(&Value::Bool(true)) {
                    fields.push(quote!(unique_items: true));
                }
                quote!(Kind::Array(Array { #(#fields,)* ..Array::ANY }))
            }
            "object" => {
                let mut properties = Vec::new();
                for (name, schema) in obj
                    .get("properties")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    let schema = self.schema(schema)?;
                    properties.push(quote!(Property { name: #name, schema: #schema }));
                }
                // A `readOnly` member is the server's to send: required in responses only.
                let read_only = |name: &str| {
                    obj.get("properties")
                        .and_then(|p| p.get(name))
                        .is_some_and(|p| p.get("readOnly") == Some(&Value::Bool(true)))
                };
                let required: Vec<&str> = obj
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .filter(|name| !read_only(name))
                    .collect();
                let additional = match obj.get("additionalProperties") {
                    None | Some(Value::Bool(true)) => quote!(Additional::Any),
                    Some(Value::Bool(false)) => quote!(Additional::Forbidden),
                    Some(schema) if schema.as_object().is_some_and(Map::is_empty) => {
                        quote!(Additional::Any)
                    }
                    Some(schema) => {
                        let schema = self.schema(schema)?;
                        quote!(Additional::Schema(&#schema))
                    }
                };
                quote!(Kind::Object(Object { properties: &[#(#properties),*], required: &[#(#required),*], additional: #additional }))
            }
            other => bail!("unknown schema type `{other}`"),
        })
    }
}

/// `oneOf` (true) or `anyOf` (false) members.
fn union_members(obj: &Map<String, Value>) -> Option<(&[Value], bool)> {
    if let Some(members) = obj.get("oneOf").and_then(Value::as_array) {
        return Some((members, true));
    }
    obj.get("anyOf")
        .and_then(Value::as_array)
        .map(|m| (m.as_slice(), false))
}

/// The type a schema without `type` has by its keywords (none: any type).
fn inferred(obj: &Map<String, Value>) -> Option<&'static str> {
    if ["properties", "required", "additionalProperties"]
        .iter()
        .any(|k| obj.contains_key(*k))
    {
        return Some("object");
    }
    if ["items", "minItems", "maxItems"]
        .iter()
        .any(|k| obj.contains_key(*k))
    {
        return Some("array");
    }
    let values = enum_values(obj)?;
    let non_null: Vec<&Value> = values.iter().filter(|v| !v.is_null()).collect();
    if !non_null.is_empty() && non_null.iter().all(|v| v.is_string()) {
        return Some("string");
    }
    None
}

/// `enum`, or `const` as a one-value enum.
fn enum_values(obj: &Map<String, Value>) -> Option<Vec<Value>> {
    if let Some(value) = obj.get("const") {
        return Some(vec![value.clone()]);
    }
    obj.get("enum").and_then(Value::as_array).cloned()
}

fn literals(values: &[Value]) -> TokenStream {
    let texts = values.iter().map(Value::to_string);
    quote!(Kind::Literals(&[#(#texts),*]))
}

/// `field: Some(n)` for a non-negative count (`minLength` …), written `2` or `2.0`.
fn count(obj: &Map<String, Value>, key: &str, field: TokenStream) -> Option<TokenStream> {
    let n = obj
        .get(key)
        .and_then(Value::as_f64)
        .filter(|n| *n >= 0.0 && n.fract() == 0.0)? as u64;
    Some(quote!(#field: Some(#n)))
}

/// `CreateVideoV3RequestBody` → `CREATE_VIDEO_V3_REQUEST_BODY`; anything else becomes `_`.
fn screaming(name: &str) -> String {
    let mut out = String::new();
    let mut previous: Option<char> = None;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase()
                && previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
            {
                out.push('_');
            }
            out.push(c.to_ascii_uppercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
        previous = Some(c);
    }
    let out = out.trim_end_matches('_').to_string();
    match out.chars().next() {
        Some(c) if c.is_ascii_digit() => format!("S_{out}"),
        None => "SCHEMA".to_string(),
        _ => out,
    }
}
