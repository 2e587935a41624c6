//! Sentence boundaries over the tokens of one paragraph.
//!
//! A sentence may end after a *terminator*: a `.`, `?`, `!`, ellipsis or CJK full stop token, or
//! an abbreviation token that kept its period (`Inc.`, `U.S.`, `F.`). Closing quotation marks
//! and brackets right after it, and further terminators (`?!`), stay in the sentence. Whether it
//! does end depends on what comes next:
//!
//! - after sentence punctuation (or an abbreviation followed by a closing quote), a word
//!   starting with a capital or a caseless letter, a number, a symbol, or an opening quote or
//!   bracket starts a new sentence; a lower-case word, a comma or a dash does not
//!   (`“Why?” he asked.`). One exception: after a *closing quote*, a short capitalized phrase with
//!   a reporting verb and nothing more (`…nicely.” Trump wrote.`, `…” He said on Thursday.`) is
//!   the quote's attribution and stays with it (`data/speech_verbs.txt`), unless the quote opened
//!   in the middle of the sentence (`Trump said talks were “moving along nicely.” Trump wrote it
//!   on Twitter.` is two sentences: the first already has its own frame);
//! - after a `title` or `inner` abbreviation (`Gov.`, `vs.`) the sentence never ends;
//! - after a `final` abbreviation, a capital initial or a dotted group (`Inc.`, `F.`, `U.S.`),
//!   with or without a closing bracket (`(U.S.) 4:11.06`), it ends only before a capitalized
//!   function word from `data/sentence_starters.txt` or an opening quote: `… in the U.S. The
//!   next day` splits, `U.S. President Donald Trump` does not;
//! - a straight quote (`"`, `'`) opens when it is glued to the next token but not to the one
//!   before, and closes otherwise;
//! - a terminator with no word or number before it in its sentence never ends it (`... And
//!   then`, `"...I request`).

use newsgraph_core::{Token, TokenKind};

use crate::chars::{is_ambiguous_quote, is_closing, is_opening, is_terminator};
use crate::lexicon::{AbbrevClass, Lexicon};

/// What kind of possible sentence end a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// Sentence punctuation.
    Punct,
    /// An abbreviation that kept its period, with its class.
    Abbrev(AbbrevClass),
}

/// Splits the tokens of one paragraph into sentences, calling `emit(first, end)` with each
/// sentence's token index range, in order; the ranges cover every token.
pub(crate) fn split(text: &str, tokens: &[Token], mut emit: impl FnMut(usize, usize)) {
    let lx = Lexicon::get();
    let slice = |t: &Token| text.get(t.span.start..t.span.end).unwrap_or("");
    let n = tokens.len();
    let mut start = 0;
    // The last opening quotation mark of the current sentence, tracked as we go so that deciding
    // on an attribution never rescans the sentence.
    let mut last_open = None;
    // Whether the current sentence has a word or number before token `i`: punctuation alone
    // (`"...I request`, `... And then`) never makes a sentence.
    let mut content = false;
    let mut i = 0;
    while i < n {
        let s = slice(&tokens[i]);
        let had_content = content;
        content |= matches!(tokens[i].kind, TokenKind::Word | TokenKind::Number);
        if tokens[i].kind == TokenKind::Punct && is_quote(s) && opens(tokens, i, s) {
            last_open = Some(i);
        }
        let Some(end) = end_kind(lx, &tokens[i], s) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        let mut quoted = false;
        while j < n {
            let s = slice(&tokens[j]);
            if tokens[j].kind != TokenKind::Punct {
                break;
            }
            if is_terminators(s) {
                j += 1;
                continue;
            }
            let c = s.chars().next().unwrap_or(' ');
            if is_closing(c) || (is_ambiguous_quote(c) && !opens(tokens, j, s)) {
                quoted |= is_quote(s);
                j += 1;
                continue;
            }
            break;
        }
        if j >= n {
            break;
        }
        let splits = had_content
            && match end {
                // After an abbreviation, a closing bracket keeps it an abbreviation ("(U.S.) 4:11");
                // a closing quote makes its period sentence punctuation too.
                End::Abbrev(AbbrevClass::Final) if !quoted => {
                    let next = slice(&tokens[j]);
                    // Not a bracket: "ST. LOUIS, Mo. (AP) —" is a dateline, not two sentences.
                    lx.is_starter(next) || (opens(tokens, j, next) && is_quote(next))
                }
                End::Abbrev(_) if !quoted => false,
                // Sentence punctuation, or an abbreviation followed by a closing quote.
                _ => {
                    // A quote that opened mid-sentence (`Trump said talks were “moving along
                    // nicely.” Trump wrote …`) gives the sentence its own frame, so what follows
                    // cannot be the quote's attribution; a quote that opened the sentence, or an
                    // earlier one, can be followed by it.
                    let leads = !matches!(last_open, Some(k) if k != start);
                    starts_sentence(lx, text, tokens, j, quoted && leads)
                }
            };
        if splits {
            emit(start, j);
            start = j;
            last_open = None;
            content = false;
        }
        i = j;
    }
    if start < n {
        emit(start, n);
    }
}

fn end_kind(lx: &Lexicon, t: &Token, s: &str) -> Option<End> {
    match t.kind {
        TokenKind::Punct if is_terminators(s) => Some(End::Punct),
        TokenKind::Word if s.len() > 1 => {
            let stem = s.strip_suffix('.')?;
            Some(End::Abbrev(match lx.abbrev(stem) {
                Some(AbbrevClass::Numeric) => AbbrevClass::Title,
                Some(class) => class,
                None => AbbrevClass::Final,
            }))
        }
        _ => None,
    }
}

fn is_terminators(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_terminator)
}

/// True when token `j` is an opening quotation mark or bracket.
fn opens(tokens: &[Token], j: usize, s: &str) -> bool {
    let Some(c) = s.chars().next() else { return false };
    if tokens[j].kind != TokenKind::Punct {
        return false;
    }
    // A straight quote opens when it is glued to the token after it but not to the one before
    // ("said \"We"); otherwise it closes ("go.\"", and the detokenized "go . \"" at a line end).
    is_opening(c)
        || (is_ambiguous_quote(c)
            && (j == 0 || tokens[j].span.start != tokens[j - 1].span.end)
            && tokens.get(j + 1).is_some_and(|n| n.span.start == tokens[j].span.end))
}

/// True when `s` starts with a quotation mark (not a bracket).
fn is_quote(s: &str) -> bool {
    s.chars().next().is_some_and(|c| {
        matches!(
            c,
            '"' | '\''
                | '`'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '«'
                | '»'
                | '‹'
                | '›'
                | '„'
                | '‚'
                | '「'
                | '」'
                | '『'
                | '』'
        )
    })
}

/// Whether token `j`, right after sentence punctuation, starts a new sentence. `quoted`: a
/// closing quote that may take an attribution came right before.
fn starts_sentence(lx: &Lexicon, text: &str, tokens: &[Token], j: usize, quoted: bool) -> bool {
    let s = text.get(tokens[j].span.start..tokens[j].span.end).unwrap_or("");
    match tokens[j].kind {
        TokenKind::Word => {
            let first = s.chars().next().unwrap_or(' ');
            if first.is_lowercase() {
                return false;
            }
            !(quoted && attribution(lx, text, tokens, j))
        }
        TokenKind::Number => true,
        TokenKind::Symbol => !s.starts_with('%'),
        TokenKind::Punct => opens(tokens, j, s),
    }
}

/// Longest phrase before the reporting verb in an attribution ("White House adviser Kudlow").
const MAX_SPEAKER_WORDS: usize = 5;

/// True when tokens from `j` are a quote's attribution: up to five words, a reporting verb, then
/// the end of the paragraph, a period, a comma, or a word from the speech tail list.
fn attribution(lx: &Lexicon, text: &str, tokens: &[Token], j: usize) -> bool {
    let slice = |k: usize| text.get(tokens[k].span.start..tokens[k].span.end).unwrap_or("");
    let mut k = j;
    while k < tokens.len() && k - j <= MAX_SPEAKER_WORDS {
        if tokens[k].kind != TokenKind::Word {
            return false;
        }
        if k > j && lx.is_speech_verb(slice(k)) {
            let Some(next) = tokens.get(k + 1) else { return true };
            let s = slice(k + 1);
            return match next.kind {
                TokenKind::Punct => s == "," || s == ".",
                TokenKind::Word => lx.is_speech_tail(s),
                _ => false,
            };
        }
        k += 1;
    }
    false
}
