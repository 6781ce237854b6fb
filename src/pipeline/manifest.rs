//! The run manifest and success marker of a run (or of one shard). Everything volatile (times,
//! thread count, memory, the paths as given) lives here and only here, so the documents and
//! tables stay byte-identical from run to run.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::shard::Shard;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShardInfo {
    pub index: u32,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TableCount {
    pub table: String,
    pub rows: u64,
}

/// How many files and documents a run (or a merge of shards) found and what became of them.
/// Written flat into the run's and the merge's manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentCounts {
    /// Files found (before grouping identical ones), across all shards (the same in every
    /// shard's manifest).
    pub files: usize,
    /// Unique documents (in this shard).
    pub documents: usize,
    /// Paths beyond the first of documents (identical copies).
    pub duplicate_paths: usize,
    pub processed: usize,
    /// Documents whose output was already current and was reused.
    pub unchanged: usize,
    pub failed: usize,
}

impl DocumentCounts {
    /// The counts of a whole run from its shards' counts: files as every shard found them, the
    /// rest summed.
    pub fn over_shards<'a>(shards: impl IntoIterator<Item = &'a DocumentCounts>) -> DocumentCounts {
        let mut out = DocumentCounts::default();
        for (k, c) in shards.into_iter().enumerate() {
            if k == 0 {
                out.files = c.files;
            }
            out.documents += c.documents;
            out.duplicate_paths += c.duplicate_paths;
            out.processed += c.processed;
            out.unchanged += c.unchanged;
            out.failed += c.failed;
        }
        out
    }
}

/// What a run did.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunManifest {
    pub tool_version: String,
    pub extractor_version: String,
    pub schema_version: String,
    /// `complete` or `aborted` (fail-fast).
    pub status: String,
    pub shard: ShardInfo,
    /// Input paths as given on the command line.
    pub inputs: Vec<String>,
    pub jobs: usize,
    pub force: bool,
    pub started_unix: u64,
    pub elapsed_seconds: f64,
    #[serde(flatten)]
    pub counts: DocumentCounts,
    /// Files and folders not processed as documents, with the reason: corpus metadata
    /// (`README.md`, `PROVENANCE.md`), FIFOs and devices, links back to a folder above,
    /// documents in which no meeting, agenda, minutes, report or table was found.
    pub skipped: Vec<super::discovery::Skipped>,
    /// Failed documents that ran out of their budget of time or memory (errors with `limit`
    /// `seconds` or `memory`).
    pub over_budget: usize,
    /// Processed documents with at least one warning (something skipped or not decoded).
    pub documents_with_warnings: usize,
    /// Warning lines over every processed document (one line per kind of loss per document).
    pub warnings: u64,
    pub pages: u64,
    pub findings: u64,
    pub documents_per_second: f64,
    pub pages_per_second: f64,
    /// Peak resident memory of the process (Linux), KiB.
    pub peak_rss_kib: Option<u64>,
    pub tables: Vec<TableCount>,
    /// How evenly the documents are spread over the shards (sharded runs only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance: Option<Balance>,
}

/// How evenly a sharded run's documents are spread over its shards.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Balance {
    /// `id` (the split by document id) or `shard-list` (a plan from `agendapack plan`).
    pub split: String,
    /// What `per_shard` counts: `bytes` for the split by id (discovery knows every file's size,
    /// not its pages), the plan's measure (`pages` or `bytes`) for a shard list.
    pub by: String,
    /// The total of each shard, all shards of the run (not only this one).
    pub per_shard: Vec<u64>,
    /// The largest shard over the mean (1.0 is perfectly even).
    pub max_over_mean: f64,
    /// Documents found that the shard list does not name (split by id instead; not counted).
    pub unplanned: usize,
}

/// `<out>/manifest<suffix>.json`.
pub fn manifest_path(out: &Path, shard: &Shard) -> PathBuf {
    out.join(format!("manifest{}.json", shard.suffix()))
}

/// `<out>/_SUCCESS<suffix>`, written last, only when the run completed.
pub fn success_path(out: &Path, shard: &Shard) -> PathBuf {
    out.join(format!("_SUCCESS{}", shard.suffix()))
}

/// Peak resident set size of this process in KiB (`VmHWM`), where the system reports it.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
