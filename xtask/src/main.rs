//! `cargo xtask fetch | generate | check | diff | update | normalise`: the spec-to-code pipeline.

mod api_diff;
mod check;
mod contract_ways;
mod diff;
mod fetch;
mod generate;
mod lock;
mod normalise;
mod postpass;
mod prove;
mod rules;
#[cfg(test)]
mod synthetic_versions;
mod update;
mod worklist;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

const USAGE: &str = "usage: cargo xtask <command>
  fetch [--from DIR|PATH|URL]        fill openapi/cache/ with the documents openapi/spec.lock names (the pin, its
                                     history, the references), each verified by sha256; without --from, from their
                                     own sources
  generate                           normalise the pinned document and regenerate heygen-sys/src/generated.rs
  check                              fail if the committed code is stale or the cache differs from the lock
  diff [--from OLD] --to NEW         what NEW changes for users of the SDK, each line breaking or not, with the reason
       [--format markdown|json|changelog]
                                     OLD defaults to the pinned document; OLD and NEW are paths, URLs, or file names
                                     in openapi/cache/; exit status 1 when something breaks
  update [--from PATH|URL] [--note TEXT] [--date YYYY-MM-DD] [--no-test] [--skip TEST]...
                                     diff against the pin, re-pin (the old pin moves to [[history]]), generate, check,
                                     compare the generated Rust API, set the version and merge the CHANGELOG.md entry,
                                     then build every target and run the tests (--no-test: build only; --skip: test
                                     names the harness skips); ends with the worklist; exit status 1 when the
                                     workspace fails. Without --from, the lock's URL; the API date comes from the
                                     document (info, file name) or --date
  normalise [--out PATH]             print the normalisation report (and write the 3.0 document, never to be committed)
  patched --out PATH                 write the pinned 3.1 document with the overlay's [[patch]] corrections applied
                                     (what the SDK is generated from; for mock servers such as Prism; never committed)
Errors exit with status 2.";

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode> {
    let root = workspace_root();
    let mut args = Args(std::env::args().skip(1).collect());
    let command = if args.0.is_empty() {
        String::new()
    } else {
        args.0.remove(0)
    };
    match command.as_str() {
        "fetch" => {
            let from = args.value("--from")?;
            args.done()?;
            fetch::run(&root, from.as_deref())?;
        }
        "generate" => {
            args.done()?;
            generate::write(&root)?;
        }
        "check" => {
            args.done()?;
            check::run(&root)?;
        }
        "diff" => {
            let (from, to) = match (args.value("--from")?, args.value("--to")?) {
                (from, Some(to)) => (from, to),
                (Some(new), None) => {
                    eprintln!("note: `diff --from NEW` is the old spelling of `diff --to NEW`");
                    (None, new)
                }
                (None, None) => bail!("diff needs --to NEW\n{USAGE}"),
            };
            let format = match args.value("--format")? {
                Some(f) => f.parse()?,
                None => diff::Format::Markdown,
            };
            args.done()?;
            if diff::run(&root, from.as_deref(), &to, format)? {
                return Ok(ExitCode::from(1));
            }
        }
        "update" => {
            let from = args.value("--from")?;
            let mut options = update::Options {
                note: args.value("--note")?,
                date: args.value("--date")?,
                ..Default::default()
            };
            options.prove.no_test = args.flag("--no-test");
            while let Some(skip) = args.value("--skip")? {
                options.prove.skip.push(skip);
            }
            args.done()?;
            if !update::run(&root, from.as_deref(), &options)? {
                return Ok(ExitCode::from(1));
            }
        }
        "normalise" => {
            let out = args.value("--out")?;
            args.done()?;
            generate::report(&root, out.as_deref())?;
        }
        "patched" => {
            let out = args
                .value("--out")?
                .ok_or_else(|| anyhow::anyhow!("patched needs --out PATH\n{USAGE}"))?;
            args.done()?;
            generate::write_patched(&root, &out)?;
        }
        _ => println!("{USAGE}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// The arguments after the command; each option is taken out as it is read, and anything left
/// over is an error rather than silently ignored.
struct Args(Vec<String>);

impl Args {
    fn value(&mut self, name: &str) -> Result<Option<String>> {
        let Some(i) = self.0.iter().position(|a| a == name) else {
            return Ok(None);
        };
        if i + 1 >= self.0.len() {
            bail!("{name} needs a value");
        }
        let value = self.0.remove(i + 1);
        self.0.remove(i);
        Ok(Some(value))
    }

    fn flag(&mut self, name: &str) -> bool {
        let found = self.0.iter().position(|a| a == name);
        if let Some(i) = found {
            self.0.remove(i);
        }
        found.is_some()
    }

    fn done(self) -> Result<()> {
        match self.0.first() {
            Some(extra) => bail!("unexpected argument `{extra}`\n{USAGE}"),
            None => Ok(()),
        }
    }
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace")
        .to_path_buf()
}

/// `[workspace.package] version` of the workspace's Cargo.toml.
fn workspace_version(root: &Path) -> Result<String> {
    let text = std::fs::read_to_string(root.join("Cargo.toml")).context("reading Cargo.toml")?;
    let manifest: toml::Table = text.parse().context("parsing Cargo.toml")?;
    manifest
        .get("workspace")
        .and_then(|w| w.get("package"))
        .and_then(|p| p.get("version"))
        .and_then(toml::Value::as_str)
        .map(str::to_string)
        .context("Cargo.toml has no [workspace.package] version")
}
