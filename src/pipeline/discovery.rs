//! Discovery: the files under the input paths, hashed and grouped so identical files are one
//! document listing all their paths.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::error::{DocError, Stage};
use crate::ingest::InputKind;
use crate::output::tables::rows::ErrorRow;

/// A file found under an input path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    /// The path relative to the input path it was found under (`/`-separated); the file name
    /// for a file named directly. Outputs use only this, never the absolute path.
    pub rel: String,
    pub path: PathBuf,
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

/// What discovery found: unique documents sorted by id, and per-file errors.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: usize,
    pub inputs: Vec<Input>,
    pub errors: Vec<ErrorRow>,
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

/// Lists the files under `roots`. A root that does not exist is a usage error (`Err`); files
/// named directly with an unsupported extension and unreadable folders become error rows.
pub fn find(roots: &[PathBuf]) -> Result<(Vec<Found>, Vec<ErrorRow>), String> {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for root in roots {
        let meta = std::fs::metadata(root)
            .map_err(|e| format!("cannot read input path {}: {e}", root.display()))?;
        if meta.is_dir() {
            walk(root, "", &mut found, &mut errors);
        } else {
            let rel =
                root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            match InputKind::from_path(root) {
                Ok(_) => found.push(Found { rel, path: root.clone() }),
                Err(e) => errors.push(error_row(&rel, None, e.stage(), e.to_string())),
            }
        }
    }
    found.sort();
    found.dedup_by(|a, b| a.path == b.path);
    errors.sort();
    Ok((found, errors))
}

fn walk(dir: &Path, prefix: &str, found: &mut Vec<Found>, errors: &mut Vec<ErrorRow>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            let rel = if prefix.is_empty() { "." } else { prefix.trim_end_matches('/') };
            errors.push(error_row(rel, None, Stage::Discover, format!("cannot list folder: {e}")));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = if prefix.is_empty() { "." } else { prefix.trim_end_matches('/') };
                errors.push(error_row(rel, None, Stage::Discover, format!("cannot list: {e}")));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let rel = format!("{prefix}{name}");
        // Follow symbolic links to see what they point at.
        let is_dir = std::fs::metadata(&path).map(|m| m.is_dir()).unwrap_or(false);
        if is_dir {
            walk(&path, &format!("{rel}/"), found, errors);
        } else if InputKind::from_path(&path).is_ok() {
            found.push(Found { rel, path });
        }
    }
}

/// SHA-256 of a file, read in blocks.
pub fn hash_file(path: &Path) -> std::io::Result<(String, u64)> {
    let mut f = std::fs::File::open(path)?;
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
pub fn group(found: Vec<Found>, mut errors: Vec<ErrorRow>) -> Discovered {
    let files = found.len();
    let hashed: Vec<(Found, std::io::Result<(String, u64)>)> = found
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
    Discovered { files, inputs, errors }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_files_are_one_input_with_every_path() -> std::io::Result<()> {
        let dir = std::env::temp_dir().join(format!("agendapack-disc-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("b"))?;
        std::fs::write(dir.join("a.txt"), "Agenda\n1. Apologies\n")?;
        std::fs::write(dir.join("b/copy.md"), "Agenda\n1. Apologies\n")?;
        std::fs::write(dir.join("c.txt"), "Minutes\n")?;
        std::fs::write(dir.join("notes.docx"), "x")?;
        std::fs::write(dir.join(".hidden.txt"), "x")?;
        let (found, errors) = find(std::slice::from_ref(&dir)).map_err(std::io::Error::other)?;
        let d = group(found, errors);
        assert_eq!(d.files, 3);
        assert_eq!(d.inputs.len(), 2);
        let dup = d.inputs.iter().find(|i| i.paths.len() == 2);
        assert_eq!(
            dup.map(|i| i.paths.clone()),
            Some(vec!["a.txt".to_string(), "b/copy.md".to_string()])
        );
        assert_eq!(dup.map(Input::file_name), Some("a.txt".to_string()));
        assert!(d.errors.is_empty());
        // A file named directly with an unknown extension is an error, not silently skipped.
        let (found, errors) = find(&[dir.join("notes.docx")]).map_err(std::io::Error::other)?;
        assert!(found.is_empty());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].stage, "discover");
        assert!(errors[0].message.contains("\"docx\""), "{}", errors[0].message);
        assert!(find(&[dir.join("missing")]).is_err());
        std::fs::remove_dir_all(&dir)
    }
}
