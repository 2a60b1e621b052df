"""Areas of control at a date, as GeoJSON: each controlled place's area is its Voronoi cell among the
controlled places of its country, clipped to the country's outline (data/country_shapes.json) and to
a circle of MAX_KM around the place; where two areas held by different actors touch, their shared
edge is the front line. The picture ISW or DeepStateMap readers know, drawn from the events alone."""
from __future__ import annotations

import json
import math
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Optional

MAX_KM = 30.0   # no place's area reaches further: control is known at the places the reports name
SHAPES = Path(__file__).parent / "data" / "country_shapes.json"


@lru_cache(maxsize=1)
def _shapes() -> dict:
    from shapely.geometry import shape
    return {iso: shape(g) for iso, g in json.loads(SHAPES.read_text(encoding="utf-8")).items()}


def _circle(lon: float, lat: float, km: float):
    """A circle of `km` around a point, in degrees (wider in longitude away from the equator)."""
    from shapely import affinity
    from shapely.geometry import Point
    r = km / 111.32
    return affinity.scale(Point(lon, lat).buffer(r, quad_segs=16), xfact=1 / max(0.05, math.cos(math.radians(lat))),
                          yfact=1.0)


def _country_code(row: dict) -> Optional[str]:
    from .geo import gazetteer
    return row.get("country_code") or (gazetteer().country_code(row["country"]) if row.get("country") else None)


def areas(rows: list[dict], max_km: float = MAX_KM) -> dict:
    """GeoJSON FeatureCollection from control rows (control.overview: location, country, latitude,
    longitude, controller, contested, since, event_id): a Polygon feature (kind "area") a place and
    a LineString feature (kind "front") for each stretch where different holders' areas meet."""
    import shapely
    from shapely.geometry import MultiPoint, mapping
    placed = [r for r in rows if r.get("latitude") is not None and r.get("longitude") is not None]
    by_country: dict = defaultdict(list)
    for r in placed:
        by_country[_country_code(r)].append(r)
    feats, cells = [], []
    for cc, group in by_country.items():
        outline = _shapes().get(cc) if cc else None
        points = {}
        for r in group:   # one cell a point; two places at one point share it
            points.setdefault((round(r["longitude"], 5), round(r["latitude"], 5)), []).append(r)
        if len(points) > 1:
            diagram = shapely.voronoi_polygons(MultiPoint(list(points)), extend_to=MultiPoint(list(points)).buffer(5))
            tree = shapely.STRtree([shapely.Point(p) for p in points])
            keys = list(points)
            owned = {}
            for cell in diagram.geoms:
                hit = tree.query(cell, predicate="contains")
                if len(hit):
                    owned[keys[hit[0]]] = cell
        else:
            owned = {}
        for (lon, lat), rs in points.items():
            area = _circle(lon, lat, max_km)
            if (lon, lat) in owned:
                area = area.intersection(owned[(lon, lat)])
            if outline is not None and outline.intersects(shapely.Point(lon, lat)):
                area = area.intersection(outline)
            if area.is_empty:
                continue
            r = rs[-1]
            props = {"kind": "area", "location": r["location"], "country": r.get("country"),
                     "controller": r.get("controller"), "since": r.get("since"), "contested": bool(r.get("contested")),
                     "event_id": r.get("event_id"), "places": [x["location"] for x in rs]}
            feats.append({"type": "Feature", "geometry": mapping(shapely.set_precision(area, 1e-4)), "properties": props})
            cells.append((area, owned.get((lon, lat)), props))
    feats += _fronts(cells)
    holders = sorted({p["controller"] for _, _, p in cells if p["controller"]})
    return {"type": "FeatureCollection", "features": feats, "holders": holders}


def _fronts(cells: list) -> list[dict]:
    """Lines where areas of different holders meet: the edge two Voronoi cells share, where both areas
    reach (a contested area's edges are front lines too)."""
    import shapely
    from shapely.geometry import mapping
    out = []
    tree = shapely.STRtree([a for a, _, _ in cells])
    for i, (a, ca, pa) in enumerate(cells):
        for j in tree.query(a):
            if j <= i:
                continue
            b, cb, pb = cells[j]
            if ca is None or cb is None or (pa["controller"] == pb["controller"] and
                                            not (pa["contested"] or pb["contested"])):
                continue
            edge = ca.intersection(cb).intersection(a.buffer(1e-6).intersection(b.buffer(1e-6)))
            lines = [g for g in getattr(edge, "geoms", [edge]) if g.geom_type in ("LineString", "MultiLineString")]
            if not lines or sum(g.length for g in lines) < 1e-4:
                continue
            line = shapely.line_merge(shapely.union_all(lines)) if len(lines) > 1 else lines[0]
            out.append({"type": "Feature", "geometry": mapping(shapely.set_precision(line, 1e-4)),
                        "properties": {"kind": "front", "between": sorted(filter(None, {pa["controller"],
                                                                                         pb["controller"]})),
                                       "places": [pa["location"], pb["location"]]}})
    return out
