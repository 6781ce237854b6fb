//! Amounts as printed in council tables: signs, brackets, currency, scale suffixes, nil marks.
//!
//! [`parse`] never fails: text that is not an amount comes back with `value: None` and its raw
//! text kept, so a caller can keep every cell as printed.
//!
//! Accepted forms (surrounding whitespace and inline markup such as `**`, `<b>` ignored):
//! `+1,234.5`, `-£6.1`, `£-27.8`, `(8.027)` (negative), `£(8.0m)`, `-` / `–` / `—` / `_` / blank
//! (nil), `0.000`, `N/A` / `n/a` (not applicable), `£3.1m`, `£518.5k`, `£1.2bn`,
//! `£13, 577, 000` (stray spaces after thousands separators), `28*` and `28¹` (footnote marks),
//! `12.5%`, `−3.2%` (U+2212 minus).

use std::borrow::Cow;
use std::str::FromStr;

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, tag_no_case, take_while, take_while_m_n, take_while1},
    character::complete::{char, digit1, space0},
    combinator::{opt, recognize},
    multi::many0,
    sequence::{pair, preceded},
};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A value as printed, with its parsed number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Amount {
    /// The cell text exactly as printed.
    pub raw: String,
    /// The parsed number (scale suffix such as `m` not applied; see `scale`). `None` for nil
    /// marks and text.
    #[serde(with = "rust_decimal::serde::str_option")]
    #[schemars(with = "Option<String>")]
    pub value: Option<Decimal>,
    /// Nil shown as `-`, `–`, `_` or similar.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nil: bool,
    /// Printed with a `%` sign.
    #[serde(default, skip_serializing_if = "is_false")]
    pub percent: bool,
    /// Printed with a currency sign.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Scale suffix as printed: "k", "m", "bn".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    /// Footnote mark after the number (`*`, `¹`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub footnote: Option<String>,
    /// Digits after the decimal point as printed (for rounding tolerance).
    pub decimals: u32,
    /// Printed as "not applicable" (`N/A`, `n/a`, `n.a.`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub not_applicable: bool,
    /// Printed in brackets, the accountants' negative.
    #[serde(default, skip_serializing_if = "is_false")]
    pub bracketed: bool,
}

fn is_false(v: &bool) -> bool {
    !*v
}

impl Amount {
    /// An amount holding only its raw text (not a number, not nil).
    pub fn text(raw: &str) -> Amount {
        Amount {
            raw: raw.to_string(),
            value: None,
            nil: false,
            percent: false,
            currency: None,
            scale: None,
            footnote: None,
            decimals: 0,
            not_applicable: false,
            bracketed: false,
        }
    }

    /// True when a number was read.
    pub fn is_number(&self) -> bool {
        self.value.is_some()
    }

    /// The multiplier of the printed scale suffix (`k` = 1,000, `m` = 1,000,000, `bn` =
    /// 1,000,000,000); 1 when there is none.
    pub fn scale_factor(&self) -> Decimal {
        match self.scale.as_deref().map(str::to_ascii_lowercase).as_deref() {
            Some("k") => Decimal::from(1_000u32),
            Some("m") => Decimal::from(1_000_000u32),
            Some("bn") => Decimal::from(1_000_000_000u32),
            _ => Decimal::ONE,
        }
    }

    /// The value with the scale suffix applied (`£3.1m` gives 3,100,000), or `None` on overflow.
    pub fn scaled_value(&self) -> Option<Decimal> {
        self.value.and_then(|v| v.checked_mul(self.scale_factor()))
    }

    /// The value, with nil read as zero (for sums). `None` for text and `N/A`.
    pub fn value_or_zero(&self) -> Option<Decimal> {
        if self.nil { Some(Decimal::ZERO) } else { self.value }
    }
}

/// Parses one printed amount. Never fails; see the module documentation for the forms accepted.
pub fn parse(raw: &str) -> Amount {
    let mut out = Amount::text(raw);
    let cleaned = strip_markup(raw);
    let s = cleaned.trim();
    if is_nil(s) {
        out.nil = true;
        return out;
    }
    if is_not_applicable(s) {
        out.not_applicable = true;
        return out;
    }
    // A number has digits (see `magnitude`): words are text without being parsed.
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    if let Ok((rest, n)) = number(s)
        && rest.trim().is_empty()
    {
        let negative = n.negative;
        let digits = n.digits;
        let text = if negative { format!("-{digits}") } else { digits };
        // Too many digits for a Decimal is text, not a panic.
        if let Ok(v) = Decimal::from_str(&text) {
            out.value = Some(v);
            out.decimals = n.decimals;
            out.percent = n.percent;
            out.currency = n.currency;
            out.scale = n.scale;
            out.footnote = n.footnote;
            out.bracketed = n.bracketed;
        }
    }
    out
}

/// Removes a leading list marker from a line: `- `, `• `, `▪ ` or a Symbol-font bullet
/// (U+F0B7); the result is trimmed.
pub fn unbullet(s: &str) -> &str {
    let t = s.trim();
    ["- ", "• ", "▪ ", "\u{f0b7} "]
        .iter()
        .find_map(|m| t.strip_prefix(m))
        .map_or(t, str::trim_start)
}

/// Removes inline emphasis markup a text rendering may leave around a cell: `**`, `__`, `*x*`
/// pairs and simple HTML tags (`<b>`, `</strong>`, `<u>`, `<br>`). Text without any is
/// borrowed as it is.
pub fn strip_markup(s: &str) -> Cow<'_, str> {
    // Most text has no markup at all: nothing below can change it.
    if memchr::memchr3(b'<', b'*', b'_', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let inner = &rest[1..end];
            let name = inner.trim_start_matches('/').trim_end_matches('/').trim();
            if !name.is_empty()
                && name.len() <= 12
                && name.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == ' ')
            {
                rest = &rest[end + 1..];
                continue;
            }
        }
        if rest.starts_with("**") || rest.starts_with("__") {
            rest = &rest[2..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    // A single pair of `*` wrapping the whole cell is italics, not a footnote mark.
    let t = out.trim();
    if t.len() > 2 && t.starts_with('*') && t.ends_with('*') && !t[1..t.len() - 1].contains('*') {
        return Cow::Owned(t[1..t.len() - 1].to_string());
    }
    Cow::Owned(out)
}

/// Nil marks: blank, dashes, underscores, "nil".
pub fn is_nil(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() {
        return true;
    }
    if s.eq_ignore_ascii_case("nil") {
        return true;
    }
    s.chars().count() <= 3 && s.chars().all(|c| matches!(c, '-' | '–' | '—' | '_' | '−' | '‒'))
}

/// "Not applicable" marks: `N/A`, `n/a`, `NA`, `n.a.`, `N/a`.
fn is_not_applicable(s: &str) -> bool {
    if s.trim().len() > 6 {
        return false;
    }
    let t: String = s.trim().chars().filter(|c| !matches!(c, '/' | '.' | ' ')).collect();
    t.eq_ignore_ascii_case("na") && s.trim().len() <= 6
}

struct Num {
    negative: bool,
    digits: String,
    decimals: u32,
    percent: bool,
    currency: Option<String>,
    scale: Option<String>,
    footnote: Option<String>,
    bracketed: bool,
}

fn minus(i: &str) -> IResult<&str, &str> {
    alt((tag("-"), tag("−"), tag("–"), tag("‒"))).parse(i)
}

fn sign(i: &str) -> IResult<&str, bool> {
    let (i, s) = opt(alt((minus, tag("+")))).parse(i)?;
    let (i, _) = if s.is_some() { space0(i)? } else { (i, "") };
    Ok((i, matches!(s, Some(x) if x != "+")))
}

fn currency(i: &str) -> IResult<&str, &str> {
    let (i, c) = alt((tag("£"), tag("$"), tag("€"), tag_no_case("GBP"))).parse(i)?;
    let (i, _) = space0(i)?;
    Ok((i, c))
}

/// Digits with optional thousands separators (a comma, possibly followed by stray spaces, then
/// exactly three digits) and an optional fraction. Returns (digits without separators, decimals).
fn magnitude(i: &str) -> IResult<&str, (String, u32)> {
    let group =
        preceded(pair(char(','), space0), take_while_m_n(3, 3, |c: char| c.is_ascii_digit()));
    let int_part = recognize(pair(digit1, many0(group)));
    let (i, int) = opt(int_part).parse(i)?;
    let (i, frac) = opt(preceded(char('.'), digit1)).parse(i)?;
    if int.is_none() && frac.is_none() {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Digit)));
    }
    // The three-digit group must not be followed by a further digit ("1,2345" is not a number).
    let mut digits: String =
        int.unwrap_or("0").chars().filter(|c| c.is_ascii_digit()).collect::<String>();
    if digits.is_empty() {
        digits.push('0');
    }
    let decimals = frac.map(|f| f.len() as u32).unwrap_or(0);
    if let Some(f) = frac {
        digits.push('.');
        digits.push_str(f);
    }
    Ok((i, (digits, decimals)))
}

fn scale(i: &str) -> IResult<&str, &str> {
    let (i, _) = space0(i)?;
    let (i, s) = alt((
        tag_no_case("bn"),
        tag_no_case("billion"),
        tag_no_case("million"),
        tag_no_case("m"),
        tag_no_case("k"),
    ))
    .parse(i)?;
    // A scale letter must end the word ("28 months" is not 28m).
    if i.chars().next().is_some_and(|c| c.is_alphanumeric()) {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)));
    }
    let norm = match s.to_ascii_lowercase().as_str() {
        "billion" | "bn" => "bn",
        "million" | "m" => "m",
        _ => "k",
    };
    Ok((i, norm))
}

fn footnote(i: &str) -> IResult<&str, &str> {
    let (i, _) = space0(i)?;
    alt((
        take_while1(|c: char| c == '*' || c == '†' || c == '‡'),
        take_while1(is_superscript_digit),
    ))
    .parse(i)
}

/// Superscript digits used as footnote marks.
fn is_superscript_digit(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '⁰' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹')
}

/// sign? currency? sign? body   where body is `( ... )` or a bare magnitude, then scale? %? note?
fn number(i: &str) -> IResult<&str, Num> {
    let (i, neg1) = sign(i)?;
    let (i, cur1) = opt(currency).parse(i)?;
    let (i, neg2) = if neg1 { (i, false) } else { sign(i)? };
    let (i, open) = opt(pair(char('('), space0)).parse(i)?;
    let bracketed = open.is_some();
    let (i, cur2) = if cur1.is_none() { opt(currency).parse(i)? } else { (i, None) };
    let (i, neg3) = if bracketed && !neg1 && !neg2 { sign(i)? } else { (i, false) };
    let (i, (digits, decimals)) = magnitude(i)?;
    let (i, sc) = opt(scale).parse(i)?;
    let (i, pct1) = opt(preceded(space0, char('%'))).parse(i)?;
    let i = if bracketed { pair(space0, char(')')).parse(i)?.0 } else { i };
    let (i, sc2) = if sc.is_none() { opt(scale).parse(i)? } else { (i, None) };
    let (i, pct2) =
        if pct1.is_none() { opt(preceded(space0, char('%'))).parse(i)? } else { (i, None) };
    let (i, note) = opt(footnote).parse(i)?;
    let (i, _) = take_while(char::is_whitespace)(i)?;
    let negative = neg1 || neg2 || neg3 || bracketed;
    let zero = digits.chars().all(|c| c == '0' || c == '.');
    Ok((
        i,
        Num {
            negative: negative && !zero,
            digits,
            decimals,
            percent: pct1.is_some() || pct2.is_some(),
            currency: cur1
                .or(cur2)
                .map(|c| if c.eq_ignore_ascii_case("gbp") { "£" } else { c }.to_string()),
            scale: sc.or(sc2).map(str::to_string),
            footnote: note.map(str::to_string),
            bracketed,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn plain_and_signed() {
        let a = parse("+1,234.5");
        assert_eq!(a.value, Some(d("1234.5")));
        assert_eq!(a.decimals, 1);
        assert_eq!(a.raw, "+1,234.5");
        assert_eq!(parse("-11.7").value, Some(d("-11.7")));
        assert_eq!(parse("−3.2").value, Some(d("-3.2")));
        assert_eq!(parse("– 6.1").value, Some(d("-6.1")));
    }

    #[test]
    fn currency_and_sign_in_either_order() {
        let a = parse("-£6.1");
        assert_eq!(a.value, Some(d("-6.1")));
        assert_eq!(a.currency.as_deref(), Some("£"));
        let b = parse("£-27.8");
        assert_eq!(b.value, Some(d("-27.8")));
        assert_eq!(b.currency.as_deref(), Some("£"));
    }

    #[test]
    fn brackets_are_negative() {
        let a = parse("(8.027)");
        assert_eq!(a.value, Some(d("-8.027")));
        assert_eq!(a.decimals, 3);
        assert!(a.bracketed);
        assert_eq!(parse("£(1,234)").value, Some(d("-1234")));
        assert_eq!(parse("(£8.0m)").value, Some(d("-8.0")));
        assert_eq!(parse("(£8.0m)").scale.as_deref(), Some("m"));
        assert_eq!(parse("(3.2%)").value, Some(d("-3.2")));
        assert!(parse("(3.2%)").percent);
        // An unclosed bracket is text.
        assert_eq!(parse("(8.0").value, None);
    }

    #[test]
    fn nil_marks() {
        for s in ["-", "–", "—", "", "   ", "_", "--", "nil", "**-**"] {
            let a = parse(s);
            assert!(a.nil, "{s:?} is nil");
            assert_eq!(a.value, None);
            assert_eq!(a.value_or_zero(), Some(Decimal::ZERO));
            assert_eq!(a.raw, s);
        }
    }

    #[test]
    fn zero_keeps_precision() {
        let a = parse("0.000");
        assert_eq!(a.value, Some(d("0.000")));
        assert_eq!(a.decimals, 3);
        assert_eq!(a.value.map(|v| v.to_string()).as_deref(), Some("0.000"));
        // A negative zero is plain zero.
        assert_eq!(parse("(0.0)").value.map(|v| v.is_sign_negative()), Some(false));
    }

    #[test]
    fn not_applicable() {
        for s in ["N/A", "n/a", "NA", "n.a.", " N/a "] {
            let a = parse(s);
            assert!(a.not_applicable, "{s:?}");
            assert!(!a.nil);
            assert_eq!(a.value, None);
            assert_eq!(a.value_or_zero(), None);
        }
    }

    #[test]
    fn scale_suffixes() {
        let a = parse("£3.1m");
        assert_eq!(a.value, Some(d("3.1")));
        assert_eq!(a.scale.as_deref(), Some("m"));
        assert_eq!(a.scaled_value(), Some(d("3100000")));
        let k = parse("£518.5k");
        assert_eq!(k.value, Some(d("518.5")));
        assert_eq!(k.scaled_value(), Some(d("518500")));
        let bn = parse("£1.2bn");
        assert_eq!(bn.scale.as_deref(), Some("bn"));
        assert_eq!(bn.scaled_value(), Some(d("1200000000")));
        assert_eq!(parse("£55.8 million").scale.as_deref(), Some("m"));
        // A word starting with m is not a scale.
        assert_eq!(parse("28 months").value, None);
    }

    #[test]
    fn stray_spaces_in_thousands() {
        let a = parse("£13, 577, 000");
        assert_eq!(a.value, Some(d("13577000")));
        assert_eq!(a.decimals, 0);
        assert_eq!(parse("£235,458").value, Some(d("235458")));
        assert_eq!(parse("90,374.00").value, Some(d("90374.00")));
        assert_eq!(parse("6951.85").value, Some(d("6951.85")));
        // Not a thousands group: a list.
        assert_eq!(parse("1,23").value, None);
        assert_eq!(parse("-20,15").value, None);
    }

    #[test]
    fn footnotes_and_superscripts() {
        let a = parse("28*");
        assert_eq!(a.value, Some(d("28")));
        assert_eq!(a.footnote.as_deref(), Some("*"));
        let b = parse("48.0¹");
        assert_eq!(b.value, Some(d("48.0")));
        assert_eq!(b.footnote.as_deref(), Some("¹"));
        assert_eq!(parse("12 †").footnote.as_deref(), Some("†"));
    }

    #[test]
    fn percentages() {
        let a = parse("57.2%");
        assert!(a.percent);
        assert_eq!(a.value, Some(d("57.2")));
        assert_eq!(parse("-0.5 %").value, Some(d("-0.5")));
        assert_eq!(parse("100%").decimals, 0);
    }

    #[test]
    fn markup_is_ignored_raw_is_kept() {
        let a = parse("**105.2**");
        assert_eq!(a.value, Some(d("105.2")));
        assert_eq!(a.raw, "**105.2**");
        assert_eq!(parse("<b>-4.3</b>").value, Some(d("-4.3")));
        assert_eq!(parse("*12.0*").value, Some(d("12.0")));
    }

    #[test]
    fn text_is_not_a_number() {
        for s in ["Total", "0.23% (variable)", "5.10 para", "2018-19", "1.2.3", "£", "%", "()"] {
            let a = parse(s);
            assert_eq!(a.value, None, "{s:?}");
            assert!(!a.nil, "{s:?}");
            assert_eq!(a.raw, s);
        }
    }

    #[test]
    fn huge_numbers_are_text() {
        let a = parse("999999999999999999999999999999999999999");
        assert_eq!(a.value, None);
    }

    #[test]
    fn leading_point() {
        assert_eq!(parse(".5").value, Some(d("0.5")));
        assert_eq!(parse("-.25").decimals, 2);
    }
}
