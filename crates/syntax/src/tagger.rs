//! The part-of-speech tagger and the phrase chunker: greedy left-to-right decoding with the two
//! previous tags as features, over [`Weights`] trained by the averaged perceptron.

use std::borrow::Cow;
use std::path::Path;

use crate::conll::Sentence;
use crate::error::{Result, SyntaxError};
use crate::perceptron::{argmax, FeatHash, Lcg, Trainer, Weights};

/// The committed tagger model, trained on CoNLL-2003 `eng.train`.
static DEFAULT_POS: &[u8] = include_bytes!("../models/pos.model.zst");
/// The committed chunker model, trained on CoNLL-2003 `eng.train`.
static DEFAULT_CHUNK: &[u8] = include_bytes!("../models/chunk.model.zst");

/// Spelling variants of running text mapped to the forms the CoNLL training data uses.
pub fn normalize_word(w: &str) -> Cow<'_, str> {
    if w.is_ascii() {
        return Cow::Borrowed(w);
    }
    let mapped: String = w
        .chars()
        .map(|c| match c {
            '“' | '”' | '„' | '«' | '»' => '"',
            '‘' | '’' | '‚' => '\'',
            '–' | '—' | '‒' => '-',
            _ => c,
        })
        .collect();
    Cow::Owned(mapped)
}

/// Appends a coarse word shape to `out`: `Xx`, `X.X.`, `dd`, `x-x`… with runs collapsed.
fn push_shape(w: &str, out: &mut String) {
    let mut last = ' ';
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if s != last {
            out.push(s);
            last = s;
        }
    }
}

fn suffix(w: &str, n: usize) -> &str {
    let start = w.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    &w[start..]
}

fn prefix(w: &str, n: usize) -> &str {
    let end = w.char_indices().nth(n).map_or(w.len(), |(i, _)| i);
    &w[..end]
}

/// Per-word strings reused by every feature of a sentence.
struct WordInfo<'a> {
    raw: &'a str,
    lower: &'a str,
    shape: &'a str,
}

/// The strings behind a sentence's [`WordInfo`]s, in one buffer: three small allocations
/// per sentence instead of three per word.
struct WordBuf {
    buf: String,
    /// Per word, the byte ranges of its normalized form, lower case and shape in `buf`.
    spans: Vec<[(usize, usize); 3]>,
}

impl WordBuf {
    fn new<S: AsRef<str>>(words: &[S]) -> WordBuf {
        let bytes: usize = words.iter().map(|w| w.as_ref().len()).sum();
        let mut buf = String::with_capacity(bytes * 3 + 16);
        let mut spans = Vec::with_capacity(words.len());
        for w in words {
            let norm = normalize_word(w.as_ref());
            let a = buf.len();
            buf.push_str(&norm);
            let b = buf.len();
            if norm.is_ascii() {
                buf.extend(norm.bytes().map(|c| char::from(c.to_ascii_lowercase())));
            } else {
                // Not char by char: `str::to_lowercase` knows the word-final sigma.
                buf.push_str(&norm.to_lowercase());
            }
            let c = buf.len();
            push_shape(&norm, &mut buf);
            spans.push([(a, b), (b, c), (c, buf.len())]);
        }
        WordBuf { buf, spans }
    }

    fn infos(&self) -> Vec<WordInfo<'_>> {
        let at = |(a, b): (usize, usize)| self.buf.get(a..b).unwrap_or_default();
        self.spans
            .iter()
            .map(|&[r, l, s]| WordInfo {
                raw: at(r),
                lower: at(l),
                shape: at(s),
            })
            .collect()
    }
}

const START: &str = "<s>";
const END: &str = "</s>";

fn pos_features(ws: &[WordInfo<'_>], i: usize, p1: &str, p2: &str, out: &mut Vec<u64>) {
    out.clear();
    let w = &ws[i];
    let get = |j: isize| -> &str {
        if j < 0 {
            START
        } else {
            ws.get(j as usize).map_or(END, |x| x.lower)
        }
    };
    let ii = i as isize;
    let f = FeatHash::new;
    out.push(f(0).finish());
    out.push(f(1).add(w.lower).finish());
    out.push(f(2).add(suffix(w.lower, 1)).finish());
    out.push(f(3).add(suffix(w.lower, 2)).finish());
    out.push(f(4).add(suffix(w.lower, 3)).finish());
    out.push(f(5).add(suffix(w.lower, 4)).finish());
    out.push(f(6).add(prefix(w.lower, 1)).finish());
    out.push(f(7).add(prefix(w.lower, 3)).finish());
    out.push(f(8).add(w.shape).finish());
    out.push(f(9).add(p1).finish());
    out.push(f(10).add(p2).add(p1).finish());
    out.push(f(11).add(p1).add(w.lower).finish());
    out.push(f(12).add(get(ii - 1)).finish());
    out.push(f(13).add(suffix(get(ii - 1), 3)).finish());
    out.push(f(14).add(get(ii - 2)).finish());
    out.push(f(15).add(get(ii + 1)).finish());
    out.push(f(16).add(suffix(get(ii + 1), 3)).finish());
    out.push(f(17).add(get(ii + 2)).finish());
    out.push(f(18).add(w.raw).add(if i == 0 { "first" } else { "inner" }).finish());
    out.push(f(19).add(get(ii - 1)).add(w.lower).finish());
    out.push(f(20).add(w.lower).add(get(ii + 1)).finish());
    out.push(f(21).add(w.shape).add(if i == 0 { "first" } else { "inner" }).finish());
    if i + 1 < ws.len() {
        out.push(f(22).add(ws[i + 1].shape).finish());
    }
    if i > 0 {
        out.push(f(23).add(ws[i - 1].shape).add(p1).finish());
    }
    out.push(f(24).add(suffix(w.lower, 3)).add(p1).finish());
    out.push(f(25).add(get(ii + 1)).add(get(ii + 2)).finish());
    out.push(f(26).add(get(ii - 1)).add(get(ii + 1)).finish());
}

fn chunk_features(ws: &[WordInfo<'_>], pos: &[&str], i: usize, c1: &str, c2: &str, out: &mut Vec<u64>) {
    out.clear();
    let n = ws.len() as isize;
    let ii = i as isize;
    let p = |j: isize| -> &str {
        if j < 0 {
            START
        } else if j >= n {
            END
        } else {
            pos[j as usize]
        }
    };
    let w = |j: isize| -> &str {
        if j < 0 {
            START
        } else if j >= n {
            END
        } else {
            ws[j as usize].lower
        }
    };
    let f = FeatHash::new;
    out.push(f(0).finish());
    out.push(f(1).add(w(ii)).finish());
    out.push(f(2).add(p(ii)).finish());
    out.push(f(3).add(p(ii - 1)).finish());
    out.push(f(4).add(p(ii - 2)).finish());
    out.push(f(5).add(p(ii + 1)).finish());
    out.push(f(6).add(p(ii + 2)).finish());
    out.push(f(7).add(p(ii - 1)).add(p(ii)).finish());
    out.push(f(8).add(p(ii)).add(p(ii + 1)).finish());
    out.push(f(9).add(p(ii - 2)).add(p(ii - 1)).add(p(ii)).finish());
    out.push(f(10).add(p(ii)).add(p(ii + 1)).add(p(ii + 2)).finish());
    out.push(f(11).add(p(ii - 1)).add(p(ii)).add(p(ii + 1)).finish());
    out.push(f(12).add(w(ii - 1)).finish());
    out.push(f(13).add(w(ii + 1)).finish());
    out.push(f(14).add(w(ii - 1)).add(w(ii)).finish());
    out.push(f(15).add(w(ii)).add(w(ii + 1)).finish());
    out.push(f(16).add(c1).finish());
    out.push(f(17).add(c2).add(c1).finish());
    out.push(f(18).add(c1).add(p(ii)).finish());
    out.push(f(19).add(c1).add(w(ii)).finish());
    out.push(f(20).add(c1).add(p(ii)).add(p(ii + 1)).finish());
    out.push(f(21).add(w(ii)).add(p(ii)).finish());
    out.push(f(22).add(w(ii - 1)).add(p(ii)).finish());
    out.push(f(23).add(ws[i].shape).finish());
    out.push(f(24).add(w(ii - 2)).finish());
    out.push(f(25).add(w(ii + 2)).finish());
    out.push(f(26).add(w(ii)).add(p(ii + 1)).finish());
    out.push(f(27).add(p(ii - 1)).add(w(ii)).finish());
    out.push(f(28).add(c1).add(p(ii - 1)).add(p(ii)).finish());
    out.push(f(29).add(suffix(w(ii), 3)).add(p(ii)).finish());
    out.push(f(30).add(w(ii + 1)).add(p(ii + 1)).finish());
    out.push(f(31).add(w(ii - 1)).add(p(ii - 1)).finish());
}

/// IOB2 chunk tags allow `I-X` only after `B-X` or `I-X`.
fn chunk_allowed(classes: &[String], prev: &str, c: usize) -> bool {
    match classes[c].strip_prefix("I-") {
        Some(ty) => prev.len() > 2 && &prev[2..] == ty,
        None => true,
    }
}

/// A trained part-of-speech tagger and chunker.
#[derive(Debug, Clone)]
pub struct Models {
    pos: Weights,
    chunk: Weights,
}

impl Models {
    /// The committed models.
    pub fn load_default() -> Result<Models> {
        Ok(Models {
            pos: Weights::from_bytes(DEFAULT_POS, "<builtin pos>", "pos")?,
            chunk: Weights::from_bytes(DEFAULT_CHUNK, "<builtin chunk>", "chunk")?,
        })
    }

    /// Models from files (either may be `None` for the committed one).
    pub fn load(pos: Option<&Path>, chunk: Option<&Path>) -> Result<Models> {
        let read = |p: Option<&Path>, kind: &str, builtin: &[u8]| -> Result<Weights> {
            match p {
                Some(p) => {
                    let bytes = std::fs::read(p).map_err(|e| SyntaxError::io(p, e))?;
                    Weights::from_bytes(&bytes, &p.display().to_string(), kind)
                }
                None => Weights::from_bytes(builtin, &format!("<builtin {kind}>"), kind),
            }
        };
        Ok(Models {
            pos: read(pos, "pos", DEFAULT_POS)?,
            chunk: read(chunk, "chunk", DEFAULT_CHUNK)?,
        })
    }

    /// Builds from weights already in memory.
    pub fn from_weights(pos: Weights, chunk: Weights) -> Models {
        Models { pos, chunk }
    }

    /// Part-of-speech tags for one sentence's words.
    pub fn tag<S: AsRef<str>>(&self, words: &[S]) -> Vec<String> {
        tag_with(&self.pos, &WordBuf::new(words).infos())
    }

    /// Part-of-speech tags where some words' tags are known beforehand (`fixed[i]`: a proper
    /// name from a gazetteer, say). Those tags are kept and, unlike a correction made after
    /// tagging, feed the context of the words after them ("Arnor cleric": with "Arnor" a
    /// proper noun, "cleric" is a noun, not an adjective after a conjunction).
    pub fn tag_fixed<S: AsRef<str>>(&self, words: &[S], fixed: &[Option<&str>]) -> Vec<String> {
        tag_with_fixed(&self.pos, &WordBuf::new(words).infos(), fixed)
    }

    /// IOB2 chunk tags for one sentence's words and their part-of-speech tags.
    pub fn chunk<S: AsRef<str>, P: AsRef<str>>(&self, words: &[S], pos: &[P]) -> Vec<String> {
        let pos: Vec<&str> = pos.iter().map(|p| p.as_ref()).collect();
        chunk_with(&self.chunk, &WordBuf::new(words).infos(), &pos)
    }

    /// Tags and chunks one sentence, sharing the per-word work.
    pub fn tag_and_chunk<S: AsRef<str>>(&self, words: &[S]) -> (Vec<String>, Vec<String>) {
        self.tag_fixed_and_chunk(words, &[])
    }

    /// [`Models::tag_fixed`], then chunks, sharing the per-word work.
    pub fn tag_fixed_and_chunk<S: AsRef<str>>(
        &self,
        words: &[S],
        fixed: &[Option<&str>],
    ) -> (Vec<String>, Vec<String>) {
        let wb = WordBuf::new(words);
        let ws = wb.infos();
        let pos = tag_with_fixed(&self.pos, &ws, fixed);
        let refs: Vec<&str> = pos.iter().map(String::as_str).collect();
        let chunks = chunk_with(&self.chunk, &ws, &refs);
        (pos, chunks)
    }
}

impl Models {
    /// The same tags and chunks as [`Models::tag_fixed_and_chunk`]`(words, fixed)`, given
    /// `(pos, chunks)` = [`Models::tag_and_chunk`]`(words)`: greedy decoding reads only the
    /// two previous tags, so the words before the first fixed tag keep their tags, and once two
    /// tags after the last fixed one agree with the unfixed run again, the rest does too. Only
    /// the stretch in between is decoded again (a name fixed as `NNP` in a 30-word sentence
    /// typically re-decodes a few words, not 30).
    pub fn retag_fixed_and_chunk<S: AsRef<str>, T: AsRef<str>, C: AsRef<str>>(
        &self,
        words: &[S],
        pos: &[T],
        chunks: &[C],
        fixed: &[Option<&str>],
    ) -> (Vec<String>, Vec<String>) {
        let old_pos: Vec<&str> = pos.iter().map(AsRef::as_ref).collect();
        let old_chunks: Vec<&str> = chunks.iter().map(AsRef::as_ref).collect();
        if old_pos.len() != words.len() || old_chunks.len() != words.len() {
            // Not a run over these words: decode from scratch.
            return self.tag_fixed_and_chunk(words, fixed);
        }
        let Some(first) = fixed.iter().position(Option::is_some) else {
            return (to_strings(&old_pos), to_strings(&old_chunks));
        };
        let wb = WordBuf::new(words);
        let ws = wb.infos();
        let mut new_pos: Vec<&str> = old_pos[..first].to_vec();
        decode_pos(&self.pos, &ws, fixed, &old_pos, &mut new_pos);
        let changed: Vec<usize> = (0..words.len()).filter(|&i| new_pos[i] != old_pos[i]).collect();
        let (Some(&lo), Some(&hi)) = (changed.first(), changed.last()) else {
            return (to_strings(&new_pos), to_strings(&old_chunks));
        };
        let mut new_chunks: Vec<&str> = old_chunks[..lo.saturating_sub(2)].to_vec();
        decode_chunks(&self.chunk, &ws, &new_pos, Some((&old_chunks, hi)), &mut new_chunks);
        (to_strings(&new_pos), to_strings(&new_chunks))
    }
}

fn to_strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_string()).collect()
}

fn tag_with(model: &Weights, ws: &[WordInfo<'_>]) -> Vec<String> {
    tag_with_fixed(model, ws, &[])
}

fn tag_with_fixed(model: &Weights, ws: &[WordInfo<'_>], fixed: &[Option<&str>]) -> Vec<String> {
    let mut out = Vec::with_capacity(ws.len());
    decode_pos(model, ws, fixed, &[], &mut out);
    out.into_iter().map(str::to_string).collect()
}

/// Tags `ws[out.len()..]` greedily after the tags already in `out`.
///
/// `old`, when not empty, is this model's tagging of the same words with no tag fixed. Where
/// no fixed tag lies ahead and the two previous tags equal the old ones, every feature of every
/// later word equals the old one, and so does every later tag: the old tail is copied.
fn decode_pos<'a>(
    model: &'a Weights,
    ws: &[WordInfo<'_>],
    fixed: &[Option<&'a str>],
    old: &[&'a str],
    out: &mut Vec<&'a str>,
) {
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; model.n_classes()];
    let last_fixed = fixed.iter().rposition(Option::is_some);
    let converged = |out: &[&str], i: usize| {
        old.len() == ws.len()
            && last_fixed.is_none_or(|l| l < i)
            && (i < 1 || out[i - 1] == old[i - 1])
            && (i < 2 || out[i - 2] == old[i - 2])
    };
    for i in out.len()..ws.len() {
        if converged(out, i) {
            out.extend_from_slice(&old[i..]);
            return;
        }
        if let Some(Some(tag)) = fixed.get(i) {
            out.push(tag);
            continue;
        }
        let p1 = if i > 0 { out[i - 1] } else { START };
        let p2 = if i > 1 { out[i - 2] } else { START };
        pos_features(ws, i, p1, p2, &mut feats);
        model.score(&feats, &mut scores);
        let best = argmax(&scores, |_| true);
        out.push(model.classes[best].as_str());
    }
}

fn chunk_with(model: &Weights, ws: &[WordInfo<'_>], pos: &[&str]) -> Vec<String> {
    let mut out = Vec::with_capacity(ws.len());
    decode_chunks(model, ws, pos, None, &mut out);
    out.into_iter().map(str::to_string).collect()
}

/// Chunks `ws[out.len()..]` greedily after the tags already in `out`.
///
/// `old`, when given, is `(old chunk tags, last changed POS position)`: this model's chunking
/// of the same words under POS tags that differ from `pos` at no position after the one given.
/// A word's features see the POS tags two words either side, so past that position plus two,
/// once the two previous chunk tags equal the old ones, the old tail is copied.
fn decode_chunks<'a>(
    model: &'a Weights,
    ws: &[WordInfo<'_>],
    pos: &[&str],
    old: Option<(&[&'a str], usize)>,
    out: &mut Vec<&'a str>,
) {
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; model.n_classes()];
    let i_types: Vec<Option<&str>> = model.classes.iter().map(|c| c.strip_prefix("I-")).collect();
    for i in out.len()..ws.len() {
        if let Some((old, last_changed)) = old {
            let same = |j: usize| out[j] == old[j];
            if old.len() == ws.len() && i > last_changed + 2 && (i < 1 || same(i - 1)) && (i < 2 || same(i - 2)) {
                out.extend_from_slice(&old[i..]);
                return;
            }
        }
        let c1 = if i > 0 { out[i - 1] } else { START };
        let c2 = if i > 1 { out[i - 2] } else { START };
        chunk_features(ws, pos, i, c1, c2, &mut feats);
        model.score(&feats, &mut scores);
        // As `chunk_allowed`, with the classes' `I-` types read once per sentence.
        let prev_ty = c1.get(2..).filter(|t| !t.is_empty());
        let allowed = |c: usize| i_types.get(c).copied().flatten().is_none_or(|t| prev_ty == Some(t));
        let best = argmax(&scores, allowed);
        out.push(model.classes[best].as_str());
    }
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling between passes.
    pub seed: u64,
    /// Folds for jackknifed POS tags when training the chunker (0 or 1: gold tags).
    pub jackknife: usize,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 10,
            seed: 0x5eed,
            jackknife: 4,
        }
    }
}

fn class_list(sents: &[Sentence], pick: impl Fn(&Sentence) -> &[String]) -> Vec<String> {
    let mut classes: Vec<String> = sents.iter().flat_map(|s| pick(s).iter().cloned()).collect();
    classes.sort();
    classes.dedup();
    classes
}

/// Trains the part-of-speech weights.
pub fn train_pos_weights(train: &[Sentence], opts: &TrainOptions, mut progress: impl FnMut(usize, f64)) -> Weights {
    let classes = class_list(train, |s| &s.pos);
    let mut t = Trainer::new("pos", classes.clone());
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Lcg(opts.seed);
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; classes.len()];
    let bufs: Vec<WordBuf> = train.iter().map(|s| WordBuf::new(&s.words)).collect();
    let infos: Vec<Vec<WordInfo<'_>>> = bufs.iter().map(WordBuf::infos).collect();
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &train[si];
            let ws = &infos[si];
            let mut out: Vec<usize> = Vec::with_capacity(ws.len());
            for i in 0..ws.len() {
                let p1 = if i > 0 { classes[out[i - 1]].as_str() } else { START };
                let p2 = if i > 1 { classes[out[i - 2]].as_str() } else { START };
                pos_features(ws, i, p1, p2, &mut feats);
                t.score(&feats, &mut scores);
                let guess = argmax(&scores, |_| true);
                let truth = classes.binary_search(&s.pos[i]).unwrap_or(0);
                t.update(&feats, truth, guess);
                right += usize::from(truth == guess);
                total += 1;
                out.push(guess);
            }
        }
        progress(epoch, right as f64 / total.max(1) as f64);
    }
    t.average()
}

/// Trains the chunker weights on the given POS tags per sentence (predicted, for realism).
pub fn train_chunk_weights(
    train: &[Sentence],
    pos: &[Vec<String>],
    opts: &TrainOptions,
    mut progress: impl FnMut(usize, f64),
) -> Weights {
    let classes = class_list(train, |s| &s.chunks);
    let mut t = Trainer::new("chunk", classes.clone());
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Lcg(opts.seed ^ 0xc4c4);
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; classes.len()];
    let bufs: Vec<WordBuf> = train.iter().map(|s| WordBuf::new(&s.words)).collect();
    let infos: Vec<Vec<WordInfo<'_>>> = bufs.iter().map(WordBuf::infos).collect();
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &train[si];
            let ws = &infos[si];
            let p: Vec<&str> = pos[si].iter().map(String::as_str).collect();
            let mut out: Vec<usize> = Vec::with_capacity(ws.len());
            for i in 0..ws.len() {
                let c1 = if i > 0 { classes[out[i - 1]].as_str() } else { START };
                let c2 = if i > 1 { classes[out[i - 2]].as_str() } else { START };
                chunk_features(ws, &p, i, c1, c2, &mut feats);
                t.score(&feats, &mut scores);
                let allowed = |c: usize| chunk_allowed(&classes, c1, c);
                let guess = argmax(&scores, allowed);
                let truth = classes.binary_search(&s.chunks[i]).unwrap_or(0);
                t.update(&feats, truth, guess);
                right += usize::from(truth == guess);
                total += 1;
                // Follow the truth: with greedy decoding this trains better here than following
                // the guesses (measured on eng.testa: 0.923 against 0.901 chunk F1).
                out.push(truth);
            }
        }
        progress(epoch, right as f64 / total.max(1) as f64);
    }
    t.average()
}

/// Predicted POS tags for every training sentence, each from a model that did not see it
/// (`folds` ≥ 2), so the chunker learns from tags as noisy as those it will get.
pub fn jackknife_pos(train: &[Sentence], opts: &TrainOptions) -> Vec<Vec<String>> {
    if opts.jackknife < 2 {
        return train.iter().map(|s| s.pos.clone()).collect();
    }
    let k = opts.jackknife;
    let mut out = vec![Vec::new(); train.len()];
    for fold in 0..k {
        let part: Vec<Sentence> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % k != fold)
            .map(|(_, s)| s.clone())
            .collect();
        let w = train_pos_weights(&part, opts, |_, _| {});
        for (i, s) in train.iter().enumerate().filter(|(i, _)| i % k == fold) {
            out[i] = tag_with(&w, &WordBuf::new(&s.words).infos());
        }
    }
    out
}

impl Models {
    /// The POS weights.
    pub fn pos_weights(&self) -> &Weights {
        &self.pos
    }
    /// The chunk weights.
    pub fn chunk_weights(&self) -> &Weights {
        &self.chunk
    }
}

/// POS accuracy of `w` alone on gold sentences (chunk counts left empty).
pub(crate) fn evaluate_pos(w: &Weights, gold: &[Sentence]) -> crate::Report {
    let mut r = crate::Report::default();
    for s in gold {
        let pos = tag_with(w, &WordBuf::new(&s.words).infos());
        r.sentences += 1;
        r.tokens += s.words.len();
        r.pos_correct += pos.iter().zip(&s.pos).filter(|(a, b)| a == b).count();
    }
    r
}
