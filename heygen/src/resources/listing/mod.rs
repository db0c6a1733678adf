//! Cursor listings, written once: [`cursor_list`] turns a generated list operation into a lazy
//! [`Paginator`], so a resource's `list_with` only names its operation. Two small tables say
//! what the generated code cannot, progenitor giving them no common trait: which request
//! builders take a page cursor, and what they answer ([`Cursor`]); which responses are a page
//! of items ([`CursorPage`]); their impls are listed in `requests.rs` and `pages.rs`. A listing whose required parameter is blank is [`refused`]
//! before any request, when it is first polled, as every listing's errors are.

use futures::future::BoxFuture;
use heygen_sys::ResponseValue;
use heygen_sys::types::StandardApiErrorEnvelope;

use crate::{Client, Error, Page, Paginator};

mod pages;
mod requests;

/// What a generated operation answers.
pub(crate) type Sent<T> = Result<ResponseValue<T>, heygen_sys::Error<StandardApiErrorEnvelope>>;

/// A generated request that takes the cursor of the page it asks for.
pub(crate) trait Cursor<'a>: Sized {
    /// What the request answers.
    type Response;

    /// The request for the page at `token` (`None`: the first page).
    fn at(self, token: Option<String>) -> Self;

    /// Sends the request for the page at `token`, as [`cursor_list`] takes it.
    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<Self::Response>>;
}

/// A generated response that is one page of a cursor listing: `data`, `has_more`,
/// `next_token`.
pub(crate) trait CursorPage {
    /// What the page lists.
    type Item;

    /// The page, read as [`Page::from_envelope`] reads a cursor envelope.
    fn page(self) -> Page<Self::Item>;
}

/// A generated cursor-list operation as a [`Paginator`]: `send` builds and sends one page's
/// request (given the cursor of the page, `None` for the first) through the client's retries
/// and auth.
pub(crate) fn cursor_list<Env, S>(client: &Client, send: S) -> Paginator<Env::Item>
where
    Env: CursorPage + Send + 'static,
    Env::Item: Send + 'static,
    S: for<'a> Fn(&'a heygen_sys::Client, Option<String>) -> BoxFuture<'a, Sent<Env>>
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
            Ok(response.into_inner().page())
        }
    })
}

/// A listing refused before any request (a required parameter is blank): each page it is
/// asked for is [`Error::InvalidRequest`] naming `field`.
pub(crate) fn refused<T: Send + 'static>(
    field: &'static str,
    message: &'static str,
) -> Paginator<T> {
    Paginator::new(move |_token| async move { Err(Error::invalid(field, message)) })
}
