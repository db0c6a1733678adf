//! Spec-driven contract tests for the HeyGen SDK.
//!
//! The pinned upstream OpenAPI 3.1 document (see `openapi/spec.lock`) is read from the
//! git-ignored cache at run time ([`Spec::load`]); [`Synth`] synthesises request and response
//! examples from its schemas, and [`validate()`] checks values against them with the
//! `jsonschema` crate (draft 2020-12).

#![warn(missing_docs)]

pub mod calls;
pub mod compare;
pub mod coverage;
pub mod recorder;
pub mod spec;
pub mod synth;
pub mod validate;
pub mod variants;
pub mod wire;

pub use spec::{JsonResponse, Location, Lock, Operation, Parameter, RequestBody, Spec};
pub use synth::Synth;
pub use validate::{
    KnownInvalidExample, known_invalid_examples, validate, validate_component, validate_envelope,
};
