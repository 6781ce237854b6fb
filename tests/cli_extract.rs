//! The command line: exit codes, shard selection from the environment, `schema`.

mod batch_support;

use batch_support::*;

#[test]
fn exit_codes_are_0_for_success_1_for_failed_documents_2_for_usage() {
    let base = fresh_dir("cli-exit");
    let input = base.join("in");
    write_packs(&input, 2);
    let (i, o) = (input.to_string_lossy().into_owned(), base.join("out"));
    let o = o.to_string_lossy().into_owned();
    let ok = run(&["extract", &i, "-o", &o, "-q"]);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    let stderr = String::from_utf8_lossy(&ok.stderr);
    assert!(stderr.contains("2 documents from 2 files: 2 processed"), "{stderr}");

    std::fs::write(input.join("empty.txt"), "").unwrap_or_else(|e| panic!("{e}"));
    let some = run(&["extract", &i, "-o", &o, "-q"]);
    assert_eq!(some.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&some.stderr);
    assert!(stderr.contains("error: empty.txt: file is empty (stage read)"), "{stderr}");

    let direct = run(&["extract", &input.join("x.docx").to_string_lossy(), "-o", &o, "-q"]);
    assert_eq!(direct.status.code(), Some(1), "a missing input path is an error of its own");
    std::fs::write(input.join("x.docx"), "x").unwrap_or_else(|e| panic!("{e}"));
    let direct = run(&["extract", &input.join("x.docx").to_string_lossy(), "-o", &o, "-q"]);
    assert_eq!(direct.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&direct.stderr);
    assert!(stderr.contains("x.docx: unsupported file type \"docx\""), "{stderr}");

    assert_eq!(run(&["extract", &i, "--shard", "3/3"]).status.code(), Some(2));
    assert_eq!(run(&["extract", &i, "--jobs", "0"]).status.code(), Some(2));
    assert_eq!(run(&["extract", "--no-such-flag"]).status.code(), Some(2));
    let no_index = bin()
        .args(["extract", &i, "-o", &o, "--shards", "4"])
        .env_remove("JOB_COMPLETION_INDEX")
        .env_remove("SLURM_ARRAY_TASK_ID")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(no_index.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn shards_come_from_job_completion_index_or_slurm_array_task_id() {
    let base = fresh_dir("cli-shards");
    let input = base.join("in");
    write_packs(&input, 8);
    let (i, o) = (input.to_string_lossy().into_owned(), base.join("out"));
    let os = o.to_string_lossy().into_owned();
    let mut total = 0;
    for (var, index) in
        [("JOB_COMPLETION_INDEX", "0"), ("SLURM_ARRAY_TASK_ID", "1"), ("JOB_COMPLETION_INDEX", "2")]
    {
        let out = bin()
            .args(["extract", &i, "-o", &os, "--shards", "3", "-q"])
            .env_remove("JOB_COMPLETION_INDEX")
            .env_remove("SLURM_ARRAY_TASK_ID")
            .env(var, index)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let suffix = format!(".shard-000{index}-of-0003");
        assert!(o.join(format!("_SUCCESS{suffix}")).is_file(), "{suffix}");
        total += jsonl(&o.join(format!("tables/documents{suffix}.jsonl"))).len();
    }
    assert_eq!(total, 8);
    let _ = std::fs::remove_dir_all(&base);
}
