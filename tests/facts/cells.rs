//! Named cells (`[[cells]]`): a value typed from the rendered page, found in agendapack's output
//! by page, row label and the column's header texts.
//!
//! Two views of the output are searched: the budget records (`records.budget_tables`, headers as
//! the column's group and its header rows) and the table grids (`tables`, headers as the texts of
//! the header rows above the column, a spanning heading counting for every column it covers).
//! A cell holds when one view has, on the cell's page, the `nth` row carrying the label and, in
//! a column whose headers contain the wanted texts in order, the value as printed.

use agendapack::model::Grid;
use agendapack::model::records::{BudgetTable, ColumnRole};
use agendapack::output::Document;

use super::check::norm;
use super::schema::CellFact;

/// The result of one cell fact.
pub struct CellResult {
    pub name: String,
    pub blank: bool,
    /// Empty when the cell holds.
    pub problem: Option<String>,
}

/// One table as the cell check sees it, every text normalised.
struct View {
    /// Caption and section.
    title: String,
    /// Per column, its header texts joined outermost first with " / ".
    headers: Vec<String>,
    rows: Vec<ViewRow>,
}

struct ViewRow {
    page: Option<u32>,
    /// Texts that may name the row: its label and its text cells.
    labels: Vec<String>,
    /// Per column, the printed text ("" when empty).
    cells: Vec<String>,
}

fn budget_view(t: &BudgetTable) -> View {
    let title = format!(
        "{} / {}",
        t.caption.as_deref().map(norm).unwrap_or_default(),
        t.section.as_deref().map(norm).unwrap_or_default()
    );
    let width = t.columns.iter().map(|c| c.index + 1).max().unwrap_or(0);
    let mut headers = vec![String::new(); width];
    let mut text_cols = Vec::new();
    for c in &t.columns {
        let parts: Vec<String> = c.group.iter().chain([&c.header]).map(|s| norm(s)).collect();
        headers[c.index] = parts.join(" / ");
        if matches!(c.role, ColumnRole::Label | ColumnRole::Text) {
            text_cols.push(c.index);
        }
    }
    let rows = t
        .rows
        .iter()
        .map(|r| {
            let cells: Vec<String> = r
                .values
                .iter()
                .map(|v| v.as_ref().map(|a| norm(&a.raw)).unwrap_or_default())
                .collect();
            let mut labels = vec![norm(&r.label)];
            labels.extend(text_cols.iter().filter_map(|&i| cells.get(i)).cloned());
            ViewRow { page: r.location.page.or(t.location.page), labels, cells }
        })
        .collect();
    View { title, headers, rows }
}

fn grid_view(g: &Grid) -> View {
    let h = g.header_rows.min(g.rows.len());
    let headers = (0..g.columns)
        .map(|c| {
            (0..h)
                .filter_map(|r| spanning_text(g, r, c))
                .map(norm)
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" / ")
        })
        .collect();
    let rows = g
        .rows
        .iter()
        .enumerate()
        .skip(h)
        .map(|(i, r)| {
            let cells: Vec<String> = r.iter().map(|c| norm(&c.text)).collect();
            let page = g.row_locations.get(i).and_then(|l| l.page).or(g.location.page);
            ViewRow {
                page,
                labels: cells.iter().filter(|s| !s.is_empty()).cloned().collect(),
                cells,
            }
        })
        .collect();
    View { title: g.caption.as_deref().map(norm).unwrap_or_default(), headers, rows }
}

/// The text printed over header position (`r`, `c`): the cell itself, or for a covered position
/// the nearest cell up and to the left whose span reaches it.
fn spanning_text(g: &Grid, r: usize, c: usize) -> Option<&str> {
    let cell = g.rows.get(r)?.get(c)?;
    if !cell.covered {
        return Some(&cell.text);
    }
    for rr in (0..=r).rev() {
        for cc in (0..=c).rev() {
            let Some(o) = g.rows.get(rr).and_then(|row| row.get(cc)) else { continue };
            if !o.covered
                && rr + o.row_span.max(1) as usize > r
                && cc + o.col_span.max(1) as usize > c
            {
                return Some(&o.text);
            }
        }
    }
    None
}

/// Whether `header` contains every wanted text, in order.
fn header_matches(header: &str, wanted: &[String]) -> bool {
    let mut rest = header;
    for w in wanted {
        match rest.find(w.as_str()) {
            Some(i) => rest = &rest[i + w.len()..],
            None => return false,
        }
    }
    true
}

/// Checks the fact against one kind of view: Ok when it holds, else what was seen.
fn check_views(c: &CellFact, views: &[View]) -> Result<(), String> {
    let row = norm(&c.row);
    let wanted: Vec<String> = c.column.iter().map(|s| norm(s)).collect();
    let value = norm(&c.value);
    let table = c.table.as_deref().map(norm);
    let mut found = views
        .iter()
        .filter(|v| table.as_ref().is_none_or(|t| v.title.contains(t.as_str())))
        .flat_map(|v| v.rows.iter().map(move |r| (v, r)))
        .filter(|(_, r)| r.page == Some(c.page) && r.labels.contains(&row));
    let Some((v, r)) = found.nth(c.nth) else {
        return Err(format!("no row {:?} (#{}) on page {}", c.row, c.nth, c.page));
    };
    let cols: Vec<usize> =
        (0..v.headers.len()).filter(|&i| header_matches(&v.headers[i], &wanted)).collect();
    if cols.is_empty() {
        let heads: Vec<&str> =
            v.headers.iter().map(String::as_str).filter(|h| !h.is_empty()).collect();
        return Err(format!("no column like {wanted:?} among {heads:?}"));
    }
    let mut seen = Vec::new();
    for i in cols {
        let got = r.cells.get(i).map(String::as_str).unwrap_or("");
        if got == value {
            return Ok(());
        }
        seen.push(format!("{got:?} under {:?}", v.headers[i]));
    }
    Err(format!("expected {:?}, found {}", c.value, seen.join("; ")))
}

/// Checks every `[[cells]]` fact against the document.
pub fn check(cells: &[CellFact], doc: &Document) -> Result<Vec<CellResult>, String> {
    let budget: Vec<View> = doc.records.budget_tables.iter().map(budget_view).collect();
    let grids: Vec<View> = doc.tables.iter().map(grid_view).collect();
    let mut out = Vec::new();
    for c in cells {
        if c.column.is_empty() {
            return Err(format!("cell {:?} on page {}: `column` is empty", c.row, c.page));
        }
        let name = format!("p{} {:?} / {}", c.page, c.row, c.column.join(" / "));
        let problem = match c.source.as_deref() {
            Some("budget") => check_views(c, &budget).err(),
            None | Some("any") => match check_views(c, &budget) {
                Ok(()) => None,
                Err(b) => check_views(c, &grids).err().map(|g| format!("budget: {b}; grid: {g}")),
            },
            Some(other) => return Err(format!("cell {name}: unknown source {other:?}")),
        };
        out.push(CellResult { name, blank: c.value.trim().is_empty(), problem });
    }
    Ok(out)
}
