//! Screening throughput: one description at a time and in batches.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dualuse::{GoodsItem, Screener};

fn screen(c: &mut Criterion) {
    let screener = Screener::default();
    let corpus = dualuse_benches::corpus(10_000);
    // A fast wrong build must fail: the corpus holds 200 controlled rows.
    let hits = corpus
        .iter()
        .filter(|t| !screener.screen(t).hits().is_empty())
        .count();
    assert!(
        hits >= 200,
        "expected at least 200 rows with hits, got {hits}"
    );

    let mut g = c.benchmark_group("screen");
    g.throughput(Throughput::Elements(corpus.len() as u64));
    g.bench_function("one_by_one_10k", |b| {
        b.iter(|| {
            corpus
                .iter()
                .map(|t| screener.screen(t).hits().len())
                .sum::<usize>()
        })
    });
    let items: Vec<GoodsItem> =
        corpus.iter().map(|t| GoodsItem::new(t)).collect();
    g.bench_function("screen_many_10k", |b| {
        b.iter(|| screener.screen_many(&items).len())
    });
    g.finish();
}

criterion_group!(benches, screen);
criterion_main!(benches);
