//! Any bytes, read as lossy UTF-8, screen without panicking; evidence
//! spans point at the words they report; a batch equals screening its
//! items one by one.
#![no_main]

use std::sync::LazyLock;

use dualuse::{Field, GoodsItem, Screener, Screening};
use libfuzzer_sys::fuzz_target;

// Building the automaton over the embedded lists takes far longer than
// one screening: build it once per process, as a real caller would, and
// before fuzzing starts (`init`), so that libFuzzer's per-input -timeout
// does not count it: under the address sanitizer it takes some 10 s.
static SCREENER: LazyLock<Screener> = LazyLock::new(Screener::default);

fuzz_target!(init: { LazyLock::force(&SCREENER); }, |data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let s = &*SCREENER;

    // The same text as description, declared HS code and declared CAS
    // number: the HS and CAS parsers see arbitrary text too.
    let item = GoodsItem::new(&text).hs_code(&text).cas(&text);
    let r = s.screen_item(&item);
    check_spans(&text, &text, &r);
    let _ = r.to_json();

    // A batch: the text cut into lines, as a file of declarations is.
    let pieces: Vec<&str> = text.split('\n').collect();
    let items: Vec<GoodsItem> =
        pieces.iter().map(|p| GoodsItem::new(p)).collect();
    let many = s.screen_many(&items);
    let one: Vec<Screening> = items.iter().map(|i| s.screen_item(i)).collect();
    assert_eq!(many, one, "screen_many differs from one by one");
    for (p, r) in pieces.iter().zip(&many) {
        check_spans(p, "", r);
    }
});

/// Every evidence span of every hit, kept or cleared, lies on char
/// boundaries of its field and slices to the reported words; code-point
/// offsets agree with byte offsets.
fn check_spans(description: &str, cas: &str, r: &Screening) {
    let hits = r.hits().iter().chain(r.cleared().iter().map(|c| &c.hit));
    for h in hits {
        for e in h.evidence() {
            let field = match e.field {
                Field::Description => description,
                Field::Cas => cas,
            };
            assert!(e.byte_start <= e.byte_end, "{e:?}");
            assert!(field.is_char_boundary(e.byte_start), "{e:?}");
            assert!(field.is_char_boundary(e.byte_end), "{e:?}");
            assert_eq!(&field[e.byte_start..e.byte_end], e.matched, "{e:?}");
            let chars_before = field[..e.byte_start].chars().count();
            let chars_in = e.matched.chars().count();
            assert_eq!(
                (e.char_start, e.char_end),
                (chars_before, chars_before + chars_in),
                "{e:?}"
            );
        }
    }
}
