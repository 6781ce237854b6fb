//! Ingest: a file's bytes into a [`Layout`].
//!
//! PDFs go through our own content-stream interpreter ([`pdf`]); text renderings of packs
//! (tab-separated tables, inline HTML/markdown) through [`text`]. Both produce the same model.

pub mod pdf;
pub mod stamps;
pub mod text;

pub use agendapack_pdf::warnings;

use crate::error::DocError;
use crate::model::Layout;

/// The kinds of input we read, from the file name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Pdf,
    Text,
}

impl InputKind {
    /// The input kind for a path, or an error naming the extension.
    pub fn from_path(path: &std::path::Path) -> Result<InputKind, DocError> {
        let ext =
            path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        match ext.as_str() {
            "pdf" => Ok(InputKind::Pdf),
            "txt" | "md" | "text" => Ok(InputKind::Text),
            _ => Err(DocError::UnknownExtension(ext)),
        }
    }
}

/// Reads one document's bytes.
pub fn read(kind: InputKind, bytes: &[u8], limits: &pdf::Limits) -> Result<Layout, DocError> {
    if bytes.is_empty() {
        return Err(DocError::Empty);
    }
    match kind {
        InputKind::Pdf => pdf::read(bytes, limits),
        InputKind::Text => {
            let text = std::str::from_utf8(bytes)
                .map_err(|e| DocError::NotUtf8 { offset: e.valid_up_to() })?;
            if text.trim().is_empty() {
                return Err(DocError::Empty);
            }
            Ok(text::read(text))
        }
    }
}
