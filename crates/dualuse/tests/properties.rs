//! Properties that must hold for any input: spans fall on character
//! boundaries and point at the words reported, batches equal one-by-one
//! screening, results are deterministic, nothing panics.

use dualuse::{ControlLists, GoodsItem, Screener};
use proptest::prelude::*;

const LIST: &str = r#"
[list]
name = "properties"
source = "test"
version = "1"
date = "2024-01-01"

[[entry]]
id = "T.1"
regimes = ["AG"]
title = "Thiodiglycol"
cas = ["111-48-8"]
terms.en = ["thiodiglycol", "sulphur mustard"]
terms.zh = ["硫二甘醇"]
terms.ru = ["тиодигликоль"]

[[entry]]
id = "T.2"
regimes = ["CWC"]
title = "Sarin"
terms.en = ["sarin", { text = "GB", case_sensitive = true, context = ["sarin", "nerve"] }]
clear = ["tsarina"]
"#;

fn screener() -> Screener {
    Screener::new(ControlLists::from_texts([("p.toml", LIST)]).unwrap())
        .unwrap()
}

/// Text built from pieces likely to interact: terms, disguises, digits,
/// CJK, combining marks, invisible characters, emoji.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("thiodiglycol".to_string()),
        Just("THIO-DI-GLYCOL".to_string()),
        Just("s a r i n".to_string()),
        Just("ph0sgene".to_string()),
        Just("硫二甘醇".to_string()),
        Just("тиодигликоль".to_string()),
        Just("111-48-8".to_string()),
        Just("GB".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{301}".to_string()),
        Just("😀".to_string()),
        Just("ＴＨＩＯ".to_string()),
        Just("İ".to_string()),
        Just("ß".to_string()),
        "[ -~]{0,6}",
        "\\PC{0,4}",
    ];
    prop::collection::vec(piece, 0..10).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn spans_point_at_the_matched_words(t in text()) {
        let r = screener().screen(&t);
        for h in r.hits().iter().chain(r.cleared().iter().map(|c| &c.hit)) {
            for e in h.evidence() {
                prop_assert!(t.is_char_boundary(e.byte_start));
                prop_assert!(t.is_char_boundary(e.byte_end));
                prop_assert_eq!(&t[e.byte_start..e.byte_end], e.matched.as_str());
                let by_chars: String = t
                    .chars()
                    .skip(e.char_start)
                    .take(e.char_end - e.char_start)
                    .collect();
                prop_assert_eq!(by_chars, e.matched.clone());
            }
        }
    }

    #[test]
    fn batches_equal_one_by_one(texts in prop::collection::vec(text(), 0..12)) {
        let s = screener();
        let items: Vec<GoodsItem> =
            texts.iter().map(|t| GoodsItem::new(t)).collect();
        let one: Vec<_> = texts.iter().map(|t| s.screen(t)).collect();
        prop_assert_eq!(s.screen_many(&items), one);
    }

    #[test]
    fn deterministic(t in text()) {
        let s = screener();
        prop_assert_eq!(s.screen(&t).to_json(), s.screen(&t).to_json());
    }

    #[test]
    fn any_string_screens(t in "\\PC*", hs in "\\PC{0,12}") {
        let item = GoodsItem::new(&t).hs_code(&hs).cas(&t);
        let _ = screener().screen_item(&item);
    }
}

/// A 10 MB description screens completely (time is measured in
/// `benches/`, not here): every planted term is found at its place.
#[test]
fn ten_megabytes_screen_completely() {
    let chunk = "ordinary cotton goods, ящики, 箱子 ";
    let mut t = String::new();
    let mut planted = 0;
    while t.len() < 10_000_000 {
        t.push_str(chunk);
        if t.len() % 1_000_000 < chunk.len() {
            t.push_str("thiodiglycol ");
            planted += 1;
        }
    }
    let r = screener().screen(&t);
    assert_eq!(r.hits().len(), 1);
    let found = r.hits()[0]
        .evidence()
        .iter()
        .filter(|e| e.matched == "thiodiglycol")
        .count();
    assert_eq!(found, planted);
}
