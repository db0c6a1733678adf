//! Comparing two schemas structurally, with each difference classified for the side that
//! writes the value: the caller builds requests, the server sends responses.
//!
//! A `$ref` to the same component on both sides stops the walk: every component is compared
//! once, under its own name (see `components`), instead of once per place that uses it.

use serde_json::Value;

use super::change::{Change, Kind, Scope, Side, Verdict, breaking, compatible};
use super::shape::{self, Doc, Shape};
use super::usage;

/// Deepest nesting compared (documents are far shallower; this stops pathological input).
const MAX_DEPTH: usize = 64;

pub struct Differ<'a> {
    pub old: Doc<'a>,
    pub new: Doc<'a>,
    pub out: Vec<Change>,
    /// Differently named components being compared structurally, against reference loops.
    active: Vec<(&'a str, &'a str)>,
}

/// Where a comparison stands: the operation or schema, the side, and the place inside it.
#[derive(Clone)]
pub struct Site {
    pub scope: Scope,
    pub side: Side,
    /// `request body`, `response`, `query parameter \`limit\``; empty in a schema.
    pub place: String,
    /// `data.items[].status`; `<avatar>` names a union member.
    pub path: String,
}

impl Site {
    pub fn new(scope: Scope, side: Side, place: impl Into<String>) -> Self {
        Site {
            scope,
            side,
            place: place.into(),
            path: String::new(),
        }
    }

    fn child(&self, segment: &str) -> Site {
        let mut child = self.clone();
        if !child.path.is_empty() && !segment.starts_with(['[', '<', '{']) {
            child.path.push('.');
        }
        child.path.push_str(segment);
        child
    }

    fn at(&self) -> String {
        match (self.place.is_empty(), self.path.is_empty()) {
            (_, true) => self.place.clone(),
            (true, false) => format!("at `{}`", self.path),
            (false, false) => format!("{} `{}`", self.place, self.path),
        }
    }

    fn depth(&self) -> usize {
        self.path.matches(['.', '[', '<', '{']).count()
    }
}

impl<'a> Differ<'a> {
    pub fn new(old: &'a Value, new: &'a Value) -> Self {
        Differ {
            old: Doc(old),
            new: Doc(new),
            out: Vec::new(),
            active: Vec::new(),
        }
    }

    pub fn push(&mut self, kind: Kind, site: &Site, change: impl Into<String>, verdict: Verdict) {
        self.out.push(Change::new(
            kind,
            site.scope.clone(),
            site.at(),
            change.into(),
            verdict,
        ));
    }

    /// Component schemas: added, removed, and each common one compared once, judged for the
    /// side(s) the operations use it on.
    pub fn components(&mut self) {
        let (old, new) = (self.old, self.new);
        let sides = usage::sides(old, new);
        for (name, _) in new.components() {
            if old
                .lookup(&format!("#/components/schemas/{name}"))
                .is_none()
            {
                let site = Site::new(Scope::Schema(name.clone()), Side::Both, "");
                self.push(Kind::SchemaAdded, &site, "added", compatible("a new type"));
            }
        }
        for (name, schema) in old.components() {
            let side = sides.get(name.as_str()).copied().unwrap_or(Side::Both);
            let site = Site::new(Scope::Schema(name.clone()), side, "");
            match new.lookup(&format!("#/components/schemas/{name}")) {
                None => self.push(
                    Kind::SchemaRemoved,
                    &site,
                    "removed",
                    breaking("the type is gone: code naming it no longer compiles"),
                ),
                Some(now) => self.value(&site, schema, now),
            }
        }
    }

    /// A value that is always present (a body, an array item, a union member).
    pub fn value(&mut self, site: &Site, old: &'a Value, new: &'a Value) {
        self.slot(site, old, true, new, true);
    }

    /// A named value (a property or a parameter) present on both sides.
    pub fn slot(
        &mut self,
        site: &Site,
        old: &'a Value,
        old_required: bool,
        new: &'a Value,
        new_required: bool,
    ) {
        let (o, n) = (self.old.shape(old), self.new.shape(new));
        self.optionality(site, (old_required, o.nullable), (new_required, n.nullable));
        self.types(site, o, n);
    }

    /// `required` and `nullable`, in that order, each judged with the other flag as it is
    /// at that step. A response field's Rust type is `Option<T>` when it is optional or
    /// nullable, so only a change of that breaks readers.
    fn optionality(&mut self, site: &Site, old: (bool, bool), new: (bool, bool)) {
        let optional = |(required, nullable): (bool, bool)| !required || nullable;
        let response =
            |before: (bool, bool), after: (bool, bool)| match (optional(before), optional(after)) {
                (a, b) if a == b => compatible("its Rust type stays `Option<T>`"),
                (false, true) => {
                    breaking("its Rust type becomes `Option<T>`: the server may leave it out")
                }
                _ => breaking("its Rust type loses its `Option`"),
            };
        let middle = (new.0, old.1);
        if old.0 != new.0 {
            let request = if new.0 {
                breaking("requests without it are refused: the builder fails without it")
            } else {
                compatible("a value is still accepted")
            };
            let (change, verdict) = (
                if new.0 {
                    "now required"
                } else {
                    "now optional"
                },
                site.side.judge(request, response(old, middle)),
            );
            self.push(Kind::RequiredChanged, site, change, verdict);
        }
        if old.1 != new.1 {
            let request = match (new.1, new.0) {
                (true, _) => compatible("null is accepted too"),
                (false, true) => {
                    breaking("null is no longer accepted: its Rust type loses its `Option`")
                }
                (false, false) => compatible("an optional field: its Rust type stays `Option<T>`"),
            };
            let change = if new.1 {
                "now nullable"
            } else {
                "no longer nullable"
            };
            let verdict = site.side.judge(request, response(middle, new));
            self.push(Kind::NullableChanged, site, change, verdict);
        }
    }

    /// The types themselves, nullability aside.
    fn types(&mut self, site: &Site, o: Shape<'a>, n: Shape<'a>) {
        if let (Some(a), Some(b)) = (o.name, n.name) {
            if a == b {
                return;
            }
            if self.active.contains(&(a, b)) || site.depth() > MAX_DEPTH {
                return;
            }
            self.push(
                Kind::TypeChanged,
                site,
                format!("type `{a}` → `{b}`"),
                breaking("its Rust type changes"),
            );
            self.active.push((a, b));
            self.kinds(site, o, n);
            self.active.pop();
        } else if site.depth() <= MAX_DEPTH {
            self.kinds(site, o, n);
        }
    }

    fn kinds(&mut self, site: &Site, o: Shape<'a>, n: Shape<'a>) {
        use shape::Kind as K;
        match (&o.kind, &n.kind) {
            (
                K::Object {
                    properties: op,
                    required: or,
                },
                K::Object {
                    properties: np,
                    required: nr,
                },
            ) => {
                for (name, schema) in np {
                    if !op.contains_key(name) {
                        self.field_added(&site.child(name), schema, nr.contains(name));
                    }
                }
                for name in op.keys().filter(|k| !np.contains_key(*k)) {
                    let verdict = site.side.judge(
                        breaking("its builder setter is gone"),
                        breaking("code reading it no longer compiles"),
                    );
                    self.push(Kind::FieldRemoved, &site.child(name), "removed", verdict);
                }
                for (name, old) in op {
                    if let Some(new) = np.get(name) {
                        self.slot(
                            &site.child(name),
                            old,
                            or.contains(name),
                            new,
                            nr.contains(name),
                        );
                    }
                }
            }
            (K::Array(a), K::Array(b)) => self.value(&site.child("[]"), a, b),
            (K::Map(a), K::Map(b)) => self.value(&site.child("{}"), a, b),
            (K::Union(a), K::Union(b)) => {
                let tag = |s: &Value| s.pointer("/discriminator/propertyName").cloned();
                if tag(o.schema) != tag(n.schema) {
                    let change = format!(
                        "union tag {} → {}",
                        tag(o.schema).unwrap_or_default(),
                        tag(n.schema).unwrap_or_default()
                    );
                    self.push(
                        Kind::TypeChanged,
                        site,
                        change,
                        breaking("its Rust type changes"),
                    );
                }
                for key in b.keys().filter(|k| !a.contains_key(*k)) {
                    let verdict = site.side.judge(
                        compatible("a new variant to send"),
                        compatible(
                            "a new variant: earlier versions cannot read a body with this tag",
                        ),
                    );
                    let change = format!("union member `{key}` added");
                    self.push(Kind::UnionMemberAdded, site, change, verdict);
                }
                for key in a.keys().filter(|k| !b.contains_key(*k)) {
                    let change = format!("union member `{key}` removed");
                    let verdict =
                        breaking("the variant is gone: code naming it no longer compiles");
                    self.push(Kind::UnionMemberRemoved, site, change, verdict);
                }
                for (key, old) in a {
                    if let Some(new) = b.get(key) {
                        self.value(&site.child(&format!("<{key}>")), old, new);
                    }
                }
            }
            _ if o.kind_label() != n.kind_label() => {
                let change = format!("type {} → {}", o.label(), n.label());
                self.push(
                    Kind::TypeChanged,
                    site,
                    change,
                    breaking("its Rust type changes"),
                );
            }
            _ => self.enum_values(site, &o, &n),
        }
    }

    fn field_added(&mut self, site: &Site, schema: &'a Value, required: bool) {
        let shape = self.new.shape(schema);
        let request = if required && !shape.nullable {
            breaking("a new required request field: the builder fails without it")
        } else {
            compatible("optional: the builder leaves it unset")
        };
        let verdict = site.side.judge(request, compatible("a new field to read"));
        let change = if required { "added, required" } else { "added" };
        self.push(Kind::FieldAdded, site, change, verdict);
    }

    fn enum_values(&mut self, site: &Site, o: &Shape<'a>, n: &Shape<'a>) {
        let (Some(old), Some(new)) = (&o.values, &n.values) else {
            return;
        };
        for value in new.iter().filter(|v| !old.contains(v)) {
            let verdict = site.side.judge(
                compatible("a new value to send"),
                compatible("response enums are open: earlier versions read it as `Unknown`"),
            );
            self.push(
                Kind::EnumValueAdded,
                site,
                format!("enum value {value} added"),
                verdict,
            );
        }
        for value in old.iter().filter(|v| !new.contains(v)) {
            let verdict = site.side.judge(
                breaking("the variant is gone and the server refuses the value"),
                breaking("the variant is gone: code naming it no longer compiles"),
            );
            self.push(
                Kind::EnumValueRemoved,
                site,
                format!("enum value {value} removed"),
                verdict,
            );
        }
    }
}
