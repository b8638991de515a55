//! Screenings as Arrow record batches (feature `arrow`).
//!
//! One schema and one builder, shared by every front end that speaks
//! Arrow: the Python binding's `Screener.screen_arrow` and the CLI's
//! Parquet output, so a column means the same thing in both. Nothing is
//! decided here: each row is the core's [`Screening`], flattened.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::builder::{ArrayBuilder, StringBuilder};
use arrow_array::{ArrayRef, Float64Array, Int64Array, ListArray};
use arrow_array::{RecordBatch, StructArray};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{DataType, Field, FieldRef, Fields, Schema, SchemaRef};

use crate::{Screener, Screening, SCHEMA_VERSION};

/// Builds record batches of [`Screening`]s in the schema below, one row
/// per call to [`append`](ArrowBuilder::append) or
/// [`append_unscreened`](ArrowBuilder::append_unscreened).
///
/// Build one per screener and call [`finish`](ArrowBuilder::finish) per
/// batch: the builder empties itself and starts the next batch.
///
/// # Schema
///
/// Part of the interface: columns are added at the end, never renamed
/// (a rename or removal bumps [`SCHEMA_VERSION`](crate::SCHEMA_VERSION)).
///
/// ```text
/// risk           string
/// lane           string
/// hits           list<struct<entry_id string, regimes list<string>,
///                            title string, rule string, score double,
///                            status string, start int64, end int64,
///                            matched string, term string>>
/// hs_indicators  list<struct<entry_id string, heading string>>
/// error          string
/// ```
///
/// `start` and `end` are code-point offsets (the JSON's `char_start`,
/// `char_end`). A row that was not screened has null `risk`, `lane`,
/// `hits` and `hs_indicators`, and its `error` says why (or is null when
/// there was nothing to screen, such as a null description). The schema
/// metadata names the lists that decided: `dualuse.schema_version`,
/// `dualuse.lists_version`, `dualuse.lists_hash`.
///
/// # Example
///
/// ```
/// use arrow_array::cast::AsArray;
/// use arrow_array::Array;
/// use dualuse::{ArrowBuilder, Screener};
///
/// let screener = Screener::default();
/// let mut rows = ArrowBuilder::new(&screener);
/// rows.append(&screener.screen("Thiodiglycol 99% 200L drums"));
/// rows.append(&screener.screen("ladies cotton T-shirts"));
/// rows.append_unscreened(None); // a null description
/// rows.append_unscreened(Some("row 4: not valid UTF-8"));
/// let batch = rows.finish();
///
/// assert_eq!(batch.num_rows(), 4);
/// let lane = batch.column_by_name("lane").unwrap().as_string::<i32>();
/// assert_eq!(lane.value(0), "red");
/// assert_eq!(lane.value(1), "green");
/// assert!(lane.is_null(2) && lane.is_null(3));
///
/// let hits = batch.column_by_name("hits").unwrap().as_list::<i32>();
/// let first = hits.value(0);
/// let first = first.as_struct();
/// let entry = first.column_by_name("entry_id").unwrap().as_string::<i32>();
/// assert_eq!(entry.value(0), "1C350.1");
///
/// let error = batch.column_by_name("error").unwrap().as_string::<i32>();
/// assert!(error.is_null(2));
/// assert_eq!(error.value(3), "row 4: not valid UTF-8");
/// assert_eq!(
///     batch.schema().metadata()["dualuse.lists_hash"],
///     screener.lists().hash(),
/// );
/// ```
#[derive(Debug)]
pub struct ArrowBuilder {
    schema: SchemaRef,
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

impl ArrowBuilder {
    /// An empty builder for the results of `screener`, whose lists go
    /// into the schema metadata.
    pub fn new(screener: &Screener) -> ArrowBuilder {
        ArrowBuilder {
            schema: schema(screener),
            risk: StringBuilder::new(),
            lane: StringBuilder::new(),
            hits: Lists::new(),
            entry_id: StringBuilder::new(),
            regimes: Lists::new(),
            regime: StringBuilder::new(),
            title: StringBuilder::new(),
            rule: StringBuilder::new(),
            score: Vec::new(),
            status: StringBuilder::new(),
            start: Vec::new(),
            end: Vec::new(),
            matched: StringBuilder::new(),
            term: StringBuilder::new(),
            indicators: Lists::new(),
            hs_entry_id: StringBuilder::new(),
            heading: StringBuilder::new(),
            error: StringBuilder::new(),
        }
    }

    /// The schema of the batches this builder makes.
    pub fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    /// Rows appended since the last [`finish`](ArrowBuilder::finish).
    pub fn len(&self) -> usize {
        self.risk.len()
    }

    /// Whether no row was appended since the last
    /// [`finish`](ArrowBuilder::finish).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends the row of one screening.
    pub fn append(&mut self, s: &Screening) {
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
            // Offsets into one string: far below i64::MAX.
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

    /// Appends a row that was not screened: every result column null,
    /// and `error` the reason, or null when there was nothing to screen
    /// (a null description) rather than something wrong.
    pub fn append_unscreened(&mut self, error: Option<&str>) {
        self.risk.append_null();
        self.lane.append_null();
        self.hits.push(self.score.len(), false);
        self.indicators.push(self.heading.len(), false);
        self.error.append_option(error);
    }

    /// The rows appended so far as one record batch; the builder is then
    /// empty, ready for the next batch.
    ///
    /// # Panics
    ///
    /// If one batch holds 2³¹ hits or more (Arrow's `list` offsets are
    /// 32-bit); keep batches to millions of rows, not billions.
    pub fn finish(&mut self) -> RecordBatch {
        let item = |column: usize| -> FieldRef {
            match self.schema.field(column).data_type() {
                DataType::List(f) => f.clone(),
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
            DataType::List(f) => f.clone(),
            _ => unreachable!("regimes is a list"),
        };
        let regimes = std::mem::take(&mut self.regimes)
            .finish(regime_item, Arc::new(self.regime.finish()));
        let hits = StructArray::new(
            hit_fields,
            vec![
                Arc::new(self.entry_id.finish()),
                regimes,
                Arc::new(self.title.finish()),
                Arc::new(self.rule.finish()),
                Arc::new(Float64Array::from(std::mem::take(&mut self.score))),
                Arc::new(self.status.finish()),
                Arc::new(Int64Array::from(std::mem::take(&mut self.start))),
                Arc::new(Int64Array::from(std::mem::take(&mut self.end))),
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
        let hits =
            std::mem::take(&mut self.hits).finish(hit_item, Arc::new(hits));
        let indicators = std::mem::take(&mut self.indicators)
            .finish(hs_item, Arc::new(indicators));
        RecordBatch::try_new(
            self.schema.clone(),
            vec![
                Arc::new(self.risk.finish()),
                Arc::new(self.lane.finish()),
                hits,
                indicators,
                Arc::new(self.error.finish()),
            ],
        )
        .expect("the columns follow the schema")
    }
}

/// The result schema, with the lists' provenance as metadata so a file
/// written from it says which lists decided.
fn schema(screener: &Screener) -> SchemaRef {
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
            SCHEMA_VERSION.to_string(),
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
#[derive(Debug)]
struct Lists {
    offsets: Vec<i32>,
    valid: Vec<bool>,
}

impl Default for Lists {
    fn default() -> Lists {
        Lists::new()
    }
}

impl Lists {
    fn new() -> Lists {
        Lists {
            offsets: vec![0],
            valid: Vec::new(),
        }
    }

    /// Ends a row; `items` is the running total of items in the column.
    fn push(&mut self, items: usize, valid: bool) {
        let end = i32::try_from(items)
            .expect("fewer than 2^31 list items in one record batch");
        self.offsets.push(end);
        self.valid.push(valid);
    }

    fn finish(self, item: FieldRef, values: ArrayRef) -> ArrayRef {
        let nulls = NullBuffer::from(self.valid);
        Arc::new(ListArray::new(
            item,
            OffsetBuffer::new(self.offsets.into()),
            values,
            Some(nulls).filter(|n| n.null_count() > 0),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ControlLists;
    use arrow_array::cast::AsArray;
    use arrow_array::Array;

    fn watch() -> Screener {
        Screener::new(
            ControlLists::from_terms([
                ("W-1", vec!["acme rotor"]),
                ("W-2", vec!["x-9 valve"]),
            ])
            .unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn batches_restart_after_finish() {
        let s = watch();
        let mut b = ArrowBuilder::new(&s);
        b.append(&s.screen("2 pcs ACME rotor"));
        b.append_unscreened(None);
        let first = b.finish();
        assert!(b.is_empty());
        b.append(&s.screen("ACME rotor, X-9 valve"));
        let second = b.finish();
        assert_eq!((first.num_rows(), second.num_rows()), (2, 1));

        let hits = first.column(2).as_list::<i32>();
        assert_eq!(hits.value_offsets(), [0, 1, 1]);
        assert!(hits.is_null(1));
        let hits = second.column(2).as_list::<i32>();
        assert_eq!(hits.value_offsets(), [0, 2]);
        let starts = hits.values().as_struct().column(6).clone();
        let starts = starts.as_primitive::<arrow_array::types::Int64Type>();
        assert_eq!(starts.values(), &[0, 12]);
        let entry = hits.values().as_struct().column(0).as_string::<i32>();
        assert_eq!(entry.value(1), "W-2");
    }

    #[test]
    fn empty_batch_has_the_schema() {
        let s = watch();
        let batch = ArrowBuilder::new(&s).finish();
        assert_eq!(batch.num_rows(), 0);
        let names: Vec<&str> = batch
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        assert_eq!(names, ["risk", "lane", "hits", "hs_indicators", "error"]);
        assert_eq!(
            batch.schema_ref().metadata()["dualuse.schema_version"],
            SCHEMA_VERSION.to_string()
        );
    }
}
