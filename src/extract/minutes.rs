//! Decisions and attendance from the minutes the segmenter found ([`Pack::minutes`]): which
//! meetings and minutes there are, and who attended, is read once, in `segment`; here each
//! minute's lines are read again for the full text of its resolutions.
//!
//! * [`extract_decisions`]: every RESOLVED / AGREED paragraph of every minute, with the minute
//!   number and title, decision numbers (`17/00013`) and whether the minute says the motion was
//!   agreed without a formal vote.
//! * [`extract_attendance`]: for each set of minutes, the meeting date and body, members
//!   present (roles such as "(Chairman)" dropped from the name), officers in attendance (with
//!   their role in brackets), other members also present, apologies and substitutes.

use grammars::minutes::{is_resolution, strip_para_number};
use grammars::votes as g;

use super::lines::{Ln, flatten, meeting_id, next_text, unbullet};
use crate::model::pack::{MinutesBlock, Person};
use crate::model::records::{Attendance, Decision};
use crate::model::{Layout, Pack};

/// Every resolution in every set of minutes the segmenter found, in document order.
pub fn extract_decisions(layout: &Layout, pack: &Pack) -> Vec<Decision> {
    let lines = flatten(layout);
    let mut out = Vec::new();
    for (k, meet) in pack.minutes.iter().enumerate() {
        for m in &meet.items {
            let last = m.lines.last.min(lines.len().saturating_sub(1));
            let Some(body) = lines.get(m.lines.first..=last) else { continue };
            let without_vote =
                body.iter().filter_map(|l| g::find_outcome(&l.text)).any(|o| o.without_vote);
            // The number printed in the heading ("24/00108 - Revenue …", "Call-in of Decision
            // 25/00052 …") comes first, then those the resolutions name.
            let mut numbers: Vec<String> = grammars::agenda::find_decision_numbers(body[0].t())
                .into_iter()
                .map(|d| d.number)
                .collect();
            let mut i = m.lines.first + 1;
            while i <= last {
                if !is_resolution(lines[i].t()) {
                    i += 1;
                    continue;
                }
                let (text, end) = resolution_text(&lines, i, last);
                for d in grammars::agenda::find_decision_numbers(&text) {
                    if !numbers.contains(&d.number) {
                        numbers.push(d.number);
                    }
                }
                out.push(Decision {
                    meeting_id: Some(meeting_id(k)),
                    meeting_date: meet.meeting_date.clone(),
                    body: meet.body.clone(),
                    minute: Some(m.number.clone()),
                    title: Some(m.title.clone()),
                    text,
                    decision_number: numbers.first().cloned(),
                    without_vote,
                    location: lines[i].location.merge(&lines[end].location),
                });
                i = end + 1;
            }
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
    while let Some((k, blanks)) = next_text(lines, end + 1, last, 1) {
        let u = unbullet(lines[k].t());
        let lettered = u.starts_with('(')
            && u.chars().nth(1).is_some_and(|c| c.is_ascii_lowercase())
            || u.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && u.chars().nth(1) == Some(')');
        let numbered = strip_para_number(u).len() != u.len() && !lettered;
        if numbered
            || g::parse_heading(u).is_some()
            || is_resolution(u)
            || ends_papers(u)
            || (blanks > 0 && !lettered && !continues_sentence(&parts))
        {
            break;
        }
        parts.push(u.to_string());
        end = k;
    }
    (parts.join(" "), end)
}

/// A blank-page notice or an "Agenda Item" stamp: the minutes' papers end there.
fn ends_papers(t: &str) -> bool {
    use grammars::stamps::{StampKind, whole};
    whole(t).is_some_and(|s| matches!(s.kind, StampKind::BlankPage | StampKind::AgendaItem))
}

fn continues_sentence(parts: &[String]) -> bool {
    parts.last().is_some_and(|p| {
        let p = p.trim_end();
        p.ends_with(':') || p.ends_with(';') || p.ends_with("that") || !p.ends_with(['.', '"', '”'])
    })
}

/// Attendance for each set of minutes the segmenter found: the lists as it read them, names
/// without their roles except officers' (`Mr B Watts (General Counsel)`), located on the lines
/// from the "MINUTES of a meeting" line to the first minute.
pub fn extract_attendance(layout: &Layout, pack: &Pack) -> Vec<Attendance> {
    let lines = flatten(layout);
    pack.minutes.iter().enumerate().map(|(k, m)| attendance(&lines, k, m)).collect()
}

fn attendance(lines: &[Ln], k: usize, m: &MinutesBlock) -> Attendance {
    let names = |v: &[Person]| v.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    let opening = m.lines.first;
    let header_end =
        m.items.first().map_or((m.lines.last + 1).min(opening + 60), |x| x.lines.first);
    let last = header_end.saturating_sub(1).max(opening);
    let location = match (lines.get(opening), lines.get(last)) {
        (Some(a), Some(b)) => a.location.merge(&b.location),
        _ => m.location.clone(),
    };
    Attendance {
        meeting_id: Some(meeting_id(k)),
        meeting_date: m.meeting_date.clone(),
        body: m.body.clone(),
        present: names(&m.present),
        in_attendance: m
            .in_attendance
            .iter()
            .map(|p| match &p.role {
                Some(r) => format!("{} ({r})", p.name),
                None => p.name.clone(),
            })
            .collect(),
        also_present: names(&m.also_present),
        apologies: names(&m.apologies),
        substitutes: names(&m.substitutes),
        location,
    }
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
        let l = layout(SAMPLE);
        let d = extract_decisions(&l, &crate::segment::segment(&l));
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
        let l = layout(SAMPLE);
        let a = extract_attendance(&l, &crate::segment::segment(&l));
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
        let l = layout(SAMPLE);
        let v = super::super::votes::extract_votes(&l, &crate::segment::segment(&l));
        assert_eq!(v.len(), 1);
        assert!(v[0].count_only);
        assert_eq!(v[0].minute.as_deref(), Some("12"));
        let c: Vec<(String, u32)> =
            v[0].counts.iter().map(|c| (c.option.clone(), c.value)).collect();
        assert_eq!(c, [("yes".to_string(), 3), ("no".to_string(), 1), ("abstain".to_string(), 1)]);
        assert_eq!(v[0].result.as_deref(), Some("pass"));
    }
}
