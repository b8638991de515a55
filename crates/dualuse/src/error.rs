//! Errors. Screening text never fails; errors come only from control
//! lists and configuration.

use std::fmt;

/// What is wrong with a control list, as a stable snake_case slug that
/// callers and tests can match on (see [`ListErrorKind::as_str`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ListErrorKind {
    /// The file could not be read.
    Io,
    /// The file is not valid TOML.
    BadToml,
    /// A key the format does not know (often a typo).
    UnknownField,
    /// A required key is absent.
    MissingField,
    /// A value has the wrong type (a number where a string belongs …).
    InvalidType,
    /// A required text is empty.
    EmptyField,
    /// Two entries share one id.
    DuplicateId,
    /// An id with white space or characters a control code never has.
    BadId,
    /// A regime the format does not know.
    UnknownRegime,
    /// A language key that is not an ISO 639-1 code.
    UnknownLanguage,
    /// An empty term.
    EmptyTerm,
    /// A term with no letter or digit once normalised.
    TermNormalisesToEmpty,
    /// A CAS number not of the form `NNNNNNN-NN-N`.
    BadCasFormat,
    /// A CAS number whose check digit is wrong.
    BadCheckDigit,
    /// An HS code that is not 4 to 10 digits.
    BadHsCode,
    /// A date not written `YYYY-MM-DD`.
    BadDate,
    /// An entry with neither a term nor a CAS number: it could never match.
    NoTerms,
    /// A context window outside 1..=1000 characters.
    BadWindow,
    /// No list file found where one was expected.
    NoLists,
    /// A synonym block names a CAS number no entry carries.
    UnknownCas,
    /// A parameter criterion that cannot be read (unknown unit, no
    /// bound, bounds reversed …).
    BadParams,
}

impl ListErrorKind {
    /// The stable slug, e.g. `bad_check_digit`, `duplicate_id`.
    pub fn as_str(self) -> &'static str {
        use ListErrorKind::*;
        match self {
            Io => "io",
            BadToml => "bad_toml",
            UnknownField => "unknown_field",
            MissingField => "missing_field",
            InvalidType => "invalid_type",
            EmptyField => "empty_field",
            DuplicateId => "duplicate_id",
            BadId => "bad_id",
            UnknownRegime => "unknown_regime",
            UnknownLanguage => "unknown_language",
            EmptyTerm => "empty_term",
            TermNormalisesToEmpty => "term_normalises_to_empty",
            BadCasFormat => "bad_cas_format",
            BadCheckDigit => "bad_check_digit",
            BadHsCode => "bad_hs_code",
            BadDate => "bad_date",
            NoTerms => "no_terms",
            BadWindow => "bad_window",
            NoLists => "no_lists",
            UnknownCas => "unknown_cas",
            BadParams => "bad_params",
        }
    }
}

impl fmt::Display for ListErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem in one control list: which file, which entry, which field,
/// and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListProblem {
    pub(crate) kind: ListErrorKind,
    pub(crate) path: Option<String>,
    pub(crate) entry_id: Option<String>,
    pub(crate) field: Option<String>,
    pub(crate) detail: String,
}

impl ListProblem {
    /// What kind of problem this is.
    pub fn kind(&self) -> ListErrorKind {
        self.kind
    }
    /// The list file, as it was named when loading.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }
    /// The id of the entry at fault, where the problem is in an entry.
    pub fn entry_id(&self) -> Option<&str> {
        self.entry_id.as_deref()
    }
    /// The field at fault (`cas`, `terms.zh`, `list.date` …).
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }
    /// What is wrong, with the offending value.
    pub fn detail(&self) -> &str {
        &self.detail
    }
}

impl fmt::Display for ListProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = &self.path {
            write!(f, "{p}: ")?;
        }
        if let Some(e) = &self.entry_id {
            write!(f, "entry {e}: ")?;
        }
        if let Some(x) = &self.field {
            write!(f, "field {x}: ")?;
        }
        f.write_str(&self.detail)
    }
}

/// Control lists were refused. Every problem found is kept (loading checks
/// the whole set before refusing it, so a maintainer fixes all at once);
/// the accessors describe the first.
#[derive(Clone, Debug, thiserror::Error)]
pub struct ListError {
    problems: Vec<ListProblem>,
}

impl ListError {
    pub(crate) fn new(problems: Vec<ListProblem>) -> ListError {
        assert!(!problems.is_empty(), "a ListError needs a problem");
        ListError { problems }
    }
    /// Every problem found, in file and entry order.
    pub fn problems(&self) -> &[ListProblem] {
        &self.problems
    }
    /// The kind of the first problem.
    pub fn kind(&self) -> ListErrorKind {
        self.problems[0].kind
    }
    /// The file of the first problem.
    pub fn path(&self) -> Option<&str> {
        self.problems[0].path()
    }
    /// The entry of the first problem.
    pub fn entry_id(&self) -> Option<&str> {
        self.problems[0].entry_id()
    }
    /// The field of the first problem.
    pub fn field(&self) -> Option<&str> {
        self.problems[0].field()
    }
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        if n == 1 {
            return write!(f, "{}", self.problems[0]);
        }
        write!(f, "{n} problems in control lists:")?;
        for p in &self.problems {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

/// A screener could not be built from valid lists: the options are wrong.
#[derive(Clone, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// `min_score` outside 0..=1.
    #[error("min_score must be within 0 and 1, got {0}")]
    MinScore(f64),
    /// A language filter names a code that is not ISO 639-1.
    #[error("unknown language code {0:?} in the language filter")]
    UnknownLanguage(String),
    /// The term automaton could not be built (too many or too long terms).
    #[error("building the term automaton failed: {0}")]
    Automaton(String),
}
