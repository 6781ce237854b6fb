//! `agendapack schema`: JSON Schema for the per-document JSON and every warehouse table.

mod batch_support;

use batch_support::*;

const TABLES: [&str; 15] = [
    "documents",
    "meetings",
    "agenda_items",
    "sections",
    "votes",
    "vote_members",
    "budget_tables",
    "budget_rows",
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
