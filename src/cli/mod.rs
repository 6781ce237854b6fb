//! Command-line interface: one function per subcommand, errors a person can act on.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

mod extract;

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
        Command::Extract { paths, output } => extract::run(paths, output),
    }
}
