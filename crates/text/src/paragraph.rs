//! Paragraph boundaries.
//!
//! **Every line break ends a paragraph**, not only blank lines: news feeds and scraped articles
//! usually put one paragraph per line with no blank line between, and a sentence splitter that
//! ran across such lines would glue a headline or a dateline to the first sentence. Blank lines
//! (lines holding only whitespace) and U+2029 PARAGRAPH SEPARATOR are breaks too, of course.
//!
//! Two exceptions keep a single line break *inside* a paragraph, because the line was wrapped
//! rather than ended:
//! - the line ends with a hyphen or dash (`BEIJING (Reuters) -` on its own line, or a word
//!   hyphenated across lines);
//! - the next line starts with a lower-case letter (hard-wrapped text: edited prose never starts
//!   a paragraph in lower case).
//!
//! Paragraph spans exclude surrounding whitespace, controls and invisible format characters, so
//! every paragraph contains at least one token.

use newsgraph_core::Span;

use crate::chars::{class, is_hyphen, Class};

/// The paragraphs of `text`, in order.
pub(crate) fn split(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut current: Option<Span> = None;
    // Line breaks since the last line with content, and whether one of them always separates.
    let mut breaks = 0usize;
    let mut hard = false;
    let mut line_start = 0;
    while line_start <= bytes.len() {
        let (line_end, next_start, is_hard) = next_break(bytes, line_start);
        if let Some(line) = trim(text, line_start, line_end) {
            current = Some(match current {
                Some(mut p) if breaks == 1 && !hard && continues(text, p, line) => {
                    p.end = line.end;
                    p
                }
                Some(p) => {
                    out.push(p);
                    line
                }
                None => line,
            });
            breaks = 0;
            hard = false;
        }
        if next_start > bytes.len() {
            break;
        }
        breaks += 1;
        hard |= is_hard;
        line_start = next_start;
    }
    out.extend(current);
    out
}

/// The end of the line starting at `from`, where the next line starts (past `bytes.len()` when
/// there is none), and whether the break always separates paragraphs.
#[inline]
fn next_break(bytes: &[u8], from: usize) -> (usize, usize, bool) {
    let mut i = from;
    loop {
        i = skip_plain(bytes, i);
        let Some(&b) = bytes.get(i) else { break };
        match b {
            b'\n' | b'\x0B' => return (i, i + 1, false),
            b'\x0C' => return (i, i + 1, true),
            b'\r' => {
                let n = if bytes.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
                return (i, n, false);
            }
            // U+0085 NEXT LINE.
            0xC2 if bytes.get(i + 1) == Some(&0x85) => return (i, i + 2, false),
            // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR.
            0xE2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) => {
                return (i, i + 3, bytes[i + 2] == 0xA9);
            }
            _ => i += 1,
        }
    }
    (bytes.len(), bytes.len() + 1, false)
}

/// Skips eight bytes at a time while none can start a line break: every break starts with a
/// byte below 0x0E or with a non-ASCII byte (0xC2, 0xE2). Lines are long, so this is most of the
/// paragraph pass.
#[inline]
fn skip_plain(bytes: &[u8], mut i: usize) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // Some byte is below 0x0E, or some byte has its high bit set.
        if (x.wrapping_sub(LOW * 0x0E) & !x & HIGH) != 0 || x & HIGH != 0 {
            break;
        }
        i += 8;
    }
    i
}

/// The line `[s, e)` without surrounding space, or `None` when nothing is left.
fn trim(text: &str, s: usize, e: usize) -> Option<Span> {
    let line = text.get(s..e)?;
    let is_space = |c: char| class(c) == Class::Space;
    let start = s + (line.len() - line.trim_start_matches(is_space).len());
    let end = s + line.trim_end_matches(is_space).len();
    (start < end).then_some(Span::new(start, end))
}

/// Whether `line` continues paragraph `p` across a single line break.
fn continues(text: &str, p: Span, line: Span) -> bool {
    let first = text.get(line.start..line.end).and_then(|s| s.chars().next());
    first.is_some_and(char::is_lowercase) || text.get(p.start..p.end).is_some_and(ends_with_dateline)
}

/// A dateline left alone on its line: "BEIJING (Reuters) -", "WASHINGTON, Nov 2 (AP) —",
/// "NEW YORK —". Checked on the paragraph's last line only. A table row ending in a dash
/// ("CLEVELAND 80 53 .602 -") is not one: it has digits and no agency in brackets.
fn ends_with_dateline(p: &str) -> bool {
    let line = p.rsplit('\n').next().unwrap_or(p);
    let Some(body) = line.strip_suffix(|c: char| is_hyphen(c) || matches!(c, '–' | '—')) else {
        return false;
    };
    let body = body.trim_end_matches(|c: char| c == '-' || c.is_whitespace());
    if body.len() == line.len() - 1 && !body.is_empty() {
        // The dash is glued to a word: a hyphenation, which only a lower-case next line continues.
        return false;
    }
    body.ends_with(')') || (!body.is_empty() && !body.chars().any(|c| c.is_lowercase() || c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<&str> {
        split(text).iter().map(|p| &text[p.start..p.end]).collect()
    }

    #[test]
    fn blank_lines_and_single_newlines_both_break() {
        assert_eq!(
            paras("  One.\n\n \t\nTwo.\nThree.  \r\nFour.\u{2029}Five."),
            ["One.", "Two.", "Three.", "Four.", "Five."]
        );
    }

    #[test]
    fn wrapped_lines_continue() {
        assert_eq!(
            paras("BEIJING (Reuters) -\nChina said.\nIt was a long\nday."),
            ["BEIJING (Reuters) -\nChina said.", "It was a long\nday."]
        );
        // A blank line always breaks, whatever the case.
        assert_eq!(paras("A -\n\nb"), ["A -", "b"]);
    }

    #[test]
    fn breaks_are_found_at_every_offset_of_the_fast_skip() {
        for pad in 0..20 {
            let a = "x".repeat(pad);
            for br in ["\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"] {
                let text = format!("{a}A{br}B{a}");
                assert_eq!(paras(&text), [format!("{a}A"), format!("B{a}")], "{text:?}");
            }
        }
    }

    #[test]
    fn only_dateline_dashes_join_lines() {
        assert_eq!(paras("NEW YORK —\nStocks fell."), ["NEW YORK —\nStocks fell."]);
        assert_eq!(
            paras("SHANGHAI, Dec 3 (Reuters) -\nStocks fell."),
            ["SHANGHAI, Dec 3 (Reuters) -\nStocks fell."]
        );
        // Regression: a sports table row ending in "-" was glued to the next row.
        assert_eq!(
            paras("CLEVELAND 80 53 .602 -\nCHICAGO 71 64 .526 10"),
            ["CLEVELAND 80 53 .602 -", "CHICAGO 71 64 .526 10"]
        );
        assert_eq!(paras("A list item -\nNext item"), ["A list item -", "Next item"]);
    }

    #[test]
    fn empty_and_blank_inputs_have_no_paragraphs() {
        assert!(split("").is_empty());
        assert!(split(" \n\r\n\t\u{200B}\u{FEFF} ").is_empty());
    }
}
