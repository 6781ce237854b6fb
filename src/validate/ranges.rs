//! Rows split by age range: where a table has a row for a range ("Number of apprenticeships
//! 16-24 year olds") and rows for two sub-ranges that cover it exactly, with the rest of the label
//! the same ("… 16-18 year olds", "… 19-24 year olds"), the range's row is the sum of its parts,
//! column by column.

use std::sync::LazyLock;

use regex::Regex;

use super::rules;
use super::table::{View, norm_label};
use super::tolerance::{Num, classify, show};
use super::{At, Sink};

static RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,3})\s*(?:-|–|to)\s*(\d{1,3})\b").expect("static regex"));

/// The age range a label names and the label with the range taken out: only labels that speak
/// of ages ("year olds", "aged", "age").
fn range_of(label: &str) -> Option<(u32, u32, String)> {
    let l = norm_label(label);
    if !(l.contains("year old") || l.contains("aged") || l.contains(" age ")) {
        return None;
    }
    let m = RANGE.captures(&l)?;
    let (a, b) = (m.get(1)?.as_str().parse::<u32>().ok()?, m.get(2)?.as_str().parse::<u32>().ok()?);
    if a >= b || b > 120 {
        return None;
    }
    let whole = m.get(0)?;
    let rest = format!("{}#{}", &l[..whole.start()], &l[whole.end()..]);
    Some((a, b, rest))
}

fn value(v: &View, r: usize, c: usize) -> Option<Num> {
    let cell = v.rows.get(r)?.cells.get(c)?;
    if cell.blank { None } else { cell.num }
}

pub fn check(v: &View, sink: &mut Sink) {
    let ranged: Vec<(usize, u32, u32, String)> = v
        .rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| range_of(&r.label).map(|(a, b, k)| (i, a, b, k)))
        .collect();
    for &(i, a, b, ref key) in &ranged {
        let part = |lo: u32, hi: u32| {
            ranged
                .iter()
                .find(|(j, x, y, k)| *j != i && *x == lo && *y == hi && k == key)
                .map(|t| t.0)
        };
        // The first split point that gives two parts covering the range.
        let Some((p, q)) = (a..b).find_map(|m| Some((part(a, m)?, part(m + 1, b)?))) else {
            continue;
        };
        for c in 0..v.columns.len() {
            if !v.columns[c].numeric {
                continue;
            }
            let (Some(t), Some(x), Some(y)) = (value(v, i, c), value(v, p, c), value(v, q, c))
            else {
                continue;
            };
            if t.percent || x.percent || y.percent {
                continue;
            }
            let sum = x.value + y.value;
            let tol = x.half_unit() + y.half_unit() + t.half_unit();
            let Some(sev) = classify(t.value - sum, tol) else { continue };
            let row = &v.rows[i];
            sink.push(
                &rules::SUM_RANGE_PARTS,
                sev,
                At {
                    location: row.location.merge(&v.rows[p].location).merge(&v.rows[q].location),
                    table: Some(v.id.clone()),
                    row: Some(row.label.clone()),
                    column: Some(v.columns[c].header.clone()),
                    evidence: None,
                    row_index: Some(row.index),
                },
                show(sum),
                show(t.value),
                format!(
                    "'{}' is {} but its parts '{}' {} + '{}' {} sum to {}",
                    row.label,
                    show(t.value),
                    v.rows[p].label,
                    show(x.value),
                    v.rows[q].label,
                    show(y.value),
                    show(sum)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_ranges_in_labels() {
        let (a, b, k) = range_of("Number of apprenticeships 16-24 year olds")
            .unwrap_or_else(|| panic!("range not read"));
        assert_eq!((a, b), (16, 24));
        let (c, d, k2) = range_of("Number of apprenticeships 16-18 year olds")
            .unwrap_or_else(|| panic!("range not read"));
        assert_eq!((c, d, &k2), (16, 18, &k));
        assert_eq!(range_of("Target 2016-17"), None);
        assert_eq!(range_of("Pupils in 2016-17 aged"), None);
    }
}
