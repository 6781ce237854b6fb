//! Hand-written facts about each corpus document, checked against agendapack's output.

pub mod check;
pub mod schema;

use std::path::{Path, PathBuf};

use agendapack::ingest::pdf::Limits;
use agendapack::pipeline;
use agendapack::testsupport;

/// Every facts file under `corpus/facts`, sorted.
pub fn facts_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(&testsupport::repo_root().join("corpus").join("facts"), &mut out);
    out.sort();
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

/// Runs one facts file: Ok(report) when every non-pending fact holds, Err(report) otherwise.
/// Returns Ok with a skip note when the document is in the shared corpus and that is absent.
pub fn run(facts_path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(facts_path)
        .map_err(|e| format!("cannot read {}: {e}", facts_path.display()))?;
    let facts: schema::Facts =
        toml::from_str(&text).map_err(|e| format!("{}: {e}", facts_path.display()))?;
    for key in facts.pending.keys() {
        if !schema::SECTIONS.contains(&key.as_str()) {
            return Err(format!("{}: unknown section {key:?} in [pending]", facts_path.display()));
        }
    }
    let input = match facts.file.strip_prefix("shared:") {
        Some(rel) => match testsupport::shared_corpus_file(rel) {
            Some(p) => p,
            None => return Ok(format!("skipped: shared corpus absent ({rel})")),
        },
        None => testsupport::repo_root().join(&facts.file),
    };
    let doc = pipeline::process_file(&input, &Limits::default())
        .map_err(|e| format!("{}: extraction failed: {e} ({})", input.display(), e.stage()))?;
    let results = check::check(&facts, &doc);
    let mut report = String::new();
    let (mut held, mut failed, mut pending_failing, mut pending_holding) = (0, 0, 0, 0);
    for r in &results {
        let pending = r.pending.clone().or_else(|| facts.pending.get(r.section).cloned());
        match (&pending, r.problems.is_empty()) {
            (None, true) => held += 1,
            (None, false) => {
                failed += 1;
                report.push_str(&format!("FAIL    {}\n", r.name));
                for p in &r.problems {
                    report.push_str(&format!("          {p}\n"));
                }
            }
            (Some(why), false) => {
                pending_failing += 1;
                report.push_str(&format!("PENDING {} ({why})\n", r.name));
                for p in r.problems.iter().take(3) {
                    report.push_str(&format!("          {p}\n"));
                }
            }
            (Some(why), true) => {
                pending_holding += 1;
                report.push_str(&format!(
                    "NOW OK  {} holds but is marked pending ({why}): remove the mark\n",
                    r.name
                ));
            }
        }
    }
    report.push_str(&format!(
        "{}: {held} facts hold, {failed} fail, {pending_failing} pending, {pending_holding} pending but holding\n",
        facts.file
    ));
    if failed > 0 { Err(report) } else { Ok(report) }
}
