//! The one automaton over every term and clearing term of every entry,
//! and the checks a raw automaton match must pass: token boundaries, case,
//! context, longest match.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::lists::{ControlEntry, Term};
use crate::normalise::{is_word_char, normalise_term, Normalised};

/// What a term does when it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// A name of the controlled goods.
    Name,
    /// A look-alike benign good that clears the entry.
    Clear,
}

/// One term of one entry, ready for matching.
#[derive(Debug)]
pub(crate) struct TermSpec {
    pub(crate) entry: u32,
    pub(crate) role: Role,
    pub(crate) text: String,
    pub(crate) language: Option<String>,
    case_sensitive: Option<String>,
    context: Vec<String>,
    window: usize,
}

/// Per automaton pattern: the terms that normalise to it, and whether its
/// ends need a word boundary.
#[derive(Debug)]
struct Pattern {
    specs: Vec<u32>,
    left: bool,
    right: bool,
}

/// A term match that passed every check.
#[derive(Debug)]
pub(crate) struct TermMatch {
    pub(crate) spec: u32,
    /// Byte range in the normalised text.
    pub(crate) start: usize,
    pub(crate) end: usize,
}

#[derive(Debug)]
pub(crate) struct TermIndex {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    pub(crate) specs: Vec<TermSpec>,
}

impl TermIndex {
    /// Builds the automaton; `keep` decides which name terms take part
    /// (the language filter). Clearing terms always do.
    pub(crate) fn build(
        entries: &[ControlEntry],
        keep: impl Fn(&Term) -> bool,
    ) -> Result<TermIndex, aho_corasick::BuildError> {
        let mut by_text: HashMap<String, u32> = HashMap::new();
        let mut texts: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut specs = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let names = e
                .terms()
                .iter()
                .filter(|t| keep(t))
                .map(|t| (t, Role::Name));
            let clears = e.clear().iter().map(|t| (t, Role::Clear));
            for (t, role) in names.chain(clears) {
                let norm = normalise_term(&t.text);
                if norm.is_empty() {
                    continue;
                }
                let id = *by_text.entry(norm.clone()).or_insert_with(|| {
                    let first = norm.chars().next().unwrap();
                    let last = norm.chars().next_back().unwrap();
                    patterns.push(Pattern {
                        specs: Vec::new(),
                        left: is_word_char(first),
                        right: is_word_char(last),
                    });
                    texts.push(norm.clone());
                    (texts.len() - 1) as u32
                });
                patterns[id as usize].specs.push(specs.len() as u32);
                specs.push(TermSpec {
                    entry: i as u32,
                    role,
                    text: t.text.clone(),
                    language: t.language.clone(),
                    case_sensitive: t.case_sensitive.then(|| nfkc(&t.text)),
                    context: t
                        .context
                        .iter()
                        .map(|c| normalise_term(c))
                        .collect(),
                    window: t.window,
                });
            }
        }
        let automaton = if texts.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&texts)
                    .or_else(|_| {
                        // A DFA over very many terms can exceed its size
                        // limit; the contiguous NFA has none to speak of.
                        AhoCorasick::builder()
                            .match_kind(MatchKind::Standard)
                            .kind(Some(AhoCorasickKind::ContiguousNFA))
                            .build(&texts)
                    })?,
            )
        };
        Ok(TermIndex {
            automaton,
            patterns,
            specs,
        })
    }

    /// Every accepted term match in `norm`, for the text `original` it was
    /// made from.
    pub(crate) fn find(
        &self,
        original: &str,
        norm: &Normalised,
    ) -> Vec<TermMatch> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let text = norm.text.as_str();
        let mut raw: Vec<(usize, usize, u32)> = ac
            .find_overlapping_iter(text)
            .filter(|m| {
                let p = &self.patterns[m.pattern().as_usize()];
                (!p.left || boundary_before(text, m.start()))
                    && (!p.right || boundary_after(text, m.end()))
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_u32()))
            .collect();
        // Longest wins: drop a match lying inside a longer one, so
        // "sulfur mustard" does not also report "mustard".
        raw.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::new();
        let mut reach = 0usize;
        let mut reach_start = usize::MAX;
        for (start, end, pattern) in raw {
            let inside =
                end <= reach && !(start == reach_start && end == reach);
            if end > reach {
                reach = end;
                reach_start = start;
            }
            if inside {
                continue;
            }
            for &s in &self.patterns[pattern as usize].specs {
                let spec = &self.specs[s as usize];
                if spec.accepts(original, norm, start, end) {
                    out.push(TermMatch {
                        spec: s,
                        start,
                        end,
                    });
                }
            }
        }
        out
    }
}

impl TermSpec {
    /// Whether the term only counts with context nearby.
    pub(crate) fn has_context(&self) -> bool {
        !self.context.is_empty()
    }

    fn accepts(
        &self,
        original: &str,
        norm: &Normalised,
        start: usize,
        end: usize,
    ) -> bool {
        if let Some(exact) = &self.case_sensitive {
            let (a, b) = norm.original_range(original, start, end);
            if nfkc(&original[a..b]) != *exact {
                return false;
            }
        }
        self.context.is_empty() || self.context_near(&norm.text, start, end)
    }

    fn context_near(&self, text: &str, start: usize, end: usize) -> bool {
        let from = text[..start]
            .char_indices()
            .rev()
            .nth(self.window.saturating_sub(1))
            .map_or(0, |(i, _)| i);
        let to = text[end..]
            .char_indices()
            .nth(self.window)
            .map_or(text.len(), |(i, _)| end + i);
        let around = &text[from..to];
        self.context.iter().any(|word| contains_word(around, word))
    }
}

fn nfkc(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfkc().collect()
}

/// Whether `word` occurs in `hay` as a whole word (where its ends are word
/// characters of a spaced script).
pub(crate) fn contains_word(hay: &str, word: &str) -> bool {
    let (Some(first), Some(last)) =
        (word.chars().next(), word.chars().next_back())
    else {
        return false;
    };
    hay.match_indices(word).any(|(i, _)| {
        (!is_word_char(first) || boundary_before(hay, i))
            && (!is_word_char(last) || boundary_after(hay, i + word.len()))
    })
}

fn boundary_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c))
}

fn boundary_after(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_none_or(|c| !is_word_char(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lists::ControlLists;

    fn index(toml_terms: &str) -> (ControlLists, TermIndex) {
        let text = format!(
            "[list]\nname='t'\nsource='t'\nversion='1'\ndate='2024-01-01'\n{toml_terms}"
        );
        let lists =
            ControlLists::from_texts([("t.toml", text.as_str())]).unwrap();
        let idx = TermIndex::build(lists.entries(), |_| true).unwrap();
        (lists, idx)
    }

    fn found(idx: &TermIndex, text: &str) -> Vec<String> {
        let n = Normalised::new(text);
        idx.find(text, &n)
            .iter()
            .map(|m| idx.specs[m.spec as usize].text.clone())
            .collect()
    }

    const ENTRIES: &str = r#"
[[entry]]
id = "A"
regimes = ["AG"]
title = "a"
terms.en = ["ricin", "sulfur mustard", { text = "mustard", context = ["gas", "agent"] }, { text = "VX", case_sensitive = true }]
terms.zh = ["硫二甘醇"]
clear = ["ricinoleic acid"]
"#;

    #[test]
    fn matching_rules() {
        let (_, idx) = index(ENTRIES);
        let cases: &[(&str, &str, &[&str])] = &[
            ("whole word", "pure Ricin powder", &["ricin"]),
            ("not inside a word", "ricinus oil", &[]),
            (
                "clear term found",
                "ricinoleic acid 99%",
                &["ricinoleic acid"],
            ),
            ("longest wins", "sulfur mustard drums", &["sulfur mustard"]),
            ("context missing", "Dijon mustard jars", &[]),
            ("context present", "mustard gas", &["mustard"]),
            (
                "context too far",
                &format!("mustard {} gas", "x".repeat(80)),
                &[],
            ),
            ("case sensitive", "VX 5 kg", &["VX"]),
            ("case differs", "Vx camcorder", &[]),
            ("cjk anywhere", "供应硫二甘醇桶装", &["硫二甘醇"]),
            ("punctuation boundary", "(ricin)", &["ricin"]),
        ];
        for (name, text, want) in cases {
            assert_eq!(found(&idx, text), *want, "case {name}");
        }
    }

    #[test]
    fn contains_word_respects_boundaries() {
        assert!(contains_word("nerve agent x", "agent"));
        assert!(!contains_word("reagents", "agent"));
        assert!(contains_word("供应商", "供应"));
    }
}
