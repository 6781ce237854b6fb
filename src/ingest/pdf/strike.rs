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
//!   or a chart line that happens to pass through text).

use crate::model::Ruling;

use super::interp::{Glyph, PageGlyphs};

/// Thickest rule read as a strike-through, in points.
pub const MAX_THICKNESS: f32 = 1.5;
/// Lowest height above the baseline of a strike, in font sizes.
pub const BAND_LOW: f32 = 0.1;
/// Highest height above the baseline of a strike, in font sizes.
pub const BAND_HIGH: f32 = 0.6;
/// How far the ends of a strike may lie from the ends of the glyphs it crosses, in font sizes.
pub const END_TOLERANCE: f32 = 0.5;

/// Removes struck glyphs and their strike rules from a page; returns how many glyphs were struck.
pub(crate) fn remove(pg: &mut PageGlyphs) -> usize {
    let mut struck = vec![false; pg.glyphs.len()];
    let mut strikes = vec![false; pg.rulings.len()];
    for (ri, r) in pg.rulings.iter().enumerate() {
        if let Some(hit) = crossed(r, &pg.glyphs) {
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

/// The glyphs a rule strikes through, when it is a strike-through.
fn crossed(r: &Ruling, glyphs: &[Glyph]) -> Option<Vec<usize>> {
    let thickness = r.bottom - r.top;
    if !r.is_horizontal() || thickness > MAX_THICKNESS || r.x1 <= r.x0 {
        return None;
    }
    let y = (r.top + r.bottom) / 2.0;
    let hit: Vec<usize> = glyphs
        .iter()
        .enumerate()
        .filter(|(_, g)| {
            let mid = (g.x0 + g.x1) / 2.0;
            g.dir == 0
                && mid > r.x0
                && mid < r.x1
                && y < g.base - BAND_LOW * g.size
                && y > g.base - BAND_HIGH * g.size
        })
        .map(|(i, _)| i)
        .collect();
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
        assert_eq!(remove(&mut pg), 1);
        assert_eq!(pg.glyphs.len(), 2);
        assert_eq!(pg.rulings.len(), 1, "the cell border stays");
        // An underline (below the baseline), a border over the capitals and a rule running well
        // past the word strike nothing.
        for r in [rule(81.3, 87.8, 554.0), rule(81.3, 87.8, 544.0), rule(60.0, 200.0, 550.1)] {
            let mut pg =
                PageGlyphs { glyphs: glyphs.clone(), rulings: vec![r], ..Default::default() };
            assert_eq!(remove(&mut pg), 0);
        }
    }
}
