//! The spec-driven foundation proves itself against the pinned document: every synthesised or
//! recorded example validates against its schema, unions are covered member by member, and
//! invalid values are rejected.

use std::collections::BTreeSet;
use std::time::Instant;

use heygen_contract_tests::spec::{pointer_ref, sha256_hex, workspace_root};
use heygen_contract_tests::validate::{compiled, is_valid};
use heygen_contract_tests::{
    KnownInvalidExample, Location, Spec, Synth, known_invalid_examples, validate,
    validate_component,
};
use serde_json::{Value, json};

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn spec() -> &'static Spec {
    Spec::shared().expect("the pinned OpenAPI document loads")
}

/// Counts taken from the raw document, independently of [`Spec::operations`]:
/// (operations, JSON response statuses, of which with a recorded example, request bodies).
fn raw_counts(doc: &Value) -> (usize, usize, usize, usize) {
    let (mut ops, mut statuses, mut recorded, mut bodies) = (0, 0, 0, 0);
    for item in doc["paths"].as_object().unwrap().values() {
        for (method, op) in item.as_object().unwrap() {
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            ops += 1;
            if op.get("requestBody").is_some() {
                bodies += 1;
            }
            for response in op["responses"].as_object().unwrap().values() {
                if let Some(media) = response.pointer("/content/application~1json") {
                    statuses += 1;
                    if media.get("example").is_some() || media.get("examples").is_some() {
                        recorded += 1;
                    }
                }
            }
        }
    }
    (ops, statuses, recorded, bodies)
}

/// The failures of one check, as the subjects of [`KnownInvalidExample`]s.
fn known(subject_prefix: &str) -> BTreeSet<(String, String)> {
    known_invalid_examples()
        .into_iter()
        .filter(|k: &KnownInvalidExample| k.subject.starts_with(subject_prefix))
        .map(|k| (k.operation_id.to_owned(), k.subject.to_owned()))
        .collect()
}

#[test]
fn spec_matches_lock_and_lists_every_operation() {
    let spec = spec();
    let lock = spec.lock().expect("loaded from the lock");
    let bytes = std::fs::read(spec.path().unwrap()).unwrap();
    assert_eq!(sha256_hex(&bytes), lock.sha256);
    assert_eq!(spec.document()["openapi"], json!(lock.openapi));

    let (raw_ops, _, _, raw_bodies) = raw_counts(spec.document());
    let ops = spec.operations();
    assert_eq!(ops.len(), raw_ops);
    assert_eq!(
        ops.len(),
        lock.operations,
        "the lock pins the operation count"
    );

    let ids: BTreeSet<_> = ops.iter().map(|o| o.operation_id.as_str()).collect();
    assert_eq!(ids.len(), ops.len(), "operationIds are unique");
    let bodies = ops.iter().filter(|o| o.request_body().is_some()).count();
    assert_eq!(bodies, raw_bodies);

    for op in &ops {
        assert!(METHODS.contains(&op.method.to_ascii_lowercase().as_str()));
        assert_eq!(op.method, op.method.to_ascii_uppercase());
        assert!(op.path.starts_with('/'), "{}", op.path);
        assert!(spec.operation(&op.operation_id).is_some());
        // Every `{param}` of the path template is a required path parameter, and vice versa.
        let templated: BTreeSet<String> = op
            .path
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(name, _)| name.to_owned()))
            .collect();
        let declared: BTreeSet<String> = op
            .parameters()
            .into_iter()
            .filter(|p| p.location == Location::Path)
            .inspect(|p| assert!(p.required, "{} {}", op.operation_id, p.name))
            .map(|p| p.name)
            .collect();
        assert_eq!(templated, declared, "{}", op.operation_id);
    }

    let create = spec.operation("createVideo").unwrap();
    assert_eq!(
        (create.method.as_str(), create.path.as_str()),
        ("POST", "/v3/videos")
    );
    let body = create.request_body().unwrap();
    assert_eq!(body.content_type, "application/json");
    assert!(body.required);
    assert_eq!(
        spec.resolve(&body.schema),
        spec.schema("CreateVideoV3RequestBody").unwrap()
    );
    let upload = spec
        .operation("uploadAsset")
        .unwrap()
        .request_body()
        .unwrap();
    assert_eq!(upload.content_type, "multipart/form-data");

    let list = spec.operation("listVideosV3").unwrap();
    let limit = list
        .parameters()
        .into_iter()
        .find(|p| p.name == "limit")
        .unwrap();
    assert_eq!((limit.location, limit.required), (Location::Query, false));
    assert_eq!(Synth::new(spec).parameter_value(&limit), json!(10));
}

#[test]
fn every_json_response_example_validates_against_its_schema() {
    let started = Instant::now();
    let spec = spec();
    let synth = Synth::new(spec);
    let (raw_ops, raw_statuses, raw_recorded, _) = raw_counts(spec.document());

    let mut failures = BTreeSet::new();
    let mut messages = Vec::new();
    let (mut ops, mut statuses, mut recorded, mut synthesised) = (0, 0, 0, 0);
    let mut table = format!(
        "{:<34} {:<7} {:<58} statuses (r = recorded example, s = synthesised)\n",
        "operation", "method", "path"
    );
    for op in spec.operations() {
        let responses = op.json_responses();
        if responses.is_empty() {
            continue;
        }
        ops += 1;
        let mut row = Vec::new();
        for (status, schema, example) in responses {
            statuses += 1;
            // The recorded example when there is one, and the synthesised value always.
            let mut candidates = vec![("s", synth.response_synthesised(&op, status).unwrap())];
            if example.is_some() {
                recorded += 1;
                let value = synth.response_example(&op, status).unwrap();
                assert_eq!(Some(&value), example.as_ref());
                candidates.insert(0, ("r", value));
            } else {
                synthesised += 1;
                assert_eq!(
                    synth.response_example(&op, status),
                    synth.response_synthesised(&op, status)
                );
            }
            row.push(format!("{status}{}", candidates[0].0));
            for (kind, value) in candidates {
                if let Err(errors) = validate(spec.document(), &schema, &value) {
                    let subject = if kind == "r" {
                        "response"
                    } else {
                        "synthesised response"
                    };
                    failures.insert((op.operation_id.clone(), format!("{subject} {status}")));
                    messages.push(format!(
                        "{} {status} ({kind}) {value}: {errors:?}",
                        op.operation_id
                    ));
                }
            }
        }
        table += &format!(
            "{:<34} {:<7} {:<58} {}\n",
            op.operation_id,
            op.method,
            op.path,
            row.join(" ")
        );
    }
    println!(
        "{table}operations: {ops}, JSON response statuses: {statuses} (recorded examples: {recorded}, \
         synthesised: {synthesised}), validators cached: {}, {:?}",
        heygen_contract_tests::validate::cached_validators(),
        started.elapsed()
    );
    for m in &messages {
        println!("invalid: {m}");
    }
    assert_eq!(ops, raw_ops, "every operation has JSON responses");
    assert_eq!(statuses, raw_statuses);
    assert_eq!(recorded, raw_recorded);
    assert_eq!(recorded + synthesised, statuses);
    let mut expected = known("response");
    expected.extend(known("synthesised response"));
    assert_eq!(failures, expected, "{messages:#?}");
}

#[test]
fn every_request_variant_validates_against_the_request_schema() {
    let started = Instant::now();
    let spec = spec();
    let synth = Synth::new(spec);
    let (_, _, _, raw_bodies) = raw_counts(spec.document());

    let mut failures = BTreeSet::new();
    let mut messages = Vec::new();
    let (mut bodies, mut total) = (0, 0);
    let mut table = String::new();
    for op in spec.operations() {
        let Some(body) = op.request_body() else {
            continue;
        };
        bodies += 1;
        let variants = synth.variants_for(&body.schema);
        assert!(!variants.is_empty());
        assert_eq!(variants[0], synth.example_for(&body.schema));
        assert_eq!(
            synth.request_variants(&op)[..],
            variants[..],
            "no recorded request examples"
        );
        for (i, value) in variants.iter().enumerate() {
            if let Err(errors) = validate(spec.document(), &body.schema, value) {
                failures.insert((op.operation_id.clone(), "request".to_owned()));
                messages.push(format!("{} #{i} {value}: {errors:?}", op.operation_id));
            }
        }
        total += variants.len();
        table += &format!(
            "{:<34} {:<20} {:>2} variant(s)\n",
            op.operation_id,
            body.content_type,
            variants.len()
        );
    }
    println!(
        "{table}request bodies: {bodies}, variants: {total}, {:?}",
        started.elapsed()
    );
    for m in &messages {
        println!("invalid: {m}");
    }
    assert_eq!(bodies, raw_bodies);
    assert!(total > bodies, "unions add variants");
    assert_eq!(failures, known("request"), "{messages:#?}");
}

#[test]
fn every_component_schema_example_and_variant_validates() {
    let spec = spec();
    let synth = Synth::new(spec);
    let names = spec.schema_names();
    let raw = spec.document()["components"]["schemas"]
        .as_object()
        .unwrap()
        .len();
    assert_eq!(names.len(), raw);
    let mut checked = 0;
    for name in names {
        let schema = json!({ "$ref": format!("#/components/schemas/{name}") });
        for value in synth.variants_for(&schema) {
            checked += 1;
            if let Err(errors) = validate_component(spec, name, &value) {
                panic!("{name}: {value}: {errors:?}");
            }
        }
    }
    println!("component schemas: {raw}, values checked: {checked}");
    assert!(checked > raw);
}

#[test]
fn every_schema_level_example_and_default_validates() {
    let spec = spec();
    let mut failures = Vec::new();
    let mut checked = 0;
    let pointers = spec.schema_pointers();
    for pointer in &pointers {
        let schema = spec.document().pointer(pointer).unwrap();
        let mut values: Vec<(&str, &Value)> = Vec::new();
        values.extend(schema.get("example").map(|v| ("example", v)));
        for v in schema
            .get("examples")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            values.push(("examples", v));
        }
        values.extend(schema.get("default").map(|v| ("default", v)));
        let reference = json!({ "$ref": pointer_ref(pointer) });
        for (keyword, value) in values {
            checked += 1;
            if let Err(errors) = validate(spec.document(), &reference, value) {
                failures.push(format!("{pointer} {keyword} {value}: {errors:?}"));
            }
        }
    }
    println!(
        "schemas: {}, schema-level example/examples/default values: {checked}",
        pointers.len()
    );
    assert!(checked > 0);
    assert_eq!(failures, Vec::<String>::new());
}

/// Not a failure of the document's examples but a limit of its schemas worth knowing: the
/// response envelopes (`{"data": ...}`, `{"error": ...}`) list no `required` members and allow
/// additional ones, so `{}` (or an error body) validates against them. Contract tests must
/// therefore check the members they expect, not only validity.
#[test]
fn response_envelopes_without_required_members_accept_empty_objects() {
    let spec = spec();
    let (mut permissive, mut expected, mut statuses) = (0, 0, 0);
    let mut success_accepts_error = 0;
    let mut success_rejects_error = Vec::new();
    for op in spec.operations() {
        let error_example = op
            .json_responses()
            .into_iter()
            .find_map(|(s, _, e)| (s == 401).then_some(e).flatten());
        for (status, schema, _) in op.json_responses() {
            statuses += 1;
            let resolved = spec.resolve(&schema);
            // An empty `required` (as the July document writes) requires nothing either.
            let requires = resolved
                .get("required")
                .and_then(Value::as_array)
                .is_some_and(|r| !r.is_empty());
            if !requires && resolved.get("additionalProperties") != Some(&json!(false)) {
                expected += 1;
            }
            if is_valid(spec.document(), &schema, &json!({})) {
                permissive += 1;
            }
            if status == 200
                && let Some(error) = &error_example
            {
                if is_valid(spec.document(), &schema, error) {
                    success_accepts_error += 1;
                } else {
                    success_rejects_error.push(op.operation_id.clone());
                }
            }
        }
    }
    println!(
        "JSON response schemas accepting {{}}: {permissive} of {statuses}; 200 schemas accepting \
         the operation's recorded 401 body: {success_accepts_error} (rejecting it: \
         {success_rejects_error:?})"
    );
    assert_eq!(permissive, expected);
    assert!(permissive < statuses, "some schemas do require members");
}

/// Every discriminated union of the document, read from it: one synthesised variant per tag of
/// its mapping (nested unions add variants, never drop a tag), each valid against the union.
#[test]
fn every_union_yields_a_valid_variant_per_member() {
    let spec = spec();
    let synth = Synth::new(spec);
    let mut unions = 0;
    for name in spec.schema_names() {
        let schema = spec.schema(name).unwrap();
        let (Some(members), Some(tag)) = (
            schema["oneOf"].as_array(),
            schema["discriminator"]["propertyName"].as_str(),
        ) else {
            continue;
        };
        unions += 1;
        let by_ref = synth
            .variants_for(&json!({"$ref": pointer_ref(&format!("/components/schemas/{name}"))}));
        assert_eq!(synth.variants_for(schema), by_ref, "{name}");
        let expected: BTreeSet<&str> = match schema["discriminator"]["mapping"].as_object() {
            Some(mapping) => mapping.keys().map(String::as_str).collect(),
            None => BTreeSet::new(),
        };
        let tags: BTreeSet<&str> = by_ref.iter().filter_map(|v| v[tag].as_str()).collect();
        if !expected.is_empty() {
            assert_eq!(tags, expected, "{name}: one variant per tag of the mapping");
        }
        assert!(
            by_ref.len() >= members.len(),
            "{name}: {} variants",
            by_ref.len()
        );
        for v in &by_ref {
            validate_component(spec, name, v).unwrap_or_else(|e| panic!("{name}: {e:?}: {v}"));
        }
    }
    assert!(unions > 0, "the document has discriminated unions");
}

#[test]
fn invalid_values_are_rejected() {
    let spec = spec();
    let synth = Synth::new(spec);
    let name = "CreateVideoV3RequestBody";
    let errors = validate_component(spec, name, &json!({"type": "video"})).unwrap_err();
    assert!(errors.iter().any(|e| e.contains("oneOf")), "{errors:?}");

    let variants = synth.variants_for(spec.schema(name).unwrap());
    let mut avatar = variants
        .iter()
        .find(|v| v["type"] == "avatar")
        .unwrap()
        .clone();
    validate_component(spec, name, &avatar).unwrap();
    avatar["type"] = json!("video");
    assert!(validate_component(spec, name, &avatar).is_err());

    let image = variants
        .iter()
        .find(|v| v["type"] == "image")
        .unwrap()
        .clone();
    let mut wrong_source = image.clone();
    wrong_source["image"]["type"] = json!("file");
    assert!(validate_component(spec, name, &wrong_source).is_err());
    let required = spec.schema("CreateVideoFromImage").unwrap()["required"]
        .as_array()
        .unwrap();
    if required.contains(&json!("image")) {
        let mut no_image = image.clone();
        no_image.as_object_mut().unwrap().remove("image");
        assert!(validate_component(spec, name, &no_image).is_err());
    }
    // `additionalProperties: false` on the asset members.
    let mut extra = image;
    extra["image"]["unexpected"] = json!(1);
    assert!(validate_component(spec, name, &extra).is_err());

    // A wrong type deep inside a response envelope, through `$ref`s.
    let op = spec.operation("getVideoV3").unwrap();
    let (schema, _) = op.json_response(200).unwrap();
    let mut video = synth.response_example(&op, 200).unwrap();
    validate(spec.document(), &schema, &video).unwrap();
    video["data"]["status"] = json!("exploded");
    let errors = validate(spec.document(), &schema, &video).unwrap_err();
    assert!(
        errors.iter().any(|e| e.starts_with("/data/status")),
        "{errors:?}"
    );

    assert!(validate_component(spec, "NoSuchSchema", &json!({})).is_err());
    let dangling = json!({"$ref": "#/components/schemas/NoSuchSchema"});
    assert!(validate(spec.document(), &dangling, &json!({})).is_err());
    assert!(!is_valid(spec.document(), &dangling, &json!({})));
}

#[test]
fn compiled_validators_are_cached() {
    let spec = spec();
    let schema = json!({"$ref": "#/components/schemas/VideoDetail"});
    let a = compiled(spec.document(), &schema).unwrap();
    let b = compiled(spec.document(), &schema).unwrap();
    assert!(std::sync::Arc::ptr_eq(&a, &b));
    // The same fragment in another document (a different $ref target) is another validator.
    let mut other = spec.document().clone();
    other["components"]["schemas"]["VideoDetail"] = json!({"type": "string"});
    let c = compiled(&other, &schema).unwrap();
    assert!(!std::sync::Arc::ptr_eq(&a, &c));
    assert!(c.is_valid(&json!("x")) && !a.is_valid(&json!("x")));
}

#[test]
fn synthesis_is_deterministic() {
    let spec = spec();
    let all = |synth: &Synth| -> Vec<Value> {
        spec.operations()
            .iter()
            .flat_map(|op| {
                let mut out: Vec<Value> = op
                    .json_responses()
                    .into_iter()
                    .map(|(status, _, _)| synth.response_example(op, status).unwrap())
                    .collect();
                out.extend(synth.request_variants(op));
                out
            })
            .collect()
    };
    let first = all(&Synth::new(spec));
    assert_eq!(first, all(&Synth::new(spec)));
    let reloaded = Spec::load().unwrap();
    assert_eq!(first, all(&Synth::new(&reloaded)));
}

/// A small hand-written document exercising the synthesiser's rules.
fn toy() -> Spec {
    Spec::from_value(json!({
        "openapi": "3.1.0",
        "paths": {},
        "components": { "schemas": {
            "Scalars": {
                "type": "object",
                "properties": {
                    "when": {"type": "string", "format": "date-time"},
                    "link": {"type": "string", "format": "uri"},
                    "mail": {"type": "string", "format": "email"},
                    "id": {"type": "string", "format": "uuid"},
                    "long": {"type": "string", "minLength": 12},
                    "short": {"type": "string", "maxLength": 3},
                    "count": {"type": "integer", "minimum": 5, "maximum": 10},
                    "ratio": {"type": "number", "maximum": 0.25},
                    "positive": {"type": "integer", "exclusiveMinimum": 0},
                    "flag": {"type": "boolean"},
                    "maybe": {"anyOf": [{"type": "integer", "minimum": 3}, {"type": "null"}], "default": null},
                    "typed_null": {"type": ["string", "null"]},
                    "fixed": {"const": "c", "type": "string"},
                    "exampled": {"type": "string", "example": "ex", "examples": ["exs"]},
                    "examples_only": {"type": "string", "examples": ["first", "second"]},
                    "defaulted": {"type": "integer", "default": 7},
                    "choice": {"enum": [null, "b", "a"]},
                    "map": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "list": {"type": "array", "items": {"type": "string"}, "minItems": 2}
                }
            },
            "Node": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "next": {"anyOf": [{"$ref": "#/components/schemas/Node"}, {"type": "null"}]},
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
                }
            },
            "Merged": {"allOf": [
                {"type": "object", "properties": {"a": {"type": "integer"}}},
                {"type": "object", "properties": {"b": {"type": "string"}}}
            ]},
            "Cat": {"type": "object", "additionalProperties": false, "properties": {"kind": {"type": "string"}, "meow": {"type": "boolean"}}},
            "Dog": {"type": "object", "additionalProperties": false, "properties": {"kind": {"type": "string"}, "bark": {"type": "boolean"}}},
            "Pet": {
                "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
                "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/components/schemas/Cat"}}
            },
            "Owner": {"type": "object", "properties": {
                "pet": {"$ref": "#/components/schemas/Pet"},
                "spare": {"anyOf": [{"$ref": "#/components/schemas/Pet"}, {"type": "null"}]}
            }}
        }}
    }))
}

#[test]
fn synthesiser_rules_on_a_small_document() {
    let spec = toy();
    let synth = Synth::new(&spec);
    let v = synth.example_for(spec.schema("Scalars").unwrap());
    assert_eq!(v["when"], "2026-04-08T12:00:00Z");
    assert_eq!(v["link"], "https://example.com/file");
    assert!(v["mail"].as_str().unwrap().contains('@'));
    assert_eq!(v["id"].as_str().unwrap().len(), 36);
    assert!(v["long"].as_str().unwrap().len() >= 12);
    assert!(v["short"].as_str().unwrap().len() <= 3);
    assert_eq!(v["count"], 5);
    assert!(v["ratio"].as_f64().unwrap() <= 0.25);
    assert_eq!(v["positive"], 1);
    assert_eq!(v["flag"], true);
    assert_eq!(
        v["maybe"], 3,
        "nullable with a null default: the non-null branch"
    );
    assert_eq!(v["typed_null"], "example");
    assert_eq!(v["fixed"], "c");
    assert_eq!(v["exampled"], "ex");
    assert_eq!(v["examples_only"], "first");
    assert_eq!(v["defaulted"], 7);
    assert_eq!(v["choice"], "b");
    assert_eq!(v["map"], json!({"key": 1}));
    assert_eq!(v["list"].as_array().unwrap().len(), 2);
    validate_component(&spec, "Scalars", &v).unwrap();

    // Recursive schemas terminate (depth limit) and still validate.
    let node = synth.example_for(spec.schema("Node").unwrap());
    validate_component(&spec, "Node", &node).unwrap();
    let mut depth = 0;
    let mut cursor = &node;
    while let Some(next) = cursor.get("next").filter(|n| n.is_object()) {
        depth += 1;
        cursor = next;
    }
    assert!((1..=16).contains(&depth), "{depth}");
    let shallow = Synth::new(&spec)
        .with_max_depth(1)
        .example_for(spec.schema("Node").unwrap());
    validate_component(&spec, "Node", &shallow).unwrap();

    assert_eq!(
        synth.example_for(spec.schema("Merged").unwrap()),
        json!({"a": 1, "b": "example"})
    );

    // Discriminator tags come from the mapping, else the schema name.
    let pets = synth.variants_for(spec.schema("Pet").unwrap());
    assert_eq!(pets.len(), 2);
    assert_eq!(pets[0]["kind"], "cat");
    assert_eq!(pets[1]["kind"], "Dog");
    // Union properties (also nullable ones) yield one value per member.
    let owners = synth.variants_for(spec.schema("Owner").unwrap());
    let kinds: Vec<(&str, &str)> = owners
        .iter()
        .map(|o| {
            (
                o["pet"]["kind"].as_str().unwrap(),
                o["spare"]["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(kinds, [("cat", "cat"), ("Dog", "cat"), ("cat", "Dog")]);
    for owner in &owners {
        validate_component(&spec, "Owner", owner).unwrap();
    }
}

#[test]
fn load_fails_clearly_without_cache_or_with_a_wrong_hash() {
    let real_lock = std::fs::read_to_string(workspace_root().join("openapi/spec.lock")).unwrap();
    let file = spec().lock().unwrap().file.clone();
    let dir = std::env::temp_dir().join(format!("heygen-contract-tests-{}", std::process::id()));
    let checkout = dir.join("checkout");
    std::fs::create_dir_all(checkout.join("openapi/cache")).unwrap();
    std::fs::write(checkout.join("openapi/spec.lock"), &real_lock).unwrap();

    let missing = format!("{:#}", Spec::load_from(&checkout).unwrap_err());
    assert!(
        missing.contains("cargo xtask fetch --from ../shared/heygen-openapi"),
        "{missing}"
    );

    // A document in ../shared beside the checkout that is not the pinned one is not copied.
    let shared = dir.join("shared/heygen-openapi");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(shared.join(&file), b"{}").unwrap();
    let wrong = format!("{:#}", Spec::load_from(&checkout).unwrap_err());
    assert!(
        wrong.contains("does not match openapi/spec.lock"),
        "{wrong}"
    );
    assert!(!checkout.join("openapi/cache").join(&file).exists());

    // The pinned one is: the cache fills itself, and the document loads.
    let pinned = std::fs::read(spec().path().unwrap()).unwrap();
    std::fs::write(shared.join(&file), &pinned).unwrap();
    let loaded = Spec::load_from(&checkout).unwrap();
    assert_eq!(loaded.lock().unwrap().file, file);
    assert_eq!(
        std::fs::read(checkout.join("openapi/cache").join(&file)).unwrap(),
        pinned
    );

    std::fs::write(checkout.join("openapi/cache").join(&file), b"{}").unwrap();
    let wrong = format!("{:#}", Spec::load_from(&checkout).unwrap_err());
    assert!(wrong.contains("sha256 mismatch"), "{wrong}");
    assert!(wrong.contains(&sha256_hex(b"{}")), "{wrong}");
    std::fs::remove_dir_all(&dir).unwrap();
}
