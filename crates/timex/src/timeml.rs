//! TimeML (`.tml`) in and out.
//!
//! Offsets follow shared/tools/timex/timeml.py exactly: code points into the raw content of the
//! `<TEXT>` element with all markup removed and the five XML entities (plus numeric references)
//! decoded; empty (non-consuming) TIMEX3s are dropped; the DCT is the first TIMEX3 inside `<DCT>`.

use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use newsgraph_core::Doc;
use regex::Regex;

use crate::error::TimexError;

/// One gold TIMEX3, offsets in code points into [`TmlDoc::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TmlTimex {
    /// Start (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// `tid` attribute.
    pub tid: String,
    /// `type` attribute.
    pub ttype: String,
    /// `value` attribute.
    pub value: String,
    /// `mod` attribute.
    pub modifier: Option<String>,
}

/// A parsed TimeML document.
#[derive(Debug, Clone, PartialEq)]
pub struct TmlDoc {
    /// Document name (file name without `.tml`).
    pub doc: String,
    /// The DCT's value attribute as written.
    pub dct: String,
    /// The DCT as a date, when it starts with YYYY-MM-DD.
    pub date: Option<NaiveDate>,
    /// The raw TEXT content.
    pub text: String,
    /// TIMEX3s inside TEXT.
    pub timexes: Vec<TmlTimex>,
}

struct Res {
    tag: Regex,
    attr: Regex,
    ent: Regex,
    dct: Regex,
    text: Regex,
    date: Regex,
}

fn res() -> &'static Res {
    static R: OnceLock<Res> = OnceLock::new();
    R.get_or_init(|| {
        // Fixed patterns, tested below; a failure here is a programming error.
        let re = |p: &str| Regex::new(p).unwrap_or_else(|e| panic!("bad built-in regex {p}: {e}"));
        Res {
            tag: re(r"<(/?)([A-Za-z_][\w.-]*)((?s:[^>])*?)(/?)>"),
            attr: re(r#"([\w:.-]+)\s*=\s*"([^"]*)"|([\w:.-]+)\s*=\s*'([^']*)'"#),
            ent: re(r"&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);"),
            dct: re(r"<DCT>\s*<TIMEX3([^>]*)>"),
            text: re(r"(?s)<TEXT>(.*?)</TEXT>"),
            date: re(r"^\d{4}-\d{2}-\d{2}"),
        }
    })
}

fn unent(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    res()
        .ent
        .replace_all(s, |c: &regex::Captures<'_>| {
            let e = &c[1];
            if let Some(h) = e.strip_prefix("#x") {
                u32::from_str_radix(h, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .map(String::from)
                    .unwrap_or_default()
            } else if let Some(d) = e.strip_prefix('#') {
                d.parse::<u32>()
                    .ok()
                    .and_then(char::from_u32)
                    .map(String::from)
                    .unwrap_or_default()
            } else {
                match e {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    _ => "'",
                }
                .to_string()
            }
        })
        .into_owned()
}

fn attrs(s: &str) -> Vec<(String, String)> {
    res()
        .attr
        .captures_iter(s)
        .filter_map(|c| match (c.get(1), c.get(2), c.get(3), c.get(4)) {
            (Some(k), Some(v), _, _) => Some((k.as_str().to_string(), unent(v.as_str()))),
            (_, _, Some(k), Some(v)) => Some((k.as_str().to_string(), unent(v.as_str()))),
            _ => None,
        })
        .collect()
}

fn attr<'a>(a: &'a [(String, String)], k: &str) -> Option<&'a str> {
    // Python's dict keeps the last duplicate.
    a.iter().rev().find(|(kk, _)| kk == k).map(|(_, v)| v.as_str())
}

/// The document name for a path: the file name without `.tml` / `.tml.TE3input` / `.TE3input`.
pub fn doc_name(path: &Path) -> String {
    let b = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    for suf in [".tml.TE3input", ".TE3input", ".tml"] {
        if let Some(s) = b.strip_suffix(suf) {
            return s.to_string();
        }
    }
    b
}

/// Parses TimeML source `raw`, naming the document `doc`.
pub fn parse_tml(raw: &str, doc: &str) -> Result<TmlDoc, TimexError> {
    let r = res();
    let dct = r
        .dct
        .captures(raw)
        .and_then(|c| attr(&attrs(&c[1]), "value").map(str::to_string))
        .unwrap_or_default();
    let body = r
        .text
        .captures(raw)
        .and_then(|c| c.get(1))
        .ok_or_else(|| TimexError::TimeMl {
            path: doc.to_string(),
            message: "no <TEXT> element".into(),
        })?
        .as_str();
    let mut text = String::with_capacity(body.len());
    let mut n = 0usize;
    let mut pos = 0usize;
    let mut open: Option<TmlTimex> = None;
    let mut timexes = Vec::new();
    for t in r.tag.captures_iter(body) {
        let Some(whole) = t.get(0) else { continue };
        let chunk = unent(&body[pos..whole.start()]);
        n += chunk.chars().count();
        text.push_str(&chunk);
        pos = whole.end();
        if &t[2] != "TIMEX3" {
            continue;
        }
        if !t[1].is_empty() {
            if let Some(mut o) = open.take() {
                o.end = n;
                if o.end > o.start {
                    timexes.push(o);
                }
            }
        } else if t[4].is_empty() {
            let a = attrs(&t[3]);
            open = Some(TmlTimex {
                start: n,
                end: n,
                tid: attr(&a, "tid").unwrap_or("").to_string(),
                ttype: attr(&a, "type").unwrap_or("").to_string(),
                value: attr(&a, "value").unwrap_or("").to_string(),
                modifier: attr(&a, "mod").map(str::to_string),
            });
        }
    }
    text.push_str(&unent(&body[pos..]));
    let date = if r.date.is_match(&dct) {
        NaiveDate::parse_from_str(&dct[..10], "%Y-%m-%d").ok()
    } else {
        None
    };
    Ok(TmlDoc {
        doc: doc.to_string(),
        dct,
        date,
        text,
        timexes,
    })
}

/// Reads one `.tml` file.
pub fn read_tml(path: &Path) -> Result<TmlDoc, TimexError> {
    let raw = std::fs::read_to_string(path).map_err(|source| TimexError::Io {
        path: path.display().to_string(),
        source,
    })?;
    parse_tml(&raw, &doc_name(path))
}

/// All `.tml` files under `paths` (folders walked recursively), sorted by document name as the
/// reference scripts do.
pub fn list_tml(path: &Path) -> Result<Vec<std::path::PathBuf>, TimexError> {
    let mut out = Vec::new();
    fn walk(p: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), TimexError> {
        if p.is_dir() {
            let rd = std::fs::read_dir(p).map_err(|source| TimexError::Io {
                path: p.display().to_string(),
                source,
            })?;
            for e in rd {
                let e = e.map_err(|source| TimexError::Io {
                    path: p.display().to_string(),
                    source,
                })?;
                walk(&e.path(), out)?;
            }
        } else {
            let name = p
                .file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.ends_with(".tml") && !name.starts_with("._") {
                out.push(p.to_path_buf());
            }
        }
        Ok(())
    }
    if path.is_dir() {
        walk(path, &mut out)?;
    } else {
        out.push(path.to_path_buf());
    }
    out.sort_by_key(|p| doc_name(p));
    Ok(out)
}

fn escape(s: &str, quotes: bool) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' if quotes => o.push_str("&quot;"),
            c => o.push(c),
        }
    }
    o
}

/// TimeML for a document's timexes: DOCID, the DCT as a CREATION_TIME TIMEX3, and the text with
/// one TIMEX3 per timex (overlapping ones after the first are dropped: TimeML forbids nesting).
pub fn to_timeml(doc: &Doc) -> String {
    let text = doc.text();
    let date = doc.article.date.format("%Y-%m-%d").to_string();
    let mut out = String::with_capacity(text.len() + 200 * doc.timexes.len() + 300);
    out.push_str("<?xml version=\"1.0\" ?>\n<TimeML>\n");
    out.push_str(&format!("<DOCID>{}</DOCID>\n", escape(&doc.article.id, false)));
    out.push_str(&format!(
        "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{date}\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">{date}</TIMEX3></DCT>\n"
    ));
    out.push_str("<TEXT>");
    let mut spans: Vec<_> = doc.timexes.iter().collect();
    spans.sort_by_key(|t| (t.span.start, std::cmp::Reverse(t.span.end)));
    let mut pos = 0;
    let mut k = 1;
    for t in spans {
        let (s, e) = (t.span.start, t.span.end);
        if s < pos || e <= s || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        out.push_str(&escape(&text[pos..s], false));
        out.push_str(&format!(
            "<TIMEX3 tid=\"t{k}\" type=\"{}\" value=\"{}\"",
            t.ttype.as_str(),
            escape(&t.value, true)
        ));
        for (name, v) in [("mod", &t.modifier), ("freq", &t.freq), ("quant", &t.quant)] {
            if let Some(v) = v {
                out.push_str(&format!(" {name}=\"{}\"", escape(v, true)));
            }
        }
        out.push('>');
        out.push_str(&escape(&text[s..e], false));
        out.push_str("</TIMEX3>");
        pos = e;
        k += 1;
    }
    out.push_str(&escape(&text[pos..], false));
    out.push_str("</TEXT>\n</TimeML>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_code_points_after_entity_decoding() {
        let raw = "<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-02-06\">Feb 6</TIMEX3></DCT>\
                   <TEXT>\nA&amp;B — <EVENT eid=\"e1\">met</EVENT> <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-02-05\">Thursday</TIMEX3><TIMEX3 tid=\"t9\"/>.</TEXT></TimeML>";
        let d = parse_tml(raw, "x").unwrap();
        assert_eq!(d.text, "\nA&B — met Thursday.");
        assert_eq!(d.dct, "1998-02-06");
        assert_eq!(d.timexes.len(), 1);
        let t = &d.timexes[0];
        assert_eq!((t.start, t.end), (11, 19));
        let chars: Vec<char> = d.text.chars().collect();
        assert_eq!(chars[t.start..t.end].iter().collect::<String>(), "Thursday");
    }
}
