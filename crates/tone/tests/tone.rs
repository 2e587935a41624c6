//! Tone on short texts with known polarity, and agreement with the reference VADER.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly on purpose.

use newsgraph_core::{Article, Component, Doc, Span};
use newsgraph_tone::{compound, ToneComponent};

/// Compound scores from the reference implementation (vaderSentiment 3.3.2,
/// `SentimentIntensityAnalyzer().polarity_scores(text)["compound"]`, rounded to 4 places).
const REFERENCE: &[(&str, f64)] = &[
    ("The talks were very good.", 0.4927),
    ("The talks were not good.", -0.3412),
    ("The food is GREAT, but the service was terrible!", -0.3665),
    ("He is never so happy.", 0.7702),
    ("It was the least bad option.", 0.431),
    ("Xi said he was very happy to talk to Trump again.", 0.6115),
    ("Disagreements on trade have adversely affected industries.", -0.6369),
    ("The deal is kind of good.", 0.3832),
    ("No problem at all.", 0.3089),
    ("Not bad at all!!", 0.5321),
    ("What a horrible, awful day???", -0.7929),
    ("It was okay.", 0.2263),
    ("At least the weather was nice.", 0.4215),
];

#[test]
fn compound_matches_reference_vader() {
    for (text, want) in REFERENCE {
        let got = compound(text);
        assert!((got - want).abs() < 1e-3, "{text}: got {got}, want {want}");
    }
}

#[test]
fn negation_intensifiers_and_contrast() {
    assert!(compound("good") > 0.0);
    assert!(compound("not good") < 0.0);
    assert!(compound("very good") > compound("good"));
    assert!(compound("slightly good") < compound("good"));
    // After "but" the second clause dominates.
    assert!(compound("The plan is good but the outcome was a disaster.") < 0.0);
    assert!(compound("The plan is bad but the outcome was wonderful.") > 0.0);
    assert_eq!(compound(""), 0.0);
    assert_eq!(compound("The meeting is on Thursday."), 0.0);
}

fn doc(text: &str) -> Doc {
    let mut d = Doc::new(Article::new(
        text,
        chrono::NaiveDate::from_ymd_opt(2018, 11, 2).unwrap(),
    ));
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        d.sentences.push(Span::new(start, i + 1));
        start = i + 2;
    }
    d.sentences.push(Span::new(start, text.len()));
    d
}

#[test]
fn gdelt_fields_are_percentages_of_words() {
    let mut d = doc("We love this great deal. They attacked the terrible plan.");
    ToneComponent::new().unwrap().process(&mut d).unwrap();
    let t = d.tone.unwrap();
    assert_eq!(t.word_count, 10);
    // positive: love, great; negative: attacked, terrible (VADER scores "attacked" negative)
    assert!((t.positive - 20.0).abs() < 1e-9, "{t:?}");
    assert!((t.negative - 20.0).abs() < 1e-9, "{t:?}");
    assert!((t.tone - (t.positive - t.negative)).abs() < 1e-9);
    assert!((t.polarity - (t.positive + t.negative)).abs() < 1e-9);
    // pronouns: We, They; active: attacked, deal
    assert!((t.self_group_density - 20.0).abs() < 1e-9, "{t:?}");
    assert!((t.activity_density - 20.0).abs() < 1e-9, "{t:?}");
    assert_eq!(t.sentences.len(), 2);
    assert!(t.sentences[0] > 0.5 && t.sentences[1] < -0.3, "{t:?}");
    assert!((t.compound - (t.sentences[0] + t.sentences[1]) / 2.0).abs() < 1e-12);
}

#[test]
fn seed_article_tone_is_mildly_positive_talk_of_deals() {
    let shared = std::env::var_os("NEWSGRAPH_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into());
    let raw = std::fs::read_to_string(shared.join("seed/article.txt")).expect("seed article");
    let text = raw.trim_start().strip_prefix("date 2018-11-02 ").expect("seed header");
    let mut d = doc(text);
    ToneComponent::new().unwrap().process(&mut d).unwrap();
    let t = d.tone.unwrap();
    assert!(t.word_count > 900 && t.word_count < 1100, "{t:?}");
    assert!(t.positive > 1.0 && t.negative > 1.0, "{t:?}");
    assert!(t.compound.abs() < 0.5, "{t:?}");
    assert_eq!(t.sentences.len(), d.sentences.len());
}

/// Generated strings: nothing panics, scores stay in range.
#[test]
fn generated_texts_never_panic() {
    const PIECES: &[&str] = &[
        "good", "bad", "not", "very", "but", "!", "?", "GREAT", ":)", "no", "least", "at", "kind", "of", " ", "’", "“",
        "é", "日本", "never", "so", "without", "doubt", ".", "\n", "",
    ];
    let mut seed: u64 = 0x1234_5678_9abc_def1;
    for _ in 0..5000 {
        let mut text = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        for _ in 0..(seed % 25) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            if seed & 1 == 0 {
                text.push(' ');
            }
        }
        let c = compound(&text);
        assert!((-1.0..=1.0).contains(&c), "{text:?} {c}");
    }
}
