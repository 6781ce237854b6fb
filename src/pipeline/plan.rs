//! Balanced shards: `agendapack plan` weighs every document (its pages, or its bytes) and deals
//! the documents to N shards so that each gets about the same weight; `extract --shard-list`
//! then takes the documents the list gives its shard. The split by document id
//! ([`super::Shard::owns`]) stays the zero-setup default: it is balanced only in the limit, and
//! on a small or skewed archive one shard can get the largest packs.
//!
//! The list names documents by id (the SHA-256 of the file), so it holds wherever the files are
//! mounted; a document the list does not name (a file added after planning) falls back to the
//! split by id, so every document still lands in exactly one shard.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::discovery::{self, Input};
use super::isolation::guard;
use super::shard::Shard;
use crate::error::Stage;
use crate::ingest::{InputKind, pdf};

/// The `format` of a shard list written by this version.
pub const FORMAT: &str = "agendapack-shard-list/1";

/// Bytes of a text rendering counted as one page when planning by pages. The four text packs
/// of the shared corpus print at 2,954 to 3,449 bytes per page (their LibreOffice and Chromium
/// renderings run to 90-301 pages), so a text pack weighs what its printed pages would.
pub const TEXT_BYTES_PER_PAGE: u64 = 3_300;

/// What a plan balances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Pages: a PDF's page count, a text file's bytes over [`TEXT_BYTES_PER_PAGE`].
    Pages,
    /// File size.
    Bytes,
}

impl std::str::FromStr for Measure {
    type Err = String;

    fn from_str(s: &str) -> Result<Measure, String> {
        match s {
            "pages" => Ok(Measure::Pages),
            "bytes" => Ok(Measure::Bytes),
            _ => Err(format!("{s:?} is not a measure (pages or bytes)")),
        }
    }
}

impl std::fmt::Display for Measure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Measure::Pages => "pages",
            Measure::Bytes => "bytes",
        })
    }
}

/// One document of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedDocument {
    /// SHA-256 of the file.
    pub id: String,
    /// 0-based.
    pub shard: u32,
    /// The first path it was found at, relative to the input folder (for people; matching is by
    /// id).
    pub path: String,
    pub bytes: u64,
    /// Pages as planned: a PDF's declared page count, a text file's estimate; `None` for a PDF
    /// whose page tree could not be read (it weighs one page).
    pub pages: Option<u32>,
    /// What the plan balanced: pages (at least 1) or bytes.
    pub weight: u64,
}

/// What one shard of a plan holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardLoad {
    pub shard: u32,
    pub documents: u64,
    /// Pages as planned (see [`PlannedDocument::pages`]).
    pub pages: u64,
    pub bytes: u64,
}

/// A shard list: which shard each document goes to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardList {
    /// [`FORMAT`].
    pub format: String,
    /// Number of shards.
    pub shards: u32,
    /// What was balanced.
    pub by: Measure,
    /// The heaviest shard over the mean, by `by` (1.0 is perfectly even).
    pub max_over_mean: f64,
    /// The same figure for the split by document id on these documents, for comparison.
    pub hash_split_max_over_mean: f64,
    pub loads: Vec<ShardLoad>,
    /// Sorted by id.
    pub documents: Vec<PlannedDocument>,
}

/// The weight of each document and the pages it was counted at.
fn weigh(input: &Input, by: Measure) -> (Option<u32>, u64) {
    let pages = match input.kind {
        InputKind::Text => {
            let p = input.bytes.div_ceil(TEXT_BYTES_PER_PAGE).max(1);
            Some(u32::try_from(p).unwrap_or(u32::MAX))
        }
        InputKind::Pdf => std::fs::read(&input.path)
            .ok()
            .and_then(|bytes| guard(Stage::Ingest, || pdf::page_count(&bytes)).ok().flatten()),
    };
    let weight = match by {
        Measure::Pages => u64::from(pages.unwrap_or(1).max(1)),
        Measure::Bytes => input.bytes,
    };
    (pages, weight)
}

/// The heaviest of `loads` over their mean (1.0 when all are empty).
pub fn max_over_mean(loads: &[u64]) -> f64 {
    let total: u64 = loads.iter().sum();
    if total == 0 || loads.is_empty() {
        return 1.0;
    }
    let max = loads.iter().copied().max().unwrap_or(0) as f64;
    max / (total as f64 / loads.len() as f64)
}

/// Deals weighted documents to `shards` shards: heaviest first, each to the lightest shard so
/// far (the lowest index on a tie). Returns each document's shard, in the order given. The
/// heaviest shard is within 4/3 of the best possible split, and within one document's weight of
/// the mean.
pub fn deal(weights: &[(&str, u64)], shards: u32) -> Vec<u32> {
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| weights[b].1.cmp(&weights[a].1).then(weights[a].0.cmp(weights[b].0)));
    let mut heap: BinaryHeap<Reverse<(u64, u32)>> = (0..shards).map(|s| Reverse((0, s))).collect();
    let mut out = vec![0; weights.len()];
    for i in order {
        let Some(Reverse((load, s))) = heap.pop() else { break };
        out[i] = s;
        heap.push(Reverse((load + weights[i].1, s)));
    }
    out
}

/// Plans `shards` shards over the documents under `inputs`. Runs on the current rayon pool.
pub fn plan(inputs: &[PathBuf], shards: u32, by: Measure) -> Result<ShardList, String> {
    Shard::new(0, shards)?;
    let (found, errors) = discovery::find(inputs)?;
    let found = discovery::group(found, errors);
    let weighed: Vec<(Option<u32>, u64)> = found.inputs.par_iter().map(|i| weigh(i, by)).collect();
    let keyed: Vec<(&str, u64)> =
        found.inputs.iter().zip(&weighed).map(|(i, w)| (i.id.as_str(), w.1)).collect();
    let assigned = deal(&keyed, shards);
    let documents: Vec<PlannedDocument> = found
        .inputs
        .iter()
        .zip(weighed)
        .zip(assigned)
        .map(|((input, (pages, weight)), shard)| PlannedDocument {
            id: input.id.clone(),
            shard,
            path: input.paths.first().cloned().unwrap_or_default(),
            bytes: input.bytes,
            pages,
            weight,
        })
        .collect();
    let mut loads: Vec<ShardLoad> =
        (0..shards).map(|shard| ShardLoad { shard, documents: 0, pages: 0, bytes: 0 }).collect();
    let mut planned = vec![0u64; shards as usize];
    let mut hashed = vec![0u64; shards as usize];
    for d in &documents {
        let l = &mut loads[d.shard as usize];
        l.documents += 1;
        l.pages += u64::from(d.pages.unwrap_or(1));
        l.bytes += d.bytes;
        planned[d.shard as usize] += d.weight;
        hashed[Shard::index_for(&d.id, shards) as usize] += d.weight;
    }
    Ok(ShardList {
        format: FORMAT.to_string(),
        shards,
        by,
        max_over_mean: max_over_mean(&planned),
        hash_split_max_over_mean: max_over_mean(&hashed),
        loads,
        documents,
    })
}

impl ShardList {
    /// Reads and checks a shard list.
    pub fn read(path: &Path) -> Result<ShardList, String> {
        let bytes = std::fs::read(path)
            .map_err(|e| format!("cannot read shard list {}: {e}", path.display()))?;
        let list: ShardList = serde_json::from_slice(&bytes)
            .map_err(|e| format!("{} is not a shard list: {e}", path.display()))?;
        if list.format != FORMAT {
            return Err(format!(
                "{} is a shard list of format {:?}; this version reads {FORMAT:?}",
                path.display(),
                list.format
            ));
        }
        Shard::new(0, list.shards).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut seen = HashMap::new();
        for d in &list.documents {
            if d.shard >= list.shards {
                return Err(format!(
                    "{}: document {} is given shard {}, out of range 0..{}",
                    path.display(),
                    d.id,
                    d.shard,
                    list.shards
                ));
            }
            if seen.insert(d.id.as_str(), d.shard).is_some() {
                return Err(format!("{}: document {} is listed twice", path.display(), d.id));
            }
        }
        Ok(list)
    }

    /// The shard each listed document goes to.
    pub fn assignments(&self) -> HashMap<String, u32> {
        self.documents.iter().map(|d| (d.id.clone(), d.shard)).collect()
    }

    /// Each listed document's weight.
    pub fn weights(&self) -> HashMap<&str, u64> {
        self.documents.iter().map(|d| (d.id.as_str(), d.weight)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dealing_puts_the_heaviest_first_on_the_lightest_shard() {
        let w = [("a", 10), ("b", 9), ("c", 8), ("d", 3), ("e", 3), ("f", 2)];
        // 10 -> 0, 9 -> 1, 8 -> 2; then d (3) joins 8, e (3) joins 9 and f (2) joins 10.
        assert_eq!(deal(&w, 3), vec![0, 1, 2, 2, 1, 0]);
        assert_eq!(deal(&w, 1), vec![0; 6]);
        // Equal weights go to the lowest shard first, in id order.
        assert_eq!(deal(&[("y", 1), ("x", 1), ("z", 1)], 2), vec![1, 0, 0]);
    }

    #[test]
    fn the_ratio_is_the_heaviest_shard_over_the_mean() {
        assert_eq!(max_over_mean(&[81, 48, 99, 0]), 99.0 / 57.0);
        assert_eq!(max_over_mean(&[5, 5]), 1.0);
        assert_eq!(max_over_mean(&[0, 0]), 1.0);
    }
}
