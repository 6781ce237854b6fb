//! Decisions and attendance from minutes.
//!
//! * [`extract_decisions`]: every RESOLVED / AGREED paragraph of every minute, with the minute
//!   number and title, decision numbers (`17/00013`) and whether the minute says the motion was
//!   agreed without a formal vote.
//! * [`extract_attendance`]: for each set of minutes, the meeting date and body, members
//!   present (roles such as "(Chairman)" dropped from the name), officers in attendance (with
//!   their role in brackets), other members also present, apologies and substitutes.

use grammars::votes as g;

use super::lines::{Ln, MeetingSpan, flatten, meetings, minute_heading, unbullet};
use super::votes::{is_resolution, strip_para_number};
use crate::model::Layout;
use crate::model::records::{Attendance, Decision};

/// Every resolution in every set of minutes, in document order.
pub fn extract_decisions(layout: &Layout) -> Vec<Decision> {
    let lines = flatten(layout);
    let meets = meetings(&lines);
    let mut out = Vec::new();
    for (meet, m) in meets.iter().flat_map(|x| x.minutes.iter().map(move |m| (x, m))) {
        let last = m.last.min(lines.len().saturating_sub(1));
        let body: Vec<&Ln> = lines[m.first..=last].iter().collect();
        let without_vote =
            body.iter().filter_map(|l| g::find_outcome(&l.text)).any(|o| o.without_vote);
        let mut numbers: Vec<String> = grammars::agenda::find_decision_numbers(&m.title)
            .into_iter()
            .map(|d| d.number)
            .collect();
        let mut k = m.first;
        while k <= last {
            if k > m.first && is_resolution(lines[k].t()) {
                let (text, end) = resolution_text(&lines, k, last);
                for d in grammars::agenda::find_decision_numbers(&text) {
                    if !numbers.contains(&d.number) {
                        numbers.push(d.number);
                    }
                }
                out.push(Decision {
                    meeting_id: Some(meet.id.clone()),
                    meeting_date: meet.date.clone(),
                    body: meet.body.clone(),
                    minute: Some(m.number.clone()),
                    title: Some(m.title.clone()),
                    text,
                    decision_number: numbers.first().cloned(),
                    without_vote,
                    location: lines[k].location.merge(&lines[end].location),
                });
                k = end + 1;
                continue;
            }
            k += 1;
        }
    }
    out
}

/// The resolution starting at `start`: its own line and the lines that continue it (wrapped
/// text, lettered sub-paragraphs), up to the next numbered paragraph, minute heading or vote.
pub(crate) fn resolution_text(lines: &[Ln], start: usize, last: usize) -> (String, usize) {
    let first = strip_para_number(unbullet(lines[start].t()));
    let first = first.strip_prefix("It was ").unwrap_or(first);
    let mut parts = vec![first.to_string()];
    let mut end = start;
    let mut blanks = 0;
    let mut k = start + 1;
    while k <= last {
        let t = lines[k].t();
        if t.is_empty() {
            blanks += 1;
            if blanks > 1 {
                break;
            }
            k += 1;
            continue;
        }
        let u = unbullet(t);
        let lettered = u.starts_with('(')
            && u.chars().nth(1).is_some_and(|c| c.is_ascii_lowercase())
            || u.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && u.chars().nth(1) == Some(')');
        let numbered = strip_para_number(u).len() != u.len() && !lettered;
        if numbered
            || minute_heading(u).is_some()
            || g::parse_heading(u).is_some()
            || is_resolution(u)
            || (blanks > 0 && !lettered && !continues_sentence(&parts))
        {
            break;
        }
        parts.push(u.to_string());
        end = k;
        blanks = 0;
        k += 1;
    }
    (parts.join(" "), end)
}

fn continues_sentence(parts: &[String]) -> bool {
    parts.last().is_some_and(|p| {
        let p = p.trim_end();
        p.ends_with(':') || p.ends_with(';') || p.ends_with("that") || !p.ends_with(['.', '"', '”'])
    })
}

/// Attendance for each set of minutes.
pub fn extract_attendance(layout: &Layout) -> Vec<Attendance> {
    let lines = flatten(layout);
    let meets = meetings(&lines);
    meets.iter().map(|m| attendance(&lines, m)).collect()
}

fn attendance(lines: &[Ln], m: &MeetingSpan) -> Attendance {
    let (meeting_date, body) = (m.date.clone(), m.body.clone());
    let header_end = m.minutes.first().map_or(m.end.min(m.opening + 60), |x| x.first);
    let present_items = labelled_list(lines, m.opening + 1, header_end, &["PRESENT:", "Present:"]);
    let also = labelled_list(
        lines,
        m.opening + 1,
        header_end,
        &["ALSO PRESENT:", "Also Present:", "Also present:"],
    );
    let officers = labelled_list(
        lines,
        m.opening + 1,
        header_end,
        &["IN ATTENDANCE:", "In Attendance:", "In attendance:"],
    );
    let mut present = Vec::new();
    let mut substitutes = Vec::new();
    for n in &present_items {
        if n.role.as_deref().is_some_and(|r| r.to_ascii_lowercase().starts_with("substitute")) {
            substitutes.push(n.name.clone());
        }
        present.push(n.name.clone());
    }
    let also_present: Vec<String> = also.iter().map(|n| n.name.clone()).collect();
    let in_attendance: Vec<String> = officers
        .iter()
        .map(|n| match &n.role {
            Some(r) => format!("{} ({})", n.name, r),
            None => n.name.clone(),
        })
        .collect();
    let apologies = apologies(lines, m);
    if substitutes.is_empty() {
        substitutes = substitutes_in_text(lines, m);
    }
    let location = lines[m.opening]
        .location
        .merge(&lines[header_end.saturating_sub(1).max(m.opening)].location);
    Attendance {
        meeting_id: Some(m.id.clone()),
        meeting_date,
        body,
        present,
        in_attendance,
        also_present,
        apologies,
        substitutes,
        location,
    }
}

/// A list introduced by a label ("PRESENT:") and continued over following lines (blank lines
/// between allowed) until another label or a non-name line.
fn labelled_list(lines: &[Ln], from: usize, to: usize, labels: &[&str]) -> Vec<g::MemberName> {
    let to = to.min(lines.len());
    for k in from..to {
        let t = grammars::amount::strip_markup(lines[k].t());
        let t = t.trim();
        let Some(rest) = labels.iter().find_map(|l| t.strip_prefix(l)) else {
            continue;
        };
        let mut parts = vec![rest.trim().to_string()];
        let mut j = k + 1;
        while j < to {
            let u = lines[j].t();
            if u.is_empty() {
                j += 1;
                continue;
            }
            let upper_label = u.split(':').next().is_some_and(|h| {
                u.contains(':') && h.len() < 24 && h.chars().all(|c| c.is_uppercase() || c == ' ')
            });
            let prev = parts.last().map(String::as_str).unwrap_or("");
            // A bracket left open ("(Substitute for Mrs P T" / "Cole), …") also wraps.
            let open_bracket = prev.matches('(').count() > prev.matches(')').count();
            let wraps = g::ends_mid_name(prev) || open_bracket;
            if upper_label || minute_heading(u).is_some() || u.starts_with("UNRESTRICTED") {
                break;
            }
            if g::starts_with_title(u) || wraps || u.starts_with('(') {
                parts.push(u.to_string());
                j += 1;
                continue;
            }
            break;
        }
        let joined = g::join_wrapped(parts.iter().map(String::as_str));
        return g::parse_names(&joined).names;
    }
    Vec::new()
}

/// Substitutes named in the apologies minute: "Mrs T Dean was substituting for Mr M Vye.",
/// "Mr A attended as substitute for Mr B".
fn substitutes_in_text(lines: &[Ln], m: &MeetingSpan) -> Vec<String> {
    let Some(minute) =
        m.minutes.iter().find(|x| x.title.to_ascii_lowercase().starts_with("apologies"))
    else {
        return Vec::new();
    };
    let last = minute.last.min(lines.len().saturating_sub(1));
    let text = g::join_wrapped(lines[minute.first + 1..=last].iter().map(|l| l.t()));
    let mut out = Vec::new();
    for sentence in text.split(". ") {
        let lower = sentence.to_ascii_lowercase();
        let Some(p) = ["was substituting for", "attended as substitute for", "substituted for"]
            .iter()
            .find_map(|k| lower.find(k))
        else {
            continue;
        };
        for n in g::parse_names(&sentence[..p]).names {
            if n.title.is_some() && !out.contains(&n.name) {
                out.push(n.name);
            }
        }
    }
    out
}

/// Apologies reported in the first minutes ("apologies from Mrs Beresford, … and Miss Rankin.").
fn apologies(lines: &[Ln], m: &MeetingSpan) -> Vec<String> {
    let Some(first) = m.minutes.first() else {
        return Vec::new();
    };
    // The apologies minute is the first one titled "Apologies…", else search the first two.
    let minute = m
        .minutes
        .iter()
        .find(|x| x.title.to_ascii_lowercase().starts_with("apologies"))
        .unwrap_or(first);
    let last = minute.last.min(lines.len().saturating_sub(1));
    let text = g::join_wrapped(lines[minute.first + 1..=last].iter().map(|l| l.t()));
    let lower = text.to_ascii_lowercase();
    let Some(p) = ["apologies from", "received from", "apologies for absence from"]
        .iter()
        .filter_map(|k| lower.find(k).map(|p| p + k.len()))
        .min()
    else {
        return Vec::new();
    };
    let rest = &text[p..];
    // The sentence ends at the first full stop after the final " and ", or at a full stop not
    // followed by a title.
    let end = match rest.find(" and ") {
        Some(a) => rest[a..].find('.').map(|d| a + d),
        None => rest.find(". ").or_else(|| rest.find('.')),
    }
    .unwrap_or(rest.len());
    g::parse_names(&rest[..end]).names.into_iter().map(|n| n.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Line, Page, SourceKind};

    fn layout(text: &str) -> Layout {
        let mut l = Layout::new(SourceKind::Text);
        let mut p = Page { number: 1, ..Default::default() };
        for (n, t) in text.lines().enumerate() {
            p.lines.push(Line {
                text: t.to_string(),
                source_line: Some(n as u32 + 1),
                ..Default::default()
            });
        }
        l.pages.push(p);
        l
    }

    const SAMPLE: &str = "MINUTES of a meeting of the Wealdmere County Council held in the Chamber on Thursday, 15 May 2025.

PRESENT: Mrs A Pemberton (Chairman) Mr B Lockwood (Vice-Chairman)

Mr C Ashdown, Mrs P A Rendell, OBE, Mr Y Yardley (Substitute for Mr Q Quill), Ms Z
Zeller

IN ATTENDANCE: Mr O Officer (General Counsel) and Ms D Democrat (Democratic Services)

UNRESTRICTED ITEMS

10. Apologies for Absence

The General Counsel reported apologies from Mr Kowalski, Ms Oduya and Mrs Penhaligon. Mr Yardley attended.

11. Cultural Strategy

(1) Mr Ashdown moved and Mrs Rendell seconded the following motion:

\"Council is asked to adopt the strategy\"

- (2) Following the debate the motion set out above was agreed without a formal vote.
- (3) RESOLVED that the Cultural Strategy be adopted.

12. 25/00013 - Schools Proposal

RESOLVED that:
- (a) the proposal be endorsed; and
- (b) the Director be authorised to act.

Upon being put to the vote, this was carried, with 3 for, 1 against and 1 abstention.
";

    #[test]
    fn decisions_with_and_without_votes() {
        let d = extract_decisions(&layout(SAMPLE));
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].minute.as_deref(), Some("11"));
        assert_eq!(d[0].text, "RESOLVED that the Cultural Strategy be adopted.");
        assert!(d[0].without_vote);
        assert_eq!(d[1].minute.as_deref(), Some("12"));
        assert_eq!(d[1].decision_number.as_deref(), Some("25/00013"));
        assert_eq!(
            d[1].text,
            "RESOLVED that: (a) the proposal be endorsed; and (b) the Director be authorised to act."
        );
        assert!(!d[1].without_vote);
    }

    #[test]
    fn attendance_lists() {
        let a = extract_attendance(&layout(SAMPLE));
        assert_eq!(a.len(), 1);
        let a = &a[0];
        assert_eq!(a.meeting_date.as_deref(), Some("2025-05-15"));
        assert_eq!(a.body.as_deref(), Some("Wealdmere County Council"));
        assert_eq!(
            a.present,
            [
                "Mrs A Pemberton",
                "Mr B Lockwood",
                "Mr C Ashdown",
                "Mrs P A Rendell, OBE",
                "Mr Y Yardley",
                "Ms Z Zeller"
            ]
        );
        assert_eq!(a.substitutes, ["Mr Y Yardley"]);
        assert_eq!(
            a.in_attendance,
            ["Mr O Officer (General Counsel)", "Ms D Democrat (Democratic Services)"]
        );
        assert_eq!(a.apologies, ["Mr Kowalski", "Ms Oduya", "Mrs Penhaligon"]);
    }

    #[test]
    fn count_only_and_without_vote_minutes() {
        let v = super::super::votes::extract_votes(&layout(SAMPLE));
        assert_eq!(v.len(), 1);
        assert!(v[0].count_only);
        assert_eq!(v[0].minute.as_deref(), Some("12"));
        let c: Vec<(String, u32)> =
            v[0].counts.iter().map(|c| (c.option.clone(), c.value)).collect();
        assert_eq!(c, [("yes".to_string(), 3), ("no".to_string(), 1), ("abstain".to_string(), 1)]);
        assert_eq!(v[0].result.as_deref(), Some("pass"));
    }
}
