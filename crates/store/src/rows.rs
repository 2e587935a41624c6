//! From analysed [`Doc`]s to table rows, and corpus-level entity ids.

use std::collections::{BTreeMap, BTreeSet};

use newsgraph_core::{Doc, Entity, EntityType, Link, MentionKind, QuoteKind, Span, TimexType};

use crate::aggregates::{id_num, Delta, StoredQuote};
use crate::dates::to_day;
use crate::table::{Col, TableBuilder};

/// The append-only tables, each written as one part file per batch.
pub const BATCH_TABLES: [&str; 8] = [
    "articles", "mentions", "quotes", "timexes", "amounts", "tone", "events", "analyses",
];

/// Every table of extracted data, in the order `export` writes them and under the names SQL
/// sees. (`analyses`, the stored output-contract documents, is read through `Store::article`.)
pub const ALL_TABLES: [&str; 8] = [
    "articles", "entities", "mentions", "quotes", "timexes", "amounts", "tone", "events",
];

/// Every table the manifest can list.
pub(crate) const STORED_TABLES: [&str; 9] = [
    "articles", "entities", "mentions", "quotes", "timexes", "amounts", "tone", "events", "analyses",
];

/// Aliases kept per entity; a bound, because a long-lived store would otherwise grow them without
/// limit from misspellings.
const MAX_ALIASES: usize = 32;

/// The corpus-level id of an entity: `e` and 16 hex digits of a 64-bit FNV-1a hash of its key,
/// the type plus the gazetteer id when linked, else the type plus the normalized name. The hash is
/// spelled out here so ids are the same on every platform and in every version.
pub fn entity_id(etype: EntityType, name: &str, link: Option<&Link>) -> String {
    let key = match link.and_then(|l| l.geonames_id) {
        Some(g) => format!("{}:geo:{g}", etype.as_str()),
        None => format!("{}:{}", etype.as_str(), normalize_name(name)),
    };
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("e{h:016x}")
}

/// Lower case, typographic apostrophes made plain, runs of white space made one space.
pub fn normalize_name(name: &str) -> String {
    name.split_whitespace()
        .map(|w| w.to_lowercase().replace('\u{2019}', "'"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn quote_kind(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Indirect => "indirect",
    }
}

fn mention_kind(k: MentionKind) -> &'static str {
    match k {
        MentionKind::Name => "name",
        MentionKind::Pronoun => "pronoun",
        MentionKind::Nominal => "nominal",
    }
}

fn timex_type(t: TimexType) -> &'static str {
    t.as_str()
}

/// The name of an entity type as stored.
pub fn etype_from_str(s: &str) -> Option<EntityType> {
    Some(match s {
        "PERSON" => EntityType::Person,
        "ORGANIZATION" => EntityType::Organization,
        "LOCATION" => EntityType::Location,
        "NATIONALITY" => EntityType::Nationality,
        "MISC" => EntityType::Misc,
        _ => return None,
    })
}

/// What the writer accumulates about one corpus-level entity.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EntityAgg {
    pub name: String,
    pub etype: EntityType,
    pub link: Option<Link>,
    pub aliases: BTreeSet<String>,
    pub articles: u64,
    pub mentions: u64,
    pub first_day: i32,
    pub last_day: i32,
}

/// The per-batch tables being filled.
pub(crate) struct BatchTables {
    pub articles: TableBuilder,
    pub mentions: TableBuilder,
    pub quotes: TableBuilder,
    pub timexes: TableBuilder,
    pub amounts: TableBuilder,
    pub tone: TableBuilder,
    pub events: TableBuilder,
    pub analyses: TableBuilder,
}

fn s() -> Col {
    Col::Str(Vec::new())
}
fn u() -> Col {
    Col::U64(Vec::new())
}
fn f() -> Col {
    Col::F64(Vec::new())
}
fn d() -> Col {
    Col::Date(Vec::new())
}
fn i() -> Col {
    Col::I64(Vec::new())
}

impl BatchTables {
    pub(crate) fn new() -> BatchTables {
        BatchTables {
            articles: TableBuilder::new(vec![
                ("id", s()),
                ("content_id", s()),
                ("date", d()),
                ("title", s()),
                ("url", s()),
                ("source", s()),
                ("text", s()),
                ("tone", f()),
                ("entities", u()),
                ("quotes", u()),
                ("batch", u()),
            ]),
            mentions: TableBuilder::new(vec![
                ("article_id", s()),
                ("date", d()),
                ("entity_id", s()),
                ("local_id", s()),
                ("name", s()),
                ("type", s()),
                ("kind", s()),
                ("start", u()),
                ("end", u()),
                ("text", s()),
            ]),
            quotes: TableBuilder::new(vec![
                ("article_id", s()),
                ("date", d()),
                ("quote_index", u()),
                ("kind", s()),
                ("text", s()),
                ("start", u()),
                ("end", u()),
                ("speaker", s()),
                ("speaker_entity_id", s()),
                ("speaker_name", s()),
                ("cue", s()),
                ("context", s()),
            ]),
            timexes: TableBuilder::new(vec![
                ("article_id", s()),
                ("date", d()),
                ("start", u()),
                ("end", u()),
                ("text", s()),
                ("type", s()),
                ("value", s()),
                ("modifier", s()),
                ("freq", s()),
                ("quant", s()),
            ]),
            amounts: TableBuilder::new(vec![
                ("article_id", s()),
                ("date", d()),
                ("start", u()),
                ("end", u()),
                ("text", s()),
                ("value", f()),
                ("unit", s()),
                ("object", s()),
                ("approx", s()),
                ("range_to", f()),
                ("percentage_points", Col::Bool(Vec::new())),
            ]),
            tone: TableBuilder::new(vec![
                ("article_id", s()),
                ("date", d()),
                ("tone", f()),
                ("positive", f()),
                ("negative", f()),
                ("polarity", f()),
                ("activity_density", f()),
                ("self_group_density", f()),
                ("word_count", u()),
                ("compound", f()),
            ]),
            events: TableBuilder::new(vec![
                ("article_id", s()),
                ("date", d()),
                ("event_index", u()),
                ("code", s()),
                ("root", s()),
                ("quad_class", u()),
                ("goldstein", f()),
                ("source_code", s()),
                ("source_entity_id", s()),
                ("source_name", s()),
                ("source_text", s()),
                ("source_start", u()),
                ("source_end", u()),
                ("target_code", s()),
                ("target_entity_id", s()),
                ("target_name", s()),
                ("target_text", s()),
                ("target_start", u()),
                ("target_end", u()),
                ("event_date", s()),
                ("event_day", d()),
                ("location_name", s()),
                ("location_entity_id", s()),
                ("location_start", i()),
                ("location_end", i()),
                ("sentence", s()),
                ("sentence_start", u()),
                ("sentence_end", u()),
                ("verb", s()),
                ("verb_start", u()),
                ("verb_end", u()),
                ("is_root", Col::Bool(Vec::new())),
                ("rule", s()),
                ("modality", s()),
                ("confidence", f()),
            ]),
            analyses: TableBuilder::new(vec![("article_id", s()), ("date", d()), ("analysis", s())]),
        }
    }

    /// The tables in [`BATCH_TABLES`] order.
    pub(crate) fn into_tables(self) -> [TableBuilder; 8] {
        let BatchTables {
            articles,
            mentions,
            quotes,
            timexes,
            amounts,
            tone,
            events,
            analyses,
        } = self;
        [articles, mentions, quotes, timexes, amounts, tone, events, analyses]
    }

    /// The Arrow schema of each batch table, by name.
    pub(crate) fn schemas() -> crate::error::Result<BTreeMap<&'static str, arrow_schema::SchemaRef>> {
        let mut out = BTreeMap::new();
        for (name, t) in BATCH_TABLES.iter().zip(BatchTables::new().into_tables()) {
            out.insert(*name, t.finish()?.schema());
        }
        Ok(out)
    }

    /// Adds one article's rows, folds its entities into `entities` and its timeline,
    /// co-occurrence and quote aggregates into `delta`.
    pub(crate) fn add(
        &mut self,
        doc: &Doc,
        content_id: &str,
        batch: u64,
        entities: &mut BTreeMap<String, EntityAgg>,
        delta: &mut Delta,
    ) {
        let a = &doc.article;
        let day = to_day(a.date);
        let off = doc.offsets();
        let cp = |sp: Span| (off.char_of(sp.start) as u64, off.char_of(sp.end) as u64);

        let t = &mut self.articles;
        t.str("id", Some(&a.id));
        t.str("content_id", Some(content_id));
        t.date("date", day);
        t.str("title", a.title.as_deref());
        t.str("url", a.url.as_deref());
        t.str("source", a.source.as_deref());
        t.str("text", Some(&a.text));
        t.f64("tone", doc.tone.as_ref().map(|t| t.tone));
        t.u64("entities", doc.entities.len() as u64);
        t.u64("quotes", doc.quotes.len() as u64);
        t.u64("batch", batch);

        let local: BTreeMap<&str, (&Entity, String)> = doc
            .entities
            .iter()
            .map(|e| (e.id.as_str(), (e, entity_id(e.etype, &e.name, e.link.as_ref()))))
            .collect();
        // The same set of corpus ids as the index's `entity` field of the article.
        let corpus_ids: BTreeSet<u64> = local.values().filter_map(|(_, id)| id_num(id)).collect();
        delta.add_article(day, &corpus_ids);
        // One article counts once per corpus entity even when coreference left it split locally.
        let mut seen_here = BTreeSet::new();
        for e in &doc.entities {
            let id = &local[e.id.as_str()].1;
            let agg = entities.entry(id.clone()).or_insert_with(|| EntityAgg {
                name: e.name.clone(),
                etype: e.etype,
                link: e.link.clone(),
                aliases: BTreeSet::new(),
                articles: 0,
                mentions: 0,
                first_day: day,
                last_day: day,
            });
            if seen_here.insert(id.clone()) {
                agg.articles += 1;
            }
            agg.mentions += e.mentions.len() as u64;
            agg.first_day = agg.first_day.min(day);
            agg.last_day = agg.last_day.max(day);
            if agg.link.is_none() {
                agg.link = e.link.clone();
            }
            let names = std::iter::once(e.name.as_str()).chain(
                e.mentions
                    .iter()
                    .filter(|m| m.kind == MentionKind::Name)
                    .map(|m| doc.slice(m.span)),
            );
            for n in names {
                if !n.is_empty() && n != agg.name && agg.aliases.len() < MAX_ALIASES {
                    agg.aliases.insert(n.to_string());
                }
            }
            for m in &e.mentions {
                let (st, en) = cp(m.span);
                let t = &mut self.mentions;
                t.str("article_id", Some(&a.id));
                t.date("date", day);
                t.str("entity_id", Some(id));
                t.str("local_id", Some(&e.id));
                t.str("name", Some(&e.name));
                t.str("type", Some(e.etype.as_str()));
                t.str("kind", Some(mention_kind(m.kind)));
                t.u64("start", st);
                t.u64("end", en);
                t.str("text", Some(doc.slice(m.span)));
            }
        }

        for (i, q) in doc.quotes.iter().enumerate() {
            let (st, en) = cp(q.span);
            let speaker_entity = q
                .speaker
                .as_ref()
                .and_then(|s| s.entity.as_deref())
                .and_then(|l| local.get(l));
            let t = &mut self.quotes;
            t.str("article_id", Some(&a.id));
            t.date("date", day);
            t.u64("quote_index", i as u64);
            t.str("kind", Some(quote_kind(q.kind)));
            t.str("text", Some(doc.slice(q.span)));
            t.u64("start", st);
            t.u64("end", en);
            t.str("speaker", q.speaker.as_ref().map(|s| doc.slice(s.span)));
            t.str("speaker_entity_id", speaker_entity.map(|(_, id)| id.as_str()));
            t.str("speaker_name", speaker_entity.map(|(e, _)| e.name.as_str()));
            t.str("cue", q.cue.map(|c| doc.slice(c)));
            let ctx = context(doc, q.span);
            t.str("context", Some(&ctx));
            if let Some((e, id)) = speaker_entity {
                if let Some(n) = id_num(id) {
                    delta.add_quote(
                        n,
                        StoredQuote {
                            day,
                            article_id: a.id.clone(),
                            index: i as u64,
                            kind: quote_kind(q.kind).to_string(),
                            text: doc.slice(q.span).to_string(),
                            speaker: q.speaker.as_ref().map(|s| doc.slice(s.span).to_string()),
                            speaker_name: Some(e.name.clone()),
                            cue: q.cue.map(|c| doc.slice(c).to_string()),
                            context: ctx,
                            title: a.title.clone(),
                        },
                    );
                }
            }
        }

        for x in &doc.timexes {
            let (st, en) = cp(x.span);
            let t = &mut self.timexes;
            t.str("article_id", Some(&a.id));
            t.date("date", day);
            t.u64("start", st);
            t.u64("end", en);
            t.str("text", Some(doc.slice(x.span)));
            t.str("type", Some(timex_type(x.ttype)));
            t.str("value", Some(&x.value));
            t.str("modifier", x.modifier.as_deref());
            t.str("freq", x.freq.as_deref());
            t.str("quant", x.quant.as_deref());
        }

        for m in &doc.amounts {
            let (st, en) = cp(m.span);
            let t = &mut self.amounts;
            t.str("article_id", Some(&a.id));
            t.date("date", day);
            t.u64("start", st);
            t.u64("end", en);
            t.str("text", Some(doc.slice(m.span)));
            t.f64("value", Some(m.value));
            t.str("unit", Some(&m.unit));
            t.str("object", m.object.map(|o| doc.slice(o)));
            t.str("approx", m.approx.as_deref());
            t.f64("range_to", m.range_to);
            t.bool("percentage_points", m.percentage_points);
        }

        if let Some(tone) = &doc.tone {
            let t = &mut self.tone;
            t.str("article_id", Some(&a.id));
            t.date("date", day);
            t.f64("tone", Some(tone.tone));
            t.f64("positive", Some(tone.positive));
            t.f64("negative", Some(tone.negative));
            t.f64("polarity", Some(tone.polarity));
            t.f64("activity_density", Some(tone.activity_density));
            t.f64("self_group_density", Some(tone.self_group_density));
            t.u64("word_count", tone.word_count as u64);
            t.f64("compound", Some(tone.compound));
        }

        let first_paragraph_end = doc.paragraphs.first().map_or(usize::MAX, |p| p.end);
        for (i, ev) in doc.events.iter().enumerate() {
            let t = &mut self.events;
            t.str("article_id", Some(&a.id));
            t.date("date", day);
            t.u64("event_index", i as u64);
            t.str("code", Some(&ev.code));
            t.str("root", Some(&ev.root));
            t.u64("quad_class", u64::from(ev.quad_class));
            t.f64("goldstein", Some(ev.goldstein));
            for (side, actor) in [("source", &ev.source), ("target", &ev.target)] {
                let ent = actor.entity.as_deref().and_then(|l| local.get(l));
                let (st, en) = cp(actor.span);
                t.str(&format!("{side}_code"), Some(&actor.code));
                t.str(&format!("{side}_entity_id"), ent.map(|(_, id)| id.as_str()));
                t.str(
                    &format!("{side}_name"),
                    Some(ent.map_or_else(|| doc.slice(actor.span), |(e, _)| e.name.as_str())),
                );
                t.str(&format!("{side}_text"), Some(doc.slice(actor.span)));
                t.u64(&format!("{side}_start"), st);
                t.u64(&format!("{side}_end"), en);
            }
            t.str("event_date", Some(&ev.date));
            t.date("event_day", event_day(&ev.date).unwrap_or(day));
            let loc = ev.location.as_ref();
            let loc_ent = loc.and_then(|l| l.entity.as_deref()).and_then(|l| local.get(l));
            let loc_cp = loc.map(|l| cp(l.span));
            t.str("location_name", loc.map(|l| l.name.as_str()));
            t.str("location_entity_id", loc_ent.map(|(_, id)| id.as_str()));
            t.i64("location_start", loc_cp.and_then(|c| i64::try_from(c.0).ok()));
            t.i64("location_end", loc_cp.and_then(|c| i64::try_from(c.1).ok()));
            let (st, en) = cp(ev.sentence);
            t.str("sentence", Some(doc.slice(ev.sentence)));
            t.u64("sentence_start", st);
            t.u64("sentence_end", en);
            let (st, en) = cp(ev.verb);
            t.str("verb", Some(doc.slice(ev.verb)));
            t.u64("verb_start", st);
            t.u64("verb_end", en);
            // GDELT's IsRootEvent: the event is told in the lead paragraph.
            t.bool("is_root", ev.sentence.start < first_paragraph_end);
            t.str("rule", Some(&ev.rule));
            t.str("modality", ev.modality.as_deref());
            t.f64("confidence", Some(ev.confidence));
        }

        let t = &mut self.analyses;
        t.str("article_id", Some(&a.id));
        t.date("date", day);
        t.str("analysis", Some(&crate::analysis::compact(doc)));
    }
}

/// The day of an event date given as a TIMEX3 value: a full `YYYY-MM-DD` (possibly followed by
/// a time) is that day; anything vaguer (`2018-11`, `PAST_REF`) is `None`.
pub(crate) fn event_day(value: &str) -> Option<i32> {
    let d = chrono::NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()?;
    Some(to_day(d))
}

/// The corpus-level `entities` table from the writer's accumulated entities.
pub(crate) fn entities_table(entities: &BTreeMap<String, EntityAgg>) -> TableBuilder {
    let mut t = TableBuilder::new(vec![
        ("entity_id", s()),
        ("name", s()),
        ("type", s()),
        ("link_kind", s()),
        ("link_name", s()),
        ("geonames_id", Col::I64(Vec::new())),
        ("country", s()),
        ("lat", f()),
        ("lon", f()),
        ("aliases", Col::StrList(Vec::new())),
        ("articles", u()),
        ("mentions", u()),
        ("first_date", d()),
        ("last_date", d()),
    ]);
    for (id, e) in entities {
        let l = e.link.as_ref();
        t.str("entity_id", Some(id));
        t.str("name", Some(&e.name));
        t.str("type", Some(e.etype.as_str()));
        t.str("link_kind", l.map(|l| l.kind.as_str()));
        t.str("link_name", l.map(|l| l.name.as_str()));
        t.i64(
            "geonames_id",
            l.and_then(|l| l.geonames_id).and_then(|g| i64::try_from(g).ok()),
        );
        t.str("country", l.and_then(|l| l.country.as_deref()));
        t.f64("lat", l.and_then(|l| l.lat));
        t.f64("lon", l.and_then(|l| l.lon));
        t.list("aliases", e.aliases.iter().cloned().collect());
        t.u64("articles", e.articles);
        t.u64("mentions", e.mentions);
        t.date("first_date", e.first_day);
        t.date("last_date", e.last_day);
    }
    t
}

/// The sentence (or sentences) around a quote, for showing it in context; a bounded window of
/// text when the doc has no sentences.
fn context(doc: &Doc, span: Span) -> String {
    const MAX: usize = 600;
    let covering: Vec<&Span> = doc.sentences.iter().filter(|s| s.overlaps(span)).collect();
    let (mut lo, mut hi) = match (covering.first(), covering.last()) {
        (Some(a), Some(b)) => (a.start, b.end),
        _ => (span.start.saturating_sub(150), span.end + 150),
    };
    let text = doc.text();
    hi = hi.min(text.len()).min(lo + MAX.max(span.len()));
    while lo > 0 && !text.is_char_boundary(lo) {
        lo -= 1;
    }
    while hi < text.len() && !text.is_char_boundary(hi) {
        hi += 1;
    }
    text.get(lo..hi).unwrap_or("").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_ids_are_stable_and_ignore_case_and_spacing() {
        let a = entity_id(EntityType::Person, "Xi  Jinping", None);
        assert_eq!(a, entity_id(EntityType::Person, "xi jinping", None));
        assert_ne!(a, entity_id(EntityType::Organization, "Xi Jinping", None));
        // Frozen: changing the hash would change every stored entity id.
        assert_eq!(a, "edd5bde70e55d40f0");
    }
}
