//! Dates and times as printed in agenda packs, read to ISO forms.
//!
//! Dates with the month in words, as papers print the date of a meeting or of publication:
//! `Thursday, 16th January, 2025`, `Thursday 19 October 2017`, `16 January 2025`,
//! `16th Jan 2025`, `January 16, 2025`, and as prose prints them: `the 16th of January 2025`,
//! `3 rd April 2017`, `16th, January 2025`. Numeric forms (`16/01/2025`, `2025-01-16`) are passed
//! over: no stage reads them, and in papers they date documents, not meetings.
//! Times in running text: `10.00 am`, `10:30am`, `2 pm`, `14:00`, `noon`.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag_no_case, take_while_m_n},
    character::complete::{char, multispace0, multispace1, one_of},
    combinator::opt,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A date as printed with its ISO form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DateValue {
    /// The text exactly as printed (the matched span).
    pub raw: String,
    /// `YYYY-MM-DD`.
    pub iso: String,
    /// Weekday as printed, if any.
    pub weekday: Option<String>,
}

/// A time as printed with its 24-hour form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TimeValue {
    pub raw: String,
    /// `HH:MM`.
    pub hhmm: String,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] =
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

fn fail(i: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag))
}

fn digits(min: usize, max: usize) -> impl Fn(&str) -> IResult<&str, u32> {
    move |i| {
        let (rest, d) = take_while_m_n(min, max, |c: char| c.is_ascii_digit())(i)?;
        if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return Err(fail(i));
        }
        d.parse::<u32>().map(|v| (rest, v)).map_err(|_| fail(i))
    }
}

/// A month name, full or abbreviated to at least three letters (`Sept` too).
fn month(i: &str) -> IResult<&str, u32> {
    let end = i.char_indices().find(|(_, c)| !c.is_ascii_alphabetic()).map_or(i.len(), |(n, _)| n);
    let word = &i[..end];
    if word.len() < 3 {
        return Err(fail(i));
    }
    let lower = word.to_ascii_lowercase();
    for (n, m) in MONTHS.iter().enumerate() {
        if m.starts_with(&lower) || (lower == "sept" && n == 8) {
            let rest = &i[end..];
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            return Ok((rest, n as u32 + 1));
        }
    }
    Err(fail(i))
}

fn weekday(i: &str) -> IResult<&str, &str> {
    let end = i.char_indices().find(|(_, c)| !c.is_ascii_alphabetic()).map_or(i.len(), |(n, _)| n);
    let word = &i[..end];
    let lower = word.to_ascii_lowercase();
    if word.len() >= 3 && WEEKDAYS.iter().any(|w| w.starts_with(&lower)) {
        let (rest, _) = (opt(char(',')), multispace0).parse(&i[end..])?;
        return Ok((rest, word));
    }
    Err(fail(i))
}

/// A day of the month with its ordinal suffix, if any (`16th`, `3 rd` as some papers space it).
fn ordinal(i: &str) -> IResult<&str, u32> {
    let (i, d) = digits(1, 2)(i)?;
    let (i, _) = opt((
        opt(char(' ')),
        alt((tag_no_case("st"), tag_no_case("nd"), tag_no_case("rd"), tag_no_case("th"))),
    ))
    .parse(i)?;
    Ok((i, d))
}

fn sep(i: &str) -> IResult<&str, ()> {
    let (i, _) = opt(char(',')).parse(i)?;
    let (i, _) = multispace1(i)?;
    Ok((i, ()))
}

/// `16th January, 2025` / `16 Jan 2025` / `16th of January 2025` / `16th, January 2025`
fn day_month_year(i: &str) -> IResult<&str, (u32, u32, u32)> {
    let (i, d) = ordinal(i)?;
    let (i, _) = sep(i)?;
    let (i, _) = opt((tag_no_case("of"), multispace1)).parse(i)?;
    let (i, m) = month(i)?;
    let (i, _) = sep(i)?;
    let (i, y) = digits(4, 4)(i)?;
    Ok((i, (y, m, d)))
}

/// `January 16, 2025` / `January 16th 2025`
fn month_day_year(i: &str) -> IResult<&str, (u32, u32, u32)> {
    let (i, m) = month(i)?;
    let (i, _) = multispace1(i)?;
    let (i, d) = ordinal(i)?;
    let (i, _) = sep(i)?;
    let (i, y) = digits(4, 4)(i)?;
    Ok((i, (y, m, d)))
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    if !(1900..=2199).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let max = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= max
}

/// Year, month, day.
type Ymd = (u32, u32, u32);

fn date_at(i: &str) -> IResult<&str, (Option<&str>, Ymd)> {
    let (i, wd) = opt(weekday).parse(i)?;
    let (i, _) = opt((tag_no_case("the"), multispace1)).parse(i)?;
    let (i, ymd) = alt((day_month_year, month_day_year)).parse(i)?;
    if !valid(ymd.0, ymd.1, ymd.2) {
        return Err(fail(i));
    }
    Ok((i, (wd, ymd)))
}

/// Parses a line that is only a date with its month in words (`Friday, 16 June 2017`, as a
/// summons prints its date of publication; surrounding whitespace and a trailing full stop
/// allowed); `16/06/2017` gives `None`.
pub fn parse_written_date(raw: &str) -> Option<DateValue> {
    let s = raw.trim();
    let (rest, (wd, (y, m, d))) = date_at(s).ok()?;
    let rest = rest.trim();
    if !(rest.is_empty() || rest == ".") {
        return None;
    }
    Some(DateValue {
        raw: s.to_string(),
        iso: format!("{y:04}-{m:02}-{d:02}"),
        weekday: wd.map(str::to_string),
    })
}

/// Finds the first date with its month in words in a line of text ("… Maidstone on Thursday,
/// 13 July 2017."), passing over numeric forms such as `16/01/2025` or `2025-01-16`.
pub fn find_written_date(text: &str) -> Option<DateValue> {
    find_all_in(text).into_iter().next()
}

/// Every date with its month in words in a line of text, in order.
fn find_all_in(text: &str) -> Vec<DateValue> {
    let mut out = Vec::new();
    let mut idx = 0;
    while idx < text.len() {
        let rest = &text[idx..];
        let prev = text[..idx].chars().next_back();
        if prev.is_none_or(|c| !c.is_alphanumeric())
            && let Ok((after, (wd, (y, m, d)))) = date_at(rest)
            && !after.chars().next().is_some_and(|c| c.is_alphanumeric())
        {
            let raw = &rest[..rest.len() - after.len()];
            out.push(DateValue {
                raw: raw.to_string(),
                iso: format!("{y:04}-{m:02}-{d:02}"),
                weekday: wd.map(str::to_string),
            });
            idx += raw.len().max(1);
            continue;
        }
        idx += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}

fn meridiem(i: &str) -> IResult<&str, bool> {
    let (i, _) = multispace0(i)?;
    let (i, m) = alt((
        tag_no_case("a.m."),
        tag_no_case("p.m."),
        tag_no_case("am"),
        tag_no_case("pm"),
        tag_no_case("a.m"),
        tag_no_case("p.m"),
    ))
    .parse(i)?;
    if i.chars().next().is_some_and(|c| c.is_alphanumeric()) {
        return Err(fail(i));
    }
    Ok((i, m.to_ascii_lowercase().starts_with('p')))
}

fn time_at(i: &str) -> IResult<&str, (u32, u32)> {
    if let Ok((rest, _)) = tag_no_case::<&str, &str, nom::error::Error<&str>>("noon")(i) {
        return Ok((rest, (12, 0)));
    }
    let (i, h) = digits(1, 2)(i)?;
    let (i, mins) = opt((one_of(".:"), digits(2, 2))).parse(i)?;
    let (i, pm) = opt(meridiem).parse(i)?;
    let m = mins.map_or(0, |(_, m)| m);
    if m > 59 {
        return Err(fail(i));
    }
    let h = match pm {
        Some(true) if (1..=11).contains(&h) => h + 12,
        Some(false) if h == 12 => 0,
        Some(_) if !(1..=12).contains(&h) => return Err(fail(i)),
        Some(_) => h,
        // Without am/pm only a colon form such as 14:00 is a time.
        None if mins.is_some_and(|(s, _)| s == ':') && h <= 23 => h,
        None => return Err(fail(i)),
    };
    Ok((i, (h, m)))
}

/// Finds the first time in a line ("… on Thursday, 19 October 2017 at 10.00 am").
pub fn find_time(text: &str) -> Option<TimeValue> {
    let mut idx = 0;
    while idx < text.len() {
        let rest = &text[idx..];
        let prev = text[..idx].chars().next_back();
        if prev.is_none_or(|c| !c.is_alphanumeric() && c != '.' && c != ':')
            && let Ok((after, (h, m))) = time_at(rest)
            && !after.chars().next().is_some_and(|c| c.is_ascii_digit())
        {
            let raw = &rest[..rest.len() - after.len()];
            return Some(TimeValue { raw: raw.to_string(), hhmm: format!("{h:02}:{m:02}") });
        }
        idx += rest.chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso_of(s: &str) -> Option<String> {
        parse_written_date(s).map(|d| d.iso)
    }

    #[test]
    fn long_forms() {
        assert_eq!(iso_of("Thursday, 16th January, 2025").as_deref(), Some("2025-01-16"));
        assert_eq!(iso_of("Thursday 19 October 2017").as_deref(), Some("2017-10-19"));
        assert_eq!(iso_of("16 January 2025").as_deref(), Some("2025-01-16"));
        assert_eq!(iso_of("1st Feb 2017").as_deref(), Some("2017-02-01"));
        assert_eq!(iso_of("13 Sept 2024").as_deref(), Some("2024-09-13"));
        assert_eq!(iso_of("January 16, 2025").as_deref(), Some("2025-01-16"));
        assert_eq!(iso_of("Tuesday, 17 January 2017.").as_deref(), Some("2017-01-17"));
        let d = parse_written_date("Thursday, 16th January, 2025").unwrap();
        assert_eq!(d.weekday.as_deref(), Some("Thursday"));
        assert_eq!(d.raw, "Thursday, 16th January, 2025");
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert_eq!(iso_of("30 February 2025"), None);
        assert_eq!(iso_of("29 February 2024").as_deref(), Some("2024-02-29"));
        assert_eq!(iso_of("16 Janitor 2025"), None);
        assert_eq!(iso_of("2018-19"), None);
    }

    #[test]
    fn found_in_text() {
        let line = "MINUTES of a meeting of the Kent County Council held in the Council Chamber, \
                    Sessions House, County Hall, Maidstone on Thursday, 13 July 2017.";
        let d = find_written_date(line).unwrap();
        assert_eq!(d.iso, "2017-07-13");
        assert_eq!(d.raw, "Thursday, 13 July 2017");
        let all = find_all_in("the meetings held on 19 December 2024 and 9 January 2025");
        assert_eq!(
            all.iter().map(|d| d.iso.as_str()).collect::<Vec<_>>(),
            ["2024-12-19", "2025-01-09"]
        );
        assert_eq!(find_written_date("in 2017 and 2018"), None);
        assert_eq!(find_written_date("Mayday 12 may"), None);
    }

    #[test]
    fn prose_forms() {
        assert_eq!(iso_of("the 16th of January 2025").as_deref(), Some("2025-01-16"));
        assert_eq!(iso_of("Monday the 3rd of March, 2025").as_deref(), Some("2025-03-03"));
        assert_eq!(iso_of("3 rd April 2017").as_deref(), Some("2017-04-03"));
        assert_eq!(iso_of("21 st June 2017").as_deref(), Some("2017-06-21"));
        assert_eq!(iso_of("16th, January 2025").as_deref(), Some("2025-01-16"));
        let d =
            find_written_date("at the meeting on Monday, 26th June, 2017, at 10.00 am").unwrap();
        assert_eq!(d.iso, "2017-06-26");
        assert_eq!(d.raw, "Monday, 26th June, 2017");
        assert_eq!(
            find_written_date("held on the 4th of July 2024.").map(|d| d.iso).as_deref(),
            Some("2024-07-04")
        );
        // Words that only look like a suffix or a month are not dates.
        assert_eq!(iso_of("3 rdApril 2017"), None);
        assert_eq!(iso_of("16th of Janitor 2025"), None);
        assert_eq!(find_written_date("of the 12 members, 2025 budget"), None);
    }

    #[test]
    fn written_forms_only() {
        assert_eq!(find_written_date("Published 16/01/2025"), None);
        assert_eq!(find_written_date("2025-01-16"), None);
        let d =
            find_written_date("dated 08/01/2025, meeting on Thursday, 16 January 2025").unwrap();
        assert_eq!(d.iso, "2025-01-16");
        assert_eq!(d.weekday.as_deref(), Some("Thursday"));
        assert_eq!(
            parse_written_date("Wednesday, 8 January 2025").map(|d| d.iso).as_deref(),
            Some("2025-01-08")
        );
        assert_eq!(parse_written_date("08/01/2025"), None);
        assert_eq!(
            find_written_date("Thursday, 21st November, 2024.").map(|d| d.iso).as_deref(),
            Some("2024-11-21")
        );
        assert_eq!(find_written_date("31 February 2017"), None);
        assert_eq!(find_written_date("2016-17 budget"), None);
        assert_eq!(parse_written_date("Monday, 26th June, 2017, at 10.00 am"), None);
    }

    #[test]
    fn times() {
        assert_eq!(find_time("10.00 am").map(|t| t.hhmm).as_deref(), Some("10:00"));
        assert_eq!(find_time("10.30 am").map(|t| t.hhmm).as_deref(), Some("10:30"));
        assert_eq!(find_time("2.00 pm").map(|t| t.hhmm).as_deref(), Some("14:00"));
        assert_eq!(find_time("12.15pm").map(|t| t.hhmm).as_deref(), Some("12:15"));
        assert_eq!(find_time("12 am").map(|t| t.hhmm).as_deref(), Some("00:00"));
        assert_eq!(find_time("2 p.m.").map(|t| t.hhmm).as_deref(), Some("14:00"));
        assert_eq!(find_time("14:00").map(|t| t.hhmm).as_deref(), Some("14:00"));
        assert_eq!(find_time("noon").map(|t| t.hhmm).as_deref(), Some("12:00"));
        assert_eq!(find_time("10.00"), None);
        assert_eq!(find_time("13.00 pm"), None);
        assert_eq!(find_time("10.75 am"), None);
        let t = find_time("Thursday 19 October 2017, 10.00 am, Council Chamber").unwrap();
        assert_eq!(t.hhmm, "10:00");
        assert_eq!(t.raw, "10.00 am");
        assert_eq!(
            find_time("Thursday, 19 October 2017 at **10.00 am**").map(|t| t.hhmm).as_deref(),
            Some("10:00")
        );
        assert_eq!(find_time("paragraph 2.5 amended"), None);
        assert_eq!(
            find_time("at 12.30 p.m. in the Chamber").map(|t| t.hhmm).as_deref(),
            Some("12:30")
        );
        assert_eq!(find_time("from 2pm").map(|t| t.hhmm).as_deref(), Some("14:00"));
        assert_eq!(find_time("at 12 noon").map(|t| t.hhmm).as_deref(), Some("12:00"));
        assert_eq!(find_time("Pages 7 - 16"), None);
        assert_eq!(find_time("in the afternoon session"), None);
    }
}
