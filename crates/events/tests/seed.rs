//! The seed article through the full standard pipeline plus `events`: the call, the
//! accusation, the indictment, the lawsuit, the tariffs and the threat, each with source,
//! target, code, date and evidence.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use newsgraph_core::{Article, Doc, Event, PipelineBuilder};
use newsgraph_events::EventsComponent;

fn shared() -> std::path::PathBuf {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into())
}

fn seed_doc() -> Doc {
    let raw = std::fs::read_to_string(shared().join("seed/article.txt")).expect("seed article (set NEWSGRAPH_SHARED)");
    let text = raw.trim_start().strip_prefix("date 2018-11-02 ").expect("seed header");
    let date = chrono::NaiveDate::from_ymd_opt(2018, 11, 2).unwrap();
    let standard = newsgraph_pipeline::standard().unwrap();
    let mut builder = PipelineBuilder::new();
    for c in standard.components() {
        if c.name() != "events" {
            builder = builder.push(c.clone());
        }
    }
    let pipeline = builder.push(Arc::new(EventsComponent::new().unwrap())).build().unwrap();
    let mut doc = Doc::new(Article::new(text, date));
    pipeline.process(&mut doc).unwrap();
    doc
}

/// `SOURCE TARGET CODE DATE | verb | source words -> target words`.
fn describe(doc: &Doc, e: &Event) -> String {
    format!(
        "{} {} {} {} | {} | {} -> {}",
        e.source.code,
        e.target.code,
        e.code,
        e.date,
        doc.slice(e.verb),
        doc.slice(e.source.span),
        doc.slice(e.target.span)
    )
}

/// The event whose verb (or event noun) reads `verb`, with the given code prefix and actor
/// code prefixes; panics with the full listing when absent.
fn find<'a>(doc: &Doc, events: &'a [Event], verb: &str, code: &str, source: &str, target: &str) -> &'a Event {
    events
        .iter()
        .find(|e| {
            doc.slice(e.verb).contains(verb)
                && e.code.starts_with(code)
                && e.source.code.starts_with(source)
                && e.target.code.starts_with(target)
        })
        .unwrap_or_else(|| {
            let all: Vec<String> = events.iter().map(|e| describe(doc, e)).collect();
            panic!(
                "no {source} -> {target} {code} event on `{verb}`; events:\n{}",
                all.join("\n")
            )
        })
}

#[test]
fn seed_article_events() {
    let doc = seed_doc();
    let ev = &doc.events;
    // Every event's evidence lies in its sentence, and the actors' words too.
    for e in ev {
        assert!(e.sentence.contains(e.verb), "{}", describe(&doc, e));
        assert!(e.sentence.contains(e.source.span) && e.sentence.contains(e.target.span));
    }
    // The Trump–Xi telephone call "on Thursday": consult by telephone, both ways, 2018-11-01.
    let call = find(&doc, ev, "call", "041", "USAGOV", "CHNGOV");
    assert_eq!(call.date, "2018-11-01");
    let back = find(&doc, ev, "call", "041", "CHNGOV", "USAGOV");
    assert_eq!(back.date, "2018-11-01");
    // "On Thursday, the U.S. accused a Chinese state-owned company of conspiring …".
    let accuse = find(&doc, ev, "accused", "112", "USA", "CHN");
    assert_eq!(accuse.date, "2018-11-01");
    assert!(doc.slice(accuse.target.span).contains("Chinese"));
    // "Fujian Jinhua … and Taiwan's United Microelectronics Corp. were indicted …, the Justice
    // Department said": the reporter is the agent of the passive; one event per company.
    let fujian = find(&doc, ev, "indicted", "173", "USAJUD", "CHN");
    assert!(doc.slice(fujian.target.span).contains("Fujian Jinhua"));
    find(&doc, ev, "indicted", "173", "USAJUD", "TWN");
    // "The U.S. also sued to stop the companies …": the companies of the previous sentence.
    find(&doc, ev, "sued", "173", "USA", "CHN");
    find(&doc, ev, "sued", "173", "USA", "TWN");
    // "The Trump administration this year has already imposed tariffs on … trade with China".
    let tariffs = find(&doc, ev, "imposed", "163", "USAGOV", "CHN");
    assert_eq!(tariffs.date, "2018");
    // "… and is threatening to impose tariffs on all remaining imports from China".
    let threat = find(&doc, ev, "threatening", "13", "USAGOV", "CHN");
    assert_eq!(threat.root, "13");
    // Nothing from the conditional "It was unclear if Trump is easing up on U.S. demands".
    assert!(!ev.iter().any(|e| doc.slice(e.verb) == "easing"));
}
