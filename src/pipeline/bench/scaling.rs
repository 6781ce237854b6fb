//! How the pipeline's time grows with the size of a pathological input (`agendapack bench
//! --scaling`): for each shape, the full pipeline on an input of size N and of size 2N, and the
//! ratio of their times. Work that grows linearly (or as N log N) gives a ratio near 2; the
//! quadratic and cubic paths this guards against gave 4 to 8.
//!
//! The shapes are those of `../shared/adversarial/`, made here at any size:
//!
//! - **rows**: a markdown budget table of N identical rows (validation's column-total search);
//! - **total rows**: a table of N rows each labelled a total (the same search, every row a
//!   candidate total);
//! - **rules**: one page with N short horizontal rules over 20,000 glyphs (strike-through
//!   detection);
//! - **glyphs**: one page with 2,000 rules over N glyphs;
//! - **repeated streams**: one page whose `/Contents` array names one content stream N times.
//!
//! The generators are public so that the malformed-input suite makes the same inputs.

use std::io::Write;
use std::time::{Duration, Instant};

use crate::ingest::InputKind;
use crate::limits::Limits;
use crate::pipeline::process_bytes;

/// A markdown budget table of `rows` identical rows (`../shared/adversarial/
/// slow_budget_table_1000rows.txt` at 1,000).
pub fn identical_rows_table(rows: usize) -> Vec<u8> {
    let mut md = String::from("| Service | Budget | Forecast | Variance |\n|---|---|---|---|\n");
    for _ in 0..rows {
        md.push_str("| Adult Social Care | 1,234.5 | 1,300.0 | 65.5 |\n");
    }
    md.into_bytes()
}

/// A markdown budget table of `rows` rows each labelled as a total, none the sum of others.
pub fn total_rows_table(rows: usize) -> Vec<u8> {
    let mut md = String::from("| Service | Budget | Forecast | Variance |\n|---|---|---|---|\n");
    for i in 0..rows {
        md.push_str(&format!("| Total {i} | {}.5 | 1,300.0 | 65.5 |\n", 1000 + i));
    }
    md.into_bytes()
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

/// A one-page PDF (Helvetica as `/F1`) from a content stream named `repeat` times by the page's
/// `/Contents` array (once: a plain reference).
pub fn one_page_pdf(content: &[u8], repeat: usize) -> Vec<u8> {
    let data = zlib(content);
    let contents = if repeat <= 1 {
        "4 0 R".to_string()
    } else {
        format!("[{}]", vec!["4 0 R"; repeat].join(" "))
    };
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R \
             >> >> /Contents {contents} >>"
        )
        .into_bytes(),
        {
            let mut s =
                format!("<< /Filter /FlateDecode /Length {} >>\nstream\n", data.len()).into_bytes();
            s.extend_from_slice(&data);
            s.extend_from_slice(b"\nendstream");
            s
        },
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    ];
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// One page with `rules` short rules stacked 0.1 pt apart and `glyphs` glyphs of 0.5-point text
/// in lines of 1,000 (`../shared/adversarial/slow_strike_*.pdf`: 8,000 rules and 400,000
/// glyphs; 50,000 and 2,000,000).
pub fn strike_pdf(rules: usize, glyphs: usize) -> Vec<u8> {
    let mut c = String::from("0 g\n");
    for i in 0..rules {
        c.push_str(&format!("10 {:.2} 100 0.5 re f\n", 50.0 + i as f32 * 0.1));
    }
    c.push_str("BT /F1 0.5 Tf\n");
    let mut left = glyphs;
    let mut line = 0;
    while left > 0 {
        let n = left.min(1000);
        c.push_str(&format!(
            "1 0 0 1 20 {:.2} Tm ({}) Tj\n",
            20.0 + line as f32 * 0.37,
            "a".repeat(n)
        ));
        left -= n;
        line += 1;
    }
    c.push_str("ET\n");
    one_page_pdf(c.as_bytes(), 1)
}

/// One page whose `/Contents` names one small content stream (a heading, two lines of text and
/// a ruled box) `repeat` times (`../shared/adversarial/slow_contents_array_x2000.pdf`).
pub fn repeated_contents_pdf(repeat: usize) -> Vec<u8> {
    let content = b"BT /F1 14 Tf 1 0 0 1 72 720 Tm (Cabinet - 30 January 2025) Tj ET\n\
        BT /F1 10 Tf 1 0 0 1 72 690 Tm (Revenue budget monitoring, quarter 3) Tj ET\n\
        BT /F1 10 Tf 1 0 0 1 72 676 Tm (Adult Social Care 1,234.5 1,300.0 65.5) Tj ET\n\
        0.5 w 70 670 m 540 670 l S 70 700 m 540 700 l S\n";
    one_page_pdf(content, repeat)
}

/// One shape measured at N and 2N.
#[derive(Debug, Clone)]
pub struct Scaling {
    pub shape: &'static str,
    /// What N counts.
    pub unit: &'static str,
    pub n: usize,
    /// Best time at N and at 2N.
    pub time_n: Duration,
    pub time_2n: Duration,
    /// How the run at 2N ended ("ok", or the error).
    pub outcome: String,
}

impl Scaling {
    pub fn ratio(&self) -> f64 {
        let a = self.time_n.as_secs_f64();
        if a > 0.0 { self.time_2n.as_secs_f64() / a } else { f64::NAN }
    }
}

/// A shape: its name, what N counts, N at scale 1, the input kind, and its generator.
pub type Shape = (&'static str, &'static str, usize, InputKind, fn(usize) -> Vec<u8>);

/// The shapes and their N at `scale` 1 (each takes well under a second there).
pub fn shapes() -> Vec<Shape> {
    vec![
        ("rows", "identical rows", 1000, InputKind::Text, identical_rows_table),
        ("total rows", "rows labelled total", 1000, InputKind::Text, total_rows_table),
        ("rules", "rules over 20,000 glyphs", 20_000, InputKind::Pdf, |n| strike_pdf(n, 20_000)),
        ("glyphs", "glyphs under 2,000 rules", 200_000, InputKind::Pdf, |n| strike_pdf(2000, n)),
        ("repeated streams", "repeats", 50_000, InputKind::Pdf, repeated_contents_pdf),
    ]
}

/// Measures every shape at N x `scale` and twice that, best of `rounds`.
pub fn measure(scale: usize, rounds: usize) -> Vec<Scaling> {
    let limits = Limits { max_seconds_per_doc: None, ..Limits::default() };
    shapes()
        .into_iter()
        .map(|(shape, unit, n, kind, make)| {
            let n = n * scale.max(1);
            let time = |size: usize| {
                let bytes = make(size);
                let name = if kind == InputKind::Pdf { "scaling.pdf" } else { "scaling.md" };
                let mut best = Duration::MAX;
                let mut outcome = String::new();
                for _ in 0..rounds.max(1) {
                    let t = Instant::now();
                    let r = process_bytes(name, kind, &bytes, &limits, &Default::default());
                    best = best.min(t.elapsed());
                    outcome = match r {
                        Ok(_) => "ok".into(),
                        Err(e) => e.to_string(),
                    };
                }
                (best, outcome)
            };
            let (time_n, _) = time(n);
            let (time_2n, outcome) = time(2 * n);
            Scaling { shape, unit, n, time_n, time_2n, outcome }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_inputs_read_as_what_they_claim() {
        let doc = process_bytes(
            "t.md",
            InputKind::Text,
            &identical_rows_table(30),
            &Limits::default(),
            &Default::default(),
        )
        .expect("table");
        assert_eq!(doc.document.counts.lines, 32);
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(doc.tables[0].rows.len(), 31, "header and 30 rows");
        let doc = process_bytes(
            "t.pdf",
            InputKind::Pdf,
            &strike_pdf(10, 2500),
            &Limits::default(),
            &Default::default(),
        )
        .expect("strike page");
        assert_eq!(doc.document.counts.total_glyphs, 2500);
        assert_eq!(doc.document.counts.lines, 3, "lines of 1,000, 1,000 and 500 glyphs");
        let doc = process_bytes(
            "r.pdf",
            InputKind::Pdf,
            &repeated_contents_pdf(50),
            &Limits::default(),
            &Default::default(),
        )
        .expect("repeated");
        assert_eq!(doc.document.counts.pages, 1);
        assert_eq!(doc.document.counts.lines, 3, "the stream named 50 times is drawn once");
        assert_eq!(doc.document.counts.total_glyphs, 25 + 36 + 38);
        assert_eq!(
            doc.document.warnings,
            vec![
                "a page names the same content stream more than once; it is drawn once (drawn \
                 again over itself it adds nothing to read): page 1 (stream 4 0, named 50 times)"
                    .to_string()
            ]
        );
    }
}
