//! One fixture per quotation pattern, false friend and robustness case.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly on purpose.
mod common;

use newsgraph_core::{Entity, EntityType, Mention, MentionKind, QuoteKind, Span};
use newsgraph_quotes::QuotesComponent;

/// (quoted text, kind, speaker text or "-", cue text or "-") for each quote of `text`.
fn quotes(text: &str) -> Vec<(String, QuoteKind, String, String)> {
    let d = common::doc(text);
    d.quotes
        .iter()
        .map(|q| {
            (
                d.slice(q.span).to_string(),
                q.kind,
                q.speaker
                    .as_ref()
                    .map_or("-".to_string(), |s| d.slice(s.span).to_string()),
                q.cue.map_or("-".to_string(), |c| d.slice(c).to_string()),
            )
        })
        .collect()
}

fn marked(text: &str) -> Vec<(String, QuoteKind, String, String)> {
    quotes(text)
        .into_iter()
        .filter(|q| q.1 != QuoteKind::Indirect)
        .collect()
}

fn q(text: &str, kind: QuoteKind, speaker: &str, cue: &str) -> (String, QuoteKind, String, String) {
    (text.to_string(), kind, speaker.to_string(), cue.to_string())
}

use QuoteKind::{Direct, Indirect, Partial};

#[test]
fn cue_after_the_quote() {
    assert_eq!(
        marked("“We will win,” Smith said."),
        [q("We will win,", Direct, "Smith", "said")]
    );
}

#[test]
fn inverted_cue_with_title_and_appositive() {
    assert_eq!(
        marked("“We will win,” said Sen. Jane Smith, a Democrat from Ohio."),
        [q("We will win,", Direct, "Sen. Jane Smith", "said")]
    );
}

#[test]
fn cue_before_with_colon() {
    assert_eq!(
        marked("Smith said: “We will win.”"),
        [q("We will win.", Direct, "Smith", "said")]
    );
}

#[test]
fn cue_inside_a_split_quote() {
    assert_eq!(
        marked("“We will,” Smith said, “win this.”"),
        [
            q("We will,", Direct, "Smith", "said"),
            q("win this.", Partial, "Smith", "said")
        ]
    );
}

#[test]
fn quote_continued_in_the_next_sentence_keeps_the_speaker() {
    assert_eq!(
        marked("“We will win,” Smith said. “Nobody can stop us.”"),
        [
            q("We will win,", Direct, "Smith", "said"),
            q("Nobody can stop us.", Direct, "Smith", "-")
        ]
    );
}

#[test]
fn quote_over_two_paragraphs() {
    let text = "“We have a plan for the economy and we will carry it out.\n\n“Nobody can stop us now,” Smith said.";
    assert_eq!(
        marked(text),
        [
            q(
                "We have a plan for the economy and we will carry it out.",
                Direct,
                "Smith",
                "said"
            ),
            q("Nobody can stop us now,", Direct, "Smith", "said")
        ]
    );
}

#[test]
fn speaker_in_the_previous_paragraph_after_a_colon() {
    assert_eq!(
        marked("Caddell continued:\n\n“This is in their heads.”"),
        [q("This is in their heads.", Direct, "Caddell", "continued")]
    );
}

#[test]
fn partial_quote_in_reported_speech() {
    assert_eq!(
        marked("Xi said he was “very happy” to talk."),
        [q("very happy", Partial, "Xi", "said")]
    );
}

#[test]
fn partial_quote_with_the_cue_at_the_end() {
    assert_eq!(
        marked("Disagreements have “adversely affected” industries, Xi said."),
        [q("adversely affected", Partial, "Xi", "said")]
    );
}

#[test]
fn pronoun_speaker_and_coordinated_cue() {
    assert_eq!(
        marked("Afterward, Trump described the call as “long and very good” and said talks were “moving along.”"),
        [
            q("long and very good", Partial, "Trump", "described"),
            q("moving along.", Partial, "Trump", "said")
        ]
    );
    assert_eq!(
        marked("At a rally, he said, “They want a deal.”"),
        [q("They want a deal.", Direct, "he", "said")]
    );
}

#[test]
fn participle_cue_takes_the_speaker_of_its_clause() {
    assert_eq!(
        marked("“It is hoped,” he said, adding that “China will continue.”"),
        [
            q("It is hoped,", Direct, "he", "said"),
            q("China will continue.", Partial, "he", "adding")
        ]
    );
}

#[test]
fn unnamed_sources_are_kept_as_spans() {
    let got = quotes("The plan is ready, according to two people familiar with the talks.");
    assert_eq!(
        got,
        [q(
            "The plan is ready",
            Indirect,
            "two people familiar with the talks",
            "according to"
        )]
    );
    let got = quotes("Officials are drafting terms, one person said.");
    assert_eq!(got, [q("Officials are drafting terms", Indirect, "one person", "said")]);
}

#[test]
fn indirect_speech_after_the_cue() {
    let got = quotes("Xi said the situation on the peninsula has changed.");
    assert_eq!(
        got,
        [q("the situation on the peninsula has changed", Indirect, "Xi", "said")]
    );
}

#[test]
fn dash_attribution() {
    assert_eq!(
        marked("“Great speech, truly.” ― Maria Lopez"),
        [q("Great speech, truly.", Direct, "Maria Lopez", "―")]
    );
}

#[test]
fn straight_marks() {
    assert_eq!(
        marked("\"We will win,\" Smith said."),
        [q("We will win,", Direct, "Smith", "said")]
    );
}

#[test]
fn nested_single_quotes_stay_inside() {
    assert_eq!(
        marked("“He told me ‘never again,’ and I believed him,” Jones said."),
        [q(
            "He told me ‘never again,’ and I believed him,",
            Direct,
            "Jones",
            "said"
        )]
    );
}

#[test]
fn scare_quotes_are_not_quotations() {
    assert!(marked("The so-called “deal” fell apart on Friday.").is_empty());
}

#[test]
fn scare_quote_with_a_speaker_is_a_partial_quote() {
    assert_eq!(
        marked("Communist leaders promised in 2013 to give market forces the “decisive role” in the economy."),
        [q("decisive role", Partial, "Communist leaders", "promised")]
    );
}

#[test]
fn titles_and_nicknames_are_not_quotations() {
    assert!(marked("She starred in the film “The Long Road Home” last year.").is_empty());
    assert!(marked("Pence said on CNN's \"State of the Union\" that he was ready.").is_empty());
    assert!(marked("Rep. Robert C. \"Bobby\" Scott opened his home.").is_empty());
    assert!(marked("He wrote a book titled “Art of the Deal” in 1987.").is_empty());
}

#[test]
fn unbalanced_marks_warn_and_do_not_crash() {
    let c = QuotesComponent::new().unwrap();
    let d = common::doc("“We will win, Smith said.\n\nThe vote is on Friday.");
    let ex = c.extract(&d);
    assert!(
        ex.warnings.iter().any(|w| w.message.contains("not closed")),
        "{:?}",
        ex.warnings
    );
    let d = common::doc("Smith said ” nothing more.");
    let ex = c.extract(&d);
    assert!(
        ex.warnings.iter().any(|w| w.message.contains("without an opening")),
        "{:?}",
        ex.warnings
    );
}

#[test]
fn speaker_resolves_to_the_entity_of_an_overlapping_mention() {
    let text = "Donald Trump spoke in Ohio. At a rally, he said, “They want a deal.”";
    let mut d = common::doc(text);
    let he = text.find("he said").unwrap();
    d.entities.push(Entity {
        id: "E1".into(),
        name: "Donald Trump".into(),
        etype: EntityType::Person,
        mentions: vec![
            Mention {
                span: Span::new(0, 12),
                kind: MentionKind::Name,
            },
            Mention {
                span: Span::new(he, he + 2),
                kind: MentionKind::Pronoun,
            },
        ],
        link: None,
        titles: vec![],
    });
    let ex = QuotesComponent::new().unwrap().extract(&d);
    let sp = ex.quotes[0].speaker.as_ref().unwrap();
    assert_eq!(d.slice(sp.span), "he");
    assert_eq!(sp.entity.as_deref(), Some("E1"));
}

#[test]
fn a_nationality_modifying_the_speaker_is_not_the_speaker() {
    // Regression: "Chinese state media saying …" resolved the quote to the nationality "Chinese".
    let text = "Chinese state media said Trump supported “frequent, direct communication” between them.";
    let mut d = common::doc(text);
    d.entities.push(Entity {
        id: "E1".into(),
        name: "Chinese".into(),
        etype: EntityType::Nationality,
        mentions: vec![Mention {
            span: Span::new(0, 7),
            kind: MentionKind::Name,
        }],
        link: None,
        titles: vec![],
    });
    let ex = QuotesComponent::new().unwrap().extract(&d);
    let partial = ex.quotes.iter().find(|q| q.kind == Partial).unwrap();
    let sp = partial.speaker.as_ref().unwrap();
    assert_eq!(d.slice(sp.span), "Chinese state media");
    assert_eq!(sp.entity, None);
}

/// Generated strings of quote marks, words and punctuation: nothing panics and every span is a
/// valid slice of the text.
#[test]
fn generated_texts_never_panic() {
    const PIECES: &[&str] = &[
        "“",
        "”",
        "\"",
        "‘",
        "’",
        "'",
        " ",
        "\n\n",
        "\n",
        ".",
        ",",
        ":",
        "—",
        "―",
        "(",
        ")",
        "said",
        "Smith",
        "he",
        "according to",
        "the people",
        "é",
        "日本",
        "“”",
        "said,",
        "Xi’s",
        "=",
        "<tweet a=\"",
        "U.S.",
        "adding that",
        "?",
        "!",
        "told",
        "who",
        "and",
        "to",
        "$250",
        "",
    ];
    let c = QuotesComponent::new().unwrap();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..3000 {
        let mut text = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let n = (seed % 40) as usize;
        for _ in 0..n {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            if seed & 3 == 0 {
                text.push(' ');
            }
        }
        let d = common::doc(&text);
        let ex = c.extract(&d);
        for quote in &ex.quotes {
            assert!(
                text.get(quote.span.start..quote.span.end).is_some(),
                "{text:?} {quote:?}"
            );
            if let Some(sp) = &quote.speaker {
                assert!(text.get(sp.span.start..sp.span.end).is_some(), "{text:?}");
            }
        }
    }
}
