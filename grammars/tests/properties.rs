//! Property tests: every grammar accepts any input without panicking and keeps the raw text.

use proptest::prelude::*;
use rust_decimal::Decimal;

/// Characters the grammars care about, mixed with arbitrary ones.
fn tricky() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> =
        "0123456789£$€-–—−+()[],.%*¹²³ \t\nmkbnMKBN'’s/AaNnForAgainstbtsMrDCBEO:<>u_"
            .chars()
            .collect();
    prop_oneof![
        prop::collection::vec(prop::sample::select(alphabet), 0..40)
            .prop_map(|v| v.into_iter().collect::<String>()),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn amount_never_panics_and_keeps_raw(s in tricky()) {
        let a = grammars::amount::parse(&s);
        prop_assert_eq!(&a.raw, &s);
        // A value and a nil mark never come together.
        prop_assert!(!(a.nil && a.value.is_some()));
        let _ = a.scaled_value();
    }

    #[test]
    fn units_never_panic_and_keep_raw(s in tricky()) {
        if let Some(u) = grammars::units::parse(&s) {
            prop_assert_eq!(u.raw.as_str(), s.trim());
        }
        if let Some(u) = grammars::units::find(&s) {
            prop_assert!(s.contains(&u.raw));
        }
    }

    /// Any decimal printed with thousands separators, brackets or a sign reads back exactly.
    #[test]
    fn printed_amounts_read_back(units in 0u64..10_000_000_000, frac in 0u32..1000, dp in 0u32..4,
                                 style in 0u8..4) {
        let int = group(units);
        let frac_txt = if dp == 0 { String::new() } else { format!(".{:0width$}", frac % 10u32.pow(dp), width = dp as usize) };
        let body = format!("{int}{frac_txt}");
        let text = match style {
            0 => body.clone(),
            1 => format!("({body})"),
            2 => format!("-£{body}"),
            _ => format!("£{body}m"),
        };
        let a = grammars::amount::parse(&text);
        let mut expect: Decimal = body.replace(',', "").parse().unwrap();
        if (style == 1 || style == 2) && !expect.is_zero() {
            expect = -expect;
        }
        prop_assert_eq!(a.value, Some(expect));
        prop_assert_eq!(a.decimals, dp);
    }
}

fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
