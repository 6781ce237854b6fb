#![no_main]
//! Units: never panic, keep the raw text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    if let Some(u) = grammars::units::parse(data) {
        assert_eq!(u.raw, data.trim());
    }
    if let Some(u) = grammars::units::find(data) {
        assert!(data.contains(&u.raw));
    }
});
