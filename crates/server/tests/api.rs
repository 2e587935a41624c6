//! Every API endpoint, and every kind of bad input, through the router (no socket).
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::BodyExt;
use newsgraph_server::{router, AppState};
use serde_json::{json, Value};
use tower::ServiceExt;

async fn send(state: &AppState, req: Request<Body>) -> (StatusCode, String, Value) {
    let res = router(state.clone(), false).oneshot(req).await.unwrap();
    let status = res.status();
    let ctype = res
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let json = if ctype.starts_with("application/json") {
        serde_json::from_slice(&bytes).unwrap()
    } else {
        Value::String(String::from_utf8_lossy(&bytes).into_owned())
    };
    (status, ctype, json)
}

async fn get(uri: &str) -> (StatusCode, Value) {
    let req = Request::get(uri).body(Body::empty()).unwrap();
    let (status, _, v) = send(&common::fixture().state, req).await;
    (status, v)
}

async fn post(uri: &str, body: impl Into<Body>) -> (StatusCode, Value) {
    let req = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.into())
        .unwrap();
    let (status, _, v) = send(&common::fixture().state, req).await;
    (status, v)
}

/// Asserts a 4xx JSON error whose message contains `needle`.
fn assert_error(got: (StatusCode, Value), status: StatusCode, needle: &str) {
    let (s, v) = got;
    assert_eq!(s, status, "{v}");
    let msg = v["error"].as_str().unwrap_or_else(|| panic!("no error message in {v}"));
    assert!(msg.contains(needle), "error {msg:?} should mention {needle:?}");
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

// ---------- search ----------

#[tokio::test]
async fn search_finds_hits_with_histogram_and_facets() {
    let (s, v) = get("/api/search?q=flood+barrier&by=month").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["total"], 2);
    let hits = v["hits"].as_array().unwrap();
    assert!(hits.iter().all(|h| h["snippet"].as_str().unwrap().contains("<b>")));
    // Untitled articles (the `.txt` examples) still get a line to show: their opening.
    for h in hits {
        let lead = h["lead"].as_str().unwrap();
        assert!(!lead.is_empty() && lead.chars().count() <= 142, "{h}");
        let (_, doc) = get(&format!("/api/articles/{}", h["id"].as_str().unwrap())).await;
        let opening: Vec<&str> = doc["text"].as_str().unwrap().split_whitespace().collect();
        assert!(opening.join(" ").starts_with(lead.trim_end_matches(" …")), "{h}");
    }
    let periods: Vec<_> = v["histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["period"].clone())
        .collect();
    assert_eq!(periods, vec![json!("2019-03"), json!("2019-04")]);
    assert!(names(&v["top_entities"]).iter().any(|n| n.contains("Okafor")), "{v}");
    assert_eq!(v["top_sources"][0]["name"], "Harbour Post");
}

#[tokio::test]
async fn search_filters_by_date_entity_and_source_and_pages() {
    let (_, v) = get("/api/search?from=2019-04-01&to=2019-04-30").await;
    assert_eq!(v["total"], 2, "{v}");
    let (_, v) = get("/api/search?entity=Helen+Okafor").await;
    assert_eq!(v["total"], 3, "{v}");
    let (_, v) = get("/api/search?source=Farm+Wire").await;
    assert_eq!(v["total"], 1, "{v}");
    let (_, all) = get("/api/search?limit=4").await;
    let (_, page) = get("/api/search?limit=2&offset=2").await;
    assert_eq!(page["offset"], 2);
    assert_eq!(page["hits"].as_array().unwrap().len(), 2);
    assert_eq!(page["hits"][0]["id"], all["hits"][2]["id"]);
}

#[tokio::test]
async fn search_rejects_bad_parameters() {
    assert_error(
        get("/api/search?from=2015-02-29").await,
        StatusCode::BAD_REQUEST,
        "2015-02-29",
    );
    assert_error(get("/api/search?to=yesterday").await, StatusCode::BAD_REQUEST, "`to`");
    assert_error(get("/api/search?colour=red").await, StatusCode::BAD_REQUEST, "colour");
    assert_error(
        get("/api/search?by=fortnight").await,
        StatusCode::BAD_REQUEST,
        "fortnight",
    );
    assert_error(get("/api/search?limit=many").await, StatusCode::BAD_REQUEST, "limit");
    assert_error(get("/api/search?limit=100000").await, StatusCode::BAD_REQUEST, "limit");
    assert_error(
        get("/api/search?q=a&q=b").await,
        StatusCode::BAD_REQUEST,
        "more than once",
    );
    assert_error(
        get("/api/search?from=2019-05-01&to=2019-01-01").await,
        StatusCode::BAD_REQUEST,
        "after",
    );
    assert_error(get("/api/search?q=title:(").await, StatusCode::BAD_REQUEST, "query");
}

// ---------- articles ----------

#[tokio::test]
async fn article_has_the_full_analysis() {
    let (_, found) = get("/api/search?q=wheat").await;
    let id = found["hits"][0]["id"].as_str().unwrap().to_string();
    let (s, v) = get(&format!("/api/articles/{id}")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["id"], id.as_str());
    assert_eq!(v["date"], "2019-04-20");
    assert!(v["text"].as_str().unwrap().starts_with("Wheat prices"));
    assert!(names(&v["entities"]).iter().any(|n| n == "Maria Gonzalez"), "{v}");
    assert!(!v["quotes"].as_array().unwrap().is_empty());
    assert!(!v["timexes"].as_array().unwrap().is_empty());
    assert!(!v["amounts"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn unknown_article_is_404() {
    assert_error(
        get("/api/articles/0000deadbeef").await,
        StatusCode::NOT_FOUND,
        "0000deadbeef",
    );
    assert_error(get("/api/articles/x?full=1").await, StatusCode::BAD_REQUEST, "full");
}

// ---------- entities ----------

#[tokio::test]
async fn entity_lookup_by_name_alias_and_part() {
    let (s, v) = get("/api/entities?q=helen+okafor").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["entities"][0]["name"], "Helen Okafor", "{v}");
    assert_eq!(v["entities"][0]["match"], "exact");
    assert_eq!(v["entities"][0]["articles"], 3);
    // One word of a name finds the entity too.
    let (_, v) = get("/api/entities?q=okafor").await;
    assert!(names(&v["entities"]).contains(&"Helen Okafor".to_string()), "{v}");
    let (_, v) = get("/api/entities?q=Rotterdam").await;
    assert!(names(&v["entities"]).iter().any(|n| n == "Rotterdam"), "{v}");
    assert_error(get("/api/entities").await, StatusCode::BAD_REQUEST, "`q`");
    assert_error(get("/api/entities?name=x").await, StatusCode::BAD_REQUEST, "name");
}

#[tokio::test]
async fn entity_profile_has_timeline_cooccurrence_quotes_and_articles() {
    let (_, found) = get("/api/entities?q=Helen+Okafor").await;
    let id = found["entities"][0]["id"].as_str().unwrap().to_string();
    let (s, v) = get(&format!("/api/entities/{id}?by=month")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["name"], "Helen Okafor");
    let timeline: Vec<_> = v["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["period"].clone())
        .collect();
    assert_eq!(timeline, vec![json!("2019-03"), json!("2019-04"), json!("2019-05")]);
    assert!(names(&v["cooccurring"]).iter().any(|n| n == "Rotterdam"), "{v}");
    assert!(!v["quotes"].as_array().unwrap().is_empty(), "{v}");
    assert_eq!(v["article_hits"].as_array().unwrap().len(), 3);
    // Latest article first.
    assert_eq!(v["article_hits"][0]["date"], "2019-05-06");
}

#[tokio::test]
async fn place_profile_has_coordinates() {
    let (_, v) = get("/api/entities/Rotterdam").await;
    let link = &v["link"];
    assert!(
        link["lat"].as_f64().is_some_and(|lat| (51.0..52.5).contains(&lat)),
        "{v}"
    );
}

#[tokio::test]
async fn unknown_entity_is_404_and_bad_period_400() {
    assert_error(
        get("/api/entities/nobody-at-all").await,
        StatusCode::NOT_FOUND,
        "nobody-at-all",
    );
    assert_error(
        get("/api/entities/Rotterdam?by=year").await,
        StatusCode::BAD_REQUEST,
        "year",
    );
}

// ---------- quotes, graph, stats ----------

#[tokio::test]
async fn quotes_by_speaker_topic_and_date() {
    let (s, v) = get("/api/quotes?speaker=Okafor").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let quotes = v["quotes"].as_array().unwrap();
    assert!(quotes.len() >= 2, "{v}");
    assert!(quotes.iter().all(|q| q["speaker_name"] == "Helen Okafor"), "{v}");
    let (_, v) = get("/api/quotes?q=storm").await;
    assert_eq!(v["quotes"].as_array().unwrap().len(), 1, "{v}");
    let (_, v) = get("/api/quotes?speaker=Okafor&from=2019-04-01&to=2019-04-30").await;
    assert!(
        v["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["date"] == "2019-04-02"),
        "{v}"
    );
    assert_error(
        get("/api/quotes?from=2019-13-01").await,
        StatusCode::BAD_REQUEST,
        "2019-13-01",
    );
    assert_error(get("/api/quotes?about=x").await, StatusCode::BAD_REQUEST, "about");
}

#[tokio::test]
async fn graph_links_entities_of_shared_articles() {
    let (s, v) = get("/api/graph?min=2").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let ns = names(&v["nodes"]);
    assert!(
        ns.contains(&"Helen Okafor".to_string()) && ns.contains(&"Rotterdam".to_string()),
        "{v}"
    );
    assert!(v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["weight"].as_u64().unwrap() >= 2));
    let (_, small) = get("/api/graph?nodes=2").await;
    assert!(small["nodes"].as_array().unwrap().len() <= 2);
    let (_, wheat) = get("/api/graph?from=2019-04-15&to=2019-04-25").await;
    assert!(!names(&wheat["nodes"]).contains(&"Helen Okafor".to_string()), "{wheat}");
    assert_error(get("/api/graph?min=-1").await, StatusCode::BAD_REQUEST, "min");
    assert_error(
        get("/api/graph?to=2015-02-29").await,
        StatusCode::BAD_REQUEST,
        "2015-02-29",
    );
}

/// The store-wide graph is kept per `(min, nodes)`: every answer, first or repeated, in any
/// order, equals the store's own graph for those parameters (never another key's answer).
#[tokio::test]
async fn kept_store_graphs_answer_their_own_parameters() {
    let store = common::fixture().state.store();
    for (min, nodes) in [(1, 80), (2, 80), (1, 2), (1, 80), (2, 2), (2, 80)] {
        let (s, v) = get(&format!("/api/graph?min={min}&nodes={nodes}")).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        let g = store
            .graph(&newsgraph_store::GraphRequest {
                from: None,
                to: None,
                min,
                nodes: Some(nodes),
            })
            .unwrap();
        assert_eq!(
            v["nodes"],
            serde_json::to_value(&g.nodes).unwrap(),
            "min {min} nodes {nodes}"
        );
        assert_eq!(
            v["edges"],
            serde_json::to_value(&g.edges).unwrap(),
            "min {min} nodes {nodes}"
        );
        assert_eq!(v["total_edges"], g.total_edges, "min {min} nodes {nodes}");
    }
}

#[tokio::test]
async fn graph_of_a_query_counts_only_its_articles() {
    // The two harbour articles mention the flood barrier; the summit and wheat ones do not.
    let (s, v) = get("/api/graph?q=flood+barrier").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["articles"], 2, "{v}");
    let ns = names(&v["nodes"]);
    assert!(ns.contains(&"Helen Okafor".to_string()), "{v}");
    assert!(!ns.contains(&"Angela Brandt".to_string()), "{v}");
    assert!(!ns.contains(&"Maria Gonzalez".to_string()), "{v}");
    assert!(v["total_edges"].is_null());
    let id = |name: &str| {
        v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["name"] == name)
            .map(|n| n["id"].as_str().unwrap().to_string())
            .unwrap()
    };
    let (okafor, rotterdam) = (id("Helen Okafor"), id("Rotterdam"));
    let pair = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            let (a, b) = (e["source"].as_str().unwrap(), e["target"].as_str().unwrap());
            (a, b) == (okafor.as_str(), rotterdam.as_str()) || (b, a) == (okafor.as_str(), rotterdam.as_str())
        })
        .cloned()
        .unwrap_or_else(|| panic!("no Okafor–Rotterdam edge in {v}"));
    // Both harbour articles, not the summit one (which mentions both too, but not the barrier).
    assert_eq!(pair["weight"], 2, "{v}");
    // Each pair once, its smaller id first.
    let mut seen = BTreeSet::new();
    for e in v["edges"].as_array().unwrap() {
        let (a, b) = (e["source"].as_str().unwrap(), e["target"].as_str().unwrap());
        assert!(a < b, "{e}");
        assert!(seen.insert((a.to_string(), b.to_string())), "{e} twice");
    }

    // A query matching every article draws the store's graph: the same edges and weights.
    let (_, everything) = get("/api/graph?q=*&nodes=2000").await;
    let (_, full) = get("/api/graph?nodes=2000").await;
    let edges = |g: &Value| {
        g["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.to_string())
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(edges(&everything), edges(&full));

    // With a date range too: only the first harbour article is in March.
    let (_, march) = get("/api/graph?q=flood+barrier&from=2019-03-01&to=2019-03-31").await;
    assert_eq!(march["articles"], 1, "{march}");
    let (_, strict) = get("/api/graph?q=flood+barrier&min=2").await;
    assert!(strict["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["weight"].as_u64().unwrap() >= 2));
    let (_, none) = get("/api/graph?q=nosuchwordanywhere").await;
    assert_eq!(none["nodes"].as_array().unwrap().len(), 0, "{none}");
    assert_error(get("/api/graph?q=title:(").await, StatusCode::BAD_REQUEST, "query");
    assert_error(
        get("/api/graph?q=flood&from=2019-05-01&to=2019-04-01").await,
        StatusCode::BAD_REQUEST,
        "after",
    );
}

#[tokio::test]
async fn stats_count_the_store() {
    let (s, v) = get("/api/stats").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["articles"], 4);
    assert_eq!(v["first_date"], "2019-03-14");
}

// ---------- analyze ----------

#[tokio::test]
async fn analyze_returns_the_analysis_without_storing() {
    let text = "Mayor Lena Park said on Tuesday that the bridge will reopen next month.";
    let (s, v) = post(
        "/api/analyze",
        json!({"date": "2020-06-10", "text": text, "title": "Bridge"}).to_string(),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["schema_version"], 2);
    assert_eq!(v["title"], "Bridge");
    assert!(names(&v["entities"]).contains(&"Lena Park".to_string()), "{v}");
    let values: Vec<_> = v["timexes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["value"].clone())
        .collect();
    assert!(
        values.contains(&json!("2020-06-09")) && values.contains(&json!("2020-07")),
        "{v}"
    );
    let (_, st) = get("/api/stats").await;
    assert_eq!(st["articles"], 4, "analyze must not store");
}

#[tokio::test]
async fn analyze_rejects_bad_bodies() {
    assert_error(
        post("/api/analyze", "{\"date\": ").await,
        StatusCode::BAD_REQUEST,
        "JSON",
    );
    assert_error(
        post("/api/analyze", json!({"date": "2015-02-29", "text": "x"}).to_string()).await,
        StatusCode::BAD_REQUEST,
        "2015-02-29",
    );
    assert_error(
        post("/api/analyze", json!({"date": "2019-01-01"}).to_string()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "text",
    );
    assert_error(
        post(
            "/api/analyze",
            json!({"date": "2019-01-01", "text": "x", "body": "y"}).to_string(),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "body",
    );
    assert_error(
        post("/api/analyze", json!({"date": "2019-01-01", "text": "  "}).to_string()).await,
        StatusCode::BAD_REQUEST,
        "empty",
    );
    let big = json!({"date": "2019-01-01", "text": "word ".repeat(300_000)}).to_string();
    assert_error(
        post("/api/analyze", big).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "too large",
    );
    let req = Request::post("/api/analyze")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("date 2019-01-01 hello"))
        .unwrap();
    let (s, _, v) = send(&common::fixture().state, req).await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{v}");
    assert!(v["error"].as_str().unwrap().contains("application/json"), "{v}");
}

// ---------- sql ----------

#[tokio::test]
async fn sql_runs_read_only_queries() {
    let (s, v) = post(
        "/api/sql",
        json!({"query": "SELECT count(*) AS n FROM articles"}).to_string(),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["columns"], json!(["n"]));
    assert_eq!(v["rows"], json!([[4]]));
    let (_, v) = post(
        "/api/sql",
        json!({"query": "SELECT id FROM articles ORDER BY date", "limit": 2}).to_string(),
    )
    .await;
    assert_eq!(v["rows"].as_array().unwrap().len(), 2, "{v}");
    assert_eq!(v["truncated"], true);
}

#[tokio::test]
async fn sql_rejects_writes_and_bad_requests() {
    for q in ["DROP TABLE articles", "DELETE FROM articles", "CREATE TABLE x (a INT)"] {
        let (s, v) = post("/api/sql", json!({ "query": q }).to_string()).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{q}: {v}");
    }
    assert_error(
        post("/api/sql", json!({"query": "SELEC 1"}).to_string()).await,
        StatusCode::BAD_REQUEST,
        "SELEC",
    );
    assert_error(
        post("/api/sql", json!({"query": "SELECT * FROM nowhere"}).to_string()).await,
        StatusCode::BAD_REQUEST,
        "nowhere",
    );
    assert_error(
        post("/api/sql", "{\"query\": 1}").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "query",
    );
    assert_error(
        post("/api/sql", json!({"query": " "}).to_string()).await,
        StatusCode::BAD_REQUEST,
        "empty",
    );
    assert_error(
        post("/api/sql", json!({"query": "SELECT 1", "limit": 0}).to_string()).await,
        StatusCode::BAD_REQUEST,
        "limit",
    );
}

// ---------- limits, routing, assets ----------

#[tokio::test]
async fn slow_requests_time_out_with_503() {
    let mut state = common::fixture().state.clone();
    state.limits.query_time = Duration::from_millis(1);
    // Analysing 200 kB of text takes far longer than a millisecond.
    let text = "Mayor Helen Okafor said on Tuesday that the barrier will cost 40 million euros. ".repeat(2500);
    let req = Request::post("/api/analyze")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json!({"date": "2019-01-01", "text": text}).to_string()))
        .unwrap();
    let (s, _, v) = send(&state, req).await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert!(v["error"].as_str().unwrap().contains("limit"), "{v}");
}

#[tokio::test]
async fn unknown_routes_and_methods_are_json_4xx() {
    assert_error(get("/api/nothing").await, StatusCode::NOT_FOUND, "/api/nothing");
    let req = Request::delete("/api/search").body(Body::empty()).unwrap();
    let (s, _, v) = send(&common::fixture().state, req).await;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED, "{v}");
    assert!(v["error"].as_str().unwrap().contains("DELETE"));
}

#[tokio::test]
async fn only_embedded_assets_are_served() {
    let state = &common::fixture().state;
    for (path, ctype, body) in newsgraph_server::ASSETS {
        let (s, got_type, v) = send(state, Request::get(*path).body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        assert_eq!(got_type, *ctype);
        assert_eq!(v.as_str().unwrap(), *body);
    }
    for path in [
        "/ui/../Cargo.toml",
        "/ui/%2e%2e/Cargo.toml",
        "/ui/..%2f..%2fCargo.toml",
        "/Cargo.toml",
        "/etc/passwd",
        "/ui/",
        "/src/lib.rs",
    ] {
        let (s, _, v) = send(state, Request::get(path).body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}: {v}");
        assert!(v["error"].is_string(), "{path}");
    }
}

#[tokio::test]
async fn index_page_loads_its_assets() {
    let (_, v) = get("/").await;
    let html = v.as_str().unwrap();
    assert!(html.contains("/ui/app.js") && html.contains("/ui/app.css"));
}

// ---------- OpenAPI ----------

#[tokio::test]
async fn openapi_describes_exactly_the_routes() {
    let (s, spec) = get("/api/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(spec["openapi"], "3.1.0");
    let documented: BTreeSet<(String, String)> = spec["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| ops.as_object().unwrap().keys().map(move |m| (m.clone(), path.clone())))
        .collect();
    let routed: BTreeSet<(String, String)> = newsgraph_server::api_routes()
        .into_iter()
        .map(|(m, p, _)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(documented, routed);
    // Every documented route answers: not the 404/405 of an unrouted path.
    for (m, p) in &routed {
        let uri = p.replace("{id}", "x");
        let method = Method::from_bytes(m.to_uppercase().as_bytes()).unwrap();
        let req = Request::builder()
            .method(method)
            .uri(&uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{}"))
            .unwrap();
        let (s, _, v) = send(&common::fixture().state, req).await;
        assert_ne!(s, StatusCode::METHOD_NOT_ALLOWED, "{m} {p}: {v}");
        if s == StatusCode::NOT_FOUND {
            assert!(
                !v["error"].as_str().unwrap().contains("no such page"),
                "{m} {p} is not routed"
            );
        }
    }
    // Every parameter the spec documents is accepted (not an unknown-parameter 400).
    for (path, ops) in spec["paths"].as_object().unwrap() {
        let Some(op) = ops.get("get") else { continue };
        for param in op["parameters"].as_array().cloned().unwrap_or_default() {
            if param["in"] != "query" {
                continue;
            }
            let name = param["name"].as_str().unwrap();
            let uri = format!("{}?{name}=", path.replace("{id}", "Rotterdam"));
            let (_, v) = get(&uri).await;
            let msg = v["error"].as_str().unwrap_or_default();
            assert!(!msg.contains("unknown parameter"), "{uri}: {msg}");
        }
    }
}
