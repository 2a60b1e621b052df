"""Areas of control (#20): Voronoi cells clipped to the country and a radius, front lines between holders;
a small hand-made case, and the API endpoint on the bundled store."""
from shapely.geometry import Point, shape

from frontlines.control_areas import MAX_KM, areas


def row(location, lat, lon, controller, contested=False, country="Syria"):
    return {"location": location, "country": country, "latitude": lat, "longitude": lon, "controller": controller,
            "contested": contested, "since": "2017-11-01", "event_id": location.lower()}


def test_areas_and_the_front_line_between_two_holders():
    rows = [row("Alpha", 35.33, 40.14, "Military Forces of Syria"),
            row("Beta", 35.33, 40.40, "SDF"),                       # ~24 km east: the two areas meet
            row("Gamma", 34.45, 40.92, "Military Forces of Syria"),   # ~115 km away: no shared edge
            row("Nowhere", None, None, "SDF")]                       # no coordinates: no area
    fc = areas(rows)
    polys = [f for f in fc["features"] if f["properties"]["kind"] == "area"]
    fronts = [f for f in fc["features"] if f["properties"]["kind"] == "front"]
    assert sorted(f["properties"]["location"] for f in polys) == ["Alpha", "Beta", "Gamma"]
    assert fc["holders"] == ["Military Forces of Syria", "SDF"]
    geo = {f["properties"]["location"]: shape(f["geometry"]) for f in polys}
    assert geo["Alpha"].contains(Point(40.14, 35.33)) and not geo["Alpha"].contains(Point(40.40, 35.33))
    assert not geo["Alpha"].overlaps(geo["Beta"])            # Voronoi cells: no place is in two areas
    assert geo["Gamma"].bounds[2] - geo["Gamma"].bounds[0] <= 2 * MAX_KM / 111.32 / 0.8   # the circle bounds it
    assert len(fronts) == 1 and fronts[0]["properties"]["between"] == ["Military Forces of Syria", "SDF"]
    line = shape(fronts[0]["geometry"])
    assert abs(line.centroid.x - 40.27) < 0.02               # mid-way between the two places


def test_an_area_stays_inside_its_country():
    # Al-Qaim (Iraq) is 5 km from the Syrian border: its area does not spill into Syria
    fc = areas([row("Al Qaim", 34.37, 41.09, "Military Forces of Iraq", country="Iraq")])
    area = shape(fc["features"][0]["geometry"])
    assert not area.contains(Point(40.95, 34.45))            # Abu Kamal's side of the border
    assert area.contains(Point(41.15, 34.35))


def test_a_contested_area_has_front_lines_even_with_one_holder():
    fc = areas([row("Alpha", 35.33, 40.14, "SDF", contested=True), row("Beta", 35.33, 40.40, "SDF")])
    assert [f["properties"]["contested"] for f in fc["features"] if f["properties"]["kind"] == "area"] == [True, False]
    assert any(f["properties"]["kind"] == "front" for f in fc["features"])


def test_the_api_serves_areas_at_a_date(sample_store):
    from fastapi.testclient import TestClient
    from frontlines.server import create_app
    api = TestClient(create_app(str(sample_store)))
    now = api.get("/api/control/areas").json()
    assert now["type"] == "FeatureCollection" and now["features"]
    early = api.get("/api/control/areas", params={"at": "2012-01-01"}).json()
    assert early["features"] == []                          # nothing was held before any territorial event
    assert api.get("/api/control/areas", params={"at": "yesterday"}).status_code == 422
