//! Units and scale read from table headers, row labels and captions: `£'000`, `£000s`,
//! `£000's`, `(£ 000's)`, `£k`, `£m`, `(£m)`, `£bn`, `£ million`, `£`, `%`.
//!
//! [`parse`] reads a whole cell that is only a unit; [`find`] looks for a unit token anywhere in a
//! label or caption ("Net Budget (£m)", "All figures in £'000").

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, tag_no_case},
    character::complete::{char, space0},
    combinator::opt,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The scale a unit implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    Units,
    Thousands,
    Millions,
    Billions,
}

impl Scale {
    /// Power of ten the scale stands for.
    pub fn exponent(self) -> u32 {
        match self {
            Scale::Units => 0,
            Scale::Thousands => 3,
            Scale::Millions => 6,
            Scale::Billions => 9,
        }
    }
}

/// A unit as printed with what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Unit {
    /// The token exactly as printed ("£000's", "(£m)").
    pub raw: String,
    /// Currency sign, where printed.
    pub currency: Option<String>,
    pub scale: Scale,
    /// A percentage column or row.
    pub percent: bool,
}

impl Unit {
    /// A canonical spelling: "£", "£'000", "£m", "£bn", "%".
    pub fn canonical(&self) -> String {
        if self.percent {
            return "%".to_string();
        }
        let cur = self.currency.clone().unwrap_or_default();
        match self.scale {
            Scale::Units => cur,
            Scale::Thousands => format!("{cur}'000"),
            Scale::Millions => format!("{cur}m"),
            Scale::Billions => format!("{cur}bn"),
        }
    }
}

fn currency(i: &str) -> IResult<&str, &str> {
    alt((tag("£"), tag("$"), tag("€"))).parse(i)
}

fn end_of_word(i: &str) -> bool {
    !i.chars().next().is_some_and(|c| c.is_alphanumeric())
}

fn fail(i: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag))
}

/// `'000`, `000`, `000s`, `000's`, `'000s`, `k`, `m`, `ms`, `bn`, `million(s)`, `thousand(s)`.
fn scale_word(i: &str) -> IResult<&str, Scale> {
    let (i, _) = space0(i)?;
    let thousands = |i| -> IResult<&str, Scale> {
        let (i, _) = opt(alt((char('\''), char('’')))).parse(i)?;
        let (i, _) = tag("000")(i)?;
        let (i, _) = opt(alt((tag("'s"), tag("’s"), tag("s")))).parse(i)?;
        Ok((i, Scale::Thousands))
    };
    let (i, s) = alt((
        thousands,
        |i| tag_no_case("thousands")(i).map(|(i, _)| (i, Scale::Thousands)),
        |i| tag_no_case("thousand")(i).map(|(i, _)| (i, Scale::Thousands)),
        |i| tag_no_case("millions")(i).map(|(i, _)| (i, Scale::Millions)),
        |i| tag_no_case("million")(i).map(|(i, _)| (i, Scale::Millions)),
        |i| tag_no_case("bn")(i).map(|(i, _)| (i, Scale::Billions)),
        |i| tag_no_case("ms")(i).map(|(i, _)| (i, Scale::Millions)),
        |i| tag_no_case("m")(i).map(|(i, _)| (i, Scale::Millions)),
        |i| tag_no_case("k")(i).map(|(i, _)| (i, Scale::Thousands)),
    ))
    .parse(i)?;
    if !end_of_word(i) {
        return Err(fail(i));
    }
    Ok((i, s))
}

/// A unit token at the start of the input: `£`-led units, bare `'000`, or `%`; optionally in
/// brackets.
fn unit_token(i: &str) -> IResult<&str, (Option<String>, Scale, bool)> {
    let (i, open) = opt(pair_open).parse(i)?;
    let (i, res) = alt((
        |i| {
            let (i, c) = currency(i)?;
            let (i, s) = opt(scale_word).parse(i)?;
            Ok((i, (Some(c.to_string()), s.unwrap_or(Scale::Units), false)))
        },
        |i| {
            let (i, _) = alt((char('\''), char('’'))).parse(i)?;
            let (i, _) = tag("000")(i)?;
            let (i, _) = opt(alt((tag("'s"), tag("’s"), tag("s")))).parse(i)?;
            Ok((i, (None, Scale::Thousands, false)))
        },
        |i| char('%')(i).map(|(i, _)| (i, (None, Scale::Units, true))),
    ))
    .parse(i)?;
    let i = if open.is_some() { (space0, char(')')).parse(i)?.0 } else { i };
    Ok((i, res))
}

fn pair_open(i: &str) -> IResult<&str, char> {
    let (i, c) = char('(')(i)?;
    let (i, _) = space0(i)?;
    Ok((i, c))
}

/// Parses a cell that is only a unit (surrounding whitespace and `**` markup allowed).
pub fn parse(raw: &str) -> Option<Unit> {
    let cleaned = crate::amount::strip_markup(raw);
    let s = cleaned.trim();
    let (rest, (currency, scale, percent)) = unit_token(s).ok()?;
    if !rest.trim().is_empty() {
        return None;
    }
    Some(Unit { raw: raw.trim().to_string(), currency, scale, percent })
}

/// Finds the first unit token in a header, label or caption. A bare `£` or `%` counts only when
/// it stands alone as a word or in brackets (so "£3.1m" in a sentence is not a unit).
pub fn find(text: &str) -> Option<Unit> {
    let mut idx = 0;
    while idx < text.len() {
        let rest = &text[idx..];
        let prev = text[..idx].chars().next_back();
        let starts_word = prev.is_none_or(|c| !c.is_alphanumeric());
        if starts_word && let Ok((after, (currency, scale, percent))) = unit_token(rest) {
            let alone =
                !after.trim_start().chars().next().is_some_and(|c| c.is_ascii_digit() || c == '.');
            let is_pct_after_number = percent && prev.is_some_and(|c| c.is_ascii_digit());
            if alone && !is_pct_after_number {
                let raw = &rest[..rest.len() - after.len()];
                return Some(Unit { raw: raw.trim().to_string(), currency, scale, percent });
            }
        }
        idx += rest.chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> Option<String> {
        parse(s).map(|u| u.canonical())
    }

    #[test]
    fn header_cells() {
        assert_eq!(canon("£'000").as_deref(), Some("£'000"));
        assert_eq!(canon("£000s").as_deref(), Some("£'000"));
        assert_eq!(canon("£000's").as_deref(), Some("£'000"));
        assert_eq!(canon("£'000s").as_deref(), Some("£'000"));
        assert_eq!(canon("£000").as_deref(), Some("£'000"));
        assert_eq!(canon("(£ 000's)").as_deref(), Some("£'000"));
        assert_eq!(canon("£m").as_deref(), Some("£m"));
        assert_eq!(canon("(£m)").as_deref(), Some("£m"));
        assert_eq!(canon("£ms").as_deref(), Some("£m"));
        assert_eq!(canon("£k").as_deref(), Some("£'000"));
        assert_eq!(canon("£bn").as_deref(), Some("£bn"));
        assert_eq!(canon("£ million").as_deref(), Some("£m"));
        assert_eq!(canon("£").as_deref(), Some("£"));
        assert_eq!(canon("%").as_deref(), Some("%"));
        assert_eq!(canon("**£m**").as_deref(), Some("£m"));
        let u = parse(" £000's ").unwrap();
        assert_eq!(u.raw, "£000's");
        assert_eq!(u.scale, Scale::Thousands);
        assert_eq!(u.currency.as_deref(), Some("£"));
    }

    #[test]
    fn not_units() {
        assert_eq!(parse("£3.1m"), None);
        assert_eq!(parse("Total"), None);
        assert_eq!(parse("£money"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn found_in_labels_and_captions() {
        assert_eq!(find("Net Budget (£m)").map(|u| u.canonical()).as_deref(), Some("£m"));
        assert_eq!(find("Net Budget (£m)").map(|u| u.raw).as_deref(), Some("(£m)"));
        assert_eq!(find("All figures in £'000").map(|u| u.canonical()).as_deref(), Some("£'000"));
        assert_eq!(find("Cash Limit £000s").map(|u| u.scale), Some(Scale::Thousands));
        assert_eq!(find("Variance %").map(|u| u.percent), Some(true));
        assert_eq!(find("2018-19\t£m").map(|u| u.canonical()).as_deref(), Some("£m"));
    }

    #[test]
    fn amounts_in_sentences_are_not_units() {
        assert_eq!(find("savings of £55.8m are deliverable"), None);
        assert_eq!(find("rate of 57.2% in the year"), None);
        assert_eq!(find("a model of the economy"), None);
        assert_eq!(find("£13, 577, 000"), None);
    }
}
