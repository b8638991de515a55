//! Screening throughput with the embedded lists: one description at a time
//! in four scripts and three sizes; a corpus of 100,000 descriptions one by
//! one, in batches on one and two threads, with the evasion and fuzzy
//! passes off, and a plain aho-corasick automaton over the same terms and
//! lower-cased text as the ceiling; and descriptions of 64 KB to 1 MB,
//! whose time per byte should not grow.
//!
//! Every target first counts the hits on its input, so a fast but wrong
//! build fails.

use std::hint::black_box;

use aho_corasick::AhoCorasick;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dualuse::{ControlLists, GoodsItem, Screener};
use dualuse_benches::{
    embedded_plain_terms, embedded_terms_lowercase, samples, synthetic_terms,
};
use rayon::prelude::*;
use rayon::ThreadPool;

const CORPUS: usize = 100_000;

fn pool(threads: usize) -> ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
}

fn label(threads: usize) -> String {
    match threads {
        1 => "1_thread".into(),
        n => format!("{n}_threads"),
    }
}

fn per_description(c: &mut Criterion) {
    let s = Screener::default();
    let mut g = c.benchmark_group("screen");
    for sample in samples() {
        let sizes = [
            ("short", sample.short, 0),
            ("typical", sample.typical, 0),
            ("long", sample.long.as_str(), 1),
        ];
        for (size, text, want) in sizes {
            let r = s.screen(text);
            assert_eq!(r.hits().len(), want, "{}: {r:?}", sample.script);
            if want > 0 {
                assert_eq!(r.hits()[0].entry_id(), "1C350.1");
            }
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_function(format!("{}_{size}", sample.script), |b| {
                b.iter(|| s.screen(black_box(text)).hits().len())
            });
        }
    }
    g.finish();
}

/// Rows of `corpus` with at least one hit.
fn rows_with_hits(s: &Screener, corpus: &[String]) -> usize {
    corpus
        .iter()
        .filter(|t| !s.screen(t).hits().is_empty())
        .count()
}

fn corpus(c: &mut Criterion) {
    let corpus = dualuse_benches::corpus(
        CORPUS,
        &embedded_plain_terms(),
        &synthetic_terms(1_000),
    );
    let items: Vec<GoodsItem> =
        corpus.iter().map(|t| GoodsItem::new(t)).collect();
    let full = Screener::default();
    // 1.5 % of the rows name a controlled good; a few ordinary ones may hit
    // too, but not many.
    let rows = rows_with_hits(&full, &corpus);
    let controlled = CORPUS * dualuse_benches::CONTROLLED_PER_200 / 200;
    assert!(
        (controlled..=2 * controlled).contains(&rows),
        "{rows} rows with hits, expected {controlled} to {}",
        2 * controlled
    );
    let pools = [(1, pool(1)), (2, pool(2))];

    let mut g = c.benchmark_group("corpus_100k");
    g.throughput(Throughput::Elements(CORPUS as u64));
    g.sample_size(10);
    g.bench_function("screen", |b| {
        b.iter(|| {
            corpus
                .iter()
                .map(|t| full.screen(t).hits().len())
                .sum::<usize>()
        })
    });
    for (threads, pool) in &pools {
        let many = pool.install(|| full.screen_many(&items));
        let got = many.iter().filter(|r| !r.hits().is_empty()).count();
        assert_eq!(got, rows, "screen_many on {threads} threads");
        g.bench_function(format!("screen_many_{}", label(*threads)), |b| {
            b.iter(|| pool.install(|| full.screen_many(&items).len()))
        });
    }

    // What the evasion and fuzzy passes cost.
    for (name, evasion, fuzzy) in [
        ("screen_no_evasion", false, true),
        ("screen_no_fuzzy", true, false),
        ("screen_exact_only", false, false),
    ] {
        let s = Screener::builder()
            .evasion(evasion)
            .fuzzy(fuzzy)
            .build(ControlLists::embedded())
            .unwrap();
        let got = rows_with_hits(&s, &corpus);
        assert!(
            (controlled..=rows).contains(&got),
            "{name}: {got} rows with hits, expected {controlled} to {rows}"
        );
        g.bench_function(name, |b| {
            b.iter(|| {
                corpus
                    .iter()
                    .map(|t| s.screen(t).hits().len())
                    .sum::<usize>()
            })
        });
    }

    // The ceiling: the same terms, lower-cased, over text lower-cased
    // beforehand; no boundaries, spans, CAS numbers or scores.
    let ac = AhoCorasick::new(embedded_terms_lowercase()).unwrap();
    let lower: Vec<String> = corpus.iter().map(|t| t.to_lowercase()).collect();
    let got = lower.iter().filter(|t| ac.is_match(t.as_str())).count();
    assert!(got >= controlled, "aho-corasick: {got} rows with matches");
    g.bench_function("aho_corasick", |b| {
        b.iter(|| lower.iter().map(|t| ac.find_iter(t).count()).sum::<usize>())
    });
    for (threads, pool) in &pools[1..] {
        g.bench_function(format!("aho_corasick_{}", label(*threads)), |b| {
            b.iter(|| {
                pool.install(|| {
                    lower
                        .par_iter()
                        .map(|t| ac.find_iter(t).count())
                        .sum::<usize>()
                })
            })
        });
    }
    g.finish();
}

/// Time per byte should stay flat as a description grows: an invoice of
/// 64 KB, 256 KB, 1 MB and 10 MB (the 4 KB invoice repeated, one
/// controlled line in every 4 KB).
fn long_text(c: &mut Criterion) {
    let s = Screener::default();
    let invoice = &samples()[0].long;
    let mut g = c.benchmark_group("long_text");
    g.sample_size(10);
    for kb in [64, 256, 1024, 10240] {
        let text = invoice.repeat(kb * 1024 / invoice.len() + 1);
        let r = s.screen(&text);
        assert_eq!(r.hits().len(), 1);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("{kb}_kb"), |b| {
            b.iter(|| s.screen(&text).hits().len())
        });
    }
    g.finish();
}

criterion_group!(benches, per_description, corpus, long_text);
criterion_main!(benches);
