//! The JSON API: one handler per route, each parsing its parameters strictly and running its store
//! query or analysis on the blocking pool under the query time limit.

use std::collections::BTreeSet;

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Json;
use newsgraph_core::output::OutputOptions;
use newsgraph_core::{Article, Doc};
use newsgraph_store::{GraphRequest, QuoteRequest, SearchRequest};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::params::{date_order, Params};
use crate::state::AppState;

/// The OpenAPI 3.1 description of every route below, served at `/api/openapi.json`.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// Every API route: method, path (OpenAPI template syntax) and handler. The router is built from
/// this table and the OpenAPI test compares it with `openapi.json`, so the two cannot drift.
pub fn routes() -> Vec<(&'static str, &'static str, MethodRouter<AppState>)> {
    vec![
        ("get", "/api/search", get(search)),
        ("get", "/api/articles/{id}", get(article)),
        ("get", "/api/entities", get(entities)),
        ("get", "/api/entities/{id}", get(entity)),
        ("get", "/api/quotes", get(quotes)),
        ("get", "/api/graph", get(graph)),
        ("get", "/api/stats", get(stats)),
        ("post", "/api/analyze", post(analyze)),
        ("post", "/api/sql", post(sql)),
        ("get", "/api/openapi.json", get(openapi)),
    ]
}

type ApiResult = Result<Json<Value>, ApiError>;

fn to_json(v: &impl serde::Serialize) -> Result<Value, ApiError> {
    serde_json::to_value(v).map_err(|e| ApiError::internal(format!("encoding the answer: {e}")))
}

/// A JSON body whose rejection (malformed JSON, wrong content type, too large, missing field) is
/// answered in the API's error format with the rejection's own 4xx status.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(JsonBody(v)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(r: JsonRejection) -> ApiError {
    let status = r.status();
    let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
        "request body too large".to_string()
    } else {
        r.body_text()
    };
    ApiError { status, message }
}

async fn search(State(st): State<AppState>, uri: Uri) -> ApiResult {
    let p = Params::parse(
        &uri,
        &["q", "from", "to", "entity", "source", "limit", "offset", "by", "facets"],
    )?;
    let (from, to) = (p.date("from")?, p.date("to")?);
    date_order(from, to)?;
    let limit = p.number("limit", 20, 100)? as usize;
    let offset = p.number("offset", 0, 10_000)? as usize;
    let req = SearchRequest {
        query: p.str("q").unwrap_or_default(),
        from,
        to,
        entity: p.str("entity"),
        source: p.str("source"),
        // The store returns the best `limit`; a page further down is the tail of a longer list.
        limit: offset + limit,
        facets: p.number("facets", 10, 100)? as usize,
        by: p.period("by")?,
    };
    st.blocking(move |store, _| {
        let mut res = store.search(&req)?;
        res.hits.drain(..offset.min(res.hits.len()));
        let mut v = to_json(&res)?;
        if let Some(o) = v.as_object_mut() {
            o.insert("offset".into(), json!(offset));
            o.insert("limit".into(), json!(limit));
        }
        Ok(Json(v))
    })
    .await
}

async fn article(State(st): State<AppState>, Path(id): Path<String>, uri: Uri) -> ApiResult {
    Params::parse(&uri, &[])?;
    st.blocking(move |store, _| match store.article(&id)? {
        Some(doc) => Ok(Json(doc)),
        None => Err(ApiError::not_found(format!("no article with id `{id}`"))),
    })
    .await
}

/// Entities whose name or alias is `q` (exact, ignoring case and spacing), then entities of
/// articles matching `q`'s words whose name contains `q`: what a search box suggests.
async fn entities(State(st): State<AppState>, uri: Uri) -> ApiResult {
    let p = Params::parse(&uri, &["q", "limit"])?;
    let q = p
        .str("q")
        .ok_or_else(|| ApiError::bad_request("parameter `q` (a name or alias) is required"))?;
    let limit = p.number("limit", 20, 200)? as usize;
    st.blocking(move |store, _| {
        let exact = store.find_entities(&q)?;
        let words: Vec<String> = q
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let mut facets = Vec::new();
        if !words.is_empty() {
            let res = store.search(&SearchRequest {
                query: words.join(" AND "),
                limit: 0,
                facets: 500,
                ..Default::default()
            })?;
            facets = res.top_entities;
        }
        let mut out = Vec::new();
        let mut seen = BTreeSet::new();
        for id in &exact {
            let found = match facets.iter().find(|e| &e.id == id) {
                Some(e) => Some(e.clone()),
                // Mentioned only in articles the word search missed: look it up through its own articles.
                None => store
                    .search(&SearchRequest {
                        entity: Some(id.clone()),
                        limit: 0,
                        facets: 1000,
                        ..Default::default()
                    })?
                    .top_entities
                    .into_iter()
                    .find(|e| &e.id == id),
            };
            if let Some(e) = found {
                seen.insert(e.id.clone());
                out.push(json!({"id": e.id, "name": e.name, "type": e.etype, "articles": e.count, "match": "exact"}));
            }
        }
        let needle = q.to_lowercase();
        for e in facets {
            if !seen.contains(&e.id) && e.name.to_lowercase().contains(&needle) {
                seen.insert(e.id.clone());
                out.push(json!({"id": e.id, "name": e.name, "type": e.etype, "articles": e.count, "match": "partial"}));
            }
        }
        out.truncate(limit);
        Ok(Json(json!({"query": q, "entities": out})))
    })
    .await
}

async fn entity(State(st): State<AppState>, Path(id): Path<String>, uri: Uri) -> ApiResult {
    let p = Params::parse(&uri, &["by", "limit"])?;
    let by = p.period("by")?;
    let limit = p.number("limit", 20, 200)? as usize;
    st.blocking(move |store, _| {
        let Some(profile) = store.entity(&id, by, limit)? else {
            return Err(ApiError::not_found(format!("no entity with id or name `{id}`")));
        };
        let found = store.search(&SearchRequest {
            entity: Some(profile.id.clone()),
            limit,
            ..Default::default()
        })?;
        let mut articles = found.hits;
        articles.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
        let mut v = to_json(&profile)?;
        if let Some(o) = v.as_object_mut() {
            o.insert("article_hits".into(), to_json(&articles)?);
        }
        Ok(Json(v))
    })
    .await
}

async fn quotes(State(st): State<AppState>, uri: Uri) -> ApiResult {
    let p = Params::parse(&uri, &["speaker", "q", "from", "to", "limit"])?;
    let (from, to) = (p.date("from")?, p.date("to")?);
    date_order(from, to)?;
    let req = QuoteRequest {
        speaker: p.str("speaker"),
        about: p.str("q"),
        from,
        to,
        limit: p.number("limit", 50, 1000)? as usize,
    };
    st.blocking(move |store, _| Ok(Json(json!({"quotes": to_json(&store.quotes(&req)?)?}))))
        .await
}

async fn graph(State(st): State<AppState>, uri: Uri) -> ApiResult {
    let p = Params::parse(&uri, &["q", "from", "to", "min", "nodes"])?;
    let (from, to) = (p.date("from")?, p.date("to")?);
    date_order(from, to)?;
    let min = p.number("min", 1, 1_000_000)?.max(1);
    let max_nodes = p.number("nodes", 100, 2000)? as usize;
    if let Some(q) = p.str("q") {
        return st
            .blocking(move |store, _| Ok(Json(query_graph(store, &q, from, to, min, max_nodes)?)))
            .await;
    }
    // The store-wide graph is kept by the state; a dated one is computed per request.
    let g = if from.is_none() && to.is_none() {
        let state = st.clone();
        st.blocking(move |_, _| state.store_graph(min, max_nodes)).await?
    } else {
        let req = GraphRequest {
            from,
            to,
            min,
            nodes: Some(max_nodes),
        };
        st.blocking(move |store, _| Ok(std::sync::Arc::new(store.graph(&req)?)))
            .await?
    };
    Ok(Json(json!({
        "nodes": to_json(&g.nodes)?,
        "edges": to_json(&g.edges)?,
        "total_nodes": g.total_nodes,
        "total_edges": g.total_edges,
    })))
}

/// Most co-occurring entities asked of one search: enough that an entity's partners among the
/// kept nodes are all in the answer, whatever else its articles mention.
const PARTNERS: usize = 100_000;

/// The co-occurrence network of the articles matching `q` (and the date range): the `max_nodes`
/// entities in most of those articles, and for each pair the number of those articles that
/// mention both. The store's graph walks every mention of a date range; a query's articles are
/// instead found through the index, one search for the query and one per kept entity (the
/// query's articles that mention it, with their entity facet), so the cost grows with the nodes
/// drawn and the articles matched, not with the store.
fn query_graph(
    store: &newsgraph_store::Store,
    q: &str,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    min: u64,
    max_nodes: usize,
) -> Result<Value, ApiError> {
    let base = SearchRequest {
        query: q.to_string(),
        from,
        to,
        limit: 0,
        facets: PARTNERS,
        ..Default::default()
    };
    let all = store.search(&base)?;
    let total_nodes = all.top_entities.len();
    let mut candidates = all.top_entities;
    candidates.truncate(max_nodes);
    let rank: std::collections::HashMap<&str, usize> =
        candidates.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
    let mut edges = Vec::new();
    for (i, a) in candidates.iter().enumerate() {
        if i + 1 == candidates.len() {
            break; // Its partners among the kept nodes were all counted from their side.
        }
        let with_a = store.search(&SearchRequest {
            entity: Some(a.id.clone()),
            ..base.clone()
        })?;
        for b in with_a.top_entities {
            // Each pair once: from the side of the entity in more articles (earlier in the list).
            let later = rank.get(b.id.as_str()).is_some_and(|&r| r > i);
            if later && b.count >= min {
                let (source, target) = if a.id < b.id { (&a.id, &b.id) } else { (&b.id, &a.id) };
                edges.push(json!({"source": source, "target": target, "weight": b.count}));
            }
        }
    }
    edges.sort_by(|x, y| {
        y["weight"]
            .as_u64()
            .cmp(&x["weight"].as_u64())
            .then_with(|| x["source"].as_str().cmp(&y["source"].as_str()))
            .then_with(|| x["target"].as_str().cmp(&y["target"].as_str()))
    });
    let linked: BTreeSet<&str> = edges
        .iter()
        .flat_map(|e| [e["source"].as_str(), e["target"].as_str()])
        .flatten()
        .collect();
    let nodes: Vec<Value> = candidates
        .iter()
        .filter(|e| linked.contains(e.id.as_str()))
        .map(|e| json!({"id": e.id, "name": e.name, "type": e.etype, "articles": e.count}))
        .collect();
    Ok(json!({
        "query": q,
        "articles": all.total,
        "nodes": nodes,
        "edges": edges,
        "total_nodes": total_nodes,
        "total_edges": null,
    }))
}

async fn stats(State(st): State<AppState>, uri: Uri) -> ApiResult {
    Params::parse(&uri, &[])?;
    st.blocking(|store, _| Ok(Json(to_json(&store.stats()?)?))).await
}

/// The body of `POST /api/analyze`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalyzeRequest {
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// The article text.
    pub text: String,
    /// Headline.
    pub title: Option<String>,
    /// Publisher.
    pub source: Option<String>,
    /// Source URL.
    pub url: Option<String>,
}

async fn analyze(State(st): State<AppState>, uri: Uri, JsonBody(req): JsonBody<AnalyzeRequest>) -> ApiResult {
    Params::parse(&uri, &[])?;
    let date = newsgraph_input::parse_date(&req.date)
        .map_err(|e| ApiError::bad_request(format!("field `date`: {e} (expected YYYY-MM-DD)")))?;
    if req.text.trim().is_empty() {
        return Err(ApiError::bad_request("field `text` is empty"));
    }
    let mut article = Article::new(req.text, date);
    article.title = req.title;
    article.source = req.source;
    article.url = req.url;
    st.blocking(move |_, pipeline| {
        let mut doc = Doc::new(article);
        pipeline
            .process(&mut doc)
            .map_err(|e| ApiError::internal(format!("analysis failed: {e}")))?;
        Ok(Json(to_json(&doc.to_output(OutputOptions::default()))?))
    })
    .await
}

/// The body of `POST /api/sql`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SqlRequest {
    /// One read-only SQL statement over the store's tables.
    pub query: String,
    /// Most rows to return (1 to 10,000; 1,000 by default).
    pub limit: Option<usize>,
}

async fn sql(State(st): State<AppState>, uri: Uri, JsonBody(req): JsonBody<SqlRequest>) -> ApiResult {
    Params::parse(&uri, &[])?;
    if req.query.trim().is_empty() {
        return Err(ApiError::bad_request("field `query` is empty"));
    }
    let limit = req.limit.unwrap_or(1000);
    if !(1..=10_000).contains(&limit) {
        return Err(ApiError::bad_request(format!(
            "field `limit`: {limit} is not from 1 to 10000"
        )));
    }
    let timeout = st.limits.query_time;
    st.blocking(move |store, _| {
        let res = store.sql_with_timeout(&req.query, limit, timeout)?;
        Ok(Json(to_json(&res)?))
    })
    .await
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}
