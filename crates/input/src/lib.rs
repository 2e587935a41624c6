//! Readers for dated news articles.
//!
//! Inputs are files, directories (walked recursively in sorted order), or `-` for standard input;
//! `.gz` and `.zst` files are decompressed on the fly. Three formats are understood:
//!
//! - **dated text**: optional leading white space, `date YYYY-MM-DD`, white space, then the article
//!   text (one article per file). The text starts at the first character after that white space.
//! - **JSON Lines**: one article per line with `text` (or `body`, `content`) and `date` (or
//!   `published`, `publish_date`; `YYYY-MM-DD` or RFC 3339), optional `id`, `title`, `url`,
//!   `source` (or `publisher`); other fields are kept in `meta`. A `.json` file holding one array is read too.
//! - **plain text**: a whole file is one article, dated by [`ReadOptions::date`].
//!
//! Reading is streamed: records come one at a time from [`Articles`], so a file of any size runs
//! in constant memory. A bad record is an `Err` item naming file and line; the iterator goes on.
//!
//! ```
//! use newsgraph_input::{parse_dated_text, ReadOptions};
//! let a = parse_dated_text(" date 2018-11-02 Trade talks resumed.", &ReadOptions::default()).unwrap();
//! assert_eq!(a.text, "Trade talks resumed.");
//! assert_eq!(a.date.to_string(), "2018-11-02");
//! ```

mod detect;
mod error;
mod fields;
mod reader;

pub use detect::{detect_format, InputFormat};
pub use error::{InputError, InputErrorKind, Location};
pub use fields::{parse_date, parse_json_article};
pub use reader::{parse_dated_text, Articles, ReadOptions, Record};
