//! A load test for a running server: `concurrency` clients, each on one kept-alive HTTP/1.1
//! connection, send GET requests round-robin over a list of paths for a fixed time; the report has
//! requests per second and latency percentiles. Blocking std sockets, so it needs no HTTP client
//! dependency and measures the server rather than a client runtime.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::{Result, ServerError};

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
}

/// Sends GET `paths` (each starting with `/`, query string included) to `addr` from `concurrency`
/// connections for `duration`, and reports throughput and latency.
pub fn load(addr: SocketAddr, paths: &[String], concurrency: usize, duration: Duration) -> Result<LoadReport> {
    if paths.is_empty() {
        return Err(io_err("load test", std::io::Error::other("no request paths given")));
    }
    let concurrency = concurrency.max(1);
    let start = Instant::now();
    let results: Vec<Result<(Vec<f64>, u64)>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..concurrency)
            .map(|w| s.spawn(move || client(addr, paths, w, start + duration)))
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
    let (mut latencies, mut non_ok) = (Vec::new(), 0);
    for r in results {
        let (l, n) = r?;
        latencies.extend(l);
        non_ok += n;
    }
    latencies.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        if latencies.is_empty() {
            return 0.0;
        }
        let i = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1;
        latencies[i]
    };
    Ok(LoadReport {
        requests: latencies.len() as u64,
        non_ok,
        seconds,
        requests_per_sec: latencies.len() as f64 / seconds.max(1e-9),
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
        max_ms: latencies.last().copied().unwrap_or(0.0),
        concurrency,
    })
}

fn io_err(op: &str, source: std::io::Error) -> ServerError {
    ServerError::Io {
        op: op.to_string(),
        source,
    }
}

/// One client: its own connection, paths in turn starting at its index; latencies in ms.
fn client(addr: SocketAddr, paths: &[String], first: usize, until: Instant) -> Result<(Vec<f64>, u64)> {
    let connect = || -> Result<(TcpStream, BufReader<TcpStream>)> {
        let stream = TcpStream::connect(addr).map_err(|e| io_err(&format!("connecting to {addr}"), e))?;
        stream.set_nodelay(true).map_err(|e| io_err("setting TCP_NODELAY", e))?;
        let reader = BufReader::new(stream.try_clone().map_err(|e| io_err("cloning a socket", e))?);
        Ok((stream, reader))
    };
    let (mut stream, mut reader) = connect()?;
    let (mut latencies, mut non_ok) = (Vec::new(), 0u64);
    let mut i = first;
    while Instant::now() < until {
        let path = &paths[i % paths.len()];
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
        latencies.push(t.elapsed().as_secs_f64() * 1000.0);
        if status != 200 {
            non_ok += 1;
        }
    }
    Ok((latencies, non_ok))
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
