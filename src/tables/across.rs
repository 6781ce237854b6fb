//! A row reads across the page.
//!
//! Spreadsheet producers draw a block of figures as a box of its own and leave the row labels in
//! an unruled band between two boxes (a "2024-25" block, the labels, then the "2025-26" block).
//! Ruled grids that stand side by side and whose rows sit on the same text lines are one table,
//! and the words on those lines in the band between them are that table's cells: a reader follows
//! a row along its baseline, whatever the rules. Grids whose rows do not line up (two tables that
//! merely stand beside each other) are left apart.

use crate::model::BBox;

use super::header::is_number;
use super::raw::{RawCell, RawTable, owners};
use super::settings::TableSettings;
use super::words::{Word, text_lines};

/// The tables of a page with side-by-side grids whose rows line up joined into one, together
/// with the words of the bands between them. Tables keep their order otherwise.
pub fn join(tables: Vec<RawTable>, words: &[Word], s: &TableSettings) -> Vec<RawTable> {
    if tables.len() < 2 {
        return tables;
    }
    let size = median_size(words);
    let n = tables.len();
    // Each table's text lines, read when it is first compared with a table beside it.
    let mut centres: Vec<Option<Vec<f32>>> = vec![None; n];
    // Union-find over tables that line up.
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for a in 0..n {
        for b in 0..n {
            let (ta, tb) = (&tables[a], &tables[b]);
            if a == b || ta.bbox.x1 > tb.bbox.x0 + s.snap_tolerance {
                continue;
            }
            // Nothing else stands between them.
            let between = tables.iter().enumerate().any(|(k, t)| {
                k != a
                    && k != b
                    && t.bbox.x0 >= ta.bbox.x1 - s.snap_tolerance
                    && t.bbox.x1 <= tb.bbox.x0 + s.snap_tolerance
                    && overlap(&t.bbox, &ta.bbox) > 0.0
            });
            if between {
                continue;
            }
            for i in [a, b] {
                if centres[i].is_none() {
                    centres[i] = Some(line_centres(&tables[i], words, s));
                }
            }
            let (ca, cb) = (centres[a].as_deref(), centres[b].as_deref());
            if !lined_up(ca.unwrap_or_default(), cb.unwrap_or_default(), 0.5 * size) {
                continue;
            }
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra != rb {
                parent[ra] = rb;
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut slot: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let r = find(&mut parent, i);
        match slot[r] {
            Some(g) => groups[g].push(i),
            None => {
                slot[r] = Some(groups.len());
                groups.push(vec![i]);
            }
        }
    }
    let mut tables: Vec<Option<RawTable>> = tables.into_iter().map(Some).collect();
    groups
        .into_iter()
        .filter_map(|g| {
            if g.len() == 1 {
                return tables[g[0]].take();
            }
            let mut parts: Vec<RawTable> = g.iter().filter_map(|&i| tables[i].take()).collect();
            parts.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
            Some(combine(&parts, s))
        })
        .collect()
}

/// Grids stacked one above the other on the same column rules, with at most two text lines
/// between them and the lower one carrying on the body (its first row holds a figure), joined
/// into one table whose row between is the gap. A total printed on a
/// shaded band across the columns (no column rules through it) splits the rules of a ruled
/// sheet, but the columns run on under it: the band is a row of the same table.
pub fn join_stacked(tables: Vec<RawTable>, words: &[Word], s: &TableSettings) -> Vec<RawTable> {
    if tables.len() < 2 {
        return tables;
    }
    let size = median_size(words);
    let mut out: Vec<RawTable> = Vec::new();
    for t in tables {
        let joined = match out.last() {
            Some(a) if same_columns(a, &t, s) && a.bbox.bottom <= t.bbox.top + s.snap_tolerance => {
                let gap = BBox::new(a.bbox.x0, a.bbox.bottom, a.bbox.x1, t.bbox.top);
                let between: Vec<&Word> = words
                    .iter()
                    .filter(|w| {
                        w.cx() >= gap.x0
                            && w.cx() <= gap.x1
                            && w.cy() > gap.top
                            && w.cy() < gap.bottom
                    })
                    .collect();
                let lines = text_lines(&between, s).len();
                // The grid below carries on the body (its first row holds a figure); a grid that
                // opens with headings of its own is a new table on the same columns.
                let first = t.ys.get(1).copied().unwrap_or(t.bbox.bottom);
                let body = words.iter().any(|w| {
                    w.cy() > t.bbox.top
                        && w.cy() < first
                        && w.cx() > t.bbox.x0
                        && w.cx() < t.bbox.x1
                        && is_number(&w.text)
                });
                (gap.bottom - gap.top <= 3.0 * size && lines <= 2 && body).then(|| stack(a, &t))
            }
            _ => None,
        };
        match joined {
            Some(j) => {
                out.pop();
                out.push(j);
            }
            None => out.push(t),
        }
    }
    out
}

/// The column rules of the grid above run on in the grid below: both have two or more columns,
/// the same outer edges, and every rule of the lower grid stands on a rule of the upper one (a
/// lower grid may leave some out, where a label spans two of the columns above).
fn same_columns(a: &RawTable, b: &RawTable, s: &TableSettings) -> bool {
    let on = |x: f32| a.xs.iter().any(|y| (x - y).abs() <= s.snap_tolerance);
    let ends = |v: &[f32]| (v.first().copied().unwrap_or(0.0), v.last().copied().unwrap_or(0.0));
    let ((a0, a1), (b0, b1)) = (ends(&a.xs), ends(&b.xs));
    a.xs.len() >= 3
        && b.xs.len() >= 3
        && (a0 - b0).abs() <= s.snap_tolerance
        && (a1 - b1).abs() <= s.snap_tolerance
        && b.xs.iter().all(|&x| on(x))
}

/// The index of the boundary in `xs` nearest to `x`.
fn nearest(xs: &[f32], x: f32) -> usize {
    xs.iter()
        .enumerate()
        .min_by(|p, q| (p.1 - x).abs().total_cmp(&(q.1 - x).abs()))
        .map_or(0, |(i, _)| i)
}

/// `a` above `b`, with the gap between them as one row across all columns.
fn stack(a: &RawTable, b: &RawTable) -> RawTable {
    let n = a.rows();
    let gap = a.bbox.bottom < b.bbox.top;
    let mut ys = a.ys.clone();
    let shift = if gap { n + 1 } else { n };
    ys.extend(b.ys.iter().copied().skip(usize::from(!gap)));
    let mut cells = a.cells.clone();
    if gap {
        cells.push(RawCell {
            r0: n,
            r1: n + 1,
            c0: 0,
            c1: a.columns(),
            bbox: BBox::new(a.bbox.x0, a.bbox.bottom, a.bbox.x1, b.bbox.top),
        });
    }
    cells.extend(b.cells.iter().filter_map(|c| {
        let c0 = nearest(&a.xs, b.xs[c.c0.min(b.columns())]);
        let c1 = nearest(&a.xs, b.xs[c.c1.min(b.columns())]);
        (c1 > c0).then(|| RawCell {
            r0: c.r0 + shift,
            r1: c.r1 + shift,
            c0,
            c1,
            bbox: BBox::new(a.xs[c0], c.bbox.top, a.xs[c1], c.bbox.bottom),
        })
    }));
    let bbox = a.bbox.union(&b.bbox);
    RawTable { bbox, xs: a.xs.clone(), ys, cells, method: a.method }
}

/// Vertical overlap of two boxes, in points.
fn overlap(a: &BBox, b: &BBox) -> f32 {
    a.bottom.min(b.bottom) - a.top.max(b.top)
}

/// Whether two grids' rows sit on the same text lines: at least three text lines of the one with
/// fewer lines, and three in five of them, have a line of the other within `tol` of their centre.
fn lined_up(a: &[f32], b: &[f32], tol: f32) -> bool {
    let (few, many) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let matched = few.iter().filter(|y| many.iter().any(|z| (*y - z).abs() <= tol)).count();
    matched >= 3 && matched * 5 >= few.len() * 3
}

/// The vertical centres of the text lines a grid holds.
fn line_centres(t: &RawTable, words: &[Word], s: &TableSettings) -> Vec<f32> {
    let owner = owners(t, words, s);
    let mine: Vec<&Word> =
        words.iter().zip(&owner).filter(|(_, o)| o.is_some()).map(|(w, _)| w).collect();
    text_lines(&mine, s)
        .iter()
        .map(|l| l.iter().map(|w| w.cy()).sum::<f32>() / l.len().max(1) as f32)
        .collect()
}

fn median_size(words: &[Word]) -> f32 {
    let mut v: Vec<f32> = words.iter().map(|w| w.size).collect();
    if v.is_empty() {
        return 10.0;
    }
    v.sort_by(f32::total_cmp);
    v[v.len() / 2]
}

/// One table from grids standing side by side (left to right): their row boundaries snapped
/// together, their columns kept, and a column for each band between two of them.
fn combine(parts: &[RawTable], s: &TableSettings) -> RawTable {
    let mut ys: Vec<f32> = parts.iter().flat_map(|t| t.ys.iter().copied()).collect();
    ys.sort_by(f32::total_cmp);
    let ys = snap(&ys, s.snap_tolerance);
    let row = |y: f32| -> usize {
        ys.iter()
            .enumerate()
            .min_by(|a, b| (a.1 - y).abs().total_cmp(&(b.1 - y).abs()))
            .map_or(0, |(i, _)| i)
    };
    let mut xs: Vec<f32> = Vec::new();
    for t in parts {
        for &x in &t.xs {
            if xs.last().is_none_or(|l| x > *l + 0.01) {
                xs.push(x);
            }
        }
    }
    let col = |x: f32| xs.iter().position(|&p| (p - x).abs() <= 0.01).unwrap_or(0);
    let mut cells: Vec<RawCell> = Vec::new();
    let cell = |r0: usize, r1: usize, c0: usize, c1: usize| RawCell {
        r0,
        r1,
        c0,
        c1,
        bbox: BBox::new(xs[c0], ys[r0], xs[c1], ys[r1]),
    };
    for (i, t) in parts.iter().enumerate() {
        for rc in &t.cells {
            let (r0, r1) = (row(t.ys[rc.r0]), row(t.ys[rc.r1.min(t.rows())]));
            let (c0, c1) = (col(t.xs[rc.c0]), col(t.xs[rc.c1.min(t.columns())]));
            if r1 > r0 && c1 > c0 {
                cells.push(cell(r0, r1, c0, c1));
            }
        }
        // The band between this grid and the next: one cell per row.
        if let Some(next) = parts.get(i + 1) {
            let (c0, c1) = (col(t.bbox.x1), col(next.bbox.x0));
            if c1 > c0 {
                cells.extend((0..ys.len() - 1).map(|r| cell(r, r + 1, c0, c1)));
            }
        }
    }
    let bbox = parts.iter().skip(1).fold(parts[0].bbox, |b, t| b.union(&t.bbox));
    RawTable { bbox, xs, ys, cells, method: parts[0].method }
}

/// Values within `tol` of the running cluster's first member snapped to the cluster's mean.
fn snap(sorted: &[f32], tol: f32) -> Vec<f32> {
    let mut out: Vec<f32> = Vec::new();
    let mut cluster: Vec<f32> = Vec::new();
    for &y in sorted {
        if cluster.first().is_some_and(|f| y - f > tol) {
            out.push(cluster.iter().sum::<f32>() / cluster.len() as f32);
            cluster.clear();
        }
        cluster.push(y);
    }
    if !cluster.is_empty() {
        out.push(cluster.iter().sum::<f32>() / cluster.len() as f32);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::tables::words::test_word as word;

    fn grid(x0: f32, x1: f32, ys: &[f32]) -> RawTable {
        let ys = ys.to_vec();
        let cells = (0..ys.len() - 1)
            .map(|r| RawCell {
                r0: r,
                r1: r + 1,
                c0: 0,
                c1: 1,
                bbox: BBox::new(x0, ys[r], x1, ys[r + 1]),
            })
            .collect();
        RawTable {
            bbox: BBox::new(x0, ys[0], x1, ys[ys.len() - 1]),
            xs: vec![x0, x1],
            ys,
            cells,
            method: "lattice",
        }
    }

    #[test]
    fn boxes_whose_rows_line_up_join_with_the_labels_between_them() {
        // A "2024-25" box, an unruled band of labels, a "2025-26" box: three rows each.
        let left = grid(0.0, 60.0, &[0.0, 12.0, 24.0, 36.0]);
        let right = grid(200.0, 260.0, &[0.5, 12.5, 24.5, 36.5]);
        let mut words = Vec::new();
        for (k, label) in ["Pay", "Prices", "Policy"].iter().enumerate() {
            let top = 2.0 + 12.0 * k as f32;
            words.push(word("1.0", 40.0, 58.0, top));
            words.push(word(label, 70.0, 100.0, top));
            words.push(word("2.0", 240.0, 258.0, top));
        }
        let s = TableSettings::default();
        let joined = join(vec![left, right], &words, &s);
        assert_eq!(joined.len(), 1);
        let (g, used) = super::super::raw::fill(&joined[0], &words, 1, &s);
        assert!(used.iter().all(|u| *u), "every word has a cell");
        assert_eq!(g.columns, 3);
        assert_eq!((g.text(1, 0), g.text(1, 1), g.text(1, 2)), ("1.0", "Prices", "2.0"));
    }

    #[test]
    fn grids_whose_rows_do_not_line_up_stay_apart() {
        let left = grid(0.0, 60.0, &[0.0, 12.0, 24.0, 36.0]);
        let right = grid(200.0, 260.0, &[0.0, 20.0, 40.0]);
        let mut words = Vec::new();
        for k in 0..3 {
            words.push(word("1.0", 40.0, 58.0, 2.0 + 12.0 * k as f32));
        }
        for k in 0..2 {
            words.push(word("2.0", 240.0, 258.0, 6.0 + 20.0 * k as f32));
        }
        assert_eq!(join(vec![left, right], &words, &TableSettings::default()).len(), 2);
    }

    #[test]
    fn a_total_band_between_grids_with_the_same_column_rules_is_a_row_of_one_table() {
        let xs = vec![0.0, 100.0, 150.0, 200.0];
        let mk = |ys: Vec<f32>| {
            let mut cells = Vec::new();
            for r in 0..ys.len() - 1 {
                for c in 0..3 {
                    let bbox = BBox::new(xs[c], ys[r], xs[c + 1], ys[r + 1]);
                    cells.push(RawCell { r0: r, r1: r + 1, c0: c, c1: c + 1, bbox });
                }
            }
            let bbox = BBox::new(0.0, ys[0], 200.0, ys[ys.len() - 1]);
            RawTable { bbox, xs: xs.clone(), ys, cells, method: "lattice" }
        };
        let words = vec![
            word("TOTAL", 5.0, 40.0, 23.0),
            word("10.0", 170.0, 190.0, 23.0),
            word("4.0", 170.0, 190.0, 33.0),
        ];
        let s = TableSettings::default();
        let joined =
            join_stacked(vec![mk(vec![0.0, 10.0, 20.0]), mk(vec![32.0, 42.0, 52.0])], &words, &s);
        assert_eq!(joined.len(), 1);
        let t = super::super::refine::refine(&joined[0], &words, &s).unwrap_or(joined[0].clone());
        let (g, _) = super::super::raw::fill(&t, &words, 1, &s);
        assert_eq!(g.rows.len(), 5);
        assert_eq!((g.text(2, 0), g.text(2, 2)), ("TOTAL", "10.0"));
        // A lower grid that leaves out a rule of the upper one ("Funded By:" rows whose label
        // spans two columns above) runs on the same columns.
        let mut fewer = mk(vec![32.0, 42.0, 52.0]);
        fewer.xs = vec![0.0, 150.0, 200.0];
        fewer.cells = (0..2)
            .flat_map(|r| {
                (0..2).map(move |c| RawCell {
                    r0: r,
                    r1: r + 1,
                    c0: c,
                    c1: c + 1,
                    bbox: BBox::new(0.0, 0.0, 1.0, 1.0),
                })
            })
            .collect();
        let joined = join_stacked(vec![mk(vec![0.0, 10.0, 20.0]), fewer], &words, &s);
        assert_eq!(joined.len(), 1);
        assert!(joined[0].cells.iter().any(|c| c.r0 == 3 && c.c0 == 0 && c.c1 == 2));
        // A grid below that opens with headings of its own is a new table.
        let heads = vec![word("TOTAL", 5.0, 40.0, 23.0), word("Year", 160.0, 190.0, 33.0)];
        let two = vec![mk(vec![0.0, 10.0, 20.0]), mk(vec![32.0, 42.0, 52.0])];
        assert_eq!(join_stacked(two, &heads, &s).len(), 2);
        // Grids with other column rules stay apart.
        let mut other = mk(vec![32.0, 42.0, 52.0]);
        other.xs = vec![0.0, 60.0, 150.0, 200.0];
        assert_eq!(join_stacked(vec![mk(vec![0.0, 10.0, 20.0]), other], &words, &s).len(), 2);
    }
}
