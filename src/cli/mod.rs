//! Command-line interface: one function per subcommand, errors a person can act on.

use std::path::Path;

use agendapack::tables::{SettingsError, TableSettings};
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
    #[command(after_help = plan::AFTER_HELP)]
    Plan(plan::PlanArgs),
    /// Merge the tables of a sharded run (every shard completed) into single
    /// tables/<table>.jsonl and .parquet files, as a one-machine run writes them.
    #[command(after_help = merge::AFTER_HELP)]
    Merge(merge::MergeArgs),
    /// Time the full pipeline (pages/s, MB/s, peak RSS, time per stage) at one job and at all
    /// CPUs, beside `pdftotext -layout` and pdfplumber on the same files.
    #[command(after_help = bench::AFTER_HELP)]
    Bench(bench::BenchArgs),
    /// Show one page as the reader and the table stage saw it: its grids (cells per row, header
    /// rows, method, caption, stitching), or with --svg a picture of the page with word boxes,
    /// rulings, fills, images, rotated text and the grids drawn over it.
    #[command(after_help = inspect::AFTER_HELP)]
    Inspect(inspect::InspectArgs),
    /// Print (or write) the JSON Schema of the per-document JSON and of every warehouse table.
    #[command(after_help = schema::AFTER_HELP)]
    Schema(schema::SchemaArgs),
    /// Extract every document of a golden corpus and compare it, field by field, with its
    /// expected JSON; exit 1 on any difference.
    #[command(after_help = verify::AFTER_HELP)]
    Verify(verify::VerifyArgs),
    /// Write the expected JSON of every document of a golden corpus (review with git diff).
    #[command(after_help = verify::BLESS_HELP)]
    Bless(verify::BlessArgs),
    /// Re-check the per-document JSON in OUTPUT_DIR (no sources needed) and print findings by rule.
    #[command(after_help = validate::AFTER_HELP)]
    Validate(validate::ValidateArgs),
}

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
        Command::Verify(args) => verify::run(args),
        Command::Bless(args) => verify::bless(args),
        Command::Validate(args) => validate::run(args),
    }
}

/// What `--table-settings FILE` asks for: the defaults with the settings the file names changed,
/// or the defaults without the option.
fn table_settings(file: Option<&Path>) -> Result<TableSettings, SettingsError> {
    file.map_or_else(|| Ok(TableSettings::default()), TableSettings::from_file)
}
