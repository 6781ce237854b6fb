//! The text-rendering reader on the four shared packs: grids, stamps and markup at the places
//! the pack notes (`../shared/notes/*.txt.md`) list as hard cases. Values are the ones printed
//! in the packs.

use std::time::Instant;

use agendapack::ingest::text;
use agendapack::model::layout::StampKind;
use agendapack::model::{Grid, Layout, Line};
use agendapack::testsupport::shared_dir;

const P000: &str = "000_89a7eb97841dfc38.txt";
const P002: &str = "002_44206e63360eab18.txt";
const P003: &str = "003_d08e34e2df91019d.txt";
const P004: &str = "004_d4ce2142da2e6789.txt";

fn load(name: &str) -> Option<Layout> {
    let dir = shared_dir()?;
    let path = dir.join("corpus").join("text").join(name);
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let t = Instant::now();
    let layout = text::read(&src);
    eprintln!("read {name}: {} lines in {:?}", src.lines().count(), t.elapsed());
    Some(layout)
}

fn line(l: &Layout, n: u32) -> &Line {
    l.pages[0].lines.iter().find(|x| x.source_line == Some(n)).expect("line exists")
}

/// The grid holding source line `n` (built by the table stage from the reader's block), and the
/// row index of that line.
fn row_at(l: &Layout, n: u32) -> (Grid, usize) {
    let ln = line(l, n);
    let block =
        &l.pages[0].text_tables[ln.grid.unwrap_or_else(|| panic!("line {n} is not a table row"))];
    let g = agendapack::tables::text::grid(block);
    let r = g.row_locations.iter().position(|loc| loc.line == Some(n)).expect("row location");
    (g, r)
}

fn cells(l: &Layout, n: u32) -> Vec<String> {
    let (g, r) = row_at(l, n);
    let mut v: Vec<String> = g.rows[r].iter().map(|c| c.text.clone()).collect();
    while v.last().is_some_and(|c| c.is_empty()) {
        v.pop();
    }
    v
}

fn stamps(l: &Layout, kind: StampKind) -> Vec<(u32, String)> {
    l.pages[0]
        .stamps
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| (s.location.line.unwrap_or(0), s.value.clone()))
        .collect()
}

#[test]
fn pack_000_cabinet_june_2017() {
    let Some(l) = load(P000) else { return };
    assert_eq!(l.pages[0].lines.len(), 3742);
    // The one surviving page number and the six blank pages.
    assert_eq!(stamps(&l, StampKind::PageNumber), [(1099, "47".to_string())]);
    let blank: Vec<u32> = stamps(&l, StampKind::BlankPage).into_iter().map(|s| s.0).collect();
    assert_eq!(blank, [1313, 1464, 2348, 2532, 3414, 3534]);
    // Bold glued to the previous words (62).
    let l62 = line(&l, 62);
    assert_eq!(l62.text, "UNRESTRICTED ITEMS15. Apologies");
    assert!(l62.runs.iter().any(|r| r.bold && r.text == "15. Apologies"));
    // Table 1a (244-262): a TAB grid, italic subtotal, signed figures.
    let (g, _) = row_at(&l, 254);
    assert_eq!(g.id, "t244");
    assert_eq!(g.method, "tabs");
    assert_eq!(g.header_rows, 1);
    assert_eq!(g.columns, 6);
    assert!(g.caption.as_deref().is_some_and(|c| c.contains("Table 1a")), "{:?}", g.caption);
    assert_eq!(
        cells(&l, 254),
        ["TOTAL (excl Schools)", "921,046.8", "+917,275.2", "-3,771.6", "+224", "-3,995.6"]
    );
    let (g, r) = row_at(&l, 248);
    assert_eq!(g.text(r, 0), "Sub Total SCH&W - Specialist Children's");
    assert!(g.rows[r][0].italic && g.rows[r][3].italic);
    assert_eq!(g.text(r, 3), "+5,464.8");
    assert_eq!(cells(&l, 250)[1], "-");
    // Table 1b (266-277): two-line merged header.
    let (g, _) = row_at(&l, 274);
    assert_eq!(g.id, "t266");
    assert_eq!(g.header_rows, 2);
    assert_eq!(g.text(0, 2), "Roll forwards");
    assert_eq!(g.rows[0][2].col_span, 4);
    assert_eq!(cells(&l, 274)[0], "Growth, Environment & Transport");
    // Table 3: empty PH real variance cell (438) stays an empty cell.
    assert_eq!(
        cells(&l, 442)[1..],
        ["307.818", "-81.110", "-3.930", "-77.180", "-0.450", "-53.966", "-3.480", "-23.214"]
    );
    // Underlined totals (1289).
    let (g, r) = row_at(&l, 1289);
    assert_eq!(g.text(r, 1), "1,263");
    assert!(line(&l, 1289).runs.iter().any(|x| x.underline && x.text == "1,263"));
    // Board membership with a blank line inside (3526).
    let (g, r) = row_at(&l, 3519);
    assert_eq!(g.id, "t3505");
    assert_eq!(g.text(r, 1), "Matthews- Marsh");
    assert_eq!(row_at(&l, 3530).0.id, "t3505");
    // Unclosed <ul> in the SEND action plan cells (3261-3274) leaves no tag text.
    let (g, _) = row_at(&l, 3264);
    assert!(g.rows.iter().flatten().all(|c| !c.text.contains("<ul") && !c.text.contains("<p>")));
    // Image placeholder lines are blank.
    assert_eq!(line(&l, 776).text, "");
}

#[test]
fn pack_002_county_council_october_2017() {
    let Some(l) = load(P002) else { return };
    // Page numbers glued to prose (2196, 2256) and alone (3025); the bare "Page" (2545) is not.
    let pages = stamps(&l, StampKind::PageNumber);
    assert!(pages.contains(&(2196, "90".into())), "{pages:?}");
    assert!(pages.contains(&(2256, "94".into())));
    assert!(pages.contains(&(3025, "115".into())));
    assert!(!pages.iter().any(|p| p.0 == 2545));
    assert!(line(&l, 2196).text.ends_with("development plan."), "{}", line(&l, 2196).text);
    assert_eq!(stamps(&l, StampKind::BlankPage).len(), 1);
    // Table 1 (298-320): four header lines, then section rows and figures.
    let (g, _) = row_at(&l, 308);
    assert_eq!(g.id, "t298");
    assert_eq!(g.header_rows, 4);
    assert_eq!(g.caption.as_deref(), Some("Table 1"));
    assert_eq!(cells(&l, 308), ["Total", "105.2", "88.9", "76.0", "52.9"]);
    assert_eq!(cells(&l, 316)[1..], ["8.0", "28.0", "18.3", "11.5"]);
    // A blank line inside the operational boundary table (3367).
    let (g, _) = row_at(&l, 3368);
    assert_eq!(row_at(&l, 3366).0.id, g.id);
    assert_eq!(cells(&l, 3366), ["Borrowing", "975", "927"]);
    assert_eq!(cells(&l, 3368), ["Other Long Term Liabilities", "248", "271"]);
}

#[test]
fn pack_003_eyps_committee_march_2017() {
    let Some(l) = load(P003) else { return };
    // Bold spanning two lines (3-4).
    assert_eq!(line(&l, 3).text, "EDUCATION AND YOUNG PEOPLE'S SERVICES");
    assert!(line(&l, 3).is_bold() && line(&l, 4).is_bold());
    assert_eq!(line(&l, 4).text, "CABINET COMMITTEE");
    assert_eq!(line(&l, 172).text, "UNRESTRICTED ITEMS233. Apologies and Substitutes");
    // Dangling bold markers (9289, 9297) do not leak.
    assert!(!line(&l, 9289).text.contains("**"));
    // 17 "left blank" pages and one "intentionally blank".
    assert_eq!(stamps(&l, StampKind::BlankPage).len(), 18);
    // Page numbers in the first cell of the V&P table.
    let pages = stamps(&l, StampKind::PageNumber);
    for (n, v) in [(7112, "350"), (7151, "352"), (7175, "354"), (9268, "477"), (7963, "411")] {
        assert!(pages.contains(&(n, v.to_string())), "{n} {v} in {pages:?}");
    }
    assert_eq!(cells(&l, 7151)[0], "SEND");
    assert_eq!(cells(&l, 7175)[0], "Skills & Employability");
    // The one pipe table (9028-9037), glued to a list marker, empty header row.
    let (g, _) = row_at(&l, 9030);
    assert_eq!(g.method, "pipes");
    assert_eq!(g.rows.len(), 8);
    assert_eq!(g.header_rows, 0);
    assert!(g.rows.iter().all(|r| r[1].text == "Good"));
    assert_eq!(g.text(0, 0), "• Overall effectiveness");
    // Consultation counts (737-741): header with an empty first cell; blank = 0.
    assert_eq!(cells(&l, 740), ["Other", "4", "", "1", "5"]);
    assert_eq!(cells(&l, 741), ["Totals", "14", "6", "11", "31"]);
    assert_eq!(row_at(&l, 741).0.header_rows, 1);
    // Directorate budget: names then a unit row (6938-6945).
    let (g, _) = row_at(&l, 6945);
    assert_eq!(g.header_rows, 2);
    assert_eq!(cells(&l, 6945)[7], "57,230.2");
}

#[test]
fn pack_004_cype_committee_january_2025() {
    let Some(l) = load(P004) else { return };
    assert_eq!(line(&l, 17).heading, Some(2));
    assert_eq!(line(&l, 17).text, "AGENDA");
    // Page footers in a table's first cell, and standalone.
    let pages = stamps(&l, StampKind::PageNumber);
    for (n, v) in [
        (765, "22"),
        (1505, "45"),
        (1571, "45"),
        (1703, "19"),
        (2180, "65"),
        (2608, "82"),
        (2719, "87"),
        (2731, "88"),
        (2754, "90"),
        (2800, "94"),
        (2830, "96"),
        (4132, "146"),
        (4154, "148"),
        (10025, "487"),
    ] {
        assert!(pages.contains(&(n, v.to_string())), "{n} {v} in {pages:?}");
    }
    assert_eq!(cells(&l, 2731)[0], "CPE");
    assert_eq!(cells(&l, 2800)[0], "GET");
    assert_eq!(cells(&l, 2608)[..2], ["", "MEMORANDUM:"]);
    assert_eq!(stamps(&l, StampKind::BlankPage).len(), 23);
    assert_eq!(stamps(&l, StampKind::AgendaItem), [(10027, "20".to_string())]);
    // Table 1 (2308-2312): bold HTML cells with explicit plus signs.
    let (g, r) = row_at(&l, 2312);
    assert_eq!(g.id, "t2308");
    assert_eq!(g.header_rows, 2);
    assert_eq!(g.text(r, 0), "NET TOTAL CHANGE");
    assert!(g.rows[r][1].bold);
    assert_eq!(
        cells(&l, 2312)[1..],
        ["-3.2", "0.1", "-3.1", "+8.0", "+0.9", "+8.9", "+4.8", "+0.9", "+5.7"]
    );
    // Entities in a label (2459).
    assert_eq!(cells(&l, 2459)[1], "Total - Children, Young People & Education");
    assert_eq!(cells(&l, 2459)[3], "565,619");
    // A two-line bold title (3-4) with hard-break spaces.
    assert_eq!(line(&l, 3).text, "CHILDREN'S, YOUNG PEOPLE AND EDUCATION");
    assert!(line(&l, 4).is_bold());
}
