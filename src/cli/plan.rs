//! `agendapack plan`: a shard list that balances pages (or bytes) over N shards.

use std::path::PathBuf;

use agendapack::output::write_atomic;
use agendapack::pipeline::plan::{self, Measure};
use clap::Args;

pub const AFTER_HELP: &str = "\
Examples:
  agendapack plan archive/ --shards 8 -o shards.json
  agendapack extract archive/ -o out --shard 3/8 --shard-list shards.json

Exit codes:
  0  the shard list was written
  1  it could not be written
  2  usage error (bad shard count, no inputs)";

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Files or folders (walked recursively; .pdf, .txt, .md), as extract will be given them.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Number of shards.
    #[arg(long, value_name = "N")]
    pub shards: u32,
    /// What to balance: pages (a PDF's page count; a text file's bytes / 3,300) or bytes.
    #[arg(long, value_name = "MEASURE", default_value = "pages")]
    pub by: Measure,
    /// Where to write the shard list (JSON), for `extract --shard-list`.
    #[arg(short, long, value_name = "FILE", default_value = "shard-list.json")]
    pub output: PathBuf,
    /// Files read in parallel [default: the number of CPUs].
    #[arg(short, long)]
    pub jobs: Option<usize>,
}

pub fn run(args: PlanArgs) -> i32 {
    if args.jobs == Some(0) {
        eprintln!("error: --jobs must be at least 1");
        return 2;
    }
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(j) = args.jobs {
        pool = pool.num_threads(j);
    }
    let planned = match pool.build() {
        Ok(pool) => pool.install(|| plan::plan(&args.paths, args.shards, args.by)),
        Err(e) => {
            eprintln!("error: cannot start worker threads: {e}");
            return 1;
        }
    };
    let list = match planned {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let json = match serde_json::to_vec_pretty(&list) {
        Ok(mut j) => {
            j.push(b'\n');
            j
        }
        Err(e) => {
            eprintln!("error: cannot encode the shard list: {e}");
            return 1;
        }
    };
    if let Err(e) = write_atomic(&args.output, &json) {
        eprintln!("error: cannot write {}: {e}", args.output.display());
        return 1;
    }
    let pages: Vec<String> = list.loads.iter().map(|l| l.pages.to_string()).collect();
    let pages_total: u64 = list.loads.iter().map(|l| l.pages).sum();
    eprintln!(
        "{} documents, {pages_total} pages in {} shards by {}: pages per shard {}; max/mean {:.2} \
         (split by id: {:.2}); wrote {}",
        list.documents.len(),
        list.shards,
        list.by,
        pages.join(", "),
        list.max_over_mean,
        list.hash_split_max_over_mean,
        args.output.display()
    );
    0
}
