//! `dualuse._dualuse`, the compiled half of the Python package `dualuse`.
//!
//! A conversion layer only: every decision is made by the `dualuse` crate.
//! The package (`python/dualuse/__init__.py`) re-exports what this module
//! registers; `_dualuse.pyi` beside it is the stub.

use pyo3::prelude::*;

mod arrow;
mod errors;
mod result;
mod screener;

#[pymodule]
fn _dualuse(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<screener::PyScreener>()?;
    m.add_class::<screener::PyRowError>()?;
    m.add_class::<result::PyScreening>()?;
    m.add_class::<result::PyHit>()?;
    m.add_class::<result::PyEvidence>()?;
    m.add_class::<result::PyCleared>()?;
    m.add_class::<result::PyHsIndicator>()?;
    m.add("ListError", errors::list_error_type(m.py())?)?;
    m.add("SCHEMA_VERSION", dualuse::SCHEMA_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
