//! The seed article: all 21 quotations with their speakers (done-when of the quotes issue).
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly on purpose.
mod common;

use newsgraph_core::QuoteKind::{self, Direct, Partial};

/// (start of the quoted words, kind, speaker span text). The “China will continue …” clause
/// follows "adding that", so it is embedded in reported speech: partial.
const EXPECTED: &[(&str, QuoteKind, &str)] = &[
    ("long and very good", Partial, "Trump"),
    ("moving along nicely.", Partial, "Trump"),
    ("frequent, direct communication", Partial, "Chinese state media"),
    ("joint efforts to prepare for", Partial, "Chinese state media"),
    ("Those discussions are moving along nicely,", Direct, "Trump"),
    ("They want to make a deal.", Direct, "he"),
    ("He wants to do it,", Direct, "Trump"),
    ("They all want to do it.", Direct, "Trump"),
    ("very happy", Partial, "Xi"),
    ("great importance to good relations with the president.", Partial, "Xi"),
    ("adversely affected", Partial, "Xi"),
    ("China does not want to see this.", Direct, "Xi"),
    ("a good discussion on North Korea.", Partial, "Trump"),
    ("undergone positive changes.", Partial, "Xi"),
    ("It is hoped that the United States", Direct, "he"),
    ("China will continue to play a constructive role.", Partial, "he"),
    ("let the private economy create vitality,", Partial, "Xi"),
    ("decisive role", Partial, "Communist leaders"),
    ("reduce the burden of corporate taxes and fees,", Partial, "Xi"),
    ("create a level playing field", Partial, "Xi"),
    ("aggressively", Partial, "Kudlow"),
];

#[test]
fn seed_article_has_all_21_quotations_with_speakers() {
    let d = common::seed_doc();
    let marked: Vec<_> = d.quotes.iter().filter(|q| q.kind != QuoteKind::Indirect).collect();
    let got: Vec<(String, QuoteKind, String)> = marked
        .iter()
        .map(|q| {
            let sp = q.speaker.as_ref().map_or("", |s| d.slice(s.span));
            (d.slice(q.span).to_string(), q.kind, sp.to_string())
        })
        .collect();
    assert_eq!(got.len(), EXPECTED.len(), "{got:#?}");
    for ((text, kind, speaker), (want_text, want_kind, want_speaker)) in got.iter().zip(EXPECTED) {
        assert!(text.starts_with(want_text), "{text:?} vs {want_text:?}");
        assert_eq!(kind, want_kind, "{text}");
        assert_eq!(speaker, want_speaker, "{text}");
    }
    assert_eq!(got.iter().filter(|g| g.1 == Direct).count(), 6);
    assert_eq!(got.iter().filter(|g| g.1 == Partial).count(), 15);
}

#[test]
fn seed_article_indirect_speech_and_unnamed_sources() {
    let d = common::seed_doc();
    let indirect: Vec<(String, String, String)> = d
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Indirect)
        .map(|q| {
            (
                d.slice(q.span).to_string(),
                q.speaker
                    .as_ref()
                    .map_or(String::new(), |s| d.slice(s.span).to_string()),
                q.cue.map_or(String::new(), |c| d.slice(c).to_string()),
            )
        })
        .collect();
    let has = |start: &str, speaker: &str, cue: &str| {
        indirect
            .iter()
            .any(|(t, s, c)| t.starts_with(start) && s == speaker && c == cue)
    };
    assert!(
        has(
            "U.S. President Donald Trump wants",
            "four people familiar with the matter",
            "according to"
        ),
        "{indirect:#?}"
    );
    assert!(
        has("The push for a possible deal", "the people", "said"),
        "{indirect:#?}"
    );
    assert!(
        has("Trump asked key Cabinet secretaries", "the people", "said"),
        "{indirect:#?}"
    );
    assert!(
        has("multiple agencies are involved", "the people", "adding"),
        "{indirect:#?}"
    );
    assert!(
        has("the situation on the Korean Peninsula", "Xi", "said"),
        "{indirect:#?}"
    );
    assert!(
        has("a sticking point in any potential deal", "One person", "said"),
        "{indirect:#?}"
    );
    assert!(
        has("they have focused on building up", "reform advocates", "say"),
        "{indirect:#?}"
    );
    assert!(
        has("Trump would “aggressively” pursue", "Kudlow", "cautioned"),
        "{indirect:#?}"
    );
}
