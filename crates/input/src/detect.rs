//! Choosing a reader from the file name and the first bytes.

use std::path::Path;

/// The input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Decide per file from the extension, then the content.
    Auto,
    /// `date YYYY-MM-DD` header then text; one article per file.
    DatedText,
    /// One JSON object per line (or one JSON array).
    JsonLines,
    /// A bare text file dated by `--date`.
    PlainText,
    /// A TimeML document: the TEXT element is the article, the DCT its date.
    TimeMl,
}

/// Strips a compression extension and returns it: `a.jsonl.gz` → (`a.jsonl`, Some("gz")).
pub(crate) fn split_compression(name: &str) -> (&str, Option<&'static str>) {
    if let Some(stem) = name.strip_suffix(".gz") {
        (stem, Some("gz"))
    } else if let Some(stem) = name.strip_suffix(".zst") {
        (stem, Some("zst"))
    } else {
        (name, None)
    }
}

/// Detects the format of an input from its (decompressed) name and first bytes.
///
/// Extensions decide first (`.jsonl`, `.ndjson`, `.json` → JSON Lines); otherwise the content:
/// a `date ` header makes dated text, a leading `{` or `[` JSON, anything else plain text.
pub fn detect_format(path: &Path, head: &[u8]) -> InputFormat {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let (stem, _) = split_compression(name);
    let lower = stem.to_ascii_lowercase();
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || lower.ends_with(".json") {
        return InputFormat::JsonLines;
    }
    if lower.ends_with(".tml") {
        return InputFormat::TimeMl;
    }
    let trimmed = trim_ascii_start(head);
    let trimmed = trimmed.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(trimmed);
    if trimmed.starts_with(b"date ") || trimmed.starts_with(b"date\t") {
        InputFormat::DatedText
    } else if trimmed.starts_with(b"{") || trimmed.starts_with(b"[") {
        InputFormat::JsonLines
    } else if trimmed.starts_with(b"<?xml") && head.windows(7).any(|w| w == b"<TimeML") {
        InputFormat::TimeMl
    } else {
        InputFormat::PlainText
    }
}

fn trim_ascii_start(mut b: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = b {
        if first.is_ascii_whitespace() {
            b = rest;
        } else {
            break;
        }
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_beats_content_and_content_decides_otherwise() {
        assert_eq!(
            detect_format(Path::new("a.jsonl.gz"), b"date 2018"),
            InputFormat::JsonLines
        );
        assert_eq!(
            detect_format(Path::new("a.txt"), b" \n date 2018-11-02 x"),
            InputFormat::DatedText
        );
        assert_eq!(detect_format(Path::new("-"), b"{\"text\":1}"), InputFormat::JsonLines);
        assert_eq!(
            detect_format(Path::new("a.txt.zst"), b"Plain words"),
            InputFormat::PlainText
        );
        assert_eq!(detect_format(Path::new("a"), b"dated words"), InputFormat::PlainText);
        assert_eq!(detect_format(Path::new("wsj_0001.tml"), b"<?xml"), InputFormat::TimeMl);
        assert_eq!(
            detect_format(Path::new("x"), b"<?xml version=\"1.0\"?>\n<TimeML>"),
            InputFormat::TimeMl
        );
    }
}
