//! Tags a plain-text file with the default model and prints one mention per line:
//!
//! ```text
//! cargo run --release -p newsgraph-ner --example tag_text -- FILE
//! ```

use newsgraph_ner::{running, Model};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: tag_text FILE")?;
    let text = std::fs::read_to_string(path)?;
    let model = Model::load_default()?;
    let seg = running::segment_text(&text);
    for m in running::tag_segmented(&model, &text, &seg) {
        let title = m
            .title
            .map(|t| format!("  (title: {})", &text[t.start..t.end]))
            .unwrap_or_default();
        println!("{:<5} {}{title}", m.label.as_str(), &text[m.span.start..m.span.end]);
    }
    Ok(())
}
