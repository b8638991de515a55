//! The one place where core errors become Python exceptions.
//!
//! - [`dualuse::ListError`] → `dualuse.ListError`, a `ValueError` with
//!   `.kind`, `.path`, `.entry_id`, `.field` (of the first problem) and
//!   `.errors()` (every problem as a dict), like pydantic's
//!   `ValidationError`.
//! - [`dualuse::BuildError`] → `ValueError` with the core's message.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyType};

/// `ListError` is written in Python because the wheel is abi3 for Python
/// 3.10: pyo3 can subclass a built-in exception such as `ValueError` from a
/// `#[pyclass]` only on the limited API of 3.12 and later, and
/// `create_exception!` gives a class without methods (no `.errors()`).
const LIST_ERROR: &std::ffi::CStr = cr#"
class ListError(ValueError):
    """Control lists were refused; nothing was loaded.

    Loading checks every file before refusing the set, so ``errors()``
    holds every problem found. ``kind``, ``path``, ``entry_id`` and
    ``field`` describe the first; ``kind`` is a stable snake_case slug
    (``bad_check_digit``, ``duplicate_id``, ``unknown_field`` ...) to
    match on, rather than the message.

    >>> import dualuse
    >>> try:
    ...     dualuse.Screener.from_terms({"WATCH 1": ["acme rotor"]})
    ... except dualuse.ListError as e:
    ...     print(e.kind, repr(e.entry_id), e.field)
    bad_id 'WATCH 1' id
    """

    def __init__(self, message, errors=()):
        super().__init__(message)
        self._errors = tuple(dict(e) for e in errors)
        first = self._errors[0] if self._errors else {}
        self.kind = first.get("kind")
        self.path = first.get("path")
        self.entry_id = first.get("entry_id")
        self.field = first.get("field")

    def errors(self):
        """Every problem, in file and entry order, as dicts with the keys
        ``kind``, ``path``, ``entry_id``, ``field`` and ``detail``."""
        return [dict(e) for e in self._errors]

    def __reduce__(self):
        # Picklable, so a worker process can send it back to its parent.
        message = self.args[0] if self.args else ""
        return (type(self), (message, self._errors))
"#;

static LIST_ERROR_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The `dualuse.ListError` class, created once per interpreter.
pub(crate) fn list_error_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    LIST_ERROR_TYPE
        .get_or_try_init(py, || {
            // `__name__` makes the class's `__module__` "dualuse", where
            // the package re-exports it and where pickle looks it up.
            let globals = PyDict::new(py);
            globals.set_item("__name__", "dualuse")?;
            py.run(LIST_ERROR, Some(&globals), None)?;
            let cls = globals
                .get_item("ListError")?
                .ok_or_else(|| PyValueError::new_err("ListError missing"))?;
            Ok(cls.cast_into::<PyType>()?.unbind())
        })
        .map(|t| t.bind(py))
}

/// A `dualuse.ListError` carrying every problem of `e`.
pub(crate) fn list_error(py: Python<'_>, e: &dualuse::ListError) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let errors = PyList::empty(py);
        for p in e.problems() {
            let d = PyDict::new(py);
            d.set_item("kind", p.kind().as_str())?;
            d.set_item("path", p.path())?;
            d.set_item("entry_id", p.entry_id())?;
            d.set_item("field", p.field())?;
            d.set_item("detail", p.detail())?;
            errors.append(d)?;
        }
        let exc = list_error_type(py)?.call1((e.to_string(), errors))?;
        Ok(PyErr::from_value(exc))
    };
    // If even building the exception fails (out of memory), raise that.
    build().unwrap_or_else(|err| err)
}

/// Options the core refused: a `ValueError` with the core's message.
pub(crate) fn build_error(e: &dualuse::BuildError) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// A JSON (de)serialisation failure of state the binding wrote itself,
/// e.g. a pickle from an incompatible version of the module.
pub(crate) fn json_error(what: &str, e: &serde_json::Error) -> PyErr {
    PyValueError::new_err(format!("cannot read {what}: {e}"))
}
