//! Output: the per-document JSON, the warehouse tables and their atomic writes.

pub mod document;
pub mod tables;

pub use document::{Document, DocumentInfo, SCHEMA_VERSION};

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed, then renamed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, bytes, true)
}

/// As [`write_atomic`]; `sync` chooses whether the data is forced to disk before the rename.
/// Without it a killed process still never leaves a partial file (the rename is atomic), but a
/// power cut may; the batch runner skips it for per-document JSON, which it re-reads and checks
/// whole before reusing, and keeps it for tables, manifest and success marker.
pub fn write_atomic_with(path: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = tables::temp_path(path);
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        if sync {
            f.sync_all()?;
        }
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
