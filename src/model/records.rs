//! Typed records produced by extraction.

use grammars::amount::Amount;
/// RAG ratings, polarity and direction of travel, as the scorecard grammar reads them.
pub use grammars::rag::{Direction, Polarity, Rag};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::layout::Cell;
use super::provenance::Location;

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Records {
    pub budget_tables: Vec<BudgetTable>,
    pub kpis: Vec<KpiRow>,
    pub rag_summaries: Vec<RagSummary>,
    pub votes: Vec<Vote>,
    pub decisions: Vec<Decision>,
    pub attendance: Vec<Attendance>,
    /// Every table not typed above, with all its cells: nothing printed is lost.
    pub generic_tables: Vec<GenericTable>,
    /// Counts of ratings and directions of travel stated in running text ("17 are rated
    /// Green"), to be checked against the tables they summarise.
    #[serde(default)]
    pub stated_counts: Vec<StatedCount>,
}

/// A count stated in running text: "Nine are rated Red", "Ten indicators were showing an
/// improving trend".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StatedCount {
    /// What is counted: `green`, `amber`, `red`, `improving`, `unchanged` or `worsening`.
    pub counted: String,
    pub value: u32,
    /// The number as printed, in lower case ("nine").
    pub raw: String,
    /// The section the sentence speaks of when it opens with one ("Adult Social Care – Two KPIs
    /// are rated Green"); `None` for the whole report.
    pub scope: Option<String>,
    /// The sentence as printed.
    pub text: String,
    pub location: Location,
}

impl Records {
    /// Names the document every record's sources point to (the id is known only once the file
    /// has been hashed, beside extraction).
    pub fn set_document(&mut self, document: &str) {
        for v in &mut self.votes {
            for s in &mut v.sources {
                s.document = document.to_string();
            }
        }
    }
}

/// The role a column plays in a budget table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ColumnRole {
    Label,
    /// Budget, cash limit, revised budget.
    Budget,
    /// Forecast, outturn, actual, spend to date.
    Forecast,
    Variance,
    VarianceLastReported,
    Movement,
    RollForwardCommitted,
    RollForwardRephased,
    RollForwardBids,
    RevisedVariance,
    RealVariance,
    RephasingVariance,
    /// Budget less spend.
    Remaining,
    Percentage,
    /// A year or period column with no more specific role (e.g. "2018-19").
    Period,
    Reference,
    Text,
    Other,
    /// The total of a roll-forward group (committed + re-phased + bids).
    RollForwardTotal,
    /// A row-total column ("Total", "TOTAL £'000") summing the other value columns of its block.
    Total,
    /// Gross expenditure (also "Spend").
    Gross,
    /// Income (negative when it offsets gross spend).
    Income,
    /// Net (gross + income, or spend + saving).
    Net,
    /// Savings (negative amounts).
    Saving,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BudgetColumn {
    pub index: usize,
    /// Header text, header rows joined with " / ".
    pub header: String,
    pub role: ColumnRole,
    /// Unit and scale as printed: "£m", "£'000", "£", "%".
    pub unit: Option<String>,
    /// Period label ("2024-25") where the header gives one.
    pub period: Option<String>,
    /// The merged group header the column sits under ("Roll forwards", "Cash Limit",
    /// "Rory Love (Education)"), where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// A second, finer role within the group: `Real`/`Rephasing` variance, `Gross`/`Income`/`Net`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<ColumnRole>,
    /// Power of ten the printed values are in (`£'000` = 3, `£m` = 6, `£` = 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RowLevel {
    /// A heading row with no values.
    Section,
    Line,
    Subtotal,
    Total,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BudgetRow {
    pub index: usize,
    pub label: String,
    pub level: RowLevel,
    /// One per column; `None` for the label column and where the cell is empty. Text cells keep
    /// their raw text with no parsed value.
    pub values: Vec<Option<Amount>>,
    pub bold: bool,
    pub italic: bool,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BudgetTable {
    /// Grid id the table came from.
    pub table: String,
    pub caption: Option<String>,
    /// The section or report it sits in.
    pub section: Option<String>,
    pub unit: Option<String>,
    pub columns: Vec<BudgetColumn>,
    pub rows: Vec<BudgetRow>,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PeriodValue {
    pub period: String,
    pub value: Amount,
}

/// A KPI row; `Default` is a row with only empty fields, to be filled in by name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct KpiRow {
    pub table: String,
    pub code: Option<String>,
    pub description: String,
    /// District for district scorecards.
    pub district: Option<String>,
    pub polarity: Option<Polarity>,
    pub data_period: Option<String>,
    /// "monthly", "quarterly", "termly", "annual".
    pub layout: Option<String>,
    pub trend: Vec<PeriodValue>,
    pub latest: Option<Amount>,
    pub numerator: Option<Amount>,
    pub denominator: Option<Amount>,
    pub direction: Option<Direction>,
    /// Direction of travel as printed (arrow or words).
    pub direction_raw: Option<String>,
    pub target: Option<Amount>,
    pub floor: Option<Amount>,
    pub rag: Option<Rag>,
    pub rag_raw: Option<String>,
    pub prior_outturn: Option<Amount>,
    pub prior_target: Option<Amount>,
    pub prior_rag: Option<Rag>,
    pub benchmarks: Vec<PeriodValue>,
    pub location: Location,
    /// Team or area sub-heading inside a district scorecard ("Ashford CSWT", "Ashford EHU").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// The following year's target (annual scorecards print "Target 2024-25" after the DOT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_target: Option<Amount>,
    /// Marked for the Quarterly Performance Report (a tick in the QPR column).
    #[serde(default, skip_serializing_if = "is_false")]
    pub qpr: bool,
    /// Period the target and RAG refer to, from the header ("2024-25", "Summer 2023-24").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_period: Option<String>,
    /// The table or report section the row sits in ("Customer Services KPIs").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// True when the polarity was not printed but inferred (target above floor: higher is better).
    #[serde(default, skip_serializing_if = "is_false")]
    pub polarity_inferred: bool,
    /// Where the indicator's detail box is printed, when its RAG-list row and its detail box were
    /// merged into this record (`location` is the list row's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail_location: Option<Location>,
    /// The list row's wording of a merged indicator (`description` is the detail box's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_description: Option<String>,
}

impl KpiRow {
    /// The one constructor of a KPI record: the grid it came from, the indicator as printed and
    /// where; every other field starts empty and is filled in by name by the reader of its layout.
    pub fn new(table: &str, description: impl Into<String>, location: Location) -> KpiRow {
        KpiRow {
            table: table.to_string(),
            description: description.into(),
            location,
            ..KpiRow::default()
        }
    }
}

fn is_false(v: &bool) -> bool {
    !*v
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RagSummary {
    /// Grid id the counts came from.
    #[serde(default)]
    pub table: String,
    pub section: String,
    pub green: Option<u32>,
    pub amber: Option<u32>,
    pub red: Option<u32>,
    pub improving: Option<u32>,
    pub unchanged: Option<u32>,
    pub worsening: Option<u32>,
    pub location: Location,
}

impl RagSummary {
    /// The one constructor of a RAG summary: the grid it came from, the section it counts and
    /// where; the counts start empty.
    pub fn new(table: &str, section: impl Into<String>, location: Location) -> RagSummary {
        RagSummary {
            table: table.to_string(),
            section: section.into(),
            green: None,
            amber: None,
            red: None,
            improving: None,
            unchanged: None,
            worsening: None,
            location,
        }
    }
}

/// A vote in the Open Civic Data VoteEvent shape: `motion_text`, `motion_classification`,
/// `start_date`, `organization`, `result`, `counts`, `votes` and `sources` as OCD names them, with
/// the council's own wording kept beside them (`result_raw`, count labels).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Vote {
    /// Stable id within the document.
    pub id: String,
    /// Minute or agenda item the vote belongs to.
    pub minute: Option<String>,
    /// The motion or amendment voted on: its quoted text where printed, else what the minutes
    /// say was put ("to endorse the recommendations set out in the report"), not the procedural
    /// sentence around it.
    pub motion_text: String,
    /// OCD motion classification: `motion`, `amendment` or `substantive motion`.
    #[serde(default)]
    pub motion_classification: Vec<String>,
    /// ISO date of the meeting the vote was taken at: the meeting of the minutes it sits in,
    /// not the meeting the pack is for.
    pub start_date: Option<String>,
    /// The body that voted ("County Council", "Cabinet").
    pub organization: Option<String>,
    /// The minuted meeting (`m1`, `m2` … in document order), shared with the attendance and
    /// decisions of the same minutes and with the warehouse `meetings` table.
    pub meeting_id: Option<String>,
    pub mover: Option<String>,
    pub seconder: Option<String>,
    /// Stated counts per option ("yes", "no", "abstain"), with the council's own label.
    pub counts: Vec<VoteCount>,
    /// Named members per option, as printed.
    pub votes: Vec<VoterRecord>,
    /// Outcome as printed ("Motion carried", "Amendment lost").
    pub result_raw: Option<String>,
    /// "pass" or "fail" where it can be told.
    pub result: Option<String>,
    /// True when only counts were printed.
    pub count_only: bool,
    /// Where the vote is printed: the document and its pages (PDF) or lines (text).
    #[serde(default)]
    pub sources: Vec<Source>,
    pub location: Location,
}

impl Vote {
    /// The one constructor of a vote: the motion put and where the vote is printed (its only
    /// source until the document is named, see [`Records::set_document`]); id, meeting, counts,
    /// names and outcome start empty and are filled in by the reader that found it.
    pub fn new(motion_text: impl Into<String>, location: Location) -> Vote {
        Vote {
            id: String::new(),
            minute: None,
            motion_text: motion_text.into(),
            motion_classification: Vec::new(),
            start_date: None,
            organization: None,
            meeting_id: None,
            mover: None,
            seconder: None,
            counts: Vec::new(),
            votes: Vec::new(),
            result_raw: None,
            result: None,
            count_only: false,
            sources: vec![Source::at("", &location)],
            location,
        }
    }

    /// Records the outcome where it can be told: `pass` or `fail`.
    pub fn set_passed(&mut self, passed: Option<bool>) {
        self.result = passed.map(|p| if p { "pass" } else { "fail" }.to_string());
    }
}

/// Where a record was read: the document (SHA-256 of the file) and its pages or lines.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// Document id (SHA-256 of the file).
    pub document: String,
    /// Physical pages (PDF), first to last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<u32>,
    /// First and last source line (text renderings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_end: Option<u32>,
}

impl Source {
    /// The source of something printed at `location` in `document`.
    pub fn at(document: &str, location: &Location) -> Source {
        let pages = match location.page {
            Some(p) => (p..=location.page_end.unwrap_or(p).max(p)).collect(),
            None => Vec::new(),
        };
        Source {
            document: document.to_string(),
            pages,
            line: location.line,
            line_end: location.line_end,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VoteCount {
    /// OCD option: "yes", "no", "abstain".
    pub option: String,
    /// Label as printed: "For", "Against", "Abstain", "Abstentions".
    pub label: String,
    /// The stated count.
    pub value: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VoterRecord {
    pub option: String,
    pub voter_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Decision {
    /// The minuted meeting the decision was taken at (see [`Vote::meeting_id`]).
    #[serde(default)]
    pub meeting_id: Option<String>,
    /// ISO date of that meeting.
    #[serde(default)]
    pub meeting_date: Option<String>,
    /// The body that took it.
    #[serde(default)]
    pub body: Option<String>,
    pub minute: Option<String>,
    pub title: Option<String>,
    pub text: String,
    pub decision_number: Option<String>,
    /// True when the minutes say it was agreed without a formal (recorded) vote.
    pub without_vote: bool,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Attendance {
    /// The minuted meeting (see [`Vote::meeting_id`]).
    #[serde(default)]
    pub meeting_id: Option<String>,
    /// ISO date of the meeting.
    pub meeting_date: Option<String>,
    pub body: Option<String>,
    pub present: Vec<String>,
    /// Officers and others in attendance (IN ATTENDANCE), role in brackets as printed.
    pub in_attendance: Vec<String>,
    /// Members attending who are not on the body (ALSO PRESENT).
    #[serde(default)]
    pub also_present: Vec<String>,
    pub apologies: Vec<String>,
    pub substitutes: Vec<String>,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GenericTable {
    pub table: String,
    pub caption: Option<String>,
    pub header_rows: usize,
    pub rows: Vec<Vec<Cell>>,
    pub location: Location,
}
