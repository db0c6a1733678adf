//! `cargo xtask check`: the committed generated code is what the pinned document generates.

use std::path::Path;

use anyhow::{Result, bail};

use crate::generate::{OUTPUT, render};

pub fn run(root: &Path) -> Result<()> {
    // render() refuses a cache whose sha256 differs from the lock.
    let (expected, _) = render(root)?;
    let committed = std::fs::read_to_string(root.join(OUTPUT)).unwrap_or_default();
    if committed != expected {
        let diff = similar::TextDiff::from_lines(&committed, &expected);
        let text = diff
            .unified_diff()
            .context_radius(2)
            .header(
                &format!("{OUTPUT} (committed)"),
                &format!("{OUTPUT} (generated)"),
            )
            .to_string();
        let shown: String = text.lines().take(200).collect::<Vec<_>>().join("\n");
        bail!("{OUTPUT} is stale; run `cargo xtask generate`\n{shown}");
    }
    println!("{OUTPUT} is up to date");
    Ok(())
}
