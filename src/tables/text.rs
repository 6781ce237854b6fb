//! Table grids of text renderings: TAB-separated rows and markdown pipe tables.
//!
//! A grid is built from a block the reader kept ([`TextTable`]: consecutive rows already split
//! into cells, markup removed).
//! Header rows are the leading rows before the first data row (numbers) that look like headers
//! (short cells, no row that only labels a section); merged header cells, printed as a label
//! followed by empty cells, become column spans over the cells filled in the header row below.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Cell, Grid, Layout, Location, TextRow, TextTable};

use super::header;

static HEADER_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^((19|20)\d{2}([-/–](\d{2}|\d{4}))?|[a-z]{3,9}[- ]\d{2}|q[1-4]( \d{2}-\d{2})?|£'?0{3}'?s?|£m|%)$",
    )
    .expect("valid regex")
});

/// A number as printed in a table cell: `1,234.5`, `-0.2`, `+953`, `£-27.8`, `(12)`, `45%`,
/// `28*`, and nil marks (`-`, `–`, `_`). Years and period labels are not numbers.
///
/// Not the same rule as [`header::is_number`], which PDF grids use: here a nil mark counts as a
/// figure and period labels such as `Mar-17` or `Q3` do not, as the text packs print them.
pub fn is_numberish(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() {
        return false;
    }
    if matches!(t, "-" | "–" | "_" | "—") {
        return true;
    }
    if HEADER_TOKEN.is_match(t) {
        return false;
    }
    let core: String = t
        .chars()
        .filter(|c| {
            !matches!(c, '£' | '$' | '€' | '+' | '-' | '–' | '(' | ')' | '%' | '*' | ',' | ' ')
        })
        .collect();
    let core = core.strip_suffix("bn").or_else(|| core.strip_suffix(['m', 'k'])).unwrap_or(&core);
    !core.is_empty()
        && core.chars().any(|c| c.is_ascii_digit())
        && core.chars().all(|c| c.is_ascii_digit() || c == '.')
        && core.matches('.').count() <= 1
}

fn is_data_row(row: &[Cell]) -> bool {
    let rest: Vec<&Cell> = row.iter().skip(1).filter(|c| !c.text.trim().is_empty()).collect();
    let nums = rest.iter().filter(|c| is_numberish(&c.text)).count();
    nums >= 1 && nums * 2 >= rest.len()
}

fn is_header_like(row: &[Cell]) -> bool {
    row.iter().all(|c| c.text.chars().count() <= 80)
}

/// How many leading rows of a block's cells are header rows: the rows above the first row of
/// figures that look like headings (at most four, up to a row that only labels a section), or, in
/// a table without figures, a first row of two or more bold or short labels.
fn header_rows(rows: &[Vec<Cell>]) -> usize {
    if rows.len() < 2 {
        return 0;
    }
    match rows.iter().position(|r| is_data_row(r)) {
        Some(0) => 0,
        Some(k) => {
            let mut h = 0;
            while h < k.min(4)
                && is_header_like(&rows[h])
                && !(h > 0 && header::is_label_row(&rows[h]))
            {
                h += 1;
            }
            h
        }
        None => {
            let first = &rows[0];
            let filled: Vec<&Cell> = first.iter().filter(|c| !c.text.trim().is_empty()).collect();
            let short = filled.iter().all(|c| c.text.chars().count() <= 40);
            let bold = header::is_bold_row(first);
            usize::from(filled.len() >= 2 && (bold || short) && rows.len() >= 3)
        }
    }
}

/// The grids of a text rendering, one per block the reader kept, in source order.
pub fn grids(layout: &Layout) -> Vec<Grid> {
    layout.pages.iter().flat_map(|p| p.text_tables.iter().map(grid)).collect()
}

/// The grid of one block: id `t<first source line>`; header rows those the rendering marks (above
/// a markdown separator row), else as [`header_rows`] finds them.
pub fn grid(table: &TextTable) -> Grid {
    let id = format!("t{}", table.location.line.unwrap_or(0));
    let mut g =
        build(id, &table.method, table.rows.clone(), table.caption.clone(), table.location.clone());
    if let Some(h) = table.marked_header_rows {
        g.header_rows = h;
    }
    g
}

/// Builds a grid from a block of rows. `caption` is a title seen just above the block.
fn build(
    id: String,
    method: &str,
    rows: Vec<TextRow>,
    caption: Option<String>,
    block: Location,
) -> Grid {
    let columns = rows
        .iter()
        .map(|r| r.cells.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1))
        .max()
        .unwrap_or(0)
        .max(1);
    let caption = caption.or_else(|| {
        let first = rows.first()?.cells.first()?;
        first.text.trim_start().starts_with("Table ").then(|| first.text.trim().to_string())
    });
    let row_locations = rows.iter().map(|r| Location::lines(r.line, r.line)).collect();
    let mut grid_rows: Vec<Vec<Cell>> = rows
        .into_iter()
        .map(|r| {
            let mut cells: Vec<Cell> = r
                .cells
                .into_iter()
                .take(columns)
                .map(|c| Cell { bold: c.bold, italic: c.italic, ..Cell::new(c.text) })
                .collect();
            cells.resize_with(columns, || Cell::new(""));
            cells
        })
        .collect();
    let header_rows = header_rows(&grid_rows);
    span_headers(&mut grid_rows, header_rows);
    Grid {
        id,
        rows: grid_rows,
        columns,
        header_rows,
        method: method.to_string(),
        location: block,
        row_locations,
        caption,
        continued_from: Vec::new(),
    }
}

/// Merged header cells: a label followed by empty cells spans the columns filled in the header
/// rows below it; a label with nothing below it spans the remaining header rows.
fn span_headers(rows: &mut [Vec<Cell>], header_rows: usize) {
    if header_rows < 2 {
        return;
    }
    let columns = rows.first().map_or(0, Vec::len);
    for r in 0..header_rows - 1 {
        let mut c = 0;
        while c < columns {
            if rows[r][c].text.is_empty() || rows[r][c].covered {
                c += 1;
                continue;
            }
            let below_filled = |rows: &[Vec<Cell>], col: usize| {
                (r + 1..header_rows).any(|rr| !rows[rr][col].text.is_empty())
            };
            let mut end = c + 1;
            while end < columns && rows[r][end].text.is_empty() && below_filled(rows, end) {
                end += 1;
            }
            if end - c > 1 && below_filled(rows, c) {
                rows[r][c].col_span = (end - c) as u32;
                for cell in &mut rows[r][c + 1..end] {
                    cell.covered = true;
                }
            } else if end == c + 1 && !below_filled(rows, c) {
                rows[r][c].row_span = (header_rows - r) as u32;
                for row in rows.iter_mut().take(header_rows).skip(r + 1) {
                    row[c].covered = true;
                }
            }
            c = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TextCell;

    fn row(line: u32, s: &str) -> TextRow {
        TextRow {
            line,
            cells: s
                .split('\t')
                .map(|t| TextCell { text: t.to_string(), ..TextCell::default() })
                .collect(),
        }
    }

    #[test]
    fn numbers() {
        for s in [
            "1,234.5", "-0.2", "+953", "£-27.8", "-£0.0", "45%", "28*", "-", "(12)", "£3.3m",
            "0.000",
        ] {
            assert!(is_numberish(s), "{s}");
        }
        for s in ["2016-17", "Mar-17", "£'000", "£m", "Total", "2018-19", "Q3", ""] {
            assert!(!is_numberish(s), "{s}");
        }
    }

    #[test]
    fn merged_two_line_header() {
        let rows = vec![
            row(266, "Directorate\tVariance £'000\tRoll forwards\t\t\t\tRevised Variance £'000"),
            row(267, "\t\tCommitted £'000\tRe-phased £'000\tBids £'000\tTOTAL\t"),
            row(268, "Education\t4,498.7\t+1.0\t+2.0\t+3.0\t+6.0\t-1.0"),
        ];
        let g = build("t266".into(), "tabs", rows, None, Location::lines(266, 268));
        assert_eq!(g.header_rows, 2);
        assert_eq!(g.columns, 7);
        assert_eq!(g.rows[0][2].col_span, 4);
        assert!(g.rows[0][3].covered && g.rows[0][5].covered);
        assert_eq!(g.rows[0][0].row_span, 2);
        assert!(g.rows[1][0].covered);
        assert_eq!(g.text(2, 1), "4,498.7");
    }

    #[test]
    fn four_line_header_stops_at_section_row() {
        let rows = vec![
            row(298, "Table 1\t\tLatest Update\t\tPreviously\t"),
            row(299, "\t\t\tPublished MTFP\t\t"),
            row(300, "\t2018-19\t2019-20\t2018-19\t2019-20\t"),
            row(301, "\t£m\t£m\t£m\t£m\t"),
            row(302, "Budget Challenge\t\t\t\t\t"),
            row(305, "Other Grants\t17.5\t0.4\t4.8\t-11.7\t"),
        ];
        let g = build("t298".into(), "tabs", rows, None, Location::lines(298, 305));
        assert_eq!(g.header_rows, 4);
        assert_eq!(g.columns, 5);
        assert_eq!(g.caption.as_deref(), Some("Table 1"));
    }
}
