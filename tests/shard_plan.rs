//! Balanced shards and merged tables: `agendapack plan` deals documents to shards by pages,
//! `extract --shard-list` takes the shard's documents from the list, and `agendapack merge`
//! gives the tables of a sharded run as single files, byte-identical to a one-machine run's.

mod batch_support;

use std::path::Path;

use agendapack::output::tables::TABLE_NAMES;
use agendapack::pipeline::Shard;
use batch_support::*;
use serde_json::Value;

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_plan_balances_the_wide_corpus_in_four_shards_within_1_2() {
    let Some(wide) = agendapack::testsupport::shared_corpus_file("wide") else { return };
    let base = fresh_dir("plan-wide");
    let list = base.join("plan.json");
    let out =
        run(&["plan", &wide.to_string_lossy(), "--shards", "4", "-o", &list.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let plan = read_json(&list);
    assert_eq!(plan["format"], "agendapack-shard-list/1");
    assert_eq!(plan["shards"], 4);
    assert_eq!(plan["by"], "pages");
    // 83 distinct PDFs of 927 pages (pdfinfo), the largest of 85 pages (Appendix A, Current
    // Health wellbeing activity within KCC), and PROVENANCE.md (1,293 bytes: one text page), which
    // extract reads too.
    let docs = plan["documents"].as_array().cloned().unwrap_or_default();
    assert_eq!(docs.len(), 84);
    let pages_of = |pdf: bool| -> u64 {
        let of = |d: &&Value| d["path"].as_str().is_some_and(|p| p.ends_with(".pdf")) == pdf;
        docs.iter().filter(of).map(|d| d["pages"].as_u64().unwrap_or(0)).sum()
    };
    assert_eq!((pages_of(true), pages_of(false)), (927, 1));
    let total = 928.0;
    let largest = docs.iter().find(|d| {
        d["path"] == "cabinet_2025-01-30_24-00115_-_Appendix_A_-_Current_Health_wellbeing_activity_within_KCC.pdf"
    });
    assert_eq!(largest.map(|d| d["pages"].clone()), Some(Value::from(85)));
    let loads: Vec<u64> = (0..4).map(|i| plan["loads"][i]["pages"].as_u64().unwrap_or(0)).collect();
    assert_eq!(loads.iter().sum::<u64>(), 928);
    let per_shard: Vec<u64> = (0..4)
        .map(|s| {
            docs.iter().filter(|d| d["shard"] == s).map(|d| d["pages"].as_u64().unwrap_or(0)).sum()
        })
        .collect();
    assert_eq!(per_shard, loads, "the loads are the documents' pages summed per shard");
    let max = loads.iter().copied().max().unwrap_or(0) as f64;
    let ratio = max / (total / 4.0);
    assert!(ratio <= 1.2, "pages per shard {loads:?}: max/mean {ratio:.3}");
    assert!((plan["max_over_mean"].as_f64().unwrap_or(0.0) - ratio).abs() < 1e-9);
    // The split by id on the same documents, for comparison (reported, not bounded).
    let hashed: Vec<u64> = (0..4)
        .map(|s| {
            docs.iter()
                .filter(|d| Shard { index: s, count: 4 }.owns(d["id"].as_str().unwrap_or("")))
                .map(|d| d["pages"].as_u64().unwrap_or(0))
                .sum()
        })
        .collect();
    let hashed_ratio = hashed.iter().copied().max().unwrap_or(0) as f64 / (total / 4.0);
    assert!((plan["hash_split_max_over_mean"].as_f64().unwrap_or(0.0) - hashed_ratio).abs() < 1e-9);
    eprintln!(
        "wide in 4: planned pages {loads:?} (max/mean {ratio:.3}); split by id {hashed:?} \
         (max/mean {hashed_ratio:.3})"
    );
    // Deterministic: the same inputs give the same list, byte for byte.
    let again = base.join("again.json");
    let out =
        run(&["plan", &wide.to_string_lossy(), "--shards", "4", "-o", &again.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read(&list).ok() == std::fs::read(&again).ok(), "two plans differ");
    let _ = std::fs::remove_dir_all(&base);
}

/// Small inputs with a document that fails (empty) and a file that cannot be a document.
fn inputs(base: &Path) -> (String, String) {
    let input = base.join("in");
    write_packs(&input, 9);
    let packs = repo_root().join("corpus/packs");
    for e in std::fs::read_dir(&packs).unwrap_or_else(|e| panic!("{e}")).flatten() {
        let to = input.join(e.file_name());
        std::fs::copy(e.path(), to).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(input.join("empty.txt"), "").unwrap_or_else(|e| panic!("{e}"));
    let odd = base.join("notes.docx");
    std::fs::write(&odd, "x").unwrap_or_else(|e| panic!("{e}"));
    (input.to_string_lossy().into_owned(), odd.to_string_lossy().into_owned())
}

fn repo_root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn shards_by_a_list_merge_into_the_one_machine_tables_byte_for_byte() {
    let base = fresh_dir("plan-merge");
    let (input, odd) = inputs(&base);
    let (single, sharded) = (base.join("single"), base.join("sharded"));
    let list = base.join("plan.json");
    let list_s = list.to_string_lossy().into_owned();
    let o = run(&["plan", &input, "--shards", "3", "--by", "bytes", "-o", &list_s]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let plan = read_json(&list);
    assert_eq!(plan["by"], "bytes");
    // 9 generated packs, the 3 bundled ones and the empty file.
    assert_eq!(plan["documents"].as_array().map(Vec::len), Some(13));

    // A file added after planning: not in the list, so split by id.
    let late = Path::new(&input).join("late.txt");
    std::fs::write(&late, "Wealdmere Borough Council\nCabinet\nAgenda\n1. Late item\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let o = run(&["extract", &input, &odd, "-o", &single.to_string_lossy(), "-q"]);
    assert_eq!(o.status.code(), Some(1), "the empty file and the .docx fail: {}", stderr(&o));

    let sharded_s = sharded.to_string_lossy().into_owned();
    for i in 0..3u32 {
        // Shard 1 takes its index from the environment, as a Slurm array task does.
        let mut cmd = bin();
        cmd.args(["extract", &input, &odd, "-o", &sharded_s, "-q", "--shard-list", &list_s]);
        cmd.env_remove("JOB_COMPLETION_INDEX").env_remove("SLURM_ARRAY_TASK_ID");
        if i == 1 {
            cmd.env("SLURM_ARRAY_TASK_ID", "1");
        } else {
            cmd.args(["--shard", &format!("{i}/3")]);
        }
        let o = cmd.output().unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(o.status.code(), Some(0 | 1)), "shard {i}: {}", stderr(&o));
        let suffix = Shard { index: i, count: 3 }.suffix();
        let m = read_json(&sharded.join(format!("manifest{suffix}.json")));
        assert_eq!(m["balance"]["split"], "shard-list");
        assert_eq!(m["balance"]["by"], "bytes");
        assert_eq!(m["balance"]["unplanned"], 1, "late.txt");
        let planned: Vec<String> = plan["documents"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|d| d["shard"] == i)
            .filter_map(|d| d["id"].as_str().map(str::to_string))
            .collect();
        let rows = jsonl(&sharded.join(format!("tables/documents{suffix}.jsonl")));
        for id in &planned {
            let listed = rows.iter().any(|r| r["document_id"] == id.as_str());
            let failed = jsonl(&sharded.join(format!("tables/errors{suffix}.jsonl")))
                .iter()
                .any(|r| r["document_id"] == id.as_str());
            assert!(listed || failed, "shard {i} did not take planned document {id}");
        }
    }
    // A list of 3 shards with a count of 2 is a usage error.
    let o = run(&["extract", &input, "-o", &sharded_s, "--shard-list", &list_s, "--shard", "0/2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("the shard list plans 3 shards, not 2"), "{}", stderr(&o));

    let o = run(&["merge", &sharded_s]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for table in TABLE_NAMES {
        let exts: &[&str] =
            if cfg!(feature = "parquet") { &["jsonl", "parquet"] } else { &["jsonl"] };
        for ext in exts {
            let name = format!("tables/{table}.{ext}");
            let a = std::fs::read(sharded.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            let b = std::fs::read(single.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(a == b, "merged {name} differs from the one-machine run's");
        }
    }
    // Both kinds of error row are there: a document that failed, a file that is none.
    let errors = jsonl(&sharded.join("tables/errors.jsonl"));
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors.iter().any(|e| e["path"] == "empty.txt" && e["document_id"].is_string()));
    assert!(errors.iter().any(|e| e["path"] == "notes.docx" && e["document_id"].is_null()));
    let m = read_json(&sharded.join("manifest.json"));
    assert_eq!(m["merged_shards"], 3);
    assert_eq!(m["documents"], 14);
    assert_eq!(m["failed"], 2);
    assert!(sharded.join("_SUCCESS").is_file());
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn merge_refuses_an_incomplete_or_mixed_run() {
    let base = fresh_dir("merge-refuses");
    let input = base.join("in");
    write_packs(&input, 6);
    let (i, o) = (input.to_string_lossy().into_owned(), base.join("out"));
    let os = o.to_string_lossy().into_owned();
    let nothing = run(&["merge", &os]);
    assert_eq!(nothing.status.code(), Some(2), "no output folder: {}", stderr(&nothing));
    for k in [0, 2] {
        let r = run(&["extract", &i, "-o", &os, "-q", "--shard", &format!("{k}/3")]);
        assert_eq!(r.status.code(), Some(0));
    }
    let missing = run(&["merge", &os]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("shard 1 of 3 has not completed"), "{}", stderr(&missing));
    assert!(!o.join("tables/documents.jsonl").exists() && !o.join("_SUCCESS").exists());

    let r = run(&["extract", &i, "-o", &os, "-q", "--shard", "1/2"]);
    assert_eq!(r.status.code(), Some(0));
    let mixed = run(&["merge", &os]);
    assert_eq!(mixed.status.code(), Some(2));
    assert!(stderr(&mixed).contains("splits into 2 and 3 shards"), "{}", stderr(&mixed));
    let r = run(&["extract", &i, "-o", &os, "-q", "--shard", "0/2"]);
    assert_eq!(r.status.code(), Some(0));
    let two = run(&["merge", &os, "--shards", "2"]);
    assert_eq!(two.status.code(), Some(0), "{}", stderr(&two));
    assert_eq!(jsonl(&o.join("tables/documents.jsonl")).len(), 6);
    let _ = std::fs::remove_dir_all(&base);
}
