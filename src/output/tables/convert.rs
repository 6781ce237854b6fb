//! One per-document JSON into rows of every warehouse table.

use grammars::amount::Amount;
use serde::Serialize;

use super::rows::*;
use super::types::{Date, Dec, Time};
use crate::model::Location;
use crate::model::records::{BudgetTable, ColumnRole};
use crate::output::Document;

/// The rows one document contributes to each table (errors are added by the pipeline).
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
    pub kpis: Vec<KpiRow>,
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

/// Rows for one document. `paths` lists every path the document was found at.
pub fn document_rows(doc: &Document) -> DocRows {
    let id = &doc.document.id;
    let info = &doc.document;
    let pack = &doc.pack;
    let rec = &doc.records;
    let mut out = DocRows::default();

    out.documents.push(DocumentRow {
        document_id: id.clone(),
        file_name: info.file_name.clone(),
        paths: info.paths.clone(),
        kind: wire(&info.kind),
        bytes: info.bytes,
        pages: info.pages,
        lines: info.lines,
        unmapped_glyphs: info.unmapped_glyphs,
        total_glyphs: info.total_glyphs,
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
    });

    if let Some(m) = &pack.meeting {
        let (page, line) = first_line(&m.location);
        out.meetings.push(MeetingRow {
            document_id: id.clone(),
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
        });
    }

    // The meetings minuted inside the document, one per set of minutes (their attendance record).
    for a in &rec.attendance {
        let Some(meeting_id) = a.meeting_id.clone() else { continue };
        let (page, line) = first_line(&a.location);
        out.meetings.push(MeetingRow {
            document_id: id.clone(),
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
        });
    }

    for (i, a) in pack.agenda_items.iter().enumerate() {
        let (page, line) = first_line(&a.location);
        out.agenda_items.push(AgendaItemRow {
            document_id: id.clone(),
            item_index: n(i),
            number: a.number.clone(),
            title: a.title.clone(),
            first_page: a.pages.map(|p| p.0),
            last_page: a.pages.map(|p| p.1),
            part: wire(&a.part),
            decision_numbers: a.decision_numbers.clone(),
            report_to_follow: a.report_to_follow,
            page,
            line,
        });
    }

    for (i, s) in pack.sections.iter().enumerate() {
        out.sections.push(SectionRow {
            document_id: id.clone(),
            section_index: n(i),
            kind: wire(&s.kind),
            title: s.title.clone(),
            agenda_item: s.agenda_item.clone(),
            page: s.location.page,
            page_end: s.location.page_end,
            line: s.location.line,
            line_end: s.location.line_end,
        });
    }

    for v in &rec.votes {
        let count = |opt: &str| v.counts.iter().find(|c| c.option == opt).map(|c| c.value);
        let (page, line) = first_line(&v.location);
        out.votes.push(VoteRow {
            document_id: id.clone(),
            vote_id: v.id.clone(),
            minute: v.minute.clone(),
            motion: v.motion_text.clone(),
            motion_kind: v.motion_classification.join(", "),
            meeting_id: v.meeting_id.clone(),
            meeting_date: v.start_date.clone(),
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
        });
        for (j, m) in v.votes.iter().enumerate() {
            out.vote_members.push(VoteMemberRow {
                document_id: id.clone(),
                vote_id: v.id.clone(),
                member_index: n(j),
                option: m.option.clone(),
                voter_name: m.voter_name.clone(),
            });
        }
    }

    for t in &rec.budget_tables {
        out.budget_tables.push(BudgetTableRow {
            document_id: id.clone(),
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
        });
        let col_of = |role: ColumnRole| t.columns.iter().find(|c| c.role == role).map(|c| c.index);
        let (budget, forecast, variance) = (
            col_of(ColumnRole::Budget),
            col_of(ColumnRole::Forecast),
            col_of(ColumnRole::Variance),
        );
        for r in &t.rows {
            let at = |c: Option<usize>| c.and_then(|c| r.values.get(c)).and_then(dec_opt);
            let (page, line) = first_line(&r.location);
            out.budget_rows.push(BudgetRowRow {
                document_id: id.clone(),
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
            });
        }
        out.budget_cells.extend(budget_cells(id, t));
    }

    for (i, k) in rec.kpis.iter().enumerate() {
        let (page, line) = first_line(&k.location);
        out.kpis.push(KpiRow {
            document_id: id.clone(),
            kpi_index: n(i),
            table_id: k.table.clone(),
            code: k.code.clone(),
            description: k.description.clone(),
            district: k.district.clone(),
            polarity: k.polarity.as_ref().map(wire),
            data_period: k.data_period.clone(),
            layout: k.layout.clone(),
            latest_raw: k.latest.as_ref().map(|a| a.raw.clone()),
            latest: dec_opt(&k.latest),
            numerator: dec_opt(&k.numerator),
            denominator: dec_opt(&k.denominator),
            target: dec_opt(&k.target),
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
            page,
            line,
        });
    }

    for (i, s) in rec.rag_summaries.iter().enumerate() {
        let (page, line) = first_line(&s.location);
        out.rag_summaries.push(RagSummaryRow {
            document_id: id.clone(),
            summary_index: n(i),
            section: s.section.clone(),
            green: s.green,
            amber: s.amber,
            red: s.red,
            improving: s.improving,
            unchanged: s.unchanged,
            worsening: s.worsening,
            page,
            line,
        });
    }

    for (i, d) in rec.decisions.iter().enumerate() {
        let (page, line) = first_line(&d.location);
        out.decisions.push(DecisionRow {
            document_id: id.clone(),
            decision_index: n(i),
            minute: d.minute.clone(),
            title: d.title.clone(),
            text: d.text.clone(),
            decision_number: d.decision_number.clone(),
            without_vote: d.without_vote,
            meeting_id: d.meeting_id.clone(),
            meeting_date: d.meeting_date.clone(),
            meeting_body: d.body.clone(),
            page,
            line,
        });
    }

    for (i, a) in rec.attendance.iter().enumerate() {
        let lists = [
            ("present", &a.present),
            ("in_attendance", &a.in_attendance),
            ("apologies", &a.apologies),
            ("substitutes", &a.substitutes),
        ];
        for (role, names) in lists {
            for (j, name) in names.iter().enumerate() {
                out.attendance.push(AttendanceRow {
                    document_id: id.clone(),
                    attendance_index: n(i),
                    meeting_id: a.meeting_id.clone(),
                    meeting_date: date(&a.meeting_date),
                    body: a.body.clone(),
                    role: role.to_string(),
                    member_index: n(j),
                    name: name.clone(),
                });
            }
        }
    }

    for g in &rec.generic_tables {
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
        for (ri, r) in g.rows.iter().enumerate() {
            for (ci, cell) in r.iter().enumerate() {
                if cell.text.trim().is_empty() {
                    continue;
                }
                out.cells.push(CellRow {
                    document_id: id.clone(),
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
    }

    for (i, f) in doc.findings.iter().enumerate() {
        out.findings.push(FindingRow {
            document_id: id.clone(),
            finding_index: n(i),
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
        });
    }

    out
}
