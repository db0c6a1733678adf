//! `cargo xtask diff [--from OLD] --to NEW [--format markdown|json|changelog]`: what moving from
//! one upstream document to another changes for code written against this SDK.
//!
//! A semantic report, not a text diff: operations added, removed, moved (same id, new route),
//! renamed (same route, new id); parameters, bodies and fields added, removed or changed;
//! enum values; union members. Each line says whether it breaks users of the generated Rust
//! SDK and why. Both documents are read as OpenAPI 3.1, `$ref`s resolved (see `shape`).

mod change;
mod changelog;
mod operations;
mod schemas;
mod shape;
#[cfg(test)]
mod tests;
mod usage;

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

#[cfg(test)]
pub use change::Side;
pub use change::{Change, Kind, Scope};
pub use changelog::{entry as changelog_entry, merge as merge_changelog, suggest_version};

use crate::fetch::{date_in, is_url, load_cached, load_cached_file, read_source};
use crate::lock::{SpecLock, cache_dir};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Changelog,
}

impl std::str::FromStr for Format {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "markdown" | "md" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            "changelog" => Ok(Format::Changelog),
            _ => bail!("unknown --format {s} (markdown, json or changelog)"),
        }
    }
}

/// One document and what to call it.
pub struct Document {
    pub name: String,
    pub date: Option<String>,
    pub value: Value,
}

/// The classified changes between two documents.
pub struct Report {
    pub from: String,
    pub to: String,
    /// Date of the new document, when known.
    pub to_date: Option<String>,
    /// Operation counts, old and new.
    pub operations: (usize, usize),
    pub changes: Vec<Change>,
}

/// Which side writes each component of `doc`: requests, responses, or both.
#[cfg(test)]
pub fn component_sides(doc: &Value) -> std::collections::BTreeMap<String, Side> {
    usage::sides(shape::Doc(doc), shape::Doc(doc))
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

/// Every classified change, operations first, then component schemas.
pub fn compare(old: &Value, new: &Value) -> Vec<Change> {
    let mut differ = schemas::Differ::new(old, new);
    operations::compare(&mut differ);
    differ.components();
    differ.out
}

impl Report {
    pub fn new(old: &Document, new: &Document) -> Self {
        Report {
            from: old.name.clone(),
            to: new.name.clone(),
            to_date: new.date.clone(),
            operations: operations::counts(&old.value, &new.value),
            changes: compare(&old.value, &new.value),
        }
    }

    pub fn breaking(&self) -> usize {
        self.changes.iter().filter(|c| c.breaking).count()
    }

    pub fn count(&self, kind: Kind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }

    /// `62 → 100 operations: 44 added, 3 removed, 3 moved, 0 renamed; 30 breaking changes, 250 non-breaking.`
    pub fn summary(&self) -> String {
        format!(
            "{} → {} operations: {} added, {} removed, {} moved, {} renamed; {} breaking changes, {} non-breaking.",
            self.operations.0,
            self.operations.1,
            self.count(Kind::OperationAdded),
            self.count(Kind::OperationRemoved),
            self.count(Kind::OperationMoved),
            self.count(Kind::OperationRenamed),
            self.breaking(),
            self.changes.len() - self.breaking(),
        )
    }

    pub fn markdown(&self) -> String {
        let mut out = format!(
            "# API diff: `{}` → `{}`\n\n{}\n",
            self.from,
            self.to,
            self.summary()
        );
        for (title, breaking) in [("Breaking", true), ("Non-breaking", false)] {
            let lines: Vec<&Change> = self
                .changes
                .iter()
                .filter(|c| c.breaking == breaking)
                .collect();
            let _ = writeln!(out, "\n## {title} ({})\n", lines.len());
            for c in lines {
                let _ = writeln!(out, "- {}", c.line());
            }
        }
        out
    }

    pub fn json(&self) -> Value {
        json!({
            "from": self.from,
            "to": self.to,
            "operations": {"from": self.operations.0, "to": self.operations.1},
            "breaking": self.breaking(),
            "non_breaking": self.changes.len() - self.breaking(),
            "changes": self.changes,
        })
    }
}

/// Prints the report; returns whether anything breaks.
pub fn run(root: &Path, from: Option<&str>, to: &str, format: Format) -> Result<bool> {
    let (old, old_code) = match from {
        Some(source) => (load(root, source)?, None),
        None => {
            let (lock, value) = load_cached(root)?;
            let code = std::fs::read_to_string(root.join(crate::generate::OUTPUT)).ok();
            (
                Document {
                    name: lock.file,
                    date: Some(lock.date),
                    value,
                },
                code,
            )
        }
    };
    let new = load(root, to)?;
    let report = Report::new(&old, &new);
    // The generated Rust API of both documents, compared (the pin's is the committed code).
    let api = (|| -> Result<Vec<crate::api_diff::ApiChange>> {
        let old_code = match old_code {
            Some(code) => code,
            None => crate::generate::render_document(root, &old)?,
        };
        let new_code = crate::generate::render_document(root, &new)?;
        crate::api_diff::between(&old_code, &new_code)
    })();
    let api = match api {
        Ok(api) => api,
        Err(e) => {
            eprintln!("note: the generated Rust API could not be compared: {e:#}");
            Vec::new()
        }
    };
    match format {
        Format::Markdown => print!("{}{}", report.markdown(), crate::api_diff::markdown(&api)),
        Format::Json => {
            let mut json = report.json();
            json["rust_api"] = serde_json::to_value(&api)?;
            println!("{}", serde_json::to_string_pretty(&json)?)
        }
        Format::Changelog => {
            let changelog = std::fs::read_to_string(root.join("CHANGELOG.md")).unwrap_or_default();
            let version = suggest_version(&crate::workspace_version(root)?, &report, &changelog);
            print!("{}", changelog_entry(&report, &version, &api));
        }
    }
    Ok(report.breaking() > 0 || api.iter().any(|c| c.breaking))
}

/// A document from a path, a URL, or by file name from the cache (verified by the lock).
pub fn load(root: &Path, source: &str) -> Result<Document> {
    let name = source.rsplit('/').next().unwrap_or(source).to_string();
    let lock = SpecLock::load(root)?;
    let date = match lock.find(&name) {
        Some(locked) => Some(locked.date.to_string()),
        None => date_in(&name),
    };
    let value = if !is_url(source)
        && !Path::new(source).exists()
        && cache_dir(root).join(source).exists()
    {
        load_cached_file(root, source)?
    } else {
        serde_json::from_slice(&read_source(source)?)
            .with_context(|| format!("{source} is not JSON"))?
    };
    Ok(Document { name, date, value })
}
