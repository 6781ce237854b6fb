//! A flat view of a document's lines for the minutes and vote extractors: text, location and
//! a few cheap classifications shared by both.

use crate::model::{Layout, Location, SourceKind};

/// One line of the document with where it came from.
#[derive(Debug, Clone)]
pub(crate) struct Ln<'a> {
    /// The layout's text, copied only where a no-break space had to become a space.
    pub text: std::borrow::Cow<'a, str>,
    pub location: Location,
}

impl Ln<'_> {
    pub fn t(&self) -> &str {
        self.text.trim()
    }
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Every line in reading order. Text renderings locate by source line, PDFs by page and box.
pub(crate) fn flatten(layout: &Layout) -> Vec<Ln<'_>> {
    let mut out = Vec::new();
    for (page, line) in layout.lines() {
        let location = match (layout.source, line.source_line) {
            (SourceKind::Text, Some(n)) => Location::lines(n, n),
            _ => Location::page(page.number, line.bbox),
        };
        // Text renderings may carry several logical lines in one (rare); keep as one.
        let text = if line.text.contains('\u{a0}') {
            line.text.replace('\u{a0}', " ").into()
        } else {
            line.text.as_str().into()
        };
        out.push(Ln { text, location });
    }
    out
}

/// Strips a leading markdown bullet (`- `, `• `) from a trimmed line.
pub(crate) fn unbullet(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix("- ").or_else(|| s.strip_prefix("• ")).unwrap_or(s).trim_start()
}

/// A minute heading such as `23. Local Transport Plan 4` or `290.   Section 25 Report`,
/// returning the number and the title.
pub(crate) fn minute_heading(s: &str) -> Option<(u32, String)> {
    let s = grammars::amount::strip_markup(s);
    let s = s.trim();
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    let rest = s[digits.len()..].strip_prefix('.')?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let title = rest.trim();
    let first = title.chars().next()?;
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return None;
    }
    // A sentence ("1. Mr Adams presented the report which …") is a numbered paragraph.
    if title.len() > 300 || title.ends_with('.') && title.split_whitespace().count() > 8 {
        return None;
    }
    if grammars::votes::starts_with_title(title) {
        return None;
    }
    let n = digits.parse().ok()?;
    Some((n, title.to_string()))
}

/// The line that opens a set of minutes: "MINUTES of a meeting of …".
pub(crate) fn is_minutes_opening(s: &str) -> bool {
    let s = grammars::amount::strip_markup(s);
    let s = s.trim();
    s.starts_with("MINUTES of a meeting") || s.starts_with("MINUTES OF A MEETING")
}

/// A minute of one meeting: number, title, first and last line index (inclusive).
#[derive(Debug, Clone)]
pub(crate) struct MinuteSpan {
    pub number: String,
    pub title: String,
    pub first: usize,
    pub last: usize,
}

/// The minutes of one meeting: the opening line, the minute spans, and the meeting they
/// record (its date and body, from the opening sentence).
#[derive(Debug, Clone)]
pub(crate) struct MeetingSpan {
    pub opening: usize,
    pub end: usize,
    pub minutes: Vec<MinuteSpan>,
    /// `m1`, `m2` … in document order.
    pub id: String,
    /// ISO date of the meeting minuted.
    pub date: Option<String>,
    /// The body whose meeting it was ("County Council", "Cabinet").
    pub body: Option<String>,
}

/// The date and body a minutes opening names: "MINUTES of a meeting of the Kent County Council
/// held in … on Thursday, 13 July 2017." (the sentence may wrap onto two more lines).
fn identity(lines: &[Ln], opening: usize) -> (Option<String>, Option<String>) {
    let mut text = lines[opening].t().to_string();
    for l in lines.iter().skip(opening + 1).take(2) {
        if l.is_blank() || text.trim_end().ends_with('.') {
            break;
        }
        text.push(' ');
        text.push_str(l.t());
    }
    let date = grammars::dates::find_date(&text).map(|d| d.iso);
    let body = text.find("meeting of the ").and_then(|p| {
        let rest = &text[p + "meeting of the ".len()..];
        rest.find(" held").map(|e| rest[..e].trim().to_string())
    });
    (date, body)
}

/// The meeting whose minutes hold line `idx`, if any.
pub(crate) fn meeting_at(meetings: &[MeetingSpan], idx: usize) -> Option<&MeetingSpan> {
    meetings.iter().find(|m| m.opening <= idx && idx < m.end)
}

/// Lines that mark the start of something that is not minutes (a report cover, a new agenda).
fn ends_minutes(s: &str) -> bool {
    let t = grammars::amount::strip_markup(s);
    let t = t.trim();
    t.starts_with("By:")
        || t.starts_with("From:")
        || t.starts_with("To:")
        || t.starts_with("Subject:")
        || t.starts_with("AGENDA")
        || t.starts_with("Agenda Item")
        || t.starts_with("This page is intentionally left blank")
}

/// Finds each set of minutes and its minute spans. Minute numbers run consecutively from the
/// first heading after the opening line; a numbered line out of sequence is a paragraph.
pub(crate) fn meetings(lines: &[Ln]) -> Vec<MeetingSpan> {
    let openings: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| is_minutes_opening(&l.text))
        .map(|(i, _)| i)
        .collect();
    let mut out = Vec::new();
    for (k, &open) in openings.iter().enumerate() {
        let hard_end = openings.get(k + 1).copied().unwrap_or(lines.len());
        let mut minutes: Vec<MinuteSpan> = Vec::new();
        let mut expect: Option<u32> = None;
        let mut end = hard_end;
        let mut i = open + 1;
        while i < hard_end {
            let t = unbullet(&lines[i].text).to_string();
            if ends_minutes(&t) && !minutes.is_empty() {
                end = i;
                break;
            }
            // Headings glued to a preceding label: "UNRESTRICTED ITEMS**233. Apologies".
            let candidate = t
                .strip_prefix("UNRESTRICTED ITEMS")
                .or_else(|| t.strip_prefix("EXEMPT ITEMS"))
                .map(str::trim)
                .unwrap_or(&t);
            if let Some((n, title)) = minute_heading(candidate)
                && expect.is_none_or(|e| n == e)
            {
                if let Some(last) = minutes.last_mut() {
                    last.last = i.saturating_sub(1);
                }
                // A title wrapped in print with its bracket still open continues on the next line.
                let mut title = title;
                if title.matches('(').count() > title.matches(')').count()
                    && let Some(next) = lines.get(i + 1).filter(|l| !l.is_blank())
                {
                    title.push(' ');
                    title.push_str(next.t());
                }
                minutes.push(MinuteSpan { number: n.to_string(), title, first: i, last: i });
                expect = Some(n + 1);
            }
            i += 1;
        }
        // A minute runs to the end of the meeting, but no further than 400 lines.
        if let Some(last) = minutes.last_mut() {
            last.last = end.saturating_sub(1).min(last.first + 400);
        }
        let (date, body) = identity(lines, open);
        let id = format!("m{}", k + 1);
        out.push(MeetingSpan { opening: open, end, minutes, id, date, body });
    }
    out
}

/// The minute holding line `idx`, if any.
pub(crate) fn minute_at(meetings: &[MeetingSpan], idx: usize) -> Option<&MinuteSpan> {
    meetings.iter().flat_map(|m| m.minutes.iter()).find(|m| m.first <= idx && idx <= m.last)
}
