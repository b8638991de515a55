//! `Screener`: each method extracts its Python arguments into core types,
//! releases the GIL around the core call, and converts the result. All
//! screening happens in [`dualuse::Screener`].

use std::path::PathBuf;

use dualuse::{ControlLists, GoodsItem, Screener, ScreenerBuilder};
use pyo3::exceptions::{PyTypeError, PyUnicodeEncodeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyBytes, PyFloat, PyString, PyTuple, PyType};
use pyo3_arrow::input::AnyArray;

use crate::errors::{build_error, json_error, list_error};
use crate::result::{untracked, GcPause, PyScreening};

/// Screens goods descriptions against dual-use export control lists.
///
/// Build it once and share it: screening never changes it, any number of
/// threads may use one screener at once, and ``screen_many`` runs on all
/// cores with the GIL released. It pickles (to multiprocessing workers or
/// Spark executors) with its lists and options.
///
/// Constructors (each takes the keyword options ``min_score`` — drop hits
/// scoring lower, 0 to 1 —, ``languages`` — match only terms of these
/// ISO 639-1 languages; CAS numbers always count —, and ``evasion`` and
/// ``fuzzy`` — look for disguised and misspelt terms, both on by
/// default):
///
/// - ``Screener()``: the lists embedded in the module.
/// - ``Screener.from_dir(*paths)``: list files or directories of them.
/// - ``Screener.from_terms({id: [term, ...]})``: ad-hoc watch terms.
///
/// Screening never fails: any str gives a ``Screening``. Errors come only
/// from lists (``ListError``) and options (``ValueError``).
///
/// >>> import dualuse
/// >>> s = dualuse.Screener()
/// >>> r = s.screen("Thiodiglycol 99%, 4 drums", hs_code="2930.90")
/// >>> r.lane, r.hits[0].entry_id, r.hits[0].matched
/// ('red', '1C350.1', 'Thiodiglycol')
/// >>> s.screen("ladies cotton T-shirts").lane
/// 'green'
#[pyclass(module = "dualuse", name = "Screener", frozen)]
pub struct PyScreener {
    // The core screener is an `Arc` inside, Send + Sync: the frozen class
    // needs no lock and threads share it as is.
    inner: Screener,
}

#[pymethods]
impl PyScreener {
    #[new]
    #[pyo3(signature = (*, min_score = None, languages = None, evasion = true, fuzzy = true))]
    fn new(
        py: Python<'_>,
        min_score: Option<f64>,
        languages: Option<&Bound<'_, PyAny>>,
        evasion: bool,
        fuzzy: bool,
    ) -> PyResult<Self> {
        let options = options(min_score, languages, evasion, fuzzy)?;
        build(py, &options, ControlLists::embedded)
    }

    /// A screener over list files, or directories of ``*.toml`` list
    /// files (see ``lists/README.md`` for the format).
    ///
    /// Raises ``ListError`` naming the file, entry and field of every
    /// problem; nothing is loaded if there is one.
    #[classmethod]
    #[pyo3(signature = (*paths, min_score = None, languages = None, evasion = true, fuzzy = true))]
    fn from_dir(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        paths: &Bound<'_, PyTuple>,
        min_score: Option<f64>,
        languages: Option<&Bound<'_, PyAny>>,
        evasion: bool,
        fuzzy: bool,
    ) -> PyResult<Self> {
        if paths.is_empty() {
            return Err(PyTypeError::new_err(
                "from_dir() needs at least one path",
            ));
        }
        let mut files: Vec<PathBuf> = Vec::with_capacity(paths.len());
        for (i, p) in paths.iter().enumerate() {
            files.push(p.extract().map_err(|_| {
                PyTypeError::new_err(format!(
                    "paths[{i}] must be str or os.PathLike, not {}",
                    type_name(&p)
                ))
            })?);
        }
        let options = options(min_score, languages, evasion, fuzzy)?;
        let lists = py
            .detach(|| ControlLists::from_paths(&files))
            .map_err(|e| list_error(py, &e))?;
        build(py, &options, move || lists)
    }

    /// A screener over ad-hoc watch terms: a mapping from an id to its
    /// terms. Each id becomes an entry of regime ``WATCH`` whose terms
    /// match in any language.
    ///
    /// Raises ``ListError`` for a malformed id or an empty term.
    ///
    /// >>> import dualuse
    /// >>> s = dualuse.Screener.from_terms(
    /// ...     {"WATCH-1": ["acme rotor", "x-9 valve"]})
    /// >>> s.screen("2 pcs ACME rotor").hits[0].entry_id
    /// 'WATCH-1'
    #[classmethod]
    #[pyo3(signature = (terms, *, min_score = None, languages = None, evasion = true, fuzzy = true))]
    fn from_terms(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        terms: &Bound<'_, PyAny>,
        min_score: Option<f64>,
        languages: Option<&Bound<'_, PyAny>>,
        evasion: bool,
        fuzzy: bool,
    ) -> PyResult<Self> {
        let items = terms.call_method0("items").map_err(|_| {
            PyTypeError::new_err(format!(
                "terms must be a mapping from id to a list of terms, \
                 e.g. {{\"WATCH-1\": [\"acme rotor\"]}}, not {}",
                type_name(terms)
            ))
        })?;
        let mut watch: Vec<(String, Vec<String>)> = Vec::new();
        for pair in items.try_iter()? {
            let (id, list): (Bound<'_, PyAny>, Bound<'_, PyAny>) =
                pair?.extract()?;
            let id = id.cast::<PyString>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "terms: ids must be str, not {}",
                    type_name(&id)
                ))
            })?;
            let what = format!("terms[{}]", id.repr()?);
            watch.push((id.to_cow()?.into_owned(), strings(&what, &list)?));
        }
        let options = options(min_score, languages, evasion, fuzzy)?;
        let lists =
            ControlLists::from_terms(watch).map_err(|e| list_error(py, &e))?;
        build(py, &options, move || lists)
    }

    /// Screens one goods item: its description, and optionally the
    /// declared HS code (any usual form: ``2930.90``, ``29309098``), a
    /// declared CAS number and the caller's reference (echoed back).
    ///
    /// Lone surrogates (undecodable bytes kept by
    /// ``errors="surrogateescape"``) are read as ``?``, so offsets still
    /// index ``text``.
    ///
    /// >>> import dualuse
    /// >>> r = dualuse.Screener().screen("CAS 111-48-8", reference="D-1/1")
    /// >>> r.hits[0].rule, r.hits[0].matched, r.reference
    /// ('cas', '111-48-8', 'D-1/1')
    #[pyo3(signature = (
        text, hs_code = None, *, cas = None, reference = None
    ))]
    fn screen(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        hs_code: Option<&Bound<'_, PyAny>>,
        cas: Option<&Bound<'_, PyAny>>,
        reference: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyScreening>> {
        let text = Text::extract(text, || "text".into())?;
        let hs_code = Text::optional(hs_code, "hs_code")?;
        let cas = Text::optional(cas, "cas")?;
        let reference = Text::optional(reference, "reference")?;
        let screener = &self.inner;
        let screening = py.detach(|| {
            let mut item = GoodsItem::new(text.as_str());
            if let Some(h) = &hs_code {
                item = item.hs_code(h.as_str());
            }
            if let Some(c) = &cas {
                item = item.cas(c.as_str());
            }
            if let Some(r) = &reference {
                item = item.reference(r.as_str());
            }
            screener.screen_item(&item)
        });
        // Untracked as in screen_many: a loop of calls otherwise sets off
        // a collection every 700 results.
        untracked(py, PyScreening::from(screening))
    }

    /// Screens many descriptions in parallel on all cores, with the GIL
    /// released. ``texts`` is any iterable of str (a list, a generator, a
    /// pandas Series); ``hs_codes``, when given, has one HS code per text,
    /// or None (also NaN or ``pandas.NA``, as in a pandas column) where
    /// there is none. Results come in input order and equal ``screen``
    /// called one by one.
    ///
    /// Raises ``TypeError`` naming the index of an item that is not a str,
    /// ``ValueError`` when ``hs_codes`` has another length. With
    /// ``errors="report"`` a bad item does not stop the batch: its place
    /// in the result holds a ``RowError`` (index and message, falsy) and
    /// every other row is screened; ``bytes`` in valid UTF-8 are screened
    /// as text in that mode.
    ///
    /// >>> import dualuse
    /// >>> rs = dualuse.Screener().screen_many(
    /// ...     ["Thiodiglycol, 4 drums", "cotton T-shirts"],
    /// ...     hs_codes=["2930.90", None])
    /// >>> [r.lane for r in rs]
    /// ['red', 'green']
    /// >>> dualuse.Screener().screen_many(["ok", None], errors="report")[1]
    /// RowError(index=1, message='texts[1] must be str, not NoneType')
    #[pyo3(signature = (texts, hs_codes = None, *, errors = "raise"))]
    fn screen_many(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        hs_codes: Option<&Bound<'_, PyAny>>,
        errors: &str,
    ) -> PyResult<Vec<Py<PyAny>>> {
        let report = match errors {
            "raise" => false,
            "report" => true,
            other => {
                return Err(PyValueError::new_err(format!(
                    "errors must be \"raise\" or \"report\", not {other:?}"
                )))
            }
        };
        // `what` names the row only when it is bad: formatting a name for
        // every good row was a good part of a batch's serial time.
        let row = |obj: &Bound<'_, PyAny>,
                   what: &dyn Fn() -> String|
         -> PyResult<Result<Text, String>> {
            match Text::extract(obj, what) {
                Ok(t) => Ok(Ok(t)),
                Err(e) if report => match obj.cast::<PyBytes>() {
                    Ok(b) => Ok(std::str::from_utf8(b.as_bytes())
                        .map(|s| Text::Owned(s.to_string()))
                        .map_err(|u| {
                            format!("{}: not valid UTF-8: {u}", what())
                        })),
                    Err(_) => Ok(Err(e.value(py).to_string())),
                },
                Err(e) => Err(e),
            }
        };
        let mut rows: Vec<Result<Text, String>> = Vec::new();
        for (i, t) in iterate(texts, "texts")?.enumerate() {
            rows.push(row(&t?, &|| format!("texts[{i}]"))?);
        }
        let codes = match hs_codes {
            None => None,
            Some(h) => {
                let mut codes = Vec::with_capacity(rows.len());
                for (i, c) in iterate(h, "hs_codes")?.enumerate() {
                    let c = c?;
                    codes.push(if is_missing(&c)? {
                        None
                    } else {
                        match row(&c, &|| format!("hs_codes[{i}]"))? {
                            Ok(t) => Some(t),
                            Err(msg) => {
                                if let Some(r) = rows.get_mut(i) {
                                    if r.is_ok() {
                                        *r = Err(msg);
                                    }
                                }
                                None
                            }
                        }
                    });
                }
                if codes.len() != rows.len() {
                    return Err(PyValueError::new_err(format!(
                        "hs_codes has {} items but texts has {}; give one \
                         HS code (or None) per text",
                        codes.len(),
                        rows.len()
                    )));
                }
                Some(codes)
            }
        };
        let screener = &self.inner;
        let screenings = py.detach(|| {
            let items: Vec<GoodsItem<'_>> = rows
                .iter()
                .enumerate()
                .filter_map(|(i, r)| {
                    let item = GoodsItem::new(r.as_ref().ok()?.as_str());
                    Some(match codes.as_ref().and_then(|c| c[i].as_ref()) {
                        Some(h) => item.hs_code(h.as_str()),
                        None => item,
                    })
                })
                .collect();
            screener.screen_many(&items)
        });
        // Let go of the texts in a loop of their own: each release is a
        // cache miss (the workers read those objects on the other core),
        // and with nothing else in the loop the CPU overlaps them.
        let rows: Vec<Result<(), String>> =
            rows.into_iter().map(|r| r.map(drop)).collect();
        let mut screenings = PyScreening::batch(screenings);
        // The results hold no Python objects, so a collection set off
        // while they are created could free nothing of theirs; paused,
        // a batch sets off one young collection instead of one every
        // 700 rows.
        let _pause = GcPause::new(py);
        rows.into_iter()
            .enumerate()
            .map(|(index, r)| match r {
                Ok(_) => {
                    let s = screenings.next().expect("one result per row");
                    Ok(untracked(py, s)?.into_any())
                }
                Err(message) => {
                    Ok(untracked(py, PyRowError { index, message })?
                        .into_any())
                }
            })
            .collect()
    }

    /// Screens an Arrow array of strings (``pyarrow`` ``string``,
    /// ``large_string`` or ``string_view``; or anything with the Arrow
    /// PyCapsule interface, such as a polars Series). The strings are read
    /// from the Arrow buffers, with no Python object per row, and screened
    /// on all cores with the GIL released, as ``screen_many`` does.
    ///
    /// Returns a ``pyarrow.RecordBatch`` for an array, a ``pyarrow.Table``
    /// (one batch per chunk) for a chunked array or stream: one row per
    /// input row, in order, with the columns
    ///
    /// - ``risk``, ``lane``: string, as ``Screening.risk`` and ``.lane``;
    /// - ``hits``: list<struct<entry_id, regimes list<string>, title,
    ///   rule, score float64, status, start int64, end int64, matched,
    ///   term>>, as ``Screening.hits`` (``start``/``end`` in code points);
    /// - ``hs_indicators``: list<struct<entry_id, heading>>;
    /// - ``error``: string, null unless the row was bad (bytes that are
    ///   not UTF-8); its other columns are then null.
    ///
    /// A null text gives a row of nulls (``error`` too): nothing was
    /// declared, so nothing was screened, and nothing went wrong. The
    /// schema metadata names the lists (``dualuse.lists_version``,
    /// ``dualuse.lists_hash``). ``hs_codes``, when given, is an Arrow
    /// string array of the same length, null where there is none.
    ///
    /// Raises ``TypeError`` for an array that is not of strings,
    /// ``ValueError`` when ``hs_codes`` has another length.
    ///
    /// >>> import dualuse, pyarrow as pa
    /// >>> b = dualuse.Screener().screen_arrow(
    /// ...     pa.array(["Thiodiglycol, 4 drums", None, "cotton T-shirts"]))
    /// >>> b.column("lane").to_pylist()
    /// ['red', None, 'green']
    /// >>> b.column("hits")[0][0]["entry_id"].as_py()
    /// '1C350.1'
    #[pyo3(signature = (texts, hs_codes = None))]
    fn screen_arrow<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        hs_codes: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let texts = arrow_input(texts, "texts")?;
        let hs_codes = hs_codes
            .filter(|h| !h.is_none())
            .map(|h| arrow_input(h, "hs_codes"))
            .transpose()?;
        crate::arrow::screen_arrow(py, &self.inner, texts, hs_codes)
    }

    /// The newest edition date of the lists (``YYYY-MM-DD``), or
    /// ``ad-hoc`` for watch terms.
    #[getter]
    fn lists_version(&self) -> String {
        self.inner.lists().version()
    }

    /// SHA-256 of the effective content of the lists: same hash, same
    /// decisions.
    #[getter]
    fn lists_hash(&self) -> &str {
        self.inner.lists().hash()
    }

    /// Pickles as the JSON of the core's lists and options; unpickling
    /// rebuilds the screener from them.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let inner = &slf.get().inner;
        let state = slf
            .py()
            .detach(|| {
                serde_json::to_string(&(inner.lists(), inner.options()))
            })
            .map_err(|e| json_error("the screener", &e))?;
        Ok((slf.get_type().getattr("_from_state")?, (state,)))
    }

    #[classmethod]
    fn _from_state(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        state: String,
    ) -> PyResult<Self> {
        let (lists, options): (ControlLists, ScreenerBuilder) = py
            .detach(|| serde_json::from_str(&state))
            .map_err(|e| json_error("a pickled screener", &e))?;
        build(py, &options, move || lists)
    }

    /// Immutable, so a copy is the screener itself (and costs nothing,
    /// where pickling would rebuild the automaton).
    fn __copy__<'py>(slf: &Bound<'py, Self>) -> Bound<'py, Self> {
        slf.clone()
    }

    fn __deepcopy__<'py>(
        slf: &Bound<'py, Self>,
        _memo: &Bound<'py, PyAny>,
    ) -> Bound<'py, Self> {
        slf.clone()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let version = PyString::new(py, &self.inner.lists().version());
        Ok(format!(
            "Screener(entries={}, lists_version={})",
            self.inner.lists().entries().len(),
            version.repr()?
        ))
    }
}

/// Builds the core screener with the GIL released: loading the embedded
/// lists and building the automaton take a while for large lists.
fn build(
    py: Python<'_>,
    options: &ScreenerBuilder,
    lists: impl FnOnce() -> ControlLists + Send,
) -> PyResult<PyScreener> {
    py.detach(|| options.build(lists()))
        .map(|inner| PyScreener { inner })
        .map_err(|e| build_error(&e))
}

fn options(
    min_score: Option<f64>,
    languages: Option<&Bound<'_, PyAny>>,
    evasion: bool,
    fuzzy: bool,
) -> PyResult<ScreenerBuilder> {
    let mut options = Screener::builder();
    options.evasion(evasion).fuzzy(fuzzy);
    if let Some(score) = min_score {
        options.min_score(score);
    }
    if let Some(langs) = languages {
        options.languages(strings("languages", langs)?);
    }
    Ok(options)
}

/// An Arrow array or stream through the PyCapsule interface; anything
/// else is a `TypeError` that says what would do.
fn arrow_input(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<AnyArray> {
    let arrow = obj.hasattr("__arrow_c_array__")?
        || obj.hasattr("__arrow_c_stream__")?;
    if !arrow {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an Arrow array of strings (pyarrow.Array, \
             pyarrow.ChunkedArray, or anything with __arrow_c_array__ or \
             __arrow_c_stream__), not {}",
            type_name(obj)
        )));
    }
    obj.extract::<AnyArray>().map_err(|e| {
        PyTypeError::new_err(format!("{what}: {}", e.value(obj.py())))
    })
}

/// Iterates `obj`, refusing a bare str: iterating it would screen single
/// characters, which is never what the caller meant.
fn iterate<'py>(
    obj: &Bound<'py, PyAny>,
    what: &str,
) -> PyResult<Bound<'py, pyo3::types::PyIterator>> {
    if obj.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an iterable of str, not a single str"
        )));
    }
    obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what} must be an iterable of str, not {}",
            type_name(obj)
        ))
    })
}

/// A list of str from any iterable of str, naming a bad item's index.
fn strings(what: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    let mut out = Vec::new();
    for (i, item) in iterate(obj, what)?.enumerate() {
        let item = item?;
        let s = item.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!(
                "{what}[{i}] must be str, not {}",
                type_name(&item)
            ))
        })?;
        out.push(s.to_cow()?.into_owned());
    }
    Ok(out)
}

/// None, NaN or `pandas.NA`: how Python data says "no value". A pandas
/// column of HS codes holds NaN (or NA) where a declaration has none, and
/// `screen_many(df.text, df.hs)` should work on it as it stands.
fn is_missing(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    if obj.is_none() {
        return Ok(true);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(f.value().is_nan());
    }
    let t = obj.get_type();
    Ok(t.name()?.to_cow()? == "NAType"
        && t.module()?.to_cow()?.starts_with("pandas"))
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".into())
}

/// A Python str as UTF-8 the core can read, borrowed from the Python
/// object where the interpreter allows it.
/// A row of a batch that could not be screened (``errors="report"``).
#[pyclass(module = "dualuse", name = "RowError", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyRowError {
    /// The row's index in the batch.
    #[pyo3(get)]
    index: usize,
    /// Why it could not be screened.
    #[pyo3(get)]
    message: String,
}

#[pymethods]
impl PyRowError {
    fn __repr__(&self) -> String {
        format!(
            "RowError(index={}, message={})",
            self.index,
            python_repr(&self.message)
        )
    }

    /// Falsy, so ``[r for r in rs if r]`` keeps the screenings.
    fn __bool__(&self) -> bool {
        false
    }
}

/// A str as Python's repr writes it (single quotes unless the text has
/// one).
fn python_repr(s: &str) -> String {
    if s.contains('\'') && !s.contains('"') {
        format!("\"{s}\"")
    } else {
        format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
    }
}

enum Text {
    Backed(PyBackedStr),
    Owned(String),
}

impl Text {
    fn as_str(&self) -> &str {
        match self {
            Text::Backed(s) => s,
            Text::Owned(s) => s,
        }
    }

    fn extract(
        obj: &Bound<'_, PyAny>,
        what: impl FnOnce() -> String,
    ) -> PyResult<Text> {
        let py = obj.py();
        let s = obj.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!(
                "{} must be str, not {}",
                what(),
                type_name(obj)
            ))
        })?;
        match PyBackedStr::try_from(s.clone()) {
            Ok(b) => Ok(Text::Backed(b)),
            // A lone surrogate has no UTF-8 form. Encoding it as `?`
            // keeps one code point for one, so offsets still index the
            // caller's str, and one odd row does not stop a batch.
            Err(e) if e.is_instance_of::<PyUnicodeEncodeError>(py) => {
                let bytes = s.call_method1("encode", ("utf-8", "replace"))?;
                let bytes = bytes.cast_into::<PyBytes>()?;
                Ok(Text::Owned(
                    String::from_utf8_lossy(bytes.as_bytes()).into_owned(),
                ))
            }
            Err(e) => Err(e),
        }
    }

    fn optional(
        obj: Option<&Bound<'_, PyAny>>,
        what: &str,
    ) -> PyResult<Option<Text>> {
        obj.map(|o| Text::extract(o, || what.to_string()))
            .transpose()
    }
}
