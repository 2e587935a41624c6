//! Character classes for the scanners.
//!
//! ASCII goes through a lookup table; everything else through `char` properties and a few explicit
//! Unicode block ranges. The ranges are deliberately coarse: a non-ASCII character that is neither
//! whitespace, a control, nor in a known punctuation or symbol block is treated as part of a word,
//! so combining marks, joiners and letters of any script stay inside their word instead of being
//! shredded into one-character tokens.

/// How the tokenizer treats one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Whitespace, controls and invisible formatting: separates tokens, never part of one.
    Space,
    /// Letters, digits, combining marks and anything unknown: builds words.
    Word,
    /// Punctuation: one token per character (runs of dots and dashes aside).
    Punct,
    /// Symbols (currency, math, emoji, `%`, `&`): one token per character.
    Symbol,
}

const S: Class = Class::Space;
const W: Class = Class::Word;
const P: Class = Class::Punct;
const Y: Class = Class::Symbol;

/// Classes of the 128 ASCII bytes. `$ % & + < = > ^ | ~ # @` are symbols, as the core's
/// `TokenKind` documents (`$`, `%`, `&`); every other printable non-alphanumeric is punctuation.
#[rustfmt::skip]
static ASCII: [Class; 128] = [
    // 0x00-0x1f: controls, including tab and line breaks
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
    // ' ' ! " # $ % & ' ( ) * + , - . /
    S, P, P, Y, Y, Y, Y, P, P, P, P, Y, P, P, P, P,
    // 0-9 : ; < = > ?
    W, W, W, W, W, W, W, W, W, W, P, P, Y, Y, Y, P,
    // @ A-O
    Y, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W,
    // P-Z [ \ ] ^ _
    W, W, W, W, W, W, W, W, W, W, W, P, P, P, Y, P,
    // ` a-o
    P, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W,
    // p-z { | } ~ DEL
    W, W, W, W, W, W, W, W, W, W, W, P, Y, P, Y, S,
];

/// The class of `c`.
#[inline]
pub(crate) fn class(c: char) -> Class {
    if c.is_ascii() {
        return ASCII[c as usize];
    }
    class_non_ascii(c)
}

fn class_non_ascii(c: char) -> Class {
    let u = c as u32;
    // General Punctuation (curly quotes, dashes, ellipsis) is the most frequent non-ASCII block
    // in news text and holds no letters: decide it without the Unicode property tables.
    if (0x2000..=0x206F).contains(&u) {
        return match u {
            0x2000..=0x200B | 0x200E | 0x200F | 0x2028..=0x202F | 0x205F..=0x206F => Class::Space,
            0x200C | 0x200D => Class::Word,
            0x2044 | 0x2052 => Class::Symbol,
            _ => Class::Punct,
        };
    }
    if c.is_alphanumeric() {
        return Class::Word;
    }
    if c.is_whitespace() || c.is_control() || is_invisible(c) {
        return Class::Space;
    }
    if is_punct_range(u) {
        return Class::Punct;
    }
    if is_symbol_range(u) {
        return Class::Symbol;
    }
    Class::Word
}

/// Format characters that carry no text of their own: zero-width space, word joiner, byte-order
/// mark, bidirectional marks, embeddings and isolates, Mongolian vowel separator.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{180E}')
}

fn is_punct_range(u: u32) -> bool {
    matches!(u,
        0xA1 | 0xA7 | 0xAB | 0xB6 | 0xB7 | 0xBB | 0xBF
        | 0x37E | 0x387
        | 0x55A..=0x55F | 0x589 | 0x5BE | 0x5C0 | 0x5C3 | 0x5C6 | 0x5F3 | 0x5F4
        | 0x60C | 0x60D | 0x61B | 0x61E | 0x61F | 0x66A..=0x66D | 0x6D4
        | 0x964 | 0x965 | 0x970 | 0xE4F | 0xE5A | 0xE5B | 0x10FB | 0x1361..=0x1368
        | 0x166E | 0x1800..=0x180A
        | 0x2010..=0x2027 | 0x2030..=0x2043 | 0x2045..=0x2051 | 0x2053..=0x205E
        | 0x2E00..=0x2E5D
        | 0x3001..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301F | 0x3030 | 0x303D | 0x30A0 | 0x30FB
        | 0xFE10..=0xFE19 | 0xFE30..=0xFE52 | 0xFE54..=0xFE61 | 0xFE63 | 0xFE68 | 0xFE6A | 0xFE6B
        | 0xFF01..=0xFF03 | 0xFF05..=0xFF0A | 0xFF0C..=0xFF0F | 0xFF1A | 0xFF1B | 0xFF1F | 0xFF20
        | 0xFF3B..=0xFF3D | 0xFF3F | 0xFF5B | 0xFF5D | 0xFF5F..=0xFF65
    )
}

fn is_symbol_range(u: u32) -> bool {
    matches!(u,
        0xA2..=0xA6 | 0xA8 | 0xA9 | 0xAC | 0xAE..=0xB1 | 0xB4 | 0xB8 | 0xD7 | 0xF7
        | 0x2044 | 0x2052
        | 0x20A0..=0x20CF
        | 0x2100..=0x214F
        | 0x2190..=0x23FF | 0x2400..=0x245F | 0x2500..=0x2BFF
        | 0x3004 | 0x3012 | 0x3013 | 0x3020
        | 0xFE62 | 0xFE64..=0xFE66 | 0xFE69
        | 0xFF04 | 0xFF0B | 0xFF1C..=0xFF1E | 0xFF3E | 0xFF40 | 0xFF5C | 0xFF5E | 0xFFE0..=0xFFEE
        | 0x1F000..=0x1FAFF
    )
}

/// Characters that extend the token before them without starting one: variation selectors,
/// the zero-width joiner (with what it joins), emoji skin tones, tag characters, the keycap mark.
#[inline]
pub(crate) fn is_extender(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{200D}' | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}' | '\u{20E3}' | '\u{E0100}'..='\u{E01EF}')
}

/// Regional indicator letters, which pair up into flags.
#[inline]
pub(crate) fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

/// Currency signs, which separate from the amount (`$250` → `$` `250`).
#[inline]
pub(crate) fn is_currency(c: char) -> bool {
    matches!(c, '$' | '\u{A2}'..='\u{A5}' | '\u{20A0}'..='\u{20CF}' | '\u{FE69}' | '\u{FF04}'
        | '\u{FFE0}' | '\u{FFE1}' | '\u{FFE5}' | '\u{FFE6}')
}

/// Apostrophes that may sit inside a word (`don't`, `Xi’s`, `O’Brien`).
#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Hyphens that may join a compound (`state-owned`); dashes (– —) never do.
#[inline]
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Opening quotation marks and brackets that are unambiguous by themselves.
#[inline]
pub(crate) fn is_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '«' | '‹' | '„' | '‚' | '(' | '[' | '{' | '「' | '『' | '（' | '【' | '〈' | '《'
    )
}

/// Closing quotation marks and brackets that are unambiguous by themselves.
#[inline]
pub(crate) fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」' | '』' | '）' | '】' | '〉' | '》'
    )
}

/// Quotation marks whose direction depends on spacing (`"`, `'`, and the doubled ASCII forms).
#[inline]
pub(crate) fn is_ambiguous_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '`')
}

/// Characters that end a sentence.
#[inline]
pub(crate) fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '?' | '!' | '…' | '。' | '！' | '？' | '‼' | '⁇' | '⁈' | '⁉' | '؟' | '।' | '॥' | '｡'
    )
}

/// First character of `s` at byte `i`, which must be a char boundary inside `s`.
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some(b as char);
    }
    s.get(i..)?.chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_classes_follow_the_token_kinds() {
        assert_eq!(class('a'), Class::Word);
        assert_eq!(class('7'), Class::Word);
        assert_eq!(class('$'), Class::Symbol);
        assert_eq!(class('%'), Class::Symbol);
        assert_eq!(class('&'), Class::Symbol);
        assert_eq!(class('.'), Class::Punct);
        assert_eq!(class('"'), Class::Punct);
        assert_eq!(class('\t'), Class::Space);
        assert_eq!(class('\u{0}'), Class::Space);
    }

    #[test]
    fn non_ascii_classes() {
        assert_eq!(class('’'), Class::Punct);
        assert_eq!(class('—'), Class::Punct);
        assert_eq!(class('…'), Class::Punct);
        assert_eq!(class('€'), Class::Symbol);
        assert_eq!(class('😀'), Class::Symbol);
        assert_eq!(class('\u{A0}'), Class::Space);
        assert_eq!(class('\u{200B}'), Class::Space);
        assert_eq!(class('é'), Class::Word);
        assert_eq!(class('中'), Class::Word);
        assert_eq!(class('\u{301}'), Class::Word, "combining marks stay in their word");
        assert_eq!(class('。'), Class::Punct);
    }
}
