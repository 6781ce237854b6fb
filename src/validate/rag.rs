//! KPI and RAG logic: value = numerator / denominator; rating against target and floor under the
//! polarity; direction of travel against the latest two comparable values; RAG summary counts.
//!
//! A rating is checked only as far as the document allows: GREEN must meet the target and AMBER or
//! RED must not; AMBER against RED needs a floor, and is checked only when one is stated. Target
//! polarity (closer is better) has no rating check without a stated band. Values are compared at
//! the precision they are printed with, so `32.8` and `32.83` are the same for a direction.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::rules;
use super::table::norm_label;
use super::tolerance::{Num, classify, classify_computed, round_to, show};
use super::{At, Sink};
use crate::model::Severity;
use crate::model::records::{Direction, KpiRow, PeriodValue, Polarity, Rag, RagSummary, Records};
use grammars::amount::Amount;

pub fn check(records: &Records, sink: &mut Sink) {
    let misread = misread_ratio_tables(&records.kpis, sink);
    for k in &records.kpis {
        if unreadable(k, sink) {
            continue;
        }
        if !misread.contains(&k.table) {
            ratio(k, sink);
        }
        rating(k, k.latest.as_ref(), k.target.as_ref(), k.floor.as_ref(), k.rag, "current", sink);
        rating(
            k,
            k.prior_outturn.as_ref(),
            k.prior_target.as_ref(),
            None,
            k.prior_rag,
            "prior",
            sink,
        );
        direction(k, sink);
    }
    series_ratios(&records.kpis, sink);
    summaries(&records.rag_summaries, sink);
    unmatched(&records.kpis, sink);
}

/// In a report whose RAG-list rows were merged with their detail boxes, each half left alone:
/// its other half was not found, or the match was not certain enough to merge.
fn unmatched(kpis: &[KpiRow], sink: &mut Sink) {
    use crate::extract::kpi_merge::{is_detail_half, is_list_half};
    if !kpis.iter().any(|k| k.detail_location.is_some()) {
        return;
    }
    for (i, k) in kpis.iter().enumerate() {
        let what = if is_list_half(k) {
            "RAG-list row has no certain detail box"
        } else if is_detail_half(k) {
            "detail box has no certain RAG-list row"
        } else {
            continue;
        };
        let mut a = at(k, "description");
        a.row_index = u32::try_from(i).ok();
        sink.push(
            &rules::KPI_UNMATCHED,
            Severity::Warning,
            a,
            "one record",
            "two records",
            format!("'{}': this {what}; it is kept as a record of its own", k.description),
        );
    }
}

/// A record whose trend or figures hold a rating word or an arrow was read with its columns out
/// of place: judging it would report the reading, not the document.
fn unreadable(k: &KpiRow, sink: &mut Sink) -> bool {
    let odd = |a: &Amount| {
        let t = a.raw.trim().to_uppercase();
        a.value.is_none()
            && (matches!(t.as_str(), "RED" | "AMBER" | "GREEN")
                || t.chars().any(|c| matches!(c, '↑' | '↓' | '↔')))
    };
    let bad = k
        .trend
        .iter()
        .map(|p| &p.value)
        .chain(k.latest.as_ref())
        .chain(k.target.as_ref())
        .find(|a| odd(a));
    let Some(bad) = bad else { return false };
    sink.push(
        &rules::KPI_UNREADABLE,
        Severity::Warning,
        at(k, "values"),
        "numbers",
        bad.raw.clone(),
        format!("the record holds '{}' among its values; its checks are skipped", bad.raw),
    );
    true
}

/// A percentage series printed with its numerator and denominator series on the rows below
/// (`APP17`, `APP17-N`, `APP17-D`): each period's value equals N / D x 100.
fn series_ratios(kpis: &[KpiRow], sink: &mut Sink) {
    // The first record of each (table, code), so a series finds its N and D rows without a walk
    // over every record.
    let mut by_code: HashMap<(&str, &str), &KpiRow> = HashMap::new();
    for o in kpis {
        if let Some(code) = o.code.as_deref() {
            by_code.entry((o.table.as_str(), code)).or_insert(o);
        }
    }
    for k in kpis {
        let Some(code) = k.code.as_deref().filter(|c| !c.is_empty()) else { continue };
        let find = |suffix: &str| {
            by_code.get(&(k.table.as_str(), format!("{code}-{suffix}").as_str())).copied()
        };
        let (Some(n), Some(d)) = (find("N"), find("D")) else { continue };
        let mults = multipliers(&k.description);
        for pv in &k.trend {
            let Some(v) = num(Some(&pv.value)) else { continue };
            let value_of = |o: &KpiRow| {
                o.trend.iter().find(|p| p.period == pv.period).and_then(|p| num(Some(&p.value)))
            };
            let (Some(nv), Some(dv)) = (value_of(n), value_of(d)) else { continue };
            if dv.value.is_zero() {
                continue;
            }
            let Some((m, computed)) = mults
                .iter()
                .map(|m| (*m, nv.value * *m / dv.value))
                .min_by_key(|(_, c)| (v.value - *c).abs())
            else {
                continue;
            };
            let Some(sev) = classify_computed(&v, computed) else { continue };
            sink.push(
                &rules::KPI_RATIO,
                sev,
                At { column: Some(pv.period.clone()), ..at(k, "value") },
                round_to(computed, v.decimals).to_string(),
                show(v.value),
                format!(
                    "{} value {} but {code}-N {} / {code}-D {}{} = {}",
                    pv.period,
                    show(v.value),
                    show(nv.value),
                    show(dv.value),
                    if m == Decimal::ONE { String::new() } else { format!(" × {}", show(m)) },
                    show(round_to(computed, v.decimals + 2))
                ),
            );
        }
    }
}

fn num(a: Option<&Amount>) -> Option<Num> {
    let a = a?;
    if a.raw.trim().is_empty() {
        return None;
    }
    a.value?;
    Num::from_amount(a)
}

fn at(k: &KpiRow, column: &str) -> At {
    let mut row = match &k.code {
        Some(c) if !c.is_empty() => format!("{c} {}", k.description),
        _ => k.description.clone(),
    };
    if let Some(d) = &k.district {
        row = format!("{row} [{d}]");
    }
    At {
        location: k.location.clone(),
        table: Some(k.table.clone()),
        row: Some(row),
        column: Some(column.to_string()),
        evidence: None,
        row_index: None,
    }
}

/// The multipliers a KPI's description allows between value and numerator / denominator.
fn multipliers(description: &str) -> Vec<Decimal> {
    let d = description.to_lowercase();
    for (pat, m) in [
        ("per 100,000", 100_000),
        ("per 100000", 100_000),
        ("per 10,000", 10_000),
        ("per 10000", 10_000),
        ("per 1,000", 1_000),
        ("per 1000", 1_000),
    ] {
        if d.contains(pat) {
            return vec![Decimal::from(m)];
        }
    }
    if d.contains("percentage") || d.contains('%') || d.starts_with("proportion") {
        return vec![Decimal::ONE_HUNDRED];
    }
    if d.contains("average") || d.contains("caseload") || d.contains("days") {
        return vec![Decimal::ONE];
    }
    vec![Decimal::ONE, Decimal::ONE_HUNDRED, Decimal::from(1_000), Decimal::from(10_000)]
}

/// The value, numerator and denominator of a record, and the closest computed value with its
/// multiplier and verdict.
fn ratio_check(k: &KpiRow) -> Option<(Num, Num, Num, Decimal, Decimal, Option<Severity>)> {
    let (Some(v), Some(n), Some(d)) =
        (num(k.latest.as_ref()), num(k.numerator.as_ref()), num(k.denominator.as_ref()))
    else {
        return None;
    };
    if d.value.is_zero() || v.percent != n.percent && n.percent {
        return None;
    }
    // The multiplier that comes closest decides; its verdict is the finding.
    let (m, computed) = multipliers(&k.description)
        .into_iter()
        .map(|m| (m, n.value * m / d.value))
        .min_by_key(|(_, c)| (v.value - *c).abs())?;
    Some((v, n, d, m, computed, classify_computed(&v, computed)))
}

/// Tables where value = numerator / denominator fails in most rows: the columns read as numerator
/// and denominator are something else (targets, say), so the table's ratios are not judged.
fn misread_ratio_tables(kpis: &[KpiRow], sink: &mut Sink) -> Vec<String> {
    let mut tally: std::collections::BTreeMap<&str, (usize, usize, &KpiRow)> = Default::default();
    for k in kpis {
        if let Some((.., sev)) = ratio_check(k) {
            let e = tally.entry(k.table.as_str()).or_insert((0, 0, k));
            e.1 += 1;
            if sev != Some(Severity::Error) {
                e.0 += 1;
            }
        }
    }
    let mut out = Vec::new();
    for (table, (holds, total, first)) in tally {
        if total >= 2 && holds * 2 < total {
            sink.push(
                &rules::KPI_UNREADABLE,
                Severity::Warning,
                At { row: None, ..at(first, "numerator / denominator") },
                "value = numerator / denominator in most rows",
                format!("{holds} of {total} rows"),
                format!(
                    "table {table}: value = numerator / denominator holds in only {holds} of {total} rows; the columns read as numerator and denominator are taken to be something else"
                ),
            );
            out.push(table.to_string());
        }
    }
    out
}

fn ratio(k: &KpiRow, sink: &mut Sink) {
    let Some((v, n, d, m, computed, sev)) = ratio_check(k) else { return };
    let Some(sev) = sev else { return };
    let shown = round_to(computed, v.decimals);
    sink.push(
        &rules::KPI_RATIO,
        sev,
        at(k, "value"),
        shown.to_string(),
        show(v.value),
        format!(
            "value {} but numerator {} / denominator {}{} = {}",
            show(v.value),
            show(n.value),
            show(d.value),
            if m == Decimal::ONE { String::new() } else { format!(" × {}", show(m)) },
            show(round_to(computed, v.decimals + 2))
        ),
    );
}

fn rag_name(r: Rag) -> &'static str {
    match r {
        Rag::Green => "GREEN",
        Rag::Amber => "AMBER",
        Rag::Red => "RED",
    }
}

/// Whether `v` meets `bar` under the polarity.
fn meets(p: Polarity, v: Decimal, bar: Decimal) -> Option<bool> {
    match p {
        Polarity::High => Some(v >= bar),
        Polarity::Low => Some(v <= bar),
        Polarity::Target => None,
    }
}

fn rating(
    k: &KpiRow,
    value: Option<&Amount>,
    target: Option<&Amount>,
    floor: Option<&Amount>,
    rag: Option<Rag>,
    which: &str,
    sink: &mut Sink,
) {
    let (Some(p), Some(v), Some(t), Some(r)) = (k.polarity, num(value), num(target), rag) else {
        return;
    };
    let Some(met) = meets(p, v.value, t.value) else { return };
    let floor = num(floor);
    let expected: Option<Rag> = if met {
        Some(Rag::Green)
    } else {
        match floor.and_then(|f| meets(p, v.value, f.value)) {
            Some(true) => Some(Rag::Amber),
            Some(false) => Some(Rag::Red),
            None => None,
        }
    };
    let ok = match expected {
        Some(e) => e == r,
        None => r != Rag::Green,
    };
    if ok {
        return;
    }
    let pol = match p {
        Polarity::High => "higher is better",
        Polarity::Low => "lower is better",
        Polarity::Target => "closer is better",
    };
    let exp = expected.map(rag_name).unwrap_or("AMBER or RED");
    let column = if which == "prior" { "prior RAG" } else { "RAG" };
    sink.push(
        &rules::RAG_RATING,
        Severity::Error,
        at(k, column),
        exp,
        rag_name(r),
        format!(
            "{} value {} against target {}{} ({pol}) should be {exp}, but is rated {}",
            if which == "prior" { "prior-year" } else { "latest" },
            show(v.value),
            show(t.value),
            floor.map(|f| format!(" and floor {}", show(f.value))).unwrap_or_default(),
            rag_name(r)
        ),
    );
}

/// The term word and first year of a termly period label ("Summer 22-23" → ("summer", 22)).
fn term_of(period: &str) -> Option<(String, u32)> {
    let p = period.to_lowercase();
    let term = ["summer", "autumn", "spring"].into_iter().find(|t| p.contains(t))?;
    let digits: String =
        p.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    Some((term.to_string(), digits.parse().ok()?))
}

/// The latest value and the one it is compared with for the direction of travel.
fn comparison(k: &KpiRow) -> Option<(Num, Num)> {
    let mut series: Vec<&PeriodValue> =
        k.trend.iter().filter(|p| num(Some(&p.value)).is_some()).collect();
    let latest_amount = k.latest.as_ref();
    // Where the latest value sits in the series: the entry of the data period, else the last
    // entry when it is the same printed value, else after the series.
    let dp = k.data_period.as_deref().map(str::trim).unwrap_or("");
    let pos = series.iter().position(|p| !dp.is_empty() && p.period.trim() == dp);
    let (latest, latest_period, prior): (Num, String, Vec<&PeriodValue>) =
        match (pos, latest_amount) {
            (Some(i), _) => {
                let l = num(Some(&series[i].value))?;
                (l, series[i].period.clone(), series[..i].to_vec())
            }
            (None, Some(a)) => {
                let l = num(Some(a))?;
                if series.last().is_some_and(|p| p.value.raw.trim() == a.raw.trim()) {
                    let last = series.pop()?;
                    (l, last.period.clone(), series)
                } else {
                    (l, dp.to_string(), series)
                }
            }
            (None, None) => {
                let last = series.pop()?;
                (num(Some(&last.value))?, last.period.clone(), series)
            }
        };
    let termly = k.layout.as_deref().is_some_and(|l| l.eq_ignore_ascii_case("termly"))
        || term_of(&latest_period).is_some();
    let prev = if termly {
        let (term, year) = term_of(&latest_period)?;
        prior
            .iter()
            .rev()
            .find(|p| term_of(&p.period).is_some_and(|(t, y)| t == term && y + 1 == year))?
    } else {
        prior.last()?
    };
    Some((latest, num(Some(&prev.value))?))
}

fn expected_direction(k: &KpiRow, latest: Num, prev: Num) -> Option<Direction> {
    let dp = latest.decimals.min(prev.decimals);
    let (l, p) = (round_to(latest.value, dp), round_to(prev.value, dp));
    let better = match k.polarity? {
        Polarity::High => l.cmp(&p),
        Polarity::Low => p.cmp(&l),
        Polarity::Target => {
            let t = num(k.target.as_ref())?.value;
            (p - t).abs().cmp(&(l - t).abs())
        }
    };
    Some(match better {
        std::cmp::Ordering::Greater => Direction::Improving,
        std::cmp::Ordering::Less => Direction::Worsening,
        std::cmp::Ordering::Equal => Direction::Unchanged,
    })
}

fn dir_name(d: Direction) -> &'static str {
    match d {
        Direction::Improving => "improving (↑)",
        Direction::Worsening => "worsening (↓)",
        Direction::Unchanged => "unchanged (↔)",
    }
}

fn direction(k: &KpiRow, sink: &mut Sink) {
    let Some((latest, prev)) = comparison(k) else { return };
    let Some(expected) = expected_direction(k, latest, prev) else { return };
    match k.direction {
        Some(d) if d == expected => {}
        Some(d) => sink.push(
            &rules::RAG_DIRECTION,
            Severity::Error,
            at(k, "DOT"),
            dir_name(expected),
            dir_name(d),
            format!(
                "{} → {} is {} under its polarity, but the direction of travel is {}",
                show(prev.value),
                show(latest.value),
                dir_name(expected),
                k.direction_raw.as_deref().unwrap_or(dir_name(d))
            ),
        ),
        None => {
            // Only a rated indicator owes a direction: unrated component rows (numerator and
            // denominator series, preference counts) print none.
            let raw = k.direction_raw.as_deref().map(str::trim).unwrap_or("");
            if !raw.is_empty() || k.polarity == Some(Polarity::Target) || k.rag.is_none() {
                return;
            }
            sink.push(
                &rules::RAG_DIRECTION_MISSING,
                Severity::Error,
                at(k, "DOT"),
                dir_name(expected),
                "blank",
                format!(
                    "{} → {} is {} but no direction of travel is printed",
                    show(prev.value),
                    show(latest.value),
                    dir_name(expected)
                ),
            );
        }
    }
}

type Counts = [Option<u32>; 6];
const FIELDS: [&str; 6] = ["GREEN", "AMBER", "RED", "improving", "unchanged", "worsening"];

fn counts(s: &RagSummary) -> Counts {
    [s.green, s.amber, s.red, s.improving, s.unchanged, s.worsening]
}

fn is_total_section(s: &RagSummary) -> bool {
    let l = norm_label(&s.section);
    l == "total" || l == "totals" || l.starts_with("total ") || l.ends_with(" total")
}

fn summaries(all: &[RagSummary], sink: &mut Sink) {
    // Totals: a TOTAL row equals the sum of the section rows printed before it since the previous
    // total, read as zero where blank.
    let mut block: Vec<&RagSummary> = Vec::new();
    for s in all {
        // A block is one table: rows of one grid (which may run over a page break), else rows
        // on consecutive lines (text) or on one page (PDF).
        let same_grid = |p: &RagSummary| !p.table.is_empty() && p.table == s.table;
        if let Some(prev) = block.last()
            && !same_grid(prev)
            && !adjacent(&prev.location, &s.location)
        {
            block.clear();
        }
        if !is_total_section(s) {
            block.push(s);
            continue;
        }
        if block.len() >= 2 {
            let t = counts(s);
            for (f, name) in FIELDS.iter().enumerate() {
                let Some(total) = t[f] else { continue };
                let sum: u32 = block.iter().map(|b| counts(b)[f].unwrap_or(0)).sum();
                let d = Decimal::from(total) - Decimal::from(sum);
                if classify(d, Decimal::ZERO).is_some() {
                    sink.push(
                        &rules::RAG_SUMMARY_TOTAL,
                        Severity::Error,
                        At {
                            location: s.location.clone(),
                            table: Some(s.table.clone()).filter(|t| !t.is_empty()),
                            row: Some(s.section.clone()),
                            column: Some(name.to_string()),
                            evidence: None,
                            row_index: None,
                        },
                        sum.to_string(),
                        total.to_string(),
                        format!(
                            "{} {name} is {total} but the sections above sum to {sum}",
                            s.section
                        ),
                    );
                }
            }
        }
        block.clear();
    }
    // Ties: the same section summarised twice must give the same counts.
    for (i, a) in all.iter().enumerate() {
        if is_total_section(a) {
            continue;
        }
        let key = norm_label(&a.section);
        if key.is_empty() {
            continue;
        }
        let Some(b) = all[i + 1..].iter().find(|b| norm_label(&b.section) == key) else {
            continue;
        };
        let (ca, cb) = (counts(a), counts(b));
        // Blank cells in a summary row mean zero when the row has other counts.
        let filled = |c: &Counts| c.iter().any(Option::is_some);
        if !filled(&ca) || !filled(&cb) {
            continue;
        }
        for (f, name) in FIELDS.iter().enumerate() {
            let (x, y) = (ca[f].unwrap_or(0), cb[f].unwrap_or(0));
            if x == y {
                continue;
            }
            sink.push(
                &rules::RAG_SUMMARY_TIE,
                Severity::Error,
                At {
                    location: b.location.clone(),
                    table: Some(b.table.clone()).filter(|t| !t.is_empty()),
                    row: Some(b.section.clone()),
                    column: Some(name.to_string()),
                    evidence: None,
                    row_index: None,
                },
                x.to_string(),
                y.to_string(),
                format!(
                    "{} {name} is {y} here but {x} in the summary at {}",
                    b.section,
                    place(&a.location)
                ),
            );
        }
    }
}

fn adjacent(a: &crate::model::Location, b: &crate::model::Location) -> bool {
    match (a.line, b.line) {
        (Some(x), Some(y)) => {
            let end = a.line_end.unwrap_or(x).max(x);
            y >= x && y <= end + 2
        }
        _ => a.page.is_some() && a.page == b.page,
    }
}

fn place(l: &crate::model::Location) -> String {
    match (l.line, l.page) {
        (Some(line), _) => format!("line {line}"),
        (None, Some(p)) => format!("page {p}"),
        _ => "another place".into(),
    }
}
