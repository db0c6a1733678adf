//! The `cargo xtask` binary as a maintainer runs it: exit statuses and output formats of
//! `diff`, and refused arguments. Reads the documents from the cache, like every xtask test.

use std::process::{Command, Output};

const APRIL: &str = "heygen-external-api-2026-04-08.openapi.json";
const JULY: &str = "heygen-external-api-2026-07-22.reconstructed.openapi.json";

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("the xtask binary runs")
}

fn pinned_file() -> String {
    let lock = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/spec.lock");
    let text = std::fs::read_to_string(lock).unwrap();
    let table: toml::Table = text.parse().unwrap();
    table["file"].as_str().unwrap().to_string()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn a_breaking_diff_exits_1_with_a_markdown_report() {
    let out = xtask(&["diff", "--from", APRIL, "--to", JULY]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}{}", stderr(&out));
    assert!(
        text.starts_with(&format!("# API diff: `{APRIL}` → `")),
        "{text}"
    );
    assert!(text.contains("\n## Breaking (8)\n"), "{text}");
    assert!(
        text.contains("- operation `getVideoAgentSession`: moved from GET /v3/video-agents/sessions/{session_id} to GET /v3/video-agents/{session_id} — "),
        "{text}"
    );
}

#[test]
fn the_pin_against_itself_exits_0_and_json_is_machine_readable() {
    let out = xtask(&["diff", "--to", &pinned_file(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["breaking"], 0);
    assert_eq!(report["changes"], serde_json::json!([]));
    assert_eq!(report["from"], report["to"]);
}

#[test]
fn json_lines_carry_kind_scope_verdict_and_reason() {
    let out = xtask(&["diff", "--from", APRIL, "--to", JULY, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let moved: Vec<&serde_json::Value> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "operation_moved")
        .collect();
    assert_eq!(moved.len(), 3);
    assert_eq!(
        moved[1]["scope"],
        serde_json::json!({"operation": "getVideoAgentSession"})
    );
    assert_eq!(moved[1]["breaking"], false);
    assert!(
        moved[1]["reason"]
            .as_str()
            .unwrap()
            .contains("keeps its name")
    );
}

#[test]
fn the_old_spelling_diffs_the_pin_against_the_document_given() {
    // `--from NEW`: from the pin back to April, which breaks.
    let out = xtask(&["diff", "--from", APRIL]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("old spelling"), "{}", stderr(&out));
    assert!(stdout(&out).contains(&format!("→ `{APRIL}`")));
}

#[test]
fn the_changelog_format_suggests_a_versioned_entry() {
    let out = xtask(&[
        "diff",
        "--from",
        APRIL,
        "--to",
        JULY,
        "--format",
        "changelog",
    ]);
    let text = stdout(&out);
    let heading = text.lines().next().unwrap();
    assert!(
        heading.starts_with("## [0.") && heading.ends_with(".0+api.2026-07-22] - Unreleased"),
        "a breaking change bumps the minor version: {heading}"
    );
    for section in ["\n### Added\n", "\n### Changed\n", "\n### Removed\n"] {
        assert!(text.contains(section), "{section} in {text}");
    }
    assert!(
        text.contains("- **Breaking:** operation `createVideoAgentSession`: removed (POST /v3/video-agents/sessions)\n"),
        "{text}"
    );
}

#[test]
fn errors_exit_2_and_unknown_arguments_are_refused() {
    let out = xtask(&["diff", "--to", &pinned_file(), "--colour"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unexpected argument `--colour`"),
        "{}",
        stderr(&out)
    );
    let out = xtask(&["diff", "--to", "/nonexistent/new.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("could not read /nonexistent/new.json"),
        "{}",
        stderr(&out)
    );
    let out = xtask(&["fetch", "--update-lock"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "the removed flag is refused, not ignored"
    );
}
