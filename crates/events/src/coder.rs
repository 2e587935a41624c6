//! Event coding over shallow syntax: find the verb of each predicate in the CAMEO verb
//! dictionary, choose the code from its best-matching phrase pattern, take the source from
//! the subject (or the `by` agent of a passive, or the reporter of a reported passive) and the
//! target from the first actor after the verb.

use newsgraph_core::{Event, EventActor, EventLocation, Span};
use newsgraph_syntax::{ModalityKind, Predicate, SentenceSyntax};

use crate::actors::{combine, ActorMention, MentionKind};
use crate::dict::{Ctx, Elem, VerbDict};
use crate::tables::{goldstein, quad_class};

/// How eager the coder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Precision first: no events under possibility, intention or refusal modality; no
    /// actor-less agents (`---GOV`); targets only inside the clause and its complement.
    #[default]
    Conservative,
    /// Recall first: code modal predicates too and accept agents without a country.
    Recall,
}

/// One sentence prepared for coding.
pub struct SentenceInput<'a> {
    /// Shallow syntax.
    pub syntax: &'a SentenceSyntax,
    /// Upper-cased tokens.
    pub upper: &'a [String],
    /// Byte span of each token.
    pub spans: &'a [Span],
    /// Byte span of the sentence.
    pub sentence: Span,
    /// Actors and agents found in the sentence, in order, not overlapping.
    pub mentions: &'a [ActorMention],
    /// Time expressions in the sentence: (first token, value).
    pub timexes: &'a [(usize, String)],
    /// Places in the sentence: (token range, name, entity).
    pub places: &'a [(usize, usize, String, Option<String>)],
    /// The date used when the clause has no time expression (publication date).
    pub default_date: &'a str,
}

/// A resolved actor on one side of an event.
#[derive(Debug, Clone)]
struct Side {
    code: String,
    entity: Option<String>,
    start: usize,
    end: usize,
    from_entity: bool,
}

const AUX_WORDS: &[&str] = &[
    "BE", "IS", "ARE", "WAS", "WERE", "BEEN", "BEING", "AM", "'S", "'RE", "'M", "HAVE", "HAS", "HAD", "HAVING", "'VE",
    "'D", "DO", "DOES", "DID", "WILL", "WOULD", "SHALL", "SHOULD", "MAY", "MIGHT", "CAN", "COULD", "MUST", "'LL", "WO",
    "CA", "GET", "GETS", "GOT", "GOTTEN",
];

fn word_ok(tok: &str, text: &str, exact: bool) -> bool {
    // Most candidates differ in the first byte: decide that without a call to memcmp.
    if tok.as_bytes().first() != text.as_bytes().first() {
        return false;
    }
    if exact {
        tok == text
    } else {
        tok.starts_with(text)
    }
}

/// Matches a synonym-set member or pattern fragment at `at`, contiguously; returns its length.
fn match_seq(d: &VerbDict, elems: &[Elem], toks: &[String], at: usize, limit: usize, depth: u8) -> Option<usize> {
    let mut i = at;
    for e in elems {
        match e {
            Elem::Word { text, exact, .. } => {
                if i >= limit || !word_ok(&toks[i], text, *exact) {
                    return None;
                }
                i += 1;
            }
            Elem::Synset { name, .. } => {
                let n = match_synset(d, name, toks, i, limit, depth)?;
                i += n;
            }
            Elem::Source | Elem::Target => {}
        }
    }
    Some(i - at)
}

fn match_synset(d: &VerbDict, name: &str, toks: &[String], at: usize, limit: usize, depth: u8) -> Option<usize> {
    if depth > 3 {
        return None;
    }
    if let (Some(init), Some(t)) = (d.initials.get(name), toks.get(at)) {
        if !t.as_bytes().first().is_some_and(|&b| init[b as usize]) {
            return None;
        }
    }
    let members = d.synsets.get(name)?;
    members
        .iter()
        .filter_map(|m| match_seq(d, m, toks, at, limit, depth + 1))
        .max()
}

/// True when words `[j, j + n)` fall where `ctx` wants them (see [`Ctx`]).
fn ctx_ok(s: &SentenceSyntax, ctx: Ctx, j: usize, n: usize) -> bool {
    if n == 0 || ctx == Ctx::Any {
        return true;
    }
    let last = j + n - 1;
    let in_np = (j..=last).all(|k| s.label_at(k) == "NP");
    match ctx {
        Ctx::Any => true,
        Ctx::Np => in_np,
        Ctx::Prep => matches!(s.pos[j].as_str(), "IN" | "TO") || s.label_at(j) == "PP",
        Ctx::Head | Ctx::PpHead => {
            let Some(c) = s.token_chunk[last] else { return false };
            let chunk = &s.chunks[c];
            in_np
                && chunk.end == last + 1
                // A bare word names the verb's own object, not a preposition's.
                && (ctx == Ctx::PpHead || chunk.start == 0 || s.label_at(chunk.start - 1) != "PP")
        }
    }
}

/// Matches pattern elements in order within `[from, to)`, gaps allowed unless an element is
/// joined to the previous one, each where its [`Ctx`] wants it. Returns (words matched,
/// position after the last match, the position recorded at `+`/`$`).
fn match_side(
    d: &VerbDict,
    s: &SentenceSyntax,
    elems: &[Elem],
    toks: &[String],
    from: usize,
    to: usize,
) -> Option<(usize, usize, Option<usize>, Option<usize>)> {
    let mut pos = from;
    let mut score = 0;
    let mut target_at = None;
    let mut source_at = None;
    let mut first = true;
    for e in elems {
        match e {
            Elem::Target => target_at = Some(pos),
            Elem::Source => source_at = Some(pos),
            Elem::Word { joined, ctx, .. } | Elem::Synset { joined, ctx, .. } => {
                let must_adjoin = *joined && !first;
                // A synonym set's first-byte filter, looked up once rather than at every position.
                let initials = match e {
                    Elem::Synset { name, .. } => d.initials.get(name),
                    _ => None,
                };
                let mut found = None;
                let mut j = pos;
                while j < to {
                    let may_start =
                        initials.is_none_or(|init| toks[j].as_bytes().first().is_some_and(|&b| init[b as usize]));
                    if !may_start {
                        if must_adjoin {
                            break;
                        }
                        j += 1;
                        continue;
                    }
                    if let Some(n) = match_seq(d, std::slice::from_ref(e), toks, j, to, 0) {
                        if ctx_ok(s, *ctx, j, n) {
                            found = Some((j, n));
                            break;
                        }
                    }
                    if must_adjoin {
                        break;
                    }
                    j += 1;
                }
                let (j, n) = found?;
                pos = j + n;
                score += n.max(1);
                first = false;
            }
        }
    }
    Some((score, pos, target_at, source_at))
}

/// The code chosen for a verb in context.
#[derive(Debug, Clone)]
struct Coded {
    code: String,
    reverse: Option<String>,
    rule: String,
    pattern: bool,
    target_from: Option<usize>,
    source_after: Option<usize>,
}

/// The codes a verb can take in context, best first: every matching pattern (more matched
/// words first; earlier candidates, i.e. user dictionaries and file order, win ties), then the
/// verb's or its block's default. A pattern is only a candidate: one whose target slot (`+`)
/// holds no actor does not apply, and the next one is tried (see `code_sentence`).
fn code_verb(
    d: &VerbDict,
    s: &SentenceSyntax,
    toks: &[String],
    v: usize,
    clause_start: usize,
    post_end: usize,
) -> Option<(Vec<Coded>, usize)> {
    let cands = d.forms.get(&toks[v])?;
    // Multi-word forms whose particles follow ("CALLED OFF") beat single words.
    let fits = |f: &crate::dict::VerbForm| {
        f.particles
            .iter()
            .enumerate()
            .all(|(k, p)| toks.get(v + 1 + k).is_some_and(|t| t == p))
    };
    let most = cands
        .iter()
        .filter(|(_, f)| fits(f))
        .map(|(_, f)| f.particles.len())
        .max()?;
    let cands: Vec<&(usize, crate::dict::VerbForm)> = cands
        .iter()
        .filter(|(_, f)| fits(f) && f.particles.len() == most)
        .collect();
    let after = v + 1 + most;
    let mut matched: Vec<(usize, Coded)> = Vec::new();
    for (bi, f) in &cands {
        for p in d.blocks[*bi]
            .patterns
            .iter()
            .filter(|p| p.verb.is_none_or(|v| v == f.lemma))
        {
            let pre = if p
                .pre
                .iter()
                .any(|e| matches!(e, Elem::Word { .. } | Elem::Synset { .. }))
            {
                match match_side(d, s, &p.pre, toks, clause_start, v) {
                    Some((s, _, _, _)) => s,
                    None => continue,
                }
            } else {
                0
            };
            let Some((post, _, t_at, s_at)) = match_side(d, s, &p.post, toks, after, post_end) else {
                continue;
            };
            let score = pre + post;
            if score == 0 {
                continue;
            }
            matched.push((
                score,
                Coded {
                    code: p.code.clone(),
                    reverse: p.reverse.clone(),
                    rule: p.text.clone(),
                    pattern: true,
                    target_from: t_at,
                    source_after: s_at,
                },
            ));
        }
    }
    // Stable: equal scores keep dictionary order.
    matched.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    let mut out: Vec<Coded> = matched.into_iter().map(|(_, c)| c).collect();
    // The verb's own code, else its block's, from the first candidate that has a valid one.
    let mut fallback = None;
    for (bi, f) in &cands {
        let block = &d.blocks[*bi];
        let verb = &block.verbs[f.lemma];
        let (code, reverse) = verb.code.clone().unwrap_or_else(|| block.code.clone());
        let c = Coded {
            code,
            reverse,
            rule: format!("{} verb {}", block.name, verb.base),
            pattern: false,
            target_from: None,
            source_after: None,
        };
        if valid_code(&c.code) {
            fallback = Some(c);
            break;
        }
        fallback.get_or_insert(c);
    }
    out.extend(fallback);
    // Codes outside CAMEO (test codes of the validation dictionaries) are no candidates; the
    // null code stays, since it deliberately silences the verb.
    out.retain(|c| codes_something(c) || c.code.trim_matches('-').is_empty());
    Some((out, after))
}

/// Nouns of starting again or bettering diplomatic cooperation ("the resumption of ties").
const RESTORATION_NOUNS: &[&str] = &[
    "resumption",
    "restoration",
    "renewal",
    "re-establishment",
    "reestablishment",
    "establishment",
    "normalization",
    "normalisation",
    "upgrading",
    "upgrade",
    "improvement",
];
/// Heads naming diplomatic relations.
const TIE_NOUNS: &[&str] = &["ties", "relations", "relationship"];

/// Codes that depend on the verb's object rather than on the verb alone.
///
/// - A verb of approval (a `05x` code: welcome, hail, praise, back) whose object is the
///   resumption of diplomatic ties ("welcomed the resumption of formal diplomatic ties with
///   Y") reports diplomatic cooperation, CAMEO 050 ("initiate, resume, improve, or expand
///   diplomatic … cooperation"), toward the partners named after it.
/// - A meeting (040 from the verb alone: "met", "arrived in") is mutual: both sides consult,
///   so the reverse event is coded too, as CAMEO does for its other meeting codes (`036:036`),
///   except for movement away from the target ("departed from Y").
fn refine_code(c: &mut Coded, s: &SentenceSyntax, after: usize, post_end: usize) {
    if c.code.starts_with("05") && c.code != "050" {
        let end = post_end.min(s.words.len());
        // The object NP right after the verb, then "of" + an NP headed by ties/relations.
        if let Some(ci) = s.token_chunk.get(after).copied().flatten() {
            let np = &s.chunks[ci];
            let head = np.end - 1;
            if np.label == "NP"
                && RESTORATION_NOUNS.contains(&s.lower_str(head))
                && np.end + 1 < end
                && s.lower_str(np.end) == "of"
            {
                if let Some(oi) = s.token_chunk.get(np.end + 1).copied().flatten() {
                    let obj = &s.chunks[oi];
                    if obj.label == "NP" && obj.end <= end && TIE_NOUNS.contains(&s.lower_str(obj.end - 1)) {
                        c.code = "050".to_string();
                        c.reverse = None;
                        c.rule = format!(
                            "{} / object: {} of {}",
                            c.rule,
                            s.lower_str(head),
                            s.lower_str(obj.end - 1)
                        );
                    }
                }
            }
        }
    }
    // Leaving a place ("departed from Y", "returned from Y") is one-sided: nobody met the
    // source, so a "from" right after the verb keeps the event one-way.
    let away = after < s.words.len() && s.lower_str(after) == "from";
    if c.code == "040" && c.reverse.is_none() && !c.pattern && !away {
        c.reverse = Some("040".to_string());
    }
}

fn codes_something(c: &Coded) -> bool {
    valid_code(&c.code) || c.reverse.as_deref().is_some_and(valid_code)
}

/// A CAMEO event code: 2–4 digits whose first two are one of the twenty roots. The
/// validation dictionaries also hold test codes outside CAMEO (`901`, `345`); a pattern with
/// one cannot make an event, so it does not stop the next candidate from applying.
fn valid_code(c: &str) -> bool {
    c.len() >= 2 && c.len() <= 4 && c.bytes().all(|b| b.is_ascii_digit()) && c.get(..2).and_then(quad_class).is_some()
}

/// Actors named in `[from, to)`: each actor mention combined with the agents of its phrase.
/// Returns the compound list (one side per actor).
fn sides_in(input: &SentenceInput<'_>, from: usize, to: usize, mode: Mode) -> Vec<Side> {
    let ms: Vec<&ActorMention> = input
        .mentions
        .iter()
        .filter(|m| m.start >= from && m.end <= to)
        .collect();
    let agents: Vec<(&str, bool)> = ms
        .iter()
        .filter_map(|m| match &m.kind {
            MentionKind::Agent { code, suffix } => Some((code.as_str(), *suffix)),
            _ => None,
        })
        .collect();
    let agent_spans: Vec<(usize, usize)> = ms
        .iter()
        .filter(|m| matches!(m.kind, MentionKind::Agent { .. }))
        .map(|m| (m.start, m.end))
        .collect();
    let actor_after = |at: usize| {
        ms.iter()
            .any(|m| matches!(m.kind, MentionKind::Actor(_)) && m.start >= at)
    };
    let s = input.syntax;
    let mut out: Vec<Side> = Vec::new();
    for m in &ms {
        if let MentionKind::Actor(code) = &m.kind {
            // "Ithilen and the government of Gondor": an agent with an actor of its own after it
            // does not reach back across "and" to an earlier conjunct ("Danish media and
            // government" still do: nothing follows them).
            let applies = |k: usize| {
                let (a, _) = agent_spans[k];
                !(m.end <= a
                    // A coordinator between phrases, not one inside a noun phrase ("Ithilen 's
                    // awful and evil minister").
                    && (m.end..a).any(|j| matches!(s.lower_str(j), "and" | "or") && s.label_at(j) != "NP")
                    && actor_after(agent_spans[k].1))
            };
            let keep: Vec<usize> = (0..agents.len()).filter(|&k| applies(k)).collect();
            let my_spans: Vec<(usize, usize)> = keep.iter().map(|&k| agent_spans[k]).collect();
            let my_agents: Vec<(&str, bool)> = keep.iter().map(|&k| agents[k]).collect();
            let agent_sets = agent_alternatives(input, &my_spans, &my_agents);
            // A bare country from the entity layer takes the roles of its phrase ("a Chinese
            // state-owned company"); a person or body coded by the entity layer already has them.
            let codes: Vec<String> = if m.entity.is_none() || code.len() == 3 {
                agent_sets.iter().map(|set| combine(code, set)).collect()
            } else {
                vec![code.clone()]
            };
            for code in codes {
                if let Some(prev) = out.iter_mut().find(|s| s.code == code) {
                    // "U.S. President Donald Trump": one actor; keep the entity's words and link.
                    if prev.entity.is_none() && m.entity.is_some() {
                        prev.entity = m.entity.clone();
                        prev.start = m.start;
                        prev.end = m.end;
                        prev.from_entity = true;
                    }
                    continue;
                }
                out.push(Side {
                    code,
                    entity: m.entity.clone(),
                    start: m.start,
                    end: m.end,
                    from_entity: m.entity.is_some(),
                });
            }
        }
    }
    // "U.S. President Donald Trump": the country and the person coded with it are one actor.
    let same_chunk = |a: usize, b: usize| {
        let tc = &input.syntax.token_chunk;
        tc.get(a).copied().flatten().is_some() && tc.get(a).copied().flatten() == tc.get(b).copied().flatten()
    };
    let snapshot = out.clone();
    out.retain(|x| {
        !snapshot
            .iter()
            .any(|y| y.code.len() > x.code.len() && y.code.starts_with(&x.code) && same_chunk(x.start, y.start))
    });
    if out.is_empty() && mode == Mode::Recall {
        if let Some(first) = ms.first() {
            if !agents.is_empty() {
                out.push(Side {
                    code: combine("---", &agents),
                    entity: None,
                    start: first.start,
                    end: ms.last().map_or(first.end, |m| m.end),
                    from_entity: false,
                });
            }
        }
    }
    out
}

/// The role sets of a phrase's agents. Agents in a row stack ("Islamist media": `MUS`+`MED`);
/// agents coordinated by "and", "or" or a comma are alternatives, each an actor of its own
/// ("lawmakers and officials in Arnor": `ARNLEG` and `ARNGOV`), sharing the stacked roles
/// before the first of them ("Danish Islamist media and government": `DNKMUSMED`,
/// `DNKMUSGOV`). One set (possibly empty) when nothing is coordinated.
fn agent_alternatives<'a>(
    input: &SentenceInput<'_>,
    spans: &[(usize, usize)],
    agents: &[(&'a str, bool)],
) -> Vec<Vec<(&'a str, bool)>> {
    let s = input.syntax;
    // Segments of agents separated by coordination.
    let mut segments: Vec<Vec<(&'a str, bool)>> = Vec::new();
    for (k, a) in agents.iter().enumerate() {
        let coordinated = k > 0 && {
            let (gap_from, gap_to) = (spans[k - 1].1, spans[k].0);
            gap_to > gap_from
                && (gap_from..gap_to).any(|j| matches!(s.lower_str(j), "and" | "or" | ","))
                && (gap_from..gap_to).all(|j| matches!(s.lower_str(j), "and" | "or" | "," | "the" | "its" | "their"))
        };
        match segments.last_mut() {
            Some(seg) if !coordinated => seg.push(*a),
            _ => segments.push(vec![*a]),
        }
    }
    if segments.len() < 2 {
        return vec![agents.to_vec()];
    }
    // Roles stacked before the first alternative are shared.
    let first = &segments[0];
    let shared: Vec<(&'a str, bool)> = first[..first.len() - 1].to_vec();
    segments
        .iter()
        .enumerate()
        .map(|(i, seg)| {
            let mut set = shared.clone();
            set.extend(if i == 0 { &seg[seg.len() - 1..] } else { &seg[..] });
            set
        })
        .collect()
}

/// The first actor at or after `from` (before `to`) and the actors coordinated with it
/// ("Gondor and Arnor"), each with the agents of its own noun phrase.
fn target_sides(
    input: &SentenceInput<'_>,
    from: usize,
    to: usize,
    exclude: &[String],
    mode: Mode,
    skip_places: bool,
) -> Vec<Side> {
    let s = input.syntax;
    let np_range = |i: usize| -> (usize, usize) {
        match s.token_chunk.get(i).copied().flatten() {
            Some(c) if s.chunks[c].label == "NP" => {
                let mut a = s.chunks[c].start;
                let mut b = s.chunks[c].end;
                // "the ambassadors of Arnor": the agent NP before "of" belongs to the actor.
                if a >= 2 && s.lower_str(a - 1) == "of" {
                    if let Some(pc) = s.token_chunk[a - 2] {
                        if s.chunks[pc].label == "NP" {
                            a = s.chunks[pc].start;
                        }
                    }
                }
                // "Gondor 's government": the possessed NP belongs to the actor.
                if b < s.words.len() && s.pos[b] == "POS" {
                    if let Some(nc) = s.token_chunk.get(b + 1).copied().flatten() {
                        if s.chunks[nc].label == "NP" {
                            b = s.chunks[nc].end;
                        }
                    }
                }
                (a, b)
            }
            _ => (i, i + 1),
        }
    };
    // "said at an event in Washington": for a verb of saying, a place named after a locative
    // preposition is where, not whom. (Other verbs keep it: PETRARCH codes "criticized the
    // closure of guest houses in Bree" against Bree.)
    let locative = |m: &ActorMention| {
        let c = s
            .token_chunk
            .get(m.start)
            .copied()
            .flatten()
            .map_or(m.start, |c| s.chunks[c].start);
        skip_places && c > from && matches!(s.lower_str(c - 1), "in" | "at" | "near" | "inside")
    };
    let first = input
        .mentions
        .iter()
        .position(|m| m.start >= from && m.end <= to && matches!(m.kind, MentionKind::Actor(_)) && !locative(m));
    let Some(fi) = first else {
        if mode == Mode::Recall {
            return sides_in(input, from, to, mode);
        }
        return Vec::new();
    };
    let mut out: Vec<Side> = Vec::new();
    let mut last_end = input.mentions[fi].start;
    for m in &input.mentions[fi..] {
        if m.end > to {
            break;
        }
        let MentionKind::Actor(_) = m.kind else { continue };
        // Coordinated only across list words.
        let gap_ok = (last_end..m.start).all(|j| {
            matches!(s.lower_str(j), "," | "and" | "or" | "the" | "both" | "'s" | "of")
                || s.token_chunk[j] == s.token_chunk[m.start.min(s.words.len() - 1)]
        });
        if !out.is_empty() && !gap_ok {
            break;
        }
        let (a, b) = np_range(m.start);
        let mut sides = sides_in(input, a.min(m.start), b.max(m.end), mode);
        sides.retain(|x| x.start == m.start);
        for x in sides {
            if !exclude.contains(&x.code) && !out.iter().any(|o| o.code == x.code) {
                out.push(x);
            }
        }
        last_end = m.end.max(b.min(to));
        if last_end < m.end {
            last_end = m.end;
        }
    }
    out
}

fn modality_name(k: ModalityKind) -> &'static str {
    match k {
        ModalityKind::Possibility => "possibility",
        ModalityKind::Necessity => "necessity",
        ModalityKind::Future => "future",
        ModalityKind::Intention => "intention",
        ModalityKind::Threat => "threat",
        ModalityKind::Attempt => "attempt",
        ModalityKind::Refusal => "refusal",
        ModalityKind::Ability => "ability",
    }
}

fn event_date(input: &SentenceInput<'_>, p: &Predicate, from: usize) -> String {
    let (_, b) = p.clause;
    // "On Thursday, the U.S. accused …": a time phrase fronted before the subject belongs to
    // the first clause after it.
    let a = from;
    let best = input
        .timexes
        .iter()
        .filter(|(t, _)| *t >= a && *t < b.max(p.chain.1 + 1))
        .min_by_key(|(t, _)| t.abs_diff(p.head));
    best.map_or_else(|| input.default_date.to_string(), |(_, v)| v.clone())
}

fn location(input: &SentenceInput<'_>, p: &Predicate, used: &[(usize, usize)]) -> Option<EventLocation> {
    let (a, b) = p.clause;
    input
        .places
        .iter()
        .filter(|(s, e, _, _)| *s >= a && *e <= b && !used.iter().any(|(x, y)| s < y && x < e))
        .find(|(s, _, _, _)| *s > 0 && matches!(input.syntax.lower_str(s - 1), "in" | "at" | "near" | "to"))
        .map(|(s, e, name, ent)| EventLocation {
            name: name.clone(),
            entity: ent.clone(),
            span: Span::new(input.spans[*s].start, input.spans[e - 1].end),
        })
}

/// Codes every predicate of one sentence.
pub fn code_sentence(d: &VerbDict, input: &SentenceInput<'_>, mode: Mode, previous: &[Event]) -> Vec<Event> {
    let s = input.syntax;
    let toks = input.upper;
    let n = toks.len();
    let mut out = Vec::new();
    // Every side of an event is an actor mentioned in this sentence (`sides_in`) or a target of
    // the previous sentence's events (`anaphoric_targets`): with neither, no predicate can be
    // coded, and matching its verb's patterns would be most of the coder's work for nothing.
    if input.mentions.is_empty() && previous.is_empty() {
        return out;
    }
    for (pi, p) in s.predicates.iter().enumerate() {
        if p.negated {
            continue;
        }
        // "if Trump is easing up on …", "whether China will …": not asserted to happen.
        let cs = p.clause.0.min(p.chain.0);
        if mode == Mode::Conservative && cs > 0 && matches!(s.lower_str(cs - 1), "if" | "unless" | "whether" | "until")
        {
            continue;
        }
        let modality = p.modality.iter().map(|m| m.kind).find(|k| *k != ModalityKind::Future);
        // Where a target may be: after the verb, up to the next predicate's verb chain, a
        // semicolon, or the reporting clause that frames this predicate.
        let mut post_end = s.predicates.get(pi + 1).map_or(n, |q| q.chain.0);
        if let Some(r) = p.reported_by.filter(|&r| r > pi) {
            post_end = post_end.min(s.predicates[r].clause.0);
        }
        if let Some(k) = (p.chain.1..post_end).find(|&k| toks[k] == ";") {
            post_end = k;
        }
        let clause_start = p.clause.0.min(p.chain.0);
        // The first lexical verb of the chain with a code wins ("threatening to impose").
        let mut coded: Option<(Vec<Coded>, usize, usize)> = None;
        for &v in &p.verbs {
            if AUX_WORDS.contains(&toks[v].as_str()) {
                continue;
            }
            if let Some((cs, after)) = code_verb(d, s, toks, v, clause_start, post_end) {
                // The best candidate decides whether the verb codes at all: a pattern with
                // the null code ("- * HARVEST [---]") silences the verb.
                if cs.first().is_some_and(codes_something) {
                    coded = Some((cs, v, after));
                    break;
                }
            }
        }
        let Some((cands, v, after)) = coded else { continue };
        let verb_is_control = v != p.head;
        if let Some(k) = modality {
            let blocked = matches!(
                k,
                ModalityKind::Possibility | ModalityKind::Refusal | ModalityKind::Intention | ModalityKind::Attempt
            ) && !verb_is_control;
            if blocked && mode == Mode::Conservative {
                continue;
            }
        }
        // Sides.
        let subject = p.subject.map(|(a, b)| sides_in(input, a, b, mode)).unwrap_or_default();
        let exclude: Vec<String> = subject.iter().map(|x| x.code.clone()).collect();
        // The first candidate whose target slot, if it has one, holds an actor ("condemned an
        // attack by X on Thursday" is not "- * ATTACK ON +": nobody follows ON).
        let chosen = cands.iter().position(|c| {
            c.target_from.is_none_or(|from| {
                p.passive || !target_sides(input, from, post_end, &exclude, mode, p.reporting).is_empty()
            })
        });
        let Some(c) = chosen.map(|i| &cands[i]) else { continue };
        if !codes_something(c) {
            continue;
        }
        let mut c = c.clone();
        refine_code(&mut c, s, after, post_end);
        let (sources, targets, passive_src) = if p.passive {
            let mut agent = p.agent.map(|(a, b)| sides_in(input, a, b, mode)).unwrap_or_default();
            if agent.is_empty() {
                agent = passive_from_source(input, p, after, mode);
            }
            let src = if agent.is_empty() {
                // "X were indicted …, the Justice Department said": the reporter acts.
                p.reported_by
                    .and_then(|r| s.predicates[r].subject)
                    .map(|(a, b)| sides_in(input, a, b, mode))
                    .unwrap_or_default()
            } else {
                agent
            };
            (src, subject, true)
        } else {
            let from = c.target_from.unwrap_or(after);
            let mut t = target_sides(input, from, post_end, &exclude, mode, p.reporting);
            if t.is_empty() {
                t = reduced_relative_targets(input, pi, post_end, &exclude, mode);
            }
            if t.is_empty() {
                t = anaphoric_targets(input, from, post_end, previous, &exclude);
            }
            if c.source_after.is_some() && t.is_empty() {
                t = Vec::new();
            }
            (subject, t, false)
        };
        let mut pairs: Vec<(Side, Side)> = Vec::new();
        if !sources.is_empty() && !targets.is_empty() {
            for a in &sources {
                for b in &targets {
                    if a.code != b.code {
                        pairs.push((a.clone(), b.clone()));
                    }
                }
            }
        } else if targets.is_empty() && sources.len() >= 2 && !passive_src {
            // "Gondor and Osgiliath have renewed ties": each with each.
            for a in &sources {
                for b in &sources {
                    if a.code != b.code {
                        pairs.push((a.clone(), b.clone()));
                    }
                }
            }
        }
        if pairs.is_empty() {
            continue;
        }
        let date_from = if pi == 0 { 0 } else { p.clause.0 };
        let date = event_date(input, p, date_from);
        let used: Vec<(usize, usize)> = pairs
            .iter()
            .flat_map(|(a, b)| [(a.start, a.end), (b.start, b.end)])
            .collect();
        let loc = location(input, p, &used);
        let verb_span = input.spans[v];
        let mk = |code: &str, a: &Side, b: &Side| -> Option<Event> {
            if !valid_code(code) {
                return None;
            }
            let root = code.get(..2)?.to_string();
            let mut conf: f64 = if c.pattern { 0.8 } else { 0.65 };
            if a.from_entity || b.from_entity {
                conf -= 0.05;
            }
            if p.reported_by.is_some() {
                conf -= 0.05;
            }
            if modality.is_some() {
                conf -= 0.1;
            }
            Some(Event {
                code: code.to_string(),
                quad_class: quad_class(&root)?,
                goldstein: goldstein(code).unwrap_or(0.0),
                root,
                source: side_actor(input, a),
                target: side_actor(input, b),
                date: date.clone(),
                location: loc.clone(),
                sentence: input.sentence,
                verb: verb_span,
                rule: c.rule.clone(),
                modality: modality.map(|k| modality_name(k).to_string()),
                confidence: (conf * 100.0).round() / 100.0,
            })
        };
        for (a, b) in &pairs {
            if let Some(e) = mk(&c.code, a, b) {
                out.push(e);
            }
            if let Some(r) = &c.reverse {
                if let Some(e) = mk(r, b, a) {
                    out.push(e);
                }
            }
        }
    }
    // One event per (source, target, code) and sentence.
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|e| seen.insert((e.source.code.clone(), e.target.code.clone(), e.code.clone(), e.verb)));
    out
}

/// "boycotted the parade supporting Gondor", "cordoned off the roads leading into Mordor": when
/// the object NP is followed by a participle that modifies it (a reduced relative clause) or an
/// infinitive of purpose ("signed an accord to supply Gondor"), the actor named in that phrase
/// is what the object is about, and the target.
fn reduced_relative_targets(
    input: &SentenceInput<'_>,
    pi: usize,
    post_end: usize,
    exclude: &[String],
    mode: Mode,
) -> Vec<Side> {
    let s = input.syntax;
    let Some(q) = s.predicates.get(pi + 1) else {
        return Vec::new();
    };
    let (qs, qe) = q.chain;
    let participle = q.verbs.len() == 1 && matches!(s.pos[q.head].as_str(), "VBG" | "VBN");
    // "signed an accord on Thursday to supply Gondor": an infinitive after the object says
    // what the object is for.
    let infinitive = q.verbs.len() == 1 && s.pos[q.head] == "VB" && s.pos[qs] == "TO";
    if !(participle || infinitive) || qs != post_end || qs == 0 || s.label_at(qs - 1) != "NP" {
        return Vec::new();
    }
    // Up to the participle's own clause end, and never past the next predicate.
    let end = s
        .predicates
        .get(pi + 2)
        .map_or(q.clause.1, |r| r.chain.0.min(q.clause.1));
    target_sides(input, qe, end.max(qe), exclude, mode, false)
}

/// "was freed from Barad-dur", "were expelled from Gondor", "was extradited from Y": with no
/// `by`-agent, an actor in a `from` phrase right after a passive verb is where the act came
/// from, and its source (as PETRARCH reads `by` and `from` phrases of passives alike).
fn passive_from_source(input: &SentenceInput<'_>, p: &Predicate, after: usize, mode: Mode) -> Vec<Side> {
    let s = input.syntax;
    let at = after.max(p.chain.1);
    if at + 1 >= s.words.len() || s.lower_str(at) != "from" || s.label_at(at + 1) != "NP" {
        return Vec::new();
    }
    let end = s.token_chunk[at + 1].map_or(at + 2, |c| s.chunks[c].end);
    sides_in(input, at + 1, end, mode)
}

fn side_actor(input: &SentenceInput<'_>, s: &Side) -> EventActor {
    let end = s.end.max(s.start + 1).min(input.spans.len());
    EventActor {
        code: s.code.clone(),
        entity: s.entity.clone(),
        span: Span::new(input.spans[s.start].start, input.spans[end - 1].end),
    }
}

/// Plural definite nouns that refer back to the actors of the previous sentence ("the
/// companies", "the two firms"): the head noun and the role code it must carry.
const PLURAL_ANAPHORS: &[(&str, &str)] = &[
    ("companies", "BUS"),
    ("firms", "BUS"),
    ("businesses", "BUS"),
    ("governments", "GOV"),
    ("countries", ""),
    ("nations", ""),
];

/// "The U.S. also sued to stop the companies …": when the object is a plural definite noun
/// and the previous sentence had two or more targets of that kind, those are the targets.
fn anaphoric_targets(
    input: &SentenceInput<'_>,
    from: usize,
    to: usize,
    previous: &[Event],
    exclude: &[String],
) -> Vec<Side> {
    let s = input.syntax;
    let Some(k) = (from..to.min(s.words.len())).find(|&k| s.label_at(k) == "NP") else {
        return Vec::new();
    };
    let Some(c) = s.token_chunk[k] else { return Vec::new() };
    let chunk = &s.chunks[c];
    let head = s.lower_str(chunk.end - 1);
    let definite = matches!(s.lower_str(chunk.start), "the" | "these" | "those" | "both");
    let Some((_, role)) = PLURAL_ANAPHORS.iter().find(|(n, _)| *n == head) else {
        return Vec::new();
    };
    if !definite {
        return Vec::new();
    }
    let mut out: Vec<Side> = Vec::new();
    for e in previous {
        let t = &e.target;
        if !t.code.ends_with(role) || exclude.contains(&t.code) || out.iter().any(|o| o.code == t.code) {
            continue;
        }
        out.push(Side {
            code: t.code.clone(),
            entity: t.entity.clone(),
            start: chunk.start,
            end: chunk.end,
            from_entity: t.entity.is_some(),
        });
    }
    if out.len() < 2 {
        out.clear();
    }
    out
}

/// An event noun (`data/nominal_events.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nominal {
    /// Upper-case words; the last is the head of its noun phrase.
    pub words: Vec<String>,
    /// CAMEO code.
    pub code: String,
    /// Both sides act: one event each way.
    pub reciprocal: bool,
}

/// Parses the event-noun table: `WORDS<TAB>CODE<TAB>yes|no<TAB>why`, `#` comments.
pub fn parse_nominals(text: &str) -> Vec<Nominal> {
    let mut out: Vec<Nominal> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t');
            let words: Vec<String> = f.next()?.split_whitespace().map(str::to_uppercase).collect();
            let code = f.next()?.trim().to_string();
            let reciprocal = f.next().is_some_and(|r| r.trim() == "yes");
            (!words.is_empty() && valid_code(&code)).then_some(Nominal {
                words,
                code,
                reciprocal,
            })
        })
        .collect();
    // Longest phrases first: "TELEPHONE CALL" before "CALL".
    out.sort_by_key(|n| std::cmp::Reverse(n.words.len()));
    out
}

/// Events named by a noun: "the president 's telephone call with Xi" (possessor and `with`
/// object), "Trump and Xi 's first call" (coordinated possessors, each with each). Skipped
/// where a verb event of the sentence already relates the same actors.
pub fn code_nominals(noms: &[Nominal], input: &SentenceInput<'_>, verb_events: &[Event]) -> Vec<Event> {
    let s = input.syntax;
    let toks = input.upper;
    let n = toks.len();
    let mut out = Vec::new();
    for i in 0..n {
        // The head of a noun phrase.
        let Some(c) = s.token_chunk[i] else { continue };
        if s.chunks[c].label != "NP" || s.chunks[c].end != i + 1 || !s.pos[i].starts_with("NN") {
            continue;
        }
        let Some(nom) = noms.iter().find(|nm| {
            let k = nm.words.len();
            i + 1 >= k && toks[i + 1 - k..=i].iter().zip(&nm.words).all(|(a, b)| a == b)
        }) else {
            continue;
        };
        // Possessors: actors ending right before a "'s" inside or just before this phrase.
        let first = i + 1 - nom.words.len();
        let pos_at = (s.chunks[c].start.saturating_sub(1)..first).find(|&k| s.pos[k] == "POS");
        let mut possessors: Vec<Side> = Vec::new();
        if let Some(p) = pos_at {
            let start = s
                .token_chunk
                .get(p.saturating_sub(1))
                .copied()
                .flatten()
                .map_or(p, |pc| s.chunks[pc].start);
            // Extend over "Trump and Xi".
            let mut a = start;
            while a >= 2 && matches!(s.lower_str(a - 1), "and" | ",") && s.label_at(a - 2) == "NP" {
                a = s.token_chunk[a - 2].map_or(a - 2, |pc| s.chunks[pc].start);
            }
            possessors = sides_in(input, a, p, Mode::Conservative);
        }
        let mut targets: Vec<Side> = Vec::new();
        if i + 2 < n && s.lower_str(i + 1) == "with" {
            let exclude: Vec<String> = possessors.iter().map(|x| x.code.clone()).collect();
            let end = s.token_chunk[i + 2].map_or(i + 3, |tc| s.chunks[tc].end);
            targets = target_sides(input, i + 2, end, &exclude, Mode::Conservative, false);
        }
        let mut pairs: Vec<(Side, Side)> = Vec::new();
        if !targets.is_empty() {
            for a in &possessors {
                for b in &targets {
                    pairs.push((a.clone(), b.clone()));
                    if nom.reciprocal {
                        pairs.push((b.clone(), a.clone()));
                    }
                }
            }
        } else if possessors.len() >= 2 && nom.reciprocal {
            for a in &possessors {
                for b in &possessors {
                    if a.code != b.code {
                        pairs.push((a.clone(), b.clone()));
                    }
                }
            }
        }
        let date = input
            .timexes
            .iter()
            .min_by_key(|(t, _)| t.abs_diff(i))
            .map_or_else(|| input.default_date.to_string(), |(_, v)| v.clone());
        for (a, b) in pairs {
            if a.code == b.code
                || verb_events
                    .iter()
                    .chain(out.iter())
                    .any(|e: &Event| e.source.code == a.code && e.target.code == b.code && e.code == nom.code)
            {
                continue;
            }
            let root = nom.code[..2].to_string();
            let Some(quad) = quad_class(&root) else { continue };
            out.push(Event {
                code: nom.code.clone(),
                quad_class: quad,
                goldstein: goldstein(&nom.code).unwrap_or(0.0),
                root,
                source: side_actor(input, &a),
                target: side_actor(input, &b),
                date: date.clone(),
                location: None,
                sentence: input.sentence,
                verb: Span::new(input.spans[first].start, input.spans[i].end),
                rule: format!("noun {}", nom.words.join(" ")),
                modality: None,
                confidence: 0.6,
            });
        }
    }
    out
}
