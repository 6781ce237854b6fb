//! The shape of a hand-written facts file (`corpus/facts/**/*.toml`).
//!
//! Every fact may carry `pending = "<reason>"`: the stage that produces it is not written yet.
//! Pending facts are still evaluated; their result is reported and does not fail the test.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// `corpus/...` relative to the repository, or `shared:<path under ../shared/corpus>`.
    pub file: String,
    /// Whole sections whose stage is not written yet: section name -> reason. A fact's own
    /// `pending` wins over its section's.
    #[serde(default)]
    pub pending: BTreeMap<String, String>,
    pub document: Option<DocumentFacts>,
    pub meeting: Option<MeetingFacts>,
    #[serde(default)]
    pub membership: Vec<MembershipFact>,
    #[serde(default)]
    pub agenda_items: Vec<AgendaFact>,
    #[serde(default)]
    pub minutes: Vec<MinutesFact>,
    #[serde(default)]
    pub votes: Vec<VoteFact>,
    #[serde(default)]
    pub decisions: Vec<DecisionFact>,
    #[serde(default)]
    pub table_rows: Vec<TableRowFact>,
    #[serde(default)]
    pub budget_rows: Vec<BudgetRowFact>,
    #[serde(default)]
    pub kpis: Vec<KpiFact>,
    #[serde(default)]
    pub rag_summaries: Vec<RagSummaryFact>,
    #[serde(default)]
    pub findings: Vec<FindingFact>,
    #[serde(default)]
    pub reports: Vec<ReportFact>,
    pub page_stamps: Option<PageStampsFact>,
}

/// The section names a facts file may mark pending.
pub const SECTIONS: &[&str] = &[
    "document",
    "meeting",
    "membership",
    "agenda_items",
    "minutes",
    "votes",
    "decisions",
    "table_rows",
    "budget_rows",
    "kpis",
    "rag_summaries",
    "findings",
    "reports",
    "page_stamps",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentFacts {
    pub kind: Option<String>,
    pub lines: Option<u32>,
    pub pages: Option<u32>,
    pub pending: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingFacts {
    pub council: Option<String>,
    pub body: Option<String>,
    pub date: Option<String>,
    pub start_time: Option<String>,
    pub venue_contains: Option<String>,
    pub published: Option<String>,
    pub pending: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MembershipFact {
    pub party_contains: String,
    pub seats: Option<u32>,
    pub members_count: Option<usize>,
    #[serde(default)]
    pub members_include: Vec<String>,
    pub pending: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaFact {
    pub number: String,
    pub title: Option<String>,
    pub pages: Option<(u32, u32)>,
    /// `true` when the item has no page range.
    pub no_pages: Option<bool>,
    #[serde(default)]
    pub decision_numbers: Vec<String>,
    pub report_to_follow: Option<bool>,
    /// "unrestricted" or "restricted".
    pub part: Option<String>,
    pub pending: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinutesFact {
    pub meeting_date: String,
    pub present_count: Option<usize>,
    #[serde(default)]
    pub present_includes: Vec<String>,
    pub in_attendance_count: Option<usize>,
    #[serde(default)]
    pub in_attendance_includes: Vec<String>,
    pub apologies_count: Option<usize>,
    #[serde(default)]
    pub apologies_includes: Vec<String>,
    #[serde(default)]
    pub substitutes_includes: Vec<String>,
    #[serde(default)]
    pub minute_numbers: Vec<String>,
    pub pending: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoteFact {
    pub minute: String,
    /// Which vote of that minute, 0-based in document order.
    #[serde(default)]
    pub nth: usize,
    pub motion_kind: Option<String>,
    pub mover_contains: Option<String>,
    /// Stated counts per OCD option ("yes", "no", "abstain").
    #[serde(default)]
    pub counts: BTreeMap<String, u32>,
    /// Number of named voters per option.
    #[serde(default)]
    pub names: BTreeMap<String, usize>,
    #[serde(default)]
    pub voters_include: BTreeMap<String, Vec<String>>,
    pub result: Option<String>,
    pub count_only: Option<bool>,
    pub pending: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionFact {
    pub minute: Option<String>,
    pub text_contains: String,
    pub without_vote: Option<bool>,
    pub decision_number: Option<String>,
    pub pending: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableRowFact {
    /// The row's cells as printed (markup removed); trailing empty cells are ignored.
    pub cells: Vec<String>,
    pub pending: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetRowFact {
    /// Text that the table's caption or section contains.
    pub table_contains: Option<String>,
    pub label: String,
    /// The printed values after the label, in order (empty cells left out).
    pub values: Vec<String>,
    /// "section", "line", "subtotal" or "total".
    pub level: Option<String>,
    pub unit: Option<String>,
    pub pending: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiFact {
    pub code: String,
    pub district: Option<String>,
    pub polarity: Option<String>,
    pub latest: Option<String>,
    pub target: Option<String>,
    pub floor: Option<String>,
    pub rag: Option<String>,
    pub pending: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RagSummaryFact {
    pub section: String,
    pub green: Option<u32>,
    pub amber: Option<u32>,
    pub red: Option<u32>,
    pub improving: Option<u32>,
    pub unchanged: Option<u32>,
    pub worsening: Option<u32>,
    pub pending: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingFact {
    /// Text the finding's rule id contains (case-insensitive).
    pub rule_contains: String,
    /// "error", "warning", "rounding" or "info".
    pub severity: Option<String>,
    /// At least one of these appears in the finding's expected/actual/message/row/column.
    #[serde(default)]
    pub mentions: Vec<String>,
    pub note: String,
    pub pending: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFact {
    pub subject: String,
    pub decision_number: Option<String>,
    pub classification: Option<String>,
    pub pending: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageStampsFact {
    pub printed: Vec<u32>,
    pub pending: Option<String>,
}
