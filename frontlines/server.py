"""HTTP API and web map (`frontlines serve`): FastAPI over the event store.

Read endpoints are open; submitting a report needs the API token (`Authorization: Bearer T`),
set with --token or $FRONTLINES_API_TOKEN (no token set: submitting is switched off).
"""
from __future__ import annotations

import hmac
import os
import re
import threading
from datetime import date
from pathlib import Path
from typing import Optional

from fastapi import Depends, FastAPI, Header, HTTPException, Query
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from . import __version__, control
from .store import Store, store_url

WEB = Path(__file__).resolve().parent / "web"
SWAGGER = "node_modules/swagger-ui-dist"
MAX_TEXT = 2_000_000


class Submission(BaseModel):
    text: Optional[str] = Field(None, description="the report as plain text (a flattened page is fine)")
    html: Optional[str] = Field(None, description="the report as an HTML page")
    url: Optional[str] = Field(None, description="a public http(s) URL to fetch the report from")
    published: Optional[str] = Field(None, description="publication date, YYYY-MM-DD, when known")
    source: Optional[str] = Field(None, description="where the text came from (URL or name)")


def _found(value, why: str):
    """The value, or a 404 saying why there is none."""
    if value is None:
        raise HTTPException(404, why)
    return value


def _day(value: Optional[str], name: str) -> Optional[str]:
    """A YYYY-MM-DD query value, or a 422 saying what is wrong with it."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"{name}={value!r} is not a date: give YYYY-MM-DD, e.g. 2017-10-03")


def public_source(src: Optional[str]) -> Optional[str]:
    """What the API shows of where a report came from: a URL as it is, a local file by its name only
    (stores ingested before names were recorded relative to the input keep absolute paths)."""
    if not src or re.match(r"[a-z][a-z0-9+.-]*://", src, re.I):
        return src
    if src.startswith(("/", "\\")) or re.match(r"[A-Za-z]:[\\/]", src):
        return re.split(r"[\\/]", src.rstrip("/\\"))[-1]
    return src


def _public(row: dict) -> dict:
    if "source" in row:
        row["source"] = public_source(row["source"])
    if row.get("sources"):
        row["sources"] = [public_source(x) for x in row["sources"]]
    for m in row.get("mentions") or []:
        m["source"] = public_source(m.get("source"))
    return row


def create_app(db: Optional[str] = None, token: Optional[str] = None, allow_private_fetch: bool = False) -> FastAPI:
    db = store_url(db)
    token = token if token is not None else os.environ.get("FRONTLINES_API_TOKEN")
    local = threading.local()
    Store(db).close()   # create / migrate once, before requests come in

    def store() -> Store:
        if getattr(local, "store", None) is None:
            local.store = Store(db)
        return local.store

    # /docs is served from the package's own Swagger UI (npm's swagger-ui-dist), so it works offline
    app = FastAPI(title="frontlines", version=__version__, docs_url=None, redoc_url=None,
                  description="Conflict events extracted from news reports: ACLED-style records, merged across "
                              "reports, each with the sentences that state it; territorial control over time.")

    def authorised(authorization: Optional[str] = Header(None)) -> None:
        if not token:
            raise HTTPException(403, "submitting reports is switched off: the server has no API token")
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a valid API token is needed: Authorization: Bearer <token>")

    @app.get("/api/events", summary="Events, filtered and paged (oldest first)")
    def events(country: Optional[str] = None, since: Optional[str] = Query(None, description="YYYY-MM-DD"),
               until: Optional[str] = Query(None, description="YYYY-MM-DD"),
               type: Optional[str] = Query(None, description="event type or sub-event type"),
               actor: Optional[str] = Query(None, description="part of actor1 or actor2"),
               location: Optional[str] = None, limit: int = Query(500, ge=1, le=5000), offset: int = Query(0, ge=0)):
        f = {"country": country, "since": _day(since, "since"), "until": _day(until, "until"), "type": type,
             "actor": actor, "location": location}
        s = store()
        # plain rows: a JSONResponse skips FastAPI's per-field encoding (several times faster on 100 rows)
        return JSONResponse({"total": s.count_events(**f), "limit": limit, "offset": offset,
                             "items": [_public(e) for e in s.events(**f, limit=limit, offset=offset)]})

    @app.get("/api/events/{event_id}", summary="One event with every source report and evidence sentence")
    def event(event_id: str):
        return _public(_found(store().event(event_id), f"no event {event_id}"))

    @app.get("/api/facets", summary="Values to filter by: types, countries, actors, date range")
    def facets():
        s = store()
        q = lambda sql: [r["v"] for r in s.q(sql)]   # noqa: E731
        rng = s.q("SELECT MIN(event_date) AS lo, MAX(event_date) AS hi, COUNT(*) AS n FROM events")[0]
        return {"event_types": q("SELECT DISTINCT event_type AS v FROM events ORDER BY v"),
                "sub_event_types": q("SELECT DISTINCT sub_event_type AS v FROM events ORDER BY v"),
                "countries": q("SELECT DISTINCT country AS v FROM events WHERE country IS NOT NULL ORDER BY v"),
                "actors": q("SELECT DISTINCT actor1 AS v FROM events WHERE actor1 IS NOT NULL UNION "
                            "SELECT DISTINCT actor2 AS v FROM events WHERE actor2 IS NOT NULL ORDER BY v"),
                "first_date": rng["lo"], "last_date": rng["hi"], "events": rng["n"]}

    @app.get("/api/settings", summary="Settings the web map reads: the tile URL, if the deployment has one "
             "($FRONTLINES_TILE_URL; default none: the map draws its own offline base map)")
    def settings():
        return {"tile_url": os.environ.get("FRONTLINES_TILE_URL") or None}

    @app.get("/api/places", summary="Places with events: counts and date range")
    def places():
        return store().places()

    @app.get("/api/control", summary="Every place whose control changed: who held it at a date (default: latest)")
    def control_overview(at: Optional[str] = Query(None, description="YYYY-MM-DD")):
        return control.overview(store().territory_events(), _day(at, "at"))

    @app.get("/api/control/areas", summary="Areas of control at a date (GeoJSON): each controlled place's area "
             "(Voronoi cell clipped to its country and 30 km), its holder, contested or not; front lines between "
             "holders")
    def control_areas_at(at: Optional[str] = Query(None, description="YYYY-MM-DD (default: latest)")):
        from .control_areas import areas
        return areas(control.overview(store().territory_events(), _day(at, "at")))

    @app.get("/api/control/{place}", summary="Control timeline of one place, with evidence and contested claims")
    def control_place(place: str, at: Optional[str] = Query(None, description="YYYY-MM-DD")):
        res = store().control(place, _day(at, "at"))
        return _found(res if res["timeline"] else None, f"no territorial events at {place!r}")

    @app.get("/api/sources", summary="Source reports: processed and rejected, with reasons")
    def sources(status: Optional[str] = Query(None, pattern="^(processed|rejected)$"),
                limit: int = Query(500, ge=1, le=5000), offset: int = Query(0, ge=0)):
        rows = store().reports(status)
        return {"total": len(rows), "items": [_public(r) for r in rows[offset:offset + limit]]}

    @app.get("/api/sources/{report_id}", summary="One source report with its main text (evidence offsets point into it)")
    def source(report_id: str):
        return _public(_found(store().report(report_id), f"no report {report_id}"))

    @app.post("/api/reports", summary="Submit a report (text, HTML or URL) for extraction; needs the API token",
              dependencies=[Depends(authorised)])
    def submit(sub: Submission):
        from .ingest import Rejected, decode
        from .pipeline import run
        from .records import Report
        given = [x for x in (sub.text, sub.html, sub.url) if x]
        if len(given) != 1:
            raise HTTPException(422, "give exactly one of text, html or url")
        source, is_html = sub.source, sub.html is not None
        if sub.url:
            from .fetch import FetchRefused, fetch
            try:
                body, source, ctype = fetch(sub.url, allow_private=allow_private_fetch)
                raw = decode(body)
            except FetchRefused as e:
                raise HTTPException(422, f"URL refused: {e}")
            except ValueError as e:
                raise HTTPException(422, f"the page cannot be read: {e}")
            except Exception as e:   # network failure: the caller may try again
                raise HTTPException(502, f"fetching the URL failed: {type(e).__name__}: {e}")
            is_html = "html" in ctype or raw.lstrip()[:1] == "<"
        else:
            raw = sub.text if sub.text is not None else sub.html
        if len(raw) > MAX_TEXT:
            raise HTTPException(413, f"report too large ({len(raw):,} characters > {MAX_TEXT:,})")
        rep = Report(doc_id=(source or "submitted")[-80:], raw=raw, is_html=is_html, source=source)
        (res,) = list(run([rep], sub.published))
        stats = store().add(res)
        if isinstance(res, Rejected):
            return {"status": "rejected", "reason": res.reason, "event_ids": []}
        return {"status": stats["status"], "report_id": stats.get("report_id"), "event_ids": stats.get("event_ids", []),
                "new_events": stats["new_events"], "merged": stats["merged"]}

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(WEB / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs():
        if not (WEB / SWAGGER / "swagger-ui-bundle.js").is_file():
            raise HTTPException(503, "the API docs page needs the web assets: run scripts/setup.sh (npm install); "
                                     "the OpenAPI document itself is at /openapi.json")
        base = "/vendor/swagger-ui-dist"
        return get_swagger_ui_html(openapi_url=app.openapi_url, title="frontlines API",
                                   swagger_js_url=f"{base}/swagger-ui-bundle.js", swagger_css_url=f"{base}/swagger-ui.css",
                                   swagger_favicon_url=f"{base}/favicon-32x32.png")

    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    vendor = WEB / "node_modules"
    if vendor.is_dir():
        app.mount("/vendor", StaticFiles(directory=vendor), name="vendor")
    return app
