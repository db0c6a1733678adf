//! One page of a listing, and the cursor a listing would resume from.

use std::sync::{Arc, Mutex};

/// Where a listing would resume: the cursor of the page after the last one fetched, shared by
/// the page stream (which sets it) and [`Items`] / [`Pages`] (which read it).
pub(super) type Cursor = Arc<Mutex<Option<String>>>;

pub(super) fn read_cursor(cursor: &Cursor) -> Option<String> {
    cursor.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

/// One page of a listing.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The page's items.
    pub items: Vec<T>,
    /// Whether the server has more.
    pub has_more: bool,
    /// The cursor of the next page: pass it to [`Paginator::resume_from`](crate::Paginator::resume_from) to continue later.
    pub next_token: Option<String>,
}

impl<T> Page<T> {
    /// A page from a cursor envelope, as the API description reads it: `has_more` says whether
    /// more pages follow; where the server leaves it out (it is optional, without a default),
    /// a `next_token` means there are. An empty `next_token` is no cursor.
    pub fn from_envelope(
        items: Vec<T>,
        has_more: Option<bool>,
        next_token: Option<String>,
    ) -> Self {
        let next_token = next_token.filter(|token| !token.is_empty());
        Self {
            items,
            has_more: has_more.unwrap_or(next_token.is_some()),
            next_token,
        }
    }
}
