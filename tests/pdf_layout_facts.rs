//! Layout facts the PDF reader keeps beside text and rulings, on small PDFs written by the
//! tests: filled rectangles with their colour, image placements with their content hash, and
//! the writing direction of rotated text.

mod pdf_synth;

use std::io::Write;

use agendapack::ingest::pdf::{Limits, read};
use agendapack::model::{BBox, ImageHashOf, Layout};
use pdf_synth::{Obj, Pdf, one_page};
use sha2::{Digest, Sha256};

fn layout(bytes: &[u8]) -> Layout {
    read(bytes, &Limits::default()).unwrap_or_else(|e| panic!("ingest failed: {e}"))
}

fn sha256_hex(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn close(a: &BBox, b: &BBox) -> bool {
    [(a.x0, b.x0), (a.top, b.top), (a.x1, b.x1), (a.bottom, b.bottom)]
        .iter()
        .all(|(x, y)| (x - y).abs() < 0.01)
}

#[test]
fn filled_rectangles_keep_their_box_and_colour() {
    let mut pdf = Pdf::new();
    let icc = pdf.add(Obj::Stream("/N 3".into(), b"not a real profile".to_vec()));
    let content = "\
        0.851 0.882 0.949 rg 50 600 200 30 re f \
        1 1 1 rg 0 0 612 792 re f \
        0 0 0 rg 50 500 200 1 re f \
        0.5 g 300 500 40 40 re f \
        0 0 1 0 k 300 400 40 40 re f \
        /CS0 cs 0.2 0.4 0.6 sc 300 300 40 40 re f \
        /CS1 cs 0.5 scn 300 200 40 40 re f \
        q 2 0 0 2 100 100 cm 0 0.6 0 rg 0 0 10 10 re f Q \
        0 0 1 rg 400 100 m 450 100 l 450 150 l 400 150 l h f \
        0.2 g 400 50 m 450 50 l 425 90 l h f";
    let res = format!(
        "/ColorSpace << /CS0 [/ICCBased {icc} 0 R] /CS1 [/Separation /Spot /DeviceCMYK 0 0 R] >>"
    );
    pdf.page(content, &res, "");
    let l = layout(&pdf.finish());
    let p = &l.pages[0];
    let got: Vec<(BBox, Option<&str>)> =
        p.fills.iter().map(|f| (f.bbox, f.colour.as_deref())).collect();
    let want: Vec<(BBox, Option<&str>)> = vec![
        // A header band: 200 x 30 at y 600..630 in PDF space, 162..192 from the top.
        (BBox::new(50.0, 162.0, 250.0, 192.0), Some("#d9e1f2")),
        // The white page background is no fill, and the 1 pt bar is a ruling.
        (BBox::new(300.0, 252.0, 340.0, 292.0), Some("#808080")),
        (BBox::new(300.0, 352.0, 340.0, 392.0), Some("#ffff00")),
        // An ICC-based space of three components reads as RGB.
        (BBox::new(300.0, 452.0, 340.0, 492.0), Some("#336699")),
        // A spot colour has no RGB of its own here.
        (BBox::new(300.0, 552.0, 340.0, 592.0), None),
        // Through the CTM: 10 x 10 scaled by 2 at (100, 100).
        (BBox::new(100.0, 672.0, 120.0, 692.0), Some("#009900")),
        // A closed four-point path is a rectangle too; a triangle is not.
        (BBox::new(400.0, 642.0, 450.0, 692.0), Some("#0000ff")),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for ((gb, gc), (wb, wc)) in got.iter().zip(&want) {
        assert!(close(gb, wb) && gc == wc, "got {gb:?} {gc:?}, want {wb:?} {wc:?}");
    }
    assert_eq!(p.rulings.len(), 1, "the thin bar stays a ruling: {:?}", p.rulings);
}

/// A 2 x 2 RGB image, 8 bits per component.
const SAMPLES: [u8; 12] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255];

fn flate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[test]
fn images_are_placed_and_hashed_by_their_samples() {
    let mut pdf = Pdf::new();
    let dict = "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceRGB \
                /BitsPerComponent 8";
    let im1 = pdf.add(Obj::Stream(format!("{dict} /Filter /FlateDecode"), flate(&SAMPLES)));
    let im2 = pdf.add(Obj::Stream(dict.to_string(), SAMPLES.to_vec()));
    let jpeg = b"\xff\xd8\xff\xe0 not decoded".to_vec();
    let im3 = pdf.add(Obj::Stream(
        "/Type /XObject /Subtype /Image /Width 40 /Height 30 /ColorSpace /DeviceRGB \
         /BitsPerComponent 8 /Filter /DCTDecode"
            .into(),
        jpeg.clone(),
    ));
    // A form that draws Im1 in its own space, placed at (400, 100) scaled by 3.
    let form = pdf.add(Obj::Stream(
        format!(
            "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /Im1 {im1} 0 R >> >>"
        ),
        b"q 10 0 0 10 0 0 cm /Im1 Do Q".to_vec(),
    ));
    let content = "q 20 0 0 10 100 700 cm /Im1 Do Q \
                   q 20 0 0 10 200 700 cm /Im2 Do Q \
                   q 40 0 0 30 300 600 cm /Im3 Do Q \
                   q 3 0 0 3 400 100 cm /Fm1 Do Q \
                   q 8 0 0 8 50 50 cm BI /W 2 /H 2 /BPC 8 /CS /RGB /F /AHx ID \
                   ff000000ff000000ffffffff> EI Q";
    let res =
        format!("/XObject << /Im1 {im1} 0 R /Im2 {im2} 0 R /Im3 {im3} 0 R /Fm1 {form} 0 R >>");
    pdf.page(content, &res, "");
    // The same image on a second page.
    pdf.page("q 20 0 0 10 100 700 cm /Im1 Do Q", &res, "");
    let l = layout(&pdf.finish());
    let imgs = &l.pages[0].images;
    let names: Vec<&str> = imgs.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["Im1", "Im2", "Im3", "Im1", "inline"]);
    let boxes: Vec<BBox> = imgs.iter().map(|i| i.bbox).collect();
    let want = [
        BBox::new(100.0, 82.0, 120.0, 92.0),
        BBox::new(200.0, 82.0, 220.0, 92.0),
        BBox::new(300.0, 162.0, 340.0, 192.0),
        BBox::new(400.0, 662.0, 430.0, 692.0),
        BBox::new(50.0, 734.0, 58.0, 742.0),
    ];
    for (g, w) in boxes.iter().zip(&want) {
        assert!(close(g, w), "got {g:?}, want {w:?}");
    }
    // Flate, uncompressed and ASCIIHex copies of one picture share the hash of its samples.
    let samples = sha256_hex(&[b"2x2x8\n", &SAMPLES]);
    for i in [0, 1, 3, 4] {
        assert_eq!(imgs[i].hash, samples, "{}", imgs[i].name);
        assert_eq!(imgs[i].hash_of, ImageHashOf::Samples);
        assert_eq!((imgs[i].width, imgs[i].height), (2, 2));
    }
    // A JPEG is not decoded: the hash is of its bytes, after its shape.
    assert_eq!(imgs[2].hash, sha256_hex(&[b"40x30x8\n", &jpeg]));
    assert_eq!(imgs[2].hash_of, ImageHashOf::Encoded);
    assert_eq!(l.pages[1].images.len(), 1);
    assert_eq!(l.pages[1].images[0].hash, samples);
}

#[test]
fn rotated_runs_carry_their_direction() {
    let content = "BT /F1 10 Tf 72 700 Td (Risk title) Tj ET \
                   BT /F1 10 Tf 0 1 -1 0 300 400 Tm (Market Risks) Tj ET \
                   BT /F1 10 Tf 0 -1 1 0 100 400 Tm (Page 8) Tj ET \
                   BT /F1 10 Tf -1 0 0 -1 400 100 Tm (Upside) Tj ET";
    let l = layout(&one_page(content));
    let p = &l.pages[0];
    let dirs: Vec<(&str, u8)> =
        p.lines.iter().flat_map(|l| &l.runs).map(|r| (r.text.as_str(), r.dir)).collect();
    for want in [("Risk", 0), ("title", 0), ("Market", 3), ("Risks", 3), ("Page", 1), ("Upside", 2)]
    {
        assert!(dirs.contains(&want), "{want:?} not in {dirs:?}");
    }
    // Bottom to top at x = 300: the run stands upright, its box taller than wide.
    let market = p.lines.iter().flat_map(|l| &l.runs).find(|r| r.text == "Market").unwrap();
    assert!(market.bottom - market.top > market.x1 - market.x0, "{market:?}");
    assert!(market.x0 < 300.0 && market.x1 > 295.0 && market.bottom <= 392.01, "{market:?}");
    // Left-to-right runs and pages without fills or images serialise as before.
    let risk = serde_json::to_value(&p.lines[0].runs[0]).unwrap();
    assert!(risk.get("dir").is_none(), "{risk}");
    assert_eq!(serde_json::to_value(market).unwrap()["dir"], 3);
    let page = serde_json::to_value(p).unwrap();
    assert!(page.get("fills").is_none() && page.get("images").is_none());
}
