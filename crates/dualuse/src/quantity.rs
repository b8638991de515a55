//! Quantities with units in goods descriptions: `600-2000 Hz`,
//! `≥ 1 950 MPa`, `±0,5 µm`, `7,5 кВт`, `不低于1950兆帕`.
//!
//! Most dual-use entries are controlled by performance, not by name: a
//! frequency changer only with an output of 600-2000 Hz, maraging steel
//! only at 1 950 MPa or more. [`extract`] finds every quantity a
//! description states, in text order, converted to one base unit per
//! [`Dimension`], so that criteria compare numbers, not spellings.
//!
//! It reads the original text, not the normalised one: case is the only
//! thing that tells a milliwatt (`mW`) from a megawatt (`MW`).
//!
//! # Decisions
//!
//! Customs text is written by traders, in many languages and in a hurry;
//! every rule below trades a few misses for fewer invented numbers, since
//! an invented quantity can clear or control an entry.
//!
//! - **Case.** A unit written exactly as in the table wins (`mW`
//!   milliwatt, `MW` megawatt, `T` tesla, `t` tonne, `mT` millitesla,
//!   `MT` metric ton). Otherwise a case-insensitive match is accepted
//!   only for units whose spelling cannot mean two things: `KW`, `Kw` →
//!   kW; `HZ` → Hz; `mhz`, `MHZ` and even `mHz` → MHz (millihertz does
//!   not occur in trade, a miscased MHz does); `MPA`, `mpa` → MPa;
//!   `KG` → kg; `MM` → mm; `ML` → mL. `mw`, `Mw`, `mv`, `mj`, `NM`, `S`,
//!   `MS`, `KN` are ambiguous and give nothing.
//! - **Grams, not g-force.** `g` and `G` are grams (`NET WT 500G`); an
//!   acceleration must be written `gn`, `g0`, `g₀`, `micro g` or `m/s²`.
//!   `mg` and `µg` are milligram and microgram, never milli-g. A `G`
//!   glued to an integer up to 10 (`4G`, `5G`) is a network generation
//!   and a `K` glued to an integer up to 16 (`4K`, `8K`) a video
//!   resolution, so neither is a unit: 4 kelvin needs the space (`4 K`).
//! - **Separators.** `1,95` and `0,950` are decimal commas; a single
//!   comma followed by exactly three digits after a non-zero group of at
//!   most three digits is a thousands separator (`1,950 MPa` = 1950 MPa,
//!   as the English-language lists write it). A single point is a
//!   decimal point (`2.05 mm`), except before exactly three digits after
//!   a group of one to three: `2.050 MPa` is 2050 MPa in German and
//!   2.05 MPa in English, and a wrong guess could clear a controlled hit,
//!   so it is not read at all (the hit stays a candidate). Repeated
//!   separators are
//!   thousands (`2.000.000`, `2,000,000`); with both kinds, the last one
//!   is the decimal (`1.234,5`, `1,234.5`). Spaces (also no-break and
//!   thin spaces) group thousands when every group after the first has
//!   three digits (`2 000 Hz`, `1 234,5 kg`). A malformed group
//!   (`01.05.2024`, `10,20,30`, `8504.40.90`) is not a number at all.
//! - **Ranges** (`600-2000 Hz`, `600 to 2,000Hz`, `600 Hz - 2000 Hz`,
//!   `от 600 до 2000 Гц`, `600～2000赫兹`) are one quantity with both
//!   bounds inclusive; reversed bounds are swapped. When only the second
//!   number carries a unit, the first one shares it; two units must be of
//!   one dimension (`5 kW - 220 V` is two quantities).
//! - **Comparators** before the number (`≥`, `up to`, `max.`, `не менее`,
//!   `不低于` …) or after the unit (`or more`, `max`, `以上`, `и более` …)
//!   leave the other bound `None` (unbounded). A `None` bound is never
//!   inclusive. Words that say "about" change nothing.
//! - **`±`** marks a tolerance or accuracy: `tolerance` is set and `low`
//!   and `high` both hold the magnitude (`±0.5 µm` → 0.5e-6 m), which is
//!   what an accuracy threshold compares against. For temperatures the
//!   magnitude is a difference (`±2 °C` → 2 K, not 275 K). `10 ± 0.1 mm`
//!   gives the nominal 10 mm and the tolerance 0.1 mm.
//! - **Fractions.** `3/4 inch`, `1/2 hp`, `1 1/2"` are read as fractions
//!   when the numerator is smaller than the denominator and the
//!   denominator is 2, 4, 8, 16, 32 or 64 (the imperial ones), or when
//!   the numerator is 1 (`1/1000 s`). Any other `a/b unit` is a list of
//!   alternatives sharing the unit (`50/60 Hz`, `220/380V`); `24/7` has
//!   no unit and gives nothing.
//! - **Percent** is stored as a fraction 0-1 (`99.5 %` → 0.995), the SI
//!   coherent unit `1`. A bare number after "purity" (`purity 99.5`,
//!   `纯度 99.5`, `чистота 99,9`) is a percentage.
//! - **Bits** only with the word: `256-bit`, `256 bit`, `256 бит`;
//!   `AES-256` and `RSA 2048` give nothing.
//! - **Not units:** `M8` (a thread), `ISO 9001`, `2000 pcs`, dates, HS
//!   codes, CAS numbers, `4x4`, `1080p`, part numbers (a number glued to
//!   a preceding letter or to `letter-`, or a unit glued to a following
//!   digit, `X-600HZ2B`, `3A225`). Exceptions: `AC220V`, `DC24V`, `Ø10mm`
//!   and `2x500W` keep their number. `in` (inch), Russian `с` (second),
//!   `г` (gram), `т` (tonne) and Chinese one-character units that are
//!   also words (`安`, `巴`) count only when no word follows (`5 in
//!   stock`, `2024 г.` give nothing). A bare `C` (coulomb or Celsius?),
//!   `M` (metre or million?), Chinese `度` and Chinese `位` (`256位`,
//!   also a counter for people) are not read, nor is `Mach`, whose
//!   speed depends on altitude.
//! - In dimension lists (`100 x 200 x 300 mm`) only the number written
//!   next to the unit is read; `2x500W` is 500 W, the `2` being a count.
//!
//! Numbers are ASCII digits; full-width digits and Chinese numerals
//! (`万`) are left to normalisation. Values that overflow `f64` are
//! dropped. Everything is a single left-to-right pass with bounded
//! look-around, so time is linear in the text, and no input panics.

#![allow(dead_code)] // used by the parameter criteria, being wired in

use std::collections::HashMap;
use std::sync::LazyLock;

/// What a quantity measures; each has one base unit ([`base_unit`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Dimension {
    /// Hz.
    Frequency,
    /// Pressure and mechanical stress, Pa.
    Pressure,
    /// Length, wavelength and linear accuracy, m.
    Length,
    /// m².
    Area,
    /// m³.
    Volume,
    /// Volume per time, m³/s (pumps, separators).
    FlowRate,
    /// Active and apparent power (VA counted as W), W.
    Power,
    /// J.
    Energy,
    /// K.
    Temperature,
    /// kg.
    Mass,
    /// kg/m³.
    Density,
    /// m/s.
    Speed,
    /// Rotational speed, rpm.
    Rotation,
    /// s.
    Time,
    /// bit/s.
    DataRate,
    /// Frames per second.
    FrameRate,
    /// Percentages and purity as a fraction, 1 = 100 %.
    Fraction,
    /// Key and word lengths, bit.
    Bits,
    /// V.
    Voltage,
    /// A.
    Current,
    /// m/s².
    Acceleration,
    /// Gyro rates and drift, deg/s.
    AngularRate,
    /// Gyro angle random walk, deg/√h.
    AngleRandomWalk,
    /// Plane angle, deg.
    Angle,
    /// Magnetic flux density, T.
    MagneticFluxDensity,
    /// Force and thrust, N.
    Force,
    /// Absorbed dose (radiation hardness), Gy.
    RadiationDose,
}

/// The base unit a [`Quantity`] of this dimension is expressed in, for
/// messages.
pub(crate) fn base_unit(d: Dimension) -> &'static str {
    match d {
        Dimension::Frequency => "Hz",
        Dimension::Pressure => "Pa",
        Dimension::Length => "m",
        Dimension::Area => "m²",
        Dimension::Volume => "m³",
        Dimension::FlowRate => "m³/s",
        Dimension::Power => "W",
        Dimension::Energy => "J",
        Dimension::Temperature => "K",
        Dimension::Mass => "kg",
        Dimension::Density => "kg/m³",
        Dimension::Speed => "m/s",
        Dimension::Rotation => "rpm",
        Dimension::Time => "s",
        Dimension::DataRate => "bit/s",
        Dimension::FrameRate => "fps",
        Dimension::Fraction => "1",
        Dimension::Bits => "bit",
        Dimension::Voltage => "V",
        Dimension::Current => "A",
        Dimension::Acceleration => "m/s²",
        Dimension::AngularRate => "deg/s",
        Dimension::AngleRandomWalk => "deg/√h",
        Dimension::Angle => "deg",
        Dimension::MagneticFluxDensity => "T",
        Dimension::Force => "N",
        Dimension::RadiationDose => "Gy",
    }
}

/// A quantity stated in the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Quantity {
    /// What it measures.
    pub dimension: Dimension,
    /// Lower bound in the base unit; `None` = unbounded below.
    pub low: Option<f64>,
    /// Upper bound in the base unit; `None` = unbounded above. A single
    /// value has `low == high`.
    pub high: Option<f64>,
    /// Whether `low` itself is included (false when `low` is `None`).
    pub low_inclusive: bool,
    /// Whether `high` itself is included (false when `high` is `None`).
    pub high_inclusive: bool,
    /// Written with `±`: an accuracy or tolerance, not a value or range;
    /// `low == high` = the magnitude.
    pub tolerance: bool,
    /// Byte span in the input covering the number(s), sign, `±` and unit
    /// (not comparator words).
    pub start: usize,
    /// End of the byte span (exclusive).
    pub end: usize,
    /// The unit as written (`KW`, `兆帕`); empty for a bare purity.
    pub unit: String,
}

/// Every quantity with a unit in `text`, in text order.
///
/// Never panics; linear time.
pub(crate) fn extract(text: &str) -> Vec<Quantity> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut last_end = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII bytes are always char boundaries, so stepping byte by
        // byte and starting only at ASCII is safe with any UTF-8.
        let starts = b.is_ascii_digit()
            || (b == b'.'
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                && !char_before(text, i).is_some_and(is_word));
        if !starts {
            i += 1;
            continue;
        }
        let before = out.len();
        let next = parse_at(text, i, last_end, &mut out);
        if out.len() > before {
            last_end = out[before..].iter().map(|q| q.end).max();
        }
        i = next.max(i + 1);
    }
    out.sort_by_key(|q| (q.start, q.end));
    out
}

// ---------------------------------------------------------------------
// Units

/// How a written value becomes a value in the base unit.
#[derive(Debug, Clone, Copy)]
enum Conv {
    /// `base = v * factor`.
    Scale(f64),
    /// `base = v * a + b`: temperatures on a shifted scale.
    Affine(f64, f64),
    /// `base = reference * 10^(v / 10)`: dBm, dBW.
    Decibel(f64),
}

impl Conv {
    fn value(self, v: f64) -> Option<f64> {
        let x = match self {
            Conv::Scale(f) => v * f,
            Conv::Affine(a, b) => v * a + b,
            Conv::Decibel(r) => r * 10f64.powf(v / 10.0),
        };
        x.is_finite().then_some(x)
    }

    /// A difference (a tolerance): `±2 °C` is 2 K, not 275.15 K. A
    /// tolerance in decibels is a ratio, not a power, so it has none.
    fn difference(self, v: f64) -> Option<f64> {
        let x = match self {
            Conv::Scale(f) => v.abs() * f,
            Conv::Affine(a, _) => v.abs() * a,
            Conv::Decibel(_) => return None,
        };
        x.is_finite().then_some(x)
    }
}

/// Also matched case-insensitively (see the module docs on case).
const CI: u8 = 1;
/// Only when no word follows (`5 in` but not `5 in stock`).
const STRICT: u8 = 2;
/// May be joined to the number by a hyphen (`256-bit`, `12-inch`).
const HYPHEN: u8 = 4;

#[derive(Debug)]
struct Unit {
    text: &'static str,
    dim: Dimension,
    conv: Conv,
    flags: u8,
}

const fn u(text: &'static str, dim: Dimension, f: f64, flags: u8) -> Unit {
    Unit {
        text,
        dim,
        conv: Conv::Scale(f),
        flags,
    }
}

const fn temp(text: &'static str, a: f64, b: f64, flags: u8) -> Unit {
    Unit {
        text,
        dim: Dimension::Temperature,
        conv: Conv::Affine(a, b),
        flags,
    }
}

const fn db(text: &'static str, reference: f64) -> Unit {
    Unit {
        text,
        dim: Dimension::Power,
        conv: Conv::Decibel(reference),
        flags: CI,
    }
}

const INCH: f64 = 0.0254;
const FOOT: f64 = 0.3048;
const GALLON: f64 = 3.785_411_784e-3; // US liquid gallon
const PSI: f64 = 6_894.757_293_168;
const KGF_CM2: f64 = 98_066.5;
const TORR: f64 = 101_325.0 / 760.0;
const MMHG: f64 = 133.322_387_415;
const HP: f64 = 745.699_871_582_270_2; // mechanical horsepower
const METRIC_HP: f64 = 735.498_75; // PS, CV, л.с., 马力
const EV: f64 = 1.602_176_634e-19;
const G0: f64 = 9.806_65;
const LB: f64 = 0.453_592_37;
const KNOT: f64 = 1852.0 / 3600.0;
const RAD: f64 = 57.295_779_513_082_32; // degrees per radian
const HOUR: f64 = 3600.0;
const C0: f64 = 273.15;
const F_A: f64 = 5.0 / 9.0;
const F_B: f64 = 273.15 - 32.0 * 5.0 / 9.0;

use Dimension as D;

/// Every unit the extractor knows, as written. The longest match wins;
/// at equal length an exact-case match beats a case-insensitive one.
static UNITS: &[Unit] = &[
    // Frequency.
    u("Hz", D::Frequency, 1.0, CI | HYPHEN),
    u("kHz", D::Frequency, 1e3, CI | HYPHEN),
    u("MHz", D::Frequency, 1e6, CI | HYPHEN),
    u("GHz", D::Frequency, 1e9, CI | HYPHEN),
    u("THz", D::Frequency, 1e12, CI),
    u("hertz", D::Frequency, 1.0, CI),
    u("kilohertz", D::Frequency, 1e3, CI),
    u("megahertz", D::Frequency, 1e6, CI),
    u("gigahertz", D::Frequency, 1e9, CI),
    u("赫", D::Frequency, 1.0, STRICT),
    u("赫兹", D::Frequency, 1.0, 0),
    u("千赫", D::Frequency, 1e3, 0),
    u("千赫兹", D::Frequency, 1e3, 0),
    u("兆赫", D::Frequency, 1e6, 0),
    u("兆赫兹", D::Frequency, 1e6, 0),
    u("吉赫", D::Frequency, 1e9, 0),
    u("吉赫兹", D::Frequency, 1e9, 0),
    u("太赫兹", D::Frequency, 1e12, 0),
    u("Гц", D::Frequency, 1.0, CI),
    u("кГц", D::Frequency, 1e3, CI),
    u("МГц", D::Frequency, 1e6, CI),
    u("ГГц", D::Frequency, 1e9, CI),
    u("ТГц", D::Frequency, 1e12, CI),
    u("герц", D::Frequency, 1.0, CI),
    u("килогерц", D::Frequency, 1e3, CI),
    u("мегагерц", D::Frequency, 1e6, CI),
    u("hercios", D::Frequency, 1.0, CI),
    // Pressure and stress.
    u("Pa", D::Pressure, 1.0, CI),
    u("hPa", D::Pressure, 1e2, CI),
    u("kPa", D::Pressure, 1e3, CI),
    u("MPa", D::Pressure, 1e6, CI),
    u("GPa", D::Pressure, 1e9, CI),
    u("pascal", D::Pressure, 1.0, CI),
    u("bar", D::Pressure, 1e5, CI),
    u("bars", D::Pressure, 1e5, CI),
    u("barg", D::Pressure, 1e5, CI),
    u("bara", D::Pressure, 1e5, CI),
    u("bar(g)", D::Pressure, 1e5, CI),
    u("mbar", D::Pressure, 1e2, CI),
    u("psi", D::Pressure, PSI, CI),
    u("psig", D::Pressure, PSI, CI),
    u("psia", D::Pressure, PSI, CI),
    u("ksi", D::Pressure, PSI * 1e3, CI),
    u("N/mm²", D::Pressure, 1e6, CI),
    u("N/mm2", D::Pressure, 1e6, CI),
    u("N/m²", D::Pressure, 1.0, CI),
    u("N/m2", D::Pressure, 1.0, CI),
    u("MN/m²", D::Pressure, 1e6, CI),
    u("MN/m2", D::Pressure, 1e6, CI),
    u("kgf/cm²", D::Pressure, KGF_CM2, CI),
    u("kgf/cm2", D::Pressure, KGF_CM2, CI),
    u("kg/cm²", D::Pressure, KGF_CM2, CI),
    u("kg/cm2", D::Pressure, KGF_CM2, CI),
    u("atm", D::Pressure, 101_325.0, CI),
    u("torr", D::Pressure, TORR, CI),
    u("mTorr", D::Pressure, TORR * 1e-3, CI),
    u("mmHg", D::Pressure, MMHG, CI),
    u("帕", D::Pressure, 1.0, 0),
    u("帕斯卡", D::Pressure, 1.0, 0),
    u("千帕", D::Pressure, 1e3, 0),
    u("兆帕", D::Pressure, 1e6, 0),
    u("吉帕", D::Pressure, 1e9, 0),
    u("巴", D::Pressure, 1e5, STRICT),
    u("毫巴", D::Pressure, 1e2, 0),
    u("大气压", D::Pressure, 101_325.0, 0),
    u("Па", D::Pressure, 1.0, CI),
    u("кПа", D::Pressure, 1e3, CI),
    u("МПа", D::Pressure, 1e6, CI),
    u("ГПа", D::Pressure, 1e9, CI),
    u("бар", D::Pressure, 1e5, CI),
    u("мбар", D::Pressure, 1e2, CI),
    u("атм", D::Pressure, 101_325.0, CI),
    u("кгс/см²", D::Pressure, KGF_CM2, CI),
    u("кгс/см2", D::Pressure, KGF_CM2, CI),
    u("мм рт. ст.", D::Pressure, MMHG, CI),
    u("мм рт.ст.", D::Pressure, MMHG, CI),
    // Length and accuracy.
    u("m", D::Length, 1.0, 0),
    u("cm", D::Length, 1e-2, CI | HYPHEN),
    u("mm", D::Length, 1e-3, CI | HYPHEN),
    u("µm", D::Length, 1e-6, CI),
    u("μm", D::Length, 1e-6, CI),
    u("um", D::Length, 1e-6, CI),
    u("nm", D::Length, 1e-9, 0),
    u("km", D::Length, 1e3, CI | HYPHEN),
    u("Å", D::Length, 1e-10, 0),
    u("angstrom", D::Length, 1e-10, CI),
    u("micron", D::Length, 1e-6, CI | HYPHEN),
    u("microns", D::Length, 1e-6, CI),
    u("micrometer", D::Length, 1e-6, CI),
    u("micrometers", D::Length, 1e-6, CI),
    u("micrometre", D::Length, 1e-6, CI),
    u("micrometres", D::Length, 1e-6, CI),
    u("millimeter", D::Length, 1e-3, CI | HYPHEN),
    u("millimeters", D::Length, 1e-3, CI),
    u("millimetre", D::Length, 1e-3, CI | HYPHEN),
    u("millimetres", D::Length, 1e-3, CI),
    u("milímetros", D::Length, 1e-3, CI),
    u("meter", D::Length, 1.0, CI | HYPHEN),
    u("meters", D::Length, 1.0, CI),
    u("metre", D::Length, 1.0, CI | HYPHEN),
    u("metres", D::Length, 1.0, CI),
    u("metros", D::Length, 1.0, CI),
    u("mètres", D::Length, 1.0, CI),
    u("in", D::Length, INCH, STRICT),
    u("inch", D::Length, INCH, CI | HYPHEN),
    u("inches", D::Length, INCH, CI),
    u("\"", D::Length, INCH, 0),
    u("Zoll", D::Length, INCH, CI),
    u("pulgada", D::Length, INCH, CI),
    u("pulgadas", D::Length, INCH, CI),
    u("pouces", D::Length, INCH, CI),
    u("ft", D::Length, FOOT, CI | HYPHEN),
    u("foot", D::Length, FOOT, CI | HYPHEN),
    u("feet", D::Length, FOOT, CI),
    u("mile", D::Length, 1_609.344, CI),
    u("miles", D::Length, 1_609.344, CI),
    u("nmi", D::Length, 1852.0, CI),
    u("nautical mile", D::Length, 1852.0, CI),
    u("nautical miles", D::Length, 1852.0, CI),
    u("米", D::Length, 1.0, 0),
    u("厘米", D::Length, 1e-2, 0),
    u("毫米", D::Length, 1e-3, 0),
    u("微米", D::Length, 1e-6, 0),
    u("纳米", D::Length, 1e-9, 0),
    u("公里", D::Length, 1e3, 0),
    u("千米", D::Length, 1e3, 0),
    u("英寸", D::Length, INCH, 0),
    u("英尺", D::Length, FOOT, 0),
    u("海里", D::Length, 1852.0, 0),
    u("м", D::Length, 1.0, 0),
    u("см", D::Length, 1e-2, CI),
    u("мм", D::Length, 1e-3, CI),
    u("мкм", D::Length, 1e-6, CI),
    u("нм", D::Length, 1e-9, 0),
    u("км", D::Length, 1e3, CI),
    u("дюйм", D::Length, INCH, CI),
    u("дюйма", D::Length, INCH, CI),
    u("дюймов", D::Length, INCH, CI),
    u("метр", D::Length, 1.0, CI),
    u("метра", D::Length, 1.0, CI),
    u("метров", D::Length, 1.0, CI),
    u("миллиметров", D::Length, 1e-3, CI),
    // Area.
    u("m²", D::Area, 1.0, 0),
    u("m2", D::Area, 1.0, 0),
    u("cm²", D::Area, 1e-4, CI),
    u("cm2", D::Area, 1e-4, CI),
    u("mm²", D::Area, 1e-6, CI),
    u("mm2", D::Area, 1e-6, CI),
    u("km²", D::Area, 1e6, CI),
    u("ft²", D::Area, FOOT * FOOT, CI),
    u("sq ft", D::Area, FOOT * FOOT, CI),
    u("square meters", D::Area, 1.0, CI),
    u("square metres", D::Area, 1.0, CI),
    u("平方米", D::Area, 1.0, 0),
    u("平方厘米", D::Area, 1e-4, 0),
    u("м²", D::Area, 1.0, 0),
    u("м2", D::Area, 1.0, 0),
    u("см²", D::Area, 1e-4, CI),
    u("см2", D::Area, 1e-4, CI),
    // Volume.
    u("m³", D::Volume, 1.0, 0),
    u("m3", D::Volume, 1.0, 0),
    u("cm³", D::Volume, 1e-6, CI),
    u("cm3", D::Volume, 1e-6, CI),
    u("ccm", D::Volume, 1e-6, CI),
    u("cc", D::Volume, 1e-6, CI),
    u("mm³", D::Volume, 1e-9, CI),
    u("dm³", D::Volume, 1e-3, CI),
    u("dm3", D::Volume, 1e-3, CI),
    u("L", D::Volume, 1e-3, 0),
    u("l", D::Volume, 1e-3, 0),
    u("ltr", D::Volume, 1e-3, CI),
    u("ltrs", D::Volume, 1e-3, CI),
    u("litre", D::Volume, 1e-3, CI | HYPHEN),
    u("litres", D::Volume, 1e-3, CI),
    u("liter", D::Volume, 1e-3, CI | HYPHEN),
    u("liters", D::Volume, 1e-3, CI),
    u("litro", D::Volume, 1e-3, CI),
    u("litros", D::Volume, 1e-3, CI),
    u("mL", D::Volume, 1e-6, CI),
    u("µL", D::Volume, 1e-9, CI),
    u("μL", D::Volume, 1e-9, CI),
    u("uL", D::Volume, 1e-9, CI),
    u("hL", D::Volume, 1e-1, CI),
    u("gal", D::Volume, GALLON, CI),
    u("gallon", D::Volume, GALLON, CI | HYPHEN),
    u("gallons", D::Volume, GALLON, CI),
    u("US gal", D::Volume, GALLON, CI),
    u("bbl", D::Volume, 42.0 * GALLON, CI),
    u("ft³", D::Volume, FOOT * FOOT * FOOT, CI),
    u("cu ft", D::Volume, FOOT * FOOT * FOOT, CI),
    u("cubic meters", D::Volume, 1.0, CI),
    u("cubic metres", D::Volume, 1.0, CI),
    u("升", D::Volume, 1e-3, 0),
    u("公升", D::Volume, 1e-3, 0),
    u("毫升", D::Volume, 1e-6, 0),
    u("立方米", D::Volume, 1.0, 0),
    u("立方厘米", D::Volume, 1e-6, 0),
    u("加仑", D::Volume, GALLON, 0),
    u("л", D::Volume, 1e-3, 0),
    u("мл", D::Volume, 1e-6, CI),
    u("м³", D::Volume, 1.0, 0),
    u("м3", D::Volume, 1.0, 0),
    u("см³", D::Volume, 1e-6, CI),
    u("см3", D::Volume, 1e-6, CI),
    u("дм³", D::Volume, 1e-3, CI),
    u("литр", D::Volume, 1e-3, CI),
    u("литра", D::Volume, 1e-3, CI),
    u("литров", D::Volume, 1e-3, CI),
    // Flow rate.
    u("m³/s", D::FlowRate, 1.0, CI),
    u("m3/s", D::FlowRate, 1.0, CI),
    u("m³/min", D::FlowRate, 1.0 / 60.0, CI),
    u("m3/min", D::FlowRate, 1.0 / 60.0, CI),
    u("m³/h", D::FlowRate, 1.0 / HOUR, CI),
    u("m3/h", D::FlowRate, 1.0 / HOUR, CI),
    u("m³/hr", D::FlowRate, 1.0 / HOUR, CI),
    u("m3/hr", D::FlowRate, 1.0 / HOUR, CI),
    u("Nm³/h", D::FlowRate, 1.0 / HOUR, CI),
    u("Nm3/h", D::FlowRate, 1.0 / HOUR, CI),
    u("L/s", D::FlowRate, 1e-3, CI),
    u("L/min", D::FlowRate, 1e-3 / 60.0, CI),
    u("L/h", D::FlowRate, 1e-3 / HOUR, CI),
    u("L/hr", D::FlowRate, 1e-3 / HOUR, CI),
    u("lpm", D::FlowRate, 1e-3 / 60.0, CI),
    u("lph", D::FlowRate, 1e-3 / HOUR, CI),
    u("mL/min", D::FlowRate, 1e-6 / 60.0, CI),
    u("gpm", D::FlowRate, GALLON / 60.0, CI),
    u("cfm", D::FlowRate, FOOT * FOOT * FOOT / 60.0, CI),
    u("sccm", D::FlowRate, 1e-6 / 60.0, CI),
    u("slm", D::FlowRate, 1e-3 / 60.0, CI),
    u("litres per hour", D::FlowRate, 1e-3 / HOUR, CI),
    u("liters per hour", D::FlowRate, 1e-3 / HOUR, CI),
    u("litres per minute", D::FlowRate, 1e-3 / 60.0, CI),
    u("liters per minute", D::FlowRate, 1e-3 / 60.0, CI),
    u("立方米/小时", D::FlowRate, 1.0 / HOUR, 0),
    u("立方米/时", D::FlowRate, 1.0 / HOUR, 0),
    u("升/小时", D::FlowRate, 1e-3 / HOUR, 0),
    u("升/分钟", D::FlowRate, 1e-3 / 60.0, 0),
    u("升/分", D::FlowRate, 1e-3 / 60.0, 0),
    u("м³/ч", D::FlowRate, 1.0 / HOUR, CI),
    u("м3/ч", D::FlowRate, 1.0 / HOUR, CI),
    u("м³/мин", D::FlowRate, 1.0 / 60.0, CI),
    u("м3/мин", D::FlowRate, 1.0 / 60.0, CI),
    u("л/ч", D::FlowRate, 1e-3 / HOUR, CI),
    u("л/мин", D::FlowRate, 1e-3 / 60.0, CI),
    // Power; VA is counted as W, which is how inverters are rated.
    u("W", D::Power, 1.0, CI | HYPHEN),
    u("kW", D::Power, 1e3, CI | HYPHEN),
    u("MW", D::Power, 1e6, 0),
    u("mW", D::Power, 1e-3, 0),
    u("GW", D::Power, 1e9, CI),
    u("µW", D::Power, 1e-6, CI),
    u("μW", D::Power, 1e-6, CI),
    u("uW", D::Power, 1e-6, CI),
    u("VA", D::Power, 1.0, CI),
    u("kVA", D::Power, 1e3, CI),
    u("MVA", D::Power, 1e6, 0),
    u("watt", D::Power, 1.0, CI | HYPHEN),
    u("watts", D::Power, 1.0, CI),
    u("kilowatt", D::Power, 1e3, CI | HYPHEN),
    u("kilowatts", D::Power, 1e3, CI),
    u("megawatt", D::Power, 1e6, CI),
    u("megawatts", D::Power, 1e6, CI),
    u("milliwatt", D::Power, 1e-3, CI),
    u("milliwatts", D::Power, 1e-3, CI),
    u("vatios", D::Power, 1.0, CI),
    u("hp", D::Power, HP, CI | HYPHEN),
    u("bhp", D::Power, HP, CI),
    u("PS", D::Power, METRIC_HP, 0),
    u("CV", D::Power, METRIC_HP, 0),
    db("dBm", 1e-3),
    db("dBW", 1.0),
    u("瓦", D::Power, 1.0, 0),
    u("瓦特", D::Power, 1.0, 0),
    u("千瓦", D::Power, 1e3, 0),
    u("兆瓦", D::Power, 1e6, 0),
    u("毫瓦", D::Power, 1e-3, 0),
    u("马力", D::Power, METRIC_HP, 0),
    u("Вт", D::Power, 1.0, CI),
    u("кВт", D::Power, 1e3, CI),
    u("МВт", D::Power, 1e6, 0),
    u("мВт", D::Power, 1e-3, 0),
    u("ГВт", D::Power, 1e9, CI),
    u("кВА", D::Power, 1e3, CI),
    u("л.с.", D::Power, METRIC_HP, CI),
    u("ватт", D::Power, 1.0, CI),
    u("киловатт", D::Power, 1e3, CI),
    // Energy.
    u("J", D::Energy, 1.0, 0),
    u("kJ", D::Energy, 1e3, CI),
    u("MJ", D::Energy, 1e6, 0),
    u("mJ", D::Energy, 1e-3, 0),
    u("GJ", D::Energy, 1e9, CI),
    u("µJ", D::Energy, 1e-6, CI),
    u("μJ", D::Energy, 1e-6, CI),
    u("uJ", D::Energy, 1e-6, CI),
    u("nJ", D::Energy, 1e-9, CI),
    u("joule", D::Energy, 1.0, CI),
    u("joules", D::Energy, 1.0, CI),
    u("Wh", D::Energy, HOUR, CI),
    u("kWh", D::Energy, 1e3 * HOUR, CI),
    u("kW·h", D::Energy, 1e3 * HOUR, CI),
    u("MWh", D::Energy, 1e6 * HOUR, 0),
    u("mWh", D::Energy, 1e-3 * HOUR, 0),
    u("GWh", D::Energy, 1e9 * HOUR, CI),
    u("eV", D::Energy, EV, CI),
    u("keV", D::Energy, 1e3 * EV, CI),
    u("MeV", D::Energy, 1e6 * EV, CI),
    u("GeV", D::Energy, 1e9 * EV, CI),
    u("TeV", D::Energy, 1e12 * EV, CI),
    u("cal", D::Energy, 4.184, CI),
    u("kcal", D::Energy, 4_184.0, CI),
    u("Btu", D::Energy, 1_055.055_852_62, CI),
    u("焦", D::Energy, 1.0, STRICT),
    u("焦耳", D::Energy, 1.0, 0),
    u("千焦", D::Energy, 1e3, 0),
    u("兆焦", D::Energy, 1e6, 0),
    u("毫焦", D::Energy, 1e-3, 0),
    u("千瓦时", D::Energy, 1e3 * HOUR, 0),
    u("Дж", D::Energy, 1.0, CI),
    u("кДж", D::Energy, 1e3, CI),
    u("МДж", D::Energy, 1e6, 0),
    u("мДж", D::Energy, 1e-3, 0),
    u("кВт·ч", D::Energy, 1e3 * HOUR, CI),
    u("кВт*ч", D::Energy, 1e3 * HOUR, CI),
    u("кВтч", D::Energy, 1e3 * HOUR, CI),
    u("эВ", D::Energy, EV, CI),
    u("кэВ", D::Energy, 1e3 * EV, CI),
    u("МэВ", D::Energy, 1e6 * EV, CI),
    u("ГэВ", D::Energy, 1e9 * EV, CI),
    // Temperature.
    temp("K", 1.0, 0.0, 0),
    temp("°K", 1.0, 0.0, 0),
    temp("kelvin", 1.0, 0.0, CI),
    temp("°C", 1.0, C0, CI),
    temp("° C", 1.0, C0, CI),
    temp("ºC", 1.0, C0, CI),
    temp("˚C", 1.0, C0, CI),
    temp("℃", 1.0, C0, 0),
    temp("oC", 1.0, C0, 0),
    temp("degC", 1.0, C0, CI),
    temp("deg C", 1.0, C0, CI),
    temp("deg. C", 1.0, C0, CI),
    temp("degree C", 1.0, C0, CI),
    temp("degrees C", 1.0, C0, CI),
    temp("degrees Celsius", 1.0, C0, CI),
    temp("Celsius", 1.0, C0, CI),
    temp("Grad Celsius", 1.0, C0, CI),
    temp("grados Celsius", 1.0, C0, CI),
    temp("degrés Celsius", 1.0, C0, CI),
    temp("°F", F_A, F_B, CI),
    temp("° F", F_A, F_B, CI),
    temp("ºF", F_A, F_B, CI),
    temp("℉", F_A, F_B, 0),
    temp("degF", F_A, F_B, CI),
    temp("deg F", F_A, F_B, CI),
    temp("degrees F", F_A, F_B, CI),
    temp("Fahrenheit", F_A, F_B, CI),
    temp("摄氏度", 1.0, C0, 0),
    temp("华氏度", F_A, F_B, 0),
    temp("开尔文", 1.0, 0.0, 0),
    temp("°С", 1.0, C0, CI), // Cyrillic С
    temp("ºС", 1.0, C0, CI),
    temp("° С", 1.0, C0, CI),
    temp("К", 1.0, 0.0, 0), // Cyrillic К
    // Mass.
    u("kg", D::Mass, 1.0, CI | HYPHEN),
    u("kgs", D::Mass, 1.0, CI),
    u("g", D::Mass, 1e-3, CI),
    u("gr", D::Mass, 1e-3, CI),
    u("mg", D::Mass, 1e-6, CI),
    u("µg", D::Mass, 1e-9, CI),
    u("μg", D::Mass, 1e-9, CI),
    u("ug", D::Mass, 1e-9, CI),
    u("t", D::Mass, 1e3, 0),
    u("MT", D::Mass, 1e3, 0),
    u("mt", D::Mass, 1e3, 0),
    u("ton", D::Mass, 1e3, CI | HYPHEN),
    u("tons", D::Mass, 1e3, CI),
    u("tonne", D::Mass, 1e3, CI | HYPHEN),
    u("tonnes", D::Mass, 1e3, CI),
    u("Tonnen", D::Mass, 1e3, CI),
    u("tonelada", D::Mass, 1e3, CI),
    u("toneladas", D::Mass, 1e3, CI),
    u("lb", D::Mass, LB, CI | HYPHEN),
    u("lbs", D::Mass, LB, CI),
    u("pound", D::Mass, LB, CI),
    u("pounds", D::Mass, LB, CI),
    u("oz", D::Mass, LB / 16.0, CI),
    u("kilo", D::Mass, 1.0, CI),
    u("kilos", D::Mass, 1.0, CI),
    u("kilogram", D::Mass, 1.0, CI),
    u("kilograms", D::Mass, 1.0, CI),
    u("kilogramme", D::Mass, 1.0, CI),
    u("kilogrammes", D::Mass, 1.0, CI),
    u("Kilogramm", D::Mass, 1.0, CI),
    u("gram", D::Mass, 1e-3, CI),
    u("grams", D::Mass, 1e-3, CI),
    u("gramme", D::Mass, 1e-3, CI),
    u("grammes", D::Mass, 1e-3, CI),
    u("gramos", D::Mass, 1e-3, CI),
    u("千克", D::Mass, 1.0, 0),
    u("公斤", D::Mass, 1.0, 0),
    u("克", D::Mass, 1e-3, 0),
    u("毫克", D::Mass, 1e-6, 0),
    u("微克", D::Mass, 1e-9, 0),
    u("吨", D::Mass, 1e3, 0),
    u("公吨", D::Mass, 1e3, 0),
    u("磅", D::Mass, LB, 0),
    u("кг", D::Mass, 1.0, CI),
    u("г", D::Mass, 1e-3, STRICT),
    u("мг", D::Mass, 1e-6, CI),
    u("мкг", D::Mass, 1e-9, CI),
    u("т", D::Mass, 1e3, STRICT),
    u("тонн", D::Mass, 1e3, CI),
    u("тонна", D::Mass, 1e3, CI),
    u("тонны", D::Mass, 1e3, CI),
    u("килограмм", D::Mass, 1.0, CI),
    u("килограммов", D::Mass, 1.0, CI),
    u("kilogramos", D::Mass, 1.0, CI),
    // Density.
    u("kg/m³", D::Density, 1.0, CI),
    u("kg/m3", D::Density, 1.0, CI),
    u("g/cm³", D::Density, 1e3, CI),
    u("g/cm3", D::Density, 1e3, CI),
    u("g/cc", D::Density, 1e3, CI),
    u("g/mL", D::Density, 1e3, CI),
    u("g/L", D::Density, 1.0, CI),
    u("кг/м³", D::Density, 1.0, CI),
    u("кг/м3", D::Density, 1.0, CI),
    u("г/см³", D::Density, 1e3, CI),
    u("г/см3", D::Density, 1e3, CI),
    // Speed.
    u("m/s", D::Speed, 1.0, CI),
    u("m/sec", D::Speed, 1.0, CI),
    u("m/min", D::Speed, 1.0 / 60.0, CI),
    u("mm/s", D::Speed, 1e-3, CI),
    u("mm/min", D::Speed, 1e-3 / 60.0, CI),
    u("km/h", D::Speed, 1.0 / 3.6, CI),
    u("km/hr", D::Speed, 1.0 / 3.6, CI),
    u("kmh", D::Speed, 1.0 / 3.6, CI),
    u("kph", D::Speed, 1.0 / 3.6, CI),
    u("km/s", D::Speed, 1e3, CI),
    u("mph", D::Speed, 0.447_04, CI),
    u("ft/s", D::Speed, FOOT, CI),
    u("ft/min", D::Speed, FOOT / 60.0, CI),
    u("knot", D::Speed, KNOT, CI),
    u("knots", D::Speed, KNOT, CI),
    u("kn", D::Speed, KNOT, 0),
    u("kt", D::Speed, KNOT, 0),
    u("kts", D::Speed, KNOT, CI),
    u("米/秒", D::Speed, 1.0, 0),
    u("米每秒", D::Speed, 1.0, 0),
    u("公里/小时", D::Speed, 1.0 / 3.6, 0),
    u("千米/小时", D::Speed, 1.0 / 3.6, 0),
    u("м/с", D::Speed, 1.0, CI),
    u("км/ч", D::Speed, 1.0 / 3.6, CI),
    u("км/с", D::Speed, 1e3, CI),
    u("м/мин", D::Speed, 1.0 / 60.0, CI),
    u("узлов", D::Speed, KNOT, CI),
    u("узла", D::Speed, KNOT, CI),
    // Acceleration; plain g is grams (module docs).
    u("m/s²", D::Acceleration, 1.0, CI),
    u("m/s2", D::Acceleration, 1.0, CI),
    u("m/s^2", D::Acceleration, 1.0, CI),
    u("gn", D::Acceleration, G0, 0),
    u("g0", D::Acceleration, G0, 0),
    u("g₀", D::Acceleration, G0, 0),
    u("micro g", D::Acceleration, G0 * 1e-6, CI),
    u("micro-g", D::Acceleration, G0 * 1e-6, CI),
    u("м/с²", D::Acceleration, 1.0, CI),
    u("м/с2", D::Acceleration, 1.0, CI),
    // Rotation.
    u("rpm", D::Rotation, 1.0, CI),
    u("r/min", D::Rotation, 1.0, CI),
    u("rev/min", D::Rotation, 1.0, CI),
    u("revs/min", D::Rotation, 1.0, CI),
    u("1/min", D::Rotation, 1.0, CI),
    u("min⁻¹", D::Rotation, 1.0, CI),
    u("min-1", D::Rotation, 1.0, CI),
    u("U/min", D::Rotation, 1.0, CI),
    u("tr/min", D::Rotation, 1.0, CI),
    u("rps", D::Rotation, 60.0, CI),
    u("rev/s", D::Rotation, 60.0, CI),
    u("r/s", D::Rotation, 60.0, CI),
    u("转/分", D::Rotation, 1.0, 0),
    u("转/分钟", D::Rotation, 1.0, 0),
    u("转每分钟", D::Rotation, 1.0, 0),
    u("об/мин", D::Rotation, 1.0, CI),
    u("об./мин", D::Rotation, 1.0, CI),
    u("об/с", D::Rotation, 60.0, CI),
    // Time.
    u("s", D::Time, 1.0, 0),
    u("sec", D::Time, 1.0, CI),
    u("secs", D::Time, 1.0, CI),
    u("second", D::Time, 1.0, CI),
    u("seconds", D::Time, 1.0, CI),
    u("ms", D::Time, 1e-3, 0),
    u("msec", D::Time, 1e-3, CI),
    u("µs", D::Time, 1e-6, CI),
    u("μs", D::Time, 1e-6, CI),
    u("us", D::Time, 1e-6, 0),
    u("ns", D::Time, 1e-9, 0),
    u("ps", D::Time, 1e-12, 0),
    u("fs", D::Time, 1e-15, 0),
    u("min", D::Time, 60.0, CI),
    u("mins", D::Time, 60.0, CI),
    u("minute", D::Time, 60.0, CI),
    u("minutes", D::Time, 60.0, CI),
    u("h", D::Time, HOUR, 0),
    u("hr", D::Time, HOUR, CI),
    u("hrs", D::Time, HOUR, CI),
    u("hour", D::Time, HOUR, CI),
    u("hours", D::Time, HOUR, CI),
    u("day", D::Time, 24.0 * HOUR, CI),
    u("days", D::Time, 24.0 * HOUR, CI),
    u("Sekunden", D::Time, 1.0, CI),
    u("Minuten", D::Time, 60.0, CI),
    u("Stunden", D::Time, HOUR, CI),
    u("segundos", D::Time, 1.0, CI),
    u("minutos", D::Time, 60.0, CI),
    u("horas", D::Time, HOUR, CI),
    u("heures", D::Time, HOUR, CI),
    u("秒", D::Time, 1.0, 0),
    u("毫秒", D::Time, 1e-3, 0),
    u("微秒", D::Time, 1e-6, 0),
    u("纳秒", D::Time, 1e-9, 0),
    u("皮秒", D::Time, 1e-12, 0),
    u("飞秒", D::Time, 1e-15, 0),
    u("分钟", D::Time, 60.0, 0),
    u("小时", D::Time, HOUR, 0),
    u("с", D::Time, 1.0, STRICT),
    u("сек", D::Time, 1.0, CI),
    u("мс", D::Time, 1e-3, CI),
    u("мкс", D::Time, 1e-6, CI),
    u("нс", D::Time, 1e-9, CI),
    u("пс", D::Time, 1e-12, CI),
    u("мин", D::Time, 60.0, CI),
    u("ч", D::Time, HOUR, 0),
    u("час", D::Time, HOUR, CI),
    u("часа", D::Time, HOUR, CI),
    u("часов", D::Time, HOUR, CI),
    u("сут", D::Time, 24.0 * HOUR, CI),
    u("секунд", D::Time, 1.0, CI),
    u("секунды", D::Time, 1.0, CI),
    u("минут", D::Time, 60.0, CI),
    u("минуты", D::Time, 60.0, CI),
    // Data rate; B is byte, b is bit, and `bps` is always bits.
    u("bit/s", D::DataRate, 1.0, CI),
    u("bps", D::DataRate, 1.0, CI),
    u("b/s", D::DataRate, 1.0, 0),
    u("kbit/s", D::DataRate, 1e3, CI),
    u("kbps", D::DataRate, 1e3, CI),
    u("kb/s", D::DataRate, 1e3, 0),
    u("Mbit/s", D::DataRate, 1e6, CI),
    u("Mbps", D::DataRate, 1e6, CI),
    u("Mb/s", D::DataRate, 1e6, 0),
    u("Gbit/s", D::DataRate, 1e9, CI),
    u("Gbps", D::DataRate, 1e9, CI),
    u("Gb/s", D::DataRate, 1e9, 0),
    u("Tbit/s", D::DataRate, 1e12, CI),
    u("Tbps", D::DataRate, 1e12, CI),
    u("B/s", D::DataRate, 8.0, 0),
    u("kB/s", D::DataRate, 8e3, 0),
    u("KB/s", D::DataRate, 8e3, 0),
    u("MB/s", D::DataRate, 8e6, 0),
    u("GB/s", D::DataRate, 8e9, 0),
    u("бит/с", D::DataRate, 1.0, CI),
    u("кбит/с", D::DataRate, 1e3, CI),
    u("Мбит/с", D::DataRate, 1e6, CI),
    u("Гбит/с", D::DataRate, 1e9, CI),
    u("比特/秒", D::DataRate, 1.0, 0),
    // Frame rate.
    u("fps", D::FrameRate, 1.0, CI),
    u("frame/s", D::FrameRate, 1.0, CI),
    u("frames/s", D::FrameRate, 1.0, CI),
    u("frames/sec", D::FrameRate, 1.0, CI),
    u("frames per second", D::FrameRate, 1.0, CI),
    u("images/s", D::FrameRate, 1.0, CI),
    u("images/sec", D::FrameRate, 1.0, CI),
    u("images per second", D::FrameRate, 1.0, CI),
    u("Bilder/s", D::FrameRate, 1.0, CI),
    u("帧/秒", D::FrameRate, 1.0, 0),
    u("帧每秒", D::FrameRate, 1.0, 0),
    u("кадр/с", D::FrameRate, 1.0, CI),
    u("кадров/с", D::FrameRate, 1.0, CI),
    u("кадров в секунду", D::FrameRate, 1.0, CI),
    // Percent and purity, as a fraction.
    u("%", D::Fraction, 1e-2, 0),
    u("％", D::Fraction, 1e-2, 0),
    u("percent", D::Fraction, 1e-2, CI),
    u("per cent", D::Fraction, 1e-2, CI),
    u("pct", D::Fraction, 1e-2, CI),
    u("Prozent", D::Fraction, 1e-2, CI),
    u("por ciento", D::Fraction, 1e-2, CI),
    u("pour cent", D::Fraction, 1e-2, CI),
    u("процентов", D::Fraction, 1e-2, CI),
    u("процента", D::Fraction, 1e-2, CI),
    u("wt%", D::Fraction, 1e-2, CI),
    u("wt.%", D::Fraction, 1e-2, CI),
    u("wt. %", D::Fraction, 1e-2, CI),
    u("% w/w", D::Fraction, 1e-2, CI),
    u("%w/w", D::Fraction, 1e-2, CI),
    u("% (w/w)", D::Fraction, 1e-2, CI),
    u("%(w/w)", D::Fraction, 1e-2, CI),
    u("% v/v", D::Fraction, 1e-2, CI),
    u("%v/v", D::Fraction, 1e-2, CI),
    u("% vol", D::Fraction, 1e-2, CI),
    u("vol%", D::Fraction, 1e-2, CI),
    u("vol.%", D::Fraction, 1e-2, CI),
    u("mol%", D::Fraction, 1e-2, CI),
    u("mass%", D::Fraction, 1e-2, CI),
    u("at.%", D::Fraction, 1e-2, CI),
    u("at%", D::Fraction, 1e-2, CI),
    u("% by weight", D::Fraction, 1e-2, CI),
    u("% by mass", D::Fraction, 1e-2, CI),
    u("% by volume", D::Fraction, 1e-2, CI),
    u("ppm", D::Fraction, 1e-6, CI),
    u("ppmw", D::Fraction, 1e-6, CI),
    u("ppmv", D::Fraction, 1e-6, CI),
    u("ppb", D::Fraction, 1e-9, CI),
    u("масс.%", D::Fraction, 1e-2, CI),
    u("мас.%", D::Fraction, 1e-2, CI),
    u("об.%", D::Fraction, 1e-2, CI),
    // Bit lengths, only with the word "bit".
    u("bit", D::Bits, 1.0, CI | HYPHEN),
    u("bits", D::Bits, 1.0, CI | HYPHEN),
    u("бит", D::Bits, 1.0, CI | HYPHEN),
    u("比特", D::Bits, 1.0, 0),
    // Voltage.
    u("V", D::Voltage, 1.0, CI | HYPHEN),
    u("kV", D::Voltage, 1e3, CI | HYPHEN),
    u("mV", D::Voltage, 1e-3, 0),
    u("MV", D::Voltage, 1e6, 0),
    u("µV", D::Voltage, 1e-6, CI),
    u("μV", D::Voltage, 1e-6, CI),
    u("uV", D::Voltage, 1e-6, CI),
    u("VAC", D::Voltage, 1.0, CI),
    u("VDC", D::Voltage, 1.0, CI),
    u("volt", D::Voltage, 1.0, CI | HYPHEN),
    u("volts", D::Voltage, 1.0, CI),
    u("voltios", D::Voltage, 1.0, CI),
    u("вольт", D::Voltage, 1.0, CI),
    u("伏", D::Voltage, 1.0, 0),
    u("伏特", D::Voltage, 1.0, 0),
    u("千伏", D::Voltage, 1e3, 0),
    u("毫伏", D::Voltage, 1e-3, 0),
    u("В", D::Voltage, 1.0, 0),
    u("кВ", D::Voltage, 1e3, CI),
    u("мВ", D::Voltage, 1e-3, 0),
    // Current.
    u("A", D::Current, 1.0, 0),
    u("mA", D::Current, 1e-3, CI),
    u("kA", D::Current, 1e3, CI),
    u("µA", D::Current, 1e-6, CI),
    u("μA", D::Current, 1e-6, CI),
    u("uA", D::Current, 1e-6, CI),
    u("nA", D::Current, 1e-9, CI),
    u("amp", D::Current, 1.0, CI),
    u("amps", D::Current, 1.0, CI),
    u("ampere", D::Current, 1.0, CI),
    u("amperes", D::Current, 1.0, CI),
    u("amperios", D::Current, 1.0, CI),
    u("ампер", D::Current, 1.0, CI),
    u("安", D::Current, 1.0, STRICT),
    u("安培", D::Current, 1.0, 0),
    u("毫安", D::Current, 1e-3, 0),
    u("千安", D::Current, 1e3, 0),
    u("А", D::Current, 1.0, 0), // Cyrillic А
    u("мА", D::Current, 1e-3, CI),
    u("кА", D::Current, 1e3, CI),
    // Angular rate (gyros): base deg/s.
    u("deg/s", D::AngularRate, 1.0, CI),
    u("deg/sec", D::AngularRate, 1.0, CI),
    u("°/s", D::AngularRate, 1.0, 0),
    u("°/sec", D::AngularRate, 1.0, CI),
    u("º/s", D::AngularRate, 1.0, 0),
    u("deg/h", D::AngularRate, 1.0 / HOUR, CI),
    u("deg/hr", D::AngularRate, 1.0 / HOUR, CI),
    u("deg/hour", D::AngularRate, 1.0 / HOUR, CI),
    u("°/h", D::AngularRate, 1.0 / HOUR, 0),
    u("°/hr", D::AngularRate, 1.0 / HOUR, CI),
    u("°/hour", D::AngularRate, 1.0 / HOUR, CI),
    u("º/h", D::AngularRate, 1.0 / HOUR, 0),
    u("º/hr", D::AngularRate, 1.0 / HOUR, CI),
    u("degree per hour", D::AngularRate, 1.0 / HOUR, CI),
    u("degrees per hour", D::AngularRate, 1.0 / HOUR, CI),
    u("degrees/hour", D::AngularRate, 1.0 / HOUR, CI),
    u("rad/s", D::AngularRate, RAD, CI),
    u("°/ч", D::AngularRate, 1.0 / HOUR, CI),
    u("град/ч", D::AngularRate, 1.0 / HOUR, CI),
    u("°/小时", D::AngularRate, 1.0 / HOUR, 0),
    u("度/小时", D::AngularRate, 1.0 / HOUR, 0),
    u("度/秒", D::AngularRate, 1.0, 0),
    // Angle random walk.
    u("deg/√h", D::AngleRandomWalk, 1.0, CI),
    u("deg/√hr", D::AngleRandomWalk, 1.0, CI),
    u("°/√h", D::AngleRandomWalk, 1.0, CI),
    u("°/√hr", D::AngleRandomWalk, 1.0, CI),
    u("º/√h", D::AngleRandomWalk, 1.0, CI),
    u("deg/rt-hr", D::AngleRandomWalk, 1.0, CI),
    u("deg/rt-h", D::AngleRandomWalk, 1.0, CI),
    u("deg/sqrt(h)", D::AngleRandomWalk, 1.0, CI),
    u("deg/sqrt(hr)", D::AngleRandomWalk, 1.0, CI),
    u("°/√ч", D::AngleRandomWalk, 1.0, CI),
    // Angle.
    u("°", D::Angle, 1.0, 0),
    u("º", D::Angle, 1.0, 0),
    u("deg", D::Angle, 1.0, CI),
    u("degree", D::Angle, 1.0, CI),
    u("degrees", D::Angle, 1.0, CI),
    u("Grad", D::Angle, 1.0, CI),
    u("rad", D::Angle, RAD, CI),
    u("mrad", D::Angle, RAD * 1e-3, 0),
    u("µrad", D::Angle, RAD * 1e-6, CI),
    u("μrad", D::Angle, RAD * 1e-6, CI),
    u("urad", D::Angle, RAD * 1e-6, CI),
    u("arcmin", D::Angle, 1.0 / 60.0, CI),
    u("arc min", D::Angle, 1.0 / 60.0, CI),
    u("arc minute", D::Angle, 1.0 / 60.0, CI),
    u("arc minutes", D::Angle, 1.0 / 60.0, CI),
    u("arcsec", D::Angle, 1.0 / HOUR, CI),
    u("arc sec", D::Angle, 1.0 / HOUR, CI),
    u("arc-sec", D::Angle, 1.0 / HOUR, CI),
    u("arc second", D::Angle, 1.0 / HOUR, CI),
    u("arc seconds", D::Angle, 1.0 / HOUR, CI),
    u("arc-second", D::Angle, 1.0 / HOUR, CI),
    u("arc-seconds", D::Angle, 1.0 / HOUR, CI),
    u("角秒", D::Angle, 1.0 / HOUR, 0),
    u("角分", D::Angle, 1.0 / 60.0, 0),
    // Magnetic flux density.
    u("T", D::MagneticFluxDensity, 1.0, 0),
    u("mT", D::MagneticFluxDensity, 1e-3, 0),
    u("µT", D::MagneticFluxDensity, 1e-6, CI),
    u("μT", D::MagneticFluxDensity, 1e-6, CI),
    u("uT", D::MagneticFluxDensity, 1e-6, CI),
    u("nT", D::MagneticFluxDensity, 1e-9, CI),
    u("pT", D::MagneticFluxDensity, 1e-12, 0),
    u("fT", D::MagneticFluxDensity, 1e-15, 0),
    u("tesla", D::MagneticFluxDensity, 1.0, CI),
    u("gauss", D::MagneticFluxDensity, 1e-4, CI),
    u("特斯拉", D::MagneticFluxDensity, 1.0, 0),
    u("高斯", D::MagneticFluxDensity, 1e-4, 0),
    u("Тл", D::MagneticFluxDensity, 1.0, CI),
    u("мТл", D::MagneticFluxDensity, 1e-3, CI),
    u("нТл", D::MagneticFluxDensity, 1e-9, CI),
    // Force and thrust.
    u("N", D::Force, 1.0, 0),
    u("kN", D::Force, 1e3, 0),
    u("MN", D::Force, 1e6, 0),
    u("lbf", D::Force, LB * G0, CI),
    u("kgf", D::Force, G0, CI),
    u("newton", D::Force, 1.0, CI),
    u("newtons", D::Force, 1.0, CI),
    u("牛顿", D::Force, 1.0, 0),
    u("千牛", D::Force, 1e3, 0),
    u("Н", D::Force, 1.0, 0), // Cyrillic Н
    u("кН", D::Force, 1e3, CI),
    // Absorbed dose; `rad` alone is the angle, `krad`/`Mrad` the dose.
    u("Gy", D::RadiationDose, 1.0, 0),
    u("kGy", D::RadiationDose, 1e3, CI),
    u("Gy(Si)", D::RadiationDose, 1.0, CI),
    u("Gy (Si)", D::RadiationDose, 1.0, CI),
    u("rad(Si)", D::RadiationDose, 1e-2, CI),
    u("rad (Si)", D::RadiationDose, 1e-2, CI),
    u("krad", D::RadiationDose, 10.0, CI),
    u("krad(Si)", D::RadiationDose, 10.0, CI),
    u("krad (Si)", D::RadiationDose, 10.0, CI),
    u("Mrad", D::RadiationDose, 1e4, 0),
    u("Mrad(Si)", D::RadiationDose, 1e4, 0),
    u("Гр", D::RadiationDose, 1.0, CI),
    u("кГр", D::RadiationDose, 1e3, CI),
];

/// First char of a string or char, lower-cased, as the index key.
fn fold(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Case-insensitive equality of two chars. An ASCII char never equals
/// a non-ASCII one (only the Kelvin sign `K` would, and no unit needs
/// it), which keeps the common comparisons off the Unicode tables.
fn same_ci(a: char, b: char) -> bool {
    match (a.is_ascii(), b.is_ascii()) {
        (true, true) => a.eq_ignore_ascii_case(&b),
        (false, false) => a == b || a.to_lowercase().eq(b.to_lowercase()),
        _ => false,
    }
}

/// Units by the lower-cased first char, so a lookup tries a handful of
/// candidates instead of the whole table.
static INDEX: LazyLock<HashMap<char, Vec<&'static Unit>>> =
    LazyLock::new(|| {
        let mut index: HashMap<char, Vec<&'static Unit>> = HashMap::new();
        for unit in UNITS {
            if let Some(c) = unit.text.chars().next() {
                index.entry(fold(c)).or_default().push(unit);
            }
        }
        index
    });

#[derive(Debug, Clone, Copy)]
struct UnitMatch {
    unit: &'static Unit,
    start: usize,
    end: usize,
}

/// Byte length of the prefix of `hay` equal to `pat` ignoring case.
fn prefix_len_ci(hay: &str, pat: &str) -> Option<usize> {
    let mut h = hay.char_indices();
    for pc in pat.chars() {
        let (_, hc) = h.next()?;
        if !same_ci(hc, pc) {
            return None;
        }
    }
    Some(h.next().map_or(hay.len(), |(i, _)| i))
}

/// The longest unit starting exactly at `pos`.
fn match_unit(text: &str, pos: usize, hyphen_only: bool) -> Option<UnitMatch> {
    let rest = text.get(pos..)?;
    let candidates = INDEX.get(&fold(rest.chars().next()?))?;
    let mut best: Option<(UnitMatch, bool)> = None;
    for &unit in candidates {
        if hyphen_only && unit.flags & HYPHEN == 0 {
            continue;
        }
        let (len, exact) = if rest.starts_with(unit.text) {
            (unit.text.len(), true)
        } else if unit.flags & CI != 0 {
            match prefix_len_ci(rest, unit.text) {
                Some(len) => (len, false),
                None => continue,
            }
        } else {
            continue;
        };
        let end = pos + len;
        if !unit_ends(text, end, unit) {
            continue;
        }
        let better = match best {
            None => true,
            Some((b, b_exact)) => {
                len > b.end - b.start
                    || (len == b.end - b.start && exact && !b_exact)
            }
        };
        if better {
            best = Some((
                UnitMatch {
                    unit,
                    start: pos,
                    end,
                },
                exact,
            ));
        }
    }
    best.map(|(m, _)| m)
}

/// Whether a unit may end at `end`: not in the middle of a word
/// (`mmHg` is not `mm`), not glued to a digit (`600HZ2B` is a part
/// number), not the first half of a unit we do not know (`g/m²`,
/// `w/ cable`, `V-belt`).
fn unit_ends(text: &str, end: usize, unit: &Unit) -> bool {
    let Some(last) = unit.text.chars().next_back() else {
        return false;
    };
    let rest = &text[end..];
    let mut chars = rest.chars();
    let Some(next) = chars.next() else {
        return true;
    };
    let after = chars.next();
    if is_word(last) && is_word(next) {
        return false;
    }
    if !is_cjk(last) {
        let letter =
            |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() || c == '√');
        match next {
            // `g/m²`, `w/ cable`; but `60Hz/220V` and `7.5千瓦/台` pass.
            '/' if !after.is_some_and(|c| c.is_ascii_digit() || is_cjk(c)) => {
                return false
            }
            '·' | '⋅' | '*' if letter(after) => return false,
            '-' | '‐' | '‑' if letter(after) => return false,
            _ => {}
        }
    }
    if unit.flags & STRICT != 0 {
        // Skip spaces; the next thing must not be a word or a number
        // (`5 in stock`, `2 in 1`, `10 с задержкой`, `5安装`), except
        // the `x` of a dimension (`5 in x 7 in`).
        let trimmed = rest.trim_start();
        let mut it = trimmed.chars();
        if let Some(c) = it.next() {
            let times = matches!(c, 'x' | 'X' | '×')
                && it.next().is_none_or(|d| d == ' ' || d.is_ascii_digit());
            if c.is_alphanumeric() && !times {
                return false;
            }
        }
    }
    true
}

// ---------------------------------------------------------------------
// Characters

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF // kana
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xAC00..=0xD7AF // hangul
        | 0x20000..=0x2FA1F)
}

/// A letter or digit of a space-separated script: what glues a number
/// or unit into a longer word. CJK text has no spaces, so CJK characters
/// never glue.
fn is_word(c: char) -> bool {
    (c.is_alphanumeric() || c == '_') && !is_cjk(c)
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// Skips at most `max` white-space chars forward; returns the position
/// and how many were skipped.
fn skip_ws(text: &str, mut i: usize, max: usize) -> (usize, usize) {
    let mut n = 0;
    while n < max {
        match char_at(text, i) {
            Some(c) if c.is_whitespace() => {
                i += c.len_utf8();
                n += 1;
            }
            _ => break,
        }
    }
    (i, n)
}

/// Skips at most `max` white-space chars backward.
fn skip_ws_back(text: &str, mut i: usize, max: usize) -> usize {
    for _ in 0..max {
        match char_before(text, i) {
            Some(c) if c.is_whitespace() => i -= c.len_utf8(),
            _ => break,
        }
    }
    i
}

fn superscript_digit(c: char) -> Option<u32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as u32 - '⁴' as u32 + 4),
        _ => None,
    }
}

// ---------------------------------------------------------------------
// Numbers

#[derive(Debug, Clone, Copy)]
struct Num {
    value: f64,
    /// First digit (or leading `.`), sign not included.
    start: usize,
    end: usize,
    /// Written as bare digits: may be half of `3/4` or `50/60`.
    plain_int: bool,
}

enum Scan {
    Num(Num),
    /// Not a number (`01.05.2024`, `1e400`); skip to this byte.
    Invalid(usize),
}

/// Length of a thousands-grouping space at `i` (space, no-break space,
/// narrow no-break space, thin space), or 0.
fn group_space(text: &str, i: usize) -> usize {
    match char_at(text, i) {
        Some(c @ (' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')) => c.len_utf8(),
        _ => 0,
    }
}

fn digits_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// Exponent digits, saturated: `1e99999999999` must not overflow.
fn exponent(b: &[u8], start: usize, end: usize) -> i64 {
    b[start..end].iter().fold(0i64, |acc, d| {
        acc.saturating_mul(10).saturating_add(i64::from(d - b'0'))
    })
}

/// An exponent written after `10`: `^-6`, `^3`, `⁻⁶`, `³`.
fn power_of_ten(text: &str, i: usize) -> Option<(i64, usize)> {
    let b = text.as_bytes();
    if b.get(i) == Some(&b'^') {
        let mut j = i + 1;
        let mut neg = false;
        if let Some(c @ ('-' | '+' | '−')) = char_at(text, j) {
            neg = c != '+';
            j += c.len_utf8();
        }
        let e = digits_end(b, j);
        if e == j {
            return None;
        }
        let x = exponent(b, j, e);
        return Some((if neg { -x } else { x }, e));
    }
    let mut j = i;
    let mut neg = false;
    if let Some(c @ ('⁻' | '⁺')) = char_at(text, j) {
        neg = c == '⁻';
        j += c.len_utf8();
    }
    let mut x: i64 = 0;
    let mut any = false;
    while let Some(c) = char_at(text, j) {
        let Some(d) = superscript_digit(c) else { break };
        x = x.saturating_mul(10).saturating_add(i64::from(d));
        j += c.len_utf8();
        any = true;
    }
    any.then_some((if neg { -x } else { x }, j))
}

/// `×10^3`, `x10³`, `* 10^-6`, `E-6` after a mantissa ending at `i`.
fn scientific(text: &str, i: usize) -> Option<(i64, usize)> {
    let b = text.as_bytes();
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        let neg = b.get(j) == Some(&b'-');
        if matches!(b.get(j), Some(b'-' | b'+')) {
            j += 1;
        }
        let e = digits_end(b, j);
        if e > j {
            let x = exponent(b, j, e);
            return Some((if neg { -x } else { x }, e));
        }
        return None;
    }
    let (j, _) = skip_ws(text, i, 1);
    let c = char_at(text, j)?;
    if !matches!(c, '×' | 'x' | 'X' | '*' | '·' | '⋅') {
        return None;
    }
    let (j, _) = skip_ws(text, j + c.len_utf8(), 1);
    if text.get(j..j + 2) != Some("10") {
        return None;
    }
    power_of_ten(text, j + 2)
}

/// Imperial fractions: 1/2 … 63/64, and 1/n.
fn is_fraction(a: u64, b: u64) -> bool {
    a >= 1 && a < b && (a == 1 || matches!(b, 2 | 4 | 8 | 16 | 32 | 64))
}

/// `a/b` with plain integers at `i`; returns (a, b, end).
fn plain_fraction(b: &[u8], i: usize) -> Option<(u64, u64, usize)> {
    let ae = digits_end(b, i);
    if ae == i || ae - i > 6 || b.get(ae) != Some(&b'/') {
        return None;
    }
    let be = digits_end(b, ae + 1);
    if be == ae + 1 || be - ae - 1 > 6 {
        return None;
    }
    let more = matches!(b.get(be), Some(b'.' | b',' | b'/'))
        && b.get(be + 1).is_some_and(u8::is_ascii_digit);
    if more {
        return None;
    }
    let a = std::str::from_utf8(&b[i..ae]).ok()?.parse().ok()?;
    let d = std::str::from_utf8(&b[ae + 1..be]).ok()?.parse().ok()?;
    is_fraction(a, d).then_some((a, d, be))
}

/// Reads the number starting at `start` (an ASCII digit or a `.` before
/// one). See the module docs for the separator rules.
fn scan_number(text: &str, start: usize) -> Scan {
    let b = text.as_bytes();
    // Groups of digits and the separator before each.
    let mut groups: Vec<(u8, usize, usize)> = Vec::new();
    let mut i;
    if b[start] == b'.' {
        i = digits_end(b, start + 1);
        groups.push((0, start, start));
        groups.push((b'.', start + 1, i));
    } else {
        i = digits_end(b, start);
        groups.push((0, start, i));
        loop {
            if matches!(b.get(i), Some(b',' | b'.'))
                && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                let e = digits_end(b, i + 1);
                groups.push((b[i], i + 1, e));
                i = e;
                continue;
            }
            let s = group_space(text, i);
            if s > 0 && b.get(i + s).is_some_and(u8::is_ascii_digit) {
                let e = digits_end(b, i + s);
                let (_, fs, fe) = groups[0];
                let only_spaces = groups[1..].iter().all(|g| g.0 == b' ');
                let first_ok = (1..=3).contains(&(fe - fs)) && b[fs] != b'0';
                // `1 1/2` is a mixed number, not 11/2.
                let fraction_follows = b.get(e) == Some(&b'/');
                if e - (i + s) == 3
                    && only_spaces
                    && first_ok
                    && !fraction_follows
                {
                    groups.push((b' ', i + s, e));
                    i = e;
                    continue;
                }
            }
            break;
        }
    }
    let end_digits = i;
    let Some((int_digits, frac_digits)) = interpret(b, &groups) else {
        return Scan::Invalid(end_digits);
    };
    let plain = groups.len() == 1;
    let mut mantissa = if int_digits.is_empty() {
        String::from("0")
    } else {
        int_digits
    };
    if !frac_digits.is_empty() {
        mantissa.push('.');
        mantissa.push_str(&frac_digits);
    }
    let mut end = end_digits;
    let mut exp: i64 = 0;
    let mut plain_int = plain;
    if plain && &b[start..end] == b"10" {
        // `10⁻⁶`, `10^-6`: a bare power of ten.
        if let Some((x, e)) = power_of_ten(text, end) {
            mantissa = String::from("1");
            exp = x;
            end = e;
            plain_int = false;
        }
    }
    if end == end_digits {
        if let Some((x, e)) = scientific(text, end) {
            exp = x;
            end = e;
            plain_int = false;
        }
    }
    let mut value = {
        let exp = exp.clamp(-100_000, 100_000);
        match format!("{mantissa}e{exp}").parse::<f64>() {
            Ok(v) if v.is_finite() => v,
            _ => return Scan::Invalid(end),
        }
    };
    if plain_int {
        if b.get(end) == Some(&b'/') {
            // `3/4`; anything else after a slash is a list (`50/60`).
            if let Some((a, d, e)) = plain_fraction(b, start) {
                value = a as f64 / d as f64;
                end = e;
                plain_int = false;
            }
        } else if matches!(b.get(end), Some(b' ' | b'-')) {
            // Mixed number `1 1/2` or `1-1/2`.
            if let Some((a, d, e)) = plain_fraction(b, end + 1) {
                value += a as f64 / d as f64;
                end = e;
                plain_int = false;
            }
        }
    }
    Scan::Num(Num {
        value,
        start,
        end,
        plain_int,
    })
}

/// Integer and fraction digits of a grouped number, or `None` if the
/// grouping is not a number (`01.05.2024`).
fn interpret(
    b: &[u8],
    groups: &[(u8, usize, usize)],
) -> Option<(String, String)> {
    let digits = |g: &(u8, usize, usize)| {
        String::from_utf8_lossy(&b[g.1..g.2]).into_owned()
    };
    let len = |g: &(u8, usize, usize)| g.2 - g.1;
    let first = &groups[0];
    let thousands_head = (1..=3).contains(&len(first)) && b[first.1] != b'0';
    let spaces = groups[1..].iter().take_while(|g| g.0 == b' ').count();
    let rest = &groups[1 + spaces..];
    let int_of =
        |gs: &[(u8, usize, usize)]| gs.iter().map(digits).collect::<String>();
    if spaces > 0 {
        // Space-grouped thousands, then at most one decimal separator.
        return match rest {
            [] => Some((int_of(&groups[..1 + spaces]), String::new())),
            [d] if d.0 != b' ' => {
                Some((int_of(&groups[..1 + spaces]), digits(d)))
            }
            _ => None,
        };
    }
    match rest {
        [] => Some((digits(first), String::new())),
        // `2.050 MPa` is 2050 MPa in German and 2.05 MPa in English:
        // a guess could clear a controlled hit, so it is not read.
        [d] if d.0 == b'.' && len(d) == 3 && thousands_head => None,
        [d] if d.0 == b'.' => Some((digits(first), digits(d))),
        [d] => {
            // A lone comma: `1,950` thousands, `1,95` and `0,950` decimal.
            if len(d) == 3 && thousands_head {
                Some((digits(first) + &digits(d), String::new()))
            } else {
                Some((digits(first), digits(d)))
            }
        }
        _ => {
            let last = rest[rest.len() - 1];
            let same = rest.iter().all(|g| g.0 == last.0);
            if same {
                let ok = thousands_head && rest.iter().all(|g| len(g) == 3);
                return ok.then(|| (int_of(groups), String::new()));
            }
            let body = &rest[..rest.len() - 1];
            let sep = body[0].0;
            let ok = thousands_head
                && body.iter().all(|g| g.0 == sep && len(g) == 3);
            ok.then(|| (int_of(&groups[..groups.len() - 1]), digits(&last)))
        }
    }
}

// ---------------------------------------------------------------------
// Words around the number

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmp {
    Ge,
    Gt,
    Le,
    Lt,
    /// `from 600 Hz`: a lower bound unless a range follows.
    From,
    /// `between 600 and 2000`: lets `and` join a range.
    Between,
}

/// Words written before the number, lower case. The longest match wins
/// (`not more than` over `more than`).
static PREFIXES: &[(&str, Cmp)] = &[
    ("≥", Cmp::Ge),
    (">=", Cmp::Ge),
    ("=>", Cmp::Ge),
    ("⩾", Cmp::Ge),
    ("≧", Cmp::Ge),
    ("at least", Cmp::Ge),
    ("not less than", Cmp::Ge),
    ("no less than", Cmp::Ge),
    ("not below", Cmp::Ge),
    ("min", Cmp::Ge),
    ("min.", Cmp::Ge),
    ("minimum", Cmp::Ge),
    ("mindestens", Cmp::Ge),
    ("mind.", Cmp::Ge),
    ("au moins", Cmp::Ge),
    ("au minimum", Cmp::Ge),
    ("al menos", Cmp::Ge),
    ("como mínimo", Cmp::Ge),
    ("mínimo", Cmp::Ge),
    ("mín.", Cmp::Ge),
    ("не менее", Cmp::Ge),
    ("не ниже", Cmp::Ge),
    ("не меньше", Cmp::Ge),
    ("мин.", Cmp::Ge),
    ("минимум", Cmp::Ge),
    ("至少", Cmp::Ge),
    ("不低于", Cmp::Ge),
    ("不小于", Cmp::Ge),
    ("不少于", Cmp::Ge),
    ("最小", Cmp::Ge),
    ("最低", Cmp::Ge),
    ("大于等于", Cmp::Ge),
    ("大于或等于", Cmp::Ge),
    (">", Cmp::Gt),
    ("＞", Cmp::Gt),
    ("over", Cmp::Gt),
    ("above", Cmp::Gt),
    ("more than", Cmp::Gt),
    ("greater than", Cmp::Gt),
    ("higher than", Cmp::Gt),
    ("in excess of", Cmp::Gt),
    ("exceeding", Cmp::Gt),
    ("über", Cmp::Gt),
    ("mehr als", Cmp::Gt),
    ("größer als", Cmp::Gt),
    ("höher als", Cmp::Gt),
    ("plus de", Cmp::Gt),
    ("supérieur à", Cmp::Gt),
    ("supérieure à", Cmp::Gt),
    ("au-dessus de", Cmp::Gt),
    ("más de", Cmp::Gt),
    ("mayor que", Cmp::Gt),
    ("mayor de", Cmp::Gt),
    ("superior a", Cmp::Gt),
    ("por encima de", Cmp::Gt),
    ("свыше", Cmp::Gt),
    ("более", Cmp::Gt),
    ("больше", Cmp::Gt),
    ("выше", Cmp::Gt),
    ("大于", Cmp::Gt),
    ("高于", Cmp::Gt),
    ("超过", Cmp::Gt),
    ("≤", Cmp::Le),
    ("<=", Cmp::Le),
    ("=<", Cmp::Le),
    ("⩽", Cmp::Le),
    ("≦", Cmp::Le),
    ("up to", Cmp::Le),
    ("upto", Cmp::Le),
    ("max", Cmp::Le),
    ("max.", Cmp::Le),
    ("maximum", Cmp::Le),
    ("maximal", Cmp::Le),
    ("not more than", Cmp::Le),
    ("no more than", Cmp::Le),
    ("not exceeding", Cmp::Le),
    ("not to exceed", Cmp::Le),
    ("not greater than", Cmp::Le),
    ("not above", Cmp::Le),
    ("at most", Cmp::Le),
    ("within", Cmp::Le),
    ("bis", Cmp::Le),
    ("bis zu", Cmp::Le),
    ("höchstens", Cmp::Le),
    ("jusqu'à", Cmp::Le),
    ("jusqu’à", Cmp::Le),
    ("jusqu'a", Cmp::Le),
    ("au plus", Cmp::Le),
    ("au maximum", Cmp::Le),
    ("hasta", Cmp::Le),
    ("máximo", Cmp::Le),
    ("máx.", Cmp::Le),
    ("como máximo", Cmp::Le),
    ("no más de", Cmp::Le),
    ("до", Cmp::Le),
    ("не более", Cmp::Le),
    ("не выше", Cmp::Le),
    ("не больше", Cmp::Le),
    ("макс.", Cmp::Le),
    ("максимум", Cmp::Le),
    ("最大", Cmp::Le),
    ("最高", Cmp::Le),
    ("不超过", Cmp::Le),
    ("不大于", Cmp::Le),
    ("不高于", Cmp::Le),
    ("小于等于", Cmp::Le),
    ("小于或等于", Cmp::Le),
    ("高达", Cmp::Le),
    ("可达", Cmp::Le),
    ("<", Cmp::Lt),
    ("＜", Cmp::Lt),
    ("below", Cmp::Lt),
    ("under", Cmp::Lt),
    ("less than", Cmp::Lt),
    ("lower than", Cmp::Lt),
    ("unter", Cmp::Lt),
    ("weniger als", Cmp::Lt),
    ("kleiner als", Cmp::Lt),
    ("moins de", Cmp::Lt),
    ("inférieur à", Cmp::Lt),
    ("inférieure à", Cmp::Lt),
    ("en dessous de", Cmp::Lt),
    ("menos de", Cmp::Lt),
    ("menor que", Cmp::Lt),
    ("menor de", Cmp::Lt),
    ("inferior a", Cmp::Lt),
    ("por debajo de", Cmp::Lt),
    ("менее", Cmp::Lt),
    ("меньше", Cmp::Lt),
    ("ниже", Cmp::Lt),
    ("小于", Cmp::Lt),
    ("低于", Cmp::Lt),
    ("不足", Cmp::Lt),
    // `von` and `de` also mean "of" (`Leistung von 5 kW`), so they are
    // not here; ranges need no opening word.
    ("from", Cmp::From),
    ("ab", Cmp::From),
    ("desde", Cmp::From),
    ("à partir de", Cmp::From),
    ("a partir de", Cmp::From),
    ("от", Cmp::From),
    ("从", Cmp::From),
    ("between", Cmp::Between),
    ("entre", Cmp::Between),
    ("zwischen", Cmp::Between),
    ("между", Cmp::Between),
    ("介于", Cmp::Between),
];

/// Words after the unit, lower case.
static SUFFIXES: &[(&str, Cmp)] = &[
    ("or more", Cmp::Ge),
    ("or greater", Cmp::Ge),
    ("or higher", Cmp::Ge),
    ("or above", Cmp::Ge),
    ("or over", Cmp::Ge),
    ("and above", Cmp::Ge),
    ("and more", Cmp::Ge),
    ("and higher", Cmp::Ge),
    ("and over", Cmp::Ge),
    ("at least", Cmp::Ge),
    ("min", Cmp::Ge),
    ("min.", Cmp::Ge),
    ("minimum", Cmp::Ge),
    ("oder mehr", Cmp::Ge),
    ("und mehr", Cmp::Ge),
    ("mindestens", Cmp::Ge),
    ("ou plus", Cmp::Ge),
    ("et plus", Cmp::Ge),
    ("au moins", Cmp::Ge),
    ("o más", Cmp::Ge),
    ("y más", Cmp::Ge),
    ("como mínimo", Cmp::Ge),
    ("mínimo", Cmp::Ge),
    ("или более", Cmp::Ge),
    ("и более", Cmp::Ge),
    ("и выше", Cmp::Ge),
    ("не менее", Cmp::Ge),
    ("以上", Cmp::Ge),
    ("及以上", Cmp::Ge),
    ("或以上", Cmp::Ge),
    ("或更高", Cmp::Ge),
    ("或更多", Cmp::Ge),
    ("起", Cmp::Ge),
    ("or less", Cmp::Le),
    ("or lower", Cmp::Le),
    ("or below", Cmp::Le),
    ("or under", Cmp::Le),
    ("and below", Cmp::Le),
    ("and less", Cmp::Le),
    ("and under", Cmp::Le),
    ("at most", Cmp::Le),
    ("max", Cmp::Le),
    ("max.", Cmp::Le),
    ("maximum", Cmp::Le),
    ("oder weniger", Cmp::Le),
    ("höchstens", Cmp::Le),
    ("maximal", Cmp::Le),
    ("ou moins", Cmp::Le),
    ("au maximum", Cmp::Le),
    ("au plus", Cmp::Le),
    ("o menos", Cmp::Le),
    ("como máximo", Cmp::Le),
    ("máximo", Cmp::Le),
    ("máx.", Cmp::Le),
    ("или менее", Cmp::Le),
    ("и менее", Cmp::Le),
    ("и ниже", Cmp::Le),
    ("не более", Cmp::Le),
    ("以下", Cmp::Le),
    ("及以下", Cmp::Le),
    ("或以下", Cmp::Le),
    ("以内", Cmp::Le),
    ("或更低", Cmp::Le),
    ("或更少", Cmp::Le),
];

/// Words after which a bare number is a percentage.
static PURITY: &[&str] = &[
    "purity",
    "purity of",
    "assay",
    "pureza",
    "pureza de",
    "reinheit",
    "reinheit von",
    "pureté",
    "pureté de",
    "чистота",
    "чистотой",
    "纯度",
];

/// Keywords as reversed, lower-cased chars, for matching backwards,
/// and the sorted set of their last chars: most numbers follow a char
/// that ends no keyword, and are done with one binary search.
struct Reversed {
    words: Vec<Vec<char>>,
    last_chars: Vec<char>,
}

fn reversed(words: impl Iterator<Item = &'static str>) -> Reversed {
    let words: Vec<Vec<char>> =
        words.map(|k| k.chars().rev().map(fold).collect()).collect();
    let mut last_chars: Vec<char> =
        words.iter().filter_map(|w| w.first().copied()).collect();
    last_chars.sort_unstable();
    last_chars.dedup();
    Reversed { words, last_chars }
}

static PREFIXES_REV: LazyLock<Reversed> =
    LazyLock::new(|| reversed(PREFIXES.iter().map(|p| p.0)));

static PURITY_REV: LazyLock<Reversed> =
    LazyLock::new(|| reversed(PURITY.iter().copied()));

/// The longest keyword ending at `end`: its index and start. Compares
/// against at most the 24 chars before `end`, so the cost per number is
/// bounded whatever the text.
fn keyword_before(
    text: &str,
    end: usize,
    keywords: &Reversed,
) -> Option<(usize, usize)> {
    let last = fold(char_before(text, end)?);
    keywords.last_chars.binary_search(&last).ok()?;
    let mut buf = [(0usize, ' '); 24];
    let mut n_tail = 0;
    for (i, c) in text.get(..end).unwrap_or("").char_indices().rev() {
        if n_tail == buf.len() {
            break;
        }
        buf[n_tail] = (i, fold(c));
        n_tail += 1;
    }
    let tail = &buf[..n_tail];
    let mut best: Option<(usize, usize, usize)> = None; // (len, idx, start)
    for (idx, kw) in keywords.words.iter().enumerate() {
        let n = kw.len();
        if n == 0 || n > tail.len() || best.is_some_and(|b| b.0 >= n) {
            continue;
        }
        if !kw.iter().zip(tail).all(|(k, (_, t))| k == t) {
            continue;
        }
        let start = tail[n - 1].0;
        // A word keyword must start a word: not `over` in `cover`.
        if is_word(kw[n - 1]) && char_before(text, start).is_some_and(is_word)
        {
            continue;
        }
        best = Some((n, idx, start));
    }
    best.map(|(_, idx, start)| (idx, start))
}

/// Skips white space and one colon backwards: `max: 40 kW`.
fn back_over_gap(text: &str, i: usize) -> usize {
    let i = skip_ws_back(text, i, 4);
    match char_before(text, i) {
        Some(c @ (':' | '：')) => skip_ws_back(text, i - c.len_utf8(), 4),
        _ => i,
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Before {
    cmp: Option<Cmp>,
    purity: bool,
}

/// The comparator and the purity keyword before a number at `start`
/// (`purity ≥ 99.5`).
fn words_before(text: &str, start: usize) -> Before {
    let mut q = back_over_gap(text, start);
    let mut before = Before::default();
    if let Some((idx, s)) = keyword_before(text, q, &PREFIXES_REV) {
        before.cmp = Some(PREFIXES[idx].1);
        q = back_over_gap(text, s);
    }
    before.purity = keyword_before(text, q, &PURITY_REV).is_some();
    before
}

/// A comparator word after the unit ending at `end`.
fn words_after(text: &str, end: usize) -> Option<Cmp> {
    let (i, _) = skip_ws(text, end, 4);
    let rest = text.get(i..)?;
    let mut best: Option<(usize, Cmp)> = None;
    for &(kw, cmp) in SUFFIXES {
        let Some(len) = prefix_len_ci(rest, kw) else {
            continue;
        };
        if best.is_some_and(|b| b.0 >= len) {
            continue;
        }
        let last = kw.chars().next_back().unwrap_or(' ');
        let next = char_at(text, i + len);
        if is_word(last) {
            if next.is_some_and(is_word) {
                continue;
            }
            // `20 kW max 30 kW`: `max` belongs to the next number.
            let (j, _) = skip_ws(text, i + len, 4);
            if text.as_bytes().get(j).is_some_and(u8::is_ascii_digit) {
                continue;
            }
        }
        best = Some((len, cmp));
    }
    best.map(|b| b.1)
}

/// `±`, `+/-`, `+-` ending at or just before `start`; returns where it
/// begins.
fn tolerance_before(text: &str, start: usize) -> Option<usize> {
    let q = skip_ws_back(text, start, 2);
    let head = text.get(..q)?;
    for sign in ["±", "+/-", "+/−", "+-", "+−", "plus/minus", "plus or minus"]
    {
        if head.len() >= sign.len()
            && head.is_char_boundary(head.len() - sign.len())
            && head[head.len() - sign.len()..].eq_ignore_ascii_case(sign)
        {
            return Some(q - sign.len());
        }
    }
    None
}

/// Where a number really starts, or `None` when it is glued into a
/// part number or code (`X-600`, `M8`, `Ti-6Al-4V`, `9001:2015`).
/// Returns the start including a sign, and the sign.
fn number_lead(
    text: &str,
    p: usize,
    last_end: Option<usize>,
) -> Option<(usize, f64)> {
    let Some(c) = char_before(text, p) else {
        return Some((p, 1.0));
    };
    match c {
        '-' | '−' | '+' => {
            let s = p - c.len_utf8();
            // `220V-60Hz`: a dash right after a quantity separates.
            if last_end == Some(s) {
                return Some((p, 1.0));
            }
            match char_before(text, s) {
                Some(d) if is_word(d) => {
                    // `AC-220V` is a supply, not a part number.
                    ac_dc_before(text, s).then_some((p, 1.0))
                }
                _ => Some((s, if c == '+' { 1.0 } else { -1.0 })),
            }
        }
        '_' => None,
        '.' | ',' | ':' => match char_before(text, p - 1) {
            Some(d) if d.is_ascii_digit() => None,
            _ => Some((p, 1.0)),
        },
        // Diameter signs (`Ø10mm`, `φ10`).
        'Ø' | 'ø' | 'Φ' | 'φ' | '⌀' => Some((p, 1.0)),
        // `2x500W`: a count times a quantity.
        'x' | 'X' => char_before(text, p - 1)
            .is_some_and(|d| d.is_ascii_digit())
            .then_some((p, 1.0)),
        c if is_word(c) => ac_dc_before(text, p).then_some((p, 1.0)),
        _ => Some((p, 1.0)),
    }
}

/// Whether the word ending at `i` is `AC` or `DC` (`AC220V`, `DC24V`).
/// Looks at three chars at most, so the cost per number is bounded.
fn ac_dc_before(text: &str, i: usize) -> bool {
    let mut it = text[..i].chars().rev();
    let (Some(c), Some(a)) = (it.next(), it.next()) else {
        return false;
    };
    matches!(
        (a.to_ascii_lowercase(), c.to_ascii_lowercase()),
        ('a' | 'd', 'c')
    ) && !it.next().is_some_and(is_word)
}

// ---------------------------------------------------------------------
// Putting it together

/// The unit after a number ending at `num.end`, with the exceptions that
/// need the number itself.
fn unit_after(text: &str, num: &Num, lead: usize) -> Option<UnitMatch> {
    let (pos, gap) = skip_ws(text, num.end, 3);
    let m = match match_unit(text, pos, false) {
        Some(m) => m,
        None if gap == 0 && text.as_bytes().get(num.end) == Some(&b'-') => {
            match_unit(text, num.end + 1, true)?
        }
        None => return None,
    };
    let glued = m.start == num.end;
    let written = &text[m.start..m.end];
    let small_int = |max: f64| num.plain_int && num.value <= max;
    // `4K` video, `5G` network: see the module docs.
    if glued && written == "K" && small_int(16.0) {
        return None;
    }
    if glued && written == "G" && small_int(10.0) {
        return None;
    }
    // `2024 г.` is a year.
    if written == "г"
        && num.plain_int
        && (1000.0..3000.0).contains(&num.value)
        && text.as_bytes().get(m.end) == Some(&b'.')
    {
        return None;
    }
    // `model "2000"` is quoted, not 2000 inches.
    if written == "\"" && matches!(char_before(text, lead), Some('"' | '“'))
    {
        return None;
    }
    Some(m)
}

/// Range separators; the bool says whether it is a word that needs
/// white space around it.
static SEPARATORS: &[(&str, bool)] = &[
    ("-", false),
    ("–", false),
    ("—", false),
    ("−", false),
    ("‐", false),
    ("‑", false),
    ("~", false),
    ("～", false),
    ("〜", false),
    ("÷", false),
    ("...", false),
    ("..", false),
    ("…", false),
    ("至", false),
    ("到", false),
    ("to", true),
    ("up to", true),
    ("through", true),
    ("thru", true),
    ("bis", true),
    ("a", true),
    ("à", true),
    ("hasta", true),
    ("до", true),
    ("jusqu'à", true),
    ("jusqu’à", true),
];

/// Only after `between` and its translations.
static BETWEEN_SEPARATORS: &[(&str, bool)] = &[
    ("and", true),
    ("und", true),
    ("et", true),
    ("y", true),
    ("и", true),
    ("和", false),
    ("与", false),
];

/// The position of the second number after a range separator at `i`.
fn range_separator(text: &str, i: usize, between: bool) -> Option<usize> {
    let (j, gap) = skip_ws(text, i, 3);
    let rest = text.get(j..)?;
    let mut best: Option<usize> = None;
    let lists: &[&[(&str, bool)]] = if between {
        &[SEPARATORS, BETWEEN_SEPARATORS]
    } else {
        &[SEPARATORS]
    };
    for list in lists {
        for &(sep, word) in *list {
            let Some(len) = prefix_len_ci(rest, sep) else {
                continue;
            };
            if word
                && (gap == 0
                    || !char_at(text, j + len)
                        .is_some_and(char::is_whitespace))
            {
                continue;
            }
            if best.is_none_or(|b| len > b) {
                best = Some(len);
            }
        }
    }
    let (k, _) = skip_ws(text, j + best?, 3);
    Some(k)
}

/// A number (with optional sign) at `i`: the second half of a range.
fn signed_number_at(text: &str, i: usize) -> Option<(Num, usize, f64)> {
    let b = text.as_bytes();
    let (digit, sign) = match char_at(text, i)? {
        c @ ('-' | '−' | '+') => {
            (i + c.len_utf8(), if c == '+' { 1.0 } else { -1.0 })
        }
        _ => (i, 1.0),
    };
    let starts = b.get(digit).is_some_and(u8::is_ascii_digit)
        || (b.get(digit) == Some(&b'.')
            && b.get(digit + 1).is_some_and(u8::is_ascii_digit));
    if !starts {
        return None;
    }
    match scan_number(text, digit) {
        Scan::Num(n) => Some((n, i, sign)),
        Scan::Invalid(_) => None,
    }
}

/// Low, high and their inclusiveness for one value and a comparator.
fn bounds(x: f64, cmp: Option<Cmp>) -> (Option<f64>, Option<f64>, bool, bool) {
    match cmp {
        Some(Cmp::Ge | Cmp::From) => (Some(x), None, true, false),
        Some(Cmp::Gt) => (Some(x), None, false, false),
        Some(Cmp::Le) => (None, Some(x), false, true),
        Some(Cmp::Lt) => (None, Some(x), false, false),
        Some(Cmp::Between) | None => (Some(x), Some(x), true, true),
    }
}

fn single(
    m: &UnitMatch,
    text: &str,
    v: f64,
    cmp: Option<Cmp>,
    start: usize,
) -> Option<Quantity> {
    let (low, high, li, hi) = bounds(m.unit.conv.value(v)?, cmp);
    Some(Quantity {
        dimension: m.unit.dim,
        low,
        high,
        low_inclusive: li,
        high_inclusive: hi,
        tolerance: false,
        start,
        end: m.end,
        unit: text[m.start..m.end].to_string(),
    })
}

fn tolerance(
    m: &UnitMatch,
    text: &str,
    v: f64,
    start: usize,
) -> Option<Quantity> {
    let x = m.unit.conv.difference(v)?;
    Some(Quantity {
        dimension: m.unit.dim,
        low: Some(x),
        high: Some(x),
        low_inclusive: true,
        high_inclusive: true,
        tolerance: true,
        start,
        end: m.end,
        unit: text[m.start..m.end].to_string(),
    })
}

/// Reads the quantity (if any) whose first number starts at `p`, pushes
/// it and returns where scanning goes on.
fn parse_at(
    text: &str,
    p: usize,
    last_end: Option<usize>,
    out: &mut Vec<Quantity>,
) -> usize {
    let num = match scan_number(text, p) {
        Scan::Num(n) => n,
        Scan::Invalid(end) => return end,
    };
    let tol_start = tolerance_before(text, p);
    let (start, sign) = match tol_start {
        Some(s) => (s, 1.0),
        None => match number_lead(text, p, last_end) {
            Some(lead) => lead,
            None => return num.end,
        },
    };
    let v1 = sign * num.value;
    let before = words_before(text, start);

    if tol_start.is_none() {
        if let Some(next) = alternatives(text, &num, start, out) {
            return next;
        }
    }

    let u1 = unit_after(text, &num, start);
    if tol_start.is_some() {
        let Some(m) = u1 else { return num.end };
        out.extend(tolerance(&m, text, v1, start));
        return m.end;
    }

    // A range: `600-2000 Hz`, `600 Hz - 2 kHz`, `от 600 до 2000 Гц`.
    let after1 = u1.map_or(num.end, |m| m.end);
    let between = before.cmp == Some(Cmp::Between);
    if let Some(k) = range_separator(text, after1, between) {
        if let Some((n2, s2, sign2)) = signed_number_at(text, k) {
            if let Some(m2) = unit_after(text, &n2, s2) {
                let m1 = u1.unwrap_or(m2);
                if m1.unit.dim == m2.unit.dim {
                    let a = m1.unit.conv.value(v1);
                    let b = m2.unit.conv.value(sign2 * n2.value);
                    if let (Some(a), Some(b)) = (a, b) {
                        out.push(Quantity {
                            dimension: m2.unit.dim,
                            low: Some(a.min(b)),
                            high: Some(a.max(b)),
                            low_inclusive: true,
                            high_inclusive: true,
                            tolerance: false,
                            start,
                            end: m2.end,
                            unit: text[m2.start..m2.end].to_string(),
                        });
                    }
                    return m2.end;
                }
            }
        }
    }

    let Some(m1) = u1 else {
        // `10 ± 0.1 mm`: the nominal value takes the tolerance's unit.
        let (t, _) = skip_ws(text, num.end, 2);
        if let Some(t_end) = tolerance_sign_at(text, t) {
            let (k, _) = skip_ws(text, t_end, 2);
            if let Some((n2, _, _)) = signed_number_at(text, k) {
                if let Some(m2) = unit_after(text, &n2, k) {
                    out.extend(single(&m2, text, v1, None, start));
                    out.extend(tolerance(&m2, text, n2.value, t));
                    return m2.end;
                }
            }
        }
        // `purity 99.5`: a percentage without `%`.
        if before.purity && (0.0..=100.0).contains(&v1) {
            let (low, high, li, hi) = bounds(v1 / 100.0, before.cmp);
            out.push(Quantity {
                dimension: Dimension::Fraction,
                low,
                high,
                low_inclusive: li,
                high_inclusive: hi,
                tolerance: false,
                start,
                end: num.end,
                unit: String::new(),
            });
        }
        return num.end;
    };
    let cmp = match before.cmp {
        Some(Cmp::Between) | None => words_after(text, m1.end),
        c => c,
    };
    out.extend(single(&m1, text, v1, cmp, start));
    m1.end
}

/// `±` and its spellings at `i`; returns the end.
fn tolerance_sign_at(text: &str, i: usize) -> Option<usize> {
    let rest = text.get(i..)?;
    ["±", "+/-", "+/−", "+-", "+−"]
        .iter()
        .find(|s| rest.starts_with(*s))
        .map(|s| i + s.len())
}

/// `50/60 Hz`, `220/380V`: alternatives sharing one unit. (`3/4` is a
/// fraction, read by [`scan_number`].) Returns `None` when the number
/// is not followed by `/digits`.
fn alternatives(
    text: &str,
    num: &Num,
    start: usize,
    out: &mut Vec<Quantity>,
) -> Option<usize> {
    let b = text.as_bytes();
    if b.get(num.end) != Some(&b'/')
        || !b.get(num.end + 1).is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    let mut nums = vec![*num];
    let mut i = num.end;
    while b.get(i) == Some(&b'/')
        && b.get(i + 1).is_some_and(u8::is_ascii_digit)
        && nums.len() < 16
    {
        match scan_number(text, i + 1) {
            Scan::Num(n) => {
                nums.push(n);
                i = n.end;
            }
            Scan::Invalid(end) => return Some(end),
        }
    }
    let last = nums[nums.len() - 1];
    let Some(m) = unit_after(text, &last, last.start) else {
        return Some(last.end);
    };
    for (k, n) in nums.iter().enumerate() {
        let s = if k == 0 { start } else { n.start };
        out.extend(single(&m, text, n.value, None, s));
    }
    Some(m.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// One expected quantity: dimension, bounds in base units, and how
    /// they were written.
    #[derive(Debug, Clone, Copy)]
    struct Exp {
        dim: Dimension,
        low: Option<f64>,
        high: Option<f64>,
        low_inclusive: bool,
        high_inclusive: bool,
        tolerance: bool,
    }

    fn eq(dim: Dimension, v: f64) -> Exp {
        Exp {
            dim,
            low: Some(v),
            high: Some(v),
            low_inclusive: true,
            high_inclusive: true,
            tolerance: false,
        }
    }

    fn range(dim: Dimension, low: f64, high: f64) -> Exp {
        Exp {
            high: Some(high),
            ..eq(dim, low)
        }
    }

    fn ge(dim: Dimension, v: f64) -> Exp {
        Exp {
            high: None,
            high_inclusive: false,
            ..eq(dim, v)
        }
    }

    fn gt(dim: Dimension, v: f64) -> Exp {
        Exp {
            low_inclusive: false,
            ..ge(dim, v)
        }
    }

    fn le(dim: Dimension, v: f64) -> Exp {
        Exp {
            low: None,
            low_inclusive: false,
            ..eq(dim, v)
        }
    }

    fn lt(dim: Dimension, v: f64) -> Exp {
        Exp {
            high_inclusive: false,
            ..le(dim, v)
        }
    }

    fn tol(dim: Dimension, v: f64) -> Exp {
        Exp {
            tolerance: true,
            ..eq(dim, v)
        }
    }

    struct Case {
        name: &'static str,
        text: &'static str,
        expect: Vec<Exp>,
    }

    fn case(name: &'static str, text: &'static str, expect: Vec<Exp>) -> Case {
        Case { name, text, expect }
    }

    fn close(a: Option<f64>, b: Option<f64>) -> bool {
        match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => {
                (a - b).abs() <= 1e-9 * a.abs().max(b.abs()) + 1e-30
            }
            _ => false,
        }
    }

    use Dimension::*;

    fn cases() -> Vec<Case> {
        vec![
            // The issue's own examples.
            case(
                "issue inverter cleared",
                "Frequency inverter 0-400 Hz, 7.5 kW, for conveyor motors",
                vec![range(Frequency, 0.0, 400.0), eq(Power, 7500.0)],
            ),
            case(
                "issue changer controlled",
                "Frequency changer, output 600-2000 Hz, 40 kW",
                vec![range(Frequency, 600.0, 2000.0), eq(Power, 40e3)],
            ),
            case(
                "issue maraging above",
                "Maraging steel bar, UTS 2050 MPa",
                vec![eq(Pressure, 2.05e9)],
            ),
            case(
                "issue maraging below",
                "Maraging steel bar, UTS 1100 MPa",
                vec![eq(Pressure, 1.1e9)],
            ),
            case("issue maraging unstated", "maraging steel rod", vec![]),
            // Ranges.
            case(
                "range hyphen",
                "600-2000 Hz",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case(
                "range en dash glued",
                "600–2000Hz",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case(
                "range to thousands",
                "600 to 2,000Hz",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case(
                "range tilde",
                "600 ~ 2000 Hz",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case(
                "range unit twice",
                "600 Hz - 2000 Hz",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case(
                "range from up to",
                "from 600 up to 2000 Hz",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case(
                "range between and",
                "between 600 and 2000 Hz",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case(
                "range prefixes differ",
                "1 kHz to 2 MHz",
                vec![range(Frequency, 1e3, 2e6)],
            ),
            case(
                "range reversed",
                "2000-600 Hz",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case(
                "range terahertz",
                "0.1-3 THz",
                vec![range(Frequency, 1e11, 3e12)],
            ),
            case(
                "range percent",
                "10-15 %",
                vec![range(Fraction, 0.10, 0.15)],
            ),
            case(
                "range glued units",
                "220V-240V",
                vec![range(Voltage, 220.0, 240.0)],
            ),
            case(
                "range negative temperature",
                "-40 to +85 °C",
                vec![range(Temperature, 233.15, 358.15)],
            ),
            case(
                "range ellipsis",
                "−40…+85 °C",
                vec![range(Temperature, 233.15, 358.15)],
            ),
            case(
                "range mixed dimensions is two",
                "5 kW - 220 V",
                vec![eq(Power, 5e3), eq(Voltage, 220.0)],
            ),
            // Comparators before.
            case("ge symbol", "UTS ≥ 1950 MPa", vec![ge(Pressure, 1.95e9)]),
            case("ge ascii", "UTS >= 1950 MPa", vec![ge(Pressure, 1.95e9)]),
            case("gt symbol", "> 2 T", vec![gt(MagneticFluxDensity, 2.0)]),
            case("le symbol", "≤ 0.5 µm", vec![le(Length, 0.5e-6)]),
            case("lt symbol", "< 10 nT", vec![lt(MagneticFluxDensity, 1e-8)]),
            case("up to", "up to 2000 Hz", vec![le(Frequency, 2000.0)]),
            case("max dot", "max. 40 kW", vec![le(Power, 40e3)]),
            case("max glued", "max 40kW", vec![le(Power, 40e3)]),
            case("max colon", "max: 40 kW", vec![le(Power, 40e3)]),
            case("maximum", "maximum 40 kW", vec![le(Power, 40e3)]),
            case("min dot", "min. 1950 MPa", vec![ge(Pressure, 1.95e9)]),
            case("at least", "at least 1950 MPa", vec![ge(Pressure, 1.95e9)]),
            case(
                "not more than",
                "not more than 5 µm",
                vec![le(Length, 5e-6)],
            ),
            case(
                "not less than",
                "not less than 5 µm",
                vec![ge(Length, 5e-6)],
            ),
            case("over", "over 2 T", vec![gt(MagneticFluxDensity, 2.0)]),
            case("above", "thrust above 90 kN", vec![gt(Force, 90e3)]),
            case("below", "below 10 K", vec![lt(Temperature, 10.0)]),
            case(
                "less than",
                "bias less than 0.2 deg/h",
                vec![lt(AngularRate, 0.2 / 3600.0)],
            ),
            case(
                "more than",
                "more than 100 litres per hour",
                vec![gt(FlowRate, 0.1 / 3600.0)],
            ),
            case("from alone", "from 600 Hz", vec![ge(Frequency, 600.0)]),
            case("cover is not over", "cover 5 kW", vec![eq(Power, 5e3)]),
            // Comparators after.
            case(
                "suffix or more",
                "1,950 MPa or more",
                vec![ge(Pressure, 1.95e9)],
            ),
            case("suffix max", "40 kW max", vec![le(Power, 40e3)]),
            case(
                "suffix and above",
                "2000 Hz and above",
                vec![ge(Frequency, 2000.0)],
            ),
            case("suffix min", "99.5% min", vec![ge(Fraction, 0.995)]),
            // Tolerances.
            case(
                "tolerance plus minus",
                "positioning accuracy ±0.5 µm",
                vec![tol(Length, 0.5e-6)],
            ),
            case("tolerance ascii", "+/- 5 µm", vec![tol(Length, 5e-6)]),
            case("tolerance percent", "±5%", vec![tol(Fraction, 0.05)]),
            case(
                "tolerance temperature is a difference",
                "±2 °C",
                vec![tol(Temperature, 2.0)],
            ),
            case(
                "nominal and tolerance",
                "10 ± 0.1 mm",
                vec![eq(Length, 0.01), tol(Length, 1e-4)],
            ),
            case(
                "value then percent tolerance",
                "10 kW ± 5%",
                vec![eq(Power, 1e4), tol(Fraction, 0.05)],
            ),
            // Scientific notation.
            case("sci e", "1.5e3 Hz", vec![eq(Frequency, 1500.0)]),
            case("sci E negative", "1.5E-6 m", vec![eq(Length, 1.5e-6)]),
            case("sci times caret", "1.5×10^3 Pa", vec![eq(Pressure, 1500.0)]),
            case(
                "sci x superscript",
                "1.5x10³ Pa",
                vec![eq(Pressure, 1500.0)],
            ),
            case(
                "sci spaced times",
                "5 × 10^5 Gy (Si)",
                vec![eq(RadiationDose, 5e5)],
            ),
            case("ten superscript", "10⁻⁶ m", vec![eq(Length, 1e-6)]),
            case(
                "ten caret",
                "10^-6 torr",
                vec![eq(Pressure, 101_325.0 / 760.0 * 1e-6)],
            ),
            // Separators.
            case("decimal comma", "Leistung 7,5 kW", vec![eq(Power, 7500.0)]),
            case("decimal comma gpa", "1,95 GPa", vec![eq(Pressure, 1.95e9)]),
            case("thousands comma", "1,950 MPa", vec![eq(Pressure, 1.95e9)]),
            case(
                "leading zero is decimal",
                "0,950 mm",
                vec![eq(Length, 0.95e-3)],
            ),
            case("four decimals", "1,9500 GPa", vec![eq(Pressure, 1.95e9)]),
            case(
                "single point and three digits is not read",
                "2.000 mm",
                vec![],
            ),
            case(
                "single point is decimal",
                "2.05 mm",
                vec![eq(Length, 2.05e-3)],
            ),
            case("thousands space", "2 000 Hz", vec![eq(Frequency, 2000.0)]),
            case(
                "thousands nbsp",
                "2\u{a0}000 Hz",
                vec![eq(Frequency, 2000.0)],
            ),
            case(
                "thousands thin space",
                "1\u{2009}950 MPa",
                vec![eq(Pressure, 1.95e9)],
            ),
            case("thousands dots", "2.000.000 Hz", vec![eq(Frequency, 2e6)]),
            case("thousands commas", "2,000,000 Hz", vec![eq(Frequency, 2e6)]),
            case("european mixed", "1.234,5 kg", vec![eq(Mass, 1234.5)]),
            case("english mixed", "1,234.5 kg", vec![eq(Mass, 1234.5)]),
            case(
                "space thousands decimal comma",
                "1 234,5 kg",
                vec![eq(Mass, 1234.5)],
            ),
            case("leading point", ".5 mm", vec![eq(Length, 5e-4)]),
            case("comma list is no number", "sizes 10,20,30 mm", vec![]),
            case("list keeps last", "1.5, 2.5 mm", vec![eq(Length, 2.5e-3)]),
            // German, French, Spanish.
            case(
                "de range bis",
                "600 bis 2000 Hz",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case(
                "de von bis",
                "von 600 bis 2000 Hz",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case("de bis alone", "bis 2000 Hz", vec![le(Frequency, 2000.0)]),
            case(
                "de mindestens",
                "mindestens 1 950 MPa",
                vec![ge(Pressure, 1.95e9)],
            ),
            case(
                "de drehzahl",
                "Drehzahl max. 24000 U/min",
                vec![le(Rotation, 24000.0)],
            ),
            case(
                "de zwischen",
                "zwischen 600 und 2000 Hz",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case(
                "fr power and frequency",
                "Puissance : 2,2 kW, fréquence 50 Hz",
                vec![eq(Power, 2200.0), eq(Frequency, 50.0)],
            ),
            case(
                "fr range",
                "de 600 à 2000 Hz",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case("fr jusqu'à", "jusqu'à 2000 Hz", vec![le(Frequency, 2000.0)]),
            case(
                "fr au moins",
                "au moins 1950 MPa",
                vec![ge(Pressure, 1.95e9)],
            ),
            case("es hasta", "hasta 2000 Hz", vec![le(Frequency, 2000.0)]),
            case(
                "es range",
                "de 600 a 2000 Hz",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case(
                "es entre",
                "entre 600 y 2000 Hz",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case(
                "es decimal comma",
                "potencia de 7,5 kW",
                vec![eq(Power, 7500.0)],
            ),
            case(
                "es mas de",
                "más de 2 T",
                vec![gt(MagneticFluxDensity, 2.0)],
            ),
            case("es litros", "reactor de 100 litros", vec![eq(Volume, 0.1)]),
            case("es pureza", "pureza 99,5 %", vec![eq(Fraction, 0.995)]),
            case("es menos de", "menos de 10 µm", vec![lt(Length, 1e-5)]),
            // Chinese.
            case(
                "zh range",
                "输出频率600-2000赫兹",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case(
                "zh not below",
                "抗拉强度不低于1950兆帕",
                vec![ge(Pressure, 1.95e9)],
            ),
            case("zh kilowatt", "功率7.5千瓦", vec![eq(Power, 7500.0)]),
            case("zh litre", "容积100升", vec![eq(Volume, 0.1)]),
            case("zh micron", "精度5微米", vec![eq(Length, 5e-6)]),
            case("zh yishang", "2000赫兹以上", vec![ge(Frequency, 2000.0)]),
            case("zh yixia", "400赫兹以下", vec![le(Frequency, 400.0)]),
            case("zh max", "最大2000赫兹", vec![le(Frequency, 2000.0)]),
            case("zh at least", "至少100升", vec![ge(Volume, 0.1)]),
            case("zh not over", "不超过5微米", vec![le(Length, 5e-6)]),
            case(
                "zh fullwidth tilde",
                "600～2000Hz",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case(
                "zh zhi range",
                "600至2000赫兹",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case("zh rpm", "转速24000转/分", vec![eq(Rotation, 24000.0)]),
            case(
                "zh celsius range",
                "工作温度-40～85摄氏度",
                vec![range(Temperature, 233.15, 358.15)],
            ),
            case("zh kg", "重量25公斤", vec![eq(Mass, 25.0)]),
            case("zh tonne", "载重5吨", vec![eq(Mass, 5000.0)]),
            case("zh cubic metre", "体积2立方米", vec![eq(Volume, 2.0)]),
            case("zh mpa", "压力35兆帕", vec![eq(Pressure, 35e6)]),
            case(
                "zh celsius sign",
                "温度≤1200℃",
                vec![le(Temperature, 1473.15)],
            ),
            case("zh nanometre", "波长1064纳米", vec![eq(Length, 1.064e-6)]),
            case("zh gigahertz", "3吉赫", vec![eq(Frequency, 3e9)]),
            case("zh seconds", "10秒", vec![eq(Time, 10.0)]),
            case("zh purity", "纯度≥99.5%", vec![ge(Fraction, 0.995)]),
            case(
                "zh purity fullwidth",
                "纯度99.5％",
                vec![eq(Fraction, 0.995)],
            ),
            case("zh install is not ampere", "5安装", vec![]),
            case("zh per set", "7.5千瓦/台", vec![eq(Power, 7500.0)]),
            // Russian.
            case("ru hertz", "частота 600 Гц", vec![eq(Frequency, 600.0)]),
            case(
                "ru from to",
                "от 600 до 2000 Гц",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case("ru up to", "до 2000 Гц", vec![le(Frequency, 2000.0)]),
            case(
                "ru not less",
                "не менее 1950 МПа",
                vec![ge(Pressure, 1.95e9)],
            ),
            case("ru not more", "не более 5 мкм", vec![le(Length, 5e-6)]),
            case("ru over", "свыше 2 Тл", vec![gt(MagneticFluxDensity, 2.0)]),
            case("ru more", "более 100 л/ч", vec![gt(FlowRate, 0.1 / 3600.0)]),
            case("ru less", "менее 10 К", vec![lt(Temperature, 10.0)]),
            case("ru kilowatt", "мощность 7,5 кВт", vec![eq(Power, 7500.0)]),
            case("ru rpm", "24000 об/мин", vec![eq(Rotation, 24000.0)]),
            case(
                "ru celsius cyrillic",
                "температура 20 °С",
                vec![eq(Temperature, 293.15)],
            ),
            case(
                "ru kelvin cyrillic",
                "при 293 К",
                vec![eq(Temperature, 293.0)],
            ),
            case("ru litre", "объём 100 л", vec![eq(Volume, 0.1)]),
            case("ru cubic metre", "5 м³", vec![eq(Volume, 5.0)]),
            case("ru kilogram", "масса 25 кг", vec![eq(Mass, 25.0)]),
            case("ru gram", "500 г", vec![eq(Mass, 0.5)]),
            case("ru year is not gram", "поставка 2024 г.", vec![]),
            case("ru gigapascal", "1,95 ГПа", vec![eq(Pressure, 1.95e9)]),
            case("ru shouted megahertz", "100 МГЦ", vec![eq(Frequency, 1e8)]),
            case("ru second strict", "10 с задержкой", vec![]),
            case("ru hour", "8 ч", vec![eq(Time, 28800.0)]),
            case("ru purity", "чистота 99,9", vec![eq(Fraction, 0.999)]),
            // Tricky negatives.
            case("model number", "model 2000", vec![]),
            case("pieces", "2000 pcs", vec![]),
            case(
                "supply pair",
                "60Hz/220V supply",
                vec![eq(Frequency, 60.0), eq(Voltage, 220.0)],
            ),
            case("part number with unit", "X-600HZ2B", vec![]),
            case("part number", "ABC1234", vec![]),
            case("iso standard", "ISO 9001", vec![]),
            case("iso with year", "ISO 9001:2015 certified", vec![]),
            case("thread size", "M8 bolts", vec![]),
            case("thread times length", "M8x40 bolts", vec![]),
            case("date iso", "2024-05-01", vec![]),
            case("date dotted", "01.05.2024", vec![]),
            case("hs code", "HS 8504.40", vec![]),
            case("hs code long", "8504.40.90", vec![]),
            case("cas number", "thiodiglycol CAS 111-48-8", vec![]),
            case("around the clock", "24/7", vec![]),
            case("four by four", "4x4", vec![]),
            case("video", "1080p", vec![]),
            case("titanium alloy", "Ti-6Al-4V bar", vec![]),
            case("eccn", "see 3A225 and 1C116", vec![]),
            case("network generation", "5G module", vec![]),
            case("video resolution", "4K camera", vec![]),
            case("storage", "512GB SSD", vec![]),
            case("in stock", "5 in stock", vec![]),
            case("quoted model", "model \"2000\"", vec![]),
            case("aes without bit", "AES-256", vec![]),
            case("v-belt", "3 V-belts", vec![]),
            case("newton metre", "10 Nm torque", vec![]),
            case("ambiguous mw", "5 mw", vec![]),
            case("unknown compound", "80 g/m² paper", vec![]),
            case("overflow", "1e400 Hz", vec![]),
            // Fractions and alternatives.
            case("fraction inch", "3/4 inch", vec![eq(Length, 0.75 * 0.0254)]),
            case("fraction quote", "1/2\" pipe", vec![eq(Length, 0.0127)]),
            case(
                "mixed fraction",
                "1 1/2 inch",
                vec![eq(Length, 1.5 * 0.0254)],
            ),
            case(
                "mixed fraction hyphen",
                "1-1/2 inch",
                vec![eq(Length, 1.5 * 0.0254)],
            ),
            case(
                "fraction horsepower",
                "1/2 hp motor",
                vec![eq(Power, HP / 2.0)],
            ),
            case(
                "alternatives frequency",
                "50/60 Hz",
                vec![eq(Frequency, 50.0), eq(Frequency, 60.0)],
            ),
            case(
                "alternatives voltage",
                "220/380V",
                vec![eq(Voltage, 220.0), eq(Voltage, 380.0)],
            ),
            // Case.
            case("milliwatt", "5 mW laser", vec![eq(Power, 5e-3)]),
            case("megawatt", "5 MW", vec![eq(Power, 5e6)]),
            case("shouted kilowatt", "7.5KW", vec![eq(Power, 7500.0)]),
            case("mixed case kilowatt", "7.5 Kw", vec![eq(Power, 7500.0)]),
            case("shouted hertz", "50HZ", vec![eq(Frequency, 50.0)]),
            case("lower megahertz", "100 mhz", vec![eq(Frequency, 1e8)]),
            case("shouted megapascal", "1950 MPA", vec![eq(Pressure, 1.95e9)]),
            case("shouted rpm", "2900 RPM", vec![eq(Rotation, 2900.0)]),
            case("metric ton", "25 MT", vec![eq(Mass, 25e3)]),
            case("millitesla", "50 mT", vec![eq(MagneticFluxDensity, 0.05)]),
            case(
                "tesla",
                "field 2 T magnet",
                vec![eq(MagneticFluxDensity, 2.0)],
            ),
            case("grams", "500 g", vec![eq(Mass, 0.5)]),
            case("shouted grams", "NET WT 500G", vec![eq(Mass, 0.5)]),
            // Prefixes before numbers.
            case(
                "ac prefix",
                "AC220V 50Hz",
                vec![eq(Voltage, 220.0), eq(Frequency, 50.0)],
            ),
            case("dc prefix hyphen", "DC-24V", vec![eq(Voltage, 24.0)]),
            case("count times", "2x500W", vec![eq(Power, 500.0)]),
            case("diameter", "Ø10mm", vec![eq(Length, 0.01)]),
            case(
                "dimension list keeps last",
                "100 x 200 x 300 mm",
                vec![eq(Length, 0.3)],
            ),
            case(
                "minus glued after colon",
                "Temp:-40°C",
                vec![eq(Temperature, 233.15)],
            ),
            case("unicode minus", "−40 °C", vec![eq(Temperature, 233.15)]),
            // One case per dimension and spelling.
            case("kelvin", "at 293 K", vec![eq(Temperature, 293.0)]),
            case(
                "kelvin liquid helium",
                "cooled to 4 K",
                vec![eq(Temperature, 4.0)],
            ),
            case("fahrenheit", "212 °F", vec![eq(Temperature, 373.15)]),
            case("degc", "1200 degC", vec![eq(Temperature, 1473.15)]),
            case("deg C spaced", "1200 deg C", vec![eq(Temperature, 1473.15)]),
            case(
                "gravity standard",
                "shock 1500 gn",
                vec![eq(Acceleration, 1500.0 * 9.80665)],
            ),
            case("acceleration si", "50 m/s²", vec![eq(Acceleration, 50.0)]),
            case(
                "micro g",
                "bias 50 micro g",
                vec![eq(Acceleration, 50.0 * 9.80665e-6)],
            ),
            case(
                "deg per hour",
                "0.0015 deg/h",
                vec![eq(AngularRate, 0.0015 / 3600.0)],
            ),
            case(
                "deg per second",
                "rate 400 °/s",
                vec![eq(AngularRate, 400.0)],
            ),
            case(
                "angle random walk",
                "ARW 0.002 deg/√h",
                vec![eq(AngleRandomWalk, 0.002)],
            ),
            case("angle", "45° bend", vec![eq(Angle, 45.0)]),
            case("arcsec", "1 arcsec", vec![eq(Angle, 1.0 / 3600.0)]),
            case(
                "milliradian",
                "0.5 mrad",
                vec![eq(Angle, 0.5e-3 * 57.295_779_513_082_32)],
            ),
            case("bits hyphen", "256-bit key", vec![eq(Bits, 256.0)]),
            case("bits space", "256 bit AES", vec![eq(Bits, 256.0)]),
            case("bits russian", "ключ 256 бит", vec![eq(Bits, 256.0)]),
            case("purity bare", "purity 99.5", vec![eq(Fraction, 0.995)]),
            case("weight percent", "nickel 18 wt%", vec![eq(Fraction, 0.18)]),
            case("w/w percent", "99.5 % w/w", vec![eq(Fraction, 0.995)]),
            case("ppm", "5 ppm", vec![eq(Fraction, 5e-6)]),
            case("gallon", "5 gal", vec![eq(Volume, 5.0 * 3.785_411_784e-3)]),
            case("cubic metre ascii", "20 m3", vec![eq(Volume, 20.0)]),
            case("cubic metre superscript", "5 m³", vec![eq(Volume, 5.0)]),
            case("cc", "250 cc", vec![eq(Volume, 2.5e-4)]),
            case("millilitre", "500 mL", vec![eq(Volume, 5e-4)]),
            case("litre capital", "reactor 100 L", vec![eq(Volume, 0.1)]),
            case("area", "heat exchange area 0.15 m²", vec![eq(Area, 0.15)]),
            case("flow rate", "0.6 m³/h", vec![eq(FlowRate, 0.6 / 3600.0)]),
            case("density", "7.8 g/cm³", vec![eq(Density, 7800.0)]),
            case("force", "thrust 90 kN", vec![eq(Force, 90e3)]),
            case("dose", "100 krad(Si)", vec![eq(RadiationDose, 1000.0)]),
            case("speed kmh", "120 km/h", vec![eq(Speed, 120.0 / 3.6)]),
            case(
                "speed knots",
                "30 knots",
                vec![eq(Speed, 30.0 * 1852.0 / 3600.0)],
            ),
            case("speed mph", "60 mph", vec![eq(Speed, 26.8224)]),
            case("rotation r/min", "3000 r/min", vec![eq(Rotation, 3000.0)]),
            case(
                "rotation min-1",
                "24 000 min⁻¹",
                vec![eq(Rotation, 24000.0)],
            ),
            case("rotation U/min", "1500 U/min", vec![eq(Rotation, 1500.0)]),
            case("time ns", "pulse 10 ns", vec![eq(Time, 1e-8)]),
            case("time us", "10 us", vec![eq(Time, 1e-5)]),
            case("time fs", "100 fs", vec![eq(Time, 1e-13)]),
            case(
                "time hours",
                "endurance 30 hours",
                vec![eq(Time, 108_000.0)],
            ),
            case("time minutes", "30 min", vec![eq(Time, 1800.0)]),
            case("data rate", "10 Gbps", vec![eq(DataRate, 1e10)]),
            case("data rate bytes", "100 MB/s", vec![eq(DataRate, 8e8)]),
            case("data rate shouted", "100 MBPS", vec![eq(DataRate, 1e8)]),
            case("frame rate", "1000 fps", vec![eq(FrameRate, 1000.0)]),
            case(
                "frame rate words",
                "1000 frames per second",
                vec![eq(FrameRate, 1000.0)],
            ),
            case(
                "frame rate images",
                "5000 images/s",
                vec![eq(FrameRate, 5000.0)],
            ),
            case("kilovolt", "30 kV", vec![eq(Voltage, 30e3)]),
            case("volts ac", "220 VAC", vec![eq(Voltage, 220.0)]),
            case("milliamp", "20 mA", vec![eq(Current, 0.02)]),
            case("amp hour is not amp", "5 Ah battery", vec![]),
            case("horsepower", "10 hp", vec![eq(Power, 10.0 * HP)]),
            case("pferdestaerke", "5 PS", vec![eq(Power, 5.0 * 735.498_75)]),
            case("kva", "40 kVA", vec![eq(Power, 40e3)]),
            case("dbm", "output power 30 dBm", vec![eq(Power, 1.0)]),
            case("kilowatt hour", "5 kWh", vec![eq(Energy, 1.8e7)]),
            case(
                "mev",
                "10 MeV accelerator",
                vec![eq(Energy, 10e6 * 1.602_176_634e-19)],
            ),
            case("millijoule", "pulse 50 mJ", vec![eq(Energy, 0.05)]),
            case(
                "psi",
                "3000 psi",
                vec![eq(Pressure, 3000.0 * 6_894.757_293_168)],
            ),
            case(
                "ksi",
                "280 ksi",
                vec![eq(Pressure, 280e3 * 6_894.757_293_168)],
            ),
            case("bar", "250 bar", vec![eq(Pressure, 2.5e7)]),
            case(
                "n per mm2 superscript",
                "1950 N/mm²",
                vec![eq(Pressure, 1.95e9)],
            ),
            case("n per mm2 ascii", "1950 N/mm2", vec![eq(Pressure, 1.95e9)]),
            case("kgf per cm2", "10 kgf/cm2", vec![eq(Pressure, 980_665.0)]),
            case("millibar", "1 mbar", vec![eq(Pressure, 100.0)]),
            case("inch word", "12 inch", vec![eq(Length, 0.3048)]),
            case("inch abbreviated", "12 in. pipe", vec![eq(Length, 0.3048)]),
            case("feet", "10 ft", vec![eq(Length, 3.048)]),
            case("um ascii", "5 um", vec![eq(Length, 5e-6)]),
            case("micron", "5 micron", vec![eq(Length, 5e-6)]),
            case("greek mu", "5 μm", vec![eq(Length, 5e-6)]),
            case("micro sign", "5 µm", vec![eq(Length, 5e-6)]),
            case("pound", "100 lb", vec![eq(Mass, 45.359_237)]),
            case("tonne", "5 t", vec![eq(Mass, 5000.0)]),
            case(
                "pump several",
                "Pump, 0.6 m3/h, 10 bar, 2.2 kW, 2900 rpm",
                vec![
                    eq(FlowRate, 0.6 / 3600.0),
                    eq(Pressure, 1e6),
                    eq(Power, 2200.0),
                    eq(Rotation, 2900.0),
                ],
            ),
            // Trade strings as they come.
            case("two in one", "2 in 1 cable", vec![]),
            case(
                "inch by inch",
                "12 in x 24 in",
                vec![eq(Length, 0.3048), eq(Length, 0.6096)],
            ),
            case("tolerance fraction", "±1/2 inch", vec![tol(Length, 0.0127)]),
            case(
                "fraction range",
                "1/2-3/4 inch",
                vec![range(Length, 0.0127, 0.01905)],
            ),
            case("kelvin glued", "77K detector", vec![eq(Temperature, 77.0)]),
            case(
                "supply range and alternatives",
                "220-240V~50/60Hz",
                vec![
                    range(Voltage, 220.0, 240.0),
                    eq(Frequency, 50.0),
                    eq(Frequency, 60.0),
                ],
            ),
            case(
                "supply slashes",
                "230V/50Hz/1Ph",
                vec![eq(Voltage, 230.0), eq(Frequency, 50.0)],
            ),
            case(
                "battery amp hours",
                "Li-ion 3.7V 2000mAh",
                vec![eq(Voltage, 3.7)],
            ),
            case(
                "decimal comma range",
                "2,5-3,5 kW",
                vec![range(Power, 2500.0, 3500.0)],
            ),
            case("mass flow unknown", "500 kg/h", vec![]),
            case("torque unknown", "50 N·m", vec![]),
            case("star at end", "rated 5 kW*", vec![eq(Power, 5000.0)]),
            case("price", "EUR 5.000,00", vec![]),
            case("cotton", "100% cotton", vec![eq(Fraction, 1.0)]),
            case("t-shirts", "5 T-shirts", vec![]),
            case("thermocouple type", "10 K-type thermocouples", vec![]),
            case("without", "5 w/o cable", vec![]),
            case("de ab", "ab 600 Hz", vec![ge(Frequency, 600.0)]),
            case("es maximo", "máximo 40 kW", vec![le(Power, 40e3)]),
            case("ru minutes", "5 минут", vec![eq(Time, 300.0)]),
            case("ru metres", "10 метров", vec![eq(Length, 10.0)]),
            case(
                "approx abbreviation",
                "approx.5 kW",
                vec![eq(Power, 5000.0)],
            ),
            case(
                "max belongs to next",
                "20 kW max 30 kW",
                vec![eq(Power, 20e3), le(Power, 30e3)],
            ),
            case("zh fermenter", "发酵罐容积20升以上", vec![ge(Volume, 0.02)]),
            case(
                "ru range with ellipsis",
                "600...2000 Гц",
                vec![range(Frequency, 600.0, 2000.0)],
            ),
            case(
                "es decimal range",
                "de 0,5 a 1,5 mm",
                vec![range(Length, 0.5e-3, 1.5e-3)],
            ),
            case(
                "huge number",
                "9999999999999999999999 Hz",
                vec![eq(Frequency, 1e22)],
            ),
        ]
    }

    #[test]
    fn table() {
        let cases = cases();
        assert!(cases.len() >= 150, "only {} cases", cases.len());
        let mut names = std::collections::HashSet::new();
        let mut failures = Vec::new();
        for c in &cases {
            assert!(names.insert(c.name), "duplicate case name {}", c.name);
            let got = extract(c.text);
            let ok = got.len() == c.expect.len()
                && got.iter().zip(&c.expect).all(|(g, e)| {
                    g.dimension == e.dim
                        && close(g.low, e.low)
                        && close(g.high, e.high)
                        && g.low_inclusive == e.low_inclusive
                        && g.high_inclusive == e.high_inclusive
                        && g.tolerance == e.tolerance
                });
            if !ok {
                failures.push(format!(
                    "case {}: {:?}\n  expected {:?}\n  got      {:?}",
                    c.name, c.text, c.expect, got
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn spans_and_units_as_written() {
        let cases = [
            ("glued", "UTS 2050MPa", vec![("2050MPa", "MPa")]),
            ("range", "output 600-2000 Hz.", vec![("600-2000 Hz", "Hz")]),
            ("sign", "at -40 °C", vec![("-40 °C", "°C")]),
            ("tolerance", "accuracy ±0.5 µm", vec![("±0.5 µm", "µm")]),
            (
                "comparator excluded",
                "≥ 1950 MPa",
                vec![("1950 MPa", "MPa")],
            ),
            ("shouted", "7.5KW", vec![("7.5KW", "KW")]),
            ("w/w", "99.5 % w/w", vec![("99.5 % w/w", "% w/w")]),
            ("chinese", "功率7.5千瓦", vec![("7.5千瓦", "千瓦")]),
            ("purity", "purity 99.5", vec![("99.5", "")]),
            ("two", "60Hz/220V", vec![("60Hz", "Hz"), ("220V", "V")]),
        ];
        for (name, text, want) in cases {
            let got: Vec<(&str, String)> = extract(text)
                .into_iter()
                .map(|q| (&text[q.start..q.end], q.unit))
                .collect();
            let want: Vec<(&str, String)> =
                want.into_iter().map(|(s, u)| (s, u.to_string())).collect();
            assert_eq!(got, want, "case {name}: {text:?}");
        }
    }

    /// What every result must satisfy, whatever the input.
    fn check_invariants(text: &str) {
        let got = extract(text);
        let mut previous = 0;
        for q in &got {
            let at = format!("{text:?}: {q:?}");
            assert!(q.start < q.end && q.end <= text.len(), "{at}");
            assert!(text.is_char_boundary(q.start), "{at}");
            assert!(text.is_char_boundary(q.end), "{at}");
            let span = &text[q.start..q.end];
            assert!(span.bytes().any(|b| b.is_ascii_digit()), "{at}");
            assert!(span.ends_with(q.unit.as_str()), "{at}");
            assert!(q.low.is_some() || q.high.is_some(), "{at}");
            assert!(q.low.is_some() || !q.low_inclusive, "{at}");
            assert!(q.high.is_some() || !q.high_inclusive, "{at}");
            for bound in [q.low, q.high].into_iter().flatten() {
                assert!(bound.is_finite(), "{at}");
            }
            if let (Some(low), Some(high)) = (q.low, q.high) {
                assert!(low <= high, "{at}");
            }
            if q.tolerance {
                assert_eq!(q.low, q.high, "{at}");
            }
            assert!(q.start >= previous, "not in text order: {at}");
            previous = q.start;
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let long_digits = "9".repeat(100_000);
        let long_number = format!("{long_digits} Hz");
        let many = "1 ".repeat(50_000);
        let many_units = "5 kW, ".repeat(20_000);
        let many_seps = "1,".repeat(50_000);
        let many_spaces = format!("1{}", " 000".repeat(30_000));
        let many_slashes = "1/".repeat(50_000);
        let many_minus = "-".repeat(50_000) + "5 Hz";
        let odd = [
            "",
            "0",
            "1234567890",
            "1e400",
            "1e400 Hz",
            "-1e400 Hz",
            "1e-400 Hz",
            "9999999999999999999999 Hz",
            "1e99999999999999999999999999 Hz",
            "10^99999999999999999999 Hz",
            "10⁻⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹ m",
            "1.5×10^ Pa",
            "1.5×10",
            "1e",
            "1e+",
            "🙂5 kW🙂",
            "5🙂kW",
            "5\u{301} kW",
            "5 k\u{301}W",
            "5 kW\u{301}",
            "\u{301}5",
            "±",
            "±±5 mm",
            "± 5",
            "+/-",
            "1/0 Hz",
            "0/0 Hz",
            "0/1 Hz",
            "99999999999/99999999999 Hz",
            "1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17/18/19/20 Hz",
            "-",
            "--5 Hz",
            "5-",
            "5 -",
            "5 to",
            "5 to -",
            "between 5 and",
            ".",
            "..5",
            "5..",
            "1,",
            ",5",
            "1 1/",
            "1 1/2",
            "1-1/2-",
            "°",
            "5°",
            "5 ° C",
            "max",
            "max.",
            "不低于",
            "不低于兆帕",
            "5\u{0}kW",
            "5\r\nkW",
            "５ｋＷ",
            "٥ kW",
            "K5",
            "Ø",
            "x5",
            "AC",
            "AC-",
            "ĲĲ5 İ",
            "5 İn",
            "5 KW\u{200d}",
            "\u{feff}5 kW",
            &long_number,
            &many,
            &many_units,
            &many_seps,
            &many_spaces,
            &many_slashes,
            &many_minus,
        ];
        for text in odd {
            check_invariants(text);
        }
        assert_eq!(extract(&many_units).len(), 20_000);
    }

    /// Pieces that, joined at random, reach the corners of the parser.
    const FRAGMENTS: &[&str] = &[
        "0",
        "1",
        "5",
        "9",
        "10",
        "600",
        "2000",
        "1,950",
        "1,95",
        "2 000",
        "2.000.000",
        ".",
        ",",
        " ",
        "\u{a0}",
        "-",
        "–",
        "−",
        "+",
        "±",
        "+/-",
        "/",
        "x",
        "×",
        "^",
        "³",
        "⁻",
        "e",
        "E",
        "~",
        "～",
        "…",
        ":",
        "\"",
        "“",
        "Hz",
        "HZ",
        "kHz",
        "MHz",
        "mhz",
        "MPa",
        "N/mm²",
        "kW",
        "KW",
        "mW",
        "MW",
        "mw",
        "°C",
        "℃",
        "°С",
        "K",
        "К",
        "g",
        "G",
        "m",
        "mm",
        "µm",
        "in",
        "t",
        "T",
        "%",
        "% w/w",
        "bit",
        "rpm",
        "min",
        "min⁻¹",
        "deg/h",
        "°/√h",
        "dBm",
        "г",
        "с",
        "т",
        "安",
        "赫兹",
        "兆帕",
        "千瓦",
        "摄氏度",
        "Гц",
        "МПа",
        "кВт",
        "up to",
        "to",
        "and",
        "between",
        "max",
        "max.",
        "or more",
        "以上",
        "不低于",
        "до",
        "от",
        "не менее",
        "purity",
        "纯度",
        "AC",
        "M",
        "X",
        "Ø",
        "a",
        "à",
        "y",
        "🙂",
        "\u{301}",
        "\u{200d}",
        "İ",
        "ß",
        "\n",
        "\t",
        "(",
        ")",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn fragments_do_not_panic(
            parts in proptest::collection::vec(
                proptest::sample::select(FRAGMENTS), 0..24)
        ) {
            check_invariants(&parts.concat());
        }

        #[test]
        fn any_string_does_not_panic(text in any::<String>()) {
            check_invariants(&text);
        }

        #[test]
        fn digits_and_punctuation_do_not_panic(
            text in "[0-9 .,/x×^eE+±°%~:-]{0,40}(Hz|kW|mm|°C|%)?"
        ) {
            check_invariants(&text);
        }
    }

    #[test]
    fn unit_table_is_unambiguous() {
        let mut exact = std::collections::HashSet::new();
        for unit in UNITS {
            assert!(!unit.text.is_empty());
            assert!(exact.insert(unit.text), "{} twice", unit.text);
        }
        // A case-insensitive unit must be the only one with its
        // lower-case spelling, or which one a trader meant is a guess.
        // Reviewed exceptions, where the exact spelling wins a tie:
        // `fT` is femtotesla, any other case of `ft` is feet.
        let reviewed = [("ft", "fT")];
        for a in UNITS.iter().filter(|u| u.flags & CI != 0) {
            let lower = a.text.to_lowercase();
            for b in UNITS {
                if std::ptr::eq(a, b)
                    || b.text.to_lowercase() != lower
                    || reviewed.contains(&(a.text, b.text))
                {
                    continue;
                }
                panic!("{} and {} differ only in case", a.text, b.text);
            }
        }
        for d in UNITS.iter().map(|u| u.dim) {
            assert!(!base_unit(d).is_empty());
        }
    }
}
