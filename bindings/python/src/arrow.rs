//! `Screener.screen_arrow`: Arrow strings in, an Arrow record batch out.
//!
//! The descriptions are read as `&str` straight from the Arrow buffers
//! (no Python object per row), screened by the core's `screen_many` with
//! the GIL released, and written into record batches by the core's
//! `ArrowBuilder`, which owns the result schema (documented there, in the
//! Python docstring and the README) and shares it with the CLI's Parquet
//! output. Nothing is decided here.

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, FieldRef};
use dualuse::{ArrowBuilder, GoodsItem, Screener};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3_arrow::input::AnyArray;
use pyo3_arrow::{PyRecordBatch, PyTable};

/// One input row as the core will see it.
enum Cell<'a> {
    Null,
    Text(&'a str),
    /// Bytes that are not UTF-8 (Arrow requires UTF-8, but a producer
    /// may not check): the row gets an `error`, the rest are screened.
    Bad,
}

/// The strings of one Arrow array, borrowed from its buffers.
fn cells<'a>(
    array: &'a dyn Array,
    what: &str,
) -> Result<Vec<Cell<'a>>, String> {
    fn read<'a>(valid: bool, bytes: impl FnOnce() -> &'a [u8]) -> Cell<'a> {
        if !valid {
            return Cell::Null;
        }
        match std::str::from_utf8(bytes()) {
            Ok(s) => Cell::Text(s),
            Err(_) => Cell::Bad,
        }
    }
    let n = array.len();
    Ok(match array.data_type() {
        DataType::Utf8 => {
            let a = array.as_string::<i32>();
            (0..n)
                .map(|i| read(a.is_valid(i), || a.value(i).as_bytes()))
                .collect()
        }
        DataType::LargeUtf8 => {
            let a = array.as_string::<i64>();
            (0..n)
                .map(|i| read(a.is_valid(i), || a.value(i).as_bytes()))
                .collect()
        }
        DataType::Utf8View => {
            let a = array.as_string_view();
            (0..n)
                .map(|i| read(a.is_valid(i), || a.value(i).as_bytes()))
                .collect()
        }
        DataType::Null => (0..n).map(|_| Cell::Null).collect(),
        other => {
            return Err(format!(
                "{what} must be an Arrow array of strings (string, \
                 large_string or string_view), not {other}"
            ))
        }
    })
}

/// Screens one chunk of rows into one record batch.
fn screen_chunk(
    screener: &Screener,
    out: &mut ArrowBuilder,
    texts: &[Cell<'_>],
    hs: Option<&[Cell<'_>]>,
    first_row: usize,
) -> RecordBatch {
    let hs_at = |i: usize| hs.map_or(&Cell::Null, |h| &h[i]);
    let items: Vec<GoodsItem<'_>> = texts
        .iter()
        .enumerate()
        .filter_map(|(i, t)| match (t, hs_at(i)) {
            (Cell::Text(t), Cell::Text(h)) => {
                Some(GoodsItem::new(t).hs_code(h))
            }
            (Cell::Text(t), Cell::Null) => Some(GoodsItem::new(t)),
            _ => None,
        })
        .collect();
    let screenings = screener.screen_many(&items);
    drop(items);
    let mut screenings = screenings.iter();
    for (i, t) in texts.iter().enumerate() {
        match (t, hs_at(i)) {
            (Cell::Null, _) => out.append_unscreened(None),
            (Cell::Bad, _) => out.append_unscreened(Some(&format!(
                "texts[{}]: not valid UTF-8",
                first_row + i
            ))),
            (Cell::Text(_), Cell::Bad) => out.append_unscreened(Some(
                &format!("hs_codes[{}]: not valid UTF-8", first_row + i),
            )),
            (Cell::Text(_), _) => out.append(
                screenings.next().expect("one screening per screened row"),
            ),
        }
    }
    out.finish()
}

/// The arrays of an Arrow input, and whether it came as a stream
/// (chunked) rather than one array.
fn chunks(input: AnyArray) -> PyResult<(Vec<ArrayRef>, FieldRef, bool)> {
    let chunked = matches!(input, AnyArray::Stream(_));
    let reader = input.into_reader()?;
    let field = reader.field();
    let arrays = reader
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok((arrays, field, chunked))
}

/// `Screener.screen_arrow`: see its docstring in `screener.rs`.
pub fn screen_arrow<'py>(
    py: Python<'py>,
    screener: &Screener,
    texts: AnyArray,
    hs_codes: Option<AnyArray>,
) -> PyResult<Bound<'py, PyAny>> {
    let (texts, _, chunked) = chunks(texts)?;
    let hs = hs_codes.map(chunks).transpose()?;
    let mut out = ArrowBuilder::new(screener);
    let schema = out.schema();
    let batches = py.detach(|| -> Result<Vec<RecordBatch>, PyErr> {
        let mut text_cells = Vec::with_capacity(texts.len());
        for a in &texts {
            text_cells.push(cells(a, "texts").map_err(PyTypeError::new_err)?);
        }
        let hs_cells = match &hs {
            None => None,
            Some((arrays, _, _)) => {
                let mut all = Vec::new();
                for a in arrays {
                    all.extend(
                        cells(a, "hs_codes").map_err(PyTypeError::new_err)?,
                    );
                }
                Some(all)
            }
        };
        let rows: usize = text_cells.iter().map(Vec::len).sum();
        if let Some(h) = &hs_cells {
            if h.len() != rows {
                return Err(PyValueError::new_err(format!(
                    "hs_codes has {} items but texts has {rows}; give one \
                     HS code (or null) per text",
                    h.len()
                )));
            }
        }
        let mut first = 0;
        let mut batches = Vec::with_capacity(text_cells.len());
        for chunk in &text_cells {
            let hs = hs_cells.as_ref().map(|h| &h[first..first + chunk.len()]);
            batches.push(screen_chunk(screener, &mut out, chunk, hs, first));
            first += chunk.len();
        }
        Ok(batches)
    })?;
    if chunked {
        PyTable::try_new(batches, schema)?.into_pyarrow(py)
    } else {
        let batch = batches
            .into_iter()
            .next()
            .unwrap_or_else(|| RecordBatch::new_empty(schema.clone()));
        PyRecordBatch::new(batch).into_pyarrow(py)
    }
}
