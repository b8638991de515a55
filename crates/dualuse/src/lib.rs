/*!
dualuse screens free-text goods descriptions — customs declarations,
invoices, air waybills, in many languages — against the dual-use export
control lists (EU Annex I with its Wassenaar, NSG, Australia Group, MTCR and
CWC items, and the Military List), and says which controlled entry may be
involved, why (the exact words, CAS number or HS code) and how sure it is.

# Overview

- [`Screener`] screens text; build it once and share it across threads.
  [`Screener::default()`] uses the lists compiled into the crate.
- [`ControlLists`] are validated control lists: the embedded default, a
  directory of TOML files (a national list), or ad-hoc watch terms.
- [`Screening`] is the result: [`Hit`]s with their [`Evidence`], HS
  indicators, a [`Risk`] and the customs [`Lane`] it maps to.
- [`GoodsItem`] is a description with its declared HS code, CAS number and
  the caller's reference.

# Example: screen a description

```
use dualuse::{Lane, Rule, Screener};

let screener = Screener::default();
let r = screener.screen("Thiodiglycol 99% 200L drums");
let hit = &r.hits()[0];
assert_eq!(hit.entry_id(), "1C350.1");
assert_eq!(hit.matched(), "Thiodiglycol");
assert_eq!(hit.char_span(), (0, 12));
assert_eq!(r.lane(), Lane::Red);

// The same entry by its Chinese name and by its CAS number; a CAS number
// whose check digit fails is no evidence.
assert_eq!(screener.screen("硫二甘醇 桶装").hits()[0].entry_id(), "1C350.1");
assert_eq!(screener.screen("CAS 111-48-8").hits()[0].rule(), Rule::Cas);
assert!(screener.screen("CAS 111-48-9").hits().is_empty());

// Ordinary goods stay quiet.
assert_eq!(screener.screen("ladies cotton T-shirts").lane(), Lane::Green);
```

# Example: a goods item with an HS code

```
use dualuse::{GoodsItem, Screener};

let item = GoodsItem::new("Thiodiglycol, 4 drums").hs_code("2930.90.98");
let r = Screener::default().screen_item(&item);
assert_eq!(r.hits()[0].entry_id(), "1C350.1");
```

# Example: national lists on top of the embedded ones

```no_run
use dualuse::{ControlLists, Screener};

let lists = ControlLists::embedded()
    .merge(ControlLists::from_dir("national-lists/")?)?;
let screener = Screener::builder().min_score(0.5).build(lists)?;
# Ok::<(), Box<dyn std::error::Error>>(())
```

# Lists and provenance

Each list file names its source, edition and date. Every [`Screening`]
carries `lists_version` (the newest edition date) and `lists_hash` (SHA-256
of the effective list content), so a decision can be reproduced later with
the same lists. The format is documented in `lists/README.md`.

# Untrusted input

Screening never fails and never panics: any string gives a [`Screening`].
Matching walks an Aho-Corasick automaton from each place a term may start
(one unanchored pass instead, on a text made to keep the walks long) and
scans for CAS numbers with a linear regex, so time grows linearly with the
text. Errors come only from lists ([`ListError`], naming file, entry and
field) and options ([`BuildError`]).

# Crate features

- `arrow` (off by default): `ArrowBuilder`, which writes screenings
  into Arrow record batches in one documented schema, the one the Python
  binding's `screen_arrow` and the CLI's Parquet output use. It adds the
  `arrow-array`, `arrow-buffer` and `arrow-schema` crates.
*/
#![deny(missing_docs)]

#[cfg(feature = "arrow")]
pub use crate::arrow::ArrowBuilder;
pub use crate::error::{BuildError, ListError, ListErrorKind, ListProblem};
pub use crate::lists::{ControlEntry, ControlLists, ListSource, Regime, Term};
pub use crate::params::{Combine, Criterion, Outcome, Params, Test};
pub use crate::result::{
    Cleared, Evidence, Field, Hit, HsIndicator, Lane, ParamCheck, Risk, Rule,
    Screening, Status, SCHEMA_VERSION,
};
pub use crate::screener::{GoodsItem, Screener, ScreenerBuilder};

#[cfg(feature = "arrow")]
mod arrow;
mod automaton;
mod cas;
mod error;
mod fuzzy;
mod hashing;
mod hs;
mod lists;
mod normalise;
mod params;
mod quantity;
mod result;
mod screener;
mod terms;

/// Crate internals for the fuzz targets in `fuzz/`, as plain data. Only
/// built under `cfg(fuzzing)`, which `cargo fuzz` sets: not part of the
/// API, and absent from every normal build.
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzzing {
    /// Every quantity `quantity::extract` reads in `text`, as
    /// `(byte_start, byte_end, low, high)` in its base unit.
    pub fn quantities(
        text: &str,
    ) -> Vec<(usize, usize, Option<f64>, Option<f64>)> {
        crate::quantity::extract(text)
            .into_iter()
            .map(|q| (q.start, q.end, q.low, q.high))
            .collect()
    }
}

#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_shareable<T: Send + Sync + std::panic::UnwindSafe>() {}

    #[test]
    fn public_types_are_shareable() {
        assert_shareable::<Screener>();
        assert_shareable::<Screening>();
        assert_shareable::<ListError>();
        assert_shareable::<BuildError>();
        assert_shareable::<ControlLists>();
    }
}
