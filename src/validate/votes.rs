//! Votes: names per option = stated count; outcome consistent with the counts; no member under two
//! options; votes cast no more than the members present, where the minutes list who was present.

use std::collections::BTreeMap;

use super::members::attendance_for;
use super::rules;
use super::{At, Sink};
use crate::model::Severity;
use crate::model::records::{Attendance, Records, Vote};

pub fn check(records: &Records, sink: &mut Sink) {
    for v in &records.votes {
        count_names(v, sink);
        outcome(v, sink);
        duplicates(v, sink);
        if let Some(a) = attendance_for(v, &records.attendance) {
            exceeds_present(v, a, sink);
        }
    }
}

fn at(v: &Vote, column: Option<String>) -> At {
    At {
        location: v.location.clone(),
        table: Some(v.id.clone()),
        row: Some(if v.motion_text.chars().count() > 80 {
            format!("{}…", v.motion_text.chars().take(80).collect::<String>())
        } else {
            v.motion_text.clone()
        }),
        column,
        evidence: None,
        row_index: None,
    }
}

fn count_names(v: &Vote, sink: &mut Sink) {
    if v.votes.is_empty() {
        return;
    }
    for c in &v.counts {
        let named = v.votes.iter().filter(|r| r.option == c.option).count() as u32;
        if named == c.value {
            continue;
        }
        sink.push(
            &rules::VOTE_COUNT_NAMES,
            Severity::Error,
            at(v, Some(c.label.clone())),
            c.value.to_string(),
            named.to_string(),
            format!("{} ({}) is stated but {} names are recorded", c.label, c.value, named),
        );
    }
}

fn count(v: &Vote, option: &str) -> Option<u32> {
    v.counts.iter().find(|c| c.option == option).map(|c| c.value)
}

/// "pass" or "fail" from the result or its printed wording.
fn result_of(v: &Vote) -> Option<&'static str> {
    match v.result.as_deref() {
        Some("pass") => return Some("pass"),
        Some("fail") => return Some("fail"),
        _ => {}
    }
    let raw = v.result_raw.as_deref()?.to_lowercase();
    if ["carried", "agreed", "approved", "passed", "adopted"].iter().any(|w| raw.contains(w)) {
        Some("pass")
    } else if ["lost", "defeated", "rejected", "fell", "not carried"]
        .iter()
        .any(|w| raw.contains(w))
    {
        Some("fail")
    } else {
        None
    }
}

fn outcome(v: &Vote, sink: &mut Sink) {
    let (Some(yes), Some(no), Some(result)) = (count(v, "yes"), count(v, "no"), result_of(v))
    else {
        return;
    };
    let consistent = match result {
        "pass" => yes > no,
        _ => yes <= no,
    };
    if consistent {
        return;
    }
    // A tie decided by a casting vote may go either way.
    let severity = if yes == no { Severity::Warning } else { Severity::Error };
    sink.push(
        &rules::VOTE_OUTCOME,
        severity,
        at(v, None),
        if yes > no { "pass" } else { "fail" },
        result,
        format!(
            "{} for and {} against, but the outcome is recorded as {}",
            yes,
            no,
            v.result_raw.as_deref().unwrap_or(result)
        ),
    );
}

/// A name reduced for matching: title and initials kept, punctuation and honours dropped.
pub fn name_key(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '\'' { c } else { ' ' })
        .collect();
    cleaned
        .split_whitespace()
        .filter(|w| {
            !matches!(*w, "MBE" | "OBE" | "CBE" | "TD" | "JP" | "Chairman" | "Vice-Chairman")
        })
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every member recorded under two options, each reported on its own (the member's name is the
/// finding's row, so no two are merged).
fn duplicates(v: &Vote, sink: &mut Sink) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for r in &v.votes {
        let k = name_key(&r.voter_name);
        if k.is_empty() {
            continue;
        }
        match seen.get(&k) {
            Some(&opt) if opt != r.option => {
                sink.push(
                    &rules::VOTE_DUPLICATE_MEMBER,
                    Severity::Error,
                    At {
                        row: Some(r.voter_name.clone()),
                        ..at(v, Some(format!("{opt} and {}", r.option)))
                    },
                    "one option per member",
                    format!("{opt} and {}", r.option),
                    format!(
                        "{} is recorded under both {opt} and {} in vote {}",
                        r.voter_name, r.option, v.id
                    ),
                );
            }
            Some(_) => {}
            None => {
                seen.insert(k, r.option.as_str());
            }
        }
    }
}

fn exceeds_present(v: &Vote, a: &Attendance, sink: &mut Sink) {
    let cast: u32 = v.counts.iter().map(|c| c.value).sum();
    let present = a.present.len() as u32;
    if cast == 0 || cast <= present {
        return;
    }
    sink.push(
        &rules::VOTE_EXCEEDS_PRESENT,
        Severity::Error,
        at(v, None),
        format!("at most {present}"),
        cast.to_string(),
        format!("{cast} votes are counted but {present} members are recorded as present"),
    );
}
