//! CAS registry numbers: parsing, check digit, finding them in text.
//!
//! A CAS number is 2-7 digits, 2 digits and a check digit, joined by
//! hyphens (`111-48-8`). The check digit is the sum of the other digits,
//! read from the right and weighted 1, 2, 3 …, modulo 10. Only numbers
//! whose check digit holds are reported: a typo or an invented number
//! must not raise a hit.

use std::sync::LazyLock;

use regex::Regex;

/// Why a string is not a CAS number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CasProblem {
    /// Not of the form `NNNNNNN-NN-N`.
    Format,
    /// Well formed, but the check digit is `found` where the other digits
    /// give `expected`.
    CheckDigit { found: u32, expected: u32 },
}

/// Parses a CAS number written `NNNNNNN-NN-N` (surrounding white space
/// allowed) and returns it in canonical form.
pub(crate) fn parse(s: &str) -> Result<String, CasProblem> {
    let s = s.trim();
    let mut parts = s.split('-');
    let (a, b, c) = match (parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), Some(c)) if parts.next().is_none() => (a, b, c),
        _ => return Err(CasProblem::Format),
    };
    let digits = |p: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(a, 2, 7) || !digits(b, 2, 2) || !digits(c, 1, 1) {
        return Err(CasProblem::Format);
    }
    let a = a.trim_start_matches('0');
    if a.len() < 2 {
        return Err(CasProblem::Format);
    }
    let found = c.as_bytes()[0] as u32 - b'0' as u32;
    let expected = check_digit(a, b);
    if found != expected {
        return Err(CasProblem::CheckDigit { found, expected });
    }
    Ok(format!("{a}-{b}-{c}"))
}

fn check_digit(a: &str, b: &str) -> u32 {
    a.bytes()
        .chain(b.bytes())
        .rev()
        .enumerate()
        .map(|(i, d)| (i as u32 + 1) * (d - b'0') as u32)
        .sum::<u32>()
        % 10
}

static CAS_IN_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9]{2,7}-[0-9]{2}-[0-9]").unwrap());

/// Every valid CAS number in normalised text, as (byte start, byte end,
/// canonical number). A number glued to further digits or hyphenated
/// digits (`12-34-5-6`, a part number) is not taken for a CAS number.
pub(crate) fn find_all(text: &str) -> Vec<(usize, usize, String)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for m in CAS_IN_TEXT.find_iter(text) {
        let (s, e) = (m.start(), m.end());
        let digit_before = s > 0 && bytes[s - 1].is_ascii_digit();
        let glued_after = bytes.get(e).is_some_and(|b| b.is_ascii_digit())
            || (bytes.get(e) == Some(&b'-')
                && bytes.get(e + 1).is_some_and(|b| b.is_ascii_digit()));
        let glued_before =
            s > 1 && bytes[s - 1] == b'-' && bytes[s - 2].is_ascii_digit();
        if digit_before || glued_after || glued_before {
            continue;
        }
        if let Ok(cas) = parse(m.as_str()) {
            found.push((s, e, cas));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_numbers() {
        let cases = [
            ("thiodiglycol", "111-48-8"),
            ("water", "7732-18-5"),
            ("sarin", "107-44-8"),
            ("vx", "50782-69-9"),
            ("leading zeros dropped", "0111-48-8"),
        ];
        for (name, s) in cases {
            assert!(parse(s).is_ok(), "case {name}: {s}");
        }
        assert_eq!(parse("0111-48-8").unwrap(), "111-48-8");
    }

    #[test]
    fn rejects_bad_check_digit() {
        assert_eq!(
            parse("111-48-9"),
            Err(CasProblem::CheckDigit {
                found: 9,
                expected: 8
            })
        );
    }

    #[test]
    fn rejects_bad_format() {
        for s in ["", "111488", "1-48-8", "111-4-8", "111-48-88", "a11-48-8"] {
            assert_eq!(parse(s), Err(CasProblem::Format), "{s:?}");
        }
    }

    #[test]
    fn finds_in_text() {
        let got = find_all("cas 111-48-8, also 111-48-9 and 7732-18-5.");
        let numbers: Vec<&str> =
            got.iter().map(|(_, _, c)| c.as_str()).collect();
        assert_eq!(numbers, ["111-48-8", "7732-18-5"]);
        assert_eq!(got[0].0, 4);
    }

    #[test]
    fn ignores_numbers_inside_part_numbers() {
        assert!(find_all("part 9111-48-8-2").is_empty());
        assert!(find_all("part 2-111-48-8").is_empty());
        assert!(find_all("12111-48-80").is_empty());
    }

    #[test]
    fn finds_glued_to_letters() {
        assert_eq!(find_all("CAS111-48-8")[0].2, "111-48-8");
    }
}
