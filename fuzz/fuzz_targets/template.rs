//! A small, valid one-page PDF around fuzzed parts, so that a target reaches the content-stream
//! interpreter or the font decoders through the public ingest entry point.

/// Builds a PDF whose page content is `content`, with font /F1 (a TrueType font with a
/// ToUnicode CMap `cmap`), font /F2 (a Type0 Identity-H font with the same CMap) and a Form
/// XObject /Fx whose content is `form`.
pub fn pdf(content: &[u8], cmap: &[u8], form: &[u8]) -> Vec<u8> {
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
/Resources << /Font << /F1 5 0 R /F2 7 0 R >> /XObject << /Fx 9 0 R >> >> >>"
            .to_vec(),
        stream(b"", content),
        b"<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 126 \
/Widths [] /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>"
            .to_vec(),
        stream(b"", cmap),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Arial /Encoding /Identity-H \
/DescendantFonts [8 0 R] /ToUnicode 6 0 R >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Arial /CIDSystemInfo \
<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 /W [0 [600 700] 10 20 400] >>"
            .to_vec(),
        stream(b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> ", form),
    ];
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1)
            .as_bytes(),
    );
    out
}

fn stream(dict_extra: &[u8], data: &[u8]) -> Vec<u8> {
    let mut s = b"<< ".to_vec();
    s.extend_from_slice(dict_extra);
    s.extend_from_slice(format!("/Length {} >>\nstream\n", data.len()).as_bytes());
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

/// A ToUnicode CMap mapping single bytes 0x20-0x7e to themselves and two ranges of 2-byte codes.
pub const CMAP: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
/CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <00> <FF> endcodespacerange \
2 beginbfrange <20> <7E> <0020> <80> <82> [<00A3> <2019> <2022>] endbfrange \
1 beginbfchar <41> <0041> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end";

/// A content stream that shows text in both fonts and draws the form.
pub const CONTENT: &[u8] = b"BT /F1 12 Tf 72 720 Td (Agenda Item 6 \x80 Page 12) Tj ET \
BT /F2 10 Tf 1 0 0 1 72 700 Tm <0041004200430020> Tj [<0044> -120 <0045>] TJ ET \
q 1 0 0 1 0 0 cm /Fx Do Q 0.5 w 72 690 m 500 690 l S 72 600 400 1 re f";

/// The form's content.
pub const FORM: &[u8] = b"BT /F1 9 Tf 500 30 Td (Page 3) Tj ET";
