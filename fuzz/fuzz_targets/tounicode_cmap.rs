#![no_main]
//! Font decoding: a fuzzed ToUnicode CMap used by a simple font and by a Type0 Identity-H font
//! whose text is shown by a fixed content stream.

#[path = "template.rs"]
mod template;

use agendapack_pdf::{Limits, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_stream_bytes: 8 << 20,
        max_ops_per_page: 200_000,
        max_form_depth: 8,
        ..Limits::default()
    };
    let pdf = template::pdf(template::CONTENT, data, template::FORM);
    let _ = read(&pdf, &limits);
});
