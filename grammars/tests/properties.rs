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

    #[test]
    fn dates_never_panic_and_keep_raw(s in tricky(), t in date_like()) {
        for x in [&s, &t] {
            if let Some(d) = grammars::dates::parse_written_date(x) {
                prop_assert_eq!(d.raw.as_str(), x.trim());
                prop_assert_eq!(d.iso.len(), 10);
            }
            if let Some(d) = grammars::dates::find_written_date(x) {
                prop_assert!(x.contains(&d.raw));
            }
            if let Some(tm) = grammars::dates::find_time(x) {
                prop_assert!(x.contains(&tm.raw));
                prop_assert_eq!(tm.hhmm.len(), 5);
            }
        }
    }

    #[test]
    fn agenda_never_panics_and_keeps_raw(s in tricky(), t in agenda_like()) {
        for x in [&s, &t] {
            if let Some(a) = grammars::agenda::parse_item_number(x) {
                prop_assert!(x.starts_with(a.number) && x.ends_with(a.rest) && !a.rest.is_empty());
            }
            if let Some(h) = grammars::minutes::parse_minute_heading(x) {
                prop_assert!(x.ends_with(h.title) && !h.title.is_empty());
            }
            let _ = grammars::minutes::is_minutes_opening(x);
            let _ = grammars::minutes::is_resolution(x);
            prop_assert!(x.ends_with(grammars::minutes::strip_para_number(x)));
            for d in grammars::agenda::find_decision_numbers(x) {
                prop_assert!(x.contains(&d.raw));
            }
            if let Some((r, span)) = grammars::agenda::find_page_range(x) {
                prop_assert_eq!(&x[span], r.raw.as_str());
            }
        }
    }

    #[test]
    fn rag_tokens_never_panic(s in tricky()) {
        let _ = grammars::rag::parse_rag(&s);
        let _ = grammars::rag::parse_polarity(&s);
        if let Some(d) = grammars::rag::parse_direction(&s) {
            prop_assert_eq!(d.raw.as_str(), s.trim());
        }
        let _ = grammars::rag::parse_indicator_code(&s);
    }

    #[test]
    fn stamps_never_panic_and_keep_a_range_of_the_text(s in tricky(), t in stamp_like()) {
        for x in [s.as_str(), t.as_str()] {
            let n = x.chars().count();
            for f in [
                grammars::stamps::whole(x),
                grammars::stamps::in_line(x),
                grammars::stamps::in_cell(x),
            ]
            .into_iter()
            .flatten()
            {
                prop_assert!(f.keep.0 <= f.keep.1 && f.keep.1 <= n, "{:?} of {:?}", f.keep, x);
                prop_assert!(x.contains(f.text.as_str()));
            }
        }
    }

    #[test]
    fn prose_counts_never_panic(s in tricky(), t in counts_like()) {
        for text in [&s, &t] {
            for c in grammars::counts::find_counts(text) {
                prop_assert_eq!(grammars::counts::number(&c.raw), Some(c.value));
                prop_assert!(text.to_lowercase().contains(&c.raw));
            }
        }
    }

    #[test]
    fn votes_never_panic_and_keep_raw(s in tricky(), t in names_like()) {
        for x in [&s, &t] {
            if let Some(h) = grammars::votes::parse_heading(x) {
                prop_assert_eq!(h.raw.as_str(), x.trim());
            }
            let l = grammars::votes::parse_names(x);
            prop_assert_eq!(&l.raw, x);
            for n in &l.names {
                prop_assert!(!n.name.is_empty());
            }
            if let Some(c) = grammars::votes::find_count_only(x) {
                prop_assert!(!c.raw.is_empty());
            }
            let _ = grammars::votes::parse_outcome(x);
            let _ = grammars::votes::find_outcome(x);
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

fn from_words(words: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(words), 0..12).prop_map(|v| v.concat())
}

fn counts_like() -> impl Strategy<Value = String> {
    from_words(&[
        " 17",
        " Nine",
        " twenty-one",
        " of",
        " the",
        " 38",
        " indicators",
        " are",
        " rated",
        " as",
        " Green",
        " Amber",
        " Red",
        " (one",
        " more)",
        " ,",
        " with",
        " and",
        " improving",
        " trend",
        " showing",
        " a",
        " fall",
        " in",
        " performance",
        " no",
        " change",
        " 3,243",
        " 90%",
        " 6.",
        " KPI",
        " 8:",
        " Of",
        " four",
        " Red",
        " KPIs",
    ])
}

fn date_like() -> impl Strategy<Value = String> {
    from_words(&[
        "Thursday", ", ", " ", "16", "th", "31", "29", "January", "Feb", "2025", "1900", "/", ".",
        "-", "10.00", "am", "pm", ":", "12", "noon", "p.m.", "0",
    ])
}

fn stamp_like() -> impl Strategy<Value = String> {
    from_words(&[
        "Page",
        "page",
        "12",
        "4567",
        "Agenda",
        "Item",
        "A4",
        "7.1",
        "This",
        "is",
        "intentionally",
        "left",
        "blank",
        ".",
        "SEND",
        "…plan.",
        "  ",
    ])
}

fn agenda_like() -> impl Strategy<Value = String> {
    from_words(&[
        "- ", "A4", "3.", " ", "Minutes", "(Pages ", "(Page ", "7", " - ", "16", ")", "17/00013",
        "17 00024", "–", "(", "99999",
    ])
}

fn names_like() -> impl Strategy<Value = String> {
    from_words(&[
        "Mr",
        "Mrs",
        "Sir",
        " ",
        ",",
        ", ",
        ".",
        "S",
        "Prendergast",
        "CBE",
        "OBE",
        "(",
        ")",
        "Chairman",
        " and ",
        "For (",
        "48",
        "Against",
        "abstention",
        "10 for",
        "carried",
        "lost",
        "Motion",
        "without a formal vote",
        "\n",
    ])
}
