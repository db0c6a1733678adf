//! `openapi/spec.lock`: which upstream document the generated code comes from.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecLock {
    /// Public URL of the pinned document.
    pub source: String,
    /// File name in the cache.
    pub file: String,
    pub sha256: String,
    /// The document's `openapi` version.
    pub openapi: String,
    /// Number of operations in the document.
    pub operations: usize,
    /// Date of the document.
    pub date: String,
    /// What the pinned file is, when its source does not say (e.g. a reconstruction).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Documents pinned before this one; the pipeline must still generate from each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Pinned>,
}

/// A document pinned earlier.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pinned {
    pub file: String,
    pub sha256: String,
    pub source: String,
    pub date: String,
}

const HEADER: &str = "# The pinned upstream API description. `cargo xtask fetch` verifies the cached copy against\n\
# `sha256`; `cargo xtask fetch --from NEW --update-lock` moves the pin (see openapi/README.md).\n";

impl SpecLock {
    pub fn load(root: &Path) -> Result<Self> {
        let path = root.join("openapi/spec.lock");
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    }

    pub fn save(&self, root: &Path) -> Result<()> {
        let text = format!("{HEADER}{}", toml::to_string(self)?);
        std::fs::write(root.join("openapi/spec.lock"), text).context("writing openapi/spec.lock")
    }

    /// Where `xtask fetch` keeps the document (git-ignored).
    pub fn cache_path(&self, root: &Path) -> PathBuf {
        root.join("openapi/cache").join(&self.file)
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_lowercase_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
