//! `dualuse screen`: a file of goods items in, JSON Lines or Parquet out.
//!
//! Three threads in a pipeline joined by bounded channels, so memory stays
//! flat however long the input: one reads and parses rows into batches
//! (a Parquet file by record batch), the main one screens each batch on
//! all cores (`screen_many`), one writes the results in input order.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread;
use std::time::Duration;

use anyhow::{bail, Context};
use arrow_array::RecordBatch;
use dualuse::{ArrowBuilder, GoodsItem, Lane, Screener, Screening};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::app::Status;
use crate::flags::{FailOn, Format, OutputFormat, ScreenArgs};
use crate::input::{self, BadRow, Columns, Record, Source};
use crate::parquet_io::{self, ParquetSink, ParquetSource};

/// Batches in flight between two threads: enough to keep every stage
/// busy, few enough that memory does not grow with the input.
const IN_FLIGHT: usize = 2;

/// Bad rows reported one by one on stderr; past this, only in the output
/// (a file in the wrong format would otherwise flood the terminal).
const BAD_ROWS_SHOWN: u64 = 50;

/// One output line: the core's `Screening` JSON with the row number
/// first.
#[derive(Serialize)]
pub struct Row<'a> {
    pub row: u64,
    #[serde(flatten)]
    pub screening: &'a Screening,
}

/// The output line of a row whose description is null (Parquet): no
/// result, as `screen_arrow` gives a null row.
#[derive(Serialize)]
struct NullRow {
    row: u64,
    risk: Option<&'static str>,
    lane: Option<&'static str>,
}

/// What was found, for the summary and the exit status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub screened: u64,
    pub bad: u64,
    /// Rows with a null description (Parquet): not screened, not bad.
    pub null: u64,
    pub green: u64,
    pub yellow: u64,
    pub red: u64,
    /// Whether a row reached the `--fail-on` lane (or was bad).
    pub failed: bool,
}

impl Tally {
    fn count(&mut self, lane: Lane, fail_on: Option<FailOn>) {
        self.screened += 1;
        match lane {
            Lane::Green => self.green += 1,
            Lane::Yellow => self.yellow += 1,
            Lane::Red => self.red += 1,
        }
        if fail_on.is_some_and(|f| f.fails(lane)) {
            self.failed = true;
        }
    }

    fn count_bad(&mut self, fail_on: Option<FailOn>) {
        self.bad += 1;
        if fail_on.is_some() {
            self.failed = true;
        }
    }

    /// The summary line for stderr.
    pub fn summary(&self) -> String {
        let rows = |n: u64| if n == 1 { "row" } else { "rows" };
        let mut s = format!(
            "screened {} {}: {} green, {} yellow, {} red",
            self.screened,
            rows(self.screened),
            self.green,
            self.yellow,
            self.red
        );
        if self.bad > 0 {
            s.push_str(&format!(
                "; {} bad {} not screened (output lines with \"error\")",
                self.bad,
                rows(self.bad)
            ));
        }
        if self.null > 0 {
            s.push_str(&format!(
                "; {} {} with a null description, not screened",
                self.null,
                rows(self.null)
            ));
        }
        s
    }
}

/// Rows read together, with how far the input had been read by the end
/// of them (bytes, or rows for Parquet; for the progress bar, moved when
/// they are written), and for Parquet output from Parquet input the
/// batch's own columns, written out again beside the results.
struct Batch {
    records: Vec<Record>,
    read: u64,
    input: Option<RecordBatch>,
}

/// Where the records come from.
enum Reader {
    /// CSV or JSON Lines, a record at a time.
    Records(Box<dyn Source>),
    /// Parquet, a record batch at a time.
    Parquet(Box<ParquetSource>),
}

/// Where the results go.
enum Sink {
    Jsonl(BufWriter<Box<dyn Write + Send>>),
    Parquet(Box<ParquetSink>),
}

impl Sink {
    fn record(
        &mut self,
        record: &Record,
        screening: Option<&Screening>,
    ) -> anyhow::Result<()> {
        let out = match self {
            Sink::Parquet(p) => {
                p.record(record, screening);
                return Ok(());
            }
            Sink::Jsonl(out) => out,
        };
        match (record, screening) {
            (Record::Item(item), Some(s)) => write_line(
                out,
                &Row {
                    row: item.row,
                    screening: s,
                },
            )?,
            (Record::Bad(bad), _) => write_line(out, bad)?,
            (Record::Null(row), _) => write_line(
                out,
                &NullRow {
                    row: *row,
                    risk: None,
                    lane: None,
                },
            )?,
            (Record::Item(_), None) => unreachable!("items are screened"),
        }
        Ok(())
    }

    fn end_batch(&mut self, input: Option<RecordBatch>) -> anyhow::Result<()> {
        match self {
            // Each batch is flushed so a reader downstream (or a person
            // watching) sees rows as they are screened.
            Sink::Jsonl(out) => out.flush().context("writing the output"),
            Sink::Parquet(p) => p.end_batch(input),
        }
    }

    fn close(self) -> anyhow::Result<()> {
        match self {
            Sink::Jsonl(mut out) => out.flush().context("writing the output"),
            Sink::Parquet(p) => p.close(),
        }
    }
}

/// Screens the file the flags name.
pub fn run(args: &ScreenArgs) -> anyhow::Result<Status> {
    let screener = args.screener.screener()?;
    let columns = Columns {
        text: args.text.clone(),
        hs: args.hs.clone(),
        reference: args.reference.clone(),
        cas: args.cas.clone(),
    };
    let output_format =
        OutputFormat::choose(args.output_format, args.output.as_deref())
            .map_err(anyhow::Error::msg)?;
    let batch_size = args.batch_size as usize;
    let input = input::open(&args.file, args.format)?;
    let progress = !args.quiet && io::stderr().is_terminal();
    let read = input.read.clone();
    // Built before any thread starts and before the output is created, so
    // a missing column is reported before a line is written (or an old
    // output file is emptied).
    let (reader, bar, pass_through) = if input.format == Format::Parquet {
        let reserved = result_columns(&screener);
        let reserved: Vec<&str> =
            reserved.iter().map(String::as_str).collect();
        let (source, replaced) = ParquetSource::open(
            &input.path,
            &columns,
            batch_size,
            output_format == OutputFormat::Parquet,
            &reserved,
        )?;
        for name in replaced {
            let _ = writeln!(
                io::stderr(),
                "dualuse: input column {name:?} is left out: the output has \
                 a result column of that name"
            );
        }
        let bar = progress_bar(progress, Some(source.rows()), Unit::Rows);
        let pass_through = source.pass_through();
        (Reader::Parquet(Box::new(source)), bar, pass_through)
    } else {
        let bar = progress_bar(progress, input.len, Unit::Bytes);
        let source = input::source(input, &columns, args.delimiter)?;
        (Reader::Records(source), bar, None)
    };
    let sink = open_output(args, output_format, &screener, pass_through)?;

    let (batch_tx, batch_rx) =
        sync_channel::<anyhow::Result<Batch>>(IN_FLIGHT);
    let (out_tx, out_rx) = sync_channel::<(Batch, Vec<Screening>)>(IN_FLIGHT);
    let reader = thread::spawn(move || match reader {
        Reader::Records(source) => {
            read_batches(source, batch_size, &batch_tx, || {
                read.load(Ordering::Relaxed)
            })
        }
        Reader::Parquet(source) => read_parquet(*source, &batch_tx),
    });
    let writer_bar = bar.clone();
    let fail_on = args.fail_on;
    let writer = thread::spawn(move || {
        write_results(&out_rx, sink, &writer_bar, fail_on)
    });

    let mut fatal = None;
    for batch in batch_rx {
        let batch = match batch {
            Ok(b) => b,
            Err(e) => {
                fatal = Some(e);
                break;
            }
        };
        let items: Vec<GoodsItem> = batch
            .records
            .iter()
            .filter_map(|r| match r {
                Record::Item(i) => Some(goods_item(i)),
                Record::Bad(_) | Record::Null(_) => None,
            })
            .collect();
        let screenings = screener.screen_many(&items);
        drop(items);
        // The writer stops early only on an error, which its join gives.
        if out_tx.send((batch, screenings)).is_err() {
            break;
        }
    }
    drop(out_tx);
    let tally = writer.join().expect("the writer thread does not panic")?;
    reader.join().expect("the reader thread does not panic");
    bar.finish_and_clear();
    if let Some(e) = fatal {
        return Err(e);
    }
    if !args.quiet {
        let _ = writeln!(io::stderr(), "dualuse: {}", tally.summary());
    }
    Ok(if tally.failed {
        Status::Flagged
    } else {
        Status::Done
    })
}

/// The names of the columns Parquet output adds: `row` and the results.
fn result_columns(screener: &Screener) -> Vec<String> {
    let results = ArrowBuilder::new(screener).schema();
    let names = results.fields().iter().map(|f| f.name().clone());
    std::iter::once(parquet_io::ROW.to_string())
        .chain(names)
        .collect()
}

/// Opens the output the flags name: `--output`, else stdout.
fn open_output(
    args: &ScreenArgs,
    format: OutputFormat,
    screener: &Screener,
    pass_through: Option<arrow_schema::SchemaRef>,
) -> anyhow::Result<Sink> {
    let out: Box<dyn Write + Send> = match &args.output {
        Some(path) if path != Path::new("-") => {
            if same_file(path, &args.file) {
                bail!(
                    "the output {} is the input file: it would be emptied \
                     before it is read; write elsewhere",
                    path.display()
                );
            }
            let f = File::create(path).with_context(|| {
                format!("cannot create {}", path.display())
            })?;
            Box::new(f)
        }
        _ => {
            if format == OutputFormat::Parquet && io::stdout().is_terminal() {
                bail!(
                    "not writing Parquet to a terminal: give --output FILE \
                     or redirect stdout"
                );
            }
            Box::new(io::stdout())
        }
    };
    Ok(match format {
        OutputFormat::Jsonl => {
            Sink::Jsonl(BufWriter::with_capacity(1 << 16, out))
        }
        OutputFormat::Parquet => Sink::Parquet(Box::new(ParquetSink::new(
            out,
            screener,
            pass_through,
            args.batch_size as usize,
        )?)),
    })
}

/// Whether two paths name one existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn goods_item(i: &input::Item) -> GoodsItem<'_> {
    let mut g = GoodsItem::new(&i.text);
    if let Some(h) = &i.hs {
        g = g.hs_code(h);
    }
    if let Some(c) = &i.cas {
        g = g.cas(c);
    }
    if let Some(r) = &i.reference {
        g = g.reference(r);
    }
    g
}

/// What the progress bar counts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    Bytes,
    /// Parquet: rows, whose number its footer gives.
    Rows,
}

fn progress_bar(show: bool, len: Option<u64>, unit: Unit) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = match len {
        Some(n) if unit == Unit::Rows => ProgressBar::new(n).with_style(
            ProgressStyle::with_template(
                "{wide_bar} {percent:>3}% {msg}, {per_sec}, eta {eta}",
            )
            .expect("the template is valid"),
        ),
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template(
                "{wide_bar} {percent:>3}% {msg}, \
                 {binary_bytes_per_sec}, eta {eta}",
            )
            .expect("the template is valid"),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template(
                "{spinner} {msg}, {binary_bytes} \
                 {binary_bytes_per_sec}",
            )
            .expect("the template is valid"),
        ),
    };
    bar.set_message("0 rows");
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    bar.enable_steady_tick(Duration::from_millis(250));
    bar
}

/// Reads records into batches until the input ends, a fatal error, or
/// the screening side hangs up.
fn read_batches(
    mut source: Box<dyn Source>,
    batch_size: usize,
    tx: &SyncSender<anyhow::Result<Batch>>,
    bytes_read: impl Fn() -> u64,
) {
    let batch = |records| Batch {
        records,
        read: bytes_read(),
        input: None,
    };
    let mut records = Vec::with_capacity(batch_size);
    loop {
        match source.next_record() {
            Ok(Some(r)) => {
                records.push(r);
                if records.len() < batch_size {
                    continue;
                }
                let full = std::mem::replace(
                    &mut records,
                    Vec::with_capacity(batch_size),
                );
                if tx.send(Ok(batch(full))).is_err() {
                    return;
                }
            }
            Ok(None) => {
                if !records.is_empty() {
                    let _ = tx.send(Ok(batch(records)));
                }
                return;
            }
            Err(e) => {
                // Rows read before the error are still screened.
                if !records.is_empty() && tx.send(Ok(batch(records))).is_err()
                {
                    return;
                }
                let _ = tx.send(Err(e));
                return;
            }
        }
    }
}

/// Reads a Parquet file by record batch until it ends, a fatal error, or
/// the screening side hangs up.
fn read_parquet(
    mut source: ParquetSource,
    tx: &SyncSender<anyhow::Result<Batch>>,
) {
    loop {
        let batch = match source.next_batch() {
            Ok(None) => return,
            Ok(Some((records, input))) => Ok(Batch {
                records,
                read: source.rows_read(),
                input,
            }),
            Err(e) => Err(e),
        };
        let fatal = batch.is_err();
        if tx.send(batch).is_err() || fatal {
            return;
        }
    }
}

fn write_results(
    rx: &Receiver<(Batch, Vec<Screening>)>,
    mut sink: Sink,
    bar: &ProgressBar,
    fail_on: Option<FailOn>,
) -> anyhow::Result<Tally> {
    let mut tally = Tally::default();
    for (batch, screenings) in rx {
        let mut screenings = screenings.iter();
        for record in &batch.records {
            let mut screening = None;
            match record {
                Record::Item(_) => {
                    let s = screenings
                        .next()
                        .expect("one screening per item, in order");
                    tally.count(s.lane(), fail_on);
                    screening = Some(s);
                }
                Record::Bad(bad) => {
                    tally.count_bad(fail_on);
                    report_bad(bad, tally.bad, bar);
                }
                Record::Null(_) => tally.null += 1,
            }
            sink.record(record, screening)?;
        }
        sink.end_batch(batch.input)?;
        bar.set_position(batch.read);
        bar.set_message(format!(
            "{} rows",
            tally.screened + tally.bad + tally.null
        ));
    }
    // Also after a fatal read error (the channel closes early): the rows
    // screened before it are kept, and a Parquet file needs its footer to
    // be read at all.
    sink.close()?;
    Ok(tally)
}

fn write_line(out: &mut impl Write, value: impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &value)?;
    out.write_all(b"\n")
}

fn report_bad(bad: &BadRow, nth: u64, bar: &ProgressBar) {
    let msg = if nth <= BAD_ROWS_SHOWN {
        match bad.line {
            Some(line) => format!(
                "dualuse: line {line} (row {}): {}",
                bad.row, bad.error
            ),
            None => format!("dualuse: row {}: {}", bad.row, bad.error),
        }
    } else if nth == BAD_ROWS_SHOWN + 1 {
        "dualuse: more bad rows; see the output lines with \"error\"".into()
    } else {
        return;
    };
    bar.suspend(|| {
        let _ = writeln!(io::stderr(), "{msg}");
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_comes_first_then_the_screening() {
        let s = dualuse::Screener::new(
            dualuse::ControlLists::from_terms([("W-1", vec!["acme rotor"])])
                .unwrap(),
        )
        .unwrap()
        .screen_item(&GoodsItem::new("ACME rotor").reference("R-9"));
        let line = serde_json::to_string(&Row {
            row: 7,
            screening: &s,
        })
        .unwrap();
        assert!(
            line.starts_with("{\"row\":7,\"schema_version\":1,"),
            "{line}"
        );
        let mut v: serde_json::Value = serde_json::from_str(&line).unwrap();
        v.as_object_mut().unwrap().remove("row");
        let core: serde_json::Value =
            serde_json::from_str(&s.to_json()).unwrap();
        assert_eq!(v, core);
    }

    #[test]
    fn bad_row_json() {
        let bad = BadRow {
            row: 3,
            line: Some(4),
            error: "invalid JSON".into(),
        };
        assert_eq!(
            serde_json::to_string(&bad).unwrap(),
            r#"{"row":3,"line":4,"error":"invalid JSON"}"#
        );
        let parquet = BadRow { line: None, ..bad };
        assert_eq!(
            serde_json::to_string(&parquet).unwrap(),
            r#"{"row":3,"error":"invalid JSON"}"#
        );
    }

    #[test]
    fn tally_and_fail_on() {
        let cases = [
            ("nothing", None, &[Lane::Red][..], 0, false),
            ("red on red", Some(FailOn::Red), &[Lane::Red], 0, true),
            (
                "yellow on red",
                Some(FailOn::Red),
                &[Lane::Yellow],
                0,
                false,
            ),
            (
                "yellow on yellow",
                Some(FailOn::Yellow),
                &[Lane::Yellow],
                0,
                true,
            ),
            (
                "bad row fails closed",
                Some(FailOn::Red),
                &[Lane::Green],
                1,
                true,
            ),
            ("bad row without gate", None, &[], 1, false),
        ];
        for (name, fail_on, lanes, bad, want) in cases {
            let mut t = Tally::default();
            for l in lanes {
                t.count(*l, fail_on);
            }
            for _ in 0..bad {
                t.count_bad(fail_on);
            }
            assert_eq!(t.failed, want, "{name}");
        }
    }

    #[test]
    fn summary_line() {
        let t = Tally {
            screened: 3,
            bad: 1,
            null: 2,
            green: 1,
            yellow: 1,
            red: 1,
            failed: false,
        };
        assert_eq!(
            t.summary(),
            "screened 3 rows: 1 green, 1 yellow, 1 red; 1 bad row not \
             screened (output lines with \"error\"); 2 rows with a null \
             description, not screened"
        );
    }
}
