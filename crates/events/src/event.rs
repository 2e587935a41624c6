//! The event record.

use newsgraph_core::Span;
use serde::Serialize;

/// One side of an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventActor {
    /// CAMEO actor code (`USAGOV`, `CHNBUS`, `IGOUNO`).
    pub code: String,
    /// The entity (`E3`) the actor was found through, when the entity layer knew it.
    pub entity: Option<String>,
    /// The words that named the actor (bytes; code points in the output contract).
    pub span: Span,
}

/// Where an event happened, when a place is named in its clause.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventLocation {
    /// The place as written.
    pub name: String,
    /// Its entity, when known.
    pub entity: Option<String>,
    /// Where it is written.
    pub span: Span,
}

/// The words an event was read from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The sentence.
    pub sentence: Span,
    /// The verb (chain head) that the pattern matched.
    pub verb: Span,
}

/// A CAMEO-coded event.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// When: a time expression of the clause (TIMEX3 value), else the publication date.
    pub date: String,
    /// Where, when the clause names a place.
    pub location: Option<EventLocation>,
    /// The words it came from.
    pub evidence: Evidence,
    /// The dictionary rule that fired: `BLOCK - pattern` or `BLOCK verb VERB`.
    pub rule: String,
    /// Modality of the verb chain when coded anyway (`threat`, `intention`, `future`…).
    pub modality: Option<String>,
    /// Heuristic confidence in 0…1.
    pub confidence: f64,
}
