//! A generic multiclass averaged perceptron over hashed features, and its model file.
//!
//! Features are 64-bit hashes of (template, strings) built by the taggers; the model keeps one
//! weight row per feature seen in training, so nothing collides and unseen features cost one
//! failed lookup. The file stores only non-zero averaged weights, sorted by feature hash, so the
//! same training run always writes the same bytes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{Read, Write};

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

use crate::error::{Result, SyntaxError};

/// First bytes of every model file.
pub const MAGIC: &[u8; 8] = b"NGSYNMDL";
/// Version of the file format and of the feature templates; another version is refused.
pub const FORMAT_VERSION: u32 = 1;

/// Keys are already well-mixed hashes: use them as they are.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Index = HashMap<u64, u32, BuildHasherDefault<IdHasher>>;

/// Feature hashing: FNV-1a over the template id and the parts, separated so that
/// ("ab","c") and ("a","bc") differ, then a final mix so the low bits are usable as hash keys.
#[derive(Clone, Copy)]
pub(crate) struct FeatHash(u64);

impl FeatHash {
    pub(crate) fn new(template: u8) -> FeatHash {
        FeatHash((0xcbf2_9ce4_8422_2325 ^ u64::from(template)).wrapping_mul(0x100_0000_01b3))
    }
    pub(crate) fn add(mut self, s: &str) -> FeatHash {
        for &b in s.as_bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        self.0 = (self.0 ^ 0xff).wrapping_mul(0x100_0000_01b3);
        self
    }
    pub(crate) fn finish(self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }
}

/// Averaged weights of a trained model, stored mostly sparsely.
///
/// A trained row has about three non-zero classes out of 20–45, so dense rows (25 MB for the
/// tagger) made every feature look-up a walk over cache lines of zeros. Here a row's first two
/// non-zero weights (all of them for two rows in three) sit in the row's table slot, and the
/// rest in [`Weights::rest`]. The few rows with many non-zero weights are the features seen
/// most (the bias, frequent words and tag pairs): they are hit for nearly every word, and
/// adding them pair by pair was most of the scoring work, so they are kept dense in
/// [`Weights::dense`] and added with vector instructions. Scores are the same sums in the same
/// order as with dense rows (adding a zero changes no sum), so tagging is unchanged.
#[derive(Debug, Clone)]
pub struct Weights {
    pub(crate) kind: String,
    pub(crate) classes: Vec<String>,
    table: FeatTable,
    /// `(class, weight)` pairs of every sparse row beyond its first [`INLINE`], row after row.
    rest: Vec<(u32, f32)>,
    /// The rows with at least [`Weights::dense_min`] non-zero weights, all classes each,
    /// padded with zeros to [`Weights::stride`] so they add in whole vector steps.
    dense: Vec<f32>,
    dense_min: usize,
    stride: usize,
}

/// Floats per vector step of the dense adds (two SSE registers; one AVX register).
const LANES: usize = 8;

/// Rows with at least this many non-zero weights are kept dense: at a quarter of the classes a
/// dense row costs no more memory than twice its pairs, and is added in a few vector steps. At
/// least 8, though: the chunker has 20 classes, and its rows of 5–7 weights made its dense array
/// 0.7 MB, more than a core's L2 cache, for little arithmetic saved (5–15% slower coding).
fn dense_min(n_classes: usize) -> usize {
    n_classes.div_ceil(4).max(8)
}

/// Non-zero weights kept in a row's slot.
const INLINE: usize = 2;

/// Open-addressing table from feature hash to its row: one probe of 24 bytes per look-up,
/// mostly in one cache line. Hashes are already well mixed, so the low bits pick the slot; hash
/// 0 marks an empty slot and is kept aside.
#[derive(Debug, Clone, Default)]
struct FeatTable {
    slots: SlotMem,
    mask: usize,
    zero: Option<Slot>,
    len: usize,
}

#[derive(Debug, Clone, Copy, Default, FromBytes, IntoBytes, Immutable, KnownLayout)]
#[repr(C)]
struct Slot {
    key: u64,
    weights: [f32; INLINE],
    classes: [u8; INLINE],
    /// Non-zero weights of the row, the inline ones included.
    len: u16,
    /// Where the row's weights beyond the inline ones start in [`Weights::rest`], or, for a
    /// dense row, where the row starts in [`Weights::dense`].
    start: u32,
}

impl Slot {
    fn inline(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        let n = usize::from(self.len).min(INLINE);
        self.classes[..n]
            .iter()
            .map(|&c| u32::from(c))
            .zip(self.weights[..n].iter().copied())
    }

    /// The range of [`Weights::rest`] holding the rest of the row.
    fn rest(&self) -> std::ops::Range<usize> {
        let extra = usize::from(self.len).saturating_sub(INLINE);
        self.start as usize..self.start as usize + extra
    }
}

/// The slots' memory. On Linux, for a table of several megabytes, an anonymous mapping
/// advised for transparent huge pages: every word reads some 60 slots at random, and with 4 KB
/// pages most of those reads also miss the TLB and walk the page tables, which costs more still
/// in a virtual machine (POS + chunk + coding of the seed article ~10% faster with huge pages,
/// `cargo bench -p newsgraph-events`). Elsewhere, or when mapping fails, a vector.
enum SlotMem {
    Heap(Vec<Slot>),
    #[cfg(target_os = "linux")]
    Mapped {
        map: memmap2::MmapMut,
        /// Offset of the first slot: the first 2 MB boundary in the mapping.
        at: usize,
        n: usize,
    },
}

/// Size of a transparent huge page on x86-64 and most arm64 kernels.
#[cfg(target_os = "linux")]
const HUGE_PAGE: usize = 2 << 20;

impl SlotMem {
    /// `n` empty (all-zero) slots.
    fn zeroed(n: usize) -> SlotMem {
        #[cfg(target_os = "linux")]
        if let Some(mem) = SlotMem::mapped(n) {
            return mem;
        }
        SlotMem::Heap(vec![Slot::default(); n])
    }

    #[cfg(target_os = "linux")]
    fn mapped(n: usize) -> Option<SlotMem> {
        let bytes = n.checked_mul(std::mem::size_of::<Slot>())?;
        if bytes < 2 * HUGE_PAGE {
            return None;
        }
        // One huge page more than needed, so the slots can start on a 2 MB boundary; anonymous
        // pages are zero, which is an empty slot. The advice must come before the first write,
        // which is when the kernel picks the page size; without THP it fails harmlessly.
        let map = memmap2::MmapMut::map_anon(bytes + HUGE_PAGE).ok()?;
        let _ = map.advise(memmap2::Advice::HugePage);
        let addr = map.as_ptr() as usize;
        let at = addr.next_multiple_of(HUGE_PAGE) - addr;
        let mem = SlotMem::Mapped { map, at, n };
        (mem.slots().len() == n).then_some(mem)
    }

    fn slots(&self) -> &[Slot] {
        match self {
            SlotMem::Heap(v) => v,
            #[cfg(target_os = "linux")]
            SlotMem::Mapped { map, at, n } => map
                .get(*at..*at + n * std::mem::size_of::<Slot>())
                .and_then(|b| <[Slot]>::ref_from_bytes(b).ok())
                .unwrap_or_default(),
        }
    }

    fn slots_mut(&mut self) -> &mut [Slot] {
        match self {
            SlotMem::Heap(v) => v,
            #[cfg(target_os = "linux")]
            SlotMem::Mapped { map, at, n } => map
                .get_mut(*at..*at + *n * std::mem::size_of::<Slot>())
                .and_then(|b| <[Slot]>::mut_from_bytes(b).ok())
                .unwrap_or_default(),
        }
    }
}

impl Default for SlotMem {
    fn default() -> SlotMem {
        SlotMem::Heap(Vec::new())
    }
}

impl Clone for SlotMem {
    fn clone(&self) -> SlotMem {
        let from = self.slots();
        let mut mem = SlotMem::zeroed(from.len());
        mem.slots_mut().copy_from_slice(from);
        mem
    }
}

impl std::fmt::Debug for SlotMem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self {
            SlotMem::Heap(_) => "heap",
            #[cfg(target_os = "linux")]
            SlotMem::Mapped { .. } => "mapped",
        };
        write!(f, "SlotMem({kind}, {} slots)", self.slots().len())
    }
}

impl FeatTable {
    fn with_capacity(n: usize) -> FeatTable {
        // At most 60% full keeps linear probes short, also for the many features never seen in
        // training, which probe until an empty slot.
        let cap = (n.max(1) * 5 / 3 + 1).next_power_of_two();
        FeatTable {
            slots: SlotMem::zeroed(cap),
            mask: cap - 1,
            zero: None,
            len: 0,
        }
    }

    /// Inserts a key not yet in the table.
    fn insert(&mut self, slot: Slot) {
        self.len += 1;
        if slot.key == 0 {
            self.zero = Some(slot);
            return;
        }
        let slots = self.slots.slots_mut();
        let mut i = slot.key as usize & self.mask;
        while slots[i].key != 0 {
            i = (i + 1) & self.mask;
        }
        slots[i] = slot;
    }

    /// The row of `key`; `slots` is `self.slots.slots()`, taken once by the caller.
    #[inline]
    fn get<'a>(&'a self, slots: &'a [Slot], key: u64) -> Option<&'a Slot> {
        if key == 0 {
            return self.zero.as_ref();
        }
        let mut i = key as usize & self.mask;
        loop {
            let s = &slots[i];
            if s.key == key {
                return Some(s);
            }
            if s.key == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Every row, in slot order (callers sort).
    fn iter(&self) -> impl Iterator<Item = &Slot> + '_ {
        self.zero.iter().chain(self.slots.slots().iter().filter(|s| s.key != 0))
    }
}

impl Weights {
    /// Builds from rows given in key order: `(feature hash, non-zero (class, weight) pairs in
    /// class order)`; classes must be below 256.
    fn from_rows(kind: String, classes: Vec<String>, rows: Vec<(u64, Vec<(u32, f32)>)>) -> Weights {
        let nc = classes.len();
        let dense_min = dense_min(nc);
        let stride = nc.next_multiple_of(LANES);
        let mut table = FeatTable::with_capacity(rows.len());
        let mut rest = Vec::new();
        let mut dense = Vec::new();
        for (key, row) in rows {
            let mut slot = Slot {
                key,
                len: row.len() as u16,
                ..Slot::default()
            };
            if row.len() >= dense_min {
                slot.start = dense.len() as u32;
                let base = dense.len();
                dense.resize(base + stride, 0.0);
                for &(c, w) in &row {
                    dense[base + c as usize] = w;
                }
            } else {
                slot.start = rest.len() as u32;
                for (i, &(c, w)) in row.iter().take(INLINE).enumerate() {
                    slot.classes[i] = c as u8;
                    slot.weights[i] = w;
                }
                rest.extend(row.iter().skip(INLINE).copied());
            }
            table.insert(slot);
        }
        Weights {
            kind,
            classes,
            table,
            rest,
            dense,
            dense_min,
            stride,
        }
    }

    /// The non-zero `(class, weight)` pairs of a row, in class order.
    fn row(&self, slot: &Slot) -> Vec<(u32, f32)> {
        if usize::from(slot.len) >= self.dense_min {
            let start = slot.start as usize;
            let ws = self.dense.get(start..start + self.classes.len()).unwrap_or_default();
            (0u32..).zip(ws.iter().copied()).filter(|&(_, w)| w != 0.0).collect()
        } else {
            slot.inline().chain(self.rest[slot.rest()].iter().copied()).collect()
        }
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.classes.len()
    }

    /// Number of feature rows kept.
    pub fn n_features(&self) -> usize {
        self.table.len
    }

    /// The class names.
    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    /// Reads the home slot of every feature, with no branch on what it reads, so that the
    /// cache misses overlap; returns a value to pass to `std::hint::black_box` so the reads stay.
    #[inline]
    pub(crate) fn touch(&self, feats: &[u64]) -> u64 {
        let t = &self.table;
        let slots = t.slots.slots();
        feats.iter().fold(0, |acc, &f| acc ^ slots[f as usize & t.mask].key)
    }

    /// Adds the weights of `feats` into `scores` (length = number of classes).
    ///
    /// The tables are larger than the core's caches, and a look-up whose branch depends on a
    /// missed load waits for it alone. So the home slot of every feature, and then the spilled
    /// part of every row found, is first read by a loop that no branch depends on: the misses of
    /// all features overlap, and the look-ups after them hit the cache (with the sparse rows,
    /// about 1.4 times the speed of dense rows, `cargo bench -p newsgraph-events`).
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [f32]) {
        // Sums go to a buffer indexed by the `u8` class, so no index needs a bounds check,
        // and padded to whole vector steps for the dense rows.
        let mut acc = [0f32; 256];
        let stride = self.stride.min(acc.len());
        let t = &self.table;
        let slots = t.slots.slots();
        std::hint::black_box(self.touch(feats));
        let mut found: [Option<&Slot>; 64] = [None; 64];
        for chunk in feats.chunks(found.len()) {
            let mut n = 0;
            let mut touch = 0u32;
            for &f in chunk {
                if let Some(slot) = t.get(slots, f) {
                    let len = usize::from(slot.len);
                    let start = slot.start as usize;
                    if len >= self.dense_min {
                        touch ^= self.dense.get(start).map_or(0, |w| w.to_bits());
                    } else if len > INLINE {
                        touch ^= self.rest.get(start).map_or(0, |e| e.0);
                    }
                    found[n] = Some(slot);
                    n += 1;
                }
            }
            std::hint::black_box(touch);
            // Per class, the weights are added in feature order, as dense rows added them.
            for slot in found[..n].iter().flatten() {
                let len = usize::from(slot.len);
                if len >= self.dense_min {
                    let start = slot.start as usize;
                    if let Some(row) = self.dense.get(start..start + stride) {
                        for (a, w) in acc[..stride].chunks_exact_mut(LANES).zip(row.chunks_exact(LANES)) {
                            for k in 0..LANES {
                                a[k] += w[k];
                            }
                        }
                    }
                    continue;
                }
                for (&c, &w) in slot.classes.iter().zip(&slot.weights).take(len) {
                    acc[usize::from(c)] += w;
                }
                // Classes were checked below 256 when the model was built.
                for &(c, w) in &self.rest[slot.rest()] {
                    acc[(c & 0xff) as usize] += w;
                }
            }
        }
        for (s, a) in scores.iter_mut().zip(&acc) {
            *s = *a;
        }
    }

    /// Serialises to the compressed, versioned file format.
    pub fn to_bytes(&self) -> std::io::Result<Vec<u8>> {
        let nc = self.classes.len();
        let mut raw: Vec<u8> = Vec::new();
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        write_str(&mut raw, &self.kind);
        raw.extend_from_slice(&(nc as u32).to_le_bytes());
        for c in &self.classes {
            write_str(&mut raw, c);
        }
        let mut rows: Vec<&Slot> = self.table.iter().collect();
        rows.sort_unstable_by_key(|s| s.key);
        raw.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for slot in rows {
            raw.extend_from_slice(&slot.key.to_le_bytes());
            raw.extend_from_slice(&slot.len.to_le_bytes());
            for (c, w) in self.row(slot) {
                raw.push(c as u8);
                raw.extend_from_slice(&w.to_le_bytes());
            }
        }
        let mut out = Vec::new();
        let mut enc = zstd::Encoder::new(&mut out, 19)?;
        enc.write_all(&raw)?;
        enc.finish()?;
        Ok(out)
    }

    /// Reads a model written by [`Weights::to_bytes`]; `kind` must match the stored kind.
    pub fn from_bytes(bytes: &[u8], name: &str, kind: &str) -> Result<Weights> {
        let mut raw = Vec::new();
        zstd::Decoder::new(bytes)
            .and_then(|mut d| d.read_to_end(&mut raw))
            .map_err(|e| SyntaxError::model(name, format!("not a zstd stream: {e}")))?;
        let mut r = Reader { buf: &raw, at: 0, name };
        if r.take(8)? != MAGIC {
            return Err(SyntaxError::model(name, "not a newsgraph syntax model (bad magic)"));
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(SyntaxError::model(
                name,
                format!("format version {version}, this build reads {FORMAT_VERSION}"),
            ));
        }
        let stored = r.string()?;
        if stored != kind {
            return Err(SyntaxError::model(
                name,
                format!("a `{stored}` model, expected `{kind}`"),
            ));
        }
        let nc = r.u32()? as usize;
        if nc == 0 || nc > 255 {
            return Err(SyntaxError::model(name, format!("{nc} classes (1..=255 expected)")));
        }
        let classes = (0..nc).map(|_| r.string()).collect::<Result<Vec<_>>>()?;
        let n = r.u32()? as usize;
        let mut rows = Vec::with_capacity(n.min(raw.len() / 10));
        let mut last: Option<u64> = None;
        for _ in 0..n {
            let key = u64::from_le_bytes(r.array()?);
            if last.is_some_and(|l| l >= key) {
                return Err(SyntaxError::model(name, "feature keys not strictly ascending"));
            }
            last = Some(key);
            let nnz = u16::from_le_bytes(r.array()?) as usize;
            let mut row = Vec::with_capacity(nnz.min(nc));
            for _ in 0..nnz {
                let c = r.take(1)?[0] as usize;
                let w = f32::from_le_bytes(r.array()?);
                if c >= nc {
                    return Err(SyntaxError::model(name, format!("class {c} out of range")));
                }
                if w != 0.0 {
                    row.push((c as u32, w));
                }
            }
            // Scoring adds in class order, as the dense rows of earlier builds did.
            row.sort_by_key(|&(c, _)| c);
            rows.push((key, row));
        }
        Ok(Weights::from_rows(stored, classes, rows))
    }
}

fn write_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    buf: &'a [u8],
    at: usize,
    name: &'a str,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.buf.len());
        match end {
            Some(e) => {
                let s = &self.buf[self.at..e];
                self.at = e;
                Ok(s)
            }
            None => Err(SyntaxError::model(self.name, "truncated")),
        }
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn string(&mut self) -> Result<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| SyntaxError::model(self.name, "a name is not UTF-8"))
    }
}

/// Weights under training, with the bookkeeping for lazy averaging.
pub(crate) struct Trainer {
    kind: String,
    classes: Vec<String>,
    index: Index,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    step: u32,
}

impl Trainer {
    pub(crate) fn new(kind: &str, classes: Vec<String>) -> Trainer {
        Trainer {
            kind: kind.to_string(),
            classes,
            index: Index::default(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            step: 0,
        }
    }

    pub(crate) fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        let nc = self.classes.len();
        for f in feats {
            if let Some(&row) = self.index.get(f) {
                let r = &self.weights[row as usize * nc..(row as usize + 1) * nc];
                for (s, w) in scores.iter_mut().zip(r) {
                    *s += *w;
                }
            }
        }
    }

    /// Counts one training example; updates when `guess != truth`.
    pub(crate) fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        self.step += 1;
        if truth == guess {
            return;
        }
        let nc = self.classes.len();
        for &f in feats {
            let next = self.index.len() as u32;
            let row = *self.index.entry(f).or_insert(next);
            if row == next {
                self.weights.resize((row as usize + 1) * nc, 0.0);
                self.totals.resize((row as usize + 1) * nc, 0.0);
                self.stamps.resize((row as usize + 1) * nc, 0);
            }
            for (c, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let i = row as usize * nc + c;
                self.totals[i] += f64::from(self.step - self.stamps[i]) * f64::from(self.weights[i]);
                self.stamps[i] = self.step;
                self.weights[i] += delta;
            }
        }
    }

    /// The averaged weights, rounded to 1/1000 so near-zero weights drop out of the file.
    pub(crate) fn average(&self) -> Weights {
        let nc = self.classes.len();
        let step = f64::from(self.step.max(1));
        let mut rows = vec![0f32; self.weights.len()];
        for (i, w) in rows.iter_mut().enumerate() {
            let total = self.totals[i] + f64::from(self.step - self.stamps[i]) * f64::from(self.weights[i]);
            *w = ((total / step) * 1000.0).round() as f32 / 1000.0;
        }
        // Drop rows that averaged to nothing.
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &v)| (k, v)).collect();
        keys.sort_unstable();
        let kept: Vec<(u64, Vec<(u32, f32)>)> = keys
            .into_iter()
            .filter_map(|(k, row)| {
                let r = &rows[row as usize * nc..(row as usize + 1) * nc];
                let nz: Vec<(u32, f32)> = (0..nc as u32)
                    .zip(r.iter().copied())
                    .filter(|&(_, w)| w != 0.0)
                    .collect();
                (!nz.is_empty()).then_some((k, nz))
            })
            .collect();
        Weights::from_rows(self.kind.clone(), self.classes.clone(), kept)
    }
}

/// Index of the highest score among `allowed` classes (all when `allowed` is `None`); ties go
/// to the lower index so decoding is deterministic.
pub(crate) fn argmax(scores: &[f32], allowed: impl Fn(usize) -> bool) -> usize {
    let mut best = usize::MAX;
    let mut best_s = f32::NEG_INFINITY;
    for (i, &s) in scores.iter().enumerate() {
        if !allowed(i) {
            continue;
        }
        if best == usize::MAX || s > best_s {
            best = i;
            best_s = s;
        }
    }
    if best == usize::MAX {
        0
    } else {
        best
    }
}

/// A small deterministic generator for shuffling training data (64-bit LCG, Knuth's constants).
pub(crate) struct Lcg(pub(crate) u64);

impl Lcg {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn raw(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        zstd::Decoder::new(bytes).unwrap().read_to_end(&mut out).unwrap();
        out
    }

    /// The sparse layout loses nothing: the committed models re-serialise to the same bytes.
    #[test]
    fn committed_models_round_trip_exactly() {
        for (bytes, kind) in [
            (&include_bytes!("../models/pos.model.zst")[..], "pos"),
            (&include_bytes!("../models/chunk.model.zst")[..], "chunk"),
        ] {
            let w = Weights::from_bytes(bytes, kind, kind).unwrap();
            assert!(w.n_features() > 10_000, "{kind}: {}", w.n_features());
            assert_eq!(raw(&w.to_bytes().unwrap()), raw(bytes), "{kind}");
            // Tables this size live in memory mapped for huge pages, and survive a clone.
            #[cfg(target_os = "linux")]
            assert!(
                matches!(w.table.slots, SlotMem::Mapped { .. }),
                "{kind}: {:?}",
                w.table.slots
            );
            assert_eq!(raw(&w.clone().to_bytes().unwrap()), raw(bytes), "{kind} (clone)");
        }
    }

    /// Sparse scoring adds the same weights as a dense row per feature would.
    #[test]
    fn scores_equal_dense_sums() {
        let mut t = Trainer::new("t", vec!["a".into(), "b".into(), "c".into()]);
        t.update(&[1, 2, 3], 0, 1);
        t.update(&[2, 3, 0], 2, 0);
        t.update(&[3, 4], 1, 1);
        t.update(&[0, 5], 1, 2);
        let w = t.average();
        let averaged_dense = |f: u64| -> [f32; 3] {
            let mut s = [0f32; 3];
            w.score(&[f], &mut s);
            s
        };
        // Feature 0 (the empty-slot key) and an unseen feature behave like any other.
        assert_ne!(averaged_dense(0), [0.0; 3]);
        assert_eq!(averaged_dense(99), [0.0; 3]);
        let mut all = [0f32; 3];
        w.score(&[1, 2, 3, 0, 5, 99], &mut all);
        let mut sum = [0f32; 3];
        for f in [1, 2, 3, 0, 5, 99] {
            for (s, x) in sum.iter_mut().zip(averaged_dense(f)) {
                *s += x;
            }
        }
        assert_eq!(all, sum);
        let back = Weights::from_bytes(&w.to_bytes().unwrap(), "t", "t").unwrap();
        let mut again = [0f32; 3];
        back.score(&[1, 2, 3, 0, 5, 99], &mut again);
        assert_eq!(all, again);
    }

    /// The committed models score like their dense rows, feature after feature: with rows kept
    /// dense and rows kept sparse, and unseen features mixed in. (`row` reads both layouts back;
    /// the round-trip test above shows it returns the stored pairs.)
    #[test]
    fn committed_models_score_as_dense_rows() {
        for (bytes, kind) in [
            (&include_bytes!("../models/pos.model.zst")[..], "pos"),
            (&include_bytes!("../models/chunk.model.zst")[..], "chunk"),
        ] {
            let w = Weights::from_bytes(bytes, kind, kind).unwrap();
            let nc = w.n_classes();
            let mut slots: Vec<&Slot> = w.table.iter().collect();
            slots.sort_unstable_by_key(|s| s.key);
            let dense_rows = slots.iter().filter(|s| usize::from(s.len) >= w.dense_min).count();
            assert!(
                dense_rows > 100 && dense_rows < slots.len() / 4,
                "{kind}: {dense_rows} dense rows"
            );
            let reference: HashMap<u64, Vec<f32>> = slots
                .iter()
                .map(|s| {
                    let mut r = vec![0f32; nc];
                    for (c, x) in w.row(s) {
                        r[c as usize] = x;
                    }
                    (s.key, r)
                })
                .collect();
            let mut rng = Lcg(7);
            let mut got = vec![0f32; nc];
            for _ in 0..300 {
                let feats: Vec<u64> = (0..60)
                    .map(|_| {
                        let s = slots[rng.next() as usize % slots.len()];
                        match rng.next() % 8 {
                            0 => s.key ^ 0x5bd1_e995, // most likely unseen
                            _ => s.key,
                        }
                    })
                    .collect();
                let mut want = vec![0f32; nc];
                for f in &feats {
                    if let Some(r) = reference.get(f) {
                        for (a, x) in want.iter_mut().zip(r) {
                            *a += *x;
                        }
                    }
                }
                w.score(&feats, &mut got);
                assert_eq!(got, want, "{kind}");
            }
        }
    }

    #[test]
    fn damaged_models_are_refused() {
        let bytes = include_bytes!("../models/chunk.model.zst");
        let r = raw(bytes);
        let enc = |b: &[u8]| zstd::encode_all(b, 1).unwrap();
        let cut = Weights::from_bytes(&enc(&r[..r.len() - 3]), "cut", "chunk").unwrap_err();
        assert!(cut.to_string().contains("truncated"), "{cut}");
        assert!(Weights::from_bytes(bytes, "k", "pos")
            .unwrap_err()
            .to_string()
            .contains("expected `pos`"));
        assert!(Weights::from_bytes(b"nope", "z", "pos")
            .unwrap_err()
            .to_string()
            .contains("zstd"));
    }
}
