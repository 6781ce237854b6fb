//! Malformed-input suite. At test time it makes over 2,000 damaged inputs from the real and
//! rendered PDFs (two-page seeds cut from each) and from the text renderings: truncations, seeded
//! byte flips, missing or wrong cross-references, wrong and enormous `/Length`s, reference cycles,
//! deep nesting, a decompression bomb, an encrypted file, non-PDFs named `.pdf`, empty files and
//! invalid UTF-8; and the shapes of `../shared/adversarial/` (see `malformed/adversarial.rs`):
//! budget tables of thousands of identical or total rows, pages of many rules over many glyphs,
//! a `/Contents` array naming one stream thousands of times, and pages, content streams and fonts
//! that cannot be read. Each input runs in its own child process (this test binary in child mode)
//! with a deadline, so that a hang is killed and a stack overflow cannot take the suite down.
//!
//! Every input must end in a typed error or a (partial) result within the deadline. A panic is a
//! failure even when the pipeline's isolation catches it; so are a crash, a hang, an output file
//! that does not parse or a temporary file left behind, and, in the categories that lose content
//! (`lost_*`), a result that carries no warning. One test per category.

mod malformed {
    pub mod adversarial;
    pub mod damage;
}

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use agendapack::DocError;
use agendapack::ingest::{InputKind, pdf::Limits};
use agendapack::pipeline;
use agendapack::testsupport;
use libtest_mimic::{Arguments, Failed, Trial};
use malformed::adversarial::{self, LOSSY};
use malformed::damage::{self, Case, Rng};

const CHILD_ENV: &str = "AGENDAPACK_MALFORMED_CHILD";
const OUT_ENV: &str = "AGENDAPACK_MALFORMED_OUT";
/// Wall-clock bound per input (the machine is shared; normal inputs take well under a second, the
/// largest made-up ones a few seconds in the test profile).
const DEADLINE: Duration = Duration::from_secs(10);
/// Seeded byte-flip variants per seed PDF.
const FLIPS: usize = 64;
/// Fewest inputs the suite must make.
const MIN_INPUTS: usize = 2000;

/// The child counts each thread's bytes as the command line does, so memory budgets apply.
#[global_allocator]
static ALLOC: agendapack::limits::alloc::CountingAlloc =
    agendapack::limits::alloc::CountingAlloc::new(std::alloc::System);

fn main() {
    if let Ok(path) = std::env::var(CHILD_ENV) {
        child(Path::new(&path));
    }
    let args = Arguments::from_args();
    let cases = match generate() {
        Some(c) => c,
        None => {
            let t =
                Trial::test("malformed::shared_corpus_absent", || Ok(())).with_ignored_flag(true);
            libtest_mimic::run(&args, vec![t]).exit();
        }
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let root = Arc::new(dir.path().to_path_buf());
    let mut by_cat: std::collections::BTreeMap<&'static str, Vec<(PathBuf, String)>> =
        Default::default();
    for (i, c) in cases.iter().enumerate() {
        let p = dir.path().join("in").join(format!("{i:05}.{}", c.ext));
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, &c.bytes).expect("write case");
        by_cat.entry(c.category).or_default().push((p, c.name.clone()));
    }
    let total = cases.len();
    let mut trials = vec![Trial::test("malformed::at_least_2000_inputs", move || {
        if total >= MIN_INPUTS {
            Ok(())
        } else {
            Err(format!("only {total} inputs generated").into())
        }
    })];
    for (cat, list) in by_cat {
        let root = Arc::clone(&root);
        trials.push(Trial::test(format!("malformed::{cat}"), move || run_category(&root, list)));
    }
    let sample: Vec<PathBuf> = cases
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 25 == 0)
        .map(|(i, c)| dir.path().join("in").join(format!("{i:05}.{}", c.ext)))
        .collect();
    let r2 = Arc::clone(&root);
    trials.push(Trial::test("malformed::cli_batch_leaves_no_corrupt_output", move || {
        cli_batch(&r2, &sample)
    }));
    let conclusion = libtest_mimic::run(&args, trials);
    drop(dir);
    conclusion.exit();
}

/// Child mode: process one file and report on stdout; exit 0 for a result or a typed error,
/// 3 for a panic caught by the pipeline (an uncaught one exits 101).
fn child(path: &Path) -> ! {
    let bytes = std::fs::read(path).unwrap_or_default();
    let kind = InputKind::from_path(path).unwrap_or(InputKind::Pdf);
    let out = std::env::var(OUT_ENV).map(PathBuf::from).unwrap_or_else(|_| std::env::temp_dir());
    match pipeline::process_bytes("case", kind, &bytes, &Limits::default(), &Default::default()) {
        Ok(doc) => {
            let json = serde_json::to_vec(&doc).unwrap_or_default();
            let file = out.join(format!("{}.json", doc.document.id));
            if let Err(e) = agendapack::output::write_atomic(&file, &json) {
                println!("WRITE-FAILED {e}");
                std::process::exit(4);
            }
            println!(
                "OK pages={} lines={} warnings={} file={}",
                doc.document.counts.pages,
                doc.document.counts.lines,
                doc.document.warnings.len(),
                file.display()
            );
            std::process::exit(0)
        }
        Err(DocError::Panic { stage, message }) => {
            println!("PANIC in {stage}: {message}");
            std::process::exit(3)
        }
        Err(e) => {
            println!("ERROR {}: {e}", e.stage());
            std::process::exit(0)
        }
    }
}

#[derive(Default)]
struct Tally {
    results: usize,
    errors: usize,
    failures: Vec<String>,
    slowest: (Duration, String),
}

fn run_category(root: &Path, list: Vec<(PathBuf, String)>) -> Result<(), Failed> {
    // In these categories every input loses content: a result without a warning dropped it
    // silently.
    let lossy = list.first().is_some_and(|(_, name)| LOSSY.iter().any(|c| name.starts_with(c)));
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut t = Tally::default();
    for (path, name) in &list {
        let out = root.join("out").join(path.file_stem().unwrap_or_default());
        std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
        let start = Instant::now();
        let mut child = Command::new(&exe)
            .env(CHILD_ENV, path)
            .env(OUT_ENV, &out)
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        let status = loop {
            match child.try_wait() {
                Ok(Some(s)) => break Some(s),
                Ok(None) if start.elapsed() > DEADLINE => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break None;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(3)),
                Err(e) => return Err(e.to_string().into()),
            }
        };
        let took = start.elapsed();
        if took > t.slowest.0 {
            t.slowest = (took, name.clone());
        }
        let output = child.wait_with_output().map_err(|e| e.to_string())?;
        let stdout = String::from_utf8_lossy(&output.stdout).to_string();
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        let first_err_line =
            stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("").to_string();
        match status {
            None => t.failures.push(format!("HANG  {name}: killed after {:?}", DEADLINE)),
            Some(s) if s.code() == Some(0) && stdout.starts_with("OK") => {
                match check_output_dir(&out) {
                    Ok(()) if lossy && stdout.contains(" warnings=0 ") => t.failures.push(format!(
                        "SILENT LOSS {name}: processed without a warning ({})",
                        stdout.trim()
                    )),
                    Ok(()) => t.results += 1,
                    Err(e) => t.failures.push(format!("CORRUPT {name}: {e}")),
                }
            }
            Some(s) if s.code() == Some(0) && stdout.starts_with("ERROR") => t.errors += 1,
            Some(s) if s.code() == Some(3) => {
                t.failures.push(format!("PANIC {name}: {}", stdout.trim()))
            }
            Some(s) if s.code() == Some(101) => {
                t.failures.push(format!("PANIC {name} (uncaught): {first_err_line}"))
            }
            Some(s) => t.failures.push(format!(
                "CRASH {name}: status {s:?}, stdout {:?}, stderr {first_err_line:?}",
                stdout.trim()
            )),
        }
    }
    eprintln!(
        "{} inputs: {} results, {} typed errors, {} failures; slowest {:?} ({})",
        list.len(),
        t.results,
        t.errors,
        t.failures.len(),
        t.slowest.0,
        t.slowest.1
    );
    if t.failures.is_empty() {
        Ok(())
    } else {
        let shown: Vec<&String> = t.failures.iter().take(25).collect();
        let mut msg = format!("{} of {} inputs failed:\n", t.failures.len(), list.len());
        for f in shown {
            msg.push_str(&format!("  {f}\n"));
        }
        Err(msg.into())
    }
}

/// Every file in the folder is a complete JSON document, and no temporary file is left.
fn check_output_dir(dir: &Path) -> Result<(), String> {
    let mut n = 0;
    for e in walk(dir) {
        let name = e.file_name().map(|x| x.to_string_lossy().to_string()).unwrap_or_default();
        if name.contains(".tmp") {
            return Err(format!("temporary file left: {}", e.display()));
        }
        if name.ends_with(".json") {
            let bytes = std::fs::read(&e).map_err(|x| x.to_string())?;
            serde_json::from_slice::<serde_json::Value>(&bytes)
                .map_err(|x| format!("{} does not parse: {x}", e.display()))?;
            n += 1;
        }
    }
    if n == 0 { Err("no output file written".into()) } else { Ok(()) }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                v.extend(walk(&p));
            } else {
                v.push(p);
            }
        }
    }
    v
}

/// The real CLI over a sample of the damaged inputs: it must exit 0 or 1 (never crash), and leave
/// only complete JSON files behind.
fn cli_batch(root: &Path, sample: &[PathBuf]) -> Result<(), Failed> {
    let input = root.join("cli_in");
    std::fs::create_dir_all(&input).map_err(|e| e.to_string())?;
    for p in sample {
        let name = p.file_name().unwrap_or_default();
        std::fs::copy(p, input.join(name)).map_err(|e| e.to_string())?;
    }
    let out = root.join("cli_out");
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_agendapack"))
        .arg("extract")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let bound = DEADLINE * 4;
    let status = loop {
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(s) => break s,
            None if start.elapsed() > bound => {
                let _ = child.kill();
                return Err(format!(
                    "extract hung on {} inputs (killed after {bound:?})",
                    sample.len()
                )
                .into());
            }
            None => std::thread::sleep(Duration::from_millis(10)),
        }
    };
    let stderr = child
        .wait_with_output()
        .map(|o| String::from_utf8_lossy(&o.stderr).to_string())
        .unwrap_or_default();
    if !matches!(status.code(), Some(0) | Some(1)) {
        return Err(format!(
            "extract exited with {status:?}: {}",
            stderr.lines().last().unwrap_or("")
        )
        .into());
    }
    if stderr.contains("panicked") {
        return Err(format!("extract printed a panic: {stderr}").into());
    }
    for e in walk(&out) {
        let name = e.file_name().map(|x| x.to_string_lossy().to_string()).unwrap_or_default();
        if name.contains(".tmp") {
            return Err(format!("temporary file left: {}", e.display()).into());
        }
        if name.ends_with(".json") {
            let bytes = std::fs::read(&e).map_err(|x| x.to_string())?;
            serde_json::from_slice::<serde_json::Value>(&bytes)
                .map_err(|x| format!("{} does not parse: {x}", e.display()))?;
        }
    }
    eprintln!("extract over {} damaged inputs: {status:?} in {:?}", sample.len(), start.elapsed());
    Ok(())
}

/// All cases, or `None` when the shared corpus is absent (outside CI).
fn generate() -> Option<Vec<Case>> {
    let shared = testsupport::shared_dir()?;
    let corpus = shared.join("corpus");
    let mut pdfs = Vec::new();
    for sub in ["real", "rendered/chromium", "rendered/libreoffice"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(corpus.join(sub))
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        pdfs.extend(files);
    }
    let mut rng = Rng::new(20_250_213);
    let mut cases = Vec::new();
    let mut first_seed = None;
    for p in &pdfs {
        let bytes = std::fs::read(p).ok()?;
        let name = p.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        let producer = p
            .parent()
            .and_then(|d| d.file_name())
            .map(|d| d.to_string_lossy().to_string())
            .unwrap_or_default();
        let seed_name = format!("{producer}-{name}");
        let Some(seed) = damage::seed_pdf(&bytes, 2) else {
            panic!("cannot cut a seed from {}", p.display());
        };
        if first_seed.is_none() {
            first_seed = Some((seed.clone(), seed_name.clone()));
        }
        cases.extend(damage::pdf_cases(&seed_name, &seed, &mut rng, FLIPS));
        cases.extend(adversarial::lost_cases(&seed_name, &seed, &mut rng));
        cases.extend(adversarial::repeated_contents(&seed_name, &seed));
        // Truncations of the whole original file too (a real archive's partial download).
        for (label, frac) in [("orig_33pct", 3), ("orig_66pct", 2)] {
            let at = bytes.len() * (frac - 1) / frac;
            cases.push(Case {
                name: format!("truncated/{seed_name}/{label}"),
                category: "truncated",
                ext: "pdf",
                bytes: bytes[..at].to_vec(),
            });
        }
    }
    if let Some((seed, name)) = &first_seed {
        for (label, size) in [("inflates_256MiB", 256usize << 20), ("inflates_1GiB", 1 << 30)] {
            cases.extend(damage::bomb(seed, size, label, name));
        }
    }
    let mut texts: Vec<PathBuf> = std::fs::read_dir(corpus.join("text"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect()
        })
        .unwrap_or_default();
    let mut packs: Vec<PathBuf> = std::fs::read_dir(testsupport::repo_root().join("corpus/packs"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect()
        })
        .unwrap_or_default();
    texts.sort();
    packs.sort();
    texts.extend(packs);
    let mut sample_text = Vec::new();
    for t in &texts {
        let bytes = std::fs::read(t).ok()?;
        let name = t.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        if sample_text.is_empty() {
            sample_text = bytes[..bytes.len().min(20_000)].to_vec();
        }
        cases.extend(damage::text_cases(&name, &bytes, &mut rng));
    }
    cases.extend(damage::not_pdf_cases(&sample_text));
    cases.extend(adversarial::budget_tables());
    cases.extend(adversarial::strike_cases());
    Some(cases)
}
