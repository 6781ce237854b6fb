//! One per-document JSON into rows of every warehouse table.

use grammars::amount::Amount;
use serde::Serialize;

use super::rows::*;
use crate::model::Location;
use crate::model::records::ColumnRole;
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
    pub kpis: Vec<KpiRow>,
    pub rag_summaries: Vec<RagSummaryRow>,
    pub decisions: Vec<DecisionRow>,
    pub attendance: Vec<AttendanceRow>,
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

fn dec(a: &Amount) -> Option<String> {
    a.value.map(|d| d.to_string())
}

fn dec_opt(a: &Option<Amount>) -> Option<String> {
    a.as_ref().and_then(dec)
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
            council: m.council.clone(),
            body: m.body.clone(),
            date: m.date.clone(),
            start_time: m.start_time.clone(),
            venue: m.venue.clone(),
            published: m.published.clone(),
            contact: m.contact.clone(),
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
            motion: v.motion.clone(),
            motion_kind: v.motion_kind.clone(),
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
                    meeting_date: a.meeting_date.clone(),
                    body: a.body.clone(),
                    role: role.to_string(),
                    member_index: n(j),
                    name: name.clone(),
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
            page: f.location.page,
            page_end: f.location.page_end,
            line: f.location.line,
            line_end: f.location.line_end,
        });
    }

    out
}
