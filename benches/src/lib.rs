//! Workloads shared by the benchmark targets.
//!
//! The corpus is the HS 2022 nomenclature descriptions from
//! `../shared/data/hs-nomenclature.csv` (public domain; read from beside
//! the checkout, never copied into the repository) mixed with a few
//! controlled goods, so that about 2 % of descriptions have a hit.

use std::path::PathBuf;

/// Controlled goods mixed into the corpus.
const CONTROLLED: &[&str] = &[
    "Thiodiglycol 99% 200L drums",
    "硫二甘醇 桶装 25kg",
    "Organic chemical, CAS 111-48-8, 4 drums",
];

/// Ordinary goods used when the HS file is not there.
const ORDINARY: &[&str] = &[
    "ladies cotton T-shirts, knitted, 100% cotton",
    "stainless steel kitchen sinks, single bowl",
    "frozen boneless beef cuts, vacuum packed",
    "LED desk lamps with USB charging port",
    "spare parts for agricultural tractors: gear wheels",
];

/// `n` goods descriptions: HS texts (or a synthetic set) with one
/// controlled description every 50.
pub fn corpus(n: usize) -> Vec<String> {
    let base = hs_descriptions()
        .unwrap_or_else(|| ORDINARY.iter().map(|s| s.to_string()).collect());
    (0..n)
        .map(|i| {
            if i % 50 == 49 {
                CONTROLLED[i / 50 % CONTROLLED.len()].to_string()
            } else {
                base[i % base.len()].clone()
            }
        })
        .collect()
}

fn hs_descriptions() -> Option<Vec<String>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/hs-nomenclature.csv");
    let text = std::fs::read_to_string(path).ok()?;
    // The description is the third CSV field; a quoted one may hold
    // commas, so take what lies between the code and the last two fields.
    let out: Vec<String> = text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let rest = l.splitn(3, ',').nth(2)?;
            let end = rest.rfind(',')?;
            let rest = &rest[..end];
            let end = rest.rfind(',')?;
            Some(rest[..end].trim_matches('"').to_string())
        })
        .filter(|d| !d.is_empty())
        .collect();
    (!out.is_empty()).then_some(out)
}
