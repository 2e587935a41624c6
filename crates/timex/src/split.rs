//! A small fallback sentence splitter, for callers without the text crate's segmentation.
//!
//! Good enough to scope tense cues and anchors: it splits after `.`, `!` or `?` (plus closing quotes
//! or brackets) followed by white space and an upper-case letter, digit or opening quote, unless the
//! word before the stop is a known abbreviation or a single letter; and at blank lines.

use newsgraph_core::Span;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "st", "jr", "sr", "inc",
    "corp", "co", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "ft", "mt", "ave", "blvd", "u.s", "u.k", "u.n", "a.m",
    "p.m", "calif", "mass", "conn", "fla", "ga", "ill", "mich", "minn", "n.j", "n.y", "pa", "tenn", "tex", "va",
    "wash", "wis", "ariz", "colo", "ky", "la", "md", "mo", "nev", "okla", "ore", "e.g", "i.e", "etc", "approx", "dept",
    "est", "fig",
];

/// Sentence spans (byte offsets) of `text`.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let push = |out: &mut Vec<Span>, s: usize, e: usize| {
        let seg = &text[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        if e - trail > s + lead {
            out.push(Span::new(s + lead, e - trail));
        }
    };
    while i < b.len() {
        let c = b[i];
        if c == b'\n' && i + 1 < b.len() {
            // Blank line: paragraph break.
            let mut j = i + 1;
            while j < b.len() && (b[j] == b' ' || b[j] == b'\t' || b[j] == b'\r') {
                j += 1;
            }
            if j < b.len() && b[j] == b'\n' {
                push(&mut out, start, i);
                start = j + 1;
                i = j + 1;
                continue;
            }
        }
        if c == b'.' || c == b'!' || c == b'?' {
            let mut j = i + 1;
            // Closing quotes and brackets stay with the sentence (ASCII or curly).
            loop {
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'' || b[j] == b')') {
                    j += 1;
                } else if text[j..].starts_with('”') || text[j..].starts_with('’') {
                    j += '”'.len_utf8();
                } else {
                    break;
                }
            }
            let ws_start = j;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j > ws_start && j < b.len() {
                let next_ok = b[j].is_ascii_uppercase()
                    || b[j].is_ascii_digit()
                    || b[j] == b'"'
                    || b[j] == b'('
                    || b[j] == b'`'
                    || text[j..].starts_with('“')
                    || text[j..].starts_with('‘');
                if next_ok && !(c == b'.' && is_abbreviation(text, i)) {
                    push(&mut out, start, ws_start);
                    start = j;
                }
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    push(&mut out, start, text.len());
    out
}

fn is_abbreviation(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.chars().count() == 1 && word.chars().all(|c| c.is_alphabetic()) {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_stops_but_not_abbreviations() {
        let t = "Talks begin Nov. 30 in Buenos Aires. Mr. Trump said “yes.” Then U.S. officials left.\n\nNew para";
        let s: Vec<&str> = split_sentences(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(
            s,
            [
                "Talks begin Nov. 30 in Buenos Aires.",
                "Mr. Trump said “yes.”",
                "Then U.S. officials left.",
                "New para"
            ]
        );
    }
}
