//! Cross-table ties inside one report: the same row label and column role in two tables must
//! agree (Table 1b's variance against Table 1a's net variance, an appendix line against the
//! cover report's table).
//!
//! A tie needs both tables in the same section (one report), a role the extractor or the headers
//! name (budget, outturn, variance, movement), a row label that is specific (not "Total", not a
//! one-word heading) and that occurs once in each table, and one unit on both sides.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::Sink;
use super::rules;
use super::table::{RowKind, View, norm_label};
use super::tolerance::{Num, classify, show};
use crate::model::records::ColumnRole;
use crate::model::{Evidence, Severity};

fn tie_role(view: &View, c: usize) -> Option<ColumnRole> {
    use ColumnRole::*;
    let col = &view.columns[c];
    let role = col.role?;
    matches!(role, Budget | Forecast | Variance | VarianceLastReported | Movement | RevisedVariance)
        .then_some(role)
}

/// Label → (row index) for labels that occur once and are specific enough to tie on.
fn tie_labels(view: &View) -> BTreeMap<String, usize> {
    let mut seen: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in view.rows.iter().enumerate() {
        if r.kind == RowKind::Section {
            continue;
        }
        let l = norm_label(&r.label);
        if l.len() < 8 || !l.contains(' ') || l.starts_with("total") || l.starts_with("sub total") {
            continue;
        }
        seen.entry(l).or_default().push(i);
    }
    seen.into_iter().filter(|(_, v)| v.len() == 1).map(|(k, v)| (k, v[0])).collect()
}

pub fn check(views: &[View], sink: &mut Sink) {
    let typed: Vec<&View> = views.iter().filter(|v| v.typed && v.section.is_some()).collect();
    for (i, a) in typed.iter().enumerate() {
        let la = tie_labels(a);
        for b in &typed[i + 1..] {
            if a.section != b.section || a.unit != b.unit {
                continue;
            }
            let lb = tie_labels(b);
            for (label, &ra) in &la {
                let Some(&rb) = lb.get(label) else { continue };
                for ca in 0..a.columns.len() {
                    let Some(role) = tie_role(a, ca) else { continue };
                    let cbs: Vec<usize> =
                        (0..b.columns.len()).filter(|&c| tie_role(b, c) == Some(role)).collect();
                    let cas =
                        (0..a.columns.len()).filter(|&c| tie_role(a, c) == Some(role)).count();
                    if cbs.len() != 1 || cas != 1 {
                        continue;
                    }
                    let cb = cbs[0];
                    let (Some(x), Some(y)) = (value(a, ra, ca), value(b, rb, cb)) else {
                        continue;
                    };
                    if x.scale != y.scale || x.percent != y.percent {
                        continue;
                    }
                    let tol = x.half_unit() + y.half_unit();
                    let Some(sev) = classify(x.value - y.value, tol) else { continue };
                    let row = &b.rows[rb];
                    sink.push(
                        &rules::TIE_CROSS_TABLE,
                        sev,
                        b.at(row, b.columns[cb].header.clone(), None),
                        show(x.value),
                        show(y.value),
                        format!(
                            "'{}' {:?} is {} in table {} but {} in table {}",
                            row.label,
                            role,
                            show(y.value),
                            b.id,
                            show(x.value),
                            a.id
                        ),
                    );
                }
            }
        }
    }
}

fn value(v: &View, r: usize, c: usize) -> Option<Num> {
    let cell = v.rows.get(r)?.cells.get(c)?;
    if cell.blank { None } else { cell.num.filter(|n| n.value != Decimal::MIN) }
}

/// A row label specific enough to name one quantity across tables: not a plain total, a net or a
/// heading, and printed once in its table.
fn quantity_labels(view: &View) -> BTreeMap<String, usize> {
    let mut seen: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in view.rows.iter().enumerate() {
        if r.kind == RowKind::Section || !r.has_values() {
            continue;
        }
        let l = norm_label(&r.label);
        let plain = matches!(l.as_str(), "total" | "totals" | "grand total" | "net" | "sub total");
        if l.chars().filter(|c| c.is_alphabetic()).count() < 4 || plain {
            continue;
        }
        seen.entry(l).or_default().push(i);
    }
    seen.into_iter().filter(|(_, v)| v.len() == 1).map(|(k, v)| (k, v[0])).collect()
}

/// Numeric columns by their header, for headers printed once in the table.
fn quantity_columns(view: &View) -> BTreeMap<String, usize> {
    let mut seen: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (c, col) in view.columns.iter().enumerate() {
        let h = norm_label(&col.header);
        if col.numeric && h.chars().any(char::is_alphanumeric) {
            seen.entry(h).or_default().push(c);
        }
    }
    seen.into_iter().filter(|(_, v)| v.len() == 1).map(|(k, v)| (k, v[0])).collect()
}

/// The same labelled quantity in two tables of one document: a row label and a column header
/// printed in both. A pair of tables is judged only when at least four in five of the quantities
/// they share agree, three of them distinctive figures (then they do print the same figures, and
/// a disagreement is an error); tables whose shared labels often disagree measure different
/// things (two consultations, two years) and are left alone.
pub fn same_quantity(views: &[View], sink: &mut Sink) {
    let keyed: Vec<(BTreeMap<String, usize>, BTreeMap<String, usize>)> =
        views.iter().map(|v| (quantity_labels(v), quantity_columns(v))).collect();
    for i in 0..views.len() {
        for j in i + 1..views.len() {
            let (a, b) = (&views[i], &views[j]);
            if a.id == b.id || (a.unit.is_some() && b.unit.is_some() && a.unit != b.unit) {
                continue;
            }
            let ((la, ca), (lb, cb)) = (&keyed[i], &keyed[j]);
            let mut shared = Vec::new();
            for (label, &ra) in la {
                let Some(&rb) = lb.get(label) else { continue };
                for (header, &xa) in ca {
                    let Some(&xb) = cb.get(header) else { continue };
                    let (Some(x), Some(y)) = (value(a, ra, xa), value(b, rb, xb)) else {
                        continue;
                    };
                    // Two zeros say nothing (many tables print rows of zeros).
                    if x.scale != y.scale || x.percent != y.percent || (x.is_zero() && y.is_zero())
                    {
                        continue;
                    }
                    let sev = classify(x.value - y.value, x.half_unit() + y.half_unit());
                    shared.push((rb, xb, x, y, sev));
                }
            }
            // Agreement counts as evidence only on distinctive figures (100 or more, or printed
            // with decimals from 10): small counts agree by chance across unrelated tables.
            let tested = shared.len();
            let held = shared.iter().filter(|s| s.4 != Some(Severity::Error)).count();
            let distinctive = |n: &Num| {
                let v = n.value.abs() / n.scale;
                v >= Decimal::ONE_HUNDRED || (n.decimals > 0 && v >= Decimal::TEN)
            };
            let telling =
                shared.iter().filter(|s| s.4 != Some(Severity::Error) && distinctive(&s.2)).count();
            if telling < 3 || held * 5 < tested * 4 {
                continue;
            }
            let evidence = Evidence {
                relation: format!("table {} and table {} print the same figures", a.id, b.id),
                stated_by: "the same row label and column header in both".into(),
                over: "quantities".into(),
                tested: tested as u32,
                held: held as u32,
            };
            for &(rb, xb, x, y, sev) in &shared {
                let Some(sev) = sev else { continue };
                let row = &b.rows[rb];
                let header = b.columns[xb].header.clone();
                if sink.covers(&b.id, &row.location, &header) {
                    continue;
                }
                sink.push(
                    &rules::TIE_SAME_QUANTITY,
                    sev,
                    b.at(row, header.clone(), Some(evidence.clone())),
                    show(x.value),
                    show(y.value),
                    format!(
                        "'{}' / '{}' is {} in table {} but {} in table {}; the two tables agree on {held} of {tested} such figures",
                        row.label,
                        header,
                        show(y.value),
                        b.id,
                        show(x.value),
                        a.id
                    ),
                );
            }
        }
    }
}
