//! Heading cells of a header: what a heading's lines and its shading say about its extent.
//!
//! Two principles of page layout, applied to a grid's header rows once they are counted:
//!
//! - A heading's lines stay one cell: a heading set on two lines beside one-line headings that are
//!   centred on the same band (Excel's "Public" / "Health" beside "ASCH") is one header row, not
//!   three. The one-line headings' line overlaps the height of both lines of the two-line one;
//!   lines that overlap in height are one row of the header.
//! - A heading centred on a shaded cell stands over every column the shading covers ("CYPE" on an
//!   orange band over Core / External / Total): the fill is the merged cell its producer drew,
//!   when the heading is the only text on it in that row and sits at its centre.

use crate::model::{BBox, Fill, Grid};

use super::settings::TableSettings;
use super::words::Word;

/// Joins straddled heading lines and spreads headings over their shaded cells.
pub fn shape(g: &mut Grid, words: &[Word], fills: &[Fill], s: &TableSettings) {
    let words = header_words(g, words);
    join_straddled_lines(g, &words);
    span_shaded_headings(g, &words, fills, s);
}

/// The words whose centre lies in the box of the header's rows and cells: the only ones a
/// heading can hold (merged rows and cells stay inside it).
fn header_words<'a>(g: &Grid, words: &'a [Word]) -> Vec<&'a Word> {
    let rows = g.header_rows.min(g.rows.len());
    let boxes = g.row_locations.iter().take(rows).filter_map(|l| l.bbox);
    let cells = g.rows.iter().take(rows).flatten().filter_map(|c| c.bbox);
    let Some(b) = boxes.chain(cells).reduce(|a, b| a.union(&b)) else { return Vec::new() };
    words
        .iter()
        .filter(|w| {
            let (x, y) = (w.cx(), w.cy());
            x >= b.x0 && x <= b.x1 && y >= b.top && y <= b.bottom
        })
        .collect()
}

/// The words whose centre lies in `b`.
fn words_in<'a>(words: &'a [&'a Word], b: &BBox) -> impl Iterator<Item = &'a Word> + 'a {
    let b = *b;
    words.iter().copied().filter(move |w| {
        let (x, y) = (w.cx(), w.cy());
        x >= b.x0 && x <= b.x1 && y >= b.top && y <= b.bottom && !w.text.trim().is_empty()
    })
}

/// The vertical extent of the text printed in a row: (top, bottom).
fn text_extent(g: &Grid, r: usize, words: &[&Word]) -> Option<(f32, f32)> {
    let b = g.row_locations.get(r)?.bbox?;
    words_in(words, &b).fold(None, |acc, w| match acc {
        None => Some((w.top, w.bottom)),
        Some((t, bo)) => Some((t.min(w.top), bo.max(w.bottom))),
    })
}

/// The columns of row `r` holding text; None when the row has a spanning or covered cell.
fn filled_columns(g: &Grid, r: usize) -> Option<Vec<usize>> {
    let row = g.rows.get(r)?;
    if row.iter().any(|c| c.covered || c.col_span > 1 || c.row_span > 1) {
        return None;
    }
    Some(
        row.iter().enumerate().filter(|(_, c)| !c.text.trim().is_empty()).map(|(i, _)| i).collect(),
    )
}

/// Header rows `r`, `r + 1`, `r + 2` where `r` and `r + 2` hold the two lines of the same
/// headings and `r + 1`, in other columns only, holds headings whose line overlaps both: one row.
fn join_straddled_lines(g: &mut Grid, words: &[&Word]) {
    let mut r = 0;
    while r + 2 < g.header_rows.min(g.rows.len()) && g.row_locations.len() == g.rows.len() {
        if straddled(g, r, words) {
            merge_three(g, r);
            g.header_rows -= 2;
        }
        r += 1;
    }
}

fn straddled(g: &Grid, r: usize, words: &[&Word]) -> bool {
    let (Some(a), Some(b), Some(c)) =
        (filled_columns(g, r), filled_columns(g, r + 1), filled_columns(g, r + 2))
    else {
        return false;
    };
    if a.is_empty() || b.is_empty() || a != c || b.iter().any(|i| a.contains(i)) {
        return false;
    }
    let (Some(ea), Some(eb), Some(ec)) =
        (text_extent(g, r, words), text_extent(g, r + 1, words), text_extent(g, r + 2, words))
    else {
        return false;
    };
    eb.0 < ea.1 && eb.1 > ec.0
}

fn merge_three(g: &mut Grid, r: usize) {
    for c in 0..g.columns {
        let parts: Vec<String> = (r..r + 3)
            .map(|k| g.rows[k][c].text.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        let bold = (r..r + 3).all(|k| g.rows[k][c].text.trim().is_empty() || g.rows[k][c].bold);
        let italic = (r..r + 3).all(|k| g.rows[k][c].text.trim().is_empty() || g.rows[k][c].italic);
        let bbox = (r..r + 3).filter_map(|k| g.rows[k][c].bbox).reduce(|a, b| a.union(&b));
        let cell = &mut g.rows[r][c];
        cell.text = parts.join(" ");
        cell.bold = !cell.text.is_empty() && bold;
        cell.italic = !cell.text.is_empty() && italic;
        cell.bbox = bbox;
    }
    let bbox = (r..r + 3).filter_map(|k| g.row_locations[k].bbox).reduce(|a, b| a.union(&b));
    g.row_locations[r].bbox = bbox;
    g.rows.drain(r + 1..r + 3);
    g.row_locations.drain(r + 1..r + 3);
}

/// The text extent of a heading cell: (x0, x1, vertical centre, font size).
fn heading_text(g: &Grid, r: usize, c: usize, words: &[&Word]) -> Option<(f32, f32, f32, f32)> {
    let cell = &g.rows[r][c];
    if cell.covered || cell.col_span > 1 || cell.row_span > 1 || cell.text.trim().is_empty() {
        return None;
    }
    let mine: Vec<&Word> = words_in(words, &cell.bbox?).collect();
    let first = mine.first()?;
    let (x0, x1) = mine.iter().fold((first.x0, first.x1), |(a, z), w| (a.min(w.x0), z.max(w.x1)));
    let cy = mine.iter().map(|w| w.cy()).sum::<f32>() / mine.len() as f32;
    let size = mine.iter().map(|w| w.size).fold(0.0_f32, f32::max);
    Some((x0, x1, cy, size))
}

/// Whether the cell at (`r`, `k`) is free for a heading to spread over: empty, one position.
fn free(g: &Grid, r: usize, k: usize) -> bool {
    let o = &g.rows[r][k];
    !o.covered && o.col_span <= 1 && o.row_span <= 1 && o.text.trim().is_empty()
}

/// Moves the heading at (`r`, `c`) to column `lo`, spanning `lo..=hi` across `x0..x1`.
fn spread(g: &mut Grid, r: usize, c: usize, lo: usize, hi: usize, x0: f32, x1: f32) {
    let mut head = std::mem::take(&mut g.rows[r][c]);
    let bbox = head.bbox.map(|b| BBox::new(x0.min(b.x0), b.top, x1.max(b.x1), b.bottom));
    for k in lo..=hi {
        let o = &mut g.rows[r][k];
        *o = crate::model::Cell::new("");
        o.covered = true;
    }
    head.col_span = (hi - lo + 1) as u32;
    head.bbox = bbox;
    g.rows[r][lo] = head;
}

/// A heading alone on a filled rectangle, at its centre (within `heading_centre_ratio` of its
/// font size), spans the columns the fill covers. In a row whose headings so name their groups,
/// an unshaded heading over the middle of the run of free columns around it (not reaching into
/// the row labels' column) names that run: the "TOTAL" beside the shaded directorates.
fn span_shaded_headings(g: &mut Grid, words: &[&Word], fills: &[Fill], s: &TableSettings) {
    for r in 0..g.header_rows.min(g.rows.len()) {
        let mut grouped = false;
        let mut unshaded = Vec::new();
        for c in 0..g.columns {
            let Some((x0, x1, cy, size)) = heading_text(g, r, c, words) else { continue };
            let centred = |a: f32, z: f32| {
                ((a + z) / 2.0 - (x0 + x1) / 2.0).abs() <= size * s.heading_centre_ratio
            };
            let Some(f) = fills.iter().find(|f| {
                let fb = f.bbox;
                fb.x0 <= x0
                    && x1 <= fb.x1
                    && fb.top <= cy
                    && cy <= fb.bottom
                    && centred(fb.x0, fb.x1)
            }) else {
                if !fills.iter().any(|f| {
                    f.bbox.x0 <= x0 && x1 <= f.bbox.x1 && f.bbox.top <= cy && cy <= f.bbox.bottom
                }) {
                    unshaded.push(c);
                }
                continue;
            };
            let fb = f.bbox;
            let under: Vec<usize> = (0..g.columns)
                .filter(|&k| {
                    column_span(g, k)
                        .is_some_and(|(a, z)| (a + z) / 2.0 >= fb.x0 && (a + z) / 2.0 <= fb.x1)
                })
                .collect();
            let (Some(&lo), Some(&hi)) = (under.first(), under.last()) else { continue };
            if hi - lo + 1 != under.len()
                || under.len() < 2
                || !under.contains(&c)
                || !under.iter().all(|&k| k == c || free(g, r, k))
            {
                continue;
            }
            spread(g, r, c, lo, hi, fb.x0, fb.x1);
            grouped = true;
        }
        if !grouped || unshaded.is_empty() {
            continue;
        }
        // Spreading a heading changes only header rows: the body's label columns stay.
        let labels = label_columns(g);
        for c in unshaded {
            let open = |k: usize| free(g, r, k) && !labels.contains(&k);
            let mut lo = c;
            while lo > 0 && open(lo - 1) {
                lo -= 1;
            }
            let mut hi = c;
            while hi + 1 < g.columns && open(hi + 1) {
                hi += 1;
            }
            // Centred by columns: the heading stands over the middle column (or one of the two
            // middle ones) of the run; the run's edges are only as exact as the columns found.
            let (Some((a, _)), Some((_, z))) = (column_span(g, lo), column_span(g, hi)) else {
                continue;
            };
            if hi > lo && (c - lo).abs_diff(hi - c) <= 1 {
                spread(g, r, c, lo, hi, a, z);
            }
        }
    }
}

/// The columns whose body holds more words than figures: the row labels.
fn label_columns(g: &Grid) -> Vec<usize> {
    (0..g.columns)
        .filter(|&k| {
            let (mut text, mut figures) = (0, 0);
            for row in g.rows.iter().skip(g.header_rows) {
                let Some(cell) = row.get(k) else { continue };
                if cell.covered || cell.text.trim().is_empty() {
                    continue;
                }
                if super::header::is_number(&cell.text) { figures += 1 } else { text += 1 }
            }
            text > figures
        })
        .collect()
}

/// The extent of column `k`: of the boxes its one-column cells take, in any row.
fn column_span(g: &Grid, k: usize) -> Option<(f32, f32)> {
    g.rows
        .iter()
        .filter_map(|row| row.get(k))
        .filter(|c| !c.covered && c.col_span <= 1)
        .filter_map(|c| c.bbox)
        .fold(None, |acc: Option<(f32, f32)>, b| match acc {
            None => Some((b.x0, b.x1)),
            Some((a, z)) => Some((a.min(b.x0), z.max(b.x1))),
        })
}

#[cfg(test)]
mod tests;
