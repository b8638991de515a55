//! Harmonized System codes: normalising declared codes and finding the
//! entries whose usual headings are near them.
//!
//! HS is a tariff nomenclature, not a control list, so a code never makes a
//! hit on its own; it only strengthens a textual hit and is reported as an
//! indicator. Codes are compared as digit strings by prefix in both
//! directions: a vague declared `2930` is near an entry's `2930.70`, and a
//! national `29307000` lies within it.

use std::collections::BTreeMap;

/// Fewest digits that still say something (an HS heading).
const MIN_DIGITS: usize = 4;
const MAX_DIGITS: usize = 10;

/// The digits of an HS code written `2930.90`, `293090`, `2930 90 00`
/// or `2930-90`, or `None` when it is not 4 to 10 digits.
pub(crate) fn normalise(code: &str) -> Option<String> {
    let mut digits = String::with_capacity(code.len());
    for c in code.trim().chars() {
        match c {
            '0'..='9' => digits.push(c),
            '.' | ' ' | '-' => {}
            _ => return None,
        }
    }
    (MIN_DIGITS..=MAX_DIGITS)
        .contains(&digits.len())
        .then_some(digits)
}

/// Headings of all entries, keyed by their digits.
#[derive(Debug, Default)]
pub(crate) struct HsTable {
    /// digits -> (entry index, heading as the list writes it)
    by_digits: BTreeMap<String, Vec<(u32, String)>>,
}

impl HsTable {
    pub(crate) fn insert(
        &mut self,
        digits: String,
        entry: u32,
        heading: &str,
    ) {
        self.by_digits
            .entry(digits)
            .or_default()
            .push((entry, heading.to_string()));
    }

    /// Every (entry, heading) near the declared digits, each entry once.
    pub(crate) fn lookup(&self, declared: &str) -> Vec<(u32, &str)> {
        let mut out: Vec<(u32, &str)> = Vec::new();
        // Entry headings that are a prefix of the declared code.
        for len in MIN_DIGITS..declared.len() {
            if let Some(v) = self.by_digits.get(&declared[..len]) {
                out.extend(v.iter().map(|(e, h)| (*e, h.as_str())));
            }
        }
        // Entry headings that start with the declared code (or equal it).
        for (digits, v) in self.by_digits.range(declared.to_string()..) {
            if !digits.starts_with(declared) {
                break;
            }
            out.extend(v.iter().map(|(e, h)| (*e, h.as_str())));
        }
        out.sort_by_key(|(e, _)| *e);
        out.dedup_by_key(|(e, _)| *e);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_written_forms() {
        let cases = [
            ("dotted", "2930.90", Some("293090")),
            ("plain", "293090", Some("293090")),
            ("spaced", "2930 90 00", Some("29309000")),
            ("national", "29309098", Some("29309098")),
            ("heading", "8401", Some("8401")),
            ("too short", "29", None),
            ("too long", "29309098123", None),
            ("letters", "29A0.90", None),
            ("empty", "", None),
        ];
        for (name, input, want) in cases {
            assert_eq!(normalise(input).as_deref(), want, "case {name}");
        }
    }

    #[test]
    fn looks_up_by_prefix_both_ways() {
        let mut t = HsTable::default();
        t.insert("293070".into(), 0, "2930.70");
        t.insert("2930".into(), 1, "2930");
        t.insert("8401".into(), 2, "8401");
        let entries = |d: &str| -> Vec<u32> {
            t.lookup(d).into_iter().map(|(e, _)| e).collect()
        };
        assert_eq!(entries("29307000"), [0, 1]);
        assert_eq!(entries("2930"), [0, 1]);
        assert_eq!(entries("293090"), [1]);
        assert_eq!(entries("840120"), [2]);
        assert!(entries("6109").is_empty());
    }
}
