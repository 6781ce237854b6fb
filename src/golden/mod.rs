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

/// Keys left out of expectations wherever they occur: bounding boxes and per-row locations are
/// geometry that moves with every layout tweak (pages and line ranges stay), and they would make
/// up most of an expectation's size.
pub const DROPPED_KEYS: &[&str] = &["bbox", "row_locations"];

/// The part of a document's JSON that expectations hold: everything but [`DROPPED_KEYS`].
pub fn project(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(k, _)| !DROPPED_KEYS.contains(&k.as_str()))
                .map(|(k, x)| (k, project(x)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(project).collect()),
        other => other,
    }
}

/// Longest line of an expectation file that keeps a small object or array on one line.
const LINE_MAX: usize = 110;

/// Pretty JSON that keeps small objects and arrays on one line (a table row, a cell, a count),
/// so that expectations stay short and `git diff` still shows one change per line.
pub fn to_expectation_text(v: &Value) -> String {
    let mut s = String::new();
    write_value(v, 0, &mut s);
    s.push('\n');
    s
}

fn write_value(v: &Value, indent: usize, out: &mut String) {
    let compact = serde_json::to_string(v).unwrap_or_default();
    let fits = indent + compact.len() <= LINE_MAX;
    match v {
        Value::Object(m) if !fits && !m.is_empty() => {
            let members = m.iter().map(|(k, x)| (Some(k.as_str()), x));
            write_block(('{', '}'), members, indent, out);
        }
        Value::Array(a) if !fits && !a.is_empty() => {
            write_block(('[', ']'), a.iter().map(|x| (None, x)), indent, out);
        }
        _ => out.push_str(&compact),
    }
}

/// An object (members with keys) or an array over several lines: one member a line, indented two
/// more than its brackets, a comma after each but the last.
fn write_block<'a>(
    (open, close): (char, char),
    members: impl ExactSizeIterator<Item = (Option<&'a str>, &'a Value)>,
    indent: usize,
    out: &mut String,
) {
    out.push(open);
    out.push('\n');
    let n = members.len();
    for (i, (key, x)) in members.enumerate() {
        out.push_str(&" ".repeat(indent + 2));
        if let Some(k) = key {
            out.push_str(&serde_json::to_string(k).unwrap_or_default());
            out.push_str(": ");
        }
        write_value(x, indent + 2, out);
        if i + 1 < n {
            out.push(',');
        }
        out.push('\n');
    }
    out.push_str(&" ".repeat(indent));
    out.push(close);
}

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

/// Files that describe a corpus rather than belong to it (see [`pipeline::discovery::is_corpus_metadata`]).
pub use crate::pipeline::discovery::is_corpus_metadata;

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

/// Extracts one input (projected, see [`project`]), never unwinding: a panic in any stage becomes an error expectation.
pub fn actual_value(input: &Path, limits: &Limits) -> Result<Value, GoldenError> {
    let result = catch_unwind(AssertUnwindSafe(|| {
        pipeline::process_file(input, limits, &Default::default())
    }));
    match result {
        Ok(Ok(doc)) => serde_json::to_value(&doc)
            .map(project)
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
    let text = to_expectation_text(&act);
    crate::output::write_atomic(expected, text.as_bytes())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projection_drops_geometry_keys_everywhere() {
        let v =
            json!({"a": {"bbox": [1, 2], "line": 3}, "row_locations": [], "rows": [{"bbox": 1}]});
        assert_eq!(project(v), json!({"a": {"line": 3}, "rows": [{}]}));
    }

    #[test]
    fn expectation_text_round_trips_and_keeps_small_things_on_one_line() {
        let long: Vec<String> = (0..30).map(|i| format!("cell number {i}")).collect();
        let v = json!({"small": [1, 2, 3], "cells": long, "nested": {"x": {"y": "z"}}});
        let text = to_expectation_text(&v);
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
        assert!(text.contains("\"small\": [1,2,3]"), "{text}");
        assert!(text.lines().count() > 30, "{text}");
        assert!(text.lines().all(|l| l.len() <= LINE_MAX + 40), "{text}");
    }
}
