//! Cutting the ids of a statuses round into requests: at most [`MAX_IDS_PER_REQUEST`] ids
//! each, and at most [`MAX_IDS_QUERY_BYTES`] of them once percent-encoded, so that no URL
//! passes the 8 KiB many proxies and servers refuse, whatever the ids are made of. The length
//! is counted as reqwest will encode the query, not as the ids are written.
//!
//! [`MAX_IDS_PER_REQUEST`]: super::MAX_IDS_PER_REQUEST
//! [`MAX_IDS_QUERY_BYTES`]: super::MAX_IDS_QUERY_BYTES

use std::ops::Range;

/// Bytes `value` takes in a query string (`application/x-www-form-urlencoded`, as reqwest
/// writes it: alphanumerics and `*-._` as they are, a space as `+`, other bytes as `%XX`).
fn encoded_len(value: &str) -> usize {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"*-._ ".contains(&b) {
                1
            } else {
                3
            }
        })
        .sum()
}

/// Splits `ids` into consecutive runs of at most `max_ids` ids whose comma-joined, encoded
/// value is at most `max_bytes` long (an id longer than that alone gets a run of its own).
pub(crate) fn chunk_ids(ids: &[String], max_ids: usize, max_bytes: usize) -> Vec<Range<usize>> {
    let comma = encoded_len(",");
    let mut chunks = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (index, id) in ids.iter().enumerate() {
        let len = encoded_len(id);
        let count = index - start;
        if count > 0 && (count >= max_ids.max(1) || bytes + comma + len > max_bytes) {
            chunks.push(start..index);
            (start, bytes) = (index, 0);
        }
        bytes += if index == start { len } else { comma + len };
    }
    if start < ids.len() {
        chunks.push(start..ids.len());
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wait::many::MAX_IDS_QUERY_BYTES;

    fn ids(n: usize, len: usize) -> Vec<String> {
        (0..n).map(|i| format!("{i:0len$}")).collect()
    }

    #[test]
    fn chunks_hold_at_most_the_limit_of_ids() {
        let all = ids(1000, 32);
        let chunks = chunk_ids(&all, 100, MAX_IDS_QUERY_BYTES);
        assert_eq!(chunks.len(), 10);
        assert!(chunks.iter().all(|c| c.len() == 100));
        assert_eq!(chunks.first().map(|c| c.start), Some(0));
        assert!(chunks.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(chunk_ids(&all[..250], 100, MAX_IDS_QUERY_BYTES).len(), 3);
        assert!(chunk_ids(&[], 100, MAX_IDS_QUERY_BYTES).is_empty());
    }

    #[test]
    fn chunks_keep_the_encoded_query_under_its_bound() {
        // 200-byte ids with bytes that encode as %XX: 600 bytes each, 10 to a 6 KiB chunk.
        let long: Vec<String> = (0..95)
            .map(|i| format!("{i:03}{}", "é".repeat(98)))
            .collect();
        let chunks = chunk_ids(&long, 100, MAX_IDS_QUERY_BYTES);
        for chunk in &chunks {
            let joined = long[chunk.clone()].join(",");
            assert!(encoded_len(&joined) <= MAX_IDS_QUERY_BYTES, "{chunk:?}");
            let encoded: String = url_encode(&joined);
            assert_eq!(encoded.len(), encoded_len(&joined));
        }
        assert_eq!(chunks.iter().map(|c| c.len()).sum::<usize>(), 95);
        assert!(chunks.len() >= 10);
        // One id over the bound still goes, alone.
        let huge = vec!["a".repeat(7000), "b".to_string()];
        assert_eq!(chunk_ids(&huge, 100, MAX_IDS_QUERY_BYTES), vec![0..1, 1..2]);
    }

    fn url_encode(value: &str) -> String {
        let url = reqwest::Url::parse_with_params("http://x/", [("ids", value)]).unwrap();
        url.query().unwrap().trim_start_matches("ids=").to_string()
    }
}
