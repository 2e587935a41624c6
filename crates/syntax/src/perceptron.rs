//! A generic multiclass averaged perceptron over hashed features, and its model file.
//!
//! Features are 64-bit hashes of (template, strings) built by the taggers; the model keeps one
//! weight row per feature seen in training, so nothing collides and unseen features cost one
//! failed lookup. The file stores only non-zero averaged weights, sorted by feature hash, so the
//! same training run always writes the same bytes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{Read, Write};

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

/// Averaged weights of a trained model.
#[derive(Debug, Clone)]
pub struct Weights {
    pub(crate) kind: String,
    pub(crate) classes: Vec<String>,
    index: Index,
    rows: Vec<f32>,
}

impl Weights {
    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.classes.len()
    }

    /// Number of feature rows kept.
    pub fn n_features(&self) -> usize {
        self.index.len()
    }

    /// The class names.
    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    /// Adds the weights of `feats` into `scores` (length = number of classes).
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        let nc = self.classes.len();
        for f in feats {
            if let Some(&row) = self.index.get(f) {
                let r = &self.rows[row as usize * nc..(row as usize + 1) * nc];
                for (s, w) in scores.iter_mut().zip(r) {
                    *s += *w;
                }
            }
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
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &v)| (k, v)).collect();
        keys.sort_unstable();
        raw.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        for (k, row) in keys {
            raw.extend_from_slice(&k.to_le_bytes());
            let r = &self.rows[row as usize * nc..(row as usize + 1) * nc];
            let nnz = r.iter().filter(|w| **w != 0.0).count();
            raw.extend_from_slice(&(nnz as u16).to_le_bytes());
            for (c, &w) in r.iter().enumerate() {
                if w != 0.0 {
                    raw.push(c as u8);
                    raw.extend_from_slice(&w.to_le_bytes());
                }
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
        let mut index = Index::with_capacity_and_hasher(n, Default::default());
        let mut rows = vec![0f32; n * nc];
        for i in 0..n {
            let key = u64::from_le_bytes(r.array()?);
            let nnz = u16::from_le_bytes(r.array()?) as usize;
            for _ in 0..nnz {
                let c = r.take(1)?[0] as usize;
                let w = f32::from_le_bytes(r.array()?);
                if c >= nc {
                    return Err(SyntaxError::model(name, format!("class {c} out of range")));
                }
                rows[i * nc + c] = w;
            }
            index.insert(key, i as u32);
        }
        Ok(Weights {
            kind: stored,
            classes,
            index,
            rows,
        })
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
        let mut index = Index::default();
        let mut kept = Vec::new();
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &v)| (k, v)).collect();
        keys.sort_unstable();
        for (k, row) in keys {
            let r = &rows[row as usize * nc..(row as usize + 1) * nc];
            if r.iter().any(|w| *w != 0.0) {
                index.insert(k, (kept.len() / nc) as u32);
                kept.extend_from_slice(r);
            }
        }
        Weights {
            kind: self.kind.clone(),
            classes: self.classes.clone(),
            index,
            rows: kept,
        }
    }
}

/// Index of the highest score among `allowed` classes (all when `allowed` is `None`); ties go
/// to the lower index so decoding is deterministic.
pub(crate) fn argmax(scores: &[f32], allowed: Option<&dyn Fn(usize) -> bool>) -> usize {
    let mut best = usize::MAX;
    let mut best_s = f32::NEG_INFINITY;
    for (i, &s) in scores.iter().enumerate() {
        if allowed.is_some_and(|a| !a(i)) {
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
