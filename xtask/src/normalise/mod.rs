//! OpenAPI 3.1 (as HeyGen publishes it) → the OpenAPI 3.0.3 progenitor reads, with every type
//! named. Each rule is one `serde_json::Value` pass in its own module; the order matters and
//! is the order of [`normalise`].

mod bodies;
mod consts;
pub mod enums;
mod examples;
pub mod guards;
mod hoist;
mod multipart;
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
    /// Components the normaliser invented, in order.
    pub invented: Vec<String>,
}

/// Runs every rule, then the guards; a guard finding is an error listing every finding.
pub fn normalise(mut doc: Value, overlay: &Overlay) -> Result<(Value, Report)> {
    let mut report = Report::default();
    let mut hoister = hoist::Hoister::default();
    report.rules.push((
        "overlay patches (openapi/overlay.toml)",
        overlay.apply(&mut doc)?,
    ));
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
    report.rules.push((
        "inline unions named",
        unions::apply(&mut doc, overlay, &mut hoister)?,
    ));
    report.rules.push((
        "inline enums named",
        enums::apply(&mut doc, overlay, &mut hoister)?,
    ));
    report.rules.push((
        "inline bodies named",
        bodies::apply(&mut doc, &mut hoister)?,
    ));
    report
        .rules
        .push(("3.1 → 3.0.3 header", version::apply(&mut doc)));
    report.invented = hoister.added;
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
        write!(
            f,
            "  invented components ({}): {}",
            self.invented.len(),
            self.invented.join(", ")
        )
    }
}
