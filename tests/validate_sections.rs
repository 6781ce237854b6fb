//! Rules that hold one section of a document against another: voters against the PRESENT list,
//! present members against the apologies, a member under two options of one vote, counts stated in
//! the text against the summary table they describe, and the same labelled quantity in two tables.
//! Each holds on real documents (no finding) and fails where the bundled invented pack
//! `wealdmere_scrutiny_committee_2025-09-18` plants a failure.

use std::path::Path;

use agendapack::ingest::pdf::Limits;
use agendapack::model::{Finding, Severity};
use agendapack::output::Document;
use agendapack::pipeline;
use agendapack::testsupport::{repo_root, shared_corpus_file};

fn process(path: &Path) -> Document {
    pipeline::process_file(path, &Limits::default(), &Default::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn with_rule<'a>(doc: &'a Document, rule: &str) -> Vec<&'a Finding> {
    doc.findings.iter().filter(|f| f.rule == rule).collect()
}

const SECTION_RULES: [&str; 5] = [
    "vote.voter_not_present",
    "attendance.present_and_apologies",
    "vote.duplicate_member",
    "count.prose",
    "tie.same_quantity",
];

/// The County Council minutes of 13 February 2025 (real PDF): 64 present, 15 apologies, 8 recorded
/// votes of 55 to 61 named members each. Every voter is in PRESENT (vote lists print "Mr Baker",
/// PRESENT "Mr M Baker"), nobody present sent apologies, nobody voted twice.
#[test]
fn voters_and_attendance_hold_in_the_real_minutes_of_13_february_2025() {
    let Some(file) =
        shared_corpus_file("real/kcc_cc_2025-02-13_printed_minutes_recorded_votes.pdf")
    else {
        return;
    };
    let doc = process(&file);
    let a = &doc.records.attendance;
    assert_eq!(a.len(), 1);
    assert_eq!((a[0].present.len(), a[0].apologies.len()), (64, 15));
    assert_eq!(doc.records.votes.len(), 8);
    assert!(doc.records.votes.iter().all(|v| v.votes.len() >= 55), "named members per vote");
    for rule in SECTION_RULES {
        let found = with_rule(&doc, rule);
        assert!(found.is_empty(), "{rule}: {found:#?}");
    }
}

/// County Council minutes of 13 July 2017 (pack 002): 73 present, 8 apologies, 3 recorded votes.
/// The vote lists print one initial that PRESENT may not ("Mr T Hills" for "Mr A R Hills") and
/// PRESENT misprints "Miss S J Carev": every voter is still found by title and surname.
#[test]
fn voters_and_attendance_hold_in_pack_002() {
    let Some(file) = shared_corpus_file("text/002_44206e63360eab18.txt") else { return };
    let doc = process(&file);
    let a = &doc.records.attendance;
    assert_eq!((a[0].present.len(), a[0].apologies.len()), (73, 8));
    let named: Vec<usize> = doc.records.votes.iter().map(|v| v.votes.len()).collect();
    assert_eq!(named, [72, 70, 70]);
    for rule in
        ["vote.voter_not_present", "attendance.present_and_apologies", "vote.duplicate_member"]
    {
        let found = with_rule(&doc, rule);
        assert!(found.is_empty(), "{rule}: {found:#?}");
    }
}

/// Counts stated in the text that agree with their summary tables: pack 000's QPR cover report
/// (23 Green, 14 Amber, 2 Red; 19 improving, 14 worse, 6 unchanged against the executive
/// summary) and the real QPR of March 2025 (17, 12, nine; Ten improving, six worsening; Adult
/// Social Care two Green, three Amber, one Red).
#[test]
fn counts_in_the_text_agree_with_their_summaries() {
    let cases: [(&str, &[(&str, u32)]); 2] = [
        (
            "text/000_89a7eb97841dfc38.txt",
            &[
                ("green", 23),
                ("amber", 14),
                ("red", 2),
                ("improving", 19),
                ("worsening", 14),
                ("unchanged", 6),
            ],
        ),
        (
            "real/kcc_cabinet_2025-03-04_qpr_q3_rag_scorecard.pdf",
            &[
                ("green", 17),
                ("amber", 12),
                ("red", 9),
                ("improving", 10),
                ("worsening", 6),
                ("green", 2),
                ("amber", 3),
                ("red", 1),
            ],
        ),
    ];
    for (rel, want) in cases {
        let Some(file) = shared_corpus_file(rel) else { return };
        let doc = process(&file);
        let got: Vec<(&str, u32)> =
            doc.records.stated_counts.iter().map(|c| (c.counted.as_str(), c.value)).collect();
        assert_eq!(got, want, "{rel}");
        let found = with_rule(&doc, "count.prose");
        assert!(found.is_empty(), "{rel}: {found:#?}");
    }
}

/// Pack 004 prints its "Open cases" table twice (lines 390 and 939) with the same figures (11,215
/// open social work cases, 1,061 child protection, 1,948 in care, 1,992 care leavers): the same
/// quantities agree and nothing is reported.
#[test]
fn a_table_printed_twice_agrees_with_itself() {
    let Some(file) = shared_corpus_file("text/004_d4ce2142da2e6789.txt") else { return };
    let doc = process(&file);
    let open: Vec<&agendapack::model::records::GenericTable> = doc
        .records
        .generic_tables
        .iter()
        .filter(|t| t.rows.iter().any(|r| r.iter().any(|c| c.text.contains("11,215"))))
        .collect();
    assert_eq!(open.len(), 2, "the Open cases table at lines 390 and 939");
    let found = with_rule(&doc, "tie.same_quantity");
    assert!(found.is_empty(), "{found:#?}");
}

/// The invented scrutiny committee pack plants one failure of each kind; each is an error with
/// the evidence that confirms it, and nothing else is reported.
#[test]
fn planted_failures_across_sections_are_errors() {
    let file = repo_root().join("corpus/packs/wealdmere_scrutiny_committee_2025-09-18.txt");
    let doc = process(&file);
    let errors: Vec<(&str, &str, &str, &str)> = doc
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            (
                f.rule.as_str(),
                f.row.as_deref().unwrap_or(""),
                f.expected.as_str(),
                f.actual.as_str(),
            )
        })
        .collect();
    let want = [
        (
            "attendance.present_and_apologies",
            "Mr N Cheung",
            "present or absent, not both",
            "present as Mr N Cheung, apologies as Mr N Cheung",
        ),
        ("vote.duplicate_member", "Dr M Haworth", "one option per member", "yes and no"),
        ("vote.duplicate_member", "Mr N Cheung", "one option per member", "yes and no"),
        (
            "vote.voter_not_present",
            "Mr D Fennimore",
            "listed as present or as a substitute",
            "not in PRESENT",
        ),
        ("count.prose", "TOTAL", "3", "4"),
        ("count.prose", "TOTAL", "10", "11"),
        ("tie.same_quantity", "Children, Young People and Education", "265400", "256400"),
    ];
    assert_eq!(errors, want, "{:#?}", doc.findings);
    assert_eq!(doc.findings.len(), want.len(), "no other finding: {:#?}", doc.findings);
    let evidence = |rule: &str| {
        doc.findings
            .iter()
            .find(|f| f.rule == rule)
            .and_then(|f| f.evidence.as_ref())
            .map(|e| (e.held, e.tested))
    };
    // 9 of the 10 named voters are present; 6 of the 8 counts in the text agree with the summary
    // (Green 14, Amber 7, worsening 6 and Adult Social Care's 5, 2, 1); 5 of the 6 figures the
    // two budget tables share agree.
    assert_eq!(evidence("vote.voter_not_present"), Some((9, 10)));
    assert_eq!(evidence("count.prose"), Some((6, 8)));
    assert_eq!(evidence("tie.same_quantity"), Some((5, 6)));
}
