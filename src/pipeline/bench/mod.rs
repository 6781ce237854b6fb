//! Throughput of the full pipeline, in process, beside `pdftotext -layout` and pdfplumber on the
//! same files in the same run (`agendapack bench`).
//!
//! "The full pipeline" is, per document: reading the file (from the page cache), the document id,
//! ingest, segment, tables, extract, validate, and serialisation of everything a run writes for
//! it (the pretty-printed per-document JSON and its warehouse rows as JSON Lines) into memory.
//! Nothing is written to disk, and the Parquet encoding of the tables (done once per batch, not
//! per document) is left out. Documents are handed to the workers largest first, so one large
//! document never runs alone at the end.

pub mod external;
pub mod scaling;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::{StageTimes, process_bytes_timed};
use crate::ingest::{InputKind, pdf::Limits};
use crate::output::tables::{document_rows, rows_jsonl};
use crate::tables::TableSettings;

/// Stack of each worker thread, as in batch runs.
const WORKER_STACK_BYTES: usize = 16 << 20;

/// One input file of a set.
#[derive(Debug, Clone)]
pub struct BenchFile {
    pub path: PathBuf,
    pub kind: InputKind,
    pub bytes: u64,
}

/// The files of one folder measured together.
#[derive(Debug, Clone)]
pub struct BenchSet {
    /// The folder as given.
    pub name: String,
    /// Largest first.
    pub files: Vec<BenchFile>,
}

impl BenchSet {
    /// The files under `dir` (recursively). A folder holding PDFs is measured on its PDFs only
    /// (notes such as PROVENANCE.md beside them are left out); one without is measured on its text
    /// renderings.
    pub fn from_dir(dir: &Path) -> std::io::Result<BenchSet> {
        let paths = super::discover(&[dir.to_path_buf()])?;
        let mut files: Vec<BenchFile> = paths
            .into_iter()
            .filter_map(|p| {
                let kind = InputKind::from_path(&p).ok()?;
                let bytes = std::fs::metadata(&p).ok()?.len();
                Some(BenchFile { path: p, kind, bytes })
            })
            .collect();
        if files.iter().any(|f| f.kind == InputKind::Pdf) {
            files.retain(|f| f.kind == InputKind::Pdf);
        }
        files.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.path.cmp(&b.path)));
        Ok(BenchSet { name: dir.display().to_string(), files })
    }

    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|f| f.bytes).sum()
    }

    pub fn largest(&self) -> u64 {
        self.files.iter().map(|f| f.bytes).max().unwrap_or(0)
    }

    /// The PDFs of the set (what the other tools are run on).
    pub fn pdfs(&self) -> Vec<&BenchFile> {
        self.files.iter().filter(|f| f.kind == InputKind::Pdf).collect()
    }
}

/// Time in every step of the full pipeline, summed over the documents of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Steps {
    pub read: Duration,
    pub stages: StageTimes,
    pub serialise: Duration,
}

impl Steps {
    fn add(&mut self, other: &Steps) {
        self.read += other.read;
        self.stages.add(&other.stages);
        self.serialise += other.serialise;
    }

    /// Every step with its name, in pipeline order.
    pub fn named(&self) -> Vec<(&'static str, Duration)> {
        let mut v = vec![("read", self.read)];
        v.extend(self.stages.named());
        v.push(("serialise", self.serialise));
        v
    }

    pub fn total(&self) -> Duration {
        self.named().iter().map(|(_, d)| *d).sum()
    }
}

/// One document of a run.
#[derive(Debug, Clone)]
pub struct DocTiming {
    pub path: PathBuf,
    pub bytes: u64,
    pub pages: u64,
    pub steps: Steps,
    /// Why the document failed, if it did (its time still counts).
    pub error: Option<String>,
}

/// One run of our pipeline over a set.
#[derive(Debug, Clone)]
pub struct Run {
    pub jobs: usize,
    /// Wall-clock seconds for the whole set.
    pub seconds: f64,
    pub pages: u64,
    pub bytes: u64,
    /// Bytes of JSON produced (per-document JSON and table rows).
    pub output_bytes: u64,
    /// Peak resident memory of this process during the run, when the system reports it.
    pub peak_rss_kib: Option<u64>,
    /// Per document, largest first.
    pub docs: Vec<DocTiming>,
}

impl Run {
    pub fn steps(&self) -> Steps {
        let mut s = Steps::default();
        for d in &self.docs {
            s.add(&d.steps);
        }
        s
    }

    pub fn failed(&self) -> usize {
        self.docs.iter().filter(|d| d.error.is_some()).count()
    }
}

/// Pages or bytes per second, 0 for no time.
pub fn rate(n: f64, seconds: f64) -> f64 {
    if seconds > 0.0 { n / seconds } else { 0.0 }
}

/// Resets the peak-RSS mark of this process (Linux 4.0+: writing 5 to `clear_refs`), so that the
/// next reading covers only what follows. Returns whether it could.
pub fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Peak resident memory of this process since start or the last [`reset_peak_rss`], in KiB.
pub fn peak_rss_kib() -> Option<u64> {
    super::manifest::peak_rss_kib()
}

/// The load average over 1, 5 and 15 minutes, as printed by `uptime`.
pub fn load_average() -> Option<String> {
    let s = std::fs::read_to_string("/proc/loadavg").ok()?;
    Some(s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

/// The number of CPUs this process may use.
pub fn cpus() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

/// One document through the full pipeline.
fn one(file: &BenchFile, limits: &Limits, settings: &TableSettings) -> (DocTiming, u64) {
    let mut steps = Steps::default();
    let timing = |error: Option<String>, pages: u64, steps: Steps| DocTiming {
        path: file.path.clone(),
        bytes: file.bytes,
        pages,
        steps,
        error,
    };
    let t = Instant::now();
    let bytes = std::fs::read(&file.path);
    steps.read = t.elapsed();
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => return (timing(Some(e.to_string()), 0, steps), 0),
    };
    let name = file.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let doc = process_bytes_timed(&name, file.kind, &bytes, limits, settings, &mut steps.stages);
    drop(bytes);
    let doc = match doc {
        Ok(d) => d,
        Err(e) => return (timing(Some(e.to_string()), 0, steps), 0),
    };
    let t = Instant::now();
    let json = crate::output::json::to_vec_pretty(&doc);
    let rows = super::isolation::guard(crate::error::Stage::Output, || document_rows(&doc));
    let out = match (json, rows) {
        (Ok(json), Ok(rows)) => {
            rows_jsonl(&rows).map(|r| json.len() as u64 + r.len() as u64).map_err(|e| e.to_string())
        }
        (Err(e), _) => Err(e.to_string()),
        (_, Err(e)) => Err(e.to_string()),
    };
    steps.serialise = t.elapsed();
    let pages = u64::from(doc.document.counts.pages);
    match out {
        Ok(n) => (timing(None, pages, steps), n),
        Err(e) => (timing(Some(e), pages, steps), 0),
    }
}

/// Runs `work(i)` for every document `i` of `weights` on `jobs` threads (16 MiB stacks), each
/// thread taking the largest document not yet taken, as the batch's workers do
/// ([`super::claim::Claims`]), and returns the wall-clock time.
pub fn run_indexed(weights: &[u64], jobs: usize, work: &(dyn Fn(usize) + Sync)) -> Duration {
    let claims = super::claim::Claims::new(weights.to_vec(), weights.len());
    let started = Instant::now();
    std::thread::scope(|s| {
        let claims = &claims;
        let mut handles = Vec::new();
        for i in 0..jobs.max(1) {
            let worker = move || {
                while let Some(k) = claims.next() {
                    work(k);
                }
            };
            let spawned = std::thread::Builder::new()
                .name(format!("agendapack-bench-{i}"))
                .stack_size(WORKER_STACK_BYTES)
                .spawn_scoped(s, worker);
            match spawned {
                Ok(h) => handles.push(h),
                // Fewer threads than asked: the ones running take the remaining documents.
                Err(_) if !handles.is_empty() => break,
                // Not even one thread: do the work here.
                Err(_) => worker(),
            }
        }
        for h in handles {
            let _ = h.join();
        }
    });
    started.elapsed()
}

/// One run of the full pipeline over a set on `jobs` threads.
pub fn run_ours(set: &BenchSet, jobs: usize, limits: &Limits, settings: &TableSettings) -> Run {
    let results: Mutex<Vec<Option<(DocTiming, u64)>>> = Mutex::new(vec![None; set.files.len()]);
    // What an earlier run (another set, or more jobs) freed is not this run's: handed back
    // before the peak is reset, so it does not count in this run's peak.
    crate::alloc::release_free_memory();
    reset_peak_rss();
    let weights: Vec<u64> = set.files.iter().map(|f| f.bytes).collect();
    let elapsed = run_indexed(&weights, jobs, &|i| {
        let r = one(&set.files[i], limits, settings);
        let mut all = results.lock().unwrap_or_else(|e| e.into_inner());
        all[i] = Some(r);
    });
    let peak = peak_rss_kib();
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut docs = Vec::new();
    let mut output_bytes = 0;
    for (i, r) in results.into_iter().enumerate() {
        match r {
            Some((d, n)) => {
                output_bytes += n;
                docs.push(d);
            }
            None => docs.push(DocTiming {
                path: set.files[i].path.clone(),
                bytes: set.files[i].bytes,
                pages: 0,
                steps: Steps::default(),
                error: Some("not processed (a worker stopped)".into()),
            }),
        }
    }
    Run {
        jobs,
        seconds: elapsed.as_secs_f64(),
        pages: docs.iter().map(|d| d.pages).sum(),
        bytes: set.bytes(),
        output_bytes,
        peak_rss_kib: peak,
        docs,
    }
}

/// The fastest of `rounds` runs (at least one); its peak RSS is the highest seen in any round.
pub fn best_of(rounds: usize, mut f: impl FnMut() -> Run) -> Run {
    let mut best: Option<Run> = None;
    let mut peak: Option<u64> = None;
    for _ in 0..rounds.max(1) {
        let r = f();
        peak = peak.max(r.peak_rss_kib);
        if best.as_ref().is_none_or(|b| r.seconds < b.seconds) {
            best = Some(r);
        }
    }
    let mut best = best.unwrap_or_else(f);
    best.peak_rss_kib = peak;
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_index_is_worked_once_whatever_the_thread_count() {
        for jobs in [1, 2, 5] {
            let seen = Mutex::new(vec![0u32; 37]);
            let weights: Vec<u64> = (0..37).map(|i| (i * 7919) % 13).collect();
            run_indexed(&weights, jobs, &|i| {
                seen.lock().unwrap_or_else(|e| e.into_inner())[i] += 1;
            });
            assert_eq!(seen.into_inner().unwrap_or_default(), vec![1u32; 37], "jobs {jobs}");
        }
    }

    #[test]
    fn a_set_of_bundled_packs_is_measured_whole_and_largest_first() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/packs");
        let set = BenchSet::from_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(set.files.len(), 4);
        assert!(set.files.windows(2).all(|w| w[0].bytes >= w[1].bytes));
        let run = run_ours(&set, 2, &Limits::default(), &TableSettings::default());
        assert_eq!(run.failed(), 0, "{:?}", run.docs);
        let council =
            run.docs.iter().find(|d| d.path.ends_with("wealdmere_council_2025-07-17.txt"));
        assert_eq!(council.map(|d| d.bytes), Some(6750));
        assert!(run.pages >= 3, "{}", run.pages);
        assert!(run.output_bytes > set.bytes(), "{} output bytes", run.output_bytes);
        assert!(run.steps().stages.ingest > Duration::ZERO);
    }
}
