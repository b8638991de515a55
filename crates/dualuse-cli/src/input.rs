//! Reading goods items from CSV and JSON Lines, one record at a time, so a
//! file of any length is read in constant memory. (Parquet, read a
//! record batch at a time, is in `parquet_io.rs`; it shares the column
//! names and records defined here.)

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::{bail, Context};
use serde_json::{Map, Value};

use crate::flags::Format;

/// Names tried, in order and in any case, when a column flag is not given.
pub const TEXT_NAMES: &[&str] =
    &["description", "goods_description", "text", "desc"];
pub const HS_NAMES: &[&str] = &["hs_code", "hs", "hscode", "commodity_code"];
pub const REF_NAMES: &[&str] = &["reference", "ref", "id"];
pub const CAS_NAMES: &[&str] = &["cas", "cas_no", "cas_number", "cas_rn"];

/// The columns (CSV) or fields (JSON Lines) the flags ask for; `None` =
/// the first of the usual names that is present.
#[derive(Clone, Debug, Default)]
pub struct Columns {
    pub text: Option<String>,
    pub hs: Option<String>,
    pub reference: Option<String>,
    pub cas: Option<String>,
}

/// A goods item read from the input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Item {
    /// 1-based data row number (the header is not a row).
    pub row: u64,
    /// 1-based line of the file the row starts on.
    pub line: u64,
    pub text: String,
    pub hs: Option<String>,
    pub reference: Option<String>,
    pub cas: Option<String>,
}

/// A row that could not be read; the rest of the input still is. Written
/// to the output as is: `{"row": N, "line": L, "error": "..."}`, without
/// `line` for Parquet, which has none.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BadRow {
    pub row: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    pub error: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    Item(Item),
    Bad(BadRow),
    /// A row whose description is null (Parquet): nothing was declared,
    /// so nothing is screened and nothing went wrong. Its result is null,
    /// as `screen_arrow` gives for a null. Holds the row number.
    Null(u64),
}

/// Records, one at a time. An `Err` is fatal (the input cannot be read
/// on); a bad row is an `Ok(Record::Bad)`.
pub trait Source: Send {
    fn next_record(&mut self) -> anyhow::Result<Option<Record>>;
}

/// An opened input: its bytes, its format and how far it has been read.
pub struct Input {
    /// The path given (`-` for stdin), for Parquet, which reopens it.
    pub path: PathBuf,
    pub reader: Box<dyn Read + Send>,
    pub format: Format,
    /// Length in bytes, for a regular file.
    pub len: Option<u64>,
    /// Bytes read so far, for the progress bar.
    pub read: Arc<AtomicU64>,
    /// Whether a `.tsv` extension asked for tabs.
    pub tsv: bool,
}

/// Opens `path` (`-` = stdin) and settles its format: the flag, else the
/// extension, else the first bytes.
///
/// # Errors
///
/// When the file cannot be opened, or is Parquet on stdin.
pub fn open(path: &Path, format: Option<Format>) -> anyhow::Result<Input> {
    let read = Arc::new(AtomicU64::new(0));
    let (raw, len): (Box<dyn Read + Send>, Option<u64>) = if path == "-" {
        (Box::new(io::stdin()), None)
    } else {
        let f = File::open(path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        let len = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
        (Box::new(f), len)
    };
    let counted = Box::new(Counting {
        inner: raw,
        read: read.clone(),
    });
    let tsv = path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("tsv"));
    let (format, reader) = match format.or_else(|| Format::from_path(path)) {
        Some(f) => (f, counted as Box<dyn Read + Send>),
        None => {
            let (head, reader) = peek(counted)
                .with_context(|| format!("cannot read {}", path.display()))?;
            (Format::sniff(&head), reader)
        }
    };
    if format == Format::Parquet && path == "-" {
        // The file's index (its footer) is at its end: Parquet needs a
        // file it can seek in, not a pipe.
        bail!(
            "cannot read Parquet from stdin: Parquet keeps its index at \
             the end of the file; give the file's name"
        );
    }
    Ok(Input {
        path: path.to_path_buf(),
        reader,
        format,
        len,
        read,
        tsv,
    })
}

/// Reads until the first byte that is not white space (or to the end),
/// and gives back those bytes and a reader that still yields them.
fn peek(
    mut r: Box<dyn Read + Send>,
) -> io::Result<(Vec<u8>, Box<dyn Read + Send>)> {
    let mut head = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let n = match r.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        head.extend_from_slice(&buf[..n]);
        let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
        if n == 0 || body.iter().any(|b| !b.is_ascii_whitespace()) {
            break;
        }
    }
    Ok((head.clone(), Box::new(io::Cursor::new(head).chain(r))))
}

/// Counts the bytes read through it.
struct Counting {
    inner: Box<dyn Read + Send>,
    read: Arc<AtomicU64>,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The records of an opened CSV or JSON Lines input.
///
/// # Panics
///
/// For Parquet, which is read by record batch (`parquet_io.rs`).
pub fn source(
    input: Input,
    columns: &Columns,
    delimiter: Option<u8>,
) -> anyhow::Result<Box<dyn Source>> {
    Ok(match input.format {
        Format::Csv => {
            let d = delimiter.unwrap_or(if input.tsv { b'\t' } else { b',' });
            Box::new(CsvSource::new(input.reader, columns, d)?)
        }
        Format::Jsonl => Box::new(JsonlSource::new(input.reader, columns)),
        Format::Parquet => unreachable!("Parquet is read by parquet_io"),
    })
}

/// Index of the name to use among `names`: the flag's (exactly, else in
/// any case), else the first fallback present in any case.
pub fn resolve(
    names: &[&str],
    flag: Option<&str>,
    fallbacks: &[&str],
) -> Option<usize> {
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.to_lowercase();
    match flag {
        Some(f) => names
            .iter()
            .position(|n| *n == f)
            .or_else(|| names.iter().position(|n| same(n, f))),
        None => fallbacks
            .iter()
            .find_map(|f| names.iter().position(|n| same(n, f))),
    }
}

/// Where the columns the flags ask for are, by index in the header.
pub struct Picked {
    pub text: usize,
    pub hs: Option<usize>,
    pub reference: Option<usize>,
    pub cas: Option<usize>,
}

struct CsvSource {
    reader: csv::Reader<Box<dyn Read + Send>>,
    record: csv::ByteRecord,
    /// Header names, for error messages.
    names: Vec<String>,
    columns: Option<Picked>,
    row: u64,
    /// Where lines with content start, for the line numbers of records.
    line_starts: Arc<Mutex<VecDeque<(u64, u64)>>>,
}

/// Notes, as bytes pass, the offset and line number where each line's
/// content starts (after `\n` or `\r`, skipping blank lines). Entries
/// behind the current record are dropped, so this holds only the lines
/// of the CSV reader's buffer and of the record being read.
struct LineStarts {
    inner: Box<dyn Read + Send>,
    starts: Arc<Mutex<VecDeque<(u64, u64)>>>,
    offset: u64,
    line: u64,
    at_start: bool,
}

impl Read for LineStarts {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut starts = self.starts.lock().expect("not poisoned");
        for &b in &buf[..n] {
            match b {
                b'\n' => {
                    self.line += 1;
                    self.at_start = true;
                }
                b'\r' => self.at_start = true,
                _ if self.at_start => {
                    starts.push_back((self.offset, self.line));
                    self.at_start = false;
                }
                _ => {}
            }
            self.offset += 1;
        }
        Ok(n)
    }
}

impl CsvSource {
    fn new(
        reader: Box<dyn Read + Send>,
        columns: &Columns,
        delimiter: u8,
    ) -> anyhow::Result<CsvSource> {
        let line_starts = Arc::new(Mutex::new(VecDeque::new()));
        let reader: Box<dyn Read + Send> = Box::new(LineStarts {
            inner: reader,
            starts: line_starts.clone(),
            offset: 0,
            line: 1,
            at_start: true,
        });
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            // Field counts are checked here, so that a short row is
            // reported as a bad row with its line instead of an error.
            .flexible(true)
            .from_reader(reader);
        let names: Vec<String> = reader
            .byte_headers()
            .context("cannot read the CSV header")?
            .iter()
            .map(|h| String::from_utf8_lossy(h).into_owned())
            .collect();
        // No header at all: an empty input, which has no rows.
        let empty = names.len() == 1 && names[0].trim().is_empty();
        let columns = if names.is_empty() || empty {
            None
        } else {
            Some(pick(&names, columns)?)
        };
        Ok(CsvSource {
            reader,
            record: csv::ByteRecord::new(),
            names,
            columns,
            row: 0,
            line_starts,
        })
    }

    /// The line the record just read starts on: the first line with
    /// content at or after the byte where the CSV reader began reading.
    /// (The reader's own line number is taken before the blank lines it
    /// skips, and before the `\n` of a `\r\n` it stopped at.)
    fn start_line(&self) -> u64 {
        let Some(pos) = self.record.position() else {
            return 0;
        };
        let mut starts = self.line_starts.lock().expect("not poisoned");
        while starts.front().is_some_and(|&(at, _)| at < pos.byte()) {
            starts.pop_front();
        }
        starts.front().map_or(pos.line(), |&(_, line)| line)
    }

    fn field(
        &self,
        index: usize,
    ) -> Result<Option<String>, (usize, std::str::Utf8Error)> {
        match self.record.get(index) {
            None => Ok(None),
            Some(b) => std::str::from_utf8(b)
                .map(|s| Some(s.to_string()))
                .map_err(|e| (index, e)),
        }
    }

    fn item(&self, line: u64) -> Result<Item, String> {
        let c = self.columns.as_ref().expect("rows only after a header");
        let utf8 = |(i, e): (usize, std::str::Utf8Error)| {
            format!(
                "invalid UTF-8 in column {:?} at byte {} of the field",
                self.names[i],
                e.valid_up_to()
            )
        };
        let opt = |i: Option<usize>| -> Result<Option<String>, String> {
            let Some(i) = i else { return Ok(None) };
            let v = self.field(i).map_err(utf8)?;
            Ok(v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()))
        };
        Ok(Item {
            row: self.row,
            line,
            text: self.field(c.text).map_err(utf8)?.unwrap_or_default(),
            hs: opt(c.hs)?,
            reference: opt(c.reference)?,
            cas: opt(c.cas)?,
        })
    }
}

/// Finds the columns the flags ask for among the header `names` (of a
/// CSV file or a Parquet schema).
///
/// # Errors
///
/// When there is no description column, or a column a flag names is
/// missing; the message lists the columns there are.
pub fn pick(names: &[String], columns: &Columns) -> anyhow::Result<Picked> {
    let names_ref: Vec<&str> = names.iter().map(String::as_str).collect();
    let list = || names.join(", ");
    let pick = |flag: &Option<String>, fallbacks: &[&str], what: &str| {
        let i = resolve(&names_ref, flag.as_deref(), fallbacks);
        match (i, flag) {
            (None, Some(f)) => {
                bail!("no column {f:?} for the {what} (columns: {})", list())
            }
            _ => Ok(i),
        }
    };
    let Some(text) = pick(&columns.text, TEXT_NAMES, "description")? else {
        bail!(
            "no description column: name it with --text (looked for {}; \
             columns: {})",
            TEXT_NAMES.join(", "),
            list()
        );
    };
    Ok(Picked {
        text,
        hs: pick(&columns.hs, HS_NAMES, "HS code")?,
        reference: pick(&columns.reference, REF_NAMES, "reference")?,
        cas: pick(&columns.cas, CAS_NAMES, "CAS number")?,
    })
}

impl Source for CsvSource {
    fn next_record(&mut self) -> anyhow::Result<Option<Record>> {
        if self.columns.is_none() {
            return Ok(None);
        }
        let more = self
            .reader
            .read_byte_record(&mut self.record)
            .context("cannot read the CSV input")?;
        if !more {
            return Ok(None);
        }
        self.row += 1;
        let line = self.start_line();
        let want = self.names.len();
        let got = self.record.len();
        if got != want {
            return Ok(Some(Record::Bad(BadRow {
                row: self.row,
                line: Some(line),
                error: format!(
                    "expected {want} fields as in the header, found {got} \
                     (a separator or quote inside an unquoted field?)"
                ),
            })));
        }
        Ok(Some(match self.item(line) {
            Ok(item) => Record::Item(item),
            Err(error) => Record::Bad(BadRow {
                row: self.row,
                line: Some(line),
                error,
            }),
        }))
    }
}

struct JsonlSource {
    reader: BufReader<Box<dyn Read + Send>>,
    columns: Columns,
    buf: Vec<u8>,
    line: u64,
    row: u64,
}

impl JsonlSource {
    fn new(reader: Box<dyn Read + Send>, columns: &Columns) -> JsonlSource {
        JsonlSource {
            reader: BufReader::with_capacity(1 << 16, reader),
            columns: columns.clone(),
            buf: Vec::new(),
            line: 0,
            row: 0,
        }
    }
}

impl Source for JsonlSource {
    fn next_record(&mut self) -> anyhow::Result<Option<Record>> {
        loop {
            self.buf.clear();
            let n = self
                .reader
                .read_until(b'\n', &mut self.buf)
                .context("cannot read the JSON Lines input")?;
            if n == 0 {
                return Ok(None);
            }
            self.line += 1;
            let mut bytes = &self.buf[..];
            if self.line == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.row += 1;
            if self.row == 1 && bytes.trim_ascii_start().starts_with(b"[") {
                bail!(
                    "line {}: the input is a JSON array, not JSON Lines \
                     (one object per line); convert it with jq -c '.[]'",
                    self.line
                );
            }
            let (row, line) = (self.row, self.line);
            let bad = |error: String| {
                Ok(Some(Record::Bad(BadRow {
                    row,
                    line: Some(line),
                    error,
                })))
            };
            let text = match std::str::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => {
                    return bad(format!(
                        "invalid UTF-8 at byte {} of the line",
                        e.valid_up_to() + 1
                    ))
                }
            };
            return match json_item(text, &self.columns) {
                Ok(mut item) => {
                    item.row = row;
                    item.line = line;
                    Ok(Some(Record::Item(item)))
                }
                Err(e) => bad(e),
            };
        }
    }
}

/// The goods item of one JSON line (row and line left at 0).
pub fn json_item(line: &str, columns: &Columns) -> Result<Item, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| {
        let msg = e.to_string();
        let msg = msg
            .strip_suffix(&format!(
                " at line {} column {}",
                e.line(),
                e.column()
            ))
            .unwrap_or(&msg);
        format!("invalid JSON: {msg} at column {}", e.column())
    })?;
    let Value::Object(map) = value else {
        return Err(format!("expected a JSON object, found {}", kind(&value)));
    };
    let text = match field(&map, columns.text.as_deref(), TEXT_NAMES) {
        Some((_, Value::String(s))) => s.clone(),
        Some((k, v)) => {
            return Err(format!("field {k:?} is {}, not a string", kind(v)))
        }
        None => {
            return Err(match &columns.text {
                Some(f) => format!("no field {f:?}"),
                None => format!(
                    "no description field (looked for {})",
                    TEXT_NAMES.join(", ")
                ),
            })
        }
    };
    let scalar = |flag: &Option<String>, fallbacks: &[&str]| match field(
        &map,
        flag.as_deref(),
        fallbacks,
    ) {
        Some((_, Value::String(s))) => {
            Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty()))
        }
        Some((_, Value::Number(n))) => Ok(Some(n.to_string())),
        Some((_, Value::Null)) | None => Ok(None),
        Some((k, v)) => Err(format!(
            "field {k:?} is {}, not a string or number",
            kind(v)
        )),
    };
    Ok(Item {
        row: 0,
        line: 0,
        text,
        hs: scalar(&columns.hs, HS_NAMES)?,
        reference: scalar(&columns.reference, REF_NAMES)?,
        cas: scalar(&columns.cas, CAS_NAMES)?,
    })
}

/// The field a flag or the fallbacks name, with its key.
fn field<'m>(
    map: &'m Map<String, Value>,
    flag: Option<&str>,
    fallbacks: &[&str],
) -> Option<(&'m str, &'m Value)> {
    // The usual case first: the key written exactly as asked.
    let exact = match flag {
        Some(f) => map.get_key_value(f),
        None => fallbacks.iter().find_map(|f| map.get_key_value(*f)),
    };
    if let Some((k, v)) = exact {
        return Some((k.as_str(), v));
    }
    let keys: Vec<&str> = map.keys().map(String::as_str).collect();
    let i = resolve(&keys, flag, fallbacks)?;
    map.get_key_value(keys[i]).map(|(k, v)| (k.as_str(), v))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(text: Option<&str>) -> Columns {
        Columns {
            text: text.map(str::to_string),
            ..Columns::default()
        }
    }

    fn records(src: &mut dyn Source) -> Vec<Record> {
        let mut out = Vec::new();
        while let Some(r) = src.next_record().unwrap() {
            out.push(r);
        }
        out
    }

    fn csv(text: &str, columns: &Columns) -> anyhow::Result<Vec<Record>> {
        let reader: Box<dyn Read + Send> =
            Box::new(io::Cursor::new(text.as_bytes().to_vec()));
        let mut src = CsvSource::new(reader, columns, b',')?;
        Ok(records(&mut src))
    }

    fn jsonl(text: &[u8]) -> anyhow::Result<Vec<Record>> {
        let reader: Box<dyn Read + Send> =
            Box::new(io::Cursor::new(text.to_vec()));
        let mut src = JsonlSource::new(reader, &Columns::default());
        let mut out = Vec::new();
        while let Some(r) = src.next_record()? {
            out.push(r);
        }
        Ok(out)
    }

    #[test]
    fn resolve_names() {
        let names = ["ID", "HS", "Goods_Description", "description "];
        let cases = [
            ("fallback in any case", None, TEXT_NAMES, Some(3)),
            ("fallback order wins", None, HS_NAMES, Some(1)),
            ("flag exact", Some("HS"), HS_NAMES, Some(1)),
            (
                "flag any case",
                Some("goods_description"),
                TEXT_NAMES,
                Some(2),
            ),
            ("flag missing", Some("nope"), TEXT_NAMES, None),
            ("no fallback present", None, CAS_NAMES, None),
        ];
        for (name, flag, fallbacks, want) in cases {
            assert_eq!(resolve(&names, flag, fallbacks), want, "{name}");
        }
    }

    #[test]
    fn csv_rows_lines_and_bad_rows() {
        let text = "Reference,HS_Code,Description\n\
                    R1,2930.70,Thiodiglycol\n\
                    \n\
                    R2,\"8471\",\"multi\nline\"\n\
                    R3,only two\n\
                    R4, ,plain\n";
        let got = csv(text, &Columns::default()).unwrap();
        let want = vec![
            Record::Item(Item {
                row: 1,
                line: 2,
                text: "Thiodiglycol".into(),
                hs: Some("2930.70".into()),
                reference: Some("R1".into()),
                cas: None,
            }),
            Record::Item(Item {
                row: 2,
                line: 4,
                text: "multi\nline".into(),
                hs: Some("8471".into()),
                reference: Some("R2".into()),
                cas: None,
            }),
            Record::Bad(BadRow {
                row: 3,
                line: Some(6),
                error: "expected 3 fields as in the header, found 2 (a \
                        separator or quote inside an unquoted field?)"
                    .into(),
            }),
            Record::Item(Item {
                row: 4,
                line: 7,
                text: "plain".into(),
                hs: None,
                reference: Some("R4".into()),
                cas: None,
            }),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn csv_lines_with_crlf_blank_lines_and_no_final_newline() {
        let got = csv(
            "description\r\nA\r\n\r\n\r\nB,x\r\n\"C\r\nc\"\r\nD",
            &cols(None),
        )
        .unwrap();
        let lines: Vec<(u64, u64)> = got
            .iter()
            .map(|r| match r {
                Record::Item(i) => (i.row, i.line),
                Record::Bad(b) => (b.row, b.line.unwrap()),
                Record::Null(_) => unreachable!("no nulls in CSV"),
            })
            .collect();
        assert_eq!(lines, [(1, 2), (2, 5), (3, 6), (4, 8)]);
    }

    #[test]
    fn csv_invalid_utf8_is_a_bad_row() {
        let mut bytes = b"description\nok\nbad \xff here\nok\n".to_vec();
        bytes.extend_from_slice(b"");
        let reader: Box<dyn Read + Send> = Box::new(io::Cursor::new(bytes));
        let mut src =
            CsvSource::new(reader, &Columns::default(), b',').unwrap();
        let got = records(&mut src);
        assert_eq!(got.len(), 3);
        let Record::Bad(b) = &got[1] else {
            panic!("{got:?}")
        };
        assert_eq!((b.row, b.line), (2, Some(3)));
        assert!(b.error.contains("invalid UTF-8"), "{}", b.error);
    }

    #[test]
    fn csv_columns_errors() {
        let err = csv("a,b\n1,2\n", &Columns::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("no description column"), "{err}");
        assert!(err.contains("columns: a, b"), "{err}");
        let err = csv("a,b\n1,2\n", &cols(Some("goods")))
            .unwrap_err()
            .to_string();
        assert!(err.contains("no column \"goods\""), "{err}");
        let hs = Columns {
            hs: Some("tariff".into()),
            ..Columns::default()
        };
        let err = csv("desc\nx\n", &hs).unwrap_err().to_string();
        assert!(
            err.contains("no column \"tariff\" for the HS code"),
            "{err}"
        );
    }

    #[test]
    fn csv_empty_input_and_bom() {
        assert!(csv("", &Columns::default()).unwrap().is_empty());
        let got = csv("\u{feff}description\n\nx\n", &Columns::default());
        let Record::Item(item) = &got.unwrap()[0] else {
            panic!("not an item")
        };
        assert_eq!((item.row, item.line, item.text.as_str()), (1, 3, "x"));
    }

    #[test]
    fn jsonl_items() {
        let cases = [
            (
                "defaults",
                r#"{"reference":"R1","hs_code":"2930.70","description":"x"}"#,
                Ok(("x", Some("2930.70"), Some("R1"))),
            ),
            (
                "numbers for codes",
                r#"{"id":7,"HS":29307000,"Text":"x"}"#,
                Ok(("x", Some("29307000"), Some("7"))),
            ),
            (
                "null hs",
                r#"{"desc":"x","hs":null}"#,
                Ok(("x", None, None)),
            ),
            ("missing text", r#"{"hs":"1"}"#, Err("no description field")),
            ("number text", r#"{"description":5}"#, Err("is a number")),
            ("not an object", r#""x""#, Err("expected a JSON object")),
            ("invalid", r#"{"description": }"#, Err("invalid JSON")),
            ("bad hs type", r#"{"text":"x","hs":[1]}"#, Err("an array")),
        ];
        for (name, line, want) in cases {
            let got = json_item(line, &Columns::default());
            match (got, want) {
                (Ok(item), Ok((text, hs, r))) => {
                    assert_eq!(item.text, text, "{name}");
                    assert_eq!(item.hs.as_deref(), hs, "{name}");
                    assert_eq!(item.reference.as_deref(), r, "{name}");
                }
                (Err(e), Err(part)) => {
                    assert!(e.contains(part), "{name}: {e}")
                }
                (got, want) => panic!("{name}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn jsonl_flag_names_the_field() {
        let c = cols(Some("goods"));
        let item = json_item(r#"{"goods":"a","description":"b"}"#, &c);
        assert_eq!(item.unwrap().text, "a");
        let err = json_item(r#"{"description":"b"}"#, &c).unwrap_err();
        assert_eq!(err, "no field \"goods\"");
    }

    #[test]
    fn jsonl_lines_rows_and_bad_lines() {
        let input = b"\xEF\xBB\xBF{\"text\":\"a\"}\r\n\n  \n{bad\n\
                      {\"text\":\"\xff\"}\n{\"text\":\"b\"}";
        let got = jsonl(input).unwrap();
        let summary: Vec<(u64, u64, bool)> = got
            .iter()
            .map(|r| match r {
                Record::Item(i) => (i.row, i.line, true),
                Record::Bad(b) => (b.row, b.line.unwrap(), false),
                Record::Null(_) => unreachable!("no nulls in JSON Lines"),
            })
            .collect();
        assert_eq!(
            summary,
            [(1, 1, true), (2, 4, false), (3, 5, false), (4, 6, true)]
        );
        let Record::Bad(b) = &got[2] else { panic!() };
        assert!(b.error.contains("invalid UTF-8"), "{}", b.error);
    }

    #[test]
    fn jsonl_array_is_refused_with_a_hint() {
        let err = jsonl(b"\n[{\"text\":\"a\"}]\n").unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
        assert!(err.contains("jq -c"), "{err}");
    }

    #[test]
    fn peek_keeps_every_byte() {
        let data = b"   \n\n  {\"a\":1}\n".to_vec();
        let (head, mut r) =
            peek(Box::new(io::Cursor::new(data.clone()))).unwrap();
        assert_eq!(Format::sniff(&head), Format::Jsonl);
        let mut all = Vec::new();
        r.read_to_end(&mut all).unwrap();
        assert_eq!(all, data);
    }
}
