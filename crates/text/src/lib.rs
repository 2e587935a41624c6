//! Text layer: paragraphs, sentences, tokens.
