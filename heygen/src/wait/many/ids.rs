//! The ids a wait on many is given: each checked before any request (a blank id, a comma that
//! would split it in the `ids` query, or an id long enough to push a URL past its limit is a
//! caller's mistake, said at once) and deduplicated, so that the stream yields one item per
//! job however often the caller named it.

use std::collections::HashSet;

use super::limits::MAX_ID_BYTES;
use crate::error::{Error, Result};

/// `ids` deduplicated in order; a blank id, one with a comma, or one over [`MAX_ID_BYTES`] is
/// refused.
pub(crate) fn distinct_ids<I, S>(field: &str, ids: I) -> Result<Vec<String>>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for id in ids {
        let id = id.as_ref();
        if id.trim().is_empty() || id.contains(',') || id.len() > MAX_ID_BYTES {
            return Err(Error::invalid(
                field,
                format!(
                    "`{}` is not an id: an id is not blank, holds no comma and has at most {MAX_ID_BYTES} bytes",
                    crate::error::excerpt(id.as_bytes(), 64)
                ),
            ));
        }
        if seen.insert(id.to_string()) {
            out.push(id.to_string());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_deduplicated_and_bad_ones_refused() {
        assert_eq!(
            distinct_ids("video_ids", ["a", "b", "a", "c", "b"]).unwrap(),
            ["a", "b", "c"]
        );
        for bad in ["", "  ", "a,b"] {
            assert!(distinct_ids("video_ids", [bad]).is_err(), "{bad:?}");
        }
        assert!(distinct_ids("video_ids", ["x".repeat(MAX_ID_BYTES + 1)]).is_err());
        assert!(
            distinct_ids("video_ids", Vec::<String>::new())
                .unwrap()
                .is_empty()
        );
    }
}
