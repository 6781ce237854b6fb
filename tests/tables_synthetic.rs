//! Table finding on layouts built in the test: lattice grids with spans, stream grids, header rows,
//! captions and tables stitched across a page break.

use agendapack::model::{BBox, Layout, Line, Page, Ruling, Run, SourceKind};
use agendapack::tables::{self, TableSettings};

const SIZE: f32 = 9.0;

fn run(text: &str, x0: f32, top: f32, bold: bool) -> Run {
    // Helvetica-like advance: half the font size per character.
    let x1 = x0 + 0.5 * SIZE * text.chars().count() as f32;
    Run {
        text: text.into(),
        x0,
        x1,
        top,
        bottom: top + SIZE,
        size: SIZE,
        bold,
        ..Default::default()
    }
}

/// Splits runs holding several words into one run per word, as the PDF reader gives them: glyphs
/// half the font size wide, spaces 0.28 of it.
fn words(runs: Vec<Run>) -> Vec<Run> {
    let mut out = Vec::new();
    for r in runs {
        let mut x = r.x0;
        for w in r.text.split(' ') {
            let x1 = x + 0.5 * SIZE * w.chars().count() as f32;
            out.push(Run { text: w.into(), x0: x, x1, ..r.clone() });
            x = x1 + 0.28 * SIZE;
        }
    }
    out
}

fn line(runs: Vec<Run>) -> Line {
    let runs = words(runs);
    let text = runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ");
    let bbox =
        runs.iter().map(|r| BBox::new(r.x0, r.top, r.x1, r.bottom)).reduce(|a, b| a.union(&b));
    Line { text, runs, bbox, ..Default::default() }
}

fn h(x0: f32, x1: f32, y: f32) -> Ruling {
    Ruling { x0, top: y - 0.25, x1, bottom: y + 0.25, width: 0.5 }
}
fn v(x: f32, t: f32, b: f32) -> Ruling {
    Ruling { x0: x - 0.25, top: t, x1: x + 0.25, bottom: b, width: 0.5 }
}

/// A ruled table: `cols` boundaries, one row per entry of `rows` (20 pt high) starting at `top`.
/// Row 0 of `rows` may hold fewer cells than columns when `span_first_row` merges its last cells.
fn ruled(page: &mut Page, xs: &[f32], top: f32, rows: &[Vec<&str>], bold_first: bool) {
    let bottom = top + 20.0 * rows.len() as f32;
    for (r, cells) in rows.iter().enumerate() {
        let y = top + 20.0 * r as f32;
        page.rulings.push(h(xs[0], xs[xs.len() - 1], y));
        let runs = cells
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.is_empty())
            .map(|(c, t)| run(t, xs[c] + 2.0, y + 5.0, bold_first && r == 0))
            .collect();
        page.lines.push(line(runs));
    }
    page.rulings.push(h(xs[0], xs[xs.len() - 1], bottom));
    for x in xs {
        page.rulings.push(v(*x, top, bottom));
    }
}

fn pdf(pages: Vec<Page>) -> Layout {
    let mut l = Layout::new(SourceKind::Pdf);
    l.pages = pages;
    l
}

fn page(n: u32) -> Page {
    Page { number: n, width: 595.0, height: 842.0, ..Default::default() }
}

#[test]
fn lattice_grid_with_cells_text_and_header() {
    let mut p = page(1);
    p.lines.push(line(vec![run("Table 1a: Directorate revenue position", 50.0, 80.0, false)]));
    ruled(
        &mut p,
        &[50.0, 250.0, 330.0, 410.0],
        100.0,
        &[
            vec!["Directorate", "Budget", "Variance"],
            vec!["Education & Young People's", "49,078.4", "-705.3"],
            vec!["Financing Items", "142,711.3", "-5,734.7"],
        ],
        true,
    );
    let g = tables::grids(&pdf(vec![p]));
    assert_eq!(g.len(), 1);
    let g = &g[0];
    assert_eq!(g.method, "lattice");
    assert_eq!((g.rows.len(), g.columns), (3, 3));
    assert_eq!(g.text(1, 0), "Education & Young People's");
    assert_eq!(g.text(2, 1), "142,711.3");
    assert_eq!(g.text(2, 2), "-5,734.7");
    assert_eq!(g.header_rows, 1);
    assert!(g.rows[0][0].bold && !g.rows[1][0].bold);
    assert_eq!(g.caption.as_deref(), Some("Table 1a: Directorate revenue position"));
    assert_eq!(g.row_locations.len(), 3);
    assert_eq!(g.row_locations[1].page, Some(1));
    let b = g.row_locations[1].bbox.expect("row bbox");
    assert!((b.top - 120.0).abs() < 0.5 && (b.bottom - 140.0).abs() < 0.5);
    assert_eq!(g.id, "t1-1");
}

#[test]
fn lattice_spanning_header_cell() {
    // "Roll forwards" spans columns 1..3 of the header row; the body has four columns.
    let mut p = page(1);
    let xs = [50.0, 200.0, 280.0, 360.0, 440.0];
    page_rulings_with_span(&mut p, &xs);
    let g = tables::grids(&pdf(vec![p]));
    assert_eq!(g.len(), 1);
    let g = &g[0];
    assert_eq!(g.columns, 4);
    assert_eq!(g.text(0, 1), "Roll forwards");
    assert_eq!(g.rows[0][1].col_span, 3);
    assert!(g.rows[0][2].covered && g.rows[0][3].covered);
    assert_eq!(g.text(1, 3), "+1,761.1");
}

fn page_rulings_with_span(p: &mut Page, xs: &[f32]) {
    let (t, m, b) = (100.0, 120.0, 140.0);
    p.rulings.extend([h(xs[0], xs[4], t), h(xs[0], xs[4], m), h(xs[0], xs[4], b)]);
    p.rulings.extend([v(xs[0], t, b), v(xs[1], t, b), v(xs[4], t, b)]);
    p.rulings.extend([v(xs[2], m, b), v(xs[3], m, b)]);
    p.lines.push(line(vec![
        run("Directorate", 52.0, 105.0, true),
        run("Roll forwards", 202.0, 105.0, true),
    ]));
    p.lines.push(line(vec![
        run("Education", 52.0, 125.0, false),
        run("+42.0", 202.0, 125.0, false),
        run("+1,619.1", 282.0, 125.0, false),
        run("+1,761.1", 362.0, 125.0, false),
    ]));
}

#[test]
fn stream_grid_from_aligned_columns() {
    let mut p = page(1);
    p.lines.push(line(vec![run(
        "APPENDIX E - 2025-26 Proposed Budget by Directorate",
        40.0,
        40.0,
        true,
    )]));
    let head = ["", "Core", "External", "Total"];
    let rows: [[&str; 4]; 4] = [
        ["Original base budget", "1,429,506.8", "0.0", "1,429,506.8"],
        ["internal base adjustments", "-836.6", "836.6", "0.0"],
        ["Revised Base", "1,428,670.2", "836.6", "1,429,506.8"],
        ["Pay", "21,845.7", "626.9", "22,472.6"],
    ];
    // Right-aligned numeric columns ending at 300, 360 and 420.
    let rights = [300.0, 360.0, 420.0];
    let mut y = 60.0;
    let mut all = vec![head];
    all.extend(rows);
    for r in &all {
        let mut runs = Vec::new();
        if !r[0].is_empty() {
            runs.push(run(r[0], 40.0, y, false));
        }
        for (c, right) in rights.iter().enumerate() {
            let t = r[c + 1];
            let w = 0.5 * SIZE * t.chars().count() as f32;
            runs.push(run(t, right - w, y, false));
        }
        p.lines.push(line(runs));
        y += 12.0;
    }
    let g = tables::grids(&pdf(vec![p]));
    assert_eq!(g.len(), 1, "{g:#?}");
    let g = &g[0];
    assert_eq!(g.method, "stream");
    assert_eq!(g.columns, 4);
    assert_eq!(g.rows.len(), 5);
    assert_eq!(g.header_rows, 1);
    assert_eq!(g.text(0, 2), "External");
    assert_eq!(g.text(1, 0), "Original base budget");
    assert_eq!(g.text(1, 1), "1,429,506.8");
    assert_eq!(g.text(2, 2), "836.6");
    assert_eq!(g.text(4, 3), "22,472.6");
    assert_eq!(g.caption.as_deref(), Some("APPENDIX E - 2025-26 Proposed Budget by Directorate"));
}

#[test]
fn table_continued_under_repeated_header_is_stitched() {
    let xs = [50.0, 250.0, 330.0];
    let head = vec!["Directorate", "Budget"];
    let mut p1 = page(1);
    ruled(
        &mut p1,
        &xs,
        700.0,
        &[head.clone(), vec!["Education", "49,078.4"], vec!["Adults", "362,182.1"]],
        true,
    );
    let mut p2 = page(2);
    ruled(&mut p2, &xs, 50.0, &[head.clone(), vec!["Financing Items", "142,711.3"]], true);
    let g = tables::grids(&pdf(vec![p1, p2]));
    assert_eq!(g.len(), 1);
    let g = &g[0];
    assert_eq!(g.rows.len(), 4);
    assert_eq!(g.text(3, 0), "Financing Items");
    assert_eq!(g.header_rows, 1);
    assert_eq!(g.continued_from, vec!["t2-1".to_string()]);
    assert_eq!(g.location.page, Some(1));
    assert_eq!(g.location.page_end, Some(2));
    assert_eq!(g.row_locations[3].page, Some(2));
}

#[test]
fn different_tables_on_consecutive_pages_stay_apart() {
    let mut p1 = page(1);
    ruled(
        &mut p1,
        &[50.0, 250.0, 330.0],
        700.0,
        &[vec!["Directorate", "Budget"], vec!["Education", "1.0"]],
        true,
    );
    let mut p2 = page(2);
    p2.lines.push(line(vec![run("Members present at the meeting", 50.0, 60.0, false)]));
    ruled(
        &mut p2,
        &[50.0, 150.0, 330.0],
        80.0,
        &[vec!["Name", "Party"], vec!["Mr Smith", "Labour"]],
        true,
    );
    let g = tables::grids(&pdf(vec![p1, p2]));
    assert_eq!(g.len(), 2);
    assert!(g[0].continued_from.is_empty());
}

#[test]
fn table_split_at_a_page_break_without_header_is_stitched() {
    // Nothing but a page number between the two parts: one table.
    let xs = [50.0, 250.0, 330.0];
    let mut p1 = page(1);
    ruled(&mut p1, &xs, 700.0, &[vec!["REASON", ""], vec!["1.", "In order that Cabinet"]], false);
    p1.lines.push(line(vec![run("Page 12", 280.0, 815.0, false)]));
    let mut p2 = page(2);
    ruled(&mut p2, &xs, 50.0, &[vec!["ALTERNATIVE OPTIONS", "None."]], false);
    let g = tables::grids(&pdf(vec![p1, p2]));
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].rows.len(), 3);
    assert_eq!(g[0].text(2, 1), "None.");
}

#[test]
fn tables_separated_by_a_blank_line_on_a_page_are_one() {
    let mut p = page(1);
    ruled(&mut p, &[50.0, 150.0, 330.0], 100.0, &[vec!["1.", "That the forecast"]], false);
    ruled(
        &mut p,
        &[50.0, 200.0, 330.0],
        135.0,
        &[vec!["2.", "That the changes"], vec!["REASON", ""]],
        false,
    );
    let g = tables::grids(&pdf(vec![p]));
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].rows.len(), 3);
    assert_eq!(g[0].text(1, 1), "That the changes");
    assert_eq!(g[0].continued_from, vec!["t1-2".to_string()]);
}

#[test]
fn prose_page_has_no_tables() {
    let mut p = page(1);
    for i in 0..10 {
        p.lines.push(line(vec![run(
            "Cabinet received the Quarterly Performance Report to the end of the third quarter",
            50.0,
            100.0 + 12.0 * i as f32,
            false,
        )]));
    }
    assert!(tables::grids(&pdf(vec![p])).is_empty());
}

#[test]
fn text_layouts_make_a_grid_of_each_block_the_reader_kept() {
    use agendapack::model::{Location, TextCell, TextRow, TextTable};
    let cell = |t: &str| TextCell { text: t.into(), ..TextCell::default() };
    let mut l = Layout::new(SourceKind::Text);
    let mut p = page(1);
    p.text_tables.push(TextTable {
        method: "tabs".into(),
        rows: vec![
            TextRow { line: 12, cells: vec![cell("Directorate"), cell("Variance")] },
            TextRow { line: 13, cells: vec![cell("Education"), cell("4,498.7"), cell("")] },
        ],
        location: Location::lines(12, 13),
        ..TextTable::default()
    });
    l.pages.push(p);
    let g = tables::grids_with(&l, &TableSettings::default());
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].id, "t12");
    assert_eq!((g[0].columns, g[0].header_rows, g[0].method.as_str()), (2, 1, "tabs"));
    assert_eq!(g[0].text(1, 1), "4,498.7");
}
