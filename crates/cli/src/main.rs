//! `newsgraph`: turn dated news articles into structured, time-aware knowledge.
//!
//! The binary only wires the library crates together: arguments become a validated config
//! ([`args`]) before any work starts, then one module per subcommand does the work.

mod analyze;
mod args;
mod bench;
mod bench_store;
mod eval;
mod exit;
mod pretty;
mod serve;
mod store_cmds;
mod train;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(a) => analyze::run(a),
        Command::Train(t) => train::run(t),
        Command::Eval(e) => eval::run(e),
        Command::Bench(b) => bench::run(b),
        Command::Ingest(a) => store_cmds::ingest(a),
        Command::Search(a) => store_cmds::search(a),
        Command::Entity(a) => store_cmds::entity(a),
        Command::Quotes(a) => store_cmds::quotes(a),
        Command::Graph(a) => store_cmds::graph(a),
        Command::Stats(a) => store_cmds::stats(a),
        Command::Export(a) => store_cmds::export(a),
        Command::Article(a) => store_cmds::article(a),
        Command::Events(a) => store_cmds::events(a),
        Command::Sql(a) => store_cmds::sql(a),
        Command::Serve(a) => serve::serve(a),
        Command::Demo(a) => serve::demo(a),
    };
    match result {
        Ok(code) => code.into(),
        Err(err) => {
            if exit::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsgraph: error: {}", exit::message(&err));
            exit::Code::Fatal.into()
        }
    }
}
