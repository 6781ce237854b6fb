//! The tools we are measured against, run as child processes on the same files: `pdftotext
//! -layout` (poppler) and pdfplumber's `extract_text` + `extract_tables` (Python, through
//! `scripts/pdfplumber_bench.py`), with the peak memory of their largest process.

use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::{BenchFile, run_indexed};

/// The pdfplumber script, carried in the binary so `bench` runs from any folder.
pub const PDFPLUMBER_SCRIPT: &str = include_str!("../../../scripts/pdfplumber_bench.py");

/// One run of another tool over the PDFs of a set.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolRun {
    pub jobs: usize,
    pub seconds: f64,
    /// Pages the tool read (pdfplumber counts them; for pdftotext, ours are used).
    pub pages: Option<u64>,
    /// Largest peak RSS of any one child process, in KiB.
    pub peak_rss_kib: Option<u64>,
    /// Files the tool failed on.
    pub failed: usize,
    /// Per file, in the order given: seconds (pdftotext only, at one job).
    pub per_file: Vec<Option<f64>>,
}

/// Peak RSS of one run of a command, in KiB, from GNU time (`/usr/bin/time -f %M`), which reads it
/// from `wait4` in a small process of its own. (Read from our own `wait4`, a child's peak would
/// include this process's memory, which it shares until `exec`.) `None` when GNU time is missing.
pub fn peak_rss_of(program: &str, args: &[&std::ffi::OsStr]) -> Option<u64> {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .ok()?;
    let err = String::from_utf8_lossy(&out.stderr);
    err.lines().last()?.trim().parse().ok()
}

/// Whether `pdftotext` can be run.
pub fn have_pdftotext() -> bool {
    Command::new("pdftotext").arg("-v").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok()
}

/// Whether `python3` can import pdfplumber.
pub fn have_pdfplumber(python: &str) -> bool {
    Command::new(python)
        .args(["-c", "import pdfplumber"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `pdftotext -layout` on every file (text to a pipe we discard), on `jobs` processes at a time
/// (largest file first, as ours), best of `rounds`.
pub fn pdftotext(files: &[&BenchFile], jobs: usize, rounds: usize) -> ToolRun {
    let mut best: Option<ToolRun> = None;
    for _ in 0..rounds.max(1) {
        let results: Mutex<Vec<Option<(Duration, bool)>>> = Mutex::new(vec![None; files.len()]);
        let weights: Vec<u64> = files.iter().map(|f| f.bytes).collect();
        let elapsed = run_indexed(&weights, jobs, &|i| {
            let t = Instant::now();
            let ok = Command::new("pdftotext")
                .args(["-layout", "-q"])
                .arg(&files[i].path)
                .arg("-")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            let d = t.elapsed();
            results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some((d, ok));
        });
        let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
        let failed = results.iter().filter(|r| !r.is_some_and(|(_, ok)| ok)).count();
        let run = ToolRun {
            jobs,
            seconds: elapsed.as_secs_f64(),
            pages: None,
            peak_rss_kib: None,
            failed,
            per_file: results.iter().map(|r| r.map(|(d, _)| d.as_secs_f64())).collect(),
        };
        if best.as_ref().is_none_or(|b| run.seconds < b.seconds) {
            best = Some(run);
        }
    }
    let mut best = best.unwrap_or(ToolRun {
        jobs,
        seconds: 0.0,
        pages: None,
        peak_rss_kib: None,
        failed: files.len(),
        per_file: Vec::new(),
    });
    // Memory in a pass of its own, outside the timed rounds: the largest of any one process.
    best.peak_rss_kib = files
        .iter()
        .filter_map(|f| {
            let args = ["-layout".as_ref(), "-q".as_ref(), f.path.as_os_str(), "-".as_ref()];
            peak_rss_of("pdftotext", &args)
        })
        .max();
    best
}

/// pdfplumber's `extract_text` and `extract_tables` on every page of every file, on `jobs`
/// processes, once (it is slow). `None` when the script could not run or printed no result.
pub fn pdfplumber(python: &str, files: &[&BenchFile], jobs: usize) -> Option<ToolRun> {
    let out = std::env::temp_dir()
        .join(format!("agendapack-bench-pdfplumber-{}-{jobs}.json", std::process::id()));
    Command::new(python)
        .arg("-c")
        .arg(PDFPLUMBER_SCRIPT)
        .arg("--jobs")
        .arg(jobs.to_string())
        .arg("--out")
        .arg(&out)
        .args(files.iter().map(|f| &f.path))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?;
    let text = std::fs::read_to_string(&out).ok();
    let _ = std::fs::remove_file(&out);
    let v: serde_json::Value = serde_json::from_str(&text?).ok()?;
    let seconds = v.get("seconds")?.as_f64()?;
    Some(ToolRun {
        jobs,
        seconds,
        pages: v.get("pages").and_then(serde_json::Value::as_u64),
        peak_rss_kib: v.get("max_rss_kib").and_then(serde_json::Value::as_u64),
        failed: v.get("failed").and_then(serde_json::Value::as_u64).unwrap_or(0) as usize,
        per_file: Vec::new(),
    })
}
