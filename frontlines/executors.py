"""The pipeline over shards of reports, on interchangeable executors: in-process, a local
process pool (the default, one worker a core) or Ray. Every executor runs the same
`process_shard`, which writes one Parquet part per shard and then a done-marker, so a
restarted job skips the shards it finished.

    out/reports/part-00000.parquet   one row a report: processed or rejected (with reason)
    out/events/part-00000.parquet    one row an extracted event, with its report's doc_id
    out/_done/part-00000              written last: the shard is complete
"""
from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

SHARD_SIZE = 250
REPORT_COLUMNS = ["doc_id", "source", "published", "crawled", "status", "reason", "content_hash", "text",
                  "n_sentences", "n_events"]


def part_name(shard_id: int) -> str:
    return f"part-{shard_id:05d}"


def process_shard(shard_id: int, items: list, out_dir: str, published: Optional[str] = None) -> dict:
    """Run the pipeline on one shard's reports and write its Parquet parts, then its marker."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from .export import GOLD_FIELDS
    from .ingest import Rejected
    from .pipeline import run
    out = Path(out_dir)
    reports, events, sentences = [], [], 0
    for r in run(items, published):
        if isinstance(r, Rejected):
            reports.append({"doc_id": r.doc_id, "source": r.source, "status": "rejected", "reason": r.reason})
            continue
        rep = r.report
        sentences += r.sentences
        reports.append({"doc_id": rep.doc_id, "source": rep.source, "published": rep.published,
                        "crawled": rep.crawled, "status": "processed", "content_hash": rep.content_hash,
                        "text": rep.text, "n_sentences": r.sentences, "n_events": len(r.events)})
        for i, ev in enumerate(r.events):
            events.append({"doc_id": rep.doc_id, "content_hash": rep.content_hash, "index": i,
                           **{k: getattr(ev, k) for k in GOLD_FIELDS}})
    name = part_name(shard_id)
    for folder, rows, schema in (("reports", reports, _report_schema()), ("events", events, _event_schema())):
        (out / folder).mkdir(parents=True, exist_ok=True)
        tmp = out / folder / f".{name}.tmp"
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp)
        os.replace(tmp, out / folder / f"{name}.parquet")
    (out / "_done").mkdir(exist_ok=True)
    (out / "_done" / name).write_text(f"{len(reports)} reports\n")
    return {"shard": shard_id, "reports": len(reports), "rejected": sum(r["status"] == "rejected" for r in reports),
            "events": len(events), "sentences": sentences}


def _report_schema():
    import pyarrow as pa
    return pa.schema([("doc_id", pa.string()), ("source", pa.string()), ("published", pa.string()),
                      ("crawled", pa.string()), ("status", pa.string()), ("reason", pa.string()),
                      ("content_hash", pa.string()), ("text", pa.string()), ("n_sentences", pa.int64()),
                      ("n_events", pa.int64())])


def _event_schema():
    import pyarrow as pa
    from .export import GOLD_FIELDS
    ints = {"time_precision", "geo_precision", "fatalities", "evidence_start", "evidence_end"}
    floats = {"latitude", "longitude"}
    return pa.schema([("doc_id", pa.string()), ("content_hash", pa.string()), ("index", pa.int64())] +
                     [(k, pa.int64() if k in ints else pa.float64() if k in floats else pa.string())
                      for k in GOLD_FIELDS])


class InProcess:
    """Shards one after another in this process."""
    name = "inprocess"

    def map(self, fn: Callable, tasks: Iterable[tuple]) -> Iterator[dict]:
        for t in tasks:
            yield fn(*t)

    def close(self):
        pass


class LocalPool:
    """A pool of worker processes on this machine (default: one a core), a bounded number of
    shards in flight so memory stays flat however long the input."""
    name = "local"

    def __init__(self, workers: Optional[int] = None):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        self.workers = workers or os.cpu_count() or 1
        self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))

    def map(self, fn, tasks):
        from concurrent.futures import FIRST_COMPLETED, wait
        tasks, pending = iter(tasks), set()
        while True:
            for t in itertools.islice(tasks, 2 * self.workers - len(pending)):
                pending.add(self.pool.submit(fn, *t))
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                yield f.result()

    def close(self):
        self.pool.shutdown()


class RayExecutor:
    """Ray tasks: a local Ray instance (default), or a cluster at `address` ("auto" or host:port)."""
    name = "ray"

    def __init__(self, address: Optional[str] = None, workers: Optional[int] = None):
        import ray
        os.environ.setdefault("RAY_AUTH_MODE", "disabled")   # a local instance on loopback
        self.ray = ray
        self.started = not ray.is_initialized()
        if self.started:
            kw = {} if address else {"num_cpus": workers or os.cpu_count() or 1}
            ray.init(address=address, include_dashboard=False, log_to_driver=False, **kw)
        self.workers = int(ray.cluster_resources().get("CPU", 1))

    def map(self, fn, tasks):
        remote = self.ray.remote(num_cpus=1, max_retries=2)(fn)
        tasks, pending = iter(tasks), []
        while True:
            for t in itertools.islice(tasks, 2 * self.workers - len(pending)):
                pending.append(remote.remote(*t))
            if not pending:
                return
            done, pending = self.ray.wait(pending, num_returns=1)
            for ref in done:
                yield self.ray.get(ref)

    def close(self):
        if self.started:
            self.ray.shutdown()


def executor(engine: str = "local", workers: Optional[int] = None, address: Optional[str] = None):
    if engine == "inprocess":
        return InProcess()
    if engine == "local":
        return LocalPool(workers)
    if engine == "ray":
        return RayExecutor(address, workers)
    raise ValueError(f"unknown engine {engine!r}: inprocess, local or ray")


def run_batch(items: Iterable, out_dir, engine=None, shard_size: int = SHARD_SIZE,
              published: Optional[str] = None, on_shard: Optional[Callable[[dict], None]] = None) -> dict:
    """Cut the reports into shards of `shard_size`, skip shards already done in `out_dir`, run the
    rest on the executor and return totals. Shards are cut in input order, so the same inputs
    always give the same shards and a restarted job resumes."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    own = engine is None or isinstance(engine, str)
    ex = executor(engine or "local") if own else engine
    totals = {"shards": 0, "skipped_shards": 0, "reports": 0, "rejected": 0, "events": 0, "sentences": 0}

    def tasks():
        it = iter(items)
        for shard_id in itertools.count():
            batch = list(itertools.islice(it, shard_size))
            if not batch:
                return
            if (out / "_done" / part_name(shard_id)).exists():
                totals["skipped_shards"] += 1
                continue
            yield shard_id, batch, str(out), published

    try:
        for res in ex.map(process_shard, tasks()):
            totals["shards"] += 1
            for k in ("reports", "rejected", "events", "sentences"):
                totals[k] += res[k]
            if on_shard:
                on_shard(res)
    finally:
        if own:
            ex.close()
    return totals


def load_into_store(out_dir, store):
    """Load the Parquet parts, shard by shard in order, into a store (which merges across reports).
    Returns the store's counts by outcome."""
    return store.add_all(_stored_items(Path(out_dir)))


def _stored_items(out: Path):
    """The Results and Rejected that the Parquet parts hold, in shard order."""
    import pyarrow.parquet as pq
    from .ingest import Rejected
    from .pipeline import Result
    from .records import Event, Report
    for part in sorted((out / "reports").glob("part-*.parquet")):
        evs: dict[str, list] = {}
        ev_path = out / "events" / part.name
        if ev_path.exists():
            for row in pq.read_table(ev_path).to_pylist():
                evs.setdefault(row["content_hash"], []).append(row)
        for row in pq.read_table(part).to_pylist():
            if row["status"] == "rejected":
                yield Rejected(row["doc_id"], row["source"] or "", row["reason"] or "")
                continue
            rep = Report(doc_id=row["doc_id"], raw="", source=row["source"], published=row["published"],
                         text=row["text"] or "", digest=row["content_hash"])
            events = [Event(doc_id=e["doc_id"], **{k: v for k, v in e.items()
                                                   if k not in ("doc_id", "content_hash", "index")})
                      for e in sorted(evs.get(row["content_hash"], []), key=lambda e: e["index"])]
            yield Result(rep, events, sentences=row["n_sentences"] or 0)
