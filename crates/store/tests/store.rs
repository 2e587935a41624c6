//! Ingest → query round trips over hand-made docs, idempotence, and refusal of unknown stores.
#![allow(clippy::unwrap_used)] // Test harness: a panic is a failing test.

mod common;

use newsgraph_store::{
    EventRequest, ExportFormat, GraphFormat, GraphRequest, Period, QuoteRequest, SearchRequest, Store, StoreError,
    StoreWriter,
};

fn ingested() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut w = StoreWriter::open(dir.path()).unwrap();
    let report = w.ingest(common::corpus(), 2).unwrap();
    // Batches of 2: [a1, a2], [a1-copy, a3], [a3 again]; the last is all duplicates.
    assert_eq!((report.batches, report.added, report.duplicates), (2, 3, 2));
    w.close().unwrap();
    let store = Store::open(dir.path()).unwrap();
    (dir, store)
}

fn search(store: &Store, query: &str) -> newsgraph_store::SearchResult {
    store
        .search(&SearchRequest {
            query: query.into(),
            limit: 10,
            facets: 5,
            ..Default::default()
        })
        .unwrap()
}

#[test]
fn stats_count_every_table() {
    let (_dir, store) = ingested();
    let mut stats = store.stats().unwrap();
    assert!(stats.bytes > 0);
    stats.bytes = 0;
    insta::assert_json_snapshot!(stats);
    assert_eq!(store.verify().unwrap().articles, 3);
}

#[test]
fn search_ranks_snippets_and_facets() {
    let (_dir, store) = ingested();
    let r = search(&store, "trump");
    assert_eq!(r.total, 2);
    insta::assert_json_snapshot!(r);
}

#[test]
fn search_filters_by_date_entity_and_source() {
    let (_dir, store) = ingested();
    let all = search(&store, "");
    assert_eq!(all.total, 3);
    let in_nov = store
        .search(&SearchRequest {
            query: "xi".into(),
            from: Some(common::date("2018-11-01")),
            to: Some(common::date("2018-11-30")),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(in_nov.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>().len(), 2);
    assert!(in_nov.hits.iter().all(|h| h.date.starts_with("2018-11")));
    let by_entity = store
        .search(&SearchRequest {
            entity: Some("united states".into()),
            limit: 10,
            by: Period::Day,
            ..Default::default()
        })
        .unwrap();
    // "U.S." and "United States" share a gazetteer link, so they are one entity.
    let mut ids: Vec<_> = by_entity.hits.iter().map(|h| h.id.clone()).collect();
    ids.sort();
    assert_eq!(ids, ["a1", "a2"]);
    assert_eq!(by_entity.histogram.len(), 2);
    let by_source = store
        .search(&SearchRequest {
            source: Some("Xinhua".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_source.total, 1);
    let unknown = store
        .search(&SearchRequest {
            entity: Some("Nobody".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(unknown.total, 0);
}

#[test]
fn bad_query_is_an_error_not_a_panic() {
    let (_dir, store) = ingested();
    let err = store
        .search(&SearchRequest {
            query: "title:(".into(),
            limit: 10,
            ..Default::default()
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Query { .. }), "{err}");
}

#[test]
fn entity_profile_by_alias_ignoring_case() {
    let (_dir, store) = ingested();
    let p = store.entity("trump", Period::Month, 10).unwrap().unwrap();
    assert_eq!(p.name, "Donald Trump");
    insta::assert_json_snapshot!(p);
    let us = store.entity("UNITED STATES", Period::Week, 10).unwrap().unwrap();
    assert_eq!((us.name.as_str(), us.articles), ("U.S.", 2));
    assert!(store.entity("nobody at all", Period::Day, 10).unwrap().is_none());
}

#[test]
fn quotes_by_speaker_topic_and_date() {
    let (_dir, store) = ingested();
    let xi = store
        .quotes(&QuoteRequest {
            speaker: Some("xi jinping".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    insta::assert_json_snapshot!(xi);
    let deal = store
        .quotes(&QuoteRequest {
            about: Some("DEAL".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(deal.len(), 1);
    assert_eq!(deal[0].speaker_name.as_deref(), Some("Donald Trump"));
    let none = store
        .quotes(&QuoteRequest {
            from: Some(common::date("2018-11-20")),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert!(none.is_empty());
}

#[test]
fn cooccurrence_graph_and_its_formats() {
    let (_dir, store) = ingested();
    let g = store
        .graph(&GraphRequest {
            min: 2,
            ..Default::default()
        })
        .unwrap();
    insta::assert_json_snapshot!("graph", g);
    insta::assert_snapshot!("graph_graphml", g.write(GraphFormat::GraphMl).unwrap());
    insta::assert_snapshot!("graph_gexf", g.write(GraphFormat::Gexf).unwrap());
    let nov = store
        .graph(&GraphRequest {
            to: Some(common::date("2018-11-30")),
            min: 1,
            ..Default::default()
        })
        .unwrap();
    // a1 joins its four entities pairwise; a2 adds a second article to Xi Jinping – U.S. only.
    assert_eq!(nov.edges.len(), 6);
    assert_eq!(
        nov.edges.iter().map(|e| e.weight).collect::<Vec<_>>(),
        [2, 1, 1, 1, 1, 1]
    );
}

#[test]
fn export_writes_every_table_in_every_format() {
    let (_dir, store) = ingested();
    let out = tempfile::tempdir().unwrap();
    let report = store.export(ExportFormat::Jsonl, out.path()).unwrap();
    insta::assert_json_snapshot!("export_report", report);
    let entities = std::fs::read_to_string(out.path().join("entities.jsonl")).unwrap();
    insta::assert_snapshot!("entities_jsonl", entities);
    store.export(ExportFormat::Csv, out.path()).unwrap();
    let quotes = std::fs::read_to_string(out.path().join("quotes.csv")).unwrap();
    insta::assert_snapshot!("quotes_csv", quotes);
    let parquet = store.export(ExportFormat::Parquet, out.path()).unwrap();
    // Readable by any Parquet reader: here the parquet crate itself.
    let file = std::fs::File::open(out.path().join("mentions.parquet")).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows(), 12);
    assert_eq!(store.table_paths("quotes").len(), 2);
    assert!(store.table_paths("quotes").iter().all(|p| p.is_file()));
    assert_eq!(
        parquet.iter().map(|t| t.rows).collect::<Vec<_>>(),
        report.iter().map(|t| t.rows).collect::<Vec<_>>()
    );
}

#[test]
fn ingesting_the_same_docs_again_adds_nothing() {
    let (dir, store) = ingested();
    let before = store.stats().unwrap();
    let mut w = StoreWriter::open(dir.path()).unwrap();
    let again = w.ingest(common::corpus(), 10).unwrap();
    assert_eq!((again.batches, again.added, again.duplicates), (0, 0, 5));
    w.close().unwrap();
    let after = Store::open(dir.path()).unwrap().stats().unwrap();
    assert_eq!(before.articles, after.articles);
    assert_eq!(before.tables, after.tables);
}

#[test]
fn later_ingests_add_to_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let docs = common::corpus();
    let mut w = StoreWriter::open(dir.path()).unwrap();
    w.ingest(docs[..2].to_vec(), 10).unwrap();
    drop(w);
    let mut w = StoreWriter::open(dir.path()).unwrap();
    let r = w.ingest(docs[2..].to_vec(), 10).unwrap();
    assert_eq!((r.added, r.duplicates), (1, 2));
    w.close().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.manifest().batches.len(), 2);
    let p = store.entity("Xi Jinping", Period::Month, 5).unwrap().unwrap();
    // Counts accumulate across batches in the rewritten entities table.
    assert_eq!((p.articles, p.mentions), (3, 4));
    store.verify().unwrap();
}

#[test]
fn missing_store_and_unknown_version_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        Store::open(dir.path()).unwrap_err(),
        StoreError::NotFound { .. }
    ));
    let mut w = StoreWriter::open(dir.path()).unwrap();
    w.ingest(common::corpus(), 10).unwrap();
    w.close().unwrap();
    let path = dir.path().join("manifest.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen(
            &format!("\"version\": {}", newsgraph_store::FORMAT_VERSION),
            "\"version\": 999",
            1,
        ),
    )
    .unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::UnsupportedVersion {
                found: 999,
                supported: newsgraph_store::FORMAT_VERSION,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("999"));
    assert!(matches!(
        StoreWriter::open(dir.path()).unwrap_err(),
        StoreError::UnsupportedVersion { .. }
    ));
    std::fs::write(&path, "{not json").unwrap();
    assert!(matches!(
        Store::open(dir.path()).unwrap_err(),
        StoreError::Corrupt { .. }
    ));
}

/// A crash after the index commit but before the manifest's: readers must not see the batch,
/// and the next writer must roll it back and accept it again without duplicates.
#[test]
fn batch_committed_to_the_index_but_not_the_manifest_is_rolled_back() {
    let dir = tempfile::tempdir().unwrap();
    let docs = common::corpus();
    let mut w = StoreWriter::open(dir.path()).unwrap();
    w.ingest(docs[..2].to_vec(), 10).unwrap();
    let manifest_after_1 = std::fs::read(dir.path().join("manifest.json")).unwrap();
    let entities_1 = dir.path().join("tables/entities/part-000001.parquet");
    let entities_after_1 = std::fs::read(&entities_1).unwrap();
    w.ingest(docs[2..4].to_vec(), 10).unwrap();
    drop(w);
    // Put back the manifest as it was before batch 2 was listed, and the entities table it
    // lists, which batch 2 deleted only after its manifest was written.
    std::fs::write(dir.path().join("manifest.json"), manifest_after_1).unwrap();
    std::fs::write(&entities_1, entities_after_1).unwrap();

    let store = Store::open(dir.path()).unwrap();
    assert_eq!(search(&store, "").total, 2);
    assert_eq!(store.count_id("a3").unwrap(), 0);
    store.verify().unwrap();
    drop(store);

    let mut w = StoreWriter::open(dir.path()).unwrap();
    // 8 part files of batch 2, its entities table and its aggregates segment.
    assert_eq!(
        w.recovery(),
        newsgraph_store::Recovery {
            rolled_back_batches: 1,
            removed_files: 10
        }
    );
    let orphans = std::fs::read_dir(dir.path().join("tables/quotes")).unwrap().count();
    assert_eq!(orphans, 1, "part files of the rolled-back batch are removed");
    let r = w.ingest(docs[2..].to_vec(), 10).unwrap();
    assert_eq!((r.added, r.duplicates), (1, 2));
    w.close().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.count_id("a3").unwrap(), 1);
    assert_eq!(store.verify().unwrap().articles, 3);
}

#[test]
fn article_returns_the_full_analysis_as_analyze_prints_it() {
    let (_dir, store) = ingested();
    for doc in common::corpus().iter().filter(|d| d.article.id != "a1-copy").take(3) {
        let expected = serde_json::to_value(doc.to_output(Default::default())).unwrap();
        let got = store.article(&doc.article.id).unwrap().unwrap();
        assert_eq!(got.to_string(), expected.to_string(), "article {}", doc.article.id);
    }
    assert_eq!(store.article("a1").unwrap().unwrap()["events"][0]["code"], "036");
    // A duplicate was never stored, and an unknown id is no error.
    assert!(store.article("a1-copy").unwrap().is_none());
    assert!(store.article("nope").unwrap().is_none());
}

fn events(store: &Store, actor: Option<&str>, code: Option<&str>, from: Option<&str>, to: Option<&str>) -> Vec<String> {
    store
        .events(&EventRequest {
            actor: actor.map(str::to_string),
            code: code.map(str::to_string),
            from: from.map(common::date),
            to: to.map(common::date),
            limit: 10,
        })
        .unwrap()
        .iter()
        .map(|e| format!("{} {} {}>{}", e.event_day, e.code, e.source.code, e.target.code))
        .collect()
}

#[test]
fn events_by_actor_code_and_date() {
    let (_dir, store) = ingested();
    let all = store
        .events(&EventRequest {
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    insta::assert_json_snapshot!("events_latest_first", all);
    // Code prefixes: `08` is the root of `0871`; `0871` is not a prefix of `036`.
    assert_eq!(events(&store, None, Some("08"), None, None).len(), 2);
    assert_eq!(
        events(&store, None, Some("036"), None, None),
        ["2018-11-02 036 USAGOV>CHNGOV"]
    );
    assert!(events(&store, None, Some("04"), None, None).is_empty());
    // Actors by code prefix, by entity name or alias, by the words in the text.
    assert_eq!(events(&store, Some("CHN"), None, None, None).len(), 3);
    assert_eq!(events(&store, Some("usagov"), None, None, None).len(), 3);
    assert_eq!(events(&store, Some("trump"), None, None, None).len(), 3);
    assert!(events(&store, Some("RUS"), None, None, None).is_empty());
    assert!(events(&store, Some("Nobody Known"), None, None, None).is_empty());
    // Event days: a vague event date ("2018-12") falls back to the publication date.
    assert_eq!(
        events(&store, None, None, Some("2018-11-01"), Some("2018-11-30")),
        ["2018-11-02 036 USAGOV>CHNGOV"]
    );
    assert_eq!(
        events(&store, Some("Xi Jinping"), Some("0871"), Some("2018-12-01"), None).len(),
        2
    );
}

#[test]
fn gdelt_events_export_has_gdelt_columns_and_evidence() {
    let (_dir, store) = ingested();
    let out = tempfile::tempdir().unwrap();
    let report = store.export(ExportFormat::GdeltEvents, out.path()).unwrap();
    assert_eq!((report.len(), report[0].rows), (1, 3));
    let text = std::fs::read_to_string(out.path().join(&report[0].file)).unwrap();
    insta::assert_snapshot!("events_gdelt_tsv", text);
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 62, "61 GDELT columns plus the evidence: {line}");
    }
    let first: Vec<&str> = text.lines().next().unwrap().split('\t').collect();
    // Day, actor codes parsed into country and type, codes, quad class, Goldstein, tone, place.
    assert_eq!(first[1], "20181102");
    assert_eq!((first[5], first[7], first[12]), ("USAGOV", "USA", "GOV"));
    assert_eq!((first[26], first[27], first[28], first[29]), ("036", "036", "03", "1"));
    assert_eq!(first[30], "4");
    assert_eq!(first[34], "-1.5");
    // The test gazetteer links are all of kind `country` (GDELT geo type 1).
    assert_eq!((first[51], first[52], first[58]), ("1", "Buenos Aires", "3435910"));
    assert_eq!(first[60], "https://news.example/a1");
    assert!(first[61].contains("would meet"));
}

#[test]
fn sql_reads_every_table_and_counts_each_article_once() {
    let (_dir, store) = ingested();
    let r = store.sql("SELECT count(*) AS n FROM articles", 10).unwrap();
    assert_eq!(
        (r.columns.as_slice(), r.rows.as_slice()),
        (&["n".to_string()][..], &[vec![serde_json::json!(3)]][..])
    );
    for table in newsgraph_store::ALL_TABLES {
        let r = store.sql(&format!("SELECT count(*) FROM {table}"), 1).unwrap();
        let expected = store
            .stats()
            .unwrap()
            .tables
            .iter()
            .find(|t| t.table == table)
            .unwrap()
            .rows;
        assert_eq!(r.rows[0][0], serde_json::json!(expected), "{table}");
    }
    let joined = store
        .sql(
            "SELECT q.speaker_name, a.title, q.date, e.aliases FROM quotes q JOIN articles a ON a.id = q.article_id \
             JOIN entities e ON e.entity_id = q.speaker_entity_id ORDER BY q.date, q.article_id",
            10,
        )
        .unwrap();
    insta::assert_json_snapshot!("sql_join", joined);
    let events = store
        .sql(
            "SELECT code, source_code, target_code FROM events WHERE code LIKE '08%' ORDER BY event_index",
            10,
        )
        .unwrap();
    assert_eq!(events.rows.len(), 2);
}

#[test]
fn sql_cuts_at_max_rows() {
    let (_dir, store) = ingested();
    let r = store.sql("SELECT name FROM mentions ORDER BY name", 5).unwrap();
    assert_eq!((r.rows.len(), r.truncated), (5, true));
    let r = store.sql("SELECT name FROM mentions", 100).unwrap();
    assert_eq!((r.rows.len(), r.truncated), (12, false));
}

#[test]
fn sql_refuses_anything_but_one_query() {
    let (_dir, store) = ingested();
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("copy.parquet");
    let copy = format!("COPY articles TO '{}'", target.display());
    for (q, says) in [
        ("INSERT INTO articles (id) VALUES ('x')", "INSERT"),
        ("CREATE TABLE t AS SELECT * FROM articles", "CREATE"),
        ("DROP TABLE articles", "DROP"),
        (copy.as_str(), "COPY"),
        (
            "CREATE EXTERNAL TABLE t STORED AS PARQUET LOCATION '/tmp'",
            "CREATE EXTERNAL TABLE",
        ),
        ("SET datafusion.execution.batch_size = 1", "SET"),
        ("SELECT 1; SELECT 2", "found 2"),
        ("SELECT * INTO copy FROM articles", "read-only"),
    ] {
        let err = store.sql(q, 10).unwrap_err();
        assert!(matches!(err, StoreError::Sql(_)), "{q}: {err}");
        assert!(err.to_string().contains(says), "{q}: {err}");
    }
    // Nothing was written.
    assert_eq!(store.sql("SELECT count(*) FROM articles", 1).unwrap().rows[0][0], 3);
    assert!(!target.exists());
}

#[test]
fn sql_errors_name_the_problem() {
    let (_dir, store) = ingested();
    let err = store.sql("SELECT * FROM nope", 10).unwrap_err();
    assert!(err.to_string().contains("nope"), "{err}");
    let err = store.sql("SELECT no_such_column FROM articles", 10).unwrap_err();
    assert!(err.to_string().contains("no_such_column"), "{err}");
    let err = store.sql("SELEC 1", 10).unwrap_err();
    assert!(err.to_string().contains("SELEC"), "{err}");
}

/// Regression: DataFusion plans by recursion, one level or more per nesting; unoptimised (as
/// dev and test builds compile it) a nested query overflowed a 2 MB thread stack. Queries run on
/// a thread of their own with a large stack.
#[test]
fn sql_survives_deeply_nested_queries() {
    let (_dir, store) = ingested();
    let mut q = "SELECT count(*) AS n FROM articles".to_string();
    for _ in 0..16 {
        q = format!("SELECT n FROM ({q}) t");
    }
    assert_eq!(store.sql(&q, 1).unwrap().rows[0][0], 3);
    let expr = (0..20).fold("n".to_string(), |e, _| format!("({e} + 1)"));
    let q = format!("SELECT {expr} AS x FROM (SELECT count(*) AS n FROM articles) t");
    assert_eq!(store.sql(&q, 1).unwrap().rows[0][0], 23);
}

#[test]
fn sql_stops_at_its_time_limit() {
    let (_dir, store) = ingested();
    // A cross join of generated series far too big to finish in a millisecond.
    let err = store
        .sql_with_timeout(
            "SELECT count(*) FROM generate_series(1, 100000000) a, generate_series(1, 1000) b",
            10,
            std::time::Duration::from_millis(1),
        )
        .unwrap_err();
    assert!(err.to_string().contains("time limit"), "{err}");
}
