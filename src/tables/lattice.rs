//! Lattice tables: intersections of ruling edges into cells, cells into tables, tables into a
//! row/column structure with spans.
//!
//! A cell is the smallest rectangle whose four corners are intersections joined by edges (the
//! top-left corner to the top-right and bottom-left by the same edges, and the bottom-right corner
//! to both). Cells sharing a corner belong to one table. The table's column boundaries are the
//! distinct x-positions of its cells' sides, its row boundaries the distinct y-positions; a cell
//! spanning several of them gets a row or column span.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::BBox;

use super::edges::{Edges, intersections};
use super::raw::{RawCell, RawTable};
use super::settings::TableSettings;

/// Finds the lattice tables drawn by a page's edges.
pub fn tables(edges: &Edges, s: &TableSettings) -> Vec<RawTable> {
    let cells = cells(edges, s);
    group(cells)
        .into_iter()
        .filter(|c| c.len() >= s.lattice_min_cells.max(1))
        .filter_map(structure)
        .collect()
}

type Key = (u32, u32);

fn key(x: f32, y: f32) -> Key {
    (x.to_bits(), y.to_bits())
}

#[derive(Default)]
struct Point {
    x: f32,
    y: f32,
    h: BTreeSet<usize>,
    v: BTreeSet<usize>,
}

/// The smallest cells bounded by connected intersections.
fn cells(edges: &Edges, s: &TableSettings) -> Vec<BBox> {
    let mut points: HashMap<Key, Point> = HashMap::new();
    for i in intersections(edges, s) {
        let p = points.entry(key(i.x, i.y)).or_insert_with(|| Point {
            x: i.x,
            y: i.y,
            ..Default::default()
        });
        p.h.insert(i.h);
        p.v.insert(i.v);
    }
    // Points by column (same x) sorted by y, and by row (same y) sorted by x.
    let mut by_x: BTreeMap<u32, Vec<Key>> = BTreeMap::new();
    let mut by_y: BTreeMap<u32, Vec<Key>> = BTreeMap::new();
    for (k, _) in points.iter() {
        by_x.entry(k.0).or_default().push(*k);
        by_y.entry(k.1).or_default().push(*k);
    }
    for v in by_x.values_mut() {
        v.sort_by(|a, b| f32::from_bits(a.1).total_cmp(&f32::from_bits(b.1)));
    }
    for v in by_y.values_mut() {
        v.sort_by(|a, b| f32::from_bits(a.0).total_cmp(&f32::from_bits(b.0)));
    }
    let connected_v = |a: &Point, b: &Point| a.v.intersection(&b.v).next().is_some();
    let connected_h = |a: &Point, b: &Point| a.h.intersection(&b.h).next().is_some();

    let mut out = Vec::new();
    let mut keys: Vec<Key> = points.keys().copied().collect();
    keys.sort_by(|a, b| {
        f32::from_bits(a.0)
            .total_cmp(&f32::from_bits(b.0))
            .then(f32::from_bits(a.1).total_cmp(&f32::from_bits(b.1)))
    });
    for k in keys {
        let Some(p) = points.get(&k) else { continue };
        let below: Vec<&Key> = by_x
            .get(&k.0)
            .map(|v| v.iter().filter(|q| f32::from_bits(q.1) > p.y).collect())
            .unwrap_or_default();
        let right: Vec<&Key> = by_y
            .get(&k.1)
            .map(|v| v.iter().filter(|q| f32::from_bits(q.0) > p.x).collect())
            .unwrap_or_default();
        'search: for bk in &below {
            let Some(b) = points.get(bk) else { continue };
            if !connected_v(p, b) {
                continue;
            }
            for rk in &right {
                let Some(r) = points.get(rk) else { continue };
                if !connected_h(p, r) {
                    continue;
                }
                if let Some(br) = points.get(&(rk.0, bk.1)) {
                    if connected_v(br, r) && connected_h(br, b) {
                        out.push(BBox::new(p.x, p.y, br.x, br.y));
                        break 'search;
                    }
                }
            }
        }
    }
    out
}

/// Groups cells that share a corner.
fn group(cells: Vec<BBox>) -> Vec<Vec<BBox>> {
    let n = cells.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut corner_owner: HashMap<Key, usize> = HashMap::new();
    for (i, c) in cells.iter().enumerate() {
        for k in [key(c.x0, c.top), key(c.x1, c.top), key(c.x0, c.bottom), key(c.x1, c.bottom)] {
            match corner_owner.get(&k) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    if a != b {
                        parent[a] = b;
                    }
                }
                None => {
                    corner_owner.insert(k, i);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<BBox>> = BTreeMap::new();
    for (i, c) in cells.into_iter().enumerate() {
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
    let idx = |v: &[f32], x: f32| v.iter().position(|&p| p == x);
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
