//! Control lists: the TOML format (see `lists/README.md`), validation,
//! loading from files and directories, and the embedded default.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::cas::{self, CasProblem};
use crate::error::{ListError, ListErrorKind, ListProblem};
use crate::hs;
use crate::normalise::normalise_term;
use crate::params::{self, Combine, Params};

/// The list files compiled into the crate: (name, TOML text).
const EMBEDDED: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// Default context window, in characters on either side of a term.
const DEFAULT_WINDOW: usize = 60;

/// ISO 639-1 codes accepted as language keys.
const LANGUAGES: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi \
bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu \
fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie \
ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la \
lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn \
no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg \
si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt \
tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

pub(crate) fn is_language(code: &str) -> bool {
    code.len() == 2 && LANGUAGES.split(' ').any(|l| l == code)
}

/// The export-control regime (or other origin) an entry belongs to.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
)]
#[non_exhaustive]
pub enum Regime {
    /// Wassenaar Arrangement (dual-use goods and technologies).
    #[serde(rename = "WA")]
    Wassenaar,
    /// Nuclear Suppliers Group (trigger list and dual-use list).
    #[serde(rename = "NSG")]
    NuclearSuppliersGroup,
    /// Australia Group (chemical and biological).
    #[serde(rename = "AG")]
    AustraliaGroup,
    /// Missile Technology Control Regime.
    #[serde(rename = "MTCR")]
    MissileTechnology,
    /// Chemical Weapons Convention schedules.
    #[serde(rename = "CWC")]
    ChemicalWeaponsConvention,
    /// Military list (EU Common Military List, Wassenaar Munitions List).
    #[serde(rename = "ML")]
    Military,
    /// An EU-only control.
    #[serde(rename = "EU")]
    EuropeanUnion,
    /// A national control.
    #[serde(rename = "NATIONAL")]
    National,
    /// An ad-hoc watch list of an agency or a company.
    #[serde(rename = "WATCH")]
    Watch,
}

impl Regime {
    /// The short code used in list files and output: `WA`, `AG` …
    pub fn as_str(self) -> &'static str {
        match self {
            Regime::Wassenaar => "WA",
            Regime::NuclearSuppliersGroup => "NSG",
            Regime::AustraliaGroup => "AG",
            Regime::MissileTechnology => "MTCR",
            Regime::ChemicalWeaponsConvention => "CWC",
            Regime::Military => "ML",
            Regime::EuropeanUnion => "EU",
            Regime::National => "NATIONAL",
            Regime::Watch => "WATCH",
        }
    }

    fn parse(s: &str) -> Option<Regime> {
        [
            Regime::Wassenaar,
            Regime::NuclearSuppliersGroup,
            Regime::AustraliaGroup,
            Regime::MissileTechnology,
            Regime::ChemicalWeaponsConvention,
            Regime::Military,
            Regime::EuropeanUnion,
            Regime::National,
            Regime::Watch,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

impl fmt::Display for Regime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a list file's entries come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSource {
    /// The file as it was named when loading (`lists/ag-chemicals.toml`).
    pub path: String,
    /// What the file holds.
    pub name: String,
    /// The regulation or regime list the entries come from.
    pub source: String,
    /// The edition of that source.
    pub version: String,
    /// The date of that edition, `YYYY-MM-DD` (empty for ad-hoc lists).
    pub date: String,
    /// Where the source can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
}

/// A term of an entry, as written in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// The term as written.
    pub text: String,
    /// ISO 639-1 language of the term; `None` for clearing terms and ad-hoc
    /// watch terms, which apply in any language.
    pub language: Option<String>,
    /// Match only with this exact case (after NFKC).
    pub case_sensitive: bool,
    /// Words of which one must stand near the term for it to count.
    pub context: Vec<String>,
    /// How near, in characters on either side.
    pub window: usize,
}

/// One control entry: a control code with its terms, CAS numbers and HS
/// headings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ControlEntry {
    id: Arc<str>,
    regimes: Arc<[Regime]>,
    title: Arc<str>,
    terms: Vec<Term>,
    cas: Vec<String>,
    hs: Vec<String>,
    clear: Vec<Term>,
    note: Option<Arc<str>>,
    review: Option<String>,
    params: Option<Params>,
    /// Index into [`ControlLists::sources`].
    source: usize,
}

impl ControlEntry {
    /// The control code, exactly as the list writes it (`1C350.1`).
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The regimes the entry belongs to.
    pub fn regimes(&self) -> &[Regime] {
        &self.regimes
    }
    /// A plain English title.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// Names, synonyms and trade names, in every language.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }
    /// CAS registry numbers, canonical form.
    pub fn cas(&self) -> &[String] {
        &self.cas
    }
    /// HS headings under which such goods are usually declared, as written.
    pub fn hs(&self) -> &[String] {
        &self.hs
    }
    /// Terms for look-alike benign goods that clear a hit on this entry.
    pub fn clear(&self) -> &[Term] {
        &self.clear
    }
    /// The officer's note: what the goods look like, what to ask for.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
    /// What a maintainer should re-check.
    pub fn review(&self) -> Option<&str> {
        self.review.as_deref()
    }
    /// The technical parameters that decide control, if the list gives
    /// them.
    pub fn params(&self) -> Option<&Params> {
        self.params.as_ref()
    }
    /// Index of the entry's file in [`ControlLists::sources`].
    pub fn source(&self) -> usize {
        self.source
    }

    pub(crate) fn id_arc(&self) -> &Arc<str> {
        &self.id
    }
    pub(crate) fn title_arc(&self) -> &Arc<str> {
        &self.title
    }
    pub(crate) fn regimes_arc(&self) -> &Arc<[Regime]> {
        &self.regimes
    }
    pub(crate) fn note_arc(&self) -> Option<&Arc<str>> {
        self.note.as_ref()
    }
}

/// A validated set of control lists: their entries and where they came
/// from.
///
/// # Example
///
/// ```
/// let lists = dualuse::ControlLists::embedded();
/// assert!(lists.entries().iter().any(|e| e.id() == "1C350.1"));
/// assert_eq!(lists.hash().len(), 64);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ControlLists {
    sources: Vec<ListSource>,
    entries: Vec<ControlEntry>,
    hash: String,
}

impl ControlLists {
    /// The lists compiled into the crate from the repository's `lists/`.
    ///
    /// # Panics
    ///
    /// Never in a released build: the unit test `embedded_lists_load`
    /// loads every embedded file, so a bad file fails the tests first.
    pub fn embedded() -> ControlLists {
        ControlLists::from_texts(EMBEDDED.iter().copied())
            .expect("embedded lists are valid (test: embedded_lists_load)")
    }

    /// Loads every `*.toml` file of a directory (not its sub-directories),
    /// in name order.
    ///
    /// # Errors
    ///
    /// Every problem in every file, with file, entry id and field; nothing
    /// is loaded if there is one.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<ControlLists, ListError> {
        ControlLists::from_paths(&[dir.as_ref()])
    }

    /// Loads files and directories (each directory as [`Self::from_dir`]).
    ///
    /// # Errors
    ///
    /// As [`Self::from_dir`]; also when a path holds no list file.
    pub fn from_paths<P: AsRef<Path>>(
        paths: &[P],
    ) -> Result<ControlLists, ListError> {
        let mut files: Vec<PathBuf> = Vec::new();
        let mut problems = Vec::new();
        for p in paths {
            let p = p.as_ref();
            if p.is_dir() {
                match list_files(p) {
                    Ok(found) if found.is_empty() => problems.push(problem(
                        ListErrorKind::NoLists,
                        Some(p.display().to_string()),
                        None,
                        None,
                        "no *.toml list file in this directory".into(),
                    )),
                    Ok(found) => files.extend(found),
                    Err(e) => problems.push(io_problem(p, &e)),
                }
            } else {
                files.push(p.to_path_buf());
            }
        }
        let mut texts = Vec::new();
        for f in &files {
            match std::fs::read_to_string(f) {
                Ok(t) => texts.push((f.display().to_string(), t)),
                Err(e) => problems.push(io_problem(f, &e)),
            }
        }
        if !problems.is_empty() {
            return Err(ListError::new(problems));
        }
        ControlLists::from_texts(
            texts.iter().map(|(p, t)| (p.as_str(), t.as_str())),
        )
    }

    /// Parses list files given as (name, TOML text), e.g. read from a
    /// database or received over the network.
    ///
    /// # Errors
    ///
    /// As [`Self::from_dir`].
    pub fn from_texts<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<ControlLists, ListError> {
        // Files parse independently, so on every core; the results are
        // then taken in file order, so problems and entries come in the
        // same order as from a sequential loop.
        let files: Vec<(&str, &str)> = files.into_iter().collect();
        let parsed: Vec<_> = files
            .par_iter()
            .enumerate()
            .map(|(index, &(path, text))| {
                let mut problems = Vec::new();
                let file = parse_file(path, text, index, &mut problems);
                (file, problems)
            })
            .collect();
        let mut sources = Vec::new();
        let mut entries = Vec::new();
        let mut synonyms = Vec::new();
        let mut problems = Vec::new();
        for ((path, _), (file, mut found)) in files.iter().zip(parsed) {
            problems.append(&mut found);
            match file {
                Some((source, es, syn)) => {
                    sources.push(source);
                    entries.extend(es);
                    synonyms.extend(syn);
                }
                None => sources.push(placeholder_source(path)),
            }
        }
        check_unique(&entries, &sources, &mut problems);
        attach_synonyms(&mut entries, synonyms, &mut problems);
        if !problems.is_empty() {
            return Err(ListError::new(problems));
        }
        Ok(ControlLists::assemble(sources, entries))
    }

    /// An ad-hoc watch list from (id, terms): each id becomes an entry of
    /// regime `WATCH` whose terms match in any language.
    ///
    /// # Example
    ///
    /// ```
    /// use dualuse::{ControlLists, Screener};
    /// let lists = ControlLists::from_terms([
    ///     ("WATCH-1", vec!["acme rotor", "x-9 valve"]),
    /// ]).unwrap();
    /// let s = Screener::new(lists).unwrap();
    /// assert_eq!(s.screen("2 pcs ACME rotor").hits()[0].entry_id(), "WATCH-1");
    /// ```
    ///
    /// # Errors
    ///
    /// Duplicate or malformed ids, empty terms, an id without terms.
    pub fn from_terms<I, S, T>(watch: I) -> Result<ControlLists, ListError>
    where
        I: IntoIterator<Item = (S, Vec<T>)>,
        S: AsRef<str>,
        T: AsRef<str>,
    {
        const PATH: &str = "<terms>";
        let mut problems = Vec::new();
        let mut entries = Vec::new();
        let mut watch = watch.into_iter();
        loop {
            // Entries validate on every core, a chunk at a time so the raw
            // copies of a large list never all exist at once; results are
            // taken in order.
            let chunk: Vec<RawEntry> = watch
                .by_ref()
                .take(CHUNK)
                .map(|(id, terms)| watch_entry(id.as_ref(), &terms))
                .collect();
            if chunk.is_empty() {
                break;
            }
            let done: Vec<_> = chunk
                .into_par_iter()
                .map(|raw| {
                    let mut found = Vec::new();
                    let e = validate_entry(raw, PATH, 0, &mut found);
                    (e, found)
                })
                .collect();
            for (e, mut found) in done {
                problems.append(&mut found);
                entries.extend(e);
            }
        }
        let sources = vec![ListSource {
            path: PATH.into(),
            name: "ad-hoc watch terms".into(),
            source: "caller".into(),
            version: "ad-hoc".into(),
            date: String::new(),
            url: None,
            sha256: String::new(),
        }];
        check_unique(&entries, &sources, &mut problems);
        if !problems.is_empty() {
            return Err(ListError::new(problems));
        }
        Ok(ControlLists::assemble(sources, entries))
    }

    /// These lists and `other` together, e.g. the embedded lists and a
    /// national list.
    ///
    /// # Errors
    ///
    /// An id present in both.
    pub fn merge(
        self,
        other: ControlLists,
    ) -> Result<ControlLists, ListError> {
        let offset = self.sources.len();
        let mut sources = self.sources;
        sources.extend(other.sources);
        let mut entries = self.entries;
        entries.extend(other.entries.into_iter().map(|mut e| {
            e.source += offset;
            e
        }));
        let mut problems = Vec::new();
        check_unique(&entries, &sources, &mut problems);
        if !problems.is_empty() {
            return Err(ListError::new(problems));
        }
        Ok(ControlLists::assemble(sources, entries))
    }

    fn assemble(
        sources: Vec<ListSource>,
        entries: Vec<ControlEntry>,
    ) -> ControlLists {
        // The hash covers the effective content (what screening uses), so
        // two files that differ only in comments or layout hash alike and
        // any change to a term, CAS number or heading changes it.
        let mut h = Sha256::new();
        for s in &sources {
            h.update(
                serde_json::to_vec(&(&s.name, &s.source, &s.version, &s.date))
                    .expect("sources serialise"),
            );
        }
        // Serialising is most of the hashing: a chunk of entries
        // serialises on every core, then is hashed in order.
        for chunk in entries.chunks(CHUNK) {
            let parts: Vec<Vec<u8>> = chunk
                .par_iter()
                .map(|e| serde_json::to_vec(e).expect("entries serialise"))
                .collect();
            for part in parts {
                h.update(part);
            }
        }
        let hash = hex(&h.finalize());
        ControlLists {
            sources,
            entries,
            hash,
        }
    }

    /// The files loaded, with their provenance.
    pub fn sources(&self) -> &[ListSource] {
        &self.sources
    }

    /// Every entry, in file order.
    pub fn entries(&self) -> &[ControlEntry] {
        &self.entries
    }

    /// SHA-256 (hex) of the effective content of all lists: same hash,
    /// same decisions.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The newest edition date among the loaded lists (`YYYY-MM-DD`), or
    /// `ad-hoc` when no list has a date.
    pub fn version(&self) -> String {
        self.sources
            .iter()
            .map(|s| s.date.as_str())
            .filter(|d| !d.is_empty())
            .max()
            .unwrap_or("ad-hoc")
            .to_string()
    }
}

impl Default for ControlLists {
    fn default() -> ControlLists {
        ControlLists::embedded()
    }
}

/// Entries handed to the thread pool at a time by `from_terms` and
/// `assemble`: enough to keep both cores busy, few enough that a large
/// list is never copied whole.
const CHUNK: usize = 256;

/// The raw entry `from_terms` makes of an id and its terms.
fn watch_entry<T: AsRef<str>>(id: &str, terms: &[T]) -> RawEntry {
    RawEntry {
        id: id.to_string(),
        regimes: vec!["WATCH".into()],
        title: id.to_string(),
        terms: BTreeMap::from([(
            String::new(),
            terms
                .iter()
                .map(|t| RawTerm::Plain(t.as_ref().to_string()))
                .collect(),
        )]),
        cas: vec![],
        hs: vec![],
        clear: vec![],
        note: None,
        review: None,
        params: None,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn list_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

fn problem(
    kind: ListErrorKind,
    path: Option<String>,
    entry_id: Option<&str>,
    field: Option<&str>,
    detail: String,
) -> ListProblem {
    ListProblem {
        kind,
        path,
        entry_id: entry_id.map(str::to_string),
        field: field.map(str::to_string),
        detail,
    }
}

fn io_problem(path: &Path, e: &std::io::Error) -> ListProblem {
    problem(
        ListErrorKind::Io,
        Some(path.display().to_string()),
        None,
        None,
        format!("cannot read: {e}"),
    )
}

fn placeholder_source(path: &str) -> ListSource {
    ListSource {
        path: path.into(),
        name: String::new(),
        source: String::new(),
        version: String::new(),
        date: String::new(),
        url: None,
        sha256: String::new(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    name: String,
    source: String,
    version: String,
    date: String,
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: String,
    regimes: Vec<String>,
    title: String,
    #[serde(default)]
    terms: BTreeMap<String, Vec<RawTerm>>,
    #[serde(default)]
    cas: Vec<String>,
    #[serde(default)]
    hs: Vec<String>,
    #[serde(default)]
    clear: Vec<RawTerm>,
    note: Option<String>,
    review: Option<String>,
    params: Option<RawParams>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParams {
    #[serde(rename = "match", default)]
    combine: Combine,
    window: Option<usize>,
    criteria: Vec<RawCriterion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    what: Option<String>,
    min: Option<f64>,
    above: Option<f64>,
    max: Option<f64>,
    below: Option<f64>,
    unit: Option<String>,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    cleared_by: Vec<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawTerm {
    Plain(String),
    Full(RawTermTable),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTermTable {
    text: String,
    #[serde(default)]
    case_sensitive: bool,
    #[serde(default)]
    context: Vec<String>,
    window: Option<usize>,
}

/// Classifies a serde message into a kind and, where it names one, the
/// field.
fn serde_problem(message: &str) -> (ListErrorKind, Option<String>) {
    let named = || {
        let mut parts = message.split('`');
        parts.next();
        parts.next().map(str::to_string)
    };
    if message.contains("unknown field") {
        (ListErrorKind::UnknownField, named())
    } else if message.contains("missing field") {
        (ListErrorKind::MissingField, named())
    } else {
        // Wrong types, and terms that are neither a string nor a table
        // ("did not match any variant").
        (ListErrorKind::InvalidType, None)
    }
}

/// Extra names for the entries carrying a CAS number, kept in their own
/// files (e.g. imported from a chemical database) so the hand-written
/// entries stay readable.
struct Synonyms {
    path: String,
    cas: String,
    names: Vec<Term>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSynonyms {
    cas: String,
    names: Vec<String>,
}

/// A whole list file, as [`parse_file`] reads a file without errors.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    list: RawSource,
    #[serde(default)]
    entry: Vec<RawEntry>,
    #[serde(default)]
    synonyms: Vec<RawSynonyms>,
}

/// A parsed file: its source, entries and synonym blocks.
type ParsedFile = (ListSource, Vec<ControlEntry>, Vec<Synonyms>);

fn parse_file(
    path: &str,
    text: &str,
    index: usize,
    problems: &mut Vec<ListProblem>,
) -> Option<ParsedFile> {
    // A good file deserialises straight from the text, without building
    // a `toml::Table` and copying each entry out of it (twice the work).
    // Any error takes the walk below, which finds every problem and names
    // its entry and field; both read the same structs.
    if let Ok(file) = toml::from_str::<RawFile>(text) {
        let source = validate_source(file.list, path, text, problems);
        let entries = file
            .entry
            .into_iter()
            .filter_map(|raw| validate_entry(raw, path, index, problems))
            .collect();
        let synonyms = validate_synonyms(file.synonyms, path, problems);
        return source.map(|s| (s, entries, synonyms));
    }
    let at = || Some(path.to_string());
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            problems.push(problem(
                ListErrorKind::BadToml,
                at(),
                None,
                None,
                e.to_string().trim_end().replace('\n', " "),
            ));
            return None;
        }
    };
    for key in table.keys() {
        if key != "list" && key != "entry" && key != "synonyms" {
            problems.push(problem(
                ListErrorKind::UnknownField,
                at(),
                None,
                Some(key),
                format!(
                    "unknown top-level key {key:?}, expected list, entry or synonyms"
                ),
            ));
        }
    }
    let source = match table.get("list") {
        None => {
            problems.push(problem(
                ListErrorKind::MissingField,
                at(),
                None,
                Some("list"),
                "missing the [list] table that names the source".into(),
            ));
            None
        }
        Some(v) => match RawSource::deserialize(v.clone()) {
            Ok(raw) => validate_source(raw, path, text, problems),
            Err(e) => {
                let msg = e.to_string();
                let (kind, field) = serde_problem(&msg);
                let field = field.map(|f| format!("list.{f}"));
                problems.push(problem(
                    kind,
                    at(),
                    None,
                    Some(field.as_deref().unwrap_or("list")),
                    msg.trim().to_string(),
                ));
                None
            }
        },
    };
    let mut entries = Vec::new();
    let raw_entries = match table.get("entry") {
        None => Vec::new(),
        Some(toml::Value::Array(a)) => a.clone(),
        Some(_) => {
            problems.push(problem(
                ListErrorKind::InvalidType,
                at(),
                None,
                Some("entry"),
                "entries must be written [[entry]]".into(),
            ));
            Vec::new()
        }
    };
    for (n, value) in raw_entries.into_iter().enumerate() {
        let id = value
            .get("id")
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .unwrap_or_else(|| format!("#{}", n + 1));
        match RawEntry::deserialize(value) {
            Ok(raw) => {
                if let Some(e) = validate_entry(raw, path, index, problems) {
                    entries.push(e);
                }
            }
            Err(e) => {
                let msg = e.to_string();
                let (kind, field) = serde_problem(&msg);
                problems.push(problem(
                    kind,
                    at(),
                    Some(&id),
                    field.as_deref(),
                    msg.trim().to_string(),
                ));
            }
        }
    }
    let synonyms = parse_synonyms(&table, path, problems);
    source.map(|s| (s, entries, synonyms))
}

fn parse_synonyms(
    table: &toml::Table,
    path: &str,
    problems: &mut Vec<ListProblem>,
) -> Vec<Synonyms> {
    let Some(value) = table.get("synonyms") else {
        return Vec::new();
    };
    let raws = match Vec::<RawSynonyms>::deserialize(value.clone()) {
        Ok(r) => r,
        Err(e) => {
            let msg = e.to_string();
            let (kind, field) = serde_problem(&msg);
            let field = format!("synonyms.{}", field.unwrap_or_default());
            problems.push(problem(
                kind,
                Some(path.into()),
                None,
                Some(field.trim_end_matches('.')),
                msg.trim().to_string(),
            ));
            return Vec::new();
        }
    };
    validate_synonyms(raws, path, problems)
}

fn validate_synonyms(
    raws: Vec<RawSynonyms>,
    path: &str,
    problems: &mut Vec<ListProblem>,
) -> Vec<Synonyms> {
    let mut out = Vec::new();
    for raw in raws {
        let at = format!("synonyms {}", raw.cas);
        let mut report = |kind, field: &str, detail: String| {
            problems.push(problem(
                kind,
                Some(path.into()),
                Some(&at),
                Some(field),
                detail,
            ))
        };
        let cas = match cas::parse(&raw.cas) {
            Ok(c) => c,
            Err(_) => {
                report(
                    ListErrorKind::BadCasFormat,
                    "cas",
                    format!("{:?} is not a valid CAS number", raw.cas),
                );
                continue;
            }
        };
        let names = raw
            .names
            .into_iter()
            .filter_map(|n| {
                validate_term(RawTerm::Plain(n), None, "names", &mut report)
            })
            .collect();
        out.push(Synonyms {
            path: path.into(),
            cas,
            names,
        });
    }
    out
}

/// Adds each synonym block's names to the entries carrying its CAS
/// number, skipping names an entry already has.
fn attach_synonyms(
    entries: &mut [ControlEntry],
    synonyms: Vec<Synonyms>,
    problems: &mut Vec<ListProblem>,
) {
    let mut by_cas: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        for c in &e.cas {
            by_cas.entry(c.clone()).or_default().push(i);
        }
    }
    // Each entry's normalised terms, made once: a common CAS number
    // brings many blocks to the same entry.
    let mut known: HashMap<usize, HashSet<String>> = HashMap::new();
    for block in synonyms {
        let Some(targets) = by_cas.get(&block.cas) else {
            problems.push(problem(
                ListErrorKind::UnknownCas,
                Some(block.path.clone()),
                Some(&format!("synonyms {}", block.cas)),
                Some("cas"),
                format!("no entry carries CAS number {}", block.cas),
            ));
            continue;
        };
        let names: Vec<(String, &Term)> = block
            .names
            .iter()
            .map(|n| (normalise_term(&n.text), n))
            .collect();
        for &i in targets {
            let e = &mut entries[i];
            let known = known.entry(i).or_insert_with(|| {
                e.terms.iter().map(|t| normalise_term(&t.text)).collect()
            });
            for (norm, n) in &names {
                if known.insert(norm.clone()) {
                    e.terms.push((*n).clone());
                }
            }
        }
    }
}

fn validate_source(
    raw: RawSource,
    path: &str,
    text: &str,
    problems: &mut Vec<ListProblem>,
) -> Option<ListSource> {
    let before = problems.len();
    for (field, value) in [
        ("list.name", &raw.name),
        ("list.source", &raw.source),
        ("list.version", &raw.version),
    ] {
        if value.trim().is_empty() {
            problems.push(problem(
                ListErrorKind::EmptyField,
                Some(path.into()),
                None,
                Some(field),
                "must not be empty".into(),
            ));
        }
    }
    if !is_date(&raw.date) {
        problems.push(problem(
            ListErrorKind::BadDate,
            Some(path.into()),
            None,
            Some("list.date"),
            format!("{:?} is not a date written YYYY-MM-DD", raw.date),
        ));
    }
    (problems.len() == before).then(|| ListSource {
        path: path.into(),
        name: raw.name,
        source: raw.source,
        version: raw.version,
        date: raw.date,
        url: raw.url,
        sha256: hex(&Sha256::digest(text.as_bytes())),
    })
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0))
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-_/()".contains(c))
}

fn validate_entry(
    raw: RawEntry,
    path: &str,
    source: usize,
    problems: &mut Vec<ListProblem>,
) -> Option<ControlEntry> {
    let id = raw.id.clone();
    let mut mine: Vec<ListProblem> = Vec::new();
    let mut report = |kind, field: &str, detail: String| {
        mine.push(problem(
            kind,
            Some(path.into()),
            Some(&id),
            Some(field),
            detail,
        ))
    };
    if !is_valid_id(&raw.id) {
        report(
            ListErrorKind::BadId,
            "id",
            format!(
                "{:?} is not a control code (letters, digits and . - _ / ( ) only)",
                raw.id
            ),
        );
    }
    let mut regimes = Vec::new();
    if raw.regimes.is_empty() {
        report(
            ListErrorKind::EmptyField,
            "regimes",
            "name at least one regime".into(),
        );
    }
    for r in &raw.regimes {
        match Regime::parse(r) {
            Some(r) if !regimes.contains(&r) => regimes.push(r),
            Some(_) => {}
            None => report(
                ListErrorKind::UnknownRegime,
                "regimes",
                format!(
                    "unknown regime {r:?}, expected one of WA NSG AG MTCR CWC ML EU NATIONAL WATCH"
                ),
            ),
        }
    }
    if raw.title.trim().is_empty() {
        report(
            ListErrorKind::EmptyField,
            "title",
            "must not be empty".into(),
        );
    }
    // Sized once: a watch list of 100k terms held a third more
    // capacity than terms when the vectors grew by doubling.
    let mut terms = Vec::with_capacity(raw.terms.values().map(Vec::len).sum());
    for (language, list) in raw.terms {
        // The empty key is how `from_terms` says "any language".
        let field = format!("terms.{language}");
        if !language.is_empty() && !is_language(&language) {
            report(
                ListErrorKind::UnknownLanguage,
                &field,
                format!("{language:?} is not an ISO 639-1 language code"),
            );
            continue;
        }
        let lang = (!language.is_empty()).then_some(language.as_str());
        for t in list {
            if let Some(t) = validate_term(t, lang, &field, &mut report) {
                terms.push(t);
            }
        }
    }
    let mut clear = Vec::new();
    for t in raw.clear {
        if let Some(t) = validate_term(t, None, "clear", &mut report) {
            clear.push(t);
        }
    }
    let mut cas = Vec::new();
    for c in &raw.cas {
        match cas::parse(c) {
            Ok(n) => cas.push(n),
            Err(CasProblem::Format) => report(
                ListErrorKind::BadCasFormat,
                "cas",
                format!("{c:?} is not a CAS number (NNNNNNN-NN-N)"),
            ),
            Err(CasProblem::CheckDigit { found, expected }) => report(
                ListErrorKind::BadCheckDigit,
                "cas",
                format!("{c}: check digit is {found}, expected {expected}"),
            ),
        }
    }
    for h in &raw.hs {
        if hs::normalise(h).is_none() {
            report(
                ListErrorKind::BadHsCode,
                "hs",
                format!("{h:?} is not an HS code (4 to 10 digits)"),
            );
        }
    }
    let params = raw.params.map(|p| {
        let window = p.window.unwrap_or(params::DEFAULT_WINDOW);
        if !(1..=1000).contains(&window) {
            report(
                ListErrorKind::BadWindow,
                "params.window",
                format!("window {window} outside 1..=1000 characters"),
            );
        }
        if p.criteria.is_empty() {
            report(
                ListErrorKind::BadParams,
                "params.criteria",
                "give at least one criterion".into(),
            );
        }
        let mut criteria = Vec::new();
        for (n, c) in p.criteria.into_iter().enumerate() {
            let field = format!("params.criteria[{}]", n + 1);
            let quantity = c.unit.is_some()
                || [c.min, c.above, c.max, c.below]
                    .iter()
                    .any(Option::is_some);
            let made = match (quantity, c.words.is_empty()) {
                (true, true) => params::quantity_criterion(
                    c.what.as_deref(),
                    &params::Bounds {
                        min: c.min,
                        above: c.above,
                        max: c.max,
                        below: c.below,
                    },
                    c.unit.as_deref().unwrap_or(""),
                ),
                (false, false) => params::words_criterion(
                    c.what.as_deref(),
                    &c.words,
                    &c.cleared_by,
                ),
                (true, false) => Err(
                    "a criterion has bounds with a unit, or words, not both"
                        .into(),
                ),
                (false, true) => {
                    Err("a criterion needs bounds with a unit, or words"
                        .into())
                }
            };
            match made {
                Ok(c) => criteria.push(c),
                Err(e) => report(ListErrorKind::BadParams, &field, e),
            }
        }
        Params {
            combine: p.combine,
            window,
            criteria,
        }
    });
    if terms.is_empty() && cas.is_empty() && mine.is_empty() {
        mine.push(problem(
            ListErrorKind::NoTerms,
            Some(path.into()),
            Some(&id),
            Some("terms"),
            "an entry needs at least one term or CAS number".into(),
        ));
    }
    let note = raw
        .note
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    let ok = mine.is_empty();
    problems.extend(mine);
    ok.then(|| ControlEntry {
        id: raw.id.into(),
        regimes: regimes.into(),
        title: raw.title.trim().into(),
        terms,
        cas,
        hs: raw.hs,
        clear,
        note: note.map(Into::into),
        review: raw.review,
        params,
        source,
    })
}

fn validate_term(
    raw: RawTerm,
    language: Option<&str>,
    field: &str,
    report: &mut impl FnMut(ListErrorKind, &str, String),
) -> Option<Term> {
    let table = match raw {
        RawTerm::Plain(text) => RawTermTable {
            text,
            case_sensitive: false,
            context: vec![],
            window: None,
        },
        RawTerm::Full(t) => t,
    };
    let mut ok = true;
    for (what, text) in std::iter::once(("term", &table.text))
        .chain(table.context.iter().map(|c| ("context word", c)))
    {
        if text.trim().is_empty() {
            report(ListErrorKind::EmptyTerm, field, format!("empty {what}"));
            ok = false;
        } else if !text.bytes().any(|b| b.is_ascii_alphanumeric())
            // An ASCII letter or digit is only lower-cased by
            // normalisation: most terms pass without being normalised.
            && !normalise_term(text).chars().any(char::is_alphanumeric)
        {
            report(
                ListErrorKind::TermNormalisesToEmpty,
                field,
                format!(
                    "{what} {text:?} has no letter or digit once normalised"
                ),
            );
            ok = false;
        }
    }
    let window = table.window.unwrap_or(DEFAULT_WINDOW);
    if !(1..=1000).contains(&window) {
        report(
            ListErrorKind::BadWindow,
            field,
            format!("window {window} outside 1..=1000 characters"),
        );
        ok = false;
    }
    ok.then(|| Term {
        text: table.text,
        language: language.map(str::to_string),
        case_sensitive: table.case_sensitive,
        context: table.context,
        window,
    })
}

fn check_unique(
    entries: &[ControlEntry],
    sources: &[ListSource],
    problems: &mut Vec<ListProblem>,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for e in entries {
        if let Some(first) = seen.insert(e.id(), e.source) {
            problems.push(problem(
                ListErrorKind::DuplicateId,
                Some(sources[e.source].path.clone()),
                Some(e.id()),
                Some("id"),
                format!(
                    "id {} already used in {}",
                    e.id(),
                    sources[first].path
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[list]
name = "test"
source = "test source"
version = "1"
date = "2024-01-31"

[[entry]]
id = "1C350.1"
regimes = ["AG", "CWC"]
title = "Thiodiglycol"
cas = ["111-48-8"]
hs = ["2930.70"]
clear = ["ink"]
[entry.terms]
en = ["thiodiglycol", { text = "TDG", case_sensitive = true, context = ["drum"] }]
zh = ["硫二甘醇"]
"#;

    fn load(text: &str) -> Result<ControlLists, ListError> {
        ControlLists::from_texts([("t.toml", text)])
    }

    fn kinds(
        text: &str,
    ) -> Vec<(&'static str, Option<String>, Option<String>)> {
        load(text)
            .unwrap_err()
            .problems()
            .iter()
            .map(|p| {
                (
                    p.kind().as_str(),
                    p.entry_id().map(str::to_string),
                    p.field().map(str::to_string),
                )
            })
            .collect()
    }

    #[test]
    fn embedded_lists_load() {
        let lists = ControlLists::from_texts(EMBEDDED.iter().copied())
            .unwrap_or_else(|e| panic!("embedded lists are invalid: {e}"));
        assert_eq!(lists.sources().len(), EMBEDDED.len());
    }

    #[test]
    fn loads_a_good_file() {
        let lists = load(GOOD).unwrap();
        let e = &lists.entries()[0];
        assert_eq!(e.id(), "1C350.1");
        assert_eq!(
            e.regimes(),
            [Regime::AustraliaGroup, Regime::ChemicalWeaponsConvention]
        );
        assert_eq!(e.terms().len(), 3);
        assert!(e.terms()[1].case_sensitive);
        assert_eq!(e.terms()[2].language.as_deref(), Some("zh"));
        assert_eq!(lists.version(), "2024-01-31");
        assert_eq!(lists.sources()[0].sha256.len(), 64);
    }

    #[test]
    fn hash_ignores_layout_but_not_content() {
        let a = load(GOOD).unwrap();
        let b = load(&format!("# comment\n{GOOD}")).unwrap();
        let c = load(&GOOD.replace("硫二甘醇", "硫二甘醇x")).unwrap();
        assert_eq!(a.hash(), b.hash());
        assert_ne!(a.hash(), c.hash());
    }

    #[test]
    fn refuses_each_bad_field() {
        let cases = [
            (
                "bad check digit",
                GOOD.replace("111-48-8", "111-48-9"),
                "bad_check_digit",
                "cas",
            ),
            (
                "bad cas format",
                GOOD.replace("111-48-8", "11148"),
                "bad_cas_format",
                "cas",
            ),
            (
                "bad hs",
                GOOD.replace("2930.70", "29x0"),
                "bad_hs_code",
                "hs",
            ),
            (
                "unknown language",
                GOOD.replace("zh =", "xx ="),
                "unknown_language",
                "terms.xx",
            ),
            (
                "empty term",
                GOOD.replace("\"硫二甘醇\"", "\"  \""),
                "empty_term",
                "terms.zh",
            ),
            (
                "term of nothing",
                GOOD.replace("\"硫二甘醇\"", "\"\u{200b}-\""),
                "term_normalises_to_empty",
                "terms.zh",
            ),
            (
                "unknown regime",
                GOOD.replace("\"CWC\"", "\"XYZ\""),
                "unknown_regime",
                "regimes",
            ),
            (
                "unknown field",
                GOOD.replace("hs =", "hss ="),
                "unknown_field",
                "hss",
            ),
            (
                "missing title",
                GOOD.replace("title = \"Thiodiglycol\"", ""),
                "missing_field",
                "title",
            ),
            (
                "bad id",
                GOOD.replace("id = \"1C350.1\"", "id = \"1C 350\""),
                "bad_id",
                "id",
            ),
            (
                "empty title",
                GOOD.replace("\"Thiodiglycol\"", "\" \""),
                "empty_field",
                "title",
            ),
            (
                "wrong type",
                GOOD.replace("hs = [\"2930.70\"]", "hs = 2930"),
                "invalid_type",
                "",
            ),
        ];
        for (name, text, kind, field) in cases {
            let got = kinds(&text);
            assert_eq!(got.len(), 1, "case {name}: {got:?}");
            assert_eq!(got[0].0, kind, "case {name}");
            if !field.is_empty() {
                assert_eq!(got[0].2.as_deref(), Some(field), "case {name}");
            }
            if kind != "missing_field" && kind != "bad_id" {
                assert_eq!(
                    got[0].1.as_deref(),
                    Some("1C350.1"),
                    "case {name}"
                );
            }
        }
    }

    #[test]
    fn reports_every_problem_and_loads_nothing() {
        let text = GOOD
            .replace("111-48-8", "111-48-9")
            .replace("2930.70", "29");
        let err = load(&text).unwrap_err();
        assert_eq!(err.problems().len(), 2);
        assert_eq!(err.path(), Some("t.toml"));
        let msg = err.to_string();
        assert!(msg.contains("t.toml: entry 1C350.1: field cas: 111-48-9: check digit is 9, expected 8"), "{msg}");
    }

    #[test]
    fn refuses_duplicate_ids_across_files() {
        let err =
            ControlLists::from_texts([("a.toml", GOOD), ("b.toml", GOOD)])
                .unwrap_err();
        assert_eq!(err.kind(), ListErrorKind::DuplicateId);
        assert_eq!(err.path(), Some("b.toml"));
        assert!(err.to_string().contains("already used in a.toml"));
    }

    #[test]
    fn refuses_bad_toml_and_bad_source() {
        assert_eq!(kinds("[list\nname=")[0].0, "bad_toml");
        assert_eq!(kinds("")[0].0, "missing_field");
        let bad_date = GOOD.replace("2024-01-31", "31/01/2024");
        assert_eq!(
            kinds(&bad_date)[0],
            ("bad_date", None, Some("list.date".into()))
        );
    }

    #[test]
    fn entry_needs_a_term_or_cas() {
        let text = GOOD.replace("cas = [\"111-48-8\"]", "").replace(
            "en = [\"thiodiglycol\", { text = \"TDG\", case_sensitive = true, context = [\"drum\"] }]\nzh = [\"硫二甘醇\"]",
            "",
        );
        assert_eq!(kinds(&text)[0].0, "no_terms");
    }

    #[test]
    fn from_terms_builds_watch_entries() {
        let l =
            ControlLists::from_terms([("W-1", vec!["acme rotor"])]).unwrap();
        assert_eq!(l.entries()[0].regimes(), [Regime::Watch]);
        assert!(ControlLists::from_terms([("W 1", vec!["x"])]).is_err());
        assert!(ControlLists::from_terms([("W-1", vec![""])]).is_err());
    }

    #[test]
    fn params_are_read_and_checked() {
        let with = |p: &str| {
            GOOD.replace(
                "clear = [\"ink\"]",
                &format!("clear = [\"ink\"]\n{p}"),
            )
        };
        let ok = with("params = { match = \"any\", criteria = [{ what = \"purity\", min = 30, unit = \"%\" }, { words = [\"drum\"] }] }");
        let l = load(&ok).unwrap();
        let p = l.entries()[0].params().unwrap();
        assert_eq!(p.combine, Combine::Any);
        assert_eq!(p.criteria[0].label, "purity 30 % or more");
        let cases = [
            ("unknown unit", "{ min = 3, unit = \"furlong\" }"),
            ("no bound", "{ unit = \"Hz\" }"),
            ("both", "{ min = 3, unit = \"Hz\", words = [\"x\"] }"),
            ("nothing", "{ what = \"x\" }"),
            ("reversed", "{ min = 3, max = 2, unit = \"Hz\" }"),
        ];
        for (name, c) in cases {
            let text = with(&format!("params = {{ criteria = [{c}] }}"));
            let got = kinds(&text);
            assert_eq!(got[0].0, "bad_params", "case {name}: {got:?}");
            assert_eq!(
                got[0].2.as_deref(),
                Some("params.criteria[1]"),
                "case {name}"
            );
        }
    }

    #[test]
    fn synonyms_attach_by_cas() {
        let syn =
            "[list]\nname='s'\nsource='db'\nversion='1'\ndate='2024-02-01'\n\
            [[synonyms]]\ncas='111-48-8'\nnames=['tedegyl', 'Thiodiglycol']\n";
        let l = ControlLists::from_texts([("a.toml", GOOD), ("s.toml", syn)])
            .unwrap();
        let terms: Vec<&str> = l.entries()[0]
            .terms()
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(terms.iter().filter(|t| **t == "tedegyl").count(), 1);
        // Already a term: not added twice.
        assert_eq!(terms.len(), 4);
        let bad = syn.replace("111-48-8", "7732-18-5");
        let err = ControlLists::from_texts([
            ("a.toml", GOOD),
            ("s.toml", bad.as_str()),
        ])
        .unwrap_err();
        assert_eq!(err.kind(), ListErrorKind::UnknownCas);
        assert_eq!(err.path(), Some("s.toml"));
    }

    #[test]
    fn merge_refuses_shared_ids() {
        let a = load(GOOD).unwrap();
        assert!(a.clone().merge(a).is_err());
    }

    #[test]
    fn dates() {
        assert!(is_date("2022-01-05"));
        assert!(!is_date("2022-13-05"));
        assert!(!is_date("2022-1-05"));
    }
}
