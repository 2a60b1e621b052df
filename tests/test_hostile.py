"""Hostile input end to end: every file of tests/hostile.py is processed or rejected with its
reason, nothing crashes, nothing goes missing, and ingesting it again changes nothing."""
import sqlite3
import subprocess
import sys
from datetime import date

from . import hostile
from .conftest import ROOT


def test_hostile_corpus_is_processed_or_rejected_and_nothing_is_lost(tmp_path):
    expected = hostile.write(tmp_path / "corpus")
    db = tmp_path / "h.db"
    cmd = [sys.executable, "-m", "frontlines", "ingest", str(tmp_path / "corpus"), "--db", str(db), "-q"]
    first = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert first.returncode == 0 and "Traceback" not in first.stderr, first.stderr
    c = sqlite3.connect(db)
    stored = {doc: (status, reason or "") for doc, status, reason in
              c.execute("SELECT doc_id, status, reason FROM reports")}
    assert set(stored) == set(expected), set(expected) ^ set(stored)        # none lost, none invented
    for doc, outcome in expected.items():
        status, reason = stored[doc]
        if outcome == hostile.PROCESSED:
            assert status == "processed", (doc, reason)
        else:
            assert status == "rejected" and outcome.lower() in reason.lower(), (doc, reason)
    today = date.today().isoformat()
    assert c.execute("SELECT COUNT(*) FROM mentions WHERE event_date > ?", (today,)).fetchone()[0] == 0
    assert c.execute("SELECT MAX(fatalities) FROM mentions").fetchone()[0] < 1000
    assert c.execute("SELECT COUNT(*) FROM mentions WHERE evidence LIKE '%<script%' OR evidence LIKE '%alert(%' "
                     "OR evidence LIKE '%900 people%'").fetchone()[0] == 0
    before = [c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("reports", "events", "mentions")]
    c.close()

    again = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert again.returncode == 0, again.stderr
    assert "0 reports added" in again.stderr
    c = sqlite3.connect(db)
    assert [c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("reports", "events", "mentions")] == before
