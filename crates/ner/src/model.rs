//! The trained tagger: two averaged-perceptron weight sets over one feature table, Viterbi
//! decoding, and the versioned, zstd-compressed model file.

use std::io::{Read, Write};
use std::path::Path;

use crate::data::TokenSpan;
use crate::error::{NerError, Result};
use crate::features::{self, Distrib, DocStats, Feats, Gazetteer, SentInfo};
use crate::tags::{self, N_TAGS};

/// First bytes of every model file.
pub const MAGIC: &[u8; 8] = b"NGNERMDL";
/// Version of the model file format and of the feature templates; a model of another version
/// is refused rather than read wrongly.
pub const FORMAT_VERSION: u32 = 2;

/// The committed model, trained on CoNLL-2003 `eng.train`.
static DEFAULT_MODEL: &[u8] = include_bytes!("../models/ner.model.zst");

/// Transition scores: `N_TAGS + 1` rows (the last is the sentence start) of `N_TAGS` columns.
pub(crate) const TRANS_LEN: usize = (N_TAGS + 1) * N_TAGS;

/// Fixed transition constraints: `-inf` where BILOU forbids the pair.
fn constraint(prev: Option<u8>, cur: u8) -> bool {
    tags::allowed(prev, cur)
}

/// Best tag sequence for emission scores `emis` (`n × N_TAGS`) and transitions `trans`.
pub(crate) fn viterbi(emis: &[f32], trans: &[f32], out: &mut Vec<u8>) {
    out.clear();
    let n = emis.len() / N_TAGS;
    if n == 0 {
        return;
    }
    let mut score = vec![f32::NEG_INFINITY; n * N_TAGS];
    let mut back = vec![0u8; n * N_TAGS];
    for cur in 0..N_TAGS {
        if constraint(None, cur as u8) {
            score[cur] = emis[cur] + trans[N_TAGS * N_TAGS + cur];
        }
    }
    for i in 1..n {
        let (done, rest) = score.split_at_mut(i * N_TAGS);
        let prev_scores = &done[(i - 1) * N_TAGS..];
        let here = &mut rest[..N_TAGS];
        for cur in 0..N_TAGS {
            // Only the BILOU-allowed predecessors: 9 for O/B/U, 2 for I/L (not all 17).
            let (list, len) = &PREVS[cur];
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for &prev in &list[..*len] {
                let s = prev_scores[prev as usize] + trans[prev as usize * N_TAGS + cur];
                if s > best {
                    best = s;
                    arg = prev;
                }
            }
            here[cur] = best + emis[i * N_TAGS + cur];
            back[i * N_TAGS + cur] = arg;
        }
    }
    let last = &score[(n - 1) * N_TAGS..];
    let mut best = 0u8;
    let mut best_s = f32::NEG_INFINITY;
    for (t, &s) in last.iter().enumerate() {
        if tags::may_end(t as u8) && s > best_s {
            best_s = s;
            best = t as u8;
        }
    }
    out.resize(n, 0);
    out[n - 1] = best;
    for i in (1..n).rev() {
        out[i - 1] = back[i * N_TAGS + out[i] as usize];
    }
}

/// For each tag, the tags allowed before it (and how many).
static PREVS: [([u8; N_TAGS], usize); N_TAGS] = {
    let mut a = [([0u8; N_TAGS], 0usize); N_TAGS];
    let mut c = 0;
    while c < N_TAGS {
        let mut p = 0;
        while p < N_TAGS {
            if tags::allowed_const(p as u8, c as u8) {
                a[c].0[a[c].1] = p as u8;
                a[c].1 += 1;
            }
            p += 1;
        }
        c += 1;
    }
    a
};

/// A trained named-entity tagger.
///
/// Tagging runs two passes over a document: the first pass uses sentence-local features; the
/// second adds what the first pass said about the same word elsewhere in the document (so a
/// headline's "LEICESTERSHIRE" is tagged like the body's "Leicestershire", and a later "Simmons"
/// like the earlier "Phil Simmons").
#[derive(Debug, Clone)]
pub struct Model {
    /// Feature hash → row of `w`.
    pub(crate) table: FeatTable,
    /// Rows of `2 * N_TAGS` quantized weights (first pass, then second pass); a weight is
    /// `w * scale`. Sixteen bits halve the memory each feature lookup touches, which is what
    /// tagging speed is bound by.
    pub(crate) w: Vec<i16>,
    pub(crate) scale: f32,
    pub(crate) trans_a: Vec<f32>,
    pub(crate) trans_b: Vec<f32>,
    pub(crate) gaz: Gazetteer,
}

/// Scratch buffers reused across sentences.
#[derive(Default)]
struct Scratch {
    feats: Feats,
    doc: Feats,
    gaz: Vec<(u32, u8)>,
}

impl Model {
    /// Loads the model committed with this crate (trained on CoNLL-2003 English).
    pub fn load_default() -> Result<Model> {
        Model::from_bytes(DEFAULT_MODEL, "default")
    }

    /// Loads a model file written by [`Model::save`].
    pub fn load(path: &Path) -> Result<Model> {
        let bytes = std::fs::read(path).map_err(|e| NerError::io(path, e))?;
        Model::from_bytes(&bytes, &path.display().to_string())
    }

    /// Writes the model: magic, format version, then the zstd-compressed weights.
    pub fn save(&self, path: &Path) -> Result<()> {
        let bytes = self.to_bytes().map_err(|e| NerError::io(path, e))?;
        std::fs::write(path, bytes).map_err(|e| NerError::io(path, e))
    }

    /// Number of features with weights.
    pub fn n_features(&self) -> usize {
        self.table.len()
    }

    /// The model file's bytes. Deterministic: the same model always gives the same bytes.
    pub fn to_bytes(&self) -> std::io::Result<Vec<u8>> {
        let mut p: Vec<u8> = Vec::new();
        p.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
        for t in self.trans_a.iter().chain(&self.trans_b) {
            p.extend_from_slice(&t.to_le_bytes());
        }
        let mut gaz: Vec<(u64, u8)> = self
            .gaz
            .entries
            .iter()
            .map(|(&k, c)| {
                (
                    k,
                    c.iter()
                        .enumerate()
                        .fold(0u8, |m, (l, &n)| if n > 0 { m | 1 << l } else { m }),
                )
            })
            .collect();
        gaz.sort_unstable();
        p.extend_from_slice(&(gaz.len() as u32).to_le_bytes());
        let mut prev = 0u64;
        for &(k, _) in &gaz {
            p.extend_from_slice(&(k - prev).to_le_bytes());
            prev = k;
        }
        p.extend(gaz.iter().map(|&(_, m)| m));
        // Case lexicon: only each word's class is needed after training.
        let mut case: Vec<(u64, u8)> = self
            .gaz
            .case
            .iter()
            .filter(|(_, c)| c[0] + c[1] > 0)
            .map(|(&k, c)| (k, u8::from(c[1] >= c[0])))
            .collect();
        case.sort_unstable();
        p.extend_from_slice(&(case.len() as u32).to_le_bytes());
        let mut prev = 0u64;
        for &(k, _) in &case {
            p.extend_from_slice(&(k - prev).to_le_bytes());
            prev = k;
        }
        p.extend(case.iter().map(|&(_, m)| m));
        let mut dist: Vec<(u64, Distrib)> = self.gaz.distrib.iter().map(|(&k, &d)| (k, d)).collect();
        dist.sort_unstable_by_key(|&(k, _)| k);
        p.extend_from_slice(&(dist.len() as u32).to_le_bytes());
        let mut prev = 0u64;
        for &(k, _) in &dist {
            p.extend_from_slice(&(k - prev).to_le_bytes());
            prev = k;
        }
        p.extend(dist.iter().map(|(_, d)| d.class));
        for (_, d) in &dist {
            for c in d.ctx {
                p.extend_from_slice(&c.to_le_bytes());
            }
        }
        let mut keys: Vec<(u64, u32)> = self.table.pairs().collect();
        keys.sort_unstable();
        p.extend_from_slice(&self.scale.to_le_bytes());
        p.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        let mut prev = 0u64;
        for &(k, _) in &keys {
            p.extend_from_slice(&(k - prev).to_le_bytes());
            prev = k;
        }
        // Column-major (all rows' tag 0, then tag 1, …): most weights are zero for most tags,
        // and long zero runs compress far better than interleaved rows.
        for col in 0..2 * N_TAGS {
            for &(_, r) in &keys {
                p.extend_from_slice(&self.w[r as usize * 2 * N_TAGS + col].to_le_bytes());
            }
        }
        let mut out = Vec::with_capacity(p.len() / 4);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        let mut enc = zstd::Encoder::new(&mut out, 19)?;
        enc.write_all(&p)?;
        enc.finish()?;
        Ok(out)
    }

    /// Reads model bytes; `name` only labels errors.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Model> {
        let err = |message: String| NerError::Model {
            name: name.to_string(),
            message,
        };
        if bytes.len() < 12 || &bytes[..8] != MAGIC {
            return Err(err("not a newsgraph NER model (bad magic)".into()));
        }
        let mut v = [0u8; 4];
        v.copy_from_slice(&bytes[8..12]);
        let version = u32::from_le_bytes(v);
        if version != FORMAT_VERSION {
            return Err(err(format!(
                "format version {version}, this build reads version {FORMAT_VERSION}"
            )));
        }
        let mut p = Vec::new();
        zstd::Decoder::new(&bytes[12..])
            .and_then(|mut d| d.read_to_end(&mut p))
            .map_err(|e| err(format!("corrupt compressed payload: {e}")))?;
        let mut r = Reader { p: &p, at: 0 };
        let trunc = || err("truncated payload".into());
        let n_tags = r.u32().ok_or_else(trunc)? as usize;
        if n_tags != N_TAGS {
            return Err(err(format!("{n_tags} tags, expected {N_TAGS}")));
        }
        let mut trans_a = Vec::with_capacity(TRANS_LEN);
        let mut trans_b = Vec::with_capacity(TRANS_LEN);
        for _ in 0..TRANS_LEN {
            trans_a.push(r.f32().ok_or_else(trunc)?);
        }
        for _ in 0..TRANS_LEN {
            trans_b.push(r.f32().ok_or_else(trunc)?);
        }
        let n_gaz = r.u32().ok_or_else(trunc)? as usize;
        let mut gkeys = Vec::with_capacity(n_gaz);
        let mut prev = 0u64;
        for _ in 0..n_gaz {
            prev = prev.wrapping_add(r.u64().ok_or_else(trunc)?);
            gkeys.push(prev);
        }
        let masks = r.bytes(n_gaz).ok_or_else(trunc)?;
        let mut gaz = Gazetteer::default();
        gaz.entries.reserve(n_gaz);
        for (&k, &m) in gkeys.iter().zip(masks) {
            let mut c = [0u32; 4];
            for (l, slot) in c.iter_mut().enumerate() {
                *slot = u32::from(m >> l & 1);
            }
            gaz.entries.insert(k, c);
        }
        let n_case = r.u32().ok_or_else(trunc)? as usize;
        let mut ckeys = Vec::with_capacity(n_case);
        let mut prev = 0u64;
        for _ in 0..n_case {
            prev = prev.wrapping_add(r.u64().ok_or_else(trunc)?);
            ckeys.push(prev);
        }
        let classes = r.bytes(n_case).ok_or_else(trunc)?;
        gaz.case.reserve(n_case);
        for (&k, &c) in ckeys.iter().zip(classes) {
            gaz.case.insert(k, if c == 0 { [1, 0] } else { [0, 1] });
        }
        let n_dist = r.u32().ok_or_else(trunc)? as usize;
        let mut dkeys = Vec::with_capacity(n_dist);
        let mut prev = 0u64;
        for _ in 0..n_dist {
            prev = prev.wrapping_add(r.u64().ok_or_else(trunc)?);
            dkeys.push(prev);
        }
        let classes = r.bytes(n_dist).ok_or_else(trunc)?.to_vec();
        gaz.distrib.reserve(n_dist);
        for (&k, &class) in dkeys.iter().zip(&classes) {
            let mut ctx = [0u64; 4];
            for c in &mut ctx {
                *c = r.u64().ok_or_else(trunc)?;
            }
            gaz.distrib.insert(k, Distrib { class, ctx });
        }
        let scale = r.f32().ok_or_else(trunc)?;
        let n = r.u32().ok_or_else(trunc)? as usize;
        let mut pairs = Vec::with_capacity(n);
        let mut prev = 0u64;
        for row in 0..n {
            prev = prev.wrapping_add(r.u64().ok_or_else(trunc)?);
            pairs.push((prev, row as u32));
        }
        let qs = r.bytes(n * 2 * N_TAGS * 2).ok_or_else(trunc)?;
        let mut w = vec![0i16; n * 2 * N_TAGS];
        for (i, q) in qs.chunks_exact(2).enumerate() {
            let (col, row) = (i / n.max(1), i % n.max(1));
            w[row * 2 * N_TAGS + col] = i16::from_le_bytes([q[0], q[1]]);
        }
        if r.at != p.len() {
            return Err(err(format!("{} trailing bytes", p.len() - r.at)));
        }
        Ok(Model {
            table: FeatTable::new(&pairs),
            w,
            scale,
            trans_a,
            trans_b,
            gaz,
        })
    }

    /// Integer sums of both passes' weights for every token (`n × N_TAGS` each).
    fn sums(&self, feats: &Feats, rows: &mut Vec<u32>, sum_a: &mut Vec<i32>, sum_b: &mut Vec<i32>) {
        let n = feats.len();
        sum_a.clear();
        sum_a.resize(n * N_TAGS, 0);
        sum_b.clear();
        sum_b.resize(n * N_TAGS, 0);
        // All lookups first, then all additions: independent probes overlap their cache misses
        // instead of waiting behind each row's additions.
        rows.clear();
        rows.extend(feats.feats.iter().map(|&f| self.table.get(f).unwrap_or(u32::MAX)));
        for i in 0..n {
            // Fixed-size accumulators in registers: the additions vectorize.
            let mut acc = [0i32; 2 * N_TAGS];
            for &row in &rows[feats.offs[i] as usize..feats.offs[i + 1] as usize] {
                let Some(w) = self.row(row) else { continue };
                for (x, &v) in acc.iter_mut().zip(w) {
                    *x += i32::from(v);
                }
            }
            sum_a[i * N_TAGS..(i + 1) * N_TAGS].copy_from_slice(&acc[..N_TAGS]);
            sum_b[i * N_TAGS..(i + 1) * N_TAGS].copy_from_slice(&acc[N_TAGS..]);
        }
    }

    /// Row `row` of the weights, `None` for the "no such feature" marker.
    #[inline]
    fn row(&self, row: u32) -> Option<&[i16; 2 * N_TAGS]> {
        let at = (row as usize).checked_mul(2 * N_TAGS)?;
        self.w
            .get(at..at.checked_add(2 * N_TAGS)?)
            .and_then(|r| r.try_into().ok())
    }

    fn scaled(&self, sums: &[i32], out: &mut Vec<f32>) {
        out.clear();
        out.extend(sums.iter().map(|&s| s as f32 * self.scale));
    }

    /// Tags one document given as sentences of tokens; returns each sentence's entity spans
    /// in token indices. Document-level features see all of `sentences`.
    pub fn tag_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<TokenSpan>> {
        let infos: Vec<SentInfo> = sentences.iter().map(|s| SentInfo::new(s)).collect();
        self.tag_infos(&infos).iter().map(|t| tags::decode(t)).collect()
    }

    pub(crate) fn tag_infos(&self, infos: &[SentInfo]) -> Vec<Vec<u8>> {
        let mut sc = Scratch::default();
        let mut rows = Vec::new();
        let mut sums_b: Vec<Vec<i32>> = Vec::with_capacity(infos.len());
        let mut first: Vec<Vec<u8>> = Vec::with_capacity(infos.len());
        let (mut sum_a, mut emis) = (Vec::new(), Vec::new());
        for info in infos {
            features::base_features(info, &self.gaz, None, &mut sc.gaz, &mut sc.feats);
            let mut sum_b = Vec::new();
            self.sums(&sc.feats, &mut rows, &mut sum_a, &mut sum_b);
            self.scaled(&sum_a, &mut emis);
            let mut t = Vec::new();
            viterbi(&emis, &self.trans_a, &mut t);
            first.push(t);
            sums_b.push(sum_b);
        }
        let pairs: Vec<(&SentInfo, &[u8])> = infos.iter().zip(first.iter().map(|t| t.as_slice())).collect();
        let stats = DocStats::new(&pairs);
        let mut out = Vec::with_capacity(infos.len());
        for ((info, sum_b), t1) in infos.iter().zip(sums_b.iter_mut()).zip(&first) {
            features::doc_features(info, t1, &stats, &mut sc.doc);
            for i in 0..sc.doc.len() {
                let b = &mut sum_b[i * N_TAGS..(i + 1) * N_TAGS];
                for f in sc.doc.token(i) {
                    if let Some(row) = self.table.get(*f) {
                        let row = &self.w[row as usize * 2 * N_TAGS + N_TAGS..(row as usize + 1) * 2 * N_TAGS];
                        for t in 0..N_TAGS {
                            b[t] += i32::from(row[t]);
                        }
                    }
                }
            }
            self.scaled(sum_b, &mut emis);
            let mut t = Vec::new();
            viterbi(&emis, &self.trans_b, &mut t);
            out.push(t);
        }
        out
    }

    /// Tags one sentence on its own (document features come from this sentence only).
    pub fn tag_tokens(&self, tokens: &[&str]) -> Vec<TokenSpan> {
        self.tag_document(&[tokens.to_vec()]).pop().unwrap_or_default()
    }
}

/// Open-addressing table from feature hash to weight row. A slot is 8 bytes — the key's high 32
/// bits as a fingerprint and the row — so the whole table of a 75k-feature model is 1 MB and stays
/// in cache; the index comes from the low bits. Two distinct features would be confused only if they
/// agreed on the high 32 bits and shared a probe run: with ~10^5 features, about one lookup in 10^9.
#[derive(Debug, Clone, Default)]
pub(crate) struct FeatTable {
    slots: Vec<(u32, u32)>,
    /// Full key of each row, for writing the model.
    keys: Vec<u64>,
    mask: usize,
}

#[inline]
fn fingerprint(k: u64) -> u32 {
    // 0 marks an empty slot.
    ((k >> 32) as u32).max(1)
}

impl FeatTable {
    /// A table of distinct keys with rows `0..pairs.len()` (any order).
    pub(crate) fn new(pairs: &[(u64, u32)]) -> FeatTable {
        let cap = (pairs.len() + pairs.len() / 2).next_power_of_two().max(16);
        let mut t = FeatTable {
            slots: vec![(0, 0); cap],
            keys: vec![0; pairs.len()],
            mask: cap - 1,
        };
        for &(k, row) in pairs {
            let mut i = (k as usize) & t.mask;
            while t.slots[i].0 != 0 {
                i = (i + 1) & t.mask;
            }
            t.slots[i] = (fingerprint(k), row);
            if let Some(slot) = t.keys.get_mut(row as usize) {
                *slot = k;
            }
        }
        t
    }

    /// Number of features.
    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    /// The stored `(key, row)` pairs, by row.
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.keys.iter().enumerate().map(|(r, &k)| (k, r as u32))
    }

    #[inline]
    pub(crate) fn get(&self, k: u64) -> Option<u32> {
        let f = fingerprint(k);
        let mut i = (k as usize) & self.mask;
        loop {
            let (slot_f, row) = *self.slots.get(i)?;
            if slot_f == f {
                return Some(row);
            }
            if slot_f == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

struct Reader<'a> {
    p: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn bytes(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.p.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        self.bytes(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn f32(&mut self) -> Option<f32> {
        self.u32().map(f32::from_bits)
    }
    fn u64(&mut self) -> Option<u64> {
        let b = self.bytes(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Some(u64::from_le_bytes(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(tags: &[u8], emis: &[f32], trans: &[f32]) -> Option<f32> {
        let mut s = 0.0;
        let mut prev: Option<u8> = None;
        for (i, &t) in tags.iter().enumerate() {
            if !tags::allowed(prev, t) {
                return None;
            }
            s += emis[i * N_TAGS + t as usize] + trans[prev.map_or(N_TAGS, usize::from) * N_TAGS + t as usize];
            prev = Some(t);
        }
        tags::may_end(*tags.last()?).then_some(s)
    }

    #[test]
    fn viterbi_finds_the_best_legal_sequence() {
        // Pseudo-random scores; compare with exhaustive search over all 17^3 sequences.
        let mut x = 12345u64;
        let mut rnd = || {
            x = crate::features::fmix(x.wrapping_add(0x9e37_79b9_7f4a_7c15));
            (x % 2000) as f32 / 100.0 - 10.0
        };
        for _ in 0..20 {
            let n = 3;
            let emis: Vec<f32> = (0..n * N_TAGS).map(|_| rnd()).collect();
            let trans: Vec<f32> = (0..TRANS_LEN).map(|_| rnd()).collect();
            let mut best = (f32::NEG_INFINITY, vec![]);
            for code in 0..N_TAGS.pow(n as u32) {
                let seq: Vec<u8> = (0..n).map(|i| (code / N_TAGS.pow(i as u32) % N_TAGS) as u8).collect();
                if let Some(s) = score(&seq, &emis, &trans) {
                    if s > best.0 {
                        best = (s, seq);
                    }
                }
            }
            let mut out = Vec::new();
            viterbi(&emis, &trans, &mut out);
            let got = score(&out, &emis, &trans).expect("viterbi output is legal");
            assert!(
                (got - best.0).abs() < 1e-3,
                "viterbi {out:?} {got} vs best {:?} {}",
                best.1,
                best.0
            );
        }
    }

    #[test]
    fn feature_table_finds_what_it_stores() {
        let pairs: Vec<(u64, u32)> = (0..1000u32)
            .map(|r| (crate::features::fmix(u64::from(r) + 1), r))
            .collect();
        let t = FeatTable::new(&pairs);
        for &(k, r) in &pairs {
            assert_eq!(t.get(k), Some(r));
        }
        assert_eq!(t.get(crate::features::fmix(5000)), None);
        assert_eq!(t.pairs().collect::<Vec<_>>(), pairs);
    }
}
