//! Measured false positives on the HS nomenclature (issue 5, "Measured
//! quality"): every description of `../shared/data/hs-nomenclature.csv`
//! (beside the checkout, in CI too) is screened with the embedded lists,
//! and every hit must be listed with its reason in
//! `tests/quality/expected-hits-hs.tsv`. A hit not listed fails, and so
//! does a listed hit that no longer fires. The Python module runs the same
//! check (`bindings/python/tests/test_quality_benign.py`), so both front
//! ends agree on it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use dualuse::{GoodsItem, Screener};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Splits one CSV record (RFC 4180 quoting: fields in double quotes may
/// hold commas, a doubled quote is a quote). The nomenclature has no
/// line breaks inside fields.
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// (HS code, description) of every row.
fn nomenclature() -> Vec<(String, String)> {
    let path = manifest().join("../../../shared/data/hs-nomenclature.csv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{} (shared/ beside the checkout): {e}", path.display())
    });
    let mut lines = text.lines();
    let header = csv_fields(lines.next().expect("a header"));
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let (code, description) = (col("hscode"), col("description"));
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let f = csv_fields(l);
            (f[code].clone(), f[description].clone())
        })
        .collect()
}

/// (HS code, entry id) of every reviewed hit.
fn expected() -> BTreeSet<(String, String)> {
    let path = manifest().join("../../tests/quality/expected-hits-hs.tsv");
    let text = std::fs::read_to_string(&path).expect("expected-hits-hs.tsv");
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .skip(1) // the header
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert!(
                cols.len() == 3 && cols.iter().all(|c| !c.is_empty()),
                "want hscode<TAB>entry<TAB>reason: {l:?}"
            );
            (cols[0].to_string(), cols[1].to_string())
        })
        .collect()
}

#[test]
fn hs_nomenclature_hits_are_all_reviewed() {
    let rows = nomenclature();
    assert!(rows.len() > 5600, "only {} rows", rows.len());
    let items: Vec<GoodsItem> =
        rows.iter().map(|(_, d)| GoodsItem::new(d)).collect();
    let screener = Screener::default();
    let mut found: BTreeMap<(String, String), String> = BTreeMap::new();
    for ((code, _), r) in rows.iter().zip(screener.screen_many(&items)) {
        for h in r.hits() {
            found
                .entry((code.clone(), h.entry_id().to_string()))
                .or_insert_with(|| h.matched().to_string());
        }
    }
    let expected = expected();
    let unexpected: Vec<String> = found
        .iter()
        .filter(|(k, _)| !expected.contains(*k))
        .map(|((code, id), m)| format!("{code}\t{id}\tmatched {m:?}"))
        .collect();
    let stale: Vec<String> = expected
        .iter()
        .filter(|k| !found.contains_key(*k))
        .map(|(code, id)| format!("{code}\t{id}"))
        .collect();
    println!(
        "HS nomenclature: {} texts, {} hits, {} not justified \
         (false-positive rate {:.3} %)",
        rows.len(),
        found.len(),
        unexpected.len(),
        100.0 * unexpected.len() as f64 / rows.len() as f64
    );
    assert!(
        unexpected.is_empty() && stale.is_empty(),
        "hits not in tests/quality/expected-hits-hs.tsv (fix the list, or \
         add the hit with its reason):\n{}\nreviewed hits that no longer \
         fire:\n{}",
        unexpected.join("\n"),
        stale.join("\n")
    );
}
