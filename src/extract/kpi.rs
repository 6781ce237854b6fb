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

/// Parses a RAG cell (`GREEN`, `Amber`, `R`, `<b>RED</b>`, `Green/Amber` as the worse): the
/// scorecard grammar's reading of the cell's text.
pub fn parse_rag(s: &str) -> Option<Rag> {
    grammars::rag::parse_rag(&text::clean(s))
}

/// Parses a polarity letter or word (`H`, `Low`, `higher is better`).
pub fn parse_polarity(s: &str) -> Option<Polarity> {
    grammars::rag::parse_polarity(&text::clean(s))
}

/// Parses a direction-of-travel arrow or word.
pub fn parse_direction(s: &str) -> Option<Direction> {
    grammars::rag::parse_direction(&text::clean(s)).map(|t| t.direction)
}

/// True for an indicator code (`SCS19`, `EH72-F`, `APP-EP`, `CYPE8`), by the code grammar
/// ([`grammars::rag::parse_indicator_code`]).
pub fn is_code(s: &str) -> bool {
    grammars::rag::parse_indicator_code(s).is_some()
}

fn is_data_row(row: &[String]) -> bool {
    row.len() > 5 && is_polarity(&row[2]) && !row[3].is_empty()
}

/// How many text lines above a scorecard its district heading may stand. A district's pages
/// print the heading once above several tables; on a PDF every wrapped line of a cell is a text
/// line, so the termly table under an Ashford monthly table of 7 rows is some 60 lines below it.
const DISTRICT_HEADING_REACH: usize = 200;

/// The district a scorecard belongs to: from a title such as "… Indicators - Ashford" or the
/// heading "Directorate Scorecard - Ashford District" printed above it.
fn district_of(g: &Grid, ctx: &Context) -> Option<String> {
    for line in ctx.before(g, DISTRICT_HEADING_REACH) {
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
    let title = g.rows.first().and_then(|r| r.first()).map(|c| text::clean(&c.text))?;
    let (_, d) = title.rsplit_once(" - ")?;
    let d = d.trim();
    let l = d.to_lowercase();
    if d.is_empty() || l.contains("kent") || l == "primary" || l == "secondary" {
        return None;
    }
    Some(d.to_string())
}

const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// The period after `p`: `Apr-24` → `May-24`, `Q4 23-24` → `Q1 24-25`, `2020-21` → `2021-22`,
/// `Summer 22-23` → `Autumn 23-24` → `Spring 23-24` → `Summer 23-24`.
fn next_period(p: &str) -> Option<String> {
    let yy = |s: &str| s.trim().parse::<u32>().ok();
    if let Some((m, y)) = p.split_once('-')
        && let Some(i) = MONTHS.iter().position(|x| m.eq_ignore_ascii_case(x))
    {
        let y = yy(y)?;
        return Some(if i == 11 {
            format!("{}-{:02}", MONTHS[0], (y + 1) % 100)
        } else {
            format!("{}-{:02}", MONTHS[i + 1], y)
        });
    }
    let (head, span) = p.rsplit_once(' ').unwrap_or(("", p));
    let (a, b) = span.split_once('-')?;
    let (a, b) = (yy(a)?, yy(b)?);
    let shift = |a: u32, b: u32, w: usize| {
        if w == 4 {
            format!("{}-{:02}", a + 1, (b + 1) % 100)
        } else {
            format!("{:02}-{:02}", (a + 1) % 100, (b + 1) % 100)
        }
    };
    let w = span.split_once('-').map(|(x, _)| x.trim().len()).unwrap_or(2);
    match head.to_lowercase().as_str() {
        "" => Some(shift(a, b, w)),
        "q1" | "q2" | "q3" => {
            let q = head[1..].parse::<u32>().ok()? + 1;
            Some(format!("Q{q} {span}"))
        }
        "q4" => Some(format!("Q1 {}", shift(a, b, w))),
        "summer" => Some(format!("Autumn {}", shift(a, b, w))),
        "autumn" => Some(format!("Spring {span}")),
        "spring" => Some(format!("Summer {span}")),
        _ => None,
    }
}

/// Period labels completed to `n` from the first one printed, when a header prints only some.
fn complete_periods(found: &[String], n: usize) -> Vec<String> {
    if found.len() >= n || found.is_empty() {
        return found.to_vec();
    }
    let mut out = vec![found[0].clone()];
    while out.len() < n {
        match out.last().and_then(|p| next_period(p)) {
            Some(p) => out.push(p),
            None => return found.to_vec(),
        }
    }
    // Keep the printed labels when they agree with the sequence.
    if found.iter().all(|f| out.contains(f)) { out } else { found.to_vec() }
}

/// Reads every indicator row of a scorecard grid.
pub fn kpi_rows(g: &Grid, layout: KpiLayout, ctx: &Context) -> Vec<KpiRow> {
    let rows = text::clean_rows(g);
    let Some(first_data) = rows.iter().position(|r| is_data_row(r)) else {
        return Vec::new();
    };
    let district = district_of(g, ctx);
    let header = &rows[..first_data];

    // Period labels from the header rows, in column order.
    let n_trend = if layout == KpiLayout::Monthly { 7 } else { 4 };
    let mut periods = complete_periods(&periods_in(header), n_trend);
    let target_period = target_period(header);
    let bench_labels = bench_labels(header);

    // Columns named by the header, when the body lines up with them.
    let named = header.iter().rev().find_map(|r| super::kpi_named::from_header(r)).filter(|n| {
        let data: Vec<&Vec<String>> =
            rows[first_data..].iter().filter(|r| is_data_row(r)).collect();
        super::kpi_named::body_agrees(n, &data)
    });

    let mut team: Option<String> = header.iter().find_map(|r| team_label(r));
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(first_data) {
        if !is_data_row(row) {
            // A team sub-heading ("Ashford EHU") may carry its own period labels.
            let first = row.first().map(String::as_str).unwrap_or("");
            let ps = periods_in(std::slice::from_ref(row));
            if ps.len() >= 2 {
                periods = complete_periods(&ps, n_trend);
            }
            if let Some(t) = team_label(row) {
                team = Some(t);
            } else if !first.is_empty() && (!is_code(first) || first.contains(' ')) {
                team = Some(first.to_string());
            }
            continue;
        }
        let location = g.row_locations.get(i).cloned().unwrap_or_else(|| g.location.clone());
        let rc = RowCtx {
            table: &g.id,
            district: district.clone(),
            team: team.clone(),
            target_period: target_period.clone(),
            location,
        };
        out.push(match &named {
            Some(n) => super::kpi_named::read_named_row(row, n, layout, &rc),
            None => read_positional_row(row, layout, &periods, &bench_labels, &rc),
        });
    }
    out
}

/// The period the header's "Target" column is for ("Target 2024-25"), where printed.
fn target_period(header: &[Vec<String>]) -> Option<String> {
    header
        .iter()
        .flatten()
        .find(|t| t.to_lowercase().starts_with("target"))
        .and_then(|t| {
            text::period_in(t).or_else(|| Some(t.trim_start_matches("Target").trim().to_string()))
        })
        .filter(|t| !t.is_empty())
}

/// The header's benchmark column labels ("South East Average", "England"), each once, in
/// column order.
fn bench_labels(header: &[Vec<String>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in header.iter().flatten() {
        let l = t.to_lowercase();
        let bench = l.contains("benchmark")
            || l.contains("england")
            || l.contains("south east")
            || l.contains("average")
            || l == "sn or se";
        if bench && !out.contains(t) {
            out.push(t.clone());
        }
    }
    out
}

/// A team or area sub-heading cell ("Ashford CSWT", "Canterbury EHU").
fn team_label(row: &[String]) -> Option<String> {
    static TEAM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(?:CSWT|EHU|CIC|Teams?|Units?)$").expect("static regex"));
    row.iter().find(|t| t.contains(' ') && TEAM.is_match(t)).cloned()
}

pub(super) struct RowCtx<'a> {
    pub(super) table: &'a str,
    pub(super) district: Option<String>,
    pub(super) team: Option<String>,
    pub(super) target_period: Option<String>,
    pub(super) location: crate::model::Location,
}

impl RowCtx<'_> {
    /// The record of one scorecard row, with what every scorecard layout prints alike: code,
    /// description, polarity and data period in the first four columns, and the table's
    /// district, team and target period.
    pub(super) fn record(&self, row: &[String], layout: KpiLayout) -> KpiRow {
        let get = |c: usize| row.get(c).map(String::as_str).unwrap_or("");
        let mut k = KpiRow::new(self.table, get(1), self.location.clone());
        k.code = Some(get(0).to_string()).filter(|c| is_code(c) && !text::is_page_footer(c));
        k.district = self.district.clone();
        k.team = self.team.clone();
        k.polarity = parse_polarity(get(2));
        k.data_period = Some(get(3).to_string()).filter(|t| !t.is_empty());
        k.layout = Some(layout.name().to_string());
        k.target_period = self.target_period.clone();
        k
    }
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

pub(super) fn cell_amount(row: &[String], c: usize) -> Option<Amount> {
    let t = row.get(c)?.trim();
    if t.is_empty() { None } else { Some(text::amount(t)) }
}

/// Column positions of one scorecard row.
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

/// Where a row of `layout` prints each figure, from the column of its direction-of-travel arrow
/// when it has one.
fn positions(layout: KpiLayout, arrow: Option<usize>) -> Pos {
    let n_trend = match layout {
        KpiLayout::Monthly => 7,
        _ => 4,
    };
    match (layout, arrow) {
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
    }
}

/// Trend cells, labelled from the right so the latest value takes the latest label.
fn trend(row: &[String], trend_end: usize, periods: &[String]) -> Vec<PeriodValue> {
    let width = trend_end.saturating_sub(5);
    let mut trend = Vec::new();
    for (c, t) in row.iter().enumerate().take(trend_end).skip(5) {
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
    trend
}

/// Benchmarks: at their positions after an arrow, else the last filled cells.
fn benchmarks(
    row: &[String],
    layout: KpiLayout,
    p: &Pos,
    rag_col: usize,
    bench_labels: &[String],
) -> Vec<PeriodValue> {
    let last_filled = (0..row.len()).rev().find(|&c| !row[c].is_empty()).unwrap_or(0);
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
    benchmarks
}

fn read_positional_row(
    row: &[String],
    layout: KpiLayout,
    periods: &[String],
    bench_labels: &[String],
    rc: &RowCtx,
) -> KpiRow {
    let get = |c: usize| row.get(c).map(String::as_str).unwrap_or("");
    let arrow = (5..row.len()).find(|&c| is_arrow(&row[c]));
    let p = positions(layout, arrow);

    // RAG: at its position, or the first RAG word after the trend cells.
    let mut rag_col = p.rag;
    if parse_rag(get(rag_col)).is_none()
        && let Some(c) = (p.trend_end..row.len())
            .take_while(|&c| p.prior.is_none_or(|pr| c < pr))
            .find(|&c| parse_rag(&row[c]).is_some())
    {
        rag_col = c;
    }

    let direction_raw = p.dot.map(|d| get(d).to_string());
    let mut k = rc.record(row, layout);
    k.trend = trend(row, p.trend_end, periods);
    // The latest value sits in the last trend position; a blank there means none was printed.
    k.latest = p.trend_end.checked_sub(1).filter(|&c| c >= 5).and_then(|c| cell_amount(row, c));
    k.numerator = cell_amount(row, p.num);
    k.denominator = cell_amount(row, p.den);
    k.direction = direction_raw.as_deref().and_then(parse_direction);
    k.direction_raw = direction_raw;
    k.target = cell_amount(row, p.target);
    k.rag = parse_rag(get(rag_col));
    k.rag_raw = Some(get(rag_col).to_string()).filter(|t| !t.is_empty());
    k.prior_outturn = p.prior.and_then(|c| cell_amount(row, c));
    k.prior_target = p.prior.and_then(|c| cell_amount(row, c + 1));
    k.prior_rag = p.prior.and_then(|c| parse_rag(get(c + 2)));
    k.benchmarks = benchmarks(row, layout, &p, rag_col, bench_labels);
    k.next_target = p.next_target.and_then(|c| cell_amount(row, c));
    k.qpr = !get(4).is_empty();
    k
}

static LATEST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*latest\s*:?").expect("static regex"));

/// True for a per-indicator detail box: "Latest: 71% | Target: 85%, Floor: 80% | Previous: …".
pub fn is_kpi_detail(g: &Grid) -> bool {
    let cells: Vec<String> =
        g.rows.iter().flatten().map(|c| text::clean(&c.text).into_owned()).collect();
    cells.iter().any(|t| LATEST.is_match(t))
        && cells.iter().any(|t| t.to_lowercase().contains("target"))
}

/// The keys of a detail box, each with the pattern of the amount printed after it, compiled once.
static DETAIL_KEYS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    ["latest", "target", "floor", "previous"]
        .into_iter()
        .map(|key| {
            let re = Regex::new(&format!(r"(?i)\b{key}\s*:?\s*([-+(£]*[0-9][0-9,.]*%?)"));
            (key, re.expect("static regex"))
        })
        .collect()
});

/// The amount printed after a key such as "Target:" in a detail cell.
fn after_key(s: &str, key: &str) -> Option<Amount> {
    let re = &DETAIL_KEYS.iter().find(|(k, _)| *k == key)?.1;
    let m = re.captures(s)?.get(1)?;
    Some(text::amount(m.as_str().trim_end_matches([',', '.'])))
}

/// Reads the per-indicator detail boxes of a grid (several may be stacked in one grid): the
/// description and RAG on a box's first row, then latest value, target, floor and the previous
/// value with its RAG. Polarity is inferred from target and floor.
pub fn kpi_details(g: &Grid, ctx: &Context) -> Vec<KpiRow> {
    let rows = text::clean_rows(g);
    let section = ctx
        .before(g, 40)
        .into_iter()
        .map(|l| text::clean(l).into_owned())
        .find(|l| l.ends_with("Key Performance Indicators") || l.ends_with("KPIs"));
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, r) in rows.iter().enumerate() {
        let is_latest = r.iter().any(|t| LATEST.is_match(t));
        if !is_latest && r.iter().any(|t| parse_rag(t).is_some()) {
            start = Some(i);
        }
        if is_latest && let Some(s0) = start.take() {
            let location = g
                .row_locations
                .get(s0)
                .map(|l| g.row_locations.get(i).map(|e| l.merge(e)).unwrap_or_else(|| l.clone()))
                .unwrap_or_else(|| g.location.clone());
            if let Some(mut k) = detail_box(&g.id, &rows[s0..=i], location) {
                k.section = section.clone();
                out.push(k);
            }
        }
    }
    out
}

fn detail_box(
    table: &str,
    rows: &[Vec<String>],
    location: crate::model::Location,
) -> Option<KpiRow> {
    let description =
        rows.first()?.iter().find(|t| !t.is_empty() && parse_rag(t).is_none())?.clone();
    let mut k = KpiRow::new(table, description, location);
    let rag_cell = rows.first()?.iter().find(|t| parse_rag(t).is_some()).cloned();
    k.rag = rag_cell.as_deref().and_then(parse_rag);
    k.rag_raw = rag_cell;
    let joined = rows.iter().skip(1).flatten().cloned().collect::<Vec<_>>().join(" | ");
    k.latest = after_key(&joined, "latest");
    k.target = after_key(&joined, "target");
    k.floor = after_key(&joined, "floor");
    k.prior_outturn = after_key(&joined, "previous");
    static PREV_RAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)previous[^|]*\((green|amber|red)\)").expect("static regex")
    });
    k.prior_rag =
        PREV_RAG.captures(&joined).and_then(|c| c.get(1)).and_then(|m| parse_rag(m.as_str()));
    if let (Some(t), Some(f)) =
        (k.target.as_ref().and_then(|a| a.value), k.floor.as_ref().and_then(|a| a.value))
    {
        k.polarity = match t.cmp(&f) {
            std::cmp::Ordering::Greater => Some(Polarity::High),
            std::cmp::Ordering::Less => Some(Polarity::Low),
            std::cmp::Ordering::Equal => None,
        };
        k.polarity_inferred = k.polarity.is_some();
    }
    Some(k)
}

/// True for a list of indicators with their latest and previous RAG ratings.
pub fn is_rag_list(g: &Grid) -> bool {
    let head =
        g.rows.iter().take(2).flatten().any(|c| c.text.to_lowercase().contains("rag rating"));
    let rated = g
        .rows
        .iter()
        .filter(|r| r.iter().skip(1).filter(|c| parse_rag(&c.text).is_some()).count() >= 1)
        .count();
    head && rated >= 1
}

/// Reads a RAG-rating list: description, latest RAG, previous RAG and the arrow where printed.
pub fn rag_list(g: &Grid) -> Vec<KpiRow> {
    let rows = text::clean_rows(g);
    let section = rows.first().and_then(|r| r.first()).cloned().filter(|t| !t.is_empty());
    let find = |w: &str| {
        rows.iter().take(3).find_map(|r| r.iter().position(|t| t.to_lowercase().starts_with(w)))
    };
    let latest = find("latest").unwrap_or(1);
    let previous = find("previous").unwrap_or(latest + 1);
    let dot = find("dot").or_else(|| find("direction"));
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let get = |c: usize| r.get(c).map(String::as_str).unwrap_or("");
        if parse_rag(get(latest)).is_none() && parse_rag(get(previous)).is_none() {
            continue;
        }
        let location = g.row_locations.get(i).cloned().unwrap_or_else(|| g.location.clone());
        let mut k = KpiRow::new(&g.id, get(0), location);
        k.rag = parse_rag(get(latest));
        k.rag_raw = Some(get(latest).to_string()).filter(|t| !t.is_empty());
        k.prior_rag = parse_rag(get(previous));
        if let Some(d) = dot {
            k.direction_raw = Some(get(d).to_string()).filter(|t| !t.is_empty());
            k.direction = parse_direction(get(d));
        }
        k.section = section.clone();
        out.push(k);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_sequences() {
        assert_eq!(next_period("Apr-24").as_deref(), Some("May-24"));
        assert_eq!(next_period("Dec-24").as_deref(), Some("Jan-25"));
        assert_eq!(next_period("Q4 23-24").as_deref(), Some("Q1 24-25"));
        assert_eq!(next_period("Q1 24-25").as_deref(), Some("Q2 24-25"));
        assert_eq!(next_period("2020-21").as_deref(), Some("2021-22"));
        assert_eq!(next_period("Summer 22-23").as_deref(), Some("Autumn 23-24"));
        assert_eq!(next_period("Spring 23-24").as_deref(), Some("Summer 23-24"));
        let found: Vec<String> =
            ["Apr-24", "May-24", "Jun-24", "Jul-24"].map(String::from).to_vec();
        assert_eq!(complete_periods(&found, 7).last().map(String::as_str), Some("Oct-24"));
    }

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
