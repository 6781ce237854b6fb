//! Agenda items on the front sheet: `3. Minutes ... (Pages 3 - 8)`, `- B1 17/00013 Proposal ...`,
//! `- 11 24/00120 - SEN Funding System` / `Report to follow.`, with page ranges that lost their
//! hyphen (`(Pages 7 16)`), sit in the middle of the title or on a line of their own.

use std::sync::LazyLock;

use regex::Regex;

use grammars::agenda::{ItemNumber, parse_item_number};

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
    let mut order = Order::default();
    let mut i = 0;
    while i < front_end {
        let text = doc.text(i).replace('\t', " ");
        let t = unbullet(&text);
        if let Some(p) = part_marker(t) {
            order.enter(p);
            i += 1;
            continue;
        }
        let Some(c) = parse_item_number(t) else {
            i += 1;
            continue;
        };
        if !order.takes(&c, t, &out) {
            i += 1;
            continue;
        }
        let (item, end) = read_item(doc, i, front_end, &c, order.part);
        out.push(item);
        i = end + 1;
    }
    out
}

/// The order the items of a front sheet keep: numbers rise (or start again in a new part), one
/// numbering scheme (lettered or not) throughout.
#[derive(Default)]
struct Order {
    part: Part,
    part_changed: bool,
    last: Option<Key>,
    lettered: Option<bool>,
}

impl Order {
    /// A part marker (`PART 2`, `EXEMPT ITEMS`).
    fn enter(&mut self, p: Part) {
        if p != self.part {
            self.part = p;
            self.part_changed = true;
        }
    }

    /// Whether the numbered line `t` (read as `c`) is the next item, after the items `out`:
    /// a title that starts like one and is not a time, in order and in the scheme. Taking it
    /// moves the order on.
    fn takes(&mut self, c: &ItemNumber, t: &str, out: &[AgendaItem]) -> bool {
        let rest = c.rest;
        let has_letter = c.letter.is_some();
        let (n, sub) = (c.n, c.sub);
        let key = Key(c.letter.map_or(0, u32::from), n, sub);
        let first_char_ok = rest
            .chars()
            .next()
            .is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit() || ch == '(');
        let looks_like_time = super::first_time(t).is_some_and(|_| rest.len() <= 8);
        let ordered = match self.last {
            None => n <= 2 && sub == 0,
            Some(k) => key > k || (self.part_changed && !out.iter().any(|x| x.number == c.number)),
        };
        let scheme_ok = self.lettered.is_none_or(|l| l == has_letter);
        if !first_char_ok || looks_like_time || !ordered || !scheme_ok || rest.chars().count() < 3 {
            return false;
        }
        self.lettered = Some(has_letter);
        self.last = Some(key);
        self.part_changed = false;
        true
    }
}

/// The item numbered `c` on line `i`: its title (wrapped onto the next line in a PDF), page
/// range, "Report to follow" and decision numbers; and the last line it takes.
fn read_item(
    doc: &Doc,
    i: usize,
    front_end: usize,
    c: &ItemNumber,
    part: Part,
) -> (AgendaItem, usize) {
    let mut title = c.rest.to_string();
    let mut pages = None;
    let mut end = i;
    take_pages(&mut title, &mut pages);
    if doc.pdf && pages.is_none() && i + 1 < front_end && wraps_onto(&title, doc.text(i + 1)) {
        title = format!("{title} {}", unbullet(doc.text(i + 1)));
        end = i + 1;
        take_pages(&mut title, &mut pages);
    }
    let mut report_to_follow = false;
    if REPORT_TO_FOLLOW.is_match(&title) {
        report_to_follow = true;
        title = REPORT_TO_FOLLOW.replace_all(&title, "").into_owned();
    }
    // Page range or "Report to follow" on the next lines.
    if pages.is_none() && !report_to_follow {
        let below = (i + 1..front_end.min(i + 4)).find(|&j| !unbullet(doc.text(j)).is_empty());
        if let Some(j) = below {
            let u = unbullet(doc.text(j)).trim();
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
    let item = AgendaItem {
        number: c.number.to_string(),
        title: tidy_title(&title),
        pages,
        part,
        decision_numbers: decisions,
        report_to_follow,
        location: doc.loc(i, end),
    };
    (item, end)
}

/// Moves a page range printed in `title` into `pages`.
fn take_pages(title: &mut String, pages: &mut Option<(u32, u32)>) {
    if let Some((p, a, b)) = pages_of(title) {
        *pages = Some(p);
        *title = format!("{} {}", &title[..a], &title[b..]);
    }
}

/// Whether a PDF title goes on onto the next line `next`: it ends on a joining word, or the next
/// line starts in lower case or with a bracket (and is neither an item nor a `To …` line).
fn wraps_onto(title: &str, next: &str) -> bool {
    let next = unbullet(next);
    let joins = ["or", "and", "of", "the", "on", "for", "to", "in", "with", "-", "–"];
    let dangling = title.split_whitespace().last().is_some_and(|w| joins.contains(&w));
    let continues = next.chars().next().is_some_and(|ch| ch.is_lowercase() || ch == '(');
    !next.is_empty()
        && parse_item_number(next).is_none()
        && (dangling || continues)
        && !next.starts_with("To ")
}
