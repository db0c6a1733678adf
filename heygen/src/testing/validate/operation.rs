//! Which operation of the document a request is: its method, and the path template its path
//! fits, a literal segment winning over a parameter (`/v3/assets/direct-uploads` is not
//! `/v3/assets/{asset_id}`).

use heygen_sys::request_rules::{Kind, OPERATIONS, Operation};

/// The values of a request's path parameters, by name.
pub(crate) type PathValues = Vec<(&'static str, String)>;

/// The operation and the values of its path parameters (percent-decoded), or `None` when the
/// document has no such operation (the router answers it).
pub(crate) fn find(method: &str, path: &str) -> Option<(&'static Operation, PathValues)> {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let mut best: Option<(usize, &'static Operation, PathValues)> = None;
    for operation in OPERATIONS
        .iter()
        .filter(|op| op.method.eq_ignore_ascii_case(method))
    {
        let template: Vec<&'static str> = operation.path.trim_end_matches('/').split('/').collect();
        if template.len() != segments.len() {
            continue;
        }
        let mut literals = 0;
        let mut values = Vec::new();
        let fits = template.iter().zip(&segments).all(|(t, s)| {
            match t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                Some(name) if !s.is_empty() => {
                    values.push((name, percent_decode(s)));
                    true
                }
                Some(_) => false,
                None => {
                    literals += 1;
                    t == s
                }
            }
        });
        if fits && best.as_ref().is_none_or(|(most, _, _)| literals > *most) {
            best = Some((literals, operation, values));
        }
    }
    best.map(|(_, operation, values)| (operation, values))
}

/// A listing's page size as the document states it for `GET path` (a path template): its
/// `limit` parameter's default and maximum, each `None` where the document states none.
pub(crate) fn page_size(path: &str) -> (Option<usize>, Option<usize>) {
    let limit = (OPERATIONS.iter())
        .filter(|op| op.method == "GET" && op.path == path)
        .flat_map(|op| op.parameters)
        .find(|parameter| parameter.name == "limit");
    let Some(limit) = limit else {
        return (None, None);
    };
    let default = limit.default.and_then(|text| text.parse().ok());
    let maximum = match &limit.schema.kind {
        Kind::Integer(number) => number.maximum.map(|max| max as usize),
        _ => None,
    };
    (default, maximum)
}

/// `%XX` escapes decoded (lossily: a path parameter is text).
fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).and_then(|b| hex(*b)),
            bytes.get(i + 2).and_then(|b| hex(*b)),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_segment_wins_over_a_parameter() {
        // Any document with both a literal and a templated sibling shows it; the pinned one
        // has `/v3/videos/batches/{batch_id}` beside `/v3/videos/{video_id}`.
        for operation in OPERATIONS {
            let path = operation
                .path
                .split('/')
                .map(|s| if s.starts_with('{') { "x%20y" } else { s })
                .collect::<Vec<_>>()
                .join("/");
            let (found, values) = find(operation.method, &path).expect("its own path");
            assert_eq!(found.path, operation.path, "{path}");
            assert!(values.iter().all(|(_, v)| v == "x y"), "{values:?}");
        }
        assert!(find("GET", "/no/such/path").is_none());
    }

    #[test]
    fn a_page_size_is_the_documents() {
        // Every listing whose `limit` states a default and a maximum reads them; one that
        // states nothing reads nothing.
        let mut read = 0;
        for operation in OPERATIONS.iter().filter(|op| op.method == "GET") {
            let Some(limit) = operation.parameters.iter().find(|p| p.name == "limit") else {
                assert_eq!(page_size(operation.path), (None, None));
                continue;
            };
            let (default, maximum) = page_size(operation.path);
            assert_eq!(default.map(|d| d.to_string()).as_deref(), limit.default);
            if let (Some(default), Some(maximum)) = (default, maximum) {
                assert!(default <= maximum, "{}", operation.path);
                read += 1;
            }
        }
        assert!(read > 0, "no listing of the document states its page size");
        assert_eq!(page_size("/no/such/listing"), (None, None));
    }
}
