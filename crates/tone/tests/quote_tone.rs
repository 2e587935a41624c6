//! The tone component scores each quotation's own words.

use newsgraph_core::{Article, Component, Doc, Quote, QuoteKind, Span};

#[test]
fn quotes_get_the_tone_of_their_words() {
    let text = "“This is a wonderful, great deal,” he said. “It is a terrible disaster,” she said.";
    let mut doc = Doc::new(Article::new(
        text,
        chrono::NaiveDate::from_ymd_opt(2018, 11, 2).unwrap(),
    ));
    doc.sentences = vec![
        Span::new(0, text.find(" “It").unwrap()),
        Span::new(text.find("“It").unwrap(), text.len()),
    ];
    for words in ["This is a wonderful, great deal,", "It is a terrible disaster,"] {
        let start = text.find(words).unwrap();
        doc.quotes.push(Quote {
            span: Span::new(start, start + words.len()),
            kind: QuoteKind::Direct,
            speaker: None,
            cue: None,
            tone: None,
        });
    }
    newsgraph_tone::ToneComponent::new().unwrap().process(&mut doc).unwrap();
    let tones: Vec<f64> = doc.quotes.iter().map(|q| q.tone.unwrap()).collect();
    assert!(tones[0] > 0.5, "{tones:?}");
    assert!(tones[1] < -0.5, "{tones:?}");
}
