//! Builds the gazetteer's name index from the committed artifact at compile time, so that the
//! library only decodes it at run time (see `src/index.rs`, which this script shares).
#![allow(missing_docs, dead_code)]

use std::io::Read;
use std::path::PathBuf;

#[path = "src/index.rs"]
mod index;
#[path = "src/norm.rs"]
mod norm;

fn main() {
    for f in [
        "data/gazetteer.tsv.zst",
        "data/country_aliases.tsv",
        "data/admin1_aliases.tsv",
        "data/regions.tsv",
        "data/igos.tsv",
        "src/index.rs",
        "src/norm.rs",
    ] {
        println!("cargo:rerun-if-changed={f}");
    }
    if let Err(e) = run() {
        eprintln!("newsgraph-entities build: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"));
    let zst = std::fs::read("data/gazetteer.tsv.zst").map_err(|e| format!("data/gazetteer.tsv.zst: {e}"))?;
    let mut text = String::new();
    zstd::stream::read::Decoder::new(&zst[..])
        .and_then(|mut d| d.read_to_string(&mut text))
        .map_err(|e| format!("data/gazetteer.tsv.zst: {e}"))?;
    let curated = index::parse_curated(
        &read("data/country_aliases.tsv")?,
        &read("data/admin1_aliases.tsv")?,
        &read("data/regions.tsv")?,
        &read("data/igos.tsv")?,
    )?;
    let built = index::build(&text, &curated)?;
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let write = |name: &str, bytes: &[u8]| std::fs::write(out.join(name), bytes).map_err(|e| format!("{name}: {e}"));
    write("gazetteer.fst", &built.fst)?;
    write("gazetteer.places", &index::encode_places(&built.places))?;
    write("gazetteer.postings", &index::encode_postings(&built.postings))?;
    Ok(())
}
