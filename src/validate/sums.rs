//! Sums: line rows into subtotals into totals, per column; total columns, per row (in
//! `row_sums.rs`).
//!
//! Which rows a total covers is not printed, so it is searched for: for each total (or subtotal)
//! row, the rows above it are taken back to some start, rows already covered by an earlier total
//! are replaced by that total, and the first such range whose sum reproduces the printed total in
//! every column is taken as the total's components. When no range reproduces it everywhere, the
//! range that does in most columns is the hypothesis, and the columns where it fails are findings;
//! a total that no range reproduces in any column is reported as an error only for a plain `Total`
//! closing a simple list, and otherwise as `sum.unreconciled` (a warning: the structure is unknown).

use rust_decimal::Decimal;

use super::rules::{self, Rule};
use super::table::{RowKind, VRow, View, is_plain_total};
use super::tolerance::{Num, classify, show};
use super::{At, Sink};
use crate::limits::budget;
use crate::model::{Evidence, Severity};

/// Runs the column-total and row-total checks on one table.
pub fn check(view: &View, sink: &mut Sink) {
    let skip = units_check(view, sink);
    column_totals(view, &skip, sink);
    super::row_sums::check(view, &skip, sink);
}

/// Columns whose cells mix percentages and plain numbers, or scales: flagged once, then left out
/// of the arithmetic. Percentage columns are left out of sums too.
fn units_check(view: &View, sink: &mut Sink) -> Vec<bool> {
    let mut skip = vec![false; view.columns.len()];
    for (ci, col) in view.columns.iter().enumerate() {
        if !col.numeric {
            skip[ci] = true;
            continue;
        }
        let nums: Vec<Num> = view.rows.iter().filter_map(|r| r.cells[ci].num).collect();
        let pct = nums.iter().filter(|n| n.percent && !n.is_zero()).count();
        let plain = nums.iter().filter(|n| !n.percent && !n.is_zero()).count();
        let scales: std::collections::BTreeSet<Decimal> =
            nums.iter().filter(|n| !n.is_zero()).map(|n| n.scale).collect();
        let h = col.header.to_lowercase();
        let averaged = ["%", "percent", "rate", "average", "mean", "ratio", "life"];
        if pct > 0 || averaged.iter().any(|w| h.contains(w)) {
            skip[ci] = true;
        }
        if (pct > 0 && plain > 0) || scales.len() > 1 {
            skip[ci] = true;
            sink.push(
                &rules::UNITS_MIXED,
                Severity::Warning,
                At {
                    location: view.location.clone(),
                    table: Some(view.id.clone()),
                    row: None,
                    column: Some(col.header.clone()),
                    evidence: None,
                    row_index: None,
                },
                "one unit per column",
                format!("{pct} percentages, {plain} plain numbers, {} scales", scales.len()),
                format!("column '{}' mixes units; its arithmetic is not checked", col.header),
            );
        }
    }
    skip
}

/// The printed total of `row` in column `c`, when the cell holds a number.
pub(super) fn total_cell(row: &VRow, c: usize) -> Option<Num> {
    let cell = row.cells.get(c)?;
    if cell.blank { None } else { cell.num }
}

/// The value a component contributes: its number times the label's multiplier; blank is zero.
fn term(row: &VRow, c: usize) -> Option<(Decimal, Decimal)> {
    let cell = row.cells.get(c)?;
    let m = row.multiplier.unwrap_or(Decimal::ONE);
    match cell.num {
        Some(n) => Some((n.value * m, n.half_unit() * m)),
        None if cell.blank => Some((Decimal::ZERO, Decimal::ZERO)),
        None => None,
    }
}

struct Outcome {
    col: usize,
    expected: Decimal,
    actual: Num,
    severity: Option<Severity>,
}

/// The rows `start..t` with rows covered by a resolved total replaced by that total. Whether a
/// row is covered depends only on the totals below it, so the result for a later start is this
/// one's tail.
fn flatten(view: &View, start: usize, t: usize, parts: &[Option<Vec<usize>>]) -> Vec<usize> {
    // `excluded[i - start]`: row `i` is covered by a total below it.
    let mut excluded = vec![false; t.saturating_sub(start)];
    let mut items = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for i in (start..t).rev() {
        if excluded[i - start] {
            continue;
        }
        if let Some(p) = &parts[i] {
            items.push(i);
            // Every component, and the components of components, is covered.
            stack.extend(p.iter().copied());
            while let Some(j) = stack.pop() {
                if j >= start && j < t && !excluded[j - start] {
                    excluded[j - start] = true;
                    if let Some(q) = &parts[j] {
                        stack.extend(q.iter().copied());
                    }
                }
            }
            continue;
        }
        let r = &view.rows[i];
        if r.kind == RowKind::Section || !r.has_values() {
            continue;
        }
        items.push(i);
    }
    items.reverse();
    items
}

/// Most steps (rows passed over or summed, per column) the column-total search may take over one
/// table before the rest of the table is left unchecked with a [`rules::SUM_UNCHECKED`] warning.
/// A table's totals normally cost a few times its rows; only a made-up table of thousands of
/// total rows, each reconciled as far back as the table goes, comes near.
pub const MAX_SEARCH_STEPS: usize = 2_000_000;
/// Most candidate starts (rows where the running sums match in the first column) tried for one
/// unlabelled subtotal.
const MAX_SUBTOTAL_CANDIDATES: usize = 64;

/// Where the column-total search starts: the columns it sums, each row's resolved components
/// (none yet), the rows a total was searched for and not resolved (later searches do not reach
/// past them; none yet), and the last row with values. `None` when no column is summed.
type Start = (Vec<usize>, Vec<Option<Vec<usize>>>, Vec<bool>, Option<usize>);

fn search_start(view: &View, skip: &[bool]) -> Option<Start> {
    let n = view.rows.len();
    let cols: Vec<usize> = (0..view.columns.len()).filter(|&c| !skip[c]).collect();
    let last_valued = (0..n).rev().find(|&i| view.rows[i].has_values());
    (!cols.is_empty()).then(|| (cols, vec![None; n], vec![false; n], last_valued))
}

fn column_totals(view: &View, skip: &[bool], sink: &mut Sink) {
    let Some((cols, mut parts, mut blocked, last_valued)) = search_start(view, skip) else {
        return;
    };
    let n = view.rows.len();
    let mut last_blocked: Option<usize> = None;
    // The last row (at most two above the current one) an unlabelled subtotal cannot reach past.
    let mut barrier: Option<usize> = None;
    let prefix = Prefix::new(view, &cols);
    let mut steps = 0usize;
    for t in 0..n {
        if let Some(b) = t.checked_sub(2) {
            let r = &view.rows[b];
            if r.kind != RowKind::Section
                && (blocked[b] || r.kind != RowKind::Line || parts[b].is_some())
            {
                barrier = Some(b);
            }
        }
        if steps > MAX_SEARCH_STEPS {
            let r = &view.rows[t];
            sink.push(
                &rules::SUM_UNCHECKED,
                Severity::Warning,
                at_row(view, r, None),
                "every total checked",
                format!("stopped after {MAX_SEARCH_STEPS} steps"),
                format!(
                    "column totals from '{}' (row {}) down were not checked: the table has more \
                     totals than the search for their rows can afford",
                    r.label,
                    t + 1
                ),
            );
            return;
        }
        let kind = view.rows[t].kind;
        let labelled = kind.is_total();
        if !labelled && kind != RowKind::Unlabelled {
            if kind == RowKind::Line {
                if let Some(p) = &prefix {
                    steps += implicit_subtotal(view, t, &cols, &mut parts, barrier, p);
                }
            }
            continue;
        }
        let tcols: Vec<usize> =
            cols.iter().copied().filter(|&c| total_cell(&view.rows[t], c).is_some()).collect();
        if tcols.is_empty() {
            continue;
        }
        // Items for a start are the flattened rows from that start on: the same rows for every
        // start, cut shorter, so the sums are kept running as the start moves up.
        let lo = last_blocked.map_or(0, |b| b + 1);
        let flat = flatten(view, lo, t, &parts);
        steps += t - lo;
        let mut running: Vec<Running> = tcols
            .iter()
            .map(|&c| {
                Running::new(total_cell(&view.rows[t], c).unwrap_or(Num::new(Decimal::ZERO, 0)))
            })
            .collect();
        let mut k = flat.len();
        let mut search = Search::default();
        let mut full: Option<usize> = None;
        for start in (lo..t).rev() {
            budget::tick();
            steps += 1;
            // A start that adds no item leaves the sums (and the verdict) as they were.
            if k == 0 || flat[k - 1] != start {
                continue;
            }
            k -= 1;
            steps += tcols.len();
            for (run, &c) in running.iter_mut().zip(&tcols) {
                run.add(term(&view.rows[start], c));
            }
            if flat.len() - k < 2 {
                continue;
            }
            let out = running.iter().zip(&tcols).filter_map(|(run, &c)| run.outcome(c)).collect();
            if let Some(out) = search.offer(k, out) {
                let items = flat[k..].to_vec();
                report_rounding(view, t, &out, &items, sink);
                full = Some(k);
                break;
            }
        }
        if let Some(k) = full {
            parts[t] = Some(flat[k..].to_vec());
            continue;
        }
        blocked[t] = true;
        let blocked_before = last_blocked;
        last_blocked = Some(t);
        let Some(found) = search.closest(|k| flat[k..].to_vec()) else { continue };
        let clear_above = blocked_before.is_none();
        if let Some(items) =
            judge(view, t, &tcols, found, last_valued, clear_above, &parts, &blocked, sink)
        {
            parts[t] = Some(items);
            blocked[t] = false;
            last_blocked = blocked_before;
        }
    }
}

/// The search for the rows of one total, candidate ranges offered from the nearest start up,
/// each known by a key `K` (where its rows start).
struct Search<K> {
    /// The closest candidate so far: (non-zero columns that hold, columns that hold, key,
    /// outcomes).
    best: Option<(usize, usize, K, Vec<Outcome>)>,
}

impl<K> Default for Search<K> {
    fn default() -> Self {
        Search { best: None }
    }
}

impl<K> Search<K> {
    /// Weighs a candidate: returns its outcomes when it makes the total in every column (one of
    /// them non-zero), which ends the search; otherwise keeps it when it holds in as many
    /// non-zero columns, then columns, as the closest so far (the higher start wins a tie).
    fn offer(&mut self, key: K, out: Vec<Outcome>) -> Option<Vec<Outcome>> {
        if out.is_empty() {
            return None;
        }
        let holds = out.iter().filter(|o| o.severity != Some(Severity::Error)).count();
        let nonzero = out
            .iter()
            .filter(|o| o.severity != Some(Severity::Error) && !o.actual.is_zero())
            .count();
        if holds == out.len() && nonzero > 0 {
            return Some(out);
        }
        let better = match &self.best {
            None => true,
            Some((bn, bh, _, _)) => (nonzero, holds) >= (*bn, *bh),
        };
        if better {
            self.best = Some((nonzero, holds, key, out));
        }
        None
    }

    /// The closest candidate, its rows given by `items` from its key.
    fn closest(self, items: impl FnOnce(K) -> Vec<usize>) -> Option<Closest> {
        let (nonzero, holds, key, out) = self.best?;
        Some(Closest { nonzero, holds, items: items(key), out })
    }
}

/// The range of rows the search found closest to making a total: non-zero columns that hold,
/// columns that hold, its rows, and the outcome in each column.
struct Closest {
    nonzero: usize,
    holds: usize,
    items: Vec<usize>,
    out: Vec<Outcome>,
}

/// The verdict on total `t` once the search is done and no range makes it in every column:
/// reports what the evidence allows and returns the rows that make the total when it is taken
/// as explained (so later totals sum it in their place), or `None` when it stays unresolved.
/// `clear_above`: no total above was left unresolved.
#[allow(clippy::too_many_arguments)]
fn judge(
    view: &View,
    t: usize,
    tcols: &[usize],
    found: Closest,
    last_valued: Option<usize>,
    clear_above: bool,
    parts: &[Option<Vec<usize>>],
    blocked: &[bool],
    sink: &mut Sink,
) -> Option<Vec<usize>> {
    let Closest { nonzero, holds, items, out } = found;
    let labelled = view.rows[t].kind.is_total();
    let fails = out.len() - holds;
    let r = &view.rows[t];
    // The document states the relation by a total label; the table supports it when the
    // same rows make the total in at least as many columns as they miss it.
    let by_columns = nonzero >= 1 && holds >= fails;
    // When no block is supported, rows that are not one block (three named lines further
    // up) may make the total in every column: then the total is explained.
    if labelled
        && !by_columns
        && let Some(sub) = named_lines(view, t, tcols, blocked)
    {
        return Some(sub);
    }
    // A plain `Total` closing a simple list is taken to total every row above, as long as it
    // is near their sum: a total far from it (over a tenth off) more likely totals rows
    // that are not all listed (wards "with 7 or more", say). It is confirmed when the other
    // totals of the table reconcile.
    let near = out
        .iter()
        .all(|o| (o.actual.value - o.expected).abs() * Decimal::TEN <= o.actual.value.abs());
    let simple = labelled
        && near
        && is_plain_total(&r.label)
        && Some(t) == last_valued
        && clear_above
        && items == flatten(view, 0, t, parts);
    let stated = if labelled {
        format!("total label '{}'", r.label)
    } else {
        "not stated: the row has no total label".to_string()
    };
    let relation = format!("'{}' = {}", label_of(r), components(view, &items));
    let by_cols = Evidence {
        relation: relation.clone(),
        stated_by: stated.clone(),
        over: "columns".into(),
        tested: out.len() as u32,
        held: holds as u32,
    };
    if labelled && by_columns {
        report(view, t, &out, &items, Severity::Error, &by_cols, sink);
    } else if simple {
        // Other totals of the table: how many were searched and how many reconcile.
        let others = (0..t).filter(|&i| view.rows[i].kind.is_total() || parts[i].is_some());
        let (tested, held) =
            others.fold((0u32, 0u32), |(a, b), i| (a + 1, b + u32::from(parts[i].is_some())));
        let cap = if held >= 1 { Severity::Error } else { Severity::Warning };
        let ev = Evidence { relation, stated_by: stated, over: "totals".into(), tested, held };
        report(view, t, &out, &items, cap, &ev, sink);
    } else if !labelled && nonzero >= 2 && holds >= fails * 2 {
        report(view, t, &out, &items, Severity::Warning, &by_cols, sink);
    } else {
        if labelled {
            sink.push(
                &rules::SUM_UNRECONCILED,
                Severity::Warning,
                At { evidence: Some(by_cols), ..at_row(view, r, None) },
                "a sum of the rows above",
                "no range of rows above sums to it",
                format!(
                    "'{}' is labelled as a total but matches no sum of the rows above ({})",
                    r.label,
                    if nonzero == 0 && holds == out.len() {
                        "the closest range matches only where every figure is zero".to_string()
                    } else {
                        format!("the closest range makes it in {holds} of {} columns", out.len())
                    }
                ),
            );
        }
        return None;
    }
    Some(items)
}

/// The largest number of rows a total is searched among for rows that are not one block.
const NAMED_LINES_MAX: usize = 12;

/// Rows above a total that make it in every column with a figure, though they are not one block
/// (a "TOTAL Savings for delivery" that is the sum of three named lines further up, with other
/// lines between). Searched among the nearest valued rows back to the last unresolved total, and
/// only for totals with figures in at least three columns (fewer could match by chance).
fn named_lines(view: &View, t: usize, tcols: &[usize], blocked: &[bool]) -> Option<Vec<usize>> {
    let nonzero = tcols
        .iter()
        .filter(|&&c| total_cell(&view.rows[t], c).is_some_and(|n| !n.is_zero()))
        .count();
    if nonzero < 3 {
        return None;
    }
    // Every valued row, subtotals and the rows they total alike: the named lines may sit inside
    // a block another total already covers.
    let start = (0..t).rev().find(|&i| blocked[i]).map_or(0, |i| i + 1);
    let all: Vec<usize> = (start..t)
        .filter(|&i| view.rows[i].kind != RowKind::Section && view.rows[i].has_values())
        .collect();
    let cands: Vec<usize> = all[all.len().saturating_sub(NAMED_LINES_MAX)..].to_vec();
    let n = cands.len();
    if n < 3 {
        return None;
    }
    // Column by column, so most sets fail on the first and cost little.
    let holds = |set: &[usize], c: usize| -> bool {
        let Some(actual) = total_cell(&view.rows[t], c) else { return true };
        let mut sum = Decimal::ZERO;
        let mut tol = actual.half_unit();
        for &i in set {
            match term(&view.rows[i], c) {
                Some((v, h)) => {
                    sum += v;
                    tol += h;
                }
                None => return false,
            }
        }
        classify(actual.value - sum, tol) != Some(Severity::Error)
    };
    for mask in 1u32..(1 << n) {
        if mask.count_ones() < 2 {
            continue;
        }
        let set: Vec<usize> = (0..n).filter(|&k| mask & (1 << k) != 0).map(|k| cands[k]).collect();
        if tcols.iter().all(|&c| holds(&set, c)) {
            return Some(set);
        }
    }
    None
}

fn label_of(r: &VRow) -> &str {
    if r.label.is_empty() { "(unlabelled total)" } else { &r.label }
}

/// The sum, tolerance and readability of one column over a growing set of rows.
struct Running {
    actual: Num,
    sum: Decimal,
    tol: Decimal,
    /// A row of the set has text in this column: the column is not checked.
    bad: bool,
}

impl Running {
    fn new(actual: Num) -> Running {
        Running { actual, sum: Decimal::ZERO, tol: actual.half_unit(), bad: false }
    }

    fn add(&mut self, term: Option<(Decimal, Decimal)>) {
        match term {
            Some((v, h)) => {
                self.sum += v;
                self.tol += h;
            }
            None => self.bad = true,
        }
    }

    fn outcome(&self, col: usize) -> Option<Outcome> {
        (!self.bad).then(|| Outcome {
            col,
            expected: self.sum,
            actual: self.actual,
            severity: classify(self.actual.value - self.sum, self.tol),
        })
    }
}

/// Running column sums over the rows of a table (section headings left out), so that the sum of
/// any range is a difference, and each sum's positions by value, so that a range with a given sum
/// is looked up rather than searched for.
struct Prefix {
    /// `sums[k][i]`: the sum of column `cols[k]` over the rows before `i`.
    sums: Vec<Vec<Decimal>>,
    /// `bad[k][i]`: rows before `i` whose cell in column `cols[k]` is text.
    bad: Vec<Vec<u32>>,
    /// Rows before `i` that are not section headings.
    rows: Vec<u32>,
    /// Positions `i` by the value of `sums[k][i]`, ascending.
    at: Vec<std::collections::HashMap<Decimal, Vec<usize>>>,
    /// Column index to position in `sums`.
    slot: Vec<Option<usize>>,
}

impl Prefix {
    /// `None` when a running sum overflows (unlabelled subtotals are then not looked for).
    fn new(view: &View, cols: &[usize]) -> Option<Prefix> {
        let n = view.rows.len();
        let mut sums = vec![Vec::with_capacity(n + 1); cols.len()];
        let mut bad = vec![Vec::with_capacity(n + 1); cols.len()];
        let mut rows = Vec::with_capacity(n + 1);
        let mut at = vec![std::collections::HashMap::new(); cols.len()];
        let mut slot = vec![None; view.columns.len()];
        for (k, &c) in cols.iter().enumerate() {
            slot[c] = Some(k);
            let (mut s, mut b) = (Decimal::ZERO, 0u32);
            for i in 0..=n {
                sums[k].push(s);
                bad[k].push(b);
                at[k].entry(s).or_insert_with(Vec::new).push(i);
                let Some(r) = view.rows.get(i) else { break };
                if r.kind == RowKind::Section {
                    continue;
                }
                match term(r, c) {
                    Some((v, _)) => s = s.checked_add(v)?,
                    None => b += 1,
                }
            }
        }
        let mut count = 0u32;
        for i in 0..=n {
            rows.push(count);
            if view.rows.get(i).is_some_and(|r| r.kind != RowKind::Section) {
                count += 1;
            }
        }
        Some(Prefix { sums, bad, rows, at, slot })
    }
}

/// A line row that equals the sum of the two or more line rows just above it, exactly, in every
/// column where it has a value (at least two of them non-zero), is an unlabelled subtotal (for
/// example `Independent` = pre-16 + post-16). The nearest such run of rows is taken; it may not
/// reach past `barrier` (a heading, a total, or a row already summed). Returns the steps taken.
fn implicit_subtotal(
    view: &View,
    t: usize,
    cols: &[usize],
    parts: &mut [Option<Vec<usize>>],
    barrier: Option<usize>,
    prefix: &Prefix,
) -> usize {
    let row = &view.rows[t];
    let tcols: Vec<(usize, Num)> =
        cols.iter().filter_map(|&c| Some((prefix.slot[c]?, total_cell(row, c)?))).collect();
    if tcols.iter().filter(|(_, n)| !n.is_zero()).count() < 2 || t < 2 {
        return 1;
    }
    let Some(&(k0, first)) = tcols.iter().find(|(_, n)| !n.is_zero()) else { return 1 };
    // A start `s` sums to the total in the first non-zero column when the running sum before
    // `s` is the running sum before `t` less the total.
    let Some(target) = prefix.sums[k0][t].checked_sub(first.value) else { return 1 };
    let Some(starts) = prefix.at[k0].get(&target) else { return 1 };
    let below = starts.partition_point(|&s| s <= t - 2);
    let mut steps = 1;
    for &s in starts[..below].iter().rev().take(MAX_SUBTOTAL_CANDIDATES) {
        steps += tcols.len();
        if barrier.is_some_and(|b| s <= b) {
            break;
        }
        if view.rows[s].kind == RowKind::Section || prefix.rows[t] - prefix.rows[s] < 2 {
            continue;
        }
        let holds = tcols.iter().all(|&(k, actual)| {
            prefix.bad[k][t] == prefix.bad[k][s]
                && prefix.sums[k][t].checked_sub(prefix.sums[k][s]) == Some(actual.value)
        });
        if holds {
            parts[t] = Some((s..t).filter(|&i| view.rows[i].kind != RowKind::Section).collect());
            break;
        }
    }
    steps
}

pub(super) fn at_row(view: &View, r: &VRow, column: Option<String>) -> At {
    At {
        location: r.location.clone(),
        table: Some(view.id.clone()),
        row: Some(if r.label.is_empty() { "(unlabelled total)".into() } else { r.label.clone() }),
        column,
        evidence: None,
        row_index: Some(r.index),
    }
}

fn components(view: &View, items: &[usize]) -> String {
    let labels: Vec<String> = items
        .iter()
        .map(|&i| {
            let l = &view.rows[i].label;
            if l.is_empty() { format!("row {}", i + 1) } else { l.clone() }
        })
        .collect();
    if labels.len() > 6 {
        format!("{} rows from '{}' to '{}'", labels.len(), labels[0], labels[labels.len() - 1])
    } else {
        labels.join(" + ")
    }
}

fn report(
    view: &View,
    t: usize,
    out: &[Outcome],
    items: &[usize],
    cap: Severity,
    evidence: &Evidence,
    sink: &mut Sink,
) {
    let r = &view.rows[t];
    let why = match (cap, evidence.over.as_str()) {
        (Severity::Error, "columns") => format!(
            "; the same rows make the total in {} of {} columns",
            evidence.held, evidence.tested
        ),
        (Severity::Error, _) => format!(
            "; {} of {} other totals of the table reconcile",
            evidence.held, evidence.tested
        ),
        (_, "columns") => format!(
            "; not confirmed ({}; the rows make it in {} of {} columns)",
            evidence.stated_by, evidence.held, evidence.tested
        ),
        _ => "; not confirmed: no other column or total of the table reconciles".to_string(),
    };
    for o in out {
        let Some(sev) = o.severity else { continue };
        let sev = sev.min(cap);
        let header = view.columns[o.col].header.clone();
        let rule: &Rule = &rules::SUM_COLUMN;
        sink.push(
            rule,
            sev,
            At { evidence: Some(evidence.clone()), ..at_row(view, r, Some(header.clone())) },
            show(o.expected),
            show(o.actual.value),
            format!(
                "'{}' in column '{}' is {} but {} sums to {} (difference {}){}",
                r.label,
                header,
                show(o.actual.value),
                components(view, items),
                show(o.expected),
                show(o.actual.value - o.expected),
                if sev == Severity::Rounding { "" } else { why.as_str() }
            ),
        );
    }
}

fn report_rounding(view: &View, t: usize, out: &[Outcome], items: &[usize], sink: &mut Sink) {
    let r = &view.rows[t];
    let evidence = Evidence {
        relation: format!("'{}' = {}", label_of(r), components(view, items)),
        stated_by: if r.kind.is_total() {
            format!("total label '{}'", r.label)
        } else {
            "not stated: the row has no total label".into()
        },
        over: "columns".into(),
        tested: out.len() as u32,
        held: out.len() as u32,
    };
    for o in out.iter().filter(|o| o.severity == Some(Severity::Rounding)) {
        let header = view.columns[o.col].header.clone();
        sink.push(
            &rules::SUM_COLUMN,
            Severity::Rounding,
            At { evidence: Some(evidence.clone()), ..at_row(view, r, Some(header.clone())) },
            show(o.expected),
            show(o.actual.value),
            format!(
                "'{}' in column '{}' differs from the sum of its rows by {}, within the printed precision",
                r.label,
                header,
                show(o.actual.value - o.expected)
            ),
        );
    }
}

#[cfg(test)]
#[path = "sums_reference.rs"]
mod reference;

#[cfg(test)]
#[path = "sums_tests.rs"]
mod tests;
