//! `agendapack inspect`: what the reader and the table stage saw on one page, to look at while
//! changing them.
//!
//! [`open`] reads a file, [`view`] gathers one page's layout facts (runs, rulings, fills,
//! images, rotated text) with the page's grids before stitching and what stitching did with each,
//! [`text`] prints the grids and [`svg::render`] draws the page.

pub mod svg;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::error::DocError;
use crate::ingest::{self, InputKind, pdf::Limits};
use crate::model::{Grid, Layout, Page, SourceKind};
use crate::tables::{self, Join, SettingsError, TableSettings};

/// Why a page could not be inspected.
#[derive(Debug, thiserror::Error)]
pub enum InspectError {
    #[error("{}: no such file", .0.display())]
    Missing(PathBuf),
    #[error("{}: {source}", .path.display())]
    Unsupported { path: PathBuf, source: DocError },
    #[error("{}: cannot read it: {source}", .path.display())]
    Unreadable { path: PathBuf, source: DocError },
    #[error("page {page} is out of range: {} has {pages} page(s)", .path.display())]
    PageOutOfRange { path: PathBuf, page: u32, pages: usize },
    #[error(
        "{}: a text rendering has no page geometry to draw; run without --svg to print its grids",
        .0.display()
    )]
    NoGeometry(PathBuf),
    #[error("cannot write {}: {source}", .path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Settings(#[from] SettingsError),
}

impl InspectError {
    /// The process exit code: 2 for a usage error (no such file, a file type the reader does
    /// not take, a page out of range, a picture of a text rendering, a table settings file that
    /// cannot be read or names no setting), 1 for a file that cannot
    /// be read or an output that cannot be written.
    pub fn exit_code(&self) -> i32 {
        match self {
            InspectError::Missing(_)
            | InspectError::Unsupported { .. }
            | InspectError::PageOutOfRange { .. }
            | InspectError::NoGeometry(_)
            | InspectError::Settings(_) => 2,
            InspectError::Unreadable { .. } | InspectError::Write { .. } => 1,
        }
    }
}

/// Reads a PDF or a text rendering into its layout.
pub fn open(path: &Path) -> Result<Layout, InspectError> {
    if !path.exists() {
        return Err(InspectError::Missing(path.to_path_buf()));
    }
    let kind = InputKind::from_path(path)
        .map_err(|source| InspectError::Unsupported { path: path.to_path_buf(), source })?;
    let unreadable = |source| InspectError::Unreadable { path: path.to_path_buf(), source };
    let bytes = std::fs::read(path).map_err(|e| unreadable(DocError::Io(e)))?;
    ingest::read(kind, &bytes, &Limits::default()).map_err(unreadable)
}

/// One page as the table stage sees it.
#[derive(Debug)]
pub struct PageView<'a> {
    pub page: &'a Page,
    pub source: SourceKind,
    /// Pages in the document.
    pub pages: usize,
    /// The page's grids before stitching (a text rendering's grids as read), top to bottom.
    pub grids: Vec<Grid>,
    /// What stitching did with each grid of `grids`.
    pub stitching: Vec<Stitching>,
    /// The document's direction-of-travel legend: what each picture stands for.
    pub legend: crate::extract::dot::Legend,
}

/// What stitching did with one grid of a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stitching {
    /// The part this grid continues, if stitching joined it to one.
    pub continues: Option<String>,
    /// The part that continues this grid, if any.
    pub continued_by: Option<String>,
    /// The same in words, with the join's details and the stitched grid.
    pub notes: Vec<String>,
}

/// Gathers page `number` (1-based) of a layout, the table stage run with `s`. `path` only names
/// the file in errors.
pub fn view<'a>(
    layout: &'a Layout,
    number: u32,
    path: &Path,
    s: &TableSettings,
) -> Result<PageView<'a>, InspectError> {
    let pages = layout.pages.len();
    let out_of_range =
        || InspectError::PageOutOfRange { path: path.to_path_buf(), page: number, pages };
    let index = (number as usize).checked_sub(1).ok_or_else(out_of_range)?;
    let page = layout.pages.get(index).ok_or_else(out_of_range)?;
    let (grids, stitching) = match layout.source {
        SourceKind::Text => {
            let grids: Vec<Grid> = page.text_tables.iter().map(tables::text::grid).collect();
            let none = vec![Stitching::default(); grids.len()];
            (grids, none)
        }
        SourceKind::Pdf => {
            let grids = tables::page_grids(page, s);
            let (stitched, joins) = tables::grids_explained(layout, s);
            let ids = |i: Option<usize>| {
                i.and_then(|i| layout.pages.get(i))
                    .map(|p| tables::page_grids(p, s).into_iter().map(|g| g.id).collect())
                    .unwrap_or_default()
            };
            let (before, after): (Vec<String>, Vec<String>) =
                (ids(index.checked_sub(1)), ids(Some(index + 1)));
            let notes = grids
                .iter()
                .enumerate()
                .map(|(i, g)| {
                    let first = i == 0;
                    let last = i + 1 == grids.len();
                    stitching(
                        &g.id,
                        &stitched,
                        &joins,
                        first.then(|| before.last()).flatten(),
                        last.then(|| after.first()).flatten(),
                    )
                })
                .collect();
            (grids, notes)
        }
    };
    let legend = crate::extract::dot::legend(layout);
    Ok(PageView { page, source: layout.source, pages, grids, stitching, legend })
}

/// What stitching did with the grid `id`: the stitched grid it belongs to, the part before and
/// after it, and the join's details; or, for the first (last) grid of a page that stitching did
/// not join, the grid on the page before (after) it did not join it to.
fn stitching(
    id: &str,
    stitched: &[Grid],
    joins: &[Join],
    prev_page_last: Option<&String>,
    next_page_first: Option<&String>,
) -> Stitching {
    let mut out = Stitching::default();
    let mut notes = Vec::new();
    let Some(whole) =
        stitched.iter().find(|g| g.id == id || g.continued_from.iter().any(|p| p == id))
    else {
        return out;
    };
    let chain: Vec<&str> = std::iter::once(whole.id.as_str())
        .chain(whole.continued_from.iter().map(String::as_str))
        .collect();
    let at = chain.iter().position(|c| *c == id).unwrap_or(0);
    if let Some(prev) = at.checked_sub(1).map(|i| chain[i]) {
        out.continues = Some(prev.to_string());
        let mut n = format!("continues {prev}");
        if let Some(j) = joins.iter().find(|j| j.part == id) {
            if j.same_page {
                n.push_str(" on the same page");
            }
            if j.dropped_rows > 0 {
                let _ = write!(n, "; {} repeated header row(s) dropped", j.dropped_rows);
            }
            if j.cut_row_joined {
                n.push_str("; its first row joined to the row the page break cut");
            }
        }
        notes.push(n);
    } else if let Some(p) = prev_page_last {
        notes.push(format!("not joined to {p}, the last grid of the page before"));
    }
    if let Some(next) = chain.get(at + 1) {
        out.continued_by = Some(next.to_string());
        notes.push(format!("continued by {next}"));
    } else if let Some(n) = next_page_first {
        notes.push(format!("not continued by {n}, the first grid of the page after"));
    }
    if chain.len() > 1 {
        let pages = match (whole.location.page, whole.location.page_end) {
            (Some(a), Some(b)) if b != a => format!("pages {a}-{b}"),
            (Some(a), _) => format!("page {a}"),
            _ => String::new(),
        };
        notes.push(format!(
            "stitched grid {}: {} parts, {} rows, {pages}",
            whole.id,
            chain.len(),
            whole.rows.len()
        ));
    }
    out.notes = notes;
    out
}

/// Runs that are not written left to right.
pub fn rotated_runs(page: &Page) -> usize {
    page.lines.iter().flat_map(|l| &l.runs).filter(|r| r.dir != 0).count()
}

/// What a picture's hash was taken over, in a word.
pub fn hash_of_word(of: crate::model::ImageHashOf) -> &'static str {
    match of {
        crate::model::ImageHashOf::Samples => "samples",
        crate::model::ImageHashOf::Encoded => "encoded",
        crate::model::ImageHashOf::Path => "path",
    }
}

/// A direction of travel in a word.
pub fn direction_word(d: crate::model::records::Direction) -> &'static str {
    match d {
        crate::model::records::Direction::Improving => "improving",
        crate::model::records::Direction::Worsening => "worsening",
        crate::model::records::Direction::Unchanged => "unchanged",
    }
}

/// The grid's headline: id, method, size, header rows, caption.
pub fn headline(g: &Grid) -> String {
    let mut s = format!(
        "{} {} {} rows x {} columns, {} header row(s)",
        g.id,
        g.method,
        g.rows.len(),
        g.columns,
        g.header_rows
    );
    if let Some(c) = &g.caption {
        let _ = write!(s, ", caption \"{c}\"");
    }
    s
}

/// The page's grids as text: a summary of the page, then each grid's headline, what stitching
/// did with it, and its rows (`H` marks header rows; `<` a position covered by a spanning cell;
/// `*` a bold cell); each cell cut to `width` characters.
pub fn text(v: &PageView<'_>, width: usize) -> String {
    let p = v.page;
    let mut out = String::new();
    let _ = write!(out, "page {} of {}", p.number, v.pages);
    if v.source == SourceKind::Pdf {
        let _ = write!(
            out,
            " ({:.0} x {:.0} pt): {} runs, {} rulings, {} fills, {} images, {} rotated runs",
            p.width,
            p.height,
            p.lines.iter().map(|l| l.runs.len()).sum::<usize>(),
            p.rulings.len(),
            p.fills.len(),
            p.images.len(),
            rotated_runs(p)
        );
        if !p.marks.is_empty() {
            let _ = write!(out, ", {} marks", p.marks.len());
        }
    }
    let _ = writeln!(out, "; {} grid(s)", v.grids.len());
    for img in p.pictures() {
        let dir = v.legend.picture(img).map(|d| format!(", DoT {}", direction_word(d)));
        let _ = writeln!(
            out,
            "image {} {}x{} at ({:.1}, {:.1})-({:.1}, {:.1}) sha256 {} ({}{})",
            img.name,
            img.width,
            img.height,
            img.bbox.x0,
            img.bbox.top,
            img.bbox.x1,
            img.bbox.bottom,
            &img.hash[..img.hash.len().min(16)],
            hash_of_word(img.hash_of),
            dir.unwrap_or_default()
        );
    }
    for (g, notes) in v.grids.iter().zip(&v.stitching) {
        let _ = writeln!(out, "== {}", headline(g));
        for n in &notes.notes {
            let _ = writeln!(out, "   {n}");
        }
        for (r, row) in g.rows.iter().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| {
                    if c.covered {
                        return "<".to_string();
                    }
                    let t: String = c.text.chars().take(width).collect();
                    if c.bold && !t.is_empty() { format!("*{t}") } else { t }
                })
                .collect();
            let mark = if r < g.header_rows { "H" } else { " " };
            let _ = writeln!(out, " {mark} | {}", cells.join(" | "));
        }
    }
    out
}
