//! Command-line interface: one function per subcommand, errors a person can act on.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

mod bench;
mod extract;
mod inspect;
mod merge;
mod out;
mod plan;
mod schema;
mod shard_list;
mod validate;
mod verify;

#[derive(Parser)]
#[command(
    name = "agendapack",
    version,
    about = "UK council agenda packs into validated, structured data",
    after_help = "Examples:\n  agendapack extract packs/ -o out\n  agendapack validate out/ --verbose\n\n\
                  `agendapack help SUBCOMMAND` shows each one's examples and exit codes."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract every document under PATHS (files or folders, recursive) into one JSON each and
    /// warehouse tables (JSON Lines, Parquet).
    #[command(after_help = extract::AFTER_HELP)]
    Extract(extract::ExtractArgs),
    /// Plan balanced shards: a shard list giving each document a shard so that every shard gets
    /// about the same number of pages (or bytes), for `extract --shard-list`.
    #[command(after_help = PLAN_HELP)]
    Plan(plan::PlanArgs),
    /// Merge the tables of a sharded run (every shard completed) into single
    /// tables/<table>.jsonl and .parquet files, as a one-machine run writes them.
    #[command(after_help = MERGE_HELP)]
    Merge(merge::MergeArgs),
    /// Time the full pipeline (pages/s, MB/s, peak RSS, time per stage) at one job and at all
    /// CPUs, beside `pdftotext -layout` and pdfplumber on the same files.
    #[command(after_help = BENCH_HELP)]
    Bench(bench::BenchArgs),
    /// Show one page as the reader and the table stage saw it: its grids (cells per row, header
    /// rows, method, caption, stitching), or with --svg a picture of the page with word boxes,
    /// rulings, fills, images, rotated text and the grids drawn over it.
    #[command(after_help = INSPECT_HELP)]
    Inspect(inspect::InspectArgs),
    /// Print (or write) the JSON Schema of the per-document JSON and of every warehouse table.
    #[command(after_help = schema::AFTER_HELP)]
    Schema(schema::SchemaArgs),
    /// Extract every document of a golden corpus and compare it, field by field, with its
    /// expected JSON; exit 1 on any difference.
    #[command(after_help = VERIFY_HELP)]
    Verify {
        /// Corpus folders or files; defaults to corpus/packs and ../shared/corpus.
        paths: Vec<PathBuf>,
        /// Folder of expectations (default: corpus/expected, corpus/expected/shared).
        #[arg(long)]
        expected: Option<PathBuf>,
        /// Most differences printed per document.
        #[arg(long, default_value_t = 40)]
        limit: usize,
    },
    /// Write the expected JSON of every document of a golden corpus (review with git diff).
    #[command(after_help = BLESS_HELP)]
    Bless {
        /// Corpus folders or files; defaults to corpus/packs and ../shared/corpus.
        paths: Vec<PathBuf>,
        /// Folder of expectations (default: corpus/expected, corpus/expected/shared).
        #[arg(long)]
        expected: Option<PathBuf>,
    },
    /// Re-check the per-document JSON in OUTPUT_DIR (no sources needed) and print findings by rule.
    #[command(after_help = validate::AFTER_HELP)]
    Validate {
        /// Folder of per-document JSON written by `extract`.
        output_dir: PathBuf,
        /// Rewrite each document's findings with the fresh ones.
        #[arg(long)]
        write: bool,
        /// Print every finding.
        #[arg(short, long)]
        verbose: bool,
        /// Print the run summary as JSON.
        #[arg(long)]
        json: bool,
        /// Exit with status 1 when any error finding is reported.
        #[arg(long)]
        deny_errors: bool,
    },
}

const PLAN_HELP: &str = "\
Examples:
  agendapack plan archive/ --shards 8 -o shards.json
  agendapack extract archive/ -o out --shard 3/8 --shard-list shards.json

Exit codes:
  0  the shard list was written
  1  it could not be written
  2  usage error (bad shard count, no inputs)";

const MERGE_HELP: &str = "\
Examples:
  agendapack merge out/                      after every shard of a sharded run completed
  agendapack merge out/ --shards 8 --no-parquet

Exit codes:
  0  the merged tables, manifest and _SUCCESS were written
  1  a shard has no _SUCCESS, or a table could not be read or written
  2  usage error, or shards of different splits in one folder";

const INSPECT_HELP: &str = "\
Examples:
  agendapack inspect appendix.pdf --page 1
  agendapack inspect appendix.pdf --page 1 --svg p1.svg && rsvg-convert p1.svg -o p1.png

Exit codes:
  0  the page was printed or drawn
  1  the file could not be read, or the SVG could not be written
  2  usage error (no such file, page out of range, --svg on a text file)";

const BENCH_HELP: &str = "\
Examples:
  agendapack bench                           ../shared/corpus/real and rendered, or corpus/packs
  agendapack bench packs/ --no-pdfplumber -v

Exit codes:
  0  measured (a missed target is printed, never a failure)
  2  usage error, or a folder that cannot be read";

const VERIFY_HELP: &str = "\
Examples:
  agendapack verify                          corpus/packs and ../shared/corpus, from a checkout
  agendapack verify my-corpus/ --expected my-expected/

Exit codes:
  0  every document matches its expectation
  1  a difference, a missing or unreadable expectation
  2  usage error";

const BLESS_HELP: &str = "\
Examples:
  agendapack bless                           then review: git diff corpus/expected
  agendapack bless my-corpus/ --expected my-expected/

Exit codes:
  0  every expectation written
  1  some could not be written
  2  usage error";

/// Runs the CLI and returns the process exit code: 0 all fine, 1 some documents failed, 2 usage.
pub fn main() -> i32 {
    out::quiet_broken_pipe();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Plan(args) => plan::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Inspect(args) => inspect::run(args),
        Command::Verify { paths, expected, limit } => verify::run(paths, expected, limit),
        Command::Bless { paths, expected } => verify::bless(paths, expected),
        Command::Validate { output_dir, write, verbose, json, deny_errors } => {
            validate::run(validate::Options { dir: output_dir, write, verbose, json, deny_errors })
        }
    }
}
