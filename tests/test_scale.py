"""Large inputs and executors: WARC, feeds and gzipped JSONL readers; the same results in
process, on a process pool and on a local Ray cluster; a failed job resumes at its first
unfinished shard; Parquet parts load into the store."""
import gzip
import io
import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from frontlines.executors import InProcess, executor, load_into_store, run_batch
from frontlines.ingest import Rejected, read_inputs
from frontlines.records import Report
from frontlines.store import Store
from frontlines.synthetic import generate

from .conftest import ROOT, SAMPLES

PAGE = ("<html><head><title>Attack in Kano</title><meta name='date' content='2021-03-02'></head><body><article>"
        "<p>Gunmen killed five people in the city of Kano on Monday, police said.</p>"
        "<p>Residents said the attackers fled on motorcycles.</p></article></body></html>")


def write_warc(path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for url, ctype, status, body in [
            ("https://news.example/kano-attack", "text/html; charset=utf-8", "200 OK", PAGE.encode()),
            ("https://news.example/logo.png", "image/png", "200 OK", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50),
            ("https://news.example/gone", "text/html", "404 Not Found", b"<html>missing</html>"),
        ]:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                warc_headers_dict={"WARC-Date": "2021-03-03T10:00:00Z"}))


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Troops retake Palma</title><link>https://wire.example/palma</link>
<pubDate>Sun, 04 Apr 2021 10:00:00 GMT</pubDate>
<description>Mozambican troops recaptured the town of Palma from Islamic State militants on Saturday, the army said.</description></item>
<item><title>Protest in Lagos</title><link>https://wire.example/lagos</link>
<pubDate>Tue, 20 Oct 2020 18:00:00 GMT</pubDate>
<description>Thousands of protesters marched in Lagos on Tuesday against police brutality.</description></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>
<entry><title>Clashes near Goma</title><link href="https://desk.example/goma"/><id>urn:goma</id>
<updated>2022-05-24T08:00:00Z</updated>
<content type="html">&lt;p&gt;M23 rebels clashed with Congolese troops near Goma on Monday, the army said.&lt;/p&gt;</content>
</entry></feed>"""


def test_readers_for_warc_feeds_and_gzipped_jsonl(tmp_path):
    write_warc(tmp_path / "crawl.warc.gz")
    (tmp_path / "wire.rss").write_text(RSS)
    (tmp_path / "desk.atom").write_text(ATOM)
    (tmp_path / "broken.rss").write_text("<rss><channel><item>")
    with gzip.open(tmp_path / "records.jsonl.gz", "wt") as f:
        f.write(json.dumps({"url": "https://x.example/a", "html": PAGE, "date": "2021-03-02"}) + "\n")
        f.write(json.dumps({"doc_id": "c", "content": "Police arrested 12 protesters in Harare on Friday.",
                            "published": "2019-01-18"}) + "\n")
    items = list(read_inputs([tmp_path]))
    reps = {r.source: r for r in items if isinstance(r, Report)}
    assert set(reps) == {"https://news.example/kano-attack", "https://wire.example/palma", "https://wire.example/lagos",
                         "https://desk.example/goma", "https://x.example/a", f"{tmp_path.name}/records.jsonl.gz"}
    warc = reps["https://news.example/kano-attack"]
    assert warc.is_html and warc.crawled == "2021-03-03" and "Gunmen killed five" in warc.raw
    assert reps["https://wire.example/palma"].published == "2021-04-04"
    assert reps["https://desk.example/goma"].published == "2022-05-24"
    assert reps["https://x.example/a"].is_html and reps["https://x.example/a"].published == "2021-03-02"
    rejected = [r for r in items if isinstance(r, Rejected)]
    assert [r.doc_id for r in rejected] == ["broken:0"] and "malformed feed" in rejected[0].reason

    res = run_batch(read_inputs([tmp_path]), tmp_path / "out", InProcess(), shard_size=3)
    events = pq.read_table(tmp_path / "out" / "events").to_pylist()
    by_src = {}
    for e in events:
        by_src.setdefault(e["source"], []).append(e)
    assert res["reports"] == 7 and res["rejected"] == 1
    assert any(e["sub_event_type"] == "Government regains territory" and e["event_date"] == "2021-04-03"
               for e in by_src["https://wire.example/palma"])
    kano = by_src["https://news.example/kano-attack"][0]
    assert kano["location"] == "Kano" and kano["event_date"] == "2021-03-01" and kano["fatalities"] == 5


def _rows(out, what):
    rows = [r for f in sorted((out / what).glob("part-*.parquet")) for r in pq.read_table(f).to_pylist()]
    return sorted(json.dumps(r, sort_keys=True) for r in rows)


def corpus():
    return list(read_inputs([SAMPLES / "merge"])) + list(generate(30, seed=5))


@pytest.mark.parametrize("engine", ["local", "ray"])
def test_engines_give_the_in_process_result(tmp_path, engine):
    run_batch(corpus(), tmp_path / "ref", InProcess(), shard_size=7)
    ex = executor(engine, workers=2)
    try:
        assert ex.workers == 2
        tot = run_batch(corpus(), tmp_path / engine, ex, shard_size=7)
    finally:
        ex.close()
    assert tot["shards"] == 8 and tot["reports"] == 50   # merge/ holds 10 reports and a gold file naming them
    for what in ("reports", "events"):
        assert _rows(tmp_path / engine, what) == _rows(tmp_path / "ref", what)


class Crashing(InProcess):
    """Dies after finishing `after` shards, as a killed job would."""

    def __init__(self, after):
        self.after = after

    def map(self, fn, tasks):
        for i, t in enumerate(tasks):
            if i == self.after:
                raise KeyboardInterrupt("killed")
            yield fn(*t)


def test_a_failed_job_resumes_at_its_first_unfinished_shard(tmp_path):
    items = list(generate(40, seed=9))
    with pytest.raises(KeyboardInterrupt):
        run_batch(items, tmp_path / "job", Crashing(after=2), shard_size=10)
    assert len(list((tmp_path / "job" / "_done").iterdir())) == 2
    # a shard cut off while writing leaves at most a temporary file, never a marker
    (tmp_path / "job" / "events" / ".part-00002.tmp").write_bytes(b"half a file")
    again = run_batch(items, tmp_path / "job", InProcess(), shard_size=10)
    assert (again["skipped_shards"], again["shards"], again["reports"]) == (2, 2, 20)
    run_batch(items, tmp_path / "clean", InProcess(), shard_size=10)
    for what in ("reports", "events"):
        assert _rows(tmp_path / "job", what) == _rows(tmp_path / "clean", what)


def test_parquet_parts_load_into_the_store_as_a_direct_ingest_does(tmp_path):
    from frontlines.pipeline import ingest
    run_batch(read_inputs([SAMPLES]), tmp_path / "out", InProcess(), shard_size=5)
    with Store(str(tmp_path / "a.db")) as a, Store(str(tmp_path / "b.db")) as b:
        load_into_store(tmp_path / "out", a)
        ingest(read_inputs([SAMPLES]), b)
        key = lambda s: sorted((e["event_id"], e["sub_event_type"], e["n_sources"], e["fatalities"]) for e in s.events())  # noqa
        assert key(a) == key(b) and len(key(a)) > 10
        again = load_into_store(tmp_path / "out", a)
        assert again["added"] == 0 and len(key(a)) == len(key(b))


def test_batch_and_bench_commands(tmp_path):
    p = subprocess.run([sys.executable, "-m", "frontlines", "batch", str(SAMPLES / "merge"), "--out",
                        str(tmp_path / "o"), "--engine", "local", "--shard-size", "3", "--db", str(tmp_path / "s.db"),
                        "-q"], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    assert "7 shards run" in p.stderr and "10 reports added, 10 already stored" in p.stderr
    b = subprocess.run([sys.executable, "-m", "frontlines", "bench", "--engine", "inprocess", "--scaling", "20,40"],
                       capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert b.returncode == 0, b.stderr
    rows = [line.split() for line in b.stdout.splitlines() if line.strip()[:2].isdigit()]
    assert [r[0] for r in rows] == ["20", "40"] and all(float(r[4]) > 0 and float(r[6]) > 0 for r in rows)


def _calls(n_sentences: int) -> int:
    """Python-level function calls (spaCy's included) that analysing one long report takes."""
    import cProfile
    import pstats
    from frontlines.nlp import parse
    from frontlines.pipeline import analyse, prepare
    from frontlines.synthetic import long_report
    rep = prepare(long_report(n_sentences, seed=7))
    doc = parse(rep.text)
    prof = cProfile.Profile()
    prof.runcall(analyse, rep, doc)
    return pstats.Stats(prof).total_calls


def test_a_long_report_costs_in_proportion_to_its_length():
    """Four times the sentences, at most about four times the work (counted in calls, not timed):
    reading every entity of the Doc for every sentence made 5,000 sentences take minutes."""
    _calls(20)   # the gazetteer and the word index load on first use
    small, large = _calls(80), _calls(320)
    assert large / small < 5.5, (small, large)
