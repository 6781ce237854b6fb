//! The segmented pack: meeting, membership, agenda items, sections, minutes and reports.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::provenance::Location;

/// Everything segmentation learns about a pack.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Pack {
    pub meeting: Option<Meeting>,
    /// Committee membership by party, where the front sheet lists it.
    pub membership: Vec<PartyGroup>,
    pub agenda_items: Vec<AgendaItem>,
    /// Sections in document order; they cover the document without overlap.
    pub sections: Vec<Section>,
    /// Minutes of earlier meetings printed inside the pack.
    pub minutes: Vec<MinutesBlock>,
    /// Report cover sheets (From/To/Subject ...).
    pub reports: Vec<ReportHeader>,
    /// Printed page numbers mapped to physical pages (PDF) or source lines (text).
    pub page_map: Vec<PageMapping>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Meeting {
    /// The council, where printed ("Kent County Council").
    pub council: Option<String>,
    /// The body or committee ("County Council", "Cabinet", "Children's ... Committee").
    pub body: Option<String>,
    /// ISO date `YYYY-MM-DD`.
    pub date: Option<String>,
    /// 24-hour `HH:MM`.
    pub start_time: Option<String>,
    pub venue: Option<String>,
    /// ISO date the agenda (summons) was published or dated.
    pub published: Option<String>,
    /// Contact officer, telephone or e-mail as printed.
    pub contact: Option<String>,
    pub location: Location,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PartyGroup {
    /// Party as printed ("Conservative (10)").
    pub party: String,
    /// Seat count where printed.
    pub seats: Option<u32>,
    pub members: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Open to the press and public.
    #[default]
    Unrestricted,
    /// Exempt items (press and public excluded).
    Restricted,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AgendaItem {
    /// As printed: "4", "A4", "B1", "7.1".
    pub number: String,
    pub title: String,
    /// Pack page range `(first, last)` as printed.
    pub pages: Option<(u32, u32)>,
    pub part: Part,
    /// Decision numbers such as `17/00013`.
    pub decision_numbers: Vec<String>,
    /// "Report to follow".
    pub report_to_follow: bool,
    pub location: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    FrontSheet,
    Minutes,
    Report,
    Appendix,
    Motion,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Section {
    pub kind: SectionKind,
    pub title: String,
    /// The agenda item the section belongs to, where known.
    pub agenda_item: Option<String>,
    /// Line range (text) or page range (PDF).
    pub location: Location,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MinutesBlock {
    /// The body whose minutes these are.
    pub body: Option<String>,
    /// ISO date of the meeting minuted.
    pub meeting_date: Option<String>,
    pub venue: Option<String>,
    /// Members present as printed (roles such as "(Chairman)" kept in `role`).
    pub present: Vec<Person>,
    /// Officers and others in attendance (IN ATTENDANCE, OFFICERS).
    pub in_attendance: Vec<Person>,
    /// Members attending who are not on the body (ALSO PRESENT, OTHER MEMBERS).
    #[serde(default)]
    pub also_present: Vec<Person>,
    pub apologies: Vec<Person>,
    pub substitutes: Vec<Person>,
    pub items: Vec<MinuteItem>,
    pub location: Location,
    /// From the "MINUTES of a meeting" line to the block's last line.
    #[serde(skip)]
    pub lines: LineSpan,
}

/// Lines `first..=last` of the layout in reading order (the order of [`Layout::lines`]), where
/// later stages read a segment's text again. Not part of the output: a pack read back from JSON
/// has none.
///
/// [`Layout::lines`]: crate::model::Layout::lines
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineSpan {
    pub first: usize,
    pub last: usize,
}

impl LineSpan {
    pub fn contains(&self, i: usize) -> bool {
        self.first <= i && i <= self.last
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Person {
    /// The name as printed, tidied of separators ("Mr P B Carter, CBE").
    pub name: String,
    /// Title (Mr, Mrs, Ms, Miss, Dr, Sir, Cllr) where printed.
    pub title: Option<String>,
    /// Surname, for matching across lists that differ in initials.
    pub surname: Option<String>,
    /// Role in brackets or after a dash ("Chairman", "Vice-Chairman", "Corporate Director").
    pub role: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MinuteItem {
    /// Minute number as printed ("16", "23.", "(4)").
    pub number: String,
    pub title: String,
    /// RESOLVED / AGREED paragraphs, in order.
    pub resolutions: Vec<String>,
    /// Decision numbers mentioned in the minute.
    pub decision_numbers: Vec<String>,
    pub location: Location,
    /// From the heading line to the minute's last line.
    #[serde(skip)]
    pub lines: LineSpan,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReportHeader {
    pub agenda_item: Option<String>,
    /// "From:" / "By:" lines.
    pub from: Vec<String>,
    pub to: Option<String>,
    pub subject: Option<String>,
    pub decision_number: Option<String>,
    pub classification: Option<String>,
    pub summary: Option<String>,
    pub recommendations: Option<String>,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PageMapping {
    /// The printed pack page number.
    pub printed: u32,
    pub location: Location,
}
