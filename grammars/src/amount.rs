//! Amounts as printed in council tables: signs, brackets, currency, scale suffixes, nil marks.

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
}

fn is_false(v: &bool) -> bool {
    !*v
}
