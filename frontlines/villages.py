"""Village-level places a user adds: GeoNames dumps (`XX.txt`, `XX.zip`, `allCountries.zip`,
`cities500.zip`, from files or URLs) loaded, streaming, into an indexed SQLite file in the user's data
folder (`$FRONTLINES_DATA`, default `~/.local/share/frontlines/gazetteer.sqlite`).

`add` loads dumps (re-adding a country replaces it), `countries` lists what is loaded, `remove` drops
a country; `lookup` finds the populated places of a name within the countries a report is about. The
resolver (`extract.context.DocContext.place`) asks it only for names the built-in gazetteer lacks or
places only abroad, so a village never beats a well-known town, and a name found only as a village in a
country the report is not about is not taken. Rows outside their country's extent (a few in the dumps
derived from Who's On First) are skipped on loading.
"""
from __future__ import annotations

import io
import os
import sqlite3
import tempfile
import zipfile
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Optional

import numpy as np

from .geo import Place, gazetteer, norm

FILE = "gazetteer.sqlite"
BATCH = 20_000            # rows a transaction: memory stays flat however large the dump
EXTENT_MARGIN = 1.5       # degrees around a country's known towns that its villages may lie in
FEATURES = {"PPLC": 5, "PPLA": 4, "PPLA2": 3, "PPLA3": 2, "PPLA4": 2, "PPL": 1}   # rank among namesakes
SCHEMA = """
CREATE TABLE IF NOT EXISTS places (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL,
  latitude REAL NOT NULL, longitude REAL NOT NULL, feature_code TEXT, country_code TEXT NOT NULL,
  admin1_code TEXT, population INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS names (key TEXT NOT NULL, place INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS names_key ON names (key);
CREATE INDEX IF NOT EXISTS places_country ON places (country_code);
CREATE TABLE IF NOT EXISTS sources (country_code TEXT PRIMARY KEY, rows INTEGER NOT NULL, source TEXT NOT NULL,
  added TEXT NOT NULL);
"""


def data_dir() -> Path:
    return Path(os.environ.get("FRONTLINES_DATA") or Path.home() / ".local" / "share" / "frontlines")


def db_path() -> Path:
    return data_dir() / FILE


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(str(path))
    con.executescript(SCHEMA)
    return con


@lru_cache(maxsize=None)
def _extents() -> dict[str, tuple]:
    """(south, north, west, east) of each country's towns in the built-in gazetteer, widened a little."""
    box: dict[str, list] = {}
    for p in gazetteer().places:
        if p.kind != "city" or not p.country_code:
            continue
        b = box.setdefault(p.country_code, [p.latitude, p.latitude, p.longitude, p.longitude])
        b[0], b[1] = min(b[0], p.latitude), max(b[1], p.latitude)
        b[2], b[3] = min(b[2], p.longitude), max(b[3], p.longitude)
    m = EXTENT_MARGIN
    return {cc: (b[0] - m, b[1] + m, b[2] - m, b[3] + m) for cc, b in box.items()}


def _inside(cc: str, lat: float, lon: float) -> bool:
    b = _extents().get(cc)
    return b is None or (b[0] <= lat <= b[1] and b[2] <= lon <= b[3])


def _lines(path: Path) -> Iterator[tuple[str, str]]:
    """(member name, line) of a dump: a .txt file, or every .txt in a .zip, read as a stream."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as z:
            for member in z.namelist():
                if member.lower().endswith(".txt") and not member.lower().startswith("readme"):
                    with z.open(member) as raw:
                        for line in io.TextIOWrapper(raw, encoding="utf-8", errors="replace"):
                            yield member, line
    else:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                yield path.name, line


def _fetch(url: str) -> Path:
    """A dump at a URL (the GeoNames download server in a connected deployment), saved to a temp file."""
    import urllib.request
    suffix = Path(url.split("?")[0]).suffix or ".txt"
    fd, name = tempfile.mkstemp(suffix=suffix, prefix="frontlines-geonames-")
    with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=60) as resp:   # noqa: S310 (user's URL)
        while chunk := resp.read(1 << 20):
            out.write(chunk)
    return Path(name)


def _row(fields: list[str]) -> Optional[tuple]:
    """A populated place from a dump line's 19 columns, or None."""
    if len(fields) < 15 or fields[6] not in ("P", ""):
        return None
    try:
        lat, lon = float(fields[4]), float(fields[5])
    except ValueError:
        return None
    cc = fields[8].strip().upper()
    if len(cc) != 2 or not _inside(cc, lat, lon):
        return None
    gid = int(fields[0]) if fields[0].isdigit() else None
    pop = int(fields[14]) if fields[14].strip().isdigit() else 0
    names = {fields[1], fields[2], *[a for a in fields[3].split(",") if a]}
    return gid, fields[1], lat, lon, fields[7] or None, cc, fields[10] or None, pop, names


def add(sources: Iterable[str], progress=None, path: Optional[Path] = None) -> dict[str, int]:
    """Load GeoNames dumps (paths or URLs) into the store; returns rows added per country. A country
    found in a dump replaces what the store held for it."""
    path = path or db_path()
    con = _connect(path)
    counts: dict[str, int] = {}
    try:
        for src in sources:
            local = _fetch(src) if src.startswith(("http://", "https://")) else Path(src)
            if not local.exists():
                raise FileNotFoundError(f"no such file: {src}")
            seen: set[str] = set()
            batch_places, batch_names = [], []
            next_id = (con.execute("SELECT MAX(id) FROM places").fetchone()[0] or 0) + 1
            size = local.stat().st_size
            done = 0
            for n, (_, line) in enumerate(_lines(local)):
                done += len(line)
                if progress is not None and n % 5000 == 0:
                    progress(min(done, size), size)   # characters read, against the file's bytes: roughly
                row = _row(line.rstrip("\n").split("\t"))
                if row is None:
                    continue
                gid, name, lat, lon, fcode, cc, a1, pop, names = row
                if cc not in seen:   # re-adding a country replaces it
                    seen.add(cc)
                    _drop(con, cc)
                batch_places.append((next_id, gid, name, lat, lon, fcode, cc, a1, pop))
                batch_names.extend((k, next_id) for k in {norm(n) for n in names} if k)
                counts[cc] = counts.get(cc, 0) + 1
                next_id += 1
                if len(batch_places) >= BATCH:
                    _write(con, batch_places, batch_names)
                    batch_places, batch_names = [], []
            _write(con, batch_places, batch_names)
            if progress is not None:
                progress(size, size)
            now = datetime.now(timezone.utc).isoformat(timespec="seconds")
            for cc in seen:
                con.execute("INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?)", (cc, counts[cc], src, now))
            con.commit()
            if local != Path(src):
                local.unlink(missing_ok=True)
    finally:
        con.close()
    lookup.cache_clear()
    only_country.cache_clear()
    _store.cache_clear()
    return counts


def _write(con, places: list, names: list) -> None:
    con.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", places)
    con.executemany("INSERT INTO names VALUES (?, ?)", names)
    con.commit()


def _drop(con, cc: str) -> None:
    con.execute("DELETE FROM names WHERE place IN (SELECT id FROM places WHERE country_code = ?)", (cc,))
    con.execute("DELETE FROM places WHERE country_code = ?", (cc,))
    con.execute("DELETE FROM sources WHERE country_code = ?", (cc,))


def remove(cc: str, path: Optional[Path] = None) -> bool:
    """Drop a country's places; False when the store did not hold it."""
    path = path or db_path()
    if not path.exists():
        return False
    con = _connect(path)
    try:
        held = con.execute("SELECT 1 FROM sources WHERE country_code = ?", (cc.upper(),)).fetchone() is not None
        _drop(con, cc.upper())
        con.commit()
    finally:
        con.close()
    lookup.cache_clear()
    only_country.cache_clear()
    _store.cache_clear()
    return held


def countries(path: Optional[Path] = None) -> list[dict]:
    """What the store holds: a row per country (rows, source, date added)."""
    path = path or db_path()
    if not path.exists():
        return []
    con = _connect(path)
    try:
        return [dict(zip(("country_code", "rows", "source", "added"), r))
                for r in con.execute("SELECT country_code, rows, source, added FROM sources ORDER BY country_code")]
    finally:
        con.close()


@lru_cache(maxsize=4)
def _store(pid: int, path: str) -> Optional[sqlite3.Connection]:
    """A read-only connection of this process (each worker opens its own), or None with no store."""
    if not Path(path).exists():
        return None
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


@lru_cache(maxsize=50_000)
def lookup(name: str, country_codes: tuple, admin1: tuple = ()) -> Optional[Place]:
    """The populated place of this name in one of these countries (earlier ones first), preferring one
    in a first-level area the report names ((cc, admin1 name) pairs), then an administrative seat, then
    the most populous; None when the store has none."""
    con = _store(os.getpid(), str(db_path()))
    key = norm(name)
    if con is None or not key or not country_codes:
        return None
    marks = ",".join("?" * len(country_codes))
    rows = con.execute(f"SELECT p.name, p.latitude, p.longitude, p.feature_code, p.country_code, p.admin1_code, "
                       f"p.population FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? AND "
                       f"p.country_code IN ({marks})", (key, *country_codes)).fetchall()
    if not rows:
        return None
    areas = set(admin1)
    rows = [(*r[:5], _admin1(r[4], r[5], r[1], r[2]), r[6]) for r in rows]

    def rank(r):
        return ((r[4], r[5]) in areas, -country_codes.index(r[4]), norm(r[0]) == key, FEATURES.get(r[3] or "", 0),
                r[6])
    best = max(rows, key=rank)
    return Place(name=best[0], latitude=best[1], longitude=best[2], country_code=best[4], admin1=best[5],
                 kind="city", population=best[6])


@lru_cache(maxsize=50_000)
def only_country(name: str) -> Optional[str]:
    """The one country whose populated places the store has by this very name (their own name, not an
    alternate one), or None when none or several have it."""
    con = _store(os.getpid(), str(db_path()))
    key = norm(name)
    if con is None or not key:
        return None
    rows = con.execute("SELECT DISTINCT p.country_code, p.name FROM names n JOIN places p ON p.id = n.place "
                       "WHERE n.key = ?", (key,)).fetchall()
    ccs = {cc for cc, _ in rows}
    return ccs.pop() if len(ccs) == 1 and any(norm(n) == key for _, n in rows) else None


TOWNS_AROUND = 2   # a village's admin1 code is trusted when one of its nearest towns shares it


def _admin1(cc: str, code: Optional[str], lat: float, lon: float) -> str:
    """A village's first-level area: its row's, when one of the nearest towns of the built-in gazetteer
    lies in the same area; else the nearest town's. Rows that had no admin1 code were given the code
    most rows of their region carry (the dumps' README), so a Mombasa suburb may say Kwale."""
    own = gazetteer().admin1_names.get((cc, code), "") if code else ""
    towns = _towns(cc)
    if towns is None:
        return own
    points, names = towns
    d = (points[:, 0] - lat) ** 2 + ((points[:, 1] - lon) * np.cos(np.radians(lat))) ** 2
    near = [names[i] for i in np.argsort(d)[:TOWNS_AROUND]]
    return own if own in near else near[0]


@lru_cache(maxsize=64)
def _towns(cc: str):
    """(lat/lon array, admin1 names) of a country's towns in the built-in gazetteer, or None."""
    towns = [p for p in gazetteer().places if p.kind == "city" and p.country_code == cc and p.admin1]
    if not towns:
        return None
    return np.array([(p.latitude, p.longitude) for p in towns]), [p.admin1 for p in towns]
