//! `--table-settings FILE`: the table finder's tolerances changed from a TOML file, on the
//! bundled two-page demo PDF (tests/fixtures/pdf/inspect_demo.pdf, written by tests/cli_inspect.rs:
//! a ruled table captioned "Table 1: Revenue position by directorate" 8 points above its top rule,
//! continued on page 2).

mod batch_support;

use std::path::{Path, PathBuf};

use batch_support::{fresh_dir, manifest, run};
use serde_json::Value;

const CAPTION: &str = "Table 1: Revenue position by directorate";

fn demo() -> PathBuf {
    agendapack::testsupport::repo_root().join("tests/fixtures/pdf/inspect_demo.pdf")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `extract` on the demo into `out` with the extra arguments; returns the manifest.
fn extract(out: &Path, extra: &[&str]) -> Value {
    let demo = demo();
    let mut args = vec![
        "extract",
        demo.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--keep-non-packs",
        "--no-parquet",
        "-q",
    ];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    manifest(out)
}

/// The demo's per-document JSON: its bytes and its value.
fn document(out: &Path) -> (Vec<u8>, Value) {
    let path = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name().is_some_and(|n| n.len() == 69 && n.to_string_lossy().ends_with(".json"))
        })
        .expect("a document JSON");
    let bytes = std::fs::read(path).unwrap();
    let value = serde_json::from_slice(&bytes).unwrap();
    (bytes, value)
}

#[test]
fn a_settings_file_changes_the_tables_and_the_cache_key() {
    let dir = fresh_dir("table-settings");
    let out = dir.join("out");
    let settings = dir.join("near.toml");
    // Captions only within half a line height of the table: the demo's is further.
    std::fs::write(&settings, "# closer captions\ncaption_max_distance_ratio = 0.5\n").unwrap();

    let m = extract(&out, &[]);
    assert_eq!((m["processed"].as_u64(), m["unchanged"].as_u64()), (Some(1), Some(0)));
    let (default_bytes, doc) = document(&out);
    let t = &doc["tables"][0];
    assert_eq!(t["id"], "t1-1");
    assert_eq!(t["caption"], CAPTION);
    assert_eq!(t["rows"].as_array().unwrap().len(), 7, "stitched over both pages");
    assert!(doc.get("table_settings").is_none(), "the defaults leave no mark in the JSON");

    // Other settings: the stored document is not reused, and the caption is gone.
    let m = extract(&out, &["--table-settings", settings.to_str().unwrap()]);
    assert_eq!((m["processed"].as_u64(), m["unchanged"].as_u64()), (Some(1), Some(0)));
    let (_, doc) = document(&out);
    let t = &doc["tables"][0];
    assert!(t.get("caption").is_none_or(Value::is_null), "{t}");
    assert_eq!(t["rows"].as_array().unwrap().len(), 7);
    let mark = doc["table_settings"].as_str().expect("the settings are recorded");
    assert_eq!(mark.len(), 64);

    // The same settings again: reused.
    let m = extract(&out, &["--table-settings", settings.to_str().unwrap()]);
    assert_eq!((m["processed"].as_u64(), m["unchanged"].as_u64()), (Some(0), Some(1)));

    // Back to the defaults: processed again, byte for byte the first output.
    let m = extract(&out, &[]);
    assert_eq!((m["processed"].as_u64(), m["unchanged"].as_u64()), (Some(1), Some(0)));
    assert!(document(&out).0 == default_bytes);

    // inspect runs the table stage with the same settings.
    let page = ["inspect", demo().to_str().unwrap(), "--page", "1"].map(String::from);
    let printed = |extra: &[&str]| {
        let mut args: Vec<&str> = page.iter().map(String::as_str).collect();
        args.extend_from_slice(extra);
        let r = run(&args);
        assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
        String::from_utf8_lossy(&r.stdout).into_owned()
    };
    assert!(printed(&[]).contains(&format!("caption \"{CAPTION}\"")));
    let near = printed(&["--table-settings", settings.to_str().unwrap()]);
    assert!(near.contains("== t1-1 lattice 5 rows x 3 columns, 1 header row(s)\n"), "{near}");
    assert!(!near.contains(CAPTION), "{near}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_key_naming_no_setting_is_a_usage_error() {
    let dir = fresh_dir("table-settings-bad");
    let typo = dir.join("typo.toml");
    std::fs::write(&typo, "snap_tolerence = 2.0\n").unwrap();
    let out = dir.join("out");
    let demo = demo();
    let demo = demo.to_str().unwrap();
    for cmd in
        [vec!["extract", demo, "-o", out.to_str().unwrap()], vec!["inspect", demo, "--page", "1"]]
    {
        let mut args = cmd.clone();
        args.extend(["--table-settings", typo.to_str().unwrap()]);
        let r = run(&args);
        assert_eq!(r.status.code(), Some(2), "{cmd:?}");
        let e = stderr(&r);
        assert!(e.contains("typo.toml: unknown field `snap_tolerence`"), "{e}");
        assert!(e.contains("expected one of `snap_tolerance`"), "{e}");
    }
    assert!(!out.exists(), "nothing is written");

    let wrong = dir.join("wrong.toml");
    std::fs::write(&wrong, "stream_min_rows = \"three\"\n").unwrap();
    let r = run(&["inspect", demo, "-p", "1", "--table-settings", wrong.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(2));
    assert!(stderr(&r).contains("wrong.toml: invalid type: string \"three\""), "{}", stderr(&r));

    let missing = dir.join("missing.toml");
    let r = run(&["inspect", demo, "-p", "1", "--table-settings", missing.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(2));
    assert!(stderr(&r).contains("cannot read the table settings file"), "{}", stderr(&r));
    let _ = std::fs::remove_dir_all(&dir);
}
