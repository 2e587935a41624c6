//! Event coding on sentences written for these tests: one per CAMEO pattern family, passive
//! and negated clauses, dated roles, user dictionaries and entity-layer actors.

#![allow(clippy::unwrap_used)]

use std::sync::OnceLock;

use chrono::NaiveDate;
use newsgraph_core::{Article, Doc, Entity, EntityType, Link, Mention, MentionKind, Span};
use newsgraph_events::{Event, EventCoder, EventOptions};

fn coder() -> &'static EventCoder {
    static C: OnceLock<EventCoder> = OnceLock::new();
    C.get_or_init(|| EventCoder::new(&EventOptions::default()).unwrap())
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn triples(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .map(|e| format!("{} {} {}", e.source.code, e.target.code, e.code))
        .collect()
}

fn code(text: &str) -> Vec<String> {
    triples(&coder().code_text(text, date(2018, 11, 2)))
}

#[test]
fn pattern_families() {
    let cases: &[(&str, &[&str])] = &[
        // consult
        ("Japan and China met in Beijing.", &["JPN CHN 040", "CHN JPN 040"]),
        // accuse
        ("China accused Japan of violating its sovereignty.", &["CHN JPN 112"]),
        // sanction
        ("The United States imposed sanctions on Iran.", &["USA IRN 163"]),
        // threaten
        ("North Korea threatened to attack South Korea.", &["PRK KOR 130"]),
        // negotiate
        (
            "Iran negotiated with France over the nuclear deal.",
            &["IRN FRA 050", "FRA IRN 050"],
        ),
        // arrest / charge
        ("Police in Kenya arrested Somali militants.", &["KENCOP SOMUAF 173"]),
        // lawsuit
        ("Japan sued China at the World Trade Organization.", &["JPN CHN 173"]),
        // aid
        ("Germany sent humanitarian aid to Syria.", &["DEU SYR 073"]),
        // protest
        (
            "Protesters in Hong Kong demonstrated against China.",
            &["HKGOPP CHN 141"],
        ),
        // fight
        (
            "Israeli troops fought Syrian forces near the border.",
            &["ISRMIL SYR 190"],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(code(text), *want, "{text}");
    }
}

#[test]
fn event_record_fields() {
    let text = "China accused Japan of violating its sovereignty.";
    let e = &coder().code_text(text, date(2018, 11, 2))[0];
    assert_eq!((e.root.as_str(), e.quad_class, e.goldstein), ("11", 3, -2.0));
    assert_eq!(&text[e.source.span.start..e.source.span.end], "China");
    assert_eq!(&text[e.target.span.start..e.target.span.end], "Japan");
    assert_eq!(&text[e.verb.start..e.verb.end], "accused");
    assert_eq!(e.sentence, Span::new(0, text.len()));
    assert_eq!(e.date, "2018-11-02");
    assert_eq!(e.rule, "BLAME verb ACCUSE");
}

#[test]
fn negated_events_are_not_coded() {
    assert!(code("The United States did not impose sanctions on Iran.").is_empty());
    assert!(code("China never accused Japan of violating its sovereignty.").is_empty());
}

#[test]
fn passive_swaps_source_and_target() {
    assert_eq!(
        code("Iranian officials were arrested by Turkish police."),
        ["TURCOP IRN 173"]
    );
}

#[test]
fn reported_passive_takes_the_reporter_as_source() {
    let c = code("Two Iranian officials were arrested, the Turkish police said.");
    assert_eq!(c, ["TURCOP IRN 173"]);
}

fn user_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn dated_roles_before_and_after_their_start() {
    let dir = user_dir(&[(
        "my.actors.txt",
        "ALDO_RAINE_ [USA]\n\t[USAGOV >20170120]\n\t[USABUS <20170120]\n",
    )]);
    let c = EventCoder::new(&EventOptions {
        dictionaries: Some(dir.path().to_path_buf()),
        ..EventOptions::default()
    })
    .unwrap();
    let text = "Aldo Raine accused China of stealing trade secrets.";
    assert_eq!(triples(&c.code_text(text, date(2018, 11, 2))), ["USAGOV CHN 112"]);
    assert_eq!(triples(&c.code_text(text, date(2016, 5, 1))), ["USABUS CHN 112"]);
}

#[test]
fn user_dictionaries_override_shipped_entries() {
    let dir = user_dir(&[
        ("my.actors.txt", "JAPAN_ [XJP]\n"),
        ("my.verbs.txt", "--- SNUB [1246] ---\nSNUB\n"),
    ]);
    let c = EventCoder::new(&EventOptions {
        dictionaries: Some(dir.path().to_path_buf()),
        ..EventOptions::default()
    })
    .unwrap();
    let d = date(2018, 11, 2);
    assert_eq!(
        triples(&c.code_text("China accused Japan of violating its sovereignty.", d)),
        ["CHN XJP 112"]
    );
    assert_eq!(
        triples(&c.code_text("China snubbed Japan at the summit.", d)),
        ["CHN XJP 1246"]
    );
}

/// A person the dictionaries do not know is coded from the title the entity layer found.
#[test]
fn entity_titles_code_unknown_people() {
    let text = "U.S. President Donald Trump accused China of unfair trade practices.";
    let mut doc = Doc::new(Article::new(text, date(2018, 11, 2)));
    let seg = newsgraph_text::segment(text);
    doc.paragraphs = seg.paragraphs;
    doc.sentences = seg.sentences;
    doc.tokens = seg.tokens;
    doc.token_sentence = seg.token_sentence;
    doc.entities.push(Entity {
        id: "E1".to_string(),
        name: "Donald Trump".to_string(),
        etype: EntityType::Person,
        mentions: vec![Mention {
            span: Span::new(15, 27),
            kind: MentionKind::Name,
        }],
        link: None,
        titles: vec![Span::new(0, 14)],
    });
    doc.entities.push(Entity {
        id: "E2".to_string(),
        name: "China".to_string(),
        etype: EntityType::Location,
        mentions: vec![Mention {
            span: Span::new(37, 42),
            kind: MentionKind::Name,
        }],
        link: Some(Link {
            country: Some("CN".to_string()),
            kind: "country".to_string(),
            name: "China".to_string(),
            ..Link::default()
        }),
        titles: vec![],
    });
    let events = coder().code_events(&doc);
    assert_eq!(triples(&events), ["USAGOV CHN 112"]);
    assert_eq!(events[0].source.entity.as_deref(), Some("E1"));
    assert_eq!(events[0].target.entity.as_deref(), Some("E2"));
}

/// An interaction named by a noun: possessor and `with` object, both ways, dated by the
/// sentence's time expression when there is one (none here: the publication date).
#[test]
fn event_nouns_with_possessor_and_with_object() {
    let c = code("Japan's telephone call with China eased tensions.");
    assert!(
        c.contains(&"JPN CHN 041".to_string()) && c.contains(&"CHN JPN 041".to_string()),
        "{c:?}"
    );
    let e = coder().code_text("Japan's telephone call with China eased tensions.", date(2018, 11, 2));
    let call = e.iter().find(|e| e.code == "041").unwrap();
    assert_eq!(call.rule, "noun TELEPHONE CALL");
}

/// Not asserted to happen: a clause under "if" or "whether".
#[test]
fn conditional_clauses_are_not_coded() {
    assert!(code("It was unclear if China accused Japan of violating its sovereignty.").is_empty());
    assert_eq!(
        code("China accused Japan of violating its sovereignty."),
        ["CHN JPN 112"]
    );
}

/// "the countries" as an object refers to the targets of the previous sentence.
#[test]
fn plural_object_refers_to_previous_targets() {
    let c = code("Japan accused China and Russia of cyber attacks. Japan later sued the countries.");
    assert!(
        c.contains(&"JPN CHN 173".to_string()) && c.contains(&"JPN RUS 173".to_string()),
        "{c:?}"
    );
    // Without a previous sentence with two such targets, nothing is invented.
    assert!(code("Japan later sued the countries.").is_empty());
}

/// Project supplement patterns: tariffs are a sanction (163), threatening them 1312.
#[test]
fn tariff_patterns_from_the_supplement() {
    assert_eq!(code("The United States imposed tariffs on China."), ["USA CHN 163"]);
    let c = code("The United States is threatening to impose tariffs on China.");
    assert_eq!(c, ["USA CHN 1312"]);
}

/// A dictionary word inside a person's name is not an actor: "Un" of "Kim Jong Un" is not
/// the United Nations; the person is coded from the title the entity layer found.
#[test]
fn dictionary_word_inside_a_name_is_not_an_actor() {
    let text = "North Korean leader Kim Jong Un threatened Japan.";
    let mut doc = Doc::new(Article::new(text, date(2018, 11, 2)));
    let seg = newsgraph_text::segment(text);
    doc.paragraphs = seg.paragraphs;
    doc.sentences = seg.sentences;
    doc.tokens = seg.tokens;
    doc.token_sentence = seg.token_sentence;
    doc.entities.push(Entity {
        id: "E1".to_string(),
        name: "Kim Jong Un".to_string(),
        etype: EntityType::Person,
        mentions: vec![Mention {
            span: Span::new(20, 31),
            kind: MentionKind::Name,
        }],
        link: None,
        titles: vec![Span::new(0, 19)],
    });
    let c = triples(&coder().code_events(&doc));
    assert!(!c.iter().any(|t| t.contains("IGOUNO")), "{c:?}");
    assert!(c.iter().any(|t| t.starts_with("PRK") && t.contains(" JPN 13")), "{c:?}");
}
