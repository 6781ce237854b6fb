//! `agendapack extract`: documents into per-document JSON and warehouse tables.

use std::path::PathBuf;
use std::time::Duration;

use agendapack::limits;
use agendapack::output::tables::Formats;
use agendapack::pipeline::discovery::Filter;
use agendapack::pipeline::{self, BatchOptions, Shard};
use clap::Args;

use super::shard_list;
/// Shown after the options of `agendapack extract --help`.
pub const AFTER_HELP: &str = "\
Examples:
  agendapack extract packs/ -o out              every .pdf, .txt and .md under packs/
  agendapack extract archive/ -o out --include '2025-*/*.pdf' --exclude '*EqIA*'

Not processed, each reported as skipped with its reason: README, PROVENANCE, MANIFEST, LICENSE
and NOTES files, FIFOs, sockets and devices, links back to a folder already walked, and files in
which no meeting, agenda, minutes, report or table is found (--keep-non-packs keeps these).

Exit codes:
  0  every document was processed (or skipped)
  1  some inputs failed or do not exist (each named on stderr and in tables/errors)
  2  usage error (bad option, bad glob, no inputs)";

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders (walked recursively; .pdf, .txt, .md); defaults to ./corpus, the bundled
    /// corpus of a checkout.
    pub paths: Vec<PathBuf>,
    /// Take only files whose path relative to its input matches this glob (repeatable; `*`
    /// crosses folders, so '*.pdf' matches 'real/a.pdf').
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Leave out files whose path relative to its input matches this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Keep as documents the files in which no meeting, agenda, minutes, report or table is
    /// found (a stand-alone report, an appendix of prose), instead of skipping them.
    #[arg(long)]
    pub keep_non_packs: bool,
    /// Output folder: <document-id>.json per document, tables/, manifest.json, _SUCCESS.
    #[arg(short, long, default_value = "output")]
    pub output: PathBuf,
    /// Documents processed in parallel [default: the number of CPUs; at most 4 per CPU and one
    /// per document].
    #[arg(short, long)]
    pub jobs: Option<usize>,
    /// Process every document again, even when its output is current.
    #[arg(long)]
    pub force: bool,
    /// Stop at the first document that fails (no tables, no success marker).
    #[arg(long)]
    pub fail_fast: bool,
    /// Process only shard I of N (0-based), split by document id: e.g. --shard 2/8.
    #[arg(long, value_name = "I/N", conflicts_with = "shards")]
    pub shard: Option<Shard>,
    /// Number of shards, the index read from JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or
    /// SLURM_ARRAY_TASK_ID (Slurm job array).
    #[arg(long, value_name = "N")]
    pub shards: Option<u32>,
    /// Take the documents a shard list from `agendapack plan` gives this shard (the index from
    /// --shard I/N or the environment as for --shards; N must be the list's).
    #[arg(long, value_name = "FILE")]
    pub shard_list: Option<PathBuf>,
    /// Write only the per-document JSON, no warehouse tables.
    #[arg(long)]
    pub no_tables: bool,
    /// Write the warehouse tables as JSON Lines only.
    #[arg(long)]
    pub no_parquet: bool,
    /// Skip (as an error) files larger than this many MiB.
    #[arg(long, value_name = "MIB", default_value_t = 1024)]
    pub max_file_mib: u64,
    /// Stop a document that takes longer than this many seconds (an error with limit
    /// `seconds`; the batch goes on). 0 for no bound.
    #[arg(long, value_name = "SECS", default_value_t = limits::DEFAULT_MAX_SECONDS_PER_DOC)]
    pub max_seconds_per_doc: f64,
    /// Stop a document that holds more than 256 MiB plus this many times its file size in
    /// memory (an error with limit `memory`; the batch goes on). 0 for no bound.
    #[arg(long, value_name = "N", default_value_t = limits::DEFAULT_MEMORY_FACTOR)]
    pub max_memory_factor: u64,
    /// A TOML file of table-finder settings to change from their defaults (`snap_tolerance =
    /// 2.0`; docs/tables.md lists them). A key naming no setting is a usage error.
    #[arg(long, value_name = "FILE")]
    pub table_settings: Option<PathBuf>,
    /// Never draw the progress bar (it is only drawn when stderr is a terminal anyway).
    #[arg(short, long)]
    pub quiet: bool,
    /// Sleep this many milliseconds before each document (for interruption tests).
    #[arg(long, hide = true)]
    pub delay_ms: Option<u64>,
}

pub fn run(args: ExtractArgs) -> i32 {
    let paths = if args.paths.is_empty() {
        let bundled = PathBuf::from("corpus");
        if !bundled.is_dir() {
            eprintln!(
                "error: no input paths given, and the bundled corpus (./corpus, in a checkout of \
                 agendapack) is not here.\n\
                 Pass the agenda packs to read, files or folders: agendapack extract PATH... -o OUT"
            );
            return 2;
        }
        vec![bundled]
    } else {
        args.paths
    };
    let filter = match Filter::new(&args.include, &args.exclude) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let (shard, shard_list) = match shard_list::select(args.shard, args.shards, args.shard_list) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    if args.jobs == Some(0) {
        eprintln!("error: --jobs must be at least 1");
        return 2;
    }
    let table_settings = match super::table_settings(args.table_settings.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    let mut opts = BatchOptions::new(paths, args.output);
    opts.filter = filter;
    opts.keep_non_packs = args.keep_non_packs;
    opts.jobs = jobs;
    opts.force = args.force;
    opts.fail_fast = args.fail_fast;
    opts.shard = shard;
    opts.shard_list = shard_list;
    opts.progress = !args.quiet;
    opts.formats = Formats {
        jsonl: !args.no_tables,
        parquet: !args.no_tables && !args.no_parquet && cfg!(feature = "parquet"),
    };
    opts.max_file_bytes = args.max_file_mib.saturating_mul(1 << 20);
    if !(args.max_seconds_per_doc >= 0.0 && args.max_seconds_per_doc.is_finite()) {
        eprintln!("error: --max-seconds-per-doc must be a number of seconds, 0 or more");
        return 2;
    }
    opts.limits.max_seconds_per_doc =
        (args.max_seconds_per_doc > 0.0).then_some(args.max_seconds_per_doc);
    opts.limits.memory_factor = args.max_memory_factor;
    opts.table_settings = table_settings;
    opts.delay_per_document = args.delay_ms.map(Duration::from_millis);

    match pipeline::batch::run(&opts) {
        Ok(report) => {
            let m = &report.manifest;
            let shard = if m.shard.count > 1 {
                format!(" (shard {}/{})", m.shard.index, m.shard.count)
            } else {
                String::new()
            };
            eprintln!(
                "{} documents{shard} from {} files: {} processed, {} unchanged, {} failed, \
                 {} skipped; {} pages, {} findings in {:.1} s{}",
                m.counts.documents,
                m.counts.files,
                m.counts.processed,
                m.counts.unchanged,
                m.counts.failed,
                m.skipped.len(),
                m.pages,
                m.findings,
                m.elapsed_seconds,
                if report.aborted { " (stopped at the first failure)" } else { "" }
            );
            report.exit_code()
        }
        Err(e) => {
            eprintln!("error: {e}");
            e.exit_code()
        }
    }
}
