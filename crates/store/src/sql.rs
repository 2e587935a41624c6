//! Read-only SQL over the store's Parquet tables, with Apache DataFusion.
//!
//! Each table of [`crate::ALL_TABLES`] is registered under its name as a listing table over the
//! files the manifest lists (never the stray files of an interrupted batch). A statement is run
//! only when it is one query: anything else (INSERT, CREATE, COPY, SET, several statements) is
//! refused before planning, and DataFusion's own plan check refuses DDL, DML and statements
//! that hide inside a query (`SELECT … INTO`).

use std::sync::Arc;
use std::time::Duration;

use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::DataType;
use datafusion::arrow::compute::cast;
use datafusion::arrow::util::display::{ArrayFormatter, FormatOptions};
use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::listing::{ListingOptions, ListingTable, ListingTableConfig, ListingTableUrl};
use datafusion::datasource::MemTable;
use datafusion::execution::context::SQLOptions;
use datafusion::prelude::{SessionConfig, SessionContext};
use datafusion::sql::parser::{DFParser, Statement as DfStatement};
use datafusion::sql::sqlparser::ast::{SetExpr, Statement};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::query::Store;
use crate::rows::{entities_table, BatchTables, ALL_TABLES};

/// Stack of the thread each query runs on.
const SQL_STACK: usize = 64 << 20;

/// How long [`Store::sql`] lets a query run.
pub const DEFAULT_SQL_TIMEOUT: Duration = Duration::from_secs(30);

/// The answer to a SQL query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SqlResult {
    /// Column names, in order.
    pub columns: Vec<String>,
    /// Rows of cells: numbers, strings, booleans, arrays, null; dates as `YYYY-MM-DD`.
    pub rows: Vec<Vec<serde_json::Value>>,
    /// Whether the query had more rows than `max_rows`.
    pub truncated: bool,
}

fn sql_err(e: impl std::fmt::Display) -> StoreError {
    StoreError::Sql(e.to_string())
}

/// Refuses anything but a single query.
fn check_read_only(query: &str) -> Result<()> {
    let statements = DFParser::parse_sql(query).map_err(sql_err)?;
    if statements.len() != 1 {
        return Err(StoreError::Sql(format!(
            "expected exactly one SELECT statement, found {}",
            statements.len()
        )));
    }
    let refused = |what: &str| {
        Err(StoreError::Sql(format!(
            "read-only: only queries (SELECT, WITH … SELECT, VALUES) are allowed, not {what}"
        )))
    };
    match statements.front() {
        Some(DfStatement::Statement(s)) => match &**s {
            Statement::Query(q) => match &*q.body {
                SetExpr::Select(select) if select.into.is_some() => refused("SELECT … INTO"),
                _ => Ok(()),
            },
            other => refused(&first_words(&other.to_string())),
        },
        Some(DfStatement::CreateExternalTable(_)) => refused("CREATE EXTERNAL TABLE"),
        Some(DfStatement::CopyTo(_)) => refused("COPY"),
        Some(DfStatement::Explain(_)) => refused("EXPLAIN"),
        Some(DfStatement::Reset(_)) => refused("RESET"),
        None => Err(StoreError::Sql("empty statement".into())),
    }
}

/// `INSERT INTO`, `CREATE TABLE`, `DROP`…: the words naming a statement, for error messages.
fn first_words(statement: &str) -> String {
    let words: Vec<&str> = statement.split_whitespace().take(2).collect();
    match words.as_slice() {
        [a, b] if b.chars().all(|c| c.is_ascii_uppercase()) => format!("{a} {b}"),
        [a, ..] => a.to_string(),
        [] => String::new(),
    }
}

impl Store {
    /// Runs one read-only SQL query over the store's tables (`articles`, `entities`, `mentions`,
    /// `quotes`, `timexes`, `amounts`, `tone`, `events`), returning at most `max_rows` rows and
    /// stopping after [`DEFAULT_SQL_TIMEOUT`].
    pub fn sql(&self, query: &str, max_rows: usize) -> Result<SqlResult> {
        self.sql_with_timeout(query, max_rows, DEFAULT_SQL_TIMEOUT)
    }

    /// [`Store::sql`] with a time limit: a query still running after `timeout` is stopped and
    /// is an error.
    pub fn sql_with_timeout(&self, query: &str, max_rows: usize, timeout: Duration) -> Result<SqlResult> {
        // SQL is parsed, planned and evaluated by deep recursion, deeper still in unoptimised
        // builds: a nested query can overflow the 2 MB stack of a test or server worker
        // thread. The query runs on a thread of its own with room to spare (address space
        // only; pages a query never touches cost nothing).
        std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name("newsgraph-sql".into())
                .stack_size(SQL_STACK)
                .spawn_scoped(scope, || {
                    check_read_only(query)?;
                    self.run_sql(query, max_rows, timeout)
                })
                .map_err(|e| StoreError::Sql(format!("starting the query thread: {e}")))?
                .join()
                .unwrap_or_else(|_| Err(StoreError::Sql("the query failed unexpectedly (panicked)".into())))
        })
    }

    fn run_sql(&self, query: &str, max_rows: usize, timeout: Duration) -> Result<SqlResult> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .map_err(|e| StoreError::Sql(format!("starting the query runtime: {e}")))?;
        let ctx = self.sql_context()?;
        let run = async {
            let options = SQLOptions::new()
                .with_allow_ddl(false)
                .with_allow_dml(false)
                .with_allow_statements(false);
            let df = ctx.sql_with_options(query, options).await.map_err(sql_err)?;
            let columns: Vec<String> = df.schema().fields().iter().map(|f| f.name().clone()).collect();
            // One row past the limit says whether there were more.
            let df = df.limit(0, Some(max_rows.saturating_add(1))).map_err(sql_err)?;
            let mut rows = Vec::new();
            for batch in df.collect().await.map_err(sql_err)? {
                rows.extend(batch_rows(&batch, max_rows.saturating_add(1) - rows.len())?);
            }
            let truncated = rows.len() > max_rows;
            rows.truncate(max_rows);
            Ok(SqlResult {
                columns,
                rows,
                truncated,
            })
        };
        runtime.block_on(async {
            match tokio::time::timeout(timeout, run).await {
                Ok(r) => r,
                Err(_) => Err(StoreError::Sql(format!(
                    "query stopped after the time limit of {:.1} s",
                    timeout.as_secs_f64()
                ))),
            }
        })
    }

    /// A session with every table registered over its committed files.
    fn sql_context(&self) -> Result<SessionContext> {
        // One partition: the runtime is single-threaded, and the store's callers (CLI, HTTP
        // server threads) bring their own parallelism.
        let config = SessionConfig::new()
            .with_target_partitions(1)
            .with_information_schema(true);
        let ctx = SessionContext::new_with_config(config);
        let mut schemas = BatchTables::schemas()?;
        schemas.insert("entities", entities_table(&Default::default()).finish()?.schema());
        for table in ALL_TABLES {
            let schema = schemas
                .get(table)
                .cloned()
                .ok_or_else(|| StoreError::Sql(format!("no schema for table {table}")))?;
            let urls = self
                .table_paths(table)
                .iter()
                .map(|p| ListingTableUrl::parse(p.to_string_lossy()).map_err(sql_err))
                .collect::<Result<Vec<_>>>()?;
            let provider: Arc<dyn datafusion::catalog::TableProvider> = if urls.is_empty() {
                // A table no batch has written yet (`events` of a format-1 store): empty.
                Arc::new(MemTable::try_new(schema, vec![vec![]]).map_err(sql_err)?)
            } else {
                let options = ListingOptions::new(Arc::new(ParquetFormat::default())).with_file_extension(".parquet");
                let config = ListingTableConfig::new_with_multi_paths(urls)
                    .with_listing_options(options)
                    .with_schema(schema);
                Arc::new(ListingTable::try_new(config).map_err(sql_err)?)
            };
            ctx.register_table(table, provider).map_err(sql_err)?;
        }
        Ok(ctx)
    }
}

/// The first `take` rows of a batch as JSON cells.
fn batch_rows(batch: &RecordBatch, take: usize) -> Result<Vec<Vec<serde_json::Value>>> {
    let n = batch.num_rows().min(take);
    let cols: Vec<Vec<serde_json::Value>> = batch
        .columns()
        .iter()
        .map(|c| column_json(&c.slice(0, n)))
        .collect::<Result<_>>()?;
    Ok((0..n).map(|i| cols.iter().map(|c| c[i].clone()).collect()).collect())
}

/// A column's cells as JSON: integers and floats as numbers, booleans, lists as arrays, nulls as
/// null; every other type (strings, dates, timestamps, decimals…) as Arrow displays it.
fn column_json(col: &ArrayRef) -> Result<Vec<serde_json::Value>> {
    use serde_json::Value;
    let n = col.len();
    let nulls = |i: usize| col.is_null(i);
    let dt = col.data_type();
    let out = match dt {
        DataType::Null => vec![Value::Null; n],
        DataType::Boolean => {
            let a = col
                .as_any()
                .downcast_ref::<arrow_array::BooleanArray>()
                .ok_or_else(|| sql_err("boolean column"))?;
            (0..n)
                .map(|i| if nulls(i) { Value::Null } else { Value::from(a.value(i)) })
                .collect()
        }
        DataType::UInt8 | DataType::UInt16 | DataType::UInt32 | DataType::UInt64 => {
            let c = cast(col, &DataType::UInt64).map_err(sql_err)?;
            let a = c
                .as_any()
                .downcast_ref::<arrow_array::UInt64Array>()
                .ok_or_else(|| sql_err("unsigned column"))?;
            (0..n)
                .map(|i| if nulls(i) { Value::Null } else { Value::from(a.value(i)) })
                .collect()
        }
        DataType::Int8 | DataType::Int16 | DataType::Int32 | DataType::Int64 => {
            let c = cast(col, &DataType::Int64).map_err(sql_err)?;
            let a = c
                .as_any()
                .downcast_ref::<arrow_array::Int64Array>()
                .ok_or_else(|| sql_err("integer column"))?;
            (0..n)
                .map(|i| if nulls(i) { Value::Null } else { Value::from(a.value(i)) })
                .collect()
        }
        DataType::Float16 | DataType::Float32 | DataType::Float64 => {
            let c = cast(col, &DataType::Float64).map_err(sql_err)?;
            let a = c
                .as_any()
                .downcast_ref::<arrow_array::Float64Array>()
                .ok_or_else(|| sql_err("float column"))?;
            (0..n)
                .map(|i| {
                    if nulls(i) {
                        Value::Null
                    } else {
                        serde_json::Number::from_f64(a.value(i)).map_or(Value::Null, Value::Number)
                    }
                })
                .collect()
        }
        DataType::List(_) | DataType::LargeList(_) => {
            let c = cast(
                col,
                &DataType::List(Arc::new(arrow_schema::Field::new_list_field(list_item_type(dt), true))),
            )
            .map_err(sql_err)?;
            let a = c
                .as_any()
                .downcast_ref::<arrow_array::ListArray>()
                .ok_or_else(|| sql_err("list column"))?;
            let mut v = Vec::with_capacity(n);
            for i in 0..n {
                v.push(if nulls(i) {
                    Value::Null
                } else {
                    Value::Array(column_json(&a.value(i))?)
                });
            }
            v
        }
        _ => {
            let options = FormatOptions::default();
            let f = ArrayFormatter::try_new(col.as_ref(), &options).map_err(sql_err)?;
            (0..n)
                .map(|i| {
                    if nulls(i) {
                        Value::Null
                    } else {
                        Value::from(f.value(i).to_string())
                    }
                })
                .collect()
        }
    };
    Ok(out)
}

fn list_item_type(dt: &DataType) -> DataType {
    match dt {
        DataType::List(f) | DataType::LargeList(f) => f.data_type().clone(),
        _ => DataType::Null,
    }
}
