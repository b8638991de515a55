//! Python views of the core's result types: `Screening`, `Hit`,
//! `Evidence`, `Cleared`, `HsIndicator`. Each wraps the core value and
//! converts on access; nothing is computed here.
//!
//! `to_json()` is the core's serde output and `to_dict()` is that JSON
//! parsed by Python, so Rust, the CLI and Python emit the same data.
//! Pickling goes through the same JSON (results cross process boundaries
//! in `multiprocessing` and Spark).

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyString, PyType};
use pyo3::{PyClass, PyClassInitializer};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::errors::json_error;

/// Python's `repr` of a string, so reprs quote exactly as Python would.
fn repr_str(py: Python<'_>, s: &str) -> String {
    PyString::new(py, s)
        .repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| format!("{s:?}"))
}

fn to_json<T: Serialize>(what: &str, value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| json_error(what, &e))
}

fn from_json<T: DeserializeOwned>(what: &str, json: &str) -> PyResult<T> {
    serde_json::from_str(json).map_err(|e| json_error(what, &e))
}

fn json_loads<'py>(
    py: Python<'py>,
    json: &str,
) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (json,))
}

/// `(cls.<constructor>, (json,))`: what `__reduce__` hands to pickle. A
/// class method, because pickle stores it as `getattr(cls, name)` and
/// finds `cls` by its module and name.
fn reduce<'py, T: PyClass>(
    slf: &Bound<'py, T>,
    constructor: &str,
    json: String,
) -> PyResult<(Bound<'py, PyAny>, (String,))> {
    Ok((slf.as_any().get_type().getattr(constructor)?, (json,)))
}

/// `Py::new` for a result, which the cyclic garbage collector then stops
/// tracking. Results hold no Python objects, so they cannot be part of a
/// cycle, yet every pyclass is a GC type: tracked, a `screen_many` of
/// 100,000 rows set off a collection every 700 objects, and full ones that
/// walked the whole batch, most of its serial time after screening.
pub(crate) fn untracked<T: PyClass>(
    py: Python<'_>,
    value: impl Into<PyClassInitializer<T>>,
) -> PyResult<Py<T>> {
    let obj = Py::new(py, value)?;
    // SAFETY: `obj` is a live object of a GC type and we hold the GIL;
    // untracking an object with no references to others is what CPython
    // does for its own atomic tuples and dicts.
    unsafe { pyo3::ffi::PyObject_GC_UnTrack(obj.as_ptr().cast()) };
    Ok(obj)
}

/// Pauses Python's cyclic garbage collector until dropped, unless the
/// caller had already disabled it. Only for code that runs no Python
/// code and creates objects no cycle can pass through: collections set
/// off there cannot free them, and would walk everything the caller
/// holds.
pub(crate) struct GcPause<'py> {
    was_enabled: bool,
    _gil: Python<'py>,
}

impl<'py> GcPause<'py> {
    pub(crate) fn new(py: Python<'py>) -> GcPause<'py> {
        // SAFETY: we hold the GIL (`py`).
        let was_enabled = unsafe { pyo3::ffi::PyGC_Disable() } != 0;
        GcPause {
            was_enabled,
            _gil: py,
        }
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if self.was_enabled {
            // SAFETY: the GIL is still held: `_gil` lives as long.
            unsafe { pyo3::ffi::PyGC_Enable() };
        }
    }
}

/// `description` or `cas`, spelled as in the JSON (a test checks that
/// `hit.field == hit.to_dict()["field"]`).
fn field_str(field: dualuse::Field) -> &'static str {
    match field {
        dualuse::Field::Description => "description",
        dualuse::Field::Cas => "cas",
    }
}

/// The result of screening one goods item.
///
/// ``lane`` is what a customs system acts on: ``green`` (release),
/// ``yellow`` (documentary check), ``red`` (inspection and licence check).
/// ``lists_version`` and ``lists_hash`` name the lists used, so the
/// decision can be reproduced.
///
/// >>> import dualuse
/// >>> r = dualuse.Screener().screen("Thiodiglycol 99% 200L drums")
/// >>> r
/// Screening(lane='red', hits=1)
/// >>> r.risk, [h.entry_id for h in r.hits]
/// ('high', ['1C350.1'])
/// >>> dualuse.Screening.from_json(r.to_json()) == r
/// True
#[pyclass(module = "dualuse", name = "Screening", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyScreening(Arc<dualuse::Screening>);

impl PyScreening {
    /// One Python object per screening of a batch, in order. Rows where
    /// nothing was found are equal in every field (no hits, the same
    /// lists), so their objects share one copy of that screening: objects
    /// of 40 bytes instead of 168, and no copy of each row's result.
    /// Sharing the batch itself would do as well, but would keep every
    /// row's result alive for as long as the caller keeps any one of them.
    pub(crate) fn batch(
        screenings: Vec<dualuse::Screening>,
    ) -> impl Iterator<Item = PyScreening> {
        let mut quiet: Option<Arc<dualuse::Screening>> = None;
        screenings.into_iter().map(move |s| {
            if let Some(q) = &quiet {
                if s == **q {
                    return PyScreening(Arc::clone(q));
                }
            }
            let found_nothing = s.hits().is_empty()
                && s.cleared().is_empty()
                && s.hs_indicators().is_empty();
            let s = Arc::new(s);
            if found_nothing && quiet.is_none() {
                quiet = Some(Arc::clone(&s));
            }
            PyScreening(s)
        })
    }

    fn get(&self) -> &dualuse::Screening {
        &self.0
    }
}

impl From<dualuse::Screening> for PyScreening {
    fn from(s: dualuse::Screening) -> PyScreening {
        PyScreening(Arc::new(s))
    }
}

#[pymethods]
impl PyScreening {
    /// Entries the goods may fall under, best first.
    #[getter]
    fn hits(&self) -> Vec<PyHit> {
        self.get().hits().iter().cloned().map(PyHit::from).collect()
    }

    /// Hits set aside because the text names look-alike benign goods.
    #[getter]
    fn cleared(&self) -> Vec<PyCleared> {
        self.get()
            .cleared()
            .iter()
            .cloned()
            .map(PyCleared::from)
            .collect()
    }

    /// Entries whose usual HS headings are near the declared HS code,
    /// whether or not the text matched.
    #[getter]
    fn hs_indicators(&self) -> Vec<PyHsIndicator> {
        self.get()
            .hs_indicators()
            .iter()
            .cloned()
            .map(PyHsIndicator::from)
            .collect()
    }

    /// ``none``, ``low``, ``medium`` or ``high``.
    #[getter]
    fn risk(&self) -> &'static str {
        self.get().risk().as_str()
    }

    /// ``green``, ``yellow`` or ``red``.
    #[getter]
    fn lane(&self) -> &'static str {
        self.get().lane().as_str()
    }

    /// The caller's reference, echoed back, or None.
    #[getter]
    fn reference(&self) -> Option<&str> {
        self.get().reference()
    }

    /// The newest edition date of the lists used (``YYYY-MM-DD``).
    #[getter]
    fn lists_version(&self) -> &str {
        self.get().lists_version()
    }

    /// SHA-256 of the effective content of the lists used.
    #[getter]
    fn lists_hash(&self) -> &str {
        self.get().lists_hash()
    }

    /// Version of the JSON form.
    #[getter]
    fn schema_version(&self) -> u32 {
        dualuse::SCHEMA_VERSION
    }

    /// The JSON form: exactly what the Rust library and the CLI write.
    fn to_json(&self) -> String {
        self.get().to_json()
    }

    /// The JSON form as Python dicts and lists.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_loads(py, &self.get().to_json())
    }

    /// Reads the JSON form back, e.g. a line of the CLI's JSON Lines
    /// output (extra fields such as ``row`` are ignored).
    ///
    /// Raises ValueError if ``json`` is not a screening.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, json: String) -> PyResult<Self> {
        from_json::<dualuse::Screening>("a screening", &json)
            .map(PyScreening::from)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let json = slf.get().get().to_json();
        reduce(slf, "from_json", json)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Screening(lane={}, hits={})",
            repr_str(py, self.get().lane().as_str()),
            self.get().hits().len()
        )
    }
}

/// A control entry the goods may fall under, with the evidence.
///
/// ``start`` and ``end`` index the Python string that was screened (code
/// points), so ``text[hit.start:hit.end] == hit.matched`` for a hit found
/// in the description (``field == "description"``); for ``field ==
/// "cas"`` they index the declared CAS number.
///
/// >>> import dualuse
/// >>> text = "Lieferung: Thiodiglycol, 4 Fässer"
/// >>> hit = dualuse.Screener().screen(text).hits[0]
/// >>> hit.entry_id, hit.rule, hit.matched
/// ('1C350.1', 'term', 'Thiodiglycol')
/// >>> text[hit.start:hit.end]
/// 'Thiodiglycol'
#[pyclass(module = "dualuse", name = "Hit", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyHit(dualuse::Hit);

impl From<dualuse::Hit> for PyHit {
    fn from(h: dualuse::Hit) -> PyHit {
        PyHit(h)
    }
}

#[pymethods]
impl PyHit {
    /// The control code of the entry, e.g. ``1C350.1``.
    #[getter]
    fn entry_id(&self) -> &str {
        self.0.entry_id()
    }

    /// The regimes of the entry, e.g. ``["AG", "CWC"]``.
    #[getter]
    fn regimes(&self) -> Vec<&'static str> {
        self.0.regimes().iter().map(|r| r.as_str()).collect()
    }

    /// The entry's plain title.
    #[getter]
    fn title(&self) -> &str {
        self.0.title()
    }

    /// What fired in the best evidence: ``term``, ``cas``, ``evasion`` (a
    /// term found only by undoing a disguise) or ``fuzzy`` (a term with
    /// typos). Later versions may add rules; treat an unknown one as
    /// ``term``.
    #[getter]
    fn rule(&self) -> &'static str {
        self.0.rule().as_str()
    }

    /// How sure, 0 to 1: all evidence combined, raised by a matching HS
    /// code.
    #[getter]
    fn score(&self) -> f64 {
        self.0.score()
    }

    /// Where the best evidence was found: ``description`` or ``cas``.
    #[getter]
    fn field(&self) -> &'static str {
        field_str(self.0.field())
    }

    /// Start of the best evidence, in code points (a Python str index).
    #[getter]
    fn start(&self) -> usize {
        self.0.char_span().0
    }

    /// End (exclusive) of the best evidence, in code points.
    #[getter]
    fn end(&self) -> usize {
        self.0.char_span().1
    }

    /// Start of the best evidence, in UTF-8 bytes.
    #[getter]
    fn byte_start(&self) -> usize {
        self.0.byte_span().0
    }

    /// End (exclusive) of the best evidence, in UTF-8 bytes.
    #[getter]
    fn byte_end(&self) -> usize {
        self.0.byte_span().1
    }

    /// The original words (or number) as written in the text.
    #[getter]
    fn matched(&self) -> &str {
        self.0.matched()
    }

    /// The list's term, or the canonical CAS number.
    #[getter]
    fn term(&self) -> &str {
        self.0.term()
    }

    /// ISO 639-1 language of the term, or None.
    #[getter]
    fn language(&self) -> Option<&str> {
        self.0.language()
    }

    /// What was undone to find the best evidence (rule ``evasion``: e.g.
    /// ``mixed_script``, ``leetspeak``), or ``typos:N`` (rule ``fuzzy``);
    /// empty otherwise.
    #[getter]
    fn evasion(&self) -> Vec<String> {
        self.0.evasion().to_vec()
    }

    /// What the entry's technical parameters say: ``listed`` (the entry
    /// has none), ``controlled`` (stated values meet them) or
    /// ``candidate`` (not stated: ask for the data sheet).
    #[getter]
    fn status(&self) -> &'static str {
        self.0.status().as_str()
    }

    /// The parameter criteria checked, as dicts with ``criterion``,
    /// ``outcome`` (``met``, ``failed``, ``unstated``) and ``found`` (the
    /// words of the text that decided it, or None).
    #[getter]
    fn params<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<Vec<Bound<'py, pyo3::types::PyDict>>> {
        self.0
            .params()
            .iter()
            .map(|c| {
                let d = pyo3::types::PyDict::new(py);
                d.set_item("criterion", &c.criterion)?;
                d.set_item("outcome", c.outcome.as_str())?;
                d.set_item("found", c.found.as_deref())?;
                Ok(d)
            })
            .collect()
    }

    /// The entry's HS heading that the declared code matched, or None.
    #[getter]
    fn hs_match(&self) -> Option<&str> {
        self.0.hs_match()
    }

    /// The officer's note of the entry, or None.
    #[getter]
    fn note(&self) -> Option<&str> {
        self.0.note()
    }

    /// All evidence, strongest first.
    #[getter]
    fn evidence(&self) -> Vec<PyEvidence> {
        self.0.evidence().iter().cloned().map(PyEvidence).collect()
    }

    /// The JSON form of the hit, as in ``Screening.to_json()``.
    fn to_json(&self) -> PyResult<String> {
        to_json("a hit", &self.0)
    }

    /// The JSON form as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_loads(py, &to_json("a hit", &self.0)?)
    }

    #[classmethod]
    fn _from_json(_cls: &Bound<'_, PyType>, json: String) -> PyResult<Self> {
        from_json("a hit", &json).map(PyHit)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(slf, "_from_json", to_json("a hit", &slf.get().0)?)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Hit(entry={}, term={}, score={:?})",
            repr_str(py, self.0.entry_id()),
            repr_str(py, self.0.term()),
            self.0.score()
        )
    }
}

/// One piece of evidence for an entry: what matched where.
#[pyclass(module = "dualuse", name = "Evidence", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyEvidence(dualuse::Evidence);

impl From<dualuse::Evidence> for PyEvidence {
    fn from(e: dualuse::Evidence) -> PyEvidence {
        PyEvidence(e)
    }
}

#[pymethods]
impl PyEvidence {
    /// ``term``, ``cas``, ``evasion`` or ``fuzzy``.
    #[getter]
    fn rule(&self) -> &'static str {
        self.0.rule.as_str()
    }

    /// ``description`` or ``cas``.
    #[getter]
    fn field(&self) -> &'static str {
        field_str(self.0.field)
    }

    /// Start in code points in that field.
    #[getter]
    fn start(&self) -> usize {
        self.0.char_start
    }

    /// End (exclusive) in code points.
    #[getter]
    fn end(&self) -> usize {
        self.0.char_end
    }

    /// Start in UTF-8 bytes.
    #[getter]
    fn byte_start(&self) -> usize {
        self.0.byte_start
    }

    /// End (exclusive) in UTF-8 bytes.
    #[getter]
    fn byte_end(&self) -> usize {
        self.0.byte_end
    }

    /// The original words (or number) as written.
    #[getter]
    fn matched(&self) -> &str {
        &self.0.matched
    }

    /// The list's term, or the canonical CAS number.
    #[getter]
    fn term(&self) -> &str {
        &self.0.term
    }

    /// Language of the term, or None.
    #[getter]
    fn language(&self) -> Option<&str> {
        self.0.language.as_deref()
    }

    /// What was undone to find it (rule ``evasion``), or ``typos:N``
    /// (rule ``fuzzy``); empty otherwise.
    #[getter]
    fn evasion(&self) -> Vec<String> {
        self.0.evasion.clone()
    }

    /// How much this evidence alone says, 0 to 1.
    #[getter]
    fn score(&self) -> f64 {
        self.0.score
    }

    /// The JSON form of the evidence.
    fn to_json(&self) -> PyResult<String> {
        to_json("evidence", &self.0)
    }

    /// The JSON form as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_loads(py, &to_json("evidence", &self.0)?)
    }

    #[classmethod]
    fn _from_json(_cls: &Bound<'_, PyType>, json: String) -> PyResult<Self> {
        from_json("evidence", &json).map(PyEvidence)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(slf, "_from_json", to_json("evidence", &slf.get().0)?)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Evidence(rule={}, matched={}, score={:?})",
            repr_str(py, self.0.rule.as_str()),
            repr_str(py, &self.0.matched),
            self.0.score
        )
    }
}

/// A hit set aside because the text names look-alike benign goods
/// (``toothpaste`` for sodium fluoride), with the reason.
#[pyclass(module = "dualuse", name = "Cleared", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyCleared(dualuse::Cleared);

impl From<dualuse::Cleared> for PyCleared {
    fn from(c: dualuse::Cleared) -> PyCleared {
        PyCleared(c)
    }
}

#[pymethods]
impl PyCleared {
    /// The hit as it would have been.
    #[getter]
    fn hit(&self) -> PyHit {
        PyHit(self.0.hit.clone())
    }

    /// The control code of that hit's entry.
    #[getter]
    fn entry_id(&self) -> &str {
        self.0.hit.entry_id()
    }

    /// Why it was set aside.
    #[getter]
    fn reason(&self) -> &str {
        &self.0.reason
    }

    /// The JSON form (the hit's fields plus ``reason``).
    fn to_json(&self) -> PyResult<String> {
        to_json("a cleared hit", &self.0)
    }

    /// The JSON form as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_loads(py, &to_json("a cleared hit", &self.0)?)
    }

    #[classmethod]
    fn _from_json(_cls: &Bound<'_, PyType>, json: String) -> PyResult<Self> {
        from_json("a cleared hit", &json).map(PyCleared)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(slf, "_from_json", to_json("a cleared hit", &slf.get().0)?)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Cleared(entry={}, reason={})",
            repr_str(py, self.0.hit.entry_id()),
            repr_str(py, &self.0.reason)
        )
    }
}

/// An entry whose usual HS headings are near the declared HS code. An
/// indicator alone never makes a hit; it raises the risk to ``low``.
#[pyclass(module = "dualuse", name = "HsIndicator", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyHsIndicator(dualuse::HsIndicator);

impl From<dualuse::HsIndicator> for PyHsIndicator {
    fn from(i: dualuse::HsIndicator) -> PyHsIndicator {
        PyHsIndicator(i)
    }
}

#[pymethods]
impl PyHsIndicator {
    /// The control code.
    #[getter]
    fn entry_id(&self) -> &str {
        &self.0.entry_id
    }

    /// The entry's title.
    #[getter]
    fn title(&self) -> &str {
        &self.0.title
    }

    /// The entry's HS heading, as the list writes it.
    #[getter]
    fn heading(&self) -> &str {
        &self.0.heading
    }

    /// The declared HS code, digits only.
    #[getter]
    fn declared(&self) -> &str {
        &self.0.declared
    }

    /// The JSON form of the indicator.
    fn to_json(&self) -> PyResult<String> {
        to_json("an HS indicator", &self.0)
    }

    /// The JSON form as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_loads(py, &to_json("an HS indicator", &self.0)?)
    }

    #[classmethod]
    fn _from_json(_cls: &Bound<'_, PyType>, json: String) -> PyResult<Self> {
        from_json("an HS indicator", &json).map(PyHsIndicator)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reduce(slf, "_from_json", to_json("an HS indicator", &slf.get().0)?)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "HsIndicator(entry={}, heading={}, declared={})",
            repr_str(py, &self.0.entry_id),
            repr_str(py, &self.0.heading),
            repr_str(py, &self.0.declared)
        )
    }
}
