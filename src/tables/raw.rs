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

fn valid(raw: &RawTable, rc: &RawCell) -> bool {
    !(rc.r0 >= raw.rows() || rc.c0 >= raw.columns() || rc.r1 <= rc.r0 || rc.c1 <= rc.c0)
}

/// The cell each word belongs to: the cell holding its centre; only a word that no cell holds
/// goes to a cell grown by the margin (a word straddling a rule), so that the margin never takes
/// a word from the neighbouring cell that holds it.
pub(crate) fn owners(raw: &RawTable, words: &[Word], s: &TableSettings) -> Vec<Option<usize>> {
    let inside = |b: &BBox, x: f32, y: f32, m: f32| {
        x >= b.x0 - m && x <= b.x1 + m && y >= b.top - m && y <= b.bottom + m
    };
    let index = CellIndex::new(raw, s.cell_margin.max(0.0));
    words
        .iter()
        .map(|w| {
            let (cx, cy) = (w.cx(), w.cy());
            let near = index.near(cy);
            let find =
                |m: f32| near.iter().copied().find(|&k| inside(&raw.cells[k].bbox, cx, cy, m));
            find(0.0).or_else(|| find(s.cell_margin))
        })
        .collect()
}

/// The valid cells of a table by height: bands of the table's height, each listing (in table
/// order) every valid cell whose box, grown by the margin, reaches into the band. A point's band
/// lists every cell that can hold it, so the first of them that holds it is the first in the
/// table (the bands' bounds are computed with the same rounding as the test, which is monotone).
struct CellIndex {
    lo: f32,
    hi: f32,
    step: f32,
    bands: Vec<Vec<usize>>,
}

impl CellIndex {
    fn new(raw: &RawTable, margin: f32) -> Self {
        let cells: Vec<(usize, f32, f32)> = raw
            .cells
            .iter()
            .enumerate()
            .filter(|(_, rc)| valid(raw, rc))
            .map(|(k, rc)| (k, rc.bbox.top - margin, rc.bbox.bottom + margin))
            .filter(|(_, a, b)| a <= b)
            .collect();
        let lo = cells.iter().map(|c| c.1).fold(f32::INFINITY, f32::min);
        let hi = cells.iter().map(|c| c.2).fold(f32::NEG_INFINITY, f32::max);
        let n = raw.rows().clamp(1, 2048);
        let step = (hi - lo) / n as f32;
        if cells.len() <= 8 || !(step > 0.0 && step.is_finite()) {
            let all = cells.iter().map(|c| c.0).collect();
            return CellIndex { lo, hi, step: 0.0, bands: vec![all] };
        }
        let mut bands = vec![Vec::new(); n];
        let band = |y: f32| (((y - lo) / step).floor().max(0.0) as usize).min(n - 1);
        for (k, a, b) in cells {
            for list in &mut bands[band(a)..=band(b)] {
                list.push(k);
            }
        }
        CellIndex { lo, hi, step, bands }
    }

    /// The cells that can hold a point at height `y`, in table order.
    fn near(&self, y: f32) -> &[usize] {
        if !(y >= self.lo && y <= self.hi) {
            return &[];
        }
        if self.bands.len() == 1 {
            return &self.bands[0];
        }
        let n = self.bands.len();
        let i = (((y - self.lo) / self.step).floor().max(0.0) as usize).min(n - 1);
        &self.bands[i]
    }
}

/// Places words in the table's cells (a word belongs to the cell holding its centre) and builds the
/// grid. Returns the grid and, for each word, whether it was placed.
pub fn fill(raw: &RawTable, words: &[Word], page: u32, s: &TableSettings) -> (Grid, Vec<bool>) {
    fill_owned(raw, words, &owners(raw, words, s), page, s)
}

/// [`fill`], given the cell each word belongs to ([`owners`]).
pub fn fill_owned(
    raw: &RawTable,
    words: &[Word],
    owner: &[Option<usize>],
    page: u32,
    s: &TableSettings,
) -> (Grid, Vec<bool>) {
    let (nr, nc) = (raw.rows(), raw.columns());
    let mut used = vec![false; words.len()];
    let mut rows: Vec<Vec<Cell>> = vec![vec![Cell::new(""); nc]; nr];
    // Each cell's words, in word order.
    let mut by_cell: Vec<Vec<&Word>> = vec![Vec::new(); raw.cells.len()];
    for (i, (w, o)) in words.iter().zip(owner).enumerate() {
        if let Some(k) = *o {
            used[i] = true;
            by_cell[k].push(w);
        }
    }
    for (k, rc) in raw.cells.iter().enumerate() {
        if !valid(raw, rc) {
            continue;
        }
        let b = rc.bbox;
        let mine = std::mem::take(&mut by_cell[k]);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x0: f32, x1: f32) -> Word {
        Word {
            text: text.into(),
            x0,
            x1,
            top: 112.0,
            bottom: 119.0,
            size: 6.5,
            bold: false,
            italic: false,
        }
    }

    #[test]
    fn the_margin_never_takes_a_word_from_the_cell_holding_it() {
        // Denominator | DOT: the arrow's centre (540.6) lies 0.4 pt inside DOT, within the
        // margin of the Denominator cell to its left, which comes first.
        let cell = |c0: usize, x0: f32, x1: f32| RawCell {
            r0: 0,
            r1: 1,
            c0,
            c1: c0 + 1,
            bbox: BBox::new(x0, 110.0, x1, 140.0),
        };
        let raw = RawTable {
            bbox: BBox::new(490.1, 110.0, 556.1, 140.0),
            xs: vec![490.1, 540.2, 556.1],
            ys: vec![110.0, 140.0],
            cells: vec![cell(0, 490.1, 540.2), cell(1, 540.2, 556.1)],
            method: "lattice",
        };
        let words = vec![word("210", 523.4, 534.2), word("↓", 539.0, 542.2)];
        let (g, used) = fill(&raw, &words, 48, &TableSettings::default());
        assert_eq!(g.text(0, 0), "210");
        assert_eq!(g.text(0, 1), "↓");
        assert_eq!(used, vec![true, true]);
        // A word straddling the outer rule, held by no cell, still goes to the nearest by margin.
        let words = vec![word("x", 555.9, 556.9)];
        let (g, _) = fill(&raw, &words, 48, &TableSettings::default());
        assert_eq!(g.text(0, 1), "x");
    }
}
