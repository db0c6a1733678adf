//! [`Pages`]: the pages of a listing, one request each, as a `Stream` with its own `next()`.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::BoxStream;
use futures::{Stream, StreamExt, TryStreamExt};

use super::page::{Cursor, Page, read_cursor};
use crate::error::Result;

/// The pages of a listing, in order ([`Paginator::pages`](super::Paginator::pages)): a
/// `Stream` whose `next()`, `try_next()` and `try_collect()` need no `futures` import;
/// [`Pages::next_token`] says where to resume.
///
/// ```no_run
/// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
/// let mut pages = client.videos().list().pages();
/// while let Some(page) = pages.try_next().await? {
///     println!("{} videos", page.items.len());
/// }
/// # Ok(()) }
/// ```
pub struct Pages<T> {
    inner: BoxStream<'static, Result<Page<T>>>,
    cursor: Cursor,
}

impl<T> Pages<T> {
    pub(super) fn new(inner: BoxStream<'static, Result<Page<T>>>, cursor: Cursor) -> Self {
        Self { inner, cursor }
    }

    /// The next page (`None` after the last one; the listing ends after its first error).
    pub async fn next(&mut self) -> Option<Result<Page<T>>> {
        self.inner.next().await
    }

    /// The next page, with an error as `Err` (`Ok(None)` after the last one), for `?`.
    pub async fn try_next(&mut self) -> Result<Option<Page<T>>> {
        self.inner.try_next().await
    }

    /// Every remaining page, in a `Vec` (or any collection), or the first error.
    pub async fn try_collect<C: Default + Extend<Page<T>>>(self) -> Result<C> {
        self.inner.try_collect().await
    }

    /// The cursor of the page after the last one fetched (`None` at the end of the listing).
    pub fn next_token(&self) -> Option<String> {
        read_cursor(&self.cursor)
    }
}

impl<T> Stream for Pages<T> {
    type Item = Result<Page<T>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<T> std::fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("next_token", &self.next_token())
            .finish_non_exhaustive()
    }
}
