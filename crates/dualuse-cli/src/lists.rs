//! `dualuse lists check` and `dualuse lists stats`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use dualuse::{ControlLists, ListProblem};
use serde::Serialize;

use crate::app::Status;
use crate::flags::{CheckArgs, StatsArgs};

/// The categories of the EU dual-use list (first character of the code)
/// and of the Military List.
const CATEGORIES: &[(&str, &str)] = &[
    ("0", "nuclear"),
    ("1", "materials, chemicals, microorganisms, toxins"),
    ("2", "materials processing"),
    ("3", "electronics"),
    ("4", "computers"),
    ("5", "telecommunications and information security"),
    ("6", "sensors and lasers"),
    ("7", "navigation and avionics"),
    ("8", "marine"),
    ("9", "aerospace and propulsion"),
    ("ML", "military"),
];
const OTHER: (&str, &str) = ("other", "national, watch and other codes");

/// The category key of an entry id.
fn category(id: &str) -> &'static str {
    if id.starts_with("ML") {
        return "ML";
    }
    let first = id.get(..1).unwrap_or("");
    CATEGORIES
        .iter()
        .find(|(k, _)| *k == first)
        .map_or(OTHER.0, |(k, _)| k)
}

fn load(
    paths: &[std::path::PathBuf],
) -> Result<ControlLists, dualuse::ListError> {
    if paths.is_empty() {
        Ok(ControlLists::embedded())
    } else {
        ControlLists::from_paths(paths)
    }
}

/// One problem as a line: `path: entry: field: detail [kind]`, with `-`
/// for a part that does not apply.
fn problem_line(p: &ListProblem) -> String {
    format!(
        "{}: {}: {}: {} [{}]",
        p.path().unwrap_or("-"),
        p.entry_id().unwrap_or("-"),
        p.field().unwrap_or("-"),
        p.detail(),
        p.kind()
    )
}

/// Validates the lists; every problem on stdout, exit 2 if any.
pub fn check(args: &CheckArgs) -> anyhow::Result<Status> {
    let mut out = String::new();
    let mut problems = 0;
    let status = match load(&args.paths) {
        Ok(lists) => {
            for (i, s) in lists.sources().iter().enumerate() {
                let n =
                    lists.entries().iter().filter(|e| e.source() == i).count();
                let e = if n == 1 { "entry" } else { "entries" };
                let _ = writeln!(out, "{}: {n} {e}", s.path);
            }
            let _ = writeln!(
                out,
                "OK: {} files, {} entries",
                lists.sources().len(),
                lists.entries().len()
            );
            Status::Done
        }
        Err(e) => {
            problems = e.problems().len();
            for p in e.problems() {
                let _ = writeln!(out, "{}", problem_line(p));
            }
            Status::Failed
        }
    };
    let mut stdout = io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    if problems > 0 {
        let s = if problems == 1 { "" } else { "s" };
        let _ = writeln!(
            io::stderr(),
            "dualuse: error: {problems} problem{s} in control lists; \
             nothing loaded"
        );
    }
    Ok(status)
}

#[derive(Debug, Serialize)]
struct Stats {
    files: usize,
    entries: usize,
    lists_version: String,
    lists_hash: String,
    sources: Vec<SourceStats>,
    categories: BTreeMap<&'static str, Category>,
    regimes: BTreeMap<String, usize>,
    languages: BTreeMap<String, usize>,
    with: With,
}

#[derive(Debug, Serialize)]
struct SourceStats {
    path: String,
    name: String,
    source: String,
    version: String,
    date: String,
    entries: usize,
}

#[derive(Debug, Serialize)]
struct Category {
    name: &'static str,
    entries: usize,
}

/// Entries having at least one of each.
#[derive(Debug, Default, Serialize)]
struct With {
    cas: usize,
    hs: usize,
    note: usize,
    clear: usize,
    review: usize,
}

fn stats_of(lists: &ControlLists) -> Stats {
    let mut categories: BTreeMap<&'static str, Category> = CATEGORIES
        .iter()
        .map(|&(k, name)| (k, Category { name, entries: 0 }))
        .collect();
    let mut regimes = BTreeMap::new();
    let mut languages = BTreeMap::new();
    let mut with = With::default();
    for e in lists.entries() {
        categories
            .entry(category(e.id()))
            .or_insert(Category {
                name: OTHER.1,
                entries: 0,
            })
            .entries += 1;
        for r in e.regimes() {
            *regimes.entry(r.as_str().to_string()).or_insert(0) += 1;
        }
        let mut langs: Vec<&str> = e
            .terms()
            .iter()
            .filter_map(|t| t.language.as_deref())
            .collect();
        langs.sort_unstable();
        langs.dedup();
        for l in langs {
            *languages.entry(l.to_string()).or_insert(0) += 1;
        }
        with.cas += usize::from(!e.cas().is_empty());
        with.hs += usize::from(!e.hs().is_empty());
        with.note += usize::from(e.note().is_some());
        with.clear += usize::from(!e.clear().is_empty());
        with.review += usize::from(e.review().is_some());
    }
    let sources = lists
        .sources()
        .iter()
        .enumerate()
        .map(|(i, s)| SourceStats {
            path: s.path.clone(),
            name: s.name.clone(),
            source: s.source.clone(),
            version: s.version.clone(),
            date: s.date.clone(),
            entries: lists
                .entries()
                .iter()
                .filter(|e| e.source() == i)
                .count(),
        })
        .collect();
    Stats {
        files: lists.sources().len(),
        entries: lists.entries().len(),
        lists_version: lists.version(),
        lists_hash: lists.hash().to_string(),
        sources,
        categories,
        regimes,
        languages,
        with,
    }
}

/// Largest count first, then by name.
fn by_count(map: &BTreeMap<String, usize>) -> Vec<(&str, usize)> {
    let mut v: Vec<(&str, usize)> =
        map.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v
}

fn percent(n: usize, of: usize) -> String {
    if of == 0 {
        return "-".into();
    }
    format!("{}%", (n * 100 + of / 2) / of)
}

fn render(s: &Stats) -> String {
    let mut o = String::new();
    let total = s.entries;
    let _ = writeln!(
        o,
        "{} files, {} entries, lists version {}, sha256 {}",
        s.files, total, s.lists_version, s.lists_hash
    );
    let _ = writeln!(o, "\nentries per category");
    let mut cats: Vec<(&&str, &Category)> = s.categories.iter().collect();
    // Digits, then ML, then other: the order of the regulation.
    cats.sort_by_key(|(k, _)| match **k {
        "ML" => 10,
        "other" => 11,
        d => d.parse().unwrap_or(12),
    });
    for (k, c) in cats {
        let label = format!("{k} {}", c.name);
        let _ = writeln!(o, "  {label:<50}{:>6}", c.entries);
    }
    let _ = writeln!(o, "\nentries per regime");
    for (r, n) in by_count(&s.regimes) {
        let _ = writeln!(o, "  {r:<10}{n:>6}  {:>4}", percent(n, total));
    }
    let _ = writeln!(o, "\nentries per language (at least one term)");
    for (l, n) in by_count(&s.languages) {
        let _ = writeln!(o, "  {l:<10}{n:>6}  {:>4}", percent(n, total));
    }
    let _ = writeln!(o, "\nentries with");
    let w = &s.with;
    for (what, n) in [
        ("CAS numbers", w.cas),
        ("HS headings", w.hs),
        ("an officer's note", w.note),
        ("clearing terms", w.clear),
        ("review remarks", w.review),
    ] {
        let _ = writeln!(o, "  {what:<20}{n:>6}  {:>4}", percent(n, total));
    }
    o
}

/// Prints coverage figures.
pub fn stats(args: &StatsArgs) -> anyhow::Result<Status> {
    let lists = load(&args.paths)?;
    let s = stats_of(&lists);
    let out = if args.json {
        serde_json::to_string(&s)? + "\n"
    } else {
        render(&s)
    };
    let mut stdout = io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(Status::Done)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = r#"
[list]
name = "t"
source = "t"
version = "1"
date = "2024-01-01"

[[entry]]
id = "1C350.1"
regimes = ["AG", "CWC"]
title = "Thiodiglycol"
cas = ["111-48-8"]
hs = ["2930.70"]
note = "Ask for purity."
terms.en = ["thiodiglycol", "TDG"]
terms.zh = ["硫二甘醇"]

[[entry]]
id = "ML7.a"
regimes = ["ML"]
title = "Nerve agents"
review = "check"
clear = ["VX-1000"]
terms.en = ["nerve agent"]

[[entry]]
id = "NAT-1"
regimes = ["NATIONAL"]
title = "National item"
terms.fr = ["article national"]
"#;

    #[test]
    fn categories() {
        let cases = [
            ("1C350.1", "1"),
            ("0B001", "0"),
            ("9A012", "9"),
            ("ML7.a", "ML"),
            ("WATCH-1", "other"),
            ("", "other"),
            ("é", "other"),
        ];
        for (id, want) in cases {
            assert_eq!(category(id), want, "{id}");
        }
    }

    #[test]
    fn counts() {
        let lists = ControlLists::from_texts([("t.toml", LIST)]).unwrap();
        let s = stats_of(&lists);
        assert_eq!((s.files, s.entries), (1, 3));
        assert_eq!(s.categories["1"].entries, 1);
        assert_eq!(s.categories["ML"].entries, 1);
        assert_eq!(s.categories["0"].entries, 0);
        assert_eq!(s.categories["other"].entries, 1);
        assert_eq!(s.regimes["AG"], 1);
        assert_eq!(s.regimes["ML"], 1);
        assert_eq!(s.languages["en"], 2, "an entry counts once");
        assert_eq!(s.languages["zh"], 1);
        assert_eq!(s.languages["fr"], 1);
        let w = &s.with;
        assert_eq!((w.cas, w.hs, w.note, w.clear, w.review), (1, 1, 1, 1, 1));
        assert_eq!(s.sources[0].entries, 3);
        let text = render(&s);
        assert!(text.contains("  1 materials, chemicals"), "{text}");
        let ml = text.find("ML military").unwrap();
        assert!(text.find("9 aerospace").unwrap() < ml, "{text}");
        assert!(text.contains("en             2   67%"), "{text}");
    }

    #[test]
    fn percents() {
        assert_eq!(percent(1, 3), "33%");
        assert_eq!(percent(2, 3), "67%");
        assert_eq!(percent(0, 0), "-");
    }

    #[test]
    fn problem_lines() {
        let bad = LIST.replace("111-48-8", "111-48-9");
        let err =
            ControlLists::from_texts([("t.toml", bad.as_str())]).unwrap_err();
        assert_eq!(
            problem_line(&err.problems()[0]),
            "t.toml: 1C350.1: cas: 111-48-9: check digit is 9, expected 8 \
             [bad_check_digit]"
        );
        let err = ControlLists::from_texts([("t.toml", "x = 1")]).unwrap_err();
        assert!(
            problem_line(&err.problems()[0]).starts_with("t.toml: -: x: "),
            "{err}"
        );
    }
}
