//! `Screener`: runs normalisation, term matching, CAS and HS look-ups on a
//! goods item and scores the evidence.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cas;
use crate::error::BuildError;
use crate::hs::{self, HsTable};
use crate::lists::{is_language, ControlLists};
use crate::normalise::Normalised;
use crate::params::{Outcome, Stated, Verdict};
use crate::result::{
    Cleared, Evidence, Field, Hit, HsIndicator, ParamCheck, Risk, Rule,
    Screening, Status, SCHEMA_VERSION,
};
use crate::terms::{Found, Passes, Role, TermIndex};

/// Evidence scores. A plain term names the goods; a term that needs
/// context is ambiguous on its own; a CAS number with a valid check digit
/// is the strongest identifier a declaration carries.
const SCORE_TERM: f64 = 0.8;
const SCORE_CONTEXT_TERM: f64 = 0.65;
const SCORE_CAS: f64 = 0.95;
/// Found through a disguise: the disguise is itself a warning sign, so it
/// scores above a plain term.
const SCORE_EVASION: f64 = 0.85;
/// Found with typos: worth a documentary check, not an inspection.
const SCORE_FUZZY: f64 = 0.6;
/// A matching HS code halves the remaining doubt.
const HS_BOOST: f64 = 0.5;
/// Stated values that meet the entry's criteria halve it again.
const PARAMS_BOOST: f64 = 0.5;
const SCORE_CAP: f64 = 0.99;

/// One goods item of a declaration, invoice or air waybill.
///
/// # Example
///
/// ```
/// use dualuse::{GoodsItem, Screener};
/// let item = GoodsItem::new("Thiodiglycol 99%, 4 drums")
///     .hs_code("2930.90")
///     .reference("DEC-1/1");
/// let s = Screener::default().screen_item(&item);
/// assert_eq!(s.reference(), Some("DEC-1/1"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GoodsItem<'a> {
    description: &'a str,
    hs_code: Option<&'a str>,
    cas: Option<&'a str>,
    reference: Option<&'a str>,
}

impl<'a> GoodsItem<'a> {
    /// An item with its free-text goods description.
    pub fn new(description: &'a str) -> GoodsItem<'a> {
        GoodsItem {
            description,
            ..GoodsItem::default()
        }
    }
    /// The declared HS code, written any usual way (`2930.90`, `29309098`).
    pub fn hs_code(mut self, code: &'a str) -> GoodsItem<'a> {
        self.hs_code = Some(code);
        self
    }
    /// A declared CAS number.
    pub fn cas(mut self, cas: &'a str) -> GoodsItem<'a> {
        self.cas = Some(cas);
        self
    }
    /// The caller's reference (declaration and item number), echoed back.
    pub fn reference(mut self, reference: &'a str) -> GoodsItem<'a> {
        self.reference = Some(reference);
        self
    }
    /// The description.
    pub fn description(&self) -> &'a str {
        self.description
    }
}

/// Options for building a [`Screener`].
///
/// Two options matter; the rest of screening has good defaults:
/// - [`min_score`](Self::min_score): drop hits below a score (default 0:
///   report everything).
/// - [`languages`](Self::languages): match only terms of these languages
///   (CAS numbers and clearing terms always count).
///
/// # Example
///
/// ```
/// use dualuse::{ControlLists, Screener};
/// let s = Screener::builder()
///     .min_score(0.7)
///     .languages(["en", "zh"])
///     .build(ControlLists::embedded())
///     .unwrap();
/// assert!(s.screen("硫二甘醇").hits().len() > 0);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScreenerBuilder {
    min_score: f64,
    languages: Option<Vec<String>>,
    evasion: bool,
    fuzzy: bool,
}

impl Default for ScreenerBuilder {
    fn default() -> ScreenerBuilder {
        ScreenerBuilder {
            min_score: 0.0,
            languages: None,
            evasion: true,
            fuzzy: true,
        }
    }
}

impl ScreenerBuilder {
    /// Hits with a lower score are left out (0 to 1; default 0).
    pub fn min_score(&mut self, score: f64) -> &mut ScreenerBuilder {
        self.min_score = score;
        self
    }
    /// Whether to look for disguised terms: split and spaced words,
    /// look-alike letters, leetspeak (default on; rule `evasion`).
    pub fn evasion(&mut self, on: bool) -> &mut ScreenerBuilder {
        self.evasion = on;
        self
    }
    /// Whether to look for terms with typos (default on; rule `fuzzy`).
    pub fn fuzzy(&mut self, on: bool) -> &mut ScreenerBuilder {
        self.fuzzy = on;
        self
    }
    /// Only terms in these ISO 639-1 languages take part.
    pub fn languages<I, S>(&mut self, languages: I) -> &mut ScreenerBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.languages = Some(languages.into_iter().map(Into::into).collect());
        self
    }

    /// Builds a screener over `lists`.
    ///
    /// # Errors
    ///
    /// A `min_score` outside 0..=1, an unknown language code, or lists too
    /// large for the automaton.
    pub fn build(&self, lists: ControlLists) -> Result<Screener, BuildError> {
        if !(0.0..=1.0).contains(&self.min_score) {
            return Err(BuildError::MinScore(self.min_score));
        }
        if let Some(langs) = &self.languages {
            if let Some(bad) = langs.iter().find(|l| !is_language(l)) {
                return Err(BuildError::UnknownLanguage(bad.clone()));
            }
        }
        let langs = self.languages.clone();
        let terms = TermIndex::build(lists.entries(), |t| {
            match (&langs, &t.language) {
                (Some(keep), Some(l)) => keep.contains(l),
                _ => true,
            }
        })
        .map_err(|e| BuildError::Automaton(e.to_string()))?;
        let mut by_cas: HashMap<String, Vec<u32>> = HashMap::new();
        let mut hs_table = HsTable::default();
        for (i, e) in lists.entries().iter().enumerate() {
            for c in e.cas() {
                by_cas.entry(c.clone()).or_default().push(i as u32);
            }
            for h in e.hs() {
                if let Some(d) = hs::normalise(h) {
                    hs_table.insert(d, i as u32, h);
                }
            }
        }
        Ok(Screener {
            inner: Arc::new(Inner {
                lists_version: lists.version().into(),
                lists_hash: lists.hash().into(),
                lists,
                options: self.clone(),
                terms,
                by_cas,
                hs_table,
            }),
        })
    }
}

/// Screens goods descriptions against control lists. Built once, cheap to
/// clone, shared across threads.
///
/// Screening never fails and never panics: any string, however strange,
/// gives a [`Screening`].
///
/// # Example
///
/// ```
/// use dualuse::{Lane, Screener};
/// let s = Screener::default();
/// let r = s.screen("Thiodiglycol 99% 200L drums");
/// assert_eq!(r.hits()[0].entry_id(), "1C350.1");
/// assert_eq!(r.hits()[0].matched(), "Thiodiglycol");
/// assert_eq!(r.lane(), Lane::Red);
/// assert_eq!(s.screen("ladies cotton T-shirts").lane(), Lane::Green);
/// ```
#[derive(Clone, Debug)]
pub struct Screener {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    lists: ControlLists,
    options: ScreenerBuilder,
    terms: TermIndex,
    by_cas: HashMap<String, Vec<u32>>,
    hs_table: HsTable,
    lists_version: Arc<str>,
    lists_hash: Arc<str>,
}

impl Default for Screener {
    /// A screener over the embedded lists with default options.
    fn default() -> Screener {
        Screener::new(ControlLists::embedded())
            .expect("default options build (test: default_screener_builds)")
    }
}

impl Screener {
    /// Options to build a screener with.
    pub fn builder() -> ScreenerBuilder {
        ScreenerBuilder::default()
    }

    /// A screener over `lists` with default options.
    ///
    /// # Errors
    ///
    /// Lists too large for the automaton.
    pub fn new(lists: ControlLists) -> Result<Screener, BuildError> {
        Screener::builder().build(lists)
    }

    /// The lists this screener uses.
    pub fn lists(&self) -> &ControlLists {
        &self.inner.lists
    }

    /// The options it was built with.
    pub fn options(&self) -> &ScreenerBuilder {
        &self.inner.options
    }

    /// Screens a goods description.
    pub fn screen(&self, description: &str) -> Screening {
        self.screen_item(&GoodsItem::new(description))
    }

    /// Screens many items in parallel (all cores, rayon); results come in
    /// input order and equal screening one by one.
    pub fn screen_many(&self, items: &[GoodsItem<'_>]) -> Vec<Screening> {
        items.par_iter().map(|i| self.screen_item(i)).collect()
    }

    /// Screens a goods item: description, declared HS code and CAS number.
    pub fn screen_item(&self, item: &GoodsItem<'_>) -> Screening {
        let inner = &*self.inner;
        let entries = inner.lists.entries();
        let text = item.description;
        let norm = Normalised::new(text);
        let mut chars = CharOffsets::new(text);
        let mut found: BTreeMap<u32, Vec<Evidence>> = BTreeMap::new();
        let mut clearing: Vec<(u32, Evidence, usize)> = Vec::new();

        let passes = Passes {
            disguised: inner.options.evasion,
            typos: inner.options.fuzzy,
        };
        for m in inner.terms.find(text, &norm, passes) {
            let spec = &inner.terms.specs[m.spec as usize];
            let term = spec.term(inner.lists.entries());
            let (bs, be) = norm.original_range(text, m.start, m.end);
            let (rule, score, undone) = match &m.found {
                Found::Exact if spec.has_context() => {
                    (Rule::Term, SCORE_CONTEXT_TERM, vec![])
                }
                Found::Exact => (Rule::Term, SCORE_TERM, vec![]),
                Found::Disguised(d) => (
                    Rule::Evasion,
                    SCORE_EVASION,
                    d.iter().map(|d| d.as_str().to_string()).collect(),
                ),
                Found::Typo(n) => {
                    (Rule::Fuzzy, SCORE_FUZZY, vec![format!("typos:{n}")])
                }
            };
            let mut ev = evidence(
                &mut chars,
                rule,
                Field::Description,
                (bs, be),
                term.text.clone(),
                term.language.clone(),
                score,
            );
            ev.evasion = undone;
            match spec.role {
                Role::Name => found.entry(spec.entry).or_default().push(ev),
                Role::Clear => clearing.push((spec.entry, ev, spec.window)),
            }
        }
        if norm.text.bytes().any(|b| b.is_ascii_digit()) {
            for (s, e, number) in cas::find_all(&norm.text) {
                let range = norm.original_range(text, s, e);
                self.cas_evidence(
                    &number,
                    Field::Description,
                    &mut chars,
                    range,
                    &mut found,
                );
            }
        }
        if let Some(declared) = item.cas {
            if let Ok(number) = cas::parse(declared) {
                let range = (0, declared.len());
                self.cas_evidence(
                    &number,
                    Field::Cas,
                    &mut CharOffsets::new(declared),
                    range,
                    &mut found,
                );
            }
        }

        let declared_hs = item.hs_code.and_then(hs::normalise);
        let hs_near: Vec<(u32, &str)> = declared_hs
            .as_deref()
            .map(|d| inner.hs_table.lookup(d))
            .unwrap_or_default();

        let mut hits = Vec::new();
        let mut cleared = Vec::new();
        let mut stated: Option<Stated> = None;
        for (entry, mut evidence) in found {
            let e = &entries[entry as usize];
            evidence.sort_by(|a, b| b.score.total_cmp(&a.score));
            let hs_match = hs_near
                .iter()
                .find(|(i, _)| *i == entry)
                .map(|(_, h)| h.to_string());
            let mut score = combine(&evidence, hs_match.is_some());
            let (status, checks, params_clear) = match e.params() {
                None => (Status::Listed, Vec::new(), None),
                Some(p) => {
                    let stated =
                        stated.get_or_insert_with(|| Stated::new(text));
                    // The quantities that belong to the goods stand near
                    // the words that name them.
                    let span = evidence
                        .iter()
                        .find(|ev| ev.field == Field::Description)
                        .map_or((0, 0), |ev| (ev.byte_start, ev.byte_end));
                    let (verdict, checks) = stated.check(p, span.0, span.1);
                    let checks: Vec<ParamCheck> = checks
                        .into_iter()
                        .map(|c| ParamCheck {
                            criterion: c.label,
                            outcome: c.outcome,
                            found: c.found,
                        })
                        .collect();
                    match verdict {
                        Verdict::Controlled => {
                            score = boost(score, PARAMS_BOOST);
                            (Status::Controlled, checks, None)
                        }
                        Verdict::Candidate => {
                            (Status::Candidate, checks, None)
                        }
                        Verdict::Cleared => {
                            let why = checks
                                .iter()
                                .filter(|c| c.outcome == Outcome::Failed)
                                .map(|c| {
                                    format!(
                                        "parameter {:?}: stated {:?} is outside",
                                        c.criterion,
                                        c.found.as_deref().unwrap_or("")
                                    )
                                })
                                .collect::<Vec<_>>()
                                .join("; ");
                            (Status::Candidate, checks, Some(why))
                        }
                    }
                }
            };
            let best = evidence[0].clone();
            let hit = Hit {
                entry_id: e.id_arc().clone(),
                regimes: e.regimes_arc().clone(),
                title: e.title_arc().clone(),
                rule: best.rule,
                score,
                status,
                params: checks,
                field: best.field,
                char_start: best.char_start,
                char_end: best.char_end,
                byte_start: best.byte_start,
                byte_end: best.byte_end,
                matched: best.matched,
                term: best.term,
                language: best.language,
                evasion: best.evasion,
                hs_match,
                evidence,
                note: e.note_arc().cloned(),
            };
            if let Some(c) = near_clearing(&clearing, entry, &hit.evidence) {
                cleared.push(Cleared {
                    hit,
                    reason: format!(
                        "clearing term {:?} ({:?})",
                        c.term, c.matched
                    ),
                });
            } else if let Some(reason) = params_clear {
                cleared.push(Cleared { hit, reason });
            } else if score >= inner.options.min_score {
                hits.push(hit);
            }
        }
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.entry_id.cmp(&b.entry_id))
        });

        let hs_indicators: Vec<HsIndicator> = hs_near
            .iter()
            .map(|(i, heading)| {
                let e = &entries[*i as usize];
                HsIndicator {
                    entry_id: e.id_arc().clone(),
                    title: e.title_arc().clone(),
                    heading: heading.to_string(),
                    declared: declared_hs.clone().unwrap_or_default(),
                }
            })
            .collect();

        let risk = risk(&hits, !hs_indicators.is_empty());
        Screening {
            schema_version: SCHEMA_VERSION,
            reference: item.reference.map(str::to_string),
            risk,
            lane: risk.lane(),
            hits,
            cleared,
            hs_indicators,
            lists_version: inner.lists_version.clone(),
            lists_hash: inner.lists_hash.clone(),
        }
    }

    fn cas_evidence(
        &self,
        number: &str,
        field: Field,
        chars: &mut CharOffsets<'_>,
        range: (usize, usize),
        found: &mut BTreeMap<u32, Vec<Evidence>>,
    ) {
        let Some(entries) = self.inner.by_cas.get(number) else {
            return;
        };
        for &entry in entries {
            let ev = evidence(
                chars,
                Rule::Cas,
                field,
                range,
                number.to_string(),
                None,
                SCORE_CAS,
            );
            found.entry(entry).or_default().push(ev);
        }
    }
}

/// A clearing term of `entry` near its evidence in the description: a
/// look-alike named elsewhere in a multi-item description clears nothing.
/// Evidence outside the description (a declared CAS number) is cleared by
/// the term anywhere.
fn near_clearing<'c>(
    clearing: &'c [(u32, Evidence, usize)],
    entry: u32,
    evidence: &[Evidence],
) -> Option<&'c Evidence> {
    clearing
        .iter()
        .filter(|(e, _, _)| *e == entry)
        .find(|(_, c, window)| {
            evidence.iter().any(|ev| {
                ev.field != Field::Description
                    || c.char_start.saturating_sub(ev.char_end) <= *window
                        && ev.char_start.saturating_sub(c.char_end) <= *window
            })
        })
        .map(|(_, c, _)| c)
}

/// Character offsets of byte offsets in one text. The passes report
/// their matches in order, so counting on from the last offset asked for
/// keeps a long description linear; ASCII text needs no counting at all.
struct CharOffsets<'t> {
    text: &'t str,
    ascii: bool,
    last: (usize, usize),
}

impl<'t> CharOffsets<'t> {
    fn new(text: &'t str) -> CharOffsets<'t> {
        CharOffsets {
            text,
            ascii: text.is_ascii(),
            last: (0, 0),
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let (from_byte, from_char) = if byte >= self.last.0 {
            self.last
        } else {
            (0, 0)
        };
        let char = from_char + self.text[from_byte..byte].chars().count();
        self.last = (byte, char);
        char
    }
}

fn evidence(
    chars: &mut CharOffsets<'_>,
    rule: Rule,
    field: Field,
    (byte_start, byte_end): (usize, usize),
    term: String,
    language: Option<String>,
    score: f64,
) -> Evidence {
    let text = chars.text;
    let char_start = chars.at(byte_start);
    let char_end = char_start + text[byte_start..byte_end].chars().count();
    Evidence {
        rule,
        field,
        char_start,
        char_end,
        byte_start,
        byte_end,
        matched: text[byte_start..byte_end].to_string(),
        term,
        language,
        evasion: Vec::new(),
        score,
    }
}

/// Independent pieces of evidence combine as a noisy OR; the same term
/// found twice is one piece. A matching HS code halves the doubt left.
fn combine(evidence: &[Evidence], hs_match: bool) -> f64 {
    // One piece per place in the text and per term: the same words
    // matching the English, French and German spelling of a term, or a
    // term repeated down an invoice, say no more than once.
    let mut places: Vec<(Field, usize, usize)> = Vec::new();
    let mut terms: Vec<(Rule, String)> = Vec::new();
    let mut doubt = 1.0;
    for e in evidence {
        let place = (e.field, e.byte_start, e.byte_end);
        let term = (e.rule, e.term.to_lowercase());
        if places.contains(&place) || terms.contains(&term) {
            continue;
        }
        places.push(place);
        terms.push(term);
        doubt *= 1.0 - e.score;
    }
    if hs_match {
        doubt *= 1.0 - HS_BOOST;
    }
    round(1.0 - doubt)
}

/// Takes away a share of the doubt left in a score.
fn boost(score: f64, share: f64) -> f64 {
    round(1.0 - (1.0 - score) * (1.0 - share))
}

/// Rounded so the JSON is the same bytes on every platform, and capped:
/// text alone never makes certainty.
fn round(score: f64) -> f64 {
    ((score * 1000.0).round() / 1000.0).min(SCORE_CAP)
}

fn risk(hits: &[Hit], hs_indicated: bool) -> Risk {
    match hits.first().map(|h| h.score) {
        Some(s) if s >= 0.75 => Risk::High,
        Some(s) if s >= 0.5 => Risk::Medium,
        Some(_) => Risk::Low,
        None if hs_indicated => Risk::Low,
        None => Risk::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::result::Lane;

    const LIST: &str = r#"
[list]
name = "t"
source = "t"
version = "1"
date = "2024-01-01"

[[entry]]
id = "1C350.1"
regimes = ["AG", "CWC"]
title = "Thiodiglycol"
cas = ["111-48-8"]
hs = ["2930.70"]
note = "Ask for purity."
terms.en = ["thiodiglycol", { text = "TDG", case_sensitive = true, context = ["drum"] }]
terms.zh = ["硫二甘醇"]

[[entry]]
id = "1C350.7"
regimes = ["AG"]
title = "Sodium fluoride"
cas = ["7681-49-4"]
terms.en = ["sodium fluoride"]
clear = ["toothpaste"]
"#;

    const PARAMS: &str = r#"
[list]
name = "p"
source = "p"
version = "1"
date = "2024-01-01"

[[entry]]
id = "3A225"
regimes = ["NSG"]
title = "Frequency changers"
terms.en = ["frequency changer", "frequency inverter"]
params = { criteria = [{ what = "output frequency", min = 600, max = 2000, unit = "Hz" }] }
"#;

    #[test]
    fn parameters_decide_status() {
        let s = Screener::new(
            ControlLists::from_texts([("p.toml", PARAMS)]).unwrap(),
        )
        .unwrap();
        let r = s.screen("Frequency changer, output 600-2000 Hz, 40 kW");
        assert_eq!(r.hits()[0].status(), Status::Controlled);
        assert_eq!(
            r.hits()[0].params()[0].found.as_deref(),
            Some("600-2000 Hz")
        );
        let r = s.screen(
            "Frequency inverter 0-400 Hz, 7.5 kW, for conveyor motors",
        );
        assert!(r.hits().is_empty());
        assert_eq!(r.cleared()[0].hit.entry_id(), "3A225");
        assert!(
            r.cleared()[0].reason.contains("0-400 Hz"),
            "{}",
            r.cleared()[0].reason
        );
        let r = s.screen("frequency changer");
        assert_eq!(r.hits()[0].status(), Status::Candidate);
        assert!(s.screen("thiodiglycol").hits().is_empty());
    }

    fn screener() -> Screener {
        Screener::new(ControlLists::from_texts([("t.toml", LIST)]).unwrap())
            .unwrap()
    }

    #[test]
    fn default_screener_builds() {
        let _ = Screener::default();
    }

    #[test]
    fn term_hit_with_span() {
        let r = screener().screen("Thiodiglycol 99% 200L drums");
        let h = &r.hits()[0];
        assert_eq!(h.entry_id(), "1C350.1");
        assert_eq!(h.char_span(), (0, 12));
        assert_eq!(h.matched(), "Thiodiglycol");
        assert_eq!(h.note(), Some("Ask for purity."));
        assert_eq!(r.lane(), Lane::Red);
    }

    #[test]
    fn spans_count_code_points_after_non_ascii() {
        let text = "😀 Ébène, thiodiglycol";
        let r = screener().screen(text);
        let h = &r.hits()[0];
        let (a, b) = h.char_span();
        let got: String = text.chars().skip(a).take(b - a).collect();
        assert_eq!(got, "thiodiglycol");
        let (a, b) = h.byte_span();
        assert_eq!(&text[a..b], "thiodiglycol");
    }

    #[test]
    fn cas_checks_digit() {
        let s = screener();
        assert_eq!(s.screen("CAS 111-48-8").hits()[0].rule(), Rule::Cas);
        assert!(s.screen("CAS 111-48-9").hits().is_empty());
    }

    #[test]
    fn evidence_combines_and_hs_raises() {
        let s = screener();
        let plain = s.screen("thiodiglycol").hits()[0].score();
        let both = s.screen("thiodiglycol 111-48-8").hits()[0].score();
        let item = GoodsItem::new("thiodiglycol").hs_code("29307000");
        let r = s.screen_item(&item);
        assert!(both > plain);
        assert!(r.hits()[0].score() > plain);
        assert_eq!(r.hits()[0].hs_match(), Some("2930.70"));
        assert_eq!(r.hs_indicators()[0].entry_id.as_ref(), "1C350.1");
    }

    #[test]
    fn one_place_is_one_piece_of_evidence() {
        let two_langs = r#"
[list]
name = "t"
source = "t"
version = "1"
date = "2024-01-01"

[[entry]]
id = "X"
regimes = ["AG"]
title = "x"
terms.en = ["thiodiglycol"]
terms.fr = ["Thiodiglycol"]
"#;
        let s = Screener::new(
            ControlLists::from_texts([("t.toml", two_langs)]).unwrap(),
        )
        .unwrap();
        assert_eq!(s.screen("thiodiglycol").hits()[0].score(), SCORE_TERM);
        assert_eq!(
            s.screen("thiodiglycol, thiodiglycol").hits()[0].score(),
            SCORE_TERM
        );
    }

    #[test]
    fn hs_alone_is_an_indicator_not_a_hit() {
        let item =
            GoodsItem::new("organic sulphur compound").hs_code("2930.70");
        let r = screener().screen_item(&item);
        assert!(r.hits().is_empty());
        assert_eq!(r.hs_indicators().len(), 1);
        assert_eq!(r.risk(), Risk::Low);
        assert_eq!(r.lane(), Lane::Green);
    }

    #[test]
    fn declared_cas_field() {
        let item = GoodsItem::new("chemical").cas("111-48-8");
        let r = screener().screen_item(&item);
        assert_eq!(r.hits()[0].field(), Field::Cas);
    }

    #[test]
    fn clearing_term_moves_hit_to_cleared() {
        let r = screener().screen("toothpaste with sodium fluoride 0.2%");
        assert!(r.hits().is_empty());
        assert_eq!(r.cleared()[0].hit.entry_id(), "1C350.7");
        assert!(r.cleared()[0].reason.contains("toothpaste"));
        assert_eq!(r.lane(), Lane::Green);
    }

    #[test]
    fn clearing_term_only_clears_nearby() {
        let far = format!(
            "toothpaste {} ; sodium fluoride 99% 25 kg bags",
            "cotton towels ".repeat(10)
        );
        let r = screener().screen(&far);
        assert_eq!(r.hits()[0].entry_id(), "1C350.7");
    }

    #[test]
    fn context_term_is_medium() {
        let r = screener().screen("TDG in 200 l drum");
        assert_eq!(r.risk(), Risk::Medium);
        assert!(screener().screen("TDG bulbs").hits().is_empty());
    }

    #[test]
    fn min_score_and_languages() {
        let lists = || ControlLists::from_texts([("t.toml", LIST)]).unwrap();
        let s = Screener::builder().min_score(0.7).build(lists()).unwrap();
        assert!(s.screen("TDG drum").hits().is_empty());
        let s = Screener::builder()
            .languages(["en"])
            .build(lists())
            .unwrap();
        assert!(s.screen("硫二甘醇").hits().is_empty());
        assert!(Screener::builder().min_score(2.0).build(lists()).is_err());
        let s = Screener::builder().fuzzy(false).build(lists()).unwrap();
        assert!(s.screen("thiodiglicol").hits().is_empty());
        let s = Screener::builder().evasion(false).build(lists()).unwrap();
        assert!(s.screen("thio-di-glycol").hits().is_empty());
        assert!(Screener::builder()
            .languages(["xx"])
            .build(lists())
            .is_err());
    }

    #[test]
    fn screen_many_keeps_order() {
        let s = screener();
        let texts = ["thiodiglycol", "cotton", "sodium fluoride"];
        let items: Vec<GoodsItem> =
            texts.iter().map(|t| GoodsItem::new(t)).collect();
        let many = s.screen_many(&items);
        let one: Vec<Screening> = texts.iter().map(|t| s.screen(t)).collect();
        assert_eq!(many, one);
    }

    #[test]
    fn odd_input_never_panics() {
        let s = screener();
        for t in ["", " ", "\0", "\u{200b}", "-", "111-48-", "😀", "\u{301}x"]
        {
            let r = s.screen(t);
            assert!(r.hits().is_empty(), "{t:?}");
        }
    }
}
