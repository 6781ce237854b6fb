use super::*;
use crate::model::{Cell, Location};

/// A grid on columns `xs` and rows `ys`, every cell boxed, with `words` placed as given.
fn grid(xs: &[f32], ys: &[f32], rows: &[&[&str]], header_rows: usize) -> Grid {
    let cells = rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, t)| {
                    let mut cell = Cell::new(*t);
                    cell.bold = !t.is_empty();
                    cell.bbox = Some(BBox::new(xs[c], ys[r], xs[c + 1], ys[r + 1]));
                    cell
                })
                .collect()
        })
        .collect();
    Grid {
        rows: cells,
        columns: xs.len() - 1,
        header_rows,
        method: "stream".into(),
        row_locations: (0..rows.len())
            .map(|r| Location::page(1, Some(BBox::new(xs[0], ys[r], xs[xs.len() - 1], ys[r + 1]))))
            .collect(),
        ..Default::default()
    }
}

fn word(text: &str, x0: f32, x1: f32, top: f32) -> Word {
    Word {
        text: text.into(),
        x0,
        x1,
        top,
        bottom: top + 11.0,
        size: 11.0,
        bold: true,
        italic: false,
    }
}

fn fill(x0: f32, top: f32, x1: f32, bottom: f32) -> Fill {
    Fill { bbox: BBox::new(x0, top, x1, bottom), colour: Some("#d3904d".into()) }
}

fn texts(g: &Grid) -> Vec<Vec<String>> {
    g.rows.iter().map(|r| r.iter().map(|c| c.text.clone()).collect()).collect()
}

/// "Public" / "Health" on two lines beside "ASCH" on one, centred on the same band: the one-line
/// heading's line overlaps both lines' height, so the three text lines are one header row.
#[test]
fn a_headings_lines_straddling_its_neighbours_stay_one_row() {
    let xs = [0.0, 100.0, 150.0, 200.0];
    // Rows cut between the lines: Public 48-59, ASCH 55.5-66.5, Health 63-74, Core 80-91.
    let ys = [46.0, 55.0, 62.0, 78.0, 94.0, 110.0];
    let rows: &[&[&str]] = &[
        &["", "", "Public"],
        &["", "ASCH", ""],
        &["", "", "Health"],
        &["", "Core", "External"],
        &["Pay", "1.0", "2.0"],
    ];
    let words = vec![
        word("Public", 160.0, 190.0, 48.0),
        word("ASCH", 110.0, 140.0, 55.5),
        word("Health", 160.0, 190.0, 63.0),
        word("Core", 110.0, 140.0, 80.0),
        word("External", 155.0, 195.0, 80.0),
        word("Pay", 0.0, 20.0, 96.0),
    ];
    let mut g = grid(&xs, &ys, rows, 4);
    shape(&mut g, &words, &[], &TableSettings::default());
    assert_eq!(g.header_rows, 2);
    assert_eq!(texts(&g)[0], ["", "ASCH", "Public Health"]);
    assert_eq!(texts(&g)[1], ["", "Core", "External"]);
    assert_eq!(g.rows.len(), g.row_locations.len());

    // Set a full line lower, "ASCH" no longer overlaps "Public": the rows stay apart.
    let mut low = words.clone();
    low[1] = word("ASCH", 110.0, 140.0, 63.0);
    let mut g = grid(&xs, &ys, rows, 4);
    shape(&mut g, &low, &[], &TableSettings::default());
    assert_eq!(g.header_rows, 4);
}

/// "CYPE" centred on an orange cell over Core / External / Total stands over all three; a heading
/// set at the fill's left edge, or sharing the fill with another heading, stays in its column.
#[test]
fn a_heading_centred_on_a_shaded_cell_spans_the_columns_it_covers() {
    let xs = [0.0, 100.0, 150.0, 200.0, 250.0];
    let ys = [48.0, 77.0, 94.0, 110.0];
    let rows: &[&[&str]] = &[
        &["", "", "CYPE", ""],
        &["", "Core", "External", "Total"],
        &["Pay", "343.8", "0.0", "343.8"],
    ];
    let words = vec![
        word("CYPE", 163.0, 187.0, 55.0),
        word("Core", 110.0, 140.0, 80.0),
        word("External", 155.0, 195.0, 80.0),
        word("Total", 210.0, 240.0, 80.0),
    ];
    let band = [fill(100.0, 48.0, 250.0, 77.0)];
    let mut g = grid(&xs, &ys, rows, 2);
    shape(&mut g, &words, &band, &TableSettings::default());
    assert_eq!(g.rows[0][1].text, "CYPE");
    assert_eq!(g.rows[0][1].col_span, 3);
    assert!(g.rows[0][2].covered && g.rows[0][3].covered);

    // Set at the left of the fill, the heading names its own column only.
    let mut left = words.clone();
    left[0] = word("CYPE", 151.0, 171.0, 55.0);
    let mut g = grid(&xs, &ys, rows, 2);
    shape(&mut g, &left, &band, &TableSettings::default());
    assert_eq!((g.rows[0][2].text.as_str(), g.rows[0][2].col_span), ("CYPE", 1));

    // Another heading on the same fill: the fill is a band, not one merged cell.
    let shared: &[&[&str]] = &[
        &["", "Budget", "CYPE", ""],
        &["", "Core", "External", "Total"],
        &["Pay", "343.8", "0.0", "343.8"],
    ];
    let mut two = words.clone();
    two.push(word("Budget", 105.0, 145.0, 55.0));
    let mut g = grid(&xs, &ys, shared, 2);
    shape(&mut g, &two, &band, &TableSettings::default());
    assert_eq!(g.rows[0][2].col_span, 1);
    assert!(!g.rows[0][3].covered);
}

/// Beside directorates named on shaded cells, the unshaded "TOTAL" over the middle of the free
/// columns between the row labels and the first shaded group names all three; a row without
/// shaded groups leaves such a heading in its column.
#[test]
fn an_unshaded_heading_among_shaded_groups_names_the_free_columns_around_it() {
    let xs = [0.0, 100.0, 150.0, 200.0, 250.0, 300.0, 350.0, 400.0];
    let ys = [48.0, 77.0, 94.0, 110.0];
    let rows: &[&[&str]] = &[
        &["", "", "TOTAL", "", "", "CYPE", ""],
        &["", "Core", "External", "Total", "Core", "External", "Total"],
        &["Pay", "343.8", "0.0", "343.8", "343.8", "0.0", "343.8"],
    ];
    let words = vec![
        word("TOTAL", 160.0, 190.0, 55.0),
        word("CYPE", 313.0, 337.0, 55.0),
        word("Pay", 0.0, 20.0, 96.0),
    ];
    let band = [fill(250.0, 48.0, 400.0, 77.0)];
    let mut g = grid(&xs, &ys, rows, 2);
    shape(&mut g, &words, &band, &TableSettings::default());
    assert_eq!((g.rows[0][1].text.as_str(), g.rows[0][1].col_span), ("TOTAL", 3));
    assert_eq!((g.rows[0][4].text.as_str(), g.rows[0][4].col_span), ("CYPE", 3));
    assert!(!g.rows[0][0].covered, "the row labels' column is nobody's group");

    let mut g = grid(&xs, &ys, rows, 2);
    shape(&mut g, &words, &[], &TableSettings::default());
    assert_eq!(g.rows[0][2].col_span, 1);
    assert_eq!(g.rows[0][5].col_span, 1);
}
