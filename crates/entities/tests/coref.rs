//! Coreference rules: short forms, acronyms, same-link places, titles, nominals, pronouns.
#![allow(clippy::unwrap_used)]
mod common;
use common::*;
use newsgraph_core::EntityType::{Location, Misc, Organization, Person};
use newsgraph_core::MentionKind::{Name, Nominal, Pronoun};

#[test]
fn person_short_forms_join_the_full_name() {
    let doc = run(
        "Donald Trump met Xi Jinping and Larry Kudlow. Trump and Xi spoke. Kudlow agreed.",
        &[
            ("Donald Trump", Person),
            ("Trump", Person),
            ("Xi Jinping", Person),
            ("Xi", Person),
            ("Larry Kudlow", Person),
            ("Kudlow", Person),
        ],
    );
    assert_eq!(doc.entities.len(), 3, "{:#?}", summary(&doc));
    for (name, short) in [
        ("Donald Trump", "Trump"),
        ("Xi Jinping", "Xi"),
        ("Larry Kudlow", "Kudlow"),
    ] {
        assert_eq!(mentions(&doc, entity(&doc, name), Name), [name, short]);
    }
}

#[test]
fn a_short_form_before_the_full_name_still_joins() {
    let doc = run(
        "Xi spoke first. Later Xi Jinping left.",
        &[("Xi Jinping", Person), ("Xi", Person)],
    );
    assert_eq!(doc.entities.len(), 1);
    assert_eq!(doc.entities[0].name, "Xi Jinping");
}

#[test]
fn different_first_names_stay_different_people() {
    let doc = run(
        "Donald Trump and Ivanka Trump arrived.",
        &[("Donald Trump", Person), ("Ivanka Trump", Person)],
    );
    assert_eq!(doc.entities.len(), 2);
}

#[test]
fn person_tagged_as_organization_joins_the_person() {
    // Regression: "Trump" in "the Trump administration" tagged ORGANIZATION by the NER.
    let doc = run(
        "Donald Trump spoke. The Trump administration acted.",
        &[("Donald Trump", Person), ("Trump", Organization)],
    );
    assert_eq!(doc.entities.len(), 1, "{:#?}", summary(&doc));
    assert_eq!(doc.entities[0].etype, Person);
}

#[test]
fn organization_prefixes_join_the_full_name() {
    let doc = run(
        "Xinhua News Agency reported it. Micron Technology Inc. sued. Xinhua said Micron lost.",
        &[
            ("Xinhua News Agency", Organization),
            ("Xinhua", Organization),
            ("Micron Technology Inc.", Organization),
            ("Micron", Organization),
        ],
    );
    assert_eq!(doc.entities.len(), 2, "{:#?}", summary(&doc));
    assert_eq!(
        mentions(&doc, entity(&doc, "Micron Technology Inc."), Name),
        ["Micron Technology Inc.", "Micron"]
    );
    assert_eq!(
        mentions(&doc, entity(&doc, "Xinhua News Agency"), Name),
        ["Xinhua News Agency", "Xinhua"]
    );
}

#[test]
fn generic_one_word_prefix_does_not_join() {
    let doc = run(
        "National Australia Bank rose. National fell.",
        &[("National Australia Bank", Organization), ("National", Organization)],
    );
    assert_eq!(doc.entities.len(), 2);
}

#[test]
fn acronyms_join_their_expansion_either_way() {
    let doc = run(
        "United Microelectronics Corp. was indicted. UMC denied it.",
        &[("United Microelectronics Corp.", Organization), ("UMC", Organization)],
    );
    assert_eq!(doc.entities.len(), 1, "{:#?}", summary(&doc));
    assert_eq!(doc.entities[0].name, "United Microelectronics Corp.");
    let doc = run(
        "UMC denied it. United Microelectronics Corp. was indicted.",
        &[("United Microelectronics Corp.", Organization), ("UMC", Organization)],
    );
    assert_eq!(doc.entities.len(), 1, "{:#?}", summary(&doc));
}

#[test]
fn places_with_one_link_are_one_entity() {
    let doc = run(
        "The U.S. acted. The United States and America agree.",
        &[("U.S.", Location), ("United States", Location), ("America", Location)],
    );
    assert_eq!(doc.entities.len(), 1);
    assert_eq!(doc.entities[0].name, "United States");
    assert_eq!(doc.entities[0].mentions.len(), 3);
}

#[test]
fn titles_before_names_are_recorded_not_named() {
    let doc = run(
        "U.S. President Donald Trump met Chinese President Xi Jinping. White House economic adviser Larry Kudlow and North Korean leader Kim Jong Un watched.",
        &[("U.S.", Location), ("Donald Trump", Person), ("Chinese", Misc), ("Xi Jinping", Person), ("White House", Organization), ("Larry Kudlow", Person), ("North Korean", Misc), ("Kim Jong Un", Person)],
    );
    for (name, title) in [
        ("Donald Trump", "U.S. President"),
        ("Xi Jinping", "Chinese President"),
        ("Larry Kudlow", "White House economic adviser"),
        ("Kim Jong Un", "North Korean leader"),
    ] {
        let e = entity(&doc, name);
        let titles: Vec<&str> = e.titles.iter().map(|t| doc.slice(*t)).collect();
        assert_eq!(titles, [title], "{name}");
    }
}

#[test]
fn title_inside_the_ner_span_is_stripped() {
    let doc = run(
        "Yesterday President Donald Trump’s aides left.",
        &[("President Donald Trump’s", Person)],
    );
    let e = &doc.entities[0];
    assert_eq!(e.name, "Donald Trump");
    assert_eq!(doc.slice(e.titles[0]), "President");
}

#[test]
fn determiners_and_possessives_leave_name_spans() {
    let doc = run(
        "The Justice Department’s case grew.",
        &[("The Justice Department’s", Organization)],
    );
    assert_eq!(doc.entities[0].name, "Justice Department");
}

#[test]
fn appositive_titles_after_names() {
    let doc = run(
        "Larry Kudlow, the White House economic adviser, said talks continue.",
        &[("Larry Kudlow", Person), ("White House", Organization)],
    );
    let e = entity(&doc, "Larry Kudlow");
    assert_eq!(doc.slice(e.titles[0]), "White House economic adviser");
}

#[test]
fn the_president_skips_the_person_named_in_the_same_sentence() {
    let text = "U.S. President Donald Trump wants a deal with Chinese President Xi Jinping. \
                The push was prompted by the president’s call with Xi on Thursday.";
    let doc = run(
        text,
        &[
            ("U.S.", Location),
            ("Donald Trump", Person),
            ("Chinese", Misc),
            ("Xi Jinping", Person),
            ("Xi", Person),
        ],
    );
    assert_eq!(mentions(&doc, entity(&doc, "Donald Trump"), Nominal), ["the president"]);
    assert!(mentions(&doc, entity(&doc, "Xi Jinping"), Nominal).is_empty());
}

#[test]
fn nationality_in_a_nominal_selects_the_person() {
    let text = "U.S. President Donald Trump called Chinese President Xi Jinping. \
                Aides said the Chinese president was pleased. The U.S. president was too.";
    let doc = run(
        text,
        &[
            ("U.S.", Location),
            ("Donald Trump", Person),
            ("Chinese", Misc),
            ("Xi Jinping", Person),
        ],
    );
    assert_eq!(
        mentions(&doc, entity(&doc, "Xi Jinping"), Nominal),
        ["the Chinese president"]
    );
    assert_eq!(
        mentions(&doc, entity(&doc, "Donald Trump"), Nominal),
        ["The U.S. president"]
    );
}

#[test]
fn the_official_is_not_a_nominal() {
    // `role` words form titles but never nominals: "the official" is usually someone new.
    let doc = run(
        "Trade official Bob Smith spoke. Later the official left.",
        &[("Bob Smith", Person)],
    );
    assert!(mentions(&doc, &doc.entities[0], Nominal).is_empty());
}

#[test]
fn pronoun_after_a_quote_goes_to_the_previous_speaker() {
    let text = "“Those discussions are moving along nicely,” Trump wrote on Twitter on Thursday. \
                At a campaign rally in Columbia, Missouri, Thursday night, he said, “They want to make a deal.”";
    let doc = run(
        text,
        &[
            ("Trump", Person),
            ("Twitter", Organization),
            ("Columbia", Location),
            ("Missouri", Location),
        ],
    );
    assert_eq!(mentions(&doc, entity(&doc, "Trump"), Pronoun), ["he"]);
}

#[test]
fn third_person_pronoun_inside_a_quote_is_not_the_speaker() {
    let text = "Trump spoke with Xi. “He wants to do it,” Trump said of Xi.";
    let doc = run(text, &[("Trump", Person), ("Xi", Person)]);
    assert!(
        mentions(&doc, entity(&doc, "Trump"), Pronoun).is_empty(),
        "{:#?}",
        summary(&doc)
    );
    assert_eq!(mentions(&doc, entity(&doc, "Xi"), Pronoun), ["He"]);
}

#[test]
fn quoted_pronoun_without_a_clear_referent_is_left_alone() {
    let text = "Trump met Xi and Kim. “He is tough,” Trump said.";
    let doc = run(text, &[("Trump", Person), ("Xi", Person), ("Kim", Person)]);
    for e in &doc.entities {
        assert!(mentions(&doc, e, Pronoun).is_empty(), "{:#?}", summary(&doc));
    }
}

#[test]
fn pronoun_prefers_the_closest_person_in_its_sentence() {
    let text = "But Kudlow cautioned that Trump would pursue his agenda.";
    let doc = run(text, &[("Kudlow", Person), ("Trump", Person)]);
    assert_eq!(mentions(&doc, entity(&doc, "Trump"), Pronoun), ["his"]);
}

#[test]
fn pronoun_skips_a_person_inside_a_closed_relative_clause() {
    let text = "The move reunites Lentini, who fell out with coach Fabio Capello last season, with his former coach.";
    let doc = run(text, &[("Lentini", Person), ("Fabio Capello", Person)]);
    assert_eq!(mentions(&doc, entity(&doc, "Lentini"), Pronoun), ["his"]);
}

#[test]
fn pronoun_across_sentences_prefers_the_subject() {
    let text = "Xi told Trump the talks went well. He said more would follow.";
    let doc = run(text, &[("Xi", Person), ("Trump", Person)]);
    assert_eq!(mentions(&doc, entity(&doc, "Xi"), Pronoun), ["He"]);
}

#[test]
fn gendered_honorific_rules_out_a_pronoun() {
    let text = "Mr. Smith met Mrs. Jones. She said the talks went well.";
    let doc = run(text, &[("Smith", Person), ("Jones", Person)]);
    assert_eq!(mentions(&doc, entity(&doc, "Jones"), Pronoun), ["She"]);
    assert!(mentions(&doc, entity(&doc, "Smith"), Pronoun).is_empty());
    // An honorific is not a title.
    assert!(entity(&doc, "Smith").titles.is_empty());
}

#[test]
fn pronoun_after_a_nominal_follows_it() {
    // Without the nominal, "he" would go to Xi, the subject of the previous sentence.
    let text = "U.S. President Donald Trump called. Xi said he and Trump had a good talk. \
                The U.S. president wants sanctions, even as he prepares for a summit with Kim Jong Un.";
    let doc = run(
        text,
        &[
            ("U.S.", Location),
            ("Donald Trump", Person),
            ("Trump", Person),
            ("Xi", Person),
            ("Kim Jong Un", Person),
        ],
    );
    assert_eq!(
        mentions(&doc, entity(&doc, "Donald Trump"), Nominal),
        ["The U.S. president"]
    );
    assert_eq!(mentions(&doc, entity(&doc, "Donald Trump"), Pronoun), ["he"]);
    assert_eq!(mentions(&doc, entity(&doc, "Xi"), Pronoun), ["he"]);
    let he2 = entity(&doc, "Donald Trump")
        .mentions
        .iter()
        .find(|m| m.kind == Pronoun)
        .unwrap();
    assert!(he2.span.start > text.find("even").unwrap());
}

#[test]
fn ids_follow_first_mentions_and_mentions_are_sorted() {
    let doc = run(
        "Trump spoke in China. Donald Trump then left China.",
        &[("Donald Trump", Person), ("Trump", Person), ("China", Location)],
    );
    let ids: Vec<(&str, &str)> = doc.entities.iter().map(|e| (e.id.as_str(), e.name.as_str())).collect();
    assert_eq!(ids, [("E1", "Donald Trump"), ("E2", "China")]);
    for e in &doc.entities {
        assert!(e.mentions.windows(2).all(|w| w[0].span.start < w[1].span.start));
    }
    let _ = Organization;
}

#[test]
fn running_twice_gives_the_same_entities() {
    // The component reads only name mentions, so its own output is valid input.
    use newsgraph_core::Component;
    let mut doc = run(
        "U.S. President Donald Trump spoke. Trump said he would go. The U.S. president left.",
        &[("U.S.", Location), ("Donald Trump", Person), ("Trump", Person)],
    );
    let once = doc.entities.clone();
    newsgraph_entities::EntitiesComponent::new()
        .unwrap()
        .process(&mut doc)
        .unwrap();
    assert_eq!(doc.entities, once);
}

#[test]
fn a_custom_gazetteer_file_loads() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/gazetteer.tsv.zst");
    let res = newsgraph_entities::Resources::from_gazetteer_file(std::path::Path::new(path)).unwrap();
    // The index built at run time from the file equals the one build.rs compiled in.
    let embedded = &newsgraph_entities::Resources::embedded().unwrap().gazetteer;
    assert_eq!(res.gazetteer.places(), embedded.places());
    assert_eq!(res.gazetteer.names(), embedded.names());
    for name in ["U.S.", "Columbia", "Washington", "Korean Peninsula", "UN", "Bogotá"] {
        assert_eq!(res.gazetteer.lookup(name), embedded.lookup(name), "{name}");
    }
    assert!(newsgraph_entities::Resources::from_gazetteer_file(std::path::Path::new("/nonexistent")).is_err());
}

#[test]
fn odd_input_does_not_panic() {
    use newsgraph_core::{Component, Entity, Mention, MentionKind, Span};
    let comp = newsgraph_entities::EntitiesComponent::new().unwrap();
    // No tokens at all, but an entity.
    let mut doc = segment("");
    doc.entities.push(Entity {
        id: "E1".into(),
        name: "X".into(),
        etype: Person,
        mentions: vec![Mention {
            span: Span::new(0, 5),
            kind: MentionKind::Name,
        }],
        link: None,
        titles: vec![],
    });
    comp.process(&mut doc).unwrap();
    assert!(doc.entities.is_empty());
    // Spans past the end, reversed, and overlapping; a lone quotation mark.
    let text = "“He said Trump met Xi in Beijing.";
    let b = text.find("Beijing").unwrap();
    let mut doc = segment(text);
    for (s, e) in [(9, 14), (9, 12), (40, 90), (20, 10), (1, 2), (b, b + 7)] {
        doc.entities.push(Entity {
            id: String::new(),
            name: String::new(),
            etype: Location,
            mentions: vec![Mention {
                span: Span::new(s, e),
                kind: MentionKind::Name,
            }],
            link: None,
            titles: vec![],
        });
    }
    doc.token_sentence.clear();
    comp.process(&mut doc).unwrap();
    assert!(doc.entities.iter().any(|e| e.name == "Beijing"));
}
