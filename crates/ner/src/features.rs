//! Feature extraction: every feature is a 64-bit hash of a template id and token properties, built
//! without allocating strings. Token properties are hashed once per token and combined per template.
//!
//! The hash is spelled out here (FNV-1a over UTF-8 plus a murmur3 finalizer) rather than taken from
//! std, because trained models store these hashes and must read the same on every platform and
//! Rust version.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::data::{Label, Sentence};
use crate::tags::{self, N_TAGS};

/// A hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// HashMap keyed by feature hashes.
pub(crate) type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

pub(crate) const fn fmix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x
}

pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    fmix(h)
}

#[inline]
pub(crate) fn comb(a: u64, b: u64) -> u64 {
    fmix(a.rotate_left(21) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

#[inline]
fn f1(t: u64, a: u64) -> u64 {
    comb(fmix(t + 1), a)
}

#[inline]
fn f2(t: u64, a: u64, b: u64) -> u64 {
    comb(comb(fmix(t + 1), a), b)
}

#[inline]
fn f3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    comb(comb(comb(fmix(t + 1), a), b), c)
}

// Template ids. Changing any of them, or what a template combines, changes every hash: bump
// `model::FORMAT_VERSION` when you do.
const T_BIAS: u64 = 1;
const T_WORD: u64 = 2;
const T_LOWER: u64 = 3;
const T_SHAPE: u64 = 4;
const T_SSHAPE: u64 = 5;
const T_PRE: u64 = 6; // +k for k in 0..4
const T_SUF: u64 = 10; // +k
const T_LOW_M1: u64 = 14;
const T_LOW_P1: u64 = 15;
const T_LOW_M2: u64 = 16;
const T_LOW_P2: u64 = 17;
const T_SH_M1: u64 = 18;
const T_SH_P1: u64 = 19;
const T_SH_M2: u64 = 20;
const T_SH_P2: u64 = 21;
const T_BI_M1: u64 = 22;
const T_BI_P1: u64 = 23;
const T_SH3: u64 = 24;
const T_FIRST_SHAPE: u64 = 25;
const T_CAPS_LOWER: u64 = 26;
const T_CAPS_SHAPE: u64 = 27;
const T_POS: u64 = 28;
const T_GAZ: u64 = 29;
const T_GAZ_M1: u64 = 30;
const T_GAZ_P1: u64 = 31;
const T_WORD_M1_SH: u64 = 32;
const T_SUF_M1: u64 = 33;
const T_CASE: u64 = 34;
const T_CASE_SH: u64 = 35;
const T_DIST_CASE: u64 = 36;
const T_DIST_L: u64 = 37;
const T_DIST_R: u64 = 38;
const T_DIST_NONE: u64 = 39;
const T_DOC_MAJ: u64 = 40;
const T_DOC_TAG: u64 = 41;
const T_DOC_MAJ_LC: u64 = 42;
const T_DOC_MAJ_SHAPE: u64 = 43;

const BOS: u64 = 0x0b05_0b05_0b05_0b05;
const EOS: u64 = 0x0e05_0e05_0e05_0e05;

/// Longest gazetteer phrase, in tokens.
pub(crate) const MAX_GAZ_LEN: usize = 6;

/// Per-token properties, hashed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TokInfo {
    word: u64,
    pub(crate) lower: u64,
    shape: u64,
    sshape: u64,
    pre: [u64; 4],
    suf: [u64; 4],
    /// Has an uppercase letter.
    pub(crate) upper: bool,
    /// Starts with an uppercase letter.
    initial_upper: bool,
    alpha: bool,
    all_caps: bool,
}

/// Maps typographic characters to the ASCII forms CoNLL uses, so running text with curly quotes
/// gets the same features as the training data.
pub(crate) fn normalize(word: &str) -> std::borrow::Cow<'_, str> {
    if word.is_ascii() {
        return std::borrow::Cow::Borrowed(word);
    }
    let mut s = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' => s.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{00ab}' | '\u{00bb}' => s.push('"'),
            '\u{2013}' | '\u{2014}' | '\u{2212}' => s.push('-'),
            '\u{2026}' => s.push_str("..."),
            '\u{00a0}' => s.push(' '),
            _ => s.push(c),
        }
    }
    std::borrow::Cow::Owned(s)
}

fn shape_char(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_ascii_digit() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else {
        c
    }
}

impl TokInfo {
    pub(crate) fn new(raw: &str) -> TokInfo {
        let word = normalize(raw);
        let word: &str = &word;
        let lower = word.to_lowercase();
        // Shapes are hashed as they are built: no per-token strings beyond the lowercase form.
        let mut shape = Fnv::new();
        let mut sshape = Fnv::new();
        let (mut run, mut last) = (0usize, '\0');
        let (mut upper, mut alpha, mut has_lower) = (false, false, false);
        for c in word.chars() {
            upper |= c.is_uppercase();
            has_lower |= c.is_lowercase();
            alpha |= c.is_alphabetic();
            let s = shape_char(c);
            if s == last {
                run += 1;
            } else {
                run = 1;
                sshape.push_char(s);
            }
            last = s;
            if run <= 4 {
                shape.push_char(s);
            }
        }
        let mut pre = [0u64; 4];
        let mut suf = [0u64; 4];
        let mut ends = lower.char_indices().map(|(i, c)| i + c.len_utf8());
        for p in &mut pre {
            match ends.next() {
                Some(e) => *p = hash_str(&lower[..e]),
                None => break,
            }
        }
        let mut starts = lower.char_indices().rev().map(|(i, _)| i);
        for s in &mut suf {
            match starts.next() {
                Some(b) => *s = hash_str(&lower[b..]),
                None => break,
            }
        }
        TokInfo {
            word: hash_str(word),
            lower: hash_str(&lower),
            shape: shape.finish(),
            sshape: sshape.finish(),
            pre,
            suf,
            upper,
            initial_upper: word.chars().next().is_some_and(char::is_uppercase),
            alpha,
            all_caps: upper && !has_lower,
        }
    }
}

/// FNV-1a fed incrementally; `finish` equals [`hash_str`] of the same bytes.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn push_char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        fmix(self.0)
    }
}

/// A sentence reduced to what features need.
pub(crate) struct SentInfo {
    pub(crate) toks: Vec<TokInfo>,
    /// A headline or other all-capitals sentence: case carries no information there.
    pub(crate) caps: bool,
}

impl SentInfo {
    pub(crate) fn new<S: AsRef<str>>(tokens: &[S]) -> SentInfo {
        let toks: Vec<TokInfo> = tokens.iter().map(|t| TokInfo::new(t.as_ref())).collect();
        let alpha = toks.iter().filter(|t| t.alpha).count();
        let caps = toks.iter().filter(|t| t.all_caps).count();
        SentInfo {
            caps: alpha >= 2 && caps * 4 >= alpha * 3,
            toks,
        }
    }
}

/// Entity strings seen in training, by type, with the number of training documents each occurs in.
#[derive(Debug, Clone, Default)]
pub(crate) struct Gazetteer {
    /// Phrase hash → documents per label.
    pub(crate) entries: IdMap<[u32; 4]>,
    /// Lowercased word → (lowercase, capitalized) occurrences inside mixed-case sentences, not
    /// sentence-initial. Tells whether a capitalized sentence-initial word is a name ("Xi") or an
    /// ordinary word ("However").
    pub(crate) case: IdMap<[u32; 2]>,
    /// Distributional lexicon from unlabelled text (see [`Distrib`]).
    pub(crate) distrib: IdMap<Distrib>,
}

/// What unlabelled news says about a word: how it is usually capitalized mid-sentence, and its
/// two most frequent left and right neighbours. A poor man's word clusters: "Pompeo" shares
/// "said" and "Secretary" with names the training data knows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Distrib {
    /// 1 mostly lowercase, 2 mostly capitalized.
    pub(crate) class: u8,
    /// Lowercase hashes of the top left neighbours, then the top right neighbours (0 = none).
    pub(crate) ctx: [u64; 4],
}

/// Words seen fewer times than this in unlabelled text get no distributional entry.
const MIN_DISTRIB_COUNT: u32 = 3;

/// Builds the distributional lexicon from tokenized unlabelled sentences.
pub(crate) fn build_distrib<S: AsRef<str>>(sentences: &[Vec<S>]) -> IdMap<Distrib> {
    struct Acc {
        case: [u32; 2],
        n: u32,
        left: IdMap<u32>,
        right: IdMap<u32>,
    }
    let mut acc: IdMap<Acc> = IdMap::default();
    for s in sentences {
        let info = SentInfo::new(s);
        if info.caps {
            continue;
        }
        let toks = &info.toks;
        for (i, t) in toks.iter().enumerate() {
            let a = acc.entry(t.lower).or_insert_with(|| Acc {
                case: [0; 2],
                n: 0,
                left: IdMap::default(),
                right: IdMap::default(),
            });
            a.n += 1;
            if i > 0 && t.alpha {
                a.case[usize::from(t.initial_upper)] += 1;
            }
            let l = if i > 0 { toks[i - 1].lower } else { BOS };
            let r = toks.get(i + 1).map_or(EOS, |n| n.lower);
            *a.left.entry(l).or_insert(0) += 1;
            *a.right.entry(r).or_insert(0) += 1;
        }
    }
    let top2 = |m: &IdMap<u32>| -> [u64; 2] {
        let mut v: Vec<(u32, u64)> = m.iter().map(|(&k, &c)| (c, k)).collect();
        // Highest count first, ties by hash: deterministic whatever the map's order.
        v.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        [v.first().map_or(0, |x| x.1), v.get(1).map_or(0, |x| x.1)]
    };
    acc.iter()
        .filter(|(_, a)| a.n >= MIN_DISTRIB_COUNT)
        .map(|(&k, a)| {
            let class = if a.case == [0, 0] {
                0
            } else if a.case[0] > a.case[1] {
                1
            } else {
                2
            };
            let (l, r) = (top2(&a.left), top2(&a.right));
            (
                k,
                Distrib {
                    class,
                    ctx: [l[0], l[1], r[0], r[1]],
                },
            )
        })
        .collect()
}

/// One training document's own gazetteer entries and case counts, subtracted so the document
/// never sees itself (otherwise the model learns to trust the gazetteer blindly).
#[derive(Debug, Clone, Default)]
pub(crate) struct OwnEntries {
    names: IdMap<u8>,
    case: IdMap<[u32; 2]>,
}

pub(crate) fn phrase_key(lowers: impl Iterator<Item = u64>) -> u64 {
    let mut k = 0x6a2e_1d3c_55aa_0f17u64;
    for l in lowers {
        k = comb(k, l);
    }
    k
}

impl Gazetteer {
    /// Entries of one document's gold spans as label masks.
    pub(crate) fn own_entries(sentences: &[Sentence], infos: &[SentInfo]) -> OwnEntries {
        let mut own = OwnEntries::default();
        for (s, info) in sentences.iter().zip(infos) {
            for sp in &s.spans {
                if sp.end - sp.start <= MAX_GAZ_LEN && sp.end <= info.toks.len() {
                    let key = phrase_key(info.toks[sp.start..sp.end].iter().map(|t| t.lower));
                    *own.names.entry(key).or_insert(0) |= 1 << sp.label.index();
                }
            }
            if !info.caps {
                for t in info.toks.iter().skip(1).filter(|t| t.alpha) {
                    own.case.entry(t.lower).or_insert([0; 2])[usize::from(t.initial_upper)] += 1;
                }
            }
        }
        own
    }

    /// How a capitalized word is usually written elsewhere: 0 never seen, 1 mostly lowercase,
    /// 2 mostly capitalized.
    fn case_class(&self, lower: u64, own: Option<&OwnEntries>) -> u64 {
        let Some(c) = self.case.get(&lower) else { return 0 };
        let mine = own.and_then(|o| o.case.get(&lower)).copied().unwrap_or([0; 2]);
        let (lo, up) = (c[0] - mine[0], c[1] - mine[1]);
        if lo + up == 0 {
            0
        } else if lo > up {
            1
        } else {
            2
        }
    }

    pub(crate) fn add_doc(&mut self, own: &OwnEntries) {
        for (&k, c) in &own.case {
            let e = self.case.entry(k).or_insert([0; 2]);
            e[0] += c[0];
            e[1] += c[1];
        }
        for (&k, &mask) in &own.names {
            let e = self.entries.entry(k).or_insert([0; 4]);
            for (l, c) in e.iter_mut().enumerate() {
                if mask & (1 << l) != 0 {
                    *c += 1;
                }
            }
        }
    }

    fn mask(&self, key: u64, own: Option<&OwnEntries>) -> u8 {
        let Some(counts) = self.entries.get(&key) else { return 0 };
        let mine = own.and_then(|o| o.names.get(&key)).copied().unwrap_or(0);
        let mut m = 0u8;
        for (l, &c) in counts.iter().enumerate() {
            let c = c - u32::from(mine >> l & 1);
            if c > 0 {
                m |= 1 << l;
            }
        }
        m
    }

    /// Gazetteer matches of a sentence, as (token, label, BILU part) triples.
    fn matches(&self, info: &SentInfo, own: Option<&OwnEntries>, out: &mut Vec<(u32, u8)>) {
        out.clear();
        let n = info.toks.len();
        for i in 0..n {
            if !info.toks[i].upper {
                continue;
            }
            let mut key = 0x6a2e_1d3c_55aa_0f17u64;
            for j in i..n.min(i + MAX_GAZ_LEN) {
                key = comb(key, info.toks[j].lower);
                let m = self.mask(key, own);
                if m == 0 {
                    continue;
                }
                for l in Label::ALL {
                    if m & (1 << l.index()) == 0 {
                        continue;
                    }
                    for k in i..=j {
                        let part = if i == j {
                            tags::Part::U
                        } else if k == i {
                            tags::Part::B
                        } else if k == j {
                            tags::Part::L
                        } else {
                            tags::Part::I
                        };
                        out.push((k as u32, tags::tag(l, part)));
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// Features of one sentence: `feats[offs[i]..offs[i + 1]]` are token i's.
#[derive(Debug, Clone, Default)]
pub(crate) struct Feats {
    pub(crate) feats: Vec<u64>,
    pub(crate) offs: Vec<u32>,
}

impl Feats {
    pub(crate) fn token(&self, i: usize) -> &[u64] {
        &self.feats[self.offs[i] as usize..self.offs[i + 1] as usize]
    }
    pub(crate) fn len(&self) -> usize {
        self.offs.len().saturating_sub(1)
    }
}

/// Sentence-local features (everything but the document-level ones).
pub(crate) fn base_features(
    info: &SentInfo,
    gaz: &Gazetteer,
    own: Option<&OwnEntries>,
    scratch: &mut Vec<(u32, u8)>,
    out: &mut Feats,
) {
    out.feats.clear();
    out.offs.clear();
    out.offs.push(0);
    gaz.matches(info, own, scratch);
    let toks = &info.toks;
    let n = toks.len();
    let caps = u64::from(info.caps);
    let get = |i: isize| -> Option<&TokInfo> { usize::try_from(i).ok().and_then(|i| toks.get(i)) };
    let low = |i: isize| get(i).map_or(if i < 0 { BOS } else { EOS }, |t| t.lower);
    let shp = |i: isize| get(i).map_or(if i < 0 { BOS } else { EOS }, |t| t.sshape);
    let gaz_at = |i: usize| -> &[(u32, u8)] {
        let lo = scratch.partition_point(|&(k, _)| (k as usize) < i);
        let hi = scratch.partition_point(|&(k, _)| (k as usize) <= i);
        &scratch[lo..hi]
    };
    for (i, t) in toks.iter().enumerate() {
        let ii = i as isize;
        let f = &mut out.feats;
        f.push(f1(T_BIAS, 0));
        f.push(f1(T_WORD, t.word));
        f.push(f1(T_LOWER, t.lower));
        f.push(f1(T_SHAPE, t.shape));
        f.push(f1(T_SSHAPE, t.sshape));
        for k in 0..4 {
            if t.pre[k] != 0 {
                f.push(f1(T_PRE + k as u64, t.pre[k]));
                f.push(f1(T_SUF + k as u64, t.suf[k]));
            }
        }
        f.push(f1(T_LOW_M1, low(ii - 1)));
        f.push(f1(T_LOW_P1, low(ii + 1)));
        f.push(f1(T_LOW_M2, low(ii - 2)));
        f.push(f1(T_LOW_P2, low(ii + 2)));
        f.push(f1(T_SH_M1, shp(ii - 1)));
        f.push(f1(T_SH_P1, shp(ii + 1)));
        f.push(f1(T_SH_M2, shp(ii - 2)));
        f.push(f1(T_SH_P2, shp(ii + 2)));
        f.push(f2(T_BI_M1, low(ii - 1), t.lower));
        f.push(f2(T_BI_P1, t.lower, low(ii + 1)));
        f.push(f3(T_SH3, shp(ii - 1), t.sshape, shp(ii + 1)));
        f.push(f2(T_FIRST_SHAPE, u64::from(i == 0), t.shape));
        f.push(f2(T_WORD_M1_SH, get(ii - 1).map_or(BOS, |p| p.word), t.sshape));
        f.push(f1(T_SUF_M1, get(ii - 1).map_or(BOS, |p| p.suf[2])));
        if info.caps {
            f.push(f1(T_CAPS_LOWER, t.lower));
        }
        f.push(f2(T_CAPS_SHAPE, caps, t.sshape));
        let pos = match i {
            0..=2 => i as u64,
            _ if i + 1 == n => 9,
            _ => 3,
        };
        f.push(f2(T_POS, pos, t.sshape));
        if t.upper {
            let class = gaz.case_class(t.lower, own);
            f.push(f2(T_CASE, class, u64::from(i == 0) + 2 * caps));
            f.push(f3(T_CASE_SH, class, u64::from(i == 0), t.sshape));
        }
        if !gaz.distrib.is_empty() {
            match gaz.distrib.get(&t.lower) {
                Some(d) => {
                    f.push(f3(T_DIST_CASE, u64::from(d.class), u64::from(i == 0), t.sshape));
                    for &c in &d.ctx[..2] {
                        if c != 0 {
                            f.push(f1(T_DIST_L, c));
                        }
                    }
                    for &c in &d.ctx[2..] {
                        if c != 0 {
                            f.push(f1(T_DIST_R, c));
                        }
                    }
                }
                None => f.push(f2(T_DIST_NONE, u64::from(i == 0), t.sshape)),
            }
        }
        for &(_, tag) in gaz_at(i) {
            f.push(f1(T_GAZ, u64::from(tag)));
        }
        if i > 0 {
            for &(_, tag) in gaz_at(i - 1) {
                f.push(f1(T_GAZ_M1, u64::from(tag)));
            }
        }
        for &(_, tag) in gaz_at(i + 1) {
            f.push(f1(T_GAZ_P1, u64::from(tag)));
        }
        out.offs.push(f.len() as u32);
    }
}

/// Tag counts per lowercased word over a document, from a first tagging pass.
#[derive(Default)]
pub(crate) struct DocStats {
    all: IdMap<[u16; N_TAGS]>,
    /// Counts from sentences that are not all capitals, where case is informative.
    mixed: IdMap<[u16; N_TAGS]>,
}

impl DocStats {
    pub(crate) fn new(doc: &[(&SentInfo, &[u8])]) -> DocStats {
        let mut s = DocStats::default();
        for (info, tags) in doc {
            for (t, &tag) in info.toks.iter().zip(tags.iter()) {
                if !t.alpha {
                    continue;
                }
                s.all.entry(t.lower).or_insert([0; N_TAGS])[tag as usize] += 1;
                if !info.caps {
                    s.mixed.entry(t.lower).or_insert([0; N_TAGS])[tag as usize] += 1;
                }
            }
        }
        s
    }
}

fn majority(counts: &[u16; N_TAGS], own: Option<u8>) -> Option<u64> {
    let mut by_label = [0i32; 5];
    let mut total = 0;
    for (tag, &c) in counts.iter().enumerate() {
        let mut c = i32::from(c);
        if own == Some(tag as u8) {
            c -= 1;
        }
        let slot = tags::label(tag as u8).map_or(0, |l| l.index() + 1);
        by_label[slot] += c;
        total += c;
    }
    if total <= 0 {
        return None;
    }
    let mut best = 0;
    for k in 1..5 {
        if by_label[k] > by_label[best] {
            best = k;
        }
    }
    Some(best as u64)
}

/// Document-level features of one sentence, given the first pass's tags for it.
pub(crate) fn doc_features(info: &SentInfo, first_pass: &[u8], stats: &DocStats, out: &mut Feats) {
    out.feats.clear();
    out.offs.clear();
    out.offs.push(0);
    for (t, &own) in info.toks.iter().zip(first_pass.iter()) {
        if t.upper && t.alpha {
            if let Some(counts) = stats.all.get(&t.lower) {
                if let Some(m) = majority(counts, Some(own)) {
                    out.feats.push(f1(T_DOC_MAJ, m));
                    out.feats.push(f2(T_DOC_MAJ_SHAPE, m, t.sshape));
                }
                for (tag, &c) in counts.iter().enumerate() {
                    let c = c - u16::from(own as usize == tag);
                    if c > 0 {
                        out.feats.push(f1(T_DOC_TAG, tag as u64));
                    }
                }
            }
            if info.caps {
                if let Some(counts) = stats.mixed.get(&t.lower) {
                    if let Some(m) = majority(counts, None) {
                        out.feats.push(f1(T_DOC_MAJ_LC, m));
                    }
                }
            }
        }
        out.offs.push(out.feats.len() as u32);
    }
}
