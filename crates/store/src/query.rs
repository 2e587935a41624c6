//! Read-only access to a store: search, entity profiles, quotes, co-occurrence graphs, stats.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use arrow_array::Array;
use chrono::NaiveDate;
use newsgraph_core::Link;
use serde::Serialize;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::aggregates::{self, id_num, id_str, EntityStats, Segment, StoredQuote};
use crate::dates::{day_to_string, from_day, to_day, Period};
use crate::error::{Result, StoreError};
use crate::index::{self, Fields};
use crate::manifest::{resolve, Manifest};
use crate::rows::{normalize_name, EntityAgg};
use crate::table::{opt_str, read_parquet, Cols};
use crate::writer::load_entities;

/// A store opened for reading. Cheap queries share one index reader; the `entities` table is
/// loaded on first use.
pub struct Store {
    dir: PathBuf,
    manifest: Manifest,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    entities: OnceLock<BTreeMap<String, EntityAgg>>,
    /// Normalized canonical names and aliases → entity ids, most mentioned first; built on first
    /// use so a name look-up does not walk every entity of the corpus.
    names: OnceLock<HashMap<String, Vec<String>>>,
    /// The aggregate segments, opened on first use (`None`: a store older than format 3).
    segments: OnceLock<Option<Vec<Segment>>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("dir", &self.dir).finish()
    }
}

/// A search request. `query` uses tantivy's syntax over title, text and entity names
/// (`trade AND tariffs`, `"trade war"`, `title:china`); empty or `*` matches every article.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query text.
    pub query: String,
    /// First date included.
    pub from: Option<NaiveDate>,
    /// Last date included.
    pub to: Option<NaiveDate>,
    /// Only articles mentioning this entity (name or alias, case-insensitive).
    pub entity: Option<String>,
    /// Only articles from this source (exact).
    pub source: Option<String>,
    /// Hits to return.
    pub limit: usize,
    /// How many top entities and sources to return (0: none).
    pub facets: usize,
    /// Bucket size of the date histogram.
    pub by: Period,
}

/// One search hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Article id.
    pub id: String,
    /// Publication date.
    pub date: String,
    /// Headline.
    pub title: Option<String>,
    /// The opening of the text (its first paragraph, cut at a word near 140 characters with
    /// " …"): what to show in place of a missing headline, as plain text.
    pub lead: String,
    /// Source.
    pub source: Option<String>,
    /// BM25 score, rounded to 4 decimals.
    pub score: f64,
    /// Best passage of the text, matched terms in `<b>…</b>` (HTML-escaped).
    pub snippet: String,
}

/// A count per period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodCount {
    /// Period label (`2018-11`, `2018-W44`, `2018-11-02`).
    pub period: String,
    /// Articles.
    pub count: u64,
}

/// An entity with a count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityCount {
    /// Corpus-level entity id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub etype: String,
    /// Articles.
    pub count: u64,
}

/// A value with a count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameCount {
    /// The value.
    pub name: String,
    /// Articles.
    pub count: u64,
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResult {
    /// Matching articles in all.
    pub total: u64,
    /// The best `limit` of them.
    pub hits: Vec<Hit>,
    /// Matching articles per period.
    pub histogram: Vec<PeriodCount>,
    /// Entities in most matching articles.
    pub top_entities: Vec<EntityCount>,
    /// Sources of most matching articles.
    pub top_sources: Vec<NameCount>,
}

/// An entity's profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityProfile {
    /// Corpus-level id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub etype: String,
    /// Gazetteer link.
    pub link: Option<Link>,
    /// Other names it goes by.
    pub aliases: Vec<String>,
    /// Articles mentioning it.
    pub articles: u64,
    /// Mentions in all.
    pub mentions: u64,
    /// First article date.
    pub first_date: String,
    /// Last article date.
    pub last_date: String,
    /// Articles per period.
    pub timeline: Vec<PeriodCount>,
    /// Entities most often in the same articles.
    pub cooccurring: Vec<EntityCount>,
    /// Its latest quotes.
    pub quotes: Vec<QuoteHit>,
}

/// A quotes request.
#[derive(Debug, Clone, Default)]
pub struct QuoteRequest {
    /// Speaker: an entity name or alias (case-insensitive), or words of the speaker text.
    pub speaker: Option<String>,
    /// Words the quote must contain (case-insensitive).
    pub about: Option<String>,
    /// First date included.
    pub from: Option<NaiveDate>,
    /// Last date included.
    pub to: Option<NaiveDate>,
    /// Quotes to return.
    pub limit: usize,
}

/// One quote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteHit {
    /// The quoted words.
    pub text: String,
    /// direct, partial or indirect.
    pub kind: String,
    /// The speaker's words in the text.
    pub speaker: Option<String>,
    /// The speaker's corpus-level entity id, when resolved.
    pub speaker_entity: Option<String>,
    /// The speaker entity's canonical name.
    pub speaker_name: Option<String>,
    /// The cue ("said").
    pub cue: Option<String>,
    /// Article date.
    pub date: String,
    /// Article id.
    pub article_id: String,
    /// Article headline.
    pub title: Option<String>,
    /// The sentence(s) around the quote.
    pub context: String,
}

/// A co-occurrence graph request.
#[derive(Debug, Clone, Default)]
pub struct GraphRequest {
    /// First date included.
    pub from: Option<NaiveDate>,
    /// Last date included.
    pub to: Option<NaiveDate>,
    /// Least number of shared articles for an edge.
    pub min: u64,
    /// Keep only this many entities: of those with an edge, the ones in most articles (ties:
    /// the smaller id), with the edges among them; any left without an edge is dropped. A
    /// browser can lay out a few hundred nodes, not the whole corpus.
    pub nodes: Option<usize>,
}

/// A node of the co-occurrence graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphNode {
    /// Corpus-level entity id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub etype: String,
    /// Articles (in the date range) mentioning it.
    pub articles: u64,
}

/// An edge: two entities and the number of articles mentioning both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GraphEdge {
    /// One entity id (the smaller).
    pub source: String,
    /// The other entity id.
    pub target: String,
    /// Shared articles.
    pub weight: u64,
}

/// An entity co-occurrence graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Graph {
    /// Entities with at least one edge, by id.
    pub nodes: Vec<GraphNode>,
    /// Edges, heaviest first.
    pub edges: Vec<GraphEdge>,
    /// Entities with an edge before the [`GraphRequest::nodes`] limit (not serialized: the
    /// graph formats carry only what is drawn; the HTTP API reports it).
    #[serde(skip)]
    pub total_nodes: usize,
    /// Edges before the [`GraphRequest::nodes`] limit (not serialized).
    #[serde(skip)]
    pub total_edges: usize,
}

/// Row counts of one table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableStats {
    /// Table name.
    pub table: String,
    /// Rows.
    pub rows: u64,
    /// Parquet files.
    pub files: u64,
}

/// What a store holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Format version.
    pub format_version: u32,
    /// Committed batches.
    pub batches: u64,
    /// Articles.
    pub articles: u64,
    /// Duplicates skipped by all ingests.
    pub duplicates: u64,
    /// Corpus-level entities.
    pub entities: u64,
    /// Distinct sources.
    pub sources: u64,
    /// First article date.
    pub first_date: Option<String>,
    /// Last article date.
    pub last_date: Option<String>,
    /// Each table.
    pub tables: Vec<TableStats>,
    /// Bytes on disk.
    pub bytes: u64,
}

impl Store {
    /// Opens the store at `dir` for reading. Errors when there is no store or its format
    /// version is not this build's.
    pub fn open(dir: impl AsRef<Path>) -> Result<Store> {
        let dir = dir.as_ref().to_path_buf();
        let manifest = Manifest::load(&dir)?;
        let index = index::open(&dir, false)?;
        let fields = index::fields(&index)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(Store {
            dir,
            manifest,
            index,
            reader,
            fields,
            entities: OnceLock::new(),
            names: OnceLock::new(),
            segments: OnceLock::new(),
        })
    }

    /// The store directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Absolute paths of the committed Parquet files of `table` (one of [`crate::ALL_TABLES`]),
    /// for handing to DuckDB, Polars or Spark.
    pub fn table_paths(&self, table: &str) -> Vec<PathBuf> {
        self.manifest
            .table_files(table)
            .iter()
            .map(|f| resolve(&self.dir, &f.path))
            .collect()
    }

    /// The manifest read at open.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    pub(crate) fn entities(&self) -> Result<&BTreeMap<String, EntityAgg>> {
        if let Some(e) = self.entities.get() {
            return Ok(e);
        }
        let loaded = load_entities(&self.dir, &self.manifest)?;
        Ok(self.entities.get_or_init(|| loaded))
    }

    /// The per-entity aggregate segments, when this store has them for every batch.
    fn segments(&self) -> Result<Option<&[Segment]>> {
        if let Some(s) = self.segments.get() {
            return Ok(s.as_deref());
        }
        let opened = match self.manifest.complete_aggregates() {
            None => None,
            Some(list) => Some(
                list.iter()
                    .map(|e| Segment::open(&self.dir, e))
                    .collect::<Result<Vec<_>>>()?,
            ),
        };
        Ok(self.segments.get_or_init(|| opened).as_deref())
    }

    /// The aggregates of entity `id` (`None` when the store has none: format 1 or 2).
    fn entity_stats(&self, id: &str) -> Result<Option<EntityStats>> {
        let Some(segs) = self.segments()? else {
            return Ok(None);
        };
        let found = match id_num(id) {
            Some(n) => aggregates::lookup(segs, n)?,
            None => None,
        };
        Ok(Some(found.unwrap_or_default()))
    }

    /// Corpus-level ids of the entities called `name` (canonical name or alias, ignoring case and
    /// spacing), the most mentioned first.
    pub fn find_entities(&self, name: &str) -> Result<Vec<String>> {
        let ents = self.entities()?;
        if ents.contains_key(name) {
            return Ok(vec![name.to_string()]);
        }
        let names = match self.names.get() {
            Some(n) => n,
            None => self.names.get_or_init(|| name_index(ents)),
        };
        Ok(names.get(&normalize_name(name)).cloned().unwrap_or_default())
    }

    /// Restricts `q` to the batches the manifest lists: documents of a batch whose commit was cut
    /// short are still in the index until the next writer removes them.
    fn visible(&self, q: Box<dyn Query>) -> Box<dyn Query> {
        let committed = RangeQuery::new(
            Bound::Unbounded,
            Bound::Included(Term::from_field_u64(self.fields.batch, self.manifest.last_batch())),
        );
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, q),
            (Occur::Must, Box::new(BoostQuery::new(Box::new(committed), 0.0))),
        ]))
    }

    fn date_range(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Option<Box<dyn Query>> {
        if from.is_none() && to.is_none() {
            return None;
        }
        let t = |d: NaiveDate| Term::from_field_i64(self.fields.date, i64::from(to_day(d)));
        Some(Box::new(BoostQuery::new(
            Box::new(RangeQuery::new(
                from.map_or(Bound::Unbounded, |d| Bound::Included(t(d))),
                to.map_or(Bound::Unbounded, |d| Bound::Included(t(d))),
            )),
            0.0,
        )))
    }

    fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Runs terms aggregations named `name → (field, size)` and returns their buckets.
    fn terms_aggs(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        aggs: &[(&str, &str, usize)],
    ) -> Result<BTreeMap<String, Vec<(serde_json::Value, u64)>>> {
        let mut req = serde_json::Map::new();
        for (name, field, size) in aggs {
            req.insert(
                name.to_string(),
                serde_json::json!({"terms": {"field": field, "size": size.max(&1), "segment_size": 100_000}}),
            );
        }
        let req: Aggregations = serde_json::from_value(serde_json::Value::Object(req))
            .map_err(|e| StoreError::Invalid(format!("aggregation request: {e}")))?;
        let limits = AggregationLimitsGuard::new(Some(1 << 30), Some(10_000_000));
        let collector =
            AggregationCollector::from_aggs(req, AggContextParams::new(limits, self.index.tokenizers().clone()));
        let res = searcher.search(query, &collector)?;
        let json = serde_json::to_value(&res).map_err(|e| StoreError::Invalid(format!("aggregation result: {e}")))?;
        let mut out = BTreeMap::new();
        for (name, _, _) in aggs {
            let buckets = json
                .get(name)
                .and_then(|a| a.get("buckets"))
                .and_then(|b| b.as_array())
                .map(|b| {
                    b.iter()
                        .filter_map(|b| Some((b.get("key")?.clone(), b.get("doc_count")?.as_u64()?)))
                        .collect()
                })
                .unwrap_or_default();
            out.insert(name.to_string(), buckets);
        }
        Ok(out)
    }

    fn histogram(buckets: &[(serde_json::Value, u64)], by: Period) -> Vec<PeriodCount> {
        let mut per: BTreeMap<String, u64> = BTreeMap::new();
        for (k, n) in buckets {
            if let Some(day) = k.as_f64() {
                *per.entry(by.label(from_day(day as i32))).or_default() += n;
            }
        }
        per.into_iter()
            .map(|(period, count)| PeriodCount { period, count })
            .collect()
    }

    fn entity_counts(
        &self,
        buckets: &[(serde_json::Value, u64)],
        skip: Option<&str>,
        limit: usize,
    ) -> Result<Vec<EntityCount>> {
        let ents = self.entities()?;
        let mut out: Vec<EntityCount> = buckets
            .iter()
            .filter_map(|(k, n)| {
                let id = k.as_str()?;
                if Some(id) == skip {
                    return None;
                }
                let e = ents.get(id);
                Some(EntityCount {
                    id: id.to_string(),
                    name: e.map(|e| e.name.clone()).unwrap_or_default(),
                    etype: e.map(|e| e.etype.as_str().to_string()).unwrap_or_default(),
                    count: *n,
                })
            })
            .collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
        out.truncate(limit);
        Ok(out)
    }

    /// Full-text search with filters, a date histogram and facets.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResult> {
        let f = self.fields;
        let text = req.query.trim();
        let base: Box<dyn Query> = if text.is_empty() || text == "*" {
            Box::new(AllQuery)
        } else {
            let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.text, f.entity_name]);
            parser.set_field_boost(f.title, 2.0);
            parser.parse_query(text).map_err(|e| StoreError::Query {
                query: req.query.clone(),
                message: e.to_string(),
            })?
        };
        let mut parts: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, base.box_clone())];
        if let Some(r) = self.date_range(req.from, req.to) {
            parts.push((Occur::Must, r));
        }
        if let Some(name) = &req.entity {
            let ids = self.find_entities(name)?;
            let alts: Vec<(Occur, Box<dyn Query>)> = ids
                .iter()
                .map(|id| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(f.entity, id),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, Box::new(BoostQuery::new(q, 0.0)) as Box<dyn Query>)
                })
                .collect();
            // An unknown entity matches nothing rather than everything.
            let q: Box<dyn Query> = if alts.is_empty() {
                Box::new(BooleanQuery::new(vec![(Occur::MustNot, Box::new(AllQuery))]))
            } else {
                Box::new(BooleanQuery::new(alts))
            };
            parts.push((Occur::Must, q));
        }
        if let Some(s) = &req.source {
            let q = TermQuery::new(Term::from_field_text(f.source, s), IndexRecordOption::Basic);
            parts.push((Occur::Must, Box::new(BoostQuery::new(Box::new(q), 0.0))));
        }
        let query = self.visible(Box::new(BooleanQuery::new(parts)));
        let searcher = self.searcher();
        let (total, top) = searcher.search(
            &*query,
            &(Count, TopDocs::with_limit(req.limit.max(1)).order_by_score()),
        )?;
        let mut snippets = SnippetGenerator::create(&searcher, &*base, f.text)?;
        snippets.set_max_num_chars(200);
        let mut hits = Vec::new();
        for (score, addr) in top.into_iter().take(req.limit) {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let get = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
            let text = get(f.text).unwrap_or_default();
            let mut snippet = snippets.snippet(&text).to_html();
            if snippet.is_empty() {
                snippet = text.chars().take(200).collect();
            }
            hits.push(Hit {
                id: get(f.id).unwrap_or_default(),
                date: doc
                    .get_first(f.date)
                    .and_then(|v| v.as_i64())
                    .map(|d| day_to_string(d as i32))
                    .unwrap_or_default(),
                title: get(f.title),
                lead: lead(&text),
                source: get(f.source),
                score: (f64::from(score) * 10_000.0).round() / 10_000.0,
                snippet,
            });
        }
        let mut aggs = vec![("dates", "date", 1_000_000)];
        if req.facets > 0 {
            aggs.push(("entities", "entity", req.facets));
            aggs.push(("sources", "source", req.facets));
        }
        let buckets = self.terms_aggs(&searcher, &*query, &aggs)?;
        let histogram = Self::histogram(&buckets["dates"], req.by);
        let (top_entities, top_sources) = if req.facets > 0 {
            let mut sources: Vec<NameCount> = buckets["sources"]
                .iter()
                .filter_map(|(k, n)| {
                    Some(NameCount {
                        name: k.as_str()?.to_string(),
                        count: *n,
                    })
                })
                .collect();
            sources.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
            (self.entity_counts(&buckets["entities"], None, req.facets)?, sources)
        } else {
            (Vec::new(), Vec::new())
        };
        Ok(SearchResult {
            total: total as u64,
            hits,
            histogram,
            top_entities,
            top_sources,
        })
    }

    /// The profile of the entity called `name` (name or alias, case-insensitive; the most
    /// mentioned when several match), or `None` when no entity is called that.
    pub fn entity(&self, name: &str, by: Period, limit: usize) -> Result<Option<EntityProfile>> {
        let Some(id) = self.find_entities(name)?.into_iter().next() else {
            return Ok(None);
        };
        let ents = self.entities()?;
        let Some(e) = ents.get(&id) else {
            return Ok(None);
        };
        let (timeline, cooccurring, quotes) = match self.entity_stats(&id)? {
            Some(stats) => self.profile_from_aggregates(&id, stats, by, limit)?,
            None => {
                // A store without aggregates (format 1 or 2, opened read-only): from the index.
                let q = self.visible(Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.entity, &id),
                    IndexRecordOption::Basic,
                )));
                let searcher = self.searcher();
                let buckets = self.terms_aggs(
                    &searcher,
                    &*q,
                    &[("dates", "date", 1_000_000), ("entities", "entity", limit + 1)],
                )?;
                let quotes = self.speaker_quotes(&BTreeSet::from([id.clone()]), |_| true, None, None, limit)?;
                (
                    Self::histogram(&buckets["dates"], by),
                    self.entity_counts(&buckets["entities"], Some(&id), limit)?,
                    quotes,
                )
            }
        };
        Ok(Some(EntityProfile {
            id: id.clone(),
            name: e.name.clone(),
            etype: e.etype.as_str().to_string(),
            link: e.link.clone(),
            aliases: e.aliases.iter().cloned().collect(),
            articles: e.articles,
            mentions: e.mentions,
            first_date: day_to_string(e.first_day),
            last_date: day_to_string(e.last_day),
            timeline,
            cooccurring,
            quotes,
        }))
    }

    /// Timeline, top co-occurring entities and newest quotes from an entity's aggregates: the
    /// cost follows the entity's distinct days and partners, not its articles or the corpus.
    fn profile_from_aggregates(
        &self,
        id: &str,
        stats: EntityStats,
        by: Period,
        limit: usize,
    ) -> Result<(Vec<PeriodCount>, Vec<EntityCount>, Vec<QuoteHit>)> {
        let mut per: BTreeMap<String, u64> = BTreeMap::new();
        for (&day, &n) in &stats.days {
            *per.entry(by.label(from_day(day))).or_default() += n;
        }
        let timeline = per
            .into_iter()
            .map(|(period, count)| PeriodCount { period, count })
            .collect();
        // Most shared articles first, then by id (fixed-width hex: numeric order is id order).
        let mut top: Vec<(u64, u64)> = stats.cooc.iter().map(|(&e, &n)| (e, n)).collect();
        let order = |a: &(u64, u64), b: &(u64, u64)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        if top.len() > limit && limit > 0 {
            top.select_nth_unstable_by(limit - 1, order);
        }
        top.truncate(limit);
        top.sort_by(order);
        let ents = self.entities()?;
        let cooccurring = top
            .into_iter()
            .map(|(e, count)| {
                let other = id_str(e);
                let agg = ents.get(&other);
                EntityCount {
                    name: agg.map(|a| a.name.clone()).unwrap_or_default(),
                    etype: agg.map(|a| a.etype.as_str().to_string()).unwrap_or_default(),
                    id: other,
                    count,
                }
            })
            .collect();
        let quotes = if stats.quotes.len() >= limit || stats.all_quotes_kept() {
            stats.quotes.into_iter().take(limit).map(|q| quote_hit(q, id)).collect()
        } else {
            // More quotes asked for than the aggregates keep.
            self.speaker_quotes(&BTreeSet::from([id.to_string()]), |_| true, None, None, limit)?
        };
        Ok((timeline, cooccurring, quotes))
    }

    /// The newest quotes of the speakers `ids` matching `keep` and the dates, from their
    /// aggregates; `None` when those do not settle the answer (no aggregates, or a speaker with
    /// more quotes than kept and too few of the kept ones match).
    fn quotes_from_aggregates(
        &self,
        ids: &BTreeSet<String>,
        keep: &dyn Fn(&QuoteHit) -> bool,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        limit: usize,
    ) -> Result<Option<Vec<QuoteHit>>> {
        let (lo, hi) = (from.map_or(i32::MIN, to_day), to.map_or(i32::MAX, to_day));
        let mut found: Vec<(StoredQuote, &String)> = Vec::new();
        for id in ids {
            let Some(stats) = self.entity_stats(id)? else {
                return Ok(None);
            };
            let complete = stats.all_quotes_kept();
            let mut mine = 0;
            for q in stats.quotes {
                if q.day < lo || q.day > hi {
                    continue;
                }
                // The kept quotes are the speaker's newest: when `limit` of them match, no older
                // quote can be among the first `limit` answers.
                if keep(&quote_hit(q.clone(), id)) {
                    mine += 1;
                    found.push((q, id));
                }
            }
            if !complete && mine < limit {
                return Ok(None);
            }
        }
        found.sort_by(|a, b| aggregates::quote_order(&a.0, &b.0));
        found.truncate(limit);
        Ok(Some(found.into_iter().map(|(q, id)| quote_hit(q, id)).collect()))
    }

    /// Quotes by speaker, topic and date, latest first.
    pub fn quotes(&self, req: &QuoteRequest) -> Result<Vec<QuoteHit>> {
        let ids: BTreeSet<String> = match &req.speaker {
            Some(s) => self.find_entities(s)?.into_iter().collect(),
            None => BTreeSet::new(),
        };
        let speaker_words = req.speaker.as_ref().map(|s| s.to_lowercase());
        let about = req.about.as_ref().map(|s| s.to_lowercase());
        if !ids.is_empty() {
            let about_ok = |row: &QuoteHit| {
                about
                    .as_ref()
                    .is_none_or(|a| row.text.to_lowercase().contains(a.as_str()))
            };
            if let Some(found) = self.quotes_from_aggregates(&ids, &about_ok, req.from, req.to, req.limit)? {
                return Ok(found);
            }
            // A known speaker: only the articles mentioning it can hold its quotes.
            return self.speaker_quotes(&ids, about_ok, req.from, req.to, req.limit);
        }
        self.quotes_where(
            |row| {
                let by_speaker = match &speaker_words {
                    None => true,
                    Some(w) => {
                        row.speaker_entity.as_ref().is_some_and(|id| ids.contains(id))
                            || row
                                .speaker
                                .as_ref()
                                .is_some_and(|s| s.to_lowercase().contains(w.as_str()))
                    }
                };
                by_speaker
                    && about
                        .as_ref()
                        .is_none_or(|a| row.text.to_lowercase().contains(a.as_str()))
            },
            req.from,
            req.to,
            req.limit,
        )
    }

    /// The latest quotes whose speaker is one of `ids`. Walks the articles that mention them newest
    /// first (an index look-up) and reads only the `quotes` files of those articles' batches,
    /// widening the walk until `limit` quotes are found or the articles run out: the cost follows
    /// the entity's own articles, not the size of the corpus.
    fn speaker_quotes(
        &self,
        ids: &BTreeSet<String>,
        keep: impl Fn(&QuoteHit) -> bool,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        limit: usize,
    ) -> Result<Vec<QuoteHit>> {
        let f = self.fields;
        let alts: Vec<(Occur, Box<dyn Query>)> = ids
            .iter()
            .map(|id| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(f.entity, id),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect();
        let mut parts: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(BooleanQuery::new(alts)))];
        if let Some(r) = self.date_range(from, to) {
            parts.push((Occur::Must, r));
        }
        let q = self.visible(Box::new(BooleanQuery::new(parts)));
        let searcher = self.searcher();
        let mut want = (limit.max(1) * 4).max(32);
        let mut found: Vec<(i32, String, u64, QuoteHit)> = Vec::new();
        let mut done_batches: BTreeSet<u64> = BTreeSet::new();
        loop {
            let top = searcher.search(
                &*q,
                &TopDocs::with_limit(want).order_by_fast_field::<i64>("date", Order::Desc),
            )?;
            // Articles (id) of the batches not read yet.
            let mut by_batch: BTreeMap<u64, BTreeSet<String>> = BTreeMap::new();
            for (_, addr) in &top {
                let doc: TantivyDocument = searcher.doc(*addr)?;
                let batch = doc.get_first(f.batch).and_then(|v| v.as_u64()).unwrap_or(0);
                let id = doc.get_first(f.id).and_then(|v| v.as_str()).unwrap_or("");
                if !done_batches.contains(&batch) {
                    by_batch.entry(batch).or_default().insert(id.to_string());
                }
            }
            for (batch, articles) in &by_batch {
                let Some(entry) = self.manifest.batches.iter().find(|b| b.batch == *batch) else {
                    continue;
                };
                let Some(file) = entry.files.get("quotes") else {
                    continue;
                };
                let path = resolve(&self.dir, &file.path);
                scan_quotes(&path, from, to, &mut |hit, day, idx| {
                    let mine = hit.speaker_entity.as_ref().is_some_and(|s| ids.contains(s));
                    if mine && articles.contains(&hit.article_id) && keep(&hit) {
                        found.push((day, hit.article_id.clone(), idx, hit));
                    }
                })?;
            }
            done_batches.extend(by_batch.keys());
            // A batch read once is read whole, so its other articles' quotes are in `found` too.
            if found.len() >= limit || top.len() < want {
                break;
            }
            want *= 4;
        }
        self.finish_quotes(found, limit)
    }

    /// Newest first (then article, then position), cut to `limit`, with article titles.
    fn finish_quotes(&self, mut found: Vec<(i32, String, u64, QuoteHit)>, limit: usize) -> Result<Vec<QuoteHit>> {
        found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        found.truncate(limit);
        let searcher = self.searcher();
        let mut out = Vec::with_capacity(found.len());
        for (_, _, _, mut hit) in found {
            hit.title = self.title_of(&searcher, &hit.article_id)?;
            out.push(hit);
        }
        Ok(out)
    }

    fn quotes_where(
        &self,
        keep: impl Fn(&QuoteHit) -> bool,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        limit: usize,
    ) -> Result<Vec<QuoteHit>> {
        let mut found: Vec<(i32, String, u64, QuoteHit)> = Vec::new();
        for file in self.manifest.table_files("quotes") {
            let path = resolve(&self.dir, &file.path);
            scan_quotes(&path, from, to, &mut |hit, day, idx| {
                if keep(&hit) {
                    found.push((day, hit.article_id.clone(), idx, hit));
                }
            })?;
        }
        self.finish_quotes(found, limit)
    }

    fn title_of(&self, searcher: &Searcher, id: &str) -> Result<Option<String>> {
        let q = self.visible(Box::new(TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        )));
        let top = searcher.search(&*q, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, addr)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(*addr)?;
        Ok(doc
            .get_first(self.fields.title)
            .and_then(|v| v.as_str())
            .map(str::to_string))
    }

    /// The entity co-occurrence graph of the articles in a date range: an edge joins two entities
    /// mentioned in at least `min` (at least 1) common articles.
    pub fn graph(&self, req: &GraphRequest) -> Result<Graph> {
        if req.from.is_none() && req.to.is_none() {
            if let Some(segs) = self.segments()? {
                // The whole corpus: the co-occurrence counts are already summed per entity.
                // Numeric ids until the nodes are chosen: a corpus has millions of pairs.
                let (weights, articles) = aggregates::all_pairs(segs, req.min.max(1))?;
                return self.finish_graph(weights, articles, req, |&n| id_str(n));
            }
        }
        let (lo, hi) = (req.from.map_or(i32::MIN, to_day), req.to.map_or(i32::MAX, to_day));
        let mut per_article: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for file in self.manifest.table_files("mentions") {
            let path = resolve(&self.dir, &file.path);
            for batch in read_parquet(&path, Some(&["article_id", "date", "entity_id"]))? {
                let c = Cols::new(&batch, &path);
                let (art, date, ent) = (c.str("article_id")?, c.date("date")?, c.str("entity_id")?);
                for i in 0..batch.num_rows() {
                    let day = date.value(i);
                    if day >= lo && day <= hi {
                        per_article
                            .entry(art.value(i).to_string())
                            .or_default()
                            .insert(ent.value(i).to_string());
                    }
                }
            }
        }
        let mut weights: BTreeMap<(String, String), u64> = BTreeMap::new();
        let mut articles: BTreeMap<String, u64> = BTreeMap::new();
        for ents in per_article.values() {
            let v: Vec<&String> = ents.iter().collect();
            for (i, a) in v.iter().enumerate() {
                *articles.entry((*a).clone()).or_default() += 1;
                for b in &v[i + 1..] {
                    *weights.entry(((*a).clone(), (*b).clone())).or_default() += 1;
                }
            }
        }
        self.finish_graph(weights, articles, req, String::clone)
    }

    /// The graph of `weights` (pair, smaller id first → shared articles) and `articles`
    /// (entity → articles): edges of at least `req.min`, cut to `req.nodes` entities. `K` is a
    /// string id or its numeric form, which sort alike (ids are fixed-width hex).
    fn finish_graph<K: Ord + Clone>(
        &self,
        mut weights: BTreeMap<(K, K), u64>,
        articles: BTreeMap<K, u64>,
        req: &GraphRequest,
        id: impl Fn(&K) -> String,
    ) -> Result<Graph> {
        let min = req.min.max(1);
        weights.retain(|_, w| *w >= min);
        let total_edges = weights.len();
        let mut in_edges: BTreeSet<&K> = weights.keys().flat_map(|(a, b)| [a, b]).collect();
        let total_nodes = in_edges.len();
        if let Some(n) = req.nodes.filter(|&n| n < total_nodes) {
            let count = |k: &K| articles.get(k).copied().unwrap_or(0);
            let mut ranked: Vec<&K> = in_edges.into_iter().collect();
            // Most articles first; ties keep id order (the sort is stable).
            ranked.sort_by_key(|k| std::cmp::Reverse(count(k)));
            ranked.truncate(n);
            let kept: BTreeSet<K> = ranked.into_iter().cloned().collect();
            weights.retain(|(a, b), _| kept.contains(a) && kept.contains(b));
            in_edges = weights.keys().flat_map(|(a, b)| [a, b]).collect();
        }
        let mut edges: Vec<GraphEdge> = weights
            .iter()
            .map(|((a, b), &weight)| GraphEdge {
                source: id(a),
                target: id(b),
                weight,
            })
            .collect();
        edges.sort_by(|a, b| {
            b.weight
                .cmp(&a.weight)
                .then_with(|| a.source.cmp(&b.source))
                .then_with(|| a.target.cmp(&b.target))
        });
        let ents = self.entities()?;
        let nodes = in_edges
            .into_iter()
            .map(|k| {
                let key = id(k);
                let e = ents.get(&key);
                GraphNode {
                    name: e.map(|e| e.name.clone()).unwrap_or_default(),
                    etype: e.map(|e| e.etype.as_str().to_string()).unwrap_or_default(),
                    articles: articles.get(k).copied().unwrap_or(0),
                    id: key,
                }
            })
            .collect();
        Ok(Graph {
            nodes,
            edges,
            total_nodes,
            total_edges,
        })
    }

    /// Counts of everything in the store.
    pub fn stats(&self) -> Result<Stats> {
        let m = &self.manifest;
        let searcher = self.searcher();
        let q = self.visible(Box::new(AllQuery));
        let buckets = self.terms_aggs(&searcher, &*q, &[("sources", "source", 1_000_000)])?;
        let (mut first, mut last) = (None::<i32>, None::<i32>);
        for file in m.table_files("articles") {
            let path = resolve(&self.dir, &file.path);
            for batch in read_parquet(&path, Some(&["date"]))? {
                let c = Cols::new(&batch, &path);
                let d = c.date("date")?;
                for i in 0..d.len() {
                    let v = d.value(i);
                    first = Some(first.map_or(v, |f| f.min(v)));
                    last = Some(last.map_or(v, |l| l.max(v)));
                }
            }
        }
        let tables = crate::rows::ALL_TABLES
            .iter()
            .map(|t| TableStats {
                table: t.to_string(),
                rows: m.table_rows(t),
                files: m.table_files(t).len() as u64,
            })
            .collect();
        Ok(Stats {
            format_version: m.version,
            batches: m.batches.len() as u64,
            articles: m.articles(),
            duplicates: m.duplicates(),
            entities: m.table_rows("entities"),
            sources: buckets["sources"].len() as u64,
            first_date: first.map(day_to_string),
            last_date: last.map(day_to_string),
            tables,
            bytes: dir_bytes(&self.dir),
        })
    }

    /// The full analysis of the article with id `id`: the output-contract document (schema v2,
    /// `docs/schema.md`) that `newsgraph analyze` printed for it, without tokens; `None` when no
    /// such article is stored. An article of a format-1 store has none
    /// ([`StoreError::AnalysisMissing`]).
    pub fn article(&self, id: &str) -> Result<Option<serde_json::Value>> {
        let q = self.visible(Box::new(TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        )));
        let searcher = self.searcher();
        let top = searcher.search(&*q, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, addr)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(*addr)?;
        let batch = doc.get_first(self.fields.batch).and_then(|v| v.as_u64());
        let text = doc
            .get_first(self.fields.text)
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let file = self
            .manifest
            .batches
            .iter()
            .find(|b| Some(b.batch) == batch)
            .and_then(|b| b.files.get("analyses"));
        let Some(file) = file else {
            return Err(StoreError::AnalysisMissing { id: id.to_string() });
        };
        let path = resolve(&self.dir, &file.path);
        let mut row = None;
        let mut seen = 0;
        for b in read_parquet(&path, Some(&["article_id"]))? {
            let ids = Cols::new(&b, &path).str("article_id")?.clone();
            if let Some(i) = (0..ids.len()).find(|&i| ids.value(i) == id) {
                row = Some(seen + i);
                break;
            }
            seen += ids.len();
        }
        let corrupt = |message: String| StoreError::Corrupt {
            path: path.clone(),
            message,
        };
        let row = row.ok_or_else(|| corrupt(format!("no analysis of article {id}")))?;
        let batches = crate::table::read_parquet_row(&path, &["analysis"], row)?;
        let stored = batches
            .first()
            .filter(|b| b.num_rows() == 1)
            .map(|b| Cols::new(b, &path).str("analysis").map(|a| a.value(0).to_string()))
            .transpose()?
            .ok_or_else(|| corrupt(format!("row {row} is missing")))?;
        crate::analysis::expand(&stored, text)
            .map(Some)
            .map_err(|e| corrupt(format!("analysis of article {id}: {e}")))
    }

    /// Number of index documents with `id`, among committed batches: 1 for every stored article.
    pub fn count_id(&self, id: &str) -> Result<u64> {
        let q = self.visible(Box::new(TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        )));
        Ok(self.searcher().search(&*q, &Count)? as u64)
    }

    /// Ids of every stored article, from the `articles` table, in batch order.
    pub fn article_ids(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for file in self.manifest.table_files("articles") {
            let path = resolve(&self.dir, &file.path);
            for batch in read_parquet(&path, Some(&["id"]))? {
                let c = Cols::new(&batch, &path);
                let ids = c.str("id")?;
                out.extend((0..ids.len()).map(|i| ids.value(i).to_string()));
            }
        }
        Ok(out)
    }
}

/// What [`Store::verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// Articles the manifest lists.
    pub articles: u64,
    /// Parquet files read.
    pub files: u64,
    /// Rows read from them.
    pub rows: u64,
}

impl Store {
    /// Checks the store against its manifest: every listed Parquet file has the rows the manifest
    /// says, the index holds exactly the listed articles, and each article id once.
    pub fn verify(&self) -> Result<VerifyReport> {
        let m = &self.manifest;
        let mut report = VerifyReport {
            articles: m.articles(),
            files: 0,
            rows: 0,
        };
        for table in crate::rows::STORED_TABLES {
            for file in m.table_files(table) {
                let path = resolve(&self.dir, &file.path);
                let rows = crate::table::parquet_rows(&path)?;
                if rows != file.rows {
                    return Err(StoreError::Corrupt {
                        path,
                        message: format!("{rows} rows where the manifest lists {}", file.rows),
                    });
                }
                report.files += 1;
                report.rows += rows;
            }
        }
        if let Some(segs) = &m.aggregates {
            // Contiguous from batch 1 to the last batch, each file whole and as listed.
            let mut next = 1;
            for e in segs {
                if e.first_batch != next || e.last_batch < e.first_batch {
                    return Err(StoreError::Corrupt {
                        path: resolve(&self.dir, &e.path),
                        message: format!(
                            "aggregates of batches {}..={}, expected from {next}",
                            e.first_batch, e.last_batch
                        ),
                    });
                }
                next = e.last_batch + 1;
                Segment::open(&self.dir, e)?.check(e)?;
                report.files += 1;
                report.rows += e.entities;
            }
            if next != m.last_batch() + 1 {
                return Err(StoreError::Corrupt {
                    path: self.dir.join(crate::aggregates::DIR),
                    message: format!(
                        "aggregates cover batches up to {}, the store has {}",
                        next - 1,
                        m.last_batch()
                    ),
                });
            }
        }
        let ids = self.article_ids()?;
        let corrupt = |message: String| StoreError::Corrupt {
            path: self.dir.join("index"),
            message,
        };
        if ids.len() as u64 != m.articles() {
            return Err(corrupt(format!(
                "the articles table has {} rows, the manifest lists {}",
                ids.len(),
                m.articles()
            )));
        }
        let indexed = self.searcher().search(&*self.visible(Box::new(AllQuery)), &Count)? as u64;
        if indexed != m.articles() {
            return Err(corrupt(format!(
                "{indexed} articles indexed, the manifest lists {}",
                m.articles()
            )));
        }
        for id in &ids {
            let n = self.count_id(id)?;
            if n != 1 {
                return Err(corrupt(format!("article {id} is indexed {n} times")));
            }
        }
        Ok(report)
    }
}

fn dir_bytes(dir: &Path) -> u64 {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return 0;
    };
    rd.flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_bytes(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// Normalized canonical names and aliases → entity ids, the most mentioned first.
fn name_index(ents: &BTreeMap<String, EntityAgg>) -> HashMap<String, Vec<String>> {
    let mut names: HashMap<String, Vec<(u64, String)>> = HashMap::new();
    for (id, e) in ents {
        let mut keys: BTreeSet<String> = e.aliases.iter().map(|a| normalize_name(a)).collect();
        keys.insert(normalize_name(&e.name));
        for k in keys {
            names.entry(k).or_default().push((e.articles, id.clone()));
        }
    }
    names
        .into_iter()
        .map(|(k, mut v)| {
            v.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            (k, v.into_iter().map(|(_, id)| id).collect())
        })
        .collect()
}

/// Longest lead before it is cut, in characters.
const LEAD_CHARS: usize = 140;

/// The first non-blank line of `text`, whitespace-collapsed, cut at the last space within
/// [`LEAD_CHARS`] (or at [`LEAD_CHARS`] in a text without spaces) and marked " …" when cut.
pub(crate) fn lead(text: &str) -> String {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let words: Vec<&str> = first.split_whitespace().collect();
    let line = words.join(" ");
    if line.chars().count() <= LEAD_CHARS {
        return line;
    }
    let cut: String = line.chars().take(LEAD_CHARS).collect();
    let kept = match cut.rfind(' ') {
        Some(i) if i > 0 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{} …", kept.trim_end_matches([',', ';', ':', '-', ' ']))
}

/// A kept quote of the speaker `speaker` as a quote hit.
fn quote_hit(q: StoredQuote, speaker: &str) -> QuoteHit {
    QuoteHit {
        text: q.text,
        kind: q.kind,
        speaker: q.speaker,
        speaker_entity: Some(speaker.to_string()),
        speaker_name: q.speaker_name,
        cue: q.cue,
        date: day_to_string(q.day),
        article_id: q.article_id,
        title: q.title,
        context: q.context,
    }
}

/// Calls `each` with every quote row of one `quotes` file inside the date range (both ends
/// inclusive), with the row's day and its index within its article. Queries and the writer's
/// upgrade of old stores read quote rows through this one place.
pub(crate) fn scan_quotes(
    path: &Path,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    each: &mut dyn FnMut(QuoteHit, i32, u64),
) -> Result<()> {
    let (lo, hi) = (from.map_or(i32::MIN, to_day), to.map_or(i32::MAX, to_day));
    for batch in read_parquet(path, None)? {
        let c = Cols::new(&batch, path);
        let (art, date, idx) = (c.str("article_id")?, c.date("date")?, c.u64("quote_index")?);
        let (kind, text, speaker) = (c.str("kind")?, c.str("text")?, c.str("speaker")?);
        let (sid, sname, cue, ctx) = (
            c.str("speaker_entity_id")?,
            c.str("speaker_name")?,
            c.str("cue")?,
            c.str("context")?,
        );
        for i in 0..batch.num_rows() {
            let day = date.value(i);
            if day < lo || day > hi {
                continue;
            }
            let hit = QuoteHit {
                text: text.value(i).to_string(),
                kind: kind.value(i).to_string(),
                speaker: opt_str(speaker, i),
                speaker_entity: opt_str(sid, i),
                speaker_name: opt_str(sname, i),
                cue: opt_str(cue, i),
                date: day_to_string(day),
                article_id: art.value(i).to_string(),
                title: None,
                context: ctx.value(i).to_string(),
            };
            each(hit, day, idx.value(i));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::lead;

    #[test]
    fn lead_is_the_first_paragraph_cut_at_a_word() {
        assert_eq!(lead("\n  Short opening.\n\nSecond paragraph."), "Short opening.");
        let long = format!("{} tail", "word ".repeat(40));
        let l = lead(&long);
        assert!(l.ends_with(" …"), "{l}");
        assert!(l.chars().count() <= super::LEAD_CHARS + 2, "{l}");
        assert!(!l.contains("  ") && !l.contains("tail"), "{l}");
        // A code-point cut, never a byte cut inside a character.
        let han = "中".repeat(200);
        assert_eq!(lead(&han).chars().count(), super::LEAD_CHARS + 2);
        assert_eq!(lead(""), "");
    }
}
