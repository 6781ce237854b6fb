//! Rows ruled across, columns set by whitespace: **a row ends at its drawn rule.**
//!
//! Word and Aspose tables are often ruled only across: a rule under every row, none between the
//! columns, so the table is found as a stream table whose rows are its text lines. A label that
//! wraps onto two or three lines beside one line of figures ("Community / Protection"), or a
//! figure set a little lower on its line, then becomes rows of their own. Where rules cross the
//! whole table and rule it row by row, the text lines between two rules are one row, unless a
//! column holds figures on two of those lines: a figure does not wrap, so stacked figures are
//! rows of their own (a table ruled only under its header and at its foot keeps its lines).

use crate::model::BBox;

use super::edges::{Edge, Edges};
use super::header::is_number;
use super::raw::{RawCell, RawTable};
use super::settings::TableSettings;
use super::stream::{build_with, column_boundaries, segments};
use super::words::{Word, text_lines};

/// Tables ruled across only, found from their rules: at least [`TableSettings::row_rules_min`]
/// rules of one extent that no column rule crosses, the text lines between them, the lines set in the table's columns just
/// above its first rule (a row carried on from the page before) and the lines of two or more
/// phrases just below its last (a total row, a row cut by the page foot). Columns come from the
/// whitespace gaps of the lines (as a stream table's); every band between two rules is one row.
pub fn tables(words: &[&Word], edges: &Edges, s: &TableSettings) -> Vec<RawTable> {
    let tol = s.snap_tolerance;
    let mut groups: Vec<Vec<&Edge>> = Vec::new();
    // A rule that a column rule crosses belongs to a ruled grid (the lattice's).
    let crossed = |e: &Edge| {
        edges.vertical.iter().any(|v| {
            v.pos > e.start + tol
                && v.pos < e.end - tol
                && v.start <= e.pos + tol
                && v.end >= e.pos - tol
        })
    };
    for e in
        edges.horizontal.iter().filter(|e| e.end - e.start >= s.row_rule_min_length && !crossed(e))
    {
        match groups
            .iter_mut()
            .find(|g| (g[0].start - e.start).abs() <= tol && (g[0].end - e.end).abs() <= tol)
        {
            Some(g) => g.push(e),
            None => groups.push(vec![e]),
        }
    }
    let mut out = Vec::new();
    for g in groups.iter().filter(|g| g.len() >= s.row_rules_min) {
        let (x0, x1) = (g[0].start, g[0].end);
        let mut rules: Vec<f32> = g.iter().map(|e| e.pos).collect();
        rules.sort_by(f32::total_cmp);
        let (first, last) = (rules[0], rules[rules.len() - 1]);
        let mine: Vec<&Word> =
            words.iter().copied().filter(|w| w.cx() >= x0 - tol && w.cx() <= x1 + tol).collect();
        let lines = text_lines(&mine, s);
        let core: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].iter().all(|w| w.cy() > first && w.cy() < last))
            .collect();
        let (Some(&a), Some(&b)) = (core.first(), core.last()) else { continue };
        if b + 1 - a != core.len() {
            continue;
        }
        let close =
            |i: usize, j: usize| gap_ratio(&lines[i], &lines[j]) <= s.stream_max_row_gap_ratio;
        let phrases = |i: usize| segments(&lines[i], s.segment_gap_ratio).len();
        let mut top = a;
        while top > 0 && close(top - 1, top) {
            let l = &lines[top - 1];
            let in_columns = l.iter().all(|w| w.x0 > x0 + 2.0 * w.size);
            if !(in_columns || phrases(top - 1) >= 2) {
                break;
            }
            top -= 1;
        }
        let mut end = b;
        while end + 1 < lines.len() && close(end, end + 1) && phrases(end + 1) >= 2 {
            end += 1;
        }
        let region = &lines[top..=end];
        let tabular = region
            .iter()
            .filter(|l| segments(l, s.segment_gap_ratio).len() >= s.stream_min_segments)
            .count();
        if tabular < 2 {
            continue;
        }
        // Columns from the whitespace left by the rows (each band's lines together, so that a
        // column of figures beside a long paragraph counts once per row), a band of one phrase
        // (a note such as "All figures in £m") not closing a gap.
        let mut bands: Vec<Vec<&Word>> = vec![Vec::new(); rules.len() + 1];
        for w in region.iter().flatten() {
            bands[rules.iter().filter(|&&y| y < w.cy()).count()].push(w);
        }
        for b in &mut bands {
            b.sort_by(|p, q| p.x0.total_cmp(&q.x0));
        }
        bands.retain(|b| segments(b, s.phrase_gap_ratio).len() > 1);
        let Some(xs) = column_boundaries(&bands, s) else { continue };
        let Some(raw) = build_with(region, xs, s) else { continue };
        let inner: Vec<&Word> = region.iter().flatten().copied().collect();
        out.push(join_bands(&raw, &inner, &rules, true, s).unwrap_or(raw));
    }
    out
}

fn gap_ratio(a: &[&Word], b: &[&Word]) -> f32 {
    let ab = a.iter().map(|w| w.bottom).fold(f32::NEG_INFINITY, f32::max);
    let bt = b.iter().map(|w| w.top).fold(f32::INFINITY, f32::min);
    let h = a.iter().chain(b).map(|w| w.size).fold(1.0f32, f32::max);
    (bt - ab).max(0.0) / h
}

/// The stream table with the text lines between each two of its row rules joined into one row,
/// or `None` when the table is not ruled row by row or no two lines share a ruled band.
pub fn join(raw: &RawTable, words: &[Word], edges: &Edges, s: &TableSettings) -> Option<RawTable> {
    if raw.method != "stream" || raw.rows() < 2 {
        return None;
    }
    let (x0, x1) = (raw.xs[0], raw.xs[raw.columns()]);
    let (top, bottom) = (raw.ys[0], raw.ys[raw.rows()]);
    let width = (x1 - x0).max(1.0);
    let reach = words.iter().map(|w| w.size).fold(s.snap_tolerance, f32::max);
    let mut rules: Vec<f32> = edges
        .horizontal
        .iter()
        .filter(|e| e.end.min(x1) - e.start.max(x0) >= s.row_rule_cover_ratio * width)
        .filter(|e| e.pos >= top - reach && e.pos <= bottom + reach)
        .map(|e| e.pos)
        .collect();
    rules.sort_by(f32::total_cmp);
    rules.dedup_by(|a, b| (*a - *b).abs() <= s.snap_tolerance);
    if rules.len() < s.row_rules_min {
        return None;
    }
    let refs: Vec<&Word> = words.iter().collect();
    join_bands(raw, &refs, &rules, false, s)
}

/// Joins the rows of `raw` lying between two consecutive `rules` (and, with `open_ends`, above
/// the first and below the last) into one, unless a column holds lone figures on two of them.
fn join_bands(
    raw: &RawTable,
    words: &[&Word],
    rules: &[f32],
    open_ends: bool,
    _s: &TableSettings,
) -> Option<RawTable> {
    let (x0, x1) = (raw.xs[0], raw.xs[raw.columns()]);
    // The band of each row: how many rules lie above its middle; without `open_ends` only a band
    // closed by a rule above and below is a ruled row.
    let band = |r: usize| {
        let mid = (raw.ys[r] + raw.ys[r + 1]) / 2.0;
        let k = rules.iter().filter(|&&y| y < mid).count();
        (open_ends || (k > 0 && k < rules.len())).then_some(k)
    };
    // Per row, the columns holding a figure standing alone (not an amount inside running text).
    let nc = raw.columns();
    let col_of = |x: f32| (0..nc).find(|&c| x < raw.xs[c + 1]).unwrap_or(nc - 1);
    let mut count = vec![vec![0usize; nc]; raw.rows()];
    let mut figures = vec![vec![false; nc]; raw.rows()];
    for w in words {
        let (cx, cy) = (w.cx(), w.cy());
        if cx < x0 || cx > x1 {
            continue;
        }
        if let Some(r) = (0..raw.rows()).find(|&r| cy >= raw.ys[r] && cy <= raw.ys[r + 1]) {
            let c = col_of(cx);
            count[r][c] += 1;
            figures[r][c] |= is_number(&w.text) || matches!(w.text.as_str(), "-" | "–" | "—");
        }
    }
    for (f, n) in figures.iter_mut().zip(&count) {
        for (f, n) in f.iter_mut().zip(n) {
            *f &= *n == 1;
        }
    }
    // Groups of consecutive rows joined into one.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut r = 0;
    while r < raw.rows() {
        let mut end = r + 1;
        if let Some(b) = band(r) {
            while end < raw.rows() && band(end) == Some(b) {
                end += 1;
            }
        }
        let stacked = (0..nc).any(|c| (r..end).filter(|&k| figures[k][c]).count() >= 2);
        if stacked {
            groups.extend((r..end).map(|k| (k, k + 1)));
        } else {
            groups.push((r, end));
        }
        r = end;
    }
    if groups.len() == raw.rows() {
        return None;
    }
    let mut ys = vec![raw.ys[0]];
    ys.extend(groups.iter().map(|&(_, e)| raw.ys[e]));
    let mut cells = Vec::new();
    for (g, &(a, e)) in groups.iter().enumerate() {
        // The group's cells, overlapping column ranges made one (a phrase crossing a column on
        // one line spans it for the whole row).
        let mut spans: Vec<(usize, usize)> =
            raw.cells.iter().filter(|c| c.r0 >= a && c.r0 < e).map(|c| (c.c0, c.c1)).collect();
        spans.sort();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (c0, c1) in spans {
            match merged.last_mut() {
                Some(m) if c0 < m.1 => m.1 = m.1.max(c1),
                _ => merged.push((c0, c1)),
            }
        }
        cells.extend(merged.into_iter().map(|(c0, c1)| RawCell {
            r0: g,
            r1: g + 1,
            c0,
            c1,
            bbox: BBox::new(raw.xs[c0], ys[g], raw.xs[c1], ys[g + 1]),
        }));
    }
    Some(RawTable { bbox: raw.bbox, xs: raw.xs.clone(), ys, cells, method: raw.method })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::raw::fill;
    use crate::tables::stream;

    fn w(text: &str, x0: f32, top: f32) -> Word {
        Word {
            text: text.into(),
            x0,
            x1: x0 + 5.0 * text.len() as f32,
            top,
            bottom: top + 8.0,
            size: 8.0,
            bold: false,
            italic: false,
        }
    }

    fn rule(y: f32) -> Edge {
        Edge { pos: y, start: 0.0, end: 300.0 }
    }

    /// Rows of (label lines, figures on the label's line `at`), each ruled below.
    fn page(rows: &[(&[&str], usize, [&str; 3])]) -> (Vec<Word>, Edges) {
        let mut words = Vec::new();
        let mut h = vec![rule(95.0)];
        let mut y = 100.0;
        for (labels, at, figs) in rows {
            for (i, l) in labels.iter().enumerate() {
                words.push(w(l, 10.0, y + 10.0 * i as f32));
            }
            let fy = y + 10.0 * *at as f32;
            for (f, x) in figs.iter().zip([150.0, 200.0, 250.0]) {
                words.push(w(f, x, fy));
            }
            y += 10.0 * labels.len() as f32 + 6.0;
            h.push(rule(y - 4.0));
        }
        (words, Edges { horizontal: h, vertical: Vec::new() })
    }

    fn grid_of(words: &[Word], edges: &Edges) -> Vec<Vec<String>> {
        let s = TableSettings::default();
        let refs: Vec<&Word> = words.iter().collect();
        let t = stream::tables(&refs, &s).remove(0);
        let t = join(&t, words, edges, &s).unwrap_or(t);
        let (g, _) = fill(&t, words, 1, &s);
        g.rows.iter().map(|r| r.iter().map(|c| c.text.clone()).collect()).collect()
    }

    #[test]
    fn a_row_ends_at_its_drawn_rule_not_at_its_text_line() {
        // "Community / Protection" wraps around its line of figures (Word, Q3 monitoring p17).
        let (words, edges) = page(&[
            (&["Waste"], 0, ["52.6", "53.4", "+0.8"]),
            (&["Community", "Protection"], 0, ["12.0", "11.3", "-0.7"]),
            (&["Highways", "divisional", "costs"], 1, ["4.0", "4.4", "+0.4"]),
            (&["Libraries"], 0, ["11.1", "10.5", "-0.5"]),
        ]);
        let g = grid_of(&words, &edges);
        assert_eq!(g.len(), 4, "{g:?}");
        assert_eq!(g[1], ["Community Protection", "12.0", "11.3", "-0.7"]);
        assert_eq!(g[2], ["Highways divisional costs", "4.0", "4.4", "+0.4"]);
    }

    #[test]
    fn a_table_ruled_across_only_is_found_from_its_rules() {
        // A long note beside one line of figures (Q3 monitoring p16): the lines between two
        // rules are one row, and the figure columns stand apart although few lines reach them.
        let mut words = Vec::new();
        // Rules across the whole table, notes included.
        let across = |y: f32| Edge { pos: y, start: 0.0, end: 400.0 };
        let mut h = vec![across(95.0)];
        let mut y = 100.0;
        for (label, figs, notes) in [
            ("Waste", ["38.8", "40.6", "+1.8"], 40),
            ("Roads", ["38.7", "40.1", "+1.4"], 1),
            ("Libraries", ["11.1", "10.5", "-0.5"], 1),
        ] {
            words.push(w(label, 10.0, y));
            for (f, x) in figs.iter().zip([150.0, 200.0, 250.0]) {
                words.push(w(f, x, y));
            }
            for i in 0..notes {
                words.push(w("note", 300.0, y + 10.0 * i as f32));
            }
            y += 10.0 * notes as f32 + 6.0;
            h.push(across(y - 4.0));
        }
        let edges = Edges { horizontal: h, vertical: Vec::new() };
        let s = TableSettings::default();
        let refs: Vec<&Word> = words.iter().collect();
        let t = tables(&refs, &edges, &s);
        assert_eq!(t.len(), 1);
        assert_eq!((t[0].rows(), t[0].columns()), (3, 5));
        let (g, _) = fill(&t[0], &words, 1, &s);
        let first: Vec<&str> = g.rows[0].iter().take(4).map(|c| c.text.as_str()).collect();
        assert_eq!(first, ["Waste", "38.8", "40.6", "+1.8"]);
        assert_eq!(g.rows[2][0].text, "Libraries");
    }

    #[test]
    fn figures_stacked_between_two_rules_stay_rows() {
        // Ruled under every block of two rows: each block's lines hold figures in one column.
        let (mut words, edges) = page(&[
            (&["Pay", "Prices"], 0, ["1.0", "2.0", "3.0"]),
            (&["Income", "Policy"], 0, ["4.0", "5.0", "6.0"]),
            (&["Total"], 0, ["5.0", "7.0", "9.0"]),
        ]);
        for (f, x) in ["9.0", "8.0", "7.0"].iter().zip([150.0, 200.0, 250.0]) {
            words.push(w(f, x, 110.0));
        }
        let g = grid_of(&words, &edges);
        assert_eq!(g[0], ["Pay", "1.0", "2.0", "3.0"]);
        assert_eq!(g[1], ["Prices", "9.0", "8.0", "7.0"]);
    }
}
