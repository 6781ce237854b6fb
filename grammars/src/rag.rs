//! Scorecard tokens: RAG ratings, polarity, direction of travel, data periods, indicator codes.
//!
//! * RAG: `GREEN`, `Amber`, `red`, `G`, `A`, `R`, `<b>RED</b>`, `**AMBER**`, `Green/Amber`
//!   (read as the worse of the two, with the raw text kept).
//! * Polarity: `H`, `L`, `T` (and `High`, `Low`, `Target`).
//! * Direction of travel: `↑ ↓ ↔` (also `⇧ ⇩ ⬆ ⬇ ▲ ▼ → ⇔`) and words (`improved`, `worsened`,
//!   `same`, `no change`).
//! * Data periods: `R12M`, `MS`, `YTD`, `Q`, `A`, `T`.
//! * Indicator codes: `SCS19`, `EH72-F`, `APP-EP`, `SISE12a`, `CYPE8`.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::amount::strip_markup;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum Rag {
    Green,
    Amber,
    Red,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// Higher is better (H).
    High,
    /// Lower is better (L).
    Low,
    /// Closer to target is better (T).
    Target,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Improving,
    Worsening,
    Unchanged,
}

/// A direction of travel as printed: the arrow's own sense (up/down/level) and, for words, the
/// performance judgement they state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DirectionToken {
    pub raw: String,
    /// What the token says about performance. Arrows in KCC scorecards mean improved (↑),
    /// worsened (↓) and unchanged (↔).
    pub direction: Direction,
    /// True when printed as an arrow rather than words.
    pub arrow: bool,
}

/// The token without markup, surrounding space and trailing full stops; borrowed unless it had
/// markup.
fn clean(raw: &str) -> Cow<'_, str> {
    fn tidy(s: &str) -> &str {
        s.trim().trim_end_matches('.').trim()
    }
    match strip_markup(raw) {
        Cow::Borrowed(s) => Cow::Borrowed(tidy(s)),
        Cow::Owned(s) => Cow::Owned(tidy(&s).to_string()),
    }
}

/// True when `s` is one of `words` in any ASCII case (as its ASCII lower case would match them).
fn one_of(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.eq_ignore_ascii_case(w))
}

/// The longest direction word or phrase ("remained the same"), in bytes.
const LONGEST_DIRECTION: usize = 17;

/// Reads a RAG token. Combined ratings such as `Green/Amber` read as the worse one.
pub fn parse_rag(raw: &str) -> Option<Rag> {
    let s = clean(raw);
    if s.is_empty() || s.len() > 24 {
        return None;
    }
    if let Some(r) = rating(&s) {
        return Some(r);
    }
    let parts: Vec<&str> = s.split(['/', '-', '–']).collect();
    if parts.len() == 2 {
        let a = rating(parts[0])?;
        let b = rating(parts[1])?;
        return Some(worse(a, b));
    }
    None
}

/// Reads one rating alone, as a column heading or a row label prints it: `G`, `A`, `R`, `GREEN`,
/// `Amber`, `<b>red</b>`. A combined rating (`Green/Amber`) is not one.
pub fn parse_rating(raw: &str) -> Option<Rag> {
    rating(&clean(raw))
}

fn rating(w: &str) -> Option<Rag> {
    let w = w.trim();
    if one_of(w, &["green", "g"]) {
        Some(Rag::Green)
    } else if one_of(w, &["amber", "a"]) {
        Some(Rag::Amber)
    } else if one_of(w, &["red", "r"]) {
        Some(Rag::Red)
    } else {
        None
    }
}

/// True for a polarity letter alone, as a scorecard's polarity column prints it: `H`, `L`, `T`.
pub fn is_polarity_letter(raw: &str) -> bool {
    matches!(raw.trim(), "H" | "L" | "T")
}

fn worse(a: Rag, b: Rag) -> Rag {
    let rank = |r: Rag| match r {
        Rag::Green => 0,
        Rag::Amber => 1,
        Rag::Red => 2,
    };
    if rank(a) >= rank(b) { a } else { b }
}

/// Reads a polarity token: `H`, `L`, `T`, `High`, `Low`, `Target`, `Higher is better`,
/// `Lower is better`.
pub fn parse_polarity(raw: &str) -> Option<Polarity> {
    let s = clean(raw);
    if one_of(&s, &["h", "high", "higher is better"]) {
        Some(Polarity::High)
    } else if one_of(&s, &["l", "low", "lower is better"]) {
        Some(Polarity::Low)
    } else if one_of(&s, &["t", "target"]) {
        Some(Polarity::Target)
    } else {
        None
    }
}

/// Reads a direction-of-travel token (an arrow, or words).
pub fn parse_direction(raw: &str) -> Option<DirectionToken> {
    // Longer text (most lines of a page) names no direction: not cleaned at all.
    if raw.trim().len() > 2 * LONGEST_DIRECTION + 16 {
        return None;
    }
    let s = clean(raw);
    let mut chars = s.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        let d = match c {
            '↑' | '⇧' | '⬆' | '▲' | '⇑' | '↗' => Some(Direction::Improving),
            '↓' | '⇩' | '⬇' | '▼' | '⇓' | '↘' => Some(Direction::Worsening),
            '↔' | '⇔' | '→' | '⬌' | '⟷' | '►' | '=' => Some(Direction::Unchanged),
            _ => None,
        };
        return d.map(|direction| DirectionToken {
            raw: raw.trim().to_string(),
            direction,
            arrow: true,
        });
    }
    let direction = direction_word(&s)?;
    Some(DirectionToken { raw: raw.trim().to_string(), direction, arrow: false })
}

/// The direction a word or phrase names as it stands (`Improved`, `no change`, in any ASCII
/// case; no markup or space around it).
pub fn direction_word(s: &str) -> Option<Direction> {
    if s.len() > LONGEST_DIRECTION {
        return None;
    }
    // Lower-cased on the stack: this runs on every word of a document's short lines.
    let mut buf = [0u8; LONGEST_DIRECTION];
    let lower = &mut buf[..s.len()];
    lower.copy_from_slice(s.as_bytes());
    lower.make_ascii_lowercase();
    let direction = match std::str::from_utf8(lower).ok()? {
        "improved" | "improving" | "improvement" | "up" | "better" | "increased" => {
            Direction::Improving
        }
        "worsened" | "worsening" | "deteriorated" | "deteriorating" | "down" | "worse"
        | "declined" => Direction::Worsening,
        "same" | "no change" | "unchanged" | "stable" | "static" | "level" | "maintained"
        | "remained the same" | "no movement" | "maintaining" => Direction::Unchanged,
        _ => return None,
    };
    Some(direction)
}

/// Reads a data-period code as printed in KPI tables (`R12M`, `MS`, `YTD`, `Q`, `A`, `T`) and
/// returns it upper-cased.
fn parse_data_period(raw: &str) -> Option<String> {
    let s = clean(raw).to_ascii_uppercase();
    matches!(s.as_str(), "R12M" | "MS" | "YTD" | "Q" | "A" | "T" | "M" | "R3M" | "R6M").then_some(s)
}

/// Reads an indicator code: 1–8 capital letters, then digits and/or `-` segments, with an
/// optional lower-case letter after the digits (`SISE12a`), or 2–4 capitals alone (`EY`).
/// `GREEN`, `RED`, `N/A` and period codes (`R12M`, `YTD`) are not codes.
pub fn parse_indicator_code(raw: &str) -> Option<String> {
    let s = clean(raw);
    if s.is_empty() || s.len() > 16 {
        return None;
    }
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_uppercase() {
        i += 1;
    }
    if i == 0 || i > 8 {
        return None;
    }
    let letters_end = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let has_digits = i > letters_end;
    if has_digits && i < b.len() && b[i].is_ascii_lowercase() {
        i += 1;
    }
    let mut has_suffix = false;
    while i < b.len() && b[i] == b'-' {
        let start = i + 1;
        let mut j = start;
        while j < b.len() && (b[j].is_ascii_uppercase() || b[j].is_ascii_digit()) {
            j += 1;
        }
        if j == start {
            return None;
        }
        has_suffix = true;
        i = j;
    }
    // A short code of capitals alone (`EY`, the Early Years indicator) that is no RAG word.
    let letters_only = !has_digits && !has_suffix && (2..=4).contains(&letters_end);
    if i != b.len() || !(has_digits || has_suffix || letters_only) {
        return None;
    }
    if letters_only && (parse_rag(&s).is_some() || parse_polarity(&s).is_some()) {
        return None;
    }
    // Period codes such as R12M or R3M are not indicator codes.
    if parse_data_period(&s).is_some() {
        return None;
    }
    Some(s.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rag_tokens() {
        assert_eq!(parse_rag("GREEN"), Some(Rag::Green));
        assert_eq!(parse_rag("Amber"), Some(Rag::Amber));
        assert_eq!(parse_rag("G"), Some(Rag::Green));
        assert_eq!(parse_rag("<b>RED</b>"), Some(Rag::Red));
        assert_eq!(parse_rag("**AMBER**"), Some(Rag::Amber));
        assert_eq!(parse_rag(" red "), Some(Rag::Red));
        assert_eq!(parse_rag("Green/Amber"), Some(Rag::Amber));
        assert_eq!(parse_rag("N/A"), None);
        assert_eq!(parse_rag(""), None);
        assert_eq!(parse_rag("Greenwich"), None);
        assert_eq!(parse_rag("Redbridge"), None);
    }

    #[test]
    fn polarity_tokens() {
        assert_eq!(parse_polarity("H"), Some(Polarity::High));
        assert_eq!(parse_polarity("L"), Some(Polarity::Low));
        assert_eq!(parse_polarity("T"), Some(Polarity::Target));
        assert_eq!(parse_polarity("<b>H</b>"), Some(Polarity::High));
        assert_eq!(parse_polarity("HL"), None);
    }

    #[test]
    fn directions() {
        let up = parse_direction("↑").unwrap();
        assert_eq!(up.direction, Direction::Improving);
        assert!(up.arrow);
        assert_eq!(parse_direction("↓").map(|d| d.direction), Some(Direction::Worsening));
        assert_eq!(parse_direction(" ↔ ").map(|d| d.direction), Some(Direction::Unchanged));
        assert_eq!(parse_direction(" ↔ ").map(|d| d.raw).as_deref(), Some("↔"));
        assert_eq!(parse_direction("Improved").map(|d| d.direction), Some(Direction::Improving));
        assert_eq!(parse_direction("No change").map(|d| d.direction), Some(Direction::Unchanged));
        assert_eq!(
            parse_direction("Worsened").map(|d| (d.direction, d.arrow)),
            Some((Direction::Worsening, false))
        );
        assert_eq!(parse_direction("✓"), None);
        assert_eq!(parse_direction("↑↓"), None);
    }

    #[test]
    fn periods() {
        assert_eq!(parse_data_period("R12M").as_deref(), Some("R12M"));
        assert_eq!(parse_data_period("<b>MS</b>").as_deref(), Some("MS"));
        assert_eq!(parse_data_period("ytd").as_deref(), Some("YTD"));
        assert_eq!(parse_data_period("Monthly"), None);
    }

    #[test]
    fn ratings_alone() {
        assert_eq!(parse_rating("G"), Some(Rag::Green));
        assert_eq!(parse_rating(" <b>AMBER</b> "), Some(Rag::Amber));
        assert_eq!(parse_rating("red"), Some(Rag::Red));
        assert_eq!(parse_rating("Green/Amber"), None);
        assert_eq!(parse_rating("Greenwich"), None);
        assert!(is_polarity_letter(" H "));
        assert!(!is_polarity_letter("High"));
    }

    #[test]
    fn indicator_codes() {
        for c in [
            "SCS19", "EH72-F", "APP-EP", "SISE12a", "CYPE8", "EH05-C", "EY8", "SEPD10", "APP17",
            "EY",
        ] {
            assert_eq!(parse_indicator_code(c).as_deref(), Some(c), "{c}");
        }
        assert_eq!(parse_indicator_code(" <b>SCS19</b> ").as_deref(), Some("SCS19"));
        for c in [
            "GREEN", "RED", "N/A", "H", "R12M", "YTD", "Page 45", "2024-25", "FD01-", "scs19",
            "A-", "",
        ] {
            assert_eq!(parse_indicator_code(c), None, "{c}");
        }
    }
}
