//! Recorded votes from minutes, in the Open Civic Data VoteEvent shape.
//!
//! Two kinds are read from the document's lines (whatever the source):
//! * recorded divisions: option headings (`For (48)`, `Against (13)`, `Abstain (9)`) each
//!   followed by a list of members, then an outcome line (`Motion carried`);
//! * count-only votes in running text (`carried, with 10 for, 0 against and 1 abstention`).
//!
//! The stated counts and the printed names are both kept, even where they disagree; the
//! validator reports the disagreement. Mover, seconder, motion kind and text come from the
//! paragraphs before the vote; the minute number from the minute the vote sits in.

use grammars::minutes::{is_resolution, strip_para_number};
use grammars::votes::{self as g, VoteOption};

use super::lines::{Ln, flatten, meeting_at, minute_at, next_text, unbullet};
use crate::model::pack::MinutesBlock;
use crate::model::records::{Vote, VoteCount, VoterRecord};
use crate::model::{Layout, Pack};

/// Every recorded and count-only vote in the document, in document order; the minute and
/// meeting each belongs to from the segmented minutes.
pub fn extract_votes(layout: &Layout, pack: &Pack) -> Vec<Vote> {
    let lines = flatten(layout);
    let mut votes = Vec::new();
    let mut i = 0;
    let mut used = vec![false; lines.len()];
    while i < lines.len() {
        if let Some(h) = g::parse_heading(unbullet(&lines[i].text))
            && let Some((vote, end)) = division(&lines, pack, i, h, votes.len() + 1)
        {
            for u in used.iter_mut().take(end + 1).skip(i) {
                *u = true;
            }
            votes.push(vote);
            i = end + 1;
            continue;
        }
        i += 1;
    }
    // Count-only votes, outside the divisions already read.
    let mut count_only = Vec::new();
    for (idx, l) in lines.iter().enumerate() {
        if used[idx] {
            continue;
        }
        if let Some(c) = g::find_count_only(&l.text) {
            count_only.push(count_only_vote(&lines, pack, idx, &c));
        }
    }
    votes.extend(count_only);
    votes.sort_by_key(|v| (v.location.page, v.location.line));
    for (n, v) in votes.iter_mut().enumerate() {
        v.id = format!("v{}", n + 1);
    }
    votes
}

/// Does this line continue a name list? (A title at the start, an honour, or a wrap from a
/// previous line that ended mid-name.)
fn continues_names(t: &str, prev: Option<&str>) -> bool {
    if t.is_empty() {
        return false;
    }
    if g::parse_heading(t).is_some() || g::parse_outcome(t).is_some() {
        return false;
    }
    if g::starts_with_title(t) {
        return true;
    }
    let first = t.split([',', ' ']).next().unwrap_or("");
    if g::HONOURS.contains(&first) {
        return true;
    }
    let Some(p) = prev else {
        return false;
    };
    // The previous line ended with a comma, a title or a hyphen: the list wraps here.
    let wrapped = g::ends_mid_name(p);
    // A name fragment: short, capitalised words, commas.
    let namey = t.split_whitespace().count() <= 40
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.contains(':');
    wrapped && namey
}

/// One option of a division: its heading and the lines of names under it.
type OptionBlock = (g::VoteHeading, Vec<String>);

/// Reads a division starting at the heading on line `start`. Returns the vote and the index of
/// its last line.
fn division(
    lines: &[Ln],
    pack: &Pack,
    start: usize,
    first: g::VoteHeading,
    seq: usize,
) -> Option<(Vote, usize)> {
    let (blocks, last_line) = option_blocks(lines, start, first);
    // Only a division when it has a count, or more than one option.
    let has_count = blocks.iter().any(|b| b.0.count.is_some());
    if !(has_count || blocks.len() >= 2) {
        return None;
    }
    let outcome = outcome_after(lines, last_line);
    let end = outcome.as_ref().map_or(last_line, |(k, _)| *k);
    let outcome = outcome.map(|(_, o)| o);
    let outcome_kind = outcome.as_ref().and_then(|o| o.kind.clone());
    let minute = minute_at(pack, start);
    let context = Context::before(lines, pack, start, outcome_kind.as_deref());
    // No printed outcome: a resolution right after the vote records that it passed.
    let passed = outcome
        .as_ref()
        .map(|o| o.passed)
        .or_else(|| resolved_after(lines, end, minute.map(|m| m.lines.last)).then_some(true));
    let mut counts = Vec::new();
    let mut voters = Vec::new();
    for (h, names_lines) in &blocks {
        if let Some(n) = h.count {
            counts.push(VoteCount {
                option: h.option.as_str().to_string(),
                label: h.label.clone(),
                value: n,
            });
        }
        let joined = g::join_wrapped(names_lines.iter().map(String::as_str));
        for n in g::parse_names(&joined).names {
            voters.push(VoterRecord { option: h.option.as_str().to_string(), voter_name: n.name });
        }
    }
    let motion_kind = outcome_kind.or(context.kind.clone()).unwrap_or_else(|| "motion".to_string());
    let location = lines[start].location.merge(&lines[end].location);
    let meet = meeting_at(pack, start);
    let motion_text = context
        .motion
        .clone()
        .or_else(|| resolution_before(lines, minute.map(|m| m.lines.first), start))
        .unwrap_or_default();
    let mut v = Vote::new(motion_text, location);
    v.id = format!("v{seq}");
    v.minute = minute.map(|m| m.number.clone());
    v.motion_classification = vec![motion_kind];
    at_meeting(&mut v, meet);
    v.mover = context.mover.clone();
    v.seconder = context.seconder.clone();
    v.counts = counts;
    v.votes = voters;
    v.result_raw = outcome.map(|o| o.raw);
    v.set_passed(passed);
    Some((v, end))
}

/// The option headings of a division from line `start` on (`For (48)`, `Against (13)`, …),
/// each with the lines of names under it, and the index of the last line read.
fn option_blocks(lines: &[Ln], start: usize, first: g::VoteHeading) -> (Vec<OptionBlock>, usize) {
    let mut blocks: Vec<OptionBlock> = Vec::new();
    let mut heading = first;
    let mut i = start;
    let mut last_line = start;
    loop {
        let mut names_lines: Vec<String> = Vec::new();
        if !heading.rest.is_empty() {
            names_lines.push(heading.rest.clone());
        }
        let heading_line = i;
        let mut j = i + 1;
        while let Some((k, _)) = next_text(lines, j, usize::MAX, 3) {
            let t = unbullet(&lines[k].text).to_string();
            let prev = names_lines.last().map(String::as_str);
            if !continues_names(&t, prev) {
                break;
            }
            names_lines.push(t);
            last_line = k;
            j = k + 1;
        }
        last_line = last_line.max(heading_line);
        blocks.push((heading.clone(), names_lines));
        // Next heading within a few lines?
        let mut k = last_line + 1;
        while k < lines.len() && lines[k].is_blank() && k <= last_line + 4 {
            k += 1;
        }
        match lines.get(k).and_then(|l| g::parse_heading(unbullet(&l.text))) {
            Some(h) if !blocks.iter().any(|b| b.0.option == h.option) => {
                heading = h;
                i = k;
                last_line = k;
            }
            _ => return (blocks, last_line),
        }
    }
}

/// The outcome printed within three non-blank lines after a division ("Motion carried"), with
/// its line index; none when another heading comes first.
fn outcome_after(lines: &[Ln], last_line: usize) -> Option<(usize, g::Outcome)> {
    let mut k = last_line + 1;
    let mut seen = 0;
    while k < lines.len() && seen < 3 {
        let t = lines[k].t();
        if t.is_empty() {
            k += 1;
            continue;
        }
        seen += 1;
        if let Some(o) = g::parse_outcome(unbullet(t)) {
            return Some((k, o));
        }
        if g::parse_heading(t).is_some() {
            return None;
        }
        k += 1;
    }
    None
}

fn resolved_after(lines: &[Ln], from: usize, limit: Option<usize>) -> bool {
    let stop = limit.unwrap_or(from + 12).min(from + 12).min(lines.len().saturating_sub(1));
    (from + 1..=stop).any(|k| is_resolution(lines[k].t()))
}

/// What the paragraphs before a vote say about it.
#[derive(Debug, Default)]
struct Context {
    kind: Option<String>,
    mover: Option<String>,
    seconder: Option<String>,
    motion: Option<String>,
}

impl Context {
    fn before(lines: &[Ln], pack: &Pack, start: usize, hint: Option<&str>) -> Context {
        let floor = minute_at(pack, start).map_or(start.saturating_sub(80), |m| m.lines.first);
        let mut ctx = Context::default();
        // The "put … to the vote" sentence, read backwards over a few lines.
        let mut k = start;
        let mut put_sentence = String::new();
        while k > floor && start - k < 8 {
            k -= 1;
            let t = lines[k].t();
            if t.is_empty() {
                if put_sentence.trim().is_empty() {
                    continue;
                }
                break;
            }
            put_sentence = format!("{} {}", t, put_sentence);
            // Back to the start of the paragraph ("(8) Following the debate, …").
            if strip_para_number(unbullet(t)).len() != unbullet(t).len()
                || put_sentence.to_ascii_lowercase().contains("to the vote")
            {
                break;
            }
        }
        let lower = put_sentence.to_ascii_lowercase();
        ctx.kind = if lower.contains("substantive motion") {
            Some("substantive motion".into())
        } else if lower.contains("amendment") {
            Some("amendment".into())
        } else if lower.contains("motion") {
            Some("motion".into())
        } else {
            hint.map(str::to_string)
        };
        // The referenced paragraph, e.g. "the amendment set out in paragraph (2) above".
        let para = paragraph_ref(&lower);
        // Mover and seconder: the nearest matching "X moved/proposed and Y seconded" line.
        let want_amendment = ctx.kind.as_deref() == Some("amendment");
        let mut m = start;
        while m > floor {
            m -= 1;
            let t = unbullet(lines[m].t());
            let Some((mover, seconder, is_amendment)) = mover_seconder(lines, m) else {
                continue;
            };
            let para_ok = para.as_ref().is_none_or(|p| paragraph_number(t).as_ref() == Some(p));
            if is_amendment == want_amendment && para_ok {
                ctx.mover = Some(mover);
                ctx.seconder = Some(seconder);
                ctx.motion = quoted_after(lines, m, start);
                break;
            }
        }
        if ctx.motion.is_none() {
            ctx.motion = motion_in(&put_sentence);
        }
        ctx
    }
}

fn paragraph_ref(lower: &str) -> Option<String> {
    let pos = lower.find("paragraph")?;
    let rest = lower[pos + "paragraph".len()..].trim_start();
    let rest = rest.trim_start_matches('(');
    let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
    (!n.is_empty()).then_some(n)
}

fn paragraph_number(t: &str) -> Option<String> {
    let t = t.trim_start().strip_prefix('(')?;
    let n: String = t.chars().take_while(char::is_ascii_digit).collect();
    (!n.is_empty() && t[n.len()..].starts_with(')')).then_some(n)
}

/// "Mr Payne moved and Mr Dance seconded the following motion:", "Mr Brady proposed, and
/// Ms Meade seconded the following amendment:" (possibly wrapped onto the next line).
fn mover_seconder(lines: &[Ln], idx: usize) -> Option<(String, String, bool)> {
    let mut text = unbullet(lines[idx].t()).to_string();
    if let Some(next) = lines.get(idx + 1)
        && !next.is_blank()
    {
        text.push(' ');
        text.push_str(next.t());
    }
    let body = strip_para_number(&text);
    let lower = body.to_ascii_lowercase();
    let verb = ["moved", "proposed"].iter().find_map(|v| lower.find(&format!(" {v}")))?;
    let sec = lower.find(" seconded")?;
    if sec < verb {
        return None;
    }
    let mover = body[..verb].trim().trim_end_matches(',').to_string();
    let mid = &body[verb..sec];
    let seconder =
        mid.find(" and ").map(|p| mid[p + 5..].trim().trim_end_matches(',').to_string())?;
    if !g::starts_with_title(&mover) || !g::starts_with_title(&seconder) {
        return None;
    }
    let after = &lower[sec..];
    let is_amendment = after.contains("amendment") && !after.contains("motion");
    Some((strip_role(&mover), strip_role(&seconder), is_amendment))
}

fn strip_role(s: &str) -> String {
    match s.find(" (") {
        Some(p) => s[..p].to_string(),
        None => s.to_string(),
    }
}

/// The quoted motion text after the mover line: from the first opening quote to its close.
fn quoted_after(lines: &[Ln], from: usize, limit: usize) -> Option<String> {
    let mut text = String::new();
    let mut open = false;
    for l in lines.iter().take(limit).skip(from + 1) {
        let t = l.t();
        if !open {
            if let Some(p) = t.find(['"', '“']) {
                open = true;
                text.push_str(&t[p..]);
            } else if !t.is_empty() && text.is_empty() && g::parse_heading(t).is_some() {
                break;
            }
        } else {
            text.push(' ');
            text.push_str(unbullet(t));
        }
        if open {
            let inner = text.trim_start_matches(['"', '“']);
            if inner.contains(['"', '”']) {
                break;
            }
        }
        if text.len() > 6000 {
            break;
        }
    }
    let t = text.trim().trim_matches(['"', '“', '”']).trim().to_string();
    (!t.is_empty()).then_some(t)
}

fn count_only_vote(lines: &[Ln], pack: &Pack, idx: usize, c: &g::CountOnly) -> Vote {
    let label = |o: VoteOption| {
        c.labels.iter().find(|(x, _)| *x == o).map(|(_, l)| l.clone()).unwrap_or_default()
    };
    let mut counts = vec![
        VoteCount { option: "yes".into(), label: label(VoteOption::Yes), value: c.for_count },
        VoteCount { option: "no".into(), label: label(VoteOption::No), value: c.against },
    ];
    if let Some(a) = c.abstain {
        counts.push(VoteCount {
            option: "abstain".into(),
            label: label(VoteOption::Abstain),
            value: a,
        });
    }
    let minute = minute_at(pack, idx);
    let outcome = g::find_outcome(&lines[idx].text);
    let passed = outcome.as_ref().map(|o| o.passed).or_else(|| {
        // A resolution in the same minute records the decision the vote carried.
        let (a, b) = minute.map_or((idx, idx), |m| (m.lines.first, m.lines.last));
        (a..=b.min(lines.len().saturating_sub(1)))
            .any(|k| is_resolution(lines[k].t()))
            .then_some(true)
    });
    // The paragraph the count sits in (wrapped lines before it, back to a blank line).
    let mut para = lines[idx].t().to_string();
    let mut k = idx;
    while k > 0 && idx - k < 6 && !lines[k - 1].is_blank() {
        k -= 1;
        para = format!("{} {}", lines[k].t(), para);
    }
    let floor = minute.map_or(idx.saturating_sub(40), |m| m.lines.first);
    let motion_text = motion_in(&para)
        .or_else(|| resolution_before(lines, Some(floor), idx))
        .unwrap_or_else(|| para.trim().to_string());
    // Mover and seconder: the nearest "X moved/proposed and Y seconded" line of the minute.
    let named = (floor..idx).rev().find_map(|m| mover_seconder(lines, m));
    let meet = meeting_at(pack, idx);
    let mut v = Vote::new(motion_text, lines[idx].location.clone());
    v.minute = minute.map(|m| m.number.clone());
    v.motion_classification = vec!["motion".into()];
    at_meeting(&mut v, meet);
    v.mover = named.as_ref().map(|n| n.0.clone());
    v.seconder = named.as_ref().map(|n| n.1.clone());
    v.counts = counts;
    v.result_raw = outcome.map(|o| o.raw);
    v.set_passed(passed);
    v.count_only = true;
    v
}

/// Names the minuted meeting a vote was taken at: its id, date and body.
fn at_meeting(v: &mut Vote, meet: Option<(String, &MinutesBlock)>) {
    v.start_date = meet.as_ref().and_then(|(_, m)| m.meeting_date.clone());
    v.organization = meet.as_ref().and_then(|(_, m)| m.body.clone());
    v.meeting_id = meet.map(|(id, _)| id);
}

/// The motion a sentence about a vote names: "put the amendment set out in paragraph (2) above
/// to the vote" gives "the amendment set out in paragraph (2) above"; "The Chairman proposed to
/// endorse the recommendations set out in the report." gives "to endorse the recommendations set
/// out in the report". `None` when the sentence names none ("put it to the vote").
fn motion_in(sentence: &str) -> Option<String> {
    let s = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = s.to_ascii_lowercase();
    if let Some(v) = lower.find(" to the vote") {
        let before = &lower[..=v];
        if let Some(p) = before.rfind("put ") {
            let m = s[(p + 4).min(v)..v].trim();
            let pronoun =
                matches!(m.to_ascii_lowercase().as_str(), "it" | "this" | "them" | "that");
            if !m.is_empty() && !pronoun {
                return Some(m.to_string());
            }
        }
    }
    for verb in [" proposed to ", " proposed that ", " moved that ", " moved to "] {
        if let Some(p) = lower.find(verb) {
            let start = p + verb.len() - if verb.ends_with("to ") { 3 } else { 5 };
            let rest = &s[start..];
            let end = rest.find(". ").or_else(|| rest.rfind('.')).unwrap_or(rest.len());
            let m = rest[..end].trim();
            if m.split_whitespace().count() >= 3 {
                return Some(m.to_string());
            }
        }
    }
    None
}

/// The nearest resolution before line `before` and after line `floor` (the minute's first line):
/// what a vote printed after "Resolved that: (a) … (c) …" was taken on.
fn resolution_before(lines: &[Ln], floor: Option<usize>, before: usize) -> Option<String> {
    let floor = floor.unwrap_or(before.saturating_sub(40));
    let k = (floor..before).rev().find(|&k| is_resolution(lines[k].t()))?;
    let (text, _) = super::minutes::resolution_text(lines, k, before.saturating_sub(1));
    Some(text)
}

/// The location of a vote's first line (for callers joining votes to other records).
pub fn vote_line(v: &Vote) -> Option<u32> {
    v.location.line.or(v.location.page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_numbers() {
        assert_eq!(
            paragraph_ref("put the amendment set out in paragraph (2) above"),
            Some("2".into())
        );
        assert_eq!(paragraph_ref("set out in paragraph 11 above"), Some("11".into()));
    }

    #[test]
    fn continuation_of_names() {
        assert!(continues_names("Mr Baker, Mr Bond", None));
        assert!(continues_names("OBE, Mr Marsh", Some("Mr Love,")));
        assert!(continues_names("Booth, Mr Brady", Some("Mr Bond, Mr")));
        assert!(continues_names("Wright", Some("Mr Whiting, Mr Wright, Ms")));
        assert!(!continues_names("Against (9)", Some("Mr A,")));
        assert!(!continues_names("Motion carried.", Some("Mr A,")));
        assert!(!continues_names("The Chairman then moved on", Some("Mr A Smith")));
    }
}
