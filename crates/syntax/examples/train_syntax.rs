//! Trains the committed models: `cargo run --release -p newsgraph-syntax --example train_syntax -- pos|chunk|both`.
//! Reads CoNLL-2003 from `$NEWSGRAPH_SHARED/data/conll2003` and writes `crates/syntax/models/`.

use std::path::PathBuf;

use newsgraph_syntax::{shared_dir, train_chunk, train_pos, TrainOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let what = std::env::args().nth(1).unwrap_or_else(|| "both".to_string());
    let data = shared_dir().join("data/conll2003");
    let (train, dev) = (data.join("eng.train"), data.join("eng.testa"));
    let models = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/models"));
    let opts = TrainOptions::default();
    let pos_out = models.join("pos.model.zst");
    if what == "pos" || what == "both" {
        let r = train_pos(&train, Some(&dev), &pos_out, &opts)?;
        println!("POS accuracy on eng.testa: {:.4}", r.pos_accuracy());
    }
    if what == "chunk" || what == "both" {
        let r = train_chunk(
            &train,
            Some(&dev),
            &models.join("chunk.model.zst"),
            &opts,
            Some(&pos_out),
        )?;
        print!("{r}");
    }
    if what == "goldpos" {
        let gold = newsgraph_syntax::read_conll(&dev)?;
        let m = newsgraph_syntax::Models::load_default()?;
        let mut r = newsgraph_syntax::Report::default();
        for s in &gold {
            let c = m.chunk(&s.words, &s.pos);
            r.add(&s.pos, &s.pos, &s.chunks, &c);
        }
        print!("gold POS: {r}");
    }
    if what == "errors" {
        let gold = newsgraph_syntax::read_conll(&dev)?;
        let m = newsgraph_syntax::Models::load_default()?;
        let mut conf = std::collections::BTreeMap::new();
        for s in &gold {
            let (p, c) = m.tag_and_chunk(&s.words);
            for i in 0..s.words.len() {
                if c[i] != s.chunks[i] {
                    *conf.entry(format!("chunk {} -> {}", s.chunks[i], c[i])).or_insert(0) += 1;
                }
                if p[i] != s.pos[i] {
                    *conf.entry(format!("pos {} -> {}", s.pos[i], p[i])).or_insert(0) += 1;
                }
            }
        }
        let mut v: Vec<_> = conf.into_iter().collect();
        v.sort_by_key(|x| std::cmp::Reverse(x.1));
        for (k, n) in v.iter().take(30) {
            println!("{n}\t{k}");
        }
    }
    if what == "eval" {
        print!("{}", newsgraph_syntax::eval_syntax(&dev)?);
    }
    Ok(())
}
