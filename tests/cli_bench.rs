//! `agendapack bench` runs on the bundled packs (and, when the shared corpus is present, on a real
//! PDF beside pdftotext) and prints its figure lines. No figure is checked: times depend on the
//! machine.

mod batch_support;

use std::path::Path;

use batch_support::*;

fn figure_lines(stdout: &str, label: &str) -> Vec<String> {
    stdout.lines().filter(|l| l.trim_start().starts_with(label)).map(str::to_string).collect()
}

#[test]
fn bench_prints_throughput_memory_and_stages_for_the_bundled_packs() {
    let packs = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/packs");
    let out = run(&[
        "bench",
        &packs.to_string_lossy(),
        "--jobs",
        "2",
        "--rounds",
        "1",
        "--no-pdfplumber",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let first = stdout.lines().next().unwrap_or_default();
    assert!(first.contains(" CPUs, jobs 1 and 2,"), "{first}");
    assert!(first.contains("load average "), "{first}");
    // The four invented packs, all text, each one page, none failing.
    assert!(stdout.contains("corpus/packs: 4 files (0 PDF)"), "{stdout}");
    assert!(stdout.contains("  4 pages, 0 failed,"), "{stdout}");
    for jobs in ["agendapack --jobs 1", "agendapack --jobs 2"] {
        let lines = figure_lines(&stdout, jobs);
        assert_eq!(lines.len(), 1, "{jobs}: {stdout}");
        for unit in [" s ", " pages/s ", " MB/s ", "peak RSS "] {
            assert!(lines[0].contains(unit), "{unit} missing from {}", lines[0]);
        }
    }
    let stages = figure_lines(&stdout, "stages at --jobs 1:");
    assert_eq!(stages.len(), 1, "{stdout}");
    for stage in ["read", "id", "ingest", "segment", "tables", "extract", "validate", "serialise"] {
        assert!(stages[0].contains(&format!("{stage} ")), "{stage} missing: {}", stages[0]);
    }
    assert_eq!(figure_lines(&stdout, "speed-up of agendapack --jobs 2 over --jobs 1:").len(), 1);
    assert_eq!(
        figure_lines(&stdout, "target peak RSS at --jobs 1 < 10 x largest input + 50 MB").len(),
        1
    );
    assert_eq!(figure_lines(&stdout, "peak RSS at --jobs 2:").len(), 1, "{stdout}");
    // No PDFs, so no line for the PDF tools.
    assert!(figure_lines(&stdout, "pdftotext").is_empty(), "{stdout}");
}

#[test]
fn bench_puts_pdftotext_beside_the_pipeline_on_a_real_pdf() {
    let Some(shared) = agendapack::testsupport::shared_dir() else { return };
    let have_pdftotext = std::process::Command::new("pdftotext").arg("-v").output().is_ok();
    if !have_pdftotext {
        eprintln!("note: pdftotext is not installed; skipping");
        return;
    }
    let pdf = shared.join("corpus/real/kcc_cc_2025-02-13_agenda_frontsheet.pdf");
    let out =
        run(&["bench", &pdf.to_string_lossy(), "--jobs", "1", "--rounds", "1", "--no-pdfplumber"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains(": 1 files (1 PDF)"), "{stdout}");
    // The front sheet of the County Council agenda has three pages.
    assert!(stdout.contains("  3 pages, 0 failed,"), "{stdout}");
    let lines = figure_lines(&stdout, "pdftotext -layout x1");
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(lines[0].contains("-> agendapack/pdftotext "), "{}", lines[0]);
    let target =
        figure_lines(&stdout, "target agendapack --jobs 1 >= 1.5x pdftotext -layout pages/s:");
    assert_eq!(target.len(), 1, "{stdout}");
    // One job asked for: no second run.
    assert!(figure_lines(&stdout, "agendapack --jobs 2").is_empty(), "{stdout}");
}
