//! Tagging running text: from a segmentation (sentences and tokens as byte spans) to entity
//! mentions in byte offsets, with the span hygiene users expect from names in running text.

use newsgraph_core::Span;

use crate::data::{Label, TokenSpan};
use crate::model::Model;

/// Sentences and tokens of a text, as byte spans (what `newsgraph_text::segment` gives).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Sentence spans in order.
    pub sentences: Vec<Span>,
    /// Token spans in order.
    pub tokens: Vec<Span>,
    /// Sentence index of each token.
    pub token_sentence: Vec<u32>,
}

/// A recognized mention in running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextMention {
    /// The name, in bytes of the text.
    pub span: Span,
    /// Its type.
    pub label: Label,
    /// A title or role stripped from the front of a person's name ("President"), if any.
    pub title: Option<Span>,
}

/// Segments text with `newsgraph_text`.
pub fn segment_text(text: &str) -> Segmentation {
    let seg = newsgraph_text::segment(text);
    Segmentation {
        sentences: seg.sentences,
        tokens: seg.tokens.iter().map(|t| t.span).collect(),
        token_sentence: seg.token_sentence,
    }
}

/// Words that may precede a name but are not part of it. Leading determiners are dropped from
/// every type; titles only from persons ("President Donald Trump" → "Donald Trump"), since for
/// organizations they are usually part of the name ("General Motors").
const DETERMINERS: &[&str] = &["the", "a", "an"];
const TITLES: &[&str] = &[
    "president",
    "vice",
    "prime",
    "minister",
    "secretary",
    "chancellor",
    "premier",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "gov.",
    "governor",
    "mayor",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "prof.",
    "professor",
    "sir",
    "gen.",
    "general",
    "col.",
    "lt.",
    "sgt.",
    "capt.",
    "adm.",
    "judge",
    "justice",
    "chairman",
    "chief",
    "executive",
    "ceo",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "leader",
    "state",
    "foreign",
    "finance",
    "defense",
    "defence",
    "trade",
    "commerce",
    "treasury",
    "deputy",
    "former",
    "u.s.",
    "chinese",
    "coach",
    "manager",
    "striker",
    "captain",
];
/// Tokens never at the edge of a name: possessives and punctuation.
fn is_edge_junk(tok: &str) -> bool {
    matches!(tok, "'s" | "\u{2019}s" | "'" | "\u{2019}" | "s'")
        || (!tok.is_empty() && tok.chars().all(|c| !c.is_alphanumeric() && c != '&' && c != '$'))
}

/// Cleans one predicted span of a sentence: strips leading determiners (and titles for persons),
/// trailing possessives and edge punctuation, and splits at a standalone hyphen ("U.S.-China" is
/// tokenized "U.S." "-" "China" and names two places). Returns the kept pieces with the stripped
/// title range, if any.
pub(crate) fn clean_span(tokens: &[&str], span: TokenSpan) -> Vec<(TokenSpan, Option<(usize, usize)>)> {
    let mut out = Vec::new();
    let mut start = span.start;
    let mut pieces = Vec::new();
    for (i, tok) in tokens.iter().enumerate().take(span.end).skip(span.start) {
        if matches!(*tok, "-" | "\u{2013}" | "\u{2014}" | "/") && i > span.start && i + 1 < span.end {
            pieces.push((start, i));
            start = i + 1;
        }
    }
    pieces.push((start, span.end));
    for (mut s, mut e) in pieces {
        let title_start = s;
        loop {
            if s + 1 >= e {
                break;
            }
            let low = tokens[s].to_lowercase();
            let strip = is_edge_junk(tokens[s])
                || DETERMINERS.contains(&low.as_str())
                || (span.label == Label::Per && TITLES.contains(&low.as_str()));
            if !strip {
                break;
            }
            s += 1;
        }
        while e > s + 1 && is_edge_junk(tokens[e - 1]) {
            e -= 1;
        }
        if s + 1 == e && is_edge_junk(tokens[s]) {
            continue;
        }
        let title = (span.label == Label::Per && s > title_start).then_some((title_start, s));
        out.push((
            TokenSpan {
                start: s,
                end: e,
                label: span.label,
            },
            title,
        ));
    }
    out
}

/// Tags a segmented text as one document; returns cleaned mentions in text order.
pub fn tag_segmented(model: &Model, text: &str, seg: &Segmentation) -> Vec<TextMention> {
    let n_sent = seg
        .sentences
        .len()
        .max(seg.token_sentence.iter().map(|&s| s as usize + 1).max().unwrap_or(0));
    let mut sent_tokens: Vec<Vec<usize>> = vec![Vec::new(); n_sent];
    for (i, &s) in seg.token_sentence.iter().enumerate() {
        if i < seg.tokens.len() {
            sent_tokens[s as usize].push(i);
        }
    }
    let words: Vec<Vec<&str>> = sent_tokens
        .iter()
        .map(|ix| {
            ix.iter()
                .map(|&i| text.get(seg.tokens[i].start..seg.tokens[i].end).unwrap_or(""))
                .collect()
        })
        .collect();
    let tagged = model.tag_document(&words);
    let mut out = Vec::new();
    for ((ix, toks), spans) in sent_tokens.iter().zip(&words).zip(&tagged) {
        for &sp in spans {
            for (c, title) in clean_span(toks, sp) {
                let span = Span::new(seg.tokens[ix[c.start]].start, seg.tokens[ix[c.end - 1]].end);
                let title = title.map(|(a, b)| Span::new(seg.tokens[ix[a]].start, seg.tokens[ix[b - 1]].end));
                out.push(TextMention {
                    span,
                    label: c.label,
                    title,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(tokens: &[&str], start: usize, end: usize, label: Label) -> Vec<(usize, usize)> {
        clean_span(tokens, TokenSpan { start, end, label })
            .iter()
            .map(|(s, _)| (s.start, s.end))
            .collect()
    }

    #[test]
    fn strips_titles_from_persons_only() {
        let t = ["President", "Donald", "Trump", "'s", "General", "Motors"];
        assert_eq!(clean(&t, 0, 4, Label::Per), [(1, 3)]);
        assert_eq!(clean(&t, 4, 6, Label::Org), [(4, 6)]);
        let t = ["the", "United", "States"];
        assert_eq!(clean(&t, 0, 3, Label::Loc), [(1, 3)]);
    }

    #[test]
    fn splits_at_standalone_hyphen() {
        let t = ["U.S.", "-", "China"];
        assert_eq!(clean(&t, 0, 3, Label::Loc), [(0, 1), (2, 3)]);
    }

    #[test]
    fn a_lone_title_is_kept() {
        // Stripping must never empty a span: a name that is only "King" stays.
        assert_eq!(clean(&["King"], 0, 1, Label::Per), [(0, 1)]);
    }
}
