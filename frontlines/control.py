"""Territorial control over time, derived from territorial events.

"Government regains territory", "Non-state actor overtakes territory" and "Non-violent
transfer of territory" events say that actor1 took a place (from actor2) on a date. A
place's timeline is those events in date order; an entry is *contested* when another
event at the same place, close in time, names a different actor as taking it.
"""
from __future__ import annotations

from datetime import date
from typing import Optional, Union

from .geo import haversine_km, norm, skeleton
from .taxonomy import GOV_REGAINS, NSA_OVERTAKES

TERRITORY = {GOV_REGAINS, NSA_OVERTAKES, "Non-violent transfer of territory"}
CONTEST_DAYS = 7
WINDOW = {1: 1, 2: 7, 3: 31}
SAME_PLACE_KM = 15.0


def _day(s) -> Optional[date]:
    if isinstance(s, date):
        return s
    try:
        return date.fromisoformat(str(s)[:10])
    except (TypeError, ValueError):
        return None


def place_key(ev: dict) -> tuple:
    return (ev.get("country") or "", norm(ev.get("location") or ""))


def timeline(events: list[dict]) -> list[dict]:
    """Control changes at one place, oldest first, with evidence and contested claims marked."""
    entries = []
    for ev in sorted((e for e in events if e.get("sub_event_type") in TERRITORY),
                     key=lambda e: (e.get("event_date") or "", e.get("event_id") or "")):
        entries.append({"date": ev.get("event_date"), "time_precision": ev.get("time_precision"),
                        "controller": ev.get("actor1") or None, "previous": ev.get("actor2") or None,
                        "sub_event_type": ev["sub_event_type"], "event_id": ev.get("event_id"),
                        "n_sources": ev.get("n_sources", 1), "sources": ev.get("sources") or [],
                        "evidence": ev.get("evidence") or "", "contested": False, "rival_claims": []})
    for a in entries:
        da = _day(a["date"])
        for b in entries:
            db = _day(b["date"])
            if b is a or da is None or db is None or not a["controller"] or not b["controller"]:
                continue
            window = max(CONTEST_DAYS, WINDOW.get(a["time_precision"] or 3, 31), WINDOW.get(b["time_precision"] or 3, 31))
            if a["controller"] != b["controller"] and abs((da - db).days) <= window:
                a["contested"] = True
                a["rival_claims"].append({"controller": b["controller"], "date": b["date"], "event_id": b["event_id"]})
    return entries


def controller_at(entries: list[dict], when: Union[str, date]) -> dict:
    """Who held the place on a date: the last change up to then (contested if its claim is)."""
    when = _day(when)
    past = [e for e in entries if _day(e["date"]) is not None and _day(e["date"]) <= when]
    if not past:
        return {"controller": None, "since": None, "contested": False, "event_id": None}
    last = past[-1]
    return {"controller": last["controller"], "since": last["date"], "contested": last["contested"],
            "rival_claims": last["rival_claims"], "event_id": last["event_id"], "evidence": last["evidence"]}


def _places(events: list[dict]) -> dict[tuple, list[dict]]:
    out: dict[tuple, list[dict]] = {}
    for ev in events:
        if ev.get("sub_event_type") in TERRITORY and ev.get("location"):
            out.setdefault(place_key(ev), []).append(ev)
    return out


def find_place(events: list[dict], name: str) -> list[dict]:
    """The territorial events at the place a person names: by name, by spelling skeleton
    (Deir Ezzor ~ Deir ez-Zor), else within 15 km of where the gazetteer puts the name."""
    groups = _places(events)
    want, want_skel = norm(name), skeleton(norm(name))
    hits = [k for k in groups if k[1] == want] or [k for k in groups if skeleton(k[1]) == want_skel]
    if not hits:
        from .geo import gazetteer
        p = gazetteer().resolve(name)
        if p is not None:
            hits = [k for k, evs in groups.items() if any(
                e.get("latitude") is not None and
                haversine_km(p.latitude, p.longitude, e["latitude"], e["longitude"]) <= SAME_PLACE_KM for e in evs)]
    if not hits:
        return []
    best = max(hits, key=lambda k: len(groups[k]))
    return groups[best]


def query(events: list[dict], place: str, at: Optional[Union[str, date]] = None) -> dict:
    evs = find_place(events, place)
    out = {"query": place, "place": evs[0]["location"] if evs else None, "country": evs[0].get("country") if evs else None,
           "timeline": timeline(evs)}
    if at is not None:
        out["at"] = str(at)[:10]
        out.update(controller_at(out["timeline"], at))
    return out


def overview(events: list[dict], at: Optional[Union[str, date]] = None) -> list[dict]:
    """Every place with a control change: who held it at `at` (default: latest)."""
    rows = []
    for key, evs in _places(events).items():
        tl = timeline(evs)
        cur = controller_at(tl, at or date.max)
        if cur["since"] is None:
            continue
        rows.append({"location": evs[0]["location"], "country": evs[0].get("country"),
                     "latitude": evs[0].get("latitude"), "longitude": evs[0].get("longitude"), **cur,
                     "changes": len(tl)})
    return sorted(rows, key=lambda r: (r["country"] or "", r["location"]))
