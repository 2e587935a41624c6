//! Prints the sentences of texts, one per line, for eyeballing: each input line is one JSON
//! string (a whole article), or with `--plain` the whole input is one text.
//! Run: `cargo run --release -p newsgraph-text --example sentences -- [--plain] < FILE`.

use std::io::Read;

fn main() {
    let plain = std::env::args().any(|a| a == "--plain");
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("readable stdin");
    let texts: Vec<String> = if plain {
        vec![input]
    } else {
        input
            .lines()
            .filter_map(|l| serde_json::from_str::<String>(l).ok())
            .collect()
    };
    for (d, text) in texts.iter().enumerate() {
        let seg = newsgraph_text::segment(text);
        for (i, s) in seg.sentences.iter().enumerate() {
            let p = seg.paragraphs.partition_point(|p| p.end <= s.start);
            println!("{d}\t{p}\t{i}\t{}", text[s.start..s.end].replace('\n', "⏎"));
        }
    }
}
