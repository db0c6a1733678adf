//! OpenAPI 3.1 (as HeyGen publishes it) → the OpenAPI 3.0.3 progenitor reads, with every type
//! named. Each rule is one `serde_json::Value` pass in its own module; the order matters and
//! is the order of [`normalise`].

mod bodies;
mod consts;
pub mod enums;
mod examples;
pub mod guards;
pub mod hoist;
mod inline;
mod multipart;
mod names;
mod nullable;
pub mod overlay;
mod ref_siblings;
mod titles;
mod unions;
mod version;
pub mod walk;

pub use enums::string_enum;

use std::fmt;

use anyhow::{Result, bail};
use serde_json::Value;

use overlay::Overlay;

/// What the normaliser did, rule by rule.
#[derive(Debug, Default)]
pub struct Report {
    pub rules: Vec<(&'static str, usize)>,
    /// Operations left for the hand-written crate (multipart).
    pub set_aside: Vec<String>,
    /// Components the normaliser invented, in order, each with every place it stands for.
    pub invented: Vec<hoist::Invented>,
    /// Inline schemas replaced by an equal component of the document: (component, place).
    pub reused: Vec<(String, String)>,
    /// `[names]` entries of the overlay no position of this document has.
    pub unused_names: Vec<String>,
    /// `[[patch]]` pointers skipped: their `only_if` is not in this document.
    pub unused_patches: Vec<String>,
}

/// Runs every rule, then the guards; a guard finding is an error listing every finding.
pub fn normalise(mut doc: Value, overlay: &Overlay) -> Result<(Value, Report)> {
    let mut report = Report::default();
    let (patched, unused_patches) = overlay.apply(&mut doc)?;
    report
        .rules
        .push(("overlay patches (openapi/overlay.toml)", patched));
    report.unused_patches = unused_patches;
    report.set_aside = multipart::apply(&mut doc);
    report
        .rules
        .push(("multipart operations set aside", report.set_aside.len()));
    report.rules.push((
        "null unions / type lists → nullable",
        nullable::apply(&mut doc),
    ));
    report
        .rules
        .push(("const → single-value enum", consts::apply(&mut doc)));
    report
        .rules
        .push(("schema examples → example", examples::apply(&mut doc)));
    report
        .rules
        .push(("$ref siblings → allOf", ref_siblings::apply(&mut doc)));
    report
        .rules
        .push(("inline titles dropped", titles::apply(&mut doc)));
    // Bodies first, so that what is inside them is named after them.
    let mut namer = inline::Namer::new(
        overlay,
        hoist::Hoister::new(&doc).remembering(overlay.remembered.clone()),
    );
    report
        .rules
        .push(("inline bodies named", bodies::apply(&mut doc, &mut namer)?));
    let before = namer.count;
    namer.apply(&mut doc)?;
    report.rules.push((
        "inline unions, enums and objects named (any depth)",
        namer.count - before,
    ));
    report
        .rules
        .push(("3.1 → 3.0.3 header", version::apply(&mut doc)));
    report.unused_names = overlay
        .names
        .keys()
        .filter(|k| !namer.used_names.contains(*k))
        .cloned()
        .collect();
    report.invented = namer.hoister.added;
    report.reused = namer.hoister.reused;
    let problems = guards::check(&doc);
    if !problems.is_empty() {
        bail!(
            "the normalised document would generate wrong types:\n  - {}",
            problems.join("\n  - ")
        );
    }
    Ok((doc, report))
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "normalisation:")?;
        for (rule, count) in &self.rules {
            writeln!(f, "  {count:>5}  {rule}")?;
        }
        writeln!(
            f,
            "  set aside for heygen (hand-written): {}",
            self.set_aside.join(", ")
        )?;
        writeln!(
            f,
            "  inline schemas replaced by an equal component of the document: {}",
            self.reused.len()
        )?;
        if !self.unused_patches.is_empty() {
            writeln!(
                f,
                "  overlay [[patch]]es this document does not need (no `only_if`): {}",
                self.unused_patches.join(", ")
            )?;
        }
        if !self.unused_names.is_empty() {
            writeln!(
                f,
                "  overlay [names] this document does not need: {}",
                self.unused_names.join(", ")
            )?;
        }
        write!(
            f,
            "  invented components ({}), each with where it comes from:",
            self.invented.len()
        )?;
        for invented in &self.invented {
            write!(f, "\n    {:<40} {}", invented.name, invented.origins[0])?;
            if invented.origins.len() > 1 {
                write!(f, " (+{} equal)", invented.origins.len() - 1)?;
            }
        }
        Ok(())
    }
}

impl Report {
    /// Every invented component and every place it stands for, one line each: the reviewable
    /// record of the names the normaliser chose (`openapi/invented-types.txt`).
    pub fn names_file(&self) -> String {
        let mut out = String::from(
            "# Types `cargo xtask generate` invented for inline schemas of the pinned document, and\n\
             # where each comes from (JSON pointer in the normalised document). Generated: do not edit;\n\
             # rename through openapi/overlay.toml.\n",
        );
        for invented in &self.invented {
            for origin in &invented.origins {
                out.push_str(&format!("{}\t{origin}\n", invented.name));
            }
        }
        out
    }
}
