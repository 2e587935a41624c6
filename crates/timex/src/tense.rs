//! The tense of the clause around an expression, from cue words, to resolve bare weekdays and months.

use crate::lexicon::Lexicon;

/// Which way an underspecified date points from the DCT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    None,
}

/// What one cue word says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Past,
    Future,
    Present,
    None,
}

/// Cues further than this many bytes from the expression are ignored: they belong to another clause.
const REACH: usize = 90;

/// The tense of the cue nearest to `[start, end)` inside `sentence` (offsets relative to it).
pub(crate) fn tense_at(lex: &Lexicon, sentence: &str, start: usize, end: usize) -> Tense {
    // A deadline preposition right before the date ("by Jan. 14", "until Friday") looks ahead.
    let before = sentence[..start].trim_end();
    if before.len() < start {
        // Step past the whole separator character: it may be multi-byte (a curly apostrophe).
        let ws = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_ascii_alphabetic())
            .map_or(0, |(p, c)| p + c.len_utf8());
        if lex.deadline.contains(&before[ws..].to_ascii_lowercase()) {
            // A deadline in the past perfect lies behind us: "had filed reports by Wednesday",
            // "Until Thursday, they had not called him a suspect". ("had until Friday to leave"
            // is a deadline still ahead and keeps the forward reading.)
            let had_until = before[..ws].trim_end().to_ascii_lowercase().ends_with("had");
            if !had_until && past_perfect_near(sentence, start, end) {
                return Tense::Past;
            }
            return Tense::Future;
        }
    }
    let bytes = sentence.as_bytes();
    // The nearest cue, and the nearest one outside an attribution tail ("…, an official said").
    let mut best: Option<(usize, Cue)> = None;
    let mut best_own: Option<(usize, Cue)> = None;
    let mut cue_before = false;
    let mut i = 0;
    let mut prev: Option<(usize, usize)> = None;
    let mut prev2: Option<(usize, usize)> = None;
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
            let prev_word = prev.map(|(a, b)| sentence[a..b].to_ascii_lowercase());
            // "next to" is a place, not a time.
            let next_to = lower == "next" && sentence[we..].trim_start().to_ascii_lowercase().starts_with("to ");
            let mut t = classify(lex, word, &lower, bigram.as_deref(), prev_word.as_deref());
            // "had been scheduled to expire Friday", "had planned to leave Monday": a plan made
            // in the past perfect is a future seen from the past, mostly over by the DCT.
            if t == Cue::Future {
                let word_at = |w: Option<(usize, usize)>| w.map(|(a, b)| sentence[a..b].to_ascii_lowercase());
                let p1 = word_at(prev);
                if p1.as_deref() == Some("had")
                    || (p1.as_deref() == Some("been") && word_at(prev2).as_deref() == Some("had"))
                {
                    t = Cue::Past;
                }
            }
            if t != Cue::None && !next_to {
                let tail = ws >= end && lex.attribution.contains(&lower) && sentence[end..ws].contains(',');
                cue_before |= we <= start;
                if best.is_none_or(|(d, _)| dist < d) {
                    best = Some((dist, t));
                }
                if !tail && best_own.is_none_or(|(d, _)| dist < d) {
                    best_own = Some((dist, t));
                }
            }
        }
        prev2 = prev;
        prev = Some((ws, we));
    }
    // A date with a verb of its own before it takes that verb's tense; a fronted one ("In
    // September, it announced …", "At a rally Thursday night, he said") takes the reporting verb's.
    let best = if cue_before { best_own } else { best };
    match best {
        Some((_, Cue::Past)) => Tense::Past,
        Some((_, Cue::Future)) => Tense::Future,
        _ => Tense::None,
    }
}

/// Whether "had" (a past perfect) stands within [`REACH`] of `[start, end)`.
fn past_perfect_near(sentence: &str, start: usize, end: usize) -> bool {
    let mut lo = start.saturating_sub(REACH);
    while !sentence.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (end + REACH).min(sentence.len());
    while !sentence.is_char_boundary(hi) {
        hi -= 1;
    }
    let bytes = sentence.as_bytes();
    let mut i = lo;
    while let Some(p) = sentence.get(i..hi).and_then(|w| w.find("had")) {
        let a = i + p;
        let b = a + 3;
        let left = a == 0 || !bytes[a - 1].is_ascii_alphabetic();
        let right = b >= bytes.len() || !bytes[b].is_ascii_alphabetic();
        if left && right {
            return true;
        }
        i = b;
    }
    false
}

fn classify(lex: &Lexicon, word: &str, lower: &str, bigram: Option<&str>, prev: Option<&str>) -> Cue {
    if let Some(b) = bigram {
        let b: String = b.split_whitespace().collect::<Vec<_>>().join(" ");
        if lex.future_cues.contains(&b) {
            return Cue::Future;
        }
    }
    // "May" as written is the month, never the modal.
    if lower == "may" && word != "may" {
        return Cue::None;
    }
    if lex.future_cues.contains(lower) {
        return Cue::Future;
    }
    if lex.past_cues.contains(lower) {
        // "will be held": an irregular participle after an auxiliary is no past tense either.
        if prev.is_some_and(|p| lex.passive_aux.contains(p)) {
            return Cue::None;
        }
        return Cue::Past;
    }
    if lex.present_cues.contains(lower) {
        return Cue::Present;
    }
    // A lower-case word in -ed is most often a past verb or participle in news prose; capitalised
    // ones are names (Ted, United).
    let first_lower = word.as_bytes().first().is_some_and(|b| b.is_ascii_lowercase());
    // un-…-ed words (unspecified, undisclosed, unexpected) are adjectives, not verbs.
    let negated_adjective = lower.starts_with("un") && lower.len() > 6;
    if first_lower && lower.len() > 4 && lower.ends_with("ed") && !negated_adjective && !lex.ed_not_past.contains(lower)
    {
        // "will be named", "to be completed": a participle, not a past verb.
        if prev.is_some_and(|p| lex.passive_aux.contains(p)) {
            return Cue::None;
        }
        return Cue::Past;
    }
    Cue::None
}
