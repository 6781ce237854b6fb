//! A numeric view of one table, built from a typed budget table or from a generic table's cells,
//! so that the arithmetic rules run on either.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::At;
use super::tolerance::Num;
use crate::extract::squash;
use crate::model::records::{BudgetTable, ColumnRole, GenericTable, RowLevel};
use crate::model::{Evidence, Location};
use grammars::amount::Amount;

/// How a row takes part in sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A heading with no values.
    Section,
    Line,
    /// Labelled as a subtotal ("Sub Total ...", or typed so).
    Subtotal,
    /// Labelled as a total ("Total", "TOTALS", "Kent Total", or typed so).
    Total,
    /// No label but values, after other rows: possibly an unlabelled total.
    Unlabelled,
}

impl RowKind {
    pub fn is_total(self) -> bool {
        matches!(self, RowKind::Subtotal | RowKind::Total)
    }
}

/// One cell of a numeric column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VCell {
    pub num: Option<Num>,
    /// Printed empty (as opposed to a nil mark such as `-`).
    pub blank: bool,
}

impl VCell {
    pub const BLANK: VCell = VCell { num: None, blank: true };
}

#[derive(Debug, Clone)]
pub struct VColumn {
    /// Column position in the source table.
    pub index: usize,
    pub header: String,
    pub role: Option<ColumnRole>,
    /// True when most body cells are numbers (and they are quantities, not identifiers).
    pub numeric: bool,
    /// True when the column's numbers identify rows (row references, codes, Excel row numbers,
    /// years, page numbers): they are never summed or differenced.
    pub identifier: bool,
}

#[derive(Debug, Clone)]
pub struct VRow {
    /// The row's index in its source: the budget row's `index`, or the grid row (header rows
    /// counted) of a generic table, as in the warehouse `budget_rows` and `cells` tables.
    pub index: u32,
    pub label: String,
    pub kind: RowKind,
    /// One per column of the view.
    pub cells: Vec<VCell>,
    /// Multiplier stated in the label ("(each) x 7").
    pub multiplier: Option<Decimal>,
    /// Every cell's text as printed (markup removed), one per column: headers repeated or placed
    /// inside the body are read from here.
    pub texts: Vec<String>,
    pub location: Location,
}

impl VRow {
    pub fn has_values(&self) -> bool {
        self.cells.iter().any(|c| c.num.is_some_and(|n| !c.blank || !n.is_zero()))
    }
}

#[derive(Debug, Clone)]
pub struct View {
    pub id: String,
    pub caption: Option<String>,
    pub section: Option<String>,
    pub unit: Option<String>,
    pub columns: Vec<VColumn>,
    pub rows: Vec<VRow>,
    pub location: Location,
    /// True when built from a typed budget table (column roles known).
    pub typed: bool,
}

impl View {
    /// Where a finding about row `r` of this table, in the column headed `column`, points.
    pub fn at(&self, r: &VRow, column: String, evidence: Option<Evidence>) -> At {
        At {
            location: r.location.clone(),
            table: Some(self.id.clone()),
            row: Some(r.label.clone()),
            column: Some(column),
            evidence,
            row_index: Some(r.index),
        }
    }

    /// Numeric column positions (indices into `columns`).
    pub fn numeric_columns(&self) -> Vec<usize> {
        (0..self.columns.len()).filter(|&c| self.columns[c].numeric).collect()
    }

    pub fn from_budget(t: &BudgetTable) -> View {
        let mut columns: Vec<VColumn> = t
            .columns
            .iter()
            .map(|c| VColumn {
                index: c.index,
                header: clean_label(&c.header),
                role: Some(c.role),
                numeric: !matches!(
                    c.role,
                    ColumnRole::Label | ColumnRole::Reference | ColumnRole::Text
                ),
                identifier: false,
            })
            .collect();
        let width = columns.len();
        let mut rows: Vec<VRow> = t
            .rows
            .iter()
            .map(|r| {
                let cells: Vec<VCell> = (0..width)
                    .map(|i| match r.values.get(i) {
                        Some(Some(a)) => cell_of(a),
                        _ => VCell::BLANK,
                    })
                    .collect();
                let label = clean_label(&r.label);
                let mut kind = match r.level {
                    RowLevel::Section => RowKind::Section,
                    RowLevel::Subtotal => RowKind::Subtotal,
                    RowLevel::Total => RowKind::Total,
                    RowLevel::Line => kind_of_label(&label),
                };
                if kind == RowKind::Section && cells.iter().any(|c| c.num.is_some() && !c.blank) {
                    kind = kind_of_label(&label);
                }
                let texts = (0..width)
                    .map(|i| match r.values.get(i) {
                        Some(Some(a)) => clean_label(&a.raw),
                        _ if i == 0 => label.clone(),
                        _ => String::new(),
                    })
                    .collect();
                VRow {
                    index: u32::try_from(r.index).unwrap_or(u32::MAX),
                    multiplier: multiplier_of(&label),
                    label,
                    kind,
                    cells,
                    texts,
                    location: r.location.clone(),
                }
            })
            .collect();
        for (ci, col) in columns.iter_mut().enumerate() {
            if col.numeric {
                col.numeric = mostly_numeric(&rows, ci);
            }
            if col.numeric && is_identifier(&col.header, &rows, ci) {
                col.numeric = false;
                col.identifier = true;
            }
        }
        for (ci, col) in columns.iter().enumerate() {
            if col.identifier {
                for r in &mut rows {
                    r.cells[ci] = VCell::BLANK;
                }
            }
        }
        View {
            id: t.table.clone(),
            caption: t.caption.clone(),
            section: t.section.clone(),
            unit: t.unit.clone(),
            columns,
            rows,
            location: t.location.clone(),
            typed: true,
        }
    }

    pub fn from_generic(t: &GenericTable) -> View {
        let width = t.rows.iter().map(Vec::len).max().unwrap_or(0);
        let header_rows = t.header_rows.min(t.rows.len());
        let body = &t.rows[header_rows..];
        let parsed: Vec<Vec<(Amount, bool)>> = body
            .iter()
            .map(|r| {
                (0..width)
                    .map(|i| {
                        let text = r.get(i).map(|c| c.text.as_str()).unwrap_or("");
                        (parse_amount(text), text.trim().is_empty())
                    })
                    .collect()
            })
            .collect();
        let mut numeric = vec![false; width];
        for (ci, flag) in numeric.iter_mut().enumerate() {
            let (mut num, mut text) = (0, 0);
            for r in &parsed {
                let (a, blank) = &r[ci];
                if *blank {
                    continue;
                }
                if a.value.is_some() || a.nil {
                    num += 1;
                } else {
                    text += 1;
                }
            }
            *flag = num > 0 && num >= text * 2;
        }
        let columns: Vec<VColumn> = (0..width)
            .map(|ci| VColumn {
                index: ci,
                header: clean_label(
                    &t.rows[..header_rows]
                        .iter()
                        .filter_map(|r| r.get(ci).map(|c| c.text.trim().to_string()))
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" / "),
                ),
                role: None,
                numeric: numeric[ci],
                identifier: false,
            })
            .collect();
        let mut rows = Vec::new();
        for (ri, r) in parsed.iter().enumerate() {
            let label = clean_label(
                &(0..width)
                    .filter(|&ci| !numeric[ci])
                    .filter_map(|ci| body[ri].get(ci).map(|c| c.text.trim().to_string()))
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            let cells: Vec<VCell> = (0..width)
                .map(|ci| {
                    if !numeric[ci] {
                        return VCell::BLANK;
                    }
                    let (a, blank) = &r[ci];
                    if *blank { VCell::BLANK } else { cell_of(a) }
                })
                .collect();
            let any_value = cells.iter().any(|c| c.num.is_some() && !c.blank);
            let kind = if !any_value {
                RowKind::Section
            } else if label.is_empty() {
                RowKind::Unlabelled
            } else {
                kind_of_label(&label)
            };
            let location = t
                .rows
                .get(header_rows + ri)
                .and_then(|_| row_location(t, header_rows + ri))
                .unwrap_or_else(|| t.location.clone());
            let texts = (0..width)
                .map(|ci| body[ri].get(ci).map(|c| clean_label(&c.text)).unwrap_or_default())
                .collect();
            rows.push(VRow {
                index: u32::try_from(header_rows + ri).unwrap_or(u32::MAX),
                multiplier: multiplier_of(&label),
                label,
                kind,
                cells,
                texts,
                location,
            });
        }
        // Identifier columns are found once the rows are read; their cells are dropped from the
        // arithmetic (the labels were built without them, as before).
        let mut columns = columns;
        for (ci, col) in columns.iter_mut().enumerate() {
            if col.numeric && is_identifier(&col.header, &rows, ci) {
                col.numeric = false;
                col.identifier = true;
                for r in &mut rows {
                    r.cells[ci] = VCell::BLANK;
                }
            }
        }
        for r in &mut rows {
            if r.kind != RowKind::Section && !r.cells.iter().any(|c| c.num.is_some() && !c.blank) {
                r.kind = RowKind::Section;
            }
        }
        View {
            id: t.table.clone(),
            caption: t.caption.clone(),
            section: None,
            unit: None,
            columns,
            rows,
            location: t.location.clone(),
            typed: false,
        }
    }
}

/// A generic table carries no per-row locations; for text renderings a table's rows are its
/// consecutive source lines (blank lines inside a table break it into two), so row `i` sits at
/// `line + i` when the line range covers every row.
fn row_location(t: &GenericTable, i: usize) -> Option<Location> {
    let first = t.location.line?;
    let last = t.location.line_end.unwrap_or(first);
    if (last - first + 1) as usize == t.rows.len() {
        let l = first + i as u32;
        Some(Location { line: Some(l), line_end: Some(l), ..t.location.clone() })
    } else {
        None
    }
}

/// Headers that name an identifier column outright.
const IDENTIFIER_HEADERS: &[&str] = &[
    "ref",
    "ref no",
    "reference",
    "row",
    "row ref",
    "row no",
    "no",
    "code",
    "id",
    "page",
    "page no",
    "year",
    "item",
    "line",
    "#",
];

/// True when a numeric column holds identifiers rather than quantities: every figure is a plain
/// whole number (no sign, separator, decimals or unit) and either the header names an identifier
/// ("Row Ref", "Code", "Year", "Page"), or the figures are years (1900-2100), or they count up
/// row by row, mostly by one and never by more than ten (row references and Excel row numbers,
/// some rows hidden: 7, 8, 9 … 15, where the "Total Finance" row carries 15).
pub fn is_identifier(header: &str, rows: &[VRow], ci: usize) -> bool {
    let mut values: Vec<i64> = Vec::new();
    for r in rows {
        let Some(cell) = r.cells.get(ci) else { continue };
        if cell.blank {
            continue;
        }
        let Some(n) = cell.num else { continue };
        let text = r.texts.get(ci).map(String::as_str).unwrap_or("").trim();
        if n.percent
            || n.decimals > 0
            || text.is_empty()
            || !text.bytes().all(|b| b.is_ascii_digit())
        {
            return false;
        }
        let Ok(v) = text.parse::<i64>() else { return false };
        values.push(v);
    }
    if values.is_empty() {
        return false;
    }
    let h: String = header
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '#' { c } else { ' ' })
        .collect();
    let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
    if IDENTIFIER_HEADERS.contains(&h.as_str()) || h.starts_with("row ref") {
        return true;
    }
    if values.len() >= 2 && values.iter().all(|v| (1900..=2100).contains(v)) {
        return true;
    }
    if values.len() < 3 {
        return false;
    }
    let steps: Vec<i64> = values.windows(2).map(|w| w[1] - w[0]).collect();
    steps.iter().all(|&d| (1..=10).contains(&d))
        && steps.iter().filter(|&&d| d == 1).count() * 2 >= steps.len()
}

fn mostly_numeric(rows: &[VRow], ci: usize) -> bool {
    let n = rows.iter().filter(|r| r.cells.get(ci).is_some_and(|c| c.num.is_some())).count();
    n > 0
}

fn cell_of(a: &Amount) -> VCell {
    let blank = a.raw.trim().is_empty();
    if blank {
        return VCell::BLANK;
    }
    VCell { num: Num::from_amount(a), blank: false }
}

/// Parses a cell's text as an amount.
pub fn parse_amount(text: &str) -> Amount {
    grammars::amount::parse(text)
}

/// A label without markup, bullets, leading dashes or footnote stars, spaces collapsed.
pub fn clean_label(s: &str) -> String {
    // Most labels have no tag, star or entity: they are only trimmed and squashed.
    let unmarked: Cow<str> = if memchr::memchr2(b'<', b'*', s.as_bytes()).is_none() {
        Cow::Borrowed(s)
    } else {
        let mut out = String::with_capacity(s.len());
        let mut in_tag = false;
        for c in s.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if in_tag => {}
                '*' => {}
                _ => out.push(c),
            }
        }
        Cow::Owned(out)
    };
    let out = if unmarked.contains("&amp;") {
        Cow::Owned(unmarked.replace("&amp;", "&"))
    } else {
        unmarked
    };
    let t = out.trim().trim_start_matches(['•', '-', '–', '▪', ' ']).trim();
    squash(t).into_owned()
}

/// A label normalised for comparison across tables: lower case, ASCII apostrophes and dashes,
/// punctuation dropped.
pub fn norm_label(s: &str) -> String {
    clean_label(s)
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            '–' | '—' => '-',
            c => c,
        })
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '&' | '-' | '\''))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Total or subtotal, from the words of a label.
pub fn kind_of_label(label: &str) -> RowKind {
    let l = norm_label(label);
    if l.is_empty() {
        return RowKind::Line;
    }
    let words: Vec<&str> = l.split(' ').collect();
    let first = words.first().copied().unwrap_or("");
    let last = words.last().copied().unwrap_or("");
    if l.starts_with("sub total") || l.starts_with("subtotal") || l.starts_with("sub-total") {
        return RowKind::Subtotal;
    }
    if l.contains(" sub total") || l.contains(" subtotal") || l.contains(" sub-total") {
        return RowKind::Subtotal;
    }
    if matches!(first, "total" | "totals" | "grand") && (first != "grand" || l.contains("total")) {
        return RowKind::Total;
    }
    if matches!(last, "total" | "totals") {
        return RowKind::Total;
    }
    RowKind::Line
}

/// True when the label is exactly "Total"/"Totals"/"Grand total" (nothing else printed).
pub fn is_plain_total(label: &str) -> bool {
    matches!(norm_label(label).as_str(), "total" | "totals" | "grand total")
}

/// The multiplier a label states for a per-unit row: "Kent CCGs (each) x 7" gives 7.
pub fn multiplier_of(label: &str) -> Option<Decimal> {
    let l = label.to_lowercase();
    if !l.contains("each") {
        return None;
    }
    let idx = l.rfind(" x ").or_else(|| l.rfind(" x"))?;
    let digits: String =
        l[idx..].trim_start_matches(" x").trim().chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<u32>().ok().filter(|&n| n > 0).map(Decimal::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_labels() {
        assert_eq!(kind_of_label("TOTAL (excl Schools)"), RowKind::Total);
        assert_eq!(
            kind_of_label("<i>Sub Total SCH&W - Specialist Children's</i>"),
            RowKind::Subtotal
        );
        assert_eq!(kind_of_label("Directorate Sub Total"), RowKind::Subtotal);
        assert_eq!(kind_of_label("Kent Total"), RowKind::Total);
        assert_eq!(kind_of_label("TOTALS"), RowKind::Total);
        assert_eq!(kind_of_label("Total roll forward requirements"), RowKind::Total);
        assert_eq!(kind_of_label("Social Care, Health & Wellbeing - Asylum"), RowKind::Line);
        assert_eq!(kind_of_label("Totally different"), RowKind::Line);
        assert!(is_plain_total("Total"));
        assert!(!is_plain_total("Total Health Contributions"));
    }

    #[test]
    fn labels_are_cleaned() {
        assert_eq!(
            clean_label("• In year schools related pressures"),
            "In year schools related pressures"
        );
        assert_eq!(clean_label("- re-phased"), "re-phased");
        assert_eq!(clean_label("<b>TOTAL SPENDING</b>"), "TOTAL SPENDING");
        assert_eq!(norm_label("Children’s  Services*"), "children's services");
    }

    #[test]
    fn per_unit_multiplier() {
        assert_eq!(multiplier_of("Kent CCGs (each) x 7"), Some(Decimal::from(7)));
        assert_eq!(multiplier_of("Health Providers (each) x 6"), Some(Decimal::from(6)));
        assert_eq!(multiplier_of("Total Health Contributions"), None);
    }
}
