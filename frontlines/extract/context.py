"""What a whole report says: which countries and first-level areas it is about, its focus place, its
salient armed group, the people it names, and every name read in that context (DocContext.place). Built
once a report, before events; every sentence's mentions (mentions.py) are read in passes until stable."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Optional

from ..actors import registry
from .. import villages
from ..geo import ADMIN_SUFFIX, PLACE_ENDING, Place, gazetteer, is_own_name, nearest_km, norm
from .areas import _names_a_place
from .lexicon import AREAS, BROAD, PEOPLE_WORDS
from .mentions import SentenceMentions
from .patterns import LOWER_DIRECTION
from .syntax import text_of
from .toponyms import _across, _country_name, _unpossessed, _who_not_where, dateline, tellers, water

ACTOR_ONLY_WEIGHT = 0.3
BIG_CITY = 500_000   # a city this large is what its name means, whatever village abroad shares it
BESIDE_KM = 100   # a town this close to another the report names is in its neighbourhood


class DocContext:
    """What the whole report says: its countries, focus place and salient armed group."""

    def __init__(self, doc, published: date, home: Optional[str] = None):
        g = gazetteer()
        self.published = published
        self.rules_said: dict[int, dict] = {}   # sentence index -> what the rules said of it (learned.features)
        counts, placed = Counter(), set()
        # a name's sense in this report: a short country name the report names in full ("Congo"), and
        # below, "LONDON, Ky. ... London Police": a name the text once puts in its area keeps that sense
        self.senses: dict[str, Place] = _short_country_names(doc)
        for ent in doc.ents:
            # a country's own name NER took for an organisation or a person ("on Cameroon's northern border",
            # "violence that rocked Burkina Faso") is the country
            if ent.label_ in ("GPE", "NORP", "LOC") or ent.label_ in ("ORG", "PERSON") and _country_name(ent.text):
                sense = self.senses.get(norm(ent.text))
                cc = sense.country_code if sense else g.country_code(ent.text)
                if cc and g.area_namesake(ent.text):
                    continue   # "Georgia" may be the US state: the places around it tell
                if _across(ent.root):
                    continue   # "near the border with Cameroon": beside that country, not in it
                if cc:
                    counts[cc] += 1
                    if not _who_not_where(ent):
                        placed.add(cc)
        if home and not placed:   # a report that names no country as a place is of its source's ("Star
            counts[home] += 1     # (Kenya)", .na): "Sudanese tribesmen raid village" is about Kenya
            placed.add(home)
        total = sum(counts.values()) or 1
        # a country named only as a modifier ("U.S. drone strike", "U.S.-backed forces") says who
        # acted, not where: it may not outweigh a city's size (Kabul, not Cabool, Missouri)
        self.countries = {cc: n / total if cc in placed else min(n / total, ACTOR_ONLY_WEIGHT)
                          for cc, n in counts.items()}
        groups = Counter(m.name for m in registry().mentions(text_of(doc))
                         if m.name and m.kind in ("rebel", "militia"))
        if not placed:   # a report that names no country is read in those its armed groups fight in (Boko
            for name, _ in groups.most_common():   # Haram's Baga is Nigeria's, not a village of Catalonia)
                for cc in registry().operates.get(name, []):
                    self.countries.setdefault(cc, ACTOR_ONLY_WEIGHT)
        named = dict(self.countries)
        self.places: dict[tuple, Optional[Place]] = {}
        self.admins: dict[tuple, float] = {}
        self.points: list[tuple] = []   # (name, latitude, longitude) of the towns and districts found so far
        self.others: dict[str, dict] = {}   # a name -> the country weights of the rest of the report
        self.focus = None
        self.towns = []
        self.actors: dict[int, list] = {}   # a sentence's start -> its actor mentions (mentions._actors)
        self.salient_group = groups.most_common(1)[0][0] if groups else None
        # "Adam Moore ... Moore said": a surname the report gives a person is that person elsewhere too
        self.surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
        self.person_words = {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
        # "the Bissa ethnic group", "Somali and Maasai pastoralists": a people's name is no town elsewhere
        # (a name NER also calls a place elsewhere in the report is that place: "Yemen's Saada", "in Saada")
        as_place = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC")}
        self.peoples = {e.text for e in doc.ents if e.label_ == "NORP" and e.text not in as_place and
                        (g.country_code(e.text) or not _names_a_place(e.text))} | \
            {t.nbor(-1).text for t in doc if t.lower_ in PEOPLE_WORDS and t.i > 0 and t.nbor(-1).is_title}
        first_para_end = min(len(text_of(doc)), 600)
        # passes: the places found first tell which countries and areas the report is about, and every
        # name is then resolved again in that context, until a pass reads every name as the one before
        # ("Avondale Estates", found once the report is known to be about the US, puts Decatur in Georgia)
        before = kept = None
        for _ in range(4):
            focus = Counter()
            self.mentions = {}
            found, areas, towns, found_by, who = Counter(), Counter(), set(), {}, Counter()
            for sent in doc.sents:
                sm = self.mentions[sent.start] = SentenceMentions(sent, self)
                for p, span in sm.places + sm.implied:
                    if water(span):
                        continue   # "the Red Sea port city of Hodeidah" says nothing of Sudan's Red Sea state
                    if p.kind == "country" and _across(span.root):
                        continue   # the other side of a border says nothing of who or where
                    if p.kind == "country" and _who_not_where(span):
                        who[p.country_code] += 1   # "a U.S. drone strike", "Sudanese tribesmen": who, not where
                        continue
                    if p.kind not in BROAD and not dateline(span) and not tellers(span, p):
                        # (a name only the gazetteer matcher found, "Dan-Borno" of a motor park's, counts half)
                        focus[p] += (2 if span.start_char < first_para_end else 1) * \
                            (0.5 if (span.start, span.end) in sm.matched else 1)
                    # a country or an area counts each time it is named; a town once, or a town named
                    # often would pull its namesakes into its own area and country (Gainesville, Florida
                    # for Texas's; Dublin, Ireland for Ohio's)
                    again = p.kind not in BROAD + AREAS and p in towns
                    towns.add(p)
                    if p.country_code and not again:
                        e = _evidence(p, span, sm)
                        found[p.country_code] += e
                        found_by.setdefault(norm(span.text), Counter())[p.country_code] += e
                    # a village only the user's gazetteer knows does not say which area the report is about
                    # ("FAMa", the army's acronym, is a village of Sikasso: it may not pull the report there)
                    if p.admin1 and p.kind not in BROAD and not again and \
                            (p.kind != "city" or p.population):
                        if p.kind == "admin1" or g.one_state_county(p):
                            areas[(p.country_code, p.admin1)] += 1
                        else:   # a town's name votes for each area that has a town (county) of that name
                            for a, w in g.name_areas(span.text, p).items():   # Paris is little evidence of France
                                areas[a] += 0.25 * w * (0.3 if g.ambiguous(span.text) else 1)
            if not found and not placed:   # with nothing else to go by, who acted says something of where
                found = who
            read = [(span.start, p) for sm in self.mentions.values() for p, span in sm.places]
            if not found and kept:
                # the context the last pass drew refused every place it had read ("North Darfur" read against a
                # Turkmen "Jebel", the report's only other name): that pass's reading stands
                self.mentions, focus, self.places = kept
                break
            if not found or read == before:
                break
            before, kept = read, (self.mentions, focus, self.places)
            # each point once: a long report names the same towns again and again (only the nearest counts)
            self.points = list(dict.fromkeys((norm(span.text), p.latitude, p.longitude) for sm in self.mentions.values()
                                             for p, span in sm.places if p.kind not in BROAD + ("admin1",)))
            self.countries = _country_weights(named, found)
            # a name is resolved by what the rest of the report says, not by where it was read before
            # (Otu, read as Otsu, must not make a report about Kogi State half about Japan)
            self.others = {name: _country_weights(named, found - own) for name, own in found_by.items()}
            n = sum(areas.values())
            self.admins = {a: k / n for a, k in areas.items()} if n else {}
            self.places = {}
        self.focus = focus.most_common(1)[0][0] if focus else None
        self.towns = [p for p, _ in focus.most_common() if p.kind not in AREAS]   # the report's towns, most told first
        if self.focus is None and self.countries:   # the country it names as a place, or of the places it
            self.focus = g.country_place(max(self.countries, key=self.countries.get))   # names (Kyiv: Ukraine)

    def near(self, name: str) -> list[tuple]:
        """The points of the other towns and districts the report names."""
        n = norm(name)
        return [(lat, lon) for other, lat, lon in self.points if other != n]

    def beside(self, p: Place, name: str) -> bool:
        """Whether p lies within BESIDE_KM of another town or district the report names."""
        near = self.near(name)
        return bool(near) and nearest_km(p, near) <= BESIDE_KM

    def place(self, name: str, within: Optional[Place] = None) -> Optional[Place]:
        """The place a name most likely is in this report; `within` is an area the text puts it in
        ("Charleston, W.Va.")."""
        name = _unpossessed(name)   # NER's "El Salvador's"
        name = LOWER_DIRECTION.sub("", name)   # NER's "northeast Nigeria" (not "South Sudan")
        key = (name.lower(), within)
        if key not in self.places:
            if not _plausible_name(name):
                self.places[key] = None
            elif within is not None:
                cc = within.country_code
                admins = {(cc, within.admin1): 2.0} if within.kind == "admin1" else self.admins
                self.places[key] = gazetteer().resolve(name, {cc: 2.0}, admins=admins) or \
                    _village(name, {cc: 2.0}, admins, self.near(name))
            else:
                countries = self.others.get(norm(name), self.countries)
                p = self.senses.get(norm(name)) or \
                    gazetteer().resolve(name, countries, near=self.near(name), admins=self.admins)
                if p is None or p.kind == "city" and p.population < BIG_CITY and \
                        (_abroad(p, countries) or _alias_abroad(name, p, countries)):
                    # a village of the report's country (not "Kibara", Tanzania, for Nairobi's Kibera; but
                    # Peshawar is Pakistan's city in a report about Afghanistan, not a hamlet of Nuristan)
                    p = _village(name, countries, self.admins, self.near(name)) or p
                self.places[key] = p
        return self.places[key]


def _short_country_names(doc) -> dict:
    """ "Congo" in a report that names the Democratic Republic of Congo is that country, not the other
    country whose name it also is: a country's name inside another's the report gives means that one."""
    g = gazetteer()
    names = {}
    for e in doc.ents:
        text = LOWER_DIRECTION.sub("", _unpossessed(e.text))   # "eastern Democratic Republic of Congo's"
        cc = g.country_code(text) if e.label_ in ("GPE", "LOC") else None
        if cc:
            names[text] = cc
    return {norm(short): g.country_place(names[full]) for short in names for full in names
            if len(full) > len(short) and names[full] != names[short] and
            re.search(rf"\b{re.escape(short)}\b", full)}


def _abroad(p: Place, countries: dict) -> bool:
    """A town in a country the report hardly names, while it clearly names another."""
    top = max(countries.values(), default=0)
    return top >= 0.3 and countries.get(p.country_code, 0) < 0.1 * top


def _alias_abroad(name: str, p: Place, countries: dict) -> bool:
    """A town found by a name not its own ("Kibera" for Kibara), outside the report's main country."""
    top = max(countries, key=countries.get, default=None)
    return p.country_code != top and not is_own_name(norm(name), p.name)


def _village(name: str, countries: dict, admins: dict, near: list = ()) -> Optional[Place]:
    """A populated place of the user's village-level gazetteer (villages.py) in a country the report is
    about (never elsewhere: a village of that name abroad is not meant), in an area it names when it
    names areas of that country ("FAMa" is no village of Sikasso in a report about Mopti region)."""
    top = max(countries.values(), default=0)
    ccs = tuple(cc for cc, w in sorted(countries.items(), key=lambda kv: -kv[1]) if w >= 0.2 * top and w > 0)[:3]
    if not ccs and norm(name) not in gazetteer().by_name:
        # a report that names no country: a village of the one country that has it, if no town is so named
        ccs = tuple(cc for cc in [villages.only_country(name)] if cc)
    if not ccs:
        return None
    areas = tuple(sorted(a for a, w in admins.items() if w >= 0.2 and a[0] in ccs))
    bare = PLACE_ENDING.sub("", norm(name)).strip()
    p = villages.lookup(name, ccs, areas) or (villages.lookup(bare, ccs, areas) if bare != norm(name) else None)
    if p is not None and p.admin1 and any(a[0] == p.country_code for a in areas) and \
            (p.country_code, p.admin1) not in areas and not (near and nearest_km(p, near) <= BESIDE_KM):
        # a report about Mopti region means none of the villages of that name elsewhere in Mali, unless
        # beside a town it names ("near Kom village (Merti, Isiolo)": Kom is over the Samburu line)
        return None
    return p


def _country_weights(named: dict, found: Counter) -> dict:
    """The weight of each country in a report: its names' own weight plus half the share of the
    places found in it."""
    n = sum(found.values())
    return {cc: named.get(cc, 0) + 0.5 * k / n for cc, k in found.items()} | \
        {cc: w for cc, w in named.items() if cc not in found}


def _evidence(p: Place, span, sm) -> float:
    """How much a resolved place tells which country a report is about: a country, an area or a
    city everyone knows says much; a small town, a name found only by the gazetteer matcher, or a
    name many countries have (Paris, Georgia) says little."""
    w = 1.0 if p.kind != "city" or p.population >= 100_000 else 0.3
    if (span.start, span.end) in sm.matched and not ADMIN_SUFFIX.search(span.text.lower()):
        w *= 0.3
    if gazetteer().ambiguous(span.text):
        w *= 0.3
    if p.kind in AREAS + ("city",) and not is_own_name(norm(span.text), p.name):
        # found by an alias unlike its name (Tor, an old name of Slovyansk): hardly evidence of its country
        w *= 0.1
    return w


def _plausible_name(name: str) -> bool:
    return bool(re.search(r"[A-Z]", name)) and len(name) >= 2 and not name.isdigit()

