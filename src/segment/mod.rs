//! Segmentation: a layout into a [`Pack`] (meeting, agenda items, sections, minutes, reports).

use crate::model::{Layout, Pack};

/// Segments a document.
pub fn segment(_layout: &Layout) -> Pack {
    Pack::default()
}
