//! Shared helpers for the extraction tests: read a text pack of the shared corpus and extract.
#![allow(dead_code)]

use agendapack::extract;
use agendapack::model::records::{BudgetTable, Records};
use agendapack::model::{Cell, Grid, Layout, Location};
use agendapack::testsupport::shared_corpus_file;

/// The layout, grids and records of a text pack (`"004_d4ce2142da2e6789.txt"`), or `None` when the
/// shared corpus is absent.
pub fn pack(name: &str) -> Option<(Layout, Vec<Grid>, Records)> {
    let path = shared_corpus_file(&format!("text/{name}"))?;
    let text = std::fs::read_to_string(&path).expect("shared corpus file is readable");
    let layout = agendapack::ingest::text::read(&text);
    let mut grids = agendapack::tables::grids(&layout);
    if grids.is_empty() {
        grids = tsv_grids(&text);
    }
    let pack = agendapack::model::Pack::default();
    let records = extract::extract(&layout, &pack, &grids);
    Some((layout, grids, records))
}

/// Grids from runs of TAB-separated lines (used only while the text reader gives none).
pub fn tsv_grids(text: &str) -> Vec<Grid> {
    let mut grids = Vec::new();
    let mut cur: Vec<(u32, &str)> = Vec::new();
    let flush = |cur: &mut Vec<(u32, &str)>, grids: &mut Vec<Grid>| {
        if cur.is_empty() {
            return;
        }
        let rows: Vec<Vec<Cell>> =
            cur.iter().map(|(_, l)| l.split('\t').map(cell).collect()).collect();
        let columns = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        let rows: Vec<Vec<Cell>> = rows
            .into_iter()
            .map(|mut r| {
                r.resize_with(columns, || Cell::new(""));
                r
            })
            .collect();
        let first = cur[0].0;
        let last = cur[cur.len() - 1].0;
        grids.push(Grid {
            id: format!("t{first}"),
            rows,
            columns,
            header_rows: 1,
            method: "tabs".into(),
            location: Location::lines(first, last),
            row_locations: cur.iter().map(|(n, _)| Location::lines(*n, *n)).collect(),
            caption: None,
            continued_from: Vec::new(),
        });
        cur.clear();
    };
    for (i, line) in text.lines().enumerate() {
        if line.contains('\t') {
            cur.push(((i + 1) as u32, line));
        } else {
            flush(&mut cur, &mut grids);
        }
    }
    flush(&mut cur, &mut grids);
    grids
}

fn cell(raw: &str) -> Cell {
    let t = raw.trim();
    let bold = t.starts_with("<b>") || t.starts_with("**");
    let italic = t.starts_with("<i>") || (t.starts_with('*') && !t.starts_with("**"));
    let mut c = Cell::new(raw.trim());
    c.bold = bold;
    c.italic = italic;
    c
}

/// The budget table whose grid starts on `line`.
pub fn budget_at(r: &Records, line: u32) -> &BudgetTable {
    r.budget_tables
        .iter()
        .find(|t| t.location.line == Some(line))
        .unwrap_or_else(|| panic!("no budget table at line {line}"))
}

/// The budget row read from source line `line`, with its table.
pub fn budget_row(
    r: &Records,
    line: u32,
) -> (&BudgetTable, &agendapack::model::records::BudgetRow) {
    for t in &r.budget_tables {
        if let Some(row) = t.rows.iter().find(|row| row.location.line == Some(line)) {
            return (t, row);
        }
    }
    panic!("no budget row at line {line}")
}

/// Asserts the parsed values of the budget row at `line`: `(column, "decimal")`, with `"nil"` for
/// a printed nil mark and `""` for an empty cell.
pub fn assert_values(r: &Records, line: u32, expected: &[(usize, &str)]) -> usize {
    use rust_decimal::Decimal;
    use std::str::FromStr;
    let (t, row) = budget_row(r, line);
    for (col, want) in expected {
        let got = row.values.get(*col).cloned().flatten();
        match *want {
            "" => assert!(got.is_none(), "line {line} col {col}: expected empty, got {got:?}"),
            "nil" => assert!(
                got.as_ref().is_some_and(|a| a.nil),
                "line {line} col {col}: expected nil, got {got:?}"
            ),
            w => {
                let want = Decimal::from_str(w).expect("test decimal");
                let v = got.as_ref().and_then(|a| a.value);
                assert_eq!(v, Some(want), "line {line} col {col} ({}): {got:?}", t.table);
            }
        }
    }
    expected.len()
}
