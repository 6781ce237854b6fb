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
}
