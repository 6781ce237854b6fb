//! `agendapack schema`: JSON Schema of the per-document JSON and of every warehouse table.

use std::path::PathBuf;

use agendapack::output::tables::{schema, table_schemas};
use agendapack::output::write_atomic;
use clap::Args;

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write document.schema.json and tables/<table>.schema.json into this folder instead of
    /// printing one JSON object ({"document": ..., "tables": {...}}) to stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

fn pretty(v: &serde_json::Value) -> Vec<u8> {
    let mut s = serde_json::to_vec_pretty(v).unwrap_or_default();
    s.push(b'\n');
    s
}

pub fn run(args: SchemaArgs) -> i32 {
    let Some(dir) = args.output else {
        print!("{}", String::from_utf8_lossy(&pretty(&schema::all_schemas())));
        return 0;
    };
    let mut files = vec![(dir.join("document.schema.json"), schema::document_schema().to_value())];
    for (name, s) in table_schemas() {
        files.push((dir.join("tables").join(format!("{name}.schema.json")), s.to_value()));
    }
    for (path, value) in files {
        if let Err(e) = write_atomic(&path, &pretty(&value)) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return 1;
        }
    }
    0
}
