//! Response contract: for every operation of the pinned document and every status it documents
//! with a JSON body (200, 400, 401, 404, 429), a mock serves the recorded example (and the
//! value synthesised from the schema, which fills every optional member) and the operation is
//! called through the SDK: the `heygen` resources for v3 (`uploadAsset` through
//! `assets().upload_bytes`), `client.raw()` + `client.run()` for v1/v2.
//!
//! - 2xx decodes into the generated type for the operation and status, and the SDK's value,
//!   serialised again, equals the served data up to the differences listed in
//!   [`heygen_contract_tests::compare::Allowed`] (each one printed);
//! - 4xx is `Error::Api` with the status and the body's `code`, `message`, `param`, `doc_url`;
//! - 429 is `Error::RateLimited` carrying the `Retry-After` header's value.
//!
//! This is also issue 2's proof that every operation × status example deserialises into its
//! generated type: a body that does not is a decode error (2xx) or an error without the
//! body's code (4xx, where progenitor decodes into the generated error type first).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use heygen_contract_tests::calls::{CallError, Input, Way, ways};
use heygen_contract_tests::compare::{Allowed, compare};
use heygen_contract_tests::coverage::Coverage;
use heygen_contract_tests::wire::route;
use heygen_contract_tests::{Spec, Synth};
use heygen_sdk::{Client, Error};
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The `Retry-After` the 429 responses carry, in seconds.
const RETRY_AFTER_SECS: u64 = 7;

/// The operations issue 2 names explicitly.
const NAMED_IN_ISSUE_2: [&str; 5] = [
    "createAvatar",
    "createVideoAgent",
    "createAvatarVideo",
    "deleteVideo",
    "createAvatarConsent",
];

fn spec() -> &'static Spec {
    Spec::shared().expect("the pinned OpenAPI document loads")
}

/// What the mock answers, per operation, in the current phase; and which operations it saw.
#[derive(Default)]
struct Script {
    bodies: BTreeMap<String, (u16, Value)>,
    seen: Vec<String>,
}

async fn mock(script: Arc<Mutex<Script>>) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(move |request: &Request| {
            let mut script = script.lock().unwrap();
            let Some((op, _)) = route(spec(), request.method.as_str(), request.url.path()) else {
                return ResponseTemplate::new(418).set_body_string("no such operation");
            };
            script.seen.push(op.operation_id.clone());
            let Some((status, body)) = script.bodies.get(&op.operation_id).cloned() else {
                return ResponseTemplate::new(418).set_body_string("no body for this phase");
            };
            let mut response = ResponseTemplate::new(status)
                .insert_header("content-type", "application/json")
                .insert_header("x-request-id", "req_contract")
                .set_body_bytes(serde_json::to_vec(&body).unwrap());
            if status == 429 {
                response = response.insert_header("retry-after", RETRY_AFTER_SECS.to_string());
            }
            response
        })
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key("contract_test_key")
        .base_url(server.uri())
        .max_retries(0)
        .http_client(
            heygen_sdk::http_client_builder()
                .unwrap()
                .pool_idle_timeout(None)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap()
}

/// `code`, `message`, `param`, `doc_url` of an error body: `{"error": {...}}` (v3 and the
/// legacy envelope) or the object itself (v1); numbers as their text.
fn error_fields(body: &Value) -> [Option<String>; 4] {
    let detail = body.get("error").filter(|e| e.is_object()).unwrap_or(body);
    ["code", "message", "param", "doc_url"].map(|key| match detail.get(key) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// Checks one call's result against the served body; `Err` says what is wrong.
fn check(
    way: &Way,
    status: u16,
    served: &Value,
    result: Result<heygen_contract_tests::calls::Outcome, CallError>,
    allowed: &mut BTreeMap<Allowed, BTreeSet<String>>,
) -> Result<(), String> {
    match (status, result) {
        (200..=299, Ok(outcome)) => {
            let expected = outcome.expected.of(served);
            if expected.is_null() {
                return Err("the served body has nothing where the payload should be".into());
            }
            let comparison = compare(&expected, &outcome.decoded);
            for (kind, at) in comparison.allowed {
                let entry = allowed.entry(kind).or_default();
                entry.extend(at.into_iter().map(|p| format!("{}{p}", way.operation_id)));
            }
            if comparison.mismatches.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "decoded value differs from the served one: {:?}",
                    comparison.mismatches
                ))
            }
        }
        (_, Ok(outcome)) => Err(format!(
            "HTTP {status} was decoded as a success: {}",
            outcome.decoded
        )),
        (_, Err(CallError::Input(e))) => Err(e),
        (_, Err(CallError::Sdk(error))) => {
            let api = match (&error, status) {
                (Error::RateLimited(api), 429) => api,
                (Error::Api(api), 400..=499) if status != 429 => api,
                _ => return Err(format!("HTTP {status} gave the wrong error: {error:?}")),
            };
            let [code, message, param, doc_url] = error_fields(served);
            let message = message.unwrap_or_default();
            let mut wrong = Vec::new();
            if api.status != status {
                wrong.push(format!("status {}", api.status));
            }
            if api.code != code {
                wrong.push(format!("code {:?} (served {code:?})", api.code));
            }
            if api.message != message {
                wrong.push(format!("message {:?} (served {message:?})", api.message));
            }
            if api.param != param {
                wrong.push(format!("param {:?} (served {param:?})", api.param));
            }
            if api.doc_url != doc_url {
                wrong.push(format!("doc_url {:?} (served {doc_url:?})", api.doc_url));
            }
            if api.operation != way.operation_id {
                wrong.push(format!("operation {:?}", api.operation));
            }
            if api.request_id.as_deref() != Some("req_contract") {
                wrong.push(format!("request id {:?}", api.request_id));
            }
            if api.attempts != 1 {
                wrong.push(format!("{} attempts with max_retries(0)", api.attempts));
            }
            let retry_after = (status == 429).then(|| Duration::from_secs(RETRY_AFTER_SECS));
            if api.retry_after != retry_after {
                wrong.push(format!(
                    "retry_after {:?} (expected {retry_after:?})",
                    api.retry_after
                ));
            }
            if wrong.is_empty() {
                Ok(())
            } else {
                Err(format!("{error}: {}", wrong.join(", ")))
            }
        }
    }
}

#[tokio::test(start_paused = true)]
async fn every_operation_and_documented_status_decodes_through_the_sdk() {
    let started = Instant::now();
    let spec = spec();
    let synth = Synth::new(spec);
    let ways = ways();
    let operations = spec.operations();

    // The table of ways and the document agree.
    let documented: BTreeSet<&str> = operations
        .iter()
        .map(|op| op.operation_id.as_str())
        .collect();
    let with_ways: BTreeSet<&str> = ways.iter().map(|w| w.operation_id).collect();
    let unknown: Vec<_> = with_ways.difference(&documented).collect();
    let without: Vec<_> = documented.difference(&with_ways).collect();
    assert!(
        unknown.is_empty(),
        "ways for operations not in the document: {unknown:?}"
    );
    assert!(without.is_empty(), "operations without a way: {without:?}");

    let script = Arc::new(Mutex::new(Script::default()));
    let server = mock(script.clone()).await;
    let client = client(&server);

    let statuses: BTreeSet<u16> = operations
        .iter()
        .flat_map(|op| op.json_responses().into_iter().map(|(s, _, _)| s))
        .collect();
    let mut coverage = Coverage::new();
    let mut allowed: BTreeMap<Allowed, BTreeSet<String>> = BTreeMap::new();
    let mut failures = Vec::new();
    let (mut calls, mut bodies_served, mut rate_limited) = (0, 0, 0u32);
    let virtual_start = tokio::time::Instant::now();
    // One phase per status and kind of body (recorded example, then synthesised value).
    for status in statuses {
        for synthesised in [false, true] {
            let mut phase = BTreeMap::new();
            for op in &operations {
                let Some((schema, example)) = op.json_response(status) else {
                    continue;
                };
                let body = match (synthesised, example) {
                    (false, Some(example)) => example,
                    (false, None) => continue,
                    (true, example) => {
                        let value = synth.example_for(&schema);
                        if example.as_ref() == Some(&value) {
                            continue;
                        }
                        value
                    }
                };
                phase.insert(op.operation_id.clone(), (status, body));
            }
            script.lock().unwrap().bodies = phase.clone();
            for op in &operations {
                let Some((_, served)) = phase.get(&op.operation_id) else {
                    continue;
                };
                bodies_served += 1;
                let body = synth.request_variants(op).into_iter().next();
                let input = Input::synthesised(op, &synth, body);
                for way in ways.iter().filter(|w| w.operation_id == op.operation_id) {
                    calls += 1;
                    rate_limited += u32::from(status == 429);
                    let result = (way.call)(&client, &input).await;
                    let seen = std::mem::take(&mut script.lock().unwrap().seen);
                    let outcome = if seen != [op.operation_id.clone()] {
                        Err(format!("requests reached {seen:?}"))
                    } else {
                        check(way, status, served, result, &mut allowed)
                    };
                    match outcome {
                        Ok(()) => coverage.hit(&op.operation_id, status, way.via),
                        Err(e) => failures.push(format!(
                            "{} {status} ({}) via {}: {e}",
                            op.operation_id,
                            if synthesised {
                                "synthesised"
                            } else {
                                "recorded"
                            },
                            way.via
                        )),
                    }
                }
            }
        }
    }

    println!(
        "{}",
        coverage.table(
            spec,
            "Response contract: operations × documented JSON statuses"
        )
    );
    // After a 429 the client holds every request until `Retry-After` has passed (virtual
    // time here): each 429 call but the first waited for the one before it.
    let paused = virtual_start.elapsed();
    println!(
        "{bodies_served} bodies served, {calls} SDK calls, {:?}; {rate_limited} calls answered 429, \
         {paused:?} of virtual time spent honouring Retry-After",
        started.elapsed(),
    );
    println!("tolerated differences (see compare::Allowed):");
    for (kind, at) in &allowed {
        let sample: Vec<_> = at.iter().take(6).collect();
        println!("  {kind:?}: {} locations, e.g. {sample:?}", at.len());
    }
    for failure in &failures {
        println!("FAILED: {failure}");
    }
    assert!(
        failures.is_empty(),
        "{} failures (listed above)",
        failures.len()
    );
    let missing = coverage.missing(spec);
    assert!(missing.is_empty(), "not exercised: {missing:?}");
    assert!(coverage.undocumented(spec).is_empty());
    let (ops_done, ops, pairs_done, pairs) = coverage.counts(spec);
    assert_eq!((ops_done, pairs_done), (ops, pairs));
    assert_eq!(
        ops,
        spec.lock().unwrap().operations,
        "every operation of the lock"
    );
    for name in NAMED_IN_ISSUE_2 {
        let op = spec.operation(name).expect("named operation exists");
        assert!(!op.json_responses().is_empty());
        assert!(
            coverage
                .missing(spec)
                .iter()
                .all(|(missing, _)| missing != name)
        );
    }
    // The SDK drops no value: the only difference tolerated is an empty untyped object (a `Map`
    // skipped when empty, e.g. a `data: {}`), wherever the document has one. Anything else
    // shows up here.
    assert!(
        allowed.keys().all(|k| *k == Allowed::EmptyOmitted),
        "{allowed:?}"
    );
}
