//! Shows the shallow syntax the coder sees and the events it codes, with the validation
//! dictionaries: `cargo run --release -p newsgraph-events --example explain -- "Text."`.
//! With `--gold FILE ID…` it reads records of a gold JSONL file instead.

use newsgraph_events::{DictionarySet, EventCoder, EventOptions};

fn show(coder: &EventCoder, models: &newsgraph_syntax::Models, text: &str) {
    let seg = newsgraph_text::segment(text);
    for si in 0..seg.sentences.len() {
        let words: Vec<&str> = seg
            .tokens
            .iter()
            .zip(&seg.token_sentence)
            .filter(|(_, s)| **s as usize == si)
            .map(|(t, _)| &text[t.span.start..t.span.end])
            .collect();
        let s = newsgraph_syntax::analyze_words(models, &words);
        let line: Vec<String> = (0..s.words.len())
            .map(|i| format!("{i}:{}/{}/{}", s.words[i], s.pos[i], s.chunk_tags[i]))
            .collect();
        println!("  {}", line.join(" "));
        for p in &s.predicates {
            println!(
                "  pred chain {:?} head {} subj {:?} clause {:?} passive {} agent {:?} neg {} rep {} by {:?} modality {:?}",
                p.chain,
                s.words[p.head],
                p.subject,
                p.clause,
                p.passive,
                p.agent,
                p.negated,
                p.reporting,
                p.reported_by,
                p.modality.iter().map(|m| m.kind).collect::<Vec<_>>()
            );
        }
    }
    let date = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    for e in coder.code_text(text, date) {
        println!("  => {} {} {} | {}", e.source.code, e.target.code, e.code, e.rule);
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let coder = EventCoder::new(&EventOptions {
        set: DictionarySet::Validate,
        ..EventOptions::default()
    })?;
    let models = newsgraph_syntax::Models::load_default()?;
    if args.first().is_some_and(|a| a == "--gold") {
        let path = args.get(1).ok_or("--gold FILE ID…")?;
        let text = std::fs::read_to_string(path)?;
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line)?;
            let id = v["id"].as_str().unwrap_or_default();
            if args[2..].iter().any(|a| a == id) {
                println!("== {id}: {}", v["text"].as_str().unwrap_or_default());
                println!("  gold {}", v["gold"]);
                show(&coder, &models, v["text"].as_str().unwrap_or_default());
            }
        }
    } else {
        for t in &args {
            show(&coder, &models, t);
        }
    }
    Ok(())
}
