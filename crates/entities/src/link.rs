//! Choosing the place (or organization) a name refers to.
//!
//! Rules, in order of strength (each is tested in `tests/linking.rs`):
//! 1. A qualifier names the state or country ("Columbia, Missouri"): only places inside it count.
//! 2. A "state" cue ("Washington state", "the state of Washington") picks the first-level region.
//! 3. Curated aliases ("U.S.", "Britain") and country names beat cities and regions of the same
//!    name; continents and curated regions come next.
//! 4. A country that is also a US state ("Georgia") is the state when the article names other US
//!    states, else the country.
//! 5. A US state whose name is also a big city of the US (≥ 100,000 people: Washington, New
//!    York) is the city unless rule 2 applies; a small namesake city (Delaware, Ohio) loses.
//! 6. Among cities: a primary name beats an alternate name, and an alternate name of a city under
//!    100,000 people counts only when its country is mentioned; then log10(population), plus 1 when
//!    the city's country is already mentioned in the article: a city of a mentioned country wins
//!    unless the other is more than ten times bigger (so "Paris" and "Dublin" in a US story stay
//!    in France and Ireland, "Cambridge" goes to Massachusetts).

use std::collections::{BTreeMap, BTreeSet};

use newsgraph_core::Link;

use crate::gazetteer::{Candidate, Gazetteer, MatchKind, PlaceKind};
use crate::{Error, Resources};

/// What the article says so far, for resolving ambiguous names.
#[derive(Debug, Clone, Default)]
pub struct LinkContext {
    /// ISO countries mentioned (by place names and demonyms), with counts.
    pub countries: BTreeMap<String, usize>,
    /// US state postal codes mentioned.
    pub us_states: BTreeSet<String>,
}

/// A state or country that qualifies a city name ("Columbia, Missouri").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Qualifier {
    /// A US state by postal code.
    UsState(String),
    /// A country by ISO code.
    Country(String),
}

/// Links names to gazetteer entries.
#[derive(Debug, Clone, Copy)]
pub struct Linker {
    res: &'static Resources,
}

/// Cities at least this big win over the US state of the same name (rule 5).
const BIG_CITY: u64 = 100_000;

impl Linker {
    /// A linker over the compiled-in resources.
    pub fn embedded() -> Result<Linker, Error> {
        Ok(Linker {
            res: Resources::embedded()?,
        })
    }

    /// A linker over given resources.
    pub fn new(res: &'static Resources) -> Linker {
        Linker { res }
    }

    /// The gazetteer.
    pub fn gazetteer(&self) -> &'static Gazetteer {
        &self.res.gazetteer
    }

    /// The link for a place name, or `None` when the gazetteer does not know it.
    /// `state_cue` is true for "Washington state" / "state of Washington".
    pub fn link_place(
        &self,
        name: &str,
        ctx: &LinkContext,
        qualifier: Option<&Qualifier>,
        state_cue: bool,
    ) -> Option<Link> {
        self.resolve_place(name, ctx, qualifier, state_cue)
            .map(|p| self.link(p))
    }

    /// Like [`Linker::link_place`] but returns the place index.
    pub fn resolve_place(
        &self,
        name: &str,
        ctx: &LinkContext,
        qualifier: Option<&Qualifier>,
        state_cue: bool,
    ) -> Option<u32> {
        let gaz = &self.res.gazetteer;
        let mut cands: Vec<Candidate> = gaz
            .lookup(name)
            .into_iter()
            .filter(|c| gaz.place(c.place).kind != PlaceKind::Organization)
            .collect();
        if let Some(q) = qualifier {
            let inside: Vec<Candidate> = cands
                .iter()
                .copied()
                .filter(|c| {
                    let p = gaz.place(c.place);
                    matches!(p.kind, PlaceKind::City | PlaceKind::Admin1)
                        && match q {
                            Qualifier::UsState(code) => p.country == "US" && &p.admin1 == code,
                            Qualifier::Country(iso) => &p.country == iso,
                        }
                })
                .collect();
            if !inside.is_empty() {
                cands = inside;
            }
        }
        let has_country = cands.iter().any(|c| gaz.place(c.place).kind == PlaceKind::Country);
        let big_city_in = |country: &str| {
            cands.iter().any(|c| {
                let p = gaz.place(c.place);
                p.kind == PlaceKind::City
                    && c.how == MatchKind::Primary
                    && p.country == country
                    && p.population >= BIG_CITY
            })
        };
        let score = |c: &Candidate| -> (i32, i64) {
            let p = gaz.place(c.place);
            let mentioned = ctx.countries.contains_key(&p.country);
            let pop = ((p.population.max(1) as f64).log10() * 100.0) as i64 + if mentioned { 100 } else { 0 };
            let tier = match (p.kind, c.how) {
                (PlaceKind::Admin1, _) if state_cue => 10,
                (PlaceKind::Admin1, _) if has_country => {
                    let others = ctx.us_states.iter().any(|s| s != &p.admin1);
                    if p.country == "US" && others {
                        9
                    } else {
                        3
                    }
                }
                (_, MatchKind::Curated) => 8,
                (PlaceKind::Country, _) | (PlaceKind::Continent, _) => 7,
                (PlaceKind::Region, _) => 6,
                (PlaceKind::Admin1, _) if big_city_in(&p.country) => 2,
                (PlaceKind::Admin1, _) => 5,
                (PlaceKind::City, MatchKind::Primary) => 4,
                // An alternate name (translation, transliteration) of a city far from the story
                // is more often a coincidence than a reference.
                (PlaceKind::City, _) if !mentioned && p.population < BIG_CITY => return (-1, pop),
                (PlaceKind::City, _) => 1,
                (PlaceKind::Organization, _) => 0,
            };
            (tier, pop)
        };
        cands
            .iter()
            .map(|c| (score(c), c))
            .filter(|(s, _)| s.0 >= 0)
            .max_by_key(|(s, c)| (*s, std::cmp::Reverse(c.place)))
            .map(|(_, c)| c.place)
    }

    /// The organization link for an international organization's name or alias.
    pub fn link_organization(&self, name: &str) -> Option<Link> {
        let gaz = &self.res.gazetteer;
        gaz.lookup(name)
            .into_iter()
            .find(|c| gaz.place(c.place).kind == PlaceKind::Organization)
            .map(|c| self.link(c.place))
    }

    /// The country a demonym names ("Chinese" → `CN`).
    pub fn demonym(&self, word: &str) -> Option<&'static str> {
        self.res
            .tables
            .demonyms
            .get(&crate::norm::key(word))
            .map(String::as_str)
    }

    /// The country link for an ISO code.
    pub fn country_link(&self, iso: &str) -> Option<Link> {
        self.res.gazetteer.country(iso).map(|p| self.link(p))
    }

    /// The ISO country when `name` is, on its own, a country name or curated alias.
    pub fn country_of_name(&self, name: &str) -> Option<&'static str> {
        let gaz = &self.res.gazetteer;
        gaz.lookup(name).into_iter().find_map(|c| {
            let p = gaz.place(c.place);
            (p.kind == PlaceKind::Country && c.how != MatchKind::Alternate).then_some(p.country.as_str())
        })
    }

    /// The US state postal code when `name` is a US state's name or postal code.
    pub fn us_state_of_name(&self, name: &str) -> Option<&'static str> {
        let gaz = &self.res.gazetteer;
        let by_name = gaz.lookup(name).into_iter().find_map(|c| {
            let p = gaz.place(c.place);
            (p.kind == PlaceKind::Admin1 && p.country == "US").then_some(p.admin1.as_str())
        });
        by_name.or_else(|| {
            let code = name.trim().trim_end_matches('.');
            (code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()))
                .then(|| gaz.us_state(code).map(|p| gaz.place(p).admin1.as_str()))
                .flatten()
        })
    }

    /// The `Link` for a gazetteer entry.
    pub fn link(&self, place: u32) -> Link {
        let p = self.res.gazetteer.place(place);
        Link {
            geonames_id: p.geonames_id,
            country: (!p.country.is_empty()).then(|| p.country.clone()),
            lat: p.lat,
            lon: p.lon,
            kind: p.kind.as_str().to_string(),
            name: p.name.clone(),
        }
    }
}
