//! The golden workflow end to end: `bless` writes expectations, `verify` accepts them, and a value
//! changed by hand in an expectation makes `verify` (and the golden test) fail with a difference
//! that names the JSON path, the expected and the actual value.

use std::path::Path;
use std::process::Command;

use agendapack::golden::{self, Outcome, Pairing};
use agendapack::ingest::pdf::Limits;
use agendapack::testsupport::repo_root;

const PACK: &str = "wealdmere_cabinet_2025-06-16.txt";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_agendapack"));
    c.current_dir(repo_root());
    c
}

/// A temporary corpus holding one bundled pack, and an empty expectations folder.
fn temp_corpus() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    let expected = dir.path().join("expected");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    std::fs::copy(repo_root().join("corpus/packs").join(PACK), corpus.join(PACK)).expect("copy");
    (dir, corpus, expected)
}

fn set_lines(path: &Path, value: u64) {
    let text = std::fs::read_to_string(path).expect("read expectation");
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["document"]["lines"] = serde_json::Value::from(value);
    std::fs::write(path, serde_json::to_vec_pretty(&v).expect("ser")).expect("write");
}

#[test]
fn bless_then_verify_passes_and_a_hand_edit_fails_with_the_path() {
    let (_dir, corpus, expected) = temp_corpus();
    let out = bin().arg("bless").arg(&corpus).arg("--expected").arg(&expected).output().unwrap();
    assert!(out.status.success(), "bless failed: {}", String::from_utf8_lossy(&out.stderr));
    let exp_file = expected.join(format!("{PACK}.json"));
    assert!(exp_file.is_file(), "bless wrote no {}", exp_file.display());

    let out = bin().arg("verify").arg(&corpus).arg("--expected").arg(&expected).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));

    // The pack has 207 lines; pretend the expectation said 9999.
    set_lines(&exp_file, 9999);
    let out = bin().arg("verify").arg(&corpus).arg("--expected").arg(&expected).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "verify should fail:\n{stdout}");
    assert!(
        stdout.contains("$.document.lines: expected 9999, actual 207"),
        "difference not named:\n{stdout}"
    );
    assert!(stdout.contains(PACK), "document not named:\n{stdout}");
}

#[test]
fn golden_test_check_reports_a_changed_value_readably() {
    let (_dir, corpus, expected) = temp_corpus();
    let pairing = Pairing::new(&corpus, &expected);
    let input = corpus.join(PACK);
    let exp_file = pairing.expected_path(&input);
    golden::bless_file(&input, &exp_file, &Limits::default()).unwrap();
    set_lines(&exp_file, 12);
    let outcome = golden::verify_file(&input, &exp_file, &Limits::default()).unwrap();
    let Outcome::Differs(d) = &outcome else { panic!("expected a difference, got {outcome:?}") };
    assert_eq!(d.len(), 1);
    let report = golden::report(&input, &exp_file, &outcome, 10);
    assert!(report.contains("$.document.lines: expected 12, actual 207"), "{report}");
    assert!(report.starts_with("DIFF"), "{report}");
}

#[test]
fn missing_expectation_and_unknown_corpus_are_reported() {
    let (_dir, corpus, expected) = temp_corpus();
    let out = bin().arg("verify").arg(&corpus).arg("--expected").arg(&expected).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("MISSING"));
    // A folder outside the known corpora needs --expected: a usage error, exit 2.
    let out = bin().arg("verify").arg(&corpus).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--expected"));
}

#[test]
fn failing_documents_are_expected_as_errors() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("empty.txt"), b"").unwrap();
    let expected = dir.path().join("e");
    let out = bin().arg("bless").arg(&corpus).arg("--expected").arg(&expected).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(expected.join("empty.txt.json")).unwrap()).unwrap();
    assert_eq!(v["error"]["stage"], "read");
    assert_eq!(v["error"]["message"], "file is empty");
    let out = bin().arg("verify").arg(&corpus).arg("--expected").arg(&expected).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}
