//! Damaged inputs made at test time from the real and rendered PDFs and the text renderings.

use std::io::Write;

/// One generated input.
pub struct Case {
    /// `<category>/<seed>/<variant>`.
    pub name: String,
    pub category: &'static str,
    /// File extension that decides how it is read ("pdf" or "txt").
    pub ext: &'static str,
    pub bytes: Vec<u8>,
}

/// A small deterministic generator (xorshift64*), so every run makes the same inputs.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// A small PDF made of the first `keep` pages of a corpus PDF (objects pruned, saved by lopdf
/// with a classic cross-reference table), so that thousands of variants stay cheap to read.
pub fn seed_pdf(bytes: &[u8], keep: u32) -> Option<Vec<u8>> {
    let mut doc = lopdf::Document::load_mem(bytes).ok()?;
    let pages: Vec<u32> = doc.get_pages().keys().copied().filter(|n| *n > keep).collect();
    doc.delete_pages(&pages);
    doc.prune_objects();
    doc.decompress();
    let mut out = Vec::new();
    doc.save_to(&mut out).ok()?;
    Some(out)
}

fn case(
    category: &'static str,
    seed: &str,
    variant: String,
    ext: &'static str,
    bytes: Vec<u8>,
) -> Case {
    Case { name: format!("{category}/{seed}/{variant}"), category, ext, bytes }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn replace_all(hay: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(hay.len());
    let mut i = 0;
    while i < hay.len() {
        if hay[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(hay[i]);
            i += 1;
        }
    }
    out
}

/// Rewrites every `/Length <n>` with `f(n)`.
fn map_lengths(pdf: &[u8], f: impl Fn(u64) -> String) -> Vec<u8> {
    let mut out = Vec::with_capacity(pdf.len());
    let mut i = 0;
    while i < pdf.len() {
        if pdf[i..].starts_with(b"/Length ") {
            let start = i + 8;
            let mut j = start;
            while j < pdf.len() && pdf[j].is_ascii_digit() {
                j += 1;
            }
            // Leave indirect lengths (`/Length 12 0 R`) alone.
            let indirect = pdf[j..].starts_with(b" 0 R");
            if j > start && !indirect {
                let n: u64 = std::str::from_utf8(&pdf[start..j])
                    .ok()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                out.extend_from_slice(b"/Length ");
                out.extend_from_slice(f(n).as_bytes());
                i = j;
                continue;
            }
        }
        out.push(pdf[i]);
        i += 1;
    }
    out
}

/// Numbered object bodies for an incremental update.
type Objects = Vec<(u32, Vec<u8>)>;

/// Appends objects as an incremental update (new xref section with /Prev) that replaces `root`.
fn incremental(pdf: &[u8], objects: &[(u32, Vec<u8>)], extra_trailer: &str) -> Vec<u8> {
    let prev = rfind(pdf, b"startxref")
        .and_then(|p| {
            let tail = &pdf[p + 9..];
            let s: String = tail
                .iter()
                .skip_while(|b| b.is_ascii_whitespace())
                .take_while(|b| b.is_ascii_digit())
                .map(|b| *b as char)
                .collect();
            s.parse::<usize>().ok()
        })
        .unwrap_or(0);
    let size = objects.iter().map(|(n, _)| *n).max().unwrap_or(0) + 1;
    let root = trailer_ref(pdf, b"/Root").unwrap_or_else(|| "1 0 R".into());
    let mut out = pdf.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut offsets = Vec::new();
    for (n, body) in objects {
        offsets.push((*n, out.len()));
        out.extend_from_slice(format!("{n} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n");
    for (n, off) in &offsets {
        out.extend_from_slice(format!("{n} 1\n{off:010} 00000 n \n").as_bytes());
    }
    let _ = write!(
        out,
        "trailer\n<< /Size {} /Root {root} /Prev {prev} {extra_trailer}>>\nstartxref\n{xref}\n%%EOF\n",
        size.max(trailer_size(pdf).unwrap_or(0))
    );
    out
}

fn trailer_ref(pdf: &[u8], key: &[u8]) -> Option<String> {
    let t = rfind(pdf, b"trailer")?;
    let k = find(&pdf[t..], key)? + t + key.len();
    let s: String = pdf[k..].iter().take(24).map(|b| *b as char).collect();
    let parts: Vec<&str> = s.split_whitespace().take(3).collect();
    (parts.len() == 3 && parts[2].starts_with('R')).then(|| format!("{} {} R", parts[0], parts[1]))
}

fn trailer_size(pdf: &[u8]) -> Option<u32> {
    let t = rfind(pdf, b"trailer")?;
    let k = find(&pdf[t..], b"/Size")? + t + 5;
    let s: String = pdf[k..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|b| *b as char)
        .collect();
    s.parse().ok()
}

/// The first page object's number in a lopdf-saved seed.
fn first_page(pdf: &[u8]) -> Option<(u32, u32)> {
    let doc = lopdf::Document::load_mem(pdf).ok()?;
    let (_, id) = doc.get_pages().into_iter().next()?;
    let pages = doc.catalog().ok()?.get(b"Pages").ok()?.as_reference().ok()?.0;
    Some((id.0, pages))
}

/// Every damaged variant of one seed PDF.
pub fn pdf_cases(seed_name: &str, pdf: &[u8], rng: &mut Rng, flips: usize) -> Vec<Case> {
    let mut v = Vec::new();
    let n = pdf.len();
    // Truncation at several points, including inside the trailer.
    for (label, at) in [
        ("1pct", n / 100),
        ("5pct", n / 20),
        ("10pct", n / 10),
        ("25pct", n / 4),
        ("50pct", n / 2),
        ("75pct", n * 3 / 4),
        ("90pct", n * 9 / 10),
        ("99pct", n * 99 / 100),
        ("minus20", n.saturating_sub(20)),
        ("minus1", n.saturating_sub(1)),
    ] {
        v.push(case("truncated", seed_name, label.into(), "pdf", pdf[..at].to_vec()));
    }
    // Random byte flips (seeded): 1 to 64 bytes changed anywhere.
    for k in 0..flips {
        let mut b = pdf.to_vec();
        let count = 1 + rng.below(64);
        for _ in 0..count {
            let i = rng.below(b.len());
            b[i] = (rng.next() & 0xff) as u8;
        }
        v.push(case("byte_flips", seed_name, format!("{k:02}"), "pdf", b));
    }
    // Missing or wrong cross-reference data.
    if let Some(p) = rfind(pdf, b"startxref") {
        v.push(case("xref", seed_name, "no_startxref".into(), "pdf", pdf[..p].to_vec()));
    }
    v.push(case(
        "xref",
        seed_name,
        "no_xref_keyword".into(),
        "pdf",
        replace_all(pdf, b"xref", b"xxxx"),
    ));
    if let Some(x) = rfind(pdf, b"\nxref") {
        let mut b = pdf.to_vec();
        // Shift every offset of the table by 7 bytes: each entry points inside another object.
        let mut i = x + 5;
        while i + 20 <= b.len() && !b[i..].starts_with(b"trailer") {
            if b[i..i + 10].iter().all(u8::is_ascii_digit) && b[i + 10] == b' ' {
                let off: u64 = std::str::from_utf8(&b[i..i + 10])
                    .ok()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                let s = format!("{:010}", off + 7);
                b[i..i + 10].copy_from_slice(s.as_bytes());
                i += 20;
            } else {
                i += 1;
            }
        }
        v.push(case("xref", seed_name, "offsets_shifted".into(), "pdf", b));
        let mut b = pdf.to_vec();
        if let Some(s) = rfind(&b, b"startxref") {
            let digits: Vec<usize> =
                (s + 9..b.len()).filter(|&j| b[j].is_ascii_digit()).take(1).collect();
            if let Some(&d) = digits.first() {
                b[d] = b'9';
            }
        }
        v.push(case("xref", seed_name, "startxref_wrong".into(), "pdf", b));
    }
    // Wrong and enormous /Length values.
    v.push(case(
        "length",
        seed_name,
        "plus_100".into(),
        "pdf",
        map_lengths(pdf, |n| (n + 100).to_string()),
    ));
    v.push(case(
        "length",
        seed_name,
        "half".into(),
        "pdf",
        map_lengths(pdf, |n| (n / 2).to_string()),
    ));
    v.push(case("length", seed_name, "zero".into(), "pdf", map_lengths(pdf, |_| "0".into())));
    v.push(case("length", seed_name, "negative".into(), "pdf", map_lengths(pdf, |_| "-5".into())));
    v.push(case(
        "length",
        seed_name,
        "enormous".into(),
        "pdf",
        map_lengths(pdf, |_| "99999999999999".into()),
    ));
    v.push(case(
        "length",
        seed_name,
        "huge_u64".into(),
        "pdf",
        map_lengths(pdf, |_| "18446744073709551615".into()),
    ));
    // Structural attacks through an incremental update.
    if let Some((page, pages)) = first_page(pdf) {
        let size = trailer_size(pdf).unwrap_or(1000).max(1000);
        let cases: Vec<(&str, Objects)> = vec![
            // The page tree contains itself.
            (
                "pages_kids_self",
                vec![(pages, format!("<< /Type /Pages /Kids [{pages} 0 R {page} 0 R] /Count 2 >>").into_bytes())],
            ),
            // A page whose parent is itself and whose contents refer to the page.
            (
                "page_parent_self",
                vec![(
                    page,
                    format!("<< /Type /Page /Parent {page} 0 R /Contents {page} 0 R /MediaBox [0 0 595 842] >>")
                        .into_bytes(),
                )],
            ),
            // Two objects that refer to each other, used as a Length and as Resources.
            (
                "reference_cycle",
                vec![
                    (size, format!("{} 0 R", size + 1).into_bytes()),
                    (size + 1, format!("{size} 0 R").into_bytes()),
                    (size + 2, format!("<< /Length {size} 0 R >>\nstream\nBT ET\nendstream").into_bytes()),
                    (
                        page,
                        format!(
                            "<< /Type /Page /Parent {pages} 0 R /Contents {} 0 R /Resources {size} 0 R /MediaBox [0 0 595 842] >>",
                            size + 2
                        )
                        .into_bytes(),
                    ),
                ],
            ),
            // A Form XObject that draws itself.
            (
                "form_draws_itself",
                vec![
                    (
                        size,
                        format!(
                            "<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /Fx {size} 0 R >> >> /Length 6 >>\nstream\n/Fx Do\nendstream"
                        )
                        .into_bytes(),
                    ),
                    (size + 1, b"<< /Length 12 >>\nstream\nq /Fx Do Q  \nendstream".to_vec()),
                    (
                        page,
                        format!(
                            "<< /Type /Page /Parent {pages} 0 R /Contents {} 0 R /Resources << /XObject << /Fx {size} 0 R >> >> /MediaBox [0 0 595 842] >>",
                            size + 1
                        )
                        .into_bytes(),
                    ),
                ],
            ),
            // Deeply nested arrays and dictionaries in the page dictionary.
            (
                "nested_arrays",
                vec![(
                    page,
                    format!(
                        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] /Junk {}{} >>",
                        "[".repeat(50_000),
                        "]".repeat(50_000)
                    )
                    .into_bytes(),
                )],
            ),
            (
                "nested_dicts",
                vec![(
                    page,
                    format!(
                        "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] /Junk {}{} >>",
                        "<< /A ".repeat(50_000),
                        ">>".repeat(50_000)
                    )
                    .into_bytes(),
                )],
            ),
            // Deeply nested arrays inside the content stream, and a runaway q nesting.
            (
                "nested_content",
                vec![
                    (size, {
                        let body = format!("BT /F1 12 Tf {}(x){} TJ ET {} ", "[".repeat(100_000), "]".repeat(100_000), "q ".repeat(100_000));
                        let mut s = format!("<< /Length {} >>\nstream\n", body.len()).into_bytes();
                        s.extend_from_slice(body.as_bytes());
                        s.extend_from_slice(b"\nendstream");
                        s
                    }),
                    (
                        page,
                        format!("<< /Type /Page /Parent {pages} 0 R /Contents {size} 0 R /MediaBox [0 0 595 842] >>").into_bytes(),
                    ),
                ],
            ),
        ];
        for (label, objs) in cases {
            let category = match label {
                "nested_arrays" | "nested_dicts" | "nested_content" => "nesting",
                _ => "circular",
            };
            v.push(case(category, seed_name, label.into(), "pdf", incremental(pdf, &objs, "")));
        }
        // Encrypted: a standard security handler with an unknown user password.
        let enc = vec![(
            size + 10,
            b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <5f3c7e2a4b1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f> /U <1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809> >>"
                .to_vec(),
        )];
        let extra = format!(
            "/Encrypt {} 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ",
            size + 10
        );
        v.push(case(
            "encrypted",
            seed_name,
            "standard_r3".into(),
            "pdf",
            incremental(pdf, &enc, &extra),
        ));
    }
    v
}

/// A PDF whose first page's content stream inflates to `inflated` zero bytes.
pub fn bomb(pdf: &[u8], inflated: usize, label: &str, seed_name: &str) -> Option<Case> {
    let (page, pages) = first_page(pdf)?;
    let size = trailer_size(pdf).unwrap_or(1000).max(1000);
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    let mut left = inflated;
    while left > 0 {
        let k = left.min(chunk.len());
        enc.write_all(&chunk[..k]).ok()?;
        left -= k;
    }
    let data = enc.finish().ok()?;
    let mut stream =
        format!("<< /Length {} /Filter /FlateDecode >>\nstream\n", data.len()).into_bytes();
    stream.extend_from_slice(&data);
    stream.extend_from_slice(b"\nendstream");
    let objs = vec![
        (size, stream),
        (
            page,
            format!(
                "<< /Type /Page /Parent {pages} 0 R /Contents {size} 0 R /MediaBox [0 0 595 842] >>"
            )
            .into_bytes(),
        ),
    ];
    Some(case("bomb", seed_name, label.into(), "pdf", incremental(pdf, &objs, "")))
}

/// Files that are not PDFs at all, named `.pdf`, and empty files.
pub fn not_pdf_cases(text_sample: &[u8]) -> Vec<Case> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(&[0u8; 64]);
    let mut rng = Rng::new(7);
    let random: Vec<u8> = (0..4096).map(|_| (rng.next() & 0xff) as u8).collect();
    vec![
        case("not_pdf", "-", "text_named_pdf".into(), "pdf", text_sample.to_vec()),
        case("not_pdf", "-", "png".into(), "pdf", png),
        case("not_pdf", "-", "random_bytes".into(), "pdf", random),
        case(
            "not_pdf",
            "-",
            "html".into(),
            "pdf",
            b"<!DOCTYPE html><html><body>Agenda</body></html>".to_vec(),
        ),
        case("not_pdf", "-", "header_only".into(), "pdf", b"%PDF-1.7\n".to_vec()),
        case(
            "not_pdf",
            "-",
            "header_then_garbage".into(),
            "pdf",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog".to_vec(),
        ),
        case("empty", "-", "empty_pdf".into(), "pdf", Vec::new()),
        case("empty", "-", "empty_txt".into(), "txt", Vec::new()),
        case("empty", "-", "whitespace_txt".into(), "txt", b"   \n\n\t\n".to_vec()),
    ]
}

/// Text renderings with invalid UTF-8 at several places, and a few other broken texts.
pub fn text_cases(seed_name: &str, text: &[u8], rng: &mut Rng) -> Vec<Case> {
    let mut v = Vec::new();
    let n = text.len();
    for (label, bad) in [
        ("ff_byte", &b"\xff"[..]),
        ("lone_continuation", &b"\x80"[..]),
        ("cut_multibyte", &b"\xe2\x82"[..]),
        ("overlong", &b"\xc0\xaf"[..]),
    ] {
        for (where_, at) in [("start", 0), ("middle", n / 2), ("end", n)] {
            let mut b = text[..at].to_vec();
            b.extend_from_slice(bad);
            b.extend_from_slice(&text[at..]);
            v.push(case("utf8", seed_name, format!("{label}_{where_}"), "txt", b));
        }
    }
    // Valid UTF-8 but hostile: NULs, a very long line, cut in the middle of a table.
    let mut b = text.to_vec();
    for _ in 0..20 {
        let i = rng.below(b.len());
        b[i] = 0;
    }
    v.push(case("text", seed_name, "nul_bytes".into(), "txt", b));
    let mut b = text[..n / 3].to_vec();
    b.extend(std::iter::repeat_n(b'\t', 200_000));
    b.extend_from_slice(b"\n");
    v.push(case("text", seed_name, "tab_flood".into(), "txt", b));
    v
}
