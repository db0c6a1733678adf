//! The SDK against Prism (`@stoplight/prism-cli` mocking the original 3.1 document), run by
//! `tests/prism/run.sh`, which installs Prism, starts it and sets `PRISM_URL` (and
//! `PRISM_EXAMPLES`, the built example binaries).
//!
//! Every operation is called through the SDK (the same ways as the other contracts: resources
//! for v3, raw for v1/v2), once per union member of its body, through a recording proxy:
//! Prism must report no violation (no `sl-violations` response header), answer 2xx, and the
//! SDK must decode every answer. Then each example binary runs against Prism with
//! `HEYGEN_API_KEY`/`HEYGEN_BASE_URL` set, up to its first status poll (Prism's static mock
//! answers every poll with the same, unfinished status, so a wait never ends), with the same
//! checks on every request it made.
//!
//! Without `PRISM_URL` (a plain `cargo test`), only the plan is checked: every operation of
//! the document, every v3 one in particular, has a planned call. (The same calls run against a
//! mock in `requests.rs` and `responses.rs` on every `cargo test`.)

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use heygen_contract_tests::calls::{Input, ways};
use heygen_contract_tests::recorder::{Exchange, Recorder};
use heygen_contract_tests::wire::route;
use heygen_contract_tests::{Spec, Synth};
use heygen_sdk::Client;

fn spec() -> &'static Spec {
    Spec::shared().expect("the pinned OpenAPI document loads")
}

/// Every call to make: `(operationId, way index, input label, input)`.
fn plan() -> Vec<(String, usize, String, Input)> {
    let spec = spec();
    let synth = Synth::new(spec);
    let ways = ways();
    let mut out = Vec::new();
    for op in spec.operations() {
        let bodies: Vec<_> = match op.request_body() {
            Some(_) => synth.request_variants(&op).into_iter().map(Some).collect(),
            None => vec![None],
        };
        for (index, way) in ways.iter().enumerate() {
            if way.operation_id != op.operation_id {
                continue;
            }
            for (n, body) in bodies.iter().enumerate() {
                let input = Input::synthesised(&op, &synth, body.clone());
                out.push((op.operation_id.clone(), index, format!("#{n}"), input));
            }
        }
    }
    out
}

/// What is wrong with one exchange with Prism, if anything.
fn problems(exchange: &Exchange) -> Option<String> {
    let request = &exchange.request;
    let mut wrong = Vec::new();
    if let Some(violations) = exchange.header("sl-violations") {
        wrong.push(format!("sl-violations: {violations}"));
    }
    if !(200..300).contains(&exchange.status) {
        wrong.push(format!(
            "HTTP {}: {}",
            exchange.status,
            String::from_utf8_lossy(&exchange.body)
        ));
    }
    (!wrong.is_empty()).then(|| {
        format!(
            "{} {}{}: {}",
            request.method,
            request.path,
            request
                .query
                .as_deref()
                .map(|q| format!("?{q}"))
                .unwrap_or_default(),
            wrong.join("; ")
        )
    })
}

/// The GETs a waiting example polls: reaching one means the example got as far as waiting
/// (Prism's static answers never finish a job).
const STATUS_POLLS: [&str; 5] = [
    "getVideoV3",
    "getVideoTranslationV3",
    "getLipsyncV3",
    "getAsset",
    "listVideoStatuses",
];

/// What an example needs on its command line when it talks to an API rather than the simulator
/// (a video URL, a file to upload); the files are written into `scratch`.
/// `Err(Ok(reason))` for an example Prism cannot serve: the webhook receiver makes no API call,
/// and the large upload PUTs to the presigned `upload_url` Prism answers with `"string"` (the
/// SDK refuses it with a typed decode error; the direct upload is tested on the simulator).
fn example_args(
    path: &str,
    scratch: &std::path::Path,
) -> Result<Vec<String>, Result<&'static str, String>> {
    let name = std::path::Path::new(path)
        .file_stem()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let file = |file: &str, bytes: &[u8]| -> Result<String, Result<&'static str, String>> {
        std::fs::create_dir_all(scratch).map_err(|e| Err(e.to_string()))?;
        let path = scratch.join(file);
        std::fs::write(&path, bytes).map_err(|e| Err(e.to_string()))?;
        Ok(path.display().to_string())
    };
    Ok(match name {
        "webhook_receiver" => return Err(Ok("makes no API call: not run")),
        "upload_large" => {
            return Err(Ok(
                "its PUT needs a real presigned URL (Prism's is \"string\"): not run; the direct upload is tested on the simulator",
            ));
        }
        "translate_video" => vec!["https://example.com/video.mp4".to_string()],
        // A PNG signature is all Prism's multipart validation looks at.
        "upload_and_animate" => vec![file("portrait.png", b"\x89PNG\r\n\x1a\n")?],
        _ => Vec::new(),
    })
}

/// Runs one example binary against Prism through the proxy until its first `getVideoV3` poll
/// or its exit; `Ok` describes how it ended. An exit with an error fails, except one: Prism's
/// static mock answers every cursor page with `has_more: true` and the same `next_token`
/// (generated from the schema, which has no example), so an example that pages beyond the first
/// page ends with the SDK's `RepeatedCursor` guard; that is accepted (and reported) when the
/// mock really did repeat the cursor. Every request made must be free of violations and 2xx.
async fn run_example(path: &str, recorder: &Recorder) -> Result<String, String> {
    recorder.clear();
    let scratch = std::env::temp_dir().join(format!("heygen-prism-{}", std::process::id()));
    let args = match example_args(path, &scratch) {
        Ok(args) => args,
        Err(Ok(skipped)) => return Ok(skipped.to_string()),
        Err(Err(error)) => return Err(error),
    };
    let mut child = tokio::process::Command::new(path)
        .args(args)
        .env("HEYGEN_API_KEY", "prism_key")
        .env("HEYGEN_BASE_URL", recorder.base_url())
        .env_remove("HEYGEN_AVATAR_ID")
        .env_remove("HEYGEN_VOICE_ID")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("{path}: cannot start: {e}"))?;
    let deadline = Instant::now() + Duration::from_secs(60);
    let polled = |recorder: &Recorder| {
        recorder.exchanges().iter().any(|e| {
            route(spec(), &e.request.method, &e.request.path)
                .is_some_and(|(op, _)| STATUS_POLLS.contains(&op.operation_id.as_str()))
        })
    };
    let ending = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            if status.success() {
                break "exited successfully".to_string();
            }
            let output = child.wait_with_output().await.map_err(|e| e.to_string())?;
            let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
            if stderr.contains("RepeatedCursor") && repeated_cursor(&recorder.exchanges()) {
                break format!(
                    "stopped by the SDK's repeated-cursor guard on Prism's static pages ({})",
                    stderr.trim()
                );
            }
            return Err(format!("{path} exited with {status}: {stderr}"));
        }
        if polled(recorder) {
            child.kill().await.map_err(|e| e.to_string())?;
            break "reached its first status poll (Prism's answer never completes)".to_string();
        }
        if Instant::now() > deadline {
            child.kill().await.map_err(|e| e.to_string())?;
            return Err(format!("{path}: no status poll within 60 s"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let exchanges = recorder.exchanges();
    let wrong: Vec<String> = exchanges.iter().filter_map(problems).collect();
    if !wrong.is_empty() {
        return Err(format!("{path}: {wrong:#?}"));
    }
    if exchanges.is_empty() {
        return Err(format!("{path} made no request"));
    }
    Ok(format!(
        "{} requests, no violations, all decoded; {ending}",
        exchanges.len()
    ))
}

/// Whether the last response handed back a cursor an earlier response on the same path had
/// already handed back (what the SDK's `RepeatedCursor` guard stops on).
fn repeated_cursor(exchanges: &[Exchange]) -> bool {
    let next = |e: &Exchange| {
        serde_json::from_slice::<serde_json::Value>(&e.body)
            .ok()
            .and_then(|v| v.get("next_token")?.as_str().map(str::to_owned))
    };
    let Some((last, earlier)) = exchanges.split_last() else {
        return false;
    };
    let Some(cursor) = next(last) else {
        return false;
    };
    earlier
        .iter()
        .any(|e| e.request.path == last.request.path && next(e).as_ref() == Some(&cursor))
}

#[tokio::test]
async fn every_operation_and_the_examples_against_prism() {
    let spec = spec();
    let ways = ways();
    let plan = plan();

    // The plan covers every operation, every v3 one in particular.
    let v3: BTreeSet<String> = spec
        .operations()
        .into_iter()
        .filter(|op| op.path.starts_with("/v3/"))
        .map(|op| op.operation_id)
        .collect();
    let planned: BTreeSet<String> = plan.iter().map(|(op, _, _, _)| op.clone()).collect();
    let unplanned: Vec<_> = v3.difference(&planned).collect();
    assert!(
        unplanned.is_empty(),
        "v3 operations without a planned call: {unplanned:?}"
    );
    assert_eq!(planned.len(), spec.operations().len());

    let Ok(prism) = std::env::var("PRISM_URL") else {
        println!(
            "PRISM_URL is not set: not running under tests/prism/run.sh, so only the plan of \
             {} calls over {} operations was checked",
            plan.len(),
            planned.len()
        );
        return;
    };
    let started = Instant::now();
    let recorder = Recorder::start(prism.clone()).await.unwrap();
    let client = Client::builder()
        .api_key("prism_key")
        .base_url(recorder.base_url())
        .max_retries(0)
        .build()
        .unwrap();

    let mut failures = Vec::new();
    let mut failed: BTreeSet<String> = BTreeSet::new();
    let mut seen = 0;
    for (op, index, label, input) in &plan {
        let way = &ways[*index];
        let result = (way.call)(&client, input).await;
        let exchanges = recorder.exchanges();
        let new = &exchanges[seen..];
        seen = exchanges.len();
        let subject = format!("{op} via {} {label}", way.via);
        let mut wrong: Vec<String> = new.iter().filter_map(problems).collect();
        if new.len() != 1 {
            wrong.push(format!("{} requests", new.len()));
        }
        if let Err(e) = result {
            wrong.push(format!("not decoded: {e}"));
        }
        if !wrong.is_empty() {
            failed.insert(op.clone());
            failures.push(format!("{subject}: {wrong:?}"));
        }
    }
    let passed: BTreeSet<String> = planned.difference(&failed).cloned().collect();
    println!(
        "Prism ({prism}): {} calls, {}/{} operations with every call free of violations and \
         decoded ({}/{} v3), {:?}",
        plan.len(),
        passed.len(),
        planned.len(),
        passed.intersection(&v3).count(),
        v3.len(),
        started.elapsed()
    );

    let examples = std::env::var("PRISM_EXAMPLES").unwrap_or_default();
    let mut ran = 0;
    for path in examples.split(':').filter(|p| !p.is_empty()) {
        match run_example(path, &recorder).await {
            Ok(summary) => {
                ran += 1;
                println!("example {path}: {summary}");
            }
            Err(e) => failures.push(e),
        }
    }
    for failure in &failures {
        println!("FAILED: {failure}");
    }
    assert!(
        failures.is_empty(),
        "{} failures (listed above)",
        failures.len()
    );
    assert_eq!(passed.len(), planned.len());
    println!("{ran} example(s) run against Prism");
}
