//! A small word scanner over the article text.
//!
//! Quote attribution needs words, punctuation and quotation marks with a direction. The shared
//! tokenizer splits "Xi’s" into "Xi" "’s" and cannot tell an apostrophe from a closing single
//! quote in every case; here one pass classifies each mark from its neighbours, which is what
//! pairing needs, and keeps possessives inside the word so a speaker span ends on a name.

/// What a scanned piece is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters, digits, inner hyphens, apostrophes and abbreviation periods.
    Word,
    /// Digits with separators.
    Num,
    /// Any other non-space character.
    Punct,
    /// A quotation mark.
    Mark(Mark),
}

/// A quotation mark and what its neighbours say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    /// Double (“ ” " « » „) or single (‘ ’ ').
    pub double: bool,
    /// Which way the mark faces.
    pub dir: Dir,
    /// A straight mark, whose direction was guessed from context.
    pub straight: bool,
}

/// Direction of a quotation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// Opens a quotation.
    Open,
    /// Closes a quotation.
    Close,
    /// Could be either; the pairing state decides.
    Either,
}

/// One scanned piece: byte span and kind.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Abbreviations that keep their final period, so "Sen." and "Mr." stay in a speaker's name.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "adm", "st", "jr", "sr", "inc",
    "co", "corp", "ltd", "prof", "rev", "hon", "pres", "sec", "atty", "supt", "vs", "no",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_open_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '«'),
    }
}

fn is_close_context(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(n) => {
            n.is_whitespace()
                || matches!(
                    n,
                    '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '”' | '’' | '…' | '/'
                )
        }
    }
}

/// Scans `text` into pieces, in order.
pub(crate) fn scan(text: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut it = text.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            prev = Some(c);
            continue;
        }
        if is_word_char(c) {
            let numeric = c.is_ascii_digit();
            let mut end = i + c.len_utf8();
            let mut last = c;
            let mut all_digits = numeric;
            while let Some(&(j, d)) = it.peek() {
                let after = text[j + d.len_utf8()..].chars().next();
                let inner_ok = after.is_some_and(is_word_char);
                let take = if is_word_char(d) {
                    true
                } else if matches!(d, '\'' | '’') {
                    // "don’t", "Xi’s": an apostrophe between letters stays in the word.
                    inner_ok && last.is_alphabetic()
                } else if matches!(d, '-' | '&') {
                    inner_ok
                } else if d == '.' || d == ',' {
                    // "6.5", "1,200" and "U.S.": a period or comma between word characters.
                    inner_ok && (all_digits || (d == '.' && !after.is_some_and(char::is_lowercase)))
                } else {
                    false
                };
                if !take {
                    break;
                }
                if !d.is_ascii_digit() && !matches!(d, '.' | ',') {
                    all_digits = false;
                }
                end = j + d.len_utf8();
                last = d;
                it.next();
            }
            // A final period after an abbreviation or an initialism belongs to the word.
            if let Some(&(j, '.')) = it.peek() {
                let w = &text[i..end];
                let lower = w.to_ascii_lowercase();
                let initialism = w.contains('.') || (w.chars().count() == 1 && c.is_uppercase());
                if initialism || ABBREVIATIONS.contains(&lower.as_str()) {
                    end = j + 1;
                    last = '.';
                    it.next();
                }
            }
            out.push(Tok {
                start: i,
                end,
                kind: if all_digits { Kind::Num } else { Kind::Word },
            });
            prev = Some(last);
            continue;
        }
        let next = text[i + c.len_utf8()..].chars().next();
        let kind = match c {
            '“' | '«' | '„' => Kind::Mark(Mark {
                double: true,
                dir: Dir::Open,
                straight: false,
            }),
            '”' | '»' => Kind::Mark(Mark {
                double: true,
                dir: Dir::Close,
                straight: false,
            }),
            '"' => Kind::Mark(Mark {
                double: true,
                dir: straight_dir(prev, next),
                straight: true,
            }),
            '‘' => Kind::Mark(Mark {
                double: false,
                dir: Dir::Open,
                straight: false,
            }),
            '’' | '\'' => {
                let dir = straight_dir(prev, next);
                if c == '’' && dir == Dir::Open {
                    // A curly closing mark in opening position is an elision ("’90s").
                    Kind::Punct
                } else {
                    Kind::Mark(Mark {
                        double: false,
                        dir,
                        straight: c == '\'',
                    })
                }
            }
            _ => Kind::Punct,
        };
        out.push(Tok {
            start: i,
            end: i + c.len_utf8(),
            kind,
        });
        prev = Some(c);
    }
    out
}

fn straight_dir(prev: Option<char>, next: Option<char>) -> Dir {
    let open = is_open_context(prev) && !is_close_context(next);
    let close = is_close_context(next) && !is_open_context(prev);
    match (open, close) {
        (true, false) => Dir::Open,
        (false, true) => Dir::Close,
        _ => Dir::Either,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        scan(text).iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn keeps_abbreviations_possessives_and_numbers() {
        assert_eq!(
            words("Sen. Xi’s U.S.-China “deal,” $1,200.5 R-Wis., don't"),
            [
                "Sen.", "Xi’s", "U.S.", "-", "China", "“", "deal", ",", "”", "$", "1,200.5", "R-Wis", ".", ",", "don't"
            ]
        );
    }

    #[test]
    fn classifies_straight_marks_by_context() {
        let toks = scan("He said \"yes,\" and 'no'");
        let marks: Vec<Dir> = toks
            .iter()
            .filter_map(|t| if let Kind::Mark(m) = t.kind { Some(m.dir) } else { None })
            .collect();
        assert_eq!(marks, [Dir::Open, Dir::Close, Dir::Open, Dir::Close]);
    }
}
