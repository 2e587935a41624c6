//! End-to-end on the seed article with hand-listed raw NER mentions (what a good NER writes),
//! segmented both by this crate's test splitter and by `newsgraph_text::segment`.
#![allow(clippy::unwrap_used)]
mod common;
use common::*;
use newsgraph_core::EntityType::{self, Location, Nationality, Organization, Person};
use newsgraph_core::{Component, Doc, MentionKind};

fn with_text_crate() -> Doc {
    let text = seed_text();
    let seg = newsgraph_text::segment(&text);
    let mut doc = Doc::new(newsgraph_core::Article::new(
        text,
        chrono::NaiveDate::from_ymd_opt(2018, 11, 2).unwrap(),
    ));
    doc.paragraphs = seg.paragraphs;
    doc.sentences = seg.sentences;
    doc.tokens = seg.tokens;
    doc.token_sentence = seg.token_sentence;
    tag(&mut doc, SEED_NER);
    newsgraph_entities::EntitiesComponent::new()
        .unwrap()
        .process(&mut doc)
        .unwrap();
    doc
}

/// Checks the goal of the brief: each thing once, typed and linked, with pronouns and nominals
/// on the right people.
fn check(doc: &Doc) {
    let one = |name: &str, etype: EntityType| {
        let e = entity(doc, name);
        assert_eq!(e.etype, etype, "{name}");
        e
    };
    // Each of these is one entity: no other entity has a name mention with the same text.
    for (name, etype, shorts) in [
        ("Donald Trump", Person, &["Trump"][..]),
        ("Xi Jinping", Person, &["Xi"]),
        ("Kim Jong Un", Person, &[]),
        ("Larry Kudlow", Person, &["Kudlow"]),
        ("Xinhua News Agency", Organization, &["Xinhua"]),
        ("Micron Technology Inc.", Organization, &[]),
        ("Fujian Jinhua Integrated Circuit Co.", Organization, &[]),
        ("United Microelectronics Corp.", Organization, &[]),
        ("Justice Department", Organization, &[]),
        ("United Nations", Organization, &[]),
        ("China", Location, &[]),
        ("United States", Location, &["U.S.", "America"]),
        ("Argentina", Location, &[]),
        ("North Korea", Location, &[]),
        ("Taiwan", Location, &[]),
        ("Columbia, Missouri", Location, &[]),
    ] {
        let e = one(name, etype);
        let names = mentions(doc, e, MentionKind::Name);
        for s in shorts {
            assert!(names.iter().any(|n| n == s), "{name} lacks short form {s}: {names:?}");
        }
        for other in doc.entities.iter().filter(|o| o.id != e.id) {
            for n in mentions(doc, other, MentionKind::Name) {
                assert!(!names.contains(&n), "`{n}` is in both {name} and {}", other.name);
            }
        }
    }
    let link = |name: &str| {
        entity(doc, name)
            .link
            .clone()
            .unwrap_or_else(|| panic!("{name} unlinked"))
    };
    for (name, kind, country) in [
        ("China", "country", "CN"),
        ("United States", "country", "US"),
        ("Argentina", "country", "AR"),
        ("North Korea", "country", "KP"),
        ("Taiwan", "country", "TW"),
        ("Columbia, Missouri", "city", "US"),
        ("Beijing", "city", "CN"),
        ("Washington", "city", "US"),
        ("Chinese", "country", "CN"),
        ("North Korean", "country", "KP"),
    ] {
        let l = link(name);
        assert_eq!((l.kind.as_str(), l.country.as_deref()), (kind, Some(country)), "{name}");
    }
    assert_eq!(link("Columbia, Missouri").geonames_id, Some(4381982));
    assert_eq!(link("United Nations").kind, "organization");
    assert_eq!(entity(doc, "Chinese").etype, Nationality);

    let trump = entity(doc, "Donald Trump");
    let xi = entity(doc, "Xi Jinping");
    let titles = |e: &newsgraph_core::Entity| e.titles.iter().map(|t| doc.slice(*t).to_string()).collect::<Vec<_>>();
    assert_eq!(titles(trump), ["U.S. President"]);
    assert_eq!(titles(xi), ["Chinese President"]);
    assert_eq!(titles(entity(doc, "Kim Jong Un")), ["North Korean leader"]);
    assert_eq!(titles(entity(doc, "Larry Kudlow")), ["White House economic adviser"]);
    assert_eq!(
        mentions(doc, trump, MentionKind::Nominal),
        ["the president", "the president", "The U.S. president"]
    );
    assert!(mentions(doc, xi, MentionKind::Nominal).is_empty());

    let text = doc.text();
    let pronoun_owner = |needle: &str, offset: usize| {
        let at = text.find(needle).unwrap() + offset;
        doc.entities
            .iter()
            .find(|e| {
                e.mentions
                    .iter()
                    .any(|m| m.kind == MentionKind::Pronoun && m.span.start == at)
            })
            .map(|e| e.name.as_str())
    };
    assert_eq!(pronoun_owner("he said, “They want", 0), Some("Donald Trump"));
    assert_eq!(pronoun_owner("“He wants to do it", 3), Some("Xi Jinping"));
    assert_eq!(pronoun_owner("he was “very happy", 0), Some("Xi Jinping"));
    assert_eq!(pronoun_owner("he and Xi had", 0), Some("Donald Trump"));
    assert_eq!(pronoun_owner("he prepares for a second", 0), Some("Donald Trump"));
    assert_eq!(pronoun_owner("he said, adding", 0), Some("Xi Jinping"));
    assert_eq!(pronoun_owner("his mind", 0), Some("Donald Trump"));
    assert_eq!(pronoun_owner("his agenda", 0), Some("Donald Trump"));

    let metonyms = newsgraph_entities::metonyms(doc).unwrap();
    let at = |needle: &str| text.find(needle).unwrap();
    for needle in ["Beijing is dragging", "Beijing is open", "Washington and Beijing"] {
        assert!(
            metonyms.iter().any(|m| m.span.start == at(needle)),
            "{needle}: {metonyms:?}"
        );
    }
    // "In Beijing that was seen as an insult": a place, not an actor.
    assert!(
        !metonyms.iter().any(|m| m.span.start == at("In Beijing that") + 3),
        "{metonyms:?}"
    );
}

#[test]
fn seed_article_with_test_splitter() {
    let doc = run(&seed_text(), SEED_NER);
    check(&doc);
    insta::assert_json_snapshot!("seed_summary", summary(&doc));
}

#[test]
fn seed_article_with_text_crate_segmentation() {
    let doc = with_text_crate();
    check(&doc);
}
