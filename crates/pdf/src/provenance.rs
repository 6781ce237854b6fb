//! Provenance: where in the source document something was read.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::layout::BBox;

/// A place in a document. Text renderings give 1-based line ranges; PDFs give 1-based physical
/// page numbers and a bounding box in PDF user space (points, origin bottom-left, after the CTM).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Location {
    /// First physical page (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Last physical page (1-based), when the thing spans pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_end: Option<u32>,
    /// Bounding box on `page`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bbox: Option<BBox>,
    /// First source line (1-based), for text renderings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Last source line (1-based, inclusive), for text renderings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line_end: Option<u32>,
}

impl Location {
    pub fn lines(first: u32, last: u32) -> Self {
        Location { line: Some(first), line_end: Some(last), ..Default::default() }
    }
    pub fn page(page: u32, bbox: Option<BBox>) -> Self {
        Location { page: Some(page), bbox, ..Default::default() }
    }
    /// The smallest location covering both (same document assumed).
    pub fn merge(&self, other: &Location) -> Location {
        fn lo(a: Option<u32>, b: Option<u32>) -> Option<u32> {
            match (a, b) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            }
        }
        fn hi(a: Option<u32>, b: Option<u32>) -> Option<u32> {
            match (a, b) {
                (Some(x), Some(y)) => Some(x.max(y)),
                (x, y) => x.or(y),
            }
        }
        let page = lo(self.page, other.page);
        let page_end = hi(self.page_end.or(self.page), other.page_end.or(other.page));
        Location {
            page,
            page_end: if page_end == page { None } else { page_end },
            bbox: if self.page == other.page {
                match (self.bbox, other.bbox) {
                    (Some(a), Some(b)) => Some(a.union(&b)),
                    (a, b) => a.or(b),
                }
            } else {
                self.bbox
            },
            line: lo(self.line, other.line),
            line_end: hi(self.line_end.or(self.line), other.line_end.or(other.line)),
        }
    }
}
