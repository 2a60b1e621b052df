"""Score predictions against gold files (shared/gold/FORMAT.md): events, typing and places tasks."""
from __future__ import annotations

import json
import re
import statistics
from collections import Counter, defaultdict
from datetime import date
from typing import Iterable, Optional

from .geo import haversine_km

WINDOW_DAYS = {1: 1, 2: 7, 3: 31}
MATCH_KM = 50.0


def _days(a: Optional[str], b: Optional[str]) -> Optional[int]:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except (TypeError, ValueError):
        return None


def _km(g: dict, p: dict) -> Optional[float]:
    if g.get("latitude") is None or g.get("longitude") is None:
        return None
    if p.get("latitude") is None or p.get("longitude") is None:
        return float("inf")
    return haversine_km(g["latitude"], g["longitude"], p["latitude"], p["longitude"])


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", (s or "").lower()).strip()


def actor_ok(gold: dict, pred: dict, role: str) -> Optional[bool]:
    if role not in gold:
        return None
    names = {_norm(gold[role] or "")} | {_norm(a) for a in gold.get(f"{role}_aliases") or []}
    return _norm(pred.get(role) or "") in names


def compatible(g: dict, p: dict) -> Optional[float]:
    """A match cost when a prediction may be the gold event, else None."""
    if "event_type" in g and g["event_type"] != p.get("event_type"):
        return None
    cost = 0.0
    if g.get("event_date"):
        d = _days(g["event_date"], p.get("event_date"))
        if d is None or d > WINDOW_DAYS.get(int(g.get("time_precision") or 1), 1):
            return None
        cost += d
    km = _km(g, p)
    if km is not None:
        if km > MATCH_KM:
            return None
        cost += km / 10
    if "sub_event_type" in g and g["sub_event_type"] != p.get("sub_event_type"):
        cost += 5
    return cost


def match_events(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one matching, best (cheapest) pairs first."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            c = compatible(g, p)
            if c is not None:
                pairs.append((c, i, j))
    used_g, used_p, out = set(), set(), []
    for c, i, j in sorted(pairs):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def _hits_non_event(p: dict, fragments: list[str]) -> bool:
    ev = _norm(p.get("evidence", ""))
    return any(_norm(f) and (_norm(f) in ev or (ev and ev in _norm(f))) for f in fragments)


class Scorer:
    def __init__(self):
        self.c = Counter()
        self.loc_err: list[float] = []
        self.field = defaultdict(lambda: [0, 0])   # name -> [right, total]
        self.sub_gold: list[str] = []
        self.sub_pred: list[str] = []
        self.places = Counter()
        self.place_err: list[float] = []
        self.links: list[tuple] = []   # (doc, gold cluster, merged event id or None) for merge scoring
        self.gold_mentions: list[dict] = []

    def _tally(self, name: str, ok: Optional[bool]):
        if ok is not None:
            self.field[name][0] += int(ok)
            self.field[name][1] += 1

    def add(self, gold_line: dict, pred_line: dict):
        task = gold_line.get("task", "events")
        if task == "typing":
            self._typing(gold_line, pred_line)
        elif task == "places":
            self._places(gold_line, pred_line)
        else:
            self._events(gold_line, pred_line)

    def _events(self, gl: dict, pl: dict):
        gold, pred = gl.get("events") or [], pl.get("events") or []
        pairs = match_events(gold, pred)
        # an optional (background) gold event: a prediction matched to it is neither a hit nor a false
        # positive, and missing it is no miss (FORMAT.md)
        optional = {i for i, g in enumerate(gold) if g.get("optional")}
        background = {j for i, j in pairs if i in optional}
        pairs = [(i, j) for i, j in pairs if i not in optional]
        gold = [g if i not in optional else None for i, g in enumerate(gold)]
        pred = [p if j not in background else None for j, p in enumerate(pred)]
        self.c["optional_matched"] += len(background)
        self.c["docs"] += 1
        self.c["gold"] += sum(g is not None for g in gold)
        self.c["pred"] += sum(p is not None for p in pred)
        self.c["tp"] += len(pairs)
        matched_p = {j for _, j in pairs}
        for j, p in enumerate(pred):
            if p is not None and j not in matched_p and _hits_non_event(p, gl.get("non_events") or []):
                self.c["non_event_fp"] += 1
        matched_g = dict(pairs)
        for i, g in enumerate(gold):
            if g is not None and g.get("cluster"):
                self.gold_mentions.append({**g, "report_id": gl.get("doc_id")})
                j = matched_g.get(i)
                self.links.append((gl.get("doc_id"), g["cluster"], pred[j].get("merged_event_id") if j is not None else None))
        for i, j in pairs:
            g, p = gold[i], pred[j]
            if "sub_event_type" in g:
                self._tally("sub_event_type", g["sub_event_type"] == p.get("sub_event_type"))
            self._tally("actor1", actor_ok(g, p, "actor1"))
            if g.get("actor2") is not None or "actor2" in g:
                self._tally("actor2", actor_ok(g, p, "actor2"))
            if g.get("event_date"):
                self._tally("event_date", g["event_date"] == p.get("event_date"))
            if "fatalities" in g:
                self._tally("fatalities", int(g["fatalities"] or 0) == int(p.get("fatalities") or 0))
            if "time_precision" in g:
                self._tally("time_precision", g["time_precision"] == p.get("time_precision"))
            if "geo_precision" in g:
                self._tally("geo_precision", g["geo_precision"] == p.get("geo_precision"))
            if "admin1" in g:
                self._tally("admin1", _norm(g["admin1"]) in _norm(p.get("admin1") or "") if g["admin1"] else None)
            km = _km(g, p)
            if km is not None and km != float("inf"):
                self.loc_err.append(km)
        # location is also scored for every gold event whose type and date a prediction got right
        for i, g in enumerate(gold):
            if g is None or g.get("latitude") is None:
                continue
            best = None
            for p in pred:
                if p is None:
                    continue
                if "event_type" in g and g["event_type"] != p.get("event_type"):
                    continue
                km = _km(g, p)
                if km is not None and (best is None or km < best):
                    best = km
            self._tally("location_25km_any", best is not None and best <= 25)

    def _typing(self, gl: dict, pl: dict):
        gold = (gl.get("events") or [None])[0]
        pred = (pl.get("events") or [None])[0]
        self.c["typing_docs"] += 1
        if gold is None:
            self.c["typing_non_events"] += 1
            self.c["typing_rejected"] += int(pred is None)
            return
        self.c["typing_events"] += 1
        self.c["typing_type_ok"] += int(pred is not None and pred.get("event_type") == gold.get("event_type"))
        self.sub_gold.append(gold.get("sub_event_type"))
        self.sub_pred.append(pred.get("sub_event_type") if pred else "(none)")

    def _places(self, gl: dict, pl: dict):
        gold, pred = gl.get("places") or [], pl.get("places") or []
        used = set()
        self.c["places_gold"] += len(gold)
        self.c["places_pred"] += len(pred)
        for g in gold:
            for j, p in enumerate(pred):
                if j not in used and p["start"] < g["end"] and g["start"] < p["end"]:
                    used.add(j)
                    self.c["places_tp"] += 1
                    km = haversine_km(g["latitude"], g["longitude"], p["latitude"], p["longitude"])
                    self.place_err.append(km)
                    self.c["places_161"] += int(km <= 161)
                    break

    def report(self) -> dict:
        out: dict = {}
        c = self.c
        if c["docs"]:
            p = c["tp"] / c["pred"] if c["pred"] else 0.0
            r = c["tp"] / c["gold"] if c["gold"] else 0.0
            out["events"] = {"docs": c["docs"], "gold": c["gold"], "predicted": c["pred"], "matched": c["tp"],
                             "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                             "non_event_false_positives": c["non_event_fp"]}
            if c["optional_matched"]:   # background events found: neither hits nor false positives
                out["events"]["optional_matched"] = c["optional_matched"]
            for name, (right, total) in sorted(self.field.items()):
                out["events"][f"{name}_accuracy"] = right / total if total else None
                out["events"][f"{name}_n"] = total
            if self.loc_err:
                out["events"]["median_location_error_km"] = statistics.median(self.loc_err)
                out["events"]["location_within_25km"] = sum(e <= 25 for e in self.loc_err) / len(self.loc_err)
        if self.links:
            out["merge"] = merge_report(self.links)
            from .merge import cluster
            oracle = [(m["report_id"], m["cluster"], k) for k, group in enumerate(cluster(self.gold_mentions))
                      for m in group]
            out["merge_on_gold_events"] = merge_report(oracle)
        if c["typing_docs"]:
            labels = sorted(set(self.sub_gold))
            f1s = []
            for lab in labels:
                tp = sum(g == lab and p == lab for g, p in zip(self.sub_gold, self.sub_pred))
                fp = sum(g != lab and p == lab for g, p in zip(self.sub_gold, self.sub_pred))
                fn = sum(g == lab and p != lab for g, p in zip(self.sub_gold, self.sub_pred))
                f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
            out["typing"] = {
                "docs": c["typing_docs"],
                "event_type_accuracy": c["typing_type_ok"] / c["typing_events"] if c["typing_events"] else None,
                "sub_event_macro_f1": sum(f1s) / len(f1s) if f1s else None,
                "sub_event_accuracy": (sum(g == p for g, p in zip(self.sub_gold, self.sub_pred)) / len(self.sub_gold)
                                       if self.sub_gold else None),
                "non_events_rejected": (c["typing_rejected"] / c["typing_non_events"]
                                        if c["typing_non_events"] else None),
            }
        if c["places_gold"] or c["places_pred"]:
            p = c["places_tp"] / c["places_pred"] if c["places_pred"] else 0.0
            r = c["places_tp"] / c["places_gold"] if c["places_gold"] else 0.0
            out["places"] = {"gold": c["places_gold"], "predicted": c["places_pred"], "precision": p, "recall": r,
                             "f1": 2 * p * r / (p + r) if p + r else 0.0,
                             "accuracy_161km": c["places_161"] / c["places_tp"] if c["places_tp"] else None,
                             "median_error_km": statistics.median(self.place_err) if self.place_err else None}
        return out


def merge_report(links: list[tuple]) -> dict:
    """Pairwise merge scores over gold events from different reports: a pair is linked in gold
    when both have the same cluster, and predicted linked when both matched mentions went to one
    stored event. `recall_end_to_end` also counts gold pairs whose events were not extracted."""
    tp = pred_pairs = gold_pairs = gold_pairs_matched = 0
    for a in range(len(links)):
        for b in range(a + 1, len(links)):
            (da, ca, ea), (db, cb, eb) = links[a], links[b]
            if da == db:
                continue
            same_gold = ca == cb
            both = ea is not None and eb is not None
            same_pred = both and ea == eb
            gold_pairs += same_gold
            gold_pairs_matched += same_gold and both
            pred_pairs += same_pred and both
            tp += same_gold and same_pred
    p = tp / pred_pairs if pred_pairs else 0.0
    r = tp / gold_pairs_matched if gold_pairs_matched else 0.0
    matched = [x for x in links if x[2] is not None]
    return {"mentions": len(links), "mentions_extracted": len(matched), "gold_events": len({x[1] for x in links}),
            "stored_events_for_them": len({x[2] for x in matched}), "pair_precision": p, "pair_recall": r,
            "pair_f1": 2 * p * r / (p + r) if p + r else 0.0,
            "pair_recall_end_to_end": tp / gold_pairs if gold_pairs else 0.0}


def score(gold_lines: Iterable[dict], preds: dict[str, dict]) -> dict:
    s = Scorer()
    for gl in gold_lines:
        s.add(gl, preds.get(str(gl.get("doc_id")), {"events": [], "places": []}))
    return s.report()


def format_report(rep: dict) -> str:
    lines = []
    for section, vals in rep.items():
        lines.append(f"[{section}]")
        for k, v in vals.items():
            if k.endswith("_n"):
                continue
            n = vals.get(k[:-len("_accuracy")] + "_n") if k.endswith("_accuracy") else None
            val = f"{v:.3f}" if isinstance(v, float) else str(v)
            lines.append(f"  {k:32s} {val}" + (f"  (n={n})" if n is not None else ""))
    return "\n".join(lines)


def read_jsonl(path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
