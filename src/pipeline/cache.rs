//! Incremental runs: a document whose JSON for the same (content hash, extractor version) is
//! already in the output folder is not processed again.

use std::path::{Path, PathBuf};

use crate::output::document::EXTRACTOR_VERSION;
use crate::output::{Document, SCHEMA_VERSION};

/// Where a document's JSON lives: `<out>/<document-id>.json`.
pub fn document_path(out: &Path, id: &str) -> PathBuf {
    out.join(format!("{id}.json"))
}

/// The stored document with this id, if it exists, reads back whole, and was made by this
/// extractor version with this schema version. Anything else (absent, damaged, older) is `None`
/// and the document is processed again.
pub fn load(out: &Path, id: &str) -> Option<Document> {
    let bytes = std::fs::read(document_path(out, id)).ok()?;
    let doc: Document = serde_json::from_slice(&bytes).ok()?;
    let current = doc.document.id == id
        && doc.extractor_version == EXTRACTOR_VERSION
        && doc.schema_version == SCHEMA_VERSION;
    current.then_some(doc)
}
