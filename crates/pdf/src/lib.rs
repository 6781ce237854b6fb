//! agendapack-pdf: a positioned content-stream interpreter on lopdf's object layer, reading a
//! PDF into a layout model (pages of lines of positioned runs, ruling lines, fills, images), with
//! bounded work and a warning for everything it skips. It knows nothing of councils: the
//! application finds page stamps, segments and tables on the layout it returns.
//!
//! - [`layout`]: the layout model every input kind is read into ([`provenance`]: places in it);
//! - [`document`]: loading (empty-password decryption, damaged cross-references), pages, boxes,
//!   rotation, inherited resources, bounded stream decoding;
//! - [`lexer`]: the content-stream tokenizer;
//! - [`interp`]: graphics and text state, text showing, paths, Form XObjects;
//! - [`fonts`]: encodings, glyph names, ToUnicode CMaps, CID fonts, widths;
//! - [`geometry`]: glyphs into words, runs and lines;
//! - [`rulings`]: ruling lines and shading from paths ([`colour`]: fill colours);
//! - [`images`]: image placements and their content hashes;
//! - [`strike`]: struck-through text, taken out as deleted;
//! - [`limits`]: bounds on one document's work and its time and memory budget;
//! - [`warnings`]: what was lost, where and why, one line per kind of loss.

pub(crate) mod colour;
pub(crate) mod document;
pub mod error;
pub(crate) mod fonts;
pub mod geometry;
pub mod images;
pub(crate) mod interp;
pub mod layout;
pub(crate) mod lazy;
pub(crate) mod lexer;
pub mod limits;
pub(crate) mod matrix;
pub mod provenance;
pub mod rulings;
pub mod strike;
pub mod warnings;

pub use error::PdfError;
pub use layout::*;
pub use limits::Limits;
pub use provenance::Location;

use crate::limits::budget;
use crate::warnings::Warnings;

/// The number of pages a PDF's page tree declares, read from its cross-references and a few
/// objects without loading the whole document: the cheap weight `agendapack plan` balances
/// shards by. `None` when the bytes are not a PDF, need a password, or declare no pages; a
/// damaged page tree that lists a page twice counts it twice here (ingest counts it once).
pub fn page_count(bytes: &[u8]) -> Option<u32> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return None;
    }
    let meta = lopdf::Document::load_metadata_mem(bytes).ok()?;
    (meta.page_count > 0).then_some(meta.page_count)
}

/// Reads a PDF into a layout.
///
/// Everything the reader skips or cannot decode (an unreadable page, a damaged content stream, a
/// font missing from the resources, a form XObject drawing itself...) leaves a warning naming
/// what, where, why and how many ([`Layout::warnings`]); a page that cannot be read is kept as a
/// blank page so page numbers stay those of the file.
///
/// Errors: [`PdfError::NotPdf`] without a `%PDF-` header, [`PdfError::Encrypted`] when a user
/// password is needed, [`PdfError::Damaged`] when the file cannot be repaired or not one of
/// its pages can be read, [`PdfError::Limit`] when a stream or a page exceeds the [`Limits`].
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Layout, PdfError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf("no %PDF header".into()));
    }
    let loaded = document::load(bytes, limits)?;
    let doc = loaded.doc;
    let mut warnings = Warnings::default();
    if !loaded.lazy {
        document::check_objects(&doc, &mut warnings);
    }
    let (pages, declared) = document::pages(&doc)?;
    if let Some(n) = declared.filter(|&n| n > pages.len() as i64) {
        warnings.add(
            "",
            format!(
                "the page tree declares {n} pages but only {} can be found; the others are lost",
                pages.len()
            ),
        );
    }
    let mut ctx = interp::DocCtx::new(&doc, limits, warnings);
    let mut layout = Layout::new(SourceKind::Pdf);
    let mut readable = 0usize;
    // One buffer for every page's content bytes, and one each for its glyphs and their text,
    // grown to the largest page's.
    let mut content_buf = Vec::new();
    let mut glyph_buffers = interp::GlyphBuffers::default();
    for (i, slot) in pages.iter().enumerate() {
        budget::check();
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        ctx.page = number;
        let p = match slot {
            Ok(p) => p,
            Err(bad) => {
                ctx.warnings.add(
                    format!("page {number} (object {} {})", bad.id.0, bad.id.1),
                    format!("a page could not be read ({}); it is left blank", bad.why),
                );
                layout.pages.push(Page {
                    number,
                    width: 612.0,
                    height: 792.0,
                    ..Default::default()
                });
                continue;
            }
        };
        let content = document::page_content(&doc, p, limits, std::mem::take(&mut content_buf))
            .map_err(|e| PdfError::limit(e.limit_kind(), e.to_string()))?;
        for (id, why) in &content.lost {
            let place = match id {
                Some(id) => format!("page {number} (stream {} {})", id.0, id.1),
                None => format!("page {number}"),
            };
            ctx.warnings.add(place, format!("a content stream {why}"));
        }
        for (id, n) in &content.repeated {
            ctx.warnings.add(
                format!("page {number} (stream {} {}, named {n} times)", id.0, id.1),
                "a page names the same content stream more than once; it is drawn once (drawn \
                 again over itself it adds nothing to read)",
            );
        }
        if content.streams == 0
            || content.read > 0
            || !content.bytes.iter().all(u8::is_ascii_whitespace)
        {
            readable += 1;
        }
        let (width, height) = p.display_size();
        let mut glyphs = interp::run_page(
            &mut ctx,
            &content.bytes,
            p.resources,
            p.display_matrix(),
            width,
            height,
            std::mem::take(&mut glyph_buffers),
        )?;
        content_buf = content.bytes;
        strike::remove(&mut glyphs, &mut ctx.warnings, number);
        layout.unmapped_glyphs += glyphs.unmapped;
        layout.total_glyphs += glyphs.total;
        let lines = geometry::lines(&glyphs);
        let page = Page {
            number,
            width,
            height,
            lines,
            rulings: glyphs.rulings,
            fills: glyphs.fills,
            images: glyphs.images,
            marks: glyphs.marks,
            ..Default::default()
        };
        glyph_buffers = interp::GlyphBuffers { glyphs: glyphs.glyphs, text: glyphs.text };
        layout.pages.push(page);
    }
    let warnings = std::mem::take(&mut ctx.warnings);
    if readable == 0 {
        let lines = warnings.into_lines();
        return Err(PdfError::Damaged(format!(
            "not one page could be read: {}",
            lines.iter().take(3).cloned().collect::<Vec<_>>().join("; ")
        )));
    }
    layout.warnings = warnings.into_lines();
    Ok(layout)
}
