//! Validation: totals, derived columns, cross-table ties, vote tallies and RAG logic, reported as
//! findings (never by dropping data).
//!
//! * [`rules`]: the registry of rule ids, descriptions and severities.
//! * [`tolerance`]: what the printed precision allows.
//! * [`table`]: a numeric view of a typed or generic table.
//! * [`sums`]: column totals and subtotals, row totals.
//! * [`ranges`]: a row for an age range against the rows of its sub-ranges.
//! * [`derived`]: variance, movement, revised variance, remaining, percentages; stated limits.
//! * [`ties`]: the same figure in two tables of one report, the same labelled quantity in two
//!   tables of one document.
//! * [`votes`]: counts, names, outcome, attendance.
//! * [`members`]: voters against the PRESENT list; present members who sent apologies.
//! * [`prose`]: counts stated in the text against the summary tables they describe.
//! * [`rag`]: KPI ratios, RAG ratings, directions of travel, RAG summary counts.
//! * [`summary`]: counts of findings by rule and severity over a run.

pub mod derived;
pub mod members;
pub mod prose;
pub mod rag;
pub mod ranges;
pub mod row_sums;
pub mod rules;
pub mod summary;
pub mod sums;
pub mod table;
pub mod ties;
pub mod tolerance;
pub mod votes;

use crate::model::{Evidence, Finding, Location, Pack, Records, Severity};

pub use rules::Rule;
pub use summary::Summary;

/// Checks one document's records and returns its findings in a stable order.
pub fn validate(document: &str, pack: &Pack, records: &Records) -> Vec<Finding> {
    let mut sink = Sink::new(document);
    let views = views_of(records);
    for v in &views {
        sums::check(v, &mut sink);
        derived::check(v, &mut sink);
        ranges::check(v, &mut sink);
    }
    ties::check(&views, &mut sink);
    ties::same_quantity(&views, &mut sink);
    votes::check(records, &mut sink);
    members::check(records, &mut sink);
    rag::check(records, &mut sink);
    prose::check(pack, records, &mut sink);
    let mut findings = sink.finish();
    link(&mut findings, records);
    findings
}

/// Names the warehouse table, and the row, each finding is about: a budget row (or, for a whole
/// column, the budget table) or a generic table's cells by the row index the rule gave, a KPI, a RAG summary row or an attendance
/// record by its position among the records, a vote by its id.
fn link(findings: &mut [Finding], records: &Records) {
    let index = |i: usize| u32::try_from(i).ok();
    for f in findings {
        let Some(t) = f.table.as_deref() else { continue };
        let (record, row) = if records.budget_tables.iter().any(|b| b.table == t) {
            // A finding about a whole column names the table.
            (if f.row_index.is_some() { "budget_rows" } else { "budget_tables" }, f.row_index)
        } else if records.generic_tables.iter().any(|g| g.table == t) {
            ("cells", f.row_index)
        } else if records.votes.iter().any(|v| v.id == t) {
            ("votes", None)
        } else if let Some(i) =
            records.kpis.iter().position(|k| k.table == t && k.location == f.location)
        {
            ("kpis", index(i))
        } else if let Some(i) = records.rag_summaries.iter().enumerate().position(|(i, s)| {
            s.table == t && (s.location == f.location || f.row_index == index(i))
        }) {
            ("rag_summaries", index(i))
        } else if let Some(i) =
            records.attendance.iter().position(|a| a.meeting_id.as_deref() == Some(t))
        {
            ("attendance", index(i))
        } else {
            continue;
        };
        f.record = Some(record.to_string());
        f.row_index = row;
    }
}

/// Numeric views of every table in the records: typed budget tables, then generic tables that
/// hold numbers.
pub fn views_of(records: &Records) -> Vec<table::View> {
    let mut out: Vec<table::View> =
        records.budget_tables.iter().map(table::View::from_budget).collect();
    for g in &records.generic_tables {
        let v = table::View::from_generic(g);
        if v.columns.iter().any(|c| c.numeric) {
            out.push(v);
        }
    }
    out
}

/// Where rules put their findings.
#[derive(Debug)]
pub struct Sink<'a> {
    document: &'a str,
    findings: Vec<Finding>,
}

/// The place and subject of a finding.
#[derive(Debug, Clone, Default)]
pub struct At {
    pub location: Location,
    pub table: Option<String>,
    pub row: Option<String>,
    pub column: Option<String>,
    /// The support of the relation the finding is about, where it is one.
    pub evidence: Option<Evidence>,
    /// The row of the table the finding is about, by index (see [`Finding::row_index`]).
    pub row_index: Option<u32>,
}

impl<'a> Sink<'a> {
    pub fn new(document: &'a str) -> Self {
        Sink { document, findings: Vec::new() }
    }

    /// Records a finding for `rule` at `severity`.
    pub fn push(
        &mut self,
        rule: &Rule,
        severity: Severity,
        at: At,
        expected: impl Into<String>,
        actual: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.findings.push(Finding {
            rule: rule.id.to_string(),
            severity,
            document: self.document.to_string(),
            location: at.location,
            table: at.table,
            row: at.row,
            column: at.column,
            expected: expected.into(),
            actual: actual.into(),
            message: message.into(),
            evidence: at.evidence,
            record: None,
            row_index: at.row_index,
        });
    }

    /// True when a finding of `rule` already covers this table, row location and column.
    pub fn covers(&self, table: &str, location: &Location, column: &str) -> bool {
        self.findings.iter().any(|f| {
            f.table.as_deref() == Some(table)
                && &f.location == location
                && f.column.as_deref() == Some(column)
        })
    }

    /// The findings, ordered by place, rule and column so output is deterministic.
    pub fn finish(mut self) -> Vec<Finding> {
        self.findings.sort_by(|a, b| {
            let ka = (a.location.page, a.location.line, &a.table, &a.rule, &a.row, &a.column);
            let kb = (b.location.page, b.location.line, &b.table, &b.rule, &b.row, &b.column);
            ka.cmp(&kb).then_with(|| a.expected.cmp(&b.expected))
        });
        self.findings.dedup_by(|a, b| {
            a.rule == b.rule
                && a.location == b.location
                && a.table == b.table
                && a.row == b.row
                && a.column == b.column
                && a.severity == b.severity
        });
        self.findings
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_evidence;
