//! The cursors a listing has followed, kept to catch a server that sends one of them again
//! (a loop that would otherwise list forever, [`Error::RepeatedCursor`]). A listing can run
//! for a long time, and the cursors are the server's to size, so what is kept is a
//! fixed-size fingerprint of each, not the cursor: 16 bytes a page (22 to 36 with the hash
//! table's spare room), whatever a cursor weighs, where a copy of each cursor cost its length
//! and a heap allocation on top of a 24-byte slot (65 to 84 bytes a page for 32-byte cursors).
//!
//! The fingerprint is 128 bits: two SipHash outputs under one random key drawn for the
//! listing (std's `RandomState`), each over the cursor behind a tag of its own. A false
//! "repeat" (two distinct cursors with one fingerprint) ends a good listing with an error, so
//! it must never happen in practice: with 64 bits its odds over `n` pages are about
//! `n² / 2⁶⁵` (one in 37 million at a million pages), with 128 bits about `n² / 2¹²⁹`, which
//! is nil. The key is secret and new for each listing, so no server can choose cursors that
//! collide. The second hash costs some tens of nanoseconds a page, next to an HTTP round trip,
//! and needs no dependency.
//!
//! [`Error::RepeatedCursor`]: crate::Error::RepeatedCursor

use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};

/// The fingerprints of the cursors a listing has followed.
#[derive(Debug, Default)]
pub(crate) struct SeenCursors {
    /// The listing's own key: the same cursor gives the same fingerprint within the listing.
    key: RandomState,
    fingerprints: HashSet<u128>,
}

impl SeenCursors {
    /// Records `cursor`; `false` when it was recorded before.
    pub(crate) fn insert(&mut self, cursor: &str) -> bool {
        self.fingerprints.insert(self.fingerprint(cursor))
    }

    /// 128 bits of `cursor`: two hashes under the listing's key, told apart by a tag.
    fn fingerprint(&self, cursor: &str) -> u128 {
        let high = self.key.hash_one((0u8, cursor));
        let low = self.key.hash_one((1u8, cursor));
        (u128::from(high) << 64) | u128::from(low)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_seen_before_is_caught() {
        let mut seen = SeenCursors::default();
        assert!(seen.insert("page-2"));
        assert!(seen.insert("page-3"));
        assert!(!seen.insert("page-2"));
        assert!(!seen.insert("page-3"));
        // An owned copy, not the same allocation, is the same cursor.
        assert!(!seen.insert(&format!("page-{}", 2)));
    }

    #[test]
    fn distinct_cursors_are_not_taken_for_repeats() {
        let mut seen = SeenCursors::default();
        // Cursors a byte apart: prefixes, a trailing NUL or non-ASCII letter, case, the empty one.
        let near = ["", "a", "A", "a\0", "a\u{ff}", "aa", "ab", "ba", "a ", " a"];
        let counted: Vec<String> = (0..50_000).map(|i| format!("cursor-{i}")).collect();
        let long: Vec<String> = (0..100)
            .map(|i| format!("{}{i}", "c".repeat(4096)))
            .collect();
        let all: Vec<&str> = near
            .iter()
            .copied()
            .chain(counted.iter().map(String::as_str))
            .chain(long.iter().map(String::as_str))
            .collect();
        for cursor in &all {
            assert!(seen.insert(cursor), "{cursor:?} taken for a repeat");
        }
        for cursor in &all {
            assert!(!seen.insert(cursor), "{cursor:?} not caught");
        }
    }

    #[test]
    fn each_listing_draws_its_own_key() {
        let (one, two) = (SeenCursors::default(), SeenCursors::default());
        assert_eq!(one.fingerprint("x"), one.fingerprint("x"));
        assert_ne!(one.fingerprint("x"), two.fingerprint("x"));
    }
}
