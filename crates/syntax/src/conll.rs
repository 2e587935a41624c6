//! Reading CoNLL-2003 column files (`word POS chunk NER`) into sentences with IOB2 chunk tags.

use std::path::Path;

use crate::error::{Result, SyntaxError};

/// One sentence of a CoNLL file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The words.
    pub words: Vec<String>,
    /// Gold part-of-speech tags.
    pub pos: Vec<String>,
    /// Gold chunk tags, converted to IOB2 (`B-NP` starts every chunk).
    pub chunks: Vec<String>,
}

/// Reads a CoNLL-2003 file.
pub fn read_conll(path: &Path) -> Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path).map_err(|e| SyntaxError::io(path, e))?;
    parse_conll(&text, path)
}

/// Parses CoNLL-2003 text; `path` names the source in errors.
pub fn parse_conll(text: &str, path: &Path) -> Result<Vec<Sentence>> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with("-DOCSTART-") {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() < 3 {
            return Err(SyntaxError::Parse {
                path: path.to_path_buf(),
                line: n + 1,
                message: format!("expected `word POS chunk [NER]`, found {} column(s)", cols.len()),
            });
        }
        cur.words.push(cols[0].to_string());
        cur.pos.push(cols[1].to_string());
        cur.chunks.push(cols[2].to_string());
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    for s in &mut out {
        s.chunks = iob1_to_iob2(&s.chunks);
    }
    Ok(out)
}

/// IOB1 (`B-` only between two chunks of one type) to IOB2 (`B-` at every chunk start).
pub fn iob1_to_iob2(tags: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(tags.len());
    let mut prev = "O";
    for t in tags {
        let fixed = match t.split_once('-') {
            Some(("I", ty)) => {
                let same = prev.split_once('-').is_some_and(|(_, p)| p == ty);
                if same {
                    t.clone()
                } else {
                    format!("B-{ty}")
                }
            }
            Some((_, _)) => t.clone(),
            None => "O".to_string(),
        };
        prev = t;
        out.push(fixed);
    }
    out
}
