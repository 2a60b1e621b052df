"""The web map in a real headless Chromium (Debian's chromium, driven by Playwright): load,
filter, move the timeline, click an event and read its evidence, the control layer; a report
with markup stays text. A screenshot is left in test-artifacts/."""
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
    xss_id = TestClient(app).post("/api/reports", json={"text": XSS, "published": "2021-03-02"},
                                  headers={"Authorization": "Bearer t"}).json()["event_ids"][0]
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


def test_map_filter_timeline_event_evidence_and_control(site, browser):
    url, api, xss_id = site
    page = browser.new_page(viewport={"width": 1400, "height": 850})
    errors, dialogs = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=30000)
    total = api.get("/api/events").json()["total"]
    assert page.inner_text("#count").startswith(f"{total} events")
    assert page.locator("path.event-marker").count() == sum(
        e["latitude"] is not None for e in api.get("/api/events").json()["items"])

    page.select_option("#f-type", "Battles")
    battles = api.get("/api/events", params={"type": "Battles"}).json()["total"]
    page.wait_for_function(f"document.getElementById('count').textContent.startsWith('{battles} events')")
    assert 0 < battles < total

    page.eval_on_selector("#f-date", "el => { el.value = '0'; el.dispatchEvent(new Event('input')); }")
    first_day = api.get("/api/facets").json()["first_date"]
    early = api.get("/api/events", params={"type": "Battles", "until": first_day}).json()["total"]
    page.wait_for_function(f"document.getElementById('count').textContent.startsWith('{early} events')")
    assert early < battles
    page.eval_on_selector("#f-date", "el => { el.value = el.max; el.dispatchEvent(new Event('input')); }")
    page.wait_for_function(f"document.getElementById('count').textContent.startsWith('{battles} events')")

    marker = page.locator("path.event-marker").first
    ev_id = marker.get_attribute("data-event-id")
    marker.dispatch_event("click")   # markers at one place overlap: click this one, not the one on top
    page.wait_for_selector("#panel mark")
    ev = api.get(f"/api/events/{ev_id}").json()
    assert page.locator("#panel mark").first.inner_text().strip() == ev["mentions"][0]["evidence"].strip()
    assert ev["sub_event_type"] in page.inner_text("#panel h2")

    page.check("#f-control")
    rows = [r for r in api.get("/api/control").json() if r["latitude"] is not None]
    page.wait_for_function(f"document.querySelectorAll('path.control-area').length === {len(rows)}")
    assert rows

    page.select_option("#f-type", "")
    page.wait_for_function(f"document.getElementById('count').textContent.startsWith('{total} events')")
    page.locator(f"path[data-event-id='{xss_id}']").dispatch_event("click")
    page.wait_for_function(f"document.getElementById('panel').dataset.eventId === '{xss_id}'")
    assert "<img src=x onerror=alert(1)>" in page.inner_text("#panel")
    assert page.locator("#panel img").count() == 0 and dialogs == [] and errors == []

    page.wait_for_timeout(800)   # let the zoom animation settle
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-map.png"))
    page.close()


def test_evidence_panel_shows_only_the_last_event_clicked(site, browser):
    """Click event A, then quickly event B while A's answer is still on its way: the panel shows B's
    header with B's evidence only; a double click shows each evidence box once."""
    url, api, _ = site
    items = api.get("/api/events", params={"limit": 5000}).json()["items"]
    placed = [e for e in items if e["latitude"] is not None]
    a = max(placed, key=lambda e: e["n_sources"])   # several sources: its panel takes longest
    b = next(e for e in placed if e["event_id"] != a["event_id"] and e["sub_event_type"] != a["sub_event_type"])
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=30000)
    # A's requests answer 600 ms late, as on a slow link
    page.evaluate("""(slow) => { const real = window.fetch;
        window.fetch = (u, ...r) => String(u).includes(slow) ? new Promise((ok) => setTimeout(ok, 600)).then(() => real(u, ...r))
                                                             : real(u, ...r); }""", a["event_id"])
    page.locator(f"path[data-event-id='{a['event_id']}']").dispatch_event("click")
    page.locator(f"path[data-event-id='{b['event_id']}']").dispatch_event("click")
    page.wait_for_function(f"document.getElementById('panel').dataset.eventId === '{b['event_id']}'")
    page.wait_for_timeout(1200)   # A's late answer has come back by now
    b_full = api.get(f"/api/events/{b['event_id']}").json()
    assert page.evaluate("document.getElementById('panel').dataset.eventId") == b["event_id"]
    assert page.inner_text("#panel h2") == b["sub_event_type"]
    assert page.locator("#panel .mention").count() == len(b_full["mentions"])

    page.locator(f"path[data-event-id='{a['event_id']}']").dispatch_event("dblclick")
    page.locator(f"path[data-event-id='{a['event_id']}']").dispatch_event("click")
    page.locator(f"path[data-event-id='{a['event_id']}']").dispatch_event("click")
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
    outside = []

    def only_here(route):
        if route.request.url.startswith(url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()
    page.route("**/*", only_here)
    page.goto(url + "/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=30000)
    assert "frontlines" in page.inner_text(".swagger-ui .info .title")
    assert page.locator(".opblock-summary-path", has_text="/api/events").count() >= 1
    assert outside == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "api-docs.png"))
    page.close()
