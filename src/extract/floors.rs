//! Floor standards stated only in scorecard commentary ("At 73.1% the percentage of children in
//! care … is below the floor standard of 75.0%").

use std::sync::LazyLock;

use regex::Regex;

use super::text;
use crate::model::Layout;
use crate::model::records::KpiRow;

/// Sets `floor` on KPI rows from commentary sentences. A sentence's value must equal a row's
/// latest value and share at least two thirds of its description's longer words; the floor then
/// applies to every row of that indicator code without a district (districts are not stated).
pub fn floors_from_commentary(layout: &Layout, kpis: &mut [KpiRow]) {
    static FLOOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)floor standard of ([0-9]+(?:\.[0-9]+)?)").expect("static regex")
    });
    let mut found: Vec<(String, grammars::amount::Amount)> = Vec::new();
    for (_, line) in layout.lines() {
        let t = text::clean(&line.text);
        let Some(floor) =
            FLOOR.captures(&t).and_then(|c| c.get(1)).map(|m| text::amount(m.as_str()))
        else {
            continue;
        };
        let lower = t.to_lowercase();
        for k in kpis.iter() {
            let (Some(code), None, Some(latest)) = (&k.code, &k.district, &k.latest) else {
                continue;
            };
            if latest.value.is_none() || !t.contains(&format!("{}%", latest.raw)) {
                continue;
            }
            let description = k.description.to_lowercase();
            let words: Vec<&str> =
                description.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 3).collect();
            let hits = words.iter().filter(|w| lower.contains(*w)).count();
            if !words.is_empty()
                && hits * 3 >= words.len() * 2
                && !found.iter().any(|(c, _)| c == code)
            {
                found.push((code.clone(), floor.clone()));
            }
        }
    }
    for k in kpis.iter_mut() {
        if k.floor.is_none()
            && k.district.is_none()
            && let Some((_, f)) = found.iter().find(|(c, _)| Some(c) == k.code.as_ref())
        {
            k.floor = Some(f.clone());
        }
    }
}
