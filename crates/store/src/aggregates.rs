//! Per-entity aggregates, maintained at ingest so an entity profile costs the same at any corpus
//! size: for each corpus-level entity, the articles mentioning it per day (its timeline), the
//! articles it shares with every other entity (co-occurrence counts) and its newest quotes.
//!
//! They live in immutable *segment* files (`aggregates/seg-<first>-<last>.ngagg`), each holding
//! the aggregates of a contiguous range of batches. Every batch writes one segment of its own
//! and, when the last [`FANOUT`] segments are of the same tier (`floor(log_FANOUT(batches))`),
//! merges them into one (a base-[`FANOUT`] counter): a store of `n` batches has at most
//! `(FANOUT - 1) * log_FANOUT(n)` segments, and each batch's aggregates are rewritten about
//! `log_FANOUT(n)` times over the store's life. Every aggregate is a sum (counts) or a bounded
//! top-k (quotes), so merging is exact and the order of merges does not matter.
//!
//! Segments follow the store's commit protocol: written to a temp file, fsynced, renamed, listed
//! in the manifest of the batch that made them; files the manifest does not list are never read
//! and are removed by the next writer.
//!
//! File layout (all integers little-endian):
//! ```text
//! "NGAGG\x01\0\0"                                 magic and segment format 1
//! record*                                         one per entity, in ascending id order
//! (id: u64, offset: u64, len: u32)*               the index, ascending id
//! index_offset: u64, count: u64, fnv1a64: u64, "NGAGGEND"   footer (hash of all bytes before it)
//! ```
//! A record is LEB128 varints: the days (`n`, then per day the zigzag delta from the previous day
//! and the article count), the co-occurring entities (`n`, then the id delta and the count), the
//! number of quotes ever attributed to the entity, and its newest quotes (at most
//! [`QUOTES_KEPT`]), each as day, position, and length-prefixed strings.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{io_err, Result, StoreError};
use crate::manifest::{resolve, sync_dir};

/// Newest quotes kept per speaker entity. Profiles and speaker queries asking for more (or
/// filtering past them) read the `quotes` table instead.
pub(crate) const QUOTES_KEPT: usize = 64;
/// Segments of one tier merged into one of the next.
pub(crate) const FANOUT: u64 = 4;
/// The folder of segment files.
pub(crate) const DIR: &str = "aggregates";

const MAGIC: &[u8; 8] = b"NGAGG\x01\0\0";
const END: &[u8; 8] = b"NGAGGEND";
const FOOTER: u64 = 32;
const ENTRY: u64 = 20;

/// One aggregate segment listed in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AggregateSegment {
    /// Path relative to the store directory.
    pub path: String,
    /// First batch whose aggregates it holds.
    pub first_batch: u64,
    /// Last batch whose aggregates it holds.
    pub last_batch: u64,
    /// Entities (records) in it.
    pub entities: u64,
    /// File size.
    pub bytes: u64,
    /// FNV-1a 64 of every byte before the footer, as 16 hex digits (checked by `verify`).
    pub checksum: String,
}

impl AggregateSegment {
    fn tier(&self) -> u32 {
        let mut span = self.last_batch.saturating_sub(self.first_batch) + 1;
        let mut t = 0;
        while span >= FANOUT {
            span /= FANOUT;
            t += 1;
        }
        t
    }
}

/// One quote kept in a speaker's aggregate, with everything a quote hit shows.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StoredQuote {
    pub day: i32,
    pub article_id: String,
    pub index: u64,
    pub kind: String,
    pub text: String,
    pub speaker: Option<String>,
    pub speaker_name: Option<String>,
    pub cue: Option<String>,
    pub context: String,
    pub title: Option<String>,
}

/// Newest first, then article id, then position: the order quote listings use.
pub(crate) fn quote_order(a: &StoredQuote, b: &StoredQuote) -> Ordering {
    b.day
        .cmp(&a.day)
        .then_with(|| a.article_id.cmp(&b.article_id))
        .then(a.index.cmp(&b.index))
}

/// The aggregates of one entity over some batches.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct EntityStats {
    /// Day (days since 1970-01-01) → articles mentioning the entity that day.
    pub days: BTreeMap<i32, u64>,
    /// Other entity (numeric id) → articles mentioning both.
    pub cooc: BTreeMap<u64, u64>,
    /// Quotes ever attributed to the entity (`quotes` may hold fewer).
    pub quote_total: u64,
    /// Its newest quotes, in [`quote_order`], at most [`QUOTES_KEPT`].
    pub quotes: Vec<StoredQuote>,
}

impl EntityStats {
    /// Folds `other` (the aggregates of other batches) into `self`.
    pub(crate) fn merge(&mut self, other: EntityStats) {
        for (d, n) in other.days {
            *self.days.entry(d).or_default() += n;
        }
        for (e, n) in other.cooc {
            *self.cooc.entry(e).or_default() += n;
        }
        self.quote_total += other.quote_total;
        self.quotes.extend(other.quotes);
        self.settle_quotes();
    }

    fn settle_quotes(&mut self) {
        self.quotes.sort_by(quote_order);
        self.quotes.truncate(QUOTES_KEPT);
    }

    /// Whether `quotes` holds every quote of the entity.
    pub(crate) fn all_quotes_kept(&self) -> bool {
        self.quote_total == self.quotes.len() as u64
    }
}

/// The numeric form of a corpus entity id (`e` + 16 hex digits).
pub(crate) fn id_num(id: &str) -> Option<u64> {
    let hex = id.strip_prefix('e')?;
    if hex.len() != 16 {
        return None;
    }
    u64::from_str_radix(hex, 16).ok()
}

/// The string form of a numeric entity id.
pub(crate) fn id_str(n: u64) -> String {
    format!("e{n:016x}")
}

/// The aggregates of the articles of one batch, being built.
#[derive(Debug, Default)]
pub(crate) struct Delta {
    pub map: BTreeMap<u64, EntityStats>,
}

impl Delta {
    /// One article published on `day` mentioning the entities `ids`.
    pub(crate) fn add_article(&mut self, day: i32, ids: &BTreeSet<u64>) {
        for &id in ids {
            let s = self.map.entry(id).or_default();
            *s.days.entry(day).or_default() += 1;
            for &other in ids {
                if other != id {
                    *s.cooc.entry(other).or_default() += 1;
                }
            }
        }
    }

    /// One quote attributed to the entity `speaker`.
    pub(crate) fn add_quote(&mut self, speaker: u64, q: StoredQuote) {
        let s = self.map.entry(speaker).or_default();
        s.quote_total += 1;
        s.quotes.push(q);
        // Bounded while building, so one article with thousands of quotes stays cheap.
        if s.quotes.len() > 2 * QUOTES_KEPT {
            s.settle_quotes();
        }
    }

    /// Writes the delta as the segment of batch `n`.
    pub(crate) fn write(mut self, dir: &Path, n: u64) -> Result<AggregateSegment> {
        let mut w = SegmentWriter::create(dir, n, n)?;
        for (id, s) in self.map.iter_mut() {
            s.settle_quotes();
            w.add(*id, &encode(s))?;
        }
        w.finish()
    }
}

// ---- encoding ---------------------------------------------------------------------------------

fn put_var(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zig(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzig(u: u64) -> i64 {
    ((u >> 1) as i64) ^ -((u & 1) as i64)
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_var(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn put_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => put_var(out, 0),
        Some(s) => {
            put_var(out, s.len() as u64 + 1);
            out.extend_from_slice(s.as_bytes());
        }
    }
}

pub(crate) fn encode(s: &EntityStats) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + 4 * (s.days.len() + s.cooc.len()));
    put_var(&mut out, s.days.len() as u64);
    let mut prev = 0i64;
    for (&d, &n) in &s.days {
        put_var(&mut out, zig(i64::from(d) - prev));
        prev = i64::from(d);
        put_var(&mut out, n);
    }
    put_var(&mut out, s.cooc.len() as u64);
    let mut prev = 0u64;
    for (&e, &n) in &s.cooc {
        put_var(&mut out, e - prev);
        prev = e;
        put_var(&mut out, n);
    }
    put_var(&mut out, s.quote_total);
    put_var(&mut out, s.quotes.len() as u64);
    for q in &s.quotes {
        put_var(&mut out, zig(i64::from(q.day)));
        put_var(&mut out, q.index);
        put_str(&mut out, &q.article_id);
        put_str(&mut out, &q.kind);
        put_str(&mut out, &q.text);
        put_str(&mut out, &q.context);
        put_opt(&mut out, q.speaker.as_deref());
        put_opt(&mut out, q.speaker_name.as_deref());
        put_opt(&mut out, q.cue.as_deref());
        put_opt(&mut out, q.title.as_deref());
    }
    out
}

struct Dec<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Dec<'a> {
    fn var(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.b.get(self.pos)?;
            self.pos += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(v);
            }
        }
        None
    }
    fn bytes(&mut self, len: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(len)?;
        let s = self.b.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    fn str(&mut self) -> Option<String> {
        let len = usize::try_from(self.var()?).ok()?;
        String::from_utf8(self.bytes(len)?.to_vec()).ok()
    }
    fn opt(&mut self) -> Option<Option<String>> {
        let len = usize::try_from(self.var()?).ok()?;
        if len == 0 {
            return Some(None);
        }
        String::from_utf8(self.bytes(len - 1)?.to_vec()).ok().map(Some)
    }
}

pub(crate) fn decode(b: &[u8]) -> Option<EntityStats> {
    let mut d = Dec { b, pos: 0 };
    let mut s = EntityStats::default();
    let mut prev = 0i64;
    for _ in 0..d.var()? {
        prev += unzig(d.var()?);
        s.days.insert(i32::try_from(prev).ok()?, d.var()?);
    }
    let mut prev = 0u64;
    for _ in 0..d.var()? {
        prev = prev.checked_add(d.var()?)?;
        s.cooc.insert(prev, d.var()?);
    }
    s.quote_total = d.var()?;
    for _ in 0..d.var()? {
        let day = i32::try_from(unzig(d.var()?)).ok()?;
        let index = d.var()?;
        s.quotes.push(StoredQuote {
            day,
            index,
            article_id: d.str()?,
            kind: d.str()?,
            text: d.str()?,
            context: d.str()?,
            speaker: d.opt()?,
            speaker_name: d.opt()?,
            cue: d.opt()?,
            title: d.opt()?,
        });
    }
    (d.pos == b.len()).then_some(s)
}

// ---- segment files ----------------------------------------------------------------------------

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// The manifest-relative path of the segment of batches `first..=last`.
pub(crate) fn segment_path(first: u64, last: u64) -> String {
    format!("{DIR}/seg-{first:06}-{last:06}.ngagg")
}

struct SegmentWriter {
    w: BufWriter<File>,
    tmp: PathBuf,
    path: PathBuf,
    rel: String,
    first: u64,
    last: u64,
    pos: u64,
    hash: u64,
    index: Vec<u8>,
    count: u64,
    prev: Option<u64>,
}

impl SegmentWriter {
    fn create(dir: &Path, first: u64, last: u64) -> Result<SegmentWriter> {
        let folder = dir.join(DIR);
        fs::create_dir_all(&folder).map_err(io_err("creating", &folder))?;
        let rel = segment_path(first, last);
        let path = resolve(dir, &rel);
        let tmp = path.with_extension("ngagg.tmp");
        let f = File::create(&tmp).map_err(io_err("creating", &tmp))?;
        let mut w = SegmentWriter {
            w: BufWriter::with_capacity(1 << 20, f),
            tmp,
            path,
            rel,
            first,
            last,
            pos: 0,
            hash: FNV_START,
            index: Vec::new(),
            count: 0,
            prev: None,
        };
        w.put(MAGIC)?;
        Ok(w)
    }

    fn put(&mut self, bytes: &[u8]) -> Result<()> {
        self.w.write_all(bytes).map_err(io_err("writing", &self.tmp))?;
        self.hash = fnv(self.hash, bytes);
        self.pos += bytes.len() as u64;
        Ok(())
    }

    /// Appends the record of entity `id`; ids must come in ascending order.
    fn add(&mut self, id: u64, record: &[u8]) -> Result<()> {
        if self.prev.is_some_and(|p| p >= id) {
            return Err(StoreError::Invalid(format!(
                "aggregate records out of order at {}",
                id_str(id)
            )));
        }
        self.prev = Some(id);
        let len = u32::try_from(record.len())
            .map_err(|_| StoreError::Invalid(format!("aggregate record of {} too large", id_str(id))))?;
        self.index.extend_from_slice(&id.to_le_bytes());
        self.index.extend_from_slice(&self.pos.to_le_bytes());
        self.index.extend_from_slice(&len.to_le_bytes());
        self.count += 1;
        self.put(record)
    }

    fn finish(mut self) -> Result<AggregateSegment> {
        let index_offset = self.pos;
        let index = std::mem::take(&mut self.index);
        self.put(&index)?;
        let mut footer = Vec::with_capacity(FOOTER as usize);
        footer.extend_from_slice(&index_offset.to_le_bytes());
        footer.extend_from_slice(&self.count.to_le_bytes());
        footer.extend_from_slice(&self.hash.to_le_bytes());
        footer.extend_from_slice(END);
        self.w.write_all(&footer).map_err(io_err("writing", &self.tmp))?;
        let f = self
            .w
            .into_inner()
            .map_err(|e| io_err("writing", &self.tmp)(e.into_error()))?;
        f.sync_all().map_err(io_err("syncing", &self.tmp))?;
        drop(f);
        fs::rename(&self.tmp, &self.path).map_err(io_err("renaming", &self.tmp))?;
        Ok(AggregateSegment {
            path: self.rel,
            first_batch: self.first,
            last_batch: self.last,
            entities: self.count,
            bytes: self.pos + FOOTER,
            checksum: format!("{:016x}", self.hash),
        })
    }
}

#[cfg(unix)]
fn read_at(f: &File, buf: &mut [u8], off: u64) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    f.read_exact_at(buf, off)
}

#[cfg(windows)]
fn read_at(f: &File, buf: &mut [u8], off: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    let mut done = 0;
    while done < buf.len() {
        let n = f.seek_read(&mut buf[done..], off + done as u64)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        done += n;
    }
    Ok(())
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

/// A segment opened for look-ups.
#[derive(Debug)]
pub(crate) struct Segment {
    file: File,
    path: PathBuf,
    index_offset: u64,
    count: u64,
}

impl Segment {
    pub(crate) fn open(dir: &Path, entry: &AggregateSegment) -> Result<Segment> {
        let path = resolve(dir, &entry.path);
        let file = File::open(&path).map_err(io_err("opening", &path))?;
        let len = file.metadata().map_err(io_err("reading", &path))?.len();
        let corrupt = |message: String| StoreError::Corrupt {
            path: path.clone(),
            message,
        };
        if len != entry.bytes || len < MAGIC.len() as u64 + FOOTER {
            return Err(corrupt(format!("{len} bytes where the manifest lists {}", entry.bytes)));
        }
        let mut footer = [0u8; FOOTER as usize];
        read_at(&file, &mut footer, len - FOOTER).map_err(io_err("reading", &path))?;
        let (index_offset, count) = (u64_at(&footer, 0), u64_at(&footer, 8));
        if &footer[24..32] != END || count != entry.entities || index_offset + count * ENTRY != len - FOOTER {
            return Err(corrupt("not an aggregate segment of the listed size".into()));
        }
        Ok(Segment {
            file,
            path,
            index_offset,
            count,
        })
    }

    fn entry(&self, i: u64) -> Result<(u64, u64, u32)> {
        let mut b = [0u8; ENTRY as usize];
        read_at(&self.file, &mut b, self.index_offset + i * ENTRY).map_err(io_err("reading", &self.path))?;
        let mut len = [0u8; 4];
        len.copy_from_slice(&b[16..20]);
        Ok((u64_at(&b, 0), u64_at(&b, 8), u32::from_le_bytes(len)))
    }

    fn record(&self, id: u64, offset: u64, len: u32) -> Result<EntityStats> {
        let mut b = vec![0u8; len as usize];
        read_at(&self.file, &mut b, offset).map_err(io_err("reading", &self.path))?;
        decode(&b).ok_or_else(|| StoreError::Corrupt {
            path: self.path.clone(),
            message: format!("unreadable aggregate record of {}", id_str(id)),
        })
    }

    /// The aggregates of entity `id` in this segment (binary search of the index).
    pub(crate) fn get(&self, id: u64) -> Result<Option<EntityStats>> {
        let (mut lo, mut hi) = (0u64, self.count);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let (k, off, len) = self.entry(mid)?;
            match k.cmp(&id) {
                Ordering::Equal => return self.record(id, off, len).map(Some),
                Ordering::Less => lo = mid + 1,
                Ordering::Greater => hi = mid,
            }
        }
        Ok(None)
    }

    /// Every record in id order, read sequentially.
    pub(crate) fn scan(&self) -> Result<SegmentScan> {
        let open = || File::open(&self.path).map_err(io_err("opening", &self.path));
        let mut index = BufReader::with_capacity(1 << 16, open()?);
        index
            .seek(SeekFrom::Start(self.index_offset))
            .map_err(io_err("reading", &self.path))?;
        let mut records = BufReader::with_capacity(1 << 20, open()?);
        records
            .seek(SeekFrom::Start(MAGIC.len() as u64))
            .map_err(io_err("reading", &self.path))?;
        Ok(SegmentScan {
            index,
            records,
            left: self.count,
            path: self.path.clone(),
        })
    }

    /// Recomputes the checksum and decodes every record.
    pub(crate) fn check(&self, entry: &AggregateSegment) -> Result<()> {
        let mut f = BufReader::new(File::open(&self.path).map_err(io_err("opening", &self.path))?);
        let mut left = self.index_offset + self.count * ENTRY;
        let mut h = FNV_START;
        let mut buf = vec![0u8; 1 << 16];
        while left > 0 {
            let n = (left as usize).min(buf.len());
            f.read_exact(&mut buf[..n]).map_err(io_err("reading", &self.path))?;
            h = fnv(h, &buf[..n]);
            left -= n as u64;
        }
        if format!("{h:016x}") != entry.checksum {
            return Err(StoreError::Corrupt {
                path: self.path.clone(),
                message: "aggregate segment checksum mismatch".into(),
            });
        }
        let mut scan = self.scan()?;
        while scan.next_record()?.is_some() {}
        Ok(())
    }
}

/// Sequential reader of a segment's records.
pub(crate) struct SegmentScan {
    index: BufReader<File>,
    records: BufReader<File>,
    left: u64,
    path: PathBuf,
}

impl SegmentScan {
    /// The next (id, raw record), or `None` at the end.
    fn next_raw(&mut self) -> Result<Option<(u64, Vec<u8>)>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        let mut e = [0u8; ENTRY as usize];
        self.index.read_exact(&mut e).map_err(io_err("reading", &self.path))?;
        let mut len = [0u8; 4];
        len.copy_from_slice(&e[16..20]);
        let mut rec = vec![0u8; u32::from_le_bytes(len) as usize];
        self.records
            .read_exact(&mut rec)
            .map_err(io_err("reading", &self.path))?;
        Ok(Some((u64_at(&e, 0), rec)))
    }

    /// The next (id, aggregates), or `None` at the end.
    pub(crate) fn next_record(&mut self) -> Result<Option<(u64, EntityStats)>> {
        match self.next_raw()? {
            None => Ok(None),
            Some((id, raw)) => decode(&raw).map(|s| Some((id, s))).ok_or_else(|| StoreError::Corrupt {
                path: self.path.clone(),
                message: format!("unreadable aggregate record of {}", id_str(id)),
            }),
        }
    }
}

/// Merges the segments `inputs` (contiguous batch ranges, in order) into one, streaming: memory
/// holds one record per input at a time.
fn merge(dir: &Path, inputs: &[AggregateSegment]) -> Result<AggregateSegment> {
    let (Some(first), Some(last)) = (inputs.first(), inputs.last()) else {
        return Err(StoreError::Invalid("merging no aggregate segments".into()));
    };
    let mut scans = Vec::with_capacity(inputs.len());
    for e in inputs {
        scans.push(Segment::open(dir, e)?.scan()?);
    }
    let mut heads: Vec<Option<(u64, Vec<u8>)>> = Vec::with_capacity(scans.len());
    for s in &mut scans {
        heads.push(s.next_raw()?);
    }
    let mut w = SegmentWriter::create(dir, first.first_batch, last.last_batch)?;
    while let Some(id) = heads.iter().flatten().map(|(id, _)| *id).min() {
        let mut parts: Vec<Vec<u8>> = Vec::new();
        for (i, h) in heads.iter_mut().enumerate() {
            if h.as_ref().is_some_and(|(k, _)| *k == id) {
                if let Some((_, raw)) = h.take() {
                    parts.push(raw);
                }
                *h = scans[i].next_raw()?;
            }
        }
        if parts.len() == 1 {
            // Only in one input: copied as it is.
            w.add(id, &parts[0])?;
            continue;
        }
        let mut acc = EntityStats::default();
        for raw in parts {
            let s = decode(&raw).ok_or_else(|| StoreError::Corrupt {
                path: resolve(dir, &first.path),
                message: format!("unreadable aggregate record of {}", id_str(id)),
            })?;
            acc.merge(s);
        }
        w.add(id, &encode(&acc))?;
    }
    w.finish()
}

/// What [`append`] made: the new list and every file it wrote (some already merged away).
pub(crate) struct Appended {
    pub list: Vec<AggregateSegment>,
    pub written: Vec<AggregateSegment>,
}

/// Appends `added` (the segment of the next batch) to `segments` and merges the tail while its
/// last [`FANOUT`] segments are of one tier. The files it replaces stay on disk until the caller
/// has committed a manifest listing the new list (then [`superseded`] names them).
pub(crate) fn append(dir: &Path, segments: &[AggregateSegment], added: AggregateSegment) -> Result<Appended> {
    let mut out = segments.to_vec();
    let mut written = vec![added.clone()];
    out.push(added);
    let fan = FANOUT as usize;
    while out.len() >= fan {
        let tail = &out[out.len() - fan..];
        let tier = tail[0].tier();
        if tail.iter().any(|s| s.tier() != tier) {
            break;
        }
        let merged = merge(dir, tail)?;
        out.truncate(out.len() - fan);
        written.push(merged.clone());
        out.push(merged);
    }
    sync_dir(&dir.join(DIR))?;
    Ok(Appended { list: out, written })
}

/// The segments a store had and no longer lists: deletable once the new manifest is durable.
pub(crate) fn superseded<'a>(
    before: &'a [AggregateSegment],
    written: &'a [AggregateSegment],
    now: &[AggregateSegment],
) -> Vec<&'a str> {
    let kept: BTreeSet<&str> = now.iter().map(|s| s.path.as_str()).collect();
    before
        .iter()
        .chain(written)
        .map(|s| s.path.as_str())
        .filter(|p| !kept.contains(p))
        .collect()
}

/// The aggregates of `id` over every segment.
pub(crate) fn lookup(segments: &[Segment], id: u64) -> Result<Option<EntityStats>> {
    let mut acc: Option<EntityStats> = None;
    for s in segments {
        if let Some(r) = s.get(id)? {
            match &mut acc {
                None => acc = Some(r),
                Some(a) => a.merge(r),
            }
        }
    }
    Ok(acc)
}

/// Every co-occurrence pair (numeric ids, smaller first) with at least `min` shared articles,
/// and the articles of every entity, over all segments: a streaming merge of the segments, so
/// the cost follows the distinct pairs, not the mentions.
#[allow(clippy::type_complexity)]
pub(crate) fn all_pairs(segments: &[Segment], min: u64) -> Result<(BTreeMap<(u64, u64), u64>, BTreeMap<u64, u64>)> {
    let mut scans = Vec::with_capacity(segments.len());
    for s in segments {
        scans.push(s.scan()?);
    }
    let mut heads = Vec::with_capacity(scans.len());
    for s in &mut scans {
        heads.push(s.next_record()?);
    }
    let mut weights = BTreeMap::new();
    let mut articles: BTreeMap<u64, u64> = BTreeMap::new();
    while let Some(id) = heads.iter().flatten().map(|(id, _)| *id).min() {
        let mut acc = EntityStats::default();
        for (i, h) in heads.iter_mut().enumerate() {
            if h.as_ref().is_some_and(|(k, _)| *k == id) {
                if let Some((_, s)) = h.take() {
                    acc.merge(s);
                }
                *h = scans[i].next_record()?;
            }
        }
        articles.insert(id, acc.days.values().sum());
        for (&other, &n) in acc.cooc.range(id.saturating_add(1)..) {
            if n >= min {
                weights.insert((id, other), n);
            }
        }
    }
    Ok((weights, articles))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(day: i32, art: &str, index: u64) -> StoredQuote {
        StoredQuote {
            day,
            article_id: art.into(),
            index,
            kind: "direct".into(),
            text: format!("words {art} {index}"),
            speaker: Some("he".into()),
            speaker_name: None,
            cue: Some("said".into()),
            context: "He said words.".into(),
            title: index.is_multiple_of(2).then(|| "Tïtle".to_string()),
        }
    }

    #[test]
    fn records_round_trip_through_the_encoding() {
        let mut s = EntityStats::default();
        s.days.insert(-400, 3);
        s.days.insert(17_837, 1);
        s.cooc.insert(u64::MAX, 2);
        s.cooc.insert(7, 1);
        s.quote_total = 2;
        s.quotes = vec![quote(17_837, "a", 0), quote(-3, "b", 1)];
        assert_eq!(decode(&encode(&s)), Some(s.clone()));
        // A truncated record is an error, never a panic or a shorter record.
        let b = encode(&s);
        for cut in 0..b.len() {
            assert_eq!(decode(&b[..cut]), None, "cut at {cut}");
        }
    }

    #[test]
    fn merging_sums_counts_and_keeps_the_newest_quotes() {
        let mut a = EntityStats::default();
        a.days.insert(1, 1);
        a.cooc.insert(9, 1);
        a.quote_total = QUOTES_KEPT as u64;
        a.quotes = (0..QUOTES_KEPT as u64).map(|i| quote(1, "old", i)).collect();
        let mut b = EntityStats::default();
        b.days.insert(1, 2);
        b.days.insert(5, 1);
        b.cooc.insert(9, 2);
        b.quote_total = 1;
        b.quotes = vec![quote(5, "new", 0)];
        a.merge(b);
        assert_eq!(a.days, BTreeMap::from([(1, 3), (5, 1)]));
        assert_eq!(a.cooc, BTreeMap::from([(9, 3)]));
        assert_eq!(a.quote_total, QUOTES_KEPT as u64 + 1);
        assert_eq!(a.quotes.len(), QUOTES_KEPT);
        assert_eq!(a.quotes[0].article_id, "new");
        assert!(!a.all_quotes_kept());
    }

    #[test]
    fn segments_merge_like_a_base_fanout_counter() {
        let dir = tempfile::tempdir().unwrap();
        let mut segs: Vec<AggregateSegment> = Vec::new();
        for n in 1..=21u64 {
            let mut d = Delta::default();
            d.add_article(n as i32, &BTreeSet::from([1, 2, n + 10]));
            d.add_quote(1, quote(n as i32, &format!("a{n:02}"), 0));
            let seg = d.write(dir.path(), n).unwrap();
            let before = segs.clone();
            let a = append(dir.path(), &segs, seg).unwrap();
            for gone in superseded(&before, &a.written, &a.list) {
                fs::remove_file(resolve(dir.path(), gone)).unwrap();
            }
            segs = a.list;
        }
        // Only the listed files are left.
        assert_eq!(fs::read_dir(dir.path().join(DIR)).unwrap().count(), 3);
        // 21 = 1·16 + 1·4 + 1 in base 4.
        let spans: Vec<(u64, u64)> = segs.iter().map(|s| (s.first_batch, s.last_batch)).collect();
        assert_eq!(spans, [(1, 16), (17, 20), (21, 21)]);
        let opened: Vec<Segment> = segs.iter().map(|s| Segment::open(dir.path(), s).unwrap()).collect();
        let one = lookup(&opened, 1).unwrap().unwrap();
        assert_eq!(one.days.len(), 21);
        assert_eq!(one.cooc[&2], 21);
        assert_eq!(one.cooc[&15], 1);
        assert_eq!(one.quote_total, 21);
        assert_eq!(one.quotes[0].article_id, "a21");
        assert_eq!(lookup(&opened, 3).unwrap(), None);
        for (s, e) in opened.iter().zip(&segs) {
            s.check(e).unwrap();
        }
    }

    #[test]
    fn a_damaged_segment_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = Delta::default();
        d.add_article(3, &BTreeSet::from([1, 2]));
        let seg = d.write(dir.path(), 1).unwrap();
        let path = resolve(dir.path(), &seg.path);
        let mut bytes = fs::read(&path).unwrap();
        bytes[9] ^= 0xff;
        fs::write(&path, &bytes).unwrap();
        let opened = Segment::open(dir.path(), &seg).unwrap();
        assert!(opened.check(&seg).is_err());
        fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
        assert!(Segment::open(dir.path(), &seg).is_err());
    }
}
