//! The pipeline: one document through every stage ([`process_bytes`]), and batches of documents
//! ([`batch::run`]): discovery, a rayon pool over documents, per-document isolation, incremental
//! reuse of current outputs, sharding, deterministic atomic writes, a run manifest and progress.

pub mod batch;
pub mod bench;
pub mod cache;
pub mod claim;
pub mod discovery;
pub mod isolation;
pub mod manifest;
pub mod merge;
pub mod plan;
pub mod progress;
pub mod shard;

pub use batch::{BatchError, BatchOptions, BatchReport};
pub use shard::{Assignment, Shard};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::error::{DocError, Stage};
use crate::ingest::{self, InputKind, pdf::Limits};
use crate::limits::budget;
use crate::output::document::{EXTRACTOR_VERSION, SourceCounts};
use crate::output::{Document, DocumentInfo, SCHEMA_VERSION};
use crate::tables::TableSettings;
use crate::{extract, segment, tables, validate};
use isolation::guard;

/// The SHA-256 of some bytes as lower-case hex.
pub fn document_id(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs every stage on one document's bytes. A panic inside a stage is caught and returned as
/// [`DocError::Panic`] naming that stage.
pub fn process_bytes(
    file_name: &str,
    kind: InputKind,
    bytes: &[u8],
    limits: &Limits,
    settings: &TableSettings,
) -> Result<Document, DocError> {
    process_bytes_timed(file_name, kind, bytes, limits, settings, &mut StageTimes::default())
}

/// Time spent in each stage of the pipeline, summed over the documents it was passed to.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StageTimes {
    /// The document id (SHA-256 of the bytes).
    pub id: Duration,
    pub ingest: Duration,
    pub segment: Duration,
    pub tables: Duration,
    pub extract: Duration,
    pub validate: Duration,
}

impl StageTimes {
    /// Every stage with its name, in pipeline order.
    pub fn named(&self) -> [(&'static str, Duration); 6] {
        [
            ("id", self.id),
            ("ingest", self.ingest),
            ("segment", self.segment),
            ("tables", self.tables),
            ("extract", self.extract),
            ("validate", self.validate),
        ]
    }

    /// Adds another run's times to these.
    pub fn add(&mut self, other: &StageTimes) {
        self.id += other.id;
        self.ingest += other.ingest;
        self.segment += other.segment;
        self.tables += other.tables;
        self.extract += other.extract;
        self.validate += other.validate;
    }
}

/// Runs `f` and adds the time it took to `slot`.
fn timed<T>(slot: &mut Duration, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let v = f();
    *slot += t.elapsed();
    v
}

/// [`process_bytes`], adding the time spent in each stage to `times`.
pub fn process_bytes_timed(
    file_name: &str,
    kind: InputKind,
    bytes: &[u8],
    limits: &Limits,
    settings: &TableSettings,
    times: &mut StageTimes,
) -> Result<Document, DocError> {
    process_input(file_name, kind, bytes, limits, settings, times)
}

/// [`process_bytes`] taking the bytes, which are freed as soon as they are read (the layout
/// does not borrow them), so a large file is not held twice through the later stages.
pub fn process_owned(
    file_name: &str,
    kind: InputKind,
    bytes: Vec<u8>,
    limits: &Limits,
    settings: &TableSettings,
) -> Result<Document, DocError> {
    process_input(file_name, kind, bytes, limits, settings, &mut StageTimes::default())
}

fn process_input(
    file_name: &str,
    kind: InputKind,
    bytes: impl AsRef<[u8]>,
    limits: &Limits,
    settings: &TableSettings,
    times: &mut StageTimes,
) -> Result<Document, DocError> {
    let size = bytes.as_ref().len() as u64;
    crate::alloc::release_free_memory();
    let _budget = budget::open(limits, size);
    // Each stage starts with a look at the budget, so one spent in a stage without checks of its
    // own still stops the document before the next.
    let id = timed(&mut times.id, || document_id(bytes.as_ref()));
    let layout = timed(&mut times.ingest, || {
        guard(Stage::Ingest, || {
            budget::check();
            ingest::read(kind, bytes.as_ref(), limits)
        })
    })??;
    drop(bytes);
    let pack = timed(&mut times.segment, || {
        guard(Stage::Segment, || {
            budget::check();
            segment::segment(&layout)
        })
    })?;
    let grids = timed(&mut times.tables, || {
        guard(Stage::Tables, || {
            budget::check();
            tables::grids_with(&layout, settings)
        })
    })?;
    let mut records = timed(&mut times.extract, || {
        guard(Stage::Extract, || {
            budget::check();
            extract::extract(&layout, &pack, &grids)
        })
    })?;
    records.set_document(&id);
    // The layout (every page's lines, rulings and fills) is not needed past extraction: only its
    // counts and warnings go into the document, so it is freed before validation and output.
    let kind = layout.source;
    let pages = layout.pages.len() as u32;
    let lines = layout.pages.iter().map(|p| p.lines.len() as u32).sum();
    let (unmapped_glyphs, total_glyphs) = (layout.unmapped_glyphs, layout.total_glyphs);
    let warnings = layout.warnings;
    drop(layout.pages);
    let findings = timed(&mut times.validate, || {
        guard(Stage::Validate, || {
            budget::check();
            validate::validate(&id, &pack, &records)
        })
    })?;
    Ok(Document {
        schema_version: SCHEMA_VERSION.to_string(),
        extractor_version: EXTRACTOR_VERSION.to_string(),
        table_settings: settings.fingerprint(),
        document: DocumentInfo {
            id,
            file_name: file_name.to_string(),
            paths: Vec::new(),
            kind,
            counts: SourceCounts { bytes: size, pages, lines, unmapped_glyphs, total_glyphs },
            warnings,
        },
        pack,
        tables: grids,
        records,
        findings,
    })
}

/// Reads and processes one file (a regular file only: see [`discovery::read_regular`]).
pub fn process_file(
    path: &Path,
    limits: &Limits,
    settings: &TableSettings,
) -> Result<Document, DocError> {
    let kind = InputKind::from_path(path)?;
    let bytes = discovery::read_regular(path)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    process_owned(&name, kind, bytes, limits, settings)
}

/// Files under the given paths (folders walked recursively, hidden entries and corpus metadata
/// such as `PROVENANCE.md` skipped), sorted. Files named directly are always returned so that an
/// unsupported one gets its own error. (Batch runs use [`discovery`], which also groups
/// identical files and reports what it skipped.)
pub fn discover(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p)?;
        if meta.is_dir() {
            let listing = discovery::find(std::slice::from_ref(p), &discovery::Filter::default());
            out.extend(listing.found.into_iter().map(|f| f.path));
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}
