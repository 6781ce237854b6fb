//! Recorded votes: option headings, member name lists, count-only votes and outcomes.
//!
//! * Headings: `For (48)`, `Against (13)`, `Abstain (9)`, `Abstentions (2)`, `Abstentions`,
//!   `FOR (3):` (optionally followed by names on the same line).
//! * Name lists ([`parse_names`]), the one reader of every list of people (votes, attendance,
//!   apologies): titles (Mr, Mrs, Ms, Miss, Dr, Sir, Cllr, …), honours after a comma
//!   (`Sir Paul Carter, CBE`, `Mr Hill, OBE`), stray commas inside a name (`Mrs S, Prendergast`,
//!   `Mr M, Horwood`), empty slots (`, ,`), trailing commas and full stops, `.` or nothing
//!   between names (`Mr T Bond. Mr A H T Bowles`, `Mr A (Chairman) Mr B`), ` and `, roles in
//!   (nested) brackets (`(Chairman)`), names without a title (`Ida Linfield`). Lines of a list
//!   wrapped in print are joined first with [`join_wrapped`] or [`push_wrapped`].
//! * Count-only votes ([`find_count_only`]): `10 for, 0 against and 1 abstention`,
//!   `For: 7 Against: 2 Abstentions: 1`.
//! * Outcomes ([`parse_outcome`], [`find_outcome`]): `Motion carried`, `Amendment lost`,
//!   `Substantive Motion Carried.`, `agreed without a formal vote`.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag_no_case, take_while1},
    character::complete::{char, space0},
    combinator::opt,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::amount::strip_markup;

/// An Open Civic Data vote option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VoteOption {
    Yes,
    No,
    Abstain,
}

impl VoteOption {
    /// The OCD option name: "yes", "no", "abstain".
    pub fn as_str(self) -> &'static str {
        match self {
            VoteOption::Yes => "yes",
            VoteOption::No => "no",
            VoteOption::Abstain => "abstain",
        }
    }
}

/// A vote option heading as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct VoteHeading {
    pub raw: String,
    pub option: VoteOption,
    /// The label as printed: "For", "Against", "Abstain", "Abstentions".
    pub label: String,
    /// The count in brackets, where printed.
    pub count: Option<u32>,
    /// Text after the heading on the same line (names), if any.
    pub rest: String,
}

/// A member's name as printed in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct MemberName {
    /// The list item as printed, stray separators included.
    pub raw: String,
    /// Tidied name, honours after a comma: "Sir Paul Carter, CBE", "Mrs S Prendergast".
    pub name: String,
    pub title: Option<String>,
    /// The last word of the name proper (before honours and roles).
    pub surname: Option<String>,
    pub honours: Vec<String>,
    /// Role in brackets: "Chairman", "Substitute for Mr M J Vye".
    pub role: Option<String>,
}

/// A name list as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NameList {
    pub raw: String,
    pub names: Vec<MemberName>,
}

/// A count-only vote found in running text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CountOnly {
    /// The matched span.
    pub raw: String,
    pub for_count: u32,
    pub against: u32,
    pub abstain: Option<u32>,
    /// Labels as printed, per option ("for", "Against:", "abstention").
    pub labels: Vec<(VoteOption, String)>,
}

/// The result of a vote or motion as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Outcome {
    pub raw: String,
    /// True for carried / agreed, false for lost / defeated.
    pub passed: bool,
    /// "motion", "amendment", "substantive motion", "recommendation", where stated.
    pub kind: Option<String>,
    /// "agreed without a formal vote" and similar.
    pub without_vote: bool,
}

/// Titles that start a member's name.
const TITLES: [&str; 16] = [
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Sir",
    "Cllr",
    "Councillor",
    "Dame",
    "Lady",
    "Lord",
    "Prof",
    "Professor",
    "Rev",
    "Revd",
    "Mx",
];

/// A regular-expression alternation of the titles that start a member's name,
/// `(?:Mr|Mrs|…)`, for patterns that find names in prose.
pub fn title_pattern() -> String {
    format!("(?:{})", TITLES.join("|"))
}

/// Honours printed after a name.
pub const HONOURS: [&str; 16] = [
    "MBE", "CBE", "OBE", "KBE", "DBE", "BEM", "TD", "JP", "DL", "QC", "KC", "MP", "MEP", "VR",
    "QPM", "FRS",
];

fn option_word(i: &str) -> IResult<&str, (VoteOption, &str)> {
    // Every option word starts with an A or an F, and nothing but ASCII lower-cases to those.
    if !matches!(i.as_bytes().first(), Some(b'a' | b'A' | b'f' | b'F')) {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)));
    }
    alt((
        |i| tag_no_case("abstentions")(i).map(|(r, w)| (r, (VoteOption::Abstain, w))),
        |i| tag_no_case("abstention")(i).map(|(r, w)| (r, (VoteOption::Abstain, w))),
        |i| tag_no_case("abstained")(i).map(|(r, w)| (r, (VoteOption::Abstain, w))),
        |i| tag_no_case("abstain")(i).map(|(r, w)| (r, (VoteOption::Abstain, w))),
        |i| tag_no_case("against")(i).map(|(r, w)| (r, (VoteOption::No, w))),
        |i| tag_no_case("for")(i).map(|(r, w)| (r, (VoteOption::Yes, w))),
    ))
    .parse(i)
}

fn count(i: &str) -> IResult<&str, u32> {
    let (r, d) = take_while1(|c: char| c.is_ascii_digit())(i)?;
    d.parse::<u32>()
        .map(|v| (r, v))
        .map_err(|_| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Digit)))
}

fn heading(i: &str) -> IResult<&str, (VoteOption, &str, Option<u32>)> {
    let (i, (opt_, label)) = option_word(i)?;
    let (i, _) = space0(i)?;
    let (i, n) = opt(|i| {
        let (i, _) = char('(')(i)?;
        let (i, _) = space0(i)?;
        let (i, n) = count(i)?;
        let (i, _) = space0(i)?;
        let (i, _) = char(')')(i)?;
        Ok((i, n))
    })
    .parse(i)?;
    let (i, _) = space0(i)?;
    let (i, _) = opt(char(':')).parse(i)?;
    Ok((i, (opt_, label, n)))
}

/// Reads a vote heading line: `For (48)`, `Against (13)`, `Abstain (9)`, `Abstentions`. A
/// heading without a bracketed count must stand alone on its line (so "For the reasons…" is not
/// a heading); with a count, names may follow on the same line.
pub fn parse_heading(line: &str) -> Option<VoteHeading> {
    let cleaned = strip_markup(line);
    let s = cleaned.trim().trim_start_matches("- ").trim();
    let (rest, (option, label, n)) = heading(s).ok()?;
    let rest_t = rest.trim();
    if n.is_none() {
        // "For:" / "Abstentions" alone on the line.
        if !rest_t.is_empty() {
            return None;
        }
    } else if !rest_t.is_empty() && !starts_with_title(rest_t) {
        return None;
    }
    Some(VoteHeading {
        raw: line.trim().to_string(),
        option,
        label: label.to_string(),
        count: n,
        rest: rest_t.to_string(),
    })
}

/// Joins the printed lines of a wrapped list (see [`push_wrapped`]).
pub fn join_wrapped<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for l in lines {
        push_wrapped(&mut out, l);
    }
    out
}

/// Appends the next printed line of a wrapped list: a name broken after its hyphen
/// (`Barrington-` + `King`) joins without a space, anything else with one; blank lines add
/// nothing.
pub fn push_wrapped(out: &mut String, line: &str) {
    let t = line.trim();
    if t.is_empty() {
        return;
    }
    let hyphenated_name = out.ends_with('-')
        && !out.ends_with(" -")
        && t.chars().next().is_some_and(char::is_uppercase);
    if !out.is_empty() && !hyphenated_name {
        out.push(' ');
    }
    out.push_str(t);
}

/// True when a printed line of a list stops inside a name: it ends with a comma, a hyphen, a
/// title or a title with initials only ("…, Mr", "…, Ms Z"), so the next line continues it.
pub fn ends_mid_name(line: &str) -> bool {
    let p = line.trim_end();
    if p.ends_with(',') || p.ends_with('-') {
        return true;
    }
    let last_item = p.rsplit([',', '.']).next().unwrap_or("").trim();
    let last_item = last_item.rsplit(" and ").next().unwrap_or(last_item);
    lacks_surname(last_item)
}

/// True when the text starts with a title word (`Mr`, `Mrs`, …) followed by a space or the end.
pub fn starts_with_title(s: &str) -> bool {
    title_of(s).is_some()
}

fn title_of(s: &str) -> Option<&'static str> {
    let s = s.trim_start();
    for t in TITLES {
        if let Some(rest) = s.strip_prefix(t) {
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                return Some(t);
            }
        }
    }
    None
}

/// True when `word` is a title on its own ("Mr", "Dr.").
fn is_title(word: &str) -> bool {
    TITLES.contains(&word.trim_end_matches('.'))
}

/// True when the text is honours only ("CBE", "OBE, DL").
fn is_honour(s: &str) -> bool {
    let t = s.trim().trim_end_matches(['.', ',']).trim();
    !t.is_empty() && t.split_whitespace().all(|w| HONOURS.contains(&w.trim_end_matches(['.', ','])))
}

/// A token that is a title plus initials only ("Mr M", "Mrs S"), missing its surname.
fn lacks_surname(name: &str) -> bool {
    let Some(t) = title_of(name) else {
        return false;
    };
    let rest = name.trim_start()[t.len()..].trim_start_matches('.').trim();
    rest.split_whitespace().all(|w| {
        let w = w.trim_end_matches('.');
        w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase())
    })
}

/// Splits a list on commas, on full stops and closing brackets followed by a title, and on
/// ` and `, never inside brackets.
fn split_items(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut tokens: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    let mut i = 0;
    let rest_starts_title = |j: usize| -> bool {
        let rest: String = chars[j..chars.len().min(j + 16)].iter().collect();
        starts_with_title(rest.trim_start())
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            _ => {}
        }
        if depth == 0 {
            if c == ',' || c == ';' {
                tokens.push(std::mem::take(&mut cur));
                i += 1;
                continue;
            }
            if c == '.' && chars.get(i + 1) == Some(&' ') && rest_starts_title(i + 1) {
                tokens.push(std::mem::take(&mut cur));
                i += 1;
                continue;
            }
            if c == ')' && chars.get(i + 1) == Some(&' ') && rest_starts_title(i + 1) {
                cur.push(c);
                tokens.push(std::mem::take(&mut cur));
                i += 1;
                continue;
            }
            if c == ' ' && chars[i..].iter().take(5).collect::<String>() == " and " {
                tokens.push(std::mem::take(&mut cur));
                i += 5;
                continue;
            }
        }
        cur.push(c);
        i += 1;
    }
    tokens.push(cur);
    tokens
}

fn make_name(raw: &str, body: &str, honours: Vec<String>) -> MemberName {
    let mut text = body.trim().to_string();
    let mut role = None;
    if let (Some(open), true) = (text.find('('), text.ends_with(')')) {
        role = Some(text[open + 1..text.len() - 1].trim().to_string());
        text = text[..open].trim().to_string();
    }
    let title = title_of(&text).map(str::to_string);
    let words: Vec<&str> = text.split_whitespace().collect();
    // The last word that is neither an honour printed without a comma ("Mr J Love OBE") nor
    // the title.
    let surname = words
        .iter()
        .rev()
        .map(|w| w.trim_end_matches([',', '.']))
        .find(|w| !w.is_empty() && !HONOURS.contains(w) && !is_title(w))
        .map(str::to_string);
    let mut name = words.join(" ");
    for h in &honours {
        name.push_str(", ");
        name.push_str(h);
    }
    MemberName { raw: raw.trim().to_string(), name, title, surname, honours, role }
}

/// Parses a printed list of members into names. See the module documentation for the quirks
/// handled.
pub fn parse_names(text: &str) -> NameList {
    let cleaned = strip_markup(text);
    let mut out: Vec<(String, String, Vec<String>)> = Vec::new(); // (raw, body, honours)
    for item in split_items(&cleaned) {
        let raw = item.clone();
        let t = item.trim().trim_end_matches(['.', ',']).trim();
        let t = t.strip_prefix("and ").unwrap_or(t).trim();
        if t.is_empty() {
            continue;
        }
        // Honours after a comma, possibly followed by a role: "MBE (Chairman)".
        let (hon, role) = match (t.find('('), t.ends_with(')')) {
            (Some(open), true) => (t[..open].trim(), Some(&t[open..])),
            _ => (t, None),
        };
        if is_honour(hon)
            && let Some(last) = out.last_mut()
        {
            last.0.push(',');
            last.0.push_str(&raw);
            for h in hon.split_whitespace() {
                last.2.push(h.trim_end_matches(['.', ',']).to_string());
            }
            if let Some(r) = role {
                last.1.push(' ');
                last.1.push_str(r);
            }
            continue;
        }
        // A stray comma inside a name: "Mrs S, Prendergast" or "Mr, Booth".
        if let Some(last) = out.last_mut()
            && last.2.is_empty()
            && lacks_surname(&last.1)
            && !starts_with_title(t)
        {
            last.0.push(',');
            last.0.push_str(&raw);
            last.1.push(' ');
            last.1.push_str(t);
            continue;
        }
        out.push((raw, t.to_string(), Vec::new()));
    }
    NameList {
        raw: text.to_string(),
        names: out
            .into_iter()
            .map(|(raw, body, h)| make_name(&raw, &body, h))
            .filter(|n| !n.name.is_empty())
            .collect(),
    }
}

fn word_at(s: &str, idx: usize) -> bool {
    s[..idx].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

/// Finds a count-only vote in running text: `10 for, 0 against and 1 abstention`,
/// `For: 7 Against: 2 Abstentions: 1`, `For 7, Against 2, Abstain 1`. Both a "for" and an
/// "against" count are required.
pub fn find_count_only(text: &str) -> Option<CountOnly> {
    // Most lines hold no vote: without a digit and the word "against" there is none to find.
    let bytes = text.as_bytes();
    if !bytes.iter().any(u8::is_ascii_digit)
        || !memchr::memchr2_iter(b'a', b'A', bytes)
            .any(|k| bytes.get(k..k + 7).is_some_and(|w| w.eq_ignore_ascii_case(b"against")))
    {
        return None;
    }
    let cleaned = strip_markup(text);
    let s: &str = &cleaned;
    // (option, count, label, start, end)
    let mut hits: Vec<(VoteOption, u32, String, usize, usize)> = Vec::new();
    let mut idx = 0;
    while idx < s.len() {
        let rest = &s[idx..];
        if word_at(s, idx) {
            // number then word: "10 for"
            if let Ok((after, (n, (o, w)))) = (count, |i| {
                let (i, _) = space0(i)?;
                option_word(i)
            })
                .parse(rest)
                && !after.chars().next().is_some_and(char::is_alphanumeric)
            {
                let end = s.len() - after.len();
                hits.push((o, n, w.to_string(), idx, end));
                idx = end;
                continue;
            }
            // word then number: "For: 7", "Against 2"
            if let Ok((after, ((o, w), n))) = (option_word, |i| {
                let (i, _) = space0(i)?;
                let (i, _) = opt(alt((char(':'), char('-'), char('–')))).parse(i)?;
                let (i, _) = space0(i)?;
                count(i)
            })
                .parse(rest)
                && !after.chars().next().is_some_and(|c| {
                    c.is_alphanumeric()
                        || c == '.' && after[1..].starts_with(|d: char| d.is_ascii_digit())
                })
            {
                let end = s.len() - after.len();
                hits.push((o, n, w.to_string(), idx, end));
                idx = end;
                continue;
            }
        }
        idx += rest.chars().next().map_or(1, char::len_utf8);
    }
    // The first run of hits close together holding both for and against.
    let mut start = 0;
    while start < hits.len() {
        let mut end = start + 1;
        while end < hits.len() && hits[end].3.saturating_sub(hits[end - 1].4) <= 12 {
            end += 1;
        }
        let group = &hits[start..end];
        let get = |o: VoteOption| group.iter().find(|h| h.0 == o);
        if let (Some(f), Some(a)) = (get(VoteOption::Yes), get(VoteOption::No)) {
            let ab = get(VoteOption::Abstain);
            let raw = s[group[0].3..group[group.len() - 1].4].to_string();
            return Some(CountOnly {
                raw,
                for_count: f.1,
                against: a.1,
                abstain: ab.map(|h| h.1),
                labels: group.iter().map(|h| (h.0, h.2.clone())).collect(),
            });
        }
        start = end;
    }
    None
}

const PASS_WORDS: [&str; 5] = ["carried", "agreed", "approved", "adopted", "passed"];
const FAIL_WORDS: [&str; 5] = ["lost", "defeated", "fell", "rejected", "not carried"];

/// Reads a line that is only an outcome: `Motion carried`, `Amendment lost.`,
/// `Substantive Motion Carried.`, `Carried`, `The amendment was lost`.
pub fn parse_outcome(line: &str) -> Option<Outcome> {
    let cleaned = strip_markup(line);
    let s = cleaned.trim().trim_end_matches(['.', '!']).trim();
    if s.is_empty() || s.split_whitespace().count() > 6 {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower).to_string();
    let (kind, rest) = [
        "substantive motion",
        "amended motion",
        "original motion",
        "motion",
        "amendment",
        "recommendation",
        "recommendations",
        "proposal",
    ]
    .iter()
    .find_map(|k| lower.strip_prefix(k).map(|r| (Some(k.to_string()), r.trim().to_string())))
    .unwrap_or((None, lower.clone()));
    let rest = rest.strip_prefix("was ").or_else(|| rest.strip_prefix("is ")).unwrap_or(&rest);
    let rest = rest.strip_prefix("therefore ").unwrap_or(rest).trim();
    let passed = if FAIL_WORDS.contains(&rest) {
        false
    } else if PASS_WORDS.contains(&rest)
        || rest == "carried unanimously"
        || rest == "unanimously carried"
        || rest == "agreed unanimously"
    {
        true
    } else {
        return None;
    };
    Some(Outcome { raw: line.trim().to_string(), passed, kind, without_vote: false })
}

/// Finds an outcome stated inside running text: "agreed without a formal vote", "this was
/// carried", "the amendment was lost", "the motion was carried".
pub fn find_outcome(text: &str) -> Option<Outcome> {
    let cleaned = strip_markup(text);
    let lower = cleaned.to_ascii_lowercase();
    for phrase in [
        "without a formal vote",
        "without a vote",
        "without a recorded vote",
        "agreed unanimously",
        "unanimously agreed",
    ] {
        if lower.contains(phrase) {
            let kind =
                ["amendment", "motion"].iter().find(|k| lower.contains(*k)).map(|k| k.to_string());
            // The clause as printed: "agreed without a formal vote" (ASCII lower-casing keeps
            // byte offsets, so `lower` indexes `cleaned`).
            let at = lower.find(phrase).unwrap_or(0);
            let head = lower[..at].trim_end();
            let start = if head.ends_with("agreed") { head.len() - "agreed".len() } else { at };
            let end = at + phrase.len();
            return Some(Outcome {
                raw: cleaned.get(start..end).unwrap_or(phrase).trim().to_string(),
                passed: true,
                kind,
                without_vote: phrase.contains("without"),
            });
        }
    }
    let words: Vec<&str> =
        lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    for (n, w) in words.iter().enumerate() {
        let prev = if n > 0 { words[n - 1] } else { "" };
        let negated = prev == "not";
        let verb_ok =
            matches!(prev, "was" | "were" | "be" | "been" | "not" | "motion" | "amendment");
        if !verb_ok {
            continue;
        }
        let passed = match *w {
            "carried" => !negated,
            "lost" | "defeated" | "rejected" => false,
            _ => continue,
        };
        let kind = words[..n]
            .iter()
            .rev()
            .take(6)
            .find(|k| matches!(**k, "amendment" | "motion"))
            .map(|k| k.to_string());
        let raw = if negated && n >= 2 {
            format!("{} {} {}", words[n - 2], prev, w)
        } else {
            format!("{prev} {w}")
        };
        return Some(Outcome { raw, passed, kind, without_vote: false });
    }
    None
}

#[cfg(test)]
mod tests;
