//! Typo-tolerant look-up of single-word terms: a deletion index
//! (symmetric delete, as in SymSpell), so a word is compared only with the
//! few terms that share a deletion variant with it, never with every term.
//!
//! Only words long enough to be distinctive take part: one edit from 7
//! characters, two from 12. Shorter terms (`sarin`, `ricin`, `tabun`) are
//! one letter away from ordinary words and names, so they are matched
//! exactly or through the skeleton pass only.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use thread_local::ThreadLocal;

use crate::hashing::{fnv1a, BitFilter, Fnv};

/// Fewest characters for one edit.
const ONE_EDIT_FROM: usize = 7;
/// Fewest characters for two edits.
const TWO_EDITS_FROM: usize = 12;
/// Longest word considered.
const MAX_CHARS: usize = 40;
/// Deletion variants are made of the first characters only (SymSpell's
/// prefix trick): a typo further on leaves the prefix intact, and the full
/// words are compared anyway. It bounds a look-up to 29 variants.
const PREFIX: usize = 7;
/// Most words a thread remembers the look-up of; a full memo starts over.
/// A customs feed repeats a small vocabulary (`steel`, `parts`,
/// `machines`), so almost every look-up is a word seen before: 64k words
/// hold a day's vocabulary in a few MiB per thread.
const MEMO_WORDS: usize = 1 << 16;

/// Bits in the filter of term ends: 128 KiB, which stays in cache, with
/// few false positives even at 100k terms.
const ENDS_BITS: usize = 1 << 20;

/// A word's look-up result, remembered.
type Memo = HashMap<Box<str>, Box<[(u32, usize)]>, BuildHasherDefault<Fnv>>;

pub(crate) fn max_edits(chars: usize) -> usize {
    if chars >= TWO_EDITS_FROM {
        2
    } else if chars >= ONE_EDIT_FROM {
        1
    } else {
        0
    }
}

#[derive(Debug)]
pub(crate) struct FuzzyIndex {
    /// Hash of a deletion variant of a prefix -> indices into `words`. A
    /// hash collision only costs one more comparison.
    variants: HashMap<u64, Vec<u32>, BuildHasherDefault<Prehashed>>,
    /// (normalised word, the caller's id for it).
    words: Vec<(String, u32)>,
    /// A bit per hash of a term's first two and last two characters. A
    /// typo keeps them (see [`plausible_typo`]), so a word whose bit is
    /// clear is no term's typo: most words stop here.
    ends: BitFilter,
    /// Each thread's memo of look-ups. A look-up depends on the word
    /// alone, and hashing 29 deletion variants into a large table costs
    /// far more than finding the word in a small one.
    memo: ThreadLocal<RefCell<Memo>>,
}

impl Default for FuzzyIndex {
    fn default() -> FuzzyIndex {
        FuzzyIndex {
            variants: HashMap::default(),
            words: Vec::new(),
            ends: BitFilter::new(ENDS_BITS),
            memo: ThreadLocal::new(),
        }
    }
}

impl FuzzyIndex {
    /// Adds a normalised single-word term; too short or too long words are
    /// ignored.
    pub(crate) fn insert(&mut self, word: &str, id: u32) {
        let chars: Vec<char> = word.chars().collect();
        let edits = max_edits(chars.len());
        if edits == 0 || chars.len() > MAX_CHARS {
            return;
        }
        let index = self.words.len() as u32;
        self.words.push((word.to_string(), id));
        let ends = ends_hash(word);
        self.ends.insert(ends);
        for v in variants(&chars[..chars.len().min(PREFIX)], edits) {
            let ids = self.variants.entry(variant_key(v, ends)).or_default();
            if ids.last() != Some(&index) {
                ids.push(index);
            }
        }
    }

    /// The ids of terms within their edit budget of `word` (but not equal
    /// to it: exact matches are the term pass's job), nearest first.
    pub(crate) fn lookup(&self, word: &str) -> Vec<(u32, usize)> {
        // Bytes bound characters from above: a short word needs neither
        // the memo nor a look-up.
        if self.words.is_empty() || word.len() + 2 < ONE_EDIT_FROM {
            return Vec::new();
        }
        if !self.ends.may_contain(ends_hash(word)) {
            return Vec::new();
        }
        let mut memo = self.memo.get_or_default().borrow_mut();
        if let Some(found) = memo.get(word) {
            return found.to_vec();
        }
        let found = self.search(word);
        if memo.len() >= MEMO_WORDS {
            memo.clear();
        }
        memo.insert(word.into(), found.clone().into_boxed_slice());
        found
    }

    fn search(&self, word: &str) -> Vec<(u32, usize)> {
        let chars: Vec<char> = word.chars().collect();
        // The word may have one or two letters more or fewer than the
        // term; let it generate as many variants as the longest budget.
        if chars.len() + 2 < ONE_EDIT_FROM || chars.len() > MAX_CHARS {
            return Vec::new();
        }
        let edits = max_edits(chars.len() + 2).min(2);
        let ends = ends_hash(word);
        let mut candidates: Vec<u32> =
            variants(&chars[..chars.len().min(PREFIX)], edits)
                .into_iter()
                .filter_map(|v| self.variants.get(&variant_key(v, ends)))
                .flatten()
                .copied()
                .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut out = Vec::new();
        for i in candidates {
            let (term, id) = &self.words[i as usize];
            let budget = max_edits(term.chars().count());
            // Hash collisions aside, a candidate has the word's ends;
            // check them and the length first, as the edit distance
            // costs a hundred times more.
            if term.len().abs_diff(word.len()) > 2 * budget
                || !same_ends(term, word)
            {
                continue;
            }
            let d = if term.is_ascii() && word.is_ascii() {
                osa_within(term.as_bytes(), word.as_bytes(), budget)
            } else {
                let term: Vec<char> = term.chars().collect();
                osa_within(&term, &chars, budget)
            };
            if let Some(d) = d.filter(|&d| d > 0) {
                if plausible_typo(term, word) {
                    out.push((*id, d));
                }
            }
        }
        out.sort_by_key(|&(id, d)| (d, id));
        out
    }
}

/// The optimal string alignment distance of `a` and `b` (edits, and
/// swaps of neighbours, as `strsim::osa_distance`) if it is at most
/// `max`. Only the band of the table within `max` of its diagonal is
/// filled, and the search stops at the first row beyond `max`: the full
/// table cost ten times more, on every candidate of a look-up.
fn osa_within<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > max {
        return None;
    }
    // Any value above `max` stands for all of them.
    let over = max + 1;
    let mut before: Vec<usize> = vec![over; m + 1];
    let mut prev: Vec<usize> = (0..=m).map(|j| j.min(over)).collect();
    let mut row: Vec<usize> = vec![over; m + 1];
    for i in 1..=n {
        row.fill(over);
        row[0] = i.min(over);
        let mut least = row[0];
        for j in i.saturating_sub(max).max(1)..=(i + max).min(m) {
            let substitute = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut d = substitute.min(prev[j] + 1).min(row[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            row[j] = d.min(over);
            least = least.min(row[j]);
        }
        if least > max {
            return None;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    Some(prev[m]).filter(|&d| d <= max)
}

/// The index key of a deletion variant of a word with these ends: a
/// typo keeps a term's ends, so only terms with the word's ends need be
/// found, and keying by them keeps the buckets small (at 100k terms,
/// thousands of chemical names share the variants of `dichlor`).
fn variant_key(variant: u64, ends: u64) -> u64 {
    fnv1a([variant, ends])
}

/// The hash of a word's first two and last two characters.
fn ends_hash(word: &str) -> u64 {
    let b = word.as_bytes();
    if b.len() >= 4 && b[..2].is_ascii() && b[b.len() - 2..].is_ascii() {
        // Most words: the same hash, from bytes.
        let ends = [b[0], b[1], b[b.len() - 2], b[b.len() - 1]];
        return fnv1a(ends.map(u64::from));
    }
    let mut chars = word.chars();
    let first = [chars.next(), chars.next()];
    let mut back = word.chars().rev();
    let last = [back.next(), back.next()];
    fnv1a(first.into_iter().chain(last).flatten().map(u64::from))
}

/// Morphemes of chemical names: two names that differ in one of them are
/// different substances, not a typo (`methylamine` is not a misspelt
/// `dimethylamine`, `diethanolamine` not `triethanolamine`).
const MORPHEMES: &[&str] = &[
    "meth", "eth", "prop", "but", "pent", "hex", "hept", "oct", "di", "tri",
    "tetra", "iso", "cyclo", "chlor", "fluor", "brom", "iod", "phos", "sulf",
    "sulph", "thio", "amin", "amid", "nitr", "cyan", "hydr", "ox", "ol",
    "one", "ine", "ane", "ene", "yne", "ate", "ite", "ide", "ium", "yl",
];

/// Whether `word` can be a misspelling of `term` rather than another
/// name: the same first two and last two characters (prefixes such as
/// di-/tri-/iso- and endings such as -ol/-one/-ine carry meaning), and not
/// the term with one chemical morpheme added, dropped or swapped for
/// another (`meth` -> `eth`). A typo inside a morpheme (`dimetylamine`)
/// still counts.
fn plausible_typo(term: &str, word: &str) -> bool {
    same_ends(term, word)
        && suffix(term) == suffix(word)
        && !morpheme_edit(term, word)
        && !morpheme_edit(word, term)
}

/// Whether two words share their first two and last two characters.
fn same_ends(a: &str, b: &str) -> bool {
    let first = |s: &str| {
        let mut c = s.chars();
        [c.next(), c.next()]
    };
    let last = |s: &str| {
        let mut c = s.chars().rev();
        [c.next(), c.next()]
    };
    first(a) == first(b) && last(a) == last(b)
}

/// Chemical name endings, longest first: `-anone` is a ketone, `-ane` an
/// alkane, `-ene` an alkene, so `dichloromethanone` (phosgene) is not a
/// misspelt `dichloromethane`, nor `fluorane` a misspelt `fluorine`.
const SUFFIXES: &[&str] = &[
    "amine", "amide", "anone", "one", "ane", "ene", "ine", "yne", "ol", "al",
    "ate", "ite", "ide", "ium",
];

fn suffix(w: &str) -> Option<&'static str> {
    SUFFIXES.iter().copied().find(|s| w.ends_with(s))
}

/// Whether `b` is `a` with one occurrence of a morpheme removed or
/// replaced by another morpheme.
fn morpheme_edit(a: &str, b: &str) -> bool {
    MORPHEMES.iter().any(|m| {
        a.match_indices(m).any(|(i, _)| {
            let (head, tail) = (&a[..i], &a[i + m.len()..]);
            std::iter::once("")
                .chain(MORPHEMES.iter().copied())
                .any(|r| {
                    head.len() + r.len() + tail.len() == b.len()
                        && b.starts_with(head)
                        && b[head.len()..].starts_with(r)
                        && b.ends_with(tail)
                })
        })
    })
}

/// The keys are FNV hashes already; hashing them again (SipHash, the
/// default) was a third of a look-up's time.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Hashes of the word itself and of every string made by deleting up to
/// `edits` characters (duplicates possible; callers do not mind).
fn variants(chars: &[char], edits: usize) -> Vec<u64> {
    let hash = |skip: &[usize]| {
        fnv1a(
            (0..chars.len())
                .filter(|i| !skip.contains(i))
                .map(|i| u64::from(chars[i])),
        )
    };
    let n = chars.len();
    let mut out = vec![hash(&[])];
    if edits >= 1 {
        for i in 0..n {
            out.push(hash(&[i]));
        }
    }
    if edits >= 2 {
        for i in 0..n {
            for j in i + 1..n {
                out.push(hash(&[i, j]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The banded distance is strsim's wherever it is within the
        /// budget, and says so when it is not.
        #[test]
        fn banded_distance_is_the_full_one(
            a in "[abcé]{0,14}",
            b in "[abcé]{0,14}",
            max in 0usize..4,
        ) {
            let full = strsim::osa_distance(&a, &b);
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            let want = (full <= max).then_some(full);
            proptest::prop_assert_eq!(osa_within(&a, &b, max), want);
        }
    }

    fn index() -> FuzzyIndex {
        let mut f = FuzzyIndex::default();
        for (i, w) in [
            "thiodiglycol",
            "phosgene",
            "sarin",
            "diisopropylaminoethanol",
        ]
        .iter()
        .enumerate()
        {
            f.insert(w, i as u32);
        }
        f
    }

    #[test]
    fn finds_typos_within_budget() {
        let f = index();
        let cases: &[(&str, &[(u32, usize)])] = &[
            ("substitution", &[]),
            ("thiodiglicol", &[(0, 1)]),
            ("thiodiglyol", &[(0, 1)]),
            ("thiodiglyccol", &[(0, 1)]),
            ("thoidiglycol", &[(0, 1)]),
            ("thiodyglicol", &[(0, 2)]),
            ("phosgen", &[]),
            // -ine for -ene is another class of compound, not a typo.
            ("phosgine", &[]),
            ("phossgene", &[(1, 1)]),
            ("fosgene", &[]),
            ("thiodiglycol", &[]),
            ("sarn", &[]),
            // -al is an aldehyde, -ol an alcohol: not a typo.
            ("diisopropylaminoethanal", &[]),
            ("diisopropylaminoetanol", &[(3, 1)]),
        ];
        for (word, want) in cases {
            assert_eq!(f.lookup(word), *want, "word {word}");
        }
    }

    #[test]
    fn chemical_near_misses_are_not_typos() {
        let mut f = FuzzyIndex::default();
        let terms = [
            "fluorane",
            "dichloromethanone",
            "dimethylamine",
            "triethanolamine",
            "diethylamine",
            "dimethylphosphite",
            "quinuclidinol",
        ];
        for (i, w) in terms.iter().enumerate() {
            f.insert(w, i as u32);
        }
        let cases: &[(&str, &[(u32, usize)])] = &[
            ("fluorine", &[]),
            ("fluorene", &[]),
            ("dichloromethane", &[]),
            ("methylamine", &[]),
            ("diethanolamine", &[]),
            ("triethylamine", &[]),
            ("diethylphosphite", &[]),
            ("quinuclidine", &[]),
            ("isopropylamine", &[]),
            // One edit from dimethylamine, two from diethylamine.
            ("dimetylamine", &[(2, 1), (4, 2)]),
            ("triethanolamin", &[]),
            ("triethnaolamine", &[(3, 1)]),
        ];
        for (word, want) in cases {
            assert_eq!(f.lookup(word), *want, "word {word}");
        }
    }

    #[test]
    fn short_terms_are_not_indexed() {
        let f = index();
        assert!(f.lookup("sarln").is_empty());
        assert_eq!(max_edits(5), 0);
        assert_eq!(max_edits(7), 1);
        assert_eq!(max_edits(12), 2);
    }
}
