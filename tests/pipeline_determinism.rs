//! `--jobs 1` and `--jobs 2` give byte-identical outputs over the whole shared corpus (text, real
//! and rendered), and every file of the corpus is accounted for as a document or an error.

mod batch_support;

use batch_support::*;

#[test]
fn jobs_1_and_jobs_2_are_byte_identical_over_the_shared_corpus() {
    let Some(shared) = agendapack::testsupport::shared_dir() else { return };
    let corpus = shared.join("corpus");
    let corpus = corpus.to_string_lossy();
    let base = fresh_dir("determinism");
    let (one, two) = (base.join("j1"), base.join("j2"));
    for (dir, jobs) in [(&one, "1"), (&two, "2")] {
        let out = run(&["extract", &corpus, "-o", &dir.to_string_lossy(), "--jobs", jobs, "-q"]);
        // Exit 0 or 1 (some documents may fail while ingest is incomplete), never 2 or a crash.
        assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
        assert!(dir.join("_SUCCESS").is_file());
    }
    let (a, b) = (tree(&one), tree(&two));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(b.get(name) == Some(bytes), "{name} differs between --jobs 1 and --jobs 2");
    }
    for t in ["documents", "agenda_items", "votes", "budget_rows", "findings", "errors"] {
        assert!(a.contains_key(&format!("tables/{t}.jsonl")), "{t}.jsonl");
        #[cfg(feature = "parquet")]
        assert!(a.contains_key(&format!("tables/{t}.parquet")), "{t}.parquet");
    }

    // Every PDF and text file of the corpus is either a document or an error, by its path.
    let docs = jsonl(&one.join("tables/documents.jsonl"));
    let errors = jsonl(&one.join("tables/errors.jsonl"));
    let mut seen: Vec<String> = docs
        .iter()
        .flat_map(|d| d["paths"].as_array().cloned().unwrap_or_default())
        .chain(errors.iter().map(|e| e["path"].clone()))
        .filter_map(|p| p.as_str().map(str::to_owned))
        .collect();
    seen.sort();
    for expected in [
        "text/000_89a7eb97841dfc38.txt",
        "text/004_d4ce2142da2e6789.txt",
        "real/kcc_cc_2025-02-13_printed_minutes_recorded_votes.pdf",
        "rendered/chromium/003_d08e34e2df91019d.pdf",
        "rendered/libreoffice/002_44206e63360eab18.pdf",
    ] {
        assert!(seen.iter().any(|s| s == expected), "{expected} missing from {seen:?}");
    }
    // 4 text packs + 10 real PDFs + 8 rendered PDFs + 83 wide PDFs + the two PROVENANCE.md.
    assert_eq!(seen.len(), 107, "{seen:?}");

    // Documents are in id order and carry the file's real size.
    let ids: Vec<&str> = docs.iter().filter_map(|d| d["document_id"].as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    let text000 = docs.iter().find(|d| d["file_name"] == "000_89a7eb97841dfc38.txt");
    assert_eq!(text000.map(|d| d["bytes"].clone()), Some(serde_json::json!(331711)));
    assert_eq!(text000.map(|d| d["kind"].clone()), Some(serde_json::json!("text")));

    // No absolute path leaks into any output.
    let root = shared.canonicalize().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
    for (name, bytes) in &a {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains(&root), "{name} contains the absolute path {root}");
        assert!(!text.contains("/tmp/"), "{name} contains a temp path");
    }
    let _ = std::fs::remove_dir_all(&base);
}
