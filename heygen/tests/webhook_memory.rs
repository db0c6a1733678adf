//! Webhook bodies are hostile until parsed: `Event::parse` refuses a body over its cap before
//! reading it, and parses one under the cap holding it at most about twice (the parsed body,
//! and the copy of the fields the typed payload does not know). Alone in its test binary: it
//! counts every allocation of the process through its own global allocator.

use std::sync::atomic::Ordering;

use heygen_sdk::webhooks::{Event, MAX_BODY_BYTES, ParseErrorKind, Payload};

#[path = "support/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::{Counting, PEAK, start_measuring};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One test at a time: the counters are the whole process's, and the tests of this binary run
/// on threads of their own.
static MEASURING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The most live heap while `parse` runs, above what was live before, and its result.
fn peak_of<T>(parse: impl FnOnce() -> T) -> (usize, T) {
    let before = start_measuring();
    let out = parse();
    (PEAK.load(Ordering::Relaxed) - before, out)
}

/// A delivery of about `len` bytes, its bulk in an unknown field of type `filler`.
fn delivery(filler: &str, len: usize) -> Vec<u8> {
    let bulk = match filler {
        "string" => format!("\"{}\"", "a".repeat(len)),
        "numbers" => format!("[{}0]", "0,".repeat(len / 2)),
        "fields" => {
            let fields: Vec<String> = (0..len / 20)
                .map(|i| format!("\"field{i:07}\":{}", i % 10))
                .collect();
            format!("{{{}}}", fields.join(","))
        }
        other => panic!("{other}"),
    };
    format!(
        r#"{{"event_type": "avatar_video.success", "event_data": {{"video_id": "v1", "url": "https://files.example/v1.mp4", "bulk": {bulk}}}}}"#
    )
    .into_bytes()
}

#[test]
fn a_body_over_the_cap_is_refused_unread_and_one_under_it_is_parsed_once() {
    let _alone = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    // 50 MB: refused before parsing, with next to no memory.
    let huge = delivery("numbers", 50 * 1000 * 1000);
    let (peak, parsed) = peak_of(|| Event::parse(&huge));
    let error = parsed.unwrap_err();
    assert_eq!(
        error.kind(),
        ParseErrorKind::TooLarge {
            len: huge.len(),
            limit: MAX_BODY_BYTES
        },
        "{error}"
    );
    assert!(peak < 4096, "refusing took {peak} bytes");
    drop(huge);

    // Just under the cap, its bulk a string: the parsed body and the payload's copy of its
    // unknown field, about twice the body.
    let body = delivery("string", MAX_BODY_BYTES - 200);
    assert!(body.len() <= MAX_BODY_BYTES);
    let (peak, parsed) = peak_of(|| Event::parse(&body));
    let event = parsed.unwrap();
    let Payload::Video(video) = &event.payload else {
        panic!("{:?}", event.event_type)
    };
    assert_eq!(video.video_id.as_deref(), Some("v1"));
    assert_eq!(
        video.extra["bulk"].as_str().map(str::len),
        Some(MAX_BODY_BYTES - 200)
    );
    let ratio = peak as f64 / body.len() as f64;
    println!("1 MiB delivery, string bulk: peak {peak} bytes, {ratio:.2}x the body");
    assert!(ratio < 2.2, "{ratio:.2}x the body");

    // A cap of one's own.
    let error = Event::parse_with_limit(&body, 1024).unwrap_err();
    assert!(matches!(
        error.kind(),
        ParseErrorKind::TooLarge { limit: 1024, .. }
    ));
    assert!(error.to_string().contains("1024-byte limit"), "{error}");
}

#[test]
fn bodies_of_small_values_stay_within_two_parsed_copies() {
    let _alone = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    // JSON of small values costs more parsed than as text (a `Value` per number): the bound is
    // two parsed copies — the raw tree and the payload's `extra` — and no third.
    for filler in ["numbers", "fields"] {
        let body = delivery(filler, MAX_BODY_BYTES - 4096);
        assert!(body.len() <= MAX_BODY_BYTES, "{}", body.len());
        let (one_tree, raw) =
            peak_of(|| serde_json::from_slice::<serde_json::Value>(&body).unwrap());
        drop(raw);
        let (peak, parsed) = peak_of(|| Event::parse(&body));
        parsed.unwrap();
        let trees = peak as f64 / one_tree as f64;
        println!(
            "1 MiB delivery, {filler}: peak {peak} bytes, {:.1}x the body, {trees:.2} parsed copies",
            peak as f64 / body.len() as f64
        );
        assert!(trees < 2.2, "{filler}: {trees:.2} parsed copies");
    }
}
