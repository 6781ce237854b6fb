//! Error findings on the 83 real PDFs of `../shared/corpus/wide`, which nobody typed up: every one
//! must be listed in `corpus/facts/wide/errors.tsv` as checked against its page, every listed one
//! must still be found, and there are at most ten.
//!
//! An entry is keyed by file (a part of its name), rule, physical page and row label, so that a
//! table read differently (a column header joined otherwise, a grid split in two) does not
//! invalidate the list; when the tables of a wide document change, re-run
//! `agendapack extract ../shared/corpus/wide -o OUT -q`, look at each new error on its page and
//! update the list.

use std::path::{Path, PathBuf};

use agendapack::ingest::pdf::Limits;
use agendapack::model::Severity;
use agendapack::pipeline;
use agendapack::testsupport::{repo_root, shared_dir};
use rayon::prelude::*;

/// The bound: at most this many error findings on the wide corpus.
const MAX_ERRORS: usize = 10;

#[derive(Debug)]
struct Listed {
    file: String,
    rule: String,
    page: u32,
    row: String,
    why: String,
}

fn listed() -> Vec<Listed> {
    let path = repo_root().join("corpus/facts/wide/errors.tsv");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() >= 6, "{}: a line needs six tab-separated fields: {l}", path.display());
            Listed {
                file: f[0].to_string(),
                rule: f[1].to_string(),
                page: f[2].parse().unwrap_or_else(|_| panic!("bad page in: {l}")),
                row: f[3].to_string(),
                why: f[5].to_string(),
            }
        })
        .collect()
}

/// (file name, rule, page, row, message) of every error finding.
type Found = (String, String, u32, String, String);

fn wide_errors(dir: &Path) -> Vec<Found> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")))
        .collect();
    files.sort();
    assert!(files.len() >= 80, "expected the 83 wide PDFs, found {}", files.len());
    let per_file: Vec<Vec<Found>> = files
        .par_iter()
        .map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let doc = pipeline::process_file(p, &Limits::default(), &Default::default())
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            doc.findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| {
                    (
                        name.clone(),
                        f.rule.clone(),
                        f.location.page.unwrap_or(0),
                        f.row.clone().unwrap_or_default(),
                        f.message.clone(),
                    )
                })
                .collect()
        })
        .collect();
    per_file.into_iter().flatten().collect()
}

fn matches(l: &Listed, f: &Found) -> bool {
    f.0.contains(&l.file) && f.1 == l.rule && f.2 == l.page && (l.row.is_empty() || f.3 == l.row)
}

#[test]
fn every_wide_error_is_listed_and_checked() {
    let Some(shared) = shared_dir() else { return };
    let list = listed();
    assert!(list.len() <= MAX_ERRORS, "the list holds {} errors, over {MAX_ERRORS}", list.len());
    for l in &list {
        assert!(!l.why.trim().is_empty(), "{} p{} {}: no reason given", l.file, l.page, l.rule);
    }
    let found = wide_errors(&shared.join("corpus/wide"));
    eprintln!("{} error findings on the wide corpus, {} listed", found.len(), list.len());
    let unlisted: Vec<String> = found
        .iter()
        .filter(|f| !list.iter().any(|l| matches(l, f)))
        .map(|f| format!("{} p{} [{}] '{}': {}", f.0, f.2, f.1, f.3, f.4))
        .collect();
    let lost: Vec<String> = list
        .iter()
        .filter(|l| !found.iter().any(|f| matches(l, f)))
        .map(|l| format!("{} p{} [{}] '{}'", l.file, l.page, l.rule, l.row))
        .collect();
    assert!(
        unlisted.is_empty(),
        "error findings not in corpus/facts/wide/errors.tsv (check each on its page):\n{}",
        unlisted.join("\n")
    );
    assert!(lost.is_empty(), "listed genuine errors no longer found:\n{}", lost.join("\n"));
    assert!(found.len() <= MAX_ERRORS, "{} error findings, over {MAX_ERRORS}", found.len());
}
