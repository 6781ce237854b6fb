//! Tables: the grids of a document.
//!
//! [`text`]: a text rendering's grids, from the blocks of TAB rows and pipe tables the reader kept
//! (the reader sees tabs and pipes). PDF grids are built here from geometry, page by page:
//!
//! 1. [`words`]: the page's runs cut into positioned words.
//! 2. [`edges`] and [`lattice`]: ruling lines merged into edges, their intersections into cells,
//!    cells into tables with row and column spans.
//!    [`refine`]: inside a ruled box, the text's own alignment (stacked figures, whitespace
//!    gaps) cuts it into rows and columns; [`across`]: boxes standing side by side whose rows sit
//!    on the same text lines are one table with the unruled band of labels between them;
//!    [`band`]: headings printed over the columns just above a ruled body are its header rows.
//! 3. [`stream`]: among the words left over, whitespace-aligned columns; [`ruled_rows`]: where
//!    rules cross such a table row by row, the lines between two rules are one row.
//! 4. [`raw`]: words placed in cells (a word belongs to the cell holding its centre).
//! 5. [`header`] rows (their [`heading`] cells: lines straddling a neighbour's one row, a heading
//!    centred on a shaded cell over the columns it covers), [`caption`]s, and [`stitch`]ing of tables that run onto the next page.
//!
//! Every tolerance is a named setting in [`settings::TableSettings`].

pub mod across;
pub mod band;
pub mod caption;
mod cut_row;
pub mod edges;
pub mod header;
pub mod heading;
pub mod lattice;
mod parts;
pub mod raw;
pub mod refine;
pub mod ruled_rows;
pub mod settings;
pub mod stitch;
pub mod stream;
pub mod text;
pub mod words;

pub use settings::{SettingsError, TableSettings};

use crate::limits::budget;
use crate::model::{BBox, Grid, Layout, Page, SourceKind};

use stitch::Found;

/// All table grids of a document in reading order, with the default settings.
pub fn grids(layout: &Layout) -> Vec<Grid> {
    grids_with(layout, &TableSettings::default())
}

/// All table grids of a document in reading order.
///
/// For a text rendering these are built from the reader's table blocks ([`text`]). For a PDF they are detected from ruling
/// lines and aligned words, then tables continued on the next page are stitched into one grid.
pub fn grids_with(layout: &Layout, s: &TableSettings) -> Vec<Grid> {
    match layout.source {
        SourceKind::Text => text::grids(layout),
        SourceKind::Pdf => {
            let found: Vec<Found> = layout
                .pages
                .iter()
                .flat_map(|p| {
                    budget::check();
                    page_found(p, s)
                })
                .collect();
            stitch::stitch(found, s)
        }
    }
}

/// One join [`stitch::stitch`] made: the grid `part` was appended to the grid `into` (for
/// `agendapack inspect`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Join {
    /// Id of the grid the part was appended to (the stitched grid's id).
    pub into: String,
    /// Id of the part.
    pub part: String,
    /// Both on one page (a table the renderer closed and reopened), not across a page break.
    pub same_page: bool,
    /// Leading rows of the part dropped as a repeated header.
    pub dropped_rows: usize,
    /// The part's first row was joined to the last row above: a row the page break cut in two.
    pub cut_row_joined: bool,
}

/// [`grids_with`], with the joins stitching made (none for a text rendering): what
/// `agendapack inspect` shows.
pub fn grids_explained(layout: &Layout, s: &TableSettings) -> (Vec<Grid>, Vec<Join>) {
    match layout.source {
        SourceKind::Text => (grids_with(layout, s), Vec::new()),
        SourceKind::Pdf => {
            let found: Vec<Found> = layout.pages.iter().flat_map(|p| page_found(p, s)).collect();
            let mut joins = Vec::new();
            let grids = stitch::stitch_logged(found, s, &mut joins);
            (grids, joins)
        }
    }
}

/// The grids found on one PDF page, unstitched, top to bottom.
pub fn page_grids(page: &Page, s: &TableSettings) -> Vec<Grid> {
    page_found(page, s).into_iter().map(|f| f.grid).collect()
}

fn page_found(page: &Page, s: &TableSettings) -> Vec<Found> {
    let words = words::page_words(page, s);
    let mut used = vec![false; words.len()];
    let mut tables: Vec<(raw::RawTable, Grid)> = Vec::new();

    let mut rulings = page.rulings.clone();
    rulings.extend(edges::fill_borders(&page.rulings, &page.fills, s));
    let e = edges::merge_rulings(&rulings, s);
    let ruled = across::join(lattice::tables(&e, s), &words, s);
    let ruled = across::join_stacked(ruled, &words, s);
    // The cell each word belongs to in each ruled table, found again only for a table that
    // changed.
    let owned: Vec<Vec<Option<usize>>> = ruled.iter().map(|t| raw::owners(t, &words, s)).collect();
    let mut free = vec![true; words.len()];
    for owner in &owned {
        for (f, o) in free.iter_mut().zip(owner) {
            *f &= o.is_none();
        }
    }
    // A table the band or refinement changed has its words placed again.
    let placed = |t: raw::RawTable| {
        let owner = raw::owners(&t, &words, s);
        (t, owner)
    };
    for (t, owner) in ruled.into_iter().zip(owned) {
        let (t, owner) = band::grow(&t, &words, &free, s).map_or((t, owner), placed);
        let (t, owner) = refine::refine_owned(&t, &words, &owner, s).map_or((t, owner), placed);
        let (g, u) = raw::fill_owned(&t, &words, &owner, page.number, s);
        mark(&mut used, &u);
        tables.push((t, g));
    }
    // Tables ruled across only (no column rules): rows from their rules, columns from the text.
    let rest: Vec<&words::Word> =
        words.iter().zip(&used).filter(|(_, u)| !**u).map(|(w, _)| w).collect();
    let across = ruled_rows::tables(&rest, &e, s);
    let rest: Vec<&words::Word> = if across.is_empty() {
        rest
    } else {
        let rest_owned: Vec<words::Word> = rest.iter().map(|w| (*w).clone()).collect();
        let mut across_used = vec![false; rest_owned.len()];
        for t in across {
            let (g, u) = raw::fill(&t, &rest_owned, page.number, s);
            mark(&mut across_used, &u);
            tables.push((t, g));
        }
        rest.into_iter().zip(&across_used).filter(|(_, u)| !**u).map(|(w, _)| w).collect()
    };
    let stream_tables = stream::tables(&rest, s);
    if !stream_tables.is_empty() {
        let rest_owned: Vec<words::Word> = rest.iter().map(|w| (*w).clone()).collect();
        for t in stream_tables {
            let t = ruled_rows::join(&t, &rest_owned, &e, s).unwrap_or(t);
            let (g, _) = raw::fill(&t, &rest_owned, page.number, s);
            tables.push((t, g));
        }
    }
    // Whether each table ended with a row of dashes (dropped): its body follows after a gap.
    let mut tables: Vec<(raw::RawTable, Grid, bool)> = tables
        .into_iter()
        .map(|(t, mut g)| {
            strip_page_stamps(&mut g);
            drop_empty_rows(&mut g);
            (t, drop_dash_rows(&mut g), g)
        })
        .map(|(t, d, g)| (t, g, d))
        .collect();
    tables.retain(|(_, g, _)| g.rows.iter().flatten().any(|c| !c.text.trim().is_empty()));
    if tables.is_empty() {
        // No table: the page's text around tables is not needed.
        return Vec::new();
    }
    tables.sort_by(|a, b| {
        a.0.bbox.top.total_cmp(&b.0.bbox.top).then(a.0.bbox.x0.total_cmp(&b.0.bbox.x0))
    });
    let of = tables.len();
    let font_size = median_size(&words);
    let boxes: Vec<BBox> = tables.iter().map(|(t, _, _)| t.bbox).collect();
    let text_ys = text_lines_outside(page, &boxes, s);
    let between = |lo: f32, hi: f32| text_ys.iter().any(|(y, _)| *y > lo && *y < hi);
    let lines_between = |lo: f32, hi: f32| -> Vec<String> {
        text_ys.iter().filter(|(y, _)| *y > lo && *y < hi).map(|(_, t)| t.clone()).collect()
    };
    // The text above the page's first table (a running head, or a heading of its own).
    let page_head =
        boxes.first().map_or_else(Vec::new, |b| lines_between(f32::NEG_INFINITY, b.top));
    tables
        .into_iter()
        .enumerate()
        .map(|(i, (t, mut g, dash_end))| {
            g.id = format!("t{}-{}", page.number, i + 1);
            g.header_rows = header::header_rows(&g, s);
            heading::shape(&mut g, &words, &page.fills, s);
            g.caption = caption::caption(page, &t.bbox, s);
            let above = if i == 0 { f32::NEG_INFINITY } else { boxes[i - 1].bottom };
            let below = boxes.get(i + 1).map_or(f32::INFINITY, |b| b.top);
            Found {
                grid: g,
                page: page.number,
                top: t.bbox.top,
                bottom: t.bbox.bottom,
                x0: t.bbox.x0,
                x1: t.bbox.x1,
                index: i,
                of,
                text_above: between(above, t.bbox.top),
                text_below: between(t.bbox.bottom, below),
                font_size,
                dash_end,
                lines_above: if i == 0 {
                    page_head.clone()
                } else {
                    lines_between(above, t.bbox.top)
                },
                page_head: page_head.clone(),
                ruled: t.method == "lattice",
                xs: t.xs,
                part_start: 0,
            }
        })
        .collect()
}

/// Removes rows printed as dashes under a header ("--------", "-----", ...): a renderer's copy of
/// a plain-text table's separator line, not data (the text reader drops the same rows). A row
/// qualifies when every filled cell is a run of at least three dashes and no cell spans into it.
/// Returns whether the last row was one.
fn drop_dash_rows(g: &mut Grid) -> bool {
    // A long run wraps inside its cell: runs of dashes on several lines count as one.
    let dashes = |t: &str| {
        t.chars().filter(|&c| c == '-').count() >= 3
            && t.split_whitespace().all(|w| w.chars().all(|c| c == '-'))
    };
    let keep: Vec<bool> = g
        .rows
        .iter()
        .map(|row| {
            let filled: Vec<_> = row.iter().filter(|c| !c.text.trim().is_empty()).collect();
            let spans = row.iter().any(|c| c.covered || c.row_span > 1);
            spans || filled.is_empty() || !filled.iter().all(|c| dashes(&c.text))
        })
        .collect();
    if keep.iter().all(|&k| k) {
        return false;
    }
    let last_dropped = keep.last() == Some(&false);
    retain_rows(g, &keep);
    last_dropped
}

/// Takes a `Page N` stamp out of the first cell of each row (the whole cell, or glued before or
/// after its text), as the text reader does: a renderer that printed the stamp inside the table
/// leaves it there, but it is page furniture, not data.
fn strip_page_stamps(g: &mut Grid) {
    let mut stamp_only = vec![false; g.rows.len()];
    for (r, row) in g.rows.iter_mut().enumerate() {
        let Some(cell) = row.first_mut() else { continue };
        if let Some(f) = grammars::stamps::in_cell(&cell.text) {
            cell.text = cell.text.chars().skip(f.keep.0).take(f.keep.1 - f.keep.0).collect();
            cell.text = cell.text.trim().to_string();
            stamp_only[r] = row.iter().all(|c| c.text.trim().is_empty() && !c.covered);
        }
    }
    // A row that held nothing but the stamp (the first line of a row cut by the page break, say)
    // goes with it.
    if stamp_only.iter().any(|&s| s) && g.row_locations.len() == g.rows.len() {
        let keep: Vec<bool> = stamp_only.iter().map(|s| !s).collect();
        retain_rows(g, &keep);
    }
}

/// Removes rows with no text in any cell and no cell spanning into them (an empty header row of
/// a plain-text table, drawn by the renderer as a ruled row of nothing). A one-column box keeps
/// its empty rows: it is a frame (a chart's title over its picture), not a table.
fn drop_empty_rows(g: &mut Grid) {
    if g.columns < 2 {
        return;
    }
    let keep: Vec<bool> = g
        .rows
        .iter()
        .map(|row| row.iter().any(|c| c.covered || c.row_span > 1 || !c.text.trim().is_empty()))
        .collect();
    if keep.iter().all(|&k| k) || keep.iter().all(|&k| !k) {
        return;
    }
    retain_rows(g, &keep);
}

/// Keeps the rows (and their locations, when there is one per row) whose `keep` entry is true.
fn retain_rows(g: &mut Grid, keep: &[bool]) {
    let mut i = 0;
    g.rows.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    if g.row_locations.len() == keep.len() {
        let mut i = 0;
        g.row_locations.retain(|_| {
            i += 1;
            keep[i - 1]
        });
    }
}

fn median_size(words: &[words::Word]) -> f32 {
    let mut v: Vec<f32> = words.iter().map(|w| w.size).collect();
    if v.is_empty() {
        return 10.0;
    }
    v.sort_by(f32::total_cmp);
    v[v.len() / 2]
}

/// Vertical centres and texts of the page's text lines that lie outside every table and are not
/// page furniture (short lines in the top or bottom margin band, and a folio, "Page N of M",
/// wherever it stands).
fn text_lines_outside(page: &Page, tables: &[BBox], s: &TableSettings) -> Vec<(f32, String)> {
    let band = s.furniture_margin_ratio * page.height;
    // The page's last line: a bare number there is its folio ("33" under the table).
    let last = page
        .lines
        .iter()
        .filter(|l| !l.is_blank())
        .filter_map(|l| l.bbox)
        .map(|b| b.top)
        .fold(f32::NEG_INFINITY, f32::max);
    page.lines
        .iter()
        .filter(|l| !l.is_blank())
        .filter_map(|l| l.bbox.map(|b| (l, b)))
        .filter(|(_, b)| {
            let (cx, cy) = ((b.x0 + b.x1) / 2.0, (b.top + b.bottom) / 2.0);
            !tables.iter().any(|t| {
                cx >= t.x0 - 1.0 && cx <= t.x1 + 1.0 && cy >= t.top - 1.0 && cy <= t.bottom + 1.0
            })
        })
        .filter(|(l, b)| {
            let short = l.text.chars().count() <= 40;
            let in_band = page.height > 0.0 && (b.bottom <= band || b.top >= page.height - band);
            let folio = grammars::stamps::is_folio(&l.text)
                || (b.top >= last && grammars::stamps::is_bare_folio(&l.text));
            !(folio || short && in_band)
        })
        .map(|(l, b)| ((b.top + b.bottom) / 2.0, norm_text(&l.text)))
        .collect()
}

fn norm_text(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn mark(used: &mut [bool], u: &[bool]) {
    for (a, b) in used.iter_mut().zip(u) {
        *a |= *b;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Location};

    fn row(texts: &[&str]) -> Vec<Cell> {
        texts
            .iter()
            .map(|t| Cell { text: t.to_string(), row_span: 1, col_span: 1, ..Cell::default() })
            .collect()
    }

    #[test]
    fn dash_rows_dropped_nil_dashes_kept() {
        let mut g = Grid {
            rows: vec![
                row(&["Primary SRP Places", "ASD", "Total"]),
                row(&["--------------------", "-----", "------- ------- ---"]),
                row(&["Ashford", "6", "33"]),
                row(&["Thanet", "-", "--"]),
            ],
            columns: 3,
            ..Grid::default()
        };
        drop_dash_rows(&mut g);
        let first: Vec<&str> = g.rows.iter().map(|r| r[0].text.as_str()).collect();
        assert_eq!(first, ["Primary SRP Places", "Ashford", "Thanet"]);
    }

    #[test]
    fn empty_rows_dropped_but_not_from_a_one_column_frame() {
        let mut g = Grid {
            rows: vec![row(&["", ""]), row(&["Overall effectiveness", "Good"]), row(&["", ""])],
            columns: 2,
            row_locations: vec![Location::default(); 3],
            ..Grid::default()
        };
        drop_empty_rows(&mut g);
        assert_eq!(g.rows.len(), 1);
        assert_eq!(g.rows[0][1].text, "Good");
        assert_eq!(g.row_locations.len(), 1);
        let mut frame = Grid {
            rows: vec![row(&["Average speed of answer"]), row(&[""])],
            columns: 1,
            ..Grid::default()
        };
        drop_empty_rows(&mut frame);
        assert_eq!(frame.rows.len(), 2);
    }

    #[test]
    fn page_stamps_taken_out_of_first_cells() {
        let mut g = Grid {
            rows: vec![
                row(&["Page 87", "Market Sustainability"]),
                row(&["GET Page 94", "Volatility"]),
                row(&["Page 352 SEND", "Statements"]),
                row(&["Pages 3 to 4", "Page 5"]),
                row(&["Page 95", ""]),
            ],
            columns: 2,
            row_locations: vec![Location::default(); 5],
            ..Grid::default()
        };
        strip_page_stamps(&mut g);
        let first: Vec<&str> = g.rows.iter().map(|r| r[0].text.as_str()).collect();
        assert_eq!(first, ["", "GET", "SEND", "Pages 3 to 4"], "a row of the stamp alone goes");
        assert_eq!(g.rows[3][1].text, "Page 5", "only the first cell holds a stamp");
    }
}
