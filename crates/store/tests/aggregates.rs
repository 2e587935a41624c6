//! The per-entity aggregates against brute force: profiles, speaker quotes and the undated graph
//! answered from the aggregate segments must equal what the ingested docs say, over many batches
//! (so over merged segments), after re-ingesting, and after a format-2 store is upgraded.
#![allow(clippy::unwrap_used)] // Test harness: a panic is a failing test.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use newsgraph_core::Doc;
use newsgraph_store::{entity_id, GraphRequest, Period, QuoteRequest, Store, StoreWriter};

/// What a profile must say about the entity `id`, computed from the docs alone.
struct Expected {
    articles: u64,
    timeline: BTreeMap<String, u64>,
    cooc: Vec<(String, u64)>,
    /// (date, article id, quote position, quoted words), newest first.
    quotes: Vec<(String, String, usize, String)>,
}

fn corpus_ids(doc: &Doc) -> BTreeSet<String> {
    doc.entities
        .iter()
        .map(|e| entity_id(e.etype, &e.name, e.link.as_ref()))
        .collect()
}

fn brute_force(docs: &[Doc], id: &str, by: Period) -> Expected {
    let mut timeline = BTreeMap::new();
    let mut cooc: BTreeMap<String, u64> = BTreeMap::new();
    let mut quotes = Vec::new();
    let mut articles = 0;
    for d in docs {
        let ids = corpus_ids(d);
        if ids.contains(id) {
            articles += 1;
            *timeline.entry(by.label(d.article.date)).or_default() += 1;
            for other in ids.iter().filter(|o| *o != id) {
                *cooc.entry(other.clone()).or_default() += 1;
            }
        }
        for (i, q) in d.quotes.iter().enumerate() {
            let speaker = q
                .speaker
                .as_ref()
                .and_then(|s| s.entity.as_deref())
                .and_then(|local| d.entities.iter().find(|e| e.id == local))
                .map(|e| entity_id(e.etype, &e.name, e.link.as_ref()));
            if speaker.as_deref() == Some(id) {
                quotes.push((
                    d.article.date.to_string(),
                    d.article.id.clone(),
                    i,
                    d.slice(q.span).to_string(),
                ));
            }
        }
    }
    let mut cooc: Vec<(String, u64)> = cooc.into_iter().collect();
    cooc.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    quotes.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    Expected {
        articles,
        timeline,
        cooc,
        quotes,
    }
}

fn assert_profile(store: &Store, docs: &[Doc], name: &str, by: Period, limit: usize) {
    let p = store.entity(name, by, limit).unwrap().unwrap();
    let want = brute_force(docs, &p.id, by);
    assert_eq!(p.articles, want.articles, "{name}: articles");
    let timeline: BTreeMap<String, u64> = p.timeline.iter().map(|c| (c.period.clone(), c.count)).collect();
    assert_eq!(timeline, want.timeline, "{name}: timeline by {by:?}");
    let cooc: Vec<(String, u64)> = p.cooccurring.iter().map(|c| (c.id.clone(), c.count)).collect();
    assert_eq!(
        cooc,
        want.cooc.into_iter().take(limit).collect::<Vec<_>>(),
        "{name}: co-occurring"
    );
    let quotes: Vec<(String, String, String)> = p
        .quotes
        .iter()
        .map(|q| (q.date.clone(), q.article_id.clone(), q.text.clone()))
        .collect();
    let want_quotes: Vec<(String, String, String)> = want
        .quotes
        .into_iter()
        .take(limit)
        .map(|(d, a, _, t)| (d, a, t))
        .collect();
    assert_eq!(quotes, want_quotes, "{name}: quotes (limit {limit})");
    for q in &p.quotes {
        assert_eq!(q.speaker_entity.as_deref(), Some(p.id.as_str()));
        assert!(q.title.is_some(), "quote hits carry the article title");
    }
}

const PEOPLE: [&str; 5] = ["Ana Lopez", "Ben Okafor", "Chen Wei", "Dara Singh", "Eli Novak"];

fn store_of(docs: &[Doc], batch: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut w = StoreWriter::open(dir.path()).unwrap();
    w.ingest(docs.to_vec(), batch).unwrap();
    w.close().unwrap();
    let store = Store::open(dir.path()).unwrap();
    (dir, store)
}

#[test]
fn profiles_from_merged_segments_equal_brute_force() {
    // 400 docs in batches of 7: 58 batches, so segments of every tier up to 16 batches.
    let docs = common::generated(400);
    let (_dir, store) = store_of(&docs, 7);
    let segs = store.manifest().aggregates.clone().unwrap();
    assert_eq!(segs.last().unwrap().last_batch, 58);
    // 58 = 3·16 + 2·4 + 2 in base 4: at most three segments per tier.
    assert_eq!(segs.len(), 7, "{segs:?}");
    store.verify().unwrap();
    for name in PEOPLE {
        for by in [Period::Day, Period::Week, Period::Month] {
            assert_profile(&store, &docs, name, by, 10);
        }
        // 80 quotes each: more than the aggregates keep, so large limits read the quotes table.
        assert_profile(&store, &docs, name, Period::Month, 3);
        assert_profile(&store, &docs, name, Period::Month, 64);
        assert_profile(&store, &docs, name, Period::Month, 100);
    }
    // The whole-corpus aggregates in one segment give the same answers.
    let (_one, single) = store_of(&docs, 1000);
    assert_eq!(single.manifest().aggregates.as_ref().unwrap().len(), 1);
    for name in PEOPLE {
        assert_eq!(
            single.entity(name, Period::Week, 10).unwrap(),
            store.entity(name, Period::Week, 10).unwrap()
        );
    }
}

#[test]
fn speaker_quotes_from_aggregates_equal_the_quotes_table() {
    let docs = common::generated(400);
    let (_dir, store) = store_of(&docs, 9);
    for name in PEOPLE {
        for (about, from, to, limit) in [
            (None, None, None, 5),
            (None, None, None, 90),
            (Some("round 1"), None, None, 10),
            (None, Some("2019-02-01"), Some("2019-02-10"), 10),
            (Some("ROUND 3"), Some("2019-01-05"), None, 100),
        ] {
            let req = QuoteRequest {
                speaker: Some(name.into()),
                about: about.map(str::to_string),
                from: from.map(common::date),
                to: to.map(common::date),
                limit,
            };
            let got = store.quotes(&req).unwrap();
            // Brute force over the docs.
            let id = store.find_entities(name).unwrap()[0].clone();
            let mut want = brute_force(&docs, &id, Period::Day).quotes;
            want.retain(|(d, _, _, t)| {
                about.is_none_or(|a| t.to_lowercase().contains(&a.to_lowercase()))
                    && from.is_none_or(|f| d.as_str() >= f)
                    && to.is_none_or(|t| d.as_str() <= t)
            });
            want.truncate(limit);
            let got: Vec<(String, String)> = got.iter().map(|q| (q.article_id.clone(), q.text.clone())).collect();
            let want: Vec<(String, String)> = want.into_iter().map(|(_, a, _, t)| (a, t)).collect();
            assert_eq!(got, want, "{name} {about:?} {from:?} {to:?} {limit}");
        }
    }
}

#[test]
fn undated_graph_from_aggregates_equals_the_mentions_scan() {
    let docs = common::generated(120);
    let (_dir, store) = store_of(&docs, 5);
    for (min, nodes) in [
        (1, None),
        (3, None),
        (30, None),
        (1, Some(4)),
        (2, Some(3)),
        (1, Some(1)),
    ] {
        let fast = store.graph(&GraphRequest {
            min,
            nodes,
            ..Default::default()
        });
        // A date range covering everything takes the path that reads the `mentions` tables.
        let slow = store.graph(&GraphRequest {
            from: Some(common::date("1900-01-01")),
            to: Some(common::date("2100-01-01")),
            min,
            nodes,
        });
        let (fast, slow) = (fast.unwrap(), slow.unwrap());
        assert_eq!(fast, slow, "min {min} nodes {nodes:?}");
        assert_eq!(fast.edges.is_empty(), min == 30 || nodes == Some(1));
        let full = store
            .graph(&GraphRequest {
                min,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(
            (fast.total_nodes, fast.total_edges),
            (full.nodes.len(), full.edges.len())
        );
        if let Some(n) = nodes {
            // The kept entities are the `n` in most articles (ties: smaller id) ...
            let mut ranked: Vec<&newsgraph_store::GraphNode> = full.nodes.iter().collect();
            ranked.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.id.cmp(&b.id)));
            let top: Vec<&str> = ranked.iter().take(n).map(|x| x.id.as_str()).collect();
            assert!(fast.nodes.len() <= n && fast.nodes.iter().all(|x| top.contains(&x.id.as_str())));
            // ... with every edge of the full graph among them.
            let among: Vec<_> = full
                .edges
                .iter()
                .filter(|e| top.contains(&e.source.as_str()) && top.contains(&e.target.as_str()))
                .collect();
            assert_eq!(fast.edges.iter().collect::<Vec<_>>(), among, "min {min} nodes {n}");
        }
    }
}

#[test]
fn re_ingesting_changes_no_aggregate() {
    let docs = common::generated(60);
    let dir = tempfile::tempdir().unwrap();
    let mut w = StoreWriter::open(dir.path()).unwrap();
    w.ingest(docs.clone(), 4).unwrap();
    let segs = w.manifest().aggregates.clone();
    let before: Vec<_> = PEOPLE
        .iter()
        .map(|n| Store::open(dir.path()).unwrap().entity(n, Period::Day, 20).unwrap())
        .collect();
    // Everything again, in other batch sizes: all duplicates, nothing written.
    assert_eq!(w.ingest(docs.clone(), 7).unwrap().added, 0);
    assert_eq!(w.manifest().aggregates, segs);
    w.close().unwrap();
    let mut w = StoreWriter::open(dir.path()).unwrap();
    assert_eq!(w.ingest(docs.clone(), 60).unwrap().added, 0);
    w.close().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.manifest().aggregates, segs);
    let after: Vec<_> = PEOPLE
        .iter()
        .map(|n| store.entity(n, Period::Day, 20).unwrap())
        .collect();
    assert_eq!(before, after);
    // Only listed segment files are on disk: superseded ones were removed.
    let listed: BTreeSet<String> = segs.unwrap().iter().map(|s| s.path.clone()).collect();
    let on_disk: BTreeSet<String> = std::fs::read_dir(dir.path().join("aggregates"))
        .unwrap()
        .map(|e| format!("aggregates/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    assert_eq!(on_disk, listed);
}

#[test]
fn a_damaged_or_missing_segment_fails_verify() {
    let docs = common::generated(20);
    let (dir, store) = store_of(&docs, 4);
    let seg = store.manifest().aggregates.clone().unwrap().remove(0);
    drop(store);
    let path = dir.path().join(&seg.path);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[12] ^= 0x55;
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(dir.path()).unwrap().verify().unwrap_err();
    assert!(err.to_string().contains("checksum"), "{err}");
    std::fs::remove_file(&path).unwrap();
    assert!(Store::open(dir.path()).unwrap().verify().is_err());
}
