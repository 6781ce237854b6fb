//! One per-document JSON into rows of every warehouse table.

use grammars::amount::Amount;
use serde::Serialize;

use super::rows::*;
use super::types::{Date, Dec, Time};
use crate::model::pack::{AgendaItem, Meeting, Section};
use crate::model::records::{self, BudgetTable, ColumnRole};
use crate::model::{Finding, Location};
use crate::output::Document;

/// The rows one document contributes to each table (errors are added by the pipeline).
///
/// Each table's rows come from the model by one conversion below (`From<Keyed<..>>` where a
/// record gives one row, a function named after the table where it gives several). What the
/// per-document JSON holds and no table does is said at the conversion that leaves it out;
/// `records.stated_counts` (sentences, checked against the tables by `validate`) reach the
/// warehouse only through the findings about them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocRows {
    pub documents: Vec<DocumentRow>,
    pub meetings: Vec<MeetingRow>,
    pub agenda_items: Vec<AgendaItemRow>,
    pub sections: Vec<SectionRow>,
    pub votes: Vec<VoteRow>,
    pub vote_members: Vec<VoteMemberRow>,
    pub budget_tables: Vec<BudgetTableRow>,
    pub budget_rows: Vec<BudgetRowRow>,
    pub budget_cells: Vec<BudgetCellRow>,
    pub kpis: Vec<KpiTableRow>,
    pub rag_summaries: Vec<RagSummaryRow>,
    pub decisions: Vec<DecisionRow>,
    pub attendance: Vec<AttendanceRow>,
    pub cells: Vec<CellRow>,
    pub findings: Vec<FindingRow>,
    pub errors: Vec<ErrorRow>,
}

/// A serde unit enum's wire name (`snake_case` etc.), or its debug form if it has none.
fn wire<T: Serialize + std::fmt::Debug>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => format!("{v:?}"),
    }
}

fn dec(a: &Amount) -> Option<Dec> {
    a.value.map(Dec::new)
}

fn dec_opt(a: &Option<Amount>) -> Option<Dec> {
    a.as_ref().and_then(dec)
}

fn date(s: &Option<String>) -> Option<Date> {
    s.as_deref().and_then(Date::parse)
}

/// The printed cells of a budget table's value columns, one row each.
fn budget_cells(id: &str, t: &BudgetTable) -> Vec<BudgetCellRow> {
    let mut out = Vec::new();
    for r in &t.rows {
        for c in t.columns.iter().filter(|c| c.role != ColumnRole::Label) {
            let Some(Some(a)) = r.values.get(c.index) else { continue };
            if a.raw.trim().is_empty() {
                continue;
            }
            out.push(BudgetCellRow {
                qualifier: c.qualifier.as_ref().map(wire),
                document_id: id.to_string(),
                table_id: t.table.clone(),
                row_index: n(r.index),
                column_index: n(c.index),
                row_label: r.label.clone(),
                row_level: wire(&r.level),
                column_header: c.header.clone(),
                role: wire(&c.role),
                group: c.group.clone(),
                period: c.period.clone(),
                unit: c.unit.clone().or_else(|| t.unit.clone()),
                scale: c.scale,
                value: dec(a),
                printed: a.raw.clone(),
                page: r.location.page,
                line: r.location.line,
            });
        }
    }
    out
}

fn n(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn first_line(l: &Location) -> (Option<u32>, Option<u32>) {
    (l.page, l.line)
}

/// A record with the keys of its warehouse row: the document it is from and its position in the
/// per-document JSON.
pub struct Keyed<'a, T> {
    pub document_id: &'a str,
    pub index: usize,
    pub record: &'a T,
}

/// Every record of a list with its keys.
fn keyed<'a, T>(document_id: &'a str, list: &'a [T]) -> impl Iterator<Item = Keyed<'a, T>> {
    list.iter().enumerate().map(move |(index, record)| Keyed { document_id, index, record })
}

/// Converts every record of a list to its row.
fn rows_of<'a, T, R: From<Keyed<'a, T>>>(document_id: &'a str, list: &'a [T]) -> Vec<R> {
    keyed(document_id, list).map(R::from).collect()
}

/// Rows for one document. `paths` lists every path the document was found at.
pub fn document_rows(doc: &Document) -> DocRows {
    let id = doc.document.id.as_str();
    let pack = &doc.pack;
    let rec = &doc.records;
    let mut meetings: Vec<MeetingRow> = pack.meeting.iter().map(|m| pack_meeting(id, m)).collect();
    meetings.extend(rec.attendance.iter().filter_map(|a| minutes_meeting(id, a)));
    DocRows {
        documents: vec![DocumentRow::from(doc)],
        meetings,
        agenda_items: rows_of(id, &pack.agenda_items),
        sections: rows_of(id, &pack.sections),
        votes: rows_of(id, &rec.votes),
        vote_members: rec.votes.iter().flat_map(|v| vote_members(id, v)).collect(),
        budget_tables: rows_of(id, &rec.budget_tables),
        budget_rows: rec.budget_tables.iter().flat_map(|t| budget_rows(id, t)).collect(),
        budget_cells: rec.budget_tables.iter().flat_map(|t| budget_cells(id, t)).collect(),
        kpis: rows_of(id, &rec.kpis),
        rag_summaries: rows_of(id, &rec.rag_summaries),
        decisions: rows_of(id, &rec.decisions),
        attendance: keyed(id, &rec.attendance).flat_map(attendance).collect(),
        cells: rec.generic_tables.iter().flat_map(|g| cells(id, g)).collect(),
        findings: rows_of(id, &doc.findings),
        errors: Vec::new(),
    }
}

impl From<&Document> for DocumentRow {
    fn from(doc: &Document) -> DocumentRow {
        let info = &doc.document;
        let (pack, rec) = (&doc.pack, &doc.records);
        DocumentRow {
            document_id: info.id.clone(),
            file_name: info.file_name.clone(),
            paths: info.paths.clone(),
            kind: wire(&info.kind),
            counts: info.counts,
            warnings: info.warnings.clone(),
            warning_count: info.warnings.len() as u32,
            schema_version: doc.schema_version.clone(),
            extractor_version: doc.extractor_version.clone(),
            agenda_items: n(pack.agenda_items.len()),
            sections: n(pack.sections.len()),
            tables: n(doc.tables.len()),
            budget_tables: n(rec.budget_tables.len()),
            kpis: n(rec.kpis.len()),
            votes: n(rec.votes.len()),
            decisions: n(rec.decisions.len()),
            findings: n(doc.findings.len()),
        }
    }
}

/// The meeting the pack is for (`m0`).
fn pack_meeting(id: &str, m: &Meeting) -> MeetingRow {
    let (page, line) = first_line(&m.location);
    MeetingRow {
        document_id: id.to_string(),
        meeting_id: "m0".into(),
        kind: "pack".into(),
        council: m.council.clone(),
        body: m.body.clone(),
        date: date(&m.date),
        start_time: m.start_time.as_deref().and_then(Time::parse),
        venue: m.venue.clone(),
        published: date(&m.published),
        contact: m.contact.clone(),
        page,
        line,
    }
}

/// A meeting minuted inside the document, one per set of minutes (its attendance record).
fn minutes_meeting(id: &str, a: &records::Attendance) -> Option<MeetingRow> {
    let meeting_id = a.meeting_id.clone()?;
    let (page, line) = first_line(&a.location);
    Some(MeetingRow {
        document_id: id.to_string(),
        meeting_id,
        kind: "minutes".into(),
        council: None,
        body: a.body.clone(),
        date: date(&a.meeting_date),
        start_time: None,
        venue: None,
        published: None,
        contact: None,
        page,
        line,
    })
}

impl From<Keyed<'_, AgendaItem>> for AgendaItemRow {
    fn from(k: Keyed<'_, AgendaItem>) -> AgendaItemRow {
        let a = k.record;
        let (page, line) = first_line(&a.location);
        AgendaItemRow {
            document_id: k.document_id.to_string(),
            item_index: n(k.index),
            number: a.number.clone(),
            title: a.title.clone(),
            first_page: a.pages.map(|p| p.0),
            last_page: a.pages.map(|p| p.1),
            part: wire(&a.part),
            decision_numbers: a.decision_numbers.clone(),
            report_to_follow: a.report_to_follow,
            page,
            line,
        }
    }
}

impl From<Keyed<'_, Section>> for SectionRow {
    fn from(k: Keyed<'_, Section>) -> SectionRow {
        let (s, at) = (k.record, &k.record.location);
        SectionRow {
            document_id: k.document_id.to_string(),
            section_index: n(k.index),
            kind: wire(&s.kind),
            title: s.title.clone(),
            agenda_item: s.agenda_item.clone(),
            page: at.page,
            page_end: at.page_end,
            line: at.line,
            line_end: at.line_end,
        }
    }
}

/// Left out: `sources` (the document id and the pages or lines are already the row's keys and
/// `page`/`line`), the council's own count labels (`counts[].label`; the OCD option names the
/// column) and counts of any option other than `yes`, `no` and `abstain` (the grammar reads none).
impl From<Keyed<'_, records::Vote>> for VoteRow {
    fn from(k: Keyed<'_, records::Vote>) -> VoteRow {
        let v = k.record;
        let count = |opt: &str| v.counts.iter().find(|c| c.option == opt).map(|c| c.value);
        let (page, line) = first_line(&v.location);
        VoteRow {
            document_id: k.document_id.to_string(),
            vote_id: v.id.clone(),
            minute: v.minute.clone(),
            motion: v.motion_text.clone(),
            motion_kind: v.motion_classification.join(", "),
            meeting_id: v.meeting_id.clone(),
            meeting_date: date(&v.start_date),
            meeting_body: v.organization.clone(),
            mover: v.mover.clone(),
            seconder: v.seconder.clone(),
            result_raw: v.result_raw.clone(),
            result: v.result.clone(),
            count_only: v.count_only,
            yes_count: count("yes"),
            no_count: count("no"),
            abstain_count: count("abstain"),
            named_members: n(v.votes.len()),
            page,
            line,
        }
    }
}

/// One row per named member of a vote.
fn vote_members(id: &str, v: &records::Vote) -> Vec<VoteMemberRow> {
    v.votes
        .iter()
        .enumerate()
        .map(|(j, m)| VoteMemberRow {
            document_id: id.to_string(),
            vote_id: v.id.clone(),
            member_index: n(j),
            option: m.option.clone(),
            voter_name: m.voter_name.clone(),
        })
        .collect()
}

impl From<Keyed<'_, BudgetTable>> for BudgetTableRow {
    fn from(k: Keyed<'_, BudgetTable>) -> BudgetTableRow {
        let t = k.record;
        BudgetTableRow {
            document_id: k.document_id.to_string(),
            table_id: t.table.clone(),
            caption: t.caption.clone(),
            section: t.section.clone(),
            unit: t.unit.clone(),
            column_headers: t.columns.iter().map(|c| c.header.clone()).collect(),
            column_roles: t.columns.iter().map(|c| wire(&c.role)).collect(),
            rows: n(t.rows.len()),
            page: t.location.page,
            page_end: t.location.page_end,
            line: t.location.line,
            line_end: t.location.line_end,
        }
    }
}

/// One row per row of a budget table, with its budget, forecast and variance pulled out.
fn budget_rows(id: &str, t: &BudgetTable) -> Vec<BudgetRowRow> {
    let col_of = |role: ColumnRole| t.columns.iter().find(|c| c.role == role).map(|c| c.index);
    let (budget, forecast, variance) =
        (col_of(ColumnRole::Budget), col_of(ColumnRole::Forecast), col_of(ColumnRole::Variance));
    t.rows
        .iter()
        .map(|r| {
            let at = |c: Option<usize>| c.and_then(|c| r.values.get(c)).and_then(dec_opt);
            let (page, line) = first_line(&r.location);
            BudgetRowRow {
                document_id: id.to_string(),
                table_id: t.table.clone(),
                row_index: n(r.index),
                label: r.label.clone(),
                level: wire(&r.level),
                bold: r.bold,
                italic: r.italic,
                budget: at(budget),
                forecast: at(forecast),
                variance: at(variance),
                raw_values: r.values.iter().map(|v| v.as_ref().map(|a| a.raw.clone())).collect(),
                values: r.values.iter().map(dec_opt).collect(),
                page,
                line,
            }
        })
        .collect()
}

/// Every field of a KPI record has a column; the amounts as exact decimals (the printed text
/// of `latest` kept beside it), the detail box's place as `detail_page`/`detail_line`.
impl From<Keyed<'_, records::KpiRow>> for KpiTableRow {
    fn from(key: Keyed<'_, records::KpiRow>) -> KpiTableRow {
        let k = key.record;
        let (page, line) = first_line(&k.location);
        let (detail_page, detail_line) =
            k.detail_location.as_ref().map(first_line).unwrap_or_default();
        KpiTableRow {
            document_id: key.document_id.to_string(),
            kpi_index: n(key.index),
            table_id: k.table.clone(),
            code: k.code.clone(),
            description: k.description.clone(),
            summary_description: k.summary_description.clone(),
            section: k.section.clone(),
            district: k.district.clone(),
            team: k.team.clone(),
            polarity: k.polarity.as_ref().map(wire),
            polarity_inferred: k.polarity_inferred,
            data_period: k.data_period.clone(),
            layout: k.layout.clone(),
            qpr: k.qpr,
            latest_raw: k.latest.as_ref().map(|a| a.raw.clone()),
            latest: dec_opt(&k.latest),
            numerator: dec_opt(&k.numerator),
            denominator: dec_opt(&k.denominator),
            target: dec_opt(&k.target),
            target_period: k.target_period.clone(),
            next_target: dec_opt(&k.next_target),
            floor: dec_opt(&k.floor),
            rag: k.rag.as_ref().map(wire),
            rag_raw: k.rag_raw.clone(),
            direction: k.direction.as_ref().map(wire),
            direction_raw: k.direction_raw.clone(),
            prior_outturn: dec_opt(&k.prior_outturn),
            prior_target: dec_opt(&k.prior_target),
            prior_rag: k.prior_rag.as_ref().map(wire),
            trend_periods: k.trend.iter().map(|p| p.period.clone()).collect(),
            trend_values: k.trend.iter().map(|p| dec(&p.value)).collect(),
            benchmark_periods: k.benchmarks.iter().map(|p| p.period.clone()).collect(),
            benchmark_values: k.benchmarks.iter().map(|p| dec(&p.value)).collect(),
            page,
            line,
            detail_page,
            detail_line,
        }
    }
}

impl From<Keyed<'_, records::RagSummary>> for RagSummaryRow {
    fn from(k: Keyed<'_, records::RagSummary>) -> RagSummaryRow {
        let s = k.record;
        let (page, line) = first_line(&s.location);
        RagSummaryRow {
            document_id: k.document_id.to_string(),
            summary_index: n(k.index),
            table_id: Some(s.table.clone()).filter(|t| !t.is_empty()),
            section: s.section.clone(),
            green: s.green,
            amber: s.amber,
            red: s.red,
            improving: s.improving,
            unchanged: s.unchanged,
            worsening: s.worsening,
            page,
            line,
        }
    }
}

impl From<Keyed<'_, records::Decision>> for DecisionRow {
    fn from(k: Keyed<'_, records::Decision>) -> DecisionRow {
        let d = k.record;
        let (page, line) = first_line(&d.location);
        DecisionRow {
            document_id: k.document_id.to_string(),
            decision_index: n(k.index),
            minute: d.minute.clone(),
            title: d.title.clone(),
            text: d.text.clone(),
            decision_number: d.decision_number.clone(),
            without_vote: d.without_vote,
            meeting_id: d.meeting_id.clone(),
            meeting_date: date(&d.meeting_date),
            meeting_body: d.body.clone(),
            page,
            line,
        }
    }
}

/// One row per name in one attendance record's lists, `role` naming the list.
fn attendance(k: Keyed<'_, records::Attendance>) -> Vec<AttendanceRow> {
    let a = k.record;
    let lists = [
        ("present", &a.present),
        ("in_attendance", &a.in_attendance),
        ("also_present", &a.also_present),
        ("apologies", &a.apologies),
        ("substitutes", &a.substitutes),
    ];
    let mut out = Vec::new();
    for (role, names) in lists {
        for (j, name) in names.iter().enumerate() {
            out.push(AttendanceRow {
                document_id: k.document_id.to_string(),
                attendance_index: n(k.index),
                meeting_id: a.meeting_id.clone(),
                meeting_date: date(&a.meeting_date),
                body: a.body.clone(),
                role: role.to_string(),
                member_index: n(j),
                name: name.clone(),
            });
        }
    }
    out
}

/// One row per printed cell of a table kept whole. Left out: the table's `caption` and its
/// location (`cells` has a row per cell, not per table; the grid's `table_id` joins the
/// per-document JSON, which has both).
fn cells(id: &str, g: &records::GenericTable) -> Vec<CellRow> {
    let width = g.rows.iter().map(Vec::len).max().unwrap_or(0);
    let heads = g.header_rows.min(g.rows.len());
    let header: Vec<String> = (0..width)
        .map(|c| {
            g.rows[..heads]
                .iter()
                .filter_map(|r| r.get(c).map(|x| x.text.trim()).filter(|t| !t.is_empty()))
                .collect::<Vec<_>>()
                .join(" / ")
        })
        .collect();
    let mut out = Vec::new();
    for (ri, r) in g.rows.iter().enumerate() {
        for (ci, cell) in r.iter().enumerate() {
            if cell.text.trim().is_empty() {
                continue;
            }
            out.push(CellRow {
                document_id: id.to_string(),
                table_id: g.table.clone(),
                row: n(ri),
                column: n(ci),
                is_header: ri < heads,
                header: header.get(ci).cloned().unwrap_or_default(),
                text: cell.text.clone(),
                value: grammars::amount::parse(&cell.text).value.map(|d| d.to_string()),
            });
        }
    }
    out
}

/// Left out: `document` (the row's `document_id`).
impl From<Keyed<'_, Finding>> for FindingRow {
    fn from(k: Keyed<'_, Finding>) -> FindingRow {
        let f = k.record;
        FindingRow {
            document_id: k.document_id.to_string(),
            finding_index: n(k.index),
            rule: f.rule.clone(),
            severity: wire(&f.severity),
            table_id: f.table.clone(),
            row: f.row.clone(),
            column: f.column.clone(),
            expected: f.expected.clone(),
            actual: f.actual.clone(),
            message: f.message.clone(),
            record: f.record.clone(),
            row_index: f.row_index,
            evidence_relation: f.evidence.as_ref().map(|e| e.relation.clone()),
            evidence_stated_by: f.evidence.as_ref().map(|e| e.stated_by.clone()),
            evidence_over: f.evidence.as_ref().map(|e| e.over.clone()),
            evidence_tested: f.evidence.as_ref().map(|e| e.tested),
            evidence_held: f.evidence.as_ref().map(|e| e.held),
            page: f.location.page,
            page_end: f.location.page_end,
            line: f.location.line,
            line_end: f.location.line_end,
        }
    }
}
