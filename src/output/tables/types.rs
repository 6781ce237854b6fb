//! Typed warehouse values: dates, times of day and exact decimal amounts, written so that the
//! Parquet files and DuckDB's reading of the JSON Lines agree.
//!
//! | Rust | JSON Lines | JSON Schema | Parquet / DuckDB |
//! | --- | --- | --- | --- |
//! | [`Date`] | `"2025-06-16"` | `string`, `format: date` | `DATE` |
//! | [`Time`] | `"18:30:00"` | `string`, `format: time` | `TIME` |
//! | [`Dec`] | `-1234.50` (a number, its digits exact) | `number`, `format: decimal` | `DECIMAL(38, 6)` |
//! | `u32`, `u64` | `12` | `integer` | `BIGINT` |
//!
//! DuckDB reads a JSON date string as `DATE` and a time as `TIME`, as Parquet has them. It reads
//! a JSON number with a decimal point as `DOUBLE`: the digits written are the exact decimal
//! (never rounded through a float), so `CAST(x AS DECIMAL(38, 6))` recovers it exactly; the
//! Parquet files carry the `DECIMAL` itself. Every amount is written with a decimal point, so a
//! column never reads as `BIGINT` in one run and `DOUBLE` in another.

use std::borrow::Cow;

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// Digits of every `DECIMAL` column.
pub const DECIMAL_PRECISION: u8 = 38;
/// Digits after the point of every `DECIMAL` column: amounts printed with more are rounded.
pub const DECIMAL_SCALE: u32 = 6;

/// A calendar date, `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Date(String);

impl Date {
    /// An ISO date that exists on the calendar (`2025-02-29` does not), else `None`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (y >= 1 && (1..=days).contains(&d)).then(|| Date(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl JsonSchema for Date {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "date" })
    }
}

/// A time of day, `HH:MM:SS` (24-hour).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Time(String);

impl Time {
    /// `HH:MM` or `HH:MM:SS` within the day, else `None`.
    pub fn parse(s: &str) -> Option<Time> {
        let mut parts = s.split(':');
        let mut next = |max: u32| -> Option<Option<u32>> {
            match parts.next() {
                None => Some(None),
                Some(p) if p.len() == 2 => p.parse::<u32>().ok().filter(|v| *v <= max).map(Some),
                Some(_) => None,
            }
        };
        let (h, m, sec) = (next(23)??, next(59)??, next(59)?.unwrap_or(0));
        parts.next().is_none().then(|| Time(format!("{h:02}:{m:02}:{sec:02}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl JsonSchema for Time {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Time".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "time" })
    }
}

/// An exact decimal amount (`DECIMAL(38, 6)`), written to JSON as a number with its exact digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dec(Decimal);

impl Dec {
    /// The amount, rounded to [`DECIMAL_SCALE`] places if it has more.
    pub fn new(d: Decimal) -> Dec {
        Dec(if d.scale() > DECIMAL_SCALE { d.round_dp(DECIMAL_SCALE) } else { d })
    }

    pub fn value(&self) -> Decimal {
        self.0
    }

    /// The JSON number: the decimal's digits, always with a decimal point.
    pub fn json_text(&self) -> String {
        let s = self.0.to_string();
        if s.contains('.') { s } else { format!("{s}.0") }
    }
}

impl From<Decimal> for Dec {
    fn from(d: Decimal) -> Dec {
        Dec::new(d)
    }
}

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        RawValue::from_string(self.json_text()).map_err(S::Error::custom)?.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Dec, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        let text = raw.get().trim_matches('"');
        let value = text
            .parse::<Decimal>()
            .or_else(|_| Decimal::from_scientific(text))
            .map_err(|e| D::Error::custom(format!("not a decimal {text:?}: {e}")))?;
        Ok(Dec::new(value))
    }
}

impl JsonSchema for Dec {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Decimal".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "number",
            "format": "decimal",
            "x-precision": DECIMAL_PRECISION,
            "x-scale": DECIMAL_SCALE,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_are_checked_and_times_get_seconds() {
        assert_eq!(Date::parse("2025-06-16").map(|d| d.0), Some("2025-06-16".into()));
        assert_eq!(Date::parse("2024-02-29").map(|d| d.0), Some("2024-02-29".into()));
        assert!(Date::parse("2025-02-29").is_none());
        assert!(Date::parse("2025-13-01").is_none());
        assert!(Date::parse("16 June 2025").is_none());
        assert_eq!(Time::parse("18:30").map(|t| t.0), Some("18:30:00".into()));
        assert_eq!(Time::parse("09:05:07").map(|t| t.0), Some("09:05:07".into()));
        assert!(Time::parse("24:00").is_none());
        assert!(Time::parse("9:30").is_none());
        assert!(Time::parse("10:00 am").is_none());
    }

    #[test]
    fn decimals_are_json_numbers_with_their_exact_digits() -> Result<(), serde_json::Error> {
        let d = |s: &str| Dec::new(s.parse::<Decimal>().unwrap_or_default());
        let row = vec![Some(d("-1234.50")), Some(d("255450")), None, Some(d("0.1234567"))];
        let json = serde_json::to_string(&row)?;
        assert_eq!(json, "[-1234.50,255450.0,null,0.123457]");
        let back: Vec<Option<Dec>> = serde_json::from_str(&json)?;
        assert_eq!(back, row);
        // Digits beyond a double's precision survive.
        let big = d("12345678901234567.25");
        assert_eq!(serde_json::to_string(&big)?, "12345678901234567.25");
        Ok(())
    }
}
