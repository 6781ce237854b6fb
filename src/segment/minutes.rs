//! Minutes of earlier meetings printed inside a pack: the "MINUTES of a meeting of ... held in
//! ... on <date>" line, attendance (PRESENT / ALSO PRESENT / IN ATTENDANCE / OTHER MEMBERS /
//! OFFICERS), apologies and substitutes, numbered minute items and their resolutions.
//!
//! Minute numbers run on from the first one after the attendance lists (`15.`, `233.`, `1.`);
//! a numbered line only starts a new minute when it carries the next number, so numbered
//! paragraphs inside a minute are not mistaken for minutes.

use std::sync::LazyLock;

use regex::Regex;

use grammars::minutes::{
    is_minutes_opening, is_resolution, parse_item_reference, parse_minute_heading,
    strip_para_number,
};
use grammars::votes::{ends_mid_name, push_wrapped, starts_with_title};

use super::first_date;
use super::people::{people, person};
use super::sections::end_after;
use super::{Doc, decision_numbers, is_upper, unbullet};
use crate::model::layout::StampKind;
use crate::model::pack::{LineSpan, MinuteItem, MinutesBlock, Person};

/// Where a minutes block starts: its title lines and its "MINUTES of a meeting" line.
#[derive(Debug, Clone, Copy)]
pub struct Block {
    pub start: usize,
    pub minutes_line: usize,
}

static BODY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)meeting of (?:the )?(.+?) held\b").expect("valid regex"));
static VENUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bheld (?:in|at) (?:the )?(.+?),? on (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d)")
        .expect("valid regex")
});
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(present|also present|in attendance(?: virtually| remotely)?|other members|officers|apologies|absent|substitutes?)\s*:\s*(.*)$")
        .expect("valid regex")
});
static ITEM_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*\(Items? [^)]*\)\s*$").expect("valid regex"));
static APOLOGIES_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)apologies (?:for absence )?(?:had been |have been |were |was )?(?:received |reported |given )?from (?:the following members:?\s*)?(.+?)(?:\.\s|\.$|$)")
        .expect("valid regex")
});
static SUBMITTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.+?) (?:submitted|sent|gave|tendered) (?:his|her|their) apologies")
        .expect("valid regex")
});
static FOR_WHOM: LazyLock<Regex> = LazyLock::new(|| {
    let t = grammars::votes::title_pattern();
    Regex::new(&format!(r"({t}\s[^,]+?) for whom ({t}\s.+?) (?:was|were) present"))
        .expect("valid regex")
});
static SUBSTITUTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.+?) (?:was|were) (?:substituting|present as (?:a )?substitutes?) for (.+?)(?:\.|$)|^(.+?) attended as (?:a )?substitutes? for (.+?)(?: respectively)?(?:\.|$)")
        .expect("valid regex")
});

/// Finds every minutes block.
pub fn find_blocks(doc: &Doc) -> Vec<Block> {
    let blank_pages = doc.stamp_lines(StampKind::BlankPage);
    let mut out = Vec::new();
    for i in 0..doc.len() {
        if !is_minutes_opening(doc.text(i)) {
            continue;
        }
        let mut start = i;
        let mut j = i;
        while j > 0 && i - j < 8 {
            j -= 1;
            if blank_pages.contains(&j) {
                break;
            }
            let t = doc.text(j);
            if t.is_empty() {
                continue;
            }
            let title_like =
                t.chars().count() <= 90 && !t.contains('\t') && (is_upper(t) || doc.lines[j].bold);
            if !title_like {
                break;
            }
            start = j;
        }
        out.push(Block { start, minutes_line: i });
    }
    out
}

fn sentences(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut last = 0;
    let bytes = s.as_bytes();
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            '.' if depth == 0
                && bytes.get(i + 1) == Some(&b' ')
                && bytes.get(i + 2).is_some_and(|b| b.is_ascii_uppercase()) =>
            {
                out.push(s[last..=i].trim());
                last = i + 1;
            }
            _ => {}
        }
    }
    out.push(s[last..].trim());
    out.into_iter().filter(|x| !x.is_empty()).collect()
}

fn push_unique(v: &mut Vec<Person>, p: Person) {
    let key = |x: &Person| (x.surname.clone(), x.title.clone());
    if !v.iter().any(|x| key(x) == key(&p) && x.name.len() >= p.name.len().min(x.name.len())) {
        v.push(p);
    }
}

/// Apologies and substitutes stated in prose.
fn apologies_in(text: &str, apologies: &mut Vec<Person>, substitutes: &mut Vec<Person>) {
    for s in sentences(text) {
        let mut rest = s.to_string();
        for c in FOR_WHOM.captures_iter(s) {
            if let Some(a) = person(&c[1]) {
                push_unique(apologies, a);
            }
            if let Some(mut b) = person(&c[2]) {
                b.role = Some(format!("Substitute for {}", c[1].trim()));
                push_unique(substitutes, b);
            }
        }
        if FOR_WHOM.is_match(s) {
            rest = FOR_WHOM.replace_all(s, "").into_owned();
        }
        if let Some(c) = APOLOGIES_FROM.captures(&rest) {
            for p in people(&c[1]) {
                push_unique(apologies, p);
            }
        } else if let Some(c) = SUBMITTED.captures(&rest) {
            for p in people(&c[1]) {
                push_unique(apologies, p);
            }
        }
        if let Some(c) = SUBSTITUTING.captures(s) {
            let (subs, fors) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
                (Some(a), Some(b), _, _) | (_, _, Some(a), Some(b)) => {
                    (people(a.as_str()), people(b.as_str()))
                }
                _ => continue,
            };
            for (k, mut p) in subs.into_iter().enumerate() {
                if let Some(f) = fors.get(k).or(fors.first()) {
                    // "Mrs Crabtree and Mr Vye attended as substitutes for Mrs Cole and Mr Vye":
                    // nobody substitutes for themselves (a slip of the minute-taker).
                    if p.surname.is_some() && (&p.title, &p.surname) == (&f.title, &f.surname) {
                        continue;
                    }
                    p.role = Some(format!("Substitute for {}", f.name));
                }
                push_unique(substitutes, p);
            }
        }
    }
}

fn resolution_at(doc: &Doc, i: usize, end: usize) -> (String, usize) {
    let first = doc.text(i).replace('\t', " ");
    let mut text = strip_para_number(unbullet(&first)).to_string();
    let mut last = i;
    let t = text.trim_end();
    let open =
        t.ends_with(':') || t.ends_with("RESOLVED") || t.ends_with("that") || t.ends_with('–');
    if open {
        let mut j = i + 1;
        let mut taken = 0;
        while j <= end && taken < 20 {
            let u = doc.text(j);
            if u.is_empty() {
                j += 1;
                continue;
            }
            let upper = u.to_uppercase();
            if upper.starts_with("REASON")
                || parse_minute_heading(u).is_some()
                || u.starts_with("RESOLVED")
            {
                break;
            }
            text.push(' ');
            text.push_str(&unbullet(u).replace('\t', " "));
            last = j;
            taken += 1;
            j += 1;
            // Prose that is not a list item or table row ends the resolution.
            let listy = u.starts_with('-')
                || u.starts_with('(')
                || u.contains('\t')
                || u.chars().nth(1) == Some(')')
                || u.starts_with(|c: char| c.is_ascii_digit());
            if !listy && taken > 1 {
                break;
            }
        }
    }
    (text.split_whitespace().collect::<Vec<_>>().join(" "), last)
}

/// Parses every block; `boundaries` are the sorted starts of all sections.
pub fn parse(doc: &Doc, blocks: &[Block], boundaries: &[usize]) -> Vec<MinutesBlock> {
    blocks.iter().map(|b| parse_block(doc, *b, end_after(boundaries, b.start, doc.len()))).collect()
}

fn parse_block(doc: &Doc, b: Block, end: usize) -> MinutesBlock {
    let mut m = block_head(doc, &b, end);
    // Minutes headed by agenda item ("Participation Team update" over "(Item 4)"), with no
    // minute number over any item reference: their numbered paragraphs are not minutes.
    let by_item = item_headings(doc, b.minutes_line + 1, end);
    let first_minute = read_attendance(doc, &mut m, b.minutes_line + 1, end, by_item.as_deref());
    substitutes_present(&mut m);
    let Some(first) = first_minute else { return m };
    let starts = match by_item {
        Some(starts) => starts,
        None => numbered_minutes(doc, first, end),
    };
    for (k, (line, number, raw_title)) in starts.iter().enumerate() {
        let stop = starts.get(k + 1).map_or(end, |s| s.0.saturating_sub(1));
        let item = minute_item(doc, *line, number, raw_title, stop);
        if item.title.to_lowercase().contains("apolog") {
            for para in paragraphs(doc, *line + 1, stop) {
                apologies_in(&para, &mut m.apologies, &mut m.substitutes);
            }
        }
        m.items.push(item);
    }
    m
}

/// The block's heading line (with the next one when the date is there): body, date, venue.
fn block_head(doc: &Doc, b: &Block, end: usize) -> MinutesBlock {
    let head = {
        let t = doc.text(b.minutes_line).to_string();
        if first_date(&t).is_some() { t } else { format!("{t} {}", doc.text(b.minutes_line + 1)) }
    };
    MinutesBlock {
        body: BODY.captures(&head).map(|c| c[1].trim().to_string()),
        meeting_date: first_date(&head),
        venue: VENUE.captures(&head).map(|c| c[1].trim().trim_end_matches(',').to_string()),
        location: doc.loc(b.start, end),
        lines: LineSpan { first: b.minutes_line, last: end },
        ..MinutesBlock::default()
    }
}

/// The attendance lists from line `from` up to the first minute (the first of `by_item` when the
/// minutes are headed by agenda item): returns the first minute's line, if any.
fn read_attendance(
    doc: &Doc,
    m: &mut MinutesBlock,
    from: usize,
    end: usize,
    by_item: Option<&[(usize, u32, String)]>,
) -> Option<usize> {
    let mut current: Option<String> = None;
    // A PDF list wraps anywhere, even inside a name or a role: its lines are joined first.
    let mut pending: Option<(String, String)> = None;
    let mut first_minute = None;
    for i in from..=end {
        let t = doc.text(i);
        let heading = match by_item {
            Some(h) => h.first().is_some_and(|f| f.0 == i),
            None => parse_minute_heading(t).is_some_and(|h| h.title.chars().count() <= 200),
        };
        if heading {
            first_minute = Some(i);
            break;
        }
        if let Some(c) = LABEL.captures(t) {
            let label = c[1].to_lowercase();
            flush_list(m, &mut pending);
            // A text rendering's list lines are lists of their own, unless one stops inside
            // a name ("…, Ms Z" / "Zeller"): that one waits for the line that ends the name.
            if doc.pdf || ends_mid_name(&c[2]) {
                pending = Some((label.clone(), c[2].to_string()));
            } else {
                add_people(m, &label, &c[2]);
            }
            current = Some(label);
        } else if let Some(label) = current.clone()
            && !t.is_empty()
            && !is_upper(t)
            && (doc.pdf || pending.is_some() || starts_with_title(t))
        {
            match pending.as_mut() {
                Some((_, list)) => {
                    push_wrapped(list, t);
                    if !doc.pdf && !ends_mid_name(list) {
                        flush_list(m, &mut pending);
                    }
                }
                None if ends_mid_name(t) => pending = Some((label, t.to_string())),
                None => add_people(m, &label, t),
            }
        } else if !t.is_empty() && !is_upper(t) {
            current = None;
            flush_list(m, &mut pending);
        }
    }
    flush_list(m, &mut pending);
    first_minute
}

/// Members present in a substitute's role are substitutes too.
fn substitutes_present(m: &mut MinutesBlock) {
    let present_subs: Vec<Person> = m
        .present
        .iter()
        .filter(|p| p.role.as_deref().is_some_and(|r| r.to_lowercase().contains("substitute")))
        .cloned()
        .collect();
    for p in present_subs {
        push_unique(&mut m.substitutes, p);
    }
}

/// The numbered minute headings from line `first` on, numbers running on by one: (line, number,
/// title).
fn numbered_minutes(doc: &Doc, first: usize, end: usize) -> Vec<(usize, u32, String)> {
    let mut starts: Vec<(usize, u32, String)> = Vec::new();
    for j in first..=end {
        let t = doc.text(j);
        let Some(h) = parse_minute_heading(t) else { continue };
        let n = h.number;
        let expected = starts.last().map(|s| s.1 + 1);
        if expected.is_some_and(|e| e != n) || h.title.chars().count() > 400 {
            continue;
        }
        let mut title = h.title.to_string();
        // A title wrapped in print with its bracket still open continues on the next line
        // ("… Revenue Budget 2025-26 (including" / "Council Tax Setting 2025/26)").
        if title.matches('(').count() > title.matches(')').count() && !doc.is_blank(j + 1) {
            title.push(' ');
            title.push_str(doc.text(j + 1));
        }
        starts.push((j, n, title));
    }
    starts
}

/// The minute headed at `line` (up to `stop`): its title, resolutions and decision numbers.
fn minute_item(doc: &Doc, line: usize, number: &u32, raw_title: &str, stop: usize) -> MinuteItem {
    let raw_title = grammars::amount::strip_markup(raw_title);
    let mut title = ITEM_REF.replace(&raw_title, "").trim().to_string();
    let mut decisions = Vec::new();
    if let Some((number, rest)) = grammars::agenda::leading_decision_number(&title) {
        decisions.push(number);
        title = rest.to_string();
    }
    let mut resolutions = Vec::new();
    let mut j = line + 1;
    while j <= stop {
        let t = doc.text(j);
        for d in decision_numbers(t) {
            if !decisions.contains(&d) {
                decisions.push(d);
            }
        }
        if is_resolution(t) {
            let (r, last) = resolution_at(doc, j, stop);
            resolutions.push(r);
            j = last + 1;
            continue;
        }
        j += 1;
    }
    MinuteItem {
        number: number.to_string(),
        title,
        resolutions,
        decision_numbers: decisions,
        location: doc.loc(line, stop),
        lines: LineSpan { first: line, last: stop },
    }
}

/// The minutes between `from` and `end` when they head each minute with its agenda item, a title
/// line over `(Item N)`, and do not number them: each heading's line, item number and title,
/// the numbers running on from the first. `None` for minutes headed otherwise, among them those
/// whose references stand mostly right under a numbered minute (`84. Apologies` over
/// `(Item 1)`; a title wrapped onto a second line puts a few one line further).
fn item_headings(doc: &Doc, from: usize, end: usize) -> Option<Vec<(usize, u32, String)>> {
    let mut out: Vec<(usize, u32, String)> = Vec::new();
    let (mut refs, mut under_numbered) = (0usize, 0usize);
    for j in from..=end {
        let Some(n) = parse_item_reference(doc.text(j)) else { continue };
        let Some((title_line, title)) = title_above(doc, from, j) else { continue };
        refs += 1;
        if (title_line..j).any(|k| parse_minute_heading(doc.text(k)).is_some()) {
            under_numbered += 1;
        }
        if out.last().is_some_and(|l| l.1 + 1 != n) {
            continue;
        }
        out.push((title_line, n, title));
    }
    (!out.is_empty() && under_numbered * 2 < refs).then_some(out)
}

/// The title over the item reference on line `at`: the nearest line above it, past a page's
/// folio or bare page number (a page may break between them), and the lines above that one
/// when it is bold and they are too (a title wrapped in print). Its first line and its text.
fn title_above(doc: &Doc, from: usize, at: usize) -> Option<(usize, String)> {
    let furniture = |t: &str| grammars::stamps::is_folio(t) || grammars::stamps::is_bare_folio(t);
    let mut parts: Vec<usize> = Vec::new();
    for k in (from..at).rev().take(6) {
        let t = doc.text(k);
        if t.is_empty() || furniture(t) {
            if parts.is_empty() {
                continue;
            }
            break;
        }
        let wraps = parts.last().is_some_and(|&p| doc.lines[p].bold && doc.lines[k].bold);
        if parse_item_reference(t).is_some() || !(parts.is_empty() || wraps) || parts.len() == 3 {
            break;
        }
        parts.push(k);
    }
    let first = *parts.last()?;
    let text: Vec<&str> = parts.iter().rev().map(|&k| doc.text(k)).collect();
    Some((first, text.join(" ")))
}

/// Runs of non-blank lines joined with spaces (PDF lines are wrapped, text lines are paragraphs).
fn paragraphs(doc: &Doc, from: usize, to: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for j in from..=to.min(doc.len().saturating_sub(1)) {
        let t = doc.text(j);
        if (t.is_empty() || !doc.pdf) && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if t.is_empty() {
            continue;
        }
        push_wrapped(&mut cur, t);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn flush_list(m: &mut MinutesBlock, pending: &mut Option<(String, String)>) {
    if let Some((label, text)) = pending.take() {
        add_people(m, &label, &text);
    }
}

fn add_people(m: &mut MinutesBlock, label: &str, text: &str) {
    let list = people(text);
    match label {
        "present" => m.present.extend(list),
        "apologies" | "absent" => m.apologies.extend(list),
        "substitute" | "substitutes" => m.substitutes.extend(list),
        "also present" | "other members" => m.also_present.extend(list),
        _ => m.in_attendance.extend(list),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apologies_and_substitutes_in_prose() {
        let (mut a, mut s) = (Vec::new(), Vec::new());
        apologies_in(
            "Apologies were received from Mrs Meade for whom Mr Lewis was present and Mr Manion for whom Sir Paul Carter was present.",
            &mut a,
            &mut s,
        );
        let an: Vec<&str> = a.iter().map(|p| p.name.as_str()).collect();
        let sn: Vec<&str> = s.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(an, ["Mrs Meade", "Mr Manion"]);
        assert_eq!(sn, ["Mr Lewis", "Sir Paul Carter"]);
        let (mut a, mut s) = (Vec::new(), Vec::new());
        apologies_in(
            "Mr Gary Cooke submitted his apologies for the meeting. Andrew Ireland (Corporate Director) submitted his apologies and was represented by Penny Southern.",
            &mut a,
            &mut s,
        );
        assert_eq!(
            a.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            ["Mr Gary Cooke", "Andrew Ireland"]
        );
        let (mut a, mut s) = (Vec::new(), Vec::new());
        apologies_in(
            "Mrs Crabtree and Mr Vye attended as substitutes for Mrs Cole and Mr Vye respectively.",
            &mut a,
            &mut s,
        );
        // Mr Vye is printed as his own substitute: only Mrs Crabtree is one.
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].role.as_deref(), Some("Substitute for Mrs Cole"));
    }
}
