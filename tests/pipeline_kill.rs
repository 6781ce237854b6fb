//! A run killed half-way leaves no partial or corrupt file, and the next run completes it with the
//! same bytes as a run that was never interrupted.

mod batch_support;

use std::time::{Duration, Instant};

use batch_support::*;

fn doc_jsons(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.len() == 69 && n.ends_with(".json"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn a_killed_run_leaves_no_partial_file_and_the_next_run_completes_it() {
    let base = fresh_dir("kill");
    let input = base.join("in");
    let (killed, clean) = (base.join("killed"), base.join("clean"));
    write_packs(&input, 40);
    let input_s = input.to_string_lossy().into_owned();

    // 40 documents at 100 ms each on one thread: about 4 s; kill it after a few are written.
    let mut child = bin()
        .args(["extract", &input_s, "-o", &killed.to_string_lossy(), "-j", "1", "-q"])
        .args(["--delay-ms", "100"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start agendapack: {e}"));
    let start = Instant::now();
    while doc_jsons(&killed).len() < 5 && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap_or_else(|e| panic!("cannot kill: {e}"));
    let _ = child.wait();

    let written = doc_jsons(&killed);
    assert!(written.len() >= 5 && written.len() < 40, "killed after {} documents", written.len());
    assert!(!killed.join("_SUCCESS").exists(), "a killed run must not leave a success marker");
    // Every visible file is whole: documents parse; no table has its final name yet.
    for name in &written {
        let bytes = std::fs::read(killed.join(name)).unwrap_or_else(|e| panic!("{e}"));
        let doc: agendapack::output::Document =
            serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{name} is corrupt: {e}"));
        assert_eq!(format!("{}.json", doc.document.id), *name);
    }
    let finals: Vec<String> = std::fs::read_dir(killed.join("tables"))
        .map(|r| r.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    assert!(finals.iter().all(|n| n.starts_with('.')), "tables visible before the end: {finals:?}");

    // The next run reuses what was done, completes the rest and cleans up its temporaries.
    let out = run(&["extract", &input_s, "-o", &killed.to_string_lossy(), "-j", "2", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let m = manifest(&killed);
    assert_eq!(m["documents"], 40);
    assert_eq!(m["unchanged"].as_u64(), Some(written.len() as u64));
    assert_eq!(m["processed"].as_u64(), Some(40 - written.len() as u64));
    assert!(killed.join("_SUCCESS").is_file());

    let out = run(&["extract", &input_s, "-o", &clean.to_string_lossy(), "-j", "1", "-q"]);
    assert_eq!(out.status.code(), Some(0));
    let (a, b) = (tree(&killed), tree(&clean));
    assert!(a.keys().all(|k| !k.contains(".tmp-")), "temporaries left: {:?}", a.keys());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(b.get(name) == Some(bytes), "{name} differs from an uninterrupted run");
    }
    assert_eq!(jsonl(&killed.join("tables/documents.jsonl")).len(), 40);
    let _ = std::fs::remove_dir_all(&base);
}
