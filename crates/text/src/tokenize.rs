//! The tokenizer: one hand-written left-to-right scan, Penn Treebank / CoNLL conventions.
//!
//! A word is a run of word characters (letters, digits, marks) plus *joiners* that sit between
//! two of them: `.` (`U.S`, `6.5`, `example.com`), `,` and `:` between digits (`1,200`, `10:30`),
//! apostrophes before a letter (`don't`, `Xi’s`), hyphens (`state-owned`, `2018-11-02`), `/`
//! between digits or lower-case letters (`11/30/2018`, `and/or`), `&` (`AT&T`), `_` and `@`. After the word, a period stays with it when the word is an abbreviation
//! (listed in `data/abbreviations.txt`, a capital initial, or a dotted letter group like `U.S`).
//! Clitics then split off the end (`Xi` `’s`, `do` `n't`). Everything else is punctuation or a
//! symbol, one token per character, except runs of dots (`...`), of hyphens (`--`) and of the
//! same dash, the ASCII quote pairs ``` `` ``` and `''`, URLs, `@handles` and `#hashtags`.
//!
//! Because a period before a hyphen ends the word scan, `U.S.-China` comes out as `U.S.` `-`
//! `China` while `state-owned` stays whole.
//!
//! Numbers: a sign after a space or an opening bracket stays with its number (`+44`, `-0.5`, as
//! in CoNLL), a leading-dot decimal is one token (`.5`), a decade keeps its apostrophe (`’90s`),
//! and a list number opening the region keeps its period (`4. Brigita Bokovec`), so that neither
//! becomes a sentence of its own. A currency sign after one to three capitals merges with them
//! (`US$`, `HK$`).

use newsgraph_core::{Span, Token, TokenKind};

use crate::chars::{char_at, class, is_apostrophe, is_currency, is_extender, is_hyphen, is_regional_indicator, Class};
use crate::lexicon::{AbbrevClass, Lexicon};

/// Tokenizes the region `span` of `text`, appending tokens to `out` in text order.
///
/// Every character of the region that is not whitespace, a control or an invisible format
/// character ends up in exactly one token; tokens never contain whitespace. A span that is out of
/// range or not on character boundaries is shrunk to the largest valid region inside it, so this
/// never panics.
///
/// ```
/// use newsgraph_core::Span;
/// let text = "U.S.-China talks: $250 billion.";
/// let mut tokens = Vec::new();
/// newsgraph_text::tokenize(text, Span::new(0, text.len()), &mut tokens);
/// let words: Vec<&str> = tokens.iter().map(|t| &text[t.span.start..t.span.end]).collect();
/// assert_eq!(words, ["U.S.", "-", "China", "talks", ":", "$", "250", "billion", "."]);
/// ```
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    let mut end = span.end.min(text.len());
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut i = span.start;
    while i < end && !text.is_char_boundary(i) {
        i += 1;
    }
    let mut sc = Scanner {
        text,
        bytes: text.as_bytes(),
        begin: i,
        end,
        first: out.len(),
        out,
    };
    while i < sc.end {
        i = sc.step(i);
    }
}

struct Scanner<'a, 'o> {
    text: &'a str,
    bytes: &'a [u8],
    /// Start of the region: nothing before it is looked at.
    begin: usize,
    /// End of the region: nothing at or after it is looked at.
    end: usize,
    /// Index in `out` of the first token of this call.
    first: usize,
    out: &'o mut Vec<Token>,
}

impl Scanner<'_, '_> {
    /// The character at `i` when `i` is inside the region.
    #[inline]
    fn at(&self, i: usize) -> Option<char> {
        if i < self.end {
            char_at(self.text, i)
        } else {
            None
        }
    }

    /// The character ending right before `i`, when it is inside the region.
    fn before(&self, i: usize) -> Option<char> {
        if i <= self.begin {
            return None;
        }
        self.text.get(self.begin..i)?.chars().next_back()
    }

    #[inline]
    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        self.out.push(Token {
            span: Span::new(start, end),
            kind,
        });
    }

    /// Scans the token(s) starting at `i` and returns where scanning resumes.
    #[inline]
    fn step(&mut self, i: usize) -> usize {
        let b = self.bytes[i];
        if b < 0x80 {
            // ASCII fast path: most bytes of news text are letters and spaces.
            if b.is_ascii_alphanumeric() {
                return self.word(i);
            }
            if b == b' ' || b == b'\n' {
                return i + 1;
            }
        }
        let Some(c) = char_at(self.text, i) else {
            return self.end;
        };
        match class(c) {
            Class::Space => i + c.len_utf8(),
            Class::Word => self.word(i),
            cls @ (Class::Punct | Class::Symbol) => self.punct(i, c, cls),
        }
    }

    /// A word starting at `i` (a word character), with its abbreviation period and clitics.
    fn word(&mut self, i: usize) -> usize {
        // Only words starting ht, ft or ww can be URLs; skip the prefix comparison for the rest.
        let second = self.bytes.get(i + 1).map_or(0, |b| b | 0x20);
        if matches!((self.bytes[i] | 0x20, second), (b'h' | b'f', b't') | (b'w', b'w')) {
            if let Some(e) = self.url(i) {
                self.push(i, e, TokenKind::Word);
                return e;
            }
        }
        let (e, apostrophe) = self.word_end(i);
        self.push_word(i, e, apostrophe);
        e
    }

    /// End of the word starting at `i`, including an abbreviation's period, and whether an
    /// apostrophe joined it (so a clitic may end it).
    fn word_end(&self, i: usize) -> (usize, bool) {
        let mut apostrophe = false;
        let mut j = i;
        let mut prev = '\0';
        // Start of the current run between joiners.
        let mut run = i;
        while j < self.end {
            if self.bytes[j].is_ascii_alphanumeric() {
                while j < self.end && self.bytes[j].is_ascii_alphanumeric() {
                    j += 1;
                }
                prev = self.bytes[j - 1] as char;
                continue;
            }
            if matches!(self.bytes[j], b' ' | b'\n') {
                break;
            }
            let Some(c) = char_at(self.text, j) else { break };
            if class(c) == Class::Word {
                prev = c;
                j += c.len_utf8();
                continue;
            }
            let k = j + c.len_utf8();
            let Some(n) = self.at(k) else { break };
            let joins = match c {
                // "said.Trump" is a missing space, not a domain ("example.com") or a dotted
                // abbreviation ("Ph.D", whose run before the period is short).
                '.' => n.is_alphanumeric() && !(prev.is_lowercase() && n.is_uppercase() && j - run >= 3),
                '_' | '@' => n.is_alphanumeric(),
                // "11/30/2018", "and/or", "km/h" stay whole; "NEW YORK/LONDON" splits.
                '/' => prev.is_ascii_digit() && n.is_ascii_digit() || prev.is_lowercase() && n.is_lowercase(),
                ',' | ':' => prev.is_ascii_digit() && n.is_ascii_digit(),
                '&' => prev.is_alphanumeric() && n.is_alphanumeric(),
                c if is_apostrophe(c) => {
                    apostrophe |= n.is_alphabetic();
                    n.is_alphabetic()
                }
                c if is_hyphen(c) => n.is_alphanumeric(),
                _ => false,
            };
            if !joins {
                break;
            }
            prev = c;
            j = k;
            run = k;
        }
        let period = j > i && j < self.end && self.bytes[j] == b'.';
        if period && self.bytes.get(j + 1) != Some(&b'.') && self.keeps_period(&self.text[i..j], j + 1) {
            return (j + 1, apostrophe);
        }
        (j, apostrophe)
    }

    /// Whether `word`, followed by a period whose next byte is `after`, keeps the period: an
    /// abbreviation, or a list number opening the region ("4. Brigita Bokovec (Slovenia) 12.92").
    fn keeps_period(&self, word: &str, after: usize) -> bool {
        if word.len() <= 3
            && word.bytes().all(|b| b.is_ascii_digit())
            && word.as_ptr() == self.text[self.begin..].as_ptr()
        {
            return self.at(after).is_some_and(|c| class(c) == Class::Space);
        }
        match Lexicon::get().abbrev(word) {
            Some(AbbrevClass::Numeric) => return self.digit_follows(after),
            Some(_) => return true,
            None => {}
        }
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return c.is_uppercase();
        }
        // Only the part after the last hyphen counts, so "Sino-U.S." keeps its period.
        let tail = word.rsplit(is_hyphen).next().unwrap_or(word);
        is_dotted_letters(tail)
    }

    /// True when the first non-space character at or after `i` is an ASCII digit.
    fn digit_follows(&self, mut i: usize) -> bool {
        while let Some(c) = self.at(i) {
            if class(c) != Class::Space {
                return c.is_ascii_digit();
            }
            i += c.len_utf8();
        }
        false
    }

    /// Pushes the word `[s, e)`, splitting one clitic off its end.
    fn push_word(&mut self, s: usize, e: usize, apostrophe: bool) {
        let word = &self.text[s..e];
        if let Some(split) = apostrophe.then(|| clitic_split(word)).flatten() {
            if split > 0 {
                self.push(s, s + split, number_or_word(&word[..split]));
                self.push(s + split, e, TokenKind::Word);
                return;
            }
        }
        self.push(s, e, number_or_word(word));
    }

    /// The end of a URL starting at `i`, if one starts there.
    fn url(&self, i: usize) -> Option<usize> {
        let rest = &self.bytes[i..self.end];
        let prefix = [&b"http://"[..], b"https://", b"ftp://", b"www."]
            .into_iter()
            .find(|p| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p))?;
        let mut j = i;
        let mut open = 0usize;
        let mut close = 0usize;
        while let Some(c) = self.at(j) {
            if class(c) == Class::Space || matches!(c, '"' | '“' | '”' | '‘' | '’' | '«' | '»' | '<' | '>') {
                break;
            }
            open += usize::from(c == '(');
            close += usize::from(c == ')');
            j += c.len_utf8();
        }
        // Sentence punctuation after a URL is not part of it; a ')' is, when it closes a '('.
        while j > i {
            let last = self.bytes[j - 1];
            let strip = match last {
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b']' | b'}' => true,
                b')' => close > open,
                _ => false,
            };
            if !strip {
                break;
            }
            close -= usize::from(last == b')');
            j -= 1;
        }
        // A scheme or "www." with nothing after it is not a URL.
        (j > i + prefix.len()).then_some(j)
    }

    /// Punctuation or a symbol starting at `i`.
    fn punct(&mut self, i: usize, c: char, cls: Class) -> usize {
        let len = c.len_utf8();
        let next = self.at(i + len);
        let (e, kind) = match c {
            '.' => {
                let run = self.run(i, b'.');
                if run >= 2 {
                    (i + run, TokenKind::Punct)
                } else if next.is_some_and(|n| n.is_ascii_digit()) && !self.word_before(i) {
                    // ".5": a number without its leading zero.
                    let (e, _) = self.word_end(i + 1);
                    self.push(i, e, TokenKind::Number);
                    return e;
                } else {
                    (i + 1, TokenKind::Punct)
                }
            }
            '-' | '+' | '−' if next.is_some_and(|n| n.is_ascii_digit()) && self.sign_position(i) => {
                // A sign belongs to its number ("+44", "-3"), as in CoNLL.
                let (e, _) = self.word_end(i + len);
                self.push(i, e, TokenKind::Number);
                return e;
            }
            '-' => (i + self.run(i, b'-'), TokenKind::Punct),
            '`' => (i + self.run(i, b'`').min(2), TokenKind::Punct),
            '—' | '–' | '―' | '…' => {
                let mut e = i + len;
                while self.at(e) == Some(c) {
                    e += len;
                }
                (e, TokenKind::Punct)
            }
            c if is_apostrophe(c) => {
                if let Some(e) = self.clitic_at(i, len) {
                    (e, TokenKind::Word)
                } else if let Some(e) = self.decade_at(i + len) {
                    (e, TokenKind::Number)
                } else if c == '\'' && next == Some('\'') {
                    (i + 2, TokenKind::Punct)
                } else {
                    (i + len, TokenKind::Punct)
                }
            }
            '@' | '#' if next.is_some_and(|n| n.is_alphabetic()) && !self.word_before(i) => {
                // Handles and hashtags are names: keep the sign.
                let (e, _) = self.word_end(i + 1);
                self.push(i, e, TokenKind::Word);
                return e;
            }
            c if is_currency(c) => {
                let e = self.extend(i + len);
                if self.merge_currency_prefix(i, e) {
                    return e;
                }
                (i + len, TokenKind::Symbol)
            }
            c if is_regional_indicator(c) => {
                let e = match next {
                    Some(n) if is_regional_indicator(n) => i + len + n.len_utf8(),
                    _ => i + len,
                };
                (e, TokenKind::Symbol)
            }
            _ => (
                i + len,
                if cls == Class::Symbol {
                    TokenKind::Symbol
                } else {
                    TokenKind::Punct
                },
            ),
        };
        let e = self.extend(e);
        self.push(i, e, kind);
        e
    }

    /// Extends a punctuation or symbol token ending at `e` over its modifiers (variation
    /// selectors, skin tones, a zero-width joiner and what it joins).
    fn extend(&mut self, mut e: usize) -> usize {
        while let Some(c) = self.at(e) {
            if !is_extender(c) {
                break;
            }
            e += c.len_utf8();
            if c == '\u{200D}' {
                match self.at(e) {
                    Some(n) if class(n) != Class::Space => e += n.len_utf8(),
                    _ => break,
                }
            }
        }
        e
    }

    /// Number of consecutive `b` bytes at `i`.
    fn run(&self, i: usize, b: u8) -> usize {
        self.bytes[i..self.end].iter().take_while(|&&x| x == b).count()
    }

    /// True when a sign at `i` can start a number: at the region start, or after a space or an
    /// opening bracket (not "1-6", not "U.S.-2").
    fn sign_position(&self, i: usize) -> bool {
        match self.before(i) {
            None => true,
            Some(c) => class(c) == Class::Space || matches!(c, '(' | '[' | '{' | '/'),
        }
    }

    /// True when a word character ends right before `i`.
    fn word_before(&self, i: usize) -> bool {
        self.before(i).is_some_and(|c| class(c) == Class::Word)
    }

    /// A clitic (`'s`, `’re`, `n't` is handled inside words) attached to the token before `i`:
    /// `Corp.’s`, `U.S.'s`. Returns its end.
    fn clitic_at(&self, i: usize, len: usize) -> Option<usize> {
        let prev = self.before(i)?;
        if !(class(prev) == Class::Word || prev == '.') {
            return None;
        }
        let s = i + len;
        let mut e = s;
        while let Some(c) = self.at(e) {
            if !c.is_ascii_alphabetic() {
                break;
            }
            e += 1;
        }
        if self.at(e).is_some_and(|c| class(c) == Class::Word) {
            return None;
        }
        is_clitic(&self.text[s..e]).then_some(e)
    }

    /// A decade after an apostrophe at `s - 1`: `’90s`, `'08`. Returns its end.
    fn decade_at(&self, s: usize) -> Option<usize> {
        let d = self.bytes.get(s..s + 2)?;
        if s + 2 > self.end || !d.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut e = s + 2;
        if self.bytes.get(e) == Some(&b's') && e < self.end {
            e += 1;
        }
        (!self.at(e).is_some_and(|c| class(c) == Class::Word)).then_some(e)
    }

    /// Merges a currency sign into a 1–3 capital-letter prefix just pushed (`US$`, `HK$`, `C$`).
    fn merge_currency_prefix(&mut self, sign: usize, e: usize) -> bool {
        if self.out.len() <= self.first {
            return false;
        }
        let Some(last) = self.out.last_mut() else { return false };
        let prefix = &self.text[last.span.start..last.span.end];
        if last.span.end != sign || prefix.len() > 3 || !prefix.bytes().all(|b| b.is_ascii_uppercase()) {
            return false;
        }
        last.span.end = e;
        last.kind = TokenKind::Symbol;
        true
    }
}

/// Where a clitic starts in `word`, if it ends with one: `’s 're 've 'll 'd 'm` after the last
/// apostrophe, or `n't`. `None` when there is none; `Some(0)` never splits.
fn clitic_split(word: &str) -> Option<usize> {
    let (a, apo) = word.char_indices().rev().find(|&(_, c)| is_apostrophe(c))?;
    let suffix = &word[a + apo.len_utf8()..];
    if suffix.eq_ignore_ascii_case("t") {
        let before = word[..a].chars().next_back()?;
        if before.eq_ignore_ascii_case(&'n') && a > 1 {
            return Some(a - 1);
        }
        return None;
    }
    (a > 0 && is_clitic(suffix)).then_some(a)
}

fn is_clitic(s: &str) -> bool {
    ["s", "re", "ve", "ll", "d", "m"]
        .iter()
        .any(|c| s.eq_ignore_ascii_case(c))
}

/// `U.S`, `a.m`, `J.P`, `Ph.D`: two or more groups of one to three ASCII letters joined by periods.
fn is_dotted_letters(word: &str) -> bool {
    let mut groups = 0;
    for g in word.split('.') {
        if g.is_empty() || g.len() > 3 || !g.bytes().all(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        groups += 1;
    }
    groups >= 2
}

/// Number when the token is digits with separators (`1,200`, `6.5`, `2018-11-02`, `11/30/2018`,
/// `1990s`, `.5`); Word otherwise (`3rd`, `G20`, `5G`).
fn number_or_word(tok: &str) -> TokenKind {
    let b = tok.as_bytes();
    if b.first().is_some_and(u8::is_ascii_alphabetic) {
        return TokenKind::Word;
    }
    let first_digit = b.iter().position(|x| !matches!(x, b'.' | b'\'')).map(|p| b[p]);
    if !first_digit.is_some_and(|x| x.is_ascii_digit()) {
        return TokenKind::Word;
    }
    // A trailing period only survives on a list number ("4.").
    let tok = tok.strip_suffix('.').unwrap_or(tok);
    let body = tok.strip_suffix('s').unwrap_or(tok);
    let numeric = body
        .bytes()
        .all(|x| x.is_ascii_digit() || matches!(x, b'.' | b',' | b':' | b'/' | b'-' | b'\''));
    if numeric && body.bytes().last().is_some_and(|x| x.is_ascii_digit()) {
        TokenKind::Number
    } else {
        TokenKind::Word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(String, TokenKind)> {
        let mut out = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut out);
        out.iter()
            .map(|t| (text[t.span.start..t.span.end].to_string(), t.kind))
            .collect()
    }

    fn words(text: &str) -> Vec<String> {
        toks(text).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn clitics_split_ptb_style() {
        assert_eq!(
            words("Xi’s don't can't countries’ O’Brien’s"),
            ["Xi", "’s", "do", "n't", "ca", "n't", "countries", "’", "O’Brien", "’s"]
        );
        assert_eq!(words("we're I'M they'd"), ["we", "'re", "I", "'M", "they", "'d"]);
        assert_eq!(words("Corp.’s U.S.'s"), ["Corp.", "’s", "U.S.", "'s"]);
    }

    #[test]
    fn abbreviation_hyphen_splits_but_compounds_stay() {
        assert_eq!(
            words("U.S.-China state-owned year-on-year Anglo-Dutch Sino-U.S. ties"),
            [
                "U.S.",
                "-",
                "China",
                "state-owned",
                "year-on-year",
                "Anglo-Dutch",
                "Sino-U.S.",
                "ties"
            ]
        );
    }

    #[test]
    fn numbers_and_money() {
        let t = toks("$250 1,200 6.5% 10:30 11/30/2018 2018-11-02 US$5 .5 1990s ’90s 3rd");
        let got: Vec<(&str, TokenKind)> = t.iter().map(|(s, k)| (s.as_str(), *k)).collect();
        use TokenKind::*;
        assert_eq!(
            got,
            [
                ("$", Symbol),
                ("250", Number),
                ("1,200", Number),
                ("6.5", Number),
                ("%", Symbol),
                ("10:30", Number),
                ("11/30/2018", Number),
                ("2018-11-02", Number),
                ("US$", Symbol),
                ("5", Number),
                (".5", Number),
                ("1990s", Number),
                ("’90s", Number),
                ("3rd", Word),
            ]
        );
    }

    #[test]
    fn missing_space_after_a_period_splits() {
        // "said.Trump" was one token, and so no sentence boundary.
        assert_eq!(
            words("said.Trump Ph.D e.V. example.com Amazon.com pic.twitter.com/aB"),
            [
                "said",
                ".",
                "Trump",
                "Ph.D",
                "e.V.",
                "example.com",
                "Amazon.com",
                "pic.twitter.com/aB"
            ]
        );
    }

    #[test]
    fn no_is_an_abbreviation_only_before_a_number() {
        assert_eq!(words("No. 1 said no."), ["No.", "1", "said", "no", "."]);
        assert_eq!(words("He said No. Then"), ["He", "said", "No", ".", "Then"]);
    }

    #[test]
    fn dashes_ellipses_urls() {
        assert_eq!(
            words("a — b – c -- d ... e… f"),
            ["a", "—", "b", "–", "c", "--", "d", "...", "e", "…", "f"]
        );
        assert_eq!(
            words("see https://example.com/a_(b). Mail me@example.org."),
            ["see", "https://example.com/a_(b)", ".", "Mail", "me@example.org", "."]
        );
        assert_eq!(words("(www.reuters.com)"), ["(", "www.reuters.com", ")"]);
    }

    #[test]
    fn out_of_range_and_mid_char_spans_do_not_panic() {
        let text = "Xi’s";
        let mut out = Vec::new();
        tokenize(text, Span::new(3, 100), &mut out);
        tokenize(text, Span::new(50, 60), &mut out);
        tokenize(text, Span::new(3, 2), &mut out);
        for t in &out {
            assert!(text.get(t.span.start..t.span.end).is_some());
        }
    }

    #[test]
    fn merged_currency_prefix_keeps_its_modifiers() {
        // A variation selector after "US$" was left outside every token.
        assert_eq!(words("US$\u{FE0F}5"), ["US$\u{FE0F}", "5"]);
    }

    #[test]
    fn emoji_sequences_stay_whole() {
        assert_eq!(words("ok👍🏽 👨‍👩‍👧 🇺🇸"), ["ok", "👍🏽", "👨‍👩‍👧", "🇺🇸"]);
    }
}
