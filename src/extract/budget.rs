//! Budget and finance tables: column roles, units and scale, row levels, exact values.
//!
//! The reader finds the label column (the leftmost column that holds most of the row text), the
//! header rows (leading rows with no numbers), then names each column from its header cells,
//! spreading merged group headers ("Roll forwards", "Cash Limit") over the columns below them.
//! Row levels come from the labels ("Sub Total", "TOTAL", "Totals"), from position (an unlabelled
//! row of values closing a block) and from rows with a label but no values (section headings).

use std::sync::LazyLock;

use grammars::amount::Amount;
use regex::Regex;

use super::text::{self, Context};
use crate::model::records::{BudgetColumn, BudgetRow, BudgetTable, ColumnRole, RowLevel};
use crate::model::{Cell, Grid, Location};

/// Reads a grid classified as a budget table.
pub fn budget_table(g: &Grid, ctx: &Context) -> Option<BudgetTable> {
    let ncols = g.rows.iter().map(|r| r.len()).max().unwrap_or(0);
    if ncols < 2 || g.rows.is_empty() {
        return None;
    }
    let cells = Cells::read(g);
    let label_col = label_column(&cells, ncols);
    let h = header_rows(&cells, ncols, label_col);
    let mut columns = read_columns(&cells, ncols, label_col, h);
    let caption = g.caption.clone().or_else(|| caption_above(g, ctx));
    let table_unit = spread_unit(&cells, ctx, caption.as_deref(), &mut columns, (label_col, h));
    let rows = read_rows(&cells, &columns, label_col, h);
    if rows.is_empty() {
        return None;
    }
    let section = ctx
        .before(g, 40)
        .into_iter()
        .map(|t| text::clean(t).into_owned())
        .find(|t| t.to_lowercase().starts_with("appendix") && t.len() < 200);
    Some(BudgetTable {
        table: g.id.clone(),
        caption,
        section,
        unit: table_unit.map(|u| u.0),
        columns,
        rows,
        location: table_location(g),
    })
}

/// A grid's cells as the reader takes them, each cleaned and parsed once: cleaned text (empty
/// where the grid has no cell), the amount it reads as, and whether it is a number.
struct Cells<'a> {
    grid: &'a Grid,
    rows: Vec<Vec<CellRead>>,
}

struct CellRead {
    text: String,
    /// None for an empty cell.
    amount: Option<Amount>,
    /// A number ([`text::number`]): not a period label such as "2016-17".
    num: bool,
}

impl<'a> Cells<'a> {
    fn read(grid: &'a Grid) -> Cells<'a> {
        let rows = grid
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| {
                        let text = text::clean(&cell.text).into_owned();
                        let amount = (!text.is_empty()).then(|| text::amount(&text));
                        let num = amount.as_ref().is_some_and(|a| a.value.is_some())
                            && !text::is_period(&text);
                        CellRead { text, amount, num }
                    })
                    .collect()
            })
            .collect();
        Cells { grid, rows }
    }

    fn get(&self, r: usize, c: usize) -> Option<&CellRead> {
        self.rows.get(r).and_then(|row| row.get(c))
    }

    fn text(&self, r: usize, c: usize) -> &str {
        self.get(r, c).map_or("", |x| x.text.as_str())
    }

    fn amount(&self, r: usize, c: usize) -> Option<&Amount> {
        self.get(r, c).and_then(|x| x.amount.as_ref())
    }

    fn is_num(&self, r: usize, c: usize) -> bool {
        self.get(r, c).is_some_and(|x| x.num)
    }
}

/// Text columns: body cells (below the `h` header rows) mostly words.
fn text_columns(cells: &Cells, ncols: usize, label_col: usize, h: usize) -> Vec<bool> {
    let mut text_col = vec![false; ncols];
    for (c, slot) in text_col.iter_mut().enumerate() {
        if c == label_col {
            continue;
        }
        let (mut words, mut nums) = (0, 0);
        for r in h..cells.rows.len() {
            let t = cells.text(r, c);
            if t.is_empty() || text::is_nil(t) || text::is_unit_only(t) {
                continue;
            }
            if cells.is_num(r, c) { nums += 1 } else { words += 1 }
        }
        *slot = words > nums && words >= 2;
    }
    text_col
}

/// Every column named from its header cells (the `h` header rows), with its role, unit, scale and
/// period.
fn read_columns(cells: &Cells, ncols: usize, label_col: usize, h: usize) -> Vec<BudgetColumn> {
    // Header texts per row and column.
    let hdr: Vec<Vec<String>> =
        (0..h).map(|r| (0..ncols).map(|c| cells.text(r, c).to_string()).collect()).collect();
    let groups = group_labels(&hdr, ncols, label_col);
    let text_col = text_columns(cells, ncols, label_col, h);
    (0..ncols)
        .map(|c| {
            let own: Vec<&str> =
                hdr.iter().map(|row| row[c].as_str()).filter(|t| !t.is_empty()).collect();
            let role = if c == label_col {
                Some(ColumnRole::Label)
            } else if text_col[c] {
                Some(ColumnRole::Text)
            } else {
                None
            };
            read_column(c, &own, groups[c].clone(), role)
        })
        .collect()
}

/// Column `c` from its own header texts `own` under its `group` header; `role` when the column's
/// place or body already says it (the label column, a text column).
fn read_column(
    c: usize,
    own: &[&str],
    group: Option<String>,
    role: Option<ColumnRole>,
) -> BudgetColumn {
    let mut parts: Vec<String> = Vec::new();
    if let Some(gr) = &group {
        parts.push(gr.clone());
    }
    let in_group =
        |t: &str| group.as_deref().is_some_and(|g| g == t || g.split(" / ").any(|p| p == t));
    for t in own {
        if !in_group(t) {
            parts.push((*t).to_string());
        }
    }
    let header = parts.join(" / ");
    let leaf: String = own.iter().filter(|t| !in_group(t)).copied().collect::<Vec<_>>().join(" ");
    let (role, qualifier) = match role {
        Some(r) => (r, None),
        None => column_role(&leaf, group.as_deref()),
    };
    let (unit, scale) = match text::money_unit(&header) {
        Some((u, s)) => (Some(u), Some(s)),
        None if role != ColumnRole::Text
            && (header.contains('%') || role == ColumnRole::Percentage) =>
        {
            (Some("%".to_string()), None)
        }
        None => (None, None),
    };
    let period = text::period_in(&header);
    BudgetColumn { index: c, header, role, unit, period, group, qualifier, scale }
}

/// The table's unit, given to the value columns that print none: one declared for the whole
/// table (in the label header, the caption or the text just above) applies to every value column;
/// otherwise the most common column unit applies to the money columns that print none.
/// `(label_col, h)`: the label column and the number of header rows.
fn spread_unit(
    cells: &Cells,
    ctx: &Context,
    caption: Option<&str>,
    columns: &mut [BudgetColumn],
    (label_col, h): (usize, usize),
) -> Option<(String, u32)> {
    let g = cells.grid;
    let declared = {
        let label_header = &columns[label_col].header;
        let above = ctx.before(g, 2).join(" ");
        text::money_unit(label_header)
            .or_else(|| caption.and_then(text::money_unit))
            .or_else(|| text::money_unit(&above))
    };
    let common = most_common_unit(columns);
    let cell_pounds = || {
        let pounds =
            cells.rows.iter().skip(h).flatten().filter_map(|c| c.amount.as_ref()).any(|a| {
                a.value.is_some() && a.currency.as_deref() == Some("£") && a.scale.is_none()
            });
        pounds.then(|| ("£".to_string(), 0))
    };
    let table_unit = common.clone().or_else(|| declared.clone()).or_else(cell_pounds);
    for col in columns.iter_mut() {
        if col.unit.is_some() {
            continue;
        }
        let value_role = !matches!(
            col.role,
            ColumnRole::Label | ColumnRole::Text | ColumnRole::Reference | ColumnRole::Percentage
        );
        let money_role = value_role && !matches!(col.role, ColumnRole::Other | ColumnRole::Period);
        let inherit = match (&common, &declared) {
            (None, Some(u)) if value_role => Some(u.clone()),
            (Some(u), _) if money_role => Some(u.clone()),
            (None, None) if value_role => table_unit.clone(),
            _ => None,
        };
        if let Some((u, sc)) = inherit {
            col.unit = Some(u);
            col.scale = Some(sc);
        }
    }
    table_unit
}

/// The body rows (below the `h` header rows) with text: label, level, exact values and style.
fn read_rows(
    cells: &Cells,
    columns: &[BudgetColumn],
    label_col: usize,
    h: usize,
) -> Vec<BudgetRow> {
    let g = cells.grid;
    let ncols = columns.len();
    let value_col = |c: usize| {
        c != label_col
            && !matches!(
                columns[c].role,
                ColumnRole::Text | ColumnRole::Reference | ColumnRole::Label
            )
    };
    let body: Vec<usize> = (h..g.rows.len()).collect();
    let mut rows: Vec<BudgetRow> = Vec::new();
    for (k, &r) in body.iter().enumerate() {
        let Some(row) = g.rows.get(r) else { continue };
        if row.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        let label = row_label(cells, r, ncols, label_col);
        let values: Vec<_> = (0..ncols)
            .map(|c| {
                if c == label_col {
                    return None;
                }
                cells.amount(r, c).cloned()
            })
            .collect();
        let has_values = values
            .iter()
            .enumerate()
            .any(|(c, v)| value_col(c) && v.as_ref().is_some_and(|a| a.value.is_some() || a.nil));
        let styled = |f: fn(&Cell) -> bool| -> bool {
            let cells: Vec<&Cell> = row.iter().filter(|c| !c.text.trim().is_empty()).collect();
            !cells.is_empty() && cells.iter().all(|c| f(c))
        };
        let bold = styled(|c| c.bold) || row.get(label_col).is_some_and(|c| c.bold);
        let italic = styled(|c| c.italic) || row.get(label_col).is_some_and(|c| c.italic);
        let next_is_block_end = body.get(k + 1).is_none_or(|&n| {
            let nrow_has_values = (0..ncols).any(|c| value_col(c) && cells.is_num(n, c));
            !nrow_has_values
        });
        let level = row_level(&label, has_values, next_is_block_end);
        let location = g.row_locations.get(r).cloned().unwrap_or_else(|| g.location.clone());
        rows.push(BudgetRow { index: r, label, level, values, bold, italic, location });
    }
    rows
}

/// Row `r`'s label: the label column's text (a page footer is none), or a heading printed in
/// another column ("Funded By:" left of the label column) when the row has no numbers.
fn row_label(cells: &Cells, r: usize, ncols: usize, label_col: usize) -> String {
    let mut label = cells.text(r, label_col).to_string();
    if text::is_page_footer(&label) {
        label.clear();
    }
    if label.is_empty() {
        let only_text = (0..ncols).filter(|&c| c != label_col).all(|c| !cells.is_num(r, c));
        if only_text {
            label = (0..ncols)
                .map(|c| cells.text(r, c))
                .find(|t| !t.is_empty() && !text::is_page_footer(t))
                .unwrap_or_default()
                .to_string();
        }
    }
    label
}

fn table_location(g: &Grid) -> Location {
    g.row_locations.iter().fold(g.location.clone(), |acc, l| acc.merge(l))
}

/// The caption printed just above a table: "Table 1a: …", "Appendix 4.1: …" or a short line.
fn caption_above(g: &Grid, ctx: &Context) -> Option<String> {
    let before = ctx.before(g, 1);
    let raw = before.first()?;
    if raw.contains('\t') {
        return None;
    }
    let line = text::clean(raw);
    if line.is_empty() || line.chars().count() > 200 {
        return None;
    }
    Some(line.into_owned())
}

fn most_common_unit(cols: &[BudgetColumn]) -> Option<(String, u32)> {
    let mut counts: Vec<(String, u32, usize)> = Vec::new();
    for c in cols.iter().filter(|c| c.role != ColumnRole::Label) {
        if let (Some(u), Some(s)) = (&c.unit, c.scale) {
            match counts.iter_mut().find(|(x, _, _)| x == u) {
                Some(e) => e.2 += 1,
                None => counts.push((u.clone(), s, 1)),
            }
        }
    }
    counts.into_iter().max_by_key(|e| e.2).map(|(u, s, _)| (u, s))
}

/// The column holding the row labels: the leftmost column with most of the words in rows that
/// carry numbers.
fn label_column(cells: &Cells, ncols: usize) -> usize {
    let mut words = vec![0usize; ncols];
    for row in &cells.rows {
        let has_num = row.iter().any(|c| c.num);
        if !has_num {
            continue;
        }
        for (c, cell) in row.iter().enumerate().take(ncols) {
            let t = cell.text.as_str();
            if t.is_empty()
                || text::is_nil(t)
                || text::is_unit_only(t)
                || text::is_page_footer(t)
                || cell.num
            {
                continue;
            }
            words[c] += 1;
        }
    }
    let max = words.iter().copied().max().unwrap_or(0);
    if max == 0 {
        return 0;
    }
    words.iter().position(|&w| w * 10 >= max * 6).unwrap_or(0)
}

/// Leading rows with no numbers are header rows, except trailing rows that hold only a label
/// (section headings such as "Budget Challenge").
fn header_rows(cells: &Cells, ncols: usize, label_col: usize) -> usize {
    let g = cells.grid;
    let mut h = 0;
    for r in 0..g.rows.len() {
        let nums = (0..ncols).filter(|&c| c != label_col).any(|c| cells.is_num(r, c));
        if nums {
            break;
        }
        h += 1;
    }
    if h >= g.rows.len() {
        return g.header_rows.min(g.rows.len());
    }
    // Give back trailing label-only rows to the body.
    while h > 1 {
        let row = &g.rows[h - 1];
        let only_label = (0..row.len()).all(|c| c == label_col || cells.text(h - 1, c).is_empty())
            && row.get(label_col).is_some_and(|x| !x.text.trim().is_empty());
        if only_label { h -= 1 } else { break }
    }
    h
}

/// Group labels spread over the columns they span. A header cell above other header cells is a
/// group label when its row has empty cells to its right that sit above header text; when the
/// lowest header row repeats a pattern ("Spend, Saving, Net" three times) each group label covers
/// the repetition it sits in, even when it is printed off-centre.
fn group_labels(hdr: &[Vec<String>], ncols: usize, label_col: usize) -> Vec<Option<String>> {
    let mut groups: Vec<Option<String>> = vec![None; ncols];
    if hdr.len() < 2 {
        return groups;
    }
    // The leaf row: the lowest header row with at least two non-unit labels.
    let leaf = (0..hdr.len()).rev().find(|&r| {
        hdr[r]
            .iter()
            .enumerate()
            .filter(|(c, t)| *c != label_col && !t.is_empty() && !text::is_unit_only(t))
            .count()
            >= 2
    });
    let Some(leaf) = leaf else { return groups };
    let blocks = repetition_blocks(&hdr[leaf], label_col);
    for (r, row) in hdr.iter().enumerate().take(leaf) {
        for c in 0..ncols {
            let t = &row[c];
            if t.is_empty() || c == label_col {
                continue;
            }
            let below_has = |col: usize| (r + 1..hdr.len()).any(|rr| !hdr[rr][col].is_empty());
            if let Some(b) = blocks.iter().find(|b| b.contains(&c)) {
                for &col in b {
                    set_group(&mut groups[col], t);
                }
                continue;
            }
            // Spread right over empty cells that have header text below.
            let mut end = c + 1;
            while end < ncols && row[end].is_empty() && end != label_col && below_has(end) {
                end += 1;
            }
            if end > c + 1 && below_has(c) {
                for g in groups.iter_mut().take(end).skip(c) {
                    set_group(g, t);
                }
            }
        }
    }
    groups
}

fn set_group(slot: &mut Option<String>, t: &str) {
    match slot {
        Some(s) if !s.split(" / ").any(|p| p == t) => {
            s.push_str(" / ");
            s.push_str(t);
        }
        Some(_) => {}
        None => *slot = Some(t.to_string()),
    }
}

/// Runs of columns whose labels repeat: `[A, B, C, A, B, C]` gives two blocks of three.
fn repetition_blocks(row: &[String], label_col: usize) -> Vec<Vec<usize>> {
    let cols: Vec<usize> = (0..row.len())
        .filter(|&c| c != label_col && !row[c].is_empty() && !text::is_unit_only(&row[c]))
        .collect();
    let key = |c: usize| {
        let t = row[c].to_lowercase();
        // Units and periods do not distinguish repeated labels.
        let t = text::money_unit(&t).map(|(u, _)| t.replace(&u.to_lowercase(), "")).unwrap_or(t);
        text::squash(&t).into_owned()
    };
    for width in 2..=cols.len() / 2 {
        if cols.len() % width != 0 {
            continue;
        }
        let first: Vec<String> = cols[..width].iter().map(|&c| key(c)).collect();
        let repeats =
            cols.chunks(width).all(|ch| ch.iter().map(|&c| key(c)).collect::<Vec<_>>() == first);
        // The repeated labels must differ among themselves (not "£m £m £m").
        let distinct = first.iter().collect::<std::collections::HashSet<_>>().len() == width;
        if repeats && distinct {
            return cols.chunks(width).map(|ch| ch.to_vec()).collect();
        }
    }
    Vec::new()
}

fn has_word(s: &str, w: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric() && c != '-').any(|x| x == w)
}

/// The role a header's words give, if any.
pub fn keyword_role(s: &str) -> Option<ColumnRole> {
    let l = s.to_lowercase().replace('’', "'");
    let r = if l.contains("revised variance") {
        ColumnRole::RevisedVariance
    } else if l.contains("per last")
        || (l.contains("last") && l.contains("report"))
        || l.contains("previously reported")
    {
        ColumnRole::VarianceLastReported
    } else if l.contains("movement") {
        ColumnRole::Movement
    } else if l.contains("committed") {
        ColumnRole::RollForwardCommitted
    } else if l.contains("re-phased") || l.contains("rephased") {
        ColumnRole::RollForwardRephased
    } else if has_word(&l, "bids") {
        ColumnRole::RollForwardBids
    } else if has_word(&l, "real") {
        ColumnRole::RealVariance
    } else if l.contains("re-phasing") || l.contains("rephasing") {
        ColumnRole::RephasingVariance
    } else if l.contains("variance") {
        ColumnRole::Variance
    } else if l.contains("forecast")
        || l.contains("outturn")
        || has_word(&l, "actual")
        || l.contains("spend to date")
        || l.contains("years spend")
        || l.contains("spent")
    {
        ColumnRole::Forecast
    } else if l.contains("cash limit") || l.contains("budget") {
        ColumnRole::Budget
    } else if l.contains("remaining") {
        ColumnRole::Remaining
    } else if has_word(&l, "gross") || has_word(&l, "spend") || has_word(&l, "expenditure") {
        ColumnRole::Gross
    } else if has_word(&l, "income") {
        ColumnRole::Income
    } else if l.contains("saving") {
        ColumnRole::Saving
    } else if has_word(&l, "net") {
        ColumnRole::Net
    } else if has_word(&l, "total") || has_word(&l, "totals") {
        ColumnRole::Total
    } else if l.contains('%') || l.contains("percent") || has_word(&l, "rate") {
        ColumnRole::Percentage
    } else if has_word(&l, "ref") || l.contains("paragraph") || has_word(&l, "para") {
        ColumnRole::Reference
    } else if text::period_in(&l).is_some() || text::is_period(&l) || l.contains("future year") {
        ColumnRole::Period
    } else {
        return None;
    };
    Some(r)
}

/// Role and qualifier of a value column from its own header words and its group's.
pub fn column_role(leaf: &str, group: Option<&str>) -> (ColumnRole, Option<ColumnRole>) {
    let leaf_role = keyword_role(leaf);
    let group_role = group.and_then(keyword_role);
    let in_roll_forward = group.is_some_and(|g| {
        let g = g.to_lowercase();
        g.contains("roll forward") || g.contains("roll-forward")
    });
    if in_roll_forward {
        let role = match leaf_role {
            Some(ColumnRole::Total) => ColumnRole::RollForwardTotal,
            Some(
                r @ (ColumnRole::RollForwardCommitted
                | ColumnRole::RollForwardRephased
                | ColumnRole::RollForwardBids),
            ) => r,
            _ => ColumnRole::Other,
        };
        return (role, None);
    }
    let component = |r: ColumnRole| {
        matches!(
            r,
            ColumnRole::Gross
                | ColumnRole::Income
                | ColumnRole::Net
                | ColumnRole::RealVariance
                | ColumnRole::RephasingVariance
        )
    };
    let measure = |r: ColumnRole| {
        matches!(
            r,
            ColumnRole::Budget
                | ColumnRole::Forecast
                | ColumnRole::Variance
                | ColumnRole::VarianceLastReported
                | ColumnRole::Movement
                | ColumnRole::RevisedVariance
                | ColumnRole::Remaining
        )
    };
    match (group_role, leaf_role) {
        (Some(g), Some(l)) if component(l) && measure(g) => (g, Some(l)),
        (_, Some(l)) if l != ColumnRole::Period => (l, None),
        (Some(g), Some(ColumnRole::Period)) if measure(g) => (g, None),
        (_, Some(l)) => (l, None),
        (Some(g), None) if !leaf.is_empty() && !text::is_unit_only(leaf) => {
            // The leaf names something the group does not ("Core £000s" under "2024-25").
            if g == ColumnRole::Period { (ColumnRole::Other, None) } else { (g, None) }
        }
        (Some(g), None) => (g, None),
        (None, None) => (ColumnRole::Other, None),
    }
}

static SUBTOTAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bsub[\s-]?totals?\b").expect("static regex"));
static TOTAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\btotals?\b").expect("static regex"));

/// A row's level from its label, whether it carries values, and whether it closes a block.
pub fn row_level(label: &str, has_values: bool, closes_block: bool) -> RowLevel {
    if !has_values {
        return RowLevel::Section;
    }
    if SUBTOTAL.is_match(label) {
        return RowLevel::Subtotal;
    }
    if TOTAL.is_match(label) && !label.to_lowercase().contains("total return") {
        return RowLevel::Total;
    }
    if label.trim().is_empty() {
        return if closes_block { RowLevel::Total } else { RowLevel::Subtotal };
    }
    RowLevel::Line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_from_headers() {
        assert_eq!(column_role("Net Variance £'000", None).0, ColumnRole::Variance);
        assert_eq!(
            column_role("Variance per last Cabinet report £'000", None).0,
            ColumnRole::VarianceLastReported
        );
        assert_eq!(column_role("Provisional Outturn £'000", None).0, ColumnRole::Forecast);
        assert_eq!(column_role("Budget £'000", None).0, ColumnRole::Budget);
        assert_eq!(
            column_role("Committed £'000", Some("Roll forwards")).0,
            ColumnRole::RollForwardCommitted
        );
        assert_eq!(column_role("TOTAL", Some("Roll forwards")).0, ColumnRole::RollForwardTotal);
        assert_eq!(
            column_role("Real £m", Some("Last reported position")),
            (ColumnRole::VarianceLastReported, Some(ColumnRole::RealVariance))
        );
        assert_eq!(
            column_role("Gross £m", Some("Cash Limit")),
            (ColumnRole::Budget, Some(ColumnRole::Gross))
        );
        assert_eq!(column_role("Re-phasing variance £m", None).0, ColumnRole::RephasingVariance);
        assert_eq!(column_role("2016-17 £'000", None).0, ColumnRole::Period);
        assert_eq!(column_role("Total £'000", None).0, ColumnRole::Total);
    }

    #[test]
    fn levels_from_labels() {
        assert_eq!(row_level("Sub Total SCH&W", true, false), RowLevel::Subtotal);
        assert_eq!(row_level("TOTAL (excl Schools)", true, false), RowLevel::Total);
        assert_eq!(row_level("Totals", true, false), RowLevel::Total);
        assert_eq!(row_level("Budget Challenge", false, false), RowLevel::Section);
        assert_eq!(row_level("", true, true), RowLevel::Total);
        assert_eq!(row_level("Pay", true, false), RowLevel::Line);
    }

    #[test]
    fn repeated_header_blocks() {
        let row: Vec<String> =
            ["Draft", "Spend £m", "Saving £m", "Net £m", "Spend £m", "Saving £m", "Net £m"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        assert_eq!(repetition_blocks(&row, 0), vec![vec![1, 2, 3], vec![4, 5, 6]]);
    }
}
