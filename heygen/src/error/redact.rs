//! The one redaction rule for whatever the SDK shows of a server's text (body excerpts, messages,
//! decoding errors, resources kept in errors): presigned URLs lose their query strings.

use serde_json::Value;

/// At most `max` bytes of a body, cut on a character boundary, [`redact`]ed.
pub(crate) fn excerpt(body: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(max)]);
    let mut text = redact(text.trim_end_matches('\u{fffd}')).into_owned();
    if body.len() > max {
        text.push('…');
    }
    text
}

/// What replaces a URL's query string (and fragment) in whatever the SDK shows of a body.
pub(crate) const REDACTED: &str = "<redacted>";

/// The one redaction rule for text that came from a server (a body's excerpt, a message, a
/// decoding error quoting a value, a resource kept in an error): the query string and fragment
/// of every URL in it are masked, since a presigned URL's signature lives there
/// (`https://files.example/v.mp4?X-Amz-Signature=…` → `https://files.example/v.mp4?<redacted>`).
/// A URL is `scheme://` (also JSON-escaped, `https:\/\/`) up to whitespace, a quote, `<`, `>` or
/// the end of the text; a URL cut short by an excerpt is masked from its `?` on all the same.
pub(crate) fn redact(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(":/") && !text.contains(":\\/") {
        return std::borrow::Cow::Borrowed(text);
    }
    let ends_url = |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = next_scheme(rest) {
        let (before, url) = rest.split_at(at);
        out.push_str(before);
        let end = url.find(ends_url).unwrap_or(url.len());
        // A JSON-escaped quote (`\"`) ends the URL at its backslash.
        let end = match url[..end].strip_suffix('\\') {
            Some(kept) if url[end..].starts_with('"') => kept.len(),
            _ => end,
        };
        let (url, after) = url.split_at(end);
        match url.find(['?', '#']) {
            Some(q) => {
                out.push_str(&url[..=q]);
                out.push_str(REDACTED);
            }
            None => out.push_str(url),
        }
        rest = after;
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Where the next URL of `text` starts (its scheme's first letter).
fn next_scheme(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find(':') {
        let colon = from + found;
        let after = &text[colon + 1..];
        if after.starts_with("//") || after.starts_with("\\/\\/") {
            let start = text[..colon]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
                .map_or(0, |i| i + 1);
            if start < colon {
                return Some(start);
            }
        }
        from = colon + 1;
    }
    None
}

/// [`redact`] on every string of `value` (a resource kept in an error: a presigned
/// `thumbnail_url` must not print with it).
pub(crate) fn redact_value(value: &mut Value) {
    match value {
        Value::String(text) => {
            if let std::borrow::Cow::Owned(masked) = redact(text) {
                *text = masked;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_value),
        Value::Object(map) => map.values_mut().for_each(redact_value),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::EXCERPT_LIMIT;

    #[test]
    fn query_strings_of_urls_are_masked_wherever_they_are() {
        let signed = "https://bucket.s3.amazonaws.com/v.mp4?X-Amz-Signature=abc&X-Amz-Credential=k";
        for (text, masked) in [
            (signed.to_string(), "https://bucket.s3.amazonaws.com/v.mp4?<redacted>".to_string()),
            (
                format!(r#"{{"data": {{"video_url": "{signed}", "n": 1}}}}"#),
                r#"{"data": {"video_url": "https://bucket.s3.amazonaws.com/v.mp4?<redacted>", "n": 1}}"#.into(),
            ),
            (
                format!(r#"{{"m": "\"{signed}\" expired"}}"#),
                r#"{"m": "\"https://bucket.s3.amazonaws.com/v.mp4?<redacted>\" expired"}"#.into(),
            ),
            (
                r"https:\/\/b.example\/v.mp4?sig=1 and http://x.example/#tok".into(),
                r"https:\/\/b.example\/v.mp4?<redacted> and http://x.example/#<redacted>".into(),
            ),
            (
                "invalid type: string \"s3://b/k?sig=2\", expected u64".into(),
                "invalid type: string \"s3://b/k?<redacted>\", expected u64".into(),
            ),
            ("cut short: https://b.example/v?X-Amz-Sig".into(), "cut short: https://b.example/v?<redacted>".into()),
            ("no url: a?b=c, ://x?y".into(), "no url: a?b=c, ://x?y".into()),
            ("https://b.example/plain".into(), "https://b.example/plain".into()),
        ] {
            assert_eq!(redact(&text), masked, "{text}");
        }
        let mut value = serde_json::json!({"a": [signed], "b": {"c": signed}, "d": 1});
        redact_value(&mut value);
        assert!(!value.to_string().contains("X-Amz"), "{value}");
        let cut = excerpt(format!("see {signed}").as_bytes(), 60);
        assert!(cut.ends_with("?<redacted>…"), "{cut}");
        assert!(!cut.contains("X-Amz") && !cut.contains("abc"), "{cut}");
    }

    #[test]
    fn excerpts_are_bounded_and_marked() {
        let body = "é".repeat(1000);
        let cut = excerpt(body.as_bytes(), EXCERPT_LIMIT);
        assert!(cut.len() <= EXCERPT_LIMIT + '…'.len_utf8() && cut.ends_with('…'));
        assert_eq!(excerpt(b"short", EXCERPT_LIMIT), "short");
    }
}
