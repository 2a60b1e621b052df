"""Cross-report merging: mentions of one event in several reports become one event.

A mention is an extracted event as a plain dict (Event.to_dict() plus `report_id`).
`score` says whether two mentions may be the same event and how alike they are;
`combine` turns a group of mentions into the merged event record.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Iterable, Optional

from .geo import haversine_km

DAY_WINDOW = {1: 1, 2: 7, 3: 31}   # days apart allowed, by the coarser time_precision
MAX_KM = 30.0                        # same place: within this distance
REGION_KM = 150.0                    # when one side only knows the region (geo_precision 3)
TOLL_SPREAD = 20                     # tolls rise as reports come in, but not twentyfold (plus 10)
# one blast or one protest is often typed differently by two reports (IED / suicide bomb, peaceful /
# with intervention); battles are not: a clash and a capture at one place are two ACLED events
SOFT_TYPES = {"Explosions/Remote violence", "Protests", "Riots"}
GENERIC = re.compile(r"^(Unidentified|Civilians|Protesters|Rioters)\b")
STOP = set("""that this with from have were been they their after said says during when which while about there
would could into more than other over also some what them then those where being these""".split())


def day(s: Optional[str]) -> Optional[date]:
    try:
        return date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


def named(actor: Optional[str]) -> Optional[str]:
    """The actor when it names someone (not a generic "Unidentified Armed Group", "Civilians"...)."""
    return actor if actor and not GENERIC.match(actor) else None


def words(text: str) -> set:
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower())
            if (len(w) > 3 and w not in STOP) or w.isdigit()}


def _km(a: dict, b: dict) -> Optional[float]:
    if None in (a.get("latitude"), a.get("longitude"), b.get("latitude"), b.get("longitude")):
        return None
    return haversine_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])


def score(a: dict, b: dict) -> Optional[float]:
    """How alike two mentions are (higher is closer), or None when they cannot be one event."""
    if a.get("event_type") != b.get("event_type"):
        return None
    same_sub = a.get("sub_event_type") == b.get("sub_event_type")
    if not same_sub and a.get("event_type") not in SOFT_TYPES:
        return None
    da, db = day(a.get("event_date")), day(b.get("event_date"))
    if da is None or db is None:
        return None
    days = abs((da - db).days)
    if days > DAY_WINDOW.get(max(a.get("time_precision") or 1, b.get("time_precision") or 1), 31):
        return None
    km = _km(a, b)
    if km is None:
        if not a.get("location") or a.get("location") != b.get("location") or a.get("country") != b.get("country"):
            return None
        km = 0.0
    if km > (REGION_KM if max(a.get("geo_precision") or 1, b.get("geo_precision") or 1) >= 3 else MAX_KM):
        return None
    actors_a = {x for x in (named(a.get("actor1")), named(a.get("actor2"))) if x}
    actors_b = {x for x in (named(b.get("actor1")), named(b.get("actor2"))) if x}
    p, q = named(a.get("actor1")), named(b.get("actor1"))
    if p and q and p != q and p not in actors_b and q not in actors_a:
        return None   # two different named perpetrators: two events
    fa, fb = a.get("fatalities") or 0, b.get("fatalities") or 0
    if fa and fb and max(fa, fb) > TOLL_SPREAD * min(fa, fb) + 10:
        return None   # 2 dead and 231 dead are not one bombing
    overlap = len(actors_a & actors_b) / len(actors_a | actors_b) if actors_a | actors_b else 0.0
    wa, wb = words(a.get("evidence", "")), words(b.get("evidence", ""))
    text = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
    return 1.0 + overlap + text + (0.3 if fa and fa == fb else 0.0) - (0 if same_sub else 0.3) \
        - 0.2 * days - 0.5 * km / MAX_KM


def best_event(mention: dict, candidates: dict[str, list[dict]]) -> Optional[str]:
    """The id of the event (id -> its mentions) this mention belongs to, or None for a new event.
    An event that already holds a mention from the same report is not a candidate: the
    extractor has already told that report's events apart."""
    best, best_score = None, None
    for event_id, ms in candidates.items():
        if any(m.get("report_id") == mention.get("report_id") for m in ms):
            continue
        scores = [score(mention, m) for m in ms]
        if None in scores:   # it must fit every mention of the event, not just the closest
            continue
        s = max(scores)
        if best_score is None or s > best_score:
            best, best_score = event_id, s
    return best


def cluster(mentions: Iterable[dict]) -> list[list[dict]]:
    """Group mentions in arrival order, as the store does one report at a time."""
    groups: dict[str, list[dict]] = {}
    for i, m in enumerate(mentions):
        key = best_event(m, groups)
        groups.setdefault(key if key is not None else str(i), []).append(m)
    return list(groups.values())


def _most_common(values: list) -> Optional[str]:
    values = [v for v in values if v]
    return Counter(values).most_common(1)[0][0] if values else None


def precision_rank(m: dict) -> tuple:
    """Sort key: the most precise mention (date, then place) first, the earliest among equals."""
    return m.get("time_precision") or 3, m.get("geo_precision") or 3, m.get("event_date") or ""


def toll(mentions: list[dict]) -> int:
    """The merged death toll: the latest report's ("death toll reaches 276" updates it), and among reports
    published the same day that disagree, the lowest (ACLED's most conservative figure)."""
    told = [(m.get("published") or "", m["fatalities"]) for m in mentions if m.get("fatalities")]
    if not told:
        return 0
    latest = max(p for p, _ in told)
    return min(f for p, f in told if p == latest)


def combine(mentions: list[dict]) -> dict:
    """The merged event: date and place from the most precise mention, the actors most sources
    name, the toll of the latest report (the lowest among reports of one day), and how many reports
    corroborate it."""
    best = min(mentions, key=precision_rank)
    a1 = _most_common([named(m.get("actor1")) for m in mentions]) or _most_common([m.get("actor1") for m in mentions])
    a2 = _most_common([x for m in mentions for x in [named(m.get("actor2"))] if x != a1]) or \
        _most_common([x for m in mentions for x in [m.get("actor2")] if x != a1])
    subs = Counter(m.get("sub_event_type") for m in mentions)
    sub = max(subs, key=lambda s: (subs[s], s == best.get("sub_event_type")))
    ev = {k: best.get(k) for k in ("event_type", "event_date", "time_precision", "country",
                                   "admin1", "location", "latitude", "longitude", "geo_precision")}
    ev.update(sub_event_type=sub, actor1=a1, actor2=a2, fatalities=toll(mentions),
              n_sources=len({m.get("report_id") for m in mentions}))
    return ev
