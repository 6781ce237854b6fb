//! One table as a Parquet file (Snappy), converted from the table's JSON Lines when the run
//! finishes.
//!
//! Writing Parquet while documents arrive meant 14 writers each holding a row group in progress
//! and the metadata of every row group already written, which grew with the run (peak RSS +13
//! MiB from one to five copies of the corpus). Converting one table at a time at the end holds
//! one writer, whose row groups close at [`ROW_GROUP_ROWS`] rows or [`ROW_GROUP_MEMORY_BYTES`]
//! of buffered data, so peak memory stays flat however many documents a run writes. Row-group
//! boundaries depend only on the rows, in order, so files are byte-identical at any `--jobs`.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::sync::Arc;

use arrow_json::reader::ReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::{TableError, temp_path};

/// Most rows in one row group.
pub const ROW_GROUP_ROWS: usize = 64 * 1024;

/// Buffered bytes (the writer's own estimate) at which a row group is written out early.
pub const ROW_GROUP_MEMORY_BYTES: usize = 2 << 20;

/// Rows decoded from JSON at a time.
const BATCH_ROWS: usize = 4 * 1024;

/// Converts the JSON Lines file `jsonl` (one row per line, in `schema`) to Parquet at `path`,
/// written under a temporary name and renamed when complete.
pub fn convert(
    table: &str,
    jsonl: &Path,
    path: &Path,
    schema: arrow_schema::Schema,
) -> Result<(), TableError> {
    let err = |message: String| TableError::Parquet { table: table.to_string(), message };
    let io = |p: &Path| {
        let p = p.display().to_string();
        move |source| TableError::Io { path: p, source }
    };
    let schema = Arc::new(schema);
    let input = File::open(jsonl).map_err(io(jsonl))?;
    let reader = ReaderBuilder::new(schema.clone())
        .with_batch_size(BATCH_ROWS)
        .build(BufReader::with_capacity(256 << 10, input))
        .map_err(|e| err(e.to_string()))?;
    let tmp = temp_path(path);
    let file = File::create(&tmp).map_err(io(&tmp))?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .build();
    let written = (|| {
        let mut writer =
            ArrowWriter::try_new(file, schema, Some(props)).map_err(|e| err(e.to_string()))?;
        for batch in reader {
            let batch = batch.map_err(|e| err(e.to_string()))?;
            writer.write(&batch).map_err(|e| err(e.to_string()))?;
            if writer.memory_size() >= ROW_GROUP_MEMORY_BYTES {
                writer.flush().map_err(|e| err(e.to_string()))?;
            }
        }
        let file = writer.into_inner().map_err(|e| err(e.to_string()))?;
        file.sync_all().map_err(io(&tmp))
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, path).map_err(io(path))
}
