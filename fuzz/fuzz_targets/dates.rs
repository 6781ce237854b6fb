#![no_main]
//! dates: never panic, keep the raw text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    if let Some(d) = grammars::dates::parse_written_date(data) {
        assert_eq!(d.raw, data.trim());
    }
    if let Some(d) = grammars::dates::find_written_date(data) {
        assert!(data.contains(&d.raw));
    }
    if let Some(t) = grammars::dates::find_time(data) {
        assert!(data.contains(&t.raw));
    }
});
