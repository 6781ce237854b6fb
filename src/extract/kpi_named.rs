//! Scorecards whose header names every column and whose data lines up with it (the 2016-17 KCC
//! directorate scorecard):
//!
//! ```text
//! Monthly and Quarterly Indicators | | Polarity | Frequency | Latest Result | DOT | Previously Reported Result | Target 2016-17 | RAG 2016-17 | Kent Outturn 2015-16 | Target 2015-16 | RAG 2015-16
//! Annual Indicators | | Polarity | Frequency | 2015-16 Kent Outturn | DOT | 2014-15 Kent Outturn | Target 2015-16 | RAG 2015-16 | Target 2016-17 | Target 2017-18 | Target 2018-19
//! ```
//!
//! There is no trend block and no QPR column: the latest value, the arrow, the value it is compared
//! with, the target and the RAG each sit under their own heading. The columns are taken from the
//! header only when the body agrees with it (the DOT column holds arrows or blanks, the RAG column
//! RAG words or blanks); scorecards whose headings do not line up with their data are read by
//! layout in [`super::kpi`].

use super::classify::{KpiLayout, is_arrow};
use super::kpi::{RowCtx, cell_amount, parse_direction, parse_rag};
use super::text;
use crate::model::records::{KpiRow, PeriodValue};

/// Column positions named by the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    latest: usize,
    latest_label: String,
    dot: usize,
    previous: Option<usize>,
    previous_label: String,
    target: usize,
    rag: usize,
    /// Prior year's outturn, target and RAG.
    prior: Option<(usize, usize, usize)>,
    next_target: Option<usize>,
}

fn lower(s: &str) -> String {
    text::clean(s).to_lowercase()
}

fn is_dot_heading(s: &str) -> bool {
    let l = lower(s);
    l == "dot" || l.starts_with("direction of travel")
}

fn is_value_heading(l: &str) -> bool {
    l.contains("latest") || l.contains("outturn") || l.contains("result") || l.contains("actual")
}

/// The period a heading names ("2015-16 Kent Outturn" gives "2015-16"), else the heading.
fn label_of(h: &str) -> String {
    let t = text::clean(h);
    text::period_in(&t).unwrap_or_else(|| t.into_owned())
}

/// Reads the column positions from one header row. Returns `None` when the header has a trend
/// block or a QPR column (the layout reader handles those), or lacks a DOT, a value before it, a
/// target or a RAG after it.
pub fn from_header(header: &[String]) -> Option<Named> {
    let l: Vec<String> = header.iter().map(|h| lower(h)).collect();
    if l.iter().any(|h| h.contains("trend") || h == "qpr") {
        return None;
    }
    let dot = l.iter().position(|h| is_dot_heading(h))?;
    let latest = (0..dot).rev().find(|&c| is_value_heading(&l[c]))?;
    let target = (dot + 1..l.len()).find(|&c| l[c].starts_with("target"))?;
    let rag = (target + 1..l.len()).find(|&c| l[c].starts_with("rag"))?;
    let previous =
        (dot + 1..target).find(|&c| is_value_heading(&l[c]) || l[c].contains("previous"));
    let prior = (rag + 1..l.len()).find(|&c| l[c].contains("outturn")).and_then(|o| {
        let t = (o + 1 < l.len() && l[o + 1].starts_with("target")).then_some(o + 1)?;
        let r = (t + 1 < l.len() && l[t + 1].starts_with("rag")).then_some(t + 1)?;
        Some((o, t, r))
    });
    let next_target = match prior {
        Some(_) => None,
        None => (rag + 1..l.len()).find(|&c| l[c].starts_with("target")),
    };
    Some(Named {
        latest,
        latest_label: label_of(&header[latest]),
        dot,
        previous,
        previous_label: previous.map(|c| label_of(&header[c])).unwrap_or_default(),
        target,
        rag,
        prior,
        next_target,
    })
}

/// True when the data rows agree with the named columns: every DOT cell is an arrow or blank,
/// every RAG cell a RAG word or blank, and the value cells hold no arrow or RAG word.
pub fn body_agrees(n: &Named, data: &[&Vec<String>]) -> bool {
    fn get(r: &[String], c: usize) -> &str {
        r.get(c).map(String::as_str).unwrap_or("").trim()
    }
    let mut arrows = 0;
    for r in data {
        let dot = get(r, n.dot);
        if !dot.is_empty() {
            if !is_arrow(dot) {
                return false;
            }
            arrows += 1;
        }
        let rag = get(r, n.rag);
        // A spanning note ("Indicator no longer applicable") may sit in the RAG column.
        if !rag.is_empty() && parse_rag(rag).is_none() && text::number(rag).is_some() {
            return false;
        }
        for c in [Some(n.latest), n.previous, Some(n.target)].into_iter().flatten() {
            let t = get(r, c);
            if is_arrow(t) || parse_rag(t).is_some() {
                return false;
            }
        }
    }
    arrows >= 1
}

/// Reads one indicator row by the named columns.
pub fn read_named_row(row: &[String], n: &Named, layout: KpiLayout, rc: &RowCtx) -> KpiRow {
    let get = |c: usize| row.get(c).map(String::as_str).unwrap_or("");
    let mut k = rc.record(row, layout);
    k.latest = cell_amount(row, n.latest);
    // The value compared with comes first, the latest last, as in a trend.
    if let Some(p) = n.previous.and_then(|c| cell_amount(row, c)) {
        k.trend.push(PeriodValue { period: n.previous_label.clone(), value: p });
    }
    if let Some(l) = &k.latest {
        k.trend.push(PeriodValue { period: n.latest_label.clone(), value: l.clone() });
    }
    k.direction_raw = Some(get(n.dot).to_string());
    k.direction = parse_direction(get(n.dot));
    k.target = cell_amount(row, n.target);
    k.rag = parse_rag(get(n.rag));
    k.rag_raw = Some(get(n.rag).to_string()).filter(|t| !t.is_empty());
    if let Some((o, t, r)) = n.prior {
        k.prior_outturn = cell_amount(row, o);
        k.prior_target = cell_amount(row, t);
        k.prior_rag = parse_rag(get(r));
    }
    k.next_target = n.next_target.and_then(|c| cell_amount(row, c)).filter(|a| a.value.is_some());
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(s: &str) -> Vec<String> {
        s.split('\t').map(String::from).collect()
    }

    #[test]
    fn monthly_and_annual_headers() {
        let m = cells(
            "Monthly and Quarterly Indicators\t\tPolarity\tFrequency\tLatest Result\tDOT\tPreviously Reported Result\tTarget 2016-17\tRAG 2016-17\tKent Outturn 2015-16\tTarget 2015-16\tRAG 2015-16",
        );
        let n = from_header(&m).unwrap_or_else(|| panic!("monthly header not read"));
        assert_eq!((n.latest, n.dot, n.previous, n.target, n.rag), (4, 5, Some(6), 7, 8));
        assert_eq!(n.prior, Some((9, 10, 11)));
        assert_eq!(n.next_target, None);

        let a = cells(
            "Annual Indicators\t\tPolarity\tFrequency\t2015-16 Kent Outturn\tDOT\t2014-15 Kent Outturn\tTarget 2015-16\tRAG 2015-16\tTarget 2016-17\tTarget 2017-18\tTarget 2018-19",
        );
        let n = from_header(&a).unwrap_or_else(|| panic!("annual header not read"));
        assert_eq!((n.latest, n.dot, n.previous, n.target, n.rag), (4, 5, Some(6), 7, 8));
        assert_eq!((n.prior, n.next_target), (None, Some(9)));
        assert_eq!((n.latest_label.as_str(), n.previous_label.as_str()), ("2015-16", "2014-15"));

        // The 2024-25 layout (trend block, QPR column) is left to the layout reader.
        let t = cells(
            "Education Monthly Indicators\t\tPolarity\tData Period\tQPR\tMonthly Trends\t\t\t\t\t\tLatest Month\t\t\tDOT\tTarget 2024-25\tRAG 2024-25",
        );
        assert_eq!(from_header(&t), None);
    }

    #[test]
    fn body_must_agree() {
        let h = cells(
            "Monthly and Quarterly Indicators\t\tPolarity\tFrequency\tLatest Result\tDOT\tPreviously Reported Result\tTarget 2016-17\tRAG 2016-17\tKent Outturn 2015-16\tTarget 2015-16\tRAG 2015-16",
        );
        let n = from_header(&h).unwrap_or_else(|| panic!("header not read"));
        let eh16 =
            cells("EH16\tPercentage of cases closed\tH\tM\t76.9\t↑\t76.0\t86\tRED\t83.4\t80\tRED");
        let eh52 =
            cells("EH52\tPlan in place within 6 weeks\tH\tM\t40.6\t\t41.8\t80\tRED\t53.1\t80\tRED");
        assert!(body_agrees(&n, &[&eh16, &eh52]));
        let shifted =
            cells("EH16\tPercentage of cases closed\tH\tM\t↑\t76.9\t76.0\t86\tRED\t83.4\t80\tRED");
        assert!(!body_agrees(&n, &[&shifted]));
    }
}
