"""Command line: frontlines run | extract | ingest | events | show | control | batch | serve | eval | bench |
gazetteer."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from . import __version__
from .table import print_table

HERE = Path(__file__).resolve().parent
FORMATS = ["table", "csv", "geojson", "parquet", "json", "jsonl"]
BUNDLED = HERE / "samples"


def default_inputs() -> list[str]:
    """The bundled sample reports, plus the project's shared sample when it sits beside the clone."""
    found = sorted(str(p) for p in [*BUNDLED.glob("*"), *BUNDLED.glob("merge/*")] if p.suffix in (".txt", ".html"))
    for shared in (HERE.parent.parent / "shared" / "samples", Path.cwd().parent / "shared" / "samples"):
        if shared.is_dir():
            found += sorted(str(p) for p in shared.glob("*.txt"))
            break
    return found


INPUT_HELP = ("reports: .txt or .html pages, .jsonl / .jsonl.gz (gold format or news records), .warc / .warc.gz "
              "crawls, .rss / .atom / .xml feeds, or folders of them")
PUBLISHED_HELP = ("publication date (YYYY-MM-DD) for reports that lack one; without it the date is read from the page "
                  "(metadata, URL, file name, header), and a report with none is dated today, with a warning")


class UsageError(Exception):
    """A mistake in the command line: printed as one line, exit status 2."""


def iso_date(value: str) -> str:
    """argparse type: a real YYYY-MM-DD date."""
    from datetime import date
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: give YYYY-MM-DD, e.g. 2017-10-03")


def _existing(inputs) -> list[str]:
    """The inputs, or a UsageError naming those that do not exist."""
    missing = [x for x in inputs if not Path(x).exists()]
    if missing:
        raise UsageError("no such file or folder: " + ", ".join(missing))
    return list(inputs)


def _store_to_read(db):
    """The store a reading command opens: it must exist (a mistyped path would answer 'no events')."""
    from .store import open_store, store_url
    url = store_url(db)
    if not url.startswith(("postgresql:", "postgres:")):
        path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
        if path != ":memory:" and not Path(path).is_file():
            raise UsageError(f"no store at {path}: give --db (or $FRONTLINES_DB), or create one with "
                             f"'frontlines ingest REPORTS --db {path}'")
    return open_store(url)


def _progress(it, total=None, desc="reports", disable=False):
    from tqdm import tqdm
    return tqdm(it, total=total, desc=desc, unit=" rep", disable=disable, file=sys.stderr, dynamic_ncols=True)


def _count(inputs) -> int | None:
    """How many reports the inputs hold, for the progress bar (None when only reading them tells)."""
    from .ingest import iter_paths, kind
    n = 0
    for p in iter_paths(inputs):
        k = kind(p)
        if k == "jsonl" and p.suffix.lower() != ".gz":
            with open(p, "rb") as f:
                n += sum(1 for line in f if line.strip())
        elif k == "report":
            n += 1
        else:
            return None
    return n


def _process(inputs, published=None, quiet=False, limit=None):
    """Run the pipeline with a progress bar; returns (results, rejected)."""
    from .ingest import Rejected, read_inputs
    from .pipeline import run
    import itertools
    items = read_inputs(inputs)
    if limit:
        items = itertools.islice(items, limit)
    total = _count(inputs)
    results, rejected = [], []
    for r in _progress(run(items, published), total=min(total, limit) if limit else total,
                       disable=quiet or (total or 0) < 2):
        (rejected if isinstance(r, Rejected) else results).append(r)
    return results, rejected


TABLE_COLS = [("event_date", "date"), ("sub_event_type", "sub-event type"), ("actor1", "actor 1"),
              ("actor2", "actor 2"), ("location", "location"), ("fatalities", "fatalities")]


def _summary(results, rejected, out=sys.stderr):
    sys.stdout.flush()
    n_ev = sum(len(r.events) for r in results)
    print(f"{len(results)} reports processed, {n_ev} events, {len(rejected)} rejected", file=out)
    for r in rejected:
        print(f"  rejected {r.doc_id} ({r.source}): {r.reason}", file=out)
    undated = [r.report.doc_id for r in results if not r.report.published]
    if undated:
        print(f"warning: {len(undated)} report(s) with no publication date ({', '.join(undated[:3])}"
              f"{' ...' if len(undated) > 3 else ''}): 'on Tuesday' and the like were read against today; "
              f"give --published YYYY-MM-DD", file=out)


def _write_predictions(results, path):
    from .export import prediction_line
    fh = sys.stdout if path in (None, "-") else open(path, "w", encoding="utf-8")
    try:
        for r in results:
            fh.write(json.dumps(prediction_line(r.report.doc_id, r.events, r.places), ensure_ascii=False) + "\n")
    finally:
        if fh is not sys.stdout:
            fh.close()


def cmd_run(a):
    """The main job: extract, store and merge (a fresh out/frontlines.db), print the merged events,
    export them, and write the per-report predictions."""
    from . import control
    from .export import write_csv, write_geojson, write_parquet
    from .store import open_store, to_event
    inputs = _existing(a.inputs) or default_inputs()
    results, rejected = _process(inputs, a.published, a.quiet)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    db = out / "frontlines.db"
    for f in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        f.unlink(missing_ok=True)
    with open_store(str(db)) as store:
        store.add_all([*results, *rejected])
        rows = store.events()
        places = control.overview(store.territory_events())
    events = [to_event(r) for r in rows]
    print_table(rows, [*TABLE_COLS, ("n_sources", "sources")])
    sys.stdout.flush()
    write_csv(events, out / "events.csv")
    write_geojson(events, out / "events.geojson")
    write_parquet(events, out / "events.parquet")
    _write_predictions(results, out / "predictions.jsonl")
    _summary(results, rejected)
    n_mentions = sum(len(r.events) for r in results)
    print(f"{n_mentions} extracted events merged into {len(rows)} events "
          f"({sum(r['n_sources'] > 1 for r in rows)} told by more than one report); "
          f"control timelines for {len(places)} places", file=sys.stderr)
    print(f"wrote {out}/events.csv, events.geojson, events.parquet (merged events), predictions.jsonl "
          f"(per report), frontlines.db (store: frontlines events|show|control --db {db})", file=sys.stderr)
    return 0


def cmd_extract(a):
    from .export import write_csv, write_geojson, write_parquet
    results, rejected = _process(_existing(a.inputs), a.published, a.quiet)
    _write_predictions(results, a.output)
    events = [e for r in results for e in r.events]
    if a.csv:
        write_csv(events, a.csv)
    if a.geojson:
        write_geojson(events, a.geojson)
    if a.parquet:
        write_parquet(events, a.parquet)
    if a.table:
        print_table(events, TABLE_COLS, out=sys.stderr)
    _summary(results, rejected)
    return 0


def cmd_ingest(a):
    from .ingest import read_inputs
    from .pipeline import ingest
    from .store import open_store
    total = _count(_existing(a.inputs))
    with open_store(a.db) as store, _progress(None, total=total, disable=a.quiet or (total or 0) < 2) as bar:
        c = ingest(read_inputs(a.inputs), store, a.published, on_item=lambda _: bar.update(1))
        n_ev, n_rep = store.count_events(), len(store.reports("processed"))
        rejected = store.reports("rejected") if c["rejected"] else []
    print(f"{c['added']} reports added, {c['replaced']} replaced (changed page), {c['skipped']} already stored, "
          f"{c['rejected']} rejected; {c['new_events']} new events, {c['merged']} merged into events told by "
          f"other reports", file=sys.stderr)
    print(f"store {store.url}: {n_ev} events from {n_rep} reports", file=sys.stderr)
    for r in rejected:
        print(f"  rejected {r['doc_id']} ({r['source']}): {r['reason']}", file=sys.stderr)
    return 0


def _filters(a) -> dict:
    return {k: getattr(a, k) for k in ("country", "since", "until", "type", "actor", "location")
            if getattr(a, k, None)}


def cmd_events(a):
    from .export import write_csv, write_geojson, write_parquet
    from .store import to_event
    with _store_to_read(a.db) as store:
        rows = store.events(**_filters(a), limit=a.limit)
    fmt = a.format or (Path(a.output).suffix.lstrip(".") if a.output else "table")
    fmt = {"ndjson": "jsonl"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise UsageError(f"cannot tell the format of {a.output}: give --format ({', '.join(FORMATS)})")
    if fmt == "table":
        print_table(rows, [("event_id", "event id"), *TABLE_COLS, ("n_sources", "sources")])
    elif fmt in ("json", "jsonl"):   # one JSON array, or JSON Lines (an event a line)
        fh = open(a.output, "w", encoding="utf-8") if a.output else sys.stdout
        if fmt == "json":
            json.dump(rows, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        else:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        if a.output:
            fh.close()
    else:
        if not a.output:
            if fmt != "csv":
                raise SystemExit(f"--format {fmt} needs -o FILE")
            write_csv(map(to_event, rows), sys.stdout)
        else:
            {"csv": write_csv, "geojson": write_geojson, "parquet": write_parquet}[fmt](map(to_event, rows), a.output)
    print(f"{len(rows)} events", file=sys.stderr)
    return 0


def cmd_show(a):
    with _store_to_read(a.db) as store:
        ev = store.event(a.event_id)
    if ev is None:
        print(f"no event {a.event_id}", file=sys.stderr)
        return 1
    print(json.dumps(ev, ensure_ascii=False, indent=1))
    return 0


def cmd_control(a):
    from . import control
    with _store_to_read(a.db) as store:
        events = store.territory_events()
    if not a.place:
        rows = control.overview(events, a.at)
        if a.json:
            print(json.dumps(rows, ensure_ascii=False, indent=1))
            return 0
        print(f"{'place':<26}{'country':<14}{'held by':<42}{'since':<12}contested")
        for r in rows:
            print(f"{r['location'][:25]:<26}{(r['country'] or '')[:13]:<14}{(r['controller'] or '(unknown)')[:41]:<42}"
                  f"{r['since']:<12}{'yes' if r['contested'] else ''}")
        return 0
    res = control.query(events, a.place, a.at)
    if a.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return 0 if res["timeline"] else 1
    if not res["timeline"]:
        print(f"no territorial events at {a.place!r} in the store", file=sys.stderr)
        return 1
    print(f"{res['place']} ({res['country']}): {len(res['timeline'])} control changes")
    for e in res["timeline"]:
        flag = "  CONTESTED by " + ", ".join(c["controller"] for c in e["rival_claims"]) if e["contested"] else ""
        print(f"  {e['date']}  {(e['controller'] or '(unknown)')} took it"
              f"{' from ' + e['previous'] if e['previous'] else ''}  [{e['n_sources']} source(s)]{flag}")
        print(f"      \"{e['evidence'][:160]}\"")
    if a.at:
        who = res["controller"] or ("an unnamed actor (since " + res["since"] + ")" if res["since"]
                                    else "no recorded controller")
        print(f"on {res['at']}: {who}{' (contested)' if res['contested'] else ''}")
    return 0


def cmd_batch(a):
    from .executors import load_into_store, run_batch
    from .ingest import read_inputs
    total = _count(_existing(a.inputs))
    with _progress(None, total=total, disable=a.quiet) as bar:
        t = time.time()
        totals = run_batch(read_inputs(a.inputs), a.out, a.engine, a.shard_size, a.published,
                           on_shard=lambda res: bar.update(res["reports"]))
        dt = time.time() - t
    print(f"{totals['shards']} shards run, {totals['skipped_shards']} already done; {totals['reports']} reports "
          f"({totals['rejected']} rejected), {totals['events']} events in {dt:.1f}s; Parquet parts in {a.out}/",
          file=sys.stderr)
    if a.db:
        from .store import open_store
        with open_store(a.db) as store:
            c = load_into_store(a.out, store)
            print(f"store {store.url}: {c['added']} reports added, {c['skipped']} already stored, {c['rejected']} "
                  f"rejected; {c['new_events']} new events, {c['merged']} merged", file=sys.stderr)
    return 0


def cmd_serve(a):
    import uvicorn
    from .server import create_app
    app = create_app(a.db, a.token)
    print(f"frontlines: map on http://{a.host}:{a.port}/  API docs on http://{a.host}:{a.port}/docs", file=sys.stderr)
    uvicorn.run(app, host=a.host, port=a.port, log_level="warning")
    return 0


def _predict_lines(gold, gold_path, a):
    """Run the pipeline on gold lines (text only); (results, rejected)."""
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
        for line in gold:
            tmp.write(json.dumps(_gold_input(line, gold_path)) + "\n")
    try:
        return _process([tmp.name], a.published, a.quiet)
    finally:
        os.unlink(tmp.name)


def cmd_eval(a):
    from .evaluate import format_report, read_jsonl, score
    status = 0
    if a.cv is not None and a.cv < 2:
        raise UsageError("--cv needs at least 2 folds")
    for path in list(a.gold) + list(a.train_with or []):
        if not Path(path).is_file():
            raise UsageError(f"no such gold file: {path}")
    for gold_path in a.gold:
        gold = read_jsonl(gold_path)
        if a.limit:
            gold = gold[: a.limit]
        out_dir = Path(a.out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        pred_path = out_dir / (Path(gold_path).stem + ".pred.jsonl")
        t = time.time()
        if a.cv:   # every line predicted by a model fitted on the other folds
            from . import learned
            from .train import fold_models
            results, rejected = [], []
            for part, model in fold_models(gold, also=a.train_with or [], k=a.cv):
                with learned.use(model):
                    res, rej = _predict_lines(part, gold_path, a)
                results += res
                rejected += rej
            order = {str(line.get("doc_id")): i for i, line in enumerate(gold)}
            results.sort(key=lambda r: order.get(r.report.doc_id, 0))
        else:
            results, rejected = _predict_lines(gold, gold_path, a)
        _write_predictions(results, pred_path)
        preds = {r.report.doc_id: json.loads(json.dumps(_pred(r))) for r in results}
        if any(e.get("cluster") for line in gold for e in line.get("events") or []):
            _merge_into_store(results, preds)
        rep = score(gold, preds)
        with open(out_dir / (Path(gold_path).stem + ".scores.json"), "w", encoding="utf-8") as f:
            json.dump(rep, f, indent=1)
        how = f", {a.cv}-fold cross-validated" if a.cv else ""
        print(f"== {gold_path}: {len(gold)} reports{how}, {time.time() - t:.1f}s, predictions in {pred_path}")
        print(format_report(rep))
        if rejected:
            print(f"  ({len(rejected)} reports rejected: {rejected[0].reason} ...)")
        if a.json:
            with open(a.json, "a", encoding="utf-8") as f:
                f.write(json.dumps({"gold": str(gold_path), **rep}) + "\n")
    return status


def cmd_train(a):
    from . import learned
    from .train import describe, fit_files
    for path in a.files:
        if not Path(path).is_file():
            raise UsageError(f"no such labelled file: {path}")
    out = Path(a.out)
    if out.exists() and any(out.iterdir()) and not (out / "model.json").is_file():
        raise UsageError(f"{out} exists and holds something other than a model: choose another --out")
    t = time.time()
    with tqdm_bar(a.quiet) as bar:
        try:
            model = fit_files(a.files, c=a.c or learned.C, progress=bar.update)
        except ValueError as e:
            raise UsageError(str(e))
    if a.reject is not None:
        model.reject = a.reject
    model.save(out)
    print(f"frontlines train: model in {out} ({time.time() - t:.0f}s): {describe(model)}", file=sys.stderr)
    print(f"use it with: frontlines --model {out} run ...  (or FRONTLINES_MODEL={out})", file=sys.stderr)
    return 0


def tqdm_bar(quiet):
    from tqdm import tqdm
    return tqdm(desc="examples", unit=" ex", disable=quiet, file=sys.stderr)


def _merge_into_store(results, preds) -> None:
    """Ingest the reports, in order, into a fresh in-memory store and note for every predicted
    event which stored (merged) event it became: what the merge scores read."""
    from .store import Store
    with Store(":memory:") as store:
        for r in results:
            ids = store.add(r).get("event_ids") or []
            for ev, eid in zip(preds[r.report.doc_id]["events"], ids):
                ev["merged_event_id"] = eid


def _gold_input(line: dict, gold_path) -> dict:
    """A gold line as pipeline input: text or a path made absolute; no gold answers passed on."""
    keep = {k: line[k] for k in ("doc_id", "text", "published", "source", "task") if k in line}
    if "path" in line and "text" not in line:
        keep["path"] = str((Path(gold_path).resolve().parent / line["path"]).resolve())
    return keep


def _pred(r):
    from .export import prediction_line
    return prediction_line(r.report.doc_id, r.events, r.places)


class _TreeMemory:
    """Peak resident memory of this process and all its descendants (workers, Ray), sampled."""

    def __init__(self, every=0.25):
        import threading
        self.peak, self.every, self.stop = 0, every, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        import psutil
        me = psutil.Process()
        while not self.stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self.stop.wait(self.every)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def _bench_engine(a):
    """Synthetic reports through the sharded pipeline on an engine, at one or more sizes."""
    import shutil
    import tempfile
    from .executors import executor, run_batch
    from .synthetic import generate
    sizes = [int(x) for x in (a.scaling or str(a.synthetic or 20000)).split(",")]
    ex = executor(a.engine, a.workers)
    print(f"engine {a.engine}, {getattr(ex, 'workers', 1)} workers, shards of {a.shard_size}")
    print(f"{'reports':>8} {'sentences':>10} {'events':>8} {'seconds':>8} {'reports/s':>10} {'sentences/s':>12} "
          f"{'peak MiB (all processes)':>25} {'s per 1k':>9}")
    try:
        for n in sizes:
            out = tempfile.mkdtemp(prefix="frontlines-bench-")
            with _TreeMemory() as mem:
                t = time.time()
                tot = run_batch(generate(n, seed=n), out, ex, a.shard_size)
                dt = time.time() - t
            shutil.rmtree(out, ignore_errors=True)
            print(f"{tot['reports']:>8} {tot['sentences']:>10} {tot['events']:>8} {dt:>8.1f} {tot['reports'] / dt:>10.1f} "
                  f"{tot['sentences'] / dt:>12.1f} {mem.peak / 2**20:>25.0f} {dt / n * 1000:>9.2f}", flush=True)
    finally:
        ex.close()
    return 0


def _bench_long(a):
    """One synthetic report of each length, through clean, parse and analyse (past the MAX_CHARS check,
    which only says a text is too long to be one report): seconds per 1,000 sentences must stay flat."""
    from .nlp import load, parse
    from .pipeline import analyse, prepare
    from .synthetic import long_report
    load().max_length = 10_000_000
    warm = prepare(long_report(30, seed=1))
    analyse(warm, parse(warm.text))   # the model, the gazetteer and the word index load on first use
    print(f"{'sentences':>10} {'characters':>11} {'events':>7} {'seconds':>8} {'s per 1k sentences':>19} "
          f"{'peak MiB':>9}")
    for n in [int(x) for x in a.long.split(",")]:
        rep = prepare(long_report(n, seed=n))
        with _TreeMemory() as mem:
            t = time.time()
            res = analyse(rep, parse(rep.text))
            dt = time.time() - t
        print(f"{res.sentences:>10} {len(rep.text):>11,} {len(res.events):>7} {dt:>8.1f} "
              f"{dt / res.sentences * 1000:>19.2f} {mem.peak / 2**20:>9.0f}", flush=True)
    return 0


def cmd_bench(a):
    if a.long:
        return _bench_long(a)
    if a.engine or a.synthetic or a.scaling:
        a.engine = a.engine or "local"
        return _bench_engine(a)
    import resource
    inputs = _existing(a.inputs) or default_inputs()
    from .geo import gazetteer
    from .nlp import load
    t0 = time.time()
    load()
    gazetteer()
    warm = time.time() - t0
    reps = sents = evs = 0
    t = time.time()
    for _ in range(a.repeat):
        results, rejected = _process(inputs, None, a.quiet, a.limit)
        reps += len(results)
        sents += sum(r.sentences for r in results)
        evs += sum(len(r.events) for r in results)
    dt = time.time() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"reports: {reps}  sentences: {sents}  events: {evs}  time: {dt:.2f}s  (model+gazetteer load {warm:.1f}s)")
    print(f"throughput: {reps / dt:.1f} reports/s  {sents / dt:.1f} sentences/s")
    print(f"peak memory: {peak:.0f} MiB (max RSS)")
    return 0


def cmd_gazetteer(a):
    """Add, list or remove village-level places (villages.py)."""
    from . import villages
    if a.action == "list":
        rows = villages.countries()
        if not rows:
            print(f"no places added (store: {villages.db_path()}); add some with 'frontlines gazetteer add XX.zip'",
                  file=sys.stderr)
            return 0
        print_table(rows, [("country_code", "country"), ("rows", "rows"), ("source", "source"), ("added", "added")])
        print(f"store: {villages.db_path()} ({villages.db_path().stat().st_size / 2**20:.0f} MiB)", file=sys.stderr)
        return 0
    if a.action == "remove":
        if not a.items:
            raise UsageError("give the country codes to remove, e.g. 'frontlines gazetteer remove ML'")
        for cc in a.items:
            print(f"{cc.upper()}: {'removed' if villages.remove(cc) else 'was not loaded'}", file=sys.stderr)
        return 0
    if not a.items:
        raise UsageError("give GeoNames dumps to add: XX.zip, XX.txt, allCountries.zip, cities500.zip or URLs")
    _existing([x for x in a.items if not x.startswith(("http://", "https://"))])
    from tqdm import tqdm
    total = {}
    for src in a.items:
        with tqdm(desc=Path(src).name, unit="B", unit_scale=True, disable=a.quiet, file=sys.stderr) as bar:
            def progress(done, size, bar=bar):
                bar.total, bar.n = size, done
                bar.refresh()
            counts = villages.add([src], progress=progress)
        total.update(counts)
        print(f"{src}: {sum(counts.values()):,} places in {', '.join(sorted(counts)) or 'no country'}",
              file=sys.stderr)
    print(f"store {villages.db_path()}: {len(villages.countries())} countries", file=sys.stderr)
    return 0


MODEL_HELP = ("learned typing model folder (from 'frontlines train'), or 'none' for the rules alone "
              "(default: $FRONTLINES_MODEL, else the shipped model)")


BACKGROUND_HELP = ("keep background events: those dated more than 30 days before their report and not told in "
                   "its lead (default: left out, as ACLED codes an event from the reports of its time; "
                   "also $FRONTLINES_BACKGROUND=keep)")


def _use_model(choice):
    """--model: checked now, and passed on through the environment to worker processes."""
    from . import learned
    if choice is None:
        choice = os.environ.get("FRONTLINES_MODEL")
    if choice is None or choice.strip().lower() == "none":
        if choice is not None:
            os.environ["FRONTLINES_MODEL"] = "none"
        return
    try:
        learned.Model.load(Path(choice).expanduser())
    except FileNotFoundError as e:
        raise UsageError(f"--model: {e}")
    os.environ["FRONTLINES_MODEL"] = str(Path(choice).expanduser().resolve())


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="frontlines", description="Conflict events from news reports, ACLED-style.")
    p.add_argument("--version", action="version", version=f"frontlines {__version__}")
    p.add_argument("--model", metavar="DIR", help=MODEL_HELP)
    p.add_argument("--background", action="store_true", help=BACKGROUND_HELP)
    sub = p.add_subparsers(dest="cmd", required=True)

    r = sub.add_parser("run", help="extract events from reports (default: the bundled samples), print a table, "
                                   "write CSV / GeoJSON / Parquet / predictions")
    r.add_argument("inputs", nargs="*", help=INPUT_HELP + " (default: the bundled samples)")
    r.add_argument("--out", default="out", help="output folder (default: out/)")
    r.add_argument("--published", type=iso_date, help=PUBLISHED_HELP)
    r.add_argument("-q", "--quiet", action="store_true")
    r.set_defaults(func=cmd_run)

    e = sub.add_parser("extract", help="extract events; write predictions (gold schema JSONL)")
    e.add_argument("inputs", nargs="+", help=INPUT_HELP)
    e.add_argument("-o", "--output", default="-", help="predictions JSONL (default: stdout)")
    e.add_argument("--published", type=iso_date, help=PUBLISHED_HELP)
    e.add_argument("--csv", help="also write ACLED-column CSV")
    e.add_argument("--geojson", help="also write GeoJSON")
    e.add_argument("--parquet", help="also write Parquet")
    e.add_argument("--table", action="store_true", help="print an events table on stderr")
    e.add_argument("-q", "--quiet", action="store_true")
    e.set_defaults(func=cmd_extract)

    db_help = "store: a SQLite path or postgresql://... URL (default: $FRONTLINES_DB, else ./frontlines.db)"
    g = sub.add_parser("ingest", help="extract events into the store, merging events told by several reports; "
                                      "re-ingesting is a no-op and a killed run resumes")
    g.add_argument("inputs", nargs="+", help=INPUT_HELP)
    g.add_argument("--db", help=db_help)
    g.add_argument("--published", type=iso_date, help=PUBLISHED_HELP)
    g.add_argument("-q", "--quiet", action="store_true")
    g.set_defaults(func=cmd_ingest)

    q = sub.add_parser("events", help="list or export stored events, with filters")
    q.add_argument("--db", help=db_help)
    q.add_argument("--country")
    q.add_argument("--since", type=iso_date, help="YYYY-MM-DD (inclusive)")
    q.add_argument("--until", type=iso_date, help="YYYY-MM-DD (inclusive)")
    q.add_argument("--type", help="event type or sub-event type, e.g. Battles or 'Air/drone strike'")
    q.add_argument("--actor", help="part of an actor name (actor1 or actor2)")
    q.add_argument("--location")
    q.add_argument("--limit", type=int)
    q.add_argument("--format", choices=FORMATS,
                   help="json: one JSON array; jsonl: JSON Lines, an event a line (default: from -o's extension, "
                        "else table)")
    q.add_argument("-o", "--output", help="write to this file")
    q.set_defaults(func=cmd_events)

    w = sub.add_parser("show", help="one stored event with every source and evidence sentence")
    w.add_argument("event_id")
    w.add_argument("--db", help=db_help)
    w.set_defaults(func=cmd_show)

    c = sub.add_parser("control", help="who controls a place over time (no PLACE: every place, latest holder)")
    c.add_argument("place", nargs="?")
    c.add_argument("--at", type=iso_date, help="YYYY-MM-DD: who held it on that date")
    c.add_argument("--db", help=db_help)
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_control)

    bt = sub.add_parser("batch", help="the pipeline over large inputs in shards, on a process pool or Ray; "
                                      "Parquet parts out, resumable; optionally loaded into the store")
    bt.add_argument("inputs", nargs="+", help=INPUT_HELP)
    bt.add_argument("--out", required=True, help="output folder (reports/, events/ Parquet parts; _done/ markers)")
    bt.add_argument("--engine", choices=["inprocess", "local", "ray"], default="local",
                    help="local: a process pool using all cores (default); ray: Ray tasks")
    bt.add_argument("--shard-size", type=int, default=250)
    bt.add_argument("--db", help="also load the results into this store")
    bt.add_argument("--published", type=iso_date, help=PUBLISHED_HELP)
    bt.add_argument("-q", "--quiet", action="store_true")
    bt.set_defaults(func=cmd_batch)

    sv = sub.add_parser("serve", help="HTTP API (OpenAPI docs at /docs) and the web map")
    sv.add_argument("--db", help=db_help)
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=8000)
    sv.add_argument("--token", help="API token for submitting reports (default: $FRONTLINES_API_TOKEN; none: off)")
    sv.set_defaults(func=cmd_serve)

    v = sub.add_parser("eval", help="score extraction against gold files (shared/gold/FORMAT.md)")
    v.add_argument("gold", nargs="+")
    v.add_argument("--out-dir", default="eval-out", help="folder for predictions and scores (default: eval-out/)")
    v.add_argument("--limit", type=int, help="score only the first N reports")
    v.add_argument("--published", help=argparse.SUPPRESS)
    v.add_argument("--json", help="append scores as JSON lines to this file")
    v.add_argument("--cv", type=int, metavar="K", help="K-fold cross-validation of the learned typing model: each "
                   "line is predicted by a model fitted on the other folds (and --train-with files), never on itself")
    v.add_argument("--train-with", nargs="+", metavar="FILE", help="with --cv: labelled files every fold's model is "
                   "also fitted on (lines of the set under test are left out of them)")
    v.add_argument("-q", "--quiet", action="store_true")
    v.set_defaults(func=cmd_eval)

    tr = sub.add_parser("train", help="fit the learned typing model on labelled gold files (typing lines, or "
                                      "events lines with evidence); writes a model folder for --model")
    tr.add_argument("files", nargs="+", help="labelled JSONL files (shared/gold/FORMAT.md)")
    tr.add_argument("--out", required=True, help="model folder to write")
    tr.add_argument("--c", type=float, default=None, help="inverse regularisation strength (default: the shipped "
                    "model's)")
    tr.add_argument("--reject", type=float, help="P(no event) at which a rules' event is dropped (default 0.45)")
    tr.add_argument("-q", "--quiet", action="store_true")
    tr.set_defaults(func=cmd_train)

    b = sub.add_parser("bench", help="throughput (reports/s, sentences/s) and peak memory")
    b.add_argument("inputs", nargs="*", help=INPUT_HELP + " (default: the bundled samples)")
    b.add_argument("--repeat", type=int, default=1)
    b.add_argument("--limit", type=int)
    b.add_argument("--engine", choices=["inprocess", "local", "ray"],
                   help="run synthetic reports through the sharded pipeline on this engine")
    b.add_argument("--synthetic", type=int, help="how many synthetic reports (default 20000 with --engine)")
    b.add_argument("--scaling", help="comma-separated sizes, e.g. 1000,5000,20000: how cost grows")
    b.add_argument("--long", metavar="N,N,...", help="one synthetic report of each number of sentences, e.g. "
                   "1000,5000,20000: seconds per 1,000 sentences as a report grows (should stay flat)")
    b.add_argument("--workers", type=int, help="worker processes (default: one a core)")
    b.add_argument("--shard-size", type=int, default=250)
    b.add_argument("-q", "--quiet", action="store_true")
    b.set_defaults(func=cmd_bench)

    gz = sub.add_parser("gazetteer", help="village-level places from GeoNames dumps, used by the place resolver",
                        description="Village-level places in $FRONTLINES_DATA (default ~/.local/share/frontlines): "
                                    "'add' loads GeoNames dumps (XX.zip, XX.txt, allCountries.zip, cities500.zip, "
                                    "or their URLs; re-adding a country replaces it), 'list' shows what is loaded, "
                                    "'remove CC' drops a country.")
    gz.add_argument("action", choices=["add", "list", "remove"])
    gz.add_argument("items", nargs="*", metavar="PATH|URL|CC")
    gz.add_argument("-q", "--quiet", action="store_true")
    gz.set_defaults(func=cmd_gazetteer)

    for name in ("run", "extract", "ingest", "batch", "serve", "eval", "bench"):   # also after the command
        sub.choices[name].add_argument("--model", metavar="DIR", default=argparse.SUPPRESS, help=MODEL_HELP)
        sub.choices[name].add_argument("--background", action="store_true", default=argparse.SUPPRESS,
                                       help=BACKGROUND_HELP)
    a = p.parse_args(argv)
    try:
        _use_model(a.model)
        if a.background:   # read by every worker through the environment
            os.environ["FRONTLINES_BACKGROUND"] = "keep"
        return a.func(a)
    except UsageError as e:
        print(f"frontlines {a.cmd}: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
