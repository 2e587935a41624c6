//! Training: a structured averaged perceptron (Collins 2002) with Viterbi decoding, twice — a
//! first pass with sentence-local features, and a second pass that adds document-level features
//! computed from first-pass tags.
//!
//! The second pass must learn from first-pass tags as noisy as those it will see on new text, so
//! the training documents' first-pass tags come from jackknifing: the training set is split into
//! `folds` parts and each part is tagged by a first-pass model trained on the others. Likewise the
//! gazetteer seen by a training document leaves that document's own entities out.

use std::path::PathBuf;

use crate::data::{Document, Sentence, TokenSpan};
use crate::eval::Report;
use crate::features::{self, DocStats, Feats, Gazetteer, IdMap, OwnEntries, SentInfo};
use crate::model::{viterbi, Model, TRANS_LEN};
use crate::tags::{self, N_TAGS};

/// Training settings. The defaults are those of the committed model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainOptions {
    /// Epochs of the first (sentence-local) pass.
    pub first_pass_epochs: usize,
    /// Epochs of the second (document-aware) pass.
    pub epochs: usize,
    /// Jackknife folds for the first-pass tags the second pass trains on; below 2, the first-pass
    /// model tags its own training data (faster, slightly worse).
    pub folds: usize,
    /// Seed of the per-epoch shuffle.
    pub seed: u64,
    /// Unlabelled news text for the distributional features (read by [`crate::train_files`]:
    /// `*.jsonl` with a `text` field per line, or plain text). Empty: no such features.
    pub unlabelled: Vec<PathBuf>,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            first_pass_epochs: 8,
            epochs: 5,
            folds: 4,
            seed: 2003,
            unlabelled: Vec::new(),
        }
    }
}

/// Which model an epoch report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The first-pass model (sentence-local features).
    FirstPass,
    /// The second-pass model (adds document-level features); its dev F1 is the full tagger's.
    SecondPass,
}

/// One finished epoch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// Which model.
    pub stage: Stage,
    /// 1-based epoch.
    pub epoch: usize,
    /// Overall exact-span F1 on the dev set with the averaged weights so far (`None` without dev).
    pub dev_f1: Option<f64>,
}

/// A training or dev sentence, reduced to features and gold tags.
struct Example {
    base: Feats,
    doc: Feats,
    gold: Vec<u8>,
    spans: Vec<TokenSpan>,
}

/// Weights in training: current weights and the sums needed to average them.
struct Perceptron {
    map: IdMap<u32>,
    w: Vec<f32>,
    u: Vec<f64>,
    trans: Vec<f32>,
    utrans: Vec<f64>,
    c: f64,
}

/// Averaged weights.
pub(crate) struct Weights {
    map: IdMap<u32>,
    w: Vec<f32>,
    trans: Vec<f32>,
}

fn emissions(map: &IdMap<u32>, w: &[f32], ex: &Example, use_doc: bool, emis: &mut Vec<f32>) {
    let n = ex.gold.len();
    emis.clear();
    emis.resize(n * N_TAGS, 0.0);
    for i in 0..n {
        let e = &mut emis[i * N_TAGS..(i + 1) * N_TAGS];
        let doc: &[u64] = if use_doc { ex.doc.token(i) } else { &[] };
        for f in ex.base.token(i).iter().chain(doc) {
            if let Some(&r) = map.get(f) {
                let row = &w[r as usize * N_TAGS..(r as usize + 1) * N_TAGS];
                for t in 0..N_TAGS {
                    e[t] += row[t];
                }
            }
        }
    }
}

impl Perceptron {
    fn new() -> Perceptron {
        Perceptron {
            map: IdMap::default(),
            w: Vec::new(),
            u: Vec::new(),
            trans: vec![0.0; TRANS_LEN],
            utrans: vec![0.0; TRANS_LEN],
            c: 1.0,
        }
    }

    fn bump(&mut self, f: u64, tag: u8, d: f32) {
        let next = self.map.len() as u32;
        let r = *self.map.entry(f).or_insert(next) as usize;
        if r * N_TAGS >= self.w.len() {
            self.w.resize((r + 1) * N_TAGS, 0.0);
            self.u.resize((r + 1) * N_TAGS, 0.0);
        }
        self.w[r * N_TAGS + tag as usize] += d;
        self.u[r * N_TAGS + tag as usize] += self.c * f64::from(d);
    }

    fn bump_trans(&mut self, prev: Option<u8>, cur: u8, d: f32) {
        let i = prev.map_or(N_TAGS, usize::from) * N_TAGS + cur as usize;
        self.trans[i] += d;
        self.utrans[i] += self.c * f64::from(d);
    }

    fn learn(&mut self, ex: &Example, use_doc: bool, emis: &mut Vec<f32>, pred: &mut Vec<u8>) {
        emissions(&self.map, &self.w, ex, use_doc, emis);
        viterbi(emis, &self.trans, pred);
        if *pred != ex.gold {
            for i in 0..ex.gold.len() {
                let (g, p) = (ex.gold[i], pred[i]);
                if g != p {
                    let doc: &[u64] = if use_doc { ex.doc.token(i) } else { &[] };
                    for &f in ex.base.token(i).iter().chain(doc) {
                        self.bump(f, g, 1.0);
                        self.bump(f, p, -1.0);
                    }
                }
                let gp = (i > 0).then(|| ex.gold[i - 1]);
                let pp = (i > 0).then(|| pred[i - 1]);
                if (gp, g) != (pp, p) {
                    self.bump_trans(gp, g, 1.0);
                    self.bump_trans(pp, p, -1.0);
                }
            }
        }
        self.c += 1.0;
    }

    fn averaged(&self) -> Weights {
        let avg = |w: &[f32], u: &[f64]| -> Vec<f32> {
            w.iter()
                .zip(u)
                .map(|(&w, &u)| (f64::from(w) - u / self.c) as f32)
                .collect()
        };
        Weights {
            map: self.map.clone(),
            w: avg(&self.w, &self.u),
            trans: avg(&self.trans, &self.utrans),
        }
    }
}

impl Weights {
    fn tag(&self, ex: &Example, use_doc: bool, emis: &mut Vec<f32>, out: &mut Vec<u8>) {
        emissions(&self.map, &self.w, ex, use_doc, emis);
        viterbi(emis, &self.trans, out);
    }
}

/// Deterministic PRNG (splitmix64) for the shuffle.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        features::fmix(self.0)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

fn train_perceptron(
    examples: &[Example],
    subset: &[usize],
    use_doc: bool,
    epochs: usize,
    seed: u64,
    mut after_epoch: impl FnMut(usize, &Perceptron),
) -> Perceptron {
    let mut p = Perceptron::new();
    let mut order = subset.to_vec();
    let mut rng = Rng(seed);
    let (mut emis, mut pred) = (Vec::new(), Vec::new());
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            p.learn(&examples[i], use_doc, &mut emis, &mut pred);
        }
        after_epoch(epoch, &p);
    }
    p
}

/// Dev F1 of averaged weights (first pass only, or second pass with dev doc features).
fn dev_f1(w: &Weights, dev: &[Example], use_doc: bool) -> f64 {
    let mut report = Report::default();
    let (mut emis, mut pred) = (Vec::new(), Vec::new());
    for ex in dev {
        w.tag(ex, use_doc, &mut emis, &mut pred);
        report.add(&ex.spans, &tags::decode(&pred), ex.gold.len());
    }
    report.overall().f1()
}

/// Builds examples of documents: sentence infos and base features.
fn prepare(docs: &[Document], gaz: &Gazetteer, owns: Option<&[OwnEntries]>) -> (Vec<Vec<SentInfo>>, Vec<Vec<Example>>) {
    let mut scratch = Vec::new();
    let mut all_infos = Vec::with_capacity(docs.len());
    let mut all_ex = Vec::with_capacity(docs.len());
    for (d, doc) in docs.iter().enumerate() {
        let infos: Vec<SentInfo> = doc.sentences.iter().map(|s| SentInfo::new(&s.tokens)).collect();
        let own = owns.map(|o| &o[d]);
        let exs = doc
            .sentences
            .iter()
            .zip(&infos)
            .map(|(s, info): (&Sentence, &SentInfo)| {
                let mut base = Feats::default();
                features::base_features(info, gaz, own, &mut scratch, &mut base);
                Example {
                    base,
                    doc: Feats::default(),
                    gold: tags::encode(s.tokens.len(), &s.spans),
                    spans: s.spans.clone(),
                }
            })
            .collect();
        all_infos.push(infos);
        all_ex.push(exs);
    }
    (all_infos, all_ex)
}

/// Sets each example's document features from first-pass tags (`first[d][s]`).
fn add_doc_features(infos: &[Vec<SentInfo>], exs: &mut [Vec<Example>], first: &[Vec<Vec<u8>>]) {
    for ((infos, exs), tags) in infos.iter().zip(exs.iter_mut()).zip(first) {
        let pairs: Vec<(&SentInfo, &[u8])> = infos.iter().zip(tags.iter().map(|t| t.as_slice())).collect();
        let stats = DocStats::new(&pairs);
        for ((info, ex), t) in infos.iter().zip(exs.iter_mut()).zip(tags) {
            features::doc_features(info, t, &stats, &mut ex.doc);
        }
    }
}

/// Trains a tagger on `train`, reporting dev F1 after each epoch when `dev` is not empty.
/// Deterministic: the same data and options give the same model, byte for byte.
pub fn train(train: &[Document], dev: &[Document], opts: &TrainOptions, progress: impl FnMut(Progress)) -> Model {
    train_with_unlabelled(train, dev, &[], opts, progress)
}

/// [`train`] with tokenized unlabelled sentences for the distributional features (`opts.unlabelled`
/// is not read here; [`crate::train_files`] reads it).
pub fn train_with_unlabelled(
    train: &[Document],
    dev: &[Document],
    unlabelled: &[Vec<String>],
    opts: &TrainOptions,
    mut progress: impl FnMut(Progress),
) -> Model {
    // Gazetteer of training entities; each training document sees it without its own entries.
    let mut own_entries = Vec::with_capacity(train.len());
    let mut gaz = Gazetteer {
        distrib: features::build_distrib(unlabelled),
        ..Gazetteer::default()
    };
    for doc in train {
        let infos: Vec<SentInfo> = doc.sentences.iter().map(|s| SentInfo::new(&s.tokens)).collect();
        let own = Gazetteer::own_entries(&doc.sentences, &infos);
        gaz.add_doc(&own);
        own_entries.push(own);
    }
    let (train_infos, mut train_ex) = prepare(train, &gaz, Some(&own_entries));
    let (dev_infos, mut dev_ex) = prepare(dev, &gaz, None);

    // Flattened views: example index → (doc, sentence).
    let index: Vec<(usize, usize)> = train_ex
        .iter()
        .enumerate()
        .flat_map(|(d, s)| (0..s.len()).map(move |i| (d, i)))
        .collect();
    let flat_of = |exs: Vec<Vec<Example>>| -> Vec<Example> { exs.into_iter().flatten().collect() };

    let flat_train = flat_of(std::mem::take(&mut train_ex));
    let flat_dev = flat_of(std::mem::take(&mut dev_ex));
    let all: Vec<usize> = (0..flat_train.len()).collect();
    let first = train_perceptron(
        &flat_train,
        &all,
        false,
        opts.first_pass_epochs,
        opts.seed,
        |epoch, p| {
            let dev_f1 = (!flat_dev.is_empty()).then(|| dev_f1(&p.averaged(), &flat_dev, false));
            progress(Progress {
                stage: Stage::FirstPass,
                epoch,
                dev_f1,
            });
        },
    )
    .averaged();

    // First-pass tags of the training data, jackknifed.
    let mut first_tags: Vec<Vec<Vec<u8>>> = train.iter().map(|d| vec![Vec::new(); d.sentences.len()]).collect();
    let (mut emis, mut pred) = (Vec::new(), Vec::new());
    if opts.folds >= 2 {
        let fold_models: Vec<Weights> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..opts.folds)
                .map(|k| {
                    let (flat_train, index) = (&flat_train, &index);
                    s.spawn(move || {
                        let subset: Vec<usize> = (0..flat_train.len())
                            .filter(|&i| index[i].0 % opts.folds != k)
                            .collect();
                        let seed = opts.seed.wrapping_add(k as u64 + 1);
                        train_perceptron(flat_train, &subset, false, opts.first_pass_epochs, seed, |_, _| {}).averaged()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        for (i, ex) in flat_train.iter().enumerate() {
            let (d, s) = index[i];
            fold_models[d % opts.folds].tag(ex, false, &mut emis, &mut pred);
            first_tags[d][s] = pred.clone();
        }
    } else {
        for (i, ex) in flat_train.iter().enumerate() {
            let (d, s) = index[i];
            first.tag(ex, false, &mut emis, &mut pred);
            first_tags[d][s] = pred.clone();
        }
    }
    let mut dev_first: Vec<Vec<Vec<u8>>> = dev.iter().map(|d| Vec::with_capacity(d.sentences.len())).collect();
    {
        let mut k = 0;
        for (d, doc) in dev.iter().enumerate() {
            for _ in &doc.sentences {
                first.tag(&flat_dev[k], false, &mut emis, &mut pred);
                dev_first[d].push(pred.clone());
                k += 1;
            }
        }
    }

    // Regroup, add document features, flatten again.
    let regroup = |flat: Vec<Example>, docs: &[Document]| -> Vec<Vec<Example>> {
        let mut it = flat.into_iter();
        docs.iter()
            .map(|d| it.by_ref().take(d.sentences.len()).collect())
            .collect()
    };
    let mut train_ex = regroup(flat_train, train);
    let mut dev_ex = regroup(flat_dev, dev);
    add_doc_features(&train_infos, &mut train_ex, &first_tags);
    add_doc_features(&dev_infos, &mut dev_ex, &dev_first);
    let flat_train = flat_of(train_ex);
    let flat_dev = flat_of(dev_ex);
    let second = train_perceptron(
        &flat_train,
        &all,
        true,
        opts.epochs,
        opts.seed.wrapping_add(1000),
        |epoch, p| {
            let dev_f1 = (!flat_dev.is_empty()).then(|| dev_f1(&p.averaged(), &flat_dev, true));
            progress(Progress {
                stage: Stage::SecondPass,
                epoch,
                dev_f1,
            });
        },
    )
    .averaged();

    merge(&first, &second, gaz)
}

/// One feature table with rows `[first pass | second pass]`.
fn merge(a: &Weights, b: &Weights, gaz: Gazetteer) -> Model {
    let mut keys: Vec<u64> = a.map.keys().chain(b.map.keys()).copied().collect();
    keys.sort_unstable();
    keys.dedup();
    let max = a.w.iter().chain(&b.w).fold(0f32, |m, &x| m.max(x.abs()));
    let scale = max.max(1e-9) / 32767.0;
    let mut pairs = Vec::new();
    let mut w = Vec::new();
    let mut row = [0f32; 2 * N_TAGS];
    for k in keys {
        row.fill(0.0);
        if let Some(&r) = a.map.get(&k) {
            row[..N_TAGS].copy_from_slice(&a.w[r as usize * N_TAGS..(r as usize + 1) * N_TAGS]);
        }
        if let Some(&r) = b.map.get(&k) {
            row[N_TAGS..].copy_from_slice(&b.w[r as usize * N_TAGS..(r as usize + 1) * N_TAGS]);
        }
        let q = row.map(|v| (v / scale).round().clamp(-32767.0, 32767.0) as i16);
        // Rows that quantize to all zeros carry nothing.
        if q.iter().all(|&v| v == 0) {
            continue;
        }
        pairs.push((k, (w.len() / (2 * N_TAGS)) as u32));
        w.extend_from_slice(&q);
    }
    Model {
        table: crate::model::FeatTable::new(&pairs),
        w,
        scale,
        trans_a: a.trans.clone(),
        trans_b: b.trans.clone(),
        gaz,
    }
}
