//! Derived columns: variance = outturn − budget; movement = variance − last reported; revised
//! variance = variance + roll-forwards; remaining = budget − spend; percentage = part / whole;
//! and positions against the limits printed beside them.
//!
//! Column roles come from the typed table when the extractor gave them, and otherwise from the
//! header words. Relations between columns are also discovered from the figures: a column that
//! equals the difference or sum of the two numeric columns just before it in at least three rows
//! and three quarters of the rows is taken to be derived, and the rows where it fails are reported.
//! A relation the figures do not support in most rows is taken as a misread role and not reported.

use rust_decimal::Decimal;

use super::rules::{self, Rule};
use super::sums::is_total_header;
use super::table::{RowKind, VRow, View};
use super::tolerance::{Num, classify, classify_computed, show};
use super::{At, Sink};
use crate::model::Severity;
use crate::model::records::ColumnRole;

/// One relation between columns of a row: `result = Σ sign × term` (or a ratio).
#[derive(Debug, Clone)]
struct Relation {
    rule: &'static Rule,
    result: usize,
    terms: Vec<(usize, i8)>,
    /// Shown in messages, e.g. "Net Variance = Provisional Outturn − Budget".
    text: String,
}

pub fn check(view: &View, sink: &mut Sink) {
    let mut done: Vec<usize> = Vec::new();
    for rel in role_relations(view) {
        if apply(view, &rel, 0.5, sink) {
            done.push(rel.result);
        }
    }
    for rel in discovered_relations(view, &done) {
        apply(view, &rel, 0.75, sink);
    }
    percentages(view, sink);
    stated_shares(view, sink);
    limits(view, sink);
}

/// The share and base column a header states: "3% of 2020" → (3, column headed "2020").
fn stated_share(view: &View, c: usize) -> Option<(Decimal, usize)> {
    let h = view.columns[c].header.to_lowercase();
    let (pct, base) = h.split_once("% of ")?;
    let pct: Decimal = pct.trim().rsplit(' ').next()?.parse().ok()?;
    let base = base.trim();
    let b = (0..view.columns.len()).find(|&b| {
        b != c && view.columns[b].numeric && view.columns[b].header.trim().to_lowercase() == base
    })?;
    Some((pct, b))
}

/// Columns headed "N% of <column>": each value is N% of that column in the same row.
fn stated_shares(view: &View, sink: &mut Sink) {
    for c in 0..view.columns.len() {
        if !view.columns[c].numeric {
            continue;
        }
        let Some((pct, b)) = stated_share(view, c) else { continue };
        for r in &view.rows {
            let get = |i: usize| r.cells.get(i).filter(|x| !x.blank).and_then(|x| x.num);
            let (Some(v), Some(base)) = (get(c), get(b)) else { continue };
            let computed = base.value * pct / Decimal::ONE_HUNDRED;
            let Some(sev) = classify_computed(&v, computed) else { continue };
            sink.push(
                &rules::DERIVED_STATED_SHARE,
                sev,
                At {
                    location: r.location.clone(),
                    table: Some(view.id.clone()),
                    row: Some(r.label.clone()),
                    column: Some(view.columns[c].header.clone()),
                },
                show(super::tolerance::round_to(computed, v.decimals)),
                show(v.value),
                format!(
                    "'{}': {}% of {} ({}) is {} but {} is printed",
                    r.label,
                    show(pct),
                    view.columns[b].header,
                    show(base.value),
                    show(computed),
                    show(v.value)
                ),
            );
        }
    }
}

fn role_of(view: &View, c: usize) -> Option<ColumnRole> {
    let col = &view.columns[c];
    if let Some(r) = col.role
        && !matches!(r, ColumnRole::Other | ColumnRole::Period)
    {
        return Some(r);
    }
    let h = col.header.to_lowercase();
    let r = if h.contains("revised variance") {
        ColumnRole::RevisedVariance
    } else if h.contains("variance") && (h.contains("last") || h.contains("previous")) {
        ColumnRole::VarianceLastReported
    } else if h.contains("variance") && !h.contains("real") && !h.contains("rephas") {
        ColumnRole::Variance
    } else if h.contains("movement") {
        ColumnRole::Movement
    } else if h.contains("remaining") {
        ColumnRole::Remaining
    } else if h.contains("outturn") || h.contains("forecast") || h.contains("spend") {
        ColumnRole::Forecast
    } else if h.contains("budget") || h.contains("cash limit") {
        ColumnRole::Budget
    } else {
        return None;
    };
    Some(r)
}

fn find(view: &View, role: ColumnRole) -> Option<usize> {
    let cs: Vec<usize> = (0..view.columns.len())
        .filter(|&c| view.columns[c].numeric && role_of(view, c) == Some(role))
        .collect();
    // One column of a role only: two budgets (two years) make the relation ambiguous.
    if cs.len() == 1 { cs.first().copied() } else { None }
}

fn role_relations(view: &View) -> Vec<Relation> {
    use ColumnRole::*;
    let mut out = Vec::new();
    let name = |c: usize| view.columns[c].header.clone();
    if let (Some(v), Some(f), Some(b)) =
        (find(view, Variance), find(view, Forecast), find(view, Budget))
    {
        out.push(Relation {
            rule: &rules::DERIVED_VARIANCE,
            result: v,
            terms: vec![(f, 1), (b, -1)],
            text: format!("{} = {} − {}", name(v), name(f), name(b)),
        });
    }
    if let (Some(m), Some(v), Some(l)) =
        (find(view, Movement), find(view, Variance), find(view, VarianceLastReported))
    {
        out.push(Relation {
            rule: &rules::DERIVED_MOVEMENT,
            result: m,
            terms: vec![(v, 1), (l, -1)],
            text: format!("{} = {} − {}", name(m), name(v), name(l)),
        });
    }
    if let (Some(r), Some(v)) = (find(view, RevisedVariance), find(view, Variance)) {
        // Roll-forwards: a total column between them, or the roll-forward columns.
        let total = (v + 1..r).find(|&c| is_total_header(&view.columns[c].header));
        let rf: Vec<usize> = match total {
            Some(t) => vec![t],
            None => (0..view.columns.len())
                .filter(|&c| {
                    matches!(
                        role_of(view, c),
                        Some(RollForwardCommitted | RollForwardRephased | RollForwardBids)
                    )
                })
                .collect(),
        };
        if !rf.is_empty() {
            let mut terms = vec![(v, 1)];
            terms.extend(rf.iter().map(|&c| (c, 1)));
            out.push(Relation {
                rule: &rules::DERIVED_REVISED_VARIANCE,
                result: r,
                text: format!("{} = {} + roll forwards", name(r), name(v)),
                terms,
            });
        }
    }
    if let (Some(r), Some(b), Some(f)) =
        (find(view, Remaining), find(view, Budget), find(view, Forecast))
    {
        out.push(Relation {
            rule: &rules::DERIVED_REMAINING,
            result: r,
            terms: vec![(b, 1), (f, -1)],
            text: format!("{} = {} − {}", name(r), name(b), name(f)),
        });
    }
    out
}

/// Relations suggested by position: a column against the two numeric columns just before it.
fn discovered_relations(view: &View, done: &[usize]) -> Vec<Relation> {
    let mut out = Vec::new();
    let numeric: Vec<usize> = (0..view.columns.len())
        .filter(|&c| view.columns[c].numeric && !is_pct_column(view, c))
        .collect();
    for w in numeric.windows(3) {
        let (p2, p1, c) = (w[0], w[1], w[2]);
        // Adjacent in the source: no text column between them.
        if c - p2 != 2 || done.contains(&c) || is_total_header(&view.columns[c].header) {
            continue;
        }
        let h = view.columns[c].header.to_lowercase();
        let diff_rule: &'static Rule = if h.contains("variance") {
            &rules::DERIVED_VARIANCE
        } else if h.contains("remaining") {
            &rules::DERIVED_REMAINING
        } else {
            &rules::DERIVED_MOVEMENT
        };
        let name = |c: usize| {
            let h = &view.columns[c].header;
            if h.is_empty() { format!("column {}", c + 1) } else { h.clone() }
        };
        let candidates = [
            Relation {
                rule: diff_rule,
                result: c,
                terms: vec![(p1, 1), (p2, -1)],
                text: format!("{} = {} − {}", name(c), name(p1), name(p2)),
            },
            Relation {
                rule: diff_rule,
                result: c,
                terms: vec![(p2, 1), (p1, -1)],
                text: format!("{} = {} − {}", name(c), name(p2), name(p1)),
            },
            Relation {
                rule: &rules::SUM_ROW,
                result: c,
                terms: vec![(p2, 1), (p1, 1)],
                text: format!("{} = {} + {}", name(c), name(p2), name(p1)),
            },
        ];
        let best = candidates
            .into_iter()
            .map(|r| {
                let (h, t) = counts(view, &r);
                (h, t, r)
            })
            .max_by_key(|(h, _, _)| *h);
        if let Some((_, _, r)) = best {
            out.push(r);
        }
    }
    out
}

fn is_pct_column(view: &View, c: usize) -> bool {
    let h = view.columns[c].header.to_lowercase();
    h.contains('%')
        || h.contains("percent")
        || view.rows.iter().any(|r| r.cells[c].num.is_some_and(|n| n.percent))
}

/// Values of one row for a relation: (computed, tolerance, printed result).
fn eval(r: &VRow, rel: &Relation) -> Option<(Decimal, Decimal, Num)> {
    if r.kind == RowKind::Section {
        return None;
    }
    let rc = r.cells.get(rel.result)?;
    if rc.blank {
        return None;
    }
    let actual = rc.num?;
    let mut v = Decimal::ZERO;
    let mut tol = actual.half_unit();
    let mut printed = 0;
    for &(c, s) in &rel.terms {
        let cell = r.cells.get(c)?;
        match cell.num {
            Some(n) => {
                v += if s > 0 { n.value } else { -n.value };
                tol += n.half_unit();
                if !cell.blank {
                    printed += 1;
                }
            }
            None if cell.blank => {}
            None => return None,
        }
    }
    if printed == 0 {
        return None;
    }
    Some((v, tol, actual))
}

fn counts(view: &View, rel: &Relation) -> (usize, usize) {
    let (mut holds, mut total) = (0, 0);
    for r in &view.rows {
        if let Some((v, tol, a)) = eval(r, rel) {
            total += 1;
            if classify(a.value - v, tol) != Some(Severity::Error) {
                holds += 1;
            }
        }
    }
    (holds, total)
}

/// Reports a relation's failures when the figures support it; true when it was accepted.
fn apply(view: &View, rel: &Relation, share: f64, sink: &mut Sink) -> bool {
    let (holds, total) = counts(view, rel);
    if total == 0 || holds < 3.min(total) || (holds as f64) < share * total as f64 || holds < 2 {
        return false;
    }
    let header = view.columns[rel.result].header.clone();
    for r in &view.rows {
        let Some((v, tol, a)) = eval(r, rel) else { continue };
        let Some(sev) = classify(a.value - v, tol) else { continue };
        if sink.covers(&view.id, &r.location, &header) {
            continue;
        }
        sink.push(
            rel.rule,
            sev,
            At {
                location: r.location.clone(),
                table: Some(view.id.clone()),
                row: Some(r.label.clone()),
                column: Some(header.clone()),
            },
            show(v),
            show(a.value),
            format!(
                "'{}': {} gives {} but {} is printed (difference {})",
                r.label,
                rel.text,
                show(v),
                show(a.value),
                show(a.value - v)
            ),
        );
    }
    true
}

/// Percentage columns: `part / whole × 100` for some pair of numeric columns of the same table,
/// found as the pair that reproduces the column in the most rows (at least three and three
/// quarters). Truncated or differently rounded percentages come out as `rounding`.
fn percentages(view: &View, sink: &mut Sink) {
    let numeric: Vec<usize> =
        (0..view.columns.len()).filter(|&c| view.columns[c].numeric).collect();
    let hundred = Decimal::ONE_HUNDRED;
    for &pc in &numeric {
        if !is_pct_column(view, pc) {
            continue;
        }
        let mut best: Option<(usize, usize, usize, usize)> = None;
        for &a in &numeric {
            for &b in &numeric {
                if a == b || a == pc || b == pc || is_pct_column(view, a) || is_pct_column(view, b)
                {
                    continue;
                }
                let (mut holds, mut total) = (0, 0);
                for r in &view.rows {
                    if let Some((p, v)) = pct_eval(r, pc, a, b, hundred) {
                        total += 1;
                        if classify_computed(&p, v) != Some(Severity::Error) {
                            holds += 1;
                        }
                    }
                }
                if best.is_none_or(|(bh, _, _, _)| holds > bh) {
                    best = Some((holds, total, a, b));
                }
            }
        }
        let Some((holds, total, a, b)) = best else { continue };
        if holds < 3 || holds * 4 < total * 3 {
            continue;
        }
        let header = view.columns[pc].header.clone();
        for r in &view.rows {
            let Some((p, v)) = pct_eval(r, pc, a, b, hundred) else { continue };
            let Some(sev) = classify_computed(&p, v) else { continue };
            sink.push(
                &rules::DERIVED_PERCENTAGE,
                sev,
                At {
                    location: r.location.clone(),
                    table: Some(view.id.clone()),
                    row: Some(r.label.clone()),
                    column: Some(header.clone()),
                },
                show(super::tolerance::round_to(v, p.decimals)),
                show(p.value),
                format!(
                    "'{}': {} / {} × 100 = {} but {}% is printed",
                    r.label,
                    view.columns[a].header,
                    view.columns[b].header,
                    show(super::tolerance::round_to(v, 2)),
                    show(p.value)
                ),
            );
        }
    }
}

fn pct_eval(r: &VRow, pc: usize, a: usize, b: usize, hundred: Decimal) -> Option<(Num, Decimal)> {
    if r.kind == RowKind::Section {
        return None;
    }
    let p = r.cells.get(pc)?.num?;
    let x = r.cells.get(a)?;
    let y = r.cells.get(b)?;
    if x.blank || y.blank {
        return None;
    }
    let (x, y) = (x.num?, y.num?);
    if y.value.is_zero() {
        return None;
    }
    Some((p, x.value * hundred / y.value))
}

/// Which columns of a row hold limits and which the position.
#[derive(Debug, Clone, Default)]
struct LimitColumns {
    /// (limit column, position column, is lower limit).
    pairs: Vec<(usize, usize, bool)>,
}

fn is_position_text(h: &str) -> bool {
    h.contains("position") || h.contains("actual") || h.contains("as at")
}

fn is_limit_text(h: &str) -> bool {
    (h.contains("prudential indicator")
        || h.contains("authorised limit")
        || h.contains("operational boundary")
        || h.contains("limit"))
        && !h.contains("cash limit")
        && !is_position_text(h)
}

/// Limit and position columns from header texts (one per column; `numeric` tells which columns
/// hold numbers).
fn limit_columns(headers: &[String], numeric: &[bool]) -> LimitColumns {
    let h: Vec<String> = headers.iter().map(|s| s.to_lowercase()).collect();
    let cols: Vec<usize> =
        (0..h.len()).filter(|&c| numeric.get(c).copied().unwrap_or(false)).collect();
    let upper = cols.iter().copied().find(|&c| h[c].contains("upper limit"));
    let lower = cols.iter().copied().find(|&c| h[c].contains("lower limit"));
    let mut out = LimitColumns::default();
    if upper.is_some() || lower.is_some() {
        if let Some(p) = cols.iter().copied().find(|&c| is_position_text(&h[c])) {
            out.pairs.extend(upper.map(|u| (u, p, false)));
            out.pairs.extend(lower.map(|l| (l, p, true)));
        }
        return out;
    }
    // Each position column against the nearest limit column to its left.
    for &p in cols.iter().filter(|&&c| is_position_text(&h[c])) {
        if let Some(l) = cols.iter().copied().filter(|&c| c < p && is_limit_text(&h[c])).max() {
            out.pairs.push((l, p, false));
        }
    }
    out
}

/// Positions against limits printed in the same row: columns headed "Upper limit" and "Lower
/// limit", or a limit column ("Prudential Indicator", "Authorised limit", "Operational boundary")
/// beside a "Position"/"Actual" column. The headers may be the table's own or a row inside its
/// body (prudential indicators are often printed as one block with a header per indicator).
fn limits(view: &View, sink: &mut Sink) {
    let numeric: Vec<bool> = view.columns.iter().map(|c| c.numeric).collect();
    let headers: Vec<String> = view.columns.iter().map(|c| c.header.clone()).collect();
    let mut current = limit_columns(&headers, &numeric);
    for r in &view.rows {
        let has_numbers = r.cells.iter().any(|c| c.num.is_some() && !c.blank);
        if !has_numbers {
            let t = r.texts.join(" ").to_lowercase();
            if t.contains("limit") || t.contains("prudential indicator") || t.contains("position") {
                current = limit_columns(&r.texts, &numeric);
            }
            continue;
        }
        for &(lc, pc, is_lower) in &current.pairs {
            let get = |c: usize| r.cells.get(c).filter(|x| !x.blank).and_then(|x| x.num);
            let (Some(limit), Some(pos)) = (get(lc), get(pc)) else { continue };
            let breach = if is_lower { pos.value < limit.value } else { pos.value > limit.value };
            if !breach {
                continue;
            }
            let which = if is_lower { "lower" } else { "upper" };
            sink.push(
                &rules::LIMIT_BREACH,
                Severity::Error,
                At {
                    location: r.location.clone(),
                    table: Some(view.id.clone()),
                    row: Some(r.label.clone()),
                    column: Some(view.columns[pc].header.clone()),
                },
                format!("{} {}", if is_lower { "at least" } else { "at most" }, show(limit.value)),
                show(pos.value),
                format!(
                    "'{}': position {} is {} the {which} limit {}",
                    r.label,
                    show(pos.value),
                    if is_lower { "below" } else { "above" },
                    show(limit.value)
                ),
            );
        }
    }
}
