//! Row types of the warehouse tables: flat records (scalars and lists of scalars) joined by
//! stable keys.
//!
//! Every row carries `document_id` (the SHA-256 of the file). Within a document, rows are keyed by
//! the record's own id where it has one (`table_id` of a grid, `vote_id`) or by its position in
//! the per-document JSON (`item_index`, `section_index`...), so `(document_id, vote_id)` joins
//! `votes` to `vote_members`, `(document_id, table_id)` joins `budget_tables`, `budget_rows` and
//! `findings`, and `(document_id, table_id, label)` joins a budget row to the findings about it.
//!
//! Dates are [`Date`] (`DATE`), times [`Time`] (`TIME`), money and rates exact [`Dec`] amounts
//! (`DECIMAL(38, 6)`; see `types`), counts integers (`BIGINT`). Raw printed text is kept beside
//! parsed values (`raw_values`, `latest_raw`, `budget_cells.printed`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::types::{Date, Dec, Time};
use crate::output::document::SourceCounts;

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
    #[serde(flatten)]
    pub counts: SourceCounts,
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

/// A meeting: the one a pack is for (`kind` `pack`, id `m0`, at most one per document) and each
/// meeting whose minutes the document prints (`kind` `minutes`, ids `m1`, `m2` … in document
/// order). `(document_id, meeting_id)` joins `votes`, `decisions` and `attendance` to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MeetingRow {
    pub document_id: String,
    pub meeting_id: String,
    /// `pack` or `minutes`.
    pub kind: String,
    pub council: Option<String>,
    pub body: Option<String>,
    pub date: Option<Date>,
    pub start_time: Option<Time>,
    pub venue: Option<String>,
    /// The date the agenda (summons) was published or dated.
    pub published: Option<Date>,
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
    /// The minuted meeting the vote was taken at (joins `meetings`).
    pub meeting_id: Option<String>,
    /// ISO date of that meeting (not of the meeting the pack is for).
    pub meeting_date: Option<Date>,
    /// The body that voted.
    pub meeting_body: Option<String>,
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
    /// The first column with role `budget`, in its printed unit.
    pub budget: Option<Dec>,
    /// The first column with role `forecast`.
    pub forecast: Option<Dec>,
    /// The first column with role `variance`.
    pub variance: Option<Dec>,
    /// Every cell as printed, one per column (null where empty).
    pub raw_values: Vec<Option<String>>,
    /// Every cell's parsed amount, one per column (null where empty, nil or text); the same
    /// cells one per row in `budget_cells`.
    pub values: Vec<Option<Dec>>,
    pub page: Option<u32>,
    pub line: Option<u32>,
}

/// One printed cell of a budget table's value columns (long form: a row per cell), keyed by
/// `(document_id, table_id, row_index, column_index)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BudgetCellRow {
    pub document_id: String,
    pub table_id: String,
    pub row_index: u32,
    pub column_index: u32,
    /// The row's label as printed.
    pub row_label: String,
    /// `section`, `line`, `subtotal`, `total`.
    pub row_level: String,
    /// Header text, header rows joined with " / ".
    pub column_header: String,
    /// `budget`, `forecast`, `variance`, `period`, `total`...
    pub role: String,
    /// The merged group header the column sits under, where there is one.
    pub group: Option<String>,
    /// A finer role within the group: `real_variance`/`rephasing_variance`, `gross`/`income`/`net`.
    pub qualifier: Option<String>,
    /// Period label ("2024-25") where the header gives one.
    pub period: Option<String>,
    /// Unit as printed: "£m", "£'000", "£", "%" (the column's, else the table's).
    pub unit: Option<String>,
    /// Power of ten the values are in (`£'000` = 3, `£m` = 6), where known.
    pub scale: Option<u32>,
    /// The amount in the printed unit; null for nil marks and text.
    pub value: Option<Dec>,
    /// The cell exactly as printed.
    pub printed: String,
    pub page: Option<u32>,
    pub line: Option<u32>,
}

/// One indicator of a KPI scorecard, RAG list or detail box.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct KpiTableRow {
    pub document_id: String,
    pub kpi_index: u32,
    pub table_id: String,
    pub code: Option<String>,
    pub description: String,
    /// The list row's wording of an indicator whose RAG-list row and detail box were merged
    /// (`description` is the detail box's).
    pub summary_description: Option<String>,
    /// The table or report section the row sits in ("Customer Services KPIs").
    pub section: Option<String>,
    pub district: Option<String>,
    /// Team or area sub-heading inside a district scorecard ("Ashford CSWT").
    pub team: Option<String>,
    /// `high`, `low`, `target`.
    pub polarity: Option<String>,
    /// True when the polarity was not printed but inferred (target above floor: higher is better).
    pub polarity_inferred: bool,
    pub data_period: Option<String>,
    pub layout: Option<String>,
    /// Marked for the Quarterly Performance Report (a tick in the QPR column).
    pub qpr: bool,
    pub latest_raw: Option<String>,
    pub latest: Option<Dec>,
    pub numerator: Option<Dec>,
    pub denominator: Option<Dec>,
    pub target: Option<Dec>,
    /// Period the target and RAG refer to, from the header ("2024-25", "Summer 2023-24").
    pub target_period: Option<String>,
    /// The following year's target (annual scorecards print "Target 2024-25" after the DOT).
    pub next_target: Option<Dec>,
    pub floor: Option<Dec>,
    /// `GREEN`, `AMBER`, `RED`.
    pub rag: Option<String>,
    pub rag_raw: Option<String>,
    pub direction: Option<String>,
    pub direction_raw: Option<String>,
    pub prior_outturn: Option<Dec>,
    pub prior_target: Option<Dec>,
    pub prior_rag: Option<String>,
    pub trend_periods: Vec<String>,
    pub trend_values: Vec<Option<Dec>>,
    /// Comparator labels as printed ("England", "Statistical neighbours"), one per value.
    pub benchmark_periods: Vec<String>,
    pub benchmark_values: Vec<Option<Dec>>,
    pub page: Option<u32>,
    pub line: Option<u32>,
    /// Where the indicator's detail box is printed, when its list row and detail box were merged
    /// (`page`/`line` are the list row's).
    pub detail_page: Option<u32>,
    pub detail_line: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RagSummaryRow {
    pub document_id: String,
    pub summary_index: u32,
    /// Grid id the counts came from (null where the extractor names none).
    pub table_id: Option<String>,
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
    /// The minuted meeting the decision was taken at (joins `meetings`), its date and body.
    pub meeting_id: Option<String>,
    pub meeting_date: Option<Date>,
    pub meeting_body: Option<String>,
    pub page: Option<u32>,
    pub line: Option<u32>,
}

/// One person in one attendance list (long format: a row per name).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AttendanceRow {
    pub document_id: String,
    /// Which attendance record of the document (0-based).
    pub attendance_index: u32,
    /// The minuted meeting (joins `meetings`).
    pub meeting_id: Option<String>,
    pub meeting_date: Option<Date>,
    pub body: Option<String>,
    /// `present`, `in_attendance`, `also_present` (members not on the body), `apologies`,
    /// `substitutes`.
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
    /// The warehouse table holding the row the finding is about (`budget_rows`, `cells`,
    /// `kpis`, `rag_summaries`, `votes`, `attendance`) and that row's index there
    /// (`budget_rows.row_index`, `cells.row`, `kpis.kpi_index`, `rag_summaries.summary_index`,
    /// `attendance.attendance_index`; a vote is named by `table_id`).
    pub record: Option<String>,
    pub row_index: Option<u32>,
    /// The relation the finding is about, how the document states it, and on how many rows or
    /// columns it was tested and held.
    pub evidence_relation: Option<String>,
    pub evidence_stated_by: Option<String>,
    pub evidence_over: Option<String>,
    pub evidence_tested: Option<u32>,
    pub evidence_held: Option<u32>,
    pub page: Option<u32>,
    pub page_end: Option<u32>,
    pub line: Option<u32>,
    pub line_end: Option<u32>,
}

/// One cell of a table kept whole (a generic table: anything not read as a budget table, KPI
/// scorecard or RAG summary), in long form: `(document_id, table_id, row)` is the row a finding
/// names with `record = 'cells'` and `row_index`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CellRow {
    pub document_id: String,
    /// Grid id of the table.
    pub table_id: String,
    /// Row of the grid, header rows counted (0-based).
    pub row: u32,
    /// Column of the grid (0-based).
    pub column: u32,
    /// True for the table's header rows.
    pub is_header: bool,
    /// The column's header rows joined with " / " (empty when the table prints none).
    pub header: String,
    /// The cell as printed.
    pub text: String,
    /// The cell's number as an exact decimal string (scale suffix not applied), when it holds one.
    pub value: Option<String>,
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
