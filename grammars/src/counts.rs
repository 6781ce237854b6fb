//! Counts stated in prose about RAG ratings and directions of travel: "17 are rated Green",
//! "Nine are rated Red", "12 indicators reached or exceeded the floor standard and are rated
//! Amber", "Ten indicators were showing an improving trend … with six showing a worsening trend",
//! "19 indicators improving, 14 showing a fall in performance and six with no change".
//!
//! A sentence is cut into clauses at commas, semicolons, and at "and" / "with" when a number
//! follows; bracketed asides ("(one more than last Quarter)") are dropped. In each clause the
//! first number pairs with the next rating or direction word after it, then the next number
//! with the next word, and so on.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What a prose count counts.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Counted {
    Green,
    Amber,
    Red,
    Improving,
    Unchanged,
    Worsening,
}

impl Counted {
    pub fn as_str(self) -> &'static str {
        match self {
            Counted::Green => "green",
            Counted::Amber => "amber",
            Counted::Red => "red",
            Counted::Improving => "improving",
            Counted::Unchanged => "unchanged",
            Counted::Worsening => "worsening",
        }
    }
}

/// One count found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ProseCount {
    pub counted: Counted,
    pub value: u32,
    /// The number as printed, in lower case ("nine", "17").
    pub raw: String,
}

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] =
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/// A whole number written in digits ("17") or in words ("Nine", "twenty-one"), up to 99 in words.
pub fn number(word: &str) -> Option<u32> {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    if w.is_empty() {
        return None;
    }
    if w.bytes().all(|b| b.is_ascii_digit()) {
        return if w.len() <= 6 { w.parse().ok() } else { None };
    }
    let l = w.to_ascii_lowercase();
    if let Some(i) = UNITS.iter().position(|u| *u == l) {
        return Some(i as u32);
    }
    let (tens, unit) = match l.split_once('-') {
        Some((t, u)) => (t, Some(u)),
        None => (l.as_str(), None),
    };
    let t = TENS.iter().position(|x| *x == tens)? as u32 * 10 + 20;
    match unit {
        None => Some(t),
        Some(u) => {
            let u = UNITS[1..10].iter().position(|x| *x == u)? as u32 + 1;
            Some(t + u)
        }
    }
}

/// The rating or direction a word (with the words after it) names, and how many words it takes.
fn counted_at(words: &[String]) -> Option<(Counted, usize)> {
    let w = words.first()?.as_str();
    let next = words.get(1).map(String::as_str).unwrap_or("");
    let c = match w {
        "green" => Counted::Green,
        "amber" => Counted::Amber,
        "red" => Counted::Red,
        "improving" | "improved" | "improvement" => Counted::Improving,
        "worsening" | "worsened" | "deteriorating" | "deteriorated" | "declining" => {
            Counted::Worsening
        }
        "fall" | "decline" if next == "in" => Counted::Worsening,
        "unchanged" => Counted::Unchanged,
        "no" if next == "change" => return Some((Counted::Unchanged, 2)),
        _ => return None,
    };
    Some((c, 1))
}

/// Text with bracketed asides removed (borrowed when it has none).
fn without_brackets(s: &str) -> Cow<'_, str> {
    if !s.contains('(') {
        // An unmatched `)` is kept, so text without `(` is unchanged.
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// Words of a clause, lower case, punctuation at their ends dropped; a figure followed by `%`
/// keeps its sign so that it is not read as a count.
fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            let t = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '%');
            let t = t.trim_start_matches('%').to_ascii_lowercase();
            // A list number ("6.", "8:", "3)") is no count: its mark is kept so it is not read
            // as one.
            let numbered = t.bytes().all(|b| b.is_ascii_digit()) && w.ends_with(['.', ':', ')']);
            if numbered { format!("{t}.") } else { t }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Clauses of a sentence: cut at commas (not inside a figure such as "3,243") and semicolons,
/// and before "and", "with" or "while" when a number follows them.
fn clauses(s: &str) -> Vec<Vec<String>> {
    let b = s.as_bytes();
    let mut parts = Vec::new();
    let mut from = 0;
    for (i, c) in s.char_indices() {
        let in_figure = c == ','
            && i > 0
            && b[i - 1].is_ascii_digit()
            && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        if (c == ',' || c == ';') && !in_figure {
            parts.push(&s[from..i]);
            from = i + 1;
        }
    }
    parts.push(&s[from..]);
    let mut out = Vec::new();
    for part in parts {
        let ws = words(part);
        let mut cur: Vec<String> = Vec::new();
        for (i, w) in ws.iter().enumerate() {
            let joiner = matches!(w.as_str(), "and" | "with" | "while" | "whilst");
            if joiner && ws.get(i + 1).is_some_and(|n| count(n).is_some()) {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                continue;
            }
            cur.push(w.clone());
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out
}

/// A word that is a count: a whole number under 1,000, not a percentage.
fn count(w: &str) -> Option<u32> {
    if w.ends_with('%') || w.contains('.') {
        return None;
    }
    number(w).filter(|&v| v < 1000)
}

/// Words that may stand between a count and what it counts: "Ten indicators were showing an
/// improving trend", "17 of the 38 indicators are rated as Green", "three are Amber".
const BETWEEN: &[&str] = &[
    "of",
    "the",
    "indicators",
    "indicator",
    "kpis",
    "kpi",
    "measures",
    "measure",
    "key",
    "performance",
    "are",
    "is",
    "were",
    "was",
    "rated",
    "as",
    "rag",
    "so",
    "showing",
    "shown",
    "show",
    "shows",
    "an",
    "a",
    "with",
    "now",
    "currently",
    "also",
    "remain",
    "remained",
    "remains",
    "all",
    "other",
];

/// Verbs a colour count needs between the number and the colour ("four Red KPIs" is no count).
const VERBS: &[&str] = &["are", "is", "were", "was", "rated", "remain", "remained", "remains"];

/// True when a sentence counts within a subset named before it ("Of the four Red KPIs, only one
/// improved"): its counts are not of the whole report.
fn of_a_subset(lower_words: &[String]) -> bool {
    lower_words.windows(4).any(|w| {
        w[0] == "of" && w[1] == "the" && count(&w[2]).is_some() && counted_at(&w[3..]).is_some()
    })
}

/// True when a sentence speaks of ratings or directions of travel at all.
fn about_ratings(lower: &str) -> bool {
    ["rated", "rag", "indicator", "kpi", "measure", "direction of travel", "trend", "green"]
        .iter()
        .any(|k| lower.contains(k))
}

/// Every count of a rating or direction a sentence states. A count is a number followed, through
/// words such as "indicators were showing an", by a direction ("improving trend", "a fall in
/// performance", "no change") or, through a verb ("are", "rated"), by a colour. A clause that
/// opens with its number and says "rated" counts the colour it rates ("12 indicators reached the
/// floor standard and are rated Amber").
pub fn find_counts(sentence: &str) -> Vec<ProseCount> {
    let text = without_brackets(sentence);
    if !about_ratings(&text.to_ascii_lowercase()) || of_a_subset(&words(&text)) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for clause in clauses(&text) {
        let mut i = 0;
        let mut taken = false;
        while i < clause.len() {
            let Some(value) = count(&clause[i]) else {
                i += 1;
                continue;
            };
            let raw = clause[i].clone();
            let mut verb = false;
            let mut j = i + 1;
            let mut found = None;
            while j < clause.len() && j <= i + 8 {
                if let Some((c, _)) = counted_at(&clause[j..]) {
                    let colour = matches!(c, Counted::Green | Counted::Amber | Counted::Red);
                    if !colour || verb {
                        found = Some(c);
                    }
                    break;
                }
                let w = clause[j].as_str();
                verb |= VERBS.contains(&w);
                if !(BETWEEN.contains(&w) || count(w).is_some()) {
                    break;
                }
                j += 1;
            }
            if found.is_none() && i == 0 && clause.iter().any(|w| w == "rated") {
                let r = clause.iter().position(|w| w == "rated").unwrap_or(0);
                found = clause[r..]
                    .iter()
                    .enumerate()
                    .find_map(|(k, _)| counted_at(&clause[r + k..]).map(|x| x.0))
                    .filter(|c| matches!(c, Counted::Green | Counted::Amber | Counted::Red));
            }
            if let Some(counted) = found {
                out.push(ProseCount { counted, value, raw });
                taken = true;
            }
            i = if taken { j.max(i + 1) } else { i + 1 };
            taken = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(s: &str) -> Vec<(Counted, u32)> {
        find_counts(s).into_iter().map(|c| (c.counted, c.value)).collect()
    }

    #[test]
    fn number_words() {
        assert_eq!(number("Nine"), Some(9));
        assert_eq!(number("17"), Some(17));
        assert_eq!(number("twenty-one"), Some(21));
        assert_eq!(number("Ten,"), Some(10));
        assert_eq!(number("Council"), None);
        assert_eq!(number("twenty-ten"), None);
    }

    #[test]
    fn quarterly_report_summary() {
        // Kent QPR Q3 2024/25, executive summary.
        let s = "In Quarter 3, 2024/25, 17 of the 38 indicators are rated as Green, on or ahead of \
                 target (one more than last Quarter). 12 indicators reached or exceeded the floor \
                 standard and are rated Amber (three fewer than last Quarter), with nine \
                 indicators not achieving the floor standard and so RAG rated Red (one more than \
                 last Quarter).";
        let mut got = Vec::new();
        for sentence in s.split(". ") {
            got.extend(pairs(sentence));
        }
        assert_eq!(got, [(Counted::Green, 17), (Counted::Amber, 12), (Counted::Red, 9)]);
        assert_eq!(
            pairs(
                "Ten indicators were showing an improving trend (one fewer than last Quarter), \
                 with six showing a worsening trend (the same as last Quarter)."
            ),
            [(Counted::Improving, 10), (Counted::Worsening, 6)]
        );
    }

    #[test]
    fn bullet_lists_and_directions() {
        assert_eq!(
            pairs(
                "- 23 are rated Green - target achieved or exceeded, - 14 are rated Amber - below \
                 target but above floor standard - 2 are rated Red – below floor standard"
            ),
            [(Counted::Green, 23), (Counted::Amber, 14), (Counted::Red, 2)]
        );
        assert_eq!(
            pairs(
                "Net Direction of Travel in the quarter was positive with 19 indicators \
                 improving, 14 showing a fall in performance and six with no change."
            ),
            [(Counted::Improving, 19), (Counted::Worsening, 14), (Counted::Unchanged, 6)]
        );
        assert_eq!(
            pairs(
                "Adult Social Care – Two KPIs are rated Green for the latest quarter, three are \
                 Amber and one is Red."
            ),
            [(Counted::Green, 2), (Counted::Amber, 3), (Counted::Red, 1)]
        );
        assert!(pairs("The 2024 budget drew a red line under 12 schemes.").is_empty());
        // Kent QPR Q3 2024/25: figures, periods, percentages and subsets are no counts.
        assert!(pairs("Annual EHCP reviews waiting over 12 months is ahead of target and on an improving trend.").is_empty());
        assert!(
            pairs("3,058 out of a possible 3,243 giving a Green RAG rating of 94%.").is_empty()
        );
        assert!(pairs("Floor: 90% GREEN Percentage of phone calls").is_empty());
        assert!(pairs("Of the four Red KPIs, only one improved on the previous quarter, with the other three all worsening").is_empty());
        assert!(
            pairs("KPI 8: There will be clear learning pathways to enable improved participation")
                .is_empty()
        );
        assert!(pairs("6. Improving staff's digital understanding (KPI)").is_empty());
        assert!(
            pairs("Results at Key Stage 2 and 4 have improved, as the indicators show").is_empty()
        );
        assert!(pairs("There were no KPIs that were rated red under Growth").is_empty());
    }
}
