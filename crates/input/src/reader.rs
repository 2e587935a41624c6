//! The streaming article iterator.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use newsgraph_core::Article;
use serde_json::Value;

use crate::detect::detect_format;
use crate::fields::{parse_date, parse_json_article};
use crate::{InputError, InputErrorKind, InputFormat, Location};

/// How to read inputs.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// Force a format, or detect per file.
    pub format: InputFormat,
    /// Publication date for records that carry none (`--date`).
    pub date: Option<NaiveDate>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: InputFormat::Auto,
            date: None,
        }
    }
}

/// One item of input: an article with where it came from, or a bad record.
pub type Record = Result<(Location, Article), InputError>;

/// Extensions read when walking a directory (after a `.gz`/`.zst` suffix is stripped). Given
/// explicitly, a file of any name is read.
const DIR_EXTENSIONS: [&str; 6] = ["txt", "text", "jsonl", "ndjson", "json", "tml"];

enum Current {
    /// A JSON Lines stream, read one line at a time.
    Lines {
        name: String,
        reader: Box<dyn BufRead + Send>,
        line: usize,
    },
    /// Items of a JSON array, already parsed.
    Items {
        name: String,
        items: std::vec::IntoIter<Value>,
        index: usize,
    },
}

/// Iterator over the articles of a list of inputs, in input order.
pub struct Articles {
    pending: VecDeque<PathBuf>,
    current: Option<Current>,
    opts: ReadOptions,
}

impl Articles {
    /// Reads `inputs` (files, directories, or `-` for stdin) with `opts`.
    pub fn new(inputs: impl IntoIterator<Item = PathBuf>, opts: ReadOptions) -> Articles {
        Articles {
            pending: inputs.into_iter().collect(),
            current: None,
            opts,
        }
    }

    fn io_err(name: &str, e: io::Error) -> InputError {
        InputError {
            location: Location {
                file: name.to_string(),
                line: 0,
            },
            kind: InputErrorKind::Io(e),
        }
    }

    /// Expands a directory into its readable files, sorted, at the front of the queue.
    fn expand_dir(&mut self, dir: &Path) -> Result<(), InputError> {
        let mut files = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            let entries = std::fs::read_dir(&d).map_err(|e| Self::io_err(&d.display().to_string(), e))?;
            for entry in entries {
                let entry = entry.map_err(|e| Self::io_err(&d.display().to_string(), e))?;
                let path = entry.path();
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if name.starts_with('.') {
                    continue;
                }
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let (stem, _) = crate::detect::split_compression(&name);
                    let ext = stem.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
                    if ext.is_some_and(|e| DIR_EXTENSIONS.contains(&e.as_str())) {
                        files.push(path);
                    }
                }
            }
        }
        files.sort();
        for f in files.into_iter().rev() {
            self.pending.push_front(f);
        }
        Ok(())
    }

    /// Opens one input, decompressing by magic bytes, and returns its first record (or sets up
    /// line-by-line reading for JSON Lines).
    fn open(&mut self, path: &Path) -> Option<Record> {
        let name = path.display().to_string();
        let raw: Box<dyn Read + Send> = if name == "-" {
            Box::new(io::stdin())
        } else {
            match File::open(path) {
                Ok(f) => Box::new(f),
                Err(e) => return Some(Err(Self::io_err(&name, e))),
            }
        };
        let mut reader = match decompress(raw) {
            Ok(r) => r,
            Err(e) => return Some(Err(Self::io_err(&name, e))),
        };
        let head = match reader.fill_buf() {
            Ok(h) => h.to_vec(),
            Err(e) => return Some(Err(Self::io_err(&name, e))),
        };
        let format = match self.opts.format {
            InputFormat::Auto => detect_format(path, &head),
            f => f,
        };
        match format {
            InputFormat::JsonLines => {
                let first = head.iter().find(|b| !b.is_ascii_whitespace());
                if first == Some(&b'[') {
                    let mut buf = Vec::new();
                    if let Err(e) = reader.read_to_end(&mut buf) {
                        return Some(Err(Self::io_err(&name, e)));
                    }
                    match serde_json::from_slice::<Vec<Value>>(&buf) {
                        Ok(items) => {
                            self.current = Some(Current::Items {
                                name,
                                items: items.into_iter(),
                                index: 0,
                            })
                        }
                        Err(e) => {
                            return Some(Err(InputError {
                                location: Location {
                                    file: name,
                                    line: e.line(),
                                },
                                kind: InputErrorKind::Json(e.to_string()),
                            }))
                        }
                    }
                } else {
                    self.current = Some(Current::Lines { name, reader, line: 0 });
                }
                None
            }
            InputFormat::DatedText | InputFormat::PlainText | InputFormat::TimeMl | InputFormat::Auto => {
                let mut buf = Vec::new();
                if let Err(e) = reader.read_to_end(&mut buf) {
                    return Some(Err(Self::io_err(&name, e)));
                }
                let text = match String::from_utf8(buf) {
                    Ok(t) => t,
                    Err(e) => {
                        let at = e.utf8_error().valid_up_to();
                        let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
                        return Some(Err(InputError {
                            location: Location { file: name, line },
                            kind: InputErrorKind::Utf8(at),
                        }));
                    }
                };
                // The record starts on the first line with text (a header may follow blank lines).
                let lead = text.len() - text.trim_start().len();
                let line = 1 + text[..lead].matches('\n').count();
                let result = match format {
                    InputFormat::PlainText => plain_text(text, &self.opts),
                    InputFormat::TimeMl => timeml(&text, path, &self.opts),
                    _ => parse_dated_text(&text, &self.opts),
                };
                Some(match result {
                    Ok(a) => Ok((Location { file: name, line }, a)),
                    Err(kind) => Err(InputError {
                        location: Location { file: name, line },
                        kind,
                    }),
                })
            }
        }
    }

    fn next_from_current(&mut self) -> Option<Record> {
        let default_date = self.opts.date;
        match self.current.as_mut()? {
            Current::Lines { name, reader, line } => {
                let mut buf = Vec::new();
                loop {
                    buf.clear();
                    *line += 1;
                    match reader.read_until(b'\n', &mut buf) {
                        Ok(0) => {
                            self.current = None;
                            return None;
                        }
                        Ok(_) => {}
                        Err(e) => {
                            let err = Self::io_err(name, e);
                            self.current = None;
                            return Some(Err(err));
                        }
                    }
                    if buf.iter().all(|b| b.is_ascii_whitespace()) {
                        continue;
                    }
                    let location = Location {
                        file: name.clone(),
                        line: *line,
                    };
                    let text = match std::str::from_utf8(&buf) {
                        Ok(t) => t,
                        Err(e) => {
                            return Some(Err(InputError {
                                location,
                                kind: InputErrorKind::Utf8(e.valid_up_to()),
                            }))
                        }
                    };
                    let value: Value = match serde_json::from_str(text.trim_end()) {
                        Ok(v) => v,
                        Err(e) => {
                            return Some(Err(InputError {
                                location,
                                kind: InputErrorKind::Json(json_message(&e)),
                            }))
                        }
                    };
                    return Some(match parse_json_article(value, default_date) {
                        Ok(a) => Ok((location, a)),
                        Err(kind) => Err(InputError { location, kind }),
                    });
                }
            }
            Current::Items { name, items, index } => match items.next() {
                None => {
                    self.current = None;
                    None
                }
                Some(value) => {
                    *index += 1;
                    let location = Location {
                        file: name.clone(),
                        line: *index,
                    };
                    Some(match parse_json_article(value, default_date) {
                        Ok(a) => Ok((location, a)),
                        Err(kind) => Err(InputError { location, kind }),
                    })
                }
            },
        }
    }
}

impl Iterator for Articles {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if self.current.is_some() {
                if let Some(r) = self.next_from_current() {
                    return Some(r);
                }
                continue;
            }
            let path = self.pending.pop_front()?;
            if path.as_os_str() != "-" && path.is_dir() {
                if let Err(e) = self.expand_dir(&path) {
                    return Some(Err(e));
                }
                continue;
            }
            if let Some(r) = self.open(&path) {
                return Some(r);
            }
        }
    }
}

/// serde_json's message without its "at line 1 column N" (the line is ours), plus the column.
fn json_message(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let base = msg.rsplit_once(" at line ").map_or(msg.as_str(), |(b, _)| b);
    format!("{base} (column {})", e.column())
}

/// Wraps a reader in a gzip or zstd decoder when its first bytes say so.
fn decompress(raw: Box<dyn Read + Send>) -> io::Result<Box<dyn BufRead + Send>> {
    let mut buffered = BufReader::with_capacity(1 << 16, raw);
    let magic = buffered.fill_buf()?;
    if magic.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(buffered),
        )))
    } else if magic.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            zstd::stream::read::Decoder::with_buffer(buffered)?,
        )))
    } else {
        Ok(Box::new(buffered))
    }
}

fn plain_text(text: String, opts: &ReadOptions) -> Result<Article, InputErrorKind> {
    let date = opts.date.ok_or(InputErrorKind::MissingHeader)?;
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    if text.trim().is_empty() {
        return Err(InputErrorKind::EmptyText);
    }
    Ok(Article::new(text, date))
}

/// A TimeML document as an article: the TEXT element's content is the text, the DCT the date
/// (`--date` when the DCT has none), the file name the id.
fn timeml(raw: &str, path: &Path, opts: &ReadOptions) -> Result<Article, InputErrorKind> {
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let doc = newsgraph_timex::parse_tml(raw, &name).map_err(|e| InputErrorKind::TimeMl(e.to_string()))?;
    let date = doc.date.or(opts.date).ok_or(InputErrorKind::MissingDate)?;
    if doc.text.trim().is_empty() {
        return Err(InputErrorKind::EmptyText);
    }
    let mut article = Article::new(doc.text, date);
    if !name.is_empty() && name != "-" {
        article.id = name;
    }
    Ok(article)
}

/// Parses a dated-text article: optional white space, `date YYYY-MM-DD`, white space, text.
/// Without the header, `opts.date` dates the whole text; with neither, an error.
pub fn parse_dated_text(s: &str, opts: &ReadOptions) -> Result<Article, InputErrorKind> {
    let body = s.strip_prefix('\u{feff}').unwrap_or(s);
    let rest = body.trim_start();
    let Some(after) = rest.strip_prefix("date").filter(|r| r.starts_with(char::is_whitespace)) else {
        return plain_text(s.to_string(), opts);
    };
    let after = after.trim_start_matches([' ', '\t']);
    let end = after.find(char::is_whitespace).unwrap_or(after.len());
    let date = parse_date(&after[..end])?;
    let text = after[end..].trim_start();
    if text.trim().is_empty() {
        return Err(InputErrorKind::EmptyText);
    }
    Ok(Article::new(text, date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(date: Option<&str>) -> ReadOptions {
        ReadOptions {
            format: InputFormat::Auto,
            date: date.map(|d| parse_date(d).unwrap()),
        }
    }

    #[test]
    fn dated_text_keeps_text_after_the_header_unchanged() {
        let a = parse_dated_text("\n  date 2018-11-02 \n U.S. talks.\n\nMore.\n", &opts(None)).unwrap();
        assert_eq!(a.text, "U.S. talks.\n\nMore.\n");
        assert_eq!(a.date.to_string(), "2018-11-02");
    }

    #[test]
    fn dated_text_errors() {
        assert!(matches!(
            parse_dated_text("date 2018-02-30 x", &opts(None)),
            Err(InputErrorKind::BadDate(_))
        ));
        assert!(matches!(
            parse_dated_text("date 2018-02-03   ", &opts(None)),
            Err(InputErrorKind::EmptyText)
        ));
        assert!(matches!(
            parse_dated_text("No header here.", &opts(None)),
            Err(InputErrorKind::MissingHeader)
        ));
        assert_eq!(
            parse_dated_text("No header.", &opts(Some("2018-01-01"))).unwrap().text,
            "No header."
        );
        // A word that merely starts with "date" is text, not a header.
        assert!(matches!(
            parse_dated_text("dated 2018-01-01 x", &opts(None)),
            Err(InputErrorKind::MissingHeader)
        ));
    }
}
