//! Analyses over chunks that event coding needs: predicates (verb chains) with their clause,
//! subject, voice, negation, modality and the reporting verb that frames them.
//!
//! Everything here is rules over chunk and POS sequences, not a parser: it finds the frequent
//! shapes of news sentences ("X accused Y of …", "X were indicted by Y", "X said (that) …",
//! "X is threatening to impose …") and leaves what it cannot read alone, because event coding
//! is precision-first.

use crate::eval::{chunks_of, ChunkSpan};

/// How sure a predicate is to happen, from its modal and control verbs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ModalityKind {
    /// `may`, `might`, `could`.
    Possibility,
    /// `must`, `should`, `have to`.
    Necessity,
    /// `will`, `would`, `is going to`, `is about to`.
    Future,
    /// `wants to`, `plans to`, `seeks to`, `intends to`, `hopes to`, `vows to`, `promises to`.
    Intention,
    /// `threatens to`, `is threatening to`.
    Threat,
    /// `tries to`, `attempts to`.
    Attempt,
    /// `refuses to`, `fails to`, `declines to`.
    Refusal,
    /// `can`, `is able to`.
    Ability,
}

/// A modality cue on a predicate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Modality {
    /// What kind.
    pub kind: ModalityKind,
    /// Token index (in the sentence) of the cue word.
    pub cue: usize,
}

/// A verb chain and what surrounds it in its clause. Token indices are sentence-relative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Predicate {
    /// Tokens of the verb chain (from the first auxiliary to the last verb), `[start, end)`.
    pub chain: (usize, usize),
    /// Every verb token of the chain, in order (auxiliaries, control verbs, the head).
    pub verbs: Vec<usize>,
    /// The main (last) verb.
    pub head: usize,
    /// Token range of the clause this predicate heads.
    pub clause: (usize, usize),
    /// Token range of the subject phrase (NP, with attached PP+NP), when one is found; shared
    /// with the previous predicate for coordinated verbs ("condemned … and promised …").
    pub subject: Option<(usize, usize)>,
    /// `not`, `n't`, `never`, `no longer` in or just before the chain.
    pub negated: bool,
    /// A form of `be`/`get` followed by a past participle head.
    pub passive: bool,
    /// Token range of the `by`-agent NP of a passive predicate.
    pub agent: Option<(usize, usize)>,
    /// Modal and control cues of the chain.
    pub modality: Vec<Modality>,
    /// True when the head is a verb of saying (`say`, `tell`, `report`, `announce`…).
    pub reporting: bool,
    /// Index of the reporting predicate that frames this one ("X said (that) …", "…, X said").
    pub reported_by: Option<usize>,
}

/// Shallow syntax of one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SentenceSyntax {
    /// The words, as given.
    pub words: Vec<String>,
    /// Part-of-speech tags.
    pub pos: Vec<String>,
    /// IOB2 chunk tags.
    pub chunk_tags: Vec<String>,
    /// Chunks.
    pub chunks: Vec<ChunkSpan>,
    /// For each token, the index of its chunk, if any.
    pub token_chunk: Vec<Option<usize>>,
    /// Predicates in text order.
    pub predicates: Vec<Predicate>,
    /// Lower-cased, quote-normalized words, computed once.
    lowered: Vec<String>,
    /// Whether [`repair_verb_only_words`] changed the tags it was given.
    repaired: bool,
}

fn lower(w: &str) -> String {
    crate::tagger::normalize_word(w).to_lowercase()
}

fn is_verb(pos: &str) -> bool {
    pos.starts_with("VB") || pos == "MD"
}

const BE: &[&str] = &[
    "be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m",
];
const GET: &[&str] = &["get", "gets", "got", "gotten", "getting"];
const AUX: &[&str] = &[
    "be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m", "have", "has", "had", "having", "'ve",
    "'d", "do", "does", "did", "will", "would", "shall", "should", "may", "might", "can", "could", "must", "'ll", "wo",
    "ca",
];

/// Verbs of saying: a predicate headed by one frames the clauses it reports.
const REPORTING: &[&str] = &[
    "say",
    "said",
    "says",
    "saying",
    "tell",
    "told",
    "tells",
    "report",
    "reported",
    "reports",
    "announce",
    "announced",
    "announces",
    "add",
    "added",
    "adds",
    "state",
    "stated",
    "states",
    "claim",
    "claimed",
    "claims",
    "note",
    "noted",
    "notes",
    "according",
    "confirm",
    "confirmed",
    "confirms",
    "write",
    "wrote",
    "writes",
    "tweet",
    "tweeted",
    "tweets",
];

/// Control-verb stems and the modality they lend to the verb they govern.
const CONTROL: &[(&str, ModalityKind)] = &[
    ("want", ModalityKind::Intention),
    ("plan", ModalityKind::Intention),
    ("seek", ModalityKind::Intention),
    ("sought", ModalityKind::Intention),
    ("intend", ModalityKind::Intention),
    ("hope", ModalityKind::Intention),
    ("vow", ModalityKind::Intention),
    ("promis", ModalityKind::Intention),
    ("pledg", ModalityKind::Intention),
    ("aim", ModalityKind::Intention),
    ("threat", ModalityKind::Threat),
    ("tri", ModalityKind::Attempt),
    ("try", ModalityKind::Attempt),
    ("attempt", ModalityKind::Attempt),
    ("refus", ModalityKind::Refusal),
    ("fail", ModalityKind::Refusal),
    ("declin", ModalityKind::Refusal),
    ("going", ModalityKind::Future),
    ("about", ModalityKind::Future),
    ("able", ModalityKind::Ability),
    ("have", ModalityKind::Necessity),
    ("has", ModalityKind::Necessity),
    ("need", ModalityKind::Necessity),
];

fn modal_kind(w: &str) -> Option<ModalityKind> {
    Some(match w {
        "may" | "might" | "could" => ModalityKind::Possibility,
        "must" | "should" | "ought" => ModalityKind::Necessity,
        "will" | "would" | "shall" | "'ll" | "wo" => ModalityKind::Future,
        "can" | "ca" => ModalityKind::Ability,
        _ => return None,
    })
}

impl SentenceSyntax {
    /// Builds the analyses from words, POS and IOB2 chunk tags (all the same length).
    pub fn new(words: Vec<String>, pos: Vec<String>, chunk_tags: Vec<String>) -> SentenceSyntax {
        let (mut pos, mut chunk_tags) = (pos, chunk_tags);
        let lowered: Vec<String> = words.iter().map(|w| lower(w)).collect();
        let repaired = repair_verb_only_words(&lowered, &mut pos, &mut chunk_tags);
        let chunks = chunks_of(&chunk_tags);
        let mut token_chunk = vec![None; words.len()];
        for (ci, c) in chunks.iter().enumerate() {
            for t in token_chunk.iter_mut().take(c.end).skip(c.start) {
                *t = Some(ci);
            }
        }
        let mut s = SentenceSyntax {
            lowered,
            words,
            pos,
            chunk_tags,
            chunks,
            token_chunk,
            predicates: Vec::new(),
            repaired,
        };
        s.predicates = find_predicates(&s);
        s
    }

    /// Lower-cased, quote-normalized word `i`.
    pub fn lower(&self, i: usize) -> String {
        self.lowered[i].clone()
    }

    /// True when the analyses changed the POS or chunk tags they were given (a verb-only word
    /// the tagger read as a noun); otherwise [`SentenceSyntax::pos`] and
    /// [`SentenceSyntax::chunk_tags`] are the tagger's own output.
    pub fn tags_repaired(&self) -> bool {
        self.repaired
    }

    /// Lower-cased, quote-normalized word `i`, borrowed.
    pub fn lower_str(&self, i: usize) -> &str {
        &self.lowered[i]
    }

    /// The predicate whose chain contains token `i`.
    pub fn predicate_at(&self, i: usize) -> Option<usize> {
        self.predicates.iter().position(|p| p.chain.0 <= i && i < p.chain.1)
    }

    /// The label of the chunk holding token `i` (`NP`, `VP`, `PP`…), `O` outside chunks.
    pub fn label_at(&self, i: usize) -> &str {
        self.token_chunk
            .get(i)
            .copied()
            .flatten()
            .map_or("O", |c| self.chunks[c].label.as_str())
    }
}

/// Verb forms that are never nouns. After a plural subject the tagger reads "agree" as a noun
/// ("the Philippines and France agree that …" → NN inside the subject NP), and the predicate is
/// lost; these words are verbs wherever they stand.
const VERB_ONLY: &[(&str, &str)] = &[
    ("agree", "VBP"),
    ("agrees", "VBZ"),
    ("disagree", "VBP"),
    ("disagrees", "VBZ"),
    ("condemn", "VBP"),
    ("condemns", "VBZ"),
    ("deplore", "VBP"),
    ("deplores", "VBZ"),
    ("denounce", "VBP"),
    ("denounces", "VBZ"),
    ("criticize", "VBP"),
    ("criticizes", "VBZ"),
    ("criticise", "VBP"),
    ("criticises", "VBZ"),
];

/// Re-tags a [`VERB_ONLY`] word the tagger took for a noun as a verb in a VP chunk of its own,
/// closing the NP it sat in. Returns whether it changed any tag.
fn repair_verb_only_words(lowered: &[String], pos: &mut [String], chunk_tags: &mut [String]) -> bool {
    let mut changed = false;
    for i in 0..lowered.len().min(pos.len()).min(chunk_tags.len()) {
        if !pos[i].starts_with("NN") {
            continue;
        }
        let w = lowered[i].as_str();
        let Some((_, tag)) = VERB_ONLY.iter().find(|(v, _)| *v == w) else {
            continue;
        };
        changed = true;
        pos[i] = (*tag).to_string();
        chunk_tags[i] = "B-VP".to_string();
        if let Some(next) = chunk_tags.get_mut(i + 1) {
            if let Some(rest) = next.strip_prefix("I-NP") {
                *next = format!("B-NP{rest}");
            }
        }
    }
    changed
}

/// Groups VP chunks into verb chains: `is` + `about` + `to restore` or `wants to` + `impose`
/// are one chain, joined across adverbs, particles, `not` and infinitival `to`.
fn verb_chains(s: &SentenceSyntax) -> Vec<(usize, usize)> {
    let mut chains: Vec<(usize, usize)> = Vec::new();
    for c in s.chunks.iter().filter(|c| c.label == "VP") {
        if !(c.start..c.end).any(|i| is_verb(&s.pos[i])) {
            continue;
        }
        if let Some(last) = chains.last_mut() {
            let gap_ok = (last.1..c.start).all(|i| {
                let w = s.lower_str(i);
                matches!(
                    w,
                    "not"
                        | "n't"
                        | "never"
                        | "about"
                        | "to"
                        | "also"
                        | "still"
                        | "already"
                        | "no"
                        | "longer"
                        | "just"
                        | "now"
                        | "again"
                        | "able"
                ) || matches!(s.pos[i].as_str(), "RB" | "RP" | "TO")
            });
            let starts_inf = s.lower_str(c.start) == "to" || (c.start > 0 && s.lower_str(c.start - 1) == "to");
            let last_is_control = {
                let lw = s.lower_str(last.1 - 1);
                AUX.contains(&lw) || CONTROL.iter().any(|(stem, _)| lw.starts_with(stem)) || s.pos[last.1 - 1] == "TO"
            };
            if gap_ok && (starts_inf || last_is_control) {
                last.1 = c.end;
                continue;
            }
        }
        chains.push((c.start, c.end));
    }
    chains
}

fn find_predicates(s: &SentenceSyntax) -> Vec<Predicate> {
    let n = s.words.len();
    let chains = verb_chains(s);
    let mut preds: Vec<Predicate> = Vec::new();
    for (k, &(cs, ce)) in chains.iter().enumerate() {
        let verbs: Vec<usize> = (cs..ce).filter(|&i| is_verb(&s.pos[i])).collect();
        let Some(&head) = verbs.last() else { continue };
        let lw: Vec<&str> = (cs..ce).map(|i| s.lower_str(i)).collect();
        // Negation inside the chain or in the adverbs right before it.
        let mut negated = lw.iter().any(|w| matches!(*w, "not" | "n't" | "never"))
            || lw.windows(2).any(|p| p[0] == "no" && p[1] == "longer");
        let mut j = cs;
        while j > 0 && (s.pos[j - 1].starts_with("RB") || s.lower_str(j - 1) == "no") {
            j -= 1;
            let w = s.lower_str(j);
            if w == "not" || w == "never" || w == "n't" || (w == "no" && s.lower_str(j + 1) == "longer") {
                negated = true;
            }
        }
        let head_pos = s.pos[head].as_str();
        let passive = head_pos == "VBN"
            && verbs[..verbs.len() - 1].iter().any(|&v| {
                let w = s.lower_str(v);
                BE.contains(&w) || GET.contains(&w)
            });
        let mut modality = Vec::new();
        for &v in &verbs[..verbs.len() - 1] {
            let w = s.lower_str(v);
            if let Some(kind) = modal_kind(w) {
                modality.push(Modality { kind, cue: v });
            } else if !BE.contains(&w) && !matches!(w, "do" | "does" | "did") {
                if let Some((_, kind)) = CONTROL.iter().find(|(stem, _)| w.starts_with(stem)) {
                    // "have" and "has" are necessity only before "to" ("has to go").
                    let before_to = v + 1 < n && s.pos[v + 1] == "TO";
                    if !matches!(w, "have" | "has") || before_to {
                        modality.push(Modality { kind: *kind, cue: v });
                    }
                }
            }
        }
        for i in cs..ce {
            if s.lower_str(i) == "about" && i + 1 < ce && s.pos[i + 1] == "TO" {
                modality.push(Modality {
                    kind: ModalityKind::Future,
                    cue: i,
                });
            }
        }
        let hw = s.lower_str(head);
        let reporting = REPORTING.contains(&hw);
        // The clause runs from after the previous chain's clause material to before the next
        // chain's subject; refined below once subjects are known.
        let next_start = chains.get(k + 1).map_or(n, |c| c.0);
        preds.push(Predicate {
            chain: (cs, ce),
            verbs,
            head,
            clause: (cs, next_start),
            subject: None,
            negated,
            passive,
            agent: None,
            modality,
            reporting,
            reported_by: None,
        });
    }
    // Subjects: the NP (with PP+NP attachments) closest before the chain, not crossing the
    // previous chain, a subordinator or a semicolon.
    let mut prev_end = 0usize;
    for pi in 0..preds.len() {
        let (cs, _) = preds[pi].chain;
        let mut subj: Option<(usize, usize)> = None;
        let mut i = cs;
        // Skip adverbs and commas between subject and verb ("the U.S. on Thursday accused").
        while i > prev_end {
            let l = s.label_at(i - 1);
            let w = s.lower_str(i - 1);
            if l == "ADVP" || w == "," || s.pos[i - 1] == "RB" {
                i -= 1;
                continue;
            }
            // "The European Union (EU) agree": a bracketed aside before the verb.
            if w == ")" {
                if let Some(open) = (prev_end..i - 1).rev().find(|&k| s.lower_str(k) == "(") {
                    i = open;
                    continue;
                }
            }
            if l == "NP" && is_time_np(s, i - 1) {
                let start = s.token_chunk[i - 1].map_or(i - 1, |c| s.chunks[c].start).max(prev_end);
                i = start;
                if i > prev_end
                    && matches!(
                        s.lower_str(i - 1),
                        "on" | "in" | "at" | "last" | "this" | "early" | "late"
                    )
                {
                    i -= 1;
                }
                continue;
            }
            break;
        }
        if i > prev_end && s.label_at(i - 1) == "NP" && !is_time_np(s, i - 1) {
            let end = i;
            let mut start = s.token_chunk[i - 1].map_or(i - 1, |c| s.chunks[c].start).max(prev_end);
            // Extend over "NP PP NP" and "NP and NP" to the left.
            loop {
                // "Taiwan 's United Microelectronics": the chunker opens the possessed NP
                // at "'s"; the possessor belongs to the same subject.
                if start >= 1 && start > prev_end && s.pos[start] == "POS" && s.label_at(start - 1) == "NP" {
                    start = s.token_chunk[start - 1]
                        .map_or(start - 1, |c| s.chunks[c].start)
                        .max(prev_end);
                    continue;
                }
                // "Mordor, the awful Arnor, and good Gondor": the comma before a list's last
                // "and" belongs to the list.
                if start >= 3
                    && start - 2 > prev_end
                    && matches!(s.lower_str(start - 1), "and" | "or")
                    && s.lower_str(start - 2) == ","
                    && s.label_at(start - 3) == "NP"
                {
                    start = s.token_chunk[start - 3]
                        .map_or(start - 3, |c| s.chunks[c].start)
                        .max(prev_end);
                    continue;
                }
                if start >= 2 && start > prev_end {
                    let l = s.label_at(start - 1);
                    let w = s.lower_str(start - 1);
                    // A comma joins only list members: "Mordor, Rohan and Bree", not
                    // "… with Gondor, a senior official said".
                    let list = (start..end).any(|j| matches!(s.lower_str(j), "and" | "or"));
                    let joins = (l == "PP" && matches!(w, "of" | "from" | "in" | "for"))
                        || w == "and"
                        || (w == "," && list)
                        || s.pos[start - 1] == "POS";
                    if joins && start >= 2 && s.label_at(start - 2) == "NP" && start - 2 >= prev_end {
                        start = s.token_chunk[start - 2]
                            .map_or(start - 2, |c| s.chunks[c].start)
                            .max(prev_end);
                        continue;
                    }
                }
                break;
            }
            // A subordinator or relative pronoun right before cuts the subject there.
            subj = Some((start, end));
        } else if i > prev_end && matches!(s.pos[i - 1].as_str(), "WDT" | "WP") && pi > 0 {
            subj = None;
        }
        let coordinated =
            subj.is_none() && pi > 0 && i > prev_end && matches!(s.lower_str(i - 1), "and" | "but" | "or" | ",");
        if coordinated {
            subj = preds[pi - 1].subject;
        }
        preds[pi].subject = subj;
        let clause_start = subj.map_or(cs, |(a, _)| a.min(cs));
        preds[pi].clause.0 = clause_start;
        prev_end = preds[pi].chain.1;
    }
    // Clauses end where the next predicate's clause starts, or at a subordinator/semicolon.
    for pi in 0..preds.len() {
        let limit = preds.get(pi + 1).map_or(n, |p| p.clause.0.max(preds[pi].chain.1));
        let mut end = limit;
        for j in preds[pi].chain.1..limit {
            let w = s.lower_str(j);
            if w == ";"
                || (s.label_at(j) == "SBAR" && j > preds[pi].chain.1)
                || (w == "," && j + 1 < limit && s.lower_str(j + 1) == "\"")
            {
                end = j;
                break;
            }
        }
        // Drop a trailing full stop or comma.
        while end > preds[pi].chain.1 && matches!(s.pos[end - 1].as_str(), "." | "," | ":") {
            end -= 1;
        }
        preds[pi].clause.1 = end;
    }
    // Passive agents: "by" + NP inside the clause after the chain.
    for p in preds.iter_mut().filter(|p| p.passive) {
        for j in p.chain.1..p.clause.1 {
            if s.lower_str(j) == "by" && j + 1 < p.clause.1 && s.label_at(j + 1) == "NP" {
                let c = s.token_chunk[j + 1].map_or(j + 1, |c| s.chunks[c].end);
                p.agent = Some((j + 1, c.min(p.clause.1)));
                break;
            }
        }
    }
    // Reported speech: "X said (that) …" frames the predicates after it; "…, X said" frames
    // those before it.
    for ri in 0..preds.len() {
        if !preds[ri].reporting || preds[ri].negated {
            continue;
        }
        let r_start = preds[ri].clause.0;
        let before_is_comma = r_start > 0 && matches!(s.lower_str(r_start - 1), "," | "\"");
        if before_is_comma && ri > 0 {
            for p in preds[..ri].iter_mut() {
                if p.reported_by.is_none() {
                    p.reported_by = Some(ri);
                }
            }
        } else {
            for p in preds[ri + 1..].iter_mut() {
                if p.reported_by.is_none() {
                    p.reported_by = Some(ri);
                }
            }
        }
    }
    preds
}

/// True for an NP that is a time expression ("on Thursday" reaches here as "Thursday").
fn is_time_np(s: &SentenceSyntax, i: usize) -> bool {
    const TIME: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "week",
        "month",
        "year",
        "weekend",
        "morning",
        "night",
        "evening",
        "afternoon",
    ];
    TIME.contains(&s.lower_str(i))
}
