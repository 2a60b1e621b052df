"""The HTTP API: read endpoints, submitting reports with a token, URL fetching refusals."""
import http.server
import re
import threading

import pytest
from fastapi.testclient import TestClient

from frontlines.fetch import FetchRefused, fetch
from frontlines.server import create_app

from .conftest import SAMPLES

TOKEN = "test-token"


@pytest.fixture
def client(sample_store, tmp_path):
    import shutil
    db = tmp_path / "api.db"
    shutil.copy(sample_store, db)
    return TestClient(create_app(str(db), TOKEN))


def auth(token=TOKEN):
    return {"Authorization": f"Bearer {token}"}


def test_events_filters_and_paging(client):
    everything = client.get("/api/events").json()
    assert everything["total"] == len(everything["items"]) > 5
    page1 = client.get("/api/events", params={"limit": 3, "offset": 0}).json()["items"]
    page2 = client.get("/api/events", params={"limit": 3, "offset": 3}).json()["items"]
    assert [e["event_id"] for e in page1 + page2] == [e["event_id"] for e in everything["items"][:6]]
    battles = client.get("/api/events", params={"type": "battles", "country": "Iraq"}).json()
    assert battles["total"] and all(e["event_type"] == "Battles" and e["country"] == "Iraq" for e in battles["items"])
    assert client.get("/api/events", params={"limit": 0}).status_code == 422


def test_event_detail_points_into_its_report_text(client):
    ev_id = client.get("/api/events", params={"type": "Government regains territory"}).json()["items"][0]["event_id"]
    ev = client.get(f"/api/events/{ev_id}").json()
    for m in ev["mentions"]:
        rep = client.get(f"/api/sources/{m['report_id']}").json()
        assert rep["text"][m["evidence_start"]:m["evidence_end"]].strip() == m["evidence"]
    assert client.get("/api/events/nope").status_code == 404


def test_places_facets_control_and_sources(client):
    assert any(p["location"] == "Mosul" for p in client.get("/api/places").json())
    f = client.get("/api/facets").json()
    assert "Battles" in f["event_types"] and "Iraq" in f["countries"] and f["first_date"] <= f["last_date"]
    mosul = client.get("/api/control/mosul", params={"at": "2016-01-01"}).json()
    assert mosul["controller"] == "Islamic State" and mosul["timeline"][0]["evidence"]
    assert client.get("/api/control/Atlantis").status_code == 404
    assert any(r["location"] == "Mosul" for r in client.get("/api/control").json())
    src = client.get("/api/sources", params={"status": "processed"}).json()
    assert src["total"] >= 3 and all(r["status"] == "processed" for r in src["items"])


def test_openapi_docs(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/reports", "/api/control/{place}"} <= set(spec["paths"])
    page = client.get("/docs")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets and not [a for a in assets if "//" in a]   # nothing from a CDN: the docs work offline
    for a in assets:
        assert client.get(a).status_code == 200, a


def test_bad_dates_are_refused_with_a_reason(client):
    for path, param in (("/api/events", "since"), ("/api/events", "until"), ("/api/control", "at")):
        r = client.get(path, params={param: "2017-13-45"})
        assert r.status_code == 422 and "2017-13-45" in r.text and "YYYY-MM-DD" in r.text
    assert client.get("/api/events", params={"since": "2017-10-01"}).status_code == 200


def test_sources_show_no_local_paths(client):
    items = client.get("/api/sources").json()["items"]
    ev_id = client.get("/api/events").json()["items"][0]["event_id"]
    shown = [r["source"] for r in items] + [m["source"] for m in client.get(f"/api/events/{ev_id}").json()["mentions"]]
    assert shown and all(s and not s.startswith("/") and ":\\" not in s for s in shown)
    assert any(s.endswith(".txt") for s in shown)


def test_submitting_needs_the_token(client, sample_store):
    body = {"text": "Gunmen killed three people in Kano on Monday, police said.", "published": "2021-03-02"}
    assert client.post("/api/reports", json=body).status_code == 401
    assert client.post("/api/reports", json=body, headers=auth("wrong")).status_code == 401
    closed = TestClient(create_app(sample_store, token=""))
    assert closed.post("/api/reports", json=body, headers=auth()).status_code == 403


def test_submitted_text_is_extracted_stored_and_not_duplicated(client):
    body = {"text": "Gunmen killed three people in Kano on Monday <img src=x onerror=alert(1)>, police said.",
            "published": "2021-03-02"}
    first = client.post("/api/reports", json=body, headers=auth()).json()
    assert first["status"] == "added" and len(first["event_ids"]) == 1
    again = client.post("/api/reports", json=body, headers=auth()).json()
    assert again["status"] == "skipped" and again["event_ids"] == first["event_ids"]
    ev = client.get(f"/api/events/{first['event_ids'][0]}").json()
    assert ev["location"] == "Kano" and ev["fatalities"] == 3 and ev["event_date"] == "2021-03-01"
    assert client.post("/api/reports", json={"text": "a", "html": "<p>b</p>"}, headers=auth()).status_code == 422
    assert client.post("/api/reports", json={"text": "x" * 2_000_001}, headers=auth()).status_code == 413
    bad = client.post("/api/reports", json={"text": "Des hommes armés ont tué cinq personnes à Kano mardi, a indiqué "
                                                     "la police dans un communiqué."}, headers=auth()).json()
    assert bad["status"] == "rejected" and "not English" in bad["reason"]


@pytest.mark.parametrize("url,why", [
    ("http://127.0.0.1:8000/", "loopback"), ("http://localhost/", "loopback"), ("http://[::1]/", "loopback"),
    ("http://10.1.2.3/", "private"), ("http://192.168.0.1/admin", "private"), ("http://172.16.5.4/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"), ("http://0.0.0.0/", "unspecified"),
    ("file:///etc/passwd", "only http"), ("ftp://example.org/x", "only http"),
])
def test_urls_that_must_not_be_fetched_are_refused(client, url, why):
    r = client.post("/api/reports", json={"url": url}, headers=auth())
    assert r.status_code == 422 and why in r.json()["detail"], r.json()


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/big":
            body = b"<p>" + b"x" * (6 * 1024 * 1024) + b"</p>"
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/report")
            self.end_headers()
            return
        else:
            body = (SAMPLES / "nairobi-2023-07-07.html").read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


@pytest.fixture
def local_site():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


def test_fetching_follows_redirects_and_caps_the_body(local_site, sample_store, tmp_path):
    body, final, ctype = fetch(local_site + "/moved", allow_private=True)
    assert final.endswith("/report") and b"tear gas" in body and "html" in ctype
    with pytest.raises(FetchRefused, match="too large"):
        fetch(local_site + "/big", allow_private=True)
    with pytest.raises(FetchRefused, match="loopback"):
        fetch(local_site + "/report")   # the default: loopback is refused
    import shutil
    shutil.copy(sample_store, tmp_path / "u.db")
    c = TestClient(create_app(str(tmp_path / "u.db"), TOKEN, allow_private_fetch=True))
    r = c.post("/api/reports", json={"url": local_site + "/moved"}, headers=auth()).json()
    assert r["status"] in ("added", "skipped") and r["event_ids"]
