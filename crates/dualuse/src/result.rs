//! What a screening returns: plain data that serialises to stable JSON.
//!
//! # Wire format
//!
//! A [`Screening`] serialises with serde to one JSON object whose fields
//! appear in this order (JSON Lines output of the CLI is exactly this, plus
//! the row number):
//!
//! ```json
//! {
//!   "schema_version": 1,
//!   "reference": "INV-2024-001/3",
//!   "risk": "high",
//!   "lane": "red",
//!   "hits": [{
//!     "entry_id": "1C350.1", "regimes": ["AG", "CWC"],
//!     "title": "Thiodiglycol", "rule": "term", "score": 0.9,
//!     "status": "listed",
//!     "field": "description",
//!     "char_start": 0, "char_end": 12, "byte_start": 0, "byte_end": 12,
//!     "matched": "Thiodiglycol", "term": "thiodiglycol", "language": "en",
//!     "hs_match": "2930.70",
//!     "evidence": [{ "rule": "term", "field": "description",
//!       "char_start": 0, "char_end": 12, "byte_start": 0, "byte_end": 12,
//!       "matched": "Thiodiglycol", "term": "thiodiglycol",
//!       "language": "en", "score": 0.8 }],
//!     "note": "Colourless liquid in drums …"
//!   }],
//!   "cleared": [],
//!   "hs_indicators": [{ "entry_id": "1C350.1", "title": "Thiodiglycol",
//!     "heading": "2930.70", "declared": "29307000" }],
//!   "lists_version": "2022-01-05",
//!   "lists_hash": "5f1c…"
//! }
//! ```
//!
//! - `reference`, `language`, `hs_match` and `note` are omitted when
//!   absent.
//! - `rule` is `term` (a name, synonym or trade name of the entry), `cas`
//!   (a CAS number with a valid check digit), `evasion` (a term found only
//!   by undoing a disguise; `evasion` then lists what was undone) or
//!   `fuzzy` (a term found with typos). Later versions may add rules;
//!   treat an unknown rule as a term.
//! - `field` says where the evidence was found: `description` or `cas`
//!   (the declared CAS number of a [`GoodsItem`](crate::GoodsItem)).
//!   Offsets index that field: `char_*` in Unicode code points (Python
//!   string indices), `byte_*` in UTF-8 bytes.
//! - `status` is `listed` (the entry has no parameter criteria), or from
//!   the entry's criteria checked against the values stated near the term:
//!   `controlled` (met; `params` says which value met which criterion) or
//!   `candidate` (not stated: ask for the data sheet). A hit whose stated
//!   values fail the criteria goes to `cleared` with the reason.
//! - `hits` are best first (score, then entry id); `cleared` holds hits
//!   that a clearing term (look-alike benign goods) set aside, with the
//!   reason; `hs_indicators` the entries whose usual HS headings are near
//!   the declared code, whether or not the text matched.
//! - Fields may be added; renaming or removing one bumps
//!   `schema_version`.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::lists::Regime;
use crate::params::Outcome;

/// Version of the JSON form of [`Screening`].
pub const SCHEMA_VERSION: u32 = 1;

/// The risk found, from the best hit.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Risk {
    /// Nothing found.
    None,
    /// Only weak signals: an HS indicator, or hits below 0.5.
    Low,
    /// A hit of score 0.5 to 0.75: an ambiguous term in context.
    Medium,
    /// A hit of score 0.75 or more: a name, synonym or CAS number of a
    /// controlled entry.
    High,
}

/// The customs control lane a risk maps to: green = release, yellow =
/// documentary check (ask for the data sheet, end-use statement or
/// licence), red = physical inspection and licence check.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Lane {
    /// Risk `none` or `low`.
    Green,
    /// Risk `medium`.
    Yellow,
    /// Risk `high`.
    Red,
}

impl Risk {
    /// The lane for this risk.
    pub fn lane(self) -> Lane {
        match self {
            Risk::None | Risk::Low => Lane::Green,
            Risk::Medium => Lane::Yellow,
            Risk::High => Lane::Red,
        }
    }

    /// `none`, `low`, `medium` or `high`.
    pub fn as_str(self) -> &'static str {
        match self {
            Risk::None => "none",
            Risk::Low => "low",
            Risk::Medium => "medium",
            Risk::High => "high",
        }
    }
}

impl Lane {
    /// `green`, `yellow` or `red`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lane::Green => "green",
            Lane::Yellow => "yellow",
            Lane::Red => "red",
        }
    }
}

/// What fired.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rule {
    /// A name, synonym or trade name of the entry.
    Term,
    /// A CAS registry number with a valid check digit.
    Cas,
    /// A term found only by undoing a disguise (look-alike letters,
    /// leetspeak, split or spaced words, invisible characters): a warning
    /// sign in itself.
    Evasion,
    /// A term found with a typo or two.
    Fuzzy,
}

impl Rule {
    /// `term`, `cas`, `evasion` or `fuzzy`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Term => "term",
            Rule::Cas => "cas",
            Rule::Evasion => "evasion",
            Rule::Fuzzy => "fuzzy",
        }
    }
}

/// What the entry's technical parameters say about a hit.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The entry has no parameter criteria in the lists: the goods are
    /// named on the list (mixture and consumer-goods notes aside).
    Listed,
    /// The values stated in the text meet the entry's criteria.
    Controlled,
    /// Values that decide are not stated: ask for the data sheet.
    Candidate,
}

impl Status {
    /// `listed`, `controlled` or `candidate`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Listed => "listed",
            Status::Controlled => "controlled",
            Status::Candidate => "candidate",
        }
    }
}

/// One parameter criterion checked for a hit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParamCheck {
    /// The criterion, e.g. `output frequency 600 to 2000 Hz`.
    pub criterion: String,
    /// Met, failed or unstated.
    pub outcome: Outcome,
    /// The words of the text that decided it (`0-400 Hz`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
}

/// Which field of the goods item evidence was found in.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The goods description.
    Description,
    /// The declared CAS number.
    Cas,
}

/// One piece of evidence for an entry: what matched where.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// What fired.
    pub rule: Rule,
    /// Where it was found.
    pub field: Field,
    /// Start, in code points, in that field.
    pub char_start: usize,
    /// End (exclusive), in code points.
    pub char_end: usize,
    /// Start, in UTF-8 bytes.
    pub byte_start: usize,
    /// End (exclusive), in UTF-8 bytes.
    pub byte_end: usize,
    /// The original words (or number) as written in the field.
    pub matched: String,
    /// The list's term, or the canonical CAS number.
    pub term: String,
    /// Language of the term, when the list says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// What was undone to find it (`mixed_script`, `leetspeak`,
    /// `split_word`, `spaced_letters`, `invisible_characters`,
    /// `combining_marks`) for rule `evasion`; the number of typos as
    /// `typos:N` for rule `fuzzy`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evasion: Vec<String>,
    /// How much this evidence alone says, 0 to 1.
    pub score: f64,
}

/// A control entry the goods may fall under, with the evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub(crate) entry_id: Arc<str>,
    pub(crate) regimes: Arc<[Regime]>,
    pub(crate) title: Arc<str>,
    pub(crate) rule: Rule,
    pub(crate) score: f64,
    pub(crate) status: Status,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) params: Vec<ParamCheck>,
    pub(crate) field: Field,
    pub(crate) char_start: usize,
    pub(crate) char_end: usize,
    pub(crate) byte_start: usize,
    pub(crate) byte_end: usize,
    pub(crate) matched: String,
    pub(crate) term: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) language: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) evasion: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) hs_match: Option<String>,
    pub(crate) evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) note: Option<Arc<str>>,
}

impl Hit {
    /// The control code (`1C350.1`).
    pub fn entry_id(&self) -> &str {
        &self.entry_id
    }
    /// The regimes of the entry.
    pub fn regimes(&self) -> &[Regime] {
        &self.regimes
    }
    /// The entry's plain title.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// What fired in the best evidence.
    pub fn rule(&self) -> Rule {
        self.rule
    }
    /// How sure, 0 to 1: all evidence combined, raised by a matching HS
    /// code.
    pub fn score(&self) -> f64 {
        self.score
    }
    /// What the entry's technical parameters say.
    pub fn status(&self) -> Status {
        self.status
    }
    /// The parameter criteria checked (empty when the entry has none).
    pub fn params(&self) -> &[ParamCheck] {
        &self.params
    }
    /// The field of the best evidence.
    pub fn field(&self) -> Field {
        self.field
    }
    /// Code-point range of the best evidence in its field.
    pub fn char_span(&self) -> (usize, usize) {
        (self.char_start, self.char_end)
    }
    /// Byte range of the best evidence in its field.
    pub fn byte_span(&self) -> (usize, usize) {
        (self.byte_start, self.byte_end)
    }
    /// The original words of the best evidence.
    pub fn matched(&self) -> &str {
        &self.matched
    }
    /// The list term (or canonical CAS number) of the best evidence.
    pub fn term(&self) -> &str {
        &self.term
    }
    /// Language of that term.
    pub fn language(&self) -> Option<&str> {
        self.language.as_deref()
    }
    /// What was undone to find the best evidence (rule `evasion`), or
    /// `typos:N` (rule `fuzzy`); empty otherwise.
    pub fn evasion(&self) -> &[String] {
        &self.evasion
    }
    /// The entry's HS heading that the declared code matched, if any.
    pub fn hs_match(&self) -> Option<&str> {
        self.hs_match.as_deref()
    }
    /// All evidence, strongest first.
    pub fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
    /// The officer's note of the entry.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

/// A hit set aside because the text names look-alike benign goods.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cleared {
    /// The hit as it would have been.
    #[serde(flatten)]
    pub hit: Hit,
    /// Why it was set aside, e.g. `clearing term "toothpaste"`.
    pub reason: String,
}

/// An entry whose usual HS headings are near the declared HS code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HsIndicator {
    /// The control code.
    pub entry_id: Arc<str>,
    /// Its title.
    pub title: Arc<str>,
    /// The entry's heading, as the list writes it.
    pub heading: String,
    /// The declared code, digits only.
    pub declared: String,
}

/// The result of screening one goods item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Screening {
    pub(crate) schema_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) reference: Option<String>,
    pub(crate) risk: Risk,
    pub(crate) lane: Lane,
    pub(crate) hits: Vec<Hit>,
    pub(crate) cleared: Vec<Cleared>,
    pub(crate) hs_indicators: Vec<HsIndicator>,
    pub(crate) lists_version: Arc<str>,
    pub(crate) lists_hash: Arc<str>,
}

impl Screening {
    /// The caller's reference of the goods item.
    pub fn reference(&self) -> Option<&str> {
        self.reference.as_deref()
    }
    /// The risk found.
    pub fn risk(&self) -> Risk {
        self.risk
    }
    /// The customs lane for that risk.
    pub fn lane(&self) -> Lane {
        self.lane
    }
    /// Entries the goods may fall under, best first.
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }
    /// Hits set aside by clearing terms.
    pub fn cleared(&self) -> &[Cleared] {
        &self.cleared
    }
    /// Entries correlated with the declared HS code.
    pub fn hs_indicators(&self) -> &[HsIndicator] {
        &self.hs_indicators
    }
    /// The newest edition date of the lists used.
    pub fn lists_version(&self) -> &str {
        &self.lists_version
    }
    /// The content hash of the lists used.
    pub fn lists_hash(&self) -> &str {
        &self.lists_hash
    }
    /// The JSON form (see the module docs).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a Screening always serialises")
    }
}
