//! Helpers for the batch, warehouse and CLI tests: run the binary, read output trees.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `agendapack` binary built for these tests.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_agendapack"))
}

/// Runs `agendapack` with `args` and returns its output.
pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap_or_else(|e| panic!("cannot run agendapack: {e}"))
}

/// A fresh, empty folder under the system temp folder.
pub fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("agendapack-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

/// Every file under `dir` (relative path -> bytes), leaving out the run manifests, which hold
/// times and thread counts by design.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).map(|r| r.to_string_lossy().into_owned());
                let rel = rel.unwrap_or_else(|e| panic!("{e}"));
                if rel.starts_with("manifest") {
                    continue;
                }
                let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{rel}: {e}"));
                out.insert(rel, bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The rows of a JSON Lines file.
pub fn jsonl(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}: {l}", path.display())))
        .collect()
}

/// The run manifest of an unsharded run.
pub fn manifest(out: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(out.join("manifest.json"))
        .unwrap_or_else(|e| panic!("manifest.json: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("manifest.json: {e}"))
}

/// Writes `n` small, distinct text packs into `dir` (named `pack-000.txt`...).
pub fn write_packs(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    for i in 0..n {
        let text = format!(
            "Wealdmere Borough Council\nPlanning Committee\nAgenda\n{i}. Minutes of meeting {i}\n\
             Budget\t2025-26\tForecast\nParks\t{}\t{}\n",
            100 + i,
            90 + i
        );
        std::fs::write(dir.join(format!("pack-{i:03}.txt")), text)
            .unwrap_or_else(|e| panic!("{e}"));
    }
}
