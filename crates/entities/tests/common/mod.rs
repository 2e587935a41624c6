//! A tiny tokenizer and fake NER for tests and benches, so this crate's tests do not depend on
//! the text and ner crates: Penn-Treebank-like tokens, sentences ending at . ? !, paragraphs at
//! blank lines; every occurrence of a listed surface string becomes one raw entity, longest
//! strings first, as the NER component would write them.
#![allow(dead_code, clippy::unwrap_used)]

use newsgraph_core::EntityType::{Location, Misc, Nationality, Organization, Person};
use newsgraph_core::{Article, Doc, Entity, EntityType, Mention, MentionKind, Span, Token, TokenKind};

const ABBREV: &[&str] = &[
    "Inc.", "Corp.", "Co.", "Ltd.", "Mr.", "Mrs.", "Ms.", "Dr.", "Jr.", "Sen.", "Gov.", "Gen.", "Nov.", "Dec.", "Mo.",
];
const OPEN: &[char] = &['“', '"', '(', '‘', '['];
const CLOSE: &[char] = &['”', '"', ')', ',', ';', ':', '?', '!', ']', '’'];

fn kind(s: &str) -> TokenKind {
    if s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        TokenKind::Number
    } else if s.chars().any(char::is_alphanumeric) {
        TokenKind::Word
    } else if s.chars().all(|c| "$%€&".contains(c)) {
        TokenKind::Symbol
    } else {
        TokenKind::Punct
    }
}

fn tokens_of(text: &str, base: usize, out: &mut Vec<Span>) {
    // text is one whitespace-free chunk starting at byte `base`.
    let mut s = 0;
    let mut e = text.len();
    let mut tail = Vec::new();
    while s < e {
        let c = text[s..e].chars().next().unwrap_or(' ');
        if OPEN.contains(&c) || (c == '$') {
            out.push(Span::new(base + s, base + s + c.len_utf8()));
            s += c.len_utf8();
        } else {
            break;
        }
    }
    loop {
        let w = &text[s..e];
        if w.is_empty() {
            break;
        }
        let c = w.chars().last().unwrap_or(' ');
        if CLOSE.contains(&c) && !(c == '’' && w.len() > 3 && !w.ends_with("s’")) {
            tail.push(Span::new(base + e - c.len_utf8(), base + e));
            e -= c.len_utf8();
        } else if c == '.' && !ABBREV.contains(&w) && !w[..w.len() - 1].contains('.') {
            tail.push(Span::new(base + e - 1, base + e));
            e -= 1;
        } else if w.ends_with("’s") || w.ends_with("'s") {
            let n = if w.ends_with("’s") { "’s".len() } else { 2 };
            tail.push(Span::new(base + e - n, base + e));
            e -= n;
        } else {
            break;
        }
    }
    if s < e {
        // Split "U.S.-China" at the hyphen after a dotted abbreviation.
        let w = &text[s..e];
        if let Some(h) = w.find(".-") {
            out.push(Span::new(base + s, base + s + h + 1));
            out.push(Span::new(base + s + h + 1, base + s + h + 2));
            out.push(Span::new(base + s + h + 2, base + e));
        } else {
            out.push(Span::new(base + s, base + e));
        }
    }
    tail.reverse();
    out.extend(tail);
}

/// A segmented doc with no entities.
pub fn segment(text: &str) -> Doc {
    let date = chrono::NaiveDate::from_ymd_opt(2018, 11, 2).unwrap();
    let mut doc = Doc::new(Article::new(text, date));
    let mut spans = Vec::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < text.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        tokens_of(&text[start..i], start, &mut spans);
    }
    // paragraphs
    let mut pstart = None;
    let mut last_end = 0;
    for (k, sp) in spans.iter().enumerate() {
        let gap = &text[last_end..sp.start];
        if k > 0 && gap.contains("\n\n") {
            if let Some(ps) = pstart {
                doc.paragraphs.push(Span::new(ps, last_end));
            }
            pstart = None;
        }
        pstart.get_or_insert(sp.start);
        last_end = sp.end;
    }
    if let Some(ps) = pstart {
        doc.paragraphs.push(Span::new(ps, last_end));
    }
    // sentences
    let mut sstart: Option<usize> = None;
    let mut sent = 0u32;
    for k in 0..spans.len() {
        let sp = spans[k];
        let w = &text[sp.start..sp.end];
        let new_para = k > 0 && text[spans[k - 1].end..sp.start].contains("\n\n");
        if new_para {
            if let Some(ss) = sstart.take() {
                doc.sentences.push(Span::new(ss, spans[k - 1].end));
                sent += 1;
            }
        }
        sstart.get_or_insert(sp.start);
        doc.tokens.push(Token {
            span: sp,
            kind: kind(w),
        });
        doc.token_sentence.push(sent);
        let next = spans.get(k + 1).map(|n| &text[n.start..n.end]);
        let ends = matches!(w, "." | "?" | "!") && !matches!(next, Some("”") | Some("\"") | Some(",") | None)
            || matches!(w, "”" | "\"")
                && k > 0
                && matches!(&text[spans[k - 1].start..spans[k - 1].end], "." | "?" | "!");
        let next_cap = next.is_some_and(|n| n.chars().next().is_some_and(|c| c.is_uppercase() || c == '“'));
        if ends && next_cap {
            if let Some(ss) = sstart.take() {
                doc.sentences.push(Span::new(ss, sp.end));
                sent += 1;
            }
        }
    }
    if let (Some(ss), Some(last)) = (sstart, spans.last()) {
        doc.sentences.push(Span::new(ss, last.end));
    }
    doc
}

/// Adds one raw entity per occurrence of each surface form (at token boundaries; longer forms
/// first, no overlaps), as an NER component would.
pub fn tag(doc: &mut Doc, names: &[(&str, EntityType)]) {
    let text = doc.text().to_string();
    let mut names: Vec<&(&str, EntityType)> = names.iter().collect();
    names.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    let starts: std::collections::BTreeSet<usize> = doc.tokens.iter().map(|t| t.span.start).collect();
    let ends: std::collections::BTreeSet<usize> = doc.tokens.iter().map(|t| t.span.end).collect();
    let mut taken: Vec<Span> = Vec::new();
    for (surface, etype) in names {
        for (at, _) in text.match_indices(surface) {
            let sp = Span::new(at, at + surface.len());
            if starts.contains(&sp.start) && ends.contains(&sp.end) && !taken.iter().any(|t| t.overlaps(sp)) {
                taken.push(sp);
                doc.entities.push(Entity {
                    id: String::new(),
                    name: surface.to_string(),
                    etype: *etype,
                    mentions: vec![Mention {
                        span: sp,
                        kind: MentionKind::Name,
                    }],
                    link: None,
                    titles: Vec::new(),
                });
            }
        }
    }
    doc.entities.sort_by_key(|e| e.mentions[0].span);
}

/// Segments, tags and runs the entities component.
pub fn run(text: &str, names: &[(&str, EntityType)]) -> Doc {
    use newsgraph_core::Component;
    let mut doc = segment(text);
    tag(&mut doc, names);
    newsgraph_entities::EntitiesComponent::new()
        .unwrap()
        .process(&mut doc)
        .unwrap();
    doc
}

/// A compact view of the result: per entity, `TYPE name [mention texts with kind] link`.
pub fn summary(doc: &Doc) -> Vec<String> {
    doc.entities
        .iter()
        .map(|e| {
            let ms: Vec<String> = e
                .mentions
                .iter()
                .map(|m| match m.kind {
                    MentionKind::Name => doc.slice(m.span).to_string(),
                    MentionKind::Pronoun => format!("{}@{}", doc.slice(m.span), m.span.start),
                    MentionKind::Nominal => format!("<{}>@{}", doc.slice(m.span), m.span.start),
                })
                .collect();
            let titles: Vec<&str> = e.titles.iter().map(|t| doc.slice(*t)).collect();
            let link = e
                .link
                .as_ref()
                .map(|l| format!(" -> {}:{}:{}", l.kind, l.name, l.country.clone().unwrap_or_default()))
                .unwrap_or_default();
            format!(
                "{} {} {} [{}] {:?}{}",
                e.id,
                e.etype.as_str(),
                e.name,
                ms.join(" | "),
                titles,
                link
            )
        })
        .collect()
}

/// The entity with this name.
pub fn entity<'a>(doc: &'a Doc, name: &str) -> &'a Entity {
    doc.entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity `{name}` in {:#?}", summary(doc)))
}

/// Texts of an entity's mentions of one kind.
pub fn mentions(doc: &Doc, e: &Entity, kind: MentionKind) -> Vec<String> {
    e.mentions
        .iter()
        .filter(|m| m.kind == kind)
        .map(|m| doc.slice(m.span).to_string())
        .collect()
}

/// The shared data folder (`NEWSGRAPH_SHARED`, default `../shared` next to the workspace).
pub fn shared() -> std::path::PathBuf {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into())
}

/// The seed article's text, without its `date YYYY-MM-DD ` header.
pub fn seed_text() -> String {
    let raw = std::fs::read_to_string(shared().join("seed/article.txt")).expect("seed article (NEWSGRAPH_SHARED)");
    let rest = raw.trim_start().strip_prefix("date ").unwrap();
    rest.split_once(' ').unwrap().1.to_string()
}

/// What a good NER tags in the seed article: every occurrence of these strings.
pub const SEED_NER: &[(&str, EntityType)] = &[
    ("U.S.", Location),
    ("Donald Trump", Person),
    ("Trump", Person),
    ("Chinese", Misc),
    ("Xi Jinping", Person),
    ("Xi", Person),
    ("Group of 20", Misc),
    ("Argentina", Location),
    ("China", Location),
    ("Cabinet", Organization),
    ("North Korea", Location),
    ("G20", Misc),
    ("Twitter", Organization),
    ("Columbia", Location),
    ("Missouri", Location),
    ("Xinhua News Agency", Organization),
    ("Xinhua", Organization),
    ("United Nations", Organization),
    ("Pyongyang", Location),
    ("North Korean", Misc),
    ("Kim Jong Un", Person),
    ("Korean Peninsula", Location),
    ("United States", Location),
    ("Washington", Location),
    ("Communist", Misc),
    ("Beijing", Location),
    ("South China Sea", Location),
    ("America", Location),
    ("Micron Technology Inc.", Organization),
    ("Justice Department", Organization),
    ("Fujian Jinhua Integrated Circuit Co.", Organization),
    ("Taiwan", Location),
    ("United Microelectronics Corp.", Organization),
    ("White House", Organization),
    ("Larry Kudlow", Person),
    ("Kudlow", Person),
];

/// Checks the goal of the brief: each thing once, typed and linked, with pronouns and nominals
/// on the right people.
pub fn check_seed(doc: &Doc) {
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
    let titles = |e: &Entity| e.titles.iter().map(|t| doc.slice(*t).to_string()).collect::<Vec<_>>();
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
