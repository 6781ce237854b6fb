//! Table classification: what kind of table a grid holds.
//!
//! The decision looks at header words, the tokens in the cells (polarity letters, RAG words,
//! direction arrows) and how numeric the body is, never at how the grid was found, so it works the
//! same on grids read from text renderings and from PDFs.

use super::text::{self, Context};
use crate::model::Grid;

/// Scorecard layout: which trend periods the table carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiLayout {
    Monthly,
    Quarterly,
    Termly,
    Annual,
}

impl KpiLayout {
    pub fn name(self) -> &'static str {
        match self {
            KpiLayout::Monthly => "monthly",
            KpiLayout::Quarterly => "quarterly",
            KpiLayout::Termly => "termly",
            KpiLayout::Annual => "annual",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// A KPI scorecard (one indicator per row).
    Kpi(KpiLayout),
    /// A per-indicator detail box (latest, target, floor, previous).
    KpiDetail,
    /// A list of indicators with latest and previous RAG ratings.
    RagList,
    /// Counts of GREEN/AMBER/RED ratings (and arrows) per section.
    RagSummary,
    /// A budget or finance table of money values.
    Budget,
    Generic,
}

/// True for a polarity cell: `H`, `L` or `T` ([`grammars::rag::is_polarity_letter`]).
pub fn is_polarity(s: &str) -> bool {
    grammars::rag::is_polarity_letter(s)
}

/// True for a RAG word or letter alone, the whole cell ([`grammars::rag::parse_rating`]).
pub fn is_rag_token(s: &str) -> bool {
    grammars::rag::parse_rating(&text::clean(s)).is_some()
}

/// True for a direction-of-travel arrow, by the direction grammar ([`grammars::rag::parse_direction`]).
pub fn is_arrow(s: &str) -> bool {
    grammars::rag::parse_direction(s).is_some_and(|d| d.arrow)
}

/// The scorecard layout named by a title cell ("… Monthly Indicators").
pub fn layout_from_title(s: &str) -> Option<KpiLayout> {
    let l = s.to_lowercase();
    if l.contains("monthly") {
        Some(KpiLayout::Monthly)
    } else if l.contains("quarterly") {
        Some(KpiLayout::Quarterly)
    } else if l.contains("termly") {
        Some(KpiLayout::Termly)
    } else if l.contains("annual") {
        Some(KpiLayout::Annual)
    } else {
        None
    }
}

/// Classifies one grid.
pub fn classify(g: &Grid, ctx: &Context) -> TableKind {
    if g.rows.is_empty() {
        return TableKind::Generic;
    }
    if let Some(k) = kpi_kind(g) {
        return TableKind::Kpi(k);
    }
    if super::kpi::is_kpi_detail(g) {
        return TableKind::KpiDetail;
    }
    if super::kpi::is_rag_list(g) {
        return TableKind::RagList;
    }
    if is_rag_summary(g) {
        return TableKind::RagSummary;
    }
    if is_budget(g, ctx) {
        return TableKind::Budget;
    }
    TableKind::Generic
}

fn kpi_kind(g: &Grid) -> Option<KpiLayout> {
    let data_rows = g
        .rows
        .iter()
        .filter(|r| r.len() > 5 && is_polarity(&r[2].text) && !r[3].text.trim().is_empty())
        .count();
    if data_rows == 0 {
        return None;
    }
    let head: Vec<String> =
        g.rows.iter().take(4).flat_map(|r| r.iter().map(|c| c.text.to_lowercase())).collect();
    let has_polarity_header = head.iter().any(|t| t.contains("polarity"));
    let title = g.rows[0].first().map(|c| c.text.as_str()).unwrap_or("");
    let layout = layout_from_title(title).or_else(|| {
        // Fall back on the header words.
        head.iter().find_map(|t| {
            if t.contains("monthly") || t.contains("latest month") {
                Some(KpiLayout::Monthly)
            } else if t.contains("quarterly") || t.contains("latest quarter") {
                Some(KpiLayout::Quarterly)
            } else if t.contains("termly") || t.contains("latest term") {
                Some(KpiLayout::Termly)
            } else if t.contains("annual") || t.contains("latest year") {
                Some(KpiLayout::Annual)
            } else {
                None
            }
        })
    });
    if has_polarity_header || title.to_lowercase().contains("indicators") {
        return Some(layout.unwrap_or(KpiLayout::Monthly));
    }
    None
}

fn is_rag_summary(g: &Grid) -> bool {
    if super::rag::is_transposed(g) {
        return true;
    }
    for row in g.rows.iter().take(3) {
        let rag = row.iter().filter(|c| is_rag_token(&c.text)).count();
        let arrows = row.iter().filter(|c| is_arrow(&c.text)).count();
        if rag >= 3 && arrows >= 2 {
            return true;
        }
        // Arrows printed as images: the rating letters head columns of counts.
        let exact = row.iter().filter(|c| is_rag_token(&c.text)).count();
        if exact >= 3 && super::rag::body_is_counts(g) {
            return true;
        }
    }
    false
}

/// Words that mark a table as money.
const MONEY_WORDS: &[&str] = &[
    "budget",
    "variance",
    "outturn",
    "forecast",
    "cash limit",
    "spend",
    "saving",
    "funding",
    "expenditure",
    "income",
    "reserves",
    "balance",
    "borrowing",
    "investment",
    "capital",
    "revenue",
    "roll forward",
    "rephasing",
    "re-phasing",
    "exposure",
    "contribution",
    "grant",
    "cost",
    "dividend",
];

fn is_budget(g: &Grid, ctx: &Context) -> bool {
    // A money signal in the header rows, the caption, the text just above or the cells.
    let header_text: String = g
        .rows
        .iter()
        .take(g.header_rows.max(3).min(g.rows.len()))
        .flat_map(|r| r.iter().map(|c| c.text.as_str()))
        .collect::<Vec<_>>()
        .join(" ");
    let cell_money = g.rows.iter().flatten().any(|c| c.text.contains('£'));
    let above = ctx.before(g, 2).join(" ");
    let caption = g.caption.clone().unwrap_or_default();
    let lower = format!("{header_text} {caption}").to_lowercase();
    let money = cell_money
        || text::money_unit(&caption).is_some()
        || text::money_unit(&above).is_some()
        || MONEY_WORDS.iter().any(|w| lower.contains(w));
    if !money {
        return false;
    }
    // At least one column other than the first text column that is mostly numbers.
    let ncols = g.rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let mut numeric_cols = 0;
    let mut numeric_cells = 0;
    for c in 0..ncols {
        let mut nums = 0;
        let mut other = 0;
        for r in &g.rows {
            let t = r.get(c).map(|c| c.text.trim()).unwrap_or("");
            if t.is_empty() || text::is_nil(t) {
                continue;
            }
            if text::number(t).is_some() {
                nums += 1;
            } else {
                other += 1;
            }
        }
        if nums >= 1 && nums * 2 >= other {
            numeric_cols += 1;
            numeric_cells += nums;
        }
    }
    numeric_cols >= 1 && numeric_cells >= 2 || (cell_money && numeric_cells >= 1)
}
