//! Agenda item numbers, page ranges and decision numbers.
//!
//! * Decision numbers: `17/00013`, `16/00139`, `17 00024` (slash lost), found anywhere in a line.
//! * Page ranges: `(Pages 7 - 24)`, `(Pages 7 16)` (hyphen lost), `(Page 5)`, `(Pages 7–16)`.
//! * Agenda item numbers: `A4 Minutes of …`, `3. Minutes …`, `7.1 …`, `12) …`.

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

/// An agenda item number opening a line, and the title after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemNumber<'a> {
    /// As printed, without a trailing `.` or `)`: "3", "A4", "B12", "7.1".
    pub number: &'a str,
    /// The series letter ("A" of "A4").
    pub letter: Option<char>,
    pub n: u32,
    /// The sub-item ("1" of "7.1"); 0 when there is none.
    pub sub: u32,
    /// The text after the number and the space after it (never empty).
    pub rest: &'a str,
}

/// Reads an agenda item number opening a line: `3. Minutes …`, `A4 Minutes …`, `B12) …`,
/// `7.1 …` — an optional capital, one or two digits, an optional `.N` sub-item, an optional `.`
/// or `)`, then white space and a title.
pub fn parse_item_number(line: &str) -> Option<ItemNumber<'_>> {
    let letter = line.chars().next().filter(char::is_ascii_uppercase);
    let at = letter.map_or(0, |_| 1);
    let digits = |from: usize| line[from..].bytes().take_while(u8::is_ascii_digit).count();
    let nd = digits(at);
    if !(1..=2).contains(&nd) {
        return None;
    }
    let n_end = at + nd;
    let n: u32 = line[at..n_end].parse().ok()?;
    // After the number (and its sub-item, when that reading leaves a title): `.` or `)`, then
    // white space and the title.
    let title_after = |end: usize| {
        let rest = &line[end..];
        let rest = rest.strip_prefix(['.', ')']).unwrap_or(rest);
        let title = rest.trim_start();
        (title.len() < rest.len() && !title.is_empty()).then_some(title)
    };
    if line[n_end..].starts_with('.') {
        let sd = digits(n_end + 1);
        if (1..=2).contains(&sd) {
            let end = n_end + 1 + sd;
            if let Some(rest) = title_after(end) {
                let sub = line[n_end + 1..end].parse().ok()?;
                return Some(ItemNumber { number: &line[..end], letter, n, sub, rest });
            }
        }
    }
    let rest = title_after(n_end)?;
    Some(ItemNumber { number: &line[..n_end], letter, n, sub: 0, rest })
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
        let labelled = find_decision_numbers("Decision No. 16/00139");
        assert_eq!(labelled.iter().map(|d| d.number.as_str()).collect::<Vec<_>>(), ["16/00139"]);
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
        assert!(find_decision_numbers("17/0001").is_empty());
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
    fn item_numbers() {
        let a = parse_item_number("A4 Minutes of the meetings held on 17 January").unwrap();
        assert_eq!((a.number, a.letter, a.n, a.sub), ("A4", Some('A'), 4, 0));
        assert_eq!(a.rest, "Minutes of the meetings held on 17 January");
        let b = parse_item_number("3.    Minutes (Pages 7 16)").unwrap();
        assert_eq!((b.number, b.n, b.rest), ("3", 3, "Minutes (Pages 7 16)"));
        let c = parse_item_number("7.1 Budget").unwrap();
        assert_eq!((c.number, c.n, c.sub), ("7.1", 7, 1));
        let d = parse_item_number("12) Work Programme").unwrap();
        assert_eq!((d.number, d.rest), ("12", "Work Programme"));
        let e = parse_item_number("7.1x Budget");
        assert_eq!(e, None);
        for s in ["123 Budget", "3.    ", "The Council", "AB4 Title", "3.Title", ""] {
            assert_eq!(parse_item_number(s), None, "{s}");
        }
    }
}
