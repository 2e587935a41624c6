//! Columnar tables: building Arrow record batches, writing them durably as Parquet, reading them
//! back, and turning rows into JSON or CSV for export.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, ListArray, RecordBatch, StringArray,
    UInt64Array,
};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::arrow_reader::{ArrowReaderOptions, ParquetRecordBatchReaderBuilder, RowSelection, RowSelector};
use parquet::arrow::{ArrowWriter, ProjectionMask};
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::PageIndexPolicy;
use parquet::file::properties::WriterProperties;

use crate::error::{io_err, Result, StoreError};

/// One column being filled.
#[derive(Debug)]
pub(crate) enum Col {
    Str(Vec<Option<String>>),
    I64(Vec<Option<i64>>),
    U64(Vec<u64>),
    F64(Vec<Option<f64>>),
    Date(Vec<i32>),
    Bool(Vec<bool>),
    StrList(Vec<Vec<String>>),
}

impl Col {
    fn data_type(&self) -> DataType {
        match self {
            Col::Str(_) => DataType::Utf8,
            Col::I64(_) => DataType::Int64,
            Col::U64(_) => DataType::UInt64,
            Col::F64(_) => DataType::Float64,
            Col::Date(_) => DataType::Date32,
            Col::Bool(_) => DataType::Boolean,
            Col::StrList(_) => DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
        }
    }

    fn nullable(&self) -> bool {
        matches!(self, Col::Str(_) | Col::I64(_) | Col::F64(_))
    }

    fn into_array(self) -> ArrayRef {
        match self {
            Col::Str(v) => Arc::new(StringArray::from(v)),
            Col::I64(v) => Arc::new(Int64Array::from(v)),
            Col::U64(v) => Arc::new(UInt64Array::from(v)),
            Col::F64(v) => Arc::new(Float64Array::from(v)),
            Col::Date(v) => Arc::new(Date32Array::from(v)),
            Col::Bool(v) => Arc::new(BooleanArray::from(v)),
            Col::StrList(v) => {
                let mut b = ListBuilder::new(StringBuilder::new());
                for row in v {
                    for s in row {
                        b.values().append_value(s);
                    }
                    b.append(true);
                }
                Arc::new(b.finish())
            }
        }
    }
}

/// A table under construction: named columns of equal length.
#[derive(Debug, Default)]
pub(crate) struct TableBuilder {
    cols: Vec<(&'static str, Col)>,
}

impl TableBuilder {
    pub(crate) fn new(cols: Vec<(&'static str, Col)>) -> TableBuilder {
        TableBuilder { cols }
    }

    /// The column named `name`. Table layouts are fixed in code, so a missing name is a bug in
    /// this crate, caught by every test that writes a table.
    pub(crate) fn col(&mut self, name: &str) -> &mut Col {
        let i = self.cols.iter().position(|(n, _)| *n == name);
        match i {
            Some(i) => &mut self.cols[i].1,
            None => panic!("table has no column {name}"),
        }
    }

    pub(crate) fn str(&mut self, name: &str, v: Option<&str>) {
        if let Col::Str(c) = self.col(name) {
            c.push(v.map(str::to_string));
        }
    }
    pub(crate) fn i64(&mut self, name: &str, v: Option<i64>) {
        if let Col::I64(c) = self.col(name) {
            c.push(v);
        }
    }
    pub(crate) fn u64(&mut self, name: &str, v: u64) {
        if let Col::U64(c) = self.col(name) {
            c.push(v);
        }
    }
    pub(crate) fn f64(&mut self, name: &str, v: Option<f64>) {
        if let Col::F64(c) = self.col(name) {
            c.push(v);
        }
    }
    pub(crate) fn date(&mut self, name: &str, v: i32) {
        if let Col::Date(c) = self.col(name) {
            c.push(v);
        }
    }
    pub(crate) fn bool(&mut self, name: &str, v: bool) {
        if let Col::Bool(c) = self.col(name) {
            c.push(v);
        }
    }
    pub(crate) fn list(&mut self, name: &str, v: Vec<String>) {
        if let Col::StrList(c) = self.col(name) {
            c.push(v);
        }
    }

    pub(crate) fn finish(self) -> Result<RecordBatch> {
        let fields: Vec<Field> = self
            .cols
            .iter()
            .map(|(n, c)| Field::new(*n, c.data_type(), c.nullable()))
            .collect();
        let arrays: Vec<ArrayRef> = self.cols.into_iter().map(|(_, c)| c.into_array()).collect();
        RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
            .map_err(|e| StoreError::Invalid(format!("building a table: {e}")))
    }
}

/// Writes `batch` to `path` durably: to `path.tmp`, fsync, rename. The caller fsyncs the
/// directory before listing the file in the manifest.
pub(crate) fn write_parquet(path: &Path, batch: &RecordBatch) -> Result<u64> {
    let tmp = path.with_extension("parquet.tmp");
    let file = File::create(&tmp).map_err(io_err("creating", &tmp))?;
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .set_created_by(concat!("newsgraph-store ", env!("CARGO_PKG_VERSION")).to_string())
        .build();
    let perr = |e: parquet::errors::ParquetError| StoreError::Parquet {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut w = ArrowWriter::try_new(file, batch.schema(), Some(props)).map_err(perr)?;
    w.write(batch).map_err(perr)?;
    let file = w.into_inner().map_err(perr)?;
    file.sync_all().map_err(io_err("syncing", &tmp))?;
    drop(file);
    fs::rename(&tmp, path).map_err(io_err("renaming", &tmp))?;
    Ok(batch.num_rows() as u64)
}

/// Reads a Parquet file, only the named columns when `columns` is given.
pub(crate) fn read_parquet(path: &Path, columns: Option<&[&str]>) -> Result<Vec<RecordBatch>> {
    read_parquet_rows(path, columns, None)
}

/// Reads the named columns of the `row`th row of a Parquet file, decoding only the pages that
/// hold it (the writer's page index says where they are).
pub(crate) fn read_parquet_row(path: &Path, columns: &[&str], row: usize) -> Result<Vec<RecordBatch>> {
    read_parquet_rows(path, Some(columns), Some(row))
}

fn read_parquet_rows(path: &Path, columns: Option<&[&str]>, row: Option<usize>) -> Result<Vec<RecordBatch>> {
    let perr = |e: parquet::errors::ParquetError| StoreError::Parquet {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let file = File::open(path).map_err(io_err("opening", path))?;
    // Only the offset index is needed to skip to a row's pages.
    let policy = if row.is_some() {
        PageIndexPolicy::Optional
    } else {
        PageIndexPolicy::Skip
    };
    let options = ArrowReaderOptions::new().with_offset_index_policy(policy);
    let mut builder = ParquetRecordBatchReaderBuilder::try_new_with_options(file, options).map_err(perr)?;
    if let Some(row) = row {
        builder = builder.with_row_selection(RowSelection::from(vec![RowSelector::skip(row), RowSelector::select(1)]));
    }
    if let Some(columns) = columns {
        let schema = builder.parquet_schema();
        let mut idx = Vec::new();
        for c in columns {
            let i = (0..schema.root_schema().get_fields().len())
                .find(|&i| schema.root_schema().get_fields()[i].name() == *c)
                .ok_or_else(|| StoreError::Corrupt {
                    path: path.to_path_buf(),
                    message: format!("missing column {c}"),
                })?;
            idx.push(i);
        }
        let mask = ProjectionMask::roots(schema, idx);
        builder = builder.with_projection(mask);
    }
    let reader = builder.build().map_err(perr)?;
    reader
        .map(|b| {
            b.map_err(|e| StoreError::Parquet {
                path: path.to_path_buf(),
                message: e.to_string(),
            })
        })
        .collect()
}

/// Typed access to a column of a batch read back from a store table.
pub(crate) struct Cols<'a> {
    batch: &'a RecordBatch,
    path: &'a Path,
}

impl<'a> Cols<'a> {
    pub(crate) fn new(batch: &'a RecordBatch, path: &'a Path) -> Cols<'a> {
        Cols { batch, path }
    }

    fn get<T: 'static>(&self, name: &str) -> Result<&'a T> {
        self.batch
            .column_by_name(name)
            .and_then(|c| c.as_any().downcast_ref::<T>())
            .ok_or_else(|| StoreError::Corrupt {
                path: self.path.to_path_buf(),
                message: format!("column {name} missing or of the wrong type"),
            })
    }
    pub(crate) fn str(&self, name: &str) -> Result<&'a StringArray> {
        self.get(name)
    }
    pub(crate) fn i64(&self, name: &str) -> Result<&'a Int64Array> {
        self.get(name)
    }
    pub(crate) fn u64(&self, name: &str) -> Result<&'a UInt64Array> {
        self.get(name)
    }
    pub(crate) fn f64(&self, name: &str) -> Result<&'a Float64Array> {
        self.get(name)
    }
    pub(crate) fn date(&self, name: &str) -> Result<&'a Date32Array> {
        self.get(name)
    }
    pub(crate) fn bool(&self, name: &str) -> Result<&'a BooleanArray> {
        self.get(name)
    }
    pub(crate) fn list(&self, name: &str) -> Result<&'a ListArray> {
        self.get(name)
    }
}

/// A nullable string cell.
pub(crate) fn opt_str(a: &StringArray, i: usize) -> Option<String> {
    (!a.is_null(i)).then(|| a.value(i).to_string())
}

/// The strings of a list cell.
pub(crate) fn list_strs(a: &ListArray, i: usize) -> Vec<String> {
    if a.is_null(i) {
        return Vec::new();
    }
    let v = a.value(i);
    match v.as_any().downcast_ref::<StringArray>() {
        Some(s) => (0..s.len())
            .filter(|&j| !s.is_null(j))
            .map(|j| s.value(j).to_string())
            .collect(),
        None => Vec::new(),
    }
}

/// One cell as JSON, for the column types the store writes.
pub(crate) fn cell_json(col: &ArrayRef, i: usize) -> serde_json::Value {
    use serde_json::Value;
    if col.is_null(i) {
        return Value::Null;
    }
    let any = col.as_any();
    if let Some(a) = any.downcast_ref::<StringArray>() {
        Value::from(a.value(i))
    } else if let Some(a) = any.downcast_ref::<Int64Array>() {
        Value::from(a.value(i))
    } else if let Some(a) = any.downcast_ref::<UInt64Array>() {
        Value::from(a.value(i))
    } else if let Some(a) = any.downcast_ref::<Float64Array>() {
        serde_json::Number::from_f64(a.value(i)).map_or(Value::Null, Value::Number)
    } else if let Some(a) = any.downcast_ref::<BooleanArray>() {
        Value::from(a.value(i))
    } else if let Some(a) = any.downcast_ref::<Date32Array>() {
        Value::from(crate::dates::day_to_string(a.value(i)))
    } else if let Some(a) = any.downcast_ref::<ListArray>() {
        Value::from(list_strs(a, i))
    } else {
        Value::Null
    }
}

/// One cell as CSV text (RFC 4180 quoting; lists joined with `|`).
pub(crate) fn cell_csv(col: &ArrayRef, i: usize) -> String {
    let raw = match cell_json(col, i) {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s,
        serde_json::Value::Array(a) => a
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .collect::<Vec<_>>()
            .join("|"),
        v => v.to_string(),
    };
    if raw.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", raw.replace('"', "\"\""))
    } else {
        raw
    }
}

/// The path of one batch's part file of a table.
pub(crate) fn part_path(table: &str, batch: u64) -> String {
    format!("tables/{table}/part-{batch:06}.parquet")
}

/// `dir/tables/<table>` for each table.
pub(crate) fn table_dir(dir: &Path, table: &str) -> PathBuf {
    dir.join("tables").join(table)
}

/// Rows of a Parquet file, from its footer.
pub(crate) fn parquet_rows(path: &Path) -> Result<u64> {
    let file = File::open(path).map_err(io_err("opening", path))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| StoreError::Parquet {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    Ok(u64::try_from(builder.metadata().file_metadata().num_rows()).unwrap_or(0))
}
