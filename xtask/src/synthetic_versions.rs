//! Next versions of the pinned document, made up inside the test, adopted by `update` in a
//! scratch copy of the workspace: a tolerant one (enum value, union member, operation,
//! optional response field, optional request field added) must be adopted with no hand edit,
//! the workspace built and its tests passed; a breaking one (a response field the SDK reads
//! removed, a request field made required, a path parameter renamed, a new required query
//! parameter, a field retyped) must fail, with a worklist line naming each change and the
//! hand-written place. Every target is picked from the pinned document and the hand-written
//! code by rule, so the test holds for whatever document is pinned.
//!
//! The scratch copies build in one shared target dir (`target/xtask-scratch/target`), kept
//! between runs; the tolerant run builds every target and runs the workspace's tests except
//! this one (it would recurse) — `update`'s own steps and their durations are printed.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::diff::{Side, component_sides};
use crate::fetch::load_cached;
use crate::update::{Options, update};

/// This test's name: skipped by the test runs it starts.
const NAME: &str = "synthetic_next_versions";

fn copy_workspace(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if ["target", ".git", "node_modules"].contains(&name.as_str()) {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_workspace(&path, &to.join(&name));
        } else {
            std::fs::copy(&path, to.join(&name)).unwrap();
        }
    }
}

/// The hand-written library code (not the simulator): `(file, text)`.
fn library(root: &Path) -> Vec<(String, String)> {
    crate::worklist::hand_written(root)
        .into_iter()
        .filter(|p| {
            p.starts_with(root.join("heygen/src"))
                && !p.starts_with(root.join("heygen/src/testing"))
        })
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.strip_prefix(root).unwrap().display().to_string(), text)
        })
        .collect()
}

fn word(text: &str, w: &str) -> bool {
    text.match_indices(w).any(|(i, _)| {
        let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !ident(text[..i].chars().next_back()) && !ident(text[i + w.len()..].chars().next())
    })
}

fn schemas(doc: &Value) -> Vec<(String, Value)> {
    doc["components"]["schemas"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn is_side(sides: &std::collections::BTreeMap<String, Side>, name: &str, side: Side) -> bool {
    sides.get(name) == Some(&side)
}

/// Component `name`'s string property read by hand-written library code (`.prop` in a file
/// naming the component), not in `except`.
fn read_field(
    doc: &Value,
    lib: &[(String, String)],
    except: &[(String, String)],
) -> (String, String) {
    let sides = component_sides(doc);
    for (name, schema) in schemas(doc) {
        if !is_side(&sides, &name, Side::Response) {
            continue;
        }
        for (prop, p) in schema["properties"].as_object().into_iter().flatten() {
            let plain_string =
                p["type"] == "string" && p.get("enum").is_none() && p.get("format").is_none();
            let taken = except.iter().any(|(n, q)| *n == name || q == prop);
            if !plain_string || taken || prop.contains('-') {
                continue;
            }
            let read = lib.iter().any(|(_, text)| {
                word(text, &crate::postpass::type_ident(&name))
                    && text.contains(&format!(".{prop}"))
                    && word(text, prop)
            });
            if read {
                return (name, prop.clone());
            }
        }
    }
    panic!("no response field the hand-written library reads");
}

/// A client method the hand-written library calls, with its path and operation: `(path,
/// method, operationId)`, the first whose route has a path parameter when `with_path_param`.
fn called_operation(
    doc: &Value,
    lib: &[(String, String)],
    with_path_param: bool,
    except: &str,
) -> (String, String, String) {
    for (path, item) in doc["paths"].as_object().unwrap() {
        if with_path_param != path.contains('{') {
            continue;
        }
        for (method, op) in item.as_object().unwrap() {
            let Some(id) = op["operationId"].as_str() else {
                continue;
            };
            let call = format!(".{}()", crate::worklist::snake_method(id));
            if id != except && lib.iter().any(|(_, t)| t.contains(&call)) {
                return (path.clone(), method.clone(), id.to_string());
            }
        }
    }
    panic!("no operation the hand-written library calls");
}

/// The tolerant next version: five additions, none of which should need a hand edit. Each
/// lands where hand-written code looks (a type the SDK, its simulator included, names) when
/// there is such a place.
fn tolerant(pin: &Value, sdk: &[(String, String)]) -> (Value, Vec<String>) {
    let mut doc = pin.clone();
    let sides = component_sides(pin);
    let mut all = schemas(pin);
    let named = |n: &str| {
        sdk.iter()
            .any(|(_, t)| word(t, &crate::postpass::type_ident(n)))
    };
    all.sort_by_key(|(n, _)| !named(n));
    let mut what = Vec::new();
    // Names no document has yet (a pin that is itself a synthetic version has `synthetic…`).
    let text = pin.to_string();
    let fresh = ["synthetic", "syntheticb", "syntheticc", "syntheticd"]
        .into_iter()
        .find(|w| !text.contains(w))
        .expect("a fresh name");
    let pascal = crate::normalise::walk::pascal(fresh);

    // An enum value added, to a response enum.
    let (enum_name, _) = all
        .iter()
        .find(|(n, s)| {
            s["type"] == "string" && s["enum"].is_array() && is_side(&sides, n, Side::Response)
        })
        .expect("a response enum");
    doc["components"]["schemas"][enum_name]["enum"]
        .as_array_mut()
        .unwrap()
        .push(format!("{fresh}_value").into());
    what.push(format!(
        "types::{}::{pascal}Value",
        crate::postpass::type_ident(enum_name)
    ));

    // A union member added, to a union a request sends.
    let (union, schema) = all
        .iter()
        .find(|(n, s)| {
            s["oneOf"].is_array()
                && s["discriminator"]["propertyName"].is_string()
                && !is_side(&sides, n, Side::Response)
        })
        .expect("a discriminated union in a request");
    let tag = schema["discriminator"]["propertyName"].as_str().unwrap();
    let first = &schema["oneOf"][0];
    let mut member = match first["$ref"].as_str() {
        Some(r) => pin.pointer(r.trim_start_matches('#')).unwrap().clone(),
        None => first.clone(),
    };
    member["properties"][tag] = json!({"type": "string", "enum": [format!("{fresh}_member")]});
    member.as_object_mut().unwrap().remove("title");
    let member_name = format!("{pascal}Member");
    let member_ref = format!("#/components/schemas/{member_name}");
    doc["components"]["schemas"][&member_name] = member;
    doc["components"]["schemas"][union]["oneOf"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "$ref": member_ref }));
    if doc["components"]["schemas"][union]["discriminator"]["mapping"].is_object() {
        doc["components"]["schemas"][union]["discriminator"]["mapping"]
            [format!("{fresh}_member")] = member_ref.clone().into();
    }
    what.push(format!(
        "types::{}::{pascal}Member",
        crate::postpass::type_ident(union)
    ));

    // An operation added: a copy of a GET with a JSON answer, at a new path.
    let (path, get) = pin["paths"]
        .as_object()
        .unwrap()
        .iter()
        .find_map(|(p, i)| Some((p, i.get("get")?)).filter(|(p, _)| !p.contains('{')))
        .expect("a GET without path parameters");
    let mut op = get.clone();
    op["operationId"] = format!("list{pascal}ThingsV9").into();
    doc["paths"][format!("{path}/{fresh}-things")] = json!({"get": op});
    what.push(format!("Client::list_{fresh}_things_v9"));

    // An optional response field and an optional request field.
    for (side, field) in [
        (Side::Response, format!("{fresh}_note")),
        (Side::Request, format!("{fresh}_option")),
    ] {
        let (name, _) = all
            .iter()
            .find(|(n, s)| s["properties"].is_object() && is_side(&sides, n, side) && n != union)
            .expect("an object schema");
        doc["components"]["schemas"][name]["properties"][&field] = json!({"type": "string"});
        what.push(format!(
            "types::{}.{field}",
            crate::postpass::type_ident(name)
        ));
    }
    (doc, what)
}

/// What the breaking version changed, for the assertions: (Rust name the worklist must show,
/// whether the line must point at hand-written code).
fn breaking(pin: &Value, lib: &[(String, String)]) -> (Value, Vec<String>) {
    let mut doc = pin.clone();
    let mut expect = Vec::new();
    let sides = component_sides(pin);

    // A response field the SDK reads, removed; another, retyped string → integer.
    let (removed_in, removed) = read_field(pin, lib, &[]);
    let s = &mut doc["components"]["schemas"][&removed_in];
    s["properties"].as_object_mut().unwrap().remove(&removed);
    if let Some(req) = s["required"].as_array_mut() {
        req.retain(|r| r != removed.as_str());
    }
    expect.push(format!(
        "{}.{removed} removed",
        crate::postpass::type_ident(&removed_in)
    ));
    let (retyped_in, retyped) = read_field(pin, lib, &[(removed_in.clone(), removed.clone())]);
    doc["components"]["schemas"][&retyped_in]["properties"][&retyped] = json!({"type": "integer"});
    expect.push(format!(
        "{}.{retyped} type",
        crate::postpass::type_ident(&retyped_in)
    ));

    // A request field made required: an optional field of a request body the library names.
    let (made_in, made) = schemas(pin)
        .into_iter()
        .filter(|(n, _)| is_side(&sides, n, Side::Request))
        .filter(|(n, _)| {
            lib.iter()
                .any(|(_, t)| word(t, &crate::postpass::type_ident(n)))
        })
        .find_map(|(n, s)| {
            let required: Vec<&str> = s["required"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let prop = s["properties"]
                .as_object()?
                .keys()
                .find(|k| !required.contains(&k.as_str()))?
                .clone();
            Some((n, prop))
        })
        .expect("a request body with an optional field");
    let req = &mut doc["components"]["schemas"][&made_in]["required"];
    if !req.is_array() {
        *req = json!([]);
    }
    req.as_array_mut().unwrap().push(made.clone().into());
    expect.push(format!("{}.{made}", crate::postpass::type_ident(&made_in)));

    // A path parameter renamed, in an operation the library calls.
    let (path, _, renamed_op) = called_operation(pin, lib, true, "");
    let param = path
        .split('{')
        .nth(1)
        .unwrap()
        .split('}')
        .next()
        .unwrap()
        .to_string();
    let new_path = path.replace(&format!("{{{param}}}"), "{synthetic_id}");
    let mut item = doc["paths"].as_object_mut().unwrap().remove(&path).unwrap();
    let rename = |params: Option<&mut Value>| {
        for p in params.and_then(Value::as_array_mut).into_iter().flatten() {
            if p["name"] == param.as_str() && p["in"] == "path" {
                p["name"] = "synthetic_id".into();
            }
        }
    };
    let item_map = item.as_object_mut().unwrap();
    rename(item_map.get_mut("parameters"));
    for (key, op) in item_map.iter_mut() {
        if key != "parameters" {
            rename(op.get_mut("parameters"));
        }
    }
    doc["paths"][&new_path] = item;
    expect.push(format!(
        "{}.{param}",
        crate::postpass::type_ident(&renamed_op)
    ));

    // A new required query parameter, on another operation the library calls.
    let (path, method, op) = called_operation(pin, lib, false, &renamed_op);
    let params = &mut doc["paths"][&path][&method]["parameters"];
    if !params.is_array() {
        *params = json!([]);
    }
    params.as_array_mut().unwrap().push(json!({
        "name": "synthetic_filter", "in": "query", "required": true, "schema": {"type": "string"}
    }));
    expect.push(format!(
        "{}.synthetic_filter required parameter added",
        crate::postpass::type_ident(&op)
    ));
    (doc, expect)
}

/// A fresh copy of the workspace, and the shared target dir its builds use. The first time, the
/// target dir is seeded with hard links to the workspace's own build output (the dependencies
/// compiled for `cargo test --workspace`), so only the workspace's crates are compiled again.
fn scratch(real: &Path, name: &str) -> (PathBuf, PathBuf) {
    let own =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| real.join("target"), PathBuf::from);
    let base = own.join("xtask-scratch");
    let ws = base.join(name);
    let target = base.join("target");
    std::fs::remove_dir_all(&ws).ok();
    copy_workspace(real, &ws);
    if !target.join("debug").exists() && own.join("debug/deps").exists() {
        std::fs::create_dir_all(&target).unwrap();
        // Hard links: cargo replaces a file it rebuilds rather than writing into it.
        let linked = std::process::Command::new("cp")
            .args(["-al"])
            .arg(own.join("debug"))
            .arg(target.join("debug"))
            .status()
            .is_ok_and(|s| s.success());
        // The workspace crates' incremental state is rebuilt, not shared; and a linked lock
        // file would be the workspace's own lock (one inode), held by the running test.
        std::fs::remove_dir_all(target.join("debug/incremental")).ok();
        for entry in std::fs::read_dir(target.join("debug"))
            .into_iter()
            .flatten()
            .flatten()
        {
            if entry.file_name().to_string_lossy().starts_with(".cargo") {
                std::fs::remove_file(entry.path()).ok();
            }
        }
        if !linked {
            std::fs::remove_dir_all(target.join("debug")).ok();
        }
    }
    (ws, target)
}

fn sdk_sources(real: &Path) -> Vec<(String, String)> {
    crate::worklist::hand_written(real)
        .into_iter()
        .filter(|p| p.starts_with(real.join("heygen/src")))
        .map(|p| (String::new(), std::fs::read_to_string(p).unwrap()))
        .collect()
}

/// `diff` on the tolerant version (no build): the document's changes and the generated Rust
/// API's, none breaking, each addition listed.
#[test]
fn synthetic_tolerant_diff_lists_the_generated_api_changes_none_breaking() {
    let real = crate::workspace_root();
    let (lock, pin) = load_cached(&real).unwrap();
    let (doc, added) = tolerant(&pin, &sdk_sources(&real));
    let old = crate::diff::Document {
        name: lock.file,
        date: Some(lock.date),
        value: pin,
    };
    let new = crate::diff::Document {
        name: "next.json".into(),
        date: Some("2099-01-02".into()),
        value: doc,
    };
    let report = crate::diff::Report::new(&old, &new);
    assert_eq!(report.breaking(), 0, "{}", report.markdown());
    let old_code = std::fs::read_to_string(real.join(crate::generate::OUTPUT)).unwrap();
    let new_code = crate::generate::render_document(&real, &new).unwrap();
    let api = crate::api_diff::between(&old_code, &new_code).unwrap();
    let broken: Vec<_> = api.iter().filter(|c| c.breaking).collect();
    assert!(broken.is_empty(), "{broken:#?}");
    for item in &added {
        assert!(api.iter().any(|c| c.item == *item), "{item}: {api:#?}");
    }
}

/// The tolerant version: adopted with no hand edit; the workspace builds and its tests pass.
#[test]
fn synthetic_next_versions_tolerant() {
    let real = crate::workspace_root();
    let (_, pin) = load_cached(&real).unwrap();
    let (doc, added) = tolerant(&pin, &sdk_sources(&real));
    let (ws, target) = scratch(&real, "tolerant");
    let file = ws.join("heygen-external-api-2099-01-02.openapi.json");
    std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
    let options = Options {
        prove: crate::prove::Options {
            no_test: false,
            skip: vec![NAME.into()],
            target_dir: Some(target),
        },
        ..Options::default()
    };
    let started = std::time::Instant::now();
    let out = update(&ws, Some(file.to_str().unwrap()), &options)
        .unwrap()
        .expect("a new document");
    println!(
        "tolerant: update in {:.0?}: {:?}",
        started.elapsed(),
        out.proof.steps
    );
    assert!(out.proof.ok(), "tolerant version: {:#?}", out.worklist);
    assert!(out.worklist.is_empty(), "{:#?}", out.worklist);
    let broken: Vec<_> = out.api.iter().filter(|c| c.breaking).collect();
    assert!(
        broken.is_empty(),
        "the tolerant version broke the Rust API: {broken:#?}"
    );
    for item in &added {
        assert!(
            out.api.iter().any(|c| c.item == *item),
            "{item} not in the API changes: {:#?}",
            out.api
        );
    }
    assert!(
        out.new_operations.iter().any(|l| l.contains("ThingsV9")),
        "{:?}",
        out.new_operations
    );
    assert!(out.version.ends_with("+api.2099-01-02"), "{}", out.version);
    let changelog = std::fs::read_to_string(ws.join("CHANGELOG.md")).unwrap();
    assert!(changelog.contains(&format!("## [{}] - Unreleased", out.version)));
    assert_eq!(changelog.matches("] - Unreleased").count(), 1);
    std::fs::remove_dir_all(&ws).ok();
}

/// The breaking version: fails, and the worklist names each change and where it lands.
#[test]
fn synthetic_next_versions_breaking() {
    let real = crate::workspace_root();
    let (_, pin) = load_cached(&real).unwrap();
    let lib = library(&real);
    let (doc, expect) = breaking(&pin, &lib);
    let (ws, target) = scratch(&real, "breaking");
    let file = ws.join("heygen-external-api-2099-01-03.openapi.json");
    std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
    let options = Options {
        prove: crate::prove::Options {
            no_test: true,
            skip: Vec::new(),
            target_dir: Some(target),
        },
        ..Options::default()
    };
    let started = std::time::Instant::now();
    let out = update(&ws, Some(file.to_str().unwrap()), &options)
        .unwrap()
        .expect("a new document");
    println!(
        "breaking: update in {:.0?}: {:?}",
        started.elapsed(),
        out.proof.steps
    );
    println!("worklist:\n{}", out.worklist.join("\n"));
    assert!(!out.proof.ok(), "the breaking version built");
    // Breaking, but the unreleased version absorbs it; the API date is the document's.
    assert!(out.version.ends_with("+api.2099-01-03"), "{}", out.version);
    let changelog = std::fs::read_to_string(ws.join("CHANGELOG.md")).unwrap();
    assert!(changelog.contains(&format!("## [{}] - Unreleased", out.version)));
    assert!(changelog.contains("**Breaking:**"), "{}", out.changelog);
    for want in &expect {
        let line = out
            .worklist
            .iter()
            .find(|l| l.starts_with("BREAKING") && l.contains(want.as_str()))
            .unwrap_or_else(|| panic!("no worklist line for {want}: {:#?}", out.worklist));
        assert!(
            line.contains(" → heygen/")
                || line.contains(" → tests/")
                || line.contains(" → benches/"),
            "{want}: no hand-written place in {line}"
        );
    }
    std::fs::remove_dir_all(&ws).ok();
}
