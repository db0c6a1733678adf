//! Path and query parameters against their rules: each raw text read as the type its schema
//! says (`limit=10` an integer, `flag=true` a boolean, an array from repeated or comma-separated
//! values), then checked like a body member named by the parameter.

use heygen_sys::request_rules::{Kind, Location, Operation, Schema};
use serde_json::Value;

use super::param::Param;
use super::refusal::Refusal;
use super::walk::Walk;

pub(super) fn check(
    operation: &Operation,
    path_values: &[(&str, String)],
    query: Option<&str>,
) -> Result<(), Refusal> {
    let pairs = query_pairs(query);
    for parameter in operation.parameters {
        let at = Param::named(parameter.name);
        let raw: Vec<&str> = match parameter.location {
            Location::Path => path_values
                .iter()
                .filter(|(name, _)| *name == parameter.name)
                .map(|(_, value)| value.as_str())
                .collect(),
            // An empty value counts as absent, as the routes read it.
            Location::Query => pairs
                .iter()
                .filter(|(name, value)| name == parameter.name && !value.is_empty())
                .map(|(_, value)| value.as_str())
                .collect(),
        };
        if raw.is_empty() {
            if parameter.required {
                return Err(Refusal::at(&at, "is required."));
            }
            continue;
        }
        let mut value = typed(&parameter.schema, &raw);
        Walk::default().check(&parameter.schema, &mut value, &at)?;
    }
    Ok(())
}

/// The raw text as the JSON value its schema describes; text that is not of that type stays a
/// string, for the check to refuse.
fn typed(schema: &Schema, raw: &[&str]) -> Value {
    match &schema.kind {
        Kind::Ref(target) => typed(target, raw),
        Kind::Array(array) => {
            let items: Vec<&str> = match raw {
                [one] => one.split(',').collect(),
                many => many.to_vec(),
            };
            Value::Array(
                items
                    .into_iter()
                    .map(|item| match array.items {
                        Some(items) => typed(items, &[item]),
                        None => Value::String(item.to_string()),
                    })
                    .collect(),
            )
        }
        Kind::Integer(_) | Kind::Number(_) => {
            let text = raw[0];
            match text.parse::<i64>() {
                Ok(n) => Value::from(n),
                Err(_) => text
                    .parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite())
                    .map_or_else(|| Value::String(text.to_string()), Value::from),
            }
        }
        Kind::Boolean => match raw[0] {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            other => Value::String(other.to_string()),
        },
        _ => Value::String(raw[0].to_string()),
    }
}

/// Decoded `name=value` pairs of a query string.
pub(crate) fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    let Some(query) = query else {
        return Vec::new();
    };
    match reqwest::Url::parse(&format!("http://q/?{query}")) {
        Ok(url) => url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect(),
        Err(_) => Vec::new(),
    }
}
