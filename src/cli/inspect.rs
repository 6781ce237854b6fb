//! `agendapack inspect FILE --page N [--svg OUT]`: one page as the reader and the table stage
//! saw it, printed (grids) or drawn (SVG).

use std::path::{Path, PathBuf};

use agendapack::inspect::{self, InspectError};
use clap::Args;

pub const AFTER_HELP: &str = "\
Examples:
  agendapack inspect appendix.pdf --page 1
  agendapack inspect appendix.pdf --page 1 --svg p1.svg && rsvg-convert p1.svg -o p1.png

Exit codes:
  0  the page was printed or drawn
  1  the file could not be read, or the SVG could not be written
  2  usage error (no such file, page out of range, --svg on a text file, a bad
     --table-settings file)";

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// A PDF or a text rendering (.txt, .md).
    pub file: PathBuf,
    /// The page to inspect (1-based, physical).
    #[arg(short, long, value_parser = clap::value_parser!(u32).range(1..))]
    pub page: u32,
    /// Write an SVG picture of the page to OUT (PDF only) instead of printing its grids.
    #[arg(long, value_name = "OUT")]
    pub svg: Option<PathBuf>,
    /// A TOML file of table-finder settings to change from their defaults (`snap_tolerance =
    /// 2.0`; docs/tables.md lists them). A key naming no setting is a usage error.
    #[arg(long, value_name = "FILE")]
    pub table_settings: Option<PathBuf>,
    /// Characters of each cell printed.
    #[arg(long, default_value_t = 30)]
    pub width: usize,
}

pub fn run(args: InspectArgs) -> i32 {
    match inspect_page(&args) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {e}");
            e.exit_code()
        }
    }
}

fn inspect_page(args: &InspectArgs) -> Result<(), InspectError> {
    let settings = super::table_settings(args.table_settings.as_deref())?;
    let layout = inspect::open(&args.file)?;
    let view = inspect::view(&layout, args.page, &args.file, &settings)?;
    let Some(out) = &args.svg else {
        print!("{}", inspect::text(&view, args.width));
        return Ok(());
    };
    if layout.source != agendapack::model::SourceKind::Pdf {
        return Err(InspectError::NoGeometry(args.file.clone()));
    }
    write_atomic(out, inspect::svg::render(&view).as_bytes())
        .map_err(|source| InspectError::Write { path: out.clone(), source })?;
    let cells: usize = view
        .grids
        .iter()
        .map(|g| g.rows.iter().flatten().filter(|c| !c.covered && c.bbox.is_some()).count())
        .sum();
    eprintln!(
        "wrote {}: page {} of {}, {} grid(s), {cells} cells",
        out.display(),
        args.page,
        view.pages,
        view.grids.len()
    );
    Ok(())
}

/// Writes under a temporary name beside `path`, then renames: never a half-written file.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
