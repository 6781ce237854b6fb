//! Lattice tables: intersections of ruling edges into cells, cells into tables, tables into a
//! row/column structure with spans.
//!
//! A cell is the smallest rectangle whose four corners are intersections joined by edges (the
//! top-left corner to the top-right and bottom-left by the same edges, and the bottom-right corner
//! to both). Cells sharing a corner belong to one table. The table's column boundaries are the
//! distinct x-positions of its cells' sides, its row boundaries the distinct y-positions; a cell
//! spanning several of them gets a row or column span.

use std::collections::BTreeMap;

use crate::model::BBox;

use super::edges::{Edges, intersections};
use super::raw::{RawCell, RawTable};
use super::settings::TableSettings;

/// Finds the lattice tables drawn by a page's edges.
pub fn tables(edges: &Edges, s: &TableSettings) -> Vec<RawTable> {
    let (corners, cells) = cells(edges, s);
    group(corners, cells)
        .into_iter()
        .filter(|c| c.len() >= s.lattice_min_cells.max(1))
        .filter_map(structure)
        .collect()
}

type Key = (u32, u32);

fn key(x: f32, y: f32) -> Key {
    (x.to_bits(), y.to_bits())
}

/// A corner where edges cross, and the edges through it: `h` and `v` are ranges of
/// [`Corners::h`] and [`Corners::v`] (indices into [`Edges::horizontal`] and [`Edges::vertical`],
/// sorted, each once).
struct Point {
    x: f32,
    y: f32,
    h: (usize, usize),
    v: (usize, usize),
    /// The points of its column (same x), as a range of [`Corners::points`], sorted by y.
    column: (usize, usize),
    /// The points of its row (same y), as a range of [`Corners::by_row`], sorted by x; and its
    /// own place there.
    row: (usize, usize),
    in_row: usize,
}

/// The page's intersections as distinct points, in column order (by x, then y), with the
/// points of each row.
struct Corners {
    points: Vec<Point>,
    h: Vec<usize>,
    v: Vec<usize>,
    /// Point indices by row (by y, then x).
    by_row: Vec<usize>,
}

impl Corners {
    fn new(edges: &Edges, s: &TableSettings) -> Self {
        let mut found = intersections(edges, s);
        found.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
        let (mut points, mut h, mut v) = (Vec::new(), Vec::new(), Vec::new());
        // Equal under `total_cmp` is equal bits: one group per distinct point.
        for group in found.chunk_by(|a, b| key(a.x, a.y) == key(b.x, b.y)) {
            let (h0, v0) = (h.len(), v.len());
            h.extend(group.iter().map(|i| i.h));
            v.extend(group.iter().map(|i| i.v));
            sorted_set(&mut h, h0);
            sorted_set(&mut v, v0);
            let (x, y) = (group[0].x, group[0].y);
            let (column, row) = ((0, 0), (0, 0));
            points.push(Point { x, y, h: (h0, h.len()), v: (v0, v.len()), column, row, in_row: 0 });
        }
        let mut start = 0;
        let columns: Vec<usize> =
            points.chunk_by(|a, b| a.x.to_bits() == b.x.to_bits()).map(<[Point]>::len).collect();
        for run in columns {
            for p in &mut points[start..start + run] {
                p.column = (start, start + run);
            }
            start += run;
        }
        let mut by_row: Vec<usize> = (0..points.len()).collect();
        by_row.sort_by(|&a, &b| {
            let (a, b) = (&points[a], &points[b]);
            a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x))
        });
        let mut start = 0;
        let runs: Vec<usize> = by_row
            .chunk_by(|&a, &b| points[a].y.to_bits() == points[b].y.to_bits())
            .map(<[usize]>::len)
            .collect();
        for run in runs {
            for (i, &p) in by_row[start..start + run].iter().enumerate() {
                points[p].row = (start, start + run);
                points[p].in_row = start + i;
            }
            start += run;
        }
        Corners { points, h, v, by_row }
    }

    /// Whether two points lie on one vertical edge.
    fn connected_v(&self, a: usize, b: usize) -> bool {
        let (a, b) = (self.points[a].v, self.points[b].v);
        meet(&self.v[a.0..a.1], &self.v[b.0..b.1])
    }

    /// Whether two points lie on one horizontal edge.
    fn connected_h(&self, a: usize, b: usize) -> bool {
        let (a, b) = (self.points[a].h, self.points[b].h);
        meet(&self.h[a.0..a.1], &self.h[b.0..b.1])
    }

    /// The point in the column of point `c` at height `y`, if there is one.
    fn at(&self, c: usize, y: f32) -> Option<usize> {
        let (s, e) = self.points[c].column;
        self.points[s..e].binary_search_by(|q| q.y.total_cmp(&y)).ok().map(|i| s + i)
    }
}

/// Sorts `v[from..]` and removes its repeats.
fn sorted_set(v: &mut Vec<usize>, from: usize) {
    v[from..].sort_unstable();
    let mut keep = from;
    for i in from..v.len() {
        if i == from || v[i] != v[keep - 1] {
            v[keep] = v[i];
            keep += 1;
        }
    }
    v.truncate(keep);
}

/// Whether two sorted lists share an element.
fn meet(a: &[usize], b: &[usize]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// The smallest cells bounded by connected intersections: from each point (in column order), the
/// first point below it on its vertical edge and the first to its right on its horizontal edge
/// that close a box with a fourth point joined to both.
fn cells(edges: &Edges, s: &TableSettings) -> (usize, Vec<(BBox, [usize; 4])>) {
    let c = Corners::new(edges, s);
    let mut out = Vec::new();
    // The points to the right of the current one on a horizontal edge through it, found as far
    // as needed (the first usually closes the cell).
    let mut right: Vec<usize> = Vec::new();
    for (pi, p) in c.points.iter().enumerate() {
        let row = &c.by_row[p.in_row + 1..p.row.1];
        let mut scanned = 0;
        right.clear();
        'search: for bi in pi + 1..p.column.1 {
            let b = &c.points[bi];
            if b.y <= p.y || !c.connected_v(pi, bi) {
                continue;
            }
            for k in 0.. {
                if k == right.len() {
                    let Some(n) = row[scanned..]
                        .iter()
                        .position(|&ri| c.points[ri].x > p.x && c.connected_h(pi, ri))
                    else {
                        scanned = row.len();
                        break;
                    };
                    right.push(row[scanned + n]);
                    scanned += n + 1;
                }
                let ri = right[k];
                if let Some(br) = c.at(ri, b.y) {
                    if c.connected_v(br, ri) && c.connected_h(br, bi) {
                        let bbox = BBox::new(p.x, p.y, c.points[br].x, c.points[br].y);
                        out.push((bbox, [pi, ri, bi, br]));
                        break 'search;
                    }
                }
            }
        }
    }
    (c.points.len(), out)
}

/// Groups cells that share a corner. Each cell comes with its corners (top left, top right,
/// bottom left, bottom right) as indices among `corners` points.
fn group(corners: usize, cells: Vec<(BBox, [usize; 4])>) -> Vec<Vec<BBox>> {
    let n = cells.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    // Each corner joins its cell to the cell that had it first.
    let mut owner: Vec<Option<usize>> = vec![None; corners];
    for (i, (_, points)) in cells.iter().enumerate() {
        for &k in points {
            match owner[k] {
                Some(j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    if a != b {
                        parent[a] = b;
                    }
                }
                None => owner[k] = Some(i),
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<BBox>> = BTreeMap::new();
    for (i, (c, _)) in cells.into_iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(c);
    }
    let mut out: Vec<Vec<BBox>> = groups.into_values().collect();
    out.sort_by(|a, b| {
        let ta = a.iter().map(|c| c.top).fold(f32::INFINITY, f32::min);
        let tb = b.iter().map(|c| c.top).fold(f32::INFINITY, f32::min);
        ta.total_cmp(&tb)
    });
    out
}

/// Row and column structure of one table's cells.
fn structure(cells: Vec<BBox>) -> Option<RawTable> {
    let mut xs: Vec<f32> = cells.iter().flat_map(|c| [c.x0, c.x1]).collect();
    let mut ys: Vec<f32> = cells.iter().flat_map(|c| [c.top, c.bottom]).collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup();
    ys.sort_by(f32::total_cmp);
    ys.dedup();
    if xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    // The first boundary equal to `x` (the boundaries are sorted).
    let idx = |v: &[f32], x: f32| {
        let i = v.partition_point(|&p| p < x);
        (v.get(i) == Some(&x)).then_some(i)
    };
    let mut raw = Vec::new();
    for c in &cells {
        let (Some(c0), Some(c1), Some(r0), Some(r1)) =
            (idx(&xs, c.x0), idx(&xs, c.x1), idx(&ys, c.top), idx(&ys, c.bottom))
        else {
            continue;
        };
        raw.push(RawCell { r0, r1, c0, c1, bbox: *c });
    }
    let bbox = cells.iter().skip(1).fold(cells[0], |a, c| a.union(c));
    Some(RawTable { bbox, xs, ys, cells: raw, method: "lattice" })
}

#[cfg(test)]
mod tests {
    use super::super::edges::merge_rulings;
    use super::*;
    use crate::model::Ruling;

    fn h(x0: f32, x1: f32, y: f32) -> Ruling {
        Ruling { x0, top: y, x1, bottom: y, width: 0.5 }
    }
    fn v(x: f32, t: f32, b: f32) -> Ruling {
        Ruling { x0: x, top: t, x1: x, bottom: b, width: 0.5 }
    }

    #[test]
    fn two_by_three_with_a_spanning_header() {
        // Header row spans all three columns; body row has three cells.
        let rulings = vec![
            h(0.0, 300.0, 0.0),
            h(0.0, 300.0, 20.0),
            h(0.0, 300.0, 40.0),
            v(0.0, 0.0, 40.0),
            v(300.0, 0.0, 40.0),
            v(100.0, 20.0, 40.0),
            v(200.0, 20.0, 40.0),
        ];
        let s = TableSettings::default();
        let t = tables(&merge_rulings(&rulings, &s), &s);
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!(t.xs, vec![0.0, 100.0, 200.0, 300.0]);
        assert_eq!(t.ys, vec![0.0, 20.0, 40.0]);
        assert_eq!(t.cells.len(), 4);
        let head = t.cells.iter().find(|c| c.r0 == 0).map(|c| (c.c0, c.c1));
        assert_eq!(head, Some((0, 3)));
    }

    #[test]
    fn separate_boxes_are_separate_tables() {
        let mut rulings = Vec::new();
        for (y0, y1) in [(0.0, 40.0), (100.0, 140.0)] {
            rulings.extend([
                h(0.0, 200.0, y0),
                h(0.0, 200.0, (y0 + y1) / 2.0),
                h(0.0, 200.0, y1),
                v(0.0, y0, y1),
                v(100.0, y0, y1),
                v(200.0, y0, y1),
            ]);
        }
        let s = TableSettings::default();
        let t = tables(&merge_rulings(&rulings, &s), &s);
        assert_eq!(t.len(), 2);
        assert!(t.iter().all(|t| t.cells.len() == 4));
        assert!(t[0].bbox.top < t[1].bbox.top);
    }
}
