//! `newsgraph serve` (the web UI and JSON API over a store) and `newsgraph demo` (ingest the
//! bundled examples, then serve them).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use clap::Args;
use newsgraph_server::Limits;

use crate::args::InputFormatArg;
use crate::exit::Code;
use crate::store_cmds::{ingest, IngestArgs, StoreArg};

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub server: ServerArgs,
}

/// Options shared by `serve` and `demo`.
#[derive(Debug, Args)]
pub struct ServerArgs {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    pub addr: SocketAddr,
    /// Longest a query or analysis may run before it is answered with 503.
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    pub query_timeout: u64,
}

impl ServerArgs {
    fn limits(&self) -> Limits {
        Limits {
            query_time: Duration::from_secs(self.query_timeout.max(1)),
            ..Limits::default()
        }
    }
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub server: ServerArgs,
    /// The bundled example corpus.
    #[arg(long, default_value = "examples", value_name = "DIR")]
    pub examples: PathBuf,
    /// Where the demo store is built (reused when it exists: ingest skips what it holds).
    #[arg(long, default_value = "newsgraph-demo-store", value_name = "DIR")]
    pub store: PathBuf,
}

pub fn serve(a: ServeArgs) -> Result<Code> {
    run(a.store.store, &a.server)
}

pub fn demo(a: DemoArgs) -> Result<Code> {
    if !a.examples.is_dir() {
        let cwd = std::env::current_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        bail!(
            "no example corpus at {} (looked in {cwd}); run `newsgraph demo` from the newsgraph source tree or pass --examples DIR",
            a.examples.display()
        );
    }
    eprintln!(
        "newsgraph: building the demo store {} from {}",
        a.store.display(),
        a.examples.display()
    );
    ingest(IngestArgs {
        store: StoreArg { store: a.store.clone() },
        inputs: vec![a.examples],
        date: None,
        input_format: InputFormatArg::Auto,
        components: None,
        disable: Vec::new(),
        threads: None,
        no_progress: false,
    })?;
    run(a.store, &a.server)
}

fn run(store: PathBuf, server: &ServerArgs) -> Result<Code> {
    let shown = store.display().to_string();
    eprintln!("newsgraph: loading models and opening {shown}");
    newsgraph_server::serve(&store, server.addr, server.limits(), |addr| {
        println!("newsgraph: serving {shown} at http://{addr}/ (Ctrl-C to stop)");
    })
    .with_context(|| format!("serving store {shown}"))?;
    Ok(Code::Ok)
}
