//! Prints the sentences of texts, one per line, for eyeballing: each input line is one JSON
//! string (a whole article), or with `--plain` the whole input is one text. With `--tokens`, each
//! sentence is printed as its tokens joined by spaces.
//! Run: `cargo run --release -p newsgraph-text --example sentences -- [--plain] [--tokens] < FILE`.

use std::io::Read;

fn main() {
    let plain = std::env::args().any(|a| a == "--plain");
    let tokens = std::env::args().any(|a| a == "--tokens");
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
            let shown = if tokens {
                let k = seg.token_sentence.partition_point(|&x| (x as usize) < i);
                let n = seg.token_sentence.partition_point(|&x| (x as usize) <= i);
                seg.tokens[k..n]
                    .iter()
                    .map(|t| &text[t.span.start..t.span.end])
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                text[s.start..s.end].replace('\n', "⏎")
            };
            println!("{d}\t{p}\t{i}\t{shown}");
        }
    }
}
