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
    /// Another facts file about the same content (a rendering of a text pack), relative to
    /// `corpus/facts` without `.toml` (`shared/text/000_89a7eb97841dfc38`). Its facts are
    /// checked against this document too, except its `[document]` and `file`; this file's own
    /// facts are added to them and its pending marks win.
    pub same_as: Option<String>,
    /// Pending marks for single facts by their reported name (`"agenda item 3"`,
    /// `"vote 14#1"`), mainly for facts taken over with `same_as`. Wins over every other mark.
    #[serde(default)]
    pub pending_facts: BTreeMap<String, String>,
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
    #[serde(default)]
    pub budget_cells: Vec<BudgetCellFact>,
    #[serde(default)]
    pub no_findings: Vec<NoFindingFact>,
    /// Which pages a printed table runs over (a table continued on the next page, or whole on its
    /// own), typed from the pages.
    #[serde(default)]
    pub table_spans: Vec<TableSpanFact>,
    /// Named cells typed from the rendered pages. They are never marked pending: the file
    /// states how many of them hold today (`cells_floor`) and fails below that.
    #[serde(default)]
    pub cells: Vec<CellFact>,
    /// How many `[[cells]]` must hold (the figure reached, raised as the table stage improves);
    /// all of them when absent.
    pub cells_floor: Option<usize>,
}

impl Facts {
    /// This file's facts added to `base`'s (the file named by `same_as`): this file's `file`,
    /// `[document]` and pending marks win; `[meeting]` and `[page_stamps]` fall back to the base's.
    pub fn over(self, base: Facts) -> Facts {
        let mut pending = base.pending;
        pending.extend(self.pending);
        let mut pending_facts = base.pending_facts;
        pending_facts.extend(self.pending_facts);
        fn cat<T>(mut a: Vec<T>, b: Vec<T>) -> Vec<T> {
            a.extend(b);
            a
        }
        Facts {
            file: self.file,
            same_as: None,
            pending_facts,
            pending,
            document: self.document,
            meeting: self.meeting.or(base.meeting),
            membership: cat(base.membership, self.membership),
            agenda_items: cat(base.agenda_items, self.agenda_items),
            minutes: cat(base.minutes, self.minutes),
            votes: cat(base.votes, self.votes),
            decisions: cat(base.decisions, self.decisions),
            table_rows: cat(base.table_rows, self.table_rows),
            budget_rows: cat(base.budget_rows, self.budget_rows),
            kpis: cat(base.kpis, self.kpis),
            rag_summaries: cat(base.rag_summaries, self.rag_summaries),
            findings: cat(base.findings, self.findings),
            reports: cat(base.reports, self.reports),
            page_stamps: self.page_stamps.or(base.page_stamps),
            budget_cells: cat(base.budget_cells, self.budget_cells),
            no_findings: cat(base.no_findings, self.no_findings),
            table_spans: cat(base.table_spans, self.table_spans),
            cells: cat(base.cells, self.cells),
            cells_floor: self.cells_floor.or(base.cells_floor),
        }
    }
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
    "budget_cells",
    "no_findings",
    "table_spans",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentFacts {
    pub kind: Option<String>,
    pub lines: Option<u32>,
    pub pages: Option<u32>,
    /// At least this many table grids found.
    pub tables_min: Option<usize>,
    /// Exactly this many recorded votes (with counts or names) in the document.
    pub votes: Option<usize>,
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
    /// The indicator's code; documents that print none name it by `description_contains`.
    pub code: Option<String>,
    /// Text the indicator's description contains (case-insensitive).
    pub description_contains: Option<String>,
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
    /// Text the `To:` line contains.
    pub to_contains: Option<String>,
    /// Text that some `From:` entry contains, one per entry wanted.
    #[serde(default)]
    pub from_includes: Vec<String>,
    /// Phrases the recommendations contain.
    #[serde(default)]
    pub recommendations_include: Vec<String>,
    pub pending: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageStampsFact {
    pub printed: Vec<u32>,
    pub pending: Option<String>,
}

/// One value of a budget table named by its row label and column header.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetCellFact {
    /// Text that the table's caption or section contains.
    pub table_contains: Option<String>,
    /// The row label as printed (markup removed).
    pub row: String,
    /// Text that the column header contains (case-insensitive).
    pub column_contains: String,
    /// The printed value.
    pub value: String,
    pub pending: Option<String>,
}

/// A check that must stay quiet: the document is consistent here (checked by hand), so a
/// finding of this kind would be a false alarm.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoFindingFact {
    /// Text the rule id contains (case-insensitive).
    pub rule_contains: String,
    /// "error", "warning", "rounding" or "info"; any severity when absent.
    pub severity: Option<String>,
    /// Only findings that mention one of these (in expected/actual/message/row/column) count.
    #[serde(default)]
    pub mentions: Vec<String>,
    pub note: String,
    pub pending: Option<String>,
}

/// The table whose first row contains a text, on a page: the pages it runs over.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpanFact {
    /// The page the table starts on (1-based, physical).
    pub page: u32,
    /// Text the table's first row contains (case-insensitive).
    pub first_row_contains: String,
    /// First and last page the table is printed on.
    pub pages: (u32, u32),
    pub pending: Option<String>,
}

/// One cell of a printed table, typed from the rendered page: the value printed where the row
/// so labelled meets the column under these headings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellFact {
    /// The physical page (1-based) the cell is printed on.
    pub page: u32,
    /// Text the table's caption or section contains, where the page holds several tables.
    pub table: Option<String>,
    /// The row's label as printed (its lines joined by a space); any text cell of the row may
    /// carry it (a budget template row is named by its headline, not its category).
    pub row: String,
    /// Which row of that label on the page, 0-based in reading order, when it repeats.
    #[serde(default)]
    pub nth: usize,
    /// Header texts from the outermost band down to the column's own heading
    /// (`["2025-26", "Core"]`): each is contained, in this order, in the column's headers.
    pub column: Vec<String>,
    /// The value as printed; `""` for a cell left empty.
    pub value: String,
    /// `"budget"`: only the budget records count (`records.budget_tables`). By default a budget
    /// record or a table grid (`tables`) may hold the cell.
    pub source: Option<String>,
}
