//! Batch behaviour through the library: per-file errors that never stop the batch, fail-fast,
//! identical files processed once, incremental reuse and `--force`, sharding.

mod batch_support;

use agendapack::output::tables::Formats;
use agendapack::pipeline::{BatchOptions, Shard, batch};
use batch_support::*;

fn options(input: &std::path::Path, out: &std::path::Path) -> BatchOptions {
    let mut o = BatchOptions::new(vec![input.to_path_buf()], out.to_path_buf());
    o.formats = Formats { jsonl: true, parquet: false };
    o
}

#[test]
fn bad_files_become_error_rows_and_the_batch_goes_on() {
    let base = fresh_dir("errors");
    let input = base.join("in");
    write_packs(&input, 3);
    std::fs::write(input.join("empty.txt"), "").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(input.join("latin1.txt"), b"Caf\xe9 budget\n").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(input.join("blank.md"), "  \n\n").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(input.join("fake.pdf"), "not a pdf at all").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(input.join("notes.docx"), "ignored inside folders")
        .unwrap_or_else(|e| panic!("{e}"));
    #[cfg(unix)]
    std::os::unix::fs::symlink(base.join("nowhere.txt"), input.join("dangling.txt"))
        .unwrap_or_else(|e| panic!("{e}"));

    let out = base.join("out");
    let report = batch::run(&options(&input, &out)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.exit_code(), 1);
    assert_eq!(report.manifest.counts.processed, 3);
    let by_path = |p: &str| report.errors.iter().find(|e| e.path == p).cloned();
    let empty = by_path("empty.txt").unwrap_or_else(|| panic!("{:?}", report.errors));
    assert_eq!((empty.stage.as_str(), empty.message.as_str()), ("read", "file is empty"));
    let latin = by_path("latin1.txt").unwrap_or_else(|| panic!("{:?}", report.errors));
    assert_eq!(latin.stage, "ingest");
    assert_eq!(latin.message, "text rendering is not valid UTF-8 (first bad byte at offset 3)");
    let fake = by_path("fake.pdf").unwrap_or_else(|| panic!("{:?}", report.errors));
    assert!(fake.message.starts_with("not a PDF"), "{}", fake.message);
    assert!(by_path("blank.md").is_some());
    #[cfg(unix)]
    {
        let dangling = by_path("dangling.txt").unwrap_or_else(|| panic!("{:?}", report.errors));
        assert_eq!(dangling.stage, "read");
        assert!(dangling.document_id.is_none());
    }
    assert!(by_path("notes.docx").is_none(), "unknown extensions inside folders are skipped");
    // The same errors are rows of the errors table, and the run completed.
    let rows = jsonl(&out.join("tables/errors.jsonl"));
    assert_eq!(rows.len(), report.errors.len());
    assert!(rows.iter().any(|r| r["path"] == "latin1.txt" && r["stage"] == "ingest"));
    assert!(out.join("_SUCCESS").is_file());
    assert_eq!(jsonl(&out.join("tables/documents.jsonl")).len(), 3);

    // A file over the size limit is refused before it is read.
    let mut small = options(&input, &base.join("out-small"));
    small.max_file_bytes = 10;
    let report = batch::run(&small).unwrap_or_else(|e| panic!("{e}"));
    let big = report.errors.iter().find(|e| e.path == "pack-000.txt");
    let big = big.unwrap_or_else(|| panic!("{:?}", report.errors));
    assert_eq!(big.stage, "read");
    assert_eq!(big.limit.as_deref(), Some("file_bytes"));
    assert_eq!(
        big.message,
        "limit exceeded (file_bytes): file is 113 bytes, more than the 10 allowed"
    );

    // --fail-fast stops at the first failure: no tables, no success marker.
    let out2 = base.join("out-ff");
    let mut o = options(&input, &out2);
    o.fail_fast = true;
    let report = batch::run(&o).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.aborted);
    assert_eq!(report.exit_code(), 1);
    assert!(!out2.join("_SUCCESS").exists());
    assert!(!out2.join("tables/documents.jsonl").exists());
    assert_eq!(manifest(&out2)["status"], "aborted");
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn identical_files_are_processed_once_and_listed_with_all_their_paths() {
    let base = fresh_dir("dedup");
    let input = base.join("in");
    write_packs(&input.join("a"), 2);
    write_packs(&input.join("b"), 2);
    let out = base.join("out");
    let report = batch::run(&options(&input, &out)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.exit_code(), 0);
    assert_eq!((report.manifest.counts.files, report.manifest.counts.documents), (4, 2));
    assert_eq!(report.manifest.counts.duplicate_paths, 2);
    let docs = jsonl(&out.join("tables/documents.jsonl"));
    let paths: Vec<serde_json::Value> = docs.iter().map(|d| d["paths"].clone()).collect();
    assert!(paths.contains(&serde_json::json!(["a/pack-000.txt", "b/pack-000.txt"])), "{paths:?}");
    assert!(paths.contains(&serde_json::json!(["a/pack-001.txt", "b/pack-001.txt"])), "{paths:?}");
    assert_eq!(docs[0]["kind"], "text");
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn a_second_run_reuses_current_outputs_and_force_redoes_them() {
    let base = fresh_dir("incremental");
    let input = base.join("in");
    write_packs(&input, 6);
    let out = base.join("out");
    let first = batch::run(&options(&input, &out)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((first.manifest.counts.processed, first.manifest.counts.unchanged), (6, 0));
    let before = tree(&out);

    let second = batch::run(&options(&input, &out)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((second.manifest.counts.processed, second.manifest.counts.unchanged), (0, 6));
    assert_eq!(tree(&out), before);

    // A new file is processed; the others are reused.
    write_packs(&input.join("more"), 1);
    std::fs::write(input.join("more/pack-000.txt"), "Agenda\n1. Something new\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let third = batch::run(&options(&input, &out)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((third.manifest.counts.processed, third.manifest.counts.unchanged), (1, 6));

    let mut o = options(&input, &out);
    o.force = true;
    let forced = batch::run(&o).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((forced.manifest.counts.processed, forced.manifest.counts.unchanged), (7, 0));

    // A damaged stored output is not trusted: the document is processed again.
    let docs = jsonl(&out.join("tables/documents.jsonl"));
    let id = docs[0]["document_id"].as_str().unwrap_or_default().to_string();
    std::fs::write(out.join(format!("{id}.json")), "{\"trunc").unwrap_or_else(|e| panic!("{e}"));
    let again = batch::run(&options(&input, &out)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((again.manifest.counts.processed, again.manifest.counts.unchanged), (1, 6));
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn shards_split_documents_without_overlap_and_each_leaves_its_own_marker() {
    let base = fresh_dir("shards");
    let input = base.join("in");
    write_packs(&input, 12);
    let out = base.join("out");
    let mut all_ids: Vec<String> = Vec::new();
    for i in 0..3 {
        let mut o = options(&input, &out);
        o.shard = Shard::new(i, 3).unwrap_or_else(|e| panic!("{e}"));
        let r = batch::run(&o).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r.exit_code(), 0);
        let suffix = format!(".shard-{i:04}-of-0003");
        assert!(out.join(format!("_SUCCESS{suffix}")).is_file());
        assert!(out.join(format!("manifest{suffix}.json")).is_file());
        let docs = jsonl(&out.join(format!("tables/documents{suffix}.jsonl")));
        assert_eq!(docs.len(), r.manifest.counts.documents);
        all_ids.extend(docs.iter().filter_map(|d| d["document_id"].as_str().map(str::to_owned)));
    }
    let n = all_ids.len();
    all_ids.sort();
    all_ids.dedup();
    assert_eq!((n, all_ids.len()), (12, 12));

    // The union of the shards is the unsharded run.
    let whole = base.join("whole");
    batch::run(&options(&input, &whole)).unwrap_or_else(|e| panic!("{e}"));
    let mut ids: Vec<String> = jsonl(&whole.join("tables/documents.jsonl"))
        .iter()
        .filter_map(|d| d["document_id"].as_str().map(str::to_owned))
        .collect();
    ids.sort();
    assert_eq!(ids, all_ids);
    let _ = std::fs::remove_dir_all(&base);
}

/// Parquet alone: converted from JSON Lines kept only under a temporary name, which is removed;
/// every table's Parquet row count equals the rows the run reports for it.
#[cfg(feature = "parquet")]
#[test]
fn parquet_without_json_lines_leaves_only_parquet_files() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let base = fresh_dir("parquet-only");
    let input = base.join("in");
    write_packs(&input, 3);
    let out = base.join("out");
    let mut o = options(&input, &out);
    o.formats = Formats { jsonl: false, parquet: true };
    let report = batch::run(&o).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.exit_code(), 0);
    let mut names: Vec<String> = std::fs::read_dir(out.join("tables"))
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|e| e.unwrap_or_else(|e| panic!("{e}")).file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), agendapack::output::tables::TABLE_NAMES.len(), "{names:?}");
    assert!(names.iter().all(|n| n.ends_with(".parquet") && !n.starts_with('.')), "{names:?}");
    for t in &report.manifest.tables {
        let f = std::fs::File::open(out.join(format!("tables/{}.parquet", t.table)))
            .unwrap_or_else(|e| panic!("{e}"));
        let reader = SerializedFileReader::new(f).unwrap_or_else(|e| panic!("{}: {e}", t.table));
        assert_eq!(reader.metadata().file_metadata().num_rows() as u64, t.rows, "{}", t.table);
    }
    let docs = report.manifest.tables.iter().find(|t| t.table == "documents");
    assert_eq!(docs.map(|t| t.rows), Some(3));
    // One "Parks" row per pack.
    let budget = report.manifest.tables.iter().find(|t| t.table == "budget_rows");
    assert_eq!(budget.map(|t| t.rows), Some(3));
}
