//! The column-total search as first written (every start re-summed from scratch), kept to check
//! that the running-sum search in `sums.rs` finds the same ranges (the rows a start covers,
//! `flatten`, the weighing of candidates, `Search`, and the verdict on each total, `judge`, are
//! shared).

use rust_decimal::Decimal;

use super::super::Sink;
use super::super::table::{RowKind, View};
use super::super::tolerance::classify;
use super::{Outcome, Search, flatten, judge, report_rounding, search_start, term, total_cell};

fn evaluate(view: &View, items: &[usize], t: usize, cols: &[usize]) -> Vec<Outcome> {
    let mut out = Vec::new();
    for &c in cols {
        let Some(actual) = total_cell(&view.rows[t], c) else { continue };
        let mut sum = Decimal::ZERO;
        let mut tol = actual.half_unit();
        let mut ok = true;
        for &i in items {
            match term(&view.rows[i], c) {
                Some((v, h)) => {
                    sum += v;
                    tol += h;
                }
                None => ok = false,
            }
        }
        if !ok {
            continue;
        }
        out.push(Outcome {
            col: c,
            expected: sum,
            actual,
            severity: classify(actual.value - sum, tol),
        });
    }
    out
}

pub(super) fn column_totals(view: &View, skip: &[bool], sink: &mut Sink) {
    let Some((cols, mut parts, mut blocked, last_valued)) = search_start(view, skip) else {
        return;
    };
    let n = view.rows.len();
    for t in 0..n {
        let kind = view.rows[t].kind;
        let labelled = kind.is_total();
        if !labelled && kind != RowKind::Unlabelled {
            if kind == RowKind::Line {
                implicit_subtotal(view, t, &cols, &mut parts, &blocked);
            }
            continue;
        }
        let tcols: Vec<usize> =
            cols.iter().copied().filter(|&c| total_cell(&view.rows[t], c).is_some()).collect();
        if tcols.is_empty() {
            continue;
        }
        let mut search = Search::default();
        let mut full: Option<Vec<usize>> = None;
        for start in (0..t).rev() {
            if blocked[start] {
                break;
            }
            let items = flatten(view, start, t, &parts);
            if items.len() < 2 {
                continue;
            }
            let out = evaluate(view, &items, t, &tcols);
            if let Some(out) = search.offer(items.clone(), out) {
                report_rounding(view, t, &out, &items, sink);
                full = Some(items);
                break;
            }
        }
        if let Some(items) = full {
            parts[t] = Some(items);
            continue;
        }
        blocked[t] = true;
        let Some(found) = search.closest(|items| items) else { continue };
        let clear_above = !blocked[..t].iter().any(|&b| b);
        if let Some(items) =
            judge(view, t, &tcols, found, last_valued, clear_above, &parts, &blocked, sink)
        {
            parts[t] = Some(items);
            blocked[t] = false;
        }
    }
}

/// A line row that equals the sum of the two or more line rows just above it, exactly, in every
/// column where it has a value (at least two of them non-zero), is an unlabelled subtotal (for
/// example `Independent` = pre-16 + post-16).
fn implicit_subtotal(
    view: &View,
    t: usize,
    cols: &[usize],
    parts: &mut [Option<Vec<usize>>],
    blocked: &[bool],
) {
    let tcols: Vec<usize> =
        cols.iter().copied().filter(|&c| total_cell(&view.rows[t], c).is_some()).collect();
    let nonzero_cols = tcols
        .iter()
        .filter(|&&c| total_cell(&view.rows[t], c).is_some_and(|n| !n.is_zero()))
        .count();
    if nonzero_cols < 2 {
        return;
    }
    for start in (0..t.saturating_sub(1)).rev() {
        let r = &view.rows[start];
        // Headings (a header repeated after a page break) are passed over.
        if r.kind == RowKind::Section {
            continue;
        }
        if blocked[start] || r.kind != RowKind::Line || parts[start].is_some() {
            break;
        }
        let items: Vec<usize> =
            (start..t).filter(|&i| view.rows[i].kind != RowKind::Section).collect();
        if items.len() < 2 {
            continue;
        }
        let out = evaluate(view, &items, t, &tcols);
        if out.len() == tcols.len() && out.iter().all(|o| o.severity.is_none()) {
            parts[t] = Some(items);
            return;
        }
    }
}
