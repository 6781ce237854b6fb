//! Ruling lines into merged edges, and the intersections of horizontal and vertical edges.
//!
//! Steps, as in pdfplumber's table finder: rulings are split by orientation; positions within
//! [`TableSettings::snap_tolerance`] are snapped to their mean; collinear segments whose ends are
//! within [`TableSettings::join_tolerance`] are joined; edges shorter than
//! [`TableSettings::edge_min_length`] are dropped.

use crate::model::Ruling;

use super::settings::TableSettings;

/// A merged edge. For a horizontal edge `pos` is its y and `start..end` its x-extent; for a vertical
/// edge `pos` is its x and `start..end` its y-extent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    pub pos: f32,
    pub start: f32,
    pub end: f32,
}

/// Merged horizontal and vertical edges of a page.
#[derive(Debug, Clone, Default)]
pub struct Edges {
    pub horizontal: Vec<Edge>,
    pub vertical: Vec<Edge>,
}

/// Merges a page's ruling lines into edges.
pub fn merge_rulings(rulings: &[Ruling], s: &TableSettings) -> Edges {
    let mut h = Vec::new();
    let mut v = Vec::new();
    for r in rulings {
        let vals = [r.x0, r.x1, r.top, r.bottom];
        if vals.iter().any(|x| !x.is_finite()) {
            continue;
        }
        let (x0, x1) = (r.x0.min(r.x1), r.x0.max(r.x1));
        let (t, b) = (r.top.min(r.bottom), r.top.max(r.bottom));
        if r.is_horizontal() {
            h.push(Edge { pos: (t + b) / 2.0, start: x0, end: x1 });
        } else {
            v.push(Edge { pos: (x0 + x1) / 2.0, start: t, end: b });
        }
    }
    Edges { horizontal: merge(h, s), vertical: merge(v, s) }
}

fn merge(mut edges: Vec<Edge>, s: &TableSettings) -> Vec<Edge> {
    snap(&mut edges, s.snap_tolerance);
    edges.sort_by(|a, b| a.pos.total_cmp(&b.pos).then(a.start.total_cmp(&b.start)));
    let mut out: Vec<Edge> = Vec::new();
    for e in edges {
        match out.last_mut() {
            Some(last) if last.pos == e.pos && e.start <= last.end + s.join_tolerance => {
                last.end = last.end.max(e.end);
            }
            _ => out.push(e),
        }
    }
    out.retain(|e| e.end - e.start >= s.edge_min_length);
    out
}

/// Snaps positions within `tol` of the running cluster to the cluster mean.
fn snap(edges: &mut [Edge], tol: f32) {
    let mut order: Vec<usize> = (0..edges.len()).collect();
    order.sort_by(|&a, &b| edges[a].pos.total_cmp(&edges[b].pos));
    let mut i = 0;
    while i < order.len() {
        let mut j = i + 1;
        let mut sum = edges[order[i]].pos as f64;
        while j < order.len() && edges[order[j]].pos - edges[order[j - 1]].pos <= tol {
            sum += edges[order[j]].pos as f64;
            j += 1;
        }
        let mean = (sum / (j - i) as f64) as f32;
        for &k in &order[i..j] {
            edges[k].pos = mean;
        }
        i = j;
    }
}

/// Where a vertical edge meets a horizontal edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Intersection {
    pub x: f32,
    pub y: f32,
    /// Index into [`Edges::horizontal`].
    pub h: usize,
    /// Index into [`Edges::vertical`].
    pub v: usize,
}

/// Every intersection of a horizontal and a vertical edge.
pub fn intersections(edges: &Edges, s: &TableSettings) -> Vec<Intersection> {
    let tol = s.intersection_tolerance;
    let mut out = Vec::new();
    for (vi, v) in edges.vertical.iter().enumerate() {
        for (hi, h) in edges.horizontal.iter().enumerate() {
            if h.pos >= v.start - tol
                && h.pos <= v.end + tol
                && v.pos >= h.start - tol
                && v.pos <= h.end + tol
            {
                out.push(Intersection { x: v.pos, y: h.pos, h: hi, v: vi });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hr(x0: f32, x1: f32, y: f32) -> Ruling {
        Ruling { x0, top: y, x1, bottom: y, width: 0.5 }
    }

    #[test]
    fn snaps_joins_and_filters() {
        let s = TableSettings::default();
        let e =
            merge_rulings(&[hr(0.0, 50.0, 100.0), hr(51.0, 100.0, 100.8), hr(0.0, 1.0, 200.0)], &s);
        assert_eq!(e.horizontal.len(), 1);
        assert_eq!(e.horizontal[0].start, 0.0);
        assert_eq!(e.horizontal[0].end, 100.0);
        assert!((e.horizontal[0].pos - 100.4).abs() < 0.01);
    }
}
