//! The `events` table: queries by actor, code and date, and export as GDELT 2.0 Event records.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use arrow_array::{Array, Int64Array, StringArray, UInt64Array};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::dates::{day_to_string, from_day, to_day};
use crate::error::{io_err, Result};
use crate::export::ExportedTable;
use crate::manifest::resolve;
use crate::query::Store;
use crate::rows::{normalize_name, EntityAgg};
use crate::table::{opt_str, read_parquet, Cols};

/// An events request. Every filter given must hold.
#[derive(Debug, Clone, Default)]
pub struct EventRequest {
    /// Source or target: a CAMEO actor code prefix (`USA`, `CHNGOV`), or an entity name or alias
    /// (case-insensitive).
    pub actor: Option<String>,
    /// CAMEO event code prefix: `04` matches `040`, `042`, `0431`.
    pub code: Option<String>,
    /// First event day included.
    pub from: Option<NaiveDate>,
    /// Last event day included.
    pub to: Option<NaiveDate>,
    /// Events to return.
    pub limit: usize,
}

/// One side of a stored event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventSide {
    /// CAMEO actor code.
    pub code: String,
    /// Corpus-level entity id, when the actor is a known entity.
    pub entity_id: Option<String>,
    /// The entity's canonical name, else the words naming the actor.
    pub name: String,
    /// The words naming the actor.
    pub text: String,
    /// First code point of `text` in the article.
    pub start: u64,
    /// One past its last code point.
    pub end: u64,
}

/// Where a stored event happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventPlace {
    /// The place as written.
    pub name: String,
    /// Corpus-level entity id, when known.
    pub entity_id: Option<String>,
    /// First code point.
    pub start: Option<i64>,
    /// One past the last code point.
    pub end: Option<i64>,
}

/// The words an event was read from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventEvidence {
    /// The sentence.
    pub sentence: String,
    /// Its first code point.
    pub sentence_start: u64,
    /// One past its last code point.
    pub sentence_end: u64,
    /// The verb.
    pub verb: String,
    /// Its first code point.
    pub verb_start: u64,
    /// One past its last code point.
    pub verb_end: u64,
}

/// One stored event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventHit {
    /// Article id.
    pub article_id: String,
    /// Publication date of the article.
    pub date: String,
    /// Position of the event among the article's events.
    pub event_index: u64,
    /// CAMEO event code.
    pub code: String,
    /// Its two-digit root.
    pub root: String,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u64,
    /// Goldstein score.
    pub goldstein: f64,
    /// Who acts.
    pub source: EventSide,
    /// Who is acted on.
    pub target: EventSide,
    /// The TIMEX3 value of the event date.
    pub event_date: String,
    /// The event's day: `event_date` when it names a day, else the publication date.
    pub event_day: String,
    /// Where, when named.
    pub location: Option<EventPlace>,
    /// The sentence and verb.
    pub evidence: EventEvidence,
    /// Whether the sentence is in the lead paragraph.
    pub is_root: bool,
    /// The rule that fired.
    pub rule: String,
    /// Modality when not plainly asserted.
    pub modality: Option<String>,
    /// Heuristic confidence in 0…1.
    pub confidence: f64,
}

/// The columns of one side of the events table.
struct SideCols<'a> {
    code: &'a StringArray,
    entity_id: &'a StringArray,
    name: &'a StringArray,
    text: &'a StringArray,
    start: &'a UInt64Array,
    end: &'a UInt64Array,
}

impl<'a> SideCols<'a> {
    fn new(c: &Cols<'a>, side: &str) -> Result<SideCols<'a>> {
        Ok(SideCols {
            code: c.str(&format!("{side}_code"))?,
            entity_id: c.str(&format!("{side}_entity_id"))?,
            name: c.str(&format!("{side}_name"))?,
            text: c.str(&format!("{side}_text"))?,
            start: c.u64(&format!("{side}_start"))?,
            end: c.u64(&format!("{side}_end"))?,
        })
    }

    fn at(&self, i: usize) -> EventSide {
        EventSide {
            code: self.code.value(i).to_string(),
            entity_id: opt_str(self.entity_id, i),
            name: self.name.value(i).to_string(),
            text: self.text.value(i).to_string(),
            start: self.start.value(i),
            end: self.end.value(i),
        }
    }
}

/// An event with its day number, for sorting and filtering.
struct Row {
    day: i32,
    hit: EventHit,
}

impl Store {
    /// Events by actor, code and event day, latest first.
    pub fn events(&self, req: &EventRequest) -> Result<Vec<EventHit>> {
        let actor = match &req.actor {
            Some(a) => Some(ActorFilter::new(self, a)?),
            None => None,
        };
        let (lo, hi) = (req.from.map_or(i32::MIN, to_day), req.to.map_or(i32::MAX, to_day));
        let code = req.code.as_deref().map(str::trim);
        let mut rows = self.event_rows(|r| {
            r.day >= lo
                && r.day <= hi
                && code.is_none_or(|c| r.hit.code.starts_with(c))
                && actor
                    .as_ref()
                    .is_none_or(|a| a.matches(&r.hit.source) || a.matches(&r.hit.target))
        })?;
        rows.sort_by(|a, b| {
            b.day
                .cmp(&a.day)
                .then_with(|| a.hit.article_id.cmp(&b.hit.article_id))
                .then(a.hit.event_index.cmp(&b.hit.event_index))
        });
        rows.truncate(req.limit);
        Ok(rows.into_iter().map(|r| r.hit).collect())
    }

    /// Every committed event row that `keep` accepts, in batch order.
    fn event_rows(&self, keep: impl Fn(&Row) -> bool) -> Result<Vec<Row>> {
        let mut out = Vec::new();
        for file in self.manifest().table_files("events") {
            let path = resolve(self.dir(), &file.path);
            for batch in read_parquet(&path, None)? {
                let c = Cols::new(&batch, &path);
                let (art, date, idx) = (c.str("article_id")?, c.date("date")?, c.u64("event_index")?);
                let (code, root, quad, gold) = (
                    c.str("code")?,
                    c.str("root")?,
                    c.u64("quad_class")?,
                    c.f64("goldstein")?,
                );
                let (src, tgt) = (SideCols::new(&c, "source")?, SideCols::new(&c, "target")?);
                let (edate, eday) = (c.str("event_date")?, c.date("event_day")?);
                let (lname, lid, lst, len) = (
                    c.str("location_name")?,
                    c.str("location_entity_id")?,
                    c.i64("location_start")?,
                    c.i64("location_end")?,
                );
                let (sent, sst, sen) = (c.str("sentence")?, c.u64("sentence_start")?, c.u64("sentence_end")?);
                let (verb, vst, ven) = (c.str("verb")?, c.u64("verb_start")?, c.u64("verb_end")?);
                let is_root = c.bool("is_root")?;
                let (rule, modality, conf) = (c.str("rule")?, c.str("modality")?, c.f64("confidence")?);
                for i in 0..batch.num_rows() {
                    let opt_i64 = |a: &Int64Array| (!a.is_null(i)).then(|| a.value(i));
                    let day = eday.value(i);
                    let row = Row {
                        day,
                        hit: EventHit {
                            article_id: art.value(i).to_string(),
                            date: day_to_string(date.value(i)),
                            event_index: idx.value(i),
                            code: code.value(i).to_string(),
                            root: root.value(i).to_string(),
                            quad_class: quad.value(i),
                            goldstein: gold.value(i),
                            source: src.at(i),
                            target: tgt.at(i),
                            event_date: edate.value(i).to_string(),
                            event_day: day_to_string(day),
                            location: opt_str(lname, i).map(|name| EventPlace {
                                name,
                                entity_id: opt_str(lid, i),
                                start: opt_i64(lst),
                                end: opt_i64(len),
                            }),
                            evidence: EventEvidence {
                                sentence: sent.value(i).to_string(),
                                sentence_start: sst.value(i),
                                sentence_end: sen.value(i),
                                verb: verb.value(i).to_string(),
                                verb_start: vst.value(i),
                                verb_end: ven.value(i),
                            },
                            is_root: is_root.value(i),
                            rule: rule.value(i).to_string(),
                            modality: opt_str(modality, i),
                            confidence: conf.value(i),
                        },
                    };
                    if keep(&row) {
                        out.push(row);
                    }
                }
            }
        }
        Ok(out)
    }

    /// Writes every event as a GDELT 2.0 Event record to `out_dir/events.gdelt.tsv`: the 61
    /// GDELT columns in GDELT's order, tab-separated and without a header as GDELT's own files,
    /// plus a 62nd column with the evidence sentence. The columns and how each is filled are in
    /// `docs/store.md`.
    pub(crate) fn export_gdelt_events(&self, out_dir: &Path) -> Result<ExportedTable> {
        let file = "events.gdelt.tsv".to_string();
        let path = out_dir.join(&file);
        let articles = self.article_facts()?;
        let entities: &BTreeMap<String, EntityAgg> = self.entities()?;
        let parts = ActorParts::load();
        let mut w = BufWriter::new(File::create(&path).map_err(io_err("creating", &path))?);
        let mut rows = 0;
        for r in self.event_rows(|_| true)? {
            let e = &r.hit;
            let facts = articles.get(&e.article_id);
            let place = e
                .location
                .as_ref()
                .and_then(|l| l.entity_id.as_ref())
                .and_then(|id| entities.get(id))
                .and_then(|a| a.link.as_ref());
            let mut cols: Vec<String> = Vec::with_capacity(62);
            let day = from_day(r.day);
            cols.push(global_event_id(&e.article_id, e.event_index).to_string());
            cols.push(day.format("%Y%m%d").to_string());
            cols.push(day.format("%Y%m").to_string());
            cols.push(day.year().to_string());
            cols.push(fraction_date(day));
            for side in [&e.source, &e.target] {
                cols.extend(parts.actor_columns(&side.code, &side.name));
            }
            cols.push(u8::from(e.is_root).to_string());
            cols.push(e.code.clone());
            // CAMEO's base code is the three-digit level of a four-digit code.
            cols.push(e.code.get(..3).unwrap_or(&e.code).to_string());
            cols.push(e.root.clone());
            cols.push(e.quad_class.to_string());
            cols.push(e.goldstein.to_string());
            // Each stored event is one mention in one article of one source.
            cols.extend(["1", "1", "1"].map(String::from));
            cols.push(facts.and_then(|f| f.tone).map(|t| t.to_string()).unwrap_or_default());
            // Actor geography is not extracted: its 16 columns stay empty.
            cols.extend(std::iter::repeat_n(String::new(), 16));
            cols.extend(geo_columns(place));
            cols.push(format!("{}000000", day_pub(e)));
            cols.push(
                facts
                    .and_then(|f| f.url.clone())
                    .unwrap_or_else(|| e.article_id.clone()),
            );
            cols.push(e.evidence.sentence.clone());
            let line: Vec<String> = cols.into_iter().map(|c| tsv_cell(&c)).collect();
            writeln!(w, "{}", line.join("\t")).map_err(io_err("writing", &path))?;
            rows += 1;
        }
        w.flush().map_err(io_err("writing", &path))?;
        Ok(ExportedTable {
            table: "events".into(),
            rows,
            file,
        })
    }

    /// Url and tone of every article that has events.
    fn article_facts(&self) -> Result<HashMap<String, ArticleFacts>> {
        let mut with_events = BTreeSet::new();
        for file in self.manifest().table_files("events") {
            let path = resolve(self.dir(), &file.path);
            for b in read_parquet(&path, Some(&["article_id"]))? {
                let ids = Cols::new(&b, &path).str("article_id")?.clone();
                with_events.extend((0..ids.len()).map(|i| ids.value(i).to_string()));
            }
        }
        let mut out = HashMap::new();
        for file in self.manifest().table_files("articles") {
            let path = resolve(self.dir(), &file.path);
            for b in read_parquet(&path, Some(&["id", "url", "tone"]))? {
                let c = Cols::new(&b, &path);
                let (id, url, tone) = (c.str("id")?, c.str("url")?, c.f64("tone")?);
                for i in 0..b.num_rows() {
                    if with_events.contains(id.value(i)) {
                        let tone = (!tone.is_null(i)).then(|| tone.value(i));
                        out.insert(
                            id.value(i).to_string(),
                            ArticleFacts {
                                url: opt_str(url, i),
                                tone,
                            },
                        );
                    }
                }
            }
        }
        Ok(out)
    }
}

struct ArticleFacts {
    url: Option<String>,
    tone: Option<f64>,
}

/// The publication date of an event's article as `YYYYMMDD`: GDELT's DATEADDED is when GDELT
/// saw the article; the store records no wall-clock time, so the publication date stands in.
fn day_pub(e: &EventHit) -> String {
    e.date.replace('-', "")
}

/// A stable GlobalEventID: the first 53 bits of the FNV-1a hash of article id and event index,
/// so it survives re-exports and stays exact in JSON and spreadsheet tools.
fn global_event_id(article_id: &str, index: u64) -> u64 {
    use std::hash::Hasher;
    let mut h = newsgraph_core::fnv::Fnv::default();
    h.write(format!("{article_id}#{index}").as_bytes());
    h.finish() >> 11
}

/// GDELT's FractionDate: the year plus the elapsed fraction of it, 4 decimals.
fn fraction_date(d: NaiveDate) -> String {
    let days = if d.leap_year() { 366.0 } else { 365.0 };
    format!("{:.4}", f64::from(d.year()) + f64::from(d.ordinal0()) / days)
}

/// The 8 GDELT geography columns of a gazetteer link: Type (1 country, 2 US state, 3 US city,
/// 4 world city, 5 world state), FullName, CountryCode (ISO 3166 alpha-2 here; GDELT uses FIPS
/// 10-4), ADM1Code (empty), ADM2Code (empty), Lat, Long, FeatureID (GeoNames id).
fn geo_columns(link: Option<&newsgraph_core::Link>) -> Vec<String> {
    let Some(l) = link else {
        return vec![String::new(); 8];
    };
    let us = l.country.as_deref() == Some("US");
    let geo_type = match (l.kind.as_str(), us) {
        ("country", _) => "1",
        ("admin1", true) => "2",
        ("city", true) => "3",
        ("city", false) => "4",
        ("admin1", false) => "5",
        _ => "",
    };
    let num = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    vec![
        geo_type.to_string(),
        l.name.clone(),
        l.country.clone().unwrap_or_default(),
        String::new(),
        String::new(),
        num(l.lat),
        num(l.lon),
        l.geonames_id.map(|g| g.to_string()).unwrap_or_default(),
    ]
}

/// A cell without the tabs and line breaks that would break the record.
fn tsv_cell(s: &str) -> String {
    if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ")
    } else {
        s.to_string()
    }
}

/// The non-country parts of CAMEO actor codes (`data/cameo_actor_parts.tsv`).
struct ActorParts {
    kinds: BTreeMap<&'static str, &'static str>,
}

impl ActorParts {
    fn load() -> ActorParts {
        let kinds = include_str!("../data/cameo_actor_parts.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some((f.next()?, f.next()?))
            })
            .collect();
        ActorParts { kinds }
    }

    /// The 10 GDELT actor columns: Code, Name, CountryCode, KnownGroupCode, EthnicCode (not
    /// coded: empty), Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code.
    fn actor_columns(&self, code: &str, name: &str) -> Vec<String> {
        let parts: Vec<&str> = (0..code.len() / 3).filter_map(|i| code.get(i * 3..i * 3 + 3)).collect();
        let (mut country, mut group) = (String::new(), String::new());
        let (mut religions, mut types) = (Vec::new(), Vec::new());
        for (i, p) in parts.iter().enumerate() {
            match self.kinds.get(p) {
                Some(&"type") => types.push(*p),
                Some(&"religion") => religions.push(*p),
                _ if i == 0 => country = p.to_string(),
                _ if group.is_empty() => group = p.to_string(),
                _ => {}
            }
        }
        let nth = |v: &[&str], i: usize| v.get(i).map(|s| s.to_string()).unwrap_or_default();
        vec![
            code.to_string(),
            name.to_uppercase(),
            country,
            group,
            String::new(),
            nth(&religions, 0),
            nth(&religions, 1),
            nth(&types, 0),
            nth(&types, 1),
            nth(&types, 2),
        ]
    }
}

/// Matches an event side against `--actor`.
struct ActorFilter {
    code: Option<String>,
    ids: BTreeSet<String>,
    name: String,
}

impl ActorFilter {
    fn new(store: &Store, actor: &str) -> Result<ActorFilter> {
        let a = actor.trim();
        // Actor codes are upper-case letters (and digits in a few agent codes); a name has
        // lower case or spaces, so only a code-shaped value is tried as a code prefix.
        let code_like = !a.is_empty() && a.chars().all(|c| c.is_ascii_alphanumeric());
        Ok(ActorFilter {
            code: code_like.then(|| a.to_ascii_uppercase()),
            ids: store.find_entities(a)?.into_iter().collect(),
            name: normalize_name(a),
        })
    }

    fn matches(&self, side: &EventSide) -> bool {
        self.code.as_ref().is_some_and(|c| side.code.starts_with(c.as_str()))
            || side.entity_id.as_ref().is_some_and(|id| self.ids.contains(id))
            || normalize_name(&side.name) == self.name
            || normalize_name(&side.text) == self.name
    }
}
