//! The cue vocabulary (`data/cues.txt`): words that tie quoted or reported words to a speaker.

use std::collections::HashMap;

use crate::Error;

use newsgraph_core::fnv::FnvBuild;

/// First word → (remaining words, present participle, entry index) for each form.
type Index = HashMap<String, Vec<(Vec<String>, bool, usize)>, FnvBuild>;

/// The committed cue vocabulary.
pub const CUES_TXT: &str = include_str!("../data/cues.txt");

/// One vocabulary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// The first form of the entry (its lemma), for diagnostics.
    pub lemma: String,
    /// The cue also introduces indirect speech.
    pub indirect: bool,
    /// The speaker follows the cue ("according to X").
    pub source_after: bool,
    /// Only attributes quotes inside the cue's own clause.
    pub weak: bool,
    /// Only introduces reported content, never attributes quoted words.
    pub content: bool,
}

/// The vocabulary, indexed by the lower-cased first word of each form.
#[derive(Debug, Clone)]
pub struct Cues {
    entries: Vec<Cue>,
    /// first word → (remaining words, whether the form is a present participle, entry index)
    index: Index,
}

impl Cues {
    /// Parses a vocabulary in the `data/cues.txt` format.
    pub fn parse(text: &str) -> Result<Cues, Error> {
        let mut entries = Vec::new();
        let mut index = Index::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |what: &str| Error::Vocabulary {
                line: n + 1,
                message: what.to_string(),
            };
            let mut cols = line.split('|').map(str::trim);
            let forms = cols.next().filter(|f| !f.is_empty()).ok_or_else(|| bad("no forms"))?;
            let flags = cols.next().ok_or_else(|| bad("expected `FORMS | FLAGS | WHY`"))?;
            let why = cols.next().unwrap_or("");
            if why.is_empty() {
                return Err(bad("every entry needs its reason in the third column"));
            }
            let mut cue = Cue {
                lemma: String::new(),
                indirect: false,
                source_after: false,
                weak: false,
                content: false,
            };
            for flag in flags.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                match flag {
                    "indirect" => cue.indirect = true,
                    "source_after" => cue.source_after = true,
                    "weak" => cue.weak = true,
                    "content" => cue.content = true,
                    other => return Err(bad(&format!("unknown flag `{other}`"))),
                }
            }
            let id = entries.len();
            for (k, form) in forms.split_whitespace().enumerate() {
                let lower = form.to_lowercase();
                if k == 0 {
                    cue.lemma = lower.replace('_', " ");
                }
                let mut words = lower.split('_').map(str::to_string);
                let Some(first) = words.next() else { continue };
                let rest: Vec<String> = words.collect();
                // "according to" ends in -ing but introduces its source, not a clause's speaker.
                let participle = first.ends_with("ing") && !cue.source_after;
                index.entry(first).or_default().push((rest, participle, id));
            }
            entries.push(cue);
        }
        Ok(Cues { entries, index })
    }

    /// The committed vocabulary.
    pub fn builtin() -> Result<Cues, Error> {
        Cues::parse(CUES_TXT)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Matches a cue starting at `words[0]`: returns (number of words, participle, entry).
    pub(crate) fn match_at<'a>(&'a self, words: &[&str]) -> Option<(usize, bool, &'a Cue)> {
        let first = words.first()?;
        let lower;
        let key: &str = if first.bytes().any(|b| b.is_ascii_uppercase()) {
            lower = first.to_ascii_lowercase();
            &lower
        } else {
            first
        };
        let cands = self.index.get(key)?;
        let mut best: Option<(usize, bool, &Cue)> = None;
        for (rest, participle, id) in cands {
            let ok = rest.len() < words.len() && rest.iter().zip(&words[1..]).all(|(a, b)| a.eq_ignore_ascii_case(b));
            let longer = match best {
                None => true,
                Some(b) => b.0 < rest.len() + 1,
            };
            if ok && longer {
                best = Some((rest.len() + 1, *participle, &self.entries[*id]));
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_vocabulary_parses_and_matches_multiword_forms() {
        let cues = Cues::builtin().unwrap();
        assert!(cues.len() > 50);
        let (n, part, cue) = cues.match_at(&["According", "to", "Xinhua"]).unwrap();
        assert_eq!((n, part, cue.source_after), (2, false, true));
        let (n, part, cue) = cues.match_at(&["adding", "that"]).unwrap();
        assert_eq!((n, part, cue.lemma.as_str()), (1, true, "add"));
        assert!(cues.match_at(&["according"]).is_none());
    }

    #[test]
    fn rejects_entries_without_a_reason() {
        let err = Cues::parse("say said | indirect |\n").unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
    }
}
