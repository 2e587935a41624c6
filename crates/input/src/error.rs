//! Errors that name the file and line of a bad record.

use std::fmt;

use thiserror::Error;

/// Where a record came from: a file (or `-` for stdin) and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The path as given, or `-`.
    pub file: String,
    /// 1-based line number of the record's start.
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// What went wrong with a record or an input.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum InputErrorKind {
    /// The input could not be opened or read. Not a record problem: exit code 2.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// Bytes that are not UTF-8.
    #[error("invalid UTF-8 at byte {0} of the record")]
    Utf8(usize),
    /// A line that is not valid JSON.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// A JSON value that is not an object.
    #[error("expected a JSON object, found {0}")]
    NotAnObject(&'static str),
    /// No text field.
    #[error("missing `text` (or `body`, `content`)")]
    MissingText,
    /// The text is empty or white space only.
    #[error("empty text")]
    EmptyText,
    /// No date field and no `--date`.
    #[error("missing `date` (or `published`, `publish_date`), and no --date given")]
    MissingDate,
    /// A dated-text file without its header and no `--date`.
    #[error("no `date YYYY-MM-DD` header, and no --date given")]
    MissingHeader,
    /// A field of the wrong JSON type.
    #[error("field `{field}` must be {expected}")]
    FieldType {
        /// The field.
        field: String,
        /// What it should be.
        expected: &'static str,
    },
    /// A TimeML document that cannot be read.
    #[error("invalid TimeML: {0}")]
    TimeMl(String),
    /// A date that does not parse or does not exist.
    #[error("{0}")]
    BadDate(String),
}

/// A problem with one record, or with one input as a whole.
#[derive(Debug, Error)]
#[error("{location}: {kind}")]
pub struct InputError {
    /// Where.
    pub location: Location,
    /// What.
    pub kind: InputErrorKind,
}

impl InputError {
    /// True when the input itself could not be read (as opposed to one bad record in it).
    pub fn is_io(&self) -> bool {
        matches!(self.kind, InputErrorKind::Io(_))
    }
}
