//! Builds `data/petrarch2.dicts.zst`, the compiled-in copy of the PETRARCH-2 dictionaries (MIT,
//! see `data/LICENSE.petrarch2`), from `$NEWSGRAPH_SHARED/data/events/dictionaries`:
//!
//! `cargo run -p newsgraph-events --example pack_dictionaries`

use std::io::Write;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let shared = std::env::var_os("NEWSGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")));
    let dir = shared.join("data/events/dictionaries");
    let mut raw = Vec::new();
    for name in newsgraph_events::BUNDLED_FILES {
        let text = std::fs::read(dir.join(name))?;
        raw.extend_from_slice(&(name.len() as u32).to_le_bytes());
        raw.extend_from_slice(name.as_bytes());
        raw.extend_from_slice(&(text.len() as u32).to_le_bytes());
        raw.extend_from_slice(&text);
    }
    let out = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/data/petrarch2.dicts.zst"));
    let mut enc = zstd::Encoder::new(std::fs::File::create(&out)?, 19)?;
    enc.write_all(&raw)?;
    enc.finish()?;
    std::fs::copy(dir.join("LICENSE.petrarch2"), out.with_file_name("LICENSE.petrarch2"))?;
    println!("wrote {}", out.display());
    Ok(())
}
