//! Dates and times as council papers print them: `Monday, 26th June, 2017`, `30 March 2017`,
//! `16<sup>th</sup> January 2025` (markup already removed), `10.00 am`, `2:30pm`.

use std::sync::LazyLock;

use regex::Regex;

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

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:the\s+)?(\d{1,2})\s?(?:st|nd|rd|th)?,?\s+(?:of\s+)?(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b,?\s+(\d{4})\b",
    )
    .expect("valid regex")
});

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:[.:](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?:\W|$)")
        .expect("valid regex")
});

static WEEKDAY_ONLY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:the\s+)?\d{1,2}\s?(?:st|nd|rd|th)?,?\s+(?:of\s+)?[a-z]+,?\s+\d{4}\.?$")
        .expect("valid regex")
});

/// A date found in text: ISO form and its byte range.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundDate {
    pub iso: String,
    pub start: usize,
    pub end: usize,
}

fn month_number(m: &str) -> Option<u32> {
    let m = m.to_ascii_lowercase();
    MONTHS.iter().position(|full| full.starts_with(&m[..m.len().min(3)])).map(|i| i as u32 + 1)
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Every valid date in `s`, in order.
pub fn dates(s: &str) -> Vec<FoundDate> {
    let mut out = Vec::new();
    for c in DATE.captures_iter(s) {
        let (Some(whole), Some(d), Some(m), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3))
        else {
            continue;
        };
        let (Ok(day), Some(month), Ok(year)) =
            (d.as_str().parse::<u32>(), month_number(m.as_str()), y.as_str().parse::<i32>())
        else {
            continue;
        };
        if !(1900..=2100).contains(&year) || day == 0 || day > days_in_month(year, month) {
            continue;
        }
        out.push(FoundDate {
            iso: format!("{year:04}-{month:02}-{day:02}"),
            start: whole.start(),
            end: whole.end(),
        });
    }
    out
}

/// The first date in `s`, as `YYYY-MM-DD`.
pub fn first_date(s: &str) -> Option<String> {
    dates(s).into_iter().next().map(|d| d.iso)
}

/// The first clock time in `s`, as 24-hour `HH:MM`.
pub fn first_time(s: &str) -> Option<String> {
    for c in TIME.captures_iter(s) {
        let Ok(h) = c[1].parse::<u32>() else { continue };
        let m = c.get(2).map_or(Ok(0), |m| m.as_str().parse::<u32>()).unwrap_or(99);
        if !(1..=12).contains(&h) || m > 59 {
            continue;
        }
        let pm = c[3].to_ascii_lowercase().starts_with('p');
        let h24 = match (h, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
        return Some(format!("{h24:02}:{m:02}"));
    }
    if s.to_ascii_lowercase().contains("noon") {
        return Some("12:00".into());
    }
    None
}

/// True when the line is only a date (with an optional weekday), as at the foot of a summons.
pub fn is_date_line(s: &str) -> bool {
    let t = s.trim();
    WEEKDAY_ONLY_LINE.is_match(t) && first_date(t).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn council_dates() {
        assert_eq!(
            first_date("Monday, 26th June, 2017, at 10.00 am").as_deref(),
            Some("2017-06-26")
        );
        assert_eq!(first_date("on Thursday, 13 July 2017.").as_deref(), Some("2017-07-13"));
        assert_eq!(first_date("16th January 2025").as_deref(), Some("2025-01-16"));
        assert_eq!(first_date("Thursday, 21st November, 2024.").as_deref(), Some("2024-11-21"));
        assert_eq!(first_date("3 rd April 2017").as_deref(), Some("2017-04-03"));
        assert_eq!(first_date("31 February 2017"), None);
        assert_eq!(first_date("2016-17 budget"), None);
    }

    #[test]
    fn times() {
        assert_eq!(first_time("at 10.00 am").as_deref(), Some("10:00"));
        assert_eq!(first_time("10.30 am").as_deref(), Some("10:30"));
        assert_eq!(first_time("2pm").as_deref(), Some("14:00"));
        assert_eq!(first_time("12.30 p.m.").as_deref(), Some("12:30"));
        assert_eq!(first_time("Pages 7 - 16"), None);
    }

    #[test]
    fn date_lines() {
        assert!(is_date_line("Friday, 16 June 2017"));
        assert!(is_date_line("Wednesday, 8 January 2025"));
        assert!(!is_date_line("Monday, 26th June, 2017, at 10.00 am"));
    }
}
