"""The store as a user drives it: `frontlines ingest` killed with SIGKILL and resumed, two
writers at once, and the events / show / control commands."""
import csv
import json
import sqlite3
import subprocess
import sys
import time

import pytest

from .conftest import ROOT, SAMPLES


def fl(*args, check=True, **kw):
    p = subprocess.run([sys.executable, "-m", "frontlines", *map(str, args)], capture_output=True, text=True,
                       cwd=ROOT, timeout=600, **kw)
    if check:
        assert p.returncode == 0, p.stderr
    return p


def make_corpus(folder, n):
    """n distinct reports: the bundled samples, each copy under a numbered bulletin heading."""
    folder.mkdir()
    base = [SAMPLES / "mosul-2017-07-10.txt", *sorted((SAMPLES / "merge").glob("*.txt"))]
    for i in range(n):
        src = base[i % len(base)]
        (folder / f"{src.stem}-n{i:03d}.txt").write_text(f"Bulletin {i}\n\n" + src.read_text(), encoding="utf-8")


def counts(db):
    c = sqlite3.connect(db, timeout=30)
    try:
        return {t: c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("reports", "events", "mentions")}
    except sqlite3.OperationalError:   # not created yet
        return {"reports": 0, "events": 0, "mentions": 0}
    finally:
        c.close()


def snapshot(db):
    c = sqlite3.connect(db)
    rows = c.execute("SELECT event_id, sub_event_type, n_sources, fatalities FROM events ORDER BY event_id").fetchall()
    c.close()
    return rows


def test_a_run_killed_with_sigkill_resumes_and_loses_no_report(tmp_path):
    n = 60
    make_corpus(tmp_path / "corpus", n)
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    fl("ingest", tmp_path / "corpus", "--db", clean, "-q")
    assert counts(clean)["reports"] == n

    p = subprocess.Popen([sys.executable, "-m", "frontlines", "ingest", str(tmp_path / "corpus"), "--db",
                          str(killed), "-q"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while counts(killed)["reports"] < 8 and p.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    p.kill()   # SIGKILL: no clean-up runs
    p.wait()
    partial = counts(killed)["reports"]
    assert 0 < partial < n, f"the run was not caught midway ({partial} of {n} stored)"

    out = fl("ingest", tmp_path / "corpus", "--db", killed, "-q").stderr
    assert f"{partial} already stored" in out and f"{n - partial} reports added" in out
    assert counts(killed) == counts(clean)
    assert snapshot(killed) == snapshot(clean)


def test_two_writers_at_once_on_the_embedded_store(tmp_path):
    make_corpus(tmp_path / "all", 24)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for i, f in enumerate(sorted((tmp_path / "all").iterdir())):
        f.rename(tmp_path / ("a" if i % 2 else "b") / f.name)
    db = tmp_path / "shared.db"
    procs = [subprocess.Popen([sys.executable, "-m", "frontlines", "ingest", str(tmp_path / d), "--db", str(db), "-q"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for d in "ab"]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    c = sqlite3.connect(db)
    assert c.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 24
    told = c.execute("SELECT SUM(n_events) FROM reports").fetchone()[0]
    assert told == c.execute("SELECT COUNT(*) FROM mentions").fetchone()[0] > 0
    orphans = c.execute("SELECT COUNT(*) FROM events e WHERE NOT EXISTS "
                        "(SELECT 1 FROM mentions m WHERE m.event_id = e.event_id)").fetchone()[0]
    assert orphans == 0
    wrong = c.execute("SELECT COUNT(*) FROM events e WHERE n_sources != (SELECT COUNT(DISTINCT report_id) "
                      "FROM mentions m WHERE m.event_id = e.event_id)").fetchone()[0]
    assert wrong == 0


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "samples.db"
    fl("ingest", SAMPLES, "--db", db, "-q")
    return db


def test_events_command_filters_and_exports(sample_db, tmp_path):
    fl("events", "--db", sample_db, "--country", "Syria", "--type", "Battles", "-o", tmp_path / "syria.csv")
    rows = list(csv.DictReader(open(tmp_path / "syria.csv", encoding="utf-8")))
    assert rows and all(r["country"] == "Syria" and r["event_type"] == "Battles" for r in rows)
    assert all(r["event_id_cnty"] and r["timestamp"] for r in rows)
    fl("events", "--db", sample_db, "--since", "2017-10-01", "--until", "2017-10-31", "-o", tmp_path / "oct.parquet")
    import pandas as pd
    df = pd.read_parquet(tmp_path / "oct.parquet")
    assert len(df) and df["event_date"].between("2017-10-01", "2017-10-31").all()
    evs = json.loads(fl("events", "--db", sample_db, "--actor", "shabaab", "--format", "json").stdout)   # one array
    lines = fl("events", "--db", sample_db, "--actor", "shabaab", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(x) for x in lines] == evs
    assert evs and all("shabaab" in ((e["actor1"] or "") + (e["actor2"] or "")).lower() for e in evs)
    assert all(e["sources"] and e["evidence"] for e in evs)
    merged = [e for e in evs if e["n_sources"] > 1]
    if merged:
        detail = json.loads(fl("show", merged[0]["event_id"], "--db", sample_db).stdout)
        assert len({m["report_id"] for m in detail["mentions"]}) == merged[0]["n_sources"]
    gj = tmp_path / "all.geojson"
    fl("events", "--db", sample_db, "-o", gj)
    assert json.load(open(gj))["features"]


def test_control_command(sample_db):
    res = json.loads(fl("control", "mosul", "--at", "2016-01-01", "--db", sample_db, "--json").stdout)
    assert res["place"] == "Mosul" and res["controller"] == "Islamic State"
    assert res["timeline"][-1]["controller"] == "Military Forces of Iraq"
    assert all(e["evidence"] for e in res["timeline"])
    table = fl("control", "--db", sample_db).stdout
    assert "Mosul" in table and "Military Forces of Iraq" in table
    missing = fl("control", "Atlantis", "--db", sample_db, check=False)
    assert missing.returncode == 1 and "no territorial events" in missing.stderr


def test_mistakes_on_the_command_line_exit_non_zero_with_a_reason(sample_db, tmp_path):
    missing = fl("extract", tmp_path / "missing.txt", check=False)
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr and "missing.txt" in missing.stderr
    typo = fl("events", "--db", tmp_path / "typo.db", check=False)
    assert typo.returncode == 2 and "no store at" in typo.stderr and not (tmp_path / "typo.db").exists()
    for cmd in (["show", "x"], ["control"]):
        assert fl(*cmd, "--db", tmp_path / "typo.db", check=False).returncode == 2
    bad = fl("events", "--db", sample_db, "--since", "2017-13-45", check=False)
    assert bad.returncode == 2 and "'2017-13-45' is not a date" in bad.stderr
    assert fl("extract", SAMPLES / "mosul-2017-07-10.txt", "--published", "3/2/2021", check=False).returncode == 2
    help_text = fl("ingest", "--help").stdout
    assert all(k in help_text for k in (".warc", ".rss", ".atom", ".jsonl", ".html"))
    assert "dated today, with a warning" in fl("extract", "--help").stdout

