//! The CHANGELOG.md entry a report suggests: Keep a Changelog sections, breaking lines marked,
//! and a version whose build metadata names the API snapshot (`0.3.0+api.2026-08-01`).

use std::fmt::Write as _;

use super::{Change, Kind, Report};
use crate::api_diff::ApiChange;

type Core = (u64, u64, u64);

fn core(version: &str) -> Core {
    let core = version.split(['+', '-']).next().unwrap_or(version);
    let mut parts = core.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

/// A breaking change bumps the minor version before 1.0 (the major after), anything else the
/// patch.
fn bump((major, minor, patch): Core, breaking: bool) -> Core {
    match (breaking, major) {
        (true, 0) => (0, minor + 1, 0),
        (true, _) => (major + 1, 0, 0),
        (false, 0) => (0, minor, patch + 1),
        (false, _) => (major, minor + 1, 0),
    }
}

/// The next version after `current`, whose build metadata names the new document's date.
/// When `changelog`'s first entry is `current` and unreleased, the new changes join it: the
/// version is the bump from the last released one, unless `current` is already past that.
pub fn suggest_version(current: &str, report: &Report, changelog: &str) -> String {
    let breaking = report.breaking() > 0;
    let headings: Vec<(String, String)> = changelog
        .lines()
        .filter_map(|l| l.strip_prefix("## ["))
        .filter_map(|l| l.split_once("] - "))
        .map(|(v, d)| (v.to_string(), d.trim().to_string()))
        .collect();
    let unreleased = headings
        .first()
        .is_some_and(|(v, d)| d == "Unreleased" && core(v) == core(current));
    let (major, minor, patch) = if unreleased {
        match headings.iter().find(|(_, d)| d != "Unreleased") {
            Some((released, _)) => bump(core(released), breaking).max(core(current)),
            None => core(current),
        }
    } else {
        bump(core(current), breaking)
    };
    let date = report.to_date.as_deref().unwrap_or("unknown");
    format!("{major}.{minor}.{patch}+api.{date}")
}

/// `changelog` with `entry` in it: merged into the first entry when that one is unreleased
/// (its heading replaced; the new summary first; each section's new lines first), else
/// inserted before the first entry.
pub fn merge(changelog: &str, entry: &str) -> String {
    let Some(start) = changelog.find("\n## [").map(|i| i + 1) else {
        return format!("{}\n\n{entry}", changelog.trim_end());
    };
    let (head, rest) = changelog.split_at(start);
    let first_end = rest[1..].find("\n## [").map_or(rest.len(), |i| i + 2);
    let (first, older) = rest.split_at(first_end);
    let heading = first.lines().next().unwrap_or_default();
    if !heading.ends_with("] - Unreleased") {
        return format!("{head}{}\n\n{rest}", entry.trim_end());
    }
    let (new_heading, new_body) = entry.split_once('\n').unwrap_or((entry, ""));
    let old_body = &first[heading.len()..];
    let (new_pre, new_sections) = sections(new_body);
    let (old_pre, mut old_sections) = sections(old_body);
    for (title, lines) in new_sections {
        match old_sections.iter_mut().find(|(t, _)| *t == title) {
            Some((_, old)) => {
                let mut merged = lines;
                merged.append(old);
                *old = merged;
            }
            None => old_sections.push((title, lines)),
        }
    }
    let mut out = format!(
        "{head}{new_heading}\n\n{}\n\n{}\n",
        new_pre.trim(),
        old_pre.trim()
    );
    for (title, lines) in old_sections {
        let body = lines.join("\n");
        let _ = write!(out, "\n{title}\n\n{}\n", body.trim());
    }
    if !older.is_empty() {
        out.push('\n');
    }
    out + older
}

/// A body's text before its first `### ` heading, and each `### ` section's lines.
fn sections(body: &str) -> (String, Vec<(String, Vec<String>)>) {
    let mut pre = String::new();
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in body.lines() {
        if line.starts_with("### ") {
            out.push((line.to_string(), Vec::new()));
        } else if let Some((_, lines)) = out.last_mut() {
            lines.push(line.to_string());
        } else {
            pre.push_str(line);
            pre.push('\n');
        }
    }
    for (_, lines) in &mut out {
        while lines.first().is_some_and(|l| l.trim().is_empty()) {
            lines.remove(0);
        }
        while lines.last().is_some_and(|l| l.trim().is_empty()) {
            lines.pop();
        }
    }
    (pre, out)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Added,
    Changed,
    Removed,
}

fn section(c: &Change) -> Section {
    use Kind::*;
    match c.kind {
        OperationAdded | SchemaAdded | FieldAdded | ParameterAdded | BodyAdded | EnumValueAdded
        | UnionMemberAdded
            if !c.breaking =>
        {
            Section::Added
        }
        OperationRemoved | SchemaRemoved | FieldRemoved | ParameterRemoved | BodyRemoved
        | EnumValueRemoved | UnionMemberRemoved => Section::Removed,
        _ => Section::Changed,
    }
}

/// The entry, in Markdown; `api` (the generated-API changes, when known) adds its section.
pub fn entry(report: &Report, version: &str, api: &[ApiChange]) -> String {
    let mut out = format!(
        "## [{version}] - Unreleased\n\nFollows HeyGen's API document `{}` (was `{}`). {}\n",
        report.to,
        report.from,
        report.summary()
    );
    for (title, which) in [
        ("Added", Section::Added),
        ("Changed", Section::Changed),
        ("Removed", Section::Removed),
    ] {
        let lines = bullets(report.changes.iter().filter(|c| section(c) == which));
        if !lines.is_empty() {
            let _ = writeln!(out, "\n### {title}\n");
            for line in lines {
                let _ = writeln!(out, "- {line}");
            }
        }
    }
    if !api.is_empty() {
        let breaking = api.iter().filter(|c| c.breaking).count();
        let _ = writeln!(
            out,
            "\n### Generated Rust API\n\n{breaking} breaking, {} non-breaking (from the generated code).\n",
            api.len() - breaking
        );
        for c in api
            .iter()
            .filter(|c| c.breaking)
            .chain(api.iter().filter(|c| !c.breaking))
        {
            let mark = if c.breaking { "**Breaking:** " } else { "" };
            let _ = writeln!(out, "- {mark}`{}`: {}", c.item, c.change);
        }
    }
    out
}

/// Operations one per line; new types on one line; other changes grouped per operation or
/// schema, breaking ones first.
fn bullets<'a>(changes: impl Iterator<Item = &'a Change>) -> Vec<String> {
    let changes: Vec<&Change> = changes.collect();
    let mut out = Vec::new();
    for breaking in [true, false] {
        let mark = if breaking { "**Breaking:** " } else { "" };
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for c in changes.iter().filter(|c| c.breaking == breaking) {
            match c.kind {
                Kind::OperationAdded
                | Kind::OperationRemoved
                | Kind::OperationMoved
                | Kind::OperationRenamed => out.push(format!("{mark}{}: {}", c.scope, c.change)),
                Kind::SchemaAdded => {}
                _ => {
                    let item = format!("{} {}", c.at.trim_start_matches("at "), c.change);
                    let scope = c.scope.to_string();
                    match groups.iter_mut().find(|(s, _)| *s == scope) {
                        Some((_, items)) => items.push(item.trim().to_string()),
                        None => groups.push((scope, vec![item.trim().to_string()])),
                    }
                }
            }
        }
        let types: Vec<String> = changes
            .iter()
            .filter(|c| c.breaking == breaking && c.kind == Kind::SchemaAdded)
            .map(|c| {
                c.scope
                    .to_string()
                    .trim_start_matches("schema ")
                    .to_string()
            })
            .collect();
        if !types.is_empty() {
            out.push(format!("{mark}New types: {}", types.join(", ")));
        }
        out.extend(
            groups
                .into_iter()
                .map(|(scope, items)| format!("{mark}{scope}: {}", items.join("; "))),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(breaking: bool, date: &str) -> Report {
        let change = Change {
            breaking,
            kind: Kind::FieldRemoved,
            scope: super::super::Scope::Schema("A".into()),
            at: String::new(),
            change: "removed".into(),
            reason: String::new(),
        };
        Report {
            from: "old.json".into(),
            to: "new.json".into(),
            to_date: Some(date.into()),
            operations: (1, 1),
            changes: vec![change],
        }
    }

    const CHANGELOG: &str = "# Changelog\n\nIntro.\n\n## [0.2.0+api.2026-07-22] - Unreleased\n\nSo far.\n\n### Added\n\n- old thing\n\n## [0.1.0+api.2026-04-08] - 2026-11-29\n\nFirst.\n";

    #[test]
    fn an_unreleased_version_absorbs_the_next_document() {
        let current = "0.2.0+api.2026-07-22";
        // Breaking or not, 0.2.0 is already the bump from the released 0.1.0.
        for breaking in [false, true] {
            assert_eq!(
                suggest_version(current, &report(breaking, "2026-09-01"), CHANGELOG),
                "0.2.0+api.2026-09-01"
            );
        }
        // After a release, the bump is from the current version.
        let released = CHANGELOG.replace("] - Unreleased", "] - 2026-08-01");
        assert_eq!(
            suggest_version(current, &report(false, "2026-09-01"), &released),
            "0.2.1+api.2026-09-01"
        );
        assert_eq!(
            suggest_version(current, &report(true, "2026-09-01"), &released),
            "0.3.0+api.2026-09-01"
        );
    }

    #[test]
    fn a_new_entry_merges_into_the_unreleased_one() {
        let entry = "## [0.2.0+api.2026-09-01] - Unreleased\n\nFollows new.json.\n\n### Added\n\n- new thing\n\n### Removed\n\n- gone\n";
        let merged = merge(CHANGELOG, entry);
        assert_eq!(
            merged,
            "# Changelog\n\nIntro.\n\n## [0.2.0+api.2026-09-01] - Unreleased\n\nFollows new.json.\n\nSo far.\n\n\
             ### Added\n\n- new thing\n- old thing\n\n### Removed\n\n- gone\n\n\
             ## [0.1.0+api.2026-04-08] - 2026-11-29\n\nFirst.\n"
        );
        // Before a released entry, the new one is inserted.
        let released = CHANGELOG.replace("] - Unreleased", "] - 2026-08-01");
        let merged = merge(&released, entry);
        assert!(
            merged.starts_with("# Changelog\n\nIntro.\n\n## [0.2.0+api.2026-09-01] - Unreleased\n")
        );
        assert!(
            merged.contains("- gone\n\n## [0.2.0+api.2026-07-22] - 2026-08-01\n"),
            "{merged}"
        );
    }
}
