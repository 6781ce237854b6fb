//! `agendapack validate`: re-checks per-document JSON already written, without the sources.

use std::path::{Path, PathBuf};

use agendapack::model::Severity;
use agendapack::output::{self, Document};
use agendapack::validate::{self, Summary};

/// Options of the subcommand.
pub struct Options {
    pub dir: PathBuf,
    /// Rewrite each document's findings in place.
    pub write: bool,
    /// Print every finding, not only the summary.
    pub verbose: bool,
    /// Print the summary as JSON.
    pub json: bool,
    /// Exit with 1 when any `error` finding is reported.
    pub deny_errors: bool,
}

/// Per-document JSON files under `dir` (recursive, hidden entries skipped), sorted.
fn json_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if entry.file_type()?.is_dir() {
            json_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

pub fn run(opts: Options) -> i32 {
    let mut files = Vec::new();
    if let Err(e) = json_files(&opts.dir, &mut files) {
        eprintln!("error: cannot read {}: {e}", opts.dir.display());
        return 2;
    }
    files.sort();
    let mut summary = Summary::default();
    let mut failed = 0;
    for path in &files {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {}: cannot read: {e}", path.display());
                failed += 1;
                continue;
            }
        };
        // Other JSON files (a run summary, a schema) are not documents: skip them quietly.
        let mut doc: Document = match serde_json::from_slice(&bytes) {
            Ok(d) => d,
            Err(e) => {
                if serde_json::from_slice::<serde_json::Value>(&bytes)
                    .ok()
                    .is_some_and(|v| v.get("records").is_some() && v.get("document").is_some())
                {
                    eprintln!("error: {}: not a readable document: {e}", path.display());
                    failed += 1;
                }
                continue;
            }
        };
        let findings = validate::validate(&doc.document.id, &doc.pack, &doc.records);
        summary.add_document(&findings);
        let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
        println!("{}: {} findings, {} errors", doc.document.file_name, findings.len(), errors);
        if opts.verbose {
            for f in &findings {
                let place = match (f.location.line, f.location.page) {
                    (Some(l), _) => format!("line {l}"),
                    (None, Some(p)) => format!("page {p}"),
                    _ => "-".into(),
                };
                println!(
                    "  {:?} {} {} [{}] {}",
                    f.severity,
                    f.rule,
                    place,
                    f.table.as_deref().unwrap_or(""),
                    f.message
                );
            }
        }
        if opts.write && doc.findings != findings {
            doc.findings = findings;
            let written = serde_json::to_vec_pretty(&doc)
                .map_err(|e| e.to_string())
                .and_then(|j| output::write_atomic(path, &j).map_err(|e| e.to_string()));
            if let Err(e) = written {
                eprintln!("error: {}: cannot write: {e}", path.display());
                failed += 1;
            }
        }
    }
    if opts.json {
        match serde_json::to_string_pretty(&summary) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("error: cannot serialise the summary: {e}"),
        }
    } else {
        print!("{}", summary.render());
    }
    if failed > 0 || (opts.deny_errors && summary.count(Severity::Error) > 0) { 1 } else { 0 }
}
