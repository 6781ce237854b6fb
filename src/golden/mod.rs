//! The golden-corpus workflow: extract every input of a corpus folder and compare the result, field
//! by field, with an expected JSON kept beside the code (`verify`), or write those expectations
//! after review (`bless`).
//!
//! An input `<corpus>/<rel>` pairs with the expectation `<expected>/<rel>.json` (the input's
//! extension is kept, so `x.txt` and `x.pdf` in one folder do not collide). An expectation is the
//! per-document JSON, or `{"error": {"stage": ..., "message": ...}}` for a document that fails.
//! `$.extractor_version` is not compared: a version bump alone is not a regression.
//!
//! The repository's own pairings: `corpus/packs` ↔ `corpus/expected`, and the shared corpus
//! `../shared/corpus` ↔ `corpus/expected/shared`.

pub mod diff;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use thiserror::Error;

pub use diff::{Difference, render};

use crate::ingest::pdf::Limits;
use crate::pipeline;

/// Paths never compared.
pub const IGNORED: &[&str] = &["$.extractor_version"];

/// A corpus folder and the folder holding its expectations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pairing {
    pub corpus: PathBuf,
    pub expected: PathBuf,
}

impl Pairing {
    pub fn new(corpus: impl Into<PathBuf>, expected: impl Into<PathBuf>) -> Self {
        Pairing { corpus: corpus.into(), expected: expected.into() }
    }

    /// Where the expectation of `input` (a file under `self.corpus`) lives.
    pub fn expected_path(&self, input: &Path) -> PathBuf {
        let rel = input.strip_prefix(&self.corpus).unwrap_or(input);
        let mut name = rel.as_os_str().to_os_string();
        name.push(".json");
        self.expected.join(name)
    }

    /// Every document under the corpus folder (sorted; corpus metadata files skipped).
    pub fn inputs(&self) -> Result<Vec<PathBuf>, GoldenError> {
        inputs_under(&self.corpus)
    }
}

/// Documents under `path` (a file or a folder), skipping metadata such as `PROVENANCE.md`.
pub fn inputs_under(path: &Path) -> Result<Vec<PathBuf>, GoldenError> {
    let files = pipeline::discover(&[path.to_path_buf()])
        .map_err(|e| GoldenError::Io { path: path.to_path_buf(), source: e })?;
    Ok(files.into_iter().filter(|f| !is_corpus_metadata(f)).collect())
}

/// Files that describe a corpus rather than belong to it: `README*`, `PROVENANCE*`, `MANIFEST*`,
/// `LICENSE*`, `NOTES*`.
pub fn is_corpus_metadata(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    ["README", "PROVENANCE", "MANIFEST", "LICENSE", "NOTES"].iter().any(|p| name.starts_with(p))
}

/// The repository's default pairings: the bundled packs, and the shared corpus when present.
pub fn default_pairings(repo_root: &Path) -> Vec<Pairing> {
    let mut v = vec![Pairing::new(
        repo_root.join("corpus").join("packs"),
        repo_root.join("corpus").join("expected"),
    )];
    let shared = repo_root.join("..").join("shared").join("corpus");
    if shared.is_dir() {
        v.push(Pairing::new(shared, repo_root.join("corpus").join("expected").join("shared")));
    }
    v
}

/// Errors of the golden workflow itself (not of the documents it checks).
#[derive(Debug, Error)]
pub enum GoldenError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: the expectation is not valid JSON: {source}")]
    BadExpectation { path: PathBuf, source: serde_json::Error },
    #[error("cannot serialise the output of {path}: {source}")]
    Serialise { path: PathBuf, source: serde_json::Error },
}

/// Extracts one input, never unwinding: a panic in any stage becomes an error expectation.
pub fn actual_value(input: &Path, limits: &Limits) -> Result<Value, GoldenError> {
    let result = catch_unwind(AssertUnwindSafe(|| pipeline::process_file(input, limits)));
    match result {
        Ok(Ok(doc)) => serde_json::to_value(&doc)
            .map_err(|e| GoldenError::Serialise { path: input.to_path_buf(), source: e }),
        Ok(Err(e)) => {
            Ok(json!({"error": {"stage": e.stage().to_string(), "message": e.to_string()}}))
        }
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Ok(json!({"error": {"stage": "panic", "message": msg}}))
        }
    }
}

/// The outcome of verifying one input.
#[derive(Debug)]
pub enum Outcome {
    /// Output equals the expectation.
    Same,
    /// Field-level differences.
    Differs(Vec<Difference>),
    /// No expectation file yet.
    Missing(PathBuf),
}

impl Outcome {
    pub fn is_same(&self) -> bool {
        matches!(self, Outcome::Same)
    }
}

/// Reads an expectation file.
pub fn read_expected(path: &Path) -> Result<Option<Value>, GoldenError> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| GoldenError::BadExpectation { path: path.to_path_buf(), source: e }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(GoldenError::Io { path: path.to_path_buf(), source: e }),
    }
}

/// Verifies one input against its expectation file.
pub fn verify_file(input: &Path, expected: &Path, limits: &Limits) -> Result<Outcome, GoldenError> {
    let Some(exp) = read_expected(expected)? else {
        return Ok(Outcome::Missing(expected.to_path_buf()));
    };
    let act = actual_value(input, limits)?;
    let d = diff::diff(&exp, &act, IGNORED);
    Ok(if d.is_empty() { Outcome::Same } else { Outcome::Differs(d) })
}

/// Writes the expectation of one input (pretty JSON, trailing newline, atomic write).
pub fn bless_file(input: &Path, expected: &Path, limits: &Limits) -> Result<(), GoldenError> {
    let act = actual_value(input, limits)?;
    let mut bytes = serde_json::to_vec_pretty(&act)
        .map_err(|e| GoldenError::Serialise { path: input.to_path_buf(), source: e })?;
    bytes.push(b'\n');
    crate::output::write_atomic(expected, &bytes)
        .map_err(|e| GoldenError::Io { path: expected.to_path_buf(), source: e })
}

/// A readable report of one outcome, naming the input and the expectation file.
pub fn report(input: &Path, expected: &Path, outcome: &Outcome, limit: usize) -> String {
    match outcome {
        Outcome::Same => format!("ok      {}\n", input.display()),
        Outcome::Missing(p) => format!(
            "MISSING {}: no expectation at {} (review the output, then run `agendapack bless`)\n",
            input.display(),
            p.display()
        ),
        Outcome::Differs(d) => format!(
            "DIFF    {}: {} difference(s) from {}\n{}  (if the change is intended: `agendapack bless {}` and review `git diff`)\n",
            input.display(),
            d.len(),
            expected.display(),
            render(d, limit),
            input.display()
        ),
    }
}
