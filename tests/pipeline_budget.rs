//! Bounded work per document, and nothing lost without a word: the files of
//! `../shared/adversarial/` (each once pathologically slow, or processed with its content
//! silently dropped), the per-document budget of time and memory, and the exit code of a run
//! that cannot write its output.

mod batch_support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use agendapack::ingest::InputKind;
use agendapack::limits::{LimitKind, Limits};
use agendapack::output::Document;
use agendapack::pipeline::bench::scaling;
use agendapack::pipeline::{self, process_bytes};
use agendapack::{DocError, Stage};
use batch_support::*;

/// This test binary counts each thread's bytes, as the command line does, so the memory budget
/// is enforced here too.
#[global_allocator]
static ALLOC: agendapack::limits::alloc::CountingAlloc =
    agendapack::limits::alloc::CountingAlloc::new(std::alloc::System);

/// A generous bound for one adversarial file in the test profile (the issue asks for 5 s with the
/// release build; these took 16 s to 378 s before).
const BOUND: Duration = Duration::from_secs(30);

fn adversarial(name: &str) -> Option<PathBuf> {
    let dir = agendapack::testsupport::shared_dir()?.join("adversarial");
    let p = dir.join(name);
    if p.is_file() {
        Some(p)
    } else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but {} is missing",
            p.display()
        );
        eprintln!("note: {} is absent; skipped", p.display());
        None
    }
}

fn timed(name: &str) -> Option<(Result<Document, DocError>, Duration)> {
    let path = adversarial(name)?;
    let t = Instant::now();
    let r = pipeline::process_file(&path, &Limits::default(), &Default::default());
    let took = t.elapsed();
    assert!(took < BOUND, "{name} took {took:?}");
    Some((r, took))
}

#[test]
fn the_slow_adversarial_files_finish_with_what_they_hold() {
    if let Some((r, _)) = timed("slow_budget_table_1000rows.txt") {
        let doc = r.expect("table");
        assert_eq!(doc.document.counts.lines, 1002, "header, separator and 1,000 rows");
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(doc.tables[0].rows.len(), 1001);
        // 1,000 copies of "Adult Social Care | 1,234.5 | 1,300.0 | 65.5": no row totals others.
        assert!(doc.findings.iter().all(|f| f.rule != "sum.column_total"), "{:?}", doc.findings);
    }
    for (name, lines) in
        [("slow_strike_8k_400k.pdf", 400), ("slow_strike_50k_rules_2M_glyphs.pdf", 2000)]
    {
        let Some((r, _)) = timed(name) else { continue };
        let doc = r.unwrap_or_else(|e| panic!("{name}: {e}"));
        // One page of lines of 1,000 "a"s in 0.5-point Helvetica; the 100-point rules stacked
        // 0.1 pt apart start 10 pt left of the text, so none strikes it through.
        assert_eq!(doc.document.counts.pages, 1);
        assert_eq!(doc.document.counts.lines, lines, "{name}");
        assert_eq!(doc.document.counts.total_glyphs, lines as u64 * 1000, "{name}");
        assert!(doc.document.warnings.is_empty(), "{name}: {:?}", doc.document.warnings);
    }
    if let Some((r, _)) = timed("slow_contents_array_x2000.pdf") {
        let doc = r.expect("contents array");
        assert_eq!(doc.document.counts.pages, 1);
        // The page's stream named 2,000 times is drawn once, and said so.
        assert_eq!(doc.document.counts.lines, 11);
        assert!(
            warning_about(&doc, "names the same content stream more than once", "named 2000 times"),
            "{:?}",
            doc.document.warnings
        );
    }
}

fn warning_about(doc: &Document, what: &str, place: &str) -> bool {
    doc.document.warnings.iter().any(|w| w.contains(what) && w.contains(place))
}

#[test]
fn the_lost_adversarial_files_fail_or_say_what_was_lost() {
    if let Some((r, _)) = timed("lost_all_pages.pdf") {
        match r {
            Err(DocError::DamagedPdf(m)) => {
                assert!(m.starts_with("not one page could be read"), "{m}");
                // The page tree's one kid, object 3 0, is cut off; the tree claims 999,999,999.
                assert!(m.contains("could not be read (3 0)"), "{m}");
                assert!(m.contains("declares 999999999 pages but only 1"), "{m}");
            }
            other => panic!("expected a damaged PDF, got {:?}", other.map(|d| d.document)),
        }
    }
    if let Some((r, _)) = timed("lost_content_not_flate.pdf") {
        match r {
            Err(e @ DocError::DamagedPdf(_)) => {
                let m = e.to_string();
                assert!(m.contains("a content stream could not be decoded"), "{m}");
                assert!(m.contains("page 1 (stream 4 0)"), "{m}");
                assert_eq!(e.stage(), Stage::Ingest);
            }
            other => panic!("expected a damaged PDF, got {:?}", other.map(|d| d.document)),
        }
    }
    if let Some((r, _)) = timed("lost_content_truncated_flate.pdf") {
        let doc = r.expect("what was decoded is kept");
        assert!(
            warning_about(&doc, "was decoded only in part", "page 1 (stream 4 0)"),
            "{:?}",
            doc.document.warnings
        );
    }
    if let Some((r, _)) = timed("lost_content_garbage_flate.pdf") {
        let doc = r.expect("what was decoded is kept");
        assert!(
            warning_about(&doc, "checksum does not match", "page 1 (stream 4 0)"),
            "{:?}",
            doc.document.warnings
        );
    }
}

#[test]
fn a_document_over_its_time_budget_is_a_typed_error_naming_the_stage() {
    // 50,000 rules over 2,000,000 glyphs: seconds of work in any build.
    let slow = scaling::strike_pdf(50_000, 2_000_000);
    let limits = Limits { max_seconds_per_doc: Some(0.05), ..Limits::default() };
    let t = Instant::now();
    match process_bytes("slow.pdf", InputKind::Pdf, &slow, &limits, &Default::default()) {
        Err(DocError::Limit { stage, limit, message }) => {
            assert_eq!(limit, LimitKind::Seconds);
            assert_eq!(stage, Stage::Ingest);
            assert!(message.starts_with("the document took more than 0.05 s"), "{message}");
        }
        other => panic!("expected a time limit, got {:?}", other.map(|d| d.document)),
    }
    assert!(t.elapsed() < Duration::from_secs(10), "stopped near its budget: {:?}", t.elapsed());
}

#[test]
fn a_document_over_its_memory_budget_is_a_typed_error() {
    // 400,000 glyphs hold tens of MiB; the budget here is 1 MiB plus the file's size.
    let big = scaling::strike_pdf(100, 400_000);
    let tight = Limits { memory_floor_bytes: 1 << 20, memory_factor: 1, ..Limits::default() };
    match process_bytes("big.pdf", InputKind::Pdf, &big, &tight, &Default::default()) {
        Err(DocError::Limit { limit: LimitKind::Memory, stage, message }) => {
            assert_eq!(stage, Stage::Ingest);
            assert!(message.contains("more than its budget of 1 MiB"), "{message}");
        }
        other => panic!("expected a memory limit, got {:?}", other.map(|d| d.document)),
    }
    let doc =
        process_bytes("big.pdf", InputKind::Pdf, &big, &Limits::default(), &Default::default())
            .expect("in budget");
    assert_eq!(doc.document.counts.total_glyphs, 400_000);
}

#[test]
fn the_batch_goes_on_past_a_document_over_budget_and_counts_it() {
    // A budget of a nanosecond: every document is over it at its first check, whatever the
    // machine's speed, and each is a typed error while the batch goes on to the next.
    let base = fresh_dir("budget-batch");
    let input = base.join("in");
    write_packs(&input, 2);
    std::fs::write(input.join("slow.pdf"), scaling::strike_pdf(100, 10_000))
        .unwrap_or_else(|e| panic!("{e}"));
    let (i, o) = (input.to_string_lossy().into_owned(), base.join("out"));
    let os = o.to_string_lossy().into_owned();
    let out = run(&[
        "extract",
        &i,
        "-o",
        &os,
        "-q",
        "--jobs",
        "1",
        "--max-seconds-per-doc",
        "0.000000001",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("3 documents from 3 files: 0 processed, 0 unchanged, 3 failed"),
        "{stderr}"
    );
    let errors = jsonl(&o.join("tables").join("errors.jsonl"));
    assert_eq!(errors.len(), 3, "{errors:?}");
    for e in &errors {
        assert_eq!(e["limit"], "seconds", "{e}");
        assert_eq!(e["stage"], "ingest", "{e}");
    }
    assert!(errors.iter().any(|e| e["path"] == "slow.pdf"), "{errors:?}");
    let m = manifest(&o);
    assert_eq!(m["over_budget"], 3);
    assert!(o.join("_SUCCESS").is_file(), "the run completed");
    // The same files within the default budget are processed.
    let again = run(&["extract", &i, "-o", &os, "-q", "--jobs", "1"]);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("2 processed"), "{stderr}");
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn a_run_that_cannot_write_its_output_folder_exits_3() {
    let base = fresh_dir("budget-exit3");
    let input = base.join("in");
    write_packs(&input, 1);
    // The output "folder" is a file: it cannot be created.
    let blocker = base.join("out");
    std::fs::write(&blocker, "a file").unwrap_or_else(|e| panic!("{e}"));
    let out = run(&["extract", &input.to_string_lossy(), "-o", &blocker.to_string_lossy(), "-q"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("cannot write"), "{stderr}");
    let _ = std::fs::remove_dir_all(&base);
}

#[path = "pdf_synth/mod.rs"]
mod pdf_synth;

/// Two pages of text whose content streams are objects 100 and 101 (or missing ones).
fn two_pages(first_missing: bool, second_missing: bool) -> Vec<u8> {
    let mut pdf = pdf_synth::Pdf::new();
    let f1 = pdf.helvetica("Helvetica");
    let mut contents = Vec::new();
    for (text, missing) in [("Agenda item one", first_missing), ("Agenda item two", second_missing)]
    {
        let c = pdf.add(pdf_synth::Obj::Stream(
            String::new(),
            format!("BT /F1 12 Tf 1 0 0 1 72 700 Tm ({text}) Tj ET").into_bytes(),
        ));
        contents.push(if missing { 900 + c } else { c });
    }
    for c in contents {
        let p = pdf.add(pdf_synth::Obj::Raw(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {f1} 0 R >> >> /Contents {c} 0 R >>"
        )));
        pdf.add_page_ref(p);
    }
    pdf.finish()
}

#[test]
fn a_pdf_fails_only_when_not_one_page_can_be_read() {
    let doc = process_bytes(
        "p.pdf",
        InputKind::Pdf,
        &two_pages(true, false),
        &Limits::default(),
        &Default::default(),
    )
    .expect("the second page reads");
    assert_eq!(doc.document.counts.pages, 2);
    assert_eq!(doc.document.counts.lines, 1, "page 2's line");
    // Stream objects are 4 and 5; page 1 names 904, which does not exist.
    assert_eq!(
        doc.document.warnings,
        vec![
            "1 object the document refers to could not be read (904 0); what it holds is lost"
                .to_string(),
            "a content stream is missing or cannot be read; what it draws is lost: page 1 \
             (stream 904 0)"
                .to_string(),
        ]
    );
    match process_bytes(
        "p.pdf",
        InputKind::Pdf,
        &two_pages(true, true),
        &Limits::default(),
        &Default::default(),
    ) {
        Err(DocError::DamagedPdf(m)) => {
            assert!(m.starts_with("not one page could be read"), "{m}");
            assert!(m.contains("page 1 (stream 904 0), page 2 (stream 905 0) (2 in all)"), "{m}");
        }
        other => panic!("expected a damaged PDF, got {:?}", other.map(|d| d.document)),
    }
    let clean = process_bytes(
        "p.pdf",
        InputKind::Pdf,
        &two_pages(false, false),
        &Limits::default(),
        &Default::default(),
    )
    .expect("clean");
    assert_eq!(clean.document.counts.lines, 2);
    assert!(clean.document.warnings.is_empty());
}
