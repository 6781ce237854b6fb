//! Members across the sections of one set of minutes: every member named in a recorded vote is
//! in its PRESENT list or a substitute; nobody listed as present also sent apologies.
//!
//! Lists name members differently ("Mr Baker" in a vote, "Mr M Baker" in PRESENT, "Sir Paul
//! Carter, CBE" in both; a vote list may even print another initial than PRESENT, "Mr T Hills"
//! for "Mr A R Hills"), so a voter is found in PRESENT by title and surname, a one-letter misprint
//! of a long surname allowed ("Carev" for "Carey"). A member counts as both present and
//! apologising only when the initials printed on both sides agree as well.

use super::rules;
use super::{At, Sink};
use crate::model::records::{Attendance, Records, Vote};
use crate::model::{Evidence, Severity};

/// A member's name reduced to what lists agree on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    pub title: Option<String>,
    pub surname: String,
    /// Initials (or first letters of given names) printed before the surname.
    pub initials: Vec<char>,
}

/// Title, initials and surname of a name as printed; `None` when no surname can be told.
pub fn who(name: &str) -> Option<Who> {
    let parsed = grammars::votes::parse_names(name).names.into_iter().next()?;
    let surname = parsed.surname.clone()?.trim_end_matches([',', '.']).to_string();
    if surname.is_empty() {
        return None;
    }
    // Given names or initials: the words between the title and the surname.
    let body = match &parsed.title {
        Some(t) => parsed.name.trim_start().strip_prefix(t.as_str()).unwrap_or(&parsed.name),
        None => &parsed.name,
    };
    let body = body.split(',').next().unwrap_or("");
    let words: Vec<&str> = body.split_whitespace().collect();
    let initials = words
        .iter()
        .take(words.len().saturating_sub(1))
        .filter_map(|w| w.trim_start_matches('.').chars().next())
        .filter(char::is_ascii_uppercase)
        .collect();
    // "Cllr" says nothing about Mr/Mrs.
    let title = parsed.title.filter(|t| t != "Cllr" && t != "Councillor");
    Some(Who { title, surname: surname.to_lowercase(), initials })
}

/// Surnames equal, or long ones one misprinted letter apart ("carev" / "carey").
fn same_surname(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    x.len() == y.len() && x.len() >= 5 && x.iter().zip(&y).filter(|(p, q)| p != q).count() == 1
}

/// True when two names can be the same member by title and surname.
pub fn same(a: &Who, b: &Who) -> bool {
    same_surname(&a.surname, &b.surname)
        && (a.title.is_none() || b.title.is_none() || a.title == b.title)
}

/// [`same`], and the initials printed on both sides share a letter where both print some.
pub fn same_strict(a: &Who, b: &Who) -> bool {
    same(a, b)
        && (a.initials.is_empty()
            || b.initials.is_empty()
            || a.initials.iter().any(|c| b.initials.contains(c)))
}

/// The attendance of the meeting a vote was taken at: the record of the same minutes, else the
/// nearest attendance record printed before it.
pub fn attendance_for<'a>(v: &Vote, all: &'a [Attendance]) -> Option<&'a Attendance> {
    if let Some(id) = &v.meeting_id
        && let Some(a) = all.iter().find(|a| a.meeting_id.as_ref() == Some(id))
    {
        return Some(a);
    }
    let pos = |l: &crate::model::Location| (l.page.unwrap_or(0), l.line.unwrap_or(0));
    let vp = pos(&v.location);
    all.iter()
        .filter(|a| !a.present.is_empty() && pos(&a.location) <= vp)
        .max_by_key(|a| pos(&a.location))
}

pub fn check(records: &Records, sink: &mut Sink) {
    for v in &records.votes {
        if let Some(a) = attendance_for(v, &records.attendance) {
            voters_present(v, a, sink);
        }
    }
    for a in &records.attendance {
        present_and_apologies(a, sink);
    }
}

/// Every named voter is present or a substitute. When most voters cannot be found the lists are
/// more likely misread than the minutes wrong, and the findings are warnings.
fn voters_present(v: &Vote, a: &Attendance, sink: &mut Sink) {
    if v.votes.is_empty() || a.present.is_empty() {
        return;
    }
    let roll: Vec<Who> = a.present.iter().chain(&a.substitutes).filter_map(|n| who(n)).collect();
    let voters: Vec<(&str, &str, Option<Who>)> = v
        .votes
        .iter()
        .map(|r| (r.voter_name.as_str(), r.option.as_str(), who(&r.voter_name)))
        .collect();
    let tested = voters.iter().filter(|x| x.2.is_some()).count();
    let missing: Vec<&(&str, &str, Option<Who>)> = voters
        .iter()
        .filter(|(_, _, w)| w.as_ref().is_some_and(|w| !roll.iter().any(|p| same(w, p))))
        .collect();
    let held = tested - missing.len();
    let severity = if held * 2 > tested { Severity::Error } else { Severity::Warning };
    let evidence = Evidence {
        relation: "every voter is in PRESENT or a substitute".into(),
        stated_by: format!(
            "PRESENT list of the minutes of {}",
            a.meeting_date.as_deref().unwrap_or("the meeting")
        ),
        over: "voters".into(),
        tested: tested as u32,
        held: held as u32,
    };
    for (name, option, _) in missing {
        sink.push(
            &rules::VOTE_VOTER_NOT_PRESENT,
            severity,
            At {
                location: v.location.clone(),
                table: Some(v.id.clone()),
                row: Some(name.to_string()),
                column: Some(option.to_string()),
                evidence: Some(evidence.clone()),
                row_index: None,
            },
            "listed as present or as a substitute",
            "not in PRESENT",
            format!(
                "{name} is recorded as voting {option} in vote {} but is neither in the PRESENT \
                 list ({} members) nor among the substitutes",
                v.id,
                a.present.len()
            ),
        );
    }
}

/// Nobody both present and among the apologies.
fn present_and_apologies(a: &Attendance, sink: &mut Sink) {
    let present: Vec<(&String, Who)> =
        a.present.iter().filter_map(|n| who(n).map(|w| (n, w))).collect();
    for ap in &a.apologies {
        let Some(w) = who(ap) else { continue };
        let Some((p, _)) = present.iter().find(|(_, x)| same_strict(&w, x)) else { continue };
        sink.push(
            &rules::ATTENDANCE_PRESENT_AND_APOLOGIES,
            Severity::Error,
            At {
                location: a.location.clone(),
                table: a.meeting_id.clone(),
                row: Some(ap.clone()),
                column: Some("apologies".into()),
                evidence: None,
                row_index: None,
            },
            "present or absent, not both",
            format!("present as {p}, apologies as {ap}"),
            format!(
                "{ap} sent apologies to the meeting of {} but {p} is listed as present",
                a.meeting_date.as_deref().unwrap_or("the minutes")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Who {
        who(s).unwrap_or_else(|| panic!("no name in {s}"))
    }

    #[test]
    fn names_across_lists() {
        assert!(same(&w("Mr Baker"), &w("Mr M Baker")));
        assert!(same(&w("Sir Paul Carter, CBE"), &w("Sir P B Carter, CBE")));
        assert!(same(&w("Mrs P Rendell, OBE"), &w("Mrs P A Rendell, OBE")));
        assert!(!same(&w("Mr Meade"), &w("Ms Meade")));
        // County Council 13 July 2017: the vote lists print "Mr T Hills" and "Miss S Carey" for
        // PRESENT's "Mr A R Hills" and "Miss S J Carev".
        assert!(same(&w("Mr T Hills"), &w("Mr A R Hills")));
        assert!(same(&w("Miss S Carey"), &w("Miss S J Carev")));
        assert!(!same(&w("Mr Hill"), &w("Mr Hills")));
        assert!(!same_strict(&w("Mr A Wright"), &w("Mr B Wright")));
        assert!(same_strict(&w("Mr Kowalski"), &w("Mr D Kowalski")));
        assert_eq!(w("Mr R T Ashdown").initials, ['R', 'T']);
        assert!(w("Mr Ashdown").initials.is_empty());
    }
}
