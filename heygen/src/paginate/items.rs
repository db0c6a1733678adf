//! [`Items`]: the items of a listing, one at a time, as a `Stream` with its own `next()`.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::BoxStream;
use futures::{Stream, StreamExt, TryStreamExt};

use super::page::{Cursor, Page, read_cursor};
use crate::error::Result;

/// The items of a listing, in order ([`Paginator::items`](super::Paginator::items)): a
/// `Stream` whose `next()`, `try_next()` and `try_collect()` need no `futures` import;
/// [`Items::next_token`] says where to resume.
///
/// ```no_run
/// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
/// let mut voices = client.voices().list().items();
/// while let Some(voice) = voices.next().await {
///     println!("{}", voice?.name);
/// }
/// let first_ten: Vec<_> = client.voices().list().max_items(10).items().try_collect().await?;
/// # let _ = first_ten;
/// # Ok(()) }
/// ```
pub struct Items<T> {
    inner: BoxStream<'static, Result<T>>,
    cursor: Cursor,
}

impl<T: Send + 'static> Items<T> {
    pub(super) fn new(pages: BoxStream<'static, Result<Page<T>>>, cursor: Cursor) -> Self {
        let items = pages.flat_map(|page| {
            let items: Vec<Result<T>> = match page {
                Ok(page) => page.items.into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            };
            futures::stream::iter(items)
        });
        Self {
            inner: Box::pin(items),
            cursor,
        }
    }
}

impl<T> Items<T> {
    /// The next item (`None` after the last one; the listing ends after its first error).
    pub async fn next(&mut self) -> Option<Result<T>> {
        self.inner.next().await
    }

    /// The next item, with an error as `Err` (`Ok(None)` after the last one), for `?`.
    pub async fn try_next(&mut self) -> Result<Option<T>> {
        self.inner.try_next().await
    }

    /// Every remaining item, in a `Vec` (or any collection), or the first error.
    pub async fn try_collect<C: Default + Extend<T>>(self) -> Result<C> {
        self.inner.try_collect().await
    }

    /// The cursor of the page after the last one fetched (`None` at the end of the listing).
    /// Resuming from it skips any items of the last page not yet consumed.
    pub fn next_token(&self) -> Option<String> {
        read_cursor(&self.cursor)
    }
}

impl<T> Stream for Items<T> {
    type Item = Result<T>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<T> std::fmt::Debug for Items<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items")
            .field("next_token", &self.next_token())
            .finish_non_exhaustive()
    }
}
