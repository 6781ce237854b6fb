//! The Excel 365 budget appendix (one landscape page, no ruling lines, 17 figure columns) comes
//! out as one stream grid with its columns, a three-row header (each directorate over its columns,
//! the sub-column names, the unit) and every directorate figure in its own cell.

use std::str::FromStr;

use agendapack::ingest::{self, InputKind, pdf::Limits};
use agendapack::model::Grid;
use agendapack::tables;
use agendapack::testsupport::shared_corpus_file;
use rust_decimal::Decimal;

fn grid() -> Option<Grid> {
    let path =
        shared_corpus_file("real/kcc_cc_2025-02-13_appendix_e_budget_by_directorate_excel.pdf")?;
    let bytes = std::fs::read(&path).expect("appendix E is in the shared corpus");
    let layout =
        ingest::read(InputKind::Pdf, &bytes, &Limits::default()).expect("appendix E reads");
    let grids = tables::grids(&layout);
    assert_eq!(
        grids.len(),
        1,
        "one table on the page: {:?}",
        grids.iter().map(|g| &g.id).collect::<Vec<_>>()
    );
    grids.into_iter().next()
}

fn row<'a>(g: &'a Grid, label: &str) -> Vec<&'a str> {
    let r = g
        .rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c.text == label))
        .unwrap_or_else(|| panic!("row {label:?} not found"));
    r.iter().map(|c| c.text.as_str()).collect()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(&s.replace(',', "")).unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

#[test]
fn appendix_e_is_one_grid_with_its_columns() {
    let Some(g) = grid() else { return };
    assert_eq!(g.method, "stream");
    assert_eq!(g.columns, 18, "the label column and 17 figure columns");
    assert_eq!(g.caption.as_deref(), Some("APPENDIX E - 2025-26 Proposed Budget by Directorate"));
    assert_eq!(g.header_rows, 3);
    // Header: the sub-column names and the unit under every figure column.
    let sub: Vec<&str> = g.rows[1].iter().skip(1).map(|c| c.text.as_str()).collect();
    assert_eq!(
        sub,
        [
            "Core", "External", "Total", "Core", "External", "Core", "External", "Total", "Core",
            "External", "Total", "Core", "Core", "Core", "Core", "External", "Total"
        ]
    );
    assert!(g.rows[2].iter().skip(1).all(|c| c.text == "£000s"));
    // Each directorate over its columns: "Public Health" is one heading (its two lines straddle
    // the one-line "ASCH"), the shaded groups and the unshaded TOTAL span their three columns.
    let groups: Vec<(&str, u32)> = g.rows[0]
        .iter()
        .filter(|c| !c.covered && !c.text.is_empty())
        .map(|c| (c.text.as_str(), c.col_span))
        .collect();
    assert_eq!(
        groups,
        [
            ("TOTAL", 3),
            ("ASCH", 1),
            ("Public Health", 1),
            ("CYPE", 3),
            ("GET", 3),
            ("CED", 1),
            ("DCED", 1),
            ("NAC", 1),
            ("CHB", 3)
        ]
    );
    assert_eq!(g.rows[0][1].text, "TOTAL");
    assert_eq!(g.rows[0][15].text, "CHB");

    let base = row(&g, "Original base budget");
    assert_eq!(base[1], "1,429,506.8");
    assert_eq!(base[4], "585,946.2");
    assert_eq!(base[17], "-2,386.0");
    let net = row(&g, "NET BUDGET");
    assert_eq!(net[1], "1,530,923.8");
    assert_eq!(net[6], "449,237.2");
    assert_eq!(net[15], "20,045.1");
    assert_eq!(row(&g, "TOTAL RESERVES")[2], "-20,766.2");
    assert_eq!(
        row(&g, "Prior Year savings rolling forward for delivery in 25-26 *")[1],
        "-19,045.4"
    );
    // Blank cells stay blank: CYPE External has no prior-year savings.
    assert_eq!(row(&g, "Prior Year savings rolling forward for delivery in 25-26 *")[7], "");

    // Section labels and the note are rows of their own, inside the one grid.
    for label in ["SPENDING", "SAVINGS, INCOME & GRANT", "MEMORANDUM:", "RESERVES"] {
        assert_eq!(row(&g, label)[1..].iter().filter(|t| !t.is_empty()).count(), 0, "{label}");
    }

    // Columns hold: TOTAL Core + TOTAL External = TOTAL Total on every figure row.
    let mut checked = 0;
    for r in g.body() {
        let t: Vec<&str> = r.iter().map(|c| c.text.as_str()).collect();
        if t[1].is_empty() || t[2].is_empty() || t[3].is_empty() {
            continue;
        }
        assert_eq!(dec(t[1]) + dec(t[2]), dec(t[3]), "row {:?}", t[0]);
        checked += 1;
    }
    assert!(checked >= 30, "{checked} figure rows checked");
}
