"""Load test of the events endpoint on loopback: requests/s and latency percentiles.

    .venv/bin/python scripts/loadtest.py [--db STORE] [--requests 3000] [--concurrency 8]

Starts `frontlines serve` in its own process on 127.0.0.1 (default store: the bundled sample
reports, ingested into a temporary file), sends a bounded number of requests from client
threads (stopping after --seconds at the latest), prints the figures and stops the server.
"""
import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db")
    ap.add_argument("--requests", type=int, default=3000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--path", default="/api/events?limit=100")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp()
    db = a.db or os.path.join(tmp, "samples.db")
    if not a.db:
        subprocess.run([sys.executable, "-m", "frontlines", "ingest", str(ROOT / "frontlines" / "samples"),
                        "--db", db, "-q"], check=True, cwd=ROOT)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "frontlines", "serve", "--db", db, "--port", str(port)],
                              cwd=ROOT, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/api/facets", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        latencies, errors, lock = [], [0], threading.Lock()
        left = [a.requests]
        deadline = time.time() + a.seconds

        def worker():
            with httpx.Client(base_url=base, timeout=10) as c:
                while time.time() < deadline:
                    with lock:
                        if left[0] <= 0:
                            return
                        left[0] -= 1
                    t = time.perf_counter()
                    try:
                        ok = c.get(a.path).status_code == 200
                    except httpx.HTTPError:
                        ok = False
                    dt = time.perf_counter() - t
                    with lock:
                        latencies.append(dt)
                        errors[0] += not ok

        t0 = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(a.concurrency)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.perf_counter() - t0
        ms = sorted(x * 1000 for x in latencies)
        pct = lambda p: ms[min(len(ms) - 1, int(p / 100 * len(ms)))]   # noqa: E731
        print(f"GET {a.path}: {len(ms)} requests, {a.concurrency} clients, {errors[0]} errors, {wall:.1f}s")
        print(f"throughput: {len(ms) / wall:.0f} requests/s   latency p50 {statistics.median(ms):.1f} ms   "
              f"p95 {pct(95):.1f} ms   p99 {pct(99):.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
