//! Text alignment inside ruled boxes: rulings give a table its outer structure, the text's own
//! alignment refines it.
//!
//! Spreadsheet producers often draw one box around a whole block of figures, with no rule between
//! the box's columns or rows, and leave a total row without inner rules. A lattice cell is then a
//! frame holding many cells. Three principles of page layout, true for every producer, recover
//! them:
//!
//! 1. **A figure does not wrap.** A cell holding two or more lines made only of figures, set in a
//!    column (their right edges aligned, not ragged as a wrapped paragraph), holds as many rows:
//!    its lattice row is cut between every two text lines of the row (across all of the row's
//!    cells), midway between them.
//! 2. **A whitespace gap that runs down a column is a column boundary.** Inside one lattice
//!    column, a gap found by the projection of the phrases on the x-axis (as a stream table's
//!    columns are found) that separates phrases on at least two lines cuts the column.
//! 3. **A cell spans only what its text crosses.** A cell spanning several columns whose text
//!    falls into separate columns (a total row drawn without inner rules: "TOTAL 10,320.7 -100.0")
//!    is split along those columns; a phrase that crosses a boundary (a title, a year band over its
//!    columns) keeps one cell across the columns it crosses. A heading alone in its box stands
//!    over all the box's columns; a figure alone stands in its own column.

use crate::model::BBox;

use super::header::is_number;
use super::raw::{RawCell, RawTable, owners};
use super::settings::TableSettings;
use super::stream::{column_boundaries, merge_spans, segments, word_columns};
use super::words::{Word, text_lines};

/// The table with its boxes cut by the text inside them, or `None` when no cell needs it.
pub fn refine(raw: &RawTable, words: &[Word], s: &TableSettings) -> Option<RawTable> {
    refine_owned(raw, words, &owners(raw, words, s), s)
}

/// [`refine`], given the cell each word belongs to ([`owners`]).
pub fn refine_owned(
    raw: &RawTable,
    words: &[Word],
    owner: &[Option<usize>],
    s: &TableSettings,
) -> Option<RawTable> {
    let mut of_cell: Vec<Vec<&Word>> = vec![Vec::new(); raw.cells.len()];
    for (w, o) in words.iter().zip(owner) {
        if let Some(k) = o {
            of_cell[*k].push(w);
        }
    }
    let mut ys = raw.ys.clone();
    for r in 0..raw.rows() {
        ys.extend(row_cuts(raw, r, &of_cell, s));
    }
    let mut xs = raw.xs.clone();
    for c in 0..raw.columns() {
        xs.extend(column_cuts(raw, c, &of_cell, s));
    }
    let spanning = raw.cells.iter().zip(&of_cell).any(|(c, w)| c.c1 > c.c0 + 1 && w.len() > 1);
    if ys.len() == raw.ys.len() && xs.len() == raw.xs.len() && !spanning {
        return None;
    }
    sort_dedup(&mut xs);
    sort_dedup(&mut ys);
    let index = |v: &[f32], x: f32| v.iter().position(|&p| p == x).unwrap_or(0);
    let mut cells = Vec::new();
    for (rc, mine) in raw.cells.iter().zip(&of_cell) {
        let (top, bottom) = (raw.ys[rc.r0.min(raw.rows())], raw.ys[rc.r1.min(raw.rows())]);
        let (left, right) = (raw.xs[rc.c0.min(raw.columns())], raw.xs[rc.c1.min(raw.columns())]);
        let (r0, r1) = (index(&ys, top), index(&ys, bottom));
        let (c0, c1) = (index(&xs, left), index(&xs, right));
        if r1 <= r0 || c1 <= c0 {
            continue;
        }
        let rows_cut = r1 - r0 > rc.r1 - rc.r0;
        let cols_cut = c1 - c0 > 1;
        // Columns the text cut inside the box (not the table's own column rules).
        let text_cut = xs[c0 + 1..c1].iter().any(|x| !raw.xs.contains(x));
        if (!rows_cut && !cols_cut) || mine.is_empty() {
            cells.push(cell(&xs, &ys, r0, r1, c0, c1));
            continue;
        }
        let bands: Vec<(usize, usize)> =
            if rows_cut { (r0..r1).map(|r| (r, r + 1)).collect() } else { vec![(r0, r1)] };
        for (b0, b1) in bands {
            let (lo, hi) = (ys[b0], ys[b1]);
            let last = b1 == r1;
            let inside: Vec<&Word> = mine
                .iter()
                .copied()
                .filter(|w| w.cy() >= lo && (w.cy() < hi || (last && w.cy() <= hi)))
                .collect();
            let units = units(&inside, &xs, c0, c1, s);
            // A heading stands over the columns of its box; a figure stands in its column.
            let lone_figure = text_cut && !inside.is_empty() && inside.iter().all(|w| is_figure(w));
            if units.len() <= 1 && !lone_figure {
                cells.push(cell(&xs, &ys, b0, b1, c0, c1));
            } else {
                cells.extend(units.into_iter().map(|(a, b)| cell(&xs, &ys, b0, b1, a, b + 1)));
            }
        }
    }
    Some(RawTable { bbox: raw.bbox, xs, ys, cells, method: raw.method })
}

fn cell(xs: &[f32], ys: &[f32], r0: usize, r1: usize, c0: usize, c1: usize) -> RawCell {
    RawCell { r0, r1, c0, c1, bbox: BBox::new(xs[c0], ys[r0], xs[c1], ys[r1]) }
}

fn sort_dedup(v: &mut Vec<f32>) {
    v.retain(|x| x.is_finite());
    v.sort_by(f32::total_cmp);
    v.dedup();
}

/// A word that is a figure: an amount, count or percentage, or a nil dash.
fn is_figure(w: &Word) -> bool {
    is_number(&w.text) || matches!(w.text.as_str(), "-" | "–" | "—")
}

/// Where lattice row `r` is to be cut (principle 1): between its text lines, when one of its
/// cells holds two or more lines made only of figures.
fn row_cuts(raw: &RawTable, r: usize, of_cell: &[Vec<&Word>], s: &TableSettings) -> Vec<f32> {
    let (lo, hi) = (raw.ys[r], raw.ys[r + 1]);
    let in_row = |w: &&Word| w.cy() >= lo && w.cy() <= hi;
    let stacked = raw.cells.iter().zip(of_cell).any(|(rc, mine)| {
        if rc.r0 > r || rc.r1 <= r {
            return false;
        }
        let here: Vec<&Word> = mine.iter().copied().filter(in_row).collect();
        if here.len() < 2 {
            // Two lines of figures need two words.
            return false;
        }
        let lines = text_lines(&here, s);
        // Lines of figures set in a column end on one right edge; a run of figures wrapped as a
        // paragraph inside one cell ends ragged and is one cell's text.
        let ends: Vec<f32> = lines
            .iter()
            .filter(|l| !l.is_empty() && l.iter().all(|w| is_figure(w)))
            .filter_map(|l| l.last().map(|w| w.x1))
            .collect();
        let aligned = |e: &f32| ends.iter().filter(|f| (*f - e).abs() <= 1.0).count();
        let figure_lines: Vec<&Vec<&Word>> =
            lines.iter().filter(|l| !l.is_empty() && l.iter().all(|w| is_figure(w))).collect();
        let (left, right) = (raw.xs[rc.c0], raw.xs[rc.c1.min(raw.columns())]);
        ends.len() >= 2
            && ends.iter().map(aligned).max().unwrap_or(0) * 2 >= ends.len().max(3)
            && !wrapped_run(&figure_lines, left, right, s)
    });
    if !stacked {
        return Vec::new();
    }
    let all: Vec<&Word> = of_cell.iter().flatten().copied().filter(in_row).collect();
    let lines = text_lines(&all, s);
    // The cell of row `r` a word starts in: its left and right edges.
    let cell_at = |w: &Word| {
        raw.cells
            .iter()
            .find(|rc| {
                rc.r0 <= r
                    && rc.r1 > r
                    && raw.xs[rc.c0] <= w.x0
                    && w.x0 < raw.xs[rc.c1.min(raw.columns())]
            })
            .map(|rc| (raw.xs[rc.c0], raw.xs[rc.c1.min(raw.columns())]))
    };
    // A label-less line of figures after a wrapped line: that line began the label wrapped
    // around its figures ("Cash and cash" / figures / "equivalents"), not the rest of the row above.
    let figures_alone =
        |i: usize| lines.get(i).is_some_and(|l| !l.is_empty() && l.iter().all(|w| is_figure(w)));
    lines
        .windows(2)
        .enumerate()
        .filter(|(i, p)| {
            !wraps_on(&p[0], &p[1])
                && (!broke_for_width(&p[0], &p[1], &cell_at) || figures_alone(i + 2))
        })
        .map(|(_, p)| p)
        .filter_map(|p| {
            let bottom = p[0].iter().map(|w| w.bottom).fold(f32::NEG_INFINITY, f32::max);
            let top = p[1].iter().map(|w| w.top).fold(f32::INFINITY, f32::min);
            let (c0, c1) = (centre(&p[0]), centre(&p[1]));
            // Lines whose boxes overlap (mixed sizes) are cut midway between their centres.
            let y = if top >= bottom { (bottom + top) / 2.0 } else { (c0 + c1) / 2.0 };
            (y > lo && y < hi).then_some(y)
        })
        .collect()
}

/// Whether lines of figures are one run of figures wrapped as a paragraph inside a cell of
/// `left..right` (the exception to principle 1): each line is one phrase (its figures a word
/// space apart, not set in columns), one holds two figures or more, and every line but the last
/// is full: the next line's first figure would not have fitted after it inside the cell (its
/// text kept as far from the right edge as from the left).
fn wrapped_run(lines: &[&Vec<&Word>], left: f32, right: f32, s: &TableSettings) -> bool {
    if lines.len() < 2
        || !lines.iter().any(|l| l.len() >= 2)
        || lines.iter().any(|l| segments(l, s.phrase_gap_ratio).len() > 1)
    {
        return false;
    }
    let start = lines.iter().filter_map(|l| l.first()).map(|w| w.x0).fold(f32::INFINITY, f32::min);
    let limit = right - (start - left).max(0.0);
    lines.windows(2).all(|p| match (p[0].last(), p[1].first()) {
        (Some(end), Some(next)) => end.x1 + 0.25 * next.size + (next.x1 - next.x0) > limit,
        _ => false,
    })
}

/// Whether text line `next` is the wrapped rest of a label on line `line` rather than a row of its
/// own: it holds no figure (only a line with a figure is a row of figures), and its words read
/// on from the label above it, the words of `line` that stand over it: they leave a bracket open,
/// or `next` starts in lower case ("Council Tax Income (including increase up to referendum limit" / "but excluding social care
/// levy)"). A heading line or a label line of its own starts a new row as before.
fn wraps_on(line: &[&Word], next: &[&Word]) -> bool {
    if next.is_empty() || next.iter().any(|w| is_figure(w)) {
        return false;
    }
    let (x0, x1) = next
        .iter()
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), w| (a.min(w.x0), b.max(w.x1)));
    let above: Vec<&str> = line
        .iter()
        .filter(|w| !is_figure(w) && w.x1 >= x0 && w.x0 <= x1)
        .map(|w| w.text.as_str())
        .collect();
    if above.is_empty() {
        return false;
    }
    let above = above.join(" ");
    let first = next[0].text.chars().next().unwrap_or(' ');
    let unclosed = above.matches('(').count() > above.matches(')').count();
    unclosed || first.is_lowercase()
}

/// Whether text line `next` is the rest of the label on `line`, wrapped because its first word
/// did not fit: it holds no figure, it starts under the label's first word, and that word would
/// not have fitted after the label's last word inside their cell (its text kept as far from the
/// right edge as from the left), which is the only reason a typesetter breaks a line there
/// ("ADULT SOCIAL CARE FUNDING UNRESOLVED" / "BALANCE"); a wrapped line keeps the weight of the
/// line it continues. A label of its own, short enough to have stood on the line above, or a
/// bold heading after a plain line, starts a new row.
fn broke_for_width(
    line: &[&Word],
    next: &[&Word],
    cell_at: &dyn Fn(&Word) -> Option<(f32, f32)>,
) -> bool {
    let Some(first) = next.first() else { return false };
    if next.iter().any(|w| is_figure(w)) {
        return false;
    }
    let Some((left, right)) = cell_at(first) else { return false };
    let label: Vec<&&Word> =
        line.iter().filter(|w| !is_figure(w) && w.x0 >= left && w.x1 <= right).collect();
    let (Some(start), Some(end)) = (label.first(), label.last()) else { return false };
    let limit = right - (start.x0 - left).max(0.0);
    (first.x0 - start.x0).abs() <= 0.5 * first.size
        && first.bold == end.bold
        && end.x1 + 0.25 * first.size + (first.x1 - first.x0) > limit
}

fn centre(line: &[&Word]) -> f32 {
    line.iter().map(|w| w.cy()).sum::<f32>() / line.len().max(1) as f32
}

/// Where lattice column `c` is to be cut (principle 2): at whitespace gaps that run down the text
/// of its one-column cells and separate phrases on at least two lines.
fn column_cuts(raw: &RawTable, c: usize, of_cell: &[Vec<&Word>], s: &TableSettings) -> Vec<f32> {
    let (lo, hi) = (raw.xs[c], raw.xs[c + 1]);
    let words: Vec<&Word> = raw
        .cells
        .iter()
        .zip(of_cell)
        .filter(|(rc, _)| rc.c0 == c && rc.c1 == c + 1)
        .flat_map(|(_, m)| m.iter().copied())
        .collect();
    let lines = text_lines(&words, s);
    let split_lines = lines.iter().filter(|l| segments(l, s.phrase_gap_ratio).len() >= 2).count();
    if split_lines < 2 {
        return Vec::new();
    }
    let Some(bounds) = column_boundaries(&lines, s) else { return Vec::new() };
    let inner = bounds.len().saturating_sub(1);
    bounds
        .into_iter()
        .take(inner)
        .skip(1)
        .filter(|&b| b > lo + s.snap_tolerance && b < hi - s.snap_tolerance)
        .filter(|&b| {
            // Both sides filled on at least two lines, and no phrase crossing it on those lines.
            let sides = lines
                .iter()
                .filter(|l| {
                    let ph = segments(l, s.phrase_gap_ratio);
                    let left = ph.iter().any(|p| p.iter().all(|w| w.x1 <= b));
                    let right = ph.iter().any(|p| p.iter().all(|w| w.x0 >= b));
                    left && right
                })
                .count();
            sides >= 2
        })
        .collect()
}

/// The column ranges (first, last; inclusive) that the phrases of a cell's words occupy among the
/// columns `c0..c1` of the boundaries `xs`, merged where they overlap (principle 3).
fn units(
    words: &[&Word],
    xs: &[f32],
    c0: usize,
    c1: usize,
    s: &TableSettings,
) -> Vec<(usize, usize)> {
    let mut units: Vec<(usize, usize)> = Vec::new();
    for line in text_lines(words, s) {
        for ph in segments(&line, s.phrase_gap_ratio) {
            let a = ph.iter().map(|w| word_columns(w, xs, c0, c1).0).min().unwrap_or(c0);
            let b = ph.iter().map(|w| word_columns(w, xs, c0, c1).1).max().unwrap_or(c0);
            units.push((a, b));
        }
    }
    merge_spans(units)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::tables::words::test_word as word;

    fn lattice(xs: Vec<f32>, ys: Vec<f32>, cells: Vec<(usize, usize, usize, usize)>) -> RawTable {
        let cells =
            cells.into_iter().map(|(r0, r1, c0, c1)| cell(&xs, &ys, r0, r1, c0, c1)).collect();
        let bbox = BBox::new(xs[0], ys[0], *xs.last().unwrap(), *ys.last().unwrap());
        RawTable { bbox, xs, ys, cells, method: "lattice" }
    }

    #[test]
    fn a_box_of_stacked_figures_is_cut_into_rows_and_columns() {
        // One ruled box (no inner rules) holding two lines of three right-aligned figures, as an
        // Excel year block "Core | External | Total" prints them.
        let raw = lattice(vec![0.0, 200.0], vec![0.0, 50.0], vec![(0, 1, 0, 1)]);
        let words = vec![
            word("31,721.5", 20.0, 60.0, 5.0),
            word("0.0", 110.0, 125.0, 5.0),
            word("31,721.5", 150.0, 190.0, 5.0),
            word("35.0", 40.0, 60.0, 20.0),
            word("505.1", 100.0, 125.0, 20.0),
            word("540.1", 165.0, 190.0, 20.0),
            word("0.0", 175.0, 190.0, 35.0),
        ];
        let s = TableSettings::default();
        let t = refine(&raw, &words, &s).expect("refined");
        assert_eq!((t.rows(), t.columns()), (3, 3));
        let (g, used) = super::super::raw::fill(&t, &words, 1, &s);
        assert!(used.iter().all(|u| *u));
        assert_eq!(g.text(0, 0), "31,721.5");
        assert_eq!(g.text(1, 1), "505.1");
        assert_eq!(g.text(1, 2), "540.1");
        // A figure alone on its line stands in its own column, not across the box.
        assert_eq!((g.text(2, 0), g.text(2, 2)), ("", "0.0"));
    }

    #[test]
    fn a_label_line_broken_because_its_next_word_did_not_fit_reads_on() {
        // Appendix D p2: "ADULT SOCIAL CARE FUNDING UNRESOLVED" / "BALANCE" under its figures,
        // the first line full to the cell's edge; "Local Taxation" would have fitted after
        // "Short Fund", so it is a row of its own.
        let raw =
            lattice(vec![0.0, 60.0, 200.0], vec![0.0, 80.0], vec![(0, 1, 0, 1), (0, 1, 1, 2)]);
        let words = vec![
            word("800.0", 20.0, 55.0, 5.0),
            word("ADULT", 62.0, 95.0, 5.0),
            word("SOCIAL", 97.0, 135.0, 5.0),
            word("UNRESOLVED", 137.0, 190.0, 5.0),
            word("BALANCE", 62.0, 102.0, 20.0),
            word("2,515.5", 20.0, 55.0, 35.0),
            word("Short", 62.0, 90.0, 35.0),
            word("Fund", 92.0, 130.0, 35.0),
            word("Local", 62.0, 90.0, 50.0),
            word("Taxation", 92.0, 130.0, 50.0),
        ];
        let s = TableSettings::default();
        let t = refine(&raw, &words, &s).expect("refined");
        let (g, _) = super::super::raw::fill(&t, &words, 1, &s);
        assert_eq!(g.rows.len(), 3, "{:?}", g.rows);
        assert_eq!(g.text(0, 1), "ADULT SOCIAL UNRESOLVED BALANCE");
        assert_eq!(g.text(0, 0), "800.0");
        assert_eq!(g.text(1, 1), "Short Fund");
        assert_eq!(g.text(2, 1), "Local Taxation");
    }

    #[test]
    fn a_label_wrapped_under_its_figures_stays_in_their_row() {
        // An Excel sheet without row rules: figures stacked in a column, one label wrapped onto a
        // second line without figures, and a heading-like line of its own after them.
        let raw =
            lattice(vec![0.0, 60.0, 300.0], vec![0.0, 80.0], vec![(0, 1, 0, 1), (0, 1, 1, 2)]);
        let words = vec![
            word("800,320.3", 10.0, 55.0, 5.0),
            word("Council", 62.0, 90.0, 5.0),
            word("Tax", 92.0, 105.0, 5.0),
            word("(including", 107.0, 150.0, 5.0),
            word("increase", 152.0, 190.0, 5.0),
            word("but", 62.0, 75.0, 20.0),
            word("excluding", 77.0, 120.0, 20.0),
            word("levy)", 122.0, 145.0, 20.0),
            word("2,515.5", 20.0, 55.0, 35.0),
            word("Council", 62.0, 90.0, 35.0),
            word("Tax", 92.0, 105.0, 35.0),
            word("Fund", 107.0, 130.0, 35.0),
            word("Local", 62.0, 90.0, 50.0),
            word("Taxation", 92.0, 130.0, 50.0),
        ];
        let s = TableSettings::default();
        let t = refine(&raw, &words, &s).expect("refined");
        let (g, _) = super::super::raw::fill(&t, &words, 1, &s);
        assert_eq!(g.rows.len(), 3, "{:?}", g.rows);
        assert_eq!(g.text(0, 1), "Council Tax (including increase but excluding levy)");
        assert_eq!(g.text(1, 0), "2,515.5");
        assert_eq!(g.text(2, 1), "Local Taxation");
    }

    #[test]
    fn a_run_of_figures_wrapped_in_its_cell_stays_one_cell() {
        // A text table rendered with a run of figures in one cell: the renderer wraps it as a
        // paragraph, each line full to the cell's edge, the figures a word space apart. Two
        // lines end on the same right edge by chance; they are still one cell's text.
        let raw =
            lattice(vec![0.0, 60.0, 180.0], vec![0.0, 60.0], vec![(0, 1, 0, 1), (0, 1, 1, 2)]);
        let words = vec![
            word("Reduction", 3.0, 40.0, 5.0),
            word("10,844", 63.0, 90.0, 5.0),
            word("1,804", 92.0, 114.0, 5.0),
            word("25,755", 116.0, 144.0, 5.0),
            word("16,935", 146.0, 174.0, 5.0),
            word("-6,895", 63.0, 90.0, 20.0),
            word("10,179", 92.0, 120.0, 20.0),
            word("-5,714", 122.0, 150.0, 20.0),
            word("9,125", 152.0, 174.0, 20.0),
            word("-4,481", 63.0, 90.0, 35.0),
        ];
        let s = TableSettings::default();
        let t = refine(&raw, &words, &s).unwrap_or_else(|| raw.clone());
        let (g, _) = super::super::raw::fill(&t, &words, 1, &s);
        assert_eq!(g.rows.len(), 1, "{:?}", g.rows);
        assert_eq!(g.text(0, 1), "10,844 1,804 25,755 16,935 -6,895 10,179 -5,714 9,125 -4,481");
        // The same figures one to a line, right-aligned in their column: a figure does not wrap.
        let words = vec![
            word("10,844", 147.0, 174.0, 5.0),
            word("1,804", 152.0, 174.0, 20.0),
            word("-4,481", 147.0, 174.0, 35.0),
        ];
        let t = refine(&raw, &words, &s).expect("refined");
        assert_eq!(t.rows(), 3);
    }

    #[test]
    fn wrapped_prose_and_a_single_figure_stay_one_cell() {
        // A Word table row: a description wrapped over two lines beside one figure.
        let raw =
            lattice(vec![0.0, 150.0, 200.0], vec![0.0, 40.0], vec![(0, 1, 0, 1), (0, 1, 1, 2)]);
        let words = vec![
            word("Payment", 5.0, 40.0, 5.0),
            word("to", 43.0, 50.0, 5.0),
            word("Kent", 53.0, 70.0, 5.0),
            word("Fire", 5.0, 20.0, 20.0),
            word("22.5", 175.0, 195.0, 5.0),
        ];
        assert!(refine(&raw, &words, &TableSettings::default()).is_none());
    }

    #[test]
    fn a_total_row_without_inner_rules_is_split_along_the_columns() {
        // Rows 0 and 2 ruled in three columns; row 1 one cell across all three, holding a label
        // that crosses the first boundary and two figures inside the last two columns.
        let raw = lattice(
            vec![0.0, 100.0, 150.0, 200.0],
            vec![0.0, 10.0, 20.0, 30.0],
            vec![
                (0, 1, 0, 1),
                (0, 1, 1, 2),
                (0, 1, 2, 3),
                (1, 2, 0, 3),
                (2, 3, 0, 1),
                (2, 3, 1, 2),
                (2, 3, 2, 3),
            ],
        );
        let words = vec![
            word("TOTAL", 5.0, 60.0, 11.0),
            word("CHANGES", 64.0, 112.0, 11.0),
            word("10,320.7", 160.0, 195.0, 11.0),
        ];
        let s = TableSettings::default();
        let t = refine(&raw, &words, &s).expect("refined");
        let (g, _) = super::super::raw::fill(&t, &words, 1, &s);
        assert_eq!(g.text(1, 0), "TOTAL CHANGES");
        assert_eq!(g.rows[1][0].col_span, 2, "the label crosses the first boundary");
        assert_eq!(g.text(1, 2), "10,320.7");
        // A title of one phrase keeps its whole span.
        let words = vec![word("INDICATIVE", 50.0, 120.0, 11.0)];
        let t = refine(&raw, &words, &s);
        let (g, _) = super::super::raw::fill(t.as_ref().unwrap_or(&raw), &words, 1, &s);
        assert_eq!(g.rows[1][0].col_span, 3);
    }
}
