//! Loading the versioned resource files (vocabulary and rules) and compiling them into matchers.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use newsgraph_core::TimexType;
use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use crate::error::TimexError;

/// The vocabulary file, compiled into the binary so the tagger needs no files at run time.
pub const VOCAB_TOML: &str = include_str!("../resources/vocab.toml");
/// The rules file.
pub const RULES_TOML: &str = include_str!("../resources/rules.toml");

#[derive(Debug, Deserialize)]
struct VocabFile {
    version: u32,
    classes: BTreeMap<String, ClassDef>,
}

#[derive(Debug, Deserialize)]
struct ClassDef {
    #[serde(default)]
    case_sensitive: bool,
    #[allow(dead_code)]
    comment: String,
    entries: Vec<EntryDef>,
}

#[derive(Debug, Deserialize)]
struct EntryDef {
    words: Vec<String>,
    value: String,
    #[allow(dead_code)]
    example: String,
}

/// One rule as written in `rules.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct RuleDef {
    /// Unique name.
    pub id: String,
    /// Rule family (one fixture file per family).
    pub family: String,
    /// The regex, with `{CLASS}` placeholders.
    pub pattern: String,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub ttype: String,
    /// Normalizer.
    pub build: String,
    /// Fixed value for `build = "fixed"`.
    #[serde(default)]
    pub value: Option<String>,
    /// SET quant.
    #[serde(default)]
    pub quant: Option<String>,
    /// SET freq.
    #[serde(default)]
    pub freq: Option<String>,
    /// Group giving the extent, when not the whole match.
    #[serde(default)]
    pub extent: Option<String>,
    /// Drop the match when the text before it ends with one of these.
    #[serde(default)]
    pub reject_before: Vec<String>,
    /// Drop the match when the text after it starts with one of these.
    #[serde(default)]
    pub reject_after: Vec<String>,
    /// Only run with this option on.
    #[serde(default)]
    pub option: Option<String>,
    /// The match needs a number or amount just before it (unless it starts with "per").
    #[serde(default)]
    pub require_before_digit: bool,
    /// Words or classes one of which every match contains (document-level prefilter).
    #[serde(default)]
    pub needs: Vec<String>,
    /// Drop the match when its clause is in the past tense ("he was soon released").
    #[serde(default)]
    pub not_in_past: bool,
    /// Tie-breaker between equally long matches (higher wins).
    #[serde(default)]
    pub priority: i32,
    /// Example text.
    pub example: String,
    /// Expected value(s) of the example with DCT 2018-11-02, space-separated.
    pub expect: String,
    /// Why the rule exists.
    pub comment: String,
}

#[derive(Debug, Deserialize)]
struct RulesFile {
    version: u32,
    rule: Vec<RuleDef>,
}

/// A word class: its words (for the regex) and word → value.
#[derive(Debug)]
pub(crate) struct Class {
    pub(crate) map: HashMap<String, String>,
}

/// A compiled rule.
#[derive(Debug)]
pub(crate) struct Rule {
    pub(crate) def: RuleDef,
    /// The rule's id, leaked once per process so explanations can borrow it for `'static`.
    pub(crate) id: &'static str,
    pub(crate) index: usize,
    pub(crate) regex: Regex,
    pub(crate) ttype: TimexType,
    pub(crate) build: Build,
    pub(crate) groups: HashMap<String, usize>,
    pub(crate) extent_group: Option<usize>,
    /// Index into [`Lexicon::needs`].
    pub(crate) needs: Option<usize>,
    pub(crate) reject_before: Vec<String>,
    pub(crate) reject_after: Vec<String>,
}

/// Normalizers a rule can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Build {
    Calendar,
    YearRange,
    DayRange,
    QuarterRef,
    PodToday,
    Shift,
    Ago,
    FromNow,
    Anchored,
    AnchoredPod,
    That,
    YearAdj,
    QuarterYear,
    Duration,
    VagueRef,
    Fixed,
    Clock,
    Set,
}

impl Build {
    fn parse(s: &str) -> Option<Build> {
        Some(match s {
            "calendar" => Build::Calendar,
            "year_range" => Build::YearRange,
            "day_range" => Build::DayRange,
            "quarter_ref" => Build::QuarterRef,
            "pod_today" => Build::PodToday,
            "shift" => Build::Shift,
            "ago" => Build::Ago,
            "from_now" => Build::FromNow,
            "anchored" => Build::Anchored,
            "anchored_pod" => Build::AnchoredPod,
            "that" => Build::That,
            "year_adj" => Build::YearAdj,
            "quarter_year" => Build::QuarterYear,
            "duration" => Build::Duration,
            "vague_ref" => Build::VagueRef,
            "fixed" => Build::Fixed,
            "clock" => Build::Clock,
            "set" => Build::Set,
            _ => return None,
        })
    }
}

/// Vocabulary plus compiled rules.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub(crate) classes: HashMap<String, Class>,
    /// Distinct prefilters named by rules' `needs`.
    pub(crate) needs: Vec<Regex>,
    pub(crate) rules: Vec<Rule>,
    pub(crate) future_cues: HashSet<String>,
    pub(crate) past_cues: HashSet<String>,
    pub(crate) ed_not_past: HashSet<String>,
    pub(crate) present_cues: HashSet<String>,
    pub(crate) passive_aux: HashSet<String>,
    pub(crate) deadline: HashSet<String>,
    pub(crate) attribution: HashSet<String>,
    /// First words of the entries of case-sensitive classes (months, weekdays, holidays, zones):
    /// capitalised by nature, so never the sign of a title.
    pub(crate) proper_words: HashSet<String>,
    pub(crate) vocab_version: u32,
    pub(crate) rules_version: u32,
}

/// Normalizes a matched word for class look-up: lower case, single spaces, straight apostrophes.
pub(crate) fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        let c = if c == '’' { '\'' } else { c };
        out.extend(c.to_lowercase());
    }
    out
}

fn word_regex(word: &str, case_sensitive: bool) -> String {
    let mut parts = Vec::new();
    let mut variants = vec![word.to_string()];
    if case_sensitive {
        let upper = word.to_uppercase();
        if upper != word {
            variants.push(upper);
        }
    }
    for v in variants {
        let mut r = String::new();
        for (i, piece) in v.split(' ').enumerate() {
            if i > 0 {
                r.push_str(r"\s+");
            }
            r.push_str(&regex::escape(piece));
        }
        if v.chars().last().is_some_and(|c| c.is_alphanumeric()) {
            r.push_str(r"(?-u:\b)");
        }
        parts.push(r);
    }
    parts.join("|")
}

impl Lexicon {
    fn load() -> Result<Lexicon, TimexError> {
        let vocab: VocabFile = toml::from_str(VOCAB_TOML).map_err(|e| TimexError::Resource {
            name: "resources/vocab.toml".into(),
            message: e.to_string(),
        })?;
        let rules: RulesFile = toml::from_str(RULES_TOML).map_err(|e| TimexError::Resource {
            name: "resources/rules.toml".into(),
            message: e.to_string(),
        })?;
        let mut classes = HashMap::new();
        let mut expansions: HashMap<String, String> = HashMap::new();
        let mut proper_words = HashSet::new();
        for (name, def) in &vocab.classes {
            if def.case_sensitive {
                for e in &def.entries {
                    for w in &e.words {
                        if let Some(first) = w.split([' ', '.', '\'', '’']).next() {
                            proper_words.insert(first.to_string());
                        }
                    }
                }
            }
            let mut map = HashMap::new();
            let mut words: Vec<&String> = Vec::new();
            for e in &def.entries {
                for w in &e.words {
                    map.insert(key(w), e.value.clone());
                    words.push(w);
                }
            }
            // Longest first so that "Sept." beats "Sep." and "a couple of" beats "a couple".
            words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            let alts: Vec<String> = words.iter().map(|w| word_regex(w, def.case_sensitive)).collect();
            let body = alts.join("|");
            let exp = if def.case_sensitive {
                format!("(?-i:{body})")
            } else {
                format!("(?:{body})")
            };
            expansions.insert(name.clone(), exp);
            classes.insert(name.clone(), Class { map });
        }
        let mut compiled = Vec::new();
        let mut needs_src: Vec<String> = Vec::new();
        let mut needs_re: Vec<Regex> = Vec::new();
        let mut seen = HashSet::new();
        for (index, def) in rules.rule.iter().enumerate() {
            let err = |m: String| TimexError::Resource {
                name: format!("resources/rules.toml rule `{}`", def.id),
                message: m,
            };
            if !seen.insert(def.id.clone()) {
                return Err(err("duplicate id".into()));
            }
            let pat = expand(&def.pattern, &expansions).map_err(err)?;
            let pat = format!("(?i){}", pat.replace(r"\b", r"(?-u:\b)"));
            // ASCII classes and case folding: the vocabulary is English and ASCII-only \s/\d keep
            // every rule a small DFA (non-ASCII literals such as ’ still match as written).
            let regex = RegexBuilder::new(&pat)
                .unicode(false)
                .build()
                .map_err(|e| err(e.to_string()))?;
            let ttype = match def.ttype.as_str() {
                "DATE" => TimexType::Date,
                "TIME" => TimexType::Time,
                "DURATION" => TimexType::Duration,
                "SET" => TimexType::Set,
                t => return Err(err(format!("unknown type {t}"))),
            };
            let build = Build::parse(&def.build).ok_or_else(|| err(format!("unknown build {}", def.build)))?;
            let groups: HashMap<String, usize> = regex
                .capture_names()
                .enumerate()
                .filter_map(|(i, n)| n.map(|n| (n.to_string(), i)))
                .collect();
            let extent_group = match &def.extent {
                Some(g) => Some(*groups.get(g).ok_or_else(|| err(format!("no group {g}")))?),
                None => None,
            };
            let needs = if def.needs.is_empty() {
                None
            } else {
                let alts: Vec<String> = def
                    .needs
                    .iter()
                    .map(|n| {
                        if n.starts_with('{') {
                            n.clone()
                        } else {
                            regex::escape(n)
                        }
                    })
                    .collect();
                let p = format!("(?i){}", expand(&alts.join("|"), &expansions).map_err(err)?);
                let i = match needs_src.iter().position(|q| *q == p) {
                    Some(i) => i,
                    None => {
                        let r = RegexBuilder::new(&p)
                            .unicode(false)
                            .build()
                            .map_err(|e| err(e.to_string()))?;
                        needs_src.push(p);
                        needs_re.push(r);
                        needs_src.len() - 1
                    }
                };
                Some(i)
            };
            compiled.push(Rule {
                needs,
                id: Box::leak(def.id.clone().into_boxed_str()),
                index,
                regex,
                ttype,
                build,
                groups,
                extent_group,
                reject_before: def.reject_before.iter().map(|s| s.to_lowercase()).collect(),
                reject_after: def.reject_after.iter().map(|s| s.to_lowercase()).collect(),
                def: def.clone(),
            });
        }

        let cue = |name: &str| -> HashSet<String> {
            classes
                .get(name)
                .map(|c| c.map.keys().cloned().collect())
                .unwrap_or_default()
        };
        let future_cues = cue("FUTURE_CUE");
        let past_cues = cue("PAST_CUE");
        let ed_not_past = cue("ED_NOT_PAST");
        let present_cues = cue("PRESENT_CUE");
        let passive_aux = cue("PASSIVE_AUX");
        let deadline = cue("DEADLINE");
        let attribution = cue("ATTRIBUTION");
        Ok(Lexicon {
            needs: needs_re,
            classes,
            rules: compiled,
            future_cues,
            past_cues,
            ed_not_past,
            present_cues,
            passive_aux,
            deadline,
            attribution,
            proper_words,
            vocab_version: vocab.version,
            rules_version: rules.version,
        })
    }

    /// The value of `word` in class `class`.
    pub(crate) fn lookup(&self, class: &str, word: &str) -> Option<&str> {
        self.classes.get(class)?.map.get(&key(word)).map(String::as_str)
    }
}

fn expand(pattern: &str, expansions: &HashMap<String, String>) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let close = after.find('}').ok_or("unclosed {")?;
        let name = &after[..close];
        if name.chars().all(|c| c.is_ascii_uppercase() || c == '_') && !name.is_empty() {
            let e = expansions
                .get(name)
                .ok_or_else(|| format!("unknown class {{{name}}}"))?;
            out.push_str(e);
        } else {
            // A regex repetition such as \d{4}.
            out.push('{');
            out.push_str(name);
            out.push('}');
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

static LEXICON: OnceLock<Result<Lexicon, String>> = OnceLock::new();

/// The lexicon, compiled once per process.
pub(crate) fn lexicon() -> Result<&'static Lexicon, TimexError> {
    LEXICON
        .get_or_init(|| Lexicon::load().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|m| TimexError::Resource {
            name: "timex resources".into(),
            message: m.clone(),
        })
}

/// All rules as written, in file order (for documentation and tests).
pub fn rule_defs() -> Result<Vec<RuleDef>, TimexError> {
    Ok(lexicon()?.rules.iter().map(|r| r.def.clone()).collect())
}

/// The versions of the vocabulary and rules files.
pub fn resource_versions() -> Result<(u32, u32), TimexError> {
    let l = lexicon()?;
    Ok((l.vocab_version, l.rules_version))
}
