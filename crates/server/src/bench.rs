//! A load test for a running server: `concurrency` clients, each on one kept-alive HTTP/1.1
//! connection, send GET requests round-robin over a list of probes for a fixed time; the report has
//! requests per second and latency percentiles, overall and per kind of request. Blocking std
//! sockets, so it needs no HTTP client dependency and measures the server rather than a client
//! runtime.
//!
//! [`query_mix`] draws a realistic list of probes from a store's own articles, vocabulary,
//! entities and date range, so the same command works on any store.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use newsgraph_store::{SearchRequest, Store};
use serde::Serialize;

use crate::error::{Result, ServerError};

/// One request of a load test: a kind (what the report groups by) and a GET path with its query
/// string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Probe {
    /// What kind of request this is (`word`, `entity`, …).
    pub kind: String,
    /// Path and query string, starting with `/`.
    pub path: String,
}

/// The kinds of request [`query_mix`] draws, in report order.
pub const KINDS: &[(&str, &str)] = &[
    ("word", "search for one word"),
    ("two_words", "search for two words"),
    ("date_range", "search for one word within a one-year date range"),
    ("entity_filter", "search for the articles that mention an entity"),
    (
        "entity",
        "entity profile (timeline, co-occurring entities, quotes, articles)",
    ),
    ("article", "one article's full analysis"),
];

/// Latency figures of one kind of request, or of all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Latency {
    /// The kind (`all` for every request).
    pub kind: String,
    /// Requests answered (any status).
    pub requests: u64,
    /// Answers that were not 200.
    pub non_ok: u64,
    /// Answered requests per second of the whole run.
    pub requests_per_sec: f64,
    /// Median latency, in milliseconds.
    pub p50_ms: f64,
    /// 99th-percentile latency, in milliseconds.
    pub p99_ms: f64,
    /// Slowest request, in milliseconds.
    pub max_ms: f64,
}

/// What a load test measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadReport {
    /// Requests answered (any status).
    pub requests: u64,
    /// Answers that were not 200.
    pub non_ok: u64,
    /// Wall time of the run, in seconds.
    pub seconds: f64,
    /// Answered requests per second.
    pub requests_per_sec: f64,
    /// Median latency, in milliseconds.
    pub p50_ms: f64,
    /// 99th-percentile latency, in milliseconds.
    pub p99_ms: f64,
    /// Slowest request, in milliseconds.
    pub max_ms: f64,
    /// Client connections.
    pub concurrency: usize,
    /// The same figures per kind of request, in the order the kinds first appear in the probes.
    pub kinds: Vec<Latency>,
}

/// Sends GET `probes` to `addr` from `concurrency` connections for `duration`, and reports
/// throughput and latency, overall and per kind.
pub fn load(addr: SocketAddr, probes: &[Probe], concurrency: usize, duration: Duration) -> Result<LoadReport> {
    if probes.is_empty() {
        return Err(io_err("load test", std::io::Error::other("no requests given")));
    }
    let concurrency = concurrency.max(1);
    let start = Instant::now();
    let results: Vec<Result<Vec<Sample>>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..concurrency)
            .map(|w| s.spawn(move || client(addr, probes, w, start + duration)))
            .collect();
        workers
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(io_err("load test", std::io::Error::other("a client thread panicked"))))
            })
            .collect()
    });
    let seconds = start.elapsed().as_secs_f64();
    let mut samples = Vec::new();
    for r in results {
        samples.extend(r?);
    }
    let mut order: Vec<&str> = Vec::new();
    for p in probes {
        if !order.contains(&p.kind.as_str()) {
            order.push(&p.kind);
        }
    }
    let all = latency("all", samples.iter(), seconds);
    let kinds = order
        .iter()
        .map(|k| latency(k, samples.iter().filter(|s| probes[s.probe].kind == *k), seconds))
        .collect();
    Ok(LoadReport {
        requests: all.requests,
        non_ok: all.non_ok,
        seconds,
        requests_per_sec: all.requests_per_sec,
        p50_ms: all.p50_ms,
        p99_ms: all.p99_ms,
        max_ms: all.max_ms,
        concurrency,
        kinds,
    })
}

/// One answered request: which probe, how long, whether it was a 200.
struct Sample {
    probe: usize,
    ms: f64,
    ok: bool,
}

fn latency<'a>(kind: &str, samples: impl Iterator<Item = &'a Sample>, seconds: f64) -> Latency {
    let (mut ms, mut non_ok) = (Vec::new(), 0);
    for s in samples {
        ms.push(s.ms);
        non_ok += u64::from(!s.ok);
    }
    ms.sort_by(f64::total_cmp);
    Latency {
        kind: kind.to_string(),
        requests: ms.len() as u64,
        non_ok,
        requests_per_sec: ms.len() as f64 / seconds.max(1e-9),
        p50_ms: percentile(&ms, 0.50),
        p99_ms: percentile(&ms, 0.99),
        max_ms: ms.last().copied().unwrap_or(0.0),
    }
}

/// The nearest-rank percentile of sorted values (0 when there are none).
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn io_err(op: &str, source: std::io::Error) -> ServerError {
    ServerError::Io {
        op: op.to_string(),
        source,
    }
}

/// One client: its own connection, probes in turn starting at its index.
fn client(addr: SocketAddr, probes: &[Probe], first: usize, until: Instant) -> Result<Vec<Sample>> {
    let connect = || -> Result<(TcpStream, BufReader<TcpStream>)> {
        let stream = TcpStream::connect(addr).map_err(|e| io_err(&format!("connecting to {addr}"), e))?;
        stream.set_nodelay(true).map_err(|e| io_err("setting TCP_NODELAY", e))?;
        let reader = BufReader::new(stream.try_clone().map_err(|e| io_err("cloning a socket", e))?);
        Ok((stream, reader))
    };
    let (mut stream, mut reader) = connect()?;
    let mut samples = Vec::new();
    let mut i = first;
    while Instant::now() < until {
        let probe = i % probes.len();
        let path = &probes[probe].path;
        i += 1;
        let t = Instant::now();
        let status = match request(&mut stream, &mut reader, addr, path) {
            Ok(s) => s,
            // The server may close a kept-alive connection; one reconnect, then give up.
            Err(_) => {
                (stream, reader) = connect()?;
                request(&mut stream, &mut reader, addr, path).map_err(|e| io_err(&format!("GET {path}"), e))?
            }
        };
        samples.push(Sample {
            probe,
            ms: t.elapsed().as_secs_f64() * 1000.0,
            ok: status == 200,
        });
    }
    Ok(samples)
}

/// Sends one GET and reads the whole answer (the server always sends a Content-Length).
fn request(
    stream: &mut TcpStream,
    reader: &mut BufReader<TcpStream>,
    addr: SocketAddr,
    path: &str,
) -> std::io::Result<u16> {
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: application/json\r\n\r\n"
    )?;
    stream.flush()?;
    let bad = |m: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, m.to_string());
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "connection closed",
        ));
    }
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("no status line"))?;
    let mut length = None;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(bad("headers cut short"));
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse::<u64>().ok();
            }
        }
    }
    let length = length.ok_or_else(|| bad("no Content-Length"))?;
    std::io::copy(&mut reader.by_ref().take(length), &mut std::io::sink())?;
    Ok(status)
}

/// Sends each probe once, one after the other, and returns the slowest latency in ms: what a
/// run pays once (the entity table and name index are loaded on first use, the OS caches the
/// files) is then not in the figures.
pub fn warm_up(addr: SocketAddr, probes: &[Probe]) -> Result<f64> {
    let stream = TcpStream::connect(addr).map_err(|e| io_err(&format!("connecting to {addr}"), e))?;
    let mut reader = BufReader::new(stream.try_clone().map_err(|e| io_err("cloning a socket", e))?);
    let mut stream = stream;
    let mut slowest: f64 = 0.0;
    for p in probes {
        let t = Instant::now();
        request(&mut stream, &mut reader, addr, &p.path).map_err(|e| io_err(&format!("GET {}", p.path), e))?;
        slowest = slowest.max(t.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(slowest)
}

/// Percent-encodes `s` for a query value or path segment: everything but the unreserved
/// characters of RFC 3986.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Content words of `text` as a search box would get them: lowercase runs of at least four
/// letters (shorter ones are mostly function words, and digits make poor queries).
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
}

/// `n` items spread evenly over `items` (all of them when there are fewer), in order.
fn spread<T: Clone>(items: &[T], n: usize) -> Vec<T> {
    if items.len() <= n {
        return items.to_vec();
    }
    (0..n).map(|i| items[i * items.len() / n].clone()).collect()
}

/// A realistic request mix drawn from the store itself, `per_kind` requests of each kind in
/// `kinds` (names from [`KINDS`]), interleaved so that every client sees every kind:
///
/// - the vocabulary is the document frequency of the words of up to 200 articles spread over the
///   store; words in more than a third of them (function words) or in only one are left out, and
///   the queries take words spread from frequent to rare, as users type both;
/// - date ranges are one-year windows spread over the store's dates;
/// - entities are the 100 mentioned in most articles, spread from the most to the least of them;
/// - articles are spread over the store's ids.
///
/// Deterministic: the same store gives the same mix.
pub fn query_mix(store: &Store, kinds: &[&str], per_kind: usize) -> std::result::Result<Vec<Probe>, String> {
    let known: Vec<&str> = KINDS.iter().map(|(k, _)| *k).collect();
    if let Some(k) = kinds.iter().find(|k| !known.contains(k)) {
        return Err(format!(
            "unknown request kind `{k}`; the kinds are {}",
            known.join(", ")
        ));
    }
    let per_kind = per_kind.max(1);
    let err = |e: newsgraph_store::StoreError| e.to_string();
    let ids = store.article_ids().map_err(err)?;
    if ids.is_empty() {
        return Err("the store holds no articles".into());
    }
    let sample = spread(&ids, 200);
    let mut df: BTreeMap<String, usize> = BTreeMap::new();
    let mut texts = 0usize;
    for id in &sample {
        // A format-1 article has no stored analysis, hence no text to draw words from: skip it.
        let Ok(Some(doc)) = store.article(id) else { continue };
        let Some(text) = doc.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        texts += 1;
        for w in words(text) {
            *df.entry(w).or_default() += 1;
        }
    }
    let mut vocab: Vec<(String, usize)> = df
        .into_iter()
        .filter(|(_, n)| *n >= 2.min(texts) && *n * 3 <= texts.max(3))
        .collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let vocab: Vec<String> = vocab.into_iter().map(|(w, _)| w).collect();
    let needs_words = kinds.iter().any(|k| ["word", "two_words", "date_range"].contains(k));
    if needs_words && vocab.is_empty() {
        return Err("no query words could be drawn from the store's articles".into());
    }
    let one = spread(&vocab, per_kind);
    let two = spread(&vocab, per_kind * 2);
    let stats = store.stats().map_err(err)?;
    let day = |d: &Option<String>| d.as_deref().and_then(|d| newsgraph_input::parse_date(d).ok());
    let (first, last) = (day(&stats.first_date), day(&stats.last_date));
    let top = store
        .search(&SearchRequest {
            limit: 0,
            facets: 100,
            ..Default::default()
        })
        .map_err(err)?
        .top_entities;
    let ents = spread(&top, per_kind);
    if kinds.iter().any(|k| ["entity_filter", "entity"].contains(k)) && ents.is_empty() {
        return Err("the store has no entities to query".into());
    }
    let arts = spread(&ids, per_kind);
    let mut per: Vec<Vec<Probe>> = Vec::new();
    for &kind in kinds {
        let mut list = Vec::new();
        for i in 0..per_kind {
            let path = match kind {
                "word" => one
                    .get(i % one.len().max(1))
                    .map(|w| format!("/api/search?q={}", encode(w))),
                "two_words" => two.get((2 * i) % two.len().max(1)).map(|a| {
                    let b = &two[(2 * i + 1) % two.len()];
                    format!("/api/search?q={}", encode(&format!("{a} {b}")))
                }),
                "date_range" => match (first, last) {
                    (Some(f), Some(l)) => one.get(i % one.len().max(1)).map(|w| {
                        let span = (l - f).num_days().max(0);
                        let start = f + chrono::Duration::days(span * i as i64 / per_kind as i64);
                        let end = start + chrono::Duration::days(364);
                        format!("/api/search?q={}&from={start}&to={end}", encode(w))
                    }),
                    _ => None,
                },
                "entity_filter" => ents
                    .get(i % ents.len().max(1))
                    .map(|e| format!("/api/search?entity={}", encode(&e.id))),
                // The entity page asks for this much (crates/server/ui/app.js).
                "entity" => ents
                    .get(i % ents.len().max(1))
                    .map(|e| format!("/api/entities/{}?by=month&limit=30", encode(&e.id))),
                _ => arts
                    .get(i % arts.len().max(1))
                    .map(|id| format!("/api/articles/{}", encode(id))),
            };
            if let Some(path) = path {
                list.push(Probe {
                    kind: kind.to_string(),
                    path,
                });
            }
        }
        per.push(list);
    }
    let longest = per.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = Vec::new();
    for i in 0..longest {
        for list in &per {
            if let Some(p) = list.get(i) {
                out.push(p.clone());
            }
        }
    }
    if out.is_empty() {
        return Err("no requests could be drawn from the store".into());
    }
    Ok(out)
}

/// Reads probes from `text`: one per line, `PATH` or `KIND<TAB>PATH`; blank lines and lines
/// starting with `#` are skipped. A path must start with `/api/`; without a kind, the kind is the
/// endpoint (`search`, `entities`, …).
pub fn parse_probes(text: &str) -> std::result::Result<Vec<Probe>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (kind, path) = match line.split_once('\t') {
            Some((k, p)) => (Some(k.trim()), p.trim()),
            None => (None, line),
        };
        let Some(rest) = path.strip_prefix("/api/") else {
            return Err(format!("line {}: `{path}` does not start with /api/", n + 1));
        };
        if path.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(format!("line {}: `{path}` has white space; percent-encode it", n + 1));
        }
        let endpoint = rest.split(['/', '?']).next().unwrap_or_default();
        out.push(Probe {
            kind: kind.filter(|k| !k.is_empty()).unwrap_or(endpoint).to_string(),
            path: path.to_string(),
        });
    }
    if out.is_empty() {
        return Err("no requests in the file".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.5), 50.0);
        assert_eq!(percentile(&v, 0.99), 99.0);
        assert_eq!(percentile(&[7.0], 0.99), 7.0);
        assert_eq!(percentile(&[], 0.5), 0.0);
    }

    #[test]
    fn encoding_keeps_only_unreserved_characters() {
        assert_eq!(encode("Xi Jinping"), "Xi%20Jinping");
        assert_eq!(encode("a&b=c/d"), "a%26b%3Dc%2Fd");
        assert_eq!(encode("Zürich"), "Z%C3%BCrich");
    }

    #[test]
    fn words_are_lowercase_letter_runs_of_four_or_more() {
        let w = words("The Tariffs, on 2018-11-02: Trade talks' end");
        assert_eq!(w.into_iter().collect::<Vec<_>>(), ["talks", "tariffs", "trade"]);
    }

    #[test]
    fn spread_takes_evenly_from_first_to_last() {
        let v: Vec<u32> = (0..10).collect();
        assert_eq!(spread(&v, 5), [0, 2, 4, 6, 8]);
        assert_eq!(spread(&v, 20), v);
    }

    #[test]
    fn probe_files_name_kinds_or_take_the_endpoint() {
        let p = parse_probes("# mix\n/api/search?q=x\nprofile\t/api/entities/Rotterdam\n\n").unwrap();
        assert_eq!(p[0].kind, "search");
        assert_eq!(p[1].kind, "profile");
        assert!(parse_probes("/etc/passwd").unwrap_err().contains("/api/"));
        assert!(parse_probes("/api/search?q=a b").unwrap_err().contains("white space"));
        assert!(parse_probes("# nothing\n").is_err());
    }
}
