//! Prints the events of a sentence as JSON: `cargo run -p newsgraph-events --example code -- [--validate] "Text."`.

use newsgraph_events::{DictionarySet, EventCoder, EventOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let validate = args.iter().any(|a| a == "--validate");
    let text = args.iter().find(|a| !a.starts_with("--")).cloned().unwrap_or_default();
    let opts = EventOptions {
        set: if validate {
            DictionarySet::Validate
        } else {
            DictionarySet::Phoenix
        },
        ..EventOptions::default()
    };
    let coder = EventCoder::new(&opts)?;
    let date = chrono::NaiveDate::from_ymd_opt(2018, 11, 2).ok_or("date")?;
    for e in coder.code_text(&text, date) {
        println!(
            "{} {} {} | {} | conf {}",
            e.source.code, e.target.code, e.code, e.rule, e.confidence
        );
    }
    Ok(())
}
