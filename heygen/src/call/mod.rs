//! What surrounds one call, by concept: the per-handle [`RequestOptions`] (`options.rs`), the
//! path-id check made before a request is built (`path_id.rs`), and the record of what the
//! transport learnt about a call (`record.rs`).

mod options;
mod path_id;
mod record;

pub use options::{RequestOptions, validate_idempotency_key};
pub(crate) use path_id::path_id;
pub(crate) use record::{CallRecord, deliver, note_operation, scope, take, with_operation};
