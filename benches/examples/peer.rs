//! The Rust rows of the peer table: `python/peers.py` runs this in a
//! process of its own on the workload it wrote, as it runs each Python
//! peer.
//!
//! ```text
//! peer dualuse|aho-corasick|core TERMS.json CORPUS.json [REPEAT]
//! ```
//!
//! - `dualuse`: the core library. Per call: `Screener::screen` one
//!   description after another on one thread; batch: `screen_many` over
//!   the whole corpus (rayon, every core).
//! - `aho-corasick`: the ceiling, a plain automaton over the lower-cased
//!   terms. Per call: lower-case the description, collect the matches;
//!   batch: the same on every core.
//! - `core`: the Rust core's own ratios, measured side by side in one
//!   process, REPEAT rounds each running every variant once: `screen` one
//!   by one, `screen_many` on one and two threads, `screen` with the
//!   evasion pass, the fuzzy pass or both off, and aho-corasick over the
//!   same lower-cased terms and text lower-cased beforehand (the
//!   ceiling), on one and two threads. Prints the rates of every round.
//!
//! TERMS.json is `{"embedded": true, "terms": [...]}` (the embedded lists)
//! or `{"embedded": false, "watch": {id: [term, ...]}, "terms": [...]}`;
//! CORPUS.json a list of descriptions. Prints one JSON object: build time,
//! rates (descriptions/s) of every repetition, rows with hits, and peak
//! RSS (MiB) before the build, after it and at the end.

use std::time::Instant;

use aho_corasick::AhoCorasick;
use dualuse::{ControlLists, GoodsItem, Screener};
use rayon::prelude::*;
use serde_json::{json, Value};

/// Peak resident set size so far, MiB (Linux).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn read(path: &str) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{path} is not JSON: {e}"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("a list of strings")
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

/// Descriptions per second of `run` over `n` descriptions, `repeat` times.
fn rates(n: usize, repeat: usize, mut run: impl FnMut() -> usize) -> Vec<f64> {
    (0..repeat)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(run());
            n as f64 / t.elapsed().as_secs_f64()
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!(
            "usage: peer dualuse|aho-corasick|core TERMS.json CORPUS.json \
             [REPEAT]"
        );
        std::process::exit(2);
    }
    let repeat: usize = args.get(4).map_or(3, |r| r.parse().unwrap());
    let terms = read(&args[2]);
    let rss_base = peak_rss_mib();
    let out = match args[1].as_str() {
        "dualuse" => dualuse_rows(&terms, &args[3], repeat, rss_base),
        "aho-corasick" => {
            aho_corasick_rows(&terms, &args[3], repeat, rss_base)
        }
        "core" => core_rounds(&terms, &args[3], repeat),
        other => {
            eprintln!("unknown peer {other:?}");
            std::process::exit(2);
        }
    };
    println!("{out}");
}

fn lists(terms: &Value) -> ControlLists {
    if terms["embedded"].as_bool() == Some(true) {
        return ControlLists::embedded();
    }
    let watch = terms["watch"].as_object().expect("watch: {id: terms}");
    ControlLists::from_terms(
        watch.iter().map(|(id, ts)| (id.as_str(), strings(ts))),
    )
    .expect("valid watch terms")
}

/// One peer's row of the table, as `peers.py` reads it.
fn report(
    build_s: f64,
    per_call: Vec<f64>,
    batch: Vec<f64>,
    rows: usize,
    rss_base: Option<f64>,
    rss_build: Option<f64>,
) -> Value {
    json!({
        "build_s": build_s,
        "per_call": per_call,
        "batch": batch,
        "rows_with_hits": rows,
        "threads": rayon::current_num_threads(),
        "rss_base_mib": rss_base,
        "rss_build_mib": rss_build,
        "rss_peak_mib": peak_rss_mib(),
    })
}

fn dualuse_rows(
    terms: &Value,
    corpus: &str,
    repeat: usize,
    rss_base: Option<f64>,
) -> Value {
    let t = Instant::now();
    let screener = Screener::new(lists(terms)).expect("the screener builds");
    let build_s = t.elapsed().as_secs_f64();
    let rss_build = peak_rss_mib();
    let corpus = strings(&read(corpus));
    let n = corpus.len();
    let rows = corpus
        .iter()
        .filter(|t| !screener.screen(t).hits().is_empty())
        .count();
    let per_call = rates(n, repeat, || {
        corpus
            .iter()
            .filter(|t| !screener.screen(t).hits().is_empty())
            .count()
    });
    let items: Vec<GoodsItem> =
        corpus.iter().map(|t| GoodsItem::new(t)).collect();
    let batch = rates(n, repeat, || {
        let many = screener.screen_many(&items);
        let got = many.iter().filter(|r| !r.hits().is_empty()).count();
        assert_eq!(got, rows, "screen_many disagrees with screen");
        got
    });
    report(build_s, per_call, batch, rows, rss_base, rss_build)
}

fn aho_corasick_rows(
    terms: &Value,
    corpus: &str,
    repeat: usize,
    rss_base: Option<f64>,
) -> Value {
    let t = Instant::now();
    let lower: Vec<String> = strings(&terms["terms"])
        .iter()
        .map(|t| t.to_lowercase())
        .collect();
    let ac = AhoCorasick::new(&lower).expect("the automaton builds");
    let build_s = t.elapsed().as_secs_f64();
    let rss_build = peak_rss_mib();
    let corpus = strings(&read(corpus));
    let n = corpus.len();
    let find = |t: &String| {
        let text = t.to_lowercase();
        let found: Vec<(usize, usize, usize)> = ac
            .find_iter(&text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        !found.is_empty()
    };
    let rows = corpus.iter().filter(|t| find(t)).count();
    let per_call =
        rates(n, repeat, || corpus.iter().filter(|t| find(t)).count());
    let batch = rates(n, repeat, || {
        let got = corpus.par_iter().filter(|t| find(t)).count();
        assert_eq!(got, rows);
        got
    });
    report(build_s, per_call, batch, rows, rss_base, rss_build)
}

fn core_rounds(terms: &Value, corpus: &str, rounds: usize) -> Value {
    let build = |evasion, fuzzy| {
        Screener::builder()
            .evasion(evasion)
            .fuzzy(fuzzy)
            .build(lists(terms))
            .expect("the screener builds")
    };
    let full = build(true, true);
    let variants = [
        ("screen_no_evasion", build(false, true)),
        ("screen_no_fuzzy", build(true, false)),
        ("screen_exact_only", build(false, false)),
    ];
    let ac = AhoCorasick::new(
        strings(&terms["terms"]).iter().map(|t| t.to_lowercase()),
    )
    .expect("the automaton builds");
    let corpus = strings(&read(corpus));
    let lower: Vec<String> = corpus.iter().map(|t| t.to_lowercase()).collect();
    let items: Vec<GoodsItem> =
        corpus.iter().map(|t| GoodsItem::new(t)).collect();
    let pool = |n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    };
    let (one, two) = (pool(1), pool(2));
    let n = corpus.len();
    let screen = |s: &Screener| {
        corpus
            .iter()
            .filter(|t| !s.screen(t).hits().is_empty())
            .count()
    };
    let rows = screen(&full);
    let ac_rows = |t: &String| ac.find_iter(t).count() > 0;
    let mut out: std::collections::BTreeMap<&str, Vec<f64>> =
        std::collections::BTreeMap::new();
    let mut time = |name, run: &mut dyn FnMut() -> usize| {
        let t = Instant::now();
        std::hint::black_box(run());
        out.entry(name)
            .or_default()
            .push(n as f64 / t.elapsed().as_secs_f64());
    };
    for _ in 0..rounds {
        time("screen", &mut || screen(&full));
        time("screen_many_1_thread", &mut || {
            one.install(|| full.screen_many(&items).len())
        });
        time("screen_many_2_threads", &mut || {
            two.install(|| full.screen_many(&items).len())
        });
        for (name, s) in &variants {
            time(name, &mut || screen(s));
        }
        time("aho_corasick", &mut || {
            lower.iter().filter(|t| ac_rows(t)).count()
        });
        time("aho_corasick_2_threads", &mut || {
            two.install(|| lower.par_iter().filter(|t| ac_rows(t)).count())
        });
    }
    json!({ "rates": out, "rows_with_hits": rows })
}
