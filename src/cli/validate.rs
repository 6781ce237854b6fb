//! `agendapack validate`: re-checks per-document JSON already written, without the sources.

use std::io::Write;
use std::path::{Path, PathBuf};

use agendapack::model::{Finding, Severity};
use agendapack::output::{self, Document};
use agendapack::validate::{self, Summary};
use clap::Args;
use serde_json::{Value, json};

use super::out::with_stdout;

/// Shown after the options of `agendapack validate --help`.
pub const AFTER_HELP: &str = "\
Examples:
  agendapack validate out/ --verbose        every finding of every document, then the summary
  agendapack validate out/ --json | jq '.by_severity'

Documents are named by their path relative to the folder they were extracted from and by the
first 12 characters of their id (the SHA-256 of the file).

Exit codes:
  0  checked (with --deny-errors: and no error finding)
  1  a document could not be read or written, or (with --deny-errors) an error finding
  2  OUTPUT_DIR cannot be read";

/// Arguments of `validate`.
#[derive(Args)]
pub struct ValidateArgs {
    /// Folder of per-document JSON written by `extract`.
    #[arg(value_name = "OUTPUT_DIR")]
    pub dir: PathBuf,
    /// Rewrite each document's findings with the fresh ones.
    #[arg(long)]
    pub write: bool,
    /// Print every finding.
    #[arg(short, long)]
    pub verbose: bool,
    /// Print the run summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// Exit with status 1 when any error finding is reported.
    #[arg(long)]
    pub deny_errors: bool,
}

/// Per-document JSON files under `dir` (recursive, hidden entries skipped, each folder once),
/// sorted.
fn json_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::read_dir(dir).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = entry.map_err(|e| e.to_string())?;
        let path = entry.path();
        if entry.file_type().is_file() && path.extension().is_some_and(|e| e == "json") {
            out.push(entry.into_path());
        }
    }
    Ok(out)
}

/// How a document is named: its first path relative to the input it was extracted from, and
/// the start of its id.
fn name(doc: &Document) -> String {
    let path = doc.document.paths.first().unwrap_or(&doc.document.file_name);
    let id = doc.document.id.get(..12).unwrap_or(&doc.document.id);
    format!("{path} ({id})")
}

fn place(f: &Finding) -> String {
    match (f.location.line, f.location.page) {
        (Some(l), _) => format!("line {l}"),
        (None, Some(p)) => format!("page {p}"),
        _ => "-".into(),
    }
}

pub fn run(opts: ValidateArgs) -> i32 {
    let files = match json_files(&opts.dir) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", opts.dir.display());
            return 2;
        }
    };
    with_stdout(|out| check(&opts, &files, out))
}

fn check(opts: &ValidateArgs, files: &[PathBuf], out: &mut dyn Write) -> std::io::Result<i32> {
    let mut summary = Summary::default();
    let mut per_document = Vec::new();
    let mut failed = 0;
    for path in files {
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
                if serde_json::from_slice::<Value>(&bytes)
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
        if opts.json {
            let mut entry = json!({
                "id": doc.document.id,
                "paths": doc.document.paths,
                "file_name": doc.document.file_name,
                "findings": findings.len(),
                "errors": errors,
            });
            if opts.verbose {
                entry["details"] = serde_json::to_value(&findings).unwrap_or(Value::Null);
            }
            per_document.push(entry);
        } else {
            writeln!(out, "{}: {} findings, {} errors", name(&doc), findings.len(), errors)?;
            if opts.verbose {
                for f in &findings {
                    writeln!(
                        out,
                        "  {:?} {} {} [{}] {}",
                        f.severity,
                        f.rule,
                        place(f),
                        f.table.as_deref().unwrap_or(""),
                        f.message
                    )?;
                }
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
        let mut v = serde_json::to_value(&summary).map_err(std::io::Error::other)?;
        v["per_document"] = Value::Array(per_document);
        serde_json::to_writer_pretty(&mut *out, &v).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", summary.render())?;
    }
    Ok(if failed > 0 || (opts.deny_errors && summary.count(Severity::Error) > 0) { 1 } else { 0 })
}
