//! Prints how long each step of loading the resources takes (a manual aid; the bench is the
//! reference): `cargo run --release -p newsgraph-entities --example load_timing`.
#![allow(clippy::unwrap_used)]
use std::io::Read;
use std::time::Instant;

fn main() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/gazetteer.tsv.zst")).unwrap();
    let t = Instant::now();
    let tables = newsgraph_entities::Tables::embedded().unwrap();
    println!("tables: {:?}", t.elapsed());
    let t = Instant::now();
    let mut text = String::new();
    zstd::stream::read::Decoder::new(&bytes[..])
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    println!("decompress: {:?}", t.elapsed());
    let t = Instant::now();
    let mut n = 0;
    for line in text.lines() {
        for f in line
            .split('\t')
            .nth(2)
            .into_iter()
            .chain(line.split('\t').nth(8).unwrap_or("").split('|'))
        {
            n += newsgraph_entities::norm::key(f).len();
        }
    }
    println!("keys: {:?} ({n})", t.elapsed());
    let t = Instant::now();
    let g = newsgraph_entities::Gazetteer::from_tsv(&text, &tables).unwrap();
    println!("from_tsv: {:?} ({} names)", t.elapsed(), g.names());
    let t = Instant::now();
    let r = newsgraph_entities::Resources::load().unwrap();
    println!(
        "Resources::load (compiled-in index): {:?} ({} places)",
        t.elapsed(),
        r.gazetteer.places().len()
    );
}
