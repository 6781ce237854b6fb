//! PDF ingest on small PDFs written by the tests: text state and positioning, fonts and
//! encodings, Form XObjects, rotation, ruling lines, superscripts, limits, damage, encryption.

mod pdf_synth;

use std::io::Write;

use agendapack::ingest::pdf::{Limits, read};
use agendapack::limits::LimitKind;
use agendapack::model::{Layout, Page};
use agendapack::{DocError, Stage};
use pdf_synth::{Obj, Pdf, one_page};

fn layout(bytes: &[u8]) -> Layout {
    read(bytes, &Limits::default()).unwrap_or_else(|e| panic!("ingest failed: {e}"))
}

fn texts(p: &Page) -> Vec<&str> {
    p.lines.iter().map(|l| l.text.as_str()).collect()
}

#[test]
fn tj_kerning_breaks_words_by_gap_not_by_threshold() {
    // -250/1000 em at 12 pt is a 3 pt gap: a word break. -20 is kerning inside a word.
    let l = layout(&one_page("BT /F1 12 Tf 72 720 Td [(Hel)-20(lo)-250(W)30(orld)] TJ ET"));
    let p = &l.pages[0];
    assert_eq!(texts(p), vec!["Hello World"]);
    let runs: Vec<&str> = p.lines[0].runs.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(runs, vec!["Hello", "World"]);
    let r = &p.lines[0].runs[0];
    assert_eq!(r.x0, 72.0);
    // Helvetica: H 722 e 556 l 222 l 222 o 556 = 2278/1000 em, and a TJ adjustment of -20
    // moves the next glyph 20/1000 em further right; at 12 pt.
    assert!((r.x1 - (72.0 + 12.0 * 2.298)).abs() < 0.01, "x1 {}", r.x1);
    assert_eq!(r.size, 12.0);
    // Baseline at 792 - 720 = 72 from the top; Helvetica's default ascent 0.8 em.
    assert!((r.top - (72.0 - 9.6)).abs() < 0.01 && (r.bottom - (72.0 + 2.4)).abs() < 0.01, "{r:?}");
    assert_eq!(l.unmapped_glyphs, 0);
    assert_eq!(l.total_glyphs, 10);
}

#[test]
fn text_state_operators_position_lines() {
    let content = "BT /F2 10 Tf 14 TL 72 700 Td (Budget) Tj T* (Amendments) Tj (Item 6) ' ET \
                   BT /F1 10 Tf 1 0 0 1 300 700 Tm 5 Tw (a b) Tj ET \
                   BT /F1 10 Tf 72 600 Td 3 Tc (AGENDA) Tj ET";
    let l = layout(&one_page(content));
    let p = &l.pages[0];
    // "a b" shares the first baseline, far to the right: set off by a TAB.
    assert_eq!(texts(p), vec!["Budget\ta b", "Amendments", "Item 6", "AGENDA"]);
    assert!(p.lines[0].runs[0].bold && !p.lines[0].runs[1].bold);
    assert_eq!(p.lines[0].runs[0].font.as_deref(), Some("Helvetica-Bold"));
    // T* and ' move down by the leading.
    let base = |i: usize| p.lines[i].runs[0].bottom;
    assert!((base(1) - base(0) - 14.0).abs() < 0.01 && (base(2) - base(1) - 14.0).abs() < 0.01);
    // Word spacing widens the space: "b" starts at 300 + (556 + 278) / 1000 * 10 + 5.
    let b = &p.lines[0].runs[2];
    assert!((b.x0 - 313.34).abs() < 0.01, "{b:?}");
}

#[test]
fn simple_font_encodings_and_type0_fonts() {
    let mut pdf = Pdf::new();
    let diff = pdf.add(Obj::Raw(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 65 /LastChar 66 /Widths [600 500] \
         /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [65 /sterling /uni2019] >> >>"
            .into(),
    ));
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
                1 begincodespacerange <0000> <FFFF> endcodespacerange \
                2 beginbfchar <0003> <0020> <0050> <00660069> endbfchar \
                1 beginbfrange <0024> <0026> <0052> endbfrange endcmap end end";
    let tu = pdf.add(Obj::Stream(String::new(), cmap.as_bytes().to_vec()));
    let desc = pdf.add(Obj::Raw(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Arial-ItalicMT /DW 500 /W [36 [700 600] 38 38 650 3 3 250] \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>"
            .into(),
    ));
    let t0 = pdf.add(Obj::Raw(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Arial-ItalicMT /Encoding /Identity-H \
         /DescendantFonts [{desc} 0 R] /ToUnicode {tu} 0 R >>"
    )));
    let noto = pdf.add(Obj::Raw(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /Mystery /Encoding /Identity-H /DescendantFonts [{desc} 0 R] >>"
    )));
    let content = "BT /FD 10 Tf 72 700 Td (AB5) Tj ET \
                   BT /FT 10 Tf 72 650 Td <00240025002600030050> Tj ET \
                   BT /FN 10 Tf 72 600 Td <0024> Tj ET";
    pdf.page(content, &format!("/Font << /FD {diff} 0 R /FT {t0} 0 R /FN {noto} 0 R >>"), "");
    let l = layout(&pdf.finish());
    let p = &l.pages[0];
    assert_eq!(texts(p), vec!["£’5", "RST fi", "\u{fffd}"]);
    // Widths from /Widths (600, 500) and, for the code outside them, MissingWidth 0.
    let r = &p.lines[0].runs[0];
    assert!((r.x1 - r.x0 - 11.0).abs() < 0.01, "{r:?}");
    // CID widths from /W: 700 + 600 + 650, a space of 250, then the default 500.
    let cid = &p.lines[1].runs;
    assert!((cid[0].x1 - 72.0 - 19.5).abs() < 0.01, "{cid:?}");
    assert!((cid[1].x0 - 72.0 - 22.0).abs() < 0.01, "{cid:?}");
    assert!(cid[0].italic && !cid[0].bold);
    assert_eq!(cid[0].font.as_deref(), Some("Arial-ItalicMT"));
    assert_eq!(l.unmapped_glyphs, 1);
    assert_eq!(l.total_glyphs, 9);
}

#[test]
fn form_xobjects_are_entered_with_their_matrix_and_cycles_stop() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    // Form 4 draws a stamp and then itself again (a cycle).
    let form_no = 4;
    let form = pdf.add(Obj::Stream(
        format!(
            "/Type /XObject /Subtype /Form /BBox [0 0 200 50] /Matrix [1 0 0 1 400 40] \
             /Resources << /Font << /F1 {f1} 0 R >> /XObject << /Fx {form_no} 0 R >> >>"
        ),
        b"BT /F1 12 Tf 0 2.484 Td (Page 7) Tj ET /Fx Do".to_vec(),
    ));
    assert_eq!(form, form_no);
    pdf.page(
        "BT /F1 12 Tf 72 700 Td (Body text) Tj ET q 1 0 0 1 10 0 cm /Fx Do Q",
        &format!("/Font << /F1 {f1} 0 R >> /XObject << /Fx {form} 0 R >>"),
        "",
    );
    let l = layout(&pdf.finish());
    let p = &l.pages[0];
    assert_eq!(texts(p), vec!["Body text", "Page 7"]);
    let stamp = &p.lines[1].runs[0];
    assert!((stamp.x0 - 410.0).abs() < 0.01, "{stamp:?}");
    assert_eq!(p.stamps.len(), 1);
    assert_eq!(p.stamps[0].value, "7");
    assert_eq!(
        l.warnings,
        vec!["a form XObject draws itself; the inner drawing is skipped: page 1 (form 4 0)"]
    );
}

#[test]
fn rotated_pages_and_rotated_text() {
    let mut pdf = Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    // Page rotated 90 degrees: the text reads left to right on the displayed page.
    pdf.page(
        "BT /F1 12 Tf 0 1 -1 0 100 72 Tm (Landscape heading) Tj ET",
        &format!("/Font << /F1 {f1} 0 R >>"),
        "/Rotate 90",
    );
    // Unrotated page with text running up the right margin.
    pdf.page(
        "BT /F1 10 Tf 0 1 -1 0 580 300 Tm (Page 12) Tj ET",
        &format!("/Font << /F1 {f1} 0 R >>"),
        "",
    );
    let l = layout(&pdf.finish());
    assert_eq!((l.pages[0].width, l.pages[0].height), (792.0, 612.0));
    assert_eq!(texts(&l.pages[0]), vec!["Landscape heading"]);
    let r = &l.pages[0].lines[0].runs[0];
    assert!((r.x0 - 72.0).abs() < 0.01 && r.bottom < 612.0 - 100.0 + 3.0, "{r:?}");
    assert_eq!(texts(&l.pages[1]), vec!["Page 12"]);
    let r = &l.pages[1].lines[0].runs[0];
    assert!(r.bottom - r.top > r.x1 - r.x0, "vertical run {r:?}");
    assert_eq!(l.pages[1].stamps.len(), 1);
}

#[test]
fn ruling_lines_from_strokes_and_thin_fills() {
    let content = "0.5 w 72 700 m 540 700 l S \
                   72 600 468 0.8 re f \
                   1 g 72 550 468 0.8 re f 0 g \
                   72 400 100 50 re S \
                   72 300 200 100 re f";
    let l = layout(&one_page(content));
    let r = &l.pages[0].rulings;
    // One stroke, one thin fill, four rectangle edges; white fills and shading are not rules.
    assert_eq!(r.len(), 6, "{r:?}");
    assert!(
        r[0].is_horizontal()
            && r[0].top == 92.0
            && r[0].x0 == 72.0
            && r[0].x1 == 540.0
            && r[0].width == 0.5
    );
    assert!(
        r[1].is_horizontal() && (r[1].top - 191.6).abs() < 0.01 && (r[1].width - 0.8).abs() < 0.01
    );
    assert_eq!(r.iter().filter(|x| !x.is_horizontal()).count(), 2);
}

#[test]
fn superscripts_stay_apart_and_invisible_or_offpage_text() {
    let content = "BT /F1 10 Tf 72 700 Td (Total 1,234) Tj /F1 6 Tf 3.5 Ts (2) Tj 0 Ts /F1 10 Tf ( and 13) Tj /F1 6 Tf 3.5 Ts (th) Tj ET \
                   BT 3 Tr /F1 10 Tf 72 650 Td (hidden layer) Tj ET \
                   BT /F1 10 Tf 700 650 Td (off the page) Tj ET";
    let bytes = one_page(content);
    let l = layout(&bytes);
    let p = &l.pages[0];
    assert_eq!(texts(p), vec!["Total 1,234 2 and 13th", "hidden layer"]);
    let sup = p.lines[0].runs.iter().find(|r| r.text == "2").map(|r| r.size);
    assert_eq!(sup, Some(6.0));
}

#[test]
fn limits_bound_operators_and_decompressed_streams() {
    let many = "0 0 m ".repeat(2000);
    let bytes = one_page(&many);
    let tight = Limits { max_ops_per_page: 1000, ..Limits::default() };
    assert!(matches!(
        read(&bytes, &tight),
        Err(DocError::Limit { limit: LimitKind::OpsPerPage, stage: Stage::Ingest, .. })
    ));
    assert!(read(&bytes, &Limits::default()).is_ok());

    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(&vec![b' '; 4 << 20]).expect("compress");
    let bomb = enc.finish().expect("compress");
    let mut pdf = Pdf::new();
    let c = pdf.add(Obj::Stream("/Filter /FlateDecode".into(), bomb));
    let page = pdf.add(Obj::Raw(format!(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {c} 0 R >>"
    )));
    let bytes = {
        let mut b = pdf;
        b.add_page_ref(page);
        b.finish()
    };
    let small = Limits { max_stream_bytes: 1 << 20, ..Limits::default() };
    assert!(
        matches!(read(&bytes, &small), Err(DocError::Limit { limit: LimitKind::StreamBytes, .. })),
        "{:?}",
        read(&bytes, &small).err()
    );
    assert!(read(&bytes, &Limits::default()).is_ok());
}

#[test]
fn damaged_input_gives_typed_errors_never_panics() {
    assert!(matches!(read(b"hello", &Limits::default()), Err(DocError::NotPdf(_))));
    assert!(matches!(
        read(b"%PDF-1.7\n garbage garbage", &Limits::default()),
        Err(DocError::DamagedPdf(_))
    ));
    let good = one_page("BT /F1 12 Tf 72 720 Td (Minutes of the meeting) Tj ET");
    // Every truncation either reads (lopdf repairs the cross-references) or fails cleanly.
    let mut repaired = 0;
    for cut in (10..good.len()).step_by(7) {
        match read(&good[..cut], &Limits::default()) {
            Ok(_) => repaired += 1,
            Err(DocError::DamagedPdf(_)) | Err(DocError::NotPdf(_)) => {}
            Err(e) => panic!("cut at {cut}: unexpected {e}"),
        }
    }
    // A file missing only its cross-reference table and trailer is rebuilt by scanning.
    let xref = good.windows(4).position(|w| w == b"xref").expect("xref");
    let l = read(&good[..xref], &Limits::default()).expect("repaired");
    assert_eq!(texts(&l.pages[0]), vec!["Minutes of the meeting"]);
    assert!(repaired > 0);
    // Bytes flipped inside the content stream: still no panic.
    let mut noisy = good.clone();
    let at = noisy.windows(2).position(|w| w == b"BT").expect("BT");
    for b in noisy.iter_mut().skip(at).take(30) {
        *b = b.wrapping_mul(31).wrapping_add(7);
    }
    let _ = read(&noisy, &Limits::default());
}

#[test]
fn encrypted_files_open_with_an_empty_user_password_only() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    for name in ["encrypted_empty_user_password.pdf", "encrypted_rc4_empty_user_password.pdf"] {
        let bytes = std::fs::read(dir.join(name)).expect("fixture");
        let l = read(&bytes, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(texts(&l.pages[0]), vec!["Encrypted minutes: For (57)"], "{name}");
    }
    let bytes = std::fs::read(dir.join("encrypted_user_password.pdf")).expect("fixture");
    assert!(matches!(read(&bytes, &Limits::default()), Err(DocError::Encrypted)));
}

#[test]
fn lines_beside_a_large_figure_are_not_its_scripts() {
    // A budget amendment form: "Amendment" over "Name:" in a label cell, the label's row read
    // on across the form, and the amendment's number set large in a tall cell at the right. The
    // big figure's height spans both small lines, but they do not touch it: a superscript or
    // subscript stands within an em of the text it is raised from.
    let l = layout(&one_page(
        "BT /F1 12 Tf 50 700 Td (Amendment) Tj 80 0 Td (Labour Group) Tj ET \
         BT /F1 12 Tf 50 686 Td (Name:) Tj ET \
         BT /F1 24 Tf 500 690 Td (1) Tj ET",
    ));
    let lines = texts(&l.pages[0]);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("Amendment") && lines[0].contains("Labour Group"), "{lines:?}");
    assert!(lines[1].starts_with("Name:") && lines[1].ends_with('1'), "{lines:?}");
}
