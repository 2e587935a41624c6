//! A stand-in segmenter for tests until `newsgraph-text` can be depended on: paragraphs are
//! non-empty lines, sentences end at `.?!` (plus closing marks) before a capital, a digit or an
//! opening mark, except after common abbreviations.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // Shared by several test crates; tests fail loudly.

use std::sync::Arc;

use newsgraph_core::{Article, Component, Doc, Layer, Pipeline, PipelineBuilder, Span, Token, TokenKind};
use newsgraph_quotes::QuotesComponent;

const ABBR: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "st", "jr", "sr", "inc", "co", "corp", "u.s", "jan", "feb",
    "aug", "sept", "oct", "nov", "dec", "no", "vs", "lt", "col", "rev", "prof", "a.m", "p.m", "u.n",
];

pub fn segment(doc: &mut Doc) {
    let text = doc.text().to_string();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if !t.is_empty() {
            let lead = line.len() - line.trim_start().len();
            doc.paragraphs.push(Span::new(pos + lead, pos + lead + t.len()));
        }
        pos += line.len();
    }
    for p in doc.paragraphs.clone() {
        let s = &text[p.start..p.end];
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut start = 0;
        let mut i = 0;
        while i < chars.len() {
            let (bi, c) = chars[i];
            if matches!(c, '.' | '?' | '!') {
                let mut j = i + 1;
                while j < chars.len() && matches!(chars[j].1, '”' | '"' | '’' | '\'' | ')' | '.') {
                    j += 1;
                }
                let gap = j < chars.len() && chars[j].1.is_whitespace();
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                let next_ok = k < chars.len()
                    && (chars[k].1.is_uppercase()
                        || chars[k].1.is_ascii_digit()
                        || matches!(chars[k].1, '“' | '"' | '‘' | '('));
                let word_start = s[..bi]
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| c.is_whitespace() || c == '(')
                    .map_or(0, |(x, c)| x + c.len_utf8());
                let word = s[word_start..bi].to_lowercase();
                let abbr = c == '.'
                    && (ABBR.contains(&word.as_str())
                        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic)));
                if gap && next_ok && !abbr {
                    let end = if j < chars.len() { chars[j].0 } else { s.len() };
                    doc.sentences.push(Span::new(p.start + start, p.start + end));
                    start = chars[k].0;
                    i = k;
                    continue;
                }
            }
            i += 1;
        }
        if start < s.len() {
            doc.sentences.push(Span::new(p.start + start, p.end));
        }
    }
    let mut si = 0;
    for (i, w) in text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
    {
        let span = Span::new(i, i + w.len());
        while si + 1 < doc.sentences.len() && doc.sentences[si].end <= span.start {
            si += 1;
        }
        doc.tokens.push(Token {
            span,
            kind: TokenKind::Word,
        });
        doc.token_sentence.push(si as u32);
    }
}

pub struct Segmenter;

impl Component for Segmenter {
    fn name(&self) -> &'static str {
        "text"
    }
    fn requires(&self) -> &'static [Layer] {
        &[]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Paragraphs, Layer::Sentences, Layer::Tokens]
    }
    fn process(&self, doc: &mut Doc) -> newsgraph_core::Result<()> {
        segment(doc);
        Ok(())
    }
}

pub fn pipeline() -> Pipeline {
    PipelineBuilder::new()
        .push(Arc::new(Segmenter))
        .push(Arc::new(QuotesComponent::new().unwrap()))
        .build()
        .unwrap()
}

pub fn date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2018, 11, 2).unwrap()
}

pub fn doc(text: &str) -> Doc {
    let mut d = Doc::new(Article::new(text, date()));
    pipeline().process(&mut d).unwrap();
    d
}

pub fn shared() -> std::path::PathBuf {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into())
}

pub fn seed_doc() -> Doc {
    let raw = std::fs::read_to_string(shared().join("seed/article.txt")).expect("seed article");
    let text = raw.trim_start().strip_prefix("date 2018-11-02 ").expect("seed header");
    doc(text)
}

/// One line per quote: kind, quoted text, speaker text, cue text.
pub fn describe(d: &Doc) -> Vec<String> {
    d.quotes
        .iter()
        .map(|q| {
            format!(
                "{:?} [{}] <- {} / {}",
                q.kind,
                d.slice(q.span),
                q.speaker.as_ref().map_or("-", |s| d.slice(s.span)),
                q.cue.map_or("-", |c| d.slice(c))
            )
        })
        .collect()
}
