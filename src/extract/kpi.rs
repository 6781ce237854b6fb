//! KPI scorecards: one indicator per row, with trend values, latest value, numerator and
//! denominator, direction of travel, target, RAG, last year's outturn and benchmarks.
//!
//! Scorecard header cells often do not line up with the data columns, so the columns are read by
//! the scorecard's layout type (monthly, quarterly, termly, annual) and anchored on the direction
//! arrow in each row, not on the header positions:
//!
//! | layout | after the trend cells |
//! |---|---|
//! | monthly, quarterly | numerator, denominator, DOT, target, RAG, prior outturn, prior target, prior RAG, benchmark, national |
//! | termly | numerator, denominator, DOT, target, RAG |
//! | annual | numerator, denominator, target, RAG, DOT, next target, benchmark, national |
//!
//! Columns 0–4 are code, description, polarity, data period and the QPR tick.

use std::sync::LazyLock;

use grammars::amount::Amount;
use regex::Regex;

use super::classify::{KpiLayout, is_arrow, is_polarity};
use super::text::{self, Context};
use crate::model::Grid;
use crate::model::records::{Direction, KpiRow, PeriodValue, Polarity, Rag};

/// Parses a RAG cell (`GREEN`, `Amber`, `R`, `<b>RED</b>`).
pub fn parse_rag(s: &str) -> Option<Rag> {
    match text::clean(s).to_ascii_uppercase().as_str() {
        "GREEN" | "G" => Some(Rag::Green),
        "AMBER" | "A" => Some(Rag::Amber),
        "RED" | "R" => Some(Rag::Red),
        _ => None,
    }
}

/// Parses a polarity letter or word.
pub fn parse_polarity(s: &str) -> Option<Polarity> {
    match text::clean(s).to_ascii_lowercase().as_str() {
        "h" | "high" | "higher is better" => Some(Polarity::High),
        "l" | "low" | "lower is better" => Some(Polarity::Low),
        "t" | "target" => Some(Polarity::Target),
        _ => None,
    }
}

/// Parses a direction-of-travel arrow or word.
pub fn parse_direction(s: &str) -> Option<Direction> {
    let t = text::clean(s).to_lowercase();
    match t.as_str() {
        "↑" | "⇧" | "⬆" | "↗" | "improved" | "improving" | "improvement" => {
            Some(Direction::Improving)
        }
        "↓" | "⇩" | "⬇" | "↘" | "worsened" | "worsening" | "deteriorating" | "declined" => {
            Some(Direction::Worsening)
        }
        "↔" | "→" | "⇔" | "same" | "unchanged" | "no change" | "maintaining" | "stable" => {
            Some(Direction::Unchanged)
        }
        _ => None,
    }
}

static CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z][A-Za-z]{0,7}[0-9]*[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$").expect("static regex")
});

/// True for an indicator code (`SCS19`, `EH72-F`, `APP-EP`, `CYPE8`).
pub fn is_code(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.len() <= 20 && CODE.is_match(t)
}

fn is_data_row(row: &[String]) -> bool {
    row.len() > 5 && is_polarity(&row[2]) && !row[3].is_empty()
}

/// The district a scorecard belongs to: from a title such as "… Indicators - Ashford" or the
/// heading "Directorate Scorecard - Ashford District" printed above it.
fn district_of(g: &Grid, ctx: &Context) -> Option<String> {
    let title = g.rows.first().and_then(|r| r.first()).map(|c| text::clean(&c.text));
    if let Some(t) = title
        && let Some((_, d)) = t.rsplit_once(" - ")
    {
        let d = d.trim();
        if !d.is_empty() && !d.to_lowercase().contains("kent") {
            return Some(d.to_string());
        }
    }
    for line in ctx.before(g, 12) {
        let l = text::clean(line);
        let l = l.trim_start_matches('#').trim();
        if let Some(rest) = l.strip_prefix("Directorate Scorecard - ") {
            let rest = rest.trim();
            if rest.to_lowercase().starts_with("kent") {
                return None;
            }
            let d = rest.strip_suffix(" District").unwrap_or(rest).trim();
            return Some(d.to_string());
        }
    }
    None
}

/// Reads every indicator row of a scorecard grid.
pub fn kpi_rows(g: &Grid, layout: KpiLayout, ctx: &Context) -> Vec<KpiRow> {
    let rows: Vec<Vec<String>> =
        g.rows.iter().map(|r| r.iter().map(|c| text::clean(&c.text)).collect()).collect();
    let Some(first_data) = rows.iter().position(|r| is_data_row(r)) else {
        return Vec::new();
    };
    let district = district_of(g, ctx);
    let header = &rows[..first_data];

    // Period labels from the header rows, in column order.
    let mut periods = periods_in(header);
    let target_period = header
        .iter()
        .flatten()
        .find(|t| t.to_lowercase().starts_with("target"))
        .and_then(|t| {
            text::period_in(t).or_else(|| Some(t.trim_start_matches("Target").trim().to_string()))
        })
        .filter(|t| !t.is_empty());
    let bench_labels: Vec<String> = header
        .iter()
        .flat_map(|r| r.iter().enumerate())
        .filter(|(_, t)| {
            let l = t.to_lowercase();
            l.contains("benchmark")
                || l.contains("england")
                || l.contains("south east")
                || l.contains("average")
                || l == "sn or se"
        })
        .map(|(c, t)| (c, t.clone()))
        .fold(Vec::<(usize, String)>::new(), |mut acc, (c, t)| {
            if !acc.iter().any(|(_, x)| *x == t) {
                acc.push((c, t));
            }
            acc
        })
        .into_iter()
        .map(|(_, t)| t)
        .collect();

    let mut team: Option<String> = header.iter().find_map(|r| team_label(r));
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(first_data) {
        if !is_data_row(row) {
            // A team sub-heading ("Ashford EHU") may carry its own period labels.
            let first = row.first().map(String::as_str).unwrap_or("");
            let ps = periods_in(std::slice::from_ref(row));
            if ps.len() >= 2 {
                periods = ps;
            }
            if let Some(t) = team_label(row) {
                team = Some(t);
            } else if !first.is_empty() && (!is_code(first) || first.contains(' ')) {
                team = Some(first.to_string());
            }
            continue;
        }
        let location = g.row_locations.get(i).cloned().unwrap_or_else(|| g.location.clone());
        out.push(read_row(
            row,
            layout,
            &periods,
            &bench_labels,
            &RowCtx {
                table: &g.id,
                district: district.clone(),
                team: team.clone(),
                target_period: target_period.clone(),
                location,
            },
        ));
    }
    out
}

/// A team or area sub-heading cell ("Ashford CSWT", "Canterbury EHU").
fn team_label(row: &[String]) -> Option<String> {
    static TEAM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(?:CSWT|EHU|CIC|Teams?|Units?)$").expect("static regex"));
    row.iter().find(|t| t.contains(' ') && TEAM.is_match(t)).cloned()
}

struct RowCtx<'a> {
    table: &'a str,
    district: Option<String>,
    team: Option<String>,
    target_period: Option<String>,
    location: crate::model::Location,
}

fn periods_in(rows: &[Vec<String>]) -> Vec<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    for r in rows {
        for (c, t) in r.iter().enumerate() {
            if text::is_period(t) && !found.iter().any(|(_, x)| x == t) {
                found.push((c, t.clone()));
            }
        }
    }
    found.sort_by_key(|(c, _)| *c);
    found.into_iter().map(|(_, t)| t).collect()
}

fn cell_amount(row: &[String], c: usize) -> Option<Amount> {
    let t = row.get(c)?.trim();
    if t.is_empty() { None } else { Some(text::amount(t)) }
}

fn read_row(
    row: &[String],
    layout: KpiLayout,
    periods: &[String],
    bench_labels: &[String],
    rc: &RowCtx,
) -> KpiRow {
    let get = |c: usize| row.get(c).map(String::as_str).unwrap_or("");
    let code = Some(get(0).to_string()).filter(|c| is_code(c) && !text::is_page_footer(c));
    let n_trend = match layout {
        KpiLayout::Monthly => 7,
        _ => 4,
    };
    let arrow = (5..row.len()).find(|&c| is_arrow(&row[c]));
    let last_filled = (0..row.len()).rev().find(|&c| !row[c].is_empty()).unwrap_or(0);

    // Column positions for this row.
    struct Pos {
        trend_end: usize,
        num: usize,
        den: usize,
        dot: Option<usize>,
        target: usize,
        rag: usize,
        prior: Option<usize>,
        next_target: Option<usize>,
        bench: Option<usize>,
    }
    let p = match (layout, arrow) {
        (KpiLayout::Annual, Some(d)) if d >= 9 => Pos {
            trend_end: d - 4,
            num: d - 4,
            den: d - 3,
            dot: Some(d),
            target: d - 2,
            rag: d - 1,
            prior: None,
            next_target: Some(d + 1),
            bench: Some(d + 2),
        },
        (KpiLayout::Annual, _) => Pos {
            trend_end: 5 + n_trend,
            num: 9,
            den: 10,
            dot: None,
            target: 11,
            rag: 12,
            prior: None,
            next_target: Some(14),
            bench: None,
        },
        (_, Some(d)) if d >= 7 => Pos {
            trend_end: d - 2,
            num: d - 2,
            den: d - 1,
            dot: Some(d),
            target: d + 1,
            rag: d + 2,
            prior: (layout != KpiLayout::Termly).then_some(d + 3),
            next_target: None,
            bench: (layout != KpiLayout::Termly).then_some(d + 6),
        },
        (_, _) => {
            let num = 5 + n_trend;
            Pos {
                trend_end: num,
                num,
                den: num + 1,
                dot: None,
                target: num + 3,
                rag: num + 4,
                prior: (layout != KpiLayout::Termly).then_some(num + 5),
                next_target: None,
                bench: None,
            }
        }
    };

    // Trend cells, labelled from the right so the latest value takes the latest label.
    let cells: Vec<(usize, &String)> =
        (5..p.trend_end.min(row.len())).map(|c| (c, &row[c])).collect();
    let width = p.trend_end.saturating_sub(5);
    let mut trend = Vec::new();
    for (c, t) in &cells {
        if t.is_empty() {
            continue;
        }
        let k = c - 5;
        let label = if periods.len() >= width {
            periods.get(periods.len() - width + k).cloned()
        } else {
            (k + periods.len()).checked_sub(width).and_then(|j| periods.get(j).cloned())
        };
        trend.push(PeriodValue {
            period: label.unwrap_or_else(|| format!("t{}", k + 1)),
            value: text::amount(t),
        });
    }
    let latest = trend.last().map(|pv| pv.value.clone());

    // RAG: at its position, or the first RAG word after the trend cells.
    let mut rag_col = p.rag;
    if parse_rag(get(rag_col)).is_none()
        && let Some(c) = (p.trend_end..row.len())
            .take_while(|&c| p.prior.is_none_or(|pr| c < pr))
            .find(|&c| parse_rag(&row[c]).is_some())
    {
        rag_col = c;
    }
    let rag_raw = Some(get(rag_col).to_string()).filter(|t| !t.is_empty());

    // Benchmarks: at their positions after an arrow, else the last filled cells.
    let mut benchmarks = Vec::new();
    let nb = bench_labels.len().clamp(1, 2);
    let bench_start = match p.bench {
        Some(b) => Some(b),
        None if layout != KpiLayout::Termly && last_filled + 1 >= nb => {
            let start = last_filled + 1 - nb;
            (start > p.den.max(rag_col)).then_some(start)
        }
        None => None,
    };
    if let Some(b) = bench_start {
        for k in 0..nb {
            if let Some(a) = cell_amount(row, b + k) {
                let period =
                    bench_labels.get(k).cloned().unwrap_or_else(|| format!("benchmark {}", k + 1));
                benchmarks.push(PeriodValue { period, value: a });
            }
        }
    }

    let direction_raw = p.dot.map(|d| get(d).to_string());
    KpiRow {
        table: rc.table.to_string(),
        code,
        description: get(1).to_string(),
        district: rc.district.clone(),
        polarity: parse_polarity(get(2)),
        data_period: Some(get(3).to_string()).filter(|t| !t.is_empty()),
        layout: Some(layout.name().to_string()),
        trend,
        latest,
        numerator: cell_amount(row, p.num),
        denominator: cell_amount(row, p.den),
        direction: direction_raw.as_deref().and_then(parse_direction),
        direction_raw,
        target: cell_amount(row, p.target),
        floor: None,
        rag: parse_rag(get(rag_col)),
        rag_raw,
        prior_outturn: p.prior.and_then(|c| cell_amount(row, c)),
        prior_target: p.prior.and_then(|c| cell_amount(row, c + 1)),
        prior_rag: p.prior.and_then(|c| parse_rag(get(c + 2))),
        benchmarks,
        location: rc.location.clone(),
        team: rc.team.clone(),
        next_target: p.next_target.and_then(|c| cell_amount(row, c)),
        qpr: !get(4).is_empty(),
        target_period: rc.target_period.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert_eq!(parse_rag("<b>RED</b>"), Some(Rag::Red));
        assert_eq!(parse_rag("Amber"), Some(Rag::Amber));
        assert_eq!(parse_rag("N/A"), None);
        assert_eq!(parse_polarity("T"), Some(Polarity::Target));
        assert_eq!(parse_direction("↔"), Some(Direction::Unchanged));
        assert!(is_code("SCS19"));
        assert!(is_code("EH72-F"));
        assert!(is_code("APP-EP"));
        assert!(!is_code("Page 45"));
    }
}
