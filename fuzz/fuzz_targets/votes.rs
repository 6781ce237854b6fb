#![no_main]
//! votes: never panic, keep the raw text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    if let Some(h) = grammars::votes::parse_heading(data) {
        assert_eq!(h.raw, data.trim());
    }
    let l = grammars::votes::parse_names(data);
    assert_eq!(l.raw, data);
    let _ = grammars::votes::find_count_only(data);
    let _ = grammars::votes::parse_outcome(data);
    let _ = grammars::votes::find_outcome(data);
    let _ = grammars::votes::join_wrapped(data.lines());
});
