//! `dualuse explain`: one description, explained for a person.

use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};

use dualuse::{Evidence, Field, GoodsItem, Hit, Lane, Screening};

use crate::app::Status;
use crate::flags::ExplainArgs;

/// Screens the text and prints the explanation (or the JSON).
pub fn run(args: &ExplainArgs) -> anyhow::Result<Status> {
    let screener = args.screener.screener()?;
    let mut item = GoodsItem::new(&args.text);
    if let Some(h) = &args.hs {
        item = item.hs_code(h);
    }
    if let Some(c) = &args.cas {
        item = item.cas(c);
    }
    let s = screener.screen_item(&item);
    let out = if args.json {
        s.to_json() + "\n"
    } else {
        let no_color = std::env::var("NO_COLOR").ok();
        let color = args
            .color
            .enabled(io::stdout().is_terminal(), no_color.as_deref());
        render(
            &args.text,
            args.hs.as_deref(),
            args.cas.as_deref(),
            &s,
            color,
        )
    };
    let mut stdout = io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(Status::Done)
}

/// How matched words and lanes are marked.
struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn matched(&self, text: &str) -> String {
        if self.color {
            self.paint("1;31", text)
        } else {
            format!("[[{text}]]")
        }
    }
    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
    fn lane(&self, lane: Lane) -> String {
        let code = match lane {
            Lane::Green => "1;32",
            Lane::Yellow => "1;33",
            Lane::Red => "1;31",
        };
        self.paint(code, lane.as_str())
    }
}

/// The explanation, as printed.
fn render(
    text: &str,
    hs: Option<&str>,
    cas: Option<&str>,
    s: &Screening,
    color: bool,
) -> String {
    let st = Style { color };
    let mut o = String::new();
    let spans = hit_spans(s.hits());
    let _ = writeln!(o, "{}", highlight(text, &spans, &st));
    if let Some(h) = hs {
        let _ = writeln!(o, "declared HS code {h}");
    }
    if let Some(c) = cas {
        let _ = writeln!(o, "declared CAS number {c}");
    }
    let _ = writeln!(
        o,
        "\nrisk {}, lane {}",
        st.bold(s.risk().as_str()),
        st.lane(s.lane())
    );
    if s.hits().is_empty() {
        let _ = writeln!(o, "\nno hits");
    }
    for (n, h) in s.hits().iter().enumerate() {
        let _ = writeln!(o, "\nhit {}: {}", n + 1, heading(h, &st));
        hit_lines(&mut o, h);
    }
    for c in s.cleared() {
        let _ = writeln!(o, "\ncleared: {}", heading(&c.hit, &st));
        line(&mut o, "reason", &c.reason);
        hit_lines(&mut o, &c.hit);
    }
    if !s.hs_indicators().is_empty() {
        let _ = writeln!(o, "\nHS indicators (a signal, never a hit alone):");
        for i in s.hs_indicators() {
            let _ = writeln!(
                o,
                "  {} {}: declared {} is near heading {}",
                st.bold(&i.entry_id),
                i.title,
                i.declared,
                i.heading
            );
        }
    }
    let _ = writeln!(
        o,
        "\nlists {}, sha256 {}",
        s.lists_version(),
        s.lists_hash()
    );
    o
}

fn heading(h: &Hit, st: &Style) -> String {
    let regimes: Vec<&str> = h.regimes().iter().map(|r| r.as_str()).collect();
    format!(
        "{} {} [{}]",
        st.bold(h.entry_id()),
        h.title(),
        regimes.join(", ")
    )
}

fn hit_lines(o: &mut String, h: &Hit) {
    line(o, "rule", h.rule().as_str());
    line(o, "score", &format!("{}", h.score()));
    line(o, "status", h.status().as_str());
    for (n, c) in h.params().iter().enumerate() {
        let found = c
            .found
            .as_deref()
            .map_or(String::new(), |f| format!(": stated {f:?}"));
        line(
            o,
            if n == 0 { "params" } else { "" },
            &format!("{} {}{found}", c.criterion, c.outcome.as_str()),
        );
    }
    let (a, b) = h.char_span();
    line(
        o,
        "span",
        &format!("chars {a}..{b}{}", field_suffix(h.field())),
    );
    line(o, "matched", &format!("{:?}", h.matched()));
    line(o, "term", &term(h.term(), h.language()));
    if let Some(m) = h.hs_match() {
        line(o, "HS match", &format!("declared code is within {m}"));
    }
    if h.evidence().len() > 1 {
        for (n, e) in h.evidence().iter().enumerate() {
            let label = if n == 0 { "evidence" } else { "" };
            line(o, label, &evidence(e));
        }
    }
    if let Some(note) = h.note() {
        for (n, l) in note.lines().enumerate() {
            line(o, if n == 0 { "note" } else { "" }, l.trim());
        }
    }
}

fn line(o: &mut String, label: &str, value: &str) {
    let _ = writeln!(o, "  {label:<10}{value}");
}

fn term(term: &str, language: Option<&str>) -> String {
    match language {
        Some(l) => format!("{term:?} ({l})"),
        None => format!("{term:?}"),
    }
}

fn field_suffix(f: Field) -> &'static str {
    match f {
        Field::Description => "",
        Field::Cas => " of the declared CAS number",
    }
}

fn evidence(e: &Evidence) -> String {
    format!(
        "{} {} matched {:?} at chars {}..{}{}, score {}",
        e.rule.as_str(),
        term(&e.term, e.language.as_deref()),
        e.matched,
        e.char_start,
        e.char_end,
        field_suffix(e.field),
        e.score
    )
}

/// Byte ranges of the description that some hit's evidence covers,
/// sorted and merged.
fn hit_spans(hits: &[Hit]) -> Vec<(usize, usize)> {
    merge(
        hits.iter()
            .flat_map(|h| h.evidence())
            .filter(|e| e.field == Field::Description)
            .map(|e| (e.byte_start, e.byte_end))
            .collect(),
    )
}

/// Ranges sorted, with overlapping and touching ones joined.
fn merge(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.retain(|(a, b)| b > a);
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// The text with the spans marked.
fn highlight(text: &str, spans: &[(usize, usize)], st: &Style) -> String {
    let mut out = String::new();
    let mut at = 0;
    for &(a, b) in spans {
        // Spans come from the core and lie on character boundaries; a
        // span that does not is left unmarked rather than cut wrongly.
        let (Some(before), Some(word)) = (text.get(at..a), text.get(a..b))
        else {
            continue;
        };
        out.push_str(before);
        out.push_str(&st.matched(word));
        at = b;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use dualuse::{ControlLists, Screener};

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
note = "Ask for purity.\nAnd the end user."
terms.en = ["thiodiglycol"]
terms.zh = ["硫二甘醇"]

[[entry]]
id = "1C350.7"
regimes = ["AG"]
title = "Sodium fluoride"
terms.en = ["sodium fluoride"]
clear = ["toothpaste"]
"#;

    fn screener() -> Screener {
        Screener::new(ControlLists::from_texts([("t.toml", LIST)]).unwrap())
            .unwrap()
    }

    #[test]
    fn spans_merge() {
        let cases = [
            ("none", vec![], vec![]),
            ("apart", vec![(5, 7), (0, 2)], vec![(0, 2), (5, 7)]),
            ("overlap", vec![(0, 4), (2, 6)], vec![(0, 6)]),
            ("touching", vec![(0, 2), (2, 4)], vec![(0, 4)]),
            ("inside", vec![(0, 9), (2, 4)], vec![(0, 9)]),
            ("empty span", vec![(3, 3), (5, 6)], vec![(5, 6)]),
        ];
        for (name, spans, want) in cases {
            assert_eq!(merge(spans), want, "{name}");
        }
    }

    #[test]
    fn highlights_with_brackets_or_colour() {
        let text = "硫二甘醇 and thiodiglycol";
        let s = screener().screen(text);
        let spans = hit_spans(s.hits());
        let plain = highlight(text, &spans, &Style { color: false });
        assert_eq!(plain, "[[硫二甘醇]] and [[thiodiglycol]]");
        let ansi = highlight(text, &spans, &Style { color: true });
        assert_eq!(
            ansi,
            "\x1b[1;31m硫二甘醇\x1b[0m and \x1b[1;31mthiodiglycol\x1b[0m"
        );
    }

    #[test]
    fn render_names_everything_an_officer_needs() {
        let text = "Thiodiglycol, CAS 111-48-8";
        let item = GoodsItem::new(text).hs_code("29307000");
        let s = screener().screen_item(&item);
        let out = render(text, Some("29307000"), None, &s, false);
        for want in [
            "[[Thiodiglycol]], CAS [[111-48-8]]",
            "risk high, lane red",
            "hit 1: 1C350.1 Thiodiglycol [AG, CWC]",
            "rule      cas",
            "score     0.99",
            "status    listed",
            "span      chars 18..26",
            "matched   \"111-48-8\"",
            "term      \"111-48-8\"",
            "HS match  declared code is within 2930.70",
            "evidence  cas \"111-48-8\" matched \"111-48-8\" at chars 18..26",
            "term \"thiodiglycol\" (en) matched \"Thiodiglycol\" at chars \
             0..12, score 0.8",
            "note      Ask for purity.\n            And the end user.",
            "declared 29307000 is near heading 2930.70",
        ] {
            assert!(out.contains(want), "missing {want:?} in:\n{out}");
        }
    }

    #[test]
    fn render_cleared_and_nothing() {
        let text = "toothpaste with sodium fluoride";
        let s = screener().screen(text);
        let out = render(text, None, None, &s, false);
        assert!(out.contains("no hits"), "{out}");
        assert!(out.contains("cleared: 1C350.7 Sodium fluoride [AG]"));
        assert!(out.contains("reason    clearing term"), "{out}");
        assert!(out.starts_with("toothpaste with sodium fluoride\n"));
    }
}
