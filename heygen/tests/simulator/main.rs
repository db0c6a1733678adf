//! The HeyGen simulator (`heygen_sdk::testing`) driven by the `heygen` client: resource
//! lifecycles, pagination, error bodies, idempotency, and every fault as the client sees it.
//!
//! `cargo test -p heygen-sdk --features testing --test simulator`: one test binary, one
//! module per resource (`support` holds the shared helpers). Time-dependent tests pause the
//! tokio clock and move it with `tokio::time::advance`; nothing sleeps in real time.
#![cfg(feature = "testing")]

mod account;
mod agents;
mod assets;
mod avatars;
mod errors;
mod faults;
mod handle;
mod idempotency;
mod lipsyncs;
mod pagination;
mod support;
mod translations;
mod videos;
mod voices;
mod webhooks;
