//! The whole pipeline on every document the project has pinned: the current one and each
//! `[[history]]` entry of `openapi/spec.lock`, read from the git-ignored `openapi/cache/`.
//! Each must normalise and generate with no hand edit, byte for byte the same every time, with
//! every type the pipeline names reported and traceable to where the document has it.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::generate::{named_by_typify, render_doc};
use crate::lock::{SpecLock, sha256_hex};
use crate::normalise::{self, hoist, overlay::Overlay};

/// (file, sha256, document) for the pinned document and every earlier one.
fn pinned_documents() -> Vec<(String, String, Value)> {
    let root = crate::workspace_root();
    let lock = SpecLock::load(&root).unwrap();
    let mut files = vec![(lock.file.clone(), lock.sha256.clone())];
    files.extend(
        lock.history
            .iter()
            .map(|h| (h.file.clone(), h.sha256.clone())),
    );
    files
        .into_iter()
        .map(|(file, sha256)| {
            let path = root.join("openapi/cache").join(&file);
            let bytes = std::fs::read(&path).unwrap_or_else(|e| {
                panic!(
                    "{}: {e}. The pipeline test runs on every document openapi/spec.lock names; \
                     copy it there (cp ../shared/heygen-openapi/{file} openapi/cache/)",
                    path.display()
                )
            });
            assert_eq!(sha256_hex(&bytes), sha256, "{file} differs from the lock");
            (file, sha256, serde_json::from_slice(&bytes).unwrap())
        })
        .collect()
}

/// Follows a JSON pointer through the normalised document, stepping into the component a
/// `$ref` (bare or in a one-member `allOf`) names wherever the pointer goes on below it: the
/// origins are where the upstream document has the schema, which is now behind references.
fn resolve<'a>(doc: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut node = doc;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        for _ in 0..8 {
            let has = match node {
                Value::Object(map) => map.contains_key(&token),
                Value::Array(items) => token.parse::<usize>().is_ok_and(|i| i < items.len()),
                _ => false,
            };
            if has {
                break;
            }
            node = doc.pointer(&format!(
                "/components/schemas/{}",
                hoist::target(node)?.replace('~', "~0").replace('/', "~1")
            ))?;
        }
        node = match node {
            Value::Object(map) => map.get(&token)?,
            Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

#[test]
fn every_pinned_document_generates_deterministically_with_every_named_type_reported() {
    let overlay = Overlay::load(&crate::workspace_root().join("openapi/overlay.toml")).unwrap();
    let documents = pinned_documents();
    assert!(!documents.is_empty());
    let pin = SpecLock::load(&crate::workspace_root()).unwrap().file;
    for (file, sha256, upstream) in documents {
        let (doc, report) = normalise::normalise(upstream.clone(), &overlay)
            .unwrap_or_else(|e| panic!("{file}: {e:#}"));
        // Older documents may predate what a correction fixes; the pin needs every one.
        if file == pin {
            assert!(
                report.unused_patches.is_empty(),
                "{file}: overlay patches it does not need: {:?}",
                report.unused_patches
            );
        }
        let (again, report_again) = normalise::normalise(upstream.clone(), &overlay).unwrap();
        assert!(
            serde_json::to_string(&doc).unwrap() == serde_json::to_string(&again).unwrap(),
            "{file}: normalising twice gave different documents"
        );
        assert_eq!(report.names_file(), report_again.names_file(), "{file}");
        let code = render_doc(&doc, &file, &sha256).unwrap_or_else(|e| panic!("{file}: {e:#}"));
        let code_again = render_doc(&again, &file, &sha256).unwrap();
        assert!(
            code == code_again,
            "{file}: generating twice gave different bytes"
        );

        // Every component is the document's own or one the report names.
        let names = |d: &Value| -> BTreeSet<String> {
            d["components"]["schemas"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect()
        };
        let own = names(&upstream);
        let invented: BTreeSet<String> = report.invented.iter().map(|i| i.name.clone()).collect();
        assert_eq!(
            invented.len(),
            report.invented.len(),
            "{file}: a name twice"
        );
        assert!(
            own.is_disjoint(&invented),
            "{file}: an invented name shadows"
        );
        assert_eq!(
            names(&doc),
            own.union(&invented).cloned().collect(),
            "{file}: a component nobody reported"
        );

        // Each reported place now refers to the component reported for it.
        let places = report
            .invented
            .iter()
            .flat_map(|i| i.origins.iter().map(move |o| (&i.name, o)))
            .chain(report.reused.iter().map(|(n, o)| (n, o)));
        let mut checked = 0;
        for (name, origin) in places {
            let site = resolve(&doc, origin)
                .unwrap_or_else(|| panic!("{file}: {origin} (for {name}) is not in the document"));
            assert_eq!(
                hoist::target(site),
                Some(name.as_str()),
                "{file}: {origin} does not refer to {name}: {site}"
            );
            checked += 1;
        }
        assert!(checked > report.invented.len(), "{file}: {checked}");

        // typify named nothing but union tags and constrained strings itself: every enum,
        // union and object with fields is a component, so open, tagged and reported.
        let parsed = syn::parse_file(&code).unwrap();
        let types = parsed
            .items
            .iter()
            .find_map(|i| match i {
                syn::Item::Mod(m) if m.ident == "types" => Some(&m.content.as_ref().unwrap().1),
                _ => None,
            })
            .unwrap();
        for (ident, parent) in named_by_typify(&code, &doc).unwrap() {
            let simple = types.iter().any(|item| match item {
                syn::Item::Enum(e) => e.ident == ident && e.variants.len() == 1,
                syn::Item::Struct(s) => {
                    s.ident == ident
                        && matches!(s.fields, syn::Fields::Unnamed(ref f) if f.unnamed.len() == 1)
                }
                _ => false,
            });
            assert!(
                simple,
                "{file}: typify named `{ident}` (in {parent}) itself: an inline type the rules missed"
            );
        }
    }
}

#[test]
fn resolve_steps_through_references() {
    let doc = serde_json::json!({"paths": {"/a": {"get": {"schema": {"$ref": "#/components/schemas/B"}}}},
        "components": {"schemas": {
            "B": {"properties": {"items": {"type": "array", "items": {"description": "d", "allOf": [{"$ref": "#/components/schemas/C"}]}}}},
            "C": {"properties": {"status": {"$ref": "#/components/schemas/S"}}},
            "S": {"enum": ["a", "b"]}}}});
    let site = resolve(
        &doc,
        "/paths/~1a/get/schema/properties/items/items/properties/status",
    )
    .unwrap();
    assert_eq!(hoist::target(site), Some("S"));
    assert!(resolve(&doc, "/paths/~1a/get/schema/properties/nothing").is_none());
}
