//! Any bytes, read as lossy UTF-8, through the quantity reader: spans are
//! non-empty, in the text, on char boundaries and in text order; bounds
//! are finite numbers and low <= high.
#![no_main]

use dualuse::fuzzing::quantities;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let qs = quantities(&text);
    for &(start, end, low, high) in &qs {
        let q = (start, end, low, high);
        assert!(start < end && end <= text.len(), "{q:?}");
        assert!(text.is_char_boundary(start), "{q:?}");
        assert!(text.is_char_boundary(end), "{q:?}");
        for b in [low, high].into_iter().flatten() {
            assert!(b.is_finite(), "{q:?}");
        }
        if let (Some(l), Some(h)) = (low, high) {
            assert!(l <= h, "{q:?}");
        }
    }
    assert!(qs.windows(2).all(|w| (w[0].0, w[0].1) <= (w[1].0, w[1].1)));
});
