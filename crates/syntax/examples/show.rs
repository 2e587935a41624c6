//! Prints the shallow syntax of a sentence: `cargo run -p newsgraph-syntax --example show -- "Text."`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = std::env::args().nth(1).unwrap_or_default();
    let models = newsgraph_syntax::Models::load_default()?;
    let seg = newsgraph_text::segment(&text);
    let words: Vec<&str> = seg.tokens.iter().map(|t| &text[t.span.start..t.span.end]).collect();
    let s = newsgraph_syntax::analyze_words(&models, &words);
    for i in 0..s.words.len() {
        println!("{i:>3} {:<16} {:<5} {}", s.words[i], s.pos[i], s.chunk_tags[i]);
    }
    for p in &s.predicates {
        println!("{p:?}");
    }
    Ok(())
}
