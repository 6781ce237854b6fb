#![no_main]
//! rag: never panic, keep the raw text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let _ = grammars::rag::parse_rag(data);
    let _ = grammars::rag::parse_polarity(data);
    if let Some(d) = grammars::rag::parse_direction(data) {
        assert_eq!(d.raw, data.trim());
    }
    let _ = grammars::rag::parse_indicator_code(data);
});
