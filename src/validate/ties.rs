//! Cross-table ties inside one report: the same row label and column role in two tables must
//! agree (Table 1b's variance against Table 1a's net variance, an appendix line against the
//! cover report's table).
//!
//! A tie needs both tables in the same section (one report), a role the extractor or the headers
//! name (budget, outturn, variance, movement), a row label that is specific (not "Total", not a
//! one-word heading) and that occurs once in each table, and one unit on both sides.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::rules;
use super::table::{RowKind, View, norm_label};
use super::tolerance::{Num, classify, show};
use super::{At, Sink};
use crate::model::records::ColumnRole;

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
                        At {
                            location: row.location.clone(),
                            table: Some(b.id.clone()),
                            row: Some(row.label.clone()),
                            column: Some(b.columns[cb].header.clone()),
                        },
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
