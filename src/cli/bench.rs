//! `agendapack bench`: pages/s and MB/s of the full pipeline at one job and at N, beside
//! `pdftotext -layout` and pdfplumber on the same files in the same run, with peak memory and the
//! time spent in each stage. Prints figures only; never fails on a number.

use std::path::{Path, PathBuf};

use agendapack::ingest::pdf::Limits;
use agendapack::pipeline::bench::external::{self, ToolRun};
use agendapack::pipeline::bench::{self, BenchSet, Run, rate, scaling};
use agendapack::tables::TableSettings;
use clap::Args;

pub const AFTER_HELP: &str = "\
Examples:
  agendapack bench                           ../shared/corpus/real and rendered, or corpus/packs
  agendapack bench packs/ --no-pdfplumber -v

Exit codes:
  0  measured (a missed target is printed, never a failure)
  2  usage error, or a folder that cannot be read";

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Folders (or files) to measure, each as one set [default: ../shared/corpus/real and
    /// ../shared/corpus/rendered when present, else the bundled corpus/packs].
    pub dirs: Vec<PathBuf>,
    /// Threads for the parallel run [default: the number of CPUs].
    #[arg(short, long)]
    pub jobs: Option<usize>,
    /// Runs of our pipeline and of pdftotext per figure; the fastest is reported.
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// Do not run pdftotext.
    #[arg(long)]
    pub no_pdftotext: bool,
    /// Do not run pdfplumber (it is slow: minutes on the rendered corpus).
    #[arg(long)]
    pub no_pdfplumber: bool,
    /// Python interpreter with pdfplumber installed.
    #[arg(long, default_value = "python3")]
    pub python: String,
    /// Also print every document: pages, our time and pdftotext's, and its slowest stage.
    #[arg(short, long)]
    pub verbose: bool,
    /// Instead, time pathological inputs made in memory at size N and 2N (rows, rules, glyphs,
    /// repeated content streams) and print each ratio (near 2 when the work grows linearly).
    #[arg(long)]
    pub scaling: bool,
    /// A TOML file of table-finder settings to change from their defaults (docs/tables.md).
    #[arg(long, value_name = "FILE")]
    pub table_settings: Option<PathBuf>,
    /// With --scaling: multiply every N by this.
    #[arg(long, default_value_t = 1, requires = "scaling")]
    pub scale: usize,
}

fn default_dirs() -> Vec<PathBuf> {
    let shared: Vec<PathBuf> = ["../shared/corpus/real", "../shared/corpus/rendered"]
        .iter()
        .map(PathBuf::from)
        .filter(|p| p.is_dir())
        .collect();
    if shared.is_empty() { vec![PathBuf::from("corpus/packs")] } else { shared }
}

fn mib(kib: Option<u64>) -> String {
    kib.map(|k| format!("{:.0} MiB", k as f64 / 1024.0)).unwrap_or_else(|| "n/a".into())
}

fn ratio(ours: f64, theirs: f64) -> String {
    if theirs > 0.0 { format!("{:.2}x", ours / theirs) } else { "n/a".into() }
}

fn line(label: &str, pages: u64, bytes: u64, seconds: f64, rss: Option<u64>) -> String {
    format!(
        "  {label:<28} {seconds:>8.3} s {:>9.1} pages/s {:>7.2} MB/s  peak RSS {}",
        rate(pages as f64, seconds),
        rate(bytes as f64 / 1e6, seconds),
        mib(rss)
    )
}

pub fn run(args: BenchArgs) -> i32 {
    if args.jobs == Some(0) {
        eprintln!("error: --jobs must be at least 1");
        return 2;
    }
    if args.scaling {
        return scaling(args.scale, args.rounds);
    }
    let settings = match super::table_settings(args.table_settings.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let cpus = bench::cpus();
    let jobs = args.jobs.unwrap_or(cpus);
    let dirs = if args.dirs.is_empty() { default_dirs() } else { args.dirs.clone() };
    let mut sets = Vec::new();
    for d in &dirs {
        match BenchSet::from_dir(d) {
            Ok(s) if s.files.is_empty() => eprintln!("note: no documents under {}", d.display()),
            Ok(s) => sets.push(s),
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", d.display());
                return 2;
            }
        }
    }
    let pdftotext = !args.no_pdftotext && external::have_pdftotext();
    let pdfplumber = !args.no_pdfplumber && external::have_pdfplumber(&args.python);
    println!(
        "agendapack {} bench: {cpus} CPUs, jobs 1 and {jobs}, best of {} rounds, load average {}",
        env!("CARGO_PKG_VERSION"),
        args.rounds.max(1),
        bench::load_average().unwrap_or_else(|| "n/a".into())
    );
    println!(
        "full pipeline = read + id + ingest + segment + tables + extract + validate + serialise \
         (document JSON and table rows in memory, nothing written)"
    );
    if !pdftotext && !args.no_pdftotext {
        println!("note: pdftotext is not installed; no comparison with it");
    }
    if !pdfplumber && !args.no_pdfplumber {
        println!(
            "note: {} cannot import pdfplumber (scripts/bench.sh installs it); no comparison with it",
            args.python
        );
    }
    let limits = Limits::default();
    for set in &sets {
        report_set(set, jobs, &args, &limits, &settings, pdftotext, pdfplumber);
    }
    println!("load average at the end: {}", bench::load_average().unwrap_or_else(|| "n/a".into()));
    0
}

fn report_set(
    set: &BenchSet,
    jobs: usize,
    args: &BenchArgs,
    limits: &Limits,
    settings: &TableSettings,
    pdftotext: bool,
    pdfplumber: bool,
) {
    let pdfs = set.pdfs();
    println!();
    println!(
        "set {}: {} files ({} PDF), {:.2} MB, largest {:.2} MB",
        set.name,
        set.files.len(),
        pdfs.len(),
        set.bytes() as f64 / 1e6,
        set.largest() as f64 / 1e6
    );
    let mut job_counts = vec![1];
    if jobs != 1 {
        job_counts.push(jobs);
    }
    let ours: Vec<Run> = job_counts
        .iter()
        .map(|&j| bench::best_of(args.rounds, || bench::run_ours(set, j, limits, settings)))
        .collect();
    let pages = ours[0].pages;
    let failed = ours[0].failed();
    println!(
        "  {pages} pages, {failed} failed, {:.2} MB of JSON out per run",
        ours[0].output_bytes as f64 / 1e6
    );
    let pdf_bytes: u64 = pdfs.iter().map(|f| f.bytes).sum();
    let pdf_pages: u64 = ours[0]
        .docs
        .iter()
        .filter(|d| pdfs.iter().any(|f| f.path == d.path))
        .map(|d| d.pages)
        .sum();
    let mut text_runs: Vec<Option<ToolRun>> = Vec::new();
    let mut plumber_runs: Vec<Option<ToolRun>> = Vec::new();
    for &j in &job_counts {
        text_runs.push(
            (pdftotext && !pdfs.is_empty()).then(|| external::pdftotext(&pdfs, j, args.rounds)),
        );
        plumber_runs.push(
            (pdfplumber && !pdfs.is_empty())
                .then(|| external::pdfplumber(&args.python, &pdfs, j))
                .flatten(),
        );
    }
    for (k, &j) in job_counts.iter().enumerate() {
        let o = &ours[k];
        println!(
            "{}",
            line(&format!("agendapack --jobs {j}"), o.pages, o.bytes, o.seconds, o.peak_rss_kib)
        );
        let ours_rate = rate(o.pages as f64, o.seconds);
        if let Some(t) = &text_runs[k] {
            let r = rate(pdf_pages as f64, t.seconds);
            println!(
                "{}  -> agendapack/pdftotext {}{}",
                line(
                    &format!("pdftotext -layout x{j}"),
                    pdf_pages,
                    pdf_bytes,
                    t.seconds,
                    t.peak_rss_kib
                ),
                ratio(ours_rate, r),
                if t.failed > 0 { format!(" ({} failed)", t.failed) } else { String::new() }
            );
        }
        if let Some(p) = &plumber_runs[k] {
            let n = p.pages.unwrap_or(pdf_pages);
            let r = rate(n as f64, p.seconds);
            println!(
                "{}  -> agendapack/pdfplumber {}{}",
                line(
                    &format!("pdfplumber text+tables x{j}"),
                    n,
                    pdf_bytes,
                    p.seconds,
                    p.peak_rss_kib
                ),
                ratio(ours_rate, r),
                if p.failed > 0 { format!(" ({} failed)", p.failed) } else { String::new() }
            );
        } else if pdfplumber && !pdfs.is_empty() {
            println!("  pdfplumber x{j}: the script gave no result");
        }
    }
    let speedup = if ours.len() > 1 {
        ratio(1.0 / ours[1].seconds.max(1e-9), 1.0 / ours[0].seconds.max(1e-9))
    } else {
        "n/a".into()
    };
    println!("  speed-up of agendapack --jobs {jobs} over --jobs 1: {speedup}");

    let steps = ours[0].steps();
    let total = steps.total().as_secs_f64();
    let shares: Vec<String> = steps
        .named()
        .iter()
        .map(|(n, d)| {
            format!("{n} {:.3} s ({:.0}%)", d.as_secs_f64(), 100.0 * rate(d.as_secs_f64(), total))
        })
        .collect();
    println!("  stages at --jobs 1: {}", shares.join(", "));

    // The targets of the project, as lines that say met or missed.
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    if let Some(t) = &text_runs[0] {
        let r = rate(ours[0].pages as f64, ours[0].seconds)
            / rate(pdf_pages as f64, t.seconds).max(1e-9);
        println!(
            "  target agendapack --jobs 1 >= 1.5x pdftotext -layout pages/s: {:.2}x, {}",
            r,
            verdict(r >= 1.5)
        );
    }
    if let Some(p) = &plumber_runs[0] {
        let pr = rate(p.pages.unwrap_or(pdf_pages) as f64, p.seconds);
        let r = rate(ours[0].pages as f64, ours[0].seconds) / pr.max(1e-9);
        println!(
            "  target agendapack --jobs 1 >= 50x pdfplumber pages/s: {:.1}x, {}",
            r,
            verdict(r >= 50.0)
        );
    }
    // Memory: the target is for one job; with N, up to N documents are in memory at once.
    let limit_kib = (10 * set.largest() + 50_000_000) / 1024;
    for o in &ours {
        match o.peak_rss_kib {
            Some(p) if o.jobs == 1 => println!(
                "  target peak RSS at --jobs 1 < 10 x largest input + 50 MB ({}): {}, {}",
                mib(Some(limit_kib)),
                mib(Some(p)),
                verdict(p < limit_kib)
            ),
            Some(p) => println!(
                "  peak RSS at --jobs {}: {} ({:.1}x the one-job limit, {} documents in memory at once)",
                o.jobs,
                mib(Some(p)),
                p as f64 / limit_kib.max(1) as f64,
                o.jobs
            ),
            None => println!("  peak RSS at --jobs {}: not measurable on this system", o.jobs),
        }
    }
    if args.verbose {
        per_document(&ours[0], &pdfs, text_runs[0].as_ref());
    }
}

fn per_document(run: &Run, pdfs: &[&bench::BenchFile], text: Option<&ToolRun>) {
    println!(
        "  {:<56} {:>6} {:>10} {:>10} {:>7}  slowest stage",
        "document", "pages", "ours s", "pdftotext", "ratio"
    );
    for d in &run.docs {
        let theirs = pdfs
            .iter()
            .position(|f| f.path == d.path)
            .and_then(|i| text.and_then(|t| t.per_file.get(i).copied().flatten()));
        let ours = d.steps.total().as_secs_f64();
        let slowest = d.steps.named().into_iter().max_by_key(|(_, t)| *t);
        println!(
            "  {:<56} {:>6} {:>10.3} {:>10} {:>7}  {}{}",
            short(&d.path),
            d.pages,
            ours,
            theirs.map(|t| format!("{t:.3}")).unwrap_or_else(|| "-".into()),
            theirs.map(|t| ratio(t, ours)).unwrap_or_else(|| "-".into()),
            slowest.map(|(n, t)| format!("{n} {:.3} s", t.as_secs_f64())).unwrap_or_default(),
            d.error.as_ref().map(|e| format!("  FAILED: {e}")).unwrap_or_default()
        );
    }
}

fn short(p: &Path) -> String {
    let parts: Vec<String> = p
        .components()
        .rev()
        .take(2)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.into_iter().rev().collect::<Vec<_>>().join("/")
}

/// `bench --scaling`: time at N and 2N of each pathological shape, and the ratio.
fn scaling(scale: usize, rounds: usize) -> i32 {
    println!(
        "agendapack {} bench --scaling: full pipeline in process, one thread, best of {} rounds, \
         load average {}",
        env!("CARGO_PKG_VERSION"),
        rounds.max(1),
        bench::load_average().unwrap_or_else(|| "n/a".into())
    );
    println!(
        "  {:<18} {:>10} {:>10} {:>10} {:>7}  N counts",
        "shape", "N", "time N", "time 2N", "ratio"
    );
    for s in scaling::measure(scale, rounds) {
        println!(
            "  {:<18} {:>10} {:>8.3} s {:>8.3} s {:>7.2}  {}{}",
            s.shape,
            s.n,
            s.time_n.as_secs_f64(),
            s.time_2n.as_secs_f64(),
            s.ratio(),
            s.unit,
            if s.outcome == "ok" { String::new() } else { format!(" (2N: {})", s.outcome) }
        );
    }
    0
}
