//! The versioned manifest: the single source of truth for what a store contains.
//!
//! Anything on disk that the manifest does not list (Parquet files, index documents of a later
//! batch) is the remains of an interrupted ingest and is ignored by readers and cleaned by writers.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use crate::aggregates::AggregateSegment;
use crate::error::{io_err, Result, StoreError};

/// The on-disk format version this build writes. Version 2 added the `events` and `analyses`
/// tables; version 3 the per-entity aggregate segments (`aggregates/`). Older stores are read as
/// they are, and a writer upgrades them (their articles keep no full analysis; their aggregates
/// are built from their tables when the writer opens).
pub const FORMAT_VERSION: u32 = 3;
/// The oldest format version this build reads.
pub const OLDEST_READABLE_VERSION: u32 = 1;
/// The value of the manifest's `format` field.
pub const FORMAT_NAME: &str = "newsgraph-store";
/// The manifest's file name inside the store directory.
pub const MANIFEST_FILE: &str = "manifest.json";

/// One Parquet file listed in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Path relative to the store directory, with `/` separators.
    pub path: String,
    /// Rows in the file.
    pub rows: u64,
}

/// One committed ingest batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchEntry {
    /// Batch number, from 1, strictly increasing.
    pub batch: u64,
    /// Articles added by the batch.
    pub articles: u64,
    /// Articles of the batch skipped as already stored.
    pub duplicates: u64,
    /// The batch's file of each append-only table (`articles`, `mentions`, …).
    pub files: BTreeMap<String, FileEntry>,
}

/// The manifest (`manifest.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT_NAME`].
    pub format: String,
    /// Format version; a reader refuses any outside [`OLDEST_READABLE_VERSION`]..=[`FORMAT_VERSION`].
    pub version: u32,
    /// Committed batches, in order.
    pub batches: Vec<BatchEntry>,
    /// The current corpus-level `entities` table, rewritten whole by every batch.
    pub entities: Option<FileEntry>,
    /// The per-entity aggregate segments (version 3), covering batches 1..=last in order.
    /// `None` in older stores, whose profiles are computed from the index and tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregates: Option<Vec<AggregateSegment>>,
}

impl Default for Manifest {
    fn default() -> Manifest {
        Manifest {
            format: FORMAT_NAME.to_string(),
            version: FORMAT_VERSION,
            batches: Vec::new(),
            entities: None,
            aggregates: Some(Vec::new()),
        }
    }
}

impl Manifest {
    /// The last committed batch number (0 for an empty store).
    pub fn last_batch(&self) -> u64 {
        self.batches.last().map_or(0, |b| b.batch)
    }

    /// Articles in the store.
    pub fn articles(&self) -> u64 {
        self.batches.iter().map(|b| b.articles).sum()
    }

    /// Duplicates skipped over the store's life.
    pub fn duplicates(&self) -> u64 {
        self.batches.iter().map(|b| b.duplicates).sum()
    }

    /// The aggregate segments, when they cover every committed batch.
    pub fn complete_aggregates(&self) -> Option<&[AggregateSegment]> {
        let segs = self.aggregates.as_deref()?;
        let covered = segs.last().map_or(0, |s| s.last_batch);
        (covered == self.last_batch()).then_some(segs)
    }

    /// Files of one append-only table, in batch order.
    pub fn table_files(&self, table: &str) -> Vec<&FileEntry> {
        if table == "entities" {
            return self.entities.iter().collect();
        }
        self.batches.iter().filter_map(|b| b.files.get(table)).collect()
    }

    /// Total rows of one table.
    pub fn table_rows(&self, table: &str) -> u64 {
        self.table_files(table).iter().map(|f| f.rows).sum()
    }

    /// Reads and validates the manifest of the store at `dir`.
    pub fn load(dir: &Path) -> Result<Manifest> {
        let path = dir.join(MANIFEST_FILE);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::NotFound {
                    path: dir.to_path_buf(),
                })
            }
            Err(e) => return Err(io_err("reading", &path)(e)),
        };
        // Check the version before the full shape, so a future format is refused as such
        // rather than as corrupt.
        let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
            path: path.clone(),
            message: e.to_string(),
        })?;
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT_NAME) {
            return Err(StoreError::Corrupt {
                path,
                message: format!("`format` is not {FORMAT_NAME:?}"),
            });
        }
        let found = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
        if !(u64::from(OLDEST_READABLE_VERSION)..=u64::from(FORMAT_VERSION)).contains(&found) {
            return Err(StoreError::UnsupportedVersion {
                path: dir.to_path_buf(),
                found: u32::try_from(found).unwrap_or(u32::MAX),
                supported: FORMAT_VERSION,
            });
        }
        serde_json::from_value(value).map_err(|e| StoreError::Corrupt {
            path,
            message: e.to_string(),
        })
    }

    /// Writes the manifest atomically: temp file, fsync, rename, fsync of the directory. A crash
    /// at any point leaves either the old or the new manifest, never a torn one.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let tmp = dir.join("manifest.json.tmp");
        let json = serde_json::to_vec_pretty(self).map_err(|e| StoreError::Corrupt {
            path: tmp.clone(),
            message: e.to_string(),
        })?;
        write_durable(&tmp, &json)?;
        let path = dir.join(MANIFEST_FILE);
        fs::rename(&tmp, &path).map_err(io_err("renaming", &tmp))?;
        sync_dir(dir)
    }
}

/// Writes `bytes` to `path` and fsyncs the file.
pub(crate) fn write_durable(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = File::create(path).map_err(io_err("creating", path))?;
    f.write_all(bytes).map_err(io_err("writing", path))?;
    f.sync_all().map_err(io_err("syncing", path))
}

/// Fsyncs a directory so that renames and creations in it are durable.
pub(crate) fn sync_dir(dir: &Path) -> Result<()> {
    let f = File::open(dir).map_err(io_err("opening", dir))?;
    f.sync_all().map_err(io_err("syncing", dir))
}

/// `dir/rel` for a manifest-relative path.
pub(crate) fn resolve(dir: &Path, rel: &str) -> PathBuf {
    rel.split('/').fold(dir.to_path_buf(), |p, c| p.join(c))
}
