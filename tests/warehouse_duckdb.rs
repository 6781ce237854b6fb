//! The warehouse tables load into DuckDB (from JSON Lines and from Parquet) and join on their
//! keys: documents with meetings and agenda items, how each member voted across all votes,
//! budget rows with their findings. Runs the Python `duckdb` package (installed by `.ci/run`);
//! skipped with a note when it is missing locally, required under `CI=true`.

mod batch_support;

use std::path::Path;
use std::process::Command;

use batch_support::*;
use serde_json::{Value, json};

fn ci() -> bool {
    std::env::var("CI").map(|v| v == "true").unwrap_or(false)
}

/// Runs the query script over one format; `None` when DuckDB is unavailable (outside CI).
fn query(tables: &Path, format: &str, schemas: &Path) -> Option<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/warehouse/duckdb_queries.py");
    let out = Command::new("python3").arg(&script).arg(tables).arg(format).arg(schemas).output();
    let out = match out {
        Ok(o) => o,
        Err(e) if !ci() => {
            eprintln!("note: python3 is not available ({e}); skipping the DuckDB test");
            return None;
        }
        Err(e) => panic!("CI=true but python3 cannot run: {e}"),
    };
    if out.status.code() == Some(3) {
        assert!(!ci(), "CI=true but the Python duckdb package is missing (pip install duckdb)");
        eprintln!("note: the Python duckdb package is missing; skipping the DuckDB test");
        return None;
    }
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Some(serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}")))
}

#[test]
fn warehouse_tables_load_into_duckdb_and_join() {
    let base = fresh_dir("duckdb");
    let out = base.join("out");
    let packs = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/packs");
    let mut args: Vec<String> =
        vec!["extract".into(), packs.to_string_lossy().into_owned(), "-q".into()];
    if let Some(shared) = agendapack::testsupport::shared_dir() {
        args.push(shared.join("corpus/text").to_string_lossy().into_owned());
        let minutes = "corpus/real/kcc_cc_2025-02-13_printed_minutes_recorded_votes.pdf";
        args.push(shared.join(minutes).to_string_lossy().into_owned());
    }
    args.extend(["-o".into(), out.to_string_lossy().into_owned()]);
    let run_out = bin().args(&args).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(run_out.status.code(), Some(0 | 1)), "{run_out:?}");

    let schemas = base.join("schema");
    let schema_out = run(&["schema", "-o", &schemas.to_string_lossy()]);
    assert_eq!(schema_out.status.code(), Some(0));
    let formats: &[&str] =
        if cfg!(feature = "parquet") { &["jsonl", "parquet"] } else { &["jsonl"] };
    let mut results = Vec::new();
    for f in formats {
        let Some(v) = query(&out.join("tables"), f, &schemas) else { return };
        results.push(v);
    }
    let v = &results[0];
    // JSON Lines and Parquet hold the same rows.
    for other in &results[1..] {
        assert_eq!(other, v, "JSON Lines and Parquet disagree");
    }

    let docs = v["documents"].as_array().cloned().unwrap_or_default();
    let council = docs
        .iter()
        .find(|d| d["file_name"] == "wealdmere_council_2025-07-17.txt")
        .unwrap_or_else(|| panic!("council pack missing: {docs:?}"));
    assert_eq!(council["kind"], "text");
    assert_eq!(council["bytes"], 6750);
    assert_eq!(council["lines"], 168);
    assert_eq!(council["paths"], json!(["wealdmere_council_2025-07-17.txt"]));
    let cabinet = docs.iter().find(|d| d["file_name"] == "wealdmere_cabinet_2025-06-16.txt");
    assert_eq!(cabinet.map(|d| d["lines"].clone()), Some(json!(207)));
    assert_eq!(v["counts"]["documents"].as_u64(), Some(docs.len() as u64));

    // Meetings and agenda items join to their documents.
    assert_eq!(council["meeting_date"], "2025-07-17");
    assert_eq!(council["body"], "County Council");
    assert!(council["items"].as_u64() >= Some(8), "{council}");
    assert_eq!(cabinet.map(|d| d["meeting_date"].clone()), Some(json!("2025-06-16")));
    let items = v["agenda_items"].as_array().cloned().unwrap_or_default();
    let mtfp = items
        .iter()
        .find(|i| i["file_name"] == "wealdmere_council_2025-07-17.txt" && i["number"] == "7");
    let mtfp = mtfp.unwrap_or_else(|| panic!("agenda item 7 of the council pack missing"));
    assert_eq!(mtfp["title"], "Medium Term Financial Plan 2025-28 Update");
    assert_eq!((mtfp["first_page"].clone(), mtfp["last_page"].clone()), (json!(11), json!(24)));
    assert_eq!(mtfp["meeting_date"], "2025-07-17");

    // How each member voted across all votes (minute 14 of the council pack: the amendment
    // 8/17/1, the substantive motion For (18) with only 17 names printed).
    let member_votes = v["member_votes"].as_array().cloned().unwrap_or_default();
    let votes_of = |name: &str, file: &str| {
        member_votes
            .iter()
            .filter(|m| m["voter_name"] == name && m["file_name"] == file)
            .map(|m| {
                let field = |k: &str| m[k].as_str().unwrap_or("").to_string();
                (field("minute"), field("motion_kind"), field("option"))
            })
            .collect::<Vec<_>>()
    };
    let vote = |minute: &str, kind: &str, option: &str| {
        (minute.to_string(), kind.to_string(), option.to_string())
    };
    let council_file = "wealdmere_council_2025-07-17.txt";
    // Mr A Bellamy is For the amendment (line 79) and Against the motion (line 99).
    assert_eq!(
        votes_of("Mr A Bellamy", council_file),
        vec![vote("14", "amendment", "yes"), vote("14", "motion", "no")]
    );
    // Ms A Wainwright is For the amendment (line 79) and the one abstention on the motion (line 103).
    assert_eq!(
        votes_of("Ms A Wainwright", council_file),
        vec![vote("14", "amendment", "yes"), vote("14", "motion", "abstain")]
    );
    // Mrs K Lanyon abstains on the amendment (line 87) and is For the motion (line 95).
    assert_eq!(
        votes_of("Mrs K Lanyon", council_file),
        vec![vote("14", "amendment", "abstain"), vote("14", "motion", "yes")]
    );
    let tallies = v["vote_tallies"].as_array().cloned().unwrap_or_default();
    let tally = |file: &str, vote_id: &str| {
        let t = tallies.iter().find(|t| t["file_name"] == file && t["vote_id"] == vote_id);
        let t = t.unwrap_or_else(|| panic!("no vote {vote_id} in {file}: {tallies:?}"));
        let n = |k: &str| t[k].as_u64().unwrap_or(u64::MAX);
        (
            (n("yes_count"), n("no_count"), n("abstain_count")),
            (n("yes_named"), n("no_named"), n("abstain_named")),
        )
    };
    assert_eq!(tally(council_file, "v1"), ((8, 17, 1), (8, 17, 1)));
    assert_eq!(tally(council_file, "v2"), ((18, 7, 1), (17, 7, 1)));

    // Budget rows with their findings: the cabinet pack's Table 2 TOTAL row (Outturn printed
    // 234,371 where the rows sum to 234,731).
    let bf = v["budget_findings"].as_array().cloned().unwrap_or_default();
    let total = bf.iter().find(|r| {
        r["file_name"] == "wealdmere_cabinet_2025-06-16.txt"
            && r["label"] == "TOTAL"
            && r["rule"] == "sum.column_total"
    });
    let total = total.unwrap_or_else(|| panic!("no finding joined to TOTAL: {bf:?}"));
    assert_eq!(total["level"], "total");
    assert_eq!(total["severity"], "error");
    assert_eq!(
        (total["budget"].clone(), total["forecast"].clone(), total["variance"].clone()),
        (json!("255450"), json!("234371"), json!("-1052"))
    );
    assert_eq!(
        (total["expected"].clone(), total["actual"].clone()),
        (json!("234731"), json!("234371"))
    );

    // The shared County Council pack of October 2017: the three recorded votes of the minutes of
    // 13 July 2017 (V1 minute 23, 62/9/1; V2 the minute 26 amendment, 7/57/6; V3 the minute 26
    // motion, 48/13/9), every count matched by the names printed.
    if v["counts"]["documents"].as_u64() > Some(3) {
        let pack = "002_44206e63360eab18.txt";
        assert_eq!(tally(pack, "v1"), ((62, 9, 1), (62, 9, 1)));
        assert_eq!(tally(pack, "v2"), ((7, 57, 6), (7, 57, 6)));
        assert_eq!(tally(pack, "v3"), ((48, 13, 9), (48, 13, 9)));
        // Mr R Bird seconds the amendment: For V1 and V2, Against V3.
        assert_eq!(
            votes_of("Mr R Bird", pack),
            vec![
                vote("23", "motion", "yes"),
                vote("26", "amendment", "yes"),
                vote("26", "motion", "no")
            ]
        );
        // Printed "Mrs S, Prendergast" in V1 and V3, one member all the same.
        assert_eq!(
            votes_of("Mrs S Prendergast", pack),
            vec![
                vote("23", "motion", "yes"),
                vote("26", "amendment", "no"),
                vote("26", "motion", "yes")
            ]
        );
        assert_eq!(
            votes_of("Mr D Farrell", pack),
            vec![
                vote("23", "motion", "abstain"),
                vote("26", "amendment", "no"),
                vote("26", "motion", "no")
            ]
        );
        // KSCB Appendix C, partner contributions: the Total prints £235,458 where the rows sum to
        // 237,458, in both years.
        let kscb = bf
            .iter()
            .find(|r| r["file_name"] == pack && r["label"] == "Total" && r["actual"] == "235458");
        let kscb = kscb.unwrap_or_else(|| panic!("no finding on the 235,458 Total of {pack}"));
        assert_eq!(
            (kscb["rule"].clone(), kscb["severity"].clone(), kscb["expected"].clone()),
            (json!("sum.column_total"), json!("error"), json!("237458"))
        );
    }

    // Votes joined to the meeting they were taken at: the council pack (meeting of 17 July 2025)
    // prints the minutes of 15 May 2025, where both votes of minute 14 were taken.
    let vm = v["vote_meetings"].as_array().cloned().unwrap_or_default();
    let meeting_of = |file: &str| {
        vm.iter()
            .filter(|r| r["file_name"] == file)
            .map(|r| {
                let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
                (s("vote_id"), s("kind"), s("date"), s("body"), s("meeting_date"))
            })
            .collect::<Vec<_>>()
    };
    let row = |id: &str, date: &str, body: &str| {
        (
            id.to_string(),
            "minutes".to_string(),
            date.to_string(),
            body.to_string(),
            date.to_string(),
        )
    };
    assert_eq!(
        meeting_of(council_file),
        vec![
            row("v1", "2025-05-15", "Wealdmere County Council"),
            row("v2", "2025-05-15", "Wealdmere County Council")
        ]
    );
    assert!(vm.iter().all(|r| r["date"] != r["pack_date"]), "a vote on the pack's own day: {vm:?}");
    if v["counts"]["documents"].as_u64() > Some(3) {
        let pack = "002_44206e63360eab18.txt";
        let k = |id: &str| row(id, "2017-07-13", "Kent County Council");
        assert_eq!(meeting_of(pack), vec![k("v1"), k("v2"), k("v3")]);
        let minutes = "kcc_cc_2025-02-13_printed_minutes_recorded_votes.pdf";
        let got = meeting_of(minutes);
        assert_eq!(got.len(), 8, "{vm:?}");
        assert!(got.iter().all(|r| r.2 == "2025-02-13" && r.3 == "County Council"), "{got:?}");
    }

    // Every finding that names a record joins a row of that table.
    let joins = v["finding_joins"].as_array().cloned().unwrap_or_default();
    for j in &joins {
        assert!(!j["record"].is_null(), "findings that name no warehouse row: {joins:?}");
        assert_eq!(j["joined"], j["findings"], "findings on {} that join no row", j["record"]);
    }
    let joined = |record: &str| {
        joins.iter().find(|j| j["record"] == record).and_then(|j| j["joined"].as_u64()).unwrap_or(0)
    };
    assert!(joined("budget_rows") >= 1 && joined("votes") >= 1, "{joins:?}");
    let _ = std::fs::remove_dir_all(&base);
}
