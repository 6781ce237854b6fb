//! Typed errors: one per document, naming the stage that failed.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::limits::LimitKind;

/// The pipeline stage an error came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Discover,
    Read,
    Ingest,
    Segment,
    Tables,
    Extract,
    Validate,
    Output,
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_owned));
        f.write_str(s.as_deref().unwrap_or("?"))
    }
}

/// Why one document could not be processed.
#[derive(Debug, Error)]
pub enum DocError {
    #[error("unsupported file type {0:?} (expected .pdf, .txt or .md)")]
    UnknownExtension(String),
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
    #[error("file is empty")]
    Empty,
    #[error("text rendering is not valid UTF-8 (first bad byte at offset {offset})")]
    NotUtf8 { offset: usize },
    #[error("not a PDF: {0}")]
    NotPdf(String),
    #[error("PDF is encrypted with a user password; cannot open it")]
    Encrypted,
    #[error("damaged PDF: {0}")]
    DamagedPdf(String),
    /// A bound of [`Limits`](crate::limits::Limits) was exceeded: a stream, a page, or the
    /// document's budget of time or memory.
    #[error("limit exceeded ({limit}): {message}")]
    Limit { stage: Stage, limit: LimitKind, message: String },
    #[error("internal error in stage {stage}: {message}")]
    Panic { stage: Stage, message: String },
}

impl DocError {
    /// The stage this error belongs to.
    pub fn stage(&self) -> Stage {
        match self {
            DocError::UnknownExtension(_) => Stage::Discover,
            DocError::Io(_) | DocError::Empty => Stage::Read,
            DocError::Panic { stage, .. } | DocError::Limit { stage, .. } => *stage,
            _ => Stage::Ingest,
        }
    }

    /// The bound exceeded, for [`DocError::Limit`].
    pub fn limit(&self) -> Option<LimitKind> {
        match self {
            DocError::Limit { limit, .. } => Some(*limit),
            _ => None,
        }
    }

    /// A limit exceeded while reading a document.
    pub fn ingest_limit(limit: LimitKind, message: impl Into<String>) -> DocError {
        DocError::Limit { stage: Stage::Ingest, limit, message: message.into() }
    }
}

/// A PDF the reader could not read, as the pipeline's error of the ingest stage (same messages).
impl From<agendapack_pdf::PdfError> for DocError {
    fn from(e: agendapack_pdf::PdfError) -> Self {
        use agendapack_pdf::PdfError;
        match e {
            PdfError::NotPdf(m) => DocError::NotPdf(m),
            PdfError::Encrypted => DocError::Encrypted,
            PdfError::Damaged(m) => DocError::DamagedPdf(m),
            PdfError::Limit { limit, message } => DocError::ingest_limit(limit, message),
        }
    }
}
