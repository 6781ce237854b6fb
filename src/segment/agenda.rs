//! Agenda items on the front sheet: `3. Minutes ... (Pages 3 - 8)`, `- B1 17/00013 Proposal ...`,
//! `- 11 24/00120 - SEN Funding System` / `Report to follow.`, with page ranges that lost their
//! hyphen (`(Pages 7 16)`), sit in the middle of the title or on a line of their own.

use std::sync::LazyLock;

use regex::Regex;

use grammars::agenda::parse_item_number;

use super::{Doc, decision_numbers, unbullet};
use crate::model::pack::{AgendaItem, Part};

static REPORT_TO_FOLLOW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\(?\breport to follow\b\.?\)?").expect("valid regex"));

/// The page range "(Pages 5 - 12)" in an agenda line, with its byte span.
fn pages_of(s: &str) -> Option<((u32, u32), usize, usize)> {
    let (p, span) = grammars::agenda::find_page_range(s)?;
    Some(((p.first, p.last), span.start, span.end))
}

fn tidy_title(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | ':' | ',')).to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
struct Key(u32, u32, u32);

fn part_marker(t: &str) -> Option<Part> {
    let u = t.to_uppercase();
    if u.contains("UNRESTRICTED ITEMS") || u.starts_with("PART 1") || u.starts_with("PART I ") {
        return Some(Part::Unrestricted);
    }
    let short = u.chars().count() <= 60;
    if short
        && (u.contains("RESTRICTED ITEMS")
            || u.contains("EXEMPT ITEMS")
            || u.starts_with("PART 2")
            || u.starts_with("PART II"))
    {
        return Some(Part::Restricted);
    }
    None
}

/// The agenda items of the front sheet (`lines[..front_end]`).
pub fn items(doc: &Doc, front_end: usize) -> Vec<AgendaItem> {
    let mut out: Vec<AgendaItem> = Vec::new();
    let mut part = Part::Unrestricted;
    let mut part_changed = false;
    let mut last: Option<Key> = None;
    let mut lettered: Option<bool> = None;
    let mut i = 0;
    while i < front_end {
        let text = doc.text(i).replace('\t', " ");
        let t = unbullet(&text);
        if let Some(p) = part_marker(t) {
            if p != part {
                part = p;
                part_changed = true;
            }
            i += 1;
            continue;
        }
        let Some(c) = parse_item_number(t) else {
            i += 1;
            continue;
        };
        let rest = c.rest;
        let has_letter = c.letter.is_some();
        let (n, sub) = (c.n, c.sub);
        let key = Key(c.letter.map_or(0, u32::from), n, sub);
        let first_char_ok = rest
            .chars()
            .next()
            .is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit() || ch == '(');
        let looks_like_time = super::first_time(t).is_some_and(|_| rest.len() <= 8);
        let ordered = match last {
            None => n <= 2 && sub == 0,
            Some(k) => key > k || (part_changed && !out.iter().any(|x| x.number == c.number)),
        };
        let scheme_ok = lettered.is_none_or(|l| l == has_letter);
        if !first_char_ok || looks_like_time || !ordered || !scheme_ok || rest.chars().count() < 3 {
            i += 1;
            continue;
        }
        lettered = Some(has_letter);
        last = Some(key);
        part_changed = false;

        let mut title = rest.to_string();
        let mut pages = None;
        let mut end = i;
        if let Some((p, a, b)) = pages_of(&title) {
            pages = Some(p);
            title = format!("{} {}", &title[..a], &title[b..]);
        }
        // A PDF title wrapped onto the next line.
        if doc.pdf && pages.is_none() && i + 1 < front_end {
            let next = unbullet(doc.text(i + 1));
            let joins = ["or", "and", "of", "the", "on", "for", "to", "in", "with", "-", "–"];
            let dangling = title.split_whitespace().last().is_some_and(|w| joins.contains(&w));
            let continues = next.chars().next().is_some_and(|ch| ch.is_lowercase() || ch == '(');
            if !next.is_empty()
                && parse_item_number(next).is_none()
                && (dangling || continues)
                && !next.starts_with("To ")
            {
                title = format!("{title} {next}");
                end = i + 1;
                if let Some((p, a, b)) = pages_of(&title) {
                    pages = Some(p);
                    title = format!("{} {}", &title[..a], &title[b..]);
                }
            }
        }
        let mut report_to_follow = false;
        if REPORT_TO_FOLLOW.is_match(&title) {
            report_to_follow = true;
            title = REPORT_TO_FOLLOW.replace_all(&title, "").into_owned();
        }
        // Page range or "Report to follow" on the next lines.
        if pages.is_none() && !report_to_follow {
            let mut j = i + 1;
            while j < front_end && j <= i + 3 {
                let u = unbullet(doc.text(j)).trim();
                if u.is_empty() {
                    j += 1;
                    continue;
                }
                if let Some((p, a, b)) = pages_of(u)
                    && a == 0
                    && b == u.len()
                {
                    pages = Some(p);
                    end = j;
                } else if REPORT_TO_FOLLOW.replace_all(u, "").trim().is_empty() {
                    report_to_follow = true;
                    end = j;
                }
                break;
            }
        }
        let mut decisions = Vec::new();
        if let Some((number, rest)) = grammars::agenda::leading_decision_number(&title) {
            decisions.push(number);
            title = rest.to_string();
        }
        for d in decision_numbers(&title) {
            if !decisions.contains(&d) {
                decisions.push(d);
            }
        }
        out.push(AgendaItem {
            number: c.number.to_string(),
            title: tidy_title(&title),
            pages,
            part,
            decision_numbers: decisions,
            report_to_follow,
            location: doc.loc(i, end),
        });
        i = end + 1;
    }
    out
}
