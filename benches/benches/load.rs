//! Building a screener from the embedded lists.

use criterion::{criterion_group, criterion_main, Criterion};
use dualuse::{ControlLists, Screener};

fn load(c: &mut Criterion) {
    let entries = ControlLists::embedded().entries().len();
    assert!(entries > 0, "the embedded lists are empty");
    c.bench_function("screener_default", |b| {
        b.iter(|| Screener::default().lists().entries().len())
    });
    c.bench_function("parse_embedded_lists", |b| {
        b.iter(|| ControlLists::embedded().entries().len())
    });
}

criterion_group!(benches, load);
criterion_main!(benches);
