#![no_main]
//! Amounts: never panic, keep the raw text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let a = grammars::amount::parse(data);
    assert_eq!(a.raw, data);
    assert!(!(a.nil && a.value.is_some()));
    let _ = a.scaled_value();
});
