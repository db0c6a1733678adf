//! A string against its rule: enum values, length in characters, `pattern`, `format`.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use heygen_sys::request_rules::Text;
use regex::Regex;

use super::param::Param;
use super::refusal::Refusal;

pub(super) fn check(rule: &Text, s: &str, at: &Param) -> Result<(), Refusal> {
    let fail = |message: String| Err(Refusal::at(at, message));
    if let Some(values) = rule.values
        && !values.contains(&s)
    {
        return fail(format!("must be one of: {}.", values.join(", ")));
    }
    let len = s.chars().count() as u64;
    if let Some(min) = rule.min_length.filter(|min| len < *min) {
        return fail(format!(
            "must be at least {min} character(s) long, not {len}."
        ));
    }
    if let Some(max) = rule.max_length.filter(|max| len > *max) {
        return fail(format!(
            "must be at most {max} character(s) long, not {len}."
        ));
    }
    if let Some(pattern) = rule.pattern
        && matches(pattern, s) == Some(false)
    {
        return fail(format!("must match the pattern {pattern}."));
    }
    if let Some(format) = rule.format
        && !formatted(format, s)
    {
        return fail(format!("must be a valid {format}."));
    }
    Ok(())
}

/// Whether `s` matches `pattern` (unanchored, as JSON Schema reads it); `None` when the
/// document's pattern (ECMA-262) is not one the `regex` crate compiles (look-arounds,
/// back-references): such a pattern is not enforced rather than refusing everything.
fn matches(pattern: &'static str, s: &str) -> Option<bool> {
    static COMPILED: OnceLock<Mutex<HashMap<&'static str, Option<Regex>>>> = OnceLock::new();
    let mut compiled = COMPILED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let regex = compiled
        .entry(pattern)
        .or_insert_with(|| Regex::new(pattern).ok());
    regex.as_ref().map(|regex| regex.is_match(s))
}

/// The formats whose meaning is settled; any other (`binary`, a vendor's own) is an annotation.
fn formatted(format: &str, s: &str) -> bool {
    match format {
        "date-time" => chrono::DateTime::parse_from_rfc3339(s).is_ok(),
        "date" => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
        "uuid" => uuid::Uuid::parse_str(s).is_ok(),
        "email" => s.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !s.contains(char::is_whitespace)
        }),
        "uri" | "url" => reqwest::Url::parse(s).is_ok(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uncompilable_pattern_is_not_enforced() {
        assert_eq!(matches("^a(?=b)", "ab"), None);
        assert_eq!(matches("^[a-z]+$", "abc"), Some(true));
        assert_eq!(matches("^[a-z]+$", "ab1"), Some(false));
    }

    #[test]
    fn formats_with_a_settled_meaning_are_checked() {
        assert!(formatted("date-time", "2026-07-22T12:00:00Z"));
        assert!(!formatted("date-time", "yesterday"));
        assert!(formatted("uri", "https://example.com/a"));
        assert!(!formatted("uri", "example"));
        assert!(formatted("binary", "anything"));
    }
}
