//! Hand-written facts about each corpus document, checked against agendapack's output.

pub mod cells;
pub mod check;
pub mod schema;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

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
    let facts = load(facts_path)?;
    for key in facts.pending.keys() {
        if !schema::SECTIONS.contains(&key.as_str()) {
            return Err(format!("{}: unknown section {key:?} in [pending]", facts_path.display()));
        }
    }
    let input = match facts.file.strip_prefix("shared:") {
        Some(rel) => match testsupport::shared_corpus_file(rel) {
            Some(p) => p,
            None => {
                TOTALS.skipped_files.fetch_add(1, Ordering::Relaxed);
                return Ok(format!("skipped: shared corpus absent ({rel})\n"));
            }
        },
        None => testsupport::repo_root().join(&facts.file),
    };
    let doc = pipeline::process_file(&input, &Limits::default(), &Default::default())
        .map_err(|e| format!("{}: extraction failed: {e} ({})", input.display(), e.stage()))?;
    let results = check::check(&facts, &doc);
    for name in facts.pending_facts.keys() {
        if !results.iter().any(|r| &r.name == name) {
            return Err(format!(
                "{}: [pending_facts] names no fact {name:?}",
                facts_path.display()
            ));
        }
    }
    let mut report = String::new();
    let (mut held, mut failed, mut pending_failing, mut pending_holding) = (0, 0, 0, 0);
    for r in &results {
        let pending = facts
            .pending_facts
            .get(&r.name)
            .cloned()
            .or_else(|| r.pending.clone())
            .or_else(|| facts.pending.get(r.section).cloned());
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
    TOTALS.add(held, failed, pending_failing, pending_holding);
    let below_floor = cells_report(&facts, &doc, &mut report)?;
    if failed > 0 || below_floor { Err(report) } else { Ok(report) }
}

/// Checks the `[[cells]]` of a facts file and reports how many hold ("Appendix_D: 287/300
/// cells hold (95.7 %)"); every failing cell is listed with `FACTS_CELLS=all`, else the first
/// five. Returns whether fewer hold than the file's `cells_floor`.
fn cells_report(
    facts: &schema::Facts,
    doc: &agendapack::output::Document,
    report: &mut String,
) -> Result<bool, String> {
    if facts.cells.is_empty() {
        return Ok(false);
    }
    let results = cells::check(&facts.cells, doc).map_err(|e| format!("{}: {e}", facts.file))?;
    let total = results.len();
    let held = results.iter().filter(|r| r.problem.is_none()).count();
    let blank = results.iter().filter(|r| r.blank).count();
    let floor = facts.cells_floor.unwrap_or(total);
    let all = std::env::var("FACTS_CELLS").is_ok_and(|v| v == "all");
    let failing: Vec<_> = results.iter().filter(|r| r.problem.is_some()).collect();
    for r in failing.iter().take(if all { usize::MAX } else { 5 }) {
        report.push_str(&format!(
            "CELL    {}\n          {}\n",
            r.name,
            r.problem.as_deref().unwrap_or("")
        ));
    }
    if failing.len() > 5 && !all {
        report.push_str(&format!(
            "        ... {} more failing cells (FACTS_CELLS=all lists them)\n",
            failing.len() - 5
        ));
    }
    let stem = Path::new(&facts.file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    report.push_str(&format!(
        "{stem}: {held}/{total} cells hold ({:.1} %; {blank} of the cells are empty on the page), floor {floor}\n",
        100.0 * held as f64 / total as f64
    ));
    TOTALS.add_cells(held, total);
    if held < floor {
        report.push_str(&format!("FAIL    {held} cells hold, fewer than the floor of {floor}\n"));
    } else if held > floor {
        report.push_str(&format!(
            "NOTE    {held} cells hold, more than the floor of {floor}: raise `cells_floor`\n"
        ));
    }
    Ok(held < floor)
}

/// Reads a facts file; with `same_as`, its facts are added to those of the named file.
pub fn load(facts_path: &Path) -> Result<schema::Facts, String> {
    let read = |p: &Path| -> Result<schema::Facts, String> {
        let text =
            std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        toml::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))
    };
    let facts = read(facts_path)?;
    let Some(same) = facts.same_as.clone() else { return Ok(facts) };
    let base_path = testsupport::repo_root().join("corpus/facts").join(format!("{same}.toml"));
    let base = read(&base_path)?;
    if base.same_as.is_some() {
        return Err(format!("{}: same_as must name a file without same_as", base_path.display()));
    }
    Ok(facts.over(base))
}

/// Fact counts over every facts file run in this process.
pub struct Totals {
    held: AtomicUsize,
    failed: AtomicUsize,
    pending: AtomicUsize,
    pending_holding: AtomicUsize,
    skipped_files: AtomicUsize,
    cells_held: AtomicUsize,
    cells: AtomicUsize,
}

pub static TOTALS: Totals = Totals {
    held: AtomicUsize::new(0),
    failed: AtomicUsize::new(0),
    pending: AtomicUsize::new(0),
    pending_holding: AtomicUsize::new(0),
    skipped_files: AtomicUsize::new(0),
    cells_held: AtomicUsize::new(0),
    cells: AtomicUsize::new(0),
};

impl Totals {
    fn add(&self, held: usize, failed: usize, pending: usize, pending_holding: usize) {
        self.held.fetch_add(held, Ordering::Relaxed);
        self.failed.fetch_add(failed, Ordering::Relaxed);
        self.pending.fetch_add(pending, Ordering::Relaxed);
        self.pending_holding.fetch_add(pending_holding, Ordering::Relaxed);
    }

    fn add_cells(&self, held: usize, total: usize) {
        self.cells_held.fetch_add(held, Ordering::Relaxed);
        self.cells.fetch_add(total, Ordering::Relaxed);
    }

    /// `facts: 210 hold, 0 fail, 34 pending, 1 pending but holding, 0 files skipped; cells:
    /// 120/400 hold`.
    pub fn summary(&self) -> String {
        format!(
            "facts: {} hold, {} fail, {} pending, {} pending but holding, {} files skipped; cells: {}/{} hold",
            self.held.load(Ordering::Relaxed),
            self.failed.load(Ordering::Relaxed),
            self.pending.load(Ordering::Relaxed),
            self.pending_holding.load(Ordering::Relaxed),
            self.skipped_files.load(Ordering::Relaxed),
            self.cells_held.load(Ordering::Relaxed),
            self.cells.load(Ordering::Relaxed),
        )
    }
}
