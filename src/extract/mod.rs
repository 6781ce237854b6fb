//! Extraction: grids and sections into typed records.
//!
//! Every grid is classified ([`classify`]) as a KPI scorecard, a RAG summary, a budget table or
//! anything else, and read by the matching module. Grids that are none of the typed kinds are kept
//! whole as [`GenericTable`]s, so nothing printed is lost.

pub mod budget;
pub mod classify;
pub mod dot;
pub mod floors;
pub mod kpi;
pub mod kpi_merge;
mod kpi_named;
pub mod rag;
mod text;

use crate::model::records::GenericTable;
use crate::model::{Grid, Layout, Pack, Records};

mod lines;
pub mod minutes;
pub mod prose;
pub mod votes;

pub use classify::{KpiLayout, TableKind};
pub use text::Context;

/// Extracts typed records from a segmented document and its grids: votes, decisions and
/// attendance from the pack's minutes, the rest from the grids and the layout's text.
pub fn extract(layout: &Layout, pack: &Pack, grids: &[Grid]) -> Records {
    let ctx = Context::new(layout);
    let mut records = Records::default();
    for g in grids {
        extract_grid(g, &ctx, &mut records);
    }
    floors::floors_from_commentary(layout, &mut records.kpis);
    let legend = dot::legend(layout);
    dot::directions_from_legend(layout, &legend, &mut records.kpis);
    kpi_merge::merge_halves(&mut records.kpis);
    records.votes = votes::extract_votes(layout, pack);
    records.decisions = minutes::extract_decisions(layout, pack);
    records.attendance = minutes::extract_attendance(layout, pack);
    records.stated_counts = prose::stated_counts(layout);
    records
}

/// Classifies one grid and appends what it holds to `records`.
pub fn extract_grid(g: &Grid, ctx: &Context, records: &mut Records) {
    match classify::classify(g, ctx) {
        TableKind::Kpi(kind) => {
            let rows = kpi::kpi_rows(g, kind, ctx);
            if rows.is_empty() {
                records.generic_tables.push(generic(g));
            } else {
                records.kpis.extend(rows);
            }
        }
        TableKind::KpiDetail => {
            let rows = kpi::kpi_details(g, ctx);
            if rows.is_empty() {
                records.generic_tables.push(generic(g));
            } else {
                records.kpis.extend(rows);
            }
        }
        TableKind::RagList => {
            let rows = kpi::rag_list(g);
            if rows.is_empty() {
                records.generic_tables.push(generic(g));
            } else {
                records.kpis.extend(rows);
            }
        }
        TableKind::RagSummary => {
            let sums = rag::rag_summaries(g, ctx);
            if sums.is_empty() {
                records.generic_tables.push(generic(g));
            } else {
                records.rag_summaries.extend(sums);
            }
        }
        TableKind::Budget => match budget::budget_table(g, ctx) {
            Some(t) => records.budget_tables.push(t),
            None => records.generic_tables.push(generic(g)),
        },
        TableKind::Generic => records.generic_tables.push(generic(g)),
    }
}

/// A grid kept whole.
pub fn generic(g: &Grid) -> GenericTable {
    GenericTable {
        table: g.id.clone(),
        caption: g.caption.clone(),
        header_rows: g.header_rows,
        rows: g.rows.clone(),
        location: g.location.clone(),
    }
}
