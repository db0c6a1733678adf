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
    /// Origin (JSON pointer) → the name the last `generate` gave the type there, from
    /// `invented-types.txt` beside the overlay: an unchanged schema keeps its name.
    #[serde(skip)]
    pub remembered: BTreeMap<String, String>,
}

/// Sets the value at a JSON pointer of the upstream document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Patch {
    pub pointer: String,
    pub value: toml::Value,
    /// Why upstream is wrong or incomplete here; required so no correction is unexplained.
    pub why: String,
    /// A JSON pointer (the operation the correction is about): documents without it predate
    /// what the patch corrects and are left alone, the patch reported as not needed. Without
    /// `only_if`, a patch whose parent is missing is an error.
    #[serde(default)]
    pub only_if: Option<String>,
}

/// `Name<TAB>origin` lines (comments skipped) → origin → name.
pub fn remembered(names_file: &str) -> BTreeMap<String, String> {
    names_file
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(name, origin)| (origin.to_string(), name.to_string()))
        .collect()
}

impl Overlay {
    pub fn load(path: &Path) -> Result<Self> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let mut overlay: Overlay =
            toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
        let names = path.with_file_name("invented-types.txt");
        if let Ok(text) = std::fs::read_to_string(names) {
            overlay.remembered = remembered(&text);
        }
        Ok(overlay)
    }

    /// Applies the corrections; a pointer whose parent is missing is an error, so a correction
    /// that no longer fits a new upstream version is noticed. Returns the patches applied and
    /// the pointers of those skipped (their `only_if` is not in the document).
    pub fn apply(&self, doc: &mut Value) -> Result<(usize, Vec<String>)> {
        let mut skipped = Vec::new();
        for patch in &self.patches {
            if patch.why.trim().is_empty() {
                bail!("overlay patch {} has no `why`", patch.pointer);
            }
            if let Some(only_if) = &patch.only_if
                && doc.pointer(only_if).is_none()
            {
                skipped.push(patch.pointer.clone());
                continue;
            }
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
        Ok((self.patches.len() - skipped.len(), skipped))
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
        assert_eq!(overlay.apply(&mut doc).unwrap(), (1, Vec::new()));
        assert_eq!(doc["components"]["schemas"]["S"]["enum"], json!(["a", "b"]));
        let mut other = json!({"components": {}});
        assert!(
            overlay
                .apply(&mut other)
                .unwrap_err()
                .to_string()
                .contains("not in the document")
        );
    }

    #[test]
    fn a_patch_only_if_its_operation_exists_skips_older_documents() {
        let overlay: Overlay = toml::from_str(
            r#"
            [[patch]]
            pointer = "/paths/~1v3~1clips/post/responses/200"
            value = { description = "the id" }
            why = "the document forgets the body"
            only_if = "/paths/~1v3~1clips/post"
            "#,
        )
        .unwrap();
        let mut newer = json!({"paths": {"/v3/clips": {"post": {"responses": {"200": {}}}}}});
        assert_eq!(overlay.apply(&mut newer).unwrap(), (1, Vec::new()));
        assert_eq!(
            newer.pointer("/paths/~1v3~1clips/post/responses/200/description"),
            Some(&json!("the id"))
        );
        let mut older = json!({"paths": {}});
        let (applied, skipped) = overlay.apply(&mut older).unwrap();
        assert_eq!(
            (applied, skipped.as_slice()),
            (
                0,
                ["/paths/~1v3~1clips/post/responses/200".to_string()].as_slice()
            )
        );
        assert_eq!(older, json!({"paths": {}}));
        // The operation present but the pointer's parent gone: still an error.
        let mut changed = json!({"paths": {"/v3/clips": {"post": {}}}});
        assert!(overlay.apply(&mut changed).is_err());
    }
}
