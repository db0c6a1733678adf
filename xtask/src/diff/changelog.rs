//! The CHANGELOG.md entry a report suggests: Keep a Changelog sections, breaking lines marked,
//! and a version whose build metadata names the API snapshot (`0.3.0+api.2026-08-01`).

use std::fmt::Write as _;

use super::{Change, Kind, Report};

/// The next version after `current`: a breaking change bumps the minor version before 1.0
/// (the major after), anything else the patch.
pub fn suggest_version(current: &str, report: &Report) -> String {
    let core = current.split(['+', '-']).next().unwrap_or(current);
    let mut parts = core.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    let (major, minor, patch) = (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    );
    let (major, minor, patch) = match (report.breaking() > 0, major) {
        (true, 0) => (0, minor + 1, 0),
        (true, _) => (major + 1, 0, 0),
        (false, 0) => (0, minor, patch + 1),
        (false, _) => (major, minor + 1, 0),
    };
    let date = report.to_date.as_deref().unwrap_or("unknown");
    format!("{major}.{minor}.{patch}+api.{date}")
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

/// The entry, in Markdown.
pub fn entry(report: &Report, version: &str) -> String {
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
