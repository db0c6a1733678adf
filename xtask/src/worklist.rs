//! The worklist `update` ends with: every failure of the proof tied to the change behind it
//! (the generated-API change, and the document's change behind that) and to the hand-written
//! place; and the hand-written places a change reaches without a compile error (a new required
//! parameter of an operation a resource method calls, a retyped field), named with their method.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::api_diff::ApiChange;
use crate::diff::{Change, Scope};
use crate::prove::{Failure, Stage};

/// A hand-written line that uses something a change touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    pub file: String,
    pub line: usize,
    /// The function the line is in (`fn list_with`), when there is one.
    pub function: Option<String>,
}

impl Use {
    pub fn place(&self) -> String {
        match &self.function {
            Some(f) => format!("{}:{} (fn {f})", self.file, self.line),
            None => format!("{}:{}", self.file, self.line),
        }
    }
}

/// Comparable form of a name: `gif_url`, `gifUrl` and `GifUrl` are one.
fn norm(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The generated client's method for an operation id (`getVideoV3` → `get_video_v3`).
pub fn snake_method(operation_id: &str) -> String {
    snake(&crate::postpass::type_ident(operation_id))
}

fn snake(pascal: &str) -> String {
    let mut out = String::new();
    for (i, c) in pascal.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The document's change behind a generated-API change: a change of the component the type
/// is generated from (or of the operation a builder sends) about the same member.
pub fn behind<'a>(api: &ApiChange, spec: &'a [Change]) -> Option<&'a Change> {
    let ty = norm(api.type_name());
    let member = api.member().map(norm);
    let of_type = |c: &&Change| match &c.scope {
        Scope::Schema(s) => norm(s) == ty,
        Scope::Operation(id) => norm(id) == ty,
    };
    let about_member = |c: &&Change| match &member {
        Some(m) => {
            let text = format!("{} {}", c.at, c.change);
            text.split('`')
                .skip(1)
                .step_by(2)
                .any(|quoted| quoted.rsplit(['.', '<', '>']).any(|seg| norm(seg) == *m))
                || norm(&c.change).contains(m.as_str())
        }
        None => true,
    };
    spec.iter().filter(of_type).find(about_member).or_else(|| {
        spec.iter()
            .filter(|c| c.breaking == api.breaking)
            .find(about_member)
    })
}

/// How a change is named in the worklist: the document's change when one is behind it, with
/// the generated-API change it made.
pub fn label(api: &ApiChange, spec: &[Change]) -> String {
    let verdict = if api.breaking {
        "BREAKING"
    } else {
        "non-breaking"
    };
    let rust = format!("{}.{}", api.type_name(), api.member().unwrap_or_default());
    let rust = rust.trim_end_matches('.');
    match behind(api, spec) {
        Some(c) => format!(
            "{verdict} {rust} {} ({}: {})",
            api.change,
            c.subject(),
            c.change
        ),
        None => format!("{verdict} {rust} {}", api.change),
    }
}

/// The hand-written Rust files of the workspace (all but the generated code, `xtask/` and
/// build output).
pub fn hand_written(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            if path.is_dir() {
                if !["target", ".git", "xtask", "node_modules", "openapi"].contains(&name.as_str())
                    && !name.starts_with('.')
                {
                    stack.push(path);
                }
            } else if name.ends_with(".rs") && !path.ends_with("heygen-sys/src/generated.rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn has_word(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(i, _)| {
        let before = line[..i].chars().next_back();
        let after = line[i + word.len()..].chars().next();
        let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !ident(before) && !ident(after)
    })
}

/// The function line `line` (1-based) of `text` is in: the nearest `fn name` at or above it.
fn function_at(text: &str, line: usize) -> Option<String> {
    text.lines()
        .take(line)
        .collect::<Vec<_>>()
        .iter()
        .rev()
        .find_map(|l| {
            let t = l.trim_start();
            let rest = t
                .strip_prefix("pub ")
                .or(Some(t))?
                .trim_start_matches("pub(crate) ")
                .trim_start_matches("async ");
            let rest = rest.strip_prefix("fn ")?;
            Some(
                rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()?
                    .to_string(),
            )
        })
}

/// Hand-written lines a change reaches: for a builder parameter, every call of the client
/// method that makes the builder; for a field, variant or method, the lines naming it in files
/// that name its type.
pub fn uses(root: &Path, api: &ApiChange, files: &[(String, String)]) -> Vec<Use> {
    let ty = api.type_name();
    let (needle, scope_word) = if api.item.starts_with("builder::") {
        (format!(".{}()", snake(ty)), None)
    } else {
        match api.member() {
            Some(m) => (m.to_string(), Some(ty.to_string())),
            None => (ty.to_string(), None),
        }
    };
    let _ = root;
    let mut out = Vec::new();
    for (file, text) in files {
        if let Some(word) = &scope_word
            && !has_word(text, word)
        {
            continue;
        }
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            let hit = if needle.starts_with('.') {
                code.contains(&needle)
            } else {
                has_word(code, &needle)
            };
            if hit {
                out.push(Use {
                    file: file.clone(),
                    line: i + 1,
                    function: function_at(text, i + 1),
                });
            }
        }
    }
    // A field no line names: the lines naming its type (the methods that build or take it).
    if out.is_empty()
        && let Some(word) = scope_word
    {
        for (file, text) in files {
            for (i, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                if has_word(code, &word) && !code.trim_start().starts_with("use ") {
                    out.push(Use {
                        file: file.clone(),
                        line: i + 1,
                        function: function_at(text, i + 1),
                    });
                }
            }
        }
    }
    out
}

/// The failures' lines: each with the change(s) it names, or marked unexplained.
pub fn explain(failure: &Failure, api: &[ApiChange]) -> Vec<usize> {
    let mentions =
        |word: &str| has_word(&failure.context, word) || has_word(&failure.message, word);
    // A change whose member is named, with its type when the error says the type too.
    // Breaking changes first; a non-breaking one (a field added, which an exhaustive struct
    // literal in hand-written code does not name) only when no breaking one fits.
    let named = |breaking: bool| -> Vec<usize> {
        api.iter()
            .enumerate()
            .filter(|(_, c)| c.breaking == breaking && c.member().is_some_and(&mentions))
            .map(|(i, _)| i)
            .collect()
    };
    let by_member = match named(true) {
        found if found.is_empty() => named(false),
        found => found,
    };
    let both: Vec<usize> = by_member
        .iter()
        .copied()
        .filter(|&i| mentions(api[i].type_name()))
        .collect();
    // One cause per type and member (a field, its builder's parameter and setter are one).
    let first_per_member = |found: Vec<usize>| -> Vec<usize> {
        let mut seen = Vec::new();
        found
            .into_iter()
            .filter(|&i| {
                let key = (api[i].type_name(), api[i].member());
                let new = !seen.contains(&key);
                seen.push(key);
                new
            })
            .collect()
    };
    if !both.is_empty() {
        return first_per_member(both);
    }
    if !by_member.is_empty() {
        return first_per_member(by_member);
    }
    // A type renamed or removed, or a variant added where a match has no fallback.
    let by_type: Vec<usize> = api
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            (c.breaking && c.member().is_none() && mentions(c.type_name()))
                || (c.change == "variant added"
                    && failure.message.contains("not covered")
                    && c.member().is_some_and(|m| failure.context.contains(m)))
        })
        .map(|(i, _)| i)
        .collect();
    if !by_type.is_empty() {
        return by_type;
    }
    // Else any change of a type the failing code names (a test asserting a union's tags).
    let mut seen = Vec::new();
    api.iter()
        .enumerate()
        .filter(|(_, c)| {
            let ty = c.type_name();
            ty.chars().next().is_some_and(char::is_uppercase)
                && ty != "Client"
                && mentions(ty)
                && !seen.contains(&ty)
                && {
                    seen.push(ty);
                    true
                }
        })
        .map(|(i, _)| i)
        .collect()
}

/// The worklist: failures first (each with its change(s) and place), then what changed
/// without a compile error, with the hand-written methods it reaches.
pub fn render(
    root: &Path,
    failures: &[Failure],
    api: &[ApiChange],
    spec: &[Change],
) -> Vec<String> {
    let files: Vec<(String, String)> = hand_written(root)
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let rel = p.strip_prefix(root).ok()?.to_string_lossy().to_string();
            Some((rel, text))
        })
        .collect();
    let function = |file: &Option<String>, line: Option<usize>| -> Option<String> {
        let (file, line) = (file.as_ref()?, line?);
        let text = files.iter().find(|(f, _)| f == file)?.1.as_str();
        function_at(text, line)
    };
    let mut out = Vec::new();
    let mut explained = vec![false; api.len()];
    for f in failures {
        // A failed test names nothing itself: the lines at its failure do.
        let mut f = f.clone();
        if f.stage != Stage::Build
            && let (Some(file), Some(line)) = (&f.file, f.line)
            && let Some((_, text)) = files.iter().find(|(name, _)| name == file)
        {
            let lines: Vec<&str> = text.lines().collect();
            let from = line.saturating_sub(4);
            let to = (line + 2).min(lines.len());
            if from < to {
                f.context.push('\n');
                f.context.push_str(&lines[from..to].join("\n"));
            }
        }
        let f = &f;
        let stage = match f.stage {
            Stage::Build => "does not compile",
            Stage::Doctest => "doctest fails",
            Stage::Test => "test fails",
        };
        let place = match function(&f.file, f.line) {
            Some(name) => format!("{} (fn {name})", f.place()),
            None => f.place(),
        };
        let causes = explain(f, api);
        if causes.is_empty() {
            out.push(format!("UNEXPLAINED → {place}: {stage}: {}", f.message));
        }
        for i in causes {
            // The field, its builder's parameter and setter: one member, explained at once.
            let key = (api[i].type_name(), api[i].member());
            for (j, c) in api.iter().enumerate() {
                if (c.type_name(), c.member()) == key {
                    explained[j] = true;
                }
            }
            out.push(format!(
                "{} → {place}: {stage}: {}",
                label(&api[i], spec),
                f.message
            ));
        }
    }
    // What compiles but behaves differently: a required parameter the hand-written calls do
    // not set; a field whose type changed.
    let mut reported: Vec<(String, String)> = Vec::new();
    for (i, c) in api.iter().enumerate() {
        let silent = c.change.contains("required") || c.change.starts_with("type ");
        if !c.breaking || explained[i] || !silent {
            continue;
        }
        let key = (
            c.type_name().to_string(),
            c.member().unwrap_or_default().to_string(),
        );
        if reported.contains(&key) {
            continue;
        }
        reported.push(key);
        for u in capped(uses(root, c, &files)) {
            let what = if c.item.starts_with("builder::") {
                "compiles, but its requests fail until it is set"
            } else {
                "compiles, but reads or sends the new type"
            };
            out.push(format!("{} → {}: {what}", label(c, spec), u.place()));
        }
    }
    // A breaking change of the document the generated API does not show (a nullable field
    // made required keeps its `Option`): the hand-written code sending or reading its type.
    let covered: Vec<&Change> = api.iter().filter_map(|a| behind(a, spec)).collect();
    for c in spec.iter().filter(|c| c.breaking && !covered.contains(c)) {
        let (name, member) = spec_names(c);
        let shown = api.iter().any(|a| {
            a.breaking
                && norm(a.type_name()) == norm(&name)
                && a.member().map(norm) == Some(norm(&member))
        });
        if shown {
            continue;
        }
        let probe = ApiChange {
            breaking: true,
            item: match &c.scope {
                Scope::Schema(_) => format!("types::{name}.{member}"),
                Scope::Operation(_) => format!("builder::{name}.{member}"),
            },
            change: c.change.clone(),
            reason: c.reason.clone(),
        };
        for u in capped(uses(root, &probe, &files)) {
            out.push(format!(
                "BREAKING {name}.{member} {} ({}: {}) → {}: compiles, but {}",
                c.change,
                c.subject(),
                c.change,
                u.place(),
                c.reason.trim_end_matches('.')
            ));
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|l| seen.insert(l.clone()));
    out
}

/// At most five places per change (the worklist names where to look, not every line).
fn capped(mut uses: Vec<Use>) -> Vec<Use> {
    uses.truncate(5);
    uses
}

/// The Rust type a document change is about and the member (the last name quoted in `at`).
fn spec_names(c: &Change) -> (String, String) {
    let name = match &c.scope {
        Scope::Schema(s) | Scope::Operation(s) => crate::postpass::type_ident(s),
    };
    let member =
        c.at.split('`')
            .nth(1)
            .and_then(|path| path.rsplit(['.', '<', '>']).find(|s| !s.is_empty()))
            .unwrap_or_default()
            .to_string();
    (name, member)
}

/// The new operations no hand-written method calls (reachable through `client.raw()` only).
pub fn without_method(root: &Path, spec: &[Change]) -> Vec<String> {
    let files: Vec<String> = hand_written(root)
        .into_iter()
        .filter(|p| p.starts_with(root.join("heygen/src")))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    spec.iter()
        .filter(|c| c.kind == crate::diff::Kind::OperationAdded)
        .filter_map(|c| match &c.scope {
            Scope::Operation(id) => Some(id),
            Scope::Schema(_) => None,
        })
        .filter(|id| {
            let call = format!(".{}()", snake_method(id));
            !files.iter().any(|t| t.contains(&call))
        })
        .map(|id| {
            format!(
                "NEW operation `{id}` has no resource method: reach it with `client.raw().{}()`",
                snake_method(id)
            )
        })
        .collect()
}

/// The worklist as the report prints it.
pub fn markdown(lines: &[String], new_ops: &[String]) -> String {
    let mut out = String::from("\n## Worklist\n\n");
    if lines.is_empty() && new_ops.is_empty() {
        out.push_str("Nothing: the workspace builds and its tests pass.\n");
    }
    for l in lines.iter().chain(new_ops) {
        let _ = writeln!(out, "- {l}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{Kind, Scope};

    fn api(item: &str, change: &str) -> ApiChange {
        ApiChange {
            breaking: true,
            item: item.into(),
            change: change.into(),
            reason: String::new(),
        }
    }

    fn spec(scope: Scope, at: &str, change: &str) -> Change {
        Change {
            breaking: true,
            kind: Kind::FieldRemoved,
            scope,
            at: at.into(),
            change: change.into(),
            reason: String::new(),
        }
    }

    #[test]
    fn a_compile_error_is_tied_to_its_change_and_place() {
        let root = std::env::temp_dir().join(format!("xtask-worklist-{}", std::process::id()));
        std::fs::create_dir_all(root.join("heygen/src")).unwrap();
        std::fs::write(
            root.join("heygen/src/download.rs"),
            "impl X {\n    pub fn gif(&self, d: &VideoDetail) -> String {\n        d.gif_url.clone()\n    }\n}\n\
             fn list() { raw.list_videos().send() }\n",
        )
        .unwrap();
        let api = vec![
            api("types::VideoDetail.gif_url", "removed"),
            api("builder::ListVideos.project_id", "required parameter added"),
        ];
        let spec = vec![
            spec(
                Scope::Schema("VideoDetail".into()),
                "response `gif_url`",
                "removed",
            ),
            spec(
                Scope::Operation("listVideos".into()),
                "query parameter `project_id`",
                "added, required",
            ),
        ];
        let failure = Failure {
            stage: Stage::Build,
            file: Some("heygen/src/download.rs".into()),
            line: Some(3),
            message: "no field `gif_url` on type `&VideoDetail`".into(),
            context: "        d.gif_url.clone()".into(),
        };
        let lines = render(&root, &[failure], &api, &spec);
        std::fs::remove_dir_all(&root).ok();
        assert_eq!(
            lines,
            [
                "BREAKING VideoDetail.gif_url removed (schema `VideoDetail` response `gif_url`: removed) → heygen/src/download.rs:3 (fn gif): does not compile: no field `gif_url` on type `&VideoDetail`",
                "BREAKING ListVideos.project_id required parameter added (operation `listVideos` query parameter `project_id`: added, required) → heygen/src/download.rs:6 (fn list): compiles, but its requests fail until it is set",
            ]
        );
    }

    #[test]
    fn a_struct_literal_missing_a_new_field_is_tied_to_the_field() {
        let f = Failure {
            stage: Stage::Build,
            file: Some("heygen/src/x.rs".into()),
            line: Some(9),
            message: "missing field `extra` in initializer of `heygen_sys::types::Req`".into(),
            context: String::new(),
        };
        let added = ApiChange {
            breaking: false,
            item: "types::Req.extra".into(),
            change: "field added".into(),
            reason: String::new(),
        };
        assert_eq!(explain(&f, &[api("types::Other.b", "removed"), added]), [1]);
    }

    #[test]
    fn unexplained_failures_are_listed_as_such() {
        let f = Failure {
            stage: Stage::Test,
            file: Some("tests/x.rs".into()),
            line: Some(1),
            message: "test `t` failed: boom".into(),
            context: String::new(),
        };
        assert!(explain(&f, &[api("types::A.b", "removed")]).is_empty());
    }
}
