//! Page furniture in text renderings: `Page N` stamps (alone, glued to prose, or in a table's
//! first cell), "This page is intentionally left blank" and "Agenda Item N" stamps.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::layout::StampKind;

/// A stamp found in a piece of text, and the character range of the text to keep.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub kind: StampKind,
    /// The stamp as printed ("Page 90").
    pub text: String,
    /// The printed value ("90").
    pub value: String,
    /// Characters `keep.0..keep.1` of the input remain once the stamp is removed.
    pub keep: (usize, usize),
}

static WHOLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(Page\s+(\d{1,4}))\s*$").expect("valid regex"));
static SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.*\S)\s+(Page\s+(\d{1,4}))\s*$").expect("valid regex"));
static PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(Page\s+(\d{1,4}))\s+(\S.*)$").expect("valid regex"));
static BLANK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*this\s+page\s+(is\s+)?intentionally\s+(left\s+)?blank\.?\s*$")
        .expect("valid regex")
});
static AGENDA_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(Agenda\s+Item\s+([A-Z]?\d{1,3}[a-z]?))\s*$").expect("valid regex")
});

fn chars_before(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

fn found(kind: StampKind, text: &str, value: &str, keep: (usize, usize)) -> Found {
    Found { kind, text: text.to_string(), value: value.to_string(), keep }
}

/// A stamp in a line of prose: the whole line, or `Page N` glued to its end.
pub fn in_line(s: &str) -> Option<Found> {
    if !s.contains("Page") && !s.contains("page") && !s.contains("Agenda") {
        return None;
    }
    if let Some(c) = WHOLE.captures(s) {
        return Some(found(StampKind::PageNumber, &c[1], &c[2], (0, 0)));
    }
    if BLANK.is_match(s) {
        return Some(found(StampKind::BlankPage, s.trim(), "", (0, 0)));
    }
    if let Some(c) = AGENDA_ITEM.captures(s) {
        return Some(found(StampKind::AgendaItem, &c[1], &c[2], (0, 0)));
    }
    if let Some(c) = SUFFIX.captures(s) {
        let keep_end = c.get(1).map(|m| chars_before(s, m.end())).unwrap_or(0);
        return Some(found(StampKind::PageNumber, &c[2], &c[3], (0, keep_end)));
    }
    None
}

static FOLIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*page\s+\d{1,4}(\s+of\s+\d{1,4})?\s*$").expect("valid regex")
});

/// Whether a line is a page's folio alone, "Page N" or "Page N of M": page furniture wherever
/// the page sets it (Word footers stand well above the page's edge).
pub fn is_folio(s: &str) -> bool {
    FOLIO.is_match(s)
}

/// A `Page N` stamp in a table's first cell: the whole cell, a prefix or a suffix.
pub fn in_cell(s: &str) -> Option<Found> {
    if !s.contains("Page") {
        return None;
    }
    if let Some(c) = WHOLE.captures(s) {
        return Some(found(StampKind::PageNumber, &c[1], &c[2], (0, 0)));
    }
    if let Some(c) = PREFIX.captures(s) {
        let start = c.get(3).map(|m| chars_before(s, m.start())).unwrap_or(0);
        return Some(found(StampKind::PageNumber, &c[1], &c[2], (start, s.chars().count())));
    }
    if let Some(c) = SUFFIX.captures(s) {
        let keep_end = c.get(1).map(|m| chars_before(s, m.end())).unwrap_or(0);
        return Some(found(StampKind::PageNumber, &c[2], &c[3], (0, keep_end)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_alone_and_glued() {
        let f = in_line("Page 47").expect("stamp");
        assert_eq!((f.value.as_str(), f.keep), ("47", (0, 0)));
        let f = in_line("Page 148  ").expect("stamp");
        assert_eq!(f.value, "148");
        let s = "…local development plan. Page 90";
        let f = in_line(s).expect("stamp");
        assert_eq!(f.value, "90");
        assert_eq!(s.chars().take(f.keep.1).collect::<String>(), "…local development plan.");
        assert!(in_line("on page 184 of the agenda pack").is_none());
        assert!(in_line("Page").is_none());
    }

    #[test]
    fn a_folio_is_page_furniture_wherever_it_stands() {
        assert!(is_folio("Page 17 of 54"));
        assert!(is_folio("  page 7 "));
        assert!(!is_folio("Page 17 of the report"));
        assert!(!is_folio("See page 17"));
    }

    #[test]
    fn blank_and_agenda_item() {
        assert_eq!(
            in_line("This page is intentionally left blank").map(|f| f.kind),
            Some(StampKind::BlankPage)
        );
        assert_eq!(
            in_line("This page is intentionally blank").map(|f| f.kind),
            Some(StampKind::BlankPage)
        );
        let f = in_line("Agenda Item 20").expect("stamp");
        assert_eq!((f.kind, f.value.as_str()), (StampKind::AgendaItem, "20"));
    }

    #[test]
    fn cells() {
        let f = in_cell("Page 352 SEND").expect("stamp");
        assert_eq!(f.value, "352");
        assert_eq!("Page 352 SEND".chars().skip(f.keep.0).collect::<String>(), "SEND");
        let f = in_cell("CPE Page 88").expect("stamp");
        assert_eq!(
            ("CPE Page 88".chars().take(f.keep.1).collect::<String>(), f.value),
            ("CPE".into(), "88".into())
        );
        let f = in_cell("Page 22").expect("stamp");
        assert_eq!(f.keep, (0, 0));
        assert!(in_cell("Pages of text").is_none());
    }
}
