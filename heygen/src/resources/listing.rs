//! Cursor listings, written once: [`cursor_list`] turns a generated list operation into a lazy
//! [`Paginator`], so a resource's `list_with` only names its operation. Which requests take a
//! cursor and which responses are pages follows from the document: the pipeline implements
//! `heygen_sys::paging`'s traits for them, and [`SendAt`] boxes any such request. A listing
//! whose required parameter is blank is [`refused`] before any request, when it is first
//! polled, as every listing's errors are.

use futures::FutureExt as _;
use futures::future::BoxFuture;
use heygen_sys::ResponseValue;
use heygen_sys::paging::{CursorPage, CursorRequest};
use heygen_sys::types::StandardApiErrorEnvelope;

use serde::Serialize;

use crate::call::CallRecord;
use crate::{Client, Error, Page, Paginator};

pub(crate) use heygen_sys::paging::Cursor;

/// What a generated operation answers.
pub(crate) type Sent<T> = Result<ResponseValue<T>, heygen_sys::Error<StandardApiErrorEnvelope>>;

/// A generated list request sent for the page at a cursor, boxed as [`cursor_list`] takes it.
pub(crate) trait SendAt<'a>: CursorRequest<'a> {
    /// Sends the request for the page at `token` (`None`: the first page).
    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<Self::Page>>;
}

impl<'a, R> SendAt<'a> for R
where
    R: CursorRequest<'a, ErrorBody = StandardApiErrorEnvelope> + 'a,
{
    fn send_at(self, token: Option<String>) -> BoxFuture<'a, Sent<Self::Page>> {
        self.at(token).send().boxed()
    }
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
    paged(client, send, |response, _| {
        let (items, has_more, next_token) = response.into_inner().into_parts();
        Ok(Page::from_envelope(items, has_more, next_token))
    })
}

/// Any cursor-paged operation as a [`Paginator`]: `send` sends the request for a page (given
/// its cursor) through the client's retries and auth, and `page` reads the answer (with what
/// the transport recorded of the call) as a page.
pub(crate) fn paged<R, E, T, S, P>(client: &Client, send: S, page: P) -> Paginator<T>
where
    R: Send + 'static,
    E: Serialize + std::fmt::Debug + Send + 'static,
    T: Send + 'static,
    S: for<'a> Fn(
            &'a heygen_sys::Client,
            Option<String>,
        ) -> BoxFuture<'a, Result<ResponseValue<R>, heygen_sys::Error<E>>>
        + Send
        + Sync
        + 'static,
    P: Fn(ResponseValue<R>, CallRecord) -> crate::Result<Page<T>> + Send + Sync + 'static,
{
    let client = client.clone();
    let (send, page) = (std::sync::Arc::new(send), std::sync::Arc::new(page));
    Paginator::new(move |token: Option<String>| {
        let (client, send, page) = (client.clone(), send.clone(), page.clone());
        async move {
            let raw = client.raw();
            client
                .call(send(raw, token), |response, record| page(response, record))
                .await
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
