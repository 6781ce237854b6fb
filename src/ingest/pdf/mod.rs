//! PDF ingest: a positioned content-stream interpreter on lopdf's object layer.

use crate::error::DocError;
use crate::model::Layout;

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

/// Reads a PDF into a layout.
pub fn read(bytes: &[u8], _limits: &Limits) -> Result<Layout, DocError> {
    if !bytes.starts_with(b"%PDF") && !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(DocError::NotPdf("no %PDF header".into()));
    }
    Err(DocError::DamagedPdf("PDF ingest is not implemented yet".into()))
}
