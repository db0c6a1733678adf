//! Find-or-404 and remove-or-404 over the simulator's collections, so that every route
//! answers an unknown id the same way (`404 not_found`, "<What> not found.").

use heygen_sys::types::SessionResource;

use super::reply::ApiErr;
use super::state::{Asset, Endpoint, Group, Lipsync, Look, Proofread, Session, Translation, Video};

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

/// `impl Identified` for types whose id is the field `$field`.
macro_rules! identified {
    ($($type:ty => $what:literal, $field:ident;)*) => {$(
        impl Identified for $type {
            const WHAT: &'static str = $what;
            fn id(&self) -> &str {
                &self.$field
            }
        }
    )*};
}

identified! {
    Video => "Video", id;
    Translation => "Video translation", id;
    Proofread => "Proofread", id;
    Lipsync => "Lipsync", id;
    Session => "Session", id;
    SessionResource => "Session resource", resource_id;
    Group => "Avatar group", id;
    Look => "Avatar look", id;
    Endpoint => "Webhook endpoint", id;
    Asset => "Asset", id;
}

#[cfg(test)]
mod tests {
    use super::*;

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
