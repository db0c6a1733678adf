//! Prints the table of BENCHMARKS.md from what the other steps of `benches/run.sh` left in the
//! target directory: criterion's estimates (`criterion/<group>/<function>/new/estimates.json`,
//! medians), `bench-results/{paired,scale,profile,sys-variants}.json` and
//! `bench-results/build/*` (build cost); then the per-piece instruction counts. A missing part
//! prints as `–`.
//!
//! Usage: `report [target dir]` (default: the workspace's `target`).

use std::path::{Path, PathBuf};

use serde_json::Value;

fn main() {
    let target = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            heygen_benches::results_dir()
                .parent()
                .unwrap()
                .to_path_buf()
        });
    let results = target.join("bench-results");
    let mut rows: Vec<[String; 4]> = Vec::new();
    let mut row = |a: &str, b: String, c: String, d: String| rows.push([a.to_string(), b, c, d]);

    // 1. Per call.
    let profile = read_json(&results.join("profile.json"));
    let paired = read_json(&results.join("paired.json"));
    let scale = read_json(&results.join("scale.json"));
    let at = |doc: &Option<Value>, path: &str| {
        doc.as_ref()
            .and_then(|d| d.pointer(path))
            .and_then(Value::as_f64)
    };
    for (group, name, op) in [
        ("call_get", "`videos().get`", "get"),
        ("call_create", "`videos().create`", "create"),
        ("call_list_page", "a 10-video list page", "list"),
    ] {
        let (h, r) = (
            median(&target, group, "heygen"),
            median(&target, group, "raw"),
        );
        row(
            &format!("Per call, {name}: criterion median"),
            fmt_us(h),
            fmt_us(r),
            ratio(h, r),
        );
        let p = |key: &str| at(&paired, &format!("/{op}/{key}"));
        row(
            "… paired ABBA blocks: wall per call (median ratio)",
            fmt_us(p("heygen_wall_us").map(|us| us * 1e3)),
            fmt_us(p("raw_wall_us").map(|us| us * 1e3)),
            fmt_ratio(p("wall_ratio")),
        );
        row(
            "… paired: client-thread CPU per call (median ratio)",
            fmt_us(p("heygen_cpu_us").map(|us| us * 1e3)),
            fmt_us(p("raw_cpu_us").map(|us| us * 1e3)),
            fmt_ratio(p("cpu_ratio")),
        );
        let (h, r) = (
            at(&profile, &format!("/{op}/heygen")),
            at(&profile, &format!("/{op}/raw")),
        );
        row(
            "… instructions per call, client thread (callgrind)",
            fmt_num(h, ""),
            fmt_num(r, ""),
            ratio(h, r),
        );
        let a =
            |side: &str, key: &str| at(&scale, &format!("/allocations_per_call/{op}/{side}/{key}"));
        row(
            "… allocations (bytes) per call",
            format!(
                "{} ({})",
                fmt_num(a("heygen", "allocations").map(f64::round), ""),
                fmt_bytes(a("heygen", "bytes"))
            ),
            format!(
                "{} ({})",
                fmt_num(a("raw", "allocations").map(f64::round), ""),
                fmt_bytes(a("raw", "bytes"))
            ),
            ratio(a("heygen", "allocations"), a("raw", "allocations")),
        );
    }
    let f = |key: &str| at(&profile, &format!("/future_bytes/{key}"));
    row(
        "Size of the future of one `get` (heygen / generated `send()` alone)",
        format!(
            "{} / {}",
            fmt_bytes(f("heygen_get")),
            fmt_bytes(f("generated_send"))
        ),
        fmt_bytes(f("raw_get")),
        ratio(f("heygen_get"), f("raw_get")),
    );

    // 2. Streams.
    let (h, r) = (
        median(&target, "stream_100k", "heygen"),
        median(&target, "stream_100k", "raw"),
    );
    row(
        "Stream 100,000 videos (1,000 pages of 100): criterion median",
        fmt_secs(h),
        fmt_secs(r),
        ratio(h, r),
    );
    let per_sec = |t: Option<f64>| t.map(|ns| 1e5 / (ns / 1e9));
    row(
        "… throughput (items/s, from the criterion median)",
        fmt_num(per_sec(h), ""),
        fmt_num(per_sec(r), ""),
        ratio(per_sec(h), per_sec(r)),
    );
    let p = |key: &str| at(&paired, &format!("/stream_100k/{key}"));
    row(
        "… paired ABBA: wall / client CPU per 100,000 (median ratios)",
        format!(
            "{} / {}",
            fmt_secs(p("heygen_wall_us").map(|us| us * 1e3)),
            fmt_secs(p("heygen_cpu_us").map(|us| us * 1e3))
        ),
        format!(
            "{} / {}",
            fmt_secs(p("raw_wall_us").map(|us| us * 1e3)),
            fmt_secs(p("raw_cpu_us").map(|us| us * 1e3))
        ),
        format!(
            "{} / {}",
            fmt_ratio(p("wall_ratio")),
            fmt_ratio(p("cpu_ratio"))
        ),
    );
    let (h, r) = (at(&profile, "/stream/heygen"), at(&profile, "/stream/raw"));
    row(
        "… instructions per page of 100, client thread (callgrind)",
        fmt_num(h, ""),
        fmt_num(r, ""),
        ratio(h, r),
    );
    let get = |path: &str| at(&scale, path);
    row(
        "Stream peak heap (least of 3 runs) at 10k / 100k / 200k items",
        format!(
            "{} / {} / {}",
            fmt_bytes(get("/streams/heygen/peak_bytes/10000")),
            fmt_bytes(get("/streams/heygen/peak_bytes/100000")),
            fmt_bytes(get("/streams/heygen/peak_bytes/200000"))
        ),
        format!(
            "{} / {} / {}",
            fmt_bytes(get("/streams/raw/peak_bytes/10000")),
            fmt_bytes(get("/streams/raw/peak_bytes/100000")),
            fmt_bytes(get("/streams/raw/peak_bytes/200000"))
        ),
        String::new(),
    );
    let flat = |side: &str| {
        let growth = fmt_bytes(get(&format!("/streams/{side}/growth_10k_to_100k_bytes")));
        let verdict = scale
            .as_ref()
            .and_then(|s| s.pointer(&format!("/streams/{side}/flat")))
            .and_then(Value::as_bool)
            .map_or("–", |flat| if flat { "within" } else { "NOT within" });
        let slope = fmt_bytes(get(&format!("/streams/{side}/growth_100k_to_200k_bytes")));
        format!("{growth} ({verdict}); {slope} for the next 1,000 pages")
    };
    row(
        "… live heap at the last item (one page + state growing with the listing), 10k / 100k / 200k",
        format!(
            "{} / {} / {}",
            fmt_bytes(get("/streams/heygen/live_at_last_item_bytes/10000")),
            fmt_bytes(get("/streams/heygen/live_at_last_item_bytes/100000")),
            fmt_bytes(get("/streams/heygen/live_at_last_item_bytes/200000"))
        ),
        "– (the loop keeps one page and the next cursor)".into(),
        String::new(),
    );
    row(
        &format!(
            "… peak growth 10k → 100k (bound: 2 pages = {}); 100k → 200k",
            fmt_bytes(get("/streams/page_body_bytes").map(|b| 2.0 * b))
        ),
        flat("heygen"),
        flat("raw"),
        String::new(),
    );

    // 3. Decode.
    for (group, name) in [
        (
            "decode_page100",
            "Decode a 100-video page (typed vs `Value`)",
        ),
        (
            "decode_video_detail",
            "Decode a large `VideoDetail` (typed vs `Value`)",
        ),
    ] {
        let (t, v) = (
            median(&target, group, "typed"),
            median(&target, group, "value"),
        );
        row(name, fmt_us(t), fmt_us(v), ratio(t, v));
    }

    // 4. Waiting at scale.
    for (key, name) in [
        ("per_job", "default options (first poll at once)"),
        ("per_job_initial_delay_2s", "jittered 2 s initial delay"),
        (
            "bulk",
            "`wait_many` (bulk status: a status GET per 100 ids per interval, a detail GET per finished job)",
        ),
    ] {
        let w = |k: &str| get(&format!("/waits/{key}/{k}"));
        row(
            &format!(
                "1,000 concurrent waits on 10-min jobs (simulator, paused clock), {name}: requests; polls per job min / mean / max; requests per poll"
            ),
            format!(
                "{}; {} / {} / {}; {}",
                fmt_num(w("requests"), ""),
                fmt_num(w("polls_per_job/min"), ""),
                fmt_num(w("polls_per_job/mean"), ""),
                fmt_num(w("polls_per_job/max"), ""),
                fmt_num(w("requests_per_poll"), "")
            ),
            String::new(),
            String::new(),
        );
        row(
            "… shortest gap between two polls of one job; busiest second; peak heap (client + simulator), per job",
            format!(
                "{} s; {} requests in second {}; {}, {} per job",
                fmt_num(w("min_gap_between_polls_of_a_job_s"), ""),
                fmt_num(w("busiest_second/requests"), ""),
                fmt_num(w("busiest_second/at_s"), ""),
                fmt_bytes(w("peak_bytes")),
                fmt_bytes(w("peak_bytes_per_job"))
            ),
            String::new(),
            String::new(),
        );
    }

    // 5. Build cost.
    let build = results.join("build");
    for (case, name, unit) in [
        ("sys-debug", "Clean debug build of heygen-sys", "heygen-sys"),
        (
            "sys-release",
            "Clean release build of heygen-sys",
            "heygen-sys",
        ),
        ("heygen-debug", "Clean debug build of heygen", "heygen"),
        ("heygen-release", "Clean release build of heygen", "heygen"),
        (
            "heygen-debug-touch",
            "Debug rebuild, one file of heygen touched",
            "heygen",
        ),
        (
            "heygen-debug-edit",
            "Debug rebuild, one file of heygen edited",
            "heygen",
        ),
        (
            "heygen-release-touch",
            "Release rebuild, one file of heygen touched",
            "heygen",
        ),
        (
            "heygen-release-edit",
            "Release rebuild, one file of heygen edited",
            "heygen",
        ),
    ] {
        let time = std::fs::read_to_string(build.join(format!("{case}.time"))).ok();
        let figures: Vec<f64> = time
            .iter()
            .flat_map(|t| t.split_whitespace().filter_map(|f| f.parse().ok()))
            .collect();
        let units = unit_data(&build.join(format!("{case}.html")));
        let unit_time = |name: &str| {
            units
                .iter()
                .find(|u| u["name"] == name && u["target"] == "")
                .and_then(|u| u["duration"].as_f64())
        };
        let (wall, cpu) = match figures.as_slice() {
            [wall, user, sys] => (Some(*wall), Some(user + sys)),
            _ => (None, None),
        };
        let mut detail = format!("{unit} alone {}", fmt_num(unit_time(unit), " s"));
        if !case.ends_with("touch") && !case.ends_with("edit") && unit == "heygen" {
            detail += &format!(", heygen-sys {}", fmt_num(unit_time("heygen-sys"), " s"));
        }
        row(
            &format!("{name}: wall, CPU (user+sys)"),
            format!("{}, CPU {}", fmt_num(wall, " s"), fmt_num(cpu, " s")),
            detail,
            String::new(),
        );
    }
    let variants = read_json(&results.join("sys-variants.json"));
    if let Some(Value::Object(variants)) = variants {
        for (name, v) in variants {
            row(
                &format!("heygen-sys alone, generated variant `{name}`: debug, release (CPU)"),
                format!(
                    "{} (CPU {}), {} (CPU {})",
                    fmt_num(v["debug"].as_f64(), " s"),
                    fmt_num(v["debug_cpu"].as_f64(), " s"),
                    fmt_num(v["release"].as_f64(), " s"),
                    fmt_num(v["release_cpu"].as_f64(), " s")
                ),
                String::new(),
                String::new(),
            );
        }
    }

    let pieces = profile
        .as_ref()
        .and_then(|p| p.get("pieces"))
        .and_then(Value::as_object)
        .cloned();
    println!("| Measure | heygen-rs | baseline / detail | ratio |");
    println!("| --- | --- | --- | --- |");
    for [a, b, c, d] in rows {
        println!("| {a} | {b} | {c} | {d} |");
    }
    if let Some(pieces) = pieces {
        println!();
        println!(
            "| Piece of heygen's per-call path, alone (`pieces`) | instructions per occurrence |"
        );
        println!("| --- | --- |");
        for (name, count) in pieces {
            println!("| `{name}` | {} |", fmt_num(count.as_f64(), ""));
        }
    }
}

fn read_json(path: &Path) -> Option<Value> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

/// Criterion's median of one benchmark, in nanoseconds.
fn median(target: &Path, group: &str, function: &str) -> Option<f64> {
    let path = target
        .join("criterion")
        .join(group)
        .join(function)
        .join("new/estimates.json");
    read_json(&path)?
        .pointer("/median/point_estimate")?
        .as_f64()
}

/// The units of a `cargo build --timings` report (its `UNIT_DATA` array).
fn unit_data(html: &Path) -> Vec<Value> {
    let Ok(text) = std::fs::read_to_string(html) else {
        return Vec::new();
    };
    let Some(start) = text.find("const UNIT_DATA = ") else {
        return Vec::new();
    };
    let rest = &text[start + "const UNIT_DATA = ".len()..];
    let end = rest.find("\n];").map_or(rest.len(), |e| e + 2);
    serde_json::from_str(&rest[..end]).unwrap_or_default()
}

fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.3}×", a / b),
        _ => "–".into(),
    }
}

fn fmt_ratio(x: Option<f64>) -> String {
    x.map_or("–".into(), |x| format!("{x:.3}×"))
}

fn fmt_us(ns: Option<f64>) -> String {
    ns.map_or("–".into(), |ns| format!("{:.1} µs", ns / 1e3))
}

fn fmt_secs(ns: Option<f64>) -> String {
    ns.map_or("–".into(), |ns| format!("{:.3} s", ns / 1e9))
}

fn fmt_num(x: Option<f64>, unit: &str) -> String {
    match x {
        None => "–".into(),
        Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => {
            format!("{}{unit}", group_digits(x as i64))
        }
        Some(x) if x.abs() >= 100.0 => format!("{}{unit}", group_digits(x.round() as i64)),
        Some(x) => format!("{x:.2}{unit}"),
    }
}

fn fmt_bytes(x: Option<f64>) -> String {
    match x {
        None => "–".into(),
        Some(b) if b.abs() >= 1024.0 * 1024.0 => format!("{:.2} MiB", b / 1024.0 / 1024.0),
        Some(b) if b.abs() >= 1024.0 => format!("{:.1} KiB", b / 1024.0),
        Some(b) => format!("{b} B"),
    }
}

fn group_digits(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}
