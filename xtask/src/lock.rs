//! `openapi/spec.lock`: which upstream document the generated code comes from, which
//! documents it came from before (so a diff against any of them can be reproduced), and which
//! other documents the tests read (`[[reference]]`, e.g. the legacy per-operation shapes).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecLock {
    /// Public URL of the pinned document; `cargo xtask fetch` and `update` read it by default.
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
    /// What a reader must know about the pinned file, e.g. that it is not the byte-for-byte
    /// document served at `source`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The documents pinned before this one, most recent first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Entry>,
    /// Documents the tests read that are never pinned nor generated from (the legacy
    /// per-operation shapes the migration tests validate against); fetched and verified like
    /// the pin, never committed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reference: Vec<Entry>,
}

/// A document the lock names besides the pin: a previously pinned one (`[[history]]`) or a
/// reference document (`[[reference]]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// File name in the cache.
    pub file: String,
    pub sha256: String,
    /// Where the document can be downloaded: a URL, or a path relative to the workspace root.
    pub source: String,
    /// Date of the document.
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One document the lock names (the pin, a history entry or a reference): enough to fetch and
/// verify it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locked<'a> {
    pub file: &'a str,
    pub sha256: &'a str,
    pub source: &'a str,
    pub date: &'a str,
    pub role: Role,
}

/// Which table of the lock a document comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The pinned document, the one the code is generated from.
    Pin,
    /// A document pinned before.
    History,
    /// A document the tests read besides the API description.
    Reference,
}

impl Role {
    /// How `fetch` names it.
    pub fn name(self) -> &'static str {
        match self {
            Role::Pin => "pinned",
            Role::History => "history",
            Role::Reference => "reference",
        }
    }
}

/// A document about to become the pin.
#[derive(Debug, Clone)]
pub struct NewPin {
    pub source: String,
    pub file: String,
    pub sha256: String,
    pub openapi: String,
    pub operations: usize,
    pub date: String,
    pub note: Option<String>,
}

const HEADER: &str = "\
# The pinned upstream API description. `cargo xtask fetch` fills openapi/cache/ with it (and with
# the previously pinned documents under [[history]] and the documents the tests read under
# [[reference]]), verified against `sha256`;
# `cargo xtask update` diffs a new document against it, re-pins and regenerates (see openapi/README.md).
";

impl SpecLock {
    pub fn load(root: &Path) -> Result<Self> {
        let path = root.join("openapi/spec.lock");
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        Self::parse(&text).with_context(|| format!("parsing {}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Self> {
        Ok(toml::from_str(text)?)
    }

    /// The file's text: a comment, the pin, then `[[history]]` tables.
    pub fn render(&self) -> Result<String> {
        Ok(format!("{HEADER}{}", toml::to_string(self)?))
    }

    pub fn save(&self, root: &Path) -> Result<()> {
        std::fs::write(root.join("openapi/spec.lock"), self.render()?)
            .context("writing openapi/spec.lock")
    }

    /// Where `xtask fetch` keeps the pinned document (git-ignored).
    pub fn cache_path(&self, root: &Path) -> PathBuf {
        cache_dir(root).join(&self.file)
    }

    /// The API descriptions: the pin, then the history, most recent first.
    pub fn documents(&self) -> impl Iterator<Item = Locked<'_>> {
        let pin = Locked {
            file: &self.file,
            sha256: &self.sha256,
            source: &self.source,
            date: &self.date,
            role: Role::Pin,
        };
        std::iter::once(pin).chain(self.history.iter().map(|h| h.locked(Role::History)))
    }

    /// Every file `fetch` caches: the API descriptions, then the references.
    pub fn files(&self) -> impl Iterator<Item = Locked<'_>> {
        self.documents()
            .chain(self.reference.iter().map(|r| r.locked(Role::Reference)))
    }

    /// The pin or history entry (not a reference) with this file name.
    pub fn find(&self, file: &str) -> Option<Locked<'_>> {
        self.documents().find(|d| d.file == file)
    }

    /// Makes `new` the pin; the current pin becomes the first history entry. A document that
    /// is pinned again leaves the history, so every file appears once.
    pub fn repin(&mut self, new: NewPin) {
        let previous = Entry {
            file: std::mem::replace(&mut self.file, new.file),
            sha256: std::mem::replace(&mut self.sha256, new.sha256),
            source: std::mem::replace(&mut self.source, new.source),
            date: std::mem::replace(&mut self.date, new.date),
            note: std::mem::replace(&mut self.note, new.note),
        };
        self.openapi = new.openapi;
        self.operations = new.operations;
        self.history
            .retain(|h| h.file != self.file && h.file != previous.file);
        if previous.file != self.file {
            self.history.insert(0, previous);
        }
    }
}

impl Entry {
    fn locked(&self, role: Role) -> Locked<'_> {
        Locked {
            file: &self.file,
            sha256: &self.sha256,
            source: &self.source,
            date: &self.date,
            role,
        }
    }
}

/// The git-ignored folder holding every document the lock names.
pub fn cache_dir(root: &Path) -> PathBuf {
    root.join("openapi/cache")
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

    const APRIL: &str = "b29fc05688f6f84db84c87d5e239b21eb8b1510075feccade7236efdeebe6b99";

    fn april() -> SpecLock {
        SpecLock {
            source: "https://example.test/april.json".into(),
            file: "april.json".into(),
            sha256: APRIL.into(),
            openapi: "3.1.0".into(),
            operations: 62,
            date: "2026-04-08".into(),
            note: None,
            history: Vec::new(),
            reference: Vec::new(),
        }
    }

    fn pin(file: &str, date: &str, note: Option<&str>) -> NewPin {
        NewPin {
            source: format!("https://example.test/{file}"),
            file: file.into(),
            sha256: sha256_hex(file.as_bytes()),
            openapi: "3.1.0".into(),
            operations: 100,
            date: date.into(),
            note: note.map(str::to_string),
        }
    }

    #[test]
    fn the_committed_lock_parses_and_round_trips_byte_for_byte() {
        let path = crate::workspace_root().join("openapi/spec.lock");
        let text = std::fs::read_to_string(path).unwrap();
        let lock = SpecLock::parse(&text).unwrap();
        assert_eq!(lock.render().unwrap(), text);
        // Whatever is pinned: a reconstruction says so; the April document stays in the lock
        // (pinned or in the history, which only grows); every entry is found by its file.
        if lock.file.contains("reconstructed") {
            assert!(
                lock.note.is_some(),
                "the pin is a reconstruction and says so"
            );
        }
        assert!(
            lock.sha256 == APRIL || lock.history.iter().any(|h| h.sha256 == APRIL),
            "the April document is pinned or in the history"
        );
        for h in &lock.history {
            assert_eq!(lock.find(&h.file).unwrap().sha256, h.sha256);
        }
        assert_eq!(lock.find(&lock.file).unwrap().role, Role::Pin);
        let legacy = &lock.reference[0];
        assert_eq!(
            (legacy.file.as_str(), legacy.sha256.as_str()),
            (
                "legacy-operations-2026-04-06.json",
                "84672c0e640abbf714306fe5e9d36073579fb2070b33c0d0d7e8a56140c12cb0"
            )
        );
        assert!(
            lock.find(&legacy.file).is_none(),
            "a reference is no API description"
        );
        // The pin first, then its history (one entry per earlier pin), then the references.
        let rank = |role: &Role| match role {
            Role::Pin => 0,
            Role::History => 1,
            Role::Reference => 2,
        };
        let roles: Vec<_> = lock.files().map(|f| f.role).collect();
        assert_eq!(roles.first(), Some(&Role::Pin));
        assert!(
            roles.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])),
            "{roles:?}"
        );
        assert_eq!(roles.iter().filter(|r| **r == Role::Pin).count(), 1);
        assert_eq!(
            roles.iter().filter(|r| **r == Role::History).count(),
            lock.history.len()
        );
        assert!(!lock.history.is_empty() && !lock.reference.is_empty());
    }

    #[test]
    fn repinning_moves_the_old_pin_to_the_front_of_the_history() {
        let mut lock = april();
        let legacy = Entry {
            file: "legacy.json".into(),
            sha256: sha256_hex(b"legacy"),
            source: "../shared/legacy.json".into(),
            date: "2026-04-06".into(),
            note: None,
        };
        lock.reference.push(legacy.clone());
        lock.repin(pin("july.json", "2026-07-22", Some("reconstructed")));
        lock.repin(pin("august.json", "2026-08-01", None));
        assert_eq!(lock.file, "august.json");
        assert_eq!(lock.note, None);
        assert_eq!(lock.operations, 100);
        let history: Vec<_> = lock
            .history
            .iter()
            .map(|h| (h.file.as_str(), h.date.as_str(), h.note.as_deref()))
            .collect();
        assert_eq!(
            history,
            [
                ("july.json", "2026-07-22", Some("reconstructed")),
                ("april.json", "2026-04-08", None),
            ]
        );
        assert_eq!(lock.reference, [legacy], "references stay through re-pins");
        let text = lock.render().unwrap();
        assert_eq!(text.matches("\n[[history]]\n").count(), 2, "{text}");
        assert_eq!(SpecLock::parse(&text).unwrap(), lock);
    }

    #[test]
    fn pinning_a_document_from_the_history_again_keeps_each_file_once() {
        let mut lock = april();
        lock.repin(pin("july.json", "2026-07-22", None));
        lock.repin(pin("april.json", "2026-04-08", None));
        let files: Vec<_> = lock.documents().map(|d| d.file).collect();
        assert_eq!(files, ["april.json", "july.json"]);
        let mut same = lock.clone();
        same.repin(pin("april.json", "2026-04-08", None));
        assert_eq!(same.history, lock.history);
    }

    #[test]
    fn a_lock_without_note_or_history_still_parses_and_unknown_keys_are_refused() {
        let old = "source = \"s\"\nfile = \"f\"\nsha256 = \"x\"\nopenapi = \"3.1.0\"\noperations = 62\ndate = \"2026-04-08\"\n";
        let lock = SpecLock::parse(old).unwrap();
        assert_eq!((lock.note, lock.history.len()), (None, 0));
        let err = SpecLock::parse(&format!("{old}notes = \"typo\"\n")).unwrap_err();
        assert!(format!("{err:#}").contains("notes"), "{err:#}");
        let err = SpecLock::parse(&format!("{old}[[history]]\nfile = \"a\"\n")).unwrap_err();
        assert!(format!("{err:#}").contains("sha256"), "{err:#}");
    }
}
