//! Discovery: the files under the input paths, hashed and grouped so identical files are one
//! document listing all their paths.
//!
//! The walk cannot hang: only regular files are ever opened (a FIFO, socket or device is
//! reported as skipped, and every open is non-blocking and checked again), and each folder is
//! visited once, by device and inode, so symbolic links back to a folder above (`self -> .`,
//! `up -> ..`) or to a folder seen already are reported instead of walked again. A path that
//! does not exist is an error row of its own; the other inputs are processed.

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use crate::error::{DocError, Stage};
use crate::ingest::InputKind;
use crate::output::tables::rows::ErrorRow;

/// A file found under an input path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FoundFile {
    /// The path relative to the input path it was found under (`/`-separated); the file name
    /// for a file named directly. Outputs use only this, never the absolute path.
    pub rel: String,
    pub path: PathBuf,
}

/// Something under the inputs that is not processed as a document, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Skipped {
    /// Relative to the input path, as for documents.
    pub path: String,
    pub reason: String,
}

/// One unique document: identical files grouped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// SHA-256 of the bytes.
    pub id: String,
    pub kind: InputKind,
    /// Where to read it (the first of `paths`).
    pub path: PathBuf,
    /// Every relative path with these bytes, sorted.
    pub paths: Vec<String>,
    pub bytes: u64,
}

impl Input {
    /// The file name of the first path.
    pub fn file_name(&self) -> String {
        let first = self.paths.first().map(String::as_str).unwrap_or("");
        first.rsplit('/').next().unwrap_or(first).to_string()
    }
}

/// What discovery found: unique documents sorted by id, per-file errors and skipped entries.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: usize,
    pub inputs: Vec<Input>,
    pub errors: Vec<ErrorRow>,
    pub skipped: Vec<Skipped>,
}

/// What [`find`] lists: candidate files, errors (a missing path, an unreadable folder, a file
/// named directly with an unknown extension) and skipped entries, each sorted.
#[derive(Debug, Default)]
pub struct Listing {
    pub found: Vec<FoundFile>,
    pub errors: Vec<ErrorRow>,
    pub skipped: Vec<Skipped>,
}

/// `--include` / `--exclude` globs, matched against the path relative to its input (`*`
/// crosses `/`, so `*.pdf` matches `real/a.pdf`). A file is taken when it matches an include
/// glob (or none is given) and no exclude glob.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Filter {
    /// Compiles the globs; an invalid one is a usage error naming it.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Filter, String> {
        let set = |globs: &[String]| -> Result<Option<GlobSet>, String> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(Glob::new(g).map_err(|e| format!("invalid glob {g:?}: {e}"))?);
            }
            b.build().map(Some).map_err(|e| e.to_string())
        };
        Ok(Filter { include: set(include)?, exclude: set(exclude)? })
    }

    /// Whether a file at this relative path is taken.
    pub fn allows(&self, rel: &str) -> bool {
        self.include.as_ref().is_none_or(|s| s.is_match(rel))
            && !self.exclude.as_ref().is_some_and(|s| s.is_match(rel))
    }
}

/// Files that describe a corpus or a folder rather than being an agenda pack: `README*`,
/// `PROVENANCE*`, `MANIFEST*`, `LICENSE*`, and `NOTES` or `CHANGELOG` by themselves (any case,
/// any extension; "Notes of the meeting.pdf" is a document).
pub fn is_corpus_metadata(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_uppercase());
    let name = name.unwrap_or_default();
    let stem = name.split('.').next().unwrap_or("");
    ["README", "PROVENANCE", "MANIFEST", "LICENSE"].iter().any(|p| stem.starts_with(p))
        || ["NOTES", "CHANGELOG"].contains(&stem)
}

fn error_row(rel: &str, id: Option<String>, stage: Stage, message: String) -> ErrorRow {
    ErrorRow {
        document_id: id,
        path: rel.to_string(),
        stage: stage.to_string(),
        limit: None,
        message,
    }
}

/// What kind of file system entry this is, when it is not a regular file or a folder.
fn special_kind(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
    }
    let _ = ft;
    "not a regular file"
}

/// The device and inode of a folder, to visit each once.
#[cfg(unix)]
fn folder_key(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn folder_key(_meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// Lists the files under `roots` that `filter` takes. Never fails as a whole: a root that does
/// not exist is an error row, and the other roots are listed.
pub fn find(roots: &[PathBuf], filter: &Filter) -> Listing {
    let mut l = Listing::default();
    let mut seen_folders: HashSet<(u64, u64)> = HashSet::new();
    for root in roots {
        let shown = root.display().to_string();
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                let e = DocError::from(e);
                l.errors.push(error_row(&shown, None, Stage::Discover, e.to_string()));
                continue;
            }
        };
        if meta.is_dir() {
            walk(root, filter, &mut seen_folders, &mut l);
            continue;
        }
        let rel = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(shown);
        if !meta.is_file() {
            l.skipped.push(Skipped { path: rel, reason: special_kind(&meta.file_type()).into() });
        } else if !filter.allows(&rel) {
            continue;
        } else if let Err(e) = InputKind::from_path(root) {
            l.errors.push(error_row(&rel, None, e.stage(), e.to_string()));
        } else if is_corpus_metadata(root) {
            l.skipped.push(Skipped { path: rel, reason: metadata_reason() });
        } else {
            l.found.push(FoundFile { rel, path: root.clone() });
        }
    }
    l.found.sort();
    l.found.dedup_by(|a, b| a.path == b.path);
    l.errors.sort();
    l.skipped.sort();
    l.skipped.dedup();
    l
}

fn metadata_reason() -> String {
    "not an agenda pack: a README, PROVENANCE, MANIFEST, LICENSE or NOTES file".into()
}

/// Walks one folder: symbolic links are followed, hidden entries skipped, each folder entered
/// once (a link back to a folder above is a loop walkdir reports; a second way into a folder
/// seen already is skipped by its device and inode).
fn walk(root: &Path, filter: &Filter, seen: &mut HashSet<(u64, u64)>, l: &mut Listing) {
    let rel_of = |p: &Path| -> String {
        let r = p.strip_prefix(root).unwrap_or(p);
        let s = r.to_string_lossy().replace('\\', "/");
        if s.is_empty() { ".".into() } else { s }
    };
    let mut it = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = e.path().map(rel_of).unwrap_or_else(|| ".".into());
                if let Some(ancestor) = e.loop_ancestor() {
                    let above = match rel_of(ancestor) {
                        a if a == "." => "the input folder".to_string(),
                        a => format!("the folder {a}"),
                    };
                    let reason = format!("a symbolic link back to {above} (not walked again)");
                    l.skipped.push(Skipped { path: rel, reason });
                } else if let Some(link) = e
                    .path()
                    .filter(|p| p.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()))
                {
                    // A broken link: a document it names fails to read, as an error row.
                    if InputKind::from_path(link).is_ok() && filter.allows(&rel) {
                        l.found.push(FoundFile { rel, path: link.to_path_buf() });
                    }
                } else {
                    let msg = e.io_error().map(|io| io.to_string()).unwrap_or(e.to_string());
                    l.errors.push(error_row(
                        &rel,
                        None,
                        Stage::Discover,
                        format!("cannot list: {msg}"),
                    ));
                }
                continue;
            }
        };
        let rel = rel_of(entry.path());
        let ft = entry.file_type();
        if ft.is_dir() {
            let key = entry.metadata().ok().as_ref().and_then(folder_key);
            if let Some(key) = key {
                if !seen.insert(key) {
                    if entry.depth() > 0 {
                        l.skipped.push(Skipped {
                            path: rel,
                            reason: "a folder already walked by another path (a link to it)".into(),
                        });
                    }
                    it.skip_current_dir();
                }
            }
            continue;
        }
        if !ft.is_file() {
            // Only files that could be documents are worth a line.
            if InputKind::from_path(entry.path()).is_ok() {
                l.skipped.push(Skipped { path: rel, reason: special_kind(&ft).into() });
            }
            continue;
        }
        if InputKind::from_path(entry.path()).is_err() || !filter.allows(&rel) {
            continue;
        }
        if is_corpus_metadata(entry.path()) {
            l.skipped.push(Skipped { path: rel, reason: metadata_reason() });
            continue;
        }
        l.found.push(FoundFile { rel, path: entry.into_path() });
    }
}

/// Opens a file for reading only if it is a regular file. The open itself never blocks (a FIFO
/// put in place of a file after discovery is refused, not waited on).
pub fn open_regular(path: &Path) -> std::io::Result<File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let f = opts.open(path)?;
    let meta = f.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{} is {}", path.display(), special_kind(&meta.file_type())),
        ));
    }
    Ok(f)
}

/// Reads a whole regular file (see [`open_regular`]).
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut f = open_regular(path)?;
    let mut bytes = Vec::with_capacity(f.metadata().map(|m| m.len() as usize).unwrap_or(0));
    f.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// SHA-256 of a file, read in blocks.
pub fn hash_file(path: &Path) -> std::io::Result<(String, u64)> {
    let mut f = open_regular(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 << 10];
    let mut total = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        total += n as u64;
        hasher.update(&buf[..n]);
    }
    let digest = hasher.finalize();
    Ok((digest.iter().map(|b| format!("{b:02x}")).collect(), total))
}

/// Hashes every file (in parallel, on the current rayon pool) and groups identical ones.
pub fn group(listing: Listing) -> Discovered {
    let Listing { found, mut errors, skipped } = listing;
    let files = found.len();
    let hashed: Vec<(FoundFile, std::io::Result<(String, u64)>)> = found
        .into_par_iter()
        .map(|f| {
            let h = hash_file(&f.path);
            (f, h)
        })
        .collect();
    let mut by_id: BTreeMap<String, Input> = BTreeMap::new();
    for (f, h) in hashed {
        let kind = match InputKind::from_path(&f.path) {
            Ok(k) => k,
            Err(e) => {
                errors.push(error_row(&f.rel, None, e.stage(), e.to_string()));
                continue;
            }
        };
        match h {
            Err(e) => {
                let e = DocError::from(e);
                errors.push(error_row(&f.rel, None, e.stage(), e.to_string()));
            }
            Ok((id, bytes)) => {
                let entry = by_id.entry(id.clone()).or_insert_with(|| Input {
                    id,
                    kind,
                    path: f.path.clone(),
                    paths: Vec::new(),
                    bytes,
                });
                entry.paths.push(f.rel);
            }
        }
    }
    let mut inputs: Vec<Input> = by_id.into_values().collect();
    for i in &mut inputs {
        // `found` was sorted by relative path, so the first path is the smallest.
        i.paths.sort();
        i.paths.dedup();
    }
    errors.sort();
    Discovered { files, inputs, errors, skipped }
}

#[cfg(test)]
mod tests;
