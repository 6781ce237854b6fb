//! Agenda item lines, page ranges and decision numbers.
//!
//! * Decision numbers: `17/00013`, `16/00139`, `17 00024` (slash lost), `Decision No. 16/00139`.
//! * Page ranges: `(Pages 7 - 24)`, `(Pages 7 16)` (hyphen lost), `(Page 5)`, `(Pages 7–16)`.
//! * Agenda lines: `- A4 Minutes of … (Pages 7 - 24)`, `3. Minutes … (Pages 7 16) approved …`,
//!   `B1 17/00013 - Deal Parochial … (Pages 25 - 52)`, `6.    Capital Programme …`.

use nom::{
    IResult, Parser,
    bytes::complete::{tag_no_case, take_while_m_n, take_while1},
    character::complete::{char, one_of, space0, space1},
    combinator::opt,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A decision number as printed, with its normal `YY/NNNNN` form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DecisionNumber {
    pub raw: String,
    pub number: String,
}

/// A page range as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PageRange {
    pub raw: String,
    pub first: u32,
    pub last: u32,
}

/// An agenda item line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AgendaLine {
    /// The line as given.
    pub raw: String,
    /// Item number as printed, without a trailing full stop: "3", "A4", "B1", "7.1".
    pub number: Option<String>,
    /// Title with the page range, item number and bullet removed.
    pub title: String,
    pub pages: Option<PageRange>,
    pub decision_number: Option<DecisionNumber>,
}

fn fail(i: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag))
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

fn decision_at(i: &str) -> IResult<&str, String> {
    let (i, yy) = take_while_m_n(2, 2, is_digit)(i)?;
    let (i, s) = one_of("/ ")(i)?;
    let (i, n) = take_while_m_n(5, 5, is_digit)(i)?;
    if i.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '/') {
        return Err(fail(i));
    }
    // Without the slash, only the usual zero-led serial is taken as a decision number.
    if s == ' ' && !n.starts_with('0') {
        return Err(fail(i));
    }
    Ok((i, format!("{yy}/{n}")))
}

/// Every decision number in a text, in order.
pub fn find_decision_numbers(text: &str) -> Vec<DecisionNumber> {
    let mut out = Vec::new();
    let mut idx = 0;
    while idx < text.len() {
        let rest = &text[idx..];
        let prev = text[..idx].chars().next_back();
        if prev.is_none_or(|c| !c.is_ascii_digit() && c != '/' && c != '.' && c != ',')
            && let Ok((after, number)) = decision_at(rest)
        {
            let raw = &rest[..rest.len() - after.len()];
            out.push(DecisionNumber { raw: raw.to_string(), number });
            idx += raw.len();
            continue;
        }
        idx += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// A decision number opening a title ("17/00013 - Proposal", "17 00024: Proposal"): the number
/// as `NN/NNNNN` and the title after it and its separator (`-`, `–` or `:`).
pub fn leading_decision_number(s: &str) -> Option<(String, &str)> {
    let (rest, number) = decision_at(s).ok()?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(['-', '–', ':']).unwrap_or(rest).trim_start();
    Some((number, rest))
}

/// Parses text that is only a decision number (`17/00013`, `Decision No. 16/00139`).
pub fn parse_decision_number(raw: &str) -> Option<DecisionNumber> {
    let s = raw.trim();
    let s2 = s
        .strip_prefix("Decision No.")
        .or_else(|| s.strip_prefix("Decision No"))
        .or_else(|| s.strip_prefix("Decision Number:"))
        .or_else(|| s.strip_prefix("Decision Number"))
        .map_or(s, str::trim_start);
    let (rest, number) = decision_at(s2).ok()?;
    if !rest.trim().is_empty() {
        return None;
    }
    Some(DecisionNumber { raw: s.to_string(), number })
}

fn num(i: &str) -> IResult<&str, u32> {
    let (i, d) = take_while_m_n(1, 5, is_digit)(i)?;
    d.parse().map(|v| (i, v)).map_err(|_| fail(i))
}

fn page_range_at(i: &str) -> IResult<&str, (u32, u32)> {
    let (i, _) = char('(')(i)?;
    let (i, _) = space0(i)?;
    let (i, _) = tag_no_case("page")(i)?;
    let (i, _) = opt(tag_no_case("s")).parse(i)?;
    let (i, _) = space1(i)?;
    let (i, first) = num(i)?;
    // The last page after a dash or a space ("Pages 5 - 12", "Page 3-5" as printed).
    let (i, last) =
        opt((space0, opt(take_while1(|c| matches!(c, '-' | '–' | '—'))), space0, num)).parse(i)?;
    let last = last.map_or(first, |(_, _, _, n)| n);
    let (i, _) = space0(i)?;
    let (i, _) = char(')')(i)?;
    if last < first {
        return Err(fail(i));
    }
    Ok((i, (first, last)))
}

/// Finds a page range in a line; returns it with the byte span it covers.
pub fn find_page_range(text: &str) -> Option<(PageRange, std::ops::Range<usize>)> {
    for (idx, _) in text.match_indices('(') {
        if let Ok((after, (first, last))) = page_range_at(&text[idx..]) {
            let end = text.len() - after.len();
            return Some((PageRange { raw: text[idx..end].to_string(), first, last }, idx..end));
        }
    }
    None
}

/// An agenda item number at the start of a line: `3.`, `3`, `A4`, `B12`, `7.1`, `(4)`.
fn item_number(i: &str) -> IResult<&str, &str> {
    let start = i;
    let (i, letter) = opt(one_of("ABCDEFGH")).parse(i)?;
    let (i, d) = take_while_m_n(1, 3, is_digit)(i)?;
    let (i, sub) = opt((char('.'), take_while_m_n(1, 2, is_digit))).parse(i)?;
    if letter.is_none() && sub.is_none() && d.len() == 3 && d.starts_with('0') {
        return Err(fail(i));
    }
    let len = start.len() - i.len();
    let (i, _) = opt(char('.')).parse(i)?;
    let (i, _) = space1(i)?;
    Ok((i, &start[..len]))
}

/// Parses an agenda item line. Returns `None` unless the line has an item number followed by a
/// title, or a page range.
pub fn parse_agenda_line(raw: &str) -> Option<AgendaLine> {
    let cleaned = crate::amount::strip_markup(raw);
    let mut s = cleaned.trim();
    s = s.strip_prefix("- ").unwrap_or(s).trim_start();
    let range = find_page_range(s);
    let (number, after_number) = match item_number(s) {
        Ok((rest, n)) => (Some(n.to_string()), rest),
        Err(_) => (None, s),
    };
    // Title: the line without the number and the page range.
    let mut title = after_number.to_string();
    if let Some((r, _)) = &range
        && let Some(pos) = title.find(&r.raw)
    {
        title.replace_range(pos..pos + r.raw.len(), " ");
    }
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let title_ok =
        title.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '"' || c == '‘');
    if number.is_some() && !title_ok {
        return None;
    }
    if number.is_none() && range.is_none() {
        return None;
    }
    let decision_number = find_decision_numbers(&title).into_iter().next();
    Some(AgendaLine {
        raw: raw.to_string(),
        number,
        title,
        pages: range.map(|(r, _)| r),
        decision_number,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_number_opening_a_title() {
        assert_eq!(
            leading_decision_number("17/00013 - Proposal to expand"),
            Some(("17/00013".to_string(), "Proposal to expand"))
        );
        assert_eq!(
            leading_decision_number("17 00024: Proposal"),
            Some(("17/00024".to_string(), "Proposal"))
        );
        assert_eq!(leading_decision_number("Tel: 03000 416824"), None);
        assert_eq!(leading_decision_number("17/000134 Proposal"), None);
    }

    #[test]
    fn decision_numbers() {
        assert_eq!(
            parse_decision_number("17/00013").map(|d| d.number).as_deref(),
            Some("17/00013")
        );
        assert_eq!(
            parse_decision_number("Decision No. 16/00139").map(|d| d.number).as_deref(),
            Some("16/00139")
        );
        let found = find_decision_numbers(
            "3. 17 00024 Proposal to implement an Education Services Company",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].number, "17/00024");
        assert_eq!(found[0].raw, "17 00024");
        let two = find_decision_numbers("B2 17/00022 - Proposal; see also 16/00151.");
        assert_eq!(
            two.iter().map(|d| d.number.as_str()).collect::<Vec<_>>(),
            ["17/00022", "16/00151"]
        );
        assert!(find_decision_numbers("31/03/2017 and 2017/18 and 117/000131").is_empty());
        assert!(find_decision_numbers("phone 03000 416814").is_empty());
        assert_eq!(parse_decision_number("17/0001"), None);
    }

    #[test]
    fn page_ranges() {
        let (r, span) = find_page_range("Minutes (Pages 7 - 24)").unwrap();
        assert_eq!((r.first, r.last), (7, 24));
        assert_eq!(r.raw, "(Pages 7 - 24)");
        assert_eq!(span, 8..22);
        let (r, _) = find_page_range("to be (Pages 7 16) approved").unwrap();
        assert_eq!((r.first, r.last), (7, 16));
        let (r, _) = find_page_range("(Page 5)").unwrap();
        assert_eq!((r.first, r.last), (5, 5));
        let (r, _) = find_page_range("(Pages 121 – 132)").unwrap();
        assert_eq!((r.first, r.last), (121, 132));
        assert!(find_page_range("(Pages 24 - 7)").is_none());
        assert_eq!(find_page_range("(Page 3-5)").map(|(r, _)| (r.first, r.last)), Some((3, 5)));
        assert!(find_page_range("(see page)").is_none());
    }

    #[test]
    fn agenda_lines() {
        let a = parse_agenda_line("- A4 Minutes of the meetings held on 17 January, 1 February and 7 March 2017 (Pages 7 - 24)").unwrap();
        assert_eq!(a.number.as_deref(), Some("A4"));
        assert_eq!(
            a.title,
            "Minutes of the meetings held on 17 January, 1 February and 7 March 2017"
        );
        assert_eq!(a.pages.as_ref().map(|p| (p.first, p.last)), Some((7, 24)));

        let b = parse_agenda_line("- 3. Minutes of the meeting held on 13 July 2017 and, if in order, to be (Pages 7 16) approved as a correct record").unwrap();
        assert_eq!(b.number.as_deref(), Some("3"));
        assert_eq!(
            b.title,
            "Minutes of the meeting held on 13 July 2017 and, if in order, to be approved as a correct record"
        );
        assert_eq!(b.pages.as_ref().map(|p| (p.first, p.last)), Some((7, 16)));

        let c = parse_agenda_line("B1 17/00013 Proposal to expand Deal Parochial CE Primary School, by 1FE, from September 2018 (Pages 25 - 52)").unwrap();
        assert_eq!(c.number.as_deref(), Some("B1"));
        assert_eq!(c.decision_number.map(|d| d.number).as_deref(), Some("17/00013"));

        let d = parse_agenda_line(
            "6.    Capital Programme 2025-35 and Revenue Budget 2025-26 (Pages 37 - 250)",
        )
        .unwrap();
        assert_eq!(d.number.as_deref(), Some("6"));
        assert_eq!(d.title, "Capital Programme 2025-35 and Revenue Budget 2025-26");
        assert_eq!(d.pages.map(|p| (p.first, p.last)), Some((37, 250)));

        let e = parse_agenda_line("1.    Apologies for Absence").unwrap();
        assert_eq!(e.number.as_deref(), Some("1"));
        assert_eq!(e.pages, None);

        let only = parse_agenda_line("(Pages 17 - 28)").unwrap();
        assert_eq!(only.number, None);
        assert_eq!(only.pages.map(|p| (p.first, p.last)), Some((17, 28)));

        assert_eq!(parse_agenda_line("The Council noted the report."), None);
        assert_eq!(parse_agenda_line("3.    "), None);
    }
}
