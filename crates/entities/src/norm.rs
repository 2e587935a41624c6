//! Name normalisation shared by every table lookup, so that one entry matches all spellings.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The lookup key of a name: diacritics removed, lower-cased, periods dropped, curly apostrophes
/// made straight, whitespace collapsed, and a leading "the " removed. "U.S." and "US" both become
/// "us"; "Bogotá" becomes "bogota"; "the United Nations" becomes "united nations".
pub fn key(name: &str) -> String {
    if name.is_ascii() {
        return ascii_key(name);
    }
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.nfd() {
        if is_combining_mark(c) || c == '.' {
            continue;
        }
        let c = match c {
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            '\u{2010}' | '\u{2011}' | '\u{2013}' => '-',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    match out.strip_prefix("the ") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => out,
    }
}

/// [`key`] for ASCII input, without Unicode decomposition (most names; this keeps loading the
/// gazetteer fast).
fn ascii_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for b in name.bytes() {
        if b == b'.' {
            continue;
        }
        if b.is_ascii_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(if b == b'`' {
            '\''
        } else {
            b.to_ascii_lowercase() as char
        });
    }
    match out.strip_prefix("the ") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => out,
    }
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn spellings_collapse_to_one_key() {
        assert_eq!(key("U.S."), "us");
        assert_eq!(key("US"), "us");
        assert_eq!(key("Bogotá"), "bogota");
        assert_eq!(key("the  United\nNations"), "united nations");
        assert_eq!(key("People’s Republic"), "people's republic");
        assert_eq!(key("The"), "the");
        assert_eq!(key("  St.  Louis "), "st louis");
        // The ASCII fast path and the Unicode path agree.
        assert_eq!(key("St. Lóuis"), key("St. Louis"));
    }
}
