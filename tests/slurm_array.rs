//! `deploy/slurm-array.sh` on a real scheduler: a one-node Slurm cluster (munged, slurmctld,
//! slurmd; see `slurm_support`) runs the repository's own script as an array of 4 over
//! `../shared/corpus/real`. Every shard completes, and together they write exactly what one
//! machine writes: the same documents byte for byte, the same table rows. One task, slowed down,
//! is cancelled with `scancel` half-way and submitted again on its own: it completes without
//! processing again the documents it had finished. `agendapack merge` then gives the one-machine
//! tables byte for byte, and a second array run by a shard list from `agendapack plan` does too.
//!
//! Skipped with a note when Slurm or munge is not installed, when not run as root, or when the
//! cluster does not start; under `CI=true` each of these fails (`.ci/run` installs the packages).

mod batch_support;
mod slurm_support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use agendapack::output::tables::TABLE_NAMES;
use agendapack::pipeline::Shard;
use batch_support::*;
use slurm_support::Cluster;

const SHARDS: u32 = 4;
/// Longest wait for the cluster to come up, and for one array to finish.
const STARTUP: Duration = Duration::from_secs(90);
const ARRAY_TIMEOUT: Duration = Duration::from_secs(600);

fn ci() -> bool {
    std::env::var("CI").map(|v| v == "true").unwrap_or(false)
}

/// Skips (outside CI) or fails (under CI) with `why`.
fn skip_or_fail(why: &str) {
    assert!(!ci(), "CI=true but the Slurm test cannot run: {why}");
    eprintln!("note: skipping the Slurm array test: {why}");
}

/// Document ids (`<id>.json` files) in an output folder.
fn document_files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter_map(|n| n.strip_suffix(".json").map(str::to_string))
                .filter(|id| id.len() == 64)
                .collect()
        })
        .unwrap_or_default()
}

fn lines(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().map(str::to_string).collect()
}

fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The logs of an array's tasks, for a failure message.
fn job_logs(dir: &Path, job: &str) -> String {
    let mut text = String::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(&format!("agendapack-{job}_")) {
            let body = std::fs::read_to_string(e.path()).unwrap_or_default();
            text.push_str(&format!("--- {name}\n{body}\n"));
        }
    }
    text
}

/// Every shard of `out` completed and together they hold exactly `single`'s documents (byte for
/// byte) and table rows (as sets: each shard's rows are in document-id order within the shard).
fn assert_union_is_the_single_run(out: &Path, single: &Path) {
    for i in 0..SHARDS {
        let marker = out.join(format!("_SUCCESS{}", Shard { index: i, count: SHARDS }.suffix()));
        assert!(marker.is_file(), "{} is missing", marker.display());
    }
    let (ours, theirs) = (document_files(out), document_files(single));
    assert_eq!(ours, theirs, "the shards' documents are not the one-machine run's");
    for id in &theirs {
        let name = format!("{id}.json");
        let a = std::fs::read(out.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let b = std::fs::read(single.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(a == b, "{name} differs from the one-machine run's");
    }
    for table in TABLE_NAMES {
        let mut union: Vec<String> = (0..SHARDS)
            .flat_map(|i| {
                let suffix = Shard { index: i, count: SHARDS }.suffix();
                lines(&out.join(format!("tables/{table}{suffix}.jsonl")))
            })
            .collect();
        let mut one = lines(&single.join(format!("tables/{table}.jsonl")));
        union.sort();
        one.sort();
        assert_eq!(union.len(), one.len(), "rows of table {table}");
        assert!(union == one, "the shards' rows of table {table} are not the one-machine run's");
    }
}

fn mtimes(dir: &Path, ids: &[String]) -> BTreeMap<String, SystemTime> {
    ids.iter()
        .map(|id| {
            let m = std::fs::metadata(dir.join(format!("{id}.json"))).and_then(|m| m.modified());
            (id.clone(), m.unwrap_or_else(|e| panic!("{id}: {e}")))
        })
        .collect()
}

#[test]
fn the_slurm_array_script_shards_like_one_machine_and_resumes_a_cancelled_task() {
    let Some(shared) = agendapack::testsupport::shared_dir() else { return };
    if let Some(why) = slurm_support::unavailable() {
        return skip_or_fail(&why);
    }
    let real = shared.join("corpus/real");
    let real_s = real.to_string_lossy().into_owned();
    let script = repo_root_path().join("deploy/slurm-array.sh");
    let script_s = script.to_string_lossy().into_owned();
    let exe = env!("CARGO_BIN_EXE_agendapack");
    let base = fresh_dir("slurm");

    // The one-machine run everything is compared with.
    let single = base.join("single");
    let out = run(&["extract", &real_s, "-o", &single.to_string_lossy(), "-q", "-j", "2"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
    let ids: Vec<String> = document_files(&single).into_iter().collect();
    assert_eq!(ids.len(), 11, "the ten real PDFs and PROVENANCE.md");

    // The task of the split by id with the most documents is the one cancelled half-way; it is
    // slowed to 1.5 s a document (the hidden --delay-ms) so that it can be caught running.
    let shard_ids = |k: u32| -> Vec<String> {
        ids.iter().filter(|id| Shard { index: k, count: SHARDS }.owns(id)).cloned().collect()
    };
    let victim = (0..SHARDS).max_by_key(|k| (shard_ids(*k).len(), SHARDS - k)).unwrap_or(0);
    let victim_ids = shard_ids(victim);
    assert!(victim_ids.len() >= 3, "shard {victim} holds {} documents", victim_ids.len());
    let slow = base.join("agendapack-slow.sh");
    std::fs::write(
        &slow,
        format!(
            "#!/bin/sh\nif [ \"$SLURM_ARRAY_TASK_ID\" = \"{victim}\" ]; then\n  \
             exec {exe} \"$@\" --delay-ms 1500\nfi\nexec {exe} \"$@\"\n"
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let chmod = std::process::Command::new("chmod").arg("755").arg(&slow).status();
    assert!(chmod.is_ok_and(|s| s.success()), "chmod {}", slow.display());

    let cluster_dir = base.join("cluster");
    std::fs::create_dir_all(&cluster_dir).unwrap_or_else(|e| panic!("{e}"));
    let started = std::time::Instant::now();
    let mut cluster = match Cluster::start(&cluster_dir, STARTUP) {
        Ok(c) => c,
        Err(why) => return skip_or_fail(&format!("the cluster did not start: {why}")),
    };
    eprintln!("slurm: one-node cluster up in {:.1} s", started.elapsed().as_secs_f64());
    let jobs_dir = base.join("jobs");
    std::fs::create_dir_all(&jobs_dir).unwrap_or_else(|e| panic!("{e}"));
    let fail = |cluster: &Cluster, job: &str, what: String| -> ! {
        panic!("{what}\n{}\n{}", job_logs(&jobs_dir, job), cluster.logs())
    };

    // The array of 4, as a user submits it (one CPU a task so that two run at once here).
    let sharded = base.join("sharded");
    let sharded_s = sharded.to_string_lossy().into_owned();
    let slow_s = slow.to_string_lossy().into_owned();
    let array = ["--array=0-3", "--cpus-per-task=1", &script_s, &real_s, &sharded_s];
    let job = cluster
        .sbatch(&array, &[("AGENDAPACK", &slow_s)], &jobs_dir)
        .unwrap_or_else(|e| panic!("{e}\n{}", cluster.logs()));
    let task = format!("{job}_{victim}");

    // Cancel the slow task once it has finished a document (and before it finishes them all).
    let written = |ids: &[String]| {
        ids.iter().filter(|id| sharded.join(format!("{id}.json")).is_file()).count()
    };
    if let Err(e) = cluster.wait_for("the slow task's first document", ARRAY_TIMEOUT, |_| {
        Ok(written(&victim_ids) >= 1)
    }) {
        fail(&cluster, &job, e);
    }
    let cancel = cluster.client("scancel", &[&task]).unwrap_or_else(|e| panic!("{e}"));
    assert!(cancel.status.success(), "scancel: {}", String::from_utf8_lossy(&cancel.stderr));
    if let Err(e) = cluster.wait_done(&job, ARRAY_TIMEOUT) {
        fail(&cluster, &job, e);
    }
    let states = cluster.task_states(&job).unwrap_or_else(|e| panic!("{e}"));
    let expected: Vec<(u32, String)> = (0..SHARDS)
        .map(|k| (k, if k == victim { "CANCELLED" } else { "COMPLETED" }.to_string()))
        .collect();
    if states != expected {
        fail(&cluster, &job, format!("task states {states:?}, expected {expected:?}"));
    }
    let victim_suffix = Shard { index: victim, count: SHARDS }.suffix();
    assert!(!sharded.join(format!("_SUCCESS{victim_suffix}")).exists(), "cancelled, yet _SUCCESS");
    let done: Vec<String> = victim_ids
        .iter()
        .filter(|id| sharded.join(format!("{id}.json")).is_file())
        .cloned()
        .collect();
    assert!(
        !done.is_empty() && done.len() < victim_ids.len(),
        "cancelled after {} of {} documents: not half-way",
        done.len(),
        victim_ids.len()
    );
    let before = mtimes(&sharded, &done);

    // The cancelled task alone, submitted again: an array of one, so it is told the count.
    let shards_s = SHARDS.to_string();
    let again = format!("--array={victim}");
    let resubmit = [again.as_str(), "--cpus-per-task=1", &script_s, &real_s, &sharded_s];
    let env = [("AGENDAPACK", exe), ("AGENDAPACK_SHARDS", shards_s.as_str())];
    let job2 = cluster.sbatch(&resubmit, &env, &jobs_dir).unwrap_or_else(|e| panic!("{e}"));
    if let Err(e) = cluster.wait_done(&job2, ARRAY_TIMEOUT) {
        fail(&cluster, &job2, e);
    }
    let states = cluster.task_states(&job2).unwrap_or_else(|e| panic!("{e}"));
    if states != [(victim, "COMPLETED".to_string())] {
        fail(&cluster, &job2, format!("resubmitted task: {states:?}"));
    }
    let m = read_json(&sharded.join(format!("manifest{victim_suffix}.json")));
    assert_eq!(m["documents"].as_u64(), Some(victim_ids.len() as u64), "{m}");
    assert_eq!(m["unchanged"].as_u64(), Some(done.len() as u64), "finished documents redone: {m}");
    assert_eq!(m["processed"].as_u64(), Some((victim_ids.len() - done.len()) as u64), "{m}");
    assert_eq!(mtimes(&sharded, &done), before, "a finished document was written again");
    assert_eq!(m["balance"]["split"], "id");
    assert_eq!(m["balance"]["by"], "bytes");

    assert_union_is_the_single_run(&sharded, &single);
    let leftovers: Vec<String> =
        tree(&sharded).into_keys().filter(|k| k.contains(".tmp-")).collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    // One warehouse: the merged tables are the one-machine run's, byte for byte.
    let merged = run(&["merge", &sharded_s]);
    assert_eq!(merged.status.code(), Some(0), "{}", String::from_utf8_lossy(&merged.stderr));
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
    let mm = read_json(&sharded.join("manifest.json"));
    let sm = read_json(&single.join("manifest.json"));
    assert_eq!(mm["merged_shards"], 4);
    for key in ["documents", "pages", "findings", "failed"] {
        assert_eq!(mm[key], sm[key], "merged manifest's {key}");
    }
    assert!(sharded.join("_SUCCESS").is_file());

    // Balanced by a plan: the same script and binary, the shard list passed in the environment.
    let plan = base.join("plan.json");
    let planned = run(&["plan", &real_s, "--shards", "4", "-o", &plan.to_string_lossy()]);
    assert_eq!(planned.status.code(), Some(0), "{}", String::from_utf8_lossy(&planned.stderr));
    let balanced = base.join("balanced");
    let balanced_s = balanced.to_string_lossy().into_owned();
    let plan_s = plan.to_string_lossy().into_owned();
    let array = ["--array=0-3", "--cpus-per-task=1", &script_s, &real_s, &balanced_s];
    let env = [("AGENDAPACK", exe), ("AGENDAPACK_SHARD_LIST", plan_s.as_str())];
    let job3 = cluster.sbatch(&array, &env, &jobs_dir).unwrap_or_else(|e| panic!("{e}"));
    if let Err(e) = cluster.wait_done(&job3, ARRAY_TIMEOUT) {
        fail(&cluster, &job3, e);
    }
    let states = cluster.task_states(&job3).unwrap_or_else(|e| panic!("{e}"));
    if states.iter().any(|(_, s)| s != "COMPLETED") || states.len() != 4 {
        fail(&cluster, &job3, format!("planned array: {states:?}"));
    }
    drop(cluster);
    assert_union_is_the_single_run(&balanced, &single);
    let list = read_json(&plan);
    let mut pages = Vec::new();
    for i in 0..SHARDS {
        let suffix = Shard { index: i, count: SHARDS }.suffix();
        let m = read_json(&balanced.join(format!("manifest{suffix}.json")));
        assert_eq!(m["balance"]["split"], "shard-list");
        // The plan weighs a text file by its printed pages; the pipeline counts it as one page.
        let planned =
            list["documents"].as_array().into_iter().flatten().filter(|d| d["shard"] == i);
        let (docs, pdf_pages, texts) = planned.fold((0, 0, 0), |(n, p, t), d| {
            let pdf = d["path"].as_str().is_some_and(|p| p.ends_with(".pdf"));
            let pages = if pdf { d["pages"].as_u64().unwrap_or(0) } else { 0 };
            (n + 1, p + pages, t + u64::from(!pdf))
        });
        assert_eq!(m["documents"], docs, "shard {i} documents as planned");
        assert_eq!(m["pages"], pdf_pages + texts, "shard {i} pages as planned");
        pages.push(m["pages"].as_u64().unwrap_or(0));
    }
    let (max, total) = (pages.iter().max().copied().unwrap_or(0), pages.iter().sum::<u64>());
    let ratio = max as f64 * f64::from(SHARDS) / total as f64;
    let by_id: Vec<u64> =
        (0..SHARDS as usize).map(|i| mm["shards"][i]["pages"].as_u64().unwrap_or(0)).collect();
    let hashed = mm["pages_max_over_mean"].as_f64().unwrap_or(0.0);
    eprintln!(
        "slurm: pages per shard split by id {by_id:?} (max/mean {hashed:.2}), by the plan \
         {pages:?} (max/mean {ratio:.2})"
    );
    assert!(ratio < hashed, "planned {ratio:.2} is no better than split by id {hashed:.2}");
    let _ = std::fs::remove_dir_all(&base);
}

fn repo_root_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
