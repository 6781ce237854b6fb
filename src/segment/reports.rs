//! Report cover sheets: `From:`/`By:`, `To:`, `Subject:`, `Decision No:`, `Classification:`,
//! `Summary:`, `Recommendation(s):`; and which agenda item a report belongs to.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::sections::end_after;
use super::{Doc, decision_numbers};
use crate::model::pack::{AgendaItem, ReportHeader};

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(From|By|To|Subject|Decision No\.?|Decision Number|Decision Ref(?:erence)?|Key decision|Classification|Summary|Recommendations?|Recommendation\(s\)|Past Pathway(?: of Paper)?|Future Pathway(?: of Paper)?|Electoral Divisions?(?: affected)?|Author|Contact Officer)\s*:\s*(.*)$")
        .expect("valid regex")
});
static SECTION_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:- )?\d{1,2}\.?\s+[A-Z][A-Za-z ,&()/'’-]{2,60}$").expect("valid regex")
});
static BARE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d{1,2}\.\s+)?(summary|recommendations?|recommendation\(s\))\s*:?$")
        .expect("valid regex")
});

fn label_at(doc: &Doc, i: usize) -> Option<(String, String)> {
    let raw = doc.text(i);
    // A cover laid out as a two-column table: "From:<TAB>name".
    let joined;
    let t = if raw.contains('\t') {
        let cells: Vec<&str> = raw.split('\t').filter(|c| !c.trim().is_empty()).collect();
        match cells.as_slice() {
            [label, value] if label.trim_end().ends_with(':') => {
                joined = format!("{} {}", label.trim(), value.trim());
                joined.as_str()
            }
            _ => return None,
        }
    } else {
        raw
    };
    if let Some(c) = BARE_LABEL.captures(t) {
        return Some((c[1].to_lowercase(), String::new()));
    }
    let c = LABEL.captures(t)?;
    Some((c[1].to_lowercase(), c[2].trim().to_string()))
}

/// Lines starting a report cover: a `From:`/`By:` line with `To:` and `Subject:` just below.
pub fn find_covers(doc: &Doc) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for i in 0..doc.len() {
        let Some((l, _)) = label_at(doc, i) else { continue };
        if l != "from" && l != "by" {
            continue;
        }
        if out.last().is_some_and(|&p| i < p + 12) {
            continue;
        }
        let ahead = |name: &str, n: usize| {
            (i + 1..doc.len().min(i + n)).any(|j| label_at(doc, j).is_some_and(|x| x.0 == name))
        };
        if ahead("to", 12) && ahead("subject", 18) {
            out.push(i);
        }
    }
    out
}

fn words(s: &str) -> HashSet<String> {
    const STOP: &[&str] =
        &["the", "and", "for", "from", "with", "report", "update", "of", "to", "in", "on"];
    s.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.len() >= 3 && !STOP.contains(&w.as_str()))
        .collect()
}

pub(super) fn subject_at(doc: &Doc, cover: usize) -> Option<String> {
    let end = doc.len().min(cover + 20);
    let i = (cover..end).find(|&j| label_at(doc, j).is_some_and(|x| x.0 == "subject"))?;
    let mut s = label_at(doc, i).map(|x| x.1).unwrap_or_default();
    let mut j = i + 1;
    while j < end && !doc.is_blank(j) && label_at(doc, j).is_none() {
        s.push(' ');
        s.push_str(doc.text(j));
        j += 1;
    }
    Some(s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The agenda item a report cover belongs to: a decision number in common, else the item whose
/// title shares most words with the subject.
pub fn match_item(doc: &Doc, cover: usize, items: &[AgendaItem]) -> Option<String> {
    let subject = subject_at(doc, cover)?;
    let header: String =
        (cover..doc.len().min(cover + 30)).map(|j| doc.text(j)).collect::<Vec<_>>().join(" ");
    let decisions = decision_numbers(&header);
    if let Some(it) =
        items.iter().find(|it| it.decision_numbers.iter().any(|d| decisions.contains(d)))
    {
        return Some(it.number.clone());
    }
    best_item(&subject, items)
}

/// The agenda item whose title shares most words with `text` (at least half of them).
pub fn best_item(text: &str, items: &[AgendaItem]) -> Option<String> {
    let sw = words(text);
    let mut best: Option<(f32, &AgendaItem)> = None;
    for it in items {
        let tw = words(&it.title);
        if tw.is_empty() {
            continue;
        }
        let common = tw.intersection(&sw).count() as f32;
        let score = common / tw.len().min(sw.len().max(1)) as f32;
        if score >= 0.5 && best.is_none_or(|b| score > b.0) {
            best = Some((score, it));
        }
    }
    best.map(|b| b.1.number.clone())
}

/// Parses the cover sheets; `boundaries` are the sorted starts of all sections.
pub fn parse(
    doc: &Doc,
    covers: &[usize],
    items: &[Option<String>],
    boundaries: &[usize],
) -> Vec<ReportHeader> {
    covers
        .iter()
        .enumerate()
        .map(|(k, &c)| {
            let end = end_after(boundaries, c, doc.len());
            let mut r = header(doc, c, end.min(c + 120));
            r.agenda_item = items.get(k).cloned().flatten();
            r.location = doc.loc(c, end);
            r
        })
        .collect()
}

fn header(doc: &Doc, start: usize, end: usize) -> ReportHeader {
    let mut r = ReportHeader::default();
    let mut current: Option<String> = None;
    let (mut summary, mut recs, mut subject, mut decision) =
        (String::new(), String::new(), String::new(), String::new());
    let mut blank_run = 0;
    for i in start..=end {
        let t = doc.text(i);
        if let Some((label, value)) = label_at(doc, i) {
            blank_run = 0;
            let label = if label.starts_with("recommendation") {
                "recommendations".to_string()
            } else {
                label
            };
            match label.as_str() {
                "from" | "by" if !value.is_empty() => r.from.push(value.clone()),
                "to" => r.to = Some(value.clone()),
                "subject" => subject = value.clone(),
                "classification" => r.classification = Some(value.clone()),
                "summary" => summary = value.clone(),
                "recommendations" => recs = value.clone(),
                l if l.starts_with("decision") => decision = value.clone(),
                _ => {}
            }
            current = Some(label);
            continue;
        }
        if t.is_empty() {
            blank_run += 1;
            if matches!(
                current.as_deref(),
                Some("from" | "by" | "to" | "subject" | "classification")
            ) {
                current = None;
            }
            if blank_run >= 3 && !recs.is_empty() {
                break;
            }
            continue;
        }
        blank_run = 0;
        if (SECTION_HEADING.is_match(t) || doc.lines[i].heading.is_some())
            && (!summary.is_empty() || !recs.is_empty())
        {
            break;
        }
        let append = |s: &mut String| {
            if s.chars().count() < 2000 {
                if !s.is_empty() {
                    s.push(' ');
                }
                s.push_str(&t.replace('\t', " "));
            }
        };
        match current.as_deref() {
            Some("from" | "by") => r.from.push(t.to_string()),
            Some("subject") => append(&mut subject),
            Some("summary") => append(&mut summary),
            Some("recommendations") => append(&mut recs),
            _ => {}
        }
    }
    let tidy = |s: String| {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        (!s.is_empty()).then_some(s)
    };
    r.subject = tidy(subject);
    r.summary = tidy(summary);
    r.recommendations = tidy(recs);
    r.decision_number = decision_numbers(&decision)
        .into_iter()
        .next()
        .or_else(|| r.subject.as_deref().and_then(|s| decision_numbers(s).into_iter().next()))
        .or_else(|| {
            let head: String =
                (start..=end.min(start + 25)).map(|j| doc.text(j)).collect::<Vec<_>>().join(" ");
            decision_numbers(&head).into_iter().next()
        });
    r
}
