//! Ruling lines into merged edges, and the intersections of horizontal and vertical edges.
//!
//! Steps, as in pdfplumber's table finder: rulings are split by orientation; positions within
//! [`TableSettings::snap_tolerance`] are snapped to their mean; collinear segments whose ends are
//! within [`TableSettings::join_tolerance`] are joined; edges shorter than
//! [`TableSettings::edge_min_length`] are dropped.

use std::collections::HashMap;

use crate::model::{Fill, Ruling};

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
    let mut e = Edges { horizontal: merge(h, s), vertical: merge(v, s) };
    close_open_ends(&mut e, s);
    e
}

/// Gaps in ruled lines closed by the sides of filled rectangles: a shaded band's border completes
/// the rule it lies on. Excel draws a header band as one fill and strokes its cell borders piece by
/// piece, and may leave a piece out where the fill's edge already shows it (the top of the
/// "2026-27 / 2027-28 / Service Area" box in the amendments pack's Appendix F); without the piece
/// the box has no top corners and its heading is lost to the lattice. Only a gap between two ruled
/// pieces on one line (within [`TableSettings::snap_tolerance`] of the side) that the side covers
/// from end to end is closed: a fill never draws a line of its own, nor lengthens one (a shaded
/// line of text beside an underline stays as it is).
pub fn fill_borders(rulings: &[Ruling], fills: &[Fill], s: &TableSettings) -> Vec<Ruling> {
    // Pieces on a line, by orientation: (pos, start, end, index among the rulings), sorted by
    // position so that the pieces near a side are one slice.
    let mut across: Vec<(f32, f32, f32, usize)> = Vec::new();
    let mut down: Vec<(f32, f32, f32, usize)> = Vec::new();
    for (i, r) in rulings.iter().enumerate() {
        if ![r.x0, r.x1, r.top, r.bottom].iter().all(|v| v.is_finite()) {
            continue;
        }
        let (t, b) = (r.top.min(r.bottom), r.top.max(r.bottom));
        let (x0, x1) = (r.x0.min(r.x1), r.x0.max(r.x1));
        if r.is_horizontal() {
            across.push(((t + b) / 2.0, x0, x1, i));
        } else {
            down.push(((x0 + x1) / 2.0, t, b, i));
        }
    }
    across.sort_by(|a, b| a.0.total_cmp(&b.0));
    down.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = Vec::new();
    // The gaps (end of a piece, start of the next) of each line met, by its slice of pieces.
    let mut gaps: HashMap<(bool, usize, usize), Vec<(f32, f32)>> = HashMap::new();
    let mut close = |horizontal: bool, pos: f32, start: f32, end: f32| {
        let tol = s.join_tolerance;
        let pieces = if horizontal { &across } else { &down };
        // The pieces within the snap tolerance of the side: one slice, as `p - pos` grows with
        // `p`.
        let lo = pieces.partition_point(|p| p.0 - pos < -s.snap_tolerance);
        let hi = pieces.partition_point(|p| p.0 - pos <= s.snap_tolerance);
        if hi < lo + 2 {
            return;
        }
        let line =
            gaps.entry((horizontal, lo, hi)).or_insert_with(|| line_gaps(&pieces[lo..hi], tol));
        for &(e, next) in line.iter() {
            if start > e + tol || end < next - tol {
                continue;
            }
            out.push(if horizontal {
                Ruling { x0: e, top: pos, x1: next, bottom: pos, width: 0.0 }
            } else {
                Ruling { x0: pos, top: e, x1: pos, bottom: next, width: 0.0 }
            });
        }
    };
    for f in fills {
        let b = &f.bbox;
        let (x0, x1) = (b.x0.min(b.x1), b.x0.max(b.x1));
        let (t, bt) = (b.top.min(b.bottom), b.top.max(b.bottom));
        if ![x0, x1, t, bt].iter().all(|v| v.is_finite()) {
            continue;
        }
        close(true, t, x0, x1);
        close(true, bt, x0, x1);
        close(false, x0, t, bt);
        close(false, x1, t, bt);
    }
    out
}

/// The gaps of a line of pieces `(pos, start, end, index among the rulings)`, in the rulings'
/// order of the pieces they follow: from the end of a piece to the nearest piece starting after
/// it, when nothing of the line lies between.
fn line_gaps(pieces: &[(f32, f32, f32, usize)], tol: f32) -> Vec<(f32, f32)> {
    let mut on: Vec<(usize, f32, f32)> = pieces.iter().map(|p| (p.3, p.1, p.2)).collect();
    on.sort_unstable_by_key(|p| p.0);
    on.iter()
        .filter_map(|&(_, _, e)| {
            let next =
                on.iter().filter(|q| q.1 > e + tol).map(|q| q.1).fold(f32::INFINITY, f32::min);
            let covered = on.iter().any(|q| q.1 <= e + tol && q.2 > e + tol);
            (next.is_finite() && !covered).then_some((e, next))
        })
        .collect()
}

/// Closes a ruled table that a page break left open: when at least
/// [`TableSettings::open_end_min_rules`] vertical edges run on together from one horizontal edge drawn right
/// across them to a common end (within [`TableSettings::snap_tolerance`]) where no horizontal
/// edge meets them, a horizontal edge is added there from the leftmost to the rightmost. Chromium draws a row
/// that continues on the next page with its column rules but without a bottom rule (and the
/// continued part without a top rule); without the closing edge that row is lost to the lattice.
/// Vertical rules that cross no horizontal rule (a table ruled between columns only) are left
/// alone.
fn close_open_ends(e: &mut Edges, s: &TableSettings) {
    let tol = s.intersection_tolerance;
    let meets = |h: &Edge, x: f32| x >= h.start - tol && x <= h.end + tol;
    // Open vertical ends: (bottom end?, open end y, last crossing y, x).
    let mut open: Vec<(bool, f32, f32, f32)> = Vec::new();
    for v in &e.vertical {
        let crossed = e
            .horizontal
            .iter()
            .filter(|h| meets(h, v.pos) && h.pos >= v.start - tol && h.pos <= v.end + tol)
            .map(|h| h.pos);
        let (lo, hi) =
            crossed.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), y| (lo.min(y), hi.max(y)));
        if !lo.is_finite() {
            continue;
        }
        if v.end - hi >= s.open_end_min_length {
            open.push((true, v.end, hi, v.pos));
        }
        if lo - v.start >= s.open_end_min_length {
            open.push((false, v.start, lo, v.pos));
        }
    }
    open.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut added = Vec::new();
    let mut i = 0;
    while i < open.len() {
        let mut j = i + 1;
        while j < open.len()
            && open[j].0 == open[i].0
            && open[j].1 - open[j - 1].1 <= s.snap_tolerance
        {
            j += 1;
        }
        let group = &open[i..j];
        i = j;
        if group.len() < s.open_end_min_rules {
            continue;
        }
        let x0 = group.iter().map(|g| g.3).fold(f32::INFINITY, f32::min);
        let x1 = group.iter().map(|g| g.3).fold(f32::NEG_INFINITY, f32::max);
        // They run on together from a row rule that meets every one of them: the last row rule
        // of a table ruled all round (drawn in one piece, or in pieces that leave out an unruled
        // band of labels), not the partial underlines of a table ruled between columns.
        let from = group[0].2;
        let together = group.iter().all(|g| (g.2 - from).abs() <= s.snap_tolerance);
        let across = group.iter().all(|g| {
            e.horizontal.iter().any(|h| (h.pos - from).abs() <= s.snap_tolerance && meets(h, g.3))
        });
        if together && across {
            let y = group.iter().map(|g| g.1).sum::<f32>() / group.len() as f32;
            added.push(Edge { pos: y, start: x0, end: x1 });
        }
    }
    if !added.is_empty() {
        e.horizontal.extend(added);
        e.horizontal.sort_by(|a, b| a.pos.total_cmp(&b.pos).then(a.start.total_cmp(&b.start)));
    }
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

    fn vr(x: f32, top: f32, bottom: f32) -> Ruling {
        Ruling { x0: x, top, x1: x, bottom, width: 0.5 }
    }

    #[test]
    fn a_fill_border_completes_the_rule_it_lies_on() {
        use crate::model::BBox;
        let s = TableSettings::default();
        // A header box whose top rule leaves out 300..500, over a band filled 0..600.
        let mut r = vec![hr(0.0, 300.0, 100.0), hr(500.0, 600.0, 100.0), hr(0.0, 600.0, 150.0)];
        r.extend([0.0, 300.0, 500.0, 600.0].map(|x| vr(x, 100.0, 150.0)));
        let band = Fill { bbox: BBox::new(0.0, 99.8, 600.0, 150.1), colour: None };
        // A shaded cell in a body with no column rules: its sides lie on no ruling.
        let cell = Fill { bbox: BBox::new(250.0, 200.0, 350.0, 220.0), colour: None };
        // A shaded line of text ending short of the next underline on its line: no gap covered.
        r.extend([hr(250.0, 280.0, 220.0), hr(400.0, 450.0, 220.0)]);
        let extra = fill_borders(&r, &[band, cell], &s);
        assert_eq!(extra.len(), 1, "only the band's top gap: {extra:?}");
        assert!(extra[0].x0 == 300.0 && extra[0].x1 == 500.0);
        r.extend(extra);
        let e = merge_rulings(&r, &s);
        let top = e.horizontal.iter().find(|h| (h.pos - 100.0).abs() < 1.0).unwrap();
        assert!(top.start <= 0.0 && top.end >= 600.0, "the gap is closed: {top:?}");
        assert!(
            e.vertical
                .iter()
                .all(|v| [0.0, 300.0, 500.0, 600.0].iter().any(|x| (v.pos - x).abs() < 1.0))
        );
        let cells = super::super::lattice::tables(&e, &s);
        assert_eq!(cells.len(), 1);
        assert_eq!(cells[0].cells.len(), 3, "the box between 300 and 500 has its top corners");
    }

    #[test]
    fn a_table_left_open_at_the_page_foot_is_closed() {
        let s = TableSettings::default();
        // A header row ruled all round, then column rules running on to 786 with no rule there.
        let mut r = vec![hr(50.0, 540.0, 600.0), hr(50.0, 540.0, 655.0)];
        r.extend([50.0, 200.0, 400.0, 540.0].map(|x| vr(x, 600.0, 786.0)));
        let e = merge_rulings(&r, &s);
        assert_eq!(e.horizontal.len(), 3);
        let last = e.horizontal.last().unwrap();
        assert!((last.pos - 786.0).abs() < 0.01 && last.start == 50.0 && last.end == 540.0);
        // Rules between columns only (no horizontal rule crossed): left alone.
        let e = merge_rulings(&[50.0, 200.0, 400.0].map(|x| vr(x, 100.0, 300.0)), &s);
        assert!(e.horizontal.is_empty());
        // Two rules running on are not enough to close a table.
        let mut r = vec![hr(50.0, 540.0, 600.0), hr(50.0, 540.0, 655.0)];
        r.extend([50.0, 540.0].map(|x| vr(x, 600.0, 786.0)));
        assert_eq!(merge_rulings(&r, &s).horizontal.len(), 2);
        // A last row rule drawn in two pieces that leave out an unruled band of labels, each
        // meeting the column rules at its ends (Excel's boxed year blocks): closed.
        let mut r = vec![hr(50.0, 540.0, 600.0), hr(50.0, 200.0, 655.0), hr(400.0, 540.0, 655.0)];
        r.extend([50.0, 200.0, 400.0, 540.0].map(|x| vr(x, 600.0, 786.0)));
        assert_eq!(merge_rulings(&r, &s).horizontal.len(), 4);
    }
}
