//! Text normalisation shared by list terms and screened text, with a map
//! back to the original text.
//!
//! Both sides go through [`Normalised::new`], so a term written the natural
//! way in a list matches however the trader typed it: compatibility forms
//! (full-width letters, ligatures) are unfolded (NFKD), case is folded,
//! combining marks are dropped (so `méthyl` = `methyl`, `тяжёлая` =
//! `тяжелая`), every dash becomes `-`, every apostrophe `'`, runs of white
//! space and control characters one space, and invisible format characters
//! (zero-width space, soft hyphen, BOM, bidi controls) disappear.
//!
//! Decomposition is done one original character at a time and marks are
//! dropped rather than recomposed, so every output byte comes from exactly
//! one original character; that is what makes the offset map exact.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Normalised text and, for every byte of it, the byte offset in the
/// original text of the character it came from.
#[derive(Debug)]
pub(crate) struct Normalised {
    pub(crate) text: String,
    /// `None` when the text maps byte for byte onto the original (plain
    /// ASCII without anything to fold but case), which is most customs
    /// text and saves building the map.
    map: Option<Vec<u32>>,
}

impl Normalised {
    pub(crate) fn new(original: &str) -> Normalised {
        if is_plain_ascii(original) {
            return Normalised {
                text: original.to_ascii_lowercase(),
                map: None,
            };
        }
        let mut text = String::with_capacity(original.len() + 8);
        let mut map = Vec::with_capacity(original.len() + 8);
        for (at, c) in original.char_indices() {
            let at = at as u32;
            if c.is_ascii() {
                fold_char(c, at, &mut text, &mut map);
            } else if matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
            {
                // Han ideographs have no decomposition and no case.
                text.push(c);
                map.extend([at; 3]);
            } else if let Some(l) = plain_letter(c) {
                text.push(l);
                map.extend(std::iter::repeat_n(at, l.len_utf8()));
            } else {
                decompose_compatible(c, |d| {
                    fold_char(d, at, &mut text, &mut map)
                });
            }
        }
        Normalised {
            text,
            map: Some(map),
        }
    }

    /// The byte range in `original` that normalised bytes `start..end`
    /// came from. `start..end` must be a non-empty range on char
    /// boundaries of [`Self::text`].
    pub(crate) fn original_range(
        &self,
        original: &str,
        start: usize,
        end: usize,
    ) -> (usize, usize) {
        match &self.map {
            None => (start, end),
            Some(map) => {
                let first = map[start] as usize;
                let last = map[end - 1] as usize;
                let last_len =
                    original[last..].chars().next().map_or(0, char::len_utf8);
                (first, last + last_len)
            }
        }
    }
}

/// The folded form of a Cyrillic or Greek letter that has no
/// decomposition (so not `й`, `ё` or accented Greek) and lower-cases to one
/// letter: most of the letters of Russian text, which otherwise go through
/// the decomposition and Unicode case tables one by one.
fn plain_letter(c: char) -> Option<char> {
    match c {
        'а'..='и' | 'к'..='я' | 'α'..='ρ' | 'σ'..='ω' => Some(c),
        // The capitals sit 32 code points below their small letters.
        'А'..='И' | 'К'..='Я' | 'Α'..='Ρ' | 'Σ'..='Ω' => {
            char::from_u32(c as u32 + 32)
        }
        _ => None,
    }
}

/// Normalises a list term or context word the same way as screened text.
pub(crate) fn normalise_term(term: &str) -> String {
    let n = Normalised::new(term);
    n.text.trim_matches(' ').to_string()
}

/// ASCII text whose normal form is just its lower case: printable
/// characters, no backtick (an apostrophe look-alike), no double space.
fn is_plain_ascii(s: &str) -> bool {
    let b = s.as_bytes();
    // Folds without early exits, which the compiler vectorises: this
    // runs over every description, and most pass.
    let printable = b
        .iter()
        .fold(true, |ok, &c| ok & (0x20..0x7f).contains(&c) & (c != b'`'));
    let next = b.get(1..).unwrap_or_default();
    let double_space = b
        .iter()
        .zip(next)
        .fold(false, |seen, (&x, &y)| seen | ((x == b' ') & (y == b' ')));
    printable && !double_space
}

fn fold_char(c: char, at: u32, text: &mut String, map: &mut Vec<u32>) {
    let push = |s: char, text: &mut String, map: &mut Vec<u32>| {
        text.push(s);
        map.extend(std::iter::repeat_n(at, s.len_utf8()));
    };
    // Printable ASCII, the bulk of mixed text too, needs only its lower
    // case; white space, controls and the backtick go the general way.
    if c.is_ascii_graphic() && c != '`' {
        text.push(c.to_ascii_lowercase());
        map.push(at);
        return;
    }
    if c.is_whitespace() || c.is_control() {
        if !text.ends_with(' ') {
            push(' ', text, map);
        }
        return;
    }
    if is_invisible(c) || is_combining_mark(c) {
        return;
    }
    match c {
        '\u{2010}'..='\u{2015}'
        | '\u{2212}'
        | '\u{058A}'
        | '\u{05BE}'
        | '\u{1806}'
        | '\u{2E17}'
        | '\u{2E3A}'
        | '\u{2E3B}'
        | '\u{FE58}'
        | '\u{FE63}'
        | '\u{FF0D}' => push('-', text, map),
        '`' | '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}'
        | '\u{02B9}' | '\u{02BC}' | '\u{00B4}' | '\u{FF07}' => {
            push('\'', text, map)
        }
        'ß' | 'ẞ' => {
            push('s', text, map);
            push('s', text, map);
        }
        'ς' => push('σ', text, map),
        c if c.is_ascii() => push(c.to_ascii_lowercase(), text, map),
        c => {
            for l in c.to_lowercase() {
                // Lower-casing can itself produce a combining mark
                // (`İ` -> `i̇`); drop it like any other.
                if !is_combining_mark(l) {
                    push(l, text, map);
                }
            }
        }
    }
}

/// Default-ignorable format characters: they render as nothing, so a
/// trader (or an evader) can put them anywhere in a word.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}'
        | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}'
        | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// Scripts written without spaces between words, where a term may match
/// anywhere: Han, kana, Hangul, Thai, Lao, Khmer, Myanmar.
pub(crate) fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}' | '\u{1000}'..='\u{109F}'
        | '\u{1780}'..='\u{17FF}' | '\u{1100}'..='\u{11FF}'
        | '\u{2E80}'..='\u{2FDF}' | '\u{3040}'..='\u{30FF}'
        | '\u{3130}'..='\u{318F}' | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{A960}'..='\u{A97F}' | '\u{AC00}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF66}'..='\u{FF9F}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// A character that continues a word in a spaced script.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    // Most text is ASCII: skip the table of unspaced scripts for it.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !is_unspaced_script(c) && is_alphanumeric(c)
}

/// [`char::is_alphanumeric`], answering at once for the letters of the
/// scripts customs text mostly uses besides Latin (after case folding and
/// mark removal): std's table search costs a few hundred instructions a
/// character.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    match c {
        'а'..='я'
        | 'α'..='ω'
        | '\u{0621}'..='\u{063A}'
        | '\u{0641}'..='\u{064A}' => true,
        c => c.is_alphanumeric(),
    }
}

/// What a skeleton undid to reach a term: the disguises an honest trader
/// does not use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Disguise {
    /// Cyrillic or Greek look-alike letters inside a Latin word.
    MixedScript,
    /// Digits or symbols standing for letters (`ph0sgene`, `5arin`).
    Leetspeak,
    /// A word broken up by spaces, dots or hyphens (`thio-di-glycol`).
    SplitWord,
    /// Letters spelled out one by one (`s a r i n`, `S.A.R.I.N`).
    SpacedLetters,
    /// Invisible format characters inside the word.
    InvisibleCharacters,
    /// Stray combining marks on letters.
    CombiningMarks,
}

impl Disguise {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Disguise::MixedScript => "mixed_script",
            Disguise::Leetspeak => "leetspeak",
            Disguise::SplitWord => "split_word",
            Disguise::SpacedLetters => "spaced_letters",
            Disguise::InvisibleCharacters => "invisible_characters",
            Disguise::CombiningMarks => "combining_marks",
        }
    }
}

/// Disguises visible in an original span that normalisation already
/// undid (so the plain term pass matched through them).
pub(crate) fn disguises_in_original(span: &str) -> Vec<Disguise> {
    let mut out = Vec::new();
    if span.chars().any(is_invisible) {
        out.push(Disguise::InvisibleCharacters);
    }
    // A standalone mark after an ASCII letter: `s̈arin`. Accented letters
    // written precomposed (`é`) are ordinary spelling and not counted.
    let mut prev_ascii_letter = false;
    for c in span.chars() {
        if is_combining_mark(c) && prev_ascii_letter {
            out.push(Disguise::CombiningMarks);
            break;
        }
        if !is_combining_mark(c) {
            prev_ascii_letter = c.is_ascii_alphabetic();
        }
    }
    out
}

/// The skeleton of normalised text: Latin look-alikes and leetspeak
/// inside Latin words mapped to letters, and the separators people put
/// inside words (space, `-`, `.`, `_`, `*`, `'`, `/`, `|`, `+`, `·`)
/// dropped, so `t h i o-d i.glycol`, `THIODIGLYCОL` with a Cyrillic `О`
/// and `thi0diglyc0l` all read `thiodiglycol`. Terms are skeletonised the
/// same way. Other punctuation stays, so words are not joined across it.
#[derive(Debug)]
pub(crate) struct Skeleton {
    pub(crate) text: String,
    /// For each skeleton byte, the normalised byte offset it came from.
    map: Vec<u32>,
    /// For each skeleton byte, the disguise its character undid, if any.
    undone: Vec<Option<Disguise>>,
}

impl Skeleton {
    pub(crate) fn new(norm: &str) -> Skeleton {
        Skeleton::build(norm, true)
    }

    /// The skeleton text alone, without the maps back: most texts have no
    /// skeleton match, and the maps cost more than the text.
    pub(crate) fn text_only(norm: &str) -> String {
        Skeleton::build(norm, false).text
    }

    fn build(norm: &str, maps: bool) -> Skeleton {
        let cap = if maps { norm.len() } else { 0 };
        let mut sk = Skeleton {
            text: String::with_capacity(norm.len()),
            map: Vec::with_capacity(cap),
            undone: Vec::with_capacity(cap),
        };
        let mut rest = norm;
        let mut at = 0usize;
        while let Some(c) = rest.chars().next() {
            let len = if in_skeleton_word(c) {
                let word_len = rest
                    .find(|c: char| !in_skeleton_word(c))
                    .unwrap_or(rest.len());
                sk.push_word(&rest[..word_len], at);
                word_len
            } else {
                if !is_separator(c) {
                    sk.push(c, at, None);
                }
                c.len_utf8()
            };
            at += len;
            rest = &rest[len..];
        }
        sk
    }

    fn push(&mut self, c: char, at: usize, undone: Option<Disguise>) {
        self.text.push(c);
        if self.map.capacity() == 0 {
            return;
        }
        for _ in 0..c.len_utf8() {
            self.map.push(at as u32);
            self.undone.push(undone);
        }
    }

    fn push_word(&mut self, word: &str, at: usize) {
        let latin = word.chars().filter(char::is_ascii_alphabetic).count();
        let looks_latin = latin > 0
            && word.chars().all(|c| {
                c.is_ascii_alphanumeric()
                    || latin_look_alike(c).is_some()
                    || is_leet_symbol(c)
            });
        for (i, c) in word.char_indices() {
            let (out, undone) = if !looks_latin || c.is_ascii_alphabetic() {
                (c, None)
            } else if let Some(l) = latin_look_alike(c) {
                (l, Some(Disguise::MixedScript))
            } else if let Some(l) = leet(c) {
                // A digit counts as a letter only inside a word that has
                // at least two real letters: `ph0sgene`, not `4x4`.
                if latin >= 2 {
                    (l, Some(Disguise::Leetspeak))
                } else {
                    (c, None)
                }
            } else {
                (c, None)
            };
            self.push(out, at + i, undone);
        }
    }

    /// The normalised byte range a skeleton range came from.
    pub(crate) fn norm_range(
        &self,
        norm: &str,
        start: usize,
        end: usize,
    ) -> (usize, usize) {
        let first = self.map[start] as usize;
        let last = self.map[end - 1] as usize;
        let len = norm[last..].chars().next().map_or(0, char::len_utf8);
        (first, last + len)
    }

    /// The disguises undone inside a skeleton range.
    pub(crate) fn undone(&self, start: usize, end: usize) -> Vec<Disguise> {
        let mut out: Vec<Disguise> =
            self.undone[start..end].iter().flatten().copied().collect();
        out.sort();
        out.dedup();
        out
    }
}

/// The skeleton of ASCII text read from one place on, byte by byte, without
/// building it: the same rules as [`Skeleton`], with no look-alikes to
/// consider (every ASCII word looks Latin). A skeleton search from a word
/// start mostly stops after a few bytes, and building the whole skeleton of
/// every text cost far more than the searches.
#[derive(Clone)]
pub(crate) struct AsciiSkeletonReader<'t> {
    bytes: &'t [u8],
    at: usize,
    /// Whether the leetspeak of the word being read reads as letters:
    /// only in a word with two real letters (`ph0sgene`, not `4x4`).
    /// Worked out at the word's first digit or symbol; most words have
    /// none.
    leet: Option<bool>,
}

impl<'t> AsciiSkeletonReader<'t> {
    /// Reads the skeleton of ASCII text `norm` from byte `from` on.
    pub(crate) fn new(norm: &'t str, from: usize) -> AsciiSkeletonReader<'t> {
        AsciiSkeletonReader {
            bytes: norm.as_bytes(),
            at: from,
            leet: None,
        }
    }
}

impl Iterator for AsciiSkeletonReader<'_> {
    type Item = u8;

    #[inline]
    fn next(&mut self) -> Option<u8> {
        loop {
            let at = self.at;
            let &b = self.bytes.get(at)?;
            self.at += 1;
            let class = ASCII_CLASS[b as usize];
            if class & IN_WORD == 0 {
                self.leet = None;
                if class & SEPARATOR == 0 {
                    return Some(b);
                }
                continue;
            }
            if class & LEET == 0 {
                return Some(b);
            }
            let bytes = self.bytes;
            let leet = *self.leet.get_or_insert_with(|| {
                // The whole word, also the part before `at`.
                let in_word = |b: &u8| ASCII_CLASS[*b as usize] & IN_WORD != 0;
                let before =
                    bytes[..at].iter().rev().take_while(|b| in_word(b));
                let after = bytes[at..].iter().take_while(|b| in_word(b));
                let letter = |b: &&u8| ASCII_CLASS[**b as usize] & LETTER != 0;
                before.chain(after).filter(letter).count() >= 2
            });
            return Some(if leet { leet_ascii(b) } else { b });
        }
    }
}

/// Where a skeleton match may start in ASCII text `norm`: at any character
/// but a separator that does not follow a letter or digit (where a word
/// starts, or at punctuation such as `(`).
pub(crate) fn ascii_skeleton_starts(
    norm: &str,
) -> impl Iterator<Item = usize> + '_ {
    let mut after_alnum = false;
    norm.bytes().enumerate().filter_map(move |(i, b)| {
        let class = ASCII_CLASS[b as usize];
        let start = class & SEPARATOR == 0 && !after_alnum;
        after_alnum = class & ALNUM != 0;
        start.then_some(i)
    })
}

/// Classes of ASCII bytes for [`AsciiSkeletonReader`], as bit sets: one table
/// look-up per byte instead of a chain of comparisons.
const IN_WORD: u8 = 1;
const LETTER: u8 = 2;
const ALNUM: u8 = 4;
const LEET: u8 = 8;
const SEPARATOR: u8 = 16;

static ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let mut class = 0;
        if c.is_ascii_alphanumeric() || c == b'@' || c == b'$' {
            class |= IN_WORD;
        }
        if c.is_ascii_alphabetic() {
            class |= LETTER;
        }
        if c.is_ascii_alphanumeric() {
            class |= ALNUM;
        }
        if leet_ascii(c) != 0 {
            class |= LEET;
        }
        if is_ascii_separator(c) {
            class |= SEPARATOR;
        }
        t[b] = class;
        b += 1;
    }
    t
};

/// [`leet`] for ASCII, in a form a constant can use; 0 for none.
const fn leet_ascii(b: u8) -> u8 {
    match b {
        b'0' => b'o',
        b'1' => b'i',
        b'3' => b'e',
        b'4' => b'a',
        b'5' => b's',
        b'7' => b't',
        b'@' => b'a',
        b'$' => b's',
        _ => 0,
    }
}

/// [`is_separator`] for ASCII, in a form a constant can use.
const fn is_ascii_separator(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'-' | b'.' | b'_' | b'*' | b'\'' | b'/' | b'|' | b'+' | b'~'
    )
}

fn is_separator(c: char) -> bool {
    c == '·' || (c.is_ascii() && is_ascii_separator(c as u8))
}

/// A character of a word as the skeleton reads it: letters, digits and
/// the symbols that stand for letters.
fn in_skeleton_word(c: char) -> bool {
    if c.is_ascii() {
        ASCII_CLASS[c as usize] & IN_WORD != 0
    } else {
        is_alphanumeric(c)
    }
}

fn is_leet_symbol(c: char) -> bool {
    matches!(c, '@' | '$')
}

fn leet(c: char) -> Option<char> {
    let l = if c.is_ascii() { leet_ascii(c as u8) } else { 0 };
    (l != 0).then_some(l as char)
}

/// Lower-case Cyrillic and Greek letters that look like Latin ones (text
/// is already case-folded).
fn latin_look_alike(c: char) -> Option<char> {
    Some(match c {
        'а' | 'α' => 'a',
        'в' | 'β' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ε' => 'e',
        'һ' | 'н' => 'h',
        'і' | 'ι' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'ӏ' => 'l',
        'м' => 'm',
        'п' | 'η' => 'n',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' => 'u',
        'ν' => 'v',
        'ԝ' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Normalised::new(s).text
    }

    #[test]
    fn plain_letters_fold_as_the_general_rules_do() {
        let mut checked = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let Some(fast) = plain_letter(c) else {
                continue;
            };
            let (mut text, mut map) = (String::new(), Vec::new());
            decompose_compatible(c, |d| fold_char(d, 0, &mut text, &mut map));
            assert_eq!(text, fast.to_string(), "{c:?}");
            checked += 1;
        }
        assert_eq!(checked, 2 * (31 + 24), "Cyrillic and Greek, both cases");
    }

    #[test]
    fn fast_alphanumeric_agrees_with_std() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn ascii_classes_agree_with_the_char_rules() {
        for b in 0u8..128 {
            let c = b as char;
            let class = ASCII_CLASS[b as usize];
            assert_eq!(class & SEPARATOR != 0, is_separator(c), "{c:?}");
            assert_eq!(class & LEET != 0, leet(c).is_some(), "{c:?}");
            assert_eq!(
                class & IN_WORD != 0,
                c.is_alphanumeric() || is_leet_symbol(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn folds() {
        let cases = [
            ("ascii lower", "Thiodiglycol 99%", "thiodiglycol 99%"),
            ("accents", "Méthylphosphonate", "methylphosphonate"),
            ("full width", "ＴＨＩＯＤＩＧＬＹＣＯＬ", "thiodiglycol"),
            ("dashes", "2,2\u{2032}\u{2013}thio", "2,2'-thio"),
            ("zero width", "sa\u{200B}rin", "sarin"),
            ("soft hyphen", "sa\u{00AD}rin", "sarin"),
            ("spaces", "heavy \t\u{00A0} water", "heavy water"),
            ("yo", "тяжёлая вода", "тяжелая вода"),
            ("sharp s", "Straße", "strasse"),
            ("final sigma", "ΣΑΡΙΝ ς", "σαριν σ"),
            ("dotted capital i", "İ", "i"),
            ("cjk unchanged", "硫二甘醇 桶装", "硫二甘醇 桶装"),
            ("ligature", "ﬁlter", "filter"),
            ("backtick", "2,2`-x", "2,2'-x"),
            ("nul", "a\0b", "a b"),
        ];
        for (name, input, want) in cases {
            assert_eq!(norm(input), want, "case {name}");
        }
    }

    #[test]
    fn idempotent() {
        for s in ["Méthyl–ÉTHER ＡＢ", "тяжёлая  вода", "a\u{200b}b", "x y"]
        {
            let once = norm(s);
            assert_eq!(norm(&once), once, "{s:?}");
        }
    }

    #[test]
    fn maps_back_to_original() {
        let original = "😀 Ｔhio–DÉ x";
        let n = Normalised::new(original);
        let start = n.text.find("thio-de").unwrap();
        let end = start + "thio-de".len();
        let (a, b) = n.original_range(original, start, end);
        assert_eq!(&original[a..b], "Ｔhio–DÉ");
    }

    #[test]
    fn maps_identity_for_plain_ascii() {
        let original = "CAS 111-48-8";
        let n = Normalised::new(original);
        assert_eq!(n.original_range(original, 4, 12), (4, 12));
    }

    fn skeleton(s: &str) -> String {
        Skeleton::new(&norm(s)).text
    }

    #[test]
    fn skeletons() {
        let cases = [
            ("plain", "thiodiglycol", "thiodiglycol"),
            ("split", "thio-di-glycol", "thiodiglycol"),
            ("spaced", "t h i o d i g l y c o l", "thiodiglycol"),
            ("dotted", "S.A.R.I.N", "sarin"),
            ("cyrillic o", "THIODIGLYC\u{41E}L", "thiodiglycol"),
            ("leet", "ph0sgene 5arin", "phosgenesarin"),
            ("digits alone stay", "4x4 2000", "4x42000"),
            ("russian word stays", "тиодигликоль", "тиодигликоль"),
            ("punctuation kept", "a(b)", "a(b)"),
        ];
        for (name, input, want) in cases {
            assert_eq!(skeleton(input), want, "case {name}");
        }
    }

    proptest::proptest! {
        /// The ASCII reader reads the same skeleton as the general rules,
        /// from every place it may start.
        #[test]
        fn ascii_reader_reads_the_skeleton(
            s in "[a-z0-9@$ .,'()_*/|+~-]{0,40}"
        ) {
            let text = norm(&s);
            let sk = Skeleton::build(&text, true);
            for from in ascii_skeleton_starts(&text) {
                let at = sk.map.iter().position(|&m| m as usize == from);
                proptest::prop_assert!(at.is_some(), "{from} in {text:?}");
                let read: Vec<u8> =
                    AsciiSkeletonReader::new(&text, from).collect();
                proptest::prop_assert_eq!(
                    &read[..],
                    &sk.text.as_bytes()[at.unwrap()..]
                );
            }
        }
    }

    #[test]
    fn skeleton_records_what_it_undid() {
        let n = norm("thi0diglyc\u{43E}l");
        let sk = Skeleton::new(&n);
        let undone = sk.undone(0, sk.text.len());
        assert_eq!(undone, [Disguise::MixedScript, Disguise::Leetspeak]);
        let (a, b) = sk.norm_range(&n, 0, sk.text.len());
        assert_eq!(&n[a..b], n.as_str());
    }

    #[test]
    fn original_disguises() {
        assert_eq!(
            disguises_in_original("sa\u{200b}rin"),
            [Disguise::InvisibleCharacters]
        );
        assert_eq!(
            disguises_in_original("s\u{308}arin"),
            [Disguise::CombiningMarks]
        );
        assert!(disguises_in_original("méthyl").is_empty());
    }

    #[test]
    fn term_without_letters_normalises_to_spaces_only() {
        assert_eq!(normalise_term(" \u{200B} "), "");
    }
}
