//! The SVG picture of one PDF page: the page's words in their boxes, rotated text, ruling lines,
//! filled rectangles, images with their hash prefix, and the grids the table stage found, cell by
//! cell (header rows tinted, coloured by method, captions boxed), with what stitching did; below
//! the page, a legend and one paragraph per grid.
//!
//! Coordinates are the page's points (top-left origin), so the SVG's user units are points; the
//! picture is drawn [`SCALE`] times larger. Every drawn element carries a `class` (`word`,
//! `rotated`, `ruling`, `fill`, `image`, `grid`, `cell`, `caption`); cells also carry
//! `data-grid`, `data-row`, `data-col` and a `<title>` with their text, shown as a tooltip.

use std::fmt::Write as _;

use super::{PageView, Stitching, headline};
use crate::model::{BBox, Grid, Page, Run};

/// Pixels per point of the drawn picture.
pub const SCALE: f32 = 1.5;
/// Fonts of the drawn words: a condensed face first, as wide as the Helvetica and Arial most
/// PDFs are set in (renderers that honour `textLength`, as browsers do, fit each word to its box
/// whatever the face; `rsvg-convert` does not).
const FONTS: &str =
    "DejaVu Sans Condensed, Liberation Sans Narrow, Arial Narrow, Helvetica, Arial, sans-serif";
/// Font size (points) of the legend and the notes below the page.
const NOTE_SIZE: f32 = 7.5;
const NOTE_LEADING: f32 = 10.0;

const WORD: &str = "#6baed6";
const ROTATED: &str = "#ff7f0e";
const RULING: &str = "#d62728";
const IMAGE: &str = "#8c564b";
const HEADER: &str = "#ffd700";
const UNKNOWN_FILL: &str = "#bbbbbb";

/// The colour a grid is drawn in, by how it was found.
fn method_colour(method: &str) -> &'static str {
    match method {
        "lattice" => "#2ca02c",
        "stream" => "#9467bd",
        _ => "#17becf",
    }
}

/// The SVG of a PDF page.
pub fn render(v: &PageView<'_>) -> String {
    let p = v.page;
    let (w, h) = (p.width.max(1.0), p.height.max(1.0));
    let notes = notes(v, w);
    let panel = NOTE_LEADING * (notes.len() as f32 + 1.0);
    let total = h + panel;
    let mut s = String::with_capacity(64 * 1024);
    let _ = writeln!(s, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" font-family="{FONTS}">"#,
        n(w * SCALE),
        n(total * SCALE),
        n(w),
        n(total)
    );
    let _ = writeln!(s, "<title>page {} of {}</title>", p.number, v.pages);
    let _ = writeln!(
        s,
        r##"<rect x="0" y="0" width="{}" height="{}" fill="#ffffff"/>"##,
        n(w),
        n(total)
    );
    let _ = writeln!(
        s,
        r##"<rect x="0" y="0" width="{}" height="{}" fill="none" stroke="#999999" stroke-width="0.5"/>"##,
        n(w),
        n(h)
    );
    fills(&mut s, p);
    images(&mut s, p, &v.legend);
    // The rulings under the cells: where a cell's side lies on a rule, both show.
    rulings(&mut s, p);
    for g in &v.grids {
        cells(&mut s, g);
    }
    words(&mut s, p);
    for (g, st) in v.grids.iter().zip(&v.stitching) {
        grid_frame(&mut s, p, g, st);
    }
    panel_text(&mut s, &notes, h);
    s.push_str("</svg>\n");
    s
}

fn fills(s: &mut String, p: &Page) {
    s.push_str("<g class=\"fills\">\n");
    for f in &p.fills {
        let (fill, title) = match &f.colour {
            Some(c) => (c.as_str(), c.as_str()),
            None => (UNKNOWN_FILL, "colour unknown"),
        };
        let _ = writeln!(
            s,
            r#"<rect class="fill" {} fill="{fill}" fill-opacity="0.8"><title>fill {title}</title></rect>"#,
            xywh(&f.bbox)
        );
    }
    s.push_str("</g>\n");
}

fn images(s: &mut String, p: &Page, legend: &crate::extract::dot::Legend) {
    s.push_str("<g class=\"images\">\n");
    for img in p.pictures() {
        let b = img.bbox;
        let dir = legend.picture(img).map(super::direction_word);
        let short = match dir {
            Some(d) => format!("{} {d}", &img.hash[..img.hash.len().min(8)]),
            None => img.hash[..img.hash.len().min(8)].to_string(),
        };
        let of = super::hash_of_word(img.hash_of);
        let _ = writeln!(
            s,
            r#"<rect class="image" {} fill="{IMAGE}" fill-opacity="0.08" stroke="{IMAGE}" stroke-width="0.8" stroke-dasharray="3 2"><title>image {} {}x{} sha256 {} ({of}){}</title></rect>"#,
            xywh(&b),
            esc(&img.name),
            img.width,
            img.height,
            img.hash,
            dir.map(|d| format!(", DoT {d}")).unwrap_or_default()
        );
        // Inside a large image, beside a small one (an arrow, a dot).
        let size = 5.0;
        let (x, y) = if b.width() >= 60.0 && b.height() >= 12.0 {
            (b.x0 + 1.0, b.top + size + 1.0)
        } else {
            (b.x1 + 1.5, b.top + size)
        };
        let _ = writeln!(
            s,
            r##"<text x="{}" y="{}" font-size="{size}" fill="{IMAGE}" stroke="#ffffff" stroke-width="1.2" paint-order="stroke">{} {short}</text>"##,
            n(x),
            n(y),
            esc(&img.name)
        );
    }
    s.push_str("</g>\n");
}

fn cells(s: &mut String, g: &Grid) {
    let colour = method_colour(&g.method);
    let _ = writeln!(s, r#"<g class="cells" data-grid="{}">"#, esc(&g.id));
    for (r, row) in g.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let Some(b) = cell.bbox.filter(|_| !cell.covered) else { continue };
            let fill = if r < g.header_rows {
                format!(r#"fill="{HEADER}" fill-opacity="0.35""#)
            } else {
                r#"fill="none""#.to_string()
            };
            let _ = writeln!(
                s,
                r#"<rect class="cell" data-grid="{}" data-row="{r}" data-col="{c}" {} {fill} stroke="{colour}" stroke-width="0.6" stroke-dasharray="3 1.5"><title>{} r{r} c{c}: {}</title></rect>"#,
                esc(&g.id),
                xywh(&b),
                esc(&g.id),
                esc(&cell.text)
            );
        }
    }
    s.push_str("</g>\n");
}

fn rulings(s: &mut String, p: &Page) {
    s.push_str("<g class=\"rulings\">\n");
    for r in &p.rulings {
        let _ = writeln!(
            s,
            r#"<line class="ruling" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{RULING}" stroke-opacity="0.7" stroke-width="{}"/>"#,
            n(r.x0),
            n(r.top),
            n(r.x1),
            n(r.bottom),
            n(r.width.clamp(1.2, 3.0))
        );
    }
    s.push_str("</g>\n");
}

fn words(s: &mut String, p: &Page) {
    s.push_str("<g class=\"words\">\n");
    for r in p.lines.iter().flat_map(|l| &l.runs) {
        if r.text.trim().is_empty() {
            continue;
        }
        word(s, r);
    }
    s.push_str("</g>\n");
}

/// One run: its box and its text fitted to the box, turned to its writing direction.
fn word(s: &mut String, r: &Run) {
    let b = BBox::new(r.x0, r.top, r.x1, r.bottom);
    // Along the writing direction, and across it.
    let (along, across) =
        if r.dir % 2 == 1 { (b.height(), b.width()) } else { (b.width(), b.height()) };
    if along <= 0.0 || across <= 0.0 {
        return;
    }
    let size = if r.size > 0.0 { r.size.min(across * 1.2) } else { across * 0.8 };
    let base = 0.2 * across;
    let (x, y, turn) = match r.dir {
        1 => (b.x0 + base, b.top, 90),
        2 => (b.x1, b.top + base, 180),
        3 => (b.x1 - base, b.bottom, -90),
        _ => (b.x0, b.bottom - base, 0),
    };
    let (class, style) = if r.dir == 0 {
        ("word", format!(r#"fill="none" stroke="{WORD}" stroke-width="0.3""#))
    } else {
        (
            "rotated",
            format!(
                r#"fill="{ROTATED}" fill-opacity="0.25" stroke="{ROTATED}" stroke-width="0.6""#
            ),
        )
    };
    let weight = if r.bold { r#" font-weight="bold""# } else { "" };
    let _ = writeln!(s, r#"<rect class="{class}" {} {style}/>"#, xywh(&b));
    let _ = writeln!(
        s,
        r##"<text transform="translate({} {}) rotate({turn})" font-size="{}" textLength="{}" lengthAdjust="spacingAndGlyphs" fill="#222222"{weight}>{}</text>"##,
        n(x),
        n(y),
        n(size),
        n(along),
        esc(&r.text)
    );
}

fn grid_frame(s: &mut String, p: &Page, g: &Grid, st: &Stitching) {
    let Some(b) = g.location.bbox else { return };
    // Just outside the table, so that its outer rules and cells show.
    let b = grow(&b, 1.5);
    let colour = method_colour(&g.method);
    let _ = writeln!(
        s,
        r#"<rect class="grid" data-grid="{}" {} fill="none" stroke="{colour}" stroke-width="1.2"><title>{}</title></rect>"#,
        esc(&g.id),
        xywh(&b),
        esc(&headline(g))
    );
    if let Some(c) = &g.caption {
        if let Some(cb) = caption_box(p, c) {
            let _ = writeln!(
                s,
                r#"<rect class="caption" data-grid="{}" {} fill="none" stroke="{colour}" stroke-width="0.8" stroke-dasharray="2 1.5"><title>caption of {}</title></rect>"#,
                esc(&g.id),
                xywh(&grow(&cb, 1.0)),
                esc(&g.id)
            );
        }
    }
    let mut tag = format!("{} {} {}x{}", g.id, g.method, g.rows.len(), g.columns);
    if g.header_rows > 0 {
        let _ = write!(tag, " H{}", g.header_rows);
    }
    if let Some(c) = &st.continues {
        let _ = write!(tag, " \u{2191}{c}");
    }
    if let Some(c) = &st.continued_by {
        let _ = write!(tag, " \u{2193}{c}");
    }
    let size = 7.0;
    let width = tag.chars().count() as f32 * size * 0.55 + 3.0;
    // Above the frame at its right end (captions stand at the left), or inside it at the top of
    // the page.
    let y = if b.top >= size + 2.0 { b.top - size - 1.5 } else { b.top + 0.5 };
    let x = (b.x1 - width).max(b.x0);
    let _ = writeln!(
        s,
        r##"<rect x="{}" y="{}" width="{}" height="{}" fill="{colour}"/><text x="{}" y="{}" font-size="{size}" fill="#ffffff" font-weight="bold">{}</text>"##,
        n(x),
        n(y),
        n(width),
        n(size + 1.5),
        n(x + 1.5),
        n(y + size),
        esc(&tag)
    );
}

/// The box of the page line printed as the caption.
fn caption_box(p: &Page, caption: &str) -> Option<BBox> {
    p.lines
        .iter()
        .find(|l| l.text.split_whitespace().collect::<Vec<_>>().join(" ") == caption)
        .and_then(|l| l.bbox)
}

/// A line printed below the page.
enum Note {
    /// Text in a colour.
    Text(String, &'static str),
    /// The legend of colours.
    Legend,
}

/// The lines printed below the page: a summary, the legend, then a paragraph per grid.
fn notes(v: &PageView<'_>, width: f32) -> Vec<Note> {
    let chars = ((width - 12.0) / (NOTE_SIZE * 0.55)).max(40.0) as usize;
    let mut out: Vec<Note> = Vec::new();
    out.push(Note::Text(
        format!(
            "page {} of {}: {} rulings, {} fills, {} images, {} rotated runs, {} grids",
            v.page.number,
            v.pages,
            v.page.rulings.len(),
            v.page.fills.len(),
            v.page.images.len(),
            super::rotated_runs(v.page),
            v.grids.len()
        ),
        "#000000",
    ));
    out.push(Note::Legend);
    for (g, st) in v.grids.iter().zip(&v.stitching) {
        let mut para = headline(g);
        for note in &st.notes {
            let _ = write!(para, "; {note}");
        }
        for line in wrap(&para, chars) {
            out.push(Note::Text(line, method_colour(&g.method)));
        }
    }
    out
}

fn panel_text(s: &mut String, notes: &[Note], page_h: f32) {
    s.push_str("<g class=\"notes\">\n");
    for (i, note) in notes.iter().enumerate() {
        let y = page_h + NOTE_LEADING * (i as f32 + 1.0);
        let Note::Text(text, colour) = note else {
            legend(s, y);
            continue;
        };
        let _ = writeln!(
            s,
            r#"<text x="6" y="{}" font-size="{NOTE_SIZE}" fill="{colour}">{}</text>"#,
            n(y),
            esc(text)
        );
    }
    s.push_str("</g>\n");
}

fn legend(s: &mut String, y: f32) {
    let keys: [(&str, String); 9] = [
        ("word", format!(r#"fill="none" stroke="{WORD}""#)),
        ("rotated text", format!(r#"fill="{ROTATED}" fill-opacity="0.25" stroke="{ROTATED}""#)),
        ("ruling", format!(r#"fill="{RULING}""#)),
        ("fill", format!(r#"fill="{UNKNOWN_FILL}""#)),
        ("image", format!(r#"fill="none" stroke="{IMAGE}" stroke-dasharray="2 1""#)),
        ("lattice grid", format!(r#"fill="none" stroke="{}""#, method_colour("lattice"))),
        ("stream grid", format!(r#"fill="none" stroke="{}""#, method_colour("stream"))),
        ("header row", format!(r#"fill="{HEADER}" fill-opacity="0.35" stroke="none""#)),
        ("\u{2191} continues / \u{2193} continued by", r#"fill="none" stroke="none""#.into()),
    ];
    let mut x = 6.0;
    for (label, style) in keys {
        let _ = writeln!(
            s,
            r#"<rect class="key" x="{}" y="{}" width="10" height="6" {style} stroke-width="0.8"/><text x="{}" y="{}" font-size="{NOTE_SIZE}">{}</text>"#,
            n(x),
            n(y - 5.5),
            n(x + 12.0),
            n(y),
            esc(label)
        );
        x += 16.0 + label.chars().count() as f32 * NOTE_SIZE * 0.55;
    }
}

fn wrap(text: &str, chars: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > chars {
            out.push(std::mem::take(&mut line));
            line.push_str("  ");
        }
        if !line.trim().is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.trim().is_empty() {
        out.push(line);
    }
    out
}

fn grow(b: &BBox, m: f32) -> BBox {
    BBox::new(b.x0 - m, b.top - m, b.x1 + m, b.bottom + m)
}

fn xywh(b: &BBox) -> String {
    format!(
        r#"x="{}" y="{}" width="{}" height="{}""#,
        n(b.x0),
        n(b.top),
        n(b.width().max(0.1)),
        n(b.height().max(0.1))
    )
}

/// A coordinate with at most two decimals.
fn n(v: f32) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// Text for XML: markup characters escaped, characters XML 1.0 forbids dropped.
fn esc(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_numbers() {
        assert_eq!(esc("R&D <1>\u{1}\t\"x\""), "R&amp;D &lt;1&gt; &quot;x&quot;");
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.345), "12.35");
        assert_eq!(n(-0.001), "0");
        assert_eq!(wrap("a bb ccc dddd", 6), vec!["a bb", "  ccc", "  dddd"]);
    }
}
