//! Row types of the warehouse tables: flat records (scalars and lists of scalars) joined by
//! stable keys.
//!
//! Every row carries `document_id` (the SHA-256 of the file). Within a document, rows are keyed by
//! the record's own id where it has one (`table_id` of a grid, `vote_id`) or by its position in
//! the per-document JSON (`item_index`, `section_index`...), so `(document_id, vote_id)` joins
//! `votes` to `vote_members`, `(document_id, table_id)` joins `budget_tables`, `budget_rows` and
//! `findings`, and `(document_id, table_id, label)` joins a budget row to the findings about it.
//!
//! Money and rates are exact decimals written as strings (`"-1234.5"`); cast them to `DECIMAL`
//! in the warehouse. Raw printed text is kept beside every parsed value.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One row per unique document (identical files are one document listing all their paths).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentRow {
    pub document_id: String,
    /// The first of `paths`' file names.
    pub file_name: String,
    /// Every path the document was found at, relative to the input folder given, sorted.
    pub paths: Vec<String>,
    /// `pdf` or `text`.
    pub kind: String,
    pub bytes: u64,
    pub pages: u32,
    pub lines: u32,
    pub unmapped_glyphs: u64,
    pub total_glyphs: u64,
    /// What the reader skipped or could not decode: what, where, why and how many (one line per
    /// kind of loss).
    pub warnings: Vec<String>,
    /// How many lines `warnings` has.
    pub warning_count: u32,
    pub schema_version: String,
    pub extractor_version: String,
    pub agenda_items: u32,
    pub sections: u32,
    pub tables: u32,
    pub budget_tables: u32,
    pub kpis: u32,
    pub votes: u32,
    pub decisions: u32,
    pub findings: u32,
}

/// The meeting a pack is for (at most one per document).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MeetingRow {
    pub document_id: String,
    pub council: Option<String>,
    pub body: Option<String>,
    /// ISO date.
    pub date: Option<String>,
    /// 24-hour `HH:MM`.
    pub start_time: Option<String>,
    pub venue: Option<String>,
    pub published: Option<String>,
    pub contact: Option<String>,
    pub page: Option<u32>,
    pub line: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AgendaItemRow {
    pub document_id: String,
    /// Position in the pack's agenda (0-based).
    pub item_index: u32,
    /// As printed: "4", "A4", "7.1".
    pub number: String,
    pub title: String,
    pub first_page: Option<u32>,
    pub last_page: Option<u32>,
    /// `unrestricted` or `restricted`.
    pub part: String,
    pub decision_numbers: Vec<String>,
    pub report_to_follow: bool,
    pub page: Option<u32>,
    pub line: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SectionRow {
    pub document_id: String,
    pub section_index: u32,
    /// `front_sheet`, `minutes`, `report`, `appendix`, `motion`, `other`.
    pub kind: String,
    pub title: String,
    pub agenda_item: Option<String>,
    pub page: Option<u32>,
    pub page_end: Option<u32>,
    pub line: Option<u32>,
    pub line_end: Option<u32>,
}

/// A vote (Open Civic Data VoteEvent), with its stated counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VoteRow {
    pub document_id: String,
    pub vote_id: String,
    pub minute: Option<String>,
    pub motion: String,
    pub motion_kind: String,
    pub mover: Option<String>,
    pub seconder: Option<String>,
    pub result_raw: Option<String>,
    /// `pass` or `fail` where it can be told.
    pub result: Option<String>,
    pub count_only: bool,
    /// Stated count of the `yes` option.
    pub yes_count: Option<u32>,
    pub no_count: Option<u32>,
    pub abstain_count: Option<u32>,
    /// Named members listed, all options together.
    pub named_members: u32,
    pub page: Option<u32>,
    pub line: Option<u32>,
}

/// How one named member voted in one vote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VoteMemberRow {
    pub document_id: String,
    pub vote_id: String,
    /// Position in the vote's list of named members.
    pub member_index: u32,
    /// OCD option: `yes`, `no`, `abstain`.
    pub option: String,
    pub voter_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BudgetTableRow {
    pub document_id: String,
    /// Grid id the table came from.
    pub table_id: String,
    pub caption: Option<String>,
    pub section: Option<String>,
    pub unit: Option<String>,
    /// Column headers, in order.
    pub column_headers: Vec<String>,
    /// Column roles (`label`, `budget`, `forecast`, `variance`...), in order.
    pub column_roles: Vec<String>,
    pub rows: u32,
    pub page: Option<u32>,
    pub page_end: Option<u32>,
    pub line: Option<u32>,
    pub line_end: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BudgetRowRow {
    pub document_id: String,
    pub table_id: String,
    pub row_index: u32,
    pub label: String,
    /// `section`, `line`, `subtotal`, `total`.
    pub level: String,
    pub bold: bool,
    pub italic: bool,
    /// The first column with role `budget`, as an exact decimal string.
    pub budget: Option<String>,
    /// The first column with role `forecast`.
    pub forecast: Option<String>,
    /// The first column with role `variance`.
    pub variance: Option<String>,
    /// Every cell as printed, one per column (null where empty).
    pub raw_values: Vec<Option<String>>,
    /// Every cell's parsed decimal, one per column (null where empty, nil or text).
    pub values: Vec<Option<String>>,
    pub page: Option<u32>,
    pub line: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct KpiRow {
    pub document_id: String,
    pub kpi_index: u32,
    pub table_id: String,
    pub code: Option<String>,
    pub description: String,
    pub district: Option<String>,
    /// `high`, `low`, `target`.
    pub polarity: Option<String>,
    pub data_period: Option<String>,
    pub layout: Option<String>,
    pub latest_raw: Option<String>,
    pub latest: Option<String>,
    pub numerator: Option<String>,
    pub denominator: Option<String>,
    pub target: Option<String>,
    pub floor: Option<String>,
    /// `GREEN`, `AMBER`, `RED`.
    pub rag: Option<String>,
    pub rag_raw: Option<String>,
    pub direction: Option<String>,
    pub direction_raw: Option<String>,
    pub prior_outturn: Option<String>,
    pub prior_target: Option<String>,
    pub prior_rag: Option<String>,
    pub trend_periods: Vec<String>,
    pub trend_values: Vec<Option<String>>,
    pub page: Option<u32>,
    pub line: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RagSummaryRow {
    pub document_id: String,
    pub summary_index: u32,
    pub section: String,
    pub green: Option<u32>,
    pub amber: Option<u32>,
    pub red: Option<u32>,
    pub improving: Option<u32>,
    pub unchanged: Option<u32>,
    pub worsening: Option<u32>,
    pub page: Option<u32>,
    pub line: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DecisionRow {
    pub document_id: String,
    pub decision_index: u32,
    pub minute: Option<String>,
    pub title: Option<String>,
    pub text: String,
    pub decision_number: Option<String>,
    pub without_vote: bool,
    pub page: Option<u32>,
    pub line: Option<u32>,
}

/// One person in one attendance list (long format: a row per name).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AttendanceRow {
    pub document_id: String,
    /// Which attendance record of the document (0-based).
    pub attendance_index: u32,
    pub meeting_date: Option<String>,
    pub body: Option<String>,
    /// `present`, `in_attendance`, `apologies`, `substitutes`.
    pub role: String,
    /// Position within that list.
    pub member_index: u32,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FindingRow {
    pub document_id: String,
    pub finding_index: u32,
    pub rule: String,
    /// `info`, `rounding`, `warning`, `error`.
    pub severity: String,
    /// Grid id, vote id or record the finding is about.
    pub table_id: Option<String>,
    pub row: Option<String>,
    pub column: Option<String>,
    pub expected: String,
    pub actual: String,
    pub message: String,
    pub page: Option<u32>,
    pub page_end: Option<u32>,
    pub line: Option<u32>,
    pub line_end: Option<u32>,
}

/// A file that could not be processed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct ErrorRow {
    /// SHA-256 of the file, when it could be read.
    pub document_id: Option<String>,
    /// The path, relative to the input folder given.
    pub path: String,
    /// `discover`, `read`, `ingest`, `segment`, `tables`, `extract`, `validate`, `output`.
    pub stage: String,
    /// The bound the document exceeded, when that is why it failed: `seconds` or `memory` (its
    /// budget), `file_bytes`, `stream_bytes`, `page_content_bytes`, `ops_per_page`.
    pub limit: Option<String>,
    pub message: String,
}
