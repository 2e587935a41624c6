//! Actor coding: dictionary phrases (actors with dated roles, agents) matched over tokens, and
//! codes for the entity layer's people, organizations and places (titles, linked countries)
//! for names the dictionaries do not know.

use std::collections::HashMap;

use chrono::NaiveDate;
use newsgraph_core::{Doc, Entity, EntityType};

use crate::dict::{Actor, Agent, Phrase};
use crate::tables::iso3;

/// FNV: the keys are short words, looked up several times per token (once per prefix length).
type WordMap = HashMap<String, Vec<Cand>, newsgraph_core::fnv::FnvBuild>;

/// A phrase filed under its first word.
#[derive(Debug, Clone, Copy)]
struct Cand {
    item: u32,
    phrase: u32,
    /// [`word_fp`] of the phrase's second word when that word must match whole, else 0.
    /// Common first words ("THE", "UNITED") head hundreds of phrases; comparing this with the
    /// next token's fingerprint rejects nearly all of them without reading the phrases, whose
    /// words are scattered over the heap (that reading was an eighth of the coding time).
    second: u64,
}

/// FNV-1a of a word, never 0.
fn word_fp(w: &str) -> u64 {
    let mut h = newsgraph_core::fnv::Fnv::default();
    std::hash::Hasher::write(&mut h, w.as_bytes());
    std::hash::Hasher::finish(&h) | 1
}

/// Phrases indexed by their first word, plus one-word prefix phrases by their text.
#[derive(Debug, Clone, Default)]
struct PhraseIndex {
    by_first: WordMap,
    prefix: WordMap,
    prefix_lens: Vec<usize>,
    /// A filter over the first four bytes of the prefix phrases (all are at least four long):
    /// most tokens start like no prefix phrase, and skip the look-up per prefix length.
    prefix_heads: Vec<u64>,
}

/// Bit of [`PhraseIndex::prefix_heads`] for a word's first four bytes.
fn head_bit(word: &str) -> Option<usize> {
    let b = word.as_bytes().get(..4)?;
    let x = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    Some((x.wrapping_mul(0x9e37_79b1) >> (32 - HEAD_BITS)) as usize)
}

/// The filter has 2^16 bits (8 KB).
const HEAD_BITS: u32 = 16;

impl PhraseIndex {
    fn add(&mut self, p: &Phrase, item: u32, phrase: u32) {
        let Some(first) = p.words.first() else { return };
        let cand = Cand {
            item,
            phrase,
            second: 0,
        };
        if p.words.len() == 1 && !p.exact && first.len() >= 4 {
            self.prefix.entry(first.clone()).or_default().push(cand);
            if let Some(bit) = head_bit(first) {
                if self.prefix_heads.is_empty() {
                    self.prefix_heads = vec![0; (1 << HEAD_BITS) / 64];
                }
                self.prefix_heads[bit / 64] |= 1 << (bit % 64);
            }
            if !self.prefix_lens.contains(&first.len()) {
                self.prefix_lens.push(first.len());
                self.prefix_lens.sort_unstable();
            }
        } else {
            // A last word may match as a prefix (`Phrase::match_at`): no whole-word filter then.
            let second = match p.words.get(1) {
                Some(w) if !(p.words.len() == 2 && !p.exact && w.len() >= 4) => word_fp(w),
                _ => 0,
            };
            self.by_first
                .entry(first.clone())
                .or_default()
                .push(Cand { second, ..cand });
        }
    }

    /// Phrases that may match at a token: `(item, phrase, words known to match)`. A phrase
    /// found by its first word has that word matched; a one-word prefix phrase found by its
    /// text is matched whole.
    /// `next` is [`word_fp`] of the token after `tok`, 0 at the end of the sentence.
    fn candidates<'a>(&'a self, tok: &'a str, next: u64) -> impl Iterator<Item = (u32, u32, usize)> + 'a {
        let exact = self
            .by_first
            .get(tok)
            .into_iter()
            .flatten()
            .filter(move |c| c.second == 0 || c.second == next)
            .map(|c| (c.item, c.phrase, 1));
        let may_prefix = head_bit(tok)
            .and_then(|bit| self.prefix_heads.get(bit / 64).map(|w| w & (1 << (bit % 64)) != 0))
            .unwrap_or(false);
        let lens: &[usize] = if may_prefix { &self.prefix_lens } else { &[] };
        let prefixed = lens
            .iter()
            .filter(move |&&n| n <= tok.len() && tok.is_char_boundary(n))
            .filter_map(move |&n| self.prefix.get(&tok[..n]))
            .flatten()
            .map(|c| (c.item, c.phrase, 1));
        exact.chain(prefixed)
    }
}

/// Actors from one or more dictionaries; later-added (user) entries win ties.
#[derive(Debug, Clone, Default)]
pub struct ActorIndex {
    actors: Vec<(Actor, u8)>,
    index: PhraseIndex,
}

impl ActorIndex {
    /// Adds actors with a priority (higher wins when two phrases match the same words).
    pub fn add(&mut self, actors: Vec<Actor>, priority: u8) {
        for a in actors {
            let id = self.actors.len() as u32;
            for (pi, p) in a.phrases.iter().enumerate() {
                self.index.add(p, id, pi as u32);
            }
            self.actors.push((a, priority));
        }
    }

    /// Number of actors.
    pub fn len(&self) -> usize {
        self.actors.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// Longest actor phrase at `at`: (length in tokens, code on `date`). A match whose code
    /// is `---` on that date still consumes its words (it names a non-actor).
    pub fn longest_at(&self, toks: &[String], at: usize, date: NaiveDate) -> Option<(usize, Option<&str>)> {
        let mut best: Option<(usize, u8, u32)> = None;
        let next = toks.get(at + 1).map_or(0, |t| word_fp(t));
        for (id, pi, known) in self.index.candidates(&toks[at], next) {
            let (actor, prio) = &self.actors[id as usize];
            if let Some(n) = actor.phrases[pi as usize].match_from(toks, at, known) {
                let better = match best {
                    None => true,
                    Some((bn, bp, bid)) => n > bn || (n == bn && (*prio > bp || (*prio == bp && id < bid))),
                };
                if better {
                    best = Some((n, *prio, id));
                }
            }
        }
        best.map(|(n, _, id)| (n, self.actors[id as usize].0.code_on(date)))
    }
}

/// Agents from one or more dictionaries.
#[derive(Debug, Clone, Default)]
pub struct AgentIndex {
    agents: Vec<(Agent, u8)>,
    index: PhraseIndex,
}

impl AgentIndex {
    /// Adds agents with a priority.
    pub fn add(&mut self, agents: Vec<Agent>, priority: u8) {
        for a in agents {
            let id = self.agents.len() as u32;
            self.index.add(&a.phrase, id, 0);
            self.agents.push((a, priority));
        }
    }

    /// Longest agent phrase at `at`: (length, agent).
    pub fn longest_at(&self, toks: &[String], at: usize) -> Option<(usize, &Agent)> {
        let mut best: Option<(usize, u8, u32)> = None;
        let next = toks.get(at + 1).map_or(0, |t| word_fp(t));
        for (id, _, known) in self.index.candidates(&toks[at], next) {
            let (agent, prio) = &self.agents[id as usize];
            if let Some(n) = agent.phrase.match_from(toks, at, known) {
                let better = match best {
                    None => true,
                    Some((bn, bp, bid)) => n > bn || (n == bn && (*prio > bp || (*prio == bp && id < bid))),
                };
                if better {
                    best = Some((n, *prio, id));
                }
            }
        }
        best.map(|(n, _, id)| (n, &self.agents[id as usize].0))
    }
}

/// What a stretch of tokens names.
#[derive(Debug, Clone, PartialEq)]
pub enum MentionKind {
    /// An actor with its code.
    Actor(String),
    /// An agent (role word) with its code and side.
    Agent {
        /// Code without `~`.
        code: String,
        /// Country first (`~GOV`) or agent first (`NGO~`).
        suffix: bool,
    },
}

/// An actor or agent found in a sentence (token indices relative to the sentence).
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMention {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Actor or agent.
    pub kind: MentionKind,
    /// The entity this mention belongs to, when the entity layer gave it.
    pub entity: Option<String>,
}

/// Attaches agent codes to an actor code: `CHN` + `~GOV` → `CHNGOV`, `NGO~` + `ARN` → `NGOARN`;
/// a role the actor already ends with is not repeated (`USAGOV` + `GOV`).
pub fn combine(actor: &str, agents: &[(&str, bool)]) -> String {
    let mut pre = String::new();
    let mut code = actor.to_string();
    for &(a, suffix) in agents {
        if suffix {
            if !code.ends_with(a) && code.len() + a.len() <= 15 {
                code.push_str(a);
            }
        } else if !code.starts_with(a) && !pre.contains(a) {
            pre.push_str(a);
        }
    }
    format!("{pre}{code}")
}

/// Dictionary mentions over upper-cased tokens, longest match first, left to right.
pub fn dictionary_mentions(
    actors: &ActorIndex,
    agents: &AgentIndex,
    toks: &[String],
    date: NaiveDate,
) -> Vec<ActorMention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let actor = actors.longest_at(toks, i, date);
        let agent = agents.longest_at(toks, i);
        match (actor, agent) {
            (Some((n, code)), ag) if ag.is_none_or_shorter(n) => {
                if let Some(c) = code {
                    out.push(ActorMention {
                        start: i,
                        end: i + n,
                        kind: MentionKind::Actor(c.to_string()),
                        entity: None,
                    });
                }
                i += n;
            }
            (_, Some((n, a))) => {
                out.push(ActorMention {
                    start: i,
                    end: i + n,
                    kind: MentionKind::Agent {
                        code: a.code.clone(),
                        suffix: a.suffix,
                    },
                    entity: None,
                });
                i += n;
            }
            _ => i += 1,
        }
    }
    out
}

/// Tags that leave a capitalised dictionary actor a noun phrase: nouns and adjectives
/// ("Chinese" is `JJ` in the Penn Treebank and stays so).
const NOMINAL_TAGS: &[&str] = &["NNP", "NNPS", "NN", "NNS", "JJ", "JJR", "JJS", "CD", "FW", "POS"];

/// Words of actor names that are not names themselves.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "for", "in", "on", "at", "to", "de", "du", "la", "le", "al", "el", "bin", "van",
    "von",
];

/// Where the tagger read a capitalised word of a dictionary actor as something that cannot
/// head a noun phrase ("Arnor cleric …" with "Arnor" a conjunction, "rich France" with
/// "France" a verb): the proper-noun tags to re-tag the sentence with, or `None` when every
/// actor word is already nominal. The actor dictionaries are a gazetteer; a name in one is a
/// name whatever the tagger, trained on other names, guesses.
pub fn proper_name_tags(
    syn: &newsgraph_syntax::SentenceSyntax,
    mentions: &[ActorMention],
) -> Option<Vec<Option<&'static str>>> {
    let mut fixed: Vec<Option<&'static str>> = vec![None; syn.words.len()];
    let mut any = false;
    for m in mentions.iter().filter(|m| matches!(m.kind, MentionKind::Actor(_))) {
        let end = m.end.min(syn.words.len());
        for (i, tag) in fixed.iter_mut().enumerate().take(end).skip(m.start) {
            let capitalised = syn.words[i].chars().next().is_some_and(char::is_uppercase);
            // "The Ministry of Magic": its function words keep their tags.
            let function_word = FUNCTION_WORDS.contains(&syn.lower_str(i));
            if capitalised && !function_word && !NOMINAL_TAGS.contains(&syn.pos[i].as_str()) {
                *tag = Some("NNP");
                any = true;
            }
        }
    }
    any.then_some(fixed)
}

trait ShorterThan {
    fn is_none_or_shorter(&self, n: usize) -> bool;
}

impl ShorterThan for Option<(usize, &Agent)> {
    fn is_none_or_shorter(&self, n: usize) -> bool {
        match self {
            None => true,
            Some((m, _)) => *m <= n,
        }
    }
}

/// Upper-cased, quote-normalized token texts, as dictionary phrases are written.
pub fn upper_tokens<S: AsRef<str>>(words: &[S]) -> Vec<String> {
    words
        .iter()
        .map(|w| newsgraph_syntax::normalize_word(w.as_ref()).to_uppercase())
        .collect()
}

fn words_of(text: &str) -> Vec<String> {
    let mut toks = Vec::new();
    newsgraph_text::tokenize(text, newsgraph_core::Span::new(0, text.len()), &mut toks);
    upper_tokens(&toks.iter().map(|t| &text[t.span.start..t.span.end]).collect::<Vec<_>>())
}

/// A CAMEO code for an entity from the entity layer: its name in the actor dictionaries, else
/// its titles ("U.S. President" → `USAGOV`, "White House economic adviser" → `USAGOV`), else
/// its linked country (ISO-2 → ISO-3) with the role words of its name, else, for a
/// government, judicial, military or police body named without a country ("the Justice
/// Department"), the article's `home` country.
pub fn code_entity(
    entity: &Entity,
    doc: &Doc,
    actors: &ActorIndex,
    agents: &AgentIndex,
    date: NaiveDate,
    home: Option<&str>,
) -> Option<String> {
    let code_words = |toks: &[String]| -> Option<String> {
        let ms = dictionary_mentions(actors, agents, toks, date);
        let actor = ms.iter().find_map(|m| match &m.kind {
            MentionKind::Actor(c) => Some(c.clone()),
            _ => None,
        });
        let roles: Vec<(&str, bool)> = ms
            .iter()
            .filter_map(|m| match &m.kind {
                MentionKind::Agent { code, suffix } => Some((code.as_str(), *suffix)),
                _ => None,
            })
            .collect();
        actor.map(|a| combine(&a, &roles))
    };
    // The whole name as an actor ("Xi Jinping", "Fujian Jinhua" when a user adds it).
    let name = words_of(&entity.name);
    if !name.is_empty() {
        if let Some((n, Some(code))) = actors.longest_at(&name, 0, date) {
            if n == name.len() {
                return Some(code.to_string());
            }
        }
    }
    for t in &entity.titles {
        let toks = words_of(doc.slice(*t));
        if let Some(c) = code_words(&toks) {
            return Some(c);
        }
    }
    let country = entity.link.as_ref().and_then(|l| l.country.as_deref()).and_then(iso3);
    match (entity.etype, country) {
        (EntityType::Location | EntityType::Nationality, Some(c)) => Some(c.to_string()),
        (EntityType::Organization, Some(c)) => {
            let ms = dictionary_mentions(actors, agents, &name, date);
            let roles: Vec<(&str, bool)> = ms
                .iter()
                .filter_map(|m| match &m.kind {
                    MentionKind::Agent { code, suffix } => Some((code.as_str(), *suffix)),
                    _ => None,
                })
                .collect();
            Some(combine(c, &roles))
        }
        (EntityType::Organization, None) => code_words(&name).or_else(|| {
            let ms = dictionary_mentions(actors, agents, &name, date);
            let roles: Vec<(&str, bool)> = ms
                .iter()
                .filter_map(|m| match &m.kind {
                    MentionKind::Agent { code, suffix } => Some((code.as_str(), *suffix)),
                    _ => None,
                })
                .collect();
            let official = roles
                .iter()
                .any(|(c, _)| ["GOV", "JUD", "MIL", "COP", "LEG"].iter().any(|k| c.contains(k)));
            if official {
                home.map(|h| combine(h, &roles))
            } else {
                None
            }
        }),
        _ => code_words(&name),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::dict::parse_actors;

    /// The second-word filter of the phrase index rejects only phrases that cannot match: every
    /// position of a sentence gets what trying every phrase would give.
    #[test]
    fn indexed_lookup_equals_trying_every_phrase() {
        let dict = "ARNOR_ [ARN]\nGONDOR [GON]\nMINAS TIRITH_ [GONCAP]\nWHITE COUNC [WCO]\n\
                    KING OF ROHAN_ [ROHGOV]\n+KING OF GONDOR [GONGOV]\nKING [---]\nTHE SHIRE [SHI]\n\
                    THE SHIRE MOOT_ [SHIGOV]\nTHE WHITE TOWER [GONMIL]\n";
        let actors = parse_actors(dict);
        let mut index = ActorIndex::default();
        index.add(actors.clone(), 1);
        let date = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let text = "THE KING OF GONDORIAN LANDS MET THE SHIRE MOOT AND THE WHITE COUNCILLORS IN MINAS TIRITH \
                    WITH ARNOR AND THE SHIRE , NOT THE WHITE TOWERS OF KING";
        let toks: Vec<String> = text.split(' ').map(str::to_string).collect();
        let toks = &toks;
        let mut found = 0;
        for at in 0..toks.len() {
            let brute = actors
                .iter()
                .enumerate()
                .flat_map(|(id, a)| a.phrases.iter().filter_map(move |p| Some((p.match_at(toks, at)?, id))))
                .max_by_key(|&(n, id)| (n, std::cmp::Reverse(id)))
                .map(|(n, id)| (n, actors[id].code_on(date)));
            assert_eq!(index.longest_at(toks, at, date), brute, "at {at} ({})", toks[at]);
            found += usize::from(brute.is_some_and(|(n, _)| n > 1));
        }
        // Multi-word phrases matched at several places, prefix last words included.
        assert!(found >= 5, "{found}");
    }
}
