//! `agendapack validate`: re-checks written per-document JSON without the sources.

mod batch_support;

use batch_support::*;

#[test]
fn validate_rechecks_written_documents_without_their_sources() {
    let base = fresh_dir("cli-validate");
    let input = base.join("in");
    std::fs::create_dir_all(&input).unwrap_or_else(|e| panic!("{e}"));
    // The bundled cabinet pack plants a column total printed 234,371 where the rows sum to 234,731.
    let pack = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/packs/wealdmere_cabinet_2025-06-16.txt");
    std::fs::copy(&pack, input.join("cabinet.txt")).unwrap_or_else(|e| panic!("{e}"));
    let out = base.join("out");
    let (i, o) = (input.to_string_lossy().into_owned(), out.to_string_lossy().into_owned());
    let ex = run(&["extract", &i, "-o", &o, "-q"]);
    assert_eq!(ex.status.code(), Some(0), "{}", String::from_utf8_lossy(&ex.stderr));
    // The sources are not needed any more.
    std::fs::remove_dir_all(&input).unwrap_or_else(|e| panic!("{e}"));

    let v = run(&["validate", &o, "--verbose"]);
    let stdout = String::from_utf8_lossy(&v.stdout);
    assert_eq!(v.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&v.stderr));
    assert!(stdout.contains("cabinet.txt ("), "{stdout}");
    assert!(stdout.contains("sum.column_total"), "{stdout}");
    assert!(stdout.contains("234731"), "the planted total is named: {stdout}");
    assert!(stdout.lines().any(|l| l.starts_with("total")), "a run summary closes: {stdout}");

    // --deny-errors turns error findings into exit status 1; --json gives the summary as JSON.
    let deny = run(&["validate", &o, "--deny-errors", "--json"]);
    assert_eq!(deny.status.code(), Some(1));
    let text = String::from_utf8_lossy(&deny.stdout);
    let summary: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("only JSON is printed: {e}: {text}"));
    assert_eq!(summary["per_document"][0]["paths"], serde_json::json!(["cabinet.txt"]));
    assert_eq!(summary["documents"], 1);
    assert!(
        summary["by_rule"]["sum.column_total"]["error"].as_u64().unwrap_or(0) >= 1,
        "{summary}"
    );

    // A folder that does not exist is a usage error.
    let missing = run(&["validate", &base.join("nowhere").to_string_lossy()]);
    assert_eq!(missing.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&base);
}
