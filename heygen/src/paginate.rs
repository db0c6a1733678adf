//! Auto-pagination of HeyGen's cursor lists (`limit`/`token` → `has_more`/`next_token`).
//!
//! ```no_run
//! # async fn run(client: heygen::Client) -> heygen::Result<()> {
//! use futures::TryStreamExt;
//! let mut videos = client.videos().list().max_items(50).items();
//! while let Some(video) = videos.try_next().await? {
//!     println!("{} {}", video.id, video.status);
//! }
//! # Ok(()) }
//! ```

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use futures::Stream;
use futures::future::BoxFuture;
use futures::stream::BoxStream;

use crate::error::{Error, Result};

/// One page of a listing.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The page's items.
    pub items: Vec<T>,
    /// Whether the server has more.
    pub has_more: bool,
    /// The cursor of the next page: pass it to [`Paginator::resume_from`] to continue later.
    pub next_token: Option<String>,
}

type Fetch<T> = Arc<dyn Fn(Option<String>) -> BoxFuture<'static, Result<Page<T>>> + Send + Sync>;

/// A lazy listing: nothing is sent until its stream is polled.
pub struct Paginator<T> {
    operation: &'static str,
    fetch: Fetch<T>,
    start: Option<String>,
    max_items: Option<usize>,
}

impl<T> std::fmt::Debug for Paginator<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paginator")
            .field("operation", &self.operation)
            .field("start", &self.start)
            .field("max_items", &self.max_items)
            .finish()
    }
}

impl<T: Send + 'static> Paginator<T> {
    /// A paginator over `fetch(cursor)`, which returns the page at a cursor (`None`: the first).
    pub fn new<F, Fut>(operation: &'static str, fetch: F) -> Self
    where
        F: Fn(Option<String>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Page<T>>> + Send + 'static,
    {
        Self {
            operation,
            fetch: Arc::new(move |token| Box::pin(fetch(token))),
            start: None,
            max_items: None,
        }
    }

    /// Stop after `n` items in all (no request is made for items past it).
    pub fn max_items(mut self, n: usize) -> Self {
        self.max_items = Some(n);
        self
    }

    /// Start at a cursor saved from an earlier listing ([`Page::next_token`], [`Items::next_token`]).
    pub fn resume_from(mut self, token: impl Into<String>) -> Self {
        self.start = Some(token.into());
        self
    }

    /// The first page only.
    pub async fn first_page(&self) -> Result<Page<T>> {
        (self.fetch)(self.start.clone()).await
    }

    /// Every page, in order. Ends after the last page, at `max_items`, or after the first error;
    /// a cursor the server already returned ends it with [`Error::RepeatedCursor`].
    pub fn pages(self) -> BoxStream<'static, Result<Page<T>>> {
        self.stream(Arc::default())
    }

    /// Every item, in order; see [`Paginator::pages`].
    pub fn items(self) -> Items<T> {
        let cursor = Arc::new(Mutex::new(self.start.clone()));
        let pages = self.stream(cursor.clone());
        let items = futures::StreamExt::flat_map(pages, |page| {
            let items: Vec<Result<T>> = match page {
                Ok(page) => page.items.into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            };
            futures::stream::iter(items)
        });
        Items {
            inner: Box::pin(items),
            cursor,
        }
    }

    /// Every item in a `Vec`.
    pub async fn collect(self) -> Result<Vec<T>> {
        futures::TryStreamExt::try_collect(self.items()).await
    }

    fn stream(self, cursor: Arc<Mutex<Option<String>>>) -> BoxStream<'static, Result<Page<T>>> {
        struct State<T> {
            fetch: Fetch<T>,
            /// The cursor of the page to fetch next; `None` once the listing is over.
            next: Option<Option<String>>,
            seen: HashSet<String>,
            left: Option<usize>,
            cursor: Arc<Mutex<Option<String>>>,
            operation: &'static str,
            /// An error to yield after the page that revealed it.
            pending: Option<Error>,
        }
        let state = State {
            fetch: self.fetch,
            next: Some(self.start.clone()),
            seen: self.start.into_iter().collect(),
            left: self.max_items,
            cursor,
            operation: self.operation,
            pending: None,
        };
        Box::pin(futures::stream::unfold(state, |mut state| async move {
            if let Some(error) = state.pending.take() {
                return Some((Err(error), state));
            }
            let token = state.next.take()?;
            if state.left == Some(0) {
                return None;
            }
            let mut page = match (state.fetch)(token).await {
                Ok(page) => page,
                // The first error ends the stream: `next` stays `None`.
                Err(e) => return Some((Err(e), state)),
            };
            if let Some(left) = state.left.as_mut() {
                page.items.truncate(*left);
                *left -= page.items.len();
            }
            *state.cursor.lock().expect("cursor") =
                page.next_token.clone().filter(|_| page.has_more);
            match page.next_token.clone() {
                Some(next) if page.has_more && !state.seen.insert(next.clone()) => {
                    state.pending = Some(Error::RepeatedCursor {
                        operation: state.operation,
                        cursor: next,
                    });
                }
                Some(next) if page.has_more => state.next = Some(Some(next)),
                _ => {}
            }
            Some((Ok(page), state))
        }))
    }
}

/// The items of a listing, as a `Stream`; [`Items::next_token`] says where to resume.
pub struct Items<T> {
    inner: BoxStream<'static, Result<T>>,
    cursor: Arc<Mutex<Option<String>>>,
}

impl<T> Items<T> {
    /// The cursor of the page after the last one fetched (`None` at the end of the listing).
    /// Resuming from it skips any items of the last page not yet consumed.
    pub fn next_token(&self) -> Option<String> {
        self.cursor.lock().expect("cursor").clone()
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
