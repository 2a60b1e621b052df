"""The web map in a real headless Chromium (Debian's chromium, driven by Playwright), with every request
off this machine refused: load, filter, move the timeline, click an event and read its evidence;
clusters that expand; the base map's areas and town names; areas of control at a date; brushing the
trends chart; the table, its sorting and its downloads; a report with markup stays text. Screenshots
are left in test-artifacts/."""
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
FRONT = ["The Syrian army took control of the town of Al-Mayadin from Islamic State on Tuesday, state media said.",
         "Syrian Democratic Forces captured the town of Dhiban in Deir ez-Zor province from Islamic State on Tuesday."]
XSS = "Gunmen killed three people in Kano on Monday <img src=x onerror=alert(1)>, police said."


@pytest.fixture(scope="module")
def site(sample_store, tmp_path_factory):
    import uvicorn
    from fastapi.testclient import TestClient
    from frontlines.server import create_app
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: scripts/test.sh installs it for CI")
        pytest.skip("no chromium")
    db = tmp_path_factory.mktemp("web") / "web.db"
    shutil.copy(sample_store, db)
    app = create_app(str(db), "t")
    client = TestClient(app)
    xss_id = client.post("/api/reports", json={"text": XSS, "published": "2021-03-02"},
                         headers={"Authorization": "Bearer t"}).json()["event_ids"][0]
    for text in FRONT:   # two holders 45 km apart in one country: a front line between their areas
        assert client.post("/api/reports", json={"text": text, "published": "2021-03-03"},
                           headers={"Authorization": "Bearer t"}).json()["event_ids"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", TestClient(app), xss_id
    server.should_exit = True


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def _offline(page, url) -> list:
    """Refuse every request of the page that leaves `url`; the list of those refused."""
    outside = []

    def only_here(route):
        if route.request.url.startswith(url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()
    page.route("**/*", only_here)
    return outside


def _open(browser, url, width=1400, height=900):
    """A page of the map, loaded with no request leaving this machine; (page, errors, outside requests)."""
    page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    outside = _offline(page, url)
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=30000)
    return page, errors, outside


def _done(page, errors, outside, shot=None):
    """No script error and no request off the machine; a screenshot if named; the page closed."""
    assert errors == [] and outside == []
    if shot:
        _shot(page, shot)
    page.close()


def _shot(page, name):
    page.wait_for_timeout(500)   # let a zoom animation settle
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


ON_MAP = """() => document.querySelectorAll('path.event-marker').length +
    [...document.querySelectorAll('.cluster')].reduce((n, c) => n + Number(c.textContent), 0)"""


def _on_map(page, expected):
    """Wait until the events drawn on the map (single markers plus the counts of the clusters) are
    `expected` (a zoom animation draws old and new clusters for a moment); the count drawn."""
    try:
        page.wait_for_function(f"({ON_MAP})() === {expected}", timeout=5000)
    except Exception:
        pass
    return page.evaluate(ON_MAP)


def _show(page, event_id):
    """Zoom in on the event until its own marker is drawn: events at one point never come apart by
    zooming, so their cluster is spread out (markercluster's zoomToShowLayer waits for icons, which
    circle markers lack)."""
    page.evaluate("""id => new Promise((ok) => {
        const m = state.markers.get(id);
        map.setView(m.getLatLng(), 12, {animate: false});
        setTimeout(() => {   // markercluster regroups after the zoom
            const parent = clusters.getVisibleParent(m);
            if (parent && parent !== m) { clusters.once("spiderfied", () => ok()); parent.spiderfy(); } else ok();
        }, 300);
        setTimeout(ok, 5000); })""", event_id)
    page.wait_for_selector(f"path[data-event-id='{event_id}']")


def test_map_filter_timeline_event_evidence(site, browser):
    url, api, xss_id = site
    page, errors, outside = _open(browser, url)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    items = api.get("/api/events", params={"limit": 5000}).json()["items"]
    total = len(items)
    assert page.inner_text("#count").startswith(f"{total} events")
    placed = sum(e["latitude"] is not None for e in items)
    assert _on_map(page, placed) == placed

    page.select_option("#f-type", "Battles")
    battles = api.get("/api/events", params={"type": "Battles"}).json()["total"]
    page.wait_for_function(f"document.getElementById('count').textContent.startsWith('{battles} events')")
    assert 0 < battles < total

    # the slider at the day of an early battle: the battles up to that day
    days = sorted({e["event_date"] for e in items if e["event_type"] == "Battles"})
    day = next(d for d in days if d >= page.evaluate("state.span[0]"))
    page.evaluate("""d => { const s = document.getElementById('f-date');
        s.value = String(Math.round((toDay(d) - toDay(state.span[0])) / DAY)); s.dispatchEvent(new Event('input')); }""", day)
    page.wait_for_function(f"document.getElementById('date-label').textContent === '{day}'")
    early = api.get("/api/events", params={"type": "Battles", "until": day}).json()["total"]
    page.wait_for_function(f"document.getElementById('count').textContent.startsWith('{early} events')")
    assert early < battles
    page.click("#reset")
    page.wait_for_function(f"document.getElementById('count').textContent.startsWith('{battles} events')")

    ev_id = next(e["event_id"] for e in items if e["event_type"] == "Battles" and e["latitude"] is not None)
    page.locator(f"#events-table tr[data-event-id='{ev_id}']").click()   # a row of the table opens it
    page.wait_for_function(f"document.getElementById('panel').dataset.eventId === '{ev_id}'")
    ev = api.get(f"/api/events/{ev_id}").json()
    assert page.locator("#panel mark").first.inner_text().strip() == ev["mentions"][0]["evidence"].strip()
    assert ev["sub_event_type"] in page.inner_text("#panel h2")

    page.select_option("#f-type", "")
    page.wait_for_function(f"document.getElementById('count').textContent.startsWith('{total} events')")
    _show(page, xss_id)
    page.locator(f"path[data-event-id='{xss_id}']").dispatch_event("click")
    page.wait_for_function(f"document.getElementById('panel').dataset.eventId === '{xss_id}'")
    assert "<img src=x onerror=alert(1)>" in page.inner_text("#panel")
    assert page.locator("#panel img").count() == 0 and dialogs == []
    _done(page, errors, outside, "web-map.png")


def test_clusters_expand_and_the_base_map_names_places(site, browser):
    url, api, _ = site
    page, errors, outside = _open(browser, url)
    page.evaluate("map.setView([33, 42], 3, {animate: false}) && null")   # Syria and Iraq: one pile at this zoom
    page.wait_for_selector(".cluster")
    biggest = max(int(t) for t in page.locator(".cluster").all_inner_texts())
    assert biggest >= 3
    page.locator(".cluster", has_text=str(biggest)).first.click()   # a click zooms into it
    page.wait_for_function("map.getZoom() > 3")
    page.wait_for_function(f"![...document.querySelectorAll('.cluster')].some(c => c.textContent === '{biggest}')")
    assert page.locator("path.event-marker").count() + page.locator(".cluster").count() > 1   # it came apart
    assert page.locator("path.admin1").count() == 0 or page.evaluate("map.getZoom()") >= 5
    page.evaluate("map.setView([35.3, 40.1], 7, {animate: false}) && null")   # Deir ez-Zor
    page.wait_for_selector(".place-label")
    names = page.locator(".place-label").all_inner_texts()
    assert any("Deir" in n or "Dayr" in n for n in names), names[:20]
    assert page.locator("path.admin1").count() > 0 and page.locator(".admin-label").count() > 0
    page.evaluate("map.setView([20, 20], 2, {animate: false}) && null")
    page.wait_for_timeout(300)
    assert page.locator("path.admin1").count() == 0 and page.locator(".admin-label").count() == 0
    page.evaluate("map.setView([35.3, 40.1], 7, {animate: false}) && null")
    _done(page, errors, outside, "web-basemap.png")


def test_areas_of_control_at_a_date(site, browser):
    url, api, _ = site
    page, errors, outside = _open(browser, url)
    page.check("#f-control")
    latest = api.get("/api/control/areas").json()
    n_areas = sum(f["properties"]["kind"] == "area" for f in latest["features"])
    n_fronts = sum(f["properties"]["kind"] == "front" for f in latest["features"])
    assert n_areas and n_fronts
    page.wait_for_function(f"document.querySelectorAll('path.control-area').length === {n_areas}")
    assert page.locator("path.front-line").count() == n_fronts
    legend = page.inner_text(".control-legend")
    assert all(h in legend for h in latest["holders"])
    # the day before the two places near Deir ez-Zor changed hands: fewer areas, no front
    day = "2021-03-01"
    page.evaluate("""d => { const s = document.getElementById('f-date');
        s.value = String(Math.round((toDay(d) - toDay(state.span[0])) / DAY)); s.dispatchEvent(new Event('input')); }""", day)
    page.wait_for_function(f"document.getElementById('date-label').textContent === '{day}'")
    then = api.get("/api/control/areas", params={"at": day}).json()
    n_then = sum(f["properties"]["kind"] == "area" for f in then["features"])
    assert n_then < n_areas
    page.wait_for_function(f"document.querySelectorAll('path.control-area').length === {n_then}")
    assert page.locator("path.front-line").count() == 0
    page.click("#reset")
    page.wait_for_function(f"document.querySelectorAll('path.control-area').length === {n_areas}")
    page.evaluate("map.setView([35.2, 40.3], 8, {animate: false}) && null")
    _done(page, errors, outside, "web-control.png")


def test_brushing_the_trends_chart_filters_the_table_and_downloads_hold_its_rows(site, browser):
    url, api, _ = site
    page, errors, outside = _open(browser, url)
    box = page.locator("#trends svg").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.45, y)   # drag across the chart's later half
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, y, steps=5)
    page.mouse.move(box["x"] + box["width"] - 40, y, steps=5)
    page.mouse.up()
    page.wait_for_function("document.getElementById('window-label').textContent.includes(' to ')")
    since, until = page.inner_text("#window-label").split(" to ")
    want = api.get("/api/events", params={"since": since, "until": until, "limit": 5000}).json()["items"]
    page.wait_for_function(f"document.getElementById('count').textContent.startsWith('{len(want)} events')")
    rows = page.evaluate("table.rows.map(r => [r.event_id, r.event_date])")
    assert rows and all(since <= d <= until for _, d in rows)
    assert {i for i, _ in rows} <= {e["event_id"] for e in want}
    assert page.locator("#events-table tbody tr").count() == len(rows)

    page.locator("#events-table th", has_text="fatalities").click()
    shown = [r for r in page.evaluate("table.rows.map(r => r.fatalities)")]
    assert shown == sorted(shown, reverse=True)
    first_row = page.locator("#events-table tbody tr").first
    first_id = first_row.get_attribute("data-event-id")
    first_row.click()
    page.wait_for_function(f"document.getElementById('panel').dataset.eventId === '{first_id}'")

    with page.expect_download() as dl:
        page.click("#dl-csv")
    import csv
    import io
    lines = list(csv.DictReader(io.StringIO(open(dl.value.path(), encoding="utf-8").read())))
    table_ids = page.evaluate("table.rows.map(r => r.event_id)")
    assert [r["event_id"] for r in lines] == table_ids
    assert lines[0]["fatalities"] == str(page.evaluate("table.rows[0].fatalities"))
    with page.expect_download() as dl:
        page.click("#dl-geojson")
    import json
    fc = json.loads(open(dl.value.path(), encoding="utf-8").read())
    assert [f["properties"]["event_id"] for f in fc["features"]] == table_ids
    _done(page, errors, outside, "web-trends-table.png")


def test_play_moves_the_window_forward_and_pause_stops_it(site, browser):
    url, _, _ = site
    page, errors, outside = _open(browser, url)
    page.select_option("#f-window", "365")
    page.eval_on_selector("#f-date", "el => { el.value = '0'; el.dispatchEvent(new Event('input')); }")
    page.click("#play")
    page.wait_for_function("document.getElementById('play').textContent.includes('pause')")
    first = page.inner_text("#date-label")
    page.wait_for_function(f"document.getElementById('date-label').textContent > '{first}'", timeout=5000)
    page.click("#play")   # pause
    assert "play" in page.inner_text("#play")
    held = page.inner_text("#date-label")
    page.wait_for_timeout(1600)   # two ticks would have passed
    assert page.inner_text("#date-label") == held
    since, until = page.inner_text("#window-label").split(" to ")
    assert until == held and since < until
    _done(page, errors, outside)


def test_evidence_panel_shows_only_the_last_event_clicked(site, browser):
    """Click event A, then quickly event B while A's answer is still on its way: the panel shows B's
    header with B's evidence only; a double click shows each evidence box once."""
    url, api, _ = site
    items = api.get("/api/events", params={"limit": 5000}).json()["items"]
    placed = [e for e in items if e["latitude"] is not None]
    a = max(placed, key=lambda e: e["n_sources"])   # several sources: its panel takes longest
    b = next(e for e in placed if e["event_id"] != a["event_id"] and e["sub_event_type"] != a["sub_event_type"])
    page, errors, _ = _open(browser, url, 1200, 800)
    # A's requests answer 600 ms late, as on a slow link
    page.evaluate("""(slow) => { const real = window.fetch;
        window.fetch = (u, ...r) => String(u).includes(slow) ? new Promise((ok) => setTimeout(ok, 600)).then(() => real(u, ...r))
                                                             : real(u, ...r); }""", a["event_id"])
    row = lambda e: page.locator(f"#events-table tr[data-event-id='{e['event_id']}']")   # noqa: E731
    row(a).dispatch_event("click")
    row(b).dispatch_event("click")
    page.wait_for_function(f"document.getElementById('panel').dataset.eventId === '{b['event_id']}'")
    page.wait_for_timeout(1200)   # A's late answer has come back by now
    b_full = api.get(f"/api/events/{b['event_id']}").json()
    assert page.evaluate("document.getElementById('panel').dataset.eventId") == b["event_id"]
    assert page.inner_text("#panel h2") == b["sub_event_type"]
    assert page.locator("#panel .mention").count() == len(b_full["mentions"])

    row(a).dispatch_event("dblclick")
    row(a).dispatch_event("click")
    row(a).dispatch_event("click")
    page.wait_for_function(f"document.getElementById('panel').dataset.eventId === '{a['event_id']}'")
    page.wait_for_timeout(1500)
    a_full = api.get(f"/api/events/{a['event_id']}").json()
    assert page.locator("#panel .mention").count() == len(a_full["mentions"])
    assert errors == []
    page.close()


def test_api_docs_render_with_no_internet(site, browser):
    """/docs draws Swagger UI from the package's own assets: every request off this machine is refused."""
    url, _, _ = site
    page = browser.new_page()
    outside = _offline(page, url)
    page.goto(url + "/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=30000)
    assert "frontlines" in page.inner_text(".swagger-ui .info .title")
    assert page.locator(".opblock-summary-path", has_text="/api/events").count() >= 1
    assert outside == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "api-docs.png"))
    page.close()
