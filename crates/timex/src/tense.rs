//! The tense of the clause around an expression, from cue words, to resolve bare weekdays and months.

use crate::lexicon::Lexicon;

/// Which way an underspecified date points from the DCT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    None,
}

/// Cues further than this many bytes from the expression are ignored: they belong to another clause.
const REACH: usize = 90;

/// The tense of the cue nearest to `[start, end)` inside `sentence` (offsets relative to it).
pub(crate) fn tense_at(lex: &Lexicon, sentence: &str, start: usize, end: usize) -> Tense {
    let bytes = sentence.as_bytes();
    let mut best: Option<(usize, Tense)> = None;
    let mut i = 0;
    let mut prev: Option<(usize, usize)> = None;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let ws = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphabetic() || bytes[i] == b'\'' || bytes[i] == b'-') {
            i += 1;
        }
        let we = i;
        let inside = ws < end && we > start;
        let dist = if we <= start {
            start - we
        } else {
            ws.saturating_sub(end)
        };
        let word = &sentence[ws..we];
        if !inside && dist <= REACH {
            let lower = word.to_ascii_lowercase();
            let bigram = prev.map(|(a, _)| sentence[a..we].to_ascii_lowercase());
            let t = classify(lex, word, &lower, bigram.as_deref());
            if t != Tense::None {
                let better = match best {
                    None => true,
                    Some((d, _)) => dist < d,
                };
                if better {
                    best = Some((dist, t));
                }
            }
        }
        prev = Some((ws, we));
    }
    best.map(|(_, t)| t).unwrap_or(Tense::None)
}

fn classify(lex: &Lexicon, word: &str, lower: &str, bigram: Option<&str>) -> Tense {
    if let Some(b) = bigram {
        let b: String = b.split_whitespace().collect::<Vec<_>>().join(" ");
        if lex.future_cues.contains(&b) {
            return Tense::Future;
        }
    }
    if lex.future_cues.contains(lower) {
        return Tense::Future;
    }
    if lex.past_cues.contains(lower) {
        return Tense::Past;
    }
    // A lower-case word in -ed is most often a past verb or participle in news prose; capitalised
    // ones are names (Ted, United).
    let first_lower = word.as_bytes().first().is_some_and(|b| b.is_ascii_lowercase());
    if first_lower && lower.len() > 4 && lower.ends_with("ed") && !lex.ed_not_past.contains(lower) {
        return Tense::Past;
    }
    Tense::None
}
