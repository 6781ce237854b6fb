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
pub(crate) mod lexer;
pub(crate) mod matrix;
pub mod rulings;
pub mod stamps;
pub mod strike;

use crate::error::DocError;
use crate::model::{Layout, Page, SourceKind};

/// Bounds on the work one document may cause.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest decompressed size of one stream, in bytes.
    pub max_stream_bytes: usize,
    /// Most content-stream operators interpreted per page (Form XObjects included).
    pub max_ops_per_page: usize,
    /// Deepest Form XObject nesting.
    pub max_form_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_stream_bytes: 64 << 20, max_ops_per_page: 2_000_000, max_form_depth: 12 }
    }
}

/// Most warnings kept per document.
const MAX_WARNINGS: usize = 100;

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
/// Errors: [`DocError::NotPdf`] without a `%PDF-` header, [`DocError::Encrypted`] when a user
/// password is needed, [`DocError::DamagedPdf`] when the file cannot be repaired,
/// [`DocError::Limit`] when a stream or a page exceeds the [`Limits`].
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Layout, DocError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(DocError::NotPdf("no %PDF header".into()));
    }
    let doc = document::load(bytes, limits)?;
    let pages = document::pages(&doc)?;
    let mut ctx = interp::DocCtx::new(&doc, limits);
    let mut layout = Layout::new(SourceKind::Pdf);
    for (i, p) in pages.iter().enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let content = match document::page_content(&doc, p, limits) {
            Ok(c) => c,
            Err(document::StreamError::Limit(m)) => return Err(DocError::Limit(m)),
            Err(document::StreamError::Damaged(m)) => {
                ctx.warnings.push(format!("page {number}: {m}"));
                Vec::new()
            }
        };
        let (width, height) = p.display_size();
        let mut glyphs =
            interp::run_page(&mut ctx, &content, p.resources, p.display_matrix(), width, height)?;
        strike::remove(&mut glyphs);
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
            ..Default::default()
        };
        page.stamps = stamps::find(&page);
        layout.pages.push(page);
    }
    let mut warnings = ctx.warnings;
    warnings.dedup();
    warnings.truncate(MAX_WARNINGS);
    layout.warnings = warnings;
    Ok(layout)
}
