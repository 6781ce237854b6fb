//! Warehouse tables: one JSON Lines file (and, with the `parquet` feature, one Parquet file) per
//! record type under `<out>/tables/`, the JSON Lines written row by row as documents complete.
//!
//! Every file is written under a temporary name and renamed when the run finishes, so a reader
//! never sees a half-written table. Parquet files are converted from the JSON Lines, one table
//! at a time, when the run finishes (see `parquet_out`), which keeps peak memory flat. Rows are appended in document-id order, which makes the files
//! byte-identical whatever the number of worker threads.

pub mod convert;
pub mod merge;
#[cfg(feature = "parquet")]
mod parquet_out;
pub mod rows;
pub mod schema;
pub mod types;

pub use convert::{DocRows, document_rows};

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use thiserror::Error;

/// A failure writing the warehouse tables.
#[derive(Debug, Error)]
pub enum TableError {
    #[error("cannot write {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("cannot encode a row of table {table}: {message}")]
    Encode { table: String, message: String },
    #[error("cannot write Parquet for table {table}: {message}")]
    Parquet { table: String, message: String },
    #[error("cannot read {path}: {message}")]
    Read { path: String, message: String },
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> TableError + '_ {
    move |source| TableError::Io { path: path.display().to_string(), source }
}

macro_rules! tables {
    ($($name:ident : $ty:ty),* $(,)?) => {
        /// Names of the warehouse tables, in a fixed order.
        pub const TABLE_NAMES: &[&str] = &[$(stringify!($name)),*];

        /// The JSON Schema of each table's rows, by name.
        pub fn table_schemas() -> Vec<(&'static str, schemars::Schema)> {
            vec![$((stringify!($name), schemars::schema_for!($ty))),*]
        }

        /// One document's rows of every table as JSON Lines, in memory (what a run appends to
        /// the `.jsonl` files), for measuring serialisation without writing.
        pub fn rows_jsonl(rows: &DocRows) -> Result<Vec<u8>, TableError> {
            let mut out = Vec::new();
            $(
                for row in &rows.$name {
                    serde_json::to_writer(&mut out, row).map_err(|e| TableError::Encode {
                        table: stringify!($name).to_string(),
                        message: e.to_string(),
                    })?;
                    out.push(b'\n');
                }
            )*
            Ok(out)
        }

        impl TableSet {
            /// Appends one document's rows to every table.
            pub fn append(&mut self, rows: &DocRows) -> Result<(), TableError> {
                $( self.table(stringify!($name))?.write(&rows.$name)?; )*
                Ok(())
            }
        }
    };
}

tables! {
    documents: rows::DocumentRow,
    meetings: rows::MeetingRow,
    agenda_items: rows::AgendaItemRow,
    sections: rows::SectionRow,
    votes: rows::VoteRow,
    vote_members: rows::VoteMemberRow,
    budget_tables: rows::BudgetTableRow,
    budget_rows: rows::BudgetRowRow,
    budget_cells: rows::BudgetCellRow,
    kpis: rows::KpiTableRow,
    rag_summaries: rows::RagSummaryRow,
    decisions: rows::DecisionRow,
    attendance: rows::AttendanceRow,
    cells: rows::CellRow,
    findings: rows::FindingRow,
    errors: rows::ErrorRow,
}

/// Which files to write for each table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub jsonl: bool,
    pub parquet: bool,
}

/// The temporary name a file is written under before it is renamed to `path`.
pub fn temp_path(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    dir.join(format!(".{name}.tmp-{}", std::process::id()))
}

/// If `name` is a temporary file name made by [`temp_path`], the name it stands for.
pub fn temp_target(name: &str) -> Option<&str> {
    let rest = name.strip_prefix('.')?;
    let at = rest.rfind(".tmp-")?;
    let pid = &rest[at + 5..];
    (!pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())).then_some(&rest[..at])
}

/// A table's JSON Lines, written under a temporary name as documents complete. It is kept (renamed)
/// when JSON Lines were asked for, and is also the source the Parquet file is converted from.
struct JsonlOut {
    tmp: PathBuf,
    path: PathBuf,
    keep: bool,
    out: BufWriter<File>,
}

/// One table's open files.
pub struct TableWriter {
    name: &'static str,
    rows: u64,
    jsonl: Option<JsonlOut>,
    /// Where the Parquet file goes, when asked for.
    #[cfg(feature = "parquet")]
    parquet: Option<PathBuf>,
}

impl TableWriter {
    fn write<T: Serialize>(&mut self, rows: &[T]) -> Result<(), TableError> {
        if rows.is_empty() {
            return Ok(());
        }
        if let Some(j) = &mut self.jsonl {
            for r in rows {
                serde_json::to_writer(&mut j.out, r).map_err(|e| TableError::Encode {
                    table: self.name.to_string(),
                    message: e.to_string(),
                })?;
                j.out.write_all(b"\n").map_err(io_err(&j.tmp))?;
            }
        }
        self.rows += rows.len() as u64;
        Ok(())
    }
}

/// The open tables of one run (or one shard of a run).
pub struct TableSet {
    writers: Vec<TableWriter>,
}

impl TableSet {
    /// Creates every table's temporary files in `dir`; `suffix` is inserted before the extension
    /// (`""` or `".shard-0001-of-0004"`).
    pub fn create(dir: &Path, suffix: &str, formats: Formats) -> Result<TableSet, TableError> {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let parquet = formats.parquet && cfg!(feature = "parquet");
        let mut writers = Vec::new();
        for name in TABLE_NAMES {
            let jsonl = if formats.jsonl || parquet {
                let path = dir.join(format!("{name}{suffix}.jsonl"));
                let tmp = temp_path(&path);
                let f = File::create(&tmp).map_err(io_err(&tmp))?;
                let out = BufWriter::with_capacity(64 << 10, f);
                Some(JsonlOut { tmp, path, keep: formats.jsonl, out })
            } else {
                None
            };
            writers.push(TableWriter {
                name,
                rows: 0,
                jsonl,
                #[cfg(feature = "parquet")]
                parquet: parquet.then(|| dir.join(format!("{name}{suffix}.parquet"))),
            });
        }
        Ok(TableSet { writers })
    }

    fn table(&mut self, name: &str) -> Result<&mut TableWriter, TableError> {
        self.writers.iter_mut().find(|w| w.name == name).ok_or_else(|| TableError::Encode {
            table: name.to_string(),
            message: "no such table".into(),
        })
    }

    /// Flushes every table, syncs it, converts it to Parquet when asked, and renames each file to
    /// its final name. Returns rows per table.
    pub fn finish(self) -> Result<Vec<(&'static str, u64)>, TableError> {
        let mut counts = Vec::new();
        let mut writers = self.writers.into_iter();
        while let Some(w) = writers.next() {
            match finish_one(w) {
                Ok(count) => counts.push(count),
                Err(e) => {
                    TableSet { writers: writers.collect() }.abandon();
                    return Err(e);
                }
            }
        }
        Ok(counts)
    }

    /// Removes every temporary file (used when a run is abandoned).
    pub fn abandon(self) {
        for w in self.writers {
            if let Some(j) = w.jsonl {
                drop(j.out);
                let _ = std::fs::remove_file(&j.tmp);
            }
            #[cfg(feature = "parquet")]
            if let Some(path) = w.parquet {
                let _ = std::fs::remove_file(temp_path(&path));
            }
        }
    }
}

/// Converts the JSON Lines `jsonl` (rows of `table`) to Parquet at `path`, written under a
/// temporary name and renamed when complete.
#[cfg(feature = "parquet")]
pub fn jsonl_to_parquet(table: &str, jsonl: &Path, path: &Path) -> Result<(), TableError> {
    let schema = table_schemas()
        .into_iter()
        .find(|(n, _)| *n == table)
        .ok_or_else(|| "no schema".to_string())
        .and_then(|(_, s)| schema::arrow_schema(&s))
        .map_err(|message| TableError::Parquet { table: table.to_string(), message })?;
    parquet_out::convert(table, jsonl, path, schema)
}

/// Finishes one table's files (see [`TableSet::finish`]); on failure removes its temporary files.
fn finish_one(w: TableWriter) -> Result<(&'static str, u64), TableError> {
    let count = (w.name, w.rows);
    let Some(j) = w.jsonl else { return Ok(count) };
    let (tmp, path, keep) = (j.tmp, j.path, j.keep);
    let result = (|| {
        let f = j.out.into_inner().map_err(|e| TableError::Io {
            path: tmp.display().to_string(),
            source: e.into_error(),
        })?;
        if keep {
            f.sync_all().map_err(io_err(&tmp))?;
        }
        drop(f);
        #[cfg(feature = "parquet")]
        if let Some(parquet) = &w.parquet {
            jsonl_to_parquet(w.name, &tmp, parquet)?;
        }
        if keep {
            std::fs::rename(&tmp, &path).map_err(io_err(&path))
        } else {
            std::fs::remove_file(&tmp).map_err(io_err(&tmp))
        }
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map(|()| count)
}
