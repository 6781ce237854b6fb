//! Command-line interface: one function per subcommand, errors a person can act on.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

mod bench;
mod extract;
mod merge;
mod plan;
mod schema;
mod shard_list;
mod validate;
mod verify;

#[derive(Parser)]
#[command(
    name = "agendapack",
    version,
    about = "UK council agenda packs into validated, structured data"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract every document under PATHS (files or folders, recursive) into one JSON each and
    /// warehouse tables (JSON Lines, Parquet).
    Extract(extract::ExtractArgs),
    /// Plan balanced shards: a shard list giving each document a shard so that every shard gets
    /// about the same number of pages (or bytes), for `extract --shard-list`.
    Plan(plan::PlanArgs),
    /// Merge the tables of a sharded run (every shard completed) into single
    /// tables/<table>.jsonl and .parquet files, as a one-machine run writes them.
    Merge(merge::MergeArgs),
    /// Time the full pipeline (pages/s, MB/s, peak RSS, time per stage) at one job and at all
    /// CPUs, beside `pdftotext -layout` and pdfplumber on the same files.
    Bench(bench::BenchArgs),
    /// Print (or write) the JSON Schema of the per-document JSON and of every warehouse table.
    Schema(schema::SchemaArgs),
    /// Extract every document of a golden corpus and compare it, field by field, with its
    /// expected JSON; exit 1 on any difference.
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
    Bless {
        /// Corpus folders or files; defaults to corpus/packs and ../shared/corpus.
        paths: Vec<PathBuf>,
        /// Folder of expectations (default: corpus/expected, corpus/expected/shared).
        #[arg(long)]
        expected: Option<PathBuf>,
    },
    /// Re-check the per-document JSON in OUTPUT_DIR (no sources needed) and print findings by rule.
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

/// Runs the CLI and returns the process exit code: 0 all fine, 1 some documents failed, 2 usage.
pub fn main() -> i32 {
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
        Command::Verify { paths, expected, limit } => verify::run(paths, expected, limit),
        Command::Bless { paths, expected } => verify::bless(paths, expected),
        Command::Validate { output_dir, write, verbose, json, deny_errors } => {
            validate::run(validate::Options { dir: output_dir, write, verbose, json, deny_errors })
        }
    }
}
