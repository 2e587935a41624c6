//! Word lists the segmenter consults, kept as documented data files under `data/`.
//!
//! The files are compiled in with `include_str!` and parsed once, on first use. Parsing cannot
//! fail at run time: a malformed line is skipped and reported by [`Lexicon::problems`], which a
//! unit test keeps empty.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use newsgraph_core::fnv::FnvBuild;
type Map<V> = HashMap<String, V, FnvBuild>;
type Set = HashSet<String, FnvBuild>;

const ABBREVIATIONS: &str = include_str!("../data/abbreviations.txt");
const SENTENCE_STARTERS: &str = include_str!("../data/sentence_starters.txt");
const SPEECH_VERBS: &str = include_str!("../data/speech_verbs.txt");

/// How an abbreviation behaves where a sentence might end (see `data/abbreviations.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevClass {
    /// Never ends a sentence; a name follows.
    Title,
    /// Never ends a sentence; it sits inside a phrase.
    Inner,
    /// May end a sentence: split when a sentence-starting function word follows.
    Final,
    /// An abbreviation only before a number.
    Numeric,
}

#[derive(Debug, Clone, Copy)]
struct Abbrev {
    class: AbbrevClass,
    /// Written with a capital in the list, so it must be capitalized in the text.
    needs_capital: bool,
}

/// The parsed word lists.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Lower-case abbreviation without its final period → behaviour.
    abbrevs: Map<Abbrev>,
    /// Lower-case sentence-starting function words.
    starters: Set,
    /// Lower-case reporting verbs.
    speech_verbs: Set,
    /// Lower-case words allowed right after a reporting verb in an attribution.
    speech_tail: Set,
    /// Longest abbreviation stem, so that longer words skip the lookup.
    longest_abbrev: usize,
    problems: Vec<String>,
}

/// Longest word looked up; longer words are not in any list.
const MAX_KEY: usize = 24;

/// Lower-cases an ASCII word into `buf`; `None` when it is too long or not ASCII, since every
/// list entry is short ASCII.
#[inline]
fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; MAX_KEY]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.len() > MAX_KEY || !word.is_ascii() {
        return None;
    }
    let out = &mut buf[..bytes.len()];
    for (o, b) in out.iter_mut().zip(bytes) {
        *o = b.to_ascii_lowercase();
    }
    std::str::from_utf8(out).ok()
}

impl Lexicon {
    /// The shared lexicon, parsed on first use.
    pub(crate) fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::parse)
    }

    fn parse() -> Lexicon {
        let mut lx = Lexicon::default();
        let mut class = None;
        for (n, line) in lines(ABBREVIATIONS) {
            if let Some(group) = section(line) {
                class = match group {
                    "title" => Some(AbbrevClass::Title),
                    "inner" => Some(AbbrevClass::Inner),
                    "final" => Some(AbbrevClass::Final),
                    "numeric" => Some(AbbrevClass::Numeric),
                    other => {
                        lx.problems
                            .push(format!("abbreviations.txt:{n}: unknown group `{other}`"));
                        None
                    }
                };
                continue;
            }
            let (Some(class), Some(stem)) = (class, line.strip_suffix('.')) else {
                lx.problems.push(format!(
                    "abbreviations.txt:{n}: `{line}` is outside a group or lacks its period"
                ));
                continue;
            };
            let needs_capital = line.starts_with(|c: char| c.is_ascii_uppercase());
            let key = stem.to_ascii_lowercase();
            lx.longest_abbrev = lx.longest_abbrev.max(key.len());
            if lx.abbrevs.insert(key, Abbrev { class, needs_capital }).is_some() {
                lx.problems
                    .push(format!("abbreviations.txt:{n}: `{line}` is listed twice"));
            }
        }
        for (_, line) in lines(SENTENCE_STARTERS) {
            lx.starters.insert(line.to_ascii_lowercase());
        }
        let mut into_tail = None;
        for (n, line) in lines(SPEECH_VERBS) {
            match section(line) {
                Some("verb") => into_tail = Some(false),
                Some("tail") => into_tail = Some(true),
                Some(other) => lx
                    .problems
                    .push(format!("speech_verbs.txt:{n}: unknown group `{other}`")),
                None => match into_tail {
                    Some(true) => {
                        lx.speech_tail.insert(line.to_ascii_lowercase());
                    }
                    Some(false) => {
                        lx.speech_verbs.insert(line.to_ascii_lowercase());
                    }
                    None => lx
                        .problems
                        .push(format!("speech_verbs.txt:{n}: `{line}` is outside a group")),
                },
            }
        }
        lx
    }

    /// Lines that failed to parse (kept empty by a test).
    #[cfg(test)]
    pub(crate) fn problems(&self) -> &[String] {
        &self.problems
    }

    /// The class of `stem` (an abbreviation without its final period), when it is listed and its
    /// capitalization fits the entry.
    /// A single capital letter is an initial ("P. Such"), never a list entry, even where a
    /// lower-case entry ("p.", page) would match it.
    pub(crate) fn abbrev(&self, stem: &str) -> Option<AbbrevClass> {
        if stem.len() > self.longest_abbrev || stem.len() == 1 && stem.as_bytes()[0].is_ascii_uppercase() {
            return None;
        }
        let mut buf = [0u8; MAX_KEY];
        let key = ascii_lower(stem, &mut buf)?;
        let entry = self.abbrevs.get(key)?;
        if entry.needs_capital && !stem.starts_with(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
        Some(entry.class)
    }

    /// True for a capitalized function word that opens a sentence ("The", "It", "But").
    pub(crate) fn is_starter(&self, word: &str) -> bool {
        if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
            return false;
        }
        let mut buf = [0u8; MAX_KEY];
        ascii_lower(word, &mut buf).is_some_and(|k| self.starters.contains(k))
    }

    /// True for a reporting verb ("said", "wrote").
    pub(crate) fn is_speech_verb(&self, word: &str) -> bool {
        let mut buf = [0u8; MAX_KEY];
        ascii_lower(word, &mut buf).is_some_and(|k| self.speech_verbs.contains(k))
    }

    /// True for a word that may follow a reporting verb inside an attribution ("on", "Thursday").
    pub(crate) fn is_speech_tail(&self, word: &str) -> bool {
        let mut buf = [0u8; MAX_KEY];
        ascii_lower(word, &mut buf).is_some_and(|k| self.speech_tail.contains(k))
    }
}

/// Non-blank, non-comment lines with their 1-based numbers.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

fn section(line: &str) -> Option<&str> {
    line.strip_prefix('[')?.strip_suffix(']')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse_cleanly() {
        let lx = Lexicon::get();
        assert!(lx.problems().is_empty(), "{:#?}", lx.problems());
        assert!(lx.abbrevs.len() > 80);
        assert!(lx.starters.len() > 50);
        assert!(lx.speech_verbs.contains("said"));
        assert!(lx.speech_tail.contains("thursday"));
    }

    #[test]
    fn capitalized_entries_need_a_capital() {
        let lx = Lexicon::get();
        assert_eq!(lx.abbrev("Sat"), Some(AbbrevClass::Final));
        assert_eq!(lx.abbrev("SAT"), Some(AbbrevClass::Final));
        assert_eq!(lx.abbrev("sat"), None);
        assert_eq!(lx.abbrev("etc"), Some(AbbrevClass::Final));
        assert_eq!(lx.abbrev("Etc"), Some(AbbrevClass::Final));
        assert_eq!(lx.abbrev("Gov"), Some(AbbrevClass::Title));
        assert_eq!(lx.abbrev("No"), Some(AbbrevClass::Numeric));
        assert_eq!(lx.abbrev("Government"), None);
        assert_eq!(lx.abbrev("p"), Some(AbbrevClass::Numeric));
        assert_eq!(lx.abbrev("P"), None, "an initial, not a page");
    }

    #[test]
    fn starters_are_capitalized_function_words() {
        let lx = Lexicon::get();
        assert!(lx.is_starter("The"));
        assert!(lx.is_starter("THE"));
        assert!(!lx.is_starter("the"));
        assert!(!lx.is_starter("President"));
    }
}
