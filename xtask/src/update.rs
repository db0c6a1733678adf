//! `cargo xtask update [--from PATH|URL] [--note TEXT]`: adopt a new upstream document in one
//! command: diff it against the pin, re-pin (the old pin moves to `[[history]]`), generate,
//! check, and suggest the CHANGELOG.md entry.

use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;

use crate::diff::{Document, Report, changelog_entry, suggest_version};
use crate::fetch::{count_operations, date_in, is_url, load_cached, read_source};
use crate::lock::{NewPin, SpecLock, sha256_hex};
use crate::{check, generate, workspace_version};

pub fn run(root: &Path, from: Option<&str>, note: Option<String>) -> Result<()> {
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    match update(root, from, note, &today)? {
        None => println!("nothing to update: the document is the pinned one"),
        Some(changelog) => {
            println!(
                "\n== suggested CHANGELOG.md entry (and the workspace version in Cargo.toml)\n"
            );
            print!("{changelog}");
        }
    }
    Ok(())
}

/// Everything but the final printing; returns the suggested CHANGELOG entry, or `None` when
/// the document is already pinned.
pub fn update(
    root: &Path,
    from: Option<&str>,
    note: Option<String>,
    today: &str,
) -> Result<Option<String>> {
    let mut lock = SpecLock::load(root)?;
    let (_, old) = load_cached(root)?;
    let source = from.unwrap_or(&lock.source).to_string();
    let bytes = read_source(&source)?;
    let sha256 = sha256_hex(&bytes);
    if sha256 == lock.sha256 {
        return Ok(None);
    }
    let new: Value =
        serde_json::from_slice(&bytes).with_context(|| format!("{source} is not JSON"))?;
    let file = file_name(&lock, &source, &sha256, today);
    let date = date_in(&file).unwrap_or_else(|| today.to_string());
    let openapi = new["openapi"].as_str().unwrap_or_default().to_string();
    let operations = count_operations(&new);

    let report = Report::new(
        &Document {
            name: lock.file.clone(),
            date: Some(lock.date.clone()),
            value: old,
        },
        &Document {
            name: file.clone(),
            date: Some(date.clone()),
            value: new,
        },
    );
    print!("{}", report.markdown());

    let pinned_source = if is_url(&source) {
        source.clone()
    } else {
        println!(
            "\nsource stays {} in openapi/spec.lock: edit it if {source} came from elsewhere",
            lock.source
        );
        lock.source.clone()
    };
    lock.repin(NewPin {
        source: pinned_source,
        file: file.clone(),
        sha256,
        openapi,
        operations,
        date,
        note,
    });
    std::fs::write(lock.cache_path(root), &bytes)
        .with_context(|| format!("writing openapi/cache/{file}"))?;
    lock.save(root)?;
    println!(
        "\npinned {file}; the previous pin is the first [[history]] entry of openapi/spec.lock"
    );

    let after = |step: &str| {
        format!(
            "openapi/spec.lock now pins {file}, but {step} failed: fix the normaliser rule or \
             openapi/overlay.toml, then run `cargo xtask generate && cargo xtask check`"
        )
    };
    generate::write(root).with_context(|| after("generate"))?;
    check::run(root).with_context(|| after("check"))?;
    let version = suggest_version(&workspace_version(root)?, &report);
    Ok(Some(changelog_entry(&report, &version)))
}

/// The cache name of a new document: a local file keeps its name when it carries a date;
/// anything else (the docs site serves `external-api.json`) is named after today. A name the
/// lock already uses for other bytes gets the sha256's first eight digits.
fn file_name(lock: &SpecLock, source: &str, sha256: &str, today: &str) -> String {
    let given = source.rsplit('/').next().unwrap_or(source);
    let name = if !is_url(source) && date_in(given).is_some() {
        given.to_string()
    } else {
        format!("heygen-external-api-{today}.openapi.json")
    };
    match lock.find(&name) {
        Some(locked) if locked.sha256 != sha256 => {
            let stem = name.strip_suffix(".json").unwrap_or(&name);
            format!("{stem}-{}.json", &sha256[..8])
        }
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fetch::load_cached_file;

    fn real_root() -> std::path::PathBuf {
        crate::workspace_root()
    }

    #[test]
    fn the_crate_version_and_the_changelog_name_the_pinned_snapshot() {
        let root = real_root();
        let lock = SpecLock::load(&root).unwrap();
        let version = crate::workspace_version(&root).unwrap();
        assert_eq!(
            version.split_once('+').map(|(_, meta)| meta.to_string()),
            Some(format!("api.{}", lock.date)),
            "set [workspace.package] version to <x.y.z>+api.{} in Cargo.toml",
            lock.date
        );
        let changelog = std::fs::read_to_string(root.join("CHANGELOG.md")).unwrap();
        let first = changelog.lines().find(|l| l.starts_with("## [")).unwrap();
        assert!(first.starts_with(&format!("## [{version}] - ")), "{first}");
    }

    #[test]
    fn new_documents_are_named_by_their_date_or_today() {
        let lock = SpecLock::load(&real_root()).unwrap();
        let today = "2026-11-29";
        assert_eq!(
            file_name(
                &lock,
                "https://developers.heygen.com/openapi/external-api.json",
                "ab",
                today
            ),
            "heygen-external-api-2026-11-29.openapi.json"
        );
        assert_eq!(
            file_name(
                &lock,
                "/tmp/x/heygen-external-api-2026-08-01.openapi.json",
                "ab",
                today
            ),
            "heygen-external-api-2026-08-01.openapi.json"
        );
        assert_eq!(
            file_name(&lock, "/tmp/download.json", "ab", today),
            "heygen-external-api-2026-11-29.openapi.json"
        );
        let taken = lock.history[0].file.clone();
        assert_eq!(
            file_name(
                &lock,
                &format!("/elsewhere/{taken}"),
                "0123456789abcdef",
                today
            ),
            format!("{}-01234567.json", taken.strip_suffix(".json").unwrap())
        );
        assert_eq!(
            file_name(
                &lock,
                &format!("/elsewhere/{taken}"),
                &lock.history[0].sha256,
                today
            ),
            taken
        );
    }

    /// The whole command in a scratch workspace: the April document pinned, a copy with one
    /// more operation adopted.
    #[test]
    fn update_repins_generates_checks_and_suggests_the_changelog_entry() {
        let real = SpecLock::load(&real_root()).unwrap();
        let april = &real.history[0];
        let mut doc = load_cached_file(&real_root(), &april.file).unwrap();
        let dir = std::env::temp_dir().join(format!("xtask-update-{}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        for sub in ["openapi/cache", "heygen-sys/src"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        std::fs::copy(
            real_root().join("openapi/overlay.toml"),
            dir.join("openapi/overlay.toml"),
        )
        .unwrap();
        std::fs::write(
            dir.join("Cargo.toml"),
            "[workspace.package]\nversion = \"0.2.0+api.2026-04-08\"\n",
        )
        .unwrap();
        let april_bytes = serde_json::to_vec(&doc).unwrap();
        std::fs::write(dir.join("openapi/cache/april.json"), &april_bytes).unwrap();
        SpecLock {
            source: april.source.clone(),
            file: "april.json".into(),
            sha256: sha256_hex(&april_bytes),
            openapi: "3.1.0".into(),
            operations: count_operations(&doc),
            date: april.date.clone(),
            note: None,
            history: Vec::new(),
            reference: Vec::new(),
        }
        .save(&dir)
        .unwrap();

        let get = doc["paths"]["/v3/users/me"]["get"].clone();
        let mut extra = get.clone();
        extra["operationId"] = "getUserMeAgainV3".into();
        doc["paths"]["/v3/users/me/again"] = serde_json::json!({ "get": extra });
        let new_path = dir.join("heygen-external-api-2026-08-01.openapi.json");
        std::fs::write(&new_path, serde_json::to_vec(&doc).unwrap()).unwrap();

        let entry = update(&dir, Some(new_path.to_str().unwrap()), None, "2026-11-29")
            .unwrap()
            .expect("a new document");
        let lock = SpecLock::load(&dir).unwrap();
        std::fs::remove_dir_all(&dir).ok();

        assert_eq!(lock.file, "heygen-external-api-2026-08-01.openapi.json");
        assert_eq!((lock.date.as_str(), lock.operations), ("2026-08-01", 63));
        assert_eq!(
            lock.source, april.source,
            "a local file keeps the lock's URL"
        );
        assert_eq!(lock.history.len(), 1);
        assert_eq!(lock.history[0].file, "april.json");
        assert!(
            entry.starts_with("## [0.2.1+api.2026-08-01] - Unreleased\n"),
            "{entry}"
        );
        assert!(
            entry.contains(
                "### Added\n\n- operation `getUserMeAgainV3`: added (GET /v3/users/me/again)\n"
            ),
            "{entry}"
        );
        assert!(!entry.contains("Breaking"), "{entry}");
    }
}
