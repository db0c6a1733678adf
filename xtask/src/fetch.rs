//! `cargo xtask fetch [--from PATH|URL] [--update-lock]`: fill the cache, verified by the lock.

use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::lock::{SpecLock, sha256_hex};

pub fn run(root: &Path, from: Option<&str>, update_lock: bool) -> Result<()> {
    let mut lock = SpecLock::load(root)?;
    let source = from.unwrap_or(&lock.source).to_string();
    let bytes = read_source(&source)?;
    let actual = sha256_hex(&bytes);
    if actual != lock.sha256 {
        if !update_lock {
            bail!(
                "the document's sha256 does not match openapi/spec.lock\n  \
                 lock:     {}\n  {source}: {actual}\n\
                 If this is a new spec version to adopt, run\n  \
                 cargo xtask fetch --from {source} --update-lock && cargo xtask generate\n\
                 and review `git diff` (see openapi/README.md).",
                lock.sha256
            );
        }
        let doc: Value = serde_json::from_slice(&bytes).context("the new document is not JSON")?;
        lock.sha256 = actual;
        lock.openapi = doc["openapi"].as_str().unwrap_or_default().to_string();
        lock.operations = count_operations(&doc);
        if source.starts_with("http") {
            lock.source = source.clone();
        }
        if let Some(name) = Path::new(&source).file_name().and_then(|n| n.to_str()) {
            lock.file = name.to_string();
            if let Some(date) = date_in(name) {
                lock.date = date;
            }
        }
        lock.save(root)?;
        println!(
            "updated openapi/spec.lock to {} ({} operations)",
            lock.sha256, lock.operations
        );
    }
    let cache = lock.cache_path(root);
    std::fs::create_dir_all(cache.parent().expect("cache dir"))?;
    std::fs::write(&cache, &bytes).with_context(|| format!("writing {}", cache.display()))?;
    println!("cached {} (sha256 verified)", cache.display());
    Ok(())
}

fn read_source(source: &str) -> Result<Vec<u8>> {
    if source.starts_with("http://") || source.starts_with("https://") {
        let response = ureq::get(source).call().map_err(|e| {
            anyhow::anyhow!(
                "could not download {source}: {e}\n\
                 Without network access, pass a local copy: cargo xtask fetch --from PATH \
                 (for example --from ../shared/heygen-openapi/<file>)"
            )
        })?;
        let mut body = response.into_body();
        return body
            .read_to_vec()
            .with_context(|| format!("reading the body of {source}"));
    }
    std::fs::read(source).with_context(|| format!("reading {source}"))
}

/// Number of operations (method entries under `paths`).
pub fn count_operations(doc: &Value) -> usize {
    let methods = crate::normalise::walk::METHODS;
    doc["paths"]
        .as_object()
        .into_iter()
        .flatten()
        .flat_map(|(_, item)| item.as_object().into_iter().flatten())
        .filter(|(m, _)| methods.contains(&m.as_str()))
        .count()
}

fn date_in(name: &str) -> Option<String> {
    name.as_bytes().windows(10).find_map(|w| {
        let s = std::str::from_utf8(w).ok()?;
        let ok = s.chars().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
        ok.then(|| s.to_string())
    })
}

/// Reads the cached document, refusing one that does not match the lock.
pub fn load_cached(root: &Path) -> Result<(SpecLock, Value)> {
    let lock = SpecLock::load(root)?;
    let path = lock.cache_path(root);
    let bytes = std::fs::read(&path).with_context(|| {
        format!(
            "{} is missing: run `cargo xtask fetch --from ../shared/heygen-openapi/{}` first",
            path.display(),
            lock.file
        )
    })?;
    let actual = sha256_hex(&bytes);
    if actual != lock.sha256 {
        bail!(
            "{} does not match openapi/spec.lock\n  lock:  {}\n  cache: {actual}\nrun `cargo xtask fetch` again, or adopt it with --update-lock",
            path.display(),
            lock.sha256
        );
    }
    Ok((lock, serde_json::from_slice(&bytes)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_date_in_a_file_name() {
        assert_eq!(
            date_in("heygen-external-api-2026-04-08.openapi.json").as_deref(),
            Some("2026-04-08")
        );
        assert_eq!(date_in("external-api.json"), None);
    }
}
