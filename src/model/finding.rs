//! Validation findings: a failed check is data, never a dropped row.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::provenance::Location;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Context only.
    Info,
    /// A difference explained by the printed precision.
    Rounding,
    /// Something suspicious that may be legitimate (mixed units, unverifiable rating).
    Warning,
    /// An arithmetic or logical error in the document.
    Error,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// Stable rule id, e.g. `sum.column_total`.
    pub rule: String,
    pub severity: Severity,
    /// Document id (SHA-256 of the file).
    pub document: String,
    pub location: Location,
    /// The table (grid id), vote or record the finding is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// Row label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<String>,
    /// Column header or role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    pub expected: String,
    pub actual: String,
    pub message: String,
    /// What the document and the table say for the relation checked, so a reader can judge the
    /// finding: the relation, how it is stated, and on how many rows or columns it held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// The warehouse table holding the row the finding is about: `budget_rows` (or
    /// `budget_tables` for a whole column), `cells`, `kpis`, `rag_summaries`, `votes` or
    /// `attendance`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// That row, by index: `budget_rows.row_index` or `cells.row` within `table` (none for a
    /// finding about a whole table or column),
    /// `kpis.kpi_index`, `rag_summaries.summary_index`, `attendance.attendance_index` (votes
    /// are named by `table`, the vote id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_index: Option<u32>,
}

/// The support a relation has in its document: a finding about one place is an `error` only
/// when the document states the relation (a total label, a header such as "Variance") and the
/// table bears it out elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    /// The relation, e.g. "Variance = Forecast − Budget" or "Total = sum of the 7 rows above".
    pub relation: String,
    /// How the document states it: "header 'Variance'", "total label 'Total Grants'",
    /// "printed signs (+/−)", or "not stated".
    pub stated_by: String,
    /// What was counted: `rows`, `columns` or `totals`.
    pub over: String,
    /// How many of them the relation could be tested on (not all figures zero or blank).
    pub tested: u32,
    /// How many of those it held on (exactly or within the printed precision).
    pub held: u32,
}
