//! What a part's own rows say about joining it to the part above across a page break: a box
//! framing a picture is whole on its page; a row key carrying on the sequence of the part above
//! continues it.

use crate::model::{Cell, Grid};

/// A one-column box whose only text is its title, over empty rows: a frame around a picture,
/// not rows of a table.
pub(super) fn is_frame(g: &Grid) -> bool {
    let empty = |r: &Vec<Cell>| r.iter().all(|c| c.text.trim().is_empty());
    g.columns == 1 && g.rows.len() >= 2 && g.rows.iter().skip(1).all(empty)
}

fn has_text(g: &Grid, r: usize) -> bool {
    g.rows[r].iter().any(|c| !c.text.trim().is_empty())
}

/// A row with no text at least `tall` points high: the space a picture takes (a box of two
/// columns or more keeps an empty row only as a merged cell).
fn picture_row(g: &Grid, r: usize, tall: f32) -> bool {
    let high =
        g.row_locations.get(r).and_then(|l| l.bbox).is_some_and(|b| b.bottom - b.top >= tall);
    !has_text(g, r) && high
}

/// A box that opens with a frame around a picture: a title row over a picture's row.
pub(super) fn opens_frame(g: &Grid, tall: f32) -> bool {
    g.rows.len() >= 2 && has_text(g, 0) && picture_row(g, 1, tall)
}

/// A box that ends with a frame around a picture: a title row over a picture's row, and at most
/// one row of text under it (the chart's figures, "Latest: 94%").
pub(super) fn ends_frame(g: &Grid, tall: f32) -> bool {
    let n = g.rows.len();
    (n >= 2 && picture_row(g, n - 1, tall) && has_text(g, n - 2))
        || (n >= 3 && has_text(g, n - 1) && picture_row(g, n - 2, tall) && has_text(g, n - 3))
}

/// Whether `next` opens with the key that follows the key `prev` ends with, in its first column:
/// "MM6" after "MM5", "12" after "11", "4." after "3." (the same prefix, the number one more),
/// with the same number of columns.
pub(super) fn continues_sequence(prev: &Grid, next: &Grid) -> bool {
    let key = |g: &Grid, last: bool| -> Option<(String, u64, String)> {
        let rows = &g.rows;
        let row = if last {
            rows.iter().rev().find(|r| r.first().is_some_and(|c| !c.text.trim().is_empty()))?
        } else {
            rows.first()?
        };
        split_key(row.first()?.text.trim())
    };
    if prev.columns != next.columns || prev.columns < 2 {
        return false;
    }
    match (key(prev, true), key(next, false)) {
        (Some((pa, na, sa)), Some((pb, nb, sb))) => pa == pb && sa == sb && nb == na + 1,
        _ => false,
    }
}

/// A key of letters, a number and a closing mark ("MM12", "12", "4.", "A3)"): (prefix, number,
/// suffix); None for anything else (words, amounts, dates).
fn split_key(t: &str) -> Option<(String, u64, String)> {
    if t.is_empty() || t.len() > 8 || t.contains(char::is_whitespace) {
        return None;
    }
    let start = t.find(|c: char| c.is_ascii_digit())?;
    let prefix = &t[..start];
    let rest = &t[start..];
    let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let suffix = &rest[end..];
    let ok_prefix = prefix.chars().all(|c| c.is_ascii_alphabetic());
    let ok_suffix = matches!(suffix, "" | "." | ")");
    if !ok_prefix || !ok_suffix {
        return None;
    }
    Some((prefix.to_string(), rest[..end].parse().ok()?, suffix.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(first_column: &[&str]) -> Grid {
        Grid {
            rows: first_column.iter().map(|t| vec![Cell::new(*t), Cell::new("text")]).collect(),
            columns: 2,
            ..Default::default()
        }
    }

    /// The Planning Inspector's schedule of main modifications runs MM3, MM4, MM5 on one page and
    /// MM6 on the next, its columns sized afresh: the key carries the table on; a key that starts
    /// again, or another series, does not.
    #[test]
    fn a_row_key_carrying_on_the_sequence_above_continues_the_table() {
        let above = grid(&["MM3", "MM4", "MM5", ""]);
        assert!(continues_sequence(&above, &grid(&["MM6", ""])));
        assert!(!continues_sequence(&above, &grid(&["MM1", ""])));
        assert!(!continues_sequence(&above, &grid(&["AM6", ""])));
        assert!(!continues_sequence(&above, &grid(&["MM7", ""])));
        assert!(continues_sequence(&grid(&["3."]), &grid(&["4."])));
        assert!(!continues_sequence(&grid(&["2024"]), &grid(&["2025-26"])));
        assert!(!continues_sequence(&grid(&["£5"]), &grid(&["£6"])));
    }
}
