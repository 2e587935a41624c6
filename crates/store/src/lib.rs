//! The newsgraph corpus store: one directory holding millions of analysed articles.
//!
//! - a [tantivy](https://docs.rs/tantivy) index of the articles (BM25 search, snippets, date
//!   ranges, facets and aggregations);
//! - Parquet tables of every extracted layer (`articles`, `entities`, `mentions`, `quotes`,
//!   `timexes`, `amounts`, `tone`), which Spark, DuckDB or Polars read directly;
//! - per-entity aggregates (timelines, co-occurrence counts, newest quotes) kept up to date at
//!   ingest in merged segment files, so entity profiles cost the same at any corpus size;
//! - a versioned `manifest.json` listing what is committed, so that a crash at any moment leaves
//!   a store that opens with everything committed before it.
//!
//! The layout and commit protocol are described in `docs/store.md`.
//!
//! ```
//! use newsgraph_core::{Article, Doc};
//! use newsgraph_store::{SearchRequest, Store, StoreWriter};
//! let dir = tempfile::tempdir().unwrap();
//! let date = chrono::NaiveDate::from_ymd_opt(2018, 11, 2).unwrap();
//! let doc = Doc::new(Article::new("Trade talks resumed in Beijing.", date));
//! let mut w = StoreWriter::open(dir.path()).unwrap();
//! let report = w.ingest(vec![doc.clone(), doc], 100).unwrap();
//! assert_eq!((report.added, report.duplicates), (1, 1));
//! w.close().unwrap();
//! let store = Store::open(dir.path()).unwrap();
//! let found = store.search(&SearchRequest { query: "beijing".into(), limit: 10, ..Default::default() }).unwrap();
//! assert_eq!(found.total, 1);
//! ```

#![warn(missing_docs)]

mod aggregates;
mod analysis;
mod dates;
mod error;
mod events;
mod export;
mod graph;
mod index;
mod manifest;
mod query;
mod rows;
mod sql;
mod table;
mod writer;

pub use dates::Period;
pub use error::{Result, StoreError};
pub use events::{EventEvidence, EventHit, EventPlace, EventRequest, EventSide};
pub use export::{ExportFormat, ExportedTable};
pub use graph::GraphFormat;
pub use manifest::{
    AggregateSegment, BatchEntry, FileEntry, Manifest, FORMAT_VERSION, MANIFEST_FILE, OLDEST_READABLE_VERSION,
};
pub use query::{
    EntityCount, EntityProfile, Graph, GraphEdge, GraphNode, GraphRequest, Hit, NameCount, PeriodCount, QuoteHit,
    QuoteRequest, SearchRequest, SearchResult, Stats, Store, TableStats, VerifyReport,
};
pub use rows::{entity_id, normalize_name, ALL_TABLES};
pub use sql::{SqlResult, DEFAULT_SQL_TIMEOUT};
pub use writer::{BatchReport, IngestReport, Recovery, StoreWriter};
