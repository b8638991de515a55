//! Any bytes, read as lossy UTF-8, as a list file: loading returns Ok or
//! a `ListError`, never panics; lists that load build a screener, which
//! screens without panicking.
#![no_main]

use dualuse::{ControlLists, Screener};
use libfuzzer_sys::fuzz_target;

const TEXTS: &[&str] = &[
    "Thiodiglycol 99% 200L drums, CAS 111-48-8, TDG",
    "frequency changer 600-2000 Hz, 5 kW; 硫二甘醇 桶装",
    "ladies cotton T-shirts",
];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(lists) = ControlLists::from_texts([("fuzz.toml", &*text)]) else {
        return;
    };
    let _ = lists.hash();
    let _ = lists.version();
    let s = Screener::new(lists).expect("lists that load must build");
    for t in TEXTS {
        let _ = s.screen(t).to_json();
    }
    // The list text itself names every term of the list.
    let _ = s.screen(&text);
});
