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

use super::Sink;
use super::row_sums::is_total_header;
use super::rules::{self, Rule};
use super::table::{RowKind, VRow, View};
use super::tolerance::{Num, classify, classify_computed, show};
use crate::model::records::ColumnRole;
use crate::model::{Evidence, Severity};

/// One relation between columns of a row: `result = Σ sign × term` (or a ratio).
#[derive(Debug, Clone)]
struct Relation {
    rule: &'static Rule,
    result: usize,
    terms: Vec<(usize, i8)>,
    /// Shown in messages, e.g. "Net Variance = Provisional Outturn − Budget".
    text: String,
    /// How the document states the relation ("header 'Variance'"); `None` when only the figures
    /// suggest it.
    stated: Option<String>,
}

impl Relation {
    /// `result = a ± b ± …`, its text written from the terms with `name`: each term after the
    /// first joined by ` + ` or ` − ` as its sign says.
    fn new(
        rule: &'static Rule,
        result: usize,
        terms: Vec<(usize, i8)>,
        name: impl Fn(usize) -> String,
        stated: Option<String>,
    ) -> Relation {
        let mut text = format!("{} =", name(result));
        for (i, &(c, sign)) in terms.iter().enumerate() {
            let op = match (i, sign < 0) {
                (0, _) => "",
                (_, true) => " −",
                (_, false) => " +",
            };
            text.push_str(&format!("{op} {}", name(c)));
        }
        Relation { rule, result, terms, text, stated }
    }
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
        let rows: Vec<(&VRow, Num, Num, Decimal)> = view
            .rows
            .iter()
            .filter_map(|r| {
                let get = |i: usize| r.cells.get(i).filter(|x| !x.blank).and_then(|x| x.num);
                let (v, base) = (get(c)?, get(b)?);
                Some((r, v, base, base.value * pct / Decimal::ONE_HUNDRED))
            })
            .collect();
        let held = rows
            .iter()
            .filter(|(_, v, _, computed)| classify_computed(v, *computed) != Some(Severity::Error))
            .count();
        // The header states the relation in full ("3% of 2020"): it needs no support elsewhere.
        let evidence = Evidence {
            relation: format!(
                "{} = {}% of {}",
                view.columns[c].header,
                show(pct),
                view.columns[b].header
            ),
            stated_by: format!("header '{}'", view.columns[c].header),
            over: "rows".into(),
            tested: rows.len() as u32,
            held: held as u32,
        };
        for &(r, v, base, computed) in &rows {
            let Some(sev) = classify_computed(&v, computed) else { continue };
            sink.push(
                &rules::DERIVED_STATED_SHARE,
                sev,
                view.at(r, view.columns[c].header.clone(), Some(evidence.clone())),
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

/// Columns related as `result = plus − minus` by their roles (a variance is outturn less budget),
/// each with its rule.
const DIFFERENCES: [(&Rule, ColumnRole, ColumnRole, ColumnRole); 3] = [
    (&rules::DERIVED_VARIANCE, ColumnRole::Variance, ColumnRole::Forecast, ColumnRole::Budget),
    (
        &rules::DERIVED_MOVEMENT,
        ColumnRole::Movement,
        ColumnRole::Variance,
        ColumnRole::VarianceLastReported,
    ),
    (&rules::DERIVED_REMAINING, ColumnRole::Remaining, ColumnRole::Budget, ColumnRole::Forecast),
];

fn role_relations(view: &View) -> Vec<Relation> {
    use ColumnRole::*;
    let name = |c: usize| view.columns[c].header.clone();
    let stated = |c: usize| Some(format!("header '{}'", view.columns[c].header));
    let difference = |&(rule, result, plus, minus): &(&'static Rule, _, _, _)| {
        let (r, p, m) = (find(view, result)?, find(view, plus)?, find(view, minus)?);
        Some(Relation::new(rule, r, vec![(p, 1), (m, -1)], name, stated(r)))
    };
    let [variance, movement, remaining] = &DIFFERENCES;
    let mut out: Vec<Relation> = [variance, movement].into_iter().filter_map(difference).collect();
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
                stated: stated(r),
            });
        }
    }
    out.extend(difference(remaining));
    out
}

/// Header words that state a column is derived from others: a difference ("Variance",
/// "Movement", "Change", "Increase") or a net ("Net").
const DERIVED_WORDS: &[&str] = &[
    "variance",
    "movement",
    "change",
    "increase",
    "decrease",
    "difference",
    "net",
    "remaining",
    "balance",
    "growth",
    "reduction",
    "+/-",
    "+/−",
    "(+/-)",
];

/// How a column states that it is derived: by a header word, or by its positive figures printed
/// with a `+` sign (a change column without a header).
fn derived_statement(view: &View, c: usize) -> Option<String> {
    let h = view.columns[c].header.to_lowercase();
    if DERIVED_WORDS.iter().any(|w| h.contains(w)) {
        return Some(format!("header '{}'", view.columns[c].header));
    }
    let signed = view.rows.iter().filter(|r| r.texts.get(c).is_some_and(|t| t.starts_with('+')));
    (signed.count() >= 1).then(|| "figures printed with a + sign (a change column)".to_string())
}

/// The Gross (or Spend) column a "Net" column nets, left of it with only numeric columns between.
fn gross_for(view: &View, c: usize) -> Option<usize> {
    if !view.columns[c].header.to_lowercase().contains("net") {
        return None;
    }
    let mut g = c;
    while g > 0 {
        g -= 1;
        if !view.columns[g].numeric {
            return None;
        }
        let h = view.columns[g].header.to_lowercase();
        if h.contains("gross") || h.contains("spend") || h.contains("expenditure") {
            return Some(g);
        }
    }
    None
}

/// Relations suggested by position: a column against the two numeric columns just before it,
/// or a "Net" column against its Gross column and every column between. A relation no header or
/// sign states is still tested, but its failures are warnings at most.
fn discovered_relations(view: &View, done: &[usize]) -> Vec<Relation> {
    let mut out = Vec::new();
    let numeric: Vec<usize> = (0..view.columns.len())
        .filter(|&c| view.columns[c].numeric && !is_pct_column(view, c))
        .collect();
    let name = |c: usize| {
        let h = &view.columns[c].header;
        if h.is_empty() { format!("column {}", c + 1) } else { h.clone() }
    };
    for w in numeric.windows(3) {
        let (p2, p1, c) = (w[0], w[1], w[2]);
        // Adjacent in the source: no text column between them.
        if c - p2 != 2 || done.contains(&c) || is_total_header(&view.columns[c].header) {
            continue;
        }
        let stated = derived_statement(view, c);
        let h = view.columns[c].header.to_lowercase();
        let diff_rule: &'static Rule = if h.contains("variance") {
            &rules::DERIVED_VARIANCE
        } else if h.contains("remaining") {
            &rules::DERIVED_REMAINING
        } else {
            &rules::DERIVED_MOVEMENT
        };
        let pair =
            |terms: Vec<(usize, i8)>| Relation::new(diff_rule, c, terms, name, stated.clone());
        let mut candidates = vec![
            pair(vec![(p1, 1), (p2, -1)]),
            pair(vec![(p2, 1), (p1, -1)]),
            Relation::new(&rules::SUM_ROW, c, vec![(p2, 1), (p1, 1)], name, stated.clone()),
        ];
        // A Net column with a Gross column further left nets the Gross column and every column
        // between (Income, Grants), not the two columns just before it.
        if let Some(g) = gross_for(view, c)
            && g < p2
        {
            let net = |sign| std::iter::once((g, 1)).chain((g + 1..c).map(|b| (b, sign))).collect();
            candidates = vec![
                Relation::new(&rules::SUM_ROW, c, net(1), name, stated.clone()),
                Relation::new(diff_rule, c, net(-1), name, stated.clone()),
            ];
        }
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

/// Values of one row for a relation.
struct Eval {
    computed: Decimal,
    tolerance: Decimal,
    printed: Num,
    /// Operands printed blank and taken as zero.
    blanks: usize,
}

/// One row's values for a relation; `None` when the row cannot test it (a heading, text, no
/// operand printed, or every figure zero).
fn eval(r: &VRow, rel: &Relation) -> Option<Eval> {
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
    let mut blanks = 0;
    let mut all_zero = actual.is_zero();
    for &(c, s) in &rel.terms {
        let cell = r.cells.get(c)?;
        match cell.num {
            Some(n) => {
                v += if s > 0 { n.value } else { -n.value };
                tol += n.half_unit();
                all_zero &= n.is_zero();
                if !cell.blank {
                    printed += 1;
                }
            }
            None if cell.blank => blanks += 1,
            None => return None,
        }
    }
    if printed == 0 || all_zero {
        return None;
    }
    Some(Eval { computed: v, tolerance: tol, printed: actual, blanks })
}

fn counts(view: &View, rel: &Relation) -> (usize, usize) {
    let (mut holds, mut total) = (0, 0);
    for r in &view.rows {
        if let Some(e) = eval(r, rel) {
            total += 1;
            if classify(e.printed.value - e.computed, e.tolerance) != Some(Severity::Error) {
                holds += 1;
            }
        }
    }
    (holds, total)
}

/// Reports a relation's failures when the figures support it; true when it was accepted.
///
/// An outlier is an `error` only when the document states the relation and it holds on most of
/// the other rows, with every operand printed; otherwise it is a `warning` that says why.
fn apply(view: &View, rel: &Relation, share: f64, sink: &mut Sink) -> bool {
    let (holds, total) = counts(view, rel);
    if total == 0 || holds < 3.min(total) || (holds as f64) < share * total as f64 || holds < 2 {
        return false;
    }
    let header = view.columns[rel.result].header.clone();
    let evidence = Evidence {
        relation: rel.text.clone(),
        stated_by: rel.stated.clone().unwrap_or_else(|| "not stated".into()),
        over: "rows".into(),
        tested: total as u32,
        held: holds as u32,
    };
    let confirmed = rel.stated.is_some() && holds >= 3 && holds * 2 > total;
    for r in &view.rows {
        let Some(e) = eval(r, rel) else { continue };
        let Some(sev) = classify(e.printed.value - e.computed, e.tolerance) else { continue };
        if sink.covers(&view.id, &r.location, &header) {
            continue;
        }
        let why = if sev != Severity::Error {
            String::new()
        } else if rel.stated.is_none() {
            format!("; not confirmed: no header states it (it holds on {holds} of {total} rows)")
        } else if !confirmed {
            format!("; not confirmed: it holds on only {holds} of {total} rows")
        } else if e.blanks > 0 {
            "; not confirmed: a blank cell was taken as zero".to_string()
        } else {
            format!("; the relation holds on {holds} of {total} rows")
        };
        let sev = if sev == Severity::Error && (!confirmed || e.blanks > 0) {
            Severity::Warning
        } else {
            sev
        };
        sink.push(
            rel.rule,
            sev,
            view.at(r, header.clone(), Some(evidence.clone())),
            show(e.computed),
            show(e.printed.value),
            format!(
                "'{}': {} gives {} but {} is printed (difference {}){why}",
                r.label,
                rel.text,
                show(e.computed),
                show(e.printed.value),
                show(e.printed.value - e.computed)
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
                    if let Some(e) = pct_eval(r, pc, a, b, hundred) {
                        total += 1;
                        if e.verdict() != Some(Severity::Error) {
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
        let evidence = Evidence {
            relation: format!(
                "{} = {} / {} × 100",
                header, view.columns[a].header, view.columns[b].header
            ),
            stated_by: format!("header '{header}' (a percentage)"),
            over: "rows".into(),
            tested: total as u32,
            held: holds as u32,
        };
        for r in &view.rows {
            let Some(e) = pct_eval(r, pc, a, b, hundred) else { continue };
            let Some(sev) = e.verdict() else { continue };
            let (p, v) = (e.printed, e.computed);
            let why = match sev {
                Severity::Error => format!("; the relation holds on {holds} of {total} rows"),
                _ => format!(
                    " (within the rounding of the printed figures: {} to {})",
                    show(super::tolerance::round_to(e.low, 2)),
                    show(super::tolerance::round_to(e.high, 2))
                ),
            };
            sink.push(
                &rules::DERIVED_PERCENTAGE,
                sev,
                view.at(r, header.clone(), Some(evidence.clone())),
                show(super::tolerance::round_to(v, p.decimals)),
                show(p.value),
                format!(
                    "'{}': {} / {} × 100 = {} but {}% is printed{why}",
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

/// A printed percentage against the part and whole it is computed from.
struct PctEval {
    printed: Num,
    /// Part / whole × 100 from the printed figures.
    computed: Decimal,
    /// The range part / whole × 100 can take when part and whole are anywhere within half a
    /// unit of their last printed digit (unbounded when the whole may be zero).
    low: Decimal,
    high: Decimal,
}

impl PctEval {
    /// Within half a unit of the printed percentage: fine; within a unit, or reachable from
    /// part and whole within their printed precision: rounding; beyond: an error.
    fn verdict(&self) -> Option<Severity> {
        match classify_computed(&self.printed, self.computed) {
            Some(Severity::Error) => {
                let h = self.printed.half_unit();
                let p = self.printed.value;
                if p + h >= self.low && p - h <= self.high {
                    Some(Severity::Rounding)
                } else {
                    Some(Severity::Error)
                }
            }
            other => other,
        }
    }
}

fn pct_eval(r: &VRow, pc: usize, a: usize, b: usize, hundred: Decimal) -> Option<PctEval> {
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
    let (hx, hy) = (x.half_unit(), y.half_unit());
    let (y0, y1) = (y.value - hy, y.value + hy);
    let (low, high) = if !y0.is_zero()
        && !y1.is_zero()
        && y0.is_sign_positive() == y1.is_sign_positive()
    {
        let corners =
            [(x.value - hx) / y0, (x.value - hx) / y1, (x.value + hx) / y0, (x.value + hx) / y1];
        let lo = corners.iter().copied().min().unwrap_or_default() * hundred;
        let hi = corners.iter().copied().max().unwrap_or_default() * hundred;
        (lo, hi)
    } else {
        (Decimal::MIN, Decimal::MAX)
    };
    Some(PctEval { printed: p, computed: x.value * hundred / y.value, low, high })
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
/// A negative upper limit beside a position that is not positive bounds the size of a loss
/// ("−£3.1m" against an upper limit of "−£10m" is within it).
fn limits(view: &View, sink: &mut Sink) {
    let numeric: Vec<bool> = view.columns.iter().map(|c| c.numeric).collect();
    let headers: Vec<String> = view.columns.iter().map(|c| c.header.clone()).collect();
    let mut current = limit_columns(&headers, &numeric);
    // (row, limit column, position column, is lower, limit, position, breach)
    let mut checks = Vec::new();
    for (ri, r) in view.rows.iter().enumerate() {
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
            let breach = if is_lower {
                pos.value < limit.value
            } else if limit.value.is_sign_negative() && !pos.value.is_sign_positive() {
                pos.value.abs() > limit.value.abs()
            } else {
                pos.value > limit.value
            };
            checks.push((ri, lc, pc, is_lower, limit, pos, breach));
        }
    }
    for &(ri, lc, pc, is_lower, limit, pos, breach) in &checks {
        if !breach {
            continue;
        }
        let same = checks.iter().filter(|c| (c.1, c.2, c.3) == (lc, pc, is_lower));
        let (tested, held) = same.fold((0u32, 0u32), |(t, h), c| (t + 1, h + u32::from(!c.6)));
        let r = &view.rows[ri];
        let which = if is_lower { "lower" } else { "upper" };
        let evidence = Evidence {
            relation: format!(
                "{} {} {}",
                view.columns[pc].header,
                if is_lower { "≥" } else { "≤" },
                view.columns[lc].header
            ),
            stated_by: format!("header '{}'", view.columns[lc].header),
            over: "rows".into(),
            tested,
            held,
        };
        sink.push(
            &rules::LIMIT_BREACH,
            Severity::Error,
            view.at(r, view.columns[pc].header.clone(), Some(evidence)),
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
