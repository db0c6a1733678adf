//! `cargo xtask fetch | generate | check | diff`: the spec-to-code pipeline.

mod check;
mod diff;
mod fetch;
mod generate;
mod lock;
mod normalise;
mod postpass;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>
  fetch [--from PATH|URL] [--update-lock]   put the upstream document in openapi/cache/, verified against openapi/spec.lock
  generate                                  normalise it and regenerate heygen-sys/src/generated.rs
  check                                     fail if the committed code is stale or the cache differs from the lock
  diff --from PATH|URL                      what a new upstream document changes (operations, schemas, enum values)
  normalise [--out PATH]                    print the normalisation report (and write the 3.0 document, never to be committed)";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    let root = workspace_root();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(String::as_str)
    };
    match args.first().map(String::as_str) {
        Some("fetch") => fetch::run(&root, value("--from"), flag("--update-lock")),
        Some("generate") => generate::write(&root),
        Some("check") => check::run(&root),
        Some("diff") => diff::run(
            &root,
            value("--from").ok_or_else(|| anyhow::anyhow!("diff needs --from PATH|URL"))?,
        ),
        Some("normalise") => generate::report(&root, value("--out")),
        _ => {
            println!("{USAGE}");
            Ok(())
        }
    }
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace")
        .to_path_buf()
}
