//! Ruling lines from path operators: stroked horizontal/vertical segments (`m`/`l`, the edges of
//! stroked `re`) and thin filled rectangles (how Chromium and Excel draw table borders); thicker
//! filled rectangles are kept apart as shading ([`Fill`]: header bands, shaded cells).
//!
//! Points arrive already in displayed page space (top-left origin). Every tolerance is a named
//! constant below.

use sha2::{Digest, Sha256};

use crate::{BBox, Fill, Image, ImageHashOf, Ruling};

/// A segment counts as horizontal (vertical) when its ends differ by at most this much across.
pub const AXIS_TOLERANCE: f32 = 0.75;
/// Shortest ruling kept, in points.
pub const MIN_LENGTH: f32 = 1.0;
/// A filled rectangle at most this thick (points) is a ruling; thicker ones are shading.
pub const MAX_FILL_THICKNESS: f32 = 3.0;
/// Most rulings kept per page (pathological pages can draw millions of segments).
pub const MAX_RULINGS_PER_PAGE: usize = 50_000;
/// Most filled rectangles (shading) kept per page.
pub const MAX_FILLS_PER_PAGE: usize = 20_000;
/// A painted path that is not made of rectangles is a mark (an arrow, a tick, a dot) when its
/// bounds are at most this big on either side, in points, and at least [`MIN_MARK_SIZE`] on one.
pub const MAX_MARK_SIZE: f32 = 40.0;
/// Smallest side of a mark's bounds on its longer axis, in points.
pub const MIN_MARK_SIZE: f32 = 2.0;
/// Grid the outline of a mark is snapped to before hashing: this many steps across its longer
/// side.
pub const MARK_GRID: f32 = 12.0;
/// Most marks kept per page.
pub const MAX_MARKS_PER_PAGE: usize = 2_000;

#[derive(Debug, Default)]
pub(crate) struct PathBuilder {
    subpaths: Vec<SubPath>,
}

#[derive(Debug, Default)]
struct SubPath {
    points: Vec<(f32, f32)>,
    /// Index `i` true when the segment ending at point `i` is a curve.
    curved: Vec<bool>,
    closed: bool,
    is_rect: bool,
}

impl PathBuilder {
    pub(crate) fn move_to(&mut self, p: (f32, f32)) {
        self.subpaths.push(SubPath { points: vec![p], curved: vec![false], ..Default::default() });
    }

    pub(crate) fn line_to(&mut self, p: (f32, f32)) {
        match self.subpaths.last_mut() {
            Some(sp) if !sp.closed && !sp.is_rect => {
                sp.points.push(p);
                sp.curved.push(false);
            }
            _ => self.move_to(p),
        }
    }

    pub(crate) fn curve_to(&mut self, p: (f32, f32)) {
        self.line_to(p);
        if let Some(c) = self.subpaths.last_mut().and_then(|sp| sp.curved.last_mut()) {
            *c = true;
        }
    }

    pub(crate) fn close(&mut self) {
        if let Some(sp) = self.subpaths.last_mut() {
            sp.closed = true;
        }
    }

    pub(crate) fn rect(&mut self, pts: [(f32, f32); 4]) {
        self.subpaths.push(SubPath {
            points: pts.to_vec(),
            curved: vec![false; 4],
            closed: true,
            is_rect: true,
        });
    }

    pub(crate) fn clear(&mut self) {
        self.subpaths.clear();
    }

    /// Rulings from stroking the current path with a line of width `width` (page units).
    pub(crate) fn stroke(&self, width: f32, out: &mut Vec<Ruling>) {
        for sp in &self.subpaths {
            let n = sp.points.len();
            if n < 2 {
                continue;
            }
            let segs = if sp.closed { n } else { n - 1 };
            for i in 0..segs {
                let j = (i + 1) % n;
                if sp.curved[j] {
                    continue;
                }
                push_segment(sp.points[i], sp.points[j], width.max(0.1), out);
            }
        }
    }

    /// Rulings from filling the current path: thin axis-aligned rectangles.
    pub(crate) fn fill(&self, out: &mut Vec<Ruling>) {
        for (x0, y0, x1, y1) in self.rects() {
            let (w, h) = (x1 - x0, y1 - y0);
            if w <= MAX_FILL_THICKNESS && h >= MIN_LENGTH && h > w {
                let x = (x0 + x1) / 2.0;
                push(out, Ruling { x0: x, top: y0, x1: x, bottom: y1, width: w.max(0.1) });
            } else if h <= MAX_FILL_THICKNESS && w >= MIN_LENGTH && w >= h {
                let y = (y0 + y1) / 2.0;
                push(out, Ruling { x0, top: y, x1, bottom: y, width: h.max(0.1) });
            }
        }
    }

    /// Shading from filling the current path: axis-aligned rectangles thicker than a ruling on
    /// both sides, in the fill colour (RGB hex) when it is known.
    pub(crate) fn shade(&self, colour: Option<[u8; 3]>, out: &mut Vec<Fill>) {
        for (x0, y0, x1, y1) in self.rects() {
            let thick = x1 - x0 > MAX_FILL_THICKNESS && y1 - y0 > MAX_FILL_THICKNESS;
            let finite = [x0, y0, x1, y1].iter().all(|v| v.is_finite());
            if thick && finite && out.len() < MAX_FILLS_PER_PAGE {
                out.push(Fill {
                    bbox: BBox::new(x0, y0, x1, y1),
                    colour: colour.map(super::colour::hex),
                });
            }
        }
    }

    /// The painted path as a mark: a small outline that is not all rectangles (a drawn arrow or
    /// tick), placed at its bounds, with its outline in page orientation moved to the origin and
    /// scaled by its longer side ([`Image::outline`]), and hashed over that outline snapped to a
    /// [`MARK_GRID`] grid. Copies of one drawing share the hash wherever and at whatever size
    /// they are placed, unless a point falls at a grid boundary; the outline lets such copies be
    /// compared by distance. The same outline turned another way (an arrow pointing down rather
    /// than up) differs in both.
    pub(crate) fn mark(&self) -> Option<Image> {
        let pts: Vec<(f32, f32)> =
            self.subpaths.iter().flat_map(|s| s.points.iter().copied()).collect();
        if pts.is_empty() || self.subpaths.iter().all(|s| s.is_rect || s.points.len() < 2) {
            return None;
        }
        // Rules and boxes are not marks: some subpath must curve or run off the axes.
        let shaped = self.subpaths.iter().any(|sp| {
            let n = sp.points.len();
            sp.curved.iter().any(|c| *c)
                || (1..n + usize::from(sp.closed)).any(|i| {
                    let (a, b) = (sp.points[i - 1], sp.points[i % n]);
                    (a.0 - b.0).abs() > AXIS_TOLERANCE && (a.1 - b.1).abs() > AXIS_TOLERANCE
                })
        });
        if !shaped {
            return None;
        }
        let x0 = pts.iter().map(|p| p.0).fold(f32::INFINITY, f32::min);
        let x1 = pts.iter().map(|p| p.0).fold(f32::NEG_INFINITY, f32::max);
        let y0 = pts.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
        let y1 = pts.iter().map(|p| p.1).fold(f32::NEG_INFINITY, f32::max);
        let side = (x1 - x0).max(y1 - y0);
        if !side.is_finite() || !(MIN_MARK_SIZE..=MAX_MARK_SIZE).contains(&side) {
            return None;
        }
        let outline: Vec<[f32; 2]> =
            pts.iter().map(|p| [(p.0 - x0) / side, (p.1 - y0) / side]).collect();
        let mut h = Sha256::new();
        h.update(b"path\n");
        for sp in &self.subpaths {
            for (i, p) in sp.points.iter().enumerate() {
                let gx = ((p.0 - x0) / side * MARK_GRID).round() as i32;
                let gy = ((p.1 - y0) / side * MARK_GRID).round() as i32;
                let c = if sp.curved.get(i).copied().unwrap_or(false) { 'c' } else { 'l' };
                h.update(format!("{c}{gx},{gy} ").as_bytes());
            }
            h.update(if sp.closed { b"h\n" } else { b"\n\n" });
        }
        Some(Image {
            name: "path".into(),
            bbox: BBox::new(x0, y0, x1, y1),
            width: 0,
            height: 0,
            hash: h.finalize().iter().map(|b| format!("{b:02x}")).collect(),
            hash_of: ImageHashOf::Path,
            outline,
        })
    }
    /// Keeps the painted path as a mark when it is one, once (a shape filled and then stroked
    /// is one mark).
    pub(crate) fn keep_mark(&self, out: &mut Vec<Image>) {
        let Some(m) = self.mark() else { return };
        if out.len() >= MAX_MARKS_PER_PAGE {
            return;
        }
        if out.last().is_some_and(|l| l.hash == m.hash && l.bbox == m.bbox) {
            return;
        }
        out.push(m);
    }

    /// The bounds `(x0, y0, x1, y1)` of the subpaths that are axis-aligned rectangles.
    fn rects(&self) -> impl Iterator<Item = (f32, f32, f32, f32)> + '_ {
        self.subpaths.iter().filter_map(|sp| {
            let mut pts: &[(f32, f32)] = &sp.points;
            if pts.len() == 5 && close(pts[0], pts[4]) {
                pts = &pts[..4];
            }
            if pts.len() != 4 || sp.curved.iter().any(|c| *c) {
                return None;
            }
            let axis_aligned = (0..4).all(|i| {
                let (a, b) = (pts[i], pts[(i + 1) % 4]);
                (a.0 - b.0).abs() <= AXIS_TOLERANCE || (a.1 - b.1).abs() <= AXIS_TOLERANCE
            });
            if !axis_aligned {
                return None;
            }
            let x0 = pts.iter().map(|p| p.0).fold(f32::INFINITY, f32::min);
            let x1 = pts.iter().map(|p| p.0).fold(f32::NEG_INFINITY, f32::max);
            let y0 = pts.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
            let y1 = pts.iter().map(|p| p.1).fold(f32::NEG_INFINITY, f32::max);
            Some((x0, y0, x1, y1))
        })
    }
}

fn close(a: (f32, f32), b: (f32, f32)) -> bool {
    (a.0 - b.0).abs() < 0.01 && (a.1 - b.1).abs() < 0.01
}

fn push(out: &mut Vec<Ruling>, r: Ruling) {
    let finite = [r.x0, r.x1, r.top, r.bottom, r.width].iter().all(|v| v.is_finite());
    if finite && out.len() < MAX_RULINGS_PER_PAGE {
        out.push(r);
    }
}

fn push_segment(a: (f32, f32), b: (f32, f32), width: f32, out: &mut Vec<Ruling>) {
    let (dx, dy) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
    if dy <= AXIS_TOLERANCE && dx >= MIN_LENGTH {
        let y = (a.1 + b.1) / 2.0;
        push(out, Ruling { x0: a.0.min(b.0), top: y, x1: a.0.max(b.0), bottom: y, width });
    } else if dx <= AXIS_TOLERANCE && dy >= MIN_LENGTH {
        let x = (a.0 + b.0) / 2.0;
        push(out, Ruling { x0: x, top: a.1.min(b.1), x1: x, bottom: a.1.max(b.1), width });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strokes_and_thin_fills() {
        let mut p = PathBuilder::default();
        p.move_to((10.0, 100.0));
        p.line_to((200.0, 100.2));
        p.line_to((150.0, 180.0)); // diagonal: not a ruling
        let mut out = Vec::new();
        p.stroke(0.5, &mut out);
        assert_eq!(out.len(), 1);
        assert!(out[0].is_horizontal());
        assert_eq!((out[0].x0, out[0].x1), (10.0, 200.0));

        p.clear();
        out.clear();
        p.rect([(50.0, 10.0), (50.5, 10.0), (50.5, 90.0), (50.0, 90.0)]);
        p.rect([(0.0, 0.0), (100.0, 0.0), (100.0, 40.0), (0.0, 40.0)]); // shading, not a rule
        p.fill(&mut out);
        assert_eq!(out.len(), 1);
        assert!(!out[0].is_horizontal());
        assert_eq!((out[0].top, out[0].bottom), (10.0, 90.0));

        let mut fills = Vec::new();
        p.shade(Some([217, 225, 242]), &mut fills);
        assert_eq!(fills.len(), 1, "only the thick rectangle is shading");
        assert_eq!(fills[0].bbox, BBox::new(0.0, 0.0, 100.0, 40.0));
        assert_eq!(fills[0].colour.as_deref(), Some("#d9e1f2"));

        out.clear();
        p.stroke(1.0, &mut out); // stroked rectangles give their four edges
        assert_eq!(out.len(), 4 + 2);
    }
}

#[cfg(test)]
mod mark_tests {
    use super::*;

    fn arrow(p: &mut PathBuilder, x: f32, y: f32, k: f32, up: bool) {
        let s = if up { -1.0 } else { 1.0 };
        let pts = [
            (0.0, 0.0),
            (5.0, 6.0),
            (2.0, 6.0),
            (2.0, 12.0),
            (-2.0, 12.0),
            (-2.0, 6.0),
            (-5.0, 6.0),
        ];
        p.clear();
        p.move_to((x, y));
        for (dx, dy) in pts.into_iter().skip(1) {
            p.line_to((x + dx * k, y + s * dy * k));
        }
        p.close();
    }

    #[test]
    fn marks_hash_their_shape_not_their_place() {
        let mut p = PathBuilder::default();
        arrow(&mut p, 100.0, 200.0, 1.0, true);
        let a = p.mark().unwrap_or_else(|| panic!("an arrow is a mark"));
        arrow(&mut p, 400.0, 650.0, 1.5, true);
        let b = p.mark().unwrap_or_else(|| panic!("a larger arrow is a mark"));
        arrow(&mut p, 100.0, 200.0, 1.0, false);
        let c = p.mark().unwrap_or_else(|| panic!("a down arrow is a mark"));
        assert_eq!(a.hash, b.hash, "moved and resized");
        assert_eq!(a.outline.len(), 7);
        assert_ne!(a.hash, c.hash, "turned the other way");
        assert_eq!(a.hash_of, ImageHashOf::Path);

        // Rules, boxes and large drawings are not marks.
        p.clear();
        p.move_to((10.0, 10.0));
        p.line_to((10.0, 30.0));
        assert!(p.mark().is_none());
        p.clear();
        p.rect([(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]);
        assert!(p.mark().is_none());
        arrow(&mut p, 100.0, 200.0, 10.0, true);
        assert!(p.mark().is_none(), "too large for a mark");
    }
}
