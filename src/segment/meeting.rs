//! The meeting on the front sheet: council, body, date, start time, venue, summons date,
//! contact; and the committee membership by party.

use std::sync::LazyLock;

use regex::Regex;

use super::people::people;
use super::{Doc, first_date, first_time, is_date_line, is_upper, title_case, unbullet};
use crate::model::pack::{Meeting, PartyGroup};

const BODY_WORDS: &[&str] = &[
    "COMMITTEE",
    "CABINET",
    "COUNCIL",
    "BOARD",
    "PANEL",
    "FORUM",
    "AUTHORITY",
    "SCRUTINY",
    "ASSEMBLY",
];
const VENUE_WORDS: &[&str] = &[
    "room", "chamber", "house", "hall", "centre", "center", "offices", "building", "civic",
    "suite", "online", "virtual", "teams", "library", "pavilion",
];

static COUNCIL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^([a-z][a-z' ]*?\s)?(county|borough|district|city|metropolitan borough|town|parish|unitary)\s+council$")
        .expect("valid regex")
});
static MEETING_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bmeeting of (?:the )?(.+?) (?:will be |is to be |to be )?(?:in|at|held|on)\b")
        .expect("valid regex")
});
static VENUE_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:meeting|held)\b.*?\b(?:in|at) (?:the )?(.+?),? on (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d)")
        .expect("valid regex")
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}").expect("valid regex")
});
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(ask for|contact|contact officer|enquiries to|telephone|tel|phone|e-?mail)\s*:\s*(.*)$")
        .expect("valid regex")
});

fn tidy(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim_matches(|c: char| c == ',' || c == '.' || c.is_whitespace()).replace(" ,", ",")
}

fn council(doc: &Doc) -> Option<String> {
    let limit = doc.len().min(400);
    (0..limit).find_map(|i| {
        let t = doc.text(i);
        let m = COUNCIL_LINE.captures(t)?;
        m.get(1)?;
        let lower = t.to_ascii_lowercase();
        (!lower.starts_with("the ") && !lower.starts_with("all ")).then(|| title_case(t))
    })
}

fn body(doc: &Doc, end: usize) -> Option<String> {
    let limit = end.min(60);
    let mut i = 0;
    while i < limit {
        if doc.is_blank(i) || !is_upper(doc.text(i)) || doc.text(i).contains('\t') {
            i += 1;
            continue;
        }
        let start = i;
        while i < limit && !doc.is_blank(i) && is_upper(doc.text(i)) && i - start < 3 {
            i += 1;
        }
        let block = (start..i).map(|j| doc.text(j)).collect::<Vec<_>>().join(" ");
        let upper = block.to_uppercase();
        let keyword = BODY_WORDS.iter().any(|w| upper.contains(w));
        let is_council_name = COUNCIL_LINE.is_match(block.trim());
        if keyword && !is_council_name && !upper.starts_with("AGENDA") && !upper.contains("MINUTES")
        {
            return Some(title_case(&block));
        }
    }
    (0..limit).find_map(|j| MEETING_OF.captures(doc.text(j)).map(|c| tidy(&c[1])))
}

/// The meeting date and time: the first date printed with a time on its line or just below it.
fn date_time(doc: &Doc, end: usize) -> (Option<usize>, Option<String>, Option<String>) {
    let limit = end.min(80);
    for i in 0..limit {
        let t = doc.text(i);
        let Some(date) = first_date(t) else { continue };
        if let Some(time) = first_time(t) {
            return (Some(i), Some(date), Some(time));
        }
        for j in i + 1..limit.min(i + 5) {
            let u = doc.text(j);
            if u.chars().count() <= 24
                && let Some(time) = first_time(u)
            {
                return (Some(j), Some(date), Some(time));
            }
        }
    }
    let first = (0..limit).find_map(|i| first_date(doc.text(i)).map(|d| (i, d)));
    (first.as_ref().map(|f| f.0), first.map(|f| f.1), None)
}

fn venue(doc: &Doc, end: usize, after: Option<usize>) -> Option<String> {
    let limit = end.min(80);
    // PDF lines are wrapped: look at a window of three lines joined.
    let span = if doc.pdf { 3 } else { 1 };
    let window = |i: usize| {
        (i..(i + span).min(doc.len())).map(|j| doc.text(j)).collect::<Vec<_>>().join(" ")
    };
    let plausible = |v: &String| {
        let lower = v.to_lowercase();
        v.chars().count() <= 120
            && VENUE_WORDS.iter().any(|w| lower.contains(w))
            && !lower.contains("agenda")
            && !lower.contains("minutes")
    };
    if let Some(v) = (0..limit)
        .find_map(|i| VENUE_IN.captures(&window(i)).map(|c| tidy(&c[1])).filter(plausible))
    {
        return Some(v);
    }
    let mut i = after? + 1;
    while i < limit
        && (doc.is_blank(i) || first_time(doc.text(i)).is_some() && doc.text(i).len() <= 24)
    {
        i += 1;
    }
    let mut parts = Vec::new();
    while i < limit && !doc.is_blank(i) && parts.len() < 3 && !doc.text(i).contains(':') {
        parts.push(doc.text(i));
        i += 1;
    }
    let joined = tidy(&parts.join(" "));
    let lower = joined.to_lowercase();
    VENUE_WORDS.iter().any(|w| lower.contains(w)).then_some(joined)
}

fn contact(doc: &Doc, end: usize) -> Option<String> {
    let limit = end.min(120);
    let mut parts: Vec<String> = Vec::new();
    for i in 0..limit {
        let t = doc.text(i);
        if let Some(c) = LABEL.captures(t) {
            let v = tidy(&c[2]);
            if !v.is_empty() && !parts.contains(&v) {
                parts.push(v);
            }
        }
        // An address split over two lines: "louise.whitaker@kent." / "gov.uk".
        let joined = if t.contains('@') && t.ends_with('.') {
            format!("{t}{}", doc.text(i + 1))
        } else {
            t.to_string()
        };
        if let Some(m) = EMAIL.find(&joined) {
            let e = m.as_str().to_string();
            if !parts.iter().any(|p| p.contains(&e)) {
                parts.push(e);
            }
        }
        if parts.len() >= 3 {
            break;
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The meeting described by the front sheet (`lines[..front_end]`).
pub fn meeting(doc: &Doc, front_end: usize) -> Option<Meeting> {
    let (at, date, start_time) = date_time(doc, front_end);
    let body = body(doc, front_end);
    if date.is_none() && body.is_none() {
        return None;
    }
    let published = (0..front_end.min(400))
        .filter(|&i| is_date_line(doc.text(i)))
        .filter_map(|i| first_date(doc.text(i)))
        .find(|d| Some(d) != date.as_ref());
    Some(Meeting {
        council: council(doc),
        body,
        date,
        start_time,
        venue: venue(doc, front_end, at),
        published,
        contact: contact(doc, front_end),
        location: doc.loc(0, front_end.saturating_sub(1)),
    })
}

// The titles of elected members only, not every title of the name-list grammar
// (`grammars::votes`): "Church Representatives: Revd A Fairbrother, …" is not a party group.
static PARTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<party>[A-Z][A-Za-z&,'’ \-]*?)\s*(?:\((?P<n>\d+)\))?\s*:?\s*(?:\t\s*)?(?P<names>(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Cllr|Councillor)\b.*)?$")
        .expect("valid regex")
});

/// Membership by party, from a "Membership" list on the front sheet.
pub fn membership(doc: &Doc, front_end: usize) -> Vec<PartyGroup> {
    let Some(start) = (0..front_end).find(|&i| {
        let t = doc.text(i).to_lowercase();
        t.starts_with("membership") && t.len() <= 30
    }) else {
        return Vec::new();
    };
    let mut groups: Vec<(String, Option<u32>, String)> = Vec::new();
    let mut blanks = 0;
    for i in start + 1..front_end {
        let t = unbullet(doc.text(i)).to_string();
        if t.is_empty() {
            blanks += 1;
            if blanks > 1 && !groups.is_empty() {
                break;
            }
            continue;
        }
        blanks = 0;
        let starts_titled = t.split_whitespace().next().is_some_and(|w| {
            matches!(
                w,
                "Mr" | "Mrs" | "Ms" | "Miss" | "Dr" | "Sir" | "Dame" | "Cllr" | "Councillor"
            )
        });
        if starts_titled {
            match groups.last_mut() {
                Some(g) => {
                    g.2.push(' ');
                    g.2.push_str(&t);
                }
                None => break,
            }
            continue;
        }
        // A label continued on the next line ("Church" / "Representatives (3) Mr D Brunning").
        if let Some(g) = groups.last_mut().filter(|g| g.2.is_empty() && g.1.is_none()) {
            let t2 = format!("{} {t}", g.0);
            groups.pop();
            if let Some(c) = PARTY.captures(&t2) {
                groups.push(party_of(&c));
                continue;
            }
            break;
        }
        match PARTY.captures(&t) {
            Some(c) if t.chars().count() < 400 && (c.name("names").is_some() || t.len() <= 40) => {
                groups.push(party_of(&c));
            }
            _ => break,
        }
    }
    groups
        .into_iter()
        .filter(|g| !g.2.is_empty())
        .map(|(party, seats, names)| PartyGroup {
            party,
            seats,
            members: people(&names).into_iter().map(|p| p.name).collect(),
        })
        .collect()
}

fn party_of(c: &regex::Captures) -> (String, Option<u32>, String) {
    (
        tidy(c.name("party").map_or("", |m| m.as_str())),
        c.name("n").and_then(|n| n.as_str().parse().ok()),
        c.name("names").map_or(String::new(), |m| m.as_str().replace('\t', " ")),
    )
}
