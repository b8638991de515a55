//! `Screener.screen_arrow`: Arrow strings in, an Arrow record batch out.
//!
//! The descriptions are read as `&str` straight from the Arrow buffers
//! (no Python object per row), screened by the core's `screen_many` with
//! the GIL released, and the results are written column by column into
//! Arrow arrays. Nothing is decided here: each row is the core's
//! `Screening`, flattened into the schema below.
//!
//! The schema is part of the interface (documented in the Python
//! docstring and the README); add columns at the end, never rename:
//!
//! ```text
//! risk           string
//! lane           string
//! hits           list<struct<entry_id string, regimes list<string>,
//!                            title string, rule string, score double,
//!                            status string, start int64, end int64,
//!                            matched string, term string>>
//! hs_indicators  list<struct<entry_id string, heading string>>
//! error          string
//! ```

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::builder::{ArrayBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::{
    Array, ArrayRef, Float64Array, Int64Array, ListArray, RecordBatch,
    StructArray,
};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{DataType, Field, FieldRef, Fields, Schema, SchemaRef};
use dualuse::{GoodsItem, Screener, Screening};
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

/// The result schema, with the lists' provenance as metadata so a file
/// written from it says which lists decided.
pub fn schema(screener: &Screener) -> SchemaRef {
    let s = |name: &str| Field::new(name, DataType::Utf8, true);
    let list = |item: Field| DataType::List(Arc::new(item));
    let hit = Fields::from(vec![
        s("entry_id"),
        Field::new("regimes", list(s("item")), true),
        s("title"),
        s("rule"),
        Field::new("score", DataType::Float64, true),
        s("status"),
        Field::new("start", DataType::Int64, true),
        Field::new("end", DataType::Int64, true),
        s("matched"),
        s("term"),
    ]);
    let indicator = Fields::from(vec![s("entry_id"), s("heading")]);
    let metadata = HashMap::from([
        (
            "dualuse.schema_version".to_string(),
            dualuse::SCHEMA_VERSION.to_string(),
        ),
        (
            "dualuse.lists_version".to_string(),
            screener.lists().version(),
        ),
        (
            "dualuse.lists_hash".to_string(),
            screener.lists().hash().to_string(),
        ),
    ]);
    Arc::new(
        Schema::new(vec![
            s("risk"),
            s("lane"),
            Field::new(
                "hits",
                list(Field::new("item", DataType::Struct(hit), true)),
                true,
            ),
            Field::new(
                "hs_indicators",
                list(Field::new("item", DataType::Struct(indicator), true)),
                true,
            ),
            s("error"),
        ])
        .with_metadata(metadata),
    )
}

/// A list column being built: offsets into its items and which rows are
/// null.
#[derive(Default)]
struct Lists {
    offsets: Vec<i32>,
    valid: Vec<bool>,
}

impl Lists {
    fn with_capacity(rows: usize) -> Lists {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        Lists {
            offsets,
            valid: Vec::with_capacity(rows),
        }
    }

    /// Ends a row that holds `items` items in all (the running total).
    fn push(&mut self, items: usize, valid: bool) {
        let end = i32::try_from(items)
            .expect("fewer than 2^31 hits in one Arrow chunk");
        self.offsets.push(end);
        self.valid.push(valid);
    }

    fn finish(self, item: &Field, values: ArrayRef) -> ArrayRef {
        let nulls = NullBuffer::from(self.valid);
        Arc::new(ListArray::new(
            Arc::new(item.clone()),
            OffsetBuffer::new(self.offsets.into()),
            values,
            Some(nulls).filter(|n| n.null_count() > 0),
        ))
    }
}

/// The columns of the result, appended to row by row.
struct Builder {
    risk: StringBuilder,
    lane: StringBuilder,
    hits: Lists,
    entry_id: StringBuilder,
    regimes: Lists,
    regime: StringBuilder,
    title: StringBuilder,
    rule: StringBuilder,
    score: Vec<f64>,
    status: StringBuilder,
    start: Vec<i64>,
    end: Vec<i64>,
    matched: StringBuilder,
    term: StringBuilder,
    indicators: Lists,
    hs_entry_id: StringBuilder,
    heading: StringBuilder,
    error: StringBuilder,
}

impl Builder {
    fn new(rows: usize) -> Builder {
        Builder {
            risk: StringBuilder::with_capacity(rows, rows * 4),
            lane: StringBuilder::with_capacity(rows, rows * 5),
            hits: Lists::with_capacity(rows),
            entry_id: StringBuilder::new(),
            regimes: Lists::with_capacity(0),
            regime: StringBuilder::new(),
            title: StringBuilder::new(),
            rule: StringBuilder::new(),
            score: Vec::new(),
            status: StringBuilder::new(),
            start: Vec::new(),
            end: Vec::new(),
            matched: StringBuilder::new(),
            term: StringBuilder::new(),
            indicators: Lists::with_capacity(rows),
            hs_entry_id: StringBuilder::new(),
            heading: StringBuilder::new(),
            error: StringBuilder::new(),
        }
    }

    fn screening(&mut self, s: &Screening) {
        self.risk.append_value(s.risk().as_str());
        self.lane.append_value(s.lane().as_str());
        for h in s.hits() {
            self.entry_id.append_value(h.entry_id());
            for r in h.regimes() {
                self.regime.append_value(r.as_str());
            }
            self.regimes.push(self.regime.len(), true);
            self.title.append_value(h.title());
            self.rule.append_value(h.rule().as_str());
            self.score.push(h.score());
            self.status.append_value(h.status().as_str());
            let (start, end) = h.char_span();
            self.start.push(start as i64);
            self.end.push(end as i64);
            self.matched.append_value(h.matched());
            self.term.append_value(h.term());
        }
        self.hits.push(self.score.len(), true);
        for i in s.hs_indicators() {
            self.hs_entry_id.append_value(&i.entry_id);
            self.heading.append_value(&i.heading);
        }
        self.indicators.push(self.heading.len(), true);
        self.error.append_null();
    }

    /// A row that was not screened: null results, and the reason if it
    /// was bad (None for a null description).
    fn unscreened(&mut self, error: Option<&str>) {
        self.risk.append_null();
        self.lane.append_null();
        self.hits.push(self.score.len(), false);
        self.indicators.push(self.heading.len(), false);
        self.error.append_option(error);
    }

    fn finish(mut self, schema: &SchemaRef) -> RecordBatch {
        let item = |column: usize| -> Field {
            match schema.field(column).data_type() {
                DataType::List(f) => f.as_ref().clone(),
                _ => unreachable!("hits and hs_indicators are lists"),
            }
        };
        let fields = |f: &Field| -> Fields {
            match f.data_type() {
                DataType::Struct(fs) => fs.clone(),
                _ => unreachable!("list items are structs"),
            }
        };
        let hit_item = item(2);
        let hit_fields = fields(&hit_item);
        let regime_item = match hit_fields[1].data_type() {
            DataType::List(f) => f.as_ref().clone(),
            _ => unreachable!("regimes is a list"),
        };
        let regimes = std::mem::take(&mut self.regimes)
            .finish(&regime_item, Arc::new(self.regime.finish()));
        let hits = StructArray::new(
            hit_fields,
            vec![
                Arc::new(self.entry_id.finish()),
                regimes,
                Arc::new(self.title.finish()),
                Arc::new(self.rule.finish()),
                Arc::new(Float64Array::from(self.score)),
                Arc::new(self.status.finish()),
                Arc::new(Int64Array::from(self.start)),
                Arc::new(Int64Array::from(self.end)),
                Arc::new(self.matched.finish()),
                Arc::new(self.term.finish()),
            ],
            None,
        );
        let hs_item = item(3);
        let indicators = StructArray::new(
            fields(&hs_item),
            vec![
                Arc::new(self.hs_entry_id.finish()),
                Arc::new(self.heading.finish()),
            ],
            None,
        );
        RecordBatch::try_new(
            schema.clone(),
            vec![
                Arc::new(self.risk.finish()),
                Arc::new(self.lane.finish()),
                self.hits.finish(&hit_item, Arc::new(hits)),
                self.indicators.finish(&hs_item, Arc::new(indicators)),
                Arc::new(self.error.finish()),
            ],
        )
        .expect("the columns follow the schema")
    }
}

/// Screens one chunk of rows into one record batch.
fn screen_chunk(
    screener: &Screener,
    schema: &SchemaRef,
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
    let mut out = Builder::new(texts.len());
    for (i, t) in texts.iter().enumerate() {
        match (t, hs_at(i)) {
            (Cell::Null, _) => out.unscreened(None),
            (Cell::Bad, _) => out.unscreened(Some(&format!(
                "texts[{}]: not valid UTF-8",
                first_row + i
            ))),
            (Cell::Text(_), Cell::Bad) => out.unscreened(Some(&format!(
                "hs_codes[{}]: not valid UTF-8",
                first_row + i
            ))),
            (Cell::Text(_), _) => out.screening(
                screenings.next().expect("one screening per screened row"),
            ),
        }
    }
    out.finish(schema)
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
    let schema = schema(screener);
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
            batches.push(screen_chunk(screener, &schema, chunk, hs, first));
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
