//! Operations: matched by `operationId` (a different method or path is a **move**), then by
//! method and path template (a different id is a **rename**); the rest are added or removed.
//! Matched operations compare their parameters, request body and success response.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::change::{Kind, Scope, Side, breaking, compatible};
use super::schemas::{Differ, Site};
use super::shape::Doc;
use crate::normalise::walk::METHODS;

#[derive(Clone, Copy)]
struct Op<'a> {
    id: &'a str,
    method: &'a str,
    path: &'a str,
    item: &'a Value,
    op: &'a Value,
}

impl Op<'_> {
    fn route(&self) -> String {
        format!("{} {}", self.method.to_uppercase(), self.path)
    }

    /// The path with its parameter names left out: `/v3/videos/{}`.
    fn template(&self) -> String {
        let mut out = String::new();
        let mut in_name = false;
        for c in self.path.chars() {
            match c {
                '{' => {
                    in_name = true;
                    out.push_str("{}");
                }
                '}' => in_name = false,
                _ if !in_name => out.push(c),
                _ => {}
            }
        }
        out
    }

    fn path_parameters(&self) -> Vec<&str> {
        self.path
            .split('{')
            .skip(1)
            .filter_map(|s| s.split('}').next())
            .collect()
    }

    /// The generated method's name (progenitor's snake case of the id).
    fn method_name(&self) -> String {
        crate::postpass::operation_ids::snake(self.id)
    }
}

fn operations(doc: Doc<'_>) -> Vec<Op<'_>> {
    let mut out = Vec::new();
    for (path, item) in doc.0["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            if METHODS.contains(&method.as_str()) {
                out.push(Op {
                    id: op["operationId"].as_str().unwrap_or(path),
                    method,
                    path,
                    item,
                    op,
                });
            }
        }
    }
    out.sort_by_key(|o| o.id);
    out
}

/// Operation counts of the old and the new document.
pub fn counts(old: &Value, new: &Value) -> (usize, usize) {
    (operations(Doc(old)).len(), operations(Doc(new)).len())
}

pub fn compare(d: &mut Differ<'_>) {
    let (old, new) = (operations(d.old), operations(d.new));
    let new_ids: BTreeSet<&str> = new.iter().map(|o| o.id).collect();
    let old_ids: BTreeSet<&str> = old.iter().map(|o| o.id).collect();
    let mut pairs: Vec<(Op, Op)> = old
        .iter()
        .filter_map(|o| Some((*o, *new.iter().find(|n| n.id == o.id)?)))
        .collect();
    let mut gone: Vec<Op> = old
        .iter()
        .filter(|o| !new_ids.contains(o.id))
        .copied()
        .collect();
    let mut fresh: Vec<Op> = new
        .iter()
        .filter(|n| !old_ids.contains(n.id))
        .copied()
        .collect();
    let mut renamed = Vec::new();
    gone.retain(|o| {
        let same = |n: &Op| n.method == o.method && n.template() == o.template();
        match fresh.iter().position(same) {
            Some(i) => {
                renamed.push((*o, fresh.remove(i)));
                false
            }
            None => true,
        }
    });

    for o in &gone {
        let site = Site::new(Scope::Operation(o.id.to_string()), Side::Request, "");
        let reason = format!("code calling `{}` no longer compiles", o.method_name());
        d.push(
            Kind::OperationRemoved,
            &site,
            format!("removed ({})", o.route()),
            breaking(reason),
        );
    }
    for (o, n) in &pairs {
        if o.route() != n.route() {
            moved(d, o, n);
        }
    }
    for (o, n) in &renamed {
        let site = Site::new(Scope::Operation(n.id.to_string()), Side::Request, "");
        let change = format!("renamed from `{}` ({})", o.id, n.route());
        let reason = format!(
            "the method `{}` is now `{}`: code calling the old name no longer compiles",
            o.method_name(),
            n.method_name()
        );
        d.push(Kind::OperationRenamed, &site, change, breaking(reason));
    }
    for n in &fresh {
        let site = Site::new(Scope::Operation(n.id.to_string()), Side::Request, "");
        let reason = format!("a new method `{}`", n.method_name());
        d.push(
            Kind::OperationAdded,
            &site,
            format!("added ({})", n.route()),
            compatible(reason),
        );
    }
    pairs.extend(renamed);
    pairs.sort_by_key(|(_, n)| n.id);
    for (o, n) in pairs {
        let scope = Scope::Operation(n.id.to_string());
        parameters(d, &scope, &o, &n);
        body(d, &scope, &o, &n);
        response(d, &scope, &o, &n);
    }
}

fn moved(d: &mut Differ<'_>, o: &Op<'_>, n: &Op<'_>) {
    let site = Site::new(Scope::Operation(n.id.to_string()), Side::Request, "");
    let change = format!("moved from {} to {}", o.route(), n.route());
    let (before, after) = (o.path_parameters(), n.path_parameters());
    let verdict = if before == after {
        compatible(format!(
            "`{}` keeps its name and parameters and calls the new path; earlier versions call the old one",
            n.method_name()
        ))
    } else {
        breaking(format!(
            "`{}`'s path parameters change from ({}) to ({})",
            n.method_name(),
            before.join(", "),
            after.join(", ")
        ))
    };
    d.push(Kind::OperationMoved, &site, change, verdict);
}

/// Parameters by (location, name), the path item's overridden by the operation's.
fn parameter_map<'a>(doc: Doc<'a>, op: &Op<'a>) -> BTreeMap<(&'a str, &'a str), &'a Value> {
    let mut out = BTreeMap::new();
    for list in [&op.item["parameters"], &op.op["parameters"]] {
        for p in list.as_array().into_iter().flatten() {
            let (_, p) = doc.resolve(p);
            if let (Some(at), Some(name)) = (p["in"].as_str(), p["name"].as_str()) {
                out.insert((at, name), p);
            }
        }
    }
    out
}

fn parameters<'a>(d: &mut Differ<'a>, scope: &Scope, o: &Op<'a>, n: &Op<'a>) {
    let (old, new) = (parameter_map(d.old, o), parameter_map(d.new, n));
    let required = |p: &Value| p["in"] == "path" || p["required"] == true;
    let site = |(at, name): (&str, &str)| {
        Site::new(
            scope.clone(),
            Side::Request,
            format!("{at} parameter `{name}`"),
        )
    };
    for (key, p) in &new {
        if !old.contains_key(key) {
            let verdict = if required(p) {
                breaking("a new required parameter: the builder fails without it")
            } else {
                compatible("optional: the builder leaves it unset")
            };
            d.push(Kind::ParameterAdded, &site(*key), "added", verdict);
        }
    }
    for key in old.keys().filter(|k| !new.contains_key(*k)) {
        let verdict = breaking("its builder setter is gone");
        d.push(Kind::ParameterRemoved, &site(*key), "removed", verdict);
    }
    for (key, p) in &old {
        if let Some(q) = new.get(key) {
            d.slot(
                &site(*key),
                &p["schema"],
                required(p),
                &q["schema"],
                required(q),
            );
        }
    }
}

/// The JSON body of a request or response, else its first body: (media type, schema).
fn content(value: &Value) -> Option<(&str, &Value)> {
    let content = value.get("content")?.as_object()?;
    content
        .get_key_value("application/json")
        .or_else(|| content.iter().next())
        .map(|(media, m)| (media.as_str(), m.get("schema").unwrap_or(&Value::Null)))
}

fn body<'a>(d: &mut Differ<'a>, scope: &Scope, o: &Op<'a>, n: &Op<'a>) {
    let site = Site::new(scope.clone(), Side::Request, "request body");
    let (old_body, new_body) = (
        d.old.resolve(&o.op["requestBody"]).1,
        d.new.resolve(&n.op["requestBody"]).1,
    );
    match (content(old_body), content(new_body)) {
        (None, None) => {}
        (None, Some(_)) => {
            let verdict = if new_body["required"] == true {
                breaking("a new required body: the builder fails without it")
            } else {
                compatible("optional: the builder leaves it unset")
            };
            d.push(Kind::BodyAdded, &site, "added", verdict);
        }
        (Some(_), None) => d.push(
            Kind::BodyRemoved,
            &site,
            "removed",
            breaking("its builder setter is gone"),
        ),
        (Some((a, _)), Some((b, _))) if a != b => {
            let change = format!("media type {a} → {b}");
            d.push(
                Kind::TypeChanged,
                &site,
                change,
                breaking("its Rust type changes"),
            );
        }
        (Some((_, a)), Some((_, b))) => {
            let required = |body: &Value| body["required"] == true;
            d.slot(&site, a, required(old_body), b, required(new_body));
        }
    }
}

/// The schema of the lowest 2xx response's body, if it has one.
fn success<'a>(doc: Doc<'a>, op: &Op<'a>) -> Option<&'a Value> {
    let responses = op.op["responses"].as_object()?;
    let (_, response) = responses
        .iter()
        .filter(|(code, _)| code.starts_with('2'))
        .min_by_key(|(code, _)| *code)?;
    content(doc.resolve(response).1).map(|(_, schema)| schema)
}

fn response<'a>(d: &mut Differ<'a>, scope: &Scope, o: &Op<'a>, n: &Op<'a>) {
    let site = Site::new(scope.clone(), Side::Response, "response");
    match (success(d.old, o), success(d.new, n)) {
        (Some(a), Some(b)) => d.value(&site, a, b),
        (None, None) => {}
        (a, _) => {
            let change = if a.is_some() {
                "no longer has a body"
            } else {
                "now has a body"
            };
            d.push(
                Kind::TypeChanged,
                &site,
                change,
                breaking("the method's return type changes"),
            );
        }
    }
}
