//! PDF ingest: a positioned content-stream interpreter on lopdf's object layer.
//!
//! - [`document`]: loading (empty-password decryption, damaged cross-references), pages, boxes,
//!   rotation, inherited resources, bounded stream decoding;
//! - [`lexer`]: the content-stream tokenizer;
//! - [`interp`]: graphics and text state, text showing, paths, Form XObjects;
//! - [`fonts`]: encodings, glyph names, ToUnicode CMaps, CID fonts, widths;
//! - [`geometry`]: glyphs into words, runs and lines;
//! - [`rulings`]: ruling lines and shading from paths ([`colour`]: fill colours);
//! - [`images`]: image placements and their content hashes;
//! - [`stamps`]: "Page N", "Agenda Item N", blank-page stamps;
//! - [`strike`]: struck-through text, taken out as deleted.

pub(crate) mod colour;
pub(crate) mod document;
pub(crate) mod fonts;
pub mod geometry;
pub mod images;
pub(crate) mod interp;
pub(crate) mod lazy;
pub(crate) mod lexer;
pub(crate) mod matrix;
pub mod rulings;
pub mod stamps;
pub mod strike;

use crate::error::DocError;
use crate::ingest::warnings::Warnings;
use crate::limits::budget;
use crate::model::{Layout, Page, SourceKind};

pub use crate::limits::Limits;

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
/// Errors: [`DocError::NotPdf`] without a `%PDF-` header, [`DocError::Encrypted`] when a user
/// password is needed, [`DocError::DamagedPdf`] when the file cannot be repaired or not one of
/// its pages can be read, [`DocError::Limit`] when a stream or a page exceeds the [`Limits`].
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Layout, DocError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(DocError::NotPdf("no %PDF header".into()));
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
        let content = document::page_content(&doc, p, limits)
            .map_err(|e| DocError::ingest_limit(e.limit_kind(), e.to_string()))?;
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
        )?;
        drop(content);
        strike::remove(&mut glyphs, &mut ctx.warnings, number);
        layout.unmapped_glyphs += glyphs.unmapped;
        layout.total_glyphs += glyphs.total;
        let lines = geometry::lines(&glyphs);
        let mut page = Page {
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
        page.stamps = stamps::find(&page);
        layout.pages.push(page);
    }
    let warnings = std::mem::take(&mut ctx.warnings);
    if readable == 0 {
        let lines = warnings.into_lines();
        return Err(DocError::DamagedPdf(format!(
            "not one page could be read: {}",
            lines.iter().take(3).cloned().collect::<Vec<_>>().join("; ")
        )));
    }
    layout.warnings = warnings.into_lines();
    Ok(layout)
}
