//! Clause analyses over the committed tagger and chunker, on sentences written for these tests.

#![allow(clippy::unwrap_used)]

use newsgraph_syntax::{analyze_words, ModalityKind, Models, SentenceSyntax};

fn analyze(text: &str) -> SentenceSyntax {
    let models = Models::load_default().unwrap();
    let seg = newsgraph_text::segment(text);
    let words: Vec<&str> = seg.tokens.iter().map(|t| &text[t.span.start..t.span.end]).collect();
    analyze_words(&models, &words)
}

fn words(s: &SentenceSyntax, r: (usize, usize)) -> String {
    s.words[r.0..r.1].join(" ")
}

fn pred<'a>(s: &'a SentenceSyntax, head: &str) -> &'a newsgraph_syntax::Predicate {
    s.predicates
        .iter()
        .find(|p| s.words[p.head] == head)
        .unwrap_or_else(|| panic!("no predicate headed by {head}: {:#?}", s.predicates))
}

#[test]
fn subject_verb_and_object_clause() {
    let s = analyze("The United States accused a Chinese state-owned company of stealing trade secrets.");
    let p = pred(&s, "accused");
    assert_eq!(words(&s, p.subject.unwrap()), "The United States");
    assert!(!p.negated && !p.passive && p.modality.is_empty());
}

#[test]
fn passive_with_by_agent() {
    let s = analyze("Fujian Jinhua and United Microelectronics were indicted by a federal grand jury on Thursday.");
    let p = pred(&s, "indicted");
    assert!(p.passive);
    assert_eq!(
        words(&s, p.subject.unwrap()),
        "Fujian Jinhua and United Microelectronics"
    );
    assert_eq!(words(&s, p.agent.unwrap()), "a federal grand jury");
}

#[test]
fn negation_forms() {
    for (text, head) in [
        ("China did not retaliate against the measures.", "retaliate"),
        ("The talks have never resumed since then.", "resumed"),
        ("Beijing won't negotiate under threat.", "negotiate"),
        ("The company is no longer supplying the plant.", "supplying"),
    ] {
        let s = analyze(text);
        assert!(pred(&s, head).negated, "{text}: {:#?}", s.predicates);
    }
    let s = analyze("China retaliated against the measures.");
    assert!(!pred(&s, "retaliated").negated);
}

#[test]
fn modality_cues() {
    for (text, head, kind) in [
        (
            "Trump wants to reach a deal with China.",
            "reach",
            ModalityKind::Intention,
        ),
        (
            "Washington is threatening to impose more tariffs.",
            "impose",
            ModalityKind::Threat,
        ),
        (
            "The two sides may meet in Buenos Aires.",
            "meet",
            ModalityKind::Possibility,
        ),
        (
            "Arnor is about to restore full diplomatic ties with Gondor.",
            "restore",
            ModalityKind::Future,
        ),
    ] {
        let s = analyze(text);
        let p = pred(&s, head);
        assert!(p.modality.iter().any(|m| m.kind == kind), "{text}: {:#?}", p);
    }
}

#[test]
fn reported_speech_both_orders() {
    let s = analyze("The Justice Department said the company stole designs from Micron.");
    let said = s.predicates.iter().position(|p| s.words[p.head] == "said").unwrap();
    let stole = pred(&s, "stole");
    assert!(s.predicates[said].reporting);
    assert_eq!(stole.reported_by, Some(said));
    assert_eq!(words(&s, stole.subject.unwrap()), "the company");

    let s = analyze("Arnor signed an accord with Gondor, a senior official said.");
    let said = s.predicates.iter().position(|p| s.words[p.head] == "said").unwrap();
    assert_eq!(pred(&s, "signed").reported_by, Some(said));
}

#[test]
fn coordinated_verbs_share_the_subject() {
    let s = analyze("The government condemned the attack and promised aid to the villages.");
    let p = pred(&s, "promised");
    assert_eq!(words(&s, p.subject.unwrap()), "The government");
}

#[test]
fn time_expression_between_subject_and_verb() {
    let s = analyze("The U.S. on Thursday accused a Chinese company of stealing secrets.");
    assert_eq!(words(&s, pred(&s, "accused").subject.unwrap()), "The U.S.");
}

/// The chunker opens the possessed NP at "'s" ("Taiwan | 's Acme Corp."); the subject used to
/// start at "'s" and lose the possessor and everything coordinated before it.
#[test]
fn possessive_subject_keeps_its_possessor() {
    let s = analyze("Gondor Steel Co. and Rohan's Acme Corp. were fined by the court, the ministry said.");
    let p = pred(&s, "fined");
    assert_eq!(
        words(&s, p.subject.unwrap()),
        "Gondor Steel Co. and Rohan 's Acme Corp."
    );
}

/// A list with a comma before its last "and" is still one subject.
#[test]
fn serial_comma_list_is_one_subject() {
    let s = analyze("Old Spain, the proud Portugal, and the great France signed the treaty.");
    let p = pred(&s, "signed");
    assert_eq!(
        words(&s, p.subject.unwrap()),
        "Old Spain , the proud Portugal , and the great France"
    );
}

/// "agree" after a plural subject is tagged as a noun; it is a verb all the same.
#[test]
fn verb_only_words_head_predicates() {
    let s = analyze("Spain and France agree that the dispute should end.");
    let p = pred(&s, "agree");
    assert_eq!(words(&s, p.subject.unwrap()), "Spain and France");
}
