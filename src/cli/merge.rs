//! `agendapack merge`: the tables of a sharded run as one warehouse.

use std::path::PathBuf;

use agendapack::output::tables::Formats;
use agendapack::pipeline::merge::{self, MergeOptions};
use clap::Args;

pub const AFTER_HELP: &str = "\
Examples:
  agendapack merge out/                      after every shard of a sharded run completed
  agendapack merge out/ --shards 8 --no-parquet

Exit codes:
  0  the merged tables, manifest and _SUCCESS were written
  1  a shard has no _SUCCESS, or a table could not be read or written
  2  usage error, or shards of different splits in one folder";

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The output folder every shard wrote to (`extract --shards` / `--shard` / `--shard-list`).
    pub output_dir: PathBuf,
    /// Number of shards [default: found from the folder].
    #[arg(long, value_name = "N")]
    pub shards: Option<u32>,
    /// Write the merged tables as JSON Lines only.
    #[arg(long)]
    pub no_parquet: bool,
}

pub fn run(args: MergeArgs) -> i32 {
    let opts = MergeOptions {
        out: args.output_dir,
        shards: args.shards,
        formats: Formats { jsonl: true, parquet: !args.no_parquet && cfg!(feature = "parquet") },
    };
    match merge::run(&opts) {
        Ok(m) => {
            let pages: Vec<String> = m.shards.iter().map(|s| s.pages.to_string()).collect();
            let rows: u64 = m.tables.iter().map(|t| t.rows).sum();
            eprintln!(
                "merged {} shards: {} documents, {} pages (per shard {}: max/mean {:.2}), {} failed; \
                 {} tables, {rows} rows in {}/tables/<table>.{} in {:.1} s",
                m.merged_shards,
                m.counts.documents,
                m.pages,
                pages.join(", "),
                m.pages_max_over_mean,
                m.counts.failed,
                m.tables.len(),
                opts.out.display(),
                if opts.formats.parquet { "{jsonl,parquet}" } else { "jsonl" },
                m.elapsed_seconds
            );
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            e.exit_code()
        }
    }
}
