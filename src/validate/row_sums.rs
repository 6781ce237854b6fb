//! Row totals: a column headed `Total` (or `Yr to …`) against the numeric columns before it.

use rust_decimal::Decimal;

use super::rules;
use super::sums::{at_row, total_cell};
use super::table::{RowKind, VRow, View};
use super::tolerance::{Num, classify, show};
use super::{At, Sink};
use crate::model::{Evidence, Severity};

/// True when a column header names a total ("Total", "TOTAL £'000", "Totals").
pub fn is_total_header(h: &str) -> bool {
    h.split(" / ").any(|part| {
        let p = part.trim().to_lowercase();
        p == "total" || p == "totals" || p.starts_with("total ") || p.starts_with("total£")
    })
}

/// True when a column header names a running total over the periods before it ("Yr to Mar 17",
/// "Year to date", "YTD").
fn is_to_date_header(h: &str) -> bool {
    h.split(" / ").any(|part| {
        let p = part.trim().to_lowercase();
        p.starts_with("yr to ") || p.starts_with("year to ") || p == "ytd" || p.starts_with("ytd ")
    })
}

/// Row totals: a column headed `Total` (or `Yr to …`) equals the sum of the consecutive numeric columns just
/// before it (how many is searched for: the count that holds in the most rows, accepted when it
/// holds in at least three rows and three quarters of them).
pub(super) fn check(view: &View, skip: &[bool], sink: &mut Sink) {
    for (tc, col) in view.columns.iter().enumerate() {
        if skip[tc] || !(is_total_header(&col.header) || is_to_date_header(&col.header)) {
            continue;
        }
        // Consecutive numeric, non-total columns just before it.
        let mut before = Vec::new();
        for c in (0..tc).rev() {
            let h = &view.columns[c].header;
            if skip[c] || is_total_header(h) || is_to_date_header(h) {
                break;
            }
            before.push(c);
        }
        if before.len() < 2 {
            continue;
        }
        let mut best: Option<(usize, usize, Vec<usize>)> = None;
        for k in 2..=before.len().min(12) {
            let comps: Vec<usize> = before[..k].iter().rev().copied().collect();
            let (holds, total) = row_relation_counts(view, tc, &comps);
            if total == 0 {
                continue;
            }
            if best.as_ref().is_none_or(|(bh, _, _)| holds > *bh) {
                best = Some((holds, total, comps));
            }
        }
        let Some((holds, total, comps)) = best else { continue };
        if holds < 3 || holds * 4 < total * 3 {
            continue;
        }
        let names: Vec<&str> = comps.iter().map(|&c| view.columns[c].header.as_str()).collect();
        let evidence = Evidence {
            relation: format!("{} = {}", col.header, names.join(" + ")),
            stated_by: format!("header '{}'", col.header),
            over: "rows".into(),
            tested: total as u32,
            held: holds as u32,
        };
        for r in &view.rows {
            let Some((sum, tol, actual)) = row_sum(r, tc, &comps) else { continue };
            let Some(sev) = classify(actual.value - sum, tol) else { continue };
            sink.push(
                &rules::SUM_ROW,
                sev,
                At {
                    evidence: Some(evidence.clone()),
                    ..at_row(view, r, Some(col.header.clone()))
                },
                show(sum),
                show(actual.value),
                format!(
                    "'{}': column '{}' is {} but {} sum to {}{}",
                    r.label,
                    col.header,
                    show(actual.value),
                    names.join(" + "),
                    show(sum),
                    if sev == Severity::Error {
                        format!("; the relation holds on {holds} of {total} rows")
                    } else {
                        String::new()
                    }
                ),
            );
        }
    }
}

fn row_sum(r: &VRow, tc: usize, comps: &[usize]) -> Option<(Decimal, Decimal, Num)> {
    if r.kind == RowKind::Section {
        return None;
    }
    let actual = total_cell(r, tc)?;
    let mut sum = Decimal::ZERO;
    let mut tol = actual.half_unit();
    let mut any = false;
    for &c in comps {
        let cell = r.cells.get(c)?;
        match cell.num {
            Some(n) => {
                sum += n.value;
                tol += n.half_unit();
                any |= !cell.blank;
            }
            None if cell.blank => {}
            None => return None,
        }
    }
    // A row with every figure zero or blank says nothing about the relation.
    let trivial = actual.is_zero()
        && comps.iter().all(|&c| r.cells.get(c).and_then(|x| x.num).is_none_or(|n| n.is_zero()));
    if !any || trivial {
        return None;
    }
    Some((sum, tol, actual))
}

fn row_relation_counts(view: &View, tc: usize, comps: &[usize]) -> (usize, usize) {
    let (mut holds, mut total) = (0, 0);
    for r in &view.rows {
        if let Some((sum, tol, actual)) = row_sum(r, tc, comps) {
            total += 1;
            if classify(actual.value - sum, tol) != Some(Severity::Error) {
                holds += 1;
            }
        }
    }
    (holds, total)
}
