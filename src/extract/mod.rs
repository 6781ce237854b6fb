//! Extraction: grids and sections into typed records.

use crate::model::{Grid, Layout, Pack, Records};

mod lines;
pub mod minutes;
pub mod votes;

/// Extracts typed records from a segmented document and its grids.
pub fn extract(_layout: &Layout, _pack: &Pack, grids: &[Grid]) -> Records {
    let mut records = Records::default();
    for g in grids {
        records.generic_tables.push(crate::model::records::GenericTable {
            table: g.id.clone(),
            caption: g.caption.clone(),
            header_rows: g.header_rows,
            rows: g.rows.clone(),
            location: g.location.clone(),
        });
    }
    records.votes = votes::extract_votes(_layout);
    records.decisions = minutes::extract_decisions(_layout);
    records.attendance = minutes::extract_attendance(_layout);
    records
}
