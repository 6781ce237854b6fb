//! The command line as a new user meets it: inputs that cannot hang a run (a FIFO, links back
//! up), missing paths beside good ones, files that are not agenda packs, `--include` /
//! `--exclude`, a capped `--jobs`, pipes closed early, `validate --json`, help with examples.

mod batch_support;
mod pdf_synth;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use batch_support::*;

/// A one-page PDF agenda front sheet.
fn agenda_pdf() -> Vec<u8> {
    pdf_synth::one_page(
        "BT /F2 14 Tf 16 TL 72 720 Td (Wealdmere County Council) Tj T* (CABINET) Tj T* \
         (Monday, 16 June 2025 at 10.00 am) Tj T* T* (AGENDA) Tj T* \
         /F1 11 Tf (1. Apologies and Substitutes) Tj T* (2. Declarations of Interest) Tj T* \
         (3. Minutes of the meeting held on 12 May 2025) Tj ET",
    )
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[cfg(unix)]
#[test]
fn a_fifo_and_links_back_up_are_reported_and_the_good_pdf_is_processed_quickly() {
    use std::os::unix::fs::symlink;
    let base = fresh_dir("inputs-fifo");
    let input = base.join("in6");
    std::fs::create_dir_all(&input).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(input.join("good.pdf"), agenda_pdf()).unwrap_or_else(|e| panic!("{e}"));
    let made = Command::new("mkfifo").arg(input.join("x.pdf")).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    symlink(".", input.join("self")).unwrap_or_else(|e| panic!("{e}"));
    symlink("../in6", input.join("up")).unwrap_or_else(|e| panic!("{e}"));
    let out = base.join("out");

    let started = Instant::now();
    let mut child = bin()
        .args(["extract", &input.to_string_lossy(), "-o", &out.to_string_lossy(), "-q"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    // Wait at most 5 s (generously above the tenth of a second it takes), then fail.
    while started.elapsed() < Duration::from_secs(5) {
        if child.try_wait().ok().flatten().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    if child.try_wait().ok().flatten().is_none() {
        let _ = child.kill();
        panic!("extract did not finish within 5 s on a folder with a FIFO and looping links");
    }
    let run = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{err}");
    assert!(err.contains("1 documents from 1 files: 1 processed"), "{err}");
    assert!(err.contains("skipped: x.pdf: a FIFO (named pipe)"), "{err}");
    assert!(err.contains("skipped: self: a symbolic link back to the input folder"), "{err}");
    assert!(err.contains("skipped: up: a symbolic link back to the input folder"), "{err}");
    let docs = jsonl(&out.join("tables/documents.jsonl"));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["paths"], serde_json::json!(["good.pdf"]));
    let manifest = manifest(&out);
    let skipped: Vec<&str> = manifest["skipped"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["path"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(skipped, ["self", "up", "x.pdf"], "{manifest}");

    // Named directly, the FIFO is skipped the same way, without blocking.
    let direct = run_timed(&[
        "extract",
        &input.join("x.pdf").to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
        "-q",
    ]);
    assert_eq!(direct.status.code(), Some(0), "{}", stderr(&direct));
    assert!(stderr(&direct).contains("skipped: x.pdf: a FIFO"), "{}", stderr(&direct));
    let _ = std::fs::remove_dir_all(&base);
}

/// Runs `agendapack`, failing the test if it takes more than 30 s.
fn run_timed(args: &[&str]) -> std::process::Output {
    let started = Instant::now();
    let out = run(args);
    assert!(started.elapsed() < Duration::from_secs(30), "{args:?} took {:?}", started.elapsed());
    out
}

#[test]
fn a_missing_path_is_an_error_of_its_own_and_the_others_are_processed() {
    let base = fresh_dir("inputs-missing");
    let input = base.join("in");
    write_packs(&input, 2);
    std::fs::write(input.join("README.md"), "# Packs\nDownloaded from the council website.\n")
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(input.join("letter.txt"), "Dear resident,\nthank you for your letter.\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let out = base.join("out");
    let missing = base.join("nowhere.pdf");
    let r = run(&[
        "extract",
        &missing.to_string_lossy(),
        &input.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
        "-q",
    ]);
    let err = stderr(&r);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(err.contains("nowhere.pdf: cannot read file: No such file or directory"), "{err}");
    assert!(
        err.contains("2 documents from 3 files: 2 processed, 0 unchanged, 1 failed, 2 skipped"),
        "{err}"
    );
    assert!(err.contains("skipped: README.md: not an agenda pack: a README"), "{err}");
    assert!(
        err.contains(
            "skipped: letter.txt: not an agenda pack: no meeting, agenda, minutes, report or table"
        ),
        "{err}"
    );
    assert_eq!(jsonl(&out.join("tables/documents.jsonl")).len(), 2);
    let keep = base.join("keep");
    let kept = run(&[
        "extract",
        &input.to_string_lossy(),
        "-o",
        &keep.to_string_lossy(),
        "--keep-non-packs",
        "-q",
    ]);
    assert_eq!(kept.status.code(), Some(0), "{}", stderr(&kept));
    let docs = jsonl(&keep.join("tables/documents.jsonl"));
    assert!(
        docs.iter().any(|d| d["file_name"] == "letter.txt"),
        "--keep-non-packs keeps the letter"
    );
    assert_eq!(docs.len(), 3, "the README is still not a document");
    let errors = jsonl(&out.join("tables/errors.jsonl"));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["stage"], "discover");

    // Globs choose among the files by their path relative to the input.
    let only = run(&[
        "extract",
        &input.to_string_lossy(),
        "-o",
        &base.join("only").to_string_lossy(),
        "--include",
        "pack-*.txt",
        "--exclude",
        "*001*",
        "-q",
    ]);
    assert_eq!(only.status.code(), Some(0), "{}", stderr(&only));
    let docs = jsonl(&base.join("only/tables/documents.jsonl"));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["paths"], serde_json::json!(["pack-000.txt"]));
    let bad = run(&[
        "extract",
        &input.to_string_lossy(),
        "--include",
        "a[",
        "-o",
        &out.to_string_lossy(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("invalid glob \"a[\""), "{}", stderr(&bad));
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn extract_with_no_paths_outside_a_checkout_says_what_to_pass() {
    let base = fresh_dir("inputs-none");
    let r = bin().current_dir(&base).args(["extract"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.status.code(), Some(2));
    let err = stderr(&r);
    assert!(err.contains("no input paths given"), "{err}");
    assert!(err.contains("agendapack extract PATH... -o OUT"), "{err}");
    assert!(!base.join("output").exists(), "nothing is written");
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn a_huge_jobs_count_is_capped_and_costs_no_time() {
    let base = fresh_dir("inputs-jobs");
    let input = base.join("in");
    write_packs(&input, 1);
    let one = input.join("pack-000.txt");
    let mut times = Vec::new();
    for jobs in ["1", "100000"] {
        let out = base.join(format!("out-{jobs}"));
        let started = Instant::now();
        let r =
            run(&["extract", &one.to_string_lossy(), "-o", &out.to_string_lossy(), "--jobs", jobs]);
        times.push(started.elapsed());
        assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
        // One document: one worker, whatever was asked for.
        assert_eq!(manifest(&out)["jobs"], 1, "--jobs {jobs}");
    }
    // The same work either way; the bound is generous for a loaded machine.
    assert!(times[1] < times[0] * 5 + Duration::from_secs(2), "{times:?}");
    let _ = std::fs::remove_dir_all(&base);
}

/// Runs `agendapack args | head -1` through a shell and returns (agendapack's exit status, its
/// stderr, what head printed).
#[cfg(unix)]
fn piped_to_head(args: &[&str]) -> (String, String, String) {
    let bin = env!("CARGO_BIN_EXE_agendapack");
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let script = format!(
        "'{bin}' {} 2>err.txt | head -1; echo \"${{PIPESTATUS[0]}}\" > status.txt",
        quoted.join(" ")
    );
    let dir = fresh_dir(&format!("pipe-{}", args[0]));
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(&dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let read =
        |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default().trim().to_string();
    let result =
        (read("status.txt"), read("err.txt"), String::from_utf8_lossy(&out.stdout).into_owned());
    let _ = std::fs::remove_dir_all(&dir);
    result
}

#[cfg(unix)]
#[test]
fn closed_pipes_end_quietly_and_validate_json_is_only_json() {
    let (status, err, first) = piped_to_head(&["schema"]);
    assert_eq!((status.as_str(), err.as_str()), ("0", ""), "schema | head -1");
    assert_eq!(first.trim(), "{");
    let (status, err, _) = piped_to_head(&["schema", "--columns"]);
    assert_eq!((status.as_str(), err.as_str()), ("0", ""), "schema --columns | head -1");

    let base = fresh_dir("inputs-validate");
    let input = base.join("in");
    write_packs(&input, 40);
    let out = base.join("out");
    let (i, o) = (input.to_string_lossy().into_owned(), out.to_string_lossy().into_owned());
    assert_eq!(run(&["extract", &i, "-o", &o, "-q"]).status.code(), Some(0));
    let (status, err, first) = piped_to_head(&["validate", &o, "--verbose"]);
    assert_eq!((status.as_str(), err.as_str()), ("0", ""), "validate | head -1");
    // Documents are named by path relative to their input and by id.
    assert!(first.starts_with("pack-0"), "{first}");
    assert!(first.contains(".txt ("), "{first}");

    let json = run(&["validate", &o, "--json"]);
    assert_eq!(json.status.code(), Some(0));
    let mut tool = Command::new("python3")
        .args(["-m", "json.tool"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut stdin) = tool.stdin.take() {
        use std::io::Write;
        stdin.write_all(&json.stdout).unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(tool.wait().is_ok_and(|s| s.success()), "{}", String::from_utf8_lossy(&json.stdout));
    let v: serde_json::Value =
        serde_json::from_slice(&json.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["documents"], 40);
    let first = &v["per_document"][0];
    assert!(first["paths"][0].as_str().is_some_and(|p| p.starts_with("pack-0")), "{first}");
    assert_eq!(first["id"].as_str().map(str::len), Some(64));
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn every_subcommand_help_has_examples_and_exit_codes() {
    // Every subcommand the top-level help lists, so a new one cannot come without its own.
    let top = run(&["--help"]);
    let top = String::from_utf8_lossy(&top.stdout).into_owned();
    let subs: Vec<&str> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|s| *s != "help")
        .collect();
    for sub in ["extract", "validate", "schema", "verify", "bless", "bench"] {
        assert!(subs.contains(&sub), "{sub} missing from {subs:?}");
    }
    for sub in subs {
        let help = run(&[sub, "--help"]);
        assert_eq!(help.status.code(), Some(0), "{sub}");
        let text = String::from_utf8_lossy(&help.stdout);
        assert!(text.contains("Examples:\n  agendapack "), "{sub}: {text}");
        assert!(text.contains("Exit codes:\n  0  "), "{sub}: {text}");
    }
}

#[test]
fn the_shared_corpus_metadata_is_skipped_not_a_document() {
    let Some(shared) = agendapack::testsupport::shared_dir() else { return };
    let real = shared.join("corpus/real");
    let base = fresh_dir("inputs-provenance");
    let out = base.join("out");
    let r = run(&[
        "extract",
        &real.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
        "--include",
        "*frontsheet*",
        "--include",
        "PROVENANCE.md",
        "-q",
    ]);
    let err = stderr(&r);
    assert_eq!(r.status.code(), Some(0), "{err}");
    assert!(err.contains("skipped: PROVENANCE.md: not an agenda pack"), "{err}");
    let docs = jsonl(&out.join("tables/documents.jsonl"));
    let names: Vec<&str> = docs.iter().filter_map(|d| d["file_name"].as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().all(|n| n.contains("agenda_frontsheet")), "{names:?}");
    let _ = std::fs::remove_dir_all(&base);
}
