//! Validation on the four text packs of the shared corpus, against the errors their notes list.
//!
//! `corpus/facts/findings/<pack>.json` holds, curated by hand from `../shared/notes/<pack>.md`:
//! * `errors`: every genuine source error the notes list (budget tables, votes, KPI/RAG rows are
//!   `core`; other tables are `extended`), each with its table, row, source lines and figures. One
//!   not found yet carries `known_issue` with the reason.
//! * `accepted`: relations the notes call soft or disputed, where an error finding is acceptable.
//! * `rounding`: differences the notes attribute to rounding, which must never be errors.
//!
//! An `error` finding matches a fact when its rule starts with the fact's rule family and its line
//! range covers one of the fact's lines. Recall is over core errors; precision is over every error
//! finding of the four packs (a finding that matches no listed error and no accepted relation is a
//! false positive).

use std::path::Path;
use std::sync::OnceLock;

use agendapack::ingest::pdf::Limits;
use agendapack::model::records::{Direction, Rag};
use agendapack::model::{Finding, Severity};
use agendapack::pipeline;
use agendapack::testsupport::shared_dir;
use serde::Deserialize;

const PACKS: [&str; 4] = [
    "000_89a7eb97841dfc38",
    "002_44206e63360eab18",
    "003_d08e34e2df91019d",
    "004_d4ce2142da2e6789",
];

/// Floors of the done-when criteria: recall over the core errors the validator is expected to find
/// (those not marked as known issues), precision over every error finding.
const RECALL_FLOOR: f64 = 0.90;
const PRECISION_FLOOR: f64 = 0.95;
/// Recall over all core errors, known issues included: a guard against regressions. Measured at
/// 86/88 (0.977) once the 2016-17 scorecard layout was read by its named columns and age-range
/// rows were summed; the two open known issues are ties between the V&P table and the scorecard.
const OVERALL_RECALL_GUARD: f64 = 0.97;

#[derive(Debug, Deserialize)]
struct Facts {
    pack: String,
    errors: Vec<ErrorFact>,
    #[serde(default)]
    accepted: Vec<Relation>,
    #[serde(default)]
    rounding: Vec<Relation>,
}

#[derive(Debug, Deserialize)]
struct ErrorFact {
    id: String,
    scope: String,
    rule: String,
    lines: Vec<u32>,
    table: String,
    row: String,
    column: String,
    expected: String,
    actual: String,
    #[serde(default)]
    known_issue: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Relation {
    id: String,
    #[serde(default)]
    rule: Option<String>,
    lines: Vec<u32>,
    table: String,
    row: String,
}

fn load_facts(pack: &str) -> Facts {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/facts/findings")
        .join(format!("{pack}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("bad facts file {}: {e}", path.display()))
}

struct Run {
    facts: Facts,
    findings: Vec<Finding>,
}

/// Every pack processed once per test binary.
fn runs() -> Option<&'static Vec<Run>> {
    static RUNS: OnceLock<Option<Vec<Run>>> = OnceLock::new();
    RUNS.get_or_init(|| {
        let shared = shared_dir()?;
        Some(
            PACKS
                .iter()
                .map(|p| {
                    let facts = load_facts(p);
                    let file = shared.join("corpus").join(&facts.pack);
                    let doc = pipeline::process_file(
                        Path::new(&file),
                        &Limits::default(),
                        &Default::default(),
                    )
                    .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                    Run { facts, findings: doc.findings }
                })
                .collect(),
        )
    })
    .as_ref()
}

fn covers(f: &Finding, lines: &[u32]) -> bool {
    let Some(first) = f.location.line else { return false };
    let last = f.location.line_end.unwrap_or(first).max(first);
    lines.iter().any(|l| (first..=last).contains(l))
}

fn rule_matches(f: &Finding, family: &str) -> bool {
    f.rule.starts_with(family) || (family == "tie" && f.rule.contains("tie"))
}

fn found(run: &Run, e: &ErrorFact) -> bool {
    run.findings
        .iter()
        .any(|f| f.severity == Severity::Error && rule_matches(f, &e.rule) && covers(f, &e.lines))
}

fn explained(run: &Run, f: &Finding) -> bool {
    run.facts.errors.iter().any(|e| rule_matches(f, &e.rule) && covers(f, &e.lines))
        || run
            .facts
            .accepted
            .iter()
            .any(|a| a.rule.as_deref().is_none_or(|r| rule_matches(f, r)) && covers(f, &a.lines))
}

fn describe(e: &ErrorFact) -> String {
    format!(
        "{} [{}] table '{}', row '{}', column '{}', line {:?}: expected {}, printed {}",
        e.id, e.rule, e.table, e.row, e.column, e.lines, e.expected, e.actual
    )
}

#[test]
fn facts_files_are_well_formed() {
    for p in PACKS {
        let f = load_facts(p);
        assert!(f.pack.ends_with(&format!("{p}.txt")), "{p}: pack {}", f.pack);
        assert!(!f.errors.is_empty(), "{p}: no errors listed");
        let mut ids: Vec<&str> = f.errors.iter().map(|e| e.id.as_str()).collect();
        ids.extend(f.accepted.iter().map(|a| a.id.as_str()));
        ids.extend(f.rounding.iter().map(|r| r.id.as_str()));
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "{p}: duplicate fact ids");
        for e in &f.errors {
            assert!(matches!(e.scope.as_str(), "core" | "extended"), "{}: scope {}", e.id, e.scope);
            assert!(!e.lines.is_empty() && !e.table.is_empty() && !e.row.is_empty(), "{}", e.id);
        }
        for r in f.accepted.iter().chain(&f.rounding) {
            assert!(!r.lines.is_empty() && !r.table.is_empty() && !r.row.is_empty(), "{}", r.id);
        }
    }
}

/// Every listed error not marked as a known issue is reported as an `error` finding at its row.
#[test]
fn listed_errors_are_reported() {
    let Some(runs) = runs() else { return };
    let mut missed = Vec::new();
    for run in runs {
        for e in run.facts.errors.iter().filter(|e| e.known_issue.is_none()) {
            if !found(run, e) {
                missed.push(format!("{}: {}", run.facts.pack, describe(e)));
            }
        }
    }
    assert!(
        missed.is_empty(),
        "errors the notes list that were not reported:\n{}",
        missed.join("\n")
    );
}

/// The listed errors not found yet, with the reason; one that is found now is reported so that its
/// mark can be removed.
#[test]
fn known_issues() {
    let Some(runs) = runs() else { return };
    for run in runs {
        for e in run.facts.errors.iter().filter(|e| e.known_issue.is_some()) {
            let state = if found(run, e) { "NOW FOUND (remove the mark)" } else { "missed" };
            eprintln!(
                "known issue, {state}: {}: {}\n    reason: {}",
                run.facts.pack,
                describe(e),
                e.known_issue.as_deref().unwrap_or("")
            );
        }
    }
}

/// Differences the notes put down to rounding are never reported as errors.
#[test]
fn rounding_differences_are_not_errors() {
    let Some(runs) = runs() else { return };
    let mut wrong = Vec::new();
    for run in runs {
        for r in &run.facts.rounding {
            for f in
                run.findings.iter().filter(|f| f.severity == Severity::Error && covers(f, &r.lines))
            {
                wrong.push(format!(
                    "{}: {} ({} / {}): {}",
                    run.facts.pack, r.id, r.table, r.row, f.message
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "rounding reported as error:\n{}", wrong.join("\n"));
}

/// Recall over the core errors and precision over all error findings, per pack and overall.
#[test]
fn recall_and_precision() {
    let Some(runs) = runs() else { return };
    let (mut hit, mut core, mut tp, mut all) = (0usize, 0usize, 0usize, 0usize);
    let (mut hit_expected, mut expected) = (0usize, 0usize);
    let mut false_positives = Vec::new();
    for run in runs {
        let core_facts: Vec<&ErrorFact> =
            run.facts.errors.iter().filter(|e| e.scope == "core").collect();
        let h = core_facts.iter().filter(|e| found(run, e)).count();
        let ext = run.facts.errors.iter().filter(|e| e.scope == "extended").collect::<Vec<_>>();
        let eh = ext.iter().filter(|e| found(run, e)).count();
        let errors: Vec<&Finding> =
            run.findings.iter().filter(|f| f.severity == Severity::Error).collect();
        let t = errors.iter().filter(|f| explained(run, f)).count();
        for f in errors.iter().filter(|f| !explained(run, f)) {
            false_positives.push(format!(
                "{}: {} line {:?} [{}] {}",
                run.facts.pack,
                f.rule,
                f.location.line,
                f.table.as_deref().unwrap_or(""),
                f.message
            ));
        }
        let rounding = run.findings.iter().filter(|f| f.severity == Severity::Rounding).count();
        eprintln!(
            "{}: core recall {h}/{} ({:.0}%), extended {eh}/{}, precision {t}/{} error findings, {rounding} rounding findings",
            run.facts.pack,
            core_facts.len(),
            pct(h, core_facts.len()),
            ext.len(),
            errors.len(),
        );
        hit += h;
        core += core_facts.len();
        let exp: Vec<&&ErrorFact> = core_facts.iter().filter(|e| e.known_issue.is_none()).collect();
        hit_expected += exp.iter().filter(|e| found(run, e)).count();
        expected += exp.len();
        tp += t;
        all += errors.len();
    }
    for fp in &false_positives {
        eprintln!("  unexplained error: {fp}");
    }
    let recall = if core == 0 { 1.0 } else { hit as f64 / core as f64 };
    let recall_expected = if expected == 0 { 1.0 } else { hit_expected as f64 / expected as f64 };
    let precision = if all == 0 { 1.0 } else { tp as f64 / all as f64 };
    eprintln!(
        "overall: core recall {hit}/{core} = {:.1}% (known issues included), {hit_expected}/{expected} = {:.1}% without them; precision {tp}/{all} = {:.1}%",
        recall * 100.0,
        recall_expected * 100.0,
        precision * 100.0
    );
    assert!(precision >= PRECISION_FLOOR, "precision {precision:.3} below {PRECISION_FLOOR}");
    assert!(recall_expected >= RECALL_FLOOR, "recall {recall_expected:.3} below {RECALL_FLOOR}");
    assert!(
        recall >= OVERALL_RECALL_GUARD,
        "overall recall {recall:.3} fell below {OVERALL_RECALL_GUARD}"
    );
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 { 100.0 } else { a as f64 * 100.0 / b as f64 }
}

/// The three recorded votes of the County Council minutes (13 July 2017) hold: names match the
/// stated counts (62/9/1, 7/57/6, 48/13/9), outcomes match, and at most 73 members were present.
/// Dropping one name from the first For list must then be reported.
#[test]
fn recorded_votes_hold_and_a_dropped_name_is_caught() {
    let Some(shared) = shared_dir() else { return };
    let file = shared.join("corpus/text/002_44206e63360eab18.txt");
    let doc = pipeline::process_file(&file, &Limits::default(), &Default::default())
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let votes = &doc.records.votes;
    assert_eq!(votes.len(), 3, "three recorded votes");
    let yes: Vec<u32> = votes
        .iter()
        .filter_map(|v| v.counts.iter().find(|c| c.option == "yes").map(|c| c.value))
        .collect();
    assert_eq!(yes, vec![62, 7, 48]);
    let vote_findings: Vec<&Finding> =
        doc.findings.iter().filter(|f| f.rule.starts_with("vote.")).collect();
    assert!(vote_findings.is_empty(), "{vote_findings:#?}");

    let mut records = doc.records.clone();
    let first = &mut records.votes[0];
    let i =
        first.votes.iter().position(|r| r.option == "yes").unwrap_or_else(|| panic!("no names"));
    first.votes.remove(i);
    let fs = agendapack::validate::validate(&doc.document.id, &doc.pack, &records);
    let caught: Vec<&Finding> = fs
        .iter()
        .filter(|f| f.rule == "vote.count_names" && f.severity == Severity::Error)
        .collect();
    assert_eq!(caught.len(), 1, "{fs:#?}");
    assert_eq!((caught[0].expected.as_str(), caught[0].actual.as_str()), ("62", "61"));
}

/// The 2016-17 Kent scorecard (pack 003, L9353-9370) is read by its named columns: EH16 has latest
/// 76.9 (↑ from 76.0) against target 86 rated RED, and 2015-16 outturn 83.4 against target 80
/// rated RED, which the validator reports (83.4 meets 80, so GREEN is expected). EH52 prints no
/// arrow between 41.8 and 40.6, which is reported as a missing (worsening) direction.
#[test]
fn scorecard_2016_17_rows_are_read_and_judged() {
    let Some(shared) = shared_dir() else { return };
    let file = shared.join("corpus/text/003_d08e34e2df91019d.txt");
    let doc = pipeline::process_file(&file, &Limits::default(), &Default::default())
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let kent = |code: &str| {
        doc.records
            .kpis
            .iter()
            .find(|k| {
                k.code.as_deref() == Some(code) && k.district.is_none() && k.prior_rag.is_some()
            })
            .unwrap_or_else(|| panic!("no Kent {code} row"))
    };
    let value = |a: &Option<grammars::amount::Amount>| {
        a.as_ref().map(|a| a.raw.clone()).unwrap_or_default()
    };
    let eh16 = kent("EH16");
    assert_eq!(eh16.location.line, Some(9367));
    assert_eq!(
        (value(&eh16.latest), value(&eh16.target), eh16.rag, eh16.direction),
        ("76.9".into(), "86".into(), Some(Rag::Red), Some(Direction::Improving))
    );
    assert_eq!(
        (value(&eh16.prior_outturn), value(&eh16.prior_target), eh16.prior_rag),
        ("83.4".into(), "80".into(), Some(Rag::Red))
    );
    let sise34 = kent("SISE34");
    assert_eq!(
        (value(&sise34.latest), value(&sise34.target), sise34.rag),
        ("89.9".into(), "92".into(), Some(Rag::Amber))
    );
    let rating: Vec<&Finding> = doc
        .findings
        .iter()
        .filter(|f| f.rule == "rag.rating" && f.severity == Severity::Error)
        .collect();
    assert_eq!(rating.len(), 1, "one rating error in the pack (Kent EH16 2015-16): {rating:#?}");
    assert_eq!((rating[0].expected.as_str(), rating[0].actual.as_str()), ("GREEN", "RED"));
    assert_eq!(rating[0].location.line, Some(9367));
    // V&P table (L7180-7182): apprenticeships 16-24 = 16-18 + 19-24 holds for the five targets
    // (7,800 = 3,500 + 4,300 … 9,600 = 4,600 + 5,000) but not for Kent 2016: 3020 + 3380 = 6400,
    // printed 6406.
    let ranges: Vec<&Finding> =
        doc.findings.iter().filter(|f| f.rule == "sum.range_parts").collect();
    assert_eq!(ranges.len(), 1, "{ranges:#?}");
    let f = ranges[0];
    assert_eq!((f.expected.as_str(), f.actual.as_str()), ("6400", "6406"), "{f:?}");
    // Generic tables keep no per-row lines when the grid has gaps, so the place is the grid's.
    let (first, last) = (f.location.line.unwrap_or(0), f.location.line_end.unwrap_or(0));
    assert!(first <= 7180 && 7180 <= last, "{f:?}");
    assert!(
        f.row
            .as_deref()
            .is_some_and(|r| r.starts_with("Number of apprenticeships 16-24 year olds")),
        "{f:?}"
    );
    let missing: Vec<&Finding> =
        doc.findings.iter().filter(|f| f.rule == "rag.direction_missing").collect();
    assert_eq!(missing.len(), 13, "EH52 in Kent and the 12 districts: {missing:#?}");
    let kent_eh52 = missing.iter().find(|f| f.location.line == Some(9369));
    assert!(
        kent_eh52.is_some_and(|f| f.message.contains("41.8 → 40.6") && f.actual == "blank"),
        "{missing:#?}"
    );
}

/// The executive summary of the bundled cabinet pack (lines 189-194) heads its columns
/// `G A R ↑ ↔ ↓`; every column sums to the TOTAL row (14, 7, 3; 10, 8, 6). The arrow columns
/// are read as counts of directions and raise no finding.
#[test]
fn cabinet_summary_arrow_columns_raise_no_finding() {
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/packs/wealdmere_cabinet_2025-06-16.txt");
    let doc = pipeline::process_file(&file, &Limits::default(), &Default::default())
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let total = doc
        .records
        .rag_summaries
        .iter()
        .find(|s| s.section == "TOTAL")
        .unwrap_or_else(|| panic!("no TOTAL row: {:#?}", doc.records.rag_summaries));
    assert_eq!(
        [total.green, total.amber, total.red, total.improving, total.unchanged, total.worsening],
        [Some(14), Some(7), Some(3), Some(10), Some(8), Some(6)]
    );
    let adult = doc.records.rag_summaries.iter().find(|s| s.section == "Adult Social Care");
    assert_eq!(
        adult.map(|s| (s.improving, s.unchanged, s.worsening)),
        Some((Some(2), Some(3), Some(1))),
        "Adult Social Care ↑ 2, ↔ 3, ↓ 1"
    );
    let near: Vec<&Finding> = doc
        .findings
        .iter()
        .filter(|f| f.location.line.is_some_and(|l| (189..=194).contains(&l)))
        .collect();
    assert!(near.is_empty(), "findings on the summary table (lines 189-194): {near:#?}");
}

/// Pack 000, Contact Point volumes (thousands, L1636-1654): the `Yr to Mar 17` column is the sum
/// of the four quarters. For `e-mails handled*` (L1652) 13 + 8 + 5 + 7 = 33, printed 37; Total
/// Calls 176 + 181 + 147 + 159 = 663 holds (the note under the table warns of rounding), and the
/// `Yr to Mar 16` column is not summed.
#[test]
fn year_to_date_column_is_a_row_total() {
    let Some(shared) = shared_dir() else { return };
    let file = shared.join("corpus/text/000_89a7eb97841dfc38.txt");
    let doc = pipeline::process_file(&file, &Limits::default(), &Default::default())
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let in_table: Vec<&Finding> = doc
        .findings
        .iter()
        .filter(|f| {
            f.rule == "sum.row_total" && f.location.line.is_some_and(|l| (1636..=1654).contains(&l))
        })
        .collect();
    let errors: Vec<&&Finding> =
        in_table.iter().filter(|f| f.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1, "{in_table:#?}");
    let f = errors[0];
    assert_eq!(
        (f.row.as_deref(), f.expected.as_str(), f.actual.as_str(), f.location.line),
        (Some("e-mails handled"), "33", "37", Some(1652)),
        "{f:?}"
    );
    assert!(
        in_table.iter().all(|f| f.column.as_deref().is_some_and(|c| c.contains("Yr to Mar 17"))),
        "{in_table:#?}"
    );
}
