#![no_main]
//! agenda: never panic, keep the raw text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    if let Some(a) = grammars::agenda::parse_agenda_line(data) {
        assert_eq!(a.raw, data);
    }
    for d in grammars::agenda::find_decision_numbers(data) {
        assert!(data.contains(&d.raw));
    }
    if let Some((r, span)) = grammars::agenda::find_page_range(data) {
        assert_eq!(&data[span], r.raw);
    }
});
