//! `agendapack inspect`: the printed grids and the SVG picture of a page, on a two-page PDF
//! written here (a ruled table under a shaded header band, continued on page 2 under its
//! repeated header, with a rotated page stamp and an arrow image), on a text rendering, on a
//! real page of the shared corpus, and its errors.

mod batch_support;
mod pdf_synth;

use std::path::PathBuf;

use agendapack::model::Grid;
use agendapack::tables::{self, TableSettings};
use batch_support::{fresh_dir, run};
use pdf_synth::{Obj, Pdf};

/// Column boundaries of the demo table (PDF points) and the right edges of its figures.
const XS: [f32; 4] = [56.0, 296.0, 396.0, 496.0];
const HEADER: [&str; 3] = ["Directorate", "Budget £000", "Variance £000"];
const PAGE1: [[&str; 3]; 4] = [
    ["Adult Social Care & Health", "549,078.4", "12,705.3"],
    ["Children, Young People & Education", "392,711.3", "-5,734.7"],
    ["Growth, Environment & Transport", "201,845.0", "-1,020.6"],
    ["Chief Executive's Department", "41,233.9", "0.0"],
];
const PAGE2: [[&str; 3]; 2] = [
    ["Deputy Chief Executive's Department", "88,316.2", "2,113.4"],
    ["Non Attributable Costs", "123,004.5", "-3,401.0"],
];
/// A 7 x 7 grey arrow pointing up, one byte per sample.
const ARROW: [u8; 49] = [
    255, 255, 255, 0, 255, 255, 255, //
    255, 255, 0, 0, 0, 255, 255, //
    255, 0, 0, 0, 0, 0, 255, //
    255, 255, 255, 0, 255, 255, 255, //
    255, 255, 255, 0, 255, 255, 255, //
    255, 255, 255, 0, 255, 255, 255, //
    255, 255, 255, 0, 255, 255, 255,
];

/// Helvetica advance widths (per 1000 em) of the characters of the figures.
fn figure_width(s: &str, size: f32) -> f32 {
    let em: u32 = s
        .chars()
        .map(|c| match c {
            '0'..='9' => 556,
            ',' | '.' => 278,
            '-' => 333,
            _ => 556,
        })
        .sum();
    em as f32 / 1000.0 * size
}

/// A PDF string literal (WinAnsi: `£` is byte 0xA3, written as an octal escape).
fn lit(s: &str) -> String {
    let mut out = String::from("(");
    for c in s.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '£' => out.push_str("\\243"),
            c => out.push(c),
        }
    }
    out.push(')');
    out
}

/// The content of a ruled table with a shaded header row whose top is at `top` (PDF space).
fn table(top: f32, body: &[[&str; 3]]) -> String {
    let rows = body.len() + 1;
    let h = 20.0;
    let bottom = top - h * rows as f32;
    let mut c = String::new();
    // The header band, then the rules.
    c += &format!("q 0.851 0.882 0.949 rg {} {} {} {h} re f Q\n", XS[0], top - h, XS[3] - XS[0]);
    c += "q 0 g 0.5 w\n";
    for r in 0..=rows {
        let y = top - h * r as f32;
        c += &format!("{} {y} m {} {y} l S\n", XS[0], XS[3]);
    }
    for x in XS {
        c += &format!("{x} {bottom} m {x} {top} l S\n");
    }
    c += "Q\n";
    let mut row = |y: f32, cells: [&str; 3], font: &str| {
        c += &format!("BT /{font} 9 Tf {} {y} Td {} Tj ET\n", XS[0] + 4.0, lit(cells[0]));
        for (i, t) in cells.iter().enumerate().skip(1) {
            let right = XS[i + 1] - 14.0;
            let x = if font == "F2" { XS[i] + 4.0 } else { right - figure_width(t, 9.0) };
            c += &format!("BT /{font} 9 Tf {x} {y} Td {} Tj ET\n", lit(t));
        }
    };
    row(top - 14.0, HEADER, "F2");
    for (i, cells) in body.iter().enumerate() {
        row(top - h * (i + 1) as f32 - 14.0, *cells, "F1");
    }
    c
}

/// The two-page demo PDF that `docs/inspect.md` pictures.
fn demo_pdf() -> Vec<u8> {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let f2 = pdf.helvetica("Helvetica-Bold");
    let arrow = pdf.add(Obj::Stream(
        "/Type /XObject /Subtype /Image /Width 7 /Height 7 /ColorSpace /DeviceGray \
         /BitsPerComponent 8"
            .into(),
        ARROW.to_vec(),
    ));
    let res = format!("/Font << /F1 {f1} 0 R /F2 {f2} 0 R >> /XObject << /Up {arrow} 0 R >>");
    let title = "BT /F2 14 Tf 56 740 Td (Revenue Budget Monitoring 2024-25) Tj ET\n";
    let mut p1 = String::from(title);
    p1 += "BT /F2 10 Tf 56 700 Td (Table 1: Revenue position by directorate) Tj ET\n";
    p1 += &table(690.0, &PAGE1);
    // A direction-of-travel arrow beside the first variance, and the publisher's page stamp
    // printed up the right margin.
    p1 += "q 8 0 0 8 484 652 cm /Up Do Q\n";
    p1 += "BT /F1 8 Tf 0 1 -1 0 570 600 Tm (Page 3) Tj ET\n";
    p1 += "BT /F1 9 Tf 56 560 Td (Figures in \\243000. The table continues overleaf.) Tj ET\n";
    // Cropped to the printed part, so that the picture in the docs is all table.
    pdf.page(&p1, &res, "/CropBox [0 500 612 792]");
    let mut p2 = String::from(title);
    p2 += &table(700.0, &PAGE2);
    p2 += "BT /F1 8 Tf 0 1 -1 0 570 600 Tm (Page 4) Tj ET\n";
    pdf.page(&p2, &res, "/CropBox [0 560 612 792]");
    pdf.finish()
}

fn fixture() -> PathBuf {
    agendapack::testsupport::repo_root().join("tests/fixtures/pdf/inspect_demo.pdf")
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The cells of a grid that are drawn: not covered by a spanning cell, with a box.
fn drawn_cells(g: &Grid) -> usize {
    g.rows.iter().flatten().filter(|c| !c.covered && c.bbox.is_some()).count()
}

#[test]
fn the_committed_demo_pdf_is_the_one_this_test_writes() {
    // docs/inspect.md pictures tests/fixtures/pdf/inspect_demo.pdf; write it again with
    // INSPECT_DEMO_WRITE=1 after changing demo_pdf().
    let bytes = demo_pdf();
    if std::env::var("INSPECT_DEMO_WRITE").is_ok() {
        std::fs::write(fixture(), &bytes).unwrap();
    }
    let committed = std::fs::read(fixture()).unwrap_or_default();
    assert!(committed == bytes, "{} is out of date (INSPECT_DEMO_WRITE=1)", fixture().display());
}

#[test]
fn the_svg_parses_and_draws_every_cell_of_the_page_grids() {
    let dir = fresh_dir("inspect-svg");
    let pdf = dir.join("demo.pdf");
    std::fs::write(&pdf, demo_pdf()).unwrap();
    let svg = dir.join("page1.svg");
    let out =
        run(&["inspect", pdf.to_str().unwrap(), "--page", "1", "--svg", svg.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 grid(s), 15 cells"), "{}", stderr(&out));
    let text = std::fs::read_to_string(&svg).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("not XML: {e}"));
    let class = |n: &roxmltree::Node<'_, '_>, c: &str| n.attribute("class") == Some(c);
    let cells: Vec<roxmltree::Node<'_, '_>> = doc
        .descendants()
        .filter(|n| class(n, "cell") && n.attribute("data-grid") == Some("t1-1"))
        .collect();
    // Five rows (the header and four directorates) of three columns.
    assert_eq!(cells.len(), 15);
    let layout = agendapack::inspect::open(&pdf).unwrap();
    let grids = tables::page_grids(&layout.pages[0], &TableSettings::default());
    assert_eq!(grids.len(), 1);
    assert_eq!(cells.len(), drawn_cells(&grids[0]));
    let title = |n: &roxmltree::Node<'_, '_>| {
        n.children()
            .find(|c| c.has_tag_name("title"))
            .and_then(|t| t.text())
            .unwrap_or("")
            .to_string()
    };
    let cell = |r: &str, c: &str| {
        cells
            .iter()
            .find(|n| n.attribute("data-row") == Some(r) && n.attribute("data-col") == Some(c))
            .map(title)
            .unwrap_or_default()
    };
    assert_eq!(cell("2", "0"), "t1-1 r2 c0: Children, Young People & Education");
    assert_eq!(cell("2", "2"), "t1-1 r2 c2: -5,734.7");
    // The header row is tinted, the body is not.
    assert!(
        cells
            .iter()
            .filter(|n| n.attribute("data-row") == Some("0"))
            .all(|n| n.attribute("fill") == Some("#ffd700"))
    );
    assert!(
        cells
            .iter()
            .filter(|n| n.attribute("data-row") == Some("1"))
            .all(|n| n.attribute("fill") == Some("none"))
    );
    let count = |c: &str| doc.descendants().filter(|n| class(n, c)).count();
    // Six row rules and four column rules; the header band; the arrow; "Page 3" up the margin.
    assert_eq!(count("ruling"), 10);
    assert_eq!(count("fill"), 1);
    let fill = doc.descendants().find(|n| class(n, "fill")).unwrap();
    assert_eq!(fill.attribute("fill"), Some("#d9e1f2"));
    assert_eq!(count("image"), 1);
    assert_eq!(count("rotated"), 2, "\"Page\" and \"3\"");
    assert_eq!(count("caption"), 1);
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(texts.contains(&"t1-1 lattice 5x3 H1 \u{2193}t2-1"), "{texts:?}");
    assert!(texts.iter().any(|t| t.starts_with("Up ")), "the image is labelled with its hash");
    assert!(texts.contains(&"Education"), "the words are drawn");
}

#[test]
fn the_printed_grids_show_cells_headers_and_stitching() {
    let dir = fresh_dir("inspect-text");
    let pdf = dir.join("demo.pdf");
    std::fs::write(&pdf, demo_pdf()).unwrap();
    let out = run(&["inspect", pdf.to_str().unwrap(), "--page", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("page 1 of 2 (612 x 292 pt): "), "{text}");
    assert!(text.contains("10 rulings, 1 fills, 1 images, 2 rotated runs; 1 grid(s)"), "{text}");
    assert!(
        text.contains(
            "== t1-1 lattice 5 rows x 3 columns, 1 header row(s), caption \"Table 1: Revenue position by directorate\""
        ),
        "{text}"
    );
    assert!(text.contains(" H | *Directorate | *Budget £000 | *Variance £000"), "{text}");
    assert!(text.contains("   | Children, Young People & Educa | 392,711.3 | -5,734.7"), "{text}");
    assert!(text.contains("   continued by t2-1"), "{text}");
    assert!(text.contains("   stitched grid t1-1: 2 parts, 7 rows, pages 1-2"), "{text}");
    assert!(text.contains("image Up 7x7 at (484.0, 132.0)-(492.0, 140.0) sha256 "), "{text}");
    let out = run(&["inspect", pdf.to_str().unwrap(), "--page", "2", "--width", "60"]);
    let text = stdout(&out);
    assert!(text.contains("   continues t1-1; 1 repeated header row(s) dropped"), "{text}");
    assert!(
        text.contains("   | Deputy Chief Executive's Department | 88,316.2 | 2,113.4"),
        "{text}"
    );
}

#[test]
fn a_text_rendering_prints_its_grids() {
    let dir = fresh_dir("inspect-txt");
    let txt = dir.join("pack.txt");
    std::fs::write(&txt, "Revenue budget\n\nDirectorate\tBudget\tVariance\nAdult Social Care\t549,078.4\t12,705.3\nGrowth\t201,845.0\t-1,020.6\n").unwrap();
    let out = run(&["inspect", txt.to_str().unwrap(), "--page", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("== t3 tabs 3 rows x 3 columns"), "{text}");
    assert!(text.contains("   | Adult Social Care | 549,078.4 | 12,705.3"), "{text}");
    // No picture of a page without geometry: a usage error.
    let out = run(&[
        "inspect",
        txt.to_str().unwrap(),
        "--page",
        "1",
        "--svg",
        dir.join("x.svg").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("a text rendering has no page geometry"), "{}", stderr(&out));
    assert!(!dir.join("x.svg").exists());
}

#[test]
fn errors_are_typed_with_their_exit_codes() {
    let dir = fresh_dir("inspect-errors");
    let missing = dir.join("nope.pdf");
    let out = run(&["inspect", missing.to_str().unwrap(), "--page", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope.pdf: no such file"), "{}", stderr(&out));

    let pdf = dir.join("demo.pdf");
    std::fs::write(&pdf, demo_pdf()).unwrap();
    let out = run(&["inspect", pdf.to_str().unwrap(), "--page", "3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("page 3 is out of range: "), "{}", stderr(&out));
    assert!(stderr(&out).contains("demo.pdf has 2 page(s)"), "{}", stderr(&out));
    let out = run(&["inspect", pdf.to_str().unwrap(), "--page", "0"]);
    assert_eq!(out.status.code(), Some(2), "page 0 is refused by the argument parser");
    let out = run(&["inspect", pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "--page is required");

    let damaged = dir.join("damaged.pdf");
    std::fs::write(&damaged, b"%PDF-1.7\nthis is not a PDF body").unwrap();
    let out = run(&["inspect", damaged.to_str().unwrap(), "--page", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("damaged.pdf: cannot read it: "), "{}", stderr(&out));

    let docx = dir.join("minutes.docx");
    std::fs::write(&docx, b"PK").unwrap();
    let out = run(&["inspect", docx.to_str().unwrap(), "--page", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unsupported file type"), "{}", stderr(&out));

    // An SVG that cannot be written: nothing is left behind.
    let out = run(&[
        "inspect",
        pdf.to_str().unwrap(),
        "--page",
        "1",
        "--svg",
        dir.join("no/such/dir.svg").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot write "), "{}", stderr(&out));
}

/// A real page: the KCC quarterly performance report's RAG scorecard.
#[test]
fn a_real_scorecard_page_draws_every_cell() {
    let Some(real) = agendapack::testsupport::shared_corpus_file("real") else { return };
    let pdf = real.join("kcc_cabinet_2025-03-04_qpr_q3_rag_scorecard.pdf");
    if !pdf.exists() {
        panic!("{} is missing from the shared corpus", pdf.display());
    }
    let dir = fresh_dir("inspect-real");
    let svg = dir.join("p4.svg");
    let out =
        run(&["inspect", pdf.to_str().unwrap(), "--page", "4", "--svg", svg.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&svg).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("not XML: {e}"));
    let layout = agendapack::inspect::open(&pdf).unwrap();
    let grids = tables::page_grids(&layout.pages[3], &TableSettings::default());
    assert!(!grids.is_empty());
    for g in &grids {
        let drawn = doc
            .descendants()
            .filter(|n| {
                n.attribute("class") == Some("cell")
                    && n.attribute("data-grid") == Some(g.id.as_str())
            })
            .count();
        assert_eq!(drawn, drawn_cells(g), "{}", g.id);
    }
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("cell"))
        .filter_map(|n| n.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()))
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.ends_with(": % of phone calls to Contact Point which were answered")),
        "{titles:?}"
    );
    // The ratings are printed on filled cells: 5 GREEN, 7 RED and 2 AMBER on the page.
    let mut colours: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("fill"))
        .filter_map(|n| n.attribute("fill"))
        .collect();
    colours.sort_unstable();
    let count = |c: &str| colours.iter().filter(|x| **x == c).count();
    assert_eq!((count("#00ff00"), count("#c00000"), count("#ffc000")), (5, 7, 2), "{colours:?}");
}

/// The QPR's DoT arrows are drawn as paths; `inspect` marks each and the direction the legend of
/// page 2 gives it. Page 4 prints, top to bottom: worsening (callers rating their advisor), then
/// six level arrows (no change).
#[test]
fn a_real_scorecard_page_names_each_arrow() {
    let Some(real) = agendapack::testsupport::shared_corpus_file("real") else { return };
    let pdf = real.join("kcc_cabinet_2025-03-04_qpr_q3_rag_scorecard.pdf");
    if !pdf.exists() {
        panic!("{} is missing from the shared corpus", pdf.display());
    }
    let out = run(&["inspect", pdf.to_str().unwrap(), "--page", "4"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let dirs: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("image path"))
        .filter_map(|l| l.split("DoT ").nth(1))
        .map(|d| d.trim_end_matches(')'))
        .collect();
    assert_eq!(
        dirs,
        ["worsening", "unchanged", "unchanged", "unchanged", "unchanged", "unchanged", "unchanged"],
        "{text}"
    );

    // The legend itself, page 2: improving, worsening, stable, in that order.
    let out = run(&["inspect", pdf.to_str().unwrap(), "--page", "2"]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let legend: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split("DoT ").nth(1))
        .map(|d| d.trim_end_matches(')'))
        .collect();
    assert_eq!(legend, ["improving", "worsening", "unchanged"], "{text}");
}
