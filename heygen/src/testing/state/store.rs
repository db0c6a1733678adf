//! Find-or-404 and remove-or-404 over the simulator's collections, so that every route
//! answers an unknown id the same way (`404 not_found`, `"<What> not found."`); and the
//! newest-first page of a collection, so that every listing of created resources pages alike.

use heygen_sys::types::SessionResource;

use super::assets::Asset;
use super::avatars::{Group, Look};
use super::records::{Clipping, Lipsync, Proofread, Record, Removal, Session, Translation, Video};
use super::webhooks::Endpoint;
use crate::testing::reply::{ApiErr, Cursor, paginate};

/// A simulated thing a route looks up by id.
pub(crate) trait Identified {
    /// What a 404 calls it: "Video", "Avatar look"…
    const WHAT: &'static str;

    /// The id a path names it by.
    fn id(&self) -> &str;
}

/// The item with this id, or 404.
pub(crate) fn find<'a, T: Identified>(items: &'a [T], id: &str) -> Result<&'a T, ApiErr> {
    items
        .iter()
        .find(|item| item.id() == id)
        .ok_or_else(|| ApiErr::not_found(T::WHAT))
}

/// The item with this id, to change, or 404.
pub(crate) fn find_mut<'a, T: Identified>(
    items: &'a mut [T],
    id: &str,
) -> Result<&'a mut T, ApiErr> {
    items
        .iter_mut()
        .find(|item| item.id() == id)
        .ok_or_else(|| ApiErr::not_found(T::WHAT))
}

/// Takes the item with this id out (order of the others kept), or 404.
pub(crate) fn take<T: Identified>(items: &mut Vec<T>, id: &str) -> Result<T, ApiErr> {
    let index = items
        .iter()
        .position(|item| item.id() == id)
        .ok_or_else(|| ApiErr::not_found(T::WHAT))?;
    Ok(items.remove(index))
}

/// A simulated thing a route lists newest first.
pub(crate) trait Listed {
    /// Its listing key: later resources have larger ones.
    fn seq(&self) -> u64;
}

/// A page of `items` (a collection in creation order, or a filtered view of one) listed
/// newest first, each shown by `show`: `(items, has_more, next_token)`.
pub(crate) fn newest_first<'a, T: Listed + 'a, R>(
    items: impl DoubleEndedIterator<Item = &'a T>,
    cursor: Cursor,
    mut show: impl FnMut(&'a T) -> R,
) -> (Vec<R>, bool, Option<String>) {
    let keyed = items.rev().map(|item| (item.seq(), show(item))).collect();
    paginate(keyed, cursor, true)
}

/// A job resource whose id and listing key are its [`Record`]'s.
pub(crate) trait Recorded {
    /// What a 404 calls it.
    const WHAT: &'static str;

    /// Its record.
    fn record(&self) -> &Record;
}

impl<T: Recorded> Identified for T {
    const WHAT: &'static str = T::WHAT;
    fn id(&self) -> &str {
        &self.record().id
    }
}

impl<T: Recorded> Listed for T {
    fn seq(&self) -> u64 {
        self.record().seq
    }
}

impl Recorded for Video {
    const WHAT: &'static str = "Video";
    fn record(&self) -> &Record {
        &self.record
    }
}

impl Recorded for Translation {
    const WHAT: &'static str = "Video translation";
    fn record(&self) -> &Record {
        &self.record
    }
}

impl Recorded for Lipsync {
    const WHAT: &'static str = "Lipsync";
    fn record(&self) -> &Record {
        &self.record
    }
}

impl Recorded for Clipping {
    const WHAT: &'static str = "AI clipping job";
    fn record(&self) -> &Record {
        &self.record
    }
}

impl Identified for Proofread {
    const WHAT: &'static str = "Proofread";
    fn id(&self) -> &str {
        &self.id
    }
}

impl Identified for Removal {
    const WHAT: &'static str = "Background removal";
    fn id(&self) -> &str {
        &self.id
    }
}

impl Listed for Removal {
    fn seq(&self) -> u64 {
        self.seq
    }
}

impl Identified for Session {
    const WHAT: &'static str = "Session";
    fn id(&self) -> &str {
        &self.id
    }
}

impl Listed for Session {
    fn seq(&self) -> u64 {
        self.seq
    }
}

impl Identified for SessionResource {
    const WHAT: &'static str = "Session resource";
    fn id(&self) -> &str {
        &self.resource_id
    }
}

impl Identified for Group {
    const WHAT: &'static str = "Avatar group";
    fn id(&self) -> &str {
        &self.id
    }
}

impl Identified for Look {
    const WHAT: &'static str = "Avatar look";
    fn id(&self) -> &str {
        &self.id
    }
}

impl Identified for Endpoint {
    const WHAT: &'static str = "Webhook endpoint";
    fn id(&self) -> &str {
        &self.id
    }
}

impl Listed for Endpoint {
    fn seq(&self) -> u64 {
        self.seq
    }
}

impl Identified for Asset {
    const WHAT: &'static str = "Asset";
    fn id(&self) -> &str {
        &self.id
    }
}

impl Listed for Asset {
    fn seq(&self) -> u64 {
        self.seq
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::reply::{Query, cursor};

    #[derive(Debug, PartialEq)]
    struct Thing(&'static str);

    impl Identified for Thing {
        const WHAT: &'static str = "Thing";
        fn id(&self) -> &str {
            self.0
        }
    }

    #[test]
    fn finds_changes_and_removes_by_id() {
        let mut things = vec![Thing("a"), Thing("b"), Thing("c")];
        assert_eq!(find(&things, "b").map(|t| t.0).ok(), Some("b"));
        find_mut(&mut things, "c").expect("c exists").0 = "z";
        assert_eq!(take(&mut things, "b").ok(), Some(Thing("b")));
        assert_eq!(things, [Thing("a"), Thing("z")]);
    }

    impl Listed for Thing {
        fn seq(&self) -> u64 {
            self.0.len() as u64
        }
    }

    #[test]
    fn listings_page_newest_first() {
        // Creation order: the listing key grows with the name's length.
        let things = [Thing("a"), Thing("bb"), Thing("ccc")];
        let first = cursor(&Query::parse(Some("limit=2")), "/things").unwrap();
        let (page, more, next) = newest_first(things.iter(), first, |t| t.0);
        assert_eq!((page, more), (vec!["ccc", "bb"], true));
        let query = format!("limit=2&token={}", next.unwrap());
        let second = cursor(&Query::parse(Some(&query)), "/things").unwrap();
        let (page, more, next) = newest_first(things.iter(), second, |t| t.0);
        assert_eq!((page, more, next), (vec!["a"], false, None));
    }

    #[test]
    fn an_unknown_id_is_a_404_naming_the_kind() {
        let mut things = vec![Thing("a")];
        let expected = ApiErr::new(404, "not_found", "Thing not found.");
        assert_eq!(find(&things, "x").err(), Some(expected.clone()));
        assert_eq!(find_mut(&mut things, "x").err(), Some(expected.clone()));
        assert_eq!(take(&mut things, "x").err(), Some(expected));
        assert_eq!(things, [Thing("a")]);
    }
}
