//! Export of every table as one Parquet, JSON Lines or CSV file per table.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;

use parquet::arrow::ArrowWriter;
use serde::Serialize;

use crate::error::{io_err, Result, StoreError};
use crate::manifest::resolve;
use crate::query::Store;
use crate::rows::ALL_TABLES;
use crate::table::{cell_csv, cell_json, read_parquet};

/// An export file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One Parquet file per table (zstd).
    Parquet,
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header line; list cells joined with `|`.
    Csv,
    /// The events only, as GDELT 2.0 Event records (tab-separated, GDELT's 61 columns plus the
    /// evidence sentence; see `docs/store.md`).
    GdeltEvents,
}

impl std::str::FromStr for ExportFormat {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<ExportFormat> {
        match s {
            "parquet" => Ok(ExportFormat::Parquet),
            "jsonl" => Ok(ExportFormat::Jsonl),
            "csv" => Ok(ExportFormat::Csv),
            "gdelt-events" => Ok(ExportFormat::GdeltEvents),
            _ => Err(StoreError::Invalid(format!(
                "unknown export format {s:?}: expected parquet, jsonl, csv or gdelt-events"
            ))),
        }
    }
}

impl ExportFormat {
    fn ext(self) -> &'static str {
        match self {
            ExportFormat::Parquet => "parquet",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Csv | ExportFormat::GdeltEvents => "csv",
        }
    }
}

/// One exported table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportedTable {
    /// Table name.
    pub table: String,
    /// Rows written.
    pub rows: u64,
    /// File written, relative to the output directory.
    pub file: String,
}

impl Store {
    /// Writes every table to `out_dir/<table>.<ext>`, creating the directory. The `entities`
    /// table has one row per corpus-level entity; the others one row per item, in batch order.
    pub fn export(&self, format: ExportFormat, out_dir: impl AsRef<Path>) -> Result<Vec<ExportedTable>> {
        let out_dir = out_dir.as_ref();
        fs::create_dir_all(out_dir).map_err(io_err("creating", out_dir))?;
        if format == ExportFormat::GdeltEvents {
            return Ok(vec![self.export_gdelt_events(out_dir)?]);
        }
        let mut report = Vec::new();
        for table in ALL_TABLES {
            let file = format!("{table}.{}", format.ext());
            let path = out_dir.join(&file);
            let mut batches = Vec::new();
            for f in self.manifest().table_files(table) {
                batches.extend(read_parquet(&resolve(self.dir(), &f.path), None)?);
            }
            let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
            let out = File::create(&path).map_err(io_err("creating", &path))?;
            match format {
                ExportFormat::Parquet => {
                    let perr = |e: parquet::errors::ParquetError| StoreError::Parquet {
                        path: path.clone(),
                        message: e.to_string(),
                    };
                    // Every batch writes every table, so only a store without batches has no schema to write.
                    let schema = match batches.first() {
                        Some(b) => b.schema(),
                        None => {
                            drop(out);
                            fs::remove_file(&path).map_err(io_err("removing", &path))?;
                            continue;
                        }
                    };
                    let props = parquet::file::properties::WriterProperties::builder()
                        .set_compression(parquet::basic::Compression::ZSTD(Default::default()))
                        .build();
                    let mut w = ArrowWriter::try_new(out, schema, Some(props)).map_err(perr)?;
                    for b in &batches {
                        w.write(b).map_err(perr)?;
                    }
                    w.close().map_err(perr)?;
                }
                ExportFormat::Jsonl | ExportFormat::Csv | ExportFormat::GdeltEvents => {
                    let mut w = BufWriter::new(out);
                    let werr = io_err("writing", &path);
                    let mut header = false;
                    for b in &batches {
                        let schema = b.schema();
                        if format == ExportFormat::Csv && !header {
                            let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
                            writeln!(w, "{}", names.join(",")).map_err(io_err("writing", &path))?;
                            header = true;
                        }
                        for i in 0..b.num_rows() {
                            let line = if format == ExportFormat::Jsonl {
                                let mut obj = serde_json::Map::new();
                                for (f, c) in schema.fields().iter().zip(b.columns()) {
                                    obj.insert(f.name().clone(), cell_json(c, i));
                                }
                                serde_json::Value::Object(obj).to_string()
                            } else {
                                b.columns().iter().map(|c| cell_csv(c, i)).collect::<Vec<_>>().join(",")
                            };
                            writeln!(w, "{line}").map_err(io_err("writing", &path))?;
                        }
                    }
                    w.flush().map_err(werr)?;
                }
            }
            report.push(ExportedTable {
                table: table.to_string(),
                rows: rows as u64,
                file,
            });
        }
        Ok(report)
    }
}
