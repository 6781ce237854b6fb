//! Tolerance from printed precision.
//!
//! A figure printed to `d` decimals stands for any value within half a unit of its last digit
//! (`0.5 x 10^-d`). A relation between printed figures therefore holds "up to rounding" when the
//! difference is no larger than the sum of those half-units over the figures it combines: a sum of
//! `n` terms shown to 0.1 may differ from its printed total by up to `n x 0.05`. Such a difference is
//! a `rounding` finding; anything beyond is an `error`.

use rust_decimal::Decimal;

use crate::model::Severity;
use grammars::amount::Amount;

/// A printed number: its value (scale suffix applied) and the decimals it was printed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Num {
    pub value: Decimal,
    pub decimals: u32,
    /// Printed with a `%` sign.
    pub percent: bool,
    /// Scale factor the printed suffix implied (1 when none).
    pub scale: Decimal,
}

impl Num {
    pub fn new(value: Decimal, decimals: u32) -> Self {
        Num { value, decimals, percent: false, scale: Decimal::ONE }
    }

    /// The number an amount stands for; `None` for text. Nil marks read as zero.
    pub fn from_amount(a: &Amount) -> Option<Num> {
        let scale = scale_factor(a.scale.as_deref());
        match a.value {
            Some(v) => {
                Some(Num { value: v * scale, decimals: a.decimals, percent: a.percent, scale })
            }
            None if a.nil => {
                Some(Num { value: Decimal::ZERO, decimals: 0, percent: a.percent, scale })
            }
            None => None,
        }
    }

    /// Half a unit of the last printed digit, in the value's own scale.
    pub fn half_unit(&self) -> Decimal {
        half_unit(self.decimals) * self.scale
    }

    /// True when the figure was printed as a nil mark or zero.
    pub fn is_zero(&self) -> bool {
        self.value.is_zero()
    }
}

/// The multiplier of a printed scale suffix ("k", "m", "bn").
pub fn scale_factor(s: Option<&str>) -> Decimal {
    match s.map(|s| s.trim().to_ascii_lowercase()) {
        Some(s) if s == "k" => Decimal::from(1_000),
        Some(s) if s == "m" || s == "mill" || s == "mn" => Decimal::from(1_000_000),
        Some(s) if s == "bn" || s == "b" => Decimal::from(1_000_000_000u64),
        _ => Decimal::ONE,
    }
}

/// `0.5 x 10^-decimals`.
pub fn half_unit(decimals: u32) -> Decimal {
    Decimal::new(5, decimals.min(26) + 1)
}

/// The tolerance of a relation combining `operands` into `result`: the sum of their half units.
pub fn relation_tolerance(operands: &[Num], result: &Num) -> Decimal {
    operands.iter().map(Num::half_unit).sum::<Decimal>() + result.half_unit()
}

/// Classifies a difference against a tolerance: `None` when exact, `Rounding` within, `Error`
/// beyond.
pub fn classify(diff: Decimal, tolerance: Decimal) -> Option<Severity> {
    let d = diff.abs();
    if d.is_zero() {
        None
    } else if d <= tolerance {
        Some(Severity::Rounding)
    } else {
        Some(Severity::Error)
    }
}

/// Classifies a printed value against an exactly computed one (a ratio, a percentage): within half a
/// unit of the last digit is simply the printing; within a whole unit is rounding (for example
/// half-down or truncation); beyond is an error.
pub fn classify_computed(printed: &Num, computed: Decimal) -> Option<Severity> {
    let d = (printed.value - computed).abs();
    let h = printed.half_unit();
    let eps = h / Decimal::from(100);
    if d <= h + eps {
        None
    } else if d <= h * Decimal::TWO + eps {
        Some(Severity::Rounding)
    } else {
        Some(Severity::Error)
    }
}

/// Rounds `v` half-up to `decimals`.
pub fn round_to(v: Decimal, decimals: u32) -> Decimal {
    v.round_dp_with_strategy(decimals, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// Formats a decimal for messages without trailing noise.
pub fn show(v: Decimal) -> String {
    v.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn n(s: &str) -> Num {
        let v = Decimal::from_str(s).unwrap();
        Num::new(v, s.split('.').nth(1).map(|f| f.len() as u32).unwrap_or(0))
    }

    #[test]
    fn half_units() {
        assert_eq!(half_unit(0), Decimal::from_str("0.5").unwrap());
        assert_eq!(half_unit(1), Decimal::from_str("0.05").unwrap());
        assert_eq!(half_unit(3), Decimal::from_str("0.0005").unwrap());
    }

    #[test]
    fn table_1_chandler_net_is_rounding() {
        // CYPE Table 1: Chandler November 17.2 - 8.1 = 9.1, printed 9.2.
        let ops = [n("17.2"), n("-8.1")];
        let total = n("9.2");
        let diff = total.value - (ops[0].value + ops[1].value);
        assert_eq!(classify(diff, relation_tolerance(&ops, &total)), Some(Severity::Rounding));
    }

    #[test]
    fn authorised_limit_total_is_error() {
        // 1,015 + 258 = 1,273, printed 1,263.
        let ops = [n("1015"), n("258")];
        let total = n("1263");
        let diff = total.value - (ops[0].value + ops[1].value);
        assert_eq!(classify(diff, relation_tolerance(&ops, &total)), Some(Severity::Error));
        assert_eq!(classify(Decimal::ZERO, Decimal::ONE), None);
    }

    #[test]
    fn computed_ratios() {
        // 9 / 31 x 100 = 29.03 printed 28.1: error. 252 / 388 x 100 = 64.948 printed 65.0:
        // rounding. 757 / 1036 x 100 = 73.07 printed 73.1: fine.
        let pct = |a: i64, b: i64| Decimal::from(a) * Decimal::ONE_HUNDRED / Decimal::from(b);
        assert_eq!(classify_computed(&n("28.1"), pct(9, 31)), Some(Severity::Error));
        assert_eq!(classify_computed(&n("65.0"), pct(252, 388)), Some(Severity::Rounding));
        assert_eq!(classify_computed(&n("73.1"), pct(757, 1036)), None);
    }

    #[test]
    fn scaled_amounts() {
        assert_eq!(scale_factor(Some("m")), Decimal::from(1_000_000));
        assert_eq!(scale_factor(None), Decimal::ONE);
        assert_eq!(round_to(Decimal::from_str("12.5").unwrap(), 0), Decimal::from(13));
        assert_eq!(show(Decimal::from_str("1.500").unwrap()), "1.5");
    }
}
