#![no_main]
//! Whole PDF files: cross-references, objects, streams, fonts and content, through the reader (agendapack-pdf).

use agendapack_pdf::{Limits, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_stream_bytes: 8 << 20,
        max_ops_per_page: 200_000,
        max_form_depth: 8,
        ..Limits::default()
    };
    let _ = read(data, &limits);
});
