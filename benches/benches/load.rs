//! Building a screener: the embedded lists, and ad-hoc watch lists of
//! 1k, 10k and 100k synthetic terms, beside a plain aho-corasick
//! automaton over the same terms.

use std::time::Duration;

use aho_corasick::AhoCorasick;
use criterion::{criterion_group, criterion_main, Criterion};
use dualuse::{ControlLists, Screener};
use dualuse_benches::{synthetic_lists, synthetic_terms};

fn embedded(c: &mut Criterion) {
    let entries = ControlLists::embedded().entries().len();
    assert!(entries > 500, "the embedded lists hold {entries} entries");
    let s = Screener::default();
    assert_eq!(
        s.screen("Thiodiglycol 99% 200L drums").hits()[0].entry_id(),
        "1C350.1"
    );
    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.bench_function("screener_default", |b| {
        b.iter(|| Screener::default().lists().entries().len())
    });
    g.bench_function("parse_embedded_lists", |b| {
        b.iter(|| ControlLists::embedded().entries().len())
    });
    g.finish();
}

fn synthetic(c: &mut Criterion) {
    let all = synthetic_terms(100_000);
    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    for (n, label) in [(1_000, "1k"), (10_000, "10k"), (100_000, "100k")] {
        let terms = &all[..n];
        // A fast wrong build must fail: the last term is found, with its
        // entry.
        let s = Screener::new(synthetic_lists(terms)).unwrap();
        let text = format!("12 drums {}, 99%", terms[n - 1]);
        let hits = s.screen(&text);
        assert_eq!(hits.hits().len(), 1, "{text}: {hits:?}");
        assert_eq!(
            hits.hits()[0].entry_id(),
            format!("SYN-{:05}", (n - 1) / dualuse_benches::TERMS_PER_ENTRY)
        );
        g.bench_function(format!("from_terms_{label}"), |b| {
            b.iter(|| {
                Screener::new(synthetic_lists(terms))
                    .unwrap()
                    .lists()
                    .entries()
                    .len()
            })
        });
        let ac = AhoCorasick::new(terms).unwrap();
        assert!(ac.find_iter(&text).count() >= 1);
        g.bench_function(format!("aho_corasick_{label}"), |b| {
            b.iter(|| AhoCorasick::new(terms).unwrap().patterns_len())
        });
    }
    g.finish();
}

criterion_group!(benches, embedded, synthetic);
criterion_main!(benches);
