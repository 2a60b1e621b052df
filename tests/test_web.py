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
