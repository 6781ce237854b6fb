//! Stitching: a table that runs onto the next page is one grid.
//!
//! The first grid on a page continues the last grid of the previous page when they have the same
//! number of columns with column boundaries within [`TableSettings::stitch_column_tolerance`] and
//! either the new page repeats the table's leading rows (a repeated header, which is dropped), or
//! the first table ends near the bottom of its page and the second starts near the top of its page
//! ([`TableSettings::stitch_edge_ratio`]) and the first has no header rows to repeat.

use crate::model::Grid;

use super::settings::TableSettings;

/// A grid found on a page, with what stitching needs to know about it.
#[derive(Debug, Clone)]
pub struct Found {
    pub grid: Grid,
    pub page: u32,
    pub page_height: f32,
    /// Column boundaries.
    pub xs: Vec<f32>,
    pub top: f32,
    pub bottom: f32,
    /// Index of the grid among its page's grids, and how many grids the page has.
    pub index: usize,
    pub of: usize,
}

/// Merges continued tables; grids keep their order.
pub fn stitch(found: Vec<Found>, s: &TableSettings) -> Vec<Grid> {
    let mut out: Vec<Found> = Vec::new();
    for f in found {
        if let Some(prev) = out.last_mut() {
            if continues(prev, &f, s) {
                let k = repeated_rows(&prev.grid, &f.grid, s);
                let g = f.grid;
                prev.grid.rows.extend(g.rows.into_iter().skip(k));
                prev.grid.row_locations.extend(g.row_locations.into_iter().skip(k));
                prev.grid.header_rows = prev.grid.header_rows.max(k);
                prev.grid.location = prev.grid.location.merge(&g.location);
                prev.grid.continued_from.push(g.id);
                prev.page = f.page;
                prev.page_height = f.page_height;
                prev.bottom = f.bottom;
                prev.index = f.index;
                prev.of = f.of;
                continue;
            }
        }
        out.push(f);
    }
    out.into_iter().map(|f| f.grid).collect()
}

fn continues(prev: &Found, next: &Found, s: &TableSettings) -> bool {
    if next.page != prev.page + 1 || next.index != 0 || prev.index + 1 != prev.of {
        return false;
    }
    if prev.grid.columns != next.grid.columns || prev.xs.len() != next.xs.len() {
        return false;
    }
    let aligned =
        prev.xs.iter().zip(&next.xs).all(|(a, b)| (a - b).abs() <= s.stitch_column_tolerance);
    if !aligned {
        return false;
    }
    if repeated_rows(&prev.grid, &next.grid, s) > 0 {
        return true;
    }
    let near_bottom = prev.bottom >= prev.page_height * (1.0 - s.stitch_edge_ratio);
    let near_top = next.top <= next.page_height * s.stitch_edge_ratio;
    prev.grid.header_rows == 0 && near_bottom && near_top
}

/// How many leading rows of `next` repeat the leading rows of `prev` (a repeated header).
fn repeated_rows(prev: &Grid, next: &Grid, s: &TableSettings) -> usize {
    let mut k = 0;
    let limit = s.max_header_rows.min(next.rows.len().saturating_sub(1)).min(prev.rows.len());
    while k < limit {
        let (a, b) = (&prev.rows[k], &next.rows[k]);
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
