//! Tables read from the LibreOffice and Chromium renderings of the four text packs, compared cell
//! by cell with the tables of the text renderings themselves.
//!
//! Both paths run here: the text reader's TAB-separated grids, and the PDF reader followed by the
//! table finder. Each text grid is matched to the PDF grid (in document order, within a window)
//! with the most equal cells in the same row and column; cells are compared after whitespace is
//! collapsed and bullet glyphs are dropped (LibreOffice prints "•" as text, Chromium draws it as a
//! vector circle). A cell counts when either side has text in it.
//!
//! The text reader ends a table at a blank line it cannot bridge; the renderers do not always end
//! theirs there (three blank lines in the text pack can be no gap at all in the PDF), so a text
//! table may be found as a run of rows inside a larger PDF grid. Its cells are then compared from
//! that row on, still column for column; such tables are counted and printed apart.

use std::path::Path;

use agendapack::ingest::{self, InputKind, pdf::Limits};
use agendapack::model::Grid;
use agendapack::tables;
use agendapack::testsupport::shared_dir;

const STEMS: [&str; 4] = [
    "000_89a7eb97841dfc38",
    "002_44206e63360eab18",
    "003_d08e34e2df91019d",
    "004_d4ce2142da2e6789",
];

/// Floors asserted per rendering: (producer, stem, share of cells equal, share of tables at ≥ 98%,
/// most tables found only inside a larger PDF grid: a stitcher that ran tables together would
/// raise that count while the other two held).
/// The target for both is 0.98. Each floor is the figure reached (rounded down), so a change that
/// loses cells fails here even above the target; every floor is now at or above 0.98, and every
/// table of the eight renderings reaches 98 % of its cells.
const FLOORS: [(&str, &str, f64, f64, usize); 8] = [
    // Pack 000: 0.88 -> 0.92 when "2016-17 £'000" column headings stopped counting as numbers
    // (two tables on consecutive pages were stitched into one); -> 0.96 when the text reader split
    // sub-tables that repeat the column headings under a label of their own; -> 0.99 when rows of
    // dashes (a plain-text separator printed by the renderer) were dropped from PDF grids.
    // Packs 002-004 rose (0.93 -> 0.99, 0.94 -> 0.95, 0.95 -> 0.96 for LibreOffice) when grids on
    // one page were joined across a gap only where the text reader bridges its blank line, and
    // again (003: 0.95 -> 0.958) when the text reader stopped bridging a blank line into a row
    // with another number of TAB fields (a risk form of 7 fields after a 3-field action list);
    // 004 0.967 -> 0.973 when a repeated header under a new heading stopped being stitched.
    // All eight reached 0.98 of cells (003: 0.959 -> 0.986 and 0.966 -> 0.982; 004 -> 0.983 and
    // 0.985) when two ruled parts on consecutive pages were stitched only if their column rules
    // stay in place: pack 003's "Service Indicators" tables, one per page of the original pack,
    // each start under the same headings but with columns sized to their own content.
    // Cells and tables rose again (003 0.986 -> 0.989 and 0.982 -> 0.990; 004 0.983 -> 0.990 and
    // 0.985 -> 0.990) when a row cut in two by a page break was joined, and Chromium's open-ended
    // column rules at a page foot were closed into a last row; tables of 004 at >= 98% rose to
    // 0.95 and 0.96 when "Page N" stamps were taken out of first cells as the text reader does.
    // On 2026-12-06 a text table was first looked for as a run of rows inside a larger PDF grid
    // (17 text tables in all are found that way).
    ("libreoffice", STEMS[0], 0.999, 0.999, 0),
    ("libreoffice", STEMS[1], 0.999, 0.999, 2),
    // Then a part laid out afresh on the next page, carrying a row on (first cell empty), was
    // stitched: LibreOffice 003 0.993 -> 0.996 and 004 0.997 -> 0.9999 of cells.
    // And on one page a part whose first row states an amount in its text joined the part
    // above (003 "Table Four": LibreOffice 0.996 -> 0.998, Chromium 0.998 -> 1.0).
    // A lone row begun at the page foot joined to the rest of its cut cell (003 HeadStart case
    // study): LibreOffice 003 0.998 -> 0.9986, 179 of 180 tables.
    // A row filling the page body to its very foot joined to its rest though no cell reads on
    // (003 risk register EYPS 02): 1.0 of cells, every table.
    ("libreoffice", STEMS[2], 0.9999, 0.999, 1),
    ("libreoffice", STEMS[3], 0.9979, 0.996, 6),
    ("chromium", STEMS[0], 0.999, 0.999, 0),
    ("chromium", STEMS[1], 0.999, 0.999, 2),
    ("chromium", STEMS[2], 0.999, 0.999, 1),
    // Chromium prints the carried row in bold: it carries on when it reads on from lower case
    // (004 DPIA questions at a page break: 0.9994 -> 0.9998, every table).
    // Then a word went to the cell holding its centre before any cell grown by the margin
    // (a DOT arrow 0.4 pt inside its column after rules of two tables were snapped): 1.0.
    // On 2026-12-06 the table stage learnt the layouts of real producers (ruled boxes refined by
    // text alignment, label bands, heading bands above a ruled body, grids stacked on the same
    // column rules). It cost one table of each rendering of 002 and 004 (002's revenue summary
    // of figure runs wrapped in cells, cut into rows by the stacked-figures rule; 004 one table),
    // and one 003 table is now found inside a larger grid. These floors are the figures reached;
    // the regressions are open work on the tables issue. 002 came back (LibreOffice 0.997 ->
    // 0.9993, Chromium 0.922 -> 1.0 of cells, 43 of 43 tables each) when a run of figures wrapped
    // as a paragraph inside its cell stopped counting as stacked figures (refine::wrapped_run).
    ("chromium", STEMS[3], 0.998, 0.996, 7),
];

/// How many PDF grids ahead of the last match a text grid may be matched to.
const WINDOW: usize = 40;

fn norm(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|c| !matches!(c, '•' | '◦' | '▪' | '●' | '○' | '■' | '\u{f0b7}' | '\u{f0a7}'))
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A grid's cells, normalised once.
type Cells = Vec<Vec<String>>;

fn cells(g: &Grid) -> Cells {
    g.rows.iter().map(|row| row.iter().map(|c| norm(&c.text)).collect()).collect()
}

fn at(g: &Cells, r: usize, c: usize) -> &str {
    g.get(r).and_then(|row| row.get(c)).map_or("", |s| s.as_str())
}

/// (cells counted, cells equal) for a text grid against a PDF grid whose row `off` is the text
/// grid's first row.
fn score(t: &Cells, p: &Cells, off: usize) -> (usize, usize) {
    let (mut n, mut eq) = (0, 0);
    for (r, row) in t.iter().enumerate() {
        for (c, a) in row.iter().enumerate() {
            let b = at(p, r + off, c);
            if a.is_empty() && b.is_empty() {
                continue;
            }
            n += 1;
            if a == b {
                eq += 1;
            }
        }
    }
    (n, eq)
}

/// The rows of `p` where `t` may start: row 0, and every row sharing a filled cell with the text
/// grid's first row in the same column (the renderer drew this text table and its neighbours,
/// which the text reader keeps apart at blank lines, as one table).
fn offsets(t: &Cells, p: &Cells) -> Vec<usize> {
    let mut out = vec![0];
    let Some(first) = t.first() else { return out };
    for r in 1..p.len() {
        if first.iter().enumerate().any(|(c, a)| !a.is_empty() && a == at(p, r, c)) {
            out.push(r);
        }
    }
    out
}

struct Figures {
    cells: usize,
    equal: usize,
    tables: usize,
    tables_ok: usize,
    /// Of `tables_ok`, those found only as a run of rows inside a larger PDF grid.
    tables_inside: usize,
    pdf_grids: usize,
}

fn compare(text_grids: &[Grid], pdf_grids: &[Grid], verbose: bool) -> Figures {
    let mut f = Figures {
        cells: 0,
        equal: 0,
        tables: 0,
        tables_ok: 0,
        tables_inside: 0,
        pdf_grids: pdf_grids.len(),
    };
    let pdf_cells: Vec<Cells> = pdf_grids.iter().map(cells).collect();
    let mut from = 0usize;
    for tg in text_grids {
        let t = cells(tg);
        let total = score(&t, &t, 0).0;
        if total == 0 {
            continue;
        }
        f.tables += 1;
        let mut best: Option<(usize, usize, usize, usize)> = None; // (equal, counted, index, offset)
        for (i, p) in pdf_cells.iter().enumerate().skip(from).take(WINDOW) {
            for off in offsets(&t, p) {
                let (n, eq) = score(&t, p, off);
                if eq > 0 && best.is_none_or(|(b, _, _, _)| eq > b) {
                    best = Some((eq, n, i, off));
                }
            }
        }
        let (eq, n, off) = match best {
            Some((eq, n, i, off)) => {
                // Only a convincing match moves the search on (a stray "N/A" must not).
                if 2 * eq >= n {
                    from = i;
                }
                (eq, n, off)
            }
            None => (0, total, 0),
        };
        f.cells += n;
        f.equal += eq;
        let ok = eq as f64 >= 0.98 * n as f64;
        if ok {
            f.tables_ok += 1;
            if off > 0 {
                f.tables_inside += 1;
                if verbose {
                    let (_, _, i, _) = best.unwrap_or_default();
                    eprintln!("  {} found as rows {off}.. of {}", shape(tg), shape(&pdf_grids[i]));
                }
            }
        } else if verbose {
            eprintln!("  lost {} of {} cells:", n - eq, n);
            report_miss(tg, best.map(|(_, _, i, off)| (&pdf_grids[i], off)));
        }
    }
    f
}

/// "t8725 (23x2)": a grid's id and size.
fn shape(g: &Grid) -> String {
    format!("{} ({}x{})", g.id, g.rows.len(), g.columns)
}

fn report_miss(t: &Grid, p: Option<(&Grid, usize)>) {
    let Some((p, off)) = p else {
        eprintln!("  {}: no PDF grid", shape(t));
        return;
    };
    eprintln!(
        "  {} vs {} from row {off} ({} {:?}):",
        shape(t),
        shape(p),
        p.method,
        p.continued_from
    );
    let mut shown = 0;
    for (r, row) in t.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (a, b) = (norm(&cell.text), norm(p.text(r + off, c)));
            if a != b && shown < 4 {
                eprintln!("    [{r},{c}] text {a:?} / pdf {b:?}");
                shown += 1;
            }
        }
    }
}

fn run_one(shared: &Path, producer: &str, stem: &str, verbose: bool) -> Option<Figures> {
    let text = std::fs::read_to_string(shared.join(format!("corpus/text/{stem}.txt"))).ok()?;
    let text_grids = tables::grids(&ingest::text::read(&text));
    let bytes =
        std::fs::read(shared.join(format!("corpus/rendered/{producer}/{stem}.pdf"))).ok()?;
    let layout = match ingest::read(InputKind::Pdf, &bytes, &Limits::default()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{producer}/{stem}: PDF not read: {e}");
            return Some(Figures {
                cells: text_grids.iter().map(|t| score(&cells(t), &cells(t), 0).0).sum(),
                equal: 0,
                tables: text_grids.len(),
                tables_ok: 0,
                tables_inside: 0,
                pdf_grids: 0,
            });
        }
    };
    let pdf_grids = tables::grids(&layout);
    Some(compare(&text_grids, &pdf_grids, verbose))
}

#[test]
fn rendered_pdf_tables_match_the_text_tables() {
    let Some(shared) = shared_dir() else { return };
    let verbose = std::env::var("TABLES_VERBOSE").is_ok();
    let only = std::env::var("TABLES_ONLY").ok();
    let mut failures = Vec::new();
    for (producer, stem, cell_floor, table_floor, most_inside) in FLOORS {
        if only.as_deref().is_some_and(|o| !format!("{producer}/{stem}").contains(o)) {
            continue;
        }
        let Some(f) = run_one(&shared, producer, stem, verbose) else {
            failures.push(format!("{producer}/{stem}: input missing"));
            continue;
        };
        let cell_share = f.equal as f64 / f.cells.max(1) as f64;
        let table_share = f.tables_ok as f64 / f.tables.max(1) as f64;
        println!(
            "{producer}/{stem}: cells {}/{} = {:.2}%; tables at >=98%: {}/{} = {:.2}% ({} as rows inside a larger PDF grid); pdf grids {}",
            f.equal,
            f.cells,
            100.0 * cell_share,
            f.tables_ok,
            f.tables,
            100.0 * table_share,
            f.tables_inside,
            f.pdf_grids
        );
        if f.tables_inside > most_inside {
            failures.push(format!(
                "{producer}/{stem}: {} tables found only inside a larger PDF grid (at most {most_inside})",
                f.tables_inside
            ));
        }
        if cell_share + 1e-9 < cell_floor || table_share + 1e-9 < table_floor {
            failures.push(format!(
                "{producer}/{stem}: cells {cell_share:.4} (floor {cell_floor}), tables {table_share:.4} (floor {table_floor})"
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
