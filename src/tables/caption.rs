//! Captions: the title line just above a table ("Table 1a: Directorate revenue position",
//! "APPENDIX E - 2025-26 Proposed Budget by Directorate").
//!
//! The nearest text line ending within [`TableSettings::caption_max_distance_ratio`] line heights
//! above the table is its caption when it names a table, appendix, figure or annex, or is all bold,
//! and is at most [`TableSettings::caption_max_chars`] long.

use crate::model::{BBox, Page};

use super::settings::TableSettings;

/// The caption of a table with the given box on a page, if one is printed just above it.
pub fn caption(page: &Page, table: &BBox, s: &TableSettings) -> Option<String> {
    let mut best: Option<(f32, &crate::model::Line)> = None;
    for line in &page.lines {
        let Some(b) = line.bbox else { continue };
        if b.bottom > table.top + 1.0 || b.x1 < table.x0 || b.x0 > table.x1 {
            continue;
        }
        let h = b.height().max(1.0);
        let dist = table.top - b.bottom;
        if dist > s.caption_max_distance_ratio * h {
            continue;
        }
        if best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, line));
        }
    }
    let (_, line) = best?;
    let text = line.text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() || text.chars().count() > s.caption_max_chars {
        return None;
    }
    let lower = text.to_lowercase();
    let named = ["table", "appendix", "figure", "annex"]
        .iter()
        .any(|k| lower.split(|c: char| !c.is_alphanumeric()).any(|w| w == *k));
    (named || line.is_bold()).then_some(text)
}
