//! Corpora: CoNLL column files (IOB1, IOB2, BIOES) and detokenized JSONL, read into entity spans.

use std::fmt;
use std::path::Path;

use newsgraph_core::{CharOffsets, EntityType};
use serde::Deserialize;

use crate::error::{NerError, Result};

/// The four CoNLL-2003 entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// Persons.
    Per,
    /// Locations.
    Loc,
    /// Organizations.
    Org,
    /// Everything else named (nationalities, events, works).
    Misc,
}

impl Label {
    /// All labels in their fixed order (the order of tag indices).
    pub const ALL: [Label; 4] = [Label::Per, Label::Loc, Label::Org, Label::Misc];

    /// The CoNLL name (`PER`, `LOC`, `ORG`, `MISC`).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Loc => "LOC",
            Label::Org => "ORG",
            Label::Misc => "MISC",
        }
    }

    /// Parses a CoNLL or output-contract type name.
    pub fn parse(s: &str) -> Option<Label> {
        match s {
            "PER" | "PERSON" => Some(Label::Per),
            "LOC" | "LOCATION" | "GPE" => Some(Label::Loc),
            "ORG" | "ORGANIZATION" => Some(Label::Org),
            "MISC" | "NATIONALITY" => Some(Label::Misc),
            _ => None,
        }
    }

    /// Position in [`Label::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The output-contract entity type.
    pub fn entity_type(self) -> EntityType {
        match self {
            Label::Per => EntityType::Person,
            Label::Loc => EntityType::Location,
            Label::Org => EntityType::Organization,
            Label::Misc => EntityType::Misc,
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An entity mention as a half-open range of token indices within one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TokenSpan {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Entity type.
    pub label: Label,
}

/// One sentence of tokens with its gold entity spans (empty when unannotated).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    /// Token strings.
    pub tokens: Vec<String>,
    /// Entity spans, sorted, non-overlapping.
    pub spans: Vec<TokenSpan>,
}

/// A document: sentences in order. Document boundaries matter for the document-level features.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
}

/// Reads a CoNLL column file: one token per line, the word first and the entity tag last, blank
/// lines between sentences and `-DOCSTART-` lines between documents. Tags may be IOB1 (CoNLL-2003),
/// IOB2, or BIOES/BILOU; all decode to the same spans.
pub fn read_conll(path: &Path) -> Result<Vec<Document>> {
    let text = std::fs::read_to_string(path).map_err(|e| NerError::io(path, e))?;
    parse_conll(&text, path)
}

/// Parses CoNLL column text; `path` only names the source in errors.
pub fn parse_conll(text: &str, path: &Path) -> Result<Vec<Document>> {
    let mut docs: Vec<Document> = Vec::new();
    let mut doc = Document::default();
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<(usize, String)> = Vec::new();
    let flush = |words: &mut Vec<String>, tags: &mut Vec<(usize, String)>, doc: &mut Document| -> Result<()> {
        if words.is_empty() {
            return Ok(());
        }
        let spans = decode_tags(tags, path)?;
        doc.sentences.push(Sentence {
            tokens: std::mem::take(words),
            spans,
        });
        tags.clear();
        Ok(())
    };
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut words, &mut tags, &mut doc)?;
            continue;
        }
        let mut cols = line.split_whitespace();
        let word = cols.next().unwrap_or_default();
        if word == "-DOCSTART-" {
            flush(&mut words, &mut tags, &mut doc)?;
            if !doc.sentences.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        let tag = cols.last().ok_or_else(|| NerError::Parse {
            path: path.to_path_buf(),
            line: i + 1,
            message: format!("expected `WORD ... TAG` columns, found one column `{word}`"),
        })?;
        words.push(word.to_string());
        tags.push((i + 1, tag.to_string()));
    }
    flush(&mut words, &mut tags, &mut doc)?;
    if !doc.sentences.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

/// Turns one sentence's tags into spans. A chunk starts at `B-X`/`S-X`/`U-X`, or at `I-X`/`E-X`/`L-X`
/// that does not continue a chunk of type X; this reads IOB1 and IOB2 alike.
fn decode_tags(tags: &[(usize, String)], path: &Path) -> Result<Vec<TokenSpan>> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, Label)> = None;
    for (k, (line, tag)) in tags.iter().enumerate() {
        if tag == "O" {
            if let Some((s, l)) = open.take() {
                spans.push(TokenSpan {
                    start: s,
                    end: k,
                    label: l,
                });
            }
            continue;
        }
        let bad = || NerError::Parse {
            path: path.to_path_buf(),
            line: *line,
            message: format!("expected an entity tag like `O`, `I-PER`, `B-LOC`, found `{tag}`"),
        };
        let (prefix, ty) = tag.split_once('-').ok_or_else(bad)?;
        let label = Label::parse(ty).ok_or_else(bad)?;
        let continues = matches!(open, Some((_, l)) if l == label);
        let (starts, ends) = match prefix {
            "B" => (true, false),
            "I" => (!continues, false),
            "S" | "U" => (true, true),
            "E" | "L" => (!continues, true),
            _ => return Err(bad()),
        };
        if starts {
            if let Some((s, l)) = open.take() {
                spans.push(TokenSpan {
                    start: s,
                    end: k,
                    label: l,
                });
            }
            open = Some((k, label));
        }
        if ends {
            if let Some((s, l)) = open.take() {
                spans.push(TokenSpan {
                    start: s,
                    end: k + 1,
                    label: l,
                });
            }
        }
    }
    if let Some((s, l)) = open {
        spans.push(TokenSpan {
            start: s,
            end: tags.len(),
            label: l,
        });
    }
    Ok(spans)
}

/// A gold entity of a detokenized document, in byte offsets of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextEntity {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Entity type.
    pub label: Label,
}

/// A document of running text with gold entities (from `*.detok.jsonl`).
#[derive(Debug, Clone, PartialEq)]
pub struct TextDoc {
    /// Document id.
    pub id: String,
    /// The text.
    pub text: String,
    /// Gold entities in byte offsets, sorted.
    pub entities: Vec<TextEntity>,
}

#[derive(Deserialize)]
struct RawEntity {
    start: usize,
    end: usize,
    label: String,
}

#[derive(Deserialize)]
struct RawDoc {
    doc: String,
    text: String,
    #[serde(default)]
    entities: Vec<RawEntity>,
}

/// Reads detokenized JSONL: one `{doc, text, entities: [{start, end, label}]}` per line, offsets in
/// code points (converted to bytes here).
pub fn read_detok_jsonl(path: &Path) -> Result<Vec<TextDoc>> {
    let text = std::fs::read_to_string(path).map_err(|e| NerError::io(path, e))?;
    let mut docs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parse_err = |message: String| NerError::Parse {
            path: path.to_path_buf(),
            line: i + 1,
            message,
        };
        let raw: RawDoc = serde_json::from_str(line)
            .map_err(|e| parse_err(format!("expected a JSON object {{doc, text, entities}}: {e}")))?;
        let offsets = CharOffsets::new(&raw.text);
        let mut entities = Vec::with_capacity(raw.entities.len());
        for e in raw.entities {
            let label = Label::parse(&e.label).ok_or_else(|| {
                parse_err(format!(
                    "unknown entity label `{}` (expected PER, LOC, ORG, MISC)",
                    e.label
                ))
            })?;
            if e.start >= e.end || e.end > offsets.len_chars() {
                return Err(parse_err(format!(
                    "entity [{}, {}) is empty or outside the text of {} code points",
                    e.start,
                    e.end,
                    offsets.len_chars()
                )));
            }
            entities.push(TextEntity {
                start: offsets.byte_of(e.start),
                end: offsets.byte_of(e.end),
                label,
            });
        }
        entities.sort();
        docs.push(TextDoc {
            id: raw.doc,
            text: raw.text,
            entities,
        });
    }
    Ok(docs)
}

#[derive(Deserialize)]
struct RawText {
    text: String,
    #[serde(default)]
    primary: Option<bool>,
}

/// Reads unlabelled text as tokenized sentences (tokens from `newsgraph_text`): `*.jsonl` with a
/// `text` field per line (records with `"primary": false` and repeated texts are skipped), anything
/// else as one plain text.
pub fn read_unlabelled(path: &Path) -> Result<Vec<Vec<String>>> {
    let raw = std::fs::read_to_string(path).map_err(|e| NerError::io(path, e))?;
    let mut texts: Vec<String> = Vec::new();
    if path.extension().is_some_and(|e| e == "jsonl") {
        let mut seen = std::collections::BTreeSet::new();
        for (i, line) in raw.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let r: RawText = serde_json::from_str(line).map_err(|e| NerError::Parse {
                path: path.to_path_buf(),
                line: i + 1,
                message: format!("expected a JSON object with a `text` field: {e}"),
            })?;
            if r.primary != Some(false) && seen.insert(r.text.clone()) {
                texts.push(r.text);
            }
        }
    } else {
        texts.push(raw);
    }
    let mut out = Vec::new();
    for text in &texts {
        let seg = newsgraph_text::segment(text);
        let mut cur: Vec<String> = Vec::new();
        let mut sent = None;
        for (t, &s) in seg.tokens.iter().zip(&seg.token_sentence) {
            if sent != Some(s) && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            sent = Some(s);
            cur.push(text.get(t.span.start..t.span.end).unwrap_or("").to_string());
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(usize, usize, &'static str)> {
        let docs = parse_conll(text, Path::new("t")).unwrap();
        docs[0].sentences[0]
            .spans
            .iter()
            .map(|s| (s.start, s.end, s.label.as_str()))
            .collect()
    }

    #[test]
    fn iob1_and_iob2_decode_to_the_same_spans() {
        let iob1 = "A x x I-PER\nB x x I-PER\nC x x B-PER\nD x x O\nE x x I-LOC\n";
        let iob2 = "A x x B-PER\nB x x I-PER\nC x x B-PER\nD x x O\nE x x B-LOC\n";
        let want = vec![(0, 2, "PER"), (2, 3, "PER"), (4, 5, "LOC")];
        assert_eq!(spans(iob1), want);
        assert_eq!(spans(iob2), want);
        let bioes = "A x x B-PER\nB x x E-PER\nC x x S-PER\nD x x O\nE x x S-LOC\n";
        assert_eq!(spans(bioes), want);
    }

    #[test]
    fn type_change_inside_i_tags_starts_a_new_span() {
        assert_eq!(spans("A I-ORG\nB I-LOC\n"), vec![(0, 1, "ORG"), (1, 2, "LOC")]);
    }

    #[test]
    fn bad_tag_names_file_and_line() {
        let err = parse_conll("-DOCSTART- -X- O O\n\nA x x I-PER\nB x x X-FOO\n", Path::new("f.conll")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.conll:4: expected an entity tag like `O`, `I-PER`, `B-LOC`, found `X-FOO`"
        );
    }

    #[test]
    fn docstart_splits_documents() {
        let docs = parse_conll("-DOCSTART- O\n\nA O\n\nB O\n-DOCSTART- O\n\nC O\n", Path::new("t")).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[1].sentences[0].tokens, ["C"]);
    }
}
