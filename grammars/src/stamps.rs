//! Stamps a pack's publisher prints on its pages: `Page N`, `Agenda Item N` and "This page is
//! intentionally left blank". The one grammar for them, whether read from a PDF phrase, a line of
//! a text rendering or a table cell.

use nom::IResult;
use nom::Parser;
use nom::bytes::complete::{tag, tag_no_case, take_while_m_n, take_while1};
use nom::character::complete::{char, satisfy};
use nom::combinator::{opt, recognize};

/// What a stamp is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StampKind {
    /// "Page N": the pack's own page number.
    Page,
    /// "Agenda Item N": the start of an agenda item's papers.
    AgendaItem,
    /// "This page is intentionally left blank".
    BlankPage,
}

/// A stamp found in a piece of text, and the character range of the text to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub kind: StampKind,
    /// The stamp as printed ("Page 90").
    pub text: String,
    /// The printed value ("90", "A4"; empty for a blank-page notice).
    pub value: String,
    /// Characters `keep.0..keep.1` of the input remain once the stamp is removed (`(0, 0)` when
    /// the stamp is the whole text).
    pub keep: (usize, usize),
}

fn ws(i: &str) -> IResult<&str, &str> {
    take_while1(char::is_whitespace)(i)
}

fn digits(min: usize, max: usize) -> impl Fn(&str) -> IResult<&str, &str> {
    move |i| {
        let (rest, d) = take_while_m_n(min, max, |c: char| c.is_ascii_digit())(i)?;
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(nom::Err::Error(nom::error::Error::new(
                rest,
                nom::error::ErrorKind::TakeWhileMN,
            )));
        }
        Ok((rest, d))
    }
}

/// `Page 47`: the value.
fn page(i: &str) -> IResult<&str, &str> {
    let (i, _) = (tag("Page"), ws).parse(i)?;
    digits(1, 4)(i)
}

/// An agenda item number as stamped: `7`, `A4`, `B1`, `12a`, `7.1`.
fn item_number(i: &str) -> IResult<&str, &str> {
    recognize((
        opt(satisfy(|c| c.is_ascii_uppercase())),
        digits(1, 3),
        opt(satisfy(|c| c.is_ascii_alphabetic())),
        opt((char('.'), digits(1, 2))),
    ))
    .parse(i)
}

fn agenda_item(i: &str) -> IResult<&str, &str> {
    let (i, _) = (tag("Agenda"), ws, tag("Item"), ws).parse(i)?;
    item_number(i)
}

fn blank(i: &str) -> IResult<&str, &str> {
    recognize((
        tag_no_case("this"),
        ws,
        tag_no_case("page"),
        ws,
        opt((tag_no_case("is"), ws)),
        tag_no_case("intentionally"),
        ws,
        opt((tag_no_case("left"), ws)),
        tag_no_case("blank"),
        opt(char('.')),
    ))
    .parse(i)
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// The stamp `s` is, whole (surrounding white space aside).
pub fn whole(s: &str) -> Option<Stamp> {
    let t = s.trim();
    let done = |rest: &str| rest.is_empty();
    let (kind, value) = if let Ok((rest, v)) = page(t)
        && done(rest)
    {
        (StampKind::Page, v)
    } else if let Ok((rest, v)) = agenda_item(t)
        && done(rest)
    {
        (StampKind::AgendaItem, v)
    } else if let Ok((rest, _)) = blank(t)
        && done(rest)
    {
        (StampKind::BlankPage, "")
    } else {
        return None;
    };
    Some(Stamp { kind, text: t.to_string(), value: value.to_string(), keep: (0, 0) })
}

/// `Page N` ending `s` after some other text and white space: the stamp, keeping the text before.
fn page_suffix(s: &str) -> Option<Stamp> {
    let t = s.trim_end();
    for (at, _) in t.rmatch_indices("Page") {
        let before = &t[..at];
        if !before.ends_with(char::is_whitespace) || before.trim().is_empty() {
            continue;
        }
        if let Ok(("", v)) = page(&t[at..]) {
            return Some(Stamp {
                kind: StampKind::Page,
                text: t[at..].to_string(),
                value: v.to_string(),
                keep: (0, chars(before.trim_end())),
            });
        }
    }
    None
}

/// `Page N` opening `s`, followed by other text: the stamp, keeping the text after.
fn page_prefix(s: &str) -> Option<Stamp> {
    let lead = s.len() - s.trim_start().len();
    let t = &s[lead..];
    let (rest, v) = page(t).ok()?;
    let (after, _) = ws(rest).ok()?;
    if after.trim().is_empty() {
        return None;
    }
    let stamp = &t[..t.len() - rest.len()];
    let start = chars(&s[..s.len() - after.len()]);
    Some(Stamp {
        kind: StampKind::Page,
        text: stamp.to_string(),
        value: v.to_string(),
        keep: (start, chars(s)),
    })
}

/// Whether a line is a page's folio alone, "Page N" or "Page N of M" in any case: page furniture
/// wherever the page sets it (Word footers stand well above the page's edge).
pub fn is_folio(s: &str) -> bool {
    let folio = |i| -> IResult<&str, ()> {
        let (i, _) = (tag_no_case("page"), ws, digits(1, 4)).parse(i)?;
        let (i, _) = opt((ws, tag_no_case("of"), ws, digits(1, 4))).parse(i)?;
        Ok((i, ()))
    };
    matches!(folio(s.trim()), Ok(("", ())))
}

/// Whether a line is a page number printed alone: one to four digits and nothing else (a folio
/// only where the page sets it, at its foot or between a title and what follows a page break).
pub fn is_bare_folio(s: &str) -> bool {
    let t = s.trim();
    (1..=4).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
}

/// A stamp in a line of prose: the whole line, or `Page N` glued to its end.
pub fn in_line(s: &str) -> Option<Stamp> {
    if !s.contains("Page") && !s.contains("page") && !s.contains("PAGE") && !s.contains("Agenda") {
        return None;
    }
    whole(s).or_else(|| page_suffix(s))
}

/// A `Page N` stamp in a table's first cell: the whole cell, a prefix or a suffix.
pub fn in_cell(s: &str) -> Option<Stamp> {
    if !s.contains("Page") {
        return None;
    }
    whole(s)
        .filter(|f| f.kind == StampKind::Page)
        .or_else(|| page_prefix(s))
        .or_else(|| page_suffix(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_page_number_is_a_folio() {
        assert!(is_bare_folio("33"));
        assert!(is_bare_folio(" 120 "));
        assert!(!is_bare_folio("33.5"));
        assert!(!is_bare_folio("12345"));
        assert!(!is_bare_folio("Total 33"));
    }

    fn kv(f: Option<Stamp>) -> Option<(StampKind, String, String, (usize, usize))> {
        f.map(|f| (f.kind, f.text, f.value, f.keep))
    }

    #[test]
    fn whole_stamps() {
        assert_eq!(
            kv(whole("  Page 47 ")),
            Some((StampKind::Page, "Page 47".into(), "47".into(), (0, 0)))
        );
        assert_eq!(kv(whole("Agenda Item 7.1")).map(|f| f.2), Some("7.1".into()));
        assert_eq!(kv(whole("Agenda  Item A4")).map(|f| f.2), Some("A4".into()));
        assert_eq!(kv(whole("Agenda Item 12a")).map(|f| f.2), Some("12a".into()));
        assert_eq!(
            whole("This page is intentionally left blank.").map(|f| f.kind),
            Some(StampKind::BlankPage)
        );
        assert_eq!(
            whole("THIS PAGE INTENTIONALLY BLANK").map(|f| f.kind),
            Some(StampKind::BlankPage)
        );
        assert_eq!(whole("Page 12345"), None);
        assert_eq!(whole("Page 4 of 9"), None);
        assert_eq!(whole("Agenda Item 1234"), None);
        assert_eq!(whole("See Page 4"), None);
    }

    #[test]
    fn a_folio_is_page_furniture_wherever_it_stands() {
        assert!(is_folio("Page 17 of 54"));
        assert!(is_folio("  page 7 "));
        assert!(!is_folio("Page 17 of the report"));
        assert!(!is_folio("See page 17"));
    }

    #[test]
    fn page_glued_to_prose_or_a_cell() {
        assert_eq!(
            kv(in_line("the budget was agreed. Page 90")),
            Some((StampKind::Page, "Page 90".into(), "90".into(), (0, 22)))
        );
        assert_eq!(in_line("as set out on Page"), None);
        assert_eq!(
            kv(in_cell("Page 12 Adult Social Care")),
            Some((StampKind::Page, "Page 12".into(), "12".into(), (8, 25)))
        );
        assert_eq!(kv(in_cell("Adult Social Care Page 12")).map(|f| f.3), Some((0, 17)));
        assert_eq!(in_cell("Agenda Item 4"), None);
        assert_eq!(in_cell("Pages of text"), None);
        assert_eq!(kv(in_cell("Page 22")).map(|f| f.3), Some((0, 0)));
        let s = "…local development plan. Page 90";
        let f = in_line(s).expect("stamp");
        assert_eq!(s.chars().take(f.keep.1).collect::<String>(), "…local development plan.");
        assert_eq!(in_line("on page 184 of the agenda pack"), None);
        assert_eq!(in_line("Page"), None);
        assert_eq!(kv(in_line("Page 148  ")).map(|f| f.2), Some("148".into()));
    }
}
