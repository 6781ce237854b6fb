//! Stream tables: columns aligned by whitespace, without ruling lines.
//!
//! 1. Text lines are cut into *segments* at gaps wider than [`TableSettings::segment_gap_ratio`]
//!    times the font size; a line with at least [`TableSettings::stream_min_segments`] segments is
//!    *tabular*.
//! 2. A table region is a run of tabular lines, close together, with at most
//!    [`TableSettings::stream_max_inner_plain_lines`] plain lines between two tabular ones (section
//!    labels), and at least [`TableSettings::stream_min_rows`] tabular lines.
//! 3. Columns come from the projection of the region's words onto the x-axis: an x-range is a gap
//!    when words of at most [`TableSettings::stream_gap_coverage_ratio`] of the lines cover it (so a
//!    title running across columns does not close a gap). The boundary sits where the coverage is
//!    least inside the gap.
//! 4. Each text line is one row. A word goes to the column holding it; a run of words that crosses a
//!    boundary with a word (a title or note) becomes one cell spanning those columns.
//!
//! Compared with Camelot's stream mode (column count from the mode of words per row), the projection
//! keeps right-aligned numeric columns apart even where one value nearly touches its neighbour.

use crate::model::BBox;

use super::raw::{RawCell, RawTable};
use super::settings::TableSettings;
use super::words::{Word, text_lines};

/// Finds stream tables among the given words (words already inside lattice tables excluded).
pub fn tables(words: &[&Word], s: &TableSettings) -> Vec<RawTable> {
    let lines = text_lines(words, s);
    let tabular: Vec<bool> = lines
        .iter()
        .map(|l| segments(l, s.segment_gap_ratio).len() >= s.stream_min_segments)
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !tabular[i] {
            i += 1;
            continue;
        }
        // Grow the region from line i.
        let mut end = i; // last tabular line included
        let mut j = i + 1;
        let mut plain = 0;
        while j < lines.len() {
            if gap_ratio(&lines[j - 1], &lines[j]) > s.stream_max_row_gap_ratio {
                break;
            }
            if tabular[j] {
                end = j;
                plain = 0;
            } else {
                plain += 1;
                if plain > s.stream_max_inner_plain_lines {
                    break;
                }
            }
            j += 1;
        }
        // Header lines above the first tabular line that sit over the columns (not at the left
        // margin, where a title would start), such as the first line of a two-line heading.
        let left = lines[i..=end]
            .iter()
            .filter_map(|l| l.first().map(|w| w.x0))
            .fold(f32::INFINITY, f32::min);
        let mut start = i;
        while start > 0 && start + s.stream_max_inner_plain_lines > i {
            let above = &lines[start - 1];
            let indented = above.first().is_some_and(|w| w.x0 > left + 2.0 * w.size);
            if !tabular[start - 1] && indented && gap_ratio(above, &lines[start]) <= 1.0 {
                start -= 1;
            } else {
                break;
            }
        }
        let region = &lines[start..=end];
        let n_tab = tabular[i..=end].iter().filter(|t| **t).count();
        if n_tab >= s.stream_min_rows {
            if let Some(t) = build(region, s) {
                out.push(t);
            }
        }
        i = end + 1;
    }
    out
}

fn line_box(l: &[&Word]) -> (f32, f32, f32) {
    let top = l.iter().map(|w| w.top).fold(f32::INFINITY, f32::min);
    let bottom = l.iter().map(|w| w.bottom).fold(f32::NEG_INFINITY, f32::max);
    let size = l.iter().map(|w| w.size).fold(1.0f32, f32::max);
    (top, bottom, size)
}

/// Vertical gap between two lines as a multiple of the line height.
fn gap_ratio(a: &[&Word], b: &[&Word]) -> f32 {
    let (_, ab, asz) = line_box(a);
    let (bt, _, bsz) = line_box(b);
    let h = asz.max(bsz).max(1.0);
    (bt - ab).max(0.0) / h
}

/// Cuts a line (sorted left to right) at gaps wider than `ratio` × font size.
/// The column of boundaries `xs`, among columns `c0..c1`, that `x` falls in (the last when past
/// its left boundary, the first when before it).
pub(super) fn column_at(xs: &[f32], c0: usize, c1: usize, x: f32) -> usize {
    let mut c = c0;
    while c + 1 < c1 && x >= xs[c + 1] {
        c += 1;
    }
    c
}

/// The first and last columns (of `xs`, among `c0..c1`) a word's text stands in.
pub(super) fn word_columns(w: &Word, xs: &[f32], c0: usize, c1: usize) -> (usize, usize) {
    (column_at(xs, c0, c1, w.x0 + 0.01), column_at(xs, c0, c1, (w.x1 - 0.01).max(w.x0)))
}

/// Column spans (first, last) sorted and merged where they overlap: a phrase that crosses a
/// boundary keeps one cell across the columns it crosses.
pub(super) fn merge_spans(mut units: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    units.sort();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for u in units {
        match merged.last_mut() {
            Some(m) if u.0 <= m.1 => m.1 = m.1.max(u.1),
            _ => merged.push(u),
        }
    }
    merged
}

pub(super) fn segments<'a>(line: &[&'a Word], ratio: f32) -> Vec<Vec<&'a Word>> {
    let mut out: Vec<Vec<&Word>> = Vec::new();
    for w in line {
        match out.last_mut() {
            Some(seg) if seg.last().is_some_and(|p| w.x0 - p.x1 <= ratio * p.size.min(w.size)) => {
                seg.push(w)
            }
            _ => out.push(vec![w]),
        }
    }
    out
}

fn build(region: &[Vec<&Word>], s: &TableSettings) -> Option<RawTable> {
    build_with(region, column_boundaries(region, s)?, s)
}

/// A stream table of the region's lines, one row each, on the given column boundaries.
pub(super) fn build_with(
    region: &[Vec<&Word>],
    xs: Vec<f32>,
    s: &TableSettings,
) -> Option<RawTable> {
    let nc = xs.len() - 1;
    if nc < s.stream_min_columns {
        return None;
    }
    // Row boundaries: midpoints between consecutive lines.
    let boxes: Vec<(f32, f32, f32)> = region.iter().map(|l| line_box(l)).collect();
    let mut ys = vec![boxes[0].0];
    for k in 1..boxes.len() {
        ys.push((boxes[k - 1].1 + boxes[k].0) / 2.0);
    }
    ys.push(boxes[boxes.len() - 1].1);
    for k in 1..ys.len() {
        if ys[k] < ys[k - 1] {
            ys[k] = ys[k - 1];
        }
    }
    let mut cells = Vec::new();
    for (r, line) in region.iter().enumerate() {
        // Units: (first column, last column).
        let mut units: Vec<(usize, usize)> = Vec::new();
        for ph in segments(line, s.phrase_gap_ratio) {
            let ranges: Vec<(usize, usize)> =
                ph.iter().map(|w| word_columns(w, &xs, 0, nc)).collect();
            if ranges.iter().any(|(a, b)| a != b) {
                let a = ranges.iter().map(|r| r.0).min().unwrap_or(0);
                let b = ranges.iter().map(|r| r.1).max().unwrap_or(0);
                units.push((a, b));
            } else {
                units.extend(ranges);
            }
        }
        for (a, b) in merge_spans(units) {
            cells.push(RawCell {
                r0: r,
                r1: r + 1,
                c0: a,
                c1: b + 1,
                bbox: BBox::new(xs[a], ys[r], xs[b + 1], ys[r + 1]),
            });
        }
    }
    let bbox = BBox::new(xs[0], ys[0], xs[nc], ys[ys.len() - 1]);
    Some(RawTable { bbox, xs, ys, cells, method: "stream" })
}

/// Column boundaries from the coverage of the region's phrases along the x-axis.
pub(super) fn column_boundaries(region: &[Vec<&Word>], s: &TableSettings) -> Option<Vec<f32>> {
    // Per line, the x-intervals of its phrases.
    let per_line: Vec<Vec<(f32, f32)>> = region
        .iter()
        .map(|l| {
            segments(l, s.phrase_gap_ratio)
                .iter()
                .map(|p| {
                    let x0 = p.iter().map(|w| w.x0).fold(f32::INFINITY, f32::min);
                    let x1 = p.iter().map(|w| w.x1).fold(f32::NEG_INFINITY, f32::max);
                    (x0, x1)
                })
                .collect()
        })
        .collect();
    let mut pts: Vec<f32> = per_line.iter().flatten().flat_map(|&(a, b)| [a, b]).collect();
    pts.retain(|p| p.is_finite());
    pts.sort_by(f32::total_cmp);
    pts.dedup();
    if pts.len() < 2 {
        return None;
    }
    // Coverage of each elementary interval [pts[k], pts[k+1]].
    let cover: Vec<usize> = pts
        .windows(2)
        .map(|w| {
            let mid = (w[0] + w[1]) / 2.0;
            per_line.iter().filter(|iv| iv.iter().any(|&(a, b)| a <= mid && mid <= b)).count()
        })
        .collect();
    let thr = (s.stream_gap_coverage_ratio * region.len() as f32).floor() as usize;
    // Runs of low coverage are gaps.
    let mut xs = vec![pts[0]];
    let mut k = 0;
    while k < cover.len() {
        if cover[k] > thr {
            k += 1;
            continue;
        }
        let start = k;
        while k < cover.len() && cover[k] <= thr {
            k += 1;
        }
        let (g0, g1) = (pts[start], pts[k]);
        if start == 0 || k == cover.len() || g1 - g0 < s.stream_min_gap_width {
            continue;
        }
        // The least-covered stretch inside the gap.
        let least = cover[start..k].iter().copied().min().unwrap_or(0);
        let mut a = start;
        while cover[a] != least {
            a += 1;
        }
        let mut b = a;
        while b < k && cover[b] == least {
            b += 1;
        }
        xs.push((pts[a] + pts[b]) / 2.0);
    }
    xs.push(pts[pts.len() - 1]);
    Some(xs)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::tables::words::test_word as w;

    #[test]
    fn right_aligned_numbers_close_together_stay_apart() {
        let mut words = Vec::new();
        let rows = [
            ("Pay", "21,845.7", "626.9", "22,472.6"),
            ("Prices", "41,407.1", "1,944.4", "43,351.5"),
            ("Income", "-20,109.3", "0.0", "-20,109.3"),
            ("Policy", "-8,542.9", "0.0", "-8,542.9"),
        ];
        for (i, (a, b, c, d)) in rows.iter().enumerate() {
            let y = 100.0 + 10.0 * i as f32;
            words.push(w(a, 10.0, 10.0 + 4.0 * a.len() as f32, y));
            // Right-aligned at 150, 200 and 240: the last column nearly touches the middle one.
            for (t, right) in [(b, 150.0), (c, 200.0), (d, 240.0)] {
                words.push(w(t, right - 4.0 * t.len() as f32, right, y));
            }
        }
        let refs: Vec<&Word> = words.iter().collect();
        let s = TableSettings::default();
        let t = tables(&refs, &s);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].columns(), 4);
        assert_eq!(t[0].rows(), 4);
        assert_eq!(t[0].cells.len(), 16);
    }

    #[test]
    fn prose_is_not_a_table() {
        let mut words = Vec::new();
        for i in 0..6 {
            let y = 100.0 + 10.0 * i as f32;
            let mut x = 10.0;
            for t in ["The", "council", "agreed", "the", "budget", "for", "the", "year."] {
                let x1 = x + 4.0 * t.len() as f32;
                words.push(w(t, x, x1, y));
                x = x1 + 2.0;
            }
        }
        let refs: Vec<&Word> = words.iter().collect();
        assert!(tables(&refs, &TableSettings::default()).is_empty());
    }
}
