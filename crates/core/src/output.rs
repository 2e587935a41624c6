//! The output contract (schema v2, `docs/schema.md`): a [`Doc`] as JSON with code-point offsets.
//!
//! Internally spans are byte offsets; here each becomes `{start, end, text}` in Unicode code points
//! (Python `str` indexing), end exclusive.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::layers::{EntityType, Event, Link, MentionKind, QuoteKind, TokenKind, Tone};
use crate::{Doc, Span, SCHEMA_VERSION};

/// What to include beyond the always-present fields.
#[derive(Debug, Clone, Copy, Default)]
pub struct OutputOptions {
    /// Emit the `tokens` layer (large; off by default).
    pub tokens: bool,
}

/// A span in the output: code-point offsets and the covered text.
#[derive(Debug, Serialize, PartialEq)]
pub struct OutSpan<'a> {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The covered text.
    pub text: &'a str,
}

/// A token in the output.
#[derive(Debug, Serialize)]
pub struct OutToken<'a> {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The token text.
    pub text: &'a str,
    /// word, number, punct or symbol.
    pub kind: TokenKind,
    /// Part-of-speech tag, when a tagger ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pos: Option<&'a str>,
}

/// A mention in the output.
#[derive(Debug, Serialize)]
pub struct OutMention<'a> {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The mention text.
    pub text: &'a str,
    /// name, pronoun or nominal.
    pub kind: MentionKind,
}

/// An entity in the output.
#[derive(Debug, Serialize)]
pub struct OutEntity<'a> {
    /// Article-local id.
    pub id: &'a str,
    /// Canonical name.
    pub name: &'a str,
    /// Entity type.
    #[serde(rename = "type")]
    pub etype: EntityType,
    /// Mentions in text order.
    pub mentions: Vec<OutMention<'a>>,
    /// Gazetteer link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<&'a Link>,
    /// Titles and roles next to the name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<OutSpan<'a>>,
}

/// A time expression in the output.
#[derive(Debug, Serialize)]
pub struct OutTimex<'a> {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The expression text.
    pub text: &'a str,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub ttype: &'static str,
    /// TIMEX3 value.
    pub value: &'a str,
    /// TIMEX3 mod.
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<&'a str>,
    /// SET frequency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freq: Option<&'a str>,
    /// SET quantifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quant: Option<&'a str>,
}

/// A speaker in the output.
#[derive(Debug, Serialize)]
pub struct OutSpeaker<'a> {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The speaker's words.
    pub text: &'a str,
    /// The entity id it resolves to, or null.
    pub entity: Option<&'a str>,
}

/// A quotation in the output.
#[derive(Debug, Serialize)]
pub struct OutQuote<'a> {
    /// First code point of the quoted words.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The quoted words.
    pub text: &'a str,
    /// direct, partial or indirect.
    pub kind: QuoteKind,
    /// Who said it.
    pub speaker: Option<OutSpeaker<'a>>,
    /// The cue.
    pub cue: Option<OutSpan<'a>>,
    /// Compound sentiment of the quoted words, when the tone component ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tone: Option<f64>,
}

/// An amount in the output.
#[derive(Debug, Serialize)]
pub struct OutAmount<'a> {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The amount text.
    pub text: &'a str,
    /// The value with scale applied.
    pub value: f64,
    /// Currency code, `%` or counted noun.
    pub unit: &'a str,
    /// What is measured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<OutSpan<'a>>,
    /// Approximation marker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approx: Option<&'a str>,
    /// Upper end of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range_to: Option<f64>,
    /// Percentage points rather than percent.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub percentage_points: bool,
}

/// An event actor in the output.
#[derive(Debug, Serialize)]
pub struct OutActor<'a> {
    /// CAMEO actor code.
    pub code: &'a str,
    /// The entity id, when the actor is a known entity.
    pub entity: Option<&'a str>,
    /// Where the actor is named.
    #[serde(flatten)]
    pub span: OutSpan<'a>,
}

/// An event location in the output.
#[derive(Debug, Serialize)]
pub struct OutLocation<'a> {
    /// The place as written.
    pub name: &'a str,
    /// Its entity id, when known.
    pub entity: Option<&'a str>,
    /// Where it is named.
    #[serde(flatten)]
    pub span: OutSpan<'a>,
}

/// An event in the output.
#[derive(Debug, Serialize)]
pub struct OutEvent<'a> {
    /// CAMEO event code.
    pub code: &'a str,
    /// Its two-digit root.
    pub root: &'a str,
    /// Quad class 1–4.
    pub quad_class: u8,
    /// Goldstein score.
    pub goldstein: f64,
    /// Who acts.
    pub source: OutActor<'a>,
    /// Who is acted on.
    pub target: OutActor<'a>,
    /// TIMEX3 value of the event date.
    pub date: &'a str,
    /// Where, when named.
    pub location: Option<OutLocation<'a>>,
    /// The evidence: the sentence and the verb.
    pub evidence: OutEvidence<'a>,
    /// The rule that fired.
    pub rule: &'a str,
    /// Modality when not plainly asserted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modality: Option<&'a str>,
    /// Heuristic confidence in 0…1.
    pub confidence: f64,
}

/// The words an event was read from.
#[derive(Debug, Serialize)]
pub struct OutEvidence<'a> {
    /// The sentence.
    pub sentence: OutSpan<'a>,
    /// The verb.
    pub verb: OutSpan<'a>,
}

/// A whole analysed article in the output contract.
#[derive(Debug, Serialize)]
pub struct OutDoc<'a> {
    /// Contract version.
    pub schema_version: u32,
    /// Article id.
    pub id: &'a str,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// Headline.
    pub title: Option<&'a str>,
    /// URL.
    pub url: Option<&'a str>,
    /// Source.
    pub source: Option<&'a str>,
    /// Other input fields.
    pub meta: &'a Map<String, Value>,
    /// The article text; every offset points into it.
    pub text: &'a str,
    /// Paragraphs.
    pub paragraphs: Vec<OutSpan<'a>>,
    /// Sentences.
    pub sentences: Vec<OutSpan<'a>>,
    /// Tokens, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<OutToken<'a>>>,
    /// Entities.
    pub entities: Vec<OutEntity<'a>>,
    /// Time expressions.
    pub timexes: Vec<OutTimex<'a>>,
    /// Quotations.
    pub quotes: Vec<OutQuote<'a>>,
    /// Amounts.
    pub amounts: Vec<OutAmount<'a>>,
    /// Tone, or null.
    pub tone: Option<&'a Tone>,
    /// CAMEO-coded events (schema v2).
    pub events: Vec<OutEvent<'a>>,
}

impl Doc {
    /// A span in output form.
    pub fn out_span(&self, span: Span) -> OutSpan<'_> {
        let map = self.offsets();
        OutSpan {
            start: map.char_of(span.start),
            end: map.char_of(span.end),
            text: self.slice(span),
        }
    }

    /// The document in output-contract form.
    pub fn to_output(&self, opts: OutputOptions) -> OutDoc<'_> {
        let a = &self.article;
        let tokens = opts.tokens.then(|| {
            self.tokens
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let s = self.out_span(t.span);
                    OutToken {
                        start: s.start,
                        end: s.end,
                        text: s.text,
                        kind: t.kind,
                        pos: self.pos.get(i).map(String::as_str),
                    }
                })
                .collect()
        });
        OutDoc {
            schema_version: SCHEMA_VERSION,
            id: &a.id,
            date: a.date.format("%Y-%m-%d").to_string(),
            title: a.title.as_deref(),
            url: a.url.as_deref(),
            source: a.source.as_deref(),
            meta: &a.meta,
            text: &a.text,
            paragraphs: self.paragraphs.iter().map(|&s| self.out_span(s)).collect(),
            sentences: self.sentences.iter().map(|&s| self.out_span(s)).collect(),
            tokens,
            entities: self
                .entities
                .iter()
                .map(|e| OutEntity {
                    id: &e.id,
                    name: &e.name,
                    etype: e.etype,
                    mentions: e
                        .mentions
                        .iter()
                        .map(|m| {
                            let s = self.out_span(m.span);
                            OutMention {
                                start: s.start,
                                end: s.end,
                                text: s.text,
                                kind: m.kind,
                            }
                        })
                        .collect(),
                    link: e.link.as_ref(),
                    titles: e.titles.iter().map(|&s| self.out_span(s)).collect(),
                })
                .collect(),
            timexes: self
                .timexes
                .iter()
                .map(|t| {
                    let s = self.out_span(t.span);
                    OutTimex {
                        start: s.start,
                        end: s.end,
                        text: s.text,
                        ttype: t.ttype.as_str(),
                        value: &t.value,
                        modifier: t.modifier.as_deref(),
                        freq: t.freq.as_deref(),
                        quant: t.quant.as_deref(),
                    }
                })
                .collect(),
            quotes: self
                .quotes
                .iter()
                .map(|q| {
                    let s = self.out_span(q.span);
                    OutQuote {
                        start: s.start,
                        end: s.end,
                        text: s.text,
                        kind: q.kind,
                        speaker: q.speaker.as_ref().map(|sp| {
                            let s = self.out_span(sp.span);
                            OutSpeaker {
                                start: s.start,
                                end: s.end,
                                text: s.text,
                                entity: sp.entity.as_deref(),
                            }
                        }),
                        cue: q.cue.map(|c| self.out_span(c)),
                        tone: q.tone,
                    }
                })
                .collect(),
            amounts: self
                .amounts
                .iter()
                .map(|am| {
                    let s = self.out_span(am.span);
                    OutAmount {
                        start: s.start,
                        end: s.end,
                        text: s.text,
                        value: am.value,
                        unit: &am.unit,
                        object: am.object.map(|o| self.out_span(o)),
                        approx: am.approx.as_deref(),
                        range_to: am.range_to,
                        percentage_points: am.percentage_points,
                    }
                })
                .collect(),
            tone: self.tone.as_ref(),
            events: self.events.iter().map(|e| self.out_event(e)).collect(),
        }
    }

    fn out_event<'a>(&'a self, e: &'a Event) -> OutEvent<'a> {
        OutEvent {
            code: &e.code,
            root: &e.root,
            quad_class: e.quad_class,
            goldstein: e.goldstein,
            source: OutActor {
                code: &e.source.code,
                entity: e.source.entity.as_deref(),
                span: self.out_span(e.source.span),
            },
            target: OutActor {
                code: &e.target.code,
                entity: e.target.entity.as_deref(),
                span: self.out_span(e.target.span),
            },
            date: &e.date,
            location: e.location.as_ref().map(|l| OutLocation {
                name: &l.name,
                entity: l.entity.as_deref(),
                span: self.out_span(l.span),
            }),
            evidence: OutEvidence {
                sentence: self.out_span(e.sentence),
                verb: self.out_span(e.verb),
            },
            rule: &e.rule,
            modality: e.modality.as_deref(),
            confidence: e.confidence,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Article;

    #[test]
    fn spans_come_out_in_code_points_with_text() {
        let text = "“Xi’s deal,” he said.";
        let mut doc = Doc::new(Article::new(
            text,
            chrono::NaiveDate::from_ymd_opt(2018, 11, 2).unwrap(),
        ));
        let start = text.find("deal").unwrap();
        doc.sentences.push(Span::new(start, start + 4));
        let out = doc.to_output(OutputOptions::default());
        assert_eq!(
            out.sentences[0],
            OutSpan {
                start: 6,
                end: 10,
                text: "deal"
            }
        );
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[6..10].iter().collect::<String>(), "deal");
        let json = serde_json::to_value(&out).unwrap();
        assert_eq!(json["date"], "2018-11-02");
        assert!(json.get("tokens").is_none());
        assert_eq!(json["tone"], Value::Null);
    }
}
