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
pub use text::{Context, squash};

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

/// Classifies one grid and appends what it holds to `records`; a grid of a typed kind that
/// yields no record is kept whole.
pub fn extract_grid(g: &Grid, ctx: &Context, records: &mut Records) {
    let generic_tables = &mut records.generic_tables;
    match classify::classify(g, ctx) {
        TableKind::Kpi(kind) => {
            keep(kpi::kpi_rows(g, kind, ctx), &mut records.kpis, generic_tables, g)
        }
        TableKind::KpiDetail => {
            keep(kpi::kpi_details(g, ctx), &mut records.kpis, generic_tables, g)
        }
        TableKind::RagList => keep(kpi::rag_list(g), &mut records.kpis, generic_tables, g),
        TableKind::RagSummary => {
            keep(rag::rag_summaries(g, ctx), &mut records.rag_summaries, generic_tables, g)
        }
        TableKind::Budget => {
            let t: Vec<_> = budget::budget_table(g, ctx).into_iter().collect();
            keep(t, &mut records.budget_tables, generic_tables, g)
        }
        TableKind::Generic => generic_tables.push(generic(g)),
    }
}

/// Appends what a grid yielded to `into`, or the grid whole when it yielded nothing.
fn keep<T>(found: Vec<T>, into: &mut Vec<T>, generic_tables: &mut Vec<GenericTable>, g: &Grid) {
    if found.is_empty() {
        generic_tables.push(generic(g));
    } else {
        into.extend(found);
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
