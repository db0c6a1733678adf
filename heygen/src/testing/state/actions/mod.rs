//! What requests may do to the [`State`](super::State): the domain rules of each resource
//! (create, advance, fail, delete), as `impl State` methods, a file per resource. The records
//! they change are declared beside `State` (in `state/`), and these files import them; `State`
//! never imports these, so no import runs in a circle. A method checks everything first and
//! changes nothing when it refuses.

mod assets;
mod avatars;
mod batches;
mod clippings;
mod lipsyncs;
mod removals;
mod sessions;
mod templates;
mod translations;
mod videos;
mod voices;
mod webhooks;

pub(crate) use assets::{EXPIRES_IN_SECS, StorageErr, UPLOAD_PATH};
pub(crate) use voices::Voice;
