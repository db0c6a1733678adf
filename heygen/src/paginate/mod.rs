//! Auto-pagination of HeyGen's cursor lists (`limit`/`token` → `has_more`/`next_token`).
//!
//! [`Items`] and [`Pages`] are `Stream`s, with `next()`, `try_next()` and `try_collect()` of
//! their own, so a loop over a listing needs no `futures` import:
//!
//! ```no_run
//! # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
//! let mut videos = client.videos().list().max_items(50).items();
//! while let Some(video) = videos.try_next().await? {
//!     println!("{} {}", video.id, video.status);
//! }
//! # Ok(()) }
//! ```

use std::future::Future;
use std::sync::{Arc, Mutex};

use futures::future::BoxFuture;
use futures::stream::BoxStream;

use crate::error::{Error, Result};

mod items;
mod page;
mod pages;
mod seen_cursors;

pub use items::Items;
use page::Cursor;
pub use page::Page;
pub use pages::Pages;
use seen_cursors::SeenCursors;

type Fetch<T> = Arc<dyn Fn(Option<String>) -> BoxFuture<'static, Result<Page<T>>> + Send + Sync>;

/// Empty pages in a row after which a listing stops with [`Error::EmptyPages`] (default).
pub const DEFAULT_MAX_EMPTY_PAGES: u32 = 10;

/// A lazy listing: nothing is sent until its stream is polled.
pub struct Paginator<T> {
    fetch: Fetch<T>,
    start: Option<String>,
    max_items: Option<usize>,
    max_empty_pages: u32,
}

impl<T> std::fmt::Debug for Paginator<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paginator")
            .field("start", &self.start)
            .field("max_items", &self.max_items)
            .field("max_empty_pages", &self.max_empty_pages)
            .finish()
    }
}

impl<T: Send + 'static> Paginator<T> {
    /// A paginator over `fetch(cursor)`, which returns the page at a cursor (`None`: the first).
    /// Its errors name the operation `fetch` last sent.
    pub fn new<F, Fut>(fetch: F) -> Self
    where
        F: Fn(Option<String>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Page<T>>> + Send + 'static,
    {
        Self {
            fetch: Arc::new(move |token| Box::pin(fetch(token))),
            start: None,
            max_items: None,
            max_empty_pages: DEFAULT_MAX_EMPTY_PAGES,
        }
    }

    /// Stop after `n` items in all (no request is made for items past it).
    pub fn max_items(mut self, n: usize) -> Self {
        self.max_items = Some(n);
        self
    }

    /// Stop with [`Error::EmptyPages`] after this many empty pages in a row that each promise
    /// more (default [`DEFAULT_MAX_EMPTY_PAGES`]; at least 1).
    pub fn max_empty_pages(mut self, pages: u32) -> Self {
        self.max_empty_pages = pages.max(1);
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

    /// Every page, in order. Ends after the last page, at `max_items`, or after the first error.
    /// A listing the server breaks ends with an error after the page that showed it: a cursor
    /// it already returned ([`Error::RepeatedCursor`]), `has_more` without a cursor
    /// ([`Error::MissingCursor`]), or a run of empty pages ([`Error::EmptyPages`]).
    pub fn pages(self) -> Pages<T> {
        let cursor = Arc::new(Mutex::new(self.start.clone()));
        Pages::new(self.stream(cursor.clone()), cursor)
    }

    /// Every item, in order; see [`Paginator::pages`].
    pub fn items(self) -> Items<T> {
        let cursor = Arc::new(Mutex::new(self.start.clone()));
        Items::new(self.stream(cursor.clone()), cursor)
    }

    /// Every item in a `Vec`.
    pub async fn collect(self) -> Result<Vec<T>> {
        self.items().try_collect().await
    }

    fn stream(self, cursor: Cursor) -> BoxStream<'static, Result<Page<T>>> {
        struct State<T> {
            fetch: Fetch<T>,
            /// The cursor of the page to fetch next; `None` once the listing is over.
            next: Option<Option<String>>,
            /// Every cursor followed (the start included), to catch one sent again.
            seen: SeenCursors,
            left: Option<usize>,
            cursor: Cursor,
            /// The operation the fetches send, once one has.
            operation: &'static str,
            empty_run: u32,
            max_empty_pages: u32,
            /// An error to yield after the page that revealed it.
            pending: Option<Error>,
        }
        let mut seen = SeenCursors::default();
        if let Some(start) = &self.start {
            seen.insert(start);
        }
        let state = State {
            fetch: self.fetch,
            next: Some(self.start.clone()),
            seen,
            left: self.max_items,
            cursor,
            operation: "listing",
            empty_run: 0,
            max_empty_pages: self.max_empty_pages,
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
            let (fetched, operation) = crate::call::with_operation((state.fetch)(token)).await;
            if let Some(operation) = operation {
                state.operation = operation;
            }
            let mut page = match fetched {
                Ok(page) => page,
                // The first error ends the stream: `next` stays `None`.
                Err(e) => return Some((Err(e), state)),
            };
            state.empty_run = if page.items.is_empty() {
                state.empty_run + 1
            } else {
                0
            };
            if let Some(left) = state.left.as_mut() {
                page.items.truncate(*left);
                *left -= page.items.len();
            }
            let next = page.next_token.clone().filter(|_| page.has_more);
            *state.cursor.lock().unwrap_or_else(|p| p.into_inner()) = next.clone();
            if state.left == Some(0) {
                // Done with what was asked for: what the server would say next does not matter.
                return Some((Ok(page), state));
            }
            let operation = state.operation;
            match next {
                None if page.has_more => {
                    state.pending = Some(Error::MissingCursor { operation });
                }
                None => {}
                Some(next) if !state.seen.insert(&next) => {
                    state.pending = Some(Error::RepeatedCursor {
                        operation,
                        cursor: next,
                    });
                }
                Some(_) if state.empty_run >= state.max_empty_pages => {
                    state.pending = Some(Error::EmptyPages {
                        operation,
                        pages: state.empty_run,
                    });
                }
                Some(next) => state.next = Some(Some(next)),
            }
            Some((Ok(page), state))
        }))
    }
}
