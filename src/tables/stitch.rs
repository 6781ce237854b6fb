//! Stitching: parts of one table found as separate grids are joined.
//!
//! * **Across a page break**: the first grid on a page continues the last grid of the previous
//!   page when they have the same number of columns and either the new page repeats the table's
//!   leading rows (a repeated header, dropped from the continuation; no line of text above it
//!   that the previous page did not also print above its first table) or no text stands between
//!   them (page furniture aside, see [`TableSettings::furniture_margin_ratio`]) and the second
//!   part does not open with a header of its own (ruled parts whose column rules stay in place
//!   may, unless that first row is all bold). Two ruled parts must also keep their column
//!   rules in place (three in four inner boundaries within
//!   [`TableSettings::stitch_column_tolerance`]): a renderer that breaks a table keeps its
//!   columns, while a new table that happens to start on the next page under the same headings
//!   is laid out afresh; yet a part laid out afresh whose first row leaves its first cell empty
//!   beside running text (not in bold, or reading on from lower case) carries a row of the
//!   table above on (the renderer began a table at a blank line the text rendering leaves inside
//!   one) and is stitched, its rows kept as they are. When the page break cut a row in two (the
//!   first row below the break only carries on running text of the last row above it, see
//!   [`split_row`](super::cut_row::split_row), or the part above fills the page body to its very foot, see
//!   [`cut_at_body_foot`](super::cut_row::cut_at_body_foot)) and the columns stayed in place, the two parts are joined into one
//!   row.
//! * **On one page**: a grid directly below another, with the same number of columns, no text
//!   between them and a gap of at most [`TableSettings::merge_max_gap_ratio`] font sizes, is the
//!   same table (renderers close a table at the blank line a text rendering leaves inside it),
//!   unless the second opens with a header of its own or repeats the first one's leading rows (a
//!   header printed again: the text reader starts a new table there too).

use crate::model::{Cell, Grid, Location};

use super::Join;
#[cfg(test)]
use super::cut_row::open_end;
use super::cut_row::{cut_at_body_foot, split_row};
use super::parts::{continues_sequence, ends_frame, is_frame, opens_frame};
use super::settings::TableSettings;

/// A grid found on a page, with what stitching needs to know about it.
#[derive(Debug, Clone)]
pub struct Found {
    pub grid: Grid,
    pub page: u32,
    pub top: f32,
    pub bottom: f32,
    pub x0: f32,
    pub x1: f32,
    /// Index of the grid among its page's grids, and how many grids the page has.
    pub index: usize,
    pub of: usize,
    /// Text (other than page furniture) between the previous grid (or the page top) and this one.
    pub text_above: bool,
    /// Text (other than page furniture) between this grid and the next (or the page bottom).
    pub text_below: bool,
    /// Median font size of the page's words.
    pub font_size: f32,
    /// The grid ended with a row of dashes under its header (dropped): its body follows.
    pub dash_end: bool,
    /// The texts of the lines between the previous grid (or the page top) and this one.
    pub lines_above: Vec<String>,
    /// The texts of the lines above the page's first grid.
    pub page_head: Vec<String>,
    /// Column boundaries, left to right, and whether they come from ruling lines ("lattice").
    pub xs: Vec<f32>,
    pub ruled: bool,
    /// Index of the row where the last part joined on one page begins (0 for a grid found
    /// whole): a renderer repeats the header of that part, not of the whole, at a page break.
    pub part_start: usize,
}

/// Merges continued tables; grids keep their order.
pub fn stitch(found: Vec<Found>, s: &TableSettings) -> Vec<Grid> {
    stitch_logged(found, s, &mut Vec::new())
}

/// [`stitch`], telling each join it makes in `joins`.
pub fn stitch_logged(found: Vec<Found>, s: &TableSettings, joins: &mut Vec<Join>) -> Vec<Grid> {
    // The lowest a table reaches on any page: the foot of the page body.
    let foot = found.iter().map(|f| f.bottom).fold(f32::NEG_INFINITY, f32::max);
    let mut out: Vec<Found> = Vec::new();
    for f in found {
        if let Some(prev) = out.last_mut() {
            if let Some(drop) = continues(prev, &f, s) {
                // Rows dropped as a repeated header are the whole table's header rows unless
                // they repeat only the last part's leading rows.
                let whole = repeated_rows(&prev.grid.rows, &f.grid, s) >= drop;
                if f.page == prev.page {
                    prev.part_start = prev.grid.rows.len();
                }
                let g = f.grid;
                let depth = |l: Option<&Location>, size: f32| {
                    l.and_then(|l| l.bbox).map_or(0.0, |b| (b.bottom - b.top) / size.max(1.0))
                };
                let deep = depth(prev.grid.row_locations.last(), prev.font_size)
                    >= s.split_min_depth_ratio
                    && depth(g.row_locations.get(drop), f.font_size) >= s.split_min_depth_ratio;
                let at_foot = prev.bottom >= foot - s.split_foot_ratio * prev.font_size;
                let fills_page = prev.bottom >= foot - s.split_fill_ratio * prev.font_size;
                // A row the renderer began a table with (at a blank line of the text
                // rendering) and printed alone at the page foot is as good as deep: a table
                // printed one line per row shows more than one of its rows above the break.
                let lone = prev.part_start > 0 && prev.part_start + 1 == prev.grid.rows.len();
                let deep = deep || lone;
                let mut rows = g.rows.into_iter().skip(drop).peekable();
                let mut locations = g.row_locations.into_iter().skip(drop);
                let same_page = f.page == prev.page;
                let (into, part) = (prev.grid.id.clone(), g.id.clone());
                let mut join =
                    Join { into, part, same_page, dropped_rows: drop, cut_row_joined: false };
                // A row the page break cut in two: its second part is joined to its first. A
                // part laid out with columns of its own was a table of its own in the source,
                // its first row a row of its own.
                let fresh = prev.ruled
                    && f.ruled
                    && !same_columns(&prev.xs, &f.xs, s.stitch_column_tolerance);
                if f.page != prev.page
                    && !fresh
                    && let (Some(last), Some(first)) = (prev.grid.rows.last_mut(), rows.peek())
                    && (split_row(last, first, deep, at_foot, s)
                        || (deep && fills_page && cut_at_body_foot(last, first)))
                {
                    for (a, b) in last.iter_mut().zip(first) {
                        if !b.text.trim().is_empty() {
                            a.text = format!("{} {}", a.text.trim_end(), b.text.trim_start());
                        }
                    }
                    rows.next();
                    locations.next();
                    join.cut_row_joined = true;
                }
                joins.push(join);
                prev.grid.rows.extend(rows);
                prev.grid.row_locations.extend(locations);
                if whole {
                    prev.grid.header_rows = prev.grid.header_rows.max(drop);
                }
                prev.grid.location = prev.grid.location.merge(&g.location);
                prev.grid.continued_from.push(g.id);
                prev.page = f.page;
                prev.top = f.top;
                prev.bottom = f.bottom;
                prev.x0 = f.x0;
                prev.x1 = f.x1;
                prev.index = f.index;
                prev.of = f.of;
                prev.text_below = f.text_below;
                prev.font_size = f.font_size;
                prev.dash_end = f.dash_end;
                prev.page_head = f.page_head;
                prev.xs = f.xs;
                prev.ruled = f.ruled;
                continue;
            }
        }
        out.push(f);
    }
    out.into_iter().map(|f| f.grid).collect()
}

/// `Some(rows to drop from next)` when `next` continues `prev`.
fn continues(prev: &Found, next: &Found, s: &TableSettings) -> Option<usize> {
    if prev.grid.columns != next.grid.columns {
        return None;
    }
    let overlap = prev.x1.min(next.x1) - prev.x0.max(next.x0);
    let narrower = (prev.x1 - prev.x0).min(next.x1 - next.x0);
    if overlap < 0.5 * narrower {
        return None;
    }
    // Without a repeated header, the second part must not open with a header of its own: either
    // it has no header rows or its first row leaves the first cell empty (a continued row layout).
    let opens_body = next.grid.header_rows == 0
        || next.grid.rows.first().and_then(|r| r.first()).is_some_and(|c| c.text.trim().is_empty());
    if next.page == prev.page {
        let close = next.top - prev.bottom <= s.merge_max_gap_ratio * next.font_size.max(1.0);
        let adjacent = next.index == prev.index + 1;
        // A part that opens by repeating the first part's leading rows is a table of its own (a
        // header printed again), as the text reader keeps it; as there, the repeated first row
        // must fill at least two cells (a form whose blocks each open "| Identification number"
        // is one table).
        let filled = |g: &Grid| {
            g.rows.first().map_or(0, |r| r.iter().filter(|c| !c.text.trim().is_empty()).count())
        };
        let repeats = repeated_rows(&prev.grid.rows, &next.grid, s) > 0 && filled(&next.grid) >= 2;
        // As the text reader bridges a blank line: the next row is as wide as the last one (up
        // to its last filled cell), leaves its first cell empty, or follows a dashed separator.
        let width = |r: Option<&Vec<crate::model::Cell>>| {
            r.and_then(|r| r.iter().rposition(|c| !c.text.trim().is_empty())).map_or(0, |i| i + 1)
        };
        let first = next.grid.rows.first();
        let continues_row = width(first) == width(prev.grid.rows.last())
            || first.and_then(|r| r.first()).is_some_and(|c| c.text.trim().is_empty())
            || prev.dash_end;
        // Renderers print the first row of every table in bold as a header; a part of two
        // columns or more without figures has no other sign of a header, so on one page its
        // bold first row does not stop the join (a header over figures does; one-column boxes,
        // each under a bold title of its own, stay apart).
        let figures = next.grid.rows.iter().any(|r| super::header::has_body_number(r));
        // A first row stating an amount of money in its text is a body row in the renderer's
        // bold ("Adult Skills Budget | SFA | £2.47m with £650k recovered ...").
        let amount = next.grid.rows.first().is_some_and(|r| super::header::states_amount(r));
        let opens_body = opens_body || (next.grid.columns >= 2 && (!figures || amount));
        return (adjacent && close && !next.text_above && opens_body && !repeats && continues_row)
            .then_some(0);
    }
    if next.page != prev.page + 1 || next.index != 0 || prev.index + 1 != prev.of {
        return None;
    }
    // A frame (a box holding a title over empty rows, where a chart's picture is, and at most a
    // line under them) is whole on its page; the next page's frame is the next chart. In a box of
    // several columns the picture's row is tall (an empty answer box of a form is not).
    let tall = |f: &Found| f.font_size * s.frame_min_height_ratio;
    if (is_frame(&prev.grid) && is_frame(&next.grid))
        || (ends_frame(&prev.grid, tall(prev)) && opens_frame(&next.grid, tall(next)))
    {
        return None;
    }
    // A ruled table broken by a page keeps its column rules where they were; a table of its own
    // starting on the next page is laid out afresh (renderers size columns to their content).
    // All bold: a first row headed as renderers head every table.
    let bold_head = next.grid.rows.first().is_some_and(|r| {
        let filled: Vec<&Cell> = r.iter().filter(|c| !c.text.trim().is_empty()).collect();
        !filled.is_empty() && filled.iter().all(|c| c.bold)
    });
    // Unless its first row carries on a row of the part above: the first cell left empty beside
    // running text that is not in bold or reads on from lower case (a part the renderer began
    // at a blank line the text reader bridges, laid out afresh on the new page; Chromium prints
    // the first row of every table in bold).
    let carries_row = next.grid.rows.first().is_some_and(|r| {
        r.first().is_some_and(|c| c.text.trim().is_empty())
            && r.iter().skip(1).any(|c| {
                c.text.split_whitespace().count() >= s.split_min_words
                    && (!bold_head || c.text.trim_start().starts_with(char::is_lowercase))
            })
    });
    // Nor when its first row's key carries on the sequence the part above ends with ("MM5" then
    // "MM6"): the same table, its columns sized afresh to the new page's text.
    let sequence = continues_sequence(&prev.grid, &next.grid);
    if prev.ruled
        && next.ruled
        && !carries_row
        && !sequence
        && !same_columns(&prev.xs, &next.xs, s.stitch_column_tolerance)
    {
        return None;
    }
    // The repeated header is the whole table's, or that of the part last joined on the page
    // above (a table the renderer began at a blank line of the text rendering).
    let mut k = repeated_rows(&prev.grid.rows, &next.grid, s);
    if k == 0 && prev.part_start > 0 {
        k = repeated_rows(&prev.grid.rows[prev.part_start..], &next.grid, s);
    }
    // A repeated header continues the table, unless a line of text above it is new on this page
    // (a heading of its own, "DPIA Core Questions"); lines the previous page also printed above
    // its first table are a running head.
    let new_heading = next.lines_above.iter().any(|l| !prev.page_head.contains(l));
    if k > 0 && !new_heading {
        return Some(k);
    }
    // Column rules kept in place carry a ruled table on even when its next part opens with
    // heading rows of its own (a sub-table's "Prudential Indicator | Position" under "b)"),
    // unless its first row is all bold: a table of its own, headed as renderers head every
    // table, that happens to share the columns ("DISABILITY", "CARER", ...).
    let kept_rules = prev.ruled && next.ruled && !bold_head;
    // A running head (every line above the part was printed above the first table of the page
    // before too) is page furniture: it does not stand between the parts. One-column boxes (a
    // chart's frame under its title) are each a table of their own, as on one page.
    let clear_above = !next.text_above || (next.grid.columns >= 2 && !new_heading);
    (!prev.text_below && clear_above && (opens_body || kept_rules)).then_some(0)
}

/// Whether two sets of column boundaries agree: three in four of the inner boundaries lie within
/// `tol` points of each other (a cell spanning columns on one page only moves a few of them).
fn same_columns(a: &[f32], b: &[f32], tol: f32) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let inner = a.len().saturating_sub(2);
    let agree = a.iter().zip(b).skip(1).take(inner).filter(|(x, y)| (*x - *y).abs() <= tol).count();
    4 * agree >= 3 * inner
}

/// How many leading rows of `next` repeat the leading rows of `prev` (a repeated header).
fn repeated_rows(prev: &[Vec<Cell>], next: &Grid, s: &TableSettings) -> usize {
    let mut k = 0;
    let limit = s.max_header_rows.min(next.rows.len().saturating_sub(1)).min(prev.len());
    while k < limit {
        let (a, b) = (&prev[k], &next.rows[k]);
        let any = a.iter().any(|c| !c.text.trim().is_empty());
        let same =
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| norm(&x.text) == norm(&y.text));
        if !(any && same) {
            break;
        }
        k += 1;
    }
    k
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BBox;

    fn grid(id: &str, rows: &[&[&str]]) -> Grid {
        Grid {
            id: id.into(),
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|t| Cell {
                            text: t.to_string(),
                            row_span: 1,
                            col_span: 1,
                            ..Cell::default()
                        })
                        .collect()
                })
                .collect(),
            columns: rows[0].len(),
            header_rows: 1,
            ..Grid::default()
        }
    }

    fn found(g: Grid, page: u32, lines_above: &[&str], page_head: &[&str]) -> Found {
        Found {
            grid: g,
            page,
            top: 100.0,
            bottom: 700.0,
            x0: 50.0,
            x1: 540.0,
            index: 0,
            of: 1,
            text_above: !lines_above.is_empty(),
            text_below: false,
            font_size: 10.0,
            dash_end: false,
            lines_above: lines_above.iter().map(|s| s.to_string()).collect(),
            page_head: page_head.iter().map(|s| s.to_string()).collect(),
            xs: vec![50.0, 200.0, 400.0, 540.0],
            ruled: true,
            part_start: 0,
        }
    }

    #[test]
    fn a_part_below_without_figures_joins_despite_its_bold_first_row() {
        let s = TableSettings::default();
        let part = |rows: &[&[&str]], index: usize, top: f32| {
            let mut f = found(grid(&format!("t1-{}", index + 1), rows), 1, &[], &[]);
            (f.index, f.of, f.top, f.bottom) = (index, 2, top, top + 100.0);
            f
        };
        let a = part(
            &[&["CEIAG Activities", ""], &["Kentchoices", "Area wide post 16 offer"]],
            0,
            100.0,
        );
        let b = part(
            &[
                &["Careers Enterprise Company", "Enterprise advisers"],
                &["CPD for staff", "Level 4 diploma"],
            ],
            1,
            209.0,
        );
        let out = stitch(vec![a.clone(), b], &s);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].rows.len(), 4);
        assert_eq!(out[0].rows[2][0].text, "Careers Enterprise Company");
        // A header over figures opens a table of its own.
        let b = part(&[&["Careers Enterprise Company", "Schools"], &["Coastal", "20"]], 1, 209.0);
        assert_eq!(stitch(vec![a.clone(), b], &s).len(), 2);
        // A first row stating an amount in its text is a body row, figures below or not.
        let b = part(
            &[&["Adult Skills", "£2.47m with £650k recovered"], &["16-18 Learner", "£823k."]],
            1,
            209.0,
        );
        let out = stitch(vec![a, b], &s);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].rows[3][1].text, "£823k.");
    }

    #[test]
    fn kept_column_rules_carry_a_table_over_a_sub_heading() {
        let s = TableSettings::default();
        let a = grid("t31-1", &[&["a)", "Operational boundary", ""], &["", "Borrowing", "975"]]);
        let b = grid(
            "t32-1",
            &[&["b)", "Operational boundary for total debt", ""], &["", "Borrowing", "1,015"]],
        );
        let out = stitch(vec![found(a.clone(), 31, &[], &[]), found(b.clone(), 32, &[], &[])], &s);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].rows[2][0].text, "b)");
        // A part headed in bold is a table of its own sharing the columns.
        let mut bold = b.clone();
        for c in &mut bold.rows[0] {
            c.bold = true;
        }
        let out = stitch(vec![found(a.clone(), 31, &[], &[]), found(bold, 32, &[], &[])], &s);
        assert_eq!(out.len(), 2);
        // Columns moved: laid out afresh, a new table.
        let mut moved = found(b, 32, &[], &[]);
        moved.xs = vec![50.0, 150.0, 400.0, 540.0];
        assert_eq!(stitch(vec![found(a, 31, &[], &[]), moved], &s).len(), 2);
    }

    #[test]
    fn a_part_laid_out_afresh_carrying_a_row_on_joins_as_rows_of_its_own() {
        let s = TableSettings::default();
        let a = grid(
            "t24-2",
            &[
                &["Name", "Comment", "Response"],
                &[
                    "Derek Murphy",
                    "I have stepped back from making decisions",
                    "DA - When we expand",
                ],
            ],
        );
        let b = grid(
            "t25-1",
            &[
                &[
                    "",
                    "will be available and ring fenced from the construction stage",
                    "Together with",
                ],
                &["Sue Hurst - Parent", "The current building works", "DA - The design"],
            ],
        );
        let mut next = found(b.clone(), 25, &[], &[]);
        next.xs = vec![50.0, 150.0, 330.0, 540.0];
        let out = stitch(vec![found(a.clone(), 24, &[], &[]), next.clone()], &s);
        assert_eq!(out.len(), 1);
        // The renderer began a table there: its first row stays a row of its own.
        assert_eq!(out[0].rows.len(), 4);
        assert_eq!(
            out[0].rows[2][1].text,
            "will be available and ring fenced from the construction stage"
        );
        assert_eq!(out[0].rows[1][1].text, "I have stepped back from making decisions");
        // In bold, it carries the row on only when it reads on from lower case.
        for c in &mut next.grid.rows[0] {
            c.bold = true;
        }
        assert_eq!(stitch(vec![found(a.clone(), 24, &[], &[]), next.clone()], &s).len(), 1);
        next.grid.rows[0][1].text =
            "Will be available and ring fenced from the construction".into();
        assert_eq!(stitch(vec![found(a, 24, &[], &[]), next], &s).len(), 2);
    }

    #[test]
    fn a_lone_row_begun_at_the_page_foot_joins_the_rest_of_its_cell() {
        let s = TableSettings::default();
        let part = |id: &str, rows: &[&[&str]], page: u32, index: usize, of: usize, top: f32| {
            let mut f = found(grid(id, rows), page, &[], &[]);
            (f.index, f.of, f.top, f.bottom) = (index, of, top, top + 100.0);
            f
        };
        let a = part("t155-2", &[&["Kent Wide", "By now Logan was 12."]], 155, 0, 2, 571.0);
        let mut b = part("t155-3", &[&["", "like to play football."]], 155, 1, 2, 680.0);
        b.bottom = 780.0;
        let c = part(
            "t156-1",
            &[
                &["", "The Pastoral Lead rang Linda for a conversation."],
                &["Additional", "However Logan's behaviour continued to deteriorate."],
            ],
            156,
            0,
            1,
            57.0,
        );
        let out = stitch(vec![a.clone(), b, c.clone()], &s);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].rows.len(), 3);
        assert_eq!(
            out[0].rows[1][1].text,
            "like to play football. The Pastoral Lead rang Linda for a conversation."
        );
        // The same row under another of its part's rows: a table printed line by line, kept.
        let mut b = part(
            "t155-3",
            &[&["", "Religious or philosophical beliefs"], &["", "like to play football."]],
            155,
            1,
            2,
            680.0,
        );
        b.bottom = 780.0;
        let out = stitch(vec![a, b, c], &s);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].rows.len(), 5);
    }

    #[test]
    fn a_row_filling_the_page_to_its_foot_is_joined_though_nothing_reads_on() {
        let s = TableSettings::default();
        let tall = |g: &mut Grid, page: u32| {
            g.row_locations = (0..g.rows.len())
                .map(|r| {
                    let top = 100.0 + 60.0 * r as f32;
                    Location::page(
                        page,
                        Some(crate::model::BBox::new(50.0, top, 540.0, top + 60.0)),
                    )
                })
                .collect();
        };
        let mut a = grid(
            "t217-2",
            &[
                &["Source", "Risk Event", "Consequence", "Owner", "Likelihood", "Impact"],
                &[
                    "There is a legal",
                    "... the council's Medium",
                    "... as budget holder.",
                    "Keith Abbott",
                    "Likely (4)",
                    "Major (5)",
                ],
            ],
        );
        tall(&mut a, 217);
        let mut b = grid(
            "t218-1",
            &[
                &[
                    "",
                    "Term Financial Plan.",
                    "Whilst the activity to deliver the savings",
                    "",
                    "",
                    "",
                ],
                &["Control Title", "", "", "Control Owner", "", ""],
            ],
        );
        b.header_rows = 0;
        tall(&mut b, 218);
        let mut above = found(a, 217, &[], &[]);
        above.bottom = 783.0;
        above.xs = vec![50.0, 100.0, 200.0, 300.0, 400.0, 470.0, 540.0];
        let mut below = found(b, 218, &[], &[]);
        below.xs = above.xs.clone();
        let out = stitch(vec![above.clone(), below.clone()], &s);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].rows.len(), 3);
        assert_eq!(out[0].rows[1][1].text, "... the council's Medium Term Financial Plan.");
        // Ending a font size short of the foot (the lowest any table reaches), it ended on its own.
        let mut short = above.clone();
        short.bottom = 773.0;
        let deepest = Found {
            page: 300,
            bottom: 783.0,
            ..found(grid("t300-1", &[&["x"]]), 300, &["p"], &[])
        };
        let out = stitch(vec![short, below.clone(), deepest], &s);
        assert_eq!(out[0].rows.len(), 4);
        // A row of its own that leaves only its label's cell empty is kept.
        assert!(!cut_at_body_foot(&out[0].rows[1], &{
            let mut r = out[0].rows[1].clone();
            r[0].text.clear();
            r
        }));
    }

    #[test]
    fn repeated_header_under_a_new_heading_is_a_new_table() {
        let head: &[&str] = &["Question Number", "Question", "Answer"];
        let a = grid("t1-1", &[head, &["1", "Aim?", "Access"]]);
        let b = grid("t2-1", &[head, &["2", "Data?", "Names"]]);
        let s = TableSettings::default();
        // Under a heading the previous page did not print: two tables.
        let out = stitch(
            vec![
                found(a.clone(), 1, &["Screening"], &["Screening"]),
                found(b.clone(), 2, &["DPIA Core Questions"], &["DPIA Core Questions"]),
            ],
            &s,
        );
        assert_eq!(out.len(), 2);
        // Under a running head printed on both pages: one table, the header dropped.
        let out = stitch(
            vec![
                found(a, 1, &["Appendix D"], &["Appendix D"]),
                found(b, 2, &["Appendix D"], &["Appendix D"]),
            ],
            &s,
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].rows.len(), 3);
        assert_eq!(out[0].rows[2][1].text, "Data?");
    }

    #[test]
    fn a_running_head_or_a_folio_does_not_part_a_table_from_its_continuation() {
        let s = TableSettings::default();
        let a = grid("t33-1", &[&["Ref", "Page", "Change"], &["MM1", "12", "Amend"]]);
        let mut b = grid("t34-1", &[&["MM3", "15", "Create"], &["MM4", "16", "Amend"]]);
        b.header_rows = 0;
        let head = "Kent Minerals & Waste Local Plan, Inspector's Report February 2025";
        // The same line over the first table of both pages is a running head: one table, its
        // header the first page's.
        let out = stitch(
            vec![found(a.clone(), 33, &[head], &[head]), found(b.clone(), 34, &[head], &[head])],
            &s,
        );
        assert_eq!(out.len(), 1);
        assert_eq!((out[0].rows.len(), out[0].header_rows), (4, 1));
        // A line the page above did not print is a heading of its own: two tables.
        let out = stitch(
            vec![found(a, 33, &[head], &[head]), found(b, 34, &["Annex 2"], &["Annex 2"])],
            &s,
        );
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn a_frame_around_a_picture_is_whole_on_its_page() {
        let s = TableSettings::default();
        let frame = |id: &str, title: &str| {
            let mut f = found(grid(id, &[&[title], &[""]]), 0, &[], &[]);
            f.xs = vec![50.0, 540.0];
            f
        };
        let mut a = frame("t34-4", "Number of street works applications submitted");
        let mut b = frame("t35-1", "Total municipal waste tonnage collected");
        (a.page, b.page) = (34, 35);
        assert_eq!(stitch(vec![a.clone(), b], &s).len(), 2);
        // A KPI box: its title beside a status cell, the chart's space, the figures under it.
        let kpi = |id: &str, page: u32, title: &str, latest: &str| {
            let mut g =
                grid(id, &[&[title, "", "", "GREEN"], &["", "", "", ""], &[latest, "T", "P", ""]]);
            g.rows[1][0].col_span = 4;
            for c in 1..4 {
                g.rows[1][c].covered = true;
            }
            let high = |top: f32, bottom: f32| {
                Location::page(page, Some(BBox::new(50.0, top, 540.0, bottom)))
            };
            g.row_locations = vec![high(100.0, 125.0), high(125.0, 240.0), high(240.0, 255.0)];
            let mut f = found(g, page, &[], &[]);
            f.xs = vec![50.0, 200.0, 350.0, 500.0, 540.0];
            f
        };
        let a = kpi("t21-1", 21, "Number of homes brought back to market", "Latest: 422");
        let b = kpi("t22-1", 22, "S106 developer contributions secured", "Latest: 80.9%");
        assert_eq!(stitch(vec![a.clone(), b.clone()], &s).len(), 2);
        // A form's empty answer box (one line high) is no picture: the form carries on.
        let low = |mut f: Found| {
            f.grid.row_locations[1].bbox = Some(BBox::new(50.0, 125.0, 540.0, 137.0));
            f
        };
        assert_eq!(stitch(vec![low(a), low(b)], &s).len(), 1);
        // A one-column box of text carries on.
        let mut c =
            found(grid("t35-1", &[&["Responsible Officer"], &["Alyson Waggett"]]), 35, &[], &[]);
        (c.xs, c.grid.header_rows) = (vec![50.0, 540.0], 0);
        let mut a = found(grid("t34-4", &[&["Section A"], &["Mitigating actions"]]), 34, &[], &[]);
        a.xs = vec![50.0, 540.0];
        assert_eq!(stitch(vec![a, c], &s).len(), 1);
    }

    #[test]
    fn repeated_header_with_its_columns_moved_is_a_new_table() {
        let head: &[&str] = &["Indicator", "Kent", "Target"];
        let a = grid("t1-1", &[head, &["EY1", "74.8", "77"]]);
        let b = grid("t2-1", &[head, &["SI2", "0.2", "0.25"]]);
        let s = TableSettings::default();
        // The same columns on both pages (one rule moved by a spanning cell is tolerated when
        // most stay put): one table.
        let out = stitch(vec![found(a.clone(), 1, &[], &[]), found(b.clone(), 2, &[], &[])], &s);
        assert_eq!(out.len(), 1);
        // The second part's columns sized to other content: a table of its own.
        let mut moved = found(b, 2, &[], &[]);
        moved.xs = vec![50.0, 260.0, 330.0, 540.0];
        let out = stitch(vec![found(a, 1, &[], &[]), moved], &s);
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].rows[0][0].text, "Indicator");
        // Many columns, one boundary moved by a spanning cell: still one table.
        assert!(same_columns(
            &[0.0, 10.0, 20.0, 30.0, 40.0, 50.0],
            &[0.0, 10.0, 24.0, 30.0, 40.0, 50.0],
            3.0
        ));
        assert!(!same_columns(&[0.0, 10.0, 20.0, 50.0], &[0.0, 10.0, 26.0, 50.0], 3.0));
    }

    #[test]
    fn a_row_cut_by_the_page_break_is_joined() {
        let head: &[&str] = &["Directorate", "Risk Title", "Source/Cause of Risk", "Likelihood"];
        let a = grid(
            "t1-1",
            &[
                head,
                &[
                    "GET/DCED",
                    "Changing Government focus on funding",
                    "Government has previously provided 100% funding, as well as LED installation,",
                    "4",
                ],
            ],
        );
        let b = grid(
            "t2-1",
            &[
                head,
                &["", "", "requiring 2 more Solar Parks.", ""],
                &["NAC", "Insecure funding", "The core budget.", "3"],
            ],
        );
        let s = TableSettings::default();
        let out = stitch(vec![found(a.clone(), 1, &[], &[]), found(b, 2, &[], &[])], &s);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].rows.len(), 3);
        assert_eq!(
            out[0].rows[1][2].text,
            "Government has previously provided 100% funding, as well as LED installation, requiring 2 more Solar Parks."
        );
        assert_eq!(out[0].rows[2][0].text, "NAC");
        // A new row under a short label or a figure is not a cut row, nor is one that opens a
        // sentence after a finished one.
        let row = |t: &[&str]| t.iter().map(|x| Cell::new(*x)).collect::<Vec<_>>();
        let last = row(&["Early Years", "Percentage of pupils achieving a Good Level", "74.8"]);
        assert!(!split_row(
            &last,
            &row(&["", "Percentage of eligible children", "74"]),
            true,
            false,
            &s
        ));
        assert!(!split_row(
            &last,
            &row(&["", "Percentage of eligible children", ""]),
            true,
            false,
            &s
        ));
        let last = row(&["Background", "Jack was 13 years old and did not tell anyone the"]);
        assert!(split_row(
            &last,
            &row(&["", "reasons. Recently he had been absent."]),
            true,
            false,
            &s
        ));
        let last = row(&["Background", "Jack was 13 years old and did not tell anyone."]);
        assert!(!split_row(&last, &row(&["", "Recently he had been absent."]), true, false, &s));
        // Every column carries on: each cell must read on, and both parts be more than a line.
        let evidence = row(&["2. Evidence that assessment is effective and", "By 2018 we will"]);
        let next = row(&["meeting needs", "Monitor the availability of SEN"]);
        assert!(split_row(&evidence, &next, true, false, &s));
        // Two columns cut mid-sentence need no depth, and a short cell counts when it stops
        // mid-sentence: LibreOffice leaves one line of the row above the break.
        let evidence = row(&["2. Evidence that", "By 2018 we will"]);
        let next = row(&["assessment is effective", "• Monitor the availability of SEN"]);
        assert!(split_row(&evidence, &next, false, false, &s));
        let evidence = row(&["2. Evidence that assessment is effective.", "By 2018 we will"]);
        let next = row(&["Key people responsible:", "Monitor the availability of SEN"]);
        assert!(!split_row(&evidence, &next, true, false, &s));
        // At the page foot one column reading on is enough when every column carries on.
        let next = row(&["Key people responsible:", "information about specialist services"]);
        assert!(!split_row(&evidence, &next, true, false, &s));
        assert!(split_row(&evidence, &next, true, true, &s));
        let last = row(&["", "Outcomes of activities are fed in to the Q and E Group"]);
        assert!(split_row(&last, &row(&["", "and reported to the Board."]), true, false, &s));
        assert!(!split_row(&last, &row(&["", "and reported to the Board."]), false, false, &s));
        // Cut between two paragraphs: taken only when the part above fills the page to its foot
        // and one cell alone carries on.
        let last = row(&["22", "Describe how the data will be used", "The aim is to provide."]);
        let next = row(&["", "", "If the application is successful works are planned."]);
        assert!(!split_row(&last, &next, true, false, &s));
        assert!(split_row(&last, &next, true, true, &s));
        assert!(!split_row(&last, &next, false, true, &s));
        // A short label carried on beside two cells that read on, at the page foot only.
        let last = row(&[
            "The Education",
            "Contracts can be awarded to The",
            "dual roles within the employing",
        ]);
        let next =
            row(&["People", "Education People as a traded arm", "school Possible loss of staff"]);
        assert!(split_row(&last, &next, false, true, &s));
        assert!(!split_row(&last, &next, true, false, &s));
        assert!(open_end("awarded to The") && !open_end("Option A"));
        let last = row(&["EH52-F", "Assessments completed within 6 weeks", "The percentage."]);
        let next = row(&["", "EH Unit Case Audits rated good", "The percentage of audits."]);
        assert!(!split_row(&last, &next, true, true, &s));
        let last = row(&["", "Deliver greater local integration of services.", ""]);
        let next = row(&["", "By 2018 we will through the STP have frameworks", ""]);
        assert!(split_row(&last, &next, true, true, &s));
        let last = row(&["6. Compliance with the Code of Practice", "", ""]);
        let next = row(&["The Council has adopted the Code of Practice", "", ""]);
        assert!(!split_row(&last, &next, true, true, &s));
    }
}
