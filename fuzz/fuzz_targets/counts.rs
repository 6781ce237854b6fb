#![no_main]
//! counts: never panic; every count read is a number printed in the sentence.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    for c in grammars::counts::find_counts(data) {
        assert_eq!(grammars::counts::number(&c.raw), Some(c.value));
    }
    let _ = grammars::counts::number(data);
});
