//! Header rows: how many leading rows of a grid are its header.
//!
//! Rows before the first row holding a number in a column other than the first are header rows
//! (at most [`TableSettings::max_header_rows`]); a table without numbers has as many header rows as
//! it has leading bold rows. A header cell spanning rows downwards pulls those rows into the header.
//! Year labels ("2016-17", "2025/26") are headings, not numbers.

use crate::model::{Cell, Grid};

use super::settings::TableSettings;

/// The number of header rows of a grid.
pub fn header_rows(grid: &Grid, s: &TableSettings) -> usize {
    let n = grid.rows.len();
    if n < 2 {
        return 0;
    }
    let max = s.max_header_rows.min(n - 1);
    let first_numeric = grid.rows.iter().position(|r| has_body_number(r));
    let mut h = match first_numeric {
        Some(mut k) => {
            // A section label just above the first figures ("MTFP Category") opens the body.
            while k > 0 && is_label_row(&grid.rows[k - 1]) {
                k -= 1;
            }
            if k <= max { k } else { leading_bold(grid).min(max) }
        }
        None => leading_bold(grid).min(max),
    };
    // A header cell spanning down brings the rows it covers.
    let mut k = 0;
    while k < h {
        for c in &grid.rows[k] {
            if !c.covered {
                h = h.max((k + c.row_span.max(1) as usize).min(max));
            }
        }
        k += 1;
    }
    h
}

/// Whether a row holds a figure in a column other than the first (a body row of figures).
pub fn has_body_number(row: &[Cell]) -> bool {
    row.iter().skip(1).any(|c| !c.covered && is_number(&c.text))
}

/// Whether a row states an amount of money among its words ("£2.47m with £650k recovered ..."):
/// a body row, whatever its style (headings name a unit, "£'000", not an amount).
pub fn states_amount(row: &[Cell]) -> bool {
    row.iter().filter(|c| !c.covered).any(|c| {
        c.text.split_whitespace().any(|w| {
            let w = w.trim_end_matches(['.', ',', ';', ':', ')']);
            w.starts_with(['£', '$', '€'])
                && w.chars().any(|ch| ch.is_ascii_digit())
                && is_number(w)
        })
    })
}

fn leading_bold(grid: &Grid) -> usize {
    grid.rows.iter().take_while(|r| is_bold_row(r)).count()
}

/// A row whose only text is in its first cell (a section label).
pub fn is_label_row(row: &[Cell]) -> bool {
    let filled: Vec<usize> = row
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.covered && !c.text.trim().is_empty())
        .map(|(i, _)| i)
        .collect();
    filled == [0]
}

/// A row whose filled cells are all bold (at least one).
pub fn is_bold_row(row: &[Cell]) -> bool {
    let mut any = false;
    for c in row {
        if c.covered || c.text.trim().is_empty() {
            continue;
        }
        if !c.bold {
            return false;
        }
        any = true;
    }
    any
}

/// True for amounts, counts and percentages ("1,234.5", "(12.0)", "-0.2", "£3.7m", "45%", "-"
/// excluded) but not years or year ranges.
pub fn is_number(text: &str) -> bool {
    // The text without its whitespace: digits and the signs of an amount only, with a digit.
    let (mut digit, mut space) = (false, false);
    for c in text.chars() {
        match c {
            '0'..='9' => digit = true,
            ',' | '.' | '(' | ')' | '+' | '-' | '−' | '–' | '£' | '$' | '€' | '%' | 'k' | 'm'
            | '\'' => {}
            c if c.is_whitespace() => space = true,
            _ => return false,
        }
    }
    if !digit {
        return false;
    }
    // A column heading that prints a year with its unit ("2016-17 £'000", "£000's") is a label.
    if text.split_whitespace().any(|w| is_year_label(w) || is_thousands_unit(w)) {
        return false;
    }
    if space {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        !is_year_label(&t)
    } else {
        !is_year_label(text)
    }
}

/// "£'000", "£000's", "'000", "£000": the unit of a money column, not an amount.
fn is_thousands_unit(t: &str) -> bool {
    let core = t.trim_start_matches('£').trim_end_matches("'s").trim_end_matches('s');
    matches!(core, "'000" | "000'" | "'000'" | "000") && (t.starts_with('£') || t.contains('\''))
}

fn is_year_label(t: &str) -> bool {
    let b = t.as_bytes();
    // 1900-2099: "1172" referrals is a count, not a year.
    let year = |s: &[u8]| {
        s.len() == 4
            && s.iter().all(u8::is_ascii_digit)
            && (s.starts_with(b"19") || s.starts_with(b"20"))
    };
    if year(b) {
        return true;
    }
    // 2016-17, 2016/17, 2016-2017
    if b.len() >= 7 && year(&b[..4]) && (b[4] == b'-' || b[4] == b'/') {
        let rest = &b[5..];
        return (rest.len() == 2 || rest.len() == 4) && rest.iter().all(u8::is_ascii_digit);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            columns: rows[0].len(),
            rows: rows.iter().map(|r| r.iter().map(|t| Cell::new(*t)).collect()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn amounts_among_words() {
        let g = grid(&[
            &["Adult Skills Budget", "SFA", "£2.47m with £650k recovered from learners"],
            &["Funding Stream", "Agency", "Contract Value 16-17 £'000"],
        ]);
        assert!(states_amount(&g.rows[0]));
        assert!(!states_amount(&g.rows[1]));
    }

    #[test]
    fn numbers_and_years() {
        assert!(is_number("+1,619.8"));
        assert!(is_number("(12.0)"));
        assert!(is_number("£3.7m"));
        assert!(!is_number("2016-17"));
        assert!(!is_number("2017"));
        assert!(!is_number("-"));
        assert!(!is_number("Budget £'000"));
        assert!(!is_number("2016-17 £'000"));
        assert!(!is_number("£000's"));
        assert!(!is_number("£'000"));
        assert!(!is_number("£000"));
        assert!(is_number("£0"));
        assert!(is_number("1172"), "a count outside 1900-2099 is not a year");
        assert!(!is_number("1999"));
    }

    #[test]
    fn two_header_rows_before_numbers() {
        let g = grid(&[
            &["Directorate", "Variance £'000", "Roll forwards", ""],
            &["", "", "Committed £'000", "TOTAL"],
            &["Education", "-705.3", "+42.0", "+1,761.1"],
        ]);
        assert_eq!(header_rows(&g, &TableSettings::default()), 2);
    }

    #[test]
    fn no_numbers_no_bold_no_header() {
        let g = grid(&[&["REASON", ""], &["1.", "In order that"]]);
        assert_eq!(header_rows(&g, &TableSettings::default()), 0);
    }
}
