//! Checks one facts file against agendapack's output for its document.

use agendapack::model::pack::{MinutesBlock, Person};
use agendapack::model::records::{Polarity, Rag, RowLevel};
use agendapack::output::Document;
use grammars::amount::Amount;

use super::schema::*;

/// The result of one fact.
pub struct Checked {
    /// The facts-file section the fact belongs to (`meeting`, `agenda_items`, ...).
    pub section: &'static str,
    pub name: String,
    pub pending: Option<String>,
    /// Empty when the fact holds.
    pub problems: Vec<String>,
}

/// Lower-case, markup and typographic variants removed, whitespace collapsed.
pub fn norm(s: &str) -> String {
    let mut t = s.to_string();
    for tag in ["**", "<b>", "</b>", "<i>", "</i>", "<u>", "</u>"] {
        t = t.replace(tag, "");
    }
    let t: String = t
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
            '\u{00A0}' | '\t' => ' ',
            c => c,
        })
        .collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A title without a leading decision number such as `25/00041 - `.
fn strip_decision(s: &str) -> String {
    let n = norm(s);
    let b = n.as_bytes();
    if b.len() > 8
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[2] == b'/'
        && b[3..8].iter().all(u8::is_ascii_digit)
    {
        return n[8..].trim_start_matches([' ', '-']).to_string();
    }
    n
}

fn num(s: &str) -> String {
    norm(s).trim_end_matches('.').trim_matches(['(', ')']).to_string()
}

fn amount_raw(a: &Option<Amount>) -> String {
    a.as_ref().map(|a| norm(&a.raw)).unwrap_or_default()
}

fn people_include(people: &[Person], wanted: &[String], what: &str, out: &mut Vec<String>) {
    for w in wanted {
        let w = norm(w);
        if !people.iter().any(|p| norm(&p.name).contains(&w)) {
            let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
            out.push(format!("{what}: no one named like {w:?} among {names:?}"));
        }
    }
}

fn eq<T: PartialEq + std::fmt::Debug>(what: &str, expected: T, actual: T, out: &mut Vec<String>) {
    if expected != actual {
        out.push(format!("{what}: expected {expected:?}, actual {actual:?}"));
    }
}

fn opt_eq(what: &str, expected: &Option<String>, actual: Option<&str>, out: &mut Vec<String>) {
    if let Some(e) = expected {
        let a = actual.map(norm);
        if a.as_deref() != Some(norm(e).as_str()) {
            out.push(format!("{what}: expected {e:?}, actual {actual:?}"));
        }
    }
}

pub fn check(f: &Facts, doc: &Document) -> Vec<Checked> {
    let mut v = Vec::new();
    let mut push =
        |section: &'static str, name: String, pending: &Option<String>, problems: Vec<String>| {
            v.push(Checked { section, name, pending: pending.clone(), problems });
        };

    if let Some(d) = &f.document {
        let mut p = Vec::new();
        if let Some(k) = &d.kind {
            let actual = serde_json::to_value(doc.document.kind).ok();
            let actual = actual.as_ref().and_then(|x| x.as_str()).unwrap_or("");
            eq("kind", k.as_str(), actual, &mut p);
        }
        if let Some(l) = d.lines {
            eq("lines", l, doc.document.counts.lines, &mut p);
        }
        if let Some(n) = d.pages {
            eq("pages", n, doc.document.counts.pages, &mut p);
        }
        if let Some(n) = d.tables_min {
            if doc.tables.len() < n {
                p.push(format!("tables: expected at least {n}, actual {}", doc.tables.len()));
            }
        }
        if let Some(n) = d.votes {
            eq("recorded votes", n, doc.records.votes.len(), &mut p);
        }
        push("document", "document".into(), &d.pending, p);
    }

    if let Some(m) = &f.meeting {
        let mut p = Vec::new();
        match &doc.pack.meeting {
            None => p.push("no meeting found".into()),
            Some(a) => {
                opt_eq("council", &m.council, a.council.as_deref(), &mut p);
                opt_eq("body", &m.body, a.body.as_deref(), &mut p);
                opt_eq("date", &m.date, a.date.as_deref(), &mut p);
                opt_eq("start_time", &m.start_time, a.start_time.as_deref(), &mut p);
                opt_eq("published", &m.published, a.published.as_deref(), &mut p);
                if let Some(vc) = &m.venue_contains {
                    let venue = a.venue.as_deref().map(norm).unwrap_or_default();
                    if !venue.contains(&norm(vc)) {
                        p.push(format!("venue: expected to contain {vc:?}, actual {:?}", a.venue));
                    }
                }
            }
        }
        push("meeting", "meeting".into(), &m.pending, p);
    }

    for m in &f.membership {
        let mut p = Vec::new();
        let want = norm(&m.party_contains);
        match doc.pack.membership.iter().find(|g| norm(&g.party).contains(&want)) {
            None => {
                let parties: Vec<&str> =
                    doc.pack.membership.iter().map(|g| g.party.as_str()).collect();
                p.push(format!("no party group like {want:?} among {parties:?}"));
            }
            Some(g) => {
                if let Some(s) = m.seats {
                    eq("seats", Some(s), g.seats, &mut p);
                }
                if let Some(c) = m.members_count {
                    eq("members", c, g.members.len(), &mut p);
                }
                for w in &m.members_include {
                    if !g.members.iter().any(|x| norm(x).contains(&norm(w))) {
                        p.push(format!("members: {w:?} missing from {:?}", g.members));
                    }
                }
            }
        }
        push("membership", format!("membership {}", m.party_contains), &m.pending, p);
    }

    for a in &f.agenda_items {
        let mut p = Vec::new();
        match doc.pack.agenda_items.iter().find(|i| num(&i.number) == num(&a.number)) {
            None => {
                let nums: Vec<&str> =
                    doc.pack.agenda_items.iter().map(|i| i.number.as_str()).collect();
                p.push(format!("no agenda item numbered {:?} among {nums:?}", a.number));
            }
            Some(i) => {
                if let Some(t) = &a.title {
                    eq("title", strip_decision(t), strip_decision(&i.title), &mut p);
                }
                if a.pages.is_some() {
                    eq("pages", a.pages, i.pages, &mut p);
                }
                if a.no_pages == Some(true) {
                    eq("pages", None, i.pages, &mut p);
                }
                for d in &a.decision_numbers {
                    if !i.decision_numbers.iter().any(|x| x == d) {
                        p.push(format!(
                            "decision number {d} missing from {:?}",
                            i.decision_numbers
                        ));
                    }
                }
                if let Some(r) = a.report_to_follow {
                    eq("report_to_follow", r, i.report_to_follow, &mut p);
                }
                if let Some(part) = &a.part {
                    let actual = serde_json::to_value(i.part).ok();
                    let actual = actual.as_ref().and_then(|x| x.as_str()).unwrap_or("");
                    eq("part", part.as_str(), actual, &mut p);
                }
            }
        }
        push("agenda_items", format!("agenda item {}", a.number), &a.pending, p);
    }

    for m in &f.minutes {
        let mut p = Vec::new();
        let block: Option<&MinutesBlock> =
            doc.pack.minutes.iter().find(|b| b.meeting_date.as_deref() == Some(&m.meeting_date));
        match block {
            None => {
                let dates: Vec<_> = doc.pack.minutes.iter().map(|b| &b.meeting_date).collect();
                p.push(format!("no minutes of {} among {dates:?}", m.meeting_date));
            }
            Some(b) => {
                if let Some(c) = m.present_count {
                    eq("present count", c, b.present.len(), &mut p);
                }
                people_include(&b.present, &m.present_includes, "present", &mut p);
                if let Some(c) = m.in_attendance_count {
                    eq("in attendance count", c, b.in_attendance.len(), &mut p);
                }
                people_include(
                    &b.in_attendance,
                    &m.in_attendance_includes,
                    "in attendance",
                    &mut p,
                );
                if let Some(c) = m.apologies_count {
                    eq("apologies count", c, b.apologies.len(), &mut p);
                }
                people_include(&b.apologies, &m.apologies_includes, "apologies", &mut p);
                people_include(&b.substitutes, &m.substitutes_includes, "substitutes", &mut p);
                if !m.minute_numbers.is_empty() {
                    let want: Vec<String> = m.minute_numbers.iter().map(|x| num(x)).collect();
                    let got: Vec<String> = b.items.iter().map(|x| num(&x.number)).collect();
                    eq("minute numbers", want, got, &mut p);
                }
            }
        }
        push("minutes", format!("minutes {}", m.meeting_date), &m.pending, p);
    }

    for vf in &f.votes {
        let mut p = Vec::new();
        let of_minute: Vec<_> = doc
            .records
            .votes
            .iter()
            .filter(|x| x.minute.as_deref().map(num) == Some(num(&vf.minute)))
            .collect();
        match of_minute.get(vf.nth) {
            None => p.push(format!(
                "no vote #{} in minute {} ({} found there, {} in all)",
                vf.nth,
                vf.minute,
                of_minute.len(),
                doc.records.votes.len()
            )),
            Some(x) => {
                if let Some(k) = &vf.motion_kind {
                    eq("motion kind", norm(k), norm(&x.motion_classification.join(", ")), &mut p);
                }
                if let Some(m) = &vf.mover_contains {
                    let mover = x.mover.as_deref().map(norm).unwrap_or_default();
                    if !mover.contains(&norm(m)) {
                        p.push(format!("mover: expected {m:?}, actual {:?}", x.mover));
                    }
                }
                for (opt, n) in &vf.counts {
                    let got = x.counts.iter().find(|c| &c.option == opt).map(|c| c.value);
                    eq(&format!("count {opt}"), Some(*n), got, &mut p);
                }
                for (opt, n) in &vf.names {
                    let got = x.votes.iter().filter(|r| &r.option == opt).count();
                    eq(&format!("named voters {opt}"), *n, got, &mut p);
                }
                for (opt, names) in &vf.voters_include {
                    for n in names {
                        let found = x
                            .votes
                            .iter()
                            .any(|r| &r.option == opt && norm(&r.voter_name) == norm(n));
                        if !found {
                            p.push(format!("voter {n:?} not recorded as {opt}"));
                        }
                    }
                }
                if let Some(r) = &vf.result {
                    eq("result", Some(r.as_str()), x.result.as_deref(), &mut p);
                }
                if let Some(c) = vf.count_only {
                    eq("count_only", c, x.count_only, &mut p);
                }
            }
        }
        push("votes", format!("vote {}#{}", vf.minute, vf.nth), &vf.pending, p);
    }

    for d in &f.decisions {
        let mut p = Vec::new();
        let want = norm(&d.text_contains);
        let found = doc.records.decisions.iter().find(|x| {
            norm(&x.text).contains(&want)
                && d.minute.as_ref().is_none_or(|m| x.minute.as_deref().map(num) == Some(num(m)))
        });
        match found {
            None => p.push(format!(
                "no decision containing {want:?} (minute {:?}) among {} decisions",
                d.minute,
                doc.records.decisions.len()
            )),
            Some(x) => {
                if let Some(w) = d.without_vote {
                    eq("without_vote", w, x.without_vote, &mut p);
                }
                if let Some(n) = &d.decision_number {
                    eq("decision number", Some(n.as_str()), x.decision_number.as_deref(), &mut p);
                }
            }
        }
        push("decisions", format!("decision {:?}", d.text_contains), &d.pending, p);
    }

    for t in &f.table_rows {
        let mut p = Vec::new();
        let want = trimmed(t.cells.iter().map(|c| norm(c)).collect());
        let found = doc.tables.iter().any(|g| {
            g.rows.iter().any(|r| trimmed(r.iter().map(|c| norm(&c.text)).collect()) == want)
        });
        if !found {
            p.push(format!("no table row {want:?} among {} tables", doc.tables.len()));
        }
        push(
            "table_rows",
            format!("table row {:?}", t.cells.first().cloned().unwrap_or_default()),
            &t.pending,
            p,
        );
    }

    for b in &f.budget_rows {
        let mut p = Vec::new();
        let tables: Vec<_> = doc
            .records
            .budget_tables
            .iter()
            .filter(|t| {
                b.table_contains.as_ref().is_none_or(|w| {
                    let w = norm(w);
                    t.caption.as_deref().map(norm).unwrap_or_default().contains(&w)
                        || t.section.as_deref().map(norm).unwrap_or_default().contains(&w)
                })
            })
            .collect();
        let row = tables
            .iter()
            .find_map(|t| t.rows.iter().find(|r| norm(&r.label) == norm(&b.label)).map(|r| (t, r)));
        match row {
            None => p.push(format!(
                "no budget row {:?} in {} tables matching {:?} ({} budget tables in all)",
                b.label,
                tables.len(),
                b.table_contains,
                doc.records.budget_tables.len()
            )),
            Some((t, r)) => {
                let label_cols: Vec<usize> = t
                    .columns
                    .iter()
                    .filter(|c| {
                        matches!(
                            c.role,
                            agendapack::model::records::ColumnRole::Label
                                | agendapack::model::records::ColumnRole::Text
                        )
                    })
                    .map(|c| c.index)
                    .collect();
                let got: Vec<String> = r
                    .values
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !label_cols.contains(i))
                    .map(|(_, a)| amount_raw(a))
                    .filter(|s| !s.is_empty())
                    .collect();
                let want: Vec<String> =
                    b.values.iter().map(|s| norm(s)).filter(|s| !s.is_empty()).collect();
                eq("values", want, got, &mut p);
                if let Some(l) = &b.level {
                    let actual = match r.level {
                        RowLevel::Section => "section",
                        RowLevel::Line => "line",
                        RowLevel::Subtotal => "subtotal",
                        RowLevel::Total => "total",
                    };
                    eq("level", l.as_str(), actual, &mut p);
                }
                if let Some(u) = &b.unit {
                    eq("unit", Some(u.as_str()), t.unit.as_deref(), &mut p);
                }
            }
        }
        push("budget_rows", format!("budget row {:?}", b.label), &b.pending, p);
    }

    for k in &f.kpis {
        let name = k.code.clone().or_else(|| k.description_contains.clone()).unwrap_or_default();
        let rows: Vec<_> = doc
            .records
            .kpis
            .iter()
            .filter(|r| {
                k.code.as_ref().is_none_or(|c| r.code.as_deref() == Some(c.as_str()))
                    && k.description_contains
                        .as_ref()
                        .is_none_or(|d| norm(&r.description).contains(&norm(d)))
                    && k.district.as_ref().is_none_or(|d| r.district.as_deref() == Some(d.as_str()))
            })
            .collect();
        // A coded fact names one row (the first with that code and district). A document without
        // codes may list an indicator twice (a RAG list and its detail box): any row may hold it.
        let candidates = if k.code.is_some() { &rows[..rows.len().min(1)] } else { &rows[..] };
        let p = candidates.iter().map(|r| kpi_problems(k, r)).min_by_key(Vec::len).unwrap_or_else(
            || {
                vec![format!(
                    "no KPI {name:?} (district {:?}) among {} KPI rows",
                    k.district,
                    doc.records.kpis.len()
                )]
            },
        );
        push("kpis", format!("kpi {name}"), &k.pending, p);
    }

    for s in &f.rag_summaries {
        let mut p = Vec::new();
        match doc.records.rag_summaries.iter().find(|r| norm(&r.section) == norm(&s.section)) {
            None => {
                let secs: Vec<&str> =
                    doc.records.rag_summaries.iter().map(|r| r.section.as_str()).collect();
                p.push(format!("no RAG summary row {:?} among {secs:?}", s.section));
            }
            Some(r) => {
                for (what, want, got) in [
                    ("green", s.green, r.green),
                    ("amber", s.amber, r.amber),
                    ("red", s.red, r.red),
                    ("improving", s.improving, r.improving),
                    ("unchanged", s.unchanged, r.unchanged),
                    ("worsening", s.worsening, r.worsening),
                ] {
                    if let Some(w) = want {
                        // A blank cell in a count table means 0.
                        eq(what, w, got.unwrap_or(0), &mut p);
                    }
                }
            }
        }
        push("rag_summaries", format!("rag summary {:?}", s.section), &s.pending, p);
    }

    for fi in &f.findings {
        let mut p = Vec::new();
        let found = doc
            .findings
            .iter()
            .any(|x| finding_matches(x, &fi.rule_contains, &fi.severity, &fi.mentions));
        if !found {
            let rules: Vec<&str> = doc.findings.iter().map(|x| x.rule.as_str()).collect();
            p.push(format!("no {:?} finding ({}); findings: {rules:?}", fi.rule_contains, fi.note));
        }
        push("findings", format!("finding {}", fi.note), &fi.pending, p);
    }

    for r in &f.reports {
        let mut p = Vec::new();
        let want = norm(&r.subject);
        match doc.pack.reports.iter().find(|x| x.subject.as_deref().map(norm) == Some(want.clone()))
        {
            None => {
                let subs: Vec<_> = doc.pack.reports.iter().map(|x| &x.subject).collect();
                p.push(format!("no report with subject {:?} among {subs:?}", r.subject));
            }
            Some(x) => {
                opt_eq("decision number", &r.decision_number, x.decision_number.as_deref(), &mut p);
                opt_eq("classification", &r.classification, x.classification.as_deref(), &mut p);
                if let Some(t) = &r.to_contains {
                    if !x.to.as_deref().map(norm).unwrap_or_default().contains(&norm(t)) {
                        p.push(format!("to: expected to contain {t:?}, actual {:?}", x.to));
                    }
                }
                for f in &r.from_includes {
                    if !x.from.iter().any(|e| norm(e).contains(&norm(f))) {
                        p.push(format!("from: nothing like {f:?} among {:?}", x.from));
                    }
                }
                let recs = x.recommendations.as_deref().map(norm).unwrap_or_default();
                for w in &r.recommendations_include {
                    if !recs.contains(&norm(w)) {
                        p.push(format!("recommendations: {w:?} missing"));
                    }
                }
            }
        }
        push("reports", format!("report {:?}", r.subject), &r.pending, p);
    }

    for c in &f.budget_cells {
        let p = budget_cell(c, doc);
        push(
            "budget_cells",
            format!("budget cell {:?} / {:?}", c.row, c.column_contains),
            &c.pending,
            p,
        );
    }

    for n in &f.no_findings {
        let mut p = Vec::new();
        for x in doc
            .findings
            .iter()
            .filter(|x| finding_matches(x, &n.rule_contains, &n.severity, &n.mentions))
        {
            p.push(format!(
                "false alarm {} ({:?}): {} [expected {:?}, actual {:?}]",
                x.rule, x.row, x.message, x.expected, x.actual
            ));
        }
        push("no_findings", format!("no finding {}", n.note), &n.pending, p);
    }

    for t in &f.table_spans {
        let want = norm(&t.first_row_contains);
        let found: Vec<(u32, u32)> = doc
            .tables
            .iter()
            .filter(|g| g.location.page == Some(t.page))
            .filter(|g| {
                g.rows.first().is_some_and(|r| r.iter().any(|c| norm(&c.text).contains(&want)))
            })
            .map(|g| (t.page, g.location.page_end.unwrap_or(t.page)))
            .collect();
        let p = match found.first() {
            None => {
                vec![format!("no table on page {} opening with {:?}", t.page, t.first_row_contains)]
            }
            Some(&got) if got != t.pages => {
                vec![format!("pages: expected {:?}, actual {:?}", t.pages, got)]
            }
            Some(_) => Vec::new(),
        };
        push(
            "table_spans",
            format!("table {:?} on page {}", t.first_row_contains, t.page),
            &t.pending,
            p,
        );
    }

    if let Some(s) = &f.page_stamps {
        let mut p = Vec::new();
        let got: Vec<u32> = doc.pack.page_map.iter().map(|m| m.printed).collect();
        for n in &s.printed {
            if !got.contains(n) {
                p.push(format!("printed page {n} not in the page map {got:?}"));
            }
        }
        push("page_stamps", "page stamps".into(), &s.pending, p);
    }
    v
}

fn trimmed(mut cells: Vec<String>) -> Vec<String> {
    while cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    cells
}

fn finding_matches(
    x: &agendapack::model::Finding,
    rule: &str,
    severity: &Option<String>,
    mentions: &[String],
) -> bool {
    let sev = serde_json::to_value(x.severity).ok();
    let sev = sev.as_ref().and_then(|s| s.as_str()).unwrap_or("").to_string();
    let hay = format!(
        "{} {} {} {} {}",
        x.expected,
        x.actual,
        x.message,
        x.row.clone().unwrap_or_default(),
        x.column.clone().unwrap_or_default()
    );
    x.rule.to_lowercase().contains(&rule.to_lowercase())
        && severity.as_ref().is_none_or(|s| *s == sev)
        && (mentions.is_empty() || mentions.iter().any(|m| hay.contains(m.as_str())))
}

/// A named cell: the first budget table (matching `table_contains`) with a row so labelled and a
/// column whose header contains `column_contains` must print `value` there.
fn budget_cell(c: &BudgetCellFact, doc: &Document) -> Vec<String> {
    let want_col = norm(&c.column_contains);
    let mut seen = Vec::new();
    for t in &doc.records.budget_tables {
        if let Some(w) = &c.table_contains {
            let w = norm(w);
            if !(t.caption.as_deref().map(norm).unwrap_or_default().contains(&w)
                || t.section.as_deref().map(norm).unwrap_or_default().contains(&w))
            {
                continue;
            }
        }
        let Some(r) = t.rows.iter().find(|r| norm(&r.label) == norm(&c.row)) else { continue };
        for col in t.columns.iter().filter(|col| norm(&col.header).contains(&want_col)) {
            let got = r.values.get(col.index).map(amount_raw).unwrap_or_default();
            if got == norm(&c.value) {
                return Vec::new();
            }
            seen.push(format!("{:?} in column {:?}", got, col.header));
        }
        if seen.is_empty() {
            let heads: Vec<&str> = t.columns.iter().map(|x| x.header.as_str()).collect();
            seen.push(format!("no column like {want_col:?} among {heads:?}"));
        }
    }
    if seen.is_empty() {
        return vec![format!(
            "no budget row {:?} in tables matching {:?} ({} budget tables in all)",
            c.row,
            c.table_contains,
            doc.records.budget_tables.len()
        )];
    }
    vec![format!("cell {:?}: expected {:?}, found {}", c.row, c.value, seen.join("; "))]
}

fn kpi_problems(k: &KpiFact, r: &agendapack::model::records::KpiRow) -> Vec<String> {
    let mut p = Vec::new();
    if let Some(pol) = &k.polarity {
        let actual = match r.polarity {
            Some(Polarity::High) => "high",
            Some(Polarity::Low) => "low",
            Some(Polarity::Target) => "target",
            None => "",
        };
        eq("polarity", pol.as_str(), actual, &mut p);
    }
    for (what, want, got) in [
        ("latest", &k.latest, &r.latest),
        ("target", &k.target, &r.target),
        ("floor", &k.floor, &r.floor),
    ] {
        if let Some(w) = want {
            eq(what, norm(w), amount_raw(got), &mut p);
        }
    }
    if let Some(rag) = &k.rag {
        let actual = match r.rag {
            Some(Rag::Green) => "GREEN",
            Some(Rag::Amber) => "AMBER",
            Some(Rag::Red) => "RED",
            None => "",
        };
        eq("rag", rag.as_str(), actual, &mut p);
    }
    p
}
