"""Build frontlines/data/countries.csv (ISO codes, name, demonym, other names) from the
countryinfo package's data files. Run once by hand after `pip install countryinfo`."""
import csv
import json
from pathlib import Path

import countryinfo

EXTRA = {  # common short forms the package lacks
    "US": ["U.S.", "US", "USA", "U.S.A.", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "CD": ["DRC", "DR Congo", "Democratic Republic of Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville", "Republic of Congo"],
    "SY": ["Syrian Arab Republic"], "RU": ["Russian Federation"], "KR": ["South Korea"],
    "KP": ["North Korea"], "CI": ["Ivory Coast", "Cote d'Ivoire"], "PS": ["Palestine", "Gaza", "West Bank"],
    "MM": ["Burma"], "CF": ["CAR", "Central African Republic"], "SS": ["South Sudan"],
}
# ACLED's country names where the package's differ: the name is the record's `country` and part of actor names
ACLED_NAMES = {"CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "SZ": "eSwatini"}
EXTRA_DEMONYMS = {"US": ["American", "U.S.", "US"], "GB": ["British"], "CD": ["Congolese"],
                  "PS": ["Palestinian"], "AF": ["Afghan"], "IL": ["Israeli"], "SO": ["Somali"]}


def main():
    root = Path(countryinfo.__file__).parent / "data"
    rows = []
    for f in sorted(root.glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        iso = d.get("ISO") or {}
        if not iso.get("alpha2"):
            continue
        a2 = iso["alpha2"]
        names = [n for n in d.get("altSpellings", []) if len(n) > 3] + EXTRA.get(a2, [])
        demonyms = [d.get("demonym") or ""] + EXTRA_DEMONYMS.get(a2, [])
        lat, lng = (d.get("latlng") or [None, None])[:2]
        if a2 == "US":
            lat, lng = 39.83, -98.58   # geographic centre of the contiguous US, not the factbook point
        name = ACLED_NAMES.get(a2, d["name"])
        names = [d["name"]] * (name != d["name"]) + [n for n in names if n != name]
        row = [a2, iso.get("alpha3", ""), name, "|".join(x for x in dict.fromkeys(demonyms) if x),
               "|".join(dict.fromkeys(names)), d.get("capital", ""), lat, lng]
        twin = next((r for r in rows if r[0] == a2), None)
        if twin is None:
            rows.append(row)
            continue
        # some codes have two files (Palestine, Vatican, Curaçao): keep one row, the one with coordinates
        best, other = (twin, row) if twin[6] is not None else (row, twin)
        for i in (3, 4):
            best[i] = "|".join(dict.fromkeys(x for x in (best[i] + "|" + other[i]).split("|") if x))
        rows[rows.index(twin)] = best
    out = Path(__file__).resolve().parent.parent / "frontlines" / "data" / "countries.csv"
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["iso2", "iso3", "name", "demonyms", "other_names", "capital", "latitude", "longitude"])
        w.writerows(rows)
    print(f"wrote {len(rows)} countries to {out}")


if __name__ == "__main__":
    main()
