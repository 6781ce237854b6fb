//! Why a PDF could not be read.

use thiserror::Error;

use crate::limits::LimitKind;

/// Why a PDF could not be read into a layout (what the reader skipped but could go on without
/// is a warning of the layout instead).
#[derive(Debug, Error)]
pub enum PdfError {
    /// No `%PDF-` header in the first kilobyte.
    #[error("not a PDF: {0}")]
    NotPdf(String),
    /// A user password is needed.
    #[error("PDF is encrypted with a user password; cannot open it")]
    Encrypted,
    /// The file cannot be repaired, or not one of its pages can be read.
    #[error("damaged PDF: {0}")]
    Damaged(String),
    /// A stream or a page exceeded a bound of [`Limits`](crate::Limits).
    #[error("limit exceeded ({limit}): {message}")]
    Limit { limit: LimitKind, message: String },
}

impl PdfError {
    /// A bound exceeded while reading.
    pub fn limit(limit: LimitKind, message: impl Into<String>) -> PdfError {
        PdfError::Limit { limit, message: message.into() }
    }
}
