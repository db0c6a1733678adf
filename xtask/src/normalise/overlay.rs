//! The project's own side of the spec: `openapi/overlay.toml`.
//!
//! Names for the types the normaliser invents, and corrections to the upstream document, each
//! with the reason it exists. Corrections are applied to the 3.1 document before any rule.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// Union tags (sorted, `|`-joined) → component name.
    #[serde(default)]
    pub unions: BTreeMap<String, String>,
    /// Enum values (in document order, `|`-joined) → component name.
    #[serde(default)]
    pub enums: BTreeMap<String, String>,
    /// Position-derived name (`<Parent><Property>`, `<Operation>Request` …) → component name,
    /// for any type the normaliser invents.
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    /// Corrections to the upstream document.
    #[serde(default, rename = "patch")]
    pub patches: Vec<Patch>,
}

/// Sets the value at a JSON pointer of the upstream document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Patch {
    pub pointer: String,
    /// Applies only to documents that have this pointer: a correction of something a later
    /// version added (a July operation), skipped for the earlier documents still pinned in the
    /// lock's history. Where the pointer exists, the patch must fit as any other.
    #[serde(default)]
    pub only_if: Option<String>,
    pub value: toml::Value,
    /// Why upstream is wrong or incomplete here; required so no correction is unexplained.
    pub why: String,
}

impl Overlay {
    pub fn load(path: &Path) -> Result<Self> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    }

    /// Applies the corrections and says how many applied; a pointer whose parent is missing is
    /// an error, so a correction that no longer fits a new upstream version is noticed (a patch
    /// whose `only_if` the document lacks is skipped).
    pub fn apply(&self, doc: &mut Value) -> Result<usize> {
        let mut applied = 0;
        for patch in &self.patches {
            if patch.why.trim().is_empty() {
                bail!("overlay patch {} has no `why`", patch.pointer);
            }
            if let Some(only_if) = &patch.only_if
                && doc.pointer(only_if).is_none()
            {
                continue;
            }
            applied += 1;
            let value = serde_json::to_value(&patch.value)?;
            let (parent, key) = patch
                .pointer
                .rsplit_once('/')
                .context("pointer must start with /")?;
            let target = doc.pointer_mut(parent).with_context(|| {
                format!(
                    "overlay patch {}: {parent} is not in the document",
                    patch.pointer
                )
            })?;
            match target {
                Value::Object(map) => {
                    map.insert(key.replace("~1", "/").replace("~0", "~"), value);
                }
                Value::Array(items) => {
                    let index: usize = key.parse().context("array index")?;
                    *items.get_mut(index).context("array index out of range")? = value;
                }
                _ => bail!(
                    "overlay patch {}: {parent} is not an object or array",
                    patch.pointer
                ),
            }
        }
        Ok(applied)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn patches_set_values_and_missing_parents_fail() {
        let overlay: Overlay = toml::from_str(
            r#"
            [unions]
            "asset_id|url" = "AssetRef"
            [[patch]]
            pointer = "/components/schemas/S/enum"
            value = ["a", "b"]
            why = "the server sends b"
            "#,
        )
        .unwrap();
        assert_eq!(overlay.unions["asset_id|url"], "AssetRef");
        let mut doc = json!({"components": {"schemas": {"S": {"enum": ["a"]}}}});
        assert_eq!(overlay.apply(&mut doc).unwrap(), 1);
        assert_eq!(doc["components"]["schemas"]["S"]["enum"], json!(["a", "b"]));
        let newer: Overlay = toml::from_str(
            r#"
            [[patch]]
            pointer = "/paths/~1new/get/responses/202"
            only_if = "/paths/~1new"
            value = {description = "accepted"}
            why = "the operation answers 202"
            "#,
        )
        .unwrap();
        let mut older = json!({"paths": {}});
        assert_eq!(newer.apply(&mut older).unwrap(), 0, "skipped where absent");
        assert_eq!(older, json!({"paths": {}}));
        let mut current = json!({"paths": {"/new": {"get": {"responses": {}}}}});
        assert_eq!(newer.apply(&mut current).unwrap(), 1);
        assert_eq!(
            current["paths"]["/new"]["get"]["responses"]["202"]["description"],
            "accepted"
        );
        let mut other = json!({"components": {}});
        assert!(
            overlay
                .apply(&mut other)
                .unwrap_err()
                .to_string()
                .contains("not in the document")
        );
    }
}
