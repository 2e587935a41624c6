//! Political and economic interactions as CAMEO-coded events, each traceable to its words.
//!
//! The coder reads the PETRARCH-2 dictionaries (MIT; a compressed copy is compiled in, see
//! `data/README.md`) at run time: actors with dated roles, agents, and the CAMEO verb
//! dictionary with synonym sets and phrase patterns. It runs over the shallow syntax of
//! `newsgraph-syntax` (POS, chunks, predicates with subject, voice, negation, modality and
//! reported speech) instead of full parse trees: the subject's actors are the source, the first
//! actor after the verb is the target (both sides of a passive swap, and the `by` agent or the
//! reporter of "…, the Justice Department said" acts), negated predicates are not coded, and
//! compound actors give one event per pair. Names the dictionaries do not know come from the
//! entity layer (titles such as "U.S. President", linked countries).
//!
//! ```
//! use newsgraph_events::{EventCoder, EventOptions};
//! let coder = EventCoder::new(&EventOptions::default()).unwrap();
//! let date = chrono::NaiveDate::from_ymd_opt(2018, 11, 2).unwrap();
//! let events = coder.code_text("China accused Japan of violating its sovereignty.", date);
//! assert_eq!(events[0].source.code, "CHN");
//! assert_eq!(events[0].target.code, "JPN");
//! assert_eq!(events[0].root, "11");
//! ```

mod actors;
mod coder;
mod dict;
mod error;
mod eval;
mod tables;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use newsgraph_core::{Article, Component, Doc, EntityType, Layer, Span, TimexType};
use newsgraph_syntax::Models;

pub use actors::{code_entity, combine, ActorIndex, ActorMention, AgentIndex, MentionKind};
pub use coder::Mode;
pub use dict::{parse_actors, parse_agents, parse_date, parse_verbs, Actor, Agent, DatedCode, Phrase, VerbDict};
pub use error::{EventsError, Result};
pub use eval::{eval_events, eval_events_with, EventReport};
/// The event record is the core's, so the output contract and the store share it.
pub use newsgraph_core::{Event, EventActor, EventLocation};
pub use tables::{goldstein, iso3, quad_class};

/// The dictionary files compiled into `data/petrarch2.dicts.zst`.
pub const BUNDLED_FILES: &[&str] = &[
    "CAMEO.2.0.txt",
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
    "Phoenix.agents.txt",
    "PETR.Validate.actors.txt",
    "PETR.Validate.agents.txt",
    "PETR.Validate.verbs.txt",
];

static BUNDLE: &[u8] = include_bytes!("../data/petrarch2.dicts.zst");

/// Project-written agents for current news (`data/newsgraph.agents.txt`), Phoenix set only.
static SUPPLEMENT_AGENTS: &str = include_str!("../data/newsgraph.agents.txt");
/// Project-written verb patterns for current news (`data/newsgraph.verbs.txt`), Phoenix set only.
static SUPPLEMENT_VERBS: &str = include_str!("../data/newsgraph.verbs.txt");
/// Event nouns (`data/nominal_events.tsv`).
static NOMINALS: &str = include_str!("../data/nominal_events.tsv");

/// Priority of user dictionary entries: above the shipped ones (1) and the supplement (2).
const USER_PRIORITY: u8 = 3;

/// Which shipped actor and agent dictionaries to use (verbs: `CAMEO.2.0.txt` for both, the
/// validation set adding the validation verbs CAMEO.2.0 lacks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DictionarySet {
    /// The operational Phoenix dictionaries (countries, leaders, IGOs, non-state groups).
    #[default]
    Phoenix,
    /// The PETRARCH validation dictionaries (fictional actors of the unit-test records).
    Validate,
}

impl DictionarySet {
    fn actor_files(self) -> &'static [&'static str] {
        match self {
            DictionarySet::Phoenix => &[
                "Phoenix.Countries.actors.txt",
                "Phoenix.International.actors.txt",
                "Phoenix.MilNonState.actors.txt",
            ],
            DictionarySet::Validate => &["PETR.Validate.actors.txt"],
        }
    }
    /// Verb dictionaries: the first is the base, later ones only add the verb forms and
    /// synonym sets it lacks (see [`Dictionaries::fill_verbs`]).
    fn verb_files(self) -> &'static [&'static str] {
        match self {
            DictionarySet::Phoenix => &["CAMEO.2.0.txt"],
            DictionarySet::Validate => &["CAMEO.2.0.txt", "PETR.Validate.verbs.txt"],
        }
    }
    fn agent_file(self) -> &'static str {
        match self {
            DictionarySet::Phoenix => "Phoenix.agents.txt",
            DictionarySet::Validate => "PETR.Validate.agents.txt",
        }
    }
}

/// Parsed dictionaries: actors, agents and verbs, shipped ones overridden by user ones.
#[derive(Debug, Clone, Default)]
pub struct Dictionaries {
    actors: ActorIndex,
    agents: AgentIndex,
    verbs: VerbDict,
    nominals: Vec<coder::Nominal>,
}

fn unpack_bundle() -> Result<Vec<(String, String)>> {
    let bad = |m: String| EventsError::Resource {
        name: "data/petrarch2.dicts.zst".to_string(),
        message: m,
    };
    let mut raw = Vec::new();
    zstd::Decoder::new(BUNDLE)
        .and_then(|mut d| d.read_to_end(&mut raw))
        .map_err(|e| bad(e.to_string()))?;
    let mut out = Vec::new();
    let mut at = 0usize;
    let take = |n: usize, at: &mut usize| -> Result<&[u8]> {
        let s = raw.get(*at..*at + n).ok_or_else(|| bad("truncated".to_string()))?;
        *at += n;
        Ok(s)
    };
    while at < raw.len() {
        let n = u32::from_le_bytes(take(4, &mut at)?.try_into().map_err(|_| bad("bad length".into()))?) as usize;
        let name = String::from_utf8_lossy(take(n, &mut at)?).into_owned();
        let n = u32::from_le_bytes(take(4, &mut at)?.try_into().map_err(|_| bad("bad length".into()))?) as usize;
        let text = String::from_utf8_lossy(take(n, &mut at)?).into_owned();
        out.push((name, text));
    }
    Ok(out)
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| EventsError::io(path, e))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

impl Dictionaries {
    /// The compiled-in dictionaries of `set`.
    pub fn builtin(set: DictionarySet) -> Result<Dictionaries> {
        let files = unpack_bundle()?;
        let get = |name: &str| -> Result<&str> {
            files
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, t)| t.as_str())
                .ok_or_else(|| EventsError::Resource {
                    name: name.to_string(),
                    message: "not in the compiled-in bundle".to_string(),
                })
        };
        let mut d = Dictionaries::default();
        for (i, f) in set.verb_files().iter().enumerate() {
            let v = parse_verbs(get(f)?);
            if i == 0 {
                d.verbs = v;
            } else {
                d.fill_verbs(v);
            }
        }
        for f in set.actor_files() {
            d.actors.add(parse_actors(get(f)?), 1);
        }
        d.agents.add(parse_agents(get(set.agent_file())?), 1);
        d.add_supplement(set);
        Ok(d)
    }

    /// The dictionaries of `set` read from a directory holding the PETRARCH-2 files.
    pub fn from_dir(dir: &Path, set: DictionarySet) -> Result<Dictionaries> {
        let mut d = Dictionaries::default();
        for (i, f) in set.verb_files().iter().enumerate() {
            let v = parse_verbs(&read_text(&dir.join(f))?);
            if i == 0 {
                d.verbs = v;
            } else {
                d.fill_verbs(v);
            }
        }
        for f in set.actor_files() {
            d.actors.add(parse_actors(&read_text(&dir.join(f))?), 1);
        }
        d.agents.add(parse_agents(&read_text(&dir.join(set.agent_file()))?), 1);
        d.add_supplement(set);
        Ok(d)
    }

    /// Adds user dictionaries from a directory (or one file), in the same formats; their
    /// entries override shipped ones. Files are recognised by name: `*actors*.txt`,
    /// `*agents*.txt`, `*verbs*.txt` (or `CAMEO*.txt`).
    pub fn add_user(&mut self, path: &Path) -> Result<()> {
        let mut files: Vec<PathBuf> = if path.is_dir() {
            std::fs::read_dir(path)
                .map_err(|e| EventsError::io(path, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect()
        } else {
            vec![path.to_path_buf()]
        };
        files.sort();
        for f in files {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            let text = read_text(&f)?;
            if name.contains("actors") {
                self.actors.add(parse_actors(&text), USER_PRIORITY);
            } else if name.contains("agents") {
                self.agents.add(parse_agents(&text), USER_PRIORITY);
            } else if name.contains("verbs") || name.starts_with("cameo") {
                self.merge_verbs(parse_verbs(&text));
            } else {
                return Err(EventsError::Parse {
                    path: f.clone(),
                    line: 0,
                    message: "user dictionary name must contain `actors`, `agents` or `verbs`".to_string(),
                });
            }
        }
        Ok(())
    }

    /// The project's own additions for current news; the validation set stays as PETRARCH's
    /// unit tests expect it.
    fn add_supplement(&mut self, set: DictionarySet) {
        if set == DictionarySet::Phoenix {
            self.agents.add(parse_agents(SUPPLEMENT_AGENTS), 2);
            self.merge_verbs(parse_verbs(SUPPLEMENT_VERBS));
        }
        self.nominals = coder::parse_nominals(NOMINALS);
    }

    /// Adds the verbs of `more` that the dictionary lacks, with their blocks and patterns, and
    /// its synonym sets of new names. The validation verbs are a TABARI-era file whose codes
    /// are partly WEIS test codes (`PRESENT - * CREDENTIALS [032]`); where CAMEO.2.0 knows a
    /// verb, its CAMEO codes and PETRARCH-2 patterns are the ones to use.
    fn fill_verbs(&mut self, more: VerbDict) {
        let offset = self.verbs.blocks.len();
        self.verbs.blocks.extend(more.blocks);
        for (name, members) in more.synsets {
            self.verbs.synsets.entry(name).or_insert(members);
        }
        self.verbs.index_synsets();
        for (form, cands) in more.forms {
            self.verbs
                .forms
                .entry(form)
                .or_insert_with(|| cands.into_iter().map(|(b, f)| (b + offset, f)).collect());
        }
    }

    fn merge_verbs(&mut self, user: VerbDict) {
        let offset = self.verbs.blocks.len();
        self.verbs.blocks.extend(user.blocks);
        for (name, members) in user.synsets {
            self.verbs.synsets.insert(name, members);
        }
        self.verbs.index_synsets();
        for (form, cands) in user.forms {
            let list = self.verbs.forms.entry(form).or_default();
            // User forms go first: the coder takes the first of equally good candidates.
            let mut merged: Vec<_> = cands.into_iter().map(|(b, f)| (b + offset, f)).collect();
            merged.append(list);
            *list = merged;
        }
    }

    /// The actor index.
    pub fn actors(&self) -> &ActorIndex {
        &self.actors
    }

    /// The agent index.
    pub fn agents(&self) -> &AgentIndex {
        &self.agents
    }

    /// The verb dictionary.
    pub fn verbs(&self) -> &VerbDict {
        &self.verbs
    }
}

/// Options of the event coder.
#[derive(Debug, Clone, Default)]
pub struct EventOptions {
    /// Shipped dictionary set.
    pub set: DictionarySet,
    /// Read the shipped dictionaries from this directory instead of the compiled-in copies.
    pub shipped_dir: Option<PathBuf>,
    /// User dictionaries (a directory or a file) that override shipped entries.
    pub dictionaries: Option<PathBuf>,
    /// Precision-first (default) or recall-first coding.
    pub mode: Mode,
}

/// Everything coding needs: syntax models, dictionaries, options. Cheap to share (`Arc`).
#[derive(Debug, Clone)]
pub struct EventCoder {
    models: Arc<Models>,
    dicts: Arc<Dictionaries>,
    mode: Mode,
}

impl EventCoder {
    /// Loads the committed syntax models and the dictionaries the options name.
    pub fn new(opts: &EventOptions) -> Result<EventCoder> {
        EventCoder::with_models(Arc::new(Models::load_default()?), opts)
    }

    /// As [`EventCoder::new`] with syntax models already loaded.
    pub fn with_models(models: Arc<Models>, opts: &EventOptions) -> Result<EventCoder> {
        let mut dicts = match &opts.shipped_dir {
            Some(dir) => Dictionaries::from_dir(dir, opts.set)?,
            None => Dictionaries::builtin(opts.set)?,
        };
        if let Some(user) = &opts.dictionaries {
            dicts.add_user(user)?;
        }
        Ok(EventCoder {
            models,
            dicts: Arc::new(dicts),
            mode: opts.mode,
        })
    }

    /// The dictionaries.
    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dicts
    }

    /// Events of a document. Uses `doc.pos` when filled (else tags), `doc.entities` for actors
    /// the dictionaries miss, `doc.timexes` for event dates and the article date otherwise.
    pub fn code_events(&self, doc: &Doc) -> Vec<Event> {
        let date = doc.article.date;
        let default_date = date.format("%Y-%m-%d").to_string();
        let have_pos = doc.pos.len() == doc.tokens.len() && !doc.pos.is_empty();
        // Entity codes, once per entity.
        let home = home_country(doc);
        let entity_codes: Vec<Option<String>> = doc
            .entities
            .iter()
            .map(|e| code_entity(e, doc, &self.dicts.actors, &self.dicts.agents, date, home))
            .collect();
        let mut previous: Vec<Event> = Vec::new();
        let mut out = Vec::new();
        for si in 0..doc.sentences.len() {
            let range = doc.sentence_tokens(si);
            let spans: Vec<Span> = doc.tokens[range.clone()].iter().map(|t| t.span).collect();
            if spans.is_empty() {
                continue;
            }
            let words: Vec<String> = spans.iter().map(|&s| doc.slice(s).to_string()).collect();
            let (pos, chunks) = if have_pos {
                let pos = doc.pos[range.clone()].to_vec();
                let chunks = self.models.chunk(&words, &pos);
                (pos, chunks)
            } else {
                self.models.tag_and_chunk(&words)
            };
            let mut syn = newsgraph_syntax::SentenceSyntax::new(words, pos, chunks);
            let upper = actors::upper_tokens(&syn.words);
            let mut mentions = actors::dictionary_mentions(&self.dicts.actors, &self.dicts.agents, &upper, date);
            if let Some(fixed) = actors::proper_name_tags(&syn, &mentions) {
                let (pos, chunks) = if have_pos || syn.tags_repaired() {
                    // Tags from elsewhere, or changed since: the tagger's unfixed run is not at
                    // hand, so decode afresh.
                    self.models.tag_fixed_and_chunk(&syn.words, &fixed)
                } else {
                    self.models
                        .retag_fixed_and_chunk(&syn.words, &syn.pos, &syn.chunk_tags, &fixed)
                };
                syn = newsgraph_syntax::SentenceSyntax::new(std::mem::take(&mut syn.words), pos, chunks);
            }
            let syn = &syn;
            let tok_of = |byte: usize| spans.partition_point(|s| s.end <= byte);
            let mut places = Vec::new();
            for (ei, e) in doc.entities.iter().enumerate() {
                for m in &e.mentions {
                    if m.span.start < doc.sentences[si].start || m.span.end > doc.sentences[si].end {
                        continue;
                    }
                    let (a, b) = (tok_of(m.span.start), tok_of(m.span.end.saturating_sub(1)) + 1);
                    if a >= b || b > spans.len() {
                        continue;
                    }
                    if e.etype == EntityType::Location {
                        places.push((a, b, e.name.clone(), Some(e.id.clone())));
                    }
                    let overlapping: Vec<usize> = mentions
                        .iter()
                        .enumerate()
                        .filter(|(_, x)| x.start < b && a < x.end)
                        .map(|(i, _)| i)
                        .collect();
                    let is_actor = |ms: &[ActorMention], i: usize| matches!(ms[i].kind, MentionKind::Actor(_));
                    // A dictionary actor that spans the whole name keeps its (dated) code and
                    // gains the entity link.
                    let whole = overlapping
                        .iter()
                        .any(|&i| is_actor(&mentions, i) && mentions[i].start <= a && mentions[i].end >= b);
                    if whole && m.kind == newsgraph_core::MentionKind::Name {
                        for &i in &overlapping {
                            if is_actor(&mentions, i) {
                                mentions[i].entity = Some(e.id.clone());
                            }
                        }
                        continue;
                    }
                    let Some(code) = &entity_codes[ei] else {
                        // A dictionary word inside a person's name is not an actor ("Un" in
                        // "Kim Jong Un" is not the United Nations).
                        if e.etype == EntityType::Person {
                            for &i in overlapping.iter().rev() {
                                if is_actor(&mentions, i) && mentions[i].start >= a && mentions[i].end <= b {
                                    mentions.remove(i);
                                }
                            }
                        }
                        continue;
                    };
                    // Otherwise the entity's code, over the whole name ("Fujian Jinhua
                    // Integrated Circuit Co.", not only "Fujian"), replaces what was inside.
                    for &i in overlapping.iter().rev() {
                        mentions.remove(i);
                    }
                    mentions.push(ActorMention {
                        start: a,
                        end: b,
                        kind: MentionKind::Actor(code.clone()),
                        entity: Some(e.id.clone()),
                    });
                }
            }
            mentions.sort_by_key(|m| (m.start, m.end));
            let timexes: Vec<(usize, String)> = doc
                .timexes
                .iter()
                .filter(|t| t.ttype == TimexType::Date && doc.sentences[si].contains(t.span))
                .map(|t| (tok_of(t.span.start), t.value.clone()))
                .collect();
            let input = coder::SentenceInput {
                syntax: syn,
                upper: &upper,
                spans: &spans,
                sentence: doc.sentences[si],
                mentions: &mentions,
                timexes: &timexes,
                places: &places,
                default_date: &default_date,
            };
            let mut events = coder::code_sentence(&self.dicts.verbs, &input, self.mode, &previous);
            events.extend(coder::code_nominals(&self.dicts.nominals, &input, &events));
            previous.clone_from(&events);
            out.extend(events);
        }
        out
    }

    /// Events of a bare text (segmented with `newsgraph-text`, no entity layer).
    pub fn code_text(&self, text: &str, date: NaiveDate) -> Vec<Event> {
        self.code_events(&segmented_doc(text, date))
    }
}

/// A document of `text` with the text layer only (paragraphs, sentences, tokens): what
/// [`EventCoder::code_text`] codes, and what the benchmark and the profiling example time.
pub fn segmented_doc(text: &str, date: NaiveDate) -> Doc {
    let mut doc = Doc::new(Article::new(text, date));
    let seg = newsgraph_text::segment(text);
    doc.paragraphs = seg.paragraphs;
    doc.sentences = seg.sentences;
    doc.tokens = seg.tokens;
    doc.token_sentence = seg.token_sentence;
    doc
}

/// The seed article (`$NEWSGRAPH_SHARED/seed/article.txt`: a `date YYYY-MM-DD` header, then
/// the text) as a [`segmented_doc`], for the benchmark and the profiling example.
pub fn seed_doc() -> Result<Doc> {
    let path = shared_dir().join("seed/article.txt");
    let raw = std::fs::read_to_string(&path).map_err(|e| EventsError::io(&path, e))?;
    let bad = |message: &str| EventsError::Parse {
        path: path.clone(),
        line: 1,
        message: message.to_string(),
    };
    let rest = raw
        .trim_start()
        .strip_prefix("date")
        .map(str::trim_start)
        .ok_or_else(|| bad("no `date YYYY-MM-DD` header"))?;
    let date = rest
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .ok_or_else(|| bad("the header's date is not YYYY-MM-DD"))?;
    Ok(segmented_doc(rest[10..].trim_start(), date))
}

/// The article's home country (ISO-3): the country of the first place or nationality it
/// names. Newswire style leaves the home country's bodies unqualified ("the Justice
/// Department"), so a government body without a country is taken to be the home one.
fn home_country(doc: &Doc) -> Option<&'static str> {
    doc.entities
        .iter()
        .filter(|e| matches!(e.etype, EntityType::Location | EntityType::Nationality))
        .filter_map(|e| {
            let iso = e.link.as_ref().and_then(|l| l.country.as_deref()).and_then(iso3)?;
            Some((e.mentions.first()?.span.start, iso))
        })
        .min_by_key(|(at, _)| *at)
        .map(|(_, iso)| iso)
}

/// Events of a document with a coder (see [`EventCoder::code_events`]).
pub fn code_events(doc: &Doc, coder: &EventCoder) -> Vec<Event> {
    coder.code_events(doc)
}

/// Pipeline component `events`: fills `doc.events` from the tokens, sentences, entities and
/// time expressions (POS comes from `doc.pos` when an earlier component filled it, else the
/// committed tagger runs inside).
#[derive(Debug, Clone)]
pub struct EventsComponent {
    coder: EventCoder,
}

impl EventsComponent {
    /// The committed syntax models and the shipped (Phoenix) dictionaries.
    pub fn new() -> Result<EventsComponent> {
        EventsComponent::with_options(&EventOptions::default())
    }

    /// As [`EventsComponent::new`], plus user dictionaries (a directory of `*actors*.txt`,
    /// `*agents*.txt`, `*verbs*.txt` files in the PETRARCH-2 formats, or one such file) whose
    /// entries override the shipped ones: `--dictionaries DIR`.
    pub fn with_dictionaries(dir: &Path) -> Result<EventsComponent> {
        EventsComponent::with_options(&EventOptions {
            dictionaries: Some(dir.to_path_buf()),
            ..EventOptions::default()
        })
    }

    /// A component with the committed models and the dictionaries the options name.
    pub fn with_options(opts: &EventOptions) -> Result<EventsComponent> {
        Ok(EventsComponent::from_coder(EventCoder::new(opts)?))
    }

    /// A component over a coder.
    pub fn from_coder(coder: EventCoder) -> EventsComponent {
        EventsComponent { coder }
    }

    /// The events of a document, without storing them.
    pub fn code_events(&self, doc: &Doc) -> Vec<Event> {
        self.coder.code_events(doc)
    }
}

impl Component for EventsComponent {
    fn name(&self) -> &'static str {
        "events"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tokens, Layer::Entities, Layer::Timexes]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Events]
    }

    fn process(&self, doc: &mut Doc) -> newsgraph_core::Result<()> {
        doc.events = self.coder.code_events(doc);
        Ok(())
    }
}

/// Where shared data lives: `NEWSGRAPH_SHARED`, else `../shared` beside the workspace.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")))
}
