#![no_main]
//! The content-stream interpreter: fuzzed page content (and Form XObject content) inside a
//! valid PDF with a simple TrueType font, a Type0 Identity-H font and a ToUnicode CMap.

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
    // The first byte picks where the fuzzed bytes go: page content, form content, or both.
    let (sel, rest) = data.split_first().map(|(s, r)| (*s, r)).unwrap_or((0, data));
    let pdf = match sel % 3 {
        0 => template::pdf(rest, template::CMAP, template::FORM),
        1 => template::pdf(template::CONTENT, template::CMAP, rest),
        _ => template::pdf(rest, template::CMAP, rest),
    };
    let _ = read(&pdf, &limits);
});
