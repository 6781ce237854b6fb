//! `agendapack merge OUT`: the shards of a sharded run read as one warehouse. Every shard must
//! have completed (its `_SUCCESS.shard-…` marker); each table's shard files are merged in
//! document-id order into `tables/<table>.jsonl` and `.parquet`, byte-identical to the tables
//! of a one-machine run over the same files, and a `manifest.json` sums the shards' manifests
//! and says how evenly their pages were spread. `_SUCCESS` is written last.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::manifest::{self, Balance, DocumentCounts, RunManifest, TableCount};
use super::plan::max_over_mean;
use super::shard::Shard;
use crate::output::document::EXTRACTOR_VERSION;
use crate::output::tables::{self, Formats, TableError};
use crate::output::{SCHEMA_VERSION, write_atomic};

/// What to merge.
#[derive(Debug, Clone)]
pub struct MergeOptions {
    /// The output folder the shards wrote to; the merged tables go to its `tables/`.
    pub out: PathBuf,
    /// The number of shards; found from the folder when it holds shards of one split only.
    pub shards: Option<u32>,
    pub formats: Formats,
}

/// Why a merge could not be done.
#[derive(Debug, Error)]
pub enum MergeError {
    /// Nothing to merge, or shards of several splits without `--shards`.
    #[error("{0}")]
    Usage(String),
    /// Some shard has not completed, or its files are missing or from another version.
    #[error("{0}")]
    Incomplete(String),
    #[error(transparent)]
    Tables(#[from] TableError),
    #[error("cannot write {path}: {source}")]
    Io { path: String, source: std::io::Error },
}

impl MergeError {
    /// The process exit code: 2 for usage, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            MergeError::Usage(_) => 2,
            _ => 1,
        }
    }
}

/// One shard as its manifest tells it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShardSummary {
    pub index: u32,
    pub documents: usize,
    pub pages: u64,
    pub processed: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub elapsed_seconds: f64,
    pub peak_rss_kib: Option<u64>,
}

/// The manifest of a merged run (`manifest.json`): the shards' manifests summed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MergeManifest {
    pub tool_version: String,
    pub extractor_version: String,
    pub schema_version: String,
    /// `complete`.
    pub status: String,
    /// Number of shards merged.
    pub merged_shards: u32,
    #[serde(flatten)]
    pub counts: DocumentCounts,
    pub pages: u64,
    pub findings: u64,
    /// Pages per shard as processed: the largest over the mean (1.0 is perfectly even).
    pub pages_max_over_mean: f64,
    /// The balance the shards were planned with (see the shard manifests).
    pub balance: Option<Balance>,
    pub shards: Vec<ShardSummary>,
    /// Seconds the merge took.
    pub elapsed_seconds: f64,
    pub tables: Vec<TableCount>,
}

/// The shard counts of every shard marker and manifest in `out`.
fn shard_counts(out: &Path) -> Result<BTreeSet<u32>, MergeError> {
    let entries = std::fs::read_dir(out)
        .map_err(|e| MergeError::Usage(format!("cannot read {}: {e}", out.display())))?;
    let mut counts = BTreeSet::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let shard = Shard::from_file_name(&name, "_SUCCESS", "")
            .or_else(|| Shard::from_file_name(&name, "manifest", ".json"));
        if let Some(s) = shard {
            counts.insert(s.count);
        }
    }
    Ok(counts)
}

fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Merges the shards of the run in `opts.out`.
pub fn run(opts: &MergeOptions) -> Result<MergeManifest, MergeError> {
    let started = Instant::now();
    let out = &opts.out;
    let count = match opts.shards {
        Some(n) => n,
        None => {
            let counts = shard_counts(out)?;
            match counts.len() {
                0 => {
                    return Err(MergeError::Usage(format!(
                        "{} holds no shard of a sharded run (no _SUCCESS.shard-… or \
                         manifest.shard-…)",
                        out.display()
                    )));
                }
                1 => counts.into_iter().next().unwrap_or(1),
                _ => {
                    let c: Vec<String> = counts.iter().map(u32::to_string).collect();
                    return Err(MergeError::Usage(format!(
                        "{} holds shards of splits into {} shards: pass --shards N",
                        out.display(),
                        list(&c)
                    )));
                }
            }
        }
    };
    if count < 2 {
        return Err(MergeError::Usage("a sharded run has at least 2 shards".into()));
    }
    let shards: Vec<Shard> = (0..count).map(|index| Shard { index, count }).collect();

    let missing: Vec<String> = shards
        .iter()
        .filter(|s| !manifest::success_path(out, s).is_file())
        .map(|s| s.index.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(MergeError::Incomplete(format!(
            "shard{} {} of {count} ha{} not completed (no _SUCCESS.shard-…-of-{count:04} in {}); \
             run {} again, then merge",
            if missing.len() == 1 { "" } else { "s" },
            list(&missing),
            if missing.len() == 1 { "s" } else { "ve" },
            out.display(),
            if missing.len() == 1 { "it" } else { "them" },
        )));
    }
    let mut manifests = Vec::with_capacity(shards.len());
    for s in &shards {
        let path = manifest::manifest_path(out, s);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| MergeError::Incomplete(format!("cannot read {}: {e}", path.display())))?;
        let m: RunManifest = serde_json::from_str(&text).map_err(|e| {
            MergeError::Incomplete(format!("{} is not a run manifest: {e}", path.display()))
        })?;
        if m.extractor_version != EXTRACTOR_VERSION || m.schema_version != SCHEMA_VERSION {
            return Err(MergeError::Incomplete(format!(
                "shard {} was written by extractor {} (schema {}), not {EXTRACTOR_VERSION} \
                 (schema {SCHEMA_VERSION}); run it again with this version",
                s.index, m.extractor_version, m.schema_version
            )));
        }
        if m.status != "complete" {
            return Err(MergeError::Incomplete(format!(
                "shard {} did not complete (status {})",
                s.index, m.status
            )));
        }
        manifests.push(m);
    }

    let success = manifest::success_path(out, &Shard::ALL);
    let io = |path: &Path| {
        let p = path.display().to_string();
        move |source| MergeError::Io { path: p, source }
    };
    match std::fs::remove_file(&success) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&success)(e)),
        _ => {}
    }
    let dir = out.join("tables");
    let mut counts = Vec::new();
    for table in tables::TABLE_NAMES {
        let files: Vec<PathBuf> =
            shards.iter().map(|s| dir.join(format!("{table}{}.jsonl", s.suffix()))).collect();
        if let Some(absent) = files.iter().find(|f| !f.is_file()) {
            return Err(MergeError::Incomplete(format!(
                "{} is missing: merge reads each shard's JSON Lines tables (written unless \
                 extract was given --no-tables)",
                absent.display()
            )));
        }
        let rows = tables::merge::merge(table, &files, &dir, opts.formats)?;
        counts.push(TableCount { table: table.to_string(), rows });
    }

    let pages: Vec<u64> = manifests.iter().map(|m| m.pages).collect();
    let merged = MergeManifest {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        extractor_version: EXTRACTOR_VERSION.to_string(),
        schema_version: SCHEMA_VERSION.to_string(),
        status: "complete".to_string(),
        merged_shards: count,
        counts: DocumentCounts::over_shards(manifests.iter().map(|m| &m.counts)),
        pages: pages.iter().sum(),
        findings: manifests.iter().map(|m| m.findings).sum(),
        pages_max_over_mean: max_over_mean(&pages),
        balance: manifests.first().and_then(|m| m.balance.clone()),
        shards: manifests
            .iter()
            .map(|m| ShardSummary {
                index: m.shard.index,
                documents: m.counts.documents,
                pages: m.pages,
                processed: m.counts.processed,
                unchanged: m.counts.unchanged,
                failed: m.counts.failed,
                elapsed_seconds: m.elapsed_seconds,
                peak_rss_kib: m.peak_rss_kib,
            })
            .collect(),
        elapsed_seconds: started.elapsed().as_secs_f64(),
        tables: counts,
    };
    let path = manifest::manifest_path(out, &Shard::ALL);
    let json = serde_json::to_vec_pretty(&merged)
        .map_err(|e| MergeError::Io { path: path.display().to_string(), source: e.into() })?;
    write_atomic(&path, &json).map_err(io(&path))?;
    write_atomic(&success, b"complete\n").map_err(io(&success))?;
    Ok(merged)
}
