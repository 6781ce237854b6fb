//! `agendapack schema`: JSON Schema for the per-document JSON and every warehouse table.

mod batch_support;

use batch_support::*;

const TABLES: [&str; 16] = [
    "documents",
    "meetings",
    "agenda_items",
    "sections",
    "votes",
    "vote_members",
    "budget_tables",
    "budget_rows",
    "budget_cells",
    "kpis",
    "rag_summaries",
    "decisions",
    "attendance",
    "cells",
    "findings",
    "errors",
];

#[test]
fn schema_prints_the_document_and_every_table() {
    let out = run(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    let doc = &v["document"];
    assert_eq!(doc["title"], "Document");
    for key in ["schema_version", "extractor_version", "document", "pack", "tables", "records"] {
        assert!(doc["properties"].get(key).is_some(), "document schema lacks {key}");
    }
    let tables = v["tables"].as_object().unwrap_or_else(|| panic!("no tables"));
    assert_eq!(tables.len(), TABLES.len());
    for t in TABLES {
        let props = &tables[t]["properties"];
        assert!(props.get("document_id").is_some(), "{t} has no document_id key");
    }
    assert!(tables["vote_members"]["properties"].get("voter_name").is_some());
    assert!(tables["budget_rows"]["properties"].get("variance").is_some());
    let required = tables["votes"]["required"].as_array().cloned().unwrap_or_default();
    assert!(required.contains(&serde_json::json!("vote_id")));
    // Dates, times and amounts are typed in the schema the Parquet columns are derived from.
    let meeting = &tables["meetings"]["properties"];
    assert_eq!(meeting["date"]["format"], "date");
    assert_eq!(meeting["start_time"]["format"], "time");
    let value = &tables["budget_cells"]["properties"]["value"];
    assert_eq!(
        (value["type"].clone(), value["format"].clone()),
        (serde_json::json!(["number", "null"]), serde_json::json!("decimal"))
    );
}

#[test]
fn schema_columns_gives_each_column_its_sql_type() {
    let out = run(&["schema", "--columns"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    let line = |table: &str, column: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("{table}\t{column}\t")))
            .unwrap_or_else(|| panic!("no {table}.{column} in {text}"))
            .split('\t')
            .skip(2)
            .take(2)
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(line("meetings", "date"), "DATE null");
    assert_eq!(line("meetings", "start_time"), "TIME null");
    assert_eq!(line("votes", "yes_count"), "BIGINT null");
    assert_eq!(line("votes", "vote_id"), "VARCHAR not null");
    assert_eq!(line("budget_cells", "value"), "DECIMAL(38,6) null");
    assert_eq!(line("budget_rows", "values"), "DECIMAL(38,6)[] not null");
    assert_eq!(line("budget_cells", "printed"), "VARCHAR not null");
    // The KPI fields the warehouse once dropped, and the grid of a RAG summary.
    assert_eq!(line("kpis", "team"), "VARCHAR null");
    assert_eq!(line("kpis", "next_target"), "DECIMAL(38,6) null");
    assert_eq!(line("kpis", "qpr"), "BOOLEAN not null");
    assert_eq!(line("kpis", "target_period"), "VARCHAR null");
    assert_eq!(line("kpis", "section"), "VARCHAR null");
    assert_eq!(line("kpis", "polarity_inferred"), "BOOLEAN not null");
    assert_eq!(line("kpis", "detail_page"), "BIGINT null");
    assert_eq!(line("kpis", "summary_description"), "VARCHAR null");
    assert_eq!(line("kpis", "benchmark_values"), "DECIMAL(38,6)[] not null");
    assert_eq!(line("budget_cells", "qualifier"), "VARCHAR null");
    assert_eq!(line("rag_summaries", "table_id"), "VARCHAR null");
}

#[test]
fn schema_writes_one_file_per_table() {
    let dir = fresh_dir("schema");
    let out = run(&["schema", "-o", &dir.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.join("document.schema.json").is_file());
    for t in TABLES {
        let p = dir.join(format!("tables/{t}.schema.json"));
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        assert!(v["properties"]["document_id"].is_object(), "{t}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
