//! Ingest: batches of analysed docs become one committed batch of the store.
//!
//! Commit protocol of batch `n` (see `docs/store.md`):
//! 1. write every table's part file `part-n.parquet` (temp file, fsync, rename) and the rewritten
//!    `entities` table, then fsync their directories;
//! 2. add the batch's documents (each carrying `batch = n`) to the index and commit it with
//!    payload `n`;
//! 3. write the manifest listing batch `n` atomically. The batch exists from this point on.
//!
//! A crash before 3 leaves files and index documents the manifest does not list: readers filter
//! index documents to `batch <= last` and read only listed files; the next writer deletes both.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::ops::Bound;
use std::path::{Path, PathBuf};

use newsgraph_core::{Article, Doc, Link};
use serde::Serialize;
use tantivy::collector::Count;
use tantivy::query::{RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::aggregates::{self, Appended, Delta, StoredQuote};
use crate::dates::to_day;
use crate::error::{io_err, Result, StoreError};
use crate::index::{self, Fields};
use crate::manifest::{resolve, sync_dir, BatchEntry, FileEntry, Manifest};
use crate::rows::{entities_table, etype_from_str, BatchTables, EntityAgg, BATCH_TABLES};
use crate::table::{list_strs, opt_str, part_path, read_parquet, table_dir, write_parquet, Cols};

/// Heap for the index writer: tantivy's minimum per thread is 15 MB; one thread leaves the other
/// core to the analysis pipeline.
const WRITER_HEAP: usize = 64 << 20;

/// What one batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BatchReport {
    /// The batch number committed, or `None` when every article was a duplicate.
    pub batch: Option<u64>,
    /// Articles added.
    pub added: u64,
    /// Articles skipped because the store (or an earlier doc of the same batch) has them.
    pub duplicates: u64,
}

/// What a whole ingest did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct IngestReport {
    /// Batches committed.
    pub batches: u64,
    /// Articles added.
    pub added: u64,
    /// Articles skipped as duplicates.
    pub duplicates: u64,
}

/// The one writer of a store. Opening it creates the store when absent and rolls back whatever
/// an interrupted ingest left behind.
pub struct StoreWriter {
    dir: PathBuf,
    manifest: Manifest,
    writer: IndexWriter,
    reader: IndexReader,
    fields: Fields,
    entities: BTreeMap<String, EntityAgg>,
    recovery: Recovery,
}

/// What [`StoreWriter::open`] undid of an interrupted ingest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Recovery {
    /// Batches committed to the index but not to the manifest, whose documents were deleted.
    pub rolled_back_batches: u64,
    /// Files under `tables/` the manifest did not list, removed.
    pub removed_files: u64,
}

impl std::fmt::Debug for StoreWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreWriter")
            .field("dir", &self.dir)
            .field("last_batch", &self.manifest.last_batch())
            .finish()
    }
}

impl StoreWriter {
    /// Opens the store at `dir` for writing, creating it (and `dir`) when absent.
    pub fn open(dir: impl AsRef<Path>) -> Result<StoreWriter> {
        let dir = dir.as_ref().to_path_buf();
        fs::create_dir_all(&dir).map_err(io_err("creating", &dir))?;
        let (mut manifest, fresh) = match Manifest::load(&dir) {
            Ok(m) => (m, false),
            Err(StoreError::NotFound { .. }) => (Manifest::default(), true),
            Err(e) => return Err(e),
        };
        let index: Index = index::open(&dir, true)?;
        let fields = index::fields(&index)?;
        let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_HEAP)?;
        let last = manifest.last_batch();
        let committed = index
            .load_metas()?
            .payload
            .and_then(|p| p.parse::<u64>().ok())
            .unwrap_or(0);
        if committed != last {
            // The index is ahead: a crash came between its commit and the manifest's.
            roll_back_index(&mut writer, fields, last)?;
        }
        if fresh {
            manifest.save(&dir)?;
        }
        // An older store is upgraded by the next commit: its batches stay as they are (no
        // `events`, no `analyses`), later batches have every table.
        manifest.version = crate::manifest::FORMAT_VERSION;
        let removed_files = clean_orphans(&dir, &manifest)?;
        let recovery = Recovery {
            rolled_back_batches: committed.saturating_sub(last),
            removed_files,
        };
        if manifest.aggregates.is_none() {
            // A store of format 1 or 2: build the aggregates of its batches once, committed by a
            // manifest of this build's version. A crash before that manifest leaves only
            // unlisted segment files, which the next open removes before building again.
            let segments = backfill_aggregates(&dir, &manifest)?;
            manifest.aggregates = Some(segments.list);
            manifest.save(&dir)?;
            for gone in aggregates::superseded(
                &[],
                &segments.written,
                manifest.aggregates.as_deref().unwrap_or_default(),
            ) {
                let _ = fs::remove_file(resolve(&dir, gone));
            }
        }
        let entities = load_entities(&dir, &manifest)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(StoreWriter {
            dir,
            manifest,
            writer,
            reader,
            fields,
            entities,
            recovery,
        })
    }

    /// What opening had to undo of an interrupted ingest.
    pub fn recovery(&self) -> Recovery {
        self.recovery
    }

    /// The manifest as last committed.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Ingests `docs` in batches of `batch_size` (at least 1), committing each.
    pub fn ingest<I>(&mut self, docs: I, batch_size: usize) -> Result<IngestReport>
    where
        I: IntoIterator<Item = Doc>,
    {
        let mut report = IngestReport::default();
        let mut buf = Vec::with_capacity(batch_size.max(1));
        let mut flush = |w: &mut StoreWriter, buf: &mut Vec<Doc>| -> Result<()> {
            let r = w.ingest_batch(buf)?;
            buf.clear();
            report.batches += u64::from(r.batch.is_some());
            report.added += r.added;
            report.duplicates += r.duplicates;
            Ok(())
        };
        for doc in docs {
            buf.push(doc);
            if buf.len() >= batch_size.max(1) {
                flush(self, &mut buf)?;
            }
        }
        if !buf.is_empty() {
            flush(self, &mut buf)?;
        }
        Ok(report)
    }

    /// Ingests one batch: the articles not already stored become batch `last + 1`, committed
    /// atomically. When every article is a duplicate nothing is written.
    pub fn ingest_batch(&mut self, docs: &[Doc]) -> Result<BatchReport> {
        let searcher = self.reader.searcher();
        let stored = |field, value: &str| -> Result<bool> {
            let q = TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic);
            Ok(searcher.search(&q, &Count)? > 0)
        };
        let mut ids = HashSet::new();
        let mut cids = HashSet::new();
        let mut fresh = Vec::new();
        let mut duplicates = 0;
        for doc in docs {
            let a = &doc.article;
            let cid = Article::content_id(&a.text, a.date);
            let dup = ids.contains(&a.id)
                || cids.contains(&cid)
                || stored(self.fields.id, &a.id)?
                || stored(self.fields.content_id, &cid)?;
            if dup {
                duplicates += 1;
                continue;
            }
            ids.insert(a.id.clone());
            cids.insert(cid.clone());
            fresh.push((doc, cid));
        }
        if fresh.is_empty() {
            return Ok(BatchReport {
                batch: None,
                added: 0,
                duplicates,
            });
        }

        let n = self.manifest.last_batch() + 1;
        let mut tables = BatchTables::new();
        let mut entities = self.entities.clone();
        let mut delta = Delta::default();
        for (doc, cid) in &fresh {
            tables.add(doc, cid, n, &mut entities, &mut delta);
        }
        let mut files = BTreeMap::new();
        let built = tables.into_tables();
        for (name, table) in BATCH_TABLES.iter().zip(built) {
            let rel = part_path(name, n);
            files.insert(name.to_string(), self.write_table(name, &rel, table)?);
        }
        let entities_file = self.write_table("entities", &part_path("entities", n), entities_table(&entities))?;
        sync_dir(&self.dir.join("tables"))?;
        let before = self.manifest.aggregates.clone().unwrap_or_default();
        let appended = aggregates::append(&self.dir, &before, delta.write(&self.dir, n)?)?;
        sync_dir(&self.dir)?;

        let mut manifest = self.manifest.clone();
        manifest.batches.push(BatchEntry {
            batch: n,
            articles: fresh.len() as u64,
            duplicates,
            files,
        });
        manifest.entities = Some(entities_file);
        manifest.aggregates = Some(appended.list.clone());
        if let Err(e) = self.commit_index_and_manifest(&fresh, n, &manifest) {
            // Leave the index as the manifest on disk says, so a later batch on this writer
            // neither commits these documents nor finds them as duplicates.
            let _ = self.writer.rollback();
            let _ = roll_back_index(&mut self.writer, self.fields, self.manifest.last_batch());
            let _ = self.reader.reload();
            return Err(e);
        }
        let old_entities = self.manifest.entities.clone();
        self.manifest = manifest;
        self.entities = entities;
        if let Some(old) = old_entities {
            // Superseded; a crash before this line leaves an orphan the next open removes.
            let _ = fs::remove_file(resolve(&self.dir, &old.path));
        }
        for gone in aggregates::superseded(&before, &appended.written, &appended.list) {
            let _ = fs::remove_file(resolve(&self.dir, gone));
        }
        self.reader.reload()?;
        Ok(BatchReport {
            batch: Some(n),
            added: fresh.len() as u64,
            duplicates,
        })
    }

    fn commit_index_and_manifest(&mut self, fresh: &[(&Doc, String)], n: u64, manifest: &Manifest) -> Result<()> {
        for (doc, cid) in fresh {
            self.writer.add_document(self.index_doc(doc, cid, n))?;
        }
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&n.to_string());
        prepared.commit()?;
        manifest.save(&self.dir)
    }

    /// Waits for background index merges to finish. Dropping the writer instead is safe (what
    /// was committed stays committed) but may leave merges undone.
    pub fn close(self) -> Result<()> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }

    fn write_table(&self, name: &str, rel: &str, table: crate::table::TableBuilder) -> Result<FileEntry> {
        let dir = table_dir(&self.dir, name);
        fs::create_dir_all(&dir).map_err(io_err("creating", &dir))?;
        let rows = write_parquet(&resolve(&self.dir, rel), &table.finish()?)?;
        sync_dir(&dir)?;
        Ok(FileEntry {
            path: rel.to_string(),
            rows,
        })
    }

    fn index_doc(&self, doc: &Doc, cid: &str, batch: u64) -> TantivyDocument {
        let f = &self.fields;
        let a = &doc.article;
        let mut d = TantivyDocument::new();
        d.add_text(f.id, &a.id);
        d.add_text(f.content_id, cid);
        if let Some(t) = &a.title {
            d.add_text(f.title, t);
        }
        d.add_text(f.text, &a.text);
        if let Some(s) = &a.source {
            d.add_text(f.source, s);
        }
        d.add_i64(f.date, i64::from(to_day(a.date)));
        let mut ids = BTreeSet::new();
        let mut names = BTreeSet::new();
        for e in &doc.entities {
            ids.insert(crate::rows::entity_id(e.etype, &e.name, e.link.as_ref()));
            names.insert(e.name.as_str());
        }
        for id in &ids {
            d.add_text(f.entity, id);
        }
        for n in names {
            d.add_text(f.entity_name, n);
        }
        if let Some(t) = &doc.tone {
            d.add_f64(f.tone, t.tone);
        }
        d.add_u64(f.batch, batch);
        d
    }
}

/// Deletes the index documents of batches after `last` and commits with payload `last`.
fn roll_back_index(writer: &mut IndexWriter, fields: Fields, last: u64) -> Result<()> {
    writer.delete_query(Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_u64(fields.batch, last + 1)),
        Bound::Unbounded,
    )))?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&last.to_string());
    prepared.commit()?;
    Ok(())
}

/// Removes table files the manifest does not list (parts of uncommitted batches, temp files,
/// superseded entity tables) and a stray manifest temp file; returns how many.
fn clean_orphans(dir: &Path, manifest: &Manifest) -> Result<u64> {
    let mut removed = 0;
    let listed: HashSet<PathBuf> = manifest
        .batches
        .iter()
        .flat_map(|b| b.files.values())
        .chain(manifest.entities.iter())
        .map(|f| resolve(dir, &f.path))
        .chain(manifest.aggregates.iter().flatten().map(|s| resolve(dir, &s.path)))
        .collect();
    let mut folders = Vec::new();
    let tables = dir.join("tables");
    if tables.is_dir() {
        for t in fs::read_dir(&tables).map_err(io_err("listing", &tables))? {
            let t = t.map_err(io_err("listing", &tables))?.path();
            if t.is_dir() {
                folders.push(t);
            }
        }
    }
    let aggs = dir.join(aggregates::DIR);
    if aggs.is_dir() {
        folders.push(aggs);
    }
    for t in folders {
        for f in fs::read_dir(&t).map_err(io_err("listing", &t))? {
            let f = f.map_err(io_err("listing", &t))?.path();
            if !listed.contains(&f) {
                fs::remove_file(&f).map_err(io_err("removing", &f))?;
                removed += 1;
            }
        }
    }
    let tmp = dir.join("manifest.json.tmp");
    if tmp.exists() {
        fs::remove_file(&tmp).map_err(io_err("removing", &tmp))?;
    }
    Ok(removed)
}

/// The corpus-level entities as of the manifest's last batch.
pub(crate) fn load_entities(dir: &Path, manifest: &Manifest) -> Result<BTreeMap<String, EntityAgg>> {
    let mut out = BTreeMap::new();
    let Some(file) = &manifest.entities else {
        return Ok(out);
    };
    let path = resolve(dir, &file.path);
    for batch in read_parquet(&path, None)? {
        let c = Cols::new(&batch, &path);
        let (id, name, ty) = (c.str("entity_id")?, c.str("name")?, c.str("type")?);
        let (lk, ln, gid) = (c.str("link_kind")?, c.str("link_name")?, c.i64("geonames_id")?);
        let (country, lat, lon) = (c.str("country")?, c.f64("lat")?, c.f64("lon")?);
        let (aliases, arts, ments) = (c.list("aliases")?, c.u64("articles")?, c.u64("mentions")?);
        let (first, last) = (c.date("first_date")?, c.date("last_date")?);
        use arrow_array::Array;
        for i in 0..batch.num_rows() {
            let etype = etype_from_str(ty.value(i)).ok_or_else(|| StoreError::Corrupt {
                path: path.clone(),
                message: format!("unknown entity type {:?}", ty.value(i)),
            })?;
            let link = opt_str(lk, i).map(|kind| Link {
                geonames_id: (!gid.is_null(i))
                    .then(|| gid.value(i))
                    .and_then(|g| u64::try_from(g).ok()),
                country: opt_str(country, i),
                lat: (!lat.is_null(i)).then(|| lat.value(i)),
                lon: (!lon.is_null(i)).then(|| lon.value(i)),
                kind,
                name: opt_str(ln, i).unwrap_or_default(),
            });
            out.insert(
                id.value(i).to_string(),
                EntityAgg {
                    name: name.value(i).to_string(),
                    etype,
                    link,
                    aliases: list_strs(aliases, i).into_iter().collect(),
                    articles: arts.value(i),
                    mentions: ments.value(i),
                    first_day: first.value(i),
                    last_day: last.value(i),
                },
            );
        }
    }
    Ok(out)
}

/// The aggregates of every batch of a store written before they existed (format 1 or 2), built
/// batch by batch from its `mentions`, `quotes` and `articles` tables exactly as an ingest builds
/// them, so memory follows one batch, not the corpus.
fn backfill_aggregates(dir: &Path, manifest: &Manifest) -> Result<Appended> {
    use arrow_array::Array;
    let mut list = Vec::new();
    let mut written = Vec::new();
    for b in &manifest.batches {
        let mut delta = Delta::default();
        if let Some(file) = b.files.get("mentions") {
            let path = resolve(dir, &file.path);
            let mut per_article: BTreeMap<String, (i32, BTreeSet<u64>)> = BTreeMap::new();
            for batch in read_parquet(&path, Some(&["article_id", "date", "entity_id"]))? {
                let c = Cols::new(&batch, &path);
                let (art, date, ent) = (c.str("article_id")?, c.date("date")?, c.str("entity_id")?);
                for i in 0..batch.num_rows() {
                    let id = aggregates::id_num(ent.value(i)).ok_or_else(|| StoreError::Corrupt {
                        path: path.clone(),
                        message: format!("entity id {:?} is not e + 16 hex digits", ent.value(i)),
                    })?;
                    let e = per_article
                        .entry(art.value(i).to_string())
                        .or_insert_with(|| (date.value(i), BTreeSet::new()));
                    e.1.insert(id);
                }
            }
            for (day, ids) in per_article.values() {
                delta.add_article(*day, ids);
            }
        }
        if let Some(file) = b.files.get("quotes") {
            let mut titles: BTreeMap<String, String> = BTreeMap::new();
            if let Some(arts) = b.files.get("articles") {
                let path = resolve(dir, &arts.path);
                for batch in read_parquet(&path, Some(&["id", "title"]))? {
                    let c = Cols::new(&batch, &path);
                    let (id, title) = (c.str("id")?, c.str("title")?);
                    for i in 0..batch.num_rows() {
                        if !title.is_null(i) {
                            titles.insert(id.value(i).to_string(), title.value(i).to_string());
                        }
                    }
                }
            }
            crate::query::scan_quotes(&resolve(dir, &file.path), None, None, &mut |q, day, index| {
                let Some(n) = q.speaker_entity.as_deref().and_then(aggregates::id_num) else {
                    return;
                };
                delta.add_quote(
                    n,
                    StoredQuote {
                        day,
                        title: titles.get(&q.article_id).cloned(),
                        article_id: q.article_id,
                        index,
                        kind: q.kind,
                        text: q.text,
                        speaker: q.speaker,
                        speaker_name: q.speaker_name,
                        cue: q.cue,
                        context: q.context,
                    },
                );
            })?;
        }
        let a = aggregates::append(dir, &list, delta.write(dir, b.batch)?)?;
        list = a.list;
        written.extend(a.written);
    }
    sync_dir(dir)?;
    Ok(Appended { list, written })
}
