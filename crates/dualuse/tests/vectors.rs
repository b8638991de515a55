//! Runs the shared screening vectors of `tests/vectors/*.toml` (format in
//! `tests/README.md`) against the embedded lists. The Python module runs
//! the same files, so the two front ends cannot disagree.

use std::collections::BTreeSet;
use std::path::PathBuf;

use dualuse::{GoodsItem, Screener};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    hs: Option<String>,
    expect: Vec<Expect>,
    cleared: Option<Vec<String>>,
    lane: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    entry: String,
    rule: Option<String>,
    matched: Option<String>,
}

fn vector_files() -> Vec<PathBuf> {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/vectors exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

/// Checks one case; returns what went wrong, if anything.
fn check(screener: &Screener, case: &Case) -> Option<String> {
    let mut item = GoodsItem::new(&case.text);
    if let Some(hs) = &case.hs {
        item = item.hs_code(hs);
    }
    let r = screener.screen_item(&item);
    let got: BTreeSet<&str> = r.hits().iter().map(|h| h.entry_id()).collect();
    let want: BTreeSet<&str> =
        case.expect.iter().map(|e| e.entry.as_str()).collect();
    let mut problems = Vec::new();
    if got != want {
        problems.push(format!("hits: expected {want:?}, got {got:?}"));
    }
    for e in &case.expect {
        let Some(h) = r.hits().iter().find(|h| h.entry_id() == e.entry) else {
            continue;
        };
        if let Some(rule) = &e.rule {
            if h.rule().as_str() != rule {
                problems.push(format!(
                    "{}: rule: expected {rule}, got {}",
                    e.entry,
                    h.rule().as_str()
                ));
            }
        }
        if let Some(m) = &e.matched {
            if h.matched() != m {
                problems.push(format!(
                    "{}: matched: expected {m:?}, got {:?}",
                    e.entry,
                    h.matched()
                ));
            }
        }
    }
    if let Some(cleared) = &case.cleared {
        let got: BTreeSet<&str> =
            r.cleared().iter().map(|c| c.hit.entry_id()).collect();
        let want: BTreeSet<&str> =
            cleared.iter().map(String::as_str).collect();
        if got != want {
            problems.push(format!("cleared: expected {want:?}, got {got:?}"));
        }
    }
    if let Some(lane) = &case.lane {
        if r.lane().as_str() != lane {
            problems.push(format!(
                "lane: expected {lane}, got {}",
                r.lane().as_str()
            ));
        }
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}

#[test]
fn shared_vectors() {
    let screener = Screener::default();
    let mut failures = Vec::new();
    let mut count = 0;
    for path in vector_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let file: File = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let stem = path.file_stem().unwrap().to_string_lossy();
        let mut names = BTreeSet::new();
        for case in &file.case {
            assert!(
                names.insert(&case.name),
                "{stem}: duplicate case name {}",
                case.name
            );
            count += 1;
            if let Some(p) = check(&screener, case) {
                failures.push(format!(
                    "{stem}:{}: {p}\n    text: {:?}",
                    case.name, case.text
                ));
            }
        }
    }
    assert!(count > 0, "no vector cases found");
    assert!(
        failures.is_empty(),
        "{} of {count} vector cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
