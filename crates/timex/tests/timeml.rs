//! TimeML in and out, and the pipeline component.
mod common;

use std::sync::Arc;

use newsgraph_core::{Article, Component, Doc, Layer, PipelineBuilder, Span};
use newsgraph_timex::{parse_tml, read_tml, to_timeml, TimexComponent};

const TEXT: &str = "Xi & Trump spoke on Thursday <by phone>. Talks resume next month, officials said.";

fn doc() -> Doc {
    let mut doc = Doc::new(Article::new(TEXT, common::dct()));
    doc.sentences = newsgraph_timex::split_sentences(TEXT);
    doc
}

#[test]
fn component_fills_timexes_from_sentences_and_date() {
    let c = TimexComponent::new().unwrap();
    assert_eq!(c.name(), "timex");
    assert_eq!(c.requires(), &[Layer::Sentences]);
    assert_eq!(c.assigns(), &[Layer::Timexes]);
    let mut d = doc();
    c.process(&mut d).unwrap();
    let got: Vec<(&str, &str)> = d.timexes.iter().map(|t| (d.slice(t.span), t.value.as_str())).collect();
    assert_eq!(got, [("Thursday", "2018-11-01"), ("next month", "2018-12")]);
}

// A pipeline must place the component after one that assigns sentences.
#[test]
fn pipeline_rejects_timex_without_sentences() {
    let r = PipelineBuilder::new()
        .push(Arc::new(TimexComponent::new().unwrap()))
        .build();
    assert!(r.is_err());
}

#[test]
fn timeml_round_trip_keeps_text_spans_and_values() {
    let mut d = doc();
    TimexComponent::new().unwrap().process(&mut d).unwrap();
    let tml = to_timeml(&d);
    assert!(
        tml.contains("functionInDocument=\"CREATION_TIME\">2018-11-02</TIMEX3>"),
        "{tml}"
    );
    assert!(tml.contains("Xi &amp; Trump"), "{tml}");
    let back = parse_tml(&tml, "x").unwrap();
    assert_eq!(back.text, TEXT);
    assert_eq!(back.dct, "2018-11-02");
    assert_eq!(back.date, Some(common::dct()));
    let offsets = d.offsets();
    let want: Vec<(usize, usize, String, String)> = d
        .timexes
        .iter()
        .map(|t| {
            (
                offsets.char_of(t.span.start),
                offsets.char_of(t.span.end),
                t.ttype.as_str().to_string(),
                t.value.clone(),
            )
        })
        .collect();
    let got: Vec<(usize, usize, String, String)> = back
        .timexes
        .iter()
        .map(|t| (t.start, t.end, t.ttype.clone(), t.value.clone()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn writer_drops_overlapping_timexes() {
    let mut d = doc();
    TimexComponent::new().unwrap().process(&mut d).unwrap();
    let mut extra = d.timexes[0].clone();
    extra.span = Span::new(extra.span.start + 2, extra.span.end + 3);
    d.timexes.push(extra);
    assert_eq!(parse_tml(&to_timeml(&d), "x").unwrap().timexes.len(), 2);
}

#[test]
fn reads_a_tbaq_document_with_code_point_offsets() {
    let dir = common::shared().join("data/timeml/tbaq");
    let files = newsgraph_timex::timeml::list_tml(&dir).unwrap();
    assert_eq!(files.len(), 256);
    let d = read_tml(&files[0]).unwrap();
    assert!(d.date.is_some());
    let chars: Vec<char> = d.text.chars().collect();
    for t in &d.timexes {
        let s: String = chars[t.start..t.end].iter().collect();
        assert!(!s.trim().is_empty(), "{t:?}");
    }
}
