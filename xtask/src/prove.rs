//! Proving the workspace after a regeneration: build every target (libraries, tests, examples,
//! benches, the `testing` feature), compile and run the doctests, then run the tests (unless
//! told not to). Each failure is kept with where it happened (file:line) and the names it
//! mentions, so the worklist can tie it to the change behind it.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use serde_json::Value;

/// What `update` runs after generating.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Build everything but run no tests (doctests are compiled and run: most are `no_run`).
    pub no_test: bool,
    /// Test names to skip (passed to the test harness as `--skip NAME`).
    pub skip: Vec<String>,
    /// `CARGO_TARGET_DIR` for the builds (default: cargo's own choice).
    pub target_dir: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Build,
    Doctest,
    Test,
}

/// One compile error or failed test.
#[derive(Debug, Clone)]
pub struct Failure {
    pub stage: Stage,
    /// Workspace-relative file and line of the error, or of a failed test's panic.
    pub file: Option<String>,
    pub line: Option<usize>,
    /// The message (rustc's first line, or a test's name and its panic message).
    pub message: String,
    /// Everything the error names: its text and the source text it points at.
    pub context: String,
}

impl Failure {
    pub fn place(&self) -> String {
        match (&self.file, self.line) {
            (Some(f), Some(l)) => format!("{f}:{l}"),
            (Some(f), None) => f.clone(),
            _ => "?".into(),
        }
    }
}

/// What the proof found, and how long each step took.
#[derive(Debug, Default)]
pub struct Proof {
    pub failures: Vec<Failure>,
    pub steps: Vec<(String, Duration, bool)>,
}

impl Proof {
    pub fn ok(&self) -> bool {
        self.steps.iter().all(|(_, _, ok)| *ok)
    }
}

fn cargo(root: &Path, options: &Options) -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root).env("CARGO_TERM_COLOR", "never");
    if let Some(dir) = &options.target_dir {
        c.env("CARGO_TARGET_DIR", dir);
    }
    c
}

pub fn run(root: &Path, options: &Options) -> Result<Proof> {
    let mut proof = Proof::default();
    let features = ["--features", "heygen-sdk/testing"];

    // 1. Every target, with rustc's diagnostics as JSON.
    let started = Instant::now();
    println!("== building every target (cargo test --workspace --all-targets --no-run)");
    let out = cargo(root, options)
        .args(["test", "--workspace", "--all-targets", "--no-run"])
        .args(features)
        .args(["--message-format=json"])
        .output()
        .context("running cargo")?;
    let built = out.status.success();
    proof
        .failures
        .extend(compiler_errors(&String::from_utf8_lossy(&out.stdout)));
    if !built && proof.failures.is_empty() {
        proof.failures.push(Failure {
            stage: Stage::Build,
            file: None,
            line: None,
            message: last_lines(&String::from_utf8_lossy(&out.stderr), 5),
            context: String::new(),
        });
    }
    proof.steps.push(("build".into(), started.elapsed(), built));
    if !built {
        return Ok(proof);
    }

    // 2. The doctests (compiled by rustdoc: only a run reaches them).
    let started = Instant::now();
    println!("== doctests (cargo test --workspace --doc)");
    let out = cargo(root, options)
        .args(["test", "--workspace", "--doc"])
        .args(features)
        .output()
        .context("running cargo")?;
    let ok = out.status.success();
    let text = String::from_utf8_lossy(&out.stdout);
    proof.failures.extend(doctest_failures(&text));
    proof.steps.push(("doctests".into(), started.elapsed(), ok));

    // 3. The tests.
    if !options.no_test {
        let started = Instant::now();
        println!("== tests (cargo test --workspace --lib --bins --tests --no-fail-fast)");
        let mut c = cargo(root, options);
        c.args([
            "test",
            "--workspace",
            "--lib",
            "--bins",
            "--tests",
            "--no-fail-fast",
        ])
        .args(features)
        .arg("--");
        for skip in &options.skip {
            c.args(["--skip", skip]);
        }
        let out = c.output().context("running cargo")?;
        let ok = out.status.success();
        let failed = test_failures(&String::from_utf8_lossy(&out.stdout));
        if !ok && failed.is_empty() {
            proof.failures.push(Failure {
                stage: Stage::Test,
                file: None,
                line: None,
                message: last_lines(&String::from_utf8_lossy(&out.stderr), 5),
                context: String::new(),
            });
        }
        proof.failures.extend(failed);
        proof.steps.push(("tests".into(), started.elapsed(), ok));
    }
    Ok(proof)
}

fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// rustc's errors from cargo's JSON messages, each at its primary span.
pub fn compiler_errors(json_lines: &str) -> Vec<Failure> {
    let mut out: Vec<Failure> = Vec::new();
    for line in json_lines.lines() {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        if v["reason"] != "compiler-message" || v["message"]["level"] != "error" {
            continue;
        }
        let m = &v["message"];
        let spans = m["spans"].as_array().cloned().unwrap_or_default();
        let primary = spans
            .iter()
            .find(|s| s["is_primary"] == true)
            .or(spans.first());
        let mut context = m["rendered"].as_str().unwrap_or_default().to_string();
        for s in &spans {
            for t in s["text"].as_array().into_iter().flatten() {
                context.push('\n');
                context.push_str(t["text"].as_str().unwrap_or_default());
            }
        }
        let failure = Failure {
            stage: Stage::Build,
            file: primary
                .and_then(|s| s["file_name"].as_str())
                .map(str::to_string),
            line: primary
                .and_then(|s| s["line_start"].as_u64())
                .map(|l| l as usize),
            message: m["message"].as_str().unwrap_or_default().to_string(),
            context,
        };
        // The same error in a library compiled for several targets is reported once.
        if !out.iter().any(|f| {
            f.file == failure.file && f.line == failure.line && f.message == failure.message
        }) {
            out.push(failure);
        }
    }
    out
}

/// Doctest failures: `---- heygen/src/lib.rs - Client (line 12) stdout ----` and, inside,
/// rustc's `error[E…]: message` with its `--> file:line:col`.
pub fn doctest_failures(text: &str) -> Vec<Failure> {
    let mut out = Vec::new();
    for block in text.split("\n---- ").skip(1) {
        let header = block.lines().next().unwrap_or_default();
        let Some((file, rest)) = header.split_once(" - ") else {
            continue;
        };
        let line = rest
            .rsplit_once("(line ")
            .and_then(|(_, l)| l.split(')').next())
            .and_then(|l| l.parse().ok());
        let errors: Vec<&str> = block
            .lines()
            .filter(|l| l.starts_with("error[") || l.starts_with("error:"))
            .collect();
        let message = match errors.first() {
            Some(e) => e.to_string(),
            None => block
                .lines()
                .find(|l| l.contains("panicked"))
                .unwrap_or("failed")
                .to_string(),
        };
        out.push(Failure {
            stage: Stage::Doctest,
            file: Some(file.to_string()),
            line,
            message,
            context: block.to_string(),
        });
    }
    out
}

/// Failed tests from the harness's output: `---- name stdout ----` blocks with their panic
/// location (`panicked at tests/x.rs:12:5:`) and message.
pub fn test_failures(text: &str) -> Vec<Failure> {
    let mut out = Vec::new();
    for block in text.split("\n---- ").skip(1) {
        let name = block
            .lines()
            .next()
            .unwrap_or_default()
            .trim_end_matches(" stdout ----")
            .to_string();
        let block: String = block
            .split("\n\nfailures:")
            .next()
            .unwrap_or(block)
            .to_string();
        let panic = block.lines().position(|l| l.contains("panicked at "));
        let (file, line, message) = match panic {
            Some(i) => {
                let lines: Vec<&str> = block.lines().collect();
                let at = lines[i].rsplit("panicked at ").next().unwrap_or_default();
                let at = at.trim_end_matches(':');
                let mut parts = at.split(':');
                let file = parts.next().map(str::to_string);
                let line = parts.next().and_then(|l| l.parse().ok());
                let msg = lines.get(i + 1).copied().unwrap_or_default();
                (file, line, msg.to_string())
            }
            None => (None, None, String::new()),
        };
        out.push(Failure {
            stage: Stage::Test,
            file,
            line,
            message: format!("test `{name}` failed: {message}"),
            context: block,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compile_errors_come_from_json_with_their_primary_span() {
        let json = r#"{"reason":"compiler-artifact"}
{"reason":"compiler-message","message":{"level":"error","message":"no field `gif_url` on type `VideoDetail`","rendered":"error[E0609]: no field `gif_url` on type `VideoDetail`","spans":[{"file_name":"heygen/src/x.rs","line_start":58,"is_primary":true,"text":[{"text":"        d.gif_url.clone()"}]}]}}
{"reason":"compiler-message","message":{"level":"error","message":"no field `gif_url` on type `VideoDetail`","rendered":"again","spans":[{"file_name":"heygen/src/x.rs","line_start":58,"is_primary":true,"text":[]}]}}
{"reason":"compiler-message","message":{"level":"warning","message":"unused","spans":[]}}
not json"#;
        let errors = compiler_errors(json);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].place(), "heygen/src/x.rs:58");
        assert!(errors[0].context.contains("d.gif_url.clone()"));
    }

    #[test]
    fn failed_tests_and_doctests_are_located() {
        let text = "running 2 tests\ntest a::b ... FAILED\n\nfailures:\n\n---- a::b stdout ----\n\nthread 'a::b' panicked at tests/tests/x.rs:12:5:\nboom `gif_url`\nnote: run with RUST_BACKTRACE=1\n\n\nfailures:\n    a::b\n";
        let failed = test_failures(text);
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].place(), "tests/tests/x.rs:12");
        assert_eq!(failed[0].message, "test `a::b` failed: boom `gif_url`");

        let doc = "failures:\n\n---- heygen/src/lib.rs - Client (line 40) stdout ----\nerror[E0599]: no method named `x` found\n --> heygen/src/lib.rs:45:3\n";
        let failed = doctest_failures(doc);
        assert_eq!(failed[0].place(), "heygen/src/lib.rs:40");
        assert_eq!(failed[0].message, "error[E0599]: no method named `x` found");
    }
}
