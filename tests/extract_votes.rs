//! Votes, decisions and attendance from the shared corpus, against hand-written facts in
//! `corpus/facts/votes/` (counts, outcomes and every name) and the values named in
//! `../shared/notes`.

use std::path::Path;

use agendapack::extract::{minutes, votes};
use agendapack::ingest::{self, InputKind};
use agendapack::model::Layout;
use agendapack::model::records::Vote;
use serde_json::Value;

fn layout(rel: &str) -> Option<Layout> {
    let path = agendapack::testsupport::shared_corpus_file(rel)?;
    let kind = InputKind::from_path(&path).expect("known extension");
    let bytes = std::fs::read(&path).expect("shared corpus file readable");
    Some(ingest::read(kind, &bytes, &Default::default()).expect("ingest"))
}

fn facts(name: &str) -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/facts/votes").join(name);
    serde_json::from_str(&std::fs::read_to_string(p).expect("facts file")).expect("facts json")
}

fn option_of(label: &str) -> &'static str {
    match label {
        "For" => "yes",
        "Against" => "no",
        _ => "abstain",
    }
}

fn names(v: &Vote, option: &str) -> Vec<String> {
    v.votes.iter().filter(|r| r.option == option).map(|r| r.voter_name.clone()).collect()
}

/// Compares every recorded vote with its facts; returns how many matched in full.
fn check_against_facts(got: &[Vote], facts: &Value) -> usize {
    let want = facts["votes"].as_array().expect("votes array");
    let recorded: Vec<&Vote> = got.iter().filter(|v| !v.count_only).collect();
    assert_eq!(recorded.len(), want.len(), "number of recorded votes");
    let mut matched = 0;
    for (n, (v, w)) in recorded.iter().zip(want).enumerate() {
        let ctx = format!("vote {} ({})", n + 1, v.id);
        assert_eq!(v.minute.as_deref(), w["minute"].as_str(), "{ctx} minute");
        assert_eq!(v.motion_classification, [w["kind"].as_str().unwrap_or_default()], "{ctx} kind");
        assert_eq!(v.mover.as_deref(), w["mover"].as_str(), "{ctx} mover");
        assert_eq!(v.seconder.as_deref(), w["seconder"].as_str(), "{ctx} seconder");
        assert_eq!(v.result.as_deref(), w["result"].as_str(), "{ctx} result");
        assert_eq!(v.result_raw.as_deref(), w["result_raw"].as_str(), "{ctx} result as printed");
        for o in w["options"].as_array().expect("options") {
            let label = o["label"].as_str().expect("label");
            let option = option_of(label);
            let count = o["count"].as_u64().expect("count") as u32;
            let stated = v.counts.iter().find(|c| c.option == option).map(|c| c.value);
            assert_eq!(stated, Some(count), "{ctx} {label} count");
            let want_names: Vec<String> = o["names"]
                .as_array()
                .expect("names")
                .iter()
                .map(|x| x.as_str().unwrap_or_default().to_string())
                .collect();
            assert_eq!(names(v, option), want_names, "{ctx} {label} names");
        }
        matched += 1;
    }
    matched
}

#[test]
fn pack_002_three_recorded_votes_with_every_name() {
    let Some(l) = layout("text/002_44206e63360eab18.txt") else { return };
    let got = votes::extract_votes(&l, &agendapack::segment::segment(&l));
    let matched = check_against_facts(&got, &facts("002_44206e63360eab18.json"));
    assert_eq!(matched, 3);
    assert!(got.iter().all(|v| !v.count_only), "no count-only votes in pack 002");
    // V1: 62 + 9 + 1 = 72 voters (73 present less the Chairman); Mr D Farrell abstained.
    assert_eq!(got[0].votes.len(), 72);
    assert_eq!(names(&got[0], "abstain"), ["Mr D Farrell"]);
    assert_eq!(got[0].location.line, Some(167));
    // V2 amendment lost 7/57/6, V3 motion carried 48/13/9.
    assert_eq!(got[1].result_raw.as_deref(), Some("Amendment lost"));
    assert_eq!(got[2].result_raw.as_deref(), Some("Motion carried"));
    assert!(got[1].motion_text.starts_with("The County Council is asked to note this report"));
    assert!(
        got[2]
            .motion_text
            .starts_with("To apply a global increase of 15% to all current allowances")
    );
    eprintln!("pack 002: {matched}/3 recorded votes match the facts");
}

#[test]
fn pack_003_two_count_only_votes() {
    let Some(l) = layout("text/003_d08e34e2df91019d.txt") else { return };
    let got = votes::extract_votes(&l, &agendapack::segment::segment(&l));
    assert_eq!(got.len(), 2, "{got:#?}");
    fn counts(v: &Vote) -> Vec<(&str, u32)> {
        v.counts.iter().map(|c| (c.option.as_str(), c.value)).collect()
    }
    // 17 January 2017, minute 236 (16/00151 Young Carers): "carried, with 10 for, 0 against and
    // 1 abstention".
    assert!(got[0].count_only);
    assert_eq!(got[0].minute.as_deref(), Some("236"));
    assert_eq!(counts(&got[0]), [("yes", 10), ("no", 0), ("abstain", 1)]);
    assert_eq!(got[0].result.as_deref(), Some("pass"));
    assert_eq!(got[0].result_raw.as_deref(), Some("was carried"));
    assert_eq!(got[0].location.line, Some(210));
    // 7 March 2017, minute 3 (17 00024 Education Services Company): "For: 7 Against: 2
    // Abstentions: 1", resolved.
    assert!(got[1].count_only);
    assert_eq!(got[1].minute.as_deref(), Some("3"));
    assert_eq!(counts(&got[1]), [("yes", 7), ("no", 2), ("abstain", 1)]);
    assert_eq!(got[1].counts[2].label, "Abstentions");
    assert_eq!(got[1].result.as_deref(), Some("pass"));
    assert_eq!(got[1].location.line, Some(532));
    assert!(got.iter().all(|v| v.votes.is_empty()));
}

#[test]
fn real_minutes_pdf_every_for_block() {
    let Some(l) = layout("real/kcc_cc_2025-02-13_printed_minutes_recorded_votes.pdf") else {
        return;
    };
    let got = votes::extract_votes(&l, &agendapack::segment::segment(&l));
    let matched =
        check_against_facts(&got, &facts("kcc_cc_2025-02-13_printed_minutes_recorded_votes.json"));
    assert_eq!(matched, 8);
    // Section 25 motion: 57 for, none against, Mr B Lewis and Mr D Ross abstaining, on page 3.
    assert_eq!(got[0].location.page, Some(3));
    assert_eq!(names(&got[0], "abstain"), ["Mr B Lewis", "Mr D Ross"]);
    // The substantive budget motion: 41/10/7, "Substantive Motion Carried."
    assert_eq!(got[7].motion_classification, ["substantive motion"]);
    eprintln!("real minutes PDF: {matched}/8 recorded votes match the facts");
}

#[test]
fn pack_002_decisions_and_attendance() {
    let Some(l) = layout("text/002_44206e63360eab18.txt") else { return };
    let d = minutes::extract_decisions(&l, &agendapack::segment::segment(&l));
    let mins: Vec<&str> = d.iter().filter_map(|x| x.minute.as_deref()).collect();
    assert_eq!(mins, ["18", "22", "23", "24", "25", "26"]);
    let without: Vec<&str> =
        d.iter().filter(|x| x.without_vote).filter_map(|x| x.minute.as_deref()).collect();
    assert_eq!(without, ["22", "24", "25"], "agreed without a formal vote");
    assert_eq!(d[3].text, "RESOLVED that the Cultural Strategy be adopted.");
    assert_eq!(d[3].title.as_deref(), Some("Cultural Strategy"));
    assert!(
        d[4].text.contains("(c) the change of reporting line for the Director of Public Health")
    );
    assert!(d[5].text.contains("(d) Appendix 7 of the Constitution be amended"));
    assert!(d.iter().all(|x| x.decision_number.is_none()));

    let a = minutes::extract_attendance(&l, &agendapack::segment::segment(&l));
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].meeting_date.as_deref(), Some("2017-07-13"));
    // PRESENT = Chairman + Vice-Chairman + 71 = 73.
    assert_eq!(a[0].present.len(), 73);
    assert_eq!(a[0].present[0], "Mr D L Brazier");
    assert!(a[0].present.iter().any(|p| p == "Mr P B Carter, CBE"));
    assert_eq!(a[0].apologies.len(), 8);
    assert!(a[0].apologies.iter().any(|p| p == "Ida Linfield"));
    assert_eq!(a[0].in_attendance.len(), 3);
    assert_eq!(a[0].in_attendance[1], "Mr B Watts (General Counsel)");
}

#[test]
fn pack_003_decisions_and_attendance() {
    let Some(l) = layout("text/003_d08e34e2df91019d.txt") else { return };
    let d = minutes::extract_decisions(&l, &agendapack::segment::segment(&l));
    let with_number: Vec<(&str, &str)> = d
        .iter()
        .filter_map(|x| Some((x.minute.as_deref()?, x.decision_number.as_deref()?)))
        .collect();
    assert!(with_number.contains(&("235", "16/00114")));
    assert!(with_number.contains(&("236", "16/00151")));
    assert!(with_number.contains(&("3", "17/00024")), "decision number printed without its slash");
    assert!(with_number.contains(&("4", "17/00031")));
    assert!(d.iter().any(|x| x.minute.as_deref() == Some("253")
        && x.text == "RESOLVED that the draft SACRE Annual Report 2015-16 be endorsed."));

    let a = minutes::extract_attendance(&l, &agendapack::segment::segment(&l));
    let dates: Vec<&str> = a.iter().filter_map(|x| x.meeting_date.as_deref()).collect();
    assert_eq!(dates, ["2017-01-17", "2017-02-01", "2017-03-07"]);
    let present: Vec<usize> = a.iter().map(|x| x.present.len()).collect();
    assert_eq!(present, [12, 12, 11]);
    assert_eq!(a[0].apologies, ["Mr Oakford", "Mr Brunning", "Mr Roper", "Mr Tear"]);
    assert_eq!(a[0].also_present, ["Mr R W Gough", "Mr P M Hill, OBE", "Mr G Lymer"]);
    assert_eq!(a[0].in_attendance.len(), 2);
    // 1 February: "Mrs T Dean was substituting for Mr M Vye."; 7 March: roles in PRESENT.
    assert_eq!(a[1].substitutes, ["Mrs T Dean"]);
    assert_eq!(a[2].substitutes, ["Mrs M E Crabtree", "Mrs T Dean, MBE"]);
}

#[test]
fn real_minutes_pdf_decisions_and_attendance() {
    let Some(l) = layout("real/kcc_cc_2025-02-13_printed_minutes_recorded_votes.pdf") else {
        return;
    };
    let d = minutes::extract_decisions(&l, &agendapack::segment::segment(&l));
    let mins: Vec<&str> = d.iter().filter_map(|x| x.minute.as_deref()).collect();
    assert_eq!(mins, ["288", "290", "291"]);
    assert_eq!(
        d[2].title.as_deref(),
        Some(
            "Capital Programme 2025-35 and Revenue Budget 2025-26 (including Council Tax Setting 2025/26)"
        )
    );
    let a = minutes::extract_attendance(&l, &agendapack::segment::segment(&l));
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].meeting_date.as_deref(), Some("2025-02-13"));
    assert_eq!(a[0].body.as_deref(), Some("County Council"));
    assert_eq!(a[0].apologies.len(), 15);
    assert!(a[0].apologies.iter().any(|p| p == "Mr Paul Barrington-King"));
    assert!(a[0].present.iter().any(|p| p == "Sir Paul Carter, CBE"));
    assert!(a[0].present.iter().any(|p| p == "Rich Lehmann"));
}

#[test]
fn pipeline_carries_votes_into_records() {
    let Some(path) = agendapack::testsupport::shared_corpus_file("text/002_44206e63360eab18.txt")
    else {
        return;
    };
    let doc = agendapack::pipeline::process_file(&path, &Default::default(), &Default::default())
        .expect("process");
    assert_eq!(doc.records.votes.len(), 3);
    assert_eq!(doc.records.decisions.len(), 6);
    assert_eq!(doc.records.attendance.len(), 1);
}

/// Every vote names the meeting of the minutes it sits in, not the pack's: pack 002 is the County
/// Council agenda of 19 October 2017 and its votes were taken on 13 July 2017; the real minutes
/// PDF records the County Council of 13 February 2025. Each vote carries its mover and seconder
/// (all of these are printed), the motion or amendment itself as `motion_text` (not the "put to
/// the vote" sentence) and its source: the document id and its lines or pages.
#[test]
fn votes_name_their_meeting_mover_and_motion() {
    use agendapack::ingest::pdf::Limits;
    let cases = [
        ("text/002_44206e63360eab18.txt", "2017-07-13", "Kent County Council", 3),
        (
            "real/kcc_cc_2025-02-13_printed_minutes_recorded_votes.pdf",
            "2025-02-13",
            "County Council",
            8,
        ),
    ];
    for (rel, date, body, n) in cases {
        let Some(path) = agendapack::testsupport::shared_corpus_file(rel) else { return };
        let doc =
            agendapack::pipeline::process_file(&path, &Limits::default(), &Default::default())
                .unwrap_or_else(|e| panic!("{rel}: {e}"));
        let votes = &doc.records.votes;
        assert_eq!(votes.len(), n, "{rel}");
        if let Some(m) = &doc.pack.meeting {
            assert_ne!(m.date.as_deref(), Some(date), "{rel}: the pack's own meeting is another");
        }
        for v in votes {
            let ctx = format!("{rel} {}", v.id);
            assert_eq!(v.start_date.as_deref(), Some(date), "{ctx}");
            assert_eq!(v.organization.as_deref(), Some(body), "{ctx}");
            assert_eq!(v.meeting_id.as_deref(), Some("m1"), "{ctx}");
            assert!(v.mover.is_some() && v.seconder.is_some(), "{ctx}: mover and seconder");
            assert!(
                v.motion_text.len() > 20 && !v.motion_text.to_lowercase().contains("to the vote"),
                "{ctx}: motion text {:?}",
                v.motion_text
            );
            assert_eq!(v.sources.len(), 1, "{ctx}");
            let s = &v.sources[0];
            assert_eq!(s.document, doc.document.id, "{ctx}");
            assert!(!s.pages.is_empty() || s.line.is_some(), "{ctx}: pages or lines");
        }
        let att = &doc.records.attendance[0];
        assert_eq!(
            (att.meeting_id.as_deref(), att.meeting_date.as_deref()),
            (Some("m1"), Some(date)),
            "{rel}"
        );
        assert!(doc.records.decisions.iter().all(|d| d.meeting_date.as_deref() == Some(date)));
    }
}

/// Count-only votes name what was put: pack 003's minute of 17 January 2017 records "The Chairman
/// proposed to endorse the recommendations set out in the report. Upon being put to the vote,
/// this was carried, with 10 for, 0 against and 1 abstention."
#[test]
fn count_only_vote_motion_text() {
    let Some(l) = layout("text/003_d08e34e2df91019d.txt") else { return };
    let got = votes::extract_votes(&l, &agendapack::segment::segment(&l));
    assert_eq!(got[0].motion_text, "to endorse the recommendations set out in the report");
    assert_eq!(
        (got[0].start_date.as_deref(), got[0].meeting_id.as_deref()),
        (Some("2017-01-17"), Some("m1"))
    );
    // The vote of 7 March 2017 (the third set of minutes) was on the resolution printed above it.
    assert_eq!(got[1].start_date.as_deref(), Some("2017-03-07"));
    assert!(
        got[1].motion_text.starts_with("Resolved that: (a) The proposal to seek approval"),
        "{}",
        got[1].motion_text
    );
}

/// Attendance is the segmented minutes' lists: pack 004's minutes of 21 November 2024 print
/// "Apologies were received from Mrs Meade for whom Mr Lewis was present and Mr Manion for whom
/// Sir Paul Carter was present", members "ALSO PRESENT" apart from officers "IN ATTENDANCE".
#[test]
fn pack_004_attendance_from_the_segmented_minutes() {
    let Some(l) = layout("text/004_d4ce2142da2e6789.txt") else { return };
    let pack = agendapack::segment::segment(&l);
    let a = minutes::extract_attendance(&l, &pack);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].meeting_date.as_deref(), Some("2024-11-21"));
    assert_eq!(a[0].apologies, ["Mrs Meade", "Mr Manion"]);
    assert_eq!(a[0].substitutes, ["Mr Lewis", "Sir Paul Carter"]);
    assert_eq!(
        a[0].also_present,
        ["Mrs R Binks", "Mrs S Chandler", "Mr R Love, OBE", "Mr M Whiting"]
    );
    assert_eq!(a[0].in_attendance[0], "Nick Abrahams (Assistant Director education- West Kent)");
    assert_eq!(a[0].in_attendance.len(), 11);
    // The pack and the records name the same people.
    let present: Vec<&str> = pack.minutes[0].present.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(a[0].present, present);
    // Decisions sit in the minutes the segmenter found, under its titles.
    let d = minutes::extract_decisions(&l, &pack);
    let work = d.iter().find(|x| x.minute.as_deref() == Some("16")).expect("minute 16");
    assert_eq!(work.title.as_deref(), Some("Work Programme"));
    assert_eq!(work.text, "RESOLVED to note the work programme.");
}
