//! A port of VADER's rule-based scorer (vaderSentiment 3.3.2, MIT): lexicon valence per word,
//! adjusted by boosters ("very"), capitalisation ("GREAT" among lower-case words), negation in
//! the three preceding words ("not good", "never so good"), "least", the contrastive "but"
//! (words before it count half, after it one and a half) and "!"/"?" emphasis, normalised to a
//! compound score in [-1, 1].

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

/// The sentiment lexicon: lower-cased token → mean valence.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    map: HashMap<String, f64>,
}

/// The committed lexicon artifact (see `data/README.md`).
pub const VADER_TSV: &str = include_str!("../data/vader_lexicon.tsv");

impl Lexicon {
    /// Parses `token<TAB>valence` lines (`#` comments allowed); malformed lines are reported.
    pub fn parse(text: &str) -> Result<Lexicon, String> {
        let mut map = HashMap::with_capacity(8000);
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
            map.insert(tok.to_string(), v);
        }
        Ok(Lexicon { map })
    }

    /// Valence of a lower-cased token.
    pub fn get(&self, lower: &str) -> Option<f64> {
        self.map.get(lower).copied()
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

fn booster(lower: &str) -> Option<f64> {
    if BOOST_UP.contains(&lower) {
        Some(B_INCR)
    } else if BOOST_DOWN.contains(&lower) {
        Some(B_DECR)
    } else {
        None
    }
}

fn is_upper(w: &str) -> bool {
    w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
}

fn negated(lower: &str) -> bool {
    NEGATE.contains(&lower) || lower.contains("n't")
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
}

/// Lower-cases and folds curly apostrophes so "don’t" matches "don't".
fn fold(w: &str) -> String {
    w.to_lowercase().replace('’', "'")
}

impl Lexicon {
    /// Scores the words of one sentence; `text` is the sentence (for "!" and "?" emphasis).
    pub(crate) fn score(&self, raw: &[&str], text: &str) -> Scored {
        let lower: Vec<String> = raw.iter().map(|w| fold(w)).collect();
        let ups = raw.iter().filter(|w| is_upper(w)).count();
        let cap_diff = ups > 0 && ups < raw.len();
        let mut val = vec![0.0; raw.len()];
        for i in 0..raw.len() {
            let l = lower[i].as_str();
            if booster(l).is_some() || (l == "kind" && lower.get(i + 1).is_some_and(|n| n == "of")) {
                continue;
            }
            val[i] = self.valence(raw, &lower, i, cap_diff);
        }
        // "but": what follows it outweighs what precedes it.
        if let Some(bi) = lower.iter().position(|w| w == "but") {
            for (i, v) in val.iter_mut().enumerate() {
                if i < bi {
                    *v *= 0.5;
                } else if i > bi {
                    *v *= 1.5;
                }
            }
        }
        let mut sum: f64 = val.iter().sum();
        let ep = text.matches('!').count().min(4) as f64 * 0.292;
        let qm = match text.matches('?').count() {
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
        }
    }

    fn valence(&self, raw: &[&str], lower: &[String], i: usize, cap_diff: bool) -> f64 {
        let Some(base) = self.get(&lower[i]) else { return 0.0 };
        let mut v = base;
        // "no" as a determiner carries no sentiment of its own.
        if lower[i] == "no" && lower.get(i + 1).is_some_and(|n| self.get(n).is_some()) {
            v = 0.0;
        }
        let is = |k: usize, w: &str| lower.get(k).is_some_and(|x| x == w);
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
            if self.get(&lower[k]).is_some() {
                continue;
            }
            let mut s = booster(&lower[k]).unwrap_or(0.0);
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
            v = negation(v, lower, start, i);
            if start == 2 {
                v = idioms(v, lower, i);
            }
        }
        // "least": "the least good" flips; "at least", "very least" do not.
        if i > 1 && self.get(&lower[i - 1]).is_none() && lower[i - 1] == "least" {
            if lower[i - 2] != "at" && lower[i - 2] != "very" {
                v *= N_SCALAR;
            }
        } else if i > 0 && self.get(&lower[i - 1]).is_none() && lower[i - 1] == "least" {
            v *= N_SCALAR;
        }
        v
    }
}

fn negation(v: f64, lower: &[String], start: usize, i: usize) -> f64 {
    let w = |back: usize| lower[i - back].as_str();
    let so_this = |x: &str| x == "so" || x == "this";
    match start {
        0 if negated(w(1)) => v * N_SCALAR,
        1 => {
            if w(2) == "never" && so_this(w(1)) {
                v * 1.25
            } else if w(2) == "without" && w(1) == "doubt" {
                v
            } else if negated(w(2)) {
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
            } else if negated(w(3)) {
                v * N_SCALAR
            } else {
                v
            }
        }
        _ => v,
    }
}

/// VADER's idioms (its `SPECIAL_CASES`): phrases whose valence replaces the word's.
const SPECIAL_CASES: &[(&str, f64)] = &[
    ("the shit", 3.0),
    ("the bomb", 3.0),
    ("bad ass", 1.5),
    ("badass", 1.5),
    ("bus stop", 0.0),
    ("yeah right", -2.0),
    ("kiss of death", -1.5),
    ("to die for", 3.0),
    ("beating heart", 3.1),
    ("broken heart", -2.9),
];

/// Idioms around word `i` and multiword intensifiers before it ("kind of good"), as VADER's
/// `_special_idioms_check` (called for words with three predecessors).
fn idioms(mut v: f64, lower: &[String], i: usize) -> f64 {
    let w = |k: usize| lower[k].as_str();
    let onezero = format!("{} {}", w(i - 1), w(i));
    let twoonezero = format!("{} {} {}", w(i - 2), w(i - 1), w(i));
    let twoone = format!("{} {}", w(i - 2), w(i - 1));
    let threetwoone = format!("{} {} {}", w(i - 3), w(i - 2), w(i - 1));
    let threetwo = format!("{} {}", w(i - 3), w(i - 2));
    let special = |seq: &str| SPECIAL_CASES.iter().find(|(k, _)| *k == seq).map(|(_, x)| *x);
    if let Some(x) = [&onezero, &twoonezero, &twoone, &threetwoone, &threetwo]
        .iter()
        .find_map(|s| special(s))
    {
        v = x;
    }
    if i + 1 < lower.len() {
        if let Some(x) = special(&format!("{} {}", w(i), w(i + 1))) {
            v = x;
        }
    }
    if i + 2 < lower.len() {
        if let Some(x) = special(&format!("{} {} {}", w(i), w(i + 1), w(i + 2))) {
            v = x;
        }
    }
    for gram in [&threetwoone, &threetwo, &twoone] {
        if let Some(b) = booster(gram) {
            v += b;
        }
    }
    v
}
