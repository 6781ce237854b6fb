//! Segmentation: a layout into a [`Pack`] (meeting, agenda items, sections, minutes, reports).
//!
//! Everything here works on generic layout lines (text, page, source line or bounding box), so
//! the same code segments text renderings and PDF layouts:
//!
//! * [`meeting`]: the front sheet's body, date, time, venue, summons date, contact, membership;
//! * [`agenda`]: numbered agenda items with page ranges, part, decision numbers;
//! * [`minutes`]: minutes of earlier meetings (attendance, minute items, resolutions);
//! * [`reports`]: report cover sheets (From/To/Subject/...);
//! * [`sections`]: the section map covering the document, and the page map.

mod agenda;
mod meeting;
mod minutes;
pub mod people;
mod reports;
mod sections;

use crate::model::layout::{Stamp, StampKind};
use crate::model::{BBox, Layout, Location, Pack, SourceKind};
pub(crate) use grammars::amount::unbullet;
use grammars::dates::{find_time, find_written_date, parse_written_date};

/// The first date in `s` with its month in words (`Monday, 26th June, 2017`), as `YYYY-MM-DD`.
pub(crate) fn first_date(s: &str) -> Option<String> {
    find_written_date(s).map(|d| d.iso)
}

/// The first clock time in `s` (`10.00 am`, `2pm`, `14:00`, `noon`), as 24-hour `HH:MM`.
pub(crate) fn first_time(s: &str) -> Option<String> {
    find_time(s).map(|t| t.hhmm)
}

/// True when the line is only a date (with an optional weekday), as at the foot of a summons.
pub(crate) fn is_date_line(s: &str) -> bool {
    parse_written_date(s).is_some()
}

/// A line of the document as segmentation sees it.
#[derive(Debug, Clone)]
pub(crate) struct DLine<'a> {
    /// Text trimmed of surrounding whitespace (table cells still joined by TAB), borrowed from
    /// the layout (a 200 MB rendering is not copied again).
    pub text: &'a str,
    pub page: u32,
    pub source_line: Option<u32>,
    pub bbox: Option<BBox>,
    pub bold: bool,
    pub heading: Option<u8>,
}

/// The whole document as a flat list of lines, with the stamps placed on them.
#[derive(Debug, Clone)]
pub(crate) struct Doc<'a> {
    pub lines: Vec<DLine<'a>>,
    pub pdf: bool,
    /// Stamps with the index of the line they sit on (or the first line of their page).
    pub stamps: Vec<(usize, Stamp)>,
}

impl<'a> Doc<'a> {
    pub fn new(layout: &'a Layout) -> Doc<'a> {
        let mut lines = Vec::new();
        let mut stamps = Vec::new();
        for page in &layout.pages {
            let first = lines.len();
            for l in &page.lines {
                lines.push(DLine {
                    text: l.text.trim(),
                    page: page.number,
                    source_line: l.source_line,
                    bbox: l.bbox,
                    bold: l.is_bold(),
                    heading: l.heading,
                });
            }
            let page_lines = &lines[first..];
            // A text rendering's lines come in source order: found by halving, not by a walk per
            // stamp (a rendering can have a stamp every few lines).
            let sorted = page_lines.windows(2).all(|w| w[0].source_line <= w[1].source_line);
            for s in &page.stamps {
                let at = match s.location.line {
                    Some(n) if sorted => page_lines
                        .binary_search_by_key(&Some(n), |l| l.source_line)
                        .map_or(first, |i| first + i),
                    Some(n) => page_lines
                        .iter()
                        .position(|l| l.source_line == Some(n))
                        .map_or(first, |i| first + i),
                    None => first,
                };
                stamps.push((at.min(lines.len().saturating_sub(1)), s.clone()));
            }
        }
        stamps.sort_by_key(|(i, _)| *i);
        Doc { lines, pdf: layout.source == SourceKind::Pdf, stamps }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn text(&self, i: usize) -> &str {
        self.lines.get(i).map_or("", |l| l.text)
    }

    pub fn is_blank(&self, i: usize) -> bool {
        self.text(i).is_empty()
    }

    /// The location of lines `a..=b`.
    pub fn loc(&self, a: usize, b: usize) -> Location {
        let (Some(first), Some(last)) = (self.lines.get(a), self.lines.get(b.max(a))) else {
            return Location::default();
        };
        let mut loc = Location {
            line: first.source_line,
            line_end: last.source_line.or(first.source_line),
            ..Location::default()
        };
        if self.pdf {
            loc.page = Some(first.page);
            loc.page_end = (last.page != first.page).then_some(last.page);
            if a == b {
                loc.bbox = first.bbox;
            }
        }
        loc
    }

    /// Line indices of the stamps of one kind.
    pub fn stamp_lines(&self, kind: StampKind) -> Vec<usize> {
        self.stamps.iter().filter(|(_, s)| s.kind == kind).map(|(i, _)| *i).collect()
    }

    /// The next non-blank line at or after `i`, looking at most `max` lines ahead.
    pub fn next_nonblank(&self, i: usize, max: usize) -> Option<usize> {
        (i..self.len().min(i + max + 1)).find(|&j| !self.is_blank(j))
    }
}

/// Upper-case text in title case, keeping short joining words lower case
/// ("EDUCATION AND YOUNG PEOPLE'S SERVICES" -> "Education and Young People's Services").
pub(crate) fn title_case(s: &str) -> String {
    const SMALL: &[&str] =
        &["and", "of", "the", "for", "in", "on", "to", "a", "an", "at", "by", "with"];
    let mut out = Vec::new();
    for (i, w) in s.split_whitespace().enumerate() {
        let lower = w.to_lowercase();
        if i > 0 && SMALL.contains(&lower.as_str()) {
            out.push(lower);
            continue;
        }
        let mut cs = lower.chars();
        let word = match cs.next() {
            Some(c) => c.to_uppercase().collect::<String>() + cs.as_str(),
            None => String::new(),
        };
        out.push(word);
    }
    out.join(" ")
}

/// True when the letters of `s` are all upper case (and there are at least three).
pub(crate) fn is_upper(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
}

/// Decision numbers such as `17/00013` (also printed `17 00024`), as `NN/NNNNN`, by the grammar
/// every stage uses ([`grammars::agenda::find_decision_numbers`]), repeats next to each other
/// once.
pub(crate) fn decision_numbers(s: &str) -> Vec<String> {
    let mut v: Vec<String> =
        grammars::agenda::find_decision_numbers(s).into_iter().map(|d| d.number).collect();
    v.dedup();
    v
}

/// Segments a document.
pub fn segment(layout: &Layout) -> Pack {
    let doc = Doc::new(layout);
    if doc.len() == 0 {
        return Pack::default();
    }
    let blocks = minutes::find_blocks(&doc);
    let covers = reports::find_covers(&doc);
    let blank_pages = doc.stamp_lines(StampKind::BlankPage);
    let front_end =
        [blocks.first().map(|b| b.start), covers.first().copied(), blank_pages.first().copied()]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(doc.len())
            .max(1);

    let meeting = meeting::meeting(&doc, front_end);
    let membership = meeting::membership(&doc, front_end);
    let agenda_items = agenda::items(&doc, front_end);
    let cover_items: Vec<Option<String>> =
        covers.iter().map(|&c| reports::match_item(&doc, c, &agenda_items)).collect();
    let built = sections::build(&doc, front_end, &blocks, &covers, &cover_items, &agenda_items);
    let minutes = minutes::parse(&doc, &blocks, &built.boundaries);
    let reports = reports::parse(&doc, &covers, &cover_items, &built.boundaries);
    Pack {
        meeting,
        membership,
        agenda_items,
        sections: built.sections,
        minutes,
        reports,
        page_map: sections::page_map(&doc),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_keeps_small_words() {
        assert_eq!(
            title_case("EDUCATION AND YOUNG PEOPLE'S SERVICES CABINET COMMITTEE"),
            "Education and Young People's Services Cabinet Committee"
        );
        assert_eq!(
            title_case("CHILDREN'S, YOUNG PEOPLE AND EDUCATION"),
            "Children's, Young People and Education"
        );
    }

    #[test]
    fn decision_number_forms() {
        assert_eq!(
            decision_numbers("3. 17 00024 Proposal; see 16/00114 and 24/00072"),
            ["17/00024", "16/00114", "24/00072"]
        );
        assert!(decision_numbers("Tel: 03000 416824").is_empty());
    }
}
