//! Incremental runs: a document whose JSON for the same (content hash, extractor version, schema
//! version, table settings) is already in the output folder is not processed again.

use std::path::{Path, PathBuf};

use crate::output::document::EXTRACTOR_VERSION;
use crate::output::{Document, SCHEMA_VERSION};
use crate::tables::TableSettings;

/// Where a document's JSON lives: `<out>/<document-id>.json`.
pub fn document_path(out: &Path, id: &str) -> PathBuf {
    out.join(format!("{id}.json"))
}

/// The stored document with this id, if it exists, reads back whole, and was made by this
/// extractor version with this schema version and these table settings (see
/// [`TableSettings::fingerprint`]). Anything else (absent, damaged, older, other settings) is
/// `None` and the document is processed again.
pub fn load(out: &Path, id: &str, settings: &TableSettings) -> Option<Document> {
    let bytes = std::fs::read(document_path(out, id)).ok()?;
    let doc: Document = serde_json::from_slice(&bytes).ok()?;
    let current = doc.document.id == id
        && doc.extractor_version == EXTRACTOR_VERSION
        && doc.schema_version == SCHEMA_VERSION
        && doc.table_settings == settings.fingerprint();
    current.then_some(doc)
}
