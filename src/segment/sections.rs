//! The section map: front sheet, minutes blocks, reports, appendices (labelled "Appendix N" or
//! following a "This page is intentionally left blank" page inside a report), covering the
//! document without overlap; and the page map from `Page N` stamps.

use std::sync::LazyLock;

use regex::Regex;

use super::Doc;
use super::minutes::Block;
use crate::model::layout::StampKind;
use crate::model::pack::{AgendaItem, PageMapping, Section, SectionKind};

static APPENDIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:appendix|annex)\s+(?:[A-Z]{1,2}|\d{1,2}(?:\.\d{1,2})?|[ivx]{1,5}|\([a-z]{1,4}\))(?:\s*\([a-z0-9]{1,4}\))?(?:\s*[:\-–.]|\s*$|\s+[A-Z])")
        .expect("valid regex")
});

/// Sections and the sorted line indices where sections start.
pub struct Built {
    pub sections: Vec<Section>,
    pub boundaries: Vec<usize>,
}

/// The last line of the section starting at `start`.
pub fn end_after(boundaries: &[usize], start: usize, len: usize) -> usize {
    boundaries.iter().find(|&&b| b > start).map_or(len.saturating_sub(1), |&b| b.saturating_sub(1))
}

fn clip(s: &str) -> String {
    let s = s.replace('\t', " ");
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 120 { s.chars().take(120).collect::<String>() + "…" } else { s }
}

fn is_appendix_heading(doc: &Doc, i: usize) -> bool {
    let t = doc.text(i);
    let t = t.trim_start_matches('#').trim();
    if t.contains('\t') || t.chars().count() > 110 || t.ends_with('.') && t.chars().count() > 40 {
        return false;
    }
    let prev_blank = i == 0 || doc.is_blank(i - 1);
    APPENDIX.is_match(t) && (prev_blank || doc.lines[i].bold || doc.lines[i].heading.is_some())
}

/// Builds the section map.
pub fn build(
    doc: &Doc,
    front_end: usize,
    blocks: &[Block],
    covers: &[usize],
    cover_items: &[Option<String>],
    items: &[AgendaItem],
) -> Built {
    let mut starts = fixed_starts(doc, blocks, covers, cover_items, items);
    let fixed: Vec<usize> = starts.iter().map(|s| s.0).collect();
    let first_cover = covers.first().copied().unwrap_or(doc.len());
    let mut extra = appendix_headings(doc, first_cover.max(front_end), &fixed);
    extra.extend(papers_after_minutes(doc, blocks, &fixed));
    let after_blanks = after_blank_pages(doc, first_cover, &fixed, &extra, &starts, items);
    extra.extend(after_blanks);
    starts.extend(extra);
    starts.sort_by_key(|s| s.0);
    starts.dedup_by_key(|s| s.0);
    sections_of(doc, starts, items)
}

/// Where a section starts: (line, kind, title, agenda item).
type Start = (usize, SectionKind, String, Option<String>);

/// The sections the segmenter found already, in line order: the front sheet (unless the document
/// opens with minutes or a cover), the minutes blocks and the reports' cover sheets.
fn fixed_starts(
    doc: &Doc,
    blocks: &[Block],
    covers: &[usize],
    cover_items: &[Option<String>],
    items: &[AgendaItem],
) -> Vec<Start> {
    let mut starts: Vec<Start> = Vec::new();
    let starts_elsewhere =
        blocks.first().is_some_and(|b| b.start == 0) || covers.first() == Some(&0);
    if !starts_elsewhere {
        starts.push((0, SectionKind::FrontSheet, "Agenda front sheet".into(), None));
    }
    let minutes_item = items
        .iter()
        .find(|it| it.title.to_lowercase().contains("minutes"))
        .map(|it| it.number.clone());
    for b in blocks {
        starts.push((
            b.start,
            SectionKind::Minutes,
            clip(doc.text(b.minutes_line)),
            minutes_item.clone(),
        ));
    }
    for (k, &c) in covers.iter().enumerate() {
        let subject = super::reports::subject_at(doc, c).unwrap_or_else(|| "Report".into());
        starts.push((
            c,
            SectionKind::Report,
            clip(&subject),
            cover_items.get(k).cloned().flatten(),
        ));
    }
    starts.sort_by_key(|s| s.0);
    starts
}

/// Appendices headed by a label, from line `from` on (not at a `fixed` start; a heading repeated
/// on the next pages is one appendix).
fn appendix_headings(doc: &Doc, from: usize, fixed: &[usize]) -> Vec<Start> {
    let mut extra: Vec<Start> = Vec::new();
    let mut last_title = String::new();
    for i in from..doc.len() {
        if fixed.contains(&i) {
            last_title.clear();
            continue;
        }
        if is_appendix_heading(doc, i) {
            let title = clip(doc.text(i).trim_start_matches('#').trim());
            if title != last_title {
                extra.push((i, SectionKind::Appendix, title.clone(), None));
                last_title = title;
            }
        }
    }
    extra
}

/// Papers without a cover sheet after minutes: they start at a top-level heading.
fn papers_after_minutes<'a>(
    doc: &'a Doc,
    blocks: &'a [Block],
    fixed: &'a [usize],
) -> impl Iterator<Item = Start> + 'a {
    blocks.iter().filter_map(|b| {
        let end = end_after(fixed, b.start, doc.len());
        let h = (b.minutes_line + 1..=end).find(|&i| doc.lines[i].heading == Some(1))?;
        Some((h, SectionKind::Other, clip(doc.text(h)), None))
    })
}

/// Attachments after a blank page inside the reports (not near a start found already): a paper
/// whose title names an agenda item no section has yet, or else an appendix.
fn after_blank_pages(
    doc: &Doc,
    first_cover: usize,
    fixed: &[usize],
    extra: &[Start],
    starts: &[Start],
    items: &[AgendaItem],
) -> Vec<Start> {
    let mut out: Vec<Start> = Vec::new();
    for b in doc.stamp_lines(StampKind::BlankPage) {
        let Some(next) = doc.next_nonblank(b + 1, 6) else { continue };
        if next < first_cover
            || fixed
                .iter()
                .chain(extra.iter().chain(&out).map(|e| &e.0))
                .any(|&f| f >= b && f <= next + 3)
        {
            continue;
        }
        // Papers without a cover sheet whose title names an agenda item not yet seen.
        let head: String =
            (next..doc.len().min(next + 4)).map(|j| doc.text(j)).collect::<Vec<_>>().join(" ");
        let taken = |n: &String| starts.iter().any(|s| s.3.as_ref() == Some(n));
        match super::reports::best_item(&head, items).filter(|n| !taken(n)) {
            Some(n) => out.push((next, SectionKind::Other, clip(doc.text(next)), Some(n))),
            None => out.push((next, SectionKind::Appendix, clip(doc.text(next)), None)),
        }
    }
    out
}

/// The sections from their starts (sorted, one a line): each runs to the next start; an appendix
/// belongs to the item of the paper before it.
fn sections_of(doc: &Doc, starts: Vec<Start>, items: &[AgendaItem]) -> Built {
    let boundaries: Vec<usize> = starts.iter().map(|s| s.0).collect();
    let mut assigned: Vec<Option<String>> = starts.iter().map(|s| s.3.clone()).collect();
    infer_items(&starts, &mut assigned, items);
    let mut sections: Vec<Section> = Vec::new();
    let mut current: Option<String> = None;
    for ((start, kind, title, _), item) in starts.into_iter().zip(assigned) {
        let item = match kind {
            SectionKind::Appendix => item.or_else(|| current.clone()),
            SectionKind::FrontSheet => None,
            _ => {
                current.clone_from(&item);
                item
            }
        };
        let end = end_after(&boundaries, start, doc.len());
        sections.push(Section { kind, title, agenda_item: item, location: doc.loc(start, end) });
    }
    Built { sections, boundaries }
}

/// A paper without a known agenda item between two papers with known items gets the one agenda
/// item with pages that lies between them.
fn infer_items(starts: &[Start], assigned: &mut [Option<String>], items: &[AgendaItem]) {
    let pos = |n: &str| items.iter().position(|it| it.number == n);
    for k in 0..starts.len() {
        if assigned[k].is_some() || !matches!(starts[k].1, SectionKind::Other | SectionKind::Report)
        {
            continue;
        }
        let prev = (0..k).rev().find_map(|j| assigned[j].as_deref().and_then(pos));
        let next = (k + 1..starts.len()).find_map(|j| assigned[j].as_deref().and_then(pos));
        let (Some(a), Some(b)) = (prev, next.or(Some(items.len()))) else { continue };
        let between: Vec<&AgendaItem> = items
            .iter()
            .enumerate()
            .filter(|(i, it)| *i > a && *i < b && it.pages.is_some())
            .map(|x| x.1)
            .collect();
        if let [only] = between.as_slice() {
            assigned[k] = Some(only.number.clone());
        }
    }
}

/// Printed page numbers from `Page N` stamps.
pub fn page_map(doc: &Doc) -> Vec<PageMapping> {
    doc.stamps
        .iter()
        .filter(|(_, s)| s.kind == StampKind::PageNumber)
        .filter_map(|(_, s)| {
            Some(PageMapping { printed: s.value.parse().ok()?, location: s.location.clone() })
        })
        .collect()
}
