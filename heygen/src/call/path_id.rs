//! The check every path id passes before a request is built: an id must stay one path
//! segment.

use crate::error::{Error, Result};

/// Refuses an id that cannot be a path segment: empty, `.` or `..` (URL parsing would drop or
/// climb the segment, so `videos().delete("..")` would send `DELETE /v3/`).
pub(crate) fn path_id(name: &str, value: &str) -> Result<()> {
    if matches!(value, "" | "." | "..") {
        return Err(Error::invalid(
            name,
            format!("`{value}` is not an id: an id cannot be empty, `.` or `..`"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_are_not_path_segments_are_refused() {
        for id in ["", ".", ".."] {
            let error = path_id("video_id", id).unwrap_err();
            assert!(
                matches!(&error, Error::InvalidRequest { field: Some(f), .. } if f == "video_id"),
                "{error:?}"
            );
        }
        for id in ["v1", "...", ".v", "a/b", "%2e"] {
            path_id("video_id", id).unwrap();
        }
    }
}
