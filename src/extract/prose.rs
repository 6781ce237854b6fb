//! Counts stated in running text ("17 are rated Green", "Nine are rated Red", "Ten indicators were
//! showing an improving trend"), read sentence by sentence so that the validator can hold them
//! against the RAG summary they describe.
//!
//! Lines are joined into paragraphs (a blank line, a line ending a sentence or a line that looks
//! like a table row closes one) and paragraphs cut into sentences; the counts themselves come from
//! [`grammars::counts`]. A sentence that opens with a name and a dash ("Adult Social Care – Two
//! KPIs are rated Green") speaks of that section only.

use super::lines::{Ln, flatten, unbullet};
use crate::model::Layout;
use crate::model::records::StatedCount;

/// Every rating and direction count stated in the document's running text.
pub fn stated_counts(layout: &Layout) -> Vec<StatedCount> {
    let lines = flatten(layout);
    let mut out = Vec::new();
    for (first, last) in paragraphs(&lines) {
        let text =
            lines[first..=last].iter().map(|l| unbullet(l.t())).collect::<Vec<_>>().join(" ");
        let location = lines[first].location.merge(&lines[last].location);
        for sentence in sentences(&text) {
            let counts = grammars::counts::find_counts(sentence);
            if counts.is_empty() {
                continue;
            }
            let scope = scope_of(sentence);
            for c in counts {
                out.push(StatedCount {
                    counted: c.counted.as_str().to_string(),
                    value: c.value,
                    raw: c.raw,
                    scope: scope.clone(),
                    text: sentence.trim().to_string(),
                    location: location.clone(),
                });
            }
        }
    }
    out
}

/// A line that reads as a table row: tab-separated cells, or mostly figures.
fn table_like(t: &str) -> bool {
    if t.contains('\t') || t.starts_with('|') {
        return true;
    }
    let (mut words, mut figures) = (0, 0);
    for w in t.split_whitespace() {
        words += 1;
        const MARKS: [char; 5] = ['(', ')', ',', '%', '£'];
        let w = w.trim_start_matches(MARKS);
        // Only a sign, a digit, a point or "inf"/"nan" can start what parses as a float.
        let may_parse =
            w.bytes().next().is_some_and(|c| c.is_ascii_digit() || b"+-.iInN".contains(&c));
        if may_parse && w.trim_end_matches(MARKS).parse::<f64>().is_ok() {
            figures += 1;
        }
    }
    figures >= 2 && figures * 5 >= words * 2
}

/// Paragraphs as (first, last) line indices.
fn paragraphs(lines: &[Ln]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, l) in lines.iter().enumerate() {
        let t = l.t();
        if t.is_empty() || table_like(&l.text) {
            if let Some(s) = start.take() {
                out.push((s, i - 1));
            }
            continue;
        }
        let s = *start.get_or_insert(i);
        if t.ends_with('.') || t.ends_with(':') || i - s >= 30 {
            out.push((s, i));
            start = None;
        }
    }
    if let Some(s) = start {
        out.push((s, lines.len() - 1));
    }
    out
}

/// Sentences of a paragraph: cut after a full stop followed by a space and a capital, a digit or
/// a bullet.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    let b = text.as_bytes();
    for (i, _) in text.match_indices(". ") {
        let next = b.get(i + 2).copied().unwrap_or(b' ');
        // "2.3. Net …" keeps its number with the sentence it opens.
        let prev_digit = i > 0 && b[i - 1].is_ascii_digit();
        if (next.is_ascii_uppercase() || next.is_ascii_digit() || next == b'-') && !prev_digit {
            out.push(&text[from..=i]);
            from = i + 2;
        }
    }
    if from < text.len() {
        out.push(&text[from..]);
    }
    out
}

/// The section a sentence opens with: "Adult Social Care – Two KPIs …" gives "Adult Social
/// Care". A name has no figures and at most eight words.
fn scope_of(sentence: &str) -> Option<String> {
    // A paragraph number ("1.3", "(b)", "2.") before the name is not part of it.
    let s = sentence.trim();
    let s = match s.split_once(' ') {
        Some((first, rest))
            if first.chars().any(|c| c.is_ascii_digit())
                && first.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '(' | ')')) =>
        {
            rest.trim_start()
        }
        _ => s,
    };
    let cut = [" – ", " — ", " - ", ": "].iter().filter_map(|d| s.find(d)).min()?;
    let name = s[..cut].trim();
    let words = name.split_whitespace().count();
    let ok = (1..=8).contains(&words)
        && !name.chars().any(|c| c.is_ascii_digit())
        && name.chars().next().is_some_and(char::is_uppercase);
    ok.then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_and_sentences() {
        assert_eq!(
            scope_of("Adult Social Care – Two KPIs are rated Green").as_deref(),
            Some("Adult Social Care")
        );
        assert_eq!(scope_of("23 are rated Green - target achieved"), None);
        assert_eq!(
            scope_of("1.3 Adult Social Care – Five KPIs are rated Green").as_deref(),
            Some("Adult Social Care")
        );
        assert_eq!(scope_of("In Quarter 3, 17 are rated Green"), None);
        let s = sentences("Target met. 12 indicators are rated Amber. 2.3. Net Direction was up");
        assert_eq!(
            s,
            ["Target met.", "12 indicators are rated Amber.", "2.3. Net Direction was up"]
        );
        assert!(table_like("Customer Services 2 1 1 2"));
        assert!(!table_like("In Quarter 3, 2024/25, 17 of the 38 indicators are rated as Green"));
    }
}
