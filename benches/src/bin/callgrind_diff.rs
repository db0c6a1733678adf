//! Where `heygen`'s extra instructions per call go: compares callgrind profiles of N1 and N2
//! calls through `heygen` and through the baseline (`benches/profile.sh` makes them), and
//! lists, per call ((cost at N2 − cost at N1) / (N2 − N1)), the functions whose inclusive and
//! whose self cost is higher on the `heygen` side. Uses `callgrind_annotate`.
//!
//! Usage: `callgrind_diff <heygen N1 file> <heygen N2 file> <raw N1 file> <raw N2 file> <N2 − N1>`.

use std::collections::{HashMap, HashSet};
use std::process::Command;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [h1, h2, r1, r2, calls] = args.as_slice() else {
        panic!("usage: callgrind_diff <heygen N1> <heygen N2> <raw N1> <raw N2> <N2-N1>");
    };
    let calls: f64 = calls.parse().expect("N2 - N1");
    for (title, inclusive) in [("inclusive", true), ("self", false)] {
        let heygen = per_call(h1, h2, calls, inclusive);
        let raw = per_call(r1, r2, calls, inclusive);
        let names: HashSet<&String> = heygen.keys().chain(raw.keys()).collect();
        let mut rows: Vec<(f64, f64, f64, &String)> = names
            .into_iter()
            .map(|name| {
                let (h, r) = (
                    heygen.get(name).copied().unwrap_or(0.0),
                    raw.get(name).copied().unwrap_or(0.0),
                );
                (h - r, h, r, name)
            })
            .filter(|(diff, ..)| diff.abs() >= 20.0)
            .collect();
        rows.sort_by(|a, b| b.0.total_cmp(&a.0));
        let total =
            |costs: &HashMap<String, f64>| costs.get("PROGRAM TOTALS").copied().unwrap_or(0.0);
        println!(
            "== {title} instructions per call: heygen {:.0}, raw {:.0}, difference {:.0}",
            total(&heygen),
            total(&raw),
            total(&heygen) - total(&raw)
        );
        println!(
            "{:>10} {:>10} {:>10}  function",
            "heygen−raw", "heygen", "raw"
        );
        for (diff, h, r, name) in rows.iter().take(if inclusive { 120 } else { 80 }) {
            println!("{diff:>10.0} {h:>10.0} {r:>10.0}  {}", short(name));
        }
        println!();
    }
}

/// Per-call cost of each function: the difference of the two runs over the calls between them.
fn per_call(n1: &str, n2: &str, calls: f64, inclusive: bool) -> HashMap<String, f64> {
    let (a, b) = (annotate(n1, inclusive), annotate(n2, inclusive));
    b.into_iter()
        .map(|(name, cost)| {
            let before = a.get(&name).copied().unwrap_or(0.0);
            (name, (cost - before) / calls)
        })
        .collect()
}

/// `callgrind_annotate`'s per-function costs of one profile.
fn annotate(file: &str, inclusive: bool) -> HashMap<String, f64> {
    let output = Command::new("callgrind_annotate")
        .arg(format!(
            "--inclusive={}",
            if inclusive { "yes" } else { "no" }
        ))
        .arg("--threshold=100")
        .arg(file)
        .output()
        .expect("callgrind_annotate");
    let text = String::from_utf8_lossy(&output.stdout);
    let mut costs = HashMap::new();
    for line in text.lines() {
        let line = line.trim_start();
        let Some((count, rest)) = line.split_once(' ') else {
            continue;
        };
        if count.is_empty() || !count.chars().all(|c| c.is_ascii_digit() || c == ',') {
            continue;
        }
        let Ok(count) = count.replace(',', "").parse::<f64>() else {
            continue;
        };
        let mut name = rest.trim_start();
        if name.starts_with('(') {
            name = name.split_once(')').map_or(name, |(_, n)| n.trim_start());
        }
        let name = match name.rfind(" [") {
            Some(at) if name.ends_with(']') => &name[..at],
            _ => name,
        };
        *costs.entry(name.to_string()).or_insert(0.0) += count;
    }
    costs
}

/// The function without its file, and without generic arguments past 160 characters.
fn short(name: &str) -> String {
    let name = match name.split_once(':') {
        Some((file, function)) if !file.contains("::") && !file.contains('<') => function,
        _ => name,
    };
    if name.len() > 160 {
        let mut cut = 160;
        while !name.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}…", &name[..cut])
    } else {
        name.to_string()
    }
}
