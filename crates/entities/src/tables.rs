//! The hand-written tables under `data/`, parsed once. Each file documents its entries; this
//! module only reads them.

use std::collections::{BTreeMap, BTreeSet};

use crate::norm::key;
use crate::Error;

/// Title and role words (`data/titles.tsv`).
#[derive(Debug, Default)]
pub struct Titles {
    /// Head phrases as lower-cased token sequences, longest first, with whether they may form a
    /// nominal mention (`head`) or only a title (`role`).
    pub heads: Vec<(Vec<String>, bool)>,
    /// Every word of every head phrase.
    pub head_words: BTreeSet<String>,
    /// Modifier words.
    pub modifiers: BTreeSet<String>,
    /// Honorifics with their gender (`m`, `f`, or none).
    pub honorifics: BTreeMap<String, Option<char>>,
}

/// All hand-written tables.
#[derive(Debug, Default)]
pub struct Tables {
    /// Titles and roles.
    pub titles: Titles,
    /// Pronoun → gender.
    pub pronouns: BTreeMap<String, char>,
    /// Demonym key → ISO country.
    pub demonyms: BTreeMap<String, String>,
    /// Country aliases, regions and international organizations (they feed the gazetteer index).
    pub curated: crate::index::Curated,
    /// Metonym place key → ISO country of the government it can stand for.
    pub metonyms: BTreeMap<String, String>,
    /// Metonym cue word → class (`verb`, `aux`, `relation`).
    pub metonym_cues: BTreeMap<String, String>,
    /// Organization suffix words (keys).
    pub org_suffixes: BTreeSet<String>,
    /// Organization generic words (keys).
    pub org_generic: BTreeSet<String>,
    /// Words skipped in acronyms (keys).
    pub org_skip: BTreeSet<String>,
}

/// Data rows of a table: non-empty, non-comment lines split on tabs, with their line numbers.
fn rows<'a>(
    file: &'a str,
    text: &'a str,
    min_cols: usize,
) -> impl Iterator<Item = Result<(usize, Vec<&'a str>), Error>> + 'a {
    text.lines().enumerate().filter_map(move |(i, line)| {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            return None;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < min_cols {
            return Some(Err(Error::Table {
                file: file.to_string(),
                line: i + 1,
                message: format!("expected {min_cols} tab-separated columns, found {}", cols.len()),
            }));
        }
        Some(Ok((i + 1, cols)))
    })
}

impl Tables {
    /// Parses the tables compiled into the crate.
    pub fn embedded() -> Result<Tables, Error> {
        let mut t = Tables::default();
        for row in rows("titles.tsv", include_str!("../data/titles.tsv"), 2) {
            let (line, cols) = row?;
            let phrase = cols[0].trim().to_lowercase();
            match cols[1].trim() {
                "head" | "role" => t.titles.heads.push((
                    phrase.split_whitespace().map(String::from).collect(),
                    cols[1].trim() == "head",
                )),
                "modifier" => {
                    t.titles.modifiers.insert(phrase);
                }
                "honorific" => {
                    t.titles.honorifics.insert(phrase, None);
                }
                "honorific-m" => {
                    t.titles.honorifics.insert(phrase, Some('m'));
                }
                "honorific-f" => {
                    t.titles.honorifics.insert(phrase, Some('f'));
                }
                other => {
                    return Err(Error::Table {
                        file: "titles.tsv".into(),
                        line,
                        message: format!("unknown class `{other}`"),
                    })
                }
            }
        }
        t.titles.heads.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
        t.titles.heads.dedup();
        t.titles.head_words = t.titles.heads.iter().flat_map(|(h, _)| h.iter().cloned()).collect();
        for row in rows("pronouns.tsv", include_str!("../data/pronouns.tsv"), 2) {
            let (_, cols) = row?;
            let g = cols[1].trim().chars().next().unwrap_or('m');
            t.pronouns.insert(cols[0].trim().to_lowercase(), g);
        }
        for row in rows("demonyms.tsv", include_str!("../data/demonyms.tsv"), 2) {
            let (_, cols) = row?;
            t.demonyms.insert(key(cols[0]), cols[1].trim().to_string());
        }
        t.curated = crate::index::parse_curated(
            include_str!("../data/country_aliases.tsv"),
            include_str!("../data/admin1_aliases.tsv"),
            include_str!("../data/regions.tsv"),
            include_str!("../data/igos.tsv"),
        )
        .map_err(|message| Error::Table {
            file: "country_aliases.tsv, regions.tsv or igos.tsv".into(),
            line: 0,
            message,
        })?;
        for row in rows("metonyms.tsv", include_str!("../data/metonyms.tsv"), 2) {
            let (_, cols) = row?;
            t.metonyms.insert(key(cols[0]), cols[1].trim().to_string());
        }
        for row in rows("metonym_cues.tsv", include_str!("../data/metonym_cues.tsv"), 2) {
            let (_, cols) = row?;
            t.metonym_cues
                .insert(cols[0].trim().to_lowercase(), cols[1].trim().to_string());
        }
        for row in rows("org_words.tsv", include_str!("../data/org_words.tsv"), 2) {
            let (line, cols) = row?;
            let k = key(cols[0]);
            match cols[1].trim() {
                "suffix" => t.org_suffixes.insert(k),
                "generic" => t.org_generic.insert(k),
                "skip" => t.org_skip.insert(k),
                other => {
                    return Err(Error::Table {
                        file: "org_words.tsv".into(),
                        line,
                        message: format!("unknown class `{other}`"),
                    })
                }
            };
        }
        Ok(t)
    }
}

impl Titles {
    /// True for a word that may sit inside a title phrase without being its head.
    pub fn is_modifier(&self, lower: &str) -> bool {
        self.modifiers.contains(lower)
    }

    /// The longest head phrase ending at token `end` (exclusive) of `words` (lower-cased): its
    /// token count and whether it may form a nominal.
    pub fn head_ending_at(&self, words: &[String], end: usize) -> Option<(usize, bool)> {
        self.heads.iter().find_map(|(h, nominal)| {
            let n = h.len();
            (n <= end && words[end - n..end].iter().zip(h).all(|(w, h)| w == h)).then_some((n, *nominal))
        })
    }

    /// The longest head phrase starting at token `start` of `words`: its token count and whether
    /// it may form a nominal.
    pub fn head_starting_at(&self, words: &[String], start: usize) -> Option<(usize, bool)> {
        self.heads.iter().find_map(|(h, nominal)| {
            let n = h.len();
            (start + n <= words.len() && words[start..start + n].iter().zip(h).all(|(w, h)| w == h))
                .then_some((n, *nominal))
        })
    }
}
