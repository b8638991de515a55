//! Command-line flags. Each flag's help is its doc comment; a flag with
//! logic (a value parser, a mapping) has its unit test at the bottom.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use dualuse::{ControlLists, Lane, Screener};

/// Screen goods descriptions (customs declarations, invoices, air
/// waybills) against the dual-use export control lists.
///
/// Exit status: 0 when the run completed, whatever it found; 1 when
/// `--fail-on` is given and a row reached that lane; 2 on an error.
#[derive(Debug, Parser)]
#[command(name = "dualuse", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Screen a CSV, JSON Lines or Parquet file of goods items; JSON
    /// Lines or Parquet out.
    ///
    /// Each output line is the screening of one row (hits, cleared hits,
    /// HS indicators, risk, lane, lists version and hash) with "row", the
    /// 1-based data row number, first. A row that cannot be read is
    /// written as {"row": N, "line": L, "error": "..."} and the rest is
    /// screened. Parquet output keeps the input's columns and appends
    /// row, risk, lane, hits, hs_indicators and error. A summary goes to
    /// stderr.
    Screen(ScreenArgs),
    /// Explain the hits on one goods description, for a person.
    ///
    /// Prints the text with the matched words highlighted, then every hit
    /// with its evidence and the officer's note, cleared hits with the
    /// reason, HS indicators, the risk and the lane.
    Explain(ExplainArgs),
    /// Check control-list files or show their coverage.
    #[command(subcommand)]
    Lists(ListsCommand),
}

#[derive(Debug, Subcommand)]
pub enum ListsCommand {
    /// Validate control-list files and directories.
    ///
    /// Checks the embedded lists when none is given. Prints every problem,
    /// one per line as `path: entry: field: detail [kind]`, and exits with
    /// 2 if there is one; else the files with their entry counts and OK.
    Check(CheckArgs),
    /// Show the coverage of control lists.
    ///
    /// Entries per category, regime and language, and how many have CAS
    /// numbers, HS headings, notes, clearing terms and review remarks; of
    /// the embedded lists when none is given.
    Stats(StatsArgs),
}

/// Which control lists to screen against, and how.
#[derive(Debug, Default, Args)]
pub struct ScreenerArgs {
    /// Screen against these list files or directories instead of the
    /// embedded lists (repeatable).
    #[arg(long = "lists", value_name = "DIR_OR_FILE")]
    pub lists: Vec<PathBuf>,

    /// Add these list files or directories (a national list, a watch
    /// list) on top of the embedded lists, or of --lists (repeatable).
    #[arg(long = "add-lists", value_name = "DIR_OR_FILE")]
    pub add_lists: Vec<PathBuf>,

    /// Leave out hits scoring below X (0 to 1; default 0, report every
    /// hit).
    #[arg(long, value_name = "X", value_parser = parse_score)]
    pub min_score: Option<f64>,

    /// Match only terms in these ISO 639-1 languages, comma-separated
    /// (`en,zh`); CAS numbers and clearing terms always count.
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub languages: Vec<String>,
}

impl ScreenerArgs {
    /// The control lists these flags select.
    pub fn control_lists(&self) -> anyhow::Result<ControlLists> {
        let base = if self.lists.is_empty() {
            ControlLists::embedded()
        } else {
            ControlLists::from_paths(&self.lists)?
        };
        if self.add_lists.is_empty() {
            return Ok(base);
        }
        Ok(base.merge(ControlLists::from_paths(&self.add_lists)?)?)
    }

    /// A screener over those lists with these options.
    pub fn screener(&self) -> anyhow::Result<Screener> {
        let mut b = Screener::builder();
        if let Some(s) = self.min_score {
            b.min_score(s);
        }
        if !self.languages.is_empty() {
            b.languages(self.languages.iter().map(|l| l.trim()));
        }
        Ok(b.build(self.control_lists()?)?)
    }
}

#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// The file to screen: CSV (with a header row), JSON Lines (one
    /// object per line) or Parquet; `-` reads stdin (not Parquet).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The input format. By default taken from the extension (.csv, .tsv;
    /// .jsonl, .ndjson, .json; .parquet, .pq), else from the first bytes
    /// (`PAR1` means Parquet, `{` JSON Lines).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Write the results to FILE instead of stdout, in the format its
    /// extension names (.parquet, .pq; .jsonl, .ndjson, .json).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The output format [default: from the --output extension, else
    /// jsonl]. Parquet goes to stdout only when it is not a terminal.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub output_format: Option<OutputFormat>,

    /// Column or field holding the goods description [default: the first
    /// of description, goods_description, text, desc; any case].
    #[arg(long, value_name = "NAME")]
    pub text: Option<String>,

    /// Column or field holding the declared HS code [default: the first
    /// of hs_code, hs, hscode, commodity_code, if present].
    #[arg(long, value_name = "NAME")]
    pub hs: Option<String>,

    /// Column or field holding the caller's reference, echoed in the
    /// output [default: the first of reference, ref, id, if present].
    #[arg(long = "ref", value_name = "NAME")]
    pub reference: Option<String>,

    /// Column or field holding a declared CAS number [default: the first
    /// of cas, cas_no, cas_number, cas_rn, if present].
    #[arg(long, value_name = "NAME")]
    pub cas: Option<String>,

    /// CSV field delimiter, one character [default: `,`; tab for .tsv].
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,

    /// Exit with status 1 if any row reaches this lane or a higher one.
    /// A row that could not be read counts as reaching it: what was not
    /// screened was not cleared.
    #[arg(long, value_enum, value_name = "LANE")]
    pub fail_on: Option<FailOn>,

    /// No progress bar and no summary on stderr (bad rows are still
    /// reported).
    #[arg(short, long)]
    pub quiet: bool,

    /// Rows screened together in parallel.
    #[arg(
        long,
        hide = true,
        default_value_t = 4096,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub batch_size: u32,

    #[command(flatten)]
    pub screener: ScreenerArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The goods description.
    #[arg(value_name = "TEXT")]
    pub text: String,

    /// The declared HS code (`2930.70`, `29307000` …).
    #[arg(long, value_name = "CODE")]
    pub hs: Option<String>,

    /// A declared CAS number.
    #[arg(long, value_name = "NUMBER")]
    pub cas: Option<String>,

    /// Print the screening as JSON (one line) instead.
    #[arg(long)]
    pub json: bool,

    /// When to highlight with colour: auto (when stdout is a terminal and
    /// NO_COLOR is unset), always, never. Without colour, matched words
    /// are written [[like this]].
    #[arg(long, value_enum, value_name = "WHEN", default_value_t)]
    pub color: ColorChoice,

    #[command(flatten)]
    pub screener: ScreenerArgs,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// List files or directories of `*.toml` files [default: the
    /// embedded lists].
    #[arg(value_name = "DIR_OR_FILE")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// List files or directories of `*.toml` files [default: the
    /// embedded lists].
    #[arg(value_name = "DIR_OR_FILE")]
    pub paths: Vec<PathBuf>,

    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Input file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// JSON Lines: one JSON object per line.
    #[value(alias = "ndjson", alias = "json")]
    Jsonl,
    /// Apache Parquet, read a record batch at a time.
    #[value(alias = "pq")]
    Parquet,
}

impl Format {
    /// The format an extension names, if it names one.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "tsv" => Some(Format::Csv),
            "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
            "parquet" | "pq" => Some(Format::Parquet),
            _ => None,
        }
    }

    /// The format of input that starts with `head`: Parquet when it
    /// starts with Parquet's magic `PAR1`; JSON Lines when the first
    /// character that is not white space (or a byte-order mark) is `{`
    /// or `[`; else CSV.
    pub fn sniff(head: &[u8]) -> Format {
        if head.starts_with(b"PAR1") {
            return Format::Parquet;
        }
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        match head.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{' | b'[') => Format::Jsonl,
            _ => Format::Csv,
        }
    }
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// JSON Lines: the core's `Screening` JSON with the row number first.
    #[value(alias = "ndjson", alias = "json")]
    Jsonl,
    /// Apache Parquet: the input's columns, then the result columns.
    #[value(alias = "pq")]
    Parquet,
}

impl OutputFormat {
    /// The format of the output: the flag, else the extension of
    /// `--output`, else JSON Lines.
    ///
    /// # Errors
    ///
    /// When the extension names a format that is not written (`.csv`),
    /// rather than writing JSON Lines into a file named for CSV.
    pub fn choose(
        flag: Option<OutputFormat>,
        path: Option<&Path>,
    ) -> Result<OutputFormat, String> {
        if let Some(f) = flag {
            return Ok(f);
        }
        let Some(path) = path else {
            return Ok(OutputFormat::Jsonl);
        };
        match Format::from_path(path) {
            Some(Format::Parquet) => Ok(OutputFormat::Parquet),
            Some(Format::Jsonl) | None => Ok(OutputFormat::Jsonl),
            Some(Format::Csv) => Err(format!(
                "cannot write CSV ({}): write .jsonl or .parquet, or give \
                 --output-format",
                path.display()
            )),
        }
    }
}

/// The lane that makes `screen` exit with 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Yellow or red.
    Yellow,
    /// Red only.
    Red,
}

impl FailOn {
    /// Whether a row in `lane` fails the run.
    pub fn fails(self, lane: Lane) -> bool {
        let at = match self {
            FailOn::Yellow => Lane::Yellow,
            FailOn::Red => Lane::Red,
        };
        lane >= at
    }
}

/// When to use colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal and NO_COLOR is not set.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour, given whether stdout is a terminal and the value
    /// of NO_COLOR.
    pub fn enabled(self, terminal: bool, no_color: Option<&str>) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            // no-color.org: set and not empty disables colour.
            ColorChoice::Auto => {
                terminal && !matches!(no_color, Some(v) if !v.is_empty())
            }
        }
    }
}

fn parse_score(s: &str) -> Result<f64, String> {
    let x: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!("{x} is outside 0 to 1"))
    }
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "\\t" | "tab" => Ok(b'\t'),
        _ if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err(format!(
            "{s:?} is not one ASCII character (write a tab as \\t)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn flags_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn min_score() {
        let cases = [
            ("zero", "0", Ok(0.0)),
            ("one", "1", Ok(1.0)),
            ("half", " 0.5 ", Ok(0.5)),
            ("negative", "-0.1", Err(())),
            ("above one", "1.5", Err(())),
            ("not a number", "high", Err(())),
            ("nan", "NaN", Err(())),
        ];
        for (name, input, want) in cases {
            assert_eq!(parse_score(input).map_err(|_| ()), want, "{name}");
        }
    }

    #[test]
    fn delimiter() {
        let cases = [
            ("comma", ",", Ok(b',')),
            ("semicolon", ";", Ok(b';')),
            ("escaped tab", "\\t", Ok(b'\t')),
            ("tab word", "tab", Ok(b'\t')),
            ("literal tab", "\t", Ok(b'\t')),
            ("two characters", ";;", Err(())),
            ("non-ASCII", "§", Err(())),
            ("empty", "", Err(())),
        ];
        for (name, input, want) in cases {
            let got = parse_delimiter(input).map_err(|_| ());
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn format_from_extension() {
        let cases = [
            ("a.csv", Some(Format::Csv)),
            ("a.CSV", Some(Format::Csv)),
            ("a.tsv", Some(Format::Csv)),
            ("a.jsonl", Some(Format::Jsonl)),
            ("a.ndjson", Some(Format::Jsonl)),
            ("a.json", Some(Format::Jsonl)),
            ("a.parquet", Some(Format::Parquet)),
            ("a.PQ", Some(Format::Parquet)),
            ("a.txt", None),
            ("a", None),
            ("-", None),
        ];
        for (path, want) in cases {
            assert_eq!(Format::from_path(Path::new(path)), want, "{path}");
        }
    }

    #[test]
    fn format_sniffed() {
        let cases: [(&str, &[u8], Format); 9] = [
            ("object", b"{\"a\":1}", Format::Jsonl),
            ("blank lines first", b"\n \r\n\t{", Format::Jsonl),
            ("bom", b"\xEF\xBB\xBF{", Format::Jsonl),
            ("array", b"[{}]", Format::Jsonl),
            ("header", b"reference,description", Format::Csv),
            ("quoted header", b"\"{x}\",y", Format::Csv),
            ("empty", b"", Format::Csv),
            ("parquet", b"PAR1\x15\x04", Format::Parquet),
            ("parquet magic later", b"x,PAR1", Format::Csv),
        ];
        for (name, head, want) in cases {
            assert_eq!(Format::sniff(head), want, "{name}");
        }
    }

    #[test]
    fn output_format() {
        use OutputFormat::*;
        let cases = [
            ("stdout", None, None, Ok(Jsonl)),
            ("flag wins", Some(Parquet), Some("a.jsonl"), Ok(Parquet)),
            ("parquet extension", None, Some("out.parquet"), Ok(Parquet)),
            ("jsonl extension", None, Some("out.ndjson"), Ok(Jsonl)),
            ("other extension", None, Some("out.txt"), Ok(Jsonl)),
            ("csv refused", None, Some("out.csv"), Err(())),
            ("csv with flag", Some(Jsonl), Some("out.csv"), Ok(Jsonl)),
        ];
        for (name, flag, path, want) in cases {
            let got = OutputFormat::choose(flag, path.map(Path::new));
            assert_eq!(got.map_err(|_| ()), want, "{name}");
        }
    }

    #[test]
    fn fail_on() {
        use Lane::*;
        let cases = [
            (FailOn::Yellow, Green, false),
            (FailOn::Yellow, Yellow, true),
            (FailOn::Yellow, Red, true),
            (FailOn::Red, Green, false),
            (FailOn::Red, Yellow, false),
            (FailOn::Red, Red, true),
        ];
        for (fail_on, lane, want) in cases {
            assert_eq!(fail_on.fails(lane), want, "{fail_on:?} {lane:?}");
        }
    }

    #[test]
    fn color() {
        use ColorChoice::*;
        let cases = [
            ("auto on a terminal", Auto, true, None, true),
            ("auto in a pipe", Auto, false, None, false),
            ("NO_COLOR set", Auto, true, Some("1"), false),
            ("NO_COLOR empty", Auto, true, Some(""), true),
            ("always in a pipe", Always, false, None, true),
            ("always with NO_COLOR", Always, true, Some("1"), true),
            ("never", Never, true, None, false),
        ];
        for (name, choice, terminal, no_color, want) in cases {
            assert_eq!(choice.enabled(terminal, no_color), want, "{name}");
        }
    }

    #[test]
    fn languages_split_on_commas() {
        let cli = Cli::try_parse_from([
            "dualuse",
            "explain",
            "x",
            "--languages",
            "en,zh",
            "--languages",
            "ru",
        ])
        .unwrap();
        let Command::Explain(a) = cli.command else {
            panic!("not explain")
        };
        assert_eq!(a.screener.languages, ["en", "zh", "ru"]);
    }

    #[test]
    fn lists_flags_repeat() {
        let cli = Cli::try_parse_from([
            "dualuse",
            "screen",
            "f.csv",
            "--lists",
            "a",
            "--lists",
            "b",
            "--add-lists",
            "c",
        ])
        .unwrap();
        let Command::Screen(a) = cli.command else {
            panic!("not screen")
        };
        assert_eq!(a.screener.lists, [PathBuf::from("a"), "b".into()]);
        assert_eq!(a.screener.add_lists, [PathBuf::from("c")]);
        assert_eq!(a.batch_size, 4096);
    }

    #[test]
    fn bad_lists_path_is_an_error() {
        let args = ScreenerArgs {
            lists: vec!["/nonexistent/dualuse-lists".into()],
            ..ScreenerArgs::default()
        };
        let err = args.control_lists().unwrap_err().to_string();
        assert!(err.contains("/nonexistent/dualuse-lists"), "{err}");
    }
}
