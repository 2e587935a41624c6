//! Conversion from byte offsets to Unicode code-point offsets.

/// Maps byte offsets of one text to code-point offsets (what Python's `str` indexing gives).
///
/// For pure-ASCII text the two are equal and no table is built.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// `table[i]` is the code-point offset of the char boundary at byte `i`; empty for ASCII text.
    table: Vec<u32>,
    len_bytes: usize,
    len_chars: usize,
}

impl CharOffsets {
    /// Builds the map for `text`.
    pub fn new(text: &str) -> CharOffsets {
        if text.is_ascii() {
            return CharOffsets {
                table: Vec::new(),
                len_bytes: text.len(),
                len_chars: text.len(),
            };
        }
        let mut table = vec![0u32; text.len() + 1];
        let mut chars = 0u32;
        for (i, c) in text.char_indices() {
            for slot in &mut table[i..i + c.len_utf8()] {
                *slot = chars;
            }
            chars += 1;
        }
        table[text.len()] = chars;
        CharOffsets {
            table,
            len_bytes: text.len(),
            len_chars: chars as usize,
        }
    }

    /// The code-point offset of byte offset `byte`. A byte inside a multi-byte character maps to
    /// that character's offset; a byte past the end maps to the text's length.
    pub fn char_of(&self, byte: usize) -> usize {
        if byte >= self.len_bytes {
            return self.len_chars;
        }
        if self.table.is_empty() {
            byte
        } else {
            self.table[byte] as usize
        }
    }

    /// The byte offset of code-point offset `ch` (for readers of code-point annotated data).
    pub fn byte_of(&self, ch: usize) -> usize {
        if ch >= self.len_chars {
            return self.len_bytes;
        }
        if self.table.is_empty() {
            return ch;
        }
        // The table is sorted; find the first byte whose char offset is `ch`.
        self.table.partition_point(|&c| (c as usize) < ch)
    }

    /// Length of the text in code points.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_multibyte_text_both_ways() {
        let text = "Xi’s “deal” é";
        let map = CharOffsets::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(map.char_of(bi), ci);
            assert_eq!(map.byte_of(ci), bi);
        }
        assert_eq!(map.char_of(text.len()), text.chars().count());
        assert_eq!(map.byte_of(text.chars().count()), text.len());
    }

    #[test]
    fn ascii_is_identity() {
        let map = CharOffsets::new("plain");
        assert_eq!(map.char_of(3), 3);
        assert_eq!(map.byte_of(3), 3);
        assert_eq!(map.char_of(99), 5);
    }
}
