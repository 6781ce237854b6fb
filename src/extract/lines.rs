//! A flat view of a document's lines for the minutes and vote extractors (text and location),
//! and the segmented minutes as spans of those lines.

pub(crate) use grammars::amount::unbullet;

use crate::model::pack::{MinuteItem, MinutesBlock};
use crate::model::{Layout, Location, Pack, SourceKind};

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

/// The next line with text from `from` on (up to `last`), passing over no more than `max_blanks`
/// blank lines on the way: its index, and how many blank lines came before it. `None` past `last`
/// or after more blank lines.
pub(crate) fn next_text(
    lines: &[Ln],
    from: usize,
    last: usize,
    max_blanks: usize,
) -> Option<(usize, usize)> {
    let end = last.min(lines.len().checked_sub(1)?);
    let mut blanks = 0;
    for (k, l) in lines.iter().enumerate().take(end + 1).skip(from) {
        if !l.is_blank() {
            return Some((k, blanks));
        }
        blanks += 1;
        if blanks > max_blanks {
            return None;
        }
    }
    None
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

/// The set of minutes holding line `idx`, if any, with its id (`m1`, `m2` … in document order).
pub(crate) fn meeting_at(pack: &Pack, idx: usize) -> Option<(String, &MinutesBlock)> {
    let k = pack.minutes.iter().position(|m| m.lines.contains(idx))?;
    Some((meeting_id(k), &pack.minutes[k]))
}

/// The id of the `k`-th set of minutes (from 0): `m1`, `m2` …
pub(crate) fn meeting_id(k: usize) -> String {
    format!("m{}", k + 1)
}

/// The minute holding line `idx`, if any.
pub(crate) fn minute_at(pack: &Pack, idx: usize) -> Option<&MinuteItem> {
    pack.minutes.iter().flat_map(|m| m.items.iter()).find(|m| m.lines.contains(idx))
}
