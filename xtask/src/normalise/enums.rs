//! String enums: what counts as one, and the overlay's key for one.
//!
//! Every enum that can appear in a response must accept values the server adds later; the
//! post-pass makes component enums open. The inline rule (`inline.rs`) makes every inline enum a
//! component (a session's `status`, an `orientation`, a query parameter), named in
//! `openapi/overlay.toml` `[enums]` by its values in document order; an inline enum with exactly
//! a component's values becomes a reference to that component. One-value enums are union tags
//! and stay inline.

use serde_json::Value;

/// The values of a string enum of two or more values.
pub fn string_enum(schema: &Value) -> Option<Vec<String>> {
    let values = schema.get("enum")?.as_array()?;
    let strings: Vec<String> = values
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    (strings.len() >= 2 && strings.len() == values.len()).then_some(strings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_string_enums_of_two_or_more_values_count() {
        assert_eq!(
            string_enum(&json!({"type": "string", "enum": ["a", "b"]})),
            Some(vec!["a".to_string(), "b".to_string()])
        );
        assert_eq!(string_enum(&json!({"enum": ["tag"]})), None);
        assert_eq!(string_enum(&json!({"enum": ["a", 1]})), None);
    }
}
