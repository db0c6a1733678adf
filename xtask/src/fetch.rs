//! `cargo xtask fetch [--from DIR|PATH|URL]`: fill the cache with the documents the lock names
//! (the pin, the history, the references), each verified against its sha256.
//!
//! Without `--from`, every document not yet cached comes from its own `source` (a URL, or a
//! path relative to the workspace); `--from DIR` takes them by file name from a folder
//! (`../shared/heygen-openapi`); `--from PATH|URL` caches one document, which must be one the
//! lock names.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use serde_json::Value;

use crate::lock::{Locked, Role, SpecLock, cache_dir, sha256_hex};

/// An upstream document is under 1 MiB; anything far larger is not one.
const MAX_DOCUMENT_BYTES: u64 = 64 << 20;

pub fn run(root: &Path, from: Option<&str>) -> Result<()> {
    let lock = SpecLock::load(root)?;
    std::fs::create_dir_all(cache_dir(root))?;
    match from {
        None => {
            for doc in lock.files() {
                if read_verified(root, doc).is_ok() {
                    println!("{} is cached (sha256 verified)", doc.file);
                    continue;
                }
                let source = resolve(root, doc.source);
                let bytes = read_source(&source).map_err(|e| match is_url(&source) {
                    true => e,
                    false => anyhow!(
                        "{e}; pass a folder holding {} with `cargo xtask fetch --from DIR`",
                        doc.file
                    ),
                })?;
                verify(doc, &bytes, &source, &lock)?;
                store(root, doc, &bytes)?;
            }
        }
        Some(dir) if Path::new(dir).is_dir() => {
            for doc in lock.files() {
                let path = Path::new(dir).join(doc.file);
                if !path.exists() {
                    if doc.role == Role::Pin {
                        bail!("{dir} holds no {} (the pinned document)", doc.file);
                    }
                    let what = doc.role.name();
                    println!("{dir} holds no {} (a {what} entry): skipped", doc.file);
                    continue;
                }
                let bytes =
                    std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
                verify(doc, &bytes, &path.display().to_string(), &lock)?;
                store(root, doc, &bytes)?;
            }
        }
        Some(source) => {
            let bytes = read_source(source)?;
            let actual = sha256_hex(&bytes);
            let Some(doc) = lock.files().find(|d| d.sha256 == actual) else {
                bail!(
                    "{source} (sha256 {actual}) is neither the pinned document nor one in \
                     openapi/spec.lock's history or references; `cargo xtask diff --to {source}` \
                     shows what it changes and `cargo xtask update --from {source}` adopts it"
                );
            };
            store(root, doc, &bytes)?;
        }
    }
    Ok(())
}

fn store(root: &Path, doc: Locked<'_>, bytes: &[u8]) -> Result<()> {
    let path = cache_dir(root).join(doc.file);
    std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
    let what = doc.role.name();
    println!("cached {} ({what}, sha256 verified)", path.display());
    Ok(())
}

/// A lock `source` as `read_source` takes it: URLs and absolute paths as they are, relative
/// paths from the workspace root (not from wherever `cargo xtask` runs).
fn resolve(root: &Path, source: &str) -> String {
    if is_url(source) || Path::new(source).is_absolute() {
        source.to_string()
    } else {
        root.join(source).display().to_string()
    }
}

fn verify(doc: Locked<'_>, bytes: &[u8], from: &str, lock: &SpecLock) -> Result<()> {
    let actual = sha256_hex(bytes);
    if actual == doc.sha256 {
        return Ok(());
    }
    let note = match (&lock.note, doc.role) {
        (Some(note), Role::Pin) => format!(" (the lock's note: {note})"),
        _ => String::new(),
    };
    bail!(
        "{from} (sha256 {actual}) is not {} in openapi/spec.lock (sha256 {}){note}; \
         `cargo xtask diff --to {from}` shows what differs and `cargo xtask update --from {from}` adopts it",
        doc.file,
        doc.sha256
    )
}

/// The bytes of a local file or of a URL. Errors are one sentence: this is what an offline
/// `.ci/test` prints.
pub fn read_source(source: &str) -> Result<Vec<u8>> {
    if !is_url(source) {
        return std::fs::read(source).map_err(|e| anyhow!("could not read {source}: {e}"));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let offline = |e: ureq::Error| {
        anyhow!(
            "could not download {source} ({e}); without network access, pass a local copy with \
             `cargo xtask fetch --from PATH` (a file, or a folder such as ../shared/heygen-openapi)"
        )
    };
    let mut response = agent.get(source).call().map_err(offline)?;
    response
        .body_mut()
        .with_config()
        .limit(MAX_DOCUMENT_BYTES)
        .read_to_vec()
        .map_err(offline)
}

pub fn is_url(source: &str) -> bool {
    source.starts_with("https://") || source.starts_with("http://")
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

/// The first `YYYY-MM-DD` in a file name.
pub fn date_in(name: &str) -> Option<String> {
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

/// Reads the cached pinned document, refusing one that does not match the lock.
pub fn load_cached(root: &Path) -> Result<(SpecLock, Value)> {
    let lock = SpecLock::load(root)?;
    let pin = lock.documents().next().expect("the pin comes first");
    let doc = parse(&read_verified(root, pin)?, pin.file)?;
    Ok((lock, doc))
}

/// Reads a cached document the lock names (the pin or a history entry) by file name.
pub fn load_cached_file(root: &Path, file: &str) -> Result<Value> {
    let lock = SpecLock::load(root)?;
    let doc = lock
        .find(file)
        .with_context(|| format!("openapi/spec.lock names no document {file}"))?;
    parse(&read_verified(root, doc)?, file)
}

fn parse(bytes: &[u8], file: &str) -> Result<Value> {
    serde_json::from_slice(bytes).with_context(|| format!("{file} is not JSON"))
}

fn read_verified(root: &Path, doc: Locked<'_>) -> Result<Vec<u8>> {
    let path = cache_dir(root).join(doc.file);
    let bytes = std::fs::read(&path).map_err(|_| {
        anyhow!(
            "{} is missing: run `cargo xtask fetch --from ../shared/heygen-openapi` (a folder \
             holding it) or `cargo xtask fetch` (downloads it from {})",
            path.display(),
            doc.source
        )
    })?;
    let actual = sha256_hex(&bytes);
    if actual != doc.sha256 {
        bail!(
            "{} does not match openapi/spec.lock\n  lock:  {}\n  cache: {actual}\nrun `cargo xtask fetch` again",
            path.display(),
            doc.sha256
        );
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lock::{Entry, NewPin};

    #[test]
    fn finds_the_date_in_a_file_name() {
        assert_eq!(
            date_in("heygen-external-api-2026-04-08.openapi.json").as_deref(),
            Some("2026-04-08")
        );
        assert_eq!(date_in("external-api.json"), None);
    }

    /// A workspace in a temporary folder with a lock naming `new.json` (pin) and `old.json`.
    struct Scratch(std::path::PathBuf);

    impl Scratch {
        fn new(name: &str) -> Self {
            let dir =
                std::env::temp_dir().join(format!("xtask-fetch-{name}-{}", std::process::id()));
            std::fs::remove_dir_all(&dir).ok();
            std::fs::create_dir_all(dir.join("openapi")).unwrap();
            std::fs::create_dir_all(dir.join("shared")).unwrap();
            let mut lock = SpecLock {
                source: "http://127.0.0.1:9/old.json".into(),
                file: "old.json".into(),
                sha256: sha256_hex(b"{\"v\": 1}"),
                openapi: "3.1.0".into(),
                operations: 0,
                date: "2026-01-01".into(),
                note: None,
                history: Vec::<Entry>::new(),
                reference: Vec::new(),
            };
            lock.repin(NewPin {
                source: "http://127.0.0.1:9/new.json".into(),
                file: "new.json".into(),
                sha256: sha256_hex(b"{\"v\": 2}"),
                openapi: "3.1.0".into(),
                operations: 0,
                date: "2026-02-01".into(),
                note: Some("made up".into()),
            });
            lock.save(&dir).unwrap();
            Scratch(dir)
        }
        fn shared(&self, file: &str, body: &[u8]) -> String {
            let path = self.0.join("shared").join(file);
            std::fs::write(&path, body).unwrap();
            path.display().to_string()
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            std::fs::remove_dir_all(&self.0).ok();
        }
    }

    #[test]
    fn from_a_folder_caches_the_pin_and_every_history_file_it_holds() {
        let ws = Scratch::new("dir");
        ws.shared("new.json", b"{\"v\": 2}");
        let shared = ws.0.join("shared").display().to_string();
        let err = run(&ws.0, Some(&shared));
        assert!(err.is_ok(), "{err:?}");
        assert_eq!(load_cached(&ws.0).unwrap().1["v"], 2);
        let missing = format!("{:#}", load_cached_file(&ws.0, "old.json").unwrap_err());
        assert!(missing.contains("old.json is missing"), "{missing}");

        ws.shared("old.json", b"{\"v\": 1}");
        run(&ws.0, Some(&shared)).unwrap();
        assert_eq!(load_cached_file(&ws.0, "old.json").unwrap()["v"], 1);
    }

    #[test]
    fn a_folder_without_the_pin_or_with_a_wrong_file_is_refused() {
        let ws = Scratch::new("bad-dir");
        let shared = ws.0.join("shared").display().to_string();
        let err = run(&ws.0, Some(&shared)).unwrap_err().to_string();
        assert!(
            err.contains("holds no new.json (the pinned document)"),
            "{err}"
        );
        ws.shared("new.json", b"{\"v\": 3}");
        let err = run(&ws.0, Some(&shared)).unwrap_err().to_string();
        assert!(
            err.contains("is not new.json in openapi/spec.lock") && err.contains("made up"),
            "{err}"
        );
        assert!(load_cached(&ws.0).is_err(), "nothing was cached");
    }

    #[test]
    fn a_single_file_is_cached_under_the_name_of_the_entry_it_matches() {
        let ws = Scratch::new("file");
        let path = ws.shared("downloaded-copy.json", b"{\"v\": 1}");
        run(&ws.0, Some(&path)).unwrap();
        assert_eq!(load_cached_file(&ws.0, "old.json").unwrap()["v"], 1);
        let other = ws.shared("other.json", b"{}");
        let err = run(&ws.0, Some(&other)).unwrap_err().to_string();
        assert!(err.contains("cargo xtask update --from"), "{err}");
    }

    #[test]
    fn offline_the_lock_url_fails_with_one_sentence() {
        let ws = Scratch::new("offline");
        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        let err = format!("{:#}", run(&ws.0, None).unwrap_err());
        assert!(
            err.starts_with("could not download http://127.0.0.1:9/new.json (")
                && err.ends_with("(a file, or a folder such as ../shared/heygen-openapi)")
                && !err.contains('\n'),
            "{err}"
        );
    }

    #[test]
    fn without_from_cached_documents_are_kept_and_not_downloaded_again() {
        let ws = Scratch::new("cached");
        ws.shared("new.json", b"{\"v\": 2}");
        ws.shared("old.json", b"{\"v\": 1}");
        run(&ws.0, Some(&ws.0.join("shared").display().to_string())).unwrap();
        // Both sources are unreachable: success means nothing was downloaded.
        run(&ws.0, None).unwrap();
    }

    #[test]
    fn references_are_cached_from_a_folder_or_their_relative_source_and_verified() {
        let ws = Scratch::new("reference");
        let mut lock = SpecLock::load(&ws.0).unwrap();
        lock.reference.push(Entry {
            file: "ref.json".into(),
            sha256: sha256_hex(b"{\"r\": 1}"),
            // Relative to the workspace root, like `../shared/heygen-openapi/…`.
            source: "shared/ref.json".into(),
            date: "2026-01-02".into(),
            note: Some("not an API description".into()),
        });
        lock.save(&ws.0).unwrap();
        let cached = cache_dir(&ws.0).join("ref.json");
        let shared = ws.0.join("shared").display().to_string();
        ws.shared("new.json", b"{\"v\": 2}");
        ws.shared("old.json", b"{\"v\": 1}");

        // A folder without it: skipped, like a history file.
        run(&ws.0, Some(&shared)).unwrap();
        assert!(!cached.exists());
        // Without --from, a missing reference is read from its source, relative to the root.
        let err = format!("{:#}", run(&ws.0, None).unwrap_err());
        assert!(
            err.contains("shared/ref.json") && err.ends_with("`cargo xtask fetch --from DIR`"),
            "{err}"
        );
        ws.shared("ref.json", b"{\"r\": 2}");
        let err = run(&ws.0, Some(&shared)).unwrap_err().to_string();
        assert!(
            err.contains("is not ref.json in openapi/spec.lock"),
            "{err}"
        );
        assert!(!cached.exists(), "a wrong file is not cached");

        ws.shared("ref.json", b"{\"r\": 1}");
        run(&ws.0, None).unwrap();
        assert_eq!(std::fs::read(&cached).unwrap(), b"{\"r\": 1}");
        // Cached and verified: found again without reading the source.
        std::fs::remove_file(ws.0.join("shared/ref.json")).unwrap();
        run(&ws.0, None).unwrap();

        // A single file matching the reference's sha256 is cached under the reference's name.
        std::fs::remove_file(&cached).unwrap();
        let copy = ws.shared("downloaded.json", b"{\"r\": 1}");
        run(&ws.0, Some(&copy)).unwrap();
        assert_eq!(std::fs::read(&cached).unwrap(), b"{\"r\": 1}");
        // The pin and history keep their roles: a reference is not an API description.
        assert!(load_cached_file(&ws.0, "ref.json").is_err());
    }
}
