#![no_main]
//! agenda and minutes: never panic, keep the raw text (the number and title are slices of the line).

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    if let Some(a) = grammars::agenda::parse_item_number(data) {
        assert!(data.starts_with(a.number) && data.ends_with(a.rest) && !a.rest.is_empty());
    }
    for d in grammars::agenda::find_decision_numbers(data) {
        assert!(data.contains(&d.raw));
    }
    if let Some(h) = grammars::minutes::parse_minute_heading(data) {
        assert!(data.ends_with(h.title) && !h.title.is_empty());
    }
    let _ = grammars::minutes::is_minutes_opening(data);
    let _ = grammars::minutes::is_resolution(data);
    assert!(data.ends_with(grammars::minutes::strip_para_number(data)));
    if let Some((r, span)) = grammars::agenda::find_page_range(data) {
        assert_eq!(&data[span], r.raw);
    }
});
