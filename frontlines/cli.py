"""Command line: frontlines run | extract | eval | bench."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from . import __version__

HERE = Path(__file__).resolve().parent
BUNDLED = HERE / "samples"


def default_inputs() -> list[str]:
    """The bundled sample reports, plus the project's shared sample when it sits beside the clone."""
    found = sorted(str(p) for p in BUNDLED.glob("*") if p.suffix in (".txt", ".html"))
    for shared in (HERE.parent.parent / "shared" / "samples", Path.cwd().parent / "shared" / "samples"):
        if shared.is_dir():
            found += sorted(str(p) for p in shared.glob("*.txt"))
            break
    return found


def _progress(it, total=None, desc="reports", disable=False):
    from tqdm import tqdm
    return tqdm(it, total=total, desc=desc, unit=" rep", disable=disable, file=sys.stderr, dynamic_ncols=True)


def _count(inputs) -> int | None:
    n = 0
    from .ingest import JSONL_EXT, iter_paths
    for p in iter_paths(inputs):
        if p.suffix.lower() in JSONL_EXT:
            with open(p, "rb") as f:
                n += sum(1 for line in f if line.strip())
        else:
            n += 1
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


def print_table(events, out=sys.stdout):
    cols = [("event_date", 10), ("sub_event_type", 34), ("actor1", 30), ("actor2", 26), ("location", 22),
            ("fatalities", 4)]
    print("  ".join(f"{c[:w]:<{w}}" for c, w in cols), file=out)
    for e in events:
        print("  ".join(f"{str(getattr(e, c) if getattr(e, c) is not None else '')[:w]:<{w}}" for c, w in cols),
              file=out)


def _summary(results, rejected, out=sys.stderr):
    n_ev = sum(len(r.events) for r in results)
    print(f"{len(results)} reports processed, {n_ev} events, {len(rejected)} rejected", file=out)
    for r in rejected:
        print(f"  rejected {r.doc_id} ({r.source}): {r.reason}", file=out)


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
    from .export import write_csv, write_geojson, write_parquet
    inputs = a.inputs or default_inputs()
    results, rejected = _process(inputs, a.published, a.quiet)
    events = [e for r in results for e in r.events]
    print_table(events)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(events, out / "events.csv")
    write_geojson(events, out / "events.geojson")
    write_parquet(events, out / "events.parquet")
    _write_predictions(results, out / "predictions.jsonl")
    _summary(results, rejected)
    print(f"wrote {out}/events.csv, events.geojson, events.parquet, predictions.jsonl", file=sys.stderr)
    return 0


def cmd_extract(a):
    from .export import write_csv, write_geojson, write_parquet
    results, rejected = _process(a.inputs, a.published, a.quiet)
    _write_predictions(results, a.output)
    events = [e for r in results for e in r.events]
    if a.csv:
        write_csv(events, a.csv)
    if a.geojson:
        write_geojson(events, a.geojson)
    if a.parquet:
        write_parquet(events, a.parquet)
    if a.table:
        print_table(events, out=sys.stderr)
    _summary(results, rejected)
    return 0


def cmd_eval(a):
    from .evaluate import format_report, read_jsonl, score
    status = 0
    for gold_path in a.gold:
        gold = read_jsonl(gold_path)
        if a.limit:
            gold = gold[: a.limit]
        out_dir = Path(a.out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        pred_path = out_dir / (Path(gold_path).stem + ".pred.jsonl")
        t = time.time()
        import tempfile
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
            for line in gold:
                tmp.write(json.dumps(_gold_input(line, gold_path)) + "\n")
        results, rejected = _process([tmp.name], a.published, a.quiet)
        os.unlink(tmp.name)
        _write_predictions(results, pred_path)
        preds = {r.report.doc_id: json.loads(json.dumps(_pred(r))) for r in results}
        rep = score(gold, preds)
        with open(out_dir / (Path(gold_path).stem + ".scores.json"), "w", encoding="utf-8") as f:
            json.dump(rep, f, indent=1)
        print(f"== {gold_path}: {len(gold)} reports, {time.time() - t:.1f}s, predictions in {pred_path}")
        print(format_report(rep))
        if rejected:
            print(f"  ({len(rejected)} reports rejected: {rejected[0].reason} ...)")
        if a.json:
            with open(a.json, "a", encoding="utf-8") as f:
                f.write(json.dumps({"gold": str(gold_path), **rep}) + "\n")
    return status


def _gold_input(line: dict, gold_path) -> dict:
    """A gold line as pipeline input: text or a path made absolute; no gold answers passed on."""
    keep = {k: line[k] for k in ("doc_id", "text", "published", "source", "task") if k in line}
    if "path" in line and "text" not in line:
        keep["path"] = str((Path(gold_path).resolve().parent / line["path"]).resolve())
    return keep


def _pred(r):
    from .export import prediction_line
    return prediction_line(r.report.doc_id, r.events, r.places)


def cmd_bench(a):
    import resource
    inputs = a.inputs or default_inputs()
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


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="frontlines", description="Conflict events from news reports, ACLED-style.")
    p.add_argument("--version", action="version", version=f"frontlines {__version__}")
    sub = p.add_subparsers(dest="cmd", required=True)

    r = sub.add_parser("run", help="extract events from reports (default: the bundled samples), print a table, "
                                   "write CSV / GeoJSON / Parquet / predictions")
    r.add_argument("inputs", nargs="*")
    r.add_argument("--out", default="out", help="output folder (default: out/)")
    r.add_argument("--published", help="publication date (YYYY-MM-DD) for inputs that lack one")
    r.add_argument("-q", "--quiet", action="store_true")
    r.set_defaults(func=cmd_run)

    e = sub.add_parser("extract", help="extract events; write predictions (gold schema JSONL)")
    e.add_argument("inputs", nargs="+", help=".txt, .html, gold-format .jsonl files or folders")
    e.add_argument("-o", "--output", default="-", help="predictions JSONL (default: stdout)")
    e.add_argument("--published", help="publication date (YYYY-MM-DD) for inputs that lack one")
    e.add_argument("--csv", help="also write ACLED-column CSV")
    e.add_argument("--geojson", help="also write GeoJSON")
    e.add_argument("--parquet", help="also write Parquet")
    e.add_argument("--table", action="store_true", help="print an events table on stderr")
    e.add_argument("-q", "--quiet", action="store_true")
    e.set_defaults(func=cmd_extract)

    v = sub.add_parser("eval", help="score extraction against gold files (shared/gold/FORMAT.md)")
    v.add_argument("gold", nargs="+")
    v.add_argument("--out-dir", default="eval-out", help="folder for predictions and scores (default: eval-out/)")
    v.add_argument("--limit", type=int, help="score only the first N reports")
    v.add_argument("--published", help=argparse.SUPPRESS)
    v.add_argument("--json", help="append scores as JSON lines to this file")
    v.add_argument("-q", "--quiet", action="store_true")
    v.set_defaults(func=cmd_eval)

    b = sub.add_parser("bench", help="throughput (reports/s, sentences/s) and peak memory")
    b.add_argument("inputs", nargs="*")
    b.add_argument("--repeat", type=int, default=1)
    b.add_argument("--limit", type=int)
    b.add_argument("-q", "--quiet", action="store_true")
    b.set_defaults(func=cmd_bench)

    a = p.parse_args(argv)
    return a.func(a)


if __name__ == "__main__":
    sys.exit(main())
