//! The v3 API by area, one module each: `client.videos()`, `client.avatars()`, …
//!
//! Each method is a plain `async fn` naming its operation id in its doc comment. It refuses a
//! path id that is empty, `.` or `..`, takes the request as the generated builder or the
//! generated type (`R: TryInto<…>`: a builder's missing field is an
//! [`Error::InvalidRequest`](crate::Error) naming it), all before anything is sent; then it
//! sends the request through the client's retries and auth, unwraps the `{"data": …}`
//! envelope, and returns the generated payload type. Listings return a lazy [`Paginator`];
//! `list_with` configures the generated request builder (filters, `limit` as
//! page size). A resource's waits (`wait`, `create_and_wait`) sit beside its calls.

use futures::future::BoxFuture;
use heygen_sys::ResponseValue;
use serde::Serialize;

use crate::{Client, Page, Paginator};

pub mod ai_clipping;
pub mod assets;
pub mod audio;
pub mod avatars;
pub mod background_removals;
pub mod batches;
pub mod brand_kits;
mod bulk;
pub mod lipsyncs;
pub mod templates;
pub mod users;
pub mod video_agents;
pub mod video_translations;
pub mod videos;
pub mod voices;
pub mod webhooks;

pub use heygen_sys::builder;

pub(crate) use crate::call::path_id;

/// A generated cursor-list operation as a [`Paginator`]: `send` builds and sends one page's
/// request (given the cursor of the page, `None` for the first), `page` reads the envelope.
pub(crate) fn cursor_list<T, Env, E, S>(
    client: &Client,
    send: S,
    page: fn(Env) -> Page<T>,
) -> Paginator<T>
where
    T: Send + 'static,
    Env: Send + 'static,
    E: Serialize + std::fmt::Debug + Send + 'static,
    S: for<'a> Fn(
            &'a heygen_sys::Client,
            Option<String>,
        ) -> BoxFuture<'a, Result<ResponseValue<Env>, heygen_sys::Error<E>>>
        + Send
        + Sync
        + 'static,
{
    let client = client.clone();
    let send = std::sync::Arc::new(send);
    Paginator::new(move |token: Option<String>| {
        let (client, send) = (client.clone(), send.clone());
        async move {
            let response = client.run(send(client.raw(), token)).await?;
            Ok(page(response.into_inner()))
        }
    })
}
