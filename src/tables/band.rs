//! Headings printed above a ruled body.
//!
//! Spreadsheet producers often print a table's column headings on a shaded band above the first
//! ruled row, outside the grid of rules. Lines set tight above a ruled body whose phrases stand
//! over its columns are its heading rows: a heading sits over the column it names. A line counts
//! when its phrases fall into two or more of the body's columns; a line of one phrase in one
//! column set tight under such a line, in a column that line has a heading in, is the end of that
//! heading wrapped in its column ("Core or Externally" / "Funded") and belongs to the band too. A
//! caption or title (one phrase, not set over the columns) is never taken, and the band ends at
//! the first line set apart by more than a line spacing.

use crate::model::BBox;

use super::raw::{RawCell, RawTable};
use super::settings::TableSettings;
use super::stream::{segments, word_columns};
use super::words::{Word, text_lines};

/// The most words one phrase of a heading line holds ("Core or Externally Funded" wraps over
/// lines of at most three).
const MAX_HEADING_WORDS: usize = 4;

/// The table grown upwards by its heading band, or `None` when there is none. `free` tells which
/// of `words` no table holds yet.
pub fn grow(raw: &RawTable, words: &[Word], free: &[bool], s: &TableSettings) -> Option<RawTable> {
    let (x0, x1, top) = (raw.bbox.x0, raw.bbox.x1, raw.bbox.top);
    let above: Vec<&Word> = words
        .iter()
        .zip(free)
        .filter(|(w, f)| {
            **f && w.bottom <= top + s.snap_tolerance
                && w.x0 >= x0 - s.snap_tolerance
                && w.x1 <= x1 + s.snap_tolerance
        })
        .map(|(w, _)| w)
        .collect();
    let lines = text_lines(&above, s);
    let nc = raw.xs.len().saturating_sub(1);
    // Walk up from the body: each line's phrases as column ranges. A line of one phrase inside
    // one column waits for a line over the columns above it with a phrase in that column (the
    // heading it ends); a line that is neither ends the band.
    let mut edge = top;
    let mut band_top = None;
    let mut waiting: Vec<usize> = Vec::new();
    for line in lines.iter().rev() {
        let lt = line.iter().map(|w| w.top).fold(f32::INFINITY, f32::min);
        let lb = line.iter().map(|w| w.bottom).fold(f32::NEG_INFINITY, f32::max);
        let height = (lb - lt).max(1.0);
        let limit = if waiting.is_empty() { height } else { 0.5 * height };
        if edge - lb > limit {
            break;
        }
        let phrases = segments(line, s.phrase_gap_ratio);
        // Headings are short: a phrase of many words is running text (a sentence set above the
        // table), whatever columns it happens to fall in.
        if phrases.iter().any(|p| p.len() > MAX_HEADING_WORDS) {
            break;
        }
        let ranges: Vec<(usize, usize)> = phrases
            .iter()
            .map(|p| {
                let a = p.iter().map(|w| word_columns(w, &raw.xs, 0, nc).0).min().unwrap_or(0);
                let b = p.iter().map(|w| word_columns(w, &raw.xs, 0, nc).1).max().unwrap_or(0);
                (a, b)
            })
            .collect();
        let mut cols: Vec<usize> = ranges.iter().map(|r| r.0).collect();
        cols.dedup();
        let over_columns = cols.len() >= 2 && ranges.iter().all(|(a, b)| b - a < 2);
        let in_one = ranges.iter().all(|(a, b)| a == b && *a == ranges[0].0);
        if over_columns {
            if !waiting.iter().all(|c| ranges.iter().any(|(a, b)| a <= c && c <= b)) {
                break;
            }
            waiting.clear();
            band_top = Some(lt - 0.5);
        } else if in_one {
            waiting.push(ranges[0].0);
        } else {
            break;
        }
        edge = lt;
    }
    let band_top = band_top?;
    let mut ys = vec![band_top];
    ys.extend(raw.ys.iter().copied());
    let mut cells: Vec<RawCell> =
        raw.cells.iter().map(|c| RawCell { r0: c.r0 + 1, r1: c.r1 + 1, ..*c }).collect();
    // A heading over each column: headings of narrow figure columns stand closer together than
    // a phrase's words, so each word goes to the column under its centre.
    cells.extend((0..raw.columns()).map(|c| RawCell {
        r0: 0,
        r1: 1,
        c0: c,
        c1: c + 1,
        bbox: BBox::new(raw.xs[c], band_top, raw.xs[c + 1], top),
    }));
    let bbox = BBox::new(x0, band_top, x1, raw.bbox.bottom);
    Some(RawTable { bbox, xs: raw.xs.clone(), ys, cells, method: raw.method })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x0: f32, x1: f32, top: f32) -> Word {
        Word { bold: true, ..crate::tables::words::test_word(text, x0, x1, top) }
    }

    fn body() -> RawTable {
        let xs = vec![0.0, 100.0, 150.0, 200.0];
        let ys = vec![40.0, 52.0];
        let cells = (0..3)
            .map(|c| RawCell {
                r0: 0,
                r1: 1,
                c0: c,
                c1: c + 1,
                bbox: BBox::new(xs[c], 40.0, xs[c + 1], 52.0),
            })
            .collect();
        RawTable { bbox: BBox::new(0.0, 40.0, 200.0, 52.0), xs, ys, cells, method: "lattice" }
    }

    #[test]
    fn headings_over_the_columns_join_the_body_and_a_title_does_not() {
        let words = vec![
            word("APPENDIX", 40.0, 90.0, 0.0),
            word("F", 93.0, 98.0, 0.0),
            word("Category", 2.0, 40.0, 21.0),
            word("Externally", 105.0, 145.0, 21.0),
            word("2025-26", 160.0, 190.0, 21.0),
            word("Funded", 110.0, 140.0, 30.0),
        ];
        let free = vec![true; words.len()];
        let s = TableSettings::default();
        let t = grow(&body(), &words, &free, &s).expect("a band");
        assert_eq!(t.rows(), 2);
        let (g, _) = super::super::raw::fill(&t, &words, 1, &s);
        assert_eq!(g.text(0, 0), "Category");
        assert_eq!(g.text(0, 1), "Externally Funded");
        assert_eq!(g.text(0, 2), "2025-26");
        assert!(!g.rows[0].iter().any(|c| c.text.contains("APPENDIX")));
    }

    #[test]
    fn a_caption_alone_is_not_a_band() {
        let words = vec![word("Table", 2.0, 30.0, 30.0), word("1", 33.0, 38.0, 30.0)];
        let free = vec![true; words.len()];
        assert!(grow(&body(), &words, &free, &TableSettings::default()).is_none());
        // Nor is a sentence set above the table, whatever columns its words fall in.
        let words = vec![
            word("Well", 2.0, 20.0, 30.0),
            word("clients", 22.0, 50.0, 30.0),
            word("who", 52.0, 66.0, 30.0),
            word("would", 68.0, 90.0, 30.0),
            word("recommend", 92.0, 135.0, 30.0),
            word("friends", 160.0, 190.0, 30.0),
        ];
        let free = vec![true; words.len()];
        assert!(grow(&body(), &words, &free, &TableSettings::default()).is_none());
        // Nor is the last line of text above the table under a line that has no heading over
        // that line's column.
        let words = vec![
            word("Category", 2.0, 40.0, 21.0),
            word("2025-26", 160.0, 190.0, 21.0),
            word("Well clients", 110.0, 140.0, 30.0),
        ];
        let free = vec![true; words.len()];
        assert!(grow(&body(), &words, &free, &TableSettings::default()).is_none());
    }
}
