//! RAG summaries: counts of GREEN/AMBER/RED ratings and direction-of-travel arrows per section.
//!
//! Two shapes are read: a header row of rating and arrow columns (`G A R ↑ ↔ ↓`) with one row per
//! section (or a single unlabelled row whose section is the heading printed above the table), and
//! the transposed shape with one row per rating (`Green (on track)`, `Amber (some delays)`) and one
//! column per section.
//!
//! Zero is often printed as a blank cell, so a blank count under a rating column reads as 0 when
//! the row has any count at all.

use super::classify::is_rag_token;
use super::text::{self, Context};
use crate::model::Grid;
use crate::model::records::RagSummary;

#[derive(Clone, Copy, PartialEq)]
enum Slot {
    Green,
    Amber,
    Red,
    Up,
    Same,
    Down,
}

fn slot_of(s: &str) -> Option<Slot> {
    use grammars::rag::{Direction, Rag, parse_direction, parse_rating};
    let t = text::clean(s);
    let first = t.split_whitespace().next().unwrap_or("");
    if let Some(r) = parse_rating(first) {
        return Some(match r {
            Rag::Green => Slot::Green,
            Rag::Amber => Slot::Amber,
            Rag::Red => Slot::Red,
        });
    }
    let d = parse_direction(first).filter(|d| d.arrow)?;
    Some(match d.direction {
        Direction::Improving => Slot::Up,
        Direction::Unchanged => Slot::Same,
        Direction::Worsening => Slot::Down,
    })
}

fn count(s: &str) -> Option<u32> {
    let t = text::clean(s);
    if t.is_empty() || text::is_nil(&t) {
        return None;
    }
    t.parse::<u32>().ok()
}

fn put(s: &mut RagSummary, slot: Slot, v: Option<u32>) {
    let f = match slot {
        Slot::Green => &mut s.green,
        Slot::Amber => &mut s.amber,
        Slot::Red => &mut s.red,
        Slot::Up => &mut s.improving,
        Slot::Same => &mut s.unchanged,
        Slot::Down => &mut s.worsening,
    };
    *f = v;
}

/// True when every non-header cell right of the first column is blank or a whole number.
pub fn body_is_counts(g: &Grid) -> bool {
    let mut any = false;
    for r in g.rows.iter().skip(1) {
        for c in r.iter().skip(1) {
            let t = text::clean(&c.text);
            if t.is_empty() {
                continue;
            }
            if t.parse::<u32>().is_err() {
                return false;
            }
            any = true;
        }
    }
    any
}

/// True when the grid is a transposed RAG table (one row per rating).
pub fn is_transposed(g: &Grid) -> bool {
    let mut seen = Vec::new();
    for r in &g.rows {
        if let Some(s) = r.first().and_then(|c| slot_of(&c.text))
            && matches!(s, Slot::Green | Slot::Amber | Slot::Red)
            && r.iter().skip(1).any(|c| count(&c.text).is_some() || text::is_nil(&c.text))
            && !seen.contains(&(s as u8))
        {
            seen.push(s as u8);
        }
    }
    seen.len() == 3
}

/// The heading printed above a one-row summary ("Customer Services" above "KPI Summary").
fn heading_above(g: &Grid, ctx: &Context) -> Option<String> {
    for line in ctx.before(g, 8) {
        let cells: Vec<String> = line
            .split('\t')
            .map(|c| text::clean(c).into_owned())
            .filter(|c| !c.is_empty())
            .collect();
        if cells.len() == 1 {
            let t = &cells[0];
            let l = t.to_lowercase();
            if l.starts_with("cabinet member") || l.starts_with("corporate director") {
                continue;
            }
            if t.chars().count() <= 80 {
                return Some(t.clone());
            }
        }
    }
    None
}

/// Reads the RAG counts of a grid classified as a RAG summary.
pub fn rag_summaries(g: &Grid, ctx: &Context) -> Vec<RagSummary> {
    if is_transposed(g) {
        return transposed(g);
    }
    // The heading row: three ratings (with or without the arrows beside them).
    let Some(h) =
        g.rows.iter().position(|r| r.iter().filter(|c| is_rag_token(&c.text)).count() >= 3)
    else {
        return Vec::new();
    };
    let mut slots: Vec<Option<Slot>> = g.rows[h].iter().map(|c| slot_of(&c.text)).collect();
    // Arrow headings printed as images leave three blank headings after the ratings; KCC
    // reports order them improving, no change, worsening (the totals tie to the prose).
    let has_arrows =
        slots.iter().flatten().any(|s| matches!(s, Slot::Up | Slot::Same | Slot::Down));
    if !has_arrows && let Some(last) = slots.iter().rposition(|s| s.is_some()) {
        let blanks: Vec<usize> = (last + 1..slots.len())
            .filter(|&c| g.rows[h].get(c).is_some_and(|x| x.text.trim().is_empty()))
            .collect();
        if blanks.len() == 3 {
            for (c, s) in blanks.into_iter().zip([Slot::Up, Slot::Same, Slot::Down]) {
                slots[c] = Some(s);
            }
        }
    }
    let mut out = Vec::new();
    for (i, row) in g.rows.iter().enumerate().skip(h + 1) {
        let any = row
            .iter()
            .enumerate()
            .any(|(c, x)| slots.get(c).copied().flatten().is_some() && count(&x.text).is_some());
        if !any {
            continue;
        }
        let label = row.first().map(|c| text::clean(&c.text).into_owned()).unwrap_or_default();
        let section = if label.is_empty() || slots.first().copied().flatten().is_some() {
            heading_above(g, ctx).unwrap_or_default()
        } else {
            label
        };
        let location = g.row_locations.get(i).cloned().unwrap_or_else(|| g.location.clone());
        let mut s = RagSummary::new(&g.id, section, location);
        for (c, slot) in slots.iter().enumerate() {
            if let Some(slot) = slot {
                let v = row.get(c).and_then(|x| count(&x.text)).or(Some(0));
                put(&mut s, *slot, v);
            }
        }
        out.push(s);
    }
    out
}

fn transposed(g: &Grid) -> Vec<RagSummary> {
    let ncols = g.rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let header = &g.rows[0];
    let title = header.first().map(|c| text::clean(&c.text)).unwrap_or_default();
    let mut out = Vec::new();
    for c in 1..ncols {
        let col = header.get(c).map(|x| text::clean(&x.text)).unwrap_or_default();
        let section = if title.is_empty() {
            col.clone().into_owned()
        } else {
            format!("{} {}", title.trim_end_matches(':').trim(), col)
        };
        let mut s = RagSummary::new(&g.id, section, g.location.clone());
        let mut any = false;
        for r in &g.rows {
            if let Some(slot) = r.first().and_then(|x| slot_of(&x.text)) {
                let cell = r.get(c).map(|x| x.text.as_str()).unwrap_or("");
                let v = count(cell).or_else(|| text::is_nil(cell).then_some(0));
                any |= v.is_some();
                put(&mut s, slot, v);
            }
        }
        if any {
            out.push(s);
        }
    }
    out
}
