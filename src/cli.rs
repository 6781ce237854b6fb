//! Command-line interface: one function per subcommand, errors a person can act on.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use agendapack::ingest::pdf::Limits;
use agendapack::pipeline;

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
    /// Extract every document under PATHS (files or folders, recursive) into one JSON each.
    Extract {
        /// Files or folders; defaults to the bundled corpus.
        paths: Vec<PathBuf>,
        /// Output folder.
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
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
        Command::Extract { paths, output } => extract(paths, output),
    }
}

fn extract(paths: Vec<PathBuf>, output: PathBuf) -> i32 {
    let paths = if paths.is_empty() { vec![PathBuf::from("corpus")] } else { paths };
    let files = match pipeline::discover(&paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: cannot read input paths: {e}");
            return 2;
        }
    };
    let limits = Limits::default();
    let mut failed = 0;
    for f in &files {
        match pipeline::process_file(f, &limits) {
            Ok(doc) => {
                let path = output.join(format!("{}.json", doc.document.id));
                let json = match serde_json::to_vec_pretty(&doc) {
                    Ok(j) => j,
                    Err(e) => {
                        eprintln!("error: {}: cannot serialise: {e}", f.display());
                        failed += 1;
                        continue;
                    }
                };
                if let Err(e) = agendapack::output::write_atomic(&path, &json) {
                    eprintln!("error: {}: cannot write {}: {e}", f.display(), path.display());
                    failed += 1;
                }
            }
            Err(e) => {
                eprintln!("error: {}: {} ({})", f.display(), e, e.stage());
                failed += 1;
            }
        }
    }
    eprintln!("{} documents, {} ok, {} failed", files.len(), files.len() - failed, failed);
    if failed > 0 { 1 } else { 0 }
}
