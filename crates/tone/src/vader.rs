//! A port of VADER's rule-based scorer (vaderSentiment 3.3.2, MIT): lexicon valence per word,
//! adjusted by boosters ("very"), capitalisation ("GREAT" among lower-case words), negation in
//! the three preceding words ("not good", "never so good"), "least", the contrastive "but"
//! (words before it count half, after it one and a half) and "!"/"?" emphasis, normalised to a
//! compound score in [-1, 1].

use std::borrow::Cow;
use std::collections::HashMap;

const B_INCR: f64 = 0.293;
const B_DECR: f64 = -0.293;
const C_INCR: f64 = 0.733;
const N_SCALAR: f64 = -0.74;

/// VADER's negation words (its `NEGATE` list).
const NEGATE: &[&str] = &[
    "aint",
    "arent",
    "cannot",
    "cant",
    "couldnt",
    "darent",
    "didnt",
    "doesnt",
    "ain't",
    "aren't",
    "can't",
    "couldn't",
    "daren't",
    "didn't",
    "doesn't",
    "dont",
    "hadnt",
    "hasnt",
    "havent",
    "isnt",
    "mightnt",
    "mustnt",
    "neither",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mightn't",
    "mustn't",
    "neednt",
    "needn't",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtnt",
    "shant",
    "shouldnt",
    "uhuh",
    "wasnt",
    "werent",
    "oughtn't",
    "shan't",
    "shouldn't",
    "uh-uh",
    "wasn't",
    "weren't",
    "without",
    "wont",
    "wouldnt",
    "won't",
    "wouldn't",
    "rarely",
    "seldom",
    "despite",
];

/// VADER's intensifiers (its `BOOSTER_DICT`): words that raise or lower the next words' valence.
const BOOST_UP: &[&str] = &[
    "absolutely",
    "amazingly",
    "awfully",
    "completely",
    "considerable",
    "considerably",
    "decidedly",
    "deeply",
    "effing",
    "enormous",
    "enormously",
    "entirely",
    "especially",
    "exceptional",
    "exceptionally",
    "extreme",
    "extremely",
    "fabulously",
    "flipping",
    "flippin",
    "frackin",
    "fracking",
    "fricking",
    "frickin",
    "frigging",
    "friggin",
    "fully",
    "fuckin",
    "fucking",
    "fuggin",
    "fugging",
    "greatly",
    "hella",
    "highly",
    "hugely",
    "incredible",
    "incredibly",
    "intensely",
    "major",
    "majorly",
    "more",
    "most",
    "particularly",
    "purely",
    "quite",
    "really",
    "remarkably",
    "so",
    "substantially",
    "thoroughly",
    "total",
    "totally",
    "tremendous",
    "tremendously",
    "uber",
    "unbelievably",
    "unusually",
    "utter",
    "utterly",
    "very",
];
const BOOST_DOWN: &[&str] = &[
    "almost",
    "barely",
    "hardly",
    "just enough",
    "kind of",
    "kinda",
    "kindof",
    "kind-of",
    "less",
    "little",
    "marginal",
    "marginally",
    "occasional",
    "occasionally",
    "partly",
    "scarce",
    "scarcely",
    "slight",
    "slightly",
    "somewhat",
    "sort of",
    "sorta",
    "sortof",
    "sort-of",
];

use newsgraph_core::fnv::FnvBuild;

/// What the scorer knows about one lower-cased word.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Info {
    /// Lexicon valence.
    pub valence: Option<f64>,
    /// Booster increment (0 when not a booster).
    pub boost: f64,
    /// A negation word.
    pub negate: bool,
    /// A personal or possessive pronoun (tone's self/group density).
    pub pronoun: bool,
    /// An activity word or inflection of one (tone's activity density).
    pub active: bool,
}

/// The sentiment lexicon plus VADER's boosters and negations and tone's word classes, in one
/// table so that each word is looked up once.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    map: HashMap<String, Info, FnvBuild>,
}

/// The committed lexicon artifact (see `data/README.md`).
pub const VADER_TSV: &str = include_str!("../data/vader_lexicon.tsv");

impl Lexicon {
    /// Parses `token<TAB>valence` lines (`#` comments allowed); malformed lines are reported.
    pub fn parse(text: &str) -> Result<Lexicon, String> {
        let mut map: HashMap<String, Info, FnvBuild> = HashMap::with_capacity_and_hasher(9000, FnvBuild::default());
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(tok), Some(val)) = (cols.next(), cols.next()) else {
                return Err(format!("line {}: expected token<TAB>valence", n + 1));
            };
            let v: f64 = val
                .trim()
                .parse()
                .map_err(|_| format!("line {}: bad valence `{val}`", n + 1))?;
            map.entry(tok.to_string()).or_default().valence = Some(v);
        }
        for w in BOOST_UP.iter().filter(|w| !w.contains(' ')) {
            map.entry(w.to_string()).or_default().boost = B_INCR;
        }
        for w in BOOST_DOWN.iter().filter(|w| !w.contains(' ')) {
            map.entry(w.to_string()).or_default().boost = B_DECR;
        }
        for w in NEGATE {
            map.entry(w.to_string()).or_default().negate = true;
        }
        Ok(Lexicon { map })
    }

    /// Marks words as pronouns or activity words.
    pub(crate) fn mark<'a>(&mut self, words: impl Iterator<Item = &'a str>, pronoun: bool) {
        for w in words {
            let e = self.map.entry(w.to_string()).or_default();
            if pronoun {
                e.pronoun = true;
            } else {
                e.active = true;
            }
        }
    }

    /// Valence of a lower-cased token.
    pub fn get(&self, lower: &str) -> Option<f64> {
        self.map.get(lower).and_then(|i| i.valence)
    }

    /// Everything known about a lower-cased token.
    pub fn info(&self, lower: &str) -> Option<&Info> {
        self.map.get(lower)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

fn is_upper(w: &str) -> bool {
    if w.is_ascii() {
        let b = w.as_bytes();
        return b.iter().any(u8::is_ascii_uppercase) && !b.iter().any(u8::is_ascii_lowercase);
    }
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

/// Splits text into VADER words: whitespace tokens with edge punctuation stripped, unless the
/// token is short (emoticons such as ":)" keep their punctuation).
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace().map(|t| {
        let s =
            t.trim_matches(|c: char| c.is_ascii_punctuation() || matches!(c, '“' | '”' | '‘' | '’' | '—' | '–' | '…'));
        if s.is_empty() || (s.chars().count() <= 2 && !s.chars().any(char::is_alphanumeric)) {
            t
        } else {
            s
        }
    })
}

/// A sentence scored word by word.
pub(crate) struct Scored {
    /// Contextual valence of each word (0 for words without sentiment).
    pub valences: Vec<f64>,
    /// The compound score of the sentence.
    pub compound: f64,
    /// Words with a letter.
    pub words: usize,
    /// Of those, pronouns.
    pub pronouns: usize,
    /// Of those, activity words.
    pub active: usize,
}

/// Lower-cases and folds curly apostrophes so "don’t" matches "don't"; borrows when nothing
/// changes, which is most words.
fn fold(w: &str) -> Cow<'_, str> {
    if w.bytes().all(|b| !b.is_ascii_uppercase() && b < 0x80) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.to_lowercase().replace('’', "'"))
    }
}

impl Lexicon {
    /// Scores the words of one sentence; `text` is the sentence (for "!" and "?" emphasis).
    pub(crate) fn score(&self, raw: &[&str], text: &str) -> Scored {
        let folded: Vec<Cow<'_, str>> = raw.iter().map(|w| fold(w)).collect();
        let lower: Vec<&str> = folded.iter().map(|c| c.as_ref()).collect();
        let info: Vec<Info> = lower
            .iter()
            .map(|w| self.map.get(*w).copied().unwrap_or_default())
            .collect();
        let ups = raw.iter().filter(|w| is_upper(w)).count();
        let cap_diff = ups > 0 && ups < raw.len();
        let mut val = vec![0.0; raw.len()];
        let (mut words, mut pronouns, mut active) = (0, 0, 0);
        for i in 0..raw.len() {
            if raw[i].chars().any(char::is_alphabetic) {
                words += 1;
                pronouns += usize::from(info[i].pronoun);
                active += usize::from(info[i].active);
            }
            let l = lower[i];
            if info[i].boost != 0.0 || (l == "kind" && lower.get(i + 1).is_some_and(|n| *n == "of")) {
                continue;
            }
            val[i] = self.valence(raw, &lower, &info, i, cap_diff);
        }
        // "but": what follows it outweighs what precedes it.
        if let Some(bi) = lower.iter().position(|w| *w == "but") {
            for (i, v) in val.iter_mut().enumerate() {
                if i < bi {
                    *v *= 0.5;
                } else if i > bi {
                    *v *= 1.5;
                }
            }
        }
        let mut sum: f64 = val.iter().sum();
        let (bangs, questions) = text.bytes().fold((0usize, 0usize), |(e, q), b| match b {
            b'!' => (e + 1, q),
            b'?' => (e, q + 1),
            _ => (e, q),
        });
        let ep = bangs.min(4) as f64 * 0.292;
        let qm = match questions {
            0 | 1 => 0.0,
            n @ 2..=3 => n as f64 * 0.18,
            _ => 0.96,
        };
        let emph = ep + qm;
        if sum > 0.0 {
            sum += emph;
        } else if sum < 0.0 {
            sum -= emph;
        }
        let compound = (sum / (sum * sum + 15.0).sqrt()).clamp(-1.0, 1.0);
        Scored {
            valences: val,
            compound,
            words,
            pronouns,
            active,
        }
    }

    fn valence(&self, raw: &[&str], lower: &[&str], info: &[Info], i: usize, cap_diff: bool) -> f64 {
        let Some(base) = info[i].valence else { return 0.0 };
        let mut v = base;
        // "no" as a determiner carries no sentiment of its own.
        if lower[i] == "no" && info.get(i + 1).is_some_and(|n| n.valence.is_some()) {
            v = 0.0;
        }
        let is = |k: usize, w: &str| lower.get(k).is_some_and(|x| *x == w);
        if (i > 0 && is(i - 1, "no"))
            || (i > 1 && is(i - 2, "no"))
            || (i > 2 && is(i - 3, "no") && (is(i - 1, "or") || is(i - 1, "nor")))
        {
            v = base * N_SCALAR;
        }
        if is_upper(raw[i]) && cap_diff {
            v += if v > 0.0 { C_INCR } else { -C_INCR };
        }
        for start in 0..3 {
            if i <= start {
                break;
            }
            let k = i - (start + 1);
            if info[k].valence.is_some() {
                continue;
            }
            let mut s = info[k].boost;
            if s != 0.0 {
                if v < 0.0 {
                    s = -s;
                }
                if is_upper(raw[k]) && cap_diff {
                    s += if v > 0.0 { C_INCR } else { -C_INCR };
                }
                s *= [1.0, 0.95, 0.9][start];
            }
            v += s;
            v = negation(v, lower, info, start, i);
            if start == 2 {
                v = idioms(v, lower, i);
            }
        }
        // "least": "the least good" flips; "at least", "very least" do not.
        if i > 1 && info[i - 1].valence.is_none() && lower[i - 1] == "least" {
            if lower[i - 2] != "at" && lower[i - 2] != "very" {
                v *= N_SCALAR;
            }
        } else if i > 0 && info[i - 1].valence.is_none() && lower[i - 1] == "least" {
            v *= N_SCALAR;
        }
        v
    }
}

fn negation(v: f64, lower: &[&str], info: &[Info], start: usize, i: usize) -> f64 {
    let w = |back: usize| lower[i - back];
    let negated = |back: usize| info[i - back].negate || lower[i - back].contains("n't");
    let so_this = |x: &str| x == "so" || x == "this";
    match start {
        0 if negated(1) => v * N_SCALAR,
        1 => {
            if w(2) == "never" && so_this(w(1)) {
                v * 1.25
            } else if w(2) == "without" && w(1) == "doubt" {
                v
            } else if negated(2) {
                v * N_SCALAR
            } else {
                v
            }
        }
        2 => {
            // As in the reference, whose `A and B or C` makes a "so"/"this" right before the
            // word enough on its own; kept so scores agree with published VADER numbers.
            if (w(3) == "never" && so_this(w(2))) || so_this(w(1)) {
                v * 1.25
            } else if w(3) == "without" && (w(2) == "doubt" || w(1) == "doubt") {
                v
            } else if negated(3) {
                v * N_SCALAR
            } else {
                v
            }
        }
        _ => v,
    }
}

/// VADER's multiword dampeners (all of its multiword boosters lower valence).
const MULTI_BOOST: &[&[&str]] = &[&["just", "enough"], &["kind", "of"], &["sort", "of"]];

/// VADER's idioms (its `SPECIAL_CASES`), as words: phrases whose valence replaces the word's.
const SPECIAL_CASES: &[(&[&str], f64)] = &[
    (&["the", "shit"], 3.0),
    (&["the", "bomb"], 3.0),
    (&["bad", "ass"], 1.5),
    (&["badass"], 1.5),
    (&["bus", "stop"], 0.0),
    (&["yeah", "right"], -2.0),
    (&["kiss", "of", "death"], -1.5),
    (&["to", "die", "for"], 3.0),
    (&["beating", "heart"], 3.1),
    (&["broken", "heart"], -2.9),
];

/// Idioms around word `i` and multiword intensifiers before it ("kind of good"), as VADER's
/// `_special_idioms_check` (called for words with three predecessors).
fn idioms(mut v: f64, lower: &[&str], i: usize) -> f64 {
    // Every idiom and multiword booster starts with one of these words; most windows hold none.
    const FIRSTS: &[&str] = &[
        "the", "bad", "badass", "bus", "yeah", "kiss", "to", "beating", "broken", "just", "kind", "sort",
    ];
    let hi = (i + 1).min(lower.len() - 1);
    if !(i - 3..=hi).any(|k| FIRSTS.contains(&lower[k])) {
        return v;
    }
    // Phrases are compared word by word over `lower[a..=b]`, without building strings.
    let phrase_is = |a: usize, b: usize, phrase: &[&str]| b + 1 - a == phrase.len() && lower[a..=b] == *phrase;
    let special = |a: usize, b: usize| SPECIAL_CASES.iter().find(|(k, _)| phrase_is(a, b, k)).map(|(_, x)| *x);
    // onezero, twoonezero, twoone, threetwoone, threetwo — VADER's order.
    let windows = [(i - 1, i), (i - 2, i), (i - 2, i - 1), (i - 3, i - 1), (i - 3, i - 2)];
    if let Some(x) = windows.iter().find_map(|&(a, b)| special(a, b)) {
        v = x;
    }
    if i + 1 < lower.len() {
        if let Some(x) = special(i, i + 1) {
            v = x;
        }
    }
    if i + 2 < lower.len() {
        if let Some(x) = special(i, i + 2) {
            v = x;
        }
    }
    // threetwoone, threetwo, twoone: multiword boosters such as "kind of".
    for (a, b) in [(i - 3, i - 1), (i - 3, i - 2), (i - 2, i - 1)] {
        if MULTI_BOOST.iter().any(|p| phrase_is(a, b, p)) {
            v += B_DECR;
        }
    }
    v
}
