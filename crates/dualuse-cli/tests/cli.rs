//! Runs the built `dualuse` binary on fixture files and compares its
//! decoded output with what is expected, printing a readable diff.
//!
//! Tests that screen against the embedded lists rely only on entry
//! 1C350.1 (thiodiglycol); everything else uses the lists in
//! `tests/fixtures/lists`, so the results are pinned down here.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type};
use arrow_array::{
    Array, ArrayRef, BinaryArray, Int64Array, RecordBatch, StringArray,
};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use serde_json::{json, Map, Value};

const BIN: &str = env!("CARGO_BIN_EXE_dualuse");

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The stdout as JSON Lines, one value per line.
    fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| {
                serde_json::from_str(l).unwrap_or_else(|e| {
                    panic!("not a JSON line ({e}): {l}\n{}", self.stderr)
                })
            })
            .collect()
    }

    fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "exit status\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
        .display()
        .to_string()
}

/// A directory of the repository's shared list fixtures.
fn shared_lists(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/lists")
        .join(name)
        .display()
        .to_string()
}

/// A file written for one test under Cargo's temporary directory.
fn temp_file(name: &str, content: &[u8]) -> String {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, content).unwrap();
    path.display().to_string()
}

fn dualuse_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let input = input.to_vec();
        // Written from a thread so a large input cannot deadlock against
        // a full stdout pipe.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn dualuse(args: &[&str]) -> Run {
    dualuse_with_stdin(args, None)
}

/// `screen` against the fixture lists.
fn screen(args: &[&str]) -> Run {
    let mut all = vec!["screen", "--lists", "FIXTURE_LISTS"];
    all.extend_from_slice(args);
    let lists = fixture("lists");
    let all: Vec<&str> = all
        .iter()
        .map(|a| if *a == "FIXTURE_LISTS" { &lists } else { *a })
        .collect();
    dualuse(&all)
}

/// The parts of an output line a test pins down: row, reference, lane,
/// hits as `entry:rule:matched`, cleared entries; or row, line, error.
fn brief(v: &Value) -> Value {
    if let Some(e) = v.get("error") {
        return json!({ "row": v["row"], "line": v["line"], "error": e });
    }
    let hits: Vec<String> = v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| {
            format!(
                "{}:{}:{}",
                h["entry_id"].as_str().unwrap(),
                h["rule"].as_str().unwrap(),
                h["matched"].as_str().unwrap()
            )
        })
        .collect();
    let cleared: Vec<&str> = v["cleared"]
        .as_array()
        .expect("cleared")
        .iter()
        .map(|c| c["entry_id"].as_str().unwrap())
        .collect();
    json!({
        "row": v["row"],
        "ref": v.get("reference").cloned().unwrap_or(Value::Null),
        "lane": v["lane"],
        "hits": hits,
        "cleared": cleared,
    })
}

/// Compares line by line; on a difference prints every line, expected
/// and got, marking the ones that differ.
fn assert_lines(name: &str, want: &[Value], got: &[Value]) {
    if want == got {
        return;
    }
    let mut msg = format!(
        "{name}: output differs ({} lines expected, {} got)\n",
        want.len(),
        got.len()
    );
    for i in 0..want.len().max(got.len()) {
        let w = want.get(i).map_or("(none)".into(), Value::to_string);
        let g = got.get(i).map_or("(none)".into(), Value::to_string);
        if w == g {
            msg.push_str(&format!("  line {}: {w}\n", i + 1));
        } else {
            msg.push_str(&format!(
                "x line {}:\n    expected {w}\n    got      {g}\n",
                i + 1
            ));
        }
    }
    panic!("{msg}");
}

fn briefs(run: &Run) -> Vec<Value> {
    run.json_lines().iter().map(brief).collect()
}

/// What the fixture goods file gives with the fixture lists.
fn goods_expected() -> Vec<Value> {
    vec![
        json!({"row": 1, "ref": "G-1", "lane": "red",
               "hits": ["1C350.1:term:Thiodiglycol"], "cleared": []}),
        json!({"row": 2, "ref": "G-2", "lane": "green",
               "hits": [], "cleared": []}),
        json!({"row": 3, "ref": "G-3", "lane": "yellow",
               "hits": ["1C350.1:term:TDG"], "cleared": []}),
        json!({"row": 4, "ref": "G-4", "lane": "green",
               "hits": [], "cleared": ["1C350.7"]}),
        json!({"row": 5, "ref": "G-5", "lane": "red",
               "hits": ["0B001.c:term:centrifuge rotor"], "cleared": []}),
        json!({"row": 6, "ref": "G-6", "lane": "red",
               "hits": ["1C350.1:cas:111-48-8"], "cleared": []}),
        json!({"row": 7, "ref": "G-7", "lane": "green",
               "hits": [], "cleared": []}),
        json!({"row": 8, "ref": "G-8", "lane": "red",
               "hits": ["1C350.1:term:硫二甘醇"], "cleared": []}),
    ]
}

#[test]
fn screen_csv() {
    let run = screen(&[&fixture("goods.csv")]);
    run.expect_code(0);
    assert_lines("goods.csv", &goods_expected(), &briefs(&run));
    assert!(
        run.stderr
            .contains("screened 8 rows: 3 green, 1 yellow, 4 red"),
        "{}",
        run.stderr
    );
}

#[test]
fn output_is_the_core_screening_plus_row_first() {
    let run = screen(&[&fixture("goods.csv")]);
    let first = run.stdout.lines().next().unwrap();
    assert!(
        first.starts_with("{\"row\":1,\"schema_version\":1,"),
        "{first}"
    );
    let v = &run.json_lines()[0];
    let keys: Vec<&str> =
        v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut want = vec![
        "cleared",
        "hits",
        "hs_indicators",
        "lane",
        "lists_hash",
        "lists_version",
        "reference",
        "risk",
        "row",
        "schema_version",
    ];
    want.sort_unstable();
    assert_eq!(keys, want);
    let hit = &v["hits"][0];
    assert_eq!(hit["char_start"], 0);
    assert_eq!(hit["char_end"], 12);
    assert_eq!(hit["hs_match"], "2930.70");
    assert_eq!(hit["note"], "Ask for the purity and the end user.");
    assert_eq!(v["lists_version"], "2024-02-29");
    assert_eq!(v["lists_hash"].as_str().unwrap().len(), 64);
}

#[test]
fn screen_jsonl_gives_what_csv_gives() {
    let csv = screen(&[&fixture("goods.csv")]);
    let jsonl = screen(&[&fixture("goods.jsonl")]);
    jsonl.expect_code(0);
    assert_lines("goods.jsonl", &goods_expected(), &briefs(&jsonl));
    assert_lines("csv = jsonl", &csv.json_lines(), &jsonl.json_lines());
}

#[test]
fn screen_stdin_sniffs_the_format() {
    let lists = fixture("lists");
    let args = ["screen", "-", "--lists", &lists];
    let file = screen(&[&fixture("goods.csv")]).json_lines();
    for name in ["goods.csv", "goods.jsonl"] {
        let input = std::fs::read(fixture(name)).unwrap();
        let run = dualuse_with_stdin(&args, Some(&input));
        run.expect_code(0);
        assert_lines(&format!("stdin {name}"), &file, &run.json_lines());
    }
}

#[test]
fn format_flag_and_sniffing_beat_the_extension() {
    let lists = fixture("lists");
    let jsonl = std::fs::read(fixture("goods.jsonl")).unwrap();
    let want = briefs(&screen(&[&fixture("goods.csv")]));
    // No known extension: sniffed from the first character.
    let txt = temp_file("goods-as.txt", &jsonl);
    let run = screen(&[&txt]);
    assert_lines("sniffed .txt", &want, &briefs(&run));
    // Stdin told explicitly.
    let csv = std::fs::read(fixture("goods.csv")).unwrap();
    let args = ["screen", "-", "--format", "csv", "--lists", &lists];
    let run = dualuse_with_stdin(&args, Some(&csv));
    assert_lines("--format csv", &want, &briefs(&run));
    // The flag wins over the extension.
    let odd = temp_file("goods-really-jsonl.csv", &jsonl);
    let run = screen(&[&odd, "--format", "jsonl"]);
    assert_lines("--format jsonl", &want, &briefs(&run));
}

#[test]
fn column_flags() {
    let run = screen(&[
        &fixture("custom-columns.csv"),
        "--delimiter",
        ";",
        "--text",
        "goods",
        "--hs",
        "Tariff",
        "--ref",
        "Item No",
    ]);
    run.expect_code(0);
    let want = vec![
        json!({"row": 1, "ref": "A/1", "lane": "red",
               "hits": ["1C350.1:term:Thiodiglycol"], "cleared": []}),
        json!({"row": 2, "ref": "A/2", "lane": "green",
               "hits": [], "cleared": []}),
        json!({"row": 3, "ref": "A/3", "lane": "red",
               "hits": ["1C350.1:term:тиодигликоль"], "cleared": []}),
    ];
    assert_lines("custom columns", &want, &briefs(&run));
    let v = run.json_lines();
    assert_eq!(v[0]["hits"][0]["hs_match"], "2930.70", "--hs was read");
}

#[test]
fn missing_column_is_an_error_before_any_output() {
    let run = screen(&[&fixture("custom-columns.csv"), "--delimiter", ";"]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("no description column"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Item No, Tariff, Goods"),
        "{}",
        run.stderr
    );
    let run = screen(&[&fixture("goods.csv"), "--hs", "tariff"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("no column \"tariff\""),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_csv_rows_are_reported_and_the_rest_screened() {
    let run = screen(&[&fixture("bad-rows.csv")]);
    run.expect_code(0);
    let fields = |n| {
        format!(
            "expected 3 fields as in the header, found {n} (a separator or \
             quote inside an unquoted field?)"
        )
    };
    let want = vec![
        json!({"row": 1, "ref": "B-1", "lane": "red",
               "hits": ["1C350.1:term:Thiodiglycol"], "cleared": []}),
        json!({"row": 2, "line": 3, "error": fields(2)}),
        json!({"row": 3, "ref": "B-3", "lane": "green",
               "hits": [], "cleared": []}),
        json!({"row": 4, "line": 7, "error": fields(4)}),
        json!({"row": 5, "ref": "B-5", "lane": "yellow",
               "hits": ["1C350.1:term:TDG"], "cleared": []}),
    ];
    assert_lines("bad-rows.csv", &want, &briefs(&run));
    // The error line is exactly row, line, error.
    let line = run.stdout.lines().nth(1).unwrap();
    assert!(
        line.starts_with("{\"row\":2,\"line\":3,\"error\":"),
        "{line}"
    );
    for want in ["line 3 (row 2)", "line 7 (row 4)", "2 bad rows"] {
        assert!(run.stderr.contains(want), "{want}: {}", run.stderr);
    }
}

#[test]
fn bad_jsonl_rows_are_reported_and_the_rest_screened() {
    let run = screen(&[&fixture("bad-rows.jsonl")]);
    run.expect_code(0);
    let want = vec![
        json!({"row": 1, "ref": "B-1", "lane": "red",
               "hits": ["1C350.1:term:Thiodiglycol"], "cleared": []}),
        json!({"row": 2, "line": 2,
               "error": "invalid JSON: expected value at column 37"}),
        json!({"row": 3, "line": 4, "error": "no description field \
               (looked for description, goods_description, text, desc)"}),
        json!({"row": 4, "line": 5,
               "error": "field \"description\" is a number, not a string"}),
        json!({"row": 5, "line": 6,
               "error": "expected a JSON object, found an array"}),
        json!({"row": 6, "ref": "B-5", "lane": "yellow",
               "hits": ["1C350.1:term:TDG"], "cleared": []}),
    ];
    assert_lines("bad-rows.jsonl", &want, &briefs(&run));
    assert!(run.stderr.contains("line 4 (row 3)"), "{}", run.stderr);
}

#[test]
fn invalid_utf8_is_a_bad_row() {
    let csv = temp_file(
        "invalid-utf8.csv",
        b"description\nthiodiglycol\ncaf\xe9 beans\nTDG drum\n",
    );
    let jsonl = temp_file(
        "invalid-utf8.jsonl",
        b"{\"text\":\"thiodiglycol\"}\n\
          {\"text\":\"caf\xe9\"}\n\
          {\"text\":\"x\"}\n",
    );
    for (file, line) in [(&csv, 3), (&jsonl, 2)] {
        let run = screen(&[file]);
        run.expect_code(0);
        let v = run.json_lines();
        assert_eq!(v.len(), 3, "{file}");
        assert_eq!(v[1]["row"], 2, "{file}");
        assert_eq!(v[1]["line"], line, "{file}");
        let error = v[1]["error"].as_str().unwrap();
        assert!(error.contains("invalid UTF-8"), "{file}: {error}");
        assert_eq!(v[2]["row"], 3, "{file}");
    }
}

#[test]
fn fail_on_sets_the_exit_status() {
    let goods = fixture("goods.csv");
    let bad = fixture("bad-rows.csv");
    let green_yellow = temp_file(
        "green-yellow.csv",
        b"description\ncotton T-shirts\nTDG in 4 drums\n",
    );
    let cases = [
        ("no gate", &goods, None, 0),
        ("red gate, red row", &goods, Some("red"), 1),
        ("yellow gate, red row", &goods, Some("yellow"), 1),
        ("red gate, yellow row", &green_yellow, Some("red"), 0),
        ("yellow gate, yellow row", &green_yellow, Some("yellow"), 1),
        ("no gate, yellow row", &green_yellow, None, 0),
        ("a bad row fails the gate", &bad, Some("red"), 1),
    ];
    for (name, file, fail_on, want) in cases {
        let mut args = vec![file.as_str()];
        if let Some(lane) = fail_on {
            args.extend(["--fail-on", lane]);
        }
        let run = screen(&args);
        assert_eq!(run.code, want, "{name}: {}", run.stderr);
        assert!(!run.stdout.is_empty(), "{name}: output still written");
    }
    let run = screen(&[&goods, "--fail-on", "orange"]);
    run.expect_code(2);
}

#[test]
fn batches_keep_input_order() {
    let whole = screen(&[&fixture("goods.csv")]).json_lines();
    let small = screen(&[&fixture("goods.csv"), "--batch-size", "3"]);
    assert_lines("batch size 3", &whole, &small.json_lines());
}

#[test]
fn min_score_and_add_lists() {
    let run = screen(&[&fixture("goods.csv"), "--min-score", "0.7"]);
    let lanes: Vec<Value> =
        run.json_lines().iter().map(|v| v["lane"].clone()).collect();
    assert_eq!(lanes[2], "green", "TDG (0.65) is left out");

    let text = temp_file("watch.csv", b"description\n2 pcs ACME rotor\n");
    let run = screen(&[&text]);
    assert!(run.json_lines()[0]["hits"].as_array().unwrap().is_empty());
    let run = screen(&[&text, "--add-lists", &fixture("watch")]);
    run.expect_code(0);
    let want = vec![json!({"row": 1, "ref": null, "lane": "red",
        "hits": ["WATCH-1:term:ACME rotor"], "cleared": []})];
    assert_lines("--add-lists", &want, &briefs(&run));

    let run = screen(&[&text, "--add-lists", &fixture("lists")]);
    run.expect_code(2);
    assert!(run.stderr.contains("already used"), "{}", run.stderr);
    let run = screen(&[&text, "--min-score", "2"]);
    run.expect_code(2);
}

#[test]
fn bad_input_paths_are_errors() {
    let run = screen(&["/nonexistent/declarations.csv"]);
    run.expect_code(2);
    assert!(run.stderr.contains("cannot open"), "{}", run.stderr);
    let run = dualuse(&[
        "screen",
        &fixture("goods.csv"),
        "--lists",
        &shared_lists("bad-check-digit"),
    ]);
    run.expect_code(2);
    assert!(run.stderr.contains("bad-check-digit"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let array = temp_file("array.json", b"[{\"text\": \"x\"}]\n");
    let run = screen(&[&array]);
    run.expect_code(2);
    assert!(run.stderr.contains("jq -c"), "{}", run.stderr);
}

#[test]
fn closed_stdout_exits_quietly() {
    let mut rows = b"description\n".to_vec();
    for _ in 0..100_000 {
        rows.extend_from_slice(b"Thiodiglycol 99% 200L drums\n");
    }
    let big = temp_file("big.csv", &rows);
    let mut child = Command::new(BIN)
        .args(["screen", &big, "--lists", &fixture("lists")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(first.starts_with("{\"row\":1,"), "{first}");
    drop(out);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn example_files_screen_against_the_embedded_lists() {
    let run = dualuse(&["screen", &example("declarations.csv")]);
    run.expect_code(0);
    let v = run.json_lines();
    assert!((35..=45).contains(&v.len()), "{} rows", v.len());
    for (i, line) in v.iter().enumerate() {
        assert_eq!(line["row"], i + 1);
        assert!(line.get("error").is_none(), "{line}");
    }
    // Thiodiglycol by name, by CAS number alone, and in Chinese.
    for (row, rule, matched) in [
        (4, "term", "Thiodiglycol"),
        (5, "cas", "111-48-8"),
        (6, "term", "硫二甘醇"),
    ] {
        let hit = v[row - 1]["hits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["entry_id"] == "1C350.1")
            .unwrap_or_else(|| panic!("row {row}: {}", v[row - 1]));
        assert_eq!(hit["rule"], rule, "row {row}");
        assert_eq!(hit["matched"], matched, "row {row}");
        assert_eq!(v[row - 1]["lane"], "red", "row {row}");
    }
    assert_eq!(v[0]["lane"], "green", "cotton T-shirts");

    let run = dualuse(&["screen", &example("declarations.jsonl")]);
    run.expect_code(0);
    let v = run.json_lines();
    assert_eq!(v.len(), 10);
    assert_eq!(v[1]["hits"][0]["entry_id"], "1C350.1");
}

#[test]
fn explain_for_a_person() {
    let run = dualuse(&["explain", "Thiodiglycol 99% 200L drums"]);
    run.expect_code(0);
    let out = &run.stdout;
    assert!(
        out.starts_with("[[Thiodiglycol]] 99% 200L drums\n"),
        "not a terminal, so brackets and no colour:\n{out}"
    );
    for want in [
        "1C350.1",
        "lane red",
        "span      chars 0..12",
        "matched   \"Thiodiglycol\"",
        "note      ",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
    let zh = dualuse(&["explain", "硫二甘醇 桶装"]);
    assert!(
        zh.stdout.starts_with("[[硫二甘醇]] 桶装\n"),
        "{}",
        zh.stdout
    );
    assert!(zh.stdout.contains("1C350.1"), "{}", zh.stdout);
}

#[test]
fn explain_json_colour_and_hs() {
    let run = dualuse(&["explain", "--json", "Thiodiglycol 99% 200L drums"]);
    run.expect_code(0);
    let v = &run.json_lines()[0];
    assert_eq!(v["hits"][0]["entry_id"], "1C350.1");
    assert_eq!(v["hits"][0]["char_start"], 0);
    assert_eq!(v["hits"][0]["char_end"], 12);
    assert!(v.get("row").is_none(), "explain prints the Screening only");

    let lists = fixture("lists");
    let run = dualuse(&[
        "explain",
        "thiodiglycol",
        "--hs",
        "2930.70.00",
        "--color",
        "always",
        "--lists",
        &lists,
    ]);
    let out = &run.stdout;
    assert!(
        out.starts_with("\x1b[1;31mthiodiglycol\x1b[0m\n"),
        "{out:?}"
    );
    assert!(out.contains("HS match  declared code is within 2930.70"));
    assert!(out.contains("declared 29307000 is near heading 2930.70"));

    let run = dualuse(&["explain", "CAS 111-48-9", "--lists", &lists]);
    assert!(run.stdout.contains("no hits"), "{}", run.stdout);
    assert!(run.stdout.contains("lane green"), "{}", run.stdout);
    let run = dualuse(&[
        "explain",
        "toothpaste with sodium fluoride",
        "--lists",
        &lists,
    ]);
    assert!(
        run.stdout.contains("cleared: 1C350.7 Sodium fluoride [AG]"),
        "{}",
        run.stdout
    );
}

#[test]
fn lists_check_good_lists() {
    let run = dualuse(&["lists", "check", &fixture("lists")]);
    run.expect_code(0);
    let last = run.stdout.lines().last().unwrap();
    assert_eq!(last, "OK: 2 files, 3 entries");
    assert!(run.stdout.contains("chemicals.toml: 2 entries"));
    assert!(run.stdout.contains("nuclear.toml: 1 entry\n"));

    let run = dualuse(&["lists", "check", &shared_lists("ok")]);
    run.expect_code(0);
    assert!(run.stdout.lines().last().unwrap().starts_with("OK: "));

    let run = dualuse(&["lists", "check"]);
    run.expect_code(0);
    assert!(run.stdout.contains("OK: "), "embedded: {}", run.stdout);
}

#[test]
fn lists_check_bad_lists() {
    // Each directory breaks one rule: (directory, entry, field, kind).
    let cases = [
        ("bad-check-digit", "1C350.1", "cas", "bad_check_digit"),
        ("bad-cas-format", "1C350.1", "cas", "bad_cas_format"),
        ("bad-hs", "1C350.1", "hs", "bad_hs_code"),
        (
            "bad-unknown-language",
            "1C350.1",
            "terms.xx",
            "unknown_language",
        ),
        ("bad-duplicate-id", "1C350.1", "id", "duplicate_id"),
        ("bad-date", "-", "list.date", "bad_date"),
    ];
    for (dir, entry, field, kind) in cases {
        let path = shared_lists(dir);
        let run = dualuse(&["lists", "check", &path]);
        assert_eq!(run.code, 2, "{dir}: {}", run.stdout);
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(lines.len(), 1, "{dir}: {}", run.stdout);
        let parts: Vec<&str> = lines[0].splitn(4, ": ").collect();
        assert!(parts[0].starts_with(&path), "{dir}: {}", lines[0]);
        assert_eq!(parts[1], entry, "{dir}: {}", lines[0]);
        assert_eq!(parts[2], field, "{dir}: {}", lines[0]);
        assert!(
            parts[3].ends_with(&format!("[{kind}]")),
            "{dir}: {}",
            lines[0]
        );
        assert!(run.stderr.contains("1 problem"), "{dir}: {}", run.stderr);
    }
    // Every bad-* fixture is refused, whatever it breaks.
    let root = shared_lists("");
    for d in std::fs::read_dir(&root).unwrap() {
        let d = d.unwrap().path();
        let name = d.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("bad-") {
            continue;
        }
        let run = dualuse(&["lists", "check", &d.display().to_string()]);
        assert_eq!(run.code, 2, "{name} passed: {}", run.stdout);
        assert!(!run.stdout.is_empty(), "{name}: no problem printed");
    }
    // Good and bad together: nothing loads, the problem is named.
    let run = dualuse(&[
        "lists",
        "check",
        &fixture("lists"),
        &shared_lists("bad-check-digit"),
    ]);
    run.expect_code(2);
    assert!(!run.stdout.contains("OK"), "{}", run.stdout);
}

#[test]
fn lists_stats() {
    let run = dualuse(&["lists", "stats", "--json", &fixture("lists")]);
    run.expect_code(0);
    let mut v = run.json_lines().remove(0);
    let obj = v.as_object_mut().unwrap();
    assert_eq!(
        obj.remove("lists_hash").unwrap().as_str().unwrap().len(),
        64
    );
    let sources = obj.remove("sources").unwrap();
    assert_eq!(sources[0]["entries"], 2);
    assert_eq!(sources[1]["date"], "2024-02-29");
    let categories = obj.remove("categories").unwrap();
    assert_eq!(categories["0"], json!({"name": "nuclear", "entries": 1}));
    assert_eq!(categories["1"]["entries"], 2);
    assert_eq!(categories["ML"], json!({"name": "military", "entries": 0}));
    let want = json!({
        "files": 2,
        "entries": 3,
        "lists_version": "2024-02-29",
        "regimes": {"AG": 2, "CWC": 1, "NSG": 1},
        "languages": {"de": 1, "en": 3, "ru": 1, "zh": 1},
        "with": {"cas": 2, "hs": 2, "note": 1, "clear": 1, "review": 1},
    });
    assert_lines("stats --json", &[want], &[v]);

    let run = dualuse(&["lists", "stats", &fixture("lists")]);
    run.expect_code(0);
    for want in [
        "2 files, 3 entries",
        "  0 nuclear ",
        "  1 materials, chemicals, microorganisms, toxins ",
        "  ML military ",
        "entries per regime",
        "entries per language",
        "CAS numbers",
    ] {
        assert!(run.stdout.contains(want), "{want:?}:\n{}", run.stdout);
    }

    let run = dualuse(&["lists", "stats", "--json"]);
    run.expect_code(0);
    let v = &run.json_lines()[0];
    assert!(v["categories"]["1"]["entries"].as_u64().unwrap() >= 1);
    assert!(v["languages"]["zh"].as_u64().unwrap() >= 1);
}

#[test]
fn help_names_every_flag() {
    let run = dualuse(&["screen", "--help"]);
    run.expect_code(0);
    for flag in [
        "--format",
        "--text",
        "--hs",
        "--ref",
        "--cas",
        "--lists",
        "--add-lists",
        "--min-score",
        "--fail-on",
        "--output",
        "--output-format",
    ] {
        assert!(run.stdout.contains(flag), "{flag}:\n{}", run.stdout);
    }
    dualuse(&["bogus"]).expect_code(2);
}

/// Path of a file under Cargo's temporary directory (not created).
fn temp_path(name: &str) -> String {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(name)
        .display()
        .to_string()
}

/// Writes the columns as one Parquet file, in two record batches (two
/// row groups) so that batches and row numbers across them are tested.
fn write_parquet(name: &str, columns: Vec<(&str, ArrayRef)>) -> String {
    let path = temp_path(name);
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let mut w = ArrowWriter::try_new(
        File::create(&path).unwrap(),
        batch.schema(),
        None,
    )
    .unwrap();
    let half = batch.num_rows() / 2;
    w.write(&batch.slice(0, half)).unwrap();
    w.flush().unwrap();
    w.write(&batch.slice(half, batch.num_rows() - half))
        .unwrap();
    w.close().unwrap();
    path
}

/// One Arrow value as JSON, for the types the output holds.
fn arrow_json(a: &dyn Array, i: usize) -> Value {
    if a.is_null(i) {
        return Value::Null;
    }
    match a.data_type() {
        DataType::Utf8 => json!(a.as_string::<i32>().value(i)),
        DataType::Int64 => json!(a.as_primitive::<Int64Type>().value(i)),
        DataType::Float64 => json!(a.as_primitive::<Float64Type>().value(i)),
        DataType::Binary => {
            json!(String::from_utf8_lossy(a.as_binary::<i32>().value(i)))
        }
        DataType::List(_) => {
            let items = a.as_list::<i32>().value(i);
            (0..items.len())
                .map(|j| arrow_json(items.as_ref(), j))
                .collect()
        }
        DataType::Struct(fields) => {
            let s = a.as_struct();
            let mut m = Map::new();
            for (f, c) in fields.iter().zip(s.columns()) {
                m.insert(f.name().clone(), arrow_json(c.as_ref(), i));
            }
            Value::Object(m)
        }
        t => panic!("no JSON for {t}"),
    }
}

/// A Parquet file's rows as JSON objects, and its schema metadata.
fn read_parquet(path: &str) -> (Vec<Value>, Vec<(String, String)>) {
    let b =
        ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap())
            .unwrap();
    let mut meta: Vec<(String, String)> = b
        .schema()
        .metadata()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    meta.sort();
    let mut rows = Vec::new();
    for batch in b.build().unwrap() {
        let batch = batch.unwrap();
        let schema = batch.schema();
        for i in 0..batch.num_rows() {
            let mut m = Map::new();
            for (f, c) in schema.fields().iter().zip(batch.columns()) {
                m.insert(f.name().clone(), arrow_json(c.as_ref(), i));
            }
            rows.push(Value::Object(m));
        }
    }
    (rows, meta)
}

/// The result of a JSON Lines screening in the shape of the Parquet
/// columns (`screen_arrow`'s schema), to compare the two.
fn as_arrow_row(v: &Value) -> Value {
    if v.get("error").is_some() || v["lane"].is_null() {
        return json!({
            "risk": null, "lane": null, "hits": null,
            "hs_indicators": null,
            "error": v.get("error").cloned().unwrap_or(Value::Null),
        });
    }
    let hits: Vec<Value> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            json!({
                "entry_id": h["entry_id"], "regimes": h["regimes"],
                "title": h["title"], "rule": h["rule"], "score": h["score"],
                "status": h["status"], "start": h["char_start"],
                "end": h["char_end"], "matched": h["matched"],
                "term": h["term"],
            })
        })
        .collect();
    let indicators: Vec<Value> = v["hs_indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| json!({"entry_id": h["entry_id"], "heading": h["heading"]}))
        .collect();
    json!({
        "risk": v["risk"], "lane": v["lane"], "hits": hits,
        "hs_indicators": indicators, "error": null,
    })
}

/// The result columns of a Parquet output row.
fn result_columns(row: &Value) -> Value {
    let keys = ["risk", "lane", "hits", "hs_indicators", "error"];
    keys.iter()
        .map(|k| (k.to_string(), row[k].clone()))
        .collect()
}

/// The goods fixture as Parquet columns, with a null description after
/// the third row and the reference as an integer `id`.
fn goods_parquet(name: &str) -> String {
    let text = std::fs::read_to_string(fixture("goods.jsonl")).unwrap();
    let rows: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut ids = Vec::new();
    let mut descriptions = Vec::new();
    let mut hs = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        if i == 3 {
            ids.push(100);
            descriptions.push(None);
            hs.push(Some("2930.70".to_string()));
        }
        ids.push(i as i64 + 1);
        descriptions.push(r["description"].as_str().map(str::to_string));
        hs.push(r["hs_code"].as_str().map(str::to_string));
    }
    write_parquet(
        name,
        vec![
            ("id", Arc::new(Int64Array::from(ids)) as ArrayRef),
            ("description", Arc::new(StringArray::from(descriptions))),
            ("hs_code", Arc::new(StringArray::from(hs))),
        ],
    )
}

#[test]
fn parquet_in_and_out_gives_what_jsonl_gives() {
    let input = goods_parquet("goods.parquet");
    let out = temp_path("goods-out.parquet");
    let run = screen(&[&input, "--output", &out]);
    run.expect_code(0);
    assert_eq!(run.stdout, "", "the results went to the file");
    assert!(
        run.stderr.contains(
            "screened 8 rows: 3 green, 1 yellow, 4 red; 1 row with a null \
             description, not screened"
        ),
        "{}",
        run.stderr
    );
    let jsonl = screen(&[&fixture("goods.jsonl")]).json_lines();
    let (rows, meta) = read_parquet(&out);
    assert_eq!(rows.len(), 9);

    // The input's columns come first and unchanged, then row and the
    // results.
    let names: Vec<&String> = rows[0].as_object().unwrap().keys().collect();
    let mut want = [
        "id",
        "description",
        "hs_code",
        "row",
        "risk",
        "lane",
        "hits",
        "hs_indicators",
        "error",
    ];
    want.sort_unstable();
    assert_eq!(names, want, "serde_json sorts keys");
    assert_eq!(rows[0]["id"], 1);
    assert_eq!(rows[3]["id"], 100);
    assert_eq!(rows[3]["description"], Value::Null);
    assert_eq!(rows[8]["description"], "硫二甘醇 桶装");

    // The null description: a null result, no error, as screen_arrow.
    assert_eq!(rows[3]["row"], 4);
    let null = json!({"risk": null, "lane": null, "hits": null,
                      "hs_indicators": null, "error": null});
    assert_eq!(result_columns(&rows[3]), null);

    // Every other row: the JSON Lines result of the same goods.
    let mut want = Vec::new();
    let mut got = Vec::new();
    for (i, r) in rows.iter().enumerate().filter(|(i, _)| *i != 3) {
        assert_eq!(r["row"], i as i64 + 1);
        got.push(result_columns(r));
        want.push(as_arrow_row(&jsonl[got.len() - 1]));
    }
    assert_lines("parquet = jsonl", &want, &got);
    assert!(
        rows[0]["hits"][0]["start"] == 0 && rows[0]["hits"][0]["end"] == 12
    );

    // Which lists decided, in the file.
    let keys: Vec<&str> = meta.iter().map(|(k, _)| k.as_str()).collect();
    assert!(keys.contains(&"dualuse.lists_hash"), "{keys:?}");
    let hash = meta.iter().find(|(k, _)| k == "dualuse.lists_hash");
    assert_eq!(hash.unwrap().1, jsonl[0]["lists_hash"].as_str().unwrap());
}

#[test]
fn parquet_to_jsonl_and_csv_to_parquet() {
    let input = goods_parquet("goods-for-jsonl.parquet");
    let run = screen(&[&input]);
    run.expect_code(0);
    let lines = run.json_lines();
    assert_eq!(lines[3], json!({"row": 4, "risk": null, "lane": null}));
    // Apart from the null row and the row numbers after it, exactly what
    // the JSON Lines file gives.
    let mut from_parquet = lines.clone();
    from_parquet.remove(3);
    for l in &mut from_parquet {
        l.as_object_mut().unwrap().remove("row");
    }
    let mut from_jsonl = screen(&[&fixture("goods.jsonl")]).json_lines();
    for l in &mut from_jsonl {
        let l = l.as_object_mut().unwrap();
        l.remove("row");
        // The Parquet file has an integer id, read as the reference.
        l.remove("reference");
    }
    for (i, l) in from_parquet.iter_mut().enumerate() {
        let id = l.as_object_mut().unwrap().remove("reference");
        assert_eq!(id, Some(json!((i + 1).to_string())));
    }
    assert_lines("parquet -> jsonl", &from_jsonl, &from_parquet);

    // CSV in, Parquet out: the fields read, row, then the results.
    let out = temp_path("goods-from-csv.pq");
    screen(&[&fixture("goods.csv"), "-o", &out]).expect_code(0);
    let (rows, _) = read_parquet(&out);
    let jsonl = screen(&[&fixture("goods.csv")]).json_lines();
    assert_eq!(rows.len(), jsonl.len());
    for (r, j) in rows.iter().zip(&jsonl) {
        assert_eq!(r["row"], j["row"]);
        assert_eq!(r["reference"], j["reference"]);
        assert_eq!(result_columns(r), as_arrow_row(j));
    }
    assert_eq!(rows[0]["description"], "Thiodiglycol 99% 200L drums");
    assert_eq!(rows[0]["hs_code"], "2930.70");
}

#[test]
fn parquet_bad_rows_are_reported_and_the_rest_screened() {
    // A binary column (no UTF-8 annotation) may hold any bytes.
    let descriptions: Vec<Option<&[u8]>> = vec![
        Some(b"Thiodiglycol 99% 200L drums"),
        Some(b"bad \xff bytes"),
        None,
        Some(b"ladies cotton T-shirts"),
    ];
    let input = write_parquet(
        "bad-rows.parquet",
        vec![
            (
                "goods",
                Arc::new(BinaryArray::from(descriptions)) as ArrayRef,
            ),
            ("ref", Arc::new(StringArray::from(vec!["a", "b", "c", "d"]))),
        ],
    );
    let out = temp_path("bad-rows-out.parquet");
    let run = screen(&[&input, "--text", "goods", "-o", &out]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "dualuse: row 2: invalid UTF-8 in column \"goods\" at byte 4"
        ),
        "{}",
        run.stderr
    );
    let (rows, _) = read_parquet(&out);
    let lanes: Vec<&Value> = rows.iter().map(|r| &r["lane"]).collect();
    assert_eq!(
        lanes,
        [&json!("red"), &Value::Null, &Value::Null, &json!("green")]
    );
    assert_eq!(
        rows[1]["error"],
        "invalid UTF-8 in column \"goods\" at byte 4 of the value"
    );
    assert_eq!(rows[2]["error"], Value::Null);
    assert_eq!(rows[1]["ref"], "b");

    // The same to JSON Lines: the bad row without a line number.
    let run = screen(&[&input, "--text", "goods"]);
    let lines = run.json_lines();
    assert_eq!(
        lines[1],
        json!({"row": 2, "error": "invalid UTF-8 in column \"goods\" at \
               byte 4 of the value"})
    );
    // What was not screened was not cleared; a null was not declared.
    screen(&[&input, "--text", "goods", "--fail-on", "red"]).expect_code(1);
}

#[test]
fn parquet_errors_name_the_file_and_column() {
    let not_parquet = temp_file("not-really.parquet", b"description\nx\n");
    let run = screen(&[&not_parquet]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("cannot read")
            && run.stderr.contains("not-really.parquet as Parquet"),
        "{}",
        run.stderr
    );

    let input = write_parquet(
        "no-text.parquet",
        vec![
            ("id", Arc::new(Int64Array::from(vec![1, 2])) as ArrayRef),
            ("goods", Arc::new(StringArray::from(vec!["a", "b"]))),
        ],
    );
    let out = temp_path("never-written.parquet");
    let run = screen(&[&input, "-o", &out]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("no-text.parquet: no description column")
            && run.stderr.contains("columns: id, goods"),
        "{}",
        run.stderr
    );
    assert!(!Path::new(&out).exists(), "no output for a failed run");

    let run = screen(&[&input, "--text", "goods", "--hs", "tariff"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("no column \"tariff\" for the HS code"),
        "{}",
        run.stderr
    );

    let run = screen(&[&input, "--text", "id"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains(
            "no-text.parquet: column \"id\" is Int64, not text (string or \
             binary)"
        ),
        "{}",
        run.stderr
    );

    // Parquet needs a file: its index is at the end.
    let bytes = std::fs::read(&input).unwrap();
    let lists = fixture("lists");
    let args = ["screen", "-", "--lists", &lists];
    let run = dualuse_with_stdin(&args, Some(&bytes));
    run.expect_code(2);
    assert!(run.stderr.contains("cannot read Parquet from stdin"));

    // The output never overwrites the input.
    let run = screen(&[&input, "--text", "goods", "-o", &input]);
    run.expect_code(2);
    assert!(run.stderr.contains("is the input file"), "{}", run.stderr);
    assert_eq!(std::fs::read(&input).unwrap(), bytes);

    // No CSV output, rather than JSON Lines under a .csv name.
    let run = screen(&[&fixture("goods.csv"), "-o", &temp_path("o.csv")]);
    run.expect_code(2);
    assert!(run.stderr.contains("cannot write CSV"), "{}", run.stderr);
}

#[test]
fn parquet_columns_named_like_results_are_replaced() {
    // Screening a screened file again: its old results are left out.
    let input = goods_parquet("rescreen-in.parquet");
    let first = temp_path("rescreen-1.parquet");
    screen(&[&input, "-o", &first]).expect_code(0);
    let second = temp_path("rescreen-2.parquet");
    let run = screen(&[&first, "-o", &second]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("input column \"risk\" is left out"),
        "{}",
        run.stderr
    );
    let (a, _) = read_parquet(&first);
    let (b, _) = read_parquet(&second);
    assert_eq!(a, b);
}
