"""Event store: SQLite by default (zero setup), PostgreSQL for shared deployments.

One interface over both. Each report is stored in one transaction with its mentions, and
each mention is merged into an event told by other reports (merge.py) or starts a new one,
so a run killed at any point resumes where it stopped and re-ingesting never duplicates.
"""
from __future__ import annotations

import hashlib
import os
import re
import time
from collections import Counter
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable, Optional, Union

from . import control as control_mod
from . import merge
from .ingest import Rejected
from .records import Event, Report

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DEFAULT_DB = "frontlines.db"
EVENT_FIELDS = ["event_type", "sub_event_type", "event_date", "time_precision", "actor1", "actor2", "country",
                "admin1", "location", "latitude", "longitude", "geo_precision", "fatalities"]
MENTION_FIELDS = EVENT_FIELDS + ["evidence", "evidence_start", "evidence_end"]
PG_LOCK = 7_160_317   # advisory lock key: merges on PostgreSQL run one at a time


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _sha1(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8")).hexdigest()


def report_url(rep: Report) -> Optional[str]:
    src = rep.source or ""
    return src if re.match(r"https?://", src) else None


def report_id(rep: Report) -> str:
    """A web report is known by its URL (a changed page replaces its older version); any other
    report by its content."""
    url = report_url(rep)
    return _sha1("url:" + url)[:20] if url else rep.content_hash[:20]


def _statements(sql: str) -> list[str]:
    sql = re.sub(r"--[^\n]*", "", sql)
    return [s.strip() for s in sql.split(";") if s.strip()]


def store_url(url: Optional[str] = None) -> str:
    """The store meant: `url`, else $FRONTLINES_DB, else ./frontlines.db."""
    return url or os.environ.get("FRONTLINES_DB") or DEFAULT_DB


def open_store(url: Optional[str] = None) -> "Store":
    """`url`: a path or sqlite:///path for SQLite, postgresql://... for PostgreSQL;
    default $FRONTLINES_DB, else ./frontlines.db."""
    return Store(store_url(url))


class Store:
    def __init__(self, url: str, migrations: Path = MIGRATIONS):
        self.url = str(url)
        self.dialect = "postgres" if re.match(r"postgres(ql)?://", self.url) else "sqlite"
        self._depth = 0
        if self.dialect == "postgres":
            try:
                import psycopg
                from psycopg.rows import dict_row
            except ImportError as e:
                raise RuntimeError("PostgreSQL needs psycopg: pip install 'frontlines[postgres]'") from e
            self.conn = psycopg.connect(self.url, autocommit=True, row_factory=dict_row)
        else:
            import sqlite3
            path = re.sub(r"^sqlite:///?", "", self.url) if self.url.startswith("sqlite:") else self.url
            if path not in (":memory:", "") and Path(path).parent != Path(""):
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(path or ":memory:", timeout=60, isolation_level=None,
                                        check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            for pragma in ("busy_timeout=60000", "foreign_keys=ON", "synchronous=NORMAL"):
                self.conn.execute(f"PRAGMA {pragma}")
            if path not in (":memory:", ""):
                self._wal()
        self.migrate(migrations)

    def _wal(self, tries: int = 600) -> None:
        """WAL lets readers and one writer work at once. Switching to it needs a moment alone with
        the file, and SQLite answers "locked" at once rather than waiting, so retry for a while."""
        import sqlite3
        for _ in range(tries):
            try:
                if self.conn.execute("PRAGMA journal_mode=WAL").fetchone()[0].lower() == "wal":
                    return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e):
                    raise
            time.sleep(0.1)
        raise RuntimeError(f"{self.url}: could not switch to WAL mode (another process holds the database)")

    # -- plumbing -----------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgres" else sql

    def q(self, sql: str, params: Iterable = ()) -> list[dict]:
        return [dict(r) for r in self.conn.execute(self._sql(sql), tuple(params)).fetchall()]

    def x(self, sql: str, params: Iterable = ()) -> None:
        self.conn.execute(self._sql(sql), tuple(params))

    @contextmanager
    def transaction(self):
        """One writer at a time: BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self.x("BEGIN IMMEDIATE" if self.dialect == "sqlite" else "BEGIN")
        if self.dialect == "postgres":
            self.x("SELECT pg_advisory_xact_lock(?)", (PG_LOCK,))
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self.x("ROLLBACK")
            raise
        self._depth = 0
        self.x("COMMIT")

    def migrate(self, folder: Path = MIGRATIONS) -> list[int]:
        """Apply the numbered migrations (NNNN_name.sql) this database has not had yet."""
        applied = []
        with self.transaction():
            self.x("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                   "applied_at TEXT NOT NULL)")
            done = {r["version"] for r in self.q("SELECT version FROM schema_migrations")}
            for path in sorted(Path(folder).glob("[0-9]*_*.sql")):
                version = int(path.name.split("_", 1)[0])
                if version in done:
                    continue
                for stmt in _statements(path.read_text(encoding="utf-8")):
                    self.x(stmt)
                self.x("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                       (version, path.name, _now()))
                applied.append(version)
        return applied

    @property
    def version(self) -> int:
        return self.q("SELECT MAX(version) AS v FROM schema_migrations")[0]["v"] or 0

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- writing ------------------------------------------------------------------------
    def known(self, rep: Report) -> bool:
        """True when this exact report (same content) is already stored."""
        return bool(self.q("SELECT 1 FROM reports WHERE content_hash = ?", (rep.content_hash,)))

    def add(self, item) -> dict:
        """Store a pipeline Result (report + events, merged into stored events) or a Rejected.
        Returns {"status": "added"|"replaced"|"skipped"|"rejected", "new_events", "merged"}."""
        if isinstance(item, Rejected):
            return self.add_rejected(item)
        rep = item.report
        rid, url, digest = report_id(rep), report_url(rep), rep.content_hash
        stats = {"status": "added", "new_events": 0, "merged": 0, "event_ids": [], "report_id": rid}
        with self.transaction():
            old = self.q("SELECT report_id, content_hash, status FROM reports WHERE report_id = ? OR content_hash = ?",
                         (rid, digest))
            same = next((o for o in old if o["content_hash"] == digest and o["status"] == "processed"), None)
            if same is not None:
                stats["report_id"] = same["report_id"]
                stats["event_ids"] = [r["event_id"] for r in self.q(
                    "SELECT DISTINCT event_id FROM mentions WHERE report_id = ? ORDER BY event_id", (same["report_id"],))]
                return {**stats, "status": "skipped"}
            if old:
                stats["status"] = "replaced"
                for o in old:
                    self._remove_report(o["report_id"])
            self.x("INSERT INTO reports (report_id, url, content_hash, doc_id, source, published, status, text, "
                   "n_sentences, n_events, ingested_at) VALUES (?, ?, ?, ?, ?, ?, 'processed', ?, ?, ?, ?)",
                   (rid, url, digest, rep.doc_id, rep.source, rep.published, rep.text, item.sentences,
                    len(item.events), _now()))
            for i, ev in enumerate(item.events):
                event_id, joined = self._add_mention(rid, i, ev, rep.published)
                stats["merged" if joined else "new_events"] += 1
                stats["event_ids"].append(event_id)
        return stats

    def add_all(self, items: Iterable, counts: Optional[Counter] = None, on_item=None) -> Counter:
        """Store results and rejections one by one; counts by outcome, new events and merges."""
        counts = Counter() if counts is None else counts
        for item in items:
            st = self.add(item)
            counts[st["status"]] += 1
            counts["new_events"] += st["new_events"]
            counts["merged"] += st["merged"]
            if on_item:
                on_item(item)
        return counts

    def add_rejected(self, rej: Rejected) -> dict:
        rid = "rejected-" + _sha1(f"{rej.source}|{rej.doc_id}")[:11]
        with self.transaction():
            self.x("INSERT INTO reports (report_id, doc_id, source, status, reason, ingested_at) "
                   "VALUES (?, ?, ?, 'rejected', ?, ?) ON CONFLICT (report_id) DO UPDATE SET reason = excluded.reason",
                   (rid, rej.doc_id, rej.source, rej.reason, _now()))
        return {"status": "rejected", "new_events": 0, "merged": 0}

    def _add_mention(self, rid: str, i: int, ev: Event, published: Optional[str] = None) -> tuple[str, bool]:
        """Store one extracted event (and every other sentence of its report that tells it); returns its
        event id and whether it joined a stored event."""
        m = {k: getattr(ev, k) for k in MENTION_FIELDS}
        m["report_id"], m["published"] = rid, published
        m["mention_id"] = _sha1(f"{rid}|{i}|{ev.evidence_start}|{ev.sub_event_type}|{ev.location}")[:20]
        cands = self._candidates(m)
        event_id = merge.best_event(m, cands)
        joined = event_id is not None
        if not joined:
            event_id = m["mention_id"]
            self._write_event(event_id, [m], new=True)
        self.x(f"INSERT INTO mentions (mention_id, event_id, report_id, {', '.join(MENTION_FIELDS)}, trigger_text) "
               f"VALUES (?, ?, ?, {', '.join('?' * len(MENTION_FIELDS))}, ?)",
               (m["mention_id"], event_id, rid, *[m[k] for k in MENTION_FIELDS], ev.trigger))
        for text, start, end in ev.extra.get("also", []):
            self.x("INSERT INTO mention_evidence (mention_id, evidence, evidence_start, evidence_end) VALUES (?, ?, ?, ?)",
                   (m["mention_id"], text, start, end))
        if joined:
            self._write_event(event_id, cands[event_id] + [m])
        return event_id, joined

    def _candidates(self, m: dict) -> dict[str, list[dict]]:
        d = merge.day(m["event_date"])
        if d is None:
            return {}
        lo, hi = (d - timedelta(days=31)).isoformat(), (d + timedelta(days=31)).isoformat()
        sql = ("SELECT m.*, r.published FROM mentions m JOIN reports r ON r.report_id = m.report_id "
               "WHERE m.event_type = ? AND m.event_date BETWEEN ? AND ?")
        params = [m["event_type"], lo, hi]
        if m.get("latitude") is not None:   # nothing beyond merge.REGION_KM can merge: a latitude band
            band = merge.REGION_KM / 111.0 + 0.1
            sql += " AND (m.latitude IS NULL OR m.latitude BETWEEN ? AND ?)"
            params += [m["latitude"] - band, m["latitude"] + band]
        out: dict[str, list[dict]] = {}
        for row in self.q(sql, params):
            out.setdefault(row["event_id"], []).append(row)
        return out

    def _write_event(self, event_id: str, mentions: list[dict], new: bool = False) -> None:
        ev = merge.combine(mentions)
        cols = EVENT_FIELDS + ["n_sources"]
        if new:
            self.x(f"INSERT INTO events (event_id, {', '.join(cols)}, created_at, updated_at) "
                   f"VALUES (?, {', '.join('?' * len(cols))}, ?, ?)", (event_id, *[ev[k] for k in cols], _now(), _now()))
        else:
            self.x(f"UPDATE events SET {', '.join(c + ' = ?' for c in cols)}, updated_at = ? WHERE event_id = ?",
                   (*[ev[k] for k in cols], _now(), event_id))

    def _remove_report(self, rid: str) -> None:
        """Take a report and its mentions out; events it alone told go, the others are recombined."""
        affected = {r["event_id"] for r in self.q("SELECT event_id FROM mentions WHERE report_id = ?", (rid,))}
        self.x("DELETE FROM mention_evidence WHERE mention_id IN (SELECT mention_id FROM mentions WHERE report_id = ?)",
               (rid,))
        self.x("DELETE FROM mentions WHERE report_id = ?", (rid,))
        for eid in affected:
            rest = self.q("SELECT m.*, r.published FROM mentions m JOIN reports r ON r.report_id = m.report_id "
                          "WHERE m.event_id = ?", (eid,))
            if rest:
                self._write_event(eid, rest)
            else:
                self.x("DELETE FROM events WHERE event_id = ?", (eid,))
        self.x("DELETE FROM reports WHERE report_id = ?", (rid,))

    # -- reading ------------------------------------------------------------------------
    def events(self, country: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
               type: Optional[str] = None, actor: Optional[str] = None, location: Optional[str] = None,
               limit: Optional[int] = None, offset: int = 0) -> list[dict]:
        """Merged events, oldest first, each with its `sources` and the `evidence` that states it best.
        `type` matches an event type or sub-event type; `actor` is a case-insensitive substring of
        actor1 or actor2; `since`/`until` are inclusive ISO dates."""
        where, params = self._filters(country, since, until, type, actor, location)
        sql = f"SELECT * FROM events{where} ORDER BY event_date, event_id"
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        rows = self.q(sql, params)
        self._attach_sources(rows)
        return rows

    def count_events(self, **filters) -> int:
        where, params = self._filters(**filters)
        return self.q(f"SELECT COUNT(*) AS n FROM events{where}", params)[0]["n"]

    @staticmethod
    def _filters(country=None, since=None, until=None, type=None, actor=None, location=None):
        where, params = [], []
        if country:
            where.append("LOWER(country) = LOWER(?)")
            params.append(country)
        if since:
            where.append("event_date >= ?")
            params.append(str(since)[:10])
        if until:
            where.append("event_date <= ?")
            params.append(str(until)[:10])
        if type:
            where.append("(LOWER(event_type) = LOWER(?) OR LOWER(sub_event_type) = LOWER(?))")
            params += [type, type]
        if actor:
            where.append("(LOWER(actor1) LIKE ? OR LOWER(actor2) LIKE ?)")
            params += [f"%{actor.lower()}%"] * 2
        if location:
            where.append("LOWER(location) = LOWER(?)")
            params.append(location)
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def _attach_sources(self, events: list[dict]) -> None:
        by_id = {e["event_id"]: e for e in events}
        for e in events:
            e["sources"], e["evidence"], e["_best"] = [], "", None
        ids = list(by_id)
        for k in range(0, len(ids), 500):
            chunk = ids[k:k + 500]
            for m in self.q("SELECT m.event_id, m.evidence, m.time_precision, m.geo_precision, m.event_date, "
                            "r.source, r.url FROM mentions m JOIN reports r ON r.report_id = m.report_id "
                            f"WHERE m.event_id IN ({', '.join('?' * len(chunk))}) ORDER BY m.mention_id", chunk):
                e = by_id[m["event_id"]]
                src = m["url"] or m["source"]
                if src not in e["sources"]:
                    e["sources"].append(src)
                rank = merge.precision_rank(m)
                if e["_best"] is None or rank < e["_best"]:
                    e["_best"], e["evidence"] = rank, m["evidence"]
        for e in events:
            del e["_best"]

    def event(self, event_id: str) -> Optional[dict]:
        """One event with every mention: the report it came from and the sentence (with offsets)."""
        rows = self.q("SELECT * FROM events WHERE event_id = ?", (event_id,))
        if not rows:
            return None
        ev = rows[0]
        self._attach_sources([ev])
        ev["mentions"] = self.q(
            "SELECT m.mention_id, m.report_id, r.doc_id, r.source, r.url, r.published, m.evidence, "
            "m.evidence_start, m.evidence_end, m.trigger_text, m.event_date, m.fatalities, m.actor1, m.actor2 "
            "FROM mentions m JOIN reports r ON r.report_id = m.report_id WHERE m.event_id = ? ORDER BY r.published, "
            "m.mention_id", (event_id,))
        for m in ev["mentions"]:   # the report's other sentences that tell it (a headline, a later toll)
            m["also"] = self.q("SELECT evidence, evidence_start, evidence_end FROM mention_evidence WHERE mention_id = ? "
                               "ORDER BY evidence_start", (m["mention_id"],))
        return ev

    def reports(self, status: Optional[str] = None) -> list[dict]:
        sql = "SELECT report_id, url, content_hash, doc_id, source, published, status, reason, n_sentences, " \
              "n_events, ingested_at FROM reports"
        return self.q(sql + (" WHERE status = ?" if status else "") + " ORDER BY ingested_at, report_id",
                      (status,) if status else ())

    def report(self, rid: str) -> Optional[dict]:
        rows = self.q("SELECT * FROM reports WHERE report_id = ?", (rid,))
        return rows[0] if rows else None

    def places(self) -> list[dict]:
        return self.q("SELECT country, admin1, location, AVG(latitude) AS latitude, AVG(longitude) AS longitude, "
                      "COUNT(*) AS n_events, MIN(event_date) AS first_date, MAX(event_date) AS last_date "
                      "FROM events WHERE location IS NOT NULL GROUP BY country, admin1, location "
                      "ORDER BY n_events DESC, location")

    def events_frame(self, **filters):
        """Events as a pandas DataFrame (same filters as `events`)."""
        import pandas as pd
        return pd.DataFrame(self.events(**filters), columns=["event_id", *EVENT_FIELDS, "n_sources", "sources",
                                                             "evidence", "created_at", "updated_at"])

    def territory_events(self) -> list[dict]:
        subs = sorted(control_mod.TERRITORY)
        rows = self.q(f"SELECT * FROM events WHERE sub_event_type IN ({', '.join('?' * len(subs))}) "
                      "ORDER BY event_date, event_id", subs)
        self._attach_sources(rows)
        return rows

    def control(self, place: str, at: Optional[Union[str, date]] = None) -> dict:
        """Who controlled a place over time (and at a date), from territorial events with evidence."""
        return control_mod.query(self.territory_events(), place, at)


def to_event(row: dict) -> Event:
    """A stored event as a records.Event, for the CSV / GeoJSON / Parquet exporters."""
    ev = Event(doc_id=row["event_id"], **{k: row[k] for k in EVENT_FIELDS}, evidence=row.get("evidence") or "",
               source="; ".join(row.get("sources") or []))
    ev.extra.update(event_id=row["event_id"], n_sources=row.get("n_sources"), timestamp=row.get("updated_at"))
    return ev
