//! Parquet in and out, one record batch at a time, so a file larger than
//! memory is screened in constant memory.
//!
//! Reading turns each record batch into the same `Record`s as CSV and
//! JSON Lines (the text is copied once per batch, which costs far less
//! than screening it) and keeps the batch for the output. Writing
//! appends the result columns of the core's `ArrowBuilder`, the schema
//! Python's `screen_arrow` returns, to the input's own columns.

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use anyhow::{bail, Context};
use arrow_array::builder::StringBuilder;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type,
    UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrayRef, Int64Array, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use dualuse::{ArrowBuilder, Screener, Screening};
use parquet::arrow::arrow_reader::{
    ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder,
};
use parquet::arrow::{ArrowWriter, ProjectionMask};
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;

use crate::input::{self, BadRow, Columns, Item, Record};

/// The column of the 1-based row number in Parquet output, before the
/// result columns.
pub const ROW: &str = "row";

/// Record batches per row group written: 32 batches of the default 4096
/// rows is 131,072 rows. The writer holds a row group in memory until it
/// is full, so this (with `ROW_GROUP_BYTES`) bounds the memory of the
/// output; readers still get row groups large enough to scan quickly.
const ROW_GROUP_BATCHES: usize = 32;

/// A row group is also closed at this estimated size, for inputs whose
/// passed-through columns are wide.
const ROW_GROUP_BYTES: usize = 64 << 20;

/// A Parquet file read a record batch at a time.
pub struct ParquetSource {
    path: String,
    reader: ParquetRecordBatchReader,
    /// Names of the columns read, for messages.
    names: Vec<String>,
    /// The columns to screen, as indices into the batches read.
    picked: input::Picked,
    /// The columns passed through to the output, as indices into the
    /// batches read, and their schema; `None` when they are not kept.
    keep: Option<(Vec<usize>, SchemaRef)>,
    rows: u64,
    row: u64,
}

impl ParquetSource {
    /// Opens a Parquet file and finds the columns to screen. With
    /// `pass_through`, every column is read to be written out again,
    /// except those named in `reserved` (the output's own columns),
    /// which are returned so the caller can say so; without, only the
    /// columns screened are read.
    ///
    /// # Errors
    ///
    /// When the file is not Parquet, a column is missing or holds
    /// neither text nor (for codes and references) numbers; each
    /// message names the file.
    pub fn open(
        path: &Path,
        columns: &Columns,
        batch_size: usize,
        pass_through: bool,
        reserved: &[&str],
    ) -> anyhow::Result<(ParquetSource, Vec<String>)> {
        let shown = path.display().to_string();
        let file = File::open(path)
            .with_context(|| format!("cannot open {shown}"))?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(file)
            .with_context(|| format!("cannot read {shown} as Parquet"))?;
        let schema = builder.schema().clone();
        let all: Vec<String> =
            schema.fields().iter().map(|f| f.name().clone()).collect();
        let picked =
            input::pick(&all, columns).with_context(|| shown.clone())?;
        let check = |i: Option<usize>, numbers: bool| -> anyhow::Result<()> {
            let Some(i) = i else { return Ok(()) };
            let t = schema.field(i).data_type();
            if readable(t, numbers) {
                return Ok(());
            }
            let want = if numbers {
                "text or numbers"
            } else {
                "text (string or binary)"
            };
            bail!("{shown}: column {:?} is {t}, not {want}", all[i])
        };
        check(Some(picked.text), false)?;
        check(picked.hs, true)?;
        check(picked.reference, true)?;
        check(picked.cas, true)?;

        // Without pass-through, read only the columns screened: a wide
        // file then costs no more than a narrow one.
        let read: Vec<usize> = if pass_through {
            (0..all.len()).collect()
        } else {
            let mut r: Vec<usize> =
                [Some(picked.text), picked.hs, picked.reference, picked.cas]
                    .into_iter()
                    .flatten()
                    .collect();
            r.sort_unstable();
            r.dedup();
            r
        };
        let at = |i: usize| read.binary_search(&i).expect("column is read");
        let picked_read = input::Picked {
            text: at(picked.text),
            hs: picked.hs.map(at),
            reference: picked.reference.map(at),
            cas: picked.cas.map(at),
        };
        let mut dropped = Vec::new();
        let keep = pass_through.then(|| {
            let mut kept = Vec::new();
            let mut fields = Vec::new();
            for (i, f) in schema.fields().iter().enumerate() {
                if reserved.contains(&f.name().as_str()) {
                    dropped.push(f.name().clone());
                } else {
                    kept.push(i);
                    fields.push(f.clone());
                }
            }
            // The input's schema metadata is left behind: it describes
            // the input (pandas' index, say), not the output.
            (kept, Arc::new(Schema::new(fields)))
        });
        // A codec this build lacks would only fail at its first page,
        // after the output was created: refuse it now, by name.
        let descr = builder.parquet_schema();
        for rg in builder.metadata().row_groups() {
            for (c, chunk) in rg.columns().iter().enumerate() {
                let root = descr.get_column_root_idx(c);
                let codec = chunk.compression();
                let name = match codec {
                    Compression::UNCOMPRESSED
                    | Compression::SNAPPY
                    | Compression::ZSTD(_) => continue,
                    Compression::GZIP(_) => "gzip",
                    Compression::BROTLI(_) => "Brotli",
                    Compression::LZ4 | Compression::LZ4_RAW => "LZ4",
                    Compression::LZO => "LZO",
                };
                if read.binary_search(&root).is_ok() {
                    bail!(
                        "{shown}: column {:?} is compressed with {name}, \
                         which this build does not read; re-save the file \
                         with Snappy or Zstandard (pyarrow: \
                         compression=\"zstd\")",
                        all[root]
                    );
                }
            }
        }
        let rows = builder.metadata().file_metadata().num_rows();
        let mask =
            ProjectionMask::roots(builder.parquet_schema(), read.clone());
        let reader = builder
            .with_projection(mask)
            .with_batch_size(batch_size)
            .build()
            .with_context(|| format!("cannot read {shown} as Parquet"))?;
        let source = ParquetSource {
            path: shown,
            reader,
            names: read.iter().map(|&i| all[i].clone()).collect(),
            picked: picked_read,
            keep,
            rows: u64::try_from(rows).unwrap_or(0),
            row: 0,
        };
        Ok((source, dropped))
    }

    /// Rows in the file, from its footer.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Rows read so far.
    pub fn rows_read(&self) -> u64 {
        self.row
    }

    /// The schema of the columns passed through, if they are.
    pub fn pass_through(&self) -> Option<SchemaRef> {
        self.keep.as_ref().map(|(_, s)| s.clone())
    }

    /// The records of the next record batch, and its columns to pass
    /// through; `None` at the end of the file.
    ///
    /// # Errors
    ///
    /// When the file cannot be read on (corrupt, truncated, compressed
    /// with a codec this build lacks), naming the file.
    pub fn next_batch(
        &mut self,
    ) -> anyhow::Result<Option<(Vec<Record>, Option<RecordBatch>)>> {
        let Some(batch) = self.reader.next() else {
            return Ok(None);
        };
        let batch = batch.with_context(|| {
            format!("cannot read {} after row {}", self.path, self.row)
        })?;
        let p = &self.picked;
        let text = cells(batch.column(p.text).as_ref());
        let other = |i: Option<usize>| {
            i.map(|i| (self.names[i].as_str(), cells(batch.column(i))))
        };
        let (hs, reference, cas) =
            (other(p.hs), other(p.reference), other(p.cas));
        let text_name = &self.names[p.text];
        let mut records = Vec::with_capacity(batch.num_rows());
        for (i, t) in text.into_iter().enumerate() {
            self.row += 1;
            let row = self.row;
            let bad = |error| {
                Record::Bad(BadRow {
                    row,
                    line: None,
                    error,
                })
            };
            let text = match t {
                Cell::Null => {
                    records.push(Record::Null(row));
                    continue;
                }
                Cell::Bad(e) => {
                    records.push(bad(utf8_error(text_name, &e)));
                    continue;
                }
                Cell::Text(t) => t,
            };
            let field = |c: &Option<(&str, Vec<Cell>)>| match c {
                None => Ok(None),
                Some((name, cells)) => match &cells[i] {
                    Cell::Null => Ok(None),
                    Cell::Bad(e) => Err(utf8_error(name, e)),
                    Cell::Text(s) => {
                        let s = s.trim();
                        Ok((!s.is_empty()).then(|| s.to_string()))
                    }
                },
            };
            let item = (|| {
                Ok::<_, String>(Item {
                    row,
                    line: 0,
                    text,
                    hs: field(&hs)?,
                    reference: field(&reference)?,
                    cas: field(&cas)?,
                })
            })();
            records.push(match item {
                Ok(item) => Record::Item(item),
                Err(e) => bad(e),
            });
        }
        let kept = self.keep.as_ref().map(|(kept, schema)| {
            let columns = kept.iter().map(|&i| batch.column(i).clone());
            RecordBatch::try_new(schema.clone(), columns.collect())
                .expect("the kept columns follow their schema")
        });
        Ok(Some((records, kept)))
    }
}

fn utf8_error(column: &str, e: &std::str::Utf8Error) -> String {
    format!(
        "invalid UTF-8 in column {column:?} at byte {} of the value",
        e.valid_up_to()
    )
}

/// Whether a column of this type can be read as text: strings, binary
/// (checked for UTF-8 row by row), dictionaries of them (pandas'
/// categoricals), all-null columns and, with `numbers`, numbers (HS codes
/// and references are often stored as integers).
fn readable(t: &DataType, numbers: bool) -> bool {
    use DataType::*;
    match t {
        Utf8 | LargeUtf8 | Utf8View | Binary | LargeBinary | BinaryView
        | Null => true,
        Dictionary(_, values) => readable(values, numbers),
        Int8 | Int16 | Int32 | Int64 | UInt8 | UInt16 | UInt32 | UInt64
        | Float32 | Float64 => numbers,
        _ => false,
    }
}

/// One value of a column, as the text screened.
#[derive(Clone)]
enum Cell {
    Null,
    Text(String),
    /// Bytes that are not UTF-8 (a binary column): a bad row.
    Bad(std::str::Utf8Error),
}

/// The values of a column whose type `readable` accepted.
fn cells(a: &dyn Array) -> Vec<Cell> {
    let n = a.len();
    let text = |i: usize, s: &str| {
        if a.is_null(i) {
            Cell::Null
        } else {
            Cell::Text(s.to_string())
        }
    };
    let bytes = |i: usize, b: &[u8]| {
        if a.is_null(i) {
            return Cell::Null;
        }
        match std::str::from_utf8(b) {
            Ok(s) => Cell::Text(s.to_string()),
            Err(e) => Cell::Bad(e),
        }
    };
    macro_rules! each {
        ($array:expr, $cell:expr) => {{
            let x = $array;
            (0..n).map(|i| $cell(i, x.value(i))).collect()
        }};
    }
    let int = |i: usize, v: i128| text(i, &v.to_string());
    macro_rules! ints {
        ($t:ty) => {
            each!(a.as_primitive::<$t>(), |i, v| int(i, i128::from(v)))
        };
    }
    // A float column of codes is what pandas writes for integers with a
    // gap (NaN): 29307000.0 is the code 29307000; NaN is no code.
    let float = |i: usize, v: f64| {
        if v.is_nan() {
            Cell::Null
        } else if v.fract() == 0.0 && v.abs() < 1e15 {
            text(i, &(v as i64).to_string())
        } else {
            text(i, &v.to_string())
        }
    };
    match a.data_type() {
        DataType::Utf8 => each!(a.as_string::<i32>(), text),
        DataType::LargeUtf8 => each!(a.as_string::<i64>(), text),
        DataType::Utf8View => each!(a.as_string_view(), text),
        DataType::Binary => each!(a.as_binary::<i32>(), bytes),
        DataType::LargeBinary => each!(a.as_binary::<i64>(), bytes),
        DataType::BinaryView => each!(a.as_binary_view(), bytes),
        DataType::Dictionary(_, _) => {
            let d = a.as_any_dictionary();
            let values = cells(d.values().as_ref());
            let keys = d.normalized_keys();
            (0..n)
                .map(|i| {
                    if a.is_null(i) {
                        Cell::Null
                    } else {
                        values[keys[i]].clone()
                    }
                })
                .collect()
        }
        DataType::Int8 => ints!(Int8Type),
        DataType::Int16 => ints!(Int16Type),
        DataType::Int32 => ints!(Int32Type),
        DataType::Int64 => ints!(Int64Type),
        DataType::UInt8 => ints!(UInt8Type),
        DataType::UInt16 => ints!(UInt16Type),
        DataType::UInt32 => ints!(UInt32Type),
        DataType::UInt64 => ints!(UInt64Type),
        DataType::Float32 => each!(a.as_primitive::<Float32Type>(), |i, v| {
            float(i, f64::from(v))
        }),
        DataType::Float64 => each!(a.as_primitive::<Float64Type>(), float),
        // Null, and anything `readable` refused (never asked for).
        _ => vec![Cell::Null; n],
    }
}

/// Parquet output: the passed-through columns, `row`, then the result
/// columns, written a record batch at a time.
pub struct ParquetSink {
    writer: ArrowWriter<Box<dyn Write + Send>>,
    schema: SchemaRef,
    results: ArrowBuilder,
    rows: Vec<i64>,
    /// For input that is not Parquet: the fields read, as columns.
    items: Option<ItemColumns>,
}

/// The fields of CSV and JSON Lines records, passed through under these
/// names whatever the input called them.
struct ItemColumns {
    reference: StringBuilder,
    description: StringBuilder,
    hs_code: StringBuilder,
    cas: StringBuilder,
}

impl ItemColumns {
    const NAMES: [&str; 4] = ["reference", "description", "hs_code", "cas"];

    fn push(&mut self, item: Option<&Item>) {
        self.reference
            .append_option(item.and_then(|i| i.reference.as_deref()));
        self.description
            .append_option(item.map(|i| i.text.as_str()));
        self.hs_code
            .append_option(item.and_then(|i| i.hs.as_deref()));
        self.cas.append_option(item.and_then(|i| i.cas.as_deref()));
    }

    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.reference.finish()),
            Arc::new(self.description.finish()),
            Arc::new(self.hs_code.finish()),
            Arc::new(self.cas.finish()),
        ]
    }
}

impl ParquetSink {
    /// A writer to `out`. `input` is the schema of the columns passed
    /// through from a Parquet input; `None` for CSV and JSON Lines, whose
    /// fields read are written as `reference`, `description`, `hs_code`
    /// and `cas`.
    ///
    /// # Errors
    ///
    /// When the writer cannot start (an unwritable output).
    pub fn new(
        out: Box<dyn Write + Send>,
        screener: &Screener,
        input: Option<SchemaRef>,
        batch_size: usize,
    ) -> anyhow::Result<ParquetSink> {
        let results = ArrowBuilder::new(screener);
        let result_schema = results.schema();
        let mut fields: Vec<Arc<Field>> = match &input {
            Some(s) => s.fields().iter().cloned().collect(),
            None => ItemColumns::NAMES
                .iter()
                .map(|n| Arc::new(Field::new(*n, DataType::Utf8, true)))
                .collect(),
        };
        fields.push(Arc::new(Field::new(ROW, DataType::Int64, false)));
        fields.extend(result_schema.fields().iter().cloned());
        let metadata = result_schema.metadata().clone();
        // Also as plain key-value metadata, for readers that do not
        // decode the Arrow schema (Spark, DuckDB): which lists decided.
        let mut kv: Vec<KeyValue> = metadata
            .iter()
            .map(|(k, v)| KeyValue::new(k.clone(), v.clone()))
            .collect();
        kv.sort_by(|a, b| a.key.cmp(&b.key));
        let schema = Arc::new(Schema::new(fields).with_metadata(metadata));
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .set_max_row_group_row_count(Some(
                batch_size.saturating_mul(ROW_GROUP_BATCHES).max(1),
            ))
            .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
            .set_key_value_metadata(Some(kv))
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(props))
            .context("cannot start the Parquet output")?;
        let items = input.is_none().then(|| ItemColumns {
            reference: StringBuilder::new(),
            description: StringBuilder::new(),
            hs_code: StringBuilder::new(),
            cas: StringBuilder::new(),
        });
        Ok(ParquetSink {
            writer,
            schema,
            results,
            rows: Vec::new(),
            items,
        })
    }

    /// Adds one row: its record and, for an item, its screening.
    pub fn record(&mut self, record: &Record, screening: Option<&Screening>) {
        let (row, item) = match record {
            Record::Item(i) => (i.row, Some(i)),
            Record::Bad(b) => (b.row, None),
            Record::Null(row) => (*row, None),
        };
        self.rows.push(i64::try_from(row).unwrap_or(i64::MAX));
        if let Some(items) = &mut self.items {
            items.push(item);
        }
        match (record, screening) {
            (Record::Bad(b), _) => {
                let error = match b.line {
                    Some(line) => format!("line {line}: {}", b.error),
                    None => b.error.clone(),
                };
                self.results.append_unscreened(Some(&error));
            }
            (_, Some(s)) => self.results.append(s),
            _ => self.results.append_unscreened(None),
        }
    }

    /// Writes the rows added since the last call as one record batch,
    /// after `input`, the batch's columns passed through (Parquet input).
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn end_batch(
        &mut self,
        input: Option<RecordBatch>,
    ) -> anyhow::Result<()> {
        let mut columns: Vec<ArrayRef> = match (&mut self.items, input) {
            (Some(items), _) => items.finish(),
            (None, Some(b)) => b.columns().to_vec(),
            (None, None) => unreachable!("Parquet input passes its columns"),
        };
        columns
            .push(Arc::new(Int64Array::from(std::mem::take(&mut self.rows))));
        columns.extend(self.results.finish().columns().iter().cloned());
        let batch = RecordBatch::try_new(self.schema.clone(), columns)
            .expect("the columns follow the output schema");
        self.writer
            .write(&batch)
            .context("cannot write the Parquet output")
    }

    /// Writes the footer; the file is not readable without it.
    ///
    /// # Errors
    ///
    /// When writing fails.
    pub fn close(self) -> anyhow::Result<()> {
        self.writer
            .close()
            .context("cannot finish the Parquet output")?;
        Ok(())
    }
}
