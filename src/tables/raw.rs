//! The geometry of a found table (boundaries and cells) and its filling with words into a [`Grid`].

use crate::model::{BBox, Cell, Grid, Location};

use super::settings::TableSettings;
use super::words::{Word, join_cell_text, text_lines};

/// One cell of a found table: rows `r0..r1` and columns `c0..c1` (exclusive ends) of the table's
/// boundaries, and its box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RawCell {
    pub r0: usize,
    pub r1: usize,
    pub c0: usize,
    pub c1: usize,
    pub bbox: BBox,
}

/// A table's geometry before text is placed in it.
#[derive(Debug, Clone, PartialEq)]
pub struct RawTable {
    pub bbox: BBox,
    /// Column boundaries, left to right (`columns + 1` values).
    pub xs: Vec<f32>,
    /// Row boundaries, top to bottom (`rows + 1` values).
    pub ys: Vec<f32>,
    pub cells: Vec<RawCell>,
    /// "lattice" or "stream".
    pub method: &'static str,
}

impl RawTable {
    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }
    pub fn columns(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }
}

/// Places words in the table's cells (a word belongs to the cell holding its centre) and builds the
/// grid. Returns the grid and, for each word, whether it was placed.
pub fn fill(raw: &RawTable, words: &[Word], page: u32, s: &TableSettings) -> (Grid, Vec<bool>) {
    let (nr, nc) = (raw.rows(), raw.columns());
    let mut used = vec![false; words.len()];
    let mut rows: Vec<Vec<Cell>> = vec![vec![Cell::new(""); nc]; nr];
    let m = s.cell_margin;
    for rc in &raw.cells {
        if rc.r0 >= nr || rc.c0 >= nc || rc.r1 <= rc.r0 || rc.c1 <= rc.c0 {
            continue;
        }
        let b = rc.bbox;
        let mut mine: Vec<&Word> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            if used[i] {
                continue;
            }
            let (cx, cy) = (w.cx(), w.cy());
            if cx >= b.x0 - m && cx <= b.x1 + m && cy >= b.top - m && cy <= b.bottom + m {
                used[i] = true;
                mine.push(w);
            }
        }
        let lines = text_lines(&mine, s);
        let text = join_cell_text(&lines);
        let styled: Vec<&&Word> = mine.iter().filter(|w| !w.text.trim().is_empty()).collect();
        let bold = !styled.is_empty() && styled.iter().all(|w| w.bold);
        let italic = !styled.is_empty() && styled.iter().all(|w| w.italic);
        for (r, row) in rows.iter_mut().enumerate().take(rc.r1.min(nr)).skip(rc.r0) {
            for (c, cell) in row.iter_mut().enumerate().take(rc.c1.min(nc)).skip(rc.c0) {
                cell.covered = (r, c) != (rc.r0, rc.c0);
            }
        }
        let cell = &mut rows[rc.r0][rc.c0];
        cell.text = text;
        cell.row_span = (rc.r1.min(nr) - rc.r0) as u32;
        cell.col_span = (rc.c1.min(nc) - rc.c0) as u32;
        cell.bold = bold;
        cell.italic = italic;
        cell.bbox = Some(b);
    }
    let (x0, x1) = (raw.xs.first().copied().unwrap_or(0.0), raw.xs.last().copied().unwrap_or(0.0));
    let row_locations = (0..nr)
        .map(|r| Location::page(page, Some(BBox::new(x0, raw.ys[r], x1, raw.ys[r + 1]))))
        .collect();
    let grid = Grid {
        id: String::new(),
        rows,
        columns: nc,
        header_rows: 0,
        method: raw.method.to_string(),
        location: Location::page(page, Some(raw.bbox)),
        row_locations,
        caption: None,
        continued_from: Vec::new(),
    };
    (grid, used)
}
