//! The per-document JSON: `<document-id>.json`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Finding, Grid, Pack, Records, SourceKind};

/// Version of the per-document JSON schema. Bumped on any incompatible change.
pub const SCHEMA_VERSION: &str = "1.0.0";

/// Version of the extractor, part of the incremental-run cache key.
pub const EXTRACTOR_VERSION: &str = env!("CARGO_PKG_VERSION");

/// One processed document.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    pub schema_version: String,
    pub extractor_version: String,
    /// When the table finder ran with other than the default settings (`--table-settings`): a
    /// SHA-256 of the settings used, part of the incremental-run cache key. Absent for the
    /// defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_settings: Option<String>,
    pub document: DocumentInfo,
    pub pack: Pack,
    /// Every table grid found, in reading order; records refer to them by id.
    pub tables: Vec<Grid>,
    pub records: Records,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct DocumentInfo {
    /// SHA-256 of the file's bytes, lower-case hex.
    pub id: String,
    /// The file's name (no folders, so output does not depend on where the corpus lives).
    pub file_name: String,
    /// Every path the same bytes were found at in a batch run, relative to the input folder
    /// given, sorted (identical files are processed once). Empty outside a batch run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    pub kind: SourceKind,
    #[serde(flatten)]
    pub counts: SourceCounts,
    pub warnings: Vec<String>,
}

// How large a source is and how much of it was read: written flat into the per-document JSON
// and the warehouse's `documents` table alike. (A plain comment: a doc comment would become the
// description of the schema of `DocumentInfo`, which flattens it.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SourceCounts {
    pub bytes: u64,
    pub pages: u32,
    pub lines: u32,
    /// Glyphs that could not be mapped to Unicode.
    pub unmapped_glyphs: u64,
    pub total_glyphs: u64,
}
