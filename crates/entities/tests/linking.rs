//! Linking rules: each ambiguity case of `src/link.rs`, demonyms, IGOs, regions, metonymy.
#![allow(clippy::unwrap_used)]
mod common;
use common::*;
use newsgraph_core::EntityType::{Location, Misc, Organization, Person};
use newsgraph_core::{EntityType, MentionKind};
use newsgraph_entities::{metonyms, LinkContext, Linker, Qualifier};

fn linker() -> Linker {
    Linker::embedded().unwrap()
}

fn link_of<'a>(doc: &'a newsgraph_core::Doc, name: &str) -> &'a newsgraph_core::Link {
    entity(doc, name)
        .link
        .as_ref()
        .unwrap_or_else(|| panic!("`{name}` not linked"))
}

#[test]
fn us_names_all_link_to_the_country() {
    for name in [
        "U.S.",
        "US",
        "United States",
        "the United States",
        "America",
        "USA",
        "U.S.A.",
    ] {
        let l = linker().link_place(name, &LinkContext::default(), None, false).unwrap();
        assert_eq!(
            (l.kind.as_str(), l.country.as_deref(), l.geonames_id),
            ("country", Some("US"), Some(6252001)),
            "{name}"
        );
    }
}

#[test]
fn curated_aliases_beat_cities_of_the_same_name() {
    // GeoNames has small cities called "America" and "Britain"-like names; news means the country.
    let ctx = LinkContext::default();
    assert_eq!(
        linker()
            .link_place("Britain", &ctx, None, false)
            .unwrap()
            .country
            .as_deref(),
        Some("GB")
    );
    assert_eq!(
        linker()
            .link_place("DPRK", &ctx, None, false)
            .unwrap()
            .country
            .as_deref(),
        Some("KP")
    );
    assert_eq!(
        linker()
            .link_place("Taiwan", &ctx, None, false)
            .unwrap()
            .country
            .as_deref(),
        Some("TW")
    );
}

#[test]
fn columbia_missouri_is_the_city_in_missouri() {
    let doc = run(
        "At a rally in Columbia, Missouri, Thursday night, he spoke.",
        &[("Columbia", Location), ("Missouri", Location)],
    );
    let e = entity(&doc, "Columbia, Missouri");
    let l = e.link.as_ref().unwrap();
    assert_eq!(
        (l.kind.as_str(), l.geonames_id, l.country.as_deref()),
        ("city", Some(4381982), Some("US"))
    );
    // The state is a qualifier of the city, not a second entity.
    assert_eq!(doc.entities.len(), 1, "{:#?}", summary(&doc));
}

#[test]
fn columbia_qualified_inside_one_ner_span() {
    let doc = run(
        "He spoke in Columbia, Missouri on Thursday.",
        &[("Columbia, Missouri", Location)],
    );
    assert_eq!(link_of(&doc, "Columbia, Missouri").geonames_id, Some(4381982));
}

#[test]
fn columbia_without_qualifier_is_never_colombia() {
    let l = linker()
        .link_place("Columbia", &LinkContext::default(), None, false)
        .unwrap();
    assert_eq!((l.kind.as_str(), l.country.as_deref()), ("city", Some("US")));
    let l = linker()
        .link_place("Colombia", &LinkContext::default(), None, false)
        .unwrap();
    assert_eq!((l.kind.as_str(), l.country.as_deref()), ("country", Some("CO")));
}

#[test]
fn columbia_south_carolina_by_postal_qualifier() {
    let q = Qualifier::UsState("SC".into());
    let l = linker()
        .link_place("Columbia", &LinkContext::default(), Some(&q), false)
        .unwrap();
    assert_eq!(l.geonames_id, Some(4575352));
}

#[test]
fn washington_defaults_to_the_capital_city() {
    let doc = run("Talks in Washington ended without a deal.", &[("Washington", Location)]);
    let l = link_of(&doc, "Washington");
    assert_eq!(
        (l.kind.as_str(), l.geonames_id, l.country.as_deref()),
        ("city", Some(4140963), Some("US"))
    );
}

#[test]
fn washington_state_cues_pick_the_state() {
    let doc = run("Voters in Washington state approved it.", &[("Washington", Location)]);
    assert_eq!(link_of(&doc, "Washington").kind, "admin1");
    let doc = run(
        "Voters in the state of Washington approved it.",
        &[("Washington", Location)],
    );
    let l = link_of(&doc, "Washington");
    assert_eq!((l.kind.as_str(), l.geonames_id), ("admin1", Some(5815135)));
}

#[test]
fn georgia_alone_is_the_country() {
    let doc = run(
        "Georgia and Russia fought a war in 2008.",
        &[("Georgia", Location), ("Russia", Location)],
    );
    let l = link_of(&doc, "Georgia");
    assert_eq!((l.kind.as_str(), l.country.as_deref()), ("country", Some("GE")));
}

#[test]
fn georgia_among_us_states_is_the_state() {
    let doc = run(
        "Polls closed in Florida and Georgia on Tuesday.",
        &[("Georgia", Location), ("Florida", Location)],
    );
    let l = link_of(&doc, "Georgia");
    assert_eq!(
        (l.kind.as_str(), l.country.as_deref(), l.geonames_id),
        ("admin1", Some("US"), Some(4197000))
    );
    assert_eq!(link_of(&doc, "Florida").kind, "admin1");
}

#[test]
fn small_namesake_city_does_not_beat_a_state() {
    // Delaware, Ohio has 38,000 people: "Delaware" is the state.
    let l = linker()
        .link_place("Delaware", &LinkContext::default(), None, false)
        .unwrap();
    assert_eq!((l.kind.as_str(), l.country.as_deref()), ("admin1", Some("US")));
}

#[test]
fn mentioned_country_breaks_near_ties_between_cities() {
    let doc = run(
        "A U.S. team visited Cambridge.",
        &[("U.S.", Location), ("Cambridge", Location)],
    );
    assert_eq!(link_of(&doc, "Cambridge").country.as_deref(), Some("US"));
    let doc = run("A team visited Cambridge.", &[("Cambridge", Location)]);
    assert_eq!(link_of(&doc, "Cambridge").country.as_deref(), Some("GB"));
}

#[test]
fn a_much_bigger_city_still_wins_over_a_mentioned_country() {
    let doc = run("A U.S. team visited Paris.", &[("U.S.", Location), ("Paris", Location)]);
    assert_eq!(link_of(&doc, "Paris").country.as_deref(), Some("FR"));
}

#[test]
fn demonyms_become_nationalities_linked_to_their_country() {
    let doc = run(
        "Chinese officials met North Korean and American envoys. Chinese media praised it.",
        &[("Chinese", Misc), ("North Korean", Misc), ("American", Misc)],
    );
    for (name, iso) in [("Chinese", "CN"), ("North Korean", "KP"), ("American", "US")] {
        let e = entity(&doc, name);
        assert_eq!(e.etype, EntityType::Nationality, "{name}");
        assert_eq!(e.link.as_ref().unwrap().country.as_deref(), Some(iso), "{name}");
    }
    assert_eq!(entity(&doc, "Chinese").mentions.len(), 2);
}

#[test]
fn demonym_tagged_as_location_is_a_nationality() {
    // The NER sometimes tags "Chinese" LOC; no place is called that, so it is a nationality.
    let doc = run("Chinese firms rose.", &[("Chinese", Location)]);
    assert_eq!(entity(&doc, "Chinese").etype, EntityType::Nationality);
    // A real place stays a place even when a demonym table could read it otherwise.
    let doc = run("They flew to Jordan.", &[("Jordan", Location)]);
    assert_eq!(entity(&doc, "Jordan").etype, EntityType::Location);
}

#[test]
fn international_organizations_link_and_merge_by_alias() {
    let doc = run(
        "The United Nations voted. The UN also said G20 leaders met at the Group of 20 summit.",
        &[
            ("United Nations", Organization),
            ("UN", Organization),
            ("G20", Misc),
            ("Group of 20", Misc),
        ],
    );
    let un = entity(&doc, "United Nations");
    assert_eq!(un.mentions.len(), 2);
    assert_eq!(un.link.as_ref().unwrap().kind, "organization");
    let g20 = entity(&doc, "Group of 20");
    assert_eq!((g20.etype, g20.mentions.len()), (Organization, 2));
}

#[test]
fn regions_link_with_approximate_centres() {
    let doc = run("Ships sailed in the South China Sea.", &[("South China Sea", Location)]);
    let l = link_of(&doc, "South China Sea");
    assert_eq!(l.kind, "region");
    assert!(l.lat.is_some() && l.geonames_id.is_none());
}

#[test]
fn beijing_links_to_the_city_in_china_and_reads_as_government_when_it_acts() {
    let doc = run(
        "Officials in Beijing met. While Beijing is open to a deal, relations between Washington and Beijing are tense.",
        &[("Beijing", Location), ("Washington", Location)],
    );
    let l = link_of(&doc, "Beijing");
    assert_eq!(
        (l.kind.as_str(), l.country.as_deref(), l.geonames_id),
        ("city", Some("CN"), Some(1816670))
    );
    let m = metonyms(&doc).unwrap();
    let texts: Vec<(&str, &str)> = m.iter().map(|m| (doc.slice(m.span), m.country.as_str())).collect();
    // Not the first "in Beijing" (a place), but the subject and the relation pair.
    assert_eq!(texts, [("Beijing", "CN"), ("Washington", "US"), ("Beijing", "CN")]);
    assert!(m[0].span.start > doc.text().find("While").unwrap());
}

#[test]
fn org_tagged_country_becomes_a_location() {
    let doc = run("China said it would respond.", &[("China", Organization)]);
    assert_eq!(entity(&doc, "China").etype, Location);
    assert_eq!(entity(&doc, "China").mentions[0].kind, MentionKind::Name);
    let _ = Person;
}

#[test]
fn white_house_is_not_casablanca() {
    // Regression: GeoNames lists "White House" as an alternate (translated) name of Casablanca.
    let doc = run("The White House said talks continue.", &[("White House", Location)]);
    let l = link_of(&doc, "White House");
    assert_eq!(l.country.as_deref(), Some("US"));
}

#[test]
fn small_city_alternate_names_need_their_country_in_the_story() {
    // The shipped artifact keeps alternates only for big cities; a custom one may have more.
    let tsv = "city\t5549222\tWashington\tUS\tUT\t37.1\t-113.5\t24299\tUoshingtun\n\
               country\t6252001\tUnited States\tUS\t\t\t\t327167434\t\n";
    let mut tables = newsgraph_entities::Tables::embedded().unwrap();
    tables.curated = newsgraph_entities::Curated::default();
    let gazetteer = newsgraph_entities::Gazetteer::from_tsv(tsv, &tables).unwrap();
    let res = Box::leak(Box::new(newsgraph_entities::Resources { gazetteer, tables }));
    let linker = Linker::new(res);
    assert!(linker
        .link_place("Uoshingtun", &LinkContext::default(), None, false)
        .is_none());
    let mut ctx = LinkContext::default();
    ctx.countries.insert("US".into(), 1);
    let l = linker.link_place("Uoshingtun", &ctx, None, false).unwrap();
    assert_eq!(l.geonames_id, Some(5549222));
}

#[test]
fn region_tagged_as_organization_or_misc_is_a_location() {
    // Regression: the NER tagged "Korean Peninsula" once ORGANIZATION and once MISC, giving two
    // unlinked entities.
    let doc = run(
        "Talks on the Korean Peninsula went on. The Korean Peninsula is calm.",
        &[("Korean Peninsula", Organization)],
    );
    assert_eq!(doc.entities.len(), 1);
    assert_eq!(doc.entities[0].etype, Location);
    assert_eq!(doc.entities[0].link.as_ref().unwrap().kind, "region");
    // Regression (seed article): the tagger split it into NATIONALITY "Korean" + ORGANIZATION
    // "Peninsula", or tagged only the demonym; the pieces make one place.
    for names in [
        &[("Korean", Misc), ("Peninsula", Organization)][..],
        &[("Korean", Misc)][..],
    ] {
        let doc = run("Denuclearization of the Korean Peninsula was discussed.", names);
        assert_eq!(doc.entities.len(), 1, "{names:?}: {:?}", summary(&doc));
        assert_eq!(doc.entities[0].name, "Korean Peninsula");
        assert_eq!(doc.entities[0].etype, Location);
        assert_eq!(doc.entities[0].link.as_ref().unwrap().kind, "region");
    }
    // A demonym followed by a capitalized word that does not make an area stays as it was.
    let doc = run("The Korean Air flight landed.", &[("Korean", Misc)]);
    assert_eq!(doc.entities[0].name, "Korean", "{:?}", summary(&doc));
    // A seat of government tagged ORGANIZATION stays an organization.
    let doc = run("The White House said no.", &[("White House", Organization)]);
    assert_eq!(doc.entities[0].etype, Organization);
}

#[test]
fn ap_state_abbreviations_qualify_cities() {
    let doc = run(
        "He spoke in Columbia, Mo., on Thursday.",
        &[("Columbia", Location), ("Mo.", Location)],
    );
    assert_eq!(link_of(&doc, "Columbia, Mo.").geonames_id, Some(4381982));
    let l = linker()
        .link_place("Calif.", &LinkContext::default(), None, false)
        .unwrap();
    assert_eq!((l.kind.as_str(), l.name.as_str()), ("admin1", "California"));
}

#[test]
fn a_ten_times_bigger_city_beats_a_mentioned_country() {
    // Regression: "DUBLIN" in a story mentioning the U.S. went to Dublin, California.
    let doc = run(
        "A U.S. firm opened in Dublin.",
        &[("U.S.", Location), ("Dublin", Location)],
    );
    assert_eq!(link_of(&doc, "Dublin").country.as_deref(), Some("IE"));
}

#[test]
fn england_is_a_place_in_the_united_kingdom() {
    let l = linker()
        .link_place("England", &LinkContext::default(), None, false)
        .unwrap();
    assert_eq!((l.kind.as_str(), l.country.as_deref()), ("region", Some("GB")));
}
