//! `cargo xtask update [--from PATH|URL] [--note TEXT] [--date YYYY-MM-DD] [--no-test]`: adopt a
//! new upstream document in one command: diff it against the pin, re-pin (the old pin moves to
//! `[[history]]`), generate, check, compare the generated Rust API, set the version and merge
//! the CHANGELOG.md entry, then prove the workspace (build every target, run the tests) and
//! end with the worklist: each failure tied to the change behind it and the hand-written place.

use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::diff::{Document, Report, changelog_entry, merge_changelog, suggest_version};
use crate::fetch::{count_operations, date_in, is_url, load_cached, read_source};
use crate::lock::{NewPin, SpecLock, sha256_hex};
use crate::{api_diff, check, generate, prove, worklist, workspace_version};

/// What `update` was asked to do besides adopting the document.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub note: Option<String>,
    /// The API date, when the document carries none (`info`, its file name).
    pub date: Option<String>,
    pub prove: prove::Options,
}

/// What `update` did.
#[derive(Debug)]
pub struct Outcome {
    /// The version set in Cargo.toml and the CHANGELOG.md entry for it.
    pub version: String,
    pub changelog: String,
    pub api: Vec<api_diff::ApiChange>,
    pub proof: prove::Proof,
    /// Each failure with its change and place, then what changes without a compile error.
    pub worklist: Vec<String>,
    /// New operations no hand-written method calls.
    pub new_operations: Vec<String>,
}

/// Returns whether the workspace is proven (builds, and its tests pass).
pub fn run(root: &Path, from: Option<&str>, options: &Options) -> Result<bool> {
    let Some(outcome) = update(root, from, options)? else {
        println!("nothing to update: the document is the pinned one");
        return Ok(true);
    };
    println!(
        "\n== CHANGELOG.md: the entry for {} (merged into an unreleased one)\n",
        outcome.version
    );
    print!("{}", outcome.changelog);
    let breaking = outcome.api.iter().filter(|c| c.breaking).count();
    println!(
        "\ngenerated Rust API: {} changes, {breaking} breaking",
        outcome.api.len()
    );
    for (step, took, ok) in &outcome.proof.steps {
        println!(
            "{step}: {} in {took:.0?}",
            if *ok { "ok" } else { "FAILED" }
        );
    }
    print!(
        "{}",
        worklist::markdown(&outcome.worklist, &outcome.new_operations)
    );
    Ok(outcome.proof.ok())
}

/// The API date of a document: `--date`, else a date in its `info` (`version`, or an
/// `x-…date…` key), else one in its file name. Never the day the command runs.
pub fn api_date(given: Option<&str>, doc: &Value, name: &str) -> Result<String> {
    if let Some(date) = given {
        return date_in(date)
            .filter(|d| d == date)
            .with_context(|| format!("--date {date}: expected YYYY-MM-DD"));
    }
    let info = &doc["info"];
    let dated = info["version"].as_str().and_then(date_in).or_else(|| {
        info.as_object()?
            .iter()
            .filter(|(k, _)| k.starts_with("x-") && k.contains("date"))
            .find_map(|(_, v)| v.as_str().and_then(date_in))
    });
    match dated.or_else(|| date_in(name)) {
        Some(date) => Ok(date),
        None => bail!(
            "{name}: no API date in its `info` nor its file name; pass --date YYYY-MM-DD (the \
             date HeyGen published it)"
        ),
    }
}

/// Everything but the final printing; `None` when the document is already pinned.
pub fn update(root: &Path, from: Option<&str>, options: &Options) -> Result<Option<Outcome>> {
    let Some(adopted) = adopt(root, from, options)? else {
        return Ok(None);
    };
    let proof = prove::run(root, &options.prove)?;
    let worklist = worklist::render(root, &proof.failures, &adopted.api, &adopted.spec);
    let new_operations = worklist::without_method(root, &adopted.spec);
    Ok(Some(Outcome {
        version: adopted.version,
        changelog: adopted.changelog,
        api: adopted.api,
        proof,
        worklist,
        new_operations,
    }))
}

/// The document adopted: pinned, generated, versioned.
pub struct Adopted {
    pub version: String,
    pub changelog: String,
    pub api: Vec<api_diff::ApiChange>,
    pub spec: Vec<crate::diff::Change>,
}

/// Re-pins, generates, checks, compares the generated API, sets the version and merges the
/// CHANGELOG.md entry; `None` when the document is already pinned.
pub fn adopt(root: &Path, from: Option<&str>, options: &Options) -> Result<Option<Adopted>> {
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
    let given = source.rsplit('/').next().unwrap_or(&source);
    let date = api_date(options.date.as_deref(), &new, given)?;
    let file = file_name(&lock, &source, &sha256, &date);
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
    let old_code = std::fs::read_to_string(root.join(generate::OUTPUT)).unwrap_or_default();

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
        note: options.note.clone(),
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
    let new_code = std::fs::read_to_string(root.join(generate::OUTPUT))?;
    let api = if old_code.is_empty() {
        Vec::new()
    } else {
        api_diff::between(&old_code, &new_code).context("comparing the generated code")?
    };
    print!("{}", api_diff::markdown(&api));

    // The version and its CHANGELOG entry, merged into an unreleased one.
    let changelog_path = root.join("CHANGELOG.md");
    let changelog = std::fs::read_to_string(&changelog_path).unwrap_or_default();
    let current = workspace_version(root)?;
    let version = suggest_version(&current, &report, &changelog);
    let entry = changelog_entry(&report, &version, &api);
    std::fs::write(&changelog_path, merge_changelog(&changelog, &entry))
        .context("writing CHANGELOG.md")?;
    set_version(root, &current, &version)?;

    Ok(Some(Adopted {
        version,
        changelog: entry,
        api,
        spec: report.changes,
    }))
}

/// Sets `[workspace.package] version` and the version requirements of the workspace's own
/// crates in Cargo.toml.
fn set_version(root: &Path, current: &str, version: &str) -> Result<()> {
    let path = root.join("Cargo.toml");
    let text = std::fs::read_to_string(&path).context("reading Cargo.toml")?;
    let core = |v: &str| v.split(['+', '-']).next().unwrap_or(v).to_string();
    let text = text
        .replace(
            &format!("version = \"{current}\""),
            &format!("version = \"{version}\""),
        )
        .lines()
        .map(|l| {
            if l.contains("path = ") && l.contains(&format!("version = \"{}\"", core(current))) {
                l.replace(
                    &format!("version = \"{}\"", core(current)),
                    &format!("version = \"{}\"", core(version)),
                )
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    std::fs::write(&path, text).context("writing Cargo.toml")
}

/// The cache name of a new document: a local file keeps its name when it carries a date;
/// anything else (the docs site serves `external-api.json`) is named after the API date. A
/// name the lock already uses for other bytes gets the sha256's first eight digits.
fn file_name(lock: &SpecLock, source: &str, sha256: &str, date: &str) -> String {
    let given = source.rsplit('/').next().unwrap_or(source);
    let name = if !is_url(source) && date_in(given).is_some() {
        given.to_string()
    } else {
        format!("heygen-external-api-{date}.openapi.json")
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
    fn new_documents_are_named_by_their_date() {
        let lock = SpecLock::load(&real_root()).unwrap();
        let date = "2026-11-29";
        assert_eq!(
            file_name(
                &lock,
                "https://developers.heygen.com/openapi/external-api.json",
                "ab",
                date
            ),
            "heygen-external-api-2026-11-29.openapi.json"
        );
        assert_eq!(
            file_name(
                &lock,
                "/tmp/x/heygen-external-api-2026-08-01.openapi.json",
                "ab",
                date
            ),
            "heygen-external-api-2026-08-01.openapi.json"
        );
        assert_eq!(
            file_name(&lock, "/tmp/download.json", "ab", date),
            "heygen-external-api-2026-11-29.openapi.json"
        );
        let taken = lock.file.clone();
        assert_eq!(
            file_name(
                &lock,
                &format!("/elsewhere/{taken}"),
                "0123456789abcdef",
                date
            ),
            format!("{}-01234567.json", taken.strip_suffix(".json").unwrap())
        );
        assert_eq!(
            file_name(&lock, &format!("/elsewhere/{taken}"), &lock.sha256, date),
            taken
        );
    }

    #[test]
    fn the_api_date_comes_from_the_document_never_from_today() {
        let doc = serde_json::json!({"info": {"version": "2026-09-01"}});
        assert_eq!(api_date(None, &doc, "x.json").unwrap(), "2026-09-01");
        let doc = serde_json::json!({"info": {"version": "1.0.0", "x-api-date": "2026-09-02"}});
        assert_eq!(api_date(None, &doc, "x.json").unwrap(), "2026-09-02");
        let doc = serde_json::json!({"info": {"version": "1.0.0"}});
        assert_eq!(
            api_date(None, &doc, "api-2026-09-03.json").unwrap(),
            "2026-09-03"
        );
        assert_eq!(
            api_date(Some("2026-09-04"), &doc, "api-2026-09-03.json").unwrap(),
            "2026-09-04"
        );
        let err = api_date(None, &doc, "external-api.json").unwrap_err();
        assert!(err.to_string().contains("--date"), "{err}");
        assert!(api_date(Some("tomorrow"), &doc, "x.json").is_err());
    }

    /// The whole adoption in a scratch folder: the pinned document pinned, a copy with one
    /// more operation adopted; the version and CHANGELOG.md entry written, merged into the
    /// unreleased one.
    #[test]
    fn adopt_repins_generates_checks_and_merges_the_changelog_entry() {
        let real = SpecLock::load(&real_root()).unwrap();
        let mut doc = load_cached_file(&real_root(), &real.file).unwrap();
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
        std::fs::copy(
            real_root().join(generate::OUTPUT),
            dir.join(generate::OUTPUT),
        )
        .unwrap();
        std::fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[workspace.package]\nversion = \"0.4.0+api.{d}\"\n\n[workspace.dependencies]\n\
                 heygen-sys = {{ path = \"heygen-sys\", version = \"0.4.0\" }}\n",
                d = real.date
            ),
        )
        .unwrap();
        std::fs::write(
            dir.join("CHANGELOG.md"),
            format!(
                "# Changelog\n\n## [0.4.0+api.{d}] - Unreleased\n\nWork so far.\n\n### Added\n\n- a thing\n\n\
                 ## [0.3.0+api.2020-01-01] - 2020-02-02\n\nOld.\n",
                d = real.date
            ),
        )
        .unwrap();
        let bytes = std::fs::read(real.cache_path(&real_root())).unwrap();
        std::fs::write(dir.join("openapi/cache").join(&real.file), &bytes).unwrap();
        SpecLock {
            history: Vec::new(),
            reference: Vec::new(),
            ..real.clone()
        }
        .save(&dir)
        .unwrap();

        let (path, item) = doc["paths"]
            .as_object()
            .unwrap()
            .iter()
            .find(|(_, item)| item.get("get").is_some())
            .map(|(p, i)| (p.clone(), i.clone()))
            .unwrap();
        let mut extra = item["get"].clone();
        extra["operationId"] = "getSomethingAgainV9".into();
        doc["paths"][format!("{path}/again")] = serde_json::json!({ "get": extra });
        doc["info"]["version"] = "9.9.9".into();
        let new_path = dir.join("heygen-external-api-2099-08-01.openapi.json");
        std::fs::write(&new_path, serde_json::to_vec(&doc).unwrap()).unwrap();

        let adopted = adopt(&dir, Some(new_path.to_str().unwrap()), &Options::default())
            .unwrap()
            .expect("a new document");
        let lock = SpecLock::load(&dir).unwrap();
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        let changelog = std::fs::read_to_string(dir.join("CHANGELOG.md")).unwrap();
        std::fs::remove_dir_all(&dir).ok();

        assert_eq!(lock.file, "heygen-external-api-2099-08-01.openapi.json");
        assert_eq!(
            (lock.date.as_str(), lock.operations),
            ("2099-08-01", real.operations + 1)
        );
        assert_eq!(
            lock.source, real.source,
            "a local file keeps the lock's URL"
        );
        assert_eq!(lock.history.len(), 1);
        assert_eq!(lock.history[0].file, real.file);
        // Non-breaking, and 0.4.0 is unreleased: the entry joins it, dated by the document.
        assert_eq!(adopted.version, "0.4.0+api.2099-08-01");
        assert!(
            manifest.contains("version = \"0.4.0+api.2099-08-01\"")
                && manifest.contains("version = \"0.4.0\" }"),
            "{manifest}"
        );
        assert!(
            adopted
                .changelog
                .contains("- operation `getSomethingAgainV9`: added ("),
            "{}",
            adopted.changelog
        );
        assert!(
            adopted
                .changelog
                .contains("- `Client::get_something_again_v9`: method added"),
            "{}",
            adopted.changelog
        );
        assert!(
            !adopted.changelog.contains("Breaking"),
            "{}",
            adopted.changelog
        );
        assert!(!adopted.api.iter().any(|c| c.breaking), "{:?}", adopted.api);
        assert_eq!(
            changelog.matches("] - Unreleased").count(),
            1,
            "{changelog}"
        );
        assert!(
            changelog.starts_with("# Changelog\n\n## [0.4.0+api.2099-08-01] - Unreleased\n"),
            "{changelog}"
        );
        let added = changelog.find("### Added").unwrap();
        assert!(
            changelog[added..].find("getSomethingAgainV9").unwrap()
                < changelog[added..].find("- a thing").unwrap(),
            "{changelog}"
        );
        assert!(changelog.contains("Work so far."), "{changelog}");
        assert!(changelog.contains("## [0.3.0+api.2020-01-01] - 2020-02-02\n\nOld.\n"));
    }
}
