#![no_main]
//! stamps: never panic; what is kept is a range of the input.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let n = data.chars().count();
    for f in [
        grammars::stamps::whole(data),
        grammars::stamps::in_line(data),
        grammars::stamps::in_cell(data),
    ]
    .into_iter()
    .flatten()
    {
        assert!(f.keep.0 <= f.keep.1 && f.keep.1 <= n);
    }
});
