//! A scanner that keeps what amounts need together: "US$" as one sign, "$5bn" as sign, number
//! and scale, "52-year-old" and "2-1" as single tokens so they can be recognised and skipped.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum K {
    /// Letters (with inner hyphens, apostrophes and abbreviation periods), or letters and digits.
    Word,
    /// Digits with `,` or `.` separators; may contain `-` ("2-1") or `:` ("4:30").
    Num,
    /// A currency sign, `%` or `#`.
    Sym,
    /// Anything else that is not space.
    Punct,
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: K,
    /// No space between this token and the previous one ("5" "bn" in "5bn").
    pub attached: bool,
}

const SUFFIXES: &[&str] = &[
    "k", "m", "mn", "mln", "bn", "bln", "tn", "trn", "st", "nd", "rd", "th", "s",
];

fn is_sign(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₩' | '₽' | '%' | '#')
}

/// Scans `text` into tokens.
pub(crate) fn scan(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let mut out: Vec<Tok> = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    let mut last_end = usize::MAX;
    let ch = |at: usize| text.get(at..).and_then(|s| s.chars().next());
    while i < b.len() {
        let Some(c) = ch(i) else { break };
        let cl = c.len_utf8();
        if c.is_whitespace() {
            i += cl;
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_digit() {
            let mut j = i + 1;
            while j < b.len() {
                let d = b[j];
                if d.is_ascii_digit() || ((d == b',' || d == b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit)) {
                    j += 1;
                } else {
                    break;
                }
            }
            kind = match b.get(j) {
                Some(b'-' | b':' | b'/') if b.get(j + 1).is_some_and(u8::is_ascii_digit) => {
                    // "2-1", "555-1234", "4:30", "9/11": one token, judged later.
                    j += 1;
                    while j < b.len() && (b[j].is_ascii_digit() || matches!(b[j], b'-' | b':' | b'/' | b'.' | b',')) {
                        if !b[j].is_ascii_digit() && !b.get(j + 1).is_some_and(u8::is_ascii_digit) {
                            break;
                        }
                        j += 1;
                    }
                    K::Num
                }
                Some(b'-') if b.get(j + 1).is_some_and(u8::is_ascii_alphabetic) => {
                    // "52-year-old", "3-D": a word.
                    j += 1;
                    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
                        j += 1;
                    }
                    K::Word
                }
                Some(d) if d.is_ascii_alphabetic() => {
                    let mut k = j;
                    while k < b.len() && b[k].is_ascii_alphabetic() {
                        k += 1;
                    }
                    let suffix = text[j..k].to_ascii_lowercase();
                    let ends = !b.get(k).is_some_and(u8::is_ascii_alphanumeric);
                    if ends && SUFFIXES.contains(&suffix.as_str()) {
                        K::Num
                    } else {
                        while j < b.len() && b[j].is_ascii_alphanumeric() {
                            j += 1;
                        }
                        K::Word
                    }
                }
                _ => K::Num,
            };
            out.push(Tok {
                start,
                end: j,
                kind,
                attached: last_end == start,
            });
            last_end = j;
            i = j;
            continue;
        }
        if c.is_alphabetic() {
            let mut j = i + cl;
            while let Some(d) = ch(j) {
                let next = ch(j + d.len_utf8());
                let inner = next.is_some_and(char::is_alphanumeric);
                if d.is_alphanumeric() || (matches!(d, '\'' | '’' | '-' | '.') && inner) {
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            let word = &text[i..j];
            if b.get(j) == Some(&b'.') {
                // "Nov.", "Rs.", "No." keep their period; "deal." at a sentence end does not.
                let short = word.len() <= 4 && word.chars().next().is_some_and(char::is_uppercase);
                let no_space_word = !b.get(j + 1).is_some_and(u8::is_ascii_alphanumeric);
                if (word.contains('.') || short) && no_space_word {
                    j += 1;
                }
            }
            if b.get(j) == Some(&b'$') && word.chars().all(|c| c.is_ascii_uppercase() || c == '.') {
                j += 1;
            }
            out.push(Tok {
                start,
                end: j,
                kind: K::Word,
                attached: last_end == start,
            });
            last_end = j;
            i = j;
            continue;
        }
        kind = if is_sign(c) { K::Sym } else { K::Punct };
        out.push(Tok {
            start,
            end: i + cl,
            kind,
            attached: last_end == start,
        });
        last_end = i + cl;
        i += cl;
    }
    // Split "5bn" into "5" "bn": digits then the letters.
    let mut split = Vec::with_capacity(out.len());
    for t in out {
        if t.kind == K::Num {
            let s = &text[t.start..t.end];
            if let Some(p) = s.find(|c: char| c.is_ascii_alphabetic()) {
                split.push(Tok {
                    start: t.start,
                    end: t.start + p,
                    kind: K::Num,
                    attached: t.attached,
                });
                split.push(Tok {
                    start: t.start + p,
                    end: t.end,
                    kind: K::Word,
                    attached: true,
                });
                continue;
            }
        }
        split.push(t);
    }
    split
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        scan(text).iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn keeps_amount_pieces() {
        assert_eq!(
            toks("US$5bn, €3m and 1,200.5 people"),
            ["US$", "5", "bn", ",", "€", "3", "m", "and", "1,200.5", "people"]
        );
        assert_eq!(
            toks("a 52-year-old won 2-1 at 4:30 p.m. on Nov. 30"),
            [
                "a",
                "52-year-old",
                "won",
                "2-1",
                "at",
                "4:30",
                "p.m.",
                "on",
                "Nov.",
                "30"
            ]
        );
        assert_eq!(
            toks("the 16th G20 in the 1990s"),
            ["the", "16", "th", "G20", "in", "the", "1990", "s"]
        );
    }
}
