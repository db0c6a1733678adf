//! Which operations × documented JSON statuses a suite exercised, against the document.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::spec::Spec;

/// Operation × status pairs exercised, with the SDK surfaces that exercised them.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    hits: BTreeMap<(String, u16), BTreeSet<String>>,
}

impl Coverage {
    /// A new, empty record.
    pub fn new() -> Coverage {
        Coverage::default()
    }

    /// Records that `via` exercised `status` of `operation_id`.
    pub fn hit(&mut self, operation_id: &str, status: u16, via: &str) {
        self.hits
            .entry((operation_id.to_owned(), status))
            .or_default()
            .insert(via.to_owned());
    }

    /// Every documented `(operationId, status)` with a JSON body, from the document.
    pub fn documented(spec: &Spec) -> Vec<(String, u16)> {
        spec.operations()
            .iter()
            .flat_map(|op| {
                op.json_responses()
                    .into_iter()
                    .map(|(status, _, _)| (op.operation_id.clone(), status))
            })
            .collect()
    }

    /// Documented pairs not exercised.
    pub fn missing(&self, spec: &Spec) -> Vec<(String, u16)> {
        Self::documented(spec)
            .into_iter()
            .filter(|key| !self.hits.contains_key(key))
            .collect()
    }

    /// Exercised pairs the document does not list (a status the SDK was tested with that the
    /// document has no JSON response for).
    pub fn undocumented(&self, spec: &Spec) -> Vec<(String, u16)> {
        let documented: BTreeSet<(String, u16)> = Self::documented(spec).into_iter().collect();
        self.hits
            .keys()
            .filter(|key| !documented.contains(*key))
            .cloned()
            .collect()
    }

    /// `(operations fully exercised, operations, statuses exercised, statuses)`.
    pub fn counts(&self, spec: &Spec) -> (usize, usize, usize, usize) {
        let documented = Self::documented(spec);
        let ops: BTreeSet<&str> = documented.iter().map(|(op, _)| op.as_str()).collect();
        let missing = self.missing(spec);
        let incomplete: BTreeSet<&str> = missing.iter().map(|(op, _)| op.as_str()).collect();
        (
            ops.len() - incomplete.len(),
            ops.len(),
            documented.len() - missing.len(),
            documented.len(),
        )
    }

    /// A table of every operation of the document with its documented JSON statuses, each
    /// marked `+` (exercised) or `-` (not), and the SDK surfaces used, then the totals.
    pub fn table(&self, spec: &Spec, title: &str) -> String {
        let mut out = format!("{title}\n");
        let _ = writeln!(
            out,
            "{:<34} {:<6} {:<58} {:<26} {:<9} via",
            "operation", "method", "path", "statuses (+ exercised)", "resource"
        );
        let (mut with_resource, mut operations) = (0, 0);
        for op in spec.operations() {
            let mut statuses = Vec::new();
            let mut via: BTreeSet<&str> = BTreeSet::new();
            for (status, _, _) in op.json_responses() {
                let key = (op.operation_id.clone(), status);
                let mark = match self.hits.get(&key) {
                    Some(ways) => {
                        via.extend(ways.iter().map(String::as_str));
                        '+'
                    }
                    None => '-',
                };
                statuses.push(format!("{status}{mark}"));
            }
            // A way that is not the generated builder is a hand-written resource method.
            let resource = via.iter().any(|v| !v.starts_with("raw()"));
            operations += 1;
            with_resource += usize::from(resource);
            let _ = writeln!(
                out,
                "{:<34} {:<6} {:<58} {:<26} {:<9} {}",
                op.operation_id,
                op.method,
                op.path,
                statuses.join(" "),
                if resource { "yes" } else { "raw only" },
                via.into_iter().collect::<Vec<_>>().join(", ")
            );
        }
        let _ = writeln!(
            out,
            "operations with a resource method: {with_resource}/{operations} (the others through \
             `client.raw()`)"
        );
        let (ops_done, ops, statuses_done, statuses) = self.counts(spec);
        let _ = writeln!(
            out,
            "operations exercised with every documented JSON status: {ops_done}/{ops}; \
             operation × status pairs exercised: {statuses_done}/{statuses}"
        );
        out
    }
}
