//! One table as a Parquet file (Snappy, row groups of at most 64k rows so memory stays flat).

use std::fs::File;
use std::path::PathBuf;
use std::sync::Arc;

use arrow_json::reader::{Decoder, ReaderBuilder};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use serde::Serialize;

use super::{TableError, temp_path};

const ROW_GROUP_ROWS: usize = 64 * 1024;

pub struct ParquetOut {
    table: &'static str,
    tmp: PathBuf,
    path: PathBuf,
    decoder: Decoder,
    writer: ArrowWriter<File>,
}

impl ParquetOut {
    pub fn create(
        table: &'static str,
        path: PathBuf,
        schema: arrow_schema::Schema,
    ) -> Result<Self, TableError> {
        let err = |message: String| TableError::Parquet { table: table.to_string(), message };
        let schema = Arc::new(schema);
        let decoder = ReaderBuilder::new(schema.clone())
            .with_batch_size(ROW_GROUP_ROWS)
            .build_decoder()
            .map_err(|e| err(e.to_string()))?;
        let tmp = temp_path(&path);
        let file = File::create(&tmp)
            .map_err(|source| TableError::Io { path: tmp.display().to_string(), source })?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .build();
        let writer =
            ArrowWriter::try_new(file, schema, Some(props)).map_err(|e| err(e.to_string()))?;
        Ok(ParquetOut { table, tmp, path, decoder, writer })
    }

    fn err(&self, message: String) -> TableError {
        TableError::Parquet { table: self.table.to_string(), message }
    }

    pub fn write<T: Serialize>(&mut self, rows: &[T]) -> Result<(), TableError> {
        self.decoder.serialize(rows).map_err(|e| self.err(e.to_string()))?;
        if let Some(batch) = self.decoder.flush().map_err(|e| self.err(e.to_string()))? {
            self.writer.write(&batch).map_err(|e| self.err(e.to_string()))?;
        }
        Ok(())
    }

    pub fn finish(self) -> Result<(), TableError> {
        let file = self.writer.into_inner().map_err(|e| TableError::Parquet {
            table: self.table.to_string(),
            message: e.to_string(),
        })?;
        let io = |path: &PathBuf| {
            let p = path.display().to_string();
            move |source| TableError::Io { path: p, source }
        };
        file.sync_all().map_err(io(&self.tmp))?;
        std::fs::rename(&self.tmp, &self.path).map_err(io(&self.path))
    }

    pub fn abandon(self) {
        drop(self.writer);
        let _ = std::fs::remove_file(&self.tmp);
    }
}
