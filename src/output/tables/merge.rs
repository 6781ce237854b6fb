//! One table from the shards of a sharded run: each shard's JSON Lines hold their rows in
//! document-id order (a document's rows together, then the rows of files that could not even be
//! hashed), so a k-way merge on `document_id` gives the rows in the order a one-machine run
//! writes them, and the merged file is byte-identical to that run's. Streams: one line per shard
//! in memory.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::rows::ErrorRow;
use super::{Formats, TableError, io_err, temp_path};

#[derive(Deserialize)]
struct Key {
    document_id: Option<String>,
}

/// One shard's file, read a row at a time.
struct Source {
    path: PathBuf,
    lines: std::io::Lines<BufReader<File>>,
    line_no: usize,
    /// The last `document_id` taken from this file, to check the order.
    last: Option<String>,
}

impl Source {
    /// The next row with a document id; rows without one go to `tail`.
    fn next(&mut self, tail: &mut Vec<String>) -> Result<Option<(String, String)>, TableError> {
        for line in self.lines.by_ref() {
            self.line_no += 1;
            let line = line.map_err(io_err(&self.path))?;
            let key: Key = serde_json::from_str(&line).map_err(|e| TableError::Read {
                path: self.path.display().to_string(),
                message: format!("line {} is not a row: {e}", self.line_no),
            })?;
            let Some(id) = key.document_id else {
                tail.push(line);
                continue;
            };
            if self.last.as_ref().is_some_and(|last| *last > id) {
                return Err(TableError::Read {
                    path: self.path.display().to_string(),
                    message: format!("line {} is out of document-id order", self.line_no),
                });
            }
            self.last = Some(id.clone());
            return Ok(Some((id, line)));
        }
        Ok(None)
    }
}

/// Merges the JSON Lines of one table's shards into `<dir>/<table>.jsonl` and, when asked,
/// `<dir>/<table>.parquet`, each written under a temporary name and renamed when complete.
/// Returns the number of rows.
pub fn merge(
    table: &str,
    shards: &[PathBuf],
    dir: &Path,
    formats: Formats,
) -> Result<u64, TableError> {
    let jsonl = dir.join(format!("{table}.jsonl"));
    let tmp = temp_path(&jsonl);
    let result = (|| {
        let rows = write_merged(shards, &tmp)?;
        #[cfg(feature = "parquet")]
        if formats.parquet {
            super::jsonl_to_parquet(table, &tmp, &dir.join(format!("{table}.parquet")))?;
        }
        if formats.jsonl {
            std::fs::rename(&tmp, &jsonl).map_err(io_err(&jsonl))?;
        } else {
            std::fs::remove_file(&tmp).map_err(io_err(&tmp))?;
        }
        Ok(rows)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn write_merged(shards: &[PathBuf], tmp: &Path) -> Result<u64, TableError> {
    let mut sources = Vec::with_capacity(shards.len());
    for path in shards {
        let f = File::open(path).map_err(io_err(path))?;
        sources.push(Source {
            path: path.clone(),
            lines: BufReader::with_capacity(64 << 10, f).lines(),
            line_no: 0,
            last: None,
        });
    }
    let mut out = BufWriter::with_capacity(64 << 10, File::create(tmp).map_err(io_err(tmp))?);
    let mut tail = Vec::new();
    let mut heads = BinaryHeap::new();
    for (i, s) in sources.iter_mut().enumerate() {
        if let Some((id, line)) = s.next(&mut tail)? {
            heads.push(Reverse((id, i, line)));
        }
    }
    let mut rows = 0u64;
    let mut put = |out: &mut BufWriter<File>, line: &str| {
        rows += 1;
        out.write_all(line.as_bytes()).and_then(|()| out.write_all(b"\n")).map_err(io_err(tmp))
    };
    while let Some(Reverse((_, i, line))) = heads.pop() {
        put(&mut out, &line)?;
        if let Some((id, line)) = sources[i].next(&mut tail)? {
            heads.push(Reverse((id, i, line)));
        }
    }
    // Rows of files that could not be hashed (only the errors table has them) close a run's
    // table, sorted as a one-machine run sorts them.
    tail.sort_by_cached_key(|l| serde_json::from_str::<ErrorRow>(l).ok());
    for line in &tail {
        put(&mut out, line)?;
    }
    let f = out
        .into_inner()
        .map_err(|e| TableError::Io { path: tmp.display().to_string(), source: e.into_error() })?;
    f.sync_all().map_err(io_err(tmp))?;
    Ok(rows)
}
