//! The types of the generated request rules: written once here and emitted at the head of
//! `heygen-sys/src/request_rules.rs`, so heygen-sys holds no hand-written code and a reader of
//! the generated file sees what each rule means.

use proc_macro2::TokenStream;
use quote::quote;

pub fn definitions() -> TokenStream {
    quote! {
        /// One operation of the document: where it is served and what its request must be.
        #[derive(Debug)]
        pub struct Operation {
            /// `operationId`.
            pub id: &'static str,
            /// Upper-case HTTP method.
            pub method: &'static str,
            /// The path template (`/v3/videos/{video_id}`).
            pub path: &'static str,
            /// Its path and query parameters.
            pub parameters: &'static [Parameter],
            /// Its request body, if it takes one.
            pub body: Option<Body>,
        }

        /// A path or query parameter.
        #[derive(Debug)]
        pub struct Parameter {
            pub name: &'static str,
            pub location: Location,
            pub required: bool,
            pub schema: Schema,
            /// The schema's `default`, as JSON text: what the server takes when it is absent.
            pub default: Option<&'static str>,
        }

        /// Where a parameter is sent.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Location {
            Path,
            Query,
        }

        /// A request body.
        #[derive(Debug)]
        pub struct Body {
            pub required: bool,
            /// The media type the document gives (JSON when offered).
            pub media_type: &'static str,
            /// The JSON body's schema; `None` for another media type (multipart), left to the
            /// server's own parsing.
            pub json: Option<Schema>,
        }

        /// A schema: what a value must be, and whether `null` is allowed instead.
        #[derive(Debug)]
        pub struct Schema {
            pub nullable: bool,
            pub kind: Kind,
        }

        /// What a value must be.
        #[derive(Debug)]
        pub enum Kind {
            /// Anything.
            Any,
            /// Another schema (a `$ref`; cycles go through these statics).
            Ref(&'static Schema),
            Object(Object),
            Array(Array),
            String(Text),
            Integer(Number),
            Number(Number),
            Boolean,
            /// Only `null`.
            Null,
            /// One of these JSON values (each as JSON text): an `enum`/`const` of another type.
            Literals(&'static [&'static str]),
            /// `oneOf`: exactly one member.
            OneOf(Union),
            /// `anyOf`: at least one member.
            AnyOf(Union),
            /// `allOf`: every member.
            AllOf(&'static [Schema]),
        }

        #[derive(Debug)]
        pub struct Object {
            pub properties: &'static [Property],
            pub required: &'static [&'static str],
            pub additional: Additional,
        }

        #[derive(Debug)]
        pub struct Property {
            pub name: &'static str,
            pub schema: Schema,
        }

        /// `additionalProperties`.
        #[derive(Debug)]
        pub enum Additional {
            /// Not stated, or `true`.
            Any,
            /// `false`.
            Forbidden,
            Schema(&'static Schema),
        }

        #[derive(Debug)]
        pub struct Array {
            pub items: Option<&'static Schema>,
            pub min_items: Option<u64>,
            pub max_items: Option<u64>,
            pub unique_items: bool,
        }

        /// A string.
        #[derive(Debug)]
        pub struct Text {
            /// `enum` (or `const`).
            pub values: Option<&'static [&'static str]>,
            /// In characters (Unicode scalar values), as JSON Schema counts.
            pub min_length: Option<u64>,
            pub max_length: Option<u64>,
            /// An ECMA-262 regular expression, unanchored.
            pub pattern: Option<&'static str>,
            pub format: Option<&'static str>,
        }

        /// An integer or number. An integer may be written `1.0`, as JSON Schema reads it.
        #[derive(Debug)]
        pub struct Number {
            pub values: Option<&'static [f64]>,
            pub minimum: Option<f64>,
            pub maximum: Option<f64>,
            pub exclusive_minimum: Option<f64>,
            pub exclusive_maximum: Option<f64>,
            pub multiple_of: Option<f64>,
        }

        impl Array {
            /// No constraint; a rule states only what differs (`..Array::ANY`).
            pub const ANY: Array = Array { items: None, min_items: None, max_items: None, unique_items: false };
        }

        impl Text {
            /// Any string; a rule states only what differs (`..Text::ANY`).
            pub const ANY: Text = Text { values: None, min_length: None, max_length: None, pattern: None, format: None };
        }

        impl Number {
            /// Any number; a rule states only what differs (`..Number::ANY`).
            pub const ANY: Number = Number { values: None, minimum: None, maximum: None, exclusive_minimum: None, exclusive_maximum: None, multiple_of: None };
        }

        /// The members of a union, and its `discriminator` when it has one.
        #[derive(Debug)]
        pub struct Union {
            pub members: &'static [Schema],
            pub discriminator: Option<Discriminator>,
        }

        /// The tag property and which member each tag selects (an index into `members`).
        #[derive(Debug)]
        pub struct Discriminator {
            pub property: &'static str,
            pub mapping: &'static [(&'static str, usize)],
        }
    }
}
