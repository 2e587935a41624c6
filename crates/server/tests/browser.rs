//! End-to-end test of the web UI in a real headless Chromium driven over WebDriver: search, open an
//! article and see its highlighted entities, times and quotes, open an entity page with its chart,
//! draw the network, analyse pasted text.
//!
//! Needs `chromium` and `chromedriver` on PATH (Debian: `chromium chromium-driver`). Without them
//! the test prints a skip notice and passes, unless `NEWSGRAPH_REQUIRE_BROWSER=1` (CI), where it
//! fails. When `../shared/seed/article.txt` is present (`NEWSGRAPH_SHARED`), it is added to the
//! store and checked too; with `NEWSGRAPH_SCREENSHOTS=DIR` the bundled examples/ are added as well
//! and the pages are saved there as PNG. A second test times the first paint of each page.
#![allow(clippy::unwrap_used)]

mod common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use newsgraph_input::{parse_dated_text, ReadOptions};
use newsgraph_server::{router, AppState, Limits};
use newsgraph_store::Store;
use serde_json::{json, Value};

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

fn shared_dir() -> PathBuf {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

/// Kills chromedriver when the test ends, however it ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn texts(c: &Client, css: &str) -> Vec<String> {
    let v = c
        .execute(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent.trim());",
            vec![json!(css)],
        )
        .await
        .unwrap();
    serde_json::from_value(v).unwrap()
}

/// Waits until `css` matches at least `n` elements.
async fn wait_count(c: &Client, css: &str, n: usize) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let found = texts(c, css).await;
        if found.len() >= n {
            return found;
        }
        if Instant::now() > deadline {
            let body = texts(c, "main").await;
            panic!("waited 30 s for {n} × `{css}`, found {}; page: {body:?}", found.len());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the texts of `css` satisfy `ok` (a page reached by a hash change may still show
/// the previous page for a moment).
async fn wait_until(c: &Client, css: &str, ok: impl Fn(&[String]) -> bool) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let found = texts(c, css).await;
        if ok(&found) {
            return found;
        }
        assert!(Instant::now() < deadline, "waited 30 s on `{css}`, found {found:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn shot(c: &Client, name: &str) {
    let Some(dir) = std::env::var_os("NEWSGRAPH_SCREENSHOTS") else {
        return;
    };
    // Let the layout settle (fonts, the chart) before the picture.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let png = c.screenshot().await.unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(Path::new(&dir).join(format!("{name}.png")), png).unwrap();
}

/// A browser session over chromedriver; the driver is killed and the profile removed on drop.
struct Browser {
    client: Client,
    _driver: Driver,
    _profile: tempfile::TempDir,
}

/// Starts chromedriver and a headless Chromium session, or `None` (a skip notice) when they are
/// not installed and `NEWSGRAPH_REQUIRE_BROWSER` is not `1`.
async fn browser() -> Option<Browser> {
    let (Some(driver_bin), Some(browser)) = (
        on_path("chromedriver"),
        on_path("chromium").or_else(|| on_path("chromium-browser")),
    ) else {
        assert!(
            std::env::var("NEWSGRAPH_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "NEWSGRAPH_REQUIRE_BROWSER=1 but chromium or chromedriver is not on PATH"
        );
        eprintln!("SKIPPED: chromium and chromedriver not on PATH (apt-get install chromium chromium-driver)");
        return None;
    };
    let port = free_port();
    let driver = Driver(
        Command::new(driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let profile = tempfile::tempdir().unwrap();
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": browser,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1366,900",
                format!("--user-data-dir={}", profile.path().display()),
            ]
        }),
    );
    let webdriver = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    let client = loop {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&webdriver)
            .await
        {
            Ok(c) => break c,
            Err(e) if Instant::now() > deadline => panic!("cannot start a browser session: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    };
    Some(Browser {
        client,
        _driver: driver,
        _profile: profile,
    })
}

/// Serves `state` on a free loopback port from this test's runtime; returns the base URL.
async fn serve(state: AppState) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router(state, false)).await });
    format!("http://{addr}")
}

/// The test fixtures, plus the shared seed article when it is there, plus the bundled
/// `examples/` when `examples` (the screenshots show a fuller store); whether the seed was added.
fn fixture_store(dir: &Path, pipeline: &newsgraph_core::Pipeline, examples: bool) -> bool {
    common::build_store(dir, pipeline);
    let seed = std::fs::read_to_string(shared_dir().join("seed/article.txt")).ok();
    let mut articles: Vec<_> = seed
        .iter()
        .map(|text| parse_dated_text(text, &ReadOptions::default()).unwrap())
        .collect();
    if examples {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        articles.extend(newsgraph_input::Articles::new(vec![dir], ReadOptions::default()).map(|r| r.unwrap().1));
    }
    common::ingest_articles(dir, pipeline, articles);
    seed.is_some()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_walks_search_article_entity_network_and_analyze() {
    let Some(b) = browser().await else { return };
    let dir = tempfile::tempdir().unwrap();
    let pipeline = newsgraph_pipeline::standard().unwrap();
    let seed = fixture_store(
        dir.path(),
        &pipeline,
        std::env::var_os("NEWSGRAPH_SCREENSHOTS").is_some(),
    );
    let state = AppState::new(Store::open(dir.path()).unwrap(), pipeline, Limits::default());
    let base = serve(state).await;
    let result = walk(&b.client, &base, seed).await;
    let _ = b.client.clone().close().await;
    result.unwrap();
}

/// Time from navigation start to the first contentful paint (the page shell) and to the frame
/// after the page's content was rendered (its data fetched and drawn), for each page loaded
/// fresh. Printed as a table; `NEWSGRAPH_PAINT_STORE=DIR` measures an existing store (e.g. the
/// one `newsgraph demo` builds from examples/) instead of the test fixtures.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_paint_of_each_page() {
    let Some(b) = browser().await else { return };
    let dir = tempfile::tempdir().unwrap();
    let pipeline = newsgraph_pipeline::standard().unwrap();
    let store_dir = match std::env::var_os("NEWSGRAPH_PAINT_STORE") {
        Some(d) => PathBuf::from(d),
        None => {
            fixture_store(dir.path(), &pipeline, false);
            dir.path().to_path_buf()
        }
    };
    let store = Store::open(&store_dir).unwrap();
    // Pages worth timing on this store: its first hit's article and most mentioned entity.
    let res = store
        .search(&newsgraph_store::SearchRequest {
            limit: 1,
            facets: 1,
            ..Default::default()
        })
        .unwrap();
    let article = res.hits[0].id.clone();
    let entity = res.top_entities[0].id.clone();
    let word = res.hits[0]
        .title
        .clone()
        .unwrap_or_default()
        .split_whitespace()
        .find(|w| w.len() > 4)
        .unwrap_or("said")
        .to_string();
    let base = serve(AppState::new(store, pipeline, Limits::default())).await;
    let enc = |s: &str| newsgraph_server::bench::encode(s);
    let pages = [
        ("search", format!("#/search?q={}", enc(&word)), "#hits .hit"),
        ("article", format!("#/article/{}", enc(&article)), "#doc"),
        ("entity", format!("#/entity/{}", enc(&entity)), "#timeline svg"),
        ("network", "#/network?min=1&nodes=80".to_string(), "#network"),
        ("analyze", "#/analyze".to_string(), "#an-text"),
    ];
    let c = &b.client;
    let mut worst: f64 = 0.0;
    eprintln!(
        "page      first paint ms  content painted ms  ({})",
        store_dir.display()
    );
    for (name, hash, css) in &pages {
        // Three fresh loads each (a new document, not a hash change); the median is reported.
        let mut runs = Vec::new();
        for _ in 0..3 {
            c.goto("about:blank").await.unwrap();
            c.goto(&format!("{base}/{hash}")).await.unwrap();
            wait_count(c, css, 1).await;
            let mark = format!("painted:{name}");
            let deadline = Instant::now() + Duration::from_secs(30);
            let t: Value = loop {
                let v = c
                    .execute(
                        "const p = performance.getEntriesByName('first-contentful-paint')[0];
                         const m = performance.getEntriesByName(arguments[0])[0];
                         return m ? [p ? p.startTime : null, m.startTime] : null;",
                        vec![json!(mark)],
                    )
                    .await
                    .unwrap();
                if !v.is_null() || Instant::now() > deadline {
                    break v;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            };
            let fcp = t[0].as_f64().unwrap_or(f64::NAN);
            let done = t[1].as_f64().unwrap_or_else(|| panic!("{name}: no `{mark}` mark: {t}"));
            runs.push((fcp, done));
        }
        runs.sort_by(|a, b| a.1.total_cmp(&b.1));
        let (fcp, done) = runs[1];
        eprintln!("{name:<9} {fcp:>14.0} {done:>19.0}");
        worst = worst.max(done);
    }
    let _ = b.client.clone().close().await;
    // Not the 300 ms target itself (a loaded CI machine is no fair judge), but a page that takes
    // seconds is broken.
    assert!(worst < 5000.0, "a page took {worst:.0} ms to paint");
}

async fn walk(c: &Client, base: &str, seed: bool) -> Result<(), fantoccini::error::CmdError> {
    // Landing page: every article, with the histogram.
    c.goto(&format!("{base}/")).await?;
    wait_count(c, "#hits .hit", 4).await;
    wait_count(c, "svg.chart rect.b", 1).await;

    // `/` focuses the search box; typing a query and Enter searches.
    c.find(Locator::Css("body")).await?.send_keys("/").await?;
    let focused: Value = c.execute("return document.activeElement.id", vec![]).await?;
    assert_eq!(focused, "q");
    c.find(Locator::Css("#q"))
        .await?
        .send_keys("flood barrier\u{E007}")
        .await?;
    let total = wait_count(c, "#total", 1).await;
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut total = total[0].clone();
    while !total.starts_with("2 articles") {
        assert!(Instant::now() < deadline, "search did not show 2 articles: {total}");
        tokio::time::sleep(Duration::from_millis(100)).await;
        total = texts(c, "#total").await.first().cloned().unwrap_or_default();
    }

    // j selects the first hit, Enter opens it.
    c.find(Locator::Css("body")).await?.send_keys("j\u{E007}").await?;
    let persons = wait_count(c, "#doc .ent.PERSON", 1).await;
    assert!(persons.iter().any(|p| p.contains("Okafor")), "{persons:?}");
    assert!(!wait_count(c, "#doc .timex", 1).await.is_empty());
    let quotes = wait_count(c, "#doc .quote", 1).await;
    assert!(!quotes.is_empty());
    // Clicking a quote names its speaker.
    c.find(Locator::Css("#doc .quote")).await?.click().await?;
    let pop = wait_count(c, ".pop", 1).await;
    assert!(pop[0].contains("Speaker") && pop[0].contains("Okafor"), "{pop:?}");

    // The entity page from the facts panel: chart, quotes, co-occurring entities.
    c.goto(&format!("{base}/#/entity/Helen%20Okafor")).await?;
    let name = wait_count(c, "#entity-name", 1).await;
    assert!(name[0].starts_with("Helen Okafor"), "{name:?}");
    assert!(wait_count(c, "#timeline svg rect.b", 3).await.len() >= 3);
    wait_count(c, "#entity-quotes li", 1).await;
    wait_count(c, "#cooccurring li", 1).await;

    // A place shows its coordinates.
    c.goto(&format!("{base}/#/entity/Rotterdam")).await?;
    let coords = wait_count(c, "#coords", 1).await;
    assert!(coords[0].starts_with("51."), "{coords:?}");

    // The network.
    c.goto(&format!("{base}/#/network?min=1")).await?;
    wait_count(c, "#network circle", 3).await;
    // The network of a query's articles: the two flood-barrier ones.
    c.goto(&format!("{base}/#/network?q=flood+barrier")).await?;
    wait_until(c, "#net-summary", |s| {
        s.iter().any(|t| t.starts_with("2 articles matching"))
    })
    .await;
    let labels = texts(c, "#network text").await;
    assert!(labels.iter().any(|l| l == "Helen Okafor"), "{labels:?}");
    assert!(!labels.iter().any(|l| l == "Maria Gonzalez"), "{labels:?}");

    // Analyse pasted text.
    c.goto(&format!("{base}/#/analyze")).await?;
    wait_count(c, "#an-text", 1).await;
    c.execute("document.querySelector('#an-date').value = '2020-06-10';", vec![])
        .await?;
    c.find(Locator::Css("#an-text"))
        .await?
        .send_keys("Mayor Lena Park said on Tuesday that the bridge will reopen next month.")
        .await?;
    c.find(Locator::Css("#an-run")).await?.click().await?;
    let found = wait_count(c, "#an-out .ent.PERSON", 1).await;
    assert!(found.iter().any(|p| p.contains("Lena Park")), "{found:?}");
    wait_count(c, "#an-out .timex", 2).await;

    if seed {
        // The acceptance walk of issue 7 on the seed article; the screenshots come from here.
        c.goto(&format!("{base}/#/search?q=trade+Xi")).await?;
        let hits = wait_count(c, "#hits .hit", 1).await;
        assert!(hits[0].contains("2018-11-02"), "{hits:?}");
        shot(c, "search").await;
        c.find(Locator::Css("#hits .hit a.t")).await?.click().await?;
        let persons = wait_count(c, "#doc .ent.PERSON", 2).await;
        assert!(persons.iter().any(|p| p == "Donald Trump"), "{persons:?}");
        assert!(persons.iter().any(|p| p == "Xi Jinping"), "{persons:?}");
        wait_count(c, "#doc .timex", 3).await;
        wait_count(c, "#doc .quote", 3).await;
        shot(c, "article").await;
        c.goto(&format!("{base}/#/entity/Xi%20Jinping")).await?;
        wait_count(c, "#timeline svg rect.b", 1).await;
        wait_count(c, "#entity-quotes li", 1).await;
        shot(c, "entity").await;
        c.goto(&format!("{base}/#/network?min=1&nodes=60")).await?;
        wait_count(c, "#network circle", 5).await;
        shot(c, "network").await;
        // The network of one query's articles, reached from its search page.
        c.goto(&format!("{base}/#/search?q=tariffs")).await?;
        wait_count(c, "#to-network", 1).await;
        c.find(Locator::Css("#to-network")).await?.click().await?;
        wait_until(c, "#net-summary", |s| {
            s.iter().any(|t| t.contains("matching “tariffs”"))
        })
        .await;
        let labels = texts(c, "#network text").await;
        assert!(labels.iter().any(|l| l == "Xi Jinping"), "{labels:?}");
        shot(c, "network-query").await;
    }
    Ok(())
}
