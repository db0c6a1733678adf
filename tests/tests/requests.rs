//! Request contract: every operation is called through the SDK with values synthesised from
//! the document — one request per member of every union in its body (avatar and image
//! videos; url, asset_id and base64 assets; photo/prompt/video avatars, ...), every query
//! parameter set, and once more with only the required ones — and what goes on the wire is
//! checked against the original 3.1 document (see [`heygen_contract_tests::wire::check`]):
//! method, path and path parameters, query parameters, credentials, and the JSON body validated
//! with `jsonschema` (draft 2020-12) and compared with the values the SDK was given; for the
//! multipart `uploadAsset`, the `file` part. A serialisation bug in the generated or the
//! hand-written code fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use heygen_contract_tests::calls::{Input, ways};
use heygen_contract_tests::compare::Allowed;
use heygen_contract_tests::spec::Location;
use heygen_contract_tests::wire::{WireRequest, check, route};
use heygen_contract_tests::{Spec, Synth};
use heygen_sdk::Client;
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn spec() -> &'static Spec {
    Spec::shared().expect("the pinned OpenAPI document loads")
}

/// A mock answering every operation with its documented 200 example.
async fn mock() -> MockServer {
    let server = MockServer::start().await;
    let bodies: Arc<Mutex<BTreeMap<String, Value>>> = Arc::default();
    Mock::given(any())
        .respond_with(move |request: &Request| {
            let Some((op, _)) = route(spec(), request.method.as_str(), request.url.path()) else {
                return ResponseTemplate::new(418).set_body_string("no such operation");
            };
            let mut bodies = bodies.lock().unwrap();
            let body = bodies.entry(op.operation_id.clone()).or_insert_with(|| {
                Synth::new(spec())
                    .response_example(&op, 200)
                    .unwrap_or(Value::Null)
            });
            // The batch creates document a 200 without a body.
            if body.is_null() && op.json_response(200).is_none() {
                return ResponseTemplate::new(200);
            }
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/json")
                .set_body_bytes(serde_json::to_vec(body).unwrap())
        })
        .mount(&server)
        .await;
    server
}

fn wire(request: &Request) -> WireRequest {
    WireRequest::new(
        request.method.as_str(),
        request.url.path(),
        request.url.query(),
        request.headers.iter().map(|(name, value)| {
            (
                name.as_str(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        }),
        request.body.clone(),
    )
}

/// The discriminator values in a body, as `pointer=value` (`/type=image /image/type=url`).
fn union_label(value: &Value, at: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("type", Value::String(tag)) => out.push(format!("{at}/type={tag}")),
                    _ => union_label(v, &format!("{at}/{key}"), out),
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                union_label(v, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[tokio::test]
async fn every_request_the_sdk_sends_matches_the_document() {
    let started = Instant::now();
    let spec = spec();
    let synth = Synth::new(spec);
    let ways = ways();
    let server = mock().await;
    let client = Client::builder()
        .api_key("contract_test_key")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap();

    let mut failures = Vec::new();
    let mut table = String::new();
    let mut exercised: BTreeSet<String> = BTreeSet::new();
    let mut labels: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut tolerated: BTreeMap<Allowed, BTreeSet<String>> = BTreeMap::new();
    let (mut requests, mut seen) = (0, 0);
    for op in spec.operations() {
        let parameters = op.parameters();
        let has_optional_query = parameters
            .iter()
            .any(|p| p.location == Location::Query && !p.required);
        let bodies: Vec<Option<Value>> = match op.request_body() {
            Some(_) => synth.request_variants(&op).into_iter().map(Some).collect(),
            None => vec![None],
        };
        let mut inputs: Vec<(String, Input)> = Vec::new();
        for body in &bodies {
            let mut label = Vec::new();
            if let Some(body) = body {
                union_label(body, "", &mut label);
            }
            inputs.push((
                label.join(" "),
                Input::synthesised(&op, &synth, body.clone()),
            ));
        }
        if has_optional_query {
            let mut required_only = Input::synthesised(&op, &synth, bodies[0].clone());
            required_only.query.retain(|name, _| {
                parameters
                    .iter()
                    .any(|p| p.location == Location::Query && p.required && &p.name == name)
            });
            inputs.push(("required query parameters only".into(), required_only));
        }
        let mut row = Vec::new();
        for way in ways.iter().filter(|w| w.operation_id == op.operation_id) {
            for (label, input) in &inputs {
                requests += 1;
                let subject = format!("{} via {} [{label}]", op.operation_id, way.via);
                if let Err(e) = (way.call)(&client, input).await {
                    failures.push(format!("{subject}: the call failed: {e}"));
                }
                let received = server.received_requests().await.unwrap();
                let new = &received[seen..];
                seen = received.len();
                if new.len() != 1 {
                    failures.push(format!("{subject}: {} requests on the wire", new.len()));
                    continue;
                }
                let result = check(spec, &op, &wire(&new[0]), Some(input));
                for (kind, at) in result.body.allowed {
                    let entry = tolerated.entry(kind).or_default();
                    entry.extend(at.into_iter().map(|p| format!("{}{p}", op.operation_id)));
                }
                if result.problems.is_empty() {
                    exercised.insert(op.operation_id.clone());
                    labels
                        .entry(op.operation_id.clone())
                        .or_default()
                        .insert(label.clone());
                } else {
                    for problem in result.problems {
                        failures.push(format!("{subject}: {problem}"));
                    }
                }
            }
            row.push(format!("{} × {}", way.via, inputs.len()));
        }
        table += &format!(
            "{:<34} {:<6} {:<58} {}\n",
            op.operation_id,
            op.method,
            op.path,
            row.join(", ")
        );
    }
    println!(
        "Request contract: operation, SDK surface × inputs (union members, query sets)\n{table}"
    );
    let unions: Vec<String> = labels
        .iter()
        .filter_map(|(op, l)| {
            let l: Vec<&str> = l
                .iter()
                .map(String::as_str)
                .filter(|l| l.contains('='))
                .collect();
            (!l.is_empty()).then_some((op, l))
        })
        .map(|(op, l)| format!("  {op}: {}", l.join(" | ")))
        .collect();
    println!("union members sent and validated:\n{}", unions.join("\n"));
    println!(
        "{requests} requests checked, {}/{} operations, {:?}",
        exercised.len(),
        spec.operations().len(),
        started.elapsed()
    );
    for (kind, at) in &tolerated {
        println!("tolerated body difference {kind:?}: {at:?}");
    }
    for failure in &failures {
        println!("FAILED: {failure}");
    }
    assert!(
        failures.is_empty(),
        "{} failures (listed above)",
        failures.len()
    );
    let all: BTreeSet<String> = spec
        .operations()
        .into_iter()
        .map(|o| o.operation_id)
        .collect();
    assert_eq!(exercised, all, "every operation's request is checked");
    assert!(
        tolerated.is_empty(),
        "the wire body equals the input: {tolerated:?}"
    );

    // The unions issue 6 names, sent member by member (tags from the document's mapping).
    let create_video = &labels["createVideo"];
    for expected in [
        "/type=avatar",
        "/image/type=url",
        "/image/type=asset_id",
        "/image/type=base64",
    ] {
        assert!(
            create_video.iter().any(|l| l.contains(expected)),
            "createVideo {expected}: {create_video:?}"
        );
    }
}
