//! The gazetteer's index: building it from the GeoNames artifact plus the curated place tables,
//! and its compact binary form.
//!
//! This file is compiled twice: into the library, and into `build.rs`, which builds the index
//! of the committed artifact at compile time so that loading it at run time is a matter of
//! decoding a few arrays (the fst itself is used in place). It therefore depends only on
//! [`crate::norm`], `fst` and the standard library, and reports errors as strings.

use crate::norm::key;

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
    /// A named region, seat of government or landmark from `data/regions.tsv`.
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

    fn code(self) -> u8 {
        self as u8
    }

    fn from_code(c: u8) -> Option<PlaceKind> {
        [
            PlaceKind::Continent,
            PlaceKind::Country,
            PlaceKind::Admin1,
            PlaceKind::City,
            PlaceKind::Region,
            PlaceKind::Organization,
        ]
        .get(c as usize)
        .copied()
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
    /// A hand-written alias or curated entry: the reading news means.
    Curated,
    /// The place's own name.
    Primary,
    /// One of GeoNames' alternate names.
    Alternate,
}

/// Curated additions: country aliases `(alias, ISO)`, regions
/// `(name, aliases, lat, lon, country, seat)` and IGOs `(name, aliases)`.
#[derive(Debug, Default, Clone)]
pub struct Curated {
    /// Country aliases.
    pub country_aliases: Vec<(String, String)>,
    /// US state aliases `(alias, postal code)`.
    pub admin1_aliases: Vec<(String, String)>,
    /// Regions, seats of government and landmarks.
    pub regions: Vec<(String, Vec<String>, f64, f64, String, bool)>,
    /// International organizations.
    pub igos: Vec<(String, Vec<String>)>,
}

/// A built index: places, the fst bytes (name key → `start << 16 | count` into `postings`), and
/// postings (`place << 2 | MatchKind`).
#[derive(Debug, Clone)]
pub struct Built {
    /// All entries, GeoNames first.
    pub places: Vec<Place>,
    /// The serialized `fst::Map`.
    pub fst: Vec<u8>,
    /// Postings.
    pub postings: Vec<u32>,
}

fn bad(line: usize, message: impl std::fmt::Display) -> String {
    format!("gazetteer line {line}: {message}")
}

/// Parses the artifact's TSV (see `build-gazetteer/build_gazetteer.py`) and adds the curated
/// entries, then builds the name index.
pub fn build(text: &str, curated: &Curated) -> Result<Built, String> {
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
        let coord = |s: &str| -> Result<Option<f64>, String> {
            if s.is_empty() {
                Ok(None)
            } else {
                s.parse()
                    .map(Some)
                    .map_err(|_| bad(ln, format!("bad coordinate `{s}`")))
            }
        };
        let place = Place {
            kind,
            geonames_id: Some(c[1].parse().map_err(|_| bad(ln, "bad geonames id"))?),
            name: c[2].to_string(),
            country: c[3].to_string(),
            admin1: c[4].to_string(),
            lat: coord(c[5])?,
            lon: coord(c[6])?,
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
    for (alias, iso) in &curated.country_aliases {
        let idx = places
            .iter()
            .position(|p| p.kind == PlaceKind::Country && &p.country == iso)
            .ok_or_else(|| format!("country_aliases.tsv: `{alias}`: no country `{iso}` in the gazetteer"))?;
        push(&mut names, alias, idx, MatchKind::Curated);
    }
    for (alias, code) in &curated.admin1_aliases {
        let idx = places
            .iter()
            .position(|p| p.kind == PlaceKind::Admin1 && p.country == "US" && &p.admin1 == code)
            .ok_or_else(|| format!("admin1_aliases.tsv: `{alias}`: no US state `{code}` in the gazetteer"))?;
        push(&mut names, alias, idx, MatchKind::Curated);
    }
    for (name, aliases, lat, lon, country, seat) in &curated.regions {
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
        for n in std::iter::once(name).chain(aliases) {
            push(&mut names, n, idx, MatchKind::Curated);
        }
    }
    for (name, aliases) in &curated.igos {
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
        for n in std::iter::once(name).chain(aliases) {
            push(&mut names, n, idx, MatchKind::Curated);
        }
    }
    names.sort_unstable();
    names.dedup();
    let mut postings = Vec::with_capacity(names.len());
    let mut builder = fst::MapBuilder::memory();
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
            .map_err(|e| format!("index: {e}"))?;
        i = j;
    }
    let fst = builder.into_inner().map_err(|e| format!("index: {e}"))?;
    Ok(Built { places, fst, postings })
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// The places as bytes: per place kind, seat, geonames id, lat, lon (NaN for none), population,
/// then name, country and admin1 as length-prefixed UTF-8. Little-endian.
pub fn encode_places(places: &[Place]) -> Vec<u8> {
    let mut out = Vec::with_capacity(places.len() * 48);
    out.extend_from_slice(&(places.len() as u32).to_le_bytes());
    for p in places {
        out.push(p.kind.code());
        out.push(p.seat as u8);
        out.extend_from_slice(&p.geonames_id.unwrap_or(0).to_le_bytes());
        out.extend_from_slice(&p.lat.unwrap_or(f64::NAN).to_le_bytes());
        out.extend_from_slice(&p.lon.unwrap_or(f64::NAN).to_le_bytes());
        out.extend_from_slice(&p.population.to_le_bytes());
        put_str(&mut out, &p.name);
        put_str(&mut out, &p.country);
        put_str(&mut out, &p.admin1);
    }
    out
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let s = self.b.get(self.at..self.at + n).ok_or("places: truncated")?;
        self.at += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, String> {
        let mut a = [0u8; 4];
        a.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(a))
    }
    fn u64(&mut self) -> Result<u64, String> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(a))
    }
    fn str(&mut self) -> Result<String, String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| "places: bad UTF-8".to_string())
    }
}

/// Decodes [`encode_places`] output.
pub fn decode_places(bytes: &[u8]) -> Result<Vec<Place>, String> {
    let mut r = Reader { b: bytes, at: 0 };
    let n = r.u32()? as usize;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let kind = PlaceKind::from_code(r.u8()?).ok_or("places: bad kind")?;
        let seat = r.u8()? != 0;
        let id = r.u64()?;
        let lat = f64::from_bits(r.u64()?);
        let lon = f64::from_bits(r.u64()?);
        let population = r.u64()?;
        out.push(Place {
            kind,
            seat,
            geonames_id: (id != 0).then_some(id),
            lat: (!lat.is_nan()).then_some(lat),
            lon: (!lon.is_nan()).then_some(lon),
            population,
            name: r.str()?,
            country: r.str()?,
            admin1: r.str()?,
        });
    }
    Ok(out)
}

/// Postings as little-endian bytes.
pub fn encode_postings(postings: &[u32]) -> Vec<u8> {
    postings.iter().flat_map(|p| p.to_le_bytes()).collect()
}

/// Parses `data/country_aliases.tsv`, `data/admin1_aliases.tsv`, `data/regions.tsv` and
/// `data/igos.tsv` into [`Curated`].
pub fn parse_curated(aliases: &str, admin1: &str, regions: &str, igos: &str) -> Result<Curated, String> {
    fn rows(file: &str, text: &str, min: usize) -> Result<Vec<Vec<String>>, String> {
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<String> = line.split('\t').map(|c| c.trim().to_string()).collect();
            if cols.len() < min {
                return Err(format!(
                    "data/{file} line {}: expected {min} tab-separated columns",
                    i + 1
                ));
            }
            out.push(cols);
        }
        Ok(out)
    }
    fn list(c: Option<&String>) -> Vec<String> {
        c.map(|s| {
            s.split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
    }
    let mut cur = Curated::default();
    for c in rows("country_aliases.tsv", aliases, 2)? {
        cur.country_aliases.push((c[0].clone(), c[1].clone()));
    }
    for c in rows("admin1_aliases.tsv", admin1, 2)? {
        cur.admin1_aliases.push((c[0].clone(), c[1].clone()));
    }
    for c in rows("regions.tsv", regions, 4)? {
        let num = |s: &str| {
            s.parse::<f64>()
                .map_err(|_| format!("data/regions.tsv: `{}`: bad number `{s}`", c[0]))
        };
        let country = c.get(4).cloned().unwrap_or_default();
        let seat = c.get(5).is_some_and(|s| s == "seat");
        cur.regions
            .push((c[0].clone(), list(c.get(1)), num(&c[2])?, num(&c[3])?, country, seat));
    }
    for c in rows("igos.tsv", igos, 1)? {
        cur.igos.push((c[0].clone(), list(c.get(1))));
    }
    Ok(cur)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_round_trip_through_bytes() {
        let text = "# c\ncity\t4381982\tColumbia\tUS\tMO\t38.9517\t-92.3341\t129330\tKolumbia\n\
                    country\t6252001\tUnited States\tUS\t\t\t\t327167434\t\n";
        let cur = parse_curated(
            "U.S.\tUS\n",
            "",
            "Korean Peninsula\t\t38\t127\t\nWhite House\t\t38.9\t-77\tUS\tseat\n",
            "United Nations\tUN\n",
        )
        .unwrap();
        let built = build(text, &cur).unwrap();
        assert_eq!(built.places.len(), 5);
        assert_eq!(decode_places(&encode_places(&built.places)).unwrap(), built.places);
        assert!(built.places[3].seat && !built.places[2].seat);
        assert_eq!(built.places[1].lat, None);
    }

    #[test]
    fn unknown_alias_country_is_an_error() {
        let cur = parse_curated("Narnia\tXX\n", "", "", "").unwrap();
        assert!(build("", &cur).unwrap_err().contains("XX"));
    }
}
