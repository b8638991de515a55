//! The one automaton over every term and clearing term of every entry,
//! and the checks a raw automaton match must pass: token boundaries, case,
//! context, longest match.
//!
//! Two more passes find what the plain pass cannot, for terms that are
//! neither case-sensitive nor context-bound (short codes and ambiguous
//! words are too risky to bend):
//! - the skeleton pass matches terms against the text's
//!   [`Skeleton`](crate::normalise::Skeleton): split and spaced words,
//!   look-alike letters, leetspeak;
//! - the fuzzy pass looks up the remaining words with a few typos in a
//!   deletion index.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, Input};
use rayon::prelude::*;

use crate::automaton::PrefixAutomaton;
use crate::fuzzy::FuzzyIndex;
use crate::hashing::Fnv;
use crate::lists::{ControlEntry, Term};
use crate::normalise::{
    ascii_skeleton_starts, disguises_in_original, is_word_char,
    normalise_term, AsciiSkeletonReader, Disguise, Normalised, Skeleton,
};

/// Fewest ASCII letters in a term's skeleton for the skeleton pass: a
/// shorter one (`vx`, `gb`) joins up from ordinary letters too easily.
const SKELETON_MIN_LETTERS: usize = 5;
/// Fewest letters of a term for the skeleton pass to join words that
/// stand apart with spaces (`thio diglycol`): `so man` must not read
/// `soman`.
const JOIN_SPACES_MIN_LETTERS: usize = 8;

/// What a term does when it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// A name of the controlled goods.
    Name,
    /// A look-alike benign good that clears the entry.
    Clear,
}

/// One term of one entry, ready for matching. The term itself stays in the
/// lists ([`TermSpec::term`]): a copy of every term's text and language
/// was a good part of a large screener's memory.
#[derive(Debug)]
pub(crate) struct TermSpec {
    pub(crate) entry: u32,
    pub(crate) role: Role,
    /// Where the term is among its entry's names or clearing terms.
    slot: u32,
    /// The plain pattern, whose text is the normalised term: the skeleton
    /// and typo indexes start from it rather than normalising every term
    /// again.
    pattern: u32,
    case_sensitive: Option<String>,
    context: Vec<String>,
    /// For a name with context, how near the context must be; for a
    /// clearing term, how near the hit it must stand to clear it.
    pub(crate) window: usize,
}

/// Per automaton pattern: the terms that normalise to it, and whether its
/// ends need a word boundary.
#[derive(Debug)]
struct Pattern {
    specs: Vec<u32>,
    left: bool,
    right: bool,
}

/// Which passes beyond the plain one run.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Passes {
    pub(crate) disguised: bool,
    pub(crate) typos: bool,
}

#[cfg(test)]
impl Passes {
    pub(crate) const ALL: Passes = Passes {
        disguised: true,
        typos: true,
    };
}

/// How a term was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// As written (after normalisation).
    Exact,
    /// Through disguises that an honest trader does not use.
    Disguised(Vec<Disguise>),
    /// With this many typos.
    Typo(usize),
}

/// A term match that passed every check.
#[derive(Debug)]
pub(crate) struct TermMatch {
    pub(crate) spec: u32,
    /// Byte range in the normalised text.
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) found: Found,
}

#[derive(Debug)]
pub(crate) struct TermIndex {
    /// Plain automaton: pattern i stands for `patterns[i]`. Walked
    /// anchored from each place a match may start (see [`plain_starts`]).
    automaton: Option<PrefixAutomaton>,
    patterns: Vec<Pattern>,
    /// Skeleton automaton: pattern i stands for `skeleton_specs[i]`.
    /// ASCII text is walked through it a byte at a time.
    skeletons: Option<PrefixAutomaton>,
    skeleton_specs: Vec<Vec<u32>>,
    fuzzy: FuzzyIndex,
    pub(crate) specs: Vec<TermSpec>,
}

/// Whether the skeleton and typo passes may bend a term: names that are
/// neither case-sensitive nor context-bound.
fn bendable(spec: &TermSpec) -> bool {
    spec.role == Role::Name
        && spec.case_sensitive.is_none()
        && spec.context.is_empty()
}

/// The typo index over the single-word bendable names; `norms[i]` is
/// spec i's normalised term.
fn fuzzy_index(specs: &[TermSpec], texts: &[&str]) -> FuzzyIndex {
    let mut fuzzy = FuzzyIndex::default();
    for (i, spec) in specs.iter().enumerate() {
        let norm = texts[spec.pattern as usize];
        if bendable(spec) && norm.chars().all(is_word_char) {
            fuzzy.insert(norm, i as u32);
        }
    }
    fuzzy
}

/// The skeleton side of a [`TermIndex`], while it is built.
struct SkeletonIndex {
    automaton: Option<PrefixAutomaton>,
    specs: Vec<Vec<u32>>,
}

impl SkeletonIndex {
    /// Over the bendable names whose skeleton has letters enough;
    /// `texts[p]` is pattern p's text.
    fn build(
        specs: &[TermSpec],
        texts: &[&str],
    ) -> Result<SkeletonIndex, aho_corasick::BuildError> {
        // Each pattern's skeleton, once, for the patterns with a bendable
        // spec, on every core.
        let mut wanted = vec![false; texts.len()];
        for spec in specs {
            wanted[spec.pattern as usize] |= bendable(spec);
        }
        let skeletons: Vec<Option<String>> = texts
            .par_iter()
            .zip(wanted)
            .map(|(text, wanted)| {
                let sk = wanted.then(|| Skeleton::text_only(text))?;
                let letters =
                    sk.chars().filter(char::is_ascii_alphabetic).count();
                (letters >= SKELETON_MIN_LETTERS).then_some(sk)
            })
            .collect();
        let mut ids: HashMap<&str, u32, BuildHasherDefault<Fnv>> =
            HashMap::default();
        let mut unique: Vec<&str> = Vec::new();
        let mut skeleton_specs: Vec<Vec<u32>> = Vec::new();
        for (i, spec) in specs.iter().enumerate() {
            if !bendable(spec) {
                continue;
            }
            let Some(sk) = &skeletons[spec.pattern as usize] else {
                continue;
            };
            let id = *ids.entry(sk.as_str()).or_insert_with(|| {
                unique.push(sk);
                skeleton_specs.push(Vec::new());
                unique.len() as u32 - 1
            });
            skeleton_specs[id as usize].push(i as u32);
        }
        drop(ids);
        Ok(SkeletonIndex {
            automaton: PrefixAutomaton::build(&unique)?,
            specs: skeleton_specs,
        })
    }
}

impl TermIndex {
    /// Builds the automaton; `keep` decides which name terms take part
    /// (the language filter). Clearing terms always do.
    pub(crate) fn build(
        entries: &[ControlEntry],
        keep: impl Fn(&Term) -> bool,
    ) -> Result<TermIndex, aho_corasick::BuildError> {
        let mut kept: Vec<(u32, u32, &Term, Role)> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let names = e
                .terms()
                .iter()
                .enumerate()
                .filter(|(_, t)| keep(t))
                .map(|(slot, t)| (slot, t, Role::Name));
            let clears = e
                .clear()
                .iter()
                .enumerate()
                .map(|(slot, t)| (slot, t, Role::Clear));
            kept.extend(
                names
                    .chain(clears)
                    .map(|(slot, t, r)| (i as u32, slot as u32, t, r)),
            );
        }
        // Normalising is most of the work before the automata, and each
        // term's is independent: on every core, taken back in order.
        let norms: Vec<String> = kept
            .par_iter()
            .map(|(_, _, t, _)| normalise_term(&t.text))
            .collect();
        let mut by_text: HashMap<&str, u32, BuildHasherDefault<Fnv>> =
            HashMap::default();
        let mut texts: Vec<&str> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut specs = Vec::with_capacity(kept.len());
        for ((i, slot, t, role), norm) in kept.into_iter().zip(&norms) {
            let (Some(first), Some(last)) =
                (norm.chars().next(), norm.chars().next_back())
            else {
                continue;
            };
            let id = *by_text.entry(norm.as_str()).or_insert_with(|| {
                patterns.push(Pattern {
                    specs: Vec::new(),
                    left: is_word_char(first),
                    right: is_word_char(last),
                });
                texts.push(norm);
                texts.len() as u32 - 1
            });
            patterns[id as usize].specs.push(specs.len() as u32);
            specs.push(TermSpec {
                entry: i,
                role,
                slot,
                pattern: id,
                case_sensitive: t.case_sensitive.then(|| nfkc(&t.text)),
                context: t.context.iter().map(|c| normalise_term(c)).collect(),
                window: t.window,
            });
        }
        drop(by_text);
        // The two automata are most of the build and independent: one
        // each side of a join, the typo index beside the plain automaton
        // (the skeleton side has its texts to make first).
        let ((automaton, fuzzy), skeletons) = rayon::join(
            || {
                let fuzzy = fuzzy_index(&specs, &texts);
                (PrefixAutomaton::build(&texts), fuzzy)
            },
            || SkeletonIndex::build(&specs, &texts),
        );
        let skeletons = skeletons?;
        Ok(TermIndex {
            automaton: automaton?,
            patterns,
            skeletons: skeletons.automaton,
            skeleton_specs: skeletons.specs,
            fuzzy,
            specs,
        })
    }

    /// Spec `spec`'s term, normalised.
    fn normalised(&self, spec: &TermSpec) -> &str {
        let text = self.automaton.as_ref().map(|a| a.pattern(spec.pattern));
        // Plain patterns are made of normalised terms, which are text.
        std::str::from_utf8(text.unwrap_or_default()).unwrap_or_default()
    }

    /// Every accepted term match in `norm`, for the text `original` it was
    /// made from.
    pub(crate) fn find(
        &self,
        original: &str,
        norm: &Normalised,
        passes: Passes,
    ) -> Vec<TermMatch> {
        let mut out = self.find_exact(original, norm);
        if passes.disguised {
            self.find_disguised(original, norm, &mut out);
        }
        if passes.typos {
            self.find_typos(norm, &mut out);
        }
        out
    }

    fn find_exact(&self, original: &str, norm: &Normalised) -> Vec<TermMatch> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let text = norm.text.as_str();
        let raw = self.plain_matches(ac, text);
        // Names compete for the longest match; clearing terms stand apart,
        // so one entry's clearing term neither hides nor is hidden by
        // another entry's terms.
        let (names, clears): (Vec<_>, Vec<_>) =
            raw.into_iter().partition(|m| {
                self.patterns[m.2 as usize]
                    .specs
                    .iter()
                    .any(|&s| self.specs[s as usize].role == Role::Name)
            });
        let mut out = Vec::new();
        for (start, end, pattern) in longest(names).into_iter().chain(clears) {
            for &s in &self.patterns[pattern as usize].specs {
                let spec = &self.specs[s as usize];
                if spec.accepts(original, norm, start, end) {
                    let (a, b) = norm.original_range(original, start, end);
                    let disguises = disguises_in_original(&original[a..b]);
                    out.push(TermMatch {
                        spec: s,
                        start,
                        end,
                        found: if disguises.is_empty() {
                            Found::Exact
                        } else {
                            Found::Disguised(disguises)
                        },
                    });
                }
            }
        }
        out
    }

    /// The plain automaton's matches in `text` where its boundaries allow
    /// them: (start, end, pattern), by end, then start.
    fn plain_matches(
        &self,
        ac: &PrefixAutomaton,
        text: &str,
    ) -> Vec<(usize, usize, u32)> {
        // Walks take a step or two at most places. A text made to keep
        // them long (a long term's first words over and over) gets one
        // unanchored search instead, so time stays linear in the text
        // whatever terms the lists hold.
        let budget = 4 * text.len() + 64;
        self.walk_plain(ac, text, budget)
            .unwrap_or_else(|| self.search_plain(ac, text))
    }

    /// [`plain_matches`](Self::plain_matches) by walking the automaton,
    /// or `None` past `budget` steps.
    ///
    /// A match may start only where a word starts or at a character that
    /// is not a word character: a term that starts with a word character
    /// needs a boundary before it. So the automaton is walked anchored
    /// from those places alone, where an unanchored search takes a step
    /// at every byte, and most of its steps cost a cache miss.
    fn walk_plain(
        &self,
        pa: &PrefixAutomaton,
        text: &str,
        budget: usize,
    ) -> Option<Vec<(usize, usize, u32)>> {
        let bytes = text.as_bytes();
        let ac = pa.nfa();
        let anchored = ac.start_state(Anchored::Yes).ok()?;
        let mut steps = 0usize;
        let mut raw: Vec<(usize, usize, u32)> = Vec::new();
        for from in plain_starts(text) {
            if !pa.starts_with(bytes[from]) {
                continue;
            }
            let mut state = anchored;
            for (at, &b) in bytes.iter().enumerate().skip(from) {
                steps += 1;
                if steps > budget {
                    return None;
                }
                state = ac.next_state(Anchored::Yes, state, b);
                if !ac.is_special(state) {
                    continue;
                }
                if ac.is_dead(state) {
                    break;
                }
                if !ac.is_match(state) {
                    continue;
                }
                let end = at + 1;
                for i in 0..ac.match_len(state) {
                    let prefix = ac.match_pattern(state, i);
                    // A state also holds the patterns that end it and
                    // start later (copied along failure links): their own
                    // walk finds them.
                    if ac.pattern_len(prefix) != end - from {
                        continue;
                    }
                    for (id, end) in pa.completions(prefix, bytes, from) {
                        let p = &self.patterns[id as usize];
                        if !p.right || boundary_after(text, end) {
                            raw.push((from, end, id));
                        }
                    }
                }
            }
        }
        // In the order an unanchored search reports them.
        raw.sort_unstable_by_key(|&(start, end, _)| (end, start));
        Some(raw)
    }

    /// [`plain_matches`](Self::plain_matches) by one unanchored
    /// overlapping search.
    fn search_plain(
        &self,
        ac: &PrefixAutomaton,
        text: &str,
    ) -> Vec<(usize, usize, u32)> {
        let bytes = text.as_bytes();
        // An unanchored overlapping search is what the NFA is built for:
        // it cannot fail.
        let found = ac.nfa().try_find_overlapping_iter(Input::new(text));
        let mut raw: Vec<(usize, usize, u32)> = found
            .into_iter()
            .flatten()
            .flat_map(|m| {
                ac.completions(m.pattern(), bytes, m.start())
                    .map(move |(id, end)| (m.start(), end, id))
            })
            .filter(|&(start, end, id)| {
                let p = &self.patterns[id as usize];
                (!p.left || boundary_before(text, start))
                    && (!p.right || boundary_after(text, end))
            })
            .collect();
        raw.sort_unstable_by_key(|&(start, end, _)| (end, start));
        raw
    }

    /// Skeleton matches that the plain pass did not find.
    fn find_disguised(
        &self,
        original: &str,
        norm: &Normalised,
        out: &mut Vec<TermMatch>,
    ) {
        let Some(ac) = &self.skeletons else {
            return;
        };
        let text = norm.text.as_str();
        if !self.may_be_disguised(ac, text) {
            return;
        }
        let sk = Skeleton::new(text);
        let mut raw = Vec::new();
        // An unanchored overlapping search is what the NFA is built for:
        // it cannot fail.
        let found = ac.nfa().try_find_overlapping_iter(Input::new(&sk.text));
        for m in found.into_iter().flatten() {
            let whole =
                ac.completions(m.pattern(), sk.text.as_bytes(), m.start());
            for (pattern, sk_end) in whole {
                let (start, end) = sk.norm_range(text, m.start(), sk_end);
                if boundary_before(text, start)
                    && boundary_after(text, end)
                    && !name_goes_on(text, start, end)
                {
                    raw.push((start, end, pattern, m.start(), sk_end));
                }
            }
        }
        raw.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut reach = 0usize;
        for (start, end, pattern, sk_start, sk_end) in raw {
            if end <= reach {
                continue;
            }
            reach = end;
            // Overlapping a plain match: that match already says it.
            if out.iter().any(|m| m.start < end && start < m.end) {
                continue;
            }
            let span = &text[start..end];
            let mut disguises = sk.undone(sk_start, sk_end);
            let (a, b) = norm.original_range(original, start, end);
            disguises.extend(disguises_in_original(&original[a..b]));
            for &s in &self.skeleton_specs[pattern as usize] {
                let term = self.normalised(&self.specs[s as usize]);
                if span == term {
                    // Written as listed: the plain pass decided on it.
                    continue;
                }
                let fragments = span
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|f| !f.is_empty())
                    .collect::<Vec<_>>();
                let term_words = term
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|f| !f.is_empty())
                    .count();
                let mut d = disguises.clone();
                if fragments.len() > term_words {
                    let spelled =
                        fragments.iter().all(|f| f.chars().count() <= 2);
                    let joined_spaces =
                        span.matches(' ').count() > term.matches(' ').count();
                    let letters =
                        term.chars().filter(|c| c.is_alphabetic()).count();
                    if joined_spaces
                        && !spelled
                        && letters < JOIN_SPACES_MIN_LETTERS
                    {
                        continue;
                    }
                    d.push(if spelled {
                        Disguise::SpacedLetters
                    } else {
                        Disguise::SplitWord
                    });
                }
                d.sort();
                d.dedup();
                out.push(TermMatch {
                    spec: s,
                    start,
                    end,
                    // Only separators differ (`sulphur-mustard` for
                    // `sulphur mustard`): an ordinary spelling.
                    found: if d.is_empty() {
                        Found::Exact
                    } else {
                        Found::Disguised(d)
                    },
                });
            }
        }
    }

    /// Whether any skeleton term matches the skeleton of `text` where a
    /// word of `text` starts (a skeleton match must start at a word
    /// boundary). ASCII text is walked through the automaton from each
    /// word start, anchored, reading its skeleton as it goes: most walks
    /// end after a few bytes, and most texts need no skeleton at all.
    fn may_be_disguised(&self, pa: &PrefixAutomaton, text: &str) -> bool {
        let ac = pa.nfa();
        if !text.is_ascii() {
            let sk = Skeleton::text_only(text);
            let found = ac.try_find_overlapping_iter(Input::new(&sk));
            return found.into_iter().flatten().any(|m| {
                pa.completions(m.pattern(), sk.as_bytes(), m.start())
                    .next()
                    .is_some()
            });
        }
        // Anchored starts are built into every contiguous NFA.
        let Ok(start) = ac.start_state(Anchored::Yes) else {
            return true;
        };
        ascii_skeleton_starts(text).any(|from| {
            let mut state = start;
            let mut read = AsciiSkeletonReader::new(text, from);
            let mut walked = 0;
            while let Some(b) = read.next() {
                walked += 1;
                state = ac.next_state(Anchored::Yes, state, b);
                if ac.is_special(state) {
                    if ac.is_dead(state) {
                        return false;
                    }
                    if ac.is_match(state)
                        && (0..ac.match_len(state)).any(|i| {
                            let prefix = ac.match_pattern(state, i);
                            ac.pattern_len(prefix) == walked
                                && pa.completes(prefix, read.clone())
                        })
                    {
                        return true;
                    }
                }
            }
            false
        })
    }

    /// Words with typos, among the words no other pass explained.
    fn find_typos(&self, norm: &Normalised, out: &mut Vec<TermMatch>) {
        let text = norm.text.as_str();
        // The places other passes explained, merged into disjoint sorted
        // spans and swept once alongside the words: comparing every word
        // with every match made a long text quadratic.
        let mut taken: Vec<(usize, usize)> =
            out.iter().map(|m| (m.start, m.end)).collect();
        taken.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(taken.len());
        for (s, e) in taken {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        let mut next = 0;
        let mut word = |start: usize, end: usize| {
            while next < merged.len() && merged[next].1 <= start {
                next += 1;
            }
            if merged.get(next).is_some_and(|&(s, _)| s < end) {
                return;
            }
            let mut entries = Vec::new();
            for (s, distance) in self.fuzzy.lookup(&text[start..end]) {
                let entry = self.specs[s as usize].entry;
                if !entries.contains(&entry) {
                    entries.push(entry);
                    out.push(TermMatch {
                        spec: s,
                        start,
                        end,
                        found: Found::Typo(distance),
                    });
                }
            }
        };
        // Words are looked up as they are found, not collected first: a
        // vector of them was most of this pass's allocations.
        let mut start = None;
        let mut edge = |i: usize, in_word: bool| match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                word(s, i);
                start = None;
            }
            _ => {}
        };
        if text.is_ascii() {
            // Most text: bytes are characters.
            for (i, b) in text.bytes().enumerate() {
                edge(i, b.is_ascii_alphanumeric());
            }
        } else {
            for (i, c) in text.char_indices() {
                edge(i, is_word_char(c));
            }
        }
        edge(text.len(), false);
    }
}

/// Where a plain match may start in `text`: where a word starts, and at
/// every character that is not a word character.
fn plain_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let mut in_word = false;
    (0..bytes.len()).filter(move |&i| {
        let b = bytes[i];
        let word = if b.is_ascii() {
            b.is_ascii_alphanumeric()
        } else if b < 0xC0 {
            // Inside a character.
            return false;
        } else {
            text[i..].chars().next().is_some_and(is_word_char)
        };
        let starts = !(word && in_word);
        in_word = word;
        starts
    })
}

/// Whether the words around a skeleton match continue it through a
/// hyphen, dot or slash (`hydrogen 3-nitrophthalate`, `hydrogen 3.0`,
/// `2-chloro`): then the match is a piece of a longer name, not a
/// spelling of the term.
fn name_goes_on(text: &str, start: usize, end: usize) -> bool {
    let joined = |a: Option<char>, b: Option<char>| {
        matches!(a, Some('-' | '.' | '/' | '_'))
            && b.is_some_and(char::is_alphanumeric)
    };
    let mut after = text[end..].chars();
    let mut before = text[..start].chars().rev();
    joined(after.next(), after.next()) || joined(before.next(), before.next())
}

/// Longest wins: drops a match lying inside a longer one, so "sulfur
/// mustard" does not also report "mustard".
fn longest(mut raw: Vec<(usize, usize, u32)>) -> Vec<(usize, usize, u32)> {
    raw.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out = Vec::new();
    let mut reach = 0usize;
    let mut reach_start = usize::MAX;
    for (start, end, pattern) in raw {
        let inside = end <= reach && !(start == reach_start && end == reach);
        if end > reach {
            reach = end;
            reach_start = start;
        }
        if !inside {
            out.push((start, end, pattern));
        }
    }
    out
}

impl TermSpec {
    /// The term, in `entries`: the entries the index was built from.
    pub(crate) fn term<'e>(&self, entries: &'e [ControlEntry]) -> &'e Term {
        let e = &entries[self.entry as usize];
        let terms = match self.role {
            Role::Name => e.terms(),
            Role::Clear => e.clear(),
        };
        &terms[self.slot as usize]
    }

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

    fn found(
        lists: &ControlLists,
        idx: &TermIndex,
        text: &str,
    ) -> Vec<String> {
        let n = Normalised::new(text);
        idx.find(text, &n, Passes::ALL)
            .iter()
            .map(|m| idx.specs[m.spec as usize].term(lists.entries()))
            .map(|t| t.text.clone())
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
        let (lists, idx) = index(ENTRIES);
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
            assert_eq!(found(&lists, &idx, text), *want, "case {name}");
        }
    }

    fn found_how(
        lists: &ControlLists,
        idx: &TermIndex,
        text: &str,
    ) -> Vec<(String, Found)> {
        let n = Normalised::new(text);
        idx.find(text, &n, Passes::ALL)
            .into_iter()
            .map(|m| {
                let spec = &idx.specs[m.spec as usize];
                (spec.term(lists.entries()).text.clone(), m.found)
            })
            .collect()
    }

    #[test]
    fn disguises_and_typos() {
        let (lists, idx) = index(
            r#"
[[entry]]
id = "A"
regimes = ["AG"]
title = "a"
terms.en = ["thiodiglycol", "sarin", "soman", "phosgene", "sulphur mustard"]
"#,
        );
        use Disguise::*;
        let d = |v: &[Disguise]| Found::Disguised(v.to_vec());
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, Found)]);
        let cases: &[Case] = &[
            (
                "split hyphens",
                "thio-di-glycol",
                &[("thiodiglycol", d(&[SplitWord]))],
            ),
            (
                "split space",
                "thio diglycol 99%",
                &[("thiodiglycol", d(&[SplitWord]))],
            ),
            (
                "spaced letters",
                "s a r i n",
                &[("sarin", d(&[SpacedLetters]))],
            ),
            (
                "dotted letters",
                "S.A.R.I.N.",
                &[("sarin", d(&[SpacedLetters]))],
            ),
            (
                "cyrillic o",
                "THIODIGLYC\u{41E}L",
                &[("thiodiglycol", d(&[MixedScript]))],
            ),
            ("leet", "5arin", &[("sarin", d(&[Leetspeak]))]),
            ("leet zero", "ph0sgene", &[("phosgene", d(&[Leetspeak]))]),
            (
                "zero width",
                "sa\u{200B}rin",
                &[("sarin", d(&[InvisibleCharacters]))],
            ),
            ("typo", "thiodiglicol", &[("thiodiglycol", Found::Typo(1))]),
            (
                "separator variant",
                "sulphur-mustard",
                &[("sulphur mustard", Found::Exact)],
            ),
            ("short words not joined", "so man", &[]),
            ("not inside words", "tsarina", &[]),
            ("sari nylon", "sari nylon", &[]),
            ("piece of a longer name", "thio diglycol-2-x", &[]),
            ("plain", "sarin", &[("sarin", Found::Exact)]),
        ];
        for (name, text, want) in cases {
            let want: Vec<(String, Found)> = want
                .iter()
                .map(|(t, f)| (t.to_string(), f.clone()))
                .collect();
            assert_eq!(found_how(&lists, &idx, text), want, "case {name}");
        }
    }

    proptest::proptest! {
        /// The word-start prefilter of the skeleton pass lets through
        /// every text where the whole skeleton holds a match starting at
        /// a word of the text: it only skips work, never a finding.
        #[test]
        fn skeleton_prefilter_misses_nothing(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "thio", "di", "glycol", "ph0s", "gene", "sa", "r1n",
                    "so", "man", "sulphur", "mustard", " ", "-", ".", "x",
                    "@", "$", "1", "(", "s a r i n", "t.h.i.o",
                    "phos", "phorus", "oxy", "chl0ride",
                ]),
                0..12,
            )
        ) {
            // Skeletons longer than the automaton's prefixes among them.
            let (_, idx) = index(
                "[[entry]]\nid = \"A\"\nregimes = [\"AG\"]\n\
                 title = \"a\"\nterms.en = [\"thiodiglycol\", \"sarin\", \
                 \"soman\", \"phosgene\", \"sulphur mustard\", \
                 \"phosphorus oxychloride\"]\n",
            );
            let text = Normalised::new(&pieces.concat()).text;
            let ac = idx.skeletons.as_ref().unwrap();
            let sk = Skeleton::new(&text);
            // Every whole skeleton match, from the prefix matches.
            let found = ac.nfa().try_find_overlapping_iter(Input::new(&sk.text));
            let reachable = found.unwrap().any(|m| {
                ac.completions(m.pattern(), sk.text.as_bytes(), m.start())
                    .any(|(_, end)| {
                        let (start, _) = sk.norm_range(&text, m.start(), end);
                        boundary_before(&text, start)
                    })
            });
            if reachable {
                proptest::prop_assert!(idx.may_be_disguised(ac, &text));
            }
        }
    }

    proptest::proptest! {
        /// The anchored walks of the plain pass find exactly what an
        /// unanchored overlapping search finds where the boundaries allow
        /// a match: in every script, with terms that start or end with a
        /// non-word character and terms inside others.
        #[test]
        fn plain_walks_find_what_a_full_search_finds(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "sarin", "sar", "in", "-", "(s)-", "x", " ", "2,2'-",
                    "di", "chloro", "dichloro", "氯化", "氰", "氯化氰",
                    "зарин", "é", "ä", ".", "1", "ethyl", "methyl",
                ]),
                0..14,
            )
        ) {
            let terms = [
                "sarin", "sar", "(s)-sarin", "2,2'-dichloro", "dichloro",
                "chloro", "ethyl", "methyl", "dichloroethyl", "氯化氰",
                "dichloroethyl methyl", "2,2'-dichloroethyl",
                "氯化", "зарин", "in-x", "-x", "1",
            ];
            let (_, idx) = index(&format!(
                "[[entry]]\nid = \"A\"\nregimes = [\"AG\"]\n\
                 title = \"a\"\nterms.en = {terms:?}\n"
            ));
            let text = Normalised::new(&pieces.concat()).text;
            let ac = idx.automaton.as_ref().unwrap();
            let walked = idx.walk_plain(ac, &text, usize::MAX);
            proptest::prop_assert_eq!(walked, Some(idx.search_plain(ac, &text)));

            // Out of steps, a walk gives up rather than lose a match.
            let searched = idx.search_plain(ac, &text);
            for budget in [0, 1, 2, text.len() / 4] {
                let short = idx.walk_plain(ac, &text, budget);
                proptest::prop_assert!(
                    short.is_none() || short == Some(searched.clone())
                );
            }
        }
    }

    #[test]
    fn contains_word_respects_boundaries() {
        assert!(contains_word("nerve agent x", "agent"));
        assert!(!contains_word("reagents", "agent"));
        assert!(contains_word("供应商", "供应"));
    }
}
