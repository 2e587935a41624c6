//! The annotation layers a [`crate::Doc`] carries. Every span is in bytes of the doc's text.

use serde::{Deserialize, Serialize};

use crate::Span;

/// What kind of token a token is; decided by the tokenizer from its characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or periods (`U.S.`, `don't`).
    Word,
    /// Digits, possibly with separators (`1,200`, `6.5`, `2018-11-02`).
    Number,
    /// Punctuation (`.`, `,`, `“`, `—`).
    Punct,
    /// Symbols (`$`, `%`, `€`, `&`).
    Symbol,
}

/// One token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Where it is.
    pub span: Span,
    /// What it is made of.
    pub kind: TokenKind,
}

/// Entity types of the output contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// People.
    Person,
    /// Companies, agencies, institutions, parties, teams.
    Organization,
    /// Countries, regions, cities, geographic features.
    Location,
    /// Nationalities and demonyms ("Chinese").
    Nationality,
    /// Other named things (events, laws, products, languages).
    Misc,
}

impl EntityType {
    /// The name used in the output contract.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Organization => "ORGANIZATION",
            EntityType::Location => "LOCATION",
            EntityType::Nationality => "NATIONALITY",
            EntityType::Misc => "MISC",
        }
    }
}

/// How an entity is mentioned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A proper name ("Donald Trump", "Trump").
    Name,
    /// A pronoun ("he", "his").
    Pronoun,
    /// A common-noun phrase naming a role ("the president").
    Nominal,
}

/// One mention of an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Where it is.
    pub span: Span,
    /// Name, pronoun or nominal.
    pub kind: MentionKind,
}

/// A gazetteer link for a place (or an organization with a known country).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Link {
    /// GeoNames id, when the place is in GeoNames.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Latitude in degrees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude in degrees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// `country`, `admin1`, `city`, `region`, `organization`.
    pub kind: String,
    /// The gazetteer's name for the thing.
    pub name: String,
}

/// One real-world thing mentioned in an article, with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Article-local id (`E1`, `E2`, …), referenced by quotes and events.
    pub id: String,
    /// Canonical name: the longest proper name among the mentions.
    pub name: String,
    /// Its type.
    pub etype: EntityType,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
    /// Gazetteer link, when linked.
    pub link: Option<Link>,
    /// Titles and roles found next to the name ("Chinese President"), as spans.
    pub titles: Vec<Span>,
}

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period ("Nov. 30", "2018", "last week").
    Date,
    /// A time of day ("3 p.m.", "Thursday night" in some schemes).
    Time,
    /// An amount of time ("six months").
    Duration,
    /// A recurrence ("every morning").
    Set,
}

impl TimexType {
    /// The TimeML name.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A normalized temporal expression (TIMEX3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    /// Where it is.
    pub span: Span,
    /// TIMEX3 type.
    pub ttype: TimexType,
    /// TIMEX3 value (`2018-11-01`, `P6M`, `PAST_REF`, …).
    pub value: String,
    /// TIMEX3 mod (`APPROX`, `START`, …).
    pub modifier: Option<String>,
    /// For SETs: the frequency (`1X`).
    pub freq: Option<String>,
    /// For SETs: the quantifier (`EVERY`).
    pub quant: Option<String>,
}

/// Kinds of quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A whole quoted sentence or more.
    Direct,
    /// Quoted words inside reported speech.
    Partial,
    /// Reported speech without quotation marks.
    Indirect,
}

/// Who said a quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// The speaker's words in the text ("he", "Trump", "four people familiar with the matter").
    pub span: Span,
    /// The entity it resolves to, when it resolves.
    pub entity: Option<String>,
}

/// A quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without quotation marks.
    pub span: Span,
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
    /// Who said it.
    pub speaker: Option<Speaker>,
    /// The cue ("said", "according to").
    pub cue: Option<Span>,
    /// Compound sentiment of the quoted words in [-1, 1], when the tone component ran.
    pub tone: Option<f64>,
}

/// A number with what it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// Where it is.
    pub span: Span,
    /// The value with scale words applied (250000000000 for "$250 billion").
    pub value: f64,
    /// ISO currency code, `%`, or the counted noun.
    pub unit: String,
    /// The noun phrase measured, when found.
    pub object: Option<Span>,
    /// `about`, `more_than`, `less_than`, `at_least`, `up_to`, when qualified.
    pub approx: Option<String>,
    /// For ranges: the upper value (the lower is `value`).
    pub range_to: Option<f64>,
    /// True for percentage points.
    pub percentage_points: bool,
}

/// Tone figures of an article (GDELT GKG tone fields plus a compound score).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Tone {
    /// Positive minus negative score, in percent of words.
    pub tone: f64,
    /// Positive words, in percent of words.
    pub positive: f64,
    /// Negative words, in percent of words.
    pub negative: f64,
    /// Positive plus negative, in percent of words.
    pub polarity: f64,
    /// Activity words, in percent of words.
    pub activity_density: f64,
    /// Self and group pronouns, in percent of words.
    pub self_group_density: f64,
    /// Words counted.
    pub word_count: usize,
    /// Compound sentiment of the article in [-1, 1].
    pub compound: f64,
    /// Compound sentiment of each sentence in [-1, 1], in sentence order.
    pub sentences: Vec<f64>,
}

/// One side of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventActor {
    /// CAMEO actor code (`USAGOV`, `CHNBUS`, `IGOUNO`).
    pub code: String,
    /// The entity (`E3`) the actor was found through, when the entity layer knew it.
    pub entity: Option<String>,
    /// The words that named the actor.
    pub span: Span,
}

/// Where an event happened, when a place is named in its clause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventLocation {
    /// The place as written.
    pub name: String,
    /// Its entity, when known.
    pub entity: Option<String>,
    /// Where it is written.
    pub span: Span,
}

/// A CAMEO-coded event: who did what to whom, when and where, and the words that say so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// CAMEO event code (`041`, `1123`, `173`).
    pub code: String,
    /// Its two-digit root (`04`).
    pub root: String,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// Goldstein conflict–cooperation score (−10 … +10).
    pub goldstein: f64,
    /// Who acts.
    pub source: EventActor,
    /// Who is acted on.
    pub target: EventActor,
    /// When: the TIMEX3 value of a time expression of the clause, else the publication date.
    pub date: String,
    /// Where, when the clause names a place.
    pub location: Option<EventLocation>,
    /// The sentence the event was read from.
    pub sentence: Span,
    /// The verb (chain head) that the pattern matched.
    pub verb: Span,
    /// The dictionary rule that fired (`BLOCK - pattern` or `BLOCK verb VERB`).
    pub rule: String,
    /// Modality of the verb chain when coded anyway (`threat`, `intention`, `future`…).
    pub modality: Option<String>,
    /// Heuristic confidence in 0…1.
    pub confidence: f64,
}
