//! `agendapack schema`: JSON Schema of the per-document JSON and of every warehouse table, with
//! the type each column has in the Parquet files (and in DuckDB's reading of the JSON Lines).

use std::path::PathBuf;

use agendapack::output::tables::{schema, table_schemas};
use agendapack::output::write_atomic;
use clap::Args;

use super::out::with_stdout;

/// Shown after the options of `agendapack schema --help`.
pub const AFTER_HELP: &str = "\
Examples:
  agendapack schema --columns            every table's columns and their SQL types
  agendapack schema -o schema/           document.schema.json and tables/<table>.schema.json
  agendapack schema --duckdb output/tables > views.sql
                                         DuckDB views typing the JSON Lines as the Parquet is

Dates are DATE, times TIME, counts BIGINT and amounts DECIMAL(38, 6) in the Parquet files (the
JSON Schema marks them with \"format\": \"date\", \"time\", \"decimal\"); the printed text is kept
beside each amount. DuckDB reads a JSON number with a point as DOUBLE; the views of --duckdb
read the JSON Lines with the Parquet types, amounts as DECIMAL(38, 6).

Exit codes:
  0  printed or written
  1  a file could not be written";

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write document.schema.json and tables/<table>.schema.json into this folder instead of
    /// printing one JSON object ({"document": ..., "tables": {...}}) to stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Print one line per column instead: table, column, SQL type (as DuckDB reads the
    /// Parquet), nullability and description.
    #[arg(long, conflicts_with = "output")]
    pub columns: bool,
    /// Print a DuckDB script making one view per table over the JSON Lines in this folder (as
    /// your queries will name it, e.g. `output/tables`), typed as the Parquet files are.
    #[arg(long, value_name = "TABLES_DIR", conflicts_with_all = ["output", "columns"])]
    pub duckdb: Option<String>,
}

fn pretty(v: &serde_json::Value) -> Vec<u8> {
    let mut s = serde_json::to_vec_pretty(v).unwrap_or_default();
    s.push(b'\n');
    s
}

pub fn run(args: SchemaArgs) -> i32 {
    if let Some(dir) = &args.duckdb {
        return with_stdout(|out| {
            out.write_all(schema::duckdb_views(dir).as_bytes())?;
            Ok(0)
        });
    }
    if args.columns {
        return with_stdout(|out| {
            for (table, s) in table_schemas() {
                for c in schema::columns(&s) {
                    let null = if c.nullable { "null" } else { "not null" };
                    writeln!(
                        out,
                        "{table}\t{}\t{}\t{null}\t{}",
                        c.name, c.sql_type, c.description
                    )?;
                }
            }
            Ok(0)
        });
    }
    let Some(dir) = args.output else {
        return with_stdout(|out| {
            out.write_all(&pretty(&schema::all_schemas()))?;
            Ok(0)
        });
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
