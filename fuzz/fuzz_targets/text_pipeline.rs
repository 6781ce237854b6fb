#![no_main]
//! Text renderings through every stage: ingest, segmentation, tables, extraction, validation.
//! The pipeline turns a panic in a stage into `DocError::Panic`; here that is a crash.

use agendapack::DocError;
use agendapack::ingest::{InputKind, pdf::Limits};
use agendapack::pipeline;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let r = pipeline::process_bytes(
        "fuzz.txt",
        InputKind::Text,
        data,
        &Limits::default(),
        &Default::default(),
    );
    if let Err(DocError::Panic { stage, message }) = r {
        panic!("panic in stage {stage}: {message}");
    }
});
