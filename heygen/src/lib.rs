//! Rust SDK for HeyGen's v3 API.
