#![no_main]
//! dates: never panic, keep the raw text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    if let Some(d) = grammars::dates::parse_date(data) {
        assert_eq!(d.raw, data.trim());
    }
    for d in grammars::dates::find_all_dates(data) {
        assert!(data.contains(&d.raw));
    }
    if let Some(t) = grammars::dates::find_time(data) {
        assert!(data.contains(&t.raw));
    }
    let _ = grammars::dates::parse_time(data);
});
