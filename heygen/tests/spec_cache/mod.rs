//! The spec cache (`openapi/cache/`, git-ignored) as tests read it. A document missing there is
//! copied from `../shared/heygen-openapi/` beside the checkout when that folder holds it,
//! verified against its sha256 in `openapi/spec.lock` — what `cargo xtask fetch --from
//! ../shared/heygen-openapi` does — so plain `cargo test` on a fresh clone needs no step of its
//! own. Shared by heygen's tests (`mod spec_cache;`) and the contract tests (`#[path]`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

/// The folder beside the checkout that holds the documents (`.ci/test` reads it too).
const SHARED: &str = "../shared/heygen-openapi";

/// `openapi/cache/<file>` of the workspace at `root`, filled from [`SHARED`] when missing
/// there; otherwise the sentence that says what to run.
pub fn cached(root: &Path, file: &str) -> Result<PathBuf, String> {
    let path = root.join("openapi/cache").join(file);
    if path.exists() {
        return Ok(path);
    }
    let shared = root.join(SHARED).join(file);
    let missing = || {
        format!(
            "{} is missing: the tests that read the API description need the spec cache; run \
             `cargo xtask fetch --from {SHARED}` (the folder beside the checkout) or \
             `cargo xtask fetch` (the network), or `bash .ci/test`, which does it",
            path.display()
        )
    };
    let bytes = std::fs::read(&shared).map_err(|_| missing())?;
    let pinned = pinned_sha256(root, file)
        .ok_or_else(|| format!("openapi/spec.lock pins no sha256 for {file}"))?;
    let actual: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if actual != pinned {
        return Err(format!(
            "{} does not match openapi/spec.lock (sha256 {actual}, pinned {pinned}); {}",
            shared.display(),
            missing()
        ));
    }
    // Another test binary may fill the same file at once: write aside, then rename.
    std::fs::create_dir_all(root.join("openapi/cache")).map_err(|e| e.to_string())?;
    let part = path.with_extension(format!("part.{}", std::process::id()));
    std::fs::write(&part, &bytes)
        .and_then(|()| std::fs::rename(&part, &path))
        .map_err(|e| format!("filling {}: {e}", path.display()))?;
    Ok(path)
}

/// The `sha256` that `openapi/spec.lock` pins for `file` (in whichever table names it).
fn pinned_sha256(root: &Path, file: &str) -> Option<String> {
    let lock = std::fs::read_to_string(root.join("openapi/spec.lock")).ok()?;
    let name = format!("file = \"{file}\"");
    let mut in_table = false;
    for line in lock.lines().map(str::trim) {
        if line.starts_with('[') {
            in_table = false;
        } else if line == name {
            in_table = true;
        } else if in_table && let Some(sha) = line.strip_prefix("sha256 = ") {
            return Some(sha.trim_matches('"').to_string());
        }
    }
    None
}
