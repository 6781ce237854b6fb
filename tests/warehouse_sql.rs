//! The warehouse as a user meets it: every SQL block of the README runs exactly as printed
//! against a fresh `extract` of the bundled corpus (run the way the README says, output in
//! `output/`), and a named value of each result is checked; the Parquet and JSON Lines columns
//! are typed (DuckDB `DESCRIBE`); a budget column summed in SQL equals its printed total.
//!
//! Runs the Python `duckdb` package (installed by `.ci/run`); skipped with a note when it is
//! missing locally, required under `CI=true`. Needs the `parquet` feature (on by default).
#![cfg(feature = "parquet")]

mod batch_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use batch_support::*;
use serde_json::Value;

fn ci() -> bool {
    std::env::var("CI").map(|v| v == "true").unwrap_or(false)
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A folder holding `output/`, extracted from the bundled corpus as `cargo run --release --
/// extract` does from a checkout (input `corpus`, output `output`), once per test binary.
fn extracted() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = fresh_dir("warehouse-sql");
        let out = bin()
            .current_dir(&dir)
            .args(["extract", &repo().join("corpus").to_string_lossy(), "-q"])
            .output()
            .unwrap_or_else(|e| panic!("cannot run agendapack: {e}"));
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(dir.join("output/_SUCCESS").is_file());
        dir
    })
}

/// The result of `sql` run by DuckDB in `dir`: `{"columns", "types", "rows"}`; `None` when
/// DuckDB is unavailable (outside CI).
fn duckdb(dir: &Path, sql: &str) -> Option<Value> {
    use std::io::Write;
    let script = repo().join("tests/warehouse/run_sql.py");
    let child = Command::new("python3")
        .arg(&script)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if !ci() => {
            eprintln!("note: python3 is not available ({e}); skipping the DuckDB test");
            return None;
        }
        Err(e) => panic!("CI=true but python3 cannot run: {e}"),
    };
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(sql.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    if out.status.code() == Some(3) {
        assert!(!ci(), "CI=true but the Python duckdb package is missing (pip install duckdb)");
        eprintln!("note: the Python duckdb package is missing; skipping the DuckDB test");
        return None;
    }
    assert!(
        out.status.success(),
        "DuckDB failed on\n{sql}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}")))
}

/// The rows of a result as objects keyed by column name.
fn records(result: &Value) -> Vec<serde_json::Map<String, Value>> {
    let cols: Vec<String> = result["columns"]
        .as_array()
        .map(|a| a.iter().filter_map(|c| c.as_str().map(String::from)).collect())
        .unwrap_or_default();
    result["rows"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|r| {
                    let vals = r.as_array().cloned().unwrap_or_default();
                    cols.iter().cloned().zip(vals).collect()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The ```sql blocks of a Markdown text, in order.
fn sql_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```sql") => current = Some(String::new()),
            (Some(_), "```") => blocks.extend(current.take()),
            (Some(b), l) => {
                b.push_str(l);
                b.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

/// Checks one README query's result by the comment that opens the block; panics on a block no
/// check is written for, so a new query cannot go unchecked.
fn check_readme_block(block: &str, result: &Value) {
    let title = block.lines().next().unwrap_or("").trim_start_matches("--").trim();
    let rows = records(result);
    let s = |r: &serde_json::Map<String, Value>, k: &str| {
        r.get(k).and_then(Value::as_str).unwrap_or("").to_string()
    };
    match title {
        // Minute 14 of the minutes of 15 May 2025 in the council pack of 17 July: Mr A Bellamy
        // is For the amendment (8/17/1, line 79) and Against the substantive motion (line 99).
        "How one member voted, vote by vote" => {
            let got: Vec<(String, String, String, String)> = rows
                .iter()
                .map(|r| {
                    (s(r, "meeting_date"), s(r, "minute"), s(r, "motion_kind"), s(r, "option"))
                })
                .collect();
            let want = |k: &str, o: &str| {
                ("2025-05-15".to_string(), "14".to_string(), k.to_string(), o.to_string())
            };
            // Votes carry the date of the meeting whose minutes record them, not the pack's;
            // the scrutiny pack's minutes of 10 July 2025 hold his third (minute 22, line 59).
            let mut third = want("motion", "yes");
            (third.0, third.1) = ("2025-07-10".into(), "22".into());
            assert_eq!(
                got,
                vec![want("amendment", "yes"), want("motion", "no"), third],
                "{result}"
            );
            let types = result["types"].as_array().cloned().unwrap_or_default();
            assert_eq!(types.first().and_then(Value::as_str), Some("DATE"), "{result}");
        }
        // The cabinet pack's Table 2 TOTAL: Outturn printed 234,371 where the rows sum to 234,731.
        "Budget rows with the error findings about them" => {
            let total = rows
                .iter()
                .find(|r| s(r, "label") == "TOTAL" && s(r, "column").starts_with("Outturn"))
                .unwrap_or_else(|| panic!("no finding on the TOTAL Outturn: {result}"));
            assert_eq!(s(total, "budget"), "255450");
            assert_eq!(s(total, "forecast"), "234371");
            assert_eq!(
                (s(total, "expected"), s(total, "actual")),
                ("234731".into(), "234371".into())
            );
            assert_eq!(s(total, "rule"), "sum.column_total");
        }
        // Table 2 again: its Cash Limit lines add up to the 255,450 printed under them, its
        // Outturn lines to 234,731 where 234,371 is printed.
        "Each column of a budget table summed in SQL, beside the total printed under it" => {
            let col = |header: &str| {
                rows.iter()
                    .find(|r| {
                        s(r, "column_header").starts_with(header)
                            && s(r, "caption").starts_with("Table 2")
                    })
                    .unwrap_or_else(|| panic!("no {header} column of Table 2: {result}"))
                    .clone()
            };
            let cash = col("Cash Limit");
            assert_eq!(
                (s(&cash, "rows_sum"), s(&cash, "printed_total")),
                ("255450".into(), "255450".into())
            );
            assert_eq!(s(&cash, "printed"), "255,450");
            let outturn = col("Outturn");
            assert_eq!(
                (s(&outturn, "rows_sum"), s(&outturn, "printed_total")),
                ("234731".into(), "234371".into())
            );
        }
        // The JSON Lines load typed too: the meetings of the bundled packs and of the minutes
        // they carry.
        "Meetings, from the JSON Lines" => {
            let got: Vec<(String, String, String)> =
                rows.iter().map(|r| (s(r, "date"), s(r, "start_time"), s(r, "body"))).collect();
            assert!(
                got.contains(&("2025-07-17".into(), "10:00:00".into(), "County Council".into())),
                "{result}"
            );
            assert_eq!(got.len(), 8, "{result}");
            let types = result["types"].as_array().cloned().unwrap_or_default();
            assert_eq!(types.first().and_then(Value::as_str), Some("DATE"), "{result}");
            assert_eq!(types.get(1).and_then(Value::as_str), Some("TIME"), "{result}");
        }
        other => panic!("no check is written for the README query {other:?}"),
    }
}

#[test]
fn every_sql_block_of_the_readme_runs_as_printed() {
    let readme =
        std::fs::read_to_string(repo().join("README.md")).unwrap_or_else(|e| panic!("{e}"));
    let blocks = sql_blocks(&readme);
    assert!(blocks.len() >= 3, "the README shows its warehouse queries: {blocks:?}");
    let dir = extracted();
    for block in &blocks {
        let Some(result) = duckdb(dir, block) else { return };
        check_readme_block(block, &result);
    }
}

/// `(column, type)` of the `DESCRIBE` that `sql` ends with.
fn described(sql: &str) -> Option<Vec<(String, String)>> {
    let result = duckdb(extracted(), sql)?;
    Some(
        records(&result)
            .iter()
            .map(|r| {
                let f = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                (f("column_name"), f("column_type"))
            })
            .collect(),
    )
}

/// `(column, type)` of DuckDB's `DESCRIBE` of one table file.
fn describe(source: &str) -> Option<Vec<(String, String)>> {
    described(&format!("describe select * from {source}"))
}

fn type_of(cols: &[(String, String)], name: &str) -> String {
    cols.iter().find(|(c, _)| c == name).map(|(_, t)| t.clone()).unwrap_or_default()
}

#[test]
fn dates_counts_and_amounts_are_typed_in_parquet_and_json_lines() {
    for (fmt, amount) in [("parquet", "DECIMAL(38,6)"), ("jsonl", "DOUBLE")] {
        let src = |t: &str| format!("'output/tables/{t}.{fmt}'");
        let Some(meetings) = describe(&src("meetings")) else { return };
        assert_eq!(type_of(&meetings, "date"), "DATE", "{fmt} {meetings:?}");
        assert_eq!(type_of(&meetings, "published"), "DATE", "{fmt} {meetings:?}");
        assert_eq!(type_of(&meetings, "start_time"), "TIME", "{fmt} {meetings:?}");
        assert_eq!(type_of(&meetings, "body"), "VARCHAR", "{fmt} {meetings:?}");
        let Some(votes) = describe(&src("votes")) else { return };
        for count in ["yes_count", "no_count", "abstain_count", "named_members", "line"] {
            assert_eq!(type_of(&votes, count), "BIGINT", "{fmt} {count} {votes:?}");
        }
        assert_eq!(type_of(&votes, "count_only"), "BOOLEAN", "{fmt} {votes:?}");
        let Some(cells) = describe(&src("budget_cells")) else { return };
        // DuckDB infers no DECIMAL from JSON: the exact digits read as DOUBLE there.
        assert_eq!(type_of(&cells, "value"), amount, "{fmt} {cells:?}");
        assert_eq!(type_of(&cells, "printed"), "VARCHAR", "{fmt} {cells:?}");
        assert_eq!(type_of(&cells, "row_index"), "BIGINT", "{fmt} {cells:?}");
        let Some(rows) = describe(&src("budget_rows")) else { return };
        assert_eq!(type_of(&rows, "budget"), amount, "{fmt} {rows:?}");
        assert_eq!(type_of(&rows, "values"), format!("{amount}[]"), "{fmt} {rows:?}");
    }
    // The same rows in both formats, the JSON digits cast exactly.
    let sum = |src: &str| {
        let sql = format!(
            "select count(*) as n, sum(value::DECIMAL(38,6)) as total, count(value) as valued \
             from {src}"
        );
        duckdb(extracted(), &sql).map(|r| r["rows"].clone())
    };
    let Some(parquet) = sum("'output/tables/budget_cells.parquet'") else { return };
    assert_eq!(sum("'output/tables/budget_cells.jsonl'"), Some(parquet.clone()));
    assert!(parquet[0][0].as_u64() > Some(50), "{parquet}");
}

#[test]
fn a_budget_column_sums_in_sql_to_the_total_printed_under_it() {
    // The cabinet pack's Table 2 (Capital programme 2024-25, £'000): the Cash Limit lines sum
    // to the 255,450 printed on the TOTAL row.
    let sql = "
        with t as (
            select c.* from 'output/tables/budget_cells.parquet' c
            join 'output/tables/budget_tables.parquet' b using (document_id, table_id)
            join 'output/tables/documents.parquet' d using (document_id)
            where d.file_name = 'wealdmere_cabinet_2025-06-16.txt'
              and b.caption like 'Table 2%' and c.column_header like 'Cash Limit%')
        select (select sum(value) from t where row_level = 'line') as rows_sum,
               (select value from t where row_level = 'total') as total,
               (select printed from t where row_level = 'total') as printed,
               (select count(*) from t where row_level = 'line') as lines,
               (select typeof(sum(value)) from t) as sum_type";
    let Some(result) = duckdb(extracted(), sql) else { return };
    let r = &records(&result)[0];
    let s = |k: &str| r.get(k).cloned().unwrap_or(Value::Null);
    assert_eq!(s("total"), "255450", "{result}");
    assert_eq!(s("rows_sum"), s("total"), "{result}");
    assert_eq!(s("printed"), "255,450");
    assert!(s("lines").as_u64() >= Some(5), "{result}");
    assert_eq!(s("sum_type"), "DECIMAL(38,6)");
}

/// `agendapack schema --duckdb DIR` makes views over the JSON Lines with the Parquet types:
/// every table reads with the same columns and types from both formats (DuckDB alone infers
/// `DOUBLE` for the JSON amounts), and the amounts sum to the same exact decimal.
#[test]
fn json_lines_read_through_the_schema_views_as_the_parquet_does() {
    let dir = extracted();
    let out = bin()
        .current_dir(dir)
        .args(["schema", "--duckdb", "output/tables"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run agendapack: {e}"));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let views = String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let tables: Vec<String> = views
        .lines()
        .filter_map(|l| l.strip_prefix("create or replace view "))
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .collect();
    assert!(tables.len() >= 15, "{tables:?}");
    for table in &tables {
        let Some(json) = described(&format!("{views}\ndescribe {table};")) else { return };
        let parquet = describe(&format!("'output/tables/{table}.parquet'"))
            .unwrap_or_else(|| panic!("no parquet description of {table}"));
        assert_eq!(json, parquet, "{table}");
    }
    let Some(votes) = described(&format!("{views}\ndescribe votes;")) else { return };
    assert_eq!(type_of(&votes, "meeting_date"), "DATE", "{votes:?}");
    let Some(cells) = described(&format!("{views}\ndescribe budget_cells;")) else { return };
    assert_eq!(type_of(&cells, "value"), "DECIMAL(38,6)", "{cells:?}");
    let sum = |sql: String| duckdb(dir, &sql).map(|r| r["rows"].clone());
    let from_json = sum(format!("{views}\nselect count(*), sum(value) from budget_cells;"));
    let from_parquet =
        sum("select count(*), sum(value) from 'output/tables/budget_cells.parquet'".into());
    assert_eq!(from_json, from_parquet);
    assert!(from_json.is_some_and(|r| r[0][0].as_u64() > Some(50)));
}
