//! Struck-through text: a short horizontal rule drawn through the middle of a run of glyphs
//! (Word's, LibreOffice's and Chromium's strike-through) marks them deleted.
//!
//! Struck glyphs are taken out of the page's text, as the text reader drops `<del>` content,
//! and the strike rule is taken out of the page's rulings (it is no table border). A rule counts
//! as a strike only when every one of these holds, so table borders, underlines and chart lines
//! are never read as one:
//!
//! - it is horizontal and at most [`MAX_THICKNESS`] thick;
//! - it crosses the glyphs between [`BAND_LOW`] and [`BAND_HIGH`] font sizes above their
//!   baseline (an underline lies below the baseline, a cell border above the capitals);
//! - the glyphs it crosses sit on one baseline, in left-to-right text, and their extent matches
//!   the rule's own at both ends within [`END_TOLERANCE`] font sizes (a longer rule is a border
//!   or a chart line that happens to pass through text), and there are at most
//!   [`MAX_STRUCK_GLYPHS`] of them.

use crate::Ruling;
use crate::limits::budget;
use crate::warnings::Warnings;

use super::interp::{Glyph, PageGlyphs};

/// Thickest rule read as a strike-through, in points.
pub const MAX_THICKNESS: f32 = 1.5;
/// Lowest height above the baseline of a strike, in font sizes.
pub const BAND_LOW: f32 = 0.1;
/// Highest height above the baseline of a strike, in font sizes.
pub const BAND_HIGH: f32 = 0.6;
/// How far the ends of a strike may lie from the ends of the glyphs it crosses, in font sizes.
pub const END_TOLERANCE: f32 = 0.5;

/// Most glyphs one strike may cross: a rule through more is a border or a chart line (a struck
/// line of 6-point text across a whole page has about 200).
pub const MAX_STRUCK_GLYPHS: usize = 1024;
/// Most glyph comparisons spent on one page; a page needing more (millions of rules through
/// millions of glyphs, only ever seen in made-up files) is left unchecked for strikes, with a
/// warning. Real pages need a few thousand.
pub const MAX_WORK_PER_PAGE: usize = 20_000_000;

/// Glyphs of one baseline and one size (left-to-right text only), sorted by their middles.
struct Row {
    base: f32,
    size: f32,
    /// Indices into the page's glyphs, by the middle of the glyph.
    glyphs: Vec<usize>,
    mids: Vec<f32>,
}

/// The page's left-to-right glyphs grouped by size, then by baseline: for each size, its rows
/// sorted by baseline, so that the rows a rule may cross are found by two binary searches.
struct Index {
    /// Distinct sizes, each with its rows sorted by baseline.
    sizes: Vec<(f32, Vec<Row>)>,
}

impl Index {
    fn new(glyphs: &[Glyph]) -> Index {
        let mid = |g: &Glyph| (g.x0 + g.x1) / 2.0;
        // Sorted by (size, baseline, middle, drawing order) as integers that order as the floats
        // do (`total_cmp`): millions of glyphs sort in a fraction of the time a float comparator
        // takes.
        let mut keys: Vec<(u32, u32, u32, u32)> = glyphs
            .iter()
            .enumerate()
            .filter(|(_, g)| g.dir == 0)
            .map(|(i, g)| (ordered(g.size), ordered(g.base), ordered(mid(g)), i as u32))
            .collect();
        keys.sort_unstable();
        let order = keys.into_iter().map(|k| k.3 as usize);
        let mut sizes: Vec<(f32, Vec<Row>)> = Vec::new();
        for i in order {
            let g = &glyphs[i];
            if sizes.last().is_none_or(|(s, _)| s.to_bits() != g.size.to_bits()) {
                sizes.push((g.size, Vec::new()));
            }
            let Some((_, rows)) = sizes.last_mut() else { continue };
            if rows.last().is_none_or(|r| r.base.to_bits() != g.base.to_bits()) {
                rows.push(Row { base: g.base, size: g.size, glyphs: Vec::new(), mids: Vec::new() });
            }
            if let Some(r) = rows.last_mut() {
                r.glyphs.push(i);
                r.mids.push(mid(g));
            }
        }
        Index { sizes }
    }
}

/// A float's bits as an integer that orders as [`f32::total_cmp`] does.
fn ordered(f: f32) -> u32 {
    let b = f.to_bits();
    if b >> 31 == 1 { !b } else { b | 0x8000_0000 }
}

/// Removes struck glyphs and their strike rules from a page; returns how many glyphs were
/// struck. Each rule is compared only with the glyphs whose baseline and middle could put them
/// under it (see [`Index`]), so the work grows with the rules and glyphs, not their product.
pub(crate) fn remove(pg: &mut PageGlyphs, warnings: &mut Warnings, page: u32) -> usize {
    let candidates: Vec<usize> =
        (0..pg.rulings.len()).filter(|&ri| candidate(&pg.rulings[ri])).collect();
    if candidates.is_empty() || pg.glyphs.is_empty() {
        return 0;
    }
    let index = Index::new(&pg.glyphs);
    let mut struck = vec![false; pg.glyphs.len()];
    let mut strikes = vec![false; pg.rulings.len()];
    let mut work = 0usize;
    for (k, &ri) in candidates.iter().enumerate() {
        budget::tick();
        if work > MAX_WORK_PER_PAGE {
            warnings.add(
                format!("page {page}"),
                format!(
                    "strike-through detection stopped after {MAX_WORK_PER_PAGE} glyph \
                     comparisons; {} rules were not checked, so text they strike through is \
                     kept as if not deleted",
                    candidates.len() - k
                ),
            );
            break;
        }
        if let Some(hit) = crossed(&pg.rulings[ri], &pg.glyphs, &index, &mut work) {
            strikes[ri] = true;
            for i in hit {
                struck[i] = true;
            }
        }
    }
    let n = struck.iter().filter(|s| **s).count();
    if n > 0 {
        let mut keep = struck.iter().map(|s| !s);
        pg.glyphs.retain(|_| keep.next().unwrap_or(true));
        let mut keep = strikes.iter().map(|s| !s);
        pg.rulings.retain(|_| keep.next().unwrap_or(true));
    }
    n
}

/// Whether a rule can be a strike at all: horizontal, thin, of some length.
fn candidate(r: &Ruling) -> bool {
    r.is_horizontal() && r.bottom - r.top <= MAX_THICKNESS && r.x1 > r.x0
}

/// The glyphs a rule strikes through, when it is a strike-through.
fn crossed(r: &Ruling, glyphs: &[Glyph], index: &Index, work: &mut usize) -> Option<Vec<usize>> {
    let y = (r.top + r.bottom) / 2.0;
    let mut hit: Vec<usize> = Vec::new();
    for (size, rows) in &index.sizes {
        *work += 1;
        // Rows whose baseline puts `y` between BAND_LOW and BAND_HIGH sizes above it (searched
        // a little wide, then tested exactly as written below).
        let slack = 1e-3 + (y.abs() + size.abs()) * 1e-5;
        let (lo, hi) = (y + BAND_LOW * size - slack, y + BAND_HIGH * size + slack);
        let first = rows.partition_point(|row| row.base < lo);
        for row in &rows[first..] {
            *work += 1;
            if row.base > hi {
                break;
            }
            if !(y < row.base - BAND_LOW * row.size && y > row.base - BAND_HIGH * row.size) {
                continue;
            }
            let a = row.mids.partition_point(|&m| m <= r.x0);
            let b = row.mids.partition_point(|&m| m < r.x1);
            if b <= a {
                continue;
            }
            if hit.len() + (b - a) > MAX_STRUCK_GLYPHS {
                return None;
            }
            *work += b - a;
            hit.extend_from_slice(&row.glyphs[a..b]);
        }
    }
    // The first glyph in drawing order sets the baseline and size the others are held to.
    hit.sort_unstable();
    let first = glyphs.get(*hit.first()?)?;
    if hit.iter().any(|&i| !glyphs[i].is_space && (glyphs[i].base - first.base).abs() > 1.0) {
        return None;
    }
    let solid: Vec<&Glyph> = hit.iter().map(|&i| &glyphs[i]).filter(|g| !g.is_space).collect();
    let x0 = solid.iter().map(|g| g.x0).fold(f32::INFINITY, f32::min);
    let x1 = solid.iter().map(|g| g.x1).fold(f32::NEG_INFINITY, f32::max);
    let tol = END_TOLERANCE * first.size;
    (!solid.is_empty() && (x0 - r.x0).abs() <= tol && (x1 - r.x1).abs() <= tol).then_some(hit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x0: f32, x1: f32, base: f32) -> Glyph {
        Glyph {
            start: 0,
            len: 1,
            dir: 0,
            x0,
            x1,
            base,
            top: base - 8.0,
            bottom: base + 2.0,
            size: 10.0,
            space: 2.5,
            font: 0,
            is_space: false,
        }
    }

    fn rule(x0: f32, x1: f32, y: f32) -> Ruling {
        Ruling { x0, top: y - 0.25, x1, bottom: y + 0.25, width: 0.5 }
    }

    #[test]
    fn a_rule_through_the_middle_of_a_word_strikes_it() {
        // "FD01- D": the D (x 81.3..87.8) is struck 2.5 points above its baseline at 552.6.
        let glyphs =
            vec![glyph(51.0, 57.0, 552.6), glyph(57.0, 63.0, 552.6), glyph(81.3, 87.8, 552.6)];
        let mut pg = PageGlyphs {
            glyphs: glyphs.clone(),
            rulings: vec![rule(81.3, 87.8, 550.1), rule(51.0, 543.0, 544.9)],
            ..Default::default()
        };
        assert_eq!(remove(&mut pg, &mut Warnings::default(), 1), 1);
        assert_eq!(pg.glyphs.len(), 2);
        assert_eq!(pg.rulings.len(), 1, "the cell border stays");
        // An underline (below the baseline), a border over the capitals and a rule running well
        // past the word strike nothing.
        for r in [rule(81.3, 87.8, 554.0), rule(81.3, 87.8, 544.0), rule(60.0, 200.0, 550.1)] {
            let mut pg =
                PageGlyphs { glyphs: glyphs.clone(), rulings: vec![r], ..Default::default() };
            assert_eq!(remove(&mut pg, &mut Warnings::default(), 1), 0);
        }
    }

    #[test]
    fn float_keys_order_as_total_cmp() {
        let v = [-1e30f32, -552.6, -1.0, -0.0, 0.0, 1e-8, 0.5, 552.6, 552.61, 1e30, f32::INFINITY];
        for a in v {
            for b in v {
                assert_eq!(ordered(a).cmp(&ordered(b)), a.total_cmp(&b), "{a} {b}");
            }
        }
    }
}
