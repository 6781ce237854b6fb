//! Output: the per-document JSON, the warehouse tables and their atomic writes.

pub mod document;
pub mod json;
pub mod tables;

pub use document::{Document, DocumentInfo, SCHEMA_VERSION};

use std::fs::File;
use std::io::{BufWriter, Write};
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
    write_atomic_stream(path, sync, |w| w.write_all(bytes))
}

/// As [`write_atomic_with`], the contents written by `write` through a buffer (so a large
/// document is never held in memory as one string; the buffer's own type, so that the many small
/// writes of a serialiser are not calls through a trait object). On any error the temporary file is removed.
pub fn write_atomic_stream(
    path: &Path,
    sync: bool,
    write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = tables::temp_path(path);
    let written = (|| {
        let mut out = BufWriter::with_capacity(64 << 10, File::create(&tmp)?);
        write(&mut out)?;
        let f = out.into_inner().map_err(|e| e.into_error())?;
        if sync {
            f.sync_all()?;
        }
        Ok(())
    })();
    written.and_then(|()| std::fs::rename(&tmp, path)).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
