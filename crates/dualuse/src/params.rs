//! Parameter criteria: the technical values that decide whether named
//! goods are controlled (a frequency changer only with an output of
//! 600-2000 Hz), checked against the quantities a description states near
//! the term.
//!
//! A criterion is met when a stated quantity of its dimension near the
//! term overlaps the controlled range, failed when quantities of that
//! dimension are stated there but none overlaps, and unstated otherwise.
//! A material criterion (`words`) is met when one of its words stands near
//! the term and failed when only one of its `cleared_by` words does.

use serde::{Deserialize, Serialize};

use crate::normalise::{normalise_term, Normalised};
use crate::quantity::{self, Dimension, Quantity};
use crate::terms::contains_word;

/// Default window, in characters on either side of the term.
pub(crate) const DEFAULT_WINDOW: usize = 80;

/// How an entry's criteria combine.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    /// Controlled when every criterion is met (the usual list wording).
    #[default]
    All,
    /// Controlled when one criterion is met.
    Any,
}

/// What a criterion tests.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Test {
    /// A quantity within bounds, in the base unit of its dimension.
    Quantity {
        /// Lower bound, base unit.
        low: Option<f64>,
        /// Whether the lower bound itself is controlled.
        low_inclusive: bool,
        /// Upper bound, base unit.
        high: Option<f64>,
        /// Whether the upper bound itself is controlled.
        high_inclusive: bool,
        /// The dimension's name (`frequency`, `pressure` …).
        dimension: String,
    },
    /// A material or design named near the term.
    Words {
        /// Normalised words that meet the criterion.
        words: Vec<String>,
        /// Normalised words that fail it when none of `words` is there.
        cleared_by: Vec<String>,
    },
}

/// One parameter criterion of an entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// How the criterion reads in results: `frequency 600 to 2000 Hz`.
    pub label: String,
    /// What it tests.
    pub test: Test,
}

/// An entry's criteria.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// How the criteria combine.
    pub combine: Combine,
    /// Characters on either side of the term within which a quantity
    /// belongs to it.
    pub window: usize,
    /// The criteria.
    pub criteria: Vec<Criterion>,
}

/// The bounds of a quantity criterion as a list writes them.
#[derive(Clone, Debug, Default)]
pub(crate) struct Bounds {
    pub(crate) min: Option<f64>,
    pub(crate) above: Option<f64>,
    pub(crate) max: Option<f64>,
    pub(crate) below: Option<f64>,
}

/// Builds a quantity criterion from list bounds and a unit, converting to
/// the base unit by reading `"<value> <unit>"` with the same extractor
/// that reads descriptions, so a list can use any unit a trader could.
pub(crate) fn quantity_criterion(
    what: Option<&str>,
    b: &Bounds,
    unit: &str,
) -> Result<Criterion, String> {
    if b.min.is_some() && b.above.is_some() {
        return Err("give min or above, not both".into());
    }
    if b.max.is_some() && b.below.is_some() {
        return Err("give max or below, not both".into());
    }
    let low = b.min.or(b.above);
    let high = b.max.or(b.below);
    if low.is_none() && high.is_none() {
        return Err("give at least one of min, above, max, below".into());
    }
    let convert = |v: f64| -> Result<(f64, Dimension), String> {
        // The extractor leaves `2.050` unread (German thousands or English
        // decimals?); a list value is plain decimal, so say so with a
        // fourth decimal.
        let mut number = format!("{v}");
        if number.split_once('.').is_some_and(|(_, f)| f.len() == 3) {
            number.push('0');
        }
        let q = quantity::extract(&format!("{number} {unit}"));
        match q.as_slice() {
            [q] if q.low.is_some() && !q.tolerance => {
                Ok((q.low.unwrap(), q.dimension))
            }
            _ => Err(format!("unknown unit {unit:?}")),
        }
    };
    let low_base = low.map(convert).transpose()?;
    let high_base = high.map(convert).transpose()?;
    let dimension = low_base.or(high_base).map(|(_, d)| d).unwrap();
    if let (Some((l, _)), Some((h, _))) = (low_base, high_base) {
        if l > h {
            return Err(format!("lower bound {l} above upper bound {h}"));
        }
    }
    let name = dimension_name(dimension);
    let fmt = |v: f64| format!("{v} {unit}");
    let range = match (b.min, b.above, b.max, b.below) {
        (Some(l), _, Some(h), _) => format!("{l} to {}", fmt(h)),
        (_, Some(l), _, Some(h)) => format!("above {l} and below {}", fmt(h)),
        (Some(l), _, _, Some(h)) => format!("{l} to below {}", fmt(h)),
        (_, Some(l), Some(h), _) => format!("above {l} to {}", fmt(h)),
        (Some(l), ..) => format!("{} or more", fmt(l)),
        (_, Some(l), ..) => format!("more than {}", fmt(l)),
        (_, _, Some(h), _) => format!("{} or less", fmt(h)),
        (_, _, _, Some(h)) => format!("less than {}", fmt(h)),
        _ => unreachable!("checked above: one bound at least"),
    };
    Ok(Criterion {
        label: format!("{} {range}", what.unwrap_or(name)),
        test: Test::Quantity {
            low: low_base.map(|(v, _)| v),
            low_inclusive: b.min.is_some(),
            high: high_base.map(|(v, _)| v),
            high_inclusive: b.max.is_some(),
            dimension: name.to_string(),
        },
    })
}

/// Builds a material criterion.
pub(crate) fn words_criterion(
    what: Option<&str>,
    words: &[String],
    cleared_by: &[String],
) -> Result<Criterion, String> {
    let norm = |v: &[String]| -> Result<Vec<String>, String> {
        v.iter()
            .map(|w| {
                let n = normalise_term(w);
                if n.chars().any(char::is_alphanumeric) {
                    Ok(n)
                } else {
                    Err(format!("word {w:?} has no letter or digit"))
                }
            })
            .collect()
    };
    if words.is_empty() {
        return Err("a words criterion needs words".into());
    }
    Ok(Criterion {
        label: what.map_or_else(
            || format!("made of or with {}", words.join(", ")),
            str::to_string,
        ),
        test: Test::Words {
            words: norm(words)?,
            cleared_by: norm(cleared_by)?,
        },
    })
}

/// The snake_case name of a dimension, as results show it.
pub(crate) fn dimension_name(d: Dimension) -> &'static str {
    match d {
        Dimension::Frequency => "frequency",
        Dimension::Pressure => "pressure",
        Dimension::Length => "length",
        Dimension::Area => "area",
        Dimension::Volume => "volume",
        Dimension::FlowRate => "flow_rate",
        Dimension::Power => "power",
        Dimension::Energy => "energy",
        Dimension::Temperature => "temperature",
        Dimension::Mass => "mass",
        Dimension::Density => "density",
        Dimension::Speed => "speed",
        Dimension::Rotation => "rotation",
        Dimension::Time => "time",
        Dimension::DataRate => "data_rate",
        Dimension::FrameRate => "frame_rate",
        Dimension::Fraction => "fraction",
        Dimension::Bits => "bits",
        Dimension::Voltage => "voltage",
        Dimension::Current => "current",
        Dimension::Acceleration => "acceleration",
        Dimension::AngularRate => "angular_rate",
        Dimension::AngleRandomWalk => "angle_random_walk",
        Dimension::Angle => "angle",
        Dimension::MagneticFluxDensity => "magnetic_flux_density",
        Dimension::Force => "force",
        Dimension::RadiationDose => "radiation_dose",
    }
}

/// What one criterion found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A stated value lies in the controlled range (or a listed material
    /// is named).
    Met,
    /// Values are stated and none lies in the range (or only a clearing
    /// material is named).
    Failed,
    /// Nothing stated near the term.
    Unstated,
}

impl Outcome {
    /// `met`, `failed` or `unstated`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Met => "met",
            Outcome::Failed => "failed",
            Outcome::Unstated => "unstated",
        }
    }
}

/// The verdict on an entry's criteria for one hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    Controlled,
    Candidate,
    Cleared,
}

/// One criterion checked: its label, outcome, and the words of the text
/// that decided it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Check {
    pub(crate) label: String,
    pub(crate) outcome: Outcome,
    pub(crate) found: Option<String>,
}

/// The stated quantities of a text, read once and shared by every hit.
pub(crate) struct Stated<'t> {
    text: &'t str,
    quantities: Vec<Quantity>,
}

impl<'t> Stated<'t> {
    pub(crate) fn new(text: &'t str) -> Stated<'t> {
        let quantities = if text.bytes().any(|b| b.is_ascii_digit()) {
            quantity::extract(text)
        } else {
            Vec::new()
        };
        Stated { text, quantities }
    }

    /// Checks `params` for a term at original bytes `start..end`.
    pub(crate) fn check(
        &self,
        params: &Params,
        start: usize,
        end: usize,
    ) -> (Verdict, Vec<Check>) {
        let checks: Vec<Check> = params
            .criteria
            .iter()
            .map(|c| self.check_one(c, params.window, start, end))
            .collect();
        let outcomes = checks.iter().map(|c| c.outcome);
        let verdict = match params.combine {
            Combine::All if outcomes.clone().any(|o| o == Outcome::Failed) => {
                Verdict::Cleared
            }
            Combine::All if outcomes.clone().all(|o| o == Outcome::Met) => {
                Verdict::Controlled
            }
            Combine::Any if outcomes.clone().any(|o| o == Outcome::Met) => {
                Verdict::Controlled
            }
            Combine::Any if outcomes.clone().all(|o| o == Outcome::Failed) => {
                Verdict::Cleared
            }
            _ => Verdict::Candidate,
        };
        (verdict, checks)
    }

    fn near(&self, window: usize, start: usize, end: usize) -> (usize, usize) {
        let from = self.text[..start]
            .char_indices()
            .rev()
            .nth(window.saturating_sub(1))
            .map_or(0, |(i, _)| i);
        let to = self.text[end..]
            .char_indices()
            .nth(window)
            .map_or(self.text.len(), |(i, _)| end + i);
        (from, to)
    }

    fn check_one(
        &self,
        c: &Criterion,
        window: usize,
        start: usize,
        end: usize,
    ) -> Check {
        let (from, to) = self.near(window, start, end);
        let (outcome, found) = match &c.test {
            Test::Quantity {
                low,
                low_inclusive,
                high,
                high_inclusive,
                dimension,
            } => {
                let near: Vec<&Quantity> = self
                    .quantities
                    .iter()
                    .filter(|q| {
                        dimension_name(q.dimension) == dimension
                            && q.start >= from
                            && q.end <= to
                            && (q.end <= start || q.start >= end)
                    })
                    .collect();
                let hit = near.iter().find(|q| {
                    overlaps(q, *low, *low_inclusive, *high, *high_inclusive)
                });
                match (hit, near.first()) {
                    (Some(q), _) => (Outcome::Met, Some(self.words(q))),
                    (None, Some(q)) => (Outcome::Failed, Some(self.words(q))),
                    (None, None) => (Outcome::Unstated, None),
                }
            }
            Test::Words { words, cleared_by } => {
                let around = Normalised::new(&self.text[from..to]).text;
                let said = |ws: &[String]| {
                    ws.iter().find(|w| contains_word(&around, w)).cloned()
                };
                match (said(words), said(cleared_by)) {
                    (Some(w), _) => (Outcome::Met, Some(w)),
                    (None, Some(w)) => (Outcome::Failed, Some(w)),
                    (None, None) => (Outcome::Unstated, None),
                }
            }
        };
        Check {
            label: c.label.clone(),
            outcome,
            found,
        }
    }

    fn words(&self, q: &Quantity) -> String {
        self.text[q.start..q.end].to_string()
    }
}

/// Whether a stated quantity overlaps a controlled range.
fn overlaps(
    q: &Quantity,
    low: Option<f64>,
    low_inclusive: bool,
    high: Option<f64>,
    high_inclusive: bool,
) -> bool {
    // Stated value range (a tolerance is its magnitude, a single value).
    let (q_low, q_low_in) = (q.low, q.low_inclusive || q.tolerance);
    let (q_high, q_high_in) = (q.high, q.high_inclusive || q.tolerance);
    // Controlled range must not lie wholly above the stated one ...
    let below_ok = match (low, q_high) {
        (Some(l), Some(h)) => h > l || (h == l && low_inclusive && q_high_in),
        _ => true,
    };
    // ... nor wholly below it.
    let above_ok = match (high, q_low) {
        (Some(h), Some(l)) => l < h || (l == h && high_inclusive && q_low_in),
        _ => true,
    };
    below_ok && above_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(criteria: Vec<Criterion>, combine: Combine) -> Params {
        Params {
            combine,
            window: DEFAULT_WINDOW,
            criteria,
        }
    }

    fn frequency() -> Criterion {
        quantity_criterion(
            Some("output frequency"),
            &Bounds {
                min: Some(600.0),
                max: Some(2000.0),
                ..Bounds::default()
            },
            "Hz",
        )
        .unwrap()
    }

    fn uts() -> Criterion {
        quantity_criterion(
            None,
            &Bounds {
                min: Some(1950.0),
                ..Bounds::default()
            },
            "MPa",
        )
        .unwrap()
    }

    fn verdict(p: &Params, text: &str, term: &str) -> (Verdict, Vec<Check>) {
        let start = text.find(term).unwrap();
        Stated::new(text).check(p, start, start + term.len())
    }

    #[test]
    fn labels() {
        assert_eq!(frequency().label, "output frequency 600 to 2000 Hz");
        assert_eq!(uts().label, "pressure 1950 MPa or more");
    }

    #[test]
    fn decides_on_stated_values() {
        let f = params(vec![frequency()], Combine::All);
        let u = params(vec![uts()], Combine::All);
        let cases = [
            (
                "in range",
                &f,
                "Frequency changer, output 600-2000 Hz, 40 kW",
                "Frequency changer",
                Verdict::Controlled,
            ),
            (
                "below range",
                &f,
                "Frequency inverter 0-400 Hz, 7.5 kW",
                "Frequency inverter",
                Verdict::Cleared,
            ),
            (
                "one of two in range",
                &f,
                "frequency changer 50 Hz in, 1200 Hz out",
                "frequency changer",
                Verdict::Controlled,
            ),
            (
                "unstated",
                &f,
                "frequency changer for lab",
                "frequency changer",
                Verdict::Candidate,
            ),
            (
                "too far",
                &f,
                &format!("frequency changer {} 1000 Hz", "x ".repeat(60)),
                "frequency changer",
                Verdict::Candidate,
            ),
            (
                "uts above",
                &u,
                "Maraging steel bar, UTS 2050 MPa",
                "Maraging steel",
                Verdict::Controlled,
            ),
            (
                "uts below",
                &u,
                "Maraging steel bar, UTS 1100 MPa",
                "Maraging steel",
                Verdict::Cleared,
            ),
            (
                "uts at bound",
                &u,
                "maraging steel 1950 MPa",
                "maraging steel",
                Verdict::Controlled,
            ),
            (
                "uts unstated",
                &u,
                "maraging steel rod",
                "maraging steel",
                Verdict::Candidate,
            ),
            (
                "up to",
                &f,
                "frequency changer up to 400 Hz",
                "frequency changer",
                Verdict::Cleared,
            ),
            (
                "at least",
                &f,
                "frequency changer >= 800 Hz",
                "frequency changer",
                Verdict::Controlled,
            ),
        ];
        for (name, p, text, term, want) in cases {
            assert_eq!(verdict(p, text, term).0, want, "case {name}");
        }
    }

    #[test]
    fn combines() {
        let all = params(vec![frequency(), uts()], Combine::All);
        let any = params(vec![frequency(), uts()], Combine::Any);
        let text = "frequency changer 1000 Hz";
        assert_eq!(
            verdict(&all, text, "frequency changer").0,
            Verdict::Candidate
        );
        assert_eq!(
            verdict(&any, text, "frequency changer").0,
            Verdict::Controlled
        );
        let text = "frequency changer 50 Hz";
        assert_eq!(
            verdict(&any, text, "frequency changer").0,
            Verdict::Candidate
        );
    }

    #[test]
    fn reports_what_decided() {
        let f = params(vec![frequency()], Combine::All);
        let (_, checks) =
            verdict(&f, "Frequency inverter 0-400 Hz", "Frequency inverter");
        assert_eq!(checks[0].outcome, Outcome::Failed);
        assert_eq!(checks[0].found.as_deref(), Some("0-400 Hz"));
    }

    #[test]
    fn materials() {
        let m = words_criterion(
            None,
            &["Hastelloy".into(), "tantalum".into()],
            &["carbon steel".into()],
        )
        .unwrap();
        let p = params(vec![m], Combine::All);
        let term = "reaction vessel";
        let cases = [
            (
                "listed",
                "reaction vessel, Hastelloy C-276, 5 m3",
                Verdict::Controlled,
            ),
            ("benign", "reaction vessel, carbon steel", Verdict::Cleared),
            ("unstated", "reaction vessel 5 m3", Verdict::Candidate),
        ];
        for (name, text, want) in cases {
            assert_eq!(verdict(&p, text, term).0, want, "case {name}");
        }
    }

    #[test]
    fn bad_criteria() {
        let b = |min, above, unit| {
            quantity_criterion(
                None,
                &Bounds {
                    min,
                    above,
                    ..Bounds::default()
                },
                unit,
            )
        };
        assert!(b(Some(1.0), Some(2.0), "Hz").is_err());
        assert!(b(None, None, "Hz").is_err());
        assert!(b(Some(1.0), None, "furlongs").is_err());
        assert!(words_criterion(None, &[], &[]).is_err());
    }
}
