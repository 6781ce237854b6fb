//! `agendapack verify` and `agendapack bless`: the golden-corpus workflow.

use std::io::Write;
use std::path::{Path, PathBuf};

use agendapack::golden::{self, Outcome, Pairing};
use agendapack::ingest::pdf::Limits;
use clap::Args;

/// The inputs to check and where each one's expectation lives.
fn plan(paths: &[PathBuf], expected: Option<&Path>) -> Result<Vec<(PathBuf, PathBuf)>, String> {
    // Relative to the current folder (the repository root), so reports show short paths.
    let defaults = golden::default_pairings(Path::new(""));
    let mut pairings: Vec<(Pairing, PathBuf)> = Vec::new();
    if paths.is_empty() {
        if expected.is_some() {
            return Err("--expected needs a corpus folder to go with it".into());
        }
        for p in defaults {
            let c = p.corpus.clone();
            pairings.push((p, c));
        }
    } else {
        for path in paths {
            let canon =
                path.canonicalize().map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            if let Some(exp) = expected {
                let base = if canon.is_dir() {
                    canon.clone()
                } else {
                    canon.parent().map(Path::to_path_buf).unwrap_or_default()
                };
                pairings.push((Pairing::new(base, exp), canon));
                continue;
            }
            let found = defaults.iter().find_map(|d| {
                let c = d.corpus.canonicalize().ok()?;
                canon.starts_with(&c).then(|| Pairing::new(c, d.expected.clone()))
            });
            match found {
                Some(p) => pairings.push((p, canon)),
                None => {
                    return Err(format!(
                        "no expected folder is known for {}; pass --expected DIR",
                        path.display()
                    ));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (pairing, under) in pairings {
        let inputs = golden::inputs_under(&under).map_err(|e| e.to_string())?;
        for input in inputs {
            let exp = pairing.expected_path(&input);
            out.push((input, exp));
        }
    }
    Ok(out)
}

/// The plan of [`plan`], or `None` with the usage error printed (the command exits with 2).
fn planned(paths: &[PathBuf], expected: Option<&Path>) -> Option<Vec<(PathBuf, PathBuf)>> {
    plan(paths, expected).map_err(|e| eprintln!("error: {e}")).ok()
}

pub const AFTER_HELP: &str = "\
Examples:
  agendapack verify                          corpus/packs and ../shared/corpus, from a checkout
  agendapack verify my-corpus/ --expected my-expected/

Exit codes:
  0  every document matches its expectation
  1  a difference, a missing or unreadable expectation
  2  usage error";

pub const BLESS_HELP: &str = "\
Examples:
  agendapack bless                           then review: git diff corpus/expected
  agendapack bless my-corpus/ --expected my-expected/

Exit codes:
  0  every expectation written
  1  some could not be written
  2  usage error";

/// Arguments of `verify`.
#[derive(Args)]
pub struct VerifyArgs {
    /// Corpus folders or files; defaults to corpus/packs and ../shared/corpus.
    paths: Vec<PathBuf>,
    /// Folder of expectations (default: corpus/expected, corpus/expected/shared).
    #[arg(long)]
    expected: Option<PathBuf>,
    /// Most differences printed per document.
    #[arg(long, default_value_t = 40)]
    limit: usize,
}

/// Arguments of `bless`.
#[derive(Args)]
pub struct BlessArgs {
    /// Corpus folders or files; defaults to corpus/packs and ../shared/corpus.
    paths: Vec<PathBuf>,
    /// Folder of expectations (default: corpus/expected, corpus/expected/shared).
    #[arg(long)]
    expected: Option<PathBuf>,
}

/// Compares every input with its expectation; 0 when all match, 1 on any difference, 2 on usage.
pub fn run(args: VerifyArgs) -> i32 {
    let VerifyArgs { paths, expected, limit } = args;
    let Some(plan) = planned(&paths, expected.as_deref()) else { return 2 };
    let limits = Limits::default();
    // Write errors (a closed pipe) are ignored: the exit code still tells the result.
    let mut out = std::io::stdout().lock();
    let (mut same, mut differ, mut missing, mut broken) = (0usize, 0usize, 0usize, 0usize);
    for (input, exp) in &plan {
        match golden::verify_file(input, exp, &limits) {
            Ok(outcome) => {
                match &outcome {
                    Outcome::Same => same += 1,
                    Outcome::Differs(_) => differ += 1,
                    Outcome::Missing(_) => missing += 1,
                }
                let _ = write!(out, "{}", golden::report(input, exp, &outcome, limit));
            }
            Err(e) => {
                broken += 1;
                let _ = writeln!(out, "ERROR   {}: {e}", input.display());
            }
        }
    }
    eprintln!(
        "{} documents: {same} match, {differ} differ, {missing} without expectation, {broken} unreadable expectation",
        plan.len()
    );
    if differ + missing + broken > 0 { 1 } else { 0 }
}

/// Writes the expectation of every input.
pub fn bless(args: BlessArgs) -> i32 {
    let BlessArgs { paths, expected } = args;
    let Some(plan) = planned(&paths, expected.as_deref()) else { return 2 };
    let limits = Limits::default();
    let mut out = std::io::stdout().lock();
    let mut failed = 0;
    for (input, exp) in &plan {
        match golden::bless_file(input, exp, &limits) {
            Ok(()) => {
                let _ = writeln!(out, "blessed {} -> {}", input.display(), exp.display());
            }
            Err(e) => {
                failed += 1;
                eprintln!("error: {e}");
            }
        }
    }
    eprintln!("{} expectations written, {failed} failed", plan.len() - failed);
    if failed > 0 { 1 } else { 0 }
}
